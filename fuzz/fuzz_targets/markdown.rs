//! cargo-fuzz target `markdown`: the invariants are in `../checks.rs` (module `markdown`),
//! shared with the replay of seeds and regressions in the normal test suite.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::markdown::check(data));
