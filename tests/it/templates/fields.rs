//! fields.html (a page whose own layout the theme does not have: its front-matter fields as a
//! list) and the listing of documents Jekyll gave no page (`extra.listed_only`): in section.html
//! shown whole, in the project cards not linked.

use super::reader::problems;
use super::*;

/// The demo's first blog page with `extra` replaced, rendered with `template`.
fn render_page_with_extra(template: &str, extra: Value) -> String {
    let mut site = site(&demo_config(), &demo_home());
    let blog = site.sections.get_mut("blog/_index.md").unwrap();
    blog["pages"][0]["extra"] = extra;
    let tera = load_theme(&site);
    tera.render(template, &page_context(&site, "blog/_index.md", 0))
        .unwrap_or_else(|e| panic!("{template} renders: {}", error_chain(&e)))
}

fn fields_part(html: &str) -> &str {
    let start = html
        .find("<dl class=\"page-fields\">")
        .expect("the fields list");
    let end = start + html[start..].find("</dl>").unwrap();
    &html[start..end]
}

#[test]
fn fields_of_a_custom_layout_are_listed_escaped_and_linked() {
    let html = render_page_with_extra(
        "fields.html",
        json!({
            "authors": ["Ann Lee", "Bo <b>Chen</b>"],
            "venue": "Journal of <script>alert(1)</script> Things",
            "doi_url": "https://doi.org/10.1000/xyz",
            "pdf": "/assets/pdf/paper.pdf",
            "links": {"code": "https://code.example/x", "slides": "javascript:alert(2)"},
            "year": 2024,
            "image": "/assets/img/people/ann.jpg",
            "email": "ann@lab.example",
            "order": 3,
            "more_info": "<p>Room <strong>4</strong></p><script>alert(3)</script>",
            "math": true,
            "toc": true,
            "listed_only": false,
            "_private": "hidden",
        }),
    );
    let part = fields_part(&html);
    assert!(part.contains("<li>Ann Lee</li>"), "{part}");
    // A name with a simple tag shows it, as al-folio did.
    assert!(part.contains("<li>Bo <b>Chen</b></li>"), "{part}");
    assert!(
        part.contains("Journal of &lt;script&gt;alert(1)&lt;/script&gt; Things"),
        "{part}"
    );
    assert!(part.contains("<dt>doi url</dt>"), "{part}");
    assert!(
        part.contains("<a href=\"https://doi.org/10.1000/xyz\">https://doi.org/10.1000/xyz</a>"),
        "{part}"
    );
    // A site path goes through get_url (the site's base path), not written as it was.
    let base = site(&demo_config(), &demo_home()).base_url;
    let pdf = format!("<a href=\"{base}/assets/pdf/paper.pdf\">");
    assert!(part.contains(&pdf), "{pdf} in {part}");
    assert!(
        part.contains("code: <a href=\"https://code.example/x\">"),
        "{part}"
    );
    assert!(part.contains("slides: javascript:alert(2)"), "{part}");
    assert!(part.contains("<dd>2024</dd>"), "{part}");
    // A text with tags (al-folio's more_info is HTML): its simple tags kept, the rest text.
    assert!(part.contains("<strong>4</strong>"), "{part}");
    assert!(!part.contains("<script>"), "{part}");
    assert!(
        part.contains(&format!("<img class=\"img-fluid\" src=\"{base}/assets/img/people/ann.jpg\" alt=\"\" loading=\"lazy\">")),
        "{part}"
    );
    assert!(
        part.contains("<a href=\"mailto:ann@lab.example\">ann@lab.example</a>"),
        "{part}"
    );
    for hidden in [
        "<dt>math",
        "<dt>toc",
        "<dt>listed only",
        "private",
        "hidden",
    ] {
        assert!(!part.contains(hidden), "{hidden} shown: {part}");
    }
    assert!(problems(&html).is_empty(), "{:?}", problems(&html));
    // The body follows the fields.
    let body = html.find("<article>").unwrap();
    assert!(html.find("page-fields").unwrap() < body);
}

#[test]
fn a_page_with_no_fields_has_no_list() {
    let html = render_page_with_extra("fields.html", json!({}));
    assert!(!html.contains("page-fields"));
    assert!(html.contains("<article>"));
}

#[test]
fn documents_without_a_page_are_shown_whole_in_the_listing_and_not_linked() {
    let mut site = site(&demo_config(), &demo_home());
    let blog = site.sections.get_mut("blog/_index.md").unwrap();
    let first = blog["pages"][0].clone();
    let permalink = first["permalink"].as_str().unwrap().to_owned();
    blog["pages"][0]["extra"]["listed_only"] = json!(true);
    blog["pages"][0]["content"] = json!("<p>Shown in the listing.</p>");
    let tera = load_theme(&site);
    let html = tera
        .render("section.html", &section_context(&site, "blog/_index.md"))
        .unwrap_or_else(|e| panic!("section.html renders: {}", error_chain(&e)));
    assert!(
        html.contains("<div class=\"listed-only\"><p>Shown in the listing.</p></div>"),
        "{html}"
    );
    assert!(!html.contains(&format!("href=\"{permalink}\"")), "{html}");
    // The other pages keep their links.
    let second = blog_permalink(&site, 1);
    assert!(html.contains(&format!("href=\"{second}\"")), "{html}");
    // A project card of such a document has no link.
    let projects = site.sections.get_mut("projects/_index.md").unwrap();
    let p = projects["pages"][0]["permalink"]
        .as_str()
        .unwrap()
        .to_owned();
    projects["pages"][0]["extra"]["listed_only"] = json!(true);
    let tera = load_theme(&site);
    let html = tera
        .render(
            "projects.html",
            &section_context(&site, "projects/_index.md"),
        )
        .unwrap_or_else(|e| panic!("projects.html renders: {}", error_chain(&e)));
    assert!(!html.contains(&format!("href=\"{p}\"")), "{html}");
    assert!(html.contains("<div class=\"card-link\">"), "{html}");
}

fn blog_permalink(site: &Site, i: usize) -> String {
    site.sections["blog/_index.md"]["pages"][i]["permalink"]
        .as_str()
        .unwrap()
        .to_owned()
}
