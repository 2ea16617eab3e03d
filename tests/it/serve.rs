//! `folio serve` over TCP, as whatever reaches its port sees it: the binary, run with a
//! stand-in for zola that writes a small site, listening on an ephemeral port of 127.0.0.1.
//! What may be reached (traversal in every form, hidden files, links leading out, redirects),
//! what a client may cost (head size, slow clients, many connections, the memory a large file
//! takes) and the live reload. Unix only: the stand-in is a shell script, and the memory and
//! thread figures come from /proc.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");

/// Stands in for `zola build --base-url URL --output-dir DIR --force`: a home page showing
/// `content/_index.md`, and a blog.
const FAKE_ZOLA: &str = r#"#!/bin/sh
while [ $# -gt 0 ]; do case "$1" in --output-dir) out="$2"; shift;; esac; shift; done
mkdir -p "$out/blog" || exit 1
printf '<html><body><p>%s</p></body></html>' "$(cat content/_index.md)" > "$out/index.html"
printf '<html><body>blog</body></html>' > "$out/blog/index.html"
"#;

/// A running `folio serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    site: PathBuf,
    out: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// A line of /proc/PID/status, in its unit (kB for memory).
    fn status(&self, key: &str) -> u64 {
        let status = fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in {status}"))
    }
}

/// Starts `folio serve` on a new site; beside the preview it built, secrets the server must
/// never send (`SECRET` in each), hidden files, links leading out and a directory without an
/// index.
fn start() -> Server {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    fs::create_dir_all(site.join("content")).unwrap();
    fs::write(site.join("config.toml"), "base_url = \"/\"\n# SECRET\n").unwrap();
    fs::write(site.join("content/_index.md"), "one").unwrap();
    fs::write(site.join("secret.txt"), "SECRET").unwrap();
    fs::write(tmp.path().join("secret.txt"), "SECRET").unwrap();
    let zola = tmp.path().join("zola");
    fs::write(&zola, FAKE_ZOLA).unwrap();
    fs::set_permissions(&zola, fs::Permissions::from_mode(0o755)).unwrap();
    let mut child = Command::new(FOLIO)
        .args(["serve", "site", "--port", "0", "--zola"])
        .arg(&zola)
        .current_dir(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let server = |addr| Server {
        child,
        addr,
        out: site.join(".folio-serve"),
        site,
        _tmp: tmp,
    };
    let addr = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://")?.strip_suffix('/')?.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let server = server(addr);
    let out = &server.out;
    for dir in [".git", ".folio-cache", "sub", "empty", "evil.example/blog"] {
        fs::create_dir_all(out.join(dir)).unwrap();
    }
    for (file, text) in [
        (".env", "SECRET=1"),
        (".git/config", "SECRET"),
        (".folio-cache/x", "SECRET"),
        ("sub/.hidden", "SECRET"),
        ("sub/a.txt", "a"),
        ("empty/SECRET.txt", "SECRET"),
        ("evil.example/blog/index.html", "x"),
    ] {
        fs::write(out.join(file), text).unwrap();
    }
    symlink(server.site.join("secret.txt"), out.join("sub/out-link")).unwrap();
    symlink(server.site.parent().unwrap(), out.join("sub/out-dir")).unwrap();
    symlink("/etc/passwd", out.join("sub/passwd")).unwrap();
    symlink(out.join(".env"), out.join("sub/env.txt")).unwrap();
    server
}

/// Sends `request` as is; the answer's head and body (what arrived before the server closed).
fn exchange(addr: SocketAddr, request: &[u8]) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let at = memchr::memmem::find(&answer, b"\r\n\r\n").unwrap_or(answer.len());
    let body = answer.split_off(at.saturating_add(4).min(answer.len()));
    (String::from_utf8_lossy(&answer).into_owned(), body)
}

fn get(addr: SocketAddr, path: &str) -> (String, Vec<u8>) {
    exchange(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
    )
}

fn status(head: &str) -> &str {
    head.lines().next().unwrap_or("(no answer)")
}

