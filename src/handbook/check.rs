//! Stage 4, **check**: judge every policy's review date as of a day, and
//! put all findings of all stages into one [`Report`].

use crate::handbook::config::Config;
use crate::handbook::findings::{Finding, Kind, Severity, Summary};
use crate::handbook::lifecycle::Lifecycle;
use crate::handbook::parse::Policy;
use crate::handbook::review::{self, Status};
use jiff::civil::Date;
use std::collections::HashMap;

/// The review status of one policy, as of the check's day.
pub fn status(policy: &Policy, today: Date, config: &Config) -> Status {
    match policy.status {
        Lifecycle::Retired => Status::Retired,
        _ => Status::of(policy.review_by, today, config.due_soon_days),
    }
}

/// Adds the review findings of every policy.
pub fn check_reviews(
    policies: &[Policy],
    today: Date,
    config: &Config,
    findings: &mut Vec<Finding>,
) {
    for p in policies {
        if p.status == Lifecycle::Retired {
            continue;
        }
        let owner = format!("owner: {}{}", p.owner, p.from_default("owner"));
        let dates = p.review_defaults();
        let mut finding = match status(p, today, config) {
            Status::Overdue => {
                let due = p.review_by.unwrap_or(today);
                let days = review::days_between(due, today);
                Finding::error(
                    Kind::Overdue,
                    &p.file,
                    p.review_line,
                    format!(
                        "review was due on {due} ({days} {} ago{dates}); {owner}",
                        if days == 1 { "day" } else { "days" }
                    ),
                )
            }
            Status::DueSoon => {
                let due = p.review_by.unwrap_or(today);
                let days = review::days_between(today, due);
                let when = review::due_in(days);
                Finding::warning(
                    Kind::DueSoon,
                    &p.file,
                    p.review_line,
                    format!("review is due on {due} ({when}{dates}); {owner}"),
                )
            }
            // The error about the review key that could not be read says it.
            Status::NoDate if p.review_unreadable => continue,
            Status::NoDate => {
                let how = if p.review_every.is_some()
                    && (p.last_reviewed.is_some() || p.approved.is_some())
                {
                    "the next review could not be worked out from review_every (see the error about it): add review_by: YYYY-MM-DD"
                } else if p.review_every.is_some() {
                    "review_every is set, but there is no last_reviewed or approved date to count from: add one, or add review_by: YYYY-MM-DD"
                } else {
                    "add review_by: YYYY-MM-DD, or last_reviewed with review_every"
                };
                let severity = if config.require_review_date {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                Finding::new(
                    Kind::NoReviewDate,
                    severity,
                    &p.file,
                    p.review_line,
                    format!("there is no review date{}: {how}", p.review_defaults()),
                )
            }
            Status::Current | Status::Retired => {
                mismatch(p, findings);
                continue;
            }
        };
        finding.owner = Some(p.owner.clone());
        finding.review_by = p.review_by;
        findings.push(finding.policy(&p.id));
        mismatch(p, findings);
    }
}

fn mismatch(p: &Policy, findings: &mut Vec<Finding>) {
    let (Some(computed), true, Some(written)) =
        (p.computed_review_by, p.review_by_written, p.review_by)
    else {
        return;
    };
    // A review due in the month the cycle gives is not a disagreement:
    // "reviewed yearly, next in May 2022" after an agreement on 12 May
    // 2021 means the same month.
    if (computed.year(), computed.month()) == (written.year(), written.month()) {
        return;
    }
    let (from_key, from) = match p.last_reviewed {
        Some(d) => ("last_reviewed", d),
        None => ("approved", p.approved.unwrap_or(written)),
    };
    let every = p
        .review_every
        .as_ref()
        .map(|(t, _)| t.as_str())
        .unwrap_or("");
    findings.push(
        Finding::warning(
            Kind::ReviewDateMismatch,
            &p.file,
            p.review_line,
            format!(
                "review_by is {written}, but {from_key} {from} + review_every {every} gives {computed}; review_by is used (correct whichever is wrong{})",
                p.review_defaults()
            ),
        )
        .policy(&p.id)
        .key("review_by"),
    );
}

/// Adds an error when the theme `handbook.yaml` names cannot be loaded or
/// its templates do not compile: what `build` would refuse, `check` reports.
pub fn check_theme(root: &std::path::Path, config: &Config, findings: &mut Vec<Finding>) {
    let loaded =
        crate::site::theme::Theme::load(root, &config.theme).and_then(|t| t.tera().map(drop));
    if let Err(e) = loaded {
        findings.push(
            Finding::error(
                Kind::InvalidConfig,
                crate::handbook::config::FILE_NAME,
                config.theme_line,
                format!("{e}: build would stop here"),
            )
            .key("theme"),
        );
    }
}

/// Adds an error for each file under `static/` that would land on a file
/// or folder the site makes itself (`static/index.html`): it is not
/// copied, and the error names both.
pub fn check_statics(statics: &std::collections::BTreeSet<String>, findings: &mut Vec<Finding>) {
    for file in statics {
        let Some(target) = crate::site::render::static_target(file) else {
            continue;
        };
        if let Some(ours) = crate::site::render::site_name_clash(target) {
            findings.push(Finding::error(
                Kind::InvalidConfig,
                file,
                1,
                format!(
                    "{file} would be copied to {target} at the top of the site, where policybook writes its own {ours}: rename or move it (static/ is for files such as web.config, robots.txt and favicon.ico)"
                ),
            ));
        }
    }
}

/// Adds an error when the `logo` of `handbook.yaml` is not one of the
/// handbook's assets: the header would show a broken picture.
pub fn check_logo(
    config: &Config,
    assets: &std::collections::BTreeSet<String>,
    findings: &mut Vec<Finding>,
) {
    if let Some((path, line)) = &config.logo
        && !assets.contains(path)
    {
        findings.push(
            Finding::error(
                Kind::InvalidConfig,
                crate::handbook::config::FILE_NAME,
                *line,
                format!(
                    "logo {path} is not in the handbook: put the picture there, or correct the path (it is written from the handbook folder, such as assets/images/logo.svg)"
                ),
            )
            .key("logo"),
        );
    }
}

/// Sets the severity of the kinds `handbook.yaml` names in `fail_on:`
/// (errors) and `warn_on:` (warnings), before drafts are softened: a
/// draft never fails, whatever the lists say.
pub fn apply_levels(config: &Config, findings: &mut [Finding]) {
    if config.fail_on.is_empty() && config.warn_on.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        if config.fail_on.contains(&f.kind) {
            f.severity = Severity::Error;
        } else if config.warn_on.contains(&f.kind) && !Kind::ALWAYS_ERRORS.contains(&f.kind) {
            f.severity = Severity::Warning;
        }
    }
}

