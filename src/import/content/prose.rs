//! The prose of a page whose listing the theme now draws: al-folio's teaching, people and
//! repositories pages are a few sentences around Liquid that loops over a collection or
//! `_data` (`{% for %}…{% endfor %}`, `{% include courses.liquid %}`, `{% if site.data.x %}`).
//! The theme's template replaces the Liquid; the sentences stay. Written by hand: the cut is
//! by Liquid's block tags, which no Markdown or HTML crate knows.

/// The page's body without its listing code, or `None` when Liquid is left that this cut
/// does not know (the caller then keeps the old behaviour and says so). Removed: `for` blocks,
/// `if`/`unless` blocks over `site.` values, `include`, `assign` and `capture` tags, HTML
/// elements left empty by that, HTML comments, and headings left with nothing under them (a
/// loop's category headings: the template writes its own).
pub(crate) fn listing_prose(body: &str) -> Option<String> {
    let mut text = remove_blocks(body, "for", "endfor", |_| true)?;
    text = remove_blocks(&text, "if", "endif", |tag| tag.contains("site."))?;
    text = remove_blocks(&text, "unless", "endunless", |tag| tag.contains("site."))?;
    text = remove_blocks(&text, "capture", "endcapture", |_| true)?;
    text = remove_tags(&text, &["include", "assign", "comment", "endcomment"]);
    text = remove_comments(&text);
    text = remove_empty_elements(&text);
    if text.contains("{%") || text.contains("{{") {
        return None;
    }
    Some(drop_bare_headings(&text).trim().to_owned())
}

