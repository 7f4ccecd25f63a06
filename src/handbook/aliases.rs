//! Part of stage 3, **link**: a policy's old names, from `aliases:` in
//! its front-matter (or `redirect_from:`, as Jekyll and Hugo handbooks
//! spell it), so that links and bookmarks made before a policy was
//! renamed or moved keep working.
//!
//! An old name is one of three things ([`classify`], a pure function
//! tested over a table below):
//! - an old **id** (`internet-use`): `[[internet-use]]` and `related:
//!   internet-use` reach the policy, and the site keeps a page at
//!   `policies/internet-use.html` that sends readers on;
//! - an old **file** (`it/internet-use.md`): links to that file reach the
//!   policy, and the old file's page is kept the same way while no policy
//!   has its id;
//! - an old **page** of the intranet the handbook came from
//!   (`/it/internet/`, `/policies/internet.html`): links written that way
//!   reach the policy, and the site gets a small page at that path.
//!
//! [`Aliases::build`] checks them all against each other, the policies'
//! ids and files, the site's own pages and the handbook's `static/`
//! files, case-insensitively (a shared drive on Windows does not tell
//! `Old.html` from `old.html`): every clash is an error at its line, and
//! the first claim (in file order) keeps the name. The render stage
//! writes the pages ([`Aliases::redirects`]).

use crate::handbook::findings::{Finding, Kind, Severity};
use crate::handbook::parse::Policy;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The front-matter keys that hold old names, as written.
pub const KEYS: [&str; 2] = ["aliases", "redirect_from"];

/// One old name, as a policy's front-matter writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub written: String,
    pub line: u32,
    /// `aliases` or `redirect_from`.
    pub key: &'static str,
}

/// What an old name is (see the module's doc).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Old {
    Id(String),
    File(String),
    /// A page of the old site: the path its redirect is written at (from
    /// the site root, ending in `.html`), and the path links name it by
    /// (without `.html`, `/index.html` or a final `/`).
    Page {
        page: String,
        link: String,
    },
}

/// The longest part of an old page's path, and the longest path, in
/// bytes: a shared drive on Windows cannot hold much more beside the
/// site folder's own path.
const MAX_PART: usize = 100;
const MAX_PATH: usize = 200;

/// Names Windows keeps for devices, whatever follows a dot (`con.html`).
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Pages a web server shows for the top of the site before or instead of
/// `index.html` (IIS's default documents).
const HOME_PAGES: &[&str] = &["index.htm", "default.htm", "default.html", "iisstart.htm"];

