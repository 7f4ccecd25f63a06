//! Filesystem calls, each wrapped so that its error names the path.
//!
//! Every stage reads and writes through these helpers, so an error that
//! reaches the user always says which file or folder it was about.

use crate::error::{Error, Result};
use std::path::Path;

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// Writes bytes to a file, creating or truncating it.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))
}

/// Writes a new file; fails, naming it, when it exists already (nothing is
/// overwritten).
pub fn write_new(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes.as_ref()))
        .map_err(|e| Error::io("write", path, e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io("create the folder", path, e))
}

/// Copies a file, creating the destination's parent folders.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::io("copy", from, e))
}

/// Writes a file, creating its parent folders.
pub fn write_creating_dirs(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    // Most folders exist already: try first, rather than ask each time.
    match std::fs::write(path, bytes.as_ref()) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                create_dir_all(parent)?;
            }
            write(path, bytes)
        }
        other => other.map_err(|e| Error::io("write", path, e)),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io("rename", from, e))
}

/// Removes a folder and everything in it.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    std::fs::remove_dir_all(path).map_err(|e| Error::io("remove", path, e))
}

/// Canonicalizes a path (resolving symlinks), naming it on failure.
pub fn canonicalize(path: &Path) -> Result<std::path::PathBuf> {
    std::fs::canonicalize(path).map_err(|e| Error::io("find", path, e))
}
