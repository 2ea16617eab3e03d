//! The theme's `[extra]`: the name, the navbar, dark mode, favicon, Open Graph image, footer and
//! contact note, the news and blog sections, announcements and latest posts, and the
//! rewriter's external link settings, responsive images.

use super::{Build, one_line};
use crate::import::content::NavRule;
use crate::import::toml_out::{Table, Val, from_node};
use crate::import::yaml::Node;

/// `first_name`, `middle_name`, `last_name` (empty strings when not set: the theme's `blank`).
pub(super) fn names(b: &mut Build<'_, '_>) {
    for key in ["first_name", "middle_name", "last_name"] {
        let value = b.text(key).unwrap_or_default();
        b.extra.set(key, Val::Str(value));
    }
}

/// The navbar, as al-folio's header made it: the blog first when the header shows it
/// (`blog_nav_title`, or `blog_name` on sites up to 2021), then the pages the header lists
/// (`nav: true`, or on the first sites every page with a title) in its order (`nav_order`,
/// `order`, the title or the file name); a dropdown page becomes an entry with `children`.
pub(super) fn nav(b: &mut Build<'_, '_>) {
    // The site's own header's label for the about page, else the page's title.
    if let Some(home) = b
        .inputs
        .header_home
        .as_ref()
        .or(b.found.home_title.as_ref())
        && home != "about"
    {
        b.extra.set("nav_home_title", Val::Str(home.clone()));
    }
    let rule = b
        .inputs
        .header_nav
        .unwrap_or_else(|| NavRule::from_pages(&b.found.nav));
    let mut nav: Vec<(String, Val)> = Vec::new();
    let blog_dir = &b.inputs.blog_dir;
    let shown = rule.apply(&b.found.nav);
    // al-folio ≤ 0.2: `blog_nav_title` put the blog first; up to 2021 the header put it first
    // whenever `blog_name` was set.
    let blog_title = match b.inputs.config.get("blog_nav_title") {
        Some(_) => b.text("blog_nav_title"),
        None => b.inputs.header_blog.clone(),
    };
    let blog_url = format!("@/{blog_dir}/_index.md");
    if let Some(blog) = blog_title
        && !blog.is_empty()
        && !shown
            .iter()
            .any(|e| e.url.starts_with(&format!("@/{blog_dir}/")))
    {
        nav.push((blog_url.clone(), link(blog, blog_url)));
    }
    for e in shown {
        match e.children {
            Some(children) => {
                let items = children
                    .into_iter()
                    .map(|c| {
                        let mut t = Table::new();
                        match c {
                            Some((name, url)) => {
                                t.set("name", Val::Str(name));
                                t.set("url", Val::Str(url));
                            }
                            None => t.set("divider", Val::Bool(true)),
                        }
                        Val::Inline(t)
                    })
                    .collect();
                let mut t = Table::new();
                t.set("name", Val::Str(e.name));
                t.set("children", Val::Arr(items));
                nav.push((String::new(), Val::Table(t)));
            }
            // A page listed twice (a listing and its page): once.
            None if nav.iter().any(|(u, _)| *u == e.url) => {}
            None => nav.push((e.url.clone(), link(e.name, e.url))),
        }
    }
    if !nav.is_empty() {
        b.extra
            .set("nav", Val::Arr(nav.into_iter().map(|(_, v)| v).collect()));
    }
}

fn link(name: String, url: String) -> Val {
    let mut t = Table::new();
    t.set("name", Val::Str(name));
    t.set("url", Val::Str(url));
    Val::Table(t)
}

pub(super) fn dark_mode(b: &mut Build<'_, '_>) {
    if let Some(dark) = b.inputs.config.get("enable_darkmode") {
        b.extra.set("theme_toggle", Val::Bool(dark.truthy()));
    }
}

/// `enable_navbar_social` → `navbar_social`: the social icons in the navbar's brand place on
/// every page but the about page, as al-folio's header put them.
pub(super) fn navbar_social(b: &mut Build<'_, '_>) {
    if let Some(on) = b.inputs.config.get("enable_navbar_social") {
        b.extra.set("navbar_social", Val::Bool(on.truthy()));
    }
}

/// The favicon the import found or drew for `icon`.
pub(super) fn favicon(b: &mut Build<'_, '_>) {
    if let Some(f) = &b.inputs.favicon {
        b.extra.set("favicon", Val::Str(f.clone()));
    }
}

