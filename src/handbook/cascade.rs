//! The review cascade, part of **check**: a policy that leans on another
//! (links to it, in its body or `related`) was last reviewed before that
//! other policy was revised, so what it says about it may no longer hold.
//! One warning per pair of policies, however many links join them; the
//! work is one pass over the links.

use crate::handbook::findings::{Finding, Kind};
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::link::Links;
use crate::handbook::parse::Policy;
use jiff::civil::Date;

/// When a policy was last revised: the later of its `approved` date and
/// its newest `history` date. A `last_reviewed` date alone is a review
/// that found nothing to change, not a revision: counting it would make
/// two policies that link to each other warn for ever, since one of them
/// is always reviewed after the other.
pub fn revised(p: &Policy) -> Option<Date> {
    p.approved.max(p.history.first().map(|r| r.date))
}

/// When a policy was last looked at as a whole: the latest of its
/// `last_reviewed`, `approved` and newest `history` date (a revision
/// recorded in its history is a review too).
fn own_review(p: &Policy) -> Option<Date> {
    p.last_reviewed.max(revised(p))
}

/// Adds a `linked_policy_changed` warning for each policy that links to
/// one revised after its own last review. Policies with no dates are not
/// guessed at; retired policies, and links to drafts and retired ones,
/// are left out.
pub fn check(policies: &[Policy], links: &Links, findings: &mut Vec<Finding>) {
    for (i, p) in policies.iter().enumerate() {
        if p.status == Lifecycle::Retired {
            continue;
        }
        let Some(own) = own_review(p) else {
            continue;
        };
        // `outgoing` holds each linked policy once, however many links.
        for &j in &links.outgoing[i] {
            let q = &policies[j];
            // A draft is not in force yet, a retired (or replaced) policy
            // no longer: what changed in them is no one's concern (a link
            // to them has its own warning).
            if j == i || q.status != Lifecycle::Active {
                continue;
            }
            let Some(changed) = revised(q) else {
                continue;
            };
            if changed > own {
                let mut f = Finding::warning(
                    Kind::LinkedPolicyChanged,
                    &p.file,
                    p.review_line,
                    format!(
                        "{} was revised on {changed}, after this policy's last review on {own}: check that what it says about it still holds, then set last_reviewed to the day you did",
                        q.title
                    ),
                )
                .policy(&p.id)
                .target(&q.id);
                f.review_by = p.review_by;
                findings.push(f);
            }
        }
    }
}
