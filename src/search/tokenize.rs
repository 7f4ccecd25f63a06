//! Words for the search index: Unicode-aware segmentation, lower case,
//! accents folded. The browser client (`static/search-core.js`) splits
//! text the same way, so that the words it looks up are the words indexed.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Words too common to index; the client drops them from queries too
/// (outside quoted phrases). Keep in step with `search-core.js`.
pub const STOPWORDS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "but", "by", "do", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "of", "on", "or", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "will", "with",
];

pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Lower-cases and removes accents: `Café` → `cafe`.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// Calls `f` with each indexable word of `text`: folded, split at anything
/// that is not a letter or digit, single letters dropped.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    for segment in text.unicode_words() {
        let folded = fold(segment);
        for piece in folded.split(|c: char| !c.is_alphanumeric()) {
            let mut chars = piece.chars();
            match (chars.next(), chars.next()) {
                (None, _) => {}
                (Some(c), None) if c.is_alphabetic() => {}
                _ => f(piece),
            }
        }
    }
}

/// The words of `text`, as a list (for tests and small inputs).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOPWORDS);
    }

    #[test]
    fn splits_folds_and_drops_single_letters() {
        assert_eq!(
            words("The Centre's Café—open 9am–5pm, e.g. Renée!"),
            ["the", "centre", "cafe", "open", "9am", "5pm", "renee"]
        );
        assert_eq!(words("ÜBERSICHT straße"), ["ubersicht", "straße"]);
        assert_eq!(
            words("<script>alert(1)</script>"),
            ["script", "alert", "1", "script"]
        );
        assert_eq!(words("I a 5 x2"), ["5", "x2"]);
        assert!(words("").is_empty());
    }
}
