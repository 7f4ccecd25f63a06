//! Findings: everything `check` reports about a handbook.
//!
//! Every stage (load, parse, link, check) adds findings to one list instead
//! of stopping at the first problem; the report formats in [`crate::report`]
//! print that list.

use jiff::civil::Date;
use serde::Serialize;

/// What kind of problem a finding is. The serialized names are the `kind`
/// values of `check --format json` (see `cli.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    InvalidFrontMatter,
    DuplicateId,
    UnknownKey,
    Overdue,
    DueSoon,
    NoReviewDate,
    ReviewDateMismatch,
    BrokenReference,
    BrokenAnchor,
    LinksToRetired,
    LinksToDraft,
    ExternalLink,
    /// A problem with `handbook.yaml` or a file that is not a policy
    /// (an extension to `cli.md`'s list).
    InvalidConfig,
    /// A file that could not be read as text.
    UnreadableFile,
    /// A file read as Windows-1252 rather than UTF-8.
    Encoding,
    /// Raw HTML that is removed from the page (scripts, frames, handlers).
    UnsafeHtml,
}

impl Kind {
    /// The snake_case name, as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::InvalidFrontMatter => "invalid_front_matter",
            Kind::DuplicateId => "duplicate_id",
            Kind::UnknownKey => "unknown_key",
            Kind::Overdue => "overdue",
            Kind::DueSoon => "due_soon",
            Kind::NoReviewDate => "no_review_date",
            Kind::ReviewDateMismatch => "review_date_mismatch",
            Kind::BrokenReference => "broken_reference",
            Kind::BrokenAnchor => "broken_anchor",
            Kind::LinksToRetired => "links_to_retired",
            Kind::LinksToDraft => "links_to_draft",
            Kind::ExternalLink => "external_link",
            Kind::InvalidConfig => "invalid_config",
            Kind::UnreadableFile => "unreadable_file",
            Kind::Encoding => "encoding",
            Kind::UnsafeHtml => "unsafe_html",
        }
    }
}

/// How much a finding matters. Errors fail `check`; warnings fail it only
/// under `--strict`; info never does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem (or note) about one place in the handbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    /// The policy's id, when the finding is about a policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// Relative to the handbook root, with `/` separators.
    pub file: String,
    /// 1-based line in the file as the editor sees it (1 for problems with
    /// the whole file).
    pub line: u32,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_date")]
    pub review_by: Option<Date>,
}

fn ser_date<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

impl Finding {
    /// A finding with the fields every finding has; the builders below add
    /// the rest.
    pub fn new(kind: Kind, severity: Severity, file: &str, line: u32, message: String) -> Self {
        Finding {
            kind,
            severity,
            policy: None,
            file: file.to_string(),
            line: line.max(1),
            message,
            key: None,
            target: None,
            suggestion: None,
            owner: None,
            review_by: None,
        }
    }

    pub fn error(kind: Kind, file: &str, line: u32, message: String) -> Self {
        Self::new(kind, Severity::Error, file, line, message)
    }

    pub fn warning(kind: Kind, file: &str, line: u32, message: String) -> Self {
        Self::new(kind, Severity::Warning, file, line, message)
    }

    pub fn policy(mut self, id: &str) -> Self {
        self.policy = Some(id.to_string());
        self
    }

    pub fn key(mut self, key: &str) -> Self {
        self.key = Some(key.to_string());
        self
    }

    pub fn target(mut self, target: &str) -> Self {
        self.target = Some(target.to_string());
        self
    }

    /// `file:line: message`, the one-line form used on terminals.
    pub fn location(&self) -> String {
        if self.line > 0 {
            format!("{}:{}", self.file, self.line)
        } else {
            self.file.clone()
        }
    }
}

/// Counts for the report's `summary`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub overdue: usize,
    pub due_soon: usize,
    pub broken_references: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Self {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => {}
            }
            // Notes (drafts, external links) are listed but not counted.
            if f.severity == Severity::Info {
                continue;
            }
            match f.kind {
                Kind::Overdue => s.overdue += 1,
                Kind::DueSoon => s.due_soon += 1,
                Kind::BrokenReference | Kind::BrokenAnchor => s.broken_references += 1,
                _ => {}
            }
        }
        s
    }
}
