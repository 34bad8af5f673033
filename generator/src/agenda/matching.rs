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
use crate::rows::Rows;
use crate::search::words::WordCounts;
use crate::site::body::Body;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// A ranked suggestion.
#[derive(Debug, Clone, Copy, PartialEq)]
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

/// Whether item `i` can be suggested to a question (visible or not).
pub fn is_candidate(site: &Site, i: usize) -> bool {
    match site.docs[i].kind {
        Kind::Offer => super::is_current_offer(site, i),
        Kind::Publication | Kind::Intervention | Kind::LearningCircle => true,
        _ => false,
    }
}

/// The word counts of an item's short texts: title, summary and tags (numbering their new
/// words), with how many times each list counts.
fn short_texts(site: &Site, i: usize, title_weight: usize) -> Vec<(WordCounts, u32)> {
    let c = site.docs[i].raw.common();
    let mut texts = vec![c.title, c.summary.unwrap_or_default()];
    texts.extend(c.tags.iter().map(String::as_str));
    let weights = std::iter::once(title_weight as u32).chain(std::iter::repeat(1));
    site.words.count_all(&texts).into_iter().zip(weights).collect()
}

/// L2-normalised TF-IDF vectors of the given items (item, title weight), over one
/// vocabulary of stems: per item, (term, weight) sorted by term, where a term is its stem's
/// place among all stems (so sums add up in the same order on every run). An item's text
/// is its title `title weight` times, summary, tags, and the body (whose words were
/// numbered when it was rendered). Returns the number of terms too.
fn vectors(site: &Site, items: &[(usize, usize)]) -> (Vec<Vec<(u32, f32)>>, usize) {
    // What the dev server kept from its last rebuild, by file.
    let kept = site.count_cache.as_ref().map(|c| c.take()).unwrap_or_default();
    let old: Vec<Option<Arc<CountEntry>>> = items
        .par_iter()
        .map(|&(i, w)| kept.get(site.docs[i].file.rel.as_str()).filter(|e| e.is_for(site, i, w)).cloned())
        .collect();
    // The short texts of the others first: they may number new words, which the ranks must
    // know. (A kept item's words were numbered when it was counted.)
    let short: Vec<Option<Vec<(WordCounts, u32)>>> =
        items.par_iter().zip(&old).map(|(&(i, w), old)| old.is_none().then(|| short_texts(site, i, w))).collect();
    let (stem_of, stem_rank, by_rank) = site.words.stem_ranks();
    let cache = site.count_cache.is_some();
    // Per item (term, occurrences) sorted by term, and what the dev server keeps of it.
    type Counted = (Vec<Vec<(u32, u32)>>, Vec<Option<Arc<CountEntry>>>);
    let (counts, entries): Counted = items
        .par_iter()
        .zip(old.into_par_iter().zip(short))
        .map(|(&(i, w), (old, short))| {
            // A kept item's stems, in the order of the stems themselves: their ranks now, in
            // the same order (adding stems moves ranks, never their order).
            if let Some(e) = old {
                return (e.stems.iter().map(|&(s, n)| (stem_rank[s as usize], n)).collect(), Some(e));
            }
            let short = short.unwrap_or_else(|| short_texts(site, i, w));
            // (term, occurrences), sorted and merged; counts are whole numbers, so the order
            // they add up in does not matter.
            let body = site.bodies[i].as_ref().map(|b| b.words.as_slice()).unwrap_or_default();
            let mut v: Vec<(u32, u32)> = Vec::with_capacity(body.len() + 32);
            let term = |w: u32| stem_rank[stem_of[w as usize] as usize];
            v.extend(body.iter().map(|&(w, n)| (term(w), n)));
            for (list, times) in &short {
                v.extend(list.iter().map(|&(w, n)| (term(w), n * times)));
            }
            v.sort_unstable_by_key(|&(t, _)| t);
            v.dedup_by(|next, kept| {
                let same = next.0 == kept.0;
                if same {
                    kept.1 += next.1;
                }
                same
            });
            let entry = cache.then(|| {
                let stems = v.iter().map(|&(t, n)| (by_rank[t as usize], n)).collect();
                Arc::new(CountEntry::new(site, i, w, stems))
            });
            (v, entry)
        })
        .unzip();
    if let Some(cache) = &site.count_cache {
        cache.put(entries.into_iter().flatten());
    }
    drop(kept);
    let terms = stem_rank.len();
    let mut df = vec![0u32; terms];
    for v in &counts {
        for &(t, _) in v {
            df[t as usize] += 1;
        }
    }
    let n = items.len().max(1) as f64;
    // The logarithms once per term and per small count, not once per entry.
    let idf: Vec<f64> = df.iter().map(|&d| (n / f64::from(d)).ln().max(0.0)).collect();
    let small_tf: Vec<f64> = (0..64u32).map(|c| 1.0 + f64::from(c).ln()).collect();
    let tf_weight = |c: u32| small_tf.get(c as usize).copied().unwrap_or_else(|| 1.0 + f64::from(c).ln());
    let vecs = counts
        .into_par_iter()
        .map(|tf| {
            let v: Vec<(u32, f64)> = tf.into_iter().map(|(t, c)| (t, tf_weight(c) * idf[t as usize])).collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            v.into_iter().map(|(t, w)| (t, if norm > 0.0 { (w / norm) as f32 } else { 0.0 })).collect()
        })
        .collect();
    (vecs, terms)
}

