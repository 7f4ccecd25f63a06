//! `policybook check` over fixture handbooks: every finding kind, exit
//! codes, the JSON schema, the other formats, and review-date boundaries.

mod common;
use common::*;

#[test]
fn every_finding_kind_is_reported_with_file_and_line() {
    let (code, report) = check_json(&fixture("kinds"));
    assert_eq!(code, 1);
    let found = kinds(&report);
    let has = |kind: &str, file: &str, line: u64| {
        assert!(
            found.contains(&(kind.to_string(), file.to_string(), line)),
            "missing {kind} at {file}:{line} in {found:#?}"
        )
    };
    has("invalid_front_matter", "safeguarding/photos.md", 4);
    // At the `id:` line.
    has("duplicate_id", "hr/duplicate.md", 3);
    has("unknown_key", "safeguarding/mobile-phones.md", 4);
    has("overdue", "hr/overdue.md", 5);
    has("due_soon", "safeguarding/mobile-phones.md", 5);
    has("no_review_date", "hr/no-date.md", 2);
    has("review_date_mismatch", "hr/conduct.md", 6);
    has("broken_reference", "safeguarding/photos.md", 13);
    has("broken_reference", "safeguarding/photos.md", 6);
    has("broken_reference", "safeguarding/mobile-phones.md", 12);
    has("broken_reference", "safeguarding/mobile-phones.md", 13);
    has("broken_anchor", "safeguarding/photos.md", 13);
    has("broken_anchor", "safeguarding/mobile-phones.md", 10);
    has("broken_anchor", "safeguarding/mobile-phones.md", 12);
    has("links_to_retired", "safeguarding/mobile-phones.md", 11);
    has("links_to_retired", "safeguarding/photos.md", 7);
    has("links_to_draft", "safeguarding/mobile-phones.md", 11);
    has("external_link", "safeguarding/mobile-phones.md", 14);
    // The draft's broken link and overdue review are reported but cannot
    // fail CI.
    let draft: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "hr/new-draft.md")
        .collect();
    assert_eq!(draft.len(), 2);
    assert!(draft.iter().all(|f| f["severity"] == "info"), "{draft:?}");
    // Retired policies have no review status, so no overdue for them.
    assert!(
        !found
            .iter()
            .any(|(k, f, _)| k == "overdue" && f == "hr/retired.md")
    );
}

#[test]
fn json_report_follows_the_schema() {
    let (_, report) = check_json(&fixture("kinds"));
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["as_of"], TODAY);
    assert_eq!(report["policies"], 8);
    let s = &report["summary"];
    assert_eq!(s["overdue"], 1);
    assert_eq!(s["due_soon"], 1);
    // The draft's broken link is a note, not counted.
    assert_eq!(s["broken_references"], 7);
    let findings = report["findings"].as_array().unwrap();
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    let warnings = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .count();
    assert_eq!(s["errors"], errors);
    assert_eq!(s["warnings"], warnings);
    for f in findings {
        for key in ["kind", "severity", "file", "line", "message"] {
            assert!(!f[key].is_null(), "{key} missing in {f}");
        }
    }
    let overdue = findings
        .iter()
        .find(|f| f["kind"] == "overdue" && f["severity"] == "error")
        .unwrap();
    assert_eq!(overdue["policy"], "overdue");
    assert_eq!(overdue["owner"], "HR Manager");
    assert_eq!(overdue["review_by"], "2026-11-01");
    assert_eq!(
        overdue["message"],
        "review was due on 2026-11-01 (22 days ago); owner: HR Manager"
    );
    let near_miss = findings
        .iter()
        .find(|f| f["target"] == "mobile-phone")
        .unwrap();
    assert_eq!(near_miss["suggestion"], "mobile-phones");
    assert_eq!(
        near_miss["message"],
        "[[mobile-phone]] does not match any policy; did you mean 'mobile-phones'?"
    );
    let date = findings
        .iter()
        .find(|f| f["kind"] == "invalid_front_matter")
        .unwrap();
    assert_eq!(
        date["message"],
        "review_by \"31/05/2022\" is not a date (write it as 2022-05-31)"
    );
}

