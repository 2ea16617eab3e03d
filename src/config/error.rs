//! The configuration's errors: a [`ConfigError`] names the file and, where it is known, the
//! line, column and dotted key, and says what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// A configuration problem that stops folio from working on the site.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The file the problem is in (None: no config file was found at all).
    pub file: Option<PathBuf>,
    /// 1-based line and column in it, where known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The dotted key, where known (`extra.folio.highlight.light_theme`).
    pub key: Option<String>,
    /// What is wrong, and what to do.
    pub message: String,
}

impl ConfigError {
    /// A problem that is in no file (e.g. no config file found).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            file: None,
            line: None,
            column: None,
            key: None,
            message: message.into(),
        }
    }

    /// A problem with the file as a whole.
    pub fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: Some(file.to_path_buf()),
            ..Self::new(message)
        }
    }

    /// A problem with the value of `key` (dotted) in `file`; its line is looked up in the file
    /// (best effort: the first `key =` line of the key's table, or of any table).
    pub fn at_key(file: &Path, key: &str, message: impl Into<String>) -> Self {
        let line = std::fs::read_to_string(file)
            .ok()
            .and_then(|text| line_of_key(&text, key));
        Self {
            line,
            key: Some(key.to_owned()),
            ..Self::in_file(file, message)
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

/// Best-effort line of a dotted key in a TOML text, for messages: the line `LAST = …` under the
/// key's `[table]` header, else the first such line anywhere.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let (table, last) = key.rsplit_once('.').unwrap_or(("", key));
    let is_key_line = |line: &str| {
        line.trim_start()
            .strip_prefix(last)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let mut in_table = table.is_empty();
    let mut first = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let name = trimmed.trim_matches(|c| c == '[' || c == ']').trim();
            in_table = name == table;
            continue;
        }
        if is_key_line(line) {
            if in_table {
                return Some(i + 1);
            }
            first.get_or_insert(i + 1);
        }
    }
    first
}

/// A TOML syntax or type error as a [`ConfigError`] with file, line, column and key.
pub fn toml_error(file: &Path, text: &str, e: toml::de::Error) -> ConfigError {
    let mut error = ConfigError::in_file(file, String::new());
    let mut key_note = String::new();
    if let Some(span) = e.span() {
        let before = text.get(..span.start.min(text.len())).unwrap_or(text);
        error.line = Some(before.matches('\n').count() + 1);
        error.column = Some(before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1);
        error.key = key_at(before);
        if let Some(k) = &error.key {
            key_note = format!(" (key `{k}`)");
        }
    }
    error.message = format!("invalid configuration{key_note}: {}", e.message().trim());
    error
}

/// The dotted key whose value starts where `before` ends: the last `[table]` header before it
/// and the key on the value's line. Best effort, for messages only.
fn key_at(before: &str) -> Option<String> {
    let line = before.rsplit('\n').next()?;
    let key = line.split_once('=')?.0.trim().trim_matches('"');
    let table = before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim());
    Some(match table {
        Some(t) if !t.is_empty() => format!("{t}.{key}"),
        _ => key.to_owned(),
    })
}
