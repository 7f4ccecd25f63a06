//! The references a policy makes: to other policies (as wiki links or
//! relative links, with or without a heading), to its own headings, to
//! other sites and to forms, and the one broken reference planted in
//! about one policy in a hundred. Links only ever point at active
//! policies.

use std::collections::HashMap;

use crate::plan::{BrokenKind, Handbook, Policy};
use crate::rng::Rng;
use crate::vocab::{self, ASSETS, EXTERNAL_LINKS, MISSING_ANCHORS, MISSING_ASSET};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// `[[id]]`
    Wiki,
    /// `[[id|text]]`
    WikiText,
    /// `[[id#anchor]]`
    WikiAnchor,
    /// `[text](../folder/id.md)`
    Relative,
    /// `[text](../folder/id.md#anchor)`
    RelativeAnchor,
    /// `[text](#anchor)`
    SamePage,
    /// `https://`, `http://` or `mailto:`
    External,
    /// A file under `assets/`.
    Asset,
}

impl LinkKind {
    /// Every kind, in the order `expected.json`'s `links` lists them.
    pub const ALL: [LinkKind; 8] = [
        LinkKind::Wiki,
        LinkKind::WikiText,
        LinkKind::WikiAnchor,
        LinkKind::Relative,
        LinkKind::RelativeAnchor,
        LinkKind::SamePage,
        LinkKind::External,
        LinkKind::Asset,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Wiki => "wiki",
            LinkKind::WikiText => "wiki_text",
            LinkKind::WikiAnchor => "wiki_anchor",
            LinkKind::Relative => "relative",
            LinkKind::RelativeAnchor => "relative_anchor",
            LinkKind::SamePage => "same_page",
            LinkKind::External => "external",
            LinkKind::Asset => "asset",
        }
    }
}

/// How often each kind of link is drawn (assets are added on their own).
const MIX: [(LinkKind, u32); 7] = [
    (LinkKind::Wiki, 26),
    (LinkKind::WikiText, 14),
    (LinkKind::WikiAnchor, 12),
    (LinkKind::Relative, 16),
    (LinkKind::RelativeAnchor, 10),
    (LinkKind::SamePage, 14),
    (LinkKind::External, 8),
];

/// One reference in a policy's body.
#[derive(Debug, Clone)]
pub struct Link {
    pub kind: LinkKind,
    /// The policy linked to (none for missing ones, same-page, external
    /// and asset links).
    pub target: Option<usize>,
    pub anchor: Option<String>,
    /// The link text (for wiki links without text: what other flavors
    /// show).
    pub text: String,
    /// External: the URL. Asset: the path from the handbook root
    /// (`assets/forms/x.pdf`). Missing policy: the path its file would
    /// have, from the content root.
    pub url: String,
    /// A missing policy's id (or file name without `.md`).
    pub missing: Option<String>,
    pub broken: Option<BrokenKind>,
    /// The existing id a missing one is a near miss of.
    pub suggestion: Option<String>,
}

impl Link {
    fn new(kind: LinkKind, text: String) -> Link {
        Link {
            kind,
            target: None,
            anchor: None,
            text,
            url: String::new(),
            missing: None,
            broken: None,
            suggestion: None,
        }
    }
}

/// The links of policy `p`: three to eight drawn from the mix, a form now
/// and then, and its planted broken reference last.
pub fn plan(p: &Policy, handbook: &Handbook, rng: &mut Rng) -> Vec<Link> {
    let others = handbook.has_others(p);
    let weights: Vec<u32> = MIX.iter().map(|m| m.1).collect();
    let mut links = Vec::new();
    for _ in 0..rng.between(3, 8) {
        let mut kind = MIX[rng.weighted(&weights)].0;
        if !others && !matches!(kind, LinkKind::SamePage | LinkKind::External) {
            kind = LinkKind::SamePage;
        }
        match kind {
            LinkKind::External => {
                let (text, url) = *rng.pick(&EXTERNAL_LINKS);
                let mut link = Link::new(kind, text.to_string());
                link.url = url.to_string();
                links.push(link);
            }
            LinkKind::SamePage => {
                let h = rng.pick(&p.headings[1..]);
                let mut link = Link::new(kind, h.text.to_string());
                link.anchor = Some(h.anchor.clone());
                links.push(link);
            }
            _ => {
                let target = if !p.related.is_empty() && rng.chance(0.6) {
                    &handbook.policies[*rng.pick(&p.related)]
                } else {
                    handbook.other_active(p, rng)
                };
                let mut link = Link::new(kind, target.title.clone());
                link.target = Some(target.index);
                if matches!(kind, LinkKind::WikiAnchor | LinkKind::RelativeAnchor) {
                    link.anchor = Some(rng.pick(&target.headings).anchor.clone());
                }
                if kind == LinkKind::WikiText {
                    let article = *rng.pick(&["the ", "our ", ""]);
                    link.text = format!("{article}{}", vocab::in_sentence(&target.title));
                }
                links.push(link);
            }
        }
    }
    if rng.chance(0.15) {
        let (name, text) = *rng.pick(&ASSETS);
        let mut link = Link::new(LinkKind::Asset, text.to_string());
        link.url = format!("assets/forms/{name}");
        links.push(link);
    }
    if let Some(kind) = p.broken {
        links.push(broken(p, kind, handbook, rng));
    }
    links
}

