//! highlight: code blocks highlighted at build time, with no JavaScript.
//!
//! `<pre><code data-lang="x">…</code></pre>` (what Zola writes with its highlighter off) and
//! `<pre><code class="language-x">` (other generators) get their text highlighted by syntect
//! with the grammars of syntect and bat (two-face), inside one `<span class="hl-code">`; the
//! `pre` and `code` elements keep their attributes. Each token's style is resolved the way
//! TextMate and Sublime resolve it, once for the light theme and once for the dark one, and
//! written as two short classes (`<span class="hl-l3 hl-d5">`: colour 3 of the light palette,
//! colour 5 of the dark one; `hl-lb`, `hl-di`… for bold and italic): flat spans, a fraction of
//! the size of one span per scope. Colours come from one stylesheet with both palettes (see
//! [`stylesheet`]), which the asset phase writes into the output and this pass links from the
//! `<head>` of every page with code. A block whose `code` already holds elements (highlighted by Zola's own
//! highlighter, or by an earlier run) is left as it is; so is an empty one. A language no
//! grammar knows leaves the text as it is, inside `<span class="hl-code hl-plain">`, and is
//! reported once. A `pseudocode` block (LaTeX `algorithmic`) becomes numbered lines of HTML with
//! its formulas in MathML ([`crate::render::pseudocode`]); a `diff2html` block (a unified diff),
//! numbered lines with the added and removed ones marked ([`crate::render::diff`]).
//!
//! The text lol_html hands over is HTML source: it is decoded before highlighting and syntect
//! escapes what it writes. Highlighted blocks are kept in a cache, one file per page (see
//! [`HighlightCache`]), so a run over unchanged code only reads them back.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use lol_html::html_content::{Comment, ContentType, Element, TextChunk};
use lol_html::{DocumentContentHandlers, ElementContentHandlers, Selector};

use super::{Handlers, Page, Pass};
use crate::config::{Config, ConfigError};
use crate::html::selector;
use crate::html::text::unescape;
use crate::render::highlight::{
    HighlightCache, MAX_LINE, PREFIX, Renderer, block_language, find_syntax, is_plain_name,
    palette, syntaxes,
};

pub struct HighlightPass {
    renderer: Renderer,
    /// The stylesheet's file name without its extension (fingerprinted names keep it).
    sheet_stem: String,
    code: Selector,
    inside: Selector,
    pre: Selector,
    links: Selector,
    head: Selector,
    body: Selector,
}

