//! `folio import` end to end: the synthetic al-folio sites of tests/import-fixtures/ (one per
//! generation: 2019, 2021, 2022, 2025) and the seed page are imported; the produced files are
//! checked (snapshots of config.toml and a few content files, every news item, post, page and
//! bibliography entry accounted for), and, when real Zola is found ($ZOLA, else `zola` on
//! PATH), each imported site is built and must build with no error and no warning.

use crate::common;
use regex::Regex;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/import-fixtures");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/import-fixtures/seed/about.md"
);

fn folio(args: &[&str]) -> Output {
    Command::new(FOLIO).args(args).output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Imports `source` into a new temporary directory; returns it, the site and the output.
fn import(source: &Path) -> (tempfile::TempDir, PathBuf, Output) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = folio(&["import", source.to_str().unwrap(), site.to_str().unwrap()]);
    (tmp, site, out)
}

fn read(site: &Path, rel: &str) -> String {
    fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Builds with real zola (no error, no warning), then runs `folio rewrite public`.
fn build(site: &Path) -> bool {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return false;
    };
    let out = Command::new(&zola)
        .arg("build")
        .current_dir(site)
        .output()
        .unwrap();
    let all = text(&out);
    assert!(
        out.status.success(),
        "zola build failed in {}:\n{all}",
        site.display()
    );
    assert!(!all.to_lowercase().contains("warn"), "{all}");
    let out = Command::new(FOLIO)
        .args(["rewrite", "public"])
        .current_dir(site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    true
}

/// The report without the machine-specific source and destination paths.
fn report(site: &Path) -> String {
    read(site, "IMPORT_REPORT.md")
        .lines()
        .filter(|l| !l.starts_with("`folio import` converted"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every page, post, news item and project of the source is converted or listed in the report.
fn everything_accounted_for(source: &Path, site: &Path) {
    let report = read(site, "IMPORT_REPORT.md");
    for dir in [
        "_pages",
        "_posts",
        "_news",
        "_projects",
        "_drafts",
        "_books",
    ] {
        let Ok(entries) = fs::read_dir(source.join(dir)) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let rel = format!("{dir}/{name}");
            assert!(
                report.contains(&format!("`{rel}`")) || report.contains(&format!("`{rel}:")),
                "{rel} is not in the report"
            );
        }
    }
    // Every bibliography entry is in the copied files.
    let Ok(entries) = fs::read_dir(source.join("_bibliography")) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let bib = fs::read_to_string(entry.path()).unwrap();
        let copied = read(
            site,
            &format!("bibliography/{}", entry.file_name().to_string_lossy()),
        );
        for key in bib
            .lines()
            .filter(|l| l.starts_with('@') && !l.to_lowercase().starts_with("@string"))
        {
            assert!(copied.contains(key), "{key} missing");
        }
    }
}

/// Pages the built site must have (URL paths under public/).
fn built(site: &Path, paths: &[&str]) {
    for p in paths {
        let file = site.join("public").join(p).join("index.html");
        assert!(file.is_file(), "{} was not built", file.display());
    }
}

#[test]
fn seed_page() {
    let (_tmp, site, out) = import(Path::new(SEED));
    let log = text(&out);
    assert_eq!(out.status.code(), Some(0), "{log}");
    assert!(log.contains("3 repairs"), "{log}");
    assert!(
        log.contains("repaired: about.md:24: mojibake repaired: `â€™` → `’`"),
        "{log}"
    );
    let index = read(&site, "content/_index.md");
    insta::assert_snapshot!("seed_index", index);
    assert!(index.contains("I’m Zirui"));
    assert!(index.contains("📧📧 Prospective") && index.contains("- 🔥🔥 Our"));
    assert!(!index.contains("â€") && !index.contains("ðŸ"));
    // The e-mail link is left as written (the rewriter repairs it) and noted.
    assert!(index.contains("[ziruiliu.recruit@gmail.com](ziruiliu.recruit@gmail.com)"));
    let report = report(&site);
    assert!(
        report.contains("`about.md:24`: mojibake repaired: `â€™` → `’`"),
        "{report}"
    );
    assert!(
        report.contains("`about.md:34`: mojibake repaired: `ðŸ“§ðŸ“§` → `📧📧`"),
        "{report}"
    );
    assert!(report.contains("bare e-mail address"), "{report}");
    insta::assert_snapshot!("seed_config", read(&site, "config.toml"));
    assert!(site.join("themes/folio/theme.toml").is_file());
    if build(&site) {
        let html = read(&site, "public/index.html");
        assert!(html.contains("I’m Zirui"), "{html}");
        assert!(
            html.contains("href=\"mailto:ziruiliu.recruit@gmail.com\""),
            "{html}"
        );
        assert!(html.contains("class=\"profile float-right\""), "{html}");
    }
}

#[test]
fn generation_2019_socials_in_config_and_a_subpath() {
    let source = Path::new(FIXTURES).join("v2019");
    let (_tmp, site, out) = import(&source);
    // Only the team grid of the site's own about layout needs attention (its HTML subtitle
    // renders as al-folio's does).
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    everything_accounted_for(&source, &site);
    let config = read(&site, "config.toml");
    insta::assert_snapshot!("v2019_config", config);
    assert!(config.contains("base_url = \"https://mlopez.github.io/al-folio\""));
    let images = read(&site, "content/blog/2015/2015-05-15-images.md");
    insta::assert_snapshot!("v2019_post_images", images);
    assert!(
        images.contains("[post about formatting](@/blog/2015/2015-03-15-formatting-and-links.md)")
    );
    // Never the old base path: the theme's url shortcode gives the new one.
    assert!(images.contains("src=\"{{ url(path=\"/assets/img/1.jpg\") }}\""));
    assert!(!images.contains("/al-folio/"), "{images}");
    let code = read(&site, "content/blog/2015/2015-07-15-code.md");
    assert!(code.contains("```c++\nint main"), "{code}");
    assert!(code.contains("`{{ site.baseurl }}`"), "{code}");
    let news = read(&site, "content/news/announcement_1.md");
    assert!(news.contains("date = 2015-10-22T15:59:00-04:00"), "{news}");
    let report = report(&site);
    assert!(report.contains("`404.html`: the 404 page"), "{report}");
    assert!(report.contains("`_layouts/`: 2 files"), "{report}");
    // The site's own about layout: its papers by year follow the about page's text; its team
    // grid is reported.
    assert!(
        report.contains("the site's own about layout lists `{% for member in site.members %}`"),
        "{report}"
    );
    assert!(text(&out).contains(" 1 need attention,"), "{}", text(&out));
    let home = read(&site, "content/_index.md");
    assert!(
        home.ends_with("\n\n## selected publications {#publications}\n\n{{ bibliography(file=\"bibliography/papers.bib\", group_by=\"year\") }}\n"),
        "{home}"
    );
    assert!(site.join("static/assets/pdf/example_pdf.pdf").is_file());
    assert!(!site.join("static/assets/css").exists());
    if build(&site) {
        built(
            &site,
            &[
                "blog/2015/images",
                "blog/2015/formatting-and-links",
                "news/announcement_1",
                "projects/1_project",
                "publications",
            ],
        );
        let pubs = read(&site, "public/publications/index.html");
        assert!(pubs.contains("id=\"PhysRev.47.777\""), "{pubs}");
        let home = read(&site, "public/index.html");
        assert!(
            home.contains("id=\"publications\"") && home.contains("id=\"PhysRev.47.777\""),
            "{home}"
        );
    }
}

#[test]
fn generation_2021_news_true_and_yaml_1_1_words() {
    let source = Path::new(FIXTURES).join("v2021");
    let (_tmp, site, out) = import(&source);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    everything_accounted_for(&source, &site);
    let config = read(&site, "config.toml");
    insta::assert_snapshot!("v2021_config", config);
    // `enable_darkmode: yes` and `news_scrollable: yes` read as Jekyll reads them.
    assert!(config.contains("theme_toggle = true"), "{config}");
    assert!(config.contains("scrollable = true"), "{config}");
    assert!(site.join("static/favicon-emoji.svg").is_file());
    assert!(site.join("static/CNAME").is_file());
    let index = read(&site, "content/_index.md");
    insta::assert_snapshot!("v2021_index", index);
    assert!(index.contains("[my CV](@/cv.md)") && index.contains("[the blog](@/blog/_index.md)"));
    let images = read(&site, "content/blog/2015/2015-05-15-images.md");
    assert!(images.contains(
        "{{ figure(path=\"assets/img/9.jpg\", class=\"img-fluid rounded z-depth-1\") }}"
    ));
    // A draft makes no year archive: it stays in the blog section itself.
    let draft = read(&site, "content/blog/an-unfinished-post.md");
    assert!(draft.contains("draft = true"), "{draft}");
    assert!(
        !site
            .join("content/blog/2021/an-unfinished-post.md")
            .exists()
    );
    // 2019 has only a draft: no year archive for it.
    assert!(site.join("content/blog/ideas-for-2019.md").is_file());
    assert!(!site.join("content/blog/2019").exists());
    let redirect = read(&site, "content/blog/2021/2021-07-04-redirect.md");
    assert!(
        redirect.contains("redirect = \"/assets/pdf/example_pdf.pdf\""),
        "{redirect}"
    );
    let report = report(&site);
    assert!(
        report.contains("`_posts/2020-09-28-twitter.md:13`: `{% twitter %}` is a link"),
        "{report}"
    );
    assert!(report.contains("layout `distill`"), "{report}");
    if build(&site) {
        built(
            &site,
            &["blog/2015/images", "blog/2021/redirect", "cv", "teaching"],
        );
        assert!(!site.join("public/blog/2021/an-unfinished-post").exists());
        // _data/cv.yml in al-folio's first format (a list of sections): drawn as al-folio did.
        let cv = read(&site, "public/cv/index.html");
        for card in ["cv-general-information", "cv-education"] {
            assert!(
                cv.contains(&format!(r#"<div class="card mt-3 p-3" id="{card}">"#)),
                "{cv}"
            );
        }
        assert!(
            cv.contains(r#"<th scope="row">Full Name</th><td>Jane Q. Doe</td>"#),
            "{cv}"
        );
        assert!(
            !site.join("public/blog/2019").exists(),
            "no archive of drafts"
        );
        let sitemap = read(&site, "public/sitemap.xml");
        assert!(!sitemap.contains("/blog/2019/"), "{sitemap}");
        let post = read(&site, "public/blog/2015/images/index.html");
        assert!(
            post.contains(
                "<figure data-zoomable><img src=\"https://janedoe.github.io/assets/img/12.jpg\""
            ),
            "{post}"
        );
    }
}

#[test]
fn generation_2022_kramdown_two_bibliographies_and_damaged_input() {
    let source = Path::new(FIXTURES).join("v2022");
    let (_tmp, site, out) = import(&source);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    everything_accounted_for(&source, &site);
    insta::assert_snapshot!("v2022_config", read(&site, "config.toml"));
    // The picture is in assets/images/, where this site keeps it: found there, not reported.
    let about = read(&site, "content/_index.md");
    assert!(
        about.contains("image = \"assets/images/prof_pic.jpg\""),
        "{about}"
    );
    assert!(site.join("static/assets/images/prof_pic.jpg").is_file());
    assert!(
        !report(&site).contains("profile image"),
        "{}",
        report(&site)
    );
    let kramdown = read(&site, "content/blog/2022/2022-02-01-kramdown.md");
    insta::assert_snapshot!("v2022_post_kramdown", kramdown);
    let report = report(&site);
    insta::assert_snapshot!("v2022_report", report);
    // Invalid YAML: reported with file and line, the rest converted.
    assert!(
        report.contains("`_posts/2022-03-01-broken.md:6`: invalid YAML front matter"),
        "{report}"
    );
    assert!(!site.join("content/blog/2022/2022-03-01-broken.md").exists());
    // Windows-1252 and mojibake.
    let cp = read(&site, "content/blog/2022/2022-04-01-cp1252.md");
    assert!(
        cp.contains("title = \"café notes\"") && cp.contains("“café” – naïve"),
        "{cp}"
    );
    assert!(
        read(&site, "content/news/announcement_1.md").contains("We’re moving to a new lab! 🎉")
    );
    // A permalink with `..` stays inside the site.
    assert!(read(&site, "content/escape.md").contains("path = \"etc/escape\""));
    assert_eq!(
        fs::read_dir(site.parent().unwrap()).unwrap().count(),
        1,
        "nothing written next to DEST"
    );
    assert!(read(&site, "content/talks.md").contains("bibliography = \"bibliography/talks.bib\""));
    // Bare BibTeX values jekyll-scholar took and Zola refuses: in braces.
    let bib = read(&site, "bibliography/papers.bib");
    assert!(
        bib.contains("month={May},\n  url={https://arxiv.org/abs/1905.13149}\n}"),
        "{bib}"
    );
    assert!(read(&site, "content/publications.md").contains("template = \"publications.html\""));
    let unpublished = read(&site, "content/blog/2022/2022-05-01-unpublished.md");
    assert!(unpublished.contains("draft = true"), "{unpublished}");
    if build(&site) {
        built(
            &site,
            &[
                "blog/2022/kramdown",
                "links",
                "talks",
                "etc/escape",
                "news/2022-02-10-dated-file",
            ],
        );
        let talks = read(&site, "public/talks/index.html");
        assert!(talks.contains("id=\"lee2022talk\""), "{talks}");
        let home = read(&site, "public/index.html");
        assert!(home.contains("assets/img/favicon.png"), "{home}");
        // jekyll-archives' old addresses redirect to the taxonomy pages, relatively.
        for (old, new) in [
            ("blog/tag/formatting", "tags/formatting"),
            ("blog/category/sample-posts", "categories/sample-posts"),
        ] {
            let stub = read(&site, &format!("public/{old}/index.html"));
            let to = format!("../../../{new}/");
            assert!(
                stub.contains(&format!(
                    "<meta http-equiv=\"refresh\" content=\"0; url={to}\">"
                )),
                "{stub}"
            );
            assert!(
                site.join("public").join(new).join("index.html").is_file(),
                "{new}"
            );
        }
    }
}

#[test]
fn generation_2025_socials_file_announcements_and_citations() {
    let source = Path::new(FIXTURES).join("v2025");
    let (_tmp, site, out) = import(&source);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    everything_accounted_for(&source, &site);
    let config = read(&site, "config.toml");
    insta::assert_snapshot!("v2025_config", config);
    let order: Vec<usize> = [
        "email =",
        "scholar_userid =",
        "inspirehep_id = \"1010907\"",
        "academia_edu = {",
        "custom_social = {",
        "rss_icon = true",
    ]
    .iter()
    .map(|k| config.find(k).unwrap_or_else(|| panic!("{k}: {config}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{config}");
    insta::assert_snapshot!("v2025_index", read(&site, "content/_index.md"));
    insta::assert_snapshot!(
        "v2025_post_liquid",
        read(&site, "content/blog/2024/2024-05-01-liquid.md")
    );
    let bib = read(&site, "content/blog/2023/2023-07-12-post-bibliography.md");
    assert!(
        bib.contains("{{ cite(key=\"einstein1905electrodynamics PhysRev.47.777\") }}"),
        "{bib}"
    );
    let media = read(&site, "content/blog/2024/2024-01-27-media.md");
    assert!(
        media.contains("{{ figure(path=\"assets/img/9.jpg\", class=\"img-fluid\") }}"),
        "{media}"
    );
    assert!(site.join("content/books/_index.md").is_file());
    // The CV: RenderCV data from _data/cv.yml, when the theme has the CV template.
    let cv = read(&site, "content/cv.md");
    if folio::import::theme_has("templates/cv.html") {
        assert!(cv.contains("template = \"cv.html\""), "{cv}");
        assert!(cv.contains("data = \"data/cv.yml\""), "{cv}");
    }
    assert!(cv.contains("cv_pdf = \"example_pdf.pdf\""), "{cv}");
    assert!(site.join("data/repositories.yml").is_file());
    let report = report(&site);
    assert!(report.contains("`title` is given twice"), "{report}");
    assert!(report.contains("`myspace_id`"), "{report}");
    assert!(
        report.contains("`NOTES.md`: Markdown without front matter"),
        "{report}"
    );
    assert!(!site.join("static/NOTES.md").exists());
    if build(&site) {
        built(
            &site,
            &[
                "blog/2023/post-bibliography",
                "blog/2024/media",
                "books/the_godfather",
                "cv",
                "news",
            ],
        );
        let post = read(&site, "public/blog/2023/post-bibliography/index.html");
        assert!(post.contains("Einstein &amp; Taub, 1950</a>)."), "{post}");
        // jekyll-scholar's quote: the text in a blockquote, the citation under it.
        let quote = Regex::new(
            r#"(?s)<blockquote>\s*<p>Lorem ipsum dolor sit amet, consectetur adipisicing elit,\s*sed do eiusmod tempor.</p>\s*<p>Lorem ipsum dolor sit amet, consectetur adipisicing.</p>\s*(?:<p>)?<cite>\(<a [^>]*href="[^"]*#einstein1905electrodynamics">Einstein, 1905</a>\)</cite>(?:</p>)?\s*</blockquote>"#,
        )
        .unwrap();
        assert!(quote.is_match(&post), "{post}");
        // al-folio's notebook block: the notebook itself, rendered at build time.
        let nb = read(&site, "public/blog/2023/jupyter-notebook/index.html");
        assert!(
            nb.contains(r#"<pre><code data-lang="python">"#)
                && nb.contains(r#"<pre class="nb-stream">Hello, notebook"#)
                && nb.contains("<em>Markdown</em>"),
            "{nb}"
        );
        assert!(!nb.contains("Sorry, the notebook"), "{nb}");
        let home = read(&site, "public/index.html");
        assert!(home.contains("Custom Social"), "{home}");
        // enable_navbar_social: the icons in the about page's navbar.
        assert!(
            home.contains(r#"<div class="navbar-brand social">"#),
            "{home}"
        );
        // The about page's social icons, included by another page, are there too.
        let contact = read(&site, "public/contact/index.html");
        let icons = |html: &str| {
            Regex::new(r#"<a href="mailto:[^"]*"[^>]*>"#)
                .unwrap()
                .find_iter(html)
                .count()
        };
        assert!(icons(&contact) == 1 && icons(&home) >= 1, "{contact}");
        // Another page's news include becomes a link to the news section (only the about page
        // lists news: Zola's shortcodes cannot read a section).
        assert!(
            Regex::new(r#"<a href="[^"]*/news/">News</a>"#)
                .unwrap()
                .is_match(&contact)
                && contact.contains("<table"),
            "{contact}"
        );
        // What could not be converted is out of sight, kept in comments, and reported.
        let liquid = read(&site, "public/blog/2024/liquid/index.html");
        assert!(
            liquid.contains("<!-- folio import: not converted: {% for contributor in site.github.contributors %}\n"),
            "{liquid}"
        );
        assert!(
            !Regex::new(r"(?s)\{\{ contributor")
                .unwrap()
                .is_match(&strip_comments(&liquid))
        );
        assert!(
            liquid.contains(r#"id="a-heading-with-a-long-title-for-the-sidebar""#),
            "{liquid}"
        );
        assert!(!liquid.contains("data-toc-text"), "{liquid}");
        let table = read(&site, "public/contact/index.html");
        assert!(
            table.contains("<!-- kramdown: {: .table .table-sm} -->"),
            "{table}"
        );
    }
    assert!(report.contains("site.github.contributors"), "{report}");
    assert!(report.contains("{: .table .table-sm}"), "{report}");
}

/// The page without its comments.
fn strip_comments(html: &str) -> String {
    Regex::new(r"(?s)<!--.*?-->")
        .unwrap()
        .replace_all(html, "")
        .into_owned()
}

#[test]
fn dest_must_be_new_or_empty_and_force_keeps_files() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    fs::create_dir_all(site.join("content")).unwrap();
    fs::write(site.join("config.toml"), "mine").unwrap();
    let out = folio(&["import", SEED, site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("not empty"), "{}", text(&out));
    let out = folio(&["import", "--force", SEED, site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(read(&site, "config.toml"), "mine");
    assert!(read(&site, "IMPORT_REPORT.md").contains("config.toml not written"));
    assert!(site.join("content/_index.md").is_file());
    let out = folio(&[
        "import",
        "/nonexistent/al-folio",
        tmp.path().join("x").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

/// A small al-folio site in a new temporary directory: `_config.yml`, the about page, and empty
/// `_posts/` and `_pages/` folders for the test to fill. Returns the directory and `src/` in it.
fn source_site(config: &str, about: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    fs::create_dir_all(src.join("_posts")).unwrap();
    fs::create_dir_all(src.join("_pages")).unwrap();
    fs::write(src.join("_config.yml"), config).unwrap();
    fs::write(src.join("_pages/about.md"), about).unwrap();
    (tmp, src)
}

#[test]
fn al_folios_own_url_left_in_the_config_is_not_the_sites_address() {
    let about = "---\nlayout: about\npermalink: /\ntitle: about\n---\nHello.\n";
    for (config, base) in [
        (
            "title: Lab\nurl: https://alshedivat.github.io\nbaseurl:\nrepository: neuhai/lab_homepage\n",
            "https://neuhai.github.io/lab_homepage",
        ),
        (
            "title: T\nurl: https://alshedivat.github.io\nbaseurl: /al-folio\n",
            "https://example.com/al-folio",
        ),
    ] {
        let (_tmp, src) = source_site(config, about);
        let site = src.parent().unwrap().join("site");
        let out = folio(&["import", src.to_str().unwrap(), site.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        let toml = read(&site, "config.toml");
        assert!(toml.contains(&format!("base_url = \"{base}\"")), "{toml}");
        assert!(!toml.contains("alshedivat.github.io"), "{toml}");
        let report = report(&site);
        assert!(report.contains("is al-folio's own address"), "{report}");
    }
}

#[test]
fn bad_files_are_reported_and_the_rest_converts() {
    let (_tmp, src) = source_site(
        "title: T\nurl: https://t.example\n",
        "---\nlayout: about\npermalink: /\ntitle: about\nselected_papers: true\n---\nHello.\n",
    );
    let mut bomb = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, prev) in [
        ("b", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "d"),
        ("f", "e"),
        ("g", "f"),
        ("h", "g"),
        ("i", "h"),
    ] {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    bomb.push_str("---\nbody\n");
    fs::write(src.join("_posts/2020-01-01-bomb.md"), bomb).unwrap();
    fs::write(
        src.join("_posts/2020-01-02-huge.md"),
        "---\ntitle: huge\n---\n",
    )
    .unwrap();
    let huge = fs::OpenOptions::new()
        .append(true)
        .open(src.join("_posts/2020-01-02-huge.md"))
        .unwrap();
    huge.set_len(9 * 1024 * 1024).unwrap();
    fs::write(
        src.join("_posts/2020-01-03-fine.md"),
        "---\ntitle: fine\n---\nStill here, citing {% cite nokey %} with no bibliography.\n",
    )
    .unwrap();
    fs::write(
        src.join("_posts/undated.md"),
        "---\ntitle: undated\n---\nNo date.\n",
    )
    .unwrap();
    let site = src.join("out"); // DEST inside SOURCE: not read back as source
    let start = std::time::Instant::now();
    let out = folio(&["import", src.to_str().unwrap(), site.to_str().unwrap()]);
    assert!(start.elapsed().as_secs() < 20);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let log = text(&out);
    assert!(!log.contains("panicked"), "{log}");
    let report = read(&site, "IMPORT_REPORT.md");
    assert!(report.contains("`_posts/2020-01-01-bomb.md:"), "{report}");
    assert!(report.contains("alias bomb"), "{report}");
    assert!(
        report.contains("`_posts/2020-01-02-huge.md`: 9.4 MB is over the 8 MB limit"),
        "{report}"
    );
    assert!(
        read(&site, "content/blog/2020/2020-01-03-fine.md")
            .contains("Still here, citing {{ cite(key=\"nokey\") }}")
    );
    assert!(!report.contains("`out/"), "{report}");
    assert!(
        report.contains("`_posts/undated.md`: no date in the file name"),
        "{report}"
    );
    // A draft dated by the file, in that year's section.
    let undated = walkdir::WalkDir::new(site.join("content/blog"))
        .into_iter()
        .flatten()
        .find(|e| e.file_name() == "undated.md")
        .expect("undated.md imported");
    let undated = fs::read_to_string(undated.path()).unwrap();
    assert!(undated.contains("draft = true"), "{undated}");
    if build(&site) {
        let post = read(&site, "public/2020/01/03/fine/index.html");
        assert!(post.contains("citing (nokey) with"), "{post}");
    }
}

#[test]
fn math_post_keeps_its_formulas_as_mathml() {
    // al-folio's own math example (kramdown `$$` inline and display, MathJax's `$`, a numbered
    // equation environment), with the TeX that Markdown would break: `\{`, `\\`, `\,`, `_…_`.
    let (_tmp, src) = source_site(
        "title: T\nurl: https://t.example\nenable_math: true\n",
        "---\nlayout: about\npermalink: /\ntitle: about\n---\nHello, it costs $5 and $10.\n",
    );
    fs::write(
        src.join("_posts/2015-10-20-math.md"),
        r#"---
layout: post
title: a post with math
date: 2015-10-20 11:12:00-0400
description: an example of a blog post with some math
---
Surround your math with `$$`, like `$$ E = mc^2 $$`. Inside a paragraph it is inline, just like $$ E = mc^2 $$, or $$\{a_1, a_2\}$$ and $x_i y_i$.

$$
\sum_{k=1}^\infty |\langle x, e_k \rangle|^2 \leq \|x\|^2
$$

\begin{equation}
\label{eq:cauchy-schwarz}
\left( \sum_{k=1}^n a_k b_k \right)^2 \leq \left( \sum_{k=1}^n a_k^2 \right) \left( \sum_{k=1}^n b_k^2 \right)
\end{equation}

A matrix: $$\begin{pmatrix} a & b \\ c & d \end{pmatrix}$$ with a thin\,space: $$a\,b$$.

```python
price = "$5"  # $x_1$ in code stays
```
"#,
    )
    .unwrap();
    let (_tmp2, site, out) = import(&src);
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{}",
        text(&out)
    );
    let post = read(&site, "content/blog/2015/2015-10-20-math.md");
    assert!(post.contains("math = true"), "{post}");
    assert!(
        post.contains(r"just like \\(E = mc^2\\), or \\(\\{a\_1, a\_2\\}\\) and $x\_i y\_i$."),
        "{post}"
    );
    assert!(
        post.contains("Surround your math with `$$`, like `$$ E = mc^2 $$`."),
        "{post}"
    );
    assert!(
        post.contains(r#"price = "$5"  # $x_1$ in code stays"#),
        "{post}"
    );
    let about = read(&site, "content/_index.md");
    assert!(!about.contains("math = true"), "{about}");
    assert!(about.contains("it costs $5 and $10."), "{about}");
    assert!(report(&site).contains("formula(s)"));
    assert!(read(&site, ".gitignore").contains("/.folio-serve/"));
    if !build(&site) {
        return;
    }
    let html = read(&site, "public/2015/10/20/math/index.html");
    let article = &html[html.find("<article").unwrap()..html.find("</article>").unwrap()];
    // Every formula: 3 inline in the first paragraph, the display sum, the equation, the
    // matrix and the thin space (inline).
    assert_eq!(article.matches("<math").count(), 7, "{article}");
    assert_eq!(
        article.matches("<math display=\"block\">").count(),
        2,
        "{article}"
    );
    assert!(!article.contains("merror"), "{article}");
    for tex in [
        r"\{a_1, a_2\}",
        r"a\,b",
        r"\begin{pmatrix} a &amp; b \\ c &amp; d \end{pmatrix}",
    ] {
        assert!(
            article.contains(&format!(">{tex}</annotation>")),
            "{tex} in {article}"
        );
    }
    assert!(article.contains("<code>$$</code>"));
    assert!(article.contains("$x_1$ in code stays"));
}

/// The files under `site`, `/`-separated, sorted.
fn files_under(site: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(site)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn dry_run_writes_nothing_and_lists_what_an_import_writes() {
    let source = Path::new(FIXTURES).join("v2025");
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("site");
    let out = folio(&[
        "import",
        "--dry-run",
        source.to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "nothing written, not even DEST"
    );
    let (listing, shown_report) = printed
        .split_once("\n# Import report\n")
        .unwrap_or_else(|| panic!("{printed}"));
    let listed: Vec<&str> = listing
        .lines()
        .map(|l| l.rsplit_once("  ").map_or(l, |(path, _)| path))
        .collect();
    assert!(listed.contains(&"themes/folio/"), "{listing}");
    // The same import, for real: the same files, the same report.
    let (_tmp, site, real) = import(&source);
    assert_eq!(real.status.code(), Some(1), "{}", text(&real));
    let mut expected: Vec<String> = files_under(&site)
        .into_iter()
        .filter(|f| !f.starts_with("themes/folio/"))
        .collect();
    expected.push("themes/folio/".into());
    expected.sort();
    let mut listed: Vec<String> = listed.into_iter().map(str::to_owned).collect();
    listed.sort();
    assert_eq!(listed, expected);
    let shown_report: String = format!("# Import report\n{shown_report}")
        .lines()
        .filter(|l| !l.starts_with("`folio import` converted"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(shown_report, report(&site));
    // Each text file's size is the size written.
    let config = fs::metadata(site.join("config.toml")).unwrap().len();
    assert!(
        listing.contains(&format!("config.toml  {}", size(config))),
        "{listing}"
    );
}

/// The listing's sizes: `512 B`, `4.2 kB`.
fn size(bytes: u64) -> String {
    if bytes < 1000 {
        format!("{bytes} B")
    } else {
        format!("{:.1} kB", bytes as f64 / 1e3)
    }
}

#[test]
fn dry_run_into_a_non_empty_dest_shows_what_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(site.join("config.toml"), "mine").unwrap();
    let dest = site.to_str().unwrap();
    let out = folio(&["import", "--dry-run", SEED, dest]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("not empty"), "{}", text(&out));
    let out = folio(&["import", "--dry-run", "--force", SEED, dest]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("config.toml not written"), "{printed}");
    let listed = |file: &str| printed.lines().any(|l| l.starts_with(&format!("{file}  ")));
    assert!(listed("content/_index.md"), "{printed}");
    assert!(!listed("config.toml"), "{printed}");
    assert_eq!(files_under(&site), vec!["config.toml".to_owned()]);
    assert_eq!(read(&site, "config.toml"), "mine");
}

/// The `[[extra.nav]]` entries of an imported config.toml: (name, url or the children as
/// "name url" lines, "---" for a divider).
fn nav_entries(site: &Path) -> Vec<(String, String)> {
    let config: toml::Table = toml::from_str(&read(site, "config.toml")).unwrap();
    let Some(nav) = config["extra"].get("nav").and_then(|n| n.as_array()) else {
        return Vec::new();
    };
    nav.iter()
        .map(|e| {
            let name = e["name"].as_str().unwrap().to_owned();
            let target = match e.get("children").and_then(|c| c.as_array()) {
                Some(children) => children
                    .iter()
                    .map(|c| match c.get("divider") {
                        Some(_) => "---".to_owned(),
                        None => format!(
                            "{} {}",
                            c["name"].as_str().unwrap(),
                            c["url"].as_str().unwrap()
                        ),
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => e["url"].as_str().unwrap().to_owned(),
            };
            (name, target)
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn navbar_in_al_folio_order_with_dropdowns_toc_featured_related() {
    // 2022: the blog (nav_order 1), then by nav_order; the dropdown page is a menu with its
    // divider, not flattened; the pages without nav: true are not in it.
    let (_tmp, site, _) = import(&Path::new(FIXTURES).join("v2022"));
    assert_eq!(
        nav_entries(&site),
        pairs(&[
            ("blog", "@/blog/_index.md"),
            ("publications", "@/publications.md"),
            ("talks", "@/talks.md"),
            ("repositories", "@/repositories.md"),
            (
                "submenus",
                "publications @/publications.md\n---\nprojects @/projects/_index.md"
            ),
        ])
    );
    let post = read(&site, "content/blog/2022/2022-02-01-kramdown.md");
    assert!(
        post.contains("toc = { sidebar = \"left\" }\nfeatured = true\n"),
        "{post}"
    );
    assert!(
        !report(&site).contains("`toc`"),
        "toc is read by the theme, not kept"
    );
    // 2021: blog_nav_title first, then nav_order; toc: beginning: true is the top contents.
    let (_tmp, site, _) = import(&Path::new(FIXTURES).join("v2021"));
    assert_eq!(
        nav_entries(&site),
        pairs(&[
            ("blog", "@/blog/_index.md"),
            ("publications", "@/publications.md"),
            ("cv", "@/cv.md"),
            ("teaching", "@/teaching.md"),
        ])
    );
    let math = read(&site, "content/blog/2015/2015-10-20-math.md");
    assert!(
        math.contains("toc = true\nrelated_posts = false\n"),
        "{math}"
    );
    // 2019: the site's own header: the blog (blog_name), then nav pages sorted by title.
    let (_tmp, site, _) = import(&Path::new(FIXTURES).join("v2019"));
    assert_eq!(
        nav_entries(&site),
        pairs(&[
            ("blog", "@/blog/_index.md"),
            ("projects", "@/projects/_index.md"),
            ("publications", "@/publications.md"),
        ])
    );
}

#[test]
fn first_generation_navbar_lists_every_titled_page_by_file_name_or_order() {
    // No header of its own and no page saying `nav:`: al-folio's first header, which listed
    // every page with a title (here teaching.md before talks.md by file name; untitled.md not).
    let (tmp, src) = source_site(
        "title: Ann\nblog_name: notes\n",
        "---\nlayout: about\ntitle: about\npermalink: /\n---\nHi.\n",
    );
    for (file, fm) in [
        ("teaching.md", "title: teaching\npermalink: /teaching/"),
        ("talks.md", "title: talks\npermalink: /talks/"),
        ("untitled.md", "permalink: /untitled/"),
    ] {
        fs::write(
            src.join("_pages").join(file),
            format!("---\nlayout: page\n{fm}\n---\nText.\n"),
        )
        .unwrap();
    }
    let site = tmp.path().join("site");
    folio(&["import", src.to_str().unwrap(), site.to_str().unwrap()]);
    assert_eq!(
        nav_entries(&site),
        pairs(&[("talks", "@/talks.md"), ("teaching", "@/teaching.md")])
    );
    // With `order:` (the key of some early versions), by it, pages without one first.
    fs::write(
        src.join("_pages/talks.md"),
        "---\nlayout: page\ntitle: talks\npermalink: /talks/\norder: 2\n---\nText.\n",
    )
    .unwrap();
    fs::write(
        src.join("_pages/teaching.md"),
        "---\nlayout: page\ntitle: teaching\npermalink: /teaching/\norder: 1\n---\nText.\n",
    )
    .unwrap();
    let site2 = tmp.path().join("site2");
    folio(&["import", src.to_str().unwrap(), site2.to_str().unwrap()]);
    assert_eq!(
        nav_entries(&site2),
        pairs(&[("teaching", "@/teaching.md"), ("talks", "@/talks.md")])
    );
}

/// A navbar page whose permalink is an anchor of the home page (`/#news`, seen on real sites)
/// is kept under its own name, never at the news section's path (Zola refuses two pages at one
/// path).
#[test]
fn an_anchor_permalink_page_does_not_take_a_sections_path() {
    let src = tempfile::tempdir().unwrap();
    let s = src.path();
    fs::create_dir_all(s.join("_pages")).unwrap();
    fs::create_dir_all(s.join("_news")).unwrap();
    fs::write(
        s.join("_config.yml"),
        "title: Lab\nfirst_name: Ann\nlast_name: Lee\ncollections:\n  news:\n    output: true\n",
    )
    .unwrap();
    fs::write(
        s.join("_pages/about.md"),
        "---\nlayout: about\ntitle: about\npermalink: /\nnews: true\n---\nHello.\n",
    )
    .unwrap();
    fs::write(
        s.join("_pages/news.md"),
        "---\ntitle: News\npermalink: /#news\nnav: true\n---\n",
    )
    .unwrap();
    fs::write(
        s.join("_news/2024-01-01-a.md"),
        "---\nlayout: post\ndate: 2024-01-01\ninline: true\n---\nA paper.\n",
    )
    .unwrap();
    let (_tmp, site, out) = import(s);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", text(&out));
    assert!(site.join("content/news/_index.md").is_file());
    assert!(!site.join("content/news.md").exists());
    assert!(site.join("content/news-page.md").is_file());
    build(&site);
}

/// al-folio's giscus, analytics and verification settings become the theme's, and a post's
/// `giscus_comments: true` its `comments = true`: with real Zola, that post has the comments
/// block and the other none; nothing of them is listed as unused in the report.
#[test]
fn comments_analytics_and_verification_are_imported() {
    let (_tmp, src) = source_site(
        "title: T\nurl: https://t.example\ngiscus:\n  repo: jane/site\n  repo_id: R_kgDOAbc\n  category: Comments\n  category_id: DIC_kwDOAbc\n  mapping: title\n  strict: 0\n  reactions_enabled: 1\n  input_position: bottom\n  emit_metadata: 0\n  lang: en\ndisqus_shortname: al-folio\nenable_google_analytics: true\ngoogle_analytics: G-ABC123XYZ9\nenable_cookie_consent: true\nenable_google_verification: true\ngoogle_site_verification: gsv-123\nserve_og_meta: true\nserve_schema_org: true\n",
        "---\nlayout: about\npermalink: /\ntitle: about\n---\nHello.\n",
    );
    fs::write(
        src.join("_posts/2020-01-03-talk.md"),
        "---\nlayout: post\ntitle: with comments\ngiscus_comments: true\n---\nSay something.\n",
    )
    .unwrap();
    fs::write(
        src.join("_posts/2020-01-04-quiet.md"),
        "---\nlayout: post\ntitle: without\n---\nNothing to say.\n",
    )
    .unwrap();
    let (_out, site, out) = import(&src);
    assert!(out.status.success(), "{}", text(&out));
    let config: toml::Table = toml::from_str(&read(&site, "config.toml")).unwrap();
    let extra = config["extra"].as_table().unwrap();
    assert_eq!(extra["giscus"]["repo"].as_str(), Some("jane/site"));
    assert_eq!(extra["google_analytics"].as_str(), Some("G-ABC123XYZ9"));
    assert_eq!(extra["enable_cookie_consent"].as_bool(), Some(true));
    assert_eq!(extra["google_site_verification"].as_str(), Some("gsv-123"));
    assert_eq!(extra["comments_on_posts"].as_bool(), Some(false));
    let talk = read(&site, "content/blog/2020/2020-01-03-talk.md");
    assert!(talk.contains("comments = true"), "{talk}");
    assert!(!talk.contains("giscus_comments"), "{talk}");
    let report = report(&site);
    for key in [
        "`giscus`",
        "`google_analytics`",
        "`enable_cookie_consent`",
        "`google_site_verification`",
        "`serve_og_meta`",
        "`giscus_comments`",
    ] {
        assert!(!report.contains(key), "{key} reported: {report}");
    }
    assert!(
        report.contains("`disqus_shortname`"),
        "the example forum is said: {report}"
    );
    if build(&site) {
        let talk = read(&site, "public/2020/01/03/talk/index.html");
        assert!(
            talk.contains(r#"data-provider="giscus" data-repo="jane/site""#),
            "{talk}"
        );
        assert!(talk.contains(r#"<meta name="google-site-verification" content="gsv-123">"#));
        assert!(talk.contains(r#"id="cookie-consent""#));
        let quiet = read(&site, "public/2020/01/04/quiet/index.html");
        assert!(!quiet.contains("id=\"comments\""), "{quiet}");
    }
}

/// The lab fixture: the teaching page over `_teachings` becomes the courses section at its URL
/// with its sentence, the repositories page the theme's cards with its own text, the profiles
/// page one block per person with the included Markdown converted, a project page its papers
/// from `--file` and `--query @*[key=…]`; built with real Zola, none shows template code.
#[test]
fn lab_site_teaching_repositories_profiles_and_project_papers() {
    let source = Path::new(FIXTURES).join("lab");
    let (_tmp, site, out) = import(&source);
    // Exit 1: the collaborators page (a loop over _data) still needs attention.
    assert!(text(&out).contains("Imported"), "{}", text(&out));
    let teaching = read(&site, "content/teaching/_index.md");
    assert!(
        teaching.contains("template = \"courses.html\""),
        "{teaching}"
    );
    assert!(
        teaching.contains("Our courses, newest first."),
        "{teaching}"
    );
    assert!(!teaching.contains("{%"), "{teaching}");
    let repos = read(&site, "content/repositories.md");
    assert!(
        repos.contains("template = \"repositories.html\""),
        "{repos}"
    );
    assert!(
        !repos.contains("{%") && !repos.contains("GitHub users"),
        "{repos}"
    );
    let founders = read(&site, "content/founders.md");
    assert!(
        founders.contains("template = \"profiles.html\""),
        "{founders}"
    );
    assert!(
        founders.contains("image = \"assets/img/people/reyes.jpg\""),
        "{founders}"
    );
    assert!(
        founders.contains("[the database](@/projects/tidedb.md)"),
        "{founders}"
    );
    assert!(!founders.contains("content = "), "{founders}");
    let buoy = read(&site, "content/projects/buoy.md");
    assert!(
        buoy.contains("{{ bibliography(file=\"bibliography/buoy.bib\") }}"),
        "{buoy}"
    );
    assert!(
        buoy.contains("{{ bibliography(query=\"key=sato2023logger\") }}"),
        "{buoy}"
    );
    // A page whose permalink is a file of the site: the file stays, the navbar links it.
    assert!(!site.join("content/brochure.md").exists());
    assert!(site.join("static/assets/pdf/brochure.pdf").is_file());
    let config = read(&site, "config.toml");
    assert!(
        config.contains("url = \"/assets/pdf/brochure.pdf\""),
        "{config}"
    );
    // A member with an about-page `profile:` (newer lab sites): the name from it, the title
    // as the role, the photo and links from it.
    let okafor = read(&site, "content/people/okafor.md");
    assert!(okafor.contains("title = \"Chidi Okafor\""), "{okafor}");
    assert!(okafor.contains("role = \"PhD Student\""), "{okafor}");
    assert!(
        okafor.contains("image = \"/assets/img/people/brandt.jpg\""),
        "{okafor}"
    );
    assert!(
        okafor.contains("github_username = \"chidi-example\""),
        "{okafor}"
    );
    assert!(okafor.contains("https://chidi.example.org"), "{okafor}");
    // Loops over _data: Markdown shortcodes of the site, Tera that Zola's Tera parses.
    let collaborators = read(&site, "content/collaborators.md");
    assert!(
        collaborators.contains("{{ data_collaborators_1() }}"),
        "{collaborators}"
    );
    let alumni = read(&site, "content/alumni.md");
    assert!(alumni.contains("{{ data_alumni_1() }}"), "{alumni}");
    let mut tera = tera::Tera::default();
    for name in ["data_collaborators_1", "data_alumni_1"] {
        let text = read(&site, &format!("templates/shortcodes/{name}.md"));
        tera.add_raw_template(name, &text)
            .unwrap_or_else(|e| panic!("{name} parses with tera 1.20.1: {e:?}\n{text}"));
    }
    let report = report(&site);
    assert!(
        report.contains("collaborators.md:11`: a loop over _data: the shortcode templates/shortcodes/data_collaborators_1.md"),
        "{report}"
    );
    assert!(
        !report.contains("Liquid `{% for c in site.data"),
        "{report}"
    );
    assert!(!report.contains("repositories.md:"), "{report}");
    assert!(!report.contains("teaching.md:"), "{report}");
    assert!(!report.contains("`profiles`"), "{report}");
    if !build(&site) {
        return;
    }
    let page = |p: &str| read(&site, &format!("public/{p}index.html"));
    let teaching = page("teaching/");
    assert!(teaching.contains("<p>Our courses, newest first.</p>"));
    assert!(teaching.contains("Sensing the Shore") && teaching.contains("Tide Data"));
    let repos = page("repositories/");
    for name in ["tidepool-lab/buoy-logger", "tidepool-lab/tidedb"] {
        assert!(
            repos.contains(&format!("https://github.com/{name}")),
            "{repos}"
        );
    }
    let founders = page("founders/");
    assert_eq!(
        founders.matches("<div class=\"profile float-").count(),
        2,
        "{founders}"
    );
    assert!(founders.contains("<strong>cheap sensors</strong>"));
    assert!(
        founders.contains("href=\"https://tidepool.example.edu/projects/tidedb/\""),
        "{founders}"
    );
    let buoy = page("projects/buoy/");
    for title in [
        "A floating logger for rock pools",
        "Drift of cheap pressure sensors",
        "Logging the tide",
    ] {
        assert!(buoy.contains(title), "{title} on the project page");
    }
    let people = page("people/");
    assert!(people.contains("Chidi Okafor"), "{people}");
    // The loops' lists, from data/ (escaped, a missing key empty, as Liquid had it).
    let alumni = page("alumni/");
    assert!(
        alumni.contains(r#"href="https://mira.example.org""#),
        "{alumni}"
    );
    assert!(
        alumni.contains(
            ">Mira Holm</a> (now: Lecturer, Northport), Tomas Vey (now: Kelp Systems Group)"
        ),
        "{alumni}"
    );
    assert!(alumni.contains("Jon &amp; Co</p>"), "{alumni}");
    assert!(
        alumni.contains(r#"<h3 id="students">STUDENTS</h3>"#),
        "{alumni}"
    );
    let collaborators = page("collaborators/");
    assert!(
        collaborators.contains(r#"href="https://kelp.example.org""#)
            && collaborators.contains(">Kelp Systems Group</a>, Northport"),
        "{collaborators}"
    );
    // related_publications: the cited entries under the text, in the order first cited.
    let tidedb = page("projects/tidedb/");
    let at = tidedb
        .find("<h2 class=\"references\">references</h2>")
        .expect("references");
    let refs = &tidedb[at..];
    let logger = refs.find("Logging the tide").unwrap();
    let buoy_at = refs.find("A floating logger for rock pools").unwrap();
    assert!(logger < buoy_at, "{refs}");
    for (p, html) in [
        ("alumni", &alumni),
        ("collaborators", &collaborators),
        ("teaching", &teaching),
        ("repositories", &repos),
        ("founders", &founders),
        ("buoy", &buoy),
    ] {
        assert!(
            !html.contains("{%") && !html.contains("{{"),
            "{p} shows template code"
        );
    }
}

/// al-folio's `{% tabs %}` (jekyll-tabs) → the theme's tab panels, with its script on that page
/// only; built with real Zola.
#[test]
fn tabs_of_a_2026_post_become_the_themes_tabs() {
    let (_tmp, site, out) = import(&Path::new(FIXTURES).join("v2026"));
    assert!(text(&out).contains("Imported"), "{}", text(&out));
    let post = fs::read_dir(site.join("content/blog/2025"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("loop-order"))
        .expect("the loop-order post");
    let md = fs::read_to_string(&post).unwrap();
    assert!(md.contains("<div class=\"tabs\" data-tabs>"), "{md}");
    assert_eq!(
        md.matches("<section class=\"tab-panel\">").count(),
        2,
        "{md}"
    );
    assert!(!md.contains("{% tab"), "{md}");
    if !build(&site) {
        return;
    }
    let html = fs::read_dir(site.join("public/blog/2025"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .find(|p| p.to_string_lossy().contains("loop-order"))
        .map(|p| fs::read_to_string(p).unwrap())
        .expect("the loop-order page");
    assert!(html.contains("<p class=\"tab-title\">python</p>"), "{html}");
    assert!(html.contains("folio-tabs.js"), "{html}");
    let home = read(&site, "public/index.html");
    assert!(!home.contains("folio-tabs.js"));
}
