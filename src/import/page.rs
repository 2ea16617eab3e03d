//! The plan of a single al-folio page (SOURCE is a file): the page becomes the about page or a
//! page of a new site with the blog and news sections the theme needs, and a config.toml to
//! complete by hand.

use std::path::Path;

use super::config;
use super::content::{self, Kind, Section};
use super::inventory::{Inventory, push_doc};
use super::plan::Outputs;
use super::report::Report;
use super::site::{config_toml, empty_about, news_and_blog};
use super::yaml::Node;

/// Plans the import of the page at `path`.
pub fn plan(path: &Path, out: &mut Outputs, report: &mut Report) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "page.md".into());
    let root = path.parent().unwrap_or(Path::new("."));
    let mut inv = Inventory::default();
    push_doc(root, path, &name, "_pages", &mut inv, report);
    report.note(
        &name,
        None,
        "a single page: no _config.yml, so set title, first_name/last_name, base_url and [extra.socials] in config.toml",
    );
    let config = Node::Map(Vec::new());
    let site = content::Site {
        config: &config,
        baseurl: String::new(),
        url: String::new(),
    };
    // The page lives in _pages/ for the plan (`src` stays the file name in the report).
    let referenced = content::Referenced::default();
    let (ctx, found) = content::plan(&mut inv.docs, &site, &referenced, true, out, report);
    news_and_blog(&ctx, &found, out);
    if !inv.docs.iter().any(|d| d.kind == Kind::Home) && !inv.docs.is_empty() {
        empty_about(out);
    }
    let inputs = config::Inputs {
        config: &config,
        config_file: "_config.yml",
        socials: None,
        coauthors: None,
        venues: None,
        bibliography: None,
        favicon: None,
        fallback_title: inv
            .docs
            .first()
            .and_then(|d| d.fm.get("title").and_then(Node::text)),
        base_url: "https://example.com".into(),
        static_files: &referenced.static_files,
        news_dir: ctx.sections.dir(&Section::News),
        blog_dir: ctx.sections.dir(&Section::Blog),
        header_blog: None,
        header_nav: None,
        header_home: None,
    };
    config_toml(&inputs, &found, &name, out, report);
}
