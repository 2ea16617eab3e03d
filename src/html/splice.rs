//! Finishing a page without parsing it, when every change a page needs is to the attributes of
//! a few start tags (the stylesheet link's fingerprint and integrity, external links' `rel` and
//! `target`): [`start_tags`] finds those tags as lol_html's tokenizer would see them, outside
//! the verbatim elements, and [`StartTag`] changes one tag's attributes and writes it back
//! byte for byte as lol_html serialises a modified start tag. The engine splices the new tags
//! into the page; a test compares the result with the full rewrite on every fixture page.
//!
//! Both refuse what they are not sure of (a CDATA section, a `<noscript>`, a comment inside a
//! script, an unquoted attribute value, a stray end tag inside code…): the answer is then
//! `None`, and the page goes through the parser as before. Ordinary generated pages (Zola's
//! output) are never in doubt.
//!
//! Written by hand: the point is to skip the tokenizer, so no tokenizer crate can do it; what
//! it reads is the small part of HTML's tokenizer states a generated page uses.

use std::borrow::Cow;

use super::tags::NAMES;

/// One start tag to look at: where it starts (its `<`) and ends (just past its `>`), and the
/// index of its name in the `names` given to [`start_tags`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagAt {
    pub start: usize,
    pub end: usize,
    pub name: usize,
}

/// Elements whose content is raw text to the tokenizer, read to their end tag.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];
/// Elements whose content the tokenizer reads in ways this walk does not follow.
const REFUSED: [&str; 6] = [
    "noscript",
    "plaintext",
    "xmp",
    "noembed",
    "noframes",
    "iframe",
];
/// Elements without an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The start tags named any of `names` (each one of [`NAMES`]) in `source`, outside the
/// verbatim elements ([`super::VERBATIM`]) and outside comments and raw text, in page order;
/// `None` when the page holds anything the walk cannot follow with certainty.
pub fn start_tags(source: &str, names: &[&str]) -> Option<Vec<TagAt>> {
    debug_assert!(names.iter().all(|n| NAMES.contains(n)));
    let bytes = source.as_bytes();
    let verbatim = super::VERBATIM_NAMES;
    let mut found = Vec::new();
    // The elements open inside the outermost verbatim element, innermost last (empty: outside).
    let mut open: Vec<String> = Vec::new();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            if rest.starts_with(b"<!-->") || rest.starts_with(b"<!--->") {
                return None;
            }
            at = lt + 4 + memchr::memmem::find(&rest[4..], b"-->")? + 3;
            continue;
        }
        if rest.starts_with(b"<!") {
            if rest.len() < 9 || !rest[2..9].eq_ignore_ascii_case(b"doctype") {
                return None;
            }
            at = lt + memchr::memchr(b'>', rest)? + 1;
            continue;
        }
        if rest.starts_with(b"<?") {
            return None;
        }
        let end_tag = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(end_tag);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if end_tag {
                // `</` and no letter: a bogus comment to the tokenizer.
                return None;
            }
            at = lt + 1;
            continue;
        }
        let name_stop = bytes[name_start..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
            .map_or(bytes.len(), |n| name_start + n);
        let name = source[name_start..name_stop].to_ascii_lowercase();
        if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return None;
        }
        let tag_end = name_stop + tag_length(&bytes[name_stop..])?;
        at = tag_end;
        if end_tag {
            match open.last() {
                Some(top) if *top == name => {
                    open.pop();
                }
                // A stray end tag inside verbatim content, or the end of a verbatim element
                // that is not open: lol_html's count would not follow it the way this does.
                Some(_) => return None,
                None if verbatim.contains(&name.as_str()) => return None,
                None => {}
            }
            continue;
        }
        let self_closing = bytes[..tag_end - 1].ends_with(b"/");
        if REFUSED.contains(&name.as_str()) {
            return None;
        }
        if open.is_empty() {
            if verbatim.contains(&name.as_str()) {
                if self_closing {
                    return None;
                }
                open.push(name.clone());
            } else if let Some(index) = names.iter().position(|n| *n == name) {
                found.push(TagAt {
                    start: lt,
                    end: tag_end,
                    name: index,
                });
            }
        } else {
            let foreign = open.iter().any(|n| n == "svg" || n == "math");
            if foreign && RAW_TEXT.contains(&name.as_str()) {
                return None;
            }
            let no_end = VOID.contains(&name.as_str()) || (foreign && self_closing);
            if !no_end {
                open.push(name.clone());
            }
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let content = &bytes[tag_end..];
            let close = end_tag_at(content, &name)?;
            if name == "script" && memchr::memmem::find(&content[..close], b"<!--").is_some() {
                return None;
            }
            at = tag_end + close;
        }
    }
    // A verbatim element that never ends is open to the end of the page for lol_html's count
    // as for this walk: nothing after its start was recorded.
    Some(found)
}

