//! Plain English: words and phrases with a plainer alternative, from
//! `words.txt` (kept as data, about 220 words and phrases) and the
//! handbook's own, matched on whole words written one after another,
//! ignoring case.

use super::scan::{Lower, Word, scanned, words};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// The words and phrases that ship with policybook (see `words.txt`).
pub const WORDS: &str = include_str!("words.txt");

/// A word or phrase with a plainer alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainWord {
    /// As written in the list, lower case: "in accordance with".
    pub phrase: String,
    /// What to write instead: "under, as set out in".
    pub instead: String,
}

/// Words and phrases to flag, looked up by their first word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlainWords {
    by_first: HashMap<Vec<u8>, Vec<(Vec<String>, usize)>>,
    entries: Vec<PlainWord>,
    /// A bit for the [`sketch`] of each first word listed: most words of
    /// a text are ruled out without a look-up. Empty while nothing is
    /// listed.
    sketches: Vec<u64>,
}

/// Bits in [`PlainWords::sketches`].
const SKETCH_BITS: usize = 1 << 16;

/// A word's length and its first two and last two bytes, lower case,
/// hashed to 16 bits; none for a word with other than ASCII there (whose
/// lower case is not its bytes'). Two words with different sketches are
/// different words, whatever their case. (Those bytes are letters,
/// digits, apostrophes or hyphens, which setting bit 5 makes lower case
/// and leaves alone: one instruction, not four compares.)
#[inline]
fn sketch(word: &[u8]) -> Option<usize> {
    let n = word.len();
    let (&first, &last) = (word.first()?, word.last()?);
    let (second, before_last) = (word[n.min(2) - 1], word[n.saturating_sub(2)]);
    let ends = u32::from_le_bytes([first, second, before_last, last]);
    if ends & 0x8080_8080 != 0 {
        return None;
    }
    let key = u64::from(ends | 0x2020_2020) | ((n.min(255) as u64) << 32);
    Some((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize)
}

/// A line of a word list that is not `forms | instead`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// The line, counting from 1.
    pub line: usize,
    pub text: String,
}

impl PlainWords {
    /// The list `words.txt` ships.
    pub fn standard() -> PlainWords {
        let mut list = PlainWords::default();
        // The shipped list is tested to parse: nothing is lost here.
        let _ = list.add_list(WORDS);
        list
    }

    /// Adds `forms` (each a word or a phrase), each with the plainer
    /// `instead`. A form already listed takes the new alternative.
    pub fn add(&mut self, forms: &[&str], instead: &str) {
        for form in forms {
            let words: Vec<String> = words(form).map(str::to_lowercase).collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            let entry = PlainWord {
                phrase: words.join(" "),
                instead: instead.trim().to_string(),
            };
            if let Some(bit) = sketch(first.as_bytes()) {
                self.sketches.resize(SKETCH_BITS / 64, 0);
                self.sketches[bit / 64] |= 1 << (bit % 64);
            }
            let list = self.by_first.entry(first.into_bytes()).or_default();
            match list.iter().find(|(w, _)| *w == words) {
                Some(&(_, at)) => self.entries[at] = entry,
                None => {
                    list.push((words, self.entries.len()));
                    self.entries.push(entry);
                }
            }
        }
    }

    /// Adds the entries of a list in the form of `words.txt`; returns the
    /// lines that are not entries.
    pub fn add_list(&mut self, text: &str) -> Vec<BadLine> {
        let mut bad = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once(" | ") {
                Some((forms, instead)) if !instead.trim().is_empty() => {
                    let forms: Vec<&str> = forms.split(',').map(str::trim).collect();
                    self.add(&forms, instead);
                }
                _ => bad.push(BadLine {
                    line: n + 1,
                    text: line.to_string(),
                }),
            }
        }
        bad
    }

    /// How many forms are listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The listed words and phrases in `text`, each with its byte range,
    /// in order; the longest phrase wins where two start at one word.
    pub fn find<'a>(&'a self, text: &str) -> Vec<(Range<usize>, &'a PlainWord)> {
        let mut out = Vec::new();
        self.find_in(text, &scanned(text), |r, w| out.push((r, w)));
        out
    }

    /// As [`Self::find`], over `block` scanned: `found` gets the range of
    /// each hit in the block.
    pub(super) fn find_in<'a>(
        &'a self,
        block: &str,
        words: &[Word],
        mut found: impl FnMut(Range<usize>, &'a PlainWord),
    ) {
        if self.entries.is_empty() {
            return;
        }
        let mut other = String::new();
        let mut lower = Lower::new(&mut other);
        // Whether a word of the list is the word at `at`.
        let same = |listed: &str, at: &Range<usize>| {
            let w = &block[at.clone()];
            if w.is_ascii() {
                listed.eq_ignore_ascii_case(w)
            } else {
                listed.chars().eq(w.chars().flat_map(char::to_lowercase))
            }
        };
        let mut i = 0;
        while i < words.len() {
            let word = &block[words[i].range.clone()];
            if let Some(bit) = sketch(word.as_bytes())
                && self
                    .sketches
                    .get(bit / 64)
                    .is_none_or(|b| b & (1 << (bit % 64)) == 0)
            {
                i += 1;
                continue;
            }
            let word = lower.of(word);
            let best = self.by_first.get(word).and_then(|candidates| {
                candidates
                    .iter()
                    .filter(|(phrase, _)| {
                        // The first word is the one looked up by.
                        phrase.len() <= words.len() - i
                            && phrase[1..]
                                .iter()
                                .zip(&words[i + 1..])
                                .all(|(p, w)| same(p, &w.range))
                            // Its words one after another, with only
                            // spaces between: not across punctuation or
                            // an address left out.
                            && words[i..i + phrase.len()].windows(2).all(|pair| {
                                block[pair[0].range.end..pair[1].range.start]
                                    .chars()
                                    .all(char::is_whitespace)
                            })
                    })
                    .max_by_key(|(phrase, _)| phrase.len())
            });
            match best {
                Some((phrase, at)) => {
                    found(
                        words[i].range.start..words[i + phrase.len() - 1].range.end,
                        &self.entries[*at],
                    );
                    i += phrase.len();
                }
                None => i += 1,
            }
        }
    }
}
