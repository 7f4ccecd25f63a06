//! `accessibility:` in `handbook.yaml`: what the site's accessibility
//! statement says that only the organisation knows (who to contact, the
//! problems it knows of, when the site was last tested). Read with the
//! rest of the settings ([`crate::handbook::config`]); the statement page
//! itself is the site's (`accessibility.html`, written by the render
//! stage from the theme's `accessibility.html` template).

use crate::handbook::config::FILE_NAME;
use crate::handbook::findings::{Finding, Kind};
use crate::handbook::keys;
use crate::handbook::yaml::{self, Node, Value};
use jiff::civil::Date;

/// What the accessibility statement says about this organisation's site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Accessibility {
    /// Where to report a problem or ask for another format (an email
    /// address); `feedback_email` when not set.
    pub contact: Option<String>,
    /// A telephone number to call instead, as written.
    pub phone: Option<String>,
    /// Parts of the site known not to meet the standard, in words.
    pub known_issues: Vec<String>,
    /// The day the site was last tested for accessibility.
    pub last_tested: Option<Date>,
    /// Who tested it ("our IT team", "Shaw Trust").
    pub tested_by: Option<String>,
    /// How many working days a reply takes.
    pub response_days: Option<u32>,
}

const KEYS: &[&str] = &[
    "contact",
    "phone",
    "known_issues",
    "last_tested",
    "tested_by",
    "response_days",
];

/// Reads the `accessibility:` map; each problem becomes a finding on its
/// line and leaves that setting out.
pub fn read(node: &Node, findings: &mut Vec<Finding>) -> Accessibility {
    let mut out = Accessibility::default();
    let problem = |line: u32, key: &str, msg: String| {
        Finding::error(Kind::InvalidConfig, FILE_NAME, line, msg)
            .key(&format!("accessibility.{key}"))
    };
    let entries = match &node.value {
        Value::Map(entries) => entries,
        Value::Null => return out,
        other => {
            findings.push(problem(
                node.line,
                "",
                format!(
                    "accessibility should hold settings such as `contact: accessibility@example.org` and `last_tested: 2026-11-23`, one per line and indented under it, but it is {}",
                    other.describe()
                ),
            ));
            return out;
        }
    };
    for (key_node, value) in entries {
        let key = yaml::key_text(key_node);
        let text = value.value.as_text().map(|t| t.trim().to_string());
        let text = match (&value.value, text) {
            (Value::Null, _) => continue,
            (_, Some(t)) if !t.is_empty() => Some(t),
            _ => None,
        };
        match key {
            "contact" => match text {
                Some(email) if crate::handbook::owners::is_email(&email) => out.contact = Some(email),
                _ => findings.push(problem(
                    value.line,
                    key,
                    "accessibility.contact should be the email address readers write to about accessibility, such as accessibility@example.org".to_string(),
                )),
            },
            "phone" | "tested_by" => match text {
                Some(t) if key == "phone" => out.phone = Some(t),
                Some(t) => out.tested_by = Some(t),
                None => findings.push(problem(
                    value.line,
                    key,
                    format!("accessibility.{key} should be text"),
                )),
            },
            "last_tested" => match text.as_deref().map(crate::handbook::review::read_date) {
                Some(Ok(d)) => out.last_tested = Some(d),
                Some(Err(why)) => findings.push(problem(
                    value.line,
                    key,
                    format!("accessibility.last_tested: {why}"),
                )),
                None => findings.push(problem(
                    value.line,
                    key,
                    "accessibility.last_tested should be the day the site was last tested, written 2026-11-23".to_string(),
                )),
            },
            "response_days" => match text.as_deref().map(str::parse::<u32>) {
                Some(Ok(n)) if (1..=60).contains(&n) => out.response_days = Some(n),
                _ => findings.push(problem(
                    value.line,
                    key,
                    "accessibility.response_days should be how many working days a reply takes, a whole number from 1 to 60, such as 5".to_string(),
                )),
            },
            "known_issues" => {
                out.known_issues = crate::handbook::config::string_list(value, "accessibility.known_issues", findings)
                    .into_iter()
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect()
            }
            _ => findings.push(
                keys::Unknown {
                    file: FILE_NAME,
                    line: key_node.line,
                    key,
                    what: "setting",
                    otherwise: "docs/handbook-format.md lists the settings of accessibility:",
                    // Missing, either makes the statement claim more than
                    // it should.
                    decisive: &["known_issues", "last_tested"],
                    decides: "whether the accessibility statement says the site complies",
                }
                .finding(KEYS.iter().copied())
                .key(&format!("accessibility.{key}")),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> (Accessibility, Vec<Finding>) {
        let node = yaml::parse(text).unwrap();
        let mut findings = Vec::new();
        let Value::Map(entries) = node.value else {
            panic!("not a map")
        };
        (read(&entries[0].1, &mut findings), findings)
    }

    #[test]
    fn reads_every_setting() {
        let (a, findings) = read_text(
            "accessibility:\n  contact: access@example.org\n  phone: 01234 567890\n  known_issues:\n    - Old PDFs\n  last_tested: 2026-11-23\n  tested_by: Our IT team\n  response_days: 5\n",
        );
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(a.contact.as_deref(), Some("access@example.org"));
        assert_eq!(a.phone.as_deref(), Some("01234 567890"));
        assert_eq!(a.known_issues, ["Old PDFs"]);
        assert_eq!(a.last_tested, Some(jiff::civil::date(2026, 11, 23)));
        assert_eq!(a.tested_by.as_deref(), Some("Our IT team"));
        assert_eq!(a.response_days, Some(5));
    }

    #[test]
    fn each_bad_setting_is_a_finding_on_its_line() {
        let (a, findings) = read_text(
            "accessibility:\n  contact: not an email\n  last_tested: 2026-02-30\n  response_days: lots\n  contcat: x@example.org\n",
        );
        assert_eq!(a, Accessibility::default());
        let said: Vec<(u32, &str)> = findings
            .iter()
            .map(|f| (f.line, f.key.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            said,
            [
                (2, "accessibility.contact"),
                (3, "accessibility.last_tested"),
                (4, "accessibility.response_days"),
                (5, "accessibility.contcat")
            ]
        );
        assert!(
            findings[1].message.contains("February 2026 has no day 30"),
            "{}",
            findings[1].message
        );
        assert_eq!(findings[3].suggestion.as_deref(), Some("contact"));
        assert_eq!(
            findings[3].message,
            "contcat is not a setting policybook knows; did you mean contact?"
        );
        // A near miss of a key that decides what the statement claims is
        // an error.
        let (_, findings) = read_text("accessibility:\n  known_issue: [Old PDFs]\n");
        assert_eq!(
            findings[0].severity,
            crate::handbook::findings::Severity::Error
        );
        assert!(
            findings[0].message.contains("did you mean known_issues?"),
            "{}",
            findings[0].message
        );
        let (_, findings) = read_text("accessibility: yes please\n");
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("indented under it"));
    }
}
