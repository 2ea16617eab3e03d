//! The HTTP side of `folio serve`: a GET/HEAD file server on the standard library, made to
//! hold up against whatever reaches its port, not only a browser tab.
//!
//! - One thread per connection up to a fixed number ([`Limits::connections`]); a connection
//!   beyond it is answered `503` at once and closed, so threads never grow without bound.
//! - The request head is bounded in size (`431` past [`Limits::head_bytes`]) and in time: the
//!   whole head must arrive within [`Limits::head_time`] (`408`), so a client that sends a byte
//!   now and then cannot hold a thread. A client that stops reading is dropped after
//!   [`Limits::write_time`].
//! - Files are streamed from disk (the reload script spliced into pages on the way), so memory
//!   stays flat whatever the file size and the number of clients.
//! - Every answer closes the connection (`Connection: close`).
//!
//! What a path may reach is [`super::resolve`]'s job.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::resolve::{Target, resolve};

/// Added before `</body>` of every page served: asks for the build number every second and
/// reloads the page when it changes.
pub const RELOAD_SCRIPT: &str = r#"<script>(function(){var b=null;setInterval(function(){fetch("/__folio/build",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(b===null)b=t;else if(t!==b)location.reload()}).catch(function(){})},1000)})();</script>"#;

/// How far from its end a page's `</body>` is looked for (it is almost always in the last
/// few hundred bytes); a page without one there gets the script at its end.
const BODY_END_WINDOW: u64 = 16 * 1024;

/// Files up to this size are read whole and sent with the head in one write (fewer packets and
/// system calls for the pages, styles and icons a preview is made of); larger ones are streamed,
/// so a connection holds at most this much of a file.
const SMALL_FILE: u64 = 64 * 1024;

/// What one client may cost the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections handled at once; one more is answered `503` and closed.
    pub connections: usize,
    /// The longest request head (request line and headers) read; a longer one gets `431`.
    pub head_bytes: usize,
    /// The time a client has to send its whole request head; then `408`.
    pub head_time: Duration,
    /// How long one write may wait for a client that does not read; then it is dropped.
    pub write_time: Duration,
}

impl Default for Limits {
    /// 256 connections (a browser opens 6 per site), 16 KiB of head (a browser sends under
    /// 2 KiB), 10 s to send it, 30 s per write.
    fn default() -> Self {
        Limits {
            connections: 256,
            head_bytes: 16 * 1024,
            head_time: Duration::from_secs(10),
            write_time: Duration::from_secs(30),
        }
    }
}

/// What every connection reads.
struct Shared {
    root: PathBuf,
    build: Arc<AtomicU64>,
    limits: Limits,
    open: AtomicUsize,
}

/// One of the [`Limits::connections`] places, given back when dropped.
struct Slot(Arc<Shared>);

impl Slot {
    fn take(shared: &Arc<Shared>) -> Option<Slot> {
        if shared.open.fetch_add(1, Ordering::SeqCst) >= shared.limits.connections {
            shared.open.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Slot(shared.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Serves the files below `root` (and the build number) on `listener`, forever.
pub fn serve(listener: TcpListener, root: PathBuf, build: Arc<AtomicU64>, limits: Limits) {
    let shared = Arc::new(Shared {
        root,
        build,
        limits,
        open: AtomicUsize::new(0),
    });
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            // Out of file descriptors, or reset before it was accepted: pause, do not spin.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let Some(slot) = Slot::take(&shared) else {
            busy(stream);
            continue;
        };
        // Should the thread not start, the closure is dropped: the connection closes and the
        // slot is given back.
        let _ = std::thread::Builder::new()
            .name("folio-serve".into())
            .spawn(move || {
                let _ = connection(stream, &slot.0);
                drop(slot);
            });
    }
}

/// The answer when every slot is taken: written without waiting, then closed.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\nConnection: close\r\n\r\nbusy\n",
    );
    let _ = stream.shutdown(Shutdown::Write);
}

