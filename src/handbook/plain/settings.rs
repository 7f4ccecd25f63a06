//! `plain_english:` in `handbook.yaml`: whether and how strictly the
//! policies' prose is measured ([`super`]). Read by
//! [`crate::handbook::config::parse`]; every bad value is a finding on its
//! line naming its key, and the default stands.
//!
//! ```yaml
//! plain_english:
//!   max_sentence_words: 25     # long_sentence above this (GOV.UK: 25)
//!   min_reading_ease: 50       # hard_to_read below this Flesch score
//!   severity: warning          # info (the default), warning or error
//!   words:                     # more words with plainer alternatives
//!     leverage: use
//! ```
//!
//! `plain_english: false` turns the measures off.

use super::PlainWords;
use crate::handbook::config::FILE_NAME;
use crate::handbook::findings::{Finding, Kind, Severity};
use crate::handbook::yaml::{self, Node, Value};

/// The settings, with GOV.UK's advice as the defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `plain_english: false` turns every measure off.
    pub enabled: bool,
    pub max_sentence_words: u32,
    pub min_reading_ease: f64,
    /// Of every plain-English finding: `info` unless the handbook opts in.
    pub severity: Severity,
    pub words: PlainWords,
}

/// GOV.UK: "aim for no more than 25 words" in a sentence.
pub const MAX_SENTENCE_WORDS: u32 = 25;
/// Flesch reading ease below 50 is "fairly difficult" and below 30 "very
/// difficult"; 60–70 is plain English.
pub const MIN_READING_EASE: f64 = 50.0;

impl Settings {
    /// Whether the notes are shown on a built site's pages: only when they
    /// are warnings or errors (a page leaves `info` out), so that a build
    /// does not look up every word for notes no one sees.
    pub fn shown_on_pages(&self) -> bool {
        self.severity != Severity::Info
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            enabled: true,
            max_sentence_words: MAX_SENTENCE_WORDS,
            min_reading_ease: MIN_READING_EASE,
            severity: Severity::Info,
            words: PlainWords::standard(),
        }
    }
}

const KEYS: &[&str] = &[
    "max_sentence_words",
    "min_reading_ease",
    "severity",
    "words",
];

/// Reads `plain_english:`.
pub fn read(node: &Node, findings: &mut Vec<Finding>) -> Settings {
    let mut out = Settings::default();
    let problem = |line: u32, key: &str, msg: String| {
        let key = if key.is_empty() {
            "plain_english".to_string()
        } else {
            format!("plain_english.{key}")
        };
        Finding::error(Kind::InvalidConfig, FILE_NAME, line, msg).key(&key)
    };
    let entries = match &node.value {
        Value::Bool(on) => {
            out.enabled = *on;
            return out;
        }
        Value::Null => return out,
        Value::Map(entries) => entries,
        other => {
            findings.push(problem(
                node.line,
                "",
                format!(
                    "plain_english should be false (to turn the measures off) or settings such as `max_sentence_words: 25`, one per line and indented under it, but it is {}",
                    other.describe()
                ),
            ));
            return out;
        }
    };
    for (key_node, value) in entries {
        let key = yaml::key_text(key_node);
        let text = value.value.as_text().map(|t| t.trim().to_string());
        match key {
            "max_sentence_words" => match text.as_deref().map(str::parse::<u32>) {
                Some(Ok(n)) if (5..=200).contains(&n) => out.max_sentence_words = n,
                _ => findings.push(problem(
                    value.line,
                    key,
                    format!("plain_english.max_sentence_words should be how many words a sentence may have before it is flagged, a whole number from 5 to 200 (GOV.UK advises {MAX_SENTENCE_WORDS})"),
                )),
            },
            "min_reading_ease" => match text.as_deref().map(str::parse::<f64>) {
                Some(Ok(n)) if (0.0..=100.0).contains(&n) => out.min_reading_ease = n,
                _ => findings.push(problem(
                    value.line,
                    key,
                    format!("plain_english.min_reading_ease should be the lowest Flesch reading ease a policy may have before it is flagged, a number from 0 (hardest) to 100 (easiest), such as {MIN_READING_EASE}"),
                )),
            },
            "severity" => match text.as_deref().and_then(Severity::named) {
                Some(severity) => out.severity = severity,
                None => findings.push(problem(
                    value.line,
                    key,
                    "plain_english.severity should be info (reported, never fails), warning or error".to_string(),
                )),
            },
            "words" => match &value.value {
                Value::Map(words) => {
                    for (word_node, instead) in words {
                        let word = yaml::key_text(word_node).trim();
                        match instead.value.as_text().map(|t| t.trim().to_string()) {
                            Some(instead) if !instead.is_empty() && !word.is_empty() => {
                                out.words.add(&[word], &instead)
                            }
                            _ => findings.push(problem(
                                instead.line,
                                "words",
                                format!("plain_english.words: `{word}` should be followed by the plainer word to use instead, as in `utilise: use`"),
                            )),
                        }
                    }
                }
                Value::Null => {}
                other => findings.push(problem(
                    value.line,
                    key,
                    format!("plain_english.words should be words with their plainer alternatives, one per line and indented under it, as in `utilise: use`, but it is {}", other.describe()),
                )),
            },
            _ => findings.push(
                crate::handbook::keys::Unknown {
                    file: FILE_NAME,
                    line: key_node.line,
                    key,
                    what: "setting",
                    otherwise: "docs/handbook-format.md lists the settings of plain_english:",
                    decisive: &[],
                    decides: "",
                }
                .finding(KEYS.iter().copied())
                .key(&format!("plain_english.{key}")),
            ),
        }
    }
    out
}
