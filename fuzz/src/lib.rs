//! The checks behind folio's fuzz targets, one function per target: each takes the fuzzer's
//! bytes, runs them through one of folio's input paths and panics when a property fails (a
//! panic in folio itself, a second rewrite that changes the first one's output, a converter's
//! output that its reader refuses). The fuzz targets in `fuzz_targets/` call them; the main
//! test suite (tests/it/fuzz_regressions.rs) includes this file and runs every input committed
//! under tests/regressions/<target>/ through the same function.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use folio::config::Config;
use folio::engine;
use folio::import::{self, dates, frontmatter, kramdown, liquid, yaml::Node};

/// The targets, by name (the directory names under tests/regressions/ and fuzz/corpus/).
pub const TARGETS: &[&str] = &[
    "rewrite_page",
    "splice",
    "import",
    "bibtex",
    "config",
    "math",
    "css",
];

/// Runs the check of the target `name` on `data`. Unknown names panic.
pub fn check(name: &str, data: &[u8]) {
    match name {
        "rewrite_page" => rewrite_page(data),
        "splice" => splice(data),
        "import" => import(data),
        "bibtex" => bibtex(data),
        "config" => config(data),
        "math" => math(data),
        "css" => css(data),
        _ => panic!("no fuzz target {name:?} (known: {TARGETS:?})"),
    }
}

/// For the fuzz targets' `init`: panics inside pulldown-latex are silent and left to unwind,
/// since folio's math converter catches them by design (the formula stays as written and is
/// reported); every other panic goes to the hook in place before (libFuzzer's, which aborts,
/// so that the fuzzer records the input).
pub fn quiet_caught_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let caught = info.location().is_some_and(|l| {
            let file = l.file();
            file.contains("pulldown-latex") || file.contains("pulldown_latex")
        });
        if !caught {
            previous(info);
        }
    }));
}

/// Where the pages are taken to live: a directory that does not exist, so that nothing on the
/// machine running the fuzzer changes what a pass does.
fn site_root() -> &'static Path {
    Path::new("/nonexistent-folio-fuzz-site")
}

/// A config with every pass on, and the options that make passes do more than their defaults:
/// math on every page, the news list folded after two items and scrollable, a round profile
/// picture on the left, an author and a base URL.
pub fn all_passes_config(root: &Path) -> Config {
    let mut config = Config::defaults_for(root);
    config.base_url = "https://site.example/".into();
    config.title = Some("Fuzz & <Site>".into());
    config.author = Some("Ada \"Example\"".into());
    let f = &mut config.folio;
    f.profile.enabled = true;
    f.profile.align = "left".into();
    f.profile.circular = true;
    f.news.enabled = true;
    f.news.limit = Some(2);
    f.news.scrollable = true;
    f.emoji.enabled = true;
    f.links.enabled = true;
    f.links.external_links_new_tab = true;
    f.icons.enabled = true;
    f.highlight.enabled = true;
    f.highlight.cache = false;
    f.math.enabled = true;
    f.math.everywhere = true;
    f.css.enabled = true;
    f.css.fingerprint = true;
    f.bibtex.enabled = true;
    config
}

/// Rewrites `input` as `file` and checks that a second rewrite of the output changes nothing.
/// Input the engine refuses (not UTF-8, NUL bytes, refused by the parser) is fine: it is left
/// as it was and reported.
fn rewrite_twice(config: &Config, file: &Path, input: &[u8]) {
    let root = config.output_dir.as_path();
    let Ok((once, _)) = engine::rewrite_page(config, root, file, input) else {
        return;
    };
    let (twice, _) = engine::rewrite_page(config, root, file, &once).unwrap_or_else(|e| {
        panic!(
            "the second rewrite refuses the first one's output: {e}\n--- input\n{}\n--- first\n{}",
            String::from_utf8_lossy(input),
            String::from_utf8_lossy(&once)
        )
    });
    if once != twice {
        panic!(
            "not idempotent: the second rewrite changes the first one's output\n--- input\n{}\n--- first\n{}\n--- second\n{}",
            String::from_utf8_lossy(input),
            String::from_utf8_lossy(&once),
            String::from_utf8_lossy(&twice)
        );
    }
}

/// `rewrite_page`: one page through every pass, twice; the second run changes nothing; the
/// page spliced or parsed is the same.
pub fn rewrite_page(data: &[u8]) {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    let config = CONFIG.get_or_init(|| all_passes_config(site_root()));
    rewrite_twice(config, &site_root().join("index.html"), data);
    spliced_is_parsed(config, data);
}

