//! leernet: the static site generator of a Dutch neighbourhood-knowledge platform.
//!
//! The pipeline, one module per stage:
//! `load` (read content/) -> `frontmatter` + `yaml` + `document` (one file to a checked
//! `Document`) -> `site` (references both ways, lifecycle, aggregates, Markdown via
//! `markdown`) -> `render` (MiniJinja pages, in memory) -> `output` (atomic write).
//! The library never prints; the binary in `main.rs` and `cli` do.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod agenda;
pub mod checksums;
pub mod data;
pub mod dates;
pub mod diagnostics;
pub mod document;
pub mod escape;
pub mod feeds;
pub mod forms;
pub mod frontmatter;
pub mod history;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod rows;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod yaml;

/// A hash map for the build's own short keys (terms, words, ids), which need no DoS
/// resistance: foldhash with a fixed seed, so runs behave the same.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// The 64-bit hash `FastMap` uses, of one string.
pub fn fast_hash(s: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(s)
}
