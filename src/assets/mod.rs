//! The asset phase of a run: what must be settled before the pages are rewritten, and tidied
//! after them.
//!
//! Before the pages ([`prepare`]): every stylesheet in the output goes through lightningcss
//! (minified, prefixed for `[extra.folio.css] targets`) and, with `fingerprint = true`, is
//! written beside itself under a content-hash name (`folio.css` -> `folio.3f2a…c4.css`); the
//! result is a map from each stylesheet's path to its new name and SRI value, which the `css`
//! pass uses to point `<link rel="stylesheet|preload">` at the new file with `integrity`. The
//! highlight stylesheet is generated here too (never written as such: it goes through the same
//! treatment and is written only if some page links it), and the highlight cache is opened.
//!
//! While the pages are rewritten the engine hands each page's output to [`Assets::note_page`],
//! which records every `*.css` file name the page still mentions. After the pages
//! ([`Assets::finish`]): the highlight stylesheet is written when a page links it, and each
//! stylesheet that was replaced by its fingerprinted copy is removed, unless some page,
//! stylesheet or script still mentions its name (or a page could not be read).
//!
//! A stylesheet lightningcss cannot parse is left as it is and reported; links to it
//! are not touched. Mentions in page text count as references (conservative: an unused old name
//! costs disk space, a wrong removal a broken page). With `--check` nothing is written or
//! removed.

pub mod css;
mod sheet;

use sheet::{
    css_names, file_name, is_absolute, process_sheet, relative_path, replace_file_name, sibling,
    write_new,
};

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::config::Config;
use crate::outcome::Outcome;
use crate::render::highlight::{self, HighlightCache};
use crate::report::Report;
use crate::url::{BaseUrl, page_dir};

/// The files of the output that the asset phase reads, found by the engine's walk.
#[derive(Debug, Default)]
pub struct Inputs {
    /// `*.css`.
    pub stylesheets: Vec<PathBuf>,
    /// Text files that may name a stylesheet (scripts, JSON, XML, SVG): read for references only.
    pub texts: Vec<PathBuf>,
}

impl Inputs {
    /// Files a walk found that are not pages: kept when the asset phase reads them.
    pub fn add(&mut self, path: &Path) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("css") => self.stylesheets.push(path.to_path_buf()),
            Some("js" | "mjs" | "json" | "xml" | "svg" | "webmanifest") => {
                self.texts.push(path.to_path_buf())
            }
            _ => {}
        }
    }
}

/// What links to one stylesheet become.
#[derive(Debug, Clone)]
struct Target {
    /// The file name links name now.
    from: String,
    /// The file name they should name (the same when only `integrity` is added).
    name: String,
    /// The SRI value of that file.
    integrity: String,
}

/// The generated highlight stylesheet.
#[derive(Debug)]
struct HighlightSheet {
    /// Its path below the output root, as pages link it (fingerprinted when CSS fingerprints
    /// are on).
    rel: String,
    bytes: Vec<u8>,
    integrity: Option<String>,
}

/// What the asset phase prepared for the pages of one run, and what it learns from them.
#[derive(Debug, Default)]
pub struct Assets {
    base: BaseUrl,
    /// Stylesheets by their path below the output root.
    sheets: HashMap<String, Target>,
    highlight: Option<HighlightSheet>,
    highlight_used: AtomicBool,
    /// File names of the stylesheets replaced by fingerprinted copies, and whether anything
    /// still mentions that name.
    replaced: HashMap<String, AtomicBool>,
    replaced_files: Vec<PathBuf>,
    /// A page could not be read: what it mentions is unknown, so nothing is removed.
    poisoned: AtomicBool,
    cache: Option<HighlightCache>,
    /// The run covers the site's whole output: at the end, the cache drops the files of pages
    /// that are gone (the themes' key, see [`highlight::themes_key`]).
    prune_cache: Option<String>,
    readonly: bool,
}

/// What processing one stylesheet gave.
enum Sheet {
    /// A fingerprinted file an earlier run wrote.
    Fingerprinted { rel: String, target: Target },
    /// Replaced by a fingerprinted copy (written now, or already there).
    Replaced {
        rel: String,
        source: PathBuf,
        target: Target,
        copy: (PathBuf, Outcome),
    },
    /// Minified in place (`fingerprint = false`), or left.
    Done((PathBuf, Outcome)),
}

