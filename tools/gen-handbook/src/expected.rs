//! What was planted: the one-line summary the binary prints, and
//! `expected.json`, the summary with the `details` of every planted
//! problem, which tests compare with what `policybook check` finds.

use serde::{Deserialize, Serialize};

use crate::links::LinkKind;
use crate::plan::{Handbook, Review, Status};
use crate::prose::Body;
use crate::render::Rendered;
use crate::{Flavor, Options, flavors};

/// The summary: counts only. Every count but `total_bytes` is the same in
/// every flavor for the same options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Policy files written, all statuses.
    pub policies: usize,
    /// Active policies overdue as of `today`.
    pub overdue: usize,
    /// Active policies due within 30 days of `today`, both ends included.
    pub due_soon: usize,
    /// Planted broken references: `summary.broken_references` of
    /// `policybook check --format json`.
    pub broken_refs: usize,
    /// Bytes of the policy files (not config, templates, indexes, assets).
    pub total_bytes: u64,
    pub flavor: Flavor,
    pub seed: u64,
    pub today: String,
    pub active: usize,
    pub drafts: usize,
    pub retired: usize,
    /// `broken_refs` that `check` reports as `broken_reference` (no such
    /// id, file or asset)...
    pub broken_reference: usize,
    /// ... and as `broken_anchor` (the page exists, the heading does not).
    pub broken_anchor: usize,
    /// Working references by kind.
    pub links: LinkCounts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCounts {
    pub wiki: usize,
    pub wiki_text: usize,
    pub wiki_anchor: usize,
    pub relative: usize,
    pub relative_anchor: usize,
    pub same_page: usize,
    pub external: usize,
    pub asset: usize,
}

impl LinkCounts {
    fn add(&mut self, kind: LinkKind) {
        *match kind {
            LinkKind::Wiki => &mut self.wiki,
            LinkKind::WikiText => &mut self.wiki_text,
            LinkKind::WikiAnchor => &mut self.wiki_anchor,
            LinkKind::Relative => &mut self.relative,
            LinkKind::RelativeAnchor => &mut self.relative_anchor,
            LinkKind::SamePage => &mut self.same_page,
            LinkKind::External => &mut self.external,
            LinkKind::Asset => &mut self.asset,
        } += 1;
    }
}

/// `expected.json`: the summary and the details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    #[serde(flatten)]
    pub summary: Summary,
    pub details: Details,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    pub overdue: Vec<Due>,
    pub due_soon: Vec<Due>,
    pub broken_refs: Vec<BrokenRef>,
    /// Ids.
    pub drafts: Vec<String>,
    /// Ids.
    pub retired: Vec<String>,
}

/// An overdue or due-soon policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub policy: String,
    /// From the output folder.
    pub file: String,
    pub review_by: String,
    pub owner: String,
}

/// A planted broken reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokenRef {
    pub policy: String,
    /// From the output folder.
    pub file: String,
    /// 1-based, front-matter included.
    pub line: usize,
    /// As written in the file.
    pub reference: String,
    /// `broken_reference` or `broken_anchor`, as `check` names them.
    pub kind: String,
    /// How it was made: `wiki_missing_id`, `asset_missing`, ...
    pub planted_as: String,
    /// For near-miss ids and stale file names: the id meant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
}

/// Counts links and collects broken references as policies are written.
pub struct Tally {
    flavor: Flavor,
    links: LinkCounts,
    broken: Vec<BrokenRef>,
}

impl Tally {
    pub fn new(flavor: Flavor) -> Tally {
        Tally {
            flavor,
            links: LinkCounts::default(),
            broken: Vec::new(),
        }
    }

    /// Counts the links of one policy, written as `rendered`.
    pub fn count(&mut self, p: &crate::plan::Policy, body: &Body, rendered: &Rendered) {
        for link in body.links.iter().filter(|l| l.broken.is_none()) {
            self.links.add(link.kind);
        }
        for at in &rendered.broken {
            let link = &body.links[at.link];
            let kind = link.broken.expect("only broken links are kept");
            self.broken.push(BrokenRef {
                policy: p.id.clone(),
                file: flavors::content_path(self.flavor, p),
                line: at.line,
                reference: at.written.clone(),
                kind: kind.finding().to_string(),
                planted_as: kind.as_str().to_string(),
                did_you_mean: link.suggestion.clone(),
            });
        }
    }

    /// The whole of `expected.json`.
    pub fn finish(self, opts: &Options, handbook: &Handbook, total_bytes: u64) -> Expected {
        let policies = &handbook.policies;
        let due = |review: Review| -> Vec<Due> {
            policies
                .iter()
                .filter(|p| p.review == review)
                .map(|p| Due {
                    policy: p.id.clone(),
                    file: flavors::content_path(self.flavor, p),
                    review_by: p.review_by.to_string(),
                    owner: p.owner.to_string(),
                })
                .collect()
        };
        let ids = |status: Status| -> Vec<String> {
            policies
                .iter()
                .filter(|p| p.status == status)
                .map(|p| p.id.clone())
                .collect()
        };
        let details = Details {
            overdue: due(Review::Overdue),
            due_soon: due(Review::DueSoon),
            broken_refs: self.broken,
            drafts: ids(Status::Draft),
            retired: ids(Status::Retired),
        };
        let anchors = details
            .broken_refs
            .iter()
            .filter(|b| b.kind == "broken_anchor")
            .count();
        let summary = Summary {
            policies: policies.len(),
            overdue: details.overdue.len(),
            due_soon: details.due_soon.len(),
            broken_refs: details.broken_refs.len(),
            total_bytes,
            flavor: self.flavor,
            seed: opts.seed,
            today: opts.today.to_string(),
            active: handbook.active.len(),
            drafts: details.drafts.len(),
            retired: details.retired.len(),
            broken_reference: details.broken_refs.len() - anchors,
            broken_anchor: anchors,
            links: self.links,
        };
        Expected { summary, details }
    }
}
