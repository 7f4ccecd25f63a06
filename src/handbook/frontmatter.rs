//! Front-matter: split it from the body and read each key, with the line
//! it is on, into [`FrontMatter`]. Part of the **parse** stage.
//!
//! Every problem is collected as a finding. Only a missing, unclosed or
//! unreadable YAML block makes the policy unparseable ([`Fatal`]); a bad
//! value is reported and that key treated as absent.

use crate::handbook::config::Config;
use crate::handbook::findings::{Finding, Kind, Severity};
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
    "aliases",
    "redirect_from",
];

/// A value and the 1-based file line its key is on.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub line: u32,
}

/// The front-matter as read, every key optional; defaults are applied by
/// [`crate::handbook::parse`].
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// `aliases:` and `redirect_from:`, in the order written.
    pub aliases: Vec<crate::handbook::aliases::Alias>,
    pub status: Lifecycle,
    pub version: Option<At<String>>,
    /// `history:`, newest first.
    pub history: Vec<crate::handbook::history::Revision>,
    /// The ids of the policies this one replaces, and the one that
    /// replaces it.
    pub supersedes: Vec<At<String>>,
    pub superseded_by: Option<At<String>>,
    /// The keys `extra_keys` in `handbook.yaml` names, as written.
    pub extra: BTreeMap<String, Extra>,
    /// Every key written, valid or not (so that a title of the wrong type
    /// is not also reported as missing, nor replaced by a default), with
    /// its line.
    pub written: BTreeMap<String, u32>,
    /// Keys written with no value (`owner:`): a default fills them in.
    pub blank: std::collections::BTreeSet<String>,
    /// The keys whose values came from defaults, with where they were set.
    pub defaulted: BTreeMap<String, crate::handbook::defaults::Source>,
}

/// The value of a key `extra_keys` names: text, or lists and maps of
/// them, as written (nested at most [`Extra::MAX_DEPTH`] deep; deeper is
/// shown as "…").
#[derive(Debug, Clone, PartialEq)]
pub enum Extra {
    Text(String),
    List(Vec<Extra>),
    Map(Vec<(String, Extra)>),
}

impl Extra {
    /// How deep lists and maps are kept (the YAML reader bounds nesting
    /// too, but this keeps rendering independent of it).
    pub const MAX_DEPTH: usize = 8;

    pub fn read(node: &Node) -> Extra {
        Extra::at_depth(node, 0)
    }

    fn at_depth(node: &Node, depth: usize) -> Extra {
        match &node.value {
            Value::List(_) | Value::Map(_) if depth >= Extra::MAX_DEPTH => {
                Extra::Text("…".to_string())
            }
            Value::List(items) => Extra::List(
                items
                    .iter()
                    .map(|item| Extra::at_depth(item, depth + 1))
                    .filter(|e| !e.is_empty())
                    .collect(),
            ),
            Value::Map(entries) => Extra::Map(
                entries
                    .iter()
                    .map(|(k, v)| (yaml::key_text(k).to_string(), Extra::at_depth(v, depth + 1)))
                    .collect(),
            ),
            v => Extra::Text(v.as_text().unwrap_or_default().trim().to_string()),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Extra::Text(t) => t.is_empty(),
            Extra::List(items) => items.is_empty(),
            Extra::Map(entries) => entries.is_empty(),
        }
    }

    /// As one line of text: "a, b", "name: Ann, phone: 123; Bob".
    pub fn text(&self) -> String {
        match self {
            Extra::Text(t) => t.clone(),
            Extra::List(items) => {
                let sep = if self.is_flat() { ", " } else { "; " };
                items.iter().map(Extra::text).collect::<Vec<_>>().join(sep)
            }
            Extra::Map(entries) => entries
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.text()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// Whether it is text, or a list of text only (shown on one line,
    /// "a, b, c").
    pub fn is_flat(&self) -> bool {
        match self {
            Extra::Text(_) => true,
            Extra::List(items) => items.iter().all(|i| matches!(i, Extra::Text(_))),
            Extra::Map(_) => false,
        }
    }
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
        } else if let Some(close) = missing_opening(text) {
            return Err(fatal(
                1,
                &format!(
                    "this file's front-matter has no opening ---: {} with the --- on line {close}, so add a line --- above line 1",
                    if close == 2 {
                        "the key on line 1 ends".to_string()
                    } else {
                        format!("the keys on lines 1 to {} end", close - 1)
                    }
                ),
            ));
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

/// The line of the `---` that closes front-matter which was never opened
/// (lines of `key: value` from line 1, then `---`), if that is what `text`
/// starts with.
fn missing_opening(text: &str) -> Option<u32> {
    for (line, l) in (1u32..).zip(text.lines().take(200)) {
        let t = l.trim_end();
        if t == "---" {
            return (line > 1).then_some(line);
        }
        let key = t.split_once(':').map(|(k, _)| k);
        let is_entry = key.is_some_and(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        });
        // A continuation (`  - item`), a comment or a blank line.
        let continues = line > 1 && (t.is_empty() || t.starts_with([' ', '-', '#']));
        if !(is_entry || continues) {
            return None;
        }
    }
    None
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
    Ok(read_entries(
        Entries {
            file,
            offset,
            entries: &entries,
            scope: Scope::Policy,
        },
        config,
        findings,
    ))
}

/// Where front-matter keys are written, which decides which keys belong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A policy's own front-matter.
    Policy,
    /// Defaults for many policies (`defaults:` in `handbook.yaml`, a
    /// `_folder.yaml`): only the keys of [`crate::handbook::defaults::KEYS`]
    /// and `extra_keys`.
    Defaults,
}

/// Keys and values to read as front-matter, from `file` (whose lines are
/// `offset` after the YAML's).
pub struct Entries<'a> {
    pub file: &'a str,
    pub offset: u32,
    pub entries: &'a [(Node, Node)],
    pub scope: Scope,
}

