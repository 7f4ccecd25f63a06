//! Stage 3, **link**: resolve every reference (wiki links, relative `.md`
//! links, same-page anchors, asset links, `related` ids) against the whole
//! handbook, report the ones that do not resolve, and work out each
//! policy's incoming links.
//!
//! [`Index::resolve`] is pure: the render stage calls it again to turn the
//! same references into URLs, so the page and the report always agree.

use crate::handbook::findings::{Finding, Kind, Severity};
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::markdown::{Form, Reference};
use crate::handbook::parse::Policy;
use crate::handbook::slug::Suggester;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// The files other than policies that links may reach, as load found
/// them.
#[derive(Debug, Default)]
pub struct Files {
    pub assets: BTreeSet<String>,
    /// Files not published, with why (see [`crate::handbook::load::active_content`]).
    pub withheld: BTreeMap<String, String>,
    /// Pictures and documents beside the policies, and why for those
    /// withheld (see [`crate::handbook::load::is_beside_file`]).
    pub beside: BTreeMap<String, Option<String>>,
}

/// Lookup tables over all policies.
#[derive(Debug, Default)]
pub struct Index {
    by_id: HashMap<String, usize>,
    by_file: HashMap<String, usize>,
    other_files: Files,
    /// Policy files that could not be read, and the ids their file names
    /// give: a link to one is not reported as pointing at nothing.
    unreadable: BTreeSet<String>,
    unreadable_ids: HashMap<String, String>,
    /// "Did you mean" for ids and for policy files, and the files by name
    /// without `.md`: made the first time a reference is broken.
    ids: OnceLock<Suggester>,
    files: OnceLock<Suggester>,
    by_stem: OnceLock<BTreeMap<String, Vec<String>>>,
    /// Policy files and assets by their path in lower case.
    by_lower_path: OnceLock<HashMap<String, String>>,
    /// Policies by their title (the first, and how many have it), for
    /// `[[Exact Title]]`; and by their title in lower case, for "did you
    /// mean".
    by_title: OnceLock<HashMap<String, (usize, usize)>>,
    by_lower_title: OnceLock<HashMap<String, usize>>,
    /// The policies' old names.
    aliases: crate::handbook::aliases::Aliases,
}

/// What a reference points at.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A policy (by index), maybe at a heading.
    Policy {
        index: usize,
        anchor: Option<String>,
    },
    /// A heading on the same page.
    SamePage { anchor: String },
    /// A file under `assets/`, relative to the handbook root.
    Asset { path: String },
    /// `http:`, `https:`, `mailto:` and other schemes.
    External { url: String },
    /// A `javascript:` (or similar) URL: removed from the page.
    Unsafe,
    /// An absolute path or an empty link: left as written.
    AsWritten,
}

/// A reference that does not resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    pub kind: Kind,
    pub message: String,
    pub suggestion: Option<String>,
}

impl Index {
    /// Builds the index. Duplicate ids are reported; the first file (in path
    /// order) keeps the id and later ones get `-2`, `-3` so that both still
    /// have a page.
    pub fn build(
        policies: &mut [Policy],
        files: Files,
        unreadable: &[String],
        findings: &mut Vec<Finding>,
    ) -> Index {
        let mut by_id: HashMap<String, usize> = HashMap::with_capacity(policies.len());
        let mut by_file = HashMap::with_capacity(policies.len());
        for i in 0..policies.len() {
            by_file.insert(policies[i].file.clone(), i);
            // A relink starts again from the id the file declares.
            policies[i].id = policies[i].declared_id.clone();
            let id = policies[i].id.clone();
            if let Some(&first) = by_id.get(&id) {
                findings.push(
                    Finding::error(
                        Kind::DuplicateId,
                        &policies[i].file,
                        policies[i].id_line,
                        format!(
                            "the id \"{id}\" is already used by {}: give one of them another id (add `id: ...` to its front-matter or rename the file)",
                            policies[first].file
                        ),
                    )
                    .policy(&id)
                    .target(&policies[first].file),
                );
                let mut n = 2;
                while by_id.contains_key(&format!("{id}-{n}")) {
                    n += 1;
                }
                policies[i].id = format!("{id}-{n}");
            }
            by_id.insert(policies[i].id.clone(), i);
        }
        let unreadable_ids = unreadable
            .iter()
            .map(|file| (id_from_path(file), file.clone()))
            .filter(|(id, _)| !by_id.contains_key(id))
            .collect();
        Index {
            by_id,
            by_file,
            other_files: files,
            unreadable: unreadable.iter().cloned().collect(),
            unreadable_ids,
            ..Index::default()
        }
    }

    /// A link to `file`, which could not be read: reported once, as what
    /// it is, instead of as a link to nothing.
    fn to_unreadable(written: &str, file: &str) -> Broken {
        Broken {
            kind: Kind::LinksToUnreadable,
            message: format!(
                "{written} links to {file}, which could not be read (see the error there): the link works once that file is fixed"
            ),
            suggestion: None,
        }
    }

