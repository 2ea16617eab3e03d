//! The plan of an import: every file DEST gets, with its content, and the report.
//!
//! The steps of [`super::site`] and [`super::page`] add to it and write nothing; [`write`] then
//! writes it (into the staging directory, see [`super::staging`]), and `folio import --dry-run`
//! prints it ([`Plan::listing`]). [`Outputs`] refuses, when a file is added, what [`Dest`] would
//! refuse when it is written (a path that is not plain and relative, one already planned or
//! already in DEST, a directory of DEST that leads outside it), with the same messages, so the
//! report is the same whether or not the plan is written.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::files::{Dest, inside, plain_relative};
use super::report::Report;
use super::source;

/// What an output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Text produced by the import.
    Text(String),
    /// A regular file of the source, copied as it is (streamed when written).
    Copy { from: PathBuf, size: u64 },
    /// The folio theme, installed under `themes/folio/`.
    Theme,
}

/// What a failed write is reported as: `what: error` for `file`, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnError {
    Ignore,
    Report { file: String, what: String },
}

impl OnError {
    pub fn report(file: &str, what: impl Into<String>) -> Self {
        OnError::Report {
            file: file.to_owned(),
            what: what.into(),
        }
    }
}

/// One file (or, for the theme, one directory) the import writes.
#[derive(Debug, Clone)]
pub struct Output {
    /// Relative to DEST, `/`-separated.
    pub path: String,
    pub content: Content,
    /// The source file it was converted from, as listed in the report's `converted`.
    pub from: Option<String>,
    pub on_error: OnError,
}

/// The output files, in the order they are written.
#[derive(Debug, Default)]
pub struct Outputs {
    files: Vec<Output>,
    planned: HashSet<String>,
    /// The directories the planned files are in.
    dirs: HashSet<String>,
    /// DEST, when it already holds files (`--force`): they are never overwritten.
    existing: Option<PathBuf>,
}

/// The whole plan: the files and the report.
#[derive(Debug)]
pub struct Plan {
    pub files: Vec<Output>,
    pub report: Report,
}

impl Outputs {
    /// An empty plan for a DEST that is new or empty (`None`) or already holds files.
    pub fn new(existing: Option<PathBuf>) -> Self {
        Self {
            existing,
            ..Self::default()
        }
    }

    /// Whether `rel` is planned (a file, or a directory of one) or exists in DEST already.
    pub fn taken(&self, rel: &str) -> bool {
        self.planned.contains(rel)
            || self.dirs.contains(rel)
            || self
                .existing
                .as_ref()
                .is_some_and(|e| e.join(rel).symlink_metadata().is_ok())
    }

    /// A free variant of `rel` (`name-2.md`, `name-3.md`, …) when `rel` is taken.
    pub fn free_name(&self, rel: &str) -> String {
        if !self.taken(rel) {
            return rel.to_owned();
        }
        let (stem, ext) = match rel.rfind('.') {
            Some(i) if i > rel.rfind('/').map_or(0, |s| s + 1) => (&rel[..i], &rel[i..]),
            _ => (rel, ""),
        };
        (2..)
            .map(|n| format!("{stem}-{n}{ext}"))
            .find(|candidate| !self.taken(candidate))
            .unwrap_or_else(|| rel.to_owned())
    }

    /// Plans a text file. `Err` (nothing planned) as [`Dest::write`] would refuse it.
    pub fn text(&mut self, rel: &str, text: String, on_error: OnError) -> Result<(), String> {
        self.add(rel, Content::Text(text), None, on_error)
    }

    /// Plans a text file converted from the source file `from`.
    pub fn converted(
        &mut self,
        rel: &str,
        text: String,
        from: &str,
        on_error: OnError,
    ) -> Result<(), String> {
        self.add(rel, Content::Text(text), Some(from), on_error)
    }

    /// Plans a copy of a regular file of the source (`from_rel` names it in the report).
    pub fn copy(&mut self, rel: &str, from: &Path, from_rel: &str) -> Result<(), String> {
        // As `Dest::copy`: the source is checked first, a link or a FIFO plans nothing.
        let meta = source::check(from).map_err(|e| e.to_string())?;
        let content = Content::Copy {
            from: from.to_path_buf(),
            size: meta.len(),
        };
        self.add(
            rel,
            content,
            Some(from_rel),
            OnError::report(from_rel, "not copied"),
        )
    }

    /// Plans the theme (`themes/folio/`).
    pub fn theme(&mut self) {
        self.files.push(Output {
            path: "themes/folio/".into(),
            content: Content::Theme,
            from: None,
            on_error: OnError::report("", "the theme was not installed"),
        });
    }

