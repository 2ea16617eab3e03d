//! Problems found while rewriting, collected from all worker threads and printed once.
//!
//! Passes call [`Report::warn_once`] for things worth telling but not failing on (an unknown icon
//! name, an image whose size cannot be read); the engine records per-file failures itself.

use std::collections::HashSet;
use std::sync::Mutex;

/// Thread-safe, deduplicated warnings.
#[derive(Default)]
pub struct Report {
    seen: Mutex<HashSet<String>>,
    warnings: Mutex<Vec<String>>,
}

impl Report {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `message` unless a warning with the same `key` was already recorded.
    pub fn warn_once(&self, key: &str, message: String) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.insert(key.to_owned()) {
            self.warnings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(message);
        }
    }

    /// Records a warning (not deduplicated).
    pub fn warn(&self, message: String) {
        self.warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(message);
    }

    /// Takes the warnings recorded so far, in the order they were recorded.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }
}
