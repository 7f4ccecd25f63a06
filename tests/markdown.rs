//! Markdown written for other tools (issue #28): GitHub alerts, MkDocs
//! admonitions, bare web addresses, definition lists and footnotes, as
//! the real binary builds and checks them, over the handbook in
//! `tests/fixtures/real-markdown/` and small ones made here.

mod common;
use common::*;
use std::collections::HashMap;
use std::path::Path;

/// The body of a built policy page: from its `<div class="body">` to the
/// section that follows it.
fn body_of(site: &Path, id: &str) -> String {
    let page = std::fs::read_to_string(site.join(format!("policies/{id}.html"))).unwrap();
    let start = page.find("<div class=\"body\">").expect("a body");
    let rest = &page[start..];
    let end = [
        "<section class=\"related\"",
        "<section class=\"referenced-by",
    ]
    .iter()
    .filter_map(|m| rest.find(m))
    .min()
    .expect("the sections after the body");
    rest[..end].to_string()
}

/// Every `id="…"` on a page.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

/// The 1-based line of the first line of `file` (in the fixture) that
/// holds `text`.
fn line_of(file: &str, text: &str) -> u64 {
    let path = format!("{}/policies/{file}", fixture("real-markdown"));
    let source = std::fs::read_to_string(path).unwrap();
    source
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not in {file}")) as u64
        + 1
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, site, r) = build(&fixture("real-markdown"), &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    (dir, site)
}

#[test]
fn github_alerts_are_callouts_of_each_kind() {
    let (_dir, site) = built();
    let body = body_of(&site, "callouts");
    for (class, title, text) in [
        (
            "note",
            "Note",
            "Staff may read this policy on the intranet.",
        ),
        ("tip", "Tip", "Save a copy of the form first."),
        ("important", "Important", "Report a breach within 72 hours."),
        (
            "warning",
            "Warning",
            "Never share a password, even with IT.",
        ),
        ("caution", "Caution", "Deleted records cannot be recovered."),
    ] {
        let want = format!(
            "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n<p>{text}</p>\n</div>"
        );
        assert!(body.contains(&want), "{want}\nnot in\n{body}");
    }
    assert!(!body.contains("[!"), "{body}");
    assert!(!body.contains("<blockquote"), "{body}");
}

#[test]
fn admonitions_are_callouts_with_or_without_a_title_and_of_any_type() {
    let (_dir, site) = built();
    let body = body_of(&site, "callouts");
    // With a title, two paragraphs.
    assert!(
        body.contains("<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Before you share anything</p>\n<p>Check the recipient with the Designated Safeguarding Lead.</p>\n<p>Then write down what you shared in "),
        "{body}"
    );
    // Without: the type, with a capital.
    assert!(
        body.contains("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Lock the cabinet.</p>\n</div>"),
        "{body}"
    );
    // A type that is no kind: the nearest kind, titled with the type.
    assert!(
        body.contains("<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Danger</p>\n<p>Do not photograph children without consent.</p>\n</div>"),
        "{body}"
    );
    // Folded.
    assert!(
        body.contains("<details class=\"callout callout-note\">\n<summary class=\"callout-title\">Who to ask</summary>\n<p>The office manager, on extension 214.</p>\n</details>"),
        "{body}"
    );
    assert!(!body.contains("!!!") && !body.contains("???"), "{body}");
    // Text after the admonitions is a paragraph of its own again.
    assert!(body.contains("<p>See <span class=\"broken-ref\""), "{body}");
}

#[test]
fn findings_in_and_after_an_admonition_are_on_their_lines() {
    let (_, report) = check_json(&fixture("real-markdown"));
    let broken: Vec<_> = kinds(&report)
        .into_iter()
        .filter(|(k, _, _)| k.starts_with("broken"))
        .collect();
    let file = "policies/callouts.md".to_string();
    assert_eq!(
        broken,
        [
            (
                "broken_reference".to_string(),
                file.clone(),
                line_of("callouts.md", "[[sharing-log]]")
            ),
            (
                "broken_reference".to_string(),
                file,
                line_of("callouts.md", "missing-form.md")
            ),
        ],
        "{report:#}"
    );
    // The lines are the editor's: the link after four admonitions is on
    // line 42 of the file as written.
    assert_eq!(line_of("callouts.md", "missing-form.md"), 42);
}

#[test]
fn bare_addresses_are_links_but_not_in_code_and_never_javascript() {
    let (_dir, site) = built();
    let body = body_of(&site, "references");
    assert!(
        body.contains("<p>Read <a href=\"https://www.gov.uk/data-protection\">https://www.gov.uk/data-protection</a>. Or <a href=\"http://www.nhs.uk\">www.nhs.uk</a>, or the intranet (<a href=\"http://intranet/forms\">http://intranet/forms</a>)!</p>"),
        "{body}"
    );
    assert!(
        body.contains(
            "<code>https://example.org/in-code</code>, and javascript:alert(1) stays text."
        ),
        "{body}"
    );
    assert!(!body.contains("href=\"javascript"), "{body}");
    assert!(
        !body.contains("href=\"https://example.org/in-code"),
        "{body}"
    );
    // They are external links to the check, listed on their line, and
    // nothing else.
    let (_, report) = check_json(&fixture("real-markdown"));
    let listed: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "policies/references.md")
        .map(|f| {
            (
                f["kind"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
                f["target"].as_str().unwrap(),
            )
        })
        .collect();
    let line = line_of("references.md", "Read https://");
    assert_eq!(
        listed,
        [
            ("external_link", line, "https://www.gov.uk/data-protection"),
            ("external_link", line, "http://www.nhs.uk"),
            ("external_link", line, "http://intranet/forms"),
        ],
        "{report:#}"
    );
}

