//! `check` as a CI gate: `fail_on:` and `warn_on:` in handbook.yaml and
//! `--grace-days` change what fails, as docs/cli.md says.

mod common;
use common::*;

/// A policy due on `review_by`, owned by the Manager.
fn policy(title: &str, review_by: &str) -> String {
    format!("---\ntitle: {title}\nowner: Manager\nreview_by: {review_by}\n---\n\nText.\n")
}

/// A handbook of one policy overdue by 3 days (as of TODAY, 2026-11-23),
/// one due in 10 days and one linking to a draft, with `settings` as its
/// handbook.yaml.
fn handbook(settings: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    handbook_of(&[
        ("handbook.yaml", &format!("title: T\n{settings}")),
        ("late.md", &policy("Late", "2026-11-20")),
        ("soon.md", &policy("Soon", "2026-12-03")),
        (
            "links.md",
            "---\ntitle: Links\nowner: Manager\nreview_by: 2027-06-01\n---\n\nSee [[idea]].\n",
        ),
        (
            "idea.md",
            "---\ntitle: Idea\nowner: Manager\nstatus: draft\nreview_by: 2020-01-01\n---\n\nText.\n",
        ),
    ])
}

fn check(hb: &std::path::Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let hb = hb.to_str().unwrap();
    let mut args = vec!["check", hb, "--today", TODAY, "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    (r.code, v)
}

/// The severity of the first finding of `kind` outside the draft.
fn severity(report: &serde_json::Value, kind: &str) -> String {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == kind && f["file"] != "idea.md")
        .unwrap_or_else(|| panic!("no {kind}: {report:#}"))["severity"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn by_default_overdue_fails_and_due_soon_warns() {
    let (_d, hb) = handbook("");
    let (code, report) = check(&hb, &[]);
    assert_eq!(code, 1);
    assert_eq!(severity(&report, "overdue"), "error");
    assert_eq!(severity(&report, "due_soon"), "warning");
    assert_eq!(severity(&report, "links_to_draft"), "warning");
}

#[test]
fn warn_on_lets_overdue_pass_and_fail_on_makes_due_soon_fail() {
    let (_d, hb) = handbook("warn_on: [overdue]\n");
    let (code, report) = check(&hb, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(severity(&report, "overdue"), "warning");
    assert_eq!(report["summary"]["errors"], 0);
    // Still a warning: --strict fails on it.
    assert_eq!(check(&hb, &["--strict"]).0, 1);

    let (_d, hb) = handbook("warn_on: [overdue]\nfail_on:\n  - due_soon\n  - links_to_draft\n");
    let (code, report) = check(&hb, &[]);
    assert_eq!(code, 1);
    assert_eq!(severity(&report, "due_soon"), "error");
    assert_eq!(severity(&report, "links_to_draft"), "error");
    assert_eq!(report["summary"]["errors"], 2);
    // The draft's own overdue review still never fails.
    let draft: Vec<&str> = values_where(&report, "file", "idea.md", "severity");
    assert_eq!(draft, ["info"]);
}

#[test]
fn an_unknown_kind_is_an_error_naming_the_key_and_the_kinds() {
    let (_d, hb) = handbook("fail_on: [due-soon, overdue]\nwarn_on: overdue\n");
    let r = run(&["check", hb.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "handbook.yaml:2: fail_on: \"due-soon\" is not a kind of finding; did you mean due_soon? the kinds are invalid_front_matter, duplicate_id,"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("overdue is in both fail_on and warn_on: keep it in the one you mean"),
        "{}",
        r.stdout
    );
    let (_, report) = check(&hb, &[]);
    assert_eq!(severity(&report, "overdue"), "error", "fail_on wins");
}

#[test]
fn grace_days_makes_a_review_a_few_days_late_a_warning() {
    let (_d, hb) = handbook("");
    let (code, report) = check(&hb, &["--grace-days", "3"]);
    assert_eq!(code, 0, "3 days late, 3 days' grace: {report:#}");
    let late = first_where(&report, "file", "late.md");
    assert_eq!(late["severity"], "warning");
    assert!(
        late["message"]
            .as_str()
            .unwrap()
            .contains("a warning, not an error, for the first 3 days after the date"),
        "{late}"
    );
    assert_eq!(report["summary"]["overdue"], 1, "still counted as overdue");
    assert_eq!(check(&hb, &["--grace-days", "2"]).0, 1);
    assert_eq!(check(&hb, &["--grace-days", "0"]).0, 1);
    let r = run(&["check", hb.to_str().unwrap(), "--grace-days", "-3"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--grace-days"), "{}", r.stderr);
}

#[test]
fn a_policy_made_to_fail_on_external_links_lists_them() {
    let (_d, hb) = handbook_of(&[
        ("handbook.yaml", "title: T\nfail_on: [external_link]\n"),
        (
            "a.md",
            "---\ntitle: A\nowner: M\nreview_by: 2027-06-01\n---\n\nSee [x](https://example.org/).\n",
        ),
    ]);
    let r = run(&["check", hb.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("a.md:7"), "{}", r.stdout);
    assert!(r.stdout.contains("[external_link]"), "{}", r.stdout);
}

#[test]
fn what_build_stops_on_cannot_be_only_a_warning_and_a_typo_of_the_lists_is_an_error() {
    let (_d, hb) = handbook("warn_on: [invalid_config, invalid_front_matter, overdue]\n");
    std::fs::write(hb.join("bad.md"), "---\ntitle: [broken\n---\nx\n").unwrap();
    let (code, report) = check(&hb, &[]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(severity(&report, "invalid_front_matter"), "error");
    let config: Vec<&str> = values_where(&report, "key", "warn_on", "message");
    assert_eq!(config.len(), 2, "{config:?}");
    assert!(
        config[0].starts_with("warn_on: invalid_config cannot be only a warning"),
        "{config:?}"
    );
    assert_eq!(
        values_where(&report, "key", "warn_on", "severity"),
        ["error", "error"]
    );
    // overdue, which may be softened, is.
    assert_eq!(severity(&report, "overdue"), "warning");

    let (_d, hb) = handbook("failon: [due_soon]\n");
    let (code, report) = check(&hb, &[]);
    assert_eq!(code, 1);
    let typo = first_where(&report, "kind", "unknown_key");
    assert_eq!(typo["severity"], "error");
    assert!(
        typo["message"]
            .as_str()
            .unwrap()
            .contains("did you mean fail_on? (an error, not a warning: as written, fail_on is missing, which changes what check fails on)"),
        "{typo}"
    );
}

#[test]
fn the_markdown_summary_says_fails_when_strict_fails_on_warnings() {
    let (_d, hb) = handbook("warn_on: [overdue]\n");
    let hb = hb.to_str().unwrap();
    let args = ["check", hb, "--today", TODAY, "--format", "markdown"];
    let r = run(&args);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("## Policy handbook check passes, with warnings\n"),
        "{}",
        r.stdout
    );
    let r = run(&[&args[..], &["--strict"]].concat());
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with("## Policy handbook check fails\n"),
        "{}",
        r.stdout
    );
}
