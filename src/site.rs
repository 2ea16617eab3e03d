//! `folio init`: a new Zola site using the folio theme that builds at once.

use std::path::Path;

/// Creates the site in `dir`; returns what to tell the user.
pub fn init(dir: &Path) -> Result<String, String> {
    Err(format!("init is not implemented yet ({})", dir.display()))
}