    /// The broken link for a wiki link or `related` id that matches no
    /// policy: to an unreadable file whose name gives the id, or to a
    /// near miss.
    pub fn missing_id(&self, id: &str, written: &str) -> Broken {
        if let Some(file) = self.unreadable_ids.get(id) {
            return Index::to_unreadable(written, file);
        }
        let suggestion = self.ids().closest(id).map(str::to_string);
        let message = match &suggestion {
            Some(s) => format!("{written} does not match any policy; did you mean '{s}'?"),
            None => format!("{written} does not match any policy id"),
        };
        Broken {
            kind: Kind::BrokenReference,
            message,
            suggestion,
        }
    }

    fn ids(&self) -> &Suggester {
        self.ids
            .get_or_init(|| Suggester::new(self.by_id.keys().map(String::as_str)))
    }

    fn files(&self) -> &Suggester {
        self.files
            .get_or_init(|| Suggester::new(self.by_file.keys().map(String::as_str)))
    }

    fn by_stem(&self) -> &BTreeMap<String, Vec<String>> {
        self.by_stem.get_or_init(|| {
            let mut by_stem: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for path in self.by_file.keys() {
                by_stem
                    .entry(file_stem(path).to_string())
                    .or_default()
                    .push(path.clone());
            }
            by_stem
        })
    }

    /// The policy file or asset whose path is `path` but for case: links
    /// are matched case-exactly, as the intranet's server will (the
    /// editor's Windows or macOS disk does not care), so this is the
    /// "did you mean" for such a link.
    fn same_but_for_case(&self, path: &str) -> Option<&str> {
        self.by_lower_path
            .get_or_init(|| {
                self.by_file
                    .keys()
                    .chain(&self.other_files.assets)
                    .chain(self.other_files.beside.keys())
                    .map(|p| (p.to_lowercase(), p.clone()))
                    .collect()
            })
            .get(&path.to_lowercase())
            .map(String::as_str)
    }

    /// An index with no policies yet.
    pub fn with_files(files: Files) -> Index {
        Index {
            other_files: files,
            ..Index::default()
        }
    }

    /// Gives back the files other than policies (to build the index
    /// again).
    pub fn into_files(self) -> Files {
        self.other_files
    }

    /// Asset paths relative to the handbook root, sorted.
    pub fn assets(&self) -> &BTreeSet<String> {
        &self.other_files.assets
    }

    pub fn policy_by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Checks and adds the policies' old names (see
    /// [`crate::handbook::aliases`]), once the ids are settled; `statics`
    /// are the handbook's `static/` files.
    pub fn add_aliases(
        &mut self,
        policies: &[Policy],
        statics: &BTreeSet<String>,
        findings: &mut Vec<Finding>,
    ) {
        let known = crate::handbook::aliases::Known {
            policy_by_id: &|id| self.policy_by_id(id),
            unreadable: &self.unreadable,
            statics: statics
                .iter()
                .filter_map(|f| {
                    Some((
                        f.clone(),
                        crate::site::render::static_target(f)?.to_string(),
                    ))
                })
                .collect(),
        };
        self.aliases = crate::handbook::aliases::Aliases::build(policies, &known, findings);
    }

    /// The policies' old names.
    pub fn aliases(&self) -> &crate::handbook::aliases::Aliases {
        &self.aliases
    }

    /// Whether a new policy may not take `id`: a policy has it, as its id
    /// or an old one, or a file that could not be read would have it.
    pub fn id_is_taken(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
            || self.aliases.by_id(id).is_some()
            || self.unreadable_ids.contains_key(id)
    }

    /// The policy with id `id`, or whose old id it is (with the line of
    /// that alias).
    pub fn policy_by_id_or_alias(&self, id: &str) -> Option<(usize, Option<u32>)> {
        self.policy_by_id(id)
            .map(|i| (i, None))
            .or_else(|| self.aliases.by_id(id).map(|(i, line)| (i, Some(line))))
    }

