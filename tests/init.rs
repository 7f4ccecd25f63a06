//! `policybook init`: a new handbook that checks clean but for the review
//! it plants, builds, and is never made over anything.

mod common;
use common::*;

#[test]
fn a_new_handbook_checks_clean_but_for_one_review_due_soon_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("Our Handbook");
    let r = run(&[
        "init",
        hb.to_str().unwrap(),
        "--organisation",
        "Riverside Children's Centre",
        "--today",
        TODAY,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("policybook serve"), "{}", r.stdout);
    for file in [
        "handbook.yaml",
        "safeguarding/safeguarding-and-child-protection.md",
        "health-and-safety/fire-safety.md",
        "_template.md",
        ".gitignore",
    ] {
        assert!(hb.join(file).is_file(), "{file}");
    }
    assert!(hb.join("assets").is_dir());
    // Every setting is there, each with what it does and its default.
    let yaml = std::fs::read_to_string(hb.join("handbook.yaml")).unwrap();
    for key in [
        "title:",
        "organisation:",
        "base_url:",
        "due_soon_days:",
        "require_review_date:",
        "edit_url:",
        "theme:",
        "extra_keys:",
        "allow_raw_html:",
        "search:",
        "reminder_days:",
        "owners:",
        "require_registered_owners:",
        "fail_on:",
        "warn_on:",
        "feedback_email:",
        "site_url:",
        "defaults:",
    ] {
        assert!(yaml.lines().any(|l| l.starts_with(key)), "{key} missing");
    }
    assert_eq!(yaml.matches("Default:").count(), 19, "{yaml}");
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0);
    assert_eq!(report["policies"], 2);
    let found = kinds(&report);
    assert_eq!(
        found,
        [(
            "due_soon".to_string(),
            "safeguarding/safeguarding-and-child-protection.md".to_string(),
            7
        )],
        "{report:#}"
    );
    assert_eq!(report["findings"][0]["review_by"], "2026-12-13");
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains("Riverside Children&#39;s Centre Policy Handbook"),
        "{home}"
    );
    // The build into site/ inside it, which .gitignore names, works too.
    let r = run_in(&hb, &["build", "--today", TODAY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(hb.join("site/index.html").is_file());
    assert!(
        std::fs::read_to_string(hb.join(".gitignore"))
            .unwrap()
            .contains("/site/")
    );
}

#[test]
fn a_title_full_of_quotes_and_line_breaks_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    let title = "The \"Best\" Centre's\nHandbook: # not a comment \\ {[x]} {{today}}";
    let r = run(&[
        "init",
        hb.to_str().unwrap(),
        "--title",
        title,
        "--today",
        TODAY,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "{report:#}");
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains(
            "The &quot;Best&quot; Centre&#39;s Handbook: # not a comment \\ {[x]} {{today}}"
        ),
        "{home}"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let busy = dir.path().join("busy");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    let r = run(&["init", busy.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("is not empty (it holds notes.txt)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_dir(&busy).unwrap().count(),
        1,
        "nothing was added"
    );
    let file = dir.path().join("file.md");
    std::fs::write(&file, "x").unwrap();
    let r = run(&["init", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a file, not a folder"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    // An empty folder is fine, and so is `.` when it is empty.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(run_in(&empty, &["init"]).code, 0);
    assert!(empty.join("handbook.yaml").is_file());
}

#[test]
fn check_points_a_folder_that_is_not_a_handbook_to_init() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("policybook init"), "{}", r.stderr);
}
