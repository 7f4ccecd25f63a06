//! A policy's old names (issue #28): `aliases:` and `redirect_from:` in
//! front-matter keep old ids, old files and the old intranet's pages
//! working, as links in other policies and as redirect pages in the site.
//! Runs the real binary over `tests/fixtures/aliases`.

mod common;
use common::*;

const TODAY: &str = "2026-12-02";

/// (severity, line, message) of each finding on `file`.
fn on(report: &serde_json::Value, file: &str) -> Vec<(String, u64, String)> {
    findings_of(report, file)
        .into_iter()
        .map(|(_, severity, line, message)| (severity, line, message))
        .collect()
}

fn check() -> (i32, serde_json::Value) {
    let r = run(&[
        "check",
        &fixture("aliases"),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    (r.code, serde_json::from_str(&r.stdout).unwrap())
}

#[test]
fn links_by_old_names_reach_the_policy_with_a_note() {
    let (code, report) = check();
    assert_eq!(code, 1, "the clashes in visitors.md are errors");
    let notes = on(&report, "safeguarding.md");
    let old_name = |line: u64, written: &str, alias_line: u64| {
        (
            "info".to_string(),
            line,
            format!(
                "{written} is an old name of it/internet.md (Internet and Email; line {alias_line} there lists it): it still works, but [[internet]] is what the policy is called now"
            ),
        )
    };
    for expected in [
        old_name(3, "related: internet-use", 5),
        old_name(7, "[[internet-use]]", 5),
        old_name(8, "link old/internet-email.md", 6),
        old_name(8, "link /it/internet-and-email/", 8),
        old_name(9, "link /Old%20Site/Internet%20Policy.html#personal-use", 9),
    ] {
        assert!(notes.contains(&expected), "{expected:?} in {notes:#?}");
    }
    assert_eq!(notes.len(), 5, "nothing is broken: {notes:#?}");
    assert_eq!(report["summary"]["broken_references"], 0);
}

#[test]
fn clashing_and_unsafe_old_names_are_errors_at_their_lines() {
    let (_, report) = check();
    let found = on(&report, "visitors.md");
    let expected: &[(&str, u64, &str)] = &[
        (
            "error",
            4,
            "aliases: \"internet-use\" is already an old name of it/internet.md (line 5 there): a name can lead to one policy only, so remove it from one of the lists",
        ),
        (
            "error",
            5,
            "aliases: \"safeguarding\" is the id of safeguarding.md, so links to it go there: remove it from this list (a name can lead to one policy only)",
        ),
        (
            "error",
            6,
            "aliases: \"/IT/Internet-And-Email/\" would be written where an old page of it/internet.md is (line 8 there; a shared drive does not tell capitals apart): remove one of them",
        ),
        (
            "error",
            7,
            "aliases: \"../../etc/passwd\" has an empty, . or .. part: write the old path from the top of the intranet (/it/internet.html)",
        ),
        (
            "error",
            8,
            "aliases: \"https://old.example/visitors\" is a web address: an alias is an old id (internet-use) or an old path on this intranet (/policies/internet.html)",
        ),
        (
            "error",
            9,
            "aliases: \"/reviews/visitors.html\" is inside reviews/, which policybook writes itself (a shared drive does not tell capitals apart): write the policy's old path, or leave it out",
        ),
        (
            "error",
            10,
            "aliases: \"/favicon.ico/\" would be written as favicon.ico/index.html, which static/favicon.ico is in the way of (it is copied to favicon.ico): remove one of them",
        ),
        (
            "warning",
            12,
            "aliases: \"visitor-policy\" is listed twice: remove one",
        ),
        (
            "error",
            13,
            "aliases: \"Safeguarding.md\" differs from the policy file safeguarding.md only in capitals, so links to either would be confused: remove it from this list",
        ),
        (
            "error",
            14,
            "aliases: \"/Safeguarding/\" is how links name safeguarding.md (capitals aside), so links to it would be confused: remove it from this list",
        ),
        (
            "error",
            15,
            "aliases: \"/Index.html\" is where policybook writes its own index.html (a shared drive does not tell capitals apart): write the policy's old path, or leave it out",
        ),
    ];
    let expected: Vec<(String, u64, String)> = expected
        .iter()
        .map(|(s, l, m)| (s.to_string(), *l, m.to_string()))
        .collect();
    assert_eq!(found, expected);
    // An alias is one policy's own: a default cannot set it.
    let (_dir, hb) = handbook_of(&[
        ("handbook.yaml", "title: T\ndefaults:\n  aliases: [old]\n"),
        (
            "a.md",
            "---\ntitle: A\nowner: O\nreview_by: 2030-01-01\n---\nA\n",
        ),
    ]);
    let r = run(&["check", hb.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("aliases cannot be a default: it belongs to each policy"),
        "{}",
        r.stdout
    );
}

#[test]
fn old_names_become_pages_that_send_readers_on() {
    let (_dir, site, r) = build(&fixture("aliases"), &[]);
    assert!(r.code <= 1, "{}", r.stderr);
    // Each old name's page, and where it sends readers (relative, so it
    // works under any sub-path and from disk).
    for (page, target) in [
        ("policies/internet-use.html", "../policies/internet.html"),
        ("policies/internet-email.html", "../policies/internet.html"),
        (
            "it/internet-and-email/index.html",
            "../../policies/internet.html",
        ),
        ("Old Site/Internet Policy.html", "../policies/internet.html"),
        ("policies/visitor-policy.html", "../policies/visitors.html"),
    ] {
        let html =
            std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
            )),
            "{page}: {html}"
        );
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{page}"
        );
        assert!(html.contains("<h1>This page has moved</h1>"), "{page}");
    }
    // Nothing for the names that were refused, nor for a draft's.
    for absent in [
        "policies/old-lone-working.html",
        "IT",
        "favicon.ico/index.html",
        "reviews/visitors.html",
        "etc",
    ] {
        assert!(!site.join(absent).exists(), "{absent}");
    }
    // A link by an old name goes to the policy's page as it is now.
    let page = std::fs::read_to_string(site.join("policies/safeguarding.html")).unwrap();
    assert!(
        page.contains("href=\"../policies/internet.html\">the old page</a>"),
        "{page}"
    );
    assert!(
        page.contains(
            "href=\"../policies/internet.html#personal-use\">personal use on the old site</a>"
        ),
        "{page}"
    );
    assert!(!page.contains("broken-ref"), "{page}");

    // With --drafts the draft's old id gets its page too.
    let (_dir, site, _) = build(&fixture("aliases"), &["--drafts"]);
    let html = std::fs::read_to_string(site.join("policies/old-lone-working.html")).unwrap();
    assert!(html.contains("Lone Working"), "{html}");
}

#[test]
fn a_link_to_a_renamed_file_that_kept_its_id_says_how_to_keep_it_working() {
    let (_dir, hb) = handbook_of(&[
        ("handbook.yaml", "title: T\n"),
        (
            "a.md",
            "---\ntitle: A\nowner: O\nreview_by: 2030-01-01\n---\nSee [the rules](internet-and-email.md).\n",
        ),
        (
            "it/online-safety.md",
            "---\ntitle: Online Safety\nid: internet-and-email\nowner: O\nreview_by: 2030-01-01\n---\nText.\n",
        ),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    assert_eq!(
        on(&report, "a.md"),
        [(
            "error".to_string(),
            6,
            "link internet-and-email.md does not match any policy file (internet-and-email.md does not exist); did you mean it/online-safety.md, whose id is internet-and-email? If the file was renamed, list its old path under aliases: in it/online-safety.md so that links to it keep working".to_string()
        )]
    );
}
