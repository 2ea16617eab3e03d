//! Whether a URL, as written in an HTML attribute, would run script or open a document made of
//! the URL itself: the `javascript:`, `vbscript:` and `data:` schemes. Such a URL never becomes a
//! link in a page folio finishes.
//!
//! Browsers read the scheme after decoding character references (`java&#x09;script:`), removing
//! every ASCII tab and newline (`java\tscript:`), and trimming leading C0 controls and spaces, all
//! case-insensitively; this module reads it the same way.
//!
//! Written by hand: an HTML entity decoder crate would decode the whole value, and only numeric
//! references, `&colon;`, `&Tab;` and `&NewLine;` can spell a scheme (HTML has no named reference
//! for an ASCII letter, digit, `+`, `-` or `.`).

/// The schemes that never become links.
const UNSAFE: [&str; 3] = ["javascript", "vbscript", "data"];

/// Whether `raw` (an attribute value as written, character references not decoded) has a
/// scheme that runs script or makes a document of the URL itself.
pub fn is_unsafe(raw: &str) -> bool {
    let scheme = scheme_of(raw);
    UNSAFE.iter().any(|s| scheme.eq_ignore_ascii_case(s))
}

/// The scheme as a browser reads it (empty when there is none), at most a few bytes long:
/// nothing longer than the longest unsafe scheme is needed.
fn scheme_of(raw: &str) -> String {
    let mut scheme = String::new();
    let mut chars = Decoded::new(raw).skip_while(|c| *c <= ' ');
    loop {
        match chars.next() {
            Some(':') => return scheme,
            Some('\t' | '\n' | '\r') => {}
            Some(c) if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                if scheme.len() > 16 {
                    return String::new();
                }
                scheme.push(c);
            }
            _ => return String::new(),
        }
    }
}

/// The characters of an attribute value with its character references decoded, as far as a
/// scheme can be spelled with them; any other reference is left as its `&`.
struct Decoded<'a> {
    rest: &'a str,
}

impl<'a> Decoded<'a> {
    fn new(raw: &'a str) -> Self {
        Self { rest: raw }
    }
}

impl Iterator for Decoded<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.rest.chars().next()?;
        if c == '&'
            && let Some((decoded, len)) = reference(self.rest)
        {
            self.rest = &self.rest[len..];
            return Some(decoded);
        }
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }
}

/// The character a reference at the start of `s` (which starts with `&`) stands for, and its
/// length in bytes. Numeric references need no `;`, as browsers read them.
fn reference(s: &str) -> Option<(char, usize)> {
    for (name, c) in [("&colon;", ':'), ("&Tab;", '\t'), ("&NewLine;", '\n')] {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    let body = s.strip_prefix("&#")?;
    let (hex, digits_at) = match body.as_bytes().first() {
        Some(b'x' | b'X') => (true, 3),
        _ => (false, 2),
    };
    let radix = if hex { 16 } else { 10 };
    let digits = &s[digits_at..];
    let len = digits
        .bytes()
        .take_while(|b| (*b as char).is_digit(radix))
        .count();
    if len == 0 {
        return None;
    }
    // Leading zeros are allowed and many; a value past Unicode's range is U+FFFD.
    let value = digits[..len].chars().fold(0u32, |value, d| {
        value
            .saturating_mul(radix)
            .saturating_add(d.to_digit(radix).unwrap_or(0))
    });
    let c = char::from_u32(value).unwrap_or('\u{fffd}');
    let semicolon = usize::from(digits.as_bytes().get(len) == Some(&b';'));
    Some((c, digits_at + len + semicolon))
}

#[cfg(test)]
mod tests {
    use super::is_unsafe;

    #[test]
    fn scripts_in_every_spelling_are_unsafe() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "\u{1}\u{1f} javascript:x",
            "\tjava\tscript:x",
            "java\nscript:x",
            "java\r\nscript:x",
            "java&#x09;script:x",
            "java&#9;script:x",
            "java&Tab;script:x",
            "javascript&colon;x",
            "&#106;avascript:x",
            "&#106avascript:x",
            "&#x6A;avascript:x",
            "&#0000106;avascript:x",
            "vbscript:msgbox",
            "data:text/html,<script>x</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
        ] {
            assert!(is_unsafe(url), "{url:?}");
        }
    }

    #[test]
    fn ordinary_links_are_safe() {
        for url in [
            "https://example.org/javascript:x",
            "/blog/data:x",
            "mailto:a@b.org",
            "#javascript:",
            "?data:x",
            "javascript",
            "java script:x",
            "javascripts:x",
            "my-data:x",
            "",
            "&",
            "&#;",
            "&#xZZ;",
            "&#99999999999999999999;x",
            "é:x",
            "//evil.example/x",
        ] {
            assert!(!is_unsafe(url), "{url:?}");
        }
    }
}
