//! The security issue's attacks, each reproduced against the real binary:
//! what one careless or hostile editor can put in a handbook must not run
//! script on the intranet, forge CI output, publish secrets or crash a
//! build. See docs/security.md for the threat model.

mod common;
use common::*;

/// A policy with nothing wrong with it.
const FINE: &str = "---\ntitle: Fine\nowner: O\nreview_by: 2030-01-01\n---\nText.\n";

#[test]
fn a_javascript_edit_url_is_an_error_and_never_reaches_a_page() {
    for url in [
        "javascript:alert(document.cookie)",
        "JAVASCRIPT:alert(1)",
        "\"java\\tscript:alert(1)\"",
        "data:text/html,<script>alert(1)</script>",
    ] {
        let yaml = format!("title: T\nedit_url: {url}\n");
        let (_dir, hb) = handbook_of(&[("handbook.yaml", &yaml), ("fine.md", FINE)]);
        let (code, report) = check_json(hb.to_str().unwrap());
        assert_eq!(code, 1, "{url}");
        let f = first_where(&report, "kind", "invalid_config");
        assert_eq!(f["file"], "handbook.yaml");
        assert_eq!(f["line"], 2);
        assert_eq!(f["key"], "edit_url");
        let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
        let page = std::fs::read_to_string(site.join("policies/fine.html")).unwrap();
        assert!(!page.to_lowercase().contains("script:"), "{url}");
        assert!(!page.contains("data:text"), "{url}");
        assert!(!page.contains("Edit this page"), "{url}");
    }
    // An https one still works.
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\nedit_url: https://git.example.org/edit/{path}\n",
        ),
        ("fine.md", FINE),
    ]);
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(site.join("policies/fine.html")).unwrap();
    assert!(page.contains("href=\"https://git.example.org/edit/fine.md\""));
}

#[test]
fn file_names_and_values_cannot_write_control_sequences_to_a_terminal_or_ci_log() {
    let evil_title = "Evil \u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2K\u{9b}1A title";
    let policy = format!(
        "---\ntitle: \"{}\"\nowner: O\nreview_by: 2020-01-01\nreveiw_by: x\n---\n[[nowhere\u{1b}[31m]]\n",
        evil_title
            .replace('\u{1b}', "\\e")
            .replace('\u{7}', "\\a")
            .replace('\u{9b}', "\\x9b")
    );
    let (_dir, hb) = handbook_of(&[
        (
            "evil\n::error file=x::forged\n::stop-commands::t.md",
            &policy,
        ),
        ("hr/a\u{1b}[2Jb.md", &policy),
    ]);
    let hb = hb.to_str().unwrap();
    let text = run(&["check", hb, "--today", TODAY]);
    let github = run(&["check", hb, "--today", TODAY, "--format", "github"]);
    let junit = run(&["check", hb, "--today", TODAY, "--format", "junit"]);
    let (_out, _site, built) = build(hb, &[]);
    let (_out, _site, built_check) = build(hb, &["--check"]);
    for (what, out) in [
        ("check", &text.stdout),
        ("github", &github.stdout),
        ("junit", &junit.stdout),
        ("build stdout", &built.stdout),
        ("build stderr", &built.stderr),
        ("build --check stderr", &built_check.stderr),
    ] {
        assert!(!out.is_empty(), "{what} printed nothing");
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\r'] {
            assert!(!out.contains(bad), "{what} holds {bad:?}:\n{out}");
        }
        for line in out.lines() {
            if what != "github" {
                assert!(!line.starts_with("::"), "{what}: forged line {line}");
            }
        }
    }
    // GitHub commands: every line is one of ours.
    for line in github.stdout.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("policybook:"),
            "forged: {line}"
        );
    }
    // What was escaped is still there to read.
    assert!(
        text.stdout.contains("evil\\n::error file=x::forged"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("[[nowhere\\u{1b}[31m]]"),
        "{}",
        text.stdout
    );
}

