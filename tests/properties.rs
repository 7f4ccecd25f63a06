//! Property tests: review-date arithmetic and heading anchors hold for any
//! input, not just the ones we thought of.

use jiff::civil::Date;
use policybook::handbook::review::{Cycle, Status};
use policybook::handbook::slug::AnchorSet;
use proptest::prelude::*;

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzzing;
use std::collections::HashSet;

fn date() -> impl Strategy<Value = Date> {
    (1990i16..2100, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        let last = Date::new(y, m, 1).unwrap().days_in_month();
        Date::new(y, m, d.min(last)).unwrap()
    })
}

proptest! {
    #[test]
    fn a_cycle_of_months_lands_in_the_right_month_clamped_to_its_end(from in date(), months in 1i32..=120) {
        let due = Cycle { months, days: 0 }.after(from).unwrap();
        let total = i32::from(from.year()) * 12 + i32::from(from.month()) - 1 + months;
        prop_assert_eq!(i32::from(due.year()), total.div_euclid(12));
        prop_assert_eq!(i32::from(due.month()), total.rem_euclid(12) + 1);
        prop_assert_eq!(due.day(), from.day().min(due.days_in_month()));
        prop_assert!(due > from);
    }

    #[test]
    fn written_cycles_mean_what_they_say(n in 1i32..=100) {
        prop_assert_eq!(Cycle::parse(&format!("{n} months")), Some(Cycle { months: n, days: 0 }));
        prop_assert_eq!(Cycle::parse(&format!("{n} years")), Some(Cycle { months: n * 12, days: 0 }));
        prop_assert_eq!(Cycle::parse(&format!("{n} weeks")), Some(Cycle { months: 0, days: n * 7 }));
    }

    #[test]
    fn review_status_follows_the_calendar(today in date(), offset in -800i64..800, window in 0i64..120) {
        let due = today.checked_add(jiff::Span::new().days(offset)).unwrap();
        let status = Status::of(Some(due), today, window);
        let want = if offset < 0 {
            Status::Overdue
        } else if offset <= window {
            Status::DueSoon
        } else {
            Status::Current
        };
        prop_assert_eq!(status, want);
    }

    #[test]
    fn heading_anchors_are_unique_and_safe(headings in proptest::collection::vec(".{0,12}", 0..60)) {
        let mut set = AnchorSet::default();
        let mut seen = HashSet::new();
        for h in &headings {
            let a = set.unique(h);
            prop_assert!(!a.is_empty());
            prop_assert!(a.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'), "{}", a);
            prop_assert!(seen.insert(a.clone()), "{} twice", a);
        }
    }

    #[test]
    fn the_same_headings_always_get_the_same_anchors(headings in proptest::collection::vec("[A-Za-z &']{0,10}", 0..30)) {
        let run = |hs: &[String]| {
            let mut set = AnchorSet::default();
            hs.iter().map(|h| set.unique(h)).collect::<Vec<_>>()
        };
        prop_assert_eq!(run(&headings), run(&headings));
    }
}

/// Pieces of Markdown that exercise links, images and headings in every
/// shape the renderer treats differently.
const PIECES: &[&str] = &[
    "Plain text. ",
    "*emphasis* ",
    "`code` ",
    "[[confidentiality]] ",
    "[[gone]] ",
    "[[confidentiality|our policy]] ",
    "[[confidentiality#sharing]] ",
    "[[*star*]] ",
    "[a link](../hr/leave.md \"Leave & pay\") ",
    "[mail me](mailto:head@example.org) ",
    "<head@example.org> ",
    "<https://example.org/a?b=1&c=2> ",
    "[bad](javascript:alert(1)) ",
    "[broken](missing.md#nowhere) ",
    "![a **form**](../assets/form.pdf \"The form\") ",
    "![gone](missing.png) ",
    "![alt with [[confidentiality]] in it](x.png) ",
    "![a <b>bold</b> picture](x.png) ",
    "![a [[abcd]]] b](x.png) ",
    "[](abc)",
    "[a\n](abc)",
    "![](x.png)",
    "![note[^1]](x.png) ",
    "![- [ ] task](x.png) ",
    "[![pic](x.png)](../hr/leave.md) ",
    "Footnote[^1]. ",
    "<b>raw</b> ",
    "<script>alert(1)</script> ",
    "line one\nline two ",
    "\u{00e9}t\u{00e9} caf\u{00e9} ",
    "\"quotes\" & 'apostrophes' <angles> ",
    "https://example.org/a_(b)?c=1. ",
    "www.nhs.uk/a&amp; ",
    "(http://intranet/forms) ",
    "Again[^2] ",
];

const BLOCKS: &[&str] = &[
    "\n\n## Scope\n\n",
    "\n\n## Scope {#custom .wide onclick=x}\n\n",
    "\n\n### With [[confidentiality]] and `code`\n\n",
    "\n\nSetext heading\n---\n\n",
    "\n\n- item ",
    "\n  - nested ",
    "\n  ***\n",
    "\n- [ ] ",
    "  \n",
    "\n\n> quoted ",
    "\n\n| a | b |\n| - | - |\n| ",
    "\n\n```\ncode block [[x]]\n```\n\n",
    "\n\n[^1]: The note.\n\n",
    "\n\n- [x] done ",
    "\n\n<div class=\"note\">\n\nInside *html*.\n\n</div>\n\n",
    "\n\n",
    "\n\n> [!WARNING]\n> careful ",
    "\n\n!!! note \"A <title>\"\n    Inside ",
    "\n\n??? danger\n    Folded ",
    "\n    more inside ",
    "\n        !!! tip\n            nested ",
    "\n\nTerm\n: definition ",
    "\n\n[^2]: Second [^1] note.\n\n",
];

fn body() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (
            0..BLOCKS.len(),
            proptest::collection::vec(0..PIECES.len(), 0..6),
        ),
        1..8,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for (block, pieces) in parts {
            s.push_str(BLOCKS[block]);
            for p in pieces {
                s.push_str(PIECES[p]);
            }
        }
        s
    })
}