    fn add(
        &mut self,
        rel: &str,
        content: Content,
        from: Option<&str>,
        on_error: OnError,
    ) -> Result<(), String> {
        self.check(rel)?;
        self.dirs.extend(parents(rel).map(str::to_owned));
        self.planned.insert(rel.to_owned());
        self.files.push(Output {
            path: rel.to_owned(),
            content,
            from: from.map(str::to_owned),
            on_error,
        });
        Ok(())
    }

    /// What [`Dest`] checks before it writes, without writing.
    fn check(&self, rel: &str) -> Result<(), String> {
        plain_relative(rel)?;
        if self.taken(rel) {
            return Err(format!("`{rel}` exists already: not overwritten"));
        }
        if let Some(file) = parents(rel).find(|d| self.planned.contains(*d)) {
            return Err(format!(
                "cannot create {file}: a file of the import is there"
            ));
        }
        if let Some(existing) = &self.existing {
            inside(existing, &existing.join(rel).with_file_name(""), rel)?;
        }
        Ok(())
    }

    /// The plan, with the report.
    pub fn finish(self, report: Report) -> Plan {
        Plan {
            files: self.files,
            report,
        }
    }
}

impl Plan {
    /// One line per output file: its path and size, or what it is.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            let _ = match &f.content {
                Content::Text(t) => writeln!(out, "{}  {}", f.path, size(t.len() as u64)),
                Content::Copy { size: s, .. } => {
                    writeln!(out, "{}  {} (copied)", f.path, size(*s))
                }
                Content::Theme => writeln!(
                    out,
                    "{}  the folio theme ({} files)",
                    f.path,
                    crate::theme::files().len() + 1
                ),
            };
        }
        let _ = writeln!(out, "{}  the report", super::REPORT_FILE);
        out
    }
}

/// The directories `rel` is in, deepest first (`a/b/c` → `a/b`, `a`).
fn parents(rel: &str) -> impl Iterator<Item = &str> {
    fn parent<'a>(p: &&'a str) -> Option<&'a str> {
        p.rsplit_once('/').map(|(dir, _)| dir)
    }
    std::iter::successors(parent(&rel), parent)
}

/// `512 B`, `4.2 kB`, `1.3 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} kB", b as f64 / 1e3),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

/// Writes the plan's files through `dest` (which checks every path again and never
/// overwrites), in order. A file that fails is reported as its [`OnError`] says and is no longer
/// listed as converted.
pub fn write(files: &[Output], dest: &mut Dest, report: &mut Report) {
    for f in files {
        let written = match &f.content {
            Content::Text(text) => dest.write(&f.path, text.as_bytes()),
            Content::Copy { from, .. } => dest.copy(&f.path, from),
            Content::Theme => crate::theme::install(dest.root(), false)
                .map(|_| ())
                .map_err(|e| e.to_string()),
        };
        let Err(e) = written else { continue };
        if let Some(from) = &f.from {
            report
                .converted
                .retain(|(src, to)| !(src == from && *to == f.path));
        }
        if let OnError::Report { file, what } = &f.on_error {
            report.attention(file, None, format!("{what}: {e}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_dest_refuses() {
        let mut out = Outputs::new(None);
        out.text("content/a.md", "a".into(), OnError::Ignore)
            .unwrap();
        let err = out
            .text("content/a.md", "b".into(), OnError::Ignore)
            .unwrap_err();
        assert!(err.contains("exists already"), "{err}");
        for bad in ["../x", "/etc/x", "a/../../x", "", "a//b", "a\\..\\b"] {
            assert!(out.text(bad, "x".into(), OnError::Ignore).is_err(), "{bad}");
        }
        assert!(out.taken("content"));
        assert_eq!(out.free_name("content/a.md"), "content/a-2.md");
        assert_eq!(out.free_name("content"), "content-2");
        assert!(
            out.text("content/a.md/x", "x".into(), OnError::Ignore)
                .is_err()
        );
    }

    #[test]
    fn lists_every_file() {
        let mut out = Outputs::new(None);
        out.text("config.toml", "x".repeat(1500), OnError::Ignore)
            .unwrap();
        out.theme();
        let plan = out.finish(Report::default());
        let listing = plan.listing();
        assert!(listing.starts_with("config.toml  1.5 kB\nthemes/folio/  the folio theme ("));
        assert!(
            listing.ends_with("IMPORT_REPORT.md  the report\n"),
            "{listing}"
        );
    }
}
