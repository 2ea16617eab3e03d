//! Crash safety of `folio import`: DEST appears whole, or holds a marker saying it is not.
//!
//! An import never writes its files straight into DEST:
//!
//! - **DEST new or empty** (the usual case): everything is written into a hidden directory beside
//!   it, `.NAME.folio-import.tmp`, which is renamed to DEST at the end, in one step. Killed before
//!   that, DEST does not exist (or is still empty) and only the hidden directory is left.
//! - **DEST not empty** (`--force`): everything is written into `DEST/.folio-import.tmp/` first;
//!   then the marker `DEST/.folio-import-incomplete` is written, listing every file and directory
//!   about to be moved into DEST, the files are moved (never over an existing one) and the marker
//!   is removed last. Killed during the moves, the marker says DEST is unfinished and what in it
//!   came from the import.
//!
//! The marker is also in the hidden directory from the start (so it is in DEST the moment the
//! rename happens, removed just after), and it is locked while its import runs. The next
//! `folio import` into the same DEST finds what an interrupted one left, removes it (the hidden
//! directory, and in DEST only the files and empty directories the marker lists) and imports
//! again, so its result is the same as that of an import never interrupted. A marker still locked
//! means another import is running: refused. (A kill cannot tear a file; a power cut can lose the
//! last writes, which are not synced.)

use std::fs::{self, File};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use super::files::inside;

/// The marker: DEST is not a finished import.
pub const MARKER: &str = ".folio-import-incomplete";
/// The staging directory inside a non-empty DEST.
const INNER: &str = ".folio-import.tmp";

const MARKER_HEAD: &str = "folio import was interrupted: this directory is not a finished import.\nRun the same `folio import` command again: it removes what the interrupted import wrote\n(listed below: f = file, d = directory, removed only if empty) and imports again.\n";

/// Where an import writes, and how its result reaches DEST.
#[derive(Debug)]
pub struct Staging {
    /// Where the files are written.
    root: PathBuf,
    /// DEST (resolved when it exists).
    dest: PathBuf,
    /// Files are merged into a DEST that already holds some (else `root` is renamed to DEST).
    merge: bool,
    /// The locked marker, kept open for the whole import.
    marker: File,
    /// What was left by interrupted imports and removed, for the user.
    pub cleaned: Vec<String>,
}

/// The hidden directory beside DEST.
fn beside(dest: &Path) -> Option<PathBuf> {
    let name = dest.file_name()?.to_string_lossy().into_owned();
    Some(dest.with_file_name(format!(".{name}.folio-import.tmp")))
}

/// DEST, resolved if it exists (a link to a directory is followed: the user named it).
fn resolve(dest: &Path) -> Result<PathBuf, String> {
    let absolute = if dest.is_absolute() {
        dest.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("cannot find the current directory: {e}"))?
            .join(dest)
    };
    match absolute.canonicalize() {
        Ok(p) => Ok(p),
        Err(_) => {
            // Resolve the parent that exists, keep the rest.
            let parent = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
            let name = absolute
                .file_name()
                .ok_or_else(|| format!("{} is not a directory name", dest.display()))?;
            let parent = parent.canonicalize().unwrap_or(parent);
            Ok(parent.join(name))
        }
    }
}

