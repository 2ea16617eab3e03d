//! How folio writes into an output tree: every file through a temporary file in the same
//! directory and one rename, so that a reader (a web server, a deploy step, a run killed
//! half-way) only ever sees a file's old or its new complete version.
//!
//! - [`replace`] rewrites a page it read, and only if the file is still the one it read
//!   (identity, size and modification time, as [`Snapshot`] took them from the open file): a file
//!   another program replaced during the run is left as that program wrote it.
//! - [`create`] writes a new file (a fingerprinted stylesheet) with given permissions.
//! - Temporary files are named `.folio-XXXXXX.tmp` ([`is_temp_name`]). A run that is killed
//!   leaves its temporary file behind; the next run holds the output directory's [`Lock`], so any
//!   such file it finds belongs to no live run and is removed ([`remove_leftover`]); `--check` and
//!   `folio audit` report them.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::time::SystemTime;

/// The prefix and suffix of every temporary file folio writes.
const PREFIX: &str = ".folio-";
const SUFFIX: &str = ".tmp";

/// Whether a file name is one of folio's temporary files.
pub fn is_temp_name(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| {
        n.len() > PREFIX.len() + SUFFIX.len() && n.starts_with(PREFIX) && n.ends_with(SUFFIX)
    })
}

/// What a file was when it was read: enough to tell, before replacing it, whether another
/// program replaced or changed it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    dev_ino: (u64, u64),
}

impl Snapshot {
    pub fn of(meta: &fs::Metadata) -> Snapshot {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Snapshot {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            dev_ino: (meta.dev(), meta.ino()),
        }
    }
}

