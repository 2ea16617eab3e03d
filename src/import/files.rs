//! Files: the destination directory, path sanitising, and copying static files.
//!
//! Every write goes through [`Dest`], which takes a `/`-separated path relative to DEST, refuses
//! anything that could land outside it (`..`, absolute paths, symbolic links inside DEST) and
//! never overwrites a file: not one that was there before the import (with `--force`), nor one
//! written earlier in the same import. Names from the source (file names, permalinks) pass
//! through [`sanitize_segment`] first: control characters, characters Windows refuses and
//! leading dots become `-` or are dropped, and the caller reports any change.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The destination site directory.
#[derive(Debug)]
pub struct Dest {
    root: PathBuf,
    /// The directory the files end up in when it is not `root` and already holds files (an
    /// import with `--force` writes beside them first): those are never overwritten either.
    existing: Option<PathBuf>,
    written: HashSet<String>,
}

impl Dest {
    /// Checks DEST: it must not exist or be empty, unless `force` (then existing files are kept
    /// and never overwritten). Creates it.
    pub fn open(root: &Path, force: bool) -> Result<Self, String> {
        if root.exists() {
            if !root.is_dir() {
                return Err(format!("{} exists and is not a directory", root.display()));
            }
            let mut entries =
                fs::read_dir(root).map_err(|e| format!("cannot read {}: {e}", root.display()))?;
            if entries.next().is_some() && !force {
                return Err(format!(
                    "{} exists and is not empty: choose a new directory (folio import never overwrites files), or pass --force to import into it anyway (existing files are still kept)",
                    root.display()
                ));
            }
        }
        fs::create_dir_all(root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
        let root = root
            .canonicalize()
            .map_err(|e| format!("cannot resolve {}: {e}", root.display()))?;
        Ok(Self::at(root, None))
    }

    /// Writes into `root` (a new, empty, resolved directory), keeping clear of the files of
    /// `existing`, where the files will be moved.
    pub fn at(root: PathBuf, existing: Option<PathBuf>) -> Self {
        Self {
            root,
            existing,
            written: HashSet::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether `rel` was written by this import or exists already.
    pub fn taken(&self, rel: &str) -> bool {
        self.written.contains(rel)
            || self.root.join(rel).exists()
            || self
                .existing
                .as_ref()
                .is_some_and(|e| e.join(rel).symlink_metadata().is_ok())
    }

    /// The checked absolute path for `rel`, its parent directories created.
    fn prepare(&mut self, rel: &str) -> Result<PathBuf, String> {
        plain_relative(rel)?;
        let path = self.root.join(rel);
        if self.taken(rel) || path.symlink_metadata().is_ok() {
            return Err(format!("`{rel}` exists already: not overwritten"));
        }
        let parent = path.parent().expect("below root");
        inside(&self.root, parent, rel)?;
        if let Some(existing) = &self.existing {
            inside(existing, &existing.join(rel).with_file_name(""), rel)?;
        }
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        self.written.insert(rel.to_owned());
        Ok(path)
    }

    /// Writes a new file.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.prepare(rel)?;
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("cannot write {rel}: {e}"))?;
        io::Write::write_all(&mut file, bytes).map_err(|e| format!("cannot write {rel}: {e}"))
    }

    /// Copies a regular file of the source (streaming: size does not matter; never through a
    /// symbolic link).
    pub fn copy(&mut self, rel: &str, from: &Path) -> Result<(), String> {
        // Checked before DEST is touched: a link or a FIFO creates no empty file.
        super::source::check(from).map_err(|e| e.to_string())?;
        let path = self.prepare(rel)?;
        let mut output = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("cannot write {rel}: {e}"))?;
        super::source::copy(from, &mut output)
    }
}

/// `Err` unless `rel` is a plain relative path: `/`-separated names, none empty, `.` or `..`,
/// none with a backslash or NUL.
pub fn plain_relative(rel: &str) -> Result<(), String> {
    let plain = rel.split('/').all(|part| {
        !(part.is_empty() || part == "." || part == ".." || part.contains(['\\', '\0']))
    });
    if plain
        && matches!(
            Path::new(rel).components().next(),
            Some(Component::Normal(_))
        )
    {
        Ok(())
    } else {
        Err(format!(
            "refused to write `{rel}`: not a plain relative path"
        ))
    }
}

