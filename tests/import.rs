//! `policybook import` on the Word-era documents in
//! `tests/fixtures/import/docs/` (written for these tests in the shapes
//! real exports have), into a copy of `tests/fixtures/import/handbook/`:
//! a truth table of every field of every document, the bodies, a round
//! trip through `check` and `build`, and bad input.

mod common;

use common::{fixture, run};
use serde_json::Value;
use std::path::Path;

const TODAY: &str = "2026-12-01";

/// A copy of the fixture handbook in a new temporary folder.
fn handbook() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture("import/handbook")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn import_json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "--today", TODAY]);
    let r = run(&all);
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", r.stdout, r.stderr));
    (r.code, v)
}

/// What a document is expected to give: `None` is "not found" (a TODO,
/// never a guessed value).
struct Truth {
    source: &'static str,
    file: &'static str,
    title: &'static str,
    owner: Option<&'static str>,
    approved_by: Option<&'static str>,
    approved: Option<&'static str>,
    last_reviewed: Option<&'static str>,
    review_every: Option<&'static str>,
    review_by: Option<&'static str>,
    related: &'static [&'static str],
}

const TRUTH: &[Truth] = &[
    Truth {
        source: "Safeguarding/internet-usage.txt",
        file: "internet-usage.md",
        title: "Internet Usage Policy",
        owner: Some("Deputy Manager"),
        approved_by: None,
        approved: Some("2021-05-01"),
        last_reviewed: None,
        review_every: Some("1 year"),
        review_by: Some("2022-05-31"),
        related: &["partnership-with-parents", "complaints", "confidentiality"],
    },
    Truth {
        source: "equality.txt",
        file: "equality-and-diversity.md",
        title: "Equality and Diversity Policy",
        owner: Some("Deputy Manager"),
        approved_by: None,
        approved: Some("2019-09-12"),
        last_reviewed: None,
        review_every: None,
        review_by: Some("2024-09-30"),
        related: &[
            "equal-opportunities",
            "complaints",
            "disciplinary",
            "harassment",
            "photographic-images",
        ],
    },
    Truth {
        source: "whistleblowing.txt",
        file: "whistleblowing.md",
        title: "Whistleblowing Policy",
        owner: Some("Head of Centre"),
        approved_by: Some("Board of Governors"),
        approved: Some("2020-03-03"),
        last_reviewed: None,
        review_every: Some("2 years"),
        review_by: None,
        related: &["confidentiality"],
    },
    Truth {
        source: "sun-protection.txt",
        file: "sun-protection.md",
        title: "Sun Protection Policy",
        owner: Some("Room Leader"),
        approved_by: None,
        approved: None,
        last_reviewed: None,
        review_every: None,
        review_by: Some("2025-09-30"),
        related: &[],
    },
    Truth {
        source: "visitors.txt",
        file: "visitors.md",
        title: "Visitors Policy",
        owner: Some("Office Manager"),
        approved_by: None,
        approved: None,
        last_reviewed: None,
        review_every: None,
        review_by: None,
        related: &[],
    },
    Truth {
        source: "lost-child.txt",
        file: "lost-child.md",
        title: "Lost Child Policy",
        owner: None,
        approved_by: None,
        approved: Some("2022-04-01"),
        last_reviewed: None,
        review_every: Some("1 year"),
        review_by: None,
        related: &[],
    },
    Truth {
        source: "lone-working.md",
        file: "lone-working.md",
        title: "Lone Working Policy",
        owner: Some("Site Manager"),
        approved_by: None,
        approved: None,
        last_reviewed: None,
        review_every: None,
        review_by: Some("2027-03-31"),
        related: &["health-and-safety", "whistleblowing"],
    },
    Truth {
        source: "social-media.txt",
        file: "social-media.md",
        title: "Social Media Policy",
        owner: Some("Jane Smith"),
        approved_by: Some("Management Committee"),
        approved: Some("2023-01-14"),
        last_reviewed: None,
        review_every: None,
        review_by: Some("2024-01-31"),
        related: &[],
    },
    Truth {
        source: "food-hygiene.txt",
        file: "food-hygiene.md",
        title: "Food Hygiene Policy",
        owner: None,
        approved_by: None,
        approved: None,
        last_reviewed: None,
        review_every: None,
        review_by: None,
        related: &[],
    },
    Truth {
        source: "staff-conduct.txt",
        file: "staff-conduct.md",
        title: "Staff Conduct Policy",
        owner: Some("Head of Centre"),
        approved_by: None,
        approved: None,
        last_reviewed: None,
        review_every: None,
        review_by: Some("2027-03-31"),
        related: &[],
    },
    Truth {
        source: "medicines.txt",
        file: "medicines.md",
        title: "Medicines Policy",
        owner: Some("Manager"),
        approved_by: None,
        approved: Some("2023-09-01"),
        last_reviewed: None,
        review_every: Some("1 year"),
        review_by: None,
        related: &[],
    },
    Truth {
        source: "data-sharing.txt",
        file: "data-sharing.md",
        title: "Data Sharing Policy",
        owner: Some("Nursery Manager"),
        approved_by: None,
        approved: None,
        last_reviewed: None,
        review_every: None,
        review_by: Some("2026-09-01"),
        related: &["confidentiality", "partnership-with-parents"],
    },
    Truth {
        source: "record-keeping.txt",
        file: "record-keeping.md",
        title: "Record Keeping Policy",
        owner: Some("Office Manager"),
        approved_by: None,
        approved: Some("2024-02-02"),
        last_reviewed: None,
        review_every: None,
        review_by: Some("2026-02-28"),
        related: &["complaints", "confidentiality"],
    },
    Truth {
        source: "key-person.txt",
        file: "key-person.md",
        title: "Key Person Policy",
        owner: Some("Deputy Manager"),
        approved_by: None,
        approved: None,
        last_reviewed: Some("2024-03-01"),
        review_every: None,
        review_by: Some("2025-12-31"),
        related: &[],
    },
    Truth {
        source: "outings.txt",
        file: "outings.md",
        title: "Outings Policy",
        owner: Some("Nursery Manager"),
        approved_by: Some("Trustees"),
        approved: Some("2022-05-05"),
        last_reviewed: None,
        review_every: Some("3 years"),
        review_by: None,
        related: &[],
    },
    Truth {
        source: "behaviour.txt",
        file: "behaviour.md",
        title: "Behaviour Policy",
        owner: Some("Mrs J Patel"),
        approved_by: None,
        approved: None,
        last_reviewed: None,
        review_every: None,
        review_by: None,
        related: &[],
    },
    Truth {
        source: "induction.txt",
        file: "induction.md",
        title: "Induction Policy",
        owner: None,
        approved_by: Some("Management Committee"),
        approved: Some("2024-02-12"),
        last_reviewed: None,
        review_every: None,
        review_by: Some("2025-02-28"),
        related: &[],
    },
    Truth {
        source: "nappy-changing.txt",
        file: "nappy-changing.md",
        title: "Nappy Changing Policy",
        owner: Some("Room Leader"),
        approved_by: None,
        approved: Some("2022-10-10"),
        last_reviewed: None,
        review_every: Some("18 months"),
        review_by: None,
        related: &[],
    },
    Truth {
        source: "settling-in.txt",
        file: "settling-in.md",
        title: "Settling In Policy",
        owner: Some("Deputy Manager"),
        approved_by: None,
        approved: Some("2023-06-01"),
        last_reviewed: None,
        review_every: Some("1 year"),
        review_by: None,
        related: &[],
    },
    Truth {
        source: "safe-recruitment.txt",
        file: "safe-recruitment.md",
        title: "Safe Recruitment Policy",
        owner: None,
        approved_by: Some("Board of Governors"),
        approved: Some("2022-11-21"),
        last_reviewed: None,
        review_every: None,
        review_by: Some("2024-11-30"),
        related: &["whistleblowing", "disciplinary"],
    },
];

