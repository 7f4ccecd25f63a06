//! Long listings split over numbered pages, so that no page grows with
//! the handbook: page 1 of a list keeps the list's own path
//! (`categories/finance.html`) and page `n` is `categories/finance/n.html`.

use super::Renderer;
use super::views::{Pager, PagerLink};
use crate::error::Result;
use crate::site::write::Sink;

/// Policies on one page of a listing.
pub const PAGE_SIZE: usize = 100;

/// The path of page `n` (from 1) of the list whose first page is `first`.
pub fn page_path(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{}/{n}.html", folder_of(first))
    }
}

/// The folder holding pages 2 onwards of the list whose first page is
/// `first` (`categories/finance`).
pub fn folder_of(first: &str) -> &str {
    first.strip_suffix(".html").unwrap_or(first)
}

/// How many pages a list of `len` policies takes (at least one, which
/// says the list is empty).
pub fn page_count(len: usize) -> usize {
    len.div_ceil(PAGE_SIZE).max(1)
}

/// The pager of page `number` of `count` pages of a `total`-long list.
fn pager(first: &str, number: usize, count: usize, total: usize) -> Pager {
    let show = |n: usize| count <= 9 || n == 1 || n == count || n.abs_diff(number) <= 2;
    let mut links = Vec::new();
    for n in 1..=count {
        if show(n) {
            links.push(PagerLink {
                number: n,
                url: Some(page_path(first, n)),
                current: n == number,
            });
        } else if links.last().is_some_and(|l| l.url.is_some()) {
            links.push(PagerLink {
                number: n,
                url: None,
                current: false,
            });
        }
    }
    Pager {
        number,
        count,
        total,
        from: ((number - 1) * PAGE_SIZE + 1).min(total),
        to: (number * PAGE_SIZE).min(total),
        prev: (number > 1).then(|| page_path(first, number - 1)),
        next: (number < count).then(|| page_path(first, number + 1)),
        links,
    }
}

impl Renderer<'_> {
    /// Renders the list `policies` (indices into the handbook, in the
    /// order shown) with `template`, [`PAGE_SIZE`] to a page, starting at
    /// `first`. `fill` adds what every page of the list shows; each page
    /// gets `policies` (its rows), `total` and `pager`.
    pub(super) fn paged(
        &self,
        sink: &dyn Sink,
        template: &str,
        first: &str,
        policies: &[usize],
        fill: impl Fn(&mut tera::Context, usize),
    ) -> Result<()> {
        let count = page_count(policies.len());
        for number in 1..=count {
            let path = page_path(first, number);
            let mut ctx = self.context(&"../".repeat(path.matches('/').count()))?;
            fill(&mut ctx, number);
            let start = ((number - 1) * PAGE_SIZE).min(policies.len());
            let end = (number * PAGE_SIZE).min(policies.len());
            ctx.insert_value("policies", self.rows(&policies[start..end]));
            ctx.insert("total", &policies.len());
            ctx.insert("pager", &pager(first, number, count, policies.len()));
            self.page(sink, template, &path, &mut ctx)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_after_the_first_go_in_a_folder_named_after_the_list() {
        assert_eq!(
            page_path("categories/finance.html", 1),
            "categories/finance.html"
        );
        assert_eq!(
            page_path("categories/finance.html", 2),
            "categories/finance/2.html"
        );
        assert_eq!(
            page_path("reviews/2027-03.html", 12),
            "reviews/2027-03/12.html"
        );
        assert_eq!(folder_of("a-z/p.html"), "a-z/p");
    }

    #[test]
    fn page_counts() {
        for (len, pages) in [(0, 1), (1, 1), (100, 1), (101, 2), (1000, 10), (1001, 11)] {
            assert_eq!(page_count(len), pages, "{len}");
        }
    }

    #[test]
    fn pagers_show_every_page_of_short_lists_and_a_window_of_long_ones() {
        let numbers = |p: &Pager| -> String {
            p.links
                .iter()
                .map(|l| match (&l.url, l.current) {
                    (None, _) => "…".to_string(),
                    (Some(_), true) => format!("[{}]", l.number),
                    (Some(_), false) => l.number.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let p = pager("c/x.html", 1, 3, 250);
        assert_eq!(numbers(&p), "[1] 2 3");
        assert_eq!(
            (p.from, p.to, p.prev.as_deref(), p.next.as_deref()),
            (1, 100, None, Some("c/x/2.html"))
        );
        let p = pager("c/x.html", 3, 3, 250);
        assert_eq!(
            (p.from, p.to, p.prev.as_deref(), p.next.as_deref()),
            (201, 250, Some("c/x/2.html"), None)
        );
        assert_eq!(
            numbers(&pager("c/x.html", 10, 20, 2000)),
            "1 … 8 9 [10] 11 12 … 20"
        );
        assert_eq!(numbers(&pager("c/x.html", 1, 20, 2000)), "[1] 2 3 … 20");
        assert_eq!(
            numbers(&pager("c/x.html", 19, 20, 2000)),
            "1 … 17 18 [19] 20"
        );
        let empty = pager("c/x.html", 1, 1, 0);
        assert_eq!((empty.from, empty.to, empty.count), (0, 0, 1));
    }
}