/// Reads one old name; `Err` says, in words, what is wrong and what to
/// write instead.
pub fn classify(written: &str) -> Result<Old, String> {
    let text = written.trim();
    let says = |why: &str| format!("\"{text}\" {why}");
    if crate::handbook::link::has_scheme(text) || text.starts_with("//") {
        return Err(says(
            "is a web address: an alias is an old id (internet-use) or an old path on this intranet (/policies/internet.html)",
        ));
    }
    // Checked as written and as decoded: `%5C` is a \ too.
    let path = crate::handbook::link::percent_decode(text);
    if text.contains('\\') || path.contains('\\') {
        return Err(says("holds a \\: write paths with / (it/internet-use.md)"));
    }
    if path.contains(['?', '#']) {
        return Err(says(
            "holds a ? or #: an alias is a page's path, without a query or a heading",
        ));
    }
    if let Some(c) = path
        .chars()
        .find(|c| c.is_control() || matches!(c, ':' | '*' | '"' | '<' | '>' | '|'))
    {
        return Err(says(&format!(
            "holds the character {}, which a file name on a shared drive cannot: write the old path without it",
            c.escape_debug()
        )));
    }
    // One spelling of each name, as macOS stores it: é written as one
    // character or as e and an accent is the same file there.
    let path: String = unicode_normalization::UnicodeNormalization::nfc(path.as_str()).collect();
    let relative = path.trim_start_matches('/');
    if relative.is_empty() {
        return Err(says(
            "is the intranet's home page, which the site writes itself: write the old path of the policy's page",
        ));
    }
    if relative.len() > MAX_PATH {
        return Err(says(&format!(
            "is longer than {MAX_PATH} characters, too long for a shared drive to keep: leave it out"
        )));
    }
    let folder_like = relative.ends_with('/');
    let segments: Vec<&str> = relative.trim_end_matches('/').split('/').collect();
    for segment in &segments {
        if segment.is_empty() || *segment == "." || *segment == ".." {
            return Err(says(
                "has an empty, . or .. part: write the old path from the top of the intranet (/it/internet.html)",
            ));
        }
        if segment.ends_with(['.', ' ']) || segment.starts_with(' ') {
            return Err(says(
                "has a part that starts with a space or ends with a space or a dot, which a shared drive cannot keep: write the old path without it",
            ));
        }
        if segment.starts_with('.') {
            return Err(says(
                "has a part that starts with a dot, and such names are never published: leave it out",
            ));
        }
        if segment.len() > MAX_PART {
            return Err(says(&format!(
                "has a part longer than {MAX_PART} characters, too long for a shared drive to keep: leave it out"
            )));
        }
        let stem = segment
            .split('.')
            .next()
            .unwrap_or(segment)
            .to_ascii_lowercase();
        if DEVICE_NAMES.contains(&stem.as_str()) {
            return Err(says(&format!(
                "has a part named {stem}, which Windows keeps for a device, so a shared drive cannot hold it: leave it out"
            )));
        }
        if let Some((_, after)) = segment.split_once('~')
            && after.starts_with(|c: char| c.is_ascii_digit())
        {
            return Err(says(
                "has a part with ~ and a digit, which Windows reads as the short name of another file: leave it out",
            ));
        }
    }
    let name = segments[segments.len() - 1];
    let lower = name.to_ascii_lowercase();
    if segments.len() == 1 && !folder_like && !path.starts_with('/') && !name.contains('.') {
        let id = crate::handbook::slug::id(name);
        if id != name {
            return Err(says(&if id.is_empty() {
                "is not an id: ids use lower-case letters, digits and hyphens (or write the old page's path, such as /it/internet.html)".to_string()
            } else {
                format!(
                    "is not an id: ids use only lower-case letters, digits and hyphens (write it as {id}, or as a path such as /{name}/)"
                )
            }));
        }
        return Ok(Old::Id(id));
    }
    let joined = segments.join("/");
    if !folder_like && (lower.ends_with(".md") || lower.ends_with(".markdown")) {
        return Ok(Old::File(joined));
    }
    let (page, link) = if folder_like || !name.contains('.') {
        (format!("{joined}/index.html"), joined.clone())
    } else if lower.ends_with(".html") || lower.ends_with(".htm") {
        // The one rule for the path links name a page by.
        let link = page_link(&joined).unwrap_or_default().to_string();
        (joined.clone(), link)
    } else {
        return Err(says(
            "names a file that is not a page: an old page's path ends in .html, .htm or / (a web server would not show any other as a page)",
        ));
    };
    if segments.len() == 1 && HOME_PAGES.contains(&lower.as_str()) {
        return Err(says(
            "is a name a web server may show as the intranet's home page, which the site writes itself: leave it out",
        ));
    }
    // `policies/x.html` is where the site writes the page of id x.
    if let Some(id) = page
        .strip_prefix("policies/")
        .and_then(|p| p.strip_suffix(".html"))
        .filter(|id| !id.contains('/') && crate::handbook::slug::id(id) == *id)
    {
        return Ok(Old::Id(id.to_string()));
    }
    let top = page.split('/').next().unwrap_or(&page).to_lowercase();
    if let Some(ours) = crate::site::render::site_name_clash(&top) {
        let place = if page.contains('/') {
            format!("is inside {ours}/, which policybook writes itself")
        } else {
            format!("is where policybook writes its own {ours}")
        };
        return Err(says(&format!(
            "{place} (a shared drive does not tell capitals apart): write the policy's old path, or leave it out"
        )));
    }
    Ok(Old::Page { page, link })
}

