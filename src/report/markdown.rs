//! `check --format markdown`: the report as a summary for a CI job page
//! (`$GITHUB_STEP_SUMMARY`) or a merge request comment: the counts, a
//! table of the reviews overdue and due soon by owner, the broken
//! references with file and line, then every other problem. Its text is
//! escaped as the schedule's Markdown escapes it
//! ([`crate::site::schedule::cell`]).

use crate::handbook::check::Report;
use crate::handbook::findings::{Finding, Kind, Severity};
use crate::site::schedule::{cell, code, due_words};
use std::fmt::Write;

/// The report as Markdown.
/// With `strict` (`--strict`), warnings fail it too, as they fail the run.
pub fn report(report: &Report, strict: bool) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let verdict = if report.fails(strict) {
        "fails"
    } else if s.warnings > 0 {
        "passes, with warnings"
    } else {
        "passes"
    };
    let _ = writeln!(out, "## Policy handbook check {verdict}\n");
    let _ = writeln!(
        out,
        "{}{} checked as of {}: {}, {}.\n",
        super::count(report.policies, "policy", "policies"),
        match super::narrowed(report) {
            n if n.is_empty() => n,
            n => format!(" {}", cell(&n)),
        },
        report.as_of,
        super::count(s.errors, "error", "errors"),
        super::count(s.warnings, "warning", "warnings"),
    );
    out.push_str("| Overdue | Due soon | Broken references |\n| ---: | ---: | ---: |\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n",
        s.overdue, s.due_soon, s.broken_references
    );
    let counted = |f: &&Finding| f.severity != Severity::Info;
    let mut reviews: Vec<&Finding> = report
        .findings
        .iter()
        .filter(counted)
        .filter(|f| matches!(f.kind, Kind::Overdue | Kind::DueSoon))
        .collect();
    reviews.sort_by(|a, b| {
        (&a.owner, a.kind, a.review_by, &a.file).cmp(&(&b.owner, b.kind, b.review_by, &b.file))
    });
    if !reviews.is_empty() {
        out.push_str("### Reviews by owner\n\n");
        out.push_str("| Owner | Policy | Review by | Finding |\n| --- | --- | --- | --- |\n");
        let mut last_owner = None;
        for f in reviews {
            let owner = f.owner.as_deref().unwrap_or("");
            // The owner once, on the first of their rows.
            let shown = if last_owner == Some(owner) {
                String::new()
            } else {
                cell(owner)
            };
            last_owner = Some(owner);
            let due = f
                .review_by
                .map(|d| due_words(d, report.as_of))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| {shown} | {} ({}) | {due} | {} |",
                code(f.policy.as_deref().unwrap_or(&f.file)),
                code(&f.location()),
                label(f),
            );
        }
        out.push('\n');
    }
    let broken = |f: &&Finding| matches!(f.kind, Kind::BrokenReference | Kind::BrokenAnchor);
    let table = |out: &mut String, title: &str, findings: Vec<&Finding>| {
        if findings.is_empty() {
            return;
        }
        let _ = write!(
            out,
            "### {title}\n\n| Where | Finding | Problem |\n| --- | --- | --- |\n"
        );
        for f in findings {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                code(&f.location()),
                label(f),
                cell(&f.message)
            );
        }
        out.push('\n');
    };
    table(
        &mut out,
        "Broken references",
        report
            .findings
            .iter()
            .filter(counted)
            .filter(broken)
            .collect(),
    );
    table(
        &mut out,
        "Other problems",
        report
            .findings
            .iter()
            .filter(counted)
            .filter(|f| !broken(f) && !matches!(f.kind, Kind::Overdue | Kind::DueSoon))
            .collect(),
    );
    out
}

/// "error: overdue": how much a finding matters, and its kind.
fn label(f: &Finding) -> String {
    format!("{}: {}", f.severity.as_str(), code(f.kind.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_code_spans_show_text_as_written() {
        assert_eq!(
            cell("a | b\n![x](t.png) <b>*c*</b>"),
            "a \\| b \\!\\[x\\](t.png) \\<b\\>\\*c\\*\\</b\\>"
        );
        // What GitHub would link, mention or reference is code.
        assert_eq!(
            cell("see https://e.test/x www.e.test @team a@b.test #12 Safety #2a"),
            "see `https://e.test/x` `www.e.test` `@team` `a@b.test` `#12` Safety #2a"
        );
        // Emphasis, maths and entities are escaped; a word's own _ is not.
        assert_eq!(
            cell("_urgent_ due_soon $x^2$ &lt; &#124;"),
            "\\_urgent\\_ due_soon \\$x^2\\$ \\&lt; \\&#124;"
        );
        assert_eq!(code("a.md:3"), "`a.md:3`");
        assert_eq!(code("a`b.md"), "``a`b.md``");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(code("a|b"), "`a\\|b`");
    }
}
