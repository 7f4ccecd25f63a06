//! Plain English: how hard a run of prose is to read (issue #31). Pure
//! functions over text, no handbook: the parse stage gives them each block
//! of a body's prose (a paragraph, a list item, a heading, a table cell),
//! and `check` turns what they measure into findings.
//!
//! - **Sentences** ([`sentences`]): a block splits after `.`, `!` or `?`
//!   followed by a space and then a capital, a digit or a quote, except
//!   after an abbreviation that does not end a sentence ("Dr.", "Mr.",
//!   "No.", "e.g.", "i.e."), a single initial ("J. Smith") or a list
//!   number at the start of the block ("1. Read this"). A block with no
//!   full stop (a bullet item, a heading) is one sentence.
//! - **Words** ([`words`]): runs of letters, digits, apostrophes and
//!   hyphens inside a word; web and email addresses are left out.
//! - **Syllables** ([`syllables`]): the vowel groups of the word (`y`
//!   counts as a vowel after the first letter), one fewer for a silent
//!   final `e` (not in `-le` after a consonant, as in "table"), for `-ed`
//!   not after `t` or `d` ("reviewed") and for `-es` not after a hissing
//!   sound ("makes"), one more for `ia`, `io` and a final `eo` said
//!   apart ("Australian", "radio", "video"); at least one; and a short
//!   table of common words the rule gets wrong ("safeguarding",
//!   "created"). Tested against a table of words; it is the usual
//!   estimate (as in most readability tools), not a dictionary.
//! - **Scores** ([`Counts`]): Flesch reading ease, 206.835 − 1.015 ×
//!   words per sentence − 84.6 × syllables per word (100 is very easy, 60
//!   plain English, below 30 very hard), and the Flesch–Kincaid grade,
//!   0.39 × words per sentence + 11.8 × syllables per word − 15.59, shown
//!   as a reading age (the grade + 5, as UK readers count it).
//! - **Passive** ([`is_passive`]): a form of "be" or "get", then at most
//!   two adverbs or "not", then a past participle (a word ending in `-ed`,
//!   or one of the common irregular ones: "given", "taken", "made"…). A
//!   heuristic, as every tool's is: "is tired" counts; "was a red car"
//!   does not.
//! - **Plain words** ([`PlainWords`]): words and phrases with a plainer
//!   alternative, from `words.txt` (kept as data, about 115 entries) and
//!   the handbook's own; matched on whole words, ignoring case.
//!
//! Written here rather than taken from a crate: the readability crates on
//! crates.io count syllables and score text but split sentences at every
//! full stop ("e.g." and "Dr." included), know nothing of passive voice or
//! plain words, and give no position to report a line from.

use std::collections::HashMap;
use std::ops::Range;

/// The words and phrases that ship with policybook (see `words.txt`).
pub const WORDS: &str = include_str!("words.txt");

/// Abbreviations after which a full stop does not end a sentence, lower
/// case without their last full stop.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "no", "nos", "vs", "e.g", "i.e", "eg", "ie", "cf",
    "approx", "dept", "tel", "ref", "fig", "para", "ext", "mt", "rev", "sr", "jr", "co", "inc",
];

/// The byte ranges of the sentences of `block`, each trimmed of spaces.
pub fn sentences(block: &str) -> Vec<Range<usize>> {
    let bytes = block.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && ends_sentence(block, start, i) {
            // Closing quotes and brackets belong to the sentence.
            let mut end = i + 1;
            while end < bytes.len()
                && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b')' | b'\'')
            {
                end += 1;
            }
            push_trimmed(block, start..end, &mut out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(block, start..bytes.len(), &mut out);
    out
}

/// Whether the mark at `at` (a `.`, `!` or `?`) ends the sentence that
/// began at `start`.
fn ends_sentence(block: &str, start: usize, at: usize) -> bool {
    let bytes = block.as_bytes();
    // What follows: spaces, then a capital, a digit, a quote or a bracket;
    // the end of the block ends it too.
    let mut next = at + 1;
    while next < bytes.len() && matches!(bytes[next], b'"' | b')' | b'\'' | b'.' | b'!' | b'?') {
        next += 1;
    }
    if next >= bytes.len() {
        return true;
    }
    let rest = &block[next..];
    let after_space = rest.trim_start();
    if after_space.len() == rest.len() {
        // "9.5", "www.example.org", "e.g.," : no space, no end.
        return false;
    }
    let Some(first) = after_space.chars().next() else {
        return true;
    };
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '"' | '(' | '\u{201c}'))
    {
        return false;
    }
    if bytes[at] != b'.' {
        return true;
    }
    // The word the full stop ends.
    let before = &block[start..at];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // "J. Smith": a single capital letter.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return false;
    }
    // "1. Read this" at the start of the block: a list number.
    !(before.trim().len() == word.len()
        && !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_digit()))
}