/// Checks that directory `dir` (which need not exist yet) stays inside `root`: a symbolic link
/// inside DEST (only possible with --force) must not lead out of it. Checked on the deepest
/// directory that exists, before creating any.
pub fn inside(root: &Path, dir: &Path, rel: &str) -> Result<(), String> {
    let mut existing = dir;
    while !existing.exists() {
        existing = existing.parent().unwrap_or(root);
    }
    let real = existing
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", existing.display()))?;
    if !real.starts_with(root) {
        return Err(format!(
            "refused to write `{rel}`: its directory leads outside {}",
            root.display()
        ));
    }
    Ok(())
}

/// One path segment made safe for every file system. `None` when nothing is left.
pub fn sanitize_segment(segment: &str) -> Option<String> {
    let mut out = String::with_capacity(segment.len());
    for c in segment.chars() {
        match c {
            c if c.is_control() => {}
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => out.push('-'),
            c => out.push(c),
        }
    }
    let out = out
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' ']);
    if out.is_empty() || out == ".." {
        None
    } else {
        Some(out.to_owned())
    }
}

/// A URL path from a permalink, for Zola's `path`: segments sanitised, `.`/`..` and empty ones
/// dropped, no leading or trailing slash. Returns the path and whether anything changed beyond
/// slashes; `None` for the root.
pub fn url_path(permalink: &str) -> (Option<String>, bool) {
    let mut changed = false;
    let mut parts = Vec::new();
    let permalink = permalink.split(['?', '#']).next().unwrap_or("");
    for segment in permalink.split('/') {
        if segment.is_empty() || segment == "." {
            continue;
        }
        if segment == ".." {
            changed = true;
            continue;
        }
        // Percent-escapes are kept as written; everything else sanitised.
        match sanitize_segment(segment) {
            Some(s) => {
                changed |= s != segment;
                parts.push(s);
            }
            None => changed = true,
        }
    }
    if parts.is_empty() {
        (None, changed)
    } else {
        (Some(parts.join("/")), changed)
    }
}

/// A relative source path (`/`-separated) for messages.
pub fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments() {
        assert_eq!(sanitize_segment("about.md").as_deref(), Some("about.md"));
        assert_eq!(sanitize_segment("..").as_deref(), None);
        assert_eq!(sanitize_segment("...").as_deref(), None);
        assert_eq!(sanitize_segment(".hidden").as_deref(), Some("hidden"));
        assert_eq!(sanitize_segment("a:b*c?").as_deref(), Some("a-b-c-"));
        assert_eq!(sanitize_segment("x\u{0}\ny").as_deref(), Some("xy"));
        assert_eq!(sanitize_segment("name. ").as_deref(), Some("name"));
        assert_eq!(sanitize_segment("café ☕").as_deref(), Some("café ☕"));
    }

    #[test]
    fn url_paths() {
        assert_eq!(url_path("/"), (None, false));
        assert_eq!(
            url_path("/publications/"),
            (Some("publications".into()), false)
        );
        assert_eq!(
            url_path("/../../etc/passwd"),
            (Some("etc/passwd".into()), true)
        );
        assert_eq!(url_path("/a//b/./c?x#y"), (Some("a/b/c".into()), false));
        assert_eq!(url_path("/we<ird>/"), (Some("we-ird-".into()), true));
    }

    #[test]
    fn dest_never_overwrites_or_escapes() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let mut dest = Dest::open(&root, false).unwrap();
        dest.write("content/a.md", b"a").unwrap();
        assert!(
            dest.write("content/a.md", b"b")
                .unwrap_err()
                .contains("exists")
        );
        assert_eq!(fs::read_to_string(root.join("content/a.md")).unwrap(), "a");
        for bad in ["../x", "/etc/x", "a/../../x", "", "a//b", "a\\..\\b"] {
            assert!(dest.write(bad, b"x").is_err(), "{bad}");
        }
        // Not empty: refused without force, kept with it.
        assert!(Dest::open(&root, false).unwrap_err().contains("not empty"));
        let mut again = Dest::open(&root, true).unwrap();
        assert!(again.write("content/a.md", b"c").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_inside_dest_do_not_lead_out() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let outside = tmp.path().join("outside");
        fs::create_dir_all(&root).unwrap();
        fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("static")).unwrap();
        let mut dest = Dest::open(&root, true).unwrap();
        let err = dest.write("static/x.txt", b"x").unwrap_err();
        assert!(err.contains("outside"), "{err}");
        let err = dest.write("static/sub/x.txt", b"x").unwrap_err();
        assert!(err.contains("outside"), "{err}");
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
    }
}
