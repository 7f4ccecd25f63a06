//! Stage 2, **parse**: each loaded file becomes a [`Policy`]: its
//! front-matter read and defaulted, its review date worked out, its
//! headings and references found and, for the site, its body made HTML
//! up to where its links go.

use crate::handbook::config::Config;
use crate::handbook::findings::{Finding, Kind};
pub use crate::handbook::frontmatter::Fatal;
use crate::handbook::frontmatter::{self, At};
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::load::SourceFile;
use crate::handbook::markdown::{self, Heading, Reference};
use crate::handbook::owners::Resolved;
use crate::handbook::review::Cycle;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// One policy, parsed.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The policy's id in the site: [`Policy::declared_id`], or with `-2`
    /// added when another policy has the same one.
    pub id: String,
    /// The id the file asks for (front-matter `id`, or its file name).
    pub declared_id: String,
    /// The line of `id:`, or 1 when the id comes from the file name.
    pub id_line: u32,
    /// Relative to the handbook root, `/`-separated.
    pub file: String,
    pub title: String,
    pub owner: String,
    /// The person who is the owner now, from the owners registry.
    pub owner_name: Option<String>,
    pub owner_email: Option<String>,
    pub approved_by: Option<String>,
    pub approved: Option<Date>,
    pub last_reviewed: Option<Date>,
    /// The cycle as written ("18 months") and as understood.
    pub review_every: Option<(String, Cycle)>,
    /// When the next review is due: `review_by` as written, else computed.
    pub review_by: Option<Date>,
    /// `(last_reviewed or approved) + review_every`, when it can be worked out.
    pub computed_review_by: Option<Date>,
    /// `review_by` was written in the front-matter (not computed).
    pub review_by_written: bool,
    /// The line findings about the review date point at.
    pub review_line: u32,
    /// A review key is written but could not be read (a bad date, a typo
    /// of the key): that error is the finding, not "no review date".
    pub review_unreadable: bool,
    pub category: String,
    pub tags: Vec<String>,
    pub related: Vec<At<String>>,
    /// Its old names (`aliases:`, `redirect_from:`; see
    /// [`crate::handbook::aliases`]).
    pub aliases: Vec<crate::handbook::aliases::Alias>,
    pub status: Lifecycle,
    pub version: Option<String>,
    /// Its revisions (`history:`), newest first.
    pub history: Vec<crate::handbook::history::Revision>,
    /// `supersedes:` and `superseded_by:` as written (ids).
    pub supersedes: Vec<At<String>>,
    pub superseded_by: Option<At<String>>,
    /// The status the front-matter gives; [`Policy::status`] is retired
    /// too when another policy replaces this one (worked out at each
    /// link, by [`crate::handbook::supersession`]).
    pub declared_status: Lifecycle,
    /// The id of the policy that replaces this one, and of those this one
    /// replaces, as resolved.
    pub replaced_by: Option<String>,
    pub replaces: Vec<String>,
    pub extra: BTreeMap<String, crate::handbook::frontmatter::Extra>,
    /// The front-matter keys whose values came from defaults
    /// (`handbook.yaml`, a `_folder.yaml`), with where each was set.
    pub defaulted: BTreeMap<String, crate::handbook::defaults::Source>,
    /// The body after the front-matter, ready to render (nothing when
    /// opened for [`Purpose::Check`]).
    pub body: markdown::Body,
    /// The file line of the body's first line.
    pub body_line: u32,
    pub headings: Vec<Heading>,
    /// `id`s in the body's raw HTML that reach the page: link targets too.
    pub html_anchors: Vec<String>,
    /// Phrases in the body that name a policy without linking to it, with
    /// their lines (see [`crate::handbook::names::phrases`]).
    pub policy_names: Vec<(u32, String)>,
    pub references: Vec<Reference>,
    pub summary: String,
    /// The body as plain text, section by section (see [`markdown::sections`]);
    /// empty when opened for [`Purpose::Check`].
    pub section_text: Vec<String>,
    /// Where `section_text` holds a bare `[[id]]` (see
    /// [`crate::handbook::markdown::BareLink`]).
    pub bare_links: Vec<crate::handbook::markdown::BareLink>,
    /// How hard the body's prose is to read; none under
    /// `plain_english: false`.
    pub reading: Option<crate::handbook::plain::Reading>,
}

impl Policy {
    /// ", from people/_folder.yaml line 2" when `key`'s value came from a
    /// default, for messages about it; else nothing.
    pub fn from_default(&self, key: &str) -> String {
        self.defaulted
            .get(key)
            .map(|s| s.note())
            .unwrap_or_default()
    }

