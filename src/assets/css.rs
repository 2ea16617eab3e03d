//! Stylesheets through lightningcss (one exact pinned version): minified and prefixed for the
//! configured browsers; and the content-hash names and SRI values of the results.

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

/// Minifies and prefixes `css`. The error names the file, line and column lightningcss gave.
pub fn minify(css: &str, filename: &str, targets: Targets) -> Result<String, String> {
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
