//! Dates and review cycles as Word-era policies write them: "May 2021",
//! "12/09/2019" (day first, as in the UK), "3rd March 2020", "09/2025",
//! "Yearly", "every two years". Part of reading a document's facts
//! ([`super::facts`]). By hand: the date crates read one format at a time,
//! and these lines mix a date with other words.

use jiff::civil::Date;

/// A date as a document gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A whole date.
    Day(Date),
    /// Only a month and a year.
    Month { year: i16, month: i8 },
}

impl Written {
    /// The date for an agreement or a last review: the first of a month
    /// given alone.
    pub fn first_day(self) -> Date {
        match self {
            Written::Day(d) => d,
            Written::Month { year, month } => Date::new(year, month, 1).unwrap_or_default(),
        }
    }

    /// The date for a review due: the last day of a month given alone ("to
    /// be reviewed May 2022" is not overdue until May is over).
    pub fn last_day(self) -> Date {
        match self {
            Written::Day(d) => d,
            Written::Month { year, month } => Date::new(year, month, 1)
                .map(|d| d.last_of_month())
                .unwrap_or_default(),
        }
    }
}

/// What was found where a date was looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Date(Written),
    /// Words that look like a date but are not one ("Spring term 2023",
    /// "31/02/2021"), and why.
    NotADate(String),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names ("Sept", "sep", "September"), 1 to 12.
fn month(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() <= 4 && m.starts_with(&w)))
        .map(|i| i as i8 + 1)
}