/// Why a request head was not read.
#[derive(Debug)]
enum Unread {
    /// The client closed before sending anything: nothing to answer.
    Closed,
    /// Answer with this status.
    Refuse(&'static str),
    Io(io::Error),
}

/// Reads up to the blank line that ends a request head (`\r\n\r\n`, or `\n\n`), at most
/// `limit` bytes and until `deadline`. The head returned ends before that blank line.
fn read_head(stream: &mut TcpStream, limit: usize, deadline: Instant) -> Result<Vec<u8>, Unread> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
            .ok_or(Unread::Refuse("408 Request Timeout"))?;
        stream.set_read_timeout(Some(left)).map_err(Unread::Io)?;
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Unread::Refuse("408 Request Timeout"));
            }
            Err(e) => return Err(Unread::Io(e)),
        };
        if n == 0 {
            return Err(if head.is_empty() {
                Unread::Closed
            } else {
                Unread::Refuse("400 Bad Request")
            });
        }
        // The blank line may straddle two reads.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..n]);
        let end = [&b"\r\n\r\n"[..], b"\n\n"]
            .iter()
            .filter_map(|blank| memchr::memmem::find(&head[from..], blank).map(|at| from + at))
            .min();
        match end {
            Some(end) if end <= limit => {
                head.truncate(end);
                return Ok(head);
            }
            Some(_) => return Err(Unread::Refuse("431 Request Header Fields Too Large")),
            None if head.len() > limit => {
                return Err(Unread::Refuse("431 Request Header Fields Too Large"));
            }
            None => {}
        }
    }
}

/// The method and target of a request head's first line (`GET /x HTTP/1.1`).
fn request_line(head: &[u8]) -> Option<(&str, &str)> {
    let end = memchr::memchr(b'\n', head).unwrap_or(head.len());
    let line = std::str::from_utf8(&head[..end]).ok()?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && version.starts_with("HTTP/1.")).then_some((method, target))
}

/// Reads one request and answers it.
fn connection(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_write_timeout(Some(shared.limits.write_time))?;
    // The head and the file go out in separate writes: do not let the second wait for an ACK.
    stream.set_nodelay(true)?;
    let deadline = Instant::now() + shared.limits.head_time;
    let head = match read_head(&mut stream, shared.limits.head_bytes, deadline) {
        Ok(head) => head,
        Err(Unread::Closed) => return Ok(()),
        Err(Unread::Refuse(status)) => return refuse(&mut stream, status, ""),
        Err(Unread::Io(e)) => return Err(e),
    };
    let Some((method, target)) = request_line(&head) else {
        return refuse(&mut stream, "400 Bad Request", "");
    };
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            return refuse(
                &mut stream,
                "405 Method Not Allowed",
                "Allow: GET, HEAD\r\n",
            );
        }
    };
    let root = &shared.root;
    match resolve(root, target) {
        Target::Build => {
            let number = shared.build.load(Ordering::SeqCst).to_string();
            let kind = "text/plain; charset=utf-8";
            send(&mut stream, "200 OK", kind, number.as_bytes(), head_only)
        }
        Target::Redirect(to) => {
            write_head(
                &mut stream,
                "301 Moved Permanently",
                None,
                0,
                &format!("Location: {to}\r\n"),
            )?;
            stream.flush()
        }
        Target::File(file) => send_file(&mut stream, "200 OK", &file, head_only),
        Target::BadRequest => refuse(&mut stream, "400 Bad Request", ""),
        Target::NotFound => match resolve(root, "/404.html") {
            Target::File(page) => send_file(&mut stream, "404 Not Found", &page, head_only),
            _ => send(
                &mut stream,
                "404 Not Found",
                "text/plain; charset=utf-8",
                b"Not found\n",
                head_only,
            ),
        },
    }
}

