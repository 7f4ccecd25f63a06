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
