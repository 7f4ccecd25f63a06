//! Supersession, part of **link**: a new policy says `supersedes: old-id`
//! (or a list), the old one may say `superseded_by: new-id`; either side
//! makes the old one retired and replaced by the new. Run after the ids
//! are known and before the links are resolved, so that a link to a
//! replaced policy can name its replacement. Every id is checked (one
//! that does not exist is a broken reference), the two sides must agree,
//! and a policy cannot replace itself or be replaced in a cycle; only a
//! policy in force replaces another (a draft's `supersedes` takes effect
//! when it is published); a chain (a by b, b by c) sends readers of a and
//! b to c. Chains are followed without recursion, each policy once.

use crate::handbook::findings::{Finding, Kind};
use crate::handbook::frontmatter::At;
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::link::{self, Index};
use crate::handbook::parse::Policy;

/// Works out which policy replaces which, setting each policy's
/// [`Policy::replaced_by`], [`Policy::replaces`] and (for a replaced one)
/// its status, from the front-matter again each time.
pub fn resolve(policies: &mut [Policy], index: &Index, findings: &mut Vec<Finding>) {
    for p in policies.iter_mut() {
        p.status = p.declared_status;
        p.replaced_by = None;
        p.replaces.clear();
    }
    // For each policy, what replaces it (and which key said so).
    let mut by: Vec<Option<usize>> = vec![None; policies.len()];
    let mut said_by_new: Vec<Option<usize>> = vec![None; policies.len()];
    for (new, p) in policies.iter().enumerate() {
        for old_id in &p.supersedes {
            let Some(old) = target(policies, index, p, old_id, "supersedes", findings) else {
                continue;
            };
            match said_by_new[old] {
                Some(other) if other != new => findings.push(disagrees(
                    p,
                    old_id.line,
                    "supersedes",
                    &policies[old].id,
                    format!(
                        "'{}' is replaced by '{}' already (it says so in supersedes too): a policy is replaced by one other",
                        policies[old].id, policies[other].id
                    ),
                )),
                _ => {
                    said_by_new[old] = Some(new);
                    by[old] = Some(new);
                }
            }
        }
    }
    for (old, p) in policies.iter().enumerate() {
        let Some(new_id) = &p.superseded_by else {
            continue;
        };
        let Some(new) = target(policies, index, p, new_id, "superseded_by", findings) else {
            continue;
        };
        match said_by_new[old] {
            Some(other) if other != new => findings.push(disagrees(
                p,
                new_id.line,
                "superseded_by",
                &policies[new].id,
                format!(
                    "superseded_by says '{}', but '{}' says it supersedes this policy: correct whichever is wrong ('{}' is used)",
                    policies[new].id, policies[other].id, policies[other].id
                ),
            )),
            _ => by[old] = Some(new),
        }
    }
    // Only a policy in force replaces another: a draft that says so takes
    // effect when it is published, and a retired one never.
    for next in by.iter_mut() {
        if next.is_some_and(|new| policies[new].declared_status != Lifecycle::Active) {
            *next = None;
        }
    }
    // A cycle (a replaced by b, b by a) replaces nothing: each policy on
    // it gets an error. Each policy has at most one successor, so every
    // walk ends on a policy seen before; each is walked once.
    let mut state = vec![0u8; policies.len()]; // 0 new, 1 on this walk, 2 done
    for start in 0..policies.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            if state[i] != 0 {
                break;
            }
            state[i] = 1;
            path.push(i);
            at = by[i];
        }
        if let Some(i) = at
            && state[i] == 1
        {
            let from = path.iter().position(|&j| j == i).unwrap_or(0);
            let cycle: Vec<usize> = path[from..].to_vec();
            // At most a few names, so that a long circle's messages do not
            // grow with its length squared.
            let names: Vec<&str> = cycle
                .iter()
                .take(5)
                .map(|&j| policies[j].id.as_str())
                .collect();
            let shown = if cycle.len() > 5 {
                format!("{} → … ({} policies)", names.join(" → "), cycle.len())
            } else {
                format!("{} → {}", names.join(" → "), names[0])
            };
            for &j in &cycle {
                let q = &policies[j];
                let line = q
                    .superseded_by
                    .as_ref()
                    .or(q.supersedes.first())
                    .map_or(1, |a| a.line);
                findings.push(
                    Finding::error(
                        Kind::InvalidFrontMatter,
                        &q.file,
                        line,
                        format!(
                            "these policies replace each other in a circle ({shown}): one of them must be the current one, so remove supersedes or superseded_by from it"
                        ),
                    )
                    .policy(&policies[j].id)
                    .key("supersedes"),
                );
            }
            for &j in &cycle {
                by[j] = None;
            }
        }
        for &j in &path {
            state[j] = 2;
        }
    }
    // Where each chain ends (a replaced by b, b by c: a and b send readers
    // to c), each policy worked out once.
    let mut current: Vec<Option<usize>> = vec![None; policies.len()];
    for start in 0..policies.len() {
        let mut path = Vec::new();
        let mut at = start;
        let end = loop {
            match (current[at], by[at]) {
                (Some(end), _) => break end,
                (None, Some(next)) => {
                    path.push(at);
                    at = next;
                }
                (None, None) => break at,
            }
        };
        for j in path {
            current[j] = Some(end);
        }
    }
    for old in 0..policies.len() {
        let (Some(new), Some(end)) = (by[old], current[old]) else {
            continue;
        };
        let end_id = policies[end].id.clone();
        let old_id = policies[old].id.clone();
        let p = &mut policies[old];
        p.replaced_by = Some(end_id);
        if p.status == Lifecycle::Active {
            p.status = Lifecycle::Retired;
        }
        policies[new].replaces.push(old_id);
    }
}

/// The warning that `p`'s `key` (on `line`, naming `target`) and another
/// policy say different things.
fn disagrees(p: &Policy, line: u32, key: &str, target: &str, message: String) -> Finding {
    Finding::warning(Kind::SupersessionDisagrees, &p.file, line, message)
        .policy(&p.id)
        .key(key)
        .target(target)
}

/// The policy `id` names, from `p`'s `key`: none (with a finding) when
/// there is no such policy, or it is `p` itself.
fn target(
    policies: &[Policy],
    index: &Index,
    p: &Policy,
    id: &At<String>,
    key: &str,
    findings: &mut Vec<Finding>,
) -> Option<usize> {
    let Some(i) = index.policy_by_id(&id.value) else {
        let broken = index.missing_id(&id.value, &format!("{key}: {}", id.value));
        findings.push(link::broken_finding(p, &id.value, id.line, broken).key(key));
        return None;
    };
    if policies[i].file == p.file {
        findings.push(
            Finding::error(
                Kind::InvalidFrontMatter,
                &p.file,
                id.line,
                format!(
                    "{key} names this policy itself ('{}'): write the id of the policy it replaces, or that replaces it",
                    id.value
                ),
            )
            .policy(&p.id)
            .key(key),
        );
        return None;
    }
    Some(i)
}
