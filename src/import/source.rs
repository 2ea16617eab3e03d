//! Reading the source site safely: regular files only, never through a symbolic link, every read
//! bounded in size.
//!
//! The importer reads nothing but regular files and directories of SOURCE. A symbolic link (to a
//! file, to a directory, inside or outside SOURCE) is never followed; a FIFO, socket or device is
//! never opened (opening a FIFO would block, reading `/dev/zero` would never end). [`open`] checks
//! the entry without following it, opens it with `O_NOFOLLOW | O_NONBLOCK` on Unix (so a file
//! swapped for a link or a FIFO after the check is refused too, never waited on) and checks the
//! opened file is the regular file that was looked at. [`read`] then reads at most a given number
//! of bytes; [`copy`] streams a file of any size but never more bytes than it had when opened.

use std::fs::{self, File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why an entry of the source is not read: it is not a regular file, or not one reachable
/// without following a symbolic link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRead {
    /// A symbolic link, with where it points.
    Link(String),
    /// A FIFO, socket or device (named by [`kind`]).
    Special(&'static str),
    /// Something else went wrong (permissions, vanished): the I/O error.
    Io(String),
}

impl std::fmt::Display for NotRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotRead::Link(to) => write!(f, "a symbolic link (to {to}): not followed"),
            NotRead::Special(kind) => write!(f, "{kind}, not a regular file: not read"),
            NotRead::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

/// What a non-regular, non-directory entry is, for messages.
pub fn kind(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    if meta.file_type().is_symlink() {
        return "a symbolic link";
    }
    "not a regular file"
}

/// Checks `path` itself (never following it): `Ok` for a regular file.
pub fn check(path: &Path) -> Result<Metadata, NotRead> {
    let meta = fs::symlink_metadata(path).map_err(|e| NotRead::Io(e.to_string()))?;
    if meta.file_type().is_symlink() {
        let to = fs::read_link(path).map_or_else(|_| "?".into(), |p| p.display().to_string());
        return Err(NotRead::Link(to));
    }
    if !meta.is_file() {
        return Err(NotRead::Special(kind(&meta)));
    }
    Ok(meta)
}

/// `root/rel` when it is a regular file reached through real directories only; `Ok(None)` when
/// nothing is there; `Err` (with the `/`-separated part that is not plain) for a link or a
/// special file on the way.
pub fn plain_file(root: &Path, rel: &str) -> Result<Option<PathBuf>, (String, NotRead)> {
    let mut path = root.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let shown = parts[..=i].join("/");
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err((shown, NotRead::Io(e.to_string()))),
        };
        let last = i + 1 == parts.len();
        if meta.file_type().is_symlink() {
            let to = fs::read_link(&path).map_or_else(|_| "?".into(), |p| p.display().to_string());
            return Err((shown, NotRead::Link(to)));
        }
        if last && !meta.is_file() {
            if meta.is_dir() {
                return Ok(None);
            }
            return Err((shown, NotRead::Special(kind(&meta))));
        }
        if !last && !meta.is_dir() {
            return Ok(None);
        }
    }
    Ok(Some(path))
}

/// Opens a regular file for reading without following a link or blocking on a FIFO; returns
/// it with its size when opened.
pub fn open(path: &Path) -> Result<(File, u64), NotRead> {
    let before = check(path)?;
    let file = open_no_follow(path).map_err(|e| match check(path) {
        Err(not_read) => not_read,
        Ok(_) => NotRead::Io(e.to_string()),
    })?;
    let meta = file.metadata().map_err(|e| NotRead::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(NotRead::Special(kind(&meta)));
    }
    if !same_file(&before, &meta) {
        return Err(NotRead::Io("replaced while being opened".into()));
    }
    Ok((file, meta.len()))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}

/// Reads a regular file of at most `limit` bytes. The error names the reason, not the file.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let (file, len) = open(path).map_err(|e| e.to_string())?;
    let too_large = |len: u64| {
        format!(
            "{:.1} MB is over the {} MB limit for a text file; not converted",
            len as f64 / 1e6,
            limit / (1024 * 1024)
        )
    };
    if len > limit {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads at most `n` bytes from the start of a regular file (nothing for anything else).
pub fn head(path: &Path, n: usize) -> Vec<u8> {
    let Ok((file, _)) = open(path) else {
        return Vec::new();
    };
    let mut buf = Vec::with_capacity(n);
    let _ = file.take(n as u64).read_to_end(&mut buf);
    buf
}

/// Copies a regular file into `to`, streaming; stops at the size the file had when opened and
/// says so if it grew meanwhile.
pub fn copy(from: &Path, to: &mut impl Write) -> Result<(), String> {
    let (file, len) = open(from).map_err(|e| e.to_string())?;
    let mut limited = file.take(len);
    io::copy(&mut limited, to).map_err(|e| format!("cannot copy: {e}"))?;
    let mut rest = limited.into_inner();
    let mut probe = [0u8; 1];
    match rest.read(&mut probe) {
        Ok(0) | Err(_) => Ok(()),
        Ok(_) => Err(format!(
            "the file grew while it was copied: only its first {len} bytes were copied"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_within_the_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("a.md");
        fs::write(&f, "hello").unwrap();
        assert_eq!(read(&f, 10).unwrap(), b"hello");
        let err = read(&f, 4).unwrap_err();
        assert!(err.contains("over the"), "{err}");
        assert_eq!(head(&f, 2), b"he");
        let mut out = Vec::new();
        copy(&f, &mut out).unwrap();
        assert_eq!(out, b"hello");
    }

    #[cfg(unix)]
    #[test]
    fn links_fifos_and_devices_are_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("secret.yml");
        fs::write(&target, "secret").unwrap();
        let link = tmp.path().join("link.yml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = read(&link, 100).unwrap_err();
        assert!(
            err.contains("symbolic link") && err.contains("secret.yml"),
            "{err}"
        );
        assert!(head(&link, 8).is_empty());

        let fifo = tmp.path().join("fifo.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = read(&fifo, 100).unwrap_err();
        assert!(err.contains("FIFO"), "{err}");
        assert!(head(&fifo, 8).is_empty());

        let err = read(Path::new("/dev/zero"), 100).unwrap_err();
        assert!(err.contains("character device"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn plain_file_refuses_links_on_the_way() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let outside = tmp.path().join("outside");
        fs::create_dir_all(root.join("_data")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("socials.yml"), "x").unwrap();
        fs::write(root.join("_data/cv.yml"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("_linked")).unwrap();
        std::os::unix::fs::symlink(outside.join("socials.yml"), root.join("_data/socials.yml"))
            .unwrap();
        assert_eq!(
            plain_file(&root, "_data/cv.yml").unwrap(),
            Some(root.join("_data/cv.yml"))
        );
        assert_eq!(plain_file(&root, "_data/none.yml").unwrap(), None);
        assert_eq!(plain_file(&root, "_data").unwrap(), None);
        let (at, why) = plain_file(&root, "_data/socials.yml").unwrap_err();
        assert_eq!(at, "_data/socials.yml");
        assert!(matches!(why, NotRead::Link(_)));
        let (at, _) = plain_file(&root, "_linked/socials.yml").unwrap_err();
        assert_eq!(at, "_linked");
    }
}
