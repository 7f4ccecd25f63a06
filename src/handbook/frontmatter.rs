//! Front-matter: split it from the body and read each key, with the line
//! it is on, into [`FrontMatter`]. Part of the **parse** stage.
//!
//! Every problem is collected as a finding. Only a missing, unclosed or
//! unreadable YAML block makes the policy unparseable ([`Fatal`]); a bad
//! value is reported and that key treated as absent.

use crate::handbook::config::Config;
use crate::handbook::findings::{Finding, Kind};
use crate::handbook::keys;
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::review::{self, Cycle};
use crate::handbook::yaml::{self, Node, Value};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// Keys the format defines (see `handbook-format.md`).
pub const STANDARD_KEYS: &[&str] = &[
    "title",
    "id",
    "owner",
    "owner_email",
    "approved_by",
    "approved",
    "last_reviewed",
    "review_every",
    "review_by",
    "category",
    "tags",
    "related",
    "status",
    "version",
    "history",
    "supersedes",
    "superseded_by",
];

/// A value and the 1-based file line its key is on.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub line: u32,
}

/// The front-matter as read, every key optional; defaults are applied by
/// [`crate::handbook::parse`].
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: Option<At<String>>,
    pub id: Option<At<String>>,
    pub owner: Option<At<String>>,
    pub owner_email: Option<String>,
    pub approved_by: Option<String>,
    pub approved: Option<At<Date>>,
    pub last_reviewed: Option<At<Date>>,
    pub review_every: Option<At<(String, Cycle)>>,
    pub review_by: Option<At<Date>>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub related: Vec<At<String>>,
    pub status: Lifecycle,
    pub version: Option<At<String>>,
    /// `history:`, newest first.
    pub history: Vec<crate::handbook::history::Revision>,
    /// The ids of the policies this one replaces, and the one that
    /// replaces it.
    pub supersedes: Vec<At<String>>,
    pub superseded_by: Option<At<String>>,
    /// `extra_keys` from `handbook.yaml`, as text.
    pub extra: BTreeMap<String, String>,
    /// Every key written, valid or not (so that a title of the wrong type
    /// is not also reported as missing).
    pub written: std::collections::BTreeSet<String>,
}

/// The file cannot be read as a policy at all.
#[derive(Debug, Clone)]
pub struct Fatal(pub Box<Finding>);

/// The front-matter's YAML text and where the body starts.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based file line of the YAML's first line.
    pub yaml_line: u32,
    pub body: &'a str,
    /// 1-based file line of the body's first line.
    pub body_line: u32,
}

/// The `# TODO` comments in the front-matter (as `import` writes for what
/// it could not find), with their file lines: each is shown until done.
pub fn todos(split: &Split) -> Vec<(u32, String)> {
    split
        .yaml
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let at = line.find("# TODO")?;
            let text = line[at + "# TODO".len()..].trim_start_matches(':').trim();
            let line = split.yaml_line + u32::try_from(i).unwrap_or(u32::MAX - split.yaml_line);
            Some((
                line,
                if text.is_empty() {
                    "TODO".to_string()
                } else {
                    text.to_string()
                },
            ))
        })
        .collect()
}

