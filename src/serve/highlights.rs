//! The long sentences `serve`'s browser script highlights in a policy's
//! page (issue #31): taken from what the preview's parse measured (it
//! keeps every plain-English note whatever its severity, see
//! [`crate::handbook::parse::Purpose::Preview`]) and handed out per page
//! as JSON, so that the pages themselves stay byte for byte a fresh
//! build's. The script finds each sentence by its text in the page.

use crate::handbook::Handbook;
use crate::handbook::parse::Policy;
use crate::site::render::Options as RenderOptions;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Each published policy page's long sentences, by the page's path in the
/// site. Shared, so that a rebuild after one file's edit makes only that
/// page's again.
pub type Sentences = HashMap<String, Arc<PageSentences>>;

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

/// Every page's long sentences; pages without any, and policies the
/// preview does not publish (drafts under `--no-drafts`), are left out.
pub fn of(hb: &Handbook, options: &RenderOptions) -> Sentences {
    hb.policies
        .iter()
        .filter_map(|p| page_of(hb, options, p))
        .collect()
}

/// `before` with the pages of the policy files `changed` made again (and
/// those of files gone or unreadable left out): all a rebuild after an
/// edit to policies changes, as their sentences are their own. Unless
/// the edit moved another policy's page (two files with one id: the
/// second's page is `id-2`, and becomes `id` when the first's id
/// changes): then every page's are made again.
pub fn update(
    before: &Sentences,
    hb: &Handbook,
    options: &RenderOptions,
    changed: &[String],
) -> Sentences {
    let mut out = before.clone();
    out.retain(|_, page| !changed.contains(&page.file));
    let moved = out.iter().any(|(url, page)| {
        hb.policy_by_file(&page.file)
            .is_none_or(|i| crate::site::render::urls::policy(&hb.policies[i].id) != *url)
    });
    if moved {
        return of(hb, options);
    }
    for file in changed {
        if let Some((page, sentences)) = hb
            .policy_by_file(file)
            .and_then(|i| page_of(hb, options, &hb.policies[i]))
        {
            out.insert(page, sentences);
        }
    }
    out
}

/// The page of `p` and its long sentences, if it is published and has any.
fn page_of(
    hb: &Handbook,
    options: &RenderOptions,
    p: &Policy,
) -> Option<(String, Arc<PageSentences>)> {
    let long = &p.reading.as_ref()?.long;
    if long.is_empty() || !options.publishes(p) {
        return None;
    }
    let max_words = hb.config.plain_english.max_sentence_words;
    let sentences = long
        .iter()
        .map(|long| Sentence {
            line: long.line,
            words: long.words,
            text: long.text.clone(),
            message: long.message(max_words),
        })
        .collect();
    let page = PageSentences {
        file: p.file.clone(),
        max_words,
        sentences,
    };
    Some((crate::site::render::urls::policy(&p.id), Arc::new(page)))
}
