//! Views of items, lists and the home page: cards, contact blocks, "Zie ook" (hand-picked,
//! then computed from shared themes and audiences), backlinks grouped by type.

use super::details::{self, date_view, dutch_phone};
use super::views::*;
use super::Ctx;
use crate::model::{ContactRef, Kind, Raw};
use crate::site::OfferPhase;
use std::collections::BTreeSet;

/// A question's computed suggestions, without the editors' confirmed matches.
fn suggestions(ctx: &Ctx, i: usize) -> Vec<Card> {
    let site = ctx.site;
    if site.docs[i].kind != Kind::LearningQuestion {
        return Vec::new();
    }
    let confirmed = crate::agenda::matching::confirmed(site, i);
    site.suggestions_for(i)
        .iter()
        .filter(|s| !confirmed.contains(&s.item))
        .take(crate::agenda::matching::SHOWN)
        .map(|s| card(ctx, s.item))
        .collect()
}

fn moment_view(d: jiff::civil::Date) -> DateView {
    DateView { iso: d.to_string(), text: crate::dates::dutch_date(d) }
}

/// The parts of an item's card that are the same on every page, as template values.
#[derive(Debug)]
pub struct CardText {
    title: minijinja::Value,
    kind_label: minijinja::Value,
    summary: minijinja::Value,
    date: minijinja::Value,
}

/// Makes every item's `CardText` before the pages are rendered, in parallel. Outside the
/// `OnceLock` (as `feeds::prepare`): a thread waiting inside a parallel loop may take up
/// another page's work, and that page's first card would wait on the lock the thread
/// itself holds.
pub fn prepare(site: &crate::site::Site) {
    use rayon::prelude::*;
    if site.card_texts.get().is_none() {
        let kinds = kind_labels();
        let _ = site.card_texts.set(site.docs.par_iter().map(|doc| card_text(doc, &kinds)).collect());
    }
}

/// Every item's `CardText`: made by `prepare`, or here, one by one, when nothing called it.
fn card_texts(site: &crate::site::Site) -> &[CardText] {
    site.card_texts.get_or_init(|| {
        let kinds = kind_labels();
        site.docs.iter().map(|doc| card_text(doc, &kinds)).collect()
    })
}

/// Each type's label as a template value, by `Kind::index`.
fn kind_labels() -> [minijinja::Value; Kind::ALL.len()] {
    Kind::ALL.map(|k| minijinja::Value::from(k.label()))
}

fn card_text(doc: &crate::document::Document, kinds: &[minijinja::Value]) -> CardText {
    use minijinja::Value as V;
    let c = doc.raw.common();
    let date = match &doc.raw {
        // An offer's card shows when it starts, not when it was posted.
        Raw::Offer(o) => o.start.as_deref().and_then(date_view),
        _ => c.published.and_then(date_view),
    };
    CardText {
        title: V::from(c.title),
        kind_label: kinds[doc.kind.index()].clone(),
        summary: c.summary.map(V::from).unwrap_or(V::from(())),
        date: date.map(|d| V::from_serialize(&d)).unwrap_or(V::from(())),
    }
}

pub fn card(ctx: &Ctx, j: usize) -> Card {
    let doc = &ctx.site.docs[j];
    let c = doc.raw.common();
    let text = &card_texts(ctx.site)[j];
    let badge = match &doc.raw {
        Raw::Offer(o) => Some(OfferPhase::of(o, ctx.site.options.now).label().to_string()),
        Raw::LearningQuestion(q) => Some(q.status.label()),
        Raw::Gap(g) => Some(g.status.label()),
        _ => None,
    };
    let draft = c.draft.then(|| "Concept".to_string());
    Card {
        title: text.title.clone(),
        href: ctx.href_to(j),
        kind_label: text.kind_label.clone(),
        summary: text.summary.clone(),
        badge: draft.or(badge),
        date: text.date.clone(),
        date_label: matches!(&doc.raw, Raw::Offer(o) if o.start.is_some()).then_some("Start"),
        note: None,
    }
}

fn breadcrumbs(ctx: &Ctx, i: usize) -> Vec<Link> {
    let site = ctx.site;
    let kind = site.docs[i].kind;
    let mut b = vec![Link { text: "Home".into(), href: ctx.href(""), current: false }];
    if kind != Kind::Page {
        b.push(Link { text: kind.plural().into(), href: ctx.href(&format!("{}/", kind.folder())), current: false });
    }
    // A theme sits under its parents: Home > Thema's > Leefgebied > Subthema.
    let mut parents = Vec::new();
    let mut cur = i;
    while let Some(p) = site.agg.parent(cur) {
        if parents.contains(&p) || p == i {
            break;
        }
        parents.push(p);
        cur = p;
    }
    for p in parents.into_iter().rev() {
        b.push(Link { text: site.docs[p].raw.common().title.to_string(), href: ctx.href_to(p), current: false });
    }
    b
}

