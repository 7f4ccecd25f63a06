//! Stage 5, **render**: turn the checked handbook into HTML pages with the
//! theme's Tera templates, and hand each page to the write stage.
//!
//! Pages are rendered in parallel and handed over one by one, so memory
//! stays bounded however large the handbook. No page lists every policy:
//! the A–Z index has a page per letter and the review dashboard a page per
//! month for reviews that are not yet due.

use crate::error::{Error, Result};
use crate::handbook::Handbook;
use crate::handbook::findings::{Finding, Severity};
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::parse::Policy;
use crate::handbook::review::{self, Status};
use crate::site::theme::{self, Theme};
use crate::site::write::Sink;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub mod affected;
pub mod charts;
mod listings;
mod paging;
mod policy_page;
mod statement;
pub mod urls;
mod views;

pub use paging::PAGE_SIZE;

use listings::{Reviews, reviews};
use views::{CategoryLink, Live, Row, Site, StatusView};

/// Settings for a render.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publish drafts too (`--drafts`).
    pub drafts: bool,
    /// Overrides `base_url` from `handbook.yaml` (`--base-url`).
    pub base_url: Option<String>,
}

impl Options {
    /// Whether a policy gets a page (and is in the search index).
    pub fn publishes(&self, p: &Policy) -> bool {
        self.drafts || p.status != Lifecycle::Draft
    }

    /// The sub-path the site is served under: `--base-url` if given, else
    /// `handbook.yaml`'s (both normalized: `/a/`).
    pub fn base_url(&self, config: &crate::handbook::config::Config) -> String {
        match &self.base_url {
            Some(b) => crate::handbook::config::normalize_base_url(b),
            None => config.base_url.clone(),
        }
    }
}

/// What the render did, for the build summary.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Policies that got a page (drafts only with `--drafts`).
    pub policies: usize,
    /// Drafts left out.
    pub drafts_left_out: usize,
    pub pages: usize,
    pub assets: usize,
}

/// Formats a date for people: "30 September 2026".
pub fn human_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// One page of the site, so that `serve` can render just the pages a
/// change affects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    /// A policy page, by index into `Handbook::policies`.
    Policy(usize),
    Home,
    Reviews,
    /// Every overdue, due-soon or undated review, a page of them at a time
    /// (the dashboard shows the first page of each).
    ReviewList(ReviewList),
    /// Reviews due in a month not yet reached (`2027-03`).
    Month(String),
    Category(String),
    Owners,
    Owner(String),
    AZ,
    Letter(String),
    Search,
    NotFound,
    Accessibility,
    /// A page at one of a policy's old names that sends readers on to
    /// it, by its path from the site root (see
    /// [`crate::handbook::aliases`]).
    Redirect(String),
}

/// The review lists that have pages of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReviewList {
    Overdue,
    DueSoon,
    NoDate,
}

impl ReviewList {
    pub const ALL: [ReviewList; 3] = [ReviewList::Overdue, ReviewList::DueSoon, ReviewList::NoDate];

    /// Its first page, from the site root.
    pub fn path(self) -> String {
        urls::reviews(match self {
            ReviewList::Overdue => "overdue",
            ReviewList::DueSoon => "due-soon",
            ReviewList::NoDate => "no-date",
        })
    }
}

/// The template of the category sidebar every page shows.
const SIDEBAR: &str = "partials/sidebar.html";

/// Renders pages of one checked handbook: everything a page needs that
/// depends on more than one policy is worked out once, here.
pub struct Renderer<'a> {
    hb: &'a Handbook,
    tera: &'a tera::Tera,
    site: Site<'a>,
    options: &'a Options,
    /// Indices of the policies that get a page.
    published: Vec<usize>,
    owners: BTreeMap<String, (String, Vec<usize>)>,
    categories: BTreeMap<String, (String, Vec<usize>)>,
    letters: BTreeMap<String, Vec<usize>>,
    reviews: Reviews,
    findings_by_file: HashMap<&'a str, Vec<&'a Finding>>,
    /// `site` as templates see it, made once for every page.
    site_value: tera::Value,
    /// Each policy's listing row as templates see it, made the first
    /// time a listing shows it (a policy is on five or so).
    row_values: Vec<std::sync::OnceLock<tera::Value>>,
    /// HTML files written so far (a long listing is several).
    written: std::sync::atomic::AtomicUsize,
    /// `partials/sidebar.html` rendered for each `root` met so far: it
    /// depends on nothing else, so it is rendered once per folder depth
    /// rather than on every page.
    sidebars: std::sync::Mutex<HashMap<String, tera::Value>>,
}