/// Separates `---` front-matter from the body.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Fatal> {
    let fatal = |line, msg: &str| {
        Fatal(Box::new(Finding::error(
            Kind::InvalidFrontMatter,
            file,
            line,
            msg.to_string(),
        )))
    };
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        let first = text.lines().next().unwrap_or("");
        let msg = if text.trim().is_empty() {
            "this file is empty: a policy starts with front-matter between two --- lines (title, owner, review dates), then its text"
        } else if first.trim() == "---" {
            "the first line should be exactly --- with nothing after it"
        } else {
            "this file has no front-matter: start it with a line ---, then lines such as `title: ...` and `owner: ...`, then another ---"
        };
        return Err(fatal(1, msg));
    };
    let mut offset = 0;
    for (line, l) in (2u32..).zip(rest.split_inclusive('\n')) {
        let trimmed = l.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: &rest[..offset],
                yaml_line: 2,
                body: &rest[offset + l.len()..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(fatal(
        1,
        "the front-matter that starts on line 1 is never closed: add a line --- after the last key",
    ))
}

/// Reads the front-matter YAML. `Err` only when the YAML cannot be read at
/// all; everything else becomes findings in `findings`.
pub fn read(
    file: &str,
    split: &Split,
    config: &Config,
    findings: &mut Vec<Finding>,
) -> Result<FrontMatter, Fatal> {
    let offset = split.yaml_line - 1;
    let root = yaml::parse(split.yaml).map_err(|e| {
        Fatal(Box::new(Finding::error(
            Kind::InvalidFrontMatter,
            file,
            e.line + offset,
            format!("the front-matter is not valid YAML: {}", e.message),
        )))
    })?;
    let entries = match root.value {
        Value::Map(entries) => entries,
        Value::Null => Vec::new(),
        other => {
            return Err(Fatal(Box::new(Finding::error(
                Kind::InvalidFrontMatter,
                file,
                root.line + offset,
                format!(
                    "the front-matter should be lines of `key: value`, but it is {}",
                    other.describe()
                ),
            ))));
        }
    };
    let mut reader = Reader {
        file,
        offset,
        findings,
    };
    let mut fm = FrontMatter::default();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (key_node, value) in &entries {
        let key = yaml::key_text(key_node);
        let key_line = key_node.line + offset;
        fm.written.insert(key.to_string());
        if let Some(first) = seen.insert(key.to_string(), key_line) {
            reader.error(key_line, key, keys::written_twice(key, first, key_line));
        }
        match key {
            "title" => fm.title = reader.text(key, value).map(at(key_line)),
            "id" => fm.id = reader.text(key, value).map(at(key_line)),
            "owner" => fm.owner = reader.text(key, value).map(at(key_line)),
            "owner_email" => fm.owner_email = reader.email(key, value),
            "approved_by" => fm.approved_by = reader.text(key, value),
            "approved" => fm.approved = reader.date(key, value).map(at(key_line)),
            "last_reviewed" => fm.last_reviewed = reader.date(key, value).map(at(key_line)),
            "review_by" => fm.review_by = reader.date(key, value).map(at(key_line)),
            "review_every" => fm.review_every = reader.cycle(key, value).map(at(key_line)),
            "category" => fm.category = reader.text(key, value),
            "tags" => {
                fm.tags = reader
                    .list(key, value)
                    .into_iter()
                    .map(|a| a.value)
                    .collect()
            }
            "related" => fm.related = reader.list(key, value),
            "status" => fm.status = reader.status(key, value),
            "version" => fm.version = reader.text(key, value).map(at(key_line)),
            "supersedes" => fm.supersedes = reader.list(key, value),
            "superseded_by" => fm.superseded_by = reader.text(key, value).map(at(key_line)),
            "history" => {
                fm.history = crate::handbook::history::read(file, offset, value, reader.findings)
            }
            _ if config.extra_keys.iter().any(|k| k == key) => {
                let text = match &value.value {
                    Value::List(items) => items
                        .iter()
                        .filter_map(|i| i.value.as_text())
                        .collect::<Vec<_>>()
                        .join(", "),
                    v => v.as_text().unwrap_or_default(),
                };
                fm.extra.insert(key.to_string(), text);
            }
            _ => {
                let known = STANDARD_KEYS
                    .iter()
                    .copied()
                    .chain(config.extra_keys.iter().map(String::as_str));
                let unknown = keys::Unknown {
                    file,
                    line: key_line,
                    key,
                    what: "front-matter key",
                    otherwise: "if it is meant to be there, add it to extra_keys in handbook.yaml",
                    decisive: keys::DECISIVE,
                    decides: "the policy's review status or links",
                };
                reader.findings.push(unknown.finding(known));
            }
        }
    }
    Ok(fm)
}

/// A value read, with the line of its key.
fn at<T>(line: u32) -> impl Fn(T) -> At<T> {
    move |value| At { value, line }
}

/// Reads typed values out of YAML nodes, reporting each problem with the
/// file, the line and the key.
struct Reader<'a> {
    file: &'a str,
    offset: u32,
    findings: &'a mut Vec<Finding>,
}

