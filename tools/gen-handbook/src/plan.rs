//! The policies of a handbook before any text is written: titles, ids,
//! folders, owners, headings, tags and related policies. Statuses and
//! dates come from [`crate::schedule`].

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::Options;
use crate::rng::Rng;
use crate::schedule::{self, FrontMatter};
use crate::vocab::{self, AUDIENCES, CATEGORIES, Category, GENERAL_OWNERS, KINDS, TAGS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Draft,
    Retired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Draft => "draft",
            Status::Retired => "retired",
        }
    }
}

/// A policy's review status as of `--today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    Overdue,
    DueSoon,
    Current,
    /// Drafts are never counted; retired policies have no review status.
    NotCounted,
}

/// A heading of a policy's body.
#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: &'static str,
    pub anchor: String,
}

/// The planted broken references, in the order they rotate through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokenKind {
    WikiMissingId,
    WikiBadAnchor,
    RelativeMissingFile,
    RelativeBadAnchor,
    SamePageBadAnchor,
    WikiTextMissingId,
    AssetMissing,
}

impl BrokenKind {
    pub const ROTATION: [BrokenKind; 7] = [
        BrokenKind::WikiMissingId,
        BrokenKind::WikiBadAnchor,
        BrokenKind::RelativeMissingFile,
        BrokenKind::RelativeBadAnchor,
        BrokenKind::SamePageBadAnchor,
        BrokenKind::WikiTextMissingId,
        BrokenKind::AssetMissing,
    ];

    /// The name in `expected.json`'s `planted_as`.
    pub fn as_str(self) -> &'static str {
        match self {
            BrokenKind::WikiMissingId => "wiki_missing_id",
            BrokenKind::WikiBadAnchor => "wiki_bad_anchor",
            BrokenKind::RelativeMissingFile => "relative_missing_file",
            BrokenKind::RelativeBadAnchor => "relative_bad_anchor",
            BrokenKind::SamePageBadAnchor => "same_page_bad_anchor",
            BrokenKind::WikiTextMissingId => "wiki_text_missing_id",
            BrokenKind::AssetMissing => "asset_missing",
        }
    }

    /// The finding kind `policybook check` reports it as.
    pub fn finding(self) -> &'static str {
        match self {
            BrokenKind::WikiBadAnchor
            | BrokenKind::RelativeBadAnchor
            | BrokenKind::SamePageBadAnchor => "broken_anchor",
            _ => "broken_reference",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Policy {
    pub index: usize,
    pub id: String,
    pub title: String,
    pub subject: &'static str,
    pub kind: &'static str,
    pub category: &'static Category,
    /// Path from the content root: `finance/payroll/payroll.md`.
    pub file: String,
    pub owner: &'static str,
    pub status: Status,
    pub review: Review,
    pub review_by: Date,
    pub front: FrontMatter,
    pub tags: Vec<&'static str>,
    /// Indexes of other active policies.
    pub related: Vec<usize>,
    pub headings: Vec<Heading>,
    /// The broken reference planted in this policy, if any.
    pub broken: Option<BrokenKind>,
}

impl Policy {
    /// The folder of its file, from the content root (`finance/payroll`).
    pub fn folder(&self) -> &str {
        self.file.rsplit_once('/').map_or("", |(f, _)| f)
    }

    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.anchor == anchor)
    }

    /// "policy", or the kind of document in lower case.
    pub fn kind_in_sentence(&self) -> String {
        self.kind.to_lowercase()
    }
}

/// All the policies, and the lookups the rest of the generator needs.
pub struct Handbook {
    pub policies: Vec<Policy>,
    /// Indexes of the active policies, in index order.
    pub active: Vec<usize>,
    pub by_id: HashMap<String, usize>,
}

impl Handbook {
    /// Whether an active policy other than `p` exists to link to.
    pub fn has_others(&self, p: &Policy) -> bool {
        self.active.len() > usize::from(p.status == Status::Active)
    }

    /// A random active policy other than `p` (the caller checks
    /// [`Handbook::has_others`]).
    pub fn other_active(&self, p: &Policy, rng: &mut Rng) -> &Policy {
        loop {
            let q = &self.policies[*rng.pick(&self.active)];
            if q.index != p.index {
                return q;
            }
        }
    }
}

