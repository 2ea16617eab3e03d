//! icons: icon-font elements become inline SVG, so a page needs no icon font and no CDN.
//!
//! `<i class="fa-brands fa-github">` (also the Font Awesome 5 and 4 spellings `fab fa-github`,
//! `fa fa-github`, and Font Awesome 5 names such as `fa-rss-square`), `<i class="ai ai-orcid">`
//! (Academicons), `<i class="ti ti-sun">` (Tabler) and `<i class="si si-leetcode">` (Simple Icons,
//! Scholar Icons) are replaced by
//!
//! ```html
//! <svg class="icon fa-2x" aria-hidden="true" focusable="false" width="0.969em" height="1em"
//!      viewBox="0 0 496 512" fill="currentColor"><path d="…"/></svg>
//! ```
//!
//! * **Classes**: the family and icon-name classes go (`fa-brands`, `fab`, `fa`, `fa-github`,
//!   `ai`, `ai-orcid`, …); every other class stays (`fa-2x`, `fa-fw`, `me-2`…) after `icon`, the
//!   stable class for styling (`svg.icon { vertical-align: -.125em }` is Font Awesome's own).
//! * **Size**: `height="1em"` and the width the icon's viewBox gives at that height, as Font
//!   Awesome's own SVG renderer draws it (a 640×512 icon is 1.25em wide, not squeezed into 1em).
//!   CSS (`font-size`, `.fa-2x`, `.fa-fw { width: 1.25em }`) overrides both.
//! * **Colour**: `fill="currentColor"`; Tabler outline icons get `fill="none"
//!   stroke="currentColor"` and their stroke width, caps and joins.
//! * **Other attributes** of the `<i>` (`id`, `title`, `style`, `data-*`, …) are kept. The icon is
//!   decorative (`aria-hidden="true"`) unless the `<i>` has an `aria-label`: then the SVG keeps it
//!   and gets `role="img"` instead, so the label still reaches screen readers.
//! * **Content**: the `<i>` is normally empty. If it is not (`<i class="fa fa-x"><span
//!   class="sr-only">X</span></i>`), the content is kept, right after the SVG: only the `<i>`
//!   tags are removed, nothing is lost.
//!
//! Only `<i>` elements are replaced, never text (`&lt;i class="fa …"&gt;` written as code is text),
//! and, like every pass, nothing inside the verbatim elements of [`crate::html::VERBATIM`]: an `<i>` in
//! `<pre>`, `<code>`, `<template>`, SVG or MathML stays as written (`<script>`, `<style>` and
//! `<textarea>` hold raw text anyway).
//!
//! An icon name no table knows (`fa-brands fa-no-such-icon`, an icon newer than the bundled
//! icon sets) and Font Awesome Pro styles (`fa-light`, `fa-duotone`, …; not free, not bundled)
//! leave the element exactly as it was and are reported once per name. Running the pass twice
//! changes nothing the second time: the SVGs it writes are not `<i>` elements.
//!
//! The lookup is in [`crate::icons`]; the selector is `i[class]` and an element whose classes name
//! no icon family costs one split of its class attribute.

use lol_html::ElementContentHandlers;
use lol_html::Selector;
use lol_html::html_content::{ContentType, Element};

use super::{Handlers, Page, Pass};
use crate::config::Config;
use crate::html::selector;
use crate::icons::{self, Family, Icon};

pub struct IconsPass {
    icons: Selector,
}

impl IconsPass {
    pub fn new(_config: &Config) -> Self {
        Self {
            icons: selector("i[class]"),
        }
    }
}

impl Pass for IconsPass {
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        // Only pages with an <i> element need the handler.
        if !crate::html::text::has_i_tag(page.source, page.tags()) {
            return;
        }
        handlers.on(
            &self.icons,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if page.in_verbatim() {
                    return Ok(());
                }
                let from = el.source_location().bytes().end;
                let closed = || crate::html::tags::closed_cleanly(page.source, from, "i");
                match inline_icon(el, closed) {
                    Outcome::Inlined | Outcome::NotAnIcon => {}
                    Outcome::Unclosed => page.report.warn(format!(
                        "{}: an icon element <i> without its end tag </i> (or with one misnested): \
                         left as written, since replacing it would take what follows it; close it",
                        page.at(from)
                    )),
                    Outcome::Unknown(classes, hint) => page.report.warn_once(
                        &format!("icons: unknown {classes}"),
                        format!(
                            "icons: no icon for class=\"{classes}\"{} (first seen in {}); left as it was",
                            hint.map(|h| format!(", but there is `{h}`"))
                                .unwrap_or_default(),
                            page.at(from)
                        ),
                    ),
                    Outcome::ProStyle(style) => page.report.warn_once(
                        &format!("icons: pro {style}"),
                        format!(
                            "icons: `{style}` is a Font Awesome Pro style, not bundled (first seen in {}); \
                             those icons are left as they were",
                            page.at(from)
                        ),
                    ),
                }
                Ok(())
            }),
        );
    }
}

