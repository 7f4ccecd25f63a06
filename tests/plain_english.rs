//! Plain English in `check`: `long_sentence`, `hard_to_read` and
//! `plain_word` at their lines, as notes until a handbook opts in, and
//! `plain_english:` in handbook.yaml, bad values included (docs/cli.md,
//! docs/handbook-format.md).

mod common;
use common::*;

/// A Word-era policy: long, passive, wordy. Its first sentence (line 7)
/// has 48 words; three of its four sentences are passive.
const HARD: &str = "---
title: Hard
owner: Manager
review_by: 2027-06-01
---

Any member of staff who is suspected of committing a breach of this policy will be required to co-operate fully with the investigation which is to be undertaken in accordance with the procedures of the organisation, and may be subject to disciplinary action which could result in dismissal.
It is to be ensured by all personnel that the aforementioned obligations are complied with at all times, and that any deviation from the requirements is notified to the designated officer forthwith.
Prior to the commencement of any activity, a comprehensive assessment of the associated risks is to be undertaken and documented by the responsible individual, utilising the appropriate organisational documentation.
Managers check the list every year.
";

/// A plain policy: short sentences, everyday words; one listed word on
/// line 9.
const PLAIN: &str = "---
title: Plain
owner: Manager
review_by: 2027-06-01
---

Tell the manager if a child is hurt. Write down what happened.
Keep the note in the red folder. The manager reads it the same day.
We utilise the first aid box in the office. Check it each week.

- Ring the parent
- Say what you did
";

fn plain_findings(report: &serde_json::Value) -> Vec<(String, String, u64, String)> {
    ["hard.md", "plain.md"]
        .iter()
        .flat_map(|f| {
            findings_of(report, f)
                .into_iter()
                .map(move |(k, s, l, m)| (format!("{f}:{k}"), s, l, m))
        })
        .filter(|(k, ..)| {
            ["long_sentence", "hard_to_read", "plain_word"]
                .iter()
                .any(|p| k.ends_with(p))
        })
        .collect()
}

fn handbook(settings: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    handbook_of(&[
        ("handbook.yaml", &format!("title: T\n{settings}")),
        ("hard.md", HARD),
        ("plain.md", PLAIN),
    ])
}

#[test]
fn long_sentences_hard_policies_and_plain_words_are_notes_at_their_lines() {
    let (_dir, hb) = handbook("");
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0, "notes fail nothing: {report:#}");
    let found = plain_findings(&report);
    let at: Vec<(&str, u64)> = found.iter().map(|(k, _, l, _)| (k.as_str(), *l)).collect();
    assert_eq!(
        at,
        [
            ("hard.md:hard_to_read", 6),
            ("hard.md:long_sentence", 7),
            ("hard.md:plain_word", 7),
            ("hard.md:plain_word", 7),
            ("hard.md:long_sentence", 8),
            ("hard.md:plain_word", 8),
            ("hard.md:plain_word", 8),
            ("hard.md:plain_word", 8),
            ("hard.md:plain_word", 8),
            ("hard.md:plain_word", 8),
            ("hard.md:plain_word", 8),
            ("hard.md:long_sentence", 9),
            ("hard.md:plain_word", 9),
            ("hard.md:plain_word", 9),
            ("hard.md:plain_word", 9),
            ("plain.md:plain_word", 9),
        ],
        "{found:#?}"
    );
    assert!(found.iter().all(|(_, s, _, _)| s == "info"));
    let message = |kind: &str, line: u64| {
        found
            .iter()
            .find(|(k, _, l, _)| k.ends_with(kind) && *l == line)
            .map(|(.., m)| m.as_str())
            .unwrap()
    };
    assert_eq!(
        message("long_sentence", 7),
        "this sentence has 48 words (\"Any member of staff who is suspected of…\"): more than 25 is hard to follow, so split it into shorter sentences"
    );
    let hard = message("hard_to_read", 6);
    assert!(
        hard.starts_with("this policy is hard to read: its reading ease is ")
            && hard.ends_with("use shorter sentences and everyday words, and say who does what: 3 of its 4 sentences are passive (\"you will be told\" rather than \"we will tell you\")"),
        "{hard}"
    );
    let word = first_where(&report, "file", "plain.md");
    assert_eq!(word["kind"], "plain_word");
    assert_eq!(word["suggestion"], "use");
    assert_eq!(
        word["message"],
        "\"utilise\" has a plainer alternative: \"use\""
    );
    // The plain policy's list items, each a sentence without a full stop,
    // and its short sentences flag nothing else.
    assert!(!found.iter().any(|(k, ..)| k == "plain.md:long_sentence"));
}