/// Renders every page of the site into `sink`, with the theme's static
/// files and the handbook's assets.
pub fn render(
    hb: &Handbook,
    options: &Options,
    sink: &dyn Sink,
    progress: &dyn crate::progress::Progress,
) -> Result<Rendered> {
    let theme = Theme::load(&hb.root, &hb.config.theme)?;
    let tera = theme.tera()?;
    let assets = write_files(hb, &theme, options, sink)?;
    let r = Renderer::new(hb, &tera, options);
    let pages = r.all_pages();
    r.render_pages(&pages, sink, progress)?;
    Ok(Rendered {
        policies: r.published.len(),
        drafts_left_out: hb.policies.len() - r.published.len(),
        pages: r.written.load(std::sync::atomic::Ordering::Relaxed),
        assets,
    })
}

pub use urls::SITE_NAMES;

/// Where a file under the handbook's `static/` goes in the site: the same
/// path without `static/` (`static/web.config` → `web.config`).
pub fn static_target(file: &str) -> Option<&str> {
    file.strip_prefix(crate::handbook::load::STATIC_DIR)?
        .strip_prefix('/')
}

/// The site's own file or folder that `target` (a path from the top of
/// the site) would land on or in, if any.
pub fn site_name_clash(target: &str) -> Option<&'static str> {
    let top = target.split('/').next()?;
    SITE_NAMES.iter().copied().find(|name| *name == top)
}

/// Copies the theme's static files, the handbook's assets and its
/// `static/` files into the site; returns how many assets and static
/// files. A static file that would land on one of the site's own is left
/// out (check reports it).
pub fn write_files(
    hb: &Handbook,
    theme: &Theme,
    options: &Options,
    sink: &dyn Sink,
) -> Result<usize> {
    for (path, data) in &theme.statics {
        sink.put(&format!("{}/{path}", urls::STATIC), data)?;
    }
    for asset in hb.index.assets() {
        sink.copy(&hb.root.join(asset), asset)?;
    }
    let beside = published_beside(hb, options);
    for file in &beside {
        sink.copy(&hb.root.join(file), &urls::beside(file))?;
    }
    let mut statics = 0;
    for file in &hb.statics {
        if let Some(target) = static_target(file).filter(|t| site_name_clash(t).is_none()) {
            sink.copy(&hb.root.join(file), target)?;
            statics += 1;
        }
    }
    Ok(hb.index.assets().len() + beside.len() + statics)
}

/// The pages at old names of `hb`'s policies: those whose policy has a
/// page.
pub fn redirects(hb: &Handbook, options: &Options) -> Vec<Page> {
    hb.index
        .aliases()
        .redirects()
        .filter(|&(_, i)| options.publishes(&hb.policies[i]))
        .map(|(path, _)| Page::Redirect(path.to_string()))
        .collect()
}

/// The pictures and documents beside the policies that a policy with a
/// page links to (one linked only from a draft stays off the site).
pub fn published_beside(hb: &Handbook, options: &Options) -> BTreeSet<String> {
    hb.links
        .beside
        .iter()
        .filter(|(_, from)| from.iter().any(|&i| options.publishes(&hb.policies[i])))
        .map(|(file, _)| file.clone())
        .collect()
}

/// The indices of the policies that get a page (and are searchable).
pub fn published(hb: &Handbook, options: &Options) -> Vec<usize> {
    (0..hb.policies.len())
        .filter(|&i| options.publishes(&hb.policies[i]))
        .collect()
}