    /// Resolves one reference written in policy `from`.
    pub fn resolve(
        &self,
        policies: &[Policy],
        from: &Policy,
        r: &Reference,
    ) -> Result<Target, Broken> {
        let dest = r.dest.trim();
        if let Some(placeholder) = crate::handbook::placeholders::find(dest) {
            return Err(Broken {
                kind: Kind::BrokenReference,
                message: format!(
                    "{} still holds template text ({placeholder}) that was never filled in: write the link to the policy or file it is meant to be",
                    r.as_written()
                ),
                suggestion: None,
            });
        }
        match r.form {
            Form::Wiki => {
                let (id, anchor) = split_anchor(dest);
                let (id, anchor) = (id.trim(), anchor.map(str::trim));
                if id.is_empty() {
                    return match anchor {
                        Some(a) if !a.is_empty() => self.same_page(from, a, r),
                        _ => Err(Broken {
                            kind: Kind::BrokenReference,
                            message: format!(
                                "{} is empty: write the id of a policy between the brackets, such as [[confidentiality]]",
                                r.as_written()
                            ),
                            suggestion: None,
                        }),
                    };
                }
                // An id, or a policy's exact title as other wikis link
                // ([[Access Control Policy]]).
                let Some(index) = self
                    .by_id
                    .get(id)
                    .copied()
                    .or_else(|| self.aliases.by_id(id).map(|(i, _)| i))
                    .or_else(|| self.by_title(policies, id))
                else {
                    let mut broken = self.missing_id(id, &r.as_written());
                    // A title with the wrong case, as other wikis forgive.
                    if broken.kind == Kind::BrokenReference
                        && let Some(i) = self.by_title_ignoring_case(policies, id)
                    {
                        let p = &policies[i];
                        broken.message = format!(
                            "{} does not match any policy id or exact title; did you mean [[{}]] ({})?",
                            r.as_written(),
                            p.id,
                            p.title
                        );
                        broken.suggestion = Some(p.id.clone());
                    }
                    return Err(broken);
                };
                self.policy_at(policies, index, anchor, r)
            }
            Form::Link | Form::Image => {
                if dest.is_empty() {
                    return Ok(Target::AsWritten);
                }
                if dest.starts_with("//") {
                    return Ok(Target::External {
                        url: dest.to_string(),
                    });
                }
                if let Some(scheme) = scheme(dest) {
                    return match scheme.as_str() {
                        "javascript" | "vbscript" | "data" | "file" => Ok(Target::Unsafe),
                        _ => Ok(Target::External {
                            url: dest.to_string(),
                        }),
                    };
                }
                if let Some(anchor) = dest.strip_prefix('#') {
                    return self.same_page(from, &percent_decode(anchor), r);
                }
                let (_, anchor) = split_anchor(dest);
                let Some(resolved) = link_path(from, dest) else {
                    return Err(Broken {
                        kind: Kind::BrokenReference,
                        message: format!("{} points outside the handbook folder", r.as_written()),
                        suggestion: None,
                    });
                };
                if let Some(&index) = self.by_file.get(&resolved) {
                    return self.policy_at(policies, index, anchor, r);
                }
                if self.other_files.assets.contains(&resolved) {
                    return Ok(Target::Asset { path: resolved });
                }
                match self.other_files.beside.get(&resolved) {
                    Some(None) => {
                        return Ok(Target::Asset {
                            path: crate::site::render::urls::beside(&resolved),
                        });
                    }
                    Some(Some(why)) => {
                        return Err(Broken {
                            kind: Kind::BrokenReference,
                            message: format!(
                                "{} points at {resolved}, which {why}, so it is not published: it would run on the intranet's pages as if the intranet had written it (link to a PDF or a picture without scripts instead)",
                                r.as_written()
                            ),
                            suggestion: None,
                        });
                    }
                    None => {}
                }
                let names_folder = {
                    let path = split_anchor(dest).0;
                    let path = path.split('?').next().unwrap_or(path);
                    path.ends_with('/')
                        || path
                            .rsplit('/')
                            .next()
                            .is_some_and(|n| n == "." || n == "..")
                };
                if let Some(index) = self.written_for_other_tools(&resolved, names_folder) {
                    return self.policy_at(policies, index, anchor, r);
                }
                if let Some((index, _)) = self.aliases.by_path(&resolved) {
                    return self.policy_at(policies, index, anchor, r);
                }
                if self.unreadable.contains(&resolved) {
                    return Err(Index::to_unreadable(&r.as_written(), &resolved));
                }
                if let Some(why) = self.other_files.withheld.get(&resolved) {
                    return Err(Broken {
                        kind: Kind::BrokenReference,
                        message: format!(
                            "{} points at {resolved}, which {why} and so is not published (see the warning about it)",
                            r.as_written()
                        ),
                        suggestion: None,
                    });
                }
                if let Some(actual) = self.same_but_for_case(&resolved) {
                    let suggestion = match self.by_file.get(actual) {
                        Some(&i) => policies[i].id.clone(),
                        None => actual.to_string(),
                    };
                    return Err(Broken {
                        kind: Kind::BrokenReference,
                        message: format!(
                            "{} points at {resolved}, which differs from {actual} in capital letters: links must match exactly, since the intranet's server tells them apart (did you mean {actual}?)",
                            r.as_written()
                        ),
                        suggestion: Some(suggestion),
                    });
                }
                if crate::handbook::load::is_left_out(&resolved) {
                    return Err(Broken {
                        kind: Kind::BrokenReference,
                        message: format!(
                            "{} points at {resolved}, and files or folders whose names start with . are never published (nor, outside assets/, those starting with _): rename it",
                            r.as_written()
                        ),
                        suggestion: None,
                    });
                }
                if resolved.ends_with(".md") {
                    // A file renamed that kept its id (`id:`): the policy
                    // with that id, and how old links can keep working.
                    let renamed = self
                        .by_id
                        .get(&id_from_path(&resolved))
                        .map(|&i| &policies[i]);
                    let found =
                        renamed.or_else(|| self.similar_file(&resolved).map(|i| &policies[i]));
                    let message = match found {
                        Some(p) if renamed.is_some() => format!(
                            "{} does not match any policy file ({resolved} does not exist); did you mean {}, whose id is {}? If the file was renamed, list its old path under aliases: in {} so that links to it keep working",
                            r.as_written(),
                            p.file,
                            p.id,
                            p.file
                        ),
                        Some(p) => format!(
                            "{} does not match any policy file ({resolved} does not exist); did you mean {}?",
                            r.as_written(),
                            p.file
                        ),
                        None => format!(
                            "{} does not match any policy file ({resolved} does not exist)",
                            r.as_written()
                        ),
                    };
                    let suggestion = found.map(|p| p.id.clone());
                    return Err(Broken {
                        kind: Kind::BrokenReference,
                        message,
                        suggestion,
                    });
                }
                // A page as other generators link it, that names no
                // policy: the policy file most like it.
                if let Some(base) = page_base(&resolved).filter(|b| !b.is_empty())
                    && let Some(p) = self
                        .similar_file(&format!("{base}.md"))
                        .map(|i| &policies[i])
                {
                    return Err(Broken {
                        kind: Kind::BrokenReference,
                        message: format!(
                            "{} does not match any policy (there is no {base}.md, nor {base}/index.md); did you mean {}?",
                            r.as_written(),
                            p.file
                        ),
                        suggestion: Some(p.id.clone()),
                    });
                }
                let message = if resolved.starts_with("assets/") {
                    format!(
                        "{} does not match any file in assets/ ({resolved} does not exist)",
                        r.as_written()
                    )
                } else if crate::handbook::load::is_beside_file(&resolved) {
                    format!(
                        "{} points at {resolved}, which does not exist: put the file there (a picture or document beside a policy is published when a policy links to it), or under assets/",
                        r.as_written()
                    )
                } else {
                    format!(
                        "{} is not a policy or a file under assets/, so it would not be on the site (put files to link to in assets/)",
                        r.as_written()
                    )
                };
                Err(Broken {
                    kind: Kind::BrokenReference,
                    message,
                    suggestion: None,
                })
            }
        }
    }

