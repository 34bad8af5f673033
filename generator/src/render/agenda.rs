//! The `/leeragenda/` page: a real table of demand against supply per theme (each number
//! links to a list of exactly those items), the computed "mogelijke lacune" signals, the
//! five editorial lacunes with their questions and new offers, the coordination point's
//! three tasks, and the exports. Also the per-number list pages.

use super::item::card;
use super::lists::{self, contribute_link, ListPage, ListView};
use super::views::Link;
use super::Ctx;
use crate::agenda::{rows, MEASURES};
use crate::model::{Kind, Raw};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AgendaView {
    pub columns: Vec<String>,
    pub rows: Vec<AgendaRow>,
    pub signals: Vec<Signal>,
    pub gaps: Vec<GapView>,
    pub tasks: Vec<Task>,
    pub exports: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaRow {
    pub theme: Link,
    pub is_child: bool,
    pub cells: Vec<Cell>,
    pub signal: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub count: usize,
    pub href: Option<String>,
    /// Accessible name of the link: `3 open leervragen over Armoede en schulden`.
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signal {
    pub theme: Link,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapView {
    pub gap: Link,
    pub status: String,
    pub reasons: String,
    pub questions: Vec<Link>,
    pub offers: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub title: String,
    pub text: String,
    pub links: Vec<Link>,
}

fn measure_dir(ctx: &Ctx, theme: usize, m: usize) -> String {
    format!("leeragenda/{}/{}/", ctx.site.docs[theme].slug, MEASURES[m].0)
}

pub fn view(ctx: &Ctx) -> AgendaView {
    let site = ctx.site;
    let agenda = rows(site);
    let link =
        |j: usize| Link { text: site.docs[j].raw.common().title.to_string(), href: ctx.href_to(j), current: false };
    let table = agenda
        .iter()
        .map(|r| AgendaRow {
            theme: link(r.theme),
            is_child: matches!(&site.docs[r.theme].raw, Raw::Theme(t) if t.parent.is_some()),
            cells: r
                .items
                .iter()
                .enumerate()
                .map(|(m, items)| Cell {
                    count: items.len(),
                    href: (!items.is_empty()).then(|| ctx.href(&measure_dir(ctx, r.theme, m))),
                    label: format!(
                        "{} {} over {}",
                        items.len(),
                        MEASURES[m].1.to_lowercase(),
                        site.docs[r.theme].raw.common().title
                    ),
                })
                .collect(),
            signal: r.signal.is_some(),
        })
        .collect();
    let signals =
        agenda.iter().filter_map(|r| r.signal.clone().map(|reason| Signal { theme: link(r.theme), reason })).collect();
    let gaps = site
        .visible_of(Kind::Gap)
        .map(|g| {
            let Raw::Gap(gap) = &site.docs[g].raw else { unreachable!("visible_of(Gap) yields gaps") };
            let from = |k: Kind| -> Vec<Link> {
                site.backlinks[g].iter().filter(|b| site.docs[b.from].kind == k).map(|b| link(b.from)).collect()
            };
            GapView {
                gap: link(g),
                status: gap.status.label(),
                reasons: gap.reason.iter().map(|r| r.label()).collect::<Vec<_>>().join(", "),
                questions: from(Kind::LearningQuestion),
                offers: from(Kind::Offer),
            }
        })
        .collect();
    let form = |k: Kind| contribute_link(ctx, k).into_iter().collect::<Vec<_>>();
    let tasks = vec![
        Task {
            title: "Leervragen koppelen aan aanbod".into(),
            text: "Het coördinatiepunt zoekt bij elke leervraag passend aanbod: trainingen, publicaties, interventies en leerkringen. Op elke leervraag staat wat mogelijk past.".into(),
            links: form(Kind::LearningQuestion),
        },
        Task {
            title: "Nieuw aanbod helpen ontstaan waar het ontbreekt".into(),
            text: "Bij de lacunes en de mogelijke lacunes hieronder is de vraag groter dan het aanbod. Aanbieders die daar iets kunnen betekenen, nodigen we uit.".into(),
            links: form(Kind::Offer),
        },
        Task {
            title: "Aanbod stimuleren dat domeinen en netwerken verbindt".into(),
            text: "Domeinoverstijgend aanbod brengt professionals uit verschillende sectoren samen. De tabel laat per thema zien hoeveel er is.".into(),
            links: form(Kind::PracticeExample),
        },
    ];
    let exports = [
        ("data/leeragenda-per-thema.csv", "Per thema (CSV)"),
        ("data/leeragenda-per-thema-en-doelgroep.csv", "Per thema en doelgroep (CSV)"),
        ("data/leeragenda-per-focusgebied.csv", "Per focusgebied (CSV)"),
        ("data/leeragenda.json", "Alles (JSON)"),
    ]
    .iter()
    .map(|(p, t)| Link { text: t.to_string(), href: ctx.href(p), current: false })
    .collect();
    AgendaView {
        columns: MEASURES.iter().map(|(_, h)| h.to_string()).collect(),
        rows: table,
        signals,
        gaps,
        tasks,
        exports,
    }
}

/// The list page of every non-zero number of the table, described: see `MeasurePages::page`.
pub struct MeasurePages {
    rows: Vec<crate::agenda::Row>,
}

/// Which page of the list behind which number of which row.
#[derive(Debug, Clone)]
pub struct MeasurePageRef {
    pub from: String,
    row: usize,
    measure: usize,
    page: usize,
}

impl MeasurePages {
    pub fn of(site: &crate::site::Site) -> MeasurePages {
        MeasurePages { rows: rows(site) }
    }

    pub fn pages(&self, site: &crate::site::Site) -> Vec<MeasurePageRef> {
        let mut out = Vec::new();
        for (row, r) in self.rows.iter().enumerate() {
            for (m, items) in r.items.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                let dir = format!("leeragenda/{}/{}/", site.docs[r.theme].slug, MEASURES[m].0);
                for page in 1..=lists::page_count(items.len()) {
                    let from = if page == 1 { dir.clone() } else { format!("{dir}pagina/{page}/") };
                    out.push(MeasurePageRef { from, row, measure: m, page });
                }
            }
        }
        out
    }

    pub fn page(&self, site: &crate::site::Site, at: &MeasurePageRef) -> ListPage {
        let (r, m) = (&self.rows[at.row], at.measure);
        let items = &r.items[m];
        let ctx = Ctx { site, from: at.from.clone() };
        let theme = site.docs[r.theme].raw.common().title;
        let (page, pages) = (at.page, lists::page_count(items.len()));
        let dir = format!("leeragenda/{}/{}/", site.docs[r.theme].slug, MEASURES[m].0);
        let chunk = &items[(page - 1) * lists::PAGE_SIZE..(page * lists::PAGE_SIZE).min(items.len())];
        let mut title = format!("{}: {}", MEASURES[m].1, theme);
        if page > 1 {
            title = format!("{title} (pagina {page} van {pages})");
        }
        ListPage {
            title,
            view: ListView {
                heading: MEASURES[m].1.to_string(),
                intro: None,
                scope: Some(format!("Thema: {theme} (met subthema's)")),
                all: Some(Link {
                    text: "Terug naar de leeragenda".into(),
                    href: ctx.href("leeragenda/"),
                    current: false,
                }),
                total: items.len(),
                cards: chunk.iter().map(|&j| card(&ctx, j)).collect(),
                filters: Vec::new(),
                pagination: (pages > 1).then(|| lists::pagination(&ctx, &dir, page, pages)),
                contribute: None,
            },
            from: at.from.clone(),
        }
    }
}
