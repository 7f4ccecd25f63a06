//! The listing pages: home, review dashboard and its months, categories,
//! owners, and the A–Z index with a page per letter.

use super::paging::PAGE_SIZE;
use super::views::{Counts, GroupSummary, HardToRead, Letter, Month};
use super::{Renderer, ReviewList, count_status, urls};
use crate::error::Result;
use crate::handbook::Handbook;
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::plain::Reading;
use crate::handbook::review::Status;
use crate::site::schedule;
use crate::site::write::Sink;
use std::collections::BTreeMap;

/// Up to this many policies, the A–Z and review pages list every policy
/// themselves; above it, they link to a page per letter or month.
const INLINE_LIMIT: usize = 200;
/// Policies the review dashboard lists as hardest to read.
const HARDEST_TO_READ: usize = 10;

/// Review buckets of the published policies, for the home page and the
/// review dashboard.
pub(super) struct Reviews {
    pub(super) overdue: Vec<usize>,
    pub(super) due_soon: Vec<usize>,
    pub(super) no_date: Vec<usize>,
    pub(super) by_month: BTreeMap<String, Vec<usize>>,
    pub(super) counts: Counts,
}

/// Sorts the published policies into review buckets.
pub(super) fn reviews(hb: &Handbook, published: &[usize]) -> Reviews {
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    let mut no_date = Vec::new();
    let mut by_month: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut retired = 0;
    let mut drafts = 0;
    for &i in published {
        let p = &hb.policies[i];
        if p.status == Lifecycle::Draft {
            drafts += 1;
        }
        match hb.status(p) {
            Status::Overdue => overdue.push(i),
            Status::DueSoon => due_soon.push(i),
            Status::NoDate => no_date.push(i),
            Status::Retired => retired += 1,
            Status::Current => by_month
                .entry(
                    p.review_by
                        .map(|d| d.strftime("%Y-%m").to_string())
                        .unwrap_or_default(),
                )
                .or_default()
                .push(i),
        }
    }
    let by_date = |list: &mut Vec<usize>| {
        list.sort_by(|&a, &b| {
            (hb.policies[a].review_by, &hb.policies[a].title)
                .cmp(&(hb.policies[b].review_by, &hb.policies[b].title))
        })
    };
    by_date(&mut overdue);
    by_date(&mut due_soon);
    for list in by_month.values_mut() {
        by_date(list);
    }
    no_date.sort_by(|&a, &b| hb.policies[a].title.cmp(&hb.policies[b].title));
    let counts = Counts {
        policies: published.len(),
        overdue: overdue.len(),
        due_soon: due_soon.len(),
        no_date: no_date.len(),
        current: by_month.values().map(Vec::len).sum(),
        retired,
        drafts,
        broken_references: hb.report.summary.broken_references,
    };
    Reviews {
        overdue,
        due_soon,
        no_date,
        by_month,
        counts,
    }
}

/// The review charts of the home page and the dashboard, drawn.
#[derive(serde::Serialize)]
pub(super) struct Charts {
    categories: String,
    timeline: String,
}

