//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test crate uses its own subset

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Copies a directory tree (files and directories; no links in the fixtures).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Real zola, found once: `$ZOLA`, else `zola` on PATH; None when there is none (a test then
/// prints `skipped: zola not found`). A `$ZOLA` that is set but does not run (`zola --version`)
/// fails the test: a run that was asked to use Zola never skips it silently.
pub fn zola() -> Option<PathBuf> {
    static ZOLA: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    ZOLA.get_or_init(|| {
        if let Some(z) = std::env::var_os("ZOLA").filter(|z| !z.is_empty()) {
            let zola = PathBuf::from(z);
            let runs = std::process::Command::new(&zola)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(runs, "ZOLA={} is set but does not run", zola.display());
            return Some(zola);
        }
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join("zola"))
                .find(|p| p.is_file())
        })
    })
    .clone()
}

/// A tree's files by path below it (`/` separators), with their bytes.
pub type Tree = BTreeMap<String, Vec<u8>>;

/// Every file under `dir` (links and special files too, read as empty when they cannot be read),
/// with its bytes.
pub fn tree(dir: &Path) -> Tree {
    let mut out = Tree::new();
    for e in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
    {
        if e.file_type().is_dir() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.insert(rel, fs::read(e.path()).unwrap_or_default());
    }
    out
}

/// Every file below `root`, sorted, with its bytes and modification time: what a run that
/// changes nothing must leave as it was.
pub fn files_and_times(root: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (
                e.path().to_path_buf(),
                fs::read(e.path()).unwrap(),
                meta.modified().unwrap(),
            )
        })
        .collect()
}

/// A small xorshift* generator for the kill tests (no `rand`): seeded from `FOLIO_KILL_SEED`
/// when it is set, else from the clock, and the seed printed, so that a run can be replayed.
pub struct Rng(pub u64);

impl Rng {
    /// The seed to use, printed.
    pub fn seed() -> u64 {
        let seed = std::env::var("FOLIO_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        println!("FOLIO_KILL_SEED={seed}");
        seed
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}
