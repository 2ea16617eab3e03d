//! Where each document goes: its kind, its file under `content/`, its old URL (Zola's `path`,
//! `aliases` for `.html` URLs) and the link tables that Liquid links are resolved with.

use std::collections::HashMap;

use super::permalink::expand;
use super::{Doc, Kind, Section, Sections, Site};
use crate::import::dates;
use crate::import::files::{sanitize_segment, url_path};
use crate::import::liquid::{Links, Target};
use crate::import::plan::Outputs;
use crate::import::report::Report;
use crate::import::theme_has;
use crate::import::yaml::Node;

/// Decides kinds, destinations and URLs; fills the link tables. A destination already planned
/// (or in DEST) is not taken: the document gets a free variant of its name.
pub fn place(
    docs: &mut [Doc],
    site: &Site<'_>,
    out: &Outputs,
    report: &mut Report,
) -> (Sections, Links) {
    let mut sections = Sections {
        dirs: HashMap::new(),
        years: std::collections::BTreeSet::new(),
    };
    let year_sections = theme_has("templates/blog_year.html");
    let mut home_seen = false;
    let collections: Vec<String> = docs
        .iter()
        .map(|d| d.origin.trim_start_matches('_').to_owned())
        .filter(|o| {
            !o.is_empty() && !["pages", "posts", "drafts", "news", "projects"].contains(&o.as_str())
        })
        .collect();
    // Kinds first: listing pages decide where their sections live.
    for doc in docs.iter_mut() {
        doc.kind = kind_of(doc, &collections, &mut home_seen, report);
    }
    // A page whose permalink is a file of the site (`permalink: /assets/pdf/cv.pdf` beside
    // that PDF): Zola cannot have a page and a static file at one path. The file stays; the
    // page goes, its navbar entry pointing at the file.
    for doc in docs.iter_mut() {
        if doc.kind == Kind::Page
            && let Some(file) = static_permalink(doc)
            && out.taken(&format!("static/{file}"))
        {
            doc.kind = Kind::Skip(format!(
                "its permalink is the file /{file}, kept as it is (Zola cannot put a page there); the navbar links the file"
            ));
        }
    }
    // A page that lists a collection the theme draws (people, courses, books) through a Liquid
    // loop or al-folio's include (`{% include courses.liquid %}` over `_teachings` at
    // /teaching/) is that collection's listing, when no page at `/NAME/` is: the first such.
    for c in &collections {
        let section = Section::Collection(c.clone());
        let listed = docs
            .iter()
            .any(|d| matches!(&d.kind, Kind::Listing(s) if *s == section));
        if listed || super::lab::kind(c, "").is_none() {
            continue;
        }
        if let Some(doc) = docs
            .iter_mut()
            .find(|d| d.kind == Kind::Page && super::prose::lists(&d.body, c))
        {
            doc.kind = Kind::Listing(section);
        }
    }
    for doc in docs.iter_mut() {
        if let Kind::Listing(s) = &doc.kind
            && let (Some(p), _) = url_path(&doc.text("permalink").unwrap_or_default())
        {
            let dir = p
                .split('/')
                .next()
                .and_then(sanitize_segment)
                .unwrap_or_else(|| sections.dir(s));
            sections.dirs.entry(s.clone()).or_insert(dir);
        }
    }
    let mut taken: Vec<String> = Vec::new();
    let mut claim = |rel: String, out: &Outputs| -> String {
        let mut candidate = rel.clone();
        let mut n = 2;
        while taken.contains(&candidate) || out.taken(&format!("content/{candidate}")) {
            let (stem, ext) = rel.rsplit_once('.').unwrap_or((&rel, "md"));
            candidate = format!("{stem}-{n}.{ext}");
            n += 1;
        }
        taken.push(candidate.clone());
        candidate
    };
    let mut links = Links::default();
    for doc in docs.iter_mut() {
        let file_stem = sanitize_segment(&doc.stem).unwrap_or_else(|| "page".into());
        if file_stem != doc.stem {
            report.repair(
                &doc.src,
                None,
                format!("file name `{}` sanitised to `{file_stem}`", doc.stem),
            );
        }
        match doc.kind.clone() {
            Kind::Home => {
                doc.dest = claim("_index.md".into(), out);
                doc.url = "/".into();
            }
            Kind::Listing(s) => {
                let dir = sections.dir(&s);
                doc.dest = claim(format!("{dir}/_index.md"), out);
                doc.url = format!("/{dir}/");
            }
            Kind::Page | Kind::Redirect => {
                let permalink = doc.text("permalink");
                let url = match &permalink {
                    Some(p) => p.clone(),
                    None => default_page_url(doc, site),
                };
                let (path, changed) = url_path(&url);
                if changed {
                    report.repair(
                        &doc.src,
                        None,
                        format!(
                            "permalink `{url}` sanitised to `/{}/`",
                            path.clone().unwrap_or_default()
                        ),
                    );
                }
                let Some(path) = path else {
                    // A second page at `/` (also `/#news`, an anchor of the home page): keep it
                    // at its own name, unless a section has it (`news`: Zola refuses two pages
                    // at one path).
                    let taken = [Section::Blog, Section::News, Section::Projects]
                        .iter()
                        .map(|s| sections.dir(s))
                        .chain(sections.dirs.values().cloned())
                        .any(|dir| dir == file_stem);
                    let name = if taken {
                        format!("{file_stem}-page")
                    } else {
                        file_stem.to_string()
                    };
                    doc.dest = claim(format!("{name}.md"), out);
                    doc.url = format!("/{name}/");
                    report.attention(
                        &doc.src,
                        None,
                        format!("a second page with permalink `/`: imported at /{name}/"),
                    );
                    continue;
                };
                let (path, alias) = html_alias(&path);
                let name = path.rsplit('/').next().unwrap_or(&path).to_owned();
                doc.dest = if doc.kind == Kind::Redirect {
                    claim(format!("{path}/_index.md"), out)
                } else {
                    claim(format!("{name}.md"), out)
                };
                doc.url = format!("/{path}/");
                if doc.kind == Kind::Page {
                    doc.path = Some(path);
                }
                doc.aliases.extend(alias);
            }
            Kind::Post | Kind::Draft => {
                let dir = sections.dir(&Section::Blog);
                let (file_date, slug) = match dates::from_file_name(&doc.stem) {
                    Some((d, rest)) => (Some(d), rest.to_owned()),
                    None => (None, doc.stem.clone()),
                };
                let named = file_date.is_some();
                doc.date = doc
                    .text("date")
                    .and_then(|d| dates::normalize(&d))
                    .or(file_date);
                if doc.kind == Kind::Post && !named {
                    // Jekyll publishes only posts named YYYY-MM-DD-title.
                    doc.kind = Kind::Draft;
                    report.attention(
                        &doc.src,
                        None,
                        "no date in the file name (YYYY-MM-DD-title): Jekyll did not publish it; imported as a draft".to_owned(),
                    );
                }
                if doc.date.is_none() {
                    doc.date = doc.mtime.clone();
                    report.note(
                        &doc.src,
                        None,
                        "an undated draft: dated by the file, as Jekyll does".to_owned(),
                    );
                }
                // Published posts go in year sections (the theme's year archives) when dated; a
                // draft never makes a year (an undated one is dated by its file, and a year of
                // drafts only would be an archive page of nothing).
                let year = doc
                    .date
                    .as_deref()
                    .filter(|_| year_sections && doc.kind == Kind::Post)
                    .and_then(|d| d.get(..4))
                    .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
                    .map(str::to_owned);
                doc.dest = match &year {
                    Some(y) => {
                        sections.years.insert(y.clone());
                        claim(format!("{dir}/{y}/{file_stem}.md"), out)
                    }
                    None => claim(format!("{dir}/{file_stem}.md"), out),
                };
                let slug = doc.text("slug").unwrap_or(slug);
                let categories = categories_of(&doc.fm);
                let pattern = doc.text("permalink").unwrap_or_else(|| site.post_pattern());
                let url = expand(
                    &pattern,
                    doc.date.as_deref(),
                    &slug,
                    &categories,
                    "posts",
                    &doc.stem,
                );
                set_url(doc, &url, report);
            }
            Kind::News | Kind::Project | Kind::Item(_) => {
                let (collection, section) = match &doc.kind {
                    Kind::News => ("news".to_owned(), Section::News),
                    Kind::Project => ("projects".to_owned(), Section::Projects),
                    Kind::Item(c) => (c.clone(), Section::Collection(c.clone())),
                    _ => unreachable!(),
                };
                let dir = sections.dir(&section);
                sections.dirs.entry(section).or_insert(dir.clone());
                doc.date = doc
                    .text("date")
                    .and_then(|d| dates::normalize(&d))
                    .or_else(|| dates::from_file_name(&doc.stem).map(|(d, _)| d));
                // An undated news item: Jekyll dates it by the build; the file's date is closer.
                if doc.date.is_none() && doc.kind == Kind::News && doc.text("date").is_none() {
                    doc.date = doc.mtime.clone();
                    report.note(
                        &doc.src,
                        None,
                        "an undated news item: dated by the file (Jekyll used the build time)"
                            .to_owned(),
                    );
                }
                doc.dest = claim(format!("{dir}/{file_stem}.md"), out);
                // `:path` is the path inside the collection directory, without extension.
                let inner = doc
                    .src
                    .strip_prefix(&format!("{}/", doc.origin))
                    .unwrap_or(&doc.src);
                let inner = inner.rsplit_once('.').map_or(inner, |(a, _)| a);
                let pattern = doc
                    .text("permalink")
                    .unwrap_or_else(|| site.collection_pattern(&collection));
                let slug = doc.text("slug").unwrap_or_else(|| doc.stem.clone());
                let url = expand(
                    &pattern,
                    doc.date.as_deref(),
                    &slug,
                    &[],
                    &collection,
                    inner,
                );
                set_url(doc, &url, report);
            }
            Kind::Skip(_) | Kind::Dropdown => continue,
        }
        let target = Target {
            internal: format!("@/{}", doc.dest),
            url: doc.url.clone(),
        };
        links.by_source.insert(doc.src.clone(), target.clone());
        if matches!(doc.kind, Kind::Post | Kind::Draft) {
            links.by_post.insert(doc.stem.clone(), target.clone());
        }
        links.by_url.entry(doc.url.clone()).or_insert(target);
    }
    // Sections made without a listing page (the blog and news always exist).
    let mut made = vec![Section::Blog, Section::News];
    for doc in docs.iter() {
        let s = match &doc.kind {
            Kind::Project => Section::Projects,
            Kind::Item(c) => Section::Collection(c.clone()),
            _ => continue,
        };
        if !made.contains(&s) {
            made.push(s);
        }
    }
    let blog = sections.dir(&Section::Blog);
    for y in &sections.years {
        section_link(&mut links, &format!("{blog}/{y}"));
    }
    for s in made {
        section_link(&mut links, &sections.dir(&s));
    }
    (sections, links)
}

