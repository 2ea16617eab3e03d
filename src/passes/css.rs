//! css: `<link rel="stylesheet">` and `<link rel="preload">` pointing at a stylesheet the asset
//! phase fingerprinted (see `crate::assets`) now point at the fingerprinted file, with its
//! `integrity` (SRI, sha384). Absolute URLs also get `crossorigin="anonymous"`, without which a
//! browser cannot check the integrity of a file from another origin. Links to other sites and
//! to stylesheets lightningcss could not parse are left alone.

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, Selector};

use super::{Handlers, Page, Pass, Tag, TagEdits};
use crate::config::Config;
use crate::html::selector;

pub struct CssPass {
    links: Selector,
}

impl CssPass {
    pub fn new(_config: &Config) -> Self {
        Self {
            links: selector("link[href]"),
        }
    }
}

impl Pass for CssPass {
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        // A page whose stylesheet links are all current (a second run) is not parsed for it.
        let wanted = page.tags().any_start_tag(page.source, "link", |attrs| {
            let get = |name| crate::html::tags::get(attrs, name);
            !fix(
                page,
                get("rel"),
                get("href"),
                get("integrity"),
                get("crossorigin").is_some(),
            )
            .is_empty()
        });
        if !wanted {
            return;
        }
        handlers.on(
            &self.links,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if !page.in_verbatim() {
                    let at = el.source_location().bytes().start;
                    self.edit(page, at, 0, el);
                }
                Ok(())
            }),
        );
    }

    fn tag_edits(&self) -> Option<&dyn TagEdits> {
        Some(self)
    }
}

impl TagEdits for CssPass {
    fn names(&self) -> &'static [&'static str] {
        &["link"]
    }

    fn edit(&self, page: &Page<'_>, _at: usize, _name: usize, tag: &mut dyn Tag) {
        let changes = fix(
            page,
            tag.get("rel").as_deref(),
            tag.get("href").as_deref(),
            tag.get("integrity").as_deref(),
            tag.get("crossorigin").is_some(),
        );
        for (name, value) in changes {
            tag.set(name, &value);
        }
    }
}

/// The attributes a `<link>` with these raw attributes must get (none for a link this pass
/// leaves alone): the one decision of both the handler and the page prefilter.
fn fix(
    page: &Page<'_>,
    rel: Option<&str>,
    href: Option<&str>,
    integrity: Option<&str>,
    has_crossorigin: bool,
) -> Vec<(&'static str, String)> {
    let mut changes = Vec::new();
    let is_sheet = crate::html::tags::has_token(rel, "stylesheet")
        || crate::html::tags::has_token(rel, "preload");
    let Some(href) = href.filter(|_| is_sheet) else {
        return changes;
    };
    let Some((new_href, sri)) = page.assets.stylesheet_link(page.root, page.file, href) else {
        return changes;
    };
    let absolute = new_href.starts_with("//") || new_href.contains("://");
    if new_href != href {
        changes.push(("href", new_href));
    }
    if integrity != Some(sri) {
        changes.push(("integrity", sri.to_owned()));
    }
    if absolute && !has_crossorigin {
        changes.push(("crossorigin", "anonymous".to_owned()));
    }
    changes
}
