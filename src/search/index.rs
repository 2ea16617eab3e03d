//! The Pagefind index of a set of pages, built in memory with the `pagefind` crate's API on a
//! current-thread runtime (Pagefind's API is async; one thread reads and indexes the pages).

use std::fs;
use std::path::Path;

use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;

/// An index ready to write: its files (paths below `pagefind/`) and how many pages it holds.
pub struct Built {
    pub files: Vec<SyntheticFile>,
    pub pages: usize,
}

/// Indexes the pages `paths` (`/`-separated, below `root`) as they are on disk. A page that
/// cannot be read is left out (the engine has reported it).
pub fn build(root: &Path, paths: &[&str]) -> Result<Built, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for rel in paths {
            let Ok(content) = fs::read_to_string(root.join(rel)) else {
                continue;
            };
            // The URL is the page's path as served: `blog/a/index.html` is `/blog/a/`.
            index
                .add_html_file(Some((*rel).to_owned()), None, content)
                .await
                .map_err(|e| format!("{}: {e}", root.join(rel).display()))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let pages = page_count(&files);
        Ok(Built { files, pages })
    })
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
