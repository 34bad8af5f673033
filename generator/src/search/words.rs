//! The site's words, numbered: every folded, indexed word of a text (see `analysis`) gets
//! a number, and with it its Snowball stem, so a body is analysed once, when it is
//! rendered, and search and matching read numbers instead of analysing the text again. The
//! dev server keeps one `Words` for all its rebuilds, so unchanged bodies keep their
//! numbers.
//!
//! Numbers depend on the order in which threads meet words, so nothing may depend on their
//! order: whatever is written out is sorted by the words themselves (`Snapshot::rank`).

use super::analysis;
use crate::FastMap;
use std::sync::{Arc, PoisonError, RwLock};

/// Word number -> occurrences, sorted by word number.
pub type WordCounts = Vec<(u32, u32)>;

#[derive(Debug, Default)]
pub struct Words(RwLock<Table>);

/// A thread's room for counting words: per word number its count in the text being read
/// (zero otherwise), and the numbers met in it. Kept between calls, so counting a text
/// allocates only its result.
#[derive(Default)]
struct Scratch {
    counts: Vec<u32>,
    met: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// The number of a word that is not indexed (a stop word, or too short): remembered, so
/// the check is made once per word.
const NOT_INDEXED: u32 = u32::MAX;

#[derive(Debug, Default, Clone)]
struct Table {
    ids: WordIds,
    words: Vec<Arc<str>>,
    /// Per word, its stem's number in `stems`.
    stem_of: Vec<u32>,
    stem_ids: FastMap<Arc<str>, u32>,
    stems: Vec<Arc<str>>,
}

/// Word -> number. Folded words hold only `a-z0-9`, never a zero byte, so one of up to 16
/// bytes is its own key, read as a number padded with zeros: no string hashed byte by
/// byte, no string compared. Most words are that short; longer ones are kept by name.
#[derive(Debug, Default, Clone)]
struct WordIds {
    short: FastMap<u128, u32>,
    long: FastMap<Arc<str>, u32>,
}

impl WordIds {
    /// The word's bytes as a little-endian number, read with loads of fixed size that may
    /// overlap (a copy into a padded buffer, then a load of it, stalls the processor).
    fn key(word: &str) -> Option<u128> {
        let b = word.as_bytes();
        let n = b.len();
        let u64_at = |i: usize| crate::swar::load(b, i).unwrap_or_default();
        let u32_at = |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default()));
        let (lo, hi) = match n {
            0 => (0, 0),
            1..4 => (u64::from(b[0]) | u64::from(b[n / 2]) << (n / 2 * 8) | u64::from(b[n - 1]) << ((n - 1) * 8), 0),
            4..8 => (u32_at(0) | u32_at(n - 4) << ((n - 4) * 8), 0),
            8 => (u64_at(0), 0),
            9..=16 => (u64_at(0), u64_at(n - 8) >> ((16 - n) * 8)),
            _ => return None,
        };
        Some(u128::from(lo) | u128::from(hi) << 64)
    }

    fn get(&self, word: &str) -> Option<u32> {
        match Self::key(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, id: u32) {
        match Self::key(word) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(word.into(), id),
        };
    }
}

impl Table {
    fn add(&mut self, word: &str) -> u32 {
        if let Some(id) = self.ids.get(word) {
            return id;
        }
        if !analysis::is_indexed(word) {
            self.ids.insert(word, NOT_INDEXED);
            return NOT_INDEXED;
        }
        let stem = analysis::stem(word);
        let stem_id = match self.stem_ids.get(stem.as_str()) {
            Some(&s) => s,
            None => {
                let s = self.stems.len() as u32;
                let stem: Arc<str> = stem.into();
                self.stems.push(stem.clone());
                self.stem_ids.insert(stem, s);
                s
            }
        };
        let id = self.words.len() as u32;
        let word: Arc<str> = word.into();
        self.words.push(word.clone());
        self.ids.insert(&word, id);
        self.stem_of.push(stem_id);
        id
    }
}

impl Words {
    /// The indexed words of `text` with their counts. Words seen before are looked up under
    /// a shared lock; only new ones take the exclusive one.
    pub fn count(&self, text: &str) -> WordCounts {
        self.count_all(&[text]).pop().unwrap_or_default()
    }

