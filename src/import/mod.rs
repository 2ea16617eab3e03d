//! `folio import SOURCE DEST`: an al-folio (Jekyll) site, or one al-folio page, → a new Zola site
//! on the folio theme.
//!
//! The source is only read. Every file of it is accounted for in the report: converted (pages,
//! posts, news, projects, collections → `content/`; `_config.yml` and `_data/` → `config.toml`;
//! `_bibliography/` → `bibliography/`; `assets/` and other static files → `static/`, at the same
//! URLs), or skipped with a reason (Jekyll's layouts, includes, Sass and build files, which the
//! theme replaces). Anything not converted stays as text and is listed with file and line.
//! Modules: [`text`] (encodings, mojibake), [`yaml`], [`dates`], [`frontmatter`], [`liquid`],
//! [`kramdown`], [`shortcodes`], [`content`], [`config`], [`bib`], [`files`], [`toml_out`],
//! [`report`]; [`source`] reads SOURCE (regular files only, no symbolic link followed, sizes
//! bounded) and [`staging`] makes DEST appear whole or marked unfinished.

pub mod bib;
pub mod config;
pub mod content;
pub mod dates;
pub mod files;
pub mod frontmatter;
pub mod kramdown;
pub mod liquid;
pub mod math;
pub mod report;
pub mod shortcodes;
pub mod source;
pub mod staging;
pub mod text;
pub mod toml_out;
pub mod yaml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use content::{Doc, Kind, Section};
use files::{Dest, rel, sanitize_segment};
use report::Report;
use yaml::Node;

/// The report's file name in DEST.
pub const REPORT_FILE: &str = "IMPORT_REPORT.md";

/// Options of an import.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Import into a non-empty DEST (its files are still never overwritten).
    pub force: bool,
}

/// The result of an import that ran.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    pub report_path: PathBuf,
    /// What interrupted imports had left in DEST (or beside it) and this one removed first.
    pub cleaned: Vec<String>,
    /// Files that could not be moved into DEST at the end (a non-empty DEST only).
    pub problems: Vec<String>,
}

impl Outcome {
    /// 0: imported, nothing needs attention; 1: imported, see the report.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.report.attention_count() > 0 || !self.problems.is_empty())
    }
}

/// Whether the embedded theme has a file (`templates/cv.html`).
pub fn theme_has(path: &str) -> bool {
    crate::theme::THEME.get_file(path).is_some()
}

/// Top-level files of an al-folio checkout that are not part of the site.
const PROJECT_FILES: &[&str] = &[
    "Gemfile",
    "Gemfile.lock",
    "README.md",
    "LICENSE",
    "LICENSE.md",
    "CONTRIBUTING.md",
    "CUSTOMIZE.md",
    "FAQ.md",
    "INSTALL.md",
    "CHANGELOG.md",
    "CODE_OF_CONDUCT.md",
    "Dockerfile",
    "docker-compose.yml",
    "docker-compose-slim.yml",
    "package.json",
    "package-lock.json",
    "purgecss.config.js",
    "netlify.toml",
    "_config.yml",
    "_config.yaml",
    "robots.txt",
    "Rakefile",
    "eslint.config.js",
    "requirements.txt",
    "pyproject.toml",
    "feed.xml",
    "sitemap.xml",
];

/// Jekyll directories the theme replaces.
const JEKYLL_DIRS: &[(&str, &str)] = &[
    (
        "_layouts",
        "Jekyll layouts: the folio theme's templates replace them",
    ),
    (
        "_includes",
        "Jekyll includes: the folio theme's templates and shortcodes replace them",
    ),
    (
        "_sass",
        "al-folio's Sass: the folio theme has its own (put your own styles in sass/)",
    ),
    ("_plugins", "Jekyll plugins (Ruby): no Zola equivalent"),
    (
        "_scripts",
        "al-folio's JavaScript: the folio theme needs none",
    ),
    ("_site", "Jekyll's build output"),
    ("bin", "al-folio's scripts"),
    ("node_modules", "npm packages"),
    ("vendor", "Ruby gems"),
    ("lighthouse_results", "al-folio's CI output"),
    ("readme_preview", "al-folio's README images"),
];

