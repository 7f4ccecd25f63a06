//! `policybook new`: one new policy in a handbook, with its front-matter
//! complete. Like `init`, it sits beside the pipeline: it reads the
//! handbook (its ids, categories and defaults) through
//! [`crate::handbook::Handbook::open`], writes one file, and reads that
//! file back through the same parse as every policy, so that what it
//! writes is what `check` accepts.
//!
//! The policy goes in the folder of its category, gets an id from its
//! title that no policy or old name (`aliases:`) has, `last_reviewed`
//! today, a review cycle (given, else the defaults', else a year) and the
//! `review_by` that follows; it starts as a draft. Its body is the
//! sections of the handbook's `_template.md` when there is one, else
//! those of the template `init` writes.

use crate::error::{Error, Result};
use crate::handbook::parse::Purpose;
use crate::handbook::review::Cycle;
use crate::handbook::{Handbook, load, slug};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What to make.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The handbook folder.
    pub handbook: PathBuf,
    pub title: String,
    /// Who keeps it up to date; else the defaults' owner.
    pub owner: Option<String>,
    /// Its category, by name or by folder; else the handbook's top folder.
    pub category: Option<String>,
    /// How often it is reviewed; else the defaults', else a year.
    pub review_every: Option<String>,
    /// The day it is written on.
    pub today: Date,
}

/// What was made.
#[derive(Debug, Clone)]
pub struct NewPolicy {
    /// Relative to the handbook (`people/lone-working.md`).
    pub file: String,
    pub id: String,
    pub review_by: Date,
}

/// The cycle a new policy gets when neither the command nor the defaults
/// give one.
const DEFAULT_CYCLE: &str = "1 year";

/// Writes a new policy into the handbook; refuses to overwrite a file.
pub fn new_policy(options: &NewOptions) -> Result<NewPolicy> {
    let hb = Handbook::open(&options.handbook, options.today, Purpose::Check)?;
    let title = options
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let base = slug::id_for_title(&title);
    if base.is_empty() {
        return Err(Error::Usage(format!(
            "the title \"{}\" has no letters or digits to make the policy's id from: give it a title in words, such as \"Lone Working\"",
            crate::report::for_terminal(&options.title)
        )));
    }
    if let Some(same) = hb
        .policies
        .iter()
        .find(|p| p.title.to_lowercase() == title.to_lowercase())
    {
        return Err(Error::Usage(format!(
            "{} already has the title \"{}\": edit that policy, or give the new one another title",
            crate::report::for_terminal(&same.file),
            crate::report::for_terminal(&same.title)
        )));
    }
    let (folder, category) = folder_of(&hb, options.category.as_deref())?;
    if let Some(cycle) = &options.review_every
        && Cycle::parse(cycle).is_none()
    {
        return Err(Error::Usage(format!(
            "--review-every \"{}\" is not a review cycle: write it like \"1 year\", \"6 months\", \"2 years\" or \"termly\"",
            crate::report::for_terminal(cycle)
        )));
    }
    let (id, file) = free_name(&hb, &folder, &base);
    let body = template_body(&hb);
    // First without a cycle or a review date, to learn what the defaults
    // give; then with both, as `check` will read it.
    if hb.config.exclude.matches(&file) {
        return Err(Error::Usage(format!(
            "{file} is left out by exclude: in handbook.yaml, so check would never read it: give the policy another title, or another category"
        )));
    }
    // A blank owner is none: the defaults' then, or a refusal.
    let owner = options
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    let mut front = Front {
        title: &title,
        owner,
        category: category.as_deref(),
        today: options.today,
        review_every: options.review_every.as_deref(),
        review_by: None,
    };
    let (first, _) = read_back(&hb, &file, &front.text(&body))?;
    if owner.is_none() && !first.defaulted.contains_key("owner") {
        return Err(Error::Usage(
            "say who keeps the policy up to date with --owner (a person or a role, such as --owner \"Office Manager\"), or set owner: under defaults: in handbook.yaml".to_string(),
        ));
    }
    if first.review_every.is_none() {
        front.review_every = Some(DEFAULT_CYCLE);
    }
    let cycle = front
        .review_every
        .and_then(Cycle::parse)
        .or(first.review_every.as_ref().map(|(_, c)| *c))
        .unwrap_or(Cycle {
            months: 12,
            days: 0,
        });
    let review_by = cycle.after(options.today).ok_or_else(|| {
        Error::Usage("the review date would be past the year 9999: give --today a real day".into())
    })?;
    front.review_by = Some(review_by);
    let text = front.text(&body);
    let (_, errors) = read_back(&hb, &file, &text)?;
    if !errors.is_empty() {
        return Err(Error::Usage(format!(
            "the new policy would not be right: {}",
            errors.join("; ")
        )));
    }
    let path = hb.root.join(&file);
    if let Some(parent) = path.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    crate::fs::write_new(&path, text.as_bytes())?;
    Ok(NewPolicy {
        file,
        id,
        review_by,
    })
}

