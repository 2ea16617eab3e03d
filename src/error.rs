//! folio's errors at the library's boundaries: what stops a command. `main` prints one once and
//! turns it into the exit code; problems with single pages are not errors but outcomes
//! ([`crate::outcome::Outcome`]), so the rest of the work goes on.

use std::path::{Path, PathBuf};

pub use crate::config::ConfigError;

/// What stops a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's configuration: file, and where known line, column and key.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A file or directory that could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A page that could not be rewritten (not UTF-8, refused by the parser).
    #[error("{}: {message}", path.display())]
    Page { path: PathBuf, message: String },
    /// A program folio runs (zola) that could not be started.
    #[error("{0}")]
    Missing(String),
    /// Anything else, said in words: what is wrong and what to do.
    #[error("{0}")]
    Stop(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The exit code of a command it stops: 127 when a program is missing (as a shell says),
    /// else 2.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Missing(_) => 127,
            _ => 2,
        }
    }
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Self::Stop(message)
    }
}

impl From<&str> for Error {
    fn from(message: &str) -> Self {
        Self::Stop(message.to_owned())
    }
}
