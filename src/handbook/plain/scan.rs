//! Plain English, step one: a block of prose read once, byte by byte,
//! into its words (with their syllables) and where its sentences end.
//! Everything else in `plain` works on what this gives.
//!
//! - **Sentences** ([`sentences`]): a block splits after `.`, `!` or `?`
//!   followed by a space and then a capital, a digit or a quote, except
//!   after an abbreviation that does not end a sentence ("Dr.", "Mr.",
//!   "No.", "e.g.", "i.e."), a single initial ("J. Smith") or a list
//!   number at the start of the block ("1. Read this"). A block with no
//!   full stop (a bullet item, a heading) is one sentence.
//! - **Words** ([`words`]): runs of letters, digits, apostrophes and
//!   hyphens inside a word; web and email addresses are left out.

use super::syllables::Memo;
use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence, lower
/// case without their last full stop.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "no", "nos", "vs", "e.g", "i.e", "eg", "ie", "cf",
    "approx", "dept", "tel", "ref", "fig", "para", "ext", "mt", "rev", "sr", "jr", "co", "inc",
];

/// A word of a block: its bytes, and whether a sentence ends after it
/// (then where the sentence's last token ends, closing quotes and all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word {
    pub(super) range: Range<usize>,
    pub(super) syllables: u32,
    pub(super) ends: Option<usize>,
}

impl Word {
    #[inline(always)]
    fn new(range: Range<usize>, block: &str, memo: &mut Memo) -> Word {
        Word {
            syllables: memo.syllables(block.as_bytes(), range.clone()),
            range,
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
pub(super) fn scanned(block: &str) -> Vec<Word> {
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
pub(super) fn scan_block(block: &str, out: &mut Vec<Word>) {
    Memo::with(|memo| scan_with(block, out, memo));
}

/// [`scan_block`] with this thread's [`Memo`].
fn scan_with(block: &str, out: &mut Vec<Word>, memo: &mut Memo) {
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
        while i < len {
            let (class, n) = class_at(block, i);
            match class {
                Class::Space => break,
                Class::Alnum => {
                    let from = i;
                    // The lower-case letters after it, most of a text, in
                    // a loop of their own.
                    let mut end = i + n;
                    while end < len && bytes[end].is_ascii_lowercase() {
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
                        out.push(Word::new(range, block, memo));
                    }
                }
            }
            i += n;
        }
        if let Some(range) = word {
            out.push(Word::new(range, block, memo));
        }
        let token = start..i;
        let text = &block[token.clone()];
        // From its first letter or digit: "(www.example.org)" is an
        // address too, and a token read from its first word on (as a
        // sentence is read again alone) is judged as it was in the block.
        let core = if text.as_bytes()[0].is_ascii_alphanumeric() {
            text
        } else {
            text.trim_start_matches(|c: char| !c.is_alphanumeric())
        };
        if (marked && is_address(text)) || core.starts_with("www.") {
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
pub(super) struct Lower<'a> {
    /// The word's letters, lower case, if it is ASCII.
    buf: [u8; 48],
    len: usize,
    /// Otherwise, the word lower case.
    other: &'a mut String,
}

impl<'a> Lower<'a> {
    pub(super) fn new(other: &'a mut String) -> Lower<'a> {
        Lower {
            buf: [0; 48],
            len: 0,
            other,
        }
    }

    /// The bytes of `word` lower case (UTF-8).
    #[inline]
    pub(super) fn of<'w>(&'w mut self, word: &'w str) -> &'w [u8] {
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
