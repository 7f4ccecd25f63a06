//! The handbook pipeline, up to **check**: [`Handbook::open`] loads,
//! parses, links and checks a handbook folder, one module per stage
//! ([`load`], [`parse`], [`link`], [`check`], with the references in prose
//! in [`prose`], template text left unfilled in [`placeholders`], which policy replaces which in [`supersession`], the review cascade in [`cascade`], and the report narrowed to a change in [`changed`]), with what they share:
//! settings ([`config`], with the owners registry in [`owners`] and the
//! front-matter defaults of `handbook.yaml` and `_folder.yaml` in [`defaults`],
//! the files left out in [`exclude`]), front-matter and its YAML ([`frontmatter`], a policy's revisions in [`history`],
//! [`yaml`], [`keys`]), a policy's status ([`lifecycle`]), policy names as people write them ([`names`]), bodies ([`markdown`]), review dates ([`review`]),
//! names ([`slug`]) and the findings every stage adds to ([`findings`]).
//! The site ([`crate::site`]) then renders and writes a checked handbook;
//! nothing here calls up into it, `serve` or the command line.

pub mod accessibility;
pub mod aliases;
pub mod cascade;
pub mod changed;
pub mod check;
pub mod config;
pub mod defaults;
pub mod exclude;
pub mod findings;
pub mod frontmatter;
pub mod history;
pub mod keys;
pub mod lifecycle;
pub mod link;
pub mod load;
pub mod markdown;
pub mod names;
pub mod owners;
pub mod parse;
pub mod placeholders;
pub mod plain;
pub mod prose;
pub mod review;
pub mod slug;
pub mod supersession;
pub mod yaml;

use crate::error::Result;
use check::Report;
use config::Config;
use findings::Finding;
use jiff::civil::Date;
use link::{Index, Links};
use parse::{Policy, Purpose};
use review::Status;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A handbook, loaded, parsed, linked and checked.
#[derive(Debug)]
pub struct Handbook {
    pub root: PathBuf,
    pub config: Config,
    /// In file path order.
    pub policies: Vec<Policy>,
    pub index: Index,
    pub links: Links,
    /// The day review status is judged on.
    pub today: Date,
    /// Files that could not be parsed at all.
    pub unparseable: Vec<String>,
    /// Files under `static/`, copied to the top of the site.
    pub statics: std::collections::BTreeSet<String>,
    /// Policy files and folders (`drafts/`) that `exclude:` in
    /// handbook.yaml leaves out.
    pub excluded: Vec<String>,
    /// The other files and folders not read, with why.
    pub skipped: Vec<(String, load::Skip)>,
    /// How long each stage took, for `--verbose`.
    pub timings: Timings,
    pub report: Report,
    /// What load found (settings, unreadable files), and what parsing found
    /// in each file: kept so that [`Handbook::relink`] can put the report
    /// together again after one file changes.
    load_findings: Vec<Finding>,
    parse_findings: BTreeMap<String, Vec<Finding>>,
    /// What the handbook was opened for (files read again keep the same).
    purpose: Purpose,
}

/// How long each stage of the pipeline took, in the order they ran:
/// what `--verbose` shows.
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<(Stage, std::time::Duration)>);

/// A stage of the pipeline, as `--verbose` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// load and parse run together: each file is parsed as it is read.
    Read,
    Link,
    Check,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read and parse the files",
            Stage::Link => "link the policies",
            Stage::Check => "check reviews and references",
        }
    }
}

impl Timings {
    /// Records how long `stage` took since `started`, once (a stage
    /// run again, as `serve` relinks, replaces its time).
    fn record(&mut self, stage: Stage, started: std::time::Instant) {
        let took = started.elapsed();
        match self.0.iter_mut().find(|(s, _)| *s == stage) {
            Some(slot) => slot.1 = took,
            None => self.0.push((stage, took)),
        }
    }
}

/// The handbook at `dir`, or else the one handbook in a folder right
/// below it (none when there are several: which one is meant cannot be
/// told).
pub fn find_handbook(dir: &Path) -> Option<PathBuf> {
    if dir.join(crate::handbook::config::FILE_NAME).is_file() {
        return Some(dir.to_path_buf());
    }
    let mut found = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.join(crate::handbook::config::FILE_NAME).is_file());
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

