//! Matching learning questions with supply ("Mogelijk passend aanbod"). The score of a
//! candidate `c` (a current offer, publication, intervention or learning circle) for a
//! question `q`, documented in the README:
//!
//! ```text
//! score = 3·T + 1·A + 4·S
//! T = mean over q's themes of the best relation to c's themes:
//!     1 for the same theme, 0.5 for its parent or a child
//! A = share of q's audiences (asked_by) that c addresses (audiences)
//! S = cosine similarity of TF-IDF vectors of the texts (title, summary, tags, body),
//!     with the same Dutch analysis as search; a candidate's title counts twice
//! ```
//!
//! Candidates need T > 0 or S ≥ 0.1, and a score of at least 1. Past offers are never
//! candidates. Scored are the candidates on a related theme (T > 0) and, for matches by
//! text alone, the candidates that weigh one of the question's 16 most distinctive terms
//! among the 16 most (champion lists); every score is exact. The score never reads `matched`: the editors' links are shown apart, and
//! the leave-one-out evaluation in the test suite measures the score against them.

use crate::model::{Kind, Raw};
use crate::site::Site;
use crate::FastMap;
use rayon::prelude::*;
use std::collections::HashMap;

/// A ranked suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub item: usize,
    pub score: f64,
}

/// Every question's best candidates, and per candidate the questions it suits.
#[derive(Debug, Default)]
pub struct Matches {
    /// Per question, ranked: enough to show `SHOWN` besides the confirmed matches.
    pub for_question: HashMap<usize, Vec<Suggestion>>,
    pub for_supply: HashMap<usize, Vec<usize>>,
}

/// How many suggestions a question page shows, and how many count for "Sluit aan op".
pub const SHOWN: usize = 5;
pub const TOP: usize = 3;

fn is_candidate(site: &Site, i: usize) -> bool {
    match site.docs[i].kind {
        Kind::Offer => super::is_current_offer(site, i),
        Kind::Publication | Kind::Intervention | Kind::LearningCircle => true,
        _ => false,
    }
}

/// Word counts of an item's text: title `title_weight` times, summary, tags, and the body
/// (whose words were numbered when it was rendered).
fn word_counts(site: &Site, i: usize, title_weight: usize) -> Vec<(u32, f64)> {
    let c = site.docs[i].raw.common();
    let mut words: FastMap<u32, f64> = FastMap::default();
    let mut add = |counts: &[(u32, u32)], times: f64| {
        for &(w, n) in counts {
            *words.entry(w).or_default() += times * f64::from(n);
        }
    };
    add(&site.words.count(c.title), title_weight as f64);
    add(&site.words.count(c.summary.unwrap_or_default()), 1.0);
    for t in c.tags {
        add(&site.words.count(t), 1.0);
    }
    if let Some(b) = &site.bodies[i] {
        add(&b.words, 1.0);
    }
    words.into_iter().collect()
}

/// L2-normalised TF-IDF vectors of the given items (item, title weight), over one
/// vocabulary of stems: per item, (term, weight) sorted by term, where a term is its stem's
/// place among all stems (so sums add up in the same order on every run). Returns the
/// number of terms too.
fn vectors(site: &Site, items: &[(usize, usize)]) -> (Vec<Vec<(u32, f32)>>, usize) {
    let words: Vec<Vec<(u32, f64)>> = items.par_iter().map(|&(i, w)| word_counts(site, i, w)).collect();
    let snap = site.words.snapshot();
    let counts: Vec<Vec<(u32, f64)>> = words
        .into_par_iter()
        .map(|words| {
            let mut terms: FastMap<u32, f64> = FastMap::default();
            for (w, n) in words {
                *terms.entry(snap.stem_rank(snap.stem_of(w))).or_default() += n;
            }
            let mut v: Vec<(u32, f64)> = terms.into_iter().collect();
            v.sort_unstable_by_key(|&(t, _)| t);
            v
        })
        .collect();
    let terms = snap.stem_count();
    let mut df = vec![0.0f64; terms];
    for v in &counts {
        for &(t, _) in v {
            df[t as usize] += 1.0;
        }
    }
    let n = items.len().max(1) as f64;
    let vecs = counts
        .into_par_iter()
        .map(|tf| {
            let v: Vec<(u32, f64)> =
                tf.into_iter().map(|(t, c)| (t, (1.0 + c.ln()) * (n / df[t as usize]).ln().max(0.0))).collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            v.into_iter().map(|(t, w)| (t, if norm > 0.0 { (w / norm) as f32 } else { 0.0 })).collect()
        })
        .collect();
    (vecs, terms)
}

