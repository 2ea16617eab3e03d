//! A look at a page's start tags without parsing it: the raw attributes of every `<NAME …>`, read
//! as HTML's tokenizer reads attributes (quoted, unquoted, bare; the first of a repeated name
//! wins). Passes use it to decide, before the parse, that a page needs nothing from them, so a
//! finished page (a second run, `--check`, `folio audit`) is not parsed at all.
//!
//! It is a prefilter, not a parser: it also sees tags inside comments, scripts and code, which
//! only ever makes a pass say "parse" when the parse would change nothing. The values are raw
//! (character references not decoded), exactly as lol_html's `get_attribute` gives them.
//!
//! Written by hand: an HTML tokenizer crate (html5ever, lol_html itself) is the full parse this
//! exists to avoid, and the attribute grammar is a dozen lines.

/// One start tag's attributes, raw: `(name lower-cased, value)`.
pub type Attrs<'a> = Vec<(String, &'a str)>;

/// The tag names a [`Census`] records, ASCII lower-case. A name not in this list cannot be
/// asked for (a debug assertion says so): add it here.
pub const NAMES: [&str; 12] = [
    "a", "area", "button", "code", "embed", "form", "frame", "i", "iframe", "link", "object", "pre",
];

/// Where the start tags of [`NAMES`] are in a page, found in one scan of its `<`s: every
/// prefilter of every pass reads this instead of scanning the page again (a page holds thousands
/// of `<`; five passes scanning them each was most of a second run's time).
#[derive(Debug, Default)]
pub struct Census {
    /// `(byte offset of the '<', index in NAMES)`, in page order.
    tags: Vec<(u32, u8)>,
}

