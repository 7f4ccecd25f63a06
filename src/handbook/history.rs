//! `history:` in the front-matter: a policy's revisions, each with a
//! date, a version, a summary and who approved it, shown on the page as a
//! revision history, newest first. Part of the **parse** stage: the
//! entries are read and checked here (each problem a finding with the
//! file, the line and the key), and [`crate::handbook::parse`] compares
//! the newest with the policy's `version`.

use crate::handbook::findings::{Finding, Kind};
use crate::handbook::yaml::{self, Node, Value};
use jiff::civil::Date;

/// One revision of a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub date: Date,
    pub version: Option<String>,
    pub summary: Option<String>,
    pub approved_by: Option<String>,
    /// The file line the entry starts on.
    pub line: u32,
}

/// The keys a revision has.
const KEYS: &[&str] = &["date", "version", "summary", "approved_by"];

/// How a revision is written, for messages.
const EXAMPLE: &str =
    "- { date: 2025-10-01, version: \"2.0\", summary: Rewritten for the new guidance }";

/// The revisions of `node` (the value of `history:`), newest first (the
/// order written, for revisions of the same day). `offset` turns a line
/// of the YAML into a line of `file`.
pub fn read(file: &str, offset: u32, node: &Node, findings: &mut Vec<Finding>) -> Vec<Revision> {
    let error = |findings: &mut Vec<Finding>, line: u32, message: String| {
        findings.push(
            Finding::error(Kind::InvalidFrontMatter, file, line + offset, message).key("history"),
        );
    };
    let items = match &node.value {
        Value::Null => return Vec::new(),
        Value::List(items) => items,
        other => {
            error(
                findings,
                node.line,
                format!(
                    "history should be a list of revisions, newest or oldest first, each like `{EXAMPLE}`, but it is {}",
                    other.describe()
                ),
            );
            return Vec::new();
        }
    };
    let mut revisions = Vec::new();
    for item in items {
        let Value::Map(entries) = &item.value else {
            error(
                findings,
                item.line,
                format!(
                    "each revision in history should have a date, a version and a summary, like `{EXAMPLE}`, but one is {}",
                    item.value.describe()
                ),
            );
            continue;
        };
        let mut date = None;
        let mut version = None;
        let mut summary = None;
        let mut approved_by = None;
        let mut seen: Vec<(&str, u32)> = Vec::new();
        for (key_node, value) in entries {
            let key = yaml::key_text(key_node);
            if let Some(&(_, first)) = seen.iter().find(|(k, _)| *k == key) {
                error(
                    findings,
                    key_node.line,
                    format!(
                        "history: {}",
                        crate::handbook::keys::written_twice(
                            key,
                            first + offset,
                            key_node.line + offset
                        )
                    ),
                );
            }
            seen.push((key, key_node.line));
            let text = match value.value.as_text() {
                Some(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
                Some(_) => None,
                None if value.value == Value::Null => None,
                None => {
                    error(
                        findings,
                        value.line,
                        format!(
                            "history: {key} should be a single piece of text, but it is {}",
                            value.value.describe()
                        ),
                    );
                    continue;
                }
            };
            match key {
                "date" => {
                    date = text.and_then(|t| match crate::handbook::review::read_date(&t) {
                        Ok(d) => Some(d),
                        Err(hint) => {
                            error(
                                findings,
                                value.line,
                                format!("history: date \"{t}\" is not a date ({hint})"),
                            );
                            None
                        }
                    })
                }
                "version" => version = text,
                "summary" => summary = text,
                "approved_by" => approved_by = text,
                _ => {
                    let unknown = crate::handbook::keys::Unknown {
                        file,
                        line: key_node.line + offset,
                        key,
                        what: "key of a revision in history",
                        otherwise: "a revision has date, version, summary and approved_by",
                        decisive: &["date"],
                        decides: "when the policy was last revised",
                    };
                    let mut f = unknown.finding(KEYS.iter().copied());
                    f.key = Some("history".to_string());
                    findings.push(f);
                }
            }
        }
        let Some(date) = date else {
            // A date that is there but not a date is reported above.
            let written = entries.iter().any(|(k, v)| {
                yaml::key_text(k) == "date"
                    && v.value.as_text().is_some_and(|t| !t.trim().is_empty())
            });
            if !written {
                error(
                    findings,
                    item.line,
                    format!(
                        "a revision in history has no date: write one as YYYY-MM-DD, like `{EXAMPLE}`"
                    ),
                );
            }
            continue;
        };
        for (missing, what) in [(&version, "version"), (&summary, "summary")] {
            if missing.is_none() {
                error(
                    findings,
                    item.line,
                    format!(
                        "the revision of {date} in history has no {what}: add one, like `{EXAMPLE}`"
                    ),
                );
            }
        }
        revisions.push(Revision {
            date,
            version,
            summary,
            approved_by,
            line: item.line + offset,
        });
    }
    // Newest first; a stable sort keeps revisions of one day as written.
    revisions.sort_by_key(|r| std::cmp::Reverse(r.date));
    revisions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_yaml(text: &str) -> (Vec<Revision>, Vec<Finding>) {
        let node = yaml::parse(text).unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        let mut findings = Vec::new();
        let revisions = read("p.md", 1, &entries[0].1, &mut findings);
        (revisions, findings)
    }

    #[test]
    fn revisions_are_read_newest_first() {
        let (r, f) = read_yaml(
            "history:\n  - { date: 2023-05-01, version: \"1.0\", summary: First }\n  - date: 2025-10-01\n    version: 2.0\n    summary: Rewritten\n    approved_by: Trustees\n",
        );
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].version.as_deref(), Some("2.0"));
        assert_eq!(r[0].approved_by.as_deref(), Some("Trustees"));
        assert_eq!(r[0].line, 4);
        assert_eq!(r[1].summary.as_deref(), Some("First"));
    }

    #[test]
    fn every_problem_has_its_line() {
        let (r, f) = read_yaml(
            "history:\n  - just a string\n  - { date: 1 May 2023, version: 1, summary: x }\n  - { version: 2, summary: y }\n  - { date: 2024-01-01, sumary: z, version: [3] }\n",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        let lines: Vec<(u32, &str)> = f.iter().map(|f| (f.line, f.message.as_str())).collect();
        assert!(lines[0].1.contains("but one is text"), "{lines:?}");
        assert_eq!(lines[0].0, 3);
        assert!(
            lines[1].1.contains("\"1 May 2023\" is not a date"),
            "{lines:?}"
        );
        assert!(lines[2].1.contains("has no date"), "{lines:?}");
        assert!(
            lines
                .iter()
                .any(|(_, m)| m.contains("did you mean summary")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(_, m)| m.contains("version should be a single piece of text")),
            "{lines:?}"
        );
        assert!(f.iter().all(|f| f.key.as_deref() == Some("history")));
        let (_, f) = read_yaml("history: yes\n");
        assert!(
            f[0].message
                .starts_with("history should be a list of revisions"),
            "{f:?}"
        );
    }
}
