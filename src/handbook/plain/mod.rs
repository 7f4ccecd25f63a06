//! Plain English: how hard a run of prose is to read (issue #31). Pure
//! functions over text, no handbook: the parse stage gives them each block
//! of a body's prose (a paragraph, a list item, a heading, a table cell),
//! and `check` turns what they measure into findings. By concern:
//!
//! - `scan.rs`: a block read once into words and sentences;
//! - `syllables.rs`: a word's syllables, counted as it is read;
//! - `passive.rs`: whether a sentence reads as passive;
//! - `wordlist.rs`: words and phrases with a plainer alternative;
//! - `measure.rs`: the above put together per policy, the scores, and the
//!   findings `check` makes;
//! - [`settings`]: `plain_english:` in `handbook.yaml`.
//!
//! Written here rather than taken from a crate: the readability crates on
//! crates.io count syllables and score text but split sentences at every
//! full stop ("e.g." and "Dr." included), know nothing of passive voice or
//! plain words, and give no position to report a line from.

mod measure;
mod passive;
mod scan;
pub mod settings;
mod syllables;
mod wordlist;

pub use measure::{Counts, LongSentence, Measure, PlainHit, Reading, WORDS_PER_MINUTE};
pub use passive::is_passive;
pub use scan::{sentences, words};
pub use syllables::syllables;
pub use wordlist::{BadLine, PlainWord, PlainWords, WORDS};

#[cfg(test)]
mod tests;
