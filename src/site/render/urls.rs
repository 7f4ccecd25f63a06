//! The site's URL scheme, in one place: where each page lives, from the
//! site root (every link is then made relative to the page it is on, by
//! `root`). A new kind of page is a line here; the renderer, the search
//! index (whose records link to policy pages), `serve`'s invalidation and
//! the check that `static/` files do not land on the site's own all call
//! these.

/// The home page.
pub const HOME: &str = "index.html";
/// The review dashboard.
pub const REVIEWS: &str = "reviews.html";
/// The list of owners.
pub const OWNERS: &str = "owners.html";
/// The A–Z index.
pub const A_Z: &str = "a-z.html";
/// The search page.
pub const SEARCH: &str = "search.html";
/// The page served for any path that has none.
pub const NOT_FOUND: &str = "404.html";
/// The accessibility statement.
pub const ACCESSIBILITY: &str = "accessibility.html";
/// The review schedule as a spreadsheet, beside the dashboard.
pub const REVIEWS_CSV: &str = "reviews.csv";
/// The review schedule as a calendar, beside the dashboard.
pub const REVIEWS_ICS: &str = "reviews.ics";
/// The folder of the theme's static files (CSS, scripts).
pub const STATIC: &str = "static";
/// The folder of the search index.
pub const SEARCH_INDEX: &str = "search";

/// The folder of the pictures and documents kept beside policies.
pub const BESIDE: &str = "files";

/// Where a picture or document beside the policies (`safeguarding/photo.png`,
/// from the handbook folder) is published.
pub fn beside(file: &str) -> String {
    format!("{BESIDE}/{file}")
}

/// The file in the handbook folder that a site path under [`BESIDE`] is.
pub fn beside_file(path: &str) -> Option<&str> {
    path.strip_prefix(BESIDE)?.strip_prefix('/')
}

/// A policy's page.
pub fn policy(id: &str) -> String {
    format!("policies/{id}.html")
}

/// A category's page (its first, when it is paged).
pub fn category(slug: &str) -> String {
    format!("categories/{slug}.html")
}

/// An owner's page.
pub fn owner(slug: &str) -> String {
    format!("owners/{slug}.html")
}

/// An owner's reviews as a calendar, beside their page.
pub fn owner_calendar(slug: &str) -> String {
    format!("owners/{slug}.ics")
}

/// A letter's page of the A–Z index.
pub fn letter(letter: &str) -> String {
    format!("a-z/{}.html", letter_slug(letter))
}

/// A page of the review dashboard: a month (`2027-03`) or a list
/// (`overdue`, `due-soon`, `no-date`).
pub fn reviews(key: &str) -> String {
    format!("reviews/{key}.html")
}

/// Every name at the top of a site that policybook writes itself (a test
/// builds a site and checks that it writes nothing else there): first
/// those it copies or the search index writes, then those pages write
/// ([`is_rendered`]).
pub const SITE_NAMES: &[&str] = &[
    SEARCH_INDEX,
    STATIC,
    crate::handbook::load::ASSETS_DIR,
    BESIDE,
    crate::site::write::MARKER,
    HOME,
    NOT_FOUND,
    ACCESSIBILITY,
    SEARCH,
    A_Z,
    "a-z",
    REVIEWS,
    REVIEWS_CSV,
    REVIEWS_ICS,
    "reviews",
    OWNERS,
    "owners",
    "categories",
    "policies",
];

/// The names of [`SITE_NAMES`] that pages write: all but the first five.
const RENDERED: &[&str] = SITE_NAMES.split_at(5).1;

/// Whether `path` (from the site root) is written by rendering pages,
/// rather than copied (an asset, a theme or `static/` file) or made by
/// the search index.
pub fn is_rendered(path: &str) -> bool {
    let top = path.split('/').next().unwrap_or(path);
    RENDERED.contains(&top)
}

/// A letter as a file name: itself in lower case, `0-9` for digits and
/// the like, and code points for other scripts (`安` → `u5b89`).
fn letter_slug(letter: &str) -> String {
    if letter == "#" {
        "0-9".to_string()
    } else if letter.chars().all(|c| c.is_ascii_alphanumeric()) {
        letter.to_ascii_lowercase()
    } else {
        letter.chars().map(|c| format!("u{:x}", c as u32)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_write_the_rendered_names_and_nothing_copied() {
        assert!(is_rendered(&policy("a")));
        assert!(is_rendered(REVIEWS_CSV));
        assert!(is_rendered(&owner_calendar("a")));
        assert!(is_rendered(&reviews("2027-01")));
        for copied in [
            "assets/form.html",
            "static/style.css",
            "search/a.json",
            "google1.html",
        ] {
            assert!(!is_rendered(copied), "{copied}");
        }
    }

    #[test]
    fn letters() {
        assert_eq!(letter("A"), "a-z/a.html");
        assert_eq!(letter("#"), "a-z/0-9.html");
        assert_eq!(letter("安"), "a-z/u5b89.html");
        assert_ne!(letter("安"), letter("안"));
    }
}
