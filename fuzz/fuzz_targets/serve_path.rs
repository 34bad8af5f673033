//! cargo-fuzz target `serve_path`: the invariants are in `../checks.rs` (module `serve_path`),
//! shared with the replay of seeds and regressions in the normal test suite.
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::serve_path::check(data));