impl HighlightPass {
    /// The pass for the configured themes; an unknown theme name is an error naming its key.
    pub fn new(config: &Config) -> Result<Self, ConfigError> {
        let options = &config.folio.highlight;
        let renderer = Renderer::new(options).map_err(|message| {
            let key = match palette::theme(&options.light_theme, "light_theme") {
                Ok(_) => "dark_theme",
                Err(_) => "light_theme",
            };
            config.error_at(&format!("extra.folio.highlight.{key}"), message)
        })?;
        let sheet_stem = std::path::Path::new(&config.folio.highlight.stylesheet)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Self {
            renderer,
            sheet_stem,
            code: selector("pre > code"),
            inside: selector("pre > code *"),
            pre: selector("pre"),
            links: selector("link[href]"),
            head: selector("head"),
            body: selector("body"),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Not in a code block this pass highlights.
    Idle,
    /// Collecting the block's text.
    Buffering,
    /// The block holds elements or comments: left as it is.
    Passthrough,
}

struct State {
    mode: Cell<Mode>,
    /// The language the `pre` being parsed names (Prism's `<pre class="language-x"><code>`),
    /// for a `code` inside that names none.
    pre_lang: RefCell<Option<String>>,
    lang: RefCell<String>,
    /// Where the block's `code` starts in the page (for messages).
    at: Cell<usize>,
    /// The block's raw text so far.
    text: RefCell<String>,
    /// What the block becomes, made when its text ended (`None`: left as it is), and its
    /// cache entry.
    rendered: RefCell<Option<Rendered>>,
    /// The page links the highlight stylesheet (already, or now).
    linked: Cell<bool>,
    /// The page's highlighted blocks, as cached and as made now.
    bundle: RefCell<Bundle>,
}

/// What one block becomes.
struct Rendered {
    html: String,
    /// The cache key of a block highlighted with a grammar (plain blocks are not cached).
    key: Option<String>,
}

/// The highlighted blocks of one page: what the cache held, and this run's.
#[derive(Default)]
struct Bundle {
    cached: HashMap<String, String>,
    blocks: Vec<(String, String)>,
    /// A block was highlighted, not read from the cache.
    missed: bool,
}

impl Pass for HighlightPass {
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        let wants_link = has_code_blocks(page.source, page.tags());
        // A page that links the stylesheet tells the asset phase so (it is kept), whether or not
        // it has blocks left to highlight; one with nothing left to highlight (a second run)
        // says so from a look at its tags, without a parse.
        if !wants_link {
            if crate::html::text::has(page.source, &self.sheet_stem)
                && page.tags().any_start_tag(page.source, "link", |attrs| {
                    crate::html::tags::has_token(crate::html::tags::get(attrs, "rel"), "stylesheet")
                        && crate::html::tags::get(attrs, "href").is_some_and(|href| {
                            page.assets
                                .is_highlight_stylesheet(page.root, page.file, href)
                        })
                })
            {
                page.assets.mark_highlight_used();
            }
            return;
        }
        let state = Rc::new(State {
            mode: Cell::new(Mode::Idle),
            pre_lang: RefCell::new(None),
            lang: RefCell::new(String::new()),
            at: Cell::new(0),
            text: RefCell::new(String::new()),
            rendered: RefCell::new(None),
            linked: Cell::new(false),
            bundle: RefCell::new(Bundle::default()),
        });
        let s = state.clone();
        handlers.on(
            &self.links,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if crate::html::tags::has_token(el.get_attribute("rel").as_deref(), "stylesheet")
                    && let Some(href) = el.get_attribute("href")
                    && page
                        .assets
                        .is_highlight_stylesheet(page.root, page.file, &href)
                {
                    s.linked.set(true);
                    page.assets.mark_highlight_used();
                }
                Ok(())
            }),
        );
        let cache = page.assets.highlight_cache();
        let cache_file = cache.map(|c| c.page_file(&self.renderer.themes, page.root, page.file));
        if let (Some(cache), Some((file, _))) = (cache, &cache_file) {
            state.bundle.borrow_mut().cached = cache.load(file);
        }
        if let (Some(cache), Some((file, name))) = (cache, cache_file) {
            let s = state.clone();
            handlers.on_document(DocumentContentHandlers::default().end(
                move |_: &mut lol_html::html_content::DocumentEnd<'_>| {
                    let bundle = s.bundle.borrow();
                    let now: HashSet<&str> =
                        bundle.blocks.iter().map(|(k, _)| k.as_str()).collect();
                    let before: HashSet<&str> = bundle.cached.keys().map(String::as_str).collect();
                    // Nothing highlighted now (the page's blocks were done by an earlier run and
                    // the rest has no grammar): the file still serves the next fresh build.
                    if !now.is_empty() && (bundle.missed || now != before) {
                        cache.store(&file, &name, &bundle.blocks);
                    }
                    Ok(())
                },
            ));
        }

        // The stylesheet link goes at the end of <head> (or, when Zola's minifier dropped the
        // head's tags, before <body>), on pages that have code blocks.
        let s = state.clone();
        handlers.on(
            &self.head,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                let Some(link) = page.assets.highlight_link(page.root, page.file) else {
                    return Ok(());
                };
                let s = s.clone();
                if let Some(end) = el.end_tag_handlers() {
                    end.push(Box::new(move |end| {
                        if !s.linked.replace(true) {
                            end.before(&format!("{link}\n"), ContentType::Html);
                        }
                        Ok(())
                    }));
                }
                Ok(())
            }),
        );
        let s = state.clone();
        handlers.on(
            &self.body,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if !s.linked.replace(true)
                    && let Some(link) = page.assets.highlight_link(page.root, page.file)
                {
                    el.before(&link, ContentType::Html);
                }
                Ok(())
            }),
        );

        let s = state.clone();
        handlers.on(
            &self.pre,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                *s.pre_lang.borrow_mut() = block_language(el);
                Ok(())
            }),
        );
        let s = state.clone();
        let s_text = state.clone();
        let s_comment = state.clone();
        handlers.on(
            &self.code,
            ElementContentHandlers::default()
                .element(move |el: &mut Element<'_, '_>| {
                    // `pre` and `code` themselves are verbatim; anything more around them
                    // (a template, an svg) means hands off.
                    if page.verbatim.get() > 2 || s.mode.get() != Mode::Idle {
                        return Ok(());
                    }
                    let from_pre = s.pre_lang.borrow_mut().take();
                    let Some(lang) = block_language(el).or(from_pre) else {
                        return Ok(());
                    };
                    let start = el.source_location().bytes().start;
                    let Some(end) = el.end_tag_handlers() else {
                        return Ok(());
                    };
                    s.at.set(start);
                    s.mode.set(Mode::Buffering);
                    *s.lang.borrow_mut() = lang;
                    s.text.borrow_mut().clear();
                    s.rendered.borrow_mut().take();
                    let s = s.clone();
                    // The block is written at its end tag, once it is known to hold text only.
                    end.push(Box::new(move |end| {
                        let mode = s.mode.replace(Mode::Idle);
                        let text = std::mem::take(&mut *s.text.borrow_mut());
                        let rendered = s.rendered.borrow_mut().take();
                        if mode == Mode::Buffering && !text.is_empty() {
                            match rendered {
                                Some(Rendered { html, key }) => {
                                    end.before(&html, ContentType::Html);
                                    if let Some(key) = key {
                                        s.bundle.borrow_mut().blocks.push((key, html));
                                    }
                                }
                                None => end.before(&text, ContentType::Html),
                            }
                        }
                        Ok(())
                    }));
                    Ok(())
                })
                .text(move |chunk: &mut TextChunk<'_>| {
                    let s = &s_text;
                    if s.mode.get() == Mode::Buffering {
                        s.text.borrow_mut().push_str(chunk.as_str());
                        chunk.remove();
                        if chunk.last_in_text_node() {
                            let text = s.text.borrow();
                            *s.rendered.borrow_mut() = if text.is_empty() {
                                None
                            } else {
                                self.render(page, &s.lang.borrow(), &text, s)
                            };
                        }
                    }
                    Ok(())
                })
                .comments(move |comment: &mut Comment<'_>| {
                    if s_comment.mode.get() == Mode::Buffering {
                        let text = std::mem::take(&mut *s_comment.text.borrow_mut());
                        comment.before(&text, ContentType::Html);
                        s_comment.mode.set(Mode::Passthrough);
                    }
                    Ok(())
                }),
        );

        // A block whose end tag never comes (a page cut short) keeps its text as it was.
        let s = state.clone();
        handlers.on_document(DocumentContentHandlers::default().end(
            move |end: &mut lol_html::html_content::DocumentEnd<'_>| {
                if s.mode.replace(Mode::Idle) == Mode::Buffering {
                    end.append(
                        &std::mem::take(&mut *s.text.borrow_mut()),
                        ContentType::Html,
                    );
                }
                Ok(())
            },
        ));

        let s = state;
        handlers.on(
            &self.inside,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if s.mode.get() == Mode::Buffering {
                    let text = std::mem::take(&mut *s.text.borrow_mut());
                    el.before(&text, ContentType::Html);
                    s.mode.set(Mode::Passthrough);
                }
                Ok(())
            }),
        );
    }
}

