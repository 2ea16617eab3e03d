//! math: LaTeX in text (`$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` display) becomes MathML
//! at build time, through pulldown-latex, so pages need no math JavaScript and no font from a
//! CDN. The LaTeX source stays in the MathML as an `application/x-tex` annotation.
//!
//! On every page when `[extra.folio.math] enabled = true`; otherwise only inside elements that
//! carry a `data-math` attribute (the folio theme writes it on `<body>` for pages with
//! `extra.math = true`). `data-math="false"` turns it off inside an element either way. Never
//! in verbatim elements (code, pre, script, style, math, …: see `passes::VERBATIM`), in
//! `<title>` or `<option>`, or in attribute values.
//!
//! An inline `$` opens a formula only when a non-space follows it, and closes one only after a
//! non-space and not before a digit, so prices (`$5 and $10`) stay text; `\$` is a dollar sign
//! (written `&#36;`, so that a second run sees no delimiter). A formula pulldown-latex cannot
//! convert stays as written and is reported with the file and the formula.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use lol_html::html_content::{ContentType, Element, TextChunk};
use lol_html::{DocumentContentHandlers, ElementContentHandlers, Selector};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage, push_mathml};

use super::emoji::replace_shortcodes;
use super::equations::Equations;
use super::text::{escape, unescape};
use super::{Handlers, Page, Pass, count_open, selector};
use crate::config::Config;

pub struct MathPass {
    /// Math on every page.
    site: bool,
    /// The emoji pass is on: text nodes this pass takes get their shortcodes replaced here.
    emoji: bool,
    flagged: Selector,
    skipped: [Selector; 2],
}

impl MathPass {
    pub fn new(config: &Config) -> Self {
        Self {
            site: config.folio.math.enabled,
            emoji: config.folio.emoji.enabled,
            flagged: selector("[data-math]"),
            skipped: [selector("title"), selector("option")],
        }
    }
}

#[derive(Default)]
struct State {
    regions: Regions,
    pending: RefCell<String>,
    equations: Equations,
}

/// Where in a page math is on, kept up to date during the parse: `[data-math]` regions on or
/// off, `<title>` and `<option>` skipped. Another pass that takes a text node before this one
/// (news, which rewrites an item's first text) asks it whether to convert that text's math.
#[derive(Default)]
pub(crate) struct Regions {
    site: bool,
    on: Rc<Cell<u32>>,
    off: Rc<Cell<u32>>,
    skip: Rc<Cell<u32>>,
}

impl Regions {
    /// Whether text at the parser's current point gets its math converted.
    pub(crate) fn active(&self, page: &Page<'_>) -> bool {
        (self.site || self.on.get() > 0)
            && self.off.get() == 0
            && self.skip.get() == 0
            && !page.in_verbatim()
    }
}

/// Whether a `data-math` value turns math off inside its element (`false`, `off`, `no`, `0`);
/// any other value, or none, turns it on.
pub(crate) fn turns_math_off(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "false" | "off" | "no" | "0"
    )
}

impl Pass for MathPass {
    fn name(&self) -> &'static str {
        "math"
    }

    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        let Some(regions) = self.regions(page, handlers) else {
            return;
        };
        let state = Rc::new(State {
            regions,
            equations: Equations::of_page(page.source),
            ..State::default()
        });

        let s = state;
        handlers.on_document(DocumentContentHandlers::default().text(
            move |chunk: &mut TextChunk<'_>| {
                if !s.regions.active(page) || chunk.removed() {
                    return Ok(());
                }
                let mut pending = s.pending.borrow_mut();
                pending.push_str(chunk.as_str());
                if !chunk.last_in_text_node() {
                    chunk.remove();
                    return Ok(());
                }
                let text = std::mem::take(&mut *pending);
                let buffered = text.len() != chunk.as_str().len();
                match convert(page, &text, self.emoji, &s.equations) {
                    Some(html) => chunk.replace(&html, ContentType::Html),
                    None if buffered => {
                        let text = if self.emoji {
                            replace_shortcodes(&text).into_owned()
                        } else {
                            text
                        };
                        chunk.replace(&text, ContentType::Html);
                    }
                    None => {} // one chunk, no math: left to the other passes
                }
                Ok(())
            },
        ));
    }
}

impl MathPass {
    /// Registers the handlers that keep a page's [`Regions`] up to date; None for a page where
    /// math can be on nowhere.
    pub(crate) fn regions<'h>(
        &'h self,
        page: &'h Page<'h>,
        handlers: &mut Handlers<'h>,
    ) -> Option<Regions> {
        if !self.site && !super::text::has(page.source, "data-math") {
            return None;
        }
        let regions = Regions {
            site: self.site,
            ..Regions::default()
        };
        let (on, off) = (regions.on.clone(), regions.off.clone());
        handlers.on(
            &self.flagged,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                let turned_off = turns_math_off(&el.get_attribute("data-math").unwrap_or_default());
                count_open(el, if turned_off { &off } else { &on });
                Ok(())
            }),
        );
        for skipped in &self.skipped {
            let skip = regions.skip.clone();
            handlers.on(
                skipped,
                ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                    count_open(el, &skip);
                    Ok(())
                }),
            );
        }
        Some(regions)
    }
}

/// The text of a news item (raw HTML text, its shortcodes already replaced) with its math
/// converted, for the news pass, which takes that text before this pass sees it. Equations
/// there are not numbered with the page's.
pub(crate) fn convert_taken_text(page: &Page<'_>, text: &str) -> Option<String> {
    convert(page, text, false, &Equations::default())
}

