//! Pictures and documents kept beside the policy that links to them, not
//! under `assets/` (issue #28): published under `files/` when a policy
//! links to them, never when none does, and refused with the fix when
//! they would run scripts, are missing or differ in capitals. Runs the
//! real binary over `tests/fixtures/beside`.

mod common;
use common::*;
use std::path::Path;

#[test]
fn a_picture_beside_a_policy_is_published_where_its_page_finds_it() {
    let fixture = fixture("beside");
    let (_dir, site, r) = build(&fixture, &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let from = Path::new(&fixture).join("safeguarding");
    for (file, published) in [
        (
            "img/team photo.png",
            "files/safeguarding/img/team photo.png",
        ),
        ("consent-form.pdf", "files/safeguarding/consent-form.pdf"),
    ] {
        assert_eq!(
            std::fs::read(site.join(published)).unwrap_or_else(|e| panic!("{published}: {e}")),
            std::fs::read(from.join(file)).unwrap(),
            "{published}"
        );
    }
    let page = std::fs::read_to_string(site.join("policies/photos.html")).unwrap();
    assert!(
        page.contains(
            "<img src=\"../files/safeguarding/img/team%20photo.png\" alt=\"Our team at the summer fair\""
        ),
        "{page}"
    );
    assert!(
        page.contains("href=\"../files/safeguarding/consent-form.pdf\">consent form</a>"),
        "{page}"
    );
    // What no policy links to stays private; what would run scripts, and
    // what is left out (`_old/`), is not published.
    for absent in [
        "files/safeguarding/private-notes.pdf",
        "files/safeguarding/bad.svg",
        "files/safeguarding/_old",
        "safeguarding",
    ] {
        assert!(!site.join(absent).exists(), "{absent}");
    }
}

#[test]
fn a_picture_that_cannot_be_published_is_reported_with_the_fix() {
    let (code, report) = check_json(&fixture("beside"));
    assert_eq!(code, 1);
    let found: Vec<(u64, String)> = findings_of(&report, "safeguarding/photos.md")
        .into_iter()
        .map(|(kind, _, line, message)| {
            assert_eq!(kind, "broken_reference");
            (line, message)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                12,
                "image bad.svg points at safeguarding/bad.svg, which holds a script (or an event handler, an embedded page or a character reference that could spell one), so it is not published: it would run on the intranet's pages as if the intranet had written it (link to a PDF or a picture without scripts instead)"
            ),
            (
                14,
                "image img/missing.png points at safeguarding/img/missing.png, which does not exist: put the file there (a picture or document beside a policy is published when a policy links to it), or under assets/"
            ),
            (
                16,
                "image img/Team%20Photo.png points at safeguarding/img/Team Photo.png, which differs from safeguarding/img/team photo.png in capital letters: links must match exactly, since the intranet's server tells them apart (did you mean safeguarding/img/team photo.png?)"
            ),
        ]
        .map(|(l, m)| (l, m.to_string()))
    );
}