/// The planted broken reference of kind `kind` in policy `p`.
fn broken(p: &Policy, kind: BrokenKind, handbook: &Handbook, rng: &mut Rng) -> Link {
    use BrokenKind::*;
    let kind = match kind {
        SamePageBadAnchor | AssetMissing => kind,
        _ if !handbook.has_others(p) => SamePageBadAnchor,
        _ => kind,
    };
    let missing_anchor = |rng: &mut Rng| rng.pick(&MISSING_ANCHORS).to_string();
    let mut link = match kind {
        SamePageBadAnchor => {
            let anchor = missing_anchor(rng);
            let mut link = Link::new(
                LinkKind::SamePage,
                format!("the {}", anchor.replace('-', " ")),
            );
            link.anchor = Some(anchor);
            link
        }
        AssetMissing => {
            let (name, text) = MISSING_ASSET;
            let mut link = Link::new(LinkKind::Asset, text.to_string());
            link.url = format!("assets/forms/{name}");
            link
        }
        WikiBadAnchor | RelativeBadAnchor => {
            let target = handbook.other_active(p, rng);
            let link_kind = if kind == WikiBadAnchor {
                LinkKind::WikiAnchor
            } else {
                LinkKind::RelativeAnchor
            };
            let mut link = Link::new(link_kind, target.title.clone());
            link.target = Some(target.index);
            link.anchor = Some(missing_anchor(rng));
            link
        }
        WikiMissingId | WikiTextMissingId | RelativeMissingFile => {
            let (target, missing) = near_miss(p, kind, handbook, rng);
            let (link_kind, text) = match kind {
                WikiMissingId => (LinkKind::Wiki, missing.clone()),
                WikiTextMissingId => (
                    LinkKind::WikiText,
                    format!("the {}", vocab::in_sentence(&target.title)),
                ),
                _ => (LinkKind::Relative, target.title.clone()),
            };
            let mut link = Link::new(link_kind, text);
            link.url = match target.folder() {
                "" => format!("{missing}.md"),
                folder => format!("{folder}/{missing}.md"),
            };
            link.missing = Some(missing);
            link.suggestion = Some(target.id.clone());
            link
        }
    };
    link.broken = Some(kind);
    link
}

/// A policy to miss and the id (or file name) that misses it.
///
/// For wiki links, an id one letter short that no policy has and that no
/// id but the target's is one edit from, so that "did you mean" names the
/// target whatever else the handbook holds.
///
/// For relative links, the target's file name with `-superseded` added:
/// `check` suggests a file whose path is a few edits away, or else the
/// one whose name starts the same way. Eleven characters are too many edits
/// from the target's name or from any other (the numbered versions of a
/// title, `-2`, `-3`, … included), and no id starts with the whole stale
/// name, so the one that starts the same way is the target.
fn near_miss<'h>(
    p: &Policy,
    kind: BrokenKind,
    handbook: &'h Handbook,
    rng: &mut Rng,
) -> (&'h Policy, String) {
    if kind == BrokenKind::RelativeMissingFile {
        let target = handbook.other_active(p, rng);
        return (target, format!("{}-superseded", target.id));
    }
    let mut target = handbook.other_active(p, rng);
    for _ in 0..100 {
        if let Some(missing) = typo(&target.id, &handbook.by_id, rng) {
            return (target, missing);
        }
        target = handbook.other_active(p, rng);
    }
    // Not reached with this vocabulary: a reference still broken, though
    // perhaps with no suggestion.
    (target, format!("{}-superseded", target.id))
}

/// `id` with one letter dropped (not the first or last character, nor
/// the first letter of a word), if that is no id and no other id is one
/// edit from it.
fn typo(id: &str, ids: &HashMap<String, usize>, rng: &mut Rng) -> Option<String> {
    let bytes = id.as_bytes();
    let mut positions: Vec<usize> = (1..bytes.len().saturating_sub(1))
        .filter(|&k| bytes[k].is_ascii_alphabetic() && bytes[k - 1] != b'-')
        .collect();
    rng.shuffle(&mut positions);
    positions.into_iter().find_map(|k| {
        let candidate = format!("{}{}", &id[..k], &id[k + 1..]);
        let alone = !ids.contains_key(&candidate)
            && neighbours(&candidate).all(|n| n == id || !ids.contains_key(&n));
        alone.then_some(candidate)
    })
}

/// Every string one edit (a deletion, substitution or insertion of a
/// letter, digit or hyphen) from `word`.
fn neighbours(word: &str) -> impl Iterator<Item = String> + '_ {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
    let b = word.as_bytes();
    let deletions = (0..b.len()).map(move |k| format!("{}{}", &word[..k], &word[k + 1..]));
    let changes = (0..=b.len()).flat_map(move |k| {
        ALPHABET.iter().flat_map(move |&c| {
            let c = c as char;
            let insert = format!("{}{c}{}", &word[..k], &word[k..]);
            let replace = (k < b.len()).then(|| format!("{}{c}{}", &word[..k], &word[k + 1..]));
            std::iter::once(insert).chain(replace)
        })
    });
    deletions.chain(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_one_letter_short_and_one_edit_from_its_target_only() {
        let ids: HashMap<String, usize> = ["payroll", "payrol", "petty-cash"]
            .iter()
            .enumerate()
            .map(|(i, s)| (s.to_string(), i))
            .collect();
        let mut rng = Rng::stream(1, "test", 0);
        for _ in 0..20 {
            // "payrol" is an id, and "payrll" is one edit from it.
            let t = typo("payroll", &ids, &mut rng).unwrap();
            assert!(["pyroll", "paroll", "payoll"].contains(&t.as_str()), "{t}");
            let t = typo("petty-cash", &ids, &mut rng).unwrap();
            assert_eq!(t.len(), "petty-cash".len() - 1);
            assert!(
                t.starts_with('p') && t.ends_with('h') && t.contains("-c"),
                "{t}"
            );
        }
        assert!(neighbours("ab").any(|n| n == "a-b"));
        assert!(neighbours("ab").any(|n| n == "b"));
        assert!(neighbours("ab").any(|n| n == "xb"));
    }
}
