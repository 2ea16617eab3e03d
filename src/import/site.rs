//! The plan of a whole al-folio site, step by step.
//!
//! [`plan`] runs the steps in order; each reads what it needs of the source (never writing),
//! adds its files to the [`Outputs`] and its findings to the report, and hands on what later
//! steps need: [`settings`] (`_config.yml`) → [`Inventory::take`] → [`data`] (`_data/`) →
//! [`bibliographies`] → [`statics`] → [`data_files`] → [`urls`] → the content
//! ([`content::plan`]: every document placed, then converted) → [`sections`] → [`favicon`] →
//! [`config_toml`] (with `.gitignore`). A single page ([`super::page`]) shares the content,
//! sections and config steps.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::content::{self, Doc, Found, Kind, Section};
use super::files::{rel, sanitize_segment};
use super::inventory::Inventory;
use super::plan::{OnError, Outputs};
use super::read::{note_text, read_yaml};
use super::report::Report;
use super::yaml::Node;
use super::{bib, config, source, text, toml_out};

/// Plans the import of the site at `root` (`not_source`: where the import writes).
pub fn plan(root: &Path, not_source: &[PathBuf], out: &mut Outputs, report: &mut Report) {
    let settings = settings(root, report);
    let config = &settings.config;
    let mut inv = Inventory::take(
        root,
        not_source,
        &settings.exclude,
        &settings.collections,
        report,
    );
    let data = data(root, &mut inv, report);
    let (bibs, main_bib) = bibliographies(root, &inv, config, out, report);
    let static_files = statics(root, &inv, out, report);
    data_files(root, &inv, out, report);
    let (site, base_url) = urls(config, report);
    let referenced = content::Referenced {
        bibs,
        static_files,
        cv: data.cv,
        markdown_statics: markdown_statics(&inv),
        data_loops: data_loops(&inv),
        about_layout: own_file(root, &["_layouts/about.html", "_layouts/about.liquid"]),
    };
    let (ctx, found) = content::plan(&mut inv.docs, &site, &referenced, false, out, report);
    for (name, text) in referenced.data_loops.made.borrow().iter() {
        let rel = format!("templates/shortcodes/{name}.md");
        let _ = out.text(&rel, text.clone(), OnError::report(&rel, "not written"));
    }
    self::sections(&inv.docs, &ctx, &found, out, report);
    let static_files = &referenced.static_files;
    let favicon = favicon(config, static_files, out, report);
    let header = own_file(root, &["_includes/header.html", "_includes/header.liquid"]);
    let inputs = config::Inputs {
        config,
        config_file: settings.file.unwrap_or("_config.yml"),
        socials: data.socials.as_ref().map(|(n, f)| (n, f.as_str())),
        coauthors: data.coauthors.as_ref().map(|(n, _)| n),
        venues: data.venues.as_ref().map(|(n, _)| n),
        bibliography: main_bib,
        favicon,
        fallback_title: inv
            .docs
            .iter()
            .find(|d| d.kind == Kind::Home)
            .and_then(|d| d.fm.get("title").and_then(Node::text)),
        base_url,
        static_files,
        news_dir: ctx.sections.dir(&Section::News),
        blog_dir: ctx.sections.dir(&Section::Blog),
        header_blog: header.as_deref().and_then(|h| header_blog(h, config)),
        header_nav: header.as_deref().and_then(content::NavRule::from_header),
        header_home: header.as_deref().and_then(header_home),
    };
    for (_, f) in [&data.socials, &data.coauthors, &data.venues]
        .into_iter()
        .flatten()
    {
        report.converted(f, "config.toml");
    }
    config_toml(&inputs, &found, "_config.yml", out, report);
}

/// The blog's navbar label when the site's own `_includes/header.html` shows the blog because
/// `blog_name` is set, as al-folio's header did up to 2021 (later ones test `blog_nav_title`,
/// which the config step reads): the link text it writes for `/blog/`, else "blog".
fn header_blog(header: &str, config: &Node) -> Option<String> {
    config.get("blog_name").filter(|n| n.truthy())?;
    if !header.contains("site.blog_name") {
        return None;
    }
    let label = header
        .find("'/blog/'")
        .or_else(|| header.find("\"/blog/\""))
        .and_then(|at| header.get(at..))
        .and_then(|rest| rest.split_once('>'))
        .map(|(_, after)| {
            after
                .split(['<', '{'])
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        })
        .filter(|label| !label.is_empty());
    Some(label.unwrap_or_else(|| "blog".to_owned()))
}

