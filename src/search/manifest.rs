//! `pagefind/folio-search.json`: what the search index in the output was built from (a
//! fingerprint of the indexed pages) and which files it is, so that a later run rebuilds it
//! only when the pages changed, replaces only the files that differ (written part by part, as
//! the parts are built), and removes only files it wrote.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use pagefind::api::SyntheticFile;

/// The index's directory below the output root (where Pagefind's browser script expects it).
pub const BUNDLE_DIR: &str = "pagefind";
/// The manifest's file name in [`BUNDLE_DIR`].
pub const MANIFEST: &str = "folio-search.json";

/// What changes the index besides the pages: the index format and Pagefind's version.
const FORMAT: &str = "folio search 2; pagefind 1.6.0";

/// The manifest as written.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Hash of the indexed pages' paths and bytes, and of [`FORMAT`].
    pub fingerprint: String,
    /// Pages in the index.
    pub pages: usize,
    /// The index's files, `/`-separated, below [`BUNDLE_DIR`].
    pub files: Vec<String>,
}

impl Manifest {
    /// The manifest in `bundle`, if there is one that reads.
    pub fn read(bundle: &Path) -> Option<Manifest> {
        let text = fs::read(bundle.join(MANIFEST)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Built from these pages, and every file still there.
    pub fn is_fresh(&self, bundle: &Path, fingerprint: &str) -> bool {
        self.fingerprint == fingerprint && self.files_present(bundle)
    }

    /// Every file of the index is there.
    pub fn files_present(&self, bundle: &Path) -> bool {
        self.files.iter().all(|f| bundle.join(f).is_file())
    }
}

/// The fingerprint of the pages `(path, hash of the bytes)`, sorted by path, indexed in parts
/// of at most `part_bytes`.
pub fn fingerprint(pages: &[(&str, u128)], part_bytes: u64) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(FORMAT.as_bytes());
    hasher.update(&part_bytes.to_le_bytes());
    for (path, hash) in pages {
        hasher.update(&[0]);
        hasher.update(path.as_bytes());
        hasher.update(&[0]);
        hasher.update(&hash.to_le_bytes());
    }
    format!("{:032x}", hasher.digest128())
}

/// Writes an index into `bundle` as its parts come: [`Writer::start`] clears what an
/// interrupted write left, [`Writer::put`] writes each file whose bytes differ (from any worker
/// thread), [`Writer::finish`] removes the files of the `old` index the new one no longer has,
/// then writes the manifest (last: an interrupted write leaves no manifest saying the index is
/// fresh).
pub struct Writer<'a> {
    bundle: &'a Path,
    names: Mutex<BTreeSet<String>>,
}

impl<'a> Writer<'a> {
    pub fn start(bundle: &'a Path) -> Result<Self, String> {
        // Temporary files of an interrupted write of the index (the engine's walk leaves this
        // directory to this stage).
        for entry in walkdir::WalkDir::new(bundle)
            .follow_links(false)
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() && crate::write::is_temp_name(entry.file_name()) {
                crate::write::remove_leftover(entry.path())?;
            }
        }
        Ok(Self {
            bundle,
            names: Mutex::default(),
        })
    }

    /// Writes these files of the index (paths below the bundle).
    pub fn put(&self, files: Vec<SyntheticFile>) -> Result<(), String> {
        for file in files {
            let Some(name) = plain_relative(&file.filename) else {
                return Err(format!(
                    "Pagefind gave a file outside its directory: {}",
                    file.filename.display()
                ));
            };
            let path = self.bundle.join(&name);
            if fs::read(&path).ok().as_deref() != Some(&file.contents[..]) {
                crate::write::create(&path, &file.contents, crate::write::new_file_permissions())?;
            }
            self.names
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(name);
        }
        Ok(())
    }

    /// The old index's other files removed and the manifest written.
    pub fn finish(
        self,
        pages: usize,
        fingerprint: String,
        old: Option<&Manifest>,
    ) -> Result<(), String> {
        let bundle = self.bundle;
        let names = self.names.into_inner().unwrap_or_else(|e| e.into_inner());
        let manifest = Manifest {
            fingerprint,
            pages,
            files: names.iter().cloned().collect(),
        };
        let text = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
        // The old manifest goes first, so that a run stopped from here on rebuilds the index.
        let path = bundle.join(MANIFEST);
        if let Some(old) = old {
            let _ = fs::remove_file(&path);
            for gone in old.files.iter().filter(|f| !names.contains(*f)) {
                if plain_relative(Path::new(gone)).is_some() {
                    remove(bundle, &bundle.join(gone))?;
                }
            }
        }
        crate::write::create(&path, &text, crate::write::new_file_permissions())
    }
}

/// Removes the index `old` describes from `bundle`: the manifest first (a run stopped midway
/// leaves no manifest of a half-removed index), then each file it lists, then the directories
/// left empty, `bundle` too when nothing else is in it. Files it does not list are kept.
pub fn remove_index(bundle: &Path, old: &Manifest) -> Result<(), String> {
    remove(bundle, &bundle.join(MANIFEST))?;
    for file in &old.files {
        if plain_relative(Path::new(file)).is_some() {
            remove(bundle, &bundle.join(file))?;
        }
    }
    let _ = fs::remove_dir(bundle);
    Ok(())
}

/// `path` as a `/`-separated relative path of plain names (no `..`, not absolute).
fn plain_relative(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::Normal(name) => parts.push(name.to_str()?),
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Removes a file of an old index (already gone is fine), and its directories below `bundle`
/// that are now empty (an old part's `part-N/index/`, then `part-N/`).
fn remove(bundle: &Path, path: &Path) -> Result<(), String> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot remove {}: {e}", path.display())),
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != bundle && d.starts_with(bundle)) {
        // Fails (and is meant to) while the directory still holds files.
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}
