//! What pages, lists, feeds, the agenda and search derive from the whole site, computed
//! once per site in a few passes over the documents, so that no page rescans the site:
//! resolved themes per item, the theme tree, every kind's reading order, and per theme the
//! items on it and on its child themes. Rendering 10,000 pages used to re-sort and rescan
//! the site for every one of them (bench/perf/PROFILE.md); now each page looks things up.

use super::{OfferPhase, Site};
use crate::model::{Kind, Raw};
use crate::rows::Rows;
use rayon::prelude::*;

/// The site's relations, by document index. Built by `Aggregates::new` after visibility
/// is final (lifecycle and subset), and rebuilt whenever it changes.
#[derive(Debug, Default)]
pub struct Aggregates {
    /// Per document, the themes it is about as written (a circle has its one theme).
    themes: Rows<usize>,
    /// Per theme, its parent theme.
    parent: Vec<Option<usize>>,
    /// Per kind (`Kind::ALL` order), the visible documents in reading order.
    sorted: Vec<Vec<usize>>,
    /// Per visible theme, the theme and its visible descendants, ascending.
    closure: Vec<Vec<usize>>,
    /// Per visible theme, per kind: the visible items on the theme or a descendant, in
    /// reading order.
    rolled: Vec<Vec<Vec<usize>>>,
    /// Per theme, the visible items that name it themselves, ascending.
    direct: Vec<Vec<usize>>,
    /// Per theme, its child themes: the visible ones in reading order, then the others.
    children: Vec<Vec<usize>>,
    /// The visible themes without a visible parent, in reading order.
    tops: Vec<usize>,
    /// Visible pages in menu order: the footer.
    menu: Vec<usize>,
    /// Per document, its audiences as bits by position in the vocabulary (the first 64;
    /// `more_audiences` has the rest). One word per document in one array: "Zie ook" reads
    /// them for hundreds of candidates per page.
    audiences: Vec<u64>,
    /// Per document, its audiences past the 64th position, ascending and without repeats.
    more_audiences: Rows<u16>,
}

impl Aggregates {
    pub fn new(site: &Site) -> Self {
        let n = site.docs.len();
        let themes: Rows<usize> =
            (0..n).into_par_iter().map(|i| resolve_themes(site, i)).collect::<Vec<_>>().into_iter().collect();
        let parent: Vec<Option<usize>> = (0..n)
            .into_par_iter()
            .map(|i| match &site.docs[i].raw {
                Raw::Theme(t) => t.parent.as_deref().and_then(|p| site.lookup(Kind::Theme, p)),
                _ => None,
            })
            .collect();
        let sorted: Vec<Vec<usize>> = Kind::ALL.par_iter().map(|&k| reading_order(site, k)).collect();
        let mut rank = vec![usize::MAX; n];
        for list in &sorted {
            for (r, &j) in list.iter().enumerate() {
                rank[j] = r;
            }
        }

        // A theme is in the closure of each theme on its path upwards through visible
        // themes: x is under T when x is T, or x is visible and its parent is under T.
        let mut closure = vec![Vec::new(); n];
        let up = |x: usize| -> Vec<usize> {
            let mut chain = vec![x];
            let mut cur = x;
            while site.is_visible(cur) {
                match parent[cur] {
                    Some(p) if !chain.contains(&p) => {
                        chain.push(p);
                        cur = p;
                    }
                    _ => break,
                }
            }
            chain
        };
        let visible_themes = &sorted[Kind::Theme.index()];
        // Each theme's way up, once.
        let mut ups = vec![Vec::new(); n];
        for x in site.kinds[Kind::Theme.index()].clone() {
            ups[x] = up(x);
        }
        for &x in visible_themes {
            for &t in &ups[x] {
                if site.is_visible(t) {
                    closure[t].push(x);
                }
            }
        }
        for c in &mut closure {
            c.sort_unstable();
        }

        let mut rolled = vec![Vec::new(); n];
        let mut direct = vec![Vec::new(); n];
        for &t in visible_themes {
            rolled[t] = vec![Vec::new(); Kind::ALL.len()];
        }
        let mut seen: Vec<usize> = Vec::new();
        for (k, list) in sorted.iter().enumerate() {
            for &j in list {
                seen.clear();
                for &x in themes.get(j) {
                    if direct[x].last() != Some(&j) {
                        direct[x].push(j);
                    }
                    // Themes above x (x itself first) through visible themes.
                    for &t in &ups[x] {
                        if !seen.contains(&t) && !rolled[t].is_empty() {
                            seen.push(t);
                            rolled[t][k].push(j);
                        }
                    }
                }
            }
        }
        for d in &mut direct {
            d.sort_unstable();
        }
        let mut children = vec![Vec::new(); n];
        let hidden_themes = site.kinds[Kind::Theme.index()].clone().filter(|&x| !site.is_visible(x));
        for x in visible_themes.iter().copied().chain(hidden_themes) {
            if let Some(p) = parent[x] {
                children[p].push(x);
            }
        }
        let tops: Vec<usize> =
            visible_themes.iter().copied().filter(|&t| parent[t].is_none_or(|p| !site.is_visible(p))).collect();
        let mut menu: Vec<usize> = site.visible_of(Kind::Page).collect();
        menu.sort_by_key(|&j| match &site.docs[j].raw {
            Raw::Page(p) => (p.menu.unwrap_or(i64::MAX), site.docs[j].slug.clone()),
            _ => (i64::MAX, String::new()),
        });
        let codes: Vec<&String> = site.vocab.audience.keys().collect();
        let positions: Vec<Vec<u16>> = (0..n)
            .into_par_iter()
            .map(|i| {
                let mut a: Vec<u16> = site.docs[i]
                    .raw
                    .common()
                    .audiences
                    .iter()
                    .filter_map(|c| codes.binary_search(&c).ok().map(|p| p as u16))
                    .collect();
                a.sort_unstable();
                a.dedup();
                a
            })
            .collect();
        let audiences =
            positions.iter().map(|a| a.iter().filter(|&&p| p < 64).fold(0u64, |m, &p| m | 1 << p)).collect();
        let more_audiences = positions.into_iter().map(|a| a.into_iter().filter(|&p| p >= 64)).collect();
        Aggregates { themes, parent, sorted, closure, rolled, direct, children, tops, menu, audiences, more_audiences }
    }

