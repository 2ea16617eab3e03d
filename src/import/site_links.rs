//! Bodies: links to the site's own paths (`/assets/pdf/cv.pdf`, `/blog/`), which a site served
//! under a base path (`https://x.github.io/repo/`) must not write as they are, and which must
//! never carry the old site's base path (`/repo/assets/…`) either.
//!
//! - A Markdown link or image to an imported page becomes Zola's internal link (`@/blog/x.md`).
//! - A Markdown link or image to any other site path (a static file) becomes an HTML `<a>` or
//!   `<img>` whose URL is the theme's `url` shortcode, `{{ url(path="/assets/pdf/cv.pdf") }}`:
//!   Zola expands shortcodes inside HTML attributes but not inside a Markdown link's target, and
//!   has no internal link for static files. The link's text stays Markdown.
//! - `href="/…"` and `src="/…"` in HTML tags get the shortcode too (`@/…` for pages).
//! - A reference definition (`[id]: /x.pdf`) to a page becomes `@/…`; to a static file it stays
//!   and is reported.
//!
//! Code (fenced, indented, inline) is left alone. A path whose characters would need quoting in
//! a shortcode argument (`"`, `\`, `{`, `}`, `<`, `>`, spaces) is left as written.

use super::kramdown::fence_of;
use super::liquid::Links;
use super::report::Report;

/// How far a bracket or parenthesis is looked for its partner (keeps hostile input linear).
const REACH: usize = 1000;

/// The caller's facts for one body.
pub struct Ctx<'a> {
    pub links: &'a Links,
    /// The old site's `baseurl` ("" or "/repo"): a path starting with it loses it.
    pub baseurl: &'a str,
    pub file: &'a str,
    pub first_line: usize,
}

/// Converts the site links of a body (see the module docs); `markdown` is false for HTML pages.
pub fn convert(text: &str, ctx: &Ctx<'_>, markdown: bool, report: &mut Report) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut fence: Option<(char, usize)> = None;
    let mut blank_before = true;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if markdown {
            if let Some(f) = fence_of(body) {
                fence = match fence {
                    None => Some(f),
                    Some((c, n)) if f.0 == c && f.1 >= n && body.trim().chars().all(|x| x == c) => {
                        None
                    }
                    open => open,
                };
                out.push_str(line);
                continue;
            }
            let indented = blank_before && (body.starts_with("    ") || body.starts_with('\t'));
            blank_before = body.trim().is_empty() || (blank_before && indented);
            if fence.is_some() || indented {
                out.push_str(line);
                continue;
            }
            if let Some(converted) = reference_definition(body, ctx, i, report) {
                out.push_str(&converted);
                out.push_str(&line[body.len()..]);
                continue;
            }
        }
        if line.contains(['[', '<']) {
            out.push_str(&inline(line, ctx, markdown));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A path on this site, with the old base path taken off: `Some((path, suffix))` where suffix
/// is the `#anchor` or `?query`; `None` for every other URL.
fn site_path<'u>(url: &'u str, baseurl: &str) -> Option<(&'u str, &'u str)> {
    if !url.starts_with('/') || url.starts_with("//") || url.starts_with("/\\") {
        return None;
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '\\' | '{' | '}' | '<' | '>' | '\''))
    {
        return None;
    }
    let url =
        match url.strip_prefix(baseurl) {
            Some(rest)
                if !baseurl.is_empty()
                    && (rest.is_empty() || rest.starts_with(['/', '#', '?'])) =>
            {
                if rest.is_empty() { "/" } else { rest }
            }
            _ => url,
        };
    let url = if url.starts_with('/') {
        url
    } else {
        return None;
    };
    Some(match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    })
}

/// `@/x.md#anchor` for a path naming an imported page.
fn internal(path: &str, suffix: &str, ctx: &Ctx<'_>) -> Option<String> {
    if suffix.starts_with('?') {
        return None;
    }
    let target = ctx.links.lookup_url(path)?;
    Some(format!("{}{suffix}", target.internal))
}

/// The attribute value for a site path: the `url` shortcode (with `@/…` for a page) and the
/// anchor or query after it.
fn shortcode_url(path: &str, suffix: &str, ctx: &Ctx<'_>) -> String {
    let target = match ctx.links.lookup_url(path) {
        Some(t) => t.internal.clone(),
        None => path.to_owned(),
    };
    format!("{{{{ url(path=\"{target}\") }}}}{suffix}")
}

fn reference_definition(
    line: &str,
    ctx: &Ctx<'_>,
    index: usize,
    report: &mut Report,
) -> Option<String> {
    let trimmed = line.trim_start();
    if !trimmed.starts_with('[') || trimmed.starts_with("[^") || line.len() - trimmed.len() > 3 {
        return None;
    }
    let close = trimmed.find("]:")?;
    let rest = &trimmed[close + 2..];
    let dest_start = rest.len() - rest.trim_start().len();
    let dest = rest.trim_start();
    let end = dest.find(char::is_whitespace).unwrap_or(dest.len());
    let (path, suffix) = site_path(&dest[..end], ctx.baseurl)?;
    let indent = &line[..line.len() - trimmed.len()];
    let head = &trimmed[..close + 2];
    let spaces = &rest[..dest_start];
    let tail = &dest[end..];
    match internal(path, suffix, ctx) {
        Some(link) => Some(format!("{indent}{head}{spaces}{link}{tail}")),
        None => {
            report.attention(
                ctx.file,
                Some(ctx.first_line + index),
                format!(
                    "the reference link `{}` points to `{path}` on the site: under a base path it does not arrive (write it as an inline link)",
                    short(head)
                ),
            );
            Some(format!("{indent}{head}{spaces}{path}{suffix}{tail}"))
        }
    }
}