    /// `count` of each of `texts`, under one shared lock for all of them: an item's short
    /// texts are counted together, instead of both threads taking the lock for each.
    pub fn count_all(&self, texts: &[&str]) -> Vec<WordCounts> {
        SCRATCH.with_borrow_mut(|scratch| self.count_with(texts, scratch))
    }

    fn count_with(&self, texts: &[&str], scratch: &mut Scratch) -> Vec<WordCounts> {
        let Scratch { counts, met } = scratch;
        // Each text's words in the order they are first met, with their counts; the counts
        // are kept in `counts` (by word number) while the text is read, then taken out, so
        // `counts` is all zeros between calls.
        let mut out: Vec<Vec<(u32, u32)>> = Vec::with_capacity(texts.len());
        let mut new: Vec<FastMap<Box<str>, u32>> = texts.iter().map(|_| FastMap::default()).collect();
        {
            let table = self.0.read().unwrap_or_else(PoisonError::into_inner);
            if counts.len() < table.words.len() {
                counts.resize(table.words.len(), 0);
            }
            for (text, new) in texts.iter().zip(&mut new) {
                met.clear();
                analysis::for_each_word(text, |w| match table.ids.get(w) {
                    Some(NOT_INDEXED) => {}
                    Some(id) => {
                        let n = &mut counts[id as usize];
                        if *n == 0 {
                            met.push(id);
                        }
                        *n += 1;
                    }
                    None => match new.get_mut(w) {
                        Some(n) => *n += 1,
                        None => {
                            new.insert(w.into(), 1);
                        }
                    },
                });
                out.push(met.iter().map(|&id| (id, std::mem::take(&mut counts[id as usize]))).collect());
            }
        }
        if new.iter().any(|n| !n.is_empty()) {
            let mut table = self.0.write().unwrap_or_else(PoisonError::into_inner);
            for (new, counted) in new.into_iter().zip(&mut out) {
                for (w, n) in new {
                    // Not numbered when this text was read, so not among its counts yet.
                    let id = table.add(&w);
                    if id != NOT_INDEXED {
                        counted.push((id, n));
                    }
                }
            }
        }
        for counted in &mut out {
            counted.sort_unstable_by_key(|&(id, _)| id);
            // Sized exactly: a body's counts are kept for the whole build.
            counted.shrink_to_fit();
        }
        out
    }

    /// Per word number its stem's number; per stem number the stem's place among all stems;
    /// and per place the stem's number: the part of `snapshot` that matching needs, without
    /// sorting the words.
    pub fn stem_ranks(&self) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
        let table = self.0.read().unwrap_or_else(PoisonError::into_inner);
        let (rank, sorted) = ranks(&table.stems);
        (table.stem_of.clone(), rank, sorted)
    }

    /// The words and stems as they are now, to read numbers with.
    pub fn snapshot(&self) -> Snapshot {
        let table = self.0.read().unwrap_or_else(PoisonError::into_inner);
        Snapshot {
            words: table.words.clone(),
            stem_of: table.stem_of.clone(),
            stems: table.stems.clone(),
            rank: ranks(&table.words).0,
        }
    }
}

/// Per name, its place in the sorted list of the names; and that list, as name numbers.
fn ranks(names: &[Arc<str>]) -> (Vec<u32>, Vec<u32>) {
    let mut sorted: Vec<u32> = (0..names.len() as u32).collect();
    sorted.sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
    let mut rank = vec![0u32; sorted.len()];
    for (r, &id) in sorted.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    (rank, sorted)
}

/// A frozen copy of the numbers.
#[derive(Debug, Clone)]
pub struct Snapshot {
    words: Vec<Arc<str>>,
    stem_of: Vec<u32>,
    stems: Vec<Arc<str>>,
    rank: Vec<u32>,
}

impl Snapshot {
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// The number of the word's stem.
    pub fn stem_of(&self, id: u32) -> u32 {
        self.stem_of[id as usize]
    }

    pub fn stem(&self, stem: u32) -> &str {
        &self.stems[stem as usize]
    }

    /// The word's place in the sorted list of all words: an order that does not depend on
    /// how the numbers were given out.
    pub fn rank(&self, id: u32) -> u32 {
        self.rank[id as usize]
    }