/// The text of the site's own header's link to the site's root (`href="{{ '/' | relative_url
/// }}">about</a>`, `href="{{ site.baseurl | prepend: site.url }}/">About</a>`), when it is
/// plain words.
fn header_home(header: &str) -> Option<String> {
    const ROOTS: &[&str] = &[
        "'/' | relative_url",
        "\"/\" | relative_url",
        "'/'| relative_url",
        "site.baseurl }}/\"",
        "site.url }}/\"",
    ];
    // Every link to the root in the header's order; the brand's (`{{ site.title }}`) has no
    // words of its own and is passed over.
    let mut at: Vec<usize> = ROOTS
        .iter()
        .flat_map(|r| header.match_indices(r).map(|(i, _)| i))
        .collect();
    at.sort_unstable();
    at.into_iter().find_map(|i| {
        let rest = &header[i..];
        let open = rest.find('>')?;
        let label: String = rest[open + 1..]
            .split(['<', '{'])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (!label.is_empty() && label.chars().count() <= 40).then_some(label)
    })
}

/// The text of the first of `files` the site has of its own (`_includes/header.html` or
/// `.liquid`, `_layouts/about.html` or `.liquid`), when it has one.
fn own_file(root: &Path, files: &[&str]) -> Option<String> {
    files
        .iter()
        .find_map(|f| text::read(&root.join(f)).ok())
        .map(|t| t.text)
}

/// What `_config.yml` says, and what the walk needs of it.
pub struct Settings {
    /// `_config.yml` or `_config.yaml`, when there is one the import read.
    pub file: Option<&'static str>,
    /// An empty mapping when there is none.
    pub config: Node,
    /// Jekyll's `exclude:`.
    pub exclude: Vec<String>,
    /// The collections it declares.
    pub collections: Vec<String>,
}

/// Reads `_config.yml` (never through a link).
pub fn settings(root: &Path, report: &mut Report) -> Settings {
    let mut config_file = None;
    let mut config_refused = false;
    for f in ["_config.yml", "_config.yaml"] {
        match source::plain_file(root, f) {
            Ok(Some(_)) => {
                config_file = Some(f);
                break;
            }
            Ok(None) => {}
            Err((at, why)) => {
                report.attention(
                    &at,
                    None,
                    format!("{why}, so the site's settings were not read: put the file itself in the site"),
                );
                config_refused = true;
            }
        }
    }
    let config = match config_file {
        Some(f) => read_yaml(root, &root.join(f), report).unwrap_or(Node::Map(Vec::new())),
        None if config_refused => Node::Map(Vec::new()),
        None => {
            report.attention(
                "_config.yml",
                None,
                "no _config.yml: is this an al-folio site? Set title, base_url and the rest in config.toml",
            );
            Node::Map(Vec::new())
        }
    };
    if let Some(f) = config_file {
        report.converted(f, "config.toml");
    }
    let exclude: Vec<String> = match config.get("exclude") {
        Some(Node::Seq(items)) => items.iter().filter_map(Node::text).collect(),
        _ => Vec::new(),
    };
    let collections: Vec<String> = config
        .get("collections")
        .map(|c| match c {
            Node::Map(entries) => entries.iter().map(|(k, _)| k.clone()).collect(),
            Node::Seq(items) => items.iter().filter_map(Node::text).collect(),
            _ => Vec::new(),
        })
        .unwrap_or_default();
    Settings {
        file: config_file,
        config,
        exclude,
        collections,
    }
}

/// The `_data/` files that become config (a YAML tree and its source path), and the CV's.
pub struct Data {
    pub socials: Option<(Node, String)>,
    pub coauthors: Option<(Node, String)>,
    pub venues: Option<(Node, String)>,
    pub cv: content::CvData,
}

