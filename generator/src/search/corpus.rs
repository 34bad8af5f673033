//! Every published item as search sees it, with the words of its fields numbered, for the
//! index (`terms`, `index`). Bodies are not analysed again: their words were numbered when
//! they were rendered.

use super::fields::{self, Field, SearchDoc};
use super::words::{Snapshot, WordCounts};
use crate::site::Site;
use rayon::prelude::*;

pub struct Corpus {
    /// In index order: (type, subtype, current before past, newest year first, slug).
    pub docs: Vec<SearchDoc>,
    /// Per doc, the words of its fields other than the body: (word, field, count).
    pub field_words: Vec<Vec<(u32, Field, u32)>>,
    /// The word numbers, frozen once every field is analysed.
    pub words: Snapshot,
}

impl Corpus {
    pub fn new(site: &Site) -> Corpus {
        let mut docs = fields::collect(site);
        docs.par_sort_by(|a, b| {
            (a.kind, &a.subtype, a.past, std::cmp::Reverse(a.year), &a.slug).cmp(&(
                b.kind,
                &b.subtype,
                b.past,
                std::cmp::Reverse(b.year),
                &b.slug,
            ))
        });
        // The texts are counted, then dropped: only their words are read from here on.
        let field_words: Vec<Vec<(u32, Field, u32)>> = docs
            .par_iter_mut()
            .map(|d| {
                let texts = std::mem::take(&mut d.texts);
                let counted = site.words.count_all(&texts.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>());
                let mut out = Vec::new();
                for ((field, _), words) in texts.iter().zip(counted) {
                    out.extend(words.into_iter().map(|(w, n)| (w, *field, n)));
                }
                out
            })
            .collect();
        Corpus { docs, field_words, words: site.words.snapshot() }
    }

    /// The body words of doc `p` (in `docs` order).
    pub fn body<'a>(&self, site: &'a Site, p: usize) -> &'a WordCounts {
        static NONE: WordCounts = Vec::new();
        site.bodies[self.docs[p].doc].as_ref().map(|b| &b.words).unwrap_or(&NONE)
    }
}
