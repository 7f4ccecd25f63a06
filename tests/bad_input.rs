//! Bad input: every way an editor (or a disk, or an attacker) can hand
//! `policybook` a broken handbook. Each case is a tiny handbook under
//! `tests/fixtures/bad/<case>/`, or one made at test time when it cannot be
//! committed (unreadable files, symlinks, odd file names, huge files).
//!
//! For every case the real binary must: finish promptly, exit 0, 1 or 2
//! (never 101, a panic), and explain the problem in plain English with the
//! file and the line.

mod common;
use common::*;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longer than any case should ever take; a run past it counts as a hang.
const HANG: Duration = Duration::from_secs(30);

/// Front-matter for generated policies that is otherwise clean.
const CLEAN_FM: &str = "---\ntitle: Generated\nowner: Centre Manager\nreview_by: 2030-01-01\n---\n";

fn bad(case: &str) -> String {
    fixture(&format!("bad/{case}"))
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Who runs the binary: ourselves, or (for permission tests when we are
/// root) the `nobody` user through `setpriv`.
#[derive(Clone, Copy, PartialEq)]
enum As {
    Me,
    /// Only the Unix permission tests run as nobody.
    #[cfg_attr(not(unix), allow(dead_code))]
    Nobody,
}

/// Runs `policybook ARGS`, killing it after `limit`. Fails the test on a
/// hang, a signal, or an exit code other than 0, 1 or 2 (101 is a panic).
fn pb_as(who: As, limit: Duration, args: &[&str]) -> Out {
    let bin = env!("CARGO_BIN_EXE_policybook");
    let mut cmd = match who {
        As::Me => Command::new(bin),
        As::Nobody => {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
            c
        }
    };
    let start = Instant::now();
    let mut child = cmd
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the policybook binary starts");
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let so = std::thread::spawn(move || {
        let mut b = Vec::new();
        so.read_to_end(&mut b).ok();
        b
    });
    let se = std::thread::spawn(move || {
        let mut b = Vec::new();
        se.read_to_end(&mut b).ok();
        b
    });
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!(
                "`policybook {}` did not finish within {limit:?} (a hang, or work that grows too fast with the input)",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    let stdout = String::from_utf8_lossy(&so.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&se.join().unwrap()).into_owned();
    let code = status.code().unwrap_or_else(|| {
        panic!(
            "`policybook {}` was killed by a signal ({status}; a stack overflow?)\nstderr:\n{stderr}",
            args.join(" ")
        )
    });
    assert!(
        matches!(code, 0..=2),
        "`policybook {}` exited {code} (101 is a panic); the contract allows 0, 1, 2\nstdout:\n{stdout}\nstderr:\n{stderr}",
        args.join(" ")
    );
    Out {
        code,
        stdout,
        stderr,
        took,
    }
}

fn pb(args: &[&str]) -> Out {
    pb_as(As::Me, HANG, args)
}

/// Words that show a message was written for a programmer, not an editor:
/// `{:?}` dumps, raw OS errors, parser internals.
fn assert_plain(message: &str) {
    for marker in [
        "Some(",
        "Err(",
        "Ok(",
        "Error {",
        "Kind(",
        "os error",
        "IO error for operation",
        "recursion limit",
        "panicked",
        "RUST_BACKTRACE",
        "\\n",
    ] {
        assert!(
            !message.contains(marker),
            "not plain English ({marker:?}): {message}"
        );
    }
}

/// `check HANDBOOK --format json`, parsed; every message checked for plain English.
fn report_as(who: As, handbook: &str) -> (i32, Value) {
    let r = pb_as(
        who,
        HANG,
        &["check", handbook, "--today", TODAY, "--format", "json"],
    );
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr:\n{}", r.stdout, r.stderr));
    for f in findings(&v) {
        assert_plain(f["message"].as_str().unwrap());
    }
    (r.code, v)
}

fn report(handbook: &str) -> (i32, Value) {
    report_as(As::Me, handbook)
}

/// `check HANDBOOK` in the text format.
fn text(handbook: &str) -> Out {
    pb(&["check", handbook, "--today", TODAY])
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings is a list")
}

/// The finding of `kind` at `file:line`; fails with every finding listed.
fn find<'a>(report: &'a Value, kind: &str, file: &str, line: u64) -> &'a Value {
    findings(report)
        .iter()
        .find(|f| f["kind"] == kind && f["file"] == file && f["line"] == line)
        .unwrap_or_else(|| {
            panic!(
                "no {kind} at {file}:{line}; found:\n{}",
                serde_json::to_string_pretty(&report["findings"]).unwrap()
            )
        })
}

fn message(f: &Value) -> &str {
    f["message"].as_str().unwrap()
}

/// Asserts that `haystack` contains every one of `needles`.
#[track_caller]
fn has_all(haystack: &str, needles: &[&str]) {
    for n in needles {
        assert!(haystack.contains(n), "{n:?} not in:\n{haystack}");
    }
}

/// `build HANDBOOK -o <temp>/site`, with a time limit.
fn build_within(limit: Duration, handbook: &str) -> (tempfile::TempDir, PathBuf, Out) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = pb_as(
        As::Me,
        limit,
        &[
            "build",
            handbook,
            "-o",
            out.to_str().unwrap(),
            "--today",
            TODAY,
        ],
    );
    (dir, out, r)
}

