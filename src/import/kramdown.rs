//! Bodies: kramdown's extensions, after Liquid, outside code blocks.
//!
//! - A span attribute list after a link, `[t](url){:target="_blank"}` (also written
//!   `{:target="\_blank"}`), with only `target`/`rel`, is removed: `folio rewrite` opens links to
//!   other sites in a new tab and sets `rel` (for a link inside the site, the new tab is lost and
//!   reported). With a class, id or other attributes the link becomes an HTML `<a>`.
//! - After an image, `![a](src){: .class width="50%"}` becomes an HTML `<img>` with them.
//! - A block attribute list on the line after a heading, `{: #id .class}`, moves into the heading
//!   as `{#id .class}` (Zola's heading attributes); `## Title {#id}` is already Zola syntax.
//!   al-folio's `data-toc-text="Short"` (the heading's label in the sidebar table of contents)
//!   is dropped: the theme's table of contents shows the heading.
//! - A blockquote followed by `{: .block-tip }`, `{: .block-warning }` or `{: .block-danger }`
//!   (al-folio's callouts) becomes `<blockquote class="block-tip">` around its Markdown.
//! - kramdown's table of contents, a one-item list followed by `{:toc}`, is removed and the page
//!   gets the theme's (`toc = true` in its front matter).
//! - Any other block attribute list (`{::options …/}`, `{: .table}` after a table or
//!   paragraph) becomes an HTML comment, out of sight, and is reported.
//! - A line that is one whole block-level HTML element (`<h2>talks</h2>`, `<hr>`) followed by
//!   Markdown gets a blank line after it: kramdown ends the HTML there, CommonMark would keep the
//!   Markdown below as raw HTML.
//! - A link or image whose target has spaces, `[paper](/assets/pdf/my paper.pdf)` (kramdown takes
//!   them, CommonMark ends the target at the space), gets them as `%20`.
//!
//! Links whose target is a bare e-mail address (`[me@x.org](me@x.org)`) are reported: browsers
//! read them as relative paths, `folio rewrite` repairs them into `mailto:` links.

use super::liquid::short;
use super::report::Report;

/// A body with its kramdown converted.
pub struct Converted {
    pub text: String,
    /// The body asked for kramdown's table of contents (`* TOC` + `{:toc}`), now the theme's.
    pub toc: bool,
}

