//! The opt-in services and the structured data: with the demo's config (nothing configured)
//! no page has any service's markup or any third-party script; each service, when
//! configured, writes its markup where it belongs (comments on posts and opted-in pages,
//! lazily loaded; analytics and verification in <head>; Google Analytics behind the consent
//! banner when asked); malformed ids write nothing and hostile values stay escaped; the
//! JSON-LD of the home page, posts and the publications page parses as JSON with the
//! schema.org types and properties search engines require.

use super::reader::{PAYLOADS, problems};
use super::*;

/// The demo's config with `keys` added at the top of [extra] and `tables` at the end.
fn config_with(keys: &str, tables: &str) -> String {
    let text = demo_config();
    let at = text.find("\n[extra]\n").expect("[extra]") + "\n[extra]\n".len();
    format!("{}{keys}\n{}\n{tables}\n", &text[..at], &text[at..])
}

const GISCUS: &str = "[extra.giscus]\nrepo = \"owner/site\"\nrepo_id = \"R_kgDOAbc123\"\ncategory = \"Announcements & Comments\"\ncategory_id = \"DIC_kwDOAbc123\"\nmapping = \"pathname\"\nstrict = true\nreactions_enabled = false\ninput_position = \"top\"\nlang = \"fr\"\n";

/// A page of the site rendered with its template: "home", "post" (the newest post),
/// "page" (the first project page), "page+comments" (the same with [extra] comments = true),
/// "post-off" (the newest post with comments = false), "publications".
fn render(site: &Site, which: &str) -> String {
    let mut s = site.clone();
    let (template, ctx) = match which {
        "home" => ("index.html", section_context(&s, "_index.md")),
        "post" | "post-off" | "post-giscus" => {
            if which != "post" {
                let extra = &mut s.sections.get_mut("blog/_index.md").unwrap()["pages"][0]["extra"];
                if which == "post-off" {
                    extra["comments"] = json!(false);
                } else {
                    extra["giscus_comments"] = json!(true);
                }
            }
            ("post.html", page_context(&s, "blog/_index.md", 0))
        }
        "page" | "page+comments" => {
            if which == "page+comments" {
                s.sections.get_mut("projects/_index.md").unwrap()["pages"][0]["extra"]["comments"] =
                    json!(true);
            }
            ("page.html", page_context(&s, "projects/_index.md", 0))
        }
        "publications" => (
            "publications.html",
            root_page_context(&s, "publications.md"),
        ),
        _ => unreachable!("{which}"),
    };
    let tera = load_theme(&s);
    tera.render(template, &ctx)
        .unwrap_or_else(|e| panic!("{which} ({template}) renders: {}", error_chain(&e)))
}

fn pages(config: &str) -> Vec<(&'static str, String)> {
    let s = site(config, &demo_home());
    ["home", "post", "page", "page+comments", "publications"]
        .into_iter()
        .map(|w| (w, render(&s, w)))
        .collect()
}

/// The `src` of every <script> that loads a file.
fn script_srcs(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"<script\b[^>]*\bsrc="([^"]*)""#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    let open = r#"<script type="application/ld+json">"#;
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let body = &rest[i + open.len()..];
        let end = body.find("</script>").expect("</script>");
        let text = &body[..end];
        assert!(!text.contains('<'), "a '<' in JSON-LD: {text}");
        out.push(
            serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("JSON-LD does not parse ({e}): {text}")),
        );
        rest = &body[end..];
    }
    out
}

const SERVICE_MARKS: &[&str] = &[
    "giscus",
    "disqus",
    "goatcounter",
    "gc.zgo.at",
    "plausible",
    "umami",
    "googletagmanager",
    "gtag",
    "google-site-verification",
    "msvalidate",
    "cookie-consent",
    "cookie-settings",
    "id=\"comments\"",
];

#[test]
fn nothing_of_any_service_by_default() {
    for (which, html) in pages(&demo_config()) {
        for mark in SERVICE_MARKS {
            assert!(
                !html.contains(mark),
                "{which}: {mark} with nothing configured"
            );
        }
        for src in script_srcs(&html) {
            assert!(
                src.starts_with("https://example.com/") || src.starts_with('/'),
                "{which}: a third-party script by default: {src}"
            );
        }
        assert!(
            !html.contains("<noscript>"),
            "{which}: no comments notice without comments"
        );
    }
}

