//! `check --format markdown`: the report as a summary for a CI job page
//! (`$GITHUB_STEP_SUMMARY`) or a merge request comment: the counts, a
//! table of the reviews overdue and due soon by owner, the broken
//! references with file and line, then every other problem. Its text is
//! escaped as the schedule's Markdown escapes it
//! ([`crate::site::schedule::cell`]).

use crate::handbook::check::Report;
use crate::handbook::findings::{Finding, Kind, Severity};
use crate::site::schedule::{cell, due_words};
use std::fmt::Write;

/// Text as a code span (a file name, an id): fenced with more backticks
/// than it holds, on one line.
pub fn code(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // `|` ends a table cell even in a code span (GitHub): escaped.
    let text = text.replace('|', "\\|");
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// The report as Markdown.
pub fn report(report: &Report) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let verdict = if s.errors > 0 {
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
            cell("a | b\n![x](http://e/t.png) <b>*c*</b>"),
            "a \\| b \\!\\[x\\](http://e/t.png) \\<b\\>\\*c\\*\\</b\\>"
        );
        assert_eq!(code("a.md:3"), "`a.md:3`");
        assert_eq!(code("a`b.md"), "``a`b.md``");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(code("a|b"), "`a\\|b`");
    }
}