/// What [`inline_icon`] did with an element.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Replaced by an inline SVG.
    Inlined,
    /// Not an icon-font element (no family class, or a family class but no name class); untouched.
    NotAnIcon,
    /// A family class with name classes none of which is a known icon (`"fa-brands fa-nope"`),
    /// and the family class that has the name when it is another Font Awesome style
    /// (`fa-solid fa-github` -> `fa-brands`); untouched.
    Unknown(String, Option<&'static str>),
    /// A Font Awesome Pro style class (`fa-light`); untouched.
    ProStyle(String),
    /// An icon whose `</i>` is missing or misnested; untouched.
    Unclosed,
}

/// Font Awesome style classes of paid icon sets (classic, sharp and duotone Pro styles, kits).
const PRO_STYLES: &[&str] = &[
    "fa-light",
    "fa-thin",
    "fa-duotone",
    "fa-sharp",
    "fa-sharp-duotone",
    "fa-kit",
    "fa-kit-duotone",
    "fal",
    "fat",
    "fad",
    "fass",
    "fasr",
    "fasl",
    "fast",
    "fasds",
    "fak",
];

/// Font Awesome's classes that only restate the default family; dropped like the family class.
const NEUTRAL_STYLES: &[&str] = &["fa-classic"];

/// The part after the family prefix of the modifier classes the icon fonts define (size, fixed
/// width, lists, rotation, animation, stacking): never an icon name, kept on the SVG.
const MODIFIERS: &[&str] = &[
    "2xs",
    "xs",
    "sm",
    "md",
    "lg",
    "xl",
    "2xl",
    "1x",
    "2x",
    "3x",
    "4x",
    "5x",
    "6x",
    "7x",
    "8x",
    "9x",
    "10x",
    "fw",
    "ul",
    "li",
    "border",
    "inverse",
    "pull-left",
    "pull-right",
    "pull-start",
    "pull-end",
    "spin",
    "spin-pulse",
    "spin-reverse",
    "pulse",
    "beat",
    "fade",
    "beat-fade",
    "bounce",
    "flip",
    "shake",
    "flip-horizontal",
    "flip-vertical",
    "flip-both",
    "rotate-90",
    "rotate-180",
    "rotate-270",
    "rotate-by",
    "stack",
    "stack-1x",
    "stack-2x",
    "layers",
    "layers-text",
    "layers-counter",
    "swap-opacity",
    "sr-only",
    "sr-only-focusable",
    "width-auto",
    "width-fixed",
];

/// Replaces `el` by an inline SVG if its classes name an icon. Never touches an element it does
/// not replace.
/// `closed` says whether the element ends cleanly with its own end tag (asked only of a known
/// icon, just before it is replaced).
pub(crate) fn inline_icon(el: &mut Element<'_, '_>, closed: impl FnOnce() -> bool) -> Outcome {
    if el.namespace_uri() != "http://www.w3.org/1999/xhtml" {
        return Outcome::NotAnIcon;
    }
    let Some(class) = el.get_attribute("class") else {
        return Outcome::NotAnIcon;
    };
    let tokens = || class.split_ascii_whitespace();

    // The family: the first specific family class; `fa` (Font Awesome 4) only if there is none.
    let mut family = None;
    let mut fa4 = None;
    for token in tokens() {
        match Family::from_class(token) {
            Some(Family::Fa4) => fa4 = fa4.or(Some(token)),
            Some(f) if family.is_none() => family = Some((f, token)),
            _ => {}
        }
    }
    let family = family.or(fa4.map(|t| (Family::Fa4, t)));

    // A Font Awesome Pro style (`fa-light fa-user`, `fa-sharp fa-solid fa-user`) with a name.
    if family.is_none_or(|(f, _)| f.is_font_awesome())
        && let Some(pro) = tokens().find(|t| PRO_STYLES.contains(t))
        && tokens().any(|t| t.starts_with("fa-") && !PRO_STYLES.contains(&t))
    {
        return Outcome::ProStyle(pro.to_owned());
    }
    let Some((family, family_class)) = family else {
        return Outcome::NotAnIcon;
    };

    // The icon: the first name class that is a known icon.
    let prefix = family.name_prefix();
    let is_name = |token: &str| {
        token.strip_prefix(prefix).is_some_and(|name| {
            !MODIFIERS.contains(&name)
                && Family::from_class(token).is_none()
                && !NEUTRAL_STYLES.contains(&token)
        })
    };
    let Some((name_class, icon)) = tokens()
        .filter(|t| is_name(t))
        .find_map(|t| Some((t, icons::lookup(family, &t[prefix.len()..])?)))
    else {
        return match tokens().find(|t| is_name(t)) {
            Some(name_class) => {
                let name = &name_class[prefix.len()..];
                let hint = [
                    (Family::FaSolid, "fa-solid"),
                    (Family::FaRegular, "fa-regular"),
                    (Family::FaBrands, "fa-brands"),
                ]
                .into_iter()
                .find(|&(f, _)| family.is_font_awesome() && icons::lookup(f, name).is_some())
                .map(|(_, class)| class);
                Outcome::Unknown(format!("{family_class} {name_class}"), hint)
            }
            None => Outcome::NotAnIcon,
        };
    };

    let kept = tokens().filter(|&t| {
        t != name_class && Family::from_class(t).is_none() && !NEUTRAL_STYLES.contains(&t)
    });
    if !closed() {
        return Outcome::Unclosed;
    }
    let svg = svg(el, kept, icon);
    el.before(&svg, ContentType::Html);
    el.remove_and_keep_content();
    Outcome::Inlined
}