/// An error answer, then the connection closed gently: what the client still sends (the rest
/// of an oversized head) is read and dropped for a moment, so that it sees the answer rather
/// than a reset.
fn refuse(stream: &mut TcpStream, status: &str, extra: &str) -> io::Result<()> {
    let body = format!("{status}\n");
    write_head(
        stream,
        status,
        Some("text/plain; charset=utf-8"),
        body.len() as u64,
        extra,
    )?;
    stream.write_all(body.as_bytes())?;
    stream.flush()?;
    stream.shutdown(Shutdown::Write)?;
    let until = Instant::now() + Duration::from_secs(1);
    let mut drained = 0;
    let mut sink = [0u8; 4096];
    while drained < 1024 * 1024 {
        let Some(left) = until.checked_duration_since(Instant::now()) else {
            break;
        };
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
    Ok(())
}

/// The status line and headers of an answer of `len` bytes (`extra`: more header lines).
fn head(status: &str, kind: Option<&str>, len: u64, extra: &str) -> String {
    let kind = kind
        .map(|k| format!("Content-Type: {k}\r\n"))
        .unwrap_or_default();
    format!(
        "HTTP/1.1 {status}\r\n{kind}Content-Length: {len}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n{extra}\r\n"
    )
}

/// Writes [`head`].
fn write_head(
    stream: &mut TcpStream,
    status: &str,
    kind: Option<&str>,
    len: u64,
    extra: &str,
) -> io::Result<()> {
    stream.write_all(head(status, kind, len, extra).as_bytes())
}

/// A short answer held in memory, sent in one write.
fn send(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let mut answer = head(status, Some(kind), body.len() as u64, "").into_bytes();
    if !head_only {
        answer.extend_from_slice(body);
    }
    stream.write_all(&answer)?;
    stream.flush()
}

/// A file, streamed (a small one is sent with the head in one write); a page with the reload
/// script before its `</body>`.
fn send_file(stream: &mut TcpStream, status: &str, path: &Path, head_only: bool) -> io::Result<()> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let kind = content_type(path);
    if len <= SMALL_FILE {
        let mut body = Vec::with_capacity(len as usize + RELOAD_SCRIPT.len());
        Read::by_ref(&mut file)
            .take(SMALL_FILE)
            .read_to_end(&mut body)?;
        if kind.starts_with("text/html") {
            let at = memchr::memmem::rfind(&body.to_ascii_lowercase(), b"</body>");
            let at = at.unwrap_or(body.len());
            body.splice(at..at, RELOAD_SCRIPT.bytes());
        }
        return send(stream, status, kind, &body, head_only);
    }
    let splice = if kind.starts_with("text/html") {
        Some(reload_point(&mut file, len)?)
    } else {
        None
    };
    let extra = if splice.is_some() {
        RELOAD_SCRIPT.len() as u64
    } else {
        0
    };
    write_head(stream, status, Some(kind), len + extra, "")?;
    if !head_only {
        match splice {
            None => copy_exactly(&mut file, stream, len)?,
            Some(at) => {
                copy_exactly(&mut file, stream, at)?;
                stream.write_all(RELOAD_SCRIPT.as_bytes())?;
                copy_exactly(&mut file, stream, len - at)?;
            }
        }
    }
    stream.flush()
}

/// Where the reload script goes in a page of `len` bytes: before its last `</body>` (any case)
/// when that is near the end, else at the end. Leaves the file at its start.
fn reload_point(file: &mut File, len: u64) -> io::Result<u64> {
    let window = len.min(BODY_END_WINDOW);
    file.seek(SeekFrom::Start(len - window))?;
    let mut tail = Vec::with_capacity(window as usize);
    Read::by_ref(file).take(window).read_to_end(&mut tail)?;
    tail.make_ascii_lowercase();
    file.seek(SeekFrom::Start(0))?;
    Ok(memchr::memmem::rfind(&tail, b"</body>").map_or(len, |at| len - window + at as u64))
}

