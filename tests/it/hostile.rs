//! The rewriter on hostile and broken pages: the hand-written corpus in tests/hostile/ and
//! generated extremes (deep nesting, huge attributes, long text, pathological formulas and
//! BibTeX). For every page, with every pass on: no panic, a page that is not UTF-8 HTML refused
//! and left as it was, nothing lost (the text of code, comments and scripts kept), and a second
//! rewrite that changes nothing.

use std::fs;
use std::path::Path;

use folio::config::Config;
use folio::engine::{self, Options, Outcome};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile");

/// Every pass on, math on every page, external links in a new tab.
fn all_on(root: &Path) -> Config {
    let mut config = Config::defaults_for(root);
    config.base_url = "https://own.example/".into();
    config.folio.math.everywhere = true;
    config.folio.links.external_links_new_tab = true;
    config.folio.news.limit = Some(3);
    config
}

/// Rewrites `input` twice with every pass on: the first output, and whether it was refused.
fn rewrite_twice(name: &str, input: &[u8]) -> Result<String, String> {
    let root = Path::new("/site");
    let config = all_on(root);
    let file = root.join(name);
    let (once, _) = engine::rewrite_page(&config, root, &file, input).map_err(|e| e.to_string())?;
    let (twice, _) = engine::rewrite_page(&config, root, &file, &once)
        .unwrap_or_else(|e| panic!("{name}: the first output is refused: {e}"));
    assert_eq!(
        String::from_utf8_lossy(&twice),
        String::from_utf8_lossy(&once),
        "{name}: a second rewrite changes the page"
    );
    Ok(String::from_utf8(once).expect("output is UTF-8"))
}

/// The generated extremes: name and bytes.
fn generated() -> Vec<(String, Vec<u8>)> {
    let pages: Vec<(String, String)> = vec![
        ("deep-divs.html".into(), "<div>".repeat(100_000) + "x"),
        (
            "deep-lists.html".into(),
            format!(
                "<h2 id=\"news\">news</h2>{}<li>2024-01 x{}",
                "<ul><li>".repeat(20_000),
                "</li></ul>".repeat(20_000)
            ),
        ),
        (
            "huge-attribute.html".into(),
            format!(
                "<a href=\"https://ext.example/{}\">x</a>",
                "a".repeat(5 << 20)
            ),
        ),
        (
            "many-attributes.html".into(),
            format!(
                "<a {} href=\"javascript:x\">x</a>",
                (0..20_000)
                    .map(|i| format!("data-a{i}=\"{i}\" "))
                    .collect::<String>()
            ),
        ),
        (
            "long-text.html".into(),
            format!("<p>{}</p>", "word :smile: $ x ".repeat(200_000)),
        ),
        (
            "deep-formula.html".into(),
            format!("<p>${}x{}$</p>", "{".repeat(100_000), "}".repeat(100_000)),
        ),
        (
            "deep-bibtex.html".into(),
            format!(
                "<span class=\"bib-tex\" data-tex=\"{}x\">x</span>",
                "\\emph{".repeat(10_000)
            ),
        ),
        (
            "unclosed-everything.html".into(),
            "<p><b><i><a href=\"/x\"><code data-lang=\"rust\"><pre>".repeat(1000),
        ),
        (
            "many-dollars.html".into(),
            format!("<p>{}</p>", "$".repeat(100_000)),
        ),
        (
            "many-code-blocks.html".into(),
            "<pre><code data-lang=\"python\">x = 1\n".repeat(2000),
        ),
    ];
    pages
        .into_iter()
        .map(|(n, p)| (n, p.into_bytes()))
        .collect()
}

/// Every committed and generated page: rewritten without a panic, and a second time without
/// a change; pages that are not UTF-8 text refused.
#[test]
fn every_hostile_page_rewrites_and_stays() {
    let mut pages: Vec<(String, Vec<u8>)> = fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&p).unwrap())
        })
        .collect();
    pages.sort();
    assert!(pages.len() >= 10, "the corpus is there");
    pages.extend(generated());
    let mut refused = Vec::new();
    for (name, input) in &pages {
        if let Err(e) = rewrite_twice(name, input) {
            refused.push(format!("{name}: {e}"));
        }
    }
    // Exactly the pages that are not UTF-8 text are refused.
    assert_eq!(refused.len(), 2, "{refused:#?}");
    assert!(refused.iter().any(|r| r.contains("/site/nul.html: binary")));
    assert!(
        refused
            .iter()
            .any(|r| r.contains("/site/latin1.html: not UTF-8"))
    );
}

