//! `_config.yml` and `_data/*.yml` → `config.toml`.
//!
//! The title (al-folio's `blank` mode and its first/middle/last name included), description,
//! `base_url` from `url` + `baseurl`, footer and contact note, favicon, news and latest-posts
//! settings, the navbar (from the pages' `nav`/`nav_order`), the social links from wherever that
//! version kept them (`_config.yml` in old versions, `_data/socials.yml` in new ones, custom
//! entries too) in the same order, `scholar:` and the publication options, `_data/coauthors.yml`
//! and `_data/venues.yml`, the opt-in services (comments, analytics, verification tags) and
//! the Open Graph / schema.org switches. Every other key is listed in the report with the reason it has no
//! equivalent.
//!
//! [`build`] runs the rows of one table, in order: each names the `_config.yml` keys it reads
//! and the mapper that writes them into config.toml ([`top`]: Zola's settings; [`extra`]: the
//! theme's `[extra]`; [`socials`]; [`scholar`]: publications). The keys no row names are the
//! ones reported, with the reasons of [`unmapped`].

mod coauthors;
mod extra;
mod scholar;
mod services;
mod socials;
mod top;
mod unmapped;

use super::content::{Found, NavRule};
use super::report::Report;
use super::toml_out::{Table, Val};
use super::yaml::Node;

pub use socials::SOCIAL_KEYS;

/// What the config is built from.
pub struct Inputs<'a> {
    /// `_config.yml` (an empty mapping when there is none).
    pub config: &'a Node,
    pub config_file: &'a str,
    pub socials: Option<(&'a Node, &'a str)>,
    pub coauthors: Option<&'a Node>,
    pub venues: Option<&'a Node>,
    /// `bibliography/papers.bib`: the main bibliography as `load_data` finds it.
    pub bibliography: Option<String>,
    /// The favicon under static/ (`assets/img/x.png`, or a generated `favicon-emoji.svg`).
    pub favicon: Option<String>,
    /// Title to use when `_config.yml` has none.
    pub fallback_title: Option<String>,
    pub base_url: String,
    /// Files under static/ (`assets/img/x.jpg`).
    pub static_files: &'a std::collections::HashSet<String>,
    pub news_dir: String,
    pub blog_dir: String,
    /// The blog's navbar label when the site's own header puts the blog in the navbar because
    /// `blog_name` is set (al-folio up to 2021), as that header writes it.
    pub header_blog: Option<String>,
    /// Which pages the site's own header lists, and in which order (`None`: no header of its
    /// own; the pages' front matter tells the generation).
    pub header_nav: Option<NavRule>,
    /// The label of the about page's entry in the site's own header (`About`, `home`), when
    /// it writes one as text.
    pub header_home: Option<String>,
}

/// What the mappers read and write.
struct Build<'a, 'r> {
    inputs: &'a Inputs<'a>,
    found: &'a Found,
    report: &'r mut Report,
    /// config.toml's top level.
    top: Table,
    /// Its `[extra]`.
    extra: Table,
}

impl Build<'_, '_> {
    /// A text value of `_config.yml`, trimmed.
    fn text(&self, key: &str) -> Option<String> {
        self.inputs
            .config
            .get(key)
            .and_then(Node::text)
            .map(|s| s.trim().to_owned())
    }
}

/// The `_config.yml` keys a row reads.
enum Keys {
    These(&'static [&'static str]),
    /// The social keys and their old names.
    Socials,
}

/// One row of the table: keys, and what writes them into config.toml.
struct Row {
    keys: Keys,
    map: fn(&mut Build<'_, '_>),
}

impl Row {
    fn reads(&self, key: &str) -> bool {
        match self.keys {
            Keys::These(keys) => keys.contains(&key),
            Keys::Socials => socials::is_social_key(key),
        }
    }
}

