//! Running the `zola` binary for `folio build` and `folio serve`.

use crate::error::Error;
use std::path::Path;
use std::process::{Command, ExitStatus};

/// How to get Zola, for the message shown when it is missing.
pub const INSTALL_HINT: &str = "zola was not found on PATH. Install Zola 0.22 (a single binary: see https://www.getzola.org/documentation/getting-started/installation/ — e.g. `brew install zola`, `snap install zola`, or the release archive from GitHub), or pass --zola /path/to/zola";

/// What `zola build` gets besides the site: the flags of Zola's own `build` that `folio build`
/// passes through.
#[derive(Debug, Default, Clone)]
pub struct BuildArgs<'a> {
    /// The zola binary (default: `zola` on PATH).
    pub zola: Option<&'a Path>,
    /// `--base-url`: build for this base URL instead of the config's.
    pub base_url: Option<&'a str>,
    /// `--output-dir`: build into this directory instead of the config's.
    pub output_dir: Option<&'a Path>,
    /// `--force`: replace `output_dir` when it exists (Zola refuses otherwise).
    pub force: bool,
    /// `--drafts`: include pages with `draft = true`.
    pub drafts: bool,
}

/// Runs `zola build` in `site` with `args`, its output going straight to the terminal.
pub fn build(site: &Path, args: &BuildArgs<'_>) -> Result<ExitStatus, Error> {
    let program = args.zola.unwrap_or(Path::new("zola"));
    let mut command = Command::new(program);
    command.arg("build").current_dir(site);
    if let Some(url) = args.base_url {
        command.args(["--base-url", url]);
    }
    if let Some(dir) = args.output_dir {
        command.arg("--output-dir").arg(dir);
    }
    if args.force {
        command.arg("--force");
    }
    if args.drafts {
        command.arg("--drafts");
    }
    command.status().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound if args.zola.is_none() => {
            Error::Missing(INSTALL_HINT.to_owned())
        }
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
