//! Running the `zola` binary for `folio build`.

use std::path::Path;
use std::process::{Command, ExitStatus};

/// How to get Zola, for the message shown when it is missing.
pub const INSTALL_HINT: &str = "zola was not found on PATH. Install Zola 0.22 (a single binary: see https://www.getzola.org/documentation/getting-started/installation/ — e.g. `brew install zola`, `snap install zola`, or the release archive from GitHub), or pass --zola /path/to/zola";

/// Runs `zola build` in `site`, its output going straight to the terminal.
pub fn build(site: &Path, zola: Option<&Path>) -> Result<ExitStatus, String> {
    let program = zola.unwrap_or(Path::new("zola"));
    Command::new(program)
        .arg("build")
        .current_dir(site)
        .status()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound if zola.is_none() => INSTALL_HINT.to_owned(),
            _ => format!("cannot run {}: {e}", program.display()),
        })
}
