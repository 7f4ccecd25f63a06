//! The preview a `serve` session shows: the site built in memory, rebuilt
//! when files change, with the current problems beside it. Nothing is
//! written to disk.

use super::change::Change;
use crate::build::{self, BuildOptions};
use crate::error::Result;
use crate::findings::{Finding, Kind, Severity};
use crate::handbook::Handbook;
use crate::write::{Files, MemorySink};
use jiff::civil::Date;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// One published state of the preview: what the HTTP server hands out.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Site files by path relative to the site root.
    pub files: Files,
    /// Always starts and ends with `/`.
    pub base_url: String,
    /// Counts up with every rebuild.
    pub version: u64,
    pub status: Status,
}

/// What the browser's overlay and problems panel show.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    pub version: u64,
    /// Problems that stop a policy (or the whole site) from showing:
    /// the overlay.
    pub blocking: Vec<Problem>,
    /// Every current error and warning: the panel.
    pub problems: Vec<Problem>,
    pub policies: usize,
    pub build_ms: u128,
}

/// A finding as the browser shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub severity: &'static str,
    pub kind: &'static str,
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl From<&Finding> for Problem {
    fn from(f: &Finding) -> Self {
        Problem {
            severity: f.severity.as_str(),
            kind: f.kind.as_str(),
            file: f.file.clone(),
            line: f.line,
            message: f.message.clone(),
        }
    }
}

/// The preview's settings and its last good build.
pub struct Preview {
    pub root: PathBuf,
    pub today: Option<Date>,
    pub options: BuildOptions,
    version: u64,
    last: Option<Arc<Snapshot>>,
}

impl Preview {
    pub fn new(root: &Path, today: Option<Date>, options: BuildOptions) -> Preview {
        Preview {
            root: root.to_path_buf(),
            today,
            options,
            version: 0,
            last: None,
        }
    }

    /// Rebuilds after `changes` (all of it, for now) and returns the new
    /// snapshot. When the site cannot be built at all (the handbook folder
    /// vanished, a theme template is broken), the last good pages are kept
    /// and the problem is shown over them.
    pub fn rebuild(&mut self, _changes: &[Change]) -> Arc<Snapshot> {
        let started = Instant::now();
        self.version += 1;
        let snapshot = match self.build_all() {
            Ok((files, base_url, hb)) => {
                let mut status = status_of(&hb);
                status.version = self.version;
                status.build_ms = started.elapsed().as_millis();
                Snapshot {
                    files,
                    base_url,
                    version: self.version,
                    status,
                }
            }
            Err(e) => {
                let last = self.last.clone().unwrap_or_default();
                let problem = Problem {
                    severity: "error",
                    kind: "could_not_build",
                    file: String::new(),
                    line: 0,
                    message: e.to_string(),
                };
                let status = Status {
                    version: self.version,
                    blocking: vec![problem.clone()],
                    problems: vec![problem],
                    policies: last.status.policies,
                    build_ms: started.elapsed().as_millis(),
                };
                Snapshot {
                    files: last.files.clone(),
                    base_url: if last.base_url.is_empty() {
                        "/".to_string()
                    } else {
                        last.base_url.clone()
                    },
                    version: self.version,
                    status,
                }
            }
        };
        let snapshot = Arc::new(snapshot);
        self.last = Some(snapshot.clone());
        snapshot
    }

    fn build_all(&self) -> Result<(Files, String, Handbook)> {
        let today = self
            .today
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
        let hb = Handbook::open(&self.root, today)?;
        let sink = MemorySink::default();
        build::render_site(&hb, &self.options, &sink)?;
        let base_url = self
            .options
            .render
            .base_url
            .as_deref()
            .map(crate::config::normalize_base_url)
            .unwrap_or_else(|| hb.config.base_url.clone());
        Ok((sink.into_files(), base_url, hb))
    }
}

/// The overlay's and the panel's problems for a checked handbook.
pub fn status_of(hb: &Handbook) -> Status {
    let blocking = hb
        .report
        .findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error
                && matches!(
                    f.kind,
                    Kind::InvalidFrontMatter
                        | Kind::InvalidConfig
                        | Kind::UnreadableFile
                        | Kind::DuplicateId
                )
        })
        .map(Problem::from)
        .collect();
    let problems = hb
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(Problem::from)
        .collect();
    Status {
        version: 0,
        blocking,
        problems,
        policies: hb.policies.len(),
        build_ms: 0,
    }
}
