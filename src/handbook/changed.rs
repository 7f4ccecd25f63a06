//! `check --changed-since`: after **check**, the report narrowed to the
//! files a change touched, and the references of the policies that name
//! them. The whole
//! handbook is still loaded and linked, so that references resolve; only
//! what is judged narrows. Which files changed comes from the caller (the
//! command line asks [`crate::git`]); nothing here runs a program.

use crate::handbook::Handbook;
use crate::handbook::aliases;
use crate::handbook::findings::{Finding, Kind};
use crate::handbook::load;
use std::collections::BTreeSet;

/// What a change is judged on: the files it changed, on everything; the
/// policies that name one of them, on their references only (so that a
/// policy linking to a changed one fails on a link the change broke, not
/// on its own old overdue review).
#[derive(Debug, Clone, Default)]
pub struct Judged {
    /// The changed files, policies or not.
    pub changed: BTreeSet<String>,
    /// The policies that name a changed file, or the id a changed policy
    /// has or had, or share one's id.
    pub naming: BTreeSet<String>,
}

/// The kinds of finding a policy is judged on when it only names what
/// changed.
const ABOUT_REFERENCES: &[Kind] = &[
    Kind::BrokenReference,
    Kind::BrokenAnchor,
    Kind::LinksToUnreadable,
    Kind::LinksToRetired,
    Kind::LinksToDraft,
    Kind::LinksToSuperseded,
    Kind::LinkedPolicyChanged,
    Kind::SupersessionDisagrees,
    Kind::DuplicateId,
];

impl Judged {
    /// Whether `f` is judged.
    pub fn judges(&self, f: &Finding) -> bool {
        self.changed.contains(&f.file)
            || self.holds_a_changed_file(&f.file)
            || (self.naming.contains(&f.file) && ABOUT_REFERENCES.contains(&f.kind))
    }

    /// Whether the policy file `file` is judged at all.
    pub fn judges_file(&self, file: &str) -> bool {
        self.changed.contains(file) || self.naming.contains(file)
    }

    /// Whether `folder` (a folder that cannot be read) holds a changed file.
    fn holds_a_changed_file(&self, folder: &str) -> bool {
        let folder = format!("{folder}/");
        self.changed
            .range(folder.clone()..)
            .next()
            .is_some_and(|f| f.starts_with(&folder))
    }
}

/// What to judge after `changed` (paths relative to the handbook)
/// changed, or `None` for everything: a change to `handbook.yaml` or the
/// theme can change any policy's findings. The changed files are judged
/// whole; and on their references, every policy that names one of them,
/// or the id a changed policy has now or had before the change
/// (`old_text` gives a file's text before it): so a link the change
/// broke, a heading it took away that another policy points at, or a
/// policy that can no longer be read is judged where the finding lands.
/// So are the policies that share a changed policy's id (a duplicate id
/// is reported on both files).
pub fn judged_after(
    hb: &Handbook,
    changed: &[String],
    old_text: impl Fn(&str) -> Option<String>,
) -> Option<Judged> {
    if changed
        .iter()
        .any(|f| f == crate::handbook::config::FILE_NAME || f.starts_with("themes/"))
    {
        return None;
    }
    let mut judged = Judged {
        changed: changed.iter().cloned().collect(),
        naming: BTreeSet::new(),
    };
    // The paths and ids, before and after, that a policy may name.
    let mut names: BTreeSet<String> = judged.changed.clone();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut aliases_changed = false;
    for file in changed {
        if let Some(i) = hb.policy_by_file(file) {
            let p = &hb.policies[i];
            ids.insert(p.id.clone());
            ids.insert(p.declared_id.clone());
            // The policies it now replaces, or is replaced by: links to
            // them may now lead to a replaced policy.
            ids.extend(
                p.supersedes
                    .iter()
                    .chain(&p.superseded_by)
                    .map(|a| a.value.clone()),
            );
            for &from in &hb.links.incoming[i] {
                judged.naming.insert(hb.policies[from].file.clone());
            }
            names.extend(aliases::names(&p.aliases));
            aliases_changed |= !p.aliases.is_empty();
        }
        if load::is_policy_name(file)
            && let Some((id, old_aliases)) = old_names(hb, file, &old_text)
        {
            ids.insert(id);
            names.extend(aliases::names(&old_aliases));
            aliases_changed |= !old_aliases.is_empty();
        }
    }
    names.extend(ids.iter().cloned());
    // A policy named by id may be linked to by its file.
    names.extend(
        ids.iter()
            .filter_map(|id| hb.index.policy_by_id(id))
            .map(|j| hb.policies[j].file.clone()),
    );
    // Old names clash without regard to capitals, and as files and
    // folders: when a changed policy has or had any, every policy that
    // has some is judged (they are few).
    if aliases_changed {
        judged.naming.extend(
            hb.policies
                .iter()
                .filter(|p| !p.aliases.is_empty())
                .map(|p| p.file.clone()),
        );
    }
    // A policy that names one by an old name, or whose own old names
    // clash with the names of a changed one.
    for p in &hb.policies {
        if ids.contains(&p.declared_id)
            || crate::handbook::link::named_by(p).any(|name| {
                names.contains(&name)
                    || aliases::page_link(&name).is_some_and(|l| names.contains(l))
            })
            || aliases::names(&p.aliases).any(|n| names.contains(&n))
        {
            judged.naming.insert(p.file.clone());
        }
    }
    Some(judged)
}

/// The id the policy file `rel` had before the change (the one its old
/// front-matter gave, or the one its name gives), and its old names then;
/// none when it is new.
fn old_names(
    hb: &Handbook,
    rel: &str,
    old_text: &impl Fn(&str) -> Option<String>,
) -> Option<(String, Vec<aliases::Alias>)> {
    let text = old_text(rel)?;
    let from_name = crate::handbook::link::id_from_path(rel);
    let file = load::SourceFile {
        rel: rel.to_string(),
        text: load::normalize_newlines(text),
        warning: None,
    };
    let mut ignored = Vec::new();
    Some(
        match crate::handbook::parse::parse(
            file,
            &hb.config,
            crate::handbook::parse::Purpose::Check,
            &mut ignored,
        ) {
            Ok(policy) => (policy.declared_id, policy.aliases),
            Err(_) => (from_name, Vec::new()),
        },
    )
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
        report.files.retain(|(file, _)| judged.judges_file(file));
        report.findings.retain(|f| judged.judges(f));
        report.policies = report.files.len();
        report.summary = crate::handbook::findings::Summary::of(&report.findings);
    }
    report.narrowed = Some(crate::handbook::check::Narrowed {
        since: revision.to_string(),
        changed: changed.len(),
        of: total,
    });
}
