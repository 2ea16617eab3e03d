//! The Liquid converter's unit tests.

use super::*;

fn links() -> Links {
    let mut links = Links::default();
    let about = Target {
        internal: "@/_index.md".into(),
        url: "/".into(),
    };
    let post = Target {
        internal: "@/blog/2015-03-15-formatting.md".into(),
        url: "/blog/2015/formatting/".into(),
    };
    let pubs = Target {
        internal: "@/publications.md".into(),
        url: "/publications/".into(),
    };
    links
        .by_source
        .insert("_pages/about.md".into(), about.clone());
    links
        .by_source
        .insert("_pages/publications.md".into(), pubs.clone());
    links.by_source.insert(
        "_news/announcement_1.md".into(),
        Target {
            internal: "@/news/announcement_1.md".into(),
            url: "/news/announcement_1/".into(),
        },
    );
    links
        .by_post
        .insert("2015-03-15-formatting".into(), post.clone());
    links.by_url.insert("/".into(), about);
    links.by_url.insert("/blog/2015/formatting/".into(), post);
    links.by_url.insert("/publications/".into(), pubs);
    links
}

fn run_with(text: &str, baseurl: &str) -> (String, Report) {
    let links = links();
    let config = super::super::yaml::parse(
        "title: My Site\nemail: me@example.org\nurl: https://me.github.io\nrepository: me/me.github.io\nscholar:\n  last_name: [X]\n",
        1,
    )
    .unwrap()
    .node;
    let page = super::super::yaml::parse("title: A page\nimg: /assets/img/1.jpg\n", 1)
        .unwrap()
        .node;
    let bibs = HashMap::from([
        ("papers".to_owned(), "bibliography/papers.bib".to_owned()),
        ("talks".to_owned(), "bibliography/talks.bib".to_owned()),
    ]);
    let data = DataLoops::new(HashMap::from([(
        "talks".to_owned(),
        ("data/talks.yml".to_owned(), None),
    )]));
    let site = Site {
        baseurl,
        url: "https://me.github.io",
        config: &config,
        links: &links,
        bibs: &bibs,
        data: &data,
    };
    let body = Body {
        file: "_pages/x.md",
        first_line: 5,
        page: &page,
        publications: false,
    };
    let mut report = Report::default();
    let out = convert(text, &site, &body, &mut report);
    (out, report)
}

fn run(text: &str) -> String {
    run_with(text, "").0
}

#[test]
fn site_urls() {
    assert_eq!(
        run("![x]({{ site.baseurl }}/assets/img/1.jpg)"),
        "![x](/assets/img/1.jpg)"
    );
    assert_eq!(
        run_with("<img src=\"{{ site.baseurl }}/assets/img/1.jpg\">", "/repo").0,
        "<img src=\"/assets/img/1.jpg\">"
    );
    assert_eq!(
        run("[cv]({{ site.url }}{{ site.baseurl }}/assets/pdf/cv.pdf)"),
        "[cv](/assets/pdf/cv.pdf)"
    );
    assert_eq!(
        run_with("{{ '/assets/pdf/x.pdf' | relative_url }}", "/repo").0,
        "/assets/pdf/x.pdf"
    );
    assert_eq!(
        run_with("{{ 'assets/x.pdf' | absolute_url }}", "/repo").0,
        "/assets/x.pdf"
    );
    assert_eq!(
        run_with("{{ \"/x\" | prepend: site.baseurl }}", "/repo").0,
        "/x"
    );
    assert_eq!(run("{{- site.baseurl -}}/a"), "/a");
    // Alone, `site.url` is the site's address.
    assert_eq!(run("at {{ site.url }}."), "at https://me.github.io.");
    assert_eq!(run("{{ site.url }}/x"), "/x");
}

#[test]
fn links_to_imported_pages_become_internal() {
    assert_eq!(
        run("see [the post]({{ site.baseurl }}/blog/2015/formatting/#code) now"),
        "see [the post](@/blog/2015-03-15-formatting.md#code) now"
    );
    assert_eq!(
        run_with("[pubs]({{ site.baseurl }}/publications/)", "/repo").0,
        "[pubs](@/publications.md)"
    );
    assert_eq!(
        run("[p]({% post_url 2015-03-15-formatting %})"),
        "[p](@/blog/2015-03-15-formatting.md)"
    );
    assert_eq!(
        run_with(
            "[p]({{ site.baseurl }}{% post_url 2015-03-15-formatting %})",
            "/repo"
        )
        .0,
        "[p](@/blog/2015-03-15-formatting.md)"
    );
    assert_eq!(run("[a]({% link _pages/about.md %})"), "[a](@/_index.md)");
    assert_eq!(
        run_with("<a href=\"{% link _pages/publications.md %}\">", "/repo").0,
        "<a href=\"/publications/\">"
    );
    assert_eq!(
        run("[ref]: {{ site.baseurl }}/publications/"),
        "[ref]: @/publications.md"
    );
    let (out, report) = run_with("[x]({% post_url 2099-01-01-missing %})", "");
    assert_eq!(
        out,
        format!("[x]({})", hidden("{% post_url 2099-01-01-missing %}"))
    );
    assert_eq!(report.attention_count(), 1);
    assert_eq!(report.entries[0].line, Some(5));
}

