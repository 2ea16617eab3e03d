//! LaTeX to MathML at build time (pulldown-latex), with the bounds that keep a hostile formula
//! from taking minutes, and equation numbering as al-folio's MathJax gives it ([`equations`]).

pub mod equations;

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage, push_mathml};

use crate::html::text::{escape, unescape};

/// One formula (raw HTML text between its delimiters) as MathML.
pub fn to_mathml(raw: &str, display: bool) -> Result<String, String> {
    let latex = unescape(raw)
        .ok_or("it holds a character reference folio does not decode")?
        .into_owned();
    let latex = latex.trim();
    if let Some(depth) = nesting_over(latex, MAX_DEPTH) {
        return Err(format!(
            "it nests groups {depth} deep or more; folio converts formulas up to {MAX_DEPTH} deep"
        ));
    }
    if latex.len() > MAX_LEN {
        return Err(format!(
            "it is {} kB long; folio converts formulas up to {} kB",
            latex.len() / 1024,
            MAX_LEN / 1024
        ));
    }
    let typeset = without_labels(latex);
    crate::guard::catch(|| {
        let storage = Storage::new();
        let events: Vec<_> = Parser::new(&typeset, &storage).collect();
        if let Some(e) = events.iter().find_map(|e| e.as_ref().err()) {
            let message = e.to_string();
            let first = message.lines().next().unwrap_or("");
            return Err(first
                .trim_start_matches("parsing error: ")
                .trim()
                .to_owned());
        }
        let annotation = escape(latex);
        let config = RenderConfig {
            display_mode: if display {
                DisplayMode::Block
            } else {
                DisplayMode::Inline
            },
            annotation: Some(&annotation),
            ..RenderConfig::default()
        };
        let mut out = String::new();
        push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
        Ok(escape_text(&out))
    })
    .unwrap_or_else(|_| Err("the LaTeX converter failed on it".into()))
}

/// Formulas nested deeper than this (braces, `\left`, `\begin`) are left as written: the
/// converter's time grows quickly with depth (100,000 nested braces took it a minute), and no
/// real formula comes near.
const MAX_DEPTH: usize = 100;

/// Formulas longer than this (bytes of LaTeX) are left as written, for the same reason.
const MAX_LEN: usize = 64 * 1024;

/// `limit` when `latex` opens more than `limit` groups at once, None otherwise.
fn nesting_over(latex: &str, limit: usize) -> Option<usize> {
    let bytes = latex.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let rest = &bytes[i..];
        if b == b'\\' {
            if rest.starts_with(b"\\left") || rest.starts_with(b"\\begin") {
                depth += 1;
            } else if rest.starts_with(b"\\right") || rest.starts_with(b"\\end") {
                depth = depth.saturating_sub(1);
            }
            i += 2;
            continue;
        }
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > limit {
            return Some(limit);
        }
        i += 1;
    }
    None
}

/// `latex` without its `\label{…}` commands: they only name an equation for `\eqref` (which
/// MathML has no way to do) and pulldown-latex does not know them; the annotation keeps them.
fn without_labels(latex: &str) -> std::borrow::Cow<'_, str> {
    if !latex.contains("\\label") {
        return latex.into();
    }
    let mut out = String::with_capacity(latex.len());
    let mut rest = latex;
    while let Some(at) = rest.find("\\label") {
        let after = rest[at + 6..].trim_start();
        let closed = after
            .strip_prefix('{')
            .and_then(|inner| inner.find('}').map(|end| &inner[end + 1..]));
        // `\labels` or a `\label` without its braces is not ours to drop.
        let letter_follows = rest[at + 6..].starts_with(|c: char| c.is_ascii_alphabetic());
        match closed {
            Some(tail) if !letter_follows => {
                out.push_str(&rest[..at]);
                rest = tail;
            }
            _ => {
                out.push_str(&rest[..at + 6]);
                rest = &rest[at + 6..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// pulldown-latex writes operators such as `<` raw (`<mo><</mo>`): escapes `<`, `>` and `&`
/// outside tags and character references, so the page stays well-formed.
fn escape_text(mathml: &str) -> String {
    let mut out = String::with_capacity(mathml.len() + 16);
    let mut rest = mathml;
    while let Some(at) = rest.find(['<', '>', '&']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let b = tail.as_bytes();
        let advance = match b[0] {
            b'<' if b.get(1).is_some_and(|c| c.is_ascii_alphabetic())
                || (b.get(1) == Some(&b'/')
                    && b.get(2).is_some_and(|c| c.is_ascii_alphabetic())) =>
            {
                match tail.find('>') {
                    Some(end) => {
                        out.push_str(&tail[..=end]);
                        end + 1
                    }
                    None => {
                        out.push_str("&lt;");
                        1
                    }
                }
            }
            b'<' => {
                out.push_str("&lt;");
                1
            }
            b'>' => {
                out.push_str("&gt;");
                1
            }
            _ => {
                let name = tail[1..]
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
                    .map(|n| &tail[1..1 + n]);
                match name {
                    Some(name) if !name.is_empty() && tail[1 + name.len()..].starts_with(';') => {
                        out.push('&');
                        1
                    }
                    _ => {
                        out.push_str("&amp;");
                        1
                    }
                }
            }
        };
        rest = &tail[advance..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_dropped_for_the_converter_and_kept_in_the_annotation() {
        assert_eq!(without_labels("a \\label{eq:1} = b"), "a  = b");
        assert_eq!(without_labels("\\label {x}a\\label{y}"), "a");
        assert_eq!(without_labels("\\labels{x}"), "\\labels{x}");
        assert_eq!(without_labels("\\label"), "\\label");
        let m = to_mathml("\\begin{equation}\\label{eq:a} a = b \\end{equation}", true).unwrap();
        assert!(
            m.contains(r"\label{eq:a} a = b \end{equation}</annotation>"),
            "{m}"
        );
        assert!(!m.contains("merror"), "{m}");
    }

    /// A formula nested far deeper than any real one is refused at once, not converted for a
    /// minute or overflowing the stack.
    #[test]
    fn deep_and_long_formulas_are_refused() {
        let deep = format!("{}x{}", "{".repeat(100_000), "}".repeat(100_000));
        assert!(to_mathml(&deep, false).unwrap_err().contains("deep"));
        let lefts = "\\left( ".repeat(1000);
        assert!(to_mathml(&lefts, false).unwrap_err().contains("deep"));
        let long = "x+".repeat(40_000);
        assert!(to_mathml(&long, false).unwrap_err().contains("long"));
        let fine = format!("{}x{}", "{".repeat(50), "}".repeat(50));
        assert!(to_mathml(&fine, false).is_ok());
    }

    #[test]
    fn converts_and_refuses() {
        let inline = to_mathml("a &lt; b", false).unwrap();
        assert!(inline.starts_with(r#"<math display="inline">"#), "{inline}");
        assert!(inline.contains("<mo>&lt;</mo>"), "{inline}");
        assert!(
            to_mathml("a &gt; b \\&amp; c", false)
                .unwrap()
                .contains("<mo>&gt;</mo>")
        );
        assert!(
            inline.contains(r#"<annotation encoding="application/x-tex">a &lt; b</annotation>"#)
        );
        assert!(
            to_mathml("\\frac{1}{2}", true)
                .unwrap()
                .starts_with(r#"<math display="block">"#)
        );
        assert!(to_mathml("\\frac{1}{", false).is_err());
        assert!(to_mathml("\\notacommand", false).is_err());
    }
}
