//! The rewrite passes, the one small interface they share, and the pass table.
//!
//! A pass adds lol_html handlers to the single rewriter that the engine builds for each file, so
//! every file is parsed once whatever the number of passes. Every pass is one row of [`TABLE`]:
//! its name (its `[extra.folio.NAME]` table, whose options are `config::NAMEOptions`), what it
//! does, whether the configuration turns it on, and its constructor. The engine's pass list,
//! the unknown-key warning, `folio rewrite --help` and the README's table all come from it.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::path::Path;
use std::rc::Rc;

use lol_html::{DocumentContentHandlers, ElementContentHandlers, Selector};

use crate::assets::Assets;
use crate::config::{Config, ConfigError, FolioConfig};
use crate::html::tags::Census;
use crate::report::Report;

pub mod bibtex;
pub mod css;
pub mod emoji;

pub mod highlight;
pub mod icons;
pub mod links;
pub mod math;
pub mod news;
pub mod profile;

/// What a pass knows about the page being rewritten.
pub struct Page<'a> {
    /// The HTML file on disk.
    pub file: &'a Path,
    /// The output directory the file lives in (the root of the site as served).
    pub root: &'a Path,
    /// The whole page as read (passes that must decide early, e.g. in `<head>`, look ahead).
    pub source: &'a str,
    /// The site's merged configuration.
    pub config: &'a Config,
    /// Where passes report problems (deduplicated, printed by the engine).
    pub report: &'a Report,
    /// What the run's asset phase prepared (fingerprinted stylesheets, the highlight cache).
    pub assets: &'a Assets,
    /// How many verbatim elements are open at the current point of the parse (see [`crate::html::VERBATIM`]).
    /// The engine keeps it; passes touch nothing while it is above zero.
    pub verbatim: Rc<Cell<u32>>,
    /// The page's start tags that prefilters look at, found on first use ([`Page::tags`]).
    pub census: OnceCell<Census>,
}

impl Page<'_> {
    /// The page and the line of the byte `offset` of its source (`public/a/index.html:12`),
    /// for messages: lol_html gives every element and text chunk its place in the input.
    pub fn at(&self, offset: usize) -> String {
        let before = self
            .source
            .as_bytes()
            .get(..offset)
            .unwrap_or(self.source.as_bytes());
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        format!("{}:{line}", self.file.display())
    }

    /// Where the page's start tags of [`crate::html::tags::NAMES`] are: one scan of the page,
    /// the first time a pass's prefilter asks, shared by every pass.
    pub fn tags(&self) -> &Census {
        self.census.get_or_init(|| Census::of(self.source))
    }

    /// Whether the parser is inside an element whose content no pass may change.
    pub fn in_verbatim(&self) -> bool {
        self.verbatim.get() > 0
    }
}

/// The handlers one pass contributes to a file's rewriter.
#[derive(Default)]
pub struct Handlers<'h> {
    pub elements: Vec<(Cow<'h, Selector>, ElementContentHandlers<'h>)>,
    pub document: Vec<DocumentContentHandlers<'h>>,
}

impl<'h> Handlers<'h> {
    /// Registers element handlers for a selector the pass parsed once when it was built.
    pub fn on(&mut self, selector: &'h Selector, handlers: ElementContentHandlers<'h>) {
        self.elements.push((Cow::Borrowed(selector), handlers));
    }

    /// Registers handlers for the whole document (text, comments, doctype, end).
    pub fn on_document(&mut self, handlers: DocumentContentHandlers<'h>) {
        self.document.push(handlers);
    }
}

/// One rewrite pass. Built once per run from the configuration, shared by all worker threads.
pub trait Pass: Send + Sync {
    /// Adds this pass's handlers for one page. Per-page state lives in the closures
    /// (e.g. an `Rc<RefCell<..>>` shared by several handlers of the same pass).
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>);

    /// For a pass whose every change is to the attributes of start tags (no text, no content,
    /// no tag added or removed): the one decision its handlers make, so that the engine can
    /// finish a page without parsing it (see [`crate::html::splice`]) when no other pass wants
    /// the page. `None` (the default): the pass needs the parser.
    fn tag_edits(&self) -> Option<&dyn TagEdits> {
        None
    }
}

/// The attribute changes of a pass, decided for one start tag at a time. The pass's lol_html
/// handlers call [`TagEdits::edit`] too, so the parsed and the spliced rewrite make the same
/// changes by construction.
pub trait TagEdits: Sync {
    /// The names of the start tags the pass changes (each one of [`crate::html::tags::NAMES`]).
    fn names(&self) -> &'static [&'static str];

    /// Changes `tag`, a start tag named `names()[name]` outside verbatim elements, whose `<`
    /// is at byte `at` of the page (for messages).
    fn edit(&self, page: &Page<'_>, at: usize, name: usize, tag: &mut dyn Tag);
}

/// A start tag's attributes as a pass reads and changes them: an element of lol_html's parse
/// or a [`crate::html::splice::StartTag`]. Values are raw (character references not decoded).
pub trait Tag {
    fn get(&self, name: &str) -> Option<Cow<'_, str>>;
    fn set(&mut self, name: &str, value: &str);
    fn remove(&mut self, name: &str);
}

