//! `handbook.yaml`: the site settings. Every key has a default, so an
//! empty file will do; the file itself must be there, since it is what
//! makes a folder a handbook (see [`crate::handbook::load`]).

use crate::handbook::findings::{Finding, Kind};
use crate::handbook::keys;
use crate::handbook::owners::Owners;
use crate::handbook::yaml::{self, Node, Value};
use std::collections::BTreeMap;

/// The name of the settings file at the handbook root.
pub const FILE_NAME: &str = "handbook.yaml";

/// The handbook's settings, with defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub organisation: Option<String>,
    /// Always starts and ends with `/`.
    pub base_url: String,
    pub due_soon_days: i64,
    /// How many days before a review its calendar reminder goes off.
    pub reminder_days: i64,
    pub require_review_date: bool,
    /// "Edit this page" link; `{path}` is replaced by the policy's file path.
    pub edit_url: Option<String>,
    pub theme: String,
    /// The line of `theme:` (1 when it is not written).
    pub theme_line: u32,
    pub extra_keys: Vec<String>,
    pub allow_raw_html: bool,
    /// Search synonyms: each key and its value find each other.
    pub synonyms: BTreeMap<String, String>,
    /// The owners registry (`owners:`, `require_registered_owners:`).
    pub owners: Owners,
    /// Kinds that are errors here whatever their usual severity
    /// (`fail_on:`), and kinds that are only warnings (`warn_on:`).
    pub fail_on: Vec<Kind>,
    pub warn_on: Vec<Kind>,
    /// Where "Report a problem with this policy" writes to.
    pub feedback_email: Option<String>,
    /// The full address readers open the site at (`https://…/`, ending in
    /// `/`), for the addresses that leave the site: the review schedule,
    /// calendars, emails.
    pub site_url: Option<String>,
    /// The organisation's logo for the header: a path under `assets/`,
    /// with the line it was written on (`check` reports one that is not
    /// there).
    pub logo: Option<(String, u32)>,
    /// What the accessibility statement says (`accessibility:`).
    pub accessibility: crate::handbook::accessibility::Accessibility,
    /// How the policies' prose is measured (`plain_english:`).
    pub plain_english: crate::handbook::plain::settings::Settings,
    /// Front-matter defaults: `defaults:` here, and each `_folder.yaml`
    /// (added by load).
    pub defaults: crate::handbook::defaults::Defaults,
    /// `keys:`: the front-matter keys a collection uses for ours.
    pub keys: crate::handbook::keys::Mapping,
    /// `exclude:`: files and folders that are not policies.
    pub exclude: crate::handbook::exclude::Exclude,
}

