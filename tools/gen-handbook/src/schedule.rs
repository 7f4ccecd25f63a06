//! Statuses and review dates: which policies are drafts, retired, overdue,
//! due soon or carry a broken reference, when each is due, and which of
//! the four equivalent forms its front-matter gives that date in.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::plan::{BrokenKind, Policy, Review, Status};
use crate::rng::Rng;
use crate::vocab::{APPROVERS, CYCLES, FUNDING_BODIES, slugify};

/// Shares of `--policies` planted (rounded).
pub const DRAFT_SHARE: f64 = 0.03;
pub const RETIRED_SHARE: f64 = 0.02;
pub const OVERDUE_SHARE: f64 = 0.05;
pub const DUE_SOON_SHARE: f64 = 0.03;
pub const BROKEN_SHARE: f64 = 0.01;
/// `due_soon_days` in `handbook.yaml`.
pub const DUE_SOON_DAYS: i64 = 30;

/// The front-matter of a policy besides title, owner, category, tags and
/// related; `None` or `false` is not written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Whether `id:` is written (it is always the file name's).
    pub id: bool,
    pub owner_email: Option<String>,
    pub approved_by: Option<&'static str>,
    pub approved: Option<Date>,
    pub last_reviewed: Option<Date>,
    pub review_every: Option<&'static str>,
    pub review_by: Option<Date>,
    /// Whether `status:` is written (active is the default).
    pub status: bool,
    pub version: Option<String>,
    pub funding_body: Option<&'static str>,
}

pub fn add_days(d: Date, days: i64) -> Date {
    d.checked_add(days.days())
        .expect("--today is checked to be far from the ends of the calendar")
}

/// Calendar months; exact when the day is 28 or less.
pub fn add_months(d: Date, months: i64) -> Date {
    d.checked_add(months.months())
        .expect("--today is checked to be far from the ends of the calendar")
}

fn share(n: usize, fraction: f64) -> usize {
    (n as f64 * fraction).round() as usize
}

/// Chooses drafts, retired policies, the overdue, the due soon and the
/// ones with a broken reference, and every review date.
pub fn plan_statuses(policies: &mut [Policy], rng: &mut Rng, today: Date) {
    let n = policies.len();
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let drafts = share(n, DRAFT_SHARE);
    let retired = share(n, RETIRED_SHARE);
    for &j in &order[..drafts] {
        policies[j].status = Status::Draft;
    }
    for &j in &order[drafts..drafts + retired] {
        policies[j].status = Status::Retired;
    }
    let active = &order[drafts + retired..];
    let overdue = active.len().min(share(n, OVERDUE_SHARE).max(1));
    let due_soon = (active.len() - overdue).min(share(n, DUE_SOON_SHARE).max(1));
    for (k, &j) in active.iter().enumerate() {
        let p = &mut policies[j];
        let days = if k < overdue {
            p.review = Review::Overdue;
            // The first one is on the edge: due yesterday.
            -if k == 0 { 1 } else { rng.between(2, 900) }
        } else if k < overdue + due_soon {
            p.review = Review::DueSoon;
            // The first two on the edges: due today, and in 30 days.
            match k - overdue {
                0 => 0,
                1 => DUE_SOON_DAYS,
                _ => rng.between(0, DUE_SOON_DAYS),
            }
        } else {
            p.review = Review::Current;
            if k == overdue + due_soon {
                DUE_SOON_DAYS + 1
            } else {
                rng.between(DUE_SOON_DAYS + 1, 540)
            }
        };
        p.review_by = add_days(today, days);
    }
    let broken_count = active.len().min(share(n, BROKEN_SHARE).max(1));
    let mut broken = rng.sample(active, broken_count);
    broken.sort_unstable();
    for (k, j) in broken.into_iter().enumerate() {
        policies[j].broken = Some(BrokenKind::ROTATION[k % BrokenKind::ROTATION.len()]);
    }
    for p in policies.iter_mut() {
        match p.status {
            Status::Draft => p.review_by = add_days(today, rng.between(60, 400)),
            Status::Retired => p.review_by = add_days(today, -rng.between(400, 2000)),
            Status::Active => {}
        }
    }
}