/// Reads `_data/socials.yml`, `coauthors.yml` and `venues.yml` (no longer copied to data/ then)
/// and looks at `_data/cv.yml`, which stays a file (copied to data/ with the rest): its format
/// decides its use.
pub fn data(root: &Path, inv: &mut Inventory, report: &mut Report) -> Data {
    // Never through a link: a linked `_data/` or `_data/NAME.yml` is reported by the walk.
    let data_file = |name: &str| -> Option<PathBuf> {
        ["yml", "yaml"].iter().find_map(|ext| {
            source::plain_file(root, &format!("_data/{name}.{ext}"))
                .ok()
                .flatten()
        })
    };
    let mut read_data = |name: &str, report: &mut Report| -> Option<(Node, String)> {
        let path = data_file(name)?;
        let node = read_yaml(root, &path, report)?;
        let r = rel(root, &path);
        inv.data.retain(|(p, _)| *p != path);
        Some((node, r))
    };
    let socials = read_data("socials", report);
    let coauthors = read_data("coauthors", report);
    let venues = read_data("venues", report);
    let cv = match data_file("cv") {
        Some(path) => {
            let node = read_yaml(root, &path, report);
            let copied = inv
                .data
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, name)| format!("data/{name}"))
                .unwrap_or_else(|| "data/cv.yml".into());
            match node {
                Some(n) if n.get("cv").is_some() => content::CvData::RenderCv(copied),
                Some(Node::Seq(_)) => content::CvData::OldList(copied),
                _ => content::CvData::None,
            }
        }
        None => content::CvData::None,
    };
    Data {
        socials,
        coauthors,
        venues,
        cv,
    }
}

/// Bibliographies → `bibliography/NAME.bib`, bare `@string` values put in braces. Returns the
/// files by stem (`papers` → `bibliography/papers.bib`) and the main one (`scholar.bibliography`,
/// else the first).
pub fn bibliographies(
    root: &Path,
    inv: &Inventory,
    config: &Node,
    out: &mut Outputs,
    report: &mut Report,
) -> (HashMap<String, String>, Option<String>) {
    let mut bibs: HashMap<String, String> = HashMap::new();
    let main_bib_name = config
        .get("scholar")
        .and_then(|s| s.get("bibliography"))
        .and_then(Node::text)
        .unwrap_or_else(|| "papers.bib".into());
    for (path, name) in &inv.bibs {
        let Some(safe) = sanitize_segment(name) else {
            continue;
        };
        let target = out.free_name(&format!("bibliography/{safe}"));
        let src = rel(root, path);
        let planned = match text::read(path) {
            Ok(t) => {
                note_text(&src, &t, report);
                let (body, fixes) = match bib::repair(&t.text) {
                    Some((fixed, fixes)) => (fixed, fixes),
                    None => (t.text, Vec::new()),
                };
                for (line, field, value) in fixes {
                    report.repair(
                        &src,
                        Some(line),
                        format!("`{field}={value}` put in braces: Zola's BibTeX parser takes a bare value for a @string macro"),
                    );
                }
                out.converted(&target, body, &src, OnError::report(&src, "not copied"))
            }
            // Too large to check: copied as it is.
            Err(_) => out.copy(&target, path, &src),
        };
        match planned {
            Ok(()) => {
                report.converted(&src, &target);
                let stem = name.strip_suffix(".bib").unwrap_or(name).to_owned();
                bibs.insert(stem, target);
            }
            Err(e) => report.attention(&src, None, format!("not copied: {e}")),
        }
    }
    let main_stem = main_bib_name.strip_suffix(".bib").unwrap_or(&main_bib_name);
    let main_bib = bibs.get(main_stem).cloned().or_else(|| {
        inv.bibs
            .first()
            .and_then(|(_, n)| bibs.get(n.strip_suffix(".bib").unwrap_or(n)).cloned())
    });
    (bibs, main_bib)
}

/// The `_data` files [`data_files`] copies to `data/` that a Liquid loop can read as
/// `site.data.NAME` (YAML and JSON at the top of `_data/`: `load_data` gives them the same
/// shape), by NAME. Whether one parses is found when a loop names it.
fn data_loops(inv: &Inventory) -> crate::import::liquid::DataLoops {
    let files = inv
        .data
        .iter()
        .filter_map(|(path, name)| {
            let (stem, ext) = name.rsplit_once('.')?;
            (matches!(ext, "yml" | "yaml" | "json") && !stem.contains('/')).then(|| {
                (
                    stem.to_owned(),
                    (format!("data/{name}"), Some(path.clone())),
                )
            })
        })
        .collect();
    crate::import::liquid::DataLoops::new(files)
}

/// The text of the Markdown files among the static files (files without front matter, which
/// Jekyll copies as they are), by their path under static/: pages pull them in with
/// `{% include_relative %}`. A file that cannot be read as text is left out (its copy is
/// reported by [`statics`]).
fn markdown_statics(inv: &Inventory) -> HashMap<String, String> {
    inv.statics
        .iter()
        .filter(|(_, target)| target.ends_with(".md") || target.ends_with(".markdown"))
        .filter_map(|(path, target)| Some((target.clone(), text::read(path).ok()?.text)))
        .collect()
}