/// `n` bytes of `file` to `stream`, 8 KiB at a time (`io::copy`); an error when the
/// file has shrunk meanwhile (a build replaced it), so that the connection is cut rather than
/// answered short.
fn copy_exactly(file: &mut File, stream: &mut TcpStream, n: u64) -> io::Result<()> {
    let copied = io::copy(&mut Read::by_ref(file).take(n), stream)?;
    if copied < n {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the file shrank while it was sent",
        ));
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::net::SocketAddr;

    /// A server on an ephemeral port of 127.0.0.1 over `root`, with `limits`; runs until the
    /// test process ends.
    fn start(root: &Path, limits: Limits) -> (SocketAddr, Arc<AtomicU64>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let build = Arc::new(AtomicU64::new(7));
        let (root, number) = (root.to_path_buf(), build.clone());
        std::thread::spawn(move || serve(listener, root, number, limits));
        (addr, build)
    }

    /// Sends `request` as is and reads the whole answer: (head, body).
    fn exchange(addr: SocketAddr, request: &[u8]) -> (String, Vec<u8>) {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        let at = memchr::memmem::find(&answer, b"\r\n\r\n").expect("a complete head");
        let body = answer.split_off(at + 4);
        (String::from_utf8(answer).unwrap(), body)
    }

    fn get(addr: SocketAddr, path: &str) -> (String, Vec<u8>) {
        exchange(
            addr,
            format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
        )
    }

    fn status(head: &str) -> &str {
        head.lines().next().unwrap_or_default()
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("blog")).unwrap();
        fs::write(
            dir.path().join("index.html"),
            "<html><BODY><p>x</p></BODY></html>",
        )
        .unwrap();
        fs::write(dir.path().join("blog/index.html"), "blog").unwrap();
        fs::write(dir.path().join("a.css"), "a{}").unwrap();
        fs::write(dir.path().join(".env"), "SECRET=1").unwrap();
        dir
    }

    #[test]
    fn pages_are_streamed_with_the_reload_script_before_the_body_ends() {
        let dir = site();
        // Pages streamed (over 64 KiB): `</body>` near the end, and only far from it.
        let long = format!("<body>{}</body>\n</html>\n", "y".repeat(100_000));
        fs::write(dir.path().join("long.html"), &long).unwrap();
        let tail = format!("<body></body>{}", "z".repeat(70_000));
        fs::write(dir.path().join("tail.html"), &tail).unwrap();
        let (addr, _) = start(dir.path(), Limits::default());

        let (head, body) = get(addr, "/");
        assert_eq!(status(&head), "HTTP/1.1 200 OK");
        let expected = format!("<html><BODY><p>x</p>{RELOAD_SCRIPT}</BODY></html>");
        assert_eq!(String::from_utf8(body).unwrap(), expected);
        assert!(
            head.contains(&format!("Content-Length: {}\r\n", expected.len())),
            "{head}"
        );
        assert!(
            head.contains("Content-Type: text/html; charset=utf-8\r\n"),
            "{head}"
        );

        let at = long.rfind("</body>").unwrap();
        let expected = format!("{}{RELOAD_SCRIPT}{}", &long[..at], &long[at..]);
        assert_eq!(
            String::from_utf8(get(addr, "/long.html").1).unwrap(),
            expected
        );
        let expected = format!("{tail}{RELOAD_SCRIPT}");
        assert_eq!(
            String::from_utf8(get(addr, "/tail.html").1).unwrap(),
            expected
        );

        // Other files as they are; HEAD: the same head, no body.
        assert_eq!(get(addr, "/a.css").1, b"a{}");
        let (head, body) = exchange(addr, b"HEAD /a.css HTTP/1.1\r\n\r\n");
        assert!(head.contains("Content-Length: 3\r\n"), "{head}");
        assert!(body.is_empty());
    }

    #[test]
    fn the_build_number_is_what_pages_poll() {
        let dir = site();
        let (addr, build) = start(dir.path(), Limits::default());
        assert_eq!(get(addr, "/__folio/build").1, b"7");
        build.store(8, Ordering::SeqCst);
        assert_eq!(get(addr, "/__folio/build").1, b"8");
    }

    #[test]
    fn redirects_missing_pages_hidden_files_and_bad_requests() {
        let dir = site();
        let (addr, _) = start(dir.path(), Limits::default());
        for asked in ["/blog", "//blog", "///blog"] {
            let (head, _) = get(addr, asked);
            assert_eq!(status(&head), "HTTP/1.1 301 Moved Permanently", "{asked}");
            assert!(head.contains("\r\nLocation: /blog/\r\n"), "{asked}: {head}");
        }
        for asked in ["/.env", "/%2eenv", "/../etc/passwd", "/nope"] {
            let (head, body) = get(addr, asked);
            assert_eq!(status(&head), "HTTP/1.1 404 Not Found", "{asked}");
            assert_eq!(body, b"Not found\n");
        }
        // The site's own 404 page, with the reload script.
        fs::write(dir.path().join("404.html"), "<body>gone</body>").unwrap();
        let (head, body) = get(addr, "/.env");
        assert_eq!(status(&head), "HTTP/1.1 404 Not Found");
        assert_eq!(body, format!("<body>gone{RELOAD_SCRIPT}</body>").as_bytes());

        let (head, _) = exchange(addr, b"POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert_eq!(status(&head), "HTTP/1.1 405 Method Not Allowed");
        assert!(head.contains("\r\nAllow: GET, HEAD\r\n"), "{head}");
        for bad in [
            &b"GET * HTTP/1.1\r\n\r\n"[..],
            b"GET http://evil.example/ HTTP/1.1\r\n\r\n",
            b"GET / HTTP/2.0\r\n\r\n",
            b"GET /\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
            b"\xff\xfe\r\n\r\n",
        ] {
            let (head, _) = exchange(addr, bad);
            assert_eq!(
                status(&head),
                "HTTP/1.1 400 Bad Request",
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn a_head_cut_short_by_the_client_is_a_bad_request() {
        let dir = site();
        let (addr, _) = start(dir.path(), Limits::default());
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\n").unwrap();
        stream.shutdown(Shutdown::Write).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{answer}"
        );
    }

    #[test]
    fn the_request_head_is_bounded_in_size() {
        let dir = site();
        let limits = Limits {
            head_bytes: 2048,
            ..Limits::default()
        };
        let (addr, _) = start(dir.path(), limits);
        let pad = |n: usize| format!("GET / HTTP/1.1\r\nX-Pad: {}\r\n\r\n", "a".repeat(n));
        assert_eq!(
            status(&exchange(addr, pad(1900).as_bytes()).0),
            "HTTP/1.1 200 OK"
        );
        for n in [2100, 64 * 1024, 1024 * 1024] {
            let (head, _) = exchange(addr, pad(n).as_bytes());
            assert_eq!(
                status(&head),
                "HTTP/1.1 431 Request Header Fields Too Large",
                "{n}"
            );
        }
        // A head that never ends is cut at the limit, not read on.
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut answer = String::new();
        let _ = stream.write_all(&[b'a'; 4096]);
        let _ = stream.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
    }

    #[test]
    fn a_slow_client_gets_408_at_the_deadline_even_when_it_trickles() {
        let dir = site();
        let limits = Limits {
            head_time: Duration::from_millis(600),
            ..Limits::default()
        };
        let (addr, _) = start(dir.path(), limits);
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let started = Instant::now();
        let mut answer = Vec::new();
        // One byte every 100 ms: each read is quick, the whole head never comes.
        for byte in b"GET / HTTP/1.1\r\nX-Slow: ".iter().cycle().take(100) {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            let mut buf = [0u8; 256];
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
                Err(_) => {}
            }
            if !answer.is_empty() && answer.ends_with(b"\n\n") {
                break;
            }
        }
        let took = started.elapsed();
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.starts_with("HTTP/1.1 408 Request Timeout"),
            "{answer:?}"
        );
        assert!(took < Duration::from_secs(3), "{took:?}");
    }

    #[test]
    fn connections_beyond_the_cap_are_turned_away_and_the_server_recovers() {
        let dir = site();
        let limits = Limits {
            connections: 3,
            ..Limits::default()
        };
        let (addr, _) = start(dir.path(), limits);
        let stalled: Vec<TcpStream> = (0..3)
            .map(|_| {
                let mut s = TcpStream::connect(addr).unwrap();
                s.write_all(b"GET / HTTP/1.1\r\n").unwrap();
                s
            })
            .collect();
        // The server has taken all three (each got its thread) once a fourth is turned away.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let (head, body) = get(addr, "/");
            if status(&head) == "HTTP/1.1 503 Service Unavailable" {
                assert_eq!(body, b"busy\n");
                break;
            }
            assert!(Instant::now() < deadline, "never busy: {head}");
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(stalled);
        let deadline = Instant::now() + Duration::from_secs(5);
        while status(&get(addr, "/").0) != "HTTP/1.1 200 OK" {
            assert!(
                Instant::now() < deadline,
                "still busy after the stalled clients left"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn request_lines_are_parsed_strictly() {
        assert_eq!(request_line(b"GET /x HTTP/1.1"), Some(("GET", "/x")));
        assert_eq!(
            request_line(b"HEAD / HTTP/1.0\r\nHost: x"),
            Some(("HEAD", "/"))
        );
        for bad in [
            &b"GET /x"[..],
            b"GET /x HTTP/1.1 extra",
            b"GET /x FTP/1",
            b"",
        ] {
            assert_eq!(request_line(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(
            content_type(Path::new("a/b.CSS")),
            "text/css; charset=utf-8"
        );
    }
}
