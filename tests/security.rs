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
        let f = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == "invalid_config")
            .unwrap_or_else(|| panic!("{url}: {report:#}"));
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