/// Who claimed a name: a policy (by index) and the line of its alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Claim {
    policy: usize,
    line: u32,
}

/// Every policy's old names, checked: what links by an old name reach,
/// and the pages that send readers on.
#[derive(Debug, Default)]
pub struct Aliases {
    ids: HashMap<String, Claim>,
    files: HashMap<String, Claim>,
    links: HashMap<String, Claim>,
    /// Redirect pages: path from the site root → who claimed it.
    redirects: BTreeMap<String, Claim>,
}

/// What [`Aliases::build`] checks old names against.
pub struct Known<'a> {
    /// The policy with an id, by id.
    pub policy_by_id: &'a dyn Fn(&str) -> Option<usize>,
    /// The handbook's `static/` files, and where each lands in the site.
    pub statics: Vec<(String, String)>,
    /// Policy files that could not be read.
    pub unreadable: &'a BTreeSet<String>,
}

/// Whose a path in the site is, for the message about a clash.
#[derive(Debug, Clone)]
enum Owner {
    /// A policy's page.
    Page(usize),
    /// A `static/` file, and where it lands.
    Static(String, String),
    /// A redirect.
    Redirect(Claim),
}

impl Aliases {
    /// Checks and gathers the old names of all `policies`.
    pub fn build(policies: &[Policy], known: &Known, findings: &mut Vec<Finding>) -> Aliases {
        let mut out = Aliases::default();
        // Most handbooks have none: then nothing is gathered.
        if policies.iter().all(|p| p.aliases.is_empty()) {
            return out;
        }
        // Every path the site writes, and the folders they are in: a
        // redirect must land on none of them, nor make a folder where one
        // is a file.
        let mut taken = Taken::default();
        for (i, p) in policies.iter().enumerate() {
            taken.add(&crate::site::render::urls::policy(&p.id), Owner::Page(i));
        }
        for (file, target) in &known.statics {
            taken.add(target, Owner::Static(file.clone(), target.clone()));
        }
        let names = PolicyNames::of(policies, known.unreadable);
        let mut old_files = Vec::new();
        for (i, p) in policies.iter().enumerate() {
            let mut seen = HashSet::new();
            for alias in &p.aliases {
                let error = |message: String, kind: Kind| {
                    Finding::new(kind, Severity::Error, &p.file, alias.line, message)
                        .policy(&p.id)
                        .key(alias.key)
                };
                let old = match classify(&alias.written) {
                    Ok(old) => old,
                    Err(why) => {
                        findings.push(error(
                            format!("{}: {why}", alias.key),
                            Kind::InvalidFrontMatter,
                        ));
                        continue;
                    }
                };
                if !seen.insert(old.clone()) {
                    findings.push(
                        Finding::new(
                            Kind::InvalidFrontMatter,
                            Severity::Warning,
                            &p.file,
                            alias.line,
                            format!(
                                "{}: \"{}\" is listed twice: remove one",
                                alias.key, alias.written
                            ),
                        )
                        .policy(&p.id)
                        .key(alias.key),
                    );
                    continue;
                }
                let claim = Claim {
                    policy: i,
                    line: alias.line,
                };
                let clash = match &old {
                    Old::Id(id) => out.claim_id(policies, known, &mut taken, id, claim),
                    Old::File(file) => {
                        let clash = out.claim_file(policies, &names, file, claim);
                        if clash.is_none() {
                            old_files.push((file.clone(), claim));
                        }
                        clash
                    }
                    Old::Page { page, link } => {
                        out.claim_page(policies, &names, &mut taken, (page, link), claim)
                    }
                };
                if let Some(message) = clash {
                    findings.push(error(
                        format!("{}: \"{}\" {message}", alias.key, alias.written),
                        Kind::DuplicateId,
                    ));
                }
            }
        }
        // An old file's page stays too, once the old ids have been
        // claimed, while no policy or alias has the id it gave.
        for (file, claim) in old_files {
            let id = crate::handbook::link::id_from_path(&file);
            let page = crate::site::render::urls::policy(&id);
            if !id.is_empty()
                && (known.policy_by_id)(&id).is_none()
                && !out.ids.contains_key(&id)
                && taken.clash(&page).is_none()
            {
                taken.add(&page, Owner::Redirect(claim));
                out.redirects.insert(page, claim);
            }
        }
        out
    }

