//! Plain English: whether a sentence reads as passive.
//!
//! The heuristic: a form of "be" or "get", then at most two adverbs or
//! "not", then a past participle (a word ending in `-ed`, or one of the
//! common irregular ones: "given", "taken", "made"…). A heuristic, as
//! every tool's is: "is tired" counts; "was a red car" does not.

use super::scan::{Lower, scanned};

/// Whether `w` (lower case) is a form of "be" or "get", which makes a
/// passive. (A `match`: this runs for every word.)
fn is_auxiliary(w: &[u8]) -> bool {
    matches!(
        w,
        b"am"
            | b"is"
            | b"are"
            | b"was"
            | b"were"
            | b"be"
            | b"been"
            | b"being"
            | b"get"
            | b"gets"
            | b"got"
            | b"gotten"
            | b"getting"
            | b"isn't"
            | b"aren't"
            | b"wasn't"
            | b"weren't"
    )
}

/// Words that may stand between the auxiliary and the participle.
const BETWEEN: &[&str] = &[
    "not", "also", "always", "never", "often", "then", "usually", "only", "still", "all", "both",
];

/// Common irregular past participles.
const IRREGULAR: &[&str] = &[
    "been",
    "begun",
    "bent",
    "bound",
    "bought",
    "brought",
    "built",
    "caught",
    "chosen",
    "done",
    "drawn",
    "driven",
    "eaten",
    "fallen",
    "felt",
    "forbidden",
    "forgiven",
    "forgotten",
    "found",
    "given",
    "gone",
    "grown",
    "heard",
    "held",
    "hidden",
    "hit",
    "hurt",
    "kept",
    "known",
    "laid",
    "led",
    "left",
    "lent",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "read",
    "run",
    "said",
    "seen",
    "sent",
    "set",
    "shown",
    "shut",
    "sold",
    "spoken",
    "spent",
    "stolen",
    "struck",
    "sworn",
    "taken",
    "taught",
    "thrown",
    "told",
    "understood",
    "woken",
    "won",
    "worn",
    "written",
];

/// Words ending in "-ed" that are not participles.
const NOT_PARTICIPLES: &[&str] = &[
    "bed", "need", "indeed", "speed", "seed", "feed", "reed", "shed", "red", "greed", "deed",
    "bred", "hundred", "sacred", "naked", "wicked", "kindred",
];

/// Whether `sentence` reads as passive, by the heuristic in the module's
/// doc.
pub fn is_passive(sentence: &str) -> bool {
    let mut passive = Passive::default();
    let mut other = String::new();
    let mut lower = Lower::new(&mut other);
    scanned(sentence)
        .iter()
        .any(|w| passive.word(&sentence[w.range.clone()], &mut lower))
}

/// Reads a sentence's words one by one for [`is_passive`].
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Passive {
    /// After an auxiliary: how many words have stood between.
    after: Option<u8>,
}

impl Passive {
    /// Takes the next word; whether the sentence reads as passive now.
    pub(super) fn word(&mut self, word: &str, lower: &mut Lower) -> bool {
        // Most words are neither after an auxiliary nor one (every
        // auxiliary is short and starts with a, b, g, i or w): ruled out
        // before they are made lower case.
        let first = word.as_bytes()[0].to_ascii_lowercase();
        if self.after.is_none()
            && !(word.len() <= 7 && matches!(first, b'a' | b'b' | b'g' | b'i' | b'w'))
        {
            return false;
        }
        let w = lower.of(word);
        if let Some(between) = self.after {
            if is_participle(w) {
                return true;
            }
            if between < 2 && (listed(BETWEEN, w) || w.ends_with(b"ly")) {
                self.after = Some(between + 1);
                return false;
            }
        }
        self.after = is_auxiliary(w).then_some(0);
        false
    }
}

/// Irregular participles that keep their form after one of [`PREFIXES`]
/// ("undertaken", "withheld", "rewritten", "foreseen"); not those that
/// end other words ("found" in "profound", "sent" in "present").
const PREFIXED: &[&str] = &[
    "taken", "given", "written", "held", "drawn", "stood", "done", "seen", "known", "thrown",
    "made", "paid", "laid", "told", "spoken", "taught", "brought",
];

/// Prefixes that make a verb of a verb. Not "un-", whose participles
/// read as adjectives ("is unknown", "was unpaid").
const PREFIXES: &[&str] = &["under", "over", "with", "fore", "re", "up", "out"];

/// Whether `word` (lower case) is a past participle.
fn is_participle(word: &[u8]) -> bool {
    listed(IRREGULAR, word)
        || PREFIXES.iter().any(|p| {
            word.strip_prefix(p.as_bytes())
                .is_some_and(|rest| listed(PREFIXED, rest))
        })
        || (word.len() > 3
            && word.ends_with(b"ed")
            && !listed(NOT_PARTICIPLES, word)
            && word.iter().all(u8::is_ascii_lowercase))
}

fn listed(list: &[&str], word: &[u8]) -> bool {
    list.iter().any(|l| l.as_bytes() == word)
}