#[test]
fn raw_html_cannot_cover_the_page_but_table_alignment_stays() {
    let policy = "---\ntitle: Redress\nowner: O\nreview_by: 2030-01-01\n---\n<table><tr><td style=\"position:fixed;inset:0;z-index:9999;background:white\">Log in again</td><th style=\"text-align: right; position: absolute\">x</th></tr></table>\n\n| a | b |\n| :-: | --: |\n| 1 | 2 |\n";
    let (_dir, hb) = handbook_of(&[("redress.md", policy)]);
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(site.join("policies/redress.html")).unwrap();
    let body = page.split("Log in again").next().unwrap();
    assert!(!page.contains("position"), "{page}");
    assert!(!page.contains("inset"), "{page}");
    assert!(!page.contains("z-index"), "{page}");
    assert!(
        body.contains("<td>") || body.contains("<td style=\"\">"),
        "{body}"
    );
    // Markdown table alignment survives the sanitizer.
    assert!(
        page.contains("text-align: center") || page.contains("text-align:center"),
        "{page}"
    );
    assert!(
        page.contains("text-align: right") || page.contains("text-align:right"),
        "{page}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_reported_as_what_it_is() {
    use std::os::unix::ffi::OsStrExt;
    let (_dir, hb) = handbook_of(&[("fine.md", FINE)]);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(hb.join(name), FINE).unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let f = first_where(&report, "kind", "unreadable_file");
    assert_eq!(f["file"], "caf\u{fffd}.md");
    let m = f["message"].as_str().unwrap();
    assert!(m.contains("is not UTF-8") && m.contains("rename it"), "{m}");
    assert!(!m.contains("does not exist"), "{m}");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_handbook_or_to_hidden_files_are_never_followed() {
    use std::os::unix::fs::symlink;
    let (dir, hb) = handbook_of(&[("fine.md", FINE), ("assets/ok.txt", "ok")]);
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(outside.join("static")).unwrap();
    std::fs::write(outside.join("settings.yaml"), "title: Leaked Settings\n").unwrap();
    std::fs::write(outside.join("static/secret.txt"), "SECRET-OUTSIDE").unwrap();
    std::fs::create_dir_all(hb.join(".git")).unwrap();
    std::fs::write(hb.join(".git/config"), "token = SECRET-GIT").unwrap();
    std::fs::write(hb.join(".env"), "PASSWORD=SECRET-ENV").unwrap();
    symlink("../.git/config", hb.join("assets/config")).unwrap();
    symlink("../.env", hb.join("assets/env")).unwrap();
    symlink(
        outside.join("static/secret.txt"),
        hb.join("assets/secret.txt"),
    )
    .unwrap();
    symlink("ok.txt", hb.join("assets/also-ok.txt")).unwrap();
    std::fs::create_dir_all(hb.join("themes/default/static")).unwrap();
    std::fs::write(hb.join("themes/default/static/.env"), "SECRET-THEME-ENV").unwrap();
    symlink(
        outside.join("static/secret.txt"),
        hb.join("themes/default/static/linked.txt"),
    )
    .unwrap();
    let published = |site: &std::path::Path| -> String {
        walkdir::WalkDir::new(site)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned())
            .collect()
    };
    let (code, report) = check_json(hb.to_str().unwrap());
    let skipped: Vec<&str> = values_where(&report, "kind", "unreadable_file", "file");
    assert_eq!(
        skipped,
        ["assets/config", "assets/env", "assets/secret.txt"],
        "{report:#}"
    );
    assert_eq!(code, 0, "{report:#}");
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let all = published(&site);
    assert!(!all.contains("SECRET"), "a secret was published");
    assert!(
        site.join("assets/also-ok.txt").is_file(),
        "a link inside is followed"
    );

    // handbook.yaml as a link out: not read, and said so.
    std::fs::remove_file(hb.join("handbook.yaml")).unwrap();
    symlink(outside.join("settings.yaml"), hb.join("handbook.yaml")).unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let f = first_where(&report, "file", "handbook.yaml");
    assert_eq!(f["kind"], "invalid_config");
    assert!(f["message"].as_str().unwrap().contains("not read"));
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    assert!(!published(&site).contains("Leaked Settings"));

    // A theme folder that is a link out: refused by check and build.
    std::fs::remove_file(hb.join("handbook.yaml")).unwrap();
    std::fs::write(hb.join("handbook.yaml"), "title: T\n").unwrap();
    std::fs::remove_dir_all(hb.join("themes/default")).unwrap();
    symlink(&outside, hb.join("themes/default")).unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1, "{report:#}");
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("outside the handbook"), "{}", r.stderr);
    assert!(!site.exists());
}