/// `splice`: one page through the links pass alone (so that every page whose links need a
/// change can be finished without a parse): spliced or parsed, the same bytes and warnings.
pub fn splice(data: &[u8]) {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    let config = CONFIG.get_or_init(|| {
        let mut config = all_passes_config(site_root());
        let f = &mut config.folio;
        f.math.enabled = false;
        f.profile.enabled = false;
        f.news.enabled = false;
        f.icons.enabled = false;
        f.highlight.enabled = false;
        f.emoji.enabled = false;
        f.bibtex.enabled = false;
        config
    });
    spliced_is_parsed(config, data);
}

/// The page with its start-tag changes spliced in equals the page parsed, with the same warnings.
fn spliced_is_parsed(config: &Config, data: &[u8]) {
    let file = site_root().join("index.html");
    let run = |splice| {
        engine::rewrite_page_as(config, site_root(), &file, data, splice).map(|(out, mut w)| {
            w.sort();
            (out, w)
        })
    };
    match (run(true), run(false)) {
        (Ok(a), Ok(b)) => {
            if a != b {
                panic!(
                    "the spliced rewrite differs from the parsed one\n--- input\n{}\n--- spliced\n{}\n--- parsed\n{}\n--- warnings\n{:?}\n{:?}",
                    String::from_utf8_lossy(data),
                    String::from_utf8_lossy(&a.0),
                    String::from_utf8_lossy(&b.0),
                    a.1,
                    b.1
                );
            }
        }
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "spliced and parsed disagree on whether the page can be rewritten: {:?} / {:?}",
            a.err(),
            b.err()
        ),
    }
}

/// `math`: the first byte's low bit chooses inline or display; the rest is one formula's raw
/// HTML text. The MathML must be one balanced `<math>` element; the same text in a paragraph
/// of a math page must rewrite idempotently; the equation pre-scan must take any page.
pub fn math(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let display = mode & 1 == 1;
    if let Ok(mathml) = folio::render::math::to_mathml(text, display) {
        assert!(
            mathml.starts_with("<math") && mathml.ends_with("</math>"),
            "not one <math> element for {text:?}: {mathml}"
        );
        if let Err(e) = balanced(&mathml) {
            panic!("MathML for {text:?} is not well formed ({e}): {mathml}");
        }
    }
    let _ = folio::render::math::equations::Equations::of_page(text);

    static CONFIG: OnceLock<Config> = OnceLock::new();
    let config = CONFIG.get_or_init(|| {
        let mut config = Config::defaults_for(site_root());
        let f = &mut config.folio;
        f.math.enabled = true;
        f.math.everywhere = true;
        f.profile.enabled = false;
        f.news.enabled = false;
        f.links.enabled = false;
        f.icons.enabled = false;
        f.highlight.enabled = false;
        f.css.enabled = false;
        f.bibtex.enabled = false;
        config
    });
    let (open, close) = if display {
        ("$$", "$$")
    } else {
        ("\\(", "\\)")
    };
    let page = format!(
        "<!DOCTYPE html><html><body data-math><p>{open}{text}{close}</p><p>{text}</p></body></html>"
    );
    rewrite_twice(config, &site_root().join("index.html"), page.as_bytes());
}

/// `bibtex`: the TeX reader of the publications' BibTeX values gives balanced markup of the
/// tags it writes; the BibTeX syntax check and the importer's BibTeX repair take any text, and
/// a repaired file needs no second repair.
pub fn bibtex(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = folio::render::tex::tex_to_html(text);
    if let Err(e) = balanced(&html) {
        panic!("tex_to_html({text:?}) is not well formed ({e}): {html}");
    }
    for tag in tags(&html) {
        let name = tag.trim_start_matches('/');
        let name = name.split([' ', '/']).next().unwrap_or("");
        assert!(
            ["em", "strong", "span", "code", "sup", "sub", "u"].contains(&name),
            "tex_to_html({text:?}) writes a <{name}> tag: {html}"
        );
    }
    let _ = folio::render::tex::find_syntax_error(text);
    if let Some((repaired, _)) = import::bib::repair(text)
        && let Some((again, _)) = import::bib::repair(&repaired)
    {
        panic!(
            "the BibTeX repair is not stable:\n--- input\n{text}\n--- repaired\n{repaired}\n--- again\n{again}"
        );
    }
}