    fn claim_id(
        &mut self,
        policies: &[Policy],
        known: &Known,
        taken: &mut Taken,
        id: &str,
        claim: Claim,
    ) -> Option<String> {
        let p = &policies[claim.policy];
        if let Some(other) = (known.policy_by_id)(id) {
            return Some(if other == claim.policy {
                "is this policy's own id: remove it from the list".to_string()
            } else {
                format!(
                    "is the id of {}, so links to it go there: remove it from this list (a name can lead to one policy only)",
                    policies[other].file
                )
            });
        }
        if let Some(first) = self.ids.get(id) {
            return Some(already(policies, *first, p));
        }
        self.ids.insert(id.to_string(), claim);
        let page = crate::site::render::urls::policy(id);
        taken.add(&page, Owner::Redirect(claim));
        self.redirects.insert(page, claim);
        None
    }

    fn claim_file(
        &mut self,
        policies: &[Policy],
        names: &PolicyNames,
        file: &str,
        claim: Claim,
    ) -> Option<String> {
        let p = &policies[claim.policy];
        if let Some((other, path)) = names.file(file) {
            return Some(if other == Some(claim.policy) {
                "is this policy's own file: remove it from the list".to_string()
            } else if path == file {
                format!(
                    "is the file of another policy ({path}), so links to it go there: remove it from this list"
                )
            } else {
                format!(
                    "differs from the policy file {path} only in capitals, so links to either would be confused: remove it from this list"
                )
            });
        }
        if let Some(first) = self.files.get(file) {
            return Some(already(policies, *first, p));
        }
        self.files.insert(file.to_string(), claim);
        None
    }

    fn claim_page(
        &mut self,
        policies: &[Policy],
        names: &PolicyNames,
        taken: &mut Taken,
        (page, link): (&str, &str),
        claim: Claim,
    ) -> Option<String> {
        let p = &policies[claim.policy];
        if let Some(path) = names
            .page(link)
            .filter(|(o, _)| *o != Some(claim.policy))
            .map(|(_, path)| path)
        {
            return Some(format!(
                "is how links name {path} (capitals aside), so links to it would be confused: remove it from this list"
            ));
        }
        if let Some(first) = self.links.get(link).filter(|c| c.policy != claim.policy) {
            return Some(already(policies, *first, p));
        }
        if let Some((owner, same)) = taken.clash(page) {
            return Some(match owner {
                Owner::Redirect(c) if c.policy == claim.policy => {
                    "is written twice in this list, with other capitals or as a file and a folder: remove one".to_string()
                }
                Owner::Redirect(c) if same => format!(
                    "would be written where an old page of {} is (line {} there; a shared drive does not tell capitals apart): remove one of them",
                    policies[c.policy].file, c.line
                ),
                Owner::Redirect(c) => format!(
                    "would need a folder where an old page of {} is a file, or a file where it needs a folder (line {} there): remove one of them",
                    policies[c.policy].file, c.line
                ),
                Owner::Static(file, target) => format!(
                    "would be written as {page}, which {file} is in the way of (it is copied to {target}): remove one of them"
                ),
                Owner::Page(i) => format!(
                    "would be written where the page of {} is: remove it from this list",
                    policies[*i].file
                ),
            });
        }
        self.links.entry(link.to_string()).or_insert(claim);
        taken.add(page, Owner::Redirect(claim));
        self.redirects.insert(page.to_string(), claim);
        None
    }

