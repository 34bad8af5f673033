//! One test (at least) per case of `../shared/RELIABILITY.md` that the older files leave
//! open, named after its case (`a07_...`, `g42_...`), one file per section. The fixture
//! cases (`cases/a01-...`), `programmatic.rs`, `build.rs`, `search.rs` and `serve.rs` hold
//! the rest; `scripts/reliability-count` counts them all per section.

mod dates;
mod escaping;
mod files;
mod fuzz_replay;
mod links;
mod output;
mod paths;
mod search;

use crate::harness::*;

/// A theme file with `body`, the smallest valid item.
pub fn theme(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: x\nkind: leefgebied\n---\n{body}")
}

/// The text of an output file.
pub fn read(t: &Tree, path: &str) -> String {
    std::fs::read_to_string(t.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every HTML file of the output, with its text.
pub fn html_pages(t: &Tree) -> Vec<(String, String)> {
    t.snapshot_public()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}
