//! Reading the source's text files for the steps: YAML files parsed, encoding repairs reported.

use std::path::Path;

use super::files::rel;
use super::report::Report;
use super::text;
use super::yaml::{self, Node};

/// Reads and parses a YAML file; problems go to the report.
pub fn read_yaml(root: &Path, path: &Path, report: &mut Report) -> Option<Node> {
    let file = rel(root, path);
    let t = match text::read(path) {
        Ok(t) => t,
        Err(e) => {
            report.attention(&file, None, e);
            return None;
        }
    };
    note_text(&file, &t, report);
    match yaml::parse(&t.text, 1) {
        Ok(parsed) => {
            for key in parsed.duplicates {
                report.attention(
                    &file,
                    None,
                    format!("key `{key}` is given twice: the last value is used, as in Jekyll"),
                );
            }
            Some(parsed.node)
        }
        Err(e) => {
            report.attention(
                &file,
                Some(e.line),
                format!(
                    "invalid YAML (column {}): {}; not used",
                    e.column, e.message
                ),
            );
            None
        }
    }
}

pub fn note_text(file: &str, t: &text::Text, report: &mut Report) {
    for n in &t.notes {
        report.repair(file, None, n.clone());
    }
    for r in &t.repairs {
        report.repair(
            file,
            Some(r.line),
            format!("mojibake repaired: `{}` → `{}`", r.from, r.to),
        );
    }
}