impl Census {
    /// The census of `source`. A name counts when the byte after it ends a tag name (white
    /// space, `/`, `>`) or the page ends there (a tag without an end is left to the parser).
    pub fn of(source: &str) -> Census {
        let bytes = source.as_bytes();
        let mut tags = Vec::new();
        for at in memchr::memchr_iter(b'<', bytes) {
            let start = at + 1;
            // Tag names of NAMES are at most 6 bytes; read up to 7 to see where the name ends.
            let mut name = [0u8; 7];
            let mut len = 0;
            while len < name.len() {
                match bytes.get(start + len) {
                    Some(&b) if b.is_ascii_alphabetic() => {
                        name[len] = b.to_ascii_lowercase();
                        len += 1;
                    }
                    _ => break,
                }
            }
            if len == 0 || len == name.len() {
                continue;
            }
            match bytes.get(start + len) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') | None => {}
                Some(_) => continue,
            }
            if let Some(index) = NAMES.iter().position(|n| n.as_bytes() == &name[..len])
                && let Ok(at) = u32::try_from(at)
            {
                tags.push((at, index as u8));
            }
        }
        Census { tags }
    }

    /// Where the start tags named any of `names` begin (their `<`), in page order, with the
    /// index in `names` of each one's name.
    pub fn starts<'s>(&'s self, names: &'s [&'s str]) -> impl Iterator<Item = (usize, usize)> + 's {
        debug_assert!(
            names.iter().all(|n| NAMES.contains(n)),
            "a census records only NAMES: {names:?}"
        );
        self.tags.iter().filter_map(move |&(at, i)| {
            let name = NAMES[usize::from(i)];
            names
                .iter()
                .position(|n| *n == name)
                .map(|w| (at as usize, w))
        })
    }

    /// Calls `f` with the attributes of each start tag named `name` in `source` (the page this
    /// census is of), in order, until `f` returns true; returns whether it did. A tag whose end
    /// is missing counts as `f` returning true (the page is left to the parser).
    pub fn any_start_tag(
        &self,
        source: &str,
        name: &str,
        mut f: impl FnMut(&Attrs<'_>) -> bool,
    ) -> bool {
        self.any_start_tag_of(source, &[name], |_, attrs| f(attrs))
    }

    /// [`Census::any_start_tag`] for start tags of any of `names`: `f` gets the index in `names`
    /// of the tag's name.
    pub fn any_start_tag_of(
        &self,
        source: &str,
        names: &[&str],
        mut f: impl FnMut(usize, &Attrs<'_>) -> bool,
    ) -> bool {
        debug_assert!(
            names.iter().all(|n| NAMES.contains(n)),
            "a census records only NAMES: {names:?}"
        );
        for &(at, index) in &self.tags {
            let name = NAMES[usize::from(index)];
            let Some(which) = names.iter().position(|n| *n == name) else {
                continue;
            };
            let after = at as usize + 1 + name.len();
            match source.get(after..).and_then(attributes) {
                Some((attrs, _)) if !f(which, &attrs) => {}
                _ => return true,
            }
        }
        false
    }
}

/// Where the next `<code …>…</code>` element at or after byte `from` ends (just past its end tag),
/// and where it starts, when its content is only text and `<span>`s: text there is code for any
/// HTML parser, whatever is around it (what Zola writes for code, highlighted or not). Passes
/// that leave code alone skip these ranges in their prefilters.
pub fn next_code(source: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = source.as_bytes();
    let mut search = from;
    loop {
        let start = search + memchr::memmem::find(&bytes[search..], b"<code")?;
        search = start + 5;
        if !matches!(bytes.get(search), Some(b' ' | b'\t' | b'\n' | b'\r' | b'>')) {
            continue;
        }
        let open_end = search + memchr::memchr(b'>', &bytes[search..])?;
        let mut at = open_end + 1;
        // Every tag inside must be `<span…>` or `</span>`, up to `</code>`.
        loop {
            let lt = at + memchr::memchr(b'<', &bytes[at..])?;
            let rest = &bytes[lt..];
            let starts =
                |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
            if starts(b"</code>") {
                return Some((start, lt + 7));
            }
            if starts(b"</span>") || (starts(b"<span") && matches!(rest.get(5), Some(b' ' | b'>')))
            {
                at = lt + 1;
                continue;
            }
            // Anything else: not a range to skip; look for the next code element after it.
            search = lt;
            break;
        }
    }
}

/// Whether the element `name` whose start tag ends at byte `from` is closed by its own end tag,
/// with every end tag before it closing an element opened after `from` (no stray `</div>`,
/// which lol_html, holding no tree, would take as closing the element too). Comments and the
/// text of `script` and `style` are skipped. A pass that wraps or replaces an element's whole
/// content asks this first: changing an element whose end is missing or misnested would make
/// the next run see a different structure (and could take what follows it).
pub fn closed_cleanly(source: &str, from: usize, name: &str) -> bool {
    let bytes = source.as_bytes();
    if from > bytes.len() {
        return false;
    }
    let mut at = from;
    let mut open: Vec<(String, u32)> = Vec::new();
    // A tag name runs to white space, `/` or `>`, as HTML's tokenizer reads it.
    let name_end = |i: usize| {
        bytes[i..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
            .map_or(bytes.len(), |n| i + n)
    };
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(end) => at = lt + 4 + end + 3,
                None => return false,
            }
            continue;
        }
        let end_tag = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(end_tag);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            at = lt + 1;
            continue;
        }
        let name_stop = name_end(name_start);
        let tag = source[name_start..name_stop].to_ascii_lowercase();
        // Past the tag's attributes (a `<` in a quoted value is no tag).
        let Some((_, len)) = attributes(&source[name_stop..]) else {
            return false;
        };
        at = name_stop + len;
        if end_tag {
            match open.iter_mut().find(|(n, _)| *n == tag) {
                Some((_, count)) if *count > 0 => *count -= 1,
                _ => return tag == name,
            }
            continue;
        }
        if matches!(tag.as_str(), "script" | "style") {
            let close = format!("</{tag}");
            let Some(end) = find_ignore_case(&bytes[at..], close.as_bytes()) else {
                return false;
            };
            at += end + close.len();
            continue;
        }
        match open.iter_mut().find(|(n, _)| *n == tag) {
            Some((_, count)) => *count += 1,
            None => open.push((tag, 1)),
        }
    }
    false
}

/// Where `needle` (ASCII lower-case) first occurs in `hay`, in any ASCII case.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether a space-separated attribute value (`rel`, `class`) holds `token`, in any case.
pub fn has_token(list: Option<&str>, token: &str) -> bool {
    list.is_some_and(|list| {
        list.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case(token))
    })
}

/// The value of `name` in `attrs`, if present.
pub fn get<'a>(attrs: &Attrs<'a>, name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
}