#[test]
fn site_and_page_values() {
    assert_eq!(
        run("{{ site.title }} / {{ page.title }}"),
        "My Site / A page"
    );
    assert_eq!(run("{{ site.email }}"), "me@example.org");
    let (out, report) = run_with("{{ site.scholar }} {{ content }} {{ x | upcase }}", "");
    // The comments of a line that has more after them go at its end (a line opening with a
    // comment would be raw HTML), in their order.
    assert_eq!(
        out,
        format!(
            "  {}{}{}",
            hidden("{{ site.scholar }}"),
            hidden("{{ content }}"),
            hidden("{{ x | upcase }}")
        )
    );
    assert_eq!(report.attention_count(), 3);
}

#[test]
fn includes_become_shortcodes() {
    assert_eq!(
        run(
            "{% include figure.liquid path=\"assets/img/9.jpg\" class=\"img-fluid rounded z-depth-1\" zoomable=true max-width=\"50%\" %}"
        ),
        "{{ figure(path=\"assets/img/9.jpg\", class=\"img-fluid rounded z-depth-1\", zoomable=true, max_width=\"50%\") }}"
    );
    assert_eq!(
        run("{% include figure.html path='assets/img/1.jpg' title=\"example image\" %}"),
        "{{ figure(path=\"assets/img/1.jpg\", title=\"example image\") }}"
    );
    assert_eq!(
        run("{%- include video.liquid path=\"assets/video/a.mp4\" controls=true autoplay=true -%}"),
        "{{ video(path=\"assets/video/a.mp4\", controls=true, autoplay=true) }}"
    );
    assert_eq!(
        run("{% include figure.liquid path=\"{{ site.baseurl }}/assets/img/1.jpg\" %}"),
        "{{ figure(path=\"/assets/img/1.jpg\") }}"
    );
    assert_eq!(
        run("{% responsive_image path: assets/img/1.jpg class: \"img-fluid rounded\" %}"),
        "{{ figure(path=\"assets/img/1.jpg\", class=\"img-fluid rounded\") }}"
    );
    assert_eq!(
        run("{% include figure.liquid path=page.img %}"),
        "{{ figure(path=\"/assets/img/1.jpg\") }}"
    );
    let (out, report) = run_with("{% include figure.liquid path=project.img %}", "");
    assert_eq!(out, hidden("{% include figure.liquid path=project.img %}"));
    assert!(report.entries[0].message.contains("variable"));
    // The about page's parts, in any page: the theme's shortcodes.
    // Only the about page lists the news: elsewhere, a link to them.
    assert_eq!(run("{% include news.liquid %}"), "[News](@/news/_index.md)");
    assert_eq!(run("{%- include social.html -%}"), "{{ social() }}");
    assert_eq!(
        run("{% include selected_papers.liquid %}"),
        "{{ bibliography(query=\"selected=true\") }}"
    );
    let (out, report) = run_with("{% include latest_posts.liquid %}", "");
    assert_eq!(out, hidden("{% include latest_posts.liquid %}"));
    assert!(report.entries[0].message.contains("front matter"));
    let no_news = Links::default();
    let config = Node::Null;
    let (bibs, data) = (HashMap::new(), DataLoops::default());
    let site = Site {
        baseurl: "",
        url: "",
        config: &config,
        links: &no_news,
        bibs: &bibs,
        data: &data,
    };
    assert_eq!(site.news_section(), None);
}

#[test]
fn embeds_become_links() {
    assert_eq!(
        run("{% twitter https://twitter.com/rubygems/status/518821243320287232 %}"),
        "<blockquote class=\"twitter-embed\"><p><a href=\"https://twitter.com/rubygems/status/518821243320287232\">https://twitter.com/rubygems/status/518821243320287232</a></p></blockquote>"
    );
    assert_eq!(
        run("{% gist vinta/1234 %}"),
        "<blockquote class=\"gist-embed\"><p><a href=\"https://gist.github.com/vinta/1234\">https://gist.github.com/vinta/1234</a></p></blockquote>"
    );
    let (out, report) = run_with("{% twitter %}", "");
    assert_eq!(out, hidden("{% twitter %}"));
    assert_eq!(report.attention_count(), 1);
}