    /// The policy a link written for another generator names, by the
    /// path it resolves to: `foo/`, `foo`, `foo.html` (or `/foo/`) for
    /// `foo.md`, or for a folder's `foo/index.md` or `foo/README.md`.
    fn written_for_other_tools(&self, resolved: &str, names_folder: bool) -> Option<usize> {
        let base = page_base(resolved)?;
        let folder = if base.is_empty() {
            String::new()
        } else {
            format!("{base}/")
        };
        let files = [".md", ".markdown"]
            .map(|ext| (!base.is_empty()).then(|| format!("{base}{ext}")))
            .into_iter()
            .flatten();
        let folder_pages = ["index.md", "README.md", "readme.md", "Readme.md"]
            .map(|name| format!("{folder}{name}"));
        // `people/` (or `.`) names the folder: its page comes before a file
        // `people.md` beside it.
        let candidates: Vec<String> = if names_folder {
            folder_pages.into_iter().chain(files).collect()
        } else {
            files.chain(folder_pages).collect()
        };
        for candidate in candidates {
            if let Some(&i) = self.by_file.get(&candidate) {
                return Some(i);
            }
        }
        None
    }

    /// The policy whose title is exactly `title` (so that `[[b]]` never
    /// reaches a policy titled "B" once the id `b` is gone), the first by
    /// file when several are: the lookup is made the first time it is
    /// needed.
    fn by_title(&self, policies: &[Policy], title: &str) -> Option<usize> {
        self.titles(policies).get(title).map(|&(i, _)| i)
    }

    /// Each title: its first policy (by file) and how many have it.
    fn titles(&self, policies: &[Policy]) -> &HashMap<String, (usize, usize)> {
        self.by_title.get_or_init(|| {
            let mut titles: HashMap<String, (usize, usize)> = HashMap::new();
            for (i, p) in policies.iter().enumerate() {
                titles.entry(p.title.clone()).or_insert((i, 0)).1 += 1;
            }
            titles
        })
    }

    /// The policy whose title is `title` but for case, for "did you mean".
    fn by_title_ignoring_case(&self, policies: &[Policy], title: &str) -> Option<usize> {
        self.by_lower_title
            .get_or_init(|| {
                let mut titles = HashMap::new();
                for (i, p) in policies.iter().enumerate() {
                    titles.entry(p.title.to_lowercase()).or_insert(i);
                }
                titles
            })
            .get(&title.to_lowercase())
            .copied()
    }

