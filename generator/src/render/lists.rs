//! List pages per type: sorted, paginated, and static filter pages (per theme with its
//! child themes, per offer type, per publication type) that work without JavaScript.
//! URLs: `/leeraanbod/`, `/leeraanbod/pagina/2/`, `/leeraanbod/thema/<slug>/`,
//! `/leeraanbod/vorm/<code>/`, `/publicaties/soort/<code>/`.

use super::item::card;
use super::views::{Card, Link};
use super::Ctx;
use crate::model::{Kind, Raw};
use crate::site::{OfferPhase, Site};
use serde::Serialize;
use std::collections::BTreeSet;

pub const PAGE_SIZE: usize = 20;

/// Sub-route names inside a type folder; items may not take them as slugs.
pub const SUBROUTES: &[&str] = &["pagina", "thema", "vorm", "soort"];

#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub heading: String,
    pub intro: Option<String>,
    /// What the list is narrowed to, e.g. `Thema: Armoede en schulden`.
    pub scope: Option<String>,
    pub all: Option<Link>,
    pub total: usize,
    pub cards: Vec<Card>,
    pub filters: Vec<FilterGroup>,
    pub pagination: Option<Pagination>,
    /// Where to contribute when the list is empty.
    pub contribute: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterGroup {
    pub title: String,
    pub links: Vec<FilterLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterLink {
    pub text: String,
    pub href: String,
    pub count: usize,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<Link>,
}

/// One list page to render: its folder and view.
pub struct ListPage {
    pub from: String,
    pub title: String,
    pub view: ListView,
}

/// Theme `t` and all its descendants.
pub fn theme_closure(site: &Site, t: usize) -> BTreeSet<usize> {
    let mut out = BTreeSet::from([t]);
    loop {
        let before = out.len();
        for j in site.visible_of(Kind::Theme) {
            if let Raw::Theme(th) = &site.docs[j].raw {
                if th.parent.as_deref().and_then(|p| site.lookup(Kind::Theme, p)).is_some_and(|p| out.contains(&p)) {
                    out.insert(j);
                }
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// The themes an item is about (a circle has exactly one).
pub fn themes_of(site: &Site, i: usize) -> Vec<usize> {
    let d = &site.docs[i];
    let slugs: Vec<&str> = match &d.raw {
        Raw::LearningCircle(c) => vec![c.theme.as_str()],
        _ => d.raw.common().themes.unwrap_or_default().iter().map(String::as_str).collect(),
    };
    slugs.into_iter().filter_map(|s| site.lookup(Kind::Theme, s)).collect()
}

/// Items of `kind` in reading order: current offers first, newest first where dated.
pub fn sorted(site: &Site, kind: Kind) -> Vec<usize> {
    let mut items: Vec<usize> = site.visible_of(kind).collect();
    let now = site.options.now;
    items.sort_by_cached_key(|&j| {
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

/// One filter value: its URL code, label and the items it selects.
type FilterValue = (String, String, Vec<usize>);

/// A filter dimension: URL segment (`thema`), label (`Thema`) and its values.
type FilterDim = (&'static str, &'static str, Vec<FilterValue>);

/// A list scope: its folder, its label and URL part when filtered, and its items.
struct Scope {
    dir: String,
    filter: Option<(String, String)>,
    items: Vec<usize>,
}

fn filter_groups(site: &Site, kind: Kind) -> Vec<FilterDim> {
    let all = sorted(site, kind);
    let mut groups = Vec::new();
    if kind.themes_required() || kind == Kind::LearningCircle {
        let mut values = Vec::new();
        for t in sorted(site, Kind::Theme) {
            let closure = theme_closure(site, t);
            let items: Vec<usize> =
                all.iter().copied().filter(|&j| themes_of(site, j).iter().any(|x| closure.contains(x))).collect();
            if !items.is_empty() {
                values.push((site.docs[t].slug.clone(), site.docs[t].raw.common().title.to_string(), items));
            }
        }
        groups.push(("thema", "Thema", values));
    }
    let by_code = |name: &str, code_of: &dyn Fn(&Raw) -> Option<String>| {
        let codes = site.vocab.get(name).cloned().unwrap_or_default();
        codes
            .iter()
            .filter_map(|(code, entry)| {
                let items: Vec<usize> =
                    all.iter().copied().filter(|&j| code_of(&site.docs[j].raw).as_deref() == Some(code)).collect();
                (!items.is_empty()).then(|| (code.clone(), entry.label().to_string(), items))
            })
            .collect::<Vec<_>>()
    };
    match kind {
        Kind::Offer => groups.push((
            "vorm",
            "Vorm",
            by_code("offer_type", &|r| match r {
                Raw::Offer(o) => Some(o.offer_type.clone()),
                _ => None,
            }),
        )),
        Kind::Publication => groups.push((
            "soort",
            "Soort publicatie",
            by_code("publication_type", &|r| match r {
                Raw::Publication(p) => Some(p.publication_type.clone()),
                _ => None,
            }),
        )),
        _ => {}
    }
    groups
}

/// Every list page of `kind`: the full list and each filter, each paginated.
pub fn list_pages(site: &Site, kind: Kind) -> Vec<ListPage> {
    let base = format!("{}/", kind.folder());
    let groups = filter_groups(site, kind);
    let mut out = Vec::new();
    let mut scopes = vec![Scope { dir: base.clone(), filter: None, items: sorted(site, kind) }];
    for (dim, title, values) in &groups {
        for (code, label, items) in values {
            scopes.push(Scope {
                dir: format!("{base}{dim}/{code}/"),
                filter: Some((format!("{title}: {label}"), format!("{dim}/{code}/"))),
                items: items.clone(),
            });
        }
    }
    for Scope { dir: scope_dir, filter: scope, items } in scopes {
        let pages = items.len().div_ceil(PAGE_SIZE).max(1);
        for page in 1..=pages {
            let from = if page == 1 { scope_dir.clone() } else { format!("{scope_dir}pagina/{page}/") };
            let ctx = Ctx { site, from: from.clone() };
            let chunk = &items[(page - 1) * PAGE_SIZE..(page * PAGE_SIZE).min(items.len())];
            let filters = groups
                .iter()
                .map(|(dim, title, values)| FilterGroup {
                    title: format!("Filter op {}", title.to_lowercase()),
                    links: values
                        .iter()
                        .map(|(code, label, its)| FilterLink {
                            text: label.clone(),
                            href: ctx.href(&format!("{base}{dim}/{code}/")),
                            count: its.len(),
                            current: scope.as_ref().is_some_and(|s| s.1 == format!("{dim}/{code}/")),
                        })
                        .collect(),
                })
                .filter(|g| !g.links.is_empty())
                .collect();
            let pagination = (pages > 1).then(|| pagination(&ctx, &scope_dir, page, pages));
            let mut title = kind.plural().to_string();
            if let Some((s, _)) = &scope {
                title = format!("{title}: {}", s.split_once(": ").map(|x| x.1).unwrap_or(s));
            }
            if page > 1 {
                title = format!("{title} (pagina {page} van {pages})");
            }
            out.push(ListPage {
                from: from.clone(),
                title,
                view: ListView {
                    heading: kind.plural().to_string(),
                    intro: intro(kind).map(String::from),
                    scope: scope.as_ref().map(|s| s.0.clone()),
                    all: scope.as_ref().map(|_| Link {
                        text: format!("Alle {}", kind.plural().to_lowercase()),
                        href: ctx.href(&base),
                        current: false,
                    }),
                    total: items.len(),
                    cards: chunk.iter().map(|&j| card(&ctx, j)).collect(),
                    filters,
                    pagination,
                    contribute: contribute_link(&ctx, kind),
                },
            });
        }
    }
    out
}

fn pagination(ctx: &Ctx, scope_dir: &str, page: usize, pages: usize) -> Pagination {
    let url = |n: usize| if n == 1 { ctx.href(scope_dir) } else { ctx.href(&format!("{scope_dir}pagina/{n}/")) };
    Pagination {
        current: page,
        total: pages,
        prev: (page > 1).then(|| url(page - 1)),
        next: (page < pages).then(|| url(page + 1)),
        pages: (1..=pages).map(|n| Link { text: n.to_string(), href: url(n), current: n == page }).collect(),
    }
}

pub fn intro(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Theme => "De onderwerpen waarover het netwerk kennis deelt, met per thema het aanbod, de publicaties, voorbeelden en leervragen.",
        Kind::Offer => "Trainingen, werkateliers, leerkringen en ander leeraanbod. Lopend en gepland aanbod staat bovenaan.",
        Kind::Publication => "Handreikingen, toolkits, notities en onderzoek om mee verder te werken.",
        Kind::PracticeExample => "Hoe gemeenten en wijken het aanpakken: voorbeelden uit de focusgebieden en daarbuiten.",
        Kind::LearningQuestion => "Wat professionals, bewoners en beleidsmakers willen leren. Het coördinatiepunt zoekt er aanbod bij.",
        Kind::Gap => "Onderwerpen waar de vraag groter is dan het aanbod.",
        Kind::LearningCircle => "Leerkringen: groepen die een jaar lang samen leren in vaste bijeenkomsten.",
        Kind::Intervention => "Wat werkt: interventies met hun erkenning.",
        Kind::Organisation => "De organisaties achter het aanbod, de publicaties en de voorbeelden.",
        Kind::Person => "Deskundigen en contactpersonen.",
        Kind::FocusArea => "De twintig focusgebieden van het Nationaal Programma Leefbaarheid en Veiligheid.",
        Kind::Page => return None,
    })
}

/// Where a reader can add to a list: the contribution form for that type (see `forms`).
pub fn contribute_link(ctx: &Ctx, kind: Kind) -> Option<Link> {
    let (text, form) = match kind {
        Kind::Offer => ("Bied zelf leeraanbod aan", "bijdragen/leeraanbod/"),
        Kind::LearningQuestion => ("Stel een leervraag", "vraag-stellen/"),
        Kind::PracticeExample => ("Deel een praktijkvoorbeeld", "bijdragen/praktijkvoorbeeld/"),
        Kind::Publication => ("Meld een publicatie aan", "bijdragen/publicatie/"),
        _ => return None,
    };
    Some(Link { text: text.into(), href: ctx.href(form), current: false })
}
