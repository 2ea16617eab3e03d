//! The import checks its own output against what Zola and the folio theme expect, without
//! Zola: what would make `zola build` refuse the site is reported (with the file and what to
//! do) before anyone runs it. Checked: `config.toml` and every page's front matter parse as
//! TOML; the `[extra]` values the theme reads have the theme's shape (`nav` entries with a
//! name and a URL or children, `coauthors` and `venues` tables); every internal link (`@/…`,
//! in the config, in Markdown links and in `url`/`get_url` paths) names a planned content
//! file; every `template`/`page_template` is the theme's or the site's; a page's CV data file
//! (`extra.data`) is planned and parses. The build itself is [`super::build_check`].

use std::collections::HashSet;

use super::plan::{Content, Output};
use super::report::Report;
use super::theme_has;

/// Reports what in `files` Zola or the theme would refuse.
pub fn check(files: &[Output], report: &mut Report) {
    let texts: Vec<(&str, &str)> = files
        .iter()
        .filter_map(|f| match &f.content {
            Content::Text(t) => Some((f.path.as_str(), t.as_str())),
            _ => None,
        })
        .collect();
    let planned: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let ctx = Ctx { files, planned };
    for (path, text) in &texts {
        if *path == "config.toml" {
            config(text, &ctx, report);
        } else if path.starts_with("content/") && path.ends_with(".md") {
            page(path, text, &ctx, report);
        }
    }
}

struct Ctx<'a> {
    files: &'a [Output],
    planned: HashSet<&'a str>,
}

impl Ctx<'_> {
    fn text(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .and_then(|f| match &f.content {
                Content::Text(t) => Some(t.as_str()),
                _ => None,
            })
    }

    /// `@/x.md#a` names a planned content file.
    fn link_ok(&self, link: &str) -> bool {
        let target = link.trim_start_matches("@/");
        let target = target.split(['#', '?']).next().unwrap_or_default();
        self.planned.contains(format!("content/{target}").as_str())
    }

    fn template_ok(&self, name: &str) -> bool {
        theme_has(&format!("templates/{name}"))
            || self.planned.contains(format!("templates/{name}").as_str())
    }
}

const WHY: &str = "Zola would refuse the site";

fn config(text: &str, ctx: &Ctx<'_>, report: &mut Report) {
    let file = "config.toml";
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            report.attention(
                file,
                None,
                format!(
                    "the written config.toml is not valid TOML ({}): {WHY}; fix it by hand",
                    one_line(&e.to_string())
                ),
            );
            return;
        }
    };
    let Some(extra) = table.get("extra").and_then(toml::Value::as_table) else {
        return;
    };
    if let Some(nav) = extra.get("nav") {
        nav_entries(nav, "extra.nav", report);
    }
    for key in ["coauthors", "venues"] {
        let Some(v) = extra.get(key) else { continue };
        let ok = match v.as_table() {
            Some(t) => t.values().all(|x| match key {
                "coauthors" => match x {
                    toml::Value::Array(list) => list.iter().all(toml::Value::is_table),
                    toml::Value::Table(_) | toml::Value::String(_) => true,
                    _ => false,
                },
                _ => x.is_table() || x.is_str(),
            }),
            None => false,
        };
        if !ok {
            report.attention(
                file,
                None,
                format!(
                    "`extra.{key}` is not in the shape the theme reads (see theme/config.example.toml): publications may fail to render; fix it or remove it"
                ),
            );
        }
    }
    for (at, link) in config_links(&toml::Value::Table(extra.clone()), "extra") {
        if !ctx.link_ok(&link) {
            report.attention(
                file,
                None,
                format!("`{at} = \"{link}\"` links to no page of the site: {WHY}; correct or remove the link"),
            );
        }
    }
}

fn nav_entries(nav: &toml::Value, at: &str, report: &mut Report) {
    let Some(list) = nav.as_array() else {
        report.attention(
            "config.toml",
            None,
            format!("`{at}` is not a list of entries: the navbar is empty; write [[extra.nav]] entries (README)"),
        );
        return;
    };
    for (i, e) in list.iter().enumerate() {
        let here = format!("{at}[{}]", i + 1);
        let Some(t) = e.as_table() else {
            report.attention("config.toml", None, format!("`{here}` is not a table"));
            continue;
        };
        if t.get("divider").and_then(toml::Value::as_bool) == Some(true) {
            continue;
        }
        let named = t.get("name").is_some_and(toml::Value::is_str);
        let children = t.get("children");
        let url = t.get("url").is_some_and(toml::Value::is_str);
        if !named || !(url || children.is_some()) {
            report.attention(
                "config.toml",
                None,
                format!(
                    "`{here}` needs a `name` and a `url` (or `children`): the navbar shows it empty"
                ),
            );
        }
        if let Some(c) = children {
            nav_entries(c, &format!("{here}.children"), report);
        }
    }
}

/// Every string of the config value that is an internal link, with where it is.
fn config_links(v: &toml::Value, at: &str) -> Vec<(String, String)> {
    match v {
        toml::Value::String(s) if s.starts_with("@/") => vec![(at.to_owned(), s.clone())],
        toml::Value::Table(t) => t
            .iter()
            .flat_map(|(k, x)| config_links(x, &format!("{at}.{k}")))
            .collect(),
        toml::Value::Array(a) => a
            .iter()
            .enumerate()
            .flat_map(|(i, x)| config_links(x, &format!("{at}[{}]", i + 1)))
            .collect(),
        _ => Vec::new(),
    }
}