fn year(word: &str) -> Option<i16> {
    let w = word.trim_end_matches([',', '.', ';', ')']);
    (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// A day of the month: "3", "3rd", "21st".
fn day(word: &str) -> Option<i8> {
    let w = word.trim_end_matches([',', '.']).to_lowercase();
    let digits = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(&w);
    (1..=2)
        .contains(&digits.len())
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

fn make(year: i16, month: i8, day: i8, written: &str) -> Found {
    if !(1..=12).contains(&month) {
        return Found::NotADate(format!(
            "{written} is not a date (there is no month {month})"
        ));
    }
    match Date::new(year, month, day) {
        Ok(d) => Found::Date(Written::Day(d)),
        Err(_) => Found::NotADate(format!(
            "{written} is not a date ({} {year} has no day {day})",
            title_case(MONTHS[usize::try_from(month - 1).unwrap_or(0).min(11)])
        )),
    }
}

fn title_case(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A date written with numbers: `12/09/2019`, `12.9.19`, `2019-09-12`,
/// `09/2025`.
fn numeric(word: &str) -> Option<Found> {
    let w = word
        .trim_end_matches([',', '.', ';', ')'])
        .trim_start_matches('(');
    let parts: Vec<&str> = w.split(['/', '.', '-']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<i32>().ok();
    let full_year = |p: &str| match p.len() {
        4 => n(p).and_then(|y| i16::try_from(y).ok()),
        // "99" is 1999, "19" is 2019.
        2 => n(p).and_then(|y| i16::try_from(if y < 70 { 2000 + y } else { 1900 + y }).ok()),
        _ => None,
    };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            let (y, m, d) = (full_year(y)?, n(m)?, n(d)?);
            Some(make(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?, w))
        }
        [d, m, y] if d.len() <= 2 && m.len() <= 2 => {
            let (d, m, y) = (n(d)?, n(m)?, full_year(y)?);
            if !(1..=12).contains(&m) {
                return Some(Found::NotADate(format!(
                    "{w} is not a date (dates are read day first, and there is no month {m})"
                )));
            }
            Some(make(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?, w))
        }
        [m, y] if m.len() <= 2 && y.len() == 4 => {
            let (m, y) = (n(m)?, full_year(y)?);
            (1..=12).contains(&m).then_some(Found::Date(Written::Month {
                year: y,
                month: m as i8,
            }))
        }
        _ => None,
    }
}

/// Words for a season or a term, which name no day.
const SEASONS: &[&str] = &[
    "spring",
    "summer",
    "autumn",
    "winter",
    "fall",
    "michaelmas",
    "lent",
    "easter",
];

/// The first date in `text`, or the first words that look like one but
/// are not.
pub fn find(text: &str) -> Option<Found> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(found) = numeric(w) {
            return Some(found);
        }
        let next = |k: usize| words.get(i + k).copied().unwrap_or("");
        // 3 March 2020, 3rd of March 2020
        if let Some(d) = day(w) {
            let (m_word, y_word) = if next(1).eq_ignore_ascii_case("of") {
                (next(2), next(3))
            } else {
                (next(1), next(2))
            };
            if let (Some(m), Some(y)) = (month(m_word), year(y_word)) {
                return Some(make(y, m, d, &format!("{w} {m_word} {y_word}")));
            }
        }
        // March 3, 2020 / March 2020
        if let Some(m) = month(w) {
            // "may" is a word too: only a month when a year follows.
            if let Some(y) = year(next(1)) {
                return Some(Found::Date(Written::Month { year: y, month: m }));
            }
            if let (Some(d), Some(y)) = (day(next(1)), year(next(2))) {
                return Some(make(y, m, d, &format!("{w} {} {}", next(1), next(2))));
            }
        }
        // Spring term 2023, Autumn 2022
        let lower = w.trim_end_matches([',', '.']).to_lowercase();
        if SEASONS.contains(&lower.as_str()) {
            let y = if next(1).eq_ignore_ascii_case("term") {
                year(next(2)).map(|y| (y, 3))
            } else {
                year(next(1)).map(|y| (y, 2))
            };
            if let Some((_, n)) = y {
                let written = words[i..i + n].join(" ");
                let written = written.trim_end_matches([',', '.', ';']);
                return Some(Found::NotADate(format!(
                    "{written} is not a date: a term or season names no day"
                )));
            }
        }
    }
    None
}

/// Number words, for "every two years".
/// A review cycle in `text`, as the handbook writes it ("1 year",
/// "2 years", "6 months").
pub fn cycle(text: &str) -> Option<String> {
    let lower = text.to_lowercase().replace(['-', ','], " ");
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let years = |n: i32| {
        if n == 1 {
            "1 year".to_string()
        } else {
            format!("{n} years")
        }
    };
    let months = |n: i32| match n {
        12 => years(1),
        24 => years(2),
        36 => years(3),
        1 => "1 month".to_string(),
        n => format!("{n} months"),
    };
    for (i, w) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).copied().unwrap_or("");
        match *w {
            "yearly" if i > 0 && words[i - 1] == "half" => return Some(months(6)),
            "monthly" if i > 0 && words[i - 1] == "six" => return Some(months(6)),
            "annually" | "annual" if i > 0 && matches!(words[i - 1], "semi" | "bi") => {
                return Some(months(6));
            }
            // One word that names a cycle ("annually", "termly").
            w if (w.ends_with("ly") || w.ends_with("al"))
                && let Some(cycle) = crate::handbook::review::Cycle::parse(w) =>
            {
                return Some(months(cycle.months));
            }
            "every" | "each" => {
                if matches!(next(1), "year" | "annum") {
                    return Some(years(1));
                }
                if let Some(n) = crate::handbook::review::number(next(1)) {
                    match next(2) {
                        "year" | "years" => return Some(years(n)),
                        "month" | "months" => return Some(months(n)),
                        _ => {}
                    }
                }
            }
            "twice" if next(1) == "a" && next(2) == "year" => return Some(months(6)),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Found {
        Found::Date(Written::Day(s.parse().unwrap()))
    }

    #[test]
    fn dates_are_read_as_uk_documents_write_them() {
        let month = |year, month| Found::Date(Written::Month { year, month });
        for (text, found) in [
            ("Policy Agreed: May 2021", Some(month(2021, 5))),
            ("Date adopted: 12/09/2019", Some(day("2019-09-12"))),
            ("on 3 March 2020.", Some(day("2020-03-03"))),
            ("the 3rd of March 2020", Some(day("2020-03-03"))),
            ("Next review: 09/2025", Some(month(2025, 9))),
            ("Review date: Sept 2024", Some(month(2024, 9))),
            ("2024-05-31", Some(day("2024-05-31"))),
            ("12.9.19", Some(day("2019-09-12"))),
            ("12/09/99", Some(day("1999-09-12"))),
            ("March 3, 2020", Some(day("2020-03-03"))),
            ("you may 2 things", None),
            ("Staff may read it", None),
            ("Yearly", None),
        ] {
            assert_eq!(find(text), found, "{text}");
        }
        for text in [
            "Ratified: Spring term 2023",
            "31/02/2021",
            "13/13/2020",
            "Autumn 2022",
        ] {
            assert!(
                matches!(find(text), Some(Found::NotADate(_))),
                "{text}: {:?}",
                find(text)
            );
        }
        assert_eq!(
            find("31/02/2021"),
            Some(Found::NotADate(
                "31/02/2021 is not a date (February 2021 has no day 31)".into()
            ))
        );
    }

    #[test]
    fn a_month_alone_is_its_first_or_last_day() {
        let may = Written::Month {
            year: 2022,
            month: 5,
        };
        assert_eq!(may.first_day().to_string(), "2022-05-01");
        assert_eq!(may.last_day().to_string(), "2022-05-31");
        let feb = Written::Month {
            year: 2024,
            month: 2,
        };
        assert_eq!(feb.last_day().to_string(), "2024-02-29");
    }

    #[test]
    fn cycles_are_read_in_words() {
        for (text, want) in [
            ("Policy to be Reviewed: Yearly, May 2022", Some("1 year")),
            ("to be reviewed every two years", Some("2 years")),
            ("reviewed annually", Some("1 year")),
            ("every 18 months", Some("18 months")),
            ("every twelve months", Some("1 year")),
            ("six-monthly", Some("6 months")),
            ("twice a year", Some("6 months")),
            ("every year", Some("1 year")),
            ("Reviewed termly by the governors", Some("4 months")),
            ("reviewed biennially", Some("2 years")),
            ("reviewed semi-annually", Some("6 months")),
            ("review triennially", Some("3 years")),
            ("for the month of May", None),
            ("Review date: September 2024", None),
        ] {
            assert_eq!(cycle(text).as_deref(), want, "{text}");
        }
    }
}
