//! Adopting a Markdown handbook written for other tools (issue #28):
//! defaults in `handbook.yaml` and `_folder.yaml`, the review cycle words
//! real policies use, extra keys holding lists and maps, front-matter that
//! lost its opening line. Runs the real binary over
//! `tests/fixtures/adopt`.

mod common;
use common::*;

#[test]
fn review_cycle_words_are_read_with_a_note_where_they_are_unclear() {
    let (_, report) = check_json(&fixture("adopt"));
    let access = findings_of(&report, "security/access-control.md");
    assert!(
        access.contains(&(
            "interpreted".into(),
            "info".into(),
            5,
            "review_every \"termly\" is read as every 4 months (three terms a year): write \"4 months\" to say so, or \"1 year\" for a yearly review".into()
        )),
        "{access:#?}"
    );
    let backups = findings_of(&report, "security/backups.md");
    assert!(
        backups.iter().any(|(k, s, l, m)| k == "interpreted"
            && s == "warning"
            && *l == 5
            && m.contains("can mean twice a year or every two years")),
        "{backups:#?}"
    );
    // bi-annually from 2026-06-01 is due 2026-12-01, within due_soon_days
    // of TODAY (termly is checked on the page, below).
    assert!(
        backups
            .iter()
            .any(|(k, _, _, m)| k == "due_soon" && m.contains("2026-12-01")),
        "{backups:#?}"
    );
}

