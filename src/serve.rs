//! `folio serve`: the live preview. `zola serve` keeps pages in memory, where `folio rewrite`
//! cannot reach them, so its preview lacks what the rewrite adds (icons, highlighting, math,
//! the profile picture's size). This builds the site with `zola build` for a local base URL into
//! `.folio-serve/` beside the site's files, rewrites it, serves it on 127.0.0.1, and builds again
//! whenever a file Zola reads changes; open pages reload themselves after each build.
//!
//! The HTTP side is a small GET/HEAD file server on the standard library (one thread per
//! connection, `Connection: close`): a preview on the local machine needs nothing more, and the
//! crates that offer one bring an async runtime or are unmaintained. It serves only files below
//! the output directory.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use crate::config::Config;
use crate::engine::{self, Options};

/// Where the preview is written, in the site's directory (never deployed: `public/` is).
pub const SERVE_DIR: &str = ".folio-serve";

/// The path pages poll for the build number (what makes them reload).
const BUILD_PATH: &str = "/__folio/build";

/// Added before `</body>` of every page served: asks for the build number every second and
/// reloads the page when it changes.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var b=null;setInterval(function(){fetch("/__folio/build",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(b===null)b=t;else if(t!==b)location.reload()}).catch(function(){})},1000)})();</script>"#;

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
    pub interface: String,
    pub port: u16,
    pub jobs: Option<usize>,
}

/// Builds, serves and rebuilds until the process is stopped. Returns only on an error that
/// leaves nothing to serve (the port is taken, the first build failed, no site config).
pub fn run(options: &ServeOptions) -> Result<(), String> {
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
    let base_url = format!("http://{}:{port}", options.interface);
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

    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let out = out.clone();
        let number = build_number.clone();
        std::thread::spawn(move || {
            let _ = respond(stream, &out, &number);
        });
    }
    Ok(())
}

/// `zola build` into the preview directory, then `folio rewrite` over it. Prints what went
/// wrong; true when there is a site to serve.
fn build(options: &ServeOptions, config: &Config) -> bool {
    let status = crate::zola::build_into(
        &config.site_dir,
        options.zola.as_deref(),
        Some(&config.base_url),
        Some(&config.output_dir),
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

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A file below the output directory.
    File(PathBuf),
    /// A directory named without its trailing slash: redirect there.
    Redirect(String),
    /// The build number.
    Build,
    NotFound,
}

/// Maps a request path (`/blog/x/?q` …) to what to send, never outside `root`.
fn resolve(root: &Path, raw: &str) -> Target {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    if path == BUILD_PATH {
        return Target::Build;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Target::NotFound;
    };
    if !decoded.starts_with('/') {
        return Target::NotFound;
    }
    let mut file = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains('\\') || segment.contains('\0') {
            return Target::NotFound;
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Target::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Target::File(file)
    } else {
        Target::NotFound
    }
}

/// The Content-Type of a file, by its extension.
fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "bib" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

/// Reads one request and answers it.
fn respond(stream: TcpStream, root: &Path, number: &AtomicU64) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    // A request head is a few hundred bytes: 64 KiB is plenty, and bounds what a client can send.
    let mut reader = BufReader::new(std::io::Read::take(stream.try_clone()?, 64 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // The headers are not needed; read them so that the client sees a clean close.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_ascii_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head = method == "HEAD";
    let mut stream = stream;
    if method != "GET" && !head {
        return send(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"GET or HEAD only\n",
            head,
        );
    }
    match resolve(root, path) {
        Target::Build => {
            let body = number.load(Ordering::SeqCst).to_string();
            send(
                &mut stream,
                "200 OK",
                "text/plain; charset=utf-8",
                body.as_bytes(),
                head,
            )
        }
        Target::Redirect(to) => {
            let response = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(response.as_bytes())
        }
        Target::File(file) => {
            let kind = content_type(&file);
            let body = with_reload(kind, fs::read(&file)?);
            send(&mut stream, "200 OK", kind, &body, head)
        }
        Target::NotFound => {
            let page = root.join("404.html");
            let body = fs::read(&page).unwrap_or_else(|_| b"Not found\n".to_vec());
            let kind = if page.is_file() {
                "text/html; charset=utf-8"
            } else {
                "text/plain; charset=utf-8"
            };
            let body = with_reload(kind, body);
            send(&mut stream, "404 Not Found", kind, &body, head)
        }
    }
}

/// An HTML page with the reload script before `</body>` (at the end if there is none).
fn with_reload(kind: &str, mut body: Vec<u8>) -> Vec<u8> {
    if !kind.starts_with("text/html") {
        return body;
    }
    let at = memchr::memmem::rfind(&body, b"</body>").unwrap_or(body.len());
    body.splice(at..at, RELOAD_SCRIPT.bytes());
    body
}

fn send(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_map_to_files_below_the_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        fs::create_dir_all(root.join("blog/a b")).unwrap();
        fs::write(root.join("index.html"), "home").unwrap();
        fs::write(root.join("blog/a b/index.html"), "post").unwrap();
        fs::write(dir.path().join("secret.txt"), "no").unwrap();
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/blog/a%20b/?x=1#top"),
            Target::File(root.join("blog/a b/index.html"))
        );
        assert_eq!(resolve(&root, "/blog"), Target::Redirect("/blog/".into()));
        assert_eq!(resolve(&root, "/__folio/build"), Target::Build);
        for bad in [
            "/../secret.txt",
            "/blog/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/nope",
            "x",
            "/%ff",
        ] {
            assert_eq!(resolve(&root, bad), Target::NotFound, "{bad}");
        }
    }

    #[test]
    fn pages_get_the_reload_script_before_the_body_ends() {
        let page = with_reload(
            "text/html; charset=utf-8",
            b"<body><p>x</p></body></html>".to_vec(),
        );
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<body><p>x</p><script>"), "{page}");
        assert!(page.ends_with("</script></body></html>"), "{page}");
        assert_eq!(
            with_reload("text/css; charset=utf-8", b"a{}".to_vec()),
            b"a{}"
        );
        assert_eq!(
            content_type(Path::new("a/b.CSS")),
            "text/css; charset=utf-8"
        );
    }
}
