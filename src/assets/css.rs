//! Stylesheets through lightningcss (one exact pinned version): minified and prefixed for the
//! configured browsers; and the content-hash names and SRI values of the results.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use base64::Engine as _;
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::Browsers;
/// The browsers stylesheets are prefixed and lowered for (see [`targets`]).
pub use lightningcss::targets::Targets;
use sha2::{Digest, Sha384};

/// Hex digits of the content hash in a fingerprinted file name (`name.0123456789abcdef.css`).
pub const HASH_LEN: usize = 16;

/// Resolves browserslist queries (e.g. `["chrome >= 109", "firefox >= 121"]`) to targets.
pub fn targets(queries: &[String]) -> Result<Targets, String> {
    if queries.is_empty() {
        return Ok(Targets::default());
    }
    let browsers = Browsers::from_browserslist(queries).map_err(|e| {
        format!("[extra.folio.css] targets: {e} (expected browserslist queries such as \"chrome >= 109\" or \"defaults\")")
    })?;
    Ok(Targets::from(browsers))
}

/// Blocks, brackets and parentheses nested deeper than this are not given to lightningcss,
/// whose recursive parser would overflow the stack (no real stylesheet nests a tenth as deep).
pub const MAX_DEPTH: usize = 256;

/// The most time one stylesheet may take: lightningcss's rule merging is slow on some inputs
/// (many thousand identical rules), and one file must not hold up a whole build.
pub const TIME_BUDGET: Duration = Duration::from_secs(10);

/// Minifies and prefixes `css`. The error names the file, line and column lightningcss gave,
/// or says that the sheet nests too deep or took longer than [`TIME_BUDGET`].
pub fn minify(css: &str, filename: &str, targets: Targets) -> Result<String, String> {
    if let Some(line) = too_deep(css) {
        return Err(format!(
            "{filename}:{line}: nested more than {MAX_DEPTH} deep"
        ));
    }
    // On a thread of its own: with a stack for any nesting below the bound, a time budget, and
    // a panic in lightningcss caught as an error. A thread past its budget is left to finish
    // on its own; its result is dropped.
    let (send, receive) = mpsc::channel();
    let (text, name) = (css.to_owned(), filename.to_owned());
    let spawned = thread::Builder::new()
        .name("folio-css".into())
        .stack_size(64 << 20)
        .spawn(move || {
            let result = crate::guard::catch(|| minify_now(&text, &name, targets));
            let _ = send.send(result);
        });
    if let Err(e) = spawned {
        return Err(format!("{filename}: cannot start a thread for it: {e}"));
    }
    match receive.recv_timeout(TIME_BUDGET) {
        Ok(Ok(result)) => result,
        Ok(Err(bug)) => Err(format!("{filename}: lightningcss failed on it ({bug})")),
        Err(_) => Err(format!(
            "{filename}: took more than {} s to minify",
            TIME_BUDGET.as_secs()
        )),
    }
}

/// The line where `css` first nests more than [`MAX_DEPTH`] deep (strings and comments
/// skipped), if it does.
fn too_deep(css: &str) -> Option<usize> {
    let bytes = css.as_bytes();
    let (mut depth, mut line, mut i) = (0usize, 1usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => line += 1,
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(line);
                }
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            b'\\' => i += 1,
            b'"' | b'\'' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 1,
                        b'\n' => line += 1,
                        _ if c == b => break,
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = memchr::memmem::find(&bytes[i + 2..], b"*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 1);
                line += memchr::memchr_iter(b'\n', &bytes[i..end.min(bytes.len())]).count();
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn minify_now(css: &str, filename: &str, targets: Targets) -> Result<String, String> {
    let options = ParserOptions {
        filename: filename.to_owned(),
        ..ParserOptions::default()
    };
    let mut sheet = StyleSheet::parse(css, options).map_err(|e| located(filename, &e))?;
    sheet
        .minify(MinifyOptions {
            targets,
            ..MinifyOptions::default()
        })
        .map_err(|e| located(filename, &e))?;
    let out = sheet
        .to_css(PrinterOptions {
            minify: true,
            targets,
            ..PrinterOptions::default()
        })
        .map_err(|e| located(filename, &e))?;
    Ok(out.code)
}

fn located<T: std::fmt::Display>(filename: &str, e: &lightningcss::error::Error<T>) -> String {
    match &e.loc {
        Some(loc) => format!("{filename}:{}:{}: {}", loc.line + 1, loc.column, e.kind),
        None => format!("{filename}: {}", e.kind),
    }
}

/// The hex content hash used in file names (the first bytes of the SHA-384 the SRI value uses).
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    digest[..HASH_LEN / 2]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The Subresource Integrity value of `bytes`: `sha384-` and the base64 digest.
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// `stem.ext` with the hash of `bytes`: `stem.HASH.ext`.
pub fn fingerprinted_name(name: &str, bytes: &[u8]) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "css"));
    format!("{stem}.{}.{ext}", content_hash(bytes))
}