pub fn item_view(ctx: &Ctx, i: usize) -> (PageView, ItemView) {
    let site = ctx.site;
    let doc = &site.docs[i];
    let c = doc.raw.common();
    let body = site.bodies[i].as_ref();
    let words = body.map(|b| b.word_count).unwrap_or(0);
    let mut page = ctx.page(c.title, c.summary, c.language, breadcrumbs(ctx, i));
    page.og_type = if doc.kind == Kind::Page { "website".into() } else { "article".into() };
    page.og_image =
        c.image.zip(site.config.base_url.as_ref()).map(|(img, base)| format!("{base}{}", img.trim_start_matches('/')));
    page.main_id = site.layout_id(i, "inhoud");
    let mut sessions = match &doc.raw {
        Raw::LearningCircle(circle) => details::sessions(ctx, circle),
        _ => Vec::new(),
    };
    for s in &mut sessions {
        s.id = site.session_anchor(i, s.number);
    }
    let badge = match &doc.raw {
        Raw::Offer(o) => Some(OfferPhase::of(o, site.options.now).label().to_string()),
        Raw::LearningQuestion(q) => Some(q.status.label()),
        Raw::Gap(g) => Some(g.status.label()),
        _ => None,
    };
    let item = ItemView {
        kind: doc.kind.name().to_string(),
        kind_label: doc.kind.label().to_string(),
        title: c.title.to_string(),
        summary: c.summary.map(String::from),
        lang: c.language.filter(|l| *l != page.lang).map(String::from),
        badge: if c.draft { Some("Concept".into()) } else { badge },
        body_html: body.map(|b| b.html.get()).unwrap_or_default(),
        reading_minutes: if words == 0 { 0 } else { words.div_ceil(200) },
        published: doc.published.map(|m| moment_view(m.date)),
        // `updated` as written, else the last commit (see `history`); shown when later.
        updated: doc.updated.filter(|u| doc.published.is_none_or(|p| u.date > p.date)).map(|m| moment_view(m.date)),
        image: c.image.map(|src| ImageView {
            src: ctx.href(src.trim_start_matches("../").trim_start_matches('/')),
            alt: c.image_alt.unwrap_or_default().to_string(),
        }),
        details: details::details(ctx, &doc.raw),
        sessions,
        contacts: contacts(ctx, i),
        more_info: c
            .more_info
            .iter()
            .map(|l| Link { text: l.label.clone(), href: l.url.clone(), current: false })
            .collect(),
        related: related(ctx, i),
        backlinks: if doc.kind == Kind::Theme { Vec::new() } else { backlinks(ctx, i) },
        source_url: c.source_url.map(String::from),
        sections: if doc.kind == Kind::Theme { super::theme::sections(ctx, i) } else { Vec::new() },
        subthemes: super::theme::subthemes(ctx, i),
        matched: if doc.kind == Kind::LearningQuestion {
            crate::agenda::matching::confirmed(site, i)
                .into_iter()
                .filter(|&j| site.is_visible(j))
                .map(|j| card(ctx, j))
                .collect()
        } else {
            Vec::new()
        },
        suggestions: suggestions(ctx, i),
        // Questions that already name this item are in "Hier genoemd".
        fits_questions: site
            .questions_for(i)
            .into_iter()
            .filter(|&q| !crate::agenda::matching::confirmed(site, q).contains(&i))
            .map(|q| card(ctx, q))
            .collect(),
        jsonld: super::jsonld::item(ctx, i, &page),
        ids: item_ids(ctx, i),
    };
    (page, item)
}

/// The ids of the page's sections, clear of the body's heading ids.
fn item_ids(ctx: &Ctx, i: usize) -> ItemIds {
    let id = |base: &'static str| ctx.site.layout_id(i, base);
    ItemIds {
        gegevens: id("gegevens"),
        bijeenkomsten: id("bijeenkomsten"),
        subthemas: id("subthemas"),
        gekoppeld: id("gekoppeld"),
        mogelijk_passend: id("mogelijk-passend"),
        sluit_aan: id("sluit-aan"),
        meer_info: id("meer-info"),
        meer_weten: id("meer-weten"),
        genoemd_in: id("genoemd-in"),
        zie_ook: id("zie-ook"),
    }
}

