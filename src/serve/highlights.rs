//! The long sentences `serve`'s browser script highlights in a policy's
//! page (issue #31): taken from what the preview's parse measured (it
//! keeps every plain-English note whatever its severity, see
//! [`crate::handbook::parse::Purpose::Preview`]) and handed out per page
//! as JSON, so that the pages themselves stay byte for byte a fresh
//! build's. The script finds each sentence by its text in the page.

use crate::handbook::Handbook;
use crate::site::render::Options as RenderOptions;
use serde::Serialize;
use std::collections::HashMap;

/// What one page's highlights are.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct PageSentences {
    /// The policy's file, for the highlight's title.
    pub file: String,
    /// The handbook's `plain_english.max_sentence_words`.
    pub max_words: u32,
    pub sentences: Vec<Sentence>,
}

/// A long sentence as the browser finds and labels it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Sentence {
    pub line: u32,
    pub words: u32,
    /// The sentence as read (inline code left out).
    pub text: String,
    /// What `check` says of it.
    pub message: String,
}

/// Each published policy page's long sentences, by the page's path in
/// the site; pages without any, and policies the preview does not publish
/// (drafts under `--no-drafts`), are left out.
pub fn of(hb: &Handbook, options: &RenderOptions) -> HashMap<String, PageSentences> {
    let settings = &hb.config.plain_english;
    hb.policies
        .iter()
        .filter(|p| !p.reading.long.is_empty() && options.publishes(p))
        .map(|p| {
            let sentences = p
                .reading
                .long
                .iter()
                .map(|long| Sentence {
                    line: long.line,
                    words: long.words,
                    text: long.text.clone(),
                    message: long.message(settings.max_sentence_words),
                })
                .collect();
            let page = PageSentences {
                file: p.file.clone(),
                max_words: settings.max_sentence_words,
                sentences,
            };
            (crate::site::render::urls::policy(&p.id), page)
        })
        .collect()
}
