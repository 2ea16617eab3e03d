//! math: LaTeX in text (`$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` display) becomes MathML
//! at build time, through pulldown-latex, so pages need no math JavaScript and no font from a
//! CDN. The LaTeX source stays in the MathML as an `application/x-tex` annotation.
//!
//! On every page when `[extra.folio.math] enabled = true`; otherwise only inside elements that
//! carry a `data-math` attribute (the folio theme writes it on `<body>` for pages with
//! `extra.math = true`). `data-math="false"` turns it off inside an element either way. Never
//! in verbatim elements (code, pre, script, style, math, …: see `html::VERBATIM`), in
//! `<title>` or `<option>`, or in attribute values.
//!
//! An inline `$` opens a formula only when a non-space follows it, and closes one only after a
//! non-space and not before a digit, so prices (`$5 and $10`) stay text; `\$` is a dollar sign
//! (written `&#36;`, so that a second run sees no delimiter). A formula pulldown-latex cannot
//! convert stays as written and is reported with the file and the formula.

use std::cell::Cell;
use std::rc::Rc;

use lol_html::html_content::{ContentType, Element, TextChunk};
use lol_html::{DocumentContentHandlers, ElementContentHandlers, Selector};

use super::emoji::replace_shortcodes;
use super::{Handlers, Page, Pass};
use crate::config::Config;
use crate::html::chunks::TextNode;
use crate::html::{count_open, selector};
use crate::render::math::equations::Equations;
use crate::render::math::to_mathml;

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
            site: config.folio.math.everywhere,
            emoji: config.folio.emoji.enabled,
            flagged: selector("[data-math]"),
            skipped: [selector("title"), selector("option")],
        }
    }
}

#[derive(Default)]
struct State {
    regions: Regions,
    node: TextNode,
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
                let Some(whole) = s.node.whole(chunk) else {
                    return Ok(());
                };
                let buffered = whole.buffered();
                let at = whole.start;
                let text = whole.text;
                match convert(page, at, &text, self.emoji, &s.equations) {
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
        if !self.site && !crate::html::text::has(page.source, "data-math") {
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
pub(crate) fn convert_taken_text(page: &Page<'_>, at: usize, text: &str) -> Option<String> {
    convert(page, at, text, false, &Equations::default())
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
fn convert(
    page: &Page<'_>,
    at: usize,
    text: &str,
    emoji: bool,
    equations: &Equations,
) -> Option<String> {
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
                            page.at(at)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
