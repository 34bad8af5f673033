//! From the text fields of every item to its terms with score levels. Words are counted
//! per item and field; each distinct word of the corpus is analysed once (its stem, and the
//! stems of its compound parts found with the corpus's own vocabulary); each term of an item
//! gets a score (field weights, BM25 saturation and length normalisation for the body,
//! compound parts at a discount), quantised to a 5-bit level on a log scale.

use super::analysis;
use super::corpus::Corpus;
use super::fields::Field;
use crate::site::Site;
use crate::FastMap;
use rayon::prelude::*;

/// A compound part counts this much of a whole word in the same field.
const PART_FACTOR: f64 = 0.4;
/// BM25 constants for the body.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The fields as scored, in the order their scores add up (tags count as `Meta`).
const SCORED: [Field; 6] = [Field::Title, Field::Alias, Field::Summary, Field::Heading, Field::Meta, Field::Body];

fn slot(field: Field) -> usize {
    SCORED.iter().position(|&f| f == field.scored_as()).unwrap_or(5)
}

/// The index before it is cut into shards.
pub struct Inverted {
    /// Sorted.
    pub terms: Vec<String>,
    /// Per term, ascending ids with their score level.
    pub postings: Postings,
    /// Every indexed word as written (folded), sorted.
    pub vocabulary: Vec<String>,
}

/// Every term's postings in one array: an id and its 5-bit level packed in a `u32`
/// (`id << 5 | level`), term after term.
pub struct Postings {
    start: Vec<usize>,
    packed: Vec<u32>,
}

impl Postings {
    /// Term `t`'s postings: ascending ids with their score level.
    pub fn of(&self, t: usize) -> impl Iterator<Item = (u32, u8)> + '_ {
        self.packed[self.start[t]..self.start[t + 1]].iter().map(|&p| (p >> 5, (p & 31) as u8))
    }

    pub fn len_of(&self, t: usize) -> usize {
        self.start[t + 1] - self.start[t]
    }

    pub fn terms(&self) -> usize {
        self.start.len() - 1
    }

    /// Postings from per-term lists of (ascending id, level), for tests.
    #[cfg(test)]
    pub fn from_lists(lists: &[Vec<(u32, u8)>]) -> Postings {
        let mut start = vec![0];
        let mut packed = Vec::new();
        for list in lists {
            packed.extend(list.iter().map(|&(id, level)| (id << 5) | u32::from(level & 31)));
            start.push(packed.len());
        }
        Postings { start, packed }
    }
}

/// Occurrences of each word of one item, per scored field (`SCORED` order), into `words`
/// (emptied first); returns the body's length in words.
fn counts(corpus: &Corpus, site: &Site, p: usize, words: &mut FastMap<u32, [u32; 6]>) -> usize {
    words.clear();
    for &(w, field, n) in &corpus.field_words[p] {
        words.entry(w).or_default()[slot(field)] += n;
    }
    let mut body_len = 0;
    for &(w, n) in corpus.body(site, p) {
        words.entry(w).or_default()[5] += n;
        body_len += n as usize;
    }
    body_len
}

