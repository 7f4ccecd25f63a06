//! Policy names as people write them: "our Disciplinary Policy and
//! Procedure", "Anti-harassment and bullying policy", "complaints". One
//! forgiving matcher from such a name to a policy's id, for `import`
//! (a document's associated policies) and for the references in prose
//! that `check` finds, so that both agree on what a name means.
//!
//! A name and a title match when their words do, once case, punctuation,
//! "&" for "and", a leading "the" or "our", a trailing "policy",
//! "procedure" (and the like) and plurals are set aside; else with a small
//! typo; else when one's words begin, or are part of, the other's and that
//! is true of one title only. An id matches as its words do.

use crate::handbook::slug::{Suggester, distance};

/// Words a policy's name may end with that are not part of what it is
/// about.
const SUFFIXES: &[&str] = &[
    "policy",
    "policies",
    "procedure",
    "procedures",
    "statement",
    "guidance",
    "guidelines",
    "protocol",
    "document",
];

/// Words a name may start with that are not part of it.
const PREFIXES: &[&str] = &["the", "our", "this", "a", "an"];

/// A name's words, compared: lower case, `&` as "and", hyphens and
/// other punctuation as spaces, plural `-s` dropped, and the words in
/// [`PREFIXES`] and [`SUFFIXES`] (with an "and" before them) left off.
pub fn key(name: &str) -> Vec<String> {
    let lower = name.to_lowercase().replace('&', " and ");
    let mut words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(['\'', '’']))
        .filter(|w| !w.is_empty())
        .map(|w| w.strip_suffix("'s").unwrap_or(w).to_string())
        .collect();
    while words.len() > 1 && PREFIXES.contains(&words[0].as_str()) {
        words.remove(0);
    }
    loop {
        let n = words.len();
        if n > 1 && SUFFIXES.contains(&words[n - 1].as_str()) {
            words.pop();
            if words.len() > 1 && words[words.len() - 1] == "and" {
                words.pop();
            }
        } else {
            break;
        }
    }
    words.iter().map(|w| singular(w)).collect()
}

/// A word without its plural `s` (long enough words only, and not `ss`).
fn singular(word: &str) -> String {
    if word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// A title without the words at its end that say it is a policy
/// ("Whistleblowing Policy" → "Whistleblowing"), for an id made from it.
pub fn without_suffix(title: &str) -> String {
    let mut words: Vec<&str> = title.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            SUFFIXES.contains(&w.to_lowercase().as_str())
                || w.eq_ignore_ascii_case("and")
                || *w == "&"
        })
    {
        words.pop();
    }
    words.join(" ")
}

/// How a name matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// The same words.
    Same(String),
    /// A small typo, or words that begin or are part of one title's.
    Close(String),
    /// No policy; perhaps this one was meant.
    None { did_you_mean: Option<String> },
}

impl Match {
    /// The id matched, if any.
    pub fn id(&self) -> Option<&str> {
        match self {
            Match::Same(id) | Match::Close(id) => Some(id),
            Match::None { .. } => None,
        }
    }
}

/// The longest name (its words joined) matched by more than its exact
/// words.
const MAX_NAME: usize = 80;

/// The most titles a name's words are compared with: a word that many
/// titles share ("safety") says little about which one is meant.
const MAX_CANDIDATES: usize = 256;

/// Words too common to find a title by.
const COMMON: &[&str] = &[
    "and", "of", "for", "with", "the", "in", "on", "to", "a", "at", "by",
];

/// The policies names are matched to, indexed so that a name is matched
/// in about the time it takes to look at the few titles that share its
/// rarest word, however many policies there are.
#[derive(Debug, Default)]
pub struct Names {
    ids: Vec<String>,
    /// Per policy, the words of its title and of its id.
    keys: Vec<[Vec<String>; 2]>,
    /// A key's words joined by spaces → the first policy with it.
    exact: std::collections::HashMap<String, usize>,
    /// A word → the policies whose title or id has it.
    by_word: std::collections::HashMap<String, Vec<usize>>,
    /// Near misses among the joined keys.
    suggester: Suggester,
}

