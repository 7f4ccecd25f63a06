//! The generator from the outside: the same options write the same files,
//! each flavor writes its layout, `expected.json` says what the files
//! hold, and the binary turns bad arguments into a message and status 2.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use gen_handbook::{Expected, Flavor, Options, generate};

const FLAVORS: [Flavor; 4] = [
    Flavor::Policybook,
    Flavor::Hugo,
    Flavor::Zola,
    Flavor::Mdbook,
];

/// Every file under `root`: path (with `/`) to bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn make(opts: &Options) -> (tempfile::TempDir, Expected, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let expected = generate(&out, opts).unwrap();
    let files = files(&out);
    (dir, expected, files)
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn the_same_options_write_the_same_files_and_another_seed_does_not() {
    for flavor in FLAVORS {
        let opts = Options {
            flavor,
            words: 300,
            ..Options::new(150)
        };
        let (_a, _, first) = make(&opts);
        let (_b, _, second) = make(&opts);
        assert!(first == second, "{flavor:?}: two runs differ");
        let (_c, _, other) = make(&Options { seed: 2, ..opts });
        assert!(first != other, "{flavor:?}: seed 2 is seed 1");
    }
}

#[test]
fn expected_json_is_what_generate_returns_and_counts_match_the_files() {
    let (_dir, expected, files) = make(&Options::new(1000));
    let written: Expected = serde_json::from_slice(&files["expected.json"]).unwrap();
    assert_eq!(written, expected);
    let s = &expected.summary;
    assert_eq!(
        (s.policies, s.active, s.drafts, s.retired),
        (1000, 950, 30, 20)
    );
    assert_eq!((s.overdue, s.due_soon, s.broken_refs), (50, 30, 10));
    assert_eq!(s.broken_reference + s.broken_anchor, 10);
    assert_eq!(s.today, "2026-11-23");
    let policies: Vec<&String> = files
        .keys()
        .filter(|k| k.ends_with(".md") && !k.starts_with('_'))
        .collect();
    assert_eq!(policies.len(), 1000);
    let bytes: usize = policies.iter().map(|k| files[*k].len()).sum();
    assert_eq!(bytes as u64, s.total_bytes);
    // About 900 words of prose each (front-matter and markup included).
    let words: usize = policies
        .iter()
        .map(|k| {
            String::from_utf8_lossy(&files[*k])
                .split_whitespace()
                .count()
        })
        .sum();
    assert!((850_000..1_100_000).contains(&words), "{words} words");
    let d = &expected.details;
    assert!(d.overdue.iter().any(|o| o.review_by == "2026-11-22"));
    assert!(d.due_soon.iter().any(|o| o.review_by == "2026-11-23"));
    assert!(d.due_soon.iter().any(|o| o.review_by == "2026-12-23"));
    for b in &d.broken_refs {
        let line = text(&files, &b.file)
            .lines()
            .nth(b.line - 1)
            .unwrap()
            .to_string();
        assert!(
            line.contains(&b.reference),
            "{b:?} is not on its line: {line}"
        );
        let near_miss =
            b.planted_as.ends_with("missing_id") || b.planted_as == "relative_missing_file";
        assert_eq!(b.did_you_mean.is_some(), near_miss, "{b:?}");
    }
    let kinds: std::collections::BTreeSet<&str> = d
        .broken_refs
        .iter()
        .map(|b| b.planted_as.as_str())
        .collect();
    assert_eq!(kinds.len(), 7, "{kinds:?}");
}

#[test]
fn the_policybook_flavor_writes_a_handbook_with_only_allowed_keys() {
    let (_dir, expected, files) = make(&Options::new(400));
    let config = text(&files, "handbook.yaml");
    assert!(config.contains("extra_keys: [funding_body]\n"), "{config}");
    assert!(config.contains("due_soon_days: 30\n"));
    assert!(text(&files, "_template.md").starts_with("---\ntitle: "));
    let pdfs = files
        .keys()
        .filter(|k| k.starts_with("assets/forms/") && k.ends_with(".pdf"));
    assert_eq!(pdfs.count(), 8);
    assert!(files.contains_key("assets/images/logo.svg"));
    let standard = [
        "title",
        "id",
        "owner",
        "owner_email",
        "approved_by",
        "approved",
        "last_reviewed",
        "review_every",
        "review_by",
        "category",
        "tags",
        "related",
        "status",
        "version",
        "funding_body",
    ];
    let mut funded = 0;
    let mut top_folders = std::collections::BTreeSet::new();
    for (path, bytes) in &files {
        if !path.ends_with(".md") || path.starts_with('_') {
            continue;
        }
        top_folders.insert(path.split('/').next().unwrap().to_string());
        let text = std::str::from_utf8(bytes).unwrap();
        let (front, body) = text[4..].split_once("\n---\n").unwrap();
        for line in front.lines().filter(|l| !l.starts_with("  - ")) {
            let key = line.split(':').next().unwrap();
            assert!(standard.contains(&key), "{path}: key {key}");
            funded += usize::from(key == "funding_body");
        }
        for heading in body.lines().filter(|l| l.starts_with('#')) {
            let words = heading.trim_start_matches('#');
            assert!(
                words.starts_with(' ')
                    && words.chars().all(|c| c.is_ascii_alphabetic() || c == ' '),
                "{path}: heading {heading}"
            );
        }
    }
    assert_eq!(top_folders.len(), 12, "{top_folders:?}");
    assert!(funded > 0, "no policy has funding_body");
    // Drafts and retired policies are said to be so.
    for id in &expected.details.drafts {
        let path = files
            .keys()
            .find(|k| k.ends_with(&format!("/{id}.md")))
            .unwrap();
        assert!(text(&files, path).contains("\nstatus: draft\n"), "{path}");
    }
}

