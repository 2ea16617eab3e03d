//! al-folio's bookshelf: books.html lists a section's books by year with covers, book.html
//! shows one review; hostile fields stay text and a `javascript:` cover is no image.

use super::*;

const BOOKS: [(&str, &str); 3] = [
    (
        "books/orchard.md",
        "+++\ntitle = \"The <Quiet> Orchard\"\n[extra]\nauthor = \"Ana & <b>Co</b>\"\nyear = 2024\nrating = 4\nstatus = \"read\"\ncover = \"javascript:alert(1)\"\n+++\nA made-up review.\n",
    ),
    (
        "books/rivers.md",
        "+++\ntitle = \"Rivers of Glass\"\n[extra]\nauthor = \"B. Example\"\nyear = 2025\nrating = 3\nstatus = \"reading\"\ncover = \"/assets/img/book.png\"\ncover_width = 160\ncover_height = 240\n+++\nAnother.\n",
    ),
    ("books/undated.md", "+++\ntitle = \"No Year\"\n+++\nx\n"),
];

fn bookshelf_site() -> Site {
    let mut site = site(&demo_config(), &demo_home());
    let base = "https://example.com";
    let pages: Vec<Value> = BOOKS
        .iter()
        .map(|(rel, text)| page_value(rel, text, base, "books/_index.md"))
        .collect();
    let section = section_value(
        "books/_index.md",
        "+++\ntitle = \"bookshelf\"\ntemplate = \"books.html\"\npage_template = \"book.html\"\n+++\n",
        base,
        pages,
        vec![],
    );
    site.sections.insert("books/_index.md".into(), section);
    site
}

#[test]
fn bookshelf_lists_books_by_year_newest_first_with_covers() {
    let site = bookshelf_site();
    let tera = load_theme(&site);
    let html = tera
        .render("books.html", &section_context(&site, "books/_index.md"))
        .unwrap_or_else(|e| panic!("books.html renders: {}", error_chain(&e)));
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in {html}"));
    assert!(at(">2025</h2>") < at("Rivers of Glass"));
    assert!(at("Rivers of Glass") < at(">2024</h2>"));
    assert!(at(">2024</h2>") < at("The &lt;Quiet&gt; Orchard"));
    assert!(
        at("The &lt;Quiet&gt; Orchard") < at("No Year"),
        "undated last"
    );
    assert_eq!(
        html.matches("class=\"bookshelf-year\"").count(),
        2,
        "{html}"
    );
    assert!(html.contains(
        r#"<img class="book-cover img-fluid rounded z-depth-1" src="https://example.com/assets/img/book.png" alt="" width="160" height="240" loading="lazy">"#
    ), "{html}");
    assert_eq!(
        html.matches("class=\"book-cover").count(),
        1,
        "no javascript: cover"
    );
    assert!(!html.contains("javascript:"), "{html}");
    assert!(
        html.contains("Ana &amp; &lt;b&gt;Co&lt;&#x2F;b&gt;"),
        "{html}"
    );
}

#[test]
fn book_review_shows_author_year_status_stars_and_body() {
    let site = bookshelf_site();
    let tera = load_theme(&site);
    let pages = site.sections["books/_index.md"]["pages"]
        .as_array()
        .unwrap();
    let i = pages
        .iter()
        .position(|p| p["relative_path"] == "books/orchard.md")
        .unwrap();
    let html = tera
        .render("book.html", &page_context(&site, "books/_index.md", i))
        .unwrap_or_else(|e| panic!("book.html renders: {}", error_chain(&e)));
    assert!(
        html.contains(r#"<p class="book-rating" aria-label="4 / 5">★★★★☆</p>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="book-status badge">read</span>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="book-year">2024</span>"#),
        "{html}"
    );
    assert!(html.contains("A made-up review."), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("<img class=\"book-cover"), "{html}");
    // A book with nothing but a title still renders.
    let j = pages
        .iter()
        .position(|p| p["relative_path"] == "books/undated.md")
        .unwrap();
    let html = tera
        .render("book.html", &page_context(&site, "books/_index.md", j))
        .unwrap_or_else(|e| panic!("book.html renders: {}", error_chain(&e)));
    assert!(!html.contains("book-rating"), "{html}");
}

/// Books of one year by title, whatever order the section hands them in (Zola fixes none
/// without sort_by); books without a year by title too.
#[test]
fn books_of_a_year_are_in_title_order() {
    let mut site = site(&demo_config(), &demo_home());
    let base = "https://example.com";
    let books = [
        (
            "books/z.md",
            "+++\ntitle = \"Zebra Days\"\n[extra]\nyear = 2024\n+++\n",
        ),
        (
            "books/m.md",
            "+++\ntitle = \"Middle Way\"\n[extra]\nyear = 2025\n+++\n",
        ),
        (
            "books/a.md",
            "+++\ntitle = \"Apple Hours\"\n[extra]\nyear = 2024\n+++\n",
        ),
        ("books/y.md", "+++\ntitle = \"Yonder\"\n+++\n"),
        ("books/b.md", "+++\ntitle = \"Brook\"\n+++\n"),
    ];
    for order in [[0, 1, 2, 3, 4], [2, 4, 1, 0, 3]] {
        let pages: Vec<Value> = order
            .iter()
            .map(|&i| page_value(books[i].0, books[i].1, base, "books/_index.md"))
            .collect();
        let section = section_value(
            "books/_index.md",
            "+++\ntitle = \"bookshelf\"\ntemplate = \"books.html\"\n+++\n",
            base,
            pages,
            vec![],
        );
        site.sections.insert("books/_index.md".into(), section);
        let html = load_theme(&site)
            .render("books.html", &section_context(&site, "books/_index.md"))
            .unwrap();
        let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in {html}"));
        let seen = ["Middle Way", "Apple Hours", "Zebra Days", "Brook", "Yonder"].map(at);
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{order:?}: {seen:?}");
    }
}
