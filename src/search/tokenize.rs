//! Words for the search index: split at anything that is not a letter or
//! digit (in any script), lower case, accents folded. The browser client (`static/search-core.js`) splits
//! text the same way, so that the words it looks up are the words indexed.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words too common to index; the client drops them from queries too
/// (outside quoted phrases). Keep in step with `search-core.js`.
pub const STOPWORDS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "but", "by", "do", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "of", "on", "or", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "will", "with",
];

pub fn is_stopword(word: &str) -> bool {
    // A match compiles to a length switch and a few compares: this runs
    // once per word of every policy.
    matches!(
        word,
        "an" | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "but"
            | "by"
            | "do"
            | "for"
            | "from"
            | "has"
            | "have"
            | "if"
            | "in"
            | "into"
            | "is"
            | "it"
            | "its"
            | "of"
            | "on"
            | "or"
            | "so"
            | "than"
            | "that"
            | "the"
            | "their"
            | "them"
            | "then"
            | "there"
            | "these"
            | "they"
            | "this"
            | "to"
            | "was"
            | "we"
            | "were"
            | "will"
            | "with"
    )
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
    if text.is_ascii() {
        // The common case, without Unicode tables: the same split, byte
        // by byte.
        let mut buf = String::with_capacity(32);
        for piece in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if piece.is_empty() || (piece.len() == 1 && piece.as_bytes()[0].is_ascii_alphabetic()) {
                continue;
            }
            buf.clear();
            buf.push_str(piece);
            buf.make_ascii_lowercase();
            f(&buf);
        }
        return;
    }
    // Not UAX #29 word segmentation (the unicode-segmentation crate): it
    // cuts Chinese and Japanese text into single characters, which the
    // browser, splitting at anything but letters and digits, cannot
    // reproduce. The same rule on both sides keeps `安全` one word.
    let folded = fold(text);
    {
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
        assert!(STOPWORDS.iter().all(|w| is_stopword(w)));
        assert!(!is_stopword("staff") && !is_stopword("th"));
    }

    #[test]
    fn splits_folds_and_drops_single_letters() {
        assert_eq!(
            words("The Centre's Café—open 9am–5pm, e.g. Renée!"),
            ["the", "centre", "cafe", "open", "9am", "5pm", "renee"]
        );
        assert_eq!(words("ÜBERSICHT straße"), ["ubersicht", "straße"]);
        assert_eq!(words("安全 政策。Ελληνικά"), ["安全", "政策", "ελληνικα"]);
        assert_eq!(
            words("<script>alert(1)</script>"),
            ["script", "alert", "1", "script"]
        );
        assert_eq!(words("I a 5 x2"), ["5", "x2"]);
        // The ASCII fast path agrees with the Unicode path.
        let ascii = "The centre's rules: e.g. 9.5 hours, staff-room (A&E) don't";
        assert_eq!(
            words(ascii),
            words(&format!("{ascii} é"))[..words(ascii).len()]
        );
        assert!(words("").is_empty());
    }
}
