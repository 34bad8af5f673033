//! From the text fields of every item to its terms with score levels. Words are counted
//! per item and field; each distinct word of the corpus is analysed once (its stem, and the
//! stems of its compound parts found with the corpus's own vocabulary); each term of an item
//! gets a score (field weights, BM25 saturation and length normalisation for the body,
//! compound parts at a discount), quantised to a 5-bit level on a log scale.

use super::analysis;
use super::fields::{Field, SearchDoc};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A compound part counts this much of a whole word in the same field.
const PART_FACTOR: f64 = 0.4;
/// BM25 constants for the body.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The index before it is cut into shards.
pub struct Inverted {
    /// Sorted.
    pub terms: Vec<String>,
    /// Per term, ascending ids with their score level.
    pub postings: Vec<Vec<(u32, u8)>>,
    /// Every indexed word as written (folded), sorted.
    pub vocabulary: Vec<String>,
}

/// FxHash (rustc's): the maps here hold millions of short keys and need no DoS resistance.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
}

impl Fx {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Occurrences of each word of one item, per field (in `Field::ALL` order).
struct Counts {
    words: FxMap<Box<str>, [u16; 6]>,
    body_len: usize,
}

fn count(d: &SearchDoc) -> Counts {
    let mut words: FxMap<Box<str>, [u16; 6]> = FxMap::default();
    let mut body_len = 0;
    for (field, text) in &d.texts {
        let fi = Field::ALL.iter().position(|f| f == field).unwrap_or(5);
        analysis::for_each_word(text, |w| {
            if !analysis::is_indexed(w) {
                return;
            }
            body_len += usize::from(*field == Field::Body);
            match words.get_mut(w) {
                Some(c) => c[fi] = c[fi].saturating_add(1),
                None => {
                    let mut c = [0; 6];
                    c[fi] = 1;
                    words.insert(w.into(), c);
                }
            }
        });
    }
    Counts { words, body_len }
}

pub fn invert(docs: &[SearchDoc]) -> Inverted {
    let counts: Vec<Counts> = docs.par_iter().map(count).collect();
    let mut distinct: FxMap<&str, ()> = FxMap::default();
    for c in &counts {
        distinct.extend(c.words.keys().map(|w| (&**w, ())));
    }
    let mut vocabulary: Vec<&str> = distinct.into_keys().collect();
    vocabulary.par_sort_unstable();
    let known: FxMap<&str, usize> = vocabulary.iter().enumerate().map(|(i, &w)| (w, i)).collect();
    // Each distinct word once: its stem and the stems of its compound parts.
    let analysed: Vec<(String, Vec<String>)> = vocabulary
        .par_iter()
        .map(|&w| {
            let own = analysis::stem(w);
            let mut parts: Vec<String> = analysis::compound_parts(w, &|p| known.contains_key(p))
                .iter()
                .map(|p| analysis::stem(p))
                .filter(|p| *p != own)
                .collect();
            parts.sort();
            parts.dedup();
            (own, parts)
        })
        .collect();
    let mut terms: Vec<&str> = analysed
        .iter()
        .flat_map(|(own, parts)| std::iter::once(own.as_str()).chain(parts.iter().map(String::as_str)))
        .collect();
    terms.par_sort_unstable();
    terms.dedup();
    let term_id: FxMap<&str, u32> = terms.iter().enumerate().map(|(i, &t)| (t, i as u32)).collect();
    // Per word of the vocabulary: its term and its part terms, as ids.
    let word_terms: Vec<(u32, Vec<u32>)> = analysed
        .iter()
        .map(|(own, parts)| (term_id[own.as_str()], parts.iter().map(|p| term_id[p.as_str()]).collect()))
        .collect();
    let with_body = counts.iter().filter(|c| c.body_len > 0).count().max(1);
    let avg_body = (counts.iter().map(|c| c.body_len).sum::<usize>() as f64 / with_body as f64).max(1.0);
    let per_doc: Vec<Vec<(u32, u8)>> =
        counts.par_iter().map(|c| scored(c, &known, &word_terms, c.body_len as f64 / avg_body)).collect();
    let mut postings: Vec<Vec<(u32, u8)>> = vec![Vec::new(); terms.len()];
    for (id, list) in per_doc.into_iter().enumerate() {
        for (t, level) in list {
            postings[t as usize].push((id as u32, level));
        }
    }
    Inverted {
        terms: terms.into_iter().map(String::from).collect(),
        postings,
        vocabulary: vocabulary.into_iter().map(String::from).collect(),
    }
}

/// The terms of one item with their levels.
fn scored(c: &Counts, known: &FxMap<&str, usize>, word_terms: &[(u32, Vec<u32>)], body_ratio: f64) -> Vec<(u32, u8)> {
    // term -> (whole-word count, part count) per field.
    let mut tf: FxMap<u32, [(f64, f64); 6]> = FxMap::default();
    for (w, n) in &c.words {
        let Some(&wi) = known.get(&**w) else { continue };
        let (own, parts) = &word_terms[wi];
        let slot = tf.entry(*own).or_insert([(0.0, 0.0); 6]);
        for fi in 0..6 {
            slot[fi].0 += f64::from(n[fi]);
        }
        for p in parts {
            let slot = tf.entry(*p).or_insert([(0.0, 0.0); 6]);
            for fi in 0..6 {
                slot[fi].1 += f64::from(n[fi]);
            }
        }
    }
    tf.into_iter()
        .map(|(term, counts)| {
            let mut score = 0.0;
            for (fi, (whole, part)) in counts.iter().enumerate() {
                let t = whole + PART_FACTOR * part;
                if t == 0.0 {
                    continue;
                }
                let field = Field::ALL[fi];
                score += if field == Field::Body {
                    t * (K1 + 1.0) / (t + K1 * (1.0 - B + B * body_ratio))
                } else {
                    // A second or third mention in a short field adds a little, more add nothing.
                    field.weight() * (t.min(1.0) + 0.25 * (t - 1.0).clamp(0.0, 2.0))
                };
            }
            (term, level_of(score))
        })
        .collect()
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