/// Every traversal form tried; each aims at a file holding `SECRET` outside the preview.
const TRAVERSALS: &[&str] = &[
    "/../secret.txt",
    "/../config.toml",
    "/../../secret.txt",
    "/blog/../../secret.txt",
    "/./../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/%2e%2E/secret.txt",
    "/.%2e/secret.txt",
    "/%2e./secret.txt",
    "/%2e%2e%2fsecret.txt",
    "/%2e%2e%2Fsecret.txt",
    "/blog%2f..%2f..%2fsecret.txt",
    "/%252e%252e/secret.txt",
    "/%252e%252e%252fsecret.txt",
    "/%25%32%65%25%32%65/secret.txt",
    "/..%5csecret.txt",
    "/..%5Csecret.txt",
    "/..\\secret.txt",
    "/blog\\..\\..\\secret.txt",
    "/%5c..%5csecret.txt",
    "/%c0%ae%c0%ae/secret.txt",
    "/..%00/secret.txt",
    "/%00../secret.txt",
    "/index.html%00",
    "/%2fetc%2fpasswd",
    "/%2Fetc/passwd",
    "/etc/passwd",
    "//etc/passwd",
    "///etc/passwd",
    "//..//secret.txt",
    "http://127.0.0.1/../secret.txt",
    "*",
    "../secret.txt",
    "secret.txt",
    // Hidden files and directories, plain or encoded.
    "/.env",
    "/%2eenv",
    "/%2Eenv",
    "/.git/config",
    "/%2egit/config",
    "/.git/",
    "/.folio-cache/x",
    "/sub/.hidden",
    // Links that lead out, or to a hidden file.
    "/sub/out-link",
    "/sub/out-dir/secret.txt",
    "/sub/out-dir/site/config.toml",
    "/sub/passwd",
    "/sub/env.txt",
    // No directory listing.
    "/empty/",
    "/sub/",
];

#[test]
fn nothing_outside_the_preview_and_nothing_hidden_is_served() {
    let server = start();
    for path in TRAVERSALS {
        let (head, body) = get(server.addr, path);
        let body = String::from_utf8_lossy(&body);
        assert!(
            ["HTTP/1.1 404 Not Found", "HTTP/1.1 400 Bad Request"].contains(&status(&head)),
            "{path}: {head}"
        );
        assert!(
            !body.contains("SECRET") && !body.contains("root:"),
            "{path}: {body}"
        );
    }
    // What is there is served.
    assert_eq!(get(server.addr, "/sub/a.txt").1, b"a");
    assert_eq!(get(server.addr, "/empty/SECRET.txt").1, b"SECRET");
}

#[test]
fn redirects_are_built_from_the_normalised_path() {
    let server = start();
    for (path, to) in [
        ("/blog", "/blog/"),
        ("//blog", "/blog/"),
        ("///blog", "/blog/"),
        ("//blog?x=1", "/blog/?x=1"),
        ("//evil.example/blog", "/evil.example/blog/"),
    ] {
        let (head, _) = get(server.addr, path);
        assert_eq!(status(&head), "HTTP/1.1 301 Moved Permanently", "{path}");
        assert!(
            head.contains(&format!("\r\nLocation: {to}\r\n")),
            "{path}: {head}"
        );
    }
    for path in [
        "/%2fblog",
        "/%5cblog",
        "/\\blog",
        "/%2f%2fevil.example/blog",
    ] {
        let (head, _) = get(server.addr, path);
        assert!(!head.contains("Location:"), "{path}: {head}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn it_listens_on_127_0_0_1_only_by_default() {
    let server = start();
    // /proc/net/tcp: a listening socket (state 0A) on this port, bound to 127.0.0.1.
    let table = fs::read_to_string("/proc/net/tcp").unwrap();
    let port = format!(":{:04X}", server.addr.port());
    let listening: Vec<&str> = table
        .lines()
        .filter_map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            (fields.get(1)?.ends_with(&port) && fields.get(3) == Some(&"0A")).then(|| fields[1])
        })
        .collect();
    assert_eq!(listening, [format!("0100007F{port}")]);
}

