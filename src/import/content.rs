//! Content: al-folio's pages, posts, news, projects and collections → `content/`.
//!
//! [`plan`] decides, for every document, what it becomes and where (`content/_index.md` for the
//! page whose permalink is `/`, `blog/` for posts, `news/`, `projects/`, a section for a listing
//! page such as `/blog/`, a redirecting section for a page with `redirect`), and the URL it had,
//! so that old links keep working (Zola's `path`, `aliases` for `.html` URLs) and Liquid links can
//! be resolved; [`write_all`] converts front matter and bodies and writes the files.

use std::collections::HashMap;

use super::files::{Dest, sanitize_segment, url_path};
use super::frontmatter::{self, Mapper};
use super::liquid::{self, Links, Target};
use super::report::Report;
use super::toml_out::{Table, Val, from_node};
use super::yaml::Node;
use super::{dates, theme_has};
use super::{kramdown, math};

/// What a document becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// The page with permalink `/`: `content/_index.md`.
    Home,
    Page,
    Post,
    Draft,
    News,
    Project,
    /// An item of another collection (`_books/`, `_teachings/`, …).
    Item(String),
    /// A listing page (`/blog/`, `/news/`, `/projects/`): the section's `_index.md`.
    Listing(Section),
    /// A page with `redirect`: a section that redirects.
    Redirect,
    /// Not imported (reason).
    Skip(String),
    /// A dropdown menu page (`dropdown: true`): navbar entries only.
    Dropdown,
}

/// The sections an import may create.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Section {
    Blog,
    News,
    Projects,
    Collection(String),
}

/// A source document.
#[derive(Debug)]
pub struct Doc {
    /// Path in the source, `/`-separated.
    pub src: String,
    /// The collection it came from (`_pages`, `_posts`, `_news`, …; "" for other files).
    pub origin: String,
    /// The file name without extension.
    pub stem: String,
    pub html: bool,
    pub fm: Node,
    pub body: String,
    pub body_line: usize,
    pub kind: Kind,
    /// Destination under `content/`.
    pub dest: String,
    /// The URL path on the old site without baseurl (`/blog/2015/x/`).
    pub url: String,
    /// Zola `path` (`None`: Zola's default is already the old URL).
    pub path: Option<String>,
    pub aliases: Vec<String>,
    pub date: Option<String>,
    /// The source file's modification date (`YYYY-MM-DD`): Jekyll's date for drafts and
    /// undated collection items.
    pub mtime: Option<String>,
}

impl Doc {
    pub fn new(src: String, origin: &str, fm: Node, body: String, body_line: usize) -> Self {
        let name = src.rsplit('/').next().unwrap_or(&src);
        let (stem, ext) = match name.rfind('.') {
            Some(i) if i > 0 => (&name[..i], &name[i + 1..]),
            _ => (name, ""),
        };
        Self {
            origin: origin.to_owned(),
            stem: stem.to_owned(),
            html: ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm"),
            src,
            fm,
            body,
            body_line,
            kind: Kind::Page,
            dest: String::new(),
            url: String::new(),
            path: None,
            aliases: Vec::new(),
            date: None,
            mtime: None,
        }
    }

    fn text(&self, key: &str) -> Option<String> {
        self.fm.get(key).and_then(Node::text)
    }
}

/// Site-wide facts the plan needs.
pub struct Site<'a> {
    pub config: &'a Node,
    pub baseurl: String,
    pub url: String,
}

impl Site<'_> {
    /// `permalink:` of `_config.yml` as a pattern (Jekyll's named styles expanded).
    fn post_pattern(&self) -> String {
        let p = self
            .config
            .get("permalink")
            .and_then(Node::text)
            .unwrap_or_else(|| "date".into());
        match p.as_str() {
            "date" => "/:categories/:year/:month/:day/:title:output_ext".into(),
            "pretty" => "/:categories/:year/:month/:day/:title/".into(),
            "ordinal" => "/:categories/:year/:y_day/:title:output_ext".into(),
            "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext".into(),
            "none" => "/:categories/:title:output_ext".into(),
            _ => p,
        }
    }

    /// The URL pattern of a collection's documents.
    fn collection_pattern(&self, name: &str) -> String {
        if let Some(p) = self
            .config
            .get("collections")
            .and_then(|c| c.get(name))
            .and_then(|c| c.get("permalink"))
            .and_then(Node::text)
        {
            return p;
        }
        if self.post_pattern().ends_with('/') {
            "/:collection/:path/".into()
        } else {
            "/:collection/:path:output_ext".into()
        }
    }
}