/// The date fields in one of four forms, all agreeing on `p.review_by`:
///
/// - A: `last_reviewed` + `review_every` (`review_by` computed);
/// - B: A and a `review_by` that agrees;
/// - C: `review_by` alone (perhaps with `approved` and `last_reviewed`);
/// - D: `approved` + `review_every`.
///
/// A, B and D need `review_by` on day 28 or earlier, so that month
/// arithmetic is exact, and a cycle that puts the last review on or
/// before today; other policies, and all drafts, use C.
pub fn front_matter(p: &Policy, rng: &mut Rng, today: Date) -> FrontMatter {
    let mut f = FrontMatter {
        id: rng.chance(0.1),
        ..FrontMatter::default()
    };
    if rng.chance(0.3) {
        let name = p.owner.split(" (").next().unwrap_or(p.owner);
        f.owner_email = Some(format!("{}@example.org", slugify(name).replace('-', ".")));
    }
    if p.status != Status::Draft && rng.chance(0.6) {
        f.approved_by = Some(*rng.pick(&APPROVERS));
    }
    let rb = p.review_by;
    let clamped = rb.with().day(rb.day().min(28)).build().unwrap_or(rb);
    let cycles: Vec<_> = CYCLES
        .iter()
        .filter(|c| add_months(clamped, -c.1) <= today)
        .collect();
    let pool: Vec<_> = if cycles.is_empty() {
        CYCLES.iter().collect()
    } else {
        cycles.clone()
    };
    let weights: Vec<u32> = pool.iter().map(|c| c.2).collect();
    let (every, months, _) = *pool[rng.weighted(&weights)];
    let mut form = if p.status == Status::Draft {
        'C'
    } else {
        ['A', 'B', 'C', 'D'][rng.weighted(&[45, 25, 20, 10])]
    };
    if rb.day() > 28 || cycles.is_empty() {
        form = 'C';
    }
    match form {
        'A' | 'B' => {
            let last = add_months(rb, -months);
            f.approved = Some(add_days(last, -rng.between(0, 2200)));
            f.last_reviewed = Some(last);
            f.review_every = Some(every);
            if form == 'B' {
                f.review_by = Some(rb);
            }
        }
        'D' => {
            f.approved = Some(add_months(rb, -months));
            f.review_every = Some(every);
        }
        _ => {
            if p.status != Status::Draft {
                let last = add_days(today.min(rb), -rng.between(30, 700));
                f.approved = Some(add_days(last, -rng.between(0, 1500)));
                if rng.chance(0.7) {
                    f.last_reviewed = Some(last);
                }
            }
            f.review_by = Some(rb);
        }
    }
    if rng.chance(0.4) {
        f.version = Some(format!("{}.{}", rng.between(1, 4), rng.between(0, 5)));
    }
    if rng.chance(0.03) {
        f.funding_body = Some(*rng.pick(&FUNDING_BODIES));
    }
    // Active is the default, so half the active policies leave it out.
    f.status = !(p.status == Status::Active && rng.chance(0.5));
    f
}

/// The review date front-matter `f` gives, worked out the way a reader of
/// the handbook would: `review_by`, or the last review (or approval) plus
/// the cycle.
pub fn computed_review_by(f: &FrontMatter) -> Option<Date> {
    if let Some(rb) = f.review_by {
        return Some(rb);
    }
    let from = f.last_reviewed.or(f.approved)?;
    let every = f.review_every?;
    let months = CYCLES.iter().find(|c| c.0 == every)?.1;
    Some(add_months(from, months))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DEFAULT_TODAY, Options, plan};

    #[test]
    fn every_form_gives_the_planned_date_and_past_reviews_are_past() {
        let today = DEFAULT_TODAY;
        let handbook = plan::policies(&Options::new(3000));
        let mut forms = [0; 4];
        for p in &handbook.policies {
            let f = &p.front;
            assert_eq!(computed_review_by(f), Some(p.review_by), "{}", p.id);
            if let Some(last) = f.last_reviewed {
                assert!(last <= today, "{}: reviewed in the future", p.id);
                assert!(f.approved.is_some_and(|a| a <= last), "{}", p.id);
            }
            let form = match (f.last_reviewed, f.review_every, f.review_by) {
                (Some(_), Some(_), None) => 0,
                (Some(_), Some(_), Some(_)) => 1,
                (_, None, Some(_)) => 2,
                (None, Some(_), None) => 3,
                other => panic!("{}: no form: {other:?}", p.id),
            };
            forms[form] += 1;
            match p.status {
                Status::Draft => assert!(p.review_by > add_days(today, 59)),
                Status::Retired => assert!(p.review_by < add_days(today, -399)),
                Status::Active => {}
            }
        }
        assert!(forms.iter().all(|&n| n > 100), "{forms:?}");
    }

    #[test]
    fn review_states_follow_the_dates_with_the_edges_planted() {
        let today = DEFAULT_TODAY;
        let handbook = plan::policies(&Options::new(1000));
        let due = |days| add_days(today, days);
        let mut counts = [0; 3];
        for p in &handbook.policies {
            match p.review {
                Review::Overdue => {
                    counts[0] += 1;
                    assert!(p.review_by < today);
                }
                Review::DueSoon => {
                    counts[1] += 1;
                    assert!(p.review_by >= today && p.review_by <= due(DUE_SOON_DAYS));
                }
                Review::Current => {
                    counts[2] += 1;
                    assert!(p.review_by > due(DUE_SOON_DAYS));
                }
                Review::NotCounted => assert_ne!(p.status, Status::Active),
            }
        }
        assert_eq!(counts, [50, 30, 870]);
        for edge in [-1, 0, DUE_SOON_DAYS, DUE_SOON_DAYS + 1] {
            assert!(
                handbook
                    .policies
                    .iter()
                    .any(|p| p.status == Status::Active && p.review_by == due(edge)),
                "none due on day {edge}"
            );
        }
        let broken: Vec<_> = handbook.policies.iter().filter_map(|p| p.broken).collect();
        assert_eq!(broken.len(), 10);
        for kind in BrokenKind::ROTATION {
            assert!(broken.contains(&kind), "{kind:?}");
        }
    }
}
