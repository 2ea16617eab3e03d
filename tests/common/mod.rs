//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test crate uses its own subset

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

/// Real zola: $ZOLA, else `zola` on PATH.
pub fn zola() -> Option<PathBuf> {
    if let Some(z) = std::env::var_os("ZOLA") {
        return Some(PathBuf::from(z));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("zola"))
            .find(|p| p.is_file())
    })
}
