//! The search stage of a run: a Pagefind index of the finished pages, written into the output's
//! `pagefind/` directory with Pagefind's browser files.
//!
//! It is a whole-site stage, not a pass: it needs every page as the run leaves it. While the
//! pages are rewritten the engine hands each page's final bytes to [`Pages::note`], which keeps
//! only a hash of them; after the pages, [`finish`] turns the hashes into a fingerprint of what
//! would be indexed and compares it with the one the last index was built from
//! (`pagefind/folio-search.json`, see [`manifest`]). Only when they differ (or a file of the
//! index is missing) are the pages read again and indexed ([`index`]); so a second run over a
//! finished site costs one hash per page, and changes nothing. With `--check` nothing is
//! written: a missing or stale index is reported as a file that would change.
//!
//! What is indexed is chosen by the pages' markup (the theme's `data-pagefind-body`,
//! `data-pagefind-ignore`, `data-pagefind-filter`, `data-pagefind-meta`), read by Pagefind.

pub mod index;
pub mod manifest;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::Config;
use crate::outcome::Outcome;

pub use manifest::{BUNDLE_DIR, MANIFEST};

/// The pages of one run, as the search stage sees them: a hash of each one's final bytes.
#[derive(Debug, Default)]
pub struct Pages {
    /// `None` when search is off: nothing is kept.
    seen: Option<Mutex<Vec<Seen>>>,
}

/// What the search stage keeps of a page.
#[derive(Debug)]
struct Seen {
    /// `/`-separated, below the output root.
    path: String,
    /// Of the page's final bytes.
    hash: u128,
    /// Its size in bytes.
    len: u64,
    /// It marks a part of itself `data-pagefind-body`.
    body: bool,
}

impl Pages {
    /// What a run with this configuration keeps of its pages.
    pub fn for_run(config: &Config) -> Self {
        Self {
            seen: config.folio.search.enabled.then(Mutex::default),
        }
    }

    /// Records the page `file` below `root` as the run leaves it (`bytes`).
    pub fn note(&self, root: &Path, file: &Path, bytes: &[u8]) {
        let Some(seen) = &self.seen else { return };
        let Some(rel) = relative(root, file) else {
            return;
        };
        let hash = xxhash_rust::xxh3::xxh3_128(bytes);
        let body = memchr::memmem::find(bytes, b"data-pagefind-body").is_some();
        if let Ok(mut seen) = seen.lock() {
            seen.push(Seen {
                path: rel,
                hash,
                len: bytes.len() as u64,
                body,
            });
        }
    }

    /// The pages to index, sorted by path: when some page marks its body
    /// (`data-pagefind-body`, as the folio theme does), only those, as Pagefind would index
    /// them (it would hold the others in memory for nothing); else every page.
    fn into_indexed(self) -> Vec<Seen> {
        let mut pages = self
            .seen
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
            .unwrap_or_default();
        if pages.iter().any(|p| p.body) {
            pages.retain(|p| p.body);
        }
        pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        pages
    }
}

/// The page's path below the root, `/`-separated; `None` for a path that is not valid UTF-8.
fn relative(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Whether the directory `path` of the walk of `root` is the search index, which the rest of
/// the run leaves alone: when search is on, or when an earlier run wrote it.
pub fn is_bundle(root: &Path, path: &Path, config: &Config) -> bool {
    path.parent() == Some(root)
        && path.file_name().is_some_and(|n| n == BUNDLE_DIR)
        && (config.folio.search.enabled || path.join(MANIFEST).is_file())
}

/// After the pages: the index rebuilt if the pages changed since it was built (or it is
/// missing; removed when search is off and an earlier run wrote it), in parts of at most `part_bytes` of HTML ([`index::PART_BYTES`] unless a test
/// says otherwise), as one outcome for the `pagefind/` directory; nothing when search is off.
pub fn finish(
    root: &Path,
    config: &Config,
    pages: Pages,
    check: bool,
    part_bytes: u64,
) -> Vec<(PathBuf, Outcome)> {
    let bundle = root.join(BUNDLE_DIR);
    if !config.folio.search.enabled {
        // An index an earlier run wrote, now turned off: it goes, as the option says.
        let Some(old) = manifest::Manifest::read(&bundle) else {
            return Vec::new();
        };
        let outcome = if check {
            Outcome::WouldChange
        } else {
            match manifest::remove_index(&bundle, &old) {
                Ok(()) => Outcome::Changed,
                Err(reason) => Outcome::Failed(format!("the old search index: {reason}")),
            }
        };
        return vec![(bundle, outcome)];
    }
    let pages = pages.into_indexed();
    let hashes: Vec<(&str, u128)> = pages.iter().map(|p| (p.path.as_str(), p.hash)).collect();
    let fingerprint = manifest::fingerprint(&hashes, part_bytes);
    let old = manifest::Manifest::read(&bundle);
    if old
        .as_ref()
        .is_some_and(|m| m.is_fresh(&bundle, &fingerprint))
    {
        return vec![(bundle, Outcome::Unchanged)];
    }
    if check {
        return vec![(bundle, Outcome::WouldChange)];
    }
    let sizes: Vec<(&str, u64)> = pages.iter().map(|p| (p.path.as_str(), p.len)).collect();
    let outcome = match build(root, &bundle, &sizes, part_bytes, fingerprint, old.as_ref()) {
        Ok(()) => Outcome::Changed,
        Err(reason) => Outcome::Failed(format!("the search index could not be built: {reason}")),
    };
    vec![(bundle, outcome)]
}

/// Builds the index of `pages` into `bundle`, each part written as soon as it is built.
fn build(
    root: &Path,
    bundle: &Path,
    pages: &[(&str, u64)],
    part_bytes: u64,
    fingerprint: String,
    old: Option<&manifest::Manifest>,
) -> Result<(), String> {
    let writer = manifest::Writer::start(bundle)?;
    let count = index::build(root, pages, part_bytes, &|files| writer.put(files))?;
    writer.finish(count, fingerprint, old)
}

/// What `folio audit` says of the search index of `root`: `Ok` with the pages it holds when it
/// is present and was built from the pages as they are, else what is wrong.
pub fn audit(root: &Path, config: &Config) -> Option<Result<usize, String>> {
    if !config.folio.search.enabled {
        return None;
    }
    let bundle = root.join(BUNDLE_DIR);
    Some(match manifest::Manifest::read(&bundle) {
        None => Err(format!(
            "{}: no search index ([extra.folio.search] is on): run folio rewrite",
            bundle.display()
        )),
        Some(m) if !m.files_present(&bundle) => Err(format!(
            "{}: files of the search index are missing: run folio rewrite",
            bundle.display()
        )),
        Some(m) => Ok(m.pages),
    })
}
