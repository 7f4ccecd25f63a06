//! Plain English, put together: a body's prose measured block by block
//! ([`Measure`]) into what a policy reads like ([`Reading`]), the scores
//! ([`Counts`]) and the notes `check` makes of it.
//!
//! - **Scores**: Flesch reading ease, 206.835 − 1.015 × words per
//!   sentence − 84.6 × syllables per word (100 is very easy, 60 plain
//!   English, below 30 very hard), and the Flesch–Kincaid grade, 0.39 ×
//!   words per sentence + 11.8 × syllables per word − 15.59, shown as a
//!   reading age (the grade + 5, as UK readers count it).

use super::passive::is_passive;
use super::scan::{Word, scan_block};
use super::settings;

/// Words, sentences and syllables, added up over a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: u32,
    pub sentences: u32,
    pub syllables: u32,
}

impl Counts {
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

/// A long sentence: where it starts and how many words it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongSentence {
    pub line: u32,
    pub words: u32,
    /// The sentence as read (code left out), for `serve` to find it by
    /// in the page.
    pub text: String,
    /// Its first words, to find it by: "Any member of staff suspected…".
    pub opening: String,
}

impl LongSentence {
    /// What `check` (and `serve`'s highlight) says of it.
    pub fn message(&self, max_words: u32) -> String {
        format!(
            "this sentence has {} words (\"{}\"): more than {} is hard to follow, so split it into shorter sentences",
            self.words, self.opening, max_words
        )
    }
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
    /// Sentences that read as passive: counted only with the notes, and
    /// only for a policy hard to read (it is told in `hard_to_read`'s,
    /// and nowhere else).
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

/// The first words of a sentence, `words` of `block`, one space between
/// them: "Any member of staff suspected…".
fn opening(block: &str, words: &[Word]) -> String {
    let mut out = String::new();
    for (k, w) in words.iter().take(OPENING_WORDS).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&block[w.range.clone()]);
    }
    if words.len() > OPENING_WORDS {
        out.push('…');
    }
    out
}

/// Measures a body's prose, one block (a paragraph, a list item, a table
/// cell) at a time.
pub struct Measure<'a> {
    settings: &'a settings::Settings,
    /// Whether to keep what the notes need: each long sentence, each
    /// plain word (looked up only then) and the prose.
    notes: bool,
    reading: Reading,
    /// With the notes, every sentence, one after another, and where each
    /// ends: to count the passive ones of a policy hard to read (a few),
    /// once the policy is measured.
    prose: String,
    sentence_ends: Vec<usize>,
    /// Kept from block to block.
    words: Vec<Word>,
}

impl<'a> Measure<'a> {
    pub fn new(settings: &'a settings::Settings, notes: bool) -> Measure<'a> {
        Measure {
            settings,
            notes,
            reading: Reading::default(),
            prose: String::new(),
            sentence_ends: Vec::new(),
            words: Vec::new(),
        }
    }

    /// What the prose added measures.
    pub fn finish(mut self) -> Reading {
        let hard = self
            .reading
            .score()
            .is_some_and(|ease| ease < self.settings.min_reading_ease);
        if self.notes && hard {
            let mut start = 0;
            for &end in &self.sentence_ends {
                self.reading.passive += u32::from(is_passive(&self.prose[start..end]));
                start = end;
            }
        }
        self.reading
    }

    /// Adds `block`, whose byte `offset` is on file line `line_at(offset)`.
    pub fn block(&mut self, block: &str, line_at: impl Fn(usize) -> u32) {
        scan_block(block, &mut self.words);
        let words = &self.words;
        let reading = &mut self.reading;
        let mut sentence = Counts::default();
        let mut first = 0;
        for (k, w) in words.iter().enumerate() {
            if sentence.words == 0 {
                first = k;
            }
            sentence.words += 1;
            sentence.syllables += w.syllables;
            let Some(end) = w.ends else {
                continue;
            };
            sentence.sentences = 1;
            reading.counts.add(sentence);
            let long = sentence.words > self.settings.max_sentence_words;
            reading.long_sentences += u32::from(long);
            if self.notes {
                let start = words[first].range.start;
                let text = &block[start..end];
                self.prose.push_str(text);
                self.sentence_ends.push(self.prose.len());
                if long {
                    reading.long.push(LongSentence {
                        line: line_at(start),
                        words: sentence.words,
                        text: text.to_string(),
                        opening: opening(block, &words[first..=k]),
                    });
                }
            }
            sentence = Counts::default();
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
                long.message(settings.max_sentence_words),
            ));
        }
        if let Some(ease) = self.score()
            && ease < settings.min_reading_ease
        {
            let active = match self.passive {
                0 => String::new(),
                n => format!(
                    ", and say who does what: {n} of its {} sentences {} passive (\"you will be told\" rather than \"we will tell you\")",
                    self.counts.sentences,
                    if n == 1 { "is" } else { "are" }
                ),
            };
            out.push(finding(
                Kind::HardToRead,
                body_line,
                format!(
                    "this policy is hard to read: its reading ease is {:.0} (Flesch; below {:.0} many readers struggle) and it needs a reading age of about {}; use shorter sentences and everyday words{active}",
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