#[test]
fn each_flavor_writes_its_layout_with_the_same_counts() {
    let base = make(&Options::new(300)).1.summary;
    for (flavor, root, wanted) in [
        (
            Flavor::Hugo,
            "content/",
            &[
                "config.toml",
                "layouts/_default/baseof.html",
                "layouts/_default/single.html",
                "layouts/_default/list.html",
                "layouts/_default/_markup/render-link.html",
                "content/_index.md",
                "content/finance/_index.md",
                "static/assets/forms/incident-form.pdf",
                "static/assets/images/logo.svg",
                "static/style.css",
            ][..],
        ),
        (
            Flavor::Zola,
            "content/",
            &[
                "config.toml",
                "templates/base.html",
                "templates/page.html",
                "templates/section.html",
                "templates/index.html",
                "content/_index.md",
                "content/finance/_index.md",
                "static/assets/forms/incident-form.pdf",
            ][..],
        ),
        (
            Flavor::Mdbook,
            "src/",
            &[
                "book.toml",
                "src/SUMMARY.md",
                "src/README.md",
                "src/finance/README.md",
                "src/assets/forms/incident-form.pdf",
                "src/assets/images/logo.svg",
            ][..],
        ),
    ] {
        let (_dir, expected, files) = make(&Options {
            flavor,
            ..Options::new(300)
        });
        for path in wanted {
            assert!(files.contains_key(*path), "{flavor:?}: no {path}");
        }
        assert!(!files.contains_key("handbook.yaml"));
        let s = &expected.summary;
        assert_eq!(
            (s.policies, s.overdue, s.due_soon, s.broken_refs, &s.links),
            (
                base.policies,
                base.overdue,
                base.due_soon,
                base.broken_refs,
                &base.links
            ),
            "{flavor:?}"
        );
        for b in &expected.details.broken_refs {
            assert!(b.file.starts_with(root), "{b:?}");
            assert!(
                !b.reference.contains("[["),
                "{flavor:?} has no wiki links: {b:?}"
            );
        }
        let policies = files.keys().filter(|k| {
            k.starts_with(root)
                && k.ends_with(".md")
                && !k.ends_with("_index.md")
                && !k.ends_with("README.md")
                && !k.ends_with("SUMMARY.md")
        });
        assert_eq!(policies.count(), 300, "{flavor:?}");
        match flavor {
            Flavor::Zola => {
                let sub = files
                    .keys()
                    .find(|k| k.matches('/').count() == 3 && k.ends_with("/_index.md"))
                    .expect("a sub-folder section");
                assert!(text(&files, sub).contains("transparent = true"));
                assert!(text(&files, "config.toml").contains("internal_level = \"warn\""));
            }
            Flavor::Mdbook => {
                let summary = text(&files, "src/SUMMARY.md");
                let listed = summary.lines().filter(|l| l.starts_with("  - [")).count();
                assert_eq!(listed, 300 - s.drafts, "drafts are left out of SUMMARY.md");
            }
            _ => {}
        }
    }
}

/// Builds the Hugo flavor when `hugo` is on PATH (it is not needed
/// otherwise): the build succeeds and warns about each missing page.
#[test]
fn hugo_builds_the_hugo_flavor_if_it_is_installed() {
    if Command::new("hugo").arg("version").output().is_err() {
        eprintln!("hugo is not on PATH: not built");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let expected = generate(
        &src,
        &Options {
            flavor: Flavor::Hugo,
            words: 200,
            ..Options::new(200)
        },
    )
    .unwrap();
    let out = Command::new("hugo")
        .arg("-s")
        .arg(&src)
        .arg("-d")
        .arg(dir.path().join("site"))
        .output()
        .unwrap();
    let log =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{log}");
    let missing_pages = expected
        .details
        .broken_refs
        .iter()
        .filter(|b| b.planted_as.ends_with("missing_id") || b.planted_as == "relative_missing_file")
        .count();
    assert_eq!(
        log.matches("no page for the link").count(),
        missing_pages,
        "{log}"
    );
    assert!(!log.contains("ERROR"), "{log}");
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gen-handbook"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_binary_prints_the_summary_and_refuses_bad_arguments_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hb");
    let out_s = out.to_str().unwrap();
    let (code, stdout, stderr) =
        run(&[out_s, "--policies", "20", "--seed", "3", "--flavor", "zola"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 1);
    let summary: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["policies"], 20);
    assert_eq!(summary["flavor"], "zola");
    assert!(summary.get("details").is_none());
    let (code, _, stderr) = run(&[out_s, "--policies", "20"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not an empty folder"), "{stderr}");
    let file = dir.path().join("hb/config.toml");
    let (code, _, _) = run(&[file.to_str().unwrap(), "--policies", "5"]);
    assert_eq!(code, 2, "a file is not a folder");
    let fresh = dir.path().join("fresh");
    let fresh = fresh.to_str().unwrap();
    for bad in [
        &[fresh, "--policies", "0"][..],
        &[fresh, "--policies", "ten"],
        &[fresh],
        &[fresh, "--policies", "5", "--flavor", "jekyll"],
        &[fresh, "--policies", "5", "--today", "23/11/2026"],
        &[fresh, "--policies", "5", "--today", "0001-01-01"],
        &[fresh, "--policies", "5", "--words", "10"],
        &[fresh, "--policies", "99999999999"],
        &[fresh, "--policies", "5", "--seed", "-1"],
    ] {
        let (code, stdout, stderr) = run(bad);
        assert_eq!(code, 2, "{bad:?}: {stdout}{stderr}");
        assert!(!stderr.contains("panicked"), "{bad:?}: {stderr}");
    }
    assert!(
        !Path::new(fresh).exists(),
        "nothing written for bad arguments"
    );
}