#[test]
fn citations() {
    assert_eq!(
        run("as in {% cite einstein1905 %}."),
        "as in {{ cite(key=\"einstein1905\") }}."
    );
    assert_eq!(
        run("{% cite a b --file papers %}"),
        "{{ cite(key=\"a b\") }}"
    );
    assert_eq!(
        run("{% reference einstein1905 %}"),
        "{{ reference(key=\"einstein1905\") }}"
    );
}

#[test]
fn blocks() {
    assert_eq!(
        run("{% raw %}{{ site.baseurl }} {{ figure(path=\"x\") }}{% endraw %}"),
        "{{ site.baseurl }} {{/* figure(path=\"x\") */}}"
    );
    assert_eq!(
        run("a {% comment %} hidden --> {% endcomment %} b"),
        "a <!-- hidden --&gt; --> b"
    );
    assert_eq!(
        run(
            "text\n{% highlight python linenos %}\n\ndef f():\n    return 1\n{% endhighlight %}\nafter"
        ),
        "text\n```python\ndef f():\n    return 1\n```\nafter"
    );
    assert_eq!(
        run("{% details Click here %}\nHidden *text*\n{% enddetails %}"),
        "<details><summary>Click here</summary>\n\n\nHidden *text*\n\n\n</details>"
    );
    assert_eq!(
        run("{% quote einstein1905 %}\nLorem *ipsum*.\n{% endquote %}"),
        "<blockquote>\n\n\nLorem *ipsum*.\n\n\n<cite>{{ cite(key=\"einstein1905\") }}</cite>\n</blockquote>"
    );
    let (out, report) = run_with("{% quote %}\nopen", "");
    assert_eq!(out, "<blockquote>\n\n\nopen\n\n</blockquote>\n");
    assert_eq!(report.attention_count(), 1);
    let (out, report) = run_with("{% raw %} never closed", "");
    assert_eq!(out, format!(" never closed{}", hidden("{% raw %}")));
    assert_eq!(report.attention_count(), 1);
}

#[test]
fn logic_is_hidden_in_comments_and_reported() {
    // A loop is a template for each item: the whole of it goes in one comment.
    let text = "{% for y in page.years %}\n  <h2>{{y}}</h2>\n{% endfor %}\n{% if page.x %}\nText {{ page.x }}.\n{% endif %}";
    let (out, report) = run_with(text, "");
    assert_eq!(
        out,
        format!(
            "{}\n{}\nText {}.\n{}",
            hidden("{% for y in page.years %}\n  <h2>{{y}}</h2>\n{% endfor %}"),
            hidden("{% if page.x %}"),
            hidden("{{ page.x }}"),
            hidden("{% endif %}")
        )
    );
    // Inside code a comment would be shown: there the token stays as it was.
    let code = "```\n{% for y in page.years %}\n```\nand `{{ y }}`";
    assert_eq!(run_with(code, "").0, code);
    let lines: Vec<_> = report.entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![Some(5), Some(8), Some(9), Some(10)]);
}

#[test]
fn the_publications_page_loses_its_bibliography_loops() {
    let links = links();
    let config = Node::Map(Vec::new());
    let bibs = HashMap::new();
    let data = DataLoops::default();
    let site = Site {
        baseurl: "",
        url: "",
        config: &config,
        links: &links,
        bibs: &bibs,
        data: &data,
    };
    let body = Body {
        file: "_pages/publications.md",
        first_line: 1,
        page: &config,
        publications: true,
    };
    let mut report = Report::default();
    let out = convert(
        "Intro.\n{% include bib_search.liquid %}\n<div class=\"publications\">\n{% for y in page.years %}\n  <h2>{{y}}</h2>\n  {% for z in x %}{% endfor %}\n  {% bibliography -f papers -q @*[year={{y}}]* %}\n{% endfor %}\n{% bibliography %}\n</div>\n",
        &site,
        &body,
        &mut report,
    );
    assert_eq!(out, "Intro.\n\n<div class=\"publications\">\n\n\n</div>\n");
    assert_eq!(report.attention_count(), 0, "{:?}", report.entries);
}

#[test]
fn kept_text_that_looks_like_a_shortcode_is_escaped() {
    let (out, _) = run_with("{{ youtube(id=\"x\") }}", "");
    assert_eq!(out, hidden("{{/* youtube(id=\"x\") */}}"));
}