/// Prepares an import into `dest`: removes what an interrupted import left there, checks DEST
/// (new or empty; with `force`, any directory) and creates the staging directory.
pub fn begin(dest: &Path, force: bool) -> Result<Staging, String> {
    let shown = dest.display().to_string();
    let dest = resolve(dest)?;
    if dest.exists() && !dest.is_dir() {
        return Err(format!("{shown} exists and is not a directory"));
    }
    let mut cleaned = Vec::new();
    if let Some(n) = clean_dest(&dest, &shown)? {
        cleaned.push(n);
    }
    let outer = beside(&dest);
    if let Some(outer) = &outer
        && let Some(n) = clean_dir(outer, &shown)?
    {
        cleaned.push(n);
    }
    let empty = empty_or_forced(&dest, &shown, force)?;
    if empty
        && let Some(outer) = outer
        && let Some(parent) = outer.parent()
        && fs::create_dir_all(parent).is_ok()
        && fs::create_dir(&outer).is_ok()
    {
        let marker = new_marker(&outer)?;
        return Ok(Staging {
            root: outer,
            dest,
            merge: false,
            marker,
            cleaned,
        });
    }
    // Not empty, or nothing can be written beside it: staged inside DEST, then merged.
    fs::create_dir_all(&dest).map_err(|e| format!("cannot create {shown}: {e}"))?;
    let dest = dest
        .canonicalize()
        .map_err(|e| format!("cannot resolve {shown}: {e}"))?;
    let marker = new_marker(&dest)?;
    let root = dest.join(INNER);
    fs::create_dir(&root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
    Ok(Staging {
        root,
        dest,
        merge: true,
        marker,
        cleaned,
    })
}

/// Whether DEST is new or empty; `Err` when it holds files and `force` is off.
fn empty_or_forced(dest: &Path, shown: &str, force: bool) -> Result<bool, String> {
    let empty = match fs::read_dir(dest) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => true,
        Err(e) => return Err(format!("cannot read {shown}: {e}")),
    };
    if !empty && !force {
        return Err(format!(
            "{shown} exists and is not empty: choose a new directory (folio import never overwrites files), or pass --force to import into it anyway (existing files are still kept)"
        ));
    }
    Ok(empty)
}

/// For a dry run: checks DEST as [`begin`] does, creating and removing nothing (what an
/// interrupted import left is not looked at). Returns the directories an import writes in (the
/// walk leaves them out) and DEST when it already holds files.
pub fn preview(dest: &Path, force: bool) -> Result<(Vec<PathBuf>, Option<PathBuf>), String> {
    let shown = dest.display().to_string();
    let dest = resolve(dest)?;
    if dest.exists() && !dest.is_dir() {
        return Err(format!("{shown} exists and is not a directory"));
    }
    let empty = empty_or_forced(&dest, &shown, force)?;
    let mut not_source: Vec<PathBuf> = beside(&dest).into_iter().collect();
    not_source.push(dest.clone());
    Ok((not_source, (!empty).then_some(dest)))
}