/// Reads a file, and its permissions and identity from the same open file: [`replace`] needs
/// them, and a `stat` of the path per page would cost a second path lookup.
pub fn read(path: &Path) -> std::io::Result<(Vec<u8>, fs::Permissions, Snapshot)> {
    let mut file = fs::File::open(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok((bytes, meta.permissions(), Snapshot::of(&meta)))
}

/// Replaces the file `path`, read as `read`, with `bytes`, keeping its permissions. Refuses a
/// read-only file, and a file that is no longer the one read (it is left as it now is).
pub fn replace(
    path: &Path,
    bytes: &[u8],
    permissions: fs::Permissions,
    read: &Snapshot,
) -> Result<(), String> {
    if permissions.readonly() {
        return Err("read-only file: not rewritten (make it writable, or leave it out)".into());
    }
    let tmp = temp_with(path, bytes, permissions)?;
    // The last moment before the rename: another program's write since the read wins.
    match fs::symlink_metadata(path) {
        Ok(now) if now.is_file() && Snapshot::of(&now) == *read => {}
        Ok(_) | Err(_) => {
            return Err(
                "changed by another program while folio was rewriting it: left as that program \
                 wrote it (run folio again once nothing else writes to this directory)"
                    .into(),
            );
        }
    }
    tmp.persist(path)
        .map_err(|e| format!("cannot replace the file: {}", e.error))?;
    Ok(())
}

/// Writes the new file `path` (replacing any file of that name) with `bytes` and `permissions`,
/// creating its directory if needed.
pub fn create(path: &Path, bytes: &[u8], permissions: fs::Permissions) -> Result<(), String> {
    let dir = parent(path);
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    temp_with(path, bytes, permissions)?
        .persist(path)
        .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

/// The permissions of a new file folio writes (a fingerprinted stylesheet, a cache file):
/// `rw-r--r--`, what a build writes.
pub fn new_file_permissions() -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(0o644)
}

/// A temporary file beside `path` holding `bytes` with `permissions`; removed if dropped.
fn temp_with(
    path: &Path,
    bytes: &[u8],
    permissions: fs::Permissions,
) -> Result<tempfile::NamedTempFile, String> {
    let dir = parent(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().set_permissions(permissions))
        .map_err(|e| format!("cannot write a temporary file in {}: {e}", dir.display()))?;
    Ok(tmp)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The output directory held by one writing run (an advisory lock on the directory itself, so
/// nothing is added to the tree), released when dropped or when the process ends, however it
/// ends. A `--check` or an audit holds it shared: it waits for no one but sees no live run's
/// temporary files.
#[derive(Debug)]
pub struct Lock {
    _dir: fs::File,
}

impl Lock {
    /// Takes the lock on `dir`, exclusive to write, shared to read; refuses when another run
    /// holds it in a way that conflicts.
    pub fn take(dir: &Path, exclusive: bool) -> Result<Lock, String> {
        let file = fs::File::open(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let taken = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match taken {
            Ok(()) => Ok(Lock { _dir: file }),
            Err(fs::TryLockError::WouldBlock) => Err(format!(
                "another folio run is writing {}: wait for it to finish, then run again",
                dir.display()
            )),
            // A file system without locks (some network mounts): go on without one.
            Err(fs::TryLockError::Error(_)) => Ok(Lock { _dir: file }),
        }
    }
}

/// Removes a temporary file left by an interrupted run (the caller holds the [`Lock`]).
pub fn remove_leftover(path: &Path) -> Result<(), String> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove it: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A directory holding `index.html` with "old" in it, and the file as a run reads it.
    fn page() -> (tempfile::TempDir, PathBuf, fs::Permissions, Snapshot) {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("index.html");
        fs::write(&page, "old").unwrap();
        let meta = fs::metadata(&page).unwrap();
        (dir, page, meta.permissions(), Snapshot::of(&meta))
    }

    /// folio's temporary files below `dir`.
    fn temps(dir: &Path) -> usize {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && is_temp_name(e.file_name()))
            .count()
    }

    #[test]
    fn a_file_is_replaced_in_one_rename_with_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, page, _, _) = page();
        fs::set_permissions(&page, fs::Permissions::from_mode(0o640)).unwrap();
        let meta = fs::metadata(&page).unwrap();
        replace(&page, b"new", meta.permissions(), &Snapshot::of(&meta)).unwrap();
        assert_eq!(fs::read_to_string(&page).unwrap(), "new");
        let mode = fs::metadata(&page).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(temps(dir.path()), 0);
    }

    #[test]
    fn a_file_another_program_replaced_is_left_as_it_wrote_it() {
        let (dir, page, perms, read) = page();
        // Another program replaces it (a new inode), as a build or a sync does.
        let other = dir.path().join("other");
        fs::write(&other, "theirs").unwrap();
        fs::rename(&other, &page).unwrap();
        let err = replace(&page, b"ours", perms, &read).unwrap_err();
        assert!(err.contains("changed by another program"), "{err}");
        assert_eq!(fs::read_to_string(&page).unwrap(), "theirs");
        assert_eq!(temps(dir.path()), 0, "the temporary file is removed");
    }

    #[test]
    fn a_file_another_program_wrote_in_place_is_left_too() {
        let (_dir, page, perms, read) = page();
        fs::write(&page, "theirs, longer").unwrap();
        assert!(replace(&page, b"ours", perms, &read).is_err());
        assert_eq!(fs::read_to_string(&page).unwrap(), "theirs, longer");
    }

    #[test]
    fn a_removed_file_is_not_brought_back() {
        let (_dir, page, perms, read) = page();
        fs::remove_file(&page).unwrap();
        assert!(replace(&page, b"ours", perms, &read).is_err());
        assert!(!page.exists());
    }

    #[test]
    fn temporary_names_are_recognised_and_nothing_else() {
        use std::ffi::OsStr;
        assert!(is_temp_name(OsStr::new(".folio-a1B2c3.tmp")));
        for name in [
            ".folio-.tmp",
            "folio-a.tmp",
            ".folio-a.html",
            ".site.folio-import.tmp",
            "x.tmp",
        ] {
            assert!(!is_temp_name(OsStr::new(name)), "{name}");
        }
    }

    #[test]
    fn one_writer_at_a_time_and_readers_do_not_block_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let writer = Lock::take(dir.path(), true).unwrap();
        let err = Lock::take(dir.path(), true).unwrap_err();
        assert!(err.contains("another folio run"), "{err}");
        assert!(Lock::take(dir.path(), false).is_err());
        drop(writer);
        let a = Lock::take(dir.path(), false).unwrap();
        let _b = Lock::take(dir.path(), false).unwrap();
        assert!(Lock::take(dir.path(), true).is_err());
        drop(a);
    }
}
