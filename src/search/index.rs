//! The Pagefind index of a set of pages, built in memory with the `pagefind` crate's API, in
//! parts of bounded size.
//!
//! Pagefind holds every page it indexes in memory until it writes the index (about 32 bytes per
//! word of text, five to twenty times the page's HTML), so one index of a large site grows with
//! the site. The pages are therefore indexed in parts of at most [`PART_BYTES`] of HTML each
//! (pages in path order, a part never split inside a page), each part a Pagefind index of its
//! own, built on a current-thread runtime (Pagefind's API is async) by one of the run's worker
//! threads, and handed to the writer as soon as it is built. The first part is the bundle's root, with Pagefind's browser script and WebAssembly;
//! the others are `part-N/` below it, with only their index files, and [`PARTS`] lists them: the
//! search script merges them into the first (Pagefind's `mergeIndex`, which reuses the first
//! part's WebAssembly). A site under one part's size (a small site) is one index, as Pagefind's
//! own command would write it.

use std::fs;
use std::path::{Path, PathBuf};

use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

/// The most HTML one part of the index is built from, in bytes (a page larger than this is a
/// part of its own). Pagefind needs up to about 20 times this in memory while it builds the part (measured on text-heavy pages), per worker thread.
pub const PART_BYTES: u64 = 2 << 20;

/// The file, in the bundle's root, that lists the other parts (`{"parts": ["part-1/", …]}`).
pub const PARTS: &str = "folio-parts.json";

/// One part's index: its files (paths below `pagefind/`, the part's directory in front) and
/// how many pages it holds.
pub struct Built {
    pub files: Vec<SyntheticFile>,
    pub pages: usize,
}

/// Indexes the pages `(path, bytes)` (`/`-separated paths below `root`, in path order) as they
/// are on disk, in parts of at most `part_bytes` of HTML, and hands each part's files to `put`
/// as soon as the part is built (so that only the parts being built are in memory, never the
/// whole index), the list of parts ([`PARTS`]) last. Returns the pages indexed. A page that
/// cannot be read is left out (the engine has reported it).
pub fn build(
    root: &Path,
    pages: &[(&str, u64)],
    part_bytes: u64,
    put: &(dyn Fn(Vec<SyntheticFile>) -> Result<(), String> + Sync),
) -> Result<usize, String> {
    let parts = split(pages, part_bytes);
    let counts = parts
        .par_iter()
        .enumerate()
        .map(|(n, part)| {
            let mut built = build_part(root, part, n == 0)?;
            if n > 0 {
                for file in &mut built.files {
                    file.filename = Path::new(&part_dir(n)).join(&file.filename);
                }
            }
            put(built.files)?;
            Ok(built.pages)
        })
        .collect::<Result<Vec<_>, String>>()?;
    let names: Vec<String> = (1..parts.len()).map(part_dir).collect();
    let list = serde_json::json!({ "parts": names });
    put(vec![SyntheticFile {
        filename: PathBuf::from(PARTS),
        contents: serde_json::to_vec(&list).map_err(|e| e.to_string())?,
    }])?;
    Ok(counts.iter().sum())
}

/// The directory of part `n` (n ≥ 1) below the bundle.
fn part_dir(n: usize) -> String {
    format!("part-{n}/")
}

/// The pages cut into runs of at most `budget` bytes each (at least one page per run; no run
/// when there are no pages).
fn split<'a>(pages: &'a [(&'a str, u64)], budget: u64) -> Vec<&'a [(&'a str, u64)]> {
    let mut parts = Vec::new();
    let (mut start, mut size) = (0, 0u64);
    for (i, (_, bytes)) in pages.iter().enumerate() {
        if i > start && size.saturating_add(*bytes) > budget {
            parts.push(&pages[start..i]);
            (start, size) = (i, 0);
        }
        size = size.saturating_add(*bytes);
    }
    if start < pages.len() {
        parts.push(&pages[start..]);
    }
    parts
}

/// One part's index. The first part keeps what the browser loads to search (Pagefind's script,
/// its worker and WebAssembly); every part keeps its index files. Pagefind's own search UIs,
/// highlighter and playground, which the theme's dialog does not use, are left out.
fn build_part(root: &Path, pages: &[(&str, u64)], first: bool) -> Result<Built, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for (rel, _) in pages {
            let Ok(content) = fs::read_to_string(root.join(rel)) else {
                continue;
            };
            // The URL is the page's path as served: `blog/a/index.html` is `/blog/a/`.
            index
                .add_html_file(Some((*rel).to_owned()), None, content)
                .await
                .map_err(|e| format!("{}: {e}", root.join(rel).display()))?;
        }
        let mut files = index.get_files().await.map_err(|e| e.to_string())?;
        let pages = page_count(&files);
        files.retain(|f| kept(&f.filename, first));
        Ok(Built { files, pages })
    })
}

/// Whether a file Pagefind wrote is one the search dialog loads, from the first part or from
/// another.
fn kept(file: &Path, first: bool) -> bool {
    let Some(name) = file.to_str() else {
        return false;
    };
    let index = name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|dir| name.starts_with(dir));
    let browser = name == "pagefind.js"
        || name == "pagefind-worker.js"
        || (name.starts_with("wasm.") && name.ends_with(".pagefind"));
    index || (first && browser)
}

/// The pages in the index, from Pagefind's `pagefind-entry.json` (per language).
fn page_count(files: &[SyntheticFile]) -> usize {
    let Some(entry) = files
        .iter()
        .find(|f| f.filename == Path::new("pagefind-entry.json"))
    else {
        return 0;
    };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(&entry.contents) else {
        return 0;
    };
    value["languages"]
        .as_object()
        .map(|langs| {
            langs
                .values()
                .filter_map(|l| l["page_count"].as_u64())
                .sum::<u64>() as usize
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_hold_whole_pages_within_the_budget() {
        let pages = [("a", 3), ("b", 3), ("c", 5), ("d", 1), ("e", 9)];
        let parts: Vec<Vec<&str>> = split(&pages, 6)
            .iter()
            .map(|p| p.iter().map(|(n, _)| *n).collect())
            .collect();
        assert_eq!(parts, [vec!["a", "b"], vec!["c", "d"], vec!["e"]]);
        assert!(split(&[], 6).is_empty());
        assert_eq!(split(&pages, u64::MAX).len(), 1);
    }

    #[test]
    fn only_the_first_part_carries_the_browser_files() {
        for name in ["pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"] {
            assert!(kept(Path::new(name), true), "{name}");
            assert!(!kept(Path::new(name), false), "{name}");
        }
        for name in [
            "pagefind-entry.json",
            "pagefind.en_123.pf_meta",
            "index/en_1.pf_index",
            "fragment/en_2.pf_fragment",
            "filter/en_3.pf_filter",
        ] {
            assert!(
                kept(Path::new(name), true) && kept(Path::new(name), false),
                "{name}"
            );
        }
        for name in [
            "pagefind-ui.js",
            "pagefind-ui.css",
            "pagefind-highlight.js",
            "playground/index.html",
        ] {
            assert!(!kept(Path::new(name), true), "{name}");
        }
    }
}
