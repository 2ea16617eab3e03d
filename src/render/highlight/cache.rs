//! Highlighted blocks kept on disk between runs, so that a run over unchanged code only reads
//! them back (see [`HighlightCache`]).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// Highlighted blocks on disk: one file per page (named by the SHA-256 of this build of folio,
/// the two themes, whose colours the classes number, and the page's path), holding a
/// `page PATH` line and then its blocks by the SHA-256 of language and code. A page whose code
/// did not change reads one file; a changed block is highlighted again and the file rewritten.
/// After a run over a whole site, [`HighlightCache::prune`] removes the files of pages that are
/// gone and of other themes or folio versions. Safe to delete at any time; never inside the
/// served tree by default (`.folio-cache/` in the site's directory, beside `public/`).
#[derive(Debug)]
pub struct HighlightCache {
    dir: PathBuf,
    writable: bool,
}

/// Changes whenever the highlighted HTML for the same input may change.
const CACHE_VERSION: &str = concat!(
    "folio ",
    env!("CARGO_PKG_VERSION"),
    "; syntect 5.3 + two-face 0.5.2; hl- l/d classes; v6"
);

fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
        hash.update([0]);
    }
    let digest = hash.finalize();
    // Two table look-ups per byte: `format!("{b:02x}")` per byte allocated 32 strings per key,
    // and a key is made for every page with code blocks.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(digest.len() * 2);
    for b in digest {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

impl HighlightCache {
    /// A cache in `dir` (created on the first write); `writable = false` only reads (`--check`).
    pub fn new(dir: PathBuf, writable: bool) -> Self {
        Self { dir, writable }
    }

    /// The key of one block: its language as written and its code.
    pub(crate) fn key(lang: &str, code: &str) -> String {
        sha256_hex(&[lang.as_bytes(), code.as_bytes()])
    }

    /// The page `file` below `root` as the cache names it (`/` separators).
    pub(crate) fn page_name(root: &std::path::Path, file: &std::path::Path) -> String {
        let rel = file.strip_prefix(root).unwrap_or(file);
        let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
        parts.join("/")
    }

    /// The cache file of the page `name` (from [`Self::page_name`]).
    pub(crate) fn file_of(&self, themes: &str, name: &str) -> PathBuf {
        let key = sha256_hex(&[CACHE_VERSION.as_bytes(), themes.as_bytes(), name.as_bytes()]);
        self.dir.join("highlight").join(&key[..2]).join(&key[2..])
    }

    /// The cache file of the page `file` below `root`, and the page's name for its header.
    pub(crate) fn page_file(
        &self,
        themes: &str,
        root: &std::path::Path,
        file: &std::path::Path,
    ) -> (PathBuf, String) {
        let name = Self::page_name(root, file);
        (self.file_of(themes, &name), name)
    }

    /// The blocks a page's file holds (none if it is missing or damaged: a file whose last line
    /// is not the SHA-256 of all before it, torn by a crash or changed by hand, is never served;
    /// its blocks are highlighted again and the file rewritten).
    pub(crate) fn load(&self, file: &std::path::Path) -> HashMap<String, String> {
        let mut blocks = HashMap::new();
        let Ok(text) = fs::read_to_string(file) else {
            return blocks;
        };
        let Some(body) = verified(&text) else {
            return blocks;
        };
        // A `page PATH` line, then each entry: `KEY LEN\n` and LEN bytes of HTML.
        let mut rest = body;
        if rest.starts_with("page ") {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        }
        while let Some((header, after)) = rest.split_once('\n') {
            let Some((key, len)) = header.split_once(' ') else {
                break;
            };
            let Some(html) = len.parse::<usize>().ok().and_then(|n| after.get(..n)) else {
                break;
            };
            blocks.insert(key.to_owned(), html.to_owned());
            rest = &after[html.len()..];
        }
        blocks
    }

    /// Writes a page's blocks; a cache that cannot be written is only slower, never an error.
    pub(crate) fn store(&self, file: &std::path::Path, page: &str, blocks: &[(String, String)]) {
        if !self.writable {
            return;
        }
        if blocks.is_empty() {
            let _ = fs::remove_file(file);
            return;
        }
        let mut seen = HashSet::new();
        // A name with a line break cannot be told from the entries: no header (it is pruned).
        let mut text = match page.contains('\n') {
            true => String::new(),
            false => format!("page {page}\n"),
        };
        for (key, html) in blocks {
            if seen.insert(key) {
                text.push_str(&format!("{key} {}\n{html}", html.len()));
            }
        }
        let sum = sha256_hex(&[text.as_bytes()]);
        text.push_str(&format!("\n{SUM}{sum}\n"));
        // The cache file first (its directories with it), then the tag that marks the cache.
        if crate::write::create(file, text.as_bytes(), crate::write::new_file_permissions())
            .is_err()
        {
            return;
        }
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            let _ = fs::write(
                &tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n# folio's highlight cache: safe to delete, never deployed.\n",
            );
        }
    }

    /// After a run over the whole output `root`: removes the cache files no page of this run
    /// would read (the page is gone, or the file was made for other themes or another build of
    /// folio) and the folders left empty. Returns how many files it removed. Unreadable files
    /// are left; a file that cannot be removed is only disk space.
    pub fn prune(&self, root: &std::path::Path, themes: &str) -> usize {
        let top = self.dir.join("highlight");
        if !self.writable || !top.is_dir() {
            return 0;
        }
        let files: Vec<PathBuf> = walkdir::WalkDir::new(&top)
            .min_depth(2)
            .max_depth(2)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        let removed = files
            .par_iter()
            .filter(|file| {
                let Some(first) = first_line(file) else {
                    return false;
                };
                let keep = first.strip_prefix("page ").is_some_and(|name| {
                    self.file_of(themes, name) == **file && root.join(name).is_file()
                });
                !keep && fs::remove_file(file).is_ok()
            })
            .count();
        if let Ok(dirs) = fs::read_dir(&top) {
            for dir in dirs.flatten() {
                // Fails (and is meant to) unless the folder is empty.
                let _ = fs::remove_dir(dir.path());
            }
        }
        removed
    }
}

/// The last line of a cache file: its checksum.
const SUM: &str = "sum ";

/// A cache file's text without its checksum line, if the checksum is that of the text.
fn verified(text: &str) -> Option<&str> {
    let (body, last) = text.strip_suffix('\n')?.rsplit_once('\n')?;
    (last.strip_prefix(SUM)? == sha256_hex(&[body.as_bytes()])).then_some(body)
}

/// The first line of a file (up to 4 KiB), or None if it cannot be read.
fn first_line(file: &std::path::Path) -> Option<String> {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(4096);
    fs::File::open(file)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    Some(String::from_utf8_lossy(line).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn cache_keys_are_lower_hex_sha256() {
        // SHA-256 of "rust\0fn main() {}\0", as `sha256sum` prints it.
        let key = sha256_hex(&[b"rust", b"fn main() {}"]);
        let mut hash = Sha256::new();
        hash.update(b"rust\0fn main() {}\0");
        let expected: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(key, expected);
        assert_eq!(key.len(), 64);
    }
}
