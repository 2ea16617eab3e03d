//! `folio audit`: checks a finished output tree for what the build-time renderers promise, so a
//! site (or CI) can tell that a deployed build was finished, and finished well:
//!
//! - every code block in a language a grammar knows is highlighted (by folio or by Zola);
//! - every stylesheet a page links from this site is minified (lightningcss cannot make it
//!   smaller), carries its content hash in its name, and is linked with the `integrity` value
//!   of its bytes; no page links a stylesheet from elsewhere;
//! - on pages with math on (the theme's `data-math`, or `[extra.folio] math = true`), no TeX
//!   delimiter (`$$`, `\[`, `\(`, `\begin{`) is left in text;
//! - a second `folio rewrite` would change nothing;
//! - with `[extra.folio.search]` on, the search index is there and was built from the pages as
//!   they are;
//! - no temporary file of an interrupted run is left to be deployed.
//!
//! It reads the pages with lol_html (one parse each, in parallel) and writes nothing.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Mutex;

use lol_html::html_content::{Element, TextChunk};
use lol_html::{DocumentContentHandlers, HtmlRewriter, Settings};
use rayon::prelude::*;

use crate::assets::{self, css};
use crate::config::Config;
use crate::engine;
use crate::html::{self, count_open};
use crate::render::highlight;
use crate::search;

/// What an audit found: counts, and the problems, each naming its file.
#[derive(Debug, Default)]
pub struct Audit {
    pub pages: usize,
    /// Code blocks highlighted by folio or already by Zola.
    pub highlighted: usize,
    /// Blocks left plain on purpose: plain text, an unknown language, minified code, code
    /// holding other markup.
    pub plain: usize,
    /// Local stylesheets linked, and those of them that passed every check.
    pub stylesheets: usize,
    pub stylesheets_ok: usize,
    /// Pages with math on, and the MathML formulas on them.
    pub math_pages: usize,
    pub formulas: usize,
    /// Pages a second rewrite would change.
    pub would_change: usize,
    /// Temporary files an interrupted run left in the tree.
    pub leftovers: usize,
    /// The search index: `None` when search is off, else whether it is present and fresh, and
    /// the pages it holds.
    pub search: Option<(bool, usize)>,
    pub problems: Vec<String>,
}

impl Audit {
    /// The report printed by `folio audit`.
    pub fn summary(&self) -> String {
        let search = match self.search {
            None => "off".to_owned(),
            Some((true, pages)) => format!("{pages} pages, up to date"),
            Some((false, _)) => "missing or out of date".to_owned(),
        };
        format!(
            "folio audit: {} pages\n  code blocks: {} highlighted, {} plain on purpose (plain text, unknown language, minified, markup inside)\n  stylesheets: {} of {} linked minified, fingerprinted, with valid SRI\n  math: {} formulas in MathML on {} pages with math on\n  second run: {} pages would change\n  temporary files of interrupted runs: {}\n  search index: {search}\n  problems: {}",
            self.pages,
            self.highlighted,
            self.plain,
            self.stylesheets_ok,
            self.stylesheets,
            self.formulas,
            self.math_pages,
            self.would_change,
            self.leftovers,
            self.problems.len()
        )
    }
}

