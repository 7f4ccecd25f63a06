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

pub mod settings;

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// The words and phrases that ship with policybook (see `words.txt`).
pub const WORDS: &str = include_str!("words.txt");

/// Abbreviations after which a full stop does not end a sentence, lower
/// case without their last full stop.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "no", "nos", "vs", "e.g", "i.e", "eg", "ie", "cf",
    "approx", "dept", "tel", "ref", "fig", "para", "ext", "mt", "rev", "sr", "jr", "co", "inc",
];

/// A word of a block: its bytes, and whether a sentence ends after it
/// (then where the sentence's last token ends, closing quotes and all).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    range: Range<usize>,
    syllables: u32,
    ends: Option<usize>,
}

impl Word {
    fn new(range: Range<usize>, letters: &Letters) -> Word {
        Word {
            range,
            syllables: letters.syllables(),
            ends: None,
        }
    }
}

/// What an ASCII byte is to the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    /// A letter or a digit.
    Alnum,
    /// An apostrophe or a hyphen: inside a word, not at its ends.
    Joiner,
    /// `:` or `@`, which an address has.
    Mark,
    Other,
}

/// The class of each ASCII byte, looked up rather than worked out: the
/// scanner reads every byte of every policy.
const CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_whitespace() {
            Class::Space
        } else if c.is_ascii_alphanumeric() {
            Class::Alnum
        } else if c == b'\'' || c == b'-' {
            Class::Joiner
        } else if c == b':' || c == b'@' {
            Class::Mark
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// The class of the character at byte `i` of `text`, and its length.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (CLASSES[usize::from(b)], 1)
    } else {
        class_of_char_at(text, i)
    }
}

