//! Errors that stop a command from running at all (exit code 2).
//!
//! Problems *in* a handbook are not errors of this kind: they are
//! [`crate::handbook::findings::Finding`]s, collected and reported together.

use std::path::{Path, PathBuf};

/// Something that keeps a command from running: an unreadable folder, a
/// refused output folder, bad arguments, a preview that cannot start. Each message is written for the
/// person at the keyboard and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A filesystem operation failed; `action` says which, in words.
    #[error("could not {action} {}: {}", .path.display(), crate::handbook::load::plain_io(.source))]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The handbook folder is missing or is not a folder.
    #[error("{0}")]
    Handbook(String),
    /// The output folder is one we must not replace.
    #[error("{0}")]
    OutputRefused(String),
    /// A command-line value that makes no sense.
    #[error("{0}")]
    Usage(String),
    /// The theme's templates could not be loaded or rendered.
    #[error("{0}")]
    Theme(String),
    /// The search index could not be made.
    #[error("{0}")]
    Search(String),
    /// The preview could not start or keep running: its port, its server,
    /// its watcher.
    #[error("{0}")]
    Serve(String),
}

impl Error {
    /// Wraps an I/O error with the action and the path it concerned.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
