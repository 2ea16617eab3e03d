//! HTML helpers under every pass and every reader of pages: raw text to plain text and back
//! ([`text`]), a look at a page's start tags without parsing it ([`tags`]), the verbatim elements
//! no pass may change and the counter that tracks them, the buffering of text chunks into whole
//! text nodes ([`chunks`]), and built-in selectors.

use std::cell::Cell;
use std::rc::Rc;

use lol_html::Selector;

pub mod chunks;
pub mod splice;
pub mod tags;
pub mod text;

/// Elements whose content is code, raw text, another vocabulary or inert markup: no pass changes
/// anything inside them (text, links, icons, lists).
pub const VERBATIM: &str = "pre, code, kbd, samp, script, style, textarea, template, svg, math";

/// The names of the [`VERBATIM`] elements, for code that compares tag names rather than
/// matching a selector (a test keeps the two equal).
pub const VERBATIM_NAMES: [&str; 10] = [
    "pre", "code", "kbd", "samp", "script", "style", "textarea", "template", "svg", "math",
];

/// Counts `depth` up while the element `el` is open (down again at its end tag; an element
/// without one, such as a void element, is not counted).
pub fn count_open(el: &mut lol_html::html_content::Element<'_, '_>, depth: &Rc<Cell<u32>>) {
    if let Some(end) = el.end_tag_handlers() {
        depth.set(depth.get() + 1);
        let depth = depth.clone();
        end.push(Box::new(move |_| {
            depth.set(depth.get().saturating_sub(1));
            Ok(())
        }));
    }
}

/// Parses a selector that is a literal in folio's source.
pub fn selector(css: &str) -> Selector {
    css.parse()
        .unwrap_or_else(|e| panic!("invalid built-in selector {css:?}: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn verbatim_names_are_the_verbatim_selector() {
        assert_eq!(super::VERBATIM_NAMES.join(", "), super::VERBATIM);
    }
}