/// Static files → `static/`, at the same URLs. Returns their paths under static/.
pub fn statics(
    root: &Path,
    inv: &Inventory,
    out: &mut Outputs,
    report: &mut Report,
) -> HashSet<String> {
    let mut static_files = HashSet::new();
    for (path, target) in &inv.statics {
        let target = format!("static/{target}");
        if copy(root, path, &target, out, report) {
            static_files.insert(target.trim_start_matches("static/").to_owned());
        }
    }
    static_files
}

/// The `_data/` files no step read → `data/` (templates can read them with load_data).
pub fn data_files(root: &Path, inv: &Inventory, out: &mut Outputs, report: &mut Report) {
    for (path, name) in &inv.data {
        let target = format!("data/{name}");
        if copy(root, path, &target, out, report) {
            let why = if name == "repositories.yml" {
                "the repositories page (repositories.html) reads it".to_owned()
            } else {
                "the theme does not read it (templates can, with load_data)".to_owned()
            };
            report.note(&rel(root, path), None, format!("copied to {target}: {why}"));
        }
    }
}

/// Plans a copy of a source file; whether it was planned.
fn copy(root: &Path, path: &Path, target: &str, out: &mut Outputs, report: &mut Report) -> bool {
    let src = rel(root, path);
    match out.copy(target, path, &src) {
        Ok(()) => {
            report.converted(&src, target);
            true
        }
        Err(e) => {
            report.attention(&src, None, format!("not copied: {e}"));
            false
        }
    }
}

/// `url` and `baseurl` → the site's facts for the content, and Zola's `base_url`.
pub fn urls<'a>(config: &'a Node, report: &mut Report) -> (content::Site<'a>, String) {
    let url = config
        .get("url")
        .and_then(Node::text)
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let baseurl = config
        .get("baseurl")
        .and_then(Node::text)
        .map(|b| {
            let b = b.trim().trim_matches('/');
            if b.is_empty() {
                String::new()
            } else {
                format!("/{b}")
            }
        })
        .unwrap_or_default();
    let base_url = if url.is_empty() {
        report.attention(
            "_config.yml",
            None,
            "no `url`: base_url is https://example.com, set it in config.toml before publishing",
        );
        format!("https://example.com{baseurl}")
    } else if is_al_folio_placeholder(&url) {
        // al-folio's own address, never changed: Jekyll's relative links hid it, Zola's
        // absolute ones would send every click to al-folio's demo.
        let guess = config
            .get("repository")
            .and_then(Node::text)
            .and_then(|r| github_pages_url(&r));
        let (base, how) = match guess {
            Some(u) => (u, "the GitHub Pages address of `repository`"),
            None => (
                format!("https://example.com{baseurl}"),
                "https://example.com",
            ),
        };
        report.attention(
            "_config.yml",
            None,
            format!(
                "`url: {url}` is al-folio's own address, left from its template: base_url is {how} ({base}); set it in config.toml to where the site is served before publishing"
            ),
        );
        base
    } else {
        format!("{url}{baseurl}")
    };
    let site = content::Site {
        config,
        baseurl,
        url,
    };
    (site, base_url)
}

/// al-folio's demo address, the `url` of its `_config.yml` template.
fn is_al_folio_placeholder(url: &str) -> bool {
    let host = url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or("");
    host.eq_ignore_ascii_case("alshedivat.github.io")
}

/// `owner/name` → where GitHub Pages serves it: `https://owner.github.io` for the user site
/// (`owner/owner.github.io`), else `https://owner.github.io/name`; not for al-folio itself.
fn github_pages_url(repository: &str) -> Option<String> {
    let (owner, name) = repository.trim().trim_matches('/').split_once('/')?;
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    if !ok(owner) || !ok(name) || owner.eq_ignore_ascii_case("alshedivat") {
        return None;
    }
    let owner = owner.to_ascii_lowercase();
    if name.eq_ignore_ascii_case(&format!("{owner}.github.io")) {
        Some(format!("https://{owner}.github.io"))
    } else {
        Some(format!("https://{owner}.github.io/{name}"))
    }
}