/// [`class_at`] beyond ASCII.
#[cold]
fn class_of_char_at(text: &str, i: usize) -> (Class, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    let class = if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() {
        Class::Alnum
    } else if c == '\u{2019}' {
        Class::Joiner
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

/// The words of `block`, as [`scan_block`] reads them.
fn scanned(block: &str) -> Vec<Word> {
    let mut words = Vec::new();
    scan_block(block, &mut words);
    words
}

/// The words of `block` with where its sentences end, in one pass: the
/// one rule behind [`sentences`], [`words`] and [`Measure`]. A token (a
/// run of anything but white space) that is an address has no words;
/// the words of the others are runs of letters and digits with
/// apostrophes and hyphens inside them ("don't", "e-mail"). `out` is
/// kept from block to block, so that measuring a body allocates nothing
/// per word.
fn scan_block(block: &str, out: &mut Vec<Word>) {
    out.clear();
    let bytes = block.as_bytes();
    let len = block.len();
    let mut i = 0;
    // The token before, if it had words: whether a sentence ends after
    // it depends on how the next one starts.
    let mut before: Option<Range<usize>> = None;
    let mut first_token = true;
    loop {
        while i < len {
            let (class, n) = class_at(block, i);
            if class != Class::Space {
                break;
            }
            i += n;
        }
        if let Some(token) = before.take() {
            let next = (i < len).then(|| &block[i..]);
            if ends_sentence(&block[token.clone()], next, first_token)
                && let Some(last) = out.last_mut()
            {
                last.ends = Some(token.end);
            }
            first_token = false;
        }
        if i >= len {
            break;
        }
        // The token, and its words as it goes: from a word's first letter
        // or digit to its last, through apostrophes and hyphens.
        let start = i;
        let had = out.len();
        let mut marked = false;
        let mut word: Option<Range<usize>> = None;
        let mut letters = Letters::default();
        while i < len {
            let (class, n) = class_at(block, i);
            match class {
                Class::Space => break,
                Class::Alnum => {
                    let from = i;
                    if word.is_none() {
                        letters = Letters::default();
                    }
                    let b = bytes[i];
                    if b.is_ascii_alphabetic() {
                        letters.push(b.to_ascii_lowercase());
                    }
                    // The lower-case letters after it, most of a text, in
                    // a loop of their own.
                    let mut end = i + n;
                    while end < len && bytes[end].is_ascii_lowercase() {
                        letters.push(bytes[end]);
                        end += 1;
                    }
                    match &mut word {
                        Some(w) => w.end = end,
                        None => word = Some(from..end),
                    }
                    i = end;
                    continue;
                }
                // Inside a word if a letter or digit follows; the word's
                // end stays where it is until one does.
                Class::Joiner => {}
                Class::Mark | Class::Other => {
                    marked |= class == Class::Mark;
                    if let Some(range) = word.take() {
                        out.push(Word::new(range, &letters));
                    }
                }
            }
            i += n;
        }
        if let Some(range) = word {
            out.push(Word::new(range, &letters));
        }
        let token = start..i;
        let text = &block[token.clone()];
        if (marked || text.starts_with("www.")) && is_address(text) {
            out.truncate(had);
        }
        // A token with no words (an address, a full stop after code left
        // out) may still end the sentence before it ("see
        // www.example.org.").
        if out.last().is_some_and(|w| w.ends.is_none()) {
            before = Some(token);
        } else {
            first_token = false;
        }
    }
    if let Some(last) = out.last_mut()
        && last.ends.is_none()
    {
        // The block's end ends its last sentence, with or without a full
        // stop (a bullet item, a table cell).
        let end = block.trim_end().len().max(last.range.end);
        last.ends = Some(end);
    }
}

/// A word of a block lower case, without copying where it is lower case
/// ASCII already (most words).
struct Lower<'a> {
    /// The word's letters, lower case, if it is ASCII.
    buf: [u8; 48],
    len: usize,
    /// Otherwise, the word lower case.
    other: &'a mut String,
}

impl<'a> Lower<'a> {
    fn new(other: &'a mut String) -> Lower<'a> {
        Lower {
            buf: [0; 48],
            len: 0,
            other,
        }
    }

    /// The bytes of `word` lower case (UTF-8).
    #[inline]
    fn of<'w>(&'w mut self, word: &'w str) -> &'w [u8] {
        let bytes = word.as_bytes();
        if bytes.iter().all(u8::is_ascii_lowercase) {
            bytes
        } else if bytes.len() <= self.buf.len() && word.is_ascii() {
            for (to, b) in self.buf.iter_mut().zip(bytes) {
                *to = b.to_ascii_lowercase();
            }
            self.len = bytes.len();
            &self.buf[..self.len]
        } else {
            self.other.clear();
            self.other.extend(word.chars().flat_map(char::to_lowercase));
            self.other.as_bytes()
        }
    }
}

/// Whether a sentence ends with `token`, the `next` token (if any)
/// following it: by the rule in the module's doc.
fn ends_sentence(token: &str, next: Option<&str>, first_token: bool) -> bool {
    // Most tokens end in a letter, a digit or a comma.
    if token
        .as_bytes()
        .last()
        .is_some_and(|&b| b == b',' || b.is_ascii_alphanumeric())
    {
        return false;
    }
    let core = token.trim_end_matches(['"', ')', '\'', '\u{201d}', '\u{2019}']);
    let Some(mark) = core.chars().last().filter(|c| matches!(c, '.' | '!' | '?')) else {
        return false;
    };
    let Some(next) = next else {
        return true;
    };
    let Some(first) = next.chars().next() else {
        return true;
    };
    if !(first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '(' | '\u{201c}' | '\u{2018}'))
    {
        return false;
    }
    if mark != '.' {
        return true;
    }
    let word = core
        .trim_end_matches(['.', '!', '?'])
        .trim_start_matches(['(', '"', '\u{201c}']);
    if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
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
    !(first_token && !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()))
}

/// The byte ranges of the sentences of `block`, each trimmed of spaces.
pub fn sentences(block: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for w in &scanned(block) {
        let from = *start.get_or_insert(w.range.start);
        if let Some(end) = w.ends {
            out.push(from..end);
            start = None;
        }
    }
    out
}

/// The words of `text`: letters and digits, with apostrophes and hyphens
/// inside a word; web and email addresses left out.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    scanned(text).into_iter().map(move |w| &text[w.range])
}

/// A web or email address, which a reader does not read as words.
fn is_address(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
        || (token.contains('@') && token.contains('.'))
}

/// Words the rule counts wrongly, with their syllables: common words of
/// policies, each one a test case. (A `match`, which compiles to a look-up
/// by length: this runs for every word.)
fn syllable_exception(word: &[u8]) -> Option<u32> {
    Some(match word {
        b"eye" | b"eyes" => 1,
        b"create" | b"creates" | b"safeguard" | b"safeguards" | b"safety" => 2,
        b"someone" | b"something" | b"sometimes" => 2,
        b"whereas" | b"therefore" | b"business" => 2,
        b"idea" | b"ideas" | b"area" | b"areas" => 3,
        b"created" | b"creating" | b"creation" | b"safeguarded" | b"safeguarding" => 3,
        b"wherever" | b"whenever" | b"businesses" => 3,
        _ => return None,
    })
}

