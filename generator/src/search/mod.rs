//! Client-side search: the generator writes an index of the published site under
//! `zoeken/index/` as classic scripts, and `layouts/assets/search.js` (with its analysis twin
//! `search-analysis.js`) searches it in the browser, from `file://` as well as over http.
//!
//! - `analysis`: Dutch analysis (fold, words, stop words, Snowball stem, compound parts).
//! - `fields`: what of each published item is searched, with which weight, and its facets.
//! - `terms`: each item's terms with their score levels, inverted into postings.
//! - `index`: the postings cut into lexicon shards, postings chunks, word lists, facet files
//!   and result fragments.
//! - `encode`: the compact number strings and the shard file format.

pub mod analysis;
pub mod encode;
pub mod fields;
pub mod index;
pub mod page;
pub mod terms;

use crate::output::OutputFile;
use crate::site::Site;
use anyhow::Result;

/// Every file of the search index, for the pipeline's "search" step.
pub fn index_files(site: &Site) -> Result<Vec<OutputFile>> {
    Ok(index::build(site)?.0)
}
