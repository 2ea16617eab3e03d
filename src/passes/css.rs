//! css: `<link rel="stylesheet">` and `<link rel="preload">` pointing at a stylesheet the asset
//! phase fingerprinted (see `crate::assets`) now point at the fingerprinted file, with its
//! `integrity` (SRI, sha384). Absolute URLs also get `crossorigin="anonymous"`, without which a
//! browser cannot check the integrity of a file from another origin. Links to other sites and
//! to stylesheets lightningcss could not parse are left alone.

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, Selector};

use super::{Handlers, Page, Pass, selector};

pub struct CssPass {
    links: Selector,
}

impl CssPass {
    pub fn new() -> Self {
        Self {
            links: selector("link[href]"),
        }
    }
}

impl Default for CssPass {
    fn default() -> Self {
        Self::new()
    }
}

impl Pass for CssPass {
    fn name(&self) -> &'static str {
        "css"
    }

    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        handlers.on(
            &self.links,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if page.in_verbatim() {
                    return Ok(());
                }
                let rel = el.get_attribute("rel").unwrap_or_default();
                if !rel.split_ascii_whitespace().any(|t| {
                    t.eq_ignore_ascii_case("stylesheet") || t.eq_ignore_ascii_case("preload")
                }) {
                    return Ok(());
                }
                let Some(href) = el.get_attribute("href") else {
                    return Ok(());
                };
                let Some((new_href, integrity)) =
                    page.assets.stylesheet_link(page.root, page.file, &href)
                else {
                    return Ok(());
                };
                if new_href != href {
                    el.set_attribute("href", &new_href)?;
                }
                if el.get_attribute("integrity").as_deref() != Some(integrity) {
                    el.set_attribute("integrity", integrity)?;
                }
                let absolute = new_href.starts_with("//") || new_href.contains("://");
                if absolute && !el.has_attribute("crossorigin") {
                    el.set_attribute("crossorigin", "anonymous")?;
                }
                Ok(())
            }),
        );
    }
}
