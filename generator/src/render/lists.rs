//! List pages per type: sorted, paginated, and static filter pages (per theme with its
//! child themes, per offer type, per publication type) that work without JavaScript.
//! URLs: `/leeraanbod/`, `/leeraanbod/pagina/2/`, `/leeraanbod/thema/<slug>/`,
//! `/leeraanbod/vorm/<code>/`, `/publicaties/soort/<code>/`.

use super::item::card;
use super::views::{Card, Link};
use super::Ctx;
use crate::model::{Kind, Raw};
use crate::site::Site;
use serde::Serialize;

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
    /// How deep a theme sits under the top-level themes (0 for everything else).
    pub depth: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Page links, `None` for a gap.
    pub pages: Vec<Option<Link>>,
}

/// One list page to render: its folder, title and view.
pub struct ListPage {
    pub from: String,
    pub title: String,
    pub view: ListView,
}

/// One filter value: its URL code, label and the items it selects.
type FilterValue = (String, String, Vec<usize>);

/// Per theme document, its position among the theme filter's values: made once per type
/// instead of once per page (at 100,000 items a type has thousands of list pages and the
/// site 1,000 themes).
type ThemeFilter = crate::FastMap<usize, usize>;

/// Which values of a dimension a page shows, in order, each with its depth.
fn shown_values(
    site: &Site,
    dim: &str,
    values: &[FilterValue],
    themes: &ThemeFilter,
    current: Option<&str>,
) -> Vec<(usize, usize)> {
    if dim != "thema" {
        return (0..values.len()).map(|v| (v, 0)).collect();
    }
    // Themes: the top-level ones, and the children of the current theme and of the themes
    // above it, in tree order. A site with a thousand themes lists dozens, not a thousand,
    // and every filter page is still reached from its parent's.
    let mut path: Vec<usize> = Vec::new();
    let mut cur = current.and_then(|slug| site.lookup(Kind::Theme, slug));
    while let Some(t) = cur.filter(|&t| site.is_visible(t) && !path.contains(&t)) {
        path.push(t);
        cur = site.agg.parent(t);
    }
    fn walk(site: &Site, t: usize, depth: usize, path: &[usize], themes: &ThemeFilter, out: &mut Vec<(usize, usize)>) {
        let Some(&v) = themes.get(&t) else { return };
        out.push((v, depth));
        if path.contains(&t) {
            for c in site.agg.visible_children(site, t) {
                walk(site, c, depth + 1, path, themes, out);
            }
        }
    }
    let mut out = Vec::new();
    for &t in site.agg.tops() {
        walk(site, t, 0, &path, themes, &mut out);
    }
    out
}

/// A filter dimension: URL segment (`thema`), label (`Thema`) and its values.
type FilterDim = (&'static str, &'static str, Vec<FilterValue>);

/// A list scope: its folder, its label and URL part when filtered, and its items.
struct Scope {
    dir: String,
    filter: Option<(String, String)>,
    items: Vec<usize>,
}

