//! The theme against hostile strings: script, attribute and URL payloads put into every
//! config and front-matter string the templates render (site title and names, every social
//! key, custom socials, nav entries, notes, news, posts, projects, venues, co-authors, every
//! BibTeX field the entry layout reads, both CV formats), every page template rendered, and
//! the output read as a browser would. Nothing may come out as markup, and no href/src may
//! start with `javascript:`, `data:`, `vbscript:` or be protocol-relative (`//host`, `\\host`).
//!
//! Each injected value carries its own number (`alert(17)`, `evil17.example`), so a finding
//! names the field it came from. Fields al-folio defines as HTML (the about page's subtitle
//! and profile more_info / address) are the site owner's markup by design and are left out.

use super::reader::{PAYLOADS, problems};
use super::*;

/// Hands out numbered payloads and remembers which field got which number.
struct Injector {
    template: String,
    fields: Vec<String>,
}

impl Injector {
    fn next(&mut self, field: &str) -> String {
        self.fields.push(field.to_string());
        self.template.replace('N', &self.fields.len().to_string())
    }

    /// Sets `v[key]` (creating objects on the way) to a fresh payload.
    fn set(&mut self, v: &mut Value, path: &[&str], field: &str) {
        let payload = Value::String(self.next(field));
        put(v, path, payload);
    }

    /// Sets `v[key]` to a one-element list holding a fresh payload.
    fn set_list(&mut self, v: &mut Value, path: &[&str], field: &str) {
        let payload = json!([self.next(field)]);
        put(v, path, payload);
    }
}

fn put(v: &mut Value, path: &[&str], value: Value) {
    let mut cur = v;
    for (i, k) in path.iter().enumerate() {
        if !cur.is_object() {
            *cur = json!({});
        }
        let map = cur.as_object_mut().unwrap();
        if i + 1 == path.len() {
            map.insert(k.to_string(), value);
            return;
        }
        cur = map.entry(k.to_string()).or_insert(json!({}));
    }
}

