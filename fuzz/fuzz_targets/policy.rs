//! One policy file's bytes through parse, link, check, render and search.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policybook_fuzz::policy(data));
