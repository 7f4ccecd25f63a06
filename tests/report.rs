//! `policybook report`: the review schedule as CSV, JSON and Markdown,
//! over the sample handbook and small handbooks made by the tests.

mod common;
use common::*;

fn report(handbook: &str, args: &[&str]) -> Run {
    let mut all = vec!["report", handbook, "--today", TODAY];
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn csv_has_a_row_per_published_policy_in_review_order() {
    let r = report(&sample(), &["--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = r
        .stdout
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "title",
            "owner",
            "owner_email",
            "category",
            "last_reviewed",
            "review_by",
            "status",
            "days_until_due",
            "url",
            "words",
            "reading_age",
            "long_sentences"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 18 policies less the draft and the retired one (and the template,
    // which is no policy).
    assert_eq!(rows.len(), 16, "{}", r.stdout);
    let first = &rows[0];
    assert_eq!(&first[0], "lone-working");
    assert_eq!(&first[6], "2026-09-30");
    assert_eq!(&first[7], "overdue");
    assert_eq!(&first[8], "-54");
    assert_eq!(&first[9], "/policies/lone-working.html");
    assert_eq!(&rows[1][7], "due_soon");
    assert!(
        !rows
            .iter()
            .any(|r| &r[0] == "artificial-intelligence-tools" || &r[0] == "fax-and-post")
    );
    let dates: Vec<&str> = rows.iter().map(|r| r.get(6).unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "soonest first");
}

#[test]
fn owner_and_within_keep_what_they_say_and_json_has_the_same_rows() {
    let r = report(
        &sample(),
        &[
            "--format",
            "json",
            "--owner",
            "centre manager",
            "--within",
            "60",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    let ids: Vec<&str> = v["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["lone-working", "confidentiality"], "{v:#}");
    assert_eq!(v["reviews"][0]["days_until_due"], -54);
    assert_eq!(v["reviews"][0]["owner"], "Centre Manager");
}

#[test]
fn markdown_groups_by_owner_with_overdue_first() {
    let r = report(&sample(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.starts_with("# Policy reviews as of 2026-11-23\n"),
        "{out}"
    );
    let manager = out.find("## Centre Manager").unwrap();
    let overdue = out
        .find(
            "| [Lone Working](/policies/lone-working.html) | 2026-09-30 (54 days ago) | Overdue |",
        )
        .unwrap();
    let current = out
        .find("| [Confidentiality](/policies/confidentiality.html)")
        .unwrap();
    assert!(manager < overdue && overdue < current, "{out}");
    assert!(out.contains("1 review is overdue."), "{out}");
    insta::assert_snapshot!("sample_schedule_md", out);
}

#[test]
fn titles_that_need_escaping_come_out_whole() {
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        "---\ntitle: \"Hats, Caps; and \\\"Sun\\\" | Cream [x]\"\nowner: Room Leader\nreview_by: 2026-12-01\n---\n\nText.\n",
    )]);
    let hb = hb.to_str().unwrap();
    let r = report(hb, &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(r.stdout.trim_start_matches('\u{feff}').as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "Hats, Caps; and \"Sun\" | Cream [x]");
    let md = report(hb, &[]).stdout;
    assert!(
        md.contains("[Hats, Caps; and \"Sun\" \\| Cream \\[x\\]](/policies/a.html)"),
        "{md}"
    );
}

#[test]
fn bad_arguments_exit_2() {
    for args in [&["--within", "-3"][..], &["--format", "xls"][..]] {
        let r = report(&sample(), args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
    let r = run(&["report", &fixture("bad"), "--today", TODAY]);
    assert_eq!(r.code, 2);
}

/// The events of an iCalendar file as read back by the `icalendar`
/// crate's parser: each as (property name → value).
fn events(ics: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a calendar that parses");
    let root = &calendar.components;
    let vcalendar = root
        .iter()
        .find(|c| c.name == "VCALENDAR")
        .map_or(root, |c| &c.components);
    vcalendar
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn ics_has_an_all_day_event_per_dated_review_that_keeps_its_uid() {
    let r = report(&sample(), &["--format", "ics"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ics = &r.stdout;
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains("METHOD:PUBLISH\r\n"));
    assert!(!ics.contains("ATTENDEE"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
    }
    let events = events(ics);
    // The 16 published policies all have a review date.
    assert_eq!(events.len(), 16, "{ics}");
    let lone = events
        .iter()
        .find(|e| {
            e["UID"] == "review-lone-working.riverside-children-s-centre-staff-handbook@policybook"
        })
        .unwrap();
    assert_eq!(lone["DTSTART"], "20260930");
    assert_eq!(lone["DTEND"], "20261001");
    assert_eq!(lone["SUMMARY"], "Review: Lone Working");
    assert!(lone["DESCRIPTION"].contains("Centre Manager"), "{lone:?}");
    assert!(ics.contains("TRIGGER:-P14D\r\n"));
    // The same file on another day, and with a review date moved: the
    // UIDs are the same.
    let later = run(&[
        "report",
        &sample(),
        "--format",
        "ics",
        "--today",
        "2027-01-01",
    ])
    .stdout;
    let uids = |text: &str| -> Vec<String> {
        self::events(text)
            .into_iter()
            .map(|e| e["UID"].clone())
            .collect()
    };
    assert_eq!(uids(ics), uids(&later));
}

#[test]
fn ics_escapes_and_folds_a_long_title() {
    let title = "Hats, Caps; and Sun Cream \\\\ for the Crèche and the Garden Room, all year round";
    let (_dir, hb) = handbook_of(&[(
        "a.md",
        &format!(
            "---\ntitle: \"{title}\"\nowner: Room Leader\nreview_by: 2026-12-01\n---\n\nText.\n"
        ),
    )]);
    std::fs::write(hb.join("handbook.yaml"), "title: T\nreminder_days: 7\n").unwrap();
    let ics = report(hb.to_str().unwrap(), &["--format", "ics"]).stdout;
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    let events = events(&ics);
    // Read back as written: the parser undoes the escapes.
    assert_eq!(
        events[0]["SUMMARY"],
        "Review: Hats, Caps; and Sun Cream \\ for the Crèche and the Garden Room, all year round"
    );
    assert!(
        ics.replace("\r\n ", "")
            .contains("SUMMARY:Review: Hats\\, Caps\\; and Sun Cream \\\\ for"),
        "{ics}"
    );
    assert!(ics.contains("TRIGGER:-P7D\r\n"), "{ics}");
}

#[test]
fn the_site_publishes_the_schedule_beside_the_dashboard_and_each_owner() {
    let (_dir, site, r) = build(&sample(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();
    // The dashboard's files are what `report` prints.
    assert_eq!(
        read("reviews.csv"),
        report(&sample(), &["--format", "csv"]).stdout
    );
    assert_eq!(
        read("reviews.ics"),
        report(&sample(), &["--format", "ics"]).stdout
    );
    let dashboard = read("reviews.html");
    assert!(
        dashboard.contains("<a href=\"reviews.csv\" download>"),
        "{dashboard}"
    );
    assert!(
        dashboard.contains("<a href=\"reviews.ics\" download>"),
        "{dashboard}"
    );
    // Each owner's page offers their calendar, which holds their reviews
    // and no one else's: the events `report --owner` gives.
    let page = read("owners/centre-manager.html");
    assert!(
        page.contains("<a href=\"../owners/centre-manager.ics\" download>"),
        "{page}"
    );
    let mine = read("owners/centre-manager.ics");
    let by_report = report(&sample(), &["--format", "ics", "--owner", "centre manager"]).stdout;
    assert_eq!(events(&mine), events(&by_report));
    assert!(
        mine.contains("X-WR-CALNAME:Riverside Children's Centre Staff Handbook: reviews f"),
        "{mine}"
    );
    let summaries: Vec<String> = events(&mine).iter().map(|e| e["SUMMARY"].clone()).collect();
    assert!(
        summaries.contains(&"Review: Lone Working".to_string()),
        "{summaries:?}"
    );
    assert!(
        !summaries.contains(&"Review: First Aid".to_string()),
        "{summaries:?}"
    );
    // Every owner page has one.
    for entry in std::fs::read_dir(site.join("owners")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            assert!(path.with_extension("ics").is_file(), "{}", path.display());
        }
    }
}

#[test]
fn a_calendar_made_again_keeps_each_policys_uid_when_its_date_moves() {
    let dir = tempfile::tempdir().unwrap();
    let hb = dir.path().join("hb");
    copy_tree(std::path::Path::new(&sample()), &hb);
    let hb_arg = hb.to_str().unwrap().to_string();
    let (_d1, first, _) = build(&hb_arg, &[]);
    let (_d2, second, _) = build(&hb_arg, &[]);
    let ics = |site: &std::path::Path| std::fs::read_to_string(site.join("reviews.ics")).unwrap();
    assert_eq!(
        ics(&first),
        ics(&second),
        "the same handbook, the same file"
    );
    let file = hb.join("people/lone-working.md");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("review_by: 2026-09-30"), "{text}");
    std::fs::write(
        &file,
        text.replace("review_by: 2026-09-30", "review_by: 2027-03-31"),
    )
    .unwrap();
    let (_d3, moved, _) = build(&hb_arg, &[]);
    let uid_and_start = |site: &std::path::Path| -> Vec<(String, String)> {
        let mut v: Vec<_> = events(&ics(site))
            .into_iter()
            .map(|e| (e["UID"].clone(), e["DTSTART"].clone()))
            .collect();
        v.sort();
        v
    };
    let (before, after) = (uid_and_start(&first), uid_and_start(&moved));
    assert_eq!(before.len(), after.len());
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    let (was, now) = changed[0];
    assert_eq!(was.0, now.0, "the same UID");
    assert_eq!((was.1.as_str(), now.1.as_str()), ("20260930", "20270331"));
}

#[test]
fn every_output_groups_by_the_registered_owner_however_it_is_spelt() {
    let policy = |title: &str, owner: &str| {
        format!("---\ntitle: {title}\nowner: {owner}\nreview_by: 2026-12-01\n---\n\nText.\n")
    };
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\nowners:\n  Head of Centre: { name: Jane Smith, email: head@example.org }\n",
        ),
        ("a.md", &policy("A", "Head of Centre")),
        ("b.md", &policy("B", "head of  centre")),
        ("c.md", &policy("C", "Head of Center")),
        ("d.md", &policy("D", "jane smith")),
    ]);
    let hb = hb.to_str().unwrap();
    // CSV: the registered owner and their email on every row.
    let csv_text = report(hb, &["--format", "csv"]).stdout;
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let owners: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[2].to_string(), r[3].to_string())
        })
        .collect();
    assert_eq!(
        owners,
        vec![("Head of Centre".to_string(), "head@example.org".to_string()); 4]
    );
    // Markdown: one section.
    let md = report(hb, &["--format", "md"]).stdout;
    assert_eq!(md.matches("\n## ").count(), 1, "{md}");
    // --owner by role in any case, or by the person's name.
    for who in ["HEAD OF CENTRE", "Jane Smith"] {
        let ics = report(hb, &["--format", "ics", "--owner", who]).stdout;
        assert_eq!(events(&ics).len(), 4, "{who}: {ics}");
    }
    // The person's name is counted as their role, with a warning.
    let (_, checked) = check_json(hb);
    assert!(
        first_where(&checked, "file", "d.md")["message"]
            .as_str()
            .unwrap()
            .starts_with("owner \"jane smith\" is the person registered as \"Head of Centre\""),
        "{checked:#}"
    );
    // The site: one owner page, with a calendar of all four.
    let (_d, site, r) = build(hb, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pages: Vec<String> = std::fs::read_dir(site.join("owners"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut pages = pages;
    pages.sort();
    assert_eq!(pages, ["head-of-centre.html", "head-of-centre.ics"]);
    let ics = std::fs::read_to_string(site.join("owners/head-of-centre.ics")).unwrap();
    assert_eq!(events(&ics).len(), 4, "{ics}");
}

#[test]
fn a_spreadsheet_never_runs_a_title_as_a_formula() {
    let (_dir, hb) = handbook_of(&[
        (
            "a.md",
            "---\ntitle: '=HYPERLINK(\"http://x.test\",\"Click\")'\nowner: \"@team\"\ncategory: \"-1+1\"\nreview_by: 2026-12-01\n---\n\nText.\n",
        ),
        (
            "b.md",
            "---\ntitle: \"Two\\nlines\\rand a return\"\nowner: \"Room\\nLeader\"\nreview_by: 2026-12-02\n---\n\nText.\n",
        ),
    ]);
    let hb = hb.to_str().unwrap();
    let csv_text = report(hb, &["--format", "csv"]).stdout;
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://x.test\",\"Click\")");
    assert_eq!(&rows[0][2], "'@team");
    assert_eq!(&rows[0][4], "'-1+1");
    assert_eq!(&rows[0][8], "8", "numbers stay numbers");
    // A line break in a title is kept whole in its cell; an owner is one line.
    assert_eq!(&rows[1][1], "Two\nlines\rand a return");
    assert_eq!(&rows[1][2], "Room Leader");
    // JSON, for scripts, is as written.
    let json: serde_json::Value =
        serde_json::from_str(&report(hb, &["--format", "json"]).stdout).unwrap();
    assert_eq!(
        json["reviews"][0]["title"],
        "=HYPERLINK(\"http://x.test\",\"Click\")"
    );
    // The calendar and the Markdown keep each on its line.
    let ics = report(hb, &["--format", "ics"]).stdout;
    assert_eq!(events(&ics)[1]["SUMMARY"], "Review: Two\nlinesand a return");
    let md = report(hb, &["--format", "md"]).stdout;
    assert!(
        md.contains("| [Two lines and a return](/policies/b.html) |"),
        "{md}"
    );
}

#[test]
fn with_site_url_the_schedule_links_to_each_page_in_full() {
    let policy = "---\ntitle: A\nowner: M\nreview_by: 2026-12-01\n---\n\nText.\n";
    let (_dir, hb) = handbook_of(&[
        (
            "handbook.yaml",
            "title: T\nbase_url: /policies/\nsite_url: https://intranet.example.org/policies\nfeedback_email: p@example.org\n",
        ),
        ("a.md", policy),
    ]);
    let hb = hb.to_str().unwrap();
    let full = "https://intranet.example.org/policies/policies/a.html";
    let json: serde_json::Value =
        serde_json::from_str(&report(hb, &["--format", "json"]).stdout).unwrap();
    assert_eq!(json["reviews"][0]["url"], full);
    let ics = report(hb, &["--format", "ics"]).stdout;
    assert!(events(&ics)[0]["DESCRIPTION"].ends_with(full), "{ics}");
    assert!(report(hb, &[]).stdout.contains(&format!("[A]({full})")));
    let (_d, site, r) = build(hb, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let csv_text = std::fs::read_to_string(site.join("reviews.csv")).unwrap();
    assert!(csv_text.contains(full), "{csv_text}");
    let page = std::fs::read_to_string(site.join("policies/a.html")).unwrap();
    assert!(
        page.contains("Page%3A%20https%3A//intranet.example.org/policies/policies/a.html"),
        "{page}"
    );
    // The pages themselves stay relative.
    assert!(
        !page.contains("href=\"https://intranet.example.org"),
        "{page}"
    );
    // Not a full address: an error naming the key.
    for bad in [
        "intranet.example.org",
        "javascript:alert(1)",
        "https://a b/",
        "https:///x",
    ] {
        let (_d, hb) = handbook_of(&[
            ("handbook.yaml", &format!("title: T\nsite_url: \"{bad}\"\n")),
            ("a.md", policy),
        ]);
        let (code, checked) = check_json(hb.to_str().unwrap());
        assert_eq!(code, 1, "{bad}");
        assert_eq!(
            first_where(&checked, "key", "site_url")["kind"],
            "invalid_config"
        );
    }
}
