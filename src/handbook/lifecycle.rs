//! A policy's place in its life, as its front-matter's `status` says:
//! active, a draft, or retired. Read by [`frontmatter`](super::frontmatter)
//! and used by every later stage (what is linked to, checked, listed and
//! published).

/// A policy's place in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    #[default]
    Active,
    Draft,
    Retired,
}

impl Lifecycle {
    /// The stage a `status` word names, in any case, with the words
    /// handbooks use for each; `None` for any other word.
    pub fn from_word(word: &str) -> Option<Lifecycle> {
        match word.to_lowercase().as_str() {
            "active" | "current" | "approved" | "published" => Some(Lifecycle::Active),
            "draft" => Some(Lifecycle::Draft),
            "retired" | "archived" | "withdrawn" => Some(Lifecycle::Retired),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_name_their_stage() {
        for (word, stage) in [
            ("active", Some(Lifecycle::Active)),
            ("Approved", Some(Lifecycle::Active)),
            ("DRAFT", Some(Lifecycle::Draft)),
            ("withdrawn", Some(Lifecycle::Retired)),
            ("archived", Some(Lifecycle::Retired)),
            ("pending", None),
            ("", None),
        ] {
            assert_eq!(Lifecycle::from_word(word), stage, "{word}");
        }
    }
}
