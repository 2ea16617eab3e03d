//! `folio serve`: the live preview. `zola serve` keeps pages in memory, where `folio rewrite`
//! cannot reach them, so its preview lacks what the rewrite adds (icons, highlighting, math,
//! the profile picture's size). This builds the site with `zola build` for a local base URL into
//! `.folio-serve/` beside the site's files, rewrites it, serves it on 127.0.0.1, and builds again
//! whenever a file Zola reads changes; open pages reload themselves after each build.
//!
//! The HTTP side ([`http`]) is a small GET/HEAD file server on the standard library: a preview
//! needs nothing more, and the crates that offer one bring an async runtime or are
//! unmaintained. It listens on 127.0.0.1 unless told otherwise (`--bind`), serves only files
//! below the output directory and none whose name starts with a dot ([`resolve`]), bounds what
//! each client may cost, and streams files.

mod http;
mod resolve;
mod send;

use std::fs;
use std::io::Write;
use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use crate::config::Config;
use crate::engine::{self, Options};

/// Where the preview is written, in the site's directory (never deployed: `public/` is).
pub const SERVE_DIR: &str = ".folio-serve";

/// The folders and files of a site that Zola reads (besides the config file).
const WATCHED: &[&str] = &[
    "content",
    "templates",
    "sass",
    "static",
    "themes",
    "data",
    "bibliography",
    "i18n",
];

/// How `folio serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: PathBuf,
    pub zola: Option<PathBuf>,
    /// The address to listen on: 127.0.0.1 (this machine only) unless asked.
    pub interface: String,
    pub port: u16,
    pub jobs: Option<usize>,
    /// Include pages with `draft = true` (`zola build --drafts`).
    pub drafts: bool,
}

/// Builds, serves and rebuilds until the process is stopped. Returns only on an error that
/// leaves nothing to serve (the port is taken, the first build failed, no site config).
pub fn run(options: &ServeOptions) -> Result<(), crate::error::Error> {
    let listener = TcpListener::bind((options.interface.as_str(), options.port)).map_err(|e| {
        format!(
            "cannot listen on {}:{}: {e} (pass --port to use another)",
            options.interface, options.port
        )
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("cannot read the address listened on: {e}"))?
        .port();
    let base_url = base_url(&options.interface, port);
    if !is_loopback(&options.interface) {
        eprintln!(
            "note: listening on {}: other machines that can reach it can read the preview",
            options.interface
        );
    }
    let (mut config, warnings) = Config::load(&options.site).map_err(|e| e.to_string())?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    // Absolute: zola runs in the site's directory, folio in the current one.
    let site_dir = fs::canonicalize(&config.site_dir)
        .map_err(|e| format!("cannot read {}: {e}", config.site_dir.display()))?;
    let out = site_dir.join(SERVE_DIR);
    config.base_url = base_url.clone();
    config.output_dir = out.clone();

    let build_number = Arc::new(AtomicU64::new(0));
    // Taken before the first build: an edit made while it runs starts the next one.
    let before = fingerprint(&config.site_dir, &config.config_file);
    if !build(options, &config) {
        return Err(
            "the first build failed: fix what zola or folio said above and run `folio serve` again"
                .into(),
        );
    }
    build_number.store(1, Ordering::SeqCst);
    println!(
        "Serving {base_url}/ from {} (Ctrl+C to stop); pages reload after each build",
        out.display()
    );
    let _ = std::io::stdout().flush();

    let watch = {
        let number = build_number.clone();
        let site = config.site_dir.clone();
        let config_file = config.config_file.clone();
        let options = options.clone();
        let config = config.clone();
        move || watch_and_build(&site, &config_file, &options, &config, &number, before)
    };
    std::thread::spawn(watch);

    http::serve(listener, out, build_number, http::Limits::default());
    Ok(())
}

/// The preview's base URL for a listening address (an IPv6 address in brackets).
fn base_url(interface: &str, port: u16) -> String {
    match interface.parse::<IpAddr>() {
        Ok(IpAddr::V6(ip)) => format!("http://[{ip}]:{port}"),
        _ => format!("http://{interface}:{port}"),
    }
}

/// Whether only this machine can reach the address (`localhost` or a loopback IP).
fn is_loopback(interface: &str) -> bool {
    interface.eq_ignore_ascii_case("localhost")
        || interface.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `zola build` into the preview directory, then `folio rewrite` over it. Prints what went
/// wrong; true when there is a site to serve.
fn build(options: &ServeOptions, config: &Config) -> bool {
    let status = crate::zola::build(
        &config.site_dir,
        &crate::zola::BuildArgs {
            zola: options.zola.as_deref(),
            base_url: Some(&config.base_url),
            output_dir: Some(&config.output_dir),
            force: true,
            drafts: options.drafts,
        },
    );
    match status {
        Ok(status) if status.success() => {}
        Ok(_) => return false,
        Err(error) => {
            eprintln!("error: {error}");
            return false;
        }
    }
    let run = Options {
        jobs: options.jobs,
        ..Options::default()
    };
    match engine::run(&config.output_dir, config, &run) {
        Ok(summary) => {
            for warning in &summary.warnings {
                eprintln!("warning: {warning}");
            }
            eprintln!("{}", summary.line(false));
            true
        }
        Err(error) => {
            eprintln!("error: {error}");
            false
        }
    }
}

/// Polls the files Zola reads; builds again after a change (keeping the last good build when
/// one fails) and bumps the build number the pages poll.
fn watch_and_build(
    site: &Path,
    config_file: &Path,
    options: &ServeOptions,
    config: &Config,
    number: &AtomicU64,
    mut last: Fingerprint,
) {
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = fingerprint(site, config_file);
        if now == last {
            continue;
        }
        // Editors write in steps: wait until the files stay still.
        std::thread::sleep(Duration::from_millis(150));
        last = fingerprint(site, config_file);
        eprintln!("change detected: building again");
        if build(options, config) {
            number.fetch_add(1, Ordering::SeqCst);
        } else {
            eprintln!("the build failed: still serving the last good one");
        }
    }
}

/// What a change to the watched files changes: their number, total size and newest mtime.
type Fingerprint = (u64, u64, Option<SystemTime>);

/// The [`Fingerprint`] of the config file and the [`WATCHED`] folders.
fn fingerprint(site: &Path, config_file: &Path) -> Fingerprint {
    let mut files = 0;
    let mut bytes = 0;
    let mut newest = None;
    let mut note = |meta: &fs::Metadata| {
        files += 1;
        bytes += meta.len();
        let modified = meta.modified().ok();
        if modified > newest {
            newest = modified;
        }
    };
    if let Ok(meta) = fs::metadata(config_file) {
        note(&meta);
    }
    for dir in WATCHED {
        // Followed links: a theme is often a symbolic link (the demo's themes/folio is).
        for entry in walkdir::WalkDir::new(site.join(dir))
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(meta) = entry.metadata() {
                note(&meta);
            }
        }
    }
    (files, bytes, newest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_url_and_whether_the_address_is_local() {
        assert_eq!(base_url("127.0.0.1", 1111), "http://127.0.0.1:1111");
        assert_eq!(base_url("::1", 80), "http://[::1]:80");
        assert_eq!(base_url("localhost", 8), "http://localhost:8");
        for local in ["127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST"] {
            assert!(is_loopback(local), "{local}");
        }
        for open in ["0.0.0.0", "::", "192.168.1.2", "example.com"] {
            assert!(!is_loopback(open), "{open}");
        }
    }
}
