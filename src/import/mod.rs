//! `policybook import`: Word-era policy documents into a handbook. It sits
//! beside the pipeline, like `init`: it writes policy files, which the
//! pipeline then reads like any others, and it opens the target handbook
//! only to know its policies (to match "Associated Policies" to them) and,
//! once written, to check it.
//!
//! One document goes through [`read`] (its lines, whatever the file
//! format), [`facts`] (title, owner, dates, cycle and associated policies,
//! each with its line) and [`body`] (the rest as Markdown); this module
//! matches the associated policies ([`crate::handbook::names`]), names the
//! files, writes them with their front-matter, and says what it inferred
//! and from where ([`Imported`]). A field it cannot find is a `# TODO`
//! comment, never a guess.

pub mod body;
pub mod dates;
pub mod facts;
pub mod read;
mod summary;

use crate::error::{Error, Result};
use crate::handbook::names::{Match, Names};
use crate::handbook::{Handbook, parse::Purpose, slug};
use dates::Written;
use facts::{Fact, Facts};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files and folders (read recursively).
    pub inputs: Vec<PathBuf>,
    /// The folder the policies are written to.
    pub into: PathBuf,
    /// The category of every policy, instead of each source sub-folder's.
    pub category: Option<String>,
    /// Write nothing; say what would be written.
    pub dry_run: bool,
    /// Overwrite policy files that exist.
    pub force: bool,
    /// The day the check after the import judges reviews by.
    pub today: Date,
}

/// What an import did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    /// The handbook imported into.
    pub handbook: PathBuf,
    /// There was none, so one was made.
    pub made_handbook: bool,
    pub dry_run: bool,
    pub imported: Vec<Imported>,
    /// Files not imported, and why.
    pub skipped: Vec<Skipped>,
}

/// A file that was not imported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Skipped {
    pub source: String,
    pub why: String,
}

/// One document imported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Imported {
    /// The document, as given.
    pub source: String,
    /// The policy file, relative to the handbook.
    pub file: String,
    pub id: String,
    /// Each field inferred: its value and the document line it came from.
    pub inferred: Vec<Inferred>,
    /// Fields left as `# TODO`, and why.
    pub todo: Vec<Todo>,
    /// It replaced a file (with `--force`).
    pub replaced: bool,
    /// The policy file's text.
    #[serde(skip)]
    pub text: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Inferred {
    pub field: &'static str,
    pub value: String,
    pub line: u32,
    /// The document's words on that line.
    pub source: String,
    /// What the reader should know about the value, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Todo {
    pub field: &'static str,
    pub why: String,
}

/// A document read, with its facts, before it is written.
struct Read {
    source: String,
    kind: read::Kind,
    document: read::Document,
    facts: Facts,
    category: Option<String>,
    id: String,
}