fn push_trimmed(block: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let text = &block[range.clone()];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    if lead == text.len() {
        return;
    }
    let trimmed = range.start + lead..range.end - trail;
    if words(&block[trimmed.clone()]).next().is_some() {
        out.push(trimmed);
    }
}

/// The words of `text`: letters and digits, with apostrophes and hyphens
/// inside a word; web and email addresses left out.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(char::is_whitespace)
        .filter(|token| !is_address(token))
        .flat_map(|token| {
            token
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// A web or email address, which a reader does not read as words.
fn is_address(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
        || (token.contains('@') && token.contains('.'))
}

/// Words the rule counts wrongly, with their syllables: common words of
/// policies, each one a test case.
const SYLLABLE_EXCEPTIONS: &[(&str, u32)] = &[
    ("eye", 1),
    ("eyes", 1),
    ("idea", 3),
    ("ideas", 3),
    ("area", 3),
    ("areas", 3),
    ("create", 2),
    ("creates", 2),
    ("created", 3),
    ("creating", 3),
    ("creation", 3),
    ("safeguard", 2),
    ("safeguards", 2),
    ("safeguarded", 3),
    ("safeguarding", 3),
    ("safety", 2),
    ("someone", 2),
    ("something", 2),
    ("sometimes", 2),
    ("whereas", 2),
    ("therefore", 2),
    ("wherever", 3),
    ("whenever", 3),
    ("business", 2),
    ("businesses", 3),
];

/// The syllables of `word`, by the rule in the module's doc.
pub fn syllables(word: &str) -> u32 {
    let lower = word.to_lowercase();
    if let Some(&(_, n)) = SYLLABLE_EXCEPTIONS.iter().find(|(w, _)| *w == lower) {
        return n;
    }
    let w: Vec<u8> = lower.bytes().filter(u8::is_ascii_alphabetic).collect();
    if w.is_empty() {
        // Digits, or letters outside ASCII: one a word.
        return 1;
    }
    let n = w.len();
    let plain_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    // `y` is a vowel after the first letter unless a vowel follows it
    // ("happy", "policy"; not "yes", "employee").
    let vowel = |i: usize| match w[i] {
        b'y' => i > 0 && !(i + 1 < n && plain_vowel(w[i + 1])),
        c => plain_vowel(c),
    };
    let mut count: i32 = 0;
    let mut i = 0;
    while i < n {
        if !vowel(i) {
            i += 1;
            continue;
        }
        count += 1;
        let group = i;
        while i < n && vowel(i) {
            i += 1;
        }
        // Pairs said apart: "ia" (Australian, media) and "io" (radio,
        // period), but not in "-tion", "-sion", "-cial", "-gion"; "eo" at
        // the end (video).
        for k in group..i - 1 {
            let before = if k > 0 { w[k - 1] } else { b' ' };
            let apart = match (w[k], w[k + 1]) {
                (b'i', b'a') | (b'i', b'o') => !matches!(before, b't' | b's' | b'c' | b'g' | b'x'),
                (b'e', b'o') => k + 2 == n,
                _ => false,
            };
            if apart {
                count += 1;
            }
        }
    }
    let ends = |s: &[u8]| w.ends_with(s);
    let consonant = |k: usize| !vowel(k);
    if n > 2 && ends(b"e") && consonant(n - 2) {
        // A silent final "e" ("make"), but "-le" after a consonant is
        // said ("table").
        let said = ends(b"le") && consonant(n - 3);
        if !said {
            count -= 1;
        }
    } else if n > 3 && ends(b"ed") && consonant(n - 3) && !matches!(w[n - 3], b't' | b'd') {
        // "reviewed", not "decided".
        count -= 1;
    } else if n > 3
        && ends(b"es")
        && consonant(n - 3)
        && !matches!(w[n - 3], b's' | b'x' | b'z' | b'c' | b'g' | b'h')
    {
        // "makes", not "boxes", "houses", "changes".
        count -= 1;
    }
    count.max(1) as u32
}

/// Words, sentences and syllables, added up over a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: u32,
    pub sentences: u32,
    pub syllables: u32,
}

impl Counts {
    /// The counts of one sentence.
    pub fn of_sentence(sentence: &str) -> Counts {
        let mut c = Counts {
            sentences: 1,
            ..Counts::default()
        };
        for w in words(sentence) {
            c.words += 1;
            c.syllables += syllables(w);
        }
        c
    }

    pub fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.syllables += other.syllables;
    }

    /// Words per sentence and syllables per word; none without words.
    fn ratios(&self) -> Option<(f64, f64)> {
        (self.words > 0 && self.sentences > 0).then(|| {
            (
                f64::from(self.words) / f64::from(self.sentences),
                f64::from(self.syllables) / f64::from(self.words),
            )
        })
    }

    /// Flesch reading ease: higher is easier.
    pub fn reading_ease(&self) -> Option<f64> {
        self.ratios()
            .map(|(wps, spw)| 206.835 - 1.015 * wps - 84.6 * spw)
    }

    /// The Flesch–Kincaid grade (a US school year).
    pub fn grade(&self) -> Option<f64> {
        self.ratios()
            .map(|(wps, spw)| 0.39 * wps + 11.8 * spw - 15.59)
    }

    /// The reading age in years: the grade + 5, never below 5.
    pub fn reading_age(&self) -> Option<u32> {
        self.grade().map(|g| (g + 5.0).round().max(5.0) as u32)
    }
}