/// Splits `stem.HASH.ext` into `(stem, HASH)` when the name has that shape.
pub fn split_fingerprint(name: &str) -> Option<(&str, &str)> {
    let (rest, _ext) = name.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    (!stem.is_empty()
        && hash.len() == HASH_LEN
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    .then_some((stem, hash))
}

/// Whether `name` is `stem.HASH.ext` with HASH the hash of `bytes`: a file this phase wrote.
pub fn is_fingerprinted(name: &str, bytes: &[u8]) -> bool {
    split_fingerprint(name).is_some_and(|(_, hash)| hash == content_hash(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minifies_and_prefixes() {
        let t = targets(&["safari >= 13".into()]).unwrap();
        let out = minify(
            ".a {\n  user-select: none;\n  color: #ff0000;\n}\n",
            "a.css",
            t,
        )
        .unwrap();
        assert_eq!(
            out,
            ".a{-webkit-user-select:none;user-select:none;color:red}"
        );
    }

    #[test]
    fn reports_where_parsing_failed() {
        let err = minify(
            "a { color: red; }\n@media (min-width: { }",
            "bad.css",
            Targets::default(),
        )
        .unwrap_err();
        assert!(err.starts_with("bad.css:2:"), "{err}");
    }

    /// Nesting deeper than any real stylesheet is refused with its line, not a stack overflow;
    /// nesting as deep as real ones goes through.
    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("a {{\n{}", "b { ".repeat(1000));
        let err = minify(&deep, "deep.css", Targets::default()).unwrap_err();
        assert_eq!(
            err,
            format!("deep.css:2: nested more than {MAX_DEPTH} deep")
        );
        let parens = format!(
            "a {{ width: {}1px{} }}",
            "calc(".repeat(5000),
            ")".repeat(5000)
        );
        assert!(minify(&parens, "p.css", Targets::default()).is_err());
        // Braces in strings and comments do not count.
        let quoted = format!(
            "a::after {{ content: \"{}\" }} /* {} */",
            "{".repeat(1000),
            "(".repeat(1000)
        );
        assert!(minify(&quoted, "q.css", Targets::default()).is_ok());
        let nested = format!(
            "{}a{{color:red}}{}",
            "@media screen { ".repeat(20),
            "}".repeat(20)
        );
        assert!(minify(&nested, "n.css", Targets::default()).is_ok());
    }

    #[test]
    fn fingerprint_names() {
        let name = fingerprinted_name("folio.css", b"a{}");
        assert!(is_fingerprinted(&name, b"a{}"), "{name}");
        assert!(!is_fingerprinted(&name, b"b{}"));
        assert!(!is_fingerprinted("folio.css", b"a{}"));
        assert_eq!(
            split_fingerprint("x.y.0123456789abcdef.css"),
            Some(("x.y", "0123456789abcdef"))
        );
        assert_eq!(
            integrity(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }

    #[test]
    fn bad_queries_are_errors() {
        assert!(targets(&["not a browser >= x".into()]).is_err());
    }
}
