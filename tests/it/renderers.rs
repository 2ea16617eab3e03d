//! The build-time renderers of `folio rewrite`: code highlighting, math to MathML, and
//! stylesheets minified and fingerprinted with SRI. Inputs in tests/renderers/.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use folio::config::Config;
use folio::engine::{self, Options, Outcome, Summary};
use sha2::{Digest, Sha384};

use common::copy_tree;

const INPUTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/renderers");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/demo");

fn config(root: &Path) -> Config {
    let mut config = Config::defaults_for(root);
    config.base_url = "https://site.example/".into();
    config
}

/// A temporary directory holding `out/` (the site) with the given inputs copied in; the
/// highlight cache goes beside `out/`.
fn site(inputs: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("out");
    fs::create_dir_all(&root).unwrap();
    for name in inputs {
        let from = Path::new(INPUTS).join(name);
        if from.is_dir() {
            copy_tree(&from, &root);
        } else {
            fs::copy(&from, root.join(name)).unwrap();
        }
    }
    (dir, root)
}

fn run(root: &Path, config: &Config) -> Summary {
    let summary = engine::run(root, config, &Options::default()).unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.files);
    summary
}

fn check(root: &Path, config: &Config) -> Summary {
    engine::run(
        root,
        config,
        &Options {
            check: true,
            ..Options::default()
        },
    )
    .unwrap()
}

