//! The second step of an import: the facts a Word-era policy states in
//! its prose, found line by line: its title (and the organisation in it),
//! when it was agreed and by whom, its owner, its review cycle and date,
//! and the policies it names as associated. Each fact keeps the line it
//! came from, for the report; a line that only states facts is marked
//! taken, so that the body leaves it out.

use super::dates::{self, Found, Written};
use super::read::{Hint, Line};

/// A value and where the document gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact<T> {
    pub value: T,
    pub line: u32,
    /// The line's words, for the report.
    pub source: String,
}

/// What a document says of itself.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub title: Option<Fact<String>>,
    pub organisation: Option<Fact<String>>,
    pub owner: Option<Fact<String>>,
    pub approved_by: Option<Fact<String>>,
    pub approved: Option<Fact<Written>>,
    pub last_reviewed: Option<Fact<Written>>,
    pub review_every: Option<Fact<String>>,
    pub review_by: Option<Fact<Written>>,
    /// The associated policies' names, as written.
    pub related: Vec<Fact<String>>,
    /// Words that looked like a date but are not one: the field, the line
    /// and why.
    pub not_dates: Vec<(&'static str, u32, String)>,
    /// Which lines (by index) are taken into the front-matter.
    pub taken: Vec<bool>,
}

/// Words that end an organisation's name in a title ("... Policy for
/// Riverside Children's Centre").
const ORGANISATIONS: &[&str] = &[
    "centre",
    "center",
    "school",
    "academy",
    "nursery",
    "preschool",
    "pre-school",
    "trust",
    "council",
    "home",
    "hospital",
    "ward",
    "practice",
    "college",
    "club",
    "service",
    "services",
    "team",
    "charity",
    "foundation",
    "group",
    "playgroup",
    "federation",
    "partnership",
];

/// Who is not an owner though "responsible for" the policy.
const EVERYONE: &[&str] = &[
    "all",
    "every",
    "each",
    "staff",
    "everyone",
    "parents",
    "volunteers",
    "employees",
    "it",
    "this",
    "we",
    "you",
];

/// Finds the facts in `lines`.
pub fn find(lines: &[Line]) -> Facts {
    let mut facts = Facts {
        taken: vec![false; lines.len()],
        ..Facts::default()
    };
    title(lines, &mut facts);
    let mut i = 0;
    while i < lines.len() {
        if facts.taken[i]
            || matches!(lines[i].hint, Hint::Blank | Hint::Table | Hint::Verbatim if lines[i].plain.is_empty())
        {
            i += 1;
            continue;
        }
        if let Some(next) = related_list(lines, i, &mut facts) {
            i = next;
            continue;
        }
        line_facts(&lines[i], i, &mut facts);
        i += 1;
    }
    facts
}

fn fact<T>(value: T, line: &Line) -> Option<Fact<T>> {
    Some(Fact {
        value,
        line: line.line,
        source: line.plain.clone(),
    })
}

/// The first line with words is the title; the same line again after it
/// is left out too.
fn title(lines: &[Line], facts: &mut Facts) {
    // A line of only dots or dashes is not a title.
    let mut words = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.plain.chars().any(char::is_alphanumeric));
    let Some((i, first)) = words.next() else {
        return;
    };
    facts.taken[i] = true;
    if let Some((j, second)) = words.next()
        && second.plain.trim().eq_ignore_ascii_case(first.plain.trim())
    {
        facts.taken[j] = true;
    }
    let text = first.plain.trim().trim_end_matches([':', '.']).trim();
    let (title, organisation) = split_organisation(text);
    facts.title = fact(title.to_string(), first);
    facts.organisation = organisation.and_then(|o| fact(o.to_string(), first));
}

/// "Internet Usage Policy for Riverside Children's Centre" → the policy's
/// title and the organisation's name.
pub fn split_organisation(text: &str) -> (&str, Option<&str>) {
    for joiner in [" for ", " at ", " - ", " – "] {
        if let Some(at) = text.rfind(joiner) {
            let (title, org) = (&text[..at], text[at + joiner.len()..].trim());
            let last = org.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
            let capitalised = org
                .split(' ')
                .filter(|w| w.len() > 3)
                .all(|w| w.starts_with(char::is_uppercase));
            if ORGANISATIONS.contains(&last.as_str()) && capitalised && !title.trim().is_empty() {
                return (title.trim(), Some(org));
            }
        }
    }
    (text, None)
}

