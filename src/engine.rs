//! The rewrite engine: walks an output tree, rewrites every HTML file in parallel with one
//! lol_html rewriter per file carrying all enabled passes, and writes changed files atomically.
//!
//! Memory is bounded by the files in flight (one per worker), never by the size of the site.
//! A file no pass changed is never written (same bytes, same mtime); bad input is left as it is
//! and reported with its path and the reason.
//!
//! A run has three phases: the asset phase ([`crate::assets::prepare`]: stylesheets minified and
//! fingerprinted, the highlight stylesheet made, the highlight cache opened), then the pages,
//! whose passes see what it prepared through [`Page::assets`], then [`Assets::finish`] (the
//! highlight stylesheet written if linked, replaced stylesheets removed once nothing names
//! them), then the site-level stages that need every finished page: the search index
//! ([`crate::search::finish`], from the hashes of the pages noted by [`Work`]). `--check` writes
//! nothing in any phase.

use std::fs;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, HtmlRewriter, Selector, Settings};
use rayon::prelude::*;

use crate::assets::{self, Assets};
use crate::config::Config;
use crate::error::Error;
use crate::html::splice::StartTag;
use crate::passes::{Handlers, Page, Pass, TagEdits};
use crate::report::Report;
use crate::search;
use crate::write;

pub use crate::outcome::{Outcome, Summary};

/// How to run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write nothing; report the files that would change.
    pub check: bool,
    /// Worker threads (None: one per core).
    pub jobs: Option<usize>,
    /// Draw a progress bar on a terminal.
    pub progress: bool,
    /// Parse every page that needs a change, even one whose changes could be spliced in
    /// (for comparing the two ways; the output is the same).
    pub parse_every_page: bool,
    /// The most HTML one part of the search index is built from (None:
    /// [`search::index::PART_BYTES`]); tests make it small to see a site indexed in parts.
    pub search_part_bytes: Option<u64>,
}

/// Rewrites every `*.html` below `dir` with the passes `config` enables.
pub fn run(dir: &Path, config: &Config, options: &Options) -> Result<Summary, Error> {
    let start = Instant::now();
    let meta = fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !meta.is_dir() {
        return Err(Error::Stop(format!("{} is not a directory", dir.display())));
    }
    // One writing run per output tree; with it held, a temporary file found belongs to no live
    // run. Held until the run returns.
    let _lock = write::Lock::take(dir, !options.check)?;
    let passes = crate::passes::enabled(config)?;
    let report = Report::new();

    let mut files = Vec::new();
    let mut results = Vec::new();
    let mut inputs = assets::Inputs::default();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !(e.file_type().is_dir()
                && (assets::is_cache_dir(e.file_name())
                    || search::is_bundle(dir, e.path(), config)))
        })
    {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_file() && write::is_temp_name(entry.file_name()) {
                    results.push((path.to_path_buf(), leftover(path, options.check)));
                    continue;
                }
                if !is_html(path) {
                    if entry.file_type().is_file() {
                        inputs.add(path);
                    }
                    continue;
                }
                if entry.path_is_symlink() {
                    results.push((
                        path.to_path_buf(),
                        Outcome::Skipped("symbolic link, not followed".into()),
                    ));
                } else if entry.file_type().is_file() {
                    files.push(path.to_path_buf());
                } else if !entry.file_type().is_dir() {
                    results.push((
                        path.to_path_buf(),
                        Outcome::Skipped("not a regular file".into()),
                    ));
                }
            }
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.into());
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string());
                results.push((path, Outcome::Failed(format!("cannot read: {reason}"))));
            }
        }
    }

    let bar = if options.progress && std::io::stderr().is_terminal() && files.len() >= 500 {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };

    let work = || -> Result<_, Error> {
        let (assets, prepared) = assets::prepare(dir, config, &inputs, options.check, &report)?;
        if results
            .iter()
            .any(|(_, o)| matches!(o, Outcome::Failed(_) | Outcome::Skipped(_)))
        {
            assets.poison();
        }
        let work = Work {
            root: dir,
            config,
            passes: &passes,
            report: &report,
            assets: &assets,
            search: search::Pages::for_run(config),
            check: options.check,
            may_splice: !options.parse_every_page,
            spliced: Default::default(),
        };
        let pages = files
            .par_iter()
            .map(|path| {
                let outcome = work.process_file(path);
                bar.inc(1);
                (path.clone(), outcome)
            })
            .collect::<Vec<_>>();
        let mut finished = assets.finish(dir, &report);
        let spliced = work.spliced.into_inner();
        finished.extend(search::finish(
            dir,
            config,
            work.search,
            options.check,
            options
                .search_part_bytes
                .unwrap_or(search::index::PART_BYTES),
        ));
        Ok((prepared, pages, finished, spliced))
    };
    let (prepared, processed, finished, spliced) = match options.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| Error::Stop(format!("cannot start {n} worker threads: {e}")))?
            .install(work),
        None => work(),
    }?;
    bar.finish_and_clear();

    results.extend(prepared);
    results.extend(processed);
    // What the last phase did to a stylesheet replaces what the first reported for it.
    for (path, outcome) in finished {
        match results.iter_mut().find(|(p, _)| *p == path) {
            Some(entry) => entry.1 = outcome,
            None => results.push((path, outcome)),
        }
    }
    results.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Summary {
        files: results,
        warnings: report.take_warnings(),
        elapsed: start.elapsed(),
        spliced,
    })
}