impl<'a> Renderer<'a> {
    pub fn new(hb: &'a Handbook, tera: &'a tera::Tera, options: &'a Options) -> Renderer<'a> {
        let base_url = options.base_url(&hb.config);
        let published = published(hb, options);
        // Per policy, in parallel: the keys of the listings it is on.
        let keys: Vec<(String, String, String, String)> = published
            .par_iter()
            .map(|&i| {
                let p = &hb.policies[i];
                (
                    slug_or(&p.owner, "owner"),
                    slug_or(&p.category, "category"),
                    letter_of(&p.title),
                    p.title.to_lowercase(),
                )
            })
            .collect();
        let title_key: HashMap<usize, &str> = published
            .iter()
            .zip(&keys)
            .map(|(&i, k)| (i, k.3.as_str()))
            .collect();
        let by_title = |list: &mut Vec<usize>| list.sort_by_key(|i| title_key[i]);
        let mut owners: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        let mut categories: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        let mut letters: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (&i, (owner, category, letter, _)) in published.iter().zip(&keys) {
            let p = &hb.policies[i];
            owners
                .entry(owner.clone())
                .or_insert_with(|| (p.owner.clone(), Vec::new()))
                .1
                .push(i);
            categories
                .entry(category.clone())
                .or_insert_with(|| (p.category.clone(), Vec::new()))
                .1
                .push(i);
            letters.entry(letter.clone()).or_default().push(i);
        }
        for (_, list) in owners.values_mut().chain(categories.values_mut()) {
            by_title(list);
        }
        for list in letters.values_mut() {
            by_title(list);
        }
        let (shown, category_count) = sidebar(hb, options);
        let category_links = shown
            .into_iter()
            .map(|(slug, name, count)| CategoryLink {
                name,
                url: urls::category(&slug),
                count,
            })
            .collect();
        let mut findings_by_file: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for f in &hb.report.findings {
            if f.severity != Severity::Info {
                findings_by_file.entry(f.file.as_str()).or_default().push(f);
            }
        }
        let site = Site {
            title: &hb.config.title,
            organisation: hb.config.organisation.as_deref(),
            // Only a logo that is there (check reports one that is not):
            // never a broken picture in every header.
            logo: hb
                .config
                .logo
                .as_ref()
                .filter(|(path, _)| hb.index.assets().contains(path))
                .map(|(path, _)| url_encode(path)),
            base_url,
            today: human_date(hb.today),
            today_iso: hb.today.to_string(),
            categories: category_links,
            category_count,
            status_labels: serde_json::json!({
                Status::Overdue.key(): Status::Overdue.label(),
                Status::DueSoon.key(): Status::DueSoon.label(),
                Status::Current.key(): Status::Current.label(),
            })
            .to_string(),
        };
        let reviews = reviews(hb, &published);
        Renderer {
            hb,
            tera,
            site_value: tera::Value::from_serializable(&site),
            site,
            row_values: (0..hb.policies.len()).map(|_| Default::default()).collect(),
            options,
            published,
            owners,
            categories,
            letters,
            reviews,
            findings_by_file,
            written: Default::default(),
            sidebars: Default::default(),
        }
    }

    /// Every page of the site.
    pub fn all_pages(&self) -> Vec<Page> {
        // The listings first: some take far longer than a policy page
        // (the dashboard and its calendars, an owner's paged lists), and
        // started last, one would finish alone on one core while the
        // other waits; started first, the policy pages fill in around
        // them.
        let mut pages: Vec<Page> = vec![
            Page::Home,
            Page::Reviews,
            Page::Owners,
            Page::AZ,
            Page::Search,
            Page::NotFound,
            Page::Accessibility,
        ];
        pages.extend(ReviewList::ALL.map(Page::ReviewList));
        pages.extend(self.reviews.by_month.keys().map(|m| Page::Month(m.clone())));
        pages.extend(self.categories.keys().map(|c| Page::Category(c.clone())));
        pages.extend(self.owners.keys().map(|o| Page::Owner(o.clone())));
        pages.extend(self.letters.keys().map(|l| Page::Letter(l.clone())));
        pages.extend(self.published.iter().map(|&i| Page::Policy(i)));
        pages.extend(redirects(self.hb, self.options));
        pages
    }

    /// The A–Z letters this renderer makes a page for.
    pub fn letters(&self) -> BTreeSet<String> {
        self.letters.keys().cloned().collect()
    }

    /// Whether a page exists in this state of the handbook.
    pub fn exists(&self, page: &Page) -> bool {
        match page {
            Page::Policy(i) => self
                .hb
                .policies
                .get(*i)
                .is_some_and(|p| self.is_published(p)),
            Page::Month(m) => self.reviews.by_month.contains_key(m),
            Page::Category(c) => self.categories.contains_key(c),
            Page::Owner(o) => self.owners.contains_key(o),
            Page::Letter(l) => self.letters.contains_key(l),
            Page::Redirect(path) => self.redirect_target(path).is_some(),
            _ => true,
        }
    }

    /// Where a page is written, relative to the site root.
    pub fn path_of(&self, page: &Page) -> Option<String> {
        Some(match page {
            Page::Policy(i) => urls::policy(&self.hb.policies.get(*i)?.id),
            Page::Home => urls::HOME.to_string(),
            Page::Reviews => urls::REVIEWS.to_string(),
            Page::ReviewList(list) => list.path(),
            Page::Month(m) => urls::reviews(m),
            Page::Category(c) => urls::category(c),
            Page::Owners => urls::OWNERS.to_string(),
            Page::Owner(o) => urls::owner(o),
            Page::AZ => urls::A_Z.to_string(),
            Page::Letter(l) => urls::letter(l),
            Page::Search => urls::SEARCH.to_string(),
            Page::NotFound => urls::NOT_FOUND.to_string(),
            Page::Accessibility => urls::ACCESSIBILITY.to_string(),
            Page::Redirect(path) => path.clone(),
        })
    }

    /// Every file a page writes: its HTML, and the schedule's files
    /// beside the dashboard and each owner's page.
    pub fn files_of(&self, page: &Page) -> Vec<String> {
        let mut files: Vec<String> = self.path_of(page).into_iter().collect();
        match page {
            Page::Reviews => files.extend([urls::REVIEWS_CSV, urls::REVIEWS_ICS].map(String::from)),
            Page::Owner(o) => files.push(urls::owner_calendar(o)),
            _ => {}
        }
        files
    }

    /// The folder that holds pages 2 onwards of a listing page, if it is
    /// one: `serve` empties it before rendering the listing again, as
    /// the list may have become shorter.
    pub fn more_pages_folder(&self, page: &Page) -> Option<String> {
        match page {
            Page::ReviewList(_)
            | Page::Month(_)
            | Page::Category(_)
            | Page::Owner(_)
            | Page::Letter(_) => Some(format!("{}/", paging::folder_of(&self.path_of(page)?))),
            _ => None,
        }
    }

    /// Renders `pages` into `sink`, in parallel. A page that no longer
    /// exists (a category emptied by the change) is skipped.
    pub fn render_pages(
        &self,
        pages: &[Page],
        sink: &dyn Sink,
        progress: &dyn crate::progress::Progress,
    ) -> Result<()> {
        progress.start("Writing the pages", Some(pages.len() as u64));
        let written = pages.par_iter().try_for_each(|page| {
            progress.step();
            self.render_page(page, sink)
        });
        progress.finish();
        written
    }

    fn render_page(&self, page: &Page, sink: &dyn Sink) -> Result<()> {
        match page {
            Page::Policy(i) => {
                if *i < self.hb.policies.len() && self.is_published(&self.hb.policies[*i]) {
                    self.policy_page(sink, *i)?;
                }
                Ok(())
            }
            Page::Home => self.home(sink),
            Page::Reviews => self.reviews_page(sink),
            Page::ReviewList(list) => self.review_list_page(sink, *list),
            Page::Month(key) => self.month_page(sink, key),
            Page::Category(slug) => self.category_page(sink, slug),
            Page::Owners => self.owners_page(sink),
            Page::Owner(slug) => self.owner_page(sink, slug),
            Page::AZ => self.az_page(sink),
            Page::Letter(letter) => self.letter_page(sink, letter),
            Page::Search => self.page(sink, "search.html", urls::SEARCH, &mut self.context("")?),
            Page::NotFound => {
                let mut ctx = self.context(&self.site.base_url)?;
                ctx.insert("counts", &self.reviews.counts);
                self.page(sink, "404.html", urls::NOT_FOUND, &mut ctx)
            }
            Page::Accessibility => self.statement_page(sink),
            Page::Redirect(path) => self.redirect_page(sink, path),
        }
    }

    /// The policy a redirect page at `path` sends readers to, if it has
    /// a page.
    fn redirect_target(&self, path: &str) -> Option<&Policy> {
        let i = self.hb.index.aliases().redirect(path)?;
        Some(&self.hb.policies[i]).filter(|p| self.is_published(p))
    }

    /// A page at an old name: a link to the policy, which the browser
    /// follows at once (from disk too), by a path relative to the page.
    fn redirect_page(&self, sink: &dyn Sink, path: &str) -> Result<()> {
        let Some(p) = self.redirect_target(path) else {
            return Ok(());
        };
        let root = "../".repeat(path.matches('/').count());
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("root", &root);
        ctx.insert("target", &format!("{root}{}", urls::policy(&p.id)));
        ctx.insert(
            "policy",
            &serde_json::json!({ "title": p.title, "id": p.id }),
        );
        self.page(sink, "redirect.html", path, &mut ctx)
    }
}

/// The listing pages a policy appears on (its category, owner, letter,
/// review month and review list, and the pages that summarise them all).
pub fn listings_of(hb: &Handbook, p: &Policy) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::Reviews,
        Page::Owners,
        Page::AZ,
        Page::Category(slug_or(&p.category, "category")),
        Page::Owner(slug_or(&p.owner, "owner")),
        Page::Letter(letter_of(&p.title)),
    ];
    if let Some(d) = p.review_by {
        pages.push(Page::Month(d.strftime("%Y-%m").to_string()));
    }
    // Only the review list the policy is on: the others can be long, and
    // a change of status is seen from both sides (before and after).
    let list = match hb.status(p) {
        Status::Overdue => Some(ReviewList::Overdue),
        Status::DueSoon => Some(ReviewList::DueSoon),
        Status::NoDate => Some(ReviewList::NoDate),
        Status::Current | Status::Retired => None,
    };
    pages.extend(list.map(Page::ReviewList));
    pages
}

