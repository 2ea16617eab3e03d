//! `folio audit` over the demo site's real Zola output (tests/fixtures/demo): the raw build
//! fails it on every count, the rewritten build passes, and a damaged stylesheet or a hand-edited
//! link is caught again.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use folio::audit;
use folio::config::Config;
use folio::engine::{self, Options};

use common::copy_tree;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/demo");

fn demo_config() -> Config {
    Config::load(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the demo site's config loads")
        .0
}

fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    copy_tree(Path::new(DEMO), &out);
    (dir, out)
}

fn rewrite(out: &Path, config: &Config) {
    let summary = engine::run(out, config, &Options::default()).unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.files);
}

fn has(problems: &[String], needle: &str) -> bool {
    problems.iter().any(|p| p.contains(needle))
}

#[test]
fn zola_output_alone_fails_the_audit() {
    let (_dir, out) = demo_copy();
    let report = audit::run(&out, &demo_config(), Some(2)).unwrap();
    let p = &report.problems;
    assert_eq!(
        report.highlighted, 0,
        "Zola's highlighter is off in the demo"
    );
    assert!(
        has(
            p,
            "hello-folio/index.html: a code block in `python` is not highlighted"
        ),
        "{p:#?}"
    );
    assert!(has(p, "its name does not carry the hash"), "{p:#?}");
    assert!(has(p, "integrity (none)"), "{p:#?}");
    assert!(
        has(p, "randomized-matmul/index.html: TeX left as text: $$"),
        "{p:#?}"
    );
    assert!(report.would_change > 0);
    // Nothing was written.
    let again = audit::run(&out, &demo_config(), Some(2)).unwrap();
    assert_eq!(again.problems, report.problems);
}

#[test]
fn rewritten_demo_passes_the_audit() {
    let (_dir, out) = demo_copy();
    let config = demo_config();
    rewrite(&out, &config);
    let report = audit::run(&out, &config, None).unwrap();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.highlighted >= 6, "{}", report.summary());
    assert!(report.formulas >= 15, "{}", report.summary());
    assert!(report.stylesheets >= 3, "{}", report.summary());
    assert_eq!(report.stylesheets_ok, report.stylesheets);
    assert_eq!(report.would_change, 0);
    assert!(report.math_pages >= 1);
}

#[test]
fn a_damaged_stylesheet_or_link_is_caught() {
    let (_dir, out) = demo_copy();
    let config = demo_config();
    rewrite(&out, &config);
    // One fingerprinted sheet gets a byte more: its name and the pages' SRI no longer match.
    let sheet = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("custom.") && name.ends_with(".css")
        })
        .expect("custom.css is fingerprinted");
    let mut css = fs::read(&sheet).unwrap();
    css.extend_from_slice(b"\n");
    fs::write(&sheet, css).unwrap();
    // A page's link loses its integrity attribute.
    let index = out.join("index.html");
    let html = fs::read_to_string(&index).unwrap();
    let at = html.find(r#" integrity="sha384-"#).unwrap();
    let value = at + r#" integrity=""#.len();
    let end = value + html[value..].find('"').unwrap() + 1;
    fs::write(&index, format!("{}{}", &html[..at], &html[end..])).unwrap();

    let report = audit::run(&out, &config, Some(1)).unwrap();
    let p = &report.problems;
    let name = sheet.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        has(p, &format!("{name}: its name does not carry the hash")),
        "{p:#?}"
    );
    assert!(has(p, "not that of the file"), "{p:#?}");
    assert!(
        has(p, "index.html: the link to") && has(p, "(none)"),
        "{p:#?}"
    );
    assert!(report.stylesheets_ok < report.stylesheets);
}

#[test]
fn a_stylesheet_from_elsewhere_is_a_problem() {
    let (_dir, out) = demo_copy();
    let config = demo_config();
    rewrite(&out, &config);
    let index = out.join("index.html");
    let html = fs::read_to_string(&index).unwrap().replacen(
        "</head>",
        r#"<link rel="stylesheet" href="https://fonts.example.net/css?family=Roboto"></head>"#,
        1,
    );
    fs::write(&index, html).unwrap();
    let report = audit::run(&out, &config, Some(1)).unwrap();
    assert!(
        has(
            &report.problems,
            "links a stylesheet from elsewhere: https://fonts.example.net/css"
        ),
        "{:#?}",
        report.problems
    );
}

