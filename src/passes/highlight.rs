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
//! reported once.
//!
//! The text lol_html hands over is HTML source: it is decoded before highlighting and syntect
//! escapes what it writes. Highlighted blocks are kept in a cache, one file per page (see
//! [`HighlightCache`]), so a run over unchanged code only reads them back.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::OnceLock;

use lol_html::html_content::{Comment, ContentType, Element, TextChunk};
use lol_html::{DocumentContentHandlers, ElementContentHandlers, Selector};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use syntect::highlighting::{
    Color, FontStyle, HighlightIterator, HighlightState, Highlighter, Style, Theme,
};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::text::{escape_into, unescape};
use super::{Handlers, Page, Pass, selector};
use crate::config::{Config, HighlightOptions};

/// The class prefix of every span this pass writes.
pub const PREFIX: &str = "hl-";

/// Lines longer than this (minified code) are not highlighted.
pub(crate) const MAX_LINE: usize = 5_000;

/// Language names that are plain text on purpose: wrapped, not reported.
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "nohighlight",
];

/// Names people give code blocks that the grammars know under another name.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("console", "bash"),
    ("shell-session", "bash"),
    ("zsh", "bash"),
    ("sh", "bash"),
    ("jinja", "jinja2"),
    ("tera", "jinja2"),
    ("j2", "jinja2"),
    ("yml", "yaml"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("rs", "rust"),
    ("py", "python"),
    ("python3", "python"),
    ("js", "javascript"),
    ("mjs", "javascript"),
    ("ts", "typescript"),
    ("md", "markdown"),
    ("c++", "cpp"),
    ("objc", "objective-c"),
    ("golang", "go"),
    ("dockerfile", "Dockerfile"),
    ("docker", "Dockerfile"),
    ("make", "Makefile"),
    ("makefile", "Makefile"),
    ("ps1", "powershell"),
    ("tex", "latex"),
    ("bibtex", "bib"),
    ("patch", "diff"),
    ("html+jinja", "jinja2"),
    ("postgresql", "sql"),
    ("cs", "c#"),
    ("csharp", "c#"),
    ("fs", "f#"),
    ("fsharp", "f#"),
    ("kt", "kotlin"),
    ("rb", "ruby"),
    ("hs", "haskell"),
    ("ex", "elixir"),
    ("nginx", "nginx"),
    ("svg", "xml"),
    ("vue", "html"),
];

/// All grammars (syntect's defaults and bat's), loaded once per process on first use.
pub fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The grammar for a code block's language name, if any knows it.
pub fn find_syntax<'s>(set: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    let lang = lang.trim();
    let lower = lang.to_ascii_lowercase();
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, to)| to);
    set.find_syntax_by_token(name)
        .or_else(|| set.find_syntax_by_token(lang))
        .or_else(|| {
            set.syntaxes()
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(name))
        })
}

/// The colours of one theme, numbered for class names.
struct Palette {
    /// Distinct text colours, in the theme's order (the default first).
    fg: Vec<Color>,
    /// Distinct token backgrounds.
    bg: Vec<Color>,
    default: Style,
}

impl Palette {
    fn of(theme: &Theme) -> Self {
        let default = Highlighter::new(theme).get_default();
        let mut fg = vec![default.foreground];
        let mut bg = Vec::new();
        for item in &theme.scopes {
            if let Some(c) = item.style.foreground
                && !fg.contains(&c)
            {
                fg.push(c);
            }
            if let Some(c) = item.style.background
                && c != default.background
                && !bg.contains(&c)
            {
                bg.push(c);
            }
        }
        Self { fg, bg, default }
    }

    /// Appends the classes for `style` (`hl-l…` or `hl-d…` by `which`); nothing for the
    /// theme's default style.
    fn classes(&self, which: char, style: Style, out: &mut String) {
        use std::fmt::Write as _;
        let sep = |out: &mut String| {
            if !out.is_empty() {
                out.push(' ');
            }
        };
        if style.foreground != self.default.foreground
            && let Some(i) = self.fg.iter().position(|c| *c == style.foreground)
        {
            sep(out);
            let _ = write!(out, "{PREFIX}{which}{i}");
        }
        if style.background != self.default.background
            && let Some(i) = self.bg.iter().position(|c| *c == style.background)
        {
            sep(out);
            let _ = write!(out, "{PREFIX}{which}g{i}");
        }
        for (flag, letter) in [
            (FontStyle::BOLD, 'b'),
            (FontStyle::ITALIC, 'i'),
            (FontStyle::UNDERLINE, 'u'),
        ] {
            if style.font_style.contains(flag) {
                sep(out);
                let _ = write!(out, "{PREFIX}{which}{letter}");
            }
        }
    }
}