pub(super) fn og_image(b: &mut Build<'_, '_>) {
    if let Some(og) = b.text("og_image").filter(|s| !s.is_empty()) {
        // A bare file name is one of assets/img/, as al-folio's images are.
        let og = if !og.contains('/') && b.inputs.static_files.contains(&format!("assets/img/{og}"))
        {
            format!("assets/img/{og}")
        } else {
            og
        };
        b.extra.set("og_image", Val::Str(og));
    }
}

pub(super) fn footer_text(b: &mut Build<'_, '_>) {
    if let Some(f) = b.text("footer_text") {
        b.extra.set("footer_text", Val::Str(one_line(&f)));
    }
}

pub(super) fn contact_note(b: &mut Build<'_, '_>) {
    if let Some(n) = b.text("contact_note") {
        b.extra.set("contact_note", Val::Str(one_line(&n)));
    }
}

/// Where the theme's about page finds news and posts.
pub(super) fn sections(b: &mut Build<'_, '_>) {
    let news = format!("{}/_index.md", b.inputs.news_dir);
    let blog = format!("{}/_index.md", b.inputs.blog_dir);
    b.extra.set("news_section", Val::Str(news));
    b.extra.set("blog_section", Val::Str(blog));
}

/// `announcements` (and the older `news_limit`, `news_scrollable`).
pub(super) fn announcements(b: &mut Build<'_, '_>) {
    let c = b.inputs.config;
    let announcements = b.extra.table("announcements");
    if let Some(a) = c.get("announcements") {
        copy_keys(a, announcements, &["enabled", "scrollable", "limit"]);
    }
    if let Some(Node::Int(n)) = c.get("news_limit") {
        announcements.set("limit", Val::Int(*n));
    }
    if let Some(s) = c.get("news_scrollable") {
        announcements.set("scrollable", Val::Bool(s.truthy()));
    }
    if announcements.is_empty() {
        b.extra.0.retain(|(k, _)| k != "announcements");
    }
}

pub(super) fn latest_posts(b: &mut Build<'_, '_>) {
    let latest = b.extra.table("latest_posts");
    if let Some(a) = b.inputs.config.get("latest_posts") {
        copy_keys(a, latest, &["enabled", "scrollable", "limit"]);
    }
    if latest.is_empty() {
        b.extra.0.retain(|(k, _)| k != "latest_posts");
    }
}

/// The rewriter: al-folio's external link settings.
pub(super) fn external_links(b: &mut Build<'_, '_>) {
    if let Some(links) = b.inputs.config.get("external_links") {
        let folio_links = b.extra.table("folio").table("links");
        if let Some(enabled) = links.get("enabled") {
            folio_links.set("enabled", Val::Bool(enabled.truthy()));
        }
        if let Some(target) = links.get("target") {
            folio_links.set(
                "external_links_new_tab",
                Val::Bool(target.text().as_deref() == Some("_blank")),
            );
        }
    }
}

/// al-folio's `imagemagick` (`enabled`, `widths`): the theme's responsive images. Zola makes
/// the WebP copies itself, so the site keeps them whether or not ImageMagick was installed;
/// only `enabled: false` turns them off. Widths that are not positive whole numbers are left
/// out (Zola's resize_image would stop the build on them).
pub(super) fn responsive_images(b: &mut Build<'_, '_>) {
    let Some(magick) = b.inputs.config.get("imagemagick") else {
        return;
    };
    if let Some(enabled) = magick.get("enabled")
        && !enabled.truthy()
    {
        b.extra.set("responsive_images", Val::Bool(false));
    }
    if let Some(Node::Seq(items)) = magick.get("widths") {
        let widths: Vec<Val> = items
            .iter()
            .filter_map(|w| match w {
                Node::Int(n) if *n > 0 && *n <= 10_000 => Some(Val::Int(*n)),
                _ => None,
            })
            .collect();
        if !widths.is_empty() {
            b.extra.set("responsive_widths", Val::Arr(widths));
        }
    }
}

/// Copies `keys` of a mapping (booleans, numbers) into `to`; a plain boolean sets `enabled`.
fn copy_keys(from: &Node, to: &mut Table, keys: &[&str]) {
    match from {
        Node::Bool(b) => to.set("enabled", Val::Bool(*b)),
        Node::Map(_) => {
            for key in keys {
                if let Some(v) = from.get(key).and_then(from_node) {
                    to.set(key, v);
                }
            }
        }
        _ => {}
    }
}