impl Names {
    /// Matches names to these policies, given as (id, title).
    pub fn new<'a>(policies: impl IntoIterator<Item = (&'a str, &'a str)>) -> Names {
        let mut names = Names::default();
        for (id, title) in policies {
            let n = names.ids.len();
            names.ids.push(id.to_string());
            let keys = [key(title), key(&id.replace('-', " "))];
            for k in &keys {
                names.exact.entry(k.join(" ")).or_insert(n);
                for w in k {
                    if !COMMON.contains(&w.as_str()) {
                        let list = names.by_word.entry(w.clone()).or_default();
                        if list.last() != Some(&n) {
                            list.push(n);
                        }
                    }
                }
            }
            names.keys.push(keys);
        }
        // Near misses only among names of a usual length: the edit
        // distance of long ones costs the square of their length.
        names.suggester = Suggester::new(
            names
                .exact
                .keys()
                .map(String::as_str)
                .filter(|k| k.len() <= MAX_NAME),
        );
        names
    }

    /// The policy `name` means, as forgivingly as the module doc says.
    pub fn find(&self, name: &str) -> Match {
        let words = key(name);
        if words.is_empty() {
            return Match::None { did_you_mean: None };
        }
        let joined = words.join(" ");
        if joined.len() > MAX_NAME {
            return match self.exact.get(&joined) {
                Some(&n) => Match::Same(self.ids[n].clone()),
                None => Match::None { did_you_mean: None },
            };
        }
        let id = |n: usize| self.ids[n].clone();
        if let Some(&n) = self.exact.get(&joined) {
            return Match::Same(id(n));
        }
        // A small typo: one edit in five letters, at most two.
        let allowed = (joined.chars().count() / 5).min(2);
        let near = self.suggester.closest(&joined);
        if let Some(near) = near
            && allowed > 0
            && distance(&joined, near) <= allowed
            && let Some(&n) = self.exact.get(near)
        {
            return Match::Close(id(n));
        }
        // Words that begin, or are part of, one title's (or the other way
        // round): "Disciplinary Rules" for "Disciplinary". Only titles
        // that share a word with the name can.
        let mut within: Vec<usize> = words
            .iter()
            .filter_map(|w| self.by_word.get(w))
            .flatten()
            .take(MAX_CANDIDATES)
            .copied()
            .filter(|&n| {
                self.keys[n]
                    .iter()
                    .any(|k| !k.is_empty() && (contains(&words, k) || contains(k, &words)))
            })
            .collect();
        within.sort_unstable();
        within.dedup();
        if let [n] = within[..] {
            return Match::Close(id(n));
        }
        Match::None {
            did_you_mean: near.and_then(|k| self.exact.get(k)).map(|&n| id(n)),
        }
    }
}