#[test]
fn an_address_in_a_hostile_body_is_still_judged_by_the_resolver() {
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        "---\ntitle: A\nowner: O\nreview_by: 2030-01-01\n---\nwww.x.org/\"onmouseover=alert(1)// and https://x.org/<script>alert(2)</script> and [javascript:alert(3)](javascript:alert(3)) and https://x.org/?q=\"><b>\n",
    )]);
    let (_dir2, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let body = body_of(&site, "a");
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("href=\"javascript"), "{body}");
    assert!(!body.contains(" onmouseover"), "{body}");
    // An address ends at `<`; what follows is raw HTML, sanitized.
    assert!(
        body.contains("<a href=\"https://x.org/\">https://x.org/</a> and javascript:alert(3) and <a href=\"https://x.org/?q=%22%3E\">https://x.org/?q=\"&gt;</a>"),
        "{body}"
    );
    assert!(
        body.contains("<a href=\"http://www.x.org/%22onmouseover=alert(1)//\">"),
        "{body}"
    );
}

#[test]
fn definition_lists_are_dl() {
    let (_dir, site) = built();
    let body = body_of(&site, "references");
    assert!(
        body.contains("<dl>\n<dt>Data controller</dt>\n<dd>Decides why and how personal data is used.</dd>\n<dt>Data processor</dt>\n<dd>Uses personal data on the controller's behalf.</dd>\n</dl>"),
        "{body}"
    );
}

#[test]
fn footnotes_are_listed_at_the_end_and_link_back() {
    let (_dir, site) = built();
    let page = std::fs::read_to_string(site.join("policies/references.html")).unwrap();
    let body = body_of(&site, "references");
    assert!(
        body.contains("six years<sup class=\"footnote-ref\"><a href=\"#fn-retention\" id=\"fnref-retention\" aria-label=\"Footnote 1\">1</a></sup> unless the law says longer<sup class=\"footnote-ref\"><a href=\"#fn-law\" id=\"fnref-law\" aria-label=\"Footnote 2\">2</a></sup>. Six years is the usual period<sup class=\"footnote-ref\"><a href=\"#fn-retention\" id=\"fnref-retention-2\" aria-label=\"Footnote 1\">1</a></sup>."),
        "{body}"
    );
    // After the last section, in number order, each linking back.
    let list = &body[body.find("<h2 id=\"notes\">").unwrap()..];
    assert!(
        list.contains("<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n<li id=\"fn-retention\">\n<p>Counted from the end of the financial year. <a href=\"#fnref-retention\" class=\"footnote-back\" aria-label=\"Back to reference 1\">↩</a> <a href=\"#fnref-retention-2\" class=\"footnote-back\" aria-label=\"Back to reference 1-2\">↩<sup>2</sup></a></p>\n</li>\n<li id=\"fn-law\">\n<p>For example, safeguarding records. <a href=\"#fnref-law\" class=\"footnote-back\" aria-label=\"Back to reference 2\">↩</a></p>\n</li>\n</ol>\n</section>"),
        "{body}"
    );
    // Every id on the page is there once, and every link to one of the
    // page's own ids has its target.
    let all = ids(&page);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in &all {
        *counts.entry(id).or_default() += 1;
    }
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
    for href in body.split("href=\"#").skip(1) {
        let target = href.split('"').next().unwrap();
        assert!(counts.contains_key(target), "#{target} has no target");
    }
}

#[test]
fn a_heading_never_takes_a_footnotes_id() {
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        "---\ntitle: A\nowner: O\nreview_by: 2030-01-01\n---\n## Scope\n\nText.[^scope] See [below](#fn-scope-1).\n\n## Fn scope\n\n## Fnref scope\n\n[^scope]: A note.\n",
    )]);
    let (_, report) = check_json(hb.to_str().unwrap());
    assert!(
        kinds(&report)
            .iter()
            .all(|(k, _, _)| !k.starts_with("broken")),
        "{report:#}"
    );
    let (_dir2, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let body = body_of(&site, "a");
    assert!(
        body.contains("<h2 id=\"fn-scope-1\">Fn scope</h2>"),
        "{body}"
    );
    assert!(
        body.contains("<h2 id=\"fnref-scope-1\">Fnref scope</h2>"),
        "{body}"
    );
    assert!(body.contains("<li id=\"fn-scope\">"), "{body}");
}

#[test]
fn search_finds_callouts_definitions_and_notes() {
    let (_dir, site) = built();
    let r = search(
        site.to_str().unwrap(),
        &[
            "recipient",
            "\"before you share anything\"",
            "\"lock the cabinet\"",
            "processor",
            "financial year",
        ],
    );
    let first = |i: usize| r[i]["results"][0].clone();
    assert_eq!(first(0)["url"], "policies/callouts.html", "{}", r[0]);
    assert_eq!(first(0)["anchor"], "mkdocs-admonitions", "{}", r[0]);
    assert_eq!(first(1)["url"], "policies/callouts.html", "{}", r[1]);
    assert_eq!(first(2)["url"], "policies/callouts.html", "{}", r[2]);
    assert_eq!(first(3)["url"], "policies/references.html", "{}", r[3]);
    assert_eq!(first(3)["anchor"], "terms", "{}", r[3]);
    assert_eq!(first(4)["url"], "policies/references.html", "{}", r[4]);
    // An admonition's written title leads its text; a kind's word (the
    // title of `!!! warning`, `!!! danger`) is not the policy's text.
    let excerpt = first(0)["excerpt"].as_str().unwrap().to_string();
    assert!(
        excerpt.starts_with("Before you share anything: Check the <mark>recipient</mark>"),
        "{excerpt}"
    );
    for kind in ["Note", "Warning", "Danger"] {
        assert!(!excerpt.contains(kind), "{excerpt}");
    }
}