#[test]
fn a_handbook_opts_in_to_failing_on_plain_english_or_turns_it_off() {
    let (_dir, hb) = handbook("plain_english:\n  severity: warning\n");
    let hb = hb.to_str().unwrap();
    let r = run(&["check", hb, "--today", TODAY]);
    assert_eq!(r.code, 0, "warnings fail only --strict: {}", r.stdout);
    let r = run(&["check", hb, "--today", TODAY, "--strict"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("warning hard.md:7: this sentence has 48 words"),
        "{}",
        r.stdout
    );

    let (_dir, hb) = handbook("fail_on: [long_sentence]\n");
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let severities: Vec<(String, String)> = plain_findings(&report)
        .into_iter()
        .map(|(k, s, ..)| (k, s))
        .filter(|(k, _)| !k.ends_with("plain_word"))
        .collect();
    assert!(severities.contains(&("hard.md:long_sentence".into(), "error".into())));
    assert!(severities.contains(&("hard.md:hard_to_read".into(), "info".into())));

    // A shorter limit flags more; a word of the handbook's own is found;
    // a lower bar for reading ease flags nothing.
    let (_dir, hb) = handbook(
        "plain_english:\n  max_sentence_words: 8\n  min_reading_ease: 0\n  words:\n    red folder: blue folder\n",
    );
    let (_, report) = check_json(hb.to_str().unwrap());
    let found = plain_findings(&report);
    assert!(
        found
            .iter()
            .any(|(k, _, l, _)| k == "plain.md:long_sentence" && *l == 9)
    );
    assert!(!found.iter().any(|(k, ..)| k.ends_with("hard_to_read")));
    assert!(found.iter().any(|(k, _, l, m)| k == "plain.md:plain_word"
        && *l == 8
        && m == "\"red folder\" has a plainer alternative: \"blue folder\""));

    let (_dir, hb) = handbook("plain_english: false\n");
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 0);
    assert!(plain_findings(&report).is_empty(), "{report:#}");
}

#[test]
fn a_bad_plain_english_setting_is_an_error_on_its_line_naming_its_key() {
    let (_dir, hb) = handbook(
        "plain_english:\n  max_sentence_words: lots\n  min_reading_ease: 150\n  severity: loud\n  words:\n    utilise:\n  max_sentance_words: 20\n",
    );
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1, "{report:#}");
    let said: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "handbook.yaml")
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["key"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            (
                "invalid_config".into(),
                3,
                "plain_english.max_sentence_words".into()
            ),
            (
                "invalid_config".into(),
                4,
                "plain_english.min_reading_ease".into()
            ),
            ("invalid_config".into(), 5, "plain_english.severity".into()),
            ("invalid_config".into(), 7, "plain_english.words".into()),
            (
                "unknown_key".into(),
                8,
                "plain_english.max_sentance_words".into()
            ),
        ]
    );
    // The defaults stand: the hard policy is still measured.
    assert!(!plain_findings(&report).is_empty());
    let (_dir, hb) = handbook("plain_english: [a]\n");
    let (code, report) = check_json(hb.to_str().unwrap());
    assert_eq!(code, 1);
    let f = first_where(&report, "key", "plain_english");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .starts_with("plain_english should be false"),
        "{f:#}"
    );
}

#[test]
fn a_built_page_leaves_plain_english_out_of_its_problems() {
    // Warnings, which a page shows of every other kind.
    let (_dir, hb) = handbook("plain_english:\n  severity: warning\n");
    let (_site, out, r) = build(hb.to_str().unwrap(), &[]);
    assert!(r.code <= 1, "{}", r.stderr);
    let page = std::fs::read_to_string(out.join("policies/hard.html")).unwrap();
    assert!(page.contains("Any member of staff"), "{page}");
    for note in ["this sentence has", "plainer alternative", "hard to read"] {
        assert!(!page.contains(note), "{note}: {page}");
    }
}

