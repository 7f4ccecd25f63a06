//! A policy's life: its revision history, the review cascade when a
//! policy it leans on is revised, and supersession.

mod common;
use common::*;

#[test]
fn history_is_checked_with_file_and_line_and_shown_newest_first() {
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        "---\ntitle: A\nowner: M\nreview_by: 2030-01-01\nversion: \"2.1\"\nhistory:\n  - { date: 2021-05-12, version: \"1.0\", summary: First agreed }\n  - date: 2025-10-01\n    version: \"2.0\"\n    summary: Rewritten & <b>shortened</b>\n  - not a revision\n  - { date: 12/13/2024, version: \"1.5\", summary: x }\n---\n\nText.\n",
    )]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let found: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["key"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("version_mismatch".to_string(), 5, "version".to_string()),
            (
                "invalid_front_matter".to_string(),
                11,
                "history".to_string()
            ),
            (
                "invalid_front_matter".to_string(),
                12,
                "history".to_string()
            ),
        ],
        "{report:#}"
    );
    let mismatch = first_where(&report, "kind", "version_mismatch")["message"]
        .as_str()
        .unwrap();
    assert_eq!(
        mismatch,
        "version is 2.1, but the newest revision in history (line 8, 2025-10-01) is version 2.0: correct whichever is wrong"
    );
    let (_d, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(site.join("policies/a.html")).unwrap();
    let history = page.split("<h2 id=\"revision-history\">").nth(1).unwrap();
    let newer = history.find("1 October 2025").unwrap();
    let older = history.find("12 May 2021").unwrap();
    assert!(newer < older, "{history}");
    assert!(
        history.contains("Rewritten &amp; &lt;b&gt;shortened&lt;/b&gt;"),
        "{history}"
    );
}

#[test]
fn with_no_version_the_newest_revision_gives_it() {
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        "---\ntitle: A\nowner: M\nreview_by: 2030-01-01\nhistory:\n  - { date: 2025-10-01, version: \"3\", summary: Three }\n  - { date: 2024-10-01, version: \"2\", summary: Two }\n---\n\nText.\n",
    )]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "{report:#}");
    let (_d, site, _) = build(hb.to_str().unwrap(), &[]);
    let page = std::fs::read_to_string(site.join("policies/a.html")).unwrap();
    assert!(page.contains("<dt>Version</dt><dd>3</dd>"), "{page}");
}

/// A policy with front-matter `extra` and `body`.
fn policy(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nowner: M\nreview_by: 2030-01-01\n{extra}---\n\n{body}\n")
}

#[test]
fn a_policy_leaning_on_one_revised_since_its_review_is_warned_once() {
    let (_dir, hb) = handbook_of(&[
        // Revised by approval after b's and c's review; c links twice.
        (
            "s.md",
            &policy("Safeguarding", "approved: 2025-10-01\n", "Text."),
        ),
        (
            "b.md",
            &policy("B", "last_reviewed: 2024-02-12\nrelated: [s]\n", "Text."),
        ),
        (
            "c.md",
            &policy(
                "C",
                "approved: 2024-03-01\n",
                "See [[s]], [[s|again]] and [it](s.md).",
            ),
        ),
        // Reviewed after the revision: nothing to say.
        (
            "d.md",
            &policy("D", "last_reviewed: 2025-11-01\nrelated: [s]\n", "Text."),
        ),
        // No dates of its own: not guessed at.
        ("e.md", &policy("E", "", "See [[s]].")),
        // Revised by a history entry, which is later than its approval.
        (
            "h.md",
            &policy(
                "H",
                "approved: 2020-01-01\nhistory:\n  - { date: 2025-06-01, version: \"2\", summary: Rewritten }\n",
                "Text.",
            ),
        ),
        ("f.md", &policy("F", "approved: 2025-01-01\n", "See [[h]].")),
        // A review alone is no revision: g is not warned about r.
        (
            "r.md",
            &policy(
                "R",
                "approved: 2020-01-01\nlast_reviewed: 2026-01-01\n",
                "Text.",
            ),
        ),
        (
            "g.md",
            &policy("G", "approved: 2025-01-01\nrelated: [r]\n", "Text."),
        ),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "warnings only: {report:#}");
    let warned: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "linked_policy_changed")
        .map(|f| (f["file"].as_str().unwrap(), f["target"].as_str().unwrap()))
        .collect();
    assert_eq!(
        warned,
        [("b.md", "s"), ("c.md", "s"), ("f.md", "h")],
        "{report:#}"
    );
    let b = first_where(&report, "file", "b.md");
    assert_eq!(
        b["message"],
        "Safeguarding was revised on 2025-10-01, after this policy's last review on 2024-02-12: check that what it says about it still holds, then set last_reviewed to the day you did"
    );
    assert_eq!(
        (b["severity"].as_str(), b["line"].as_u64()),
        (Some("warning"), Some(4))
    );
    // On the page, with the other problems.
    let (_d, site, _) = build(hb.to_str().unwrap(), &[]);
    let page = std::fs::read_to_string(site.join("policies/b.html")).unwrap();
    assert!(
        page.contains("Safeguarding was revised on 2025-10-01"),
        "{page}"
    );
}

