//! Navbar candidates from the pages: their `nav`, `nav_order`/`order`, `nav_title` and title,
//! and al-folio's dropdown menus (`dropdown: true` with `children`), kept as menus. Which of
//! them the navbar shows, and in which order, is the config step's choice
//! (`config::extra::nav`), from the site's header or its generation.

use super::{Context, Doc, Found};
use crate::import::report::Report;
use crate::import::yaml::Node;

/// One page that may be a navbar entry.
#[derive(Debug, Clone, PartialEq)]
pub struct NavEntry {
    /// The page's `nav:` (`None`: not set).
    pub nav: Option<bool>,
    /// `nav_order:` and `order:` (al-folio's two names over the years).
    pub nav_order: Option<f64>,
    pub order: Option<f64>,
    /// The page's `title:` (al-folio's first navbar showed every page that had one).
    pub title: Option<String>,
    /// The label: `nav_title`, else the title, else the file name.
    pub name: String,
    /// The source file (Jekyll lists pages by path).
    pub file: String,
    /// The entry's link (a Zola internal link or a URL); empty for a dropdown.
    pub url: String,
    /// A dropdown's items: `Some((name, url))`, or `None` for a divider.
    pub children: Option<Vec<Option<(String, String)>>>,
}

fn number(n: Option<&Node>) -> Option<f64> {
    match n? {
        Node::Int(i) => Some(*i as f64),
        Node::Float(f) => Some(*f),
        Node::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `nav:` as al-folio's Liquid saw it (`"false"` is a string, but nobody means it as true).
fn nav_flag(n: Option<&Node>) -> Option<bool> {
    let n = n?;
    Some(n.truthy() && n.as_text().is_none_or(|t| t.trim() != "false"))
}

fn entry(doc: &Doc, url: String, children: Option<Vec<Option<(String, String)>>>) -> NavEntry {
    let title = doc.text("title");
    NavEntry {
        nav: nav_flag(doc.fm.get("nav")),
        nav_order: number(doc.fm.get("nav_order")),
        order: number(doc.fm.get("order")),
        name: doc
            .text("nav_title")
            .or_else(|| title.clone())
            .unwrap_or_else(|| doc.stem.clone()),
        title,
        file: doc.src.clone(),
        url,
        children,
    }
}

/// A page (or listing) at `internal`: a navbar candidate.
pub(super) fn nav_entry(doc: &Doc, found: &mut Found, internal: String) {
    found.nav.push(entry(doc, internal, None));
}

/// A dropdown page: a candidate whose items are its `children` (`title: divider` a divider;
/// a `permalink` of this site becomes an internal link).
pub(super) fn dropdown(doc: &Doc, found: &mut Found, ctx: &Context<'_>, report: &mut Report) {
    let parent = doc.text("title").unwrap_or_default();
    let mut items = Vec::new();
    let mut skipped = 0;
    if let Some(Node::Seq(children)) = doc.fm.get("children") {
        for child in children {
            let title = child.get("title").and_then(Node::text);
            if title.as_deref().map(str::trim) == Some("divider") {
                items.push(None);
                continue;
            }
            let (Some(title), Some(link)) = (title, child.get("permalink").and_then(Node::text))
            else {
                skipped += 1;
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
            items.push(Some((title, url)));
        }
    }
    if skipped > 0 {
        report.attention(
            &doc.src,
            None,
            format!("dropdown menu `{parent}`: {skipped} of its children have no title or no permalink; left out"),
        );
    }
    // Dividers at either end or twice in a row show nothing in al-folio's menu either.
    let mut kept: Vec<Option<(String, String)>> = Vec::new();
    for item in items {
        if item.is_none() && kept.last().is_none_or(Option::is_none) {
            continue;
        }
        kept.push(item);
    }
    while kept.last().is_some_and(Option::is_none) {
        kept.pop();
    }
    if kept.is_empty() {
        report.attention(
            &doc.src,
            None,
            format!("dropdown menu `{parent}` has no children with a title and a permalink; not in the navbar"),
        );
        return;
    }
    // A menu of the navbar, in config.toml.
    report.converted(&doc.src, "config.toml");
    found.nav.push(entry(doc, String::new(), Some(kept)));
}

/// Which pages al-folio's header lists, and by what it sorts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavRule {
    /// Only pages with `nav: true` (al-folio from 2020); else every page with a title.
    pub needs_nav: bool,
    /// The front matter key the pages are sorted by (Jekyll's `sort`, pages without it
    /// first); `None`: the pages' file names.
    pub sort: Option<SortKey>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    NavOrder,
    Order,
    Title,
}

impl NavRule {
    /// The rule of a site's own `_includes/header.html`: `sort: "nav_order"` (or `order`,
    /// `title`) on `site.pages`, and whether its loop tests `.nav`.
    pub fn from_header(header: &str) -> Option<NavRule> {
        if !header.contains("site.pages") {
            return None;
        }
        let sort = ["nav_order", "order", "title"].into_iter().find_map(|k| {
            [
                format!("sort: \"{k}\""),
                format!("sort: '{k}'"),
                format!("sort:\"{k}\""),
            ]
            .iter()
            .any(|p| header.contains(p.as_str()))
            .then_some(match k {
                "nav_order" => SortKey::NavOrder,
                "order" => SortKey::Order,
                _ => SortKey::Title,
            })
        });
        let needs_nav = [
            ".nav %}", ".nav -%}", ".nav and", ".nav ==", ".nav}", ".nav %",
        ]
        .iter()
        .any(|p| header.contains(p));
        Some(NavRule { needs_nav, sort })
    }

    /// Without a header of the site's own: al-folio's from 2020 (`nav: true`, `nav_order`)
    /// when any page says `nav:` or is a dropdown; else the first one's: every page with a
    /// title, by `nav_order` or `order` when pages have one, else by file name.
    pub fn from_pages(entries: &[NavEntry]) -> NavRule {
        if entries
            .iter()
            .any(|e| e.nav.is_some() || e.children.is_some())
        {
            return NavRule {
                needs_nav: true,
                sort: Some(SortKey::NavOrder),
            };
        }
        let sort = if entries.iter().any(|e| e.nav_order.is_some()) {
            Some(SortKey::NavOrder)
        } else if entries.iter().any(|e| e.order.is_some()) {
            Some(SortKey::Order)
        } else {
            None
        };
        NavRule {
            needs_nav: false,
            sort,
        }
    }

    /// The entries al-folio's header shows, in its order.
    pub fn apply(&self, entries: &[NavEntry]) -> Vec<NavEntry> {
        let mut shown: Vec<NavEntry> = entries
            .iter()
            .filter(|e| {
                if self.needs_nav {
                    e.nav == Some(true)
                } else {
                    e.title.is_some()
                }
            })
            .cloned()
            .collect();
        // Jekyll's `sort`: pages without the key first, each group by path (a stable sort).
        shown.sort_by(|a, b| a.file.cmp(&b.file));
        if let Some(key) = self.sort {
            shown.sort_by(|a, b| match key {
                SortKey::Title => a.title.cmp(&b.title),
                SortKey::NavOrder | SortKey::Order => {
                    let k = |e: &NavEntry| {
                        if key == SortKey::NavOrder {
                            e.nav_order
                        } else {
                            e.order
                        }
                    };
                    match (k(a), k(b)) {
                        (None, None) => std::cmp::Ordering::Equal,
                        (None, Some(_)) => std::cmp::Ordering::Less,
                        (Some(_), None) => std::cmp::Ordering::Greater,
                        (Some(x), Some(y)) => {
                            x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
                        }
                    }
                }
            });
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(file: &str, nav: Option<bool>, nav_order: Option<f64>, title: Option<&str>) -> NavEntry {
        NavEntry {
            nav,
            nav_order,
            order: None,
            title: title.map(str::to_owned),
            name: title.unwrap_or(file).to_owned(),
            file: file.to_owned(),
            url: format!("@/{file}"),
            children: None,
        }
    }

    fn names(v: Vec<NavEntry>) -> Vec<String> {
        v.into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn header_rules() {
        let new = "{% assign sorted_pages = site.pages | sort: \"nav_order\" %}{% for p in sorted_pages %}{% if p.nav %}";
        assert_eq!(
            NavRule::from_header(new),
            Some(NavRule {
                needs_nav: true,
                sort: Some(SortKey::NavOrder)
            })
        );
        let old = "{% for page in site.pages %}{% if page.title %}<a>{{ page.title }}</a>";
        assert_eq!(
            NavRule::from_header(old),
            Some(NavRule {
                needs_nav: false,
                sort: None
            })
        );
        assert_eq!(NavRule::from_header("<nav>static</nav>"), None);
    }

    #[test]
    fn newer_sites_by_nav_order_unordered_first() {
        let pages = [
            e("_pages/b.md", Some(true), Some(2.0), Some("b")),
            e("_pages/a.md", Some(true), Some(1.0), Some("a")),
            e("_pages/z.md", Some(true), None, Some("z")),
            e("_pages/hidden.md", Some(false), Some(0.0), Some("hidden")),
            e("_pages/plain.md", None, None, Some("plain")),
        ];
        let rule = NavRule::from_pages(&pages);
        assert_eq!(names(rule.apply(&pages)), ["z", "a", "b"]);
    }

    #[test]
    fn first_sites_show_every_titled_page_by_file_name() {
        let pages = [
            e("_pages/teaching.md", None, None, Some("teaching")),
            e("_pages/cv.md", None, None, Some("cv")),
            e("_pages/untitled.md", None, None, None),
        ];
        let rule = NavRule::from_pages(&pages);
        assert!(!rule.needs_nav);
        assert_eq!(names(rule.apply(&pages)), ["cv", "teaching"]);
    }
}