/// Audits the output tree `dir` of the site `config` describes.
pub fn run(dir: &Path, config: &Config, jobs: Option<usize>) -> Result<Audit, crate::error::Error> {
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(e.file_type().is_dir() && assets::is_cache_dir(e.file_name())))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let targets = css::targets(&config.folio.css.targets)
        .map_err(|e| config.error_at("extra.folio.css.targets", e))?;
    let checker = Checker {
        root: dir,
        config,
        base: crate::url::BaseUrl::parse(&config.base_url),
        targets,
        sheets: Mutex::new(HashMap::new()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| e.to_string())?;
    let results: Vec<PageAudit> =
        pool.install(|| pages.par_iter().map(|p| checker.page(p)).collect());

    let mut audit = Audit {
        pages: pages.len(),
        ..Audit::default()
    };
    for page in results {
        audit.highlighted += page.highlighted;
        audit.plain += page.plain;
        audit.formulas += page.formulas;
        audit.math_pages += usize::from(page.math);
        audit.problems.extend(page.problems);
    }
    let sheets = checker.sheets.into_inner().unwrap_or_default();
    audit.stylesheets = sheets.len();
    audit.stylesheets_ok = sheets.values().filter(|ok| ok.is_ok()).count();
    let mut sheet_problems: Vec<String> = sheets.into_values().filter_map(Result::err).collect();
    sheet_problems.sort();
    audit.problems.extend(sheet_problems);

    let check = engine::Options {
        check: true,
        jobs,
        ..engine::Options::default()
    };
    let summary = engine::run(dir, config, &check)?;
    let bundle = dir.join(search::BUNDLE_DIR);
    audit.search = match search::audit(dir, config) {
        None => None,
        Some(Ok(pages)) => Some((true, pages)),
        Some(Err(problem)) => {
            audit.problems.push(problem);
            Some((false, 0))
        }
    };
    for (path, outcome) in &summary.files {
        if *path == bundle && audit.search.is_some() {
            // Present but built from other pages than these (a missing index is said above).
            if *outcome == engine::Outcome::WouldChange && audit.search.is_some_and(|s| s.0) {
                audit.search = Some((false, 0));
                audit.problems.push(format!(
                    "{}: the search index was built from other pages than these: run folio rewrite",
                    path.display()
                ));
            }
            continue;
        }
        match outcome {
            engine::Outcome::WouldChange => {
                audit.would_change += 1;
                audit.problems.push(format!(
                    "{}: a second rewrite would change it",
                    path.display()
                ));
            }
            engine::Outcome::WouldRemove => {
                audit.leftovers += 1;
                audit.problems.push(format!(
                    "{}: a temporary file left by an interrupted folio run, which would be \
                     deployed (folio rewrite removes it)",
                    path.display()
                ));
            }
            _ => {}
        }
    }
    Ok(audit)
}

/// What is shared by the page checks of one audit.
struct Checker<'a> {
    root: &'a Path,
    config: &'a Config,
    base: crate::url::BaseUrl,
    targets: lightningcss::targets::Targets,
    /// Each linked stylesheet (by path below the root) checked once: `Err` says what is wrong.
    sheets: Mutex<HashMap<String, Result<(), String>>>,
}

/// One page's findings.
#[derive(Default)]
struct PageAudit {
    highlighted: usize,
    plain: usize,
    math: bool,
    formulas: usize,
    problems: Vec<String>,
}

/// The first element inside a code block.
enum Child {
    /// A span, with its class: folio's `hl-code` (or `hl-code hl-plain`), Zola's `z-…`.
    Span(String),
    /// Other markup (a `<br>`, an `<em>`): folio leaves such a block as written.
    Markup,
}

/// The code blocks of one page: the `pre`'s language, the block being read, those read.
#[derive(Default)]
struct BlockState {
    pre_lang: RefCell<Option<String>>,
    open: RefCell<Option<Block>>,
    done: RefCell<Vec<Block>>,
}

/// One code block.
#[derive(Default)]
struct Block {
    lang: String,
    /// The first element inside `code`, `None` while there is none.
    first_child: Option<Child>,
    text: String,
}