fn short(s: &str) -> String {
    super::liquid::short(s)
}

/// The links, images and HTML tags of one line (or, recursively, of a link's text).
fn inline(s: &str, ctx: &Ctx<'_>, markdown: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' if markdown => {
                let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
                let close = "`".repeat(run);
                let end = window(s, i + run)
                    .find(&close)
                    .map_or(i + run, |e| i + run + e + run);
                out.push_str(&s[i..end]);
                i = end;
            }
            b'\\' if markdown && i + 1 < bytes.len() => {
                let len = s[i + 1..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&s[i..i + 1 + len]);
                i += 1 + len;
            }
            b'[' if markdown => match link_at(s, i) {
                Some((close, end)) => {
                    let image = out.ends_with('!');
                    if image {
                        out.pop();
                    }
                    let link = markdown_link(image, &s[i + 1..close], &s[close + 2..end], ctx);
                    out.push_str(&link);
                    i = end + 1;
                }
                None => {
                    out.push('[');
                    i += 1;
                }
            },
            b'<' => {
                let end = window(s, i).find('>').map_or(i + 1, |e| i + e + 1);
                out.push_str(&html_tag(&s[i..end], ctx));
                i = end;
            }
            _ => {
                // Up to the next character that may start something.
                let first = s[i..].chars().next().map_or(1, char::len_utf8);
                let len = s[i + first..]
                    .find(['`', '\\', '[', '<'])
                    .map_or(s.len() - i, |k| k + first);
                out.push_str(&s[i..i + len]);
                i += len;
            }
        }
    }
    out
}

/// At most [`REACH`] bytes of `s` from `at` (on a character boundary).
fn window(s: &str, at: usize) -> &str {
    let mut end = (at + REACH).min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[at..end]
}

/// `[text](dest)` at `open`: the offsets of `]` and of the `)` that closes the target.
fn link_at(s: &str, open: usize) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut close = None;
    let mut k = open;
    while k < bytes.len() && k < open + REACH {
        match bytes[k] {
            b'\\' => k += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(k);
                    break;
                }
            }
            _ => {}
        }
        k += 1;
    }
    let close = close?;
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    let mut k = close + 1;
    while k < bytes.len() && k < close + REACH {
        match bytes[k] {
            b'\\' => k += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((close, k));
                }
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// One Markdown link or image (its `!` already taken off `out` when `image`).
fn markdown_link(image: bool, text: &str, dest: &str, ctx: &Ctx<'_>) -> String {
    let bang = if image { "!" } else { "" };
    let inner = inline(text, ctx, true);
    let trimmed = dest.trim();
    let (url, title) = match trimmed.find(char::is_whitespace) {
        Some(k) => (&trimmed[..k], trimmed[k..].trim()),
        None => (trimmed, ""),
    };
    let Some((path, suffix)) = site_path(url, ctx.baseurl) else {
        return format!("{bang}[{inner}]({dest})");
    };
    if let Some(link) = internal(path, suffix, ctx) {
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" {title}")
        };
        return format!("{bang}[{inner}]({link}{title})");
    }
    let title_text = title
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| title.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')));
    if !title.is_empty() && title_text.is_none() {
        return format!("{bang}[{inner}]({dest})");
    }
    let title_attr = title_text.map_or(String::new(), |t| format!(" title=\"{}\"", attr(t)));
    let url = shortcode_url(path, suffix, ctx);
    if image {
        format!("<img src=\"{url}\" alt=\"{}\"{title_attr}>", attr(text))
    } else {
        format!("<a href=\"{url}\"{title_attr}>{inner}</a>")
    }
}

fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An HTML tag with its `href` and `src` site paths through the shortcode.
fn html_tag(tag: &str, ctx: &Ctx<'_>) -> String {
    if tag.starts_with("</") || tag.starts_with("<!") || !tag.ends_with('>') {
        return tag.to_owned();
    }
    let mut out = String::with_capacity(tag.len() + 32);
    let mut rest = tag;
    loop {
        let lower = rest.to_ascii_lowercase();
        let found = ["href=", "src="]
            .iter()
            .filter_map(|a| {
                lower
                    .match_indices(a)
                    .find(|(k, _)| *k > 0 && rest.as_bytes()[k - 1].is_ascii_whitespace())
            })
            .min_by_key(|(k, _)| *k);
        let Some((k, name)) = found else { break };
        let value_at = k + name.len();
        let quote = rest.as_bytes().get(value_at).copied();
        let Some(q @ (b'"' | b'\'')) = quote else {
            out.push_str(&rest[..value_at]);
            rest = &rest[value_at..];
            continue;
        };
        let Some(len) = rest[value_at + 1..].find(q as char) else {
            break;
        };
        let value = &rest[value_at + 1..value_at + 1 + len];
        out.push_str(&rest[..value_at + 1]);
        match site_path(value, ctx.baseurl) {
            Some((path, suffix)) => {
                out.push_str(&shortcode_url(path, suffix, ctx));
            }
            _ => out.push_str(value),
        }
        rest = &rest[value_at + 1 + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
