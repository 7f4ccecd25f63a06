//! `policybook build`: the generated site, its links under a sub-path,
//! the output folder's safety, and theme overrides.

mod common;
use common::*;
use policybook::link::percent_decode;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Every `href="..."` and `src="..."` value in an HTML page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

fn ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// Resolves `href` on the page at URL path `page` (e.g.
/// `/intranet/policies/policies/a.html`) the way a browser does.
fn resolve_url(page: &str, href: &str) -> String {
    if href.starts_with('/') {
        return href.to_string();
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Crawls every page as if the site were served under `base`, checking
/// that every internal link and anchor lands on something that exists.
fn assert_all_links_resolve(site: &Path, base: &str) -> usize {
    let mut pages: HashMap<String, String> = HashMap::new();
    for entry in walkdir::WalkDir::new(site) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry
                .path()
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            pages.insert(rel, std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let mut checked = 0;
    for (rel, html) in &pages {
        let page_url = format!("{base}{rel}");
        for href in links(html) {
            if ["http://", "https://", "mailto:", "tel:", "data:"]
                .iter()
                .any(|s| href.starts_with(s))
            {
                continue;
            }
            let (path, fragment) = match href.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(percent_decode(f))),
                None => (href.clone(), None),
            };
            let target_url = if path.is_empty() {
                page_url.clone()
            } else {
                resolve_url(&page_url, &path)
            };
            assert!(
                target_url.starts_with(base),
                "{rel}: {href} leaves {base} ({target_url})"
            );
            let target_rel = percent_decode(&target_url[base.len()..]);
            let file = site.join(&target_rel);
            assert!(
                file.is_file(),
                "{rel}: {href} → {target_rel} does not exist"
            );
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let target_html = pages
                    .get(&target_rel)
                    .unwrap_or_else(|| panic!("{rel}: {href}: not a page"));
                assert!(
                    ids(target_html).contains(&fragment),
                    "{rel}: {href}: no id {fragment} in {target_rel}"
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_link_works_under_a_sub_path() {
    let (_dir, site, r) = build(&sample(), &["--base-url", "/intranet/policies/"]);
    assert_eq!(r.code, 1, "the sample has an overdue review: {}", r.stderr);
    let checked = assert_all_links_resolve(&site, "/intranet/policies/");
    assert!(checked > 500, "only {checked} links checked");
    // The 404 page is served at any depth, so it uses base_url.
    let not_found = std::fs::read_to_string(site.join("404.html")).unwrap();
    assert!(
        not_found.contains("href=\"/intranet/policies/static/style.css\""),
        "{not_found}"
    );
    assert!(not_found.contains("href=\"/intranet/policies/index.html\""));
}

#[test]
fn links_also_work_at_the_server_root_and_from_files() {
    let (_dir, site, _) = build(&fixture("encodings"), &[]);
    assert_all_links_resolve(&site, "/");
    let html = std::fs::read_to_string(site.join("policies/crlf.html")).unwrap();
    assert!(html.contains("<h1>Café Policy – Renée</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"übersicht\">Übersicht</h2>"));
    assert!(html.contains("<h2 id=\"scope\">Scope</h2>"));
    assert!(html.contains("<h2 id=\"scope-1\">Scope</h2>"));
    let windows = std::fs::read_to_string(site.join("policies/windows.html")).unwrap();
    assert!(
        windows.contains("<h1>Café Rules – “Word” Export</h1>"),
        "{windows}"
    );
    assert!(windows.contains("Saved by Word — costs €5."));
}

#[test]
fn policy_page_shows_everything_an_editor_wrote() {
    let (_dir, site, _) = build(&sample(), &[]);
    let page =
        |id: &str| std::fs::read_to_string(site.join(format!("policies/{id}.html"))).unwrap();
    let lone = page("lone-working");
    assert!(lone.contains("<h1>Lone Working</h1>"));
    assert!(lone.contains("status-overdue"));
    assert!(
        lone.contains(">Overdue</span> review was due 54 days ago, on 30 September 2026."),
        "{lone}"
    );
    let first_aid = page("first-aid");
    assert!(first_aid.contains(">Due soon</span> review due in 17 days, on 10 December 2026."));
    let social = page("social-media");
    assert!(
        social.contains("class=\"broken-ref\""),
        "the broken reference is marked"
    );
    assert!(social.contains("(broken link)"));
    assert!(social.contains("Problems on this page"));
    // Owner with email is a mailto link; approved by and when; version; tags.
    let safeguarding = page("safeguarding");
    assert!(safeguarding.contains("href=\"mailto:"), "owner_email");
    assert!(safeguarding.contains("<dt>Approved</dt>"));
    assert!(safeguarding.contains("<dt>Version</dt>"));
    assert!(safeguarding.contains("class=\"tag\""));
    assert!(safeguarding.contains("class=\"toc\""));
    // Related (outgoing) and referenced by (incoming).
    assert!(safeguarding.contains("Related policies"));
    let confidentiality = page("confidentiality");
    let incoming = confidentiality.split("Referenced by").nth(1).unwrap();
    assert!(
        incoming.contains("href=\"../policies/social-media.html\""),
        "{incoming}"
    );
    // Wiki links show the target's title.
    assert!(social.contains(">Staff Conduct – Code of Behaviour</a>"));
    // Assets are copied and linked.
    assert!(site.join("assets/forms/incident-report-form.pdf").is_file());
    assert!(page("first-aid").contains("href=\"../assets/forms/incident-report-form.pdf\""));
    // The retired policy says so.
    assert!(page("fax-and-post").contains("banner-retired"));
    // An extra key is shown.
    assert!(page("online-safety").contains("<dt>Funding Body</dt>"));
    // Edit link from edit_url.
    assert!(
        lone.contains(
            "https://git.example.org/riverside/handbook/edit/main/people/lone-working.md"
        )
    );
}

#[test]
fn listing_pages_exist_and_are_sorted() {
    let (_dir, site, r) = build(&sample(), &[]);
    assert!(r.stdout.contains("Built 17 policies"), "{}", r.stdout);
    for page in [
        "index.html",
        "a-z.html",
        "reviews.html",
        "owners.html",
        "404.html",
        "categories/safeguarding.html",
        "owners/centre-manager.html",
        "a-z/l.html",
        "static/style.css",
    ] {
        assert!(site.join(page).is_file(), "{page}");
    }
    let reviews = std::fs::read_to_string(site.join("reviews.html")).unwrap();
    let overdue = reviews.find("id=\"overdue\"").unwrap();
    let due_soon = reviews.find("id=\"due-soon\"").unwrap();
    let lone = reviews.find("Lone Working").unwrap();
    let first_aid = reviews.find("First Aid").unwrap();
    assert!(overdue < lone && lone < due_soon && due_soon < first_aid);
    // A small handbook's current reviews are listed too, soonest first.
    let current = reviews.find("id=\"current\"").unwrap();
    let confidentiality = reviews.find("Confidentiality</a>").unwrap();
    let code = reviews.find("Staff Conduct").unwrap();
    assert!(
        current < confidentiality && confidentiality < code,
        "due 2027-01-06 before 2028-01-31"
    );
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(home.contains("<strong>1</strong> overdue for review"));
    assert!(home.contains("href=\"categories/safeguarding.html\""));
}

#[test]
fn drafts_and_partials_are_not_published_unless_asked() {
    let (_dir, site, _) = build(&sample(), &[]);
    assert!(
        !site
            .join("policies/artificial-intelligence-tools.html")
            .exists()
    );
    assert!(
        !site.join("policies/template.html").exists(),
        "_template.md is never published"
    );
    let (_dir2, site2, _) = build(&sample(), &["--drafts"]);
    let draft =
        std::fs::read_to_string(site2.join("policies/artificial-intelligence-tools.html")).unwrap();
    assert!(draft.contains("banner-draft"));
}

#[test]
fn nothing_is_fetched_from_outside() {
    let (_dir, site, _) = build(&sample(), &[]);
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        let name = entry.path().to_string_lossy().to_string();
        if !(name.ends_with(".html") || name.ends_with(".css") || name.ends_with(".js")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for bad in [
            "src=\"http",
            "src=\"//",
            "@import",
            "url(http",
            "url(//",
            "rel=\"stylesheet\" href=\"http",
        ] {
            assert!(!text.contains(bad), "{name} contains {bad}");
        }
    }
}

#[test]
fn unparseable_policy_stops_the_build() {
    let (_dir, site, r) = build(&fixture("unparseable"), &[]);
    assert_eq!(r.code, 1);
    assert!(!site.exists(), "no site is written");
    assert!(r.stderr.contains("no-front-matter.md:1:"), "{}", r.stderr);
    assert!(
        r.stderr.contains("the site was not written"),
        "{}",
        r.stderr
    );
}

#[test]
fn output_folder_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&fixture("clean")), &hb);
    let hb_s = hb.to_str().unwrap();
    let refused = |out: &str| {
        let r = run(&["build", hb_s, "-o", out, "--today", TODAY]);
        assert_eq!(r.code, 2, "{out}: {}", r.stderr);
        assert!(
            r.stderr.contains("refusing to write the site"),
            "{}",
            r.stderr
        );
    };
    refused(hb_s);
    refused(dir.path().to_str().unwrap());
    refused(hb.join("policies").to_str().unwrap());
    refused(hb.join("new-inside").to_str().unwrap());
    refused("/");
    // A folder with someone else's files is refused and left alone.
    let theirs = dir.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("precious.txt"), "keep me").unwrap();
    refused(theirs.to_str().unwrap());
    assert_eq!(
        std::fs::read_to_string(theirs.join("precious.txt")).unwrap(),
        "keep me"
    );
    // The handbook is untouched by all this.
    assert!(hb.join("policies/only.md").is_file());
    // An empty folder is fine, and so is rebuilding over our own output.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(build_into(&hb, &empty, &[]).code, 0);
    std::fs::write(empty.join("stale.html"), "old").unwrap();
    assert_eq!(build_into(&hb, &empty, &[]).code, 0);
    assert!(
        !empty.join("stale.html").exists(),
        "the old site was replaced whole"
    );
    assert!(empty.join("index.html").is_file());
    // No temporary folders are left beside it.
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .contains("policybook")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The clean fixture copied into `dir/hb`, with theme files (paths under
/// `themes/default/`) laid over the default theme.
fn clean_with_theme(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    let hb = dir.join("hb");
    copy_tree(Path::new(&fixture("clean")), &hb);
    for (path, text) in files {
        let path = hb.join("themes/default").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    hb
}

#[test]
fn theme_files_override_the_default_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let hb = clean_with_theme(
        dir.path(),
        &[
            ("static/style.css", "body { color: rebeccapurple; }"),
            (
                "templates/category.html",
                "{% extends \"base.html\" %}{% block content %}<h1>Our {{ name }}</h1>{% endblock content %}",
            ),
        ],
    );
    let out = dir.path().join("site");
    let r = build_into(&hb, &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(out.join("static/style.css")).unwrap(),
        "body { color: rebeccapurple; }"
    );
    assert!(
        std::fs::read_to_string(out.join("categories/policies.html"))
            .unwrap()
            .contains("<h1>Our Policies</h1>")
    );
    // Templates not overridden still come from the embedded default.
    assert!(
        std::fs::read_to_string(out.join("policies/only.html"))
            .unwrap()
            .contains("Referenced by")
    );
    // A broken override is a clear error, not a panic.
    std::fs::write(
        hb.join("themes/default/templates/category.html"),
        "{% if %}",
    )
    .unwrap();
    let r = build_into(&hb, &out, &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("template"), "{}", r.stderr);
}

#[test]
fn the_sidebar_partial_is_overridable_and_made_for_each_folder_depth() {
    let dir = tempfile::tempdir().unwrap();
    let hb = clean_with_theme(
        dir.path(),
        &[(
            "templates/partials/sidebar.html",
            "<nav id=\"mine\">[{{ root }}]{% for c in site.categories %}{{ c.name }}{% endfor %}</nav>",
        )],
    );
    let partial = hb.join("themes/default/templates/partials/sidebar.html");
    let out = dir.path().join("site");
    let build = || build_into(&hb, &out, &["--base-url", "/intranet/"]);
    let r = build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    assert!(page("index.html").contains("<nav id=\"mine\">[]Policies</nav>"));
    assert!(page("policies/only.html").contains("<nav id=\"mine\">[../]Policies</nav>"));
    assert!(page("404.html").contains("<nav id=\"mine\">[/intranet/]Policies</nav>"));
    // The partial sees `site` and `root` only: a page's values are an
    // error that names it.
    std::fs::write(&partial, "{{ policy.title }}").unwrap();
    let r = build();
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("partials/sidebar.html"), "{}", r.stderr);
}

#[test]
fn hostile_front_matter_and_raw_html_are_made_harmless() {
    let (_dir, site, r) = build(&fixture("search-edge/hostile"), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(site.join("policies/hostile.html")).unwrap();
    assert!(
        page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quoted&quot; Policy</h1>"),
        "{page}"
    );
    assert!(
        page.contains("&lt;b&gt;Owner&lt;/b&gt;"),
        "the owner is text"
    );
    assert!(
        !page.contains("<script>alert"),
        "no script from the policy runs: {page}"
    );
    assert!(!page.contains("<b>Owner"), "{page}");
}

/// A build killed at any moment leaves the previous site whole (or the
/// new one), and the next build cleans up after it.
#[test]
fn a_killed_build_leaves_a_whole_site() {
    let (dir, hb) = generate(&["--policies", "1500", "--words", "400"]);
    let out = dir.path().join("site");
    let hb_s = hb.to_str().unwrap();
    let out_s = out.to_str().unwrap();
    assert_eq!(build_into(&hb, &out, &[]).code, 1);
    let pages = |site: &Path| {
        std::fs::read_dir(site.join("policies"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    let whole = pages(&out);
    assert!(whole > 1000);
    for delay_ms in [20u64, 80, 200, 400, 800] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_policybook"))
            .args(["build", hb_s, "-o", out_s, "--today", "2027-01-01"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert!(
            out.join(".policybook-site").is_file(),
            "after {delay_ms} ms: the site is whole"
        );
        assert!(out.join("index.html").is_file(), "after {delay_ms} ms");
        assert!(
            out.join("search/manifest.js").is_file(),
            "after {delay_ms} ms"
        );
        assert_eq!(
            pages(&out),
            whole,
            "after {delay_ms} ms: every page is there"
        );
    }
    // The next build finishes and leaves nothing of the killed ones behind.
    assert_eq!(build_into(&hb, &out, &[]).code, 1);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("policybook"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(pages(&out), whole);
}

/// Output grows in step with the handbook: no page lists every policy, so
/// bytes per policy stay flat from 1,000 to 4,000 policies.
#[test]
fn output_per_policy_does_not_grow_with_the_handbook() {
    let size = |dir: &Path| -> u64 {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.metadata().unwrap().len())
            .sum()
    };
    let mut per_policy = Vec::new();
    for n in ["1000", "4000"] {
        let (_dir, hb) = generate(&["--policies", n, "--words", "150"]);
        let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_all_links_resolve(&site, "/");
        let biggest = walkdir::WalkDir::new(&site)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| e.metadata().unwrap().len())
            .max()
            .unwrap();
        per_policy.push((size(&site) / n.parse::<u64>().unwrap(), biggest));
    }
    let (small, large) = (per_policy[0], per_policy[1]);
    assert!(
        large.0 * 100 <= small.0 * 115,
        "bytes per policy grew from {} to {}",
        small.0,
        large.0
    );
    // Long listings are paged, so no page grows with the handbook: the
    // longest is the review dashboard, with at most 100 rows in each of
    // its three lists (unpaged, a category page at 4,000 would be 160 KB
    // and the dashboard 400 KB).
    assert!(
        large.1 <= 120_000,
        "the largest page grew from {} to {} bytes",
        small.1,
        large.1
    );
    eprintln!(
        "bytes per policy: {} at 1,000, {} at 4,000; largest page {} and {}",
        small.0, large.0, small.1, large.1
    );
}

#[test]
fn a_missing_theme_is_a_clear_error_and_edit_links_are_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&fixture("clean")), &hb);
    std::fs::write(
        hb.join("handbook.yaml"),
        "title: Clean\nedit_url: https://git.example.org/edit/{path}\n",
    )
    .unwrap();
    std::fs::write(
        hb.join("policies/Safety #2 & more.md"),
        "---\ntitle: Safety Two\nowner: Manager\nreview_by: 2030-01-01\n---\nText.\n",
    )
    .unwrap();
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(site.join("policies/safety-2-more.html")).unwrap();
    assert!(
        page.contains(
            "href=\"https://git.example.org/edit/policies/Safety%20%232%20%26%20more.md\""
        ),
        "{page}"
    );
    std::fs::write(hb.join("handbook.yaml"), "title: Clean\ntheme: corporate\n").unwrap();
    let (_out2, site2, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("theme: corporate") && r.stderr.contains("no folder"),
        "{}",
        r.stderr
    );
    assert!(!site2.exists());
}

/// A listing longer than a page (100 policies) continues on numbered
/// pages in a folder named after it, each linking to the others.
#[test]
fn long_listings_continue_on_numbered_pages() {
    let (_dir, hb) = paged_handbook(250, |i| format!("2020-01-{:02}", i % 28 + 1));
    let (_out, site, r) = build(hb.to_str().unwrap(), &["--base-url", "/intranet/"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("Built 250 policies"), "{}", r.stdout);
    let rows = |html: &str| html.matches("<tr>").count() - 1;
    for first in [
        "categories/finance",
        "owners/finance-manager",
        "reviews/overdue",
        "a-z/p",
    ] {
        let page = |n: usize| {
            let path = if n == 1 {
                format!("{first}.html")
            } else {
                format!("{first}/{n}.html")
            };
            std::fs::read_to_string(site.join(&path)).unwrap_or_else(|_| panic!("no {path}"))
        };
        let (one, two, three) = (page(1), page(2), page(3));
        assert!(!site.join(format!("{first}/4.html")).exists(), "{first}");
        assert!(one.contains("1–100 of 250, page 1 of 3"), "{first}: {one}");
        assert!(three.contains("201–250 of 250, page 3 of 3"), "{first}");
        if first != "a-z/p" {
            assert_eq!(
                (rows(&one), rows(&two), rows(&three)),
                (100, 100, 50),
                "{first}"
            );
        }
        assert!(
            two.contains("rel=\"prev\"") && two.contains("rel=\"next\""),
            "{first}"
        );
        assert!(
            !one.contains("rel=\"prev\"") && !three.contains("rel=\"next\""),
            "{first}"
        );
        assert!(two.contains(" (page 2) · "), "{first}");
    }
    let category = std::fs::read_to_string(site.join("categories/finance.html")).unwrap();
    assert!(category.contains("250 policies."));
    let az = std::fs::read_to_string(site.join("a-z/p/2.html")).unwrap();
    assert_eq!(az.matches("<li><a href=\"../../policies/").count(), 100);
    assert!(az.contains("Policy 100") && !az.contains("Policy 099") && !az.contains("Policy 200"));
    // The dashboard shows the first 100 overdue and links to the rest.
    let reviews = std::fs::read_to_string(site.join("reviews.html")).unwrap();
    assert_eq!(rows(&reviews), 100);
    assert!(reviews.contains("<a href=\"reviews/overdue.html\">All 250 overdue reviews</a>"));
    assert_all_links_resolve(&site, "/intranet/");
}