/// The syllables of `word`, by the rule in the module's doc.
pub fn syllables(word: &str) -> u32 {
    let mut other = String::new();
    syllables_of_lower(Lower::new(&mut other).of(word))
}

/// What each lower-case letter is to [`syllables`] (looked up by byte):
/// a vowel (not `y`), `y`, `i`, `a` or `o`, or a hard consonant (one of
/// "tscgx", which make "ia" and "io" one sound: "-tion", "-cial").
const LETTERS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut k = 0;
    while k < 256 {
        let c = k as u8;
        table[k] = match c {
            b'a' | b'o' => VOWEL | AO,
            b'i' => VOWEL | I,
            b'e' | b'u' => VOWEL,
            b'y' => Y,
            b't' | b's' | b'c' | b'g' | b'x' => HARD,
            _ => 0,
        };
        k += 1;
    }
    table
};
const VOWEL: u8 = 1;
const Y: u8 = 2;
const I: u8 = 4;
const AO: u8 = 8;
const HARD: u8 = 16;

/// Letters longer words are counted by: their first 64.
const MAX_LETTERS: usize = 64;

/// [`syllables`] of a word already lower case.
fn syllables_of_lower(word: &[u8]) -> u32 {
    let mut letters = Letters::default();
    // Apostrophes, hyphens, digits and letters outside ASCII are left out.
    for &c in word.iter().filter(|c| c.is_ascii_lowercase()) {
        letters.push(c);
    }
    letters.syllables()
}

/// A word's letters as they are read, for its syllables. The rule is
/// worked out on bit masks (bit k of each says what letter k is), filled
/// in as [`scan_block`] reads the word: this runs for every word of every
/// policy, and costs a few instructions a letter.
#[derive(Debug, Clone, Copy, Default)]
struct Letters {
    n: usize,
    plain: u64,
    y: u64,
    i: u64,
    ao: u64,
    hard: u64,
    /// The first letters, to look the word up in the exceptions.
    head: [u8; EXCEPTION_LETTERS],
    /// The last three letters, the last last.
    tail: [u8; 3],
}

/// The longest word in [`syllable_exception`].
const EXCEPTION_LETTERS: usize = 12;

impl Letters {
    /// Adds the lower-case ASCII letter `c`.
    #[inline(always)]
    fn push(&mut self, c: u8) {
        let k = self.n;
        if k == MAX_LETTERS {
            return;
        }
        let f = LETTERS[usize::from(c)];
        self.plain |= u64::from(f & VOWEL != 0) << k;
        self.y |= u64::from(f & Y != 0) << k;
        self.i |= u64::from(f & I != 0) << k;
        self.ao |= u64::from(f & AO != 0) << k;
        self.hard |= u64::from(f & HARD != 0) << k;
        if k < EXCEPTION_LETTERS {
            self.head[k] = c;
        }
        self.tail = [self.tail[1], self.tail[2], c];
        self.n = k + 1;
    }

