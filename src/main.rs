//! The `folio` command line: rewrite, audit, build, serve, theme install, init, import.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use folio::config::Config;
use folio::engine::{self, Options, Outcome};
use folio::error::Error;

#[derive(Parser)]
#[command(
    name = "folio",
    version = folio::theme::VERSION_LINE,
    about = "al-folio for Zola: the folio theme and the post-build finisher for Zola sites",
    long_about = "al-folio for Zola.\n\nfolio installs the folio theme into a Zola site, starts new sites, moves al-folio sites over, and finishes what `zola build` wrote: one streaming pass over every HTML page inlines icons as SVG, sizes and aligns the profile picture, styles the news list, repairs e-mail links, marks external links, highlights code, turns LaTeX into MathML, and points every stylesheet at its minified, fingerprinted file with SRI. `folio audit` checks that a build was finished."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Rewrite every *.html below DIR in place (default: the site's output dir, usually public/).
    ///
    /// Options come from [extra.folio] in the site's zola.toml or config.toml (merged over the
    /// theme's theme.toml). Files no pass changes are not written. Exit codes: 0 done, 1 --check
    /// found files to change, 2 some files could not be processed (they are left untouched).
    #[command(after_long_help = passes_help())]
    Rewrite {
        /// The directory to rewrite.
        dir: Option<PathBuf>,
        /// The Zola site whose config to read (default: the current directory or a parent).
        #[arg(long, value_name = "DIR")]
        site: Option<PathBuf>,
        /// Write nothing; list the files that would change and exit 1 if there are any.
        #[arg(long)]
        check: bool,
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// The base URL the pages were built for, when it is not the config's base_url
        /// (`zola build --base-url URL`): links under it are the site's own files.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Parse every page that needs a change, even one whose only changes (to start tags'
        /// attributes) are spliced in without a parse: the same output, for comparing the two.
        #[arg(long, hide = true)]
        parse_every_page: bool,
        /// The most HTML one part of the search index is built from, in KiB (default 4096): a
        /// small figure shows a site's index in parts, for tests.
        #[arg(long, hide = true, value_name = "KIB")]
        search_part_kib: Option<u64>,
    },
    /// Check a finished output: code highlighted, stylesheets minified and fingerprinted with
    /// valid SRI, no TeX left on math pages, nothing left for another rewrite. Writes nothing.
    ///
    /// Exit codes: 0 all good, 1 problems found (each listed with its file), 2 could not run.
    Audit {
        /// The directory to check (default: the site's output dir, usually public/).
        dir: Option<PathBuf>,
        /// The Zola site whose config to read (default: the current directory or a parent).
        #[arg(long, value_name = "DIR")]
        site: Option<PathBuf>,
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// The base URL the pages were built for, when it is not the config's base_url.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Run `zola build` in SITE, then rewrite its output.
    ///
    /// zola's output and exit status are passed through; the rewrite runs only when it succeeds.
    Build {
        #[command(flatten)]
        site: SiteArg,
        /// The zola binary (default: `zola` on PATH).
        #[arg(long, value_name = "PATH")]
        zola: Option<PathBuf>,
        /// Worker threads for the rewrite (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Build for this base URL instead of the config's (passed to `zola build --base-url`,
        /// e.g. a preview deployment).
        #[arg(long, short = 'u', value_name = "URL")]
        base_url: Option<String>,
        /// Build into DIR instead of the config's output_dir (relative to the current
        /// directory), and rewrite it there.
        #[arg(long, short = 'o', value_name = "DIR")]
        output_dir: Option<PathBuf>,
        /// Replace the output directory when it exists and is not Zola's (as `zola build -f`).
        #[arg(long, short = 'f')]
        force: bool,
        /// Include pages with `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Build SITE for a local address, rewrite it, serve it, and build again on every change.
    ///
    /// The preview goes to SITE/.folio-serve (public/ is left alone) and is served on
    /// http://127.0.0.1:PORT/ (this machine only; --bind to change); open pages reload after
    /// each build. Stop with Ctrl+C. Only files below SITE/.folio-serve are served, none whose
    /// name starts with a dot, no directory listings.
    Serve {
        #[command(flatten)]
        site: SiteArg,
        /// The zola binary (default: `zola` on PATH).
        #[arg(long, value_name = "PATH")]
        zola: Option<PathBuf>,
        /// The port (0: any free one).
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        /// The address to listen on. The default, 127.0.0.1, lets only this machine in;
        /// 0.0.0.0 (or ::) opens the preview to every machine that can reach this one.
        #[arg(
            long = "bind",
            short = 'i',
            visible_alias = "interface",
            value_name = "ADDR",
            default_value = "127.0.0.1"
        )]
        interface: String,
        /// Worker threads for the rewrite (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Include pages with `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// The folio theme embedded in this binary.
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
    /// Create a new Zola site using the folio theme, ready to build.
    Init {
        /// The directory to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// Move an al-folio (Jekyll) site, or one al-folio page, to a new Zola site on the folio theme.
    ///
    /// SOURCE is read only. DEST gets config.toml, content/, static/, bibliography/, the theme
    /// and IMPORT_REPORT.md (what was converted, repaired, kept, skipped, and what needs
    /// attention, with file and line). Exit codes: 0 imported, 1 imported but something needs
    /// attention (see the report), 2 nothing imported.
    Import {
        /// The al-folio site's directory, or a single page (e.g. _pages/about.md).
        source: PathBuf,
        /// The new site's directory (must not exist or be empty).
        dest: PathBuf,
        /// Import into a non-empty DEST (its existing files are still never overwritten).
        #[arg(long)]
        force: bool,
        /// Print the files the import would write (path and size) and its report; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// The site of a command that runs on one: its first argument, or `--site DIR` as `rewrite` and
/// `audit` take it.
#[derive(clap::Args)]
struct SiteArg {
    /// The Zola site (default: the current directory).
    site: Option<PathBuf>,
    /// The same as SITE, as `rewrite` and `audit` take it.
    #[arg(long = "site", value_name = "DIR", conflicts_with = "site")]
    site_opt: Option<PathBuf>,
}

impl SiteArg {
    /// The directory given, if any.
    fn given(self) -> Option<PathBuf> {
        self.site.or(self.site_opt)
    }
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Write the theme into SITE/themes/folio and print the config lines to add.
    ///
    /// Refuses to overwrite files you changed since the last install unless --force is given.
    Install {
        #[command(flatten)]
        site: SiteArg,
        /// Overwrite local changes to the theme's files.
        #[arg(long)]
        force: bool,
    },
}

/// The passes, from the pass table, for `folio rewrite --help`.
fn passes_help() -> String {
    let mut help = String::from(
        "Passes, in the order they run (each switched by `enabled` in [extra.folio.NAME]):\n",
    );
    for entry in folio::passes::TABLE {
        help.push_str(&format!("  {:<10} {}\n", entry.name, entry.short));
    }
    help
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    folio::guard::install_hook();
    // Per-file work catches its own panics; this catches the rest, so that a bug ends the run
    // with one line and exit code 2, never a backtrace.
    match folio::guard::catch(|| run(cli)) {
        Ok(Ok(code)) => code,
        // Every error that stops a command is printed here, once.
        Ok(Err(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code())
        }
        Err(bug) => {
            eprintln!(
                "error: folio stopped on an internal error: {bug}. This is a bug in folio; \
                 please report it with the input that caused it."
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Rewrite {
            dir,
            site,
            check,
            jobs,
            base_url,
            parse_every_page,
            search_part_kib,
        } => rewrite(
            dir,
            site,
            base_url,
            &Options {
                check,
                jobs,
                progress: true,
                parse_every_page,
                search_part_bytes: search_part_kib.map(|k| k.saturating_mul(1024)),
            },
        ),
        Command::Audit {
            dir,
            site,
            jobs,
            base_url,
        } => audit(dir, site, jobs, base_url),
        Command::Build {
            site,
            zola,
            jobs,
            base_url,
            output_dir,
            force,
            drafts,
        } => build(
            site.given(),
            jobs,
            BuildFlags {
                zola,
                base_url,
                output_dir,
                force,
                drafts,
            },
        ),
        Command::Serve {
            site,
            zola,
            port,
            interface,
            jobs,
            drafts,
        } => {
            let options = folio::serve::ServeOptions {
                site: site_dir(site.given(), "serve")?,
                zola,
                interface,
                port,
                jobs,
                drafts,
            };
            folio::serve::run(&options).map(|()| ExitCode::SUCCESS)
        }
        Command::Theme {
            command: ThemeCommand::Install { site, force },
        } => report(folio::theme::install(
            &site.given().unwrap_or_else(|| ".".into()),
            force,
        )),
        Command::Init { dir } => report(folio::site::init(&dir)),
        Command::Import {
            source,
            dest,
            force,
            dry_run,
        } => import(&source, &dest, force, dry_run),
    }
}

fn import(
    source: &std::path::Path,
    dest: &std::path::Path,
    force: bool,
    dry_run: bool,
) -> Result<ExitCode, Error> {
    use std::io::Write as _;
    let options = folio::import::Options { force };
    if dry_run {
        let plan = folio::import::preview(source, dest, &options)?;
        let text = format!("{}\n{}", plan.listing(), plan.report.markdown());
        let _ = write!(std::io::stdout(), "{text}");
        return Ok(ExitCode::from(u8::from(plan.report.attention_count() > 0)));
    }
    let outcome = folio::import::run(source, dest, &options)?;
    for note in &outcome.cleaned {
        eprintln!("note: {note}");
    }
    for problem in &outcome.problems {
        eprintln!("error: {problem}");
    }
    let summary = outcome
        .report
        .summary(&outcome.report_path.display().to_string());
    // A closed pipe (`| head`) is no reason to fail: the report is written.
    let _ = writeln!(std::io::stdout(), "{summary}");
    let built = folio::import::build_check::check(dest, std::path::Path::new("zola"));
    let _ = writeln!(std::io::stdout(), "{}", built.line());
    let code = match built {
        folio::import::build_check::Built::No(_) => outcome.exit_code().max(1),
        _ => outcome.exit_code(),
    };
    Ok(ExitCode::from(code))
}

/// The site directory a command that runs zola works on (default: the current one), or what to
/// do when it is not one (zola would otherwise fail as if it were missing itself).
fn site_dir(site: Option<PathBuf>, command: &str) -> Result<PathBuf, Error> {
    let dir = site.unwrap_or_else(|| ".".into());
    if !dir.is_dir() {
        return Err(Error::Stop(format!(
            "{}: no such directory: `folio {command} DIR` takes the directory of a Zola site (create one with `folio init DIR`)",
            dir.display()
        )));
    }
    if folio::config::find_config_file(&dir).is_none() {
        return Err(Error::Stop(format!(
            "no zola.toml or config.toml in {} or its parents: `folio {command} DIR` takes the directory of a Zola site (create one with `folio init DIR`)",
            dir.display()
        )));
    }
    Ok(dir)
}

/// Prints a command's message and gives the exit code.
fn report(result: Result<String, Error>) -> Result<ExitCode, Error> {
    println!("{}", result?);
    Ok(ExitCode::SUCCESS)
}

/// The site's config, with `--base-url` in place of its base_url when given.
fn load_config(site: Option<&PathBuf>, base_url: Option<&str>) -> Result<Option<Config>, Error> {
    let dir = site.cloned().unwrap_or_else(|| ".".into());
    if site.is_none() && folio::config::find_config_file(&dir).is_none() {
        return Ok(None);
    }
    let (mut config, warnings) = Config::load(&dir)?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    if let Some(url) = base_url {
        config.base_url = url.to_owned();
    }
    Ok(Some(config))
}

/// The directory to work on and the config to use: DIR and the site's config, or the config's
/// output dir, or DIR with the defaults when there is no site.
fn target(
    dir: Option<PathBuf>,
    site: Option<PathBuf>,
    base_url: Option<String>,
    command: &str,
) -> Result<(PathBuf, Config), Error> {
    let config = load_config(site.as_ref(), base_url.as_deref())?;
    match (dir, config) {
        (Some(dir), Some(config)) => Ok((dir, config)),
        (None, Some(config)) => Ok((config.output_dir.clone(), config)),
        (Some(dir), None) => {
            let mut config = Config::defaults_for(&dir);
            if let Some(url) = base_url {
                config.base_url = url;
            }
            Ok((dir, config))
        }
        (None, None) => Err(Error::Stop(format!(
            "no directory given and no zola.toml or config.toml here: run `folio {command} public` or pass --site DIR"
        ))),
    }
}

fn audit(
    dir: Option<PathBuf>,
    site: Option<PathBuf>,
    jobs: Option<usize>,
    base_url: Option<String>,
) -> Result<ExitCode, Error> {
    let (dir, config) = target(dir, site, base_url, "audit")?;
    let audit = folio::audit::run(&dir, &config, jobs)?;
    for problem in &audit.problems {
        println!("problem: {problem}");
    }
    println!("{}", audit.summary());
    Ok(if audit.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn rewrite(
    dir: Option<PathBuf>,
    site: Option<PathBuf>,
    base_url: Option<String>,
    options: &Options,
) -> Result<ExitCode, Error> {
    let (dir, config) = target(dir, site, base_url, "rewrite")?;
    run_rewrite(&dir, &config, options)
}

fn run_rewrite(
    dir: &std::path::Path,
    config: &Config,
    options: &Options,
) -> Result<ExitCode, Error> {
    let summary = engine::run(dir, config, options)?;
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    for (path, outcome) in &summary.files {
        match outcome {
            Outcome::WouldChange => println!("would change: {}", path.display()),
            Outcome::Failed(reason) => eprintln!("error: {}: {reason}", path.display()),
            Outcome::Skipped(reason) => eprintln!("skipped: {}: {reason}", path.display()),
            Outcome::Removed => eprintln!(
                "removed: {} (a temporary file of an interrupted run)",
                path.display()
            ),
            Outcome::WouldRemove => println!(
                "would remove: {} (a temporary file of an interrupted run)",
                path.display()
            ),
            Outcome::Changed | Outcome::Unchanged => {}
        }
    }
    eprintln!("{}", summary.line(options.check));
    Ok(if summary.failed() > 0 {
        ExitCode::from(2)
    } else if options.check && (summary.changed() > 0 || summary.leftovers() > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The flags of `folio build` that go to `zola build`.
struct BuildFlags {
    zola: Option<PathBuf>,
    base_url: Option<String>,
    output_dir: Option<PathBuf>,
    force: bool,
    drafts: bool,
}

fn build(site: Option<PathBuf>, jobs: Option<usize>, flags: BuildFlags) -> Result<ExitCode, Error> {
    let site = site_dir(site, "build")?;
    // The config first: a wrong value in [extra.folio] stops the build before zola runs.
    let mut config = load_config(Some(&site), flags.base_url.as_deref())?;
    // Relative to where folio runs, as the user typed it (zola runs in the site's directory).
    let output_dir = match flags.output_dir {
        Some(dir) if dir.is_relative() => Some(
            std::env::current_dir()
                .map_err(|e| format!("cannot read the current directory: {e}"))?
                .join(dir),
        ),
        other => other,
    };
    if let (Some(config), Some(dir)) = (config.as_mut(), output_dir.as_ref()) {
        config.output_dir = dir.clone();
    }
    let status = folio::zola::build(
        &site,
        &folio::zola::BuildArgs {
            zola: flags.zola.as_deref(),
            base_url: flags.base_url.as_deref(),
            output_dir: output_dir.as_deref(),
            force: flags.force,
            drafts: flags.drafts,
        },
    )?;
    if !status.success() {
        for hint in folio::zola::bibtex_hints(&site) {
            eprintln!("hint: {hint}");
        }
        return Ok(ExitCode::from(
            status.code().unwrap_or(1).clamp(1, 255) as u8
        ));
    }
    match config {
        Some(config) => {
            let dir = config.output_dir.clone();
            let options = Options {
                jobs,
                progress: true,
                ..Options::default()
            };
            run_rewrite(&dir, &config, &options)
        }
        None => Ok(ExitCode::from(2)),
    }
}
