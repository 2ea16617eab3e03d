//! Lab pages: people.html groups a section's people by category in the order the section
//! names, person.html shows one person with links; courses.html lists courses by year,
//! course.html shows the schedule. Hostile fields stay text and a `javascript:` URL is no link.

use super::*;

const BASE: &str = "https://example.com";

fn lab_site() -> Site {
    let mut site = site(&demo_config(), &demo_home());
    let people = [
        (
            "people/b.md",
            "+++\ntitle = \"Ben <i>Sample</i>\"\nweight = 2\n[extra]\nrole = \"PhD <script>\"\ncategory = \"phd\"\nimage = \"javascript:alert(1)\"\n+++\nBen.\n",
        ),
        (
            "people/a.md",
            "+++\ntitle = \"Ada Example\"\nweight = 1\n[extra]\nrole = \"PI\"\ncategory = \"faculty\"\nperiod = \"2024–\"\nimage = \"/assets/img/ada.png\"\n[extra.socials]\ngithub_username = \"ada\"\nwebsite = { url = \"javascript:alert(1)\", title = \"Site\" }\n[extra.profile]\naddress = \"Room 1<br />Main St. <script>x</script>\"\n+++\nAda leads.\n",
        ),
        (
            "people/c.md",
            "+++\ntitle = \"Cleo\"\nweight = 3\n+++\nCleo.\n",
        ),
        (
            "people/d.md",
            "+++\ntitle = \"Dan\"\nweight = 4\n[extra]\ncategory = \"visitors\"\n+++\nDan.\n",
        ),
    ];
    let pages: Vec<Value> = people
        .iter()
        .map(|(rel, text)| page_value(rel, text, BASE, "people/_index.md"))
        .collect();
    let section = section_value(
        "people/_index.md",
        "+++\ntitle = \"people\"\ntemplate = \"people.html\"\npage_template = \"person.html\"\n[extra]\ncategories = [\"faculty\", { key = \"phd\", title = \"PhD students\" }]\n+++\n",
        BASE,
        pages,
        vec![],
    );
    site.sections.insert("people/_index.md".into(), section);
    let courses = [
        (
            "teaching/old.md",
            "+++\ntitle = \"Old Course\"\n[extra]\nyear = 2024\nterm = \"Spring\"\ninstructor = \"Ada\"\n+++\n",
        ),
        (
            "teaching/new.md",
            "+++\ntitle = \"New <b>Course</b>\"\ndescription = \"About & more\"\n[extra]\nyear = 2026\nterm = \"Fall\"\ncourse_id = \"CS 1\"\ninstructors = [\"Ada\", \"Ben\"]\n[[extra.schedule]]\ndate = 2026-09-08\ntopic = \"Intro <x>\"\nmaterials = [{ name = \"slides\", url = \"/assets/s.pdf\" }, { name = \"bad\", url = \"javascript:alert(1)\" }]\n[[extra.schedule]]\nweek = 3\ntopic = \"Later\"\nreadings = [\"Chapter 2\"]\n+++\nBody.\n",
        ),
    ];
    let pages: Vec<Value> = courses
        .iter()
        .map(|(rel, text)| page_value(rel, text, BASE, "teaching/_index.md"))
        .collect();
    let section = section_value(
        "teaching/_index.md",
        "+++\ntitle = \"teaching\"\ntemplate = \"courses.html\"\npage_template = \"course.html\"\n+++\n",
        BASE,
        pages,
        vec![],
    );
    site.sections.insert("teaching/_index.md".into(), section);
    site
}

fn render(site: &Site, template: &str, ctx: &tera::Context) -> String {
    load_theme(site)
        .render(template, ctx)
        .unwrap_or_else(|e| panic!("{template} renders: {}", error_chain(&e)))
}

fn page_index(site: &Site, section: &str, title: &str) -> usize {
    site.sections[section]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["title"] == title)
        .unwrap()
}