fn build_it(handbook: &str) -> (tempfile::TempDir, PathBuf, Out) {
    build_within(HANG, handbook)
}

/// Every file of a built site, with its bytes.
fn site_files(site: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(site).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn page(site: &Path, id: &str) -> String {
    let path = site.join("policies").join(format!("{id}.html"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A copy of a fixture in a temporary folder, for tests that change it
/// (the Unix permission tests).
#[cfg_attr(not(unix), allow(dead_code))]
fn temp_copy(case: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&bad(case)), &hb);
    (dir, hb)
}

/// A handbook made at test time: a `handbook.yaml` with a title and one
/// file (a policy, or `handbook.yaml` itself) with `text`.
fn temp_handbook(file: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    std::fs::create_dir_all(&hb).unwrap();
    std::fs::write(hb.join("handbook.yaml"), "title: Test\n").unwrap();
    std::fs::write(hb.join(file), text).unwrap();
    (dir, hb)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---------------------------------------------------------------------------
// Front-matter that cannot be read at all

#[test]
fn unclosed_front_matter() {
    let (code, r) = report(&bad("unclosed-front-matter"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 1);
    has_all(message(f), &["never closed", "add a line ---"]);
    let t = text(&bad("unclosed-front-matter"));
    has_all(
        &t.stdout,
        &["policy.md:1: the front-matter that starts on line 1 is never closed"],
    );
    // build writes no site when a policy cannot be parsed at all.
    let (_d, site, b) = build_it(&bad("unclosed-front-matter"));
    assert_eq!(b.code, 1);
    assert!(!site.exists(), "a site was written");
    has_all(&b.stderr, &["policy.md", "the site was not written"]);
}

#[test]
fn tabs_for_indentation() {
    let (code, r) = report(&bad("tab-indent"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 6);
    has_all(message(f), &["tab", "spaces"]);
}

#[test]
fn empty_file() {
    let (code, r) = report(&bad("empty-file"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "empty.md", 1);
    has_all(message(f), &["this file is empty", "front-matter"]);
    has_all(
        &text(&bad("empty-file")).stdout,
        &["empty.md:1: this file is empty"],
    );
}

#[test]
fn no_front_matter() {
    let (code, r) = report(&bad("no-front-matter"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 1);
    has_all(message(f), &["no front-matter", "---", "title:", "owner:"]);
    let (_d, site, b) = build_it(&bad("no-front-matter"));
    assert_eq!(b.code, 1);
    assert!(!site.exists(), "a site was written");
}

#[test]
fn front_matter_is_a_list() {
    let (code, r) = report(&bad("front-matter-list"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 2);
    has_all(message(f), &["key: value", "it is a list"]);
}

#[test]
fn empty_front_matter_asks_for_title_and_owner() {
    let (code, r) = report(&bad("empty-front-matter"));
    assert_eq!(code, 1);
    let msgs: Vec<&str> = findings(&r)
        .iter()
        .filter(|f| f["kind"] == "invalid_front_matter" && f["file"] == "policy.md")
        .map(message)
        .collect();
    assert!(
        msgs.iter().any(|m| m.starts_with("title is missing")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.starts_with("owner is missing")),
        "{msgs:?}"
    );
}

#[test]
fn alias_bomb_ends_quickly_with_a_clear_message() {
    let handbook = bad("alias-bomb");
    let r = pb_as(
        As::Me,
        Duration::from_secs(10),
        &["check", &handbook, "--today", TODAY, "--format", "json"],
    );
    assert_eq!(r.code, 1);
    assert!(r.took < Duration::from_secs(5), "took {:?}", r.took);
    let (_, rep) = report(&handbook);
    let f = findings(&rep)
        .iter()
        .find(|f| f["kind"] == "invalid_front_matter" && f["file"] == "policy.md")
        .expect("the bomb is reported");
    let line = f["line"].as_u64().unwrap();
    assert!((5..=13).contains(&line), "line {line} is not in the YAML");
    has_all(
        message(f),
        &["not valid YAML", "too large or too deeply nested"],
    );
    let (_d, site, b) = build_within(Duration::from_secs(10), &handbook);
    assert_eq!(b.code, 1);
    assert!(!site.exists());
}

#[test]
fn hundred_levels_of_nesting() {
    let (code, r) = report(&bad("deep-nesting"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 5);
    has_all(message(f), &["too deeply nested"]);
}

#[test]
fn hundred_thousand_levels_of_nesting_do_not_overflow_the_stack() {
    let deep = format!(
        "---\ntitle: Deep\nowner: Centre Manager\nreview_by: 2030-01-01\nnotes: {}x{}\n---\nBody.\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (_d, hb) = temp_handbook("policy.md", &deep);
    let (code, r) = report(s(&hb));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 5);
    // The same plain words as at 100 levels, not the parser's "recursion
    // limit exceeded".
    has_all(message(f), &["too deeply nested"]);
}

// ---------------------------------------------------------------------------
// Front-matter values

#[test]
fn wrong_types_title_list_owner_map_tags_number() {
    let (code, r) = report(&bad("wrong-types"));
    assert_eq!(code, 1);
    let title = find(&r, "invalid_front_matter", "policy.md", 2);
    has_all(
        message(title),
        &["title should be a single piece of text, but it is a list"],
    );
    let owner = find(&r, "invalid_front_matter", "policy.md", 4);
    has_all(
        message(owner),
        &["owner should be a single piece of text, but it is a set of keys"],
    );
    // `tags: 42` is read as the one tag "42", as `tags: email` is: no error.
    assert!(
        !findings(&r).iter().any(|f| f["key"] == "tags"),
        "{:#?}",
        r["findings"]
    );
    has_all(
        &text(&bad("wrong-types")).stdout,
        &[
            "policy.md:2: title should be",
            "policy.md:4: owner should be",
        ],
    );
}

#[test]
fn review_by_written_day_first() {
    let (code, r) = report(&bad("review-by-dmy"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 4);
    assert_eq!(
        message(f),
        "review_by \"31/05/2022\" is not a date (write it as 2022-05-31)"
    );
    has_all(
        &text(&bad("review-by-dmy")).stdout,
        &["policy.md:4: review_by \"31/05/2022\" is not a date (write it as 2022-05-31)"],
    );
}

#[test]
fn related_as_a_single_string_is_one_id() {
    let (code, r) = report(&bad("related-string"));
    // policy.md's `related: confidentiality` resolves; only typo.md is wrong.
    assert_eq!(code, 1);
    assert!(
        !findings(&r).iter().any(|f| f["file"] == "policy.md"),
        "{:#?}",
        r["findings"]
    );
    let f = find(&r, "broken_reference", "typo.md", 5);
    has_all(
        message(f),
        &["related: confidentality", "did you mean 'confidentiality'?"],
    );
    assert_eq!(f["suggestion"], "confidentiality");
    let (_d, site, b) = build_it(&bad("related-string"));
    assert_eq!(b.code, 0);
    has_all(
        &page(&site, "policy"),
        &["href=\"../policies/confidentiality.html\""],
    );
}

#[test]
fn duplicate_keys() {
    let (code, r) = report(&bad("duplicate-keys"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 5);
    has_all(message(f), &["title is written twice (lines 2 and 5)"]);
}

#[test]
fn impossible_dates() {
    let (code, r) = report(&bad("impossible-dates"));
    assert_eq!(code, 1);
    let approved = find(&r, "invalid_front_matter", "policy.md", 4);
    has_all(
        message(approved),
        &["approved \"2023-02-30\" is not a date (February 2023 has no day 30)"],
    );
    let reviewed = find(&r, "invalid_front_matter", "policy.md", 5);
    has_all(
        message(reviewed),
        &["last_reviewed \"2023-02-30\" is not a date"],
    );
    // The dates are wrong, not missing: no second finding says there is none.
    assert!(
        !findings(&r).iter().any(|f| f["kind"] == "no_review_date"),
        "{:#?}",
        r["findings"]
    );
}

#[test]
fn dates_written_in_words_get_the_date_to_write() {
    let (_d, hb) = temp_handbook(
        "p.md",
        "---\ntitle: P\nowner: O\napproved: 31 May 2022\nreview_by: May 31, 2027\n---\nText.\n",
    );
    let (code, r) = report(s(&hb));
    assert_eq!(code, 1);
    has_all(
        message(find(&r, "invalid_front_matter", "p.md", 4)),
        &["approved \"31 May 2022\" is not a date (write it as 2022-05-31)"],
    );
    has_all(
        message(find(&r, "invalid_front_matter", "p.md", 5)),
        &["(write it as 2027-05-31)"],
    );
    assert!(!findings(&r).iter().any(|f| f["kind"] == "no_review_date"));
    // --today says the same.
    let today = pb(&["check", s(&hb), "--today", "2026-02-30"]);
    assert_eq!(today.code, 2);
    has_all(&today.stderr, &["February 2026 has no day 30"]);
}

#[test]
fn a_typo_of_a_key_that_decides_the_review_or_links_is_an_error() {
    for (typo, meant) in [
        ("reveiw_by: 2022-05-31", "review_by"),
        ("Review-By: 2022-05-31", "review_by"),
        ("review_evry: 1 year", "review_every"),
        ("last_reviwed: 2022-05-31", "last_reviewed"),
        ("aproved: 2022-05-31", "approved"),
        ("realted: [a]", "related"),
        ("stauts: retired", "status"),
        ("ID: other", "id"),
    ] {
        let (_d, hb) = temp_handbook(
            "p.md",
            &format!("---\ntitle: P\nowner: O\n{typo}\ncolour: red\nowenr: x\n---\nText.\n"),
        );
        let (code, r) = report(s(&hb));
        assert_eq!(code, 1, "{typo}");
        let f = find(&r, "unknown_key", "p.md", 4);
        assert_eq!(f["severity"], "error", "{typo}");
        assert_eq!(f["suggestion"], meant, "{typo}");
        has_all(message(f), &[&format!("did you mean {meant}?")]);
        // Other unknown keys stay warnings, with or without a suggestion.
        assert_eq!(find(&r, "unknown_key", "p.md", 5)["severity"], "warning");
        let owner = find(&r, "unknown_key", "p.md", 6);
        assert_eq!(owner["severity"], "warning");
        assert_eq!(owner["suggestion"], "owner");
    }
}

#[test]
fn check_reports_what_build_would_refuse() {
    let (_d, hb) = temp_handbook(
        "handbook.yaml",
        "title: T\ntheme: nosuch\ndue_soon: 3\nsearch:\n  synonym: {}\n",
    );
    std::fs::write(
        hb.join("p.md"),
        "---\ntitle: P\nowner: O\nreview_by: 2030-01-01\n---\nText.\n",
    )
    .unwrap();
    let (code, r) = report(s(&hb));
    assert_eq!(code, 1);
    let theme = find(&r, "invalid_config", "handbook.yaml", 2);
    assert_eq!(theme["key"], "theme");
    has_all(message(theme), &["theme: nosuch", "no folder"]);
    let (_d2, _, b) = build_it(s(&hb));
    assert_eq!(b.code, 2, "{}", b.stderr);
    has_all(&b.stderr, &["theme: nosuch"]);
    // Settings get "did you mean" too.
    assert_eq!(
        find(&r, "unknown_key", "handbook.yaml", 3)["suggestion"],
        "due_soon_days"
    );
    has_all(
        message(find(&r, "unknown_key", "handbook.yaml", 5)),
        &["search.synonym is not a setting", "did you mean synonyms?"],
    );
    // A template that does not compile is reported by check too.
    std::fs::write(hb.join("handbook.yaml"), "title: T\n").unwrap();
    std::fs::create_dir_all(hb.join("themes/default/templates")).unwrap();
    std::fs::write(hb.join("themes/default/templates/policy.html"), "{% if %}").unwrap();
    let (code, r) = report(s(&hb));
    assert_eq!(code, 1);
    assert_eq!(
        find(&r, "invalid_config", "handbook.yaml", 1)["key"],
        "theme"
    );
}

#[test]
fn review_every_nonsense() {
    let (code, r) = report(&bad("review-every-nonsense"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 5);
    has_all(
        message(f),
        &["review_every \"soon\" is not a review cycle", "1 year"],
    );
}

#[test]
fn unknown_status() {
    let (code, r) = report(&bad("unknown-status"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 5);
    has_all(
        message(f),
        &["status \"live\" is not one of active, draft or retired"],
    );
}

#[test]
fn id_with_spaces_and_capitals() {
    let (code, r) = report(&bad("id-with-spaces"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 3);
    has_all(message(f), &["id \"My Policy\"", "write it as my-policy"]);
}

#[test]
fn owner_email_that_is_not_an_email() {
    let (code, r) = report(&bad("bad-email"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_front_matter", "policy.md", 4);
    has_all(
        message(f),
        &[
            "\"head at example dot org\" is not an email address",
            "name@example.org",
        ],
    );
}

#[test]
fn yaml_tags_are_text_and_never_read_files() {
    let (code, r) = report(&bad("yaml-tags"));
    assert_eq!(code, 0, "{:#?}", r["findings"]);
    let (_d, site, b) = build_it(&bad("yaml-tags"));
    assert_eq!(b.code, 0);
    for (name, bytes) in site_files(&site) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("root:x:0:0"),
            "{name} holds /etc/passwd"
        );
    }
}

#[test]
fn review_date_past_the_year_9999() {
    // 9999-12-01 + 1 year cannot be a date. Whatever is reported must not
    // tell the editor that last_reviewed is missing: it is on line 4.
    let (_, r) = report(&bad("date-overflow"));
    for f in findings(&r) {
        assert!(
            !message(f).contains("there is no last_reviewed"),
            "misleading: {}:{}: {}",
            f["file"],
            f["line"],
            message(f)
        );
    }
}

// ---------------------------------------------------------------------------
// Files that are not policies as expected

#[test]
fn binary_file_named_md() {
    let (code, r) = report(&bad("binary-file"));
    assert_eq!(code, 1);
    let f = findings(&r)
        .iter()
        .find(|f| f["file"] == "x.md")
        .expect("x.md is reported");
    assert_eq!(f["severity"], "error");
    has_all(message(f), &["not text", "UTF-8"]);
    has_all(&text(&bad("binary-file")).stdout, &["x.md", "not text"]);
    // Like a file without front-matter, a policy that cannot be read at all
    // must not be silently left out of a published site.
    let (_d, site, b) = build_it(&bad("binary-file"));
    assert_eq!(b.code, 1);
    assert!(
        !site.exists(),
        "build wrote a site without x.md:\n{}",
        b.stdout
    );
}

#[test]
fn file_level_problems_have_a_1_based_line() {
    // cli.md: "`line` is 1-based". A problem with a whole file is on line 1.
    for case in ["binary-file", "latin1-file"] {
        let (_, r) = report(&bad(case));
        for f in findings(&r) {
            assert!(f["line"].as_u64().unwrap() >= 1, "{case}: line 0 in {f}");
        }
    }
}

#[test]
fn latin1_file_is_read_with_a_warning() {
    let (code, r) = report(&bad("latin1-file"));
    assert_eq!(code, 0);
    let f = findings(&r)
        .iter()
        .find(|f| f["file"] == "policy.md")
        .expect("the encoding is noted");
    assert_eq!(f["severity"], "warning");
    has_all(message(f), &["UTF-8"]);
    let (_d, site, b) = build_it(&bad("latin1-file"));
    assert_eq!(b.code, 0);
    has_all(&page(&site, "policy"), &["en été."]);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    let (_d, hb) = temp_copy("unreadable-file");
    let locked = hb.join("locked.md");
    chmod(&locked, 0o000);
    let Some(who) = runner_for_unreadable(&hb, &locked) else {
        return;
    };
    let (code, r) = report_as(who, s(&hb));
    chmod(&locked, 0o644);
    assert_eq!(code, 1);
    let f = findings(&r)
        .iter()
        .find(|f| f["file"] == "locked.md")
        .expect("locked.md is reported");
    has_all(message(f), &["could not be read", "permission denied"]);
    // The readable policy is still checked; both files are counted.
    assert_eq!(r["policies"], 2);
}

#[cfg(unix)]
#[test]
fn unreadable_folder() {
    let (_d, hb) = temp_copy("unreadable-file");
    std::fs::create_dir(hb.join("sub")).unwrap();
    std::fs::copy(hb.join("ok.md"), hb.join("sub/inner.md")).unwrap();
    chmod(&hb.join("sub"), 0o000);
    let Some(who) = runner_for_unreadable(&hb, &hb.join("sub")) else {
        return;
    };
    // report_as checks the wording is plain (no "IO error for operation",
    // no "os error 13").
    let result = std::panic::catch_unwind(|| report_as(who, s(&hb)));
    chmod(&hb.join("sub"), 0o755);
    let (_, r) = result.unwrap_or_else(|e| std::panic::resume_unwind(e));
    let f = findings(&r)
        .iter()
        .find(|f| f["file"] == "sub")
        .expect("sub is reported");
    has_all(message(f), &["permission denied"]);
    assert!(
        !message(f).contains(s(&hb)),
        "the message repeats the absolute path: {}",
        message(f)
    );
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
/// How to run policybook so that `locked` really is unreadable. Root can
/// read a chmod 000 file, so as root the run goes through `setpriv` as
/// `nobody` when that works; when it does not, `None` (the test is
/// skipped, with a note, since the situation cannot be made).
fn runner_for_unreadable(hb: &Path, locked: &Path) -> Option<As> {
    let readable = if locked.is_dir() {
        std::fs::read_dir(locked).is_ok()
    } else {
        std::fs::read(locked).is_ok()
    };
    if !readable {
        return Some(As::Me);
    }
    // We are root. `nobody` needs to reach the handbook: open up the
    // temporary folders above it (they are ours and short-lived).
    let mut dir = hb.to_path_buf();
    while dir.starts_with(std::env::temp_dir()) && dir != std::env::temp_dir() {
        chmod(&dir, 0o755);
        dir.pop();
    }
    let probe = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_policybook"))
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if probe.is_ok_and(|s| s.success()) {
        Some(As::Nobody)
    } else {
        // In CI the test must run: a pass that tested nothing is a defect.
        assert!(
            std::env::var_os("CI").is_none(),
            "running as root, where chmod 000 does not stop reading, and setpriv (util-linux) cannot run as nobody: install it so that this test tests something"
        );
        eprintln!(
            "SKIPPED: running as root, where chmod 000 does not stop reading, and setpriv is not available"
        );
        None
    }
}

#[cfg(unix)]
#[test]
fn init_into_a_folder_it_may_not_write_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    chmod(&locked, 0o555);
    let target = locked.join("hb");
    let probe = locked.join("probe");
    let who = if std::fs::write(&probe, "").is_err() {
        Some(As::Me)
    } else {
        let _ = std::fs::remove_file(&probe);
        runner_for_unreadable(dir.path(), &locked)
    };
    let Some(who) = who else { return };
    let r = pb_as(who, HANG, &["init", s(&target)]);
    chmod(&locked, 0o755);
    assert_eq!(r.code, 2, "{}", r.stderr);
    has_all(&r.stderr, &["could not", "permission denied"]);
    assert_plain(&r.stderr);
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_handbook_are_skipped_and_not_published() {
    let (_d, hb) = temp_handbook(
        "ok.md",
        &format!("{CLEAN_FM}See [the leak](leak.md) and ![pic](assets/leak.png).\n"),
    );
    std::fs::create_dir(hb.join("assets")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", hb.join("leak.md")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", hb.join("assets/leak.png")).unwrap();
    std::os::unix::fs::symlink("/etc", hb.join("etc")).unwrap();
    let (code, r) = report(s(&hb));
    assert_eq!(code, 1);
    for file in ["leak.md", "assets/leak.png", "etc"] {
        let f = findings(&r)
            .iter()
            .find(|f| f["file"] == file)
            .unwrap_or_else(|| panic!("{file} is not reported: {:#?}", r["findings"]));
        has_all(message(f), &["outside the handbook", "skipped"]);
    }
    find(&r, "broken_reference", "ok.md", 6);
    let (_d2, site, b) = build_it(s(&hb));
    assert_eq!(b.code, 0);
    for (name, bytes) in site_files(&site) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("root:x:0:0"),
            "{name} holds /etc/passwd"
        );
    }
}

#[test]
fn newline_in_a_file_name_cannot_forge_annotations() {
    let (_d, hb) = temp_handbook(
        "evil\n::error file=x::injected.md",
        "---\ntitle: T\nowner: O\nreview_by: 2030-01-01\n---\n[[nowhere]]\n",
    );
    // JSON stays valid (report() parses it).
    let (code, r) = report(s(&hb));
    assert_eq!(code, 1);
    assert_eq!(findings(&r).len(), 1);
    let g = pb(&["check", s(&hb), "--today", TODAY, "--format", "github"]);
    for line in g.stdout.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("policybook:"),
            "forged or broken line: {line}"
        );
    }
}

#[test]
fn file_name_with_spaces_and_accents() {
    let handbook = bad("unicode-filename");
    let (code, r) = report(&handbook);
    // index-links.md links to it by the slugified id, by the file name
    // percent-encoded, and by the raw file name with a unicode anchor.
    assert_eq!(code, 0, "{:#?}", r["findings"]);
    assert_eq!(r["policies"], 2);
    let (_d, site, b) = build_it(&handbook);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    let html = page(&site, "politique-d-ete-2024");
    has_all(&html, &["<h1>Politique d&#39;été 2024</h1>"]);
    let links = page(&site, "index-links");
    // In the body (the relationship map after it links there too).
    let body = links.split("<section class=\"policy-map").next().unwrap();
    assert!(links.contains("<section class=\"policy-map"));
    assert_eq!(
        body.matches("href=\"../policies/politique-d-ete-2024.html")
            .count(),
        3,
        "{links}"
    );
}

// ---------------------------------------------------------------------------
// handbook.yaml

#[test]
fn empty_handbook_yaml_uses_the_defaults() {
    let (code, r) = report(&bad("empty-handbook-yaml"));
    assert_eq!(code, 0);
    assert!(findings(&r).is_empty(), "{:#?}", r["findings"]);
    let (_d, site, b) = build_it(&bad("empty-handbook-yaml"));
    assert_eq!(b.code, 0);
    has_all(
        &std::fs::read_to_string(site.join("index.html")).unwrap(),
        &["Policy Handbook"],
    );
}

#[test]
fn unknown_handbook_yaml_keys_are_warnings() {
    let handbook = bad("unknown-config-key");
    let (code, r) = report(&handbook);
    assert_eq!(code, 0);
    let typo = find(&r, "unknown_key", "handbook.yaml", 2);
    assert_eq!(typo["severity"], "warning");
    has_all(
        message(typo),
        &["due_son_days", "did you mean due_soon_days?"],
    );
    let other = find(&r, "unknown_key", "handbook.yaml", 3);
    has_all(message(other), &["colour_scheme"]);
    has_all(
        &text(&handbook).stdout,
        &[
            "handbook.yaml:2: due_son_days is not a setting policybook knows; did you mean due_soon_days?",
        ],
    );
    let strict = pb(&["check", &handbook, "--today", TODAY, "--strict"]);
    assert_eq!(strict.code, 1);
}

#[test]
fn handbook_yaml_that_is_not_yaml() {
    let (code, r) = report(&bad("invalid-handbook-yaml"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_config", "handbook.yaml", 1);
    has_all(
        message(f),
        &["a quote is opened but never closed", "defaults are used"],
    );
}

#[test]
fn handbook_yaml_that_is_a_list() {
    let (code, r) = report(&bad("handbook-yaml-list"));
    assert_eq!(code, 1);
    let f = find(&r, "invalid_config", "handbook.yaml", 1);
    let m = message(f);
    has_all(m, &["it is a list"]);
    // It must not ask for "a list of settings" and then object to a list.
    assert!(!m.contains("should be a list"), "contradicts itself: {m}");
}

#[test]
fn missing_handbook_folder() {
    let missing = bad("no-such-handbook");
    let c = pb(&["check", &missing, "--today", TODAY]);
    assert_eq!(c.code, 2);
    has_all(
        &c.stderr,
        &[
            "cannot open the handbook folder",
            "no-such-handbook",
            "it does not exist",
        ],
    );
    assert_plain(&c.stderr);
    let j = pb(&["check", &missing, "--today", TODAY, "--format", "json"]);
    assert_eq!(j.code, 2);
    let (_d, site, b) = build_it(&missing);
    assert_eq!(b.code, 2);
    has_all(&b.stderr, &["it does not exist"]);
    assert!(!site.exists());
}

// ---------------------------------------------------------------------------
// References and what reaches the built page

#[test]
fn duplicate_ids_name_both_files() {
    let (code, r) = report(&bad("duplicate-ids"));
    assert_eq!(code, 1);
    let f = findings(&r)
        .iter()
        .find(|f| f["kind"] == "duplicate_id")
        .expect("a duplicate_id finding");
    let both = format!("{} {}", f["file"], message(f));
    has_all(
        &both,
        &["hr/conduct.md", "safeguarding/conduct.md", "\"conduct\""],
    );
    has_all(
        &text(&bad("duplicate-ids")).stdout,
        &["safeguarding/conduct.md:1: the id \"conduct\" is already used by hr/conduct.md"],
    );
}

#[test]
fn wiki_link_near_miss() {
    let (code, r) = report(&bad("wiki-near-miss"));
    assert_eq!(code, 1);
    let f = find(&r, "broken_reference", "safeguarding/photos.md", 7);
    assert_eq!(
        message(f),
        "[[confidentality]] does not match any policy; did you mean 'confidentiality'?"
    );
    assert_eq!(f["target"], "confidentality");
    assert_eq!(f["suggestion"], "confidentiality");
}

#[test]
fn empty_wiki_links_are_not_silent_dead_links() {
    let handbook = bad("empty-wiki-links");
    let (_, r) = report(&handbook);
    let (_d, site, b) = build_it(&handbook);
    assert!(b.code <= 1);
    let html = page(&site, "policy");
    // `[[ ]]` and `[[#]]` name no policy: either leave them as text, as
    // `[[]]` is, or report them. A link to nowhere nobody was told about is
    // neither.
    let reported = findings(&r)
        .iter()
        .any(|f| f["file"] == "policy.md" && f["line"] == 6);
    assert!(
        reported || !html.contains("<a href=\"#\"> </a>"),
        "[[ ]] became an empty link and was not reported"
    );
    has_all(&html, &["[[confidentiality and"]);
}

#[test]
fn relative_link_out_of_the_handbook() {
    let handbook = bad("path-traversal-link");
    let (code, r) = report(&handbook);
    assert_eq!(code, 1);
    let link = find(&r, "broken_reference", "policy.md", 6);
    has_all(
        message(link),
        &["../../../../etc/passwd", "outside the handbook"],
    );
    let image = find(&r, "broken_reference", "policy.md", 8);
    has_all(message(image), &["outside the handbook"]);
    let (_d, site, b) = build_it(&handbook);
    assert_eq!(b.code, 0);
    for (name, bytes) in site_files(&site) {
        assert!(!name.contains("passwd"), "{name} was written");
        assert!(
            !String::from_utf8_lossy(&bytes).contains("root:x:0:0"),
            "{name} holds /etc/passwd"
        );
    }
    let html = page(&site, "policy");
    assert!(!html.contains("href=\"../../../../etc/passwd\""));
    assert!(!html.contains("src=\"../../../../etc/passwd\""));
}

#[test]
fn javascript_link_is_removed_and_reported() {
    let handbook = bad("javascript-link");
    let (_, r) = report(&handbook);
    let f = findings(&r)
        .iter()
        .find(|f| f["file"] == "policy.md" && f["line"] == 8)
        .expect("the javascript: link is reported on line 8");
    has_all(message(f), &["javascript:", "not a safe link", "removed"]);
    let (_d, site, b) = build_it(&handbook);
    assert!(b.code <= 1);
    let html = page(&site, "policy").to_lowercase();
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(html.contains("click me"));
}

#[test]
fn raw_script_is_not_live_in_the_page() {
    let handbook = bad("raw-script");
    let (_d, site, b) = build_it(&handbook);
    assert!(b.code <= 1);
    let html = page(&site, "policy").to_lowercase();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("onerror="), "{html}");
    // The theme's own script tags are all that is left.
    for tag in html.match_indices("<script").map(|(i, _)| &html[i..]) {
        assert!(
            tag.starts_with("<script src=\"../static/search")
                || tag.starts_with("<script src=\"../static/status.js\">")
                || tag.starts_with("<script src=\"../static/page.js\">"),
            "{tag:.80}"
        );
    }
    assert!(html.contains("hello."));
    // And the editor is told what was taken out, and where.
    let (_, r) = report(&handbook);
    let removed: Vec<_> = findings(&r)
        .iter()
        .filter(|f| f["kind"] == "unsafe_html")
        .collect();
    assert_eq!(removed.len(), 2, "{removed:?}");
    has_all(
        message(removed[0]),
        &["script", "removed from the page", "allow_raw_html"],
    );
}

// ---------------------------------------------------------------------------
// Size

#[test]
fn two_megabyte_policy_builds() {
    let body = "word ".repeat(420_000);
    let (_d, hb) = temp_handbook("big.md", &format!("{CLEAN_FM}{body}\n"));
    let (_o, site, b) = build_within(Duration::from_secs(10), s(&hb));
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(b.took < Duration::from_secs(5), "took {:?}", b.took);
    assert!(page(&site, "big").len() > 2_000_000);
}

#[test]
fn ten_thousand_headings_build_with_unique_anchors() {
    // 5,000 headings, each twice: the second gets `-1`.
    let mut body = String::new();
    for i in 0..5_000 {
        body.push_str(&format!(
            "## Section {i}\n\ntext\n\n## Section {i}\n\nmore\n\n"
        ));
    }
    let (_d, hb) = temp_handbook("heads.md", &format!("{CLEAN_FM}{body}"));
    let (_o, site, b) = build_within(Duration::from_secs(10), s(&hb));
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(b.took < Duration::from_secs(5), "took {:?}", b.took);
    let html = page(&site, "heads");
    // The policy's own headings, not the page's.
    let body = html.split("<div class=\"body\">").nth(1).unwrap();
    let body = body.split("<section class=\"").next().unwrap();
    let ids: Vec<&str> = body
        .match_indices("<h2 id=\"")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(ids.len(), 10_000);
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), 10_000);
    assert!(ids.contains(&"section-4999-1"));
}

#[test]
fn ten_thousand_identical_headings_build_quickly() {
    // "## Scope" 10,000 times: scope, scope-1, ..., scope-9999. Finding each
    // next free number must not start again from 1 every time.
    let body = "## Scope\n\ntext\n\n".repeat(10_000);
    let (_d, hb) = temp_handbook("heads.md", &format!("{CLEAN_FM}{body}"));
    let (_o, site, b) = build_within(Duration::from_secs(5), s(&hb));
    assert_eq!(b.code, 0, "{}", b.stderr);
    let html = page(&site, "heads");
    assert!(html.contains("<h2 id=\"scope-9999\""));
}

#[test]
fn twenty_megabyte_policy_and_deep_nesting_build_in_bounded_time() {
    let head = "---\ntitle: Huge\nowner: Someone\nreview_by: 2030-01-01\n---\n";
    // 20 MB of ordinary prose in paragraphs.
    let para =
        "Staff must read this policy and follow it every day without fail. ".repeat(15) + "\n\n";
    let big = format!("{head}{}", para.repeat(20 * 1024 * 1024 / para.len()));
    let (_d, hb) = temp_handbook("huge.md", &big);
    let (_o, site, r) = build_within(Duration::from_secs(120), s(&hb));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(page(&site, "huge").contains("<h1>Huge</h1>"));
    // 5,000 levels of block quotes, and of nested lists.
    let quotes = format!("{head}{} deep\n", ">".repeat(5000));
    let lists: String = (0..5000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    for (name, text) in [
        ("quotes.md", quotes),
        ("lists.md", format!("{head}{lists}")),
    ] {
        let (_d, hb) = temp_handbook(name, &text);
        let (_o, site, r) = build_within(Duration::from_secs(60), s(&hb));
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(
            site.join("policies")
                .join(name.replace(".md", ".html"))
                .is_file(),
            "{name}"
        );
    }
}