#[test]
fn giscus_comments_on_posts_and_opted_in_pages_loaded_when_seen() {
    let s = site(&config_with("", GISCUS), &demo_home());
    let post = render(&s, "post");
    assert!(post.contains(r#"<section id="comments" class="comments" aria-label="Comments" data-provider="giscus" data-repo="owner/site" data-repo-id="R_kgDOAbc123" data-category="Announcements &amp; Comments" data-category-id="DIC_kwDOAbc123" data-mapping="pathname" data-strict="1" data-reactions-enabled="0" data-emit-metadata="0" data-input-position="top" data-lang="fr">"#), "{post}");
    assert!(post.contains(r#"<div class="giscus"></div>"#));
    assert!(post.contains("<noscript><p class=\"comments-noscript\">Comments need JavaScript"));
    // giscus's script is not in the page: the theme's own script adds it when the block is seen.
    assert!(
        script_srcs(&post).iter().all(|s| !s.contains("giscus")),
        "{post}"
    );
    let script = &post[post
        .find("<script>(function(){var c=document.getElementById(\"comments\")")
        .expect("the loader")..];
    let script = &script[..script.find("</script>").unwrap()];
    for part in [
        "IntersectionObserver",
        "https://giscus.app/client.js",
        "data-theme",
        "postMessage({giscus:{setConfig:{theme:t()}}},\"https://giscus.app\")",
        "MutationObserver",
    ] {
        assert!(script.contains(part), "the loader has {part}: {script}");
    }
    // The comments come after the post's content.
    assert!(post.find("id=\"markdown-content\"").unwrap() < post.find("id=\"comments\"").unwrap());
    // Pages only when they ask; a post can say no.
    assert!(!render(&s, "page").contains("id=\"comments\""));
    assert!(render(&s, "page+comments").contains("data-provider=\"giscus\""));
    assert!(!render(&s, "post-off").contains("id=\"comments\""));
    // comments_on_posts = false: only posts that ask (al-folio's giscus_comments = true).
    let s = site(
        &config_with("comments_on_posts = false", GISCUS),
        &demo_home(),
    );
    assert!(!render(&s, "post").contains("id=\"comments\""));
    assert!(render(&s, "post-giscus").contains("data-provider=\"giscus\""));
    // Other pages: no comments, no loader.
    for which in ["home", "publications"] {
        assert!(!render(&s, which).contains("giscus"), "{which}");
    }
}

#[test]
fn giscus_needs_its_ids_and_disqus_comes_second() {
    // Half a giscus config writes nothing.
    let s = site(
        &config_with("", "[extra.giscus]\nrepo = \"owner/site\"\n"),
        &demo_home(),
    );
    assert!(!render(&s, "post").contains("id=\"comments\""));
    // Disqus alone.
    let s = site(
        &config_with("disqus_shortname = \"my-site\"", ""),
        &demo_home(),
    );
    let post = render(&s, "post");
    let url = s.sections["blog/_index.md"]["pages"][0]["permalink"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(post.contains(&format!(r#"<section id="comments" class="comments" aria-label="Comments" data-provider="disqus" data-shortname="my-site" data-url="{url}" data-identifier="#)), "{post}");
    assert!(post.contains(r#"<div id="disqus_thread"></div>"#));
    assert!(post.contains("they are loaded from disqus.com"));
    assert!(post.contains(r#"s.src="https://"+n.toLowerCase()+".disqus.com/embed.js""#));
    assert!(script_srcs(&post).iter().all(|s| !s.contains("disqus")));
    // Both: giscus wins.
    let s = site(
        &config_with("disqus_shortname = \"my-site\"", GISCUS),
        &demo_home(),
    );
    let post = render(&s, "post");
    assert!(post.contains("data-provider=\"giscus\"") && !post.contains("disqus_thread"));
    // A shortname that is not one (it would name another host) writes nothing.
    for bad in ["evil.example/x", "a b", "x\"><script>alert(1)</script>"] {
        let s = site(
            &config_with(
                &format!("disqus_shortname = {}", toml::Value::String(bad.into())),
                "",
            ),
            &demo_home(),
        );
        assert!(!render(&s, "post").contains("id=\"comments\""), "{bad}");
    }
}

#[test]
fn analytics_and_verification_when_configured() {
    let keys = "goatcounter_code = \"mysite\"\ngoogle_analytics = \"G-ABC123XYZ9\"\ngoogle_site_verification = \"abc-DEF_123\"\nbing_site_verification = \"0123456789ABCDEF\"";
    let tables = "[extra.plausible]\ndomain = \"example.com\"\n\n[extra.umami]\nwebsite_id = \"94db1cb1-74f4-4a40-ad6c-962362670409\"\nscript = \"https://stats.example.org/script.js\"\n";
    for (which, html) in pages(&config_with(keys, tables)) {
        let head = &html[..html.find("</head>").unwrap()];
        for want in [
            r#"<meta name="google-site-verification" content="abc-DEF_123">"#,
            r#"<meta name="msvalidate.01" content="0123456789ABCDEF">"#,
            r#"<script data-goatcounter="https://mysite.goatcounter.com/count" async src="https://gc.zgo.at/count.js"></script>"#,
            r#"<script defer data-domain="example.com" src="https://plausible.io/js/script.js"></script>"#,
            r#"<script defer src="https://stats.example.org/script.js" data-website-id="94db1cb1-74f4-4a40-ad6c-962362670409"></script>"#,
            r#"<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9"></script>"#,
            r#"<script data-ga="G-ABC123XYZ9">"#,
        ] {
            assert!(head.contains(want), "{which}: {want} in <head>:\n{head}");
        }
        assert!(
            !html.contains("cookie-consent"),
            "{which}: no banner without the option"
        );
    }
    // With enable_cookie_consent: Google's script is not in any page, the banner (hidden
    // until its script shows it) and the footer's button are; the other services stay.
    let keys = format!("{keys}\nenable_cookie_consent = true");
    for (which, html) in pages(&config_with(&keys, tables)) {
        assert!(
            script_srcs(&html)
                .iter()
                .all(|s| !s.contains("googletagmanager")),
            "{which}"
        );
        assert!(!html.contains("<script data-ga="), "{which}");
        assert!(html.contains(r#"<div id="cookie-consent" class="cookie-consent" role="region" aria-label="Cookie consent" data-ga="G-ABC123XYZ9" hidden>"#), "{which}");
        assert!(html.contains(r#"<button type="button" id="cookie-settings" class="cookie-settings" hidden>Cookie settings</button>"#), "{which}");
        let banner = &html[html.find("id=\"cookie-consent\"").unwrap()..];
        assert!(banner.contains("sends your visit") && banner.contains("to Google"));
        assert!(banner.contains(r#"data-consent="granted">Allow</button>"#));
        assert!(banner.contains(r#"data-consent="denied">Decline</button>"#));
        assert!(banner.contains(r#"if(v==="granted")ga();else if(v!=="denied")b.hidden=false"#));
        assert!(
            html.contains("gc.zgo.at/count.js"),
            "{which}: GoatCounter stays"
        );
    }
}

#[test]
fn malformed_ids_write_nothing() {
    let bad = "x\" onload=\"alert(1)";
    let v = toml::Value::String(bad.into());
    let keys = format!(
        "goatcounter_code = {v}\ngoogle_analytics = {v}\ndisqus_shortname = {v}\nenable_cookie_consent = true"
    );
    let tables = format!(
        "[extra.plausible]\ndomain = {v}\n\n[extra.umami]\nwebsite_id = \"abc\"\nscript = \"javascript:alert(1)\"\n\n[extra.giscus]\nrepo = {v}\nrepo_id = \"R_1\"\ncategory_id = \"DIC_1\"\n"
    );
    for (which, html) in pages(&config_with(&keys, &tables)) {
        for mark in SERVICE_MARKS {
            assert!(!html.contains(mark), "{which}: {mark} from a malformed id");
        }
        assert!(problems(&html).is_empty(), "{which}: {:?}", problems(&html));
    }
    // A plain-http or protocol-relative script is refused too.
    for script in ["http://stats.example.org/s.js", "//stats.example.org/s.js"] {
        let tables = format!("[extra.umami]\nwebsite_id = \"abc\"\nscript = \"{script}\"\n");
        let html = render_home(&config_with("", &tables), &demo_home());
        assert!(!html.contains("data-website-id"), "{script}");
    }
}

#[test]
fn hostile_values_in_every_service_field_stay_escaped() {
    for payload in PAYLOADS {
        let p = |n: usize| toml::Value::String(payload.replace('N', &n.to_string()));
        let keys = format!(
            "goatcounter_code = {}\ngoogle_analytics = {}\ngoogle_site_verification = {}\nbing_site_verification = {}\naffiliation = {}\njob_title = {}\nenable_cookie_consent = true",
            p(1),
            p(2),
            p(3),
            p(4),
            p(5),
            p(6)
        );
        let tables = format!(
            "[extra.giscus]\nrepo = \"owner/site\"\nrepo_id = \"R_1\"\ncategory = {}\ncategory_id = \"DIC_1\"\nmapping = {}\ninput_position = {}\nlang = {}\n\n[extra.plausible]\ndomain = {}\nscript = {}\n\n[extra.umami]\nwebsite_id = {}\nscript = {}\n",
            p(7),
            p(8),
            p(9),
            p(10),
            p(11),
            p(12),
            p(13),
            p(14)
        );
        let config = config_with(&keys, &tables);
        let s = site(&config, &demo_home());
        for which in ["home", "post", "page+comments", "publications"] {
            let html = render(&s, which);
            assert!(
                problems(&html).is_empty(),
                "{payload:?}: {which}: {:?}",
                problems(&html)
            );
            json_ld(&html);
        }
        // The giscus block is there, its free-form category escaped.
        let post = render(&s, "post");
        assert!(post.contains("data-provider=\"giscus\""), "{payload:?}");
        let want = format!(
            "data-category=\"{}\"",
            folio_esc(&payload.replace('N', "7"))
        );
        assert!(post.contains(&want), "{payload:?}: {want}");
        // Disqus's fields: the shortname and the page's own URL.
        let s = site(
            &config_with(&format!("disqus_shortname = {}", p(15)), ""),
            &demo_home(),
        );
        let html = render(&s, "post");
        assert!(
            problems(&html).is_empty(),
            "{payload:?}: disqus: {:?}",
            problems(&html)
        );
        assert!(
            !html.contains("id=\"comments\""),
            "{payload:?}: not a shortname"
        );
    }
}

/// The theme's `folio::esc`.
fn folio_esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn home_page_person_json_ld() {
    let config = config_with(
        "affiliation = \"Rice <University>\"\njob_title = \"Assistant Professor\"",
        "",
    )
    .replace(
        "[extra.socials]\n",
        "[extra.socials]\ngithub_username = \"zirui\"\norcid_id = \"0000-0002-1825-0097\"\nx_username = \"a&b\"\n",
    );
    let html = render_home(&config, &demo_home());
    let ld = json_ld(&html);
    assert_eq!(ld.len(), 1, "{html}");
    let p = &ld[0];
    assert_eq!(p["@context"], "https://schema.org");
    assert_eq!(p["@type"], "Person");
    assert_eq!(p["name"], "Zirui Liu");
    assert_eq!(p["url"], "https://example.com/");
    assert_eq!(p["image"], "https://example.com/assets/img/profile.jpeg");
    assert_eq!(p["jobTitle"], "Assistant Professor");
    assert_eq!(
        p["affiliation"],
        json!({"@type": "Organization", "name": "Rice <University>"})
    );
    let same: Vec<&str> = p["sameAs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for want in [
        "https://github.com/zirui",
        "https://orcid.org/0000-0002-1825-0097",
        "https://scholar.google.com/citations?user=0i1w_egAAAAJ",
        "https://twitter.com/a&b",
    ] {
        assert!(same.contains(&want), "{want} in {same:?}");
    }
    assert!(same.iter().all(|u| !u.starts_with("mailto:")), "{same:?}");
    assert!(
        html.contains(r#""name":"Rice \u003cUniversity>""#),
        "'<' written as \\u003c"
    );
    // Only on the home page; serve_schema_org = false: none.
    let s = site(&config, &demo_home());
    assert!(json_ld(&render(&s, "page")).is_empty());
    let off = config_with("serve_schema_org = false", "");
    for (which, html) in pages(&off) {
        assert!(!html.contains("application/ld+json"), "{which}");
    }
}

#[test]
fn post_blogposting_json_ld() {
    let s = site(&demo_config(), &demo_home());
    let post = &s.sections["blog/_index.md"]["pages"][0];
    let html = render(&s, "post");
    let ld = json_ld(&html);
    assert_eq!(ld.len(), 1, "{html}");
    let b = &ld[0];
    assert_eq!(b["@context"], "https://schema.org");
    assert_eq!(b["@type"], "BlogPosting");
    assert_eq!(b["headline"], post["title"]);
    assert_eq!(b["url"], post["permalink"]);
    assert_eq!(b["datePublished"], post["date"]);
    assert_eq!(b["dateModified"], post["date"], "no updated date: the date");
    assert_eq!(
        b["author"],
        json!([{"@type": "Person", "name": "Zirui Liu"}])
    );
    // A post's authors, updated date and a title with markup and a script end tag.
    let mut s = s.clone();
    let p = &mut s.sections.get_mut("blog/_index.md").unwrap()["pages"][0];
    p["authors"] = json!(["Ann Lee", "Bo </script><script>alert(1)</script>"]);
    p["updated"] = json!("2025-02-03");
    p["title"] = json!("<em>Fast</em> \"attention\" </script>");
    let html = render(&s, "post");
    assert!(problems(&html).is_empty(), "{:?}", problems(&html));
    let b = &json_ld(&html)[0];
    assert_eq!(b["headline"], "Fast \"attention\"");
    assert_eq!(b["dateModified"], "2025-02-03");
    assert_eq!(b["author"][0]["name"], "Ann Lee");
    assert_eq!(b["author"][1]["name"], "Bo alert(1)");
}

#[test]
fn publications_scholarly_article_json_ld() {
    let bib = r#"@article{lee2024,
  title = {Fast {K}ernels for \"{U}ber {$\alpha$}-Models},
  author = {Lee, Ann and Bo Chen and others},
  journal = {Journal of Examples},
  year = {2024},
  doi = {10.1234/jex.2024.1},
  abstract = {We show <things>.}
}
@inproceedings{chen2023,
  title = {A Workshop Paper},
  author = {Bo Chen},
  booktitle = {Proceedings of the Example Workshop},
  year = {2023},
  url = {https://example.org/paper.pdf}
}
"#;
    let html = render_publications(&demo_config(), Some(bib));
    let ld = json_ld(&html);
    assert_eq!(ld.len(), 1, "{html}");
    let list = &ld[0];
    assert_eq!(list["@context"], "https://schema.org");
    assert_eq!(list["@type"], "ItemList");
    let items = list["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let a = &items[0]["item"];
    assert_eq!(items[0]["@type"], "ListItem");
    assert_eq!(items[0]["position"], 1);
    assert_eq!(a["@type"], "ScholarlyArticle");
    assert_eq!(a["name"], "Fast Kernels for Über α-Models");
    assert_eq!(
        a["author"],
        json!([{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chen"}])
    );
    assert_eq!(a["datePublished"], "2024");
    assert_eq!(
        a["isPartOf"],
        json!({"@type": "Periodical", "name": "Journal of Examples"})
    );
    assert_eq!(a["sameAs"], "https://doi.org/10.1234/jex.2024.1");
    assert_eq!(a["url"], "https://doi.org/10.1234/jex.2024.1");
    assert_eq!(a["identifier"]["value"], "10.1234/jex.2024.1");
    assert_eq!(a["abstract"], "We show <things>.");
    assert!(
        a["@id"]
            .as_str()
            .unwrap()
            .ends_with("/publications/#lee2024"),
        "{}",
        a["@id"]
    );
    let b = &items[1]["item"];
    assert_eq!(b["isPartOf"]["name"], "Proceedings of the Example Workshop");
    assert_eq!(b["url"], "https://example.org/paper.pdf");
    assert!(b.get("sameAs").is_none());
}

#[test]
fn serve_og_meta_switches_the_link_preview_tags() {
    let on = render_home(&demo_config(), &demo_home());
    assert!(
        on.contains(r#"<meta property="og:title" content="Zirui Liu">"#),
        "{on}"
    );
    assert!(on.contains(r#"<meta name="twitter:card""#));
    let off = config_with("serve_og_meta = false", "");
    for (which, html) in pages(&off) {
        assert!(!html.contains("property=\"og:"), "{which}");
        assert!(!html.contains("name=\"twitter:"), "{which}");
        assert!(
            html.contains("<link rel=\"canonical\""),
            "{which}: the rest of <head> stays"
        );
    }
}