#[test]
fn tex_counts_only_where_math_is_on() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    fs::create_dir_all(&out).unwrap();
    let page = r#"<!doctype html><html><head><title>t</title></head><body>
<p>Outside: \(a\) and $$b$$ stay, math is off here.</p>
<div data-math><p>Inside: $$c = d$$ is left.</p>
<div data-math="false"><p>Turned off again: $$e$$.</p></div>
<pre><code>$$f$$ in code</code></pre></div>
</body></html>"#;
    fs::write(out.join("index.html"), page).unwrap();
    let mut config = Config::defaults_for(&out);
    config.base_url = "https://site.example/".into();
    let report = audit::run(&out, &config, Some(1)).unwrap();
    let tex: Vec<&String> = report
        .problems
        .iter()
        .filter(|p| p.contains("TeX left as text"))
        .collect();
    assert_eq!(tex.len(), 1, "{:#?}", report.problems);
    assert!(
        tex[0].ends_with("TeX left as text: $$c = d$$ is left."),
        "{tex:?}"
    );
    // With math on for the whole site, the text outside counts too (still not the off part).
    config.folio.math.everywhere = true;
    let report = audit::run(&out, &config, Some(1)).unwrap();
    let tex = report
        .problems
        .iter()
        .filter(|p| p.contains("TeX left as text"))
        .count();
    assert_eq!(tex, 2, "{:#?}", report.problems);
}

#[test]
fn code_blocks_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    fs::create_dir_all(&out).unwrap();
    let long = "x".repeat(6000);
    let page = format!(
        r#"<!doctype html><html><head><title>t</title></head><body>
<pre><code data-lang="rust">fn main() {{}}</code></pre>
<pre data-lang="rust" class="language-rust z-code"><code class="language-rust" data-lang="rust"><span class="z-source z-rust">fn</span> x</code></pre>
<pre><code data-lang="python"><span class="hl-code"><span class="hl-l1 hl-d2">def</span> f(): pass</span></code></pre>
<pre><code data-lang="toml">a = 1<br>b = 2</code></pre>
<pre><code data-lang="text">plain</code></pre>
<pre><code data-lang="no-such-language">plain</code></pre>
<pre><code data-lang="js"><span class="hl-code hl-plain">{long}</span></code></pre>
<pre><code data-lang="rust"></code></pre>
<pre><code>no language</code></pre>
</body></html>"#
    );
    fs::write(out.join("index.html"), page).unwrap();
    let mut config = Config::defaults_for(&out);
    config.base_url = "https://site.example/".into();
    let report = audit::run(&out, &config, Some(1)).unwrap();
    // Zola's and folio's highlighting count; text, an unknown language, minified code and
    // markup inside are plain on purpose; the empty block and the one without a language are
    // not counted; only the plain Rust block is a problem.
    assert_eq!(
        (report.highlighted, report.plain),
        (2, 4),
        "{}",
        report.summary()
    );
    let code: Vec<&String> = report
        .problems
        .iter()
        .filter(|p| p.contains("code block"))
        .collect();
    assert_eq!(code.len(), 1, "{code:#?}");
    assert!(code[0].ends_with("a code block in `rust` is not highlighted"));
}

#[test]
fn a_missing_profile_picture_is_a_problem_with_what_to_do() {
    let (_dir, out) = demo_copy();
    let config = demo_config();
    let index = out.join("index.html");
    let html = fs::read_to_string(&index).unwrap();
    let src = html
        .split("<div class=\"profile")
        .nth(1)
        .and_then(|rest| rest.split("src=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("the demo's about page has a profile picture")
        .to_owned();
    let file = out.join(
        src.trim_start_matches("https://example.com")
            .trim_start_matches('/'),
    );
    fs::remove_file(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let summary = engine::run(&out, &config, &Options::default()).unwrap();
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("is missing") && w.contains("put the image at static/")),
        "{:?}",
        summary.warnings
    );
    let report = audit::run(&out, &config, Some(2)).unwrap();
    assert!(
        has(&report.problems, "the profile picture") && has(&report.problems, "is missing"),
        "{:#?}",
        report.problems
    );
    // With the picture back, the audit has nothing to say about it.
    let (_dir2, whole) = demo_copy();
    rewrite(&whole, &config);
    let report = audit::run(&whole, &config, Some(2)).unwrap();
    assert!(
        !has(&report.problems, "profile picture"),
        "{:#?}",
        report.problems
    );
}