/// The dev server's memory of `vectors` between rebuilds: per file, the term counts of its
/// item and what they were computed from. The words keep their numbers for the server's
/// lifetime (`serve::incremental`), so counts by stem number stay valid while the item's short
/// texts and its rendered body (the same allocation) are the same. `tests` of the dev server
/// prove its pages equal a fresh build's.
#[derive(Default)]
pub struct CountCache(Mutex<crate::FastMap<Arc<str>, Arc<CountEntry>>>);

impl std::fmt::Debug for CountCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CountCache")
    }
}

impl CountCache {
    fn take(&self) -> crate::FastMap<Arc<str>, Arc<CountEntry>> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// How many items' counts are kept.
    pub fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn put(&self, entries: impl Iterator<Item = Arc<CountEntry>>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = entries.map(|e| (e.rel.clone(), e)).collect();
    }
}

struct CountEntry {
    rel: Arc<str>,
    title: String,
    summary: Option<String>,
    tags: Vec<String>,
    body: Option<Arc<Body>>,
    title_weight: usize,
    /// (stem number, occurrences), in the order of the stems' text.
    stems: Box<[(u32, u32)]>,
}

impl CountEntry {
    fn new(site: &Site, i: usize, title_weight: usize, stems: Box<[(u32, u32)]>) -> Self {
        let c = site.docs[i].raw.common();
        CountEntry {
            rel: site.docs[i].file.rel.as_str().into(),
            title: c.title.to_string(),
            summary: c.summary.map(String::from),
            tags: c.tags.to_vec(),
            body: site.bodies[i].clone(),
            title_weight,
            stems,
        }
    }

