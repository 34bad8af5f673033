//! A theme page's sections: per type the items on this theme and on its child themes
//! (the roll-up is marked on each card), current offers first, an invitation to
//! contribute where a section is empty.

use super::item::card;
use super::lists::contribute_link;
use super::views::{Link, Section};
use super::Ctx;
use crate::model::Kind;

/// Kind, anchor id, heading, and what an empty section says.
const SECTIONS: &[(Kind, &str, &str, &str)] = &[
    (Kind::Offer, "leeraanbod", "Leeraanbod", "Er is nog geen leeraanbod over dit thema."),
    (Kind::LearningCircle, "leerkringen", "Leerkringen", "Er is nog geen leerkring over dit thema."),
    (Kind::Publication, "publicaties", "Publicaties", "Er zijn nog geen publicaties over dit thema."),
    (
        Kind::PracticeExample,
        "praktijkvoorbeelden",
        "Praktijkvoorbeelden",
        "Er zijn nog geen praktijkvoorbeelden over dit thema.",
    ),
    (Kind::Intervention, "wat-werkt", "Wat werkt", "Er zijn nog geen interventies over dit thema."),
    (Kind::LearningQuestion, "leervragen", "Leervragen", "Er zijn nog geen leervragen over dit thema."),
    (Kind::Gap, "lacunes", "Lacunes", "Er zijn geen lacunes gesignaleerd bij dit thema."),
];

pub fn sections(ctx: &Ctx, theme: usize) -> Vec<Section> {
    let site = ctx.site;
    SECTIONS
        .iter()
        .map(|&(kind, id, title, empty)| {
            // Only the first six are shown; the full list is a filter page of its own.
            let items = site.agg.on_theme(theme, kind);
            let cards = items
                .iter()
                .take(6)
                .map(|&j| {
                    let themes = site.agg.themes_of(j);
                    let mut c = card(ctx, j);
                    if !themes.contains(&theme) {
                        let via = themes.iter().find(|&&t| site.agg.is_under(t, theme));
                        c.note = via.map(|&t| format!("Via subthema {}", site.docs[t].raw.common().title));
                    }
                    c
                })
                .collect::<Vec<_>>();
            let more = (items.len() > 6).then(|| Link {
                text: format!("Alle {} {} over dit thema", items.len(), title.to_lowercase()),
                href: ctx.href(&format!("{}/thema/{}/", kind.folder(), site.docs[theme].slug)),
                current: false,
            });
            Section {
                id: id.to_string(),
                anchor: site.layout_id(theme, format!("sectie-{id}")).into_owned(),
                title: title.to_string(),
                cards,
                more,
                empty: empty.to_string(),
                contribute: contribute_link(ctx, kind),
            }
        })
        .collect()
}

/// The parent and the children of a theme, as links.
pub fn subthemes(ctx: &Ctx, i: usize) -> Vec<Link> {
    let site = ctx.site;
    if site.docs[i].kind != Kind::Theme {
        return Vec::new();
    }
    site.agg
        .visible_children(site, i)
        .map(|j| Link { text: site.docs[j].raw.common().title.to_string(), href: ctx.href_to(j), current: false })
        .collect()
}