/// The front-matter a new policy is written with.
struct Front<'a> {
    title: &'a str,
    owner: Option<&'a str>,
    category: Option<&'a str>,
    today: Date,
    review_every: Option<&'a str>,
    review_by: Option<Date>,
}

impl Front<'_> {
    /// The whole file: front-matter, a heading, `body`.
    fn text(&self, body: &str) -> String {
        let quoted = crate::init::yaml_string;
        let mut out = format!("---\ntitle: {}\n", quoted(self.title));
        if let Some(owner) = self.owner {
            out.push_str(&format!("owner: {}\n", quoted(owner)));
        }
        out.push_str(&format!("last_reviewed: {}\n", self.today));
        if let Some(cycle) = self.review_every {
            out.push_str(&format!("review_every: {}\n", quoted(cycle)));
        }
        if let Some(date) = self.review_by {
            out.push_str(&format!("review_by: {date}\n"));
        }
        if let Some(category) = self.category {
            out.push_str(&format!("category: {}\n", quoted(category)));
        }
        out.push_str("status: draft\n---\n\n");
        out.push_str(body);
        out
    }
}

/// Parses `text` as the policy file `file` of `hb`, with its defaults:
/// the policy, and what is wrong with it (the errors a check would
/// report).
fn read_back(
    hb: &Handbook,
    file: &str,
    text: &str,
) -> Result<(crate::handbook::parse::Policy, Vec<String>)> {
    let mut findings = Vec::new();
    let source = load::SourceFile {
        rel: file.to_string(),
        text: text.to_string(),
        warning: None,
    };
    let policy = crate::handbook::parse::parse(source, &hb.config, Purpose::Check, &mut findings)
        .map_err(|fatal| {
        Error::Usage(format!(
            "the new policy would not be read: {}",
            fatal.0.message
        ))
    })?;
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == crate::handbook::findings::Severity::Error)
        .map(|f| crate::report::for_terminal(&f.message).into_owned())
        .collect();
    Ok((policy, errors))
}