/// `css`: the stylesheet minifier takes any text (an error is a message naming the file).
pub fn css(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static TARGETS: OnceLock<folio::assets::css::Targets> = OnceLock::new();
    let targets = *TARGETS.get_or_init(|| {
        folio::assets::css::targets(&folio::config::CssOptions::default().targets)
            .expect("the default targets parse")
    });
    if let Err(e) = folio::assets::css::minify(text, "fuzz.css", targets) {
        assert!(e.contains("fuzz.css"), "an error without the file: {e}");
    }
}

/// `config`: the site config (and, after a NUL byte, the theme's `theme.toml`) from TOML text.
/// Errors and warnings name the file; a config that loads gives passes that rewrite a page
/// with something for each of them, idempotently.
pub fn config(data: &[u8]) {
    let (site, theme) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let (Ok(site), Ok(theme)) = (
        std::str::from_utf8(site),
        theme.map(std::str::from_utf8).transpose(),
    ) else {
        return;
    };
    let file = site_root().join("config.toml");
    let loaded = Config::from_text(&file, site, |_| theme.map(|t| Ok(t.to_owned())));
    let (config, warnings) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            let e = e.to_string();
            // The site's file, or the theme's theme.toml when the error is in it (wherever the
            // site's `theme` puts it: `theme = "/x"` names /x/theme.toml).
            let names_theme = e
                .find("/theme.toml")
                .is_some_and(|at| !e[..at].contains(": "));
            assert!(
                e.starts_with(&*file.to_string_lossy()) || names_theme,
                "an error that does not start with the file: {e}"
            );
            return;
        }
    };
    for w in &warnings {
        assert!(
            w.starts_with(&*file.to_string_lossy()) || w.contains("theme.toml"),
            "a warning that names no file: {w}"
        );
    }
    let _ = folio::assets::css::targets(&config.folio.css.targets);
    let mut config = config;
    config.folio.highlight.cache = false;
    config.output_dir = PathBuf::from(site_root());
    rewrite_twice(
        &config,
        &site_root().join("index.html"),
        SAMPLE_PAGE.as_bytes(),
    );
}

/// A page with something for every pass, for the config target.
const SAMPLE_PAGE: &str = r#"<!DOCTYPE html><html><head><title>t</title>
<link rel="stylesheet" href="/main.css"></head><body data-math>
<div class="profile float-right"><img src="/img/prof_pic.jpg" alt=""></div>
<h2 id="news">News</h2><ul><li>2024-01-02: one :fire: $x^2$</li><li>2023-05-06: two</li><li>2022-01-01: three</li></ul>
<p>Mail <a href="mailto:a@b.org">a@b.org</a>, <a href="https://other.example/">elsewhere</a>,
<i class="fa-solid fa-envelope"></i>, \[\begin{equation}\label{e}a=b\end{equation}\] and $\eqref{e}$.</p>
<span class="bib-tex" data-tex="M{\&quot;u}ller \emph{x}">x</span>
<pre><code data-lang="python">x = 1
</code></pre></body></html>"#;

/// `import`: one al-folio file through the importer's converters, as for a page: front matter
/// (split, YAML, mapped to Zola's keys), then the body through Liquid, math and kramdown, and
/// the report. The front matter written must be TOML; every date the date converter accepts
/// (the whole input and each line of it) must be a TOML date or date-time that it reads back
/// unchanged.
pub fn import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check_date(text);
    for line in text.lines().take(64) {
        check_date(line);
        let _ = dates::from_file_name(line.trim());
    }

    let file = "_pages/fuzz.md";
    let mut report = import::report::Report::default();
    let split = frontmatter::split(text);
    let fm = frontmatter::parse(file, &split, &mut report).unwrap_or(Node::Map(Vec::new()));
    let mut m = frontmatter::Mapper::new(&fm, file);
    m.consume(&["layout", "permalink"]);
    m.text_top("title", "title");
    m.text_top("description", "description");
    m.date("date", "date", &mut report);
    m.date("last_modified_at", "updated", &mut report);
    m.taxonomy(&["tags"], "tags");
    m.taxonomy(&["categories", "category"], "categories");
    frontmatter::draft(&mut m);
    m.extra("inline");
    m.rest_to_extra(&mut report, &["inline"]);
    let front = m.render();
    let toml_text = front
        .strip_prefix("+++\n")
        .and_then(|t| t.strip_suffix("+++\n"))
        .unwrap_or_else(|| panic!("front matter not in +++ lines: {front}"));
    if let Err(e) = toml_text.parse::<toml::Table>() {
        panic!("the front matter written is not TOML ({e}):\n{front}\n--- from\n{text}");
    }

    let (site_config, links) = import_site();
    let bibs = std::collections::HashMap::from([(
        "papers".to_owned(),
        "bibliography/papers.bib".to_owned(),
    )]);
    // A data file, so that loops over `site.data.members` are translated too.
    let data = liquid::DataLoops::new(std::collections::HashMap::from([(
        "members".to_owned(),
        ("data/members.yml".to_owned(), None),
    )]));
    let site = liquid::Site {
        baseurl: "/base",
        url: "https://old.example",
        config: site_config,
        links,
        bibs: &bibs,
        data: &data,
    };
    let body = liquid::Body {
        file,
        first_line: split.body_line,
        page: &fm,
        publications: false,
    };
    let converted = liquid::convert(split.body, &site, &body, &mut report);
    let (converted, _) = import::math::convert(&converted, true);
    let converted = kramdown::convert(&converted, file, split.body_line, &mut report).text;
    let _ = import::content::html_passthrough(&converted);
    let _ = report.markdown();
}