fn read(path: impl AsRef<Path>) -> String {
    fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// The file names in `dir` matching `stem.*.css`.
fn fingerprinted(dir: &Path, stem: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| {
            n.strip_prefix(stem)
                .and_then(|r| r.strip_prefix('.'))
                .and_then(|r| r.strip_suffix(".css"))
                .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    names.sort();
    names
}

/// The SRI value of a file, computed here.
fn sri(path: &Path) -> String {
    let digest = Sha384::digest(fs::read(path).unwrap());
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The `<link …>` tags of a page whose href contains `needle`.
fn links<'a>(html: &'a str, needle: &str) -> Vec<&'a str> {
    html.match_indices("<link ")
        .map(|(at, _)| &html[at..at + html[at..].find('>').unwrap() + 1])
        .filter(|l| l.contains(needle))
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// Text content of an HTML fragment: tags dropped, the references syntect writes decoded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The inner HTML of every `<pre><code …>` block, in order.
fn blocks(html: &str) -> Vec<&str> {
    html.match_indices("<pre")
        .map(|(at, _)| {
            let code = at + html[at..].find("<code").unwrap();
            let start = code + html[code..].find('>').unwrap() + 1;
            &html[start..start + html[start..].find("</code></pre>").unwrap()]
        })
        .collect()
}

// ------------------------------------------------------------------------------- highlighting

#[test]
fn code_blocks_are_highlighted() {
    let (_dir, root) = site(&["code.html"]);
    let summary = run(&root, &config(&root));
    let input = read(Path::new(INPUTS).join("code.html"));
    let out = read(root.join("code.html"));
    let (before, after) = (blocks(&input), blocks(&out));
    assert_eq!(before.len(), after.len());

    // Block 6 names its language on the `pre` (Prism's way).
    for i in 0..7 {
        assert!(
            after[i].starts_with(r#"<span class="hl-code">"#) && after[i].ends_with("</span>"),
            "block {i}: {}",
            after[i]
        );
        // The grammar gave its tokens several colours in each palette.
        let colours = |which: &str| {
            let mut found: Vec<&str> = after[i]
                .match_indices(which)
                .map(|(at, _)| {
                    let rest = &after[i][at..];
                    &rest[..rest.find([' ', '"']).unwrap()]
                })
                .collect();
            found.sort();
            found.dedup();
            found.len()
        };
        assert!(
            colours("hl-l") >= 2 && colours("hl-d") >= 2,
            "block {i}: {}",
            after[i]
        );
        // Decoded before highlighting, escaped after: the same text reaches the reader.
        assert_eq!(text_of(after[i]), text_of(before[i]), "block {i}");
    }
    // Rust's `fn` and `let` are keywords: the same classes.
    let class_of = |html: &str, word: &str| {
        let end = html.find(&format!(">{word}")).unwrap();
        let start = html[..end].rfind("class=\"").unwrap() + 7;
        html[start..end - 1].to_owned()
    };
    assert_eq!(class_of(after[0], "fn "), class_of(after[0], "let"));
    assert!(after[0].contains("&lt;") && after[0].contains("&amp;&amp;"));

    // Unknown language: the text as written, with a class, and one warning.
    assert_eq!(
        after[7],
        "<span class=\"hl-code hl-plain\">Qapla&#39; &lt;batlh&gt;\n</span>"
    );
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("`klingon`") && w.contains("code.html")),
        "{:?}",
        summary.warnings
    );
    // Plain text on purpose: a class, no warning.
    assert_eq!(
        after[8],
        "<span class=\"hl-code hl-plain\">just text &amp; more\n</span>"
    );
    assert!(!summary.warnings.iter().any(|w| w.contains("`text`")));
    // Left as they are: the empty block, the block without a language, Zola's own
    // highlighting, a block with a comment, a reference folio does not decode, inline code,
    // a block inside a template.
    for i in 9..=13 {
        assert_eq!(after[i], before[i], "block {i}");
    }
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("character reference")),
        "{:?}",
        summary.warnings
    );
    assert!(out.contains(r#"<p>Inline <code data-lang="rust">let x = 1;</code> is"#));
    assert!(out.contains(
        r#"<template><pre><code data-lang="rust">let inside_template = 1;</code></pre></template>"#
    ));

    // The page links the highlight stylesheet, which is written, with a valid SRI value.
    let link = links(&out, "folio-highlight");
    assert_eq!(link.len(), 1, "{out}");
    let href = attr(link[0], "href").unwrap();
    let name = href.rsplit('/').next().unwrap();
    assert_eq!(fingerprinted(&root, "folio-highlight"), [name]);
    assert!(
        href.starts_with("/folio-highlight."),
        "root-relative: {href}"
    );
    assert_eq!(attr(link[0], "crossorigin"), None, "same origin");
    assert_eq!(
        attr(link[0], "integrity"),
        Some(sri(&root.join(name)).as_str())
    );
    assert!(out.contains(&format!("{}\n</head>", link[0])), "{out}");

    insta::assert_snapshot!("code_blocks", out);
}

#[test]
fn minified_code_stays_plain() {
    let (_dir, root) = site(&[]);
    let line = "var a=1;".repeat(1000);
    fs::write(
        root.join("min.html"),
        format!("<pre><code data-lang=\"js\">{line}</code></pre>"),
    )
    .unwrap();
    let summary = run(&root, &config(&root));
    assert_eq!(
        read(root.join("min.html")),
        format!(
            "<pre><code data-lang=\"js\"><span class=\"hl-code hl-plain\">{line}</span></code></pre>"
        )
    );
    assert!(summary.warnings.iter().any(|w| w.contains("longer than")));
}

#[test]
fn highlight_stylesheet_has_a_light_and_a_dark_palette() {
    let (_dir, root) = site(&["code.html"]);
    run(&root, &config(&root));
    let name = &fingerprinted(&root, "folio-highlight")[0];
    let css = read(root.join(name));
    assert!(!css.contains('\n'), "minified");
    for needle in [
        "html[data-theme=light] pre:has(>code>.hl-code){",
        "html[data-theme=dark] pre:has(>code>.hl-code){",
        "@media not all and (prefers-color-scheme:dark){html:not([data-theme]) pre:has(>code>.hl-code){",
        "@media (prefers-color-scheme:dark){html:not([data-theme]) pre:has(>code>.hl-code){",
        "html[data-theme=light] .hl-code .hl-l1{color:",
        "html[data-theme=dark] .hl-code .hl-d1{color:",
        "html[data-theme=dark] .hl-code .hl-di{font-style:italic}",
    ] {
        assert!(css.contains(needle), "{needle} in {css}");
    }
}

#[test]
fn highlight_cache_is_read_back_and_can_be_off() {
    let (dir, root) = site(&["code.html"]);
    let config = config(&root);
    run(&root, &config);
    let cache = dir.path().join(".folio-cache");
    assert!(cache.join("CACHEDIR.TAG").is_file());
    let files: Vec<PathBuf> = walkdir::WalkDir::new(cache.join("highlight"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(files.len(), 1, "one file per page: {files:?}");
    let entries = read(&files[0]);
    // One entry per block with a grammar (the block with a comment is not one: left as it is).
    assert_eq!(entries.matches(r#"<span class="hl-code">"#).count(), 7);
    assert!(!root.join(".folio-cache").exists(), "never in the output");

    let fresh = read(root.join("code.html"));

    // A second build of the same code reads the cache: prove it by changing it (same length,
    // so that the entries stay well-formed) and sealing it again with its checksum.
    let tampered = entries.replace(r#"class="hl-code""#, r#"class="hl-CACH""#);
    fs::write(&files[0], reseal(&tampered)).unwrap();
    fs::copy(Path::new(INPUTS).join("code.html"), root.join("code.html")).unwrap();
    let summary = run(&root, &config);
    let out = read(root.join("code.html"));
    assert_eq!(out.matches(r#"class="hl-CACH""#).count(), 7, "{out}");
    assert_eq!(out.replace("hl-CACH", "hl-code"), fresh);
    assert_eq!(
        read(&files[0]).matches("hl-CACH").count(),
        7,
        "all hits: not rewritten"
    );
    assert_eq!(summary.failed(), 0);

    // A file changed without its checksum, torn at any point (a crash, a full disk, a copy cut
    // short), or garbage is never served: the blocks are highlighted again, the file rewritten.
    let sealed = read(&files[0]);
    let mut damaged = vec![tampered.clone(), "garbage 999999\nnot html".to_owned()];
    for cut in [1, sealed.len() / 3, sealed.len() / 2, sealed.len() - 2] {
        damaged.push(sealed[..cut].to_owned());
    }
    for bad in damaged {
        fs::write(&files[0], &bad).unwrap();
        fs::copy(Path::new(INPUTS).join("code.html"), root.join("code.html")).unwrap();
        let summary = run(&root, &config);
        assert_eq!(summary.failed(), 0);
        assert_eq!(read(root.join("code.html")), fresh, "from {bad:?}");
        assert_eq!(read(&files[0]), entries, "rebuilt");
    }

    // Deleting the cache is safe; turning it off writes none.
    fs::remove_dir_all(&cache).unwrap();
    let mut off = config.clone();
    off.folio.highlight.cache = false;
    fs::copy(Path::new(INPUTS).join("code.html"), root.join("code.html")).unwrap();
    run(&root, &off);
    assert!(!cache.exists());
}

/// A cache file's text with its checksum line made again for a changed body (as folio seals it:
/// the SHA-256 of the body, NUL-terminated as folio's hashes are).
fn reseal(text: &str) -> String {
    use sha2::Digest;
    let body = text
        .strip_suffix('\n')
        .unwrap()
        .rsplit_once('\n')
        .unwrap()
        .0;
    let mut hash = sha2::Sha256::new();
    hash.update(body.as_bytes());
    hash.update([0]);
    let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("{body}\nsum {hex}\n")
}

/// The highlight cache's files, with their first lines.
fn cache_files(cache: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(cache.join("highlight"))
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let first = read(e.path()).lines().next().unwrap_or("").to_owned();
            (e.path().to_path_buf(), first)
        })
        .collect()
}

#[test]
fn highlight_cache_drops_what_no_page_reads_after_a_whole_site_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("config.toml"),
        "base_url = \"https://site.example/\"\n",
    )
    .unwrap();
    let public = dir.path().join("public");
    let code = Path::new(INPUTS).join("code.html");
    for page in ["a.html", "b/index.html", "sub/c.html"] {
        fs::create_dir_all(public.join(page).parent().unwrap()).unwrap();
        fs::copy(&code, public.join(page)).unwrap();
    }
    let config = Config::load(dir.path()).unwrap().0;
    let cache = dir.path().join(".folio-cache");
    run(&public, &config);
    let names = |files: &[(PathBuf, String)]| -> Vec<String> {
        let mut n: Vec<String> = files.iter().map(|(_, f)| f.clone()).collect();
        n.sort();
        n
    };
    assert_eq!(
        names(&cache_files(&cache)),
        ["page a.html", "page b/index.html", "page sub/c.html"]
    );

    // A page removed: a second run (nothing left to highlight) drops its file, keeps the rest.
    fs::remove_file(public.join("b/index.html")).unwrap();
    let check_run = check(&public, &config);
    assert_eq!(check_run.changed(), 0);
    assert_eq!(
        cache_files(&cache).len(),
        3,
        "--check writes and removes nothing"
    );
    run(&public, &config);
    assert_eq!(
        names(&cache_files(&cache)),
        ["page a.html", "page sub/c.html"]
    );
    assert_eq!(
        fs::read_dir(cache.join("highlight")).unwrap().count(),
        2,
        "empty folders go too"
    );

    // A run over a part of the site cannot tell what the rest needs: nothing is dropped.
    fs::remove_file(public.join("a.html")).unwrap();
    fs::copy(&code, public.join("sub/c.html")).unwrap();
    run(&public.join("sub"), &config);
    assert!(names(&cache_files(&cache)).contains(&"page a.html".to_owned()));

    // Other themes: the files made for the old ones go after a whole-site run.
    fs::copy(&code, public.join("a.html")).unwrap();
    let mut other = config.clone();
    other.folio.highlight.dark_theme = "Nord".into();
    run(&public, &other);
    // a.html for the new themes; sub/c.html (already highlighted) needs none; the run over
    // sub/ named its page c.html, which the whole site does not have.
    assert_eq!(names(&cache_files(&cache)), ["page a.html"]);
}

#[test]
fn pages_without_code_do_not_link_the_highlight_stylesheet() {
    let (_dir, root) = site(&["no-math.html"]);
    let summary = run(&root, &config(&root));
    assert_eq!(summary.changed(), 0, "{:?}", summary.files);
    assert!(fingerprinted(&root, "folio-highlight").is_empty());
}

// ---------------------------------------------------------------------------------------- math

#[test]
fn math_becomes_mathml() {
    let (_dir, root) = site(&["math.html"]);
    let summary = run(&root, &config(&root));
    let out = read(root.join("math.html"));
    assert_eq!(
        out.matches(r#"<math display="inline">"#).count(),
        3,
        "{out}"
    );
    assert_eq!(out.matches(r#"<math display="block">"#).count(), 3, "{out}");
    for kept in [
        "<title>Energy $E = mc^2$</title>",
        r#"title="$x$ in an attribute""#,
        "<pre><code>$not math in code$</code></pre>",
        "<code>$inline code$</code>",
        r#"var s = "$not math in a script$";"#,
        r"Broken: $\frac{1}{$ stays as written.",
        "Turned off here: $x$.",
        "Prices stay text: $5 and $10. An escaped &#36; is a dollar.",
        "🔥 still becomes an emoji",
        r#"<annotation encoding="application/x-tex">a &lt; b</annotation>"#,
        r#"<annotation encoding="application/x-tex">\begin{pmatrix} a &amp; b \\ c &amp; d \end{pmatrix}</annotation>"#,
    ] {
        assert!(out.contains(kept), "{kept}\n{out}");
    }
    let broken: Vec<_> = summary
        .warnings
        .iter()
        .filter(|w| w.contains("math.html") && w.contains(r"$\frac{1}{$"))
        .collect();
    assert_eq!(broken.len(), 1, "{:?}", summary.warnings);
    insta::assert_snapshot!("math", out);
}

#[test]
fn math_is_off_unless_the_site_or_the_page_turns_it_on() {
    let (_dir, root) = site(&["no-math.html"]);
    let mut config = config(&root);
    assert_eq!(run(&root, &config).changed(), 0);
    config.folio.math.everywhere = true;
    run(&root, &config);
    let out = read(root.join("no-math.html"));
    assert_eq!(out.matches("<math ").count(), 2, "{out}");
    assert!(out.contains("<title>No math</title>"));
}

// ----------------------------------------------------------------------------------------- css

#[test]
fn stylesheets_are_minified_fingerprinted_and_linked_with_sri() {
    let (_dir, root) = site(&["site"]);
    let config = config(&root);
    let summary = run(&root, &config);

    let style = fingerprinted(&root, "style");
    let other = fingerprinted(&root.join("sub"), "other");
    let kept = fingerprinted(&root, "kept");
    assert_eq!((style.len(), other.len(), kept.len()), (1, 1, 1));
    let minified = read(root.join(&style[0]));
    assert!(
        minified.contains("-webkit-user-select:none;user-select:none"),
        "{minified}"
    );
    assert!(
        !minified.contains('\n') && !minified.contains("/*"),
        "{minified}"
    );

    // Old names: removed when nothing names them, kept when something does.
    assert!(!root.join("style.css").exists());
    assert!(!root.join("sub/other.css").exists());
    assert!(
        root.join("kept.css").exists(),
        "@import in a <style> names it"
    );
    // Unparsable: left as it is, reported, its links untouched.
    assert_eq!(
        read(root.join("broken.css")),
        read(Path::new(INPUTS).join("site/broken.css"))
    );
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("broken.css:2:") && w.contains("left as it is")),
        "{:?}",
        summary.warnings
    );

    let home = read(root.join("index.html"));
    let style_links = links(&home, "/style.");
    assert_eq!(style_links.len(), 2, "preload and stylesheet: {home}");
    for link in &style_links {
        assert_eq!(
            attr(link, "href"),
            Some(format!("https://site.example/{}", style[0]).as_str())
        );
        assert_eq!(
            attr(link, "integrity"),
            Some(sri(&root.join(&style[0])).as_str())
        );
        assert_eq!(attr(link, "crossorigin"), Some("anonymous"));
    }
    let other_link = links(&home, "sub/other")[0];
    assert_eq!(
        attr(other_link, "href"),
        Some(format!("sub/{}?v=3", other[0]).as_str())
    );
    assert_eq!(
        attr(other_link, "integrity"),
        Some(sri(&root.join("sub").join(&other[0])).as_str())
    );
    assert_eq!(attr(other_link, "crossorigin"), None, "same origin");
    assert!(home.contains(r#"<link rel="stylesheet" href="/broken.css">"#));
    assert!(home.contains(r#"<link rel="stylesheet" href="https://cdn.other.example/lib.css">"#));
    assert!(!home.contains("folio-highlight"), "no code on this page");

    let post = read(root.join("blog/post/index.html"));
    assert_eq!(
        attr(links(&post, "style")[0], "href"),
        Some(format!("../../{}", style[0]).as_str())
    );
    assert_eq!(
        attr(links(&post, "other")[0], "href"),
        Some(format!("/sub/{}", other[0]).as_str())
    );
    let hl = links(&post, "folio-highlight")[0];
    let hl_name = attr(hl, "href").unwrap().rsplit('/').next().unwrap();
    assert_eq!(
        attr(hl, "integrity"),
        Some(sri(&root.join(hl_name)).as_str())
    );

    // Same content, same names: a fresh copy gets the same fingerprints.
    let (_dir2, root2) = site(&["site"]);
    run(&root2, &config);
    assert_eq!(fingerprinted(&root2, "style"), style);
    assert_eq!(fingerprinted(&root2.join("sub"), "other"), other);

    // A second run changes nothing, and --check agrees.
    let before = common::files_and_times(&root);
    assert_eq!(check(&root, &config).changed(), 0);
    let again = run(&root, &config);
    assert_eq!(again.changed(), 0, "{:?}", again.files);
    assert_eq!(before, common::files_and_times(&root));
}

#[test]
fn check_writes_nothing_and_lists_what_would_change() {
    let (_dir, root) = site(&["site"]);
    let before = common::files_and_times(&root);
    let summary = check(&root, &config(&root));
    assert_eq!(before, common::files_and_times(&root));
    let would = |suffix: &str| {
        summary
            .files
            .iter()
            .any(|(p, o)| p.to_string_lossy().ends_with(suffix) && *o == Outcome::WouldChange)
    };
    assert!(would("index.html"));
    assert!(would("style.css"), "{:?}", summary.files);
    assert!(summary.files.iter().any(|(p, o)| {
        p.to_string_lossy().contains("folio-highlight.") && *o == Outcome::WouldChange
    }));
}

#[test]
fn without_fingerprints_stylesheets_are_minified_in_place() {
    let (_dir, root) = site(&["site"]);
    let mut config = config(&root);
    config.folio.css.fingerprint = false;
    run(&root, &config);
    assert!(fingerprinted(&root, "style").is_empty());
    assert!(read(root.join("style.css")).starts_with(".box{"));
    let home = read(root.join("index.html"));
    assert!(home.contains(r#"<link rel="stylesheet" href="https://site.example/style.css">"#));
    let post = read(root.join("blog/post/index.html"));
    assert!(post.contains(r#"<link rel="stylesheet" href="/folio-highlight.css">"#));
    assert!(
        !read(root.join("folio-highlight.css")).contains('\n'),
        "minified"
    );
    assert_eq!(run(&root, &config).changed(), 0);
}

#[test]
fn turning_fingerprints_on_later_replaces_the_plain_names() {
    let (_dir, root) = site(&["site"]);
    let mut config = config(&root);
    config.folio.css.enabled = false;
    run(&root, &config);
    let plain = read(root.join("folio-highlight.css"));
    assert!(
        plain.contains("html[data-theme=\"dark\"]"),
        "unminified: {plain}"
    );

    config.folio.css.enabled = true;
    run(&root, &config);
    assert!(!root.join("folio-highlight.css").exists());
    let post = read(root.join("blog/post/index.html"));
    let name = &fingerprinted(&root, "folio-highlight")[0];
    assert_eq!(links(&post, "folio-highlight").len(), 1, "{post}");
    assert!(post.contains(name.as_str()));
    assert_eq!(run(&root, &config).changed(), 0);
}

// --------------------------------------------------------------------------------- all passes

/// The demo site's real Zola output and every input here, with every pass on (math site-wide):
/// a second run changes nothing, byte for byte and mtime for mtime.
#[test]
fn idempotent_with_every_pass_on() {
    let (_dir, root) = site(&["code.html", "math.html", "no-math.html", "site"]);
    copy_tree(Path::new(DEMO), &root.join("demo"));
    let mut config = config(&root);
    config.folio.math.everywhere = true;
    let first = run(&root, &config);
    assert!(first.changed() > 0);
    let before = common::files_and_times(&root);
    let check = check(&root, &config);
    assert_eq!(check.changed(), 0, "{:?}", check.files);
    let second = run(&root, &config);
    assert_eq!(second.changed(), 0, "{:?}", second.files);
    assert_eq!(before, common::files_and_times(&root));
}