/// `/DIR/` links to the section `DIR/_index.md`, unless a page has that URL.
fn section_link(links: &mut Links, dir: &str) {
    links
        .by_url
        .entry(format!("/{dir}/"))
        .or_insert_with(|| Target {
            internal: format!("@/{dir}/_index.md"),
            url: format!("/{dir}/"),
        });
}

/// Sets the document's URL and Zola `path`.
fn set_url(doc: &mut Doc, url: &str, report: &mut Report) {
    let (path, changed) = url_path(url);
    if changed {
        report.repair(
            &doc.src,
            None,
            format!(
                "URL `{url}` sanitised to `/{}/`",
                path.clone().unwrap_or_default()
            ),
        );
    }
    let path = path.unwrap_or_else(|| doc.stem.clone());
    let (path, alias) = html_alias(&path);
    doc.url = format!("/{path}/");
    doc.path = Some(path);
    doc.aliases.extend(alias);
}

/// `x/page.html` → path `x/page`, alias `x/page.html` (Zola writes a redirect there).
fn html_alias(path: &str) -> (String, Option<String>) {
    if let Some(stripped) = path.strip_suffix("/index.html") {
        return (stripped.to_owned(), None);
    }
    match path.strip_suffix(".html") {
        Some(stripped) if !stripped.is_empty() => (stripped.to_owned(), Some(path.to_owned())),
        _ => (path.to_owned(), None),
    }
}