/// Forms of "be" and "get" that make a passive.
const AUXILIARIES: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten",
    "getting", "isn't", "aren't", "wasn't", "weren't",
];

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
    let lower: Vec<String> = words(sentence).map(|w| w.to_lowercase()).collect();
    lower.iter().enumerate().any(|(i, w)| {
        if !AUXILIARIES.contains(&w.as_str()) {
            return false;
        }
        let mut k = i + 1;
        let mut skipped = 0;
        while k < lower.len()
            && skipped < 2
            && (BETWEEN.contains(&lower[k].as_str()) || lower[k].ends_with("ly"))
        {
            k += 1;
            skipped += 1;
        }
        lower.get(k).is_some_and(|p| is_participle(p))
    })
}

fn is_participle(word: &str) -> bool {
    IRREGULAR.contains(&word)
        || (word.len() > 3
            && word.ends_with("ed")
            && !NOT_PARTICIPLES.contains(&word)
            && word.chars().all(|c| c.is_alphabetic()))
}

/// A word or phrase with a plainer alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainWord {
    /// As written in the list, lower case: "in accordance with".
    pub phrase: String,
    /// What to write instead: "under, as set out in".
    pub instead: String,
}

/// Words and phrases to flag, looked up by their first word.
#[derive(Debug, Clone, Default)]
pub struct PlainWords {
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
    entries: Vec<PlainWord>,
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
            let list = self.by_first.entry(first).or_default();
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
        let spans: Vec<(Range<usize>, String)> = words(text)
            .map(|w| {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                (start..start + w.len(), w.to_lowercase())
            })
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < spans.len() {
            let best = self.by_first.get(&spans[i].1).and_then(|candidates| {
                candidates
                    .iter()
                    .filter(|(phrase, _)| {
                        phrase.len() <= spans.len() - i
                            && phrase.iter().zip(&spans[i..]).all(|(p, (_, w))| p == w)
                    })
                    .max_by_key(|(phrase, _)| phrase.len())
            });
            match best {
                Some((phrase, at)) => {
                    let range = spans[i].0.start..spans[i + phrase.len() - 1].0.end;
                    out.push((range, &self.entries[*at]));
                    i += phrase.len();
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