/// The phrases in `text` that name a policy: capitalised words before
/// "Policy" or "Procedure" ("see the Photographic Images Policy", "our
/// Disciplinary Policy and Procedure", "the Equal Opportunities policy"),
/// as byte ranges of `text`. "This policy" and "Policy Agreed" name none.
/// It looks back from each "policy" word only, word by word, so a body
/// without one costs two substring searches.
pub fn phrases(text: &str) -> Vec<std::ops::Range<usize>> {
    const ENDS: &[&str] = &["policy", "procedure"];
    const JOINS: &[&str] = &["and", "&", "of", "for", "with", "on", "in", "to"];
    const NOT_NAMES: &[&str] = &[
        "this", "that", "the", "our", "a", "an", "any", "each", "every", "its", "their", "your",
        "his", "her", "which", "what", "whose", "new", "current", "relevant", "other", "such",
        "same", "full", "whole", "centre", "school", "company", "staff", "see",
    ];
    /// The most words a name is looked back for.
    const LONGEST: usize = 12;
    let is_in = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    // Where a "policy" or "procedure" may start: found by their rarer
    // middles, which a substring search finds fast.
    static MIDDLES: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| {
            [
                memchr::memmem::Finder::new("olicy"),
                memchr::memmem::Finder::new("rocedure"),
            ]
        });
    let mut starts: Vec<usize> = MIDDLES
        .iter()
        .flat_map(|m| m.find_iter(text.as_bytes()))
        .filter(|&i| i > 0 && matches!(text.as_bytes()[i - 1], b'p' | b'P'))
        .map(|i| i - 1)
        .collect();
    starts.sort_unstable();
    for at in starts {
        let rest = &text[at..];
        let Some(end_word) = ENDS.iter().find(|e| {
            rest.get(..e.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(e))
                && !rest[e.len()..].starts_with(char::is_alphanumeric)
        }) else {
            continue;
        };
        if text[..at].ends_with(char::is_alphanumeric) {
            continue;
        }
        let end = at + end_word.len();
        // Back over capitalised words and the small words between them,
        // stopping at punctuation that ends a phrase.
        let mut first = None;
        let mut cursor = at;
        let mut walked: Vec<&str> = Vec::new();
        for _ in 0..LONGEST {
            let before = text[..cursor].trim_end();
            if before.len() == cursor || before.is_empty() {
                break;
            }
            let start = before.rfind(char::is_whitespace).map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
            let word = &before[start..];
            let bare = core(word);
            if word.ends_with([',', '.', ';', ':', '!', '?', ')', '"']) || bare.is_empty() {
                break;
            }
            // Another name's end: "the Fire Safety Policy and Complaints
            // Policy" is two names; only "Policy and Procedure" is one.
            let and_procedure = *end_word == "procedure" && walked == ["and"];
            if is_in(ENDS, bare) && !and_procedure {
                break;
            }
            walked.push(bare);
            if bare.starts_with(char::is_uppercase) {
                first = Some(
                    start
                        + (word.len()
                            - word
                                .trim_start_matches(|c: char| !c.is_alphanumeric())
                                .len()),
                );
            } else if !is_in(JOINS, bare) {
                break;
            }
            cursor = start;
        }
        let Some(start) = first else {
            continue;
        };
        if text[start..at]
            .split_whitespace()
            .all(|w| is_in(NOT_NAMES, core(w)) || is_in(JOINS, core(w)))
        {
            continue;
        }
        // "Policy and Procedure": one name.
        match out.last_mut() {
            Some(last) if last.start == start => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

/// A word without the punctuation around it (`&` is a word).
fn core(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
}

/// Whether `inner` is a run of whole words in `outer`.
fn contains(outer: &[String], inner: &[String]) -> bool {
    !inner.is_empty() && outer.windows(inner.len()).any(|w| w == inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::new([
            ("disciplinary", "Disciplinary Policy"),
            ("harassment", "Anti-Harassment"),
            ("complaints", "Complaints Procedure"),
            ("confidentiality", "Confidentiality"),
            ("partnership-with-parents", "Partnership with Parents"),
            ("photographic-images", "Photographic Images Policy"),
            ("equal-opportunities", "Equal Opportunities"),
            ("health-and-safety", "Health and Safety"),
            ("fire-safety", "Fire Safety"),
        ])
    }

    #[test]
    fn names_match_forgivingly() {
        let n = names();
        for (name, id) in [
            ("Disciplinary Policy and Procedure", Some("disciplinary")),
            ("our disciplinary policy", Some("disciplinary")),
            ("Disciplinary Rules", Some("disciplinary")),
            ("Anti-harassment and bullying policy", Some("harassment")),
            ("COMPLAINTS", Some("complaints")),
            ("Complaint", Some("complaints")),
            (
                "the Equal Opportunities policy",
                Some("equal-opportunities"),
            ),
            ("Equal Oportunities", Some("equal-opportunities")),
            ("Health & Safety Policy", Some("health-and-safety")),
            ("Photographic Images Policy", Some("photographic-images")),
            ("photographic-images", Some("photographic-images")),
            ("Partnership with Parents", Some("partnership-with-parents")),
            // Part of two titles: neither.
            ("Safety", None),
            ("Whistleblowing", None),
            ("Policy", None),
            ("", None),
        ] {
            assert_eq!(n.find(name).id(), id, "{name}");
        }
        assert_eq!(n.find("Confidentiality").id(), Some("confidentiality"));
        assert!(matches!(n.find("Confidentiality"), Match::Same(_)));
        assert!(matches!(n.find("Disciplinary Rules"), Match::Close(_)));
    }

    #[test]
    fn phrases_that_name_a_policy() {
        let found = |text: &str| -> Vec<String> {
            phrases(text)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        assert_eq!(
            found("See the Photographic Images Policy."),
            ["Photographic Images Policy"]
        );
        assert_eq!(
            found(
                "under our Disciplinary Policy and Procedure, and the Equal Opportunities policy"
            ),
            [
                "Disciplinary Policy and Procedure",
                "Equal Opportunities policy"
            ]
        );
        assert_eq!(
            found("Read the Health and Safety Policy first"),
            ["Health and Safety Policy"]
        );
        assert_eq!(
            found("See the Fire Safety Policy and Complaints Policy."),
            ["Fire Safety Policy", "Complaints Policy"]
        );
        assert!(found("This policy applies. A breach of this policy is serious.").is_empty());
        assert!(found("Policy Agreed: May 2021").is_empty());
        assert!(found("the policy of the Centre").is_empty());
        assert!(found("Staff, policy and more").is_empty());
    }

    #[test]
    fn keys_leave_out_what_does_not_name_the_policy() {
        assert_eq!(key("The Complaints Policy and Procedure"), ["complaint"]);
        assert_eq!(key("Children's Centre Policies"), ["children", "centre"]);
        assert_eq!(key("Access"), ["access"]);
        assert_eq!(key("Policy"), ["policy"]);
    }
}
