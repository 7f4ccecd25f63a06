//! The owners registry: `handbook.yaml`'s `owners:`, which maps an owner
//! as policies name it (a role such as "Head of Centre", or a person) to a
//! person's name, an email and a deputy. A policy may then name only the
//! role; when someone leaves, one line changes instead of forty files.
//! Read with the settings (**load**); each policy's owner is resolved
//! against it in **parse**, so that everything after (checks, owner pages,
//! the schedule) groups by the registered owner and never splits on
//! spelling.
//!
//! ```yaml
//! owners:
//!   Head of Centre: { name: Jane Smith, email: head@example.org, deputy: Deputy Manager }
//!   Office Manager: Sam Jones
//! ```

use crate::handbook::findings::{Finding, Kind};
use crate::handbook::yaml::{self, Node, Value};

/// One registered owner.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Owner {
    /// The owner as policies name it.
    pub key: String,
    /// The person who is that owner now.
    pub name: Option<String>,
    pub email: Option<String>,
    /// Another registered owner (or a person) who stands in.
    pub deputy: Option<String>,
    /// The line of `handbook.yaml` it is on.
    pub line: u32,
}

/// The registry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Owners {
    pub owners: Vec<Owner>,
    /// `require_registered_owners: true`: an owner not in the registry is
    /// an error.
    pub required: bool,
}

/// What a policy's `owner` is, against the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved<'a> {
    /// Registered as written.
    Registered(&'a Owner),
    /// Registered, but written another way (case, spaces, a small typo).
    Misspelt(&'a Owner),
    /// The person registered as one owner (and only one), named instead
    /// of the owner.
    Person(&'a Owner),
    /// Not registered (or there is no registry).
    Unregistered,
}

/// What is wrong with `owner`, written in `file` on `line`, as the owners
/// registry sees it: written another way than a registered owner, naming
/// the person registered for a role, or (with `require_registered_owners`)
/// not registered at all. The one check for a policy's owner and a
/// default's.
pub fn registry_finding(
    config: &crate::handbook::config::Config,
    owner: &str,
    file: &str,
    line: u32,
) -> Option<Finding> {
    let owner = owner.split_whitespace().collect::<Vec<_>>().join(" ");
    let resolved = config.owners.resolve(&owner);
    match resolved {
        Resolved::Registered(_) => None,
        Resolved::Misspelt(o) | Resolved::Person(o) => {
            let why = if matches!(resolved, Resolved::Person(_)) {
                format!(
                    "is the person registered as \"{}\" (handbook.yaml line {}): write owner: {}, so that the policy stays with that role when someone else takes it on",
                    o.key, o.line, o.key
                )
            } else {
                format!(
                    "is written differently from the registered owner \"{}\" (handbook.yaml line {}): write it as registered, so that {} listed with the others of that owner",
                    o.key,
                    o.line,
                    if file.ends_with(".yaml") {
                        "the policies it is the default for are"
                    } else {
                        "this policy is"
                    }
                )
            };
            Some(
                Finding::warning(
                    Kind::OwnerMisspelt,
                    file,
                    line,
                    format!("owner \"{owner}\" {why}"),
                )
                .key("owner"),
            )
        }
        Resolved::Unregistered if config.owners.required => Some(
            Finding::error(
                Kind::UnregisteredOwner,
                file,
                line,
                format!(
                    "owner \"{owner}\" is not in the owners registry of handbook.yaml, which require_registered_owners asks for: add it there (with the person's name and email), or write a registered owner"
                ),
            )
            .key("owner"),
        ),
        Resolved::Unregistered => None,
    }
}

/// Whether `text` reads as an email address (name@host.tld, no spaces).
pub fn is_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            // Nothing that would end the address in a mailto: link and
            // start its query (?cc=…), or break out of quotes.
            && !text.contains(|c: char| {
                c.is_whitespace() || c.is_control() || ",;<>\"'?#&%/\\:()[]".contains(c)
            })
    })
}

