//! What of each published item is searched, and how: its text fields with their weights
//! (title over aliases over summary over headings over the names it refers to over body),
//! its facet values, and the fragment a result shows. Only items the site publishes
//! (`Site::is_visible`) are read, and of the items they point at, only published ones: a
//! draft theme, a private person or a scheduled offer never lends a word to the index.

use crate::dates;
use crate::model::{Author, Kind, Raw};
use crate::site::{OfferPhase, Site};

/// A text field and how much a word in it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Title,
    /// The item's own other names: theme synonyms and former names, focus-area aliases,
    /// an organisation's short name.
    Alias,
    Summary,
    Heading,
    /// Names of what the item refers to (themes with their synonyms, organisations, focus
    /// areas with their aliases), learning goals, lessons, labels.
    Meta,
    /// The item's tags: scored as `Meta`, kept apart for matching.
    Tag,
    /// The body: not among `SearchDoc::texts`, its words are numbered when it is rendered.
    Body,
}

impl Field {
    pub const ALL: [Field; 7] =
        [Field::Title, Field::Alias, Field::Summary, Field::Heading, Field::Meta, Field::Tag, Field::Body];

    pub fn weight(self) -> f64 {
        match self {
            Field::Title => 10.0,
            Field::Alias => 7.0,
            Field::Summary => 4.0,
            Field::Heading => 3.0,
            Field::Meta | Field::Tag => 2.0,
            Field::Body => 1.0,
        }
    }

    /// The field a word's occurrences are scored in: tags count with the other names.
    pub fn scored_as(self) -> Field {
        match self {
            Field::Tag => Field::Meta,
            f => f,
        }
    }
}

/// The facets whose values come from references (the others are the type, offer or
/// publication type, year and status, which the index encodes as runs of ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListFacet {
    Theme,
    Audience,
    FocusArea,
    Organisation,
}

impl ListFacet {
    pub const ALL: [ListFacet; 4] =
        [ListFacet::Theme, ListFacet::Audience, ListFacet::FocusArea, ListFacet::Organisation];

    /// The URL parameter (`/zoeken/?thema=...`), also the facet's file name.
    pub fn param(self) -> &'static str {
        match self {
            ListFacet::Theme => "thema",
            ListFacet::Audience => "doelgroep",
            ListFacet::FocusArea => "gebied",
            ListFacet::Organisation => "organisatie",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ListFacet::Theme => "Thema",
            ListFacet::Audience => "Doelgroep",
            ListFacet::FocusArea => "Focusgebied",
            ListFacet::Organisation => "Organisatie",
        }
    }
}

/// What a result shows: built as text nodes in the browser, never as HTML.
#[derive(Debug, Clone, Default)]
pub struct Fragment {
    pub title: String,
    /// Relative to `zoeken/`.
    pub href: String,
    /// `2024-04-23`; the browser writes it out in Dutch.
    pub date_iso: String,
    pub badge: String,
    pub summary: String,
    pub body: String,
}

/// One published item as the index sees it.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub kind: Kind,
    /// Offer type or publication type code.
    pub subtype: String,
    pub year: Option<i16>,
    /// An offer whose end date has passed.
    pub past: bool,
    /// The item in the site.
    pub doc: usize,
    /// Every text field but the body (whose words `site::body::Body` holds).
    pub texts: Vec<(Field, String)>,
    /// (facet, value code, value label).
    pub facets: Vec<(ListFacet, String, String)>,
    pub fragment: Fragment,
    pub slug: String,
}

/// How much body text a fragment carries for snippets.
pub const FRAGMENT_BODY_CHARS: usize = 320;

/// Every published item, in the site's order.
pub fn collect(site: &Site) -> Vec<SearchDoc> {
    use rayon::prelude::*;
    (0..site.docs.len()).into_par_iter().filter(|&i| site.is_visible(i)).map(|i| search_doc(site, i)).collect()
}

fn visible(site: &Site, kind: Kind, slug: &str) -> Option<usize> {
    site.lookup(kind, slug).filter(|&j| site.is_visible(j))
}