#[test]
fn math_wrappers_nocite_and_github_values() {
    assert_eq!(
        run("{% katexmm %}\nSo $x$ and $$y$$.\n{% endkatexmm %}"),
        "\nSo $x$ and $$y$$.\n"
    );
    assert_eq!(run("{% katex %} f'(x) {% endkatex %}"), "$f'(x)$");
    assert_eq!(
        run("{% katex display %}\\sum_i x{% endkatex %}"),
        "$$\\sum_i x$$"
    );
    let (out, report) = run_with("a{% nocite smith2020 %}b", "");
    assert_eq!(out, "ab");
    assert_eq!(report.attention_count(), 0);
    assert_eq!(report.entries.len(), 1);
    assert_eq!(
        run("[code]({{ site.github.repository_url }}) by {{ site.github.owner_name }}"),
        "[code](https://github.com/me/me.github.io) by me"
    );
    let (out, report) = run_with("{{ site.github.build_revision }}", "");
    assert_eq!(out, hidden("{{ site.github.build_revision }}"));
    assert!(report.entries[0].message.contains("repository: owner/name"));
}

#[test]
fn a_bibliography_on_another_page_is_the_shortcode_in_its_place() {
    let (out, report) = run_with(
        "Papers:\n\n{% bibliography -f talks -q @*[year=2020, keywords={{ page.title }}]* --max 3 --group_by year %}\n\nMore.",
        "",
    );
    assert_eq!(
        out,
        "Papers:\n\n{{ bibliography(file=\"bibliography/talks.bib\", query=\"year=2020; keywords=A page\", max=3, group_by=\"year\") }}\n\nMore."
    );
    assert_eq!(report.attention_count(), 0, "{:?}", report.entries);
    // The site's own options with no equivalent are dropped with a note; the list stays.
    let (out, report) = run_with("{% bibliography --template bib2 %}", "");
    assert_eq!(out, "{{ bibliography() }}");
    assert_eq!(report.attention_count(), 0, "{:?}", report.entries);
    assert!(format!("{:?}", report.entries).contains("--template bib2"));
    // What the shortcode cannot show as asked is kept and reported, never half converted.
    for tag in [
        "{% bibliography --cited %}",
        "{% bibliography -f nosuch %}",
        "{% bibliography -q @article[year>=2020]* %}",
        "{% bibliography -q @*[year={{ y }}]* %}",
    ] {
        let (out, report) = run_with(tag, "");
        assert!(!out.contains("bibliography("), "{tag}: {out}");
        assert_eq!(report.attention_count(), 1, "{tag}: {:?}", report.entries);
    }
}

#[test]
fn a_data_file_that_does_not_parse_is_not_read_by_a_loop() {
    use super::data_loop::DataFiles;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.yml");
    let bad = dir.path().join("bad.yml");
    let latin1 = dir.path().join("latin1.yml");
    std::fs::write(&good, "- name: A\n").unwrap();
    std::fs::write(&bad, "- name: [unclosed\n").unwrap();
    std::fs::write(&latin1, b"- name: Caf\xe9\n").unwrap();
    let data = DataLoops::new(HashMap::from([
        ("good".to_owned(), ("data/good.yml".to_owned(), Some(good))),
        ("bad".to_owned(), ("data/bad.yml".to_owned(), Some(bad))),
        (
            "latin1".to_owned(),
            ("data/latin1.yml".to_owned(), Some(latin1)),
        ),
    ]));
    assert_eq!(data.path("good").as_deref(), Some("data/good.yml"));
    assert_eq!(data.path("bad"), None);
    assert_eq!(data.path("latin1"), None, "Zola reads data files as UTF-8");
    assert_eq!(data.path("missing"), None);
}

#[test]
fn tabs_become_panels_the_theme_makes_tabs() {
    let (out, report) = run_with(
        "{% tabs log %}\n{% tab log php <b> %}\n```php\nx\n```\n{% endtab %}\n{% tab log js %}\ny\n{% endtab %}\n{% endtabs %}\n\n{% tabs open %}{% tab open a %}z",
        "",
    );
    let report = format!("{report:?}");
    assert_eq!(
        out,
        "<div class=\"tabs\" data-tabs>\n\n<section class=\"tab-panel\"><p class=\"tab-title\">php &lt;b&gt;</p>\n\n\n```php\nx\n```\n\n\n</section>\n\n<section class=\"tab-panel\"><p class=\"tab-title\">js</p>\n\n\ny\n\n\n</section>\n\n</div>\n\n<div class=\"tabs\" data-tabs>\n<section class=\"tab-panel\"><p class=\"tab-title\">a</p>\n\nz\n\n</section>\n</div>\n"
    );
    assert!(
        report.contains("`{% tabs %}` without `{% endtabs %}`"),
        "{report}"
    );
}

/// A token the converter keeps, as it writes it outside code.
fn hidden(token: &str) -> String {
    format!("<!-- folio import: not converted: {token} -->")
}