    /// A note for a link that names policy `target` the way other
    /// generators write links (`foo.html`, `foo/`), rather than by its
    /// file: read as a link to it, and how to write it.
    pub fn other_tools_note(
        &self,
        policies: &[Policy],
        from: &Policy,
        r: &Reference,
        target: &Policy,
    ) -> Option<(Severity, String)> {
        if r.form == Form::Wiki {
            let (id, _) = split_anchor(r.dest.trim());
            let id = id.trim();
            if id == target.id || id.is_empty() {
                return None;
            }
            if let Some((_, line)) = self.aliases.by_id(id) {
                return Some(alias_note(&r.as_written(), target, line));
            }
            // [[Exact Title]]: an id is what stays when a title changes.
            let shared = self.titles(policies).get(id).map_or(1, |&(_, n)| n);
            return Some(if shared > 1 {
                (
                    Severity::Warning,
                    format!(
                        "{} names {shared} policies with that title, and goes to the first, {}: write [[{}]] or the id of the one you mean",
                        r.as_written(),
                        target.file,
                        target.id
                    ),
                )
            } else {
                (
                    Severity::Info,
                    format!(
                        "{} names {} by its title: write [[{}]], which stays when the title changes",
                        r.as_written(),
                        target.file,
                        target.id
                    ),
                )
            });
        }
        if r.form != Form::Link {
            return None;
        }
        let resolved = link_path(from, r.dest.trim())?;
        if let Some((_, line)) = self
            .aliases
            .by_path(&resolved)
            .filter(|_| self.written_for_other_tools(&resolved, false).is_none())
        {
            return Some(alias_note(&r.as_written(), target, line));
        }
        (resolved != target.file).then(|| {
            (
                Severity::Info,
                format!(
                    "{} is read as a link to {} ({}): write [[{}]] or the file's path, so that every tool finds it",
                    r.as_written(),
                    target.file,
                    target.title,
                    target.id
                ),
            )
        })
    }

    /// The policy file most like a missing one: a near-miss path, or one
    /// whose name starts the same way (`early-help-2019.md` →
    /// `early-help.md`), preferring the same folder.
    fn similar_file(&self, missing: &str) -> Option<usize> {
        if let Some(path) = self.files().closest(missing) {
            return self.by_file.get(path).copied();
        }
        let (folder, file) = missing.rsplit_once('/').unwrap_or(("", missing));
        let stem = file.trim_end_matches(".md");
        // Files whose name starts the same way, longer or shorter: looked up
        // by name, not by going through every file.
        let mut candidates: Vec<(&String, usize)> = Vec::new();
        for (i, _) in stem.char_indices().skip(4).chain([(stem.len(), ' ')]) {
            if let Some(paths) = self.by_stem().get(&stem[..i]) {
                candidates.extend(paths.iter().map(|p| (p, i)));
            }
        }
        for (other, paths) in self
            .by_stem()
            .range(stem.to_string()..)
            .take_while(|(k, _)| k.starts_with(stem))
        {
            if other.len() > stem.len() && stem.len() >= 4 {
                candidates.extend(paths.iter().map(|p| (p, stem.len())));
            }
        }
        // (same folder, characters shared, path): the largest wins, ties by path.
        let best = candidates.into_iter().max_by(|(pa, sa), (pb, sb)| {
            let fa = pa.rsplit_once('/').map(|(f, _)| f).unwrap_or("") == folder;
            let fb = pb.rsplit_once('/').map(|(f, _)| f).unwrap_or("") == folder;
            (fa, sa).cmp(&(fb, sb)).then_with(|| pb.cmp(pa))
        });
        best.and_then(|(path, _)| self.by_file.get(path).copied())
    }

    fn same_page(&self, from: &Policy, anchor: &str, r: &Reference) -> Result<Target, Broken> {
        if anchor.is_empty() || from.has_anchor(anchor) {
            return Ok(Target::SamePage {
                anchor: anchor.to_string(),
            });
        }
        Err(broken_anchor(from, anchor, r, "this page"))
    }

    fn policy_at(
        &self,
        policies: &[Policy],
        index: usize,
        anchor: Option<&str>,
        r: &Reference,
    ) -> Result<Target, Broken> {
        let target = &policies[index];
        match anchor.map(percent_decode) {
            Some(a) if !a.is_empty() && !target.has_anchor(&a) => {
                Err(broken_anchor(target, &a, r, &format!("'{}'", target.id)))
            }
            Some(a) if !a.is_empty() => Ok(Target::Policy {
                index,
                anchor: Some(a),
            }),
            _ => Ok(Target::Policy {
                index,
                anchor: None,
            }),
        }
    }
}

/// The note for a link by one of `target`'s old names (its alias on `line`).
fn alias_note(written: &str, target: &Policy, line: u32) -> (Severity, String) {
    (
        Severity::Info,
        format!(
            "{written} is an old name of {} ({}; line {line} there lists it): it still works, but [[{}]] is what the policy is called now",
            target.file, target.title, target.id
        ),
    )
}