fn page(path: &str, text: &str, ctx: &Ctx<'_>, report: &mut Report) {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return;
    };
    let (front, body) = match rest.strip_prefix("+++") {
        Some(body) => ("", body),
        None => match rest.find("\n+++") {
            Some(end) => (&rest[..end + 1], &rest[end + 4..]),
            None => {
                report.attention(
                    path,
                    None,
                    format!("the written page has no closing `+++`: {WHY}"),
                );
                return;
            }
        },
    };
    let fm: toml::Table = match toml::from_str(front) {
        Ok(t) => t,
        Err(e) => {
            report.attention(
                path,
                None,
                format!(
                    "the written front matter is not valid TOML ({}): {WHY}; fix it by hand",
                    one_line(&e.to_string())
                ),
            );
            return;
        }
    };
    for key in ["template", "page_template"] {
        if let Some(t) = fm.get(key).and_then(toml::Value::as_str)
            && !ctx.template_ok(t)
        {
            report.attention(
                path,
                None,
                format!("`{key} = \"{t}\"`: neither the theme nor the site has templates/{t}: {WHY}; write it or remove the line"),
            );
        }
    }
    let extra = fm.get("extra").and_then(toml::Value::as_table);
    if let Some(data) = extra
        .and_then(|e| e.get("data"))
        .and_then(toml::Value::as_str)
    {
        data_file(path, data, ctx, report);
    }
    for link in body_links(body) {
        if !ctx.link_ok(link) {
            report.attention(
                path,
                None,
                format!("the link `{link}` names no page of the site: {WHY}; correct or remove it"),
            );
        }
    }
}

/// A page's data file (`load_data` in the CV template) is planned and parses in its format.
fn data_file(page: &str, data: &str, ctx: &Ctx<'_>, report: &mut Report) {
    let rel = data.trim_start_matches('/');
    if !ctx.planned.contains(rel) {
        report.attention(
            page,
            None,
            format!("`extra.data = \"{data}\"` names no file of the site: {WHY}; correct the path"),
        );
        return;
    }
    let Some(text) = ctx.text(rel) else {
        // Copied as it is: read by the step that copied it.
        return;
    };
    let bad = if rel.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(text)
            .err()
            .map(|e| e.to_string())
    } else if rel.ends_with(".toml") {
        toml::from_str::<toml::Table>(text)
            .err()
            .map(|e| e.to_string())
    } else {
        serde_yaml::from_str::<serde_yaml::Value>(text)
            .err()
            .map(|e| e.to_string())
    };
    if let Some(e) = bad {
        report.attention(
            rel,
            None,
            format!(
                "does not parse ({}): {WHY} when {page} loads it; fix the file",
                one_line(&e)
            ),
        );
    }
}

/// The internal links of a Markdown body: `](@/…)` and `path="@/…"`.
fn body_links(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in body.match_indices("@/") {
        let before = &body[..i];
        let link_target = before.ends_with("](") || before.ends_with("]( ");
        let path_arg = before.ends_with("path=\"") || before.ends_with("path='");
        if !(link_target || path_arg) {
            continue;
        }
        let rest = &body[i..];
        let end = rest
            .find(|c: char| c == ')' || c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(rest.len());
        out.push(&rest[..end]);
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::plan::OnError;

    fn text(path: &str, t: &str) -> Output {
        Output {
            path: path.into(),
            content: Content::Text(t.into()),
            from: None,
            on_error: OnError::Ignore,
        }
    }

    fn run(files: &[Output]) -> String {
        let mut r = Report::default();
        check(files, &mut r);
        r.markdown()
    }

    #[test]
    fn a_sound_site_has_nothing_reported() {
        let files = [
            text(
                "config.toml",
                "title = \"x\"\n[extra]\ncoauthors = { lee = [{ firstname = [\"Ann\"], url = \"https://a.example\" }] }\n[[extra.nav]]\nname = \"cv\"\nurl = \"@/cv.md\"\n",
            ),
            text(
                "content/cv.md",
                "+++\ntitle = \"cv\"\ntemplate = \"cv.html\"\n[extra]\ndata = \"data/cv.yml\"\n+++\nSee [home](@/_index.md#news).\n",
            ),
            text("content/_index.md", "+++\n+++\n"),
            text("data/cv.yml", "cv:\n  name: A\n"),
        ];
        let r = run(&files);
        assert!(!r.contains("Zola would refuse"), "{r}");
        assert!(!r.contains("shape the theme reads"), "{r}");
    }

    #[test]
    fn what_zola_or_the_theme_would_refuse_is_reported() {
        let files = [
            text(
                "config.toml",
                "[extra]\ncoauthors = { lee = [\"https://a.example\"] }\n[[extra.nav]]\nname = \"gone\"\nurl = \"@/gone.md\"\n[[extra.nav]]\nurl = \"/x/\"\n",
            ),
            text(
                "content/a.md",
                "+++\ntemplate = \"paper.html\"\n[extra]\ndata = \"data/cv.yml\"\n+++\n[b](@/b.md) and `code @/c.md`\n",
            ),
            text("content/bad.md", "+++\ntitle = \"unclosed\n+++\n"),
            text("data/cv.yml", "cv: [unclosed\n"),
        ];
        let r = run(&files);
        for want in [
            "`extra.nav[1].url = \"@/gone.md\"` links to no page",
            "`extra.nav[2]` needs a `name`",
            "`extra.coauthors` is not in the shape",
            "templates/paper.html",
            "the link `@/b.md` names no page",
            "front matter is not valid TOML",
            "`data/cv.yml`: does not parse",
        ] {
            assert!(r.contains(want), "{want} in {r}");
        }
        assert!(!r.contains("@/c.md"), "{r}");
    }
}