/// The folder a policy of `category` goes in, and the `category:` to
/// write when the folder does not say it: the folder most of that
/// category's policies are in, or a top folder of that name; the top of
/// the handbook when no category is given.
fn folder_of(hb: &Handbook, category: Option<&str>) -> Result<(String, Option<String>)> {
    let Some(wanted) = category.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok((String::new(), None));
    };
    // Each category (by slug): its name, and its policies' folders.
    let mut known: BTreeMap<String, (String, BTreeMap<String, usize>)> = BTreeMap::new();
    for p in &hb.policies {
        let folder = p.file.rsplit_once('/').map_or("", |(f, _)| f).to_string();
        *known
            .entry(slug::id(&p.category))
            .or_insert_with(|| (p.category.clone(), BTreeMap::new()))
            .1
            .entry(folder)
            .or_default() += 1;
    }
    // Top folders with no policy yet are categories too (one that holds
    // policies has their category).
    let holding: std::collections::BTreeSet<&str> = hb
        .policies
        .iter()
        .filter_map(|p| p.file.split_once('/').map(|(top, _)| top))
        .collect();
    for folder in top_folders(hb)
        .into_iter()
        .filter(|f| !holding.contains(f.as_str()))
    {
        known
            .entry(slug::id(&folder))
            .or_insert_with(|| (slug::title_case(&folder), BTreeMap::new()))
            .1
            .entry(folder)
            .or_default();
    }
    // By the category's name, else by the name of a folder its policies
    // are in (`hr` for the People policies in hr/).
    let by_folder = || {
        known.values().find(|(_, folders)| {
            folders.keys().any(|f| {
                let top = f.split('/').next().unwrap_or(f);
                !top.is_empty() && slug::id(top) == slug::id(wanted)
            })
        })
    };
    let Some((name, folders)) = known.get(&slug::id(wanted)).or_else(by_folder) else {
        let names: Vec<&str> = known.values().map(|(n, _)| n.as_str()).collect();
        let closest = slug::closest(wanted, names.iter().copied());
        return Err(Error::Usage(format!(
            "no policy has the category \"{}\"{}: the categories are {}. To start a new one, make a folder for it in the handbook and give its name",
            crate::report::for_terminal(wanted),
            closest
                .map(|c| format!(" (did you mean \"{c}\"?)"))
                .unwrap_or_default(),
            if names.is_empty() {
                "none yet".to_string()
            } else {
                names.join(", ")
            }
        )));
    };
    // A folder with no policy yet: named as the command gave it ("HR",
    // not the folder's "Hr").
    let name = if folders.values().all(|&n| n == 0) {
        wanted.to_string()
    } else {
        name.clone()
    };
    // The folder most of them are in (the first by name on a tie).
    let folder = folders
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(f, _)| f.clone())
        .unwrap_or_default();
    // Written only when the folder would give another name.
    let from_folder = folder
        .split('/')
        .next()
        .filter(|f| !f.is_empty())
        .map(slug::title_case);
    let write = (from_folder.as_deref() != Some(name.as_str())).then_some(name);
    Ok((folder, write))
}

/// The handbook's top folders that may hold policies.
fn top_folders(hb: &Handbook) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(&hb.root) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .flatten()
        // A folder, not a link to one (which may lead out of the handbook).
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|name| {
            !load::is_left_out(name)
                && !hb.config.exclude.matches(name)
                && ![load::ASSETS_DIR, load::STATIC_DIR, load::THEMES_DIR].contains(&name.as_str())
                && !hb.root.join(name).join(crate::site::write::MARKER).exists()
        })
        .collect();
    out.sort();
    out
}

/// An id from `base` that no policy or old name has, and a file for it
/// in `folder` that does not exist: `base`, else `base-2`, `base-3`…
fn free_name(hb: &Handbook, folder: &str, base: &str) -> (String, String) {
    let taken = |id: &str| hb.index.id_is_taken(id);
    let mut n = 1;
    loop {
        let id = if n == 1 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        };
        let file = if folder.is_empty() {
            format!("{id}.md")
        } else {
            format!("{folder}/{id}.md")
        };
        if !taken(&id) && !hb.root.join(&file).exists() {
            return (id, file);
        }
        n += 1;
    }
}

/// The body of a new policy: the handbook's `_template.md` from its first
/// heading on, else the sections of the template `init` writes.
fn template_body(hb: &Handbook) -> String {
    let own = std::fs::read_to_string(hb.root.join("_template.md")).ok();
    let text = own.as_deref().unwrap_or(crate::init::TEMPLATE);
    let text = load::normalize_newlines(text.to_string());
    // After its front-matter (whose comments start with # too), as the
    // parse splits it; a template without any is all body.
    let body = crate::handbook::frontmatter::split("_template.md", &text)
        .map_or(text.as_str(), |split| split.body);
    let sections = body
        .lines()
        .position(|l| l.starts_with('#'))
        .map(|i| body.lines().skip(i).collect::<Vec<_>>().join("\n"))
        .unwrap_or_default();
    if sections.trim().is_empty() {
        "## Purpose\n\nSay why the policy exists and who it applies to.\n".to_string()
    } else {
        format!("{}\n", sections.trim_end())
    }
}
