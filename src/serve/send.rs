//! The answers of `folio serve`'s HTTP side: status line and headers, short answers from
//! memory, and files streamed from disk with the reload script spliced into pages.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::net::TcpStream;
use std::path::Path;

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

/// The status line and headers of an answer of `len` bytes (`extra`: more header lines).
pub(super) fn head(status: &str, kind: Option<&str>, len: u64, extra: &str) -> String {
    let kind = kind
        .map(|k| format!("Content-Type: {k}\r\n"))
        .unwrap_or_default();
    format!(
        "HTTP/1.1 {status}\r\n{kind}Content-Length: {len}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n{extra}\r\n"
    )
}

/// Writes [`head`].
pub(super) fn write_head(
    stream: &mut TcpStream,
    status: &str,
    kind: Option<&str>,
    len: u64,
    extra: &str,
) -> io::Result<()> {
    stream.write_all(head(status, kind, len, extra).as_bytes())
}

/// A short answer held in memory, sent in one write.
pub(super) fn send(
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
pub(super) fn send_file(
    stream: &mut TcpStream,
    status: &str,
    path: &Path,
    head_only: bool,
) -> io::Result<()> {
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
pub(super) fn reload_point(file: &mut File, len: u64) -> io::Result<u64> {
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
pub(super) fn copy_exactly(file: &mut File, stream: &mut TcpStream, n: u64) -> io::Result<()> {
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
pub(super) fn content_type(file: &Path) -> &'static str {
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
