use super::*;

fn split(block: &str) -> Vec<&str> {
    sentences(block).into_iter().map(|r| &block[r]).collect()
}

#[test]
fn sentences_split_at_full_stops_but_not_after_abbreviations_initials_or_list_numbers() {
    assert_eq!(
        split("Tell the manager. Write it down! Was it safe? Yes."),
        [
            "Tell the manager.",
            "Write it down!",
            "Was it safe?",
            "Yes."
        ]
    );
    assert_eq!(
        split("Bring proof, e.g. a passport. Then sign."),
        ["Bring proof, e.g. a passport.", "Then sign."]
    );
    assert_eq!(
        split("Ask Dr. Patel or Mrs. Jones. They will help."),
        ["Ask Dr. Patel or Mrs. Jones.", "They will help."]
    );
    assert_eq!(
        split("J. Smith signs it. Room No. 4 holds it."),
        ["J. Smith signs it.", "Room No. 4 holds it."]
    );
    assert_eq!(split("1. Read this policy."), ["1. Read this policy."]);
    assert_eq!(
        split("The rate is 9.5 per cent. It was 10 before."),
        ["The rate is 9.5 per cent.", "It was 10 before."]
    );
    // A full stop inside an address, and a lower-case word after a full
    // stop, end nothing.
    assert_eq!(
        split("See www.example.org/policy.html for more. it goes on"),
        ["See www.example.org/policy.html for more. it goes on"]
    );
    assert_eq!(
        split("He said \"Stop.\" Then he left."),
        ["He said \"Stop.\"", "Then he left."]
    );
    // A full stop alone, after code left out of the text, ends one.
    assert_eq!(
        split("It is made by  . Its review is due."),
        ["It is made by  .", "Its review is due."]
    );
    // A bullet item or a heading with no full stop is one sentence.
    assert_eq!(
        split("  Keep a record of every visit  "),
        ["Keep a record of every visit"]
    );
    assert!(split("").is_empty());
    assert!(split(" . ").is_empty());
}

#[test]
fn words_leave_out_addresses_and_keep_apostrophes_and_hyphens() {
    let w: Vec<&str> =
        words("Don't e-mail https://x.org/a or ann@example.org; call 0800 — now (today).")
            .collect();
    assert_eq!(w, ["Don't", "e-mail", "or", "call", "0800", "now", "today"]);
    // In brackets or quotes too, and the same read from the address on.
    let bracketed = "See (www.gov.uk), \"www.nhs.uk\" or <www.x.org>. Then go.";
    assert_eq!(
        words(bracketed).collect::<Vec<_>>(),
        ["See", "or", "Then", "go"]
    );
    assert_eq!(
        words(&bracketed[5..]).collect::<Vec<_>>(),
        ["or", "Then", "go"]
    );
}

#[test]
fn a_sentence_read_again_alone_is_passive_as_it_was_in_its_block() {
    // `Measure` counts a hard policy's passive sentences by reading each
    // again alone, from its first word: "(www.gov.be)" must not give
    // words ("be") in the block that it does not give alone.
    let block = "Read the guide. (www.gov.be) Completed forms go to HR.";
    let sentences: Vec<&str> = scan::sentences(block)
        .into_iter()
        .map(|r| &block[r])
        .collect();
    assert_eq!(sentences, ["Read the guide.", "Completed forms go to HR."]);
    assert!(!is_passive("(www.gov.be) Completed forms go to HR."));
}

