//! The values templates see: what a page knows about a policy, a listing
//! row, a review status in words. Plain data, filled in by the renderer.

use crate::handbook::lifecycle::Lifecycle;
use serde::Serialize;

/// The site-wide values every template gets as `site`.
#[derive(Serialize)]
pub(super) struct Site<'a> {
    pub(super) title: &'a str,
    pub(super) organisation: Option<&'a str>,
    /// The logo's address from the site root (`logo:`), if there is one.
    pub(super) logo: Option<String>,
    pub(super) base_url: String,
    pub(super) today: String,
    pub(super) today_iso: String,
    /// At most [`super::SIDEBAR_CATEGORIES`] of them.
    pub(super) categories: Vec<CategoryLink>,
    /// How many categories there are in all.
    pub(super) category_count: usize,
    /// The words of the statuses `static/status.js` may show, as JSON:
    /// `{"overdue": "Overdue", …}`.
    pub(super) status_labels: String,
}

/// A category as every page's sidebar lists it (`site.categories`).
#[derive(Serialize, Clone)]
pub(super) struct CategoryLink {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) count: usize,
}

/// A category or an owner as a summary lists it (the home page, the
/// owners page), with its reviews overdue and due soon.
#[derive(Serialize)]
pub(super) struct GroupSummary {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) count: usize,
    pub(super) overdue: usize,
    pub(super) due_soon: usize,
}

#[derive(Serialize, Clone)]
pub(super) struct StatusView {
    pub(super) key: &'static str,
    pub(super) label: &'static str,
    /// The status in a sentence: "review was due 2 months ago (30 September 2026)".
    pub(super) detail: String,
    /// For a page read after it was built: when the status changes, and
    /// the sentence for each status (none for a policy without a review
    /// date, a draft or a retired one).
    pub(super) live: Option<Live>,
}

/// What `static/status.js` needs to show a badge's status on the day a
/// page is read: the days (ISO) on which it becomes due soon and
/// overdue, worked out here so that the browser does no date arithmetic
/// and has no rules of its own.
#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub(super) struct Live {
    pub(super) due_soon_from: String,
    pub(super) overdue_from: String,
}

/// The policy page's sentence for each status it may show on the day it
/// is read.
#[derive(Serialize, Clone)]
pub(super) struct Sentences {
    pub(super) current: String,
    pub(super) due_soon: String,
    pub(super) overdue: String,
}

/// A policy as listings show it.
#[derive(Serialize, Clone)]
pub(super) struct Row {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) category: String,
    pub(super) category_url: String,
    pub(super) owner: String,
    pub(super) owner_url: String,
    pub(super) review_by: Option<String>,
    pub(super) review_by_human: Option<String>,
    pub(super) status: StatusView,
    pub(super) lifecycle: Lifecycle,
    pub(super) summary: String,
}

#[derive(Serialize)]
pub(super) struct Link {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) status: StatusView,
    pub(super) lifecycle: Lifecycle,
}

