//! Keys of a YAML map, for front-matter and `handbook.yaml` alike: a key
//! written twice, and a key policybook does not know, with its "did you
//! mean" and how much the typo matters. Part of the **parse** stage (and
//! of reading the settings in **load**).

use crate::handbook::findings::{Finding, Kind, Severity};
use crate::handbook::yaml::{self, Node, Value};
use std::collections::BTreeMap;

/// `keys:` in `handbook.yaml`: the keys a collection already uses, each
/// with the front-matter key it stands for and the line it is mapped on.
pub type Mapping = BTreeMap<String, (String, u32)>;

/// Reads `keys:` (`name: title`, `effective_date: approved`). A mapping
/// onto a key that is not a front-matter key (one of `known`), or of one
/// of those keys onto another, is an error on its line and left out.
pub fn read_mapping<'k>(
    node: &Node,
    known: impl IntoIterator<Item = &'k str> + Clone,
    file: &str,
    findings: &mut Vec<Finding>,
) -> Mapping {
    let error = |line, message: String| {
        Finding::error(Kind::InvalidConfig, file, line, message).key("keys")
    };
    let entries = match &node.value {
        Value::Map(entries) => entries,
        Value::Null => return Mapping::new(),
        other => {
            findings.push(error(
                node.line,
                format!(
                    "keys should map the keys your policies use onto policybook's, one per line, such as `effective_date: approved`, but it is {}",
                    other.describe()
                ),
            ));
            return Mapping::new();
        }
    };
    let mut mapping = Mapping::new();
    for (from_node, to_node) in entries {
        let from = yaml::key_text(from_node);
        let line = from_node.line;
        let Some(to) = to_node.value.as_text().map(|t| t.trim().to_string()) else {
            findings.push(error(
                line,
                format!("keys: {from} should name one front-matter key, such as title or approved"),
            ));
            continue;
        };
        if known.clone().into_iter().any(|k| k == from) {
            findings.push(error(
                line,
                format!("keys: {from} is one of policybook's own front-matter keys, so it cannot stand for another: take it out of keys"),
            ));
            continue;
        }
        if !known.clone().into_iter().any(|k| k == to) {
            let hint = match closest_key(&to, known.clone()) {
                Some(k) => format!("did you mean {k}?"),
                None => "map it onto a key the handbook format defines, or add it to extra_keys"
                    .to_string(),
            };
            findings.push(error(
                line,
                format!(
                    "keys: {from} is mapped onto {to}, which is not a front-matter key ({hint})"
                ),
            ));
            continue;
        }
        if let Some((_, first)) = mapping.insert(from.to_string(), (to, line)) {
            findings.push(error(line, written_twice(from, first, line)));
        }
    }
    mapping
}

/// Front-matter keys that decide a policy's review status or its links: a
/// typo of one of them silently switches the CI gate off for that policy
/// (`reveiw_by` leaves it with no review date), so it is an error.
pub const DECISIVE: &[&str] = &[
    "review_by",
    "review_every",
    "last_reviewed",
    "approved",
    "related",
    "status",
    "id",
    "supersedes",
    "superseded_by",
];

/// The message for a key written a second time, on `line`.
pub fn written_twice(key: &str, first: u32, line: u32) -> String {
    format!(
        "{key} is written twice (lines {first} and {line}); delete one of them (the last one is used)"
    )
}

/// What is wrong with `key`, which is none of `known`, in `file`: a warning
/// with "did you mean" when a known key is close, or an error when that key
/// is one of `decisive`. `what` names the kind of key ("front-matter key",
/// "setting"); `otherwise` says what to do when nothing is close.
pub struct Unknown<'a> {
    pub file: &'a str,
    pub line: u32,
    pub key: &'a str,
    pub what: &'a str,
    pub otherwise: &'a str,
    pub decisive: &'a [&'a str],
    /// What a missing decisive key changes: "the policy's review status
    /// or links".
    pub decides: &'a str,
}

impl Unknown<'_> {
    pub fn finding<'k>(&self, known: impl IntoIterator<Item = &'k str> + Clone) -> Finding {
        let key = self.key;
        let what = self.what;
        let suggestion = closest_key(key, known);
        let (severity, message) = match suggestion {
            Some(k) if self.decisive.contains(&k) => (
                Severity::Error,
                format!(
                    "{key} is not a {what} policybook knows; did you mean {k}? (an error, not a warning: as written, {k} is missing, which changes {})",
                    self.decides
                ),
            ),
            Some(k) => (
                Severity::Warning,
                format!("{key} is not a {what} policybook knows; did you mean {k}?"),
            ),
            None => (
                Severity::Warning,
                format!(
                    "{key} is not a {what} policybook knows ({})",
                    self.otherwise
                ),
            ),
        };
        let mut f =
            Finding::new(Kind::UnknownKey, severity, self.file, self.line, message).key(key);
        f.suggestion = suggestion.map(str::to_string);
        f
    }
}

/// The known key `key` was most likely meant to be: the same but for case
/// or `-` and spaces for `_` (`Review-By`), a near miss (`reveiw_by`), or
/// one that starts with it or that it starts with (`due_soon` for
/// `due_soon_days`).
pub fn closest_key<'k>(
    key: &str,
    known: impl IntoIterator<Item = &'k str> + Clone,
) -> Option<&'k str> {
    let normal: String = key
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    if let Some(k) = known.clone().into_iter().find(|k| *k == normal) {
        return Some(k);
    }
    if let Some(k) = crate::handbook::slug::closest(&normal, known.clone()) {
        return Some(k);
    }
    if normal.len() < 4 {
        return None;
    }
    known
        .into_iter()
        .filter(|k| k.len() >= 4 && (k.starts_with(&normal) || normal.starts_with(k)))
        .min_by_key(|k| (k.len().abs_diff(normal.len()), *k))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["title", "review_by", "review_every", "due_soon_days", "id"];

    #[test]
    fn near_misses() {
        for (key, want) in [
            ("reveiw_by", Some("review_by")),
            ("Review-By", Some("review_by")),
            ("REVIEW_BY", Some("review_by")),
            ("due_soon", Some("due_soon_days")),
            ("ID", Some("id")),
            ("titel", Some("title")),
            ("funding_body", None),
            ("x", None),
        ] {
            assert_eq!(closest_key(key, KNOWN.iter().copied()), want, "{key}");
        }
    }

    #[test]
    fn a_typo_of_a_decisive_key_is_an_error() {
        let unknown = |key| Unknown {
            file: "p.md",
            line: 3,
            key,
            what: "front-matter key",
            otherwise: "add it to extra_keys",
            decisive: DECISIVE,
            decides: "the policy's review status or links",
        };
        let f = unknown("reveiw_by").finding(KNOWN.iter().copied());
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.message.contains("did you mean review_by?"),
            "{}",
            f.message
        );
        assert_eq!(f.suggestion.as_deref(), Some("review_by"));
        assert_eq!(
            unknown("titel").finding(KNOWN.iter().copied()).severity,
            Severity::Warning
        );
        let f = unknown("funding_body").finding(KNOWN.iter().copied());
        assert_eq!(f.severity, Severity::Warning);
        assert!(
            f.message.ends_with("(add it to extra_keys)"),
            "{}",
            f.message
        );
    }
}
