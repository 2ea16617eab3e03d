//! bibtex: TeX in the publications' BibTeX values, to HTML text.
//!
//! The theme's templates (theme/templates/macros/tex.html) already turn the common TeX of
//! BibTeX values into text: accents on the usual Latin letters, `--`, `~`, braces, `\&`,
//! `\emph{..}`. Where a value has TeX commands or math they mark the result:
//!
//! ```html
//! <span class="bib-tex" data-tex="RAW VALUE">what the template made of it</span>
//! ```
//!
//! This pass reads RAW again with the TeX reader of [`crate::render::tex`]: any accent on any
//! letter (precomposed when Unicode has the letter), dotless i and j, the text symbols
//! (`\ss`, `\o`, `\ldots`, `\textemdash`, ...), Greek letters and common math symbols,
//! `^`/`_` in math as superscript/subscript, font commands and declarations (`\emph`,
//! `\textbf`, `\textsc`, `{\em ..}`, `{\bf ..}`), `\url`, `\href`, `\MakeUppercase`; unknown
//! commands are dropped and their arguments kept. It writes the result as the span's
//! content and removes the span, so a second run finds nothing to do.

use lol_html::html_content::{ContentType, Element};
use lol_html::{ElementContentHandlers, Selector};

use super::{Handlers, Page, Pass};
use crate::config::Config;
use crate::html::selector;
use crate::render::tex::{MAX_DEPTH, try_tex_to_html};

pub struct BibtexPass {
    marked: Selector,
}

impl BibtexPass {
    pub fn new(_config: &Config) -> Self {
        Self {
            marked: selector("span.bib-tex[data-tex]"),
        }
    }
}

impl Pass for BibtexPass {
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        if !crate::html::text::has(page.source, "bib-tex") {
            return;
        }
        handlers.on(
            &self.marked,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if page.in_verbatim() {
                    return Ok(());
                }
                // Only the template's own markup, `<span …>text</span>`: the content of a span
                // whose end tag is missing runs on into the page, which replacing it would take.
                let from = el.source_location().bytes().end;
                if !page
                    .source
                    .get(from..)
                    .and_then(|rest| rest.find('<').map(|lt| &rest[lt..]))
                    .is_some_and(|tag| {
                        tag.get(..7)
                            .is_some_and(|t| t.eq_ignore_ascii_case("</span>"))
                    })
                {
                    return Ok(());
                }
                if !finish(el, page.config.folio.emoji.enabled) {
                    page.report.warn(format!(
                        "{}: a BibTeX value nests braces or commands more than {MAX_DEPTH} deep: \
                         left as the template wrote it (check the .bib entry)",
                        page.at(el.source_location().bytes().start)
                    ));
                }
                Ok(())
            }),
        );
    }
}

/// Replaces a marked span by the conversion of its `data-tex`; a value nested too deep to read
/// is left as the template wrote it (false: the caller reports it). With `emoji`, shortcodes in
/// the result become emoji here: the emoji pass never sees text a handler writes, and a second
/// run would otherwise find them.
fn finish(el: &mut Element<'_, '_>, emoji: bool) -> bool {
    let Some(raw) = el.get_attribute("data-tex") else {
        return true;
    };
    match try_tex_to_html(&unescape_attribute(&raw)) {
        Some(html) => {
            let html = match emoji {
                true => super::emoji::replace_in_html(&html),
                false => std::borrow::Cow::Borrowed(html.as_str()),
            };
            el.set_inner_content(&html, ContentType::Html);
            el.remove_and_keep_content();
            true
        }
        None => false,
    }
}

/// An attribute value as lol_html hands it over (character references not decoded) to text:
/// the references the templates write (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;`) and numeric ones.
fn unescape_attribute(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name.strip_prefix('#').and_then(|n| {
                match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                }
                .and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::finish;
    use lol_html::{RewriteStrSettings, element, rewrite_str};

    fn rewrite(html: &str) -> String {
        let settings = RewriteStrSettings::new().append_element_content_handler(element!(
            "span.bib-tex[data-tex]",
            |el| {
                finish(el, false);
                Ok(())
            }
        ));
        rewrite_str(html, settings).unwrap()
    }

    #[test]
    fn attribute_references_are_decoded() {
        use super::unescape_attribute as u;
        assert_eq!(
            u("M{\\&quot;u}ller &amp; &lt;b&gt; &#39;x&#x27; &#233;"),
            "M{\\\"u}ller & <b> 'x' é"
        );
        assert_eq!(u("a & b &unknown; &"), "a & b &unknown; &");
    }

    #[test]
    fn marked_spans_are_converted_and_unwrapped() {
        let html = r#"<div class="title"><span class="bib-tex" data-tex="A $\alpha$-Study of M{\&quot;u}ller &amp; \textsc{Co}">A \alpha-Study of Müller &amp; \textsc{Co}</span></div>"#;
        assert_eq!(
            rewrite(html),
            r#"<div class="title">A α-Study of Müller &amp; <span class="smallcaps">Co</span></div>"#
        );
        // Idempotent: nothing is marked any more.
        assert_eq!(rewrite(&rewrite(html)), rewrite(html));
        // Other spans are left alone.
        let plain = r#"<span class="bib-tex">x</span><span data-tex="y">z</span>"#;
        assert_eq!(rewrite(plain), plain);
    }
}
