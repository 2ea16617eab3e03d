//! Front matter: Jekyll's YAML → Zola's TOML, by kind (about page, page, redirect, listing,
//! post, news item, project or collection item); keys the theme does not read are kept under
//! `[extra]` and listed in the report.

use super::body::convert_body;
use super::lab;
use super::nav::nav_entry;
use super::prose::listing_prose;
use super::sections::section_front;
use super::special::{cv_extra, profile_table, profiles_list, publications_extra};
use super::{Context, Doc, Found, Kind, Section};
use crate::import::frontmatter::{self, Mapper};
use crate::import::report::Report;
use crate::import::theme_has;
use crate::import::toml_out::{Table, Val};
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
const POST_EXTRA: &[&str] = &[
    "redirect",
    "thumbnail",
    "external_source",
    "toc",
    "featured",
    "related_posts",
];
/// Keys the theme reads from a page's `[extra]`.
const PAGE_EXTRA: &[&str] = &["toc"];
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

/// What a kind's front matter leaves to the rest of the conversion.
struct Shape {
    /// `[extra]` keys the theme reads for this kind (not listed as kept).
    known: &'static [&'static str],
    /// The publications page: its body's bibliography is the template's.
    publications: bool,
    /// The body is converted (a redirecting page has none).
    body: bool,
    /// The body to convert instead of the document's: its prose, when the theme's template
    /// draws the listing its Liquid made (the repositories page).
    prose: Option<String>,
}

impl Shape {
    fn known(known: &'static [&'static str]) -> Self {
        Shape {
            known,
            publications: false,
            body: true,
            prose: None,
        }
    }
}

/// One document's conversion: the document, the import around it, and where findings go.
struct Conv<'a, 'c> {
    doc: &'a Doc,
    ctx: &'a Context<'c>,
    found: &'a mut Found,
    report: &'a mut Report,
}

/// The document's front matter and body, converted.
pub(super) fn convert(
    doc: &Doc,
    ctx: &Context<'_>,
    found: &mut Found,
    report: &mut Report,
) -> (String, String) {
    let mut m = Mapper::new(&doc.fm, &doc.src);
    m.consume(JEKYLL_ONLY);
    let c = Conv {
        doc,
        ctx,
        found,
        report: &mut *report,
    };
    if let Kind::Listing(section) = &doc.kind {
        return listing(c, section, m);
    }
    m.text_top("title", "title");
    // A collection document's `name:` is its title when it has none (al-folio's people, books).
    if !m.top.contains("title")
        && matches!(doc.kind, Kind::Item(_) | Kind::Project)
        && let Some(name) = doc.text("name")
    {
        m.take("name");
        m.top.set("title", Val::Str(name));
    }
    m.text_top("description", "description");
    let shape = match &doc.kind {
        Kind::Home => home(c, &mut m),
        Kind::Page => page(c, &mut m),
        Kind::Redirect => redirect(c, &mut m),
        Kind::Post | Kind::Draft => post(doc, &mut m, ctx, report),
        Kind::News => news(doc, &mut m, report),
        Kind::Project => project(doc, &mut m, report),
        Kind::Item(_) => item(doc, &mut m, report),
        // Not converted (see `convert_all`).
        Kind::Skip(_) | Kind::Dropdown | Kind::Listing(_) => Shape::known(&[]),
    };
    if !doc.aliases.is_empty() {
        m.top.set(
            "aliases",
            Val::Arr(doc.aliases.iter().map(|a| Val::Str(a.clone())).collect()),
        );
    }
    comments(&mut m);
    related_publications(doc, &mut m);
    m.rest_to_extra(report, shape.known);
    if !shape.body {
        return (m.render(), String::new());
    }
    let text = shape.prose.as_deref().unwrap_or(&doc.body);
    let body = convert_body(doc, text, ctx, shape.publications, report);
    // The page's formulas become MathML in `folio rewrite` (al-folio loaded MathJax).
    if body.formulas > 0 && !m.extra.contains("math") {
        m.extra.set("math", Val::Bool(true));
    }
    if body.toc && !m.extra.contains("toc") {
        m.extra.set("toc", Val::Bool(true));
    }
    (m.render(), body.text)
}