/// A piece of a text node.
#[derive(Debug, PartialEq)]
enum Piece<'t> {
    Text(&'t str),
    /// `\$`.
    Dollar,
    /// A formula: the whole source with delimiters, the LaTeX between them (raw HTML text).
    Math {
        source: &'t str,
        latex: &'t str,
        display: bool,
    },
}

/// Splits raw text into text, escaped dollars and formulas.
fn split(text: &str) -> Vec<Piece<'_>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    fn push_text<'t>(pieces: &mut Vec<Piece<'t>>, text: &'t str, from: usize, to: usize) {
        if from < to {
            pieces.push(Piece::Text(&text[from..to]));
        }
    }
    while i < bytes.len() {
        let found = match bytes[i] {
            b'\\' => match bytes.get(i + 1) {
                Some(b'$') => {
                    push_text(&mut pieces, text, copied, i);
                    pieces.push(Piece::Dollar);
                    i += 2;
                    copied = i;
                    continue;
                }
                Some(b'\\') => {
                    i += 2;
                    continue;
                }
                Some(b'(') => text[i + 2..]
                    .find("\\)")
                    .map(|n| (i + 2, i + 2 + n, 2, false)),
                Some(b'[') => text[i + 2..]
                    .find("\\]")
                    .map(|n| (i + 2, i + 2 + n, 2, true)),
                _ => None,
            },
            b'$' if bytes.get(i + 1) == Some(&b'$') => text[i + 2..]
                .find("$$")
                .map(|n| (i + 2, i + 2 + n, 2, true)),
            b'$' => inline_close(text, i + 1).map(|end| (i + 1, end, 1, false)),
            _ => None,
        };
        match found {
            Some((start, end, close_len, display)) if !text[start..end].trim().is_empty() => {
                push_text(&mut pieces, text, copied, i);
                let stop = end + close_len;
                pieces.push(Piece::Math {
                    source: &text[i..stop],
                    latex: &text[start..end],
                    display,
                });
                i = stop;
                copied = i;
            }
            _ => {
                i += if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'$') {
                    2
                } else {
                    1
                }
            }
        }
    }
    push_text(&mut pieces, text, copied, bytes.len());
    pieces
}

/// The closing `$` of an inline formula whose content starts at `start`: content starts with a
/// non-space, the closing `$` follows a non-space and is not followed by a digit.
fn inline_close(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes
        .get(start)
        .is_none_or(|b| b.is_ascii_whitespace() || *b == b'$')
    {
        return None;
    }
    let mut j = start;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'$' => {
                let before = bytes[j - 1];
                let after = bytes.get(j + 1);
                if !before.is_ascii_whitespace() && after.is_none_or(|b| !b.is_ascii_digit()) {
                    return Some(j);
                }
                return None;
            }
            _ => j += 1,
        }
    }
    None
}

/// The text node's HTML with its formulas as MathML; `None` when it holds no formula and no
/// escaped dollar.
fn convert(page: &Page<'_>, text: &str, emoji: bool, equations: &Equations) -> Option<String> {
    if !text.contains(['$', '\\']) {
        return None;
    }
    let pieces = split(text);
    if pieces.iter().all(|p| matches!(p, Piece::Text(_))) {
        return None;
    }
    let mut out = String::with_capacity(text.len() * 4);
    for piece in pieces {
        match piece {
            Piece::Text(t) if emoji => out.push_str(&replace_shortcodes(t)),
            Piece::Text(t) => out.push_str(t),
            Piece::Dollar => out.push_str("&#36;"),
            Piece::Math {
                source,
                latex,
                display,
            } => match formula(latex, display, equations) {
                Ok(html) => out.push_str(&html),
                Err(e) => {
                    page.report.warn_once(
                        &format!("math:{}:{source}", page.file.display()),
                        format!(
                            "{}: formula {source} not converted to MathML ({e}): left as written",
                            page.file.display()
                        ),
                    );
                    out.push_str(source);
                }
            },
        }
    }
    Some(out)
}

/// One formula as HTML: a reference to a numbered equation (a link), else MathML, numbered
/// when it is a display `equation`.
fn formula(latex: &str, display: bool, equations: &Equations) -> Result<String, String> {
    if let Some(link) = equations.reference(latex) {
        return Ok(link);
    }
    let mathml = to_mathml(latex, display)?;
    Ok(if display {
        equations.number(latex, mathml)
    } else {
        mathml
    })
}

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

    fn kinds(text: &str) -> Vec<String> {
        split(text)
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => format!("T({t})"),
                Piece::Dollar => "$".into(),
                Piece::Math { latex, display, .. } => {
                    format!("{}({latex})", if display { "D" } else { "I" })
                }
            })
            .collect()
    }

    #[test]
    fn delimiters() {
        assert_eq!(kinds("a $x^2$ b"), ["T(a )", "I(x^2)", "T( b)"]);
        assert_eq!(kinds("$$\\sum_i i$$"), ["D(\\sum_i i)"]);
        assert_eq!(kinds("\\(a\\) and \\[b\\]"), ["I(a)", "T( and )", "D(b)"]);
        assert_eq!(kinds("costs $5 and $10"), ["T(costs $5 and $10)"]);
        assert_eq!(kinds("a $ b $ c"), ["T(a $ b $ c)"]);
        assert_eq!(kinds("\\$x\\$"), ["$", "T(x)", "$"]);
        assert_eq!(kinds("$x$5"), ["T($x$5)"]);
        assert_eq!(kinds("$$ $$"), ["T($$ $$)"]);
        assert_eq!(kinds("unclosed $x"), ["T(unclosed $x)"]);
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
