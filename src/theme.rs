//! The folio theme, embedded in the binary so that theme and rewriter versions always match, and
//! `folio theme install`, which writes it into a site's `themes/folio`.
//!
//! An install records the SHA-256 of every file it wrote in `themes/folio/.folio-manifest`; a
//! later install overwrites files that still match it and refuses, without `--force`, to overwrite
//! files changed since (local changes are never lost silently).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, DirEntry, include_dir};
use sha2::{Digest, Sha256};

/// The theme directory of this repository, as compiled in.
pub static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/theme");

/// The theme's name: the directory under `themes/` and the value of `theme` in the config.
pub const NAME: &str = "folio";

const MANIFEST: &str = ".folio-manifest";

/// The version of the theme this binary embeds (theme.toml's `version`, kept equal to the
/// crate's by a test).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What `folio --version` prints: the command's version and its embedded theme's.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (theme folio ",
    env!("CARGO_PKG_VERSION"),
    ", embedded)"
);

/// The warning for a site whose copy of the theme (its theme.toml's `version`) is of another
/// folio release than this binary, with the command that updates it.
pub fn version_warning(theme_toml: &Path, installed: &str) -> Option<String> {
    (installed != VERSION).then(|| {
        format!(
            "{}: this copy of the folio theme is version {installed}, this folio is {VERSION}: templates and rewriter may not match; run `folio theme install` in the site to update the theme (or install folio {installed})",
            theme_toml.display()
        )
    })
}

/// The config lines a site needs to use the theme.
pub const CONFIG_LINES: &str = "theme = \"folio\"\ncompile_sass = true";

