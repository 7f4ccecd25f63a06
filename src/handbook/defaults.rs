//! Defaults: front-matter values a policy does not write itself, from
//! `defaults:` in `handbook.yaml` and from a `_folder.yaml` in any folder
//! (for the policies in it and below it). Read once per handbook in
//! **load** (each layer's values checked there, so that a bad default is
//! reported once, on its own line) and applied to each policy in **parse**:
//! the nearest folder's value wins over a farther one's, and the policy's
//! own front-matter over all of them.
//!
//! A policy remembers where each defaulted value was set ([`Source`]), so
//! that its page and `check` can say so.

use crate::handbook::config::Config;
use crate::handbook::findings::{Finding, Kind};
use crate::handbook::frontmatter::{self, At, Entries, FrontMatter, Scope};
use crate::handbook::yaml::{Node, Value};
use std::collections::BTreeMap;

/// The file in a folder that holds defaults for the policies under it.
pub const FOLDER_FILE: &str = "_folder.yaml";

/// The front-matter keys a default may set (and `extra_keys`): what many
/// policies share. A title, an id, links and history belong to one policy.
pub const KEYS: &[&str] = &[
    "owner",
    "owner_email",
    "approved_by",
    "approved",
    "last_reviewed",
    "review_every",
    "review_by",
    "category",
    "tags",
    "status",
];

/// Where a default was set: `handbook.yaml` or a `_folder.yaml`, and the
/// line of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file: String,
    pub line: u32,
}

impl Source {
    /// ", from people/_folder.yaml line 2", for messages.
    pub fn note(&self) -> String {
        format!(", from {} line {}", self.file, self.line)
    }
}

/// One file's defaults, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub file: String,
    pub values: FrontMatter,
}

/// Every layer of defaults in a handbook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Defaults {
    /// `defaults:` in `handbook.yaml`.
    pub handbook: Option<Layer>,
    /// Each `_folder.yaml`, by its folder (`""` at the root, `people`,
    /// `people/leave`).
    pub folders: BTreeMap<String, Layer>,
}

impl Defaults {
    /// Whether there are any: a handbook without them pays nothing.
    pub fn is_empty(&self) -> bool {
        self.handbook.is_none() && self.folders.is_empty()
    }

    /// Fills in what the policy at `rel` does not write from the nearest
    /// layer that sets it, recording where each value came from. A key the
    /// policy writes (even with a value that could not be read) is its own;
    /// one written with no value (`owner:`) is filled in.
    pub fn apply(&self, rel: &str, fm: &mut FrontMatter) {
        if self.is_empty() {
            return;
        }
        // The folders from the policy's own up to the root, then
        // handbook.yaml: the nearest first.
        let mut folders = Vec::new();
        let mut folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        loop {
            folders.push(folder);
            if folder.is_empty() {
                break;
            }
            folder = folder.rsplit_once('/').map_or("", |(dir, _)| dir);
        }
        let layers = folders
            .into_iter()
            .filter_map(|f| self.folders.get(f))
            .chain(&self.handbook);
        for layer in layers {
            for (key, &line) in &layer.values.written {
                let own = fm.written.contains_key(key) && !fm.blank.contains(key);
                if own || !is_set(&layer.values, key) {
                    continue;
                }
                take(fm, &layer.values, key);
                fm.written.insert(key.clone(), 1);
                fm.defaulted.insert(
                    key.clone(),
                    Source {
                        file: layer.file.clone(),
                        line,
                    },
                );
            }
        }
    }
}

/// Whether a layer has a value for `key` (one that could be read).
fn is_set(values: &FrontMatter, key: &str) -> bool {
    match key {
        "owner" => values.owner.is_some(),
        "owner_email" => values.owner_email.is_some(),
        "approved_by" => values.approved_by.is_some(),
        "approved" => values.approved.is_some(),
        "last_reviewed" => values.last_reviewed.is_some(),
        "review_every" => values.review_every.is_some(),
        "review_by" => values.review_by.is_some(),
        "category" => values.category.is_some(),
        "tags" => !values.tags.is_empty(),
        // A status that could not be read is reported and left as active.
        "status" => true,
        extra => values.extra.contains_key(extra),
    }
}

/// Copies `key`'s value from a layer; lines become the policy's line 1
/// (findings about the policy point at its file, not at the layer's).
fn take(fm: &mut FrontMatter, from: &FrontMatter, key: &str) {
    fn moved<T: Clone>(a: &Option<At<T>>) -> Option<At<T>> {
        a.as_ref().map(|a| At {
            value: a.value.clone(),
            line: 1,
        })
    }
    match key {
        "owner" => fm.owner = moved(&from.owner),
        "owner_email" => fm.owner_email = from.owner_email.clone(),
        "approved_by" => fm.approved_by = from.approved_by.clone(),
        "approved" => fm.approved = moved(&from.approved),
        "last_reviewed" => fm.last_reviewed = moved(&from.last_reviewed),
        "review_every" => fm.review_every = moved(&from.review_every),
        "review_by" => fm.review_by = moved(&from.review_by),
        "category" => fm.category = from.category.clone(),
        "tags" => fm.tags = from.tags.clone(),
        "status" => fm.status = from.status,
        extra => {
            if let Some(v) = from.extra.get(extra) {
                fm.extra.insert(extra.to_string(), v.clone());
            }
        }
    }
}