/// The attributes from just after the tag name to the tag's `>`, and where the tag ends (just
/// past the `>`); `None` when there is no end.
fn attributes(rest: &str) -> Option<(Attrs<'_>, usize)> {
    let b = rest.as_bytes();
    let mut attrs: Attrs<'_> = Vec::new();
    let mut i = 0;
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    loop {
        while i < b.len() && (space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return None,
            Some(b'>') => return Some((attrs, i + 1)),
            Some(_) => {}
        }
        // A name runs to white space, `/`, `>` or `=` (a leading `=` belongs to it).
        let start = i;
        i += 1;
        while i < b.len() && !space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = rest[start..i].to_ascii_lowercase();
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                None => return None,
                Some(&q @ (b'"' | b'\'')) => {
                    let end = i + 1 + memchr::memchr(q, &b[i + 1..])?;
                    value = &rest[i + 1..end];
                    i = end + 1;
                }
                Some(b'>') => {}
                Some(_) => {
                    let start = i;
                    while i < b.len() && !space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &rest[start..i];
                }
            }
        }
        if !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Census::any_start_tag`] on a census of `source` made for the call.
    fn any_start_tag(source: &str, name: &str, f: impl FnMut(&Attrs<'_>) -> bool) -> bool {
        Census::of(source).any_start_tag(source, name, f)
    }

    fn tags(source: &str, name: &str) -> Vec<Vec<(String, String)>> {
        let mut out = Vec::new();
        let ended = any_start_tag(source, name, |attrs| {
            out.push(
                attrs
                    .iter()
                    .map(|(n, v)| (n.clone(), (*v).to_owned()))
                    .collect(),
            );
            false
        });
        assert!(!ended, "every tag ends");
        out
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn an_element_is_closed_cleanly_only_by_its_own_end_tag() {
        let ends = |html: &str| {
            let from = html.find('>').unwrap() + 1;
            closed_cleanly(html, from, "ol")
        };
        assert!(ends("<ol><li>a<li>b</ol>"));
        assert!(ends(
            "<ol><li><ol><li>x</ol></li><!-- </p> --><script>'</div>'</script></ol>"
        ));
        assert!(ends("<ol><li><p>a</p><br></ol>"));
        assert!(!ends("<ol><li>a"), "no end");
        assert!(!ends("<ol><li>a</div></ol>"), "a stray end tag first");
        assert!(!ends("<ol><li><ol><li>x</ol>"), "only the inner list ends");
        assert!(!ends("<ol><!-- </ol>"));
        assert!(!ends("<ol><li><u</ol>"), "a tag named `u<`");
        assert!(
            !ends(r#"<ol><li><a title="</ol>">x</a>"#),
            "an end tag in a value"
        );
        assert!(ends(r#"<ol><li><a title="</ol>">x</a></ol>"#));
        assert!(!closed_cleanly("<ol>", 99, "ol"));
    }

    #[test]
    fn reads_attributes_as_the_tokenizer_does() {
        let html = r#"<p><a href="https://x.example/a>b" rel='noopener' target=_blank>x</a>
<A
  HREF = "/y"  data-x>y</a><abbr title=t>z</abbr><a/><a hidden href=me@uni.edu>"#;
        assert_eq!(
            tags(html, "a"),
            vec![
                pairs(&[
                    ("href", "https://x.example/a>b"),
                    ("rel", "noopener"),
                    ("target", "_blank")
                ]),
                pairs(&[("href", "/y"), ("data-x", "")]),
                pairs(&[]),
                pairs(&[("hidden", ""), ("href", "me@uni.edu")]),
            ]
        );
    }

    #[test]
    fn the_first_of_a_repeated_attribute_wins() {
        assert_eq!(
            tags(r#"<a href="/one" HREF="/two">"#, "a"),
            vec![pairs(&[("href", "/one")])]
        );
    }

    #[test]
    fn a_tag_without_an_end_is_left_to_the_parser() {
        assert!(any_start_tag(r#"<a href="/x"#, "a", |_| false));
        assert!(any_start_tag("<a href=/x", "a", |_| false));
        assert!(!any_start_tag("<abbr>", "a", |_| true));
    }

    #[test]
    fn code_ranges_hold_only_text_and_spans() {
        let html = r#"<p>a</p><pre><code data-lang="rs"><span class="x">:fire:</span>
</code></pre><p><code>b</code> <code><em>c</em></code><codex> <code>d"#;
        let (s1, e1) = next_code(html, 0).unwrap();
        assert_eq!(
            &html[s1..e1],
            "<code data-lang=\"rs\"><span class=\"x\">:fire:</span>\n</code>"
        );
        let (s2, e2) = next_code(html, e1).unwrap();
        assert_eq!(&html[s2..e2], "<code>b</code>");
        // `<em>` inside: not skipped; `<codex>` is another tag; the last one never ends.
        assert_eq!(next_code(html, e2), None);
    }

    #[test]
    fn stops_at_the_first_tag_the_callback_wants() {
        let mut seen = 0;
        assert!(any_start_tag("<a id=1><a id=2><a id=3>", "a", |attrs| {
            seen += 1;
            get(attrs, "id") == Some("2")
        }));
        assert_eq!(seen, 2);
    }
}