    /// Whether the entry was computed from item `i`'s present texts and body.
    fn is_for(&self, site: &Site, i: usize, title_weight: usize) -> bool {
        let c = site.docs[i].raw.common();
        let same_body = match (&self.body, &site.bodies[i]) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_body
            && self.title_weight == title_weight
            && self.title == c.title
            && self.summary.as_deref() == c.summary
            && self.tags == c.tags
    }
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
#[derive(Debug)]
struct Champions(Rows<u32>);

/// How many of a question's terms look for candidates, and how many candidates each finds.
pub const QUERY_TERMS: usize = 16;
pub const CHAMPIONS: usize = 16;

impl Champions {
    /// The champion lists of the `wanted` terms (by term); the others are left empty.
    /// `items` are the candidates' documents, which break ties between equal weights.
    fn new(vecs: &Rows<(u32, f32)>, wanted: &[bool], items: &[usize]) -> Self {
        let terms = wanted.len();
        // Every (candidate, weight) of a wanted term, by term, in one array: counted, then
        // placed.
        let mut all_start = vec![0usize; terms + 1];
        for v in vecs.iter() {
            for &(t, _) in v {
                if wanted[t as usize] {
                    all_start[t as usize + 1] += 1;
                }
            }
        }
        for t in 0..terms {
            all_start[t + 1] += all_start[t];
        }
        let mut next = all_start.clone();
        let mut all = vec![(0u32, 0f32); all_start[terms]];
        for (c, v) in vecs.iter().enumerate() {
            for &(t, w) in v {
                if wanted[t as usize] {
                    all[next[t as usize]] = (c as u32, w);
                    next[t as usize] += 1;
                }
            }
        }
        // Each term's list cut apart, its strongest selected in parallel.
        let mut lists: Vec<&mut [(u32, f32)]> = Vec::with_capacity(terms);
        let mut rest = all.as_mut_slice();
        for t in 0..terms {
            let (list, tail) = rest.split_at_mut(all_start[t + 1] - all_start[t]);
            lists.push(list);
            rest = tail;
        }
        let order =
            |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(items[a.0 as usize].cmp(&items[b.0 as usize]));
        lists.par_iter_mut().with_min_len(256).for_each(|list| {
            if list.len() > CHAMPIONS {
                list.select_nth_unstable_by(CHAMPIONS, order);
            }
        });
        Champions(lists.into_iter().map(|list| list.iter().take(CHAMPIONS).map(|&(c, _)| c)).collect())
    }