/// An owner's name as compared: lower case, runs of spaces as one.
fn folded(owner: &str) -> String {
    owner
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Owners {
    /// `owner` against the registry.
    pub fn resolve(&self, owner: &str) -> Resolved<'_> {
        if self.owners.is_empty() {
            return Resolved::Unregistered;
        }
        if let Some(o) = self.owners.iter().find(|o| o.key == owner) {
            return Resolved::Registered(o);
        }
        let f = folded(owner);
        if f.is_empty() {
            return Resolved::Unregistered;
        }
        if let Some(o) = self.owners.iter().find(|o| folded(&o.key) == f) {
            return Resolved::Misspelt(o);
        }
        let mut holding = self
            .owners
            .iter()
            .filter(|o| o.name.as_deref().is_some_and(|n| folded(n) == f));
        if let (Some(o), None) = (holding.next(), holding.next()) {
            return Resolved::Person(o);
        }
        let keys: Vec<String> = self.owners.iter().map(|o| folded(&o.key)).collect();
        match crate::handbook::slug::closest(&f, keys.iter().map(String::as_str)) {
            Some(k) => self
                .owners
                .iter()
                .find(|o| folded(&o.key) == k)
                .map_or(Resolved::Unregistered, Resolved::Misspelt),
            None => Resolved::Unregistered,
        }
    }

    /// The registry in `handbook.yaml`'s `owners:`; problems become
    /// findings against `file`.
    pub fn read(node: &Node, file: &str, findings: &mut Vec<Finding>) -> Vec<Owner> {
        let problem = |line: u32, msg: String| {
            Finding::error(Kind::InvalidConfig, file, line, msg).key("owners")
        };
        let entries = match &node.value {
            Value::Null => return Vec::new(),
            Value::Map(entries) => entries,
            other => {
                findings.push(problem(
                    node.line,
                    format!(
                        "owners should map each owner to a person, such as `Head of Centre: {{ name: Jane Smith, email: head@example.org }}`, but it is {}",
                        other.describe()
                    ),
                ));
                return Vec::new();
            }
        };
        let mut out: Vec<Owner> = Vec::new();
        for (k, v) in entries {
            let key = yaml::key_text(k).trim().to_string();
            let mut owner = Owner {
                key: key.clone(),
                line: k.line,
                ..Owner::default()
            };
            if key.is_empty() {
                findings.push(problem(
                    k.line,
                    "an owner in owners has no name".to_string(),
                ));
                continue;
            }
            if let Some(first) = out.iter().find(|o| folded(&o.key) == folded(&key)) {
                findings.push(problem(
                    k.line,
                    format!(
                        "owners has \"{key}\" twice (lines {} and {}): keep one",
                        first.line, k.line
                    ),
                ));
                continue;
            }
            match &v.value {
                Value::Null => {}
                Value::Map(fields) => {
                    for (fk, fv) in fields {
                        let field = yaml::key_text(fk);
                        let Some(text) = fv.value.as_text().map(|t| t.trim().to_string()) else {
                            if fv.value != Value::Null {
                                findings.push(problem(
                                    fv.line,
                                    format!("owners: {key}: {field} should be text, but it is {}", fv.value.describe()),
                                ));
                            }
                            continue;
                        };
                        match field {
                            "name" => owner.name = Some(text),
                            "deputy" => owner.deputy = Some(text),
                            "email" if is_email(&text) => owner.email = Some(text),
                            "email" => findings.push(problem(
                                fv.line,
                                format!("owners: {key}: email \"{text}\" is not an email address (write it like name@example.org)"),
                            )),
                            other => findings.push(problem(
                                fk.line,
                                format!("owners: {key}: {other} is not something an owner has; an owner has name, email and deputy"),
                            )),
                        }
                    }
                }
                other => match other.as_text() {
                    Some(name) => owner.name = Some(name.trim().to_string()),
                    None => findings.push(problem(
                        v.line,
                        format!("owners: {key} should be a person, such as `{{ name: Jane Smith, email: head@example.org }}`"),
                    )),
                },
            }
            if let Some(email) = &owner.email
                && let Some(other) = out.iter().find(|o| {
                    o.email
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(email))
                })
            {
                findings.push(
                    Finding::warning(
                        Kind::InvalidConfig,
                        file,
                        owner.line,
                        format!(
                            "owners: {} and {} have the same email ({email}): if one person holds both roles, that is fine, but check it is not a copy",
                            other.key, owner.key
                        ),
                    )
                    .key("owners"),
                );
            }
            out.push(owner);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_only_an_address() {
        for ok in [
            "a@b.org",
            "first.last+policies@riverside.example.org",
            "o'@x.org",
        ] {
            assert_eq!(is_email(ok), !ok.contains('\''), "{ok}");
        }
        for bad in [
            "a@b.org?cc=boss@evil.example&subject=Resign",
            "a@b.org#x",
            "a%40b@c.org",
            "a@b.org/x",
            "javascript:a@b.org",
            "a@b",
            "@b.org",
            "a b@c.org",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    fn owners(yaml_text: &str) -> (Vec<Owner>, Vec<Finding>) {
        let node = yaml::parse(yaml_text).unwrap();
        let mut findings = Vec::new();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let list = Owners::read(&entries[0].1, "handbook.yaml", &mut findings);
        (list, findings)
    }

    #[test]
    fn the_registry_is_read_and_resolves_spellings() {
        let (list, f) = owners(
            "owners:\n  Head of Centre: { name: Jane Smith, email: head@example.org, deputy: Deputy Manager }\n  Office Manager: Sam Jones\n",
        );
        assert!(f.is_empty(), "{f:?}");
        let reg = Owners {
            owners: list,
            required: false,
        };
        assert!(
            matches!(reg.resolve("Head of Centre"), Resolved::Registered(o) if o.name.as_deref() == Some("Jane Smith"))
        );
        assert!(
            matches!(reg.resolve("Head of centre"), Resolved::Misspelt(o) if o.key == "Head of Centre")
        );
        assert!(
            matches!(reg.resolve("Head  of Center"), Resolved::Misspelt(o) if o.key == "Head of Centre")
        );
        assert!(
            matches!(reg.resolve("Office Manager"), Resolved::Registered(o) if o.name.as_deref() == Some("Sam Jones"))
        );
        assert_eq!(reg.resolve("Cook"), Resolved::Unregistered);
    }

    #[test]
    fn bad_entries_are_named() {
        let (list, f) = owners(
            "owners:\n  A: [1, 2]\n  B: { email: 'x, y@example.org' }\n  C: { phone: 1 }\n  a: x\n  D: { email: d@example.org }\n  E: { email: D@example.org }\n",
        );
        let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(f.len(), 5, "{messages:#?}");
        assert!(messages[0].contains("owners: A should be a person"));
        assert!(messages[1].contains("is not an email address"));
        assert!(messages[2].contains("phone is not something an owner has"));
        assert!(messages[3].contains("\"a\" twice (lines 2 and 5)"));
        assert!(messages[4].contains("the same email"));
        assert_eq!(list.len(), 5);
        let (_, f) = owners("owners: Head of Centre\n");
        assert!(
            f[0].message.contains("owners should map each owner"),
            "{f:?}"
        );
    }
}
