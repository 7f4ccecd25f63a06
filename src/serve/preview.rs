//! The preview a `serve` session shows: the site built in memory, rebuilt
//! when files change, with the current problems beside it. Nothing is
//! written to disk.

use super::change::Change;
use crate::error::Result;
use crate::handbook::Handbook;
use crate::handbook::findings::{Finding, Kind, Severity};
use crate::handbook::parse::Purpose;
use crate::site::build::BuildOptions;
use crate::site::render::Renderer;
use crate::site::search::live::LiveIndex;
use crate::site::theme::Theme;
use crate::site::write::{Files, MemorySink};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Instant;

/// One published state of the preview: what the HTTP server hands out.
#[derive(Default)]
pub struct Snapshot {
    /// Site files by path relative to the site root.
    pub files: Files,
    /// The search index, whose files are made on request.
    pub search: Option<Arc<Mutex<LiveIndex>>>,
    /// Always starts and ends with `/`.
    pub base_url: String,
    /// Counts up with every rebuild.
    pub version: u64,
    pub status: Status,
    /// Each policy page's long sentences, for the browser to highlight.
    pub sentences: super::highlights::Sentences,
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
    state: Option<State>,
    /// For each policy file that cannot be read now, its page as it was
    /// when it last could be (its path and bytes): shown under the
    /// problem's overlay instead of "Page not found" while the editor
    /// fixes it.
    last_good: HashMap<String, (String, Arc<[u8]>)>,
}

/// What an incremental rebuild starts from.
struct State {
    hb: Handbook,
    tera: tera::Tera,
    files: Files,
    search: Arc<Mutex<LiveIndex>>,
    base_url: String,
}

impl Preview {
    pub fn new(root: &Path, today: Option<Date>, options: BuildOptions) -> Preview {
        Preview {
            root: root.to_path_buf(),
            today,
            options,
            version: 0,
            last: None,
            state: None,
            last_good: HashMap::new(),
        }
    }

    /// Rebuilds after `changes` and returns the new snapshot: only the
    /// pages a change to policy files affects, or everything after any
    /// other change. When the site cannot be built at all (the handbook
    /// folder vanished, a theme template is broken), the last good pages
    /// are kept and the problem is shown over them.
    pub fn rebuild(&mut self, changes: &[Change]) -> Arc<Snapshot> {
        let started = Instant::now();
        self.version += 1;
        let policies: Option<Vec<String>> = changes
            .iter()
            .map(|c| match c {
                Change::Policy(rel) => Some(rel.clone()),
                _ => None,
            })
            .collect();
        // The pages of the changed policies as they are now, in case a
        // change makes one unreadable.
        let pages_before: Vec<(String, String)> = match (&policies, &self.state) {
            (Some(files), Some(state)) => files
                .iter()
                .filter_map(|f| {
                    state
                        .hb
                        .policy_by_file(f)
                        .map(|i| (f.clone(), state.hb.policies[i].id.clone()))
                })
                .map(|(f, id)| (f, crate::site::render::urls::policy(&id)))
                .collect(),
            _ => Vec::new(),
        };
        let today = self.today();
        // The policy files rebuilt on their own, if that is all it is.
        let mut only = None;
        let result = match (policies, self.state.take()) {
            (Some(files), Some(state)) if !files.is_empty() && state.hb.today == today => {
                let state = self.incremental(state, &files);
                only = Some(files);
                state
            }
            _ => self.build_all(),
        };
        let snapshot = match result {
            Ok(mut state) => {
                self.keep_last_good_pages(&mut state, &pages_before);
                let sentences = match (&only, &self.last) {
                    (Some(files), Some(last)) => super::highlights::update(
                        &last.sentences,
                        &state.hb,
                        &self.options.render,
                        files,
                    ),
                    _ => super::highlights::of(&state.hb, &self.options.render),
                };
                let mut status = status_of(&state.hb);
                status.version = self.version;
                status.build_ms = started.elapsed().as_millis();
                let snapshot = Snapshot {
                    files: state.files.clone(),
                    search: Some(state.search.clone()),
                    base_url: state.base_url.clone(),
                    version: self.version,
                    status,
                    sentences,
                };
                self.state = Some(state);
                snapshot
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
                    search: last.search.clone(),
                    base_url: if last.base_url.is_empty() {
                        "/".to_string()
                    } else {
                        last.base_url.clone()
                    },
                    version: self.version,
                    status,
                    sentences: last.sentences.clone(),
                }
            }
        };
        let snapshot = Arc::new(snapshot);
        self.last = Some(snapshot.clone());
        snapshot
    }

    /// Puts back, under their problem's overlay, the last good page of
    /// each policy file that cannot be read now; forgets those that can.
    fn keep_last_good_pages(&mut self, state: &mut State, pages_before: &[(String, String)]) {
        let unreadable: HashSet<&str> = state.hb.unparseable.iter().map(String::as_str).collect();
        self.last_good
            .retain(|file, _| unreadable.contains(file.as_str()));
        if let Some(last) = &self.last {
            for (file, page) in pages_before {
                if unreadable.contains(file.as_str())
                    && let Some(bytes) = last.files.get(page)
                {
                    self.last_good
                        .insert(file.clone(), (page.clone(), bytes.clone()));
                }
            }
        }
        for (page, bytes) in self.last_good.values() {
            state
                .files
                .entry(page.clone())
                .or_insert_with(|| bytes.clone());
        }
    }

    fn today(&self) -> Date {
        self.today
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }

    fn build_all(&self) -> Result<State> {
        let hb = Handbook::open(&self.root, self.today(), Purpose::Preview)?;
        let theme = Theme::load(&hb.root, &hb.config.theme)?;
        let tera = theme.tera()?;
        let sink = MemorySink::default();
        crate::site::render::write_files(&hb, &theme, &self.options.render, &sink)?;
        let renderer = Renderer::new(&hb, &tera, &self.options.render);
        renderer.render_pages(&renderer.all_pages(), &sink, &crate::progress::SILENT)?;
        drop(renderer);
        let search = LiveIndex::new(
            &hb,
            &crate::site::render::published(&hb, &self.options.render),
        )?;
        let base_url = self.base_url(&hb);
        Ok(State {
            hb,
            tera,
            files: sink.into_files(),
            search: Arc::new(Mutex::new(search)),
            base_url,
        })
    }

    fn base_url(&self, hb: &Handbook) -> String {
        self.options.render.base_url(&hb.config)
    }

    /// Re-reads the changed policy files and renders the pages they touch:
    /// their own, the pages that link to them or that they link to (before
    /// and after the change), and the listings they appear on.
    fn incremental(&self, mut state: State, changed: &[String]) -> Result<State> {
        let options = &self.options.render;
        // What the changed policies touch, before and after the change.
        let before = crate::site::render::affected::Before::of(&state.hb, changed, options);
        for rel in changed {
            state.hb.reload_file(rel);
        }
        state.hb.relink();
        let hb = &state.hb;
        let sink = MemorySink::from_files(std::mem::take(&mut state.files));
        let searched = before.search_changes(hb, changed);
        before.render_after(hb, &state.tera, options, changed, &sink)?;
        let published = crate::site::render::published(hb, &self.options.render);
        state
            .search
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .update(hb, &published, &searched)?;
        state.files = sink.into_files();
        Ok(state)
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