    /// Where the review dates came from, when defaults set any of them:
    /// "; review_every from handbook.yaml line 4".
    pub fn review_defaults(&self) -> String {
        let notes: Vec<String> = ["review_by", "review_every", "last_reviewed", "approved"]
            .iter()
            .filter_map(|key| {
                let source = self.defaulted.get(*key)?;
                Some(format!("{key} from {} line {}", source.file, source.line))
            })
            .collect();
        if notes.is_empty() {
            String::new()
        } else {
            format!("; {}", notes.join(", "))
        }
    }

    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.anchor == anchor)
            || self.html_anchors.iter().any(|a| a == anchor)
    }
}

/// What a handbook is opened for, which decides what parsing keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Checking only: headings, references and summaries.
    Check,
    /// Making the site: also the body's HTML (with holes for its links)
    /// and the plain text of each section, for the search index: each
    /// about as much again as the policies' text.
    Site,
    /// Making the site for `serve`'s preview: as [`Purpose::Site`], and
    /// every plain-English note kept whatever its severity, for the
    /// browser to highlight the long sentences; linked again after each
    /// edit.
    Preview,
}

impl Purpose {
    /// Whether pages are made.
    pub fn is_site(self) -> bool {
        self != Purpose::Check
    }

    /// Whether the handbook is linked again after it is first linked (as
    /// `serve` does after each edit), so that what parsing found must be
    /// kept to link with again rather than handed to the report.
    pub fn relinks(self) -> bool {
        self == Purpose::Preview
    }

    /// Whether the plain-English notes (each long sentence, each plain
    /// word) are kept: for `check` and the preview always, for a site only
    /// when their severity puts them on its pages.
    pub fn keeps_plain_notes(self, settings: &crate::handbook::plain::settings::Settings) -> bool {
        self == Purpose::Preview || self.reports_plain_notes(settings)
    }

    /// Whether the notes are findings of the report: for `check` always,
    /// for a site and the preview only when their severity shows them
    /// (the preview's highlights read them from the policy; a large
    /// handbook's tens of thousands of `info` notes, which nothing there
    /// shows, would be carried through every rebuild).
    pub fn reports_plain_notes(
        self,
        settings: &crate::handbook::plain::settings::Settings,
    ) -> bool {
        self == Purpose::Check || settings.shown_on_pages()
    }
}

/// Policies that parsed, and the files that could not be parsed at all.
#[derive(Debug, Default)]
pub struct Parsed {
    pub policies: Vec<Policy>,
    /// Files whose front-matter could not be read at all; `build` does not
    /// write a site while there are any.
    pub unparseable: Vec<String>,
    pub findings: Vec<Finding>,
}

/// One file parsed.
pub struct ParsedFile {
    pub rel: String,
    /// The policy, or why the file has none.
    pub policy: Result<Policy, Fatal>,
    /// What parsing it found.
    pub findings: Vec<Finding>,
}

/// Parses one file, keeping its path beside the result.
pub fn parse_file(file: SourceFile, config: &Config, purpose: Purpose) -> ParsedFile {
    let mut findings = Vec::new();
    let rel = file.rel.clone();
    let policy = parse(file, config, purpose, &mut findings);
    ParsedFile {
        rel,
        policy,
        findings,
    }
}

/// The policies, unparseable files and findings of files parsed one by
/// one, in their order.
pub fn gather(results: Vec<ParsedFile>) -> Parsed {
    let mut parsed = Parsed {
        policies: Vec::with_capacity(results.len()),
        ..Parsed::default()
    };
    for ParsedFile {
        rel,
        policy,
        findings,
    } in results
    {
        parsed.findings.extend(findings);
        match policy {
            Ok(policy) => parsed.policies.push(policy),
            Err(Fatal(finding)) => {
                parsed.findings.push(*finding);
                parsed.unparseable.push(rel);
            }
        }
    }
    parsed
}