    /// The syllables of the word, by the rule in the module's doc.
    fn syllables(&self) -> u32 {
        let n = self.n;
        if n == 0 {
            // Digits, or letters outside ASCII: one a word.
            return 1;
        }
        if n <= EXCEPTION_LETTERS
            && let Some(count) = syllable_exception(&self.head[..n])
        {
            return count;
        }
        // `y` is a vowel after the first letter unless a vowel follows it
        // ("happy", "policy"; not "yes", "employee").
        let vowel = self.plain | (self.y & !1 & !(self.plain >> 1));
        // One syllable a group of vowels: a vowel with none before it.
        let mut count = (vowel & !(vowel << 1)).count_ones() as i32;
        // Pairs said apart: "ia" (Australian, media) and "io" (radio,
        // period), but not in "-tion", "-sion", "-cial", "-gion", "-xion";
        // "eo" at the end (video).
        count += (self.i & (self.ao >> 1) & !(self.hard << 1)).count_ones() as i32;
        let [third, second, last] = self.tail;
        if n >= 2 && second == b'e' && last == b'o' {
            count += 1;
        }
        let consonant = |k: usize| vowel & (1 << k) == 0;
        if n > 2 && last == b'e' && consonant(n - 2) {
            // A silent final "e" ("make"), but "-le" after a consonant is
            // said ("table").
            let said = second == b'l' && consonant(n - 3);
            if !said {
                count -= 1;
            }
        } else if n > 3
            && second == b'e'
            && last == b'd'
            && consonant(n - 3)
            && !matches!(third, b't' | b'd')
        {
            // "reviewed", not "decided".
            count -= 1;
        } else if n > 3
            && second == b'e'
            && last == b's'
            && consonant(n - 3)
            && !matches!(third, b's' | b'x' | b'z' | b'c' | b'g' | b'h')
        {
            // "makes", not "boxes", "houses", "changes".
            count -= 1;
        }
        count.max(1) as u32
    }
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
struct Passive {
    /// After an auxiliary: how many words have stood between.
    after: Option<u8>,
}

impl Passive {
    /// Takes the next word; whether the sentence reads as passive now.
    fn word(&mut self, word: &str, lower: &mut Lower) -> bool {
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

/// Whether `word` (lower case) is a past participle.
fn is_participle(word: &[u8]) -> bool {
    listed(IRREGULAR, word)
        || (word.len() > 3
            && word.ends_with(b"ed")
            && !listed(NOT_PARTICIPLES, word)
            && word.iter().all(u8::is_ascii_lowercase))
}

fn listed(list: &[&str], word: &[u8]) -> bool {
    list.iter().any(|l| l.as_bytes() == word)
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
/// different words, whatever their case.
fn sketch(word: &[u8]) -> Option<usize> {
    let n = word.len();
    let (&first, &last) = (word.first()?, word.last()?);
    let (second, before_last) = (word[n.min(2) - 1], word[n.saturating_sub(2)]);
    let ends = [first, second, before_last, last];
    if !ends.is_ascii() {
        return None;
    }
    let key = u64::from_le_bytes([
        first.to_ascii_lowercase(),
        second.to_ascii_lowercase(),
        before_last.to_ascii_lowercase(),
        last.to_ascii_lowercase(),
        n.min(255) as u8,
        0,
        0,
        0,
    ]);
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
    fn find_in<'a>(
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
                        phrase.len() <= words.len() - i
                            && phrase
                                .iter()
                                .zip(&words[i..])
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

/// A long sentence: where it starts and how many words it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongSentence {
    pub line: u32,
    pub words: u32,
    /// Its first words, to find it by: "Any member of staff suspected…".
    pub opening: String,
}

/// A listed word or phrase in a policy: where it is first, as written,
/// how often, and the plainer alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainHit {
    pub line: u32,
    pub written: String,
    pub times: u32,
    pub instead: String,
}

/// What a policy's prose measures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub counts: Counts,
    /// Sentences that read as passive.
    pub passive: u32,
    /// How many sentences are longer than the handbook allows.
    pub long_sentences: u32,
    /// Those sentences, in order, and each listed word or phrase once, in
    /// the order first met: only when [`Measure::new`] was asked for
    /// notes.
    pub long: Vec<LongSentence>,
    pub plain: Vec<PlainHit>,
}

/// Words of a long sentence shown to find it by.
const OPENING_WORDS: usize = 8;

/// Measures a body's prose, one block (a paragraph, a list item, a table
/// cell) at a time.
pub struct Measure<'a> {
    settings: &'a settings::Settings,
    /// Whether to keep what the notes need: each long sentence and each
    /// plain word (looked up only then).
    notes: bool,
    pub reading: Reading,
    /// Kept from block to block.
    words: Vec<Word>,
    other: String,
}

impl<'a> Measure<'a> {
    pub fn new(settings: &'a settings::Settings, notes: bool) -> Measure<'a> {
        Measure {
            settings,
            notes,
            reading: Reading::default(),
            words: Vec::new(),
            other: String::new(),
        }
    }

    /// Adds `block`, whose byte `offset` is on file line `line_at(offset)`.
    pub fn block(&mut self, block: &str, line_at: impl Fn(usize) -> u32) {
        scan_block(block, &mut self.words);
        let words = &self.words;
        let reading = &mut self.reading;
        let mut lower = Lower::new(&mut self.other);
        let mut sentence = Counts::default();
        let mut passive = Passive::default();
        let mut is_passive = false;
        let mut first = 0;
        for (k, w) in words.iter().enumerate() {
            if sentence.words == 0 {
                first = k;
            }
            sentence.words += 1;
            sentence.syllables += w.syllables;
            is_passive = passive.word(&block[w.range.clone()], &mut lower) || is_passive;
            if w.ends.is_none() {
                continue;
            }
            sentence.sentences = 1;
            reading.counts.add(sentence);
            reading.passive += u32::from(is_passive);
            if sentence.words > self.settings.max_sentence_words {
                reading.long_sentences += 1;
            }
            if sentence.words > self.settings.max_sentence_words && self.notes {
                let shown = &words[first..(first + OPENING_WORDS).min(k + 1)];
                let opening: Vec<&str> = shown.iter().map(|w| &block[w.range.clone()]).collect();
                let more = if (sentence.words as usize) > OPENING_WORDS {
                    "…"
                } else {
                    ""
                };
                reading.long.push(LongSentence {
                    line: line_at(words[first].range.start),
                    words: sentence.words,
                    opening: format!("{}{more}", opening.join(" ")),
                });
            }
            sentence = Counts::default();
            passive = Passive::default();
            is_passive = false;
        }
        if !self.notes {
            return;
        }
        let plain = &mut reading.plain;
        self.settings.words.find_in(block, words, |range, word| {
            // A phrase over a line break as written on one line.
            let written = block[range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match plain
                .iter_mut()
                .find(|h| h.instead == word.instead && h.written.eq_ignore_ascii_case(&written))
            {
                Some(hit) => hit.times += 1,
                None => plain.push(PlainHit {
                    line: line_at(range.start),
                    written,
                    times: 1,
                    instead: word.instead.clone(),
                }),
            }
        });
    }
}

/// Words a minute an adult reads a policy at (about 200 to 250 for
/// prose with some care in it).
pub const WORDS_PER_MINUTE: u32 = 200;

impl Reading {
    /// The policy's Flesch reading ease, if it has enough sentences for
    /// one to mean something.
    pub fn score(&self) -> Option<f64> {
        self.counts
            .reading_ease()
            .filter(|_| self.counts.sentences >= MIN_SENTENCES_TO_SCORE)
    }

    /// Minutes to read the policy, rounded up; at least one.
    pub fn minutes(&self) -> u32 {
        self.counts.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }

    /// What `check` says of a policy in `file`, whose body starts on
    /// `body_line`: each long sentence, a hard-to-read policy, each plain
    /// word once (with how often it is used), at the settings' severity.
    pub fn findings(
        &self,
        settings: &settings::Settings,
        file: &str,
        body_line: u32,
    ) -> Vec<crate::handbook::findings::Finding> {
        use crate::handbook::findings::{Finding, Kind};
        let finding =
            |kind, line, message| Finding::new(kind, settings.severity, file, line, message);
        let mut out = Vec::new();
        for long in &self.long {
            out.push(finding(
                Kind::LongSentence,
                long.line,
                format!(
                    "this sentence has {} words (\"{}\"): more than {} is hard to follow, so split it into shorter sentences",
                    long.words, long.opening, settings.max_sentence_words
                ),
            ));
        }
        if let Some(ease) = self.score()
            && ease < settings.min_reading_ease
        {
            out.push(finding(
                Kind::HardToRead,
                body_line,
                format!(
                    "this policy is hard to read: its reading ease is {:.0} (Flesch; below {:.0} many readers struggle) and it needs a reading age of about {}; use shorter sentences and everyday words",
                    ease,
                    settings.min_reading_ease,
                    self.counts.reading_age().unwrap_or_default()
                ),
            ));
        }
        for hit in &self.plain {
            let times = match hit.times {
                1 => String::new(),
                n => format!(" (used {n} times; this is the first)"),
            };
            let mut f = finding(
                Kind::PlainWord,
                hit.line,
                format!(
                    "\"{}\" has a plainer alternative: \"{}\"{times}",
                    hit.written, hit.instead
                ),
            );
            f.suggestion = Some(hit.instead.clone());
            out.push(f);
        }
        out
    }
}

/// Fewer sentences than this get no score (a score of a few sentences
/// says little), so no `hard_to_read`.
const MIN_SENTENCES_TO_SCORE: u32 = 3;

#[cfg(test)]
mod tests;