/// The sections' `_index.md` that no listing page made, the blog's year sections, and an empty
/// about page when there is none.
pub fn sections(
    docs: &[Doc],
    ctx: &content::Context<'_>,
    found: &Found,
    out: &mut Outputs,
    report: &mut Report,
) {
    // Sections that have documents but no listing page.
    for section in &found.used {
        if docs
            .iter()
            .any(|d| d.kind == Kind::Listing(section.clone()))
        {
            continue;
        }
        let rel_index = format!("content/{}/_index.md", ctx.sections.dir(section));
        let text = content::section_front(section, ctx, found, toml_out::Table::new());
        let what = format!("{rel_index} not written");
        if let Err(e) = out.text(&rel_index, text, OnError::report("", what.clone())) {
            report.attention("", None, format!("{what}: {e}"));
        }
    }
    let blog_dir = ctx.sections.dir(&Section::Blog);
    for year in &ctx.sections.years {
        let rel_index = format!("content/{blog_dir}/{year}/_index.md");
        let what = format!("{rel_index} not written");
        let text = content::year_front(year);
        if let Err(e) = out.text(&rel_index, text, OnError::report("", what.clone())) {
            report.attention("", None, format!("{what}: {e}"));
        }
    }
    if docs.iter().any(|d| {
        matches!(d.kind, Kind::Post | Kind::Draft)
            && (d.fm.get("tags").is_some() || d.fm.get("categories").is_some())
    }) {
        let n = archive_redirects(docs, ctx.site.config, out);
        report.note(
            "_posts/",
            None,
            format!("tag and category archives move: /blog/tag/NAME/ is now /tags/NAME/, /blog/category/NAME/ is /categories/NAME/; {n} redirect pages under static/ keep the old addresses working"),
        );
    }
    news_and_blog(ctx, found, out);
    if !docs.iter().any(|d| d.kind == Kind::Home) {
        report.attention(
            "_pages/about.md",
            None,
            "no page with `permalink: /`: content/_index.md is an empty about page",
        );
        empty_about(out);
    }
}

/// jekyll-archives' tag and category pages (`/blog/tag/NAME/`, or the site's
/// `jekyll-archives.permalinks`) → redirect pages under static/ to Zola's taxonomy pages
/// (`/tags/NAME/`), linked relatively so that they work under any base path. Only names whose
/// slug is the same in Jekyll and Zola (ASCII). Returns how many were written.
fn archive_redirects(docs: &[Doc], config: &Node, out: &mut Outputs) -> usize {
    let permalink = |kind: &str, default: &str| {
        config
            .get("jekyll-archives")
            .and_then(|a| a.get("permalinks"))
            .and_then(|p| p.get(kind))
            .and_then(Node::text)
            .unwrap_or_else(|| default.to_owned())
    };
    let mut written = 0;
    for (key, kind, taxonomy, default) in [
        ("tags", "tag", "tags", "/blog/tag/:name/"),
        (
            "categories",
            "category",
            "categories",
            "/blog/category/:name/",
        ),
    ] {
        let pattern = permalink(kind, default);
        let mut names: Vec<String> = docs
            .iter()
            .filter(|d| d.kind == Kind::Post)
            .flat_map(|d| match d.fm.get(key) {
                Some(Node::Seq(items)) => items.iter().filter_map(Node::text).collect(),
                Some(n) => n
                    .text()
                    .map(|t| t.split_whitespace().map(str::to_owned).collect())
                    .unwrap_or_default(),
                None => Vec::new(),
            })
            .filter_map(|name| archive_slug(&name))
            .collect();
        names.sort();
        names.dedup();
        for slug in names {
            let old = pattern.replace(":name", &slug);
            let old = old.trim_matches('/');
            if old.is_empty()
                || old.contains(':')
                || old
                    .split('/')
                    .any(|s| s.is_empty() || s == "." || s == "..")
            {
                continue;
            }
            let up = "../".repeat(old.split('/').count());
            let to = format!("{up}{taxonomy}/{slug}/");
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<a href=\"{to}\">This archive has moved.</a>\n</body>\n</html>\n"
            );
            if out
                .text(&format!("static/{old}/index.html"), html, OnError::Ignore)
                .is_ok()
            {
                written += 1;
            }
        }
    }
    written
}

/// A tag's slug when Jekyll and Zola agree on it: ASCII letters, digits, `-`, `_` and spaces,
/// lowercased, spaces and runs of other separators as one `-`.
fn archive_slug(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '))
    {
        return None;
    }
    let lower = name.to_ascii_lowercase().replace('_', "-");
    let slug: Vec<&str> = lower.split([' ', '-']).filter(|s| !s.is_empty()).collect();
    (!slug.is_empty()).then(|| slug.join("-"))
}

