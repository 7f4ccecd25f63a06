//! The pipeline up to **check**: [`Handbook::open`] loads, parses, links
//! and checks a handbook folder. `build` then renders and writes it;
//! `check` only reports it.

use crate::check::{self, Report};
use crate::config::Config;
use crate::error::Result;
use crate::findings::Finding;
use crate::link::{self, Index, Links};
use crate::load;
use crate::parse::{self, Policy};
use crate::review::Status;
use jiff::civil::Date;
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
    pub report: Report,
}

impl Handbook {
    /// Runs load → parse → link → check on the folder `root`.
    /// Fails only when the folder cannot be read (exit 2).
    pub fn open(root: &Path, today: Date) -> Result<Handbook> {
        let loaded = load::load(root)?;
        let mut findings: Vec<Finding> = loaded.findings;
        let config = loaded.config;

        let parsed = parse::parse_all(loaded.files, &config);
        findings.extend(parsed.findings);
        let mut policies = parsed.policies;

        let index = Index::build(&mut policies, loaded.assets, &mut findings);
        let links = link::link(&policies, &index, &mut findings);

        check::check_reviews(&policies, today, &config, &mut findings);
        check::soften_drafts(&policies, &mut findings);
        let report = Report::new(today, policies.len() + parsed.unparseable.len(), findings);

        Ok(Handbook {
            root: loaded.root,
            config,
            policies,
            index,
            links,
            today,
            unparseable: parsed.unparseable,
            report,
        })
    }

    /// The status key and label pages and search show: the review status,
    /// or "draft" for drafts.
    pub fn status_label(&self, policy: &Policy) -> (&'static str, &'static str) {
        match policy.status {
            crate::frontmatter::Lifecycle::Draft => ("draft", "Draft"),
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