    /// The champions of `term`: empty for a term that was not wanted.
    fn of(&self, term: u32) -> &[u32] {
        self.0.get(term as usize)
    }
}

/// What ranking a question needs, computed once per site: the TF-IDF vectors of the
/// questions and candidates, and the champion lists. The dev server keeps it, to rank only
/// the questions one page needs; a build computes it for `compute` and drops it.
#[derive(Debug)]
pub struct Prepared {
    /// Visible questions, in document order.
    questions: Vec<usize>,
    q_vecs: Vec<Vec<(u32, f32)>>,
    /// Per question, its `QUERY_TERMS` strongest terms, which look for candidates.
    q_terms: Vec<Box<[u32]>>,
    /// Visible candidates, in the order of their first theme (then document order): the
    /// candidates a question meets through its themes sit together, so their vectors,
    /// themes and audiences are read from neighbouring memory. Nothing depends on this
    /// numbering: ties are broken by document.
    candidates: Vec<usize>,
    /// Document index to candidate number (`u32::MAX`: not a candidate).
    cand_no: Vec<u32>,
    /// Per candidate number, its place in the order of (slug, document): how equal scores
    /// are ordered, compared as numbers instead of reading two documents' slugs (at 100,000
    /// items those reads missed the cache on every tie).
    slug_rank: Vec<u32>,
    cand_vecs: Rows<(u32, f32)>,
    /// Per candidate, its themes (`Aggregates::themes_of`), beside its vector.
    cand_themes: Rows<usize>,
    /// Per question, its audiences (`asked_by`) as numbers; per candidate, the set of its
    /// audiences' numbers (`Audiences`). Read by every score, so kept here instead of in
    /// the documents.
    q_auds: Vec<Box<[u32]>>,
    cand_auds: Audiences,
    champions: Champions,
    terms: usize,
}

/// Each candidate's audiences, as a row of bits by audience number.
#[derive(Debug)]
struct Audiences {
    words: usize,
    bits: Vec<u64>,
}

impl Audiences {
    fn has(&self, c: u32, audience: u32) -> bool {
        let (w, b) = (audience as usize / 64, audience % 64);
        self.bits[c as usize * self.words + w] & (1 << b) != 0
    }
}

/// The vectors and champion lists of `site`.
pub fn prepare(site: &Site) -> Prepared {
    let questions: Vec<usize> = site.visible_of(Kind::LearningQuestion).collect();
    let mut candidates: Vec<usize> =
        (0..site.docs.len()).filter(|&i| site.is_visible(i) && is_candidate(site, i)).collect();
    candidates.sort_by_key(|&c| (site.agg.themes_of(c).first().copied(), c));
    let items: Vec<(usize, usize)> =
        questions.iter().map(|&q| (q, 1)).chain(candidates.iter().map(|&c| (c, 2))).collect();
    let (mut q_vecs, terms) = vectors(site, &items);
    let cand_vecs = q_vecs.split_off(questions.len());
    let cand_vecs = Rows::from_vecs(cand_vecs);
    let cand_themes: Rows<usize> = candidates.iter().map(|&c| site.agg.themes_of(c).iter().copied()).collect();
    let q_terms: Vec<Box<[u32]>> = q_vecs.par_iter().map(|qv| strongest(qv)).collect();
    // Only the questions' strongest terms look for candidates: only theirs are needed.
    let mut wanted = vec![false; terms];
    for &t in q_terms.iter().flatten() {
        wanted[t as usize] = true;
    }
    let champions = Champions::new(&cand_vecs, &wanted, &candidates);
    let mut cand_no = vec![u32::MAX; site.docs.len()];
    for (n, &c) in candidates.iter().enumerate() {
        cand_no[c] = n as u32;
    }
    let mut by_slug: Vec<u32> = (0..candidates.len() as u32).collect();
    by_slug.par_sort_unstable_by_key(|&n| {
        let c = candidates[n as usize];
        (&site.docs[c].slug, c)
    });
    let mut slug_rank = vec![0u32; candidates.len()];
    for (r, &n) in by_slug.iter().enumerate() {
        slug_rank[n as usize] = r as u32;
    }
    // Audiences by number, from the candidates' audiences; a question's audience that no
    // candidate addresses is `u32::MAX`, shared with none.
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    for &c in &candidates {
        for a in site.docs[c].raw.common().audiences {
            let next = numbers.len() as u32;
            numbers.entry(a.as_str()).or_insert(next);
        }
    }
    let words = numbers.len().div_ceil(64).max(1);
    let mut bits = vec![0u64; candidates.len() * words];
    for (n, &c) in candidates.iter().enumerate() {
        for a in site.docs[c].raw.common().audiences {
            let k = numbers[a.as_str()] as usize;
            bits[n * words + k / 64] |= 1 << (k % 64);
        }
    }
    let q_auds = questions
        .iter()
        .map(|&q| match &site.docs[q].raw {
            Raw::LearningQuestion(lq) => {
                lq.asked_by.iter().map(|a| numbers.get(a.as_str()).copied().unwrap_or(u32::MAX)).collect()
            }
            _ => Box::default(),
        })
        .collect();
    let cand_auds = Audiences { words, bits };
    Prepared {
        questions,
        q_vecs,
        q_terms,
        candidates,
        cand_no,
        slug_rank,
        cand_vecs,
        cand_themes,
        q_auds,
        cand_auds,
        champions,
        terms,
    }
}

impl Prepared {
    fn space<'a>(&'a self, site: &'a Site) -> Space<'a> {
        Space { site, p: self }
    }

    fn scratch(&self) -> Scratch {
        Scratch { query: vec![0.0; self.terms], seen: vec![false; self.candidates.len()], touched: Vec::new() }
    }

    /// The ranked suggestions of question `q`, as `compute` gives them (empty for anything
    /// else).
    pub fn rank_one(&self, site: &Site, q: usize) -> Vec<Suggestion> {
        match self.questions.binary_search(&q) {
            Ok(n) => self.space(site).rank(n, &mut self.scratch()),
            Err(_) => Vec::new(),
        }
    }

