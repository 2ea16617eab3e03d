//! Content: al-folio's pages, posts, news, projects and collections → `content/`.
//!
//! [`place()`] decides, for every document, what it becomes and where (`content/_index.md` for the
//! page whose permalink is `/`, `blog/` for posts, `news/`, `projects/`, a section for a listing
//! page such as `/blog/`, a redirecting section for a page with `redirect`), and the URL it had,
//! so that old links keep working (Zola's `path`, `aliases` for `.html` URLs) and Liquid links can
//! be resolved; [`convert_all`] converts front matter and bodies and adds the files to the plan;
//! [`plan`] is the two, the content step of an import.
//!
//! Modules: [`mod@place`] (kinds, destinations, URLs), [`permalink`] (Jekyll's URL patterns),
//! [`front`] (front matter, by kind), [`special`] (the about page's profile, the publications
//! and CV pages), [`body`] (Liquid, math, kramdown, HTML), [`nav`] (navbar entries),
//! [`sections`] (the sections' `_index.md`). This file holds the types they share.

mod body;
mod front;
mod lab;
mod nav;
mod order;
mod permalink;
mod place;
mod prose;
mod sections;
mod special;

use std::collections::{HashMap, HashSet};

use super::liquid::Links;
use super::plan::{OnError, Outputs};
use super::report::Report;
use super::yaml::Node;

pub use body::html_passthrough;
pub use nav::{NavEntry, NavRule};
pub use permalink::expand;
pub use place::place;
pub use sections::{section_front, year_front};

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
    /// Rank in its collection, Jekyll's order (projects and other collections).
    pub weight: Option<i64>,
    /// Its collection is published (`output:` of `_config.yml` `collections:`).
    pub published: bool,
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
            weight: None,
            published: true,
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

/// The files of the import a document may refer to.
#[derive(Debug, Default)]
pub struct Referenced {
    /// Bibliography files imported: source stem → path for `load_data` (`bibliography/x.bib`).
    pub bibs: HashMap<String, String>,
    /// Files under static/ (`assets/img/x.jpg`), to check references.
    pub static_files: HashSet<String>,
    /// `_data/cv.yml`.
    pub cv: CvData,
    /// The text of the Markdown files among the static files (`_pages/about_x.md`, a file
    /// Jekyll copied as it was because it has no front matter), by their path under static/:
    /// what a page pulls in with `{% include_relative %}` (al-folio's profiles).
    pub markdown_statics: HashMap<String, String>,
    /// The `_data` files copied to `data/`, for loops over them; the shortcodes those loops
    /// become are collected here and written by the caller.
    pub data_loops: crate::import::liquid::DataLoops,
    /// The text of the site's own about layout (`_layouts/about.html` or `.liquid`), when it
    /// has one: what it adds to the about page beyond al-folio's.
    pub about_layout: Option<String>,
}

/// Everything [`convert_all`] needs besides the documents.
pub struct Context<'a> {
    pub site: &'a Site<'a>,
    pub links: Links,
    pub sections: Sections,
    /// Bibliography files imported: source stem → path for `load_data` (`bibliography/x.bib`).
    pub bibs: &'a HashMap<String, String>,
    /// Files under static/ (`assets/img/x.jpg`), to check references.
    pub static_files: &'a HashSet<String>,
    /// [`Referenced::markdown_statics`].
    pub markdown_statics: &'a HashMap<String, String>,
    /// [`Referenced::data_loops`].
    pub data_loops: &'a crate::import::liquid::DataLoops,
    /// A single page was imported: missing static files are expected (a note, not attention).
    pub single_page: bool,
    /// `_data/cv.yml`.
    pub cv: CvData,
    /// [`Referenced::about_layout`].
    pub about_layout: Option<&'a str>,
    /// The documents (content paths) of each collection Jekyll did not publish, in its order:
    /// the section's listing shows them (`extra.documents`; Zola leaves `render = false` pages
    /// out of `section.pages`).
    pub listed_only: HashMap<String, Vec<String>>,
}

/// The content step: every document placed ([`place`]), then converted into the plan
/// ([`convert_all`]). Returns the context (for the sections' `_index.md`) and what the config
/// needs.
pub fn plan<'a>(
    docs: &mut [Doc],
    site: &'a Site<'a>,
    referenced: &'a Referenced,
    single_page: bool,
    out: &mut Outputs,
    report: &mut Report,
) -> (Context<'a>, Found) {
    let (sections, links) = place(docs, site, out, report);
    order::order(docs, site, report);
    let listed_only = order::listed_only(docs);
    let ctx = Context {
        site,
        links,
        sections,
        bibs: &referenced.bibs,
        static_files: &referenced.static_files,
        markdown_statics: &referenced.markdown_statics,
        data_loops: &referenced.data_loops,
        single_page,
        cv: referenced.cv.clone(),
        about_layout: referenced.about_layout.as_deref(),
        listed_only,
    };
    let found = convert_all(docs, &ctx, out, report);
    (ctx, found)
}

/// A listing page's title, description and `pagination.per_page`.
pub type Listing = (Option<String>, Option<String>, Option<i64>);

/// What the config needs to know from the content.
#[derive(Debug, Default)]
pub struct Found {
    /// Navbar candidates: every page, listing and dropdown menu, with what al-folio's
    /// header decides by (`nav`, `nav_order`, title, file).
    pub nav: Vec<NavEntry>,
    /// The about page's title (the navbar's first entry).
    pub home_title: Option<String>,
    /// Listing page front matter per section: title, description, pagination.
    pub listing: HashMap<Section, Listing>,
    /// Sections that have documents.
    pub used: Vec<Section>,
    /// The publications page (`@/publications.md`), for `[extra.scholar] page`.
    pub publications_page: Option<String>,
}

/// Converts every document and adds it to the plan.
pub fn convert_all(
    docs: &[Doc],
    ctx: &Context<'_>,
    out: &mut Outputs,
    report: &mut Report,
) -> Found {
    let mut found = Found::default();
    for doc in docs {
        match &doc.kind {
            Kind::Skip(reason) => {
                report.skipped(&doc.src, reason.clone());
                // A page whose permalink is a static file: its navbar entry links the file.
                if let Some(file) = place::static_permalink(doc)
                    && ctx.static_files.contains(&file)
                {
                    nav::nav_entry(doc, &mut found, format!("/{file}"));
                }
                continue;
            }
            Kind::Dropdown => {
                nav::dropdown(doc, &mut found, ctx, report);
                continue;
            }
            Kind::Post | Kind::Draft => push_used(&mut found, Section::Blog),
            Kind::News => push_used(&mut found, Section::News),
            Kind::Project => push_used(&mut found, Section::Projects),
            Kind::Item(c) => push_used(&mut found, Section::Collection(c.clone())),
            _ => {}
        }
        let (front, body) = front::convert(doc, ctx, &mut found, report);
        let text = format!("{front}{body}");
        let rel = format!("content/{}", doc.dest);
        match out.converted(
            &rel,
            text,
            &doc.src,
            OnError::report(&doc.src, "not written"),
        ) {
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

/// What `_data/cv.yml` holds.
#[derive(Debug, Clone, Default)]
pub enum CvData {
    #[default]
    None,
    /// RenderCV (a `cv:` table), at this load_data path.
    RenderCv(String),
    /// al-folio's first format (a list of sections), copied to this path.
    OldList(String),
}