/// Plans every policy of the handbook `opts` describes.
pub fn policies(opts: &Options) -> Handbook {
    let mut rng = Rng::stream(opts.seed, "policies", 0);
    let mut policies = Vec::with_capacity(opts.policies);
    let mut seen = HashSet::new();
    let all_owners: Vec<&'static str> = CATEGORIES
        .iter()
        .flat_map(|c| c.owners)
        .chain(GENERAL_OWNERS)
        .collect();
    for (index, t) in titles(opts.policies, &mut rng).into_iter().enumerate() {
        let category = &CATEGORIES[t.category];
        let subject = category.subjects[t.subject];
        let kind = KINDS[t.kind];
        let mut title = format!("{subject} {kind}");
        let mut id_text = if t.kind == 0 {
            subject.to_string()
        } else {
            title.clone()
        };
        if let Some(a) = &t.audience {
            title = format!("{title} for {a}");
            id_text = format!("{id_text} {a}");
        }
        let mut id = vocab::slugify(&id_text);
        while !seen.insert(id.clone()) {
            id.push_str("-2");
        }
        let folder = if rng.chance(0.2) {
            format!("{}/{}", category.folder, rng.pick(&category.subfolders))
        } else {
            category.folder.to_string()
        };
        let owner = if rng.chance(0.7) {
            *rng.pick(&category.owners)
        } else {
            *rng.pick(&all_owners)
        };
        policies.push(Policy {
            index,
            file: format!("{folder}/{id}.md"),
            id,
            title,
            subject,
            kind,
            category,
            owner,
            status: Status::Active,
            review: Review::NotCounted,
            review_by: opts.today,
            front: FrontMatter::default(),
            tags: Vec::new(),
            related: Vec::new(),
            headings: Vec::new(),
            broken: None,
        });
    }
    schedule::plan_statuses(&mut policies, &mut rng, opts.today);
    let active: Vec<usize> = policies
        .iter()
        .filter(|p| p.status == Status::Active)
        .map(|p| p.index)
        .collect();
    let mut active_by_category: HashMap<&str, Vec<usize>> = HashMap::new();
    for &i in &active {
        active_by_category
            .entry(policies[i].category.folder)
            .or_default()
            .push(i);
    }
    let by_id = policies.iter().map(|p| (p.id.clone(), p.index)).collect();
    let mut handbook = Handbook {
        policies,
        active,
        by_id,
    };
    for i in 0..handbook.policies.len() {
        let mut rng = Rng::stream(opts.seed, "meta", i as u64);
        let p = &handbook.policies[i];
        let same = active_by_category
            .get(p.category.folder)
            .map_or(&[][..], Vec::as_slice);
        let headings = headings(&mut rng, opts.words);
        let tags = tags(p.category, &mut rng);
        let related = related(&handbook, p, same, &mut rng);
        let front = schedule::front_matter(p, &mut rng, opts.today);
        let p = &mut handbook.policies[i];
        (p.headings, p.tags, p.related, p.front) = (headings, tags, related, front);
    }
    handbook
}

/// A title before it is written out: indexes into the vocabulary.
struct Title {
    category: usize,
    subject: usize,
    kind: usize,
    audience: Option<String>,
}

/// `n` different titles: first every subject's plain policy, then its
/// other kinds of document, then all of those again for each audience
/// ("... for Volunteers"), and then again with the audiences numbered
/// ("... for Volunteers 2") for as long as it takes.
fn titles(n: usize, rng: &mut Rng) -> Vec<Title> {
    let mut plain = Vec::new();
    let mut others = Vec::new();
    for (c, cat) in CATEGORIES.iter().enumerate() {
        for s in 0..cat.subjects.len() {
            plain.push((c, s, 0));
            others.extend((1..KINDS.len()).map(|k| (c, s, k)));
        }
    }
    rng.shuffle(&mut plain);
    rng.shuffle(&mut others);
    let base: Vec<(usize, usize, usize)> = plain.into_iter().chain(others).collect();
    let title =
        |(category, subject, kind): (usize, usize, usize), audience: Option<String>| Title {
            category,
            subject,
            kind,
            audience,
        };
    let mut out: Vec<Title> = base.iter().take(n).map(|&b| title(b, None)).collect();
    let mut round = 1;
    while out.len() < n {
        for a in AUDIENCES {
            if out.len() >= n {
                break;
            }
            let audience = if round == 1 {
                a.to_string()
            } else {
                format!("{a} {round}")
            };
            let mut layer = base.clone();
            rng.shuffle(&mut layer);
            let take = (n - out.len()).min(layer.len());
            out.extend(
                layer[..take]
                    .iter()
                    .map(|&b| title(b, Some(audience.clone()))),
            );
        }
        round += 1;
    }
    out
}