/// Converts the kramdown parts of a body (see the module docs). `first_line` is the source line
/// of the body's first line.
pub fn convert(text: &str, file: &str, first_line: usize, report: &mut Report) -> Converted {
    let mut out = String::with_capacity(text.len());
    let mut toc = false;
    let mut in_comment = false;
    let mut fence: Option<(char, usize)> = None;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let line_no = first_line + i;
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        // Fenced code blocks are left alone.
        if let Some(f) = fence_of(body) {
            match fence {
                None => fence = Some(f),
                Some((c, n)) if f.0 == c && f.1 >= n && body.trim().chars().all(|x| x == c) => {
                    fence = None
                }
                Some(_) => {}
            }
            out.push_str(line);
            i += 1;
            continue;
        }
        if fence.is_some() || body.starts_with("    ") || body.starts_with('\t') {
            out.push_str(line);
            i += 1;
            continue;
        }
        // The lines of an HTML comment (Liquid the import kept out of sight) stay as written.
        if in_comment || body.trim_start().starts_with("<!--") {
            in_comment = comment_open(body, in_comment);
            out.push_str(line);
            i += 1;
            continue;
        }
        // A heading followed by a block IAL line.
        if is_heading(body)
            && let Some(next) = lines.get(i + 1)
            && let Some(attrs) = block_ial(next.trim_end_matches(['\n', '\r']))
            && let Some(zola) = heading_attrs(attrs)
        {
            out.push_str(body.trim_end());
            if !zola.is_empty() {
                out.push_str(&format!(" {{{zola}}}"));
            }
            out.push_str(ending);
            i += 2;
            continue;
        }
        // A blockquote followed by `{: .block-tip }` (al-folio's callouts).
        let quote_starts = |k: usize| lines[k].trim_start().starts_with('>');
        if quote_starts(i)
            && (i == 0 || !quote_starts(i - 1))
            && let Some((class, end)) = callout(&lines, i)
        {
            out.push_str(&format!("<blockquote class=\"{class}\">\n\n"));
            for (k, quoted) in lines[i..end].iter().enumerate() {
                let inner = quoted.trim_end_matches(['\n', '\r']).trim_start();
                let inner = inner.strip_prefix('>').unwrap_or(inner);
                let inner = inner.strip_prefix(' ').unwrap_or(inner);
                out.push_str(&convert_line(
                    &spaced_targets(inner),
                    file,
                    line_no + k,
                    report,
                ));
                out.push('\n');
            }
            out.push_str("\n</blockquote>");
            let ial = lines[end];
            out.push_str(&ial[ial.trim_end_matches(['\n', '\r']).len()..]);
            i = end + 1;
            continue;
        }
        // kramdown's table of contents: a one-item list (`* TOC`, `1. x`) that `{:toc}` replaces
        // by the headings. The theme's table of contents (front matter `toc`) takes its place.
        if block_ial(body).is_some_and(|a| a == "toc")
            && let Some(start) = toc_item(&out)
        {
            out.truncate(start);
            toc = true;
            report.repair(
                file,
                Some(line_no),
                "kramdown's `{:toc}` became the theme's table of contents (`toc = true`)"
                    .to_owned(),
            );
            i += 1;
            continue;
        }
        if block_ial(body).is_some() {
            report.attention(
                file,
                Some(line_no),
                format!(
                    "kramdown attribute list `{}` not converted (Zola's Markdown has no block attributes): kept in an HTML comment",
                    short(body.trim())
                ),
            );
            // An HTML comment ends a paragraph, list or table as the attribute line did, and
            // keeps it out of sight.
            let indent = &body[..body.len() - body.trim_start().len()];
            let kept = body.trim().replace("--", "-&#45;");
            out.push_str(&format!("{indent}<!-- kramdown: {kept} -->"));
            out.push_str(ending);
            i += 1;
            continue;
        }
        out.push_str(&convert_line(&spaced_targets(body), file, line_no, report));
        out.push_str(ending);
        // kramdown ends an HTML block at its element's end; CommonMark only at a blank line, so
        // Markdown right under `<h2>…</h2>` would be shown raw: a blank line between.
        if closed_html_block(body)
            && lines.get(i + 1).is_some_and(|next| {
                let t = next.trim();
                !t.is_empty() && !starts_html_block(t)
            })
        {
            // (A next line exists, so this one ends.)
            out.push_str(ending);
        }
        i += 1;
    }
    Converted { text: out, toc }
}

/// Where the last line of `out` starts when it is the only item of a list (`* TOC`, `- x`,
/// `1. x`), the placeholder that kramdown's `{:toc}` replaces by the headings.
fn toc_item(out: &str) -> Option<usize> {
    let trimmed = out.trim_end_matches(['\n', '\r']);
    let start = trimmed.rfind('\n').map_or(0, |n| n + 1);
    list_item(&trimmed[start..])?;
    let before = trimmed[..start].trim_end_matches(['\n', '\r']);
    let prev = before.rfind('\n').map_or(before, |n| &before[n + 1..]);
    list_item(prev).is_none().then_some(start)
}

/// Block-level elements (an HTML block of CommonMark's kind 6 starts with one).
const BLOCKS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "div",
    "table",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "section",
    "figure",
    "center",
    "details",
    "hr",
    "li",
    "tr",
    "td",
    "th",
    "nav",
    "header",
    "footer",
    "article",
    "aside",
    "main",
    "form",
    "pre",
    "script",
    "style",
];

/// The block element a line opens or closes (`<div …>`, `</div>`), lowercase.
fn block_tag(t: &str) -> Option<String> {
    let rest = t.strip_prefix("</").or_else(|| t.strip_prefix('<'))?;
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    (BLOCKS.contains(&name.as_str()) && rest[name.len()..].starts_with([' ', '>', '/']))
        .then_some(name)
}

/// A line that starts an HTML block or comment itself (then no blank line is needed).
fn starts_html_block(t: &str) -> bool {
    t.starts_with("<!--") || block_tag(t).is_some()
}

