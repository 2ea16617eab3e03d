//! What a run did: the outcome of each file ([`Outcome`]) and of the whole run ([`Summary`]),
//! shared by the engine, the asset phase and the commands that print them.

use std::path::PathBuf;
use std::time::Duration;

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No pass changed anything: the file was not written.
    Unchanged,
    /// The file was rewritten.
    Changed,
    /// `--check`: the file would be rewritten.
    WouldChange,
    /// Left untouched on purpose (e.g. a symlink), with the reason.
    Skipped(String),
    /// Left untouched because it could not be processed, with the reason.
    Failed(String),
    /// A temporary file an interrupted run left behind: removed.
    Removed,
    /// `--check`: a temporary file an interrupted run left behind, which a run would remove.
    WouldRemove,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: Vec<(PathBuf, Outcome)>,
    pub warnings: Vec<String>,
    pub elapsed: Duration,
    /// Pages whose only changes, to start tags' attributes, were spliced in without a parse.
    pub spliced: usize,
}

impl Summary {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.files.iter().filter(|(_, o)| f(o)).count()
    }
    /// Pages (and stylesheets) changed, or that would change.
    pub fn changed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Changed | Outcome::WouldChange))
    }
    pub fn unchanged(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Unchanged))
    }
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed(_)))
    }
    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Skipped(_)))
    }
    /// Temporary files of an interrupted run, removed (or, with `--check`, found).
    pub fn leftovers(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Removed | Outcome::WouldRemove))
    }

    /// The one-line summary printed at the end of a run.
    pub fn line(&self, check: bool) -> String {
        let skipped = match self.skipped() {
            0 => String::new(),
            n => format!(", {n} skipped"),
        };
        let leftovers = match (self.leftovers(), check) {
            (0, _) => String::new(),
            (n, false) => format!(", {n} temporary files of an interrupted run removed"),
            (n, true) => format!(", {n} temporary files of an interrupted run to remove"),
        };
        format!(
            "folio: {} files, {} {}, {} unchanged, {} failed{skipped}{leftovers} in {:.2} s",
            self.files.len() - self.leftovers(),
            self.changed(),
            if check { "would change" } else { "changed" },
            self.unchanged(),
            self.failed(),
            self.elapsed.as_secs_f64()
        )
    }
}