impl Handbook {
    /// Runs load → parse → link → check on the folder `root`.
    /// Fails only when the folder cannot be read (exit 2).
    pub fn open(root: &Path, today: Date, purpose: Purpose) -> Result<Handbook> {
        Handbook::open_with(root, today, purpose, &crate::progress::SILENT)
    }

    /// [`Handbook::open`], saying to `progress` how many files have been
    /// read.
    pub fn open_with(
        root: &Path,
        today: Date,
        purpose: Purpose,
        progress: &dyn crate::progress::Progress,
    ) -> Result<Handbook> {
        // Each file is parsed as soon as it is read, so that its text is
        // dropped before the others are read.
        let started = std::time::Instant::now();
        progress.start("Reading the policies", None);
        let loaded = load::load(root, |config, file| {
            progress.step();
            parse::parse_file(file, config, purpose)
        });
        progress.finish();
        let loaded = loaded?;
        let mut timings = Timings::default();
        timings.record(Stage::Read, started);
        let mut hb = Handbook::from_parsed(loaded, today, purpose);
        timings.0.append(&mut hb.timings.0);
        hb.timings = timings;
        Ok(hb)
    }

    /// Fails (exit 2) when there is not one policy file in the handbook:
    /// a typo in a CI path must not pass as "0 errors".
    pub fn require_policies(&self) -> Result<()> {
        if !self.report.files.is_empty() {
            return Ok(());
        }
        Err(crate::error::Error::Handbook(format!(
            "{} has a {} but no policies: write each policy as a .md file in this folder or a folder below it (names starting with _ or . are left out, and so is everything under {}/)",
            self.root.display(),
            crate::handbook::config::FILE_NAME,
            load::ASSETS_DIR,
        )))
    }

    /// What the handbook was opened for.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// Runs parse → link → check on files already loaded (or made in
    /// memory, as the fuzz targets do).
    pub fn from_loaded(loaded: load::Loaded, today: Date, purpose: Purpose) -> Handbook {
        let parsed = loaded.map_files(|config, file| parse::parse_file(file, config, purpose));
        Handbook::from_parsed(parsed, today, purpose)
    }

    /// Runs link → check on files loaded and parsed.
    fn from_parsed(
        loaded: load::Loaded<parse::ParsedFile>,
        today: Date,
        purpose: Purpose,
    ) -> Handbook {
        let mut loaded = loaded;
        if purpose == Purpose::Check {
            // build loads the theme itself, and stops when it cannot.
            check::check_theme(&loaded.root, &loaded.config, &mut loaded.findings);
        }
        check::check_statics(&loaded.statics, &mut loaded.findings);
        check::check_logo(&loaded.config, &loaded.assets, &mut loaded.findings);
        let parsed = parse::gather(loaded.files);
        let mut unparseable = parsed.unparseable;
        unparseable.extend(loaded.unreadable);
        unparseable.sort();
        // Each file's findings come together, so a file's name is looked
        // up once, not once for each of its (perhaps dozens of) notes.
        let mut parse_findings: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
        let mut findings = parsed.findings.into_iter().peekable();
        while let Some(first) = findings.next() {
            let file = first.file.clone();
            let mut group = vec![first];
            while let Some(f) = findings.next_if(|f| f.file == file) {
                group.push(f);
            }
            parse_findings.entry(file).or_default().append(&mut group);
        }
        let mut hb = Handbook {
            root: loaded.root,
            config: loaded.config,
            policies: parsed.policies,
            index: Index::with_files(link::Files {
                assets: loaded.assets,
                withheld: loaded.withheld,
                beside: loaded.beside,
            }),
            statics: loaded.statics,
            excluded: loaded.excluded,
            skipped: loaded.skipped,
            timings: Timings::default(),
            links: Links::default(),
            today,
            unparseable,
            report: Report::new(today, Vec::new(), Vec::new()),
            load_findings: loaded.findings,
            parse_findings,
            purpose,
        };
        hb.relink();
        hb
    }