/// "Meer weten?": public persons with their topic; a private person shows as their
/// organisation, never with personal data.
fn contacts(ctx: &Ctx, i: usize) -> Vec<ContactView> {
    let site = ctx.site;
    let doc = &site.docs[i];
    let mut people: Vec<(String, Option<String>)> = doc
        .raw
        .common()
        .contacts
        .iter()
        .map(|c| match c {
            ContactRef::Person(p) => (p.clone(), None),
            ContactRef::WithTopic(t) => (t.person.clone(), t.topic.clone()),
        })
        .collect();
    if let Raw::Theme(t) = &doc.raw {
        people.extend(t.experts.iter().map(|e| (e.clone(), None)));
    }
    let mut seen = BTreeSet::new();
    people
        .into_iter()
        .filter(|(p, _)| seen.insert(p.clone()))
        .filter_map(|(slug, topic)| {
            let j = site.lookup(Kind::Person, &slug)?;
            let Raw::Person(p) = &site.docs[j].raw else {
                return None;
            };
            let org = p.organisations.first().and_then(|o| site.lookup(Kind::Organisation, o)).map(|o| Link {
                text: site.docs[o].raw.common().title.to_string(),
                href: ctx.href_to(o),
                current: false,
            });
            if !site.is_visible(j) {
                let org = org?;
                return Some(ContactView {
                    name: org.text.clone(),
                    href: Some(org.href.clone()),
                    job_title: None,
                    topic,
                    organisation: None,
                    email: None,
                    phone: None,
                });
            }
            Some(ContactView {
                name: p.title.clone(),
                href: Some(ctx.href_to(j)),
                job_title: p.job_title.clone(),
                topic,
                organisation: org,
                email: p.email.clone(),
                phone: p.phone.as_ref().map(|t| PhoneView { tel: t.clone(), text: dutch_phone(t) }),
            })
        })
        .collect()
}

