//! The review schedule, for the people who must act on it: a row per
//! published policy with its owner, review date and status, as CSV (for a
//! spreadsheet), JSON (for scripts), Markdown grouped by owner (the body
//! of a reminder email or a CI job summary) or iCalendar (for Outlook or
//! any calendar). The site publishes the CSV and the calendars beside the
//! review dashboard and each owner's page; `policybook report` prints any
//! of them. It reads a checked handbook and decides nothing.

use crate::handbook::Handbook;
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::parse::Policy;
use crate::handbook::review::{self, Status};
use jiff::civil::Date;
use std::fmt::Write;

/// One policy's review.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub owner_email: Option<String>,
    pub category: String,
    pub last_reviewed: Option<Date>,
    pub review_by: Option<Date>,
    pub status: Status,
    /// Negative when overdue; none without a review date.
    pub days_until_due: Option<i64>,
    /// The policy's page, under the site's `base_url`.
    pub url: String,
    /// How hard its prose is to read (none when `plain_english: false`):
    /// its words, its reading age and its sentences longer than
    /// `plain_english.max_sentence_words`.
    pub words: Option<u32>,
    pub reading_age: Option<u32>,
    pub long_sentences: Option<u32>,
}

/// The CSV header: [`Row`]'s fields, written by hand only for a schedule
/// with no rows (a test checks the two agree).
pub const COLUMNS: [&str; 13] = [
    "id",
    "title",
    "owner",
    "owner_email",
    "category",
    "last_reviewed",
    "review_by",
    "status",
    "days_until_due",
    "url",
    "words",
    "reading_age",
    "long_sentences",
];

/// Which rows to keep.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// One owner's (the owner as registered, in any case).
    pub owner: Option<String>,
    /// Reviews due within this many days of the day judged (overdue ones
    /// included; those without a date left out).
    pub within: Option<i64>,
}

/// The schedule's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Markdown,
    /// An iCalendar file: an all-day event per dated review.
    Ics,
}

/// What the calendar needs besides the rows.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The calendar's name, as a calendar app lists it.
    pub name: String,
    /// What makes its events' UIDs the handbook's: the handbook's title
    /// as a slug, so that two handbooks with a `safeguarding` policy each
    /// do not replace each other's events in one calendar.
    pub scope: String,
    /// The day judged: every event's DTSTAMP, so that the file is the
    /// same for the same handbook and day.
    pub as_of: Date,
    /// How many days before each review its reminder goes off.
    pub reminder_days: i64,
}

/// The rows of the handbook's published policies (neither drafts nor
/// retired ones) that `filter` keeps, soonest review first and those
/// without a date last; each policy's address under `base_url`.
pub fn rows(hb: &Handbook, filter: &Filter, base_url: &str) -> Vec<Row> {
    // The owner, the registered person, or their email, in any case and
    // spacing.
    let same = |a: &str, b: &str| {
        a.split_whitespace()
            .map(str::to_lowercase)
            .eq(b.split_whitespace().map(str::to_lowercase))
    };
    let owner_is = |p: &&Policy| {
        filter.owner.as_ref().is_none_or(|o| {
            [
                Some(p.owner.as_str()),
                p.owner_name.as_deref(),
                p.owner_email.as_deref(),
            ]
            .into_iter()
            .flatten()
            .any(|name| same(name, o))
        })
    };
    let mut rows = rows_of(hb, hb.policies.iter().filter(owner_is), base_url);
    rows.retain(|r| {
        filter
            .within
            .is_none_or(|w| r.days_until_due.is_some_and(|d| d <= w))
    });
    rows
}

/// The rows of `policies` that are published (neither drafts nor retired
/// ones), soonest review first and those without a date last.
pub fn rows_of<'a>(
    hb: &Handbook,
    policies: impl Iterator<Item = &'a Policy>,
    base_url: &str,
) -> Vec<Row> {
    let today = hb.today;
    let mut rows: Vec<Row> = policies
        .filter(|p| p.status == Lifecycle::Active)
        .map(|p| Row {
            id: p.id.clone(),
            title: p.title.clone(),
            owner: p.owner.clone(),
            owner_email: p.owner_email.clone(),
            category: p.category.clone(),
            last_reviewed: p.last_reviewed,
            review_by: p.review_by,
            status: hb.status(p),
            days_until_due: p.review_by.map(|d| review::days_between(today, d)),
            url: hb
                .config
                .address(base_url, &crate::site::render::urls::policy(&p.id)),
            words: p.reading.as_ref().map(|r| r.counts.words),
            reading_age: p.reading.as_ref().and_then(|r| r.counts.reading_age()),
            long_sentences: p.reading.as_ref().map(|r| r.long_sentences),
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.review_by.is_none(), a.review_by, &a.title).cmp(&(
            b.review_by.is_none(),
            b.review_by,
            &b.title,
        ))
    });
    rows
}

