//! Front matter: Jekyll's YAML → Zola's TOML, by kind (about page, page, redirect, listing,
//! post, news item, project or collection item); keys the theme does not read are kept under
//! `[extra]` and listed in the report.

use super::body::convert_body;
use super::nav::nav_entry;
use super::sections::section_front;
use super::special::{cv_extra, profile_table, publications_extra};
use super::{Context, Doc, Found, Kind, Section};
use crate::import::frontmatter::{self, Mapper};
use crate::import::report::Report;
use crate::import::theme_has;
use crate::import::toml_out::Val;
use crate::import::yaml::Node;

/// Keys the theme reads from each kind's `[extra]` (not listed as "kept").
const HOME_EXTRA: &[&str] = &[
    "subtitle",
    "profile",
    "news",
    "news_limit",
    "announcements",
    "latest_posts",
    "selected_papers",
    "social",
];
const POST_EXTRA: &[&str] = &["redirect", "thumbnail", "external_source"];
const NEWS_EXTRA: &[&str] = &["inline"];
const PROJECT_EXTRA: &[&str] = &[
    "img",
    "importance",
    "category",
    "redirect",
    "github",
    "related_publications",
];
/// Jekyll-only keys: consumed, never kept.
const JEKYLL_ONLY: &[&str] = &[
    "layout",
    "permalink",
    "slug",
    "published",
    "nav",
    "nav_order",
    "nav_title",
];

pub(super) fn convert(
    doc: &Doc,
    ctx: &Context<'_>,
    found: &mut Found,
    report: &mut Report,
) -> (String, String) {
    let file = doc.src.as_str();
    let mut m = Mapper::new(&doc.fm, file);
    m.consume(JEKYLL_ONLY);
    let layout = doc.text("layout").unwrap_or_default();
    let mut publications = false;
    let mut known: &[&str] = &[];
    let mut body_wanted = true;
    match &doc.kind {
        Kind::Home => {
            found.home_title = doc.text("title");
            m.text_top("title", "title");
            m.text_top("description", "description");
            // Older about pages (≤ 2020) showed `description` under the name.
            if doc.fm.get("subtitle").and_then(Node::text).is_none()
                && let Some(d) = doc.text("description")
            {
                m.extra.set("subtitle", Val::Str(d));
            }
            for key in HOME_EXTRA {
                if *key == "profile" {
                    continue;
                }
                m.extra(key);
            }
            if let Some(profile) = m.take("profile") {
                m.extra
                    .set("profile", profile_table(profile, ctx, file, report));
            }
            known = HOME_EXTRA;
        }
        Kind::Page | Kind::Redirect => {
            m.text_top("title", "title");
            m.text_top("description", "description");
            if doc.kind == Kind::Page {
                m.date("date", "date", report);
                if let Some(path) = &doc.path {
                    m.top.set("path", Val::Str(path.clone()));
                }
                frontmatter::draft(&mut m);
                publications = doc.body.contains("{% bibliography")
                    || doc.body.contains("{%- bibliography")
                    || doc.url == "/publications/";
                let template = if publications && theme_has("templates/publications.html") {
                    Some("publications.html".to_owned())
                } else {
                    template_for(&layout, file, report)
                };
                if let Some(t) = template {
                    m.top.set("template", Val::Str(t));
                }
                if publications {
                    publications_extra(doc, &mut m, ctx, report);
                    if doc.url == "/publications/" || found.publications_page.is_none() {
                        found.publications_page = Some(format!("@/{}", doc.dest));
                    }
                }
                if layout == "cv" && theme_has("templates/cv.html") {
                    cv_extra(doc, &mut m, ctx, report);
                }
                nav_entry(doc, found, format!("@/{}", doc.dest));
            } else {
                // A section that redirects.
                let target = doc.text("redirect").unwrap_or_default();
                m.take("redirect");
                let to = absolute_redirect(&target, ctx);
                m.top.set("redirect_to", Val::Str(to.clone()));
                report.note(
                    file,
                    None,
                    format!("`redirect: {target}`: a section that redirects to {to}"),
                );
                nav_entry(doc, found, format!("@/{}", doc.dest));
                body_wanted = false;
                if !doc.body.trim().is_empty() {
                    report.attention(
                        file,
                        None,
                        "the body of a redirecting page is not shown (it was not in Jekyll either); not imported".to_owned(),
                    );
                }
            }
        }
        Kind::Listing(section) => {
            let title = doc.text("title");
            let description = doc.text("description");
            let pagination = doc
                .fm
                .get("pagination")
                .and_then(|p| p.get("per_page"))
                .and_then(|n| match n {
                    Node::Int(i) => Some(*i),
                    _ => None,
                });
            m.take("pagination");
            m.take("title");
            m.take("description");
            found
                .listing
                .insert(section.clone(), (title, description, pagination));
            nav_entry(doc, found, format!("@/{}", doc.dest));
            if !doc.body.trim().is_empty() {
                report.note(
                    file,
                    None,
                    "the page's body (al-folio's listing code) is replaced by the theme's section template".to_owned(),
                );
            }
            // Written later with the section: only its front matter keys matter here.
            let mut rest = Report::default();
            // Keys the theme's listing templates read.
            let known: &[&str] = match section {
                Section::Projects => &["display_categories", "horizontal"],
                Section::Blog => &["display_tags", "display_categories"],
                _ => &[],
            };
            m.rest_to_extra(&mut rest, known);
            for (f, keys) in rest.kept_keys {
                for k in keys {
                    report.kept_key(&f, &k);
                }
            }
            let extra = std::mem::take(&mut m.extra);
            return (section_front(section, ctx, found, extra), String::new());
        }
        Kind::Post | Kind::Draft => {
            m.text_top("title", "title");
            m.text_top("description", "description");
            m.take("date");
            match &doc.date {
                Some(d) => m.top.set("date", Val::Date(d.clone())),
                None => {
                    if let Some(raw) = doc.text("date") {
                        m.extra.set("date_original", Val::Str(raw.clone()));
                        report.attention(file, None, format!("`date: {raw}` is not a date Zola can read: kept as extra.date_original"));
                    }
                }
            }
            for key in ["last_modified_at", "updated", "last_updated"] {
                if m.top.contains("updated") {
                    break;
                }
                if doc.fm.get(key).is_some() {
                    m.date(key, "updated", report);
                }
            }
            if let Some(path) = &doc.path {
                m.top.set("path", Val::Str(path.clone()));
            }
            frontmatter::draft(&mut m);
            if doc.kind == Kind::Draft {
                m.top.set("draft", Val::Bool(true));
            }
            authors(&mut m);
            m.taxonomy(&["tags"], "tags");
            m.taxonomy(&["categories", "category"], "categories");
            if let Some(r) = m.take("redirect").and_then(Node::text) {
                let to = if r.starts_with('/') && !r.starts_with("//") {
                    format!("{}{r}", ctx.site.baseurl)
                } else {
                    r
                };
                m.extra.set("redirect", Val::Str(to));
            }
            if layout == "distill" {
                report.attention(file, None, "layout `distill`: the folio theme has no distill layout; imported as a normal post".to_owned());
            }
            known = POST_EXTRA;
        }
        Kind::News => {
            m.text_top("title", "title");
            m.text_top("description", "description");
            m.take("date");
            match &doc.date {
                Some(d) => m.top.set("date", Val::Date(d.clone())),
                None => report.attention(file, None, "a news item without a readable date: Zola leaves it out of the dated news list".to_owned()),
            }
            if let Some(path) = &doc.path {
                m.top.set("path", Val::Str(path.clone()));
            }
            frontmatter::draft(&mut m);
            m.extra("inline");
            known = NEWS_EXTRA;
        }
        Kind::Project | Kind::Item(_) => {
            m.text_top("title", "title");
            m.text_top("description", "description");
            if doc.kind == Kind::Project {
                if let Some(d) = &doc.date {
                    m.take("date");
                    m.top.set("date", Val::Date(d.clone()));
                }
                let weight = match doc.fm.get("importance") {
                    Some(Node::Int(i)) if *i >= 0 => *i,
                    _ => 1000,
                };
                m.top.set("weight", Val::Int(weight));
                for key in PROJECT_EXTRA {
                    m.extra(key);
                }
                known = PROJECT_EXTRA;
                if let Some(t) = template_for(&layout, file, report) {
                    m.top.set("template", Val::Str(t));
                }
            } else {
                m.take("date");
                if let Some(d) = &doc.date {
                    m.top.set("date", Val::Date(d.clone()));
                }
                m.taxonomy(&["tags"], "tags");
                m.taxonomy(&["categories", "category"], "categories");
            }
            if let Some(path) = &doc.path {
                m.top.set("path", Val::Str(path.clone()));
            }
            frontmatter::draft(&mut m);
        }
        Kind::Skip(_) | Kind::Dropdown => unreachable!(),
    }
    if !doc.aliases.is_empty() {
        m.top.set(
            "aliases",
            Val::Arr(doc.aliases.iter().map(|a| Val::Str(a.clone())).collect()),
        );
    }
    m.rest_to_extra(report, known);
    if !body_wanted {
        return (m.render(), String::new());
    }
    let (body, formulas) = convert_body(doc, ctx, publications, report);
    // The page's formulas become MathML in `folio rewrite` (al-folio loaded MathJax).
    if formulas > 0 && !m.extra.contains("math") {
        m.extra.set("math", Val::Bool(true));
    }
    (m.render(), body)
}

