//! Which pages a change to some policy files affects, beside the pages
//! themselves: `serve` takes a [`Before`] of the handbook, reloads and
//! relinks the changed files, and asks it to render again what the change
//! touched ([`Before::render_after`]) into the pages it already has. The
//! rules are here, with the pages they are about; `serve` only watches,
//! calls and serves. A test (`tests/serve.rs`) keeps the result equal to
//! a fresh build.

use super::{Options, Page, Renderer, a_to_z_letters, listings_of, redirects, sidebar, urls};
use crate::error::Result;
use crate::handbook::Handbook;
use crate::handbook::findings::Kind;
use crate::site::write::{MemorySink, Sink};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the changed policies touched before the change.
pub struct Before {
    /// Policy files whose pages show the changed ones (their links).
    touched: HashSet<String>,
    /// The listings the changed policies were on.
    old_pages: Vec<Page>,
    sidebar: (Vec<(String, String, usize)>, usize),
    /// The A–Z letters, which every letter page lists.
    letters: BTreeSet<String>,
    /// Each policy file's id.
    ids: HashMap<String, String>,
    /// The files with a broken link.
    broken: HashSet<String>,
    /// Each policy file's status and replacement: a change can retire
    /// a policy it does not touch (a new `supersedes`), or bring it back.
    lives: HashMap<String, (crate::handbook::lifecycle::Lifecycle, Option<String>)>,
    /// The policies' old names, and the redirect pages they made.
    aliases: (BTreeSet<String>, Vec<Page>),
    /// The pictures and documents beside the policies that were published.
    beside: BTreeSet<String>,
}

impl Before {
    /// Notes what the policy files `changed` touch in `hb`, before they
    /// are read again.
    pub fn of(hb: &Handbook, changed: &[String], options: &Options) -> Before {
        let mut touched = HashSet::new();
        let mut old_pages = Vec::new();
        for rel in changed {
            if let Some(i) = hb.policy_by_file(rel) {
                touched.extend(neighbours(hb, i));
                old_pages.extend(listings_of(hb, &hb.policies[i]));
            }
        }
        Before {
            touched,
            old_pages,
            sidebar: sidebar(hb, options),
            letters: a_to_z_letters(hb, options),
            ids: ids(hb),
            broken: with_broken_links(hb),
            lives: lives(hb),
            aliases: (hb.index.aliases().names(), redirects(hb, options)),
            beside: super::published_beside(hb, options),
        }
    }

    /// The policies whose status or replacement the change altered, in
    /// `hb` (reloaded and relinked).
    fn relived(&self, hb: &Handbook) -> Vec<usize> {
        let now = lives(hb);
        (0..hb.policies.len())
            .filter(|&i| self.lives.get(&hb.policies[i].file) != now.get(&hb.policies[i].file))
            .collect()
    }

    /// The policy files whose search records the change to `changed`
    /// touches in `hb` (reloaded and relinked): those files, the policies
    /// whose status or replacement changed, and those the changed ones
    /// replace (a replaced policy's result names its replacement).
    pub fn search_changes(&self, hb: &Handbook, changed: &[String]) -> Vec<String> {
        let mut files: HashSet<String> = changed.iter().cloned().collect();
        files.extend(
            self.relived(hb)
                .into_iter()
                .map(|i| hb.policies[i].file.clone()),
        );
        for rel in changed {
            if let Some(i) = hb.policy_by_file(rel) {
                files.extend(
                    successions(hb, i)
                        .into_iter()
                        .map(|j| hb.policies[j].file.clone()),
                );
                // A bare [[id]] is searched as its target's title.
                files.extend(
                    hb.links.incoming[i]
                        .iter()
                        .filter(|&&j| !hb.policies[j].bare_links.is_empty())
                        .map(|&j| hb.policies[j].file.clone()),
                );
            }
        }
        let mut files: Vec<String> = files.into_iter().collect();
        files.sort();
        files
    }

