//! URLs as pages hold them, in one place: the site's `base_url` ([`BaseUrl`]), whether a URL is
//! this site's and which file of the output it names, its host, and percent-decoding (with the
//! `percent-encoding` crate, which `folio serve` uses too).

use std::path::Path;

use percent_encoding::percent_decode_str;

/// One `/`-separated path segment with its `%XX` escapes decoded; None when an escape is not
/// two hex digits or the bytes are not UTF-8 (no file of the output has such a name).
pub fn decode_segment(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_owned());
    }
    let bytes = s.as_bytes();
    let well_formed = memchr::memchr_iter(b'%', bytes).all(|at| {
        bytes
            .get(at + 1..at + 3)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_decode_str(s).decode_utf8().ok().map(Into::into)
}

/// The site's `base_url`, split for resolving links.
#[derive(Debug, Default, Clone)]
pub struct BaseUrl {
    /// `scheme://host[:port]`, lower-cased, when base_url is absolute.
    origin: Option<String>,
    /// The path, starting and ending with `/`.
    path: String,
}

impl BaseUrl {
    pub fn parse(base: &str) -> Self {
        let base = base.trim();
        let (origin, path) = match base.split_once("://") {
            Some((scheme, rest)) => {
                let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
                let path = rest[end..].split(['?', '#']).next().unwrap_or("");
                (
                    Some(format!(
                        "{}://{}",
                        scheme.to_ascii_lowercase(),
                        rest[..end].to_ascii_lowercase()
                    )),
                    path.to_owned(),
                )
            }
            None if base.starts_with('/') => (None, base.to_owned()),
            None => (None, String::new()),
        };
        let mut path = path;
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Self { origin, path }
    }

    /// The path below the output root that `href` on a page in `dir` names, if it is this
    /// site's.
    pub fn resolve(&self, dir: &str, href: &str) -> Option<String> {
        let href = href.trim();
        let path = href.split(['?', '#']).next().unwrap_or("");
        let authority_path = |rest: &str| -> Option<String> {
            let end = rest.find('/').unwrap_or(rest.len());
            let origin = self.origin.as_deref()?;
            let own = origin.split_once("://").map_or(origin, |(_, a)| a);
            rest[..end]
                .eq_ignore_ascii_case(own)
                .then(|| rest[end..].to_owned())
        };
        let site_path = if let Some(rest) = path.strip_prefix("//") {
            authority_path(rest)?
        } else if let Some((scheme, rest)) = path.split_once("://") {
            if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
                return None;
            }
            authority_path(rest)?
        } else if path.starts_with('/') {
            path.to_owned()
        } else if path.contains(':') && !path.contains('/') || path.split('/').next()?.contains(':')
        {
            return None; // data:, mailto:, …
        } else {
            return normalize(dir, path);
        };
        let below = if self.path == "/" {
            site_path.strip_prefix('/')?
        } else {
            site_path.strip_prefix(&self.path)?
        };
        normalize("", below)
    }

    /// The URL of `rel` (below the output root) for a page in `dir`: root-relative under
    /// base_url's path when base_url is set (no origin: the site may be served from another one,
    /// as with `zola build --base-url`), else relative to the page.
    pub fn url_for(&self, dir: &str, rel: &str) -> String {
        match &self.origin {
            Some(_) => format!("{}{rel}", self.path),
            None if self.path != "/" => format!("{}{rel}", self.path),
            None => {
                let depth = dir.split('/').filter(|s| !s.is_empty()).count();
                format!("{}{rel}", "../".repeat(depth))
            }
        }
    }
}

/// `path` below `root` with `/` separators.
pub fn rel_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// The directory of the page `file` below `root`, `/`-separated, empty at the root.
pub fn page_dir(root: &Path, file: &Path) -> String {
    file.parent()
        .and_then(|dir| rel_path(root, dir))
        .unwrap_or_default()
}

/// Joins the `/`-separated relative `path` to `dir`, resolving `.` and `..` and
/// percent-escapes; `None` if it climbs above the root.
pub fn normalize(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<String> = dir
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(decode_segment(s)?),
        }
    }
    Some(parts.join("/"))
}

