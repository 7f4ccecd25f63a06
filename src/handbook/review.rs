//! Review dates: the `review_every` cycle, the date a review is due, and a
//! policy's review status as of a given day.

use jiff::Span;
use jiff::civil::Date;
use serde::Serialize;

/// A review cycle such as "1 year" or "18 months".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cycle {
    pub months: i32,
    pub days: i32,
}

impl Cycle {
    /// Reads a cycle: "6 months", "1 year", "2 years", "18 months",
    /// "12 weeks", "90 days", "every two years", and the words of
    /// [`CYCLE_WORDS`] ("yearly", "termly", "semi-annually", …).
    pub fn parse(text: &str) -> Option<Cycle> {
        let phrase = phrase(text);
        let phrase = phrase.strip_prefix("every ").unwrap_or(&phrase).trim();
        if let Some(&(_, months, _)) = CYCLE_WORDS.iter().find(|(w, _, _)| *w == phrase) {
            return Some(Cycle { months, days: 0 });
        }
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let (n, unit) = match words.as_slice() {
            ["year" | "month" | "week" | "day"] => (1, words[0]),
            [n, unit] => (number(n)?, *unit),
            _ => {
                // "18months", "1yr"
                let split = phrase.find(|c: char| !c.is_ascii_digit())?;
                let (n, unit) = phrase.split_at(split);
                (n.parse::<i32>().ok()?, unit.trim())
            }
        };
        if !(1..=100).contains(&n) {
            return None;
        }
        let cycle = match unit.trim_end_matches('s') {
            "year" | "yr" | "y" => Cycle {
                months: n * 12,
                days: 0,
            },
            "month" | "mo" | "m" => Cycle { months: n, days: 0 },
            "week" | "wk" | "w" => Cycle {
                months: 0,
                days: n * 7,
            },
            "day" | "d" => Cycle { months: 0, days: n },
            _ => return None,
        };
        Some(cycle)
    }

    /// What to tell the editor about a cycle written in a word that does
    /// not say it exactly ("termly", "biannually"), if anything.
    pub fn caution(text: &str) -> Option<Caution> {
        let phrase = phrase(text);
        let phrase = phrase.strip_prefix("every ").unwrap_or(&phrase).trim();
        CYCLE_WORDS
            .iter()
            .find(|(w, _, _)| *w == phrase)
            .and_then(|(_, _, caution)| *caution)
    }

    /// The cycle in words, after "every": "year", "2 years", "4 months",
    /// "12 weeks", "90 days".
    pub fn describe(self) -> String {
        let plural = |n: i32, unit: &str| {
            if n == 1 {
                unit.to_string()
            } else {
                format!("{n} {unit}s")
            }
        };
        match (self.months, self.days) {
            (m, 0) if m % 12 == 0 => plural(m / 12, "year"),
            (m, 0) => plural(m, "month"),
            (0, d) if d % 7 == 0 => plural(d / 7, "week"),
            (0, d) => plural(d, "day"),
            (m, d) => format!("{} and {}", plural(m, "month"), plural(d, "day")),
        }
    }

    /// The date one cycle after `from`. Month arithmetic clamps to the end
    /// of the month: 31 January + 1 month is 28 (or 29) February.
    pub fn after(self, from: Date) -> Option<Date> {
        from.checked_add(Span::new().months(self.months).days(self.days))
            .ok()
    }
}