/// Every embedded file with its path relative to the theme root (`/`-separated).
pub fn files() -> Vec<(String, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for entry in dir.entries() {
            match entry {
                DirEntry::Dir(d) => walk(d, out),
                DirEntry::File(f) => {
                    out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()))
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&THEME, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn read_manifest(dest: &Path) -> BTreeMap<String, String> {
    fs::read_to_string(dest.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once("  "))
        .map(|(hash, path)| (path.to_owned(), hash.to_owned()))
        .collect()
}

/// Installs the theme into `site/themes/folio`; returns what to tell the user.
pub fn install(site: &Path, force: bool) -> Result<String, crate::error::Error> {
    if !site.is_dir() {
        return Err(crate::error::Error::Stop(format!(
            "{} is not a directory: pass the Zola site's directory (or create one with `folio init DIR`)",
            site.display()
        )));
    }
    let dest = site.join("themes").join(NAME);
    if dest.is_symlink() {
        return Err(crate::error::Error::Stop(format!(
            "{} is a symbolic link (to {}): it already points at a copy of the theme; not overwriting it",
            dest.display(),
            fs::read_link(&dest).map_or_else(|_| "?".into(), |p| p.display().to_string())
        )));
    }
    let files = files();
    let conflicts = local_changes(&dest, &files);
    if !conflicts.is_empty() && !force {
        let list = conflicts
            .iter()
            .take(10)
            .map(|p| format!("  {}", p.display()))
            .collect::<Vec<_>>()
            .join("\n");
        let more = match conflicts.len() {
            n if n > 10 => format!("\n  … and {} more", n - 10),
            _ => String::new(),
        };
        return Err(crate::error::Error::Stop(format!(
            "{} has local changes that an install would overwrite:\n{list}{more}\nMove your changes into the site's own templates/ or sass/ (they override the theme's), or run again with --force to overwrite them.",
            dest.display()
        )));
    }
    write_theme(&dest, &files)?;

    let mut message = format!(
        "Installed the folio theme {} into {}",
        env!("CARGO_PKG_VERSION"),
        dest.display()
    );
    let config_file = crate::config::find_config_file(site).filter(|f| f.starts_with(site));
    let config_text = config_file
        .as_ref()
        .and_then(|f| fs::read_to_string(f).ok());
    let missing = missing_config_lines(config_text.as_deref());
    if missing.is_empty() {
        message.push_str("\nThe site's config already uses it.");
    } else {
        let target = config_file.map_or_else(
            || "zola.toml or config.toml".into(),
            |f| f.display().to_string(),
        );
        message.push_str(&format!(
            "\nSet these at the top of {target} (before any [section]):\n\n{}\n\nEvery option of the theme, commented: themes/folio/config.example.toml",
            missing.join("\n")
        ));
    }
    let overrides = site_overrides(site, &files);
    if !overrides.is_empty() {
        message.push_str(&format!(
            "\nThe site's own files replace these of the theme (Zola prefers a site's templates/ and sass/; \
             compare them with themes/folio/ after an update):\n{}",
            overrides
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    Ok(message)
}

/// The lines of [`CONFIG_LINES`] the site's config does not say yet (all of them without a
/// config; a config that does not parse gets them all too, Zola will report its error).
fn missing_config_lines(config: Option<&str>) -> Vec<String> {
    let table = config
        .and_then(|t| toml::from_str::<toml::Table>(t).ok())
        .unwrap_or_default();
    let mut lines = Vec::new();
    match table.get("theme").and_then(|v| v.as_str()) {
        Some(NAME) => {}
        Some(other) => lines.push(format!(
            "theme = \"{NAME}\"   # instead of theme = {other:?}"
        )),
        None => lines.push(format!("theme = \"{NAME}\"")),
    }
    match table.get("compile_sass").and_then(|v| v.as_bool()) {
        Some(true) => {}
        Some(false) => lines
            .push("compile_sass = true   # instead of false: the theme's styles are Sass".into()),
        None => lines.push("compile_sass = true".into()),
    }
    lines
}

/// The site's own `templates/` and `sass/` files that have the same path as one of the theme's,
/// which Zola uses instead of the theme's.
fn site_overrides(site: &Path, files: &[(String, &[u8])]) -> Vec<String> {
    files
        .iter()
        .map(|(rel, _)| rel)
        .filter(|rel| rel.starts_with("templates/") || rel.starts_with("sass/"))
        .filter(|rel| site.join(rel).is_file())
        .cloned()
        .collect()
}

/// Files under `dest` that differ from what the last install wrote (or, with no manifest, from
/// what this install would write).
fn local_changes(dest: &Path, files: &[(String, &[u8])]) -> Vec<PathBuf> {
    if !dest.exists() {
        return Vec::new();
    }
    let manifest = read_manifest(dest);
    let mut changed = Vec::new();
    for entry in walkdir::WalkDir::new(dest)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dest) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == MANIFEST {
            continue;
        }
        let Ok(bytes) = fs::read(entry.path()) else {
            changed.push(entry.path().to_path_buf());
            continue;
        };
        let hash = sha256(&bytes);
        let expected = manifest.get(&rel).cloned().or_else(|| {
            files
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(_, b)| sha256(b))
        });
        match expected {
            Some(expected) if expected == hash => {}
            Some(_) => changed.push(entry.path().to_path_buf()),
            // A file the theme never had: the user's own addition; it is kept.
            None => {}
        }
    }
    changed
}

fn write_theme(dest: &Path, files: &[(String, &[u8])]) -> Result<(), String> {
    let old = read_manifest(dest);
    let mut manifest = String::new();
    for (rel, bytes) in files {
        crate::write::create(&dest.join(rel), bytes, crate::write::new_file_permissions())?;
        manifest.push_str(&format!("{}  {rel}\n", sha256(bytes)));
    }
    // Files a previous install wrote that this version no longer has.
    for rel in old.keys() {
        if !files.iter().any(|(p, _)| p == rel) {
            let _ = fs::remove_file(dest.join(rel));
        }
    }
    crate::write::create(
        &dest.join(MANIFEST),
        manifest.as_bytes(),
        crate::write::new_file_permissions(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_then_reinstall_then_refuse_local_change() {
        let site = tempfile::tempdir().unwrap();
        let msg = install(site.path(), false).unwrap();
        assert!(msg.contains("theme = \"folio\""), "{msg}");
        let theme_toml = site.path().join("themes/folio/theme.toml");
        assert!(theme_toml.is_file());
        // Unchanged install: fine.
        install(site.path(), false).unwrap();
        // A local change is refused, then forced.
        fs::write(&theme_toml, "changed").unwrap();
        let err = install(site.path(), false).unwrap_err().to_string();
        assert!(
            err.contains("theme.toml") && err.contains("--force"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&theme_toml).unwrap(), "changed");
        install(site.path(), true).unwrap();
        assert_ne!(fs::read_to_string(&theme_toml).unwrap(), "changed");
    }

    #[test]
    fn the_theme_toml_version_is_the_crate_version() {
        let text = THEME
            .get_file("theme.toml")
            .and_then(|f| f.contents_utf8())
            .unwrap();
        let table: toml::Table = toml::from_str(text).unwrap();
        assert_eq!(table["version"].as_str(), Some(VERSION));
        assert!(version_warning(Path::new("t.toml"), VERSION).is_none());
        let w = version_warning(Path::new("themes/folio/theme.toml"), "0.0.9").unwrap();
        assert!(
            w.contains("themes/folio/theme.toml")
                && w.contains("0.0.9")
                && w.contains("folio theme install"),
            "{w}"
        );
    }

    #[test]
    fn install_asks_only_for_what_the_config_lacks_and_names_overrides() {
        let site = tempfile::tempdir().unwrap();
        fs::write(
            site.path().join("config.toml"),
            "base_url = \"/\"\ncompile_sass = true\n",
        )
        .unwrap();
        fs::create_dir_all(site.path().join("templates/macros")).unwrap();
        fs::write(site.path().join("templates/index.html"), "mine").unwrap();
        fs::write(site.path().join("templates/macros/nav.html"), "mine").unwrap();
        fs::write(site.path().join("templates/own.html"), "mine").unwrap();
        let msg = install(site.path(), false).unwrap();
        assert!(msg.contains("theme = \"folio\""), "{msg}");
        assert!(!msg.contains("compile_sass"), "{msg}");
        assert!(
            msg.contains("  templates/index.html") && msg.contains("  templates/macros/nav.html"),
            "{msg}"
        );
        assert!(!msg.contains("own.html"), "{msg}");

        fs::write(
            site.path().join("config.toml"),
            "theme = \"folio\"\ncompile_sass = false\n",
        )
        .unwrap();
        let msg = install(site.path(), false).unwrap();
        assert!(
            msg.contains("compile_sass = true   # instead of false"),
            "{msg}"
        );
        assert!(!msg.contains("theme = \"folio\"\n"), "{msg}");

        fs::write(
            site.path().join("config.toml"),
            "theme = \"folio\" # the theme\ncompile_sass = true\n",
        )
        .unwrap();
        let msg = install(site.path(), false).unwrap();
        assert!(msg.contains("already uses it"), "{msg}");
    }

    #[test]
    fn own_files_in_the_theme_dir_are_kept() {
        let site = tempfile::tempdir().unwrap();
        install(site.path(), false).unwrap();
        let mine = site.path().join("themes/folio/templates/mine.html");
        fs::write(&mine, "x").unwrap();
        install(site.path(), false).unwrap();
        assert_eq!(fs::read_to_string(mine).unwrap(), "x");
    }
}
