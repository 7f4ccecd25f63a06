//! Replays the inputs in `tests/fixtures/fuzz/` (crashes the fuzzers found,
//! and odd inputs written by hand) through the same entry points the fuzz
//! targets use: none may panic.

#[path = "../fuzz/src/lib.rs"]
mod fuzzing;

use std::path::Path;

fn replay(folder: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(folder);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| run(&bytes));
        assert!(result.is_ok(), "{} panics", path.display());
        n += 1;
    }
    n
}

#[test]
fn policy_inputs_never_panic() {
    assert!(replay("policy", fuzzing::policy) > 0);
}

#[test]
fn config_inputs_never_panic() {
    assert!(replay("config", fuzzing::config) > 0);
}

#[test]
fn bodies_render_the_same_from_their_parse_and_their_markdown() {
    // The policy inputs are bodies too.
    assert!(replay("policy", fuzzing::body) > 0);
}

#[test]
fn yaml_is_read_the_same_by_the_fast_reader_and_the_full_parser() {
    // The settings inputs are YAML documents.
    assert!(replay("config", fuzzing::yaml) > 0);
}