/// Does the body loop over `site.NAME` or include al-folio's listing of it?
pub(crate) fn lists(body: &str, name: &str) -> bool {
    let site = format!("site.{name}");
    let mentioned = body.match_indices(&site).any(|(i, _)| {
        !body[i + site.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    let include = |file: &str| {
        body.contains(&format!("include {file}.liquid"))
            || body.contains(&format!("include {file}.html"))
    };
    mentioned
        || include(name)
        || include(name.trim_end_matches('s'))
        || (name == "teachings" && include("courses"))
}

/// A Liquid tag `{% NAME … %}` (or `{%- … -%}`) at `at`: its end and its inside.
fn tag_at(text: &str, at: usize) -> Option<(usize, &str)> {
    let rest = &text[at..];
    let end = rest.find("%}")? + 2;
    let inner = rest[2..end - 2].trim_matches('-').trim();
    Some((at + end, inner))
}

fn tag_name(inner: &str) -> &str {
    inner.split_whitespace().next().unwrap_or("")
}

/// Removes every `{% open … %}…{% close %}` block (nested ones counted) whose opening tag
/// `pick` accepts. `None` when a block is not closed.
fn remove_blocks(
    text: &str,
    open: &str,
    close: &str,
    pick: impl Fn(&str) -> bool,
) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(found) = text[i..].find("{%") {
        let at = i + found;
        let (end, inner) = tag_at(text, at)?;
        if tag_name(inner) != open || !pick(inner) {
            out.push_str(&text[i..end]);
            i = end;
            continue;
        }
        out.push_str(&text[i..at]);
        // Find the matching close.
        let mut depth = 1;
        let mut j = end;
        loop {
            let next = j + text[j..].find("{%")?;
            let (e, inner) = tag_at(text, next)?;
            match tag_name(inner) {
                n if n == open => depth += 1,
                n if n == close => depth -= 1,
                _ => {}
            }
            j = e;
            if depth == 0 {
                break;
            }
        }
        i = j;
    }
    out.push_str(&text[i..]);
    Some(out)
}

fn remove_tags(text: &str, names: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(found) = text[i..].find("{%") {
        let at = i + found;
        let Some((end, inner)) = tag_at(text, at) else {
            break;
        };
        out.push_str(&text[i..at]);
        if !names.contains(&tag_name(inner)) {
            out.push_str(&text[at..end]);
        }
        i = end;
    }
    out.push_str(&text[i..]);
    out
}

fn remove_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(found) = text[i..].find("<!--") {
        let at = i + found;
        let Some(len) = text[at..].find("-->") else {
            break;
        };
        out.push_str(&text[i..at]);
        i = at + len + 3;
    }
    out.push_str(&text[i..]);
    out
}

/// `<div …>  </div>` and friends, once their insides are gone (repeated: a wrapper of an empty
/// wrapper goes too).
fn remove_empty_elements(text: &str) -> String {
    let mut text = text.to_owned();
    loop {
        let mut changed = false;
        for name in [
            "div", "ul", "ol", "table", "tbody", "section", "p", "span", "a",
        ] {
            let open = format!("<{name}");
            let close = format!("</{name}>");
            let mut i = 0;
            while let Some(found) = text[i..].find(&open) {
                let at = i + found;
                let after = &text[at + open.len()..];
                let is_tag = after.starts_with(['>', ' ', '\n', '\t']);
                let Some(gt) = after.find('>') else { break };
                let inside_start = at + open.len() + gt + 1;
                if is_tag
                    && let Some(rest) = text.get(inside_start..)
                    && rest.trim_start().starts_with(&close)
                {
                    let ws = rest.len() - rest.trim_start().len();
                    text.replace_range(at..inside_start + ws + close.len(), "");
                    changed = true;
                    i = at;
                } else {
                    i = at + open.len();
                }
            }
        }
        if !changed {
            return text;
        }
    }
}

/// Markdown headings (`#` lines, or `<hN>` lines) with nothing but blank lines, rules and
/// other headings after them.
fn drop_bare_headings(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let heading = |l: &str| {
        let t = l.trim_start();
        t.starts_with('#')
            || (t.starts_with("<h") && t.as_bytes().get(2).is_some_and(u8::is_ascii_digit))
    };
    let mut keep = vec![true; lines.len()];
    for (n, line) in lines.iter().enumerate() {
        if !heading(line) {
            continue;
        }
        // Blank lines and rules (`---` between a loop's groups) are not something under it.
        let rule = |l: &str| {
            let t = l.trim();
            t.len() >= 3
                && (t.chars().all(|c| c == '-')
                    || t.chars().all(|c| c == '*')
                    || t.chars().all(|c| c == '_'))
        };
        let next = lines[n + 1..]
            .iter()
            .find(|l| !l.trim().is_empty() && !rule(l));
        if next.is_none_or(|l| heading(l)) {
            keep[n] = false;
        }
    }
    let mut out = String::new();
    for (line, k) in lines.iter().zip(keep) {
        if k {
            out.push_str(line);
            out.push('\n');
        }
    }
    // Runs of blank lines left by what went: one.
    let mut squeezed = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        squeezed.push_str(line);
        squeezed.push('\n');
    }
    squeezed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_teaching_page_keeps_its_sentence() {
        let body = "Our courses, newest first.\n\n{% include courses.liquid %}\n";
        assert_eq!(
            listing_prose(body).as_deref(),
            Some("Our courses, newest first.")
        );
        assert!(lists(body, "teachings"));
        assert!(!lists(body, "people"));
    }

    #[test]
    fn the_repositories_page_loses_its_loops_and_their_headings() {
        let body = "Code of the lab.\n\n## GitHub users\n\n{% if site.data.repositories.github_users %}\n<div class=\"repositories d-flex\">\n  {% for user in site.data.repositories.github_users %}\n    {% include repository/repo_user.liquid username=user %}\n  {% endfor %}\n</div>\n{% endif %}\n\n---\n\n## GitHub repositories\n\n{% if site.data.repositories.github_repos %}\n<div class=\"repositories\">\n{% for repo in site.data.repositories.github_repos %}{% include repository/repo.liquid repository=repo %}{% endfor %}\n</div>\n{% endif %}\n";
        assert_eq!(
            listing_prose(body).as_deref(),
            Some("Code of the lab.\n\n---")
        );
    }

    #[test]
    fn nested_blocks_comments_and_unknown_liquid() {
        let body = "<!-- pages/x.md -->\nIntro.\n<div class=\"projects\">\n{% for c in page.display_categories %}\n<h2>{{ c }}</h2>\n{% for p in site.projects %}{% if p.x %}{{ p.title }}{% endif %}{% endfor %}\n{% endfor %}\n</div>\nOutro.\n";
        assert_eq!(listing_prose(body).as_deref(), Some("Intro.\n\nOutro."));
        // Liquid this cut does not know stays, and the caller is told.
        assert_eq!(listing_prose("Hi {{ page.title }}.\n"), None);
        assert_eq!(listing_prose("{% for x in y %} never closed"), None);
        assert!(lists("{% for p in site.people %}", "people"));
        assert!(!lists("{% for p in site.peoplex %}", "people"));
    }
}