/// A note on a cycle word: a warning when it could mean two things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caution {
    /// Read one way, as the message says (info).
    ReadAs(&'static str),
    /// Could mean something else (a warning).
    Ambiguous(&'static str),
}

/// What is said of "biannually": it can mean twice a year or every two
/// years.
const AMBIGUOUS: Option<Caution> = Some(Caution::Ambiguous(
    "can mean twice a year or every two years, so it is read as every 6 months (the sooner): write \"6 months\" or \"2 years\" to say which",
));

/// The words real policies write for a review cycle, in months, with what
/// to tell the editor about the ones that do not say it exactly. The one
/// list, for front-matter and for `import`'s reading of old documents.
pub const CYCLE_WORDS: &[(&str, i32, Option<Caution>)] = &[
    ("monthly", 1, None),
    ("month", 1, None),
    ("quarterly", 3, None),
    ("quarter", 3, None),
    (
        "termly",
        4,
        Some(Caution::ReadAs(
            "is read as every 4 months (three terms a year): write \"4 months\" to say so, or \"1 year\" for a yearly review",
        )),
    ),
    ("semi annually", 6, None),
    ("semiannually", 6, None),
    ("semi annual", 6, None),
    ("half yearly", 6, None),
    ("six monthly", 6, None),
    ("twice a year", 6, None),
    ("twice yearly", 6, None),
    ("biannually", 6, AMBIGUOUS),
    ("bi annually", 6, AMBIGUOUS),
    ("biannual", 6, AMBIGUOUS),
    ("bi annual", 6, AMBIGUOUS),
    ("annually", 12, None),
    ("annual", 12, None),
    ("yearly", 12, None),
    ("year", 12, None),
    ("biennially", 24, None),
    ("biennial", 24, None),
    ("other year", 24, None),
    ("triennially", 36, None),
    ("triennial", 36, None),
];

/// A cycle as compared with [`CYCLE_WORDS`]: lower case, hyphens and
/// underscores as spaces, single spaces.
fn phrase(text: &str) -> String {
    text.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A count in digits or in words ("2", "two"), 1 to 120.
pub fn number(word: &str) -> Option<i32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let w = word.to_lowercase();
    WORDS
        .iter()
        .position(|n| *n == w)
        .map(|i| i as i32 + 1)
        .or_else(|| w.parse().ok().filter(|n| (1..=120).contains(n)))
}

/// A policy's review status on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Overdue,
    DueSoon,
    NoDate,
    Current,
    /// Retired policies have no review status.
    Retired,
}

impl Status {
    /// Judges `review_by` as of `today` with a due-soon window of
    /// `due_soon_days` (both ends included).
    pub fn of(review_by: Option<Date>, today: Date, due_soon_days: i64) -> Status {
        match review_by {
            None => Status::NoDate,
            Some(d) if d < today => Status::Overdue,
            Some(d) if days_between(today, d) <= due_soon_days => Status::DueSoon,
            Some(_) => Status::Current,
        }
    }

    /// The days on which a review due on `review_by` becomes due soon and
    /// overdue, for a page read on a later day than it was built: the
    /// same rule as [`Status::of`], as two dates to compare with.
    pub fn changes(review_by: Date, due_soon_days: i64) -> (Date, Date) {
        let due_soon = review_by
            .checked_sub(jiff::Span::new().days(due_soon_days))
            .unwrap_or(Date::MIN);
        let overdue = review_by.tomorrow().unwrap_or(Date::MAX);
        (due_soon, overdue)
    }

    /// The status in words, for pages and reports.
    pub fn label(self) -> &'static str {
        match self {
            Status::Overdue => "Overdue",
            Status::DueSoon => "Due soon",
            Status::NoDate => "No review date",
            Status::Current => "Current",
            Status::Retired => "Retired",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::DueSoon => "due-soon",
            Status::NoDate => "no-date",
            Status::Current => "current",
            Status::Retired => "retired",
        }
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    // `until` on civil dates counts in days unless asked for larger units.
    a.until(b)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(i64::MAX)
}

/// "3 days", "1 day", "2 months" — a rough, human length of time.
/// When a review `days` from now is due, in words: "today",
/// "tomorrow", "in 12 days".
pub fn due_in(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        n => format!("in {n} days"),
    }
}

pub fn describe_days(days: i64) -> String {
    let days = days.abs();
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    if days < 60 {
        plural(days, "day")
    } else if days < 730 {
        plural(days / 30, "month")
    } else {
        plural(days / 365, "year")
    }
}

/// A date as editors write it: `2022-05-31`. Anything else is `None`.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if t.len() != 10 || t.as_bytes()[4] != b'-' || t.as_bytes()[7] != b'-' {
        return None;
    }
    t.parse::<Date>().ok()
}

/// Reads a date written `YYYY-MM-DD`; `Err` says in words what is wrong
/// with anything else and how to write it. The one rule for dates, used
/// for front-matter and `--today` alike.
pub fn read_date(text: &str) -> Result<Date, String> {
    if let Some(d) = parse_date(text) {
        return Ok(d);
    }
    let t = text.trim();
    let b = t.as_bytes();
    let iso_shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && t.chars().filter(|c| c.is_ascii_digit()).count() == 8;
    if iso_shaped {
        let (y, m, d) = (&t[..4], &t[5..7], &t[8..]);
        let month = m
            .parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
        return Err(match month {
            Some(name) => format!("{name} {y} has no day {}", d.trim_start_matches('0')),
            None => format!("there is no month {m}: the month comes second, as in 2025-05-31"),
        });
    }
    Err(match suggest_date(t) {
        Some(iso) => format!("write it as {iso}"),
        None => "write it as YYYY-MM-DD, for example 2025-05-31".to_string(),
    })
}