#[test]
fn people_are_grouped_by_category_in_the_sections_order() {
    let site = lab_site();
    let html = render(
        &site,
        "people.html",
        &section_context(&site, "people/_index.md"),
    );
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in {html}"));
    // The section's order first (faculty, then phd with its title), then other categories,
    // then people without one, under no heading.
    assert!(at(">faculty</h2>") < at("Ada Example"));
    assert!(at("Ada Example") < at(">PhD students</h2>"));
    assert!(
        at(">PhD students</h2>") < at("Ben <i>Sample</i>"),
        "titles keep inline HTML"
    );
    assert!(at("Ben <i>Sample</i>") < at(">visitors</h2>"));
    assert!(at(">visitors</h2>") < at("Dan") && at("Dan") < at("Cleo"));
    assert_eq!(
        html.matches("class=\"people-category\"").count(),
        3,
        "{html}"
    );
    assert!(html.contains("PhD &lt;script&gt;"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains(r#"src="/assets/img/ada.png""#), "{html}");
    assert!(
        html.contains(r#"person-initials card-img-top" aria-hidden="true">B</span>"#),
        "a photo that is no image: initials, {html}"
    );
}

#[test]
fn a_persons_page_has_photo_role_period_bio_and_links() {
    let site = lab_site();
    let i = page_index(&site, "people/_index.md", "Ada Example");
    let html = render(
        &site,
        "person.html",
        &page_context(&site, "people/_index.md", i),
    );
    assert!(html.contains(r#"<img src="/assets/img/ada.png" class="img-fluid z-depth-1 rounded" alt="Ada Example">"#), "{html}");
    assert!(
        html.contains(
            r#"<span class="person-role">PI</span> · <span class="person-period">2024–</span>"#
        ),
        "{html}"
    );
    assert!(html.contains("Ada leads."), "{html}");
    // The address of al-folio's profile table, under the photo, its <br> kept and nothing else.
    assert!(
        html.contains(
            r#"<div class="address">Room 1<br>Main St. &lt;script&gt;x&lt;&#x2F;script&gt;</div>"#
        ) || html.contains(
            r#"<div class="address">Room 1<br>Main St. &lt;script&gt;x&lt;/script&gt;</div>"#
        ),
        "{html}"
    );
    assert!(html.contains(r#"href="https://github.com/ada""#), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
}

#[test]
fn courses_by_year_and_a_course_with_its_schedule() {
    let site = lab_site();
    let html = render(
        &site,
        "courses.html",
        &section_context(&site, "teaching/_index.md"),
    );
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in {html}"));
    assert!(
        at(">2026</h2>") < at("New <b>Course</b>") && at("New <b>Course</b>") < at(">2024</h2>")
    );
    assert!(html.contains(r#"<span class="course-term">Fall 2026</span> · <span class="course-instructors">Ada, Ben</span>"#), "{html}");
    assert!(
        html.contains(r#"<span class="course-instructors">Ada</span>"#),
        "one instructor: {html}"
    );
    assert!(html.contains("About &amp; more"), "{html}");

    let i = page_index(&site, "teaching/_index.md", "New <b>Course</b>");
    let html = render(
        &site,
        "course.html",
        &page_context(&site, "teaching/_index.md", i),
    );
    assert!(html.contains("<dt>Course</dt><dd>CS 1</dd>"), "{html}");
    assert!(
        html.contains(r#"<td class="schedule-date">Sep 08</td>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<td class="schedule-date">Week 3</td>"#),
        "{html}"
    );
    assert!(html.contains("<strong>Intro &lt;x&gt;</strong>"), "{html}");
    assert!(
        html.contains(r#"<a href="https://example.com/assets/s.pdf">slides</a>"#),
        "{html}"
    );
    assert!(
        html.contains("<li>bad</li>") && !html.contains("javascript:"),
        "{html}"
    );
    assert!(
        html.contains(r#"<th scope="col">Readings</th>"#) && html.contains("<li>Chapter 2</li>"),
        "{html}"
    );
}

/// profiles.html (al-folio's profiles layout): each profile is the about page's block (the
/// picture floated, more_info under it) and then its text: a Markdown file of the site
/// (`content`), inline Markdown (`text`), or the page's body.
#[test]
fn profiles_page_shows_each_profile_with_its_own_text() {
    let mut site = site(&demo_config(), &demo_home());
    site.files.insert(
        "data/founders/ada.md".into(),
        "Ada **founded** the group.\n".into(),
    );
    let page = page_value(
        "founders.md",
        "+++\ntitle = \"founders\"\ntemplate = \"profiles.html\"\n[[extra.profiles]]\nalign = \"right\"\nimage = \"profile.jpeg\"\nname = \"Ada Example\"\ncontent = \"data/founders/ada.md\"\nmore_info = \"<p>Room 1</p>\"\n[[extra.profiles]]\nalign = \"left\"\nimage = \"assets/img/people/ben-sample.svg\"\nimage_circular = true\nalt = \"Ben <b>\"\ntext = \"Ben *keeps* the lab running.\"\n[[extra.profiles]]\ncontent = \"data/founders/nobody.md\"\n[[extra.profiles]]\ncontent = \"../../etc/passwd\"\n[[extra.profiles]]\nalign = \"middle\"\n+++\nThe page's own body.\n",
        BASE,
        "_index.md",
    );
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("current_url", &page["permalink"]);
    ctx.insert("current_path", &page["path"]);
    ctx.insert("zola_version", "0.22.1");
    ctx.insert("page", &page);
    ctx.insert("lang", "en");
    let html = render(&site, "profiles.html", &ctx);
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let blocks: Vec<&str> = main
        .split(r#"<div class="profile float-"#)
        .skip(1)
        .collect();
    assert_eq!(blocks.len(), 5, "{main}");
    // The first: right, the raster picture as WebP, eager (no loading attribute), its file's
    // Markdown, more_info.
    assert!(
        blocks[0].starts_with(r#"right" data-align="right" data-circular="false">"#),
        "{}",
        blocks[0]
    );
    assert!(blocks[0].contains("<picture><source srcset=\"https://example.com/processed_images/profile.0000000000000000.webp 480w\""), "{}", blocks[0]);
    assert!(
        blocks[0].contains(
            r#"class="img-fluid z-depth-1 rounded" width="480" height="600" alt="Ada Example">"#
        ),
        "{}",
        blocks[0]
    );
    assert!(blocks[0].contains(r#"<div class="more-info"><p>Room 1</p></div>"#));
    assert!(
        blocks[0].contains("<p>Ada <strong>founded</strong> the group.</p>"),
        "{}",
        blocks[0]
    );
    // The second: left, circular, an SVG as it is, lazy, alt escaped, inline Markdown.
    assert!(blocks[1].starts_with(r#"left" data-align="left" data-circular="true">"#));
    assert!(blocks[1].contains(r#"<img src="/assets/img/people/ben-sample.svg" class="img-fluid z-depth-1 rounded-circle" alt="Ben &lt;b&gt;" loading="lazy">"#), "{}", blocks[1]);
    assert!(blocks[1].contains("<p>Ben <em>keeps</em> the lab running.</p>"));
    // A missing file and a path out of the site: named, not loaded.
    assert!(
        blocks[2].contains("(data/founders/nobody.md: no such file in the site)"),
        "{}",
        blocks[2]
    );
    assert!(
        blocks[3].contains("(../../etc/passwd: no such file in the site)"),
        "{}",
        blocks[3]
    );
    // Neither: the page's body; an unknown align is right.
    assert!(blocks[4].starts_with(r#"right""#));
    assert!(blocks[4].contains("The page's own body."), "{}", blocks[4]);
    assert!(!blocks[0].contains("The page's own body."));
}

/// related_publications under a page: the entries named, in that order (a list or al-folio's
/// comma-separated text), unknown keys left out; none named: no references heading.
#[test]
fn related_publications_list_the_named_entries_in_order() {
    let site = site(&demo_config(), &demo_home());
    let render_page = |extra: &str| {
        let page = page_value(
            "projects/x.md",
            &format!("+++\ntitle = \"x\"\n[extra]\n{extra}\n+++\nBody.\n"),
            BASE,
            "projects/_index.md",
        );
        let mut ctx = Context::new();
        ctx.insert("config", &site.config);
        ctx.insert("current_url", &page["permalink"]);
        ctx.insert("current_path", &page["path"]);
        ctx.insert("zola_version", "0.22.1");
        ctx.insert("page", &page);
        ctx.insert("lang", "en");
        render(&site, "page.html", &ctx)
    };
    let ids = |html: &str| -> Vec<String> {
        let Some(at) = html.find(r#"<h2 class="references">references</h2>"#) else {
            return vec![];
        };
        regex::Regex::new(r#"<div id="([^"]+)" class="col-sm-8""#)
            .unwrap()
            .captures_iter(&html[at..])
            .map(|c| c[1].to_owned())
            .collect()
    };
    let text = render_page("related_publications = \"liu2021survey, nokey, liu2024lowbit\"");
    assert_eq!(ids(&text), ["liu2021survey", "liu2024lowbit"]);
    let list = render_page("related_publications = [\"liu2024lowbit\", \"liu2021survey\"]");
    assert_eq!(ids(&list), ["liu2024lowbit", "liu2021survey"]);
    for none in [
        "related_publications = true",
        "related_publications = [\"nokey\"]",
        "",
    ] {
        assert!(
            !render_page(none).contains("class=\"references\""),
            "{none}"
        );
    }
}