/// A page without permalink: Jekyll's URL for its place (`/dir/name/` or `/dir/name.html`).
fn default_page_url(doc: &Doc, site: &Site<'_>) -> String {
    let inner = if doc.origin.is_empty() {
        doc.src.as_str()
    } else {
        doc.src
            .strip_prefix(&format!("{}/", doc.origin))
            .unwrap_or(&doc.src)
    };
    let inner = inner.rsplit_once('.').map_or(inner, |(a, _)| a);
    if inner == "index" {
        return "/".into();
    }
    if let Some(dir) = inner.strip_suffix("/index") {
        return format!("/{dir}/");
    }
    if site.post_pattern().ends_with('/') {
        format!("/{inner}/")
    } else {
        format!("/{inner}.html")
    }
}

fn categories_of(fm: &Node) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["categories", "category"] {
        match fm.get(key) {
            Some(Node::Seq(items)) => out.extend(items.iter().filter_map(Node::text)),
            Some(Node::Str(s)) => out.extend(s.split_whitespace().map(str::to_owned)),
            _ => {}
        }
    }
    out
}

fn kind_of(doc: &Doc, collections: &[String], home_seen: &mut bool, report: &mut Report) -> Kind {
    let layout = doc.text("layout").unwrap_or_default();
    let permalink = doc.text("permalink").unwrap_or_default();
    let norm = permalink
        .trim_end_matches("index.html")
        .trim_end_matches(".html");
    let norm = format!("/{}/", norm.trim_matches('/'));
    match doc.origin.as_str() {
        "_posts" => return Kind::Post,
        "_drafts" => return Kind::Draft,
        "_news" => return Kind::News,
        "_projects" => return Kind::Project,
        "_pages" | "" => {}
        other => return Kind::Item(other.trim_start_matches('_').to_owned()),
    }
    let top_blog_index = doc.src == "blog/index.html" || doc.src == "blog/index.md";
    let root_index = permalink.is_empty()
        && matches!(
            doc.src.as_str(),
            "index.md" | "index.markdown" | "index.html"
        );
    if (norm == "//" || layout == "about" || root_index)
        && (norm == "//" || permalink.is_empty())
        && !*home_seen
        && !top_blog_index
    {
        *home_seen = true;
        return Kind::Home;
    }
    if norm == "/404/" || doc.stem == "404" {
        return Kind::Skip("the 404 page: the folio theme has its own (templates/404.html)".into());
    }
    if doc.fm.get("dropdown").is_some_and(Node::truthy) {
        return Kind::Dropdown;
    }
    if doc.fm.get("redirect").and_then(Node::text).is_some() {
        return Kind::Redirect;
    }
    if top_blog_index || norm == "/blog/" || layout == "blog" {
        let _ = report;
        return Kind::Listing(Section::Blog);
    }
    if norm == "/news/" {
        return Kind::Listing(Section::News);
    }
    if norm == "/projects/" {
        return Kind::Listing(Section::Projects);
    }
    // `/books/` over the `_books` collection: its section.
    if let Some(c) = collections.iter().find(|c| norm == format!("/{c}/")) {
        return Kind::Listing(Section::Collection(c.clone()));
    }
    Kind::Page
}

/// The file a page's permalink names, when it is not a page URL (`/assets/pdf/cv.pdf`, not
/// `/cv/`, `/cv.html` or `/cv`).
pub(super) fn static_permalink(doc: &Doc) -> Option<String> {
    let permalink = doc.text("permalink")?;
    let path = permalink.trim().trim_start_matches('/');
    let name = path.rsplit('/').next()?;
    let (_, ext) = name.rsplit_once('.')?;
    let page = matches!(
        ext.to_ascii_lowercase().as_str(),
        "html" | "htm" | "md" | "markdown"
    );
    (!page && !path.is_empty() && !path.contains("..")).then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn html_aliases() {
        assert_eq!(
            html_alias("about.html"),
            ("about".into(), Some("about.html".into()))
        );
        assert_eq!(html_alias("blog/index.html"), ("blog".into(), None));
        assert_eq!(html_alias("x/y"), ("x/y".into(), None));
    }
}
