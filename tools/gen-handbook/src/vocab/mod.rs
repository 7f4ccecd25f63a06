//! The words the generator writes with, and small text helpers.
//!
//! [`catalogue`] holds what the handbook is about (categories, subjects,
//! owners, headings); [`phrases`] holds the pieces of its prose and its
//! links to forms and other sites.

pub mod catalogue;
pub mod phrases;

pub use catalogue::*;
pub use phrases::*;

/// An id or anchor from text: lower case ASCII letters and digits, each
/// run of anything else one hyphen, none at either end.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A subject as it reads in a sentence: lower case, except words that are
/// all capitals (`CCTV Use` → `CCTV use`).
pub fn in_sentence(subject: &str) -> String {
    subject
        .split(' ')
        .map(|w| {
            if w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Clear Desk and Screen"), "clear-desk-and-screen");
        assert_eq!(
            slugify("  Records about  Children! "),
            "records-about-children"
        );
        assert_eq!(slugify("GDPR"), "gdpr");
    }

    #[test]
    fn subjects_are_unique_and_headings_are_letters_and_spaces() {
        let mut seen = HashSet::new();
        for c in &CATEGORIES {
            for s in c.subjects {
                assert!(seen.insert(slugify(s)), "{s} twice");
            }
            assert!(TAGS.contains(&c.tag), "{}", c.tag);
        }
        let mut headings = HashSet::new();
        for h in H2_FIRST
            .iter()
            .chain(&H2_POOL)
            .chain(&H3_POOL)
            .chain([&H2_LAST])
        {
            assert!(
                h.chars().all(|c| c.is_ascii_alphabetic() || c == ' '),
                "{h}"
            );
            assert!(headings.insert(slugify(h)), "{h} twice");
        }
        for a in MISSING_ANCHORS {
            assert!(!headings.contains(a), "{a} is a heading");
        }
    }

    #[test]
    fn subjects_read_in_a_sentence() {
        assert_eq!(in_sentence("CCTV Use"), "CCTV use");
        assert_eq!(in_sentence("Use of Images"), "use of images");
    }
}