/// The values `import` inferred for `field`.
fn inferred<'a>(doc: &'a Value, field: &str) -> Vec<&'a str> {
    doc["inferred"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["field"] == field)
        .map(|i| i["value"].as_str().unwrap())
        .collect()
}

#[test]
fn every_field_of_every_document_is_right_or_left_to_do() {
    let hb = handbook();
    let into = hb.path().to_str().unwrap();
    let (code, out) = import_json(&[&fixture("import/docs"), "--into", into, "--dry-run"]);
    assert_eq!(code, 0, "{out:#}");
    let docs = out["import"]["imported"].as_array().unwrap();
    assert_eq!(docs.len(), TRUTH.len(), "{out:#}");
    let mut wrong = Vec::new();
    let mut fields = 0;
    for t in TRUTH {
        let doc = docs
            .iter()
            .find(|d| d["source"].as_str().unwrap().ends_with(t.source))
            .unwrap_or_else(|| panic!("{} not imported: {out:#}", t.source));
        assert_eq!(doc["file"], t.file, "{}", t.source);
        let single = [
            ("title", Some(t.title)),
            ("owner", t.owner),
            ("approved_by", t.approved_by),
            ("approved", t.approved),
            ("last_reviewed", t.last_reviewed),
            ("review_every", t.review_every),
            ("review_by", t.review_by),
        ];
        for (field, want) in single {
            fields += 1;
            let got = inferred(doc, field);
            let want: Vec<&str> = want.into_iter().collect();
            if got != want {
                wrong.push(format!("{} {field}: got {got:?}, want {want:?}", t.source));
            }
        }
        fields += 1;
        if inferred(doc, "related") != t.related {
            wrong.push(format!(
                "{} related: got {:?}, want {:?}",
                t.source,
                inferred(doc, "related"),
                t.related
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {fields} fields wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(TRUTH.len() >= 20 && fields == TRUTH.len() * 8, "{fields}");
    // Nothing was written.
    assert!(!hb.path().join("whistleblowing.md").exists());
}

#[test]
fn the_policy_file_keeps_the_body_word_for_word_without_the_facts() {
    let hb = handbook();
    let into = hb.path().to_str().unwrap();
    let (code, out) = import_json(&[&fixture("import/docs"), "--into", into]);
    assert_eq!(code, 0, "{out:#}");
    let text = std::fs::read_to_string(hb.path().join("internet-usage.md")).unwrap();
    assert!(
        text.starts_with(
            "---\ntitle: \"Internet Usage Policy\"\nowner: \"Deputy Manager\"\n# TODO approved_by: "
        ),
        "{text}"
    );
    for line in [
        "approved: 2021-05-01  # given only as a month: the first of that month\n",
        "review_every: 1 year\n",
        "review_by: 2022-05-31  # given only as a month: the last day of that month\n",
        "related:\n  - \"partnership-with-parents\"\n  - \"complaints\"\n  - \"confidentiality\"\n",
        "category: \"Safeguarding\"\nstatus: active\n---\n",
        "## Aims\n\nWe aim to keep children and staff safe online.\n\n## Scope and Purpose of this Policy\n",
        "Staff must:\n\n- Use the internet for work only.\n- Report anything unsuitable to the manager at <http://staffnet/policies/report.doc> or <head@riverside.example.org>.\n",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    // The title is not repeated, and the lines turned into front-matter
    // are gone from the body.
    let body = text.split("---\n").nth(2).unwrap();
    for gone in [
        "Internet Usage Policy for",
        "Policy Agreed",
        "is responsible for",
        "linked to other",
    ] {
        assert!(!body.contains(gone), "{gone} in:\n{body}");
    }
    let equality = std::fs::read_to_string(hb.path().join("equality-and-diversity.md")).unwrap();
    assert!(equality.contains("## INTRODUCTION\n"), "{equality}");
    assert!(
        equality.contains(
            "  - \"photographic-images\"  # \"Photographic Images Policy\" matches no policy"
        ),
        "{equality}"
    );
    let lost = std::fs::read_to_string(hb.path().join("lost-child.md")).unwrap();
    assert!(
        lost.contains("staff should make sure that all other children are safe and supervised."),
        "a sentence split by a page break is joined: {lost}"
    );
    let sun = std::fs::read_to_string(hb.path().join("sun-protection.md")).unwrap();
    assert!(
        sun.contains("children’s skin") && sun.contains("- Hats are worn outside."),
        "{sun}"
    );
    assert!(
        sun.contains("# TODO approved: line 9: Spring term 2023 is not a date"),
        "{sun}"
    );
}

#[test]
fn an_import_is_checked_and_builds() {
    let hb = handbook();
    let into = hb.path().to_str().unwrap();
    let r = run(&[
        "import",
        &fixture("import/docs"),
        "--into",
        into,
        "--today",
        TODAY,
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("The handbook, checked after the import:"),
        "{}",
        r.stdout
    );
    let c = run(&["check", into, "--format", "json", "--today", TODAY]);
    assert_eq!(c.code, 1, "{}", c.stdout);
    let report: Value = serde_json::from_str(&c.stdout).unwrap();
    let found = |kind: &str, file: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == kind && f["file"] == file)
    };
    assert!(found("overdue", "internet-usage.md"), "{:#}", report);
    assert!(
        found("broken_reference", "equality-and-diversity.md"),
        "{:#}",
        report
    );
    assert!(found("no_review_date", "visitors.md"), "{:#}", report);
    let out = tempfile::tempdir().unwrap();
    let b = run(&[
        "build",
        into,
        "--output",
        out.path().join("site").to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(
        out.path()
            .join("site/policies/whistleblowing.html")
            .exists()
    );
    // Again: nothing is overwritten without --force.
    let (code, again) = import_json(&[&fixture("import/docs"), "--into", into]);
    assert_eq!(code, 1);
    assert_eq!(
        again["import"]["imported"].as_array().unwrap().len(),
        0,
        "{again:#}"
    );
    assert!(
        again["import"]["skipped"][0]["why"]
            .as_str()
            .unwrap()
            .contains("--force")
    );
    let (code, forced) = import_json(&[&fixture("import/docs"), "--into", into, "--force"]);
    assert_eq!(code, 0, "{forced:#}");
    assert!(
        forced["import"]["imported"][0]["replaced"]
            .as_bool()
            .unwrap()
    );
}

#[test]
fn a_folder_with_no_handbook_becomes_one_that_requires_review_dates() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("new");
    let r = run(&[
        "import",
        &fixture("import/docs/Safeguarding"),
        "--into",
        into.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let settings = std::fs::read_to_string(into.join("handbook.yaml")).unwrap();
    assert!(settings.contains("require_review_date: true"), "{settings}");
    assert!(
        settings.contains("organisation: \"Riverside Children's Centre\""),
        "{settings}"
    );
    assert!(into.join("internet-usage.md").exists());
}

#[test]
fn two_documents_with_one_title_get_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("a")).unwrap();
    std::fs::create_dir_all(docs.join("b")).unwrap();
    for sub in ["a", "b"] {
        std::fs::write(
            docs.join(sub).join("p.txt"),
            "Fire Safety Policy\n\nKeep exits clear.\n",
        )
        .unwrap();
    }
    let into = dir.path().join("hb");
    let (code, out) = import_json(&[docs.to_str().unwrap(), "--into", into.to_str().unwrap()]);
    assert_eq!(code, 0, "{out:#}");
    let files: Vec<&str> = out["import"]["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["fire-safety.md", "fire-safety-2.md"]);
    assert!(into.join("fire-safety-2.md").exists());
}

#[test]
fn bad_input_is_named_and_the_rest_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("hb");
    let big = dir.path().join("big.txt");
    let mut text = String::from("Very Long Policy\n\n");
    for i in 0..5000 {
        text.push_str(&format!("Line {i} of a long policy, with words.\n"));
    }
    std::fs::write(&big, text).unwrap();
    let (code, out) = import_json(&[
        &fixture("import/bad"),
        big.to_str().unwrap(),
        "--into",
        into.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out:#}");
    let skipped: Vec<(String, String)> = out["import"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let source = s["source"].as_str().unwrap();
            let name = Path::new(source)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, s["why"].as_str().unwrap().to_string())
        })
        .collect();
    let names: Vec<&str> = skipped.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "binary.txt",
            "empty.txt",
            "not-a-zip.docx",
            "notes.pdf",
            "zip-not-a-document.docx"
        ],
        "{skipped:?}"
    );
    assert!(skipped.iter().all(|(_, why)| why.len() > 20), "{skipped:?}");
    assert_eq!(out["import"]["imported"][0]["file"], "very-long.md");
    let written = std::fs::read_to_string(into.join("very-long.md")).unwrap();
    assert!(written.contains("Line 4999 of a long policy, with words."));
    for bad in [
        "binary",
        "empty",
        "not-a-zip",
        "notes",
        "zip-not-a-document",
    ] {
        assert!(!into.join(format!("{bad}.md")).exists());
    }
}

#[test]
fn a_word_document_keeps_its_headings_lists_tables_and_links() {
    use docx_rs::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Data Protection.docx");
    let text = |t: &str| Run::new().add_text(t);
    let docx = Docx::new()
        .add_abstract_numbering(AbstractNumbering::new(1).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(1, 1))
        .add_paragraph(
            Paragraph::new()
                .add_run(text("Data Protection Policy"))
                .style("Heading1"),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(text("Why we keep data"))
                .style("Heading2"),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(text("We keep only what we "))
                .add_run(text("must").bold())
                .add_run(text(". See "))
                .add_hyperlink(
                    Hyperlink::new("https://ico.org.uk/", HyperlinkType::External)
                        .add_run(text("the ICO")),
                )
                .add_run(text(".")),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(text("Names"))
                .numbering(NumberingId::new(1), IndentLevel::new(0)),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(text("Addresses"))
                .numbering(NumberingId::new(1), IndentLevel::new(0)),
        )
        .add_table(Table::new(vec![
            TableRow::new(vec![
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("Record"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("Kept for"))),
            ]),
            TableRow::new(vec![
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("Registers"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("3 years"))),
            ]),
        ]))
        .add_paragraph(Paragraph::new().add_run(text("Policy owner: Head of Centre")))
        .add_paragraph(Paragraph::new().add_run(text("Review date: 30/06/2026")));
    docx.build()
        .pack(std::fs::File::create(&path).unwrap())
        .unwrap();
    let into = dir.path().join("hb");
    let (code, out) = import_json(&[path.to_str().unwrap(), "--into", into.to_str().unwrap()]);
    assert_eq!(code, 0, "{out:#}");
    let doc = &out["import"]["imported"][0];
    assert_eq!(inferred(doc, "title"), ["Data Protection Policy"]);
    assert_eq!(inferred(doc, "owner"), ["Head of Centre"]);
    assert_eq!(inferred(doc, "review_by"), ["2026-06-30"]);
    let text = std::fs::read_to_string(into.join("data-protection.md")).unwrap();
    for part in [
        "\n## Why we keep data\n",
        "We keep only what we **must**. See [the ICO](https://ico.org.uk/).",
        "- Names\n- Addresses\n",
        "| Record | Kept for |\n| --- | --- |\n| Registers | 3 years |\n",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    assert!(!text.contains("Policy owner"), "{text}");
}

/// Inputs an adversarial review found: each is imported, or skipped with
/// a reason, and nothing panics, aborts or writes YAML that does not read.
#[test]
fn hostile_documents_are_imported_or_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let write = |name: &str, text: &str| std::fs::write(docs.join(name), text).unwrap();
    // Lower case that changes byte lengths (İ grows, K shrinks).
    write(
        "a.txt",
        "Safety Policy\n\nOwner \u{130}\u{130}\u{130}\u{130}\u{130}\u{130}\n\u{212a}\u{20ac} is responsible for this policy\n\u{130} approved by\u{20ac}\u{20ac} the Board\nAssociated Policies: \u{212a}x and y\n",
    );
    // Control characters in a related name.
    write(
        "b.txt",
        "Bell Policy\n\nAssociated Policies: A\u{7}Thing, B\u{1b}[31m\n",
    );
    // A first line too long for a file name.
    let long: Vec<String> = (0..60).map(|i| format!("Word{i}")).collect();
    write("c.txt", &format!("{}\n\nText.\n", long.join(" ")));
    // Markdown that plain text must not become.
    write(
        "d.txt",
        "Escapes Policy\n\n---\n+\tplus\n-\nAT&amp;T ~~x~~\nContact Room # {#top}\nSee http://x<script>alert(1)</script> here.\n3. Third point\n",
    );
    // A title of dots.
    write("e.txt", "...\nReal Title Policy\n\nText.\n");
    // A Word document nested too deep for its reader.
    let deep = std::fs::File::create(docs.join("deep.docx")).unwrap();
    let mut zip = zip::ZipWriter::new(deep);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    std::io::Write::write_all(&mut zip, b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let nested = format!(
        "<w:document><w:body>{}</w:body></w:document>",
        "<w:tbl><w:tr><w:tc>".repeat(2000)
    );
    std::io::Write::write_all(&mut zip, nested.as_bytes()).unwrap();
    zip.finish().unwrap();
    // Into a folder yet to be made inside a handbook: the policies join
    // that handbook, and `import .` reads the folder it is given.
    let hb = handbook();
    let into = hb.path().join("sub/new");
    let r = common::run_in(
        &docs,
        &[
            "import",
            ".",
            "--into",
            into.to_str().unwrap(),
            "--today",
            TODAY,
        ],
    );
    assert_eq!(r.code, 1, "deep.docx is refused: {}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("deep.docx: it nests"), "{}", r.stdout);
    assert!(!into.join("handbook.yaml").exists(), "no second handbook");
    let written: Vec<String> = std::fs::read_dir(&into)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 5, "{written:?}");
    assert!(written.iter().all(|n| n.len() <= 63), "{written:?}");
    // Every file reads back: no invalid_front_matter.
    let (_, report) = common::check_json(hb.path().to_str().unwrap());
    let broken: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["kind"] == "invalid_front_matter"
                && !f["message"].as_str().unwrap().contains(" is missing")
        })
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    let escapes = std::fs::read_to_string(into.join("escapes.md")).unwrap();
    for kept in [
        "\\---",
        "\\+\tplus",
        "\\-\n",
        "AT\\&amp;T \\~\\~x\\~\\~",
        "\\# \\{\\#top\\}",
        "http://x\\<script\\>",
        "3. Third point",
    ] {
        assert!(escapes.contains(kept), "{kept:?} not in:\n{escapes}");
    }
    let dots = std::fs::read_to_string(into.join("real-title.md")).unwrap();
    assert!(dots.contains("title: \"Real Title Policy\""), "{dots}");
}