    /// Every old name that links can use (ids, files, pages), for
    /// `serve` to tell when they changed.
    pub fn names(&self) -> BTreeSet<String> {
        self.ids
            .keys()
            .chain(self.files.keys())
            .chain(self.links.keys())
            .cloned()
            .chain(self.redirects.keys().map(|p| format!("page {p}")))
            .collect()
    }

    /// The policy an old id names, and the line of that alias.
    pub fn by_id(&self, id: &str) -> Option<(usize, u32)> {
        self.ids.get(id).map(|c| (c.policy, c.line))
    }

    /// The policy an old file or old page names, by the handbook path a
    /// link resolves to, and the line of that alias.
    pub fn by_path(&self, resolved: &str) -> Option<(usize, u32)> {
        let claim = self.files.get(resolved).or_else(|| {
            let link = page_link(resolved)?;
            self.links.get(link)
        })?;
        Some((claim.policy, claim.line))
    }

    /// The redirect pages: path from the site root, and the policy each
    /// sends readers to.
    pub fn redirects(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.redirects
            .iter()
            .map(|(path, c)| (path.as_str(), c.policy))
    }

    /// The policy a redirect page at `path` sends readers to.
    pub fn redirect(&self, path: &str) -> Option<usize> {
        self.redirects.get(path).map(|c| c.policy)
    }
}

/// The names of `aliases` as links may write them (ids, files) or
/// [`page_link`] makes them (old pages), for `check --changed-since`;
/// those that cannot be read are left out.
pub fn names(aliases: &[Alias]) -> impl Iterator<Item = String> + '_ {
    aliases
        .iter()
        .filter_map(|a| match classify(&a.written).ok()? {
            Old::Id(name) | Old::File(name) => Some(name),
            Old::Page { link, .. } => Some(link),
        })
}

/// The path a link to a page names it by: `old/x`, from `old/x/`,
/// `old/x.html` or `old/x/index.html` (a page as other generators link
/// it, [`crate::handbook::link::page_base`], without a folder's `index`).
pub fn page_link(resolved: &str) -> Option<&str> {
    let stem = crate::handbook::link::page_base(resolved)?;
    // `index.html` at the top is the home page.
    let stem = if stem == "index" {
        ""
    } else {
        stem.strip_suffix("/index").unwrap_or(stem)
    };
    (!stem.is_empty()).then_some(stem)
}

/// "is already an old name of …" for a second claim.
fn already(policies: &[Policy], first: Claim, p: &Policy) -> String {
    let q = &policies[first.policy];
    if q.file == p.file {
        format!("is already on this list (line {})", first.line)
    } else {
        format!(
            "is already an old name of {} (line {} there): a name can lead to one policy only, so remove it from one of the lists",
            q.file, first.line
        )
    }
}

/// The policy files, and the paths links name them by as other
/// generators write links (`fire` for `fire.md`, `people/leave` for
/// `people/leave/index.md`), in lower case: an old name may not be one
/// of them in other capitals. Files that could not be read count too.
struct PolicyNames {
    files: HashMap<String, (Option<usize>, String)>,
    pages: HashMap<String, (Option<usize>, String)>,
}

impl PolicyNames {
    fn of(policies: &[Policy], unreadable: &BTreeSet<String>) -> PolicyNames {
        let mut names = PolicyNames {
            files: HashMap::with_capacity(policies.len()),
            pages: HashMap::with_capacity(policies.len()),
        };
        let files = policies
            .iter()
            .enumerate()
            .map(|(i, p)| (Some(i), &p.file))
            .chain(unreadable.iter().map(|f| (None, f)));
        for (i, file) in files {
            names
                .files
                .entry(fold(file))
                .or_insert_with(|| (i, file.clone()));
            let page = if crate::handbook::link::is_folder_page(file) {
                file.rsplit_once('/').map_or("", |(folder, _)| folder)
            } else {
                file.strip_suffix(".markdown")
                    .or_else(|| file.strip_suffix(".md"))
                    .or_else(|| file.strip_suffix(".MD"))
                    .unwrap_or(file)
            };
            names
                .pages
                .entry(fold(page))
                .or_insert_with(|| (i, file.clone()));
        }
        names
    }

