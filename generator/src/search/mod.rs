//! Client-side search: the generator writes an index of the published site under
//! `zoeken/index/` as classic scripts, and `layouts/assets/search.js` (with its analysis twin
//! `search-analysis.js`) searches it in the browser, from `file://` as well as over http.
//!
//! - `analysis`: Dutch analysis (fold, words, stop words, Snowball stem, compound parts).
//! - `fields`: what of each published item is searched, with which weight, and its facets.
//! - `terms`: each item's terms with their score levels, inverted into postings.
//! - `index`: the postings cut into lexicon shards, postings chunks, word lists, facet files
//!   and result fragments (four items to a file).
//! - `champions`: per common term, the fragments of its first page of results in one file.
//! - `encode`: the compact number strings and the shard file format.

pub mod analysis;
pub mod champions;
pub mod corpus;
pub mod encode;
pub mod fields;
pub mod index;
pub mod page;
pub mod terms;
pub mod words;

use crate::output::{Memory, OutputFile, Sink};
use crate::site::Site;
use anyhow::Result;

/// Every file of the search index, sorted by path.
pub fn index_files(site: &Site) -> Result<Vec<OutputFile>> {
    let memory = Memory::default();
    index::build(site, corpus::Corpus::new(site), &memory)?;
    Ok(memory.into_sorted())
}

/// Every file of the search index, handed to `sink`: the pipeline's "search" step.
pub fn index_into(site: &Site, sink: &dyn Sink) -> Result<()> {
    index::build(site, corpus::Corpus::new(site), sink).map(|_| ())
}
