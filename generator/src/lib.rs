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
pub mod swar;
pub mod yaml;

/// A hash map for the build's own short keys (terms, words, ids), which need no DoS
/// resistance: foldhash with a fixed seed, so runs behave the same.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Keeps the `k` first of `v` in `order`, sorted, without sorting the rest. With a total
/// `order` (ties broken) the result does not depend on the order `v` came in.
pub fn keep_first<T>(v: &mut Vec<T>, k: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if v.len() > k {
        v.select_nth_unstable_by(k, &order);
        v.truncate(k);
    }
    v.sort_by(order);
}

/// The 64-bit hash `FastMap` uses, of one string.
pub fn fast_hash(s: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn keep_first_keeps_the_first_in_order_whatever_the_input_order() {
        let order = |a: &(u32, char), b: &(u32, char)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let mut v = vec![(1, 'a'), (5, 'b'), (3, 'c'), (5, 'a'), (2, 'd'), (4, 'e')];
        let mut reversed: Vec<_> = v.iter().rev().copied().collect();
        super::keep_first(&mut v, 3, order);
        super::keep_first(&mut reversed, 3, order);
        assert_eq!(v, [(5, 'a'), (5, 'b'), (4, 'e')]);
        assert_eq!(reversed, v);
        let mut short = vec![(1, 'a'), (2, 'b')];
        super::keep_first(&mut short, 5, order);
        assert_eq!(short, [(2, 'b'), (1, 'a')]);
        super::keep_first(&mut short, 0, order);
        assert!(short.is_empty());
    }
}