    /// The policy (none when it could not be read) whose file is `file`
    /// but for capitals, and its file.
    fn file(&self, file: &str) -> Option<(Option<usize>, &str)> {
        self.files.get(&fold(file)).map(|(i, f)| (*i, f.as_str()))
    }

    /// The policy links name `link` but for capitals, and its file.
    fn page(&self, link: &str) -> Option<(Option<usize>, &str)> {
        self.pages.get(&fold(link)).map(|(i, f)| (*i, f.as_str()))
    }
}

/// A path as a shared drive compares it: in lower case, é one way.
fn fold(path: &str) -> String {
    if path.is_ascii() {
        return path.to_ascii_lowercase();
    }
    unicode_normalization::UnicodeNormalization::nfc(path)
        .collect::<String>()
        .to_lowercase()
}

/// The files a site writes and the folders they are in, as a shared
/// drive compares them ([`fold`]), and whose each is.
#[derive(Default)]
struct Taken {
    files: HashMap<String, Owner>,
    folders: HashMap<String, Owner>,
}

impl Taken {
    fn add(&mut self, path: &str, owner: Owner) {
        let folded = fold(path);
        let mut at = 0;
        while let Some(slash) = folded[at..].find('/') {
            self.folders
                .entry(folded[..at + slash].to_string())
                .or_insert_with(|| owner.clone());
            at += slash + 1;
        }
        self.files.insert(folded, owner);
    }