/// The start of a heading for a list of associated policies.
fn related_heading(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let lower = lower.trim().trim_end_matches(':').trim();
    let words = lower.split_whitespace().count();
    words <= 6
        && [
            "associated",
            "related",
            "linked",
            "relevant",
            "see also",
            "other policies",
        ]
        .iter()
        .any(|w| lower.starts_with(w) || lower.starts_with(&format!("other {w}")))
        && (lower.contains("polic")
            || lower.contains("document")
            || lower.contains("procedure")
            || lower == "see also")
}

/// A heading such as "Associated Policies" (or a sentence ending in
/// "including:") and the list under it: the items, and before the first
/// item short lines without bullets. Returns the index after the list.
fn related_list(lines: &[Line], i: usize, facts: &mut Facts) -> Option<usize> {
    let head = &lines[i];
    let lead_in = linked_sentence(&head.plain).is_some_and(|tail| tail.is_empty());
    // "Associated Policies: Complaints, Confidentiality" on one line.
    if let Some((label, tail)) = head.plain.split_once(':')
        && !tail.trim().is_empty()
        && related_heading(label)
    {
        facts.taken[i] = true;
        facts.related.push(Fact {
            value: tail.trim().trim_end_matches('.').to_string(),
            line: head.line,
            source: head.plain.clone(),
        });
        return Some(i + 1);
    }
    if !related_heading(&head.plain) && !lead_in {
        return None;
    }
    facts.taken[i] = true;
    let mut k = i + 1;
    let mut seen_item = false;
    while k < lines.len() {
        let l = &lines[k];
        match l.hint {
            Hint::Blank => {}
            Hint::Item { .. } => {
                seen_item = true;
                names_in(l, facts);
                facts.taken[k] = true;
            }
            // A short line before the first bullet is a name too, but
            // not a label ("Owner: Office Manager").
            Hint::Plain | Hint::Verbatim
                if !seen_item
                    && !l.plain.trim_end().ends_with('.')
                    && !l.plain.contains(':')
                    && l.plain.split_whitespace().count() <= 8 =>
            {
                names_in(l, facts);
                facts.taken[k] = true;
            }
            _ => break,
        }
        k += 1;
    }
    Some(k)
}

/// The names in one line of a list, or after "including": kept whole
/// here, split into policies when they are matched to titles.
fn names_in(line: &Line, facts: &mut Facts) {
    let text = line.plain.trim().trim_end_matches(['.', ';', ':']).trim();
    if !text.is_empty() {
        facts.related.push(Fact {
            value: text.to_string(),
            line: line.line,
            source: line.plain.clone(),
        });
    }
}

/// "This policy is linked to other Centre policies including: A, B and
/// C" → "A, B and C" (empty when the list follows on the next lines).
fn linked_sentence(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    let trigger = [
        "linked to",
        "in conjunction with",
        "alongside",
        "together with",
        "should be read with",
        "relates to",
    ]
    .iter()
    .find_map(|t| lower.find(t).map(|at| at + t.len()))?;
    if !lower.contains("polic") {
        return None;
    }
    let rest = &lower[trigger..];
    let start = ["including:", "including", "such as", "as follows:", ":"]
        .iter()
        .find_map(|m| rest.find(m).map(|at| trigger + at + m.len()))
        .unwrap_or_else(|| {
            // "... read in conjunction with the Safeguarding Policy"
            if lower[..trigger].ends_with("with") || lower[..trigger].ends_with("alongside") {
                trigger
            } else {
                text.len()
            }
        });
    Some(text[start..].trim().trim_end_matches('.').trim())
}

/// Labels before an agreement date.
const AGREED: &[&str] = &[
    "policy agreed",
    "date agreed",
    "agreed on",
    "agreed",
    "policy adopted",
    "date adopted",
    "adopted on",
    "adopted",
    "policy approved",
    "date approved",
    "approved on",
    "approval date",
    "date of approval",
    "ratified on",
    "date ratified",
    "policy ratified",
    "ratified",
    "date implemented",
    "implemented",
    "approved",
    "date",
];

/// Labels before an owner.
const OWNER: &[&str] = &[
    "policy owner",
    "owner",
    "responsible person",
    "person responsible",
    "policy lead",
    "lead person",
    "responsible officer",
    "lead officer",
    "policy holder",
];