/// Reads keys and values as front-matter: each problem becomes a finding.
pub fn read_entries(input: Entries, config: &Config, findings: &mut Vec<Finding>) -> FrontMatter {
    let Entries {
        file,
        offset,
        entries,
        scope,
    } = input;
    let mut reader = Reader {
        file,
        offset,
        findings,
        lenient_dates: false,
    };
    let mut fm = FrontMatter::default();
    for (key_node, value) in entries {
        let written = yaml::key_text(key_node);
        // A key the collection uses for one of ours (`keys:` in
        // handbook.yaml): its dates may be written as that collection
        // writes them.
        let mapped = config.keys.get(written).map(|(to, _)| to.as_str());
        let key = mapped.unwrap_or(written);
        reader.lenient_dates = mapped.is_some();
        let before = reader.findings.len();
        let key_line = key_node.line + offset;
        let blank = match &value.value {
            Value::Null => true,
            v => v.as_text().is_some_and(|t| t.trim().is_empty()),
        };
        if blank {
            fm.blank.insert(key.to_string());
        }
        if let Some(first) = fm.written.insert(key.to_string(), key_line) {
            reader.error(key_line, key, keys::written_twice(key, first, key_line));
        }
        let extra = config.extra_keys.iter().any(|k| k == key);
        'read: {
            if scope == Scope::Defaults && !extra && !crate::handbook::defaults::KEYS.contains(&key)
            {
                if STANDARD_KEYS.contains(&key) {
                    reader.error(
                    key_line,
                    key,
                    format!("{key} cannot be a default: it belongs to each policy, so write it in the policy's own front-matter (defaults may set {})", crate::handbook::defaults::KEYS.join(", ")),
                );
                } else {
                    reader
                        .findings
                        .push(unknown_key(scope, config, file, key_line, key));
                }
                break 'read;
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
                "aliases" | "redirect_from" => {
                    let key = if key == "aliases" {
                        "aliases"
                    } else {
                        "redirect_from"
                    };
                    fm.aliases
                        .extend(reader.list(key, value).into_iter().map(|a| {
                            crate::handbook::aliases::Alias {
                                written: a.value,
                                line: a.line,
                                key,
                            }
                        }))
                }
                "status" => fm.status = reader.status(key, value),
                "version" => fm.version = reader.text(key, value).map(at(key_line)),
                "supersedes" => fm.supersedes = reader.list(key, value),
                "superseded_by" => fm.superseded_by = reader.text(key, value).map(at(key_line)),
                "history" => {
                    fm.history =
                        crate::handbook::history::read(file, offset, value, reader.findings)
                }
                _ if extra => {
                    fm.extra.insert(key.to_string(), Extra::read(value));
                }
                _ => {
                    reader
                        .findings
                        .push(unknown_key(scope, config, file, key_line, key));
                }
            }
        }
        // What is said about a mapped key names it as written.
        if let Some(to) = mapped {
            for f in &mut reader.findings[before..] {
                if let Some(rest) = f.message.strip_prefix(to) {
                    f.message =
                        format!("{written} (which keys: in handbook.yaml maps onto {to}){rest}");
                }
            }
        }
    }
    fm
}