#[test]
fn raw_html_nested_deeper_than_a_hundred_is_text_not_html() {
    for tag in ["div", "details"] {
        let n = 200_000;
        let policy = format!(
            "---\ntitle: Deep\nowner: O\nreview_by: 2030-01-01\n---\n{}x{}\n",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        );
        let (_dir, hb) = handbook_of(&[("deep.md", &policy)]);
        let (code, report) = check_json(hb.to_str().unwrap());
        assert_eq!(code, 0);
        let f = &report["findings"][0];
        assert_eq!(f["kind"], "unsafe_html", "{report:#}");
        assert_eq!(f["line"], 6);
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains("more than 100 elements deep")
        );
        let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let page = std::fs::read_to_string(site.join("policies/deep.html")).unwrap();
        assert!(
            page.contains(&format!("&lt;{tag}&gt;&lt;{tag}&gt;")),
            "{tag}"
        );
        assert!(!page.contains(&format!("<{tag}><{tag}>")), "{tag}");
    }
    // End tags that match nothing do not undo the nesting (a parser
    // ignores them).
    let policy = format!(
        "---\ntitle: Tricked\nowner: O\nreview_by: 2030-01-01\n---\n{}x\n",
        "<div></x>".repeat(200_000)
    );
    let (_dir, hb) = handbook_of(&[("tricked.md", &policy)]);
    let (_, report) = check_json(hb.to_str().unwrap());
    assert_eq!(report["findings"][0]["kind"], "unsafe_html", "{report:#}");
    // Nesting as real pages have it is sanitized as before.
    let policy = format!(
        "---\ntitle: Shallow\nowner: O\nreview_by: 2030-01-01\n---\n{}x{}\n",
        "<div>".repeat(50),
        "</div>".repeat(50)
    );
    let (_dir, hb) = handbook_of(&[("shallow.md", &policy)]);
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    let page = std::fs::read_to_string(site.join("policies/shallow.html")).unwrap();
    assert!(page.contains("<div><div>"));
}

#[cfg(unix)]
#[test]
fn a_static_file_that_links_out_of_the_handbook_is_refused() {
    let (dir, hb) = handbook_of(&[("fine.md", FINE), ("static/robots.txt", "ok")]);
    std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), hb.join("static/favicon.ico"))
        .unwrap();
    let (_, report) = check_json(hb.to_str().unwrap());
    let f = first_where(&report, "file", "static/favicon.ico");
    assert_eq!(f["kind"], "unreadable_file");
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.join("robots.txt").is_file());
    assert!(!site.join("favicon.ico").exists());
}