#[test]
fn review_status_boundaries_and_arithmetic() {
    let (code, report) = check_json(&fixture("review-dates"));
    assert_eq!(code, 1);
    let by_policy = |id: &str| -> Vec<(String, String)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["policy"] == id)
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().to_string(),
                    f["review_by"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let one = |kind: &str, date: &str| vec![(kind.to_string(), date.to_string())];
    assert_eq!(by_policy("due-yesterday"), one("overdue", "2026-11-22"));
    assert_eq!(by_policy("due-today"), one("due_soon", "2026-11-23"));
    assert_eq!(by_policy("due-in-30"), one("due_soon", "2026-12-23"));
    assert_eq!(by_policy("due-in-31"), vec![]);
    // 2025-10-31 + 1 month clamps to 30 November.
    assert_eq!(by_policy("month-end"), one("overdue", "2025-11-30"));
    // 2024-02-29 + 2 years is 28 February 2026.
    assert_eq!(by_policy("leap-day"), one("overdue", "2026-02-28"));
    // 2025-05-31 + 18 months is 30 November 2026.
    assert_eq!(by_policy("eighteen-months"), one("due_soon", "2026-11-30"));
    assert_eq!(by_policy("from-approved"), one("due_soon", "2026-11-23"));
    assert_eq!(by_policy("every-without-base"), one("no_review_date", ""));
    assert_eq!(by_policy("retired-old"), vec![]);
    // Drafts are reported (as notes; see every_finding_kind...).
    assert_eq!(by_policy("draft-old"), one("overdue", "2001-01-01"));
}