impl Calendar {
    /// The calendar of `hb`'s reviews, or of one owner's.
    pub fn of(hb: &Handbook, owner: Option<&str>) -> Calendar {
        let title = &hb.config.title;
        let scope = crate::handbook::slug::id(title);
        Calendar {
            name: match owner {
                Some(o) => format!("{title}: reviews for {}", o.trim()),
                None => format!("{title}: reviews"),
            },
            scope: if scope.is_empty() {
                "handbook".to_string()
            } else {
                scope
            },
            as_of: hb.today,
            reminder_days: hb.config.reminder_days,
        }
    }
}

/// The rows in `format`.
pub fn render(rows: &[Row], format: Format, calendar: &Calendar) -> String {
    let as_of = calendar.as_of;
    match format {
        Format::Ics => ics(rows, calendar),
        Format::Csv => csv(rows),
        Format::Json => {
            let value = serde_json::json!({ "schema_version": 1, "as_of": as_of, "reviews": rows });
            format!("{value:#}\n")
        }
        Format::Markdown => markdown(rows, as_of),
    }
}

/// CSV with a header row, UTF-8 with a byte-order mark: Excel reads a
/// file without one as the computer's old code page, and garbles
/// "Café" (LibreOffice reads both).
pub fn csv(rows: &[Row]) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    for row in rows {
        let row = Row {
            title: not_a_formula(&row.title),
            owner: not_a_formula(&row.owner),
            owner_email: row.owner_email.as_deref().map(not_a_formula),
            category: not_a_formula(&row.category),
            ..row.clone()
        };
        // Writing to memory cannot fail but for a row that cannot be
        // serialized, which these cannot be.
        let _ = writer.serialize(&row);
    }
    if rows.is_empty() {
        let _ = writer.write_record(COLUMNS);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// Text that a spreadsheet would run as a formula (it starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return: `=HYPERLINK(…)` in a title)
/// with a `'` before it, which Excel and LibreOffice show as text and
/// hide; anything else as it is.
fn not_a_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The rows as an iCalendar (RFC 5545) file to open in Outlook or any
/// calendar: `METHOD:PUBLISH`, an all-day event per dated review with a
/// UID that stays the policy's (so that opening a newer file moves the
/// event instead of adding one), a reminder `reminder_days` before, and
/// no attendee (Outlook makes an event with attendees a meeting request).
/// Written by hand: the format is a few lines of text, and the test reads
/// it back with the `icalendar` crate's parser.
pub fn ics(rows: &[Row], calendar: &Calendar) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//policybook//Review schedule//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", ics_text(&calendar.name)));
    let stamp = format!("{}T000000Z", ics_date(calendar.as_of));
    for r in rows {
        let Some(due) = r.review_by else {
            continue;
        };
        let next = due.tomorrow().unwrap_or(due);
        let title = format!("Review: {}", r.title);
        let description = format!(
            "Owner: {}\nStatus: {}\n{}",
            r.owner,
            r.status.label(),
            r.url
        );
        line("BEGIN:VEVENT".into());
        line(format!("UID:review-{}.{}@policybook", r.id, calendar.scope));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", ics_date(due)));
        line(format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        line(format!("SUMMARY:{}", ics_text(&title)));
        line(format!("DESCRIPTION:{}", ics_text(&description)));
        line("TRANSP:TRANSPARENT".into());
        line("BEGIN:VALARM".into());
        line("ACTION:DISPLAY".into());
        line(format!("TRIGGER:-P{}D", calendar.reminder_days.max(0)));
        line(format!("DESCRIPTION:{}", ics_text(&title)));
        line("END:VALARM".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Text escaped for an iCalendar value: `\`, `;`, `,` and line breaks;
/// other control characters are left out.
fn ics_text(text: &str) -> String {
    if !text.contains(|c: char| matches!(c, '\\' | ';' | ',') || c.is_control()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `text` as content lines of at most 75 octets, each after the
/// first starting with a space, ended by CRLF (RFC 5545 §3.1).
fn fold(out: &mut String, text: &str) {
    let mut rest = text;
    // The first line holds 75 octets; each after it a space and 74.
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Text for a Markdown table cell, read by GitHub or GitLab or as the
/// plain text of an email: on one line, with what would make a link, an
/// image, HTML, emphasis, maths, code or a new cell escaped; and a word
/// that GitHub would turn into a link, a mention or an issue reference
/// (`https://…`, `www.…`, `name@host`, `@team`, `#12`) shown as code, so
/// that what a handbook says is shown as written and notifies no one.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let linky = word.contains("://")
            || word.to_ascii_lowercase().starts_with("www.")
            || word.contains('@')
            || word.strip_prefix('#').is_some_and(|n| {
                let rest = n.trim_start_matches(|c: char| c.is_ascii_digit());
                rest.len() < n.len() && !rest.contains(char::is_alphanumeric)
            });
        if linky {
            out.push_str(&code(word));
            continue;
        }
        let chars: Vec<char> = word.chars().collect();
        for (j, &c) in chars.iter().enumerate() {
            // `_` makes emphasis only beside something that is not a
            // letter or digit: `due_soon` stays as it is.
            let flanking = |k: Option<&char>| k.is_none_or(|c| !c.is_alphanumeric());
            let escape = match c {
                '\\' | '|' | '[' | ']' | '<' | '>' | '*' | '`' | '~' | '!' | '$' | '&' => true,
                '_' => {
                    flanking(j.checked_sub(1).and_then(|k| chars.get(k)))
                        || flanking(chars.get(j + 1))
                }
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Text as a code span (a file name, an id): fenced with more backticks
/// than it holds, on one line.
pub fn code(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // `|` ends a table cell even in a code span (GitHub): escaped.
    let text = text.replace('|', "\\|");
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// When a review was or is due, in words: "2026-09-30 (54 days ago)",
/// "2026-12-03 (in 10 days)".
pub fn due_words(due: Date, as_of: Date) -> String {
    let days = review::days_between(as_of, due);
    if days < 0 {
        format!("{due} ({} ago)", review::describe_days(days))
    } else {
        format!("{due} ({})", review::due_in(days))
    }
}

/// The schedule grouped by owner, overdue first, for a reminder email or
/// a CI job summary.
pub fn markdown(rows: &[Row], as_of: Date) -> String {
    let mut out = format!("# Policy reviews as of {as_of}\n\n");
    if !rows.is_empty() {
        out.push_str("Each owner's policies, overdue reviews first, then the soonest. Open a policy to review it; when it is reviewed, change its review date.\n\n");
    }
    if rows.is_empty() {
        out.push_str("No reviews to list.\n");
        return out;
    }
    let mut owners: Vec<&str> = rows.iter().map(|r| r.owner.as_str()).collect();
    owners.sort_unstable();
    owners.dedup();
    for owner in owners {
        let mut mine: Vec<&Row> = rows.iter().filter(|r| r.owner == owner).collect();
        mine.sort_by_key(|r| (r.status, r.review_by.is_none(), r.review_by));
        let overdue = mine.iter().filter(|r| r.status == Status::Overdue).count();
        let _ = write!(out, "## {}\n\n", cell(owner));
        match overdue {
            0 => {}
            1 => out.push_str("1 review is overdue.\n\n"),
            n => {
                let _ = write!(out, "{n} reviews are overdue.\n\n");
            }
        }
        out.push_str("| Policy | Review by | Status |\n| --- | --- | --- |\n");
        for r in mine {
            let when = match r.review_by {
                Some(d) => due_words(d, as_of),
                None => "no date".to_string(),
            };
            let _ = writeln!(
                out,
                "| [{}]({}) | {when} | {} |",
                cell(&r.title),
                r.url,
                r.status.label()
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_are_at_most_75_octets_and_unfold_to_the_text() {
        for n in 0..200 {
            for unit in ["a", "é", "安", "😀"] {
                let text = format!("SUMMARY:{}", unit.repeat(n));
                let mut out = String::new();
                fold(&mut out, &text);
                assert!(out.ends_with("\r\n"));
                for line in out.trim_end_matches("\r\n").split("\r\n") {
                    assert!(line.len() <= 75, "{} octets: {line}", line.len());
                }
                assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), text);
            }
        }
    }

    #[test]
    fn the_header_of_an_empty_schedule_is_the_rows_header() {
        let row = Row {
            id: "a".into(),
            title: "A".into(),
            owner: "O".into(),
            owner_email: None,
            category: "C".into(),
            last_reviewed: None,
            review_by: None,
            status: Status::NoDate,
            days_until_due: None,
            url: "/a".into(),
            words: Some(120),
            reading_age: Some(11),
            long_sentences: Some(0),
        };
        let first_line = |text: String| {
            text.trim_start_matches('\u{feff}')
                .lines()
                .next()
                .map(str::to_string)
        };
        assert_eq!(first_line(csv(&[row])), first_line(csv(&[])));
        assert_eq!(first_line(csv(&[])).unwrap(), COLUMNS.join(","));
    }
}