    /// Runs link → check again over the parsed policies (after
    /// [`Handbook::reload_file`]). Only a handbook opened to be linked
    /// again ([`Purpose::relinks`]) keeps what loading and parsing found
    /// for the next time; any other hands it to the report (a large
    /// handbook's notes are tens of thousands).
    pub fn relink(&mut self) {
        let started = std::time::Instant::now();
        let mut findings = if self.purpose.relinks() {
            let mut kept = self.load_findings.clone();
            kept.extend(self.parse_findings.values().flatten().cloned());
            kept
        } else {
            let mut taken = std::mem::take(&mut self.load_findings);
            taken.extend(
                std::mem::take(&mut self.parse_findings)
                    .into_values()
                    .flatten(),
            );
            taken
        };
        let files = std::mem::take(&mut self.index).into_files();
        self.index = Index::build(&mut self.policies, files, &self.unparseable, &mut findings);
        self.index
            .add_aliases(&self.policies, &self.statics, &mut findings);
        supersession::resolve(&mut self.policies, &self.index, &mut findings);
        self.links = link::link(&self.policies, &self.index, &mut findings);
        self.timings.record(Stage::Link, started);
        let started = std::time::Instant::now();
        prose::check(&self.policies, &mut findings);
        cascade::check(&self.policies, &self.links, &mut findings);
        check::check_reviews(&self.policies, self.today, &self.config, &mut findings);
        check::apply_levels(&self.config, &mut findings);
        check::soften_drafts(&self.policies, &mut findings);
        let mut files: Vec<(String, Option<String>)> = self
            .policies
            .iter()
            .map(|p| (p.file.clone(), Some(p.id.clone())))
            .collect();
        files.extend(self.unparseable.iter().map(|f| (f.clone(), None)));
        files.sort();
        self.report = Report::new(self.today, files, findings);
        self.timings.record(Stage::Check, started);
    }

    /// Reads and parses one policy file again (or drops it, when it is
    /// gone), without linking: call [`Handbook::relink`] after.
    pub fn reload_file(&mut self, rel: &str) {
        self.policies.retain(|p| p.file != rel);
        self.unparseable.retain(|f| f != rel);
        self.parse_findings.remove(rel);
        self.load_findings.retain(|f| f.file != rel);
        if self.config.exclude.matches(rel) {
            return;
        }
        if let Some(warning) = load::link_out_of(&self.root, rel)
            .or_else(|| load::link_to_unpublished(&self.root, rel, &self.config))
        {
            self.load_findings.push(warning);
            return;
        }
        if !self.root.join(rel).is_file() {
            return;
        }
        let file = match load::read_policy(&self.root, rel) {
            Ok(mut file) => {
                self.load_findings.extend(file.warning.take().map(|w| *w));
                file
            }
            Err(finding) => {
                self.load_findings.push(*finding);
                let at = self.unparseable.partition_point(|f| f.as_str() < rel);
                self.unparseable.insert(at, rel.to_string());
                return;
            }
        };
        let parsed = parse::parse_file(file, &self.config, self.purpose);
        let mut findings = parsed.findings;
        match parsed.policy {
            Ok(policy) => {
                let at = self.policies.partition_point(|p| p.file.as_str() < rel);
                self.policies.insert(at, policy);
            }
            Err(parse::Fatal(finding)) => {
                findings.push(*finding);
                let at = self.unparseable.partition_point(|f| f.as_str() < rel);
                self.unparseable.insert(at, rel.to_string());
            }
        }
        if !findings.is_empty() {
            self.parse_findings.insert(rel.to_string(), findings);
        }
    }

    /// The index of the policy in `file`.
    pub fn policy_by_file(&self, file: &str) -> Option<usize> {
        self.policies
            .binary_search_by(|p| p.file.as_str().cmp(file))
            .ok()
    }

    /// The status key and label pages and search show: the review status,
    /// or "draft" for drafts.
    pub fn status_label(&self, policy: &Policy) -> (&'static str, &'static str) {
        match policy.status {
            crate::handbook::lifecycle::Lifecycle::Draft => ("draft", "Draft"),
            _ => {
                let s = self.status(policy);
                (s.key(), s.label())
            }
        }
    }

    /// A policy's review status as of [`Handbook::today`].
    pub fn status(&self, policy: &Policy) -> Status {
        check::status(policy, self.today, &self.config)
    }
}