    /// The questions that have item `c` among their `TOP`, in the order of `compute`'s
    /// `for_supply`. Scores only the questions that meet `c`, and each only until `TOP`
    /// candidates are found to precede `c`.
    pub fn questions_for(&self, site: &Site, c: usize) -> Vec<usize> {
        let Some(&cn) = self.cand_no.get(c).filter(|&&n| n != u32::MAX) else { return Vec::new() };
        let space = self.space(site);
        // Most questions never meet `c`: known without meeting all their candidates.
        let met: Vec<usize> = (0..self.questions.len()).filter(|&n| space.meets(n, cn)).collect();
        let found: Vec<Option<usize>> = met
            .par_iter()
            .map_init(|| self.scratch(), |scratch, &n| space.in_top(n, cn, scratch).then_some(self.questions[n]))
            .collect();
        found.into_iter().flatten().collect()
    }
}

/// Every question's matches.
pub fn compute(site: &Site, p: &Prepared) -> Matches {
    let space = p.space(site);
    // Questions on the same theme meet the same candidates: ranked one after the other,
    // their vectors are still in the cache.
    let mut order: Vec<usize> = (0..p.questions.len()).collect();
    order.sort_by_key(|&n| (site.agg.themes_of(p.questions[n]).first().copied(), n));
    let by_order: Vec<Vec<Suggestion>> =
        order.par_iter().map_init(|| p.scratch(), |scratch, &n| space.rank(n, scratch)).collect();
    let mut ranked: Vec<Vec<Suggestion>> = vec![Vec::new(); p.questions.len()];
    for (n, r) in order.into_iter().zip(by_order) {
        ranked[n] = r;
    }
    let mut m = Matches::default();
    for (&q, ranked) in p.questions.iter().zip(ranked) {
        for s in ranked.iter().take(TOP) {
            m.for_supply.entry(s.item).or_default().push(q);
        }
        m.for_question.insert(q, ranked);
    }
    m
}

/// A question's `QUERY_TERMS` strongest terms, which look for candidates.
fn strongest(qv: &[(u32, f32)]) -> Box<[u32]> {
    let mut strongest: Vec<(u32, f32)> = qv.to_vec();
    let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if strongest.len() > QUERY_TERMS {
        strongest.select_nth_unstable_by(QUERY_TERMS, order);
        strongest.truncate(QUERY_TERMS);
    }
    strongest.into_iter().map(|(t, _)| t).collect()
}

/// The themes whose items a question meets: each of its themes, their parents and children.
fn related_themes(site: &Site, q: usize) -> impl Iterator<Item = usize> + '_ {
    site.agg.themes_of(q).iter().flat_map(move |&tq| {
        std::iter::once(tq).chain(site.agg.parent(tq)).chain(site.agg.children(tq).iter().copied())
    })
}

/// Per-thread scratch space of `rank`, left as it was found: the question's weights by
/// term, and the candidates met.
struct Scratch {
    query: Vec<f64>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Scratch {
    /// Leaves the scratch space as it was found, after a question with weights `qv`.
    fn reset(&mut self, qv: &[(u32, f32)]) {
        for &c in &self.touched {
            self.seen[c as usize] = false;
        }
        self.touched.clear();
        for &(t, _) in qv {
            self.query[t as usize] = 0.0;
        }
    }

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
    p: &'a Prepared,
}

impl Space<'_> {
    /// The ranked candidates of question number `n`: those on a related theme, and those a
    /// distinctive term of the question leads to; each with its exact score.
    fn rank(&self, n: usize, scratch: &mut Scratch) -> Vec<Suggestion> {
        let site = self.site;
        let (q, qv) = (self.p.questions[n], &self.p.q_vecs[n]);
        self.meet(n, scratch);
        // With each candidate's place in slug order, for ties.
        let mut ranked: Vec<(Suggestion, u32)> = Vec::new();
        for &c in &scratch.touched {
            if let Some(score) = self.score(n, c, &scratch.query) {
                ranked.push((Suggestion { item: self.p.candidates[c as usize], score }, self.p.slug_rank[c as usize]));
            }
        }
        scratch.reset(qv);
        // Equal scores by slug, and equal slugs (of two types) by document: `slug_rank`.
        let order = |a: &(Suggestion, u32), b: &(Suggestion, u32)| b.0.score.total_cmp(&a.0.score).then(a.1.cmp(&b.1));
        // The page shows `SHOWN` besides the confirmed matches; nothing else is read.
        crate::keep_first(&mut ranked, SHOWN + confirmed(site, q).len(), order);
        // A new list of the kept few: every question's list is kept until the pages are
        // written, and the scored candidates' room (hundreds each) would stay with it.
        ranked.iter().map(|&(s, _)| s).collect()
    }