fn broken_anchor(target: &Policy, anchor: &str, r: &Reference, page: &str) -> Broken {
    let suggestion =
        crate::handbook::slug::closest(anchor, target.headings.iter().map(|h| h.anchor.as_str()))
            .map(str::to_string);
    let message = match &suggestion {
        Some(s) => format!(
            "{}: {page} has no heading #{anchor}; did you mean #{s}?",
            r.as_written()
        ),
        None => format!("{}: {page} has no heading #{anchor}", r.as_written()),
    };
    Broken {
        kind: Kind::BrokenAnchor,
        message,
        suggestion,
    }
}

/// `safeguarding/photos.md` → `photos`: the name a policy's id comes
/// from when it does not say one.
pub fn file_stem(path: &str) -> &str {
    path.rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".markdown")
        .trim_end_matches(".md")
        .trim_end_matches(".MD")
}

/// Whether `rel` is a folder's own page, as other generators write it:
/// `index.md` or `README.md` (any case) in a folder below the root.
pub fn is_folder_page(rel: &str) -> bool {
    let Some((_, name)) = rel.rsplit_once('/') else {
        return false;
    };
    let stem = file_stem(name).to_ascii_lowercase();
    stem == "index" || stem == "readme"
}

/// The name a policy file is known by when its front-matter says nothing:
/// its file name without `.md`, or for a folder's `index.md` or
/// `README.md`, the folder's name (`people/leave/index.md` → `leave`).
pub fn name_from_path(rel: &str) -> &str {
    if is_folder_page(rel) {
        let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
        return folder.rsplit('/').next().unwrap_or(folder);
    }
    file_stem(rel)
}

/// The id a policy file gets when its front-matter gives none: its file
/// name, slugified; for a folder's `index.md` or `README.md`, the folder's
/// whole path (`people/leave/index.md` → `people-leave`), so that the
/// index files of many folders never clash.
pub fn id_from_path(rel: &str) -> String {
    if is_folder_page(rel) {
        let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
        return crate::handbook::slug::id(&folder.replace('/', "-"));
    }
    crate::handbook::slug::id(file_stem(rel))
}

/// What each reference of `from` names, whether or not it resolves: the
/// id of a wiki link or a `related`, `supersedes` or `superseded_by` entry, the handbook path of a relative
/// link (an asset, or a policy file). `check --changed-since` asks which
/// policies named a file or id that a change removed.
pub fn named_by(from: &Policy) -> impl Iterator<Item = String> + '_ {
    let folder = from.file.rsplit_once('/').map_or("", |(f, _)| f);
    let body = from.references.iter().filter_map(move |r| {
        let dest = r.dest.trim();
        let (name, _) = split_anchor(dest);
        match r.form {
            Form::Wiki => Some(name.trim().to_string()),
            Form::Link | Form::Image if dest.starts_with("//") || scheme(dest).is_some() => None,
            Form::Link | Form::Image => {
                let path = name.split('?').next().unwrap_or(name);
                let folder = if path.starts_with('/') { "" } else { folder };
                join(folder, &percent_decode(path))
            }
        }
    });
    let ids = from
        .related
        .iter()
        .chain(&from.supersedes)
        .chain(&from.superseded_by)
        .map(|id| id.value.trim().to_string());
    body.chain(ids)
}

/// `a#b` → (`a`, Some(`b`)).
fn split_anchor(dest: &str) -> (&str, Option<&str>) {
    match dest.split_once('#') {
        Some((a, b)) => (a, Some(b)),
        None => (dest, None),
    }
}

/// Whether `dest` starts with a URL scheme (`https:`, `javascript:`).
pub fn has_scheme(dest: &str) -> bool {
    scheme(dest).is_some()
}

/// The URL scheme, lower-cased, if `dest` has one (`mailto:`, `https:`).
fn scheme(dest: &str) -> Option<String> {
    // As a browser reads it: tabs and line breaks anywhere are dropped,
    // and spaces and control characters in front (`java\tscript:`).
    let cleaned: std::borrow::Cow<str> = if dest.contains(['\t', '\n', '\r']) {
        dest.chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .into()
    } else {
        dest.into()
    };
    let (scheme, _) = cleaned
        .trim_start_matches(|c: char| c <= ' ')
        .split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| scheme.to_ascii_lowercase())
}

/// Checks a URL from `handbook.yaml` or front-matter that pages link to:
/// `http:`, `https:`, `mailto:` or relative only, so that no setting can
/// put `javascript:` in a link on every page. `Err` says what to write.
pub fn check_url(key: &str, raw: &str) -> Result<(), String> {
    match scheme(raw).as_deref() {
        None | Some("http" | "https" | "mailto") => Ok(()),
        Some(other) => Err(format!(
            "{key} \"{raw}\" is a {other}: address, which a page must not link to: write an address that starts with https://, http:// or mailto:, or a path on the intranet"
        )),
    }
}

