//! Where a `folio serve` request leads: its target (`/blog/a%20b/?q=1`) mapped to a file below
//! the served directory, a redirect to a directory's URL with its trailing slash, the build
//! number, or nothing.
//!
//! Every way out of the directory is refused: `.` and `..` segments in any encoding or case,
//! backslashes, NUL and other control characters, segments that name a drive or a root,
//! symbolic links that lead outside, and every file or directory whose name starts with a dot
//! (`.env`, `.git/`, `.folio-cache/`). Each segment is percent-decoded once, after the path is
//! split, so `%2f` never becomes a separator and `%252e` stays the literal name `%2e`. A
//! redirect is built from the decoded segments, re-encoded: it always starts with a single `/`
//! (`//blog` leads to `/blog/`, never to the host `blog`). Directories are never listed.

use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// The path pages poll for the build number (what makes them reload).
pub const BUILD_PATH: &str = "/__folio/build";

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A regular file below the served directory (its canonical path).
    File(PathBuf),
    /// A directory named without its trailing slash: redirect to this URL path.
    Redirect(String),
    /// The build number.
    Build,
    /// Nothing to serve (or nothing this server will serve).
    NotFound,
    /// Not a path: the absolute form (`http://host/x`), `*`, or control characters.
    BadRequest,
}

