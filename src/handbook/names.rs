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

use crate::handbook::slug::distance as levenshtein;

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

/// The policies names are matched to.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// (id, the words of its title, the words of its id).
    policies: Vec<(String, Vec<String>, Vec<String>)>,
}

impl Names {
    /// Matches names to these policies, given as (id, title).
    pub fn new<'a>(policies: impl IntoIterator<Item = (&'a str, &'a str)>) -> Names {
        Names {
            policies: policies
                .into_iter()
                .map(|(id, title)| (id.to_string(), key(title), key(&id.replace('-', " "))))
                .collect(),
        }
    }

    /// Adds a policy.
    pub fn add(&mut self, id: &str, title: &str) {
        self.policies
            .push((id.to_string(), key(title), key(&id.replace('-', " "))));
    }

    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// The policy `name` means, as forgivingly as the module doc says.
    pub fn find(&self, name: &str) -> Match {
        let words = key(name);
        if words.is_empty() {
            return Match::None { did_you_mean: None };
        }
        let keys = || {
            self.policies
                .iter()
                .flat_map(|(id, t, i)| [(id, t), (id, i)])
        };
        if let Some((id, _)) = keys().find(|(_, k)| **k == words) {
            return Match::Same(id.clone());
        }
        let joined = words.join(" ");
        // A small typo: one edit in five letters, at most two.
        let allowed = (joined.chars().count() / 5).min(2);
        let mut typos: Vec<(usize, &String)> = keys()
            .filter_map(|(id, k)| {
                let d = levenshtein(&joined, &k.join(" "));
                (d <= allowed).then_some((d, id))
            })
            .collect();
        typos.sort();
        typos.dedup_by(|a, b| a.1 == b.1);
        if let Some(&(d, id)) = typos.first()
            && typos.get(1).is_none_or(|(d2, _)| *d2 > d)
        {
            return Match::Close(id.clone());
        }
        // Words that begin, or are part of, one title's (or the other way
        // round): "Disciplinary Rules" for "Disciplinary".
        let mut within: Vec<&String> = keys()
            .filter(|(_, k)| !k.is_empty() && (contains(&words, k) || contains(k, &words)))
            .map(|(id, _)| id)
            .collect();
        within.dedup();
        if within.len() == 1 {
            return Match::Close(within[0].clone());
        }
        let did_you_mean = keys()
            .map(|(id, k)| (levenshtein(&joined, &k.join(" ")), id))
            .filter(|(d, _)| *d <= joined.chars().count() / 3 + 1)
            .min()
            .map(|(_, id)| id.clone());
        Match::None { did_you_mean }
    }
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
    fn keys_leave_out_what_does_not_name_the_policy() {
        assert_eq!(key("The Complaints Policy and Procedure"), ["complaint"]);
        assert_eq!(key("Children's Centre Policies"), ["children", "centre"]);
        assert_eq!(key("Access"), ["access"]);
        assert_eq!(key("Policy"), ["policy"]);
    }
}