impl Config {
    /// The address of `path` (from the site root) as it is written where
    /// it leaves the site, in a spreadsheet, a calendar or an email: under
    /// `site_url` when there is one, else under `base_url` (a path, which
    /// only works on the intranet's own pages).
    pub fn address(&self, base_url: &str, path: &str) -> String {
        format!("{}{path}", self.site_url.as_deref().unwrap_or(base_url))
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Policy Handbook".to_string(),
            organisation: None,
            base_url: "/".to_string(),
            due_soon_days: 30,
            reminder_days: 14,
            require_review_date: false,
            edit_url: None,
            theme: "default".to_string(),
            theme_line: 1,
            extra_keys: Vec::new(),
            allow_raw_html: false,
            synonyms: BTreeMap::new(),
            owners: Owners::default(),
            fail_on: Vec::new(),
            warn_on: Vec::new(),
            feedback_email: None,
            site_url: None,
            logo: None,
            accessibility: Default::default(),
            plain_english: Default::default(),
            defaults: Default::default(),
            exclude: Default::default(),
            keys: Default::default(),
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "organisation",
    "organization",
    "base_url",
    "due_soon_days",
    "reminder_days",
    "require_review_date",
    "edit_url",
    "theme",
    "extra_keys",
    "allow_raw_html",
    "search",
    "owners",
    "require_registered_owners",
    "fail_on",
    "warn_on",
    "feedback_email",
    "site_url",
    "logo",
    "accessibility",
    "plain_english",
    "defaults",
    "exclude",
    "keys",
];

/// The kinds of picture a logo may be (they show in an `<img>` in every
/// browser).
const LOGO_TYPES: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp"];

/// Reads `handbook.yaml` text. Problems become findings; the returned
/// config uses the default for every key that could not be read.
pub fn parse(text: &str, findings: &mut Vec<Finding>) -> Config {
    let mut config = Config::default();
    let problem = |line: u32, key: &str, msg: String| {
        Finding::error(Kind::InvalidConfig, FILE_NAME, line, msg).key(key)
    };
    let root = match yaml::parse(text) {
        Ok(node) => node,
        Err(e) => {
            findings.push(Finding::error(
                Kind::InvalidConfig,
                FILE_NAME,
                e.line,
                format!("{} (the defaults are used for every setting)", e.message),
            ));
            return config;
        }
    };
    let entries = match root.value {
        Value::Map(entries) => entries,
        Value::Null => return config,
        other => {
            findings.push(problem(
                root.line,
                "",
                format!(
                    "{FILE_NAME} should hold settings, one per line, such as `title: ...`, but it is {}",
                    other.describe()
                ),
            ));
            return config;
        }
    };
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    let mut defaults = None;
    let mut mapping = None;
    for (key_node, value) in &entries {
        let key = yaml::key_text(key_node);
        let key_line = key_node.line;
        if let Some(first) = seen.insert(key, key_line) {
            findings.push(problem(
                key_node.line,
                key,
                keys::written_twice(key, first, key_line),
            ));
        }
        let text = |findings: &mut Vec<Finding>| -> Option<String> {
            match value.value.as_text() {
                Some(s) => Some(s),
                None if value.value == Value::Null => None,
                None => {
                    findings.push(problem(
                        value.line,
                        key,
                        format!("{key} should be text, but it is {}", value.value.describe()),
                    ));
                    None
                }
            }
        };
        match key {
            "title" => {
                if let Some(t) = text(findings).filter(|t| !t.trim().is_empty()) {
                    config.title = t;
                }
            }
            "organisation" | "organization" => config.organisation = text(findings),
            "site_url" => {
                if let Some(url) = text(findings) {
                    match check_site_url(&url) {
                        Ok(url) => config.site_url = Some(url),
                        Err(why) => findings.push(problem(value.line, key, why)),
                    }
                }
            }
            "feedback_email" => {
                config.feedback_email = text(findings).and_then(|email| {
                    let email = email.trim().to_string();
                    if crate::handbook::owners::is_email(&email) {
                        Some(email)
                    } else {
                        findings.push(problem(
                            value.line,
                            key,
                            format!(
                                "feedback_email \"{email}\" is not an email address (write it like policies@example.org)"
                            ),
                        ));
                        None
                    }
                })
            }
            "base_url" => {
                if let Some(b) = text(findings) {
                    match check_base_url(&b) {
                        Ok(base) => config.base_url = base,
                        Err(why) => findings.push(problem(value.line, key, why)),
                    }
                }
            }
            "edit_url" => {
                config.edit_url = text(findings).and_then(|url| {
                    match crate::handbook::link::check_url(key, &url) {
                        Ok(()) => Some(url),
                        Err(why) => {
                            findings.push(problem(value.line, key, why));
                            None
                        }
                    }
                })
            }
            "theme" => {
                if let Some(t) = text(findings) {
                    if t.is_empty() || t.contains(['/', '\\']) || t.starts_with('.') {
                        findings.push(problem(
                            value.line,
                            key,
                            format!("theme \"{t}\" should be the name of a folder under themes/"),
                        ));
                    } else {
                        config.theme = t;
                        config.theme_line = value.line;
                    }
                }
            }
            "due_soon_days" | "reminder_days" => {
                let (max, default) = if key == "due_soon_days" {
                    (3650, 30)
                } else {
                    (365, 14)
                };
                match value.value.as_text().map(|t| t.parse::<i64>()) {
                    Some(Ok(n)) if (0..=max).contains(&n) => {
                        if key == "due_soon_days" {
                            config.due_soon_days = n;
                        } else {
                            config.reminder_days = n;
                        }
                    }
                    _ => findings.push(problem(
                        value.line,
                        key,
                        format!(
                            "{key} should be a whole number of days between 0 and {max}, such as {default}"
                        ),
                    )),
                }
            }
            "require_review_date" | "allow_raw_html" | "require_registered_owners" => {
                match &value.value {
                    Value::Bool(b) => match key {
                        "allow_raw_html" => config.allow_raw_html = *b,
                        "require_review_date" => config.require_review_date = *b,
                        _ => config.owners.required = *b,
                    },
                    other => findings.push(problem(
                        value.line,
                        key,
                        format!(
                            "{key} should be true or false, but it is {}",
                            other.describe()
                        ),
                    )),
                }
            }
            "extra_keys" => config.extra_keys = string_list(value, key, findings),
            "search" => config.synonyms = synonyms(value, findings),
            "owners" => config.owners.owners = Owners::read(value, FILE_NAME, findings),
            "logo" => {
                if let Some(path) = text(findings) {
                    match check_logo(&path) {
                        Ok(path) => config.logo = Some((path, value.line)),
                        Err(why) => findings.push(problem(value.line, key, why)),
                    }
                }
            }
            "accessibility" => {
                config.accessibility = crate::handbook::accessibility::read(value, findings)
            }
            "plain_english" => {
                config.plain_english = crate::handbook::plain::settings::read(value, findings)
            }
            // Read after the loop, once extra_keys is known.
            "defaults" => defaults = Some(value),
            "keys" => mapping = Some(value),
            "exclude" => {
                config.exclude = crate::handbook::exclude::Exclude::read(value, FILE_NAME, findings)
            }
            "fail_on" => config.fail_on = kinds(value, key, findings),
            "warn_on" => config.warn_on = kinds(value, key, findings),
            _ => findings.push(unknown_setting(key, key_line).finding(KEYS.iter().copied())),
        }
    }
    if let Some(node) = mapping {
        let known = crate::handbook::frontmatter::STANDARD_KEYS
            .iter()
            .copied()
            .chain(config.extra_keys.iter().map(String::as_str));
        config.keys = keys::read_mapping(node, known, FILE_NAME, findings);
    }
    if let Some(node) = defaults {
        config.defaults.handbook =
            crate::handbook::defaults::read_layer(FILE_NAME, node, &config, findings);
    }
    for kind in &config.fail_on {
        if config.warn_on.contains(kind) {
            let line = seen.get("warn_on").copied().unwrap_or(1);
            findings.push(problem(
                line,
                "warn_on",
                format!(
                    "{} is in both fail_on and warn_on: keep it in the one you mean (fail_on is used)",
                    kind.as_str()
                ),
            ));
        }
    }
    config.warn_on.retain(|k| !config.fail_on.contains(k));
    config
}

/// The finding kinds of `fail_on:` or `warn_on:`; an unknown name is an
/// error that lists the kinds (with the nearest one, when there is one).
fn kinds(node: &Node, key: &str, findings: &mut Vec<Finding>) -> Vec<Kind> {
    // Each name with its line: the list's items one by one (an item that
    // is not text is reported by string_list), or a single name.
    let named: Vec<(String, u32)> = match &node.value {
        Value::List(items) => items
            .iter()
            .filter_map(|item| Some((item.value.as_text()?, item.line)))
            .collect(),
        _ => Vec::new(),
    };
    let names = string_list(node, key, findings);
    let named = if named.is_empty() {
        names.into_iter().map(|n| (n, node.line)).collect()
    } else {
        named
    };
    let mut out = Vec::new();
    for (name, line) in &named {
        let name = name.trim();
        match Kind::from_name(name) {
            Some(kind) if key == "warn_on" && Kind::ALWAYS_ERRORS.contains(&kind) => {
                findings.push(
                    Finding::error(
                        Kind::InvalidConfig,
                        FILE_NAME,
                        *line,
                        format!(
                            "warn_on: {name} cannot be only a warning: it means the site would be built wrong or not at all (the kinds that stay errors are {})",
                            Kind::ALWAYS_ERRORS
                                .iter()
                                .map(|k| k.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .key(key),
                );
            }
            Some(kind) if !out.contains(&kind) => out.push(kind),
            Some(_) => {}
            None => {
                let all = Kind::ALL.iter().map(|k| k.as_str());
                let nearest = keys::closest_key(name, all.clone())
                    .map(|k| format!("did you mean {k}? "))
                    .unwrap_or_default();
                findings.push(
                    Finding::error(
                        Kind::InvalidConfig,
                        FILE_NAME,
                        *line,
                        format!(
                            "{key}: \"{name}\" is not a kind of finding; {nearest}the kinds are {} (docs/cli.md says what each means)",
                            all.collect::<Vec<_>>().join(", ")
                        ),
                    )
                    .key(key),
                );
            }
        }
    }
    out
}

/// An unknown setting in `handbook.yaml`.
fn unknown_setting(key: &str, line: u32) -> keys::Unknown<'_> {
    keys::Unknown {
        file: FILE_NAME,
        line,
        key,
        what: "setting",
        otherwise: "docs/handbook-format.md lists the settings",
        // A typo of one of these switches a part of the gate off.
        decisive: &[
            "fail_on",
            "warn_on",
            "require_review_date",
            "require_registered_owners",
        ],
        decides: "what check fails on",
    }
}

/// A `base_url` as written, checked and normalized; `Err` says what is
/// wrong with it in words.
pub fn check_base_url(raw: &str) -> Result<String, String> {
    let ok = raw
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c));
    if !ok || raw.contains("//") || raw.split('/').any(|s| s == "..") {
        return Err(format!(
            "base_url \"{raw}\" should be a path such as /intranet/policies/ (letters a-z, digits, - _ . ~ and /; not a full address)"
        ));
    }
    Ok(normalize_base_url(raw))
}

/// A `site_url` as written, checked and ending in `/`; `Err` says what is
/// wrong with it in words.
pub fn check_site_url(raw: &str) -> Result<String, String> {
    let url = raw.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let fine = rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && !url.contains(|c: char| {
                c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^#?".contains(c)
            })
    });
    if !fine {
        return Err(format!(
            "site_url \"{raw}\" should be the full address the site is read at, such as https://intranet.example.org/policies/ (https:// or http://, a host, and the path; no spaces, ? or #)"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// A `logo` as written: a picture under `assets/`, its path with `/`
/// between folders; `Err` says what is wrong with it in words.
pub fn check_logo(raw: &str) -> Result<String, String> {
    let path = raw.trim().replace('\\', "/");
    let under_assets = path
        .strip_prefix(crate::handbook::load::ASSETS_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| !rest.is_empty());
    let safe = !path
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
        && !path.contains(|c: char| c.is_control() || "\"<>?#%".contains(c));
    let kind = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if !under_assets || !safe {
        return Err(format!(
            "logo \"{raw}\" should be the path of a picture in the handbook's assets folder, such as assets/images/logo.svg"
        ));
    }
    if !LOGO_TYPES.contains(&kind.as_str()) {
        return Err(format!(
            "logo \"{raw}\" should be a picture that every browser shows: a file ending {}",
            LOGO_TYPES
                .iter()
                .map(|t| format!(".{t}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(path)
}

/// `/policies` → `/policies/`; `policies/` → `/policies/`; empty → `/`.
pub fn normalize_base_url(raw: &str) -> String {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// A list of strings; a single string is accepted as a one-item list.
pub fn string_list(node: &Node, key: &str, findings: &mut Vec<Finding>) -> Vec<String> {
    match &node.value {
        Value::Null => Vec::new(),
        Value::List(items) => items
            .iter()
            .filter_map(|item| match item.value.as_text() {
                Some(s) => Some(s),
                None => {
                    findings.push(
                        Finding::error(
                            Kind::InvalidConfig,
                            FILE_NAME,
                            item.line,
                            format!(
                                "each item of {key} should be text, but one is {}",
                                item.value.describe()
                            ),
                        )
                        .key(key),
                    );
                    None
                }
            })
            .collect(),
        other => match other.as_text() {
            Some(s) => vec![s],
            None => {
                findings.push(
                    Finding::error(
                        Kind::InvalidConfig,
                        FILE_NAME,
                        node.line,
                        format!("{key} should be a list, such as [a, b]"),
                    )
                    .key(key),
                );
                Vec::new()
            }
        },
    }
}

fn synonyms(node: &Node, findings: &mut Vec<Finding>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Value::Map(entries) = &node.value else {
        if node.value != Value::Null {
            findings.push(
                Finding::error(
                    Kind::InvalidConfig,
                    FILE_NAME,
                    node.line,
                    "search should hold settings such as `synonyms:`".to_string(),
                )
                .key("search"),
            );
        }
        return out;
    };
    for (k, v) in entries {
        match (yaml::key_text(k), &v.value) {
            ("synonyms", Value::Map(pairs)) => {
                for (word, meaning) in pairs {
                    match meaning.value.as_text() {
                        Some(m) => {
                            out.insert(yaml::key_text(word).to_string(), m);
                        }
                        None => findings.push(
                            Finding::error(
                                Kind::InvalidConfig,
                                FILE_NAME,
                                meaning.line,
                                format!(
                                    "the synonym for {} should be text, such as `DSL: designated safeguarding lead`",
                                    yaml::key_text(word)
                                ),
                            )
                            .key("search.synonyms"),
                        ),
                    }
                }
            }
            ("synonyms", _) => findings.push(
                Finding::error(
                    Kind::InvalidConfig,
                    FILE_NAME,
                    v.line,
                    "search.synonyms should be pairs such as `DSL: designated safeguarding lead`"
                        .to_string(),
                )
                .key("search.synonyms"),
            ),
            (other, _) => {
                let mut f = unknown_setting(other, k.line).finding(["synonyms"]);
                f.message = format!("search.{}", f.message);
                findings.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_values() {
        let mut f = Vec::new();
        let c = parse(
            "title: T\nbase_url: intranet/policies\ndue_soon_days: 14\nextra_keys: funding_body\nsearch:\n  synonyms:\n    DSL: designated safeguarding lead\n",
            &mut f,
        );
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(c.title, "T");
        assert_eq!(c.base_url, "/intranet/policies/");
        assert_eq!(c.due_soon_days, 14);
        assert_eq!(c.extra_keys, ["funding_body"]);
        assert_eq!(c.synonyms["DSL"], "designated safeguarding lead");
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("intranet/policies").as_deref(),
            Ok("/intranet/policies/")
        );
        assert_eq!(check_base_url("/").as_deref(), Ok("/"));
        for bad in [
            "/x\"><img src=x>/",
            "https://example.org/",
            "/políticas/",
            "/a/../b",
            "/a b/",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn problems_are_collected() {
        let mut f = Vec::new();
        let c = parse(
            "due_soon_days: soon\nthem: x\nrequire_review_date: 3\n",
            &mut f,
        );
        assert_eq!(c, Config::default());
        assert_eq!(f.len(), 3, "{f:?}");
        assert!(
            f[1].message.contains("did you mean theme?"),
            "{}",
            f[1].message
        );
    }
}