/// Imports `options.inputs`; fails only when nothing can be read or
/// written at all (exit 2).
pub fn import(options: &Options, progress: &dyn crate::progress::Progress) -> Result<Outcome> {
    let (root, existing) = target(&options.into, options.today)?;
    // Where `into` is in the handbook, for the files' names in it.
    let sub = root
        .as_ref()
        .and_then(|r| {
            let into = absolute(&options.into)?;
            into.strip_prefix(r).ok().map(Path::to_path_buf)
        })
        .unwrap_or_default();
    let mut skipped = Vec::new();
    let mut docs = Vec::new();
    let files = gather(&options.inputs, &options.into, &mut skipped)?;
    progress.start("Reading the documents", Some(files.len() as u64));
    for (path, category) in files {
        progress.step();
        let source = path.display().to_string();
        let Some(kind) = read::Kind::of(&path) else {
            skipped.push(Skipped {
                source,
                why: "import reads .txt, .md and .docx files: save it as one of those (Word: File → Save As → Word Document)".into(),
            });
            continue;
        };
        // A file that cannot be read is named with why; the rest go on.
        let bytes = match crate::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(Skipped {
                    source,
                    why: e.to_string(),
                });
                continue;
            }
        };
        let document = match read::read(bytes, kind) {
            Ok(d) => d,
            Err(why) => {
                skipped.push(Skipped { source, why });
                continue;
            }
        };
        let facts = facts::find(&document.lines);
        let Some(title) = facts.title.as_ref().map(|t| t.value.clone()) else {
            skipped.push(Skipped {
                source,
                why:
                    "it has no text (it is empty, or only blank lines): there is nothing to import"
                        .into(),
            });
            continue;
        };
        docs.push(Read {
            source,
            kind,
            id: slug::id_for_title(&title),
            document,
            facts,
            category: options.category.clone().or(category),
        });
    }
    progress.finish();
    // Ids: distinct from the handbook's and from each other's.
    let taken: std::collections::HashMap<String, PathBuf> = existing
        .iter()
        .map(|(id, _, path)| (id.clone(), path.clone()))
        .collect();
    let mut titles: Vec<(String, String)> = existing
        .iter()
        .map(|(id, title, _)| (id.clone(), title.clone()))
        .collect();
    let mut imported = Vec::new();
    let mut plans = Vec::new();
    let mut kept = Vec::new();
    let mut assigned = std::collections::HashSet::new();
    for mut doc in docs {
        let base = if doc.id.is_empty() {
            "policy".to_string()
        } else {
            doc.id.clone()
        };
        let mut n = 1;
        let id = loop {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            let file = options.into.join(format!("{id}.md"));
            if assigned.contains(&id) {
                n += 1;
                continue;
            }
            if file.symlink_metadata().is_ok() && !options.force {
                break Err(file);
            }
            match taken.get(&id) {
                // Another file's id.
                Some(p) if !same_file(p, &file) => n += 1,
                _ => break Ok(id),
            }
        };
        let id = match id {
            Ok(id) => id,
            Err(file) => {
                skipped.push(Skipped {
                    source: doc.source,
                    why: format!(
                        "there is a policy file {} already: it is left as it is (import with --force to replace it with this document)",
                        file.display()
                    ),
                });
                continue;
            }
        };
        assigned.insert(id.clone());
        doc.id = id;
        if let Some(t) = &doc.facts.title {
            titles.push((doc.id.clone(), t.value.clone()));
        }
        kept.push(doc);
    }
    let docs = kept;
    let names = Names::new(titles.iter().map(|(id, t)| (id.as_str(), t.as_str())));
    for doc in &docs {
        let file = options.into.join(format!("{}.md", doc.id));
        let replaced = file.symlink_metadata().is_ok();
        let (text, inferred, todo) = policy_file(doc, &names);
        let rel = sub
            .join(format!("{}.md", doc.id))
            .to_string_lossy()
            .replace('\\', "/");
        plans.push((file, text.clone()));
        imported.push(Imported {
            source: doc.source.clone(),
            file: rel,
            id: doc.id.clone(),
            inferred,
            todo,
            replaced,
            text,
        });
    }
    let made_handbook = root.is_none();
    if !options.dry_run {
        if made_handbook && !docs.is_empty() {
            let organisation = docs
                .iter()
                .find_map(|d| d.facts.organisation.as_ref().map(|o| o.value.clone()));
            let title = match &organisation {
                Some(o) => format!("{o} Policy Handbook"),
                None => "Policy Handbook".to_string(),
            };
            crate::fs::write_creating_dirs(
                &options.into.join(crate::handbook::config::FILE_NAME),
                crate::init::settings_file(&title, organisation.as_deref(), true),
            )?;
        }
        for (file, text) in &plans {
            crate::fs::write_creating_dirs(file, text)?;
        }
    }
    Ok(Outcome {
        handbook: root.unwrap_or_else(|| options.into.clone()),
        made_handbook,
        dry_run: options.dry_run,
        imported,
        skipped,
    })
}