impl Reader<'_> {
    fn error(&mut self, line: u32, key: &str, message: String) {
        self.findings
            .push(Finding::error(Kind::InvalidFrontMatter, self.file, line, message).key(key));
    }

    fn line(&self, node: &Node) -> u32 {
        node.line + self.offset
    }

    fn text(&mut self, key: &str, node: &Node) -> Option<String> {
        match &node.value {
            Value::Null => None,
            v => match v.as_text() {
                Some(s) if s.trim().is_empty() => None,
                Some(s) => Some(s.trim().to_string()),
                None => {
                    let line = self.line(node);
                    self.error(
                        line,
                        key,
                        format!(
                            "{key} should be a single piece of text, but it is {}",
                            v.describe()
                        ),
                    );
                    None
                }
            },
        }
    }

    fn email(&mut self, key: &str, node: &Node) -> Option<String> {
        let text = self.text(key, node)?;
        if crate::handbook::owners::is_email(&text) {
            Some(text)
        } else {
            let line = self.line(node);
            self.error(
                line,
                key,
                format!(
                    "{key} \"{text}\" is not an email address (write it like name@example.org)"
                ),
            );
            None
        }
    }

    fn date(&mut self, key: &str, node: &Node) -> Option<Date> {
        let text = self.text(key, node)?;
        let hint = match review::read_date(&text) {
            Ok(d) => return Some(d),
            Err(hint) => hint,
        };
        let line = self.line(node);
        self.error(
            line,
            key,
            format!("{key} \"{text}\" is not a date ({hint})"),
        );
        None
    }

    fn cycle(&mut self, key: &str, node: &Node) -> Option<(String, Cycle)> {
        let text = self.text(key, node)?;
        match Cycle::parse(&text) {
            Some(c) => Some((text, c)),
            None => {
                let line = self.line(node);
                self.error(
                    line,
                    key,
                    format!("{key} \"{text}\" is not a review cycle (write it like \"1 year\", \"6 months\" or \"18 months\")"),
                );
                None
            }
        }
    }

    /// A list of text items. A single string is accepted too, split at
    /// commas, since editors write `tags: email, phones`.
    fn list(&mut self, key: &str, node: &Node) -> Vec<At<String>> {
        match &node.value {
            Value::Null => Vec::new(),
            Value::List(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.value.as_text() {
                        Some(s) if !s.trim().is_empty() => out.push(At {
                            value: s.trim().to_string(),
                            line: self.line(item),
                        }),
                        Some(_) => {}
                        None => {
                            let line = self.line(item);
                            self.error(
                                line,
                                key,
                                format!(
                                    "each item of {key} should be a single piece of text, but one is {}",
                                    item.value.describe()
                                ),
                            );
                        }
                    }
                }
                out
            }
            v => match v.as_text() {
                Some(s) => s
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| At {
                        value: s.to_string(),
                        line: self.line(node),
                    })
                    .collect(),
                None => {
                    let line = self.line(node);
                    self.error(
                        line,
                        key,
                        format!(
                            "{key} should be a list, such as [first, second], but it is {}",
                            v.describe()
                        ),
                    );
                    Vec::new()
                }
            },
        }
    }

    fn status(&mut self, key: &str, node: &Node) -> Lifecycle {
        let Some(text) = self.text(key, node) else {
            return Lifecycle::Active;
        };
        match Lifecycle::from_word(&text) {
            Some(stage) => stage,
            None => {
                let line = self.line(node);
                self.error(
                    line,
                    key,
                    format!("status \"{text}\" is not one of active, draft or retired (it is treated as active)"),
                );
                Lifecycle::Active
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> (Result<FrontMatter, Fatal>, Vec<Finding>) {
        let mut findings = Vec::new();
        let config = Config::default();
        let r = split("p.md", text).and_then(|s| read("p.md", &s, &config, &mut findings));
        (r, findings)
    }

    #[test]
    fn split_lines() {
        let s = split("p.md", "---\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn missing_and_unclosed() {
        assert!(split("p.md", "# Hello\n").is_err());
        assert!(split("p.md", "").is_err());
        let e = split("p.md", "---\ntitle: x\n").err().unwrap();
        assert!(e.0.message.contains("never closed"));
    }

    #[test]
    fn bad_date_names_line_and_fix() {
        let (fm, f) = read_str("---\ntitle: Photos\nowner: DSL\nreview_by: 31/05/2022\n---\n");
        assert!(fm.unwrap().review_by.is_none());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].line, 4);
        assert_eq!(
            f[0].message,
            "review_by \"31/05/2022\" is not a date (write it as 2022-05-31)"
        );
    }

    #[test]
    fn collects_every_problem() {
        let (_, f) = read_str(
            "---\ntitle: [a, b]\nreveiw_by: 2022-01-01\nstatus: live\nrelated: a, b\ntitle: x\n---\n",
        );
        let kinds: Vec<_> = f.iter().map(|f| (f.kind, f.line)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::InvalidFrontMatter, 2),
                (Kind::UnknownKey, 3),
                (Kind::InvalidFrontMatter, 4),
                (Kind::InvalidFrontMatter, 6),
            ]
        );
        assert!(f[1].message.contains("did you mean review_by?"));
    }

    #[test]
    fn yaml_error_line_is_file_line() {
        let (fm, _) = read_str("---\ntitle: x\nowner: [a\n---\n");
        assert_eq!(fm.err().unwrap().0.line, 3);
    }
}