/// al-folio's `related_publications`: `true` (the entries cited on the page, listed under
/// it) → the keys of the page's `{% cite %}` tags in the order first cited; a list or a
/// comma-separated text of keys (its newer form) → that list. The theme's
/// partials/related_publications.html shows them.
fn related_publications(doc: &Doc, m: &mut Mapper<'_>) {
    let Some(v) = m.take("related_publications") else {
        return;
    };
    let keys: Vec<String> = match v {
        Node::Bool(true) => {
            let mut keys: Vec<String> = Vec::new();
            for tag in doc.body.split("{%").skip(1) {
                let inner = tag
                    .split("%}")
                    .next()
                    .unwrap_or("")
                    .trim_matches('-')
                    .trim();
                let Some(args) = inner.strip_prefix("cite ") else {
                    continue;
                };
                for k in args.split_whitespace().filter(|k| !k.starts_with('-')) {
                    if !keys.iter().any(|x| x == k) {
                        keys.push(k.to_owned());
                    }
                }
            }
            keys
        }
        Node::Seq(items) => items.iter().filter_map(Node::text).collect(),
        other => other
            .text()
            .map(|t| {
                t.split(',')
                    .map(|k| k.trim().to_owned())
                    .filter(|k| !k.is_empty() && k != "false")
                    .collect()
            })
            .unwrap_or_default(),
    };
    if !keys.is_empty() {
        m.extra.set(
            "related_publications",
            Val::Arr(keys.into_iter().map(Val::Str).collect()),
        );
    }
}

/// al-folio's `giscus_comments: true` / `disqus_comments: true` (comments under this post or
/// page) → `comments = true`; `false` → `comments = false` (the theme's posts have comments
/// by default when a service is configured).
fn comments(m: &mut Mapper<'_>) {
    let mut said = None;
    for key in ["giscus_comments", "disqus_comments"] {
        if let Some(v) = m.take(key).filter(|v| !v.is_null()) {
            said = Some(said.unwrap_or(false) || yes(v));
        }
    }
    if let Some(on) = said {
        m.extra.set("comments", Val::Bool(on));
    }
}

/// The about page: its subtitle, profile and what it shows (news, posts, papers, socials).
fn home(c: Conv<'_, '_>, m: &mut Mapper<'_>) -> Shape {
    c.found.home_title = c.doc.text("title");
    // Older about pages (≤ 2020) showed `description` under the name.
    if c.doc.fm.get("subtitle").and_then(Node::text).is_none()
        && let Some(d) = c.doc.text("description")
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
        m.extra.set(
            "profile",
            profile_table(profile, c.ctx, &c.doc.src, c.report),
        );
    }
    let mut shape = Shape::known(HOME_EXTRA);
    if let Some(layout) = c.ctx.about_layout {
        shape.prose = about_layout_sections(layout, &c.doc.body, c.report);
    }
    shape
}

/// What the site's own about layout adds after the text, that the theme's about page can
/// carry: a bibliography (`{% bibliography %}`, in a loop over `page.years` or not) becomes
/// the `bibliography` shortcode after the text, under the layout's heading for it, grouped by
/// year; the body with it is returned. A loop over the site's collections or data in it (team
/// grids, project sliders) is reported: the theme's about page does not draw it.
fn about_layout_sections(layout: &str, body: &str, report: &mut Report) -> Option<String> {
    let file = "_layouts/about.html";
    for (at, _) in layout.match_indices("{%") {
        let head = &layout[at..layout[at..].find("%}").map_or(layout.len(), |e| at + e + 2)];
        let word = head[2..].trim_start_matches('-').split_whitespace().next();
        if matches!(word, Some("for" | "assign")) && head.contains("site.") {
            report.attention(
                file,
                Some(layout[..at].lines().count() + 1),
                format!(
                    "the site's own about layout lists `{}` on the about page: folio's about page does not (add it to the page's text, or a template of your own)",
                    crate::import::liquid::short(head)
                ),
            );
        }
    }
    let tag = bibliography_tag(layout)?;
    // The page lists papers itself.
    if bibliography_tag(body).is_some() || body.contains("{{ bibliography(") {
        return None;
    }
    let end = layout[tag..].find("%}").map_or(layout.len(), |e| tag + e);
    let args: Vec<&str> = layout[tag..end].split_whitespace().collect();
    let file_arg = args
        .windows(2)
        .find(|w| w[0] == "-f" || w[0] == "--file")
        .map(|w| w[1])
        .filter(|f| f.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c)));
    // The heading just before the tag, as the layout wrote it (`<h2>selected publications</h2>`).
    // (The last `<h2>` before it that is words, not Liquid: `<h2 class="year">{{ y }}</h2>` is
    // the loop's.)
    let mut from = tag.saturating_sub(800);
    while !layout.is_char_boundary(from) {
        from -= 1;
    }
    let mut before = &layout[from..tag];
    let mut heading = "publications".to_owned();
    while let Some(h) = before.rfind("<h2") {
        let inner = &before[h..];
        let text = inner
            .find('>')
            .zip(inner.find("</h2>"))
            .filter(|(open, close)| open < close)
            .map(|(open, close)| strip_tags(&inner[open + 1..close]));
        if let Some(t) = text.filter(|t| !t.trim().is_empty() && !t.contains(['{', '}'])) {
            heading = t;
            break;
        }
        before = &before[..h];
    }
    report.note(
        file,
        Some(layout[..tag].lines().count()),
        format!(
            "the site's own about layout lists the bibliography: it is after the about page's text, under “{}”, grouped by year",
            heading.trim()
        ),
    );
    let file_opt = file_arg.map_or(String::new(), |f| format!(" --file {f}"));
    Some(format!(
        "{}

## {} {{#publications}}

{{% bibliography{file_opt} --group_by year %}}
",
        body.trim_end(),
        heading.trim()
    ))
}