/// `path` made absolute through its nearest folder that exists, so that
/// a folder yet to be made compares with canonical paths.
fn absolute(path: &Path) -> Option<PathBuf> {
    let full = std::env::current_dir().ok()?.join(path);
    let existing = full.ancestors().find(|d| d.is_dir())?;
    let rest = full.strip_prefix(existing).ok()?;
    Some(std::fs::canonicalize(existing).ok()?.join(rest))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The nearest folder at or above `dir` that holds `handbook.yaml`.
pub fn existing_handbook(dir: &Path) -> Option<PathBuf> {
    // `--into` may be a new folder inside a handbook.
    absolute(dir)?
        .ancestors()
        .find(|d| d.join(crate::handbook::config::FILE_NAME).is_file())
        .map(Path::to_path_buf)
}

/// A policy of the handbook imported into: id, title, file.
type Existing = (String, String, PathBuf);

/// The handbook imported into: where it is (canonical; `None` when there
/// is none yet, and `into` will be one), and its policies (id, title,
/// file).
fn target(into: &Path, today: Date) -> Result<(Option<PathBuf>, Vec<Existing>)> {
    if into.exists() && !into.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file, not a folder: give --into the folder to write the policies to",
            into.display()
        )));
    }
    let Some(root) = existing_handbook(into) else {
        return Ok((None, Vec::new()));
    };
    let hb = Handbook::open(&root, today, Purpose::Check)?;
    let policies = hb
        .policies
        .iter()
        .map(|p| (p.id.clone(), p.title.clone(), root.join(&p.file)))
        .collect();
    Ok((Some(root), policies))
}

/// The files to import, each with the category its sub-folder gives it;
/// missing inputs are skipped.
fn gather(
    inputs: &[PathBuf],
    into: &Path,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<(PathBuf, Option<String>)>> {
    // The folder written to is never read from (`import docs --into
    // docs/handbook` again).
    let into = absolute(into);
    let mut out = Vec::new();
    for input in inputs {
        if input.is_file() {
            out.push((input.clone(), None));
            continue;
        }
        if !input.is_dir() {
            skipped.push(Skipped {
                source: input.display().to_string(),
                why: "there is no such file or folder".into(),
            });
            continue;
        }
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(input)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !(e.file_name().to_string_lossy().starts_with('.')
                        || into
                            .as_deref()
                            .is_some_and(|i| absolute(e.path()).as_deref() == Some(i)))
            })
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for file in files {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Word's lock files, while a document is open; a handbook's
            // settings.
            if name.starts_with("~$") || name == crate::handbook::config::FILE_NAME {
                continue;
            }
            let category = file
                .strip_prefix(input)
                .ok()
                .and_then(|r| r.parent())
                .and_then(|p| p.components().next())
                .map(|c| slug::title_case(&c.as_os_str().to_string_lossy()));
            out.push((file, category));
        }
    }
    Ok(out)
}

/// Front-matter being written, with what was inferred and what is left
/// to do.
#[derive(Default)]
struct Front {
    yaml: String,
    inferred: Vec<Inferred>,
    todo: Vec<Todo>,
}

impl Front {
    fn inferred<T>(
        &mut self,
        field: &'static str,
        value: String,
        fact: &Fact<T>,
        note: Option<String>,
    ) {
        self.inferred.push(Inferred {
            field,
            value,
            line: fact.line,
            source: shortened(&fact.source),
            note,
        });
    }

    fn todo(&mut self, field: &'static str, why: String) {
        self.yaml
            .push_str(&format!("# TODO {field}: {}\n", one_line(&why)));
        self.todo.push(Todo { field, why });
    }

    fn text(&mut self, field: &'static str, fact: &Option<Fact<String>>, why: &str) {
        match fact {
            Some(fact) => {
                self.yaml.push_str(&format!(
                    "{field}: {}\n",
                    crate::init::yaml_string(&fact.value)
                ));
                self.inferred(field, fact.value.clone(), fact, None);
            }
            None => self.todo(field, why.to_string()),
        }
    }