fn new_marker(dir: &Path) -> Result<File, String> {
    let path = dir.join(MARKER);
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    if !lock(&file) {
        return Err(format!("cannot lock {}", path.display()));
    }
    file.write_all(MARKER_HEAD.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(file)
}

/// An exclusive lock, not waited for: `false` if another process holds it.
#[cfg(unix)]
fn lock(file: &File) -> bool {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a file descriptor this process owns; no memory is involved.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

#[cfg(not(unix))]
fn lock(_: &File) -> bool {
    true
}

/// Whether the marker in `dir` belongs to an import still running.
fn in_use(dir: &Path) -> bool {
    fs::OpenOptions::new()
        .read(true)
        .open(dir.join(MARKER))
        .is_ok_and(|f| !lock(&f))
}

/// Removes a staging directory an interrupted import left (it holds the marker).
fn clean_dir(dir: &Path, shown: &str) -> Result<Option<String>, String> {
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return Ok(None);
    };
    if !meta.is_dir() {
        return Ok(None);
    }
    if fs::symlink_metadata(dir.join(MARKER)).is_err() {
        // Empty: an import killed between creating it and writing its marker (nothing else
        // makes a directory of this name). Anything in it: not ours to remove.
        let empty = fs::read_dir(dir).is_ok_and(|mut e| e.next().is_none());
        if empty && fs::remove_dir(dir).is_ok() {
            return Ok(Some(format!(
                "removed {}, left empty by an interrupted import",
                dir.display()
            )));
        }
        return Ok(None);
    }
    if in_use(dir) {
        return Err(format!(
            "another folio import into {shown} is running ({} is locked): wait for it to end",
            dir.join(MARKER).display()
        ));
    }
    fs::remove_dir_all(dir).map_err(|e| {
        format!(
            "cannot remove {}, left by an interrupted import: {e}",
            dir.display()
        )
    })?;
    Ok(Some(format!(
        "removed {}, left by an interrupted import",
        dir.display()
    )))
}

/// Removes from DEST what an interrupted import put there, as its marker lists.
fn clean_dest(dest: &Path, shown: &str) -> Result<Option<String>, String> {
    let marker = dest.join(MARKER);
    match fs::symlink_metadata(&marker) {
        Ok(m) if m.is_file() => {}
        _ => return Ok(None),
    }
    if in_use(dest) {
        return Err(format!(
            "another folio import into {shown} is running ({} is locked): wait for it to end",
            marker.display()
        ));
    }
    let text = fs::read_to_string(&marker).map_err(|e| {
        format!(
            "{shown} holds {MARKER} (an interrupted import) that cannot be read: {e}; remove it by hand"
        )
    })?;
    let mut files = 0;
    let mut dirs = Vec::new();
    for line in text.lines() {
        let Some((kind, rel)) = line.split_once(' ') else {
            continue;
        };
        if rel.is_empty()
            || rel
                .split('/')
                .any(|p| p.is_empty() || p == "." || p == ".." || p.contains('\\'))
        {
            continue;
        }
        let path = dest.join(rel);
        match kind {
            "f" if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
                && fs::remove_file(&path).is_ok() =>
            {
                files += 1;
            }
            "d" => dirs.push(path),
            _ => {}
        }
    }
    // Deepest first; a directory someone put files in stays.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        if fs::symlink_metadata(&d).is_ok_and(|m| m.is_dir()) {
            let _ = fs::remove_dir(&d);
        }
    }
    let inner = dest.join(INNER);
    if fs::symlink_metadata(&inner).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(&inner)
            .map_err(|e| format!("cannot remove {}: {e}", inner.display()))?;
    }
    fs::remove_file(&marker).map_err(|e| format!("cannot remove {}: {e}", marker.display()))?;
    Ok(Some(format!(
        "{shown} held an interrupted import: what it had written ({files} files moved in, and its staging directory) was removed before importing again"
    )))
}

impl Staging {
    /// Where the import writes.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// DEST.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// The files already in DEST that the import must keep clear of (merging only).
    pub fn existing(&self) -> Option<&Path> {
        self.merge.then_some(self.dest.as_path())
    }

