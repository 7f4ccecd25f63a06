//! `check --changed-since REV` in a git repository made by the test:
//! only the policies changed since REV, and those that link to them, are
//! judged; the rest of the handbook is still read, so references resolve.

mod common;
use common::*;
use std::path::Path;

fn policy(title: &str, review_by: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nowner: Manager\nreview_by: {review_by}\n---\n\n{body}\n")
}

/// A repository whose handbook (in `hb/`, beside a file that is not in
/// it) has: `a` linking to `b`; `c`, overdue and linked to by nothing
/// that changes; `d` linking to `e.md` by path; and `f` linking to an
/// asset. All committed; the first commit is tagged `start`.
fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, hb) = handbook_of(&[
        ("a.md", &policy("A", "2027-06-01", "See [[b]].")),
        ("b.md", &policy("B", "2027-06-01", "Text.")),
        ("c.md", &policy("C", "2026-01-01", "Old.")),
        ("d.md", &policy("D", "2027-06-01", "See [E](e.md).")),
        ("e.md", &policy("E", "2027-06-01", "Text.")),
        (
            "f.md",
            &policy("F", "2027-06-01", "The [form](assets/form.pdf)."),
        ),
        ("assets/form.pdf", "%PDF-1.4"),
    ]);
    std::fs::write(dir.path().join("README.txt"), "not the handbook").unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    git(dir.path(), &["tag", "start"]);
    (dir, hb)
}

fn check(hb: &Path, extra: &[&str]) -> (Run, serde_json::Value) {
    let mut args = vec!["check", hb.to_str().unwrap(), "--today", TODAY];
    args.extend_from_slice(extra);
    let mut json = args.clone();
    json.extend(["--format", "json"]);
    let v = serde_json::from_str(&run(&json).stdout).unwrap_or(serde_json::Value::Null);
    (run(&args), v)
}

/// The files of the findings, and the number of policies judged.
fn judged(report: &serde_json::Value) -> (Vec<String>, u64) {
    let mut files: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    files.dedup();
    (files, report["policies"].as_u64().unwrap())
}