/// The A–Z letters of the published policies' titles: the letter pages
/// there are, each of which lists them all.
pub fn a_to_z_letters(hb: &Handbook, options: &Options) -> BTreeSet<String> {
    hb.policies
        .iter()
        .filter(|p| options.publishes(p))
        .map(|p| letter_of(&p.title))
        .collect()
}

/// The most categories every page's sidebar lists: a handbook of many
/// small categories would otherwise make every page as long as the list,
/// and the site grow with categories × pages. The rest are on the home
/// page, which the sidebar links to.
pub const SIDEBAR_CATEGORIES: usize = 25;

/// The categories every page sees as `site.categories` (slug, name,
/// count), and how many there are in all (`site.category_count`): the
/// [`SIDEBAR_CATEGORIES`] largest, in name order. When it changes, every
/// page must be rendered again, so it holds nothing that can change
/// without it (the home page gets each category's overdue count on its
/// own).
pub fn sidebar(hb: &Handbook, options: &Options) -> (Vec<(String, String, usize)>, usize) {
    let mut categories: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for p in hb.policies.iter().filter(|p| options.publishes(p)) {
        categories
            .entry(slug_or(&p.category, "category"))
            .or_insert_with(|| (p.category.clone(), 0))
            .1 += 1;
    }
    let total = categories.len();
    let mut shown: Vec<(String, String, usize)> = categories
        .into_iter()
        .map(|(slug, (name, count))| (slug, name, count))
        .collect();
    if shown.len() > SIDEBAR_CATEGORIES {
        // The largest, ties by slug; then back in slug order.
        shown.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        shown.truncate(SIDEBAR_CATEGORIES);
        shown.sort_by(|a, b| a.0.cmp(&b.0));
    }
    (shown, total)
}