#[test]
fn front_matter_without_its_opening_line_says_so() {
    let (_dir, hb) = handbook_of(&[(
        "people/leave.md",
        "title: Leave\nowner: HR Lead\n---\nLeave is booked in advance.\n",
    )]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    assert_eq!(
        findings_of(&report, "people/leave.md"),
        [(
            "invalid_front_matter".to_string(),
            "error".to_string(),
            1,
            "this file's front-matter has no opening ---: the keys on lines 1 to 2 end with the --- on line 3, so add a line --- above line 1".to_string()
        )]
    );
}

#[test]
fn extra_keys_with_lists_and_maps_are_nested_lists_on_the_page() {
    let (_dir, out, run) = build(&fixture("adopt"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.join("policies/access-control.html")).unwrap();
    // termly from 2026-09-01: four months on.
    assert!(
        page.contains(
            "<time datetime=\"2027-01-01\">1 January 2027</time> (reviewed every 4 months)"
        ),
        "{page}"
    );
    assert!(
        page.contains("<div><dt>Scope</dt><dd>staff, contractors</dd></div>"),
        "{page}"
    );
    assert!(
        page.contains("<div><dt>Contacts</dt><dd><ul class=\"extra\"><li>name: Ann Lee, phone: 0123 456</li><li>Service desk</li></ul></dd></div>"),
        "{page}"
    );
}

#[test]
fn defaults_fill_in_what_a_policy_does_not_write_and_say_where_from() {
    let (code, report) = check_json(&fixture("adopt"));
    assert_eq!(code, 1);
    // people/leave.md writes only its title: its owner and approval come
    // from people/_folder.yaml, its cycle from handbook.yaml.
    assert_eq!(
        findings_of(&report, "people/leave.md"),
        [(
            "overdue".to_string(),
            "error".to_string(),
            1,
            "review was due on 2026-06-01 (175 days ago; review_every from handbook.yaml line 10, approved from people/_folder.yaml line 3); owner: HR Lead, from people/_folder.yaml line 2".to_string()
        )]
    );
    // The policy's own values win: expenses is its own owner's, approved
    // 2026-03-01, so with the yearly default it is current.
    assert_eq!(findings_of(&report, "people/expenses.md"), []);
    let (_dir, out, run) = build(&fixture("adopt"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let leave = std::fs::read_to_string(out.join("policies/leave.html")).unwrap();
    assert!(leave.contains("<dd>HR Lead (Jo King)"), "{leave}");
    assert!(
        leave.contains("<dd>by Board of Trustees on 1 June 2025</dd>"),
        "{leave}"
    );
    assert!(
        leave.contains("<span class=\"tag\">people</span>"),
        "{leave}"
    );
    assert!(
        leave.contains("Not written in this policy's file: approved_by and review_every are set in handbook.yaml; approved, owner and tags are set in people/_folder.yaml."),
        "{leave}"
    );
    let expenses = std::fs::read_to_string(out.join("policies/expenses.html")).unwrap();
    assert!(expenses.contains("<dd>Finance Lead"), "{expenses}");
    assert!(
        expenses.contains("Not written in this policy's file: approved_by and review_every are set in handbook.yaml; tags is set in people/_folder.yaml."),
        "{expenses}"
    );
}

#[test]
fn bad_defaults_are_reported_once_where_they_are_set() {
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\nowners:\n  HR Lead: { name: Jo }\ndefaults:\n  review_evry: 1 year\n",
        ),
        (
            "hr/_folder.yaml",
            "owner: hr lead\ntitle: Shared\napproved: 1 June 2025\n",
        ),
        ("hr/a.md", "---\ntitle: A\n---\nText.\n"),
        ("hr/b.md", "---\ntitle: B\n---\nText.\n"),
        ("it/_folder.yaml", "- not\n- a map\n"),
        ("it/c.md", "---\ntitle: C\nowner: IT\n---\nText.\n"),
        ("ops/_folder.yaml", "owner: [unclosed\n"),
        ("ops/d.md", "---\ntitle: D\nowner: Ops\n---\nText.\n"),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1, "{report:#}");
    let found = kinds(&report);
    let has = |kind: &str, file: &str, line: u64| {
        assert!(
            found.contains(&(kind.to_string(), file.to_string(), line)),
            "missing {kind} at {file}:{line} in {found:#?}"
        )
    };
    // A near miss of review_every is an error: it would switch reviews off.
    has("unknown_key", "handbook.yaml", 5);
    assert_eq!(
        first_where(&report, "kind", "unknown_key")["severity"],
        "error"
    );
    // Once, on the line that set it, not on each of hr/a.md and hr/b.md.
    has("owner_misspelt", "hr/_folder.yaml", 1);
    assert_eq!(
        values_where(&report, "kind", "owner_misspelt", "file"),
        ["hr/_folder.yaml"]
    );
    has("invalid_front_matter", "hr/_folder.yaml", 2);
    has("invalid_front_matter", "hr/_folder.yaml", 3);
    has("invalid_config", "it/_folder.yaml", 1);
    has("invalid_config", "ops/_folder.yaml", 1);
    // The misspelt owner is still used, as registered.
    let (_dir2, out, run) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let a = std::fs::read_to_string(out.join("policies/a.html")).unwrap();
    assert!(a.contains("<dd>HR Lead (Jo)"), "{a}");
}

#[test]
fn a_folders_index_or_readme_is_its_policy_with_the_folders_path_as_id() {
    let (_dir, out, run) = build(&fixture("adopt"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let guides = std::fs::read_to_string(out.join("policies/guides.html")).unwrap();
    assert!(guides.contains("<h1>Staff Guides</h1>"), "{guides}");
    let remote = std::fs::read_to_string(out.join("policies/guides-remote.html")).unwrap();
    assert!(remote.contains("<h1>Remote Working</h1>"), "{remote}");
    // Eight index.md files never clash: each has its folder's path.
    let (_dir, hb) = handbook_of(&[
        ("a/index.md", "---\ntitle: A\nowner: X\n---\n"),
        ("b/index.md", "---\ntitle: B\nowner: X\n---\n"),
        ("b/c/INDEX.md", "---\ntitle: C\nowner: X\n---\n"),
        ("d/readme.md", "---\nowner: X\n---\n"),
    ]);
    let (_, report) = check_json(hb.to_str().unwrap());
    assert!(
        values_where(&report, "kind", "duplicate_id", "file").is_empty(),
        "{report:#}"
    );
    let ids: Vec<&str> = values_where(&report, "kind", "invalid_front_matter", "policy");
    // d/readme.md has no title: it is reported under the folder's id, and
    // titled after the folder.
    assert_eq!(ids, ["d"]);
    let (_dir2, out, run) = build(hb.to_str().unwrap(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in ["a", "b", "b-c", "d"] {
        assert!(
            out.join(format!("policies/{page}.html")).is_file(),
            "{page}"
        );
    }
    let d = std::fs::read_to_string(out.join("policies/d.html")).unwrap();
    assert!(d.contains("<h1>D</h1>"), "{d}");
}

#[test]
fn links_written_for_other_generators_resolve_with_a_note() {
    let (_, report) = check_json(&fixture("adopt"));
    let links = findings_of(&report, "security/links.md");
    let note = |line: u64, text: &str| {
        assert!(
            links
                .iter()
                .any(|(k, s, l, m)| k == "interpreted" && s == "info" && *l == line && m == text),
            "no note at line {line}: {text}\n{links:#?}"
        )
    };
    note(
        8,
        "link access-control.html is read as a link to security/access-control.md (Access Control): write [[access-control]] or the file's path, so that every tool finds it",
    );
    note(
        9,
        "link backups/ is read as a link to security/backups.md (Backups): write [[backups]] or the file's path, so that every tool finds it",
    );
    note(
        10,
        "link /guides/ is read as a link to guides/index.md (Staff Guides): write [[guides]] or the file's path, so that every tool finds it",
    );
    note(
        11,
        "link ../guides/remote/ is read as a link to guides/remote/README.md (Remote Working): write [[guides-remote]] or the file's path, so that every tool finds it",
    );
    // [[Access Control]] names the policy by its exact title.
    note(
        12,
        "[[Access Control]] names security/access-control.md by its title: write [[access-control]], which stays when the title changes",
    );
    // A link still holding template syntax is "not filled in", not a
    // missing file.
    assert!(
        links.contains(&(
            "broken_reference".into(),
            "error".into(),
            13,
            "link {{site.baseurl}}/policies/x.md still holds template text ({{site.baseurl}}) that was never filled in: write the link to the policy or file it is meant to be".into()
        )),
        "{links:#?}"
    );
    // One that names no policy gets the policy file most like it.
    let typo = links
        .iter()
        .find(|(k, _, l, _)| k == "broken_reference" && *l == 20)
        .unwrap_or_else(|| panic!("{links:#?}"));
    assert_eq!(
        typo.3,
        "link acces-control.html does not match any policy (there is no security/acces-control.md, nor security/acces-control/index.md); did you mean security/access-control.md?"
    );
    let (_dir, out, _) = build(&fixture("adopt"), &[]);
    let page = std::fs::read_to_string(out.join("policies/links.html")).unwrap();
    for (href, text) in [
        ("../policies/access-control.html", "access control"),
        ("../policies/backups.html", "backups"),
        ("../policies/guides.html", "the guides"),
        ("../policies/guides-remote.html", "remote working"),
        ("../policies/access-control.html", "Access Control"),
    ] {
        assert!(
            page.contains(&format!("href=\"{href}\">{text}</a>")),
            "{href} {text}: {page}"
        );
    }
}

#[test]
fn template_text_left_in_a_body_is_a_warning_with_its_line() {
    let (_, report) = check_json(&fixture("adopt"));
    let links = findings_of(&report, "security/links.md");
    let placeholders: Vec<(u64, &str)> = links
        .iter()
        .filter(|(k, s, _, _)| k == "unfilled_placeholder" && s == "warning")
        .map(|(_, _, l, m)| (*l, m.as_str()))
        .collect();
    assert_eq!(
        placeholders,
        [
            (
                14,
                "the template text {{ site.baseurl }} was never filled in: replace it with what it stands for before this policy is published (or put it in `backticks` if it is meant to be shown)"
            ),
            (
                16,
                "the template text {{companyName}} was never filled in: replace it with what it stands for before this policy is published (or put it in `backticks` if it is meant to be shown)"
            ),
        ],
        "the one in `code` on line 18 is meant to be shown"
    );
}

#[test]
fn excluded_files_are_left_out_and_said_so() {
    let (_, report) = check_json(&fixture("adopt"));
    assert_eq!(report["policies"], 8, "{report:#}");
    let files = values_where(&report, "kind", "invalid_front_matter", "file");
    assert!(files.is_empty(), "{files:?}");
    let (_dir, out, run) = build(&fixture("adopt"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "Left out by exclude: in handbook.yaml: 1 file (security/new-policy.tmpl.md) and 1 folder (templates/)."
        ),
        "{}",
        run.stdout
    );
    assert!(!out.join("policies/policy.html").exists());
    assert!(!out.join("policies/new-policy-tmpl.html").exists());
    // A pattern that is not a glob is an error on its line.
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\nexclude:\n  - ok/**\n  - \"drafts/{a,b\"\n",
        ),
        ("a.md", "---\ntitle: A\nowner: X\n---\n"),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let f = first_where(&report, "kind", "invalid_config");
    assert_eq!(f["line"], 4);
    assert_eq!(
        f["message"],
        "exclude pattern \"drafts/{a,b\" is not a glob pattern (a { is never closed with }): write it like drafts/** or *.tmpl.md"
    );
}

#[test]
fn keys_map_a_collections_own_front_matter_onto_ours() {
    let (_, report) = check_json(&fixture("adopt"));
    assert_eq!(
        findings_of(&report, "security/passwords.md"),
        [(
            "interpreted".to_string(),
            "warning".to_string(),
            4,
            "effective_date (which keys: in handbook.yaml maps onto approved) \"November 16, 2026\" is read as 2026-11-16: write it as 2026-11-16, the form every tool reads the same way".to_string()
        )],
        "name and policy_owner are its title and owner: neither is missing"
    );
    let (_dir, out, _) = build(&fixture("adopt"), &[]);
    let page = std::fs::read_to_string(out.join("policies/passwords.html")).unwrap();
    assert!(page.contains("<h1>Passwords</h1>"), "{page}");
    assert!(
        page.contains(">Information Security Lead</a> (Sam Patel)"),
        "{page}"
    );
    // approved 2026-11-16 + the default yearly cycle.
    assert!(page.contains("<time datetime=\"2027-11-16\">"), "{page}");
    // A date under a key of our own stays strict.
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\nkeys:\n  name: title\n  effective: aproved\n  title: name\n  sponsor: [owner]\n",
        ),
        (
            "a.md",
            "---\nname: A\nowner: X\napproved: Jun 1 2018\n---\n",
        ),
    ]);
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let config: Vec<(u64, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "handbook.yaml")
        .map(|f| (f["line"].as_u64().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        config,
        [
            (
                4,
                "keys: effective is mapped onto aproved, which is not a front-matter key (did you mean approved?)"
            ),
            (
                5,
                "keys: title is one of policybook's own front-matter keys, so it cannot stand for another: take it out of keys"
            ),
            (
                6,
                "keys: sponsor should name one front-matter key, such as title or approved"
            ),
        ]
    );
    let f = first_where(&report, "file", "a.md");
    assert_eq!(
        f["message"],
        "approved \"Jun 1 2018\" is not a date (write it as 2018-06-01)"
    );
}

#[test]
fn what_the_review_of_the_defaults_found_stays_fixed() {
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\ndefaults:\n  status: draft\nkeys:\n  next_review: review_by\n",
        ),
        (
            "people/_folder.yaml",
            "owner: Folder Owner\nstatus: retird\n",
        ),
        // An owner left blank takes the default.
        (
            "people/a.md",
            "---\ntitle: A\nowner:\nreview_by: 2027-06-01\n---\n",
        ),
        // A typo of a mapped, decisive key is an error with "did you mean".
        (
            "people/b.md",
            "---\ntitle: B\nstatus: active\nnext_reveiw: 2020-01-01\n---\n",
        ),
        // A link to a folder reaches its page before a file beside it.
        (
            "guides.md",
            "---\nid: guides-file\ntitle: Guides File\nowner: X\nstatus: active\nreview_by: 2027-06-01\n---\n[g](guides/)\n",
        ),
        (
            "guides/index.md",
            "---\ntitle: Guides Page\nowner: X\nstatus: active\nreview_by: 2027-06-01\n---\n[self](./)\n",
        ),
    ]);
    let (_, report) = check_json(hb.to_str().unwrap());
    // status: retird in people/_folder.yaml is an error there and sets
    // nothing, so handbook.yaml's draft holds.
    assert_eq!(
        first_where(&report, "file", "people/_folder.yaml")["line"],
        2
    );
    let b = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "people/b.md" && f["kind"] == "unknown_key")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(b["severity"], "error", "{b:#}");
    assert!(
        b["message"]
            .as_str()
            .unwrap()
            .contains("did you mean next_review?"),
        "{b:#}"
    );
    let (_dir2, out, run) = build(hb.to_str().unwrap(), &["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let a = std::fs::read_to_string(out.join("policies/a.html")).unwrap();
    assert!(a.contains("<dd>Folder Owner"), "{a}");
    assert!(a.contains("status-draft"), "{a}");
    let file_page = std::fs::read_to_string(out.join("policies/guides-file.html")).unwrap();
    assert!(
        file_page.contains("href=\"../policies/guides.html\">g</a>"),
        "{file_page}"
    );
    let folder_page = std::fs::read_to_string(out.join("policies/guides.html")).unwrap();
    assert!(
        folder_page.contains("href=\"../policies/guides.html\">self</a>"),
        "{folder_page}"
    );
}

#[test]
fn a_title_shared_or_in_the_wrong_case_is_said_so() {
    let (_dir, hb) = handbook_of(&[
        (
            "s/a.md",
            "---\ntitle: Same Title\nowner: X\nreview_by: 2027-06-01\n---\n",
        ),
        (
            "s/b.md",
            "---\ntitle: Same Title\nowner: X\nreview_by: 2027-06-01\n---\n",
        ),
        (
            "c.md",
            "---\ntitle: C\nowner: X\nreview_by: 2027-06-01\n---\n[[Same Title]]\n\n[[same title]]\n",
        ),
    ]);
    let (_, report) = check_json(hb.to_str().unwrap());
    let c = findings_of(&report, "c.md");
    assert!(
        c.contains(&(
            "interpreted".into(),
            "warning".into(),
            6,
            "[[Same Title]] names 2 policies with that title, and goes to the first, s/a.md: write [[a]] or the id of the one you mean".into()
        )),
        "{c:#?}"
    );
    assert!(
        c.contains(&(
            "broken_reference".into(),
            "error".into(),
            8,
            "[[same title]] does not match any policy id or exact title; did you mean [[a]] (Same Title)?".into()
        )),
        "{c:#?}"
    );
}
