//! `folio import SOURCE DEST`: an al-folio (Jekyll) site, or one al-folio page, → a new Zola site
//! on the folio theme.
//!
//! The source is only read. Every file of it is accounted for in the report: converted (pages,
//! posts, news, projects, collections → `content/`; `_config.yml` and `_data/` → `config.toml`;
//! `_bibliography/` → `bibliography/`; `assets/` and other static files → `static/`, at the same
//! URLs), or skipped with a reason (Jekyll's layouts, includes, Sass and build files, which the
//! theme replaces). Anything not converted stays as text and is listed with file and line.
//!
//! An import is a pipeline: the source is inventoried ([`inventory`]), then planned, step by
//! step ([`site`], or [`page`] for a single page), into a [`plan::Plan`] (every output file with
//! its content, and the report), which is then written ([`plan::write`], into the staging
//! directory of [`staging`], which makes DEST appear whole or marked unfinished) or, with
//! `--dry-run`, only shown ([`preview`]). Before it is written, [`self_check`] checks the plan
//! against what Zola and the theme expect; after, `folio import` runs [`build_check`].
//!
//! The leaf converters are text → text: [`text`] (encodings, mojibake), [`yaml`], [`dates`],
//! [`frontmatter`], [`liquid`], [`kramdown`], [`math`], [`shortcodes`], [`bib`], [`toml_out`];
//! [`content`] and [`config`] turn documents and settings into files; [`read`] reads YAML and
//! text files for the steps; [`source`] reads SOURCE (regular files only, no symbolic link
//! followed, sizes bounded); [`files`] writes DEST (never overwriting); [`report`] is the report.

pub mod bib;
pub mod build_check;
pub mod config;
pub mod content;
pub mod dates;
pub mod files;
pub mod frontmatter;
pub mod inventory;
pub mod kramdown;
pub mod liquid;
pub mod math;
pub mod page;
pub mod plan;
pub mod read;
pub mod report;
pub mod self_check;
pub mod shortcodes;
pub mod site;
pub mod site_links;
pub mod source;
pub mod staging;
pub mod text;
pub mod toml_out;
pub mod yaml;

use std::fs::Metadata;
use std::path::{Path, PathBuf};

use files::Dest;
use plan::{Outputs, Plan};
use report::Report;

/// The report's file name in DEST.
pub const REPORT_FILE: &str = "IMPORT_REPORT.md";

/// Options of an import.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Import into a non-empty DEST (its files are still never overwritten).
    pub force: bool,
}

/// The result of an import that ran.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    pub report_path: PathBuf,
    /// What interrupted imports had left in DEST (or beside it) and this one removed first.
    pub cleaned: Vec<String>,
    /// Files that could not be moved into DEST at the end (a non-empty DEST only).
    pub problems: Vec<String>,
}

impl Outcome {
    /// 0: imported, nothing needs attention; 1: imported, see the report.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.report.attention_count() > 0 || !self.problems.is_empty())
    }
}

/// Whether the embedded theme has a file (`templates/cv.html`).
pub fn theme_has(path: &str) -> bool {
    crate::theme::THEME.get_file(path).is_some()
}

/// Runs an import. `Err` only when nothing could be imported (bad SOURCE or DEST).
pub fn run(
    source: &Path,
    dest_dir: &Path,
    options: &Options,
) -> Result<Outcome, crate::error::Error> {
    let (meta, source_root) = check_source(source, dest_dir)?;
    // Written beside DEST (or inside a non-empty one) first, put in place at the end: DEST is
    // never half-written without a marker saying so (see `staging`).
    let staging = staging::begin(dest_dir, options.force)?;
    let not_source = [staging.root().to_path_buf(), staging.dest().to_path_buf()];
    let existing = staging.existing().map(Path::to_path_buf);
    let Plan { files, mut report } =
        plan(source, &source_root, &meta, dest_dir, &not_source, existing);
    let mut dest = Dest::at(
        staging.root().to_path_buf(),
        staging.existing().map(Path::to_path_buf),
    );
    plan::write(&files, &mut dest, &mut report);
    for (file, why) in staging.conflicts() {
        report.attention(&file, None, why);
    }
    let report_path = staging.dest().join(REPORT_FILE);
    let text = report.markdown();
    if let Err(e) = dest.write(REPORT_FILE, text.as_bytes()) {
        report.attention("", None, format!("the report was not written: {e}"));
    }
    let cleaned = staging.cleaned.clone();
    let problems = staging.finish()?;
    Ok(Outcome {
        report,
        report_path,
        cleaned,
        problems,
    })
}

/// The plan of an import, written nowhere (`folio import --dry-run`): DEST is only looked at.
pub fn preview(
    source: &Path,
    dest_dir: &Path,
    options: &Options,
) -> Result<Plan, crate::error::Error> {
    let (meta, source_root) = check_source(source, dest_dir)?;
    let (not_source, existing) = staging::preview(dest_dir, options.force)?;
    Ok(plan(
        source,
        &source_root,
        &meta,
        dest_dir,
        &not_source,
        existing,
    ))
}

/// Checks SOURCE (a directory or a file, not DEST or inside it): its metadata and resolved path.
fn check_source(source: &Path, dest_dir: &Path) -> Result<(Metadata, PathBuf), String> {
    // SOURCE itself may be a link (the user named it); nothing inside it is followed.
    let meta =
        std::fs::metadata(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    if !meta.is_dir() && !meta.is_file() {
        return Err(format!(
            "{} is {}: SOURCE must be an al-folio site's directory or one page; nothing was read",
            source.display(),
            source::kind(&meta)
        ));
    }
    let source_root = source
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", source.display()))?;
    if let Ok(d) = dest_dir.canonicalize()
        && (d == source_root || source_root.starts_with(&d))
    {
        return Err(format!(
            "{} contains the source: choose a new directory",
            dest_dir.display()
        ));
    }
    Ok((meta, source_root))
}

/// Every step of the import of a site or a page, then the theme: the plan.
fn plan(
    source: &Path,
    source_root: &Path,
    meta: &Metadata,
    dest_dir: &Path,
    not_source: &[PathBuf],
    existing: Option<PathBuf>,
) -> Plan {
    let mut report = Report {
        source: source.display().to_string(),
        dest: dest_dir.display().to_string(),
        ..Report::default()
    };
    let mut out = Outputs::new(existing);
    if meta.is_dir() {
        site::plan(source_root, not_source, &mut out, &mut report);
    } else {
        page::plan(source_root, &mut out, &mut report);
    }
    out.theme();
    let mut plan = out.finish(report);
    self_check::check(&plan.files, &mut plan.report);
    plan
}