/// Where the first jekyll-scholar `{% bibliography %}` tag of `text` starts.
fn bibliography_tag(text: &str) -> Option<usize> {
    ["{% bibliography", "{%- bibliography"]
        .iter()
        .filter_map(|t| text.find(t))
        .min()
}

/// `s` without its tags.
fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A page: its date, URL, template (publications, CV, or its layout's) and navbar entry.
fn page(c: Conv<'_, '_>, m: &mut Mapper<'_>) -> Shape {
    let file = c.doc.src.as_str();
    let layout = c.doc.text("layout").unwrap_or_default();
    m.date("date", "date", c.report);
    path_and_draft(c.doc, m);
    let publications = bibliography_tag(&c.doc.body).is_some() || c.doc.url == "/publications/";
    // al-folio's repositories page: Liquid over _data/repositories.yml, drawn by the theme's
    // repositories.html; the page keeps its prose.
    let repositories = !publications
        && theme_has("templates/repositories.html")
        && (c.doc.body.contains("site.data.repositories")
            || c.doc.body.contains("include repository/repo"));
    let mut prose = None;
    let template = if publications && theme_has("templates/publications.html") {
        Some("publications.html".to_owned())
    } else if repositories {
        match listing_prose(&c.doc.body) {
            Some(p) => prose = Some(p),
            None => c.report.attention(
                file,
                None,
                "the repositories page keeps Liquid besides its listing: shown as it was above the theme's cards; edit the page".to_owned(),
            ),
        }
        m.extra
            .set("repositories", Val::Str("data/repositories.yml".into()));
        Some("repositories.html".to_owned())
    } else {
        template_for(&layout, file, c.report)
    };
    if let Some(t) = template {
        m.top.set("template", Val::Str(t));
    }
    if publications {
        publications_extra(c.doc, m, c.ctx, c.report);
        if c.doc.url == "/publications/" || c.found.publications_page.is_none() {
            c.found.publications_page = Some(format!("@/{}", c.doc.dest));
        }
    }
    if layout == "cv" && theme_has("templates/cv.html") {
        cv_extra(c.doc, m, c.ctx, c.report);
    }
    if layout == "profiles"
        && theme_has("templates/profiles.html")
        && let Some(profiles) = m.take("profiles")
    {
        let list = profiles_list(profiles, c.doc, c.ctx, c.report);
        m.extra.set("profiles", list);
    }
    nav_entry(c.doc, c.found, format!("@/{}", c.doc.dest));
    toc(m);
    Shape {
        known: PAGE_EXTRA,
        publications,
        body: true,
        prose,
    }
}

/// A page with `redirect`: a section that redirects (its body is not shown).
fn redirect(c: Conv<'_, '_>, m: &mut Mapper<'_>) -> Shape {
    let file = c.doc.src.as_str();
    let target = c.doc.text("redirect").unwrap_or_default();
    m.take("redirect");
    let to = absolute_redirect(&target, c.ctx);
    m.top.set("redirect_to", Val::Str(to.clone()));
    c.report.note(
        file,
        None,
        format!("`redirect: {target}`: a section that redirects to {to}"),
    );
    nav_entry(c.doc, c.found, format!("@/{}", c.doc.dest));
    if !c.doc.body.trim().is_empty() {
        c.report.attention(
            file,
            None,
            "the body of a redirecting page is not shown (it was not in Jekyll either); not imported".to_owned(),
        );
    }
    Shape {
        known: &[],
        publications: false,
        body: false,
        prose: None,
    }
}

/// A listing page (`/blog/`, `/news/`, …): its section's `_index.md`, whose front matter is all
/// that is kept (the theme's section template replaces the body).
fn listing(c: Conv<'_, '_>, section: &Section, mut m: Mapper<'_>) -> (String, String) {
    let title = c.doc.text("title");
    let description = c.doc.text("description");
    let pagination = c
        .doc
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
    c.found
        .listing
        .insert(section.clone(), (title, description, pagination));
    nav_entry(c.doc, c.found, format!("@/{}", c.doc.dest));
    // The prose around the listing code stays, above the theme's listing.
    let mut body = String::new();
    if !c.doc.body.trim().is_empty() {
        match listing_prose(&c.doc.body).filter(|p| !p.is_empty()) {
            Some(prose) => {
                body = convert_body(c.doc, &prose, c.ctx, false, c.report).text;
                c.report.note(
                    &c.doc.src,
                    None,
                    "the page's listing code is replaced by the theme's section template; its text is kept above the listing".to_owned(),
                );
            }
            None => c.report.note(
                &c.doc.src,
                None,
                "the page's body (al-folio's listing code) is replaced by the theme's section template"
                    .to_owned(),
            ),
        }
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
            c.report.kept_key(&f, &k);
        }
    }
    let extra = std::mem::take(&mut m.extra);
    (section_front(section, c.ctx, c.found, extra), body)
}