    /// A date: a month given alone is its first day, or with `last` its
    /// last; `not_date` says why words that looked like one are not.
    fn date(
        &mut self,
        field: &'static str,
        fact: &Option<Fact<Written>>,
        last: bool,
        not_date: Option<String>,
    ) {
        match fact {
            Some(fact) => {
                let date = if last {
                    fact.value.last_day()
                } else {
                    fact.value.first_day()
                };
                let comment = matches!(fact.value, Written::Month { .. }).then(|| {
                    format!(
                        "given only as a month: {}",
                        if last {
                            "the last day of that month"
                        } else {
                            "the first of that month"
                        }
                    )
                });
                match &comment {
                    Some(c) => self.yaml.push_str(&format!("{field}: {date}  # {c}\n")),
                    None => self.yaml.push_str(&format!("{field}: {date}\n")),
                }
                self.inferred(field, date.to_string(), fact, comment);
            }
            None => match not_date {
                Some(why) => self.todo(field, why),
                // A last review is seldom written: not a gap.
                None if field == "last_reviewed" => {}
                None => self.todo(field, "not found in the document".into()),
            },
        }
    }
}

/// The policy file for one document: its front-matter and body, what was
/// inferred, and what is left to do.
fn policy_file(doc: &Read, names: &Names) -> (String, Vec<Inferred>, Vec<Todo>) {
    let f = &doc.facts;
    let mut front = Front {
        yaml: String::from("---\n"),
        ..Front::default()
    };
    let not_date = |field: &str| {
        f.not_dates
            .iter()
            .find(|(k, _, _)| *k == field)
            .map(|(_, line, why)| format!("line {line}: {why}"))
    };
    front.text("title", &f.title, "the document has no title");
    front.text(
        "owner",
        &f.owner,
        "not found in the document: who keeps this policy up to date?",
    );
    front.text(
        "approved_by",
        &f.approved_by,
        "not found in the document: who agreed this policy?",
    );
    front.date("approved", &f.approved, false, not_date("approved"));
    front.date(
        "last_reviewed",
        &f.last_reviewed,
        false,
        not_date("last_reviewed"),
    );
    match &f.review_every {
        Some(fact) => {
            front
                .yaml
                .push_str(&format!("review_every: {}\n", fact.value));
            front.inferred("review_every", fact.value.clone(), fact, None);
        }
        None if f.review_by.is_none() => front.todo(
            "review_every",
            "not found in the document: how often is it reviewed (1 year, 2 years)?".into(),
        ),
        None => {}
    }
    // A review date is only left to do when it cannot be worked out from
    // the agreement and the cycle.
    let review_not_date = not_date("review_by");
    if f.review_by.is_some()
        || f.review_every.is_none()
        || f.approved.is_none()
        || review_not_date.is_some()
    {
        front.date("review_by", &f.review_by, true, review_not_date);
    }
    let related = related(f, names, &doc.id);
    if !related.is_empty() {
        front.yaml.push_str("related:\n");
        for (id, name, fact, matched) in &related {
            let shown = crate::init::yaml_string(id);
            let note = match matched {
                Some(_) => {
                    front.yaml.push_str(&format!("  - {shown}\n"));
                    None
                }
                None => {
                    front.yaml.push_str(&format!(
                        "  - {shown}  # \"{}\" matches no policy: correct the id, or remove it\n",
                        comment_text(name)
                    ));
                    Some(
                        "matches no policy: check will report it as a broken reference".to_string(),
                    )
                }
            };
            front.inferred("related", id.clone(), fact, note);
        }
    }
    if let Some(category) = &doc.category {
        front.yaml.push_str(&format!(
            "category: {}\n",
            crate::init::yaml_string(category)
        ));
    }
    front.yaml.push_str("status: active\n---\n");
    if let Some(encoding) = doc.document.encoding {
        front.inferred.push(Inferred {
            field: "encoding",
            value: encoding.to_string(),
            line: 0,
            source: String::new(),
            note: Some("the file was not UTF-8; its text was read as this".into()),
        });
    }
    let lines: Vec<read::Line> = doc
        .document
        .lines
        .iter()
        .map(|l| match doc.kind {
            // Markdown is kept as its editor wrote it.
            read::Kind::Markdown => l.clone(),
            _ => linked(l, names, &doc.id),
        })
        .collect();
    let body = body::markdown(&lines, &f.taken, doc.kind == read::Kind::Markdown);
    let text = if body.trim().is_empty() {
        front.yaml
    } else {
        format!("{}\n{body}", front.yaml)
    };
    (text, front.inferred, front.todo)
}