#[test]
fn request_heads_are_bounded_in_size() {
    let server = start();
    let padded = |kib: usize| {
        let pad = format!("X-Pad: {}\r\n", "a".repeat(1014));
        format!("GET / HTTP/1.1\r\nHost: x\r\n{}\r\n", pad.repeat(kib))
    };
    assert_eq!(
        status(&exchange(server.addr, padded(4).as_bytes()).0),
        "HTTP/1.1 200 OK"
    );
    for kib in [20, 64, 1024] {
        let (head, _) = exchange(server.addr, padded(kib).as_bytes());
        assert_eq!(
            status(&head),
            "HTTP/1.1 431 Request Header Fields Too Large",
            "{kib} KiB"
        );
    }
}

#[test]
fn a_client_that_trickles_its_head_is_cut_off_after_10_s() {
    let server = start();
    // A header byte every 200 ms: each read is quick, the head never ends. The server answers
    // 408 when its 10 s are up, however often a byte comes.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    while started.elapsed() < Duration::from_secs(14) {
        let mut buf = [0u8; 512];
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if stream.write_all(b"a").is_err() {
            break;
        }
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 408 Request Timeout"),
        "after {:?}: {answer:?}",
        started.elapsed()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn two_hundred_connections_at_once_are_answered_and_threads_stay_bounded() {
    let server = start();
    // 200 connections open at once, then each sends its request.
    let mut streams: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(server.addr).unwrap())
        .collect();
    for stream in &mut streams {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
    }
    for (i, stream) in streams.iter_mut().enumerate() {
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{i}: {answer:?}");
    }
    drop(streams);

    // 600 clients that connect and send nothing: the threads stay at the cap (256), the rest
    // are turned away; once they leave, requests are answered again.
    let idle: Vec<TcpStream> = (0..600)
        .map(|_| TcpStream::connect(server.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let threads = server.status("Threads");
    assert!(
        threads <= 256 + 8,
        "{threads} threads for {} idle clients",
        idle.len()
    );
    assert_eq!(
        status(&get(server.addr, "/").0),
        "HTTP/1.1 503 Service Unavailable"
    );
    drop(idle);
    let deadline = Instant::now() + Duration::from_secs(10);
    while status(&get(server.addr, "/").0) != "HTTP/1.1 200 OK" {
        assert!(
            Instant::now() < deadline,
            "not answering after the idle clients left"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn large_files_are_streamed_not_read_whole() {
    let server = start();
    // 1 GiB, sparse: nothing on disk, but a server that reads it whole needs 1 GiB of memory.
    let big = fs::File::create(server.out.join("big.bin")).unwrap();
    big.set_len(1 << 30).unwrap();
    let before = server.status("VmRSS");
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(b"GET /big.bin HTTP/1.1\r\n\r\n").unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    assert!(
        head.contains("\r\nContent-Length: 1073741824\r\n"),
        "{head}"
    );
    let mut part = vec![0u8; 8 << 20];
    stream.read_exact(&mut part).unwrap();
    let during = server.status("VmRSS");
    assert!(
        during < before + 64 * 1024,
        "RSS {before} kB before, {during} kB while sending a 1 GiB file"
    );
    // The whole file arrives.
    let rest = std::io::copy(&mut stream, &mut std::io::sink()).unwrap();
    assert_eq!(rest + part.len() as u64, 1 << 30);
}

#[test]
fn pages_reload_after_a_rebuild() {
    let server = start();
    let (head, page) = get(server.addr, "/");
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status(&head), "HTTP/1.1 200 OK");
    assert!(page.starts_with("<html><body><p>one</p><script>"), "{page}");
    assert!(page.contains("/__folio/build") && page.ends_with("</script></body></html>"));
    assert_eq!(get(server.addr, "/__folio/build").1, b"1");

    fs::write(server.site.join("content/_index.md"), "two").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while get(server.addr, "/__folio/build").1 != b"2" {
        assert!(Instant::now() < deadline, "no rebuild after an edit");
        std::thread::sleep(Duration::from_millis(100));
    }
    let page = String::from_utf8(get(server.addr, "/").1).unwrap();
    assert!(page.starts_with("<html><body><p>two</p><script>"), "{page}");
}