/// The finding for a key that is neither one of the format's (or, in
/// defaults, one a default may set) nor in `extra_keys`.
fn unknown_key(scope: Scope, config: &Config, file: &str, line: u32, key: &str) -> Finding {
    let (own, what, decides) = match scope {
        Scope::Policy => (
            STANDARD_KEYS,
            "front-matter key",
            "the policy's review status or links",
        ),
        Scope::Defaults => (
            crate::handbook::defaults::KEYS,
            "default",
            "the review status of every policy it is the default for",
        ),
    };
    // The collection's own names (`keys:`) are known too, and as decisive
    // as the keys they stand for.
    let known = own
        .iter()
        .copied()
        .chain(config.extra_keys.iter().map(String::as_str))
        .chain(config.keys.keys().map(String::as_str));
    let decisive: Vec<&str> = keys::DECISIVE
        .iter()
        .copied()
        .chain(
            config
                .keys
                .iter()
                .filter(|(_, (to, _))| keys::DECISIVE.contains(&to.as_str()))
                .map(|(from, _)| from.as_str()),
        )
        .collect();
    keys::Unknown {
        file,
        line,
        key,
        what,
        otherwise: "if it is meant to be there, add it to extra_keys in handbook.yaml",
        decisive: &decisive,
        decides,
    }
    .finding(known)
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
    /// Dates written another way than YYYY-MM-DD are read (with a note):
    /// the key is mapped by `keys:`.
    lenient_dates: bool,
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
        if self.lenient_dates
            && let Some(date) = review::read_other_date(&text)
        {
            self.findings.push(
                Finding::new(
                    Kind::Interpreted,
                    Severity::Warning,
                    self.file,
                    line,
                    format!("{key} \"{text}\" is read as {date}: write it as {date}, the form every tool reads the same way"),
                )
                .key(key),
            );
            return Some(date);
        }
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
            Some(c) => {
                if let Some(caution) = Cycle::caution(&text) {
                    let line = self.line(node);
                    let (severity, why) = match caution {
                        review::Caution::ReadAs(why) => (Severity::Info, why),
                        review::Caution::Ambiguous(why) => (Severity::Warning, why),
                    };
                    self.findings.push(
                        Finding::new(
                            Kind::Interpreted,
                            severity,
                            self.file,
                            line,
                            format!("{key} \"{text}\" {why}"),
                        )
                        .key(key),
                    );
                }
                Some((text, c))
            }
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
    fn front_matter_without_its_opening_line() {
        let e = split(
            "p.md",
            "title: Photos\nowner: DSL\ntags:\n  - a\n---\nBody\n",
        )
        .err()
        .unwrap();
        assert_eq!(e.0.line, 1);
        assert!(
            e.0.message
                .contains("no opening ---: the keys on lines 1 to 4 end with the --- on line 5"),
            "{}",
            e.0.message
        );
        // A body with a rule in it is not front-matter.
        let e = split("p.md", "# Photos\n\nText.\n---\n").err().unwrap();
        assert!(
            e.0.message.contains("has no front-matter"),
            "{}",
            e.0.message
        );
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
    fn extra_keys_keep_lists_and_maps() {
        let mut findings = Vec::new();
        let config = Config {
            extra_keys: vec!["contacts".into(), "scope".into(), "audience".into()],
            ..Config::default()
        };
        let text = "---\ntitle: x\ncontacts:\n  - name: Ann\n    phone: 123\n  - Bob\nscope: [staff, volunteers]\naudience: All staff\n---\n";
        let fm = split("p.md", text)
            .and_then(|s| read("p.md", &s, &config, &mut findings))
            .unwrap_or_else(|_| panic!("{findings:?}"));
        let t = |s: &str| Extra::Text(s.to_string());
        assert_eq!(
            fm.extra["contacts"],
            Extra::List(vec![
                Extra::Map(vec![("name".into(), t("Ann")), ("phone".into(), t("123"))]),
                t("Bob"),
            ])
        );
        assert!(!fm.extra["contacts"].is_flat());
        assert_eq!(
            fm.extra["scope"],
            Extra::List(vec![t("staff"), t("volunteers")])
        );
        assert!(fm.extra["scope"].is_flat());
        assert_eq!(fm.extra["audience"], t("All staff"));
        // Nesting deeper than MAX_DEPTH is cut off, not followed.
        let deep = format!(
            "---\ntitle: x\nscope: {}1{}\n---\n",
            "[".repeat(12),
            "]".repeat(12)
        );
        let fm = split("p.md", &deep)
            .and_then(|s| read("p.md", &s, &config, &mut findings))
            .unwrap_or_else(|_| panic!("{findings:?}"));
        let mut e = &fm.extra["scope"];
        let mut depth = 0;
        while let Extra::List(items) = e {
            e = &items[0];
            depth += 1;
        }
        assert_eq!((depth, e), (Extra::MAX_DEPTH, &t("…")));
    }

    #[test]
    fn yaml_error_line_is_file_line() {
        let (fm, _) = read_str("---\ntitle: x\nowner: [a\n---\n");
        assert_eq!(fm.err().unwrap().0.line, 3);
    }
}