impl Renderer<'_> {
    /// The review charts ([`charts`]), for a page at the site root.
    pub(super) fn charts(&self) -> Charts {
        use super::charts::{self, Bar, Caption, Kind, Segment};
        let hb = self.hb;
        let r = &self.reviews;
        let mut bars = Vec::with_capacity(self.categories.len());
        for (slug, (name, list)) in &self.categories {
            let href = urls::category(slug);
            let mut counts = [0usize; 4];
            for &i in list {
                if let Some(kind) = Kind::of(hb.status(&hb.policies[i])) {
                    counts[kind as usize] += 1;
                }
            }
            bars.push(Bar {
                label: name.clone(),
                short: name.clone(),
                href: href.clone(),
                segments: Kind::ALL
                    .into_iter()
                    .zip(counts)
                    .map(|(kind, count)| Segment {
                        kind,
                        count,
                        href: href.clone(),
                    })
                    .collect(),
            });
        }
        let c = &r.counts;
        let as_of = super::human_date(hb.today);
        let title = format!("Review status by category, as of {as_of}");
        let categories = charts::by_category(
            &Caption {
                id: "by-category",
                title: &title,
                desc: format!(
                    "{} in {}: {} overdue, {} due soon, {} current, {} with no review date. Each bar is a category, as long as it has policies.",
                    crate::report::count(
                        c.overdue + c.due_soon + c.current + c.no_date,
                        "policy",
                        "policies"
                    ),
                    crate::report::count(bars.len(), "category", "categories"),
                    c.overdue,
                    c.due_soon,
                    c.current,
                    c.no_date
                ),
                first_column: "Category",
            },
            &bars,
            "",
        );
        // The overdue backlog, then the twelve months from this one.
        let mut months = vec![Bar {
            label: "Overdue now".into(),
            short: "Overdue".into(),
            href: ReviewList::Overdue.path(),
            segments: vec![Segment {
                kind: Kind::Overdue,
                count: c.overdue,
                href: ReviewList::Overdue.path(),
            }],
        }];
        let first = hb.today.first_of_month();
        let mut due_soon: BTreeMap<String, usize> = BTreeMap::new();
        for &i in &r.due_soon {
            if let Some(d) = hb.policies[i].review_by {
                *due_soon.entry(d.strftime("%Y-%m").to_string()).or_default() += 1;
            }
        }
        let mut later = 0;
        let mut last = first;
        for n in 0..12 {
            let Ok(month) = first.checked_add(jiff::Span::new().months(n)) else {
                break;
            };
            last = month;
            let key = month.strftime("%Y-%m").to_string();
            let soon = due_soon.get(&key).copied().unwrap_or(0);
            let current = r.by_month.get(&key).map_or(0, Vec::len);
            let page = if current > 0 {
                urls::reviews(&key)
            } else {
                ReviewList::DueSoon.path()
            };
            months.push(Bar {
                label: month.strftime("%B %Y").to_string(),
                short: if n == 0 || month.month() == 1 {
                    month.strftime("%b %y").to_string()
                } else {
                    month.strftime("%b").to_string()
                },
                href: page,
                segments: vec![
                    Segment {
                        kind: Kind::DueSoon,
                        count: soon,
                        href: ReviewList::DueSoon.path(),
                    },
                    Segment {
                        kind: Kind::Current,
                        count: current,
                        href: urls::reviews(&key),
                    },
                ],
            });
        }
        let end = last.strftime("%Y-%m").to_string();
        for (key, list) in &r.by_month {
            if key.as_str() > end.as_str() {
                later += list.len();
            }
        }
        let title = format!("Reviews due, month by month, as of {as_of}");
        let timeline = charts::timeline(
            &Caption {
                id: "by-month",
                title: &title,
                desc: format!(
                    "{} overdue now, then the reviews due in each month from {} to {}; {} later.",
                    crate::report::count(c.overdue, "review", "reviews"),
                    first.strftime("%B %Y"),
                    last.strftime("%B %Y"),
                    crate::report::count(later, "review falls", "reviews fall"),
                ),
                first_column: "Month",
            },
            &months,
            "",
        );
        Charts {
            categories,
            timeline,
        }
    }

    /// An owner's reviews on a strip of the next twelve months
    /// ([`charts::strip`]), for a page `root` below the site root.
    fn owner_strip(&self, name: &str, list: &[usize], root: &str) -> String {
        use super::charts::{self, Caption, Kind, Mark};
        let hb = self.hb;
        let marks: Vec<Mark> = list
            .iter()
            .filter_map(|&i| {
                let p = &hb.policies[i];
                let kind = Kind::of(hb.status(p)).filter(|k| *k != Kind::NoDate)?;
                Some(Mark {
                    title: p.title.clone(),
                    href: urls::policy(&p.id),
                    due: p.review_by?,
                    kind,
                })
            })
            .collect();
        let title = format!(
            "{name}'s reviews, month by month, as of {}",
            super::human_date(hb.today)
        );
        charts::strip(
            &Caption {
                id: "owner-strip",
                title: &title,
                desc: format!(
                    "Each mark is a review, in the month it falls due; overdue ones are in the box before the months. {} in all.",
                    crate::report::count(marks.len(), "review", "reviews")
                ),
                first_column: "Month",
            },
            &marks,
            hb.today,
            root,
        )
    }

    pub(super) fn months(&self) -> Vec<Month> {
        self.reviews
            .by_month
            .iter()
            .map(|(key, list)| Month {
                key: key.clone(),
                name: self.hb.policies[list[0]]
                    .review_by
                    .map(|d| d.strftime("%B %Y").to_string())
                    .unwrap_or_default(),
                url: urls::reviews(key),
                count: list.len(),
            })
            .collect()
    }

    /// The groups (categories or owners, by slug) as summaries list them;
    /// their pages are under `folder`.
    fn summaries(
        &self,
        groups: &BTreeMap<String, (String, Vec<usize>)>,
        folder: &str,
    ) -> Vec<GroupSummary> {
        groups
            .iter()
            .map(|(slug, (name, list))| GroupSummary {
                name: name.clone(),
                url: format!("{folder}/{slug}.html"),
                count: list.len(),
                overdue: count_status(self.hb, list, Status::Overdue),
                due_soon: count_status(self.hb, list, Status::DueSoon),
            })
            .collect()
    }

    pub(super) fn home(&self, sink: &dyn Sink) -> Result<()> {
        let r = &self.reviews;
        let categories = self.summaries(&self.categories, "categories");
        let mut ctx = self.context("")?;
        ctx.insert("counts", &r.counts);
        ctx.insert("changes", &self.count_changes());
        ctx.insert("charts", &self.charts());
        ctx.insert("categories", &categories);
        ctx.insert_value("overdue", self.rows(&r.overdue[..r.overdue.len().min(10)]));
        ctx.insert_value(
            "due_soon",
            self.rows(&r.due_soon[..r.due_soon.len().min(10)]),
        );
        self.page(sink, "index.html", urls::HOME, &mut ctx)
    }

    /// The days in the year after the build on which the home page's
    /// counts change, for `static/status.js`: "DATE,CURRENT,DUE-SOON,OVERDUE"
    /// (the change in each count), space-separated, soonest first. A page
    /// read more than a year after it was built keeps the counts of that
    /// day: by then the site should have been built again.
    fn count_changes(&self) -> String {
        let hb = self.hb;
        let until = hb
            .today
            .checked_add(jiff::Span::new().days(366))
            .unwrap_or(hb.today);
        let mut changes: BTreeMap<jiff::civil::Date, [i64; 3]> = BTreeMap::new();
        let r = &self.reviews;
        for &i in r.due_soon.iter().chain(r.by_month.values().flatten()) {
            let Some(due) = hb.policies[i].review_by else {
                continue;
            };
            let (soon, overdue) = Status::changes(due, hb.config.due_soon_days);
            if soon > hb.today && soon <= until {
                let c = changes.entry(soon).or_default();
                c[0] -= 1;
                c[1] += 1;
            }
            if overdue > hb.today && overdue <= until {
                let c = changes.entry(overdue).or_default();
                // From due soon (or, with no due-soon window, from current).
                if soon < overdue {
                    c[1] -= 1;
                } else {
                    c[0] -= 1;
                }
                c[2] += 1;
            }
        }
        changes
            .iter()
            .map(|(d, [c, s, o])| format!("{d},{c},{s},{o}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The policies in force (not retired ones) with the lowest reading
    /// ease, hardest first (by title where two score the same): none under
    /// `plain_english: false`.
    fn hardest_to_read(&self) -> Vec<HardToRead> {
        let mut scored: Vec<(f64, usize, &Reading)> = self
            .published
            .iter()
            .filter(|&&i| self.hb.policies[i].status == Lifecycle::Active)
            .filter_map(|&i| {
                let reading = self.hb.policies[i].reading.as_ref()?;
                Some((reading.score()?, i, reading))
            })
            .collect();
        scored.sort_by(|a, b| {
            a.0.total_cmp(&b.0).then_with(|| {
                self.hb.policies[a.1]
                    .title
                    .cmp(&self.hb.policies[b.1].title)
            })
        });
        scored
            .into_iter()
            .take(HARDEST_TO_READ)
            .map(|(ease, i, reading)| HardToRead {
                row: self.row(i),
                ease: ease.round() as i64,
                age: reading.counts.reading_age(),
                long_sentences: reading.long_sentences,
            })
            .collect()
    }

    pub(super) fn reviews_page(&self, sink: &dyn Sink) -> Result<()> {
        let r = &self.reviews;
        let mut ctx = self.context("")?;
        ctx.insert("counts", &r.counts);
        ctx.insert("charts", &self.charts());
        // The first page of each list; the rest are on the list's pages.
        let first = |list: &[usize]| self.rows(&list[..list.len().min(PAGE_SIZE)]);
        ctx.insert_value("overdue", first(&r.overdue));
        ctx.insert_value("due_soon", first(&r.due_soon));
        ctx.insert_value("no_date", first(&r.no_date));
        ctx.insert("page_size", &PAGE_SIZE);
        ctx.insert("months", &self.months());
        // Small handbooks list the current reviews here too, soonest first
        // (the month keys sort in date order).
        let current: Vec<usize> = if r.counts.policies <= INLINE_LIMIT {
            r.by_month.values().flatten().copied().collect()
        } else {
            Vec::new()
        };
        ctx.insert_value("current", self.rows(&current));
        ctx.insert("schedule_csv", urls::REVIEWS_CSV);
        ctx.insert("schedule_ics", urls::REVIEWS_ICS);
        ctx.insert("hardest", &self.hardest_to_read());
        self.page(sink, "reviews.html", urls::REVIEWS, &mut ctx)?;
        // The whole schedule, for a spreadsheet and a calendar.
        let rows = schedule::rows_of(
            self.hb,
            self.published.iter().map(|&i| &self.hb.policies[i]),
            &self.site.base_url,
        );
        sink.put(urls::REVIEWS_CSV, schedule::csv(&rows).as_bytes())?;
        let calendar = schedule::Calendar::of(self.hb, None);
        sink.put(
            urls::REVIEWS_ICS,
            schedule::ics(&rows, &calendar).as_bytes(),
        )
    }

    pub(super) fn review_list_page(&self, sink: &dyn Sink, list: ReviewList) -> Result<()> {
        let r = &self.reviews;
        let (policies, key, title) = match list {
            ReviewList::Overdue => (&r.overdue, "overdue", "Overdue reviews"),
            ReviewList::DueSoon => (&r.due_soon, "due-soon", "Reviews due soon"),
            ReviewList::NoDate => (&r.no_date, "no-date", "Policies with no review date"),
        };
        self.paged(
            sink,
            "review-list.html",
            &list.path(),
            policies,
            |ctx, _| {
                ctx.insert("key", key);
                ctx.insert("title", title);
            },
        )
    }

    pub(super) fn month_page(&self, sink: &dyn Sink, key: &str) -> Result<()> {
        let Some(month) = self.months().into_iter().find(|m| m.key == key) else {
            return Ok(());
        };
        let url = month.url.clone();
        self.paged(
            sink,
            "review-month.html",
            &url,
            &self.reviews.by_month[key],
            |ctx, _| ctx.insert("month", &month),
        )
    }

    pub(super) fn category_page(&self, sink: &dyn Sink, slug: &str) -> Result<()> {
        let Some((name, list)) = self.categories.get(slug) else {
            return Ok(());
        };
        self.paged(
            sink,
            "category.html",
            &urls::category(slug),
            list,
            |ctx, _| ctx.insert("name", name),
        )
    }

    pub(super) fn owners_page(&self, sink: &dyn Sink) -> Result<()> {
        let owners = self.summaries(&self.owners, "owners");
        let mut ctx = self.context("")?;
        ctx.insert("owners", &owners);
        self.page(sink, "owners.html", urls::OWNERS, &mut ctx)
    }

    pub(super) fn owner_page(&self, sink: &dyn Sink, slug: &str) -> Result<()> {
        let Some((name, list)) = self.owners.get(slug) else {
            return Ok(());
        };
        let hb = self.hb;
        let mut list = list.clone();
        list.sort_by(|&a, &b| {
            (hb.policies[a].review_by, &hb.policies[a].title)
                .cmp(&(hb.policies[b].review_by, &hb.policies[b].title))
        });
        let calendar = urls::owner_calendar(slug);
        // The strip is on the first page, whose links go up one folder.
        let strip = self.owner_strip(name, &list, "../");
        self.paged(
            sink,
            "owner.html",
            &urls::owner(slug),
            &list,
            |ctx, page| {
                ctx.insert("name", name);
                ctx.insert("calendar", &calendar);
                ctx.insert("strip", if page == 1 { strip.as_str() } else { "" });
            },
        )?;
        let rows = schedule::rows_of(
            self.hb,
            list.iter().map(|&i| &self.hb.policies[i]),
            &self.site.base_url,
        );
        let named = schedule::Calendar::of(self.hb, Some(name));
        sink.put(&calendar, schedule::ics(&rows, &named).as_bytes())
    }

    pub(super) fn letter_links(&self) -> Vec<Letter> {
        self.letters
            .iter()
            .map(|(l, list)| Letter {
                letter: l.clone(),
                url: urls::letter(l),
                count: list.len(),
            })
            .collect()
    }

    pub(super) fn az_page(&self, sink: &dyn Sink) -> Result<()> {
        let mut ctx = self.context("")?;
        ctx.insert("letters", &self.letter_links());
        // Small handbooks list everything on the A–Z page itself.
        let inline = if self.published.len() <= INLINE_LIMIT {
            self.letters
                .iter()
                .map(|(l, list)| tera::Value::from(vec![l.as_str().into(), self.rows(list)]))
                .collect::<Vec<_>>()
        } else {
            Vec::new()
        };
        ctx.insert_value("inline", inline.into());
        self.page(sink, "a-z.html", urls::A_Z, &mut ctx)
    }

    pub(super) fn letter_page(&self, sink: &dyn Sink, letter: &str) -> Result<()> {
        let Some(list) = self.letters.get(letter) else {
            return Ok(());
        };
        let letters = self.letter_links();
        self.paged(
            sink,
            "a-z-letter.html",
            &urls::letter(letter),
            list,
            |ctx, _| {
                ctx.insert("letter", letter);
                ctx.insert("letters", &letters);
            },
        )
    }
}
