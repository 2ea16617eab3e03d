//! Bodies: Liquid, then math and kramdown, or (for `.html` sources) HTML that Markdown passes
//! through; then the links to the site's own paths (`site_links`).

use super::{Context, Doc};
use crate::import::report::Report;
use crate::import::yaml::Node;
use crate::import::{kramdown, liquid, math, site_links};

/// A converted body and what its front matter must say of it.
pub(super) struct Body {
    pub text: String,
    /// How many formulas it holds (the page gets `math = true`).
    pub formulas: usize,
    /// It asked for kramdown's table of contents (the page gets `toc = true`).
    pub toc: bool,
}

/// Liquid, then math and kramdown, or (for `.html` sources) HTML passthrough.
pub(super) fn convert_body(
    doc: &Doc,
    text: &str,
    ctx: &Context<'_>,
    publications: bool,
    report: &mut Report,
) -> Body {
    let site = liquid::Site {
        baseurl: &ctx.site.baseurl,
        url: &ctx.site.url,
        config: ctx.site.config,
        links: &ctx.links,
        bibs: ctx.bibs,
        data: ctx.data_loops,
    };
    let body = liquid::Body {
        file: &doc.src,
        first_line: doc.body_line,
        page: &doc.fm,
        publications,
    };
    let mut text = liquid::convert(text, &site, &body, report);
    let links = site_links::Ctx {
        links: &ctx.links,
        baseurl: &ctx.site.baseurl,
        file: &doc.src,
        first_line: doc.body_line,
    };
    if publications {
        text = drop_empty_publications_div(&text);
    }
    if doc.html {
        report.note(
            &doc.src,
            None,
            "an HTML page: its blank lines are removed so that Markdown passes it through as HTML"
                .to_owned(),
        );
        let text = site_links::convert(&text, &links, false, report);
        return Body {
            text: html_passthrough(&text),
            formulas: 0,
            toc: false,
        };
    }
    // al-folio's MathJax reads `$…$` too unless the site turned math off.
    let single_dollar = ctx.site.config.get("enable_math").is_none_or(Node::truthy);
    let (text, formulas) = math::convert(&text, single_dollar);
    if formulas > 0 {
        report.note(
            &doc.src,
            None,
            format!(
                "{formulas} formula(s): written for Zola's Markdown and marked `math = true`; `folio rewrite` turns them into MathML (no MathJax)"
            ),
        );
    }
    let kramdown = kramdown::convert(&text, &doc.src, doc.body_line, report);
    Body {
        text: site_links::convert(&kramdown.text, &links, true, report),
        formulas,
        toc: kramdown.toc,
    }
}

/// HTML that CommonMark passes through: blank lines (which end an HTML block, after which
/// indented lines become code) are dropped, except inside `<pre>`, `<textarea>`, `<script>`
/// and `<style>`, and the whole is wrapped in a `<div>`.
pub fn html_passthrough(text: &str) -> String {
    let mut out = String::from("<div>\n");
    let mut verbatim = 0usize;
    for line in text.lines() {
        let lower = line.to_ascii_lowercase();
        for tag in ["<pre", "<textarea", "<script", "<style"] {
            verbatim += lower.matches(tag).count();
        }
        for tag in ["</pre", "</textarea", "</script", "</style"] {
            verbatim = verbatim.saturating_sub(lower.matches(tag).count());
        }
        if line.trim().is_empty() && verbatim == 0 {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("</div>\n");
    out
}

/// The publications page's empty `<div class="publications"></div>` (its bibliography tag
/// removed): the template has its own.
pub(super) fn drop_empty_publications_div(text: &str) -> String {
    let open = "<div class=\"publications\">";
    if let Some(i) = text.find(open) {
        let after = &text[i + open.len()..];
        let rest = after.trim_start();
        if let Some(tail) = rest.strip_prefix("</div>") {
            return format!("{}{}", &text[..i], tail.trim_start_matches(['\r', '\n']));
        }
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn empty_publications_divs_go() {
        assert_eq!(
            drop_empty_publications_div("<!-- x -->\n<div class=\"publications\">\n\n\n</div>\n"),
            "<!-- x -->\n"
        );
        let kept = "<div class=\"publications\">text</div>";
        assert_eq!(drop_empty_publications_div(kept), kept);
    }

    #[test]
    fn html_passes_through() {
        let out = html_passthrough("<div>\n\n    <p>x</p>\n\n<pre>\na\n\nb\n</pre>\n");
        assert_eq!(
            out,
            "<div>\n<div>\n    <p>x</p>\n<pre>\na\n\nb\n</pre>\n</div>\n"
        );
    }
}
