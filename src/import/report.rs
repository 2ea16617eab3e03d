//! What an import did, for the terminal and for `IMPORT_REPORT.md`.
//!
//! Every file of the source ends in one of three lists: converted (with where it went), needs
//! attention (something in it was not converted, or could not be read: file, line and reason),
//! skipped (not imported, with the reason). Repairs (mojibake, encodings, sanitised paths),
//! front matter keys kept under `[extra]` and config keys with no equivalent are listed too,
//! so nothing is dropped silently.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The kinds of entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Not converted, or converted with a loss: the user should look.
    Attention,
    /// Changed on the way in (mojibake, encoding, path): listed for the record.
    Repair,
    /// Worth knowing, nothing to do (e.g. a bare e-mail link that `folio rewrite` repairs).
    Note,
}

/// One entry: a place in a source file and what happened there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// The source file, relative to the source root (`/`-separated).
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Entry {
    /// `file:line: message`.
    pub fn place(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }
}

/// The whole report.
#[derive(Debug, Default)]
pub struct Report {
    pub source: String,
    pub dest: String,
    /// Source file → the files written from it.
    pub converted: Vec<(String, String)>,
    /// Source file and reason.
    pub skipped: Vec<(String, String)>,
    pub entries: Vec<Entry>,
    /// Front matter keys kept under `[extra]` with no meaning to the theme: file → keys.
    pub kept_keys: BTreeMap<String, Vec<String>>,
    /// `_config.yml` keys with no equivalent: key → why.
    pub config_unmapped: Vec<(String, String)>,
    /// Entries already pushed (a report lists each once).
    pub(crate) seen: std::collections::HashSet<(Kind, String, Option<usize>, String)>,
    /// Entries listed per kind and file (at most [`MAX_LISTED_PER_FILE`]).
    pub(crate) listed: std::collections::HashMap<(Kind, String), usize>,
    /// Entries of a kind and file beyond [`MAX_LISTED_PER_FILE`]: counted, not listed.
    pub unlisted: BTreeMap<(Kind, String), usize>,
}

/// A file with thousands of unconverted tags gets this many entries of a kind, then a count: the
/// report stays readable (and small) whatever the input.
pub const MAX_LISTED_PER_FILE: usize = 100;

impl Report {
    pub fn attention(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.push(Kind::Attention, file, line, message);
    }

    pub fn repair(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.push(Kind::Repair, file, line, message);
    }

    pub fn note(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.push(Kind::Note, file, line, message);
    }

    fn push(&mut self, kind: Kind, file: &str, line: Option<usize>, message: impl Into<String>) {
        let entry = Entry {
            kind,
            file: file.to_owned(),
            line,
            message: message.into(),
        };
        let listed = self.listed.entry((kind, entry.file.clone())).or_default();
        if *listed >= MAX_LISTED_PER_FILE {
            *self.unlisted.entry((kind, entry.file)).or_default() += 1;
            return;
        }
        let key = (kind, entry.file.clone(), line, entry.message.clone());
        if self.seen.insert(key) {
            *listed += 1;
            self.entries.push(entry);
        }
    }

    pub fn converted(&mut self, file: &str, to: &str) {
        self.converted.push((file.to_owned(), to.to_owned()));
    }

    pub fn skipped(&mut self, file: &str, reason: impl Into<String>) {
        self.skipped.push((file.to_owned(), reason.into()));
    }

    pub fn kept_key(&mut self, file: &str, key: &str) {
        let keys = self.kept_keys.entry(file.to_owned()).or_default();
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
    }