fn search_doc(site: &Site, i: usize) -> SearchDoc {
    let doc = &site.docs[i];
    let c = doc.raw.common();
    let now = site.options.now;
    let mut texts: Vec<(Field, String)> = vec![(Field::Title, c.title.to_string())];
    let mut facets: Vec<(ListFacet, String, String)> = Vec::new();
    let mut push = |f: Field, s: &str| {
        if !s.trim().is_empty() {
            texts.push((f, s.to_string()));
        }
    };
    if let Some(s) = c.summary {
        push(Field::Summary, s);
    }
    for t in c.tags {
        push(Field::Tag, t);
    }
    if let Some(body) = &site.bodies[i] {
        for h in &body.headings {
            push(Field::Heading, &h.text);
        }
    }
    // The item's themes, by name and synonym; the facet also holds their ancestors, as the
    // theme filter pages do.
    for t in site.agg.themes_of(i).iter().copied().filter(|&t| site.is_visible(t)) {
        if let Raw::Theme(th) = &site.docs[t].raw {
            push(Field::Meta, &th.title);
            for s in th.synonyms.iter().chain(&th.formerly) {
                push(Field::Meta, s);
            }
        }
    }
    let mut audiences: Vec<&String> = c.audiences.iter().collect();
    let mut orgs: Vec<&str> = Vec::new();
    let mut areas: Vec<&str> = Vec::new();
    let mut subtype = String::new();
    let mut past = false;
    let mut year = doc.published.map(|m| m.date.year());
    let mut badge = String::new();
    match &doc.raw {
        Raw::Theme(t) => {
            for s in t.synonyms.iter().chain(&t.formerly) {
                push(Field::Alias, s);
            }
        }
        Raw::FocusArea(f) => {
            for a in &f.aliases {
                push(Field::Alias, a);
            }
            push(Field::Alias, &f.municipality);
        }
        Raw::Organisation(o) => {
            if let Some(s) = &o.short_name {
                push(Field::Alias, s);
            }
            if let Some(city) = &o.city {
                push(Field::Meta, city);
            }
            push(Field::Meta, site.vocab.label("org_type", &o.org_type));
        }
        Raw::Offer(o) => {
            subtype = o.offer_type.clone();
            push(Field::Meta, site.vocab.label("offer_type", &o.offer_type));
            let phase = OfferPhase::of(o, now);
            past = !phase.is_current();
            badge = phase.label().to_string();
            orgs.extend(o.providers.iter().chain(&o.partners).map(String::as_str));
            areas.extend(o.focus_areas.iter().map(String::as_str));
            for g in &o.learning_goals {
                push(Field::Meta, g);
            }
            if let Some(l) = &o.location {
                for s in l.venue.iter().chain(&l.city) {
                    push(Field::Meta, s);
                }
            }
            if let Some(start) = o.start.as_deref().and_then(|s| dates::parse_date(s).ok()) {
                year = Some(start.date.year());
            }
        }
        Raw::Publication(p) => {
            subtype = p.publication_type.clone();
            push(Field::Meta, site.vocab.label("publication_type", &p.publication_type));
            orgs.extend(p.publishers.iter().chain(&p.funded_by).map(String::as_str));
            for a in &p.authors {
                match a {
                    Author::Person(slug) => {
                        if let Some(j) = visible(site, Kind::Person, slug) {
                            push(Field::Meta, site.docs[j].raw.common().title);
                        }
                    }
                    Author::Named(n) => {
                        push(Field::Meta, &n.name);
                        orgs.extend(n.organisations.iter().map(String::as_str));
                    }
                }
            }
            for comp in &p.components {
                push(Field::Meta, comp);
            }
            if let Some(d) = p.publication_date.as_deref().and_then(|s| dates::parse_partial(s).ok()) {
                year = Some(d.year);
            }
        }
        Raw::PracticeExample(p) => {
            push(Field::Meta, &p.municipality);
            for n in p.neighbourhoods.iter().chain(&p.lessons) {
                push(Field::Meta, n);
            }
            orgs.extend(p.organisations.iter().map(|o| o.organisation.as_str()));
            areas.extend(p.focus_area.as_deref());
        }
        Raw::LearningQuestion(q) => {
            audiences.extend(&q.asked_by);
            badge = q.status.label();
        }
        Raw::Gap(g) => badge = g.status.label(),
        Raw::LearningCircle(lc) => {
            orgs.extend(lc.organisers.iter().map(String::as_str));
            if let Some(p) = &lc.programme {
                push(Field::Meta, p);
            }
            for s in &lc.sessions {
                push(Field::Meta, &s.title);
                if let Some(l) = &s.location {
                    areas.extend(l.focus_area.as_deref());
                    for v in l.venue.iter().chain(&l.city) {
                        push(Field::Meta, v);
                    }
                }
            }
            if let Some(lead) = lc.lead.as_deref().and_then(|l| visible(site, Kind::Person, l)) {
                push(Field::Meta, site.docs[lead].raw.common().title);
            }
            if let Some(start) =
                lc.period.as_ref().and_then(|p| p.start.as_deref()).and_then(|s| dates::parse_partial(s).ok())
            {
                year = Some(start.year);
            }
        }
        Raw::Intervention(iv) => {
            orgs.extend(iv.owners.iter().map(String::as_str));
            for s in iv.target_group.iter().chain(&iv.goal).chain(&iv.database) {
                push(Field::Meta, s);
            }
            push(Field::Meta, &iv.recognition_level.label());
        }
        Raw::Person(p) => {
            for s in p.job_title.iter() {
                push(Field::Meta, s);
            }
            orgs.extend(p.organisations.iter().map(String::as_str));
            year = None;
        }
        Raw::Page(_) => year = None,
    }
    if matches!(doc.kind, Kind::Theme | Kind::Organisation | Kind::FocusArea | Kind::Person | Kind::Page) {
        year = None;
    }
    for slug in dedup(orgs) {
        if let Some(j) = visible(site, Kind::Organisation, slug) {
            if let Raw::Organisation(o) = &site.docs[j].raw {
                push(Field::Meta, &o.title);
                if let Some(s) = &o.short_name {
                    push(Field::Meta, s);
                }
                facets.push((
                    ListFacet::Organisation,
                    slug.to_string(),
                    o.short_name.clone().unwrap_or(o.title.clone()),
                ));
            }
        }
    }
    for slug in dedup(areas) {
        if let Some(j) = visible(site, Kind::FocusArea, slug) {
            if let Raw::FocusArea(f) = &site.docs[j].raw {
                push(Field::Meta, &f.title);
                for a in &f.aliases {
                    push(Field::Meta, a);
                }
                facets.push((ListFacet::FocusArea, slug.to_string(), f.title.clone()));
            }
        }
    }
    audiences.sort();
    audiences.dedup();
    for a in audiences {
        let label = site.vocab.label("audience", a);
        push(Field::Meta, label);
        facets.push((ListFacet::Audience, a.clone(), label.to_string()));
    }
    let mut themes: Vec<usize> = site
        .agg
        .themes_of(i)
        .iter()
        .copied()
        .filter(|&t| site.is_visible(t))
        .flat_map(|t| ancestors(site, t))
        .collect();
    themes.sort();
    themes.dedup();
    for t in themes {
        facets.push((ListFacet::Theme, site.docs[t].slug.clone(), site.docs[t].raw.common().title.to_string()));
    }
    let date = doc.published.map(|m| m.date);
    let body = site.bodies[i].as_ref().map(|b| b.snippet.clone()).unwrap_or_default();
    let fragment = Fragment {
        title: c.title.to_string(),
        href: site.href("zoeken/", i),
        date_iso: date.map(|d| d.to_string()).unwrap_or_default(),
        badge,
        summary: c.summary.unwrap_or_default().to_string(),
        body,
    };
    SearchDoc { kind: doc.kind, subtype, year, past, doc: i, texts, facets, fragment, slug: doc.slug.clone() }
}

/// Theme `t` and the published themes above it (a theme filter holds its child themes'
/// items, as the theme pages do).
fn ancestors(site: &Site, t: usize) -> Vec<usize> {
    let mut out = vec![t];
    let mut cur = t;
    while let Raw::Theme(th) = &site.docs[cur].raw {
        let Some(p) = th.parent.as_deref().and_then(|p| visible(site, Kind::Theme, p)) else { break };
        if out.contains(&p) {
            break;
        }
        out.push(p);
        cur = p;
    }
    out
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v.dedup();
    v
}

/// The first `n` characters of `s`, cut at a word boundary.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n).collect();
    match cut.rfind(' ') {
        Some(p) if p > n / 2 => format!("{}…", &cut[..p]),
        _ => format!("{cut}…"),
    }
}