/// The template for an al-folio layout (`None`: the default).
fn template_for(layout: &str, file: &str, report: &mut Report) -> Option<String> {
    match layout {
        "" | "page" | "default" | "post" | "about" => None,
        "cv" if theme_has("templates/cv.html") => Some("cv.html".into()),
        "profiles" if theme_has("templates/profiles.html") => Some("profiles.html".into()),
        other => {
            let t = format!("{other}.html");
            if theme_has(&format!("templates/{t}")) {
                return Some(t);
            }
            report.attention(
                file,
                None,
                format!("layout `{other}`: the folio theme has no such template; imported with page.html"),
            );
            None
        }
    }
}

fn authors(m: &mut Mapper<'_>) {
    let mut list = Vec::new();
    for key in ["author", "authors"] {
        match m.take(key) {
            Some(Node::Seq(items)) => list.extend(
                items
                    .iter()
                    .filter_map(|i| i.text().or_else(|| i.get("name").and_then(Node::text))),
            ),
            Some(n) => {
                if let Some(t) = n.text().or_else(|| n.get("name").and_then(Node::text)) {
                    list.push(t);
                }
            }
            None => {}
        }
    }
    if !list.is_empty() {
        m.top.set(
            "authors",
            Val::Arr(list.into_iter().map(Val::Str).collect()),
        );
    }
}

/// `https://site/path` for a redirect target.
fn absolute_redirect(target: &str, ctx: &Context<'_>) -> String {
    if target.contains("://") {
        return target.to_owned();
    }
    let host = if ctx.site.url.is_empty() {
        "https://example.com"
    } else {
        &ctx.site.url
    };
    let path = if target.starts_with('/') {
        target.to_owned()
    } else {
        format!("/{target}")
    };
    format!("{host}{}{path}", ctx.site.baseurl)
}
