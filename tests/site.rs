//! `policybook build`: the generated site, its links under a sub-path,
//! the output folder's safety, and theme overrides.

mod common;
use common::*;
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
    assert_eq!(
        r.code, 0,
        "the site is written, so 0 though the sample has an overdue review: {}",
        r.stderr
    );
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
    let checked = assert_all_links_resolve(&site, "/");
    assert!(checked > 20, "only {checked} links checked");
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
    // The overdue banner says what to do, with the date (not a count of
    // days, which a printed page would carry long after).
    assert!(
        lone.contains(">Overdue</strong> <span class=\"status-detail\" data-detail-current=\"This policy is next due for review on 30 September 2026.\" data-detail-due-soon=\"This policy is due for review on 30 September 2026.\" data-detail-overdue=\"This policy was due for review on 30 September 2026. It may be out of date: check with the Centre Manager before relying on it.\">This policy was due for review on 30 September 2026. It may be out of date: check with the Centre Manager before relying on it.</span>"),
        "{lone}"
    );
    assert!(lone.contains("Review status as of <span data-as-of>23 November 2026</span>."));
    let first_aid = page("first-aid");
    assert!(first_aid.contains(">This policy is due for review on 10 December 2026.</span>"));
    // The days its status changes, for a page read later.
    assert!(
        first_aid.contains("status-box status-due-soon\" data-due-soon-from=\"2026-11-10\" data-overdue-from=\"2026-12-11\">"),
        "{first_aid}"
    );
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
    // The retired policy says so, once, and has no next review.
    let retired = page("fax-and-post");
    assert_eq!(
        retired.matches("class=\"banner banner-retired\"").count(),
        1
    );
    assert!(!retired.contains("status-box"), "one banner, not two");
    assert!(!retired.contains("<dt>Next review</dt>"));
    assert!(page("safeguarding").contains("<dt>Next review</dt>"));
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
    assert!(home.contains("<strong data-count=\"overdue\">1</strong> overdue for review"));
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
    refused(hb.join("policies/new-inside").to_str().unwrap());
    refused(hb.join("assets").to_str().unwrap());
    refused(hb.join("themes").to_str().unwrap());
    refused(hb.join("_site").to_str().unwrap());
    // A folder of its own at the top of the handbook may hold the site (as
    // mdBook's book/ does), and the next load does not read it.
    let inside = hb.join("site");
    // (An asset that is Markdown is published as it is, into site/assets/.)
    std::fs::create_dir_all(hb.join("assets")).unwrap();
    std::fs::write(hb.join("assets/notes.md"), "# Notes\n").unwrap();
    assert_eq!(build_into(&hb, &inside, &[]).code, 0);
    assert!(inside.join("assets/notes.md").is_file());
    assert!(inside.join("index.html").is_file());
    let (_, report) = check_json(hb_s);
    assert_eq!(report["policies"], 2, "{report:#}");
    assert_eq!(build_into(&hb, &inside, &[]).code, 0, "built again over it");
    std::fs::remove_dir_all(&inside).unwrap();
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
    std::fs::write(empty.join("policies/stale.html"), "old").unwrap();
    assert_eq!(build_into(&hb, &empty, &[]).code, 0);
    assert!(
        !empty.join("policies/stale.html").exists(),
        "the old site was replaced whole"
    );
    assert!(empty.join("index.html").is_file());
    // The marker lists what the build wrote at the top.
    let marker = std::fs::read_to_string(empty.join(".policybook-site")).unwrap();
    assert!(marker.lines().any(|l| l == "index.html"), "{marker}");
    assert!(marker.lines().any(|l| l == "policies"), "{marker}");
    // What Finder or Explorer leaves there is no reason to refuse.
    std::fs::write(empty.join(".DS_Store"), "").unwrap();
    std::fs::write(empty.join("Thumbs.db"), "").unwrap();
    assert_eq!(build_into(&hb, &empty, &[]).code, 0);
    // Something put beside it (a host's CNAME, a .git) is not ours: the
    // build refuses to replace the folder and says what is there.
    for foreign in ["CNAME", ".git"] {
        let path = empty.join(foreign);
        std::fs::write(&path, "mine").unwrap();
        let r = build_into(&hb, &empty, &[]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "it holds {foreign}, which policybook did not write"
            )),
            "{}",
            r.stderr
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        std::fs::remove_file(&path).unwrap();
    }
    // A marker anyone could commit (as older builds wrote it) does not
    // vouch for a .git beside it.
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join(".git/config"), "[core]").unwrap();
    std::fs::write(
        repo.join(".policybook-site"),
        "This folder was written by policybook build; the next build replaces it.\n",
    )
    .unwrap();
    let r = build_into(&hb, &repo, &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(repo.join(".git/config").is_file());
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
    killed_builds_leave_a_whole_site(false);
}