/// What a segment of a redirect's `Location` has percent-encoded (besides non-ASCII).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Maps a request target to what to send, never outside `root`.
pub fn resolve(root: &Path, target: &str) -> Target {
    // The origin form only (`/path?query`), printable throughout.
    if !target.starts_with('/') || target.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Target::BadRequest;
    }
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or_default();
    let Some(segments) = segments(path) else {
        return Target::NotFound;
    };
    if segments.len() == 2 && format!("/{}/{}", segments[0], segments[1]) == BUILD_PATH {
        return Target::Build;
    }
    let Ok(base) = root.canonicalize() else {
        return Target::NotFound;
    };
    let wanted = segments.iter().fold(base.clone(), |path, s| path.join(s));
    let Some(found) = inside(&base, &wanted) else {
        return Target::NotFound;
    };
    if found.is_dir() {
        if !path.ends_with('/') {
            return Target::Redirect(location(&segments, query));
        }
        return match inside(&base, &found.join("index.html")) {
            Some(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if found.is_file() {
        Target::File(found)
    } else {
        Target::NotFound
    }
}

/// The decoded, checked segments of a URL path (empty ones dropped: `//a` is `/a`); `None`
/// when one is not a plain name this server serves.
fn segments(path: &str) -> Option<Vec<String>> {
    path.split('/')
        .filter(|raw| !raw.is_empty())
        .map(|raw| {
            let name = percent_decode_str(raw).decode_utf8().ok()?;
            plain_name(&name).then(|| name.into_owned())
        })
        .collect()
}

/// A file name that stays where it is put: no separator, no control character, no leading
/// dot (`.`, `..` and hidden files), and one ordinary path component on this platform (not a
/// drive or a root).
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
        && matches!(
            Path::new(name).components().collect::<Vec<_>>()[..],
            [Component::Normal(n)] if n == name
        )
}

/// `path` with its symbolic links resolved, when that is still below `base` (canonical) and
/// no part of it below `base` starts with a dot (a link may lead to a hidden file).
fn inside(base: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    let below = real.strip_prefix(base).ok()?;
    below
        .components()
        .all(|c| matches!(c, Component::Normal(n) if !n.as_encoded_bytes().starts_with(b".")))
        .then_some(real)
}

/// The URL of the directory `segments` name, with its trailing slash and the query kept.
fn location(segments: &[String], query: Option<&str>) -> String {
    let mut url = String::new();
    for segment in segments {
        url.push('/');
        url.extend(utf8_percent_encode(segment, SEGMENT));
    }
    url.push('/');
    if let Some(query) = query {
        url.push('?');
        url.extend(utf8_percent_encode(query, CONTROLS));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A served directory `out/` with a home page, a blog, a directory without an index,
    /// hidden files, and secrets beside it.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        for sub in [
            "blog/a b",
            "empty",
            ".git",
            "evil.example/blog",
            ".folio-cache",
        ] {
            fs::create_dir_all(root.join(sub)).unwrap();
        }
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join("blog/index.html"), "blog").unwrap();
        fs::write(root.join("blog/a b/index.html"), "post").unwrap();
        fs::write(root.join("evil.example/blog/index.html"), "x").unwrap();
        fs::write(root.join("empty/note.txt"), "x").unwrap();
        fs::write(root.join(".env"), "SECRET=1").unwrap();
        fs::write(root.join(".git/config"), "[core]").unwrap();
        fs::write(root.join(".folio-cache/x"), "x").unwrap();
        fs::write(root.join("%2e%2e"), "a file named so").unwrap();
        fs::write(dir.path().join("secret.txt"), "no").unwrap();
        fs::write(dir.path().join("config.toml"), "no").unwrap();
        (dir, root)
    }

    fn file(root: &Path, rel: &str) -> Target {
        Target::File(root.canonicalize().unwrap().join(rel))
    }

    #[test]
    fn paths_map_to_files_below_the_root() {
        let (_dir, root) = site();
        assert_eq!(resolve(&root, "/"), file(&root, "index.html"));
        assert_eq!(resolve(&root, "/index.html"), file(&root, "index.html"));
        assert_eq!(resolve(&root, "//index.html"), file(&root, "index.html"));
        assert_eq!(
            resolve(&root, "/blog/a%20b/?x=1#top"),
            file(&root, "blog/a b/index.html")
        );
        assert_eq!(resolve(&root, "/%62log/"), file(&root, "blog/index.html"));
        // Decoded once: `%252e%252e` is the file literally named `%2e%2e`.
        assert_eq!(resolve(&root, "/%252e%252e"), file(&root, "%2e%2e"));
        assert_eq!(resolve(&root, "/__folio/build"), Target::Build);
        assert_eq!(resolve(&root, "//__folio//build?x"), Target::Build);
        // No listing of a directory without an index.
        assert_eq!(resolve(&root, "/empty/"), Target::NotFound);
        assert_eq!(
            resolve(&root, "/empty/note.txt"),
            file(&root, "empty/note.txt")
        );
    }

    #[test]
    fn redirects_start_with_one_slash_whatever_the_request() {
        let (_dir, root) = site();
        for (asked, to) in [
            ("/blog", "/blog/"),
            ("//blog", "/blog/"),
            ("///blog", "/blog/"),
            ("//blog?x=1", "/blog/?x=1"),
            ("/%62log", "/blog/"),
            ("/blog/a%20b", "/blog/a%20b/"),
            ("//evil.example/blog", "/evil.example/blog/"),
            ("//evil.example//blog?a=%2F", "/evil.example/blog/?a=%2F"),
        ] {
            assert_eq!(
                resolve(&root, asked),
                Target::Redirect(to.into()),
                "{asked}"
            );
        }
        for asked in [
            "/%2fblog",
            "/%5cblog",
            "/\\blog",
            "/%2f%2fblog",
            "/%09/blog",
        ] {
            assert!(
                !matches!(resolve(&root, asked), Target::Redirect(_)),
                "{asked}"
            );
        }
    }

    /// Every traversal form tried on the server by hand; none may reach a file outside.
    const TRAVERSALS: &[&str] = &[
        "/../secret.txt",
        "/..",
        "/blog/../../secret.txt",
        "/blog/../index.html",
        "/./index.html",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2e%2e%2Fsecret.txt",
        "/blog%2f..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/%25%32%65%25%32%65/secret.txt",
        "/..%5csecret.txt",
        "/..%5Csecret.txt",
        "/..\\secret.txt",
        "/blog\\..\\..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%ff",
        "/%00",
        "/index.html%00",
        "/index.html%00.txt",
        "/..%00/secret.txt",
        "/%2fetc%2fpasswd",
        "/%2Fetc/passwd",
        "/etc/passwd",
        "//etc/passwd",
        "/C:%5cWindows",
        "/c:/secret.txt",
    ];

    #[test]
    fn traversal_in_every_form_finds_nothing() {
        let (dir, root) = site();
        let outside = dir.path().canonicalize().unwrap();
        for bad in TRAVERSALS {
            let got = resolve(&root, bad);
            match &got {
                Target::NotFound | Target::BadRequest => {}
                Target::File(f) => assert!(
                    f.starts_with(root.canonicalize().unwrap()) && f.ends_with("index.html"),
                    "{bad}: {got:?}"
                ),
                _ => panic!("{bad}: {got:?}"),
            }
            if let Target::File(f) = got {
                assert_ne!(f.parent(), Some(outside.as_path()), "{bad}");
            }
        }
        // The request forms that are not a path at all.
        for bad in [
            "x",
            "",
            "*",
            "http://evil.example/index.html",
            "\\index.html",
            "/a\tb",
            "/a\x7f",
        ] {
            assert_eq!(resolve(&root, bad), Target::BadRequest, "{bad:?}");
        }
    }

    #[test]
    fn hidden_files_and_directories_are_never_served() {
        let (_dir, root) = site();
        for bad in [
            "/.env",
            "/%2eenv",
            "/%2Eenv",
            "/.git/config",
            "/.git/",
            "/.git",
            "/%2egit/config",
            "/.folio-cache/x",
            "/blog/.hidden",
        ] {
            assert_eq!(resolve(&root, bad), Target::NotFound, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed_only_inside_the_root() {
        use std::os::unix::fs::symlink;
        let (dir, root) = site();
        symlink(dir.path().join("secret.txt"), root.join("out-link")).unwrap();
        symlink(dir.path(), root.join("out-dir")).unwrap();
        symlink("/etc/passwd", root.join("passwd")).unwrap();
        symlink(root.join("index.html"), root.join("home.html")).unwrap();
        symlink(root.join(".env"), root.join("env.txt")).unwrap();
        symlink(root.join("blog"), root.join("posts")).unwrap();
        fs::create_dir(root.join("linked")).unwrap();
        symlink(
            dir.path().join("secret.txt"),
            root.join("linked/index.html"),
        )
        .unwrap();
        for bad in [
            "/out-link",
            "/out-dir/secret.txt",
            "/out-dir/",
            "/out-dir",
            "/passwd",
            "/env.txt",
            "/linked/",
        ] {
            assert_eq!(resolve(&root, bad), Target::NotFound, "{bad}");
        }
        assert_eq!(resolve(&root, "/home.html"), file(&root, "index.html"));
        assert_eq!(resolve(&root, "/posts/"), file(&root, "blog/index.html"));
        assert_eq!(resolve(&root, "/posts"), Target::Redirect("/posts/".into()));
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_served() {
        let (_dir, root) = site();
        let made = std::process::Command::new("mkfifo")
            .arg(root.join("pipe"))
            .status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(resolve(&root, "/pipe"), Target::NotFound);
        }
    }
}