/// T: how the candidate's themes relate to the question's.
fn theme_score(site: &Site, q: &[usize], c: &[usize]) -> f64 {
    if q.is_empty() {
        return 0.0;
    }
    let parent = |t: usize| site.agg.parent(t);
    let best = |tq: usize| {
        c.iter()
            .map(|&tc| {
                if tc == tq {
                    1.0
                } else if parent(tc) == Some(tq) || parent(tq) == Some(tc) {
                    0.5
                } else {
                    0.0
                }
            })
            .fold(0.0, f64::max)
    };
    q.iter().map(|&t| best(t)).sum::<f64>() / q.len() as f64
}

/// For each term, the candidates that weigh it most: the `CHAMPIONS` strongest, as one
/// array per term (compressed rows). A question meets a candidate through its own
/// `QUERY_TERMS` most distinctive terms (champion lists, Manning et al., Introduction to
/// Information Retrieval, 7.1.3), so the work per question stays bounded however large
/// the site grows.
struct Champions {
    start: Vec<usize>,
    entries: Vec<u32>,
}

/// How many of a question's terms look for candidates, and how many candidates each finds.
pub const QUERY_TERMS: usize = 16;
pub const CHAMPIONS: usize = 16;

impl Champions {
    fn new(vecs: &[Vec<(u32, f32)>], terms: usize) -> Self {
        let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
        for (c, v) in vecs.iter().enumerate() {
            for &(t, w) in v {
                lists[t as usize].push((c as u32, w));
            }
        }
        let mut start = Vec::with_capacity(terms + 1);
        let mut entries = Vec::new();
        start.push(0);
        for mut list in lists {
            let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if list.len() > CHAMPIONS {
                list.select_nth_unstable_by(CHAMPIONS, order);
                list.truncate(CHAMPIONS);
            }
            entries.extend(list.into_iter().map(|(c, _)| c));
            start.push(entries.len());
        }
        Champions { start, entries }
    }

    fn of(&self, term: u32) -> &[u32] {
        let t = term as usize;
        match (self.start.get(t), self.start.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a..b],
            _ => &[],
        }
    }
}

/// Every question's matches.
pub fn compute(site: &Site) -> Matches {
    let questions: Vec<usize> = site.visible_of(Kind::LearningQuestion).collect();
    let candidates: Vec<usize> =
        (0..site.docs.len()).filter(|&i| site.is_visible(i) && is_candidate(site, i)).collect();
    let items: Vec<(usize, usize)> =
        questions.iter().map(|&q| (q, 1)).chain(candidates.iter().map(|&c| (c, 2))).collect();
    let (mut vecs, terms) = vectors(site, &items);
    let cand_vecs = vecs.split_off(questions.len());
    let champions = Champions::new(&cand_vecs, terms);
    // Document index to candidate number.
    let mut cand_no = vec![u32::MAX; site.docs.len()];
    for (n, &c) in candidates.iter().enumerate() {
        cand_no[c] = n as u32;
    }
    let space =
        Space { site, candidates: &candidates, cand_no: &cand_no, cand_vecs: &cand_vecs, champions: &champions };
    let ranked: Vec<Vec<Suggestion>> = questions
        .par_iter()
        .zip(vecs)
        .map_init(
            || Scratch { query: vec![0.0; terms], seen: vec![false; candidates.len()], touched: Vec::new() },
            |scratch, (&q, qv)| space.rank(q, &qv, scratch),
        )
        .collect();
    let mut m = Matches::default();
    for (&q, ranked) in questions.iter().zip(ranked) {
        for s in ranked.iter().take(TOP) {
            m.for_supply.entry(s.item).or_default().push(q);
        }
        m.for_question.insert(q, ranked);
    }
    m
}

