//! Findings: everything `check` reports about a handbook.
//!
//! Every stage (load, parse, link, check) adds findings to one list instead
//! of stopping at the first problem; the report formats in [`crate::report`]
//! print that list.

use jiff::civil::Date;
use serde::Serialize;

/// Declares [`Kind`], its names and [`Kind::ALL`] from one list, so that
/// no kind can be added without a name or be left out of the list that
/// the contract test (`docs/cli.md`) goes through.
macro_rules! kinds {
    ($($(#[doc = $doc:literal])* $kind:ident => $name:literal,)*) => {
        /// What kind of problem a finding is. The names are the `kind`
        /// values of `check --format json`; `docs/cli.md` lists each with
        /// its severity and meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($(#[doc = $doc])* $kind,)*
        }

        impl Kind {
            /// Every kind, in declaration order.
            pub const ALL: &[Kind] = &[$(Kind::$kind,)*];

            /// The snake_case name, as in the JSON report.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Kind::$kind => $name,)*
                }
            }

            /// The kind of a snake_case name, as `fail_on:` lists it.
            pub fn from_name(name: &str) -> Option<Kind> {
                match name {
                    $($name => Some(Kind::$kind),)*
                    _ => None,
                }
            }
        }
    };
}

kinds! {
    InvalidFrontMatter => "invalid_front_matter",
    DuplicateId => "duplicate_id",
    UnknownKey => "unknown_key",
    Overdue => "overdue",
    DueSoon => "due_soon",
    NoReviewDate => "no_review_date",
    ReviewDateMismatch => "review_date_mismatch",
    BrokenReference => "broken_reference",
    BrokenAnchor => "broken_anchor",
    /// A link to a policy whose file is there but could not be read (its
    /// front-matter is broken): reported once, beside that file's error.
    LinksToUnreadable => "links_to_unreadable",
    LinksToRetired => "links_to_retired",
    /// A link to a policy that another replaces.
    LinksToSuperseded => "links_to_superseded",
    /// `supersedes` and `superseded_by` say different things.
    SupersessionDisagrees => "supersession_disagrees",
    LinksToDraft => "links_to_draft",
    ExternalLink => "external_link",
    /// A problem with `handbook.yaml` or the theme it names.
    InvalidConfig => "invalid_config",
    /// A file that could not be read as text, or was skipped.
    UnreadableFile => "unreadable_file",
    /// A file read as Windows-1252 rather than UTF-8.
    Encoding => "encoding",
    /// Raw HTML that is removed from the page (scripts, frames, handlers).
    UnsafeHtml => "unsafe_html",
    /// A policy named in prose, not linked ("see the Complaints Policy").
    UnlinkedPolicyName => "unlinked_policy_name",
    /// A policy named in prose that the handbook does not have.
    UnknownPolicyName => "unknown_policy_name",
    /// An owner written another way than the registered one.
    OwnerMisspelt => "owner_misspelt",
    /// An owner not in the registry, when `require_registered_owners`.
    UnregisteredOwner => "unregistered_owner",
    /// A `# TODO` comment left in the front-matter (as `import` writes).
    Todo => "todo",
    /// `version` and the newest revision in `history` disagree.
    VersionMismatch => "version_mismatch",
    /// A policy this one links to was revised after this one's last review.
    LinkedPolicyChanged => "linked_policy_changed",
    /// A value written as other tools write it (a review cycle in a word
    /// that does not say it exactly, a date not written YYYY-MM-DD under a
    /// key `keys:` maps, a link to `foo.html`),
    /// read as policybook's own: says how it was read and how to write it.
    Interpreted => "interpreted",
    /// Template text (`{{companyName}}`, `{% if %}`) left in a policy's
    /// body: it was made from a template and not filled in.
    UnfilledPlaceholder => "unfilled_placeholder",
    /// A sentence longer than `plain_english.max_sentence_words`.
    LongSentence => "long_sentence",
    /// A policy whose Flesch reading ease is below
    /// `plain_english.min_reading_ease`.
    HardToRead => "hard_to_read",
    /// A word or phrase with a plainer alternative ("utilise": "use").
    PlainWord => "plain_word",
}

impl Kind {
    /// The kinds `warn_on:` cannot soften: each means that `build` stops,
    /// leaves a policy out, or links to the wrong page.
    pub const ALWAYS_ERRORS: &[Kind] = &[
        Kind::InvalidConfig,
        Kind::InvalidFrontMatter,
        Kind::UnreadableFile,
        Kind::DuplicateId,
    ];

    /// The plain-English kinds (issue #31), of how a policy is written
    /// rather than of what is wrong with it: a policy page leaves them out
    /// of its problems (they are for its editor, in `check` and `serve`).
    pub const PLAIN_ENGLISH: &[Kind] = &[Kind::LongSentence, Kind::HardToRead, Kind::PlainWord];
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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

    /// The severity [`Self::as_str`] names `text`, as a setting writes it.
    pub fn named(text: &str) -> Option<Severity> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| s.as_str() == text)
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_by: Option<Date>,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds in the table of `docs/cli.md`.
    fn documented() -> Vec<String> {
        let doc = include_str!("../../docs/cli.md");
        let table = doc
            .split("### Finding kinds")
            .nth(1)
            .expect("docs/cli.md has a Finding kinds section");
        table
            .lines()
            .skip_while(|l| !l.starts_with("| kind |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| l.split('`').nth(1).unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn every_kind_is_in_the_contract_and_nothing_else_is() {
        let names: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
        let documented = documented();
        for name in &names {
            assert!(
                documented.contains(name),
                "{name} is not in the table of docs/cli.md"
            );
        }
        for name in &documented {
            assert!(
                names.contains(name),
                "docs/cli.md lists {name}, which the code does not have"
            );
        }
        // The JSON name is the documented one.
        for k in Kind::ALL {
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::Value::String(k.as_str().to_string())
            );
        }
    }
}
