//! Writing files under the output folder, creating folders as needed and
//! counting the bytes of the policy files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::Error;

/// Makes sure `dir` is an empty folder (creating it if it is absent).
pub fn claim(dir: &Path) -> Result<(), Error> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::NotEmpty(dir.to_path_buf()));
            }
            Ok(())
        }
        Err(_) if dir.exists() => Err(Error::NotEmpty(dir.to_path_buf())),
        Err(_) => std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

/// Writes files under a root.
pub struct Writer {
    root: PathBuf,
    made: HashSet<PathBuf>,
    counted: u64,
}

impl Writer {
    pub fn new(root: &Path) -> Writer {
        Writer {
            root: root.to_path_buf(),
            made: HashSet::new(),
            counted: 0,
        }
    }

    /// Writes `data` to `rel` (a `/`-separated path under the root).
    pub fn write(&mut self, rel: &str, data: &[u8]) -> Result<(), Error> {
        let path = self.root.join(rel);
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent()
            && !self.made.contains(parent)
        {
            std::fs::create_dir_all(parent).map_err(io)?;
            self.made.insert(parent.to_path_buf());
        }
        std::fs::write(&path, data).map_err(io)
    }

    /// As [`Writer::write`], and counts the bytes in `total_bytes`.
    pub fn write_counted(&mut self, rel: &str, data: &[u8]) -> Result<(), Error> {
        self.counted += data.len() as u64;
        self.write(rel, data)
    }

    pub fn counted_bytes(&self) -> u64 {
        self.counted
    }
}
