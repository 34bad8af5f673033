//! Champion files: for the common terms, the result fragments of the items a one-word query
//! for the term shows first, in one file (`c/<term number>.js`), so the first page of
//! results costs one request instead of one per result. In the browser a cold query's time
//! goes to requests (a few milliseconds each, even in parallel), not to bytes.
//!
//! Why it covers a one-word query: an item's score for one query word is its best candidate
//! term's weight times the item's level weight for that term (times 0.6 for a past offer).
//! An item among the first ten results through term `t` is among the ten best items of `t`
//! by level weight alone, since all of `t`'s items share its weight; so the first page lies
//! in the union of the champion lists of the candidate terms. Queries of several words,
//! filters, later pages and rare terms load the fragment files (`d/`, four items each); the
//! browser computes the same lists from the postings it has, so it knows what a champion
//! file holds before it asks for it.
//!
//! Every file costs build time (creating a file is most of what writing a small one costs),
//! so champion files and fragment files together are at most one per item, as many as the
//! fragment files alone were when each item had its own: the terms with the most items get
//! champion files (every term of two or more items on a large corpus with a small
//! vocabulary, the terms of about 20 items or more on the real content).

use super::encode;
use super::index::DIR;
use super::terms::Postings;
use crate::output::{OutputFile, Sink};
use anyhow::Result;
use rayon::prelude::*;

/// Items per champion file: one page of results.
pub const DEPTH: usize = 10;
/// Past offers rank at this share of their score (`PAST_FACTOR` in `search.js`).
pub const PAST_FACTOR: f64 = 0.6;

/// A level's weight, as the browser scores it (`LEVEL` in `search.js`).
fn weight(level: u8) -> f64 {
    2f64.powf(f64::from(level) / 4.0) - 1.0
}

/// The fewest items a term needs for a champion file: at least 2 (one item is one fragment
/// anyway), and high enough that at most `cap` terms qualify.
pub fn min_df(postings: &Postings, cap: usize) -> usize {
    let mut dfs: Vec<usize> = (0..postings.terms()).map(|t| postings.len_of(t)).filter(|&df| df >= 2).collect();
    dfs.sort_unstable_by(|a, b| b.cmp(a));
    match dfs.get(cap) {
        // The (cap+1)-th largest must be left out, and with it every term of that many items.
        Some(&df) => df + 1,
        None => 2,
    }
}

/// The ids of term `t`'s champions, best first: level weight (past offers discounted), then
/// the lower id, as the browser orders results.
pub fn of(postings: &Postings, t: usize, past: &[bool]) -> Vec<u32> {
    let mut all: Vec<(f64, u32)> = postings
        .of(t)
        .map(|(id, level)| (weight(level) * if past[id as usize] { PAST_FACTOR } else { 1.0 }, id))
        .collect();
    crate::keep_first(&mut all, DEPTH, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    all.into_iter().map(|(_, id)| id).collect()
}

/// The champion file of every term of at least `min_df` items, handed to `sink`.
/// `fragments[id]` is item `id`'s fragment as JSON (an array); a champion file holds
/// `[[id, ...fragment], ...]`.
pub fn write(postings: &Postings, min_df: usize, past: &[bool], fragments: &[String], sink: &dyn Sink) -> Result<()> {
    (0..postings.terms()).into_par_iter().filter(|&t| postings.len_of(t) >= min_df).try_for_each(|t| {
        let ids = of(postings, t, past);
        let mut json = String::with_capacity(ids.iter().map(|&id| fragments[id as usize].len() + 8).sum::<usize>() + 2);
        json.push('[');
        for (i, &id) in ids.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            // `[` + id + `,` + the fragment's fields.
            let fragment = &fragments[id as usize];
            json.push('[');
            json.push_str(&id.to_string());
            if fragment.len() > 2 {
                json.push(',');
            }
            json.push_str(&fragment[1..]);
        }
        json.push(']');
        sink.put(OutputFile { path: format!("{DIR}c/{t}.js"), bytes: encode::wrap(&format!("c{t}"), &json) })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn champions_are_the_best_levels_with_past_offers_discounted_then_the_lower_id() {
        // 12 items at level 8; item 3 at level 20 but past (20 -> 0.6 * 31.0 = 18.6 > 3.0);
        // items 5 and 7 at level 12 (7.0).
        let list: Vec<(u32, u8)> = (0..12)
            .map(|id| {
                (
                    id,
                    if id == 3 {
                        20
                    } else if id == 5 || id == 7 {
                        12
                    } else {
                        8
                    },
                )
            })
            .collect();
        let postings = Postings::from_lists(&[list]);
        let mut past = vec![false; 12];
        past[3] = true;
        assert_eq!(of(&postings, 0, &past), vec![3, 5, 7, 0, 1, 2, 4, 6, 8, 9]);
    }

    #[test]
    fn no_more_champion_files_than_the_cap() {
        // dfs 1, 2, 3, 4, 5: at most 3 files, so terms of 3 items or more.
        let lists: Vec<Vec<(u32, u8)>> = (1..=5).map(|df| (0..df).map(|id| (id, 1)).collect()).collect();
        let postings = Postings::from_lists(&lists);
        assert_eq!(min_df(&postings, 3), 3);
        assert_eq!(min_df(&postings, 100), 2);
        assert_eq!(min_df(&postings, 1), 5);
        assert_eq!(min_df(&postings, 0), 6);
    }

    #[test]
    fn weights_follow_the_browsers_levels() {
        assert_eq!(weight(0), 0.0);
        assert!((weight(4) - 1.0).abs() < 1e-12);
        assert!(weight(31) > weight(30));
    }
}