/// Every [extra.socials] key the theme knows, read from its macro.
fn social_keys() -> Vec<String> {
    let text = read(theme_dir().join("templates/macros/folio.html"));
    let start = text.find("{% macro social(").expect("social macro");
    let end = start + text[start..].find("endmacro social").unwrap();
    let re = regex::Regex::new(r#""([a-z_]+)""#).unwrap();
    let mut keys = BTreeSet::new();
    for line in text[start..end].lines() {
        if line.contains("key ==") || line.contains("key in [") {
            for c in re.captures_iter(line) {
                keys.insert(c[1].to_string());
            }
        }
    }
    keys.into_iter().collect()
}

fn inject_config(c: &mut Value, inj: &mut Injector) {
    for k in ["title", "description", "author"] {
        inj.set(c, &[k], &format!("config.{k}"));
    }
    for k in [
        "first_name",
        "middle_name",
        "last_name",
        "nav_home_title",
        "footer_text",
        "contact_note",
        "twitter_site",
        "og_image",
        "favicon",
        "image_dir",
        "cv_pdf",
        "affiliation",
        "job_title",
        "disqus_shortname",
        "goatcounter_code",
        "google_analytics",
        "google_site_verification",
        "bing_site_verification",
    ] {
        inj.set(c, &["extra", k], &format!("extra.{k}"));
    }
    inj.set_list(c, &["extra", "stylesheets"], "extra.stylesheets[]");
    // The opt-in services: giscus with ids that pass (so its block renders) and every other
    // field a payload; Plausible and Umami; the consent banner on.
    put(c, &["extra", "enable_cookie_consent"], json!(true));
    put(c, &["extra", "giscus", "repo"], json!("owner/site"));
    put(c, &["extra", "giscus", "repo_id"], json!("R_1"));
    put(c, &["extra", "giscus", "category_id"], json!("DIC_1"));
    for k in ["category", "mapping", "input_position", "lang"] {
        inj.set(c, &["extra", "giscus", k], &format!("extra.giscus.{k}"));
    }
    for (table, keys) in [
        ("plausible", ["domain", "script"]),
        ("umami", ["website_id", "script"]),
    ] {
        for k in keys {
            inj.set(c, &["extra", table, k], &format!("extra.{table}.{k}"));
        }
    }
    let nav = json!([
        {"name": inj.next("extra.nav[].name"), "url": inj.next("extra.nav[].url")},
        {"name": "ok", "url": inj.next("extra.nav[].url (named)")},
    ]);
    put(c, &["extra", "nav"], nav);
    let mut socials = json!({});
    for key in social_keys() {
        if key == "rss_icon" {
            continue; // a boolean
        }
        inj.set(&mut socials, &[&key], &format!("extra.socials.{key}"));
    }
    for (name, icon_or_logo) in [("evil_icon", "icon"), ("evil_logo", "logo")] {
        inj.set(
            &mut socials,
            &[name, "title"],
            &format!("extra.socials.{name}.title"),
        );
        inj.set(
            &mut socials,
            &[name, "url"],
            &format!("extra.socials.{name}.url"),
        );
        inj.set(
            &mut socials,
            &[name, icon_or_logo],
            &format!("extra.socials.{name}.{icon_or_logo}"),
        );
    }
    // A custom entry whose url is fine: its title and logo still are not.
    socials["good_url"] = json!({"url": "https://ok.example/", "title": inj.next("extra.socials.good_url.title"), "logo": inj.next("extra.socials.good_url.logo")});
    put(c, &["extra", "socials"], socials);
    for k in ["page", "pdf_dir", "html_dir", "preview_dir"] {
        inj.set(c, &["extra", "scholar", k], &format!("extra.scholar.{k}"));
    }
    put(
        c,
        &["extra", "scholar", "badges"],
        json!({"altmetric": true, "dimensions": true, "google_scholar": true, "inspirehep": true}),
    );
    put(c, &["extra", "scholar", "bibtex_show"], json!(true));
    let venue = json!({"url": inj.next("extra.venues.VEN.url"), "color": inj.next("extra.venues.VEN.color"), "title": inj.next("extra.venues.VEN.title")});
    put(c, &["extra", "venues", "VEN"], venue);
    let coauthor =
        json!([{ "firstname": ["Mara"], "url": inj.next("extra.coauthors.okonkwo[].url") }]);
    put(c, &["extra", "coauthors", "okonkwo"], coauthor);
}

/// A page's or section's front matter strings.
fn inject_item(p: &mut Value, inj: &mut Injector, what: &str) {
    inj.set(p, &["title"], &format!("{what}.title"));
    inj.set(p, &["description"], &format!("{what}.description"));
    if p.get("taxonomies").is_some() {
        inj.set_list(
            p,
            &["taxonomies", "tags"],
            &format!("{what}.taxonomies.tags"),
        );
        inj.set_list(
            p,
            &["taxonomies", "categories"],
            &format!("{what}.taxonomies.categories"),
        );
        inj.set_list(p, &["authors"], &format!("{what}.authors"));
    }
    for k in [
        "redirect",
        "thumbnail",
        "external_source",
        "img",
        "github",
        "category",
        "og_image",
    ] {
        inj.set(p, &["extra", k], &format!("{what}.extra.{k}"));
    }
    for side in ["lower", "higher"] {
        if p.get(side).is_some_and(Value::is_object) {
            inj.set(p, &[side, "title"], &format!("{what}.{side}.title"));
        }
    }
}

/// One entry of each kind the periodical line knows, every field a payload.
fn hostile_bib(inj: &mut Injector) -> String {
    const FIELDS: &[&str] = &[
        "title",
        "author",
        "journal",
        "booktitle",
        "school",
        "publisher",
        "howpublished",
        "location",
        "additional_info",
        "month",
        "note",
        "annotation",
        "award",
        "award_name",
        "abstract",
        "doi",
        "arxiv",
        "hal",
        "html",
        "pdf",
        "supp",
        "video",
        "blog",
        "code",
        "poster",
        "slides",
        "website",
        "preview",
        "altmetric",
        "dimensions",
        "google_scholar_id",
        "inspirehep_id",
        "eprint",
        "pmid",
        "isbn",
        "url",
        "keywords",
    ];
    let mut out = String::new();
    for (i, kind) in ["article", "inproceedings", "phdthesis", "misc", "book"]
        .iter()
        .enumerate()
    {
        out.push_str(&format!("@{kind}{{x{i},\n"));
        for f in FIELDS {
            let v = inj.next(&format!("bib @{kind}.{f}"));
            out.push_str(&format!("  {f} = {{{}}},\n", v.replace(['{', '}'], "")));
        }
        let abbr = if i == 0 {
            "VEN".to_string()
        } else {
            inj.next(&format!("bib @{kind}.abbr"))
                .replace(['{', '}'], "")
        };
        out.push_str(&format!(
            "  abbr = {{{abbr}}},\n  editor = {{{}}},\n  year = {{2024}},\n  selected = {{true}},\n  bibtex_show = {{true}}\n}}\n",
            inj.next(&format!("bib @{kind}.editor")).replace(['{', '}'], "")
        ));
    }
    // Co-author links: a name the [extra.coauthors] table knows.
    out.push_str("@misc{co, title = {Co}, author = {Mara Okonkwo and Zirui Liu}, year = {2023}}\n");
    out
}

fn hostile_rendercv(inj: &mut Injector) -> String {
    let mut e = |f: &str| Value::String(inj.next(&format!("cv.yml {f}")));
    let section_title = e("sections key").as_str().unwrap().to_string();
    let entries = json!([
            e("text entry"),
            {"label": e("label"), "details": e("details")},
            {"bullet": e("bullet")},
            {"institution": e("institution"), "area": e("area"), "degree": e("degree"), "start_date": e("start_date"), "end_date": e("end_date"), "location": e("location"), "summary": e("summary"), "highlights": [e("highlights[]")], "url": e("url")},
            {"company": e("company"), "position": e("position"), "date": e("date"), "highlights": [e("highlights[]")]},
            {"title": e("title"), "authors": [e("authors[]")], "journal": e("journal"), "doi": e("doi"), "url": e("url (publication)"), "date": e("date")},
            {"name": e("name (entry)"), "summary": e("summary (entry)")},
    ]);
    let mut sections = serde_json::Map::new();
    sections.insert(section_title, entries);
    let cv = json!({"cv": {
        "name": e("name"), "label": e("label"), "location": e("location"), "email": e("email"),
        "phone": e("phone"), "website": e("website"),
        "social_networks": [
            {"network": "GitHub", "username": e("social_networks[].username (GitHub)")},
            {"network": "Mastodon", "username": e("social_networks[].username (Mastodon)")},
            {"network": e("social_networks[].network"), "username": e("social_networks[].username")},
        ],
        "sections": sections,
    }});
    serde_yaml::to_string(&cv).unwrap()
}

fn hostile_json_resume(inj: &mut Injector) -> String {
    let mut e = |f: &str| Value::String(inj.next(&format!("resume.json {f}")));
    let r = json!({
        "basics": {"name": e("basics.name"), "label": e("basics.label"), "summary": e("basics.summary"),
            "email": e("basics.email"), "phone": e("basics.phone"), "url": e("basics.url"),
            "location": {"city": e("basics.location.city"), "region": e("basics.location.region"), "countryCode": e("basics.location.countryCode")},
            "profiles": [{"network": e("profiles[].network"), "username": e("profiles[].username"), "url": e("profiles[].url")}]},
        "work": [{"name": e("work[].name"), "position": e("work[].position"), "startDate": e("work[].startDate"), "endDate": e("work[].endDate"), "summary": e("work[].summary"), "highlights": [e("work[].highlights[]")], "location": e("work[].location"), "url": e("work[].url")}],
        "volunteer": [{"organization": e("volunteer[].organization"), "position": e("volunteer[].position")}],
        "education": [{"institution": e("education[].institution"), "studyType": e("education[].studyType"), "area": e("education[].area"), "score": e("education[].score"), "courses": [e("education[].courses[]")]}],
        "awards": [{"title": e("awards[].title"), "awarder": e("awards[].awarder"), "date": e("awards[].date")}],
        "certificates": [{"name": e("certificates[].name"), "issuer": e("certificates[].issuer")}],
        "publications": [{"name": e("publications[].name"), "publisher": e("publications[].publisher"), "releaseDate": e("publications[].releaseDate")}],
        "skills": [{"name": e("skills[].name"), "level": e("skills[].level"), "keywords": [e("skills[].keywords[]")]}],
        "languages": [{"language": e("languages[].language"), "fluency": e("languages[].fluency")}],
        "interests": [{"name": e("interests[].name"), "keywords": [e("interests[].keywords[]")]}],
        "references": [{"name": e("references[].name"), "reference": e("references[].reference")}],
        "projects": [{"name": e("projects[].name"), "description": e("projects[].description"), "url": e("projects[].url"), "highlights": [e("projects[].highlights[]")]}],
    });
    serde_json::to_string(&r).unwrap()
}

/// The demo site with every string the theme renders replaced by a numbered payload.
fn hostile_site(template: &str) -> (Site, Injector) {
    let mut inj = Injector {
        template: template.to_string(),
        fields: Vec::new(),
    };
    let mut s = site(&demo_config(), &demo_home());
    inject_config(&mut s.config, &mut inj);
    let mut names: Vec<String> = s.sections.keys().cloned().collect();
    names.sort();
    for name in names {
        let sec = s.sections.get_mut(&name).unwrap();
        inject_item(sec, &mut inj, &format!("section {name}"));
        inj.set_list(
            sec,
            &["extra", "display_tags"],
            &format!("section {name} extra.display_tags"),
        );
        inj.set_list(
            sec,
            &["extra", "display_categories"],
            &format!("section {name} extra.display_categories"),
        );
        let pages = sec["pages"].as_array_mut().unwrap();
        for p in pages.iter_mut() {
            let rel = p["relative_path"].as_str().unwrap().to_string();
            let keep = p["extra"].clone();
            inject_item(p, &mut inj, &format!("page {rel}"));
            // The pages the templates read by path keep what makes them what they are.
            if rel == "cv/index.md" || rel == "publications.md" {
                for (k, v) in keep.as_object().unwrap() {
                    p["extra"][k] = v.clone();
                }
            }
        }
    }
    let home = s.sections.get_mut("_index.md").unwrap();
    for (k, v) in [
        ("announcements", json!({"enabled": true})),
        ("latest_posts", json!({"enabled": true})),
        ("selected_papers", json!(true)),
        ("social", json!(true)),
    ] {
        home["extra"][k] = v;
    }
    home["extra"]["profile"] = json!({"align": "left", "image_circular": true});
    inj.set(
        home,
        &["extra", "profile", "image"],
        "home extra.profile.image",
    );
    inj.set(home, &["extra", "profile", "alt"], "home extra.profile.alt");
    let bib = hostile_bib(&mut inj);
    s.files.insert("bibliography/papers.bib".into(), bib);
    let cv = hostile_rendercv(&mut inj);
    s.files.insert("xss/cv.yml".into(), cv);
    let resume = hostile_json_resume(&mut inj);
    s.files.insert("xss/resume.json".into(), resume);
    (s, inj)
}

/// Every page template, rendered as Zola would for the hostile site: (what, HTML or error).
fn render_everything(s: &Site, inj: &mut Injector) -> Vec<(String, Result<String, String>)> {
    let mut out = Vec::new();
    let mut render = |tera: &Tera, name: &str, what: &str, ctx: &Context| {
        let r = tera.render(name, ctx).map_err(|e| error_chain(&e));
        out.push((format!("{name} ({what})"), r));
    };
    let tera = load_theme(s);
    render(
        &tera,
        "index.html",
        "home",
        &section_context(s, "_index.md"),
    );
    render(
        &tera,
        "news.html",
        "news",
        &section_context(s, "news/_index.md"),
    );
    render(
        &tera,
        "section.html",
        "blog",
        &section_context(s, "blog/_index.md"),
    );
    render(&tera, "blog.html", "blog page 1", &blog_context(s, 1));
    render(&tera, "blog.html", "blog page 2", &blog_context(s, 2));
    render(
        &tera,
        "blog_year.html",
        "blog/2024",
        &section_context(s, "blog/2024/_index.md"),
    );
    render(
        &tera,
        "projects.html",
        "projects by category",
        &section_context(s, "projects/_index.md"),
    );
    for (section, template) in [
        ("news/_index.md", "news_item.html"),
        ("blog/_index.md", "post.html"),
        ("projects/_index.md", "page.html"),
    ] {
        let n = s.sections[section]["pages"].as_array().unwrap().len();
        for i in 0..n {
            render(
                &tera,
                template,
                &format!("{section} page {i}"),
                &page_context(s, section, i),
            );
        }
    }
    render(
        &tera,
        "publications.html",
        "publications",
        &root_page_context(s, "publications.md"),
    );
    render(
        &tera,
        "cv.html",
        "demo cv.yml",
        &root_page_context(s, "cv/index.md"),
    );
    let mut ctx = Context::new();
    ctx.insert("config", &s.config);
    ctx.insert("lang", "en");
    render(&tera, "404.html", "404", &ctx);
    let post = s.sections["blog/_index.md"]["pages"][0].clone();
    let term = json!({"name": inj.next("taxonomy term name"), "slug": "t", "path": "/tags/t/", "permalink": format!("{}/tags/t/", s.base_url), "pages": [post], "page_count": 1});
    let taxonomy = json!({"name": "tags", "slug": "tags", "paginate_by": null, "paginate_path": null, "render": true, "feed": false});
    let mut ctx = Context::new();
    ctx.insert("config", &s.config);
    ctx.insert("lang", "en");
    ctx.insert("taxonomy", &taxonomy);
    ctx.insert("terms", &json!([term]));
    ctx.insert("current_url", &format!("{}/tags/", s.base_url));
    ctx.insert("current_path", "/tags/");
    render(&tera, "taxonomy_list.html", "tags", &ctx);
    ctx.insert("term", &term);
    ctx.insert("current_url", &term["permalink"]);
    ctx.insert("current_path", "/tags/t/");
    render(&tera, "taxonomy_single.html", "tag", &ctx);

    // The same site with the projects in one grid (no categories) and both CV formats.
    let mut s = s.clone();
    s.sections.get_mut("projects/_index.md").unwrap()["extra"] = json!({"horizontal": true});
    let root = s.sections.get_mut("_index.md").unwrap();
    let cv = root["pages"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["relative_path"] == "cv/index.md")
        .unwrap();
    cv["extra"] = json!({"data": "xss/cv.yml", "cv_pdf": inj.next("cv page extra.cv_pdf")});
    let tera = load_theme(&s);
    render(
        &tera,
        "projects.html",
        "projects, one grid",
        &section_context(&s, "projects/_index.md"),
    );
    render(
        &tera,
        "cv.html",
        "RenderCV",
        &root_page_context(&s, "cv/index.md"),
    );
    let root = s.sections.get_mut("_index.md").unwrap();
    let cv = root["pages"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["relative_path"] == "cv/index.md")
        .unwrap();
    cv["extra"] = json!({"data": "xss/resume.json", "cv_pdf": inj.next("cv page extra.cv_pdf")});
    let tera = load_theme(&s);
    render(
        &tera,
        "cv.html",
        "JSON Resume",
        &root_page_context(&s, "cv/index.md"),
    );
    out
}

/// The field a finding came from, by the number in its payload.
fn field_of(snippet: &str, fields: &[String]) -> String {
    let re = regex::Regex::new(r"(?:alert\(|evil)([0-9]+)").unwrap();
    re.captures(snippet)
        .and_then(|c| c[1].parse::<usize>().ok())
        .and_then(|n| fields.get(n - 1))
        .cloned()
        .unwrap_or_else(|| "?".into())
}

#[test]
fn no_payload_in_any_field_becomes_markup_or_a_live_link() {
    let mut tried = 0;
    let mut findings: Vec<String> = Vec::new();
    // (payload, field) pairs that came out as markup or a live link, or broke a page.
    let mut leaked: BTreeSet<(String, String)> = BTreeSet::new();
    let mut pages = 0;
    for template in PAYLOADS {
        let (s, mut inj) = hostile_site(template);
        let rendered = render_everything(&s, &mut inj);
        tried += inj.fields.len();
        for (what, r) in rendered {
            pages += 1;
            match r {
                Err(e) => {
                    leaked.insert((template.to_string(), format!("(render error) {what}")));
                    findings.push(format!("{template:?}: {what} does not render: {e}"));
                }
                Ok(html) => {
                    for (problem, snippet) in problems(&html) {
                        let field = field_of(&snippet, &inj.fields);
                        leaked.insert((template.to_string(), field.clone()));
                        findings.push(format!(
                            "{template:?} in {field}: {what}: {problem}: {}",
                            snippet.chars().take(160).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    println!(
        "XSS corpus: {tried} injections ({} payloads), {pages} pages rendered; \
         {} injections came out as markup or a live link ({} places in the pages)",
        PAYLOADS.len(),
        leaked.len(),
        findings.len()
    );
    assert!(
        tried > 2000,
        "the corpus covers every field ({tried} injections)"
    );
    let pairs: Vec<String> = leaked
        .iter()
        .map(|(payload, field)| format!("  {field}: {payload:?}"))
        .collect();
    assert!(
        findings.is_empty(),
        "{} of {tried} injections came out as markup or a live link:\n{}\n\nwhere (first 40):\n{}",
        leaked.len(),
        pairs.join("\n"),
        findings
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The reader above sees what it must: each kind of problem in a page made to have it.
#[test]
fn the_reader_finds_each_kind_of_problem() {
    let cases = [
        r#"<a href="javascript:alert(1)">"#,
        r#"<a href=" &#106;ava&#x09;script:alert(1)">"#,
        "<a href='\u{1}JaVaScRiPt:alert(1)'>",
        r#"<img src=data:text/html,x>"#,
        r#"<a href="\\evil.example/">"#,
        r#"<a href="/\evil.example/">"#,
        r#"<a title="x" onmouseover="alert(1)">"#,
        r#"<p title=x onmouseover=alert(1)>"#,
        r#"<script>alert(1)</script>"#,
        r#"<iframe src="https://evil.example/">"#,
        r#"<script type="application/ld+json">{"name":"x"}}alert(1)</script>"#,
    ];
    for c in cases {
        assert_eq!(problems(c).len(), 1, "{c}: {:?}", problems(c));
    }
    // The theme's own markup, with harmless text in every field, has none.
    let (s, mut inj) = hostile_site("plain text N");
    for (what, r) in render_everything(&s, &mut inj) {
        let html = r.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(problems(&html).is_empty(), "{what}: {:?}", problems(&html));
    }
    let fine = [
        r#"<a href="https://example.com/javascript:alert(1)" title="javascript:alert(1)">"#,
        r#"<p>&lt;script&gt;alert(1)&lt;/script&gt; " onmouseover=alert(1)</p>"#,
        r#"<a href="&amp;#106;avascript:alert(1)">"#,
        r#"<a href="java%09script:alert(1)">"#,
        r#"<script>var a = 1;</script><!-- <script>alert(1)</script> -->"#,
        r#"<script type="application/ld+json">{"name":"\u003cscript>alert(1)\u003c/script>"}</script>"#,
    ];
    for c in fine {
        assert!(problems(c).is_empty(), "{c}: {:?}", problems(c));
    }
}

/// The footer's HTML, for footer_text = `text`.
fn footer_for(text: &str) -> String {
    let config = demo_config().replace(
        "footer_text = \"Powered by [Zola](https://www.getzola.org/) with the folio theme.\"",
        &format!("footer_text = {}", toml::Value::String(text.to_string())),
    );
    assert_ne!(config, demo_config());
    let html = render_home(&config, &demo_home());
    let start = html.find("<footer").unwrap();
    let start = start + html[start..].find("</div>").map_or(0, |_| 0);
    let part = &html[start..start + html[start..].find("</footer>").unwrap()];
    let copyright = part.find("Liu.").expect("copyright line") + "Liu.".len();
    part[copyright..]
        .trim()
        .trim_end_matches("</div>")
        .trim()
        .to_string()
}

/// Markdown fields stay Markdown (with the simple HTML al-folio's own footers use), and
/// anything else in them is text.
#[test]
fn markdown_fields_keep_markdown_and_simple_html() {
    let cases = [
        // al-folio's default footer_text (every version): the links stay, target goes.
        (
            r#"Powered by <a href="https://jekyllrb.com/" target="_blank">Jekyll</a> with <A HREF='/about/'>al-folio</A> theme."#,
            r#"Powered by <a href="https://jekyllrb.com/">Jekyll</a> with <a href="/about/">al-folio</A> theme."#,
        ),
        (
            r#"**bold**, *em*, `<code> & "q"`, [link](https://x.org/?a=1&b=2 "a title"), [local](/blog/)"#,
            r#"<strong>bold</strong>, <em>em</em>, <code>&lt;code&gt; &amp; &quot;q&quot;</code>, <a rel="external" title="a title" href="https://x.org/?a=1&amp;b=2">link</a>, <a href="/blog/">local</a>"#,
        ),
        (
            r#"x "quoted" <b>bold</b><br/><i onclick=x>i</i> {{ shortcode() }} 1 < 2 & 3 > 2"#,
            r#"x &quot;quoted&quot; <b>bold</b><br>&lt;i onclick=x&gt;i</i> {{ shortcode() }} 1 &lt; 2 &amp; 3 &gt; 2"#,
        ),
        (
            r#"[x](javascript:alert(1)) ![i](data:image/png;base64,AAAA) <https://auto.example/>"#,
            r#"<a>x</a> <img alt="i" /> <a href="https://auto.example/">https://auto.example/</a>"#,
        ),
        (
            r#"&quot;&#34; [t](https://t.example/ "&quot; onmouseover=x y") [u](https://u.example/ (" onclick=x ")) [v](https://v.example/ "(a) title")"#,
            r#"&quot;&quot; <a rel="external" title="&quot; onmouseover=x y" href="https://t.example/">t</a> <a rel="external" title="&quot; onclick=x &quot;" href="https://u.example/">u</a> <a rel="external" href="https://v.example/">v</a>"#,
        ),
        (
            r#"<a href="javascript:alert(1)">j</a> <a href="//evil.example/">p</a> <a href="/\evil.example/">b</a>"#,
            r#"&lt;a href=&quot;javascript:alert(1)&quot;&gt;j</a> &lt;a href=&quot;//evil.example/&quot;&gt;p</a> &lt;a href=&quot;/\evil.example/&quot;&gt;b</a>"#,
        ),
    ];
    for (input, want) in cases {
        assert_eq!(footer_for(input), want, "footer_text = {input:?}");
    }
}