    /// Whose file `path` would land on, or whose folder it would be, or
    /// whose file would have to be a folder for it; and whether it is the
    /// same path (rather than a file and a folder).
    fn clash(&self, path: &str) -> Option<(&Owner, bool)> {
        let folded = fold(path);
        if let Some(owner) = self.files.get(&folded) {
            return Some((owner, true));
        }
        if let Some(owner) = self.folders.get(&folded) {
            return Some((owner, false));
        }
        let mut at = 0;
        while let Some(slash) = folded[at..].find('/') {
            if let Some(owner) = self.files.get(&folded[..at + slash]) {
                return Some((owner, false));
            }
            at += slash + 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(page: &str, link: &str) -> Result<Old, String> {
        Ok(Old::Page {
            page: page.to_string(),
            link: link.to_string(),
        })
    }

    #[test]
    fn old_names_are_ids_files_or_pages() {
        let table: &[(&str, Result<Old, String>)] = &[
            ("internet-use", Ok(Old::Id("internet-use".into()))),
            (
                "/policies/internet-use.html",
                Ok(Old::Id("internet-use".into())),
            ),
            (
                "policies/internet-use.html",
                Ok(Old::Id("internet-use".into())),
            ),
            ("it/internet.md", Ok(Old::File("it/internet.md".into()))),
            ("/it/internet.md", Ok(Old::File("it/internet.md".into()))),
            (
                "/it/internet/",
                page("it/internet/index.html", "it/internet"),
            ),
            (
                "/it/internet",
                page("it/internet/index.html", "it/internet"),
            ),
            ("it/internet.html", page("it/internet.html", "it/internet")),
            ("/it/Internet.HTM", page("it/Internet.HTM", "it/Internet")),
            ("/it/index.html", page("it/index.html", "it")),
            ("/old%20site/a.html", page("old site/a.html", "old site/a")),
            ("/internet/", page("internet/index.html", "internet")),
            ("/policies/a/b.html", Err(String::new())),
            ("/reviews/old.html", Err(String::new())),
            ("/search.html", Err(String::new())),
            ("/", Err(String::new())),
            ("Internet_Use", Err(String::new())),
            ("https://old.example/x", Err(String::new())),
            ("//old.example/x", Err(String::new())),
            ("javascript:alert(1)", Err(String::new())),
            ("../outside.html", Err(String::new())),
            ("/a/./b.html", Err(String::new())),
            ("/a//b.html", Err(String::new())),
            ("a\\b.html", Err(String::new())),
            ("/a.html?x=1", Err(String::new())),
            ("/a.html#top", Err(String::new())),
            ("/a%0Ab.html", Err(String::new())),
            ("/con:x.html", Err(String::new())),
            ("/old/page.aspx", Err(String::new())),
            ("/old./a.html", Err(String::new())),
            ("/café.html", page("café.html", "café")),
            ("/cafe\u{301}.html", page("café.html", "café")),
            ("/Index.html", Err(String::new())),
            ("/SEARCH.HTML", Err(String::new())),
            ("/Reviews/x.html", Err(String::new())),
            ("/Policies/", Err(String::new())),
            ("/Static/x.html", Err(String::new())),
            ("/..%5C..%5Cevil.html", Err(String::new())),
            ("/q%3Fx.html", Err(String::new())),
            ("/h%23x.html", Err(String::new())),
            ("/con.html", Err(String::new())),
            ("/nul/", Err(String::new())),
            ("/aux/x.html", Err(String::new())),
            ("/COM1.htm", Err(String::new())),
            ("/ACCESS~1.HTM", Err(String::new())),
            ("/~jo/leave.html", page("~jo/leave.html", "~jo/leave")),
            ("/.html", Err(String::new())),
            ("/policies/.html", Err(String::new())),
            ("/.git/x.html", Err(String::new())),
            ("/.well-known/x.html", Err(String::new())),
            ("/index.htm", Err(String::new())),
            ("/Default.htm", Err(String::new())),
            ("/it/index.htm", page("it/index.htm", "it")),
            ("%", Err(String::new())),
            ("-", Err(String::new())),
        ];
        let long = format!("/{}.html", "a".repeat(101));
        assert!(classify(&long).is_err());
        let deep = format!("/{}x.html", "abcd/".repeat(45));
        assert!(classify(&deep).is_err());
        for (written, expected) in table {
            let got = classify(written);
            match expected {
                Ok(old) => assert_eq!(got.as_ref(), Ok(old), "{written}"),
                Err(_) => assert!(got.is_err(), "{written} gave {got:?}"),
            }
        }
    }

    #[test]
    fn refusals_say_what_to_write() {
        let why = classify("Internet_Use").unwrap_err();
        assert!(why.contains("write it as internet-use,"), "{why}");
        let why = classify("/old/page.aspx").unwrap_err();
        assert!(why.contains(".html, .htm or /"), "{why}");
        let why = classify("/reviews/old.html").unwrap_err();
        assert!(why.contains("inside reviews/"), "{why}");
        for odd in ["%", "-"] {
            let why = classify(odd).unwrap_err();
            assert!(!why.contains("write it as ,"), "{why}");
        }
    }

    #[test]
    fn links_name_pages_without_their_endings() {
        assert_eq!(page_link("old/x/"), Some("old/x"));
        assert_eq!(page_link("old/x.html"), Some("old/x"));
        assert_eq!(page_link("old/x/index.html"), Some("old/x"));
        assert_eq!(page_link("old/x"), Some("old/x"));
        assert_eq!(page_link("index.html"), None);
    }

    #[test]
    fn taken_paths_clash_without_regard_to_capitals_or_nesting() {
        let mut t = Taken::default();
        t.add("policies/a.html", Owner::Page(0));
        t.add("old/x.html", Owner::Page(1));
        t.add("Über.html", Owner::Page(2));
        let owner = |path| t.clash(path).map(|(o, same)| (format!("{o:?}"), same));
        assert_eq!(owner("Policies/A.html"), Some(("Page(0)".into(), true)));
        assert_eq!(owner("old"), Some(("Page(1)".into(), false)));
        assert_eq!(
            owner("OLD/x.html/index.html"),
            Some(("Page(1)".into(), false))
        );
        assert_eq!(owner("über.html"), Some(("Page(2)".into(), true)));
        assert_eq!(owner("old/y.html"), None);
    }
}