impl Assets {
    /// Nothing prepared: links are left alone, no highlight stylesheet is linked, no cache.
    pub fn none() -> Self {
        Self::default()
    }

    /// The highlight cache, when highlighting and its cache are on.
    pub fn highlight_cache(&self) -> Option<&HighlightCache> {
        self.cache.as_ref()
    }

    /// Where a link to `href` on the page `file` (below `root`) should point, and the SRI value
    /// to give it, when it names a stylesheet this run fingerprinted.
    pub fn stylesheet_link(&self, root: &Path, file: &Path, href: &str) -> Option<(String, &str)> {
        if self.sheets.is_empty() {
            return None;
        }
        let rel = self.base.resolve(&page_dir(root, file), href)?;
        let target = self.sheets.get(&rel)?;
        Some((replace_file_name(href, target), target.integrity.as_str()))
    }

    /// Whether `href` names the highlight stylesheet (under its plain or any fingerprinted name).
    pub fn is_highlight_stylesheet(&self, root: &Path, file: &Path, href: &str) -> bool {
        let Some(sheet) = &self.highlight else {
            return false;
        };
        let Some(rel) = self.base.resolve(&page_dir(root, file), href) else {
            return false;
        };
        let stem = |rel: &str| {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let (dir, name) = (&rel[..rel.len() - name.len()], name);
            let stem = css::split_fingerprint(name)
                .map(|(stem, _)| stem)
                .or_else(|| name.rsplit_once('.').map(|(stem, _)| stem))
                .unwrap_or(name);
            format!("{dir}{stem}")
        };
        stem(&rel) == stem(&sheet.rel)
    }