/// Per-thread scratch space of `rank`, left as it was found: the question's weights by
/// term, and the candidates met.
struct Scratch {
    query: Vec<f64>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Scratch {
    fn touch(&mut self, c: u32) {
        if !std::mem::replace(&mut self.seen[c as usize], true) {
            self.touched.push(c);
        }
    }
}

/// The cosine of a question (by term) and a candidate: both vectors are normalised. Four
/// running sums, in term order, so the additions overlap.
fn cosine(query: &[f64], candidate: &[(u32, f32)]) -> f64 {
    let mut sums = [0.0f64; 4];
    let mut chunks = candidate.chunks_exact(4);
    for c in &mut chunks {
        for k in 0..4 {
            sums[k] += query[c[k].0 as usize] * f64::from(c[k].1);
        }
    }
    for (k, &(t, w)) in chunks.remainder().iter().enumerate() {
        sums[k] += query[t as usize] * f64::from(w);
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3])
}

/// What every question is matched against.
struct Space<'a> {
    site: &'a Site,
    candidates: &'a [usize],
    cand_no: &'a [u32],
    cand_vecs: &'a [Vec<(u32, f32)>],
    champions: &'a Champions,
}

impl Space<'_> {
    /// The ranked candidates of question `q`: those on a related theme, and those a
    /// distinctive term of the question leads to; each with its exact score.
    fn rank(&self, q: usize, qv: &[(u32, f32)], scratch: &mut Scratch) -> Vec<Suggestion> {
        let site = self.site;
        let Raw::LearningQuestion(lq) = &site.docs[q].raw else { return Vec::new() };
        let mut strongest: Vec<(u32, f32)> = qv.to_vec();
        let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if strongest.len() > QUERY_TERMS {
            strongest.select_nth_unstable_by(QUERY_TERMS, order);
            strongest.truncate(QUERY_TERMS);
        }
        for &(t, _) in &strongest {
            for &c in self.champions.of(t) {
                scratch.touch(c);
            }
        }
        // Candidates on the same theme, its parent or a child theme.
        let q_themes = site.agg.themes_of(q);
        for &tq in q_themes {
            let related = std::iter::once(tq).chain(site.agg.parent(tq)).chain(site.agg.children(tq).iter().copied());
            for t in related {
                for &j in site.agg.naming(t) {
                    if self.cand_no[j] != u32::MAX {
                        scratch.touch(self.cand_no[j]);
                    }
                }
            }
        }
        for &(t, w) in qv {
            scratch.query[t as usize] = f64::from(w);
        }
        let mut ranked: Vec<Suggestion> = Vec::new();
        for &c in &scratch.touched {
            scratch.seen[c as usize] = false;
            let s = cosine(&scratch.query, &self.cand_vecs[c as usize]);
            let item = self.candidates[c as usize];
            let t = theme_score(site, q_themes, site.agg.themes_of(item));
            if t == 0.0 && s < 0.1 {
                continue;
            }
            let auds = site.docs[item].raw.common().audiences;
            let a = if lq.asked_by.is_empty() {
                0.0
            } else {
                lq.asked_by.iter().filter(|x| auds.contains(x)).count() as f64 / lq.asked_by.len() as f64
            };
            let score = 3.0 * t + a + 4.0 * s;
            if score >= 1.0 {
                ranked.push(Suggestion { item, score });
            }
        }
        for &(t, _) in qv {
            scratch.query[t as usize] = 0.0;
        }
        scratch.touched.clear();
        let order = |a: &Suggestion, b: &Suggestion| {
            b.score.total_cmp(&a.score).then(site.docs[a.item].slug.cmp(&site.docs[b.item].slug))
        };
        // The page shows `SHOWN` besides the confirmed matches; nothing else is read.
        let keep = SHOWN + confirmed(site, q).len();
        if ranked.len() > keep {
            ranked.select_nth_unstable_by(keep, order);
            ranked.truncate(keep);
        }
        ranked.sort_by(order);
        ranked
    }
}

/// The editors' confirmed matches of a question, as item indices.
pub fn confirmed(site: &Site, q: usize) -> Vec<usize> {
    site.references[q].iter().filter(|(f, _)| f.starts_with("matched[")).map(|(_, j)| *j).collect()
}