/// A line that is one whole block-level HTML element (`<h2>…</h2>`, `<p …>…</p>`, `<hr>`).
fn closed_html_block(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("</") {
        return false;
    }
    match block_tag(t) {
        Some(name) if name == "hr" => t.ends_with('>'),
        Some(name) if !matches!(name.as_str(), "pre" | "script" | "style") => {
            t.to_ascii_lowercase().ends_with(&format!("</{name}>"))
        }
        _ => false,
    }
}

/// Whether an HTML comment is still open after `line` (`open`: one was open before it).
fn comment_open(line: &str, mut open: bool) -> bool {
    let mut rest = line;
    loop {
        if open {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    open = false;
                }
                None => return true,
            }
        } else {
            match rest.find("<!--") {
                Some(i) => {
                    rest = &rest[i + 4..];
                    open = true;
                }
                None => return false,
            }
        }
    }
}

/// The text of a list item's first line (`* x`, `- x`, `+ x`, `1. x`).
fn list_item(line: &str) -> Option<&str> {
    let item = line.trim_start();
    let digits = item.chars().take_while(char::is_ascii_digit).count();
    let rest = if digits > 0 {
        item[digits..].strip_prefix(". ")
    } else {
        ["* ", "- ", "+ "].iter().find_map(|m| item.strip_prefix(m))
    };
    rest.filter(|r| !r.trim().is_empty())
}

/// `line` with the spaces inside link targets (`](a b.pdf)`) written `%20`, outside code spans;
/// a target followed by a title (`](url "title")`) or in angle brackets is left as it is.
fn spaced_targets(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("](") {
        return line.into();
    }
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len() + 8);
    let mut last = 0;
    let mut in_code = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b']' if !in_code && bytes.get(i + 1) == Some(&b'(') => {
                let start = i + 2;
                // The `)` that closes the target (nested parentheses balanced).
                let mut depth = 1usize;
                let mut end = None;
                for (j, &b) in bytes.iter().enumerate().skip(start) {
                    match b {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(j);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let Some(end) = end else { break };
                let target = &line[start..end];
                let titled = [" \"", " '", " ("].iter().any(|t| target.contains(t));
                if target.trim().contains(' ') && !target.starts_with('<') && !titled {
                    out.push_str(&line[last..start]);
                    out.push_str(&target.trim().replace(' ', "%20"));
                    last = end;
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    if last == 0 {
        return line.into();
    }
    out.push_str(&line[last..]);
    out.into()
}

/// A code fence opening or closing: its character and length.
pub(super) fn fence_of(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// The callout classes of al-folio's theme.
const CALLOUTS: &[&str] = &["block-tip", "block-warning", "block-danger"];

/// A blockquote starting at `lines[start]` whose next line is a block attribute list of one
/// callout class: the class and the attribute line's index.
fn callout(lines: &[&str], start: usize) -> Option<(&'static str, usize)> {
    let end = start
        + lines[start..]
            .iter()
            .take_while(|l| l.trim_start().starts_with('>'))
            .count();
    let attrs = parse_attrs(block_ial(lines.get(end)?.trim_end_matches(['\n', '\r']))?)?;
    match attrs.as_slice() {
        [(k, v)] if k == "class" => CALLOUTS
            .iter()
            .find(|c| **c == v.trim())
            .copied()
            .map(|c| (c, end)),
        _ => None,
    }
}

fn is_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
}

/// `{: …}` / `{:…}` alone on a line: the attributes inside.
fn block_ial(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("{:")?.strip_suffix('}')?;
    Some(inner.trim())
}

/// kramdown attributes as Zola heading attributes (`#id .class`), when that is all they are.
fn heading_attrs(attrs: &str) -> Option<String> {
    let parsed = parse_attrs(attrs)?;
    if parsed.is_empty() {
        return None;
    }
    if parsed.iter().all(|(k, _)| k == "data-toc-text") {
        return Some(String::new());
    }
    let mut parts = Vec::new();
    for (k, v) in parsed {
        match k.as_str() {
            "id" => parts.push(format!("#{v}")),
            "class" => parts.extend(v.split_whitespace().map(|c| format!(".{c}"))),
            // al-folio's label for the heading in the sidebar table of contents: the theme's
            // table of contents shows the heading itself.
            "data-toc-text" => {}
            _ => return None,
        }
    }
    Some(parts.join(" "))
}

/// `.class #id key="value" key='v' key=v` → pairs (classes merged); `None` when unreadable
/// (`{:toc}`, `{::options}`, references to ALDs).
fn parse_attrs(s: &str) -> Option<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(char::is_whitespace).unwrap_or(r.len());
            let class = &r[..end];
            if class.is_empty() {
                return None;
            }
            match out.iter_mut().find(|(k, _)| k == "class") {
                Some((_, v)) => {
                    v.push(' ');
                    v.push_str(class);
                }
                None => out.push(("class".into(), class.into())),
            }
            rest = r[end..].trim_start();
        } else if let Some(r) = rest.strip_prefix('#') {
            let end = r.find(char::is_whitespace).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            out.push(("id".into(), r[..end].into()));
            rest = r[end..].trim_start();
        } else {
            let eq = rest.find('=')?;
            let key = rest[..eq].trim();
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return None;
            }
            let after = &rest[eq + 1..];
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q)?;
                    (&after[1..end + 1], &after[end + 2..])
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            // Markdown escapes inside kramdown attributes: `\_blank`.
            out.push((key.into(), value.replace("\\_", "_")));
            rest = next.trim_start();
        }
    }
    Some(out)
}