/// `assets/` subdirectories that are al-folio's own machinery.
const ASSET_MACHINERY: &[&str] = &["css", "js", "fonts", "webfonts", "libs", "sass"];

/// Runs an import. `Err` only when nothing could be imported (bad SOURCE or DEST).
pub fn run(source: &Path, dest_dir: &Path, options: &Options) -> Result<Outcome, String> {
    // SOURCE itself may be a link (the user named it); nothing inside it is followed.
    let meta =
        std::fs::metadata(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    if !meta.is_dir() && !meta.is_file() {
        return Err(format!(
            "{} is {}: SOURCE must be an al-folio site's directory or one page; nothing was read",
            source.display(),
            source::kind(&meta)
        ));
    }
    let source_root = source
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", source.display()))?;
    if let Ok(d) = dest_dir.canonicalize()
        && (d == source_root || source_root.starts_with(&d))
    {
        return Err(format!(
            "{} contains the source: choose a new directory",
            dest_dir.display()
        ));
    }
    // Written beside DEST (or inside a non-empty one) first, put in place at the end: DEST is
    // never half-written without a marker saying so (see `staging`).
    let staging = staging::begin(dest_dir, options.force)?;
    let mut dest = Dest::at(
        staging.root().to_path_buf(),
        staging.existing().map(Path::to_path_buf),
    );
    let mut report = Report {
        source: source.display().to_string(),
        dest: dest_dir.display().to_string(),
        ..Report::default()
    };
    let not_source = [staging.root().to_path_buf(), staging.dest().to_path_buf()];
    if meta.is_dir() {
        import_site(&source_root, &mut dest, &not_source, &mut report);
    } else {
        import_page(&source_root, &mut dest, &mut report);
    }
    match crate::theme::install(dest.root(), false) {
        Ok(_) => {}
        Err(e) => report.attention("", None, format!("the theme was not installed: {e}")),
    }
    for (file, why) in staging.conflicts() {
        report.attention(&file, None, why);
    }
    let report_path = staging.dest().join(REPORT_FILE);
    let text = report.markdown();
    if let Err(e) = dest.write(REPORT_FILE, text.as_bytes()) {
        report.attention("", None, format!("the report was not written: {e}"));
    }
    let cleaned = staging.cleaned.clone();
    let problems = staging.finish()?;
    Ok(Outcome {
        report,
        report_path,
        cleaned,
        problems,
    })
}

/// The source's files, classified.
#[derive(Default)]
struct Inventory {
    docs: Vec<Doc>,
    /// (source path, destination under DEST).
    statics: Vec<(PathBuf, String)>,
    /// Bibliographies: (source path, file name).
    bibs: Vec<(PathBuf, String)>,
    /// `_data/` files not turned into config: (source path, name).
    data: Vec<(PathBuf, String)>,
}

fn import_site(root: &Path, dest: &mut Dest, not_source: &[PathBuf], report: &mut Report) {
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

    let mut inv = Inventory::default();
    walk(root, not_source, &exclude, &collections, &mut inv, report);

    // _data/
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
    // The CV data stays a file (copied to data/ with the rest); its format decides its use.
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

    // Bibliographies → bibliography/NAME.bib
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
        let target = dest.free_name(&format!("bibliography/{safe}"));
        let src = rel(root, path);
        let written = match text::read(path) {
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
                dest.write(&target, body.as_bytes())
            }
            // Too large to check: copied as it is.
            Err(_) => dest.copy(&target, path),
        };
        match written {
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

    // Static files.
    let mut static_files = HashSet::new();
    for (path, target) in &inv.statics {
        let src = rel(root, path);
        let target = format!("static/{target}");
        match dest.copy(&target, path) {
            Ok(()) => {
                static_files.insert(target.trim_start_matches("static/").to_owned());
                report.converted(&src, &target);
            }
            Err(e) => report.attention(&src, None, format!("not copied: {e}")),
        }
    }
    for (path, name) in &inv.data {
        let src = rel(root, path);
        let target = format!("data/{name}");
        match dest.copy(&target, path) {
            Ok(()) => {
                report.converted(&src, &target);
                report.note(
                    &src,
                    None,
                    format!("copied to {target}: the theme does not read it (templates can, with load_data)"),
                );
            }
            Err(e) => report.attention(&src, None, format!("not copied: {e}")),
        }
    }

    // URLs.
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
    } else {
        format!("{url}{baseurl}")
    };

    let site = content::Site {
        config: &config,
        baseurl,
        url,
    };
    let (sections, links) = content::plan(&mut inv.docs, &site, dest, report);
    let ctx = content::Context {
        site: &site,
        links: &links,
        sections: &sections,
        bibs: &bibs,
        static_files: &static_files,
        single_page: false,
        cv,
    };
    let found = content::write_all(&inv.docs, &ctx, dest, report);

    // Sections that have documents but no listing page.
    for section in &found.used {
        let has_listing = inv
            .docs
            .iter()
            .any(|d| d.kind == Kind::Listing(section.clone()));
        if has_listing {
            continue;
        }
        let dir = sections.dir(section);
        let rel_index = format!("content/{dir}/_index.md");
        let text = content::section_front(section, &ctx, &found, toml_out::Table::new());
        if let Err(e) = dest.write(&rel_index, text.as_bytes()) {
            report.attention("", None, format!("{rel_index} not written: {e}"));
        }
    }
    let blog_dir = sections.dir(&Section::Blog);
    for year in &sections.years {
        let rel_index = format!("content/{blog_dir}/{year}/_index.md");
        if let Err(e) = dest.write(&rel_index, content::year_front(year).as_bytes()) {
            report.attention("", None, format!("{rel_index} not written: {e}"));
        }
    }
    if inv.docs.iter().any(|d| {
        matches!(d.kind, Kind::Post | Kind::Draft)
            && (d.fm.get("tags").is_some() || d.fm.get("categories").is_some())
    }) {
        report.note(
            "_posts/",
            None,
            "tag and category archives move: /blog/tag/NAME/ is now /tags/NAME/, /blog/category/NAME/ is /categories/NAME/",
        );
    }
    // The theme's about page reads news and posts from these sections: they must exist.
    for section in [Section::News, Section::Blog] {
        let dir = sections.dir(&section);
        let rel_index = format!("content/{dir}/_index.md");
        if !dest.taken(&rel_index) {
            let text = content::section_front(&section, &ctx, &found, toml_out::Table::new());
            let _ = dest.write(&rel_index, text.as_bytes());
        }
    }
    if !inv.docs.iter().any(|d| d.kind == Kind::Home) {
        report.attention(
            "_pages/about.md",
            None,
            "no page with `permalink: /`: content/_index.md is an empty about page",
        );
        let _ = dest.write("content/_index.md", b"+++\ntitle = \"about\"\n+++\n");
    }

    // The favicon: al-folio's `icon` is an emoji or a file in assets/img/.
    let favicon = favicon(&config, &static_files, dest, report);
    let inputs = config::Inputs {
        config: &config,
        config_file: config_file.unwrap_or("_config.yml"),
        socials: socials.as_ref().map(|(n, f)| (n, f.as_str())),
        coauthors: coauthors.as_ref().map(|(n, _)| n),
        venues: venues.as_ref().map(|(n, _)| n),
        bibliography: main_bib,
        favicon,
        fallback_title: inv
            .docs
            .iter()
            .find(|d| d.kind == Kind::Home)
            .and_then(|d| d.fm.get("title").and_then(Node::text)),
        base_url,
        static_files: &static_files,
        news_dir: sections.dir(&Section::News),
        blog_dir: sections.dir(&Section::Blog),
    };
    for (_, f) in [&socials, &coauthors, &venues].into_iter().flatten() {
        report.converted(f, "config.toml");
    }
    let text = config::build(&inputs, &found, report);
    if let Err(e) = dest.write("config.toml", text.as_bytes()) {
        report.attention("_config.yml", None, format!("config.toml not written: {e}"));
    }
    // What Zola and folio build stays out of the new site's repository (kept if there is one).
    let _ = dest.write(".gitignore", crate::site::GITIGNORE.as_bytes());
}