pub fn invert(corpus: &Corpus, site: &Site) -> Inverted {
    let snap = &corpus.words;
    let n = corpus.docs.len();
    // The vocabulary: the words of published items only, sorted: each marked at its rank
    // (millions of occurrences, a few thousand distinct words).
    let mut at_rank = vec![u32::MAX; snap.word_count()];
    for p in 0..n {
        let words = corpus.field_words[p].iter().map(|&(w, _, _)| w);
        for w in words.chain(corpus.body(site, p).iter().map(|&(w, _)| w)) {
            at_rank[snap.rank(w) as usize] = w;
        }
    }
    let vocabulary: Vec<u32> = at_rank.into_iter().filter(|&w| w != u32::MAX).collect();
    let known: FastMap<&str, u32> = vocabulary.iter().map(|&w| (snap.word(w), w)).collect();
    let stem_of = |w: u32| snap.stem(snap.stem_of(w));
    // Each distinct word once: its stem and the stems of its compound parts (words of the
    // corpus themselves).
    let analysed: Vec<(&str, Vec<&str>)> = vocabulary
        .par_iter()
        .map(|&w| {
            let own = stem_of(w);
            let mut parts: Vec<&str> = analysis::compound_parts(snap.word(w), &|p| known.contains_key(p))
                .iter()
                .filter_map(|p| known.get(p.as_str()).map(|&pw| stem_of(pw)))
                .filter(|p| *p != own)
                .collect();
            parts.sort_unstable();
            parts.dedup();
            (own, parts)
        })
        .collect();
    let mut terms: Vec<&str> =
        analysed.iter().flat_map(|(own, parts)| std::iter::once(*own).chain(parts.iter().copied())).collect();
    terms.par_sort_unstable();
    terms.dedup();
    let term_id: FastMap<&str, u32> = terms.iter().enumerate().map(|(i, &t)| (t, i as u32)).collect();
    // Per word number: its term and its part terms (`None` for words of no published item).
    let mut word_terms: Vec<Option<(u32, Vec<u32>)>> = vec![None; snap.word_count()];
    for (&w, (own, parts)) in vocabulary.iter().zip(&analysed) {
        word_terms[w as usize] = Some((term_id[own], parts.iter().map(|p| term_id[p]).collect()));
    }
    let lengths: Vec<usize> = (0..n).map(|p| corpus.body(site, p).iter().map(|&(_, c)| c as usize).sum()).collect();
    let with_body = lengths.iter().filter(|&&l| l > 0).count().max(1);
    let avg_body = (lengths.iter().sum::<usize>() as f64 / with_body as f64).max(1.0);
    // Per doc, its terms with their levels packed (`term << 5 | level`).
    // Each thread reuses its two maps from item to item.
    let per_doc: Vec<Vec<u32>> = (0..n)
        .into_par_iter()
        .map_init(
            || (FastMap::default(), FastMap::default()),
            |(words, tf), p| {
                let body_len = counts(corpus, site, p, words);
                scored(words, &word_terms, body_len as f64 / avg_body, tf)
                    .map(|(t, level)| (t << 5) | u32::from(level & 31))
                    .collect()
            },
        )
        .collect();
    // Counting sort into one array, docs in id order within each term.
    let mut start = vec![0usize; terms.len() + 1];
    for list in &per_doc {
        for &tl in list {
            start[(tl >> 5) as usize + 1] += 1;
        }
    }
    for t in 1..start.len() {
        start[t] += start[t - 1];
    }
    let mut fill = start.clone();
    let mut packed = vec![0u32; start[terms.len()]];
    for (id, list) in per_doc.into_iter().enumerate() {
        for tl in list {
            let t = (tl >> 5) as usize;
            packed[fill[t]] = ((id as u32) << 5) | (tl & 31);
            fill[t] += 1;
        }
    }
    Inverted {
        terms: terms.into_iter().map(String::from).collect(),
        postings: Postings { start, packed },
        vocabulary: vocabulary.iter().map(|&w| snap.word(w).to_string()).collect(),
    }
}

/// The terms of one item with their levels.
fn scored<'a>(
    words: &FastMap<u32, [u32; 6]>,
    word_terms: &[Option<(u32, Vec<u32>)>],
    body_ratio: f64,
    tf: &'a mut FastMap<u32, [(f64, f64); 6]>,
) -> impl Iterator<Item = (u32, u8)> + 'a {
    // term -> (whole-word count, part count) per field.
    tf.clear();
    for (w, n) in words {
        let Some(Some((own, parts))) = word_terms.get(*w as usize) else { continue };
        // A field's count of one word is capped as it always was (16 bits).
        let n = n.map(|c| f64::from(c.min(u32::from(u16::MAX))));
        let slot = tf.entry(*own).or_insert([(0.0, 0.0); 6]);
        for fi in 0..6 {
            slot[fi].0 += n[fi];
        }
        for p in parts {
            let slot = tf.entry(*p).or_insert([(0.0, 0.0); 6]);
            for fi in 0..6 {
                slot[fi].1 += n[fi];
            }
        }
    }
    tf.iter().map(move |(&term, counts)| {
        let mut score = 0.0;
        for (fi, (whole, part)) in counts.iter().enumerate() {
            let t = whole + PART_FACTOR * part;
            if t == 0.0 {
                continue;
            }
            let field = SCORED[fi];
            score += if field == Field::Body {
                t * (K1 + 1.0) / (t + K1 * (1.0 - B + B * body_ratio))
            } else {
                // A second or third mention in a short field adds a little, more add nothing.
                field.weight() * (t.min(1.0) + 0.25 * (t - 1.0).clamp(0.0, 2.0))
            };
        }
        (term, level_of(score))
    })
}

/// A score as a 5-bit level, on a log scale: `score = 2^(level/4) - 1`.
pub fn level_of(score: f64) -> u8 {
    ((1.0 + score).log2() * 4.0).round().clamp(1.0, 31.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_grow_with_the_score_and_stay_in_five_bits() {
        assert_eq!(level_of(0.0), 1);
        assert!(level_of(1.0) < level_of(10.0));
        assert_eq!(level_of(1e9), 31);
    }
}