/// A date the converter accepts is one Zola (TOML) reads, and converting it again keeps it.
fn check_date(s: &str) {
    let Some(date) = dates::normalize(s) else {
        return;
    };
    if let Err(e) = date.parse::<toml::value::Datetime>() {
        panic!("normalize({s:?}) = {date:?}, which is not a TOML date ({e})");
    }
    let again = dates::normalize(&date);
    assert_eq!(
        again.as_deref(),
        Some(date.as_str()),
        "normalize({s:?}) = {date:?}, which normalises to {again:?}"
    );
}

/// The old site the Liquid converter sees: a `_config.yml` with a few values and one page and
/// one post to link to.
fn import_site() -> (&'static Node, &'static liquid::Links) {
    static SITE: OnceLock<(Node, liquid::Links)> = OnceLock::new();
    let (config, links) = SITE.get_or_init(|| {
        let s = |v: &str| Node::Str(v.to_owned());
        let config = Node::Map(vec![
            ("title".into(), s("Old <b>Site</b>")),
            ("first_name".into(), s("Ada")),
            ("url".into(), s("https://old.example")),
            ("baseurl".into(), s("/base")),
            ("enable_math".into(), Node::Bool(true)),
            ("max_width".into(), Node::Int(930)),
            (
                "socials".into(),
                Node::Map(vec![("github".into(), s("ada"))]),
            ),
        ]);
        let target = |internal: &str, url: &str| liquid::Target {
            internal: internal.into(),
            url: url.into(),
        };
        let mut links = liquid::Links::default();
        links
            .by_source
            .insert("_pages/about.md".into(), target("@/_index.md", "/"));
        links.by_post.insert(
            "2015-03-15-formatting".into(),
            target("@/blog/2015-03-15-formatting.md", "/blog/2015/formatting/"),
        );
        links.by_url.insert(
            "/blog/2015/formatting/".into(),
            target("@/blog/2015-03-15-formatting.md", "/blog/2015/formatting/"),
        );
        (config, links)
    });
    (config, links)
}

/// The tags of `markup` (the text between `<` and `>`), in order.
fn tags(markup: &str) -> impl Iterator<Item = &str> {
    markup
        .split('<')
        .skip(1)
        .map(|t| t.split_once('>').map_or(t, |(tag, _)| tag))
}

/// Whether every tag of `markup` is closed in order (`<x/>` closes itself); `<` and `>` appear
/// only as tag delimiters.
fn balanced(markup: &str) -> Result<(), String> {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = markup;
    while let Some(at) = rest.find(['<', '>']) {
        if rest.as_bytes()[at] == b'>' {
            return Err(format!("a bare > at {:?}", &rest[at..]));
        }
        let tail = &rest[at + 1..];
        let Some(end) = tail.find('>') else {
            return Err(format!("an unclosed tag at {:?}", &rest[at..]));
        };
        let tag = &tail[..end];
        if tag.contains('<') {
            return Err(format!("a bare < at {:?}", &rest[at..]));
        }
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(o) if o == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else if !tag.ends_with('/') {
            open.push(tag.split([' ', '\t', '\n']).next().unwrap_or(""));
        }
        rest = &tail[end + 1..];
    }
    match open.last() {
        Some(o) => Err(format!("<{o}> is never closed")),
        None => Ok(()),
    }
}