    fn count(&self, kind: Kind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
            + self
                .unlisted
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|(_, n)| n)
                .sum::<usize>()
    }

    /// Entries needing attention.
    pub fn attention_count(&self) -> usize {
        self.count(Kind::Attention)
    }

    /// The terminal summary (a few lines, the first items needing attention).
    pub fn summary(&self, report_file: &str) -> String {
        let mut out = String::new();
        let files: std::collections::BTreeSet<&str> =
            self.converted.iter().map(|(f, _)| f.as_str()).collect();
        let _ = writeln!(
            out,
            "Imported {} into {}: {} converted, {} need attention, {} skipped; {}, {}.",
            self.source,
            self.dest,
            plural(files.len(), "file"),
            self.attention_count(),
            self.skipped.len(),
            plural(self.count(Kind::Repair), "repair"),
            plural(self.count(Kind::Note), "note"),
        );
        let repairs: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Repair)
            .collect();
        for e in repairs.iter().take(5) {
            let _ = writeln!(out, "  repaired: {}: {}", e.place(), e.message);
        }
        if repairs.len() > 5 {
            let _ = writeln!(out, "  … and {} more repairs", repairs.len() - 5);
        }
        let attention: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Attention)
            .collect();
        for e in attention.iter().take(10) {
            let _ = writeln!(out, "  needs attention: {}: {}", e.place(), e.message);
        }
        let total = self.attention_count();
        if total > attention.len().min(10) {
            let _ = writeln!(out, "  … and {} more", total - attention.len().min(10));
        }
        for (file, reason) in self.skipped.iter().take(5) {
            let _ = writeln!(out, "  skipped: {file}: {reason}");
        }
        if self.skipped.len() > 5 {
            let _ = writeln!(out, "  … and {} more skipped", self.skipped.len() - 5);
        }
        let _ = write!(out, "Full report: {report_file}");
        out
    }

    /// The Markdown report.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Import report\n");
        let _ = writeln!(
            out,
            "`folio import` converted the al-folio (Jekyll) site `{}` into this Zola site.\n",
            self.source
        );
        let _ = writeln!(
            out,
            "Look at it with `folio serve` (http://127.0.0.1:1111/, built again on every change); build it for publishing with `folio build` (`zola build && folio rewrite public`). Nothing in the source was changed.\n"
        );
        let _ = writeln!(out, "| | count |\n|---|---|");
        let files: std::collections::BTreeSet<&str> =
            self.converted.iter().map(|(f, _)| f.as_str()).collect();
        let _ = writeln!(out, "| source files converted | {} |", files.len());
        let _ = writeln!(out, "| needs attention | {} |", self.attention_count());
        let _ = writeln!(out, "| skipped | {} |", self.skipped.len());
        let _ = writeln!(out, "| repairs | {} |", self.count(Kind::Repair));
        let _ = writeln!(out, "| notes | {} |", self.count(Kind::Note));
        let _ = writeln!(
            out,
            "| front matter keys kept under `[extra]` | {} |",
            self.kept_keys.values().map(Vec::len).sum::<usize>()
        );
        let _ = writeln!(
            out,
            "| `_config.yml` keys with no equivalent | {} |\n",
            self.config_unmapped.len()
        );

        for (kind, title, intro) in [
            (
                Kind::Attention,
                "Needs attention",
                "Not converted (left as text where it was) or converted with a loss.",
            ),
            (
                Kind::Repair,
                "Repairs",
                "Changed on the way in: check that they read right.",
            ),
            (Kind::Note, "Notes", "Nothing to do."),
        ] {
            let items: Vec<&Entry> = self.entries.iter().filter(|e| e.kind == kind).collect();
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## {title}\n\n{intro}\n");
            for e in items {
                let _ = writeln!(out, "- `{}`: {}", e.place(), md_inline(&e.message));
            }
            for ((_, file), n) in self.unlisted.iter().filter(|((k, _), _)| *k == kind) {
                let _ = writeln!(
                    out,
                    "- `{file}`: {n} more like these in this file, not listed (the first {MAX_LISTED_PER_FILE} are)"
                );
            }
            out.push('\n');
        }

        if !self.config_unmapped.is_empty() {
            let _ = writeln!(
                out,
                "## `_config.yml` keys with no equivalent\n\nThe folio theme has no such option (or Zola needs none); they are not in config.toml.\n"
            );
            for (key, why) in &self.config_unmapped {
                let _ = writeln!(out, "- `{key}`: {}", md_inline(why));
            }
            out.push('\n');
        }

        if !self.kept_keys.is_empty() {
            let _ = writeln!(
                out,
                "## Front matter keys kept under `[extra]`\n\nThe theme does not use them; they are kept so that nothing is lost (your own templates can read them as `page.extra.KEY`).\n"
            );
            for (file, keys) in &self.kept_keys {
                let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                let _ = writeln!(out, "- `{file}`: {}", keys.join(", "));
            }
            out.push('\n');
        }

        if !self.skipped.is_empty() {
            let _ = writeln!(out, "## Skipped\n");
            for (file, reason) in &self.skipped {
                let _ = writeln!(out, "- `{file}`: {}", md_inline(reason));
            }
            out.push('\n');
        }

        if !self.converted.is_empty() {
            let _ = writeln!(out, "## Converted\n\n| source | written |\n|---|---|");
            for (from, to) in &self.converted {
                let _ = writeln!(out, "| `{from}` | `{to}` |");
            }
        }
        out
    }
}

/// `1 file`, `2 files`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Text for a Markdown list item: on one line, backquotes balanced.
fn md_inline(s: &str) -> String {
    let one_line = s.replace(['\n', '\r'], " ");
    if one_line.matches('`').count() % 2 == 1 {
        one_line.replace('`', "'")
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_markdown() {
        let mut r = Report {
            source: "site".into(),
            dest: "out".into(),
            ..Default::default()
        };
        r.converted("_pages/about.md", "content/_index.md");
        r.attention("_pages/a.md", Some(3), "Liquid `{% for %}` not converted");
        r.attention("_pages/a.md", Some(3), "Liquid `{% for %}` not converted");
        r.repair("_pages/about.md", Some(1), "mojibake `Iâ€™m` → `I’m`");
        r.note("_pages/about.md", Some(9), "e-mail link");
        r.skipped("Gemfile", "Jekyll's own file");
        r.kept_key("_pages/a.md", "giscus_comments");
        r.config_unmapped
            .push(("google_analytics".into(), "no analytics".into()));
        assert_eq!(r.attention_count(), 1);
        let md = r.markdown();
        assert!(md.contains("- `_pages/a.md:3`: Liquid"), "{md}");
        assert!(md.contains("## Repairs"), "{md}");
        assert!(md.contains("`giscus_comments`"), "{md}");
        assert!(md.contains("| `_pages/about.md` | `content/_index.md` |"));
        for i in 0..MAX_LISTED_PER_FILE + 50 {
            r.attention("_posts/many.md", Some(i), "Liquid `{% if %}` not converted");
        }
        assert_eq!(r.attention_count(), 1 + MAX_LISTED_PER_FILE + 50);
        let md = r.markdown();
        assert!(md.contains("- `_posts/many.md:99`: Liquid"), "{md}");
        assert!(!md.contains("- `_posts/many.md:100`: Liquid"), "{md}");
        assert!(
            md.contains("- `_posts/many.md`: 50 more like these in this file, not listed"),
            "{md}"
        );
        let summary = r.summary("out/IMPORT_REPORT.md");
        assert!(
            summary.contains("1 file converted, 151 need attention, 1 skipped; 1 repair, 1 note."),
            "{summary}"
        );
        assert!(summary.contains("needs attention: _pages/a.md:3"));
        assert!(
            summary.contains("repaired: _pages/about.md:1: mojibake"),
            "{summary}"
        );
    }
}