/// A page cut at every point: each prefix of a page that uses every pass rewrites without a
/// panic, and a second time without a change.
#[test]
fn a_page_cut_anywhere_rewrites_and_stays() {
    let page = fs::read_to_string(Path::new(CORPUS).join("math-news.html")).unwrap()
        + &fs::read_to_string(Path::new(CORPUS).join("non-ascii-links.html")).unwrap()
        + r#"<pre><code data-lang="rust">fn main() { let x = 1 &lt; 2; }</code></pre><p>:smile:</p>"#;
    for (cut, _) in page.char_indices() {
        rewrite_twice(&format!("cut-at-{cut}.html"), &page.as_bytes()[..cut]).unwrap();
    }
}

#[test]
fn links_that_start_with_a_letter_of_several_bytes() {
    let out = rewrite_twice(
        "non-ascii-links.html",
        &fs::read(Path::new(CORPUS).join("non-ascii-links.html")).unwrap(),
    )
    .unwrap();
    assert!(
        out.contains(r#"<a href="/über-mich/">Über mich</a>"#),
        "{out}"
    );
    assert!(out.contains(r#"<a href="/日本語/">"#), "{out}");
    assert!(
        out.contains(r#"<a href="mailto:é@é.fr">é@é.fr</a>"#),
        "{out}"
    );
    assert!(
        out.contains(r#"<a href="//ü" rel="noopener noreferrer" target="_blank">"#),
        "{out}"
    );
    assert!(
        out.contains(r#"<a href="\\evil.example/x" rel="noopener noreferrer" target="_blank">"#),
        "{out}"
    );
}

#[test]
fn news_dates_followed_by_text_that_is_not_ascii() {
    let out = rewrite_twice(
        "news-dates.html",
        &fs::read(Path::new(CORPUS).join("news-dates.html")).unwrap(),
    )
    .unwrap();
    for kept in [
        "<li>2024</li>",
        "2024–2025: a grant, über alles",
        "<li>2024-é</li>",
    ] {
        assert!(out.contains(kept), "{kept}: {out}");
    }
    assert!(
        out.contains(r#"<time datetime="2024-01-15">2024-01-15</time>—Ünïcödé"#),
        "{out}"
    );
    assert!(
        out.contains(r#"<time datetime="2024-01">Jan 2024</time>: 日本語のニュース"#),
        "{out}"
    );
}

/// Math at the start of a news item is converted on the first run, as everywhere else.
#[test]
fn math_in_news_items_is_converted_in_one_run() {
    let out = rewrite_twice(
        "math-news.html",
        &fs::read(Path::new(CORPUS).join("math-news.html")).unwrap(),
    )
    .unwrap();
    assert!(!out.contains('$'), "{out}");
    assert!(!out.contains("\\("), "{out}");
    assert_eq!(out.matches("<math").count(), 6, "{out}");
    assert!(
        out.contains(r#"<time datetime="2024-01-15">2024-01-15</time>: <math"#),
        "{out}"
    );
    assert!(out.contains("🎉"), "{out}");
}

/// A code block without its end tag keeps its code (it used to be dropped).
#[test]
fn code_without_an_end_tag_is_kept() {
    let input = fs::read_to_string(Path::new(CORPUS).join("unclosed-code.html")).unwrap();
    assert_eq!(
        rewrite_twice("unclosed-code.html", input.as_bytes()).unwrap(),
        input
    );
    // A closed code block in a `pre` cut short is highlighted, as any other.
    let input = fs::read_to_string(Path::new(CORPUS).join("unclosed-pre.html")).unwrap();
    let out = rewrite_twice("unclosed-pre.html", input.as_bytes()).unwrap();
    assert!(out.contains(r#"<span class="hl-code">"#), "{out}");
    assert!(out.ends_with("() {}</span></code>"), "{out}");
    let many = "<pre><code data-lang=\"python\">x = 1\n".repeat(3);
    assert_eq!(rewrite_twice("many.html", many.as_bytes()).unwrap(), many);
}

/// Through the whole run: a broken page is left as it was and reported; the rest is done.
#[test]
fn the_run_goes_on_past_pages_it_refuses() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(CORPUS).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let config = all_on(dir.path());
    let summary = engine::run(dir.path(), &config, &Options::default()).unwrap();
    let failed: Vec<_> = summary
        .files
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Failed(_)))
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(failed, ["latin1.html", "nul.html"]);
    assert_eq!(
        fs::read(dir.path().join("nul.html")).unwrap(),
        fs::read(Path::new(CORPUS).join("nul.html")).unwrap()
    );
    assert!(summary.changed() >= 5, "{:?}", summary.files);
    let again = engine::run(dir.path(), &config, &Options::default()).unwrap();
    assert_eq!(again.changed(), 0, "{:?}", again.files);
}
