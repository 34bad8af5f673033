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
//! candidates. The score never reads `matched`: the editors' links are shown apart, and
//! the leave-one-out evaluation in the test suite measures the score against them.

use crate::model::{Kind, Raw};
use crate::render::lists::themes_of;
use crate::search::analysis;
use crate::site::Site;
use std::collections::{BTreeMap, HashMap};

/// A ranked suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub item: usize,
    pub score: f64,
}

/// Every question's ranked candidates, and per candidate the questions it suits.
#[derive(Debug, Default)]
pub struct Matches {
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

/// The text of an item for similarity, with the title `title_weight` times.
fn text_of(site: &Site, i: usize, title_weight: usize) -> String {
    let c = site.docs[i].raw.common();
    let mut t = String::new();
    for _ in 0..title_weight {
        t.push_str(c.title);
        t.push(' ');
    }
    t.push_str(c.summary.unwrap_or_default());
    t.push(' ');
    t.push_str(&c.tags.join(" "));
    t.push(' ');
    if let Some(b) = &site.bodies[i] {
        t.push_str(&b.text);
    }
    t
}

/// L2-normalised TF-IDF vectors of the given items, over one vocabulary.
fn vectors(site: &Site, items: &[(usize, usize)]) -> HashMap<usize, Vec<(u32, f64)>> {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut counts: Vec<(usize, BTreeMap<u32, f64>)> = Vec::new();
    let mut df: HashMap<u32, f64> = HashMap::new();
    for &(i, title_weight) in items {
        let mut tf: BTreeMap<u32, f64> = BTreeMap::new();
        for term in analysis::terms(&text_of(site, i, title_weight)) {
            let n = vocab.len() as u32;
            let id = *vocab.entry(term).or_insert(n);
            *tf.entry(id).or_default() += 1.0;
        }
        for id in tf.keys() {
            *df.entry(*id).or_default() += 1.0;
        }
        counts.push((i, tf));
    }
    let n = items.len().max(1) as f64;
    counts
        .into_iter()
        .map(|(i, tf)| {
            let mut v: Vec<(u32, f64)> =
                tf.into_iter().map(|(id, c)| (id, (1.0 + c.ln()) * (n / df[&id]).ln().max(0.0))).collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            (i, v)
        })
        .collect()
}

/// T: how the candidate's themes relate to the question's.
fn theme_score(site: &Site, q: &[usize], c: &[usize]) -> f64 {
    if q.is_empty() {
        return 0.0;
    }
    let parent = |t: usize| match &site.docs[t].raw {
        Raw::Theme(th) => th.parent.as_deref().and_then(|p| site.lookup(Kind::Theme, p)),
        _ => None,
    };
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

pub fn compute(site: &Site) -> Matches {
    let questions: Vec<usize> = site.visible_of(Kind::LearningQuestion).collect();
    let candidates: Vec<usize> =
        (0..site.docs.len()).filter(|&i| site.is_visible(i) && is_candidate(site, i)).collect();
    let items: Vec<(usize, usize)> =
        questions.iter().map(|&q| (q, 1)).chain(candidates.iter().map(|&c| (c, 2))).collect();
    let vecs = vectors(site, &items);
    // Inverted lists of the candidates, so each question only meets candidates it shares
    // a term with (plus those sharing a theme).
    let mut postings: HashMap<u32, Vec<(usize, f64)>> = HashMap::new();
    for &c in &candidates {
        for &(t, w) in &vecs[&c] {
            postings.entry(t).or_default().push((c, w));
        }
    }
    let cand_themes: HashMap<usize, Vec<usize>> = candidates.iter().map(|&c| (c, themes_of(site, c))).collect();
    let mut m = Matches::default();
    for &q in &questions {
        let mut sim: HashMap<usize, f64> = HashMap::new();
        for &(t, w) in &vecs[&q] {
            for &(c, wc) in postings.get(&t).map(Vec::as_slice).unwrap_or_default() {
                *sim.entry(c).or_default() += w * wc;
            }
        }
        let Raw::LearningQuestion(lq) = &site.docs[q].raw else { continue };
        let q_themes = themes_of(site, q);
        let mut ranked: Vec<Suggestion> = candidates
            .iter()
            .filter_map(|&c| {
                let t = theme_score(site, &q_themes, &cand_themes[&c]);
                let s = sim.get(&c).copied().unwrap_or(0.0);
                if t == 0.0 && s < 0.1 {
                    return None;
                }
                let auds = site.docs[c].raw.common().audiences;
                let a = if lq.asked_by.is_empty() {
                    0.0
                } else {
                    lq.asked_by.iter().filter(|x| auds.contains(x)).count() as f64 / lq.asked_by.len() as f64
                };
                let score = 3.0 * t + a + 4.0 * s;
                (score >= 1.0).then_some(Suggestion { item: c, score })
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(site.docs[a.item].slug.cmp(&site.docs[b.item].slug)));
        for s in ranked.iter().take(TOP) {
            m.for_supply.entry(s.item).or_default().push(q);
        }
        m.for_question.insert(q, ranked);
    }
    m
}

/// The editors' confirmed matches of a question, as item indices.
pub fn confirmed(site: &Site, q: usize) -> Vec<usize> {
    site.references[q].iter().filter(|(f, _)| f.starts_with("matched[")).map(|(_, j)| *j).collect()
}