/// Span IALs after links and images, and e-mail link targets, on one line.
fn convert_line(line: &str, file: &str, line_no: usize, report: &mut Report) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("){:") {
        let (before, after) = rest.split_at(i + 1);
        let Some(close) = after.find('}') else { break };
        let attrs_text = &after[2..close];
        let consumed = &after[..close + 1];
        out.push_str(before);
        rest = &after[close + 1..];
        let (Some(link), Some(attrs)) = (link_before(&out), parse_attrs(attrs_text)) else {
            out.push_str(consumed);
            report.attention(
                file,
                Some(line_no),
                format!("kramdown attribute list `{consumed}` not converted"),
            );
            continue;
        };
        let only_target = attrs.iter().all(|(k, _)| k == "target" || k == "rel");
        if !link.image && only_target {
            if link.url.starts_with("http://")
                || link.url.starts_with("https://")
                || link.url.starts_with("//")
            {
                report.note(
                    file,
                    Some(line_no),
                    format!("kramdown `{consumed}` removed: `folio rewrite` opens links to other sites in a new tab"),
                );
            } else {
                report.attention(
                    file,
                    Some(line_no),
                    format!(
                        "kramdown `{consumed}` removed: the link to `{}` now opens in the same tab",
                        link.url
                    ),
                );
            }
            continue;
        }
        if link.url.starts_with("@/") {
            out.push_str(consumed);
            report.attention(
                file,
                Some(line_no),
                format!("kramdown attribute list `{consumed}` on an internal link not converted"),
            );
            continue;
        }
        // Rewrite as HTML.
        let html = if link.image {
            let mut tag = format!(
                "<img src=\"{}\" alt=\"{}\"",
                attr(&link.url),
                attr(&link.text)
            );
            if let Some(title) = &link.title {
                tag.push_str(&format!(" title=\"{}\"", attr(title)));
            }
            for (k, v) in &attrs {
                tag.push_str(&format!(" {k}=\"{}\"", attr(v)));
            }
            tag.push('>');
            tag
        } else {
            let mut tag = format!("<a href=\"{}\"", attr(&link.url));
            if let Some(title) = &link.title {
                tag.push_str(&format!(" title=\"{}\"", attr(title)));
            }
            for (k, v) in &attrs {
                tag.push_str(&format!(" {k}=\"{}\"", attr(v)));
            }
            tag.push('>');
            tag.push_str(&link.text);
            tag.push_str("</a>");
            tag
        };
        out.truncate(link.start);
        out.push_str(&html);
        report.note(
            file,
            Some(line_no),
            format!(
                "kramdown `{consumed}` applied: the {} is written as HTML",
                if link.image { "image" } else { "link" }
            ),
        );
    }
    out.push_str(rest);
    check_email_links(&out, file, line_no, report);
    out
}

fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An inline link or image ending at the end of `s`.
struct Link {
    start: usize,
    image: bool,
    text: String,
    url: String,
    title: Option<String>,
}

