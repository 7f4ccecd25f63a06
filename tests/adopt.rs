//! Adopting a Markdown handbook written for other tools (issue #28): the
//! review cycle words real policies use, extra keys holding lists and maps,
//! front-matter that lost its opening line. Runs the real binary over
//! `tests/fixtures/adopt`.

mod common;
use common::*;

/// The findings of `check` on the adopt fixture for `file`, as (kind,
/// severity, line, message).
fn findings_of(report: &serde_json::Value, file: &str) -> Vec<(String, String, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == file)
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn review_cycle_words_are_read_with_a_note_where_they_are_unclear() {
    let (_, report) = check_json(&fixture("adopt"));
    let access = findings_of(&report, "security/access-control.md");
    assert!(
        access.contains(&(
            "interpreted".into(),
            "info".into(),
            5,
            "review_every \"termly\" is read as every 4 months (three terms a year): write \"4 months\" to say so, or \"1 year\" for a yearly review".into()
        )),
        "{access:#?}"
    );
    let backups = findings_of(&report, "security/backups.md");
    assert!(
        backups.iter().any(|(k, s, l, m)| k == "interpreted"
            && s == "warning"
            && *l == 5
            && m.contains("can mean twice a year or every two years")),
        "{backups:#?}"
    );
    // bi-annually from 2026-06-01 is due 2026-12-01, within due_soon_days
    // of TODAY (termly is checked on the page, below).
    assert!(
        backups
            .iter()
            .any(|(k, _, _, m)| k == "due_soon" && m.contains("2026-12-01")),
        "{backups:#?}"
    );
}

#[test]
fn front_matter_without_its_opening_line_says_so() {
    let (_dir, hb) = handbook_of(&[(
        "people/leave.md",
        "title: Leave\nowner: HR Lead\n---\nLeave is booked in advance.\n",
    )]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    assert_eq!(
        findings_of(&report, "people/leave.md"),
        [(
            "invalid_front_matter".to_string(),
            "error".to_string(),
            1,
            "this file's front-matter has no opening ---: the keys on lines 1 to 2 end with the --- on line 3, so add a line --- above line 1".to_string()
        )]
    );
}

#[test]
fn extra_keys_with_lists_and_maps_are_nested_lists_on_the_page() {
    let (_dir, out, run) = build(&fixture("adopt"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.join("policies/access-control.html")).unwrap();
    // termly from 2026-09-01: four months on.
    assert!(
        page.contains(
            "<time datetime=\"2027-01-01\">1 January 2027</time> (reviewed every 4 months)"
        ),
        "{page}"
    );
    assert!(
        page.contains("<div><dt>Scope</dt><dd>staff, contractors</dd></div>"),
        "{page}"
    );
    assert!(
        page.contains("<div><dt>Contacts</dt><dd><ul class=\"extra\"><li><ul class=\"extra\"><li>name: Ann Lee</li><li>phone: 0123 456</li></ul></li><li>Service desk</li></ul></dd></div>"),
        "{page}"
    );
}