/// A temporary file of an interrupted run: removed, or with `--check` reported.
fn leftover(path: &Path, check: bool) -> Outcome {
    if check {
        return Outcome::WouldRemove;
    }
    match write::remove_leftover(path) {
        Ok(()) => Outcome::Removed,
        Err(e) => Outcome::Failed(format!(
            "a temporary file of an interrupted folio run, which would be deployed: {e}"
        )),
    }
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// What every page of a run is rewritten with.
struct Work<'a> {
    root: &'a Path,
    config: &'a Config,
    passes: &'a [Box<dyn Pass>],
    report: &'a Report,
    assets: &'a Assets,
    /// What the search stage keeps of each page.
    search: search::Pages,
    check: bool,
    /// Whether a page needing only start-tag changes may be finished without a parse.
    may_splice: bool,
    /// How many pages were.
    spliced: std::sync::atomic::AtomicUsize,
}

impl Work<'_> {
    /// Reads, rewrites and (when changed and not checking) writes one file.
    fn process_file(&self, path: &Path) -> Outcome {
        // A bug in a pass must not take the run down: the file is left as it was and reported.
        let outcome = crate::guard::catch(|| self.rewrite_file(path)).unwrap_or_else(|bug| {
            Outcome::Failed(format!(
                "folio hit an internal error on this page and left it as it was: {bug}. \
                 This is a bug in folio; please report it with this page"
            ))
        });
        if let Outcome::Failed(_) = outcome {
            self.assets.poison();
        }
        outcome
    }

    fn rewrite_file(&self, path: &Path) -> Outcome {
        let (input, permissions, read) = match write::read(path) {
            Ok(read) => read,
            Err(e) => return Outcome::Failed(format!("cannot read: {e}")),
        };
        let output = match self.rewrite_input(path, &input) {
            Ok(Some(output)) => output,
            Ok(None) => return Outcome::Unchanged,
            Err(reason) => return Outcome::Failed(reason),
        };
        self.assets.note_page(&output);
        self.search.note(self.root, path, &output);
        if output == input {
            Outcome::Unchanged
        } else if self.check {
            Outcome::WouldChange
        } else {
            match write::replace(path, &output, permissions, &read) {
                Ok(()) => Outcome::Changed,
                Err(reason) => Outcome::Failed(reason),
            }
        }
    }

    /// One page's bytes through the passes, as the file `file` below the root: an error for
    /// what is not UTF-8 HTML text, None for Zola's redirect stubs (left as they are). Shared
    /// by the run and by [`rewrite_page`].
    fn rewrite_input(&self, file: &Path, input: &[u8]) -> Result<Option<Vec<u8>>, String> {
        let source = check_text(input)?;
        if is_redirect_stub(input) {
            return Ok(None);
        }
        let page = Page {
            file,
            root: self.root,
            source,
            config: self.config,
            report: self.report,
            assets: self.assets,
            verbatim: Default::default(),
            census: Default::default(),
        };
        let (output, spliced) = rewrite_as(self.passes, &page, input, self.may_splice)?;
        if spliced {
            self.spliced
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(Some(output))
    }
}

/// Refuses what is not an HTML text: binary content or bytes that are not UTF-8.
fn check_text(input: &[u8]) -> Result<&str, String> {
    if let Some(at) = memchr::memchr(0, input) {
        return Err(format!(
            "binary content (NUL byte at offset {at}), not an HTML page"
        ));
    }
    std::str::from_utf8(input).map_err(|e| {
        format!(
            "not UTF-8 (invalid byte at offset {}); folio only rewrites UTF-8 pages, as Zola writes them",
            e.valid_up_to()
        )
    })
}

/// Zola's redirect pages (aliases): a few hundred bytes, a refresh meta, no head and no body.
fn is_redirect_stub(input: &[u8]) -> bool {
    if input.len() > 4096 {
        return false;
    }
    let text = String::from_utf8_lossy(input).to_ascii_lowercase();
    text.contains("http-equiv=\"refresh\"") && !text.contains("<head") && !text.contains("<body")
}

/// Rewrites one page held in memory with the passes `config` enables, as if it were the file
/// `file` below the output directory `root` (for tests and tools). Returns the output and the
/// warnings.
pub fn rewrite_page(
    config: &Config,
    root: &Path,
    file: &Path,
    input: &[u8],
) -> Result<(Vec<u8>, Vec<String>), Error> {
    rewrite_page_as(config, root, file, input, true)
}

