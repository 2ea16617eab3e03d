//! The first step of an import: the source walked and every file sorted, into documents
//! (pages, posts, news, projects, collection items, read and their front matter parsed), static
//! files, bibliographies and `_data/` files, or into the report (skipped, with the reason).
//! Nothing is followed through a symbolic link, and no special file is opened.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::content::Doc;
use super::files::{rel, sanitize_segment};
use super::read::note_text;
use super::report::Report;
use super::{dates, frontmatter, source, text};

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

/// The source's files, classified.
#[derive(Default)]
pub struct Inventory {
    pub docs: Vec<Doc>,
    /// (source path, destination under DEST).
    pub statics: Vec<(PathBuf, String)>,
    /// Bibliographies: (source path, file name).
    pub bibs: Vec<(PathBuf, String)>,
    /// `_data/` files not turned into config: (source path, name).
    pub data: Vec<(PathBuf, String)>,
}

impl Inventory {
    /// Walks the site at `root` (leaving out `not_source`, where the import writes, and what
    /// `_config.yml` excludes); `collections` are the collections `_config.yml` declares.
    pub fn take(
        root: &Path,
        not_source: &[PathBuf],
        exclude: &[String],
        collections: &[String],
        report: &mut Report,
    ) -> Self {
        let mut inv = Self::default();
        walk(root, not_source, exclude, collections, &mut inv, report);
        inv
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

/// A top-level file of the repository that is not the site's: al-folio's own (`PROJECT_FILES`),
/// Docker and build files of any name, ownership and CI settings. Jekyll published the ones its
/// `exclude:` did not name, but no page links them.
fn is_project_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    PROJECT_FILES.contains(&name)
        || (lower.starts_with("docker") && (lower.ends_with(".yml") || lower.ends_with(".yaml")))
        || lower.starts_with("dockerfile")
        || lower.ends_with(".gemspec")
        || matches!(
            lower.as_str(),
            "codeowners" | "makefile" | "security.md" | "renovate.json" | "license.txt"
        )
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
            if name.starts_with("_config") {
                // The settings: the config step reads them.
            } else if is_project_file(name) {
                report.skipped(r, "a file of the repository, not of the site");
            } else if name.starts_with(['_', '#', '~']) || name.ends_with('~') {
                report.skipped(
                    r,
                    "Jekyll ignores names starting with `_` (and editor backups)",
                );
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

/// Reads a document and adds it (its front matter parsed), or reports why it is not imported.
pub fn push_doc(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_files_and_ignored_names_are_not_published() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for f in [
            "CODEOWNERS",
            "docker-local.yml",
            "Dockerfile.dev",
            "folio.gemspec",
            "_notes.md",
            "~draft.md",
            "CNAME",
            "googleabc.html",
        ] {
            std::fs::write(root.join(f), "x\n").unwrap();
        }
        let mut report = Report::default();
        let inv = Inventory::take(root, &[], &[], &[], &mut report);
        let statics: Vec<&str> = inv.statics.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(statics, ["CNAME", "googleabc.html"]);
    }
}