#[test]
fn a_replaced_policy_is_retired_and_sends_readers_to_its_replacement() {
    let (_dir, hb) = handbook_of(&[
        (
            "old.md",
            &policy("Fax and Post", "superseded_by: new\n", "Fax the forms."),
        ),
        (
            "new.md",
            &policy(
                "Email",
                "approved: 2025-05-12\nsupersedes: [old]\n",
                "Email the forms.",
            ),
        ),
        // Only the new one says so: the old one is replaced all the same.
        ("older.md", &policy("Telex", "", "Telex the forms.")),
        ("newer.md", &policy("Phone", "supersedes: older\n", "Ring.")),
        (
            "reader.md",
            &policy("Reader", "", "See [[old]] and [[older]]."),
        ),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "{report:#}");
    let links: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "links_to_superseded")
        .map(|f| {
            (
                f["target"].as_str().unwrap(),
                f["suggestion"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(links, [("old", "new"), ("older", "newer")], "{report:#}");
    // Replaced policies are retired: no review findings, no review rows.
    assert!(
        values_where(&report, "file", "old.md", "kind").is_empty(),
        "{report:#}"
    );
    let (_d, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let old = std::fs::read_to_string(site.join("policies/old.html")).unwrap();
    assert!(
        old.contains("<strong>Replaced by <a href=\"../policies/new.html\">Email</a> on 12 May 2025.</strong>"),
        "{old}"
    );
    let new = std::fs::read_to_string(site.join("policies/new.html")).unwrap();
    assert!(
        new.contains("<dt>Replaces</dt><dd><a href=\"../policies/old.html\">Fax and Post</a></dd>"),
        "{new}"
    );
    // Searching for the old one leads to the new one.
    let results = search(site.to_str().unwrap(), &["fax"]);
    let first = &results[0]["results"][0];
    assert_eq!(first["title"], "Fax and Post", "{results:#?}");
    assert!(
        first["url"]
            .as_str()
            .unwrap()
            .ends_with("policies/new.html"),
        "{first}"
    );
}

#[test]
fn supersession_that_cannot_be_is_a_finding_with_its_line() {
    let (_dir, hb) = handbook_of(&[
        ("a.md", &policy("A", "supersedes: [a, nobody]\n", "Text.")),
        ("b.md", &policy("B", "superseded_by: c\n", "Text.")),
        ("c.md", &policy("C", "superseded_by: b\n", "Text.")),
        ("d.md", &policy("D", "superseded_by: e\n", "Text.")),
        ("e.md", &policy("E", "", "Text.")),
        ("f.md", &policy("F", "supersedes: d\n", "Text.")),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let found: Vec<(&str, &str, u64, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap(),
                f["kind"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
                f["key"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("a.md", "invalid_front_matter", 5, "supersedes"),
            ("a.md", "broken_reference", 5, "supersedes"),
            ("b.md", "invalid_front_matter", 5, "supersedes"),
            ("c.md", "invalid_front_matter", 5, "supersedes"),
            ("d.md", "supersession_disagrees", 5, "superseded_by"),
        ],
        "{report:#}"
    );
    assert!(
        first_where(&report, "file", "b.md")["message"]
            .as_str()
            .unwrap()
            .contains("in a circle (b → c → b)"),
        "{report:#}"
    );
}

#[test]
fn only_a_policy_in_force_replaces_one_and_a_chain_leads_to_its_end() {
    let (_dir, hb) = handbook_of(&[
        ("old.md", &policy("Old", "", "Text.")),
        // A draft that will replace it: not yet.
        (
            "draft.md",
            &policy("Draft", "status: draft\nsupersedes: old\n", "Text."),
        ),
        // a replaced by b, b by c: a and b lead to c.
        ("a.md", &policy("A", "", "Text.")),
        ("b.md", &policy("B", "supersedes: a\n", "Text.")),
        (
            "c.md",
            &policy("C", "supersedes: b\n", "This replaces [[b]]."),
        ),
        ("reader.md", &policy("Reader", "", "See [[a]] and [[old]].")),
    ]);
    let (_code, report) = check_json(hb.to_str().unwrap());
    let superseded: Vec<(&str, &str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "links_to_superseded")
        .map(|f| {
            (
                f["file"].as_str().unwrap(),
                f["target"].as_str().unwrap(),
                f["suggestion"].as_str().unwrap(),
            )
        })
        .collect();
    // The reader is sent to the end of the chain; c, which replaces b,
    // may name it; old is not replaced by a draft.
    assert_eq!(superseded, [("reader.md", "a", "c")], "{report:#}");
    let (_d, site, _) = build(hb.to_str().unwrap(), &[]);
    let old = std::fs::read_to_string(site.join("policies/old.html")).unwrap();
    assert!(!old.contains("Replaced by"), "{old}");
    assert!(old.contains("status-current"), "{old}");
    let a = std::fs::read_to_string(site.join("policies/a.html")).unwrap();
    assert!(
        a.contains("Replaced by <a href=\"../policies/c.html\">C</a>"),
        "{a}"
    );
}
