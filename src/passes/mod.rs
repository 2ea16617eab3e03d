//! The rewrite passes and the one small interface they share.
//!
//! A pass adds lol_html handlers to the single rewriter that the engine builds for each file, so
//! every file is parsed once whatever the number of passes. A new pass is one new module here plus
//! one line in [`enabled`].

use std::borrow::Cow;
use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use lol_html::{DocumentContentHandlers, ElementContentHandlers, Selector};

use crate::assets::Assets;
use crate::config::Config;
use crate::report::Report;

pub mod bibtex;
pub mod css;
pub mod emoji;
pub mod equations;
pub mod highlight;
pub mod icons;
pub mod links;
pub mod math;
pub mod news;
pub mod profile;
pub(crate) mod tags;
pub(crate) mod text;

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
    /// How many verbatim elements are open at the current point of the parse (see [`VERBATIM`]).
    /// The engine keeps it; passes touch nothing while it is above zero.
    pub verbatim: Rc<Cell<u32>>,
}

impl Page<'_> {
    /// Whether the parser is inside an element whose content no pass may change.
    pub fn in_verbatim(&self) -> bool {
        self.verbatim.get() > 0
    }
}

/// Elements whose content is code, raw text, another vocabulary or inert markup: no pass changes
/// anything inside them (text, links, icons, lists).
pub const VERBATIM: &str = "pre, code, kbd, samp, script, style, textarea, template, svg, math";

/// Counts `depth` up while the element `el` is open (down again at its end tag; an element
/// without one, such as a void element, is not counted).
pub(crate) fn count_open(el: &mut lol_html::html_content::Element<'_, '_>, depth: &Rc<Cell<u32>>) {
    if let Some(end) = el.end_tag_handlers() {
        depth.set(depth.get() + 1);
        let depth = depth.clone();
        end.push(Box::new(move |_| {
            depth.set(depth.get().saturating_sub(1));
            Ok(())
        }));
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
    /// The pass's name, as used in `[extra.folio]` and in messages.
    fn name(&self) -> &'static str;

    /// Adds this pass's handlers for one page. Per-page state lives in the closures
    /// (e.g. an `Rc<RefCell<..>>` shared by several handlers of the same pass).
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>);
}

/// Parses a selector that is a literal in a pass's source.
pub(crate) fn selector(css: &str) -> Selector {
    css.parse()
        .unwrap_or_else(|e| panic!("invalid built-in selector {css:?}: {e}"))
}

/// The passes the configuration enables, in the order they run on each element.
pub fn enabled(config: &Config) -> Vec<Box<dyn Pass>> {
    let f = &config.folio;
    let mut passes: Vec<Box<dyn Pass>> = Vec::new();
    if f.profile.enabled {
        passes.push(Box::new(profile::ProfilePass::new(config)));
    }
    if f.news.enabled {
        passes.push(Box::new(news::NewsPass::new(config)));
    }
    if f.bibtex.enabled {
        passes.push(Box::new(bibtex::BibtexPass::new()));
    }
    // Before emoji: it takes whole text nodes in math-enabled regions (and applies emoji itself).
    passes.push(Box::new(math::MathPass::new(config)));
    if f.emoji.enabled {
        passes.push(Box::new(emoji::EmojiPass::new()));
    }
    if f.links.enabled {
        passes.push(Box::new(links::LinksPass::new(config)));
    }
    if f.icons.enabled {
        passes.push(Box::new(icons::IconsPass::new(config)));
    }
    if f.highlight.enabled {
        passes.push(Box::new(highlight::HighlightPass::new(config)));
    }
    if f.css.enabled && f.css.fingerprint {
        passes.push(Box::new(css::CssPass::new()));
    }
    passes
}