/// A policy as a plain link: its title and page.
#[derive(Serialize)]
pub(super) struct PageLink {
    pub(super) title: String,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct Toc {
    pub(super) level: u8,
    pub(super) text: String,
    pub(super) anchor: String,
}

#[derive(Serialize)]
pub(super) struct Problem {
    pub(super) severity: &'static str,
    pub(super) line: u32,
    pub(super) message: String,
}

/// A policy page's `policy`.
#[derive(Serialize)]
pub(super) struct PolicyView<'a> {
    #[serde(flatten)]
    pub(super) row: Row,
    pub(super) file: &'a str,
    /// The owner's person, from the owners registry.
    pub(super) owner_name: Option<&'a str>,
    pub(super) owner_email: Option<&'a str>,
    pub(super) approved_by: Option<&'a str>,
    pub(super) approved: Option<String>,
    pub(super) last_reviewed: Option<String>,
    /// The review cycle as written ("termly"), and after "every" ("4
    /// months").
    pub(super) review_every: Option<&'a str>,
    pub(super) review_cycle: Option<String>,
    pub(super) version: Option<&'a str>,
    pub(super) tags: &'a [String],
    /// `extra_keys` values: the key title-cased, and the value as text
    /// ("a, b"; "name: Ann") and as HTML (escaped, nested lists for lists
    /// and maps).
    pub(super) extra: Vec<(String, String)>,
    pub(super) extra_html: Vec<(String, String)>,
    /// What the policy's file does not write and where it is set instead
    /// ("owner is set in people/_folder.yaml"), for its editors.
    pub(super) defaults_note: Option<String>,
    pub(super) edit_url: Option<String>,
    /// "Report a problem with this policy": a `mailto:` link.
    pub(super) feedback_url: Option<String>,
    /// The revision history, newest first.
    pub(super) history: Vec<RevisionView<'a>>,
    /// The policy that replaces this one, and when (its approval or
    /// newest revision); the policies this one replaces.
    pub(super) replaced_by: Option<(Link, Option<String>)>,
    pub(super) replaces: Vec<Link>,
    /// Its status in a sentence for each day it may be read (with
    /// `row.status.live`).
    pub(super) sentences: Option<Sentences>,
    /// Its status on the day of the build, in a sentence.
    pub(super) sentence: String,
    /// How long it takes to read, and how hard it is; none under
    /// `plain_english: false` or for a policy with no prose.
    pub(super) reading: Option<ReadingView>,
}

/// A row of the review dashboard's "Hardest to read".
#[derive(Serialize)]
pub(super) struct HardToRead {
    #[serde(flatten)]
    pub(super) row: Row,
    /// Flesch reading ease, rounded.
    pub(super) ease: i64,
    pub(super) age: Option<u32>,
    pub(super) long_sentences: u32,
}

/// A policy page's "Reading" line.
#[derive(Serialize)]
pub(super) struct ReadingView {
    pub(super) minutes: u32,
    pub(super) age: Option<u32>,
}

/// One row of a policy's revision history.
#[derive(Serialize)]
pub(super) struct RevisionView<'a> {
    /// YYYY-MM-DD, for `<time datetime>`.
    pub(super) date: String,
    pub(super) date_human: String,
    pub(super) version: Option<&'a str>,
    pub(super) summary: Option<&'a str>,
    pub(super) approved_by: Option<&'a str>,
}

#[derive(Serialize, Clone)]
pub(super) struct Counts {
    pub(super) policies: usize,
    pub(super) overdue: usize,
    pub(super) due_soon: usize,
    pub(super) no_date: usize,
    pub(super) current: usize,
    pub(super) retired: usize,
    pub(super) drafts: usize,
    pub(super) broken_references: usize,
}

#[derive(Serialize)]
pub(super) struct Month {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) url: String,
    pub(super) count: usize,
}

#[derive(Serialize)]
pub(super) struct Letter {
    pub(super) letter: String,
    pub(super) url: String,
    pub(super) count: usize,
}

/// Where a listing page sits among the pages of its list.
#[derive(Serialize)]
pub(super) struct Pager {
    /// This page's number, from 1, and how many pages there are.
    pub(super) number: usize,
    pub(super) count: usize,
    /// Policies on the whole list, and the positions (from 1) of the
    /// first and last on this page.
    pub(super) total: usize,
    pub(super) from: usize,
    pub(super) to: usize,
    /// Paths from the site root.
    pub(super) prev: Option<String>,
    pub(super) next: Option<String>,
    /// Page numbers to show: all of them for a few pages; otherwise the
    /// first, the last and two either side of this one, with a gap
    /// (`url: None`) where numbers are left out.
    pub(super) links: Vec<PagerLink>,
}

#[derive(Serialize)]
pub(super) struct PagerLink {
    pub(super) number: usize,
    pub(super) url: Option<String>,
    pub(super) current: bool,
}