impl Tag for lol_html::html_content::Element<'_, '_> {
    fn get(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get_attribute(name).map(Cow::Owned)
    }

    fn set(&mut self, name: &str, value: &str) {
        // The names are folio's own literals, always valid.
        let _ = self.set_attribute(name, value);
    }

    fn remove(&mut self, name: &str) {
        self.remove_attribute(name);
    }
}

impl Tag for crate::html::splice::StartTag<'_> {
    fn get(&self, name: &str) -> Option<Cow<'_, str>> {
        crate::html::splice::StartTag::get(self, name).map(Cow::Borrowed)
    }

    fn set(&mut self, name: &str, value: &str) {
        crate::html::splice::StartTag::set(self, name, value);
    }

    fn remove(&mut self, name: &str) {
        crate::html::splice::StartTag::remove(self, name);
    }
}

/// A pass's constructor.
pub type Build = fn(&Config) -> Result<Box<dyn Pass>, ConfigError>;

/// One row of the pass table.
pub struct Entry {
    /// The pass's name: its table `[extra.folio.NAME]` and its name in messages.
    pub name: &'static str,
    /// What it does, in a few words (`folio rewrite --help`).
    pub short: &'static str,
    /// What it does, in one Markdown paragraph (the README's table).
    pub about: &'static str,
    /// Whether the configuration turns it on.
    pub on: fn(&FolioConfig) -> bool,
    /// Builds it for a run; a bad option is an error naming the file, line and key. `None`
    /// for a whole-site stage the engine runs after the pages (`search`), which adds no
    /// handlers.
    pub build: Option<Build>,
}

fn boxed(pass: impl Pass + 'static) -> Result<Box<dyn Pass>, ConfigError> {
    Ok(Box::new(pass))
}

/// Every pass, in the order its handlers run on each element.
pub const TABLE: &[Entry] = &[
    Entry {
        name: "profile",
        short: "the profile picture: alignment, circular crop, real size, eager loading, alt text",
        about: "in a `.profile` block, the alignment (`float-left`/`float-right`) and the circular crop (`rounded-circle`) come from the markup, else its `data-align`/`data-circular`, else the options below; the image gets its real `width` and `height` read from the file, `loading=\"eager\"`, `fetchpriority=\"high\"`, `decoding=\"async\"`, and an alt text naming the author where it was empty or a file name.",
        on: |f| f.profile.enabled,
        build: Some(|c| boxed(profile::ProfilePass::new(c))),
    },
    Entry {
        name: "news",
        short: "the news list: wrapped and styled, dates as <time>, older items folded",
        about: "the first list after a heading whose id is `news` (the Markdown `### News`) is wrapped in `div.news`; an item's leading date (`Jan 2024:`, `2024-01-15 —`, `**Mar 2024**`) becomes `<time datetime>`; `limit` folds older items into a `<details>`; `scrollable` caps the height.",
        on: |f| f.news.enabled,
        build: Some(|c| boxed(news::NewsPass::new(c))),
    },
    Entry {
        name: "bibtex",
        short: "TeX left in BibTeX fields to text (accents, Greek, math symbols, fonts)",
        about: "TeX left in a publication's BibTeX fields (`span.bib-tex`, marked by the theme) becomes text: accents on any letter, Greek letters and math symbols, `\\textsc`, `\\emph`, `\\url`, ….",
        on: |f| f.bibtex.enabled,
        build: Some(|c| boxed(bibtex::BibtexPass::new(c))),
    },
    // Before emoji: it takes whole text nodes in math regions (and applies emoji itself).
    Entry {
        name: "math",
        short: "TeX math to MathML on math pages (or everywhere)",
        about: "`$…$`, `$$…$$`, `\\(…\\)`, `\\[…\\]` and `\\begin{equation}` blocks become MathML (no JavaScript): on pages with `[extra] math = true` (the theme marks their `<body>` with `data-math`), or on every page with `everywhere = true`.",
        on: |f| f.math.enabled,
        build: Some(|c| boxed(math::MathPass::new(c))),
    },
    Entry {
        name: "emoji",
        short: "GitHub emoji shortcodes (:fire:) to emoji",
        about: "GitHub emoji shortcodes (`:fire:`) in text become the emoji, as jemoji does for al-folio.",
        on: |f| f.emoji.enabled,
        build: Some(|c| boxed(emoji::EmojiPass::new(c))),
    },
    Entry {
        name: "links",
        short: "bare e-mail addresses to mailto:, rel/target on links to other sites",
        about: "an `href` that is a bare e-mail address becomes `mailto:`; links to other hosts than `base_url`'s get `rel=\"noopener noreferrer\"` and, with `external_links_new_tab`, `target=\"_blank\"`.",
        on: |f| f.links.enabled,
        build: Some(|c| boxed(links::LinksPass::new(c))),
    },
    Entry {
        name: "icons",
        short: "Font Awesome, Academicons and Tabler <i> icons to inline SVG",
        about: "`<i class=\"fa-brands fa-github\">` (also `fab`, `fas`, `far`, `fa`), `<i class=\"ai ai-google-scholar\">` (Academicons) and `<i class=\"ti ti-sun\">` (Tabler) become inline `<svg>` (aria-hidden, 1em, `currentColor`), keeping the element's other classes. No icon font, no CDN. An unknown name is left as it was and reported once.",
        on: |f| f.icons.enabled,
        build: Some(|c| boxed(icons::IconsPass::new(c))),
    },
    Entry {
        name: "highlight",
        short: "code blocks highlighted at build time, light and dark palettes",
        about: "`<pre><code data-lang=\"x\">` blocks (Zola with its highlighter off) are highlighted at build time by syntect with two short classes per token, one light and one dark palette in one stylesheet linked from pages with code; highlighted blocks are cached. A `pseudocode` block (LaTeX `algorithm`/`algorithmic`, as al-folio's pseudocode.js takes it) becomes numbered, indented lines with bold keywords and its formulas in MathML, no script; a `diff2html` block (a unified diff), numbered lines with the added and removed ones marked.",
        on: |f| f.highlight.enabled,
        build: Some(|c| boxed(highlight::HighlightPass::new(c)?)),
    },
    Entry {
        name: "css",
        short: "stylesheets minified, prefixed, fingerprinted with SRI",
        about: "every stylesheet is minified and prefixed (lightningcss); with `fingerprint`, written under a content-hash name, linked with an `integrity` attribute, and the old name removed once nothing refers to it.",
        on: |f| f.css.enabled && f.css.fingerprint,
        build: Some(|c| boxed(css::CssPass::new(c))),
    },
    // Not a pass: a stage after all the pages (`crate::search`), listed here for its switch.
    Entry {
        name: "search",
        short: "a Pagefind site-search index of the finished pages, in pagefind/",
        about: "after the pages, a [Pagefind](https://pagefind.app) index of the finished pages is written to `pagefind/` with Pagefind's browser files (the theme's search dialog loads them when opened). What is indexed is what the theme marks: the main content, titles, posts' tags and publications' years as filters; the navbar, footer and social icons are left out. A fingerprint of the indexed pages (`pagefind/folio-search.json`) rebuilds the index only when a page changed. On by default on sites using the folio theme, off on others.",
        on: |f| f.search.enabled,
        build: None,
    },
];