/// Where the sections live (directory under content/).
#[derive(Debug, Clone)]
pub struct Sections {
    pub dirs: HashMap<Section, String>,
    /// Years of the blog's year sections (`content/blog/2015/_index.md`), when the theme has
    /// year archives (al-folio's /blog/2015/).
    pub years: std::collections::BTreeSet<String>,
}

impl Sections {
    pub fn dir(&self, s: &Section) -> String {
        self.dirs.get(s).cloned().unwrap_or_else(|| match s {
            Section::Blog => "blog".into(),
            Section::News => "news".into(),
            Section::Projects => "projects".into(),
            Section::Collection(c) => c.clone(),
        })
    }
}

/// Decides kinds, destinations and URLs; fills the link tables.
pub fn plan(
    docs: &mut [Doc],
    site: &Site<'_>,
    dest: &Dest,
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
    let mut claim = |rel: String, dest: &Dest| -> String {
        let mut candidate = rel.clone();
        let mut n = 2;
        while taken.contains(&candidate) || dest.taken(&format!("content/{candidate}")) {
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
                doc.dest = claim("_index.md".into(), dest);
                doc.url = "/".into();
            }
            Kind::Listing(s) => {
                let dir = sections.dir(&s);
                doc.dest = claim(format!("{dir}/_index.md"), dest);
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
                    // A second page at `/`: keep it at its own name.
                    doc.dest = claim(format!("{file_stem}.md"), dest);
                    doc.url = format!("/{file_stem}/");
                    report.attention(
                        &doc.src,
                        None,
                        format!("a second page with permalink `/`: imported at /{file_stem}/"),
                    );
                    continue;
                };
                let (path, alias) = html_alias(&path);
                let name = path.rsplit('/').next().unwrap_or(&path).to_owned();
                doc.dest = if doc.kind == Kind::Redirect {
                    claim(format!("{path}/_index.md"), dest)
                } else {
                    claim(format!("{name}.md"), dest)
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
                // Posts go in year sections (the theme's year archives) when dated.
                let year = doc
                    .date
                    .as_deref()
                    .filter(|_| year_sections)
                    .and_then(|d| d.get(..4))
                    .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
                    .map(str::to_owned);
                doc.dest = match &year {
                    Some(y) => {
                        sections.years.insert(y.clone());
                        claim(format!("{dir}/{y}/{file_stem}.md"), dest)
                    }
                    None => claim(format!("{dir}/{file_stem}.md"), dest),
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
                doc.dest = claim(format!("{dir}/{file_stem}.md"), dest);
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
        links
            .by_url
            .entry(format!("/{blog}/{y}/"))
            .or_insert_with(|| Target {
                internal: format!("@/{blog}/{y}/_index.md"),
                url: format!("/{blog}/{y}/"),
            });
    }
    for s in made {
        let dir = sections.dir(&s);
        links
            .by_url
            .entry(format!("/{dir}/"))
            .or_insert_with(|| Target {
                internal: format!("@/{dir}/_index.md"),
                url: format!("/{dir}/"),
            });
    }
    (sections, links)
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

/// Expands a Jekyll permalink pattern.
pub fn expand(
    pattern: &str,
    date: Option<&str>,
    title: &str,
    categories: &[String],
    collection: &str,
    path: &str,
) -> String {
    let (y, m, d) = match date {
        Some(d) if d.len() >= 10 => (&d[0..4], &d[5..7], &d[8..10]),
        _ => ("0000", "00", "00"),
    };
    let (hour, minute, second) = match date {
        Some(d) if d.len() >= 19 => (&d[11..13], &d[14..16], &d[17..19]),
        _ => ("00", "00", "00"),
    };
    let cats = categories
        .iter()
        .map(|c| c.to_lowercase().replace(' ', "-"))
        .collect::<Vec<_>>()
        .join("/");
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find(':') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..len];
        let value = match name {
            "year" => y.to_owned(),
            "short_year" => y.get(2..).unwrap_or(y).to_owned(),
            "month" => m.to_owned(),
            "i_month" => m.trim_start_matches('0').to_owned(),
            "day" => d.to_owned(),
            "i_day" => d.trim_start_matches('0').to_owned(),
            "hour" => hour.to_owned(),
            "minute" => minute.to_owned(),
            "second" => second.to_owned(),
            "title" | "slug" | "name" => title.to_owned(),
            "categories" => cats.clone(),
            "collection" => collection.to_owned(),
            "path" => path.to_owned(),
            "output_ext" => ".html".to_owned(),
            _ => format!(":{name}"),
        };
        out.push_str(&value);
        rest = &after[len..];
    }
    out.push_str(rest);
    // Empty placeholders (no categories) leave double slashes.
    while out.contains("//") {
        out = out.replace("//", "/");
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

/// Everything [`write_all`] needs besides the documents.
pub struct Context<'a> {
    pub site: &'a Site<'a>,
    pub links: &'a Links,
    pub sections: &'a Sections,
    /// Bibliography files imported: source stem → path for `load_data` (`bibliography/x.bib`).
    pub bibs: &'a HashMap<String, String>,
    /// Files under static/ (`assets/img/x.jpg`), to check references.
    pub static_files: &'a std::collections::HashSet<String>,
    /// A single page was imported: missing static files are expected (a note, not attention).
    pub single_page: bool,
    /// `_data/cv.yml`.
    pub cv: CvData,
}

/// A listing page's title, description and `pagination.per_page`.
pub type Listing = (Option<String>, Option<String>, Option<i64>);

/// What the config needs to know from the content.
#[derive(Debug, Default)]
pub struct Found {
    /// Navbar entries (order, name, url) from `nav: true`.
    pub nav: Vec<(f64, String, String)>,
    /// The about page's title (the navbar's first entry).
    pub home_title: Option<String>,
    /// Listing page front matter per section: title, description, pagination.
    pub listing: HashMap<Section, Listing>,
    /// Sections that have documents.
    pub used: Vec<Section>,
    /// The publications page (`@/publications.md`), for `[extra.scholar] page`.
    pub publications_page: Option<String>,
}

/// Converts and writes every document.
pub fn write_all(docs: &[Doc], ctx: &Context<'_>, dest: &mut Dest, report: &mut Report) -> Found {
    let mut found = Found::default();
    for doc in docs {
        match &doc.kind {
            Kind::Skip(reason) => {
                report.skipped(&doc.src, reason.clone());
                continue;
            }
            Kind::Dropdown => {
                dropdown(doc, &mut found, ctx, report);
                continue;
            }
            Kind::Post | Kind::Draft => push_used(&mut found, Section::Blog),
            Kind::News => push_used(&mut found, Section::News),
            Kind::Project => push_used(&mut found, Section::Projects),
            Kind::Item(c) => push_used(&mut found, Section::Collection(c.clone())),
            _ => {}
        }
        let (front, body) = convert(doc, ctx, &mut found, report);
        let text = format!("{front}{body}");
        let rel = format!("content/{}", doc.dest);
        match dest.write(&rel, text.as_bytes()) {
            Ok(()) => report.converted(&doc.src, &rel),
            Err(e) => report.attention(&doc.src, None, format!("not written: {e}")),
        }
    }
    found
}

fn push_used(found: &mut Found, s: Section) {
    if !found.used.contains(&s) {
        found.used.push(s);
    }
}

/// Navbar order of a page: `nav_order` (al-folio ≥ 0.3), else after the ordered ones.
fn nav_order(fm: &Node) -> f64 {
    match fm.get("nav_order") {
        Some(Node::Int(i)) => *i as f64,
        Some(Node::Float(f)) => *f,
        Some(Node::Str(s)) => s.trim().parse().unwrap_or(f64::MAX),
        _ => f64::MAX,
    }
}

fn nav_entry(doc: &Doc, found: &mut Found, internal: String) {
    if doc.fm.get("nav").is_some_and(Node::truthy) {
        let name = doc
            .text("nav_title")
            .or_else(|| doc.text("title"))
            .unwrap_or_else(|| doc.stem.clone());
        found.nav.push((nav_order(&doc.fm), name, internal));
    }
}

fn dropdown(doc: &Doc, found: &mut Found, ctx: &Context<'_>, report: &mut Report) {
    let order = nav_order(&doc.fm);
    let parent = doc.text("title").unwrap_or_default();
    let mut added = 0;
    if let Some(Node::Seq(children)) = doc.fm.get("children") {
        for child in children {
            let Some(title) = child.get("title").and_then(Node::text) else {
                continue;
            };
            if title == "divider" {
                continue;
            }
            let Some(link) = child.get("permalink").and_then(Node::text) else {
                continue;
            };
            let url = if link.contains("://") {
                link
            } else {
                match ctx.links.lookup_url(&link) {
                    Some(t) => t.internal.clone(),
                    None => link,
                }
            };
            found.nav.push((order + added as f64 * 1e-3, title, url));
            added += 1;
        }
    }
    report.attention(
        &doc.src,
        None,
        format!("dropdown menu `{parent}`: the folio navbar has no dropdowns, its {added} entries are navbar items of their own"),
    );
}

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

fn convert(
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

/// Liquid, then math and kramdown, or (for `.html` sources) HTML passthrough. Also returns how
/// many formulas the body holds.
fn convert_body(
    doc: &Doc,
    ctx: &Context<'_>,
    publications: bool,
    report: &mut Report,
) -> (String, usize) {
    let site = liquid::Site {
        baseurl: &ctx.site.baseurl,
        url: &ctx.site.url,
        config: ctx.site.config,
        links: ctx.links,
    };
    let body = liquid::Body {
        file: &doc.src,
        first_line: doc.body_line,
        page: &doc.fm,
        publications,
    };
    let mut text = liquid::convert(&doc.body, &site, &body, report);
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
        return (html_passthrough(&text), 0);
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
    (
        kramdown::convert(&text, &doc.src, doc.body_line, report),
        formulas,
    )
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

/// `{% bibliography -f talks %}` → `extra.bibliography` for the page.
fn publications_extra(doc: &Doc, m: &mut Mapper<'_>, ctx: &Context<'_>, report: &mut Report) {
    let mut files: Vec<String> = Vec::new();
    let mut rest = doc.body.as_str();
    while let Some(i) = rest.find("bibliography") {
        let tail = &rest[i + "bibliography".len()..];
        let end = tail.find("%}").unwrap_or(tail.len());
        let args: Vec<&str> = tail[..end].split_whitespace().collect();
        for pair in args.windows(2) {
            if pair[0] == "-f" || pair[0] == "--file" {
                let raw = pair[1].trim_matches(|c| c == '"' || c == '\'');
                // `-f {{ site.scholar.bibliography }}`: the value from _config.yml.
                let resolved = if raw == "{{" {
                    args.iter()
                        .skip_while(|a| **a != "{{")
                        .nth(1)
                        .and_then(|expr| lookup(ctx.site.config, expr.trim_start_matches("site.")))
                } else {
                    None
                };
                let f = resolved.as_deref().unwrap_or(raw);
                let f = f.strip_suffix(".bib").unwrap_or(f).to_owned();
                if !files.contains(&f) {
                    files.push(f);
                }
            }
        }
        rest = &tail[end.min(tail.len())..];
    }
    if let Some(first) = files.first() {
        match ctx.bibs.get(first) {
            Some(path) => m.extra.set("bibliography", Val::Str(path.clone())),
            None => report.attention(
                &doc.src,
                None,
                format!("the bibliography `{first}` is not in _bibliography/"),
            ),
        }
        if files.len() > 1 {
            report.attention(
                &doc.src,
                None,
                format!(
                    "the page lists several bibliographies ({}): the template shows one, `{first}`",
                    files.join(", ")
                ),
            );
        }
    }
    // A query on the year is al-folio's year grouping, which the template does.
    let queries = doc.body.matches("@*[").count() + doc.body.matches("--query").count();
    let year_queries = doc.body.matches("@*[year=").count();
    if queries > year_queries {
        report.attention(
            &doc.src,
            None,
            "jekyll-scholar queries are not converted: set extra.query = { FIELD = \"VALUE\" } to filter".to_owned(),
        );
    }
}

/// The CV page: `cv_pdf` stays (the theme reads it, a file of assets/pdf/ as in al-folio), the
/// data file is `[extra] data`: RenderCV YAML (`_data/cv.yml` → data/cv.yml) or JSON Resume
/// (`cv_format: jsonresume`, assets/json/resume.json).
fn cv_extra(doc: &Doc, m: &mut Mapper<'_>, ctx: &Context<'_>, report: &mut Report) {
    m.extra("cv_pdf");
    let format = m.take("cv_format").and_then(Node::text).unwrap_or_default();
    let json = "assets/json/resume.json";
    let data = match (&ctx.cv, format.as_str()) {
        (_, "jsonresume") if ctx.static_files.contains(json) => Some(json.to_owned()),
        (CvData::RenderCv(path), _) => Some(path.clone()),
        (CvData::OldList(path), _) => {
            report.attention(
                &doc.src,
                None,
                format!("_data/cv.yml is in al-folio's first CV format (a list of sections), copied to {path}; the theme's CV reads RenderCV (a `cv:` table) or JSON Resume: the page shows no entries until it is converted"),
            );
            None
        }
        (CvData::None, _) if ctx.static_files.contains(json) => Some(json.to_owned()),
        (CvData::None, _) => None,
    };
    if let Some(d) = data {
        m.extra.set("data", Val::Str(d));
    }
}

/// What `_data/cv.yml` holds.
#[derive(Debug, Clone)]
pub enum CvData {
    None,
    /// RenderCV (a `cv:` table), at this load_data path.
    RenderCv(String),
    /// al-folio's first format (a list of sections), copied to this path.
    OldList(String),
}

/// A dotted path (`scholar.bibliography`) in a YAML tree, as text.
fn lookup(node: &Node, path: &str) -> Option<String> {
    path.split('.')
        .try_fold(node, |n, key| n.get(key))
        .and_then(Node::text)
}

/// The publications page's empty `<div class="publications"></div>` (its bibliography tag
/// removed): the template has its own.
fn drop_empty_publications_div(text: &str) -> String {
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

/// The about page's `profile`, image paths made to work with the theme.
fn profile_table(profile: &Node, ctx: &Context<'_>, file: &str, report: &mut Report) -> Val {
    let Some(Val::Table(mut t)) = from_node(profile) else {
        report.attention(
            file,
            None,
            "`profile` is not a mapping: kept as is".to_owned(),
        );
        return from_node(profile).unwrap_or(Val::Bool(false));
    };
    if let Some(Val::Str(image)) = t.get("image").cloned() {
        let external = image.contains("://") || image.starts_with("//");
        // al-folio prepends assets/img/ to the image, with or without a slash in it.
        let rel = if external {
            None
        } else if let Some(abs) = image.strip_prefix('/') {
            Some(abs.to_owned())
        } else {
            Some(format!("assets/img/{image}"))
        };
        if let Some(rel) = rel {
            if image.contains('/') && !image.starts_with('/') {
                t.set("image", Val::Str(rel.clone()));
            }
            if !ctx.static_files.contains(&rel) {
                let message =
                    format!("profile image `{rel}` is not in the source: put it in static/{rel}");
                if ctx.single_page {
                    report.note(file, None, message);
                } else {
                    report.attention(file, None, message);
                }
            }
        }
    }
    Val::Table(t)
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

/// A year section of the blog (`content/blog/2015/_index.md`): transparent, so that its
/// posts are the blog's too, rendered as the theme's year archive.
pub fn year_front(year: &str) -> String {
    let mut t = Table::new();
    t.set("title", Val::Str(year.to_owned()));
    t.set("sort_by", Val::Str("date".into()));
    t.set("transparent", Val::Bool(true));
    t.set("template", Val::Str("blog_year.html".into()));
    t.set("page_template", Val::Str("post.html".into()));
    format!("+++\n{}+++\n", t.render())
}

/// A section's `_index.md` front matter.
pub fn section_front(section: &Section, ctx: &Context<'_>, found: &Found, extra: Table) -> String {
    let (title, description, per_page) = found.listing.get(section).cloned().unwrap_or_default();
    let config = ctx.site.config;
    let mut t = Table::new();
    match section {
        Section::Blog => {
            let title = config
                .get("blog_name")
                .and_then(Node::text)
                .or(title)
                .unwrap_or_else(|| "blog".into());
            t.set("title", Val::Str(title));
            if let Some(d) = config
                .get("blog_description")
                .and_then(Node::text)
                .or(description)
            {
                t.set("description", Val::Str(d));
            }
            t.set("sort_by", Val::Str("date".into()));
            if theme_has("templates/blog.html") {
                t.set("template", Val::Str("blog.html".into()));
            }
            t.set("page_template", Val::Str("post.html".into()));
            let per_page = per_page
                .or_else(|| {
                    config
                        .get("pagination")
                        .and_then(|p| p.get("per_page"))
                        .and_then(|n| if let Node::Int(i) = n { Some(*i) } else { None })
                })
                .or_else(|| {
                    config
                        .get("paginate")
                        .and_then(|n| if let Node::Int(i) = n { Some(*i) } else { None })
                })
                .filter(|n| *n > 0)
                .unwrap_or(10);
            t.set("paginate_by", Val::Int(per_page));
            // al-folio's featured tags and categories, site-wide there.
            let mut extra = extra.clone();
            for key in ["display_tags", "display_categories"] {
                if !extra.contains(key)
                    && let Some(v) = config.get(key).and_then(from_node)
                {
                    extra.set(key, v);
                }
            }
            if !extra.is_empty() {
                t.set("extra", Val::Table(extra));
            }
            return format!("+++\n{}+++\n", t.render());
        }
        Section::News => {
            t.set("title", Val::Str(title.unwrap_or_else(|| "news".into())));
            if let Some(d) = description {
                t.set("description", Val::Str(d));
            }
            t.set("sort_by", Val::Str("date".into()));
            t.set("template", Val::Str("news.html".into()));
            t.set("page_template", Val::Str("news_item.html".into()));
        }
        Section::Projects => {
            t.set(
                "title",
                Val::Str(title.unwrap_or_else(|| "projects".into())),
            );
            if let Some(d) = description {
                t.set("description", Val::Str(d));
            }
            t.set("sort_by", Val::Str("weight".into()));
            if theme_has("templates/projects.html") {
                t.set("template", Val::Str("projects.html".into()));
            }
            if theme_has("templates/project.html") {
                t.set("page_template", Val::Str("project.html".into()));
            }
        }
        Section::Collection(name) => {
            t.set("title", Val::Str(title.unwrap_or_else(|| name.clone())));
            if let Some(d) = description {
                t.set("description", Val::Str(d));
            }
            // Zola's default order (no sort_by): a sorted section leaves out, with a warning,
            // the items that lack the key, and collection items often have no title or date.
        }
    }
    if !extra.is_empty() {
        t.set("extra", Val::Table(extra));
    }
    format!("+++\n{}+++\n", t.render())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalink_patterns() {
        assert_eq!(
            expand(
                "/blog/:year/:title/",
                Some("2015-03-15T16:40:16"),
                "formatting",
                &[],
                "posts",
                ""
            ),
            "/blog/2015/formatting/"
        );
        assert_eq!(
            expand(
                "/:categories/:year/:month/:day/:title:output_ext",
                Some("2015-03-05"),
                "x",
                &["Sample Posts".into()],
                "posts",
                ""
            ),
            "/sample-posts/2015/03/05/x.html"
        );
        assert_eq!(
            expand("/:categories/:title/", None, "x", &[], "posts", ""),
            "/x/"
        );
        assert_eq!(
            expand(
                "/:collection/:path/",
                None,
                "a",
                &[],
                "news",
                "announcement_1"
            ),
            "/news/announcement_1/"
        );
    }

    #[test]
    fn html_aliases() {
        assert_eq!(
            html_alias("about.html"),
            ("about".into(), Some("about.html".into()))
        );
        assert_eq!(html_alias("blog/index.html"), ("blog".into(), None));
        assert_eq!(html_alias("x/y"), ("x/y".into(), None));
    }

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
