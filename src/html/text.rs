//! HTML text as lol_html hands it to passes (raw source: character references not decoded) to
//! plain text and back.

use std::borrow::Cow;

/// Named character references decoded here: the ones HTML writers emit in code and formulas.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("Tab", '\t'),
    ("NewLine", '\n'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("times", '×'),
    ("divide", '÷'),
    ("deg", '°'),
    ("middot", '·'),
    ("bull", '•'),
    ("plusmn", '±'),
    ("sect", '§'),
    ("para", '¶'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("shy", '\u{ad}'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
    ("lbrace", '{'),
    ("rbrace", '}'),
    ("lbrack", '['),
    ("rbrack", ']'),
    ("bsol", '\\'),
    ("dollar", '$'),
    ("num", '#'),
    ("grave", '`'),
    ("Hat", '^'),
    ("lowbar", '_'),
    ("verbar", '|'),
    ("ast", '*'),
];

/// Names that browsers also decode without the semicolon (the common ones): text holding one of
/// them unterminated is not decoded here, since guessing wrong would change what readers see.
const LEGACY_PREFIXES: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Whether `needle` occurs in `hay`: the passes' page prefilters, which read whole pages, with
/// memchr's SIMD substring search.
pub(crate) fn has(hay: &str, needle: &str) -> bool {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some()
}

/// Whether `hay` has an `<i` or `<I` start tag with attributes (`<i` and a space, tab or line
/// break): the icons pass's prefilter, read off the page's census of start tags.
pub(crate) fn has_i_tag(hay: &str, census: &super::tags::Census) -> bool {
    let bytes = hay.as_bytes();
    census
        .starts(&["i"])
        .any(|(at, _)| matches!(bytes.get(at + 2), Some(b' ' | b'\n' | b'\t' | b'\r')))
}

/// Decodes the character references in raw HTML text. `None` when the text holds a reference
/// this module cannot decode with certainty (an unknown name, a legacy reference without `;`,
/// a C1 control number): callers then leave the text as it is.
pub(crate) fn unescape(raw: &str) -> Option<Cow<'_, str>> {
    if !raw.contains('&') {
        return Some(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (num, 10),
            };
            let len = digits
                .find(|c: char| !c.is_digit(radix))
                .unwrap_or(digits.len());
            if len == 0 || !digits[len..].starts_with(';') {
                return None;
            }
            let code = u32::from_str_radix(&digits[..len], radix).ok()?;
            if (0x80..=0x9f).contains(&code) {
                return None; // browsers map these through windows-1252
            }
            out.push(match char::from_u32(code) {
                Some('\0') | None => '\u{fffd}',
                Some(c) => c,
            });
            rest = &digits[len + 1..];
            continue;
        }
        let len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if len == 0 {
            out.push('&'); // a lone ampersand is text
            continue;
        }
        let name = &rest[..len];
        if rest[len..].starts_with(';') {
            let &(_, c) = NAMED.iter().find(|(n, _)| *n == name)?;
            out.push(c);
            rest = &rest[len + 1..];
        } else if LEGACY_PREFIXES.iter().any(|p| name.starts_with(p)) {
            return None;
        } else {
            out.push('&');
        }
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

/// Appends `text` to `out` escaped for HTML text content.
pub(crate) fn escape_into(text: &str, out: &mut String) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// `text` escaped for HTML text content or a double-quoted attribute value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefilters_find_what_they_look_for() {
        assert!(has("a <div class=\"profile\">", "profile"));
        assert!(!has("a <div class=\"profil\">", "profile"));
        for yes in [
            "<i class=x>",
            "a<I class=x>",
            "<i\nclass=x>",
            "x <i\tclass>",
            "<i\r\nclass>",
        ] {
            assert!(
                has_i_tag(yes, &super::super::tags::Census::of(yes)),
                "{yes}"
            );
        }
        for no in [
            "<img src=x>",
            "<i>plain</i>",
            "<iframe src=x>",
            "text i class",
            "<",
            "<i",
        ] {
            assert!(!has_i_tag(no, &super::super::tags::Census::of(no)), "{no}");
        }
    }

    #[test]
    fn decodes_what_writers_emit() {
        assert_eq!(
            unescape("a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#x27; &#36;").as_deref(),
            Some("a < b && c > \"d\" 'e' $")
        );
        assert_eq!(unescape("AT&T & co").as_deref(), Some("AT&T & co"));
        assert_eq!(
            unescape("&#0;&#x110000;").as_deref(),
            Some("\u{fffd}\u{fffd}")
        );
        assert_eq!(unescape("plain").as_deref(), Some("plain"));
    }

    #[test]
    fn refuses_what_it_cannot_decode_for_sure() {
        assert_eq!(unescape("&unknownname;"), None);
        assert_eq!(unescape("&ampx"), None);
        assert_eq!(unescape("&#150;"), None);
        assert_eq!(unescape("&#12"), None);
    }

    #[test]
    fn escapes_and_round_trips() {
        let text = "if a < b && c > \"d\" { x }";
        assert_eq!(
            escape(text),
            "if a &lt; b &amp;&amp; c &gt; &quot;d&quot; { x }"
        );
        assert_eq!(unescape(&escape(text)).as_deref(), Some(text));
    }
}
