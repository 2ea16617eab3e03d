//! Tests of the HTTP side of `folio serve`: real connections to a server on 127.0.0.1.

use super::*;
use crate::serve::send::{RELOAD_SCRIPT, content_type};
use std::fs;
use std::net::SocketAddr;
use std::path::Path;

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