    /// Renders again, into `sink` (which holds the pages from before),
    /// every page the change to `changed` affects in `hb` (reloaded and
    /// relinked), and removes the pages that are gone.
    pub fn render_after(
        self,
        hb: &Handbook,
        tera: &tera::Tera,
        options: &Options,
        changed: &[String],
        sink: &MemorySink,
    ) -> Result<()> {
        // A picture beside the policies is published while one links to it.
        let beside = super::published_beside(hb, options);
        for gone in self.beside.difference(&beside) {
            sink.remove(&urls::beside(gone));
        }
        for new in beside.difference(&self.beside) {
            sink.copy(&hb.root.join(new), &urls::beside(new))?;
        }
        let relived = self.relived(hb);
        let mut touched = self.touched;
        let ids_after = ids(hb);
        // Policies whose page moved: the changed ones, and any whose id
        // a duplicate made (or stopped making) `-2`.
        let mut moved: Vec<String> = changed.to_vec();
        for (file, id) in &ids_after {
            if self.ids.get(file).is_some_and(|old| old != id) {
                moved.push(file.clone());
            }
        }
        // When ids come or go, links that were broken may now resolve (and
        // their "did you mean" change), and links that worked may break.
        let aliases_after = hb.index.aliases().names();
        let ids_changed =
            self.ids.values().collect::<HashSet<_>>() != ids_after.values().collect::<HashSet<_>>();
        if ids_changed || self.aliases.0 != aliases_after {
            touched.extend(self.broken);
            touched.extend(with_broken_links(hb));
        }
        // A clash of old names is reported on the page of the later claim,
        // which the change may not touch.
        if self.aliases.0 != aliases_after {
            touched.extend(
                hb.policies
                    .iter()
                    .filter(|p| !p.aliases.is_empty())
                    .map(|p| p.file.clone()),
            );
        }
        let renderer = Renderer::new(hb, tera, options);
        // Redirect pages are few: all are written again, and those gone
        // are removed.
        let redirects_after = redirects(hb, options);
        for gone in self
            .aliases
            .1
            .iter()
            .filter(|p| !redirects_after.contains(p))
        {
            for path in renderer.files_of(gone) {
                sink.remove(&path);
            }
        }
        let pages = if sidebar(hb, options) != self.sidebar {
            // The category list on every page changed: render them all.
            sink.retain(|path| !urls::is_rendered(path));
            renderer.all_pages()
        } else {
            for file in &moved {
                if let Some(id) = self.ids.get(file) {
                    sink.remove(&urls::policy(id));
                }
            }
            let mut pages = self.old_pages;
            // A policy retired or brought back: its page, its listings,
            // and the pages that link to it (their badges, their warnings).
            for &i in &relived {
                pages.push(Page::Policy(i));
                pages.extend(listings_of(hb, &hb.policies[i]));
                touched.extend(neighbours(hb, i));
            }
            for file in &moved {
                if let Some(i) = hb.policy_by_file(file) {
                    pages.push(Page::Policy(i));
                    pages.extend(listings_of(hb, &hb.policies[i]));
                    touched.extend(neighbours(hb, i));
                }
            }
            pages.extend(
                touched
                    .iter()
                    .filter_map(|f| hb.policy_by_file(f))
                    .map(Page::Policy),
            );
            pages.extend(redirects_after);
            // A letter come or gone: every letter page lists the letters.
            if renderer.letters() != self.letters {
                pages.extend(renderer.letters().into_iter().map(Page::Letter));
            }
            pages.sort();
            pages.dedup();
            for page in &pages {
                // A listing may now take fewer pages than it did.
                if let Some(folder) = renderer.more_pages_folder(page) {
                    sink.retain(|path| !path.starts_with(&folder));
                }
                if !renderer.exists(page) {
                    for path in renderer.files_of(page) {
                        sink.remove(&path);
                    }
                }
            }
            pages
        };
        renderer.render_pages(&pages, sink, &crate::progress::SILENT)
    }
}

/// Each policy file's status and replacement.
fn lives(
    hb: &Handbook,
) -> HashMap<String, (crate::handbook::lifecycle::Lifecycle, Option<String>)> {
    hb.policies
        .iter()
        .map(|p| (p.file.clone(), (p.status, p.replaced_by.clone())))
        .collect()
}

/// Each policy file's id.
fn ids(hb: &Handbook) -> HashMap<String, String> {
    hb.policies
        .iter()
        .map(|p| (p.file.clone(), p.id.clone()))
        .collect()
}

/// The files with a broken link (their pages show it).
fn with_broken_links(hb: &Handbook) -> HashSet<String> {
    hb.report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::BrokenReference | Kind::BrokenAnchor))
        .map(|f| f.file.clone())
        .collect()
}

/// The files of the policies that link to policy `i` or that it links
/// to, and of those it replaces or that replace it (whose banners name
/// it).
fn neighbours(hb: &Handbook, i: usize) -> impl Iterator<Item = String> + '_ {
    hb.links.incoming[i]
        .iter()
        .chain(&hb.links.outgoing[i])
        .copied()
        .chain(successions(hb, i))
        .map(|j| hb.policies[j].file.clone())
}

/// The policies policy `i` replaces, or that replace it, or that its
/// front-matter names as such: a change to it can retire them or bring
/// them back, on their pages and in every listing they are on.
fn successions(hb: &Handbook, i: usize) -> Vec<usize> {
    let p = &hb.policies[i];
    p.replaces
        .iter()
        .chain(&p.replaced_by)
        .chain(p.supersedes.iter().map(|a| &a.value))
        .chain(p.superseded_by.iter().map(|a| &a.value))
        .filter_map(|id| hb.index.policy_by_id(id))
        .collect()
}