/// A whole date written as other tools write it: `Jun 1 2018`,
/// `November 16, 2020`, `1 June 2018`, `01/06/2018` (day first), or a
/// timestamp `2018-06-01T00:00:00Z` (its day). For keys that `keys:` maps,
/// where a collection's own dates are expected.
pub fn read_other_date(text: &str) -> Option<Date> {
    let t = text.trim();
    // A timestamp whose time is one (2018-06-01T00:00:00Z, or with an
    // offset): its day.
    if t.contains('T') {
        return t
            .parse::<jiff::Timestamp>()
            .ok()
            .map(|ts| jiff::tz::TimeZone::UTC.to_datetime(ts).date())
            .or_else(|| t.parse::<jiff::civil::DateTime>().ok().map(|dt| dt.date()));
    }
    suggest_date(t).and_then(|iso| parse_date(&iso))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A suggestion for a date written another way: `31/05/2022`, `31 May
/// 2022`, `May 31, 2022`, `31st May 2022` → `2022-05-31` (numbers are read
/// day first, as in the UK). `None` when it is not a whole date.
fn suggest_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text
        .split(['/', '.', '-', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let month_named = |w: &str| {
        let w = w.to_lowercase();
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| m.to_lowercase().starts_with(&w)))
            .flatten()
            .map(|i| i as i8 + 1)
    };
    let day = |w: &str| {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<i8>()
            .ok()
    };
    let (year, month, day) = match (month_named(a), month_named(b)) {
        // 31 May 2022
        (None, Some(m)) => (c.parse().ok()?, m, day(a)?),
        // May 31, 2022
        (Some(m), None) => (c.parse().ok()?, m, day(b)?),
        _ => {
            let (a, b, c): (i16, i8, i16) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
            if c > 31 {
                (c, b, i8::try_from(a).ok()?)
            } else {
                (a, b, i8::try_from(c).ok()?)
            }
        }
    };
    Some(Date::new(year, month, day).ok()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_days_a_status_changes_agree_with_the_status() {
        let due = jiff::civil::date(2027, 3, 1);
        let (soon, overdue) = Status::changes(due, 30);
        let mut day = jiff::civil::date(2027, 1, 1);
        while day < jiff::civil::date(2027, 4, 1) {
            let expected = if day >= overdue {
                Status::Overdue
            } else if day >= soon {
                Status::DueSoon
            } else {
                Status::Current
            };
            assert_eq!(Status::of(Some(due), day, 30), expected, "{day}");
            day = day.tomorrow().unwrap();
        }
    }
    use jiff::civil::date;

    #[test]
    fn cycles() {
        let table = [
            (
                "1 year",
                Some(Cycle {
                    months: 12,
                    days: 0,
                }),
            ),
            (
                "2 years",
                Some(Cycle {
                    months: 24,
                    days: 0,
                }),
            ),
            (
                "18 months",
                Some(Cycle {
                    months: 18,
                    days: 0,
                }),
            ),
            ("6 Months", Some(Cycle { months: 6, days: 0 })),
            (
                "yearly",
                Some(Cycle {
                    months: 12,
                    days: 0,
                }),
            ),
            (
                "every 2 years",
                Some(Cycle {
                    months: 24,
                    days: 0,
                }),
            ),
            (
                "12 weeks",
                Some(Cycle {
                    months: 0,
                    days: 84,
                }),
            ),
            (
                "18months",
                Some(Cycle {
                    months: 18,
                    days: 0,
                }),
            ),
            ("termly", Some(Cycle { months: 4, days: 0 })),
            ("Semi-annually", Some(Cycle { months: 6, days: 0 })),
            ("biannually", Some(Cycle { months: 6, days: 0 })),
            ("half-yearly", Some(Cycle { months: 6, days: 0 })),
            (
                "Annually",
                Some(Cycle {
                    months: 12,
                    days: 0,
                }),
            ),
            (
                "every year",
                Some(Cycle {
                    months: 12,
                    days: 0,
                }),
            ),
            (
                "every two years",
                Some(Cycle {
                    months: 24,
                    days: 0,
                }),
            ),
            (
                "every other year",
                Some(Cycle {
                    months: 24,
                    days: 0,
                }),
            ),
            (
                "biennially",
                Some(Cycle {
                    months: 24,
                    days: 0,
                }),
            ),
            (
                "triennially",
                Some(Cycle {
                    months: 36,
                    days: 0,
                }),
            ),
            ("three months", Some(Cycle { months: 3, days: 0 })),
            ("quarterly", Some(Cycle { months: 3, days: 0 })),
            ("monthly", Some(Cycle { months: 1, days: 0 })),
            ("soon", None),
            ("0 years", None),
            ("1 fortnight", None),
            ("", None),
        ];
        for (text, want) in table {
            assert_eq!(Cycle::parse(text), want, "{text}");
        }
    }

    #[test]
    fn cycle_words_that_need_a_note() {
        assert!(matches!(Cycle::caution("Termly"), Some(Caution::ReadAs(_))));
        assert!(matches!(
            Cycle::caution("bi-annually"),
            Some(Caution::Ambiguous(_))
        ));
        assert_eq!(Cycle::caution("yearly"), None);
        assert_eq!(Cycle::caution("6 months"), None);
        let words = |t: &str| Cycle::parse(t).unwrap().describe();
        assert_eq!(words("termly"), "4 months");
        assert_eq!(words("annually"), "year");
        assert_eq!(words("24 months"), "2 years");
        assert_eq!(words("12 weeks"), "12 weeks");
        assert_eq!(words("1 month"), "month");
        assert_eq!(words("90 days"), "90 days");
    }

    #[test]
    fn dates_as_other_tools_write_them() {
        for (text, want) in [
            ("Jun 1 2018", Some("2018-06-01")),
            ("November 16, 2020", Some("2020-11-16")),
            ("2018-06-01T00:00:00Z", Some("2018-06-01")),
            ("16/11/2020", Some("2020-11-16")),
            ("June 2018", None),
            ("soon", None),
            ("2018-13-01T00:00:00Z", None),
            ("2018-06-01T25:99:00Z", None),
            ("2018-06-01T", None),
            ("2018-06-01T09:30:00", Some("2018-06-01")),
        ] {
            assert_eq!(
                read_other_date(text).map(|d| d.to_string()).as_deref(),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn month_ends_clamp() {
        let m = Cycle::parse("1 month").unwrap();
        assert_eq!(m.after(date(2023, 1, 31)), Some(date(2023, 2, 28)));
        assert_eq!(m.after(date(2024, 1, 31)), Some(date(2024, 2, 29)));
        let y = Cycle::parse("1 year").unwrap();
        assert_eq!(y.after(date(2024, 2, 29)), Some(date(2025, 2, 28)));
        let m18 = Cycle::parse("18 months").unwrap();
        assert_eq!(m18.after(date(2021, 8, 31)), Some(date(2023, 2, 28)));
    }

    #[test]
    fn status_boundaries() {
        let today = date(2026, 11, 23);
        assert_eq!(
            Status::of(Some(date(2026, 11, 22)), today, 30),
            Status::Overdue
        );
        assert_eq!(Status::of(Some(today), today, 30), Status::DueSoon);
        assert_eq!(
            Status::of(Some(date(2026, 12, 23)), today, 30),
            Status::DueSoon
        );
        assert_eq!(
            Status::of(Some(date(2026, 12, 24)), today, 30),
            Status::Current
        );
        assert_eq!(Status::of(None, today, 30), Status::NoDate);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2022-05-31"), Some(date(2022, 5, 31)));
        assert_eq!(parse_date("2022-02-30"), None);
        assert_eq!(parse_date("31/05/2022"), None);
        assert_eq!(suggest_date("31/05/2022").as_deref(), Some("2022-05-31"));
        assert_eq!(suggest_date("2022/05/31").as_deref(), Some("2022-05-31"));
        assert_eq!(suggest_date("May 2021"), None);
        for (written, hint) in [
            ("31 May 2022", "write it as 2022-05-31"),
            ("May 31, 2022", "write it as 2022-05-31"),
            ("31st May 2022", "write it as 2022-05-31"),
            ("1 sept 2023", "write it as 2023-09-01"),
            ("31/05/2022", "write it as 2022-05-31"),
            ("2022-02-30", "February 2022 has no day 30"),
            ("2023-02-29", "February 2023 has no day 29"),
            (
                "2022-13-01",
                "there is no month 13: the month comes second, as in 2025-05-31",
            ),
            (
                "31 Fooember 2022",
                "write it as YYYY-MM-DD, for example 2025-05-31",
            ),
            ("soon", "write it as YYYY-MM-DD, for example 2025-05-31"),
        ] {
            assert_eq!(read_date(written).unwrap_err(), hint, "{written}");
        }
        assert_eq!(read_date(" 2024-02-29 "), Ok(date(2024, 2, 29)));
    }
}