#[test]
fn syllables_match_a_table_of_words() {
    let table = [
        ("the", 1),
        ("cat", 1),
        ("a", 1),
        ("make", 1),
        ("makes", 1),
        ("table", 2),
        ("little", 2),
        ("policy", 3),
        ("policies", 3),
        ("reviewed", 2),
        ("created", 3),
        ("decided", 3),
        ("safeguarding", 3),
        ("every", 3),
        ("staff", 1),
        ("manager", 3),
        ("australian", 4),
        ("reptilian", 4),
        ("platypus", 3),
        ("seemingly", 3),
        ("hybrid", 2),
        ("mammal", 2),
        ("creature", 2),
        ("radio", 3),
        ("video", 3),
        ("information", 4),
        ("special", 2),
        ("religion", 3),
        ("employee", 3),
        ("free", 1),
        ("eye", 1),
        ("boxes", 2),
        ("houses", 2),
        ("changes", 2),
        ("business", 2),
        ("yes", 1),
        ("happy", 2),
        ("2026", 1),
        ("Zoë", 1),
    ];
    let wrong: Vec<String> = table
        .iter()
        .filter(|(w, n)| syllables(w) != *n)
        .map(|(w, n)| format!("{w}: {} (want {n})", syllables(w)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

/// `text` counted as a policy's block is, by [`Measure`].
fn counts(text: &str) -> Counts {
    let settings = settings::Settings::default();
    let mut measure = Measure::new(&settings, false);
    measure.block(text, |_| 1);
    measure.finish().counts
}

#[test]
fn scores_match_published_worked_examples() {
    // Wikipedia, "Flesch–Kincaid readability tests": 116 for this one…
    let cat = counts("The cat sat on the mat.");
    assert_eq!((cat.words, cat.sentences, cat.syllables), (6, 1, 6));
    assert!((cat.reading_ease().unwrap() - 116.145).abs() < 0.01);
    // … and 24.4 for this one (13 words, 26 syllables).
    let platypus =
        counts("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.");
    assert_eq!((platypus.words, platypus.syllables), (13, 26));
    assert!((platypus.reading_ease().unwrap() - 24.44).abs() < 0.01);
    // Flesch–Kincaid grade of the same: 0.39 × 13 + 11.8 × 2 − 15.59.
    assert!((platypus.grade().unwrap() - 13.08).abs() < 0.01);
    assert_eq!(platypus.reading_age(), Some(18));
    // Easy text never reads younger than 5; no words, no score.
    assert_eq!(cat.reading_age(), Some(5));
    assert_eq!(Counts::default().reading_ease(), None);
    assert_eq!(Counts::default().reading_age(), None);
}

#[test]
fn passive_sentences_are_told_from_active_ones() {
    let table = [
        ("The form is signed by the manager.", true),
        ("Concerns were not reported.", true),
        ("Staff will be given training.", true),
        ("The policy was quickly reviewed.", true),
        ("Records are kept for six years.", true),
        ("He got paid on Friday.", true),
        ("A risk assessment is to be undertaken.", true),
        ("Payment was withheld.", true),
        ("The outcome was not foreseen.", true),
        (
            "Any breach will be investigated, which may involve interviews.",
            true,
        ),
        ("The manager signs the form.", false),
        ("Staff report concerns at once.", false),
        ("The car was red.", false),
        ("It was a good idea.", false),
        ("We need to talk.", false),
        ("This is indeed the case.", false),
        ("Is it safe?", false),
        ("The effect was profound.", false),
        ("Everyone was present.", false),
        ("The cause is unknown.", false),
        ("The answer is well-known.", false),
        ("He was wearing plaid.", false),
    ];
    let wrong: Vec<&str> = table
        .iter()
        .filter(|(s, want)| is_passive(s) != *want)
        .map(|(s, _)| *s)
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

#[test]
fn the_shipped_word_list_parses_and_has_about_a_hundred_entries() {
    let mut list = PlainWords::default();
    assert_eq!(list.add_list(WORDS), []);
    assert!(list.len() >= 100, "{}", list.len());
    // A verb's alternative is in the form written.
    let instead = |text: &str| -> Vec<String> {
        list.find(text)
            .into_iter()
            .map(|(_, w)| w.instead.clone())
            .collect()
    };
    assert_eq!(instead("We utilise it."), ["use"]);
    assert_eq!(instead("It utilises it."), ["uses"]);
    assert_eq!(
        instead("It was utilised and ensured."),
        ["used", "made sure"]
    );
    assert_eq!(instead("Staff participated."), ["took part, taken part"]);
    let bad = PlainWords::default().add_list("# note\nutilise | use\nno bar here\nx |  \n");
    assert_eq!(
        bad,
        [
            BadLine {
                line: 3,
                text: "no bar here".into()
            },
            BadLine {
                line: 4,
                text: "x |".into()
            }
        ]
    );
}

#[test]
fn plain_words_are_found_as_whole_words_and_phrases_longest_first() {
    let list = PlainWords::standard();
    let text = "We will Utilise the room in accordance with the rules, in order to commence.";
    let found: Vec<(&str, &str)> = list
        .find(text)
        .into_iter()
        .map(|(r, w)| (&text[r], w.instead.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("Utilise", "use"),
            ("in accordance with", "under, as set out in"),
            ("in order to", "to"),
            ("commence", "start, begin"),
        ]
    );
    // Not inside another word, nor across punctuation or an address.
    assert!(list.find("Reutilised utilisers").is_empty());
    for apart in [
        "in -- accordance with",
        "in a@b.org accordance with",
        "in. Accordance with",
    ] {
        let found: Vec<&str> = list
            .find(apart)
            .into_iter()
            .map(|(_, w)| w.phrase.as_str())
            .collect();
        assert!(!found.contains(&"in accordance with"), "{apart}: {found:?}");
    }
    // A phrase over a line break is one phrase.
    assert_eq!(list.find("in\n accordance with").len(), 1);
    // A handbook's own entry replaces one.
    let mut own = PlainWords::standard();
    own.add(&["utilise", "leverage"], "use");
    own.add(&["commence"], "start");
    let found: Vec<&str> = own
        .find("leverage it; commence")
        .into_iter()
        .map(|(_, w)| w.instead.as_str())
        .collect();
    assert_eq!(found, ["use", "start"]);
}

#[test]
fn a_plain_word_is_noted_once_however_it_is_spaced_or_cased() {
    let settings = settings::Settings::default();
    let mut measure = Measure::new(&settings, true);
    measure.block(
        "We act in\n accordance with it. In  accordance with the law.",
        |_| 1,
    );
    let hits = &measure.finish().plain;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        (hits[0].written.as_str(), hits[0].times),
        ("in accordance with", 2)
    );
    // Without notes, nothing is looked up.
    let mut counts_only = Measure::new(&settings, false);
    counts_only.block("We act in accordance with it.", |_| 1);
    let counted = counts_only.finish();
    assert!(counted.plain.is_empty());
    assert_eq!(counted.counts.words, 6);
}

#[test]
fn a_scanned_words_syllables_are_the_words_own_whatever_came_before() {
    // The scanner remembers words' counts (a memo a word shares a slot
    // in with others): each must be the word's own, counted afresh.
    // Words of 1 to 90 letters (past the 64 counted), with
    // capitals, digits, apostrophes, hyphens and letters outside ASCII,
    // from a fixed pseudo-random sequence.
    let pieces = [
        "a", "e", "i", "o", "u", "y", "t", "s", "c", "g", "x", "l", "d", "b", "r", "n", "io", "ia",
        "le", "ed", "es", "eo", "E", "Y", "3", "'", "-", "é", "’",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..200 {
        let mut block = String::new();
        for _ in 0..40 {
            let letters = 1 + next(90);
            let mut word = String::from("q");
            for _ in 0..letters {
                word.push_str(pieces[next(pieces.len())]);
            }
            block.push_str(&word);
            block.push_str([" ", ". ", ", ", " (", "; "][next(5)]);
        }
        // Twice: counted, then remembered.
        for _ in 0..2 {
            for w in scan::scanned(&block) {
                let text = &block[w.range.clone()];
                assert_eq!(w.syllables, syllables(text), "{text:?} in {block:?}");
            }
        }
    }
}