/// The passes the configuration turns on, in the table's order, built for one run.
pub fn enabled(config: &Config) -> Result<Vec<Box<dyn Pass>>, ConfigError> {
    TABLE
        .iter()
        .filter(|entry| (entry.on)(&config.folio))
        .filter_map(|entry| entry.build)
        .map(|build| build(config))
        .collect()
}

/// The pass table as Markdown rows (`| **name** | about |`), as the README shows it.
pub fn markdown_table() -> String {
    let mut out = String::from("| pass | what it does |\n|---|---|\n");
    for entry in TABLE {
        out.push_str(&format!("| **{}** | {} |\n", entry.name, entry.about));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table of `[extra.folio]` is a pass of the table, and every pass has its table.
    #[test]
    fn the_table_and_the_options_name_the_same_passes() {
        let mut table: Vec<&str> = TABLE.iter().map(|e| e.name).collect();
        let mut options = FolioConfig::tables().to_vec();
        table.sort_unstable();
        options.sort_unstable();
        assert_eq!(table, options);
    }

    /// `[extra.folio.NAME] enabled = false` turns off that pass and no other.
    #[test]
    fn each_row_reads_its_own_switch() {
        let root = Path::new("/site");
        let passes = TABLE.iter().filter(|e| e.build.is_some()).count();
        for entry in TABLE {
            let mut text = String::from("base_url = \"/\"\n");
            for other in TABLE {
                let on = other.name != entry.name;
                text.push_str(&format!("[extra.folio.{}]\nenabled = {on}\n", other.name));
            }
            let (config, _) =
                Config::from_text(&root.join("config.toml"), &text, |_| None).unwrap();
            for other in TABLE {
                assert_eq!(
                    (other.on)(&config.folio),
                    other.name != entry.name,
                    "{} with {} off",
                    other.name,
                    entry.name
                );
            }
            let off = usize::from(entry.build.is_some());
            assert_eq!(enabled(&config).unwrap().len(), passes - off);
        }
    }

    /// An unknown highlight theme stops the build of the passes with the file, line and key.
    #[test]
    fn a_bad_option_is_an_error_naming_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        let text = "base_url = \"/\"\n[extra.folio.highlight]\ndark_theme = \"Nope\"\n";
        std::fs::write(&file, text).unwrap();
        let (config, _) = Config::load_file(&file).unwrap();
        let err = enabled(&config).err().expect("refused").to_string();
        assert!(err.starts_with(&format!("{}:3: ", file.display())), "{err}");
        assert!(
            err.contains("dark_theme = \"Nope\": no such theme"),
            "{err}"
        );
    }

    /// The README's table of passes is this table.
    #[test]
    fn the_readme_shows_the_table() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README.md's pass table differs from passes::TABLE; paste this:\n{}",
            markdown_table()
        );
    }
}
