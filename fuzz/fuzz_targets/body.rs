//! A body rendered from its parse (holes filled) and from its Markdown:
//! the two must be the same HTML.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policybook_fuzz::body(data));
