//! Text gathered from pieces of a body (text events across line breaks
//! and inline markup) with where each piece starts in the text and in the
//! body, so that an offset in the text has its line in the file. The scan
//! gathers two such runs: the prose in which policy names are looked for
//! and each block of prose that plain English measures.

use super::Lines;

#[derive(Debug, Default)]
pub(super) struct Gathered {
    pub(super) text: String,
    /// Each piece's start in `text` and in the body.
    pieces: Vec<(usize, usize)>,
}

impl Gathered {
    /// Adds `piece`, which starts at byte `at` of the body.
    pub(super) fn push(&mut self, piece: &str, at: usize) {
        self.pieces.push((self.text.len(), at));
        self.text.push_str(piece);
    }

    /// Keeps the words either side of a line break (or code left out)
    /// apart.
    pub(super) fn space(&mut self) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
    }

    /// The file line of byte `offset` of the text.
    pub(super) fn line(&self, offset: usize, lines: &Lines) -> u32 {
        let piece = self
            .pieces
            .partition_point(|&(at, _)| at <= offset)
            .saturating_sub(1);
        let (at, start) = self.pieces.get(piece).copied().unwrap_or((0, 0));
        lines.line(start + offset.saturating_sub(at))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.pieces.clear();
    }
}
