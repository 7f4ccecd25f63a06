//! `handbook.yaml` bytes through the settings reader.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policybook_fuzz::config(data));
