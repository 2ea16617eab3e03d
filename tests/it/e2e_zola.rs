//! End to end with real Zola: builds the demo site (and a fresh site that uses
//! the theme with theme/config.example.toml) into temp dirs and fails on any
//! error or warning in zola's output. Zola comes from $ZOLA or PATH; without
//! it the tests print `skipped: zola not found` and pass (CI has no zola).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;
use crate::templates::reader;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `zola build` in `site` into `out`; panics on failure or on any warning/error line.
fn zola_build(zola: &Path, site: &Path, out: &Path) -> String {
    let output = Command::new(zola)
        .arg("--root")
        .arg(site)
        .arg("build")
        .arg("--output-dir")
        .arg(out)
        .output()
        .expect("running zola");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "zola build failed in {}:\n{log}",
        site.display()
    );
    for line in log.lines() {
        let l = line.to_lowercase();
        assert!(
            !l.contains("warn") && !l.contains("error"),
            "zola printed a warning or an error building {}:\n{log}",
            site.display()
        );
    }
    log
}

/// The demo site built by real Zola into a temporary `public/`; `None` (and the skip message)
/// without zola.
fn demo_built() -> Option<(tempfile::TempDir, PathBuf)> {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return None;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    zola_build(&zola, &root(), &out);
    Some((tmp, out))
}

