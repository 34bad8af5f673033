//! The slug rule (RELIABILITY B17, B18): `slugify` of any text is idempotent and either
//! empty or matches `^[a-z0-9]+(-[a-z0-9]+)*$`; NFC and NFD spellings of one text give one
//! slug (B16); the name proposed for a file always passes the rule, reserved names included.
#![no_main]

use leernet::slug::{is_valid, proposed_file_slug, slugify};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;

/// `^[a-z0-9]+(-[a-z0-9]+)*$`, written out so it does not share code with `is_valid`.
fn matches_rule(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let once = slugify(text);
    assert_eq!(slugify(&once), once, "slugify is not idempotent on {text:?}");
    assert!(once.is_empty() || matches_rule(&once), "{text:?} -> {once:?}");
    let nfd: String = text.nfd().collect();
    assert_eq!(slugify(&nfd), once, "NFD spelling of {text:?} gives another slug");
    let proposed = proposed_file_slug(text);
    assert!(is_valid(&proposed), "proposed name {proposed:?} for {text:?} breaks the rule");
    assert_eq!(is_valid(&once), matches_rule(&once) && !leernet::slug::is_reserved(&once));
});