/// The same where folders are replaced by two renames, as on Windows and
/// macOS (forced here on Linux).
#[test]
fn a_killed_build_leaves_a_whole_site_where_folders_cannot_be_exchanged() {
    killed_builds_leave_a_whole_site(true);
}

fn killed_builds_leave_a_whole_site(portable: bool) {
    let (dir, hb) = generate(&Options {
        words: 400,
        ..Options::new(1500)
    });
    let out = dir.path().join("site");
    let hb_s = hb.to_str().unwrap();
    let out_s = out.to_str().unwrap();
    assert_eq!(build_into(&hb, &out, &[]).code, 0);
    let pages = |site: &Path| {
        std::fs::read_dir(site.join("policies"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    let whole = pages(&out);
    assert!(whole > 1000);
    for delay_ms in [20u64, 80, 200, 400, 800] {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_policybook"));
        if portable {
            command.env("POLICYBOOK_PORTABLE_SWAP", "1");
        }
        let mut child = command
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
    assert_eq!(build_into(&hb, &out, &[]).code, 0);
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
    for n in [1000, 4000] {
        let (_dir, hb) = generate(&Options {
            words: 150,
            ..Options::new(n)
        });
        let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let checked = assert_all_links_resolve(&site, "/");
        assert!(checked > n, "only {checked} links checked for {n} policies");
        let biggest = walkdir::WalkDir::new(&site)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| e.metadata().unwrap().len())
            .max()
            .unwrap();
        per_policy.push((size(&site) / n as u64, biggest));
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
    // and the dashboard 400 KB), and its charts, about 1.5 KB for each
    // category and each of 13 months (26 KB here).
    assert!(
        large.1 <= 160_000,
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
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Built 250 policies"), "{}", r.stdout);
    // The rows of a page's lists (its review charts' tables aside).
    let rows = |html: &str| {
        let lists: String = html
            .split("<figure class=\"chart ")
            .map(|part| {
                part.split_once("</figure>")
                    .map_or(part, |(_, after)| after)
            })
            .collect();
        lists.matches("<tr>").count() - 1
    };
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
    let checked = assert_all_links_resolve(&site, "/intranet/");
    assert!(checked > 250, "only {checked} links checked");
}

#[test]
fn html_ids_are_anchors_footnotes_do_not_take_heading_ids_and_a_repeated_title_is_dropped() {
    let (_dir, hb) = handbook_of(&[
        (
            "photos.md",
            "---\ntitle: Photos and Images\nowner: O\nreview_by: 2030-01-01\n---\n\n# Photos and images\n\nSee [x](#x), [y](#y), [z](#z), [[forms#here]], [s](#s) and [gone](#nope).[^scope]\n\n<a id=\"x\"></a><a name=\"y\"></a>\n\n<div id='z'>Z</div>\n\n<script id=\"s\"></script>\n\n## Scope\n\nText.\n\n[^scope]: A note.\n",
        ),
        (
            "forms.md",
            "---\ntitle: Forms\nowner: O\nreview_by: 2030-01-01\n---\n# A different first heading\n\nText <span id=here>here</span>.\n",
        ),
    ]);
    let (_, report) = check_json(hb.to_str().unwrap());
    let broken: Vec<_> = kinds(&report)
        .into_iter()
        .filter(|(k, _, _)| k.starts_with("broken"))
        .collect();
    // The ids that reach the page are anchors; the script (removed) is not,
    // and neither is an anchor nothing has.
    assert_eq!(
        broken,
        [
            ("broken_anchor".to_string(), "photos.md".to_string(), 9),
            ("broken_anchor".to_string(), "photos.md".to_string(), 9)
        ],
        "{report:#}"
    );
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "broken_anchor")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(messages.iter().any(|m| m.contains("#s")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("#nope")), "{messages:?}");
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(site.join("policies/photos.html")).unwrap();
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(
        page.contains("name=\"y\""),
        "the sanitizer keeps name on <a>"
    );
    let ids = ids(&page);
    for id in ["x", "z", "scope", "fn-scope"] {
        assert_eq!(
            ids.iter().filter(|i| *i == id).count(),
            1,
            "{id} in {ids:?}"
        );
    }
    assert!(page.contains("href=\"#fn-scope\""), "{page}");
    // A first heading that is not the title stays.
    let forms = std::fs::read_to_string(site.join("policies/forms.html")).unwrap();
    assert_eq!(forms.matches("<h1").count(), 2);
}

#[test]
fn everything_under_assets_but_dotfiles_is_published() {
    let (_dir, hb) = handbook_of(&[
        (
            "a.md",
            "---\ntitle: A\nowner: O\nreview_by: 2030-01-01\n---\n![logo](assets/_img/logo.svg) [form](assets/_forms/_blank.pdf) [secret](assets/.secret) [notes](_notes/x.md)\n",
        ),
        (
            "assets/_img/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("assets/_forms/_blank.pdf", "%PDF-1.4"),
        ("assets/.secret", "token"),
        ("_notes/x.md", "---\ntitle: X\nowner: O\n---\n"),
    ]);
    let (_, report) = check_json(hb.to_str().unwrap());
    let broken: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "broken_reference")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(broken.len(), 2, "{broken:#?}");
    assert!(broken[0].contains("assets/.secret") && broken[0].contains("never published"));
    assert!(broken[1].contains("_notes/x.md") && broken[1].contains("never published"));
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.join("assets/_img/logo.svg").is_file());
    assert!(site.join("assets/_forms/_blank.pdf").is_file());
    assert!(!site.join("assets/.secret").exists());
}

#[test]
fn links_match_case_exactly_and_a_case_mismatch_gets_the_right_name() {
    let (_dir, hb) = handbook_of(&[
        (
            "hr/a.md",
            "---\ntitle: A\nowner: O\nreview_by: 2030-01-01\n---\n[c](../Safeguarding/Confidentiality.md) [form](../assets/Forms/Leave.PDF) [ok](../safeguarding/Confidentiality.md)\n",
        ),
        (
            "safeguarding/Confidentiality.md",
            "---\ntitle: C\nowner: O\nreview_by: 2030-01-01\n---\nText.\n",
        ),
        ("assets/forms/leave.pdf", "%PDF-1.4"),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let broken: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "broken_reference")
        .map(|f| {
            (
                f["message"].as_str().unwrap().to_string(),
                f["suggestion"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(broken.len(), 2, "{broken:#?}");
    assert!(
        broken[0]
            .0
            .contains("did you mean safeguarding/Confidentiality.md?"),
        "{broken:?}"
    );
    assert_eq!(broken[0].1, "confidentiality");
    assert!(
        broken[1].0.contains("did you mean assets/forms/leave.pdf?"),
        "{broken:?}"
    );
    assert_eq!(broken[1].1, "assets/forms/leave.pdf");
}

#[test]
fn approved_reads_well_with_or_without_who() {
    let (_dir, hb) = handbook_of(&[
        (
            "a.md",
            "---\ntitle: A\nowner: O\napproved: 2020-11-16\nreview_by: 2030-01-01\n---\nText.\n",
        ),
        (
            "b.md",
            "---\ntitle: B\nowner: O\napproved: 2020-11-16\napproved_by: Board\nreview_by: 2030-01-01\n---\nText.\n",
        ),
        (
            "c.md",
            "---\ntitle: C\nowner: O\napproved_by: Board\nreview_by: 2030-01-01\n---\nText.\n",
        ),
    ]);
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    let page =
        |id: &str| std::fs::read_to_string(site.join(format!("policies/{id}.html"))).unwrap();
    assert!(
        page("a").contains("<dt>Approved</dt><dd>16 November 2020</dd>"),
        "{}",
        page("a")
    );
    assert!(page("b").contains("<dt>Approved</dt><dd>by Board on 16 November 2020</dd>"));
    assert!(page("c").contains("<dt>Approved</dt><dd>by Board</dd>"));
}

#[test]
fn static_files_go_to_the_top_of_the_site_and_a_clash_is_an_error() {
    let (_dir, hb) = handbook_of(&[
        (
            "a.md",
            "---\ntitle: A\nowner: O\nreview_by: 2030-01-01\n---\nText.\n",
        ),
        ("static/web.config", "<configuration/>"),
        ("static/robots.txt", "User-agent: *\nDisallow: /\n"),
        ("static/.well-known/security.txt", "Contact: it@example.org"),
        ("static/.htaccess", "Options -Indexes"),
        ("static/.env", "PASSWORD=never published"),
        ("static/_headers", "kept"),
        ("static/assets/logo.png", "png"),
        ("static/policies/a.txt", "mine"),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let clashes: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "invalid_config")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(clashes.len(), 2, "{clashes:#?}");
    assert_eq!(clashes[0].0, "static/assets/logo.png");
    assert!(clashes[0].1.contains("its own assets"), "{}", clashes[0].1);
    assert_eq!(clashes[1].0, "static/policies/a.txt");
    assert!(
        clashes[1].1.contains("its own policies"),
        "{}",
        clashes[1].1
    );
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(site.join("web.config")).unwrap(),
        "<configuration/>"
    );
    assert!(site.join("robots.txt").is_file());
    assert!(site.join("_headers").is_file());
    // A host's own dotfiles at the top of static/ go; others never do.
    assert!(site.join(".well-known/security.txt").is_file());
    assert!(site.join(".htaccess").is_file());
    assert!(!site.join(".env").exists());
    assert!(!site.join("assets/logo.png").exists());
    assert!(!site.join("policies/a.txt").exists());
    // The marker lists them, so the next build replaces the folder.
    assert_eq!(build_into(&hb, &site, &[]).code, 0);
    // No static file is read as a policy.
    assert_eq!(report["policies"], 1);
}

/// The site writes nothing at its top that render::SITE_NAMES does not
/// list (which the clash check for static/ relies on).
#[test]
fn site_names_list_everything_at_the_top_of_a_site() {
    let (_dir, site, _) = build(&sample(), &[]);
    for entry in std::fs::read_dir(&site).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            policybook::site::render::SITE_NAMES.contains(&name.as_str()),
            "{name} is not in render::SITE_NAMES"
        );
    }
}

/// A URL's path or anchor with `%20` and friends decoded, as a browser
/// finds the file or element.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[test]
fn every_policy_page_offers_a_feedback_email_about_itself() {
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\nbase_url: /intranet/\nfeedback_email: policies@example.org\n",
        ),
        (
            "fees.md",
            "---\ntitle: \"Fees & Charges? Ça va #1\"\nowner: M\nversion: \"2.1\"\nreview_by: 2030-01-01\n---\n\nText.\n",
        ),
    ]);
    let (_out, site, r) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(site.join("policies/fees.html")).unwrap();
    let href = page
        .split("<a href=\"mailto:")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no mailto link: {page}"));
    assert!(
        page.contains(">Report a problem with this policy</a>"),
        "{page}"
    );
    // In the HTML the & between the fields is &amp;; read as a URL, each
    // field decodes to what it says, with nothing that would end it early.
    let url = href.replace("&amp;", "&");
    let (to, query) = url.split_once('?').unwrap();
    assert_eq!(to, "policies@example.org");
    let fields: Vec<(&str, String)> = query
        .split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            assert!(!v.contains(['&', '?', '#', ' ']), "{v}");
            (
                k,
                percent_encoding::percent_decode_str(v)
                    .decode_utf8()
                    .unwrap()
                    .into_owned(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            (
                "subject",
                "Problem with a policy: Fees & Charges? Ça va #1 (fees, version 2.1)".to_string()
            ),
            (
                "body",
                "Page: /intranet/policies/fees.html\r\n\r\nWhat is wrong, and where:\r\n"
                    .to_string()
            ),
        ]
    );
    // Not an email: an error naming the key, and no link.
    std::fs::write(
        hb.join("handbook.yaml"),
        "title: T\nfeedback_email: policies at example\n",
    )
    .unwrap();
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let f = first_where(&report, "key", "feedback_email");
    assert_eq!(
        (f["kind"].as_str(), f["line"].as_u64()),
        (Some("invalid_config"), Some(2))
    );
    let (_out, site, _) = build(hb.to_str().unwrap(), &[]);
    let page = std::fs::read_to_string(site.join("policies/fees.html")).unwrap();
    assert!(!page.contains("Report a problem"), "{page}");
}

/// Every file of a built site, by path, with its bytes.
fn site_files(site: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(site).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_theme_of_ones_own_changes_only_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    let r = build_into(Path::new(&fixture("clean")), &plain, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = site_files(&plain);
    for (file, text, changed) in [
        (
            "templates/category.html",
            "{% extends \"base.html\" %}{% block content %}<h1>Ours: {{ name }}</h1>{% endblock content %}",
            "categories/",
        ),
        (
            "static/style.css",
            "body { color: rebeccapurple; }",
            "static/style.css",
        ),
    ] {
        let hb = dir.path().join(format!("hb-{}", changed.replace('/', "-")));
        copy_tree(Path::new(&fixture("clean")), &hb);
        std::fs::write(hb.join("handbook.yaml"), "title: Clean\ntheme: mine\n").unwrap();
        let path = hb.join("themes/mine").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let out = dir
            .path()
            .join(format!("site-{}", changed.replace('/', "-")));
        let r = build_into(&hb, &out, &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let after = site_files(&out);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "the same files"
        );
        let differ: Vec<&String> = after
            .iter()
            .filter(|(path, bytes)| before[*path] != **bytes)
            .map(|(path, _)| path)
            .collect();
        assert!(!differ.is_empty(), "{file} changed nothing");
        assert!(
            differ.iter().all(|p| p.starts_with(changed)),
            "{file} changed {differ:?}"
        );
    }
}

#[test]
fn the_accessibility_statement_is_made_from_the_settings() {
    let (_dir, site, r) = build(&sample(), &[]);
    assert!(r.code <= 1, "{}", r.stderr);
    let statement = std::fs::read_to_string(site.join("accessibility.html")).unwrap();
    for said in [
        "<h1>Accessibility statement for Riverside Children&#39;s Centre Staff Handbook</h1>",
        "This website is run by Riverside Children&#39;s Centre.",
        "<h2 id=\"how-accessible\">How accessible this website is</h2>",
        "Some forms under Forms and templates are scanned PDFs",
        "<h2 id=\"feedback\">Feedback and contact information</h2>",
        "href=\"mailto:policies@riverside.example.org\"",
        "call 01632 960 123",
        "get back to you in 5 working days",
        "<h2 id=\"enforcement\">Enforcement procedure</h2>",
        "Equality Advisory and Support Service (EASS)",
        "This website is partially compliant with the",
        "<h2 id=\"non-accessible\">Non-accessible content</h2>",
        "<h2 id=\"preparation\">Preparation of this accessibility statement</h2>",
        "last tested on <time datetime=\"2026-11-23\">23 November 2026</time>. The test was carried out by the centre",
    ] {
        assert!(statement.contains(said), "{said}\n{statement}");
    }
    // Linked from every page's footer, marked where it is.
    assert!(statement.contains(
        "<a href=\"accessibility.html\" aria-current=\"page\">Accessibility statement</a>"
    ));
    let policy = std::fs::read_to_string(site.join("policies/lone-working.html")).unwrap();
    assert!(policy.contains("<a href=\"../accessibility.html\">Accessibility statement</a>"));
    // With no settings: fully compliant, and who to ask instead.
    let (_dir, site, _) = build(&fixture("clean"), &[]);
    let statement = std::fs::read_to_string(site.join("accessibility.html")).unwrap();
    // Never tested: it claims nothing.
    assert!(!statement.contains("fully compliant"), "{statement}");
    assert!(
        statement.contains("has not yet been tested against the"),
        "{statement}"
    );
    assert!(
        statement.contains("ask the owner of the policy"),
        "{statement}"
    );
    assert!(
        statement.contains("This website has not yet been tested for accessibility."),
        "{statement}"
    );
    // Tested, with no known issues: fully compliant.
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&fixture("clean")), &hb);
    std::fs::write(
        hb.join("handbook.yaml"),
        "title: Clean\naccessibility:\n  last_tested: 2026-10-01\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    assert_eq!(build_into(&hb, &out, &[]).code, 0);
    let statement = std::fs::read_to_string(out.join("accessibility.html")).unwrap();
    assert!(
        statement.contains("This website is fully compliant"),
        "{statement}"
    );
}

#[test]
fn the_header_has_the_logo_and_organisation_and_marks_where_you_are() {
    let (_dir, site, _) = build(&sample(), &[]);
    let read = |p: &str| std::fs::read_to_string(site.join(p)).unwrap();
    let policy = read("policies/lone-working.html");
    assert!(
        policy.contains("<img class=\"logo\" src=\"../assets/images/riverside-logo.svg\" alt=\"\"><span class=\"site-names\"><span class=\"handbook\">Riverside Children&#39;s Centre Staff Handbook</span></span>"),
        "{policy}"
    );
    assert!(site.join("assets/images/riverside-logo.svg").is_file());
    assert!(
        !policy.contains("aria-current"),
        "no navigation item is this page"
    );
    assert!(
        read("reviews.html").contains("<a href=\"reviews.html\" aria-current=\"page\">Reviews</a>")
    );
    assert!(
        read("reviews/overdue.html")
            .contains("<a href=\"../reviews.html\" aria-current=\"true\">Reviews</a>")
    );
    assert!(
        read("owners/centre-manager.html")
            .contains("<a href=\"../owners.html\" aria-current=\"true\">Owners</a>")
    );
    assert!(read("index.html").contains("<a href=\"index.html\" aria-current=\"page\">Home</a>"));
    // The header box is a combobox with its listbox and a live region.
    assert!(policy.contains("role=\"combobox\" aria-autocomplete=\"list\" aria-controls=\"search-dropdown\" aria-expanded=\"false\""));
    assert!(policy.contains("id=\"search-dropdown\" class=\"search-dropdown\" role=\"listbox\""));
    assert!(policy.contains("data-search-live role=\"status\""));
    // Each table scrolls in a labelled region of its own.
    let complaints = read("policies/complaints.html");
    assert!(
        complaints.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1: Timescales\">\n<table>"),
        "{complaints}"
    );
    assert!(read("reviews.html").contains(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Overdue reviews\">"
    ));
    // What a printed page carries: the masthead, the address, the note.
    assert!(policy.contains("<p class=\"print-only print-masthead\">Riverside Children&#39;s Centre · Riverside Children&#39;s Centre Staff Handbook</p>"));
    assert!(policy.contains("<span data-page-address>/policies/lone-working.html</span> · <span data-printed-on>Built on 23 November 2026</span> · Uncontrolled when printed: check the intranet for the current version."));
    assert!(policy.contains("<button type=\"button\" class=\"button-secondary\" data-print hidden>Print this policy</button>"));
}

#[test]
fn a_logo_that_is_not_there_or_not_a_picture_is_an_error_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(Path::new(&fixture("clean")), &hb);
    for (logo, says) in [
        (
            "assets/logo.svg",
            "logo assets/logo.svg is not in the handbook",
        ),
        (
            "images/logo.png",
            "should be the path of a picture in the handbook's assets folder",
        ),
        (
            "assets/../../etc/passwd.png",
            "should be the path of a picture in the handbook's assets folder",
        ),
        (
            "assets/logo.pdf",
            "a file ending .svg, .png, .jpg, .jpeg, .gif, .webp",
        ),
    ] {
        std::fs::write(
            hb.join("handbook.yaml"),
            format!("title: Clean\nlogo: {logo}\naccessibility:\n  contact: nobody\n"),
        )
        .unwrap();
        let (code, report) = check_json(hb.to_str().unwrap());
        assert_eq!(code, 1, "{logo}");
        let findings = report["findings"].as_array().unwrap();
        let logo_finding = findings
            .iter()
            .find(|f| f["key"] == "logo")
            .unwrap_or_else(|| panic!("{logo}: {report:#}"));
        assert_eq!(logo_finding["line"], 2);
        assert_eq!(logo_finding["kind"], "invalid_config");
        assert!(
            logo_finding["message"].as_str().unwrap().contains(says),
            "{logo_finding}"
        );
        let contact = findings
            .iter()
            .find(|f| f["key"] == "accessibility.contact")
            .unwrap();
        assert_eq!(contact["line"], 4);
    }
    // Once the picture is there, the header shows it.
    std::fs::create_dir_all(hb.join("assets")).unwrap();
    std::fs::write(
        hb.join("assets/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(
        hb.join("handbook.yaml"),
        "title: Clean\norganisation: Oakfield School\nlogo: assets/logo.svg\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    let r = build_into(&hb, &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    // The organisation is named beside a title that does not name it.
    assert!(
        home.contains("<img class=\"logo\" src=\"assets/logo.svg\" alt=\"\"><span class=\"site-names\"><span class=\"organisation\">Oakfield School</span> <span class=\"handbook\">Clean</span>"),
        "{home}"
    );
    // A logo that is not there is left out of the header, not shown broken.
    std::fs::remove_file(hb.join("assets/logo.svg")).unwrap();
    let r = build_into(&hb, &out, &[]);
    assert!(r.code <= 1, "{}", r.stderr);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!home.contains("class=\"logo\""), "{home}");
}