/// `icon:` → a favicon path under static/.
fn favicon(
    config: &Node,
    statics: &HashSet<String>,
    dest: &mut Dest,
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
    // An emoji, drawn in an SVG as al-folio does.
    let escaped = icon.replace('&', "&amp;").replace('<', "&lt;");
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><text x=\"50%\" y=\"50%\" dy=\".35em\" text-anchor=\"middle\" font-size=\"80\">{escaped}</text></svg>\n"
    );
    let target = dest.free_name("static/favicon-emoji.svg");
    match dest.write(&target, svg.as_bytes()) {
        Ok(()) => Some(target.trim_start_matches("static/").to_owned()),
        Err(e) => {
            report.attention("_config.yml", None, format!("favicon not written: {e}"));
            None
        }
    }
}

/// Reads and parses a YAML file; problems go to the report.
fn read_yaml(root: &Path, path: &Path, report: &mut Report) -> Option<Node> {
    let file = rel(root, path);
    let t = match text::read(path) {
        Ok(t) => t,
        Err(e) => {
            report.attention(&file, None, e);
            return None;
        }
    };
    note_text(&file, &t, report);
    match yaml::parse(&t.text, 1) {
        Ok(parsed) => {
            for key in parsed.duplicates {
                report.attention(
                    &file,
                    None,
                    format!("key `{key}` is given twice: the last value is used, as in Jekyll"),
                );
            }
            Some(parsed.node)
        }
        Err(e) => {
            report.attention(
                &file,
                Some(e.line),
                format!(
                    "invalid YAML (column {}): {}; not used",
                    e.column, e.message
                ),
            );
            None
        }
    }
}