/// Reads one layer of defaults: the value of `defaults:` in
/// `handbook.yaml`, or a whole `_folder.yaml` (`offset` 0). Each problem
/// is a finding on its line; an owner is checked against the registry
/// here, once, rather than on every policy it is the default for.
pub fn read_layer(
    file: &str,
    node: &Node,
    config: &Config,
    findings: &mut Vec<Finding>,
) -> Option<Layer> {
    let entries = match &node.value {
        Value::Map(entries) => entries,
        Value::Null => return None,
        other => {
            let what = if file == crate::handbook::config::FILE_NAME {
                "defaults"
            } else {
                file
            };
            findings.push(
                Finding::error(
                    Kind::InvalidConfig,
                    file,
                    node.line,
                    format!(
                        "{what} should be lines of `key: value` (such as `owner: Head of Centre`), but it is {}",
                        other.describe()
                    ),
                )
                .key("defaults"),
            );
            return None;
        }
    };
    let before = findings.len();
    let mut values = frontmatter::read_entries(
        Entries {
            file,
            offset: 0,
            entries,
            scope: Scope::Defaults,
        },
        config,
        findings,
    );
    // A value that could not be read sets nothing: a farther layer's is
    // used (for every key alike, status too).
    for f in &findings[before..] {
        if f.severity == crate::handbook::findings::Severity::Error
            && let Some(key) = &f.key
        {
            values.written.remove(key);
        }
    }
    if let Some(owner) = &values.owner {
        findings.extend(crate::handbook::owners::registry_finding(
            config,
            &owner.value,
            file,
            owner.line,
        ));
    }
    Some(Layer {
        file: file.to_string(),
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_a_front_matter_key_and_none_belongs_to_one_policy() {
        let standard = crate::handbook::frontmatter::STANDARD_KEYS;
        for key in KEYS {
            assert!(standard.contains(key), "{key}");
        }
        for own in [
            "title",
            "id",
            "related",
            "history",
            "aliases",
            "redirect_from",
        ] {
            assert!(!KEYS.contains(&own), "{own}");
        }
    }

    fn layer(file: &str, yaml: &str) -> Layer {
        let node = crate::handbook::yaml::parse(yaml).unwrap();
        let mut findings = Vec::new();
        let layer = read_layer(file, &node, &Config::default(), &mut findings).unwrap();
        assert!(findings.is_empty(), "{findings:?}");
        layer
    }

    #[test]
    fn the_nearest_layer_wins_and_the_policy_over_all() {
        let defaults = Defaults {
            handbook: Some(layer(
                "handbook.yaml",
                "owner: Manager\nreview_every: 1 year\ntags: [all]\n",
            )),
            folders: BTreeMap::from([
                (
                    "hr".to_string(),
                    layer("hr/_folder.yaml", "owner: HR Lead\n"),
                ),
                (
                    "hr/leave".to_string(),
                    layer("hr/leave/_folder.yaml", "\n\nreview_every: 2 years\n"),
                ),
            ]),
        };
        let mut fm = FrontMatter::default();
        fm.written.insert("tags".into(), 3);
        defaults.apply("hr/leave/annual.md", &mut fm);
        assert_eq!(fm.owner.as_ref().unwrap().value, "HR Lead");
        assert_eq!(fm.review_every.as_ref().unwrap().value.0, "2 years");
        assert!(fm.tags.is_empty(), "the policy's own (empty) tags stay");
        assert_eq!(
            fm.defaulted["review_every"],
            Source {
                file: "hr/leave/_folder.yaml".into(),
                line: 3
            }
        );
        assert_eq!(fm.defaulted["owner"].file, "hr/_folder.yaml");
        let mut top = FrontMatter::default();
        defaults.apply("top.md", &mut top);
        assert_eq!(top.owner.as_ref().unwrap().value, "Manager");
        assert_eq!(top.tags, ["all"]);
        assert_eq!(top.defaulted["owner"].file, "handbook.yaml");
    }

    #[test]
    fn keys_that_belong_to_one_policy_are_not_defaults() {
        let node = crate::handbook::yaml::parse("title: X\nownr: Y\n").unwrap();
        let mut findings = Vec::new();
        read_layer("hr/_folder.yaml", &node, &Config::default(), &mut findings);
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert!(findings[0].message.starts_with("title cannot be a default"));
        assert_eq!((findings[1].line, findings[1].kind), (2, Kind::UnknownKey));
        assert!(
            findings[1].message.contains("did you mean owner?"),
            "{}",
            findings[1].message
        );
        let list = crate::handbook::yaml::parse("- a\n").unwrap();
        assert!(read_layer("hr/_folder.yaml", &list, &Config::default(), &mut findings).is_none());
        assert_eq!(findings[2].file, "hr/_folder.yaml");
    }
}
