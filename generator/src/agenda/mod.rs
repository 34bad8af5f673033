//! The coordination point's learning agenda: per theme, demand (learning questions, all and
//! open) against supply (current offers, current cross-domain offers, publications,
//! recognised interventions, learning circles), the computed "mogelijke lacune" signal, and
//! breakdowns per theme and audience and per focus area for the exports. Counts roll up
//! child themes, as theme pages do.

pub mod export;
pub mod matching;

use crate::dates;
use crate::model::{Kind, QuestionStatus, Raw, RecognitionLevel};
use crate::site::{OfferPhase, Site};

/// The measures of one row, in table order: (URL part, Dutch column heading).
pub const MEASURES: [(&str, &str); 7] = [
    ("vragen", "Leervragen"),
    ("open-vragen", "Open leervragen"),
    ("lopend-aanbod", "Lopend aanbod"),
    ("domeinoverstijgend-aanbod", "Domeinoverstijgend aanbod"),
    ("publicaties", "Publicaties"),
    ("erkende-interventies", "Erkende interventies"),
    ("leerkringen", "Leerkringen"),
];

/// The kind of item each measure counts.
const MEASURE_KINDS: [Kind; 7] = [
    Kind::LearningQuestion,
    Kind::LearningQuestion,
    Kind::Offer,
    Kind::Offer,
    Kind::Publication,
    Kind::Intervention,
    Kind::LearningCircle,
];

/// One theme's row: the items behind each measure, in `MEASURES` order.
#[derive(Debug, Clone)]
pub struct Row {
    pub theme: usize,
    pub items: [Vec<usize>; 7],
    /// Why the theme may be a gap, when open questions meet no current cross-domain offer.
    pub signal: Option<String>,
}

/// A question still waiting for (full) supply: not linked and not closed.
pub fn is_open(status: QuestionStatus) -> bool {
    !matches!(status, QuestionStatus::Gekoppeld | QuestionStatus::Gesloten)
}

/// An offer that has not ended.
pub fn is_current_offer(site: &Site, i: usize) -> bool {
    matches!(&site.docs[i].raw, Raw::Offer(o) if OfferPhase::of(o, site.options.now).is_current())
}

/// An intervention with a recognition above "niet beoordeeld" that has not expired
/// (3 years for goed beschreven, 5 for the higher levels).
pub fn is_recognised(site: &Site, i: usize) -> bool {
    let Raw::Intervention(iv) = &site.docs[i].raw else { return false };
    let years = match iv.recognition_level {
        RecognitionLevel::NietBeoordeeld => return false,
        RecognitionLevel::GoedBeschreven => 3,
        _ => 5,
    };
    match iv.recognition_date.as_deref().and_then(|d| dates::parse_date(d).ok()) {
        Some(m) => m.date.saturating_add(jiff::Span::new().years(years)) >= site.options.now,
        None => true,
    }
}

fn measure(site: &Site, i: usize, m: usize) -> bool {
    let d = &site.docs[i];
    match (m, &d.raw) {
        (0, Raw::LearningQuestion(_)) => true,
        (1, Raw::LearningQuestion(q)) => is_open(q.status),
        (2, Raw::Offer(_)) => is_current_offer(site, i),
        (3, Raw::Offer(o)) => o.cross_domain && is_current_offer(site, i),
        (4, Raw::Publication(_)) => true,
        (5, Raw::Intervention(_)) => is_recognised(site, i),
        (6, Raw::LearningCircle(_)) => true,
        _ => false,
    }
}

/// The agenda: one row per published theme, in theme order.
pub fn rows(site: &Site) -> Vec<Row> {
    tree_order(site)
        .into_iter()
        .map(|t| {
            // Each measure's items on the theme (with its child themes), in slug order.
            let items: [Vec<usize>; 7] = std::array::from_fn(|m| {
                let on_theme = site.agg.on_theme(t, MEASURE_KINDS[m]);
                let mut items: Vec<usize> = on_theme.iter().copied().filter(|&i| measure(site, i, m)).collect();
                items.sort_unstable();
                items
            });
            let (open, current, cross) = (items[1].len(), items[2].len(), items[3].len());
            let signal = (open > 0 && cross == 0).then(|| {
                let vragen = if open == 1 { "open leervraag" } else { "open leervragen" };
                if current == 0 {
                    format!("{open} {vragen} en geen lopend aanbod")
                } else {
                    format!("{open} {vragen} en geen lopend domeinoverstijgend aanbod ({current} lopend aanbod binnen één domein)")
                }
            });
            Row { theme: t, items, signal }
        })
        .collect()
}

/// Themes as a tree: each top-level theme (in theme order) followed by its children.
pub fn tree_order(site: &Site) -> Vec<usize> {
    let themes = site.agg.sorted(Kind::Theme);
    let mut seen = vec![false; site.docs.len()];
    fn visit(t: usize, site: &Site, seen: &mut [bool], out: &mut Vec<usize>) {
        if std::mem::replace(&mut seen[t], true) {
            return;
        }
        out.push(t);
        for c in site.agg.visible_children(site, t) {
            visit(c, site, seen, out);
        }
    }
    let mut out = Vec::with_capacity(themes.len());
    for &t in site.agg.tops() {
        visit(t, site, &mut seen, &mut out);
    }
    out
}

/// Questions and current offers per theme and audience, for the export.
pub fn by_theme_and_audience(site: &Site) -> Vec<(usize, String, usize, usize)> {
    let mut out = Vec::new();
    for row in rows(site) {
        for code in site.vocab.audience.keys() {
            let questions = row.items[0]
                .iter()
                .filter(|&&i| matches!(&site.docs[i].raw, Raw::LearningQuestion(q) if q.asked_by.contains(code)))
                .count();
            let offers = row.items[2].iter().filter(|&&i| site.docs[i].raw.common().audiences.contains(code)).count();
            if questions + offers > 0 {
                out.push((row.theme, code.clone(), questions, offers));
            }
        }
    }
    out
}

/// Per focus area: offers (all and current), practice examples and circle sessions held there.
pub fn by_focus_area(site: &Site) -> Vec<(usize, usize, usize, usize, usize)> {
    site.agg
        .sorted(Kind::FocusArea)
        .iter()
        .map(|&f| {
            let slug = site.docs[f].slug.as_str();
            let offers: Vec<usize> = site
                .visible_of(Kind::Offer)
                .filter(|&i| matches!(&site.docs[i].raw, Raw::Offer(o) if o.focus_areas.iter().any(|x| x == slug)))
                .collect();
            let current = offers.iter().filter(|&&i| is_current_offer(site, i)).count();
            let examples = site
                .visible_of(Kind::PracticeExample)
                .filter(
                    |&i| matches!(&site.docs[i].raw, Raw::PracticeExample(p) if p.focus_area.as_deref() == Some(slug)),
                )
                .count();
            let sessions = site
                .visible_of(Kind::LearningCircle)
                .map(|i| match &site.docs[i].raw {
                    Raw::LearningCircle(c) => c
                        .sessions
                        .iter()
                        .filter(|s| s.location.as_ref().and_then(|l| l.focus_area.as_deref()) == Some(slug))
                        .count(),
                    _ => 0,
                })
                .sum();
            (f, offers.len(), current, examples, sessions)
        })
        .collect()
}