/// Parses one file. Problems go to `findings`; `Err` only when the file
/// cannot be read as a policy at all.
pub fn parse(
    file: SourceFile,
    config: &Config,
    purpose: Purpose,
    findings: &mut Vec<Finding>,
) -> Result<Policy, Fatal> {
    let rel = file.rel.as_str();
    let split = frontmatter::split(rel, &file.text)?;
    let mut fm = frontmatter::read(rel, &split, config, findings)?;
    config.defaults.apply(rel, &mut fm);
    let stem = crate::handbook::link::name_from_path(rel);
    let todos = frontmatter::todos(&split);

    let id = match &fm.id {
        Some(At { value, line }) => {
            let slug = crate::handbook::slug::id(value);
            if slug != *value {
                findings.push(
                    Finding::error(
                        Kind::InvalidFrontMatter,
                        rel,
                        *line,
                        format!("id \"{value}\" should use only lower-case letters, digits and hyphens (write it as {slug})"),
                    )
                    .key("id"),
                );
            }
            slug
        }
        None => crate::handbook::link::id_from_path(rel),
    };
    let id = if id.is_empty() {
        "policy".to_string()
    } else {
        id
    };

    let title = match &fm.title {
        Some(t) => t.value.clone(),
        None if fm.written.contains_key("title") => crate::handbook::slug::title_case(stem),
        None => {
            findings.push(
                Finding::error(
                    Kind::InvalidFrontMatter,
                    rel,
                    1,
                    "title is missing: add a line such as `title: Internet and Email` to the front-matter".to_string(),
                )
                .key("title")
                .policy(&id),
            );
            crate::handbook::slug::title_case(stem)
        }
    };
    let owner = match &fm.owner {
        // A name on one line, with single spaces: a line break or a tab in
        // it would split the owner in a list or a script.
        Some(o) => o.value.split_whitespace().collect::<Vec<_>>().join(" "),
        None if fm.written.contains_key("owner") => "No owner".to_string(),
        None => {
            findings.push(
                Finding::error(
                    Kind::InvalidFrontMatter,
                    rel,
                    1,
                    "owner is missing: add a line such as `owner: Head of Centre` (a person or a role) to the front-matter".to_string(),
                )
                .key("owner")
                .policy(&id),
            );
            "No owner".to_string()
        }
    };
    // The owner as registered, with the registry's person and email.
    let owner_line = fm.owner.as_ref().map_or(1, |o| o.line);
    let resolved = config.owners.resolve(&owner);
    // A defaulted owner was checked against the registry once, where it
    // was set.
    if fm.owner.is_some() && !fm.defaulted.contains_key("owner") {
        findings.extend(
            crate::handbook::owners::registry_finding(config, &owner, rel, owner_line)
                .map(|f| f.policy(&id)),
        );
    }
    let (owner, owner_name, registry_email) = match resolved {
        Resolved::Registered(o) => (owner, o.name.clone(), o.email.clone()),
        Resolved::Misspelt(o) | Resolved::Person(o) => {
            (o.key.clone(), o.name.clone(), o.email.clone())
        }
        Resolved::Unregistered => (owner, None, None),
    };

    // The version: as written, or the newest revision's; the two must
    // agree.
    let newest = fm.history.first();
    let version = match (&fm.version, newest.and_then(|r| r.version.as_ref())) {
        (Some(v), Some(h)) if v.value != *h => {
            let r = newest.map_or(1, |r| r.line);
            findings.push(
                Finding::warning(
                    Kind::VersionMismatch,
                    rel,
                    v.line,
                    format!(
                        "version is {}, but the newest revision in history (line {r}, {}) is version {h}: correct whichever is wrong",
                        v.value,
                        newest.map(|n| n.date.to_string()).unwrap_or_default()
                    ),
                )
                .key("version")
                .policy(&id),
            );
            Some(v.value.clone())
        }
        (Some(v), _) => Some(v.value.clone()),
        (None, h) => h.cloned(),
    };

    for (line, todo) in todos {
        findings.push(
            Finding::warning(
                Kind::Todo,
                rel,
                line,
                format!("a TODO is left in the front-matter: {todo}"),
            )
            .policy(&id),
        );
    }

    let base = fm
        .last_reviewed
        .as_ref()
        .or(fm.approved.as_ref())
        .map(|a| a.value);
    let computed_review_by = match (&fm.review_every, base) {
        (Some(every), Some(base)) => every.value.1.after(base),
        _ => None,
    };
    if let (Some(every), Some(base), None) = (&fm.review_every, base, computed_review_by) {
        findings.push(
            Finding::error(
                Kind::InvalidFrontMatter,
                rel,
                every.line,
                format!(
                    "{base} + review_every {} is past the last date policybook can work with (9999-12-31): check the dates",
                    every.value.0
                ),
            )
            .key("review_every"),
        );
    }
    let review_line = fm
        .review_by
        .as_ref()
        .map(|a| a.line)
        .or(fm.review_every.as_ref().map(|a| a.line))
        .or(fm.last_reviewed.as_ref().map(|a| a.line))
        .or(fm.title.as_ref().map(|a| a.line))
        .unwrap_or(1);

    const REVIEW_KEYS: [&str; 4] = ["review_by", "review_every", "last_reviewed", "approved"];
    let review_unreadable = findings.iter().any(|f| {
        f.file == rel
            && f.severity == crate::handbook::findings::Severity::Error
            && [&f.key, &f.suggestion]
                .into_iter()
                .flatten()
                .any(|k| REVIEW_KEYS.contains(&k.as_str()))
    });
    let category = fm
        .category
        .clone()
        .unwrap_or_else(|| match rel.split_once('/') {
            Some((folder, _)) => crate::handbook::slug::title_case(folder),
            None => "General".to_string(),
        });

    let body = markdown::without_repeated_title(split.body, &title);
    let plain_notes =
        config.plain_english.enabled && purpose.keeps_plain_notes(&config.plain_english);
    let scan = markdown::scan(
        &body,
        split.body_line,
        markdown::ScanOptions {
            site: purpose.is_site(),
            allow_raw_html: config.allow_raw_html,
            plain: config
                .plain_english
                .enabled
                .then_some(&config.plain_english),
            plain_notes,
        },
    );
    if plain_notes
        && purpose.reports_plain_notes(&config.plain_english)
        && let Some(reading) = &scan.reading
    {
        findings.extend(reading.findings(&config.plain_english, rel, split.body_line));
    }
    if scan.raw_html == markdown::RawHtml::AsText {
        findings.push(Finding::warning(
            Kind::UnsafeHtml,
            rel,
            split.body_line,
            format!(
                "the raw HTML in this policy is nested more than {} elements deep, so it is shown as text, not as HTML: simplify it, or write the policy in Markdown",
                markdown::MAX_HTML_DEPTH
            ),
        ));
    }
    if !config.allow_raw_html {
        for &(line, what) in &scan.unsafe_html {
            findings.push(Finding::warning(
                Kind::UnsafeHtml,
                rel,
                line,
                format!("this raw HTML holds {what}, which is removed from the page (write the policy in Markdown, or set allow_raw_html: true in handbook.yaml if you trust every editor)"),
            ));
        }
    }
    // Each placeholder up to a few, then one finding for the rest.
    const SHOWN_PLACEHOLDERS: usize = 20;
    let placeholders = crate::handbook::placeholders::in_body(&body, split.body_line);
    for (line, placeholder) in placeholders.iter().take(SHOWN_PLACEHOLDERS) {
        findings.push(Finding::warning(
            Kind::UnfilledPlaceholder,
            rel,
            *line,
            format!("the template text {placeholder} was never filled in: replace it with what it stands for before this policy is published (or put it in `backticks` if it is meant to be shown)"),
        ));
    }
    if let Some((line, _)) = placeholders.get(SHOWN_PLACEHOLDERS) {
        findings.push(Finding::warning(
            Kind::UnfilledPlaceholder,
            rel,
            *line,
            format!(
                "{} more pieces of template text from here on were never filled in",
                placeholders.len() - SHOWN_PLACEHOLDERS
            ),
        ));
    }
    let body_line = split.body_line;
    // Findings about this policy carry its id.
    for f in findings
        .iter_mut()
        .filter(|f| f.file == rel && f.policy.is_none())
    {
        f.policy = Some(id.clone());
    }
    Ok(Policy {
        declared_id: id.clone(),
        id_line: fm.id.as_ref().map_or(1, |a| a.line),
        id,
        file: file.rel,
        title,
        owner,
        owner_name,
        owner_email: fm.owner_email.or(registry_email),
        approved_by: fm.approved_by,
        approved: fm.approved.map(|a| a.value),
        last_reviewed: fm.last_reviewed.map(|a| a.value),
        review_by: fm
            .review_by
            .as_ref()
            .map(|a| a.value)
            .or(computed_review_by),
        review_by_written: fm.review_by.is_some(),
        computed_review_by,
        review_every: fm.review_every.map(|a| a.value),
        review_line,
        review_unreadable,
        category,
        tags: fm.tags,
        related: fm.related,
        aliases: fm.aliases,
        status: fm.status,
        declared_status: fm.status,
        supersedes: fm.supersedes,
        superseded_by: fm.superseded_by,
        replaced_by: None,
        replaces: Vec::new(),
        version,
        history: fm.history,
        extra: fm.extra,
        defaulted: fm.defaulted,
        body: scan.body,
        body_line,
        headings: scan.headings,
        html_anchors: scan.html_anchors,
        policy_names: scan.policy_names,
        references: scan.references,
        summary: scan.summary,
        section_text: scan.section_text,
        bare_links: scan.bare_links,
        reading: scan.reading,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            rel: "hr/leave.md".to_string(),
            text: text.to_string(),
            warning: None,
        }
    }

    #[test]
    fn section_text_is_kept_only_for_the_site() {
        let text = "---\ntitle: Leave\nowner: HR\n---\nIntro.\n\n## Sick leave\n\nCall in.\n";
        let config = Config::default();
        let mut findings = Vec::new();
        let site = parse(source(text), &config, Purpose::Site, &mut findings)
            .unwrap_or_else(|_| panic!("{findings:?}"));
        assert_eq!(site.section_text, ["Intro.", "Call in."]);
        let check = parse(source(text), &config, Purpose::Check, &mut findings)
            .unwrap_or_else(|_| panic!("{findings:?}"));
        assert!(check.section_text.is_empty());
        // Everything else is the same.
        assert_eq!(check.headings, site.headings);
        assert_eq!(check.summary, site.summary);
        assert!(findings.is_empty(), "{findings:?}");
    }
}
