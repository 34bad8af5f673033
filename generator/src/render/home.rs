//! The home page: theme tiles, upcoming sessions and offers, the latest publications and
//! practice examples, and calls to contribute.

use super::item::card;
use super::lists::contribute_link;
use super::views::{HomeView, Link, Section};
use super::Ctx;
use crate::model::{Kind, Raw};
use crate::site::OfferPhase;

pub fn home_view(ctx: &Ctx) -> HomeView {
    let site = ctx.site;
    let top_themes: Vec<usize> = site
        .agg
        .sorted(Kind::Theme)
        .iter()
        .copied()
        .filter(|&j| matches!(&site.docs[j].raw, Raw::Theme(t) if t.parent.is_none()))
        .collect();
    let now = site.options.now;
    let mut offers: Vec<usize> = site
        .visible_of(Kind::Offer)
        .filter(|&j| matches!(&site.docs[j].raw, Raw::Offer(o) if OfferPhase::of(o, now).is_current()))
        .collect();
    offers.sort_by_key(|&j| match &site.docs[j].raw {
        Raw::Offer(o) => (o.start.clone().unwrap_or_default(), site.docs[j].slug.clone()),
        _ => Default::default(),
    });
    let section = |id: &str, title: &str, kind: Kind, items: &[usize]| Section {
        id: id.into(),
        anchor: format!("home-{id}"),
        title: title.into(),
        cards: items.iter().take(4).map(|&j| card(ctx, j)).collect(),
        more: Some(Link {
            text: format!("Alle {}", kind.plural().to_lowercase()),
            href: ctx.href(&format!("{}/", kind.folder())),
            current: false,
        }),
        empty: format!("Er zijn nog geen {}.", kind.plural().to_lowercase()),
        contribute: None,
    };
    let sections = vec![
        section("aanbod", "Lopend en gepland leeraanbod", Kind::Offer, &offers),
        section("publicaties", "Nieuwe publicaties", Kind::Publication, site.agg.sorted(Kind::Publication)),
        section(
            "voorbeelden",
            "Nieuwe praktijkvoorbeelden",
            Kind::PracticeExample,
            site.agg.sorted(Kind::PracticeExample),
        ),
        section("leervragen", "Recente leervragen", Kind::LearningQuestion, site.agg.sorted(Kind::LearningQuestion)),
    ];
    let actions = [Kind::Offer, Kind::LearningQuestion, Kind::PracticeExample]
        .iter()
        .filter_map(|&k| contribute_link(ctx, k))
        .collect();
    let counts = [
        Kind::Offer,
        Kind::Publication,
        Kind::PracticeExample,
        Kind::LearningQuestion,
        Kind::LearningCircle,
        Kind::Intervention,
        Kind::Gap,
        Kind::FocusArea,
        Kind::Organisation,
    ]
    .iter()
    .map(|&k| Link {
        text: format!("{} {}", site.visible_of(k).count(), k.plural().to_lowercase()),
        href: ctx.href(&format!("{}/", k.folder())),
        current: false,
    })
    .collect();
    HomeView {
        themes: top_themes.into_iter().map(|j| card(ctx, j)).collect(),
        sessions: super::calendar::upcoming(ctx, 4),
        sections,
        actions,
        counts,
    }
}
