//! Search: the index `build` writes, queried with the real client code
//! (`search-core.js`) in Node, over the sample handbook, a generated
//! 1,000-policy handbook and edge cases.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn query(site: &Path, queries: &[&str]) -> Vec<Value> {
    search(site.to_str().unwrap(), queries)
}

#[test]
fn queries_people_type_find_the_right_policy() {
    let (_dir, site, _) = build(&sample(), &[]);
    // (query, policy that must come first (1) or in the top three (3)).
    let table: &[(&str, &str, usize)] = &[
        ("complaint", "Complaints from Parents and Carers", 1),
        ("complaints", "Complaints from Parents and Carers", 1),
        ("mobile phone", "Mobile Phones and Smart Devices", 1),
        ("first aid", "First Aid", 1),
        ("whistleblowing", "Whistleblowing", 1),
        ("uncollected child", "Uncollected Child", 1),
        ("lone working", "Lone Working", 1),
        ("social media", "Social Media", 1),
        ("email", "Internet Usage and Email Etiquette", 1),
        ("epipen", "Administering Medication", 1),
        ("fax", "Fax and Post", 1),
        ("\"fire drill\"", "Fire Safety and Evacuation", 1),
        ("\"lone working\"", "Lone Working", 1),
        ("data breach", "Data Protection", 3),
        ("confidential", "Confidentiality", 3),
        ("dsl", "Safeguarding and Child Protection", 3),
        (
            "designated safeguarding lead",
            "Safeguarding and Child Protection",
            3,
        ),
        ("gdpr", "Data Protection", 3),
        ("photographs of children", "Photography and Images", 3),
        ("photos", "Photography and Images", 3),
        ("photos children", "Photography and Images", 3),
        (
            r#"{"q":"photo","typing":true}"#,
            "Photography and Images",
            3,
        ),
        (
            r#"{"q":"evacuat","typing":true}"#,
            "Fire Safety and Evacuation",
            3,
        ),
        (
            r#"{"q":"medicat","typing":true}"#,
            "Administering Medication",
            3,
        ),
    ];
    let queries: Vec<&str> = table.iter().map(|t| t.0).collect();
    let results = query(&site, &queries);
    let mut failures = Vec::new();
    for ((q, want, within), result) in table.iter().zip(&results) {
        let got = titles(result);
        if !got.iter().take(*within).any(|t| t == want) {
            failures.push(format!(
                "{q}: wanted {want} in the top {within}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn results_are_sections_with_marked_excerpts_and_status() {
    let (_dir, site, _) = build(&sample(), &[]);
    let r = &query(
        &site,
        &[
            "\"fire drill\"",
            "lone working",
            "fax",
            "artificial intelligence",
        ],
    )[..];
    let first = &r[0]["results"][0];
    assert_eq!(first["url"], "policies/fire-safety.html");
    assert_eq!(
        first["anchor"], "fire-drills",
        "the section the phrase is in"
    );
    assert!(
        first["excerpt"].as_str().unwrap().contains("<mark>"),
        "{first}"
    );
    assert_eq!(r[1]["results"][0]["status"], "overdue");
    assert_eq!(
        r[2]["results"][0]["status"], "retired",
        "retired policies are indexed and labelled"
    );
    assert_eq!(r[3]["total"], 0, "drafts are not indexed");
    let (_dir2, site2, _) = build(&sample(), &["--drafts"]);
    let r = query(&site2, &["artificial intelligence"]);
    assert_eq!(r[0]["results"][0]["status"], "draft");
}

#[test]
fn filters_and_sorting_narrow_and_order_results() {
    let (_dir, site, _) = build(&sample(), &[]);
    let r = query(
        &site,
        &[
            "safeguarding",
            r#"{"q":"safeguarding","filters":{"category":["Safeguarding"]}}"#,
            r#"{"q":"","filters":{"status":["overdue"]}}"#,
            r#"{"q":"children","sort":"title"}"#,
            r#"{"q":"children","sort":"date"}"#,
        ],
    );
    let all = r[0]["total"].as_u64().unwrap();
    let filtered = r[1]["total"].as_u64().unwrap();
    assert!(filtered > 0 && filtered < all, "{filtered} of {all}");
    assert_eq!(titles(&r[2]), ["Lone Working"]);
    let by_title = titles(&r[3]);
    let mut sorted = by_title.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(by_title, sorted);
    let by_date: Vec<&str> = r[4]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["status"].as_str().unwrap())
        .collect();
    assert_eq!(by_date.first(), Some(&"overdue"), "{by_date:?}");
}

#[test]
fn hostile_and_tiny_handbooks_build_a_working_search() {
    // (A handbook with no policies is not built at all: see tests/check.rs.)
    for name in ["one", "hostile", "cjk"] {
        let (_dir, site, r) = build(&fixture(&format!("search-edge/{name}")), &[]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(site.join("search.html").is_file());
        assert!(site.join("search/manifest.js").is_file());
        let q = query(
            &site,
            &[
                "policy",
                "\"unclosed",
                "a+b*(c)[d]",
                "😀",
                &"word ".repeat(400),
            ],
        );
        assert_eq!(q.len(), 5, "{name}");
    }
    let (_cjk, cjk_site, _) = build(&fixture("search-edge/cjk"), &[]);
    assert_eq!(
        titles(&query(&cjk_site, &["安全"])[0]),
        ["安全 政策"],
        "words in any script are found"
    );
    let (_dir, site, _) = build(&fixture("search-edge/hostile"), &[]);
    let r = &query(&site, &["alert"])[0]["results"][0];
    assert_eq!(
        r["title"], "<script>alert(1)</script> \"Quoted\" Policy",
        "titles stay text"
    );
    let excerpt = r["excerpt"].as_str().unwrap();
    assert!(
        excerpt.contains("<mark>alert</mark>(2) and &quot;quotes&quot; &amp;"),
        "{excerpt}"
    );
    assert!(!excerpt.contains("<script"), "{excerpt}");
}

#[test]
fn every_generated_policy_is_findable_by_its_title_and_no_draft_is() {
    // Past 1,000 pages records are packed several to a file (here three,
    // the last file part full): each result's record must still be its own.
    let (_dir, hb) = generate(&Options {
        words: 200,
        ..Options::new(2100)
    });
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(hb.join("expected.json")).unwrap()).unwrap();
    let drafts: Vec<&str> = expected["details"]["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    // Title and id of every policy, from the front-matter.
    let mut policies = Vec::new();
    for entry in walkdir::WalkDir::new(&hb) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".md") || name.starts_with('_') {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .unwrap()
            .trim_matches('"')
            .to_string();
        let id = text
            .lines()
            .find_map(|l| l.strip_prefix("id: "))
            .map(str::to_string)
            .unwrap_or_else(|| name.trim_end_matches(".md").to_string());
        policies.push((title, id));
    }
    assert_eq!(policies.len(), 2100);
    let manifest: Value = serde_json::from_slice(&index_file(&site, "manifest")).unwrap();
    assert_eq!(manifest["records_per_file"], 3);
    let specs: Vec<String> = policies
        .iter()
        .map(|(title, id)| {
            serde_json::json!({ "q": title, "find": format!("policies/{id}.html") }).to_string()
        })
        .collect();
    let refs: Vec<&str> = specs.iter().map(String::as_str).collect();
    let results = query(&site, &refs);
    let mut missing = Vec::new();
    for ((title, id), r) in policies.iter().zip(&results) {
        let found = r["found"].as_bool().unwrap();
        let is_draft = drafts.contains(&id.as_str());
        if found == is_draft {
            missing.push(format!("{id} ({title}): found={found}, draft={is_draft}"));
        }
    }
    assert!(missing.is_empty(), "{} wrong: {missing:#?}", missing.len());
}

#[test]
fn typing_never_finds_less_than_submitting_the_same_words() {
    let (_dir, site, _) = build(&sample(), &[]);
    // Word endings, capitals, a trailing space, a last word that is a
    // stopword, synonyms, and a word typed a letter at a time.
    let typed = [
        "photos",
        "complaints",
        "policies",
        "children",
        "parents",
        "safeguarding",
        "working",
        "training",
        "reporting",
        "trained",
        "recorded",
        "approved",
        "collected",
        "Photos",
        "FIRE Drill",
        "Mobile Phones",
        "photos ",
        "fire ",
        "fire an",
        "first aid and",
        "lone workers",
        "dsl",
        "designated safeguarding lead",
        "ph",
        "pho",
        "phot",
        "photo",
        "photog",
    ];
    let mut specs = Vec::new();
    for q in typed {
        for typing in [false, true] {
            specs.push(serde_json::json!({ "q": q, "typing": typing, "pages": true }).to_string());
        }
    }
    let refs: Vec<&str> = specs.iter().map(String::as_str).collect();
    let results = query(&site, &refs);
    let urls = |r: &Value| -> std::collections::BTreeSet<String> {
        r["urls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap().to_string())
            .collect()
    };
    let mut failures = Vec::new();
    for (q, pair) in typed.iter().zip(results.chunks(2)) {
        let (submitted, typing) = (urls(&pair[0]), urls(&pair[1]));
        let missing: Vec<_> = submitted.difference(&typing).collect();
        if !missing.is_empty() {
            failures.push(format!(
                "{q:?}: submitted finds {}, typed {}, missing {missing:?}",
                submitted.len(),
                typing.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // The case that was reported: "photos" finds the photography policy
    // while it is typed, as it does once submitted.
    let photos = &results[1];
    assert!(
        urls(photos).contains("policies/photography-and-images.html"),
        "{photos}"
    );
}

/// Bytes one query reads: the index files, as `query.mjs` counts them, and
/// the two scripts every page loads.
fn query_bytes(site: &Path, queries: &[&str]) -> Vec<(String, u64)> {
    let scripts: u64 = ["static/search-core.js", "static/search.js"]
        .iter()
        .map(|s| std::fs::metadata(site.join(s)).unwrap().len())
        .sum();
    query(site, queries)
        .iter()
        .map(|r| {
            (
                r["q"].as_str().unwrap().to_string(),
                r["bytes"].as_u64().unwrap() + scripts,
            )
        })
        .collect()
}

const BUDGET_QUERIES: [&str; 6] = [
    "staff",
    "mobile phone",
    "fire safety",
    "complaints",
    "data breach",
    "safeguarding children",
];

/// Generates `policies` policies, builds them, and checks that no budget
/// query reads `budget` bytes or more, scripts included.
fn queries_read_under(policies: usize, budget: u64) {
    let (_dir, hb) = generate(&Options::new(policies));
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    let bytes = query_bytes(&site, &BUDGET_QUERIES);
    eprintln!("bytes per query at {policies} policies, scripts included: {bytes:?}");
    for (q, b) in &bytes {
        assert!(*b < budget, "{q}: {b} bytes at {policies} policies");
    }
}

/// 64 KB since the header box became an ARIA combobox (search.js grew
/// by 1.8 KB) and records show linked policies' titles, as pages do.
#[test]
fn a_query_on_1000_policies_reads_under_64_kb() {
    queries_read_under(1000, 64_000);
}

/// The slowest test here (it generates and builds 10,000 policies: about
/// 20 s).
#[test]
fn a_query_on_10000_policies_reads_under_150_kb() {
    queries_read_under(10_000, 150_000);
}

/// The indexer and the browser client split text into the same words, and
/// agree on the index's version; the client's stopwords are the
/// indexer's, from the manifest.
#[test]
fn the_indexer_and_the_client_read_the_same_words() {
    use policybook::site::search::{INDEX_VERSION, tokenize};
    let texts = [
        "The Centre's Café—open 9am–5pm, e.g. Renée!",
        "ÜBERSICHT straße Ærø naïve façade",
        "安全 政策。Ελληνικά русский текст",
        "<script>alert(1)</script> a+b*(c)[d]",
        "I a 5 x2 don't can't staff-room (A&E)",
        "tab\tseparated\nlines\r\nand   spaces",
        "emoji 😀 between🎉words",
        "Ǆemal ǅ ǆ ﬁre ﬂoor",
        "e\u{301}cole vs école",
        "",
    ];
    let core = format!(
        "{}/themes/default/static/search-core.js",
        env!("CARGO_MANIFEST_DIR")
    );
    let script = format!("{}/tests/js/words.mjs", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("node")
        .arg(script)
        .arg(core)
        .args(texts)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["version"], INDEX_VERSION,
        "search-core.js's INDEX_VERSION"
    );
    for (text, js) in texts.iter().zip(v["words"].as_array().unwrap()) {
        let js: Vec<String> = js
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .collect();
        assert_eq!(tokenize::words(text), js, "{text:?}");
    }
    // The manifest carries the stopwords the client uses.
    let (_dir, site, _) = build(&sample(), &[]);
    let manifest = std::fs::read_to_string(site.join("search/manifest.js")).unwrap();
    assert!(
        manifest.starts_with("policybookIndex(\"manifest\""),
        "{manifest:.40}"
    );
    let q = query(&site, &["the fire"]);
    assert!(
        !titles(&q[0]).is_empty(),
        "a stopword in a query is dropped: {q:?}"
    );
}