/// A post or draft: its dates, URL, authors, tags and categories, redirect.
fn post(doc: &Doc, m: &mut Mapper<'_>, ctx: &Context<'_>, report: &mut Report) -> Shape {
    let file = doc.src.as_str();
    m.take("date");
    match &doc.date {
        Some(d) => m.top.set("date", Val::Date(d.clone())),
        None => {
            if let Some(raw) = doc.text("date") {
                m.extra.set("date_original", Val::Str(raw.clone()));
                report.attention(
                    file,
                    None,
                    format!(
                        "`date: {raw}` is not a date Zola can read: kept as extra.date_original"
                    ),
                );
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
    path_and_draft(doc, m);
    if doc.kind == Kind::Draft {
        m.top.set("draft", Val::Bool(true));
    }
    authors(m);
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
    toc(m);
    // al-folio's `featured: true` (pinned above the blog) and `related_posts: false`.
    for key in ["featured", "related_posts"] {
        if let Some(v) = m.take(key) {
            m.extra.set(key, Val::Bool(yes(v)));
        }
    }
    if doc.text("layout").as_deref() == Some("distill") {
        report.attention(
            file,
            None,
            "layout `distill`: the folio theme has no distill layout; imported as a normal post"
                .to_owned(),
        );
    }
    Shape::known(POST_EXTRA)
}

/// A news item: its date (the dated news list needs one) and `inline`.
fn news(doc: &Doc, m: &mut Mapper<'_>, report: &mut Report) -> Shape {
    m.take("date");
    match &doc.date {
        Some(d) => m.top.set("date", Val::Date(d.clone())),
        None => report.attention(
            &doc.src,
            None,
            "a news item without a readable date: Zola leaves it out of the dated news list"
                .to_owned(),
        ),
    }
    path_and_draft(doc, m);
    m.extra("inline");
    Shape::known(NEWS_EXTRA)
}

/// A project: its date, weight (from `importance`), the keys the projects page reads, and its
/// layout's template.
fn project(doc: &Doc, m: &mut Mapper<'_>, report: &mut Report) -> Shape {
    if let Some(d) = &doc.date {
        m.take("date");
        m.top.set("date", Val::Date(d.clone()));
    }
    let weight = doc.weight.unwrap_or(match doc.fm.get("importance") {
        Some(Node::Int(i)) if *i >= 0 => *i,
        _ => 1000,
    });
    m.top.set("weight", Val::Int(weight));
    unpublished(doc, m);
    for key in PROJECT_EXTRA {
        m.extra(key);
    }
    let layout = doc.text("layout").unwrap_or_default();
    if let Some(t) = template_for(&layout, &doc.src, report) {
        m.top.set("template", Val::Str(t));
    }
    path_and_draft(doc, m);
    Shape::known(PROJECT_EXTRA)
}

/// An item of another collection: its date, tags and categories.
fn item(doc: &Doc, m: &mut Mapper<'_>, report: &mut Report) -> Shape {
    m.take("date");
    if let Some(d) = &doc.date {
        m.top.set("date", Val::Date(d.clone()));
    }
    if let Some(w) = doc.weight {
        m.top.set("weight", Val::Int(w));
    }
    unpublished(doc, m);
    let layout = doc.text("layout").unwrap_or_default();
    let collection = match &doc.kind {
        Kind::Item(c) => c.as_str(),
        _ => "",
    };
    // People, courses and books have templates of their own, and their own keys.
    let lab = lab::kind(collection, &layout);
    if let Some(k) = lab {
        lab::map(k, doc, m);
        m.top.set("template", Val::Str(k.templates().1.into()));
    } else if let Some(t) = template_for(&layout, &doc.src, report) {
        m.top.set("template", Val::Str(t));
    }
    m.taxonomy(&["tags"], "tags");
    if lab != Some(lab::Kind::People) {
        m.taxonomy(&["categories", "category"], "categories");
    }
    path_and_draft(doc, m);
    Shape::known(lab.map_or(&[], lab::Kind::known))
}

/// A document of a collection Jekyll did not publish (`content::order`): no page of its own,
/// shown whole by its section's listing (`extra.listed_only`, read by the theme).
fn unpublished(doc: &Doc, m: &mut Mapper<'_>) {
    if !doc.published {
        m.top.set("render", Val::Bool(false));
        m.extra.set("listed_only", Val::Bool(true));
    }
}

/// al-folio's `toc:` → the theme's `[extra] toc`: `toc: true` and `toc: { beginning: true }`
/// → `true` (the contents at the top); `toc: { sidebar: left | right }` (`sidebar: true`: left)
/// → `{ sidebar = "left" | "right" }`; `false` or anything else: no contents.
fn toc(m: &mut Mapper<'_>) {
    let Some(node) = m.take("toc") else {
        return;
    };
    let value = match node {
        Node::Map(_) => match node.get("sidebar") {
            Some(side) if yes(side) => {
                let right = side
                    .as_text()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("right"));
                let mut t = Table::new();
                t.set(
                    "sidebar",
                    Val::Str(if right { "right" } else { "left" }.to_owned()),
                );
                Some(Val::Inline(t))
            }
            _ if node.get("beginning").is_some_and(Node::truthy) => Some(Val::Bool(true)),
            _ => None,
        },
        Node::Bool(true) => Some(Val::Bool(true)),
        Node::Str(s) if s.trim() == "true" => Some(Val::Bool(true)),
        _ => None,
    };
    if let Some(v) = value {
        m.extra.set("toc", v);
    }
}

/// A flag as al-folio's Liquid read it: true unless null, false or the word "false".
fn yes(n: &Node) -> bool {
    n.truthy() && n.as_text().is_none_or(|t| t.trim() != "false")
}

/// Zola's `path` (the old URL) and `draft` (`published: false`).
fn path_and_draft(doc: &Doc, m: &mut Mapper<'_>) {
    if let Some(path) = &doc.path {
        m.top.set("path", Val::Str(path.clone()));
    }
    frontmatter::draft(m);
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
            if theme_has("templates/fields.html") {
                report.attention(
                    file,
                    None,
                    format!("layout `{other}`: the folio theme has no such template; the page's front matter fields are shown by fields.html (a list under its title, then its body); write templates/{other}.html in the site to lay them out as before"),
                );
                return Some("fields.html".into());
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

#[cfg(test)]
mod about_layout_tests {
    use super::*;

    #[test]
    fn a_bibliography_in_the_sites_about_layout_follows_the_text() {
        let layout = format!(
            "{}<a name=\"p\"><h2>Öffentliche <b>Arbeiten</b></h2></a>{{% for y in page.years %}}<h2 class=\"year\">{{{{ y }}}}</h2>{{% bibliography -f my_papers -q @*[year={{{{y}}}}]* %}}{{% endfor %}}",
            "é".repeat(500)
        );
        let mut report = Report::default();
        let body = about_layout_sections(&layout, "Hello.\n", &mut report).unwrap();
        assert_eq!(
            body,
            "Hello.\n\n## Öffentliche Arbeiten {#publications}\n\n{% bibliography --file my_papers --group_by year %}\n"
        );
        // A page that lists papers itself keeps its text; a layout without any adds nothing.
        assert_eq!(
            about_layout_sections(&layout, "{% bibliography %}", &mut report),
            None
        );
        assert_eq!(
            about_layout_sections("<div>{{ content }}</div>", "x", &mut report),
            None
        );
        assert_eq!(report.attention_count(), 0);
        about_layout_sections(
            "{%- assign t = site.members | sort: 'name' -%}",
            "x",
            &mut report,
        );
        assert_eq!(report.attention_count(), 1);
    }
}