/// A line with each phrase that clearly names another policy ("see the
/// Complaints Procedure") made a link to it, as `check` would ask.
fn linked(line: &read::Line, names: &Names, own: &str) -> read::Line {
    let mut line = line.clone();
    if matches!(line.hint, read::Hint::Verbatim | read::Hint::Table) || line.markdown.contains("](")
    {
        return line;
    }
    let mut out = String::with_capacity(line.markdown.len() + 16);
    let mut at = 0;
    for r in crate::handbook::names::phrases(&line.markdown) {
        let phrase = &line.markdown[r.clone()];
        if let Match::Same(id) = names.find(phrase)
            && id != own
        {
            out.push_str(&line.markdown[at..r.start]);
            out.push_str(&format!("[[{id}|{phrase}]]"));
            at = r.end;
        }
    }
    out.push_str(&line.markdown[at..]);
    line.markdown = out;
    line
}

/// The most associated policies kept for one document.
const MAX_RELATED: usize = 100;

/// Text for a YAML comment: on one line, without the characters YAML
/// does not allow (controls, U+FFFE, U+FFFF), at most 120 characters.
fn comment_text(text: &str) -> String {
    let clean: String = one_line(text)
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' || c == '"' {
                '\''
            } else {
                c
            }
        })
        .collect();
    if clean.chars().count() > 120 {
        format!("{}…", clean.chars().take(119).collect::<String>())
    } else {
        clean
    }
}

/// A source line as the report quotes it: at most 200 characters.
fn shortened(text: &str) -> String {
    if text.chars().count() <= 200 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(199).collect::<String>())
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One associated policy: its id, the name it was given, where, and how
/// it matched (`None`: it did not).
type Related<'a> = (String, String, &'a Fact<String>, Option<Match>);

/// The associated policies, the names split into policies only where
/// known titles say so.
fn related<'a>(facts: &'a Facts, names: &Names, own: &str) -> Vec<Related<'a>> {
    let mut out: Vec<Related<'a>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for fact in &facts.related {
        for chunk in fact.value.split([',', ';', '\n']) {
            if out.len() >= MAX_RELATED {
                return out;
            }
            let chunk = chunk.trim().trim_end_matches('.').trim();
            let chunk = chunk.strip_prefix("and ").unwrap_or(chunk).trim();
            if chunk.is_empty() {
                continue;
            }
            for (id, matched) in split_names(chunk, names) {
                if !id.is_empty() && id != own && seen.insert(id.clone()) {
                    out.push((id, chunk.to_string(), fact, matched));
                }
            }
        }
    }
    out
}

/// One chunk of a list ("Complaints and Confidentiality") as the policies
/// it names: whole if it is one title, split at "and" if every part is a
/// title, else the closest whole match, else an id made from it.
fn split_names(chunk: &str, names: &Names) -> Vec<(String, Option<Match>)> {
    let whole = names.find(chunk);
    if let Match::Same(id) = &whole {
        return vec![(id.clone(), Some(whole.clone()))];
    }
    // ASCII lower case keeps every byte where it was, so its offsets cut
    // the chunk too.
    let lower = chunk.to_ascii_lowercase();
    if lower.contains(" and ") || chunk.contains('&') {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut cuts: Vec<(usize, usize)> = [" and ", " & "]
            .iter()
            .flat_map(|s| lower.match_indices(s).map(|(at, m)| (at, m.len())))
            .collect();
        cuts.sort_unstable();
        for (at, len) in cuts {
            if at >= start {
                parts.push(&chunk[start..at]);
                start = at + len;
            }
        }
        parts.push(&chunk[start..]);
        let found: Vec<Match> = parts.iter().map(|p| names.find(p)).collect();
        if parts.len() > 1 && found.iter().all(|m| m.id().is_some()) {
            return found
                .into_iter()
                .map(|m| (m.id().unwrap_or_default().to_string(), Some(m)))
                .collect();
        }
    }
    match whole {
        Match::Close(id) => vec![(id.clone(), Some(Match::Close(id)))],
        _ => vec![(
            slug::id(
                chunk
                    .trim_end_matches(" Policy")
                    .trim_end_matches(" policy"),
            ),
            None,
        )],
    }
}