/// A renderer of a block's (decoded) text into HTML.
type Draw = fn(&str) -> String;

/// Blocks drawn at build time instead of highlighted, what al-folio left to a script: (the
/// block's language, the class of the `span` around the drawing, the renderer of its text).
const DRAWN: &[(&str, &str, Draw)] = &[
    // LaTeX algorithmic (pseudocode.js): numbered lines with MathML.
    (
        "pseudocode",
        "ps-algorithm",
        crate::render::pseudocode::to_html,
    ),
    // A unified diff (diff2html.js): numbered, marked lines.
    ("diff2html", "diff-view", crate::render::diff::to_html),
];

/// Whether a page holds code blocks this pass highlights: a `<code>` with a language, or in a
/// `<pre>` with one, whose content starts with text (not already highlighted, not empty). Decides the stylesheet link
/// in `<head>`, before the blocks are seen; a wrong guess only costs or misses a link.
fn has_code_blocks(source: &str, census: &crate::html::tags::Census) -> bool {
    // A superset of what the `code` handler highlights (see `block_language`): a `code` start
    // tag, in any case, with a language, whose content does not open with a tag or a comment;
    // or a `pre` start tag with a language.
    census.starts(&["pre", "code"]).any(|(at, which)| {
        let rest = &source[at..];
        let Some(end) = rest.find('>') else {
            return false;
        };
        if which == 0 {
            // `<pre …lang…><code…>text`: the block is the code's, and it is still text.
            let inner = &rest[end + 1..];
            return rest[..end].to_ascii_lowercase().contains("lang")
                && inner
                    .get(..5)
                    .is_some_and(|t| t.eq_ignore_ascii_case("<code"))
                && inner
                    .find('>')
                    .is_some_and(|e| !inner[e + 1..].starts_with('<'));
        }
        let tag = rest[..end].to_ascii_lowercase();
        (tag.contains("data-lang") || tag.contains("lang-")) && !rest[end + 1..].starts_with('<')
    })
}

