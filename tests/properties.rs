//! Property tests: review-date arithmetic and heading anchors hold for any
//! input, not just the ones we thought of.

use jiff::civil::Date;
use policybook::review::{Cycle, Status};
use policybook::slug::AnchorSet;
use proptest::prelude::*;
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