/// [`rewrite_page`], with the splice of start-tag changes allowed or not: the two must give
/// the same bytes and warnings (a test compares them on every fixture page).
pub fn rewrite_page_as(
    config: &Config,
    root: &Path,
    file: &Path,
    input: &[u8],
    may_splice: bool,
) -> Result<(Vec<u8>, Vec<String>), Error> {
    let passes = crate::passes::enabled(config)?;
    let report = Report::new();
    let assets = Assets::none();
    let work = Work {
        root,
        config,
        passes: &passes,
        report: &report,
        assets: &assets,
        search: search::Pages::default(),
        check: true,
        may_splice,
        spliced: Default::default(),
    };
    let output = work
        .rewrite_input(file, input)
        .map_err(|message| Error::Page {
            path: file.to_path_buf(),
            message,
        })?
        .unwrap_or_else(|| input.to_vec());
    Ok((output, report.take_warnings()))
}

/// The verbatim elements' selectors, parsed once.
fn verbatim_selectors() -> &'static [Selector] {
    static SELECTORS: OnceLock<Vec<Selector>> = OnceLock::new();
    SELECTORS.get_or_init(|| {
        crate::html::VERBATIM_NAMES
            .iter()
            .map(|name| crate::html::selector(name))
            .collect()
    })
}

/// Keeps `page.verbatim` counting the verbatim elements open around the parser. Registered
/// before every pass, so a pass's handler for an element already sees the count that includes
/// it.
fn track_verbatim<'h>(page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
    for selector in verbatim_selectors() {
        let depth = page.verbatim.clone();
        handlers.on(
            selector,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                crate::html::count_open(el, &depth);
                Ok(())
            }),
        );
    }
}

/// Runs one lol_html rewriter carrying every pass's handlers over `input`, or, when the only
/// passes the page needs change nothing but start tags' attributes, splices their changes in
/// without a parse ([`splice`]: the same bytes).
pub fn rewrite(passes: &[Box<dyn Pass>], page: &Page<'_>, input: &[u8]) -> Result<Vec<u8>, String> {
    rewrite_as(passes, page, input, true).map(|(output, _)| output)
}

/// [`rewrite`], with the splice allowed or not; also says whether the output was spliced.
fn rewrite_as(
    passes: &[Box<dyn Pass>],
    page: &Page<'_>,
    input: &[u8],
    may_splice: bool,
) -> Result<(Vec<u8>, bool), String> {
    let mut wanted = Handlers::default();
    let mut editors = Vec::new();
    let mut only_edits = may_splice;
    for pass in passes {
        let before = (wanted.elements.len(), wanted.document.len());
        pass.register(page, &mut wanted);
        if (wanted.elements.len(), wanted.document.len()) != before {
            match pass.tag_edits() {
                Some(edits) => editors.push(edits),
                None => only_edits = false,
            }
        }
    }
    // No pass has anything to do in this page (each looked at `page.source` first): no parse.
    if wanted.elements.is_empty() && wanted.document.is_empty() {
        return Ok((input.to_vec(), false));
    }
    if only_edits && let Some(output) = splice(&editors, page) {
        return Ok((output, true));
    }
    // The verbatim count goes first, so that a pass's handler for an element sees it.
    let mut handlers = Handlers::default();
    track_verbatim(page, &mut handlers);
    handlers.elements.extend(wanted.elements);
    handlers.document.extend(wanted.document);
    let mut settings = Settings::new();
    for handler in handlers.elements {
        settings = settings.append_element_content_handler(handler);
    }
    for handler in handlers.document {
        settings = settings.append_document_content_handler(handler);
    }

    let mut output = Vec::with_capacity(input.len() + input.len() / 8);
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| output.extend_from_slice(chunk));
    rewriter
        .write(input)
        .and_then(|()| rewriter.end())
        .map_err(|e| format!("the HTML parser refused it: {e}"))?;
    Ok((output, false))
}

/// The page with the start-tag changes of `editors` spliced in, without a parse; `None` when
/// the page holds anything [`crate::html::splice`] is not sure of (the parser then runs).
fn splice(editors: &[&dyn TagEdits], page: &Page<'_>) -> Option<Vec<u8>> {
    let mut names: Vec<&str> = Vec::new();
    for editor in editors {
        for name in editor.names() {
            if !names.contains(name) {
                names.push(name);
            }
        }
    }
    let source = page.source;
    let tags = crate::html::splice::start_tags(source, &names)?;
    let mut parsed = Vec::with_capacity(tags.len());
    for at in &tags {
        parsed.push(StartTag::parse(&source[at.start..at.end])?);
    }
    let mut output = Vec::with_capacity(source.len() + source.len() / 8);
    let mut copied = 0;
    for (at, mut tag) in tags.iter().zip(parsed) {
        let name = names[at.name];
        // Each pass that changes this tag's name, in the table's order, as lol_html would call
        // their handlers.
        for editor in editors {
            if let Some(index) = editor.names().iter().position(|n| *n == name) {
                editor.edit(page, at.start, index, &mut tag);
            }
        }
        output.extend_from_slice(&source.as_bytes()[copied..at.start]);
        tag.write(&mut output);
        copied = at.end;
    }
    output.extend_from_slice(&source.as_bytes()[copied..]);
    Some(output)
}