fn note_text(file: &str, t: &text::Text, report: &mut Report) {
    for n in &t.notes {
        report.repair(file, None, n.clone());
    }
    for r in &t.repairs {
        report.repair(
            file,
            Some(r.line),
            format!("mojibake repaired: `{}` → `{}`", r.from, r.to),
        );
    }
}

/// Walks the source and sorts every file into the inventory or the report.
fn walk(
    root: &Path,
    not_source: &[PathBuf],
    exclude: &[String],
    collections: &[String],
    inv: &mut Inventory,
    report: &mut Report,
) {
    let mut skipped_dirs: HashMap<String, (usize, String)> = HashMap::new();
    let mut it = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e.path().map_or_else(String::new, |p| rel(root, p));
                report.attention(&file, None, format!("cannot read: {e}"));
                continue;
            }
        };
        let path = entry.path();
        if path == root {
            continue;
        }
        if not_source.iter().any(|d| path.starts_with(d)) {
            it.skip_current_dir();
            continue;
        }
        let r = rel(root, path);
        let parts: Vec<&str> = r.split('/').collect();
        let first = parts[0];
        let name = *parts.last().unwrap_or(&"");
        if excluded(&r, exclude) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            report.skipped(&r, "excluded in _config.yml");
            continue;
        }
        if entry.file_type().is_dir() {
            if name.starts_with('.') {
                if name != ".git" {
                    report.skipped(&format!("{r}/"), "a hidden directory");
                }
                it.skip_current_dir();
            } else if parts.len() == 1
                && let Some((_, why)) = JEKYLL_DIRS.iter().find(|(d, _)| *d == first)
            {
                let count = walkdir::WalkDir::new(path)
                    .into_iter()
                    .flatten()
                    .filter(|e| e.file_type().is_file())
                    .count();
                skipped_dirs.insert(format!("{r}/"), (count, (*why).to_owned()));
                it.skip_current_dir();
            } else if parts.len() == 2 && first == "assets" && ASSET_MACHINERY.contains(&name) {
                let count = walkdir::WalkDir::new(path)
                    .into_iter()
                    .flatten()
                    .filter(|e| e.file_type().is_file())
                    .count();
                skipped_dirs.insert(
                    format!("{r}/"),
                    (
                        count,
                        "al-folio's own styles, scripts and fonts: the folio theme replaces them"
                            .into(),
                    ),
                );
                it.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            // A link, FIFO, socket or device: never opened (a FIFO would block, a device
            // never end), reported with what it is.
            let why = match source::check(path) {
                Err(why) => why.to_string(),
                Ok(_) => "changed while it was being read: not read".to_owned(),
            };
            report.skipped(&r, why);
            continue;
        }
        if name.starts_with('.') {
            if !matches!(
                name,
                ".gitignore"
                    | ".gitattributes"
                    | ".prettierrc"
                    | ".prettierignore"
                    | ".nojekyll"
                    | ".DS_Store"
                    | ".editorconfig"
                    | ".pre-commit-config.yaml"
                    | ".dockerignore"
            ) {
                report.skipped(&r, "a hidden file");
            }
            continue;
        }
        classify(root, path, &r, &parts, collections, inv, report);
    }
    let mut dirs: Vec<_> = skipped_dirs.into_iter().collect();
    dirs.sort();
    for (dir, (count, why)) in dirs {
        report.skipped(&dir, format!("{count} files: {why}"));
    }
}