    /// Whether candidate number `c` is among the `TOP` of `rank(q)`: true when `rank`
    /// meets it, it passes the thresholds, and fewer than `TOP` others precede it in
    /// `rank`'s order. Stops as soon as `TOP` do.
    fn in_top(&self, n: usize, c: u32, scratch: &mut Scratch) -> bool {
        let qv = &self.p.q_vecs[n];
        self.meet(n, scratch);
        let mut found = false;
        if let (true, Some(own)) = (scratch.seen[c as usize], self.score(n, c, &scratch.query)) {
            let own_rank = self.p.slug_rank[c as usize];
            let mut before = 0;
            found = true;
            for &other in &scratch.touched {
                if other == c {
                    continue;
                }
                if let Some(score) = self.score(n, other, &scratch.query) {
                    let precedes = match score.total_cmp(&own) {
                        std::cmp::Ordering::Greater => true,
                        std::cmp::Ordering::Equal => self.p.slug_rank[other as usize] < own_rank,
                        std::cmp::Ordering::Less => false,
                    };
                    before += usize::from(precedes);
                    if before >= TOP {
                        found = false;
                        break;
                    }
                }
            }
        }
        scratch.reset(qv);
        found
    }

    /// Whether `meet(n)` marks candidate number `c`.
    fn meets(&self, n: usize, c: u32) -> bool {
        let item = self.p.candidates[c as usize];
        self.p.q_terms[n].iter().any(|&t| self.p.champions.of(t).contains(&c))
            || related_themes(self.site, self.p.questions[n])
                .any(|t| self.site.agg.naming(t).binary_search(&item).is_ok())
    }

    /// Marks the candidates question number `n` meets in `scratch.touched`: those a distinctive
    /// term of the question leads to, and those on a related theme; and loads its weights
    /// into `scratch.query`.
    fn meet(&self, n: usize, scratch: &mut Scratch) {
        let site = self.site;
        let (q, qv) = (self.p.questions[n], &self.p.q_vecs[n]);
        for &t in self.p.q_terms[n].iter() {
            for &c in self.p.champions.of(t) {
                scratch.touch(c);
            }
        }
        // Candidates on the same theme, its parent or a child theme.
        for t in related_themes(site, q) {
            for &j in site.agg.naming(t) {
                if self.p.cand_no[j] != u32::MAX {
                    scratch.touch(self.p.cand_no[j]);
                }
            }
        }
        for &(t, w) in qv {
            scratch.query[t as usize] = f64::from(w);
        }
    }

    /// The exact score of candidate number `c` for question number `n` (whose weights are in
    /// `query`), or `None` below the thresholds.
    fn score(&self, n: usize, c: u32, query: &[f64]) -> Option<f64> {
        let site = self.site;
        let q = self.p.questions[n];
        let s = cosine(query, self.p.cand_vecs.get(c as usize));
        let t = theme_score(site, site.agg.themes_of(q), self.p.cand_themes.get(c as usize));
        if t == 0.0 && s < 0.1 {
            return None;
        }
        let asked = &self.p.q_auds[n];
        let a = if asked.is_empty() {
            0.0
        } else {
            asked.iter().filter(|&&x| x != u32::MAX && self.p.cand_auds.has(c, x)).count() as f64 / asked.len() as f64
        };
        let score = 3.0 * t + a + 4.0 * s;
        (score >= 1.0).then_some(score)
    }
}

