//! One stylesheet of the output: recognised as an earlier run's, or minified and fingerprinted
//! (or minified in place), or left and reported; and the stylesheet names that hrefs and texts
//! mention.

use std::fs;
use std::path::Path;

use super::{Sheet, Target, css};
use crate::outcome::Outcome;
use crate::report::Report;
use crate::url::{normalize, rel_path};

/// One stylesheet: recognised as an earlier run's output, or minified and fingerprinted (or
/// minified in place), or left and reported. Also returns the stylesheet names it mentions.
pub(super) fn process_sheet(
    root: &Path,
    path: &Path,
    targets: lightningcss::targets::Targets,
    fingerprint: bool,
    highlight_plain: Option<&str>,
    check: bool,
    report: &Report,
) -> (Option<Sheet>, Vec<String>) {
    let Some(rel) = rel_path(root, path) else {
        return (None, Vec::new());
    };
    if highlight_plain == Some(rel.as_str()) {
        return (None, Vec::new()); // generated: handled by prepare and finish
    }
    let (bytes, permissions, read) = match crate::write::read(path) {
        Ok(read) => read,
        Err(e) => {
            report.warn(format!("{}: cannot read: {e}", path.display()));
            return (
                Some(Sheet::Done((
                    path.into(),
                    Outcome::Failed(format!("cannot read: {e}")),
                ))),
                Vec::new(),
            );
        }
    };
    let name = file_name(path).to_owned();
    let Ok(text) = std::str::from_utf8(&bytes) else {
        report.warn(format!(
            "{}: not UTF-8: stylesheet left as it is",
            path.display()
        ));
        return (
            Some(Sheet::Done((path.into(), Outcome::Unchanged))),
            Vec::new(),
        );
    };
    let mentioned: Vec<String> = css_names(text)
        .filter(|n| *n != name)
        .map(str::to_owned)
        .collect();
    if fingerprint && css::is_fingerprinted(&name, &bytes) {
        let target = Target {
            from: name.clone(),
            name,
            integrity: css::integrity(&bytes),
        };
        return (Some(Sheet::Fingerprinted { rel, target }), mentioned);
    }
    let minified = match css::minify(text, &rel, targets) {
        Ok(css) => css.into_bytes(),
        Err(e) => {
            report.warn(format!(
                "{e}: this stylesheet is left as it is and links to it are not changed"
            ));
            return (
                Some(Sheet::Done((path.into(), Outcome::Unchanged))),
                mentioned,
            );
        }
    };
    if !fingerprint {
        let outcome = if minified == bytes {
            Outcome::Unchanged
        } else if check {
            Outcome::WouldChange
        } else {
            // Replaced only if it is still the file read (another program may write it).
            match crate::write::replace(path, &minified, permissions, &read) {
                Ok(()) => Outcome::Changed,
                Err(e) => Outcome::Failed(e),
            }
        };
        return (Some(Sheet::Done((path.into(), outcome))), mentioned);
    }
    let new_name = css::fingerprinted_name(&name, &minified);
    let copy = path.with_file_name(&new_name);
    let outcome = if fs::read(&copy).ok().as_deref() == Some(minified.as_slice()) {
        Outcome::Unchanged
    } else if check {
        Outcome::WouldChange
    } else {
        match write_new(&copy, &minified, Some(path)) {
            Ok(()) => Outcome::Changed,
            Err(e) => Outcome::Failed(e),
        }
    };
    if let Outcome::Failed(_) = outcome {
        return (Some(Sheet::Done((copy, outcome))), mentioned);
    }
    let target = Target {
        from: name,
        name: new_name,
        integrity: css::integrity(&minified),
    };
    (
        Some(Sheet::Replaced {
            rel,
            source: path.to_path_buf(),
            target,
            copy: (copy, outcome),
        }),
        mentioned,
    )
}

/// Writes `bytes` to `path` through a temporary file in the same directory, with the
/// permissions of `like` (or the default for new files).
pub(super) fn write_new(path: &Path, bytes: &[u8], like: Option<&Path>) -> Result<(), String> {
    let perms = match like.and_then(|l| fs::metadata(l).ok()) {
        Some(meta) => meta.permissions(),
        None => crate::write::new_file_permissions(),
    };
    crate::write::create(path, bytes, perms)
}

pub(super) fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// A configured path below the output root, normalised; `None` if it leaves the root.
pub(super) fn relative_path(path: &str) -> Option<String> {
    normalize("", path.trim_start_matches('/')).filter(|p| !p.is_empty())
}

/// `name` in the directory of the `/`-separated path `rel`.
pub(super) fn sibling(rel: &str, name: &str) -> String {
    match rel.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_owned(),
    }
}

pub(super) fn is_absolute(href: &str) -> bool {
    href.starts_with("//") || href.contains("://")
}

/// `href` with its file name replaced by the target's (query and fragment kept).
pub(super) fn replace_file_name(href: &str, target: &Target) -> String {
    let href = href.trim();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    let (path, suffix) = href.split_at(end);
    let start = path.rfind('/').map_or(0, |i| i + 1);
    let segment = &path[start..];
    let new_segment = if segment == target.from {
        target.name.clone()
    } else {
        // Percent-escaped: keep the escaped stem, change what follows it.
        let from_stem = target
            .from
            .rsplit_once('.')
            .map_or(&*target.from, |(s, _)| s);
        let seg_stem = segment.rsplit_once('.').map_or(segment, |(s, _)| s);
        match target.name.strip_prefix(from_stem) {
            Some(rest) => format!("{seg_stem}{rest}"),
            None => target.name.clone(),
        }
    };
    format!("{}{new_segment}{suffix}", &path[..start])
}

/// The stylesheet file names (`….css`) a text mentions: the characters before each `.css`
/// back to a URL or markup delimiter.
pub(super) fn css_names(text: &str) -> impl Iterator<Item = &str> {
    memchr::memmem::find_iter(text.as_bytes(), b".css").filter_map(move |at| {
        let end = at + 4;
        if text[end..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return None;
        }
        let start = text[..at]
            .rfind(|c: char| {
                matches!(
                    c,
                    '/' | '\\' | '"' | '\'' | '(' | ')' | '=' | '<' | '>' | ',' | ';' | '`'
                ) || c.is_whitespace()
            })
            .map_or(0, |i| i + 1);
        (start < at).then(|| &text[start..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_in_hrefs() {
        let t = Target {
            from: "my style.css".into(),
            name: "my style.0123456789abcdef.css".into(),
            integrity: String::new(),
        };
        assert_eq!(
            replace_file_name("/x/my%20style.css?v=2#a", &t),
            "/x/my%20style.0123456789abcdef.css?v=2#a"
        );
        let t = Target {
            from: "a.css".into(),
            name: "a.0123456789abcdef.css".into(),
            integrity: String::new(),
        };
        assert_eq!(replace_file_name("a.css", &t), "a.0123456789abcdef.css");
    }

    #[test]
    fn stylesheet_names_in_text() {
        let names: Vec<_> =
            css_names(r#"<link href="/a/folio.css"> @import url(x.css); 'y.css?v=1' z.cssx .css"#)
                .collect();
        assert_eq!(names, ["folio.css", "x.css", "y.css"]);
    }
}
