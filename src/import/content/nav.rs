//! Navbar entries from the pages' `nav`, `nav_order` and `nav_title`, and al-folio's dropdown
//! menus (the folio navbar has none: their entries become items of their own).

use super::{Context, Doc, Found};
use crate::import::report::Report;
use crate::import::yaml::Node;

/// Navbar order of a page: `nav_order` (al-folio ≥ 0.3), else after the ordered ones.
fn nav_order(fm: &Node) -> f64 {
    match fm.get("nav_order") {
        Some(Node::Int(i)) => *i as f64,
        Some(Node::Float(f)) => *f,
        Some(Node::Str(s)) => s.trim().parse().unwrap_or(f64::MAX),
        _ => f64::MAX,
    }
}

pub(super) fn nav_entry(doc: &Doc, found: &mut Found, internal: String) {
    if doc.fm.get("nav").is_some_and(Node::truthy) {
        let name = doc
            .text("nav_title")
            .or_else(|| doc.text("title"))
            .unwrap_or_else(|| doc.stem.clone());
        found.nav.push((nav_order(&doc.fm), name, internal));
    }
}

pub(super) fn dropdown(doc: &Doc, found: &mut Found, ctx: &Context<'_>, report: &mut Report) {
    let order = nav_order(&doc.fm);
    let parent = doc.text("title").unwrap_or_default();
    let mut added = 0;
    if let Some(Node::Seq(children)) = doc.fm.get("children") {
        for child in children {
            let Some(title) = child.get("title").and_then(Node::text) else {
                continue;
            };
            if title == "divider" {
                continue;
            }
            let Some(link) = child.get("permalink").and_then(Node::text) else {
                continue;
            };
            let url = if link.contains("://") {
                link
            } else {
                match ctx.links.lookup_url(&link) {
                    Some(t) => t.internal.clone(),
                    None => link,
                }
            };
            found.nav.push((order + added as f64 * 1e-3, title, url));
            added += 1;
        }
    }
    report.attention(
        &doc.src,
        None,
        format!("dropdown menu `{parent}`: the folio navbar has no dropdowns, its {added} entries are navbar items of their own"),
    );
}