/// The file in `root` that `url`, found in the page `page_file`, refers to; `None` for URLs to
/// other sites, other schemes (`data:`, `mailto:`) and paths that escape the output directory.
pub fn local_file(
    url: &str,
    page_file: &Path,
    root: &Path,
    base_url: &str,
) -> Option<std::path::PathBuf> {
    let rel = BaseUrl::parse(base_url).resolve(&page_dir(root, page_file), url)?;
    (!rel.is_empty()).then(|| root.join(rel))
}

/// The lower-cased host of an absolute `http(s)://` or scheme-relative `//` URL. Browsers read
/// a backslash there as a slash (`\\host`, `https:\\host`), so this does too.
pub fn host_of(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = ["https:", "http:", ""].iter().find_map(|scheme| {
        let rest = strip_prefix_ignore_case(url, scheme)?;
        let slashes = rest.as_bytes().get(..2)?;
        slashes
            .iter()
            .all(|b| matches!(b, b'/' | b'\\'))
            .then(|| &rest[2..])
    })?;
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]"))?
    } else {
        host_port.split(':').next().unwrap_or("").to_owned()
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// `s` without `prefix` (ASCII), compared without case; None when `s` does not start with it.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.as_bytes().get(..prefix.len())?;
    // An ASCII prefix matched means its end is a character boundary.
    head.eq_ignore_ascii_case(prefix.as_bytes())
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn resolves_links_of_this_site() {
        let b = BaseUrl::parse("https://Site.example/sub");
        assert_eq!(
            b.resolve("", "https://site.example/sub/a.css?v=1")
                .as_deref(),
            Some("a.css")
        );
        assert_eq!(
            b.resolve("", "//site.example/sub/x/a.css").as_deref(),
            Some("x/a.css")
        );
        assert_eq!(b.resolve("", "https://other.example/sub/a.css"), None);
        assert_eq!(b.resolve("", "/sub/a%20b.css").as_deref(), Some("a b.css"));
        assert_eq!(b.resolve("", "/a.css"), None);
        assert_eq!(
            b.resolve("blog/post", "../../a.css").as_deref(),
            Some("a.css")
        );
        assert_eq!(b.resolve("blog", "../../a.css"), None);
        assert_eq!(b.resolve("", "data:text/css,a"), None);
        let root = BaseUrl::parse("https://site.example");
        assert_eq!(root.resolve("", "/a.css").as_deref(), Some("a.css"));
        assert_eq!(
            BaseUrl::parse("").resolve("x", "a.css").as_deref(),
            Some("x/a.css")
        );
    }

    #[test]
    fn urls_for_inserted_links() {
        assert_eq!(
            BaseUrl::parse("https://site.example/sub/").url_for("a/b", "h.css"),
            "/sub/h.css"
        );
        assert_eq!(BaseUrl::parse("").url_for("a/b", "h.css"), "../../h.css");
        assert_eq!(BaseUrl::parse("/sub").url_for("a", "h.css"), "/sub/h.css");
    }

    #[test]
    fn base_paths() {
        let path = |base| BaseUrl::parse(base).path;
        assert_eq!(path("https://a.org"), "/");
        assert_eq!(path("https://a.org/"), "/");
        assert_eq!(path("https://a.org/site"), "/site/");
        assert_eq!(path("/"), "/");
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
    #[test]
    fn segments_decode_once_and_refuse_what_names_no_file() {
        assert_eq!(decode_segment("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode_segment("%C3%BCber").as_deref(), Some("über"));
        assert_eq!(decode_segment("über").as_deref(), Some("über"));
        assert_eq!(decode_segment("%2541").as_deref(), Some("%41"));
        assert_eq!(decode_segment("a%zzb"), None);
        assert_eq!(decode_segment("a%é"), None);
        assert_eq!(decode_segment("a%"), None);
        assert_eq!(decode_segment("%FF"), None);
    }
}
