//! YAML read by the fast front-matter reader and by the full parser: when
//! the fast reader accepts a document, the two trees must be the same.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policybook_fuzz::yaml(data));