#[test]
fn exit_codes() {
    // 0: clean.
    assert_eq!(run(&["check", &fixture("clean"), "--today", TODAY]).code, 0);
    // 0 with warnings; 1 with --strict.
    let r = run(&["check", &fixture("review-dates"), "--today", "2020-01-01"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = run(&[
        "check",
        &fixture("review-dates"),
        "--today",
        "2020-01-01",
        "--strict",
    ]);
    assert_eq!(r.code, 1);
    // 1: errors.
    assert_eq!(run(&["check", &fixture("kinds"), "--today", TODAY]).code, 1);
    // 2: could not run.
    let r = run(&["check", &fixture("no-such-folder")]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot open the handbook folder"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("it does not exist"), "{}", r.stderr);
    let r = run(&["check", &fixture("clean"), "--today", "23/11/2026"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not a date"), "{}", r.stderr);
    assert_eq!(
        run(&["check", &fixture("clean"), "--format", "xml"]).code,
        2
    );
    assert_eq!(run(&["frobnicate"]).code, 2);
    assert_eq!(run(&["--help"]).code, 0);
    // A file instead of a folder.
    assert_eq!(
        run(&["check", &format!("{}/hr/conduct.md", fixture("kinds"))]).code,
        2
    );
}

#[test]
fn a_folder_that_is_not_a_handbook_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(templates.path().join("a.md.tmpl"), "---\ntitle: x\n---\n").unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let src = format!("{root}/src");
    for folder in [
        src.as_str(),
        empty.path().to_str().unwrap(),
        templates.path().to_str().unwrap(),
        // The repository itself: its README and docs are not policies.
        root,
    ] {
        for command in ["check", "build"] {
            let out = tempfile::tempdir().unwrap();
            let out = out.path().join("site");
            let r = run(&[command, folder, "-o", out.to_str().unwrap()]
                [..if command == "check" { 2 } else { 4 }]);
            assert_eq!(r.code, 2, "{command} {folder}: {}{}", r.stdout, r.stderr);
            assert!(
                r.stderr.contains("there is no handbook here")
                    && r.stderr.contains("has no handbook.yaml"),
                "{command} {folder}: {}",
                r.stderr
            );
            assert!(!r.stderr.contains("inside the handbook"), "{}", r.stderr);
            assert!(!out.exists());
        }
    }
    // `.` is named as the folder you are in.
    let r = run_in(empty.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("the folder you are in ("), "{}", r.stderr);
}

#[test]
fn a_handbook_without_policies_is_refused() {
    for command in ["check", "build"] {
        let r = run(&[command, &fixture("no-policies")]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains("has a handbook.yaml but no policies"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn build_exits_0_once_the_site_is_written_and_build_check_exits_as_check() {
    // The sample has an overdue review and a broken reference.
    let (_dir, site, r) = build(&sample(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.join("index.html").is_file());
    assert!(r.stdout.contains("Overdue: 1."), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("17 of the 18 policies are on the site: 1 draft was left out"),
        "{}",
        r.stdout
    );
    let (_dir, site, r) = build(&sample(), &["--check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        site.join("index.html").is_file(),
        "the site is still written"
    );
    // A handbook with only warnings (as of 2020): 0, and 1 with --check --strict.
    let warnings_only = |extra: &[&str]| {
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        let mut args = vec![
            "build",
            "",
            "-o",
            site.to_str().unwrap(),
            "--today",
            "2020-01-01",
        ];
        let hb = fixture("review-dates");
        args[1] = &hb;
        args.extend_from_slice(extra);
        run(&args).code
    };
    assert_eq!(warnings_only(&["--check"]), 0);
    assert_eq!(warnings_only(&["--check", "--strict"]), 1);
    // --strict means nothing without --check.
    assert_eq!(warnings_only(&["--strict"]), 2);
    // A policy that cannot be read: no site, exit 1.
    let (_dir, site, r) = build(&fixture("unparseable"), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!site.exists());
}

#[test]
fn unparseable_files_are_reported_with_everything_else() {
    let (code, report) = check_json(&fixture("unparseable"));
    assert_eq!(code, 1);
    let found = kinds(&report);
    assert!(found.contains(&(
        "invalid_front_matter".into(),
        "no-front-matter.md".into(),
        1
    )));
    // The line that opens the unclosed `[`, not the line the parser gave up on.
    assert!(found.contains(&("invalid_front_matter".into(), "bad-yaml.md".into(), 2)));
    // check goes on to report the rest.
    assert!(found.contains(&("broken_reference".into(), "fine.md".into(), 6)));
    // Links to the files that could not be read are not "does not exist":
    // one warning each, naming the file whose error to fix.
    let on_7: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "fine.md" && f["line"] == 7)
        .collect();
    assert_eq!(on_7.len(), 2, "{on_7:#?}");
    for (f, file) in on_7.iter().zip(["bad-yaml.md", "no-front-matter.md"]) {
        assert_eq!(f["kind"], "links_to_unreadable");
        assert_eq!(f["severity"], "warning");
        let m = f["message"].as_str().unwrap();
        assert!(
            m.contains(&format!("links to {file}, which could not be read")),
            "{m}"
        );
    }
}

#[test]
fn crlf_bom_cr_and_unicode() {
    let (_, report) = check_json(&fixture("encodings"));
    let found = kinds(&report);
    // Lines are the editor's lines whatever the line ends.
    assert!(
        found.contains(&("overdue".into(), "folder/crlf.md".into(), 4)),
        "{found:?}"
    );
    assert!(
        found.contains(&("overdue".into(), "folder/cr-only.md".into(), 4)),
        "{found:?}"
    );
    // A Windows-1252 file is read, with a warning.
    assert!(
        found.contains(&("encoding".into(), "folder/windows.md".into(), 1)),
        "{found:?}"
    );
    // Duplicate headings get unique anchors; unicode anchors resolve, raw or
    // percent-encoded. Only the deliberately missing anchor is broken.
    let broken: Vec<_> = found
        .iter()
        .filter(|(k, _, _)| k.starts_with("broken"))
        .collect();
    assert_eq!(
        broken,
        [&(
            "broken_anchor".to_string(),
            "folder/cr-only.md".to_string(),
            8
        )]
    );
}

#[test]
fn sample_handbook_reports_what_the_readme_says() {
    let (code, report) = check_json(&sample());
    assert_eq!(code, 1);
    // The policies are plain English but one, written hard on purpose.
    let plain = ["long_sentence", "hard_to_read", "plain_word"];
    let (plain_english, found): (Vec<_>, Vec<_>) = kinds(&report)
        .into_iter()
        .filter(|(k, _, _)| k != "external_link")
        .partition(|(k, _, _)| plain.contains(&k.as_str()));
    assert!(
        plain_english
            .iter()
            .all(|(_, f, _)| f == "communications/fax-and-post.md"),
        "{plain_english:?}"
    );
    let count = |kind: &str| plain_english.iter().filter(|(k, _, _)| k == kind).count();
    assert_eq!(
        (
            count("hard_to_read"),
            count("long_sentence"),
            count("plain_word")
        ),
        (1, 13, 21),
        "{plain_english:?}"
    );
    let expected: Vec<(String, String, u64)> = [
        ("linked_policy_changed", "communications/complaints.md", 8),
        ("broken_reference", "communications/social-media.md", 49),
        ("unlinked_policy_name", "communications/social-media.md", 68),
        (
            "linked_policy_changed",
            "data-protection/confidentiality.md",
            8,
        ),
        ("due_soon", "health-and-safety/first-aid.md", 9),
        ("linked_policy_changed", "health-and-safety/first-aid.md", 9),
        ("overdue", "people/lone-working.md", 9),
        ("linked_policy_changed", "people/lone-working.md", 9),
        ("linked_policy_changed", "people/staff-conduct.md", 10),
        ("linked_policy_changed", "people/whistleblowing.md", 8),
        (
            "linked_policy_changed",
            "safeguarding/online/online-safety.md",
            8,
        ),
        (
            "linked_policy_changed",
            "safeguarding/photography-and-images.md",
            7,
        ),
        (
            "linked_policy_changed",
            "safeguarding/uncollected-child.md",
            7,
        ),
    ]
    .iter()
    .map(|(k, f, l)| (k.to_string(), f.to_string(), *l))
    .collect();
    assert_eq!(found, expected);
    // Seven of the nine lean on the rewritten safeguarding policy.
    assert_eq!(
        values_where(&report, "target", "safeguarding", "kind").len(),
        7,
        "{report:#}"
    );
}

#[test]
fn text_format_is_grouped_by_policy_and_plain_when_piped() {
    let r = run(&["check", &sample(), "--today", TODAY]);
    insta::assert_snapshot!("sample_text", r.stdout);
    assert!(!r.stdout.contains('\x1b'));
}

fn markdown(hb: &std::path::Path) -> Run {
    let hb = hb.to_str().unwrap();
    run(&["check", hb, "--today", TODAY, "--format", "markdown"])
}

#[test]
fn markdown_format_is_a_job_summary_of_reviews_by_owner_and_broken_references() {
    let r = run(&["check", &sample(), "--today", TODAY, "--format", "markdown"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("sample_markdown", r.stdout);
    // A handbook whose text would make links, images and HTML in a
    // comment shows it as written.
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        "---\ntitle: A\nowner: \"Ann | <img src=x onerror=alert(1)> ![t](http://e.test/t.png)\"\nreview_by: 2026-01-01\n---\n\nSee [[nope|a *b* `c`]].\n",
    )]);
    let r = markdown(&hb);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let out = &r.stdout;
    assert!(
        out.contains("| Ann \\| \\<img src=x onerror=alert(1)\\> `![t](http://e.test/t.png)` | `a` (`a.md:4`) | 2026-01-01 (10 months ago) | error: `overdue` |"),
        "{out}"
    );
    assert!(
        out.contains(
            "| `a.md:7` | error: `broken_reference` | \\[\\[nope\\]\\] does not match any policy"
        ),
        "{out}"
    );
    // Read as GitHub would, it holds no image, link or HTML.
    let parser = pulldown_cmark::Parser::new_ext(out, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    for made in ["<img", "<a ", "<em>", "<b>"] {
        assert!(!html.contains(made), "{made} in {html}");
    }
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    // Every row has the table's number of cells: nothing split a row.
    for line in out.lines().filter(|l| l.starts_with('|')) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert!(cells == 4 || cells == 5, "{line}");
    }
    // A clean handbook passes, with nothing but the counts.
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        "---\ntitle: A\nowner: M\nreview_by: 2027-06-01\n---\n\nText.\n",
    )]);
    let r = markdown(&hb);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with("## Policy handbook check passes\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("###"), "{}", r.stdout);
}

#[test]
fn github_format_annotates_files_relative_to_the_repository() {
    let r = run(&["check", "handbook", "--today", TODAY, "--format", "github"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("::error file=handbook/people/lone-working.md,line=9,title=overdue::review was due on 2026-09-30 (54 days ago); owner: Centre Manager\n"), "{}", r.stdout);
    assert!(r.stdout.contains(
        "::warning file=handbook/health-and-safety/first-aid.md,line=9,title=due_soon::"
    ));
    for line in r.stdout.lines() {
        assert!(
            line.starts_with("::") || line.starts_with("policybook:"),
            "{line}"
        );
    }
    // The summary counts in words that agree with the numbers.
    assert!(
        r.stdout.ends_with("policybook: 18 policies checked as of 2026-11-23: 2 errors, 10 warnings. Overdue: 1. Due soon: 1. Broken references: 1.\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn junit_format_has_a_case_per_file_with_failures() {
    let r = run(&["check", &sample(), "--today", TODAY, "--format", "junit"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("<?xml"));
    assert!(
        r.stdout
            .contains("<testsuite name=\"policybook check\" tests=\"18\""),
        "a case per policy file"
    );
    assert!(
        r.stdout
            .contains("<testcase classname=\"people/lone-working.md\" name=\"lone-working\">")
    );
    assert!(
        r.stdout
            .contains("<failure message=\"overdue\" type=\"overdue\">")
    );
    assert_eq!(r.stdout.matches("<failure ").count(), 2, "{}", r.stdout);
    let strict = run(&[
        "check",
        &sample(),
        "--today",
        TODAY,
        "--format",
        "junit",
        "--strict",
    ]);
    // Under --strict, each file with a warning too: the due-soon review and
    // the policies that lean on a revised one.
    assert_eq!(strict.stdout.matches("<failure ").count(), 10);
}

#[test]
fn generated_handbook_matches_what_was_planted() {
    let (_dir, out) = generate(&Options {
        seed: 7,
        today: TODAY.parse().unwrap(),
        ..Options::new(300)
    });
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("expected.json")).unwrap()).unwrap();
    let (code, report) = check_json(out.to_str().unwrap());
    assert_eq!(code, 1);
    let s = &report["summary"];
    assert_eq!(s["overdue"], expected["overdue"]);
    assert_eq!(s["due_soon"], expected["due_soon"]);
    assert_eq!(s["broken_references"], expected["broken_refs"]);
    assert_eq!(report["policies"], expected["policies"]);
    let found = kinds(&report);
    for b in expected["details"]["broken_refs"].as_array().unwrap() {
        let want = (
            b["kind"].as_str().unwrap().to_string(),
            b["file"].as_str().unwrap().to_string(),
            b["line"].as_u64().unwrap(),
        );
        assert!(found.contains(&want), "planted {b} not found");
        if let Some(s) = b["did_you_mean"].as_str() {
            assert!(
                report["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["suggestion"] == s),
                "no suggestion {s}"
            );
        }
    }
    for o in expected["details"]["overdue"].as_array().unwrap() {
        assert!(
            found
                .iter()
                .any(|(k, f, _)| k == "overdue" && f == o["file"].as_str().unwrap())
        );
    }
    // Nothing else is wrong with the generated handbook.
    let other: Vec<_> = found
        .iter()
        .filter(|(k, _, _)| {
            ![
                "overdue",
                "due_soon",
                "broken_reference",
                "broken_anchor",
                "external_link",
                // The generator's dates are random: some policies link
                // to one approved after their last review.
                "linked_policy_changed",
                // Its prose is its own: the plain-English notes are
                // tested in tests/plain_english.rs.
                "long_sentence",
                "hard_to_read",
                "plain_word",
            ]
            .contains(&k.as_str())
        })
        .collect();
    assert!(other.is_empty(), "{other:?}");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_handbook_are_not_followed_and_loops_end() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(std::path::Path::new(&fixture("clean")), &hb);
    let outside = dir.path().join("secret.md");
    std::fs::write(
        &outside,
        "---\ntitle: Secret\nowner: x\nreview_by: 2030-01-01\n---\nSecret text\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, hb.join("policies/leak.md")).unwrap();
    std::os::unix::fs::symlink(&hb, hb.join("policies/loop")).unwrap();
    std::os::unix::fs::symlink(hb.join("policies/only.md"), hb.join("policies/alias.md")).unwrap();
    std::fs::write(
        hb.join("policies/escape.md"),
        "---\ntitle: Escape\nowner: x\nreview_by: 2030-01-01\n---\n[passwd](../../../../etc/passwd) ![x](../../../../etc/hostname)\n",
    )
    .unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let found = kinds(&report);
    assert!(
        found
            .iter()
            .any(|(k, f, _)| k == "unreadable_file" && f == "policies/leak.md"),
        "the link out of the handbook is named: {found:?}"
    );
    assert!(
        found.contains(&("broken_reference".into(), "policies/escape.md".into(), 6)),
        "{found:?}"
    );
    // The site holds neither the secret nor the escaped files.
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    assert!(!site.join("policies/leak.html").exists());
    for entry in walkdir::WalkDir::new(&site) {
        let path = entry.unwrap().path().to_path_buf();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("Secret text"),
                "{}",
                path.display()
            );
        }
    }
    assert!(!site.join("etc").exists());
}

#[test]
fn require_review_date_makes_a_missing_date_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(std::path::Path::new(&fixture("clean")), &hb);
    std::fs::write(
        hb.join("policies/undated.md"),
        "---\ntitle: Undated\nowner: Manager\n---\nText.\n",
    )
    .unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "a missing date is a warning by default");
    let f = &report["findings"][0];
    assert_eq!(
        (f["kind"].as_str(), f["severity"].as_str()),
        (Some("no_review_date"), Some("warning"))
    );
    std::fs::write(
        hb.join("handbook.yaml"),
        "title: Clean\nrequire_review_date: true\n",
    )
    .unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    assert_eq!(report["findings"][0]["severity"], "error");
}

#[test]
fn policy_names_in_prose_are_links_to_write_or_names_of_nothing() {
    let policy = |title: &str, body: &str| {
        format!("---\ntitle: {title}\nowner: Manager\nreview_by: 2030-01-01\n---\n\n{body}\n")
    };
    let (_dir, hb) = handbook_of(&[
        ("disciplinary.md", &policy("Disciplinary Policy", "Rules.")),
        (
            "equal-opportunities.md",
            &policy("Equal Opportunities", "Fairness."),
        ),
        (
            "conduct.md",
            &policy(
                "Staff Conduct",
                "Concerns go under our Disciplinary Policy and Procedure.\n\nSee the Photographic Images Policy, and the Equal Oportunities policy.\n\nThis Staff Conduct Policy applies to all. A [link to the Disciplinary Policy](disciplinary.md) is fine.\n\n## The Disciplinary Policy\n\nThe Disciplinary Policy again.",
            ),
        ),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    // A warning does not fail check.
    assert_eq!(code, 0, "{report:#}");
    let found: Vec<(String, u64, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"].as_str().unwrap().ends_with("policy_name"))
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["severity"].as_str().unwrap().to_string(),
                f["suggestion"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let row = |kind: &str, line: u64, severity: &str, suggestion: &str| {
        (
            kind.to_string(),
            line,
            severity.to_string(),
            suggestion.to_string(),
        )
    };
    assert_eq!(
        found,
        [
            row("unlinked_policy_name", 7, "info", "[[disciplinary]]"),
            row("unlinked_policy_name", 9, "info", "[[equal-opportunities]]"),
            row("unknown_policy_name", 9, "warning", ""),
        ],
        "{report:#}"
    );
    let unknown = first_where(&report, "kind", "unknown_policy_name");
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("\"Photographic Images Policy\" names no policy in the handbook"),
        "{unknown}"
    );
}

#[test]
fn the_owners_registry_names_the_person_and_catches_spellings() {
    let policy = |owner: &str| {
        format!("---\ntitle: P {owner}\nowner: {owner}\nreview_by: 2030-01-01\n---\n\nText.\n")
    };
    let settings = "title: T\nowners:\n  Head of Centre: { name: Jane Smith, email: head@example.org }\n  Office Manager: Sam Jones\n";
    let (_dir, hb) = handbook_of(&[
        ("a.md", &policy("Head of Centre")),
        ("b.md", &policy("Head of centre")),
        ("c.md", &policy("Cook")),
    ]);
    std::fs::write(hb.join("handbook.yaml"), settings).unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "a misspelt owner is a warning: {report:#}");
    let found = kinds(&report);
    assert_eq!(
        found,
        [("owner_misspelt".to_string(), "b.md".to_string(), 3)],
        "{report:#}"
    );
    // Required: the unregistered cook is an error.
    std::fs::write(
        hb.join("handbook.yaml"),
        format!("{settings}require_registered_owners: true\n"),
    )
    .unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    assert!(kinds(&report).contains(&("unregistered_owner".to_string(), "c.md".to_string(), 3)));
    // The page names the person and mails the role's address; the misspelt
    // policy is listed with the registered owner.
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let r = run(&[
        "build",
        hb.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a = std::fs::read_to_string(site.join("policies/a.html")).unwrap();
    assert!(
        a.contains("<a href=\"mailto:head@example.org\" data-print-address=\"head@example.org\">Head of Centre</a> (Jane Smith)"),
        "{a}"
    );
    let b = std::fs::read_to_string(site.join("policies/b.html")).unwrap();
    assert!(b.contains(">Head of Centre</a> (Jane Smith)"), "{b}");
    let owner_page = std::fs::read_to_string(site.join("owners/head-of-centre.html")).unwrap();
    assert!(
        owner_page.contains("P Head of Centre") && owner_page.contains("P Head of centre"),
        "{owner_page}"
    );
}
