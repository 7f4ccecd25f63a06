//! Words for the search index: split at anything that is not a letter or
//! digit (in any script), lower case, accents folded. The browser client
//! (`static/search-core.js`) splits text the same way, so that the words
//! it looks up are the words indexed: `tests/search.rs` runs one table of
//! texts through both and compares the words; the stopwords it gets from
//! the manifest.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Declares [`STOPWORDS`] and [`is_stopword`] from one list.
macro_rules! stopwords {
    ($($word:literal)*) => {
        /// Words too common to index. The build writes this list into the
        /// search manifest, and the browser client drops them from queries
        /// too (outside quoted phrases), so there is one list.
        pub const STOPWORDS: &[&str] = &[$($word),*];

        /// Whether `word` is one of [`STOPWORDS`]. A match compiles to a
        /// length switch and a few compares: this runs once per word of
        /// every policy.
        pub fn is_stopword(word: &str) -> bool {
            matches!(word, $($word)|*)
        }
    };
}

stopwords! {
    "an" "and" "are" "as" "at" "be" "but" "by" "do" "for" "from" "has" "have" "if"
    "in" "into" "is" "it" "its" "of" "on" "or" "so" "than" "that" "the" "their"
    "them" "then" "there" "these" "they" "this" "to" "was" "we" "were" "will" "with"
}

/// Lower-cases and removes accents: `Café` → `cafe`.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// `text` folded as [`fold`] does, borrowed when there is nothing to
/// change (lower-case ASCII, most of a policy's text).
pub fn folded(text: &str) -> Cow<'_, str> {
    if !text.is_ascii() {
        Cow::Owned(fold(text))
    } else if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// Calls `f` with each indexable word of `text`, which [`folded`] has
/// folded: split at anything that is not a letter or digit, single
/// letters dropped. The words borrow from `text`.
pub fn for_each_folded_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    if text.is_ascii() {
        // The common case, without Unicode tables: the same split, byte
        // by byte.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i - start > 1 || bytes[start].is_ascii_digit() {
                f(&text[start..i]);
            }
        }
        return;
    }
    // Not UAX #29 word segmentation (the unicode-segmentation crate): it
    // cuts Chinese and Japanese text into single characters, which the
    // browser, splitting at anything but letters and digits, cannot
    // reproduce. The same rule on both sides keeps `安全` one word.
    for piece in text.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = piece.chars();
        match (chars.next(), chars.next()) {
            (None, _) => {}
            (Some(c), None) if c.is_alphabetic() => {}
            _ => f(piece),
        }
    }
}

/// Calls `f` with each indexable word of `text`: folded, split at anything
/// that is not a letter or digit, single letters dropped.
pub fn for_each_word(text: &str, f: impl FnMut(&str)) {
    let text = folded(text);
    for_each_folded_word(&text, f);
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