/// The text after `label` at the start of `lower`, if the label is
/// followed by `:`, `-` or a space.
fn after_label<'a>(text: &'a str, labels: &[&str]) -> Option<&'a str> {
    let lower = text.to_ascii_lowercase();
    labels.iter().find_map(|label| {
        let rest = lower.strip_prefix(label)?;
        let taken = text.len() - rest.len();
        let rest = &text[taken..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let value = trimmed
            .strip_prefix(':')
            .or_else(|| trimmed.strip_prefix('-'))
            .or_else(|| trimmed.strip_prefix('–'))
            .or((rest.len() > trimmed.len()).then_some(trimmed))?;
        Some(value.trim())
    })
}

/// "the Board of Governors" → "Board of Governors"; an owner's name ends
/// at a comma or full stop.
fn who(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches(['.', ',', ';', ':']);
    let text = text.split([',', ';', '(']).next().unwrap_or("").trim();
    let text = ["the ", "The ", "our ", "Our "]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text)
        .trim();
    let words = text.split_whitespace().count();
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    (words > 0
        && words <= 7
        && !EVERYONE.contains(&first.as_str())
        && text.starts_with(|c: char| c.is_uppercase()))
    .then(|| text.to_string())
}

/// The facts of one line, marking it taken when facts are all it states.
fn line_facts(line: &Line, i: usize, facts: &mut Facts) {
    let text = line.plain.trim();
    let lower = text.to_ascii_lowercase();
    let short = text.split_whitespace().count() <= 20;
    let one_sentence = !text.trim_end_matches('.').contains(". ");
    let mut took = false;

    // Associated policies in a sentence.
    if let Some(tail) = linked_sentence(text)
        && !tail.is_empty()
    {
        facts.related.push(Fact {
            value: tail.to_string(),
            line: line.line,
            source: text.to_string(),
        });
        took = one_sentence;
    }

    // "Approved by the Board of Governors on 3 March 2020"
    for verb in ["approved by", "agreed by", "ratified by", "adopted by"] {
        if let Some(at) = lower.find(verb) {
            let rest = &text[at + verb.len()..];
            let (name, date) = match rest.to_ascii_lowercase().find(" on ") {
                Some(on) => (&rest[..on], Some(&rest[on + 4..])),
                None => (rest, None),
            };
            let name = name.trim().trim_start_matches(':').trim();
            if facts.approved_by.is_none() {
                facts.approved_by = who(name).and_then(|n| fact(n, line));
            }
            if let Some(date) = date {
                date_fact(
                    date,
                    "approved",
                    line,
                    &mut facts.approved,
                    &mut facts.not_dates,
                );
            }
            took |= short && one_sentence;
            break;
        }
    }

    // "Adopted at a meeting of the Management Committee", "Signed on
    // behalf of the Board of Trustees"
    for marker in ["at a meeting of", "on behalf of"] {
        if let Some(at) = lower.find(marker)
            && ["adopted", "agreed", "approved", "ratified", "signed"]
                .iter()
                .any(|v| lower[..at].contains(v))
        {
            let rest = &text[at + marker.len()..];
            let rest = match rest.to_ascii_lowercase().find(" on ") {
                Some(on) => {
                    date_fact(
                        &rest[on + 4..],
                        "approved",
                        line,
                        &mut facts.approved,
                        &mut facts.not_dates,
                    );
                    &rest[..on]
                }
                None => rest,
            };
            if facts.approved_by.is_none() {
                facts.approved_by = who(rest).and_then(|n| fact(n, line));
            }
            took |= short && one_sentence && facts.approved_by.is_some();
        }
    }

    // Agreement dates after a label.
    if !lower.contains("review")
        && let Some(value) = after_label(text, AGREED)
        && !value.to_ascii_lowercase().starts_with("by")
    {
        date_fact(
            value,
            "approved",
            line,
            &mut facts.approved,
            &mut facts.not_dates,
        );
        took |= short;
    }

    // Reviews.
    if lower.contains("review") && short {
        let ahead = [
            "to be reviewed",
            "will be reviewed",
            "next review",
            "review due",
            "due for review",
            "review by",
            "review date",
            "date of review",
        ]
        .iter()
        .any(|l| lower.contains(l));
        // "Reviewed: September 2023" is a review that happened.
        let last = [
            "last reviewed",
            "date reviewed",
            "reviewed on",
            "date of last review",
            "last review",
            "reviewed:",
            "reviewed in",
            "policy reviewed",
        ]
        .iter()
        .any(|l| lower.contains(l))
            && !ahead;
        if let Some(cycle) = dates::cycle(text)
            && facts.review_every.is_none()
        {
            facts.review_every = fact(cycle, line);
            took = true;
        }
        let slot = if last {
            &mut facts.last_reviewed
        } else {
            &mut facts.review_by
        };
        let field = if last { "last_reviewed" } else { "review_by" };
        if date_fact(text, field, line, slot, &mut facts.not_dates) {
            took = true;
        }
    }

    // Owners.
    if let Some(value) = after_label(text, OWNER)
        && facts.owner.is_none()
    {
        facts.owner = who(value).and_then(|n| fact(n, line));
        took |= facts.owner.is_some();
    }
    if let Some(at) = lower.find("responsibility for") {
        // "... has delegated day-to-day responsibility for its operation to
        // the Head of Centre"
        if let Some(delegated) = lower.find("delegated")
            && let Some(to) = lower[delegated..].rfind(" to ")
            && let Some(n) = who(&text[delegated + to + 4..])
        {
            facts.owner = fact(n, line);
            took |= one_sentence;
        }
        // "The Board of Governors has responsibility for approving"
        if lower[at..].starts_with("responsibility for approving") {
            let subject = &text[..at];
            let subject = [
                "has overall ",
                "have overall ",
                "has ",
                "have ",
                "holds ",
                "hold ",
            ]
            .iter()
            .find_map(|v| subject.strip_suffix(v))
            .unwrap_or(subject);
            if facts.approved_by.is_none() {
                facts.approved_by = who(subject).and_then(|n| fact(n, line));
            }
            took |= one_sentence && short;
        }
    }
    // "The Deputy Manager is responsible for overseeing the implementation
    // of this policy"
    for verb in [" is responsible for ", " are responsible for "] {
        if let Some(at) = lower.find(verb) {
            let what = &lower[at + verb.len()..];
            let subject = &text[..at];
            if what.starts_with("approving") {
                if facts.approved_by.is_none() {
                    facts.approved_by = who(subject).and_then(|n| fact(n, line));
                }
            } else if what.contains("polic")
                && facts.owner.is_none()
                && let Some(n) = who(subject)
            {
                facts.owner = fact(n, line);
                took |= one_sentence;
            }
        }
    }
    if took {
        facts.taken[i] = true;
    }
}