/// Hand-picked related items first, then items sharing the most themes and audiences.
fn related(ctx: &Ctx, i: usize) -> Vec<Card> {
    let site = ctx.site;
    let doc = &site.docs[i];
    let mut picked: Vec<usize> = site.references[i]
        .iter()
        .filter(|(f, _)| f.starts_with("related["))
        .map(|(_, j)| *j)
        .filter(|&j| site.is_visible(j))
        .collect();
    if doc.kind == Kind::Theme {
        // A theme's sections already list its items; "Zie ook" offers its sibling themes,
        // in slug order.
        if let Some(parent) = site.agg.parent(i) {
            let mut siblings: Vec<usize> =
                site.agg.visible_children(site, parent).filter(|&j| j != i && !picked.contains(&j)).collect();
            siblings.sort_unstable();
            picked.extend(siblings.into_iter().take(4));
        }
    } else if !site.agg.themes_of(i).is_empty() {
        // Only items sharing a theme can score: those on the themes' own lists. A theme's
        // list holds an item once, so an item is on as many of these lists as it shares
        // themes with this one: counted from the lists alone, without reading each
        // candidate's own themes (at 100,000 items a cache miss per candidate).
        let mut themes = site.agg.themes_of(i).to_vec();
        themes.sort_unstable();
        themes.dedup();
        let mut candidates: Vec<usize> = themes.iter().flat_map(|&t| site.agg.naming(t).iter().copied()).collect();
        candidates.sort_unstable();
        let mut scored: Vec<(usize, usize)> = candidates
            .chunk_by(|a, b| a == b)
            .map(|same| (same[0], same.len()))
            .filter(|&(j, _)| j != i && !picked.contains(&j))
            .map(|(j, t)| (2 * t + site.agg.shared_audiences(i, j), j))
            .collect();
        crate::keep_first(&mut scored, 4, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        picked.extend(scored.into_iter().map(|(_, j)| j));
    }
    picked.into_iter().map(|j| card(ctx, j)).collect()
}

fn backlinks(ctx: &Ctx, i: usize) -> Vec<CardGroup> {
    let site = ctx.site;
    Kind::ALL
        .iter()
        .filter_map(|&k| {
            let cards: Vec<Card> = site.backlinks[i]
                .iter()
                .filter(|b| site.docs[b.from].kind == k && site.is_visible(b.from))
                .map(|b| card(ctx, b.from))
                .collect();
            (!cards.is_empty()).then(|| CardGroup { title: k.plural().to_string(), cards })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{ContentTree, SourceFile};
    use std::sync::Arc;

    fn publication(slug: &str, themes: &str, audiences: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile::in_memory(
            &format!("publicaties/{slug}.md"),
            &format!("---\ntitle: {slug}\nsummary: Kort.\npublication_type: toolkit\npublishers: [wijkwerk]\nthemes: {themes}\naudiences: {audiences}\npublished: 2026-01-01\n---\nTekst.\n"),
        ))
    }

    fn theme(slug: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile::in_memory(
            &format!("themas/{slug}.md"),
            &format!("---\ntitle: {slug}\nsummary: Over {slug}.\nkind: leefgebied\n---\nInleiding.\n"),
        ))
    }

    /// The titles of the "Zie ook" cards of publication `bron`, in a site of `files`, the
    /// publisher `wijkwerk` and a vocabulary with `audiences` (YAML lines `  code: Label`).
    fn related_to_bron(audiences: &str, mut files: Vec<Arc<SourceFile>>) -> Vec<String> {
        files.push(Arc::new(SourceFile::in_memory(
            "organisaties/wijkwerk.md",
            "---\ntitle: Wijkwerk\norg_type: netwerk\nwebsite: https://wijkwerk.example.nl/\n---\n",
        )));
        let tree = ContentTree {
            site_yaml: Some(SourceFile::in_memory("site.yaml", "title: Test\n")),
            vocab_yaml: Some(SourceFile::in_memory(
                "vocab.yaml",
                &format!(
                    "audience:\n{audiences}publication_type:\n  toolkit: Toolkit\norg_type:\n  netwerk: Netwerk\n"
                ),
            )),
            files,
            ..Default::default()
        };
        let site = crate::site::fixture(tree, "2026-11-28");
        let bron = site.lookup(Kind::Publication, "bron").unwrap();
        let ctx = Ctx { site: &site, from: crate::site::url_of(&site.docs[bron]) };
        related(&ctx, bron).into_iter().map(|c| c.title.to_string()).collect()
    }

    /// "Zie ook" ranks items by twice the themes they share plus the audiences they share,
    /// ties by document; a theme or an audience written twice counts once.
    #[test]
    fn related_items_rank_by_shared_themes_then_audiences() {
        let titles = related_to_bron(
            "  bewoners: Bewoners\n  vrijwilligers: Vrijwilligers\n",
            vec![
                theme("armoede"),
                theme("wonen"),
                theme("zorg"),
                publication("bron", "[armoede, wonen]", "[bewoners, vrijwilligers]"),
                publication("twee-themas", "[armoede, wonen]", "[]"),
                publication("een-thema-twee-doelgroepen", "[armoede]", "[bewoners, vrijwilligers]"),
                publication("dubbel", "[armoede, armoede]", "[bewoners, bewoners]"),
                publication("een-thema", "[wonen]", "[]"),
                publication("laatste", "[wonen]", "[]"),
                publication("los", "[zorg]", "[bewoners, vrijwilligers]"),
            ],
        );
        // 4 and 4 (by slug), 3 (one theme, one audience, each written twice), then 2 and 2
        // of which the first by slug; the item on another theme shares none.
        assert_eq!(titles, ["een-thema-twee-doelgroepen", "twee-themas", "dubbel", "een-thema"]);
    }

    /// Audiences past the 64th of the vocabulary count as the first 64 do.
    #[test]
    fn related_items_count_audiences_past_the_64th() {
        let audiences: String = (0..70).map(|n| format!("  a{n:02}: Doelgroep {n}\n")).collect();
        let titles = related_to_bron(
            &audiences,
            vec![
                theme("armoede"),
                publication("bron", "[armoede]", "[a00, a66, a68]"),
                publication("a-geen", "[armoede]", "[a01]"),
                publication("b-laag", "[armoede]", "[a00]"),
                publication("c-hoog", "[armoede]", "[a66, a68, a69]"),
                publication("d-midden", "[armoede]", "[a68]"),
            ],
        );
        // All share the theme. Then: two audiences past the 64th; one audience each, by
        // slug (b-laag's among the first 64, d-midden's past them); none. Were the ones past
        // the 64th not counted, c-hoog and d-midden would tie with a-geen behind b-laag.
        assert_eq!(titles, ["c-hoog", "b-laag", "d-midden", "a-geen"]);
    }
}