impl Checker<'_> {
    fn page(&self, file: &Path) -> PageAudit {
        let shown = file.display().to_string();
        let source = match fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                return PageAudit {
                    problems: vec![format!("{shown}: cannot be read: {e}")],
                    ..PageAudit::default()
                };
            }
        };
        let page_math = self.config.folio.math.everywhere
            || memchr::memmem::find(&source, b"data-math").is_some();
        let out = RefCell::new(PageAudit::default());
        // End-tag handlers must own what they touch: the blocks go through `state`.
        let state = Rc::new(BlockState::default());
        let math_depth = Rc::new(Cell::new(0u32));
        let not_prose = Rc::new(Cell::new(0u32));
        // As the math pass sees it: on in `[data-math]` elements (or everywhere when the site
        // turns it on), off in `[data-math=false]` ones.
        let math_on = Rc::new(Cell::new(0u32));
        let math_off = Rc::new(Cell::new(0u32));
        let site_math = self.config.folio.math.everywhere;
        let prose = RefCell::new(String::new());
        let page_dir = crate::url::page_dir(self.root, file);

        let element_handlers = vec![
            lol_html::element!("pre", |el| {
                *state.pre_lang.borrow_mut() = highlight::block_language(el);
                Ok(())
            }),
            lol_html::element!("pre > code", |el| {
                let from_pre = state.pre_lang.borrow_mut().take();
                let Some(lang) = highlight::block_language(el).or(from_pre) else {
                    return Ok(());
                };
                *state.open.borrow_mut() = Some(Block {
                    lang,
                    ..Block::default()
                });
                if let Some(end) = el.end_tag_handlers() {
                    let state = state.clone();
                    end.push(Box::new(move |_| {
                        if let Some(b) = state.open.borrow_mut().take() {
                            state.done.borrow_mut().push(b);
                        }
                        Ok(())
                    }));
                }
                Ok(())
            }),
            lol_html::element!("pre > code *", |el| {
                if let Some(b) = state.open.borrow_mut().as_mut()
                    && b.first_child.is_none()
                {
                    b.first_child = Some(if el.tag_name() == "span" {
                        Child::Span(el.get_attribute("class").unwrap_or_default())
                    } else {
                        Child::Markup
                    });
                }
                Ok(())
            }),
            lol_html::text!("pre > code", |chunk| {
                if let Some(b) = state.open.borrow_mut().as_mut() {
                    b.text.push_str(chunk.as_str());
                }
                Ok(())
            }),
            lol_html::element!("link[href]", |el| {
                self.link(el, &page_dir, &shown, &out);
                Ok(())
            }),
            lol_html::element!(".profile img[src]", |el| {
                self.profile_image(el, &page_dir, &shown, &out);
                Ok(())
            }),
            lol_html::element!("math", |el| {
                if math_depth.get() == 0 {
                    out.borrow_mut().formulas += 1;
                }
                count_open(el, &math_depth);
                Ok(())
            }),
            lol_html::element!(html::VERBATIM, |el| {
                count_open(el, &not_prose);
                Ok(())
            }),
            lol_html::element!("[data-math]", |el| {
                let value = el.get_attribute("data-math").unwrap_or_default();
                let off = crate::passes::math::turns_math_off(&value);
                count_open(el, if off { &math_off } else { &math_on });
                Ok(())
            }),
        ];
        let document_handlers = if page_math {
            vec![
                DocumentContentHandlers::default().text(|chunk: &mut TextChunk<'_>| {
                    let active = (site_math || math_on.get() > 0) && math_off.get() == 0;
                    if !active || not_prose.get() > 0 {
                        return Ok(());
                    }
                    let mut text = prose.borrow_mut();
                    text.push_str(chunk.as_str());
                    if chunk.last_in_text_node() {
                        if let Some(left) = tex_left(&text) {
                            out.borrow_mut()
                                .problems
                                .push(format!("{shown}: TeX left as text: {left}"));
                        }
                        text.clear();
                    }
                    Ok(())
                }),
            ]
        } else {
            Vec::new()
        };
        let mut settings = Settings::new();
        for handler in element_handlers {
            settings = settings.append_element_content_handler(handler);
        }
        for handler in document_handlers {
            settings = settings.append_document_content_handler(handler);
        }
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        let parsed = rewriter.write(&source).and_then(|()| rewriter.end());
        let mut out = out.into_inner();
        out.math = page_math;
        for b in state.done.take() {
            self.block(b, &shown, &mut out);
        }
        if let Err(e) = parsed {
            out.problems
                .push(format!("{shown}: cannot be parsed as HTML: {e}"));
        }
        out
    }

    /// Counts a finished code block, or reports it.
    fn block(&self, b: Block, shown: &str, out: &mut PageAudit) {
        match &b.first_child {
            Some(Child::Span(class))
                if !class.split_ascii_whitespace().any(|c| c == "hl-plain") =>
            {
                out.highlighted += 1;
            }
            Some(Child::Markup) => out.plain += 1,
            None if b.text.trim().is_empty() => {}
            _ if self.should_highlight(&b.lang, &b.text) => out.problems.push(format!(
                "{shown}: a code block in `{}` is not highlighted",
                b.lang
            )),
            _ => out.plain += 1,
        }
    }

    /// Whether a block left plain should have been highlighted: a grammar knows its language
    /// and no line is too long for one.
    fn should_highlight(&self, lang: &str, raw: &str) -> bool {
        if highlight::is_plain_name(lang) {
            return false;
        }
        let code = crate::html::text::unescape(raw).unwrap_or(std::borrow::Cow::Borrowed(raw));
        highlight::find_syntax(highlight::syntaxes(), lang).is_some()
            && !code.lines().any(|l| l.len() > highlight::MAX_LINE)
    }

    /// Checks a `<link>`: a stylesheet (or a preload of one) of this site must be minified,
    /// fingerprinted and linked with its SRI value; one from elsewhere is a problem.
    fn link(&self, el: &Element<'_, '_>, page_dir: &str, shown: &str, out: &RefCell<PageAudit>) {
        let rel = el.get_attribute("rel");
        let is_sheet = html::tags::has_token(rel.as_deref(), "stylesheet")
            || (html::tags::has_token(rel.as_deref(), "preload")
                && el
                    .get_attribute("as")
                    .is_some_and(|a| a.eq_ignore_ascii_case("style")));
        if !is_sheet {
            return;
        }
        let href = el.get_attribute("href").unwrap_or_default();
        let Some(path) = self.base.resolve(page_dir, &href) else {
            if href.contains("//") {
                out.borrow_mut().problems.push(format!(
                    "{shown}: links a stylesheet from elsewhere: {href} (if that is this site, pass --site DIR or --base-url URL)"
                ));
            }
            return;
        };
        let integrity = el.get_attribute("integrity");
        let file = self.root.join(&path);
        let bytes = match fs::read(&file) {
            Ok(bytes) => bytes,
            Err(e) => {
                out.borrow_mut().problems.push(format!(
                    "{shown}: links the stylesheet {href}, which cannot be read ({e})"
                ));
                return;
            }
        };
        if integrity.as_deref() != Some(css::integrity(&bytes).as_str()) {
            out.borrow_mut().problems.push(format!(
                "{shown}: the link to {href} has integrity {}, not that of the file",
                integrity.as_deref().unwrap_or("(none)")
            ));
        }
        let mut sheets = self.sheets.lock().unwrap_or_else(|e| e.into_inner());
        if let std::collections::hash_map::Entry::Vacant(slot) = sheets.entry(path) {
            let verdict = self.sheet(slot.key(), &bytes);
            slot.insert(verdict);
        }
    }

    /// Checks the profile picture: an image of this site that is not in the output is a
    /// broken picture on the about page (Zola copies `static/` as it is and does not warn).
    fn profile_image(
        &self,
        el: &Element<'_, '_>,
        page_dir: &str,
        shown: &str,
        out: &RefCell<PageAudit>,
    ) {
        let src = el.get_attribute("src").unwrap_or_default();
        let Some(path) = self.base.resolve(page_dir, &src) else {
            return;
        };
        if !self.root.join(&path).is_file() {
            out.borrow_mut().problems.push(format!(
                "{shown}: the profile picture {src} is missing (no {path} in the output): put the image at static/{path} in the site, or name an existing one in `image` of [extra.profile] (content/_index.md)"
            ));
        }
    }

    /// A stylesheet's own checks: fingerprinted name, minified content.
    fn sheet(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let name = path.rsplit('/').next().unwrap_or(path);
        if !css::is_fingerprinted(name, bytes) {
            return Err(format!(
                "{path}: its name does not carry the hash of its content"
            ));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8"))?;
        // Minified: lightningcss cannot make it smaller. (Not "gives the same bytes": on CSS it
        // already prefixed, a second pass may add a prefixed rule again.)
        let again = css::minify(text, path, self.targets)?;
        if again.len() < text.len() {
            return Err(format!(
                "{path}: not minified ({} bytes, {} minified)",
                text.len(),
                again.len()
            ));
        }
        Ok(())
    }
}