/// Every key this module (or the content) uses, and its mapper, in config.toml's order.
const TABLE: &[Row] = &[
    Row {
        keys: Keys::These(&["url", "baseurl"]),
        map: top::base_url,
    },
    Row {
        keys: Keys::These(&["title"]),
        map: top::title,
    },
    Row {
        keys: Keys::These(&["description"]),
        map: top::description,
    },
    Row {
        keys: Keys::These(&["author"]),
        map: top::author,
    },
    Row {
        keys: Keys::These(&["lang"]),
        map: top::language_code,
    },
    Row {
        keys: Keys::These(&[]),
        map: top::zola_settings,
    },
    Row {
        keys: Keys::These(&["first_name", "middle_name", "last_name"]),
        map: extra::names,
    },
    Row {
        keys: Keys::These(&["blog_nav_title"]),
        map: extra::nav,
    },
    Row {
        keys: Keys::These(&["enable_darkmode"]),
        map: extra::dark_mode,
    },
    Row {
        keys: Keys::These(&["enable_navbar_social"]),
        map: extra::navbar_social,
    },
    Row {
        keys: Keys::These(&["icon"]),
        map: extra::favicon,
    },
    Row {
        keys: Keys::These(&["og_image"]),
        map: extra::og_image,
    },
    Row {
        keys: Keys::These(&["footer_text"]),
        map: extra::footer_text,
    },
    Row {
        keys: Keys::These(&["contact_note"]),
        map: extra::contact_note,
    },
    Row {
        keys: Keys::These(&[]),
        map: extra::sections,
    },
    Row {
        keys: Keys::Socials,
        map: socials::socials,
    },
    Row {
        keys: Keys::These(&["announcements", "news_limit", "news_scrollable"]),
        map: extra::announcements,
    },
    Row {
        keys: Keys::These(&["latest_posts"]),
        map: extra::latest_posts,
    },
    Row {
        keys: Keys::These(&[
            "scholar",
            "max_author_limit",
            "enable_publication_thumbnails",
            "filtered_bibtex_keywords",
            "enable_publication_badges",
        ]),
        map: scholar::scholar,
    },
    Row {
        keys: Keys::These(&[]),
        map: scholar::venues_and_coauthors,
    },
    Row {
        keys: Keys::These(&["external_links"]),
        map: extra::external_links,
    },
    Row {
        keys: Keys::These(&["imagemagick"]),
        map: extra::responsive_images,
    },
    Row {
        keys: Keys::These(&["serve_og_meta", "serve_schema_org"]),
        map: services::meta,
    },
    Row {
        keys: Keys::These(&["giscus", "disqus_shortname"]),
        map: services::comments,
    },
    Row {
        keys: Keys::These(&[
            "google_analytics",
            "enable_google_analytics",
            "goatcounter_code",
            "enable_goatcounter",
            "enable_cookie_consent",
        ]),
        map: services::analytics,
    },
    Row {
        keys: Keys::These(&[
            "google_site_verification",
            "bing_site_verification",
            "enable_google_verification",
            "enable_bing_verification",
        ]),
        map: services::verification,
    },
    // Read by the content plan (URLs, sections, listings).
    Row {
        keys: Keys::These(&[
            "permalink",
            "collections",
            "blog_name",
            "blog_description",
            "pagination",
            "paginate",
            "paginate_path",
            "display_tags",
            "display_categories",
        ]),
        map: |_| {},
    },
];

/// The config.toml text.
pub fn build(inputs: &Inputs<'_>, found: &Found, report: &mut Report) -> String {
    let mut b = Build {
        inputs,
        found,
        report,
        top: Table::new(),
        extra: Table::new(),
    };
    for row in TABLE {
        (row.map)(&mut b);
    }
    for (key, value) in inputs.config.entries() {
        if TABLE.iter().any(|row| row.reads(key)) || value.is_null() {
            continue;
        }
        if matches!(value, Node::Bool(false)) && key.starts_with("enable_") {
            continue; // a feature that was off: nothing lost
        }
        b.report
            .config_unmapped
            .push((key.clone(), unmapped::unmapped_reason(key).into()));
    }
    let Build { mut top, extra, .. } = b;
    top.set("extra", Val::Table(extra));
    let mut out = String::from(
        "# Imported from an al-folio site by `folio import` (see IMPORT_REPORT.md).\n# Every option of the theme, commented: themes/folio/config.example.toml\n\n",
    );
    out.push_str(&top.render());
    out
}

/// Folded YAML text (`>`) on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