/// The length of a tag from just after its name to just past its `>` (quoted values may hold
/// `>`), or `None` when it has no end.
fn tag_length(rest: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        match rest.get(i)? {
            b'>' => return Some(i + 1),
            &q @ (b'"' | b'\'') => i += 1 + memchr::memchr(q, &rest[i + 1..])? + 1,
            _ => i += 1,
        }
    }
}

/// Where the end tag `</name` (any case, then a character that ends a tag name) first is in
/// `content`.
fn end_tag_at(content: &[u8], name: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let lt = from + memchr::memmem::find(&content[from..], b"</")?;
        let after = lt + 2 + name.len();
        if content
            .get(lt + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && matches!(
                content.get(after),
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
            )
        {
            return Some(lt);
        }
        from = lt + 2;
    }
}

/// One attribute of a start tag: its name as written, its raw value (character references not
/// decoded), and its bytes in the page (`None` once changed).
#[derive(Debug, Clone)]
struct Attribute<'a> {
    name: Cow<'a, str>,
    value: Cow<'a, str>,
    raw: Option<&'a str>,
}

/// A start tag whose attributes can be changed and written back as lol_html writes a start tag
/// it modified: `<`, the name as written, each attribute after one space (unchanged ones as
/// written, changed and new ones as `name="value"` with `"` as `&quot;`), then `>` (` />` for a
/// self-closing tag with attributes).
#[derive(Debug, Clone)]
pub struct StartTag<'a> {
    text: &'a str,
    name: &'a str,
    attributes: Vec<Attribute<'a>>,
    self_closing: bool,
    modified: bool,
}

impl<'a> StartTag<'a> {
    /// Reads a whole start tag, `<name attr="v" …>`. `None` unless it is plain: attributes
    /// separated by white space, values double- or single-quoted (or absent) with `=` right
    /// between name and quote, a `/` only just before the `>`.
    pub fn parse(text: &'a str) -> Option<StartTag<'a>> {
        let b = text.as_bytes();
        if b.first() != Some(&b'<') || b.last() != Some(&b'>') {
            return None;
        }
        let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
        let name_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.');
        let mut i = 1;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == 1 {
            return None;
        }
        let name = &text[1..i];
        let last = b.len() - 1;
        let mut attributes = Vec::new();
        let mut self_closing = false;
        loop {
            let before = i;
            while i < last && space(b[i]) {
                i += 1;
            }
            if i == last {
                break;
            }
            if b[i] == b'/' {
                let mut j = i + 1;
                while j < last && space(b[j]) {
                    j += 1;
                }
                if j != last {
                    return None;
                }
                self_closing = true;
                break;
            }
            if before == i {
                // Attributes must be separated by white space.
                return None;
            }
            let start = i;
            while i < last && name_char(b[i]) {
                i += 1;
            }
            if start == i {
                return None;
            }
            let attr_name = &text[start..i];
            let mut value = "";
            if b[i] == b'=' {
                let q = *b.get(i + 1)?;
                if q != b'"' && q != b'\'' {
                    return None;
                }
                let close = i + 2 + memchr::memchr(q, &b[i + 2..last])?;
                value = &text[i + 2..close];
                i = close + 1;
            } else if i < last && !space(b[i]) && b[i] != b'/' {
                return None;
            }
            attributes.push(Attribute {
                name: Cow::Borrowed(attr_name),
                value: Cow::Borrowed(value),
                raw: Some(&text[start..i]),
            });
        }
        Some(StartTag {
            text,
            name,
            attributes,
            self_closing,
            modified: false,
        })
    }

    /// The tag's name, as written.
    pub fn name(&self) -> &str {
        self.name
    }

    /// The raw value of the first attribute called `name` (any case), as lol_html's
    /// `get_attribute` gives it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(|a| a.value.as_ref())
    }

    /// Sets the first attribute called `name` to `value`, or adds it at the end.
    pub fn set(&mut self, name: &str, value: &str) {
        self.modified = true;
        let name = name.to_ascii_lowercase();
        match self
            .attributes
            .iter_mut()
            .find(|a| a.name.eq_ignore_ascii_case(&name))
        {
            Some(a) => {
                a.value = Cow::Owned(value.to_owned());
                a.raw = None;
            }
            None => self.attributes.push(Attribute {
                name: Cow::Owned(name),
                value: Cow::Owned(value.to_owned()),
                raw: None,
            }),
        }
    }