/// Highlights with a light and a dark theme at once.
pub struct Renderer {
    light: Highlighter<'static>,
    dark: Highlighter<'static>,
    light_palette: Palette,
    dark_palette: Palette,
    /// Names what the classes depend on, for the cache key.
    themes: String,
}

/// What the highlight classes depend on besides the code: the two themes (their colours number
/// the classes). Part of the cache's file names.
pub fn themes_key(options: &HighlightOptions) -> String {
    format!(
        "{}\0{}",
        options.light_theme.trim().to_ascii_lowercase(),
        options.dark_theme.trim().to_ascii_lowercase()
    )
}

impl Renderer {
    /// The renderer for the configured themes.
    pub fn new(options: &HighlightOptions) -> Result<Self, String> {
        let light = theme(&options.light_theme, "light_theme")?;
        let dark = theme(&options.dark_theme, "dark_theme")?;
        Ok(Self {
            light: Highlighter::new(light),
            dark: Highlighter::new(dark),
            light_palette: Palette::of(light),
            dark_palette: Palette::of(dark),
            themes: themes_key(options),
        })
    }

    /// Highlights `code` (plain text) with `syntax`: flat spans with the classes of both
    /// themes, neighbouring tokens with the same classes merged, text escaped.
    pub fn highlight(
        &self,
        set: &SyntaxSet,
        syntax: &SyntaxReference,
        code: &str,
    ) -> Result<String, String> {
        fn flush(html: &mut String, classes: &str, text: &str) {
            if text.is_empty() {
                return;
            }
            if classes.is_empty() {
                escape_into(text, html);
            } else {
                html.push_str(r#"<span class=""#);
                html.push_str(classes);
                html.push_str(r#"">"#);
                escape_into(text, html);
                html.push_str("</span>");
            }
        }
        let mut parse = ParseState::new(syntax);
        let mut light = HighlightState::new(&self.light, ScopeStack::new());
        let mut dark = HighlightState::new(&self.dark, ScopeStack::new());
        let mut html = String::with_capacity(code.len() * 2);
        let mut classes = String::new();
        let mut open = String::new(); // the classes of the span being collected
        let mut text = String::new(); // its text, not yet escaped
        // The grammars expect every line to end with a newline.
        let owned;
        let (source, added_newline) = if code.ends_with('\n') || code.is_empty() {
            (code, false)
        } else {
            owned = format!("{code}\n");
            (owned.as_str(), true)
        };
        for line in LinesWithEndings::from(source) {
            let ops = parse.parse_line(line, set).map_err(|e| e.to_string())?;
            let tokens = HighlightIterator::new(&mut light, &ops, line, &self.light)
                .zip(HighlightIterator::new(&mut dark, &ops, line, &self.dark));
            for ((light_style, token), (dark_style, _)) in tokens {
                if token.is_empty() {
                    continue;
                }
                classes.clear();
                if token.trim().is_empty() && !text.is_empty() {
                    classes.push_str(&open); // white space joins the span before it
                } else {
                    self.light_palette.classes('l', light_style, &mut classes);
                    self.dark_palette.classes('d', dark_style, &mut classes);
                }
                if classes != open {
                    flush(&mut html, &open, &text);
                    text.clear();
                    std::mem::swap(&mut open, &mut classes);
                }
                text.push_str(token);
            }
        }
        if added_newline {
            text.pop();
        }
        flush(&mut html, &open, &text);
        Ok(html)
    }
}

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
    pub fn new(config: &Config) -> Self {
        // An unknown theme name stops a run before the pages (see `stylesheet`); a page
        // rewritten on its own falls back to the default themes.
        let renderer = Renderer::new(&config.folio.highlight)
            .or_else(|_| Renderer::new(&HighlightOptions::default()))
            .expect("the default themes exist");
        let sheet_stem = std::path::Path::new(&config.folio.highlight.stylesheet)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Self {
            renderer,
            sheet_stem,
            code: selector("pre > code"),
            inside: selector("pre > code *"),
            pre: selector("pre"),
            links: selector("link[href]"),
            head: selector("head"),
            body: selector("body"),
        }
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
    fn name(&self) -> &'static str {
        "highlight"
    }

    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        let wants_link = has_code_blocks(page.source);
        // A page that links the stylesheet tells the asset phase so (it is kept), whether or not
        // it has blocks left to highlight; one with nothing left to highlight (a second run)
        // says so from a look at its tags, without a parse.
        if !wants_link {
            if super::text::has(page.source, &self.sheet_stem)
                && super::tags::any_start_tag(page.source, "link", |attrs| {
                    super::tags::has_token(super::tags::get(attrs, "rel"), "stylesheet")
                        && super::tags::get(attrs, "href").is_some_and(|href| {
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
            text: RefCell::new(String::new()),
            rendered: RefCell::new(None),
            linked: Cell::new(false),
            bundle: RefCell::new(Bundle::default()),
        });
        let s = state.clone();
        handlers.on(
            &self.links,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if super::tags::has_token(el.get_attribute("rel").as_deref(), "stylesheet")
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
                    let Some(end) = el.end_tag_handlers() else {
                        return Ok(());
                    };
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
                                self.render(page, &s.lang.borrow(), &text, &s.bundle)
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

/// Whether a page holds code blocks this pass highlights: a `<code>` with a language, or in a
/// `<pre>` with one, whose content starts with text (not already highlighted, not empty). Decides the stylesheet link
/// in `<head>`, before the blocks are seen; a wrong guess only costs or misses a link.
fn has_code_blocks(source: &str) -> bool {
    // A superset of what the `code` handler highlights (see `block_language`): a `code` start
    // tag, in any case, with a language, whose content does not open with a tag or a comment;
    // or a `pre` start tag with a language.
    let bytes = source.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|at| {
        if bytes
            .get(at + 1..at + 5)
            .is_some_and(|name| name.eq_ignore_ascii_case(b"pre "))
        {
            // `<pre …lang…><code…>text`: the block is the code's, and it is still text.
            let rest = &source[at..];
            let Some(end) = rest.find('>') else {
                return false;
            };
            let inner = &rest[end + 1..];
            return rest[..end].to_ascii_lowercase().contains("lang")
                && inner
                    .get(..5)
                    .is_some_and(|t| t.eq_ignore_ascii_case("<code"))
                && inner
                    .find('>')
                    .is_some_and(|e| !inner[e + 1..].starts_with('<'));
        }
        if !bytes
            .get(at + 1..at + 5)
            .is_some_and(|name| name.eq_ignore_ascii_case(b"code"))
        {
            return false;
        }
        let rest = &source[at..];
        let Some(end) = rest.find('>') else {
            return false;
        };
        let tag = rest[..end].to_ascii_lowercase();
        (tag.contains("data-lang") || tag.contains("lang-")) && !rest[end + 1..].starts_with('<')
    })
}

/// The language of a `code` (or `pre`) element: `data-lang`, else a `language-x` / `lang-x`
/// class.
pub(crate) fn block_language(el: &Element<'_, '_>) -> Option<String> {
    if let Some(lang) = el.get_attribute("data-lang") {
        return Some(lang);
    }
    let class = el.get_attribute("class")?;
    class.split_ascii_whitespace().find_map(|c| {
        c.strip_prefix("language-")
            .or_else(|| c.strip_prefix("lang-"))
            .map(str::to_owned)
    })
}

/// Whether a language name means plain text on purpose (`text`, `plain`, none…).
pub(crate) fn is_plain_name(lang: &str) -> bool {
    let lang = lang.trim();
    PLAIN.iter().any(|p| p.eq_ignore_ascii_case(lang))
}

impl HighlightPass {
    /// The highlighted HTML for a block's raw text, `None` to leave the text as it is.
    fn render(
        &self,
        page: &Page<'_>,
        lang: &str,
        raw: &str,
        bundle: &RefCell<Bundle>,
    ) -> Option<Rendered> {
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
            page.file.display()
        ));
            return None;
        };
        // Grammars take time quadratic in a line's length: minified code stays plain.
        if code.lines().any(|line| line.len() > MAX_LINE) {
            page.report.warn(format!(
                "{}: a `{lang}` code block has a line longer than {MAX_LINE} bytes: left as plain text",
                page.file.display()
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
                    page.file.display()
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
                    page.file.display()
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

/// Highlighted blocks on disk: one file per page (named by the SHA-256 of this build of folio,
/// the two themes, whose colours the classes number, and the page's path), holding a
/// `page PATH` line and then its blocks by the SHA-256 of language and code. A page whose code
/// did not change reads one file; a changed block is highlighted again and the file rewritten.
/// After a run over a whole site, [`HighlightCache::prune`] removes the files of pages that are
/// gone and of other themes or folio versions. Safe to delete at any time; never inside the
/// served tree by default (`.folio-cache/` in the site's directory, beside `public/`).
#[derive(Debug)]
pub struct HighlightCache {
    dir: PathBuf,
    writable: bool,
}

/// Changes whenever the highlighted HTML for the same input may change.
const CACHE_VERSION: &str = concat!(
    "folio ",
    env!("CARGO_PKG_VERSION"),
    "; syntect 5.3 + two-face 0.5.2; hl- l/d classes; v6"
);

fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
        hash.update([0]);
    }
    let digest = hash.finalize();
    // Two table look-ups per byte: `format!("{b:02x}")` per byte allocated 32 strings per key,
    // and a key is made for every page with code blocks.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(digest.len() * 2);
    for b in digest {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

impl HighlightCache {
    /// A cache in `dir` (created on the first write); `writable = false` only reads (`--check`).
    pub fn new(dir: PathBuf, writable: bool) -> Self {
        Self { dir, writable }
    }

    /// The key of one block: its language as written and its code.
    fn key(lang: &str, code: &str) -> String {
        sha256_hex(&[lang.as_bytes(), code.as_bytes()])
    }

    /// The page `file` below `root` as the cache names it (`/` separators).
    fn page_name(root: &std::path::Path, file: &std::path::Path) -> String {
        let rel = file.strip_prefix(root).unwrap_or(file);
        let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
        parts.join("/")
    }

    /// The cache file of the page `name` (from [`Self::page_name`]).
    fn file_of(&self, themes: &str, name: &str) -> PathBuf {
        let key = sha256_hex(&[CACHE_VERSION.as_bytes(), themes.as_bytes(), name.as_bytes()]);
        self.dir.join("highlight").join(&key[..2]).join(&key[2..])
    }

    /// The cache file of the page `file` below `root`, and the page's name for its header.
    fn page_file(
        &self,
        themes: &str,
        root: &std::path::Path,
        file: &std::path::Path,
    ) -> (PathBuf, String) {
        let name = Self::page_name(root, file);
        (self.file_of(themes, &name), name)
    }

    /// The blocks a page's file holds (none if it is missing or damaged: a file whose last line
    /// is not the SHA-256 of all before it, torn by a crash or changed by hand, is never served;
    /// its blocks are highlighted again and the file rewritten).
    fn load(&self, file: &std::path::Path) -> HashMap<String, String> {
        let mut blocks = HashMap::new();
        let Ok(text) = fs::read_to_string(file) else {
            return blocks;
        };
        let Some(body) = verified(&text) else {
            return blocks;
        };
        // A `page PATH` line, then each entry: `KEY LEN\n` and LEN bytes of HTML.
        let mut rest = body;
        if rest.starts_with("page ") {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        }
        while let Some((header, after)) = rest.split_once('\n') {
            let Some((key, len)) = header.split_once(' ') else {
                break;
            };
            let Some(html) = len.parse::<usize>().ok().and_then(|n| after.get(..n)) else {
                break;
            };
            blocks.insert(key.to_owned(), html.to_owned());
            rest = &after[html.len()..];
        }
        blocks
    }

    /// Writes a page's blocks; a cache that cannot be written is only slower, never an error.
    fn store(&self, file: &std::path::Path, page: &str, blocks: &[(String, String)]) {
        if !self.writable {
            return;
        }
        if blocks.is_empty() {
            let _ = fs::remove_file(file);
            return;
        }
        let mut seen = HashSet::new();
        // A name with a line break cannot be told from the entries: no header (it is pruned).
        let mut text = match page.contains('\n') {
            true => String::new(),
            false => format!("page {page}\n"),
        };
        for (key, html) in blocks {
            if seen.insert(key) {
                text.push_str(&format!("{key} {}\n{html}", html.len()));
            }
        }
        let sum = sha256_hex(&[text.as_bytes()]);
        text.push_str(&format!("\n{SUM}{sum}\n"));
        // The cache file first (its directories with it), then the tag that marks the cache.
        if crate::write::create(file, text.as_bytes(), crate::write::new_file_permissions())
            .is_err()
        {
            return;
        }
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            let _ = fs::write(
                &tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n# folio's highlight cache: safe to delete, never deployed.\n",
            );
        }
    }

    /// After a run over the whole output `root`: removes the cache files no page of this run
    /// would read (the page is gone, or the file was made for other themes or another build of
    /// folio) and the folders left empty. Returns how many files it removed. Unreadable files
    /// are left; a file that cannot be removed is only disk space.
    pub fn prune(&self, root: &std::path::Path, themes: &str) -> usize {
        let top = self.dir.join("highlight");
        if !self.writable || !top.is_dir() {
            return 0;
        }
        let files: Vec<PathBuf> = walkdir::WalkDir::new(&top)
            .min_depth(2)
            .max_depth(2)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        let removed = files
            .par_iter()
            .filter(|file| {
                let Some(first) = first_line(file) else {
                    return false;
                };
                let keep = first.strip_prefix("page ").is_some_and(|name| {
                    self.file_of(themes, name) == **file && root.join(name).is_file()
                });
                !keep && fs::remove_file(file).is_ok()
            })
            .count();
        if let Ok(dirs) = fs::read_dir(&top) {
            for dir in dirs.flatten() {
                // Fails (and is meant to) unless the folder is empty.
                let _ = fs::remove_dir(dir.path());
            }
        }
        removed
    }
}

/// The last line of a cache file: its checksum.
const SUM: &str = "sum ";

/// A cache file's text without its checksum line, if the checksum is that of the text.
fn verified(text: &str) -> Option<&str> {
    let (body, last) = text.strip_suffix('\n')?.rsplit_once('\n')?;
    (last.strip_prefix(SUM)? == sha256_hex(&[body.as_bytes()])).then_some(body)
}

/// The first line of a file (up to 4 KiB), or None if it cannot be read.
fn first_line(file: &std::path::Path) -> Option<String> {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(4096);
    fs::File::open(file)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    let line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    Some(String::from_utf8_lossy(line).into_owned())
}

// ------------------------------------------------------------------------------ stylesheet

/// The highlight stylesheet: the light theme's colours under `html[data-theme="light"]`, the
/// dark theme's under `html[data-theme="dark"]` (what the folio theme's head script sets), and,
/// for pages without that attribute (no JavaScript, other themes), the one `prefers-color-scheme`
/// picks. Token colours are adjusted to `min_contrast` against the theme's background.
pub fn stylesheet(options: &HighlightOptions) -> Result<String, String> {
    let light = theme(&options.light_theme, "light_theme")?;
    let dark = theme(&options.dark_theme, "dark_theme")?;
    let contrast = options.min_contrast;
    let mut css = format!(
        "/* folio code highlighting: light {:?}, dark {:?} (generated) */\n",
        options.light_theme, options.dark_theme
    );
    let light_rules = rules(light, contrast, 'l');
    let dark_rules = rules(dark, contrast, 'd');
    scoped(&mut css, "html[data-theme=\"light\"]", &light_rules);
    css.push_str("@media not all and (prefers-color-scheme: dark) {\n");
    scoped(&mut css, "html:not([data-theme])", &light_rules);
    css.push_str("}\n");
    scoped(&mut css, "html[data-theme=\"dark\"]", &dark_rules);
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    scoped(&mut css, "html:not([data-theme])", &dark_rules);
    css.push_str("}\n");
    Ok(css)
}

/// The theme named `name` (bat's names, e.g. "GitHub", "OneHalfDark").
fn theme(name: &str, key: &str) -> Result<&'static Theme, String> {
    static THEMES: OnceLock<two_face::theme::EmbeddedLazyThemeSet> = OnceLock::new();
    let set = THEMES.get_or_init(two_face::theme::extra);
    let names = two_face::theme::EmbeddedLazyThemeSet::theme_names();
    let found = names
        .iter()
        .find(|n| n.as_name().eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            let known: Vec<&str> = names.iter().map(|n| n.as_name()).collect();
            format!(
                "[extra.folio.highlight] {key} = {name:?}: no such theme (known: {})",
                known.join(", ")
            )
        })?;
    Ok(set.get(*found))
}

/// One CSS rule: selector (relative to the palette's root) and declarations.
type Rule = (String, String);

fn scoped(css: &mut String, root: &str, rules: &[Rule]) {
    for (selector, declarations) in rules {
        css.push_str(&format!("{root} {selector} {{ {declarations}}}\n"));
    }
}

/// The rules of one theme: the block's background and text, then one rule per palette colour
/// and font style, for the classes [`Renderer`] writes (`which`: `l` or `d`).
fn rules(theme: &Theme, min_contrast: f64, which: char) -> Vec<Rule> {
    let palette = Palette::of(theme);
    let bg = opaque(palette.default.background, Color::WHITE);
    let fg = readable(opaque(palette.default.foreground, bg), bg, min_contrast);
    let code = format!("{PREFIX}code");
    let mut rules = vec![
        (
            format!("pre:has(> code > .{code})"),
            format!("background-color: {}; color: {}; ", hex(bg), hex(fg)),
        ),
        (format!(".{code}"), format!("color: {}; ", hex(fg))),
    ];
    for (i, color) in palette.fg.iter().enumerate().skip(1) {
        let color = readable(opaque(*color, bg), bg, min_contrast);
        rules.push((
            format!(".{code} .{PREFIX}{which}{i}"),
            format!("color: {}; ", hex(color)),
        ));
    }
    // A token background (a theme's "invalid" or diff tokens) the text would be hard to read
    // on also sets the text colour: the default one, raised to `min_contrast` against it. The
    // rule comes after the colour classes, so on such tokens it wins over theirs.
    for (i, color) in palette.bg.iter().enumerate() {
        let token_bg = opaque(*color, bg);
        let mut declaration = format!("background-color: {}; ", hex(token_bg));
        if min_contrast > 0.0 && contrast(fg, token_bg) < min_contrast {
            let text = readable(fg, token_bg, min_contrast);
            declaration.push_str(&format!("color: {}; ", hex(text)));
        }
        rules.push((format!(".{code} .{PREFIX}{which}g{i}"), declaration));
    }
    for (letter, declaration) in [
        ('b', "font-weight: bold; "),
        ('i', "font-style: italic; "),
        ('u', "text-decoration: underline; "),
    ] {
        rules.push((
            format!(".{code} .{PREFIX}{which}{letter}"),
            declaration.to_owned(),
        ));
    }
    rules
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// `c` composited over `under` (theme colours may be translucent).
fn opaque(c: Color, under: Color) -> Color {
    let a = f64::from(c.a) / 255.0;
    let mix = |x: u8, y: u8| (f64::from(x) * a + f64::from(y) * (1.0 - a)).round() as u8;
    Color {
        r: mix(c.r, under.r),
        g: mix(c.g, under.g),
        b: mix(c.b, under.b),
        a: 0xff,
    }
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg`, moved towards black or white (whichever the background contrasts with more) by the
/// smallest step that reaches `min` against `bg`.
fn readable(fg: Color, bg: Color, min: f64) -> Color {
    if min <= 0.0 || contrast(fg, bg) >= min {
        return fg;
    }
    let toward = if contrast(Color::BLACK, bg) >= contrast(Color::WHITE, bg) {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let mut best = toward;
    for step in 1..=100 {
        let t = f64::from(step) / 100.0;
        let mix = |x: u8, y: u8| (f64::from(x) * (1.0 - t) + f64::from(y) * t).round() as u8;
        let c = Color {
            r: mix(fg.r, toward.r),
            g: mix(fg.g, toward.g),
            b: mix(fg.b, toward.b),
            a: 0xff,
        };
        if contrast(c, bg) >= min {
            best = c;
            break;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_keys_are_lower_hex_sha256() {
        // SHA-256 of "rust\0fn main() {}\0", as `sha256sum` prints it.
        let key = sha256_hex(&[b"rust", b"fn main() {}"]);
        let mut hash = Sha256::new();
        hash.update(b"rust\0fn main() {}\0");
        let expected: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(key, expected);
        assert_eq!(key.len(), 64);
    }

    #[test]
    fn known_languages_and_aliases() {
        let set = syntaxes();
        for lang in [
            "rust",
            "python",
            "toml",
            "typescript",
            "ts",
            "bash",
            "sh",
            "shell",
            "console",
            "yaml",
            "json",
            "html",
            "css",
            "js",
            "c",
            "cpp",
            "go",
            "java",
            "sql",
            "jinja2",
            "Rust",
            "markdown",
            "diff",
            "dockerfile",
            "latex",
            "scss",
            "ruby",
            "haskell",
        ] {
            assert!(find_syntax(set, lang).is_some(), "{lang}");
        }
        assert!(find_syntax(set, "no-such-language").is_none());
    }

    #[test]
    fn highlights_with_classes_and_escapes() {
        let set = syntaxes();
        let renderer = Renderer::new(&HighlightOptions::default()).unwrap();
        let html = renderer
            .highlight(
                set,
                find_syntax(set, "rust").unwrap(),
                "let a = 1 < 2 && b;",
            )
            .unwrap();
        // `let` and `&&` are keywords in both themes: one span, a class for each palette.
        let keyword = |word: &str| {
            let end = html
                .find(&format!(">{word}</span>"))
                .unwrap_or_else(|| panic!("{word} in {html}"));
            let start = html[..end].rfind("<span class=\"").unwrap() + 13;
            html[start..end - 1].to_owned()
        };
        let let_classes = keyword("let");
        assert!(
            let_classes.starts_with("hl-l") && let_classes.contains(" hl-d"),
            "{html}"
        );
        assert!(html.contains("&lt;"), "{html}");
        assert!(html.contains("&amp;&amp;"), "{html}");
        assert!(!html.ends_with('\n'), "{html}");
        assert!(!html.contains("<span class=\"\">"), "{html}");
        let text: String = html
            .split('<')
            .map(|p| p.split_once('>').map_or(p, |(_, t)| t))
            .collect();
        assert_eq!(text, "let a = 1 &lt; 2 &amp;&amp; b;");
    }

    #[test]
    fn every_default_colour_is_readable() {
        let css = stylesheet(&HighlightOptions::default()).unwrap();
        assert!(css.contains("html[data-theme=\"dark\"] pre:has(> code > .hl-code)"));
        for (theme, dark) in [("GitHub", false), ("OneHalfDark", true)] {
            let theme = super::theme(theme, "t").unwrap();
            let bg = opaque(theme.settings.background.unwrap(), Color::WHITE);
            for item in &theme.scopes {
                if let Some(fg) = item.style.foreground {
                    let under = item.style.background.map_or(bg, |c| opaque(c, bg));
                    let fixed = readable(opaque(fg, under), under, 4.5);
                    assert!(contrast(fixed, under) >= 4.5, "{dark} {fg:?}");
                }
            }
        }
    }

    /// The colour a declaration sets for `property`.
    fn declared(declaration: &str, property: &str) -> Option<Color> {
        let needle = format!("{property}: #");
        let at = declaration
            .match_indices(&needle)
            .find(|(i, _)| *i == 0 || declaration.as_bytes()[i - 1] == b' ')?
            .0
            + needle.len();
        let hex = &declaration[at..at + 6];
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        Some(Color {
            r: byte(0),
            g: byte(2),
            b: byte(4),
            a: 0xff,
        })
    }

    #[test]
    fn every_token_of_the_stylesheet_is_readable_on_its_background() {
        // Every theme folio offers, both roles: the text of each colour class on the code
        // background, and the text on each token background (its own colour if the rule sets
        // one, else the default).
        for name in [
            "GitHub",
            "OneHalfDark",
            "OneHalfLight",
            "Nord",
            "Monokai Extended",
        ] {
            let theme = super::theme(name, "t").unwrap();
            let rules = rules(theme, 4.5, 'd');
            let bg = declared(&rules[0].1, "background-color").unwrap();
            let fg = declared(&rules[0].1, "color").unwrap();
            assert!(contrast(fg, bg) >= 4.5, "{name}");
            let mut token_backgrounds = 0;
            for (selector, declaration) in &rules[1..] {
                match declared(declaration, "background-color") {
                    Some(under) => {
                        token_backgrounds += 1;
                        let text = declared(declaration, "color").unwrap_or(fg);
                        assert!(
                            contrast(text, under) >= 4.5,
                            "{name} {selector}: {declaration}"
                        );
                    }
                    None => {
                        if let Some(text) = declared(declaration, "color") {
                            assert!(contrast(text, bg) >= 4.5, "{name} {selector}");
                        }
                    }
                }
            }
            if name == "OneHalfDark" {
                assert!(token_backgrounds > 0, "the case this test is for");
            }
        }
    }

    #[test]
    fn unknown_theme_names_the_known_ones() {
        let options = HighlightOptions {
            dark_theme: "Nope".into(),
            ..HighlightOptions::default()
        };
        let err = stylesheet(&options).unwrap_err();
        assert!(
            err.contains("dark_theme") && err.contains("OneHalfDark"),
            "{err}"
        );
    }
}
