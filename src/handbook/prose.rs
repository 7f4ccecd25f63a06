//! References in prose, part of the **check** stage: a phrase that names
//! a policy ("see the Photographic Images Policy") without linking to it.
//! When the name is a policy's (by the forgiving matcher of
//! [`names`](super::names), the one `import` uses), the finding is a note
//! with the link to write; when it is none, a warning with "did you mean",
//! since the policy it sends readers to may not exist.

use crate::handbook::findings::{Finding, Kind, Severity};
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::names::{Match, Names};
use crate::handbook::parse::Policy;

/// Adds a finding for each policy named in a body but not linked to (the
/// first time each is named in a policy).
pub fn check(policies: &[Policy], findings: &mut Vec<Finding>) {
    if policies.iter().all(|p| p.policy_names.is_empty()) {
        return;
    }
    let names = Names::new(policies.iter().map(|p| (p.id.as_str(), p.title.as_str())));
    let titles: std::collections::HashMap<&str, &str> = policies
        .iter()
        .map(|p| (p.id.as_str(), p.title.as_str()))
        .collect();
    let mut cache: std::collections::HashMap<String, Match> = std::collections::HashMap::new();
    for p in policies.iter().filter(|p| p.status != Lifecycle::Retired) {
        let mut seen = std::collections::HashSet::new();
        for (line, phrase) in &p.policy_names {
            // A name is looked up once per check, however often written.
            let matched = cache
                .entry(phrase.to_lowercase())
                .or_insert_with(|| names.find(phrase))
                .clone();
            // Each policy named, and each name of nothing, once.
            let seen_as = matched
                .id()
                .map_or_else(|| phrase.to_lowercase(), str::to_string);
            if !seen.insert(seen_as) {
                continue;
            }
            let finding = match matched {
                Match::Same(id) | Match::Close(id) if id == p.id => continue,
                Match::Same(id) | Match::Close(id) => {
                    let mut f = Finding::new(
                        Kind::UnlinkedPolicyName,
                        Severity::Info,
                        &p.file,
                        *line,
                        format!(
                            "\"{phrase}\" names the policy {} but is not a link: write [[{id}]] (or [[{id}|{phrase}]]) so that readers can open it",
                            titles.get(id.as_str()).copied().unwrap_or(&id)
                        ),
                    )
                    .target(&id);
                    f.suggestion = Some(format!("[[{id}]]"));
                    f
                }
                Match::None { did_you_mean } => {
                    let mut f = Finding::warning(
                        Kind::UnknownPolicyName,
                        &p.file,
                        *line,
                        match &did_you_mean {
                            Some(id) => format!(
                                "\"{phrase}\" names no policy in the handbook; did you mean {} ([[{id}]])?",
                                titles.get(id.as_str()).copied().unwrap_or(id)
                            ),
                            None => format!(
                                "\"{phrase}\" names no policy in the handbook: add it, link to where it is, or reword the sentence"
                            ),
                        },
                    );
                    f.suggestion = did_you_mean;
                    f
                }
            };
            findings.push(finding.policy(&p.id));
        }
    }
}
