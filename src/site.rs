//! `folio init`: a new Zola site using the folio theme that builds at once.
//!
//! The site gets the theme's `config.example.toml` as its config (every option present and
//! commented), an about page, a news item and a blog post (from `src/starter/`), a placeholder
//! profile picture, and the theme itself in `themes/folio`.

use std::fs;
use std::path::Path;

use include_dir::{Dir, DirEntry, include_dir};

/// The starter site's content and static files.
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/starter");

/// The `.gitignore` of a new site (also written by `folio import`): what Zola and folio build.
pub const GITIGNORE: &str = include_str!("starter/.gitignore");

/// The config of a new site: the theme's example config, every option commented.
fn config_text() -> &'static [u8] {
    crate::theme::THEME
        .get_file("config.example.toml")
        .map_or(MINIMAL_CONFIG.as_bytes(), |f| f.contents())
}

/// Used only if the embedded theme has no example config.
const MINIMAL_CONFIG: &str = "base_url = \"https://example.com\"\ntitle = \"My homepage\"\ntheme = \"folio\"\ncompile_sass = true\ngenerate_feeds = true\ntaxonomies = [{ name = \"tags\" }, { name = \"categories\" }]\n";

/// Creates the site in `dir` (which must not exist or be empty); returns what to tell the user.
pub fn init(dir: &Path) -> Result<String, crate::error::Error> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| crate::error::Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(crate::error::Error::Stop(format!(
                "{} exists and is not empty: choose a new directory (folio init never overwrites files)",
                dir.display()
            )));
        }
    }
    write_dir(&STARTER, dir)?;
    write(&dir.join("config.toml"), config_text())?;
    crate::theme::install(dir, false)?;
    Ok(format!(
        "Created a new folio site in {dir}.\n\nNext:\n  cd {dir}\n  folio build        # zola build, then folio rewrite public\n  folio serve        # live preview at http://127.0.0.1:1111/, built again on every change\n\nEdit config.toml (every option is there, commented), content/_index.md (your about page),\ncontent/news/ and content/blog/; put your picture in static/assets/img/.",
        dir = dir.display()
    ))
}

fn write_dir(dir: &Dir<'_>, dest: &Path) -> Result<(), String> {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(d) => write_dir(d, dest)?,
            DirEntry::File(f) => write(&dest.join(f.path()), f.contents())?,
        }
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::write::create(path, bytes, crate::write::new_file_permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_a_site_and_refuses_a_non_empty_dir() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        init(&site).unwrap();
        for file in [
            "config.toml",
            "content/_index.md",
            "content/news/site-launched.md",
            "content/blog/first-post.md",
            "static/assets/img/profile.svg",
            "themes/folio/theme.toml",
            ".gitignore",
        ] {
            assert!(site.join(file).is_file(), "{file} missing");
        }
        let config = fs::read_to_string(site.join("config.toml")).unwrap();
        assert!(config.contains("theme = \"folio\""), "{config}");
        let ignored = fs::read_to_string(site.join(".gitignore")).unwrap();
        for dir in [
            "/public/",
            "/.folio-cache/",
            "/.folio-serve/",
            "/static/processed_images/",
        ] {
            assert!(ignored.lines().any(|l| l == dir), "{dir} in {ignored}");
        }
        let err = init(&site).unwrap_err().to_string();
        assert!(err.contains("not empty"), "{err}");
    }
}