/// Attributes the SVG sets itself; the `<i>`'s own values for them are dropped.
const OWN_ATTRIBUTES: &[&str] = &[
    "class",
    "aria-hidden",
    "focusable",
    "width",
    "height",
    "viewbox",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "xmlns",
];

/// The `<svg>` element for `icon`, with the classes `kept` and `el`'s other attributes.
fn svg<'a>(el: &Element<'_, '_>, kept: impl Iterator<Item = &'a str>, icon: Icon) -> String {
    let mut out = String::with_capacity(256 + icon.data.len());
    out.push_str("<svg class=\"icon");
    for class in kept {
        out.push(' ');
        push_escaped(&mut out, class);
    }
    out.push('"');

    let mut labelled = false;
    let mut has_role = false;
    for attr in el.attributes() {
        let name = attr.name();
        if OWN_ATTRIBUTES.contains(&name.as_str()) {
            continue;
        }
        let value = attr.value();
        labelled |= name == "aria-label" && !value.trim().is_empty();
        has_role |= name == "role";
        out.push(' ');
        out.push_str(&name);
        out.push_str("=\"");
        push_escaped(&mut out, &value);
        out.push('"');
    }
    if !labelled {
        out.push_str(" aria-hidden=\"true\"");
    } else if !has_role {
        out.push_str(" role=\"img\"");
    }

    let view_box = icon.view_box.unwrap_or("0 0 24 24");
    out.push_str(" focusable=\"false\" width=\"");
    out.push_str(&width(view_box));
    out.push_str("\" height=\"1em\" viewBox=\"");
    out.push_str(view_box);
    out.push_str("\" fill=\"");
    out.push_str(icon.fill.unwrap_or("currentColor"));
    out.push('"');
    for (name, value) in [
        ("stroke", icon.stroke),
        ("stroke-width", icon.stroke_width),
        ("stroke-linecap", icon.stroke_linecap),
        ("stroke-linejoin", icon.stroke_linejoin),
    ] {
        if let Some(value) = value {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            out.push_str(value);
            out.push('"');
        }
    }
    out.push('>');
    for line in icon.data.lines() {
        out.push_str(line.trim());
    }
    out.push_str("</svg>");
    out
}

/// The width of an icon 1em high: `1em` for a square viewBox, else its aspect ratio in em
/// (`0 0 640 512` -> `1.25em`), to three decimals.
fn width(view_box: &str) -> String {
    let mut numbers = view_box
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .skip(2)
        .map(str::parse::<f64>);
    match (numbers.next(), numbers.next()) {
        (Some(Ok(w)), Some(Ok(h))) if w > 0.0 && h > 0.0 && (w - h).abs() > f64::EPSILON => {
            let em = format!("{:.3}", w / h);
            format!("{}em", em.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => "1em".to_owned(),
    }
}

/// Appends an attribute value as lol_html writes the values it sets: only `"` is escaped, so a
/// value read raw from the source (entities and all) is written back unchanged.
fn push_escaped(out: &mut String, value: &str) {
    for (i, part) in value.split('"').enumerate() {
        if i > 0 {
            out.push_str("&quot;");
        }
        out.push_str(part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(width("0 0 512 512"), "1em");
        assert_eq!(width("0 0 640 512"), "1.25em");
        assert_eq!(width("0 0 496 512"), "0.969em");
        assert_eq!(width("0 0 24 24"), "1em");
        assert_eq!(width("0 0 0 24"), "1em");
        assert_eq!(width("junk"), "1em");
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        push_escaped(&mut s, r#"a"b&amp;"#);
        assert_eq!(s, "a&quot;b&amp;");
    }
}