/// `report --format json` of `hb`: each policy's id with its words,
/// reading age and long sentences.
fn reading_columns(
    hb: &std::path::Path,
) -> Vec<(
    String,
    serde_json::Value,
    serde_json::Value,
    serde_json::Value,
)> {
    let r = run(&[
        "report",
        hb.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    json["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["id"].as_str().unwrap().to_string(),
                row["words"].clone(),
                row["reading_age"].clone(),
                row["long_sentences"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_report_has_each_policys_words_reading_age_and_long_sentences() {
    let (_dir, hb) = handbook("");
    let mut rows = reading_columns(&hb);
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let [
        (hard, hard_words, hard_age, hard_long),
        (plain, plain_words, plain_age, plain_long),
    ] = &rows[..]
    else {
        panic!("{rows:?}")
    };
    assert_eq!((hard.as_str(), plain.as_str()), ("hard", "plain"));
    assert_eq!(
        (hard_words, hard_long),
        (&serde_json::json!(115), &serde_json::json!(3))
    );
    assert!(hard_age.as_u64().unwrap() >= 20, "{hard_age}");
    assert_eq!(
        (plain_words, plain_long),
        (&serde_json::json!(46), &serde_json::json!(0))
    );
    assert!(plain_age.as_u64().unwrap() <= 9, "{plain_age}");

    // In CSV too, as the last three columns.
    let r = run(&[
        "report",
        hb.to_str().unwrap(),
        "--format",
        "csv",
        "--today",
        TODAY,
    ]);
    let mut reader = csv::Reader::from_reader(r.stdout.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        headers[headers.len() - 3..],
        ["words", "reading_age", "long_sentences"]
    );
    let hard_row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "hard")
        .unwrap();
    assert_eq!(&hard_row[headers.len() - 3], "115");
    assert_eq!(&hard_row[headers.len() - 1], "3");

    // Not measured, not shown.
    let (_dir, off) = handbook("plain_english: false\n");
    for (id, words, age, long) in reading_columns(&off) {
        assert!(words.is_null() && age.is_null() && long.is_null(), "{id}");
    }
}

#[test]
fn a_policy_page_says_how_long_it_takes_to_read_and_its_reading_age() {
    let (_dir, hb) = handbook("");
    let (_site, out, r) = build(hb.to_str().unwrap(), &[]);
    assert!(r.code <= 1, "{}", r.stderr);
    let page = |id: &str| std::fs::read_to_string(out.join(format!("policies/{id}.html"))).unwrap();
    let (plain, hard) = (page("plain"), page("hard"));
    assert!(
        plain.contains("<dt>Reading</dt><dd>about 1 minute; reading age "),
        "{plain}"
    );
    assert!(
        hard.contains("<dt>Reading</dt><dd>about 1 minute; reading age 2"),
        "{hard}"
    );

    let (_dir, off) = handbook("plain_english: false\n");
    let (_site, out, _) = build(off.to_str().unwrap(), &[]);
    let page = std::fs::read_to_string(out.join("policies/plain.html")).unwrap();
    assert!(!page.contains("<dt>Reading</dt>"), "{page}");
}

#[test]
fn the_review_dashboard_lists_the_policies_hardest_to_read_first() {
    let (_dir, hb) = handbook("");
    let (_site, out, r) = build(hb.to_str().unwrap(), &[]);
    assert!(r.code <= 1, "{}", r.stderr);
    let page = std::fs::read_to_string(out.join("reviews.html")).unwrap();
    let section = &page[page.find("<h2 id=\"hardest-to-read\">").expect(&page)..];
    let (hard, plain) = (
        section.find("policies/hard.html").unwrap(),
        section.find("policies/plain.html").unwrap(),
    );
    assert!(hard < plain, "{section}");

    let (_dir, off) = handbook("plain_english: false\n");
    let (_site, out, _) = build(off.to_str().unwrap(), &[]);
    let page = std::fs::read_to_string(out.join("reviews.html")).unwrap();
    assert!(!page.contains("Hardest to read"), "{page}");
}

/// The `long_sentence` notes `check` makes of `file` in `hb`.
fn long_sentence_notes(hb: &std::path::Path, file: &str) -> Vec<(String, String, u64, String)> {
    let (_, report) = check_json(hb.to_str().unwrap());
    findings_of(&report, file)
        .into_iter()
        .filter(|(k, ..)| k == "long_sentence")
        .collect()
}

#[test]
fn a_sentence_may_start_with_a_bare_link() {
    // `[[other]]` shows as "Other": after a full stop it starts a
    // sentence, so these are two sentences of 22 and 20 words, not one
    // of 42.
    let policy = |title: &str, body: &str| {
        format!("---\ntitle: {title}\nowner: Manager\nreview_by: 2027-06-01\n---\n\n{body}\n")
    };
    let (_dir, hb) = handbook_of(&[
        ("handbook.yaml", "title: T\n"),
        ("other.md", &policy("Other", "Ring the manager.")),
        (
            "a.md",
            &policy(
                "A",
                "Tell the manager at once if a child in the room is hurt or ill or upset or frightened by anything today. [[other]] says who to ring and what to write down in the red book before the end of the day.",
            ),
        ),
    ]);
    let long = long_sentence_notes(&hb, "a.md");
    assert!(long.is_empty(), "{long:?}");
}

#[test]
fn an_images_description_is_not_part_of_the_sentence() {
    // 16 words of prose around a picture whose description has 12: the
    // sentence a reader sees is 16 words, not 28.
    let (_dir, hb) = handbook_of(&[
        ("handbook.yaml", "title: T\n"),
        (
            "a.md",
            "---\ntitle: A\nowner: Manager\nreview_by: 2027-06-01\n---\n\nPut the sign ![a yellow sign with a black exclamation mark on a white board](sign.png) on the door of the room where the first aid box is kept.\n",
        ),
    ]);
    let long = long_sentence_notes(&hb, "a.md");
    assert!(long.is_empty(), "{long:?}");
}