    /// Removes every attribute called `name`.
    pub fn remove(&mut self, name: &str) {
        let before = self.attributes.len();
        self.attributes
            .retain(|a| !a.name.eq_ignore_ascii_case(name));
        if self.attributes.len() != before {
            self.modified = true;
        }
    }

    /// Appends the tag as it now is to `out`: as written when nothing changed.
    pub fn write(&self, out: &mut Vec<u8>) {
        if !self.modified {
            out.extend_from_slice(self.text.as_bytes());
            return;
        }
        out.push(b'<');
        out.extend_from_slice(self.name.as_bytes());
        for a in &self.attributes {
            out.push(b' ');
            match a.raw {
                Some(raw) => out.extend_from_slice(raw.as_bytes()),
                None => {
                    out.extend_from_slice(a.name.as_bytes());
                    out.extend_from_slice(b"=\"");
                    let mut parts = a.value.split('"');
                    if let Some(first) = parts.next() {
                        out.extend_from_slice(first.as_bytes());
                    }
                    for part in parts {
                        out.extend_from_slice(b"&quot;");
                        out.extend_from_slice(part.as_bytes());
                    }
                    out.push(b'"');
                }
            }
        }
        if self.self_closing {
            if !self.attributes.is_empty() {
                out.push(b' ');
            }
            out.extend_from_slice(b"/>");
        } else {
            out.push(b'>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Option<Vec<&str>> {
        start_tags(source, &["a", "link"]).map(|tags| {
            tags.iter()
                .map(|t| &source[t.start..t.end])
                .collect::<Vec<_>>()
        })
    }

    #[test]
    fn finds_the_tags_outside_code_comments_and_raw_text() {
        let page = r#"<!DOCTYPE html><html><head><title>a <a href=x></title>
<link rel="stylesheet" href="/s.css"><script>let a = "<a href=y>";</script></head>
<body><!-- <a href=z> --><p>x < y <A HREF="/1">1</A></p><pre><code><a href="/no">n</a></code></pre>
<div title="<a href=q>"><a href="/2" class=x>2</a></div><svg><a href="/s"/><path/></svg><a href='/3'></body>"#;
        assert_eq!(
            names(page).unwrap(),
            vec![
                r#"<link rel="stylesheet" href="/s.css">"#,
                r#"<A HREF="/1">"#,
                r#"<a href="/2" class=x>"#,
                "<a href='/3'>",
            ]
        );
    }

    #[test]
    fn refuses_what_it_cannot_follow() {
        for page in [
            "<p><![CDATA[x]]></p>",
            "<noscript><a href=x></noscript>",
            "<script><!-- <script></script> --></script>",
            "<pre><b></i></pre>",
            "</code>",
            "<p><!--> <a href=x></p>",
            "<? x ?>",
            "</ p>",
            "<a href=\"x",
            "<pre/>",
            "<svg><style><a></style></svg>",
        ] {
            assert_eq!(names(page), None, "{page}");
        }
    }

    #[test]
    fn writes_a_changed_tag_as_lol_html_does() {
        let mut tag = StartTag::parse("<A class=\"x\"\n  HREF='/a' class=\"y\" hidden>").unwrap();
        assert_eq!(tag.get("href"), Some("/a"));
        assert_eq!(tag.get("class"), Some("x"));
        let mut out = Vec::new();
        tag.write(&mut out);
        assert_eq!(
            out, b"<A class=\"x\"\n  HREF='/a' class=\"y\" hidden>",
            "unchanged"
        );
        tag.set("rel", "a\"b");
        tag.set("href", "/b");
        tag.remove("class");
        out.clear();
        tag.write(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<A HREF=\"/b\" hidden rel=\"a&quot;b\">"
        );
        let mut link = StartTag::parse("<link rel=\"stylesheet\"/>").unwrap();
        link.set("integrity", "x");
        let mut out = Vec::new();
        link.write(&mut out);
        assert_eq!(out, b"<link rel=\"stylesheet\" integrity=\"x\" />");
    }

    #[test]
    fn reads_only_plain_tags() {
        for tag in [
            "<a href=x>",
            "<a href = \"x\">",
            "<a href=\"x\"title=\"y\">",
            "<a / href=\"x\">",
            "<a href=\"x>",
            "<a =x>",
        ] {
            assert!(StartTag::parse(tag).is_none(), "{tag}");
        }
        assert!(StartTag::parse("<a href=\"x\" data-n='1' download>").is_some());
    }
}
