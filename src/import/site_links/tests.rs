use super::*;
use crate::import::liquid::Target;

fn links() -> Links {
    let mut links = Links::default();
    links.by_url.insert(
        "/blog/2015/x/".into(),
        Target {
            internal: "@/blog/2015-x.md".into(),
            url: "/blog/2015/x/".into(),
        },
    );
    links
}

fn run(text: &str, markdown: bool) -> (String, Report) {
    let links = links();
    let ctx = Ctx {
        links: &links,
        baseurl: "/repo",
        file: "_pages/about.md",
        first_line: 5,
    };
    let mut report = Report::default();
    let out = convert(text, &ctx, markdown, &mut report);
    (out, report)
}

#[test]
fn markdown_links_to_pages_become_internal_links() {
    let (out, _) = run(
        "See [the post](/blog/2015/x/#part) and [again](/repo/blog/2015/x \"t\").\n",
        true,
    );
    assert_eq!(
        out,
        "See [the post](@/blog/2015-x.md#part) and [again](@/blog/2015-x.md \"t\").\n"
    );
}

#[test]
fn markdown_links_to_static_files_keep_the_base_path() {
    let (out, _) = run(
        "[my *CV*](/assets/pdf/cv.pdf \"CV\") ![a \"cat\"](/repo/assets/img/cat.jpg) [![i](/i.png)](/x.pdf#page=2)\n",
        true,
    );
    assert_eq!(
        out,
        concat!(
            r#"<a href="{{ url(path="/assets/pdf/cv.pdf") }}" title="CV">my *CV*</a> "#,
            r#"<img src="{{ url(path="/assets/img/cat.jpg") }}" alt="a &quot;cat&quot;"> "#,
            r#"<a href="{{ url(path="/x.pdf") }}#page=2"><img src="{{ url(path="/i.png") }}" alt="i"></a>"#,
            "\n"
        )
    );
}

#[test]
fn html_attributes_get_the_shortcode() {
    let (out, _) = run(
        "<a href=\"/repo/blog/2015/x/\"><img class=\"p\" src='/assets/img/a.png'></a> <a href=\"https://e.org/x\">e</a>\n",
        false,
    );
    assert_eq!(
        out,
        "<a href=\"{{ url(path=\"@/blog/2015-x.md\") }}\"><img class=\"p\" src='{{ url(path=\"/assets/img/a.png\") }}'></a> <a href=\"https://e.org/x\">e</a>\n"
    );
}

#[test]
fn code_other_urls_and_odd_paths_are_left_alone() {
    let text = "```\n[a](/x.pdf)\n```\n\n    [b](/x.pdf)\n\n`[c](/x.pdf)` [d](https://e.org/x) [e](//e.org) [f](/a{b}.pdf) [g](x.pdf) \\[h](/x)\n";
    let (out, report) = run(text, true);
    assert_eq!(out, text);
    assert!(report.entries.is_empty());
    // A second run changes nothing.
    let (once, _) = run("[a](/x.pdf) <img src=\"/y.png\">\n", true);
    assert_eq!(run(&once, true).0, once);
}

#[test]
fn reference_definitions() {
    let (out, report) = run("[p]: /blog/2015/x/\n[f]: /repo/files/a.pdf \"A\"\n", true);
    assert_eq!(out, "[p]: @/blog/2015-x.md\n[f]: /files/a.pdf \"A\"\n");
    assert_eq!(report.attention_count(), 1);
    assert_eq!(report.entries[0].line, Some(6));
}

#[test]
fn text_around_links_is_kept_whole() {
    let (out, _) = run("é ü — [ä](/ö.pdf) ✓ `x` \\[ <b>ß</b>\n", true);
    assert_eq!(
        out,
        "é ü — <a href=\"{{ url(path=\"/ö.pdf\") }}\">ä</a> ✓ `x` \\[ <b>ß</b>\n"
    );
}

#[test]
fn hostile_nesting_stays_linear() {
    let text = "[".repeat(20_000) + &"](/x)".repeat(10);
    let (out, _) = run(&text, true);
    assert!(out.len() >= text.len());
}