/// How many of the policies `list` have review status `status`.
fn count_status(hb: &Handbook, list: &[usize], status: Status) -> usize {
    list.iter()
        .filter(|&&i| hb.status(&hb.policies[i]) == status)
        .count()
}

fn slug_or(text: &str, fallback: &str) -> String {
    let s = crate::handbook::slug::id(text);
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

impl Renderer<'_> {
    fn status_view(&self, p: &Policy) -> StatusView {
        let status = self.hb.status(p);
        let detail = match (status, p.review_by) {
            (Status::Retired, _) => "retired: kept for reference, no longer in force".to_string(),
            (_, None) => "no review date has been set".to_string(),
            (Status::Overdue, Some(d)) => {
                let days = review::days_between(d, self.hb.today);
                format!(
                    "review was due {} ago, on {}",
                    review::describe_days(days),
                    human_date(d)
                )
            }
            (Status::DueSoon, Some(d)) => {
                let days = review::days_between(self.hb.today, d);
                let when = review::due_in(days);
                format!("review due {when}, on {}", human_date(d))
            }
            (_, Some(d)) => format!("next review {}", human_date(d)),
        };
        let (key, label) = self.hb.status_label(p);
        let live = match (status, p.review_by) {
            (Status::Overdue | Status::DueSoon | Status::Current, Some(d))
                if p.status == crate::handbook::lifecycle::Lifecycle::Active =>
            {
                let (soon, overdue) = Status::changes(d, self.hb.config.due_soon_days);
                Some(Live {
                    due_soon_from: soon.to_string(),
                    overdue_from: overdue.to_string(),
                })
            }
            _ => None,
        };
        StatusView {
            key,
            label,
            detail,
            live,
        }
    }

    fn row(&self, i: usize) -> Row {
        let p = &self.hb.policies[i];
        Row {
            id: p.id.clone(),
            title: p.title.clone(),
            url: urls::policy(&p.id),
            category: p.category.clone(),
            category_url: urls::category(&slug_or(&p.category, "category")),
            owner: p.owner.clone(),
            owner_url: urls::owner(&slug_or(&p.owner, "owner")),
            review_by: p.review_by.map(|d| d.to_string()),
            review_by_human: p.review_by.map(human_date),
            status: self.status_view(p),
            lifecycle: p.status,
            summary: p.summary.clone(),
        }
    }

    fn is_published(&self, p: &Policy) -> bool {
        self.options.publishes(p)
    }

    /// What every page's template sees: `site`, `root` (the way back to
    /// the site's top from the page) and `sidebar`.
    fn context(&self, root: &str) -> Result<tera::Context> {
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("root", root);
        let sidebar = self.sidebar(root, &ctx)?;
        ctx.insert_value("sidebar", sidebar);
        Ok(ctx)
    }

    /// `partials/sidebar.html` for pages at `root`, rendered with `ctx`
    /// (`site` and `root`) the first time a page there asks for it.
    fn sidebar(&self, root: &str, ctx: &tera::Context) -> Result<tera::Value> {
        let sidebars = || self.sidebars.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(html) = sidebars().get(root) {
            return Ok(html.clone());
        }
        let html = self.tera.render(SIDEBAR, ctx).map_err(|e| {
            Error::Theme(format!(
                "could not render {SIDEBAR}: {}",
                theme::tera_message(&e)
            ))
        })?;
        let html = tera::Value::from(html);
        sidebars().insert(root.to_string(), html.clone());
        Ok(html)
    }

    /// Renders `template` with `ctx` into the page at `path`, which its
    /// template sees as `page_path` and `page_section` (the navigation
    /// marks where it is)
    /// and `page_address` (its full address, when `site_url` is set).
    fn page(
        &self,
        sink: &dyn Sink,
        template: &str,
        path: &str,
        ctx: &mut tera::Context,
    ) -> Result<()> {
        ctx.insert("page_path", path);
        // `reviews` for reviews.html and reviews/2027-03.html.
        ctx.insert("page_section", path.split(['/', '.']).next().unwrap_or(""));
        // Printed at the foot of the page (static/page.js writes the
        // address it was opened at, when it runs).
        ctx.insert(
            "page_address",
            &self.hb.config.address(&self.site.base_url, path),
        );
        let html = self.tera.render(template, ctx).map_err(|e| {
            Error::Theme(format!(
                "could not render {path} with {template}: {}",
                theme::tera_message(&e)
            ))
        })?;
        self.written
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        sink.put(path, html.as_bytes())
    }

    /// The listing rows of the policies `list`, for a template.
    fn rows(&self, list: &[usize]) -> tera::Value {
        let rows: Vec<tera::Value> = list
            .iter()
            .map(|&i| {
                self.row_values[i]
                    .get_or_init(|| tera::Value::from_serializable(&self.row(i)))
                    .clone()
            })
            .collect();
        rows.into()
    }
}