impl HighlightPass {
    /// The highlighted HTML for a block's raw text, `None` to leave the text as it is.
    fn render(&self, page: &Page<'_>, lang: &str, raw: &str, state: &State) -> Option<Rendered> {
        let bundle = &state.bundle;
        // Where the block is, for messages only: counted when one is written, not per block.
        let at = || page.at(state.at.get());
        let plain = |raw: &str| Rendered {
            html: format!(r#"<span class="{PREFIX}code {PREFIX}plain">{raw}</span>"#),
            key: None,
        };
        let lang = lang.trim();
        if is_plain_name(lang) {
            return Some(plain(raw));
        }
        let Some(code) = unescape(raw) else {
            page.report.warn(format!(
            "{}: a `{lang}` code block holds a character reference folio does not decode: left as it is",
            at()
        ));
            return None;
        };
        if let Some((_, class, draw)) = DRAWN
            .iter()
            .find(|(name, _, _)| lang.eq_ignore_ascii_case(name))
        {
            return Some(Rendered {
                html: format!(
                    r#"<span class="{PREFIX}code {class}">{}</span>"#,
                    draw(&code)
                ),
                key: None,
            });
        }
        // Grammars take time quadratic in a line's length: minified code stays plain.
        if code.lines().any(|line| line.len() > MAX_LINE) {
            page.report.warn(format!(
                "{}: a `{lang}` code block has a line longer than {MAX_LINE} bytes: left as plain text",
                at()
            ));
            return Some(plain(raw));
        }
        // Keyed by the language as written (this build of folio always maps it to the same
        // grammar): a hit needs no grammar, so a run whose blocks are all cached never loads
        // the grammars (tens of milliseconds, most of folio's start-up on a small site).
        let key = HighlightCache::key(lang, &code);
        if let Some(html) = bundle.borrow().cached.get(&key) {
            return Some(Rendered {
                html: html.clone(),
                key: Some(key),
            });
        }
        let set = syntaxes();
        let Some(syntax) = find_syntax(set, lang) else {
            page.report.warn_once(
                &format!("highlight-lang:{lang}"),
                format!(
                    "{}: no grammar for code blocks in language `{lang}`: left as plain text",
                    at()
                ),
            );
            return Some(plain(raw));
        };
        bundle.borrow_mut().missed = true;
        let html = match self.renderer.highlight(set, syntax, &code) {
            Ok(spans) => format!(r#"<span class="{PREFIX}code">{spans}</span>"#),
            Err(e) => {
                page.report.warn(format!(
                    "{}: a `{lang}` code block could not be highlighted ({e}): left as plain text",
                    at()
                ));
                return Some(plain(raw));
            }
        };
        Some(Rendered {
            html,
            key: Some(key),
        })
    }
}