/// `check --grace-days N`: a review overdue by N days or fewer is a
/// warning, not yet an error (it is still overdue, and says so).
pub fn grace(report: &mut Report, days: i64) {
    for f in report.findings.iter_mut() {
        let Some(due) = f.review_by else {
            continue;
        };
        if f.kind == Kind::Overdue
            && f.severity == Severity::Error
            && review::days_between(due, report.as_of) <= days
        {
            f.severity = Severity::Warning;
            f.message.push_str(&format!(
                " (a warning, not an error, for the first {} after the date: --grace-days)",
                if days == 1 {
                    "day".to_string()
                } else {
                    format!("{days} days")
                }
            ));
        }
    }
    report.summary = Summary::of(&report.findings);
}

/// Findings in drafts are reported but never fail CI: everything but
/// duplicate ids (which break other policies' links) becomes info.
pub fn soften_drafts(policies: &[Policy], findings: &mut [Finding]) {
    let drafts: HashMap<&str, ()> = policies
        .iter()
        .filter(|p| p.status == Lifecycle::Draft)
        .map(|p| (p.file.as_str(), ()))
        .collect();
    if drafts.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        if drafts.contains_key(f.file.as_str()) && f.kind != Kind::DuplicateId {
            f.severity = Severity::Info;
        }
    }
}

/// Everything `check` found, in file and line order.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub as_of: Date,
    pub policies: usize,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    /// Every policy file checked, with its id when it parsed (the JUnit
    /// report has a test case for each, problems or not).
    #[serde(skip)]
    pub files: Vec<(String, Option<String>)>,
    /// With `--changed-since`: what the report was narrowed to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrowed: Option<Narrowed>,
}

/// A report narrowed by `check --changed-since` to the policies changed
/// since a revision and those that name them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Narrowed {
    /// The revision, as given.
    pub since: String,
    /// How many files of the handbook changed.
    pub changed: usize,
    /// How many policies the handbook has (`policies` counts those judged).
    pub of: usize,
}

impl Report {
    /// A report over `files` (policy file and id), sorting the findings.
    pub fn new(
        as_of: Date,
        files: Vec<(String, Option<String>)>,
        mut findings: Vec<Finding>,
    ) -> Report {
        findings.sort_by(|a, b| (&a.file, a.line, a.kind).cmp(&(&b.file, b.line, b.kind)));
        Report {
            as_of,
            policies: files.len(),
            summary: Summary::of(&findings),
            findings,
            files,
            narrowed: None,
        }
    }

    /// Whether the run fails: errors, or warnings too under `--strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.summary.errors > 0 || (strict && self.summary.warnings > 0)
    }
}