/// Jekyll's `exclude:` (names or paths, `*` globs at the end).
fn excluded(rel: &str, exclude: &[String]) -> bool {
    exclude.iter().any(|e| {
        let e = e.trim_end_matches('/');
        if let Some(prefix) = e.strip_suffix('*') {
            rel.starts_with(prefix)
        } else {
            rel == e || rel.starts_with(&format!("{e}/"))
        }
    })
}

fn is_page_ext(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".md", ".markdown", ".mkd", ".html", ".htm"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".md", ".markdown", ".mkd"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn has_front_matter(path: &Path) -> bool {
    let buf = source::head(path, 18);
    // UTF-16 with a byte order mark (what some Windows editors save): its ASCII bytes.
    let units = |word: fn([u8; 2]) -> u16| -> Vec<u8> {
        buf[2..]
            .chunks_exact(2)
            .map(|c| u8::try_from(word([c[0], c[1]])).unwrap_or(0))
            .collect()
    };
    let buf = if buf.starts_with(b"\xff\xfe") {
        units(u16::from_le_bytes)
    } else if buf.starts_with(b"\xfe\xff") {
        units(u16::from_be_bytes)
    } else {
        buf
    };
    let b = buf.as_slice();
    let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    b.starts_with(b"---\n") || b.starts_with(b"---\r\n") || b.starts_with(b"--- ")
}

fn classify(
    root: &Path,
    path: &Path,
    r: &str,
    parts: &[&str],
    collections: &[String],
    inv: &mut Inventory,
    report: &mut Report,
) {
    let first = parts[0];
    let name = *parts.last().unwrap_or(&"");
    match first {
        "_data" => {
            let safe: Vec<String> = parts[1..]
                .iter()
                .filter_map(|p| sanitize_segment(p))
                .collect();
            inv.data.push((path.to_path_buf(), safe.join("/")));
        }
        "_bibliography" => {
            if name.to_ascii_lowercase().ends_with(".bib") && parts.len() == 2 {
                inv.bibs.push((path.to_path_buf(), name.to_owned()));
            } else {
                report.skipped(r, "not a .bib file (citation styles are jekyll-scholar's)");
            }
        }
        "assets" => {
            if has_front_matter(path) {
                report.skipped(
                    r,
                    "a file Jekyll renders (front matter): not needed by the theme",
                );
            } else {
                push_static(inv, path, r, parts, report);
            }
        }
        _ if parts.len() == 1 => {
            if PROJECT_FILES.contains(&name) || name.starts_with("_config") {
                if !name.starts_with("_config") {
                    report.skipped(r, "a file of the Jekyll project, not of the site");
                }
            } else if is_page_ext(name) && has_front_matter(path) {
                push_doc(root, path, r, "", inv, report);
            } else if is_markdown(name) {
                report.skipped(
                    r,
                    "Markdown without front matter at the root: the repository's documentation (Jekyll copied it as it is; put it in static/ to keep that)",
                );
            } else {
                push_static(inv, path, r, parts, report);
            }
        }
        _ if first.starts_with('_') => {
            let origin = first;
            let collection = first.trim_start_matches('_');
            let known = matches!(
                first,
                "_pages" | "_posts" | "_drafts" | "_news" | "_projects"
            ) || collections.iter().any(|c| c == collection);
            if !known {
                report.skipped(r, format!("`{first}` is not a collection in _config.yml"));
            } else if parts[1..]
                .iter()
                .any(|p| p.starts_with('_') || p.starts_with('#') || p.ends_with('~'))
            {
                report.skipped(
                    r,
                    "Jekyll ignores names starting with `_` (and editor backups)",
                );
            } else if is_page_ext(name) && has_front_matter(path) {
                push_doc(root, path, r, origin, inv, report);
            } else {
                // Jekyll copies a collection's other files as they are, at the same URL.
                push_static(inv, path, r, parts, report);
            }
        }
        _ => {
            if is_page_ext(name) && has_front_matter(path) {
                push_doc(root, path, r, "", inv, report);
            } else {
                push_static(inv, path, r, parts, report);
            }
        }
    }
}

fn push_static(inv: &mut Inventory, path: &Path, r: &str, parts: &[&str], report: &mut Report) {
    let safe: Vec<String> = parts.iter().filter_map(|p| sanitize_segment(p)).collect();
    let target = safe.join("/");
    if target.is_empty() {
        report.skipped(r, "a name that cannot be written safely");
        return;
    }
    if target != r {
        report.repair(r, None, format!("path sanitised to static/{target}"));
    }
    inv.statics.push((path.to_path_buf(), target));
}

fn push_doc(
    root: &Path,
    path: &Path,
    r: &str,
    origin: &str,
    inv: &mut Inventory,
    report: &mut Report,
) {
    let _ = root;
    let t = match text::read(path) {
        Ok(t) => t,
        Err(e) => {
            report.attention(r, None, e);
            return;
        }
    };
    note_text(r, &t, report);
    let split = frontmatter::split(&t.text);
    if split.yaml.is_none() && t.text.lines().next().is_some_and(|l| l.trim_end() == "---") {
        report.attention(
            r,
            Some(1),
            "the front matter that `---` opens is never closed (no second `---` line): the whole file is kept as the page's text",
        );
    }
    let fm = match frontmatter::parse(r, &split, report) {
        Ok(fm) => fm,
        Err(e) => {
            // `file:line:column: message` (or `file:line: message`).
            let rest = e.strip_prefix(&format!("{r}:")).unwrap_or(&e);
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().and_then(|l| l.trim().parse::<usize>().ok());
            let second = parts.next().unwrap_or("");
            let (column, message) = match second.trim().parse::<usize>() {
                Ok(c) => (Some(c), parts.next().unwrap_or("").trim()),
                Err(_) => (None, rest.split_once(": ").map_or(rest, |(_, m)| m)),
            };
            let message = match column {
                Some(c) => format!("{message} (column {c}); the file is not imported"),
                None => format!("{message}; the file is not imported"),
            };
            report.attention(r, line, message);
            report.skipped(r, "invalid YAML front matter (see Needs attention)");
            return;
        }
    };
    let body = split.body.to_owned();
    let body_line = split.body_line;
    let mut doc = Doc::new(r.to_owned(), origin, fm, body, body_line);
    doc.mtime = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| dates::from_days((d.as_secs() / 86_400) as i64));
    inv.docs.push(doc);
}