/// Puts the date in `text` into `slot` (unless it holds one); words that
/// are not a date are noted instead. Whether a date was found.
fn date_fact(
    text: &str,
    field: &'static str,
    line: &Line,
    slot: &mut Option<Fact<Written>>,
    not_dates: &mut Vec<(&'static str, u32, String)>,
) -> bool {
    match dates::find(text) {
        Some(Found::Date(d)) => {
            if slot.is_none() {
                *slot = fact(d, line);
            }
            true
        }
        // Kept in the body: the words are not a date, and the editor
        // should see them where they were.
        Some(Found::NotADate(why)) => {
            not_dates.push((field, line.line, why));
            false
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_are_split_from_titles() {
        assert_eq!(
            split_organisation("Internet Usage Policy for Riverside Children's Centre"),
            ("Internet Usage Policy", Some("Riverside Children's Centre"))
        );
        assert_eq!(
            split_organisation("Policy for Lone Working"),
            ("Policy for Lone Working", None)
        );
        assert_eq!(split_organisation("Safeguarding"), ("Safeguarding", None));
    }

    #[test]
    fn linked_sentences_give_their_list() {
        assert_eq!(
            linked_sentence(
                "This policy is linked to other Centre policies including: Partnership with Parents, Complaints and Confidentiality."
            ),
            Some("Partnership with Parents, Complaints and Confidentiality")
        );
        assert_eq!(
            linked_sentence("This policy is linked to other policies including:"),
            Some("")
        );
        assert_eq!(
            linked_sentence("It should be read in conjunction with the Safeguarding Policy."),
            Some("the Safeguarding Policy")
        );
        assert_eq!(
            linked_sentence("Children are linked to their key person."),
            None
        );
    }

    #[test]
    fn who_is_a_role_or_a_name() {
        assert_eq!(
            who("the Head of Centre.").as_deref(),
            Some("Head of Centre")
        );
        assert_eq!(who("Jane Smith, who").as_deref(), Some("Jane Smith"));
        assert_eq!(who("All staff"), None);
        assert_eq!(
            who("it is important that everyone who works here knows"),
            None
        );
    }
}
