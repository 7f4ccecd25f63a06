//! `policybook new` (issue #29): one new policy, its front-matter
//! complete, in its category's folder, read back as `check` reads it.
//! Runs the real binary over handbooks the tests make.

mod common;
use common::*;

const DAY: &str = "2026-12-02";

fn new(hb: &std::path::Path, args: &[&str]) -> Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend([hb.to_str().unwrap(), "--today", DAY]);
    run(&all)
}

fn people() -> (tempfile::TempDir, std::path::PathBuf) {
    handbook_of(&[
        ("handbook.yaml", "title: T\n"),
        (
            "people/working-alone.md",
            "---\ntitle: Working Alone\nowner: Manager\nreview_by: 2030-01-01\naliases: [visitors]\n---\nText.\n",
        ),
        (
            "people/leave.md",
            "---\ntitle: Lone Working Policy\nid: lone-working\nowner: Manager\nreview_by: 2030-01-01\n---\nText.\n",
        ),
        (
            "_template.md",
            "---\ntitle: X\n# a comment in the front-matter\n---\nAbout this template.\n\n## Purpose\n\nWhy.\n",
        ),
    ])
}

#[test]
fn a_new_policy_is_complete_valid_and_in_its_category_folder() {
    let (_dir, hb) = people();
    let r = new(
        &hb,
        &[
            "Lone Working",
            "--owner",
            "Centre Manager",
            "--category",
            "people",
            "--review-every",
            "2 years",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // The id of the title is taken (by leave.md's id): the next one.
    assert!(
        r.stdout.starts_with(&format!(
            "{}",
            hb.join("people/lone-working-2.md").display()
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("a draft due for review on 2 December 2028"),
        "{}",
        r.stdout
    );
    assert_eq!(
        std::fs::read_to_string(hb.join("people/lone-working-2.md")).unwrap(),
        "---\ntitle: \"Lone Working\"\nowner: \"Centre Manager\"\nlast_reviewed: 2026-12-02\nreview_every: \"2 years\"\nreview_by: 2028-12-02\nstatus: draft\n---\n\n## Purpose\n\nWhy.\n"
    );
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "{report:#}");
    assert!(
        findings_of(&report, "people/lone-working-2.md").is_empty(),
        "{report:#}"
    );
    // An old name is taken too.
    let r = new(&hb, &["Visitors", "--owner", "Reception"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(hb.join("visitors-2.md").is_file());
}

#[test]
fn the_defaults_give_what_the_command_does_not() {
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\ndefaults:\n  owner: Office Manager\n  review_every: 6 months\n",
        ),
        ("hr/.keep", ""),
    ]);
    std::fs::remove_file(hb.join("hr/.keep")).unwrap();
    let r = new(&hb, &["Annual Leave", "--category", "HR"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(hb.join("hr/annual-leave.md")).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Annual Leave\"\nlast_reviewed: 2026-12-02\nreview_by: 2027-06-02\ncategory: \"HR\"\nstatus: draft\n---\n\n## Purpose\n"),
        "{text}"
    );
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn what_cannot_be_made_is_refused_with_what_to_do() {
    let (_dir, hb) = people();
    for (args, says) in [
        (
            &["Working alone", "--owner", "X"][..],
            "people/working-alone.md already has the title \"Working Alone\": edit that policy, or give the new one another title",
        ),
        (
            &["!!!", "--owner", "X"][..],
            "the title \"!!!\" has no letters or digits to make the policy's id from",
        ),
        (
            &["Visitors", "--owner", "X", "--category", "Peple"][..],
            "no policy has the category \"Peple\" (did you mean \"People\"?): the categories are People",
        ),
        (
            &["Visitors", "--owner", "X", "--review-every", "sometimes"][..],
            "--review-every \"sometimes\" is not a review cycle",
        ),
        (
            &["Visitors"][..],
            "say who keeps the policy up to date with --owner",
        ),
    ] {
        let r = new(&hb, args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    // Nothing was written.
    let mut files: Vec<String> = walkdir::WalkDir::new(&hb)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(&hb)
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .filter(|f| f.ends_with(".md"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["_template.md", "people/leave.md", "people/working-alone.md"]
    );
    // Not a handbook.
    let dir = tempfile::tempdir().unwrap();
    let r = new(dir.path(), &["Visitors", "--owner", "X"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
}

#[cfg(unix)]
#[test]
fn blank_owners_links_exclusions_and_unreadable_ids_are_not_taken_lightly() {
    let (dir, hb) = handbook_of(&[
        ("handbook.yaml", "title: T\nexclude: [arch, \"draft-*\"]\n"),
        ("hr/_folder.yaml", "category: People\n"),
        (
            "hr/leave.md",
            "---\ntitle: Leave\nowner: HR\nreview_by: 2030-01-01\n---\nText.\n",
        ),
        ("hr/broken-one.md", "---\ntitle: [unclosed\n---\nText.\n"),
        ("arch/.keep", ""),
    ]);
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, hb.join("ext")).unwrap();
    for (args, says) in [
        (
            &["C", "--owner", "  "][..],
            "say who keeps the policy up to date with --owner",
        ),
        (
            &["C", "--owner", "X", "--category", "ext"][..],
            "no policy has the category \"ext\"",
        ),
        (
            &["C", "--owner", "X", "--category", "arch"][..],
            "no policy has the category \"arch\"",
        ),
        (
            &["Draft Plan", "--owner", "X"][..],
            "draft-plan.md is left out by exclude: in handbook.yaml",
        ),
    ] {
        let r = new(&hb, args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    assert_eq!(
        std::fs::read_dir(&outside).unwrap().count(),
        0,
        "nothing outside"
    );
    // A folder's own category, not a new one named after the folder.
    let r = new(&hb, &["Sickness", "--owner", "X", "--category", "hr"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(hb.join("hr/sickness.md")).unwrap();
    assert!(text.contains("category: \"People\"\n"), "{text}");
    // The id of a file that cannot be read yet is taken.
    let r = new(&hb, &["Broken One", "--owner", "X"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(hb.join("broken-one-2.md").is_file(), "{}", r.stdout);
}