/// Imports a single al-folio page (SOURCE is a file).
fn import_page(path: &Path, dest: &mut Dest, report: &mut Report) {
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
    let (sections, links) = content::plan(&mut inv.docs, &site, dest, report);
    let static_files = HashSet::new();
    let bibs = HashMap::new();
    let ctx = content::Context {
        site: &site,
        links: &links,
        sections: &sections,
        bibs: &bibs,
        static_files: &static_files,
        single_page: true,
        cv: content::CvData::None,
    };
    let found = content::write_all(&inv.docs, &ctx, dest, report);
    for section in [Section::News, Section::Blog] {
        let dir = sections.dir(&section);
        let text = content::section_front(&section, &ctx, &found, toml_out::Table::new());
        let _ = dest.write(&format!("content/{dir}/_index.md"), text.as_bytes());
    }
    if !inv.docs.iter().any(|d| d.kind == Kind::Home) && !inv.docs.is_empty() {
        let _ = dest.write("content/_index.md", b"+++\ntitle = \"about\"\n+++\n");
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
        static_files: &static_files,
        news_dir: sections.dir(&Section::News),
        blog_dir: sections.dir(&Section::Blog),
    };
    let text = config::build(&inputs, &found, report);
    if let Err(e) = dest.write("config.toml", text.as_bytes()) {
        report.attention(&name, None, format!("config.toml not written: {e}"));
    }
    // What Zola and folio build stays out of the new site's repository (kept if there is one).
    let _ = dest.write(".gitignore", crate::site::GITIGNORE.as_bytes());
}