/// A resolver that sends each destination somewhere different, in every
/// way a reference can come out.
fn resolve(
    r: &policybook::handbook::markdown::Reference,
) -> policybook::handbook::markdown::LinkOut {
    use policybook::handbook::markdown::LinkOut;
    match r.dest.len() % 5 {
        0 => LinkOut::Href {
            url: format!("../policies/{}.html#a b\"<", r.dest),
            title: Some(format!("Title of {} & <more>", r.dest)),
        },
        1 => LinkOut::Href {
            url: format!("{}?x=1&y=\"2\"", r.dest),
            title: None,
        },
        2 => LinkOut::Broken {
            message: format!("'{}' is \"missing\" <here>", r.dest),
        },
        3 => LinkOut::Unlink,
        _ => LinkOut::Href {
            url: "caf\u{00e9}.html".to_string(),
            title: Some(String::new()),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The HTML made while parsing, its holes filled with each link and
    /// image where it was written, is the HTML pulldown-cmark's writer
    /// makes of the body; filled any other way, it renders too.
    #[test]
    fn a_body_rendered_from_its_parse_is_the_html_writers(text in body(), allow_raw_html in any::<bool>()) {
        use policybook::handbook::markdown::{self, LinkOut, ScanOptions};
        let plain = policybook::handbook::plain::settings::Settings::default();
        let options = ScanOptions { site: true, allow_raw_html, plain: Some(&plain), plain_notes: true };
        let scan = markdown::scan(&text, 1, options);
        let _ = scan.body.render(&scan.references, resolve);
        let filled = scan.body.render(&scan.references, |r| LinkOut::Href { url: r.dest.clone(), title: None });
        prop_assert_eq!(filled, fuzzing::writer_html(&text, &scan), "body: {:?}", text);
    }
}

/// Pieces of front-matter: first mostly those the fast reader reads, then
/// mostly those it leaves to the full parser. The first part of each list
/// is picked more often, so that many documents are read.
const YAML_KEYS: &[&str] = &[
    "title",
    "owner",
    "tags",
    "related",
    "version",
    "review_by",
    "x-y",
    "_k",
    "true",
    "null",
    "Yes",
    "a b",
    "k\u{e9}",
];
const YAML_PLAIN_KEYS: usize = 8;
const YAML_VALUES: &[&str] = &[
    "",
    " ",
    "Whistleblowing Policy",
    "Children's Centre",
    "O\"Brien",
    "2024-05-31",
    "2024-5-31",
    "4.1",
    "2.10",
    "12",
    "012",
    "inf",
    "nan",
    "NaN",
    "yes",
    "no",
    "on",
    "True",
    "FALSE",
    "null",
    "Null",
    "~",
    "\"quoted\"",
    "'single'",
    "''",
    "\"\"",
    "[a, b]",
    "[]",
    "[ a , b ]",
    "[yes, 1, null]",
    "[\"q\", 'r']",
    "x:y",
    "caf\u{e9} \u{2615}",
    "x ",
    "\u{a0}x",
    "x, y and z",
    "18 months",
    "1 year",
    "1 e3",
    "0x1F 2",
    "1_000 x",
    "12 :30",
    "2 .5",
    "1 #x",
    "3 - 4",
    "1 ,2",
    // Left to the full parser, or read as it reads them:
    "1.",
    "1.5.1",
    "-1",
    "+1",
    ".5",
    "1e3",
    "0x1F",
    "1_000",
    "99999999999999999999999",
    ".inf",
    "\"a\\nb\"",
    "'it''s'",
    "x # note",
    "x#y",
    "a: b",
    "x:",
    "[a,b,]",
    "[a, [b]]",
    "[a:b]",
    "{a: b}",
    "&anchor x",
    "*alias",
    "!tag x",
    "| ",
    "> ",
    "? x",
    "- x",
    "% x",
    "@x",
    "`x`",
    "x\ty",
    "  x",
    "x\u{85}y",
    "\"open",
    "'open",
    "[open",
];
const YAML_PLAIN_VALUES: usize = 46;
const YAML_ITEMS: &[&str] = &[
    "\n  - item",
    "\n  - 2024-01-01",
    "\n  - 'q'",
    "\n\n",
    "\n  # comment",
    "\n# comment",
    "\n  - Children's Centre",
    "\n  - 4.1",
    // Left to the full parser, or read as it reads them:
    "\n- zero indent",
    "\n   - three",
    "\n  -",
    "\n  - - x",
    "\n  - a: b",
    "\n  continued",
    "\n  key: nested",
    "\n---",
    "\n...",
    "\r",
    "\n\t- tab",
];
const YAML_PLAIN_ITEMS: usize = 8;

/// An index into a list of pieces whose first `plain` are picked nine
/// times in ten.
fn piece(plain: usize, all: usize) -> impl Strategy<Value = usize> {
    prop_oneof![9 => 0..plain, 1 => 0..all]
}

fn front_matter() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (
            piece(YAML_PLAIN_KEYS, YAML_KEYS.len()),
            piece(YAML_PLAIN_VALUES, YAML_VALUES.len()),
            proptest::collection::vec(piece(YAML_PLAIN_ITEMS, YAML_ITEMS.len()), 0..4),
            proptest::bool::weighted(0.1),
        ),
        1..6,
    )
    .prop_flat_map(|entries| (Just(entries), 0..YAML_STARTS.len(), any::<bool>()))
    .prop_map(|(entries, start, last_newline)| {
        let mut s = YAML_STARTS[start].to_string();
        for (key, value, mut items, items_after_a_value) in entries {
            // Items follow a key without a value, and now and then one
            // with a value (which YAML reads some other way, or not).
            if !YAML_VALUES[value].trim().is_empty() && !items_after_a_value {
                items.clear();
            }
            s.push_str(YAML_KEYS[key]);
            s.push(':');
            if !YAML_VALUES[value].is_empty() {
                s.push(' ');
            }
            s.push_str(YAML_VALUES[value]);
            for item in items {
                s.push_str(YAML_ITEMS[item]);
            }
            s.push('\n');
        }
        if !last_newline {
            s.pop();
        }
        s
    })
}

/// What a document starts with before its first key.
const YAML_STARTS: &[&str] = &["", "\n", "# comment\n", "  \n\n", "  # indented\n", " "];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10000))]

    /// Whatever front-matter the fast reader accepts, it reads as the full
    /// YAML parser does, lines included.
    #[test]
    fn the_fast_yaml_reader_agrees_with_the_full_parser(text in front_matter()) {
        if let Some(fast) = policybook::handbook::yaml::simple::parse(&text) {
            prop_assert_eq!(Some(fast), policybook::handbook::yaml::full(&text).ok(), "yaml: {:?}", text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The theme's escaping writes what Tera's own would, byte for byte.
    #[test]
    fn template_escaping_is_teras(text in "(?s).{0,40}|[&<>\"'a é/]{0,40}") {
        let mut ours = Vec::new();
        policybook::site::theme::escape_html(&text, &mut ours).unwrap();
        let mut teras = Vec::new();
        tera::escape_html(&text, &mut teras).unwrap();
        prop_assert_eq!(ours, teras);
    }
}