/// The editors' confirmed matches of a question, as item indices.
pub fn confirmed(site: &Site, q: usize) -> Vec<usize> {
    site.references[q].iter().filter(|(f, _)| f.starts_with("matched[")).map(|(_, j)| *j).collect()
}

#[cfg(test)]
mod tests {
    use crate::load::{ContentTree, SourceFile};
    use crate::model::Kind;
    use std::sync::Arc;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile::in_memory(rel, text)
    }

    /// An offer and a publication with the same slug, the same themes, audiences and text
    /// score the same for a question: they are ranked by document (type order), however the
    /// candidates are numbered inside the matching.
    #[test]
    fn equal_scores_and_slugs_are_ranked_by_document() {
        let text = "Een werkwijze voor schuldhulp in de wijk, met vroegsignalering en huisbezoek.";
        let tree = ContentTree {
            site_yaml: Some(file("site.yaml", "title: Test\n")),
            vocab_yaml: Some(file(
                "vocab.yaml",
                "audience:\n  bewoners: Bewoners\noffer_type:\n  training: Training\npublication_type:\n  toolkit: Toolkit\norg_type:\n  netwerk: Netwerk\n",
            )),
            files: vec![
                file("themas/armoede.md", "---\ntitle: Armoede\nsummary: Over armoede.\nkind: leefgebied\n---\nInleiding.\n"),
                file("organisaties/wijkwerk.md", "---\ntitle: Wijkwerk\norg_type: netwerk\nwebsite: https://wijkwerk.example.nl/\n---\n"),
                file(
                    "leeraanbod/schuldhulp.md",
                    &format!("---\ntitle: Schuldhulp\nsummary: Schuldhulp.\noffer_type: training\nproviders: [wijkwerk]\ndelivery_mode: online\nstatus: doorlopend\nthemes: [armoede]\naudiences: [bewoners]\npublished: 2026-01-01\n---\n{text}\n"),
                ),
                file(
                    "publicaties/schuldhulp.md",
                    &format!("---\ntitle: Schuldhulp\nsummary: Schuldhulp.\npublication_type: toolkit\npublishers: [wijkwerk]\nthemes: [armoede]\naudiences: [bewoners]\npublished: 2026-01-01\n---\n{text}\n"),
                ),
                file(
                    "leervragen/hoe-schuldhulp.md",
                    &format!("---\ntitle: Hoe schuldhulp?\nsummary: Schuldhulp in de wijk.\nthemes: [armoede]\nasked_by: [bewoners]\nsource: leerkring\nstatus: open\npublished: 2026-01-01\n---\n{text}\n"),
                ),
            ]
            .into_iter()
            .map(Arc::new)
            .collect(),
            ..Default::default()
        };
        let site = crate::site::fixture(tree, "2026-11-28");
        let q = site.lookup(Kind::LearningQuestion, "hoe-schuldhulp").unwrap();
        let offer = site.lookup(Kind::Offer, "schuldhulp").unwrap();
        let publication = site.lookup(Kind::Publication, "schuldhulp").unwrap();
        let ranked = site.suggestions_for(q);
        let items: Vec<usize> = ranked.iter().map(|s| s.item).collect();
        assert_eq!(ranked.len(), 2, "{ranked:?}");
        assert_eq!(ranked[0].score, ranked[1].score, "{ranked:?}");
        assert_eq!(items, [offer.min(publication), offer.max(publication)]);
        // A page alone finds the same: each is in the question's top three.
        assert_eq!(site.questions_for(offer), [q]);
        assert_eq!(site.questions_for(publication), [q]);
    }
}