    /// The `<link>` to the highlight stylesheet for the page `file`, and records that a page
    /// links it (so it is written). `None` when highlighting is off.
    pub fn highlight_link(&self, root: &Path, file: &Path) -> Option<String> {
        let sheet = self.highlight.as_ref()?;
        self.mark_highlight_used();
        let href = self.base.url_for(&page_dir(root, file), &sheet.rel);
        let mut link = format!(
            r#"<link rel="stylesheet" href="{}""#,
            crate::html::text::escape(&href)
        );
        if let Some(integrity) = &sheet.integrity {
            link.push_str(&format!(r#" integrity="{integrity}""#));
            if is_absolute(&href) {
                link.push_str(r#" crossorigin="anonymous""#);
            }
        }
        link.push('>');
        Some(link)
    }

    /// Records that a page links the highlight stylesheet.
    pub fn mark_highlight_used(&self) {
        self.highlight_used.store(true, Ordering::Relaxed);
    }

    /// Records the stylesheet names a page's final HTML mentions.
    pub fn note_page(&self, html: &[u8]) {
        if self.replaced.is_empty() {
            return;
        }
        // The output of a page that was read as UTF-8: the fast check, not a lossy walk.
        match std::str::from_utf8(html) {
            Ok(text) => self.note_text(text),
            Err(_) => self.note_text(&String::from_utf8_lossy(html)),
        }
    }

    /// A page could not be read or rewritten: nothing it may mention is removed.
    pub fn poison(&self) {
        self.poisoned.store(true, Ordering::Relaxed);
    }

    fn note_text(&self, text: &str) {
        for name in css_names(text) {
            if let Some(seen) = self.replaced.get(name) {
                seen.store(true, Ordering::Relaxed);
            }
        }
    }

    /// After the pages: writes the highlight stylesheet if a page links it, and removes the
    /// stylesheets replaced by fingerprinted copies that nothing mentions any more.
    pub fn finish(&self, root: &Path, report: &Report) -> Vec<(PathBuf, Outcome)> {
        let mut outcomes = Vec::new();
        if let Some(sheet) = &self.highlight
            && self.highlight_used.load(Ordering::Relaxed)
        {
            let path = root.join(&sheet.rel);
            if fs::read(&path).ok().as_deref() != Some(sheet.bytes.as_slice()) {
                let outcome = if self.readonly {
                    Outcome::WouldChange
                } else {
                    match write_new(&path, &sheet.bytes, None) {
                        Ok(()) => Outcome::Changed,
                        Err(e) => Outcome::Failed(e),
                    }
                };
                outcomes.push((path, outcome));
            }
        }
        if let (Some(cache), Some(themes)) = (&self.cache, &self.prune_cache)
            && !self.readonly
            && !self.poisoned.load(Ordering::Relaxed)
        {
            cache.prune(root, themes);
        }
        if self.poisoned.load(Ordering::Relaxed) {
            if !self.replaced_files.is_empty() {
                report.warn(
                    "stylesheets under their old names are kept: some pages could not be read, and they may link them".into(),
                );
            }
            return outcomes;
        }
        for file in &self.replaced_files {
            let name = file_name(file);
            if self
                .replaced
                .get(name)
                .is_some_and(|seen| seen.load(Ordering::Relaxed))
            {
                continue;
            }
            let outcome = if self.readonly {
                Outcome::WouldChange
            } else {
                match fs::remove_file(file) {
                    Ok(()) => Outcome::Changed,
                    Err(e) => Outcome::Failed(format!("cannot remove the old stylesheet: {e}")),
                }
            };
            outcomes.push((file.clone(), outcome));
        }
        outcomes
    }
}

/// Prepares a run over the output `root`: processes its stylesheets and the highlight
/// stylesheet, opens the highlight cache. Returns what the pages need and what happened to the
/// stylesheets. An error (a bad option) stops the run before anything is written.
pub fn prepare(
    root: &Path,
    config: &Config,
    inputs: &Inputs,
    check: bool,
    report: &Report,
) -> Result<(Assets, Vec<(PathBuf, Outcome)>), String> {
    let mut assets = Assets {
        base: BaseUrl::parse(&config.base_url),
        readonly: check,
        ..Assets::default()
    };
    let mut outcomes = Vec::new();
    let options = &config.folio.css;
    let css_on = options.enabled;
    let fingerprint = css_on && options.fingerprint;
    let in_file = |e: String| match config.config_file.as_os_str().is_empty() {
        true => e,
        false => format!("{}: {e}", config.config_file.display()),
    };
    let targets = if css_on {
        css::targets(&options.targets).map_err(in_file)?
    } else {
        Default::default()
    };

    // The highlight stylesheet: generated, never parsed from the output.
    let hl = &config.folio.highlight;
    let mut highlight_plain = None;
    if hl.enabled {
        let plain = relative_path(&hl.stylesheet).ok_or_else(|| {
            format!(
                "[extra.folio.highlight] stylesheet = {:?}: expected a path below the output directory, such as \"folio-highlight.css\"",
                hl.stylesheet
            )
        }).map_err(in_file)?;
        let text = highlight::stylesheet(hl).map_err(in_file)?;
        let bytes = if css_on {
            css::minify(&text, &plain, targets)
                .map_err(|e| format!("the generated highlight stylesheet: {e}"))?
        } else {
            text
        }
        .into_bytes();
        let (rel, integrity) = if fingerprint {
            let name = css::fingerprinted_name(file_name(Path::new(&plain)), &bytes);
            let integrity = css::integrity(&bytes);
            assets.sheets.insert(
                plain.clone(),
                Target {
                    from: file_name(Path::new(&plain)).to_owned(),
                    name: name.clone(),
                    integrity: integrity.clone(),
                },
            );
            (sibling(&plain, &name), Some(integrity))
        } else {
            (plain.clone(), None)
        };
        assets.highlight = Some(HighlightSheet {
            rel,
            bytes,
            integrity,
        });
        highlight_plain = Some(plain);
        if hl.cache {
            let dir = cache_dir(config, root);
            if dir.starts_with(root) {
                report.warn(format!(
                    "the highlight cache {} is inside the output directory, which is deployed: set [extra.folio.highlight] cache_dir to a path outside it",
                    dir.display()
                ));
            }
            assets.cache = Some(HighlightCache::new(dir, !check));
            if is_output_dir(config, root) {
                assets.prune_cache = Some(highlight::themes_key(hl));
            }
        }
    }

    if css_on {
        let processed: Vec<(Option<Sheet>, Vec<String>)> = inputs
            .stylesheets
            .par_iter()
            .map(|path| {
                process_sheet(
                    root,
                    path,
                    targets,
                    fingerprint,
                    highlight_plain.as_deref(),
                    check,
                    report,
                )
            })
            .collect();
        let mut mentioned = Vec::new();
        for (sheet, names) in processed {
            mentioned.extend(names);
            match sheet {
                Some(Sheet::Fingerprinted { rel, target }) => {
                    // An older highlight stylesheet: links to it move to the current one.
                    let current = assets.highlight.as_ref().filter(|h| {
                        h.rel != rel && {
                            let plain = highlight_plain.as_deref().unwrap_or_default();
                            let (stem, _) = css::split_fingerprint(&rel).unwrap_or_default();
                            plain.rsplit_once('.').is_some_and(|(p, _)| p == stem)
                        }
                    });
                    if let Some(current) = current {
                        let name = file_name(Path::new(&current.rel)).to_owned();
                        let integrity = current.integrity.clone().unwrap_or_default();
                        assets.replace(root, &rel, target.from, name, integrity);
                    } else {
                        assets.sheets.insert(rel, target);
                    }
                }
                Some(Sheet::Replaced {
                    rel,
                    source,
                    target,
                    copy,
                }) => {
                    assets
                        .replaced
                        .insert(file_name(&source).to_owned(), AtomicBool::new(false));
                    assets.replaced_files.push(source);
                    assets.sheets.insert(rel, target);
                    outcomes.push(copy);
                }
                Some(Sheet::Done(outcome)) => outcomes.push(outcome),
                None => {}
            }
        }
        // A highlight stylesheet written under its plain name by a run without fingerprints.
        if fingerprint && let Some(plain) = &highlight_plain {
            let path = root.join(plain);
            if path.is_file() {
                let target = assets.sheets[plain].clone();
                assets.replace(root, plain, target.from, target.name, target.integrity);
            }
        }
        if !assets.replaced.is_empty() {
            for name in &mentioned {
                if let Some(seen) = assets.replaced.get(name.as_str()) {
                    seen.store(true, Ordering::Relaxed);
                }
            }
            inputs.texts.par_iter().for_each(|path| {
                if let Ok(bytes) = fs::read(path) {
                    assets.note_text(&String::from_utf8_lossy(&bytes));
                }
            });
        }
    }
    Ok((assets, outcomes))
}

impl Assets {
    /// Links to `rel` (named `from`) now go to `name`; the file is removed if nothing mentions it.
    fn replace(&mut self, root: &Path, rel: &str, from: String, name: String, integrity: String) {
        self.replaced.insert(from.clone(), AtomicBool::new(false));
        self.replaced_files.push(root.join(rel));
        self.sheets.insert(
            rel.to_owned(),
            Target {
                from,
                name,
                integrity,
            },
        );
    }
}

/// Whether `root` is the output directory of the site whose config was read (not a part of it,
/// not a tree with no site config): only then does a run see every page of the site.
fn is_output_dir(config: &Config, root: &Path) -> bool {
    let canonical = |p: &Path| fs::canonicalize(p).ok();
    !config.config_file.as_os_str().is_empty()
        && canonical(root).is_some()
        && canonical(root) == canonical(&config.output_dir)
}

/// Where the highlight cache lives: `cache_dir` relative to the site's directory (beside the
/// output), or beside the output directory when no site config was read.
fn cache_dir(config: &Config, root: &Path) -> PathBuf {
    let dir = Path::new(&config.folio.highlight.cache_dir);
    if dir.is_absolute() {
        dir.to_path_buf()
    } else if config.config_file.as_os_str().is_empty() {
        let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        root.parent().unwrap_or(&root).join(dir)
    } else {
        config.site_dir.join(dir)
    }
}

/// For the engine's walk: a directory the rewrite never enters.
pub fn is_cache_dir(name: &std::ffi::OsStr) -> bool {
    name == ".folio-cache"
}