#[test]
fn a_changed_policy_and_those_linking_to_it_are_judged() {
    let (_dir, hb) = repo();
    // Nothing changed: nothing judged, so the old overdue review of c
    // does not fail the change.
    let (r, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(judged(&report), (vec![], 0));
    assert!(
        r.stdout.contains(
            "0 policies of 6 (those changed since start, and those that link to them) checked"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(report["narrowed"]["since"], "start");
    // Without the flag, c fails.
    assert_eq!(check(&hb, &[]).0.code, 1);

    // b is now overdue and links nowhere: b is judged, and a with it.
    std::fs::write(
        hb.join("b.md"),
        policy("B", "2026-02-01", "See [[nowhere]]."),
    )
    .unwrap();
    let (r, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(judged(&report), (vec!["b.md".to_string()], 2));
    let junit = run(&[
        "check",
        hb.to_str().unwrap(),
        "--today",
        TODAY,
        "--changed-since",
        "start",
        "--format",
        "junit",
    ]);
    assert_eq!(
        junit.stdout.matches("<testcase ").count(),
        2,
        "{}",
        junit.stdout
    );
    assert!(
        junit.stdout.contains("classname=\"a.md\""),
        "{}",
        junit.stdout
    );
}

#[test]
fn deleting_a_policy_or_an_asset_judges_those_that_linked_to_it() {
    let (dir, hb) = repo();
    std::fs::remove_file(hb.join("e.md")).unwrap();
    std::fs::remove_file(hb.join("assets/form.pdf")).unwrap();
    let (r, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(
        judged(&report),
        (vec!["d.md".to_string(), "f.md".to_string()], 2)
    );
    // Committed, and a policy with an id of its own deleted: the id it
    // had is read from the revision, and its linkers are judged.
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "gone"]);
    git(dir.path(), &["tag", "gone"]);
    std::fs::write(
        hb.join("b.md"),
        "---\nid: bee\ntitle: B\nowner: M\nreview_by: 2027-06-01\n---\n\nText.\n",
    )
    .unwrap();
    std::fs::write(hb.join("a.md"), policy("A", "2027-06-01", "See [[bee]].")).unwrap();
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "bee"]);
    git(dir.path(), &["tag", "bee"]);
    std::fs::write(hb.join("g.md"), policy("G", "2027-06-01", "See [[bee]].")).unwrap();
    git(dir.path(), &["rm", "-q", "hb/b.md"]);
    let (r, report) = check(&hb, &["--changed-since", "bee"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    // a.md links to bee, which is gone; g.md is new (and not yet added).
    assert_eq!(
        judged(&report),
        (vec!["a.md".to_string(), "g.md".to_string()], 2)
    );
    // Moved instead, bee is still there: the move is judged, and so is a.
    git(dir.path(), &["reset", "-q", "--hard"]);
    std::fs::remove_file(hb.join("g.md")).unwrap();
    git(dir.path(), &["mv", "hb/b.md", "hb/renamed.md"]);
    let (r, report) = check(&hb, &["--changed-since", "bee"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(report["policies"], 2, "{report:#}");
}

#[test]
fn a_new_file_and_a_change_to_handbook_yaml() {
    let (_dir, hb) = repo();
    std::fs::write(hb.join("new.md"), policy("New", "2026-03-01", "Text.")).unwrap();
    let (r, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(r.code, 1);
    assert_eq!(judged(&report), (vec!["new.md".to_string()], 1));
    // handbook.yaml can change any policy's findings: all are judged.
    std::fs::write(hb.join("handbook.yaml"), "title: T2\n").unwrap();
    let (_, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(report["policies"], 7);
    assert_eq!(
        judged(&report).0,
        ["c.md".to_string(), "new.md".to_string()]
    );
}

#[test]
fn a_bad_revision_or_no_repository_exits_2_saying_what_to_do() {
    let (_dir, hb) = repo();
    for (rev, says) in [
        (
            "no-such-branch",
            "git knows no revision \"no-such-branch\" here",
        ),
        ("--output=/tmp/x", "is not a revision"),
        ("", "is not a revision"),
        ("start\nx", "is not a revision"),
    ] {
        let flag = format!("--changed-since={rev}");
        let r = run(&["check", hb.to_str().unwrap(), &flag]);
        assert_eq!(r.code, 2, "{rev}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{rev}: {}", r.stderr);
    }
    let (_plain, hb) = handbook_of(&[("a.md", &policy("A", "2027-06-01", "Text."))]);
    let r = run(&["check", hb.to_str().unwrap(), "--changed-since", "main"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("needs the handbook to be in a git repository"),
        "{}",
        r.stderr
    );
}

#[test]
fn what_a_change_breaks_elsewhere_is_judged_where_it_lands() {
    // A changed id breaks [[b]] in a.
    let (_dir, hb) = repo();
    std::fs::write(
        hb.join("b.md"),
        "---\nid: bee\ntitle: B\nowner: Manager\nreview_by: 2027-06-01\n---\n\nText.\n",
    )
    .unwrap();
    let (r, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(judged(&report).0, ["a.md"], "{report:#}");

    // A heading that another policy links to, taken away.
    let (dir, hb) = repo();
    std::fs::write(hb.join("a.md"), policy("A", "2027-06-01", "See [[b#sec]].")).unwrap();
    std::fs::write(
        hb.join("b.md"),
        policy("B", "2027-06-01", "## Sec\n\nText."),
    )
    .unwrap();
    git(dir.path(), &["commit", "-q", "-am", "an anchor"]);
    git(dir.path(), &["tag", "anchor"]);
    std::fs::write(
        hb.join("b.md"),
        policy("B", "2027-06-01", "## Other\n\nText."),
    )
    .unwrap();
    let (r, report) = check(&hb, &["--changed-since", "anchor"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(
        first_where(&report, "file", "a.md")["kind"],
        "broken_anchor"
    );

    // A new policy that takes an id: the duplicate is on the old file too.
    let (_dir, hb) = repo();
    std::fs::create_dir_all(hb.join("0")).unwrap();
    std::fs::write(hb.join("0/b.md"), policy("B two", "2027-06-01", "Text.")).unwrap();
    let (r, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        values_where(&report, "kind", "duplicate_id", "file").contains(&"b.md"),
        "{report:#}"
    );

    // A linked policy that can no longer be read.
    let (_dir, hb) = repo();
    std::fs::write(hb.join("b.md"), "---\ntitle: [B\n---\nx\n").unwrap();
    let (_, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(
        first_where(&report, "file", "a.md")["kind"],
        "links_to_unreadable"
    );
}

#[test]
fn findings_on_changed_files_that_are_not_policies_are_kept() {
    let (_dir, hb) = repo();
    std::fs::create_dir_all(hb.join("static")).unwrap();
    std::fs::write(hb.join("static/reviews.csv"), "x").unwrap();
    std::fs::write(
        hb.join("x\\y.md"),
        policy("X", "2027-06-01", "See [[nope]]."),
    )
    .unwrap();
    let (r, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let files = judged(&report).0;
    assert!(
        files.contains(&"static/reviews.csv".to_string()),
        "{files:?}"
    );
    assert!(files.contains(&"x\\y.md".to_string()), "{files:?}");
}

#[test]
fn a_branch_behind_its_base_is_judged_on_its_own_changes() {
    let (dir, hb) = repo();
    git(dir.path(), &["checkout", "-q", "-b", "feature"]);
    std::fs::write(hb.join("e.md"), policy("E", "2027-06-01", "Text two.")).unwrap();
    git(dir.path(), &["commit", "-q", "-am", "e"]);
    git(dir.path(), &["checkout", "-q", "main"]);
    // main brings c up to date after the branch left it.
    std::fs::write(hb.join("c.md"), policy("C", "2028-01-01", "Reviewed.")).unwrap();
    git(dir.path(), &["commit", "-q", "-am", "c reviewed"]);
    git(dir.path(), &["checkout", "-q", "feature"]);
    let (r, report) = check(&hb, &["--changed-since", "main"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // e changed, and d links to it; c is main's change, not the branch's.
    assert_eq!(report["policies"], 2, "{report:#}");
}

#[test]
fn a_policy_that_only_links_to_the_change_is_judged_on_its_links() {
    let (dir, hb) = repo();
    // d, which links to e, has an old overdue review and a broken link.
    std::fs::write(
        hb.join("d.md"),
        policy("D", "2026-01-01", "See [E](e.md) and [[nowhere]]."),
    )
    .unwrap();
    git(dir.path(), &["commit", "-q", "-am", "d as it was"]);
    git(dir.path(), &["tag", "d"]);
    std::fs::write(
        hb.join("e.md"),
        policy("E", "2027-06-01", "## Part\n\nText."),
    )
    .unwrap();
    let (r, report) = check(&hb, &["--changed-since", "d"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let kinds: Vec<&str> = values_where(&report, "file", "d.md", "kind");
    assert_eq!(kinds, ["broken_reference"], "{report:#}");
    assert_eq!(report["policies"], 2);
}

#[test]
fn a_change_to_supersession_or_a_revision_is_judged_where_its_findings_land() {
    // b now replaces e: d, which links to e, is told to link to b.
    let (_dir, hb) = repo();
    std::fs::write(
        hb.join("b.md"),
        policy("B", "2027-06-01", "Text.").replace("---\n\n", "supersedes: e\n---\n\n"),
    )
    .unwrap();
    let (_, report) = check(&hb, &["--changed-since", "start"]);
    assert_eq!(
        first_where(&report, "file", "d.md")["kind"],
        "links_to_superseded",
        "{report:#}"
    );
    // e, which b names in supersedes, deleted: b's broken reference.
    let (dir, hb) = repo();
    std::fs::write(
        hb.join("b.md"),
        policy("B", "2027-06-01", "Text.").replace("---\n\n", "supersedes: e\n---\n\n"),
    )
    .unwrap();
    git(dir.path(), &["commit", "-q", "-am", "b replaces e"]);
    git(dir.path(), &["tag", "replaced"]);
    std::fs::remove_file(hb.join("e.md")).unwrap();
    let (r, report) = check(&hb, &["--changed-since", "replaced"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(
        first_where(&report, "file", "b.md")["kind"],
        "broken_reference"
    );
    // b revised (approved again): a, which links to it, is told to check.
    let (dir, hb) = repo();
    std::fs::write(
        hb.join("a.md"),
        policy("A", "2027-06-01", "See [[b]].").replace("---\n\n", "approved: 2025-01-01\n---\n\n"),
    )
    .unwrap();
    git(dir.path(), &["commit", "-q", "-am", "a approved"]);
    git(dir.path(), &["tag", "approved"]);
    std::fs::write(
        hb.join("b.md"),
        policy("B", "2027-06-01", "Text.").replace("---\n\n", "approved: 2026-06-01\n---\n\n"),
    )
    .unwrap();
    let (_, report) = check(&hb, &["--changed-since", "approved"]);
    assert_eq!(
        first_where(&report, "file", "a.md")["kind"],
        "linked_policy_changed"
    );
}

#[test]
fn a_change_to_old_names_judges_the_policies_that_use_or_claim_them() {
    let with_aliases = |title: &str, aliases: &str, body: &str| {
        format!(
            "---\ntitle: {title}\nowner: Manager\nreview_by: 2027-06-01\naliases: [{aliases}]\n---\n\n{body}\n"
        )
    };
    let (dir, hb) = handbook_of(&[
        ("a.md", &policy("A", "2027-06-01", "See [[old-b]].")),
        ("b.md", &with_aliases("B", "old-b, /old/b/", "Text.")),
        ("g.md", &policy("G", "2027-06-01", "See [B](/old/b.html).")),
        ("h.md", &with_aliases("H", "old-h, /old/h.html", "Text.")),
    ]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    let (r, report) = check(&hb, &["--changed-since", "HEAD"]);
    assert_eq!((r.code, judged(&report)), (0, (vec![], 0)), "{}", r.stdout);
    // b's old names dropped: the links by them break where they are.
    std::fs::write(hb.join("b.md"), policy("B", "2027-06-01", "Text.")).unwrap();
    // A new policy, before h in file order, takes h's old name: the
    // clash is reported on h, which did not change.
    // And one of h's old pages in other capitals, the same on a shared drive.
    std::fs::write(
        hb.join("c.md"),
        with_aliases("C", "old-h, /OLD/H.html", "Text."),
    )
    .unwrap();
    let (r, report) = check(&hb, &["--changed-since", "HEAD"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let (files, _) = judged(&report);
    for file in ["a.md", "g.md", "h.md"] {
        assert!(
            files.contains(&file.to_string()),
            "{file} in {files:?}: {}",
            r.stdout
        );
    }
    // As a check of everything finds.
    let (_, full) = check(&hb, &[]);
    let errors = |report: &serde_json::Value| -> Vec<(String, u64)> {
        let mut e: Vec<(String, u64)> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect();
        e.sort();
        e
    };
    assert_eq!(errors(&report), errors(&full));
    assert_eq!(
        errors(&full).iter().filter(|(f, _)| f == "h.md").count(),
        2,
        "{full:#}"
    );
}
