//! Running the `zola` binary for `folio build` and `folio serve`.

use crate::error::Error;
use std::path::Path;
use std::process::{Command, ExitStatus};

/// How to get Zola, for the message shown when it is missing.
pub const INSTALL_HINT: &str = "zola was not found on PATH. Install Zola 0.22 (a single binary: see https://www.getzola.org/documentation/getting-started/installation/ — e.g. `brew install zola`, `snap install zola`, or the release archive from GitHub), or pass --zola /path/to/zola";

/// Runs `zola build` in `site` (with `--base-url` when given), its output going straight to the
/// terminal.
pub fn build(
    site: &Path,
    zola: Option<&Path>,
    base_url: Option<&str>,
) -> Result<ExitStatus, Error> {
    build_into(site, zola, base_url, None)
}

/// [`build`], into `output_dir` instead of the config's (replaced if it exists) when given.
pub fn build_into(
    site: &Path,
    zola: Option<&Path>,
    base_url: Option<&str>,
    output_dir: Option<&Path>,
) -> Result<ExitStatus, Error> {
    let program = zola.unwrap_or(Path::new("zola"));
    let mut command = Command::new(program);
    command.arg("build").current_dir(site);
    if let Some(url) = base_url {
        command.args(["--base-url", url]);
    }
    if let Some(dir) = output_dir {
        command.arg("--output-dir").arg(dir).arg("--force");
    }
    command.status().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound if zola.is_none() => Error::Missing(INSTALL_HINT.to_owned()),
        _ => Error::Missing(format!("cannot run {}: {e}", program.display())),
    })
}

/// After a failed `zola build`: the BibTeX files of the site whose entries do not close, as
/// `file:line: ...` messages. Zola's own message on a .bib syntax error names a line but not the
/// file; this names both.
pub fn bibtex_hints(site: &Path) -> Vec<String> {
    let skip = ["public", "themes", "target", "node_modules", ".git"];
    walkdir::WalkDir::new(site)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !skip.iter().any(|s| e.file_name() == *s))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "bib"))
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let (line, key) = crate::render::tex::find_syntax_error(&text)?;
            Some(format!(
                "{}:{line}: the BibTeX entry `{key}` does not close (a brace or quote is missing); fix it and build again",
                e.path().display()
            ))
        })
        .collect()
}
