//! Maps a URL found in a page to the file it names in the output directory.
//!
//! Zola writes absolute URLs (`https://site.example/img/a.jpg`, with the `base_url` path as a
//! prefix when the site lives below the host's root); pages written by hand use root-relative or
//! page-relative URLs. All three resolve here; URLs to other hosts do not.

use std::path::{Path, PathBuf};

/// The path part of `base_url` (`https://h.example/site/` → `/site/`), always ending with `/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, p)| p)
    });
    let trimmed = after_scheme.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// The file in `root` that `url`, found in the page `page_file`, refers to; `None` for URLs to
/// other sites, data URLs and paths that escape the output directory.
pub fn local_file(url: &str, page_file: &Path, root: &Path, base_url: &str) -> Option<PathBuf> {
    let url = url.trim();
    let url = url.split(['?', '#']).next().unwrap_or("");
    if url.is_empty() || url.starts_with("data:") {
        return None;
    }
    let site_path = if let Some(rest) = url
        .strip_prefix("//")
        .or_else(|| url.split_once("://").map(|(_, r)| r))
    {
        // Absolute: only the site's own host.
        let own = base_url.split_once("://").map_or(base_url, |(_, r)| r);
        let own_host = own.split('/').next().unwrap_or("");
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if own_host.is_empty() || !host.eq_ignore_ascii_case(own_host) {
            return None;
        }
        format!("/{path}")
    } else if url.starts_with('/') {
        url.to_owned()
    } else if url.contains(':') && !url.starts_with('.') {
        return None; // another scheme (mailto:, tel:, …)
    } else {
        // Relative to the page's directory.
        let dir = page_file.parent()?.strip_prefix(root).ok()?;
        let dir = dir.to_string_lossy().replace('\\', "/");
        return join_checked(root, &format!("{dir}/{url}"));
    };
    let base = base_path(base_url);
    let inside = site_path
        .strip_prefix(base.as_str())
        .or_else(|| site_path.strip_prefix('/'))?;
    join_checked(root, inside)
}

/// Joins a `/`-separated, percent-encoded path under `root`, refusing `..` that climbs out.
fn join_checked(root: &Path, path: &str) -> Option<PathBuf> {
    let mut parts: Vec<String> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(percent_decode(p)),
        }
    }
    let mut out = root.to_path_buf();
    out.extend(parts);
    Some(out)
}

/// Decodes `%XX` escapes (invalid ones are kept as written).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://a.org"), "/");
        assert_eq!(base_path("https://a.org/"), "/");
        assert_eq!(base_path("https://a.org/site"), "/site/");
        assert_eq!(base_path("/"), "/");
    }

    #[test]
    fn resolves_absolute_root_relative_and_relative_urls() {
        let root = Path::new("/out");
        let page = Path::new("/out/blog/post/index.html");
        let base = "https://me.example/site/";
        assert_eq!(
            local_file(
                "https://me.example/site/img/a%20b.jpg?v=1",
                page,
                root,
                base
            ),
            Some(PathBuf::from("/out/img/a b.jpg"))
        );
        assert_eq!(
            local_file("/site/img/a.jpg", page, root, base),
            Some(PathBuf::from("/out/img/a.jpg"))
        );
        assert_eq!(
            local_file("pic.png", page, root, base),
            Some(PathBuf::from("/out/blog/post/pic.png"))
        );
        assert_eq!(
            local_file("../../x.png", page, root, base),
            Some(PathBuf::from("/out/x.png"))
        );
        assert_eq!(local_file("../../../x.png", page, root, base), None);
        assert_eq!(
            local_file("https://other.org/a.jpg", page, root, base),
            None
        );
        assert_eq!(
            local_file("data:image/png;base64,xx", page, root, base),
            None
        );
    }
}
