//! `check --changed-since`: after **check**, the report narrowed to the
//! policies a change touched and those that link to them. The whole
//! handbook is still loaded and linked, so that references resolve; only
//! what is judged narrows. Which files changed comes from the caller (the
//! command line asks [`crate::git`]); nothing here runs a program.

use crate::handbook::Handbook;
use crate::handbook::load;
use std::collections::BTreeSet;

/// The policy files to judge after `changed` (paths relative to the
/// handbook) changed, or `None` for all of them: a change to
/// `handbook.yaml` or the theme can change any policy's findings.
/// `old_text` gives a deleted file's text before the change, so that the
/// id it had is known: the policies that linked to it are judged too.
pub fn judged_after(
    hb: &Handbook,
    changed: &[String],
    old_text: impl Fn(&str) -> Option<String>,
) -> Option<BTreeSet<String>> {
    if changed
        .iter()
        .any(|f| f == crate::handbook::config::FILE_NAME || f.starts_with("themes/"))
    {
        return None;
    }
    let mut judged = BTreeSet::new();
    // Ids and files (deleted, or assets) that a policy may name.
    let mut gone: BTreeSet<String> = BTreeSet::new();
    for file in changed {
        if let Some(i) = hb.policy_by_file(file) {
            judged.insert(file.clone());
            for &from in &hb.links.incoming[i] {
                judged.insert(hb.policies[from].file.clone());
            }
        } else if hb.unparseable.binary_search(file).is_ok() {
            judged.insert(file.clone());
        } else {
            // Deleted, or not a policy (an asset): whoever names it.
            gone.insert(file.clone());
            if load::is_policy_name(file) {
                gone.insert(old_id(hb, file, &old_text));
            }
        }
    }
    if !gone.is_empty() {
        for p in &hb.policies {
            if crate::handbook::link::named_by(p).any(|name| gone.contains(&name)) {
                judged.insert(p.file.clone());
            }
        }
    }
    Some(judged)
}

/// The id the deleted policy file `rel` had: the one its old front-matter
/// gave, or the one its name gives.
fn old_id(hb: &Handbook, rel: &str, old_text: &impl Fn(&str) -> Option<String>) -> String {
    let from_name = crate::handbook::slug::id(crate::handbook::link::file_stem(rel));
    let Some(text) = old_text(rel) else {
        return from_name;
    };
    let file = load::SourceFile {
        rel: rel.to_string(),
        text: load::normalize_newlines(text),
        warning: None,
    };
    let mut ignored = Vec::new();
    match crate::handbook::parse::parse(
        file,
        &hb.config,
        crate::handbook::parse::Purpose::Check,
        &mut ignored,
    ) {
        Ok(policy) => policy.id,
        Err(_) => from_name,
    }
}

/// Narrows `hb`'s report to the policies judged after `changed` changed
/// since `revision` (see [`judged_after`]).
pub fn narrow(
    hb: &mut Handbook,
    revision: &str,
    changed: &[String],
    old_text: impl Fn(&str) -> Option<String>,
) {
    let judged = judged_after(hb, changed, old_text);
    let total = hb.report.policies;
    let report = &mut hb.report;
    if let Some(judged) = &judged {
        report.files.retain(|(file, _)| judged.contains(file));
        report.findings.retain(|f| judged.contains(&f.file));
        report.policies = report.files.len();
        report.summary = crate::handbook::findings::Summary::of(&report.findings);
    }
    report.narrowed = Some(crate::handbook::check::Narrowed {
        since: revision.to_string(),
        changed: changed.len(),
        of: total,
    });
}