/// Joins a relative path to a folder, resolving `.` and `..`. `None` when
/// the result would leave the handbook root.
pub fn join(folder: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The path without `.html`, `.htm` or a trailing `/` of a link that names
/// a page as other generators write it (`foo.html`, `foo/`, `foo`); `None`
/// for a `.md` file or another file (`form.pdf`).
pub fn page_base(resolved: &str) -> Option<&str> {
    let trimmed = resolved.trim_end_matches('/');
    let lower = trimmed.to_ascii_lowercase();
    if let Some(ext) = [".html", ".htm"].iter().find(|ext| lower.ends_with(*ext)) {
        return Some(&trimmed[..trimmed.len() - ext.len()]);
    }
    let name = trimmed.rsplit('/').next().unwrap_or(trimmed);
    (trimmed.len() < resolved.len() || !name.contains('.')).then_some(trimmed)
}

/// The handbook path a relative link (no scheme, not only an anchor)
/// points at: from the folder of `from`, or from the root for `/…`, so
/// that `/assets/x.pdf` works under any base_url once rewritten. `None`
/// for a path that leaves the handbook.
fn link_path(from: &Policy, dest: &str) -> Option<String> {
    let (path, _) = split_anchor(dest);
    let path = path.split('?').next().unwrap_or(path);
    let folder = if path.starts_with('/') {
        ""
    } else {
        from.file.rsplit_once('/').map(|(f, _)| f).unwrap_or("")
    };
    join(folder, &percent_decode(path))
}

/// Decodes `%20` and friends in a link's path or anchor; invalid sequences are kept as written, and bytes
/// that are not UTF-8 become U+FFFD.
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// One policy's links: its findings, the policies it links to, and its
/// `related` policies that resolve.
struct Linked {
    findings: Vec<Finding>,
    targets: Vec<usize>,
    related: Vec<usize>,
    /// The pictures and documents beside the policies that it links to.
    beside: Vec<String>,
}

fn link_one(policies: &[Policy], index: &Index, i: usize, p: &Policy) -> Linked {
    let findings: &mut Vec<Finding> = &mut Vec::new();
    let mut targets = Vec::new();
    let mut rel_out = Vec::new();
    let mut beside = Vec::new();
    for r in &p.references {
        match index.resolve(policies, p, r) {
            Ok(Target::Policy { index: t, .. }) => {
                if t != i {
                    targets.push(t);
                }
                if let Some((severity, note)) = index.other_tools_note(policies, p, r, &policies[t])
                {
                    findings.push(
                        Finding::new(Kind::Interpreted, severity, &p.file, r.line, note)
                            .policy(&p.id)
                            .target(&policies[t].id),
                    );
                }
                lifecycle_warning(p, &policies[t], || r.as_written(), r.line, findings);
            }
            Ok(Target::External { url }) => findings.push(
                Finding::new(
                    Kind::ExternalLink,
                    Severity::Info,
                    &p.file,
                    r.line,
                    format!("links to {url} (not checked)"),
                )
                .policy(&p.id)
                .target(&url),
            ),
            Ok(Target::Unsafe) => findings.push(
                Finding::error(
                    Kind::BrokenReference,
                    &p.file,
                    r.line,
                    format!(
                        "{} is not a safe link and was removed from the page",
                        r.as_written()
                    ),
                )
                .policy(&p.id)
                .target(&r.dest),
            ),
            Ok(Target::Asset { path }) => {
                if let Some(file) = crate::site::render::urls::beside_file(&path) {
                    beside.push(file.to_string());
                }
            }
            Ok(_) => {}
            Err(b) => findings.push(broken_finding(p, &r.dest, r.line, b)),
        }
    }
    for id in &p.related {
        let r = Reference {
            dest: id.value.clone(),
            form: Form::Wiki,
            line: id.line,
        };
        match index.policy_by_id_or_alias(&id.value) {
            Some((t, alias)) => {
                if t != i {
                    targets.push(t);
                    rel_out.push(t);
                }
                if let Some(line) = alias {
                    let (severity, note) =
                        alias_note(&format!("related: {}", id.value), &policies[t], line);
                    findings.push(
                        Finding::new(Kind::Interpreted, severity, &p.file, id.line, note)
                            .policy(&p.id)
                            .target(&policies[t].id)
                            .key("related"),
                    );
                }
                lifecycle_warning(
                    p,
                    &policies[t],
                    || format!("related: {}", id.value),
                    id.line,
                    findings,
                );
            }
            None => {
                let b = index.missing_id(&id.value, &format!("related: {}", id.value));
                findings.push(broken_finding(p, &r.dest, r.line, b).key("related"));
            }
        }
    }
    Linked {
        findings: std::mem::take(findings),
        targets,
        related: rel_out,
        beside,
    }
}

/// The handbook after linking: policies, who links to whom, and findings.
#[derive(Debug, Default)]
pub struct Links {
    /// For each policy, the policies that link to it (body or `related`),
    /// sorted by title, without itself.
    pub incoming: Vec<Vec<usize>>,
    /// For each policy, its `related` ids that resolve.
    pub related: Vec<Vec<usize>>,
    /// For each policy, the policies it links to (body or `related`).
    pub outgoing: Vec<Vec<usize>>,
    /// The pictures and documents beside the policies that a policy
    /// links to, and the policies that do: they are published (under
    /// `files/`) when one of those policies is, the others never.
    pub beside: BTreeMap<String, Vec<usize>>,
}

/// Resolves every reference of every policy, collecting findings and the
/// incoming links.
pub fn link(policies: &[Policy], index: &Index, findings: &mut Vec<Finding>) -> Links {
    use rayon::prelude::*;
    let each: Vec<Linked> = policies
        .par_iter()
        .enumerate()
        .map(|(i, p)| link_one(policies, index, i, p))
        .collect();
    let mut incoming: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); policies.len()];
    let mut related = Vec::with_capacity(policies.len());
    let mut beside: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, one) in each.into_iter().enumerate() {
        findings.extend(one.findings);
        for file in one.beside {
            beside.entry(file).or_default().push(i);
        }
        for t in one.targets {
            incoming[t].insert(i);
        }
        related.push(one.related);
    }
    let mut outgoing = vec![Vec::new(); policies.len()];
    for (target, sources) in incoming.iter().enumerate() {
        for &source in sources {
            outgoing[source].push(target);
        }
    }
    let incoming = incoming
        .into_iter()
        .map(|set| {
            let mut v: Vec<usize> = set.into_iter().collect();
            v.sort_by(|&a, &b| policies[a].title.cmp(&policies[b].title));
            v
        })
        .collect();
    Links {
        incoming,
        related,
        outgoing,
        beside,
    }
}

