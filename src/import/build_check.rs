//! After an import: does Zola build the new site? `zola build` (the `zola` on PATH) into a
//! temporary directory, removed afterwards, so DEST is left as the import wrote it.

use std::path::Path;
use std::process::Command;

/// What the check found.
#[derive(Debug, PartialEq, Eq)]
pub enum Built {
    /// Zola built the site; the warnings it printed, if any.
    Yes { warnings: Vec<String> },
    /// Zola refused it: the end of what it printed.
    No(String),
    /// Not checked, and why (no zola on PATH).
    NotChecked(String),
}

impl Built {
    /// The summary's line.
    pub fn line(&self) -> String {
        match self {
            Built::Yes { warnings } if warnings.is_empty() => {
                "Zola builds the site (checked with `zola build` into a temporary directory)."
                    .into()
            }
            Built::Yes { warnings } => format!(
                "Zola builds the site, with {} warning(s):\n{}",
                warnings.len(),
                warnings
                    .iter()
                    .map(|w| format!("  {w}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            Built::No(why) => format!(
                "Zola does NOT build the site (`zola build` in it says):\n{why}\nFix what it names (IMPORT_REPORT.md lists what needs attention) and run `zola build` again."
            ),
            Built::NotChecked(why) => format!("Not checked whether Zola builds the site: {why}."),
        }
    }
}

/// Runs `program build` in `site` into a temporary directory.
pub fn check(site: &Path, program: &Path) -> Built {
    let out = std::env::temp_dir().join(format!("folio-import-check-{}", std::process::id()));
    let result = Command::new(program)
        .arg("build")
        .arg("--output-dir")
        .arg(&out)
        .arg("--force")
        .current_dir(site)
        .output();
    let _ = std::fs::remove_dir_all(&out);
    let output = match result {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Built::NotChecked(
                "zola is not on PATH (install Zola 0.22 and run `zola build` in it)".into(),
            );
        }
        Err(e) => return Built::NotChecked(format!("cannot run {}: {e}", program.display())),
    };
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if output.status.success() {
        let warnings = text
            .lines()
            .filter(|l| l.to_ascii_lowercase().contains("warn"))
            .map(|l| l.trim().to_owned())
            .collect();
        Built::Yes { warnings }
    } else {
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let tail = &lines[lines.len().saturating_sub(8)..];
        Built::No(
            tail.iter()
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_not_checked() {
        let dir = std::env::temp_dir();
        let got = check(&dir, Path::new("/nonexistent/zola-for-a-test"));
        assert!(matches!(got, Built::NotChecked(_)), "{got:?}");
        assert!(got.line().starts_with("Not checked"));
    }

    #[test]
    fn a_failing_build_is_shown() {
        // `false` exits 1 with no output: the site does not build.
        let got = check(&std::env::temp_dir(), Path::new("false"));
        assert_eq!(got, Built::No(String::new()));
        assert!(got.line().contains("does NOT build"));
    }
}