/// The first TeX delimiter left in prose, with a little of what follows it. An escaped
/// dollar (`\$`, which the math pass leaves as a dollar sign) and an escaped backslash before
/// `(` or `[` are not delimiters.
fn tex_left(text: &str) -> Option<String> {
    let escaped = |at: usize| {
        let before = text[..at].bytes().rev().take_while(|b| *b == b'\\').count();
        before % 2 == 1
    };
    let at = ["$$", "\\[", "\\(", "\\begin{"]
        .iter()
        .filter_map(|d| {
            text.match_indices(d).map(|(i, _)| i).find(|&i| {
                // `$$` opens a formula only when another one closes it (MathJax's rule): a
                // price like "$$10" in prose is text.
                !escaped(i) && (*d != "$$" || text[i + 2..].contains("$$"))
            })
        })
        .min()?;
    let snippet: String = text[at..].chars().take(40).collect();
    Some(snippet.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_delimiters_in_prose() {
        assert_eq!(tex_left("costs $5 and $10"), None);
        assert_eq!(tex_left(r"see \(x^2\) here").unwrap(), r"\(x^2\) here");
        assert_eq!(tex_left("a $$\n b $$").unwrap(), "$$ b $$");
        assert_eq!(tex_left(r"x \begin{align} y").unwrap(), r"\begin{align} y");
        // Escaped dollars and backslashes are text.
        assert_eq!(tex_left(r"costs \$\$5 or \$$ and \\(x"), None);
        assert_eq!(tex_left("it costs $5, not $$10."), None);
        assert_eq!(tex_left(r"a \$ b $$x$$").unwrap(), "$$x$$");
    }
}