/// The filter dimensions of `kind`, and what the theme filter's pages need (empty when
/// `kind` has no theme filter).
fn filter_groups(site: &Site, kind: Kind) -> (Vec<FilterDim>, ThemeFilter) {
    let all = site.agg.sorted(kind);
    let mut groups = Vec::new();
    let mut filter = ThemeFilter::default();
    if kind.themes_required() || kind == Kind::LearningCircle {
        let mut values = Vec::new();
        for &t in site.agg.sorted(Kind::Theme) {
            let items = site.agg.on_theme(t, kind);
            if !items.is_empty() {
                filter.insert(t, values.len());
                values.push((site.docs[t].slug.clone(), site.docs[t].raw.common().title.to_string(), items.to_vec()));
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
    (groups, filter)
}

/// The list pages of one kind (the full list and each filter, each paginated), described
/// but not yet built: enumerating them is cheap, and each page is built when it is
/// rendered, so a large site never holds all its list pages at once.
pub struct Lists {
    kind: Kind,
    groups: Vec<FilterDim>,
    themes: ThemeFilter,
    scopes: Vec<Scope>,
}

/// Which page of which scope: see `Lists::pages`.
#[derive(Debug, Clone)]
pub struct ListPageRef {
    pub from: String,
    scope: usize,
    page: usize,
}

impl Lists {
    pub fn of(site: &Site, kind: Kind) -> Lists {
        let base = format!("{}/", kind.folder());
        let (groups, themes) = filter_groups(site, kind);
        let mut scopes = vec![Scope { dir: base.clone(), filter: None, items: site.agg.sorted(kind).to_vec() }];
        for (dim, title, values) in &groups {
            for (code, label, items) in values {
                scopes.push(Scope {
                    dir: format!("{base}{dim}/{code}/"),
                    filter: Some((format!("{title}: {label}"), format!("{dim}/{code}/"))),
                    items: items.clone(),
                });
            }
        }
        Lists { kind, groups, themes, scopes }
    }

    /// Every page, in order.
    pub fn pages(&self) -> Vec<ListPageRef> {
        let mut out = Vec::new();
        for (n, scope) in self.scopes.iter().enumerate() {
            for page in 1..=page_count(scope.items.len()) {
                let from = if page == 1 { scope.dir.clone() } else { format!("{}pagina/{page}/", scope.dir) };
                out.push(ListPageRef { from, scope: n, page });
            }
        }
        out
    }

    /// One page, built.
    pub fn page(&self, site: &Site, at: &ListPageRef) -> ListPage {
        let kind = self.kind;
        let base = format!("{}/", kind.folder());
        let Scope { dir: scope_dir, filter: scope, items } = &self.scopes[at.scope];
        let (page, pages) = (at.page, page_count(items.len()));
        let ctx = Ctx { site, from: at.from.clone() };
        let chunk = &items[(page - 1) * PAGE_SIZE..(page * PAGE_SIZE).min(items.len())];
        let filters = self
            .groups
            .iter()
            .map(|(dim, title, values)| {
                let current =
                    scope.as_ref().and_then(|s| s.1.strip_prefix(&format!("{dim}/"))).map(|c| c.trim_end_matches('/'));
                FilterGroup {
                    title: format!("Filter op {}", title.to_lowercase()),
                    links: shown_values(site, dim, values, &self.themes, current)
                        .into_iter()
                        .map(|(v, depth)| {
                            let (code, label, its) = &values[v];
                            FilterLink {
                                text: label.clone(),
                                href: ctx.href(&format!("{base}{dim}/{code}/")),
                                count: its.len(),
                                current: current == Some(code.as_str()),
                                depth,
                            }
                        })
                        .collect(),
                }
            })
            .filter(|g| !g.links.is_empty())
            .collect();
        let pagination = (pages > 1).then(|| pagination(&ctx, scope_dir, page, pages));
        let mut title = kind.plural().to_string();
        if let Some((s, _)) = scope {
            title = format!("{title}: {}", s.split_once(": ").map(|x| x.1).unwrap_or(s));
        }
        if page > 1 {
            title = format!("{title} (pagina {page} van {pages})");
        }
        ListPage {
            from: at.from.clone(),
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
        }
    }
}

pub fn page_count(items: usize) -> usize {
    items.div_ceil(PAGE_SIZE).max(1)
}

/// Page links: the first and last page, and two either side of the current one; a gap
/// (`None`) stands for the pages in between, unless it would hide just one.
pub fn pagination(ctx: &Ctx, scope_dir: &str, page: usize, pages: usize) -> Pagination {
    let url = |n: usize| if n == 1 { ctx.href(scope_dir) } else { ctx.href(&format!("{scope_dir}pagina/{n}/")) };
    let link = |n: usize| Some(Link { text: n.to_string(), href: url(n), current: n == page });
    let mut links = Vec::new();
    let mut last = 0;
    for n in (1..=pages).filter(|&n| n == 1 || n == pages || n.abs_diff(page) <= 2) {
        if n == last + 2 {
            links.push(link(last + 1));
        } else if n > last + 2 {
            links.push(None);
        }
        links.push(link(n));
        last = n;
    }
    Pagination {
        current: page,
        total: pages,
        prev: (page > 1).then(|| url(page - 1)),
        next: (page < pages).then(|| url(page + 1)),
        pages: links,
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