    /// The themes item `i` is about, as written (a circle has exactly one).
    pub fn themes_of(&self, i: usize) -> &[usize] {
        self.themes.get(i)
    }

    /// The parent of theme `t`.
    pub fn parent(&self, t: usize) -> Option<usize> {
        self.parent.get(t).copied().flatten()
    }

    /// Visible items of `kind` in reading order: current offers first, newest first where
    /// dated, themes by `order`, persons by surname.
    pub fn sorted(&self, kind: Kind) -> &[usize] {
        &self.sorted[kind.index()]
    }

    /// Visible theme `t` and all its visible descendants, ascending; empty for anything
    /// else.
    pub fn closure(&self, t: usize) -> &[usize] {
        &self.closure[t]
    }

    /// Whether theme `x` is `t` or one of its descendants.
    pub fn is_under(&self, x: usize, t: usize) -> bool {
        self.closure[t].binary_search(&x).is_ok()
    }

    /// Visible items of `kind` on visible theme `t` or on one of its descendants, in
    /// reading order.
    pub fn on_theme(&self, t: usize, kind: Kind) -> &[usize] {
        self.rolled[t].get(kind.index()).map(Vec::as_slice).unwrap_or_default()
    }

    /// Visible items that name theme `t` themselves, ascending.
    pub fn naming(&self, t: usize) -> &[usize] {
        &self.direct[t]
    }

    /// The child themes of `t`: the visible ones in reading order, then the others.
    pub fn children(&self, t: usize) -> &[usize] {
        &self.children[t]
    }

    /// The visible child themes of `t`, in reading order.
    pub fn visible_children<'a>(&'a self, site: &'a Site, t: usize) -> impl Iterator<Item = usize> + 'a {
        self.children[t].iter().copied().take_while(move |&c| site.is_visible(c))
    }

    /// The top-level themes: visible, without a visible parent, in reading order.
    pub fn tops(&self) -> &[usize] {
        &self.tops
    }

    /// Visible pages in menu order.
    pub fn menu(&self) -> &[usize] {
        &self.menu
    }

    /// How many of item `j`'s audiences item `i` addresses too (each audience once).
    pub fn shared_audiences(&self, i: usize, j: usize) -> usize {
        let first = (self.audiences[i] & self.audiences[j]).count_ones() as usize;
        // Vocabularies of up to 64 audiences (all of them so far) have no rest to read: at
        // 100,000 items each `get` would be a cache miss per candidate.
        if self.more_audiences.all_empty() {
            return first;
        }
        let (a, b) = (self.more_audiences.get(i), self.more_audiences.get(j));
        first + b.iter().filter(|x| a.binary_search(x).is_ok()).count()
    }
}

fn resolve_themes(site: &Site, i: usize) -> Vec<usize> {
    let d = &site.docs[i];
    match &d.raw {
        Raw::LearningCircle(c) => site.lookup(Kind::Theme, &c.theme).into_iter().collect(),
        _ => d.raw.common().themes.unwrap_or_default().iter().filter_map(|s| site.lookup(Kind::Theme, s)).collect(),
    }
}

/// Items of `kind` in reading order: current offers first, newest first where dated.
fn reading_order(site: &Site, kind: Kind) -> Vec<usize> {
    let mut items: Vec<usize> = site.visible_of(kind).collect();
    let now = site.options.now;
    items.par_sort_by_cached_key(|&j| {
        let d = &site.docs[j];
        let title = d.raw.common().title.to_lowercase();
        let newest = std::cmp::Reverse(d.published.map(|m| m.date));
        match &d.raw {
            Raw::Theme(t) => (0, t.order.unwrap_or(i64::MAX), std::cmp::Reverse(None), title),
            Raw::Person(p) => (0, 0, std::cmp::Reverse(None), p.sort_name.clone().unwrap_or(title).to_lowercase()),
            Raw::Offer(o) => (i64::from(!OfferPhase::of(o, now).is_current()), 0, newest, title),
            Raw::Publication(_) | Raw::PracticeExample(_) | Raw::LearningQuestion(_) => (0, 0, newest, title),
            _ => (0, 0, std::cmp::Reverse(None), title),
        }
    });
    items
}