fn read(p: impl AsRef<Path>) -> String {
    let p = p.as_ref();
    fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn demo_site_builds_with_real_zola_without_warnings() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    let version = Command::new(&zola)
        .arg("--version")
        .output()
        .expect("zola --version");
    println!("using {}", String::from_utf8_lossy(&version.stdout).trim());

    // The demo site reaches the theme through the themes/folio -> ../theme symlink.
    let link = root().join("themes/folio");
    assert!(
        fs::symlink_metadata(&link)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false),
        "themes/folio must be a symlink to ../theme"
    );

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    zola_build(&zola, &root(), &out);

    let index = read(out.join("index.html"));
    // The about page: title, profile floated right with the address, bio, news heading, socials, contact note.
    assert!(index.contains(r#"<h1 class="post-title">"#));
    assert!(
        index.contains(
            r#"<div class="profile float-right" data-align="right" data-circular="false">"#
        )
    );
    assert!(
        index
            .contains(r#"<img src="/assets/img/profile.jpeg" class="img-fluid z-depth-1 rounded""#)
    );
    assert!(
        out.join("assets/img/profile.jpeg").is_file(),
        "the profile picture is in the output"
    );
    assert!(index.contains(r#"<div class="more-info"><p>Duncan Hall, 3014</p>"#));
    assert!(index.contains("I’m Zirui"), "mojibake repaired");
    assert!(index.contains("📧📧") && index.contains("🔥🔥"));
    assert!(
        index.contains(r#"<h3 id="news">News</h3>"#),
        "Zola gives the seed's News heading id=news"
    );
    let icons = &index[index
        .find(r#"<div class="contact-icons">"#)
        .expect("contact-icons")..];
    let mail = icons.find(r#"<a href="mailto:"#).expect("mailto link");
    let scholar = icons
        .find("https://scholar.google.com/citations?user=0i1w_egAAAAJ")
        .expect("scholar link");
    assert!(mail < scholar, "config order: email, then scholar");
    assert!(index.contains(r#"<div class="contact-note">"#));
    assert!(
        !icons[..icons.find("</div>").unwrap()].contains("ziruiliu.recruit@gmail.com"),
        "no plain e-mail address"
    );
    // Theme assets, no external requests.
    assert!(out.join("folio.css").is_file() && out.join("custom.css").is_file());
    let css = read(out.join("folio.css"));
    for needle in [
        "#b509ac",
        "#2698ba",
        "930px",
        "data-theme=dark",
        "prefers-color-scheme:dark",
    ] {
        assert!(
            css.replace(['"', ' '], "")
                .contains(&needle.replace(['"', ' '], "")),
            "folio.css lacks {needle}"
        );
    }
    for page in [
        "index.html",
        "news/index.html",
        "blog/2024/hello-folio/index.html",
        "blog/index.html",
        "publications/index.html",
        "404.html",
    ] {
        let html = read(out.join(page));
        // A script is the site's own (the zoom script of a page with a zoomable image).
        for (i, _) in html.match_indices("<script src=\"") {
            let src = &html[i + "<script src=\"".len()..];
            assert!(
                src.starts_with("https://example.com/") || src.starts_with('/'),
                "{page} loads a script from elsewhere: {}",
                &src[..src.find('"').unwrap_or(src.len())]
            );
        }
        for bad in ["fonts.googleapis", "cdn.jsdelivr", "unpkg.com", "cdnjs"] {
            assert!(!html.contains(bad), "{page} loads {bad}");
        }
    }
    // News archive and items.
    let news = read(out.join("news/index.html"));
    assert!(news.contains(r#"<th scope="row" style="width: 20%">Jul 10, 2024</th>"#));
    assert!(out.join("blog/2024/hello-folio/index.html").is_file());
    // The blog: numbered pages, year archives, tag pages, the blog feed.
    let blog = read(out.join("blog/index.html"));
    assert!(blog.contains(r#"<ul class="pagination pagination-lg justify-content-center">"#));
    assert!(blog.contains(r#"href="https://example.com/blog/2024/"><i class="fa-solid fa-calendar fa-sm"></i> 2024</a>"#));
    assert!(out.join("blog/page/2/index.html").is_file());
    assert!(out.join("blog/2023/index.html").is_file());
    assert!(out.join("blog/atom.xml").is_file());
    assert!(read(out.join("tags/llm/index.html")).contains("an archive of posts with this tag"));
    assert!(index.contains(r#"href="https://example.com/blog/atom.xml""#));
}

#[test]
fn fresh_site_with_the_example_config_builds_without_warnings() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    // The manual install: theme/ copied to themes/folio, config.example.toml as config.toml.
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("theme"), &site.join("themes/folio"));
    fs::copy(
        root().join("theme/config.example.toml"),
        site.join("config.toml"),
    )
    .unwrap();
    fs::create_dir_all(site.join("content/news")).unwrap();
    fs::create_dir_all(site.join("content/blog")).unwrap();
    fs::write(
        site.join("content/_index.md"),
        "+++\ntitle = \"about\"\n\n[extra]\nsubtitle = \"A subtitle at <a href='https://example.edu/'>Example University</a>\"\nsocial = true\nannouncements = { enabled = true, limit = 5 }\nlatest_posts = { enabled = true }\n\n[extra.profile]\nalign = \"left\"\nimage_circular = true\nmore_info = \"<p>Somewhere</p>\"\n+++\nHello.\n",
    )
    .unwrap();
    fs::write(
        site.join("content/news/_index.md"),
        "+++\ntitle = \"news\"\nsort_by = \"date\"\ntemplate = \"news.html\"\npage_template = \"news_item.html\"\n+++\n",
    )
    .unwrap();
    fs::write(
        site.join("content/news/first.md"),
        "+++\ntitle = \"First\"\ndate = 2025-01-15\n\n[extra]\ninline = true\n+++\nA first **news** item.\n",
    )
    .unwrap();
    fs::write(
        site.join("content/blog/_index.md"),
        "+++\ntitle = \"blog\"\nsort_by = \"date\"\npage_template = \"post.html\"\n+++\n",
    )
    .unwrap();
    fs::write(
        site.join("content/blog/post.md"),
        "+++\ntitle = \"A post\"\ndate = 2025-02-01\n\n[taxonomies]\ntags = [\"x\"]\n+++\nText.\n",
    )
    .unwrap();
    let out = tmp.path().join("public");
    zola_build(&zola, &site, &out);
    let index = read(out.join("index.html"));
    assert!(
        index
            .contains(r#"<div class="profile float-left" data-align="left" data-circular="true">"#)
    );
    assert!(index.contains(r#"<div class="more-info"><p>Somewhere</p></div>"#));
    // The subtitle is HTML, as in al-folio.
    assert!(index.contains(
        r#"<p class="desc">A subtitle at <a href='https://example.edu/'>Example University</a></p>"#
    ));
    assert!(index.contains(r#"<th scope="row" style="width: 20%">Jan 15, 2025</th>"#));
    assert!(
        index.contains("A first <strong>news</strong> item."),
        "inline news without <p>"
    );
    assert!(
        index.contains(r#"<a class="news-title" href="https://example.com/blog/post/">A post</a>"#)
    );
}

#[test]
fn demo_site_builds_under_a_sub_path() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    // GitHub Pages project sites live under a path: the profile picture's
    // root-relative src keeps base_url's path, so the rewriter finds the file.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let output = Command::new(&zola)
        .arg("--root")
        .arg(root())
        .args([
            "build",
            "--base-url",
            "https://user.github.io/repo",
            "--output-dir",
        ])
        .arg(&out)
        .output()
        .expect("running zola");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let index = read(out.join("index.html"));
    assert!(index.contains(r#"<img src="/repo/assets/img/profile.jpeg""#));
    assert!(
        index.contains(r#"<link rel="stylesheet" href="https://user.github.io/repo/folio.css">"#)
    );
    assert!(
        index.contains(r#"<a class="nav-link" href="https://user.github.io/repo/news/">news</a>"#)
    );
}

/// The demo site copied to `dir` (config, content, sass, static, the theme as themes/folio).
fn copy_demo(dir: &Path) {
    for entry in ["content", "sass", "static"] {
        copy_dir(&root().join(entry), &dir.join(entry));
    }
    fs::copy(root().join("config.toml"), dir.join("config.toml")).unwrap();
    copy_dir(&root().join("theme"), &dir.join("themes/folio"));
}

#[test]
fn demo_publications_with_real_zola() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    zola_build(&zola, &root(), &out);
    let html = read(out.join("publications/index.html"));
    // Year headings newest first, al-folio's entry markup.
    let y2024 = html
        .find(r#"<h2 class="bibliography" data-pagefind-filter="year">2024</h2>"#)
        .unwrap();
    let y2023 = html
        .find(r#"<h2 class="bibliography" data-pagefind-filter="year">2023</h2>"#)
        .unwrap();
    let undated = html
        .find(r#"<h2 class="bibliography">undated</h2>"#)
        .unwrap();
    assert!(y2024 < y2023 && y2023 < undated);
    assert_eq!(html.matches("><div class=\"row\">").count(), 10);
    // The publications filter's words (year, keywords) on each dated entry.
    assert!(html.contains(r#"<li data-search="2024"><div class="row">"#));
    assert!(html.contains("<em>Zirui Liu</em>") && html.contains("<em>Z. Liu</em>"));
    assert!(html.contains(r#"<details class="more-authors">"#));
    assert!(html.contains(r#"<details class="bibtex">"#));
    assert!(
        html.contains("In Proceedings of the 41st International Conference on Machine Learning")
    );
    assert!(html.contains("Müller-Style Error Feedback — a Study"));
    assert!(html.contains(r#"href="https://example.com/assets/pdf/lowbit-kv.pdf""#));
    assert!(out.join("assets/pdf/lowbit-kv.pdf").is_file());
    assert!(
        out.join("assets/img/publication_preview/lowbit-kv.svg")
            .is_file()
    );
    // A project page lists its own papers with the bibliography shortcode, in the file's order.
    let project = read(out.join("projects/lowbit-kv/index.html"));
    let ids: Vec<&str> = project
        .match_indices(r#"" class="col-sm-8""#)
        .map(|(at, _)| {
            let start = project[..at].rfind("id=\"").unwrap() + 4;
            &project[start..at]
        })
        .collect();
    assert_eq!(ids, ["liu2024lowbit", "liu2024thesis"]);
    assert!(project.contains("<em>Zirui Liu</em>"));
    // The demo's about page keeps the seed's `selected_papers = false`: no block.
    assert!(!read(out.join("index.html")).contains("selected publications"));
    // Turned on, the about page's selected papers: no year headings.
    let site = tmp.path().join("site");
    copy_demo(&site);
    let about = site.join("content/_index.md");
    let front = read(&about);
    assert!(front.contains("selected_papers = false"));
    fs::write(
        &about,
        front.replace("selected_papers = false", "selected_papers = true"),
    )
    .unwrap();
    let out = tmp.path().join("public-selected");
    zola_build(&zola, &site, &out);
    let index = read(out.join("index.html"));
    let sel = &index[index.find("selected publications").unwrap()..];
    assert_eq!(sel.matches("><div class=\"row\">").count(), 3);
    assert!(!sel.contains(r#"<h2 class="bibliography""#));
}

#[test]
fn bib_layout_cases_with_real_zola() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_demo(&site);
    fs::write(
        site.join("static/bibliography/papers.bib"),
        r#"@string{conf = "Proc. of Examples"}
@inproceedings{a, title = {A}, author = {Liu, Zirui and Okonkwo, Mara}, booktitle = conf # " 2024", year = 2024, month = mar}
@article{b, title = {{GPU}s for M{\"u}ller's \'Etude -- a {\ss}tudy}, author = {Mara Okonkwo and Zirui Liu}, journal = {J}, year = 2023}
@article{c, title = {C}, author = {A One and B Two and C Three and D Four and E Five}, year = 2022}
@misc{d,}
@misc{e, title = {Only a title}}
"#,
    )
    .unwrap();
    let out = tmp.path().join("public");
    zola_build(&zola, &site, &out);
    let html = read(out.join("publications/index.html"));
    assert!(
        html.contains("<em>In Proc. of Examples 2024</em>, Mar 2024"),
        "@string and # joined"
    );
    assert!(html.contains(
        "<em>Zirui Liu</em> and <a href=\"https://example.org/~okonkwo/\">Mara Okonkwo</a>"
    ));
    assert!(html.contains(
        "<a href=\"https://example.org/~okonkwo/\">Mara Okonkwo</a> and <em>Zirui Liu</em>"
    ));
    assert!(html.contains("GPUs for Müller's Étude – a ßtudy"));
    assert!(html.contains(r#"A One, B Two, C Three, and <details class="more-authors"><summary title="Show 2 more authors">2 more authors</summary>D Four, E Five</details>"#));
    assert!(html.contains(r#"<div class="title">d</div>"#));
    assert!(html.contains(r#"<div class="title">Only a title</div>"#));
}

#[test]
fn bib_syntax_error_names_the_line_and_entry() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_demo(&site);
    fs::write(
        site.join("static/bibliography/papers.bib"),
        "@article{good, title = {Good}, year = 2020}\n\n@article{broken, title = {Unclosed, year = 2021\n",
    )
    .unwrap();
    let output = Command::new(&zola)
        .arg("--root")
        .arg(&site)
        .args(["build", "--output-dir"])
        .arg(tmp.path().join("public"))
        .output()
        .expect("running zola");
    let log = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success(),
        "a broken .bib stops the build:\n{log}"
    );
    assert!(log.contains("load_data"), "{log}");
    assert!(
        log.contains("at line 3") && log.contains("@article{broken"),
        "{log}"
    );
}

#[test]
fn cv_pages_with_real_zola() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    // The demo's RenderCV page.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    zola_build(&zola, &root(), &out);
    let html = read(out.join("cv/index.html"));
    assert!(
        html.contains(r#"href="https://example.com/assets/pdf/cv.pdf" class="float-right cv-pdf""#)
    );
    assert!(out.join("assets/pdf/cv.pdf").is_file());
    assert!(html.contains(">Experience</h2>") && html.contains(">Aug 2024 – present</span>"));
    // JSON Resume through load_data(format = "json").
    let site = tmp.path().join("site");
    copy_demo(&site);
    fs::write(
        site.join("content/cv/resume.json"),
        r#"{"basics": {"name": "Zirui Liu", "label": "Researcher"},
            "work": [{"name": "Example University", "position": "Professor", "startDate": "2024-08-01"}],
            "skills": [{"name": "Programming", "keywords": ["Python", "Rust"]}]}"#,
    )
    .unwrap();
    let page = read(site.join("content/cv/index.md"))
        .replace("data = \"cv/cv.yml\"", "data = \"cv/resume.json\"");
    fs::write(site.join("content/cv/index.md"), page).unwrap();
    let out2 = tmp.path().join("public2");
    zola_build(&zola, &site, &out2);
    let html = read(out2.join("cv/index.html"));
    assert!(html.contains(r#"<h2 class="card-title font-weight-medium">Zirui Liu</h2>"#));
    assert!(html.contains(">Work</h2>") && html.contains(">Aug 2024 – present</span>"));
    assert!(html.contains(r#"<span class="cv-label">Programming:</span> Python, Rust"#));
}

#[test]
fn large_blog_with_real_zola() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    // A blog laid out as `folio import` lays out al-folio's: posts in transparent year sections,
    // 2 a page (30 pagers), tags; the about page's latest posts; an al-folio image gallery.
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("theme"), &site.join("themes/folio"));
    fs::write(
        site.join("config.toml"),
        "base_url = \"https://example.com\"\ntitle = \"Blog\"\ntheme = \"folio\"\ncompile_sass = true\n\
         taxonomies = [{ name = \"tags\", feed = false }]\n\n[extra]\nfirst_name = \"Sam\"\nlast_name = \"Lee\"\n",
    )
    .unwrap();
    fs::create_dir_all(site.join("content/blog")).unwrap();
    fs::write(
        site.join("content/_index.md"),
        "+++\ntitle = \"about\"\n\n[extra]\nlatest_posts = { enabled = true, limit = 3 }\n+++\nHello.\n",
    )
    .unwrap();
    fs::write(
        site.join("content/blog/_index.md"),
        "+++\ntitle = \"blog\"\nsort_by = \"date\"\ntemplate = \"blog.html\"\npage_template = \"post.html\"\npaginate_by = 2\n+++\n",
    )
    .unwrap();
    for year in 2021..=2023 {
        let dir = site.join(format!("content/blog/{year}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("_index.md"),
            format!("+++\ntitle = \"{year}\"\nsort_by = \"date\"\ntransparent = true\ntemplate = \"blog_year.html\"\npage_template = \"post.html\"\n+++\n"),
        )
        .unwrap();
        for i in 1..=20 {
            fs::write(
                dir.join(format!("{year}-{:02}-{:02}-post-{i}.md", 1 + i % 12, i)),
                format!(
                    "+++\ntitle = \"Post {year} {i}\"\ndate = {year}-{:02}-{:02}\npath = \"blog/{year}/post-{i}\"\n\n\
                     [taxonomies]\ntags = [\"t{}\", \"all\"]\n+++\nText.\n",
                    1 + i % 12,
                    i,
                    i % 4
                ),
            )
            .unwrap();
        }
    }
    fs::write(
        site.join("content/blog/2023/gallery.md"),
        "+++\ntitle = \"Gallery\"\ndate = 2023-12-31\n+++\n\
         <div class=\"row mt-3\">\n    <div class=\"col-sm-8 mt-3 mt-md-0\">\n        {{ figure(path=\"a.png\", class=\"img-fluid rounded z-depth-1\") }}\n    </div>\n\
         \x20   <div class=\"col-sm-4 mt-3 mt-md-0\">\n        {{ figure(path=\"b.png\", class=\"img-fluid rounded z-depth-1\", caption=\"B\") }}\n    </div>\n</div>\n\
         <div class=\"caption\">\n    Both.\n</div>\n",
    )
    .unwrap();
    let out = tmp.path().join("public");
    zola_build(&zola, &site, &out);
    // 61 posts, 2 a page: 31 pagers, each with al-folio's trail of five numbers, not 31.
    let links = |n: usize| {
        let path = if n == 1 {
            out.join("blog/index.html")
        } else {
            out.join(format!("blog/page/{n}/index.html"))
        };
        let html = read(path);
        let nav = &html[html.find(r#"<nav aria-label="Blog pages">"#).unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        nav.matches(r#"<li class="page-item"#).count()
    };
    for n in [1, 2, 16, 30, 31] {
        assert_eq!(links(n), 5 + 2, "pager {n}: five numbers, newer and older");
    }
    let last = read(out.join("blog/page/31/index.html"));
    assert!(
        last.contains(r#"<a class="page-link" href="https://example.com/blog/page/27/">27</a>"#)
    );
    assert!(!last.contains(r#"href="https://example.com/blog/page/26/">26</a>"#));
    // Latest posts: the three newest.
    let index = read(out.join("index.html"));
    let latest = &index[index.find("latest posts").unwrap()..];
    let latest = &latest[..latest.find("</table>").unwrap()];
    assert_eq!(latest.matches("<tr>").count(), 3);
    let order: Vec<usize> = ["Gallery", "Post 2023 11", "Post 2023 10"]
        .iter()
        .map(|t| {
            latest
                .find(&format!(">{t}</a>"))
                .unwrap_or_else(|| panic!("{t} in {latest}"))
        })
        .collect();
    assert!(order[0] < order[1] && order[1] < order[2], "{latest}");
    // The gallery: al-folio's markup through the figure shortcode.
    let gallery = read(out.join("blog/2023/gallery/index.html"));
    assert!(gallery.contains(r#"<div class="col-sm-4 mt-3 mt-md-0">"#));
    assert!(gallery.contains(r#"<figure><img src="https://example.com/b.png" class="img-fluid rounded z-depth-1" alt="B" loading="lazy"><figcaption class="caption">B</figcaption></figure>"#));
    let css = read(out.join("folio.css"));
    for rule in [".col-sm{", ".col-sm-4{", ".mt-md-0{", ".caption{"] {
        assert!(css.contains(rule), "folio.css has {rule}");
    }
}

#[test]
fn demo_site_built_and_rewritten_passes_the_audit() {
    let Some((_tmp, out)) = demo_built() else {
        return;
    };
    let (config, _) = folio::config::Config::load(&root()).expect("the demo config loads");
    let before = folio::audit::run(&out, &config, None).unwrap();
    assert!(
        !before.problems.is_empty(),
        "Zola's output alone is not finished"
    );
    let summary = folio::engine::run(&out, &config, &folio::engine::Options::default()).unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.files);
    let after = folio::audit::run(&out, &config, None).unwrap();
    assert!(after.problems.is_empty(), "{:#?}", after.problems);
    assert!(after.highlighted > 0 && after.formulas > 0 && after.stylesheets > 0);
    assert_eq!(after.stylesheets_ok, after.stylesheets);
    let again = folio::engine::run(&out, &config, &folio::engine::Options::default()).unwrap();
    assert_eq!(again.changed(), 0, "a second run changes nothing");
}

/// The Markdown fields (footer_text, contact_note, a BibTeX award and additional_info, RenderCV
/// text, details, bullets and highlights) with each hostile payload, through Zola's own
/// markdown filter: nothing in the built site runs (tests/templates/reader.rs reads it).
#[test]
fn markdown_fields_with_hostile_text_with_real_zola() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut tried = 0;
    let mut findings = Vec::new();
    for (i, template) in reader::PAYLOADS.iter().enumerate() {
        let mut n = 0;
        let mut next = || {
            n += 1;
            template.replace('N', &n.to_string())
        };
        let site = tmp.path().join(format!("site{i}"));
        copy_demo(&site);
        let toml = |s: String| toml::Value::String(s).to_string();
        let config = read(site.join("config.toml"));
        let config = config
            .lines()
            .map(|l| {
                if l.starts_with("footer_text = ") {
                    format!("footer_text = {}", toml(next()))
                } else if l.starts_with("contact_note = ") {
                    format!("contact_note = {}", toml(next()))
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        fs::write(site.join("config.toml"), config).unwrap();
        let bib_path = site.join("static/bibliography/papers.bib");
        let bib = format!(
            "{}\n@inproceedings{{xss{i},\n  title = {{X}},\n  booktitle = {{B}},\n  year = {{2024}},\n  award_name = {{A}},\n  award = {{{}}},\n  additional_info = {{{}}}\n}}\n",
            read(&bib_path),
            next().replace(['{', '}'], ""),
            next().replace(['{', '}'], "")
        );
        fs::write(&bib_path, bib).unwrap();
        let cv_path = site.join("content/cv/cv.yml");
        let mut cv: serde_yaml::Value = serde_yaml::from_str(&read(&cv_path)).unwrap();
        let section = serde_yaml::to_value(serde_json::json!([
            next(),
            {"label": "L", "details": next()},
            {"bullet": next()},
            {"name": "E", "summary": next(), "highlights": [next()]},
        ]))
        .unwrap();
        cv["cv"]["sections"]
            .as_mapping_mut()
            .unwrap()
            .insert("hostile".into(), section);
        fs::write(&cv_path, serde_yaml::to_string(&cv).unwrap()).unwrap();
        tried += n;
        let out = tmp.path().join(format!("public{i}"));
        zola_build(&zola, &site, &out);
        for page in [
            "index.html",
            "publications/index.html",
            "cv/index.html",
            "blog/index.html",
        ] {
            for (problem, snippet) in reader::problems(&read(out.join(page))) {
                findings.push(format!("{template:?}: {page}: {problem}: {snippet}"));
            }
        }
    }
    println!(
        "real Zola: {tried} injections into Markdown fields, {} findings",
        findings.len()
    );
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
fn demo_navigation_and_reading_aids_with_real_zola() {
    let Some(zola) = common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    zola_build(&zola, &root(), &out);
    // The post with toc = { sidebar = "left" }: Zola's page.toc, nested, in a sidebar.
    let post = read(out.join("blog/2022/long-context-notes/index.html"));
    assert!(post.contains("<div class=\"toc-layout toc-layout-left\">\n<aside class=\"toc-sidebar\">\n<nav class=\"toc toc-left\" aria-labelledby=\"toc-title\">"), "{post}");
    assert!(post.contains("<li><a href=\"#the-key-value-cache\">The key-value cache</a>\n  <ul>\n  <li><a href=\"#paging-the-cache\">Paging the cache</a></li>"));
    assert!(post.contains("IntersectionObserver"));
    // Heading anchors (the blog sections' insert_anchor_links), through the theme's anchor-link.html.
    assert!(post.contains(r##"<h2 id="prefill-and-decode">Prefill and decode<a class="heading-anchor" href="#prefill-and-decode" aria-label="Link to this section">#</a></h2>"##));
    assert!(!post.contains("zola-anchor"));
    // Related posts: sharing a tag or a category, newest first, not the post itself.
    let related = &post[post
        .find("<aside class=\"related-posts\"")
        .expect("related posts")..];
    let related = &related[..related.find("</aside>").unwrap()];
    assert!(!related.contains("long-context-notes"));
    let kv = related.find("kv-cache-memory").expect("kv post shares llm");
    let matmul = related
        .find("randomized-matmul")
        .expect("older post sharing a tag");
    assert!(kv < matmul, "newest first");
    // The long post and the CV get the back-to-top link; a short post does not.
    assert!(post.contains("class=\"back-to-top\""));
    assert!(read(out.join("cv/index.html")).contains("class=\"back-to-top\""));
    assert!(!read(out.join("blog/2024/hello-folio/index.html")).contains("class=\"back-to-top\""));
    // The featured post as a card on the blog's first page only.
    let blog = read(out.join("blog/index.html"));
    assert_eq!(blog.matches("featured-card").count(), 1);
    assert!(!read(out.join("blog/page/2/index.html")).contains("featured-card"));
    // The dropdown: a button with its menu; the parent marked on a child's page.
    let index = read(out.join("index.html"));
    assert!(index.contains(r#"<button class="nav-link dropdown-toggle" type="button" id="nav-dropdown-6" aria-haspopup="true" aria-expanded="false" aria-controls="nav-menu-6">more</button>"#));
    assert!(index.contains(r#"<li class="dropdown-divider" role="separator"></li>"#));
    let child = read(out.join("projects/reading-group/index.html"));
    assert!(child.contains(r#"<li class="nav-item dropdown active">"#));
    assert!(child.contains(r#"<a class="dropdown-item active" role="menuitem" href="https://example.com/projects/reading-group/" aria-current="page">reading group</a>"#));
    // Pages without a dropdown entry in their navbar get no dropdown script; no page has a TOC
    // script without a TOC.
    assert!(!read(out.join("blog/2024/hello-folio/index.html")).contains("IntersectionObserver"));
}