/// The theme's about page reads news and posts from these sections: they must exist.
pub fn news_and_blog(ctx: &content::Context<'_>, found: &Found, out: &mut Outputs) {
    for section in [Section::News, Section::Blog] {
        let rel_index = format!("content/{}/_index.md", ctx.sections.dir(&section));
        if !out.taken(&rel_index) {
            let text = content::section_front(&section, ctx, found, toml_out::Table::new());
            let _ = out.text(&rel_index, text, OnError::Ignore);
        }
    }
}

/// An empty about page.
pub fn empty_about(out: &mut Outputs) {
    let _ = out.text(
        "content/_index.md",
        "+++\ntitle = \"about\"\n+++\n".into(),
        OnError::Ignore,
    );
}

/// `icon:` → a favicon path under static/: a file of assets/img/, or an emoji drawn in an SVG
/// as al-folio does.
pub fn favicon(
    config: &Node,
    statics: &HashSet<String>,
    out: &mut Outputs,
    report: &mut Report,
) -> Option<String> {
    let icon = config.get("icon").and_then(Node::text)?;
    let icon = icon.trim();
    let as_file = format!("assets/img/{icon}");
    if statics.contains(&as_file) {
        return Some(as_file);
    }
    if icon.contains('.') || icon.contains('/') {
        report.attention(
            "_config.yml",
            None,
            format!("icon `{icon}` is not in assets/img/: the theme's favicon is used"),
        );
        return None;
    }
    let escaped = icon.replace('&', "&amp;").replace('<', "&lt;");
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><text x=\"50%\" y=\"50%\" dy=\".35em\" text-anchor=\"middle\" font-size=\"80\">{escaped}</text></svg>\n"
    );
    let target = out.free_name("static/favicon-emoji.svg");
    match out.text(
        &target,
        svg,
        OnError::report("_config.yml", "favicon not written"),
    ) {
        Ok(()) => Some(target.trim_start_matches("static/").to_owned()),
        Err(e) => {
            report.attention("_config.yml", None, format!("favicon not written: {e}"));
            None
        }
    }
}

/// `config.toml` (problems reported for `file`), and the `.gitignore` of what Zola and folio
/// build (kept out of the new site's repository; an existing one is kept).
pub fn config_toml(
    inputs: &config::Inputs<'_>,
    found: &Found,
    file: &str,
    out: &mut Outputs,
    report: &mut Report,
) {
    let text = config::build(inputs, found, report);
    let on_error = OnError::report(file, "config.toml not written");
    if let Err(e) = out.text("config.toml", text, on_error) {
        report.attention(file, None, format!("config.toml not written: {e}"));
    }
    let _ = out.text(".gitignore", crate::site::GITIGNORE.into(), OnError::Ignore);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headers_label_for_the_about_page() {
        let cases = [
            (
                "<a class=\"nav-link\" href=\"{{ '/' | relative_url }}\">\n  home\n  {% if x %}",
                Some("home"),
            ),
            (
                "<a class=\"page-link\" href=\"{{ site.baseurl | prepend: site.url }}/\">\n\tAbout\n\t</a>",
                Some("About"),
            ),
            (
                "<a href=\"{{ '/' | relative_url }}\">{{ site.title }}</a>",
                None,
            ),
            (
                "<a class=\"navbar-brand\" href=\"{{ site.baseurl }}/\">{{ site.title }}</a>\n<a class=\"nav-link\" href=\"{{ '/' | relative_url }}\">bio</a>",
                Some("bio"),
            ),
            ("<a href=\"{{ '/blog/' | relative_url }}\">blog</a>", None),
        ];
        for (header, label) in cases {
            assert_eq!(header_home(header).as_deref(), label, "{header}");
        }
    }

    #[test]
    fn al_folios_own_url_is_a_placeholder() {
        assert!(is_al_folio_placeholder("https://alshedivat.github.io"));
        assert!(is_al_folio_placeholder(
            "https://AlShedivat.github.io/al-folio"
        ));
        assert!(!is_al_folio_placeholder("https://ann.github.io"));
        assert_eq!(
            github_pages_url("neuhai/lab_homepage").as_deref(),
            Some("https://neuhai.github.io/lab_homepage")
        );
        assert_eq!(
            github_pages_url("Ann/ann.github.io").as_deref(),
            Some("https://ann.github.io")
        );
        for bad in ["alshedivat/al-folio", "x", "a/b c", "/"] {
            assert_eq!(github_pages_url(bad), None, "{bad}");
        }
    }
}