    /// The staged files, `/`-separated, sorted, the marker left out.
    fn staged(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(&self.root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| !e.file_type().is_dir())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&self.root).ok()?;
                Some(rel.to_string_lossy().replace('\\', "/"))
            })
            .filter(|rel| rel != MARKER)
            .collect();
        files.sort();
        files
    }

    /// Merging: staged files that DEST already has with other content (kept, not moved), with
    /// why. An identical file is no conflict (the theme, installed again).
    pub fn conflicts(&self) -> Vec<(String, String)> {
        if !self.merge {
            return Vec::new();
        }
        let mut out = Vec::new();
        for rel in self.staged() {
            let target = self.dest.join(&rel);
            if fs::symlink_metadata(&target).is_err() {
                continue;
            }
            if !same_content(&self.root.join(&rel), &target) {
                let hint = if rel.starts_with("themes/") {
                    " (`folio theme install --force` updates the theme)"
                } else {
                    ""
                };
                out.push((
                    rel.clone(),
                    format!(
                        "`{rel}` exists already with other content: kept, not overwritten{hint}"
                    ),
                ));
            }
        }
        out
    }

    /// Puts the staged import in place. `Err` only when nothing reached DEST; the strings are
    /// files that could not be moved.
    pub fn finish(mut self) -> Result<Vec<String>, String> {
        if self.merge {
            return self.merge_into_dest();
        }
        let files = self.staged();
        let mut list = String::new();
        let mut dirs: Vec<String> = Vec::new();
        for rel in &files {
            let mut parent = Path::new(rel).parent();
            while let Some(p) = parent.filter(|p| !p.as_os_str().is_empty()) {
                let d = p.to_string_lossy().replace('\\', "/");
                if !dirs.contains(&d) {
                    dirs.push(d);
                }
                parent = p.parent();
            }
            list.push_str(&format!("f {rel}\n"));
        }
        for d in &dirs {
            list.push_str(&format!("d {d}\n"));
        }
        self.write_list(&list)?;
        let moved = fs::rename(&self.root, &self.dest).or_else(|e| {
            // An empty DEST that the system does not let a rename replace.
            if fs::remove_dir(&self.dest).is_ok() {
                fs::rename(&self.root, &self.dest)
            } else {
                Err(e)
            }
        });
        if let Err(e) = moved {
            return Err(format!(
                "the import is complete in {} but could not be moved to {}: {e}",
                self.root.display(),
                self.dest.display()
            ));
        }
        fs::remove_file(self.dest.join(MARKER))
            .map_err(|e| format!("cannot remove {}: {e}", self.dest.join(MARKER).display()))?;
        Ok(Vec::new())
    }

    fn write_list(&mut self, list: &str) -> Result<(), String> {
        let text = format!("{MARKER_HEAD}\n{list}");
        let write = |f: &mut File| -> io::Result<()> {
            f.set_len(0)?;
            f.rewind()?;
            f.write_all(text.as_bytes())?;
            f.flush()
        };
        write(&mut self.marker).map_err(|e| format!("cannot write the marker {MARKER}: {e}"))
    }

    fn merge_into_dest(mut self) -> Result<Vec<String>, String> {
        let mut files = self.staged();
        // The report last: once it is in place, everything else is.
        if let Some(i) = files.iter().position(|f| f == super::REPORT_FILE) {
            let report = files.remove(i);
            files.push(report);
        }
        let mut to_move = Vec::new();
        let mut list = String::new();
        let mut new_dirs: Vec<String> = Vec::new();
        for rel in files {
            if fs::symlink_metadata(self.dest.join(&rel)).is_ok() {
                continue; // identical (nothing to do) or a conflict (reported, kept)
            }
            let mut parent = Path::new(&rel).parent();
            while let Some(p) = parent.filter(|p| !p.as_os_str().is_empty()) {
                let d = p.to_string_lossy().replace('\\', "/");
                if fs::symlink_metadata(self.dest.join(&d)).is_err() && !new_dirs.contains(&d) {
                    new_dirs.push(d);
                }
                parent = p.parent();
            }
            list.push_str(&format!("f {rel}\n"));
            to_move.push(rel);
        }
        for d in &new_dirs {
            list.push_str(&format!("d {d}\n"));
        }
        self.write_list(&list)?;
        let mut problems = Vec::new();
        for rel in &to_move {
            let from = self.root.join(rel);
            let to = self.dest.join(rel);
            let moved = to
                .parent()
                .ok_or_else(|| "no directory".to_owned())
                .and_then(|dir| {
                    inside(&self.dest, dir, rel)?;
                    fs::create_dir_all(dir).map_err(|e| e.to_string())
                })
                .and_then(|()| {
                    if fs::symlink_metadata(&to).is_ok() {
                        return Err("it appeared meanwhile: not overwritten".into());
                    }
                    fs::rename(&from, &to).map_err(|e| e.to_string())
                });
            if let Err(e) = moved {
                problems.push(format!("{rel} not moved into {}: {e}", self.dest.display()));
            }
        }
        if problems.is_empty() {
            let _ = fs::remove_dir_all(&self.root);
            fs::remove_file(self.dest.join(MARKER))
                .map_err(|e| format!("cannot remove {}: {e}", self.dest.join(MARKER).display()))?;
        } else {
            problems.push(format!(
                "what was not moved is in {}; {MARKER} lists what the import put in {}",
                self.root.display(),
                self.dest.display()
            ));
        }
        Ok(problems)
    }
}

