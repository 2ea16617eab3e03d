//! Names and titles written with inline HTML (`<strong>Ann</strong> Lee`, al-folio's habit):
//! HTML where al-folio prints them as HTML (navbar brand, headings, post lists), plain text in
//! `<title>`, meta tags, alt text, the footer and the feeds; and only a few attribute-less
//! inline tags ever come back as markup.

use super::*;

const HOSTILE: &str = r#"<script>alert(1)</script> <strong onclick="alert(2)">A</strong> <a href="javascript:alert(3)">x</a> <em>ok</em> <b>open"#;

/// The demo site with the owner's name (first_name; the last name emptied) and the first
/// post's title set.
fn titled_site(name: &str, post_title: &str) -> (Site, Tera) {
    let config = demo_config()
        .replace("first_name = \"Zirui\"", &format!("first_name = {name:?}"))
        .replace("\nlast_name = \"Liu\"", "\nlast_name = \"\"");
    let mut site = site(&config, &demo_home());
    let post = &mut site.sections.get_mut("blog/_index.md").unwrap()["pages"][0];
    post["title"] = json!(post_title);
    let tera = load_theme(&site);
    (site, tera)
}

fn render_post(site: &Site, tera: &Tera) -> String {
    tera.render("post.html", &page_context(site, "blog/_index.md", 0))
        .unwrap_or_else(|e| panic!("post.html renders: {}", error_chain(&e)))
}

#[test]
fn inline_html_in_titles_is_html_in_headings_and_text_elsewhere() {
    let (site, tera) = titled_site("<strong>Ann</strong> Lee", "A <em>new</em> result & more");
    let html = render_post(&site, &tera);
    assert!(
        html.contains(r#"href="https://example.com/"><strong>Ann</strong> Lee</a>"#),
        "navbar brand: {html}"
    );
    assert!(html.contains(r#"<h1 class="post-title">A <em>new</em> result &amp; more</h1>"#));
    assert!(html.contains("<title>A new result &amp; more | Ann Lee</title>"));
    assert!(html.contains(r#"<meta property="og:title" content="A new result &amp; more">"#));
    assert!(html.contains(r#"<meta property="og:site_name" content="Ann Lee">"#));
    assert!(html.contains(r#"title="Ann Lee" href="https://example.com/atom.xml""#));
    let footer = &html[html.find("<footer").unwrap()..];
    assert!(footer.contains(" Ann Lee."), "{footer}");
    assert!(!footer.contains("strong"), "{footer}");
}

#[test]
fn hostile_titles_stay_text() {
    let (site, tera) = titled_site(HOSTILE, HOSTILE);
    let html = render_post(&site, &tera);
    for bad in [
        "<script>alert",
        "<strong onclick",
        "<a href=\"javascript",
        "alert(1)</script>",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    // Only the balanced, attribute-less tag comes back; the unclosed <b> stays text.
    let h1 = &html[html.find(r#"<h1 class="post-title">"#).unwrap()..];
    let h1 = &h1[..h1.find("</h1>").unwrap()];
    assert_eq!(
        h1,
        r#"<h1 class="post-title">&lt;script&gt;alert(1)&lt;/script&gt; &lt;strong onclick=&quot;alert(2)&quot;&gt;A&lt;/strong&gt; &lt;a href=&quot;javascript:alert(3)&quot;&gt;x&lt;/a&gt; <em>ok</em> &lt;b&gt;open"#
    );
    let title = &html[html.find("<title>").unwrap() + 7..html.find("</title>").unwrap()];
    assert_eq!(title, "alert(1) A x ok open | alert(1) A x ok open");
}

#[test]
fn feeds_carry_titles_as_text() {
    let (mut site, _) = titled_site("<strong>Ann</strong> Lee", "A <em>new</em> result");
    site.config["title"] = json!("<strong>Ann</strong> Lee");
    let tera = load_theme(&site);
    let post = site.sections["blog/_index.md"]["pages"][0].clone();
    for feed in ["atom.xml", "rss.xml"] {
        let mut ctx = Context::new();
        ctx.insert("config", &site.config);
        ctx.insert("lang", "en");
        ctx.insert("feed_url", "https://example.com/atom.xml");
        ctx.insert("pages", &json!([post]));
        ctx.insert("last_updated", &post["date"]);
        let xml = tera
            .render(feed, &ctx)
            .unwrap_or_else(|e| panic!("{feed} renders: {}", error_chain(&e)));
        assert!(xml.starts_with("<?xml"), "{feed}: {xml}");
        assert!(xml.contains("<title>Ann Lee</title>"), "{feed}: {xml}");
        assert!(xml.contains("<title>A new result</title>"), "{feed}: {xml}");
    }
}
