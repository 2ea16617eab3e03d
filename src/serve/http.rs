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

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::resolve::{Target, resolve};
use super::send::{send, send_file, write_head};

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

#[cfg(test)]
mod tests;