fn same_content(a: &Path, b: &Path) -> bool {
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(ma), Ok(mb)) if ma.is_file() && mb.is_file() && ma.len() == mb.len() => {
            matches!((fs::read(a), fs::read(b)), (Ok(x), Ok(y)) if x == y)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<_> = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, fs::read(e.path()).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_new_dest_appears_in_one_rename() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("site");
        let s = begin(&dest, false).unwrap();
        assert!(!dest.exists(), "nothing at DEST before the end");
        assert!(s.root().join(MARKER).is_file());
        fs::create_dir_all(s.root().join("content")).unwrap();
        fs::write(s.root().join("content/a.md"), "a").unwrap();
        assert!(s.finish().unwrap().is_empty());
        assert_eq!(tree(&dest), vec![("content/a.md".into(), b"a".to_vec())]);
        assert!(!tmp.path().join(".site.folio-import.tmp").exists());
    }

    #[test]
    fn what_an_interrupted_import_left_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("site");
        // Interrupted before the rename: the hidden directory, with an unlocked marker.
        let s = begin(&dest, false).unwrap();
        fs::write(s.root().join("half.md"), "half").unwrap();
        let outer = s.root().to_path_buf();
        drop(s);
        // Interrupted just after the rename: DEST with the marker listing the files.
        fs::create_dir_all(dest.join("content/blog")).unwrap();
        fs::write(dest.join("content/blog/x.md"), "x").unwrap();
        fs::write(
            dest.join(MARKER),
            format!(
                "{MARKER_HEAD}\nf content/blog/x.md\nf ../outside.md\nd content/blog\nd content\n"
            ),
        )
        .unwrap();
        fs::write(tmp.path().join("outside.md"), "kept").unwrap();
        let s = begin(&dest, false).unwrap();
        assert_eq!(s.cleaned.len(), 2, "{:?}", s.cleaned);
        assert!(!outer.join("half.md").exists());
        assert!(!dest.join("content").exists());
        assert!(tmp.path().join("outside.md").exists(), "never outside DEST");
        drop(s);
    }

    #[cfg(unix)]
    #[test]
    fn an_empty_staging_directory_without_its_marker_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("site");
        let outer = beside(&dest).unwrap();
        fs::create_dir(&outer).unwrap();
        let staging = begin(&dest, false).unwrap();
        assert!(!staging.merge, "staged beside DEST again, not inside it");
        staging.finish().unwrap();
        assert!(!outer.exists() && dest.is_dir());
        // One that holds something not ours stays.
        let dest = tmp.path().join("other");
        let outer = beside(&dest).unwrap();
        fs::create_dir(&outer).unwrap();
        fs::write(outer.join("keep.txt"), "x").unwrap();
        begin(&dest, false).unwrap().finish().unwrap();
        assert!(outer.join("keep.txt").is_file());
    }

    #[test]
    fn a_running_import_is_not_disturbed() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("site");
        let running = begin(&dest, false).unwrap();
        // flock locks belong to the open file: a second descriptor is refused like a process.
        let err = begin(&dest, false).unwrap_err();
        assert!(err.contains("is running"), "{err}");
        assert!(running.root().join(MARKER).is_file());
    }

    #[test]
    fn a_non_empty_dest_is_merged_never_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("site");
        fs::create_dir_all(dest.join("content")).unwrap();
        fs::write(dest.join("config.toml"), "mine").unwrap();
        fs::write(dest.join("same.txt"), "same").unwrap();
        assert!(begin(&dest, false).unwrap_err().contains("not empty"));
        let s = begin(&dest, true).unwrap();
        assert_eq!(s.existing(), Some(dest.canonicalize().unwrap().as_path()));
        assert!(dest.join(MARKER).is_file());
        fs::create_dir_all(s.root().join("content/news")).unwrap();
        fs::write(s.root().join("content/news/a.md"), "a").unwrap();
        fs::write(s.root().join("config.toml"), "theirs").unwrap();
        fs::write(s.root().join("same.txt"), "same").unwrap();
        let conflicts = s.conflicts();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].0, "config.toml");
        assert!(s.finish().unwrap().is_empty());
        assert_eq!(
            tree(&dest),
            vec![
                ("config.toml".into(), b"mine".to_vec()),
                ("content/news/a.md".into(), b"a".to_vec()),
                ("same.txt".into(), b"same".to_vec()),
            ]
        );
    }
}