/// Purpose, Scope, three to six of the pool (fewer for short policies),
/// some with two or three sub-headings, and Monitoring and review.
fn headings(rng: &mut Rng, words: usize) -> Vec<Heading> {
    let scale = (words as f64 / 900.0).min(1.0);
    let middle_count = ((rng.between(3, 6) as f64 * scale).round() as usize).max(1);
    let middle = rng.sample(&vocab::H2_POOL, middle_count);
    let mut subs = rng.sample(&vocab::H3_POOL, 8);
    let heading = |level, text: &'static str| Heading {
        level,
        text,
        anchor: vocab::slugify(text),
    };
    let mut out: Vec<Heading> = vocab::H2_FIRST.iter().map(|h| heading(2, h)).collect();
    for h in middle {
        out.push(heading(2, h));
        if !subs.is_empty() && rng.chance(0.45 * scale) {
            for _ in 0..rng.between(2, 3) {
                if let Some(s) = subs.pop() {
                    out.push(heading(3, s));
                }
            }
        }
    }
    out.push(heading(2, vocab::H2_LAST));
    out
}

/// The category's tag and up to three others.
fn tags(category: &Category, rng: &mut Rng) -> Vec<&'static str> {
    let mut tags = vec![category.tag];
    let count = rng.between(0, 3) as usize;
    for t in rng.sample(&TAGS, count) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags
}

/// Two to five other active policies, mostly of the same category.
fn related(handbook: &Handbook, p: &Policy, same_category: &[usize], rng: &mut Rng) -> Vec<usize> {
    let want = rng.between(2, 5) as usize;
    if !handbook.has_others(p) {
        return Vec::new();
    }
    let available = handbook.active.len() - usize::from(p.status == Status::Active);
    let want = want.min(available);
    let mut out = Vec::with_capacity(want);
    for _ in 0..want * 20 {
        if out.len() >= want {
            break;
        }
        let q = if same_category.len() > 1 && rng.chance(0.6) {
            *rng.pick(same_category)
        } else {
            *rng.pick(&handbook.active)
        };
        if q != p.index && !out.contains(&q) {
            out.push(q);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_titles_are_unique_without_suffixes() {
        let handbook = policies(&Options::new(20_000));
        let mut titles = HashSet::new();
        for p in &handbook.policies {
            assert!(titles.insert(p.title.as_str()), "{} twice", p.title);
            assert!(!p.id.ends_with("-2"), "{}", p.id);
            assert!(p.file.ends_with(&format!("/{}.md", p.id)));
        }
        assert_eq!(handbook.by_id.len(), 20_000);
        let deeper = handbook
            .policies
            .iter()
            .filter(|p| p.folder().contains('/'))
            .count();
        assert!((3000..5000).contains(&deeper), "{deeper} in sub-folders");
    }

    #[test]
    fn related_policies_are_other_active_ones_and_headings_are_unique() {
        let handbook = policies(&Options::new(500));
        for p in &handbook.policies {
            assert!((2..=5).contains(&p.related.len()), "{}", p.id);
            for &r in &p.related {
                assert_ne!(r, p.index);
                assert_eq!(handbook.policies[r].status, Status::Active);
            }
            let anchors: HashSet<_> = p.headings.iter().map(|h| &h.anchor).collect();
            assert_eq!(anchors.len(), p.headings.len(), "{}", p.id);
            assert_eq!(p.headings[0].text, "Purpose");
            assert_eq!(p.headings.last().unwrap().text, vocab::H2_LAST);
            assert_eq!(p.tags[0], p.category.tag);
        }
    }
}