/// The A–Z letter of a title: its first letter, upper-cased and without
/// accents for Latin letters; "#" for digits and symbols.
fn letter_of(title: &str) -> String {
    let first = title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next();
    match first {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase().to_string(),
        Some(c) if c.is_alphabetic() => {
            let folded = crate::handbook::slug::id(&c.to_string()).to_uppercase();
            if folded.len() == 1 && folded.chars().all(|c| c.is_ascii_alphabetic()) {
                folded
            } else {
                c.to_uppercase().to_string()
            }
        }
        _ => "#".to_string(),
    }
}

/// The file name of a letter's A–Z page: `a`, `0-9`, or the code points
/// of a letter outside ASCII (`u5b89` for 安), so that every letter has a
/// page of its own with a plain name.
/// Percent-encodes a path or fragment for an `href`, keeping `/`.
pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(letter_of("Internet and Email"), "I");
        assert_eq!(letter_of("émigré policy"), "E");
        assert_eq!(letter_of("2024 changes"), "#");
        assert_eq!(letter_of("\"Quoted\""), "Q");
    }

    #[test]
    fn encoding() {
        assert_eq!(url_encode("assets/my form.pdf"), "assets/my%20form.pdf");
        assert_eq!(url_encode("café"), "caf%C3%A9");
    }
}