pub fn broken_finding(p: &Policy, dest: &str, line: u32, b: Broken) -> Finding {
    // A link to a file that could not be read is a warning: the error is
    // that file's.
    let severity = if b.kind == Kind::LinksToUnreadable {
        Severity::Warning
    } else {
        Severity::Error
    };
    let mut f = Finding::new(b.kind, severity, &p.file, line, b.message)
        .policy(&p.id)
        .target(dest);
    f.suggestion = b.suggestion;
    f
}

fn lifecycle_warning(
    from: &Policy,
    to: &Policy,
    written: impl FnOnce() -> String,
    line: u32,
    findings: &mut Vec<Finding>,
) {
    // The policy that replaces another may well name it ("this replaces
    // [[fax-and-post]]").
    if to.replaced_by.as_deref() == Some(from.id.as_str()) || from.replaces.contains(&to.id) {
        return;
    }
    if let (Lifecycle::Active | Lifecycle::Draft, Some(new)) = (from.status, &to.replaced_by) {
        let mut f = Finding::warning(
            Kind::LinksToSuperseded,
            &from.file,
            line,
            format!(
                "{} links to '{}', which '{new}' replaces: link to [[{new}]] instead",
                written(),
                to.id
            ),
        )
        .policy(&from.id)
        .target(&to.id);
        f.suggestion = Some(new.clone());
        findings.push(f);
        return;
    }
    let (kind, message) = match (from.status, to.status) {
        (Lifecycle::Active | Lifecycle::Draft, Lifecycle::Retired) => (
            Kind::LinksToRetired,
            format!(
                "{} links to '{}', which is retired: link to the policy that replaces it",
                written(),
                to.id
            ),
        ),
        (Lifecycle::Active, Lifecycle::Draft) => (
            Kind::LinksToDraft,
            format!(
                "{} links to '{}', which is still a draft and is not published",
                written(),
                to.id
            ),
        ),
        _ => return,
    };
    findings.push(
        Finding::warning(kind, &from.file, line, message)
            .policy(&from.id)
            .target(&to.id),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(
            join("safeguarding", "../communications/a.md").as_deref(),
            Some("communications/a.md")
        );
        assert_eq!(join("a/b", "./c.md").as_deref(), Some("a/b/c.md"));
        assert_eq!(join("", "../../etc/passwd"), None);
        assert_eq!(join("a", "../../etc/passwd"), None);
    }

    #[test]
    fn urls_from_settings() {
        for ok in [
            "https://git.example.org/edit/{path}",
            "http://intranet/edit?f={path}",
            "mailto:editor@example.org",
            "/edit/{path}",
            "edit/{path}",
        ] {
            assert_eq!(check_url("edit_url", ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(check_url("edit_url", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn schemes() {
        assert_eq!(scheme("https://x").as_deref(), Some("https"));
        assert_eq!(scheme("JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme("../a.md"), None);
        assert_eq!(scheme("a.md#x:y"), None);
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("my%20file.pdf"), "my file.pdf");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
