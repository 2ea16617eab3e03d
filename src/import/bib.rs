//! BibTeX files: the repairs Zola's parser needs.
//!
//! jekyll-scholar (bibtex-ruby) accepts a bare value that is no `@string` macro, such as
//! `url=https://arxiv.org/abs/1905.13149` or `month=May`; Zola's parser (nom-bibtex) refuses
//! it (the value must be a number, a defined macro, `jan`…`dec`, or text in braces or quotes)
//! and the whole site fails to build. [`repair`] puts such values in braces, field by field,
//! and says where; everything else is left byte for byte. A file it cannot follow is returned
//! unchanged.

/// A value put in braces: (1-based line, field, value).
pub type Fix = (usize, String, String);

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The repaired text and what was changed (`None` when nothing was).
pub fn repair(text: &str) -> Option<(String, Vec<Fix>)> {
    let macros = string_macros(text);
    let mut fixes: Vec<(usize, usize, String)> = Vec::new(); // (start, end, field)
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find('@') {
        let start = i + at + 1;
        let (kind, after_kind) = ident(text, skip_ws(text, start));
        if kind.is_empty() {
            i = start;
            continue;
        }
        let open = skip_ws(text, after_kind);
        let close_char = match bytes.get(open) {
            Some(b'{') => b'}',
            Some(b'(') => b')',
            _ => {
                i = start;
                continue;
            }
        };
        let lower = kind.to_ascii_lowercase();
        if matches!(lower.as_str(), "comment" | "string" | "preamble") {
            i = matching(bytes, open)?;
            continue;
        }
        // The key, then `field = value` pairs.
        let comma = text[open..].find(',')? + open;
        let mut p = comma + 1;
        loop {
            p = skip_ws(text, p);
            match bytes.get(p) {
                Some(&c) if c == close_char => {
                    p += 1;
                    break;
                }
                Some(b',') => {
                    p += 1;
                    continue;
                }
                None => return None,
                _ => {}
            }
            let (field, after_field) = ident(text, p);
            if field.is_empty() {
                return None;
            }
            p = skip_ws(text, after_field);
            if bytes.get(p) != Some(&b'=') {
                return None;
            }
            p += 1;
            // value ( # value )*
            loop {
                p = skip_ws(text, p);
                match bytes.get(p)? {
                    b'{' => p = matching(bytes, p)?,
                    b'"' => p = quoted_end(bytes, p)?,
                    _ => {
                        // A bare value ends at white space or any delimiter: a brace or quote
                        // inside one (`h{}`) is nothing it can follow, so the file is left.
                        let end = text[p..]
                            .find(|c: char| {
                                c.is_whitespace()
                                    || matches!(c, ',' | '#' | '{' | '}' | '(' | ')' | '"')
                            })
                            .map_or(text.len(), |e| p + e);
                        let token = &text[p..end];
                        if token.is_empty() {
                            return None;
                        }
                        let number = token.chars().all(|c| c.is_ascii_digit());
                        let known = macros.iter().any(|m| m == token) || MONTHS.contains(&token);
                        let ident_chars = token
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
                        if !(number || known && ident_chars) {
                            fixes.push((p, end, field.to_owned()));
                        }
                        p = end;
                    }
                }
                let q = skip_ws(text, p);
                if bytes.get(q) == Some(&b'#') {
                    p = q + 1;
                } else {
                    break;
                }
            }
        }
        i = p;
    }
    if fixes.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + fixes.len() * 2);
    let mut last = 0;
    let mut report = Vec::new();
    for (start, end, field) in fixes {
        out.push_str(&text[last..start]);
        out.push('{');
        out.push_str(&text[start..end]);
        out.push('}');
        last = end;
        let line = text[..start].matches('\n').count() + 1;
        report.push((line, field, text[start..end].to_owned()));
    }
    out.push_str(&text[last..]);
    Some((out, report))
}

/// Names defined by `@string{name = …}`.
fn string_macros(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while let Some(at) = lower[i..].find("@string") {
        let mut p = skip_ws(text, i + at + "@string".len());
        if matches!(text.as_bytes().get(p), Some(b'{' | b'(')) {
            p += 1;
        }
        let (name, _) = ident(text, skip_ws(text, p));
        if !name.is_empty() {
            names.push(name.to_owned());
        }
        i += at + 1;
    }
    names
}

fn skip_ws(text: &str, mut p: usize) -> usize {
    while let Some(c) = text[p..].chars().next() {
        if c.is_whitespace() {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    p
}

/// An identifier (nom-bibtex's: alphanumeric, `_`, `-`) at `p`, and where it ends.
fn ident(text: &str, p: usize) -> (&str, usize) {
    let end = text[p..]
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(text.len(), |e| p + e);
    (&text[p..end], end)
}

/// After the brace (or parenthesis) group opening at `open`.
fn matching(bytes: &[u8], open: usize) -> Option<usize> {
    let (o, c) = match bytes[open] {
        b'(' => (b'(', b')'),
        _ => (b'{', b'}'),
    };
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate().skip(open) {
        if b == o {
            depth += 1;
        } else if b == c {
            depth -= 1;
            if depth == 0 {
                return Some(i + 1);
            }
        }
    }
    None
}

/// After the quoted value opening at `open` (quotes inside braces do not close it).
fn quoted_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.checked_sub(1)?,
            b'"' if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_values_get_braces() {
        let bib = "---\n---\n@string{aps = {American Physical Society,}}\n\n@article{han2019art,\nbibtex_show={true},\n  title={The Art},\n  year={2019},\n  url=https://arxiv.org/abs/1905.13149\n}\n\n@article{b, publisher=aps, month=may, year=2020, note = \"a\" # aps, month2=May}\n";
        let (out, fixes) = repair(bib).unwrap();
        assert!(
            out.contains("url={https://arxiv.org/abs/1905.13149}\n}"),
            "{out}"
        );
        assert!(out.contains("publisher=aps, month=may, year=2020"), "{out}");
        assert!(out.contains("month2={May}"), "{out}");
        assert_eq!(
            fixes,
            vec![
                (
                    9,
                    "url".to_owned(),
                    "https://arxiv.org/abs/1905.13149".to_owned()
                ),
                (12, "month2".to_owned(), "May".to_owned()),
            ]
        );
    }

    #[test]
    fn valid_files_are_untouched() {
        let bib = "@book{x,\n  title={A {Nested} Title},\n  author=\"Doe, J. and {R}oe, K.\",\n  year=1999,\n}\n@comment{ anything @ goes }\n@preamble{ \"x\" }\n";
        assert_eq!(repair(bib), None);
        assert_eq!(repair(""), None);
        // Something it cannot follow: left alone.
        assert_eq!(repair("@article{x, title={unclosed\n"), None);
        // A bare value running into a brace or a quote: not a value it can put in braces.
        assert_eq!(repair("@a{k, m=h{}, n=x}"), None);
        assert_eq!(repair("@a{k, m=h\"q\", n=x}"), None);
    }
}