#[test]
fn assets_that_would_run_script_are_not_published_unless_every_editor_is_trusted() {
    let files = [
        (
            "linker.md",
            "---\ntitle: Linker\nowner: O\nreview_by: 2030-01-01\n---\n[chart](assets/chart.svg) [page](assets/page.html) ![logo](assets/logo.svg)\n",
        ),
        (
            "assets/chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>",
        ),
        (
            "assets/handler.SVG",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        ),
        ("assets/page.html", "<script>alert(1)</script>"),
        (
            "assets/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>",
        ),
        ("static/evil.htm", "<script>alert(1)</script>"),
        (
            "assets/spaced.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload =\"alert(1)\"/>",
        ),
        (
            "assets/prefixed.svg",
            "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>alert(1)</s:script></s:svg>",
        ),
        (
            "assets/entity.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&#106;avascript:alert(1)\">x</a></svg>",
        ),
        ("assets/page.xht", "<html/>"),
        (
            "assets/dtd.svg",
            "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"java\"><!ENTITY b \"script:alert(1)\">]><svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"&a;&b;\"><rect width=\"9\" height=\"9\"/></a></svg>",
        ),
    ];
    let (_dir, hb) = handbook_of(&files);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1, "the links to them are broken");
    let warned: Vec<&str> = values_where(&report, "kind", "unsafe_html", "file");
    assert_eq!(
        warned,
        [
            "assets/chart.svg",
            "assets/dtd.svg",
            "assets/entity.svg",
            "assets/handler.SVG",
            "assets/page.html",
            "assets/page.xht",
            "assets/prefixed.svg",
            "assets/spaced.svg",
            "static/evil.htm"
        ],
        "{report:#}"
    );
    let broken: Vec<&str> = values_where(&report, "kind", "broken_reference", "message");
    assert_eq!(broken.len(), 2, "{broken:?}");
    assert!(
        broken.iter().all(|m| m.contains("is not published")),
        "{broken:?}"
    );
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for gone in [
        "assets/chart.svg",
        "assets/dtd.svg",
        "assets/handler.SVG",
        "assets/page.html",
        "evil.htm",
    ] {
        assert!(!site.join(gone).exists(), "{gone} was published");
    }
    assert!(
        site.join("assets/logo.svg").is_file(),
        "an SVG without script is an image"
    );
    // With allow_raw_html: true the editors are trusted, and all is published.
    let mut trusted = files.to_vec();
    trusted.push(("handbook.yaml", "title: T\nallow_raw_html: true\n"));
    let (_dir, hb) = handbook_of(&trusted);
    let (code, _) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0);
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    assert!(site.join("assets/chart.svg").is_file());
    assert!(site.join("evil.htm").is_file());
}

/// Every page lists at most 25 categories, so a page does not grow with
/// the number of categories, nor the site with categories × pages.
#[test]
fn page_size_stays_flat_as_categories_grow() {
    let size_per_page = |n: usize| -> (u64, String) {
        let files: Vec<(String, String)> = (0..n)
            .map(|i| {
                (
                    format!("c{i:04}/p{i:04}.md"),
                    format!(
                        "---\ntitle: Policy {i:04}\nowner: O\nreview_by: 2030-01-01\n---\nText.\n"
                    ),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let (_dir, hb) = handbook_of(&refs);
        let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let page = std::fs::read_to_string(site.join("policies/p0000.html")).unwrap();
        (page.len() as u64, page)
    };
    let (small, _) = size_per_page(30);
    let (large, page) = size_per_page(600);
    assert!(
        large < small + 2_000,
        "a policy page grew from {small} to {large} bytes with 20 times the categories"
    );
    let sidebar = page
        .split("<nav class=\"sidebar\"")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .expect("a sidebar");
    assert_eq!(sidebar.matches("<li>").count(), 25);
    assert!(
        page.contains("All 600 categories"),
        "the rest are a link away"
    );
}

/// Words that share a long beginning used to split the search index's
/// shards once per shared letter: a recursion as deep as the words are
/// long (a stack overflow at 30,000 letters), and shard file names longer
/// than a file system allows (2,000 words sharing 150 letters).
#[test]
fn long_words_with_a_shared_beginning_build_a_working_index() {
    let a = "a".repeat(30_000);
    let long = format!("---\ntitle: Long\nowner: O\nreview_by: 2030-01-01\n---\n{a}b {a}c {a}\n");
    let prefix = "x".repeat(150);
    let many: String = (0..2_000).map(|i| format!("{prefix}{i} ")).collect();
    let shared = format!("---\ntitle: Shared\nowner: O\nreview_by: 2030-01-01\n---\n{many}\n");
    let (_dir, hb) = handbook_of(&[("long.md", &long), ("shared.md", &shared)]);
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for entry in walkdir::WalkDir::new(site.join("search")) {
        let entry = entry.unwrap();
        assert!(
            entry.file_name().len() <= 255,
            "{} bytes: {:?}",
            entry.file_name().len(),
            entry.path()
        );
    }
    // The words are still found.
    let found = search(
        site.to_str().unwrap(),
        &[&format!("{prefix}1999"), "shared"],
    );
    assert_eq!(titles(&found[0]), ["Shared"], "{found:?}");
}
