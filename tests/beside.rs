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
                "image bad.svg points at safeguarding/bad.svg, which holds a script (or an event handler, an embedded page, or a character reference or entity that could spell one), so it is not published: it would run on the intranet's pages as if the intranet had written it (link to a PDF or a picture without scripts instead)"
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

#[cfg(unix)]
#[test]
fn only_what_a_published_policy_links_to_is_published_and_links_do_not_reach_around() {
    let (_dir, hb) = handbook_of(&[
        ("handbook.yaml", "title: T\nexclude: [arch/]\n"),
        (
            "pol/one.md",
            "---\ntitle: One\nowner: O\nreview_by: 2030-01-01\n---\n![e](ex.png) [c](cfg.pdf) [s](ok.pdf)\n",
        ),
        (
            "pol/draft.md",
            "---\ntitle: Draft\nowner: O\nreview_by: 2030-01-01\nstatus: draft\n---\n[plan](plan.pdf)\n",
        ),
        ("pol/plan.pdf", "%PDF-1.4 the draft's plan"),
        ("pol/ok.pdf", "%PDF-1.4 fine"),
        ("arch/x.png", "not for the site"),
    ]);
    use std::os::unix::fs::symlink;
    symlink("../arch/x.png", hb.join("pol/ex.png")).unwrap();
    symlink("../handbook.yaml", hb.join("pol/cfg.pdf")).unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1, "{report:#}");
    let skipped: Vec<String> = ["pol/ex.png", "pol/cfg.pdf"]
        .iter()
        .flat_map(|f| findings_of(&report, f))
        .map(|(_, _, _, m)| m)
        .collect();
    assert_eq!(
        skipped,
        [
            "pol/ex.png is a link to arch/x.png, which is left out by exclude: in handbook.yaml, so it was skipped",
            "pol/cfg.pdf is a link to handbook.yaml, which is the handbook's settings, so it was skipped",
        ]
    );
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    assert!(site.join("files/pol/ok.pdf").is_file());
    for absent in [
        "files/pol/ex.png",
        "files/pol/cfg.pdf",
        "files/pol/plan.pdf",
    ] {
        assert!(!site.join(absent).exists(), "{absent}");
    }
    // With --drafts the draft's page is published, and what it links to.
    let (_out, site, _) = build(hb.to_str().unwrap(), &["--drafts"]);
    assert!(site.join("files/pol/plan.pdf").is_file());
}