/// Where the `open` byte that balances the `close` byte ending `bytes` is (nested pairs
/// counted), scanning back.
fn opening(bytes: &[u8], open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate().rev() {
        if b == close {
            depth += 1;
        } else if b == open {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

fn link_before(s: &str) -> Option<Link> {
    let bytes = s.as_bytes();
    if *bytes.last()? != b')' {
        return None;
    }
    // The `(` that opens the destination, and the `[` that opens the text (nesting balanced).
    let open = opening(bytes, b'(', b')')?;
    if open == 0 || bytes[open - 1] != b']' {
        return None;
    }
    let text_open = opening(&bytes[..open], b'[', b']')?;
    let image = text_open > 0 && bytes[text_open - 1] == b'!';
    let dest = s[open + 1..s.len() - 1].trim();
    let (url, title) = match dest.find([' ', '\t']) {
        Some(i) => {
            let t = dest[i..].trim();
            let title = t
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .or_else(|| t.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
                .map(str::to_owned);
            (&dest[..i], title)
        }
        None => (dest, None),
    };
    let url = url.trim_start_matches('<').trim_end_matches('>');
    Some(Link {
        start: if image { text_open - 1 } else { text_open },
        image,
        text: s[text_open + 1..open - 1].to_owned(),
        url: url.to_owned(),
        title,
    })
}

/// Reports `](me@x.org)` link targets.
fn check_email_links(line: &str, file: &str, line_no: usize, report: &mut Report) {
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let end = after.find([')', ' ']).unwrap_or(after.len());
        let target = &after[..end];
        if is_bare_email(target) {
            report.note(
                file,
                Some(line_no),
                format!("the link target `{target}` is a bare e-mail address: left as written, `folio rewrite` makes it a mailto: link"),
            );
        }
        rest = &after[end..];
    }
}

fn is_bare_email(s: &str) -> bool {
    let Some((user, host)) = s.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !s.contains(':')
        && !s.contains('/')
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !user.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_in_link_targets_become_percent_20() {
        assert_eq!(
            spaced_targets("see [the paper](/assets/pdf/my paper.pdf) and ![a](/img/a b.png)"),
            "see [the paper](/assets/pdf/my%20paper.pdf) and ![a](/img/a%20b.png)"
        );
        // Titles, angle brackets, plain targets and code spans are left as written.
        for line in [
            r#"[x](/a.pdf "the title")"#,
            "[x](</a b.pdf>)",
            "[x](/a.pdf) and [y](https://e.org/q?(1))",
            "`[x](/a b.pdf)` in code",
            "no links at all",
        ] {
            assert_eq!(spaced_targets(line), line);
        }
    }

    fn run(text: &str) -> (String, Report) {
        let mut report = Report::default();
        let out = convert(text, "_posts/x.md", 10, &mut report);
        (out.text, report)
    }

    #[test]
    fn target_blank_on_external_links_is_removed() {
        let (out, report) = run(
            "A [link](https://x.org){:target=\"\\_blank\"} and [b](http://y.org){:target=\"_blank\" rel=\"noopener\"}.\n",
        );
        assert_eq!(out, "A [link](https://x.org) and [b](http://y.org).\n");
        assert_eq!(report.attention_count(), 0);
        let (out, report) = run("[cv](/assets/pdf/cv.pdf){:target=\"_blank\"}");
        assert_eq!(out, "[cv](/assets/pdf/cv.pdf)");
        assert_eq!(report.attention_count(), 1);
    }

    #[test]
    fn images_and_classes_become_html() {
        let (out, _) = run("![A cat](/assets/img/cat.jpg \"Cat\"){: .img-fluid width=\"50%\"}");
        assert_eq!(
            out,
            "<img src=\"/assets/img/cat.jpg\" alt=\"A cat\" title=\"Cat\" class=\"img-fluid\" width=\"50%\">"
        );
        let (out, _) = run("see [the *code*](https://github.com/x){: .btn #gh}");
        assert_eq!(
            out,
            "see <a href=\"https://github.com/x\" class=\"btn\" id=\"gh\">the *code*</a>"
        );
    }

    #[test]
    fn heading_ials_and_block_ials() {
        let (out, report) = run(
            "## Intro\n{: #intro .lead}\ntext\n\n| a |\n|---|\n{: .table}\n{::options parse_block_html=\"true\" /}\n",
        );
        assert_eq!(
            out,
            "## Intro {#intro .lead}\ntext\n\n| a |\n|---|\n<!-- kramdown: {: .table} -->\n<!-- kramdown: {::options parse_block_html=\"true\" /} -->\n"
        );
        let lines: Vec<_> = report.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(16), Some(17)]);
        // al-folio's label for the sidebar table of contents is dropped, the rest kept.
        let (out, report) = run(
            "## A long heading\n{: data-toc-text=\"Short\"}\n### B\n{: #b data-toc-text='b'}\n",
        );
        assert_eq!(out, "## A long heading\n### B {#b}\n");
        assert_eq!(report.attention_count(), 0, "{:?}", report.entries);
    }

    #[test]
    fn markdown_under_a_one_line_html_block_is_markdown() {
        let (out, _) = run(
            "<h2>talks</h2>\n- 2026 a talk\n- 2025 another\n\n<hr>\n**b**\n<div>x</div>\n<p>y</p>\n<h2>kept</h2> and text\n<h3>s</h3>\n<b>Editor</b>: [T-RO](https://x.org)\n",
        );
        assert_eq!(
            out,
            "<h2>talks</h2>\n\n- 2026 a talk\n- 2025 another\n\n<hr>\n\n**b**\n<div>x</div>\n<p>y</p>\n<h2>kept</h2> and text\n<h3>s</h3>\n\n<b>Editor</b>: [T-RO](https://x.org)\n"
        );
    }

    #[test]
    fn comments_are_left_as_written() {
        let text = "<!-- kept: {% for x in y %}\n- [a]({{ x.url }} b)\n{: .c}\n{% endfor %} -->\n[p](/a b.pdf)\n";
        let (out, report) = run(text);
        assert_eq!(
            out,
            "<!-- kept: {% for x in y %}\n- [a]({{ x.url }} b)\n{: .c}\n{% endfor %} -->\n[p](/a%20b.pdf)\n"
        );
        assert_eq!(report.attention_count(), 0);
    }

    #[test]
    fn kramdown_toc_becomes_the_themes() {
        for text in [
            "## Contents\n* TOC\n{:toc}\n\nText.\n",
            "## Contents\n\n1. this list is replaced\n   {:toc}\n\nText.\n",
        ] {
            let mut report = Report::default();
            let out = convert(text, "_posts/x.md", 1, &mut report);
            assert!(out.toc, "{text}");
            let lines: Vec<&str> = out.text.lines().filter(|l| !l.is_empty()).collect();
            assert_eq!(lines, ["## Contents", "Text."]);
            assert_eq!(report.attention_count(), 0);
        }
        // A longer list is the author's own: kept, its attribute line hidden and reported.
        let mut report = Report::default();
        let out = convert("* a\n* b\n{:toc}\n", "_posts/x.md", 1, &mut report);
        assert!(!out.toc);
        assert_eq!(out.text, "* a\n* b\n<!-- kramdown: {:toc} -->\n");
        assert_eq!(report.attention_count(), 1);
    }

    #[test]
    fn callouts_become_blockquotes_with_their_class() {
        let (out, report) = run(
            "> ##### TIP\n>\n> Use [x](https://x.org){:target=\"_blank\"}.\n{: .block-tip }\n\n> plain\n{: .other}\n",
        );
        assert_eq!(
            out,
            "<blockquote class=\"block-tip\">\n\n##### TIP\n\nUse [x](https://x.org).\n\n</blockquote>\n\n> plain\n<!-- kramdown: {: .other} -->\n"
        );
        assert_eq!(report.attention_count(), 1, "{:?}", report.entries);
    }

    #[test]
    fn code_is_left_alone() {
        let text = "```\n[a](b){:target=\"_blank\"}\n{: .x}\n```\n    [c](d){:x}\n";
        let (out, report) = run(text);
        assert_eq!(out, text);
        assert!(report.entries.is_empty());
    }

    #[test]
    fn email_links_are_noted() {
        let (out, report) = run("Write to [me@x.org](me@x.org) or [web](https://x.org/@me).");
        assert_eq!(
            out,
            "Write to [me@x.org](me@x.org) or [web](https://x.org/@me)."
        );
        assert_eq!(report.entries.len(), 1);
        assert!(report.entries[0].message.contains("mailto"));
        assert_eq!(report.attention_count(), 0);
    }
}