    /// How many words are numbered.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_indexed_words_and_numbers_them_once() {
        let words = Words::default();
        let a = words.count("De wijken en de wijk, wijken!");
        let b = words.count("wijk");
        let s = words.snapshot();
        let named: Vec<(&str, u32)> = a.iter().map(|&(id, n)| (s.word(id), n)).collect();
        assert!(named.contains(&("wijken", 2)) && named.contains(&("wijk", 1)) && named.len() == 2, "{named:?}");
        assert_eq!(s.word(b[0].0), "wijk");
        // `wijken` and `wijk` share a stem.
        let ids: Vec<u32> = a.iter().map(|&(id, _)| s.stem_of(id)).collect();
        assert_eq!(ids[0], ids[1]);
        assert_eq!(s.stem(ids[0]), "wijk");
        // Ranks follow the words' order.
        let (wijk, wijken) = (b[0].0, a.iter().find(|&&(id, _)| s.word(id) == "wijken").unwrap().0);
        assert!(s.rank(wijk) < s.rank(wijken));
    }

    #[test]
    fn a_short_word_is_its_bytes_padded_with_zeros() {
        let word = "abcdefghijklmnopq";
        for n in 0..=17 {
            let mut padded = [0u8; 16];
            let expected = (n <= 16).then(|| {
                padded[..n].copy_from_slice(&word.as_bytes()[..n]);
                u128::from_le_bytes(padded)
            });
            assert_eq!(WordIds::key(&word[..n]), expected, "{n}");
        }
    }

    #[test]
    fn short_and_long_words_keep_their_numbers() {
        // Around the 16 bytes a word is kept as a number up to: each its own word, counted
        // again under the same number when met again.
        let text = "wijkteamleden wijkteamcoachen wijkteamcoordinatorx wijkteamcoordinatoren \
                    buurtteamcoordinatorenoverleg 1234567890123456 12345678901234567 ab";
        let words = Words::default();
        let first = words.count(text);
        let again = words.count(&format!("{text} {text}"));
        let s = words.snapshot();
        let named: Vec<(&str, u32)> = again.iter().map(|&(id, n)| (s.word(id), n)).collect();
        let mut expected: Vec<&str> = text.split_whitespace().collect();
        expected.sort();
        let mut got: Vec<&str> = named.iter().map(|&(w, _)| w).collect();
        got.sort();
        assert_eq!(got, expected);
        assert!(named.iter().all(|&(_, n)| n == 2), "{named:?}");
        assert_eq!(
            first.iter().map(|&(id, _)| id).collect::<Vec<_>>(),
            again.iter().map(|&(id, _)| id).collect::<Vec<_>>()
        );
        assert_eq!(s.word_count(), expected.len());
    }

    #[test]
    fn texts_counted_together_are_counted_as_one_by_one() {
        let texts = ["Buurtteams in de wijk", "", "wijk wijk buurtteam", "Schuldhulp en buurtteams"];
        let together = Words::default();
        let all = together.count_all(&texts);
        let alone = Words::default();
        let one_by_one: Vec<WordCounts> = texts.iter().map(|t| alone.count(t)).collect();
        // Numbers differ with the order new words are met; the words and counts do not.
        let named = |w: &Words, counts: &[WordCounts]| -> Vec<Vec<(String, u32)>> {
            let s = w.snapshot();
            counts
                .iter()
                .map(|c| {
                    let mut v: Vec<(String, u32)> = c.iter().map(|&(id, n)| (s.word(id).to_string(), n)).collect();
                    v.sort();
                    v
                })
                .collect()
        };
        assert_eq!(named(&together, &all), named(&alone, &one_by_one));
        assert_eq!(named(&together, &all)[2], [("buurtteam".to_string(), 1), ("wijk".to_string(), 2)]);
        assert!(all[1].is_empty());
        // A word met in two texts of one call has one number.
        let wijk: Vec<u32> = [0, 2]
            .iter()
            .map(|&k| all[k].iter().find(|&&(id, _)| together.snapshot().word(id) == "wijk").unwrap().0)
            .collect();
        assert_eq!(wijk[0], wijk[1]);
    }
}
