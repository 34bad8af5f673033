//! The template contract: serialisable view structs. Layouts see only these, never the
//! internal types, so a layout change cannot reach into the pipeline.

use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub banner: Option<String>,
    pub language: String,
}

/// What every page has: its place, its relative root and the navigation.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub description: Option<String>,
    pub lang: String,
    /// Prefix from this page to the site root: `../../`.
    pub root: String,
    pub canonical: Option<String>,
    /// The main menu (`Link`s), shared by every page at this depth under this menu entry.
    pub nav: minijinja::Value,
    /// The menu entry this page is under (`leeraanbod`, `leeragenda`), or empty: the one
    /// marked current in `nav`. With `root`, all that the page header depends on.
    pub section: &'static str,
    /// The footer's links (`Link`s), shared by every page at this depth.
    pub footer: minijinja::Value,
    pub breadcrumbs: Vec<Link>,
    /// `website` or `article`, for Open Graph.
    pub og_type: String,
    pub og_image: Option<String>,
    /// Relative link to this page's Atom feed, when it has one.
    pub feed: Option<String>,
    /// The id of `<main>`, the skip link's target: `inhoud`, unless a body heading has it.
    pub main_id: Cow<'static, str>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
    /// `aria-current="page"` in navigation.
    pub current: bool,
}

/// A date as `<time datetime="iso">text</time>`.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

/// One row of a details box: a label and one or more values, each maybe a link.
#[derive(Debug, Clone, Serialize)]
pub struct DetailRow {
    pub label: String,
    pub values: Vec<Value>,
    /// What goes between values: `, `, or ` tot en met ` for a period.
    pub joiner: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Value {
    pub text: String,
    pub href: Option<String>,
    pub date: Option<String>,
    /// The link goes to the canonical site (an item outside a subset build).
    pub external: bool,
}

/// An item as a card in lists. What the card of an item shows on every page (title,
/// summary, type, date) is made into template values once per site (`item::card_texts`):
/// an item's card is on dozens of pages, and a template value made from text copies it.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: minijinja::Value,
    pub href: String,
    pub kind_label: minijinja::Value,
    /// None when the item has no summary.
    pub summary: minijinja::Value,
    pub badge: Option<String>,
    /// A `DateView`, or none.
    pub date: minijinja::Value,
    /// What the date is, when it is not the posting date: `Start`.
    pub date_label: Option<&'static str>,
    /// Why the card is here, e.g. `via subthema Schulden`.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: String,
    pub href: Option<String>,
    pub job_title: Option<String>,
    pub topic: Option<String>,
    pub organisation: Option<Link>,
    pub email: Option<String>,
    pub phone: Option<PhoneView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhoneView {
    pub tel: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardGroup {
    pub title: String,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub number: u32,
    /// `bijeenkomst-N`, the anchor the agenda, the calendars and the JSON-LD link to.
    pub id: String,
    pub title: String,
    pub date: Option<DateView>,
    pub time: Option<String>,
    pub status: String,
    pub status_label: String,
    pub details: Vec<DetailRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub src: String,
    pub alt: String,
}

/// A detail page of one item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// The ids of the layout's own sections, clear of the body's heading ids. First: a
    /// template finds a field by comparing names from the first, and these are read the
    /// most.
    pub ids: ItemIds,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub summary: Option<String>,
    pub lang: Option<String>,
    pub badge: Option<String>,
    pub body_html: String,
    pub reading_minutes: usize,
    pub published: Option<DateView>,
    pub updated: Option<DateView>,
    pub image: Option<ImageView>,
    pub details: Vec<DetailRow>,
    pub sessions: Vec<SessionView>,
    pub contacts: Vec<ContactView>,
    pub more_info: Vec<Link>,
    pub related: Vec<Card>,
    pub backlinks: Vec<CardGroup>,
    pub source_url: Option<String>,
    /// Per-type sections of a theme page (and "what happens here" on other pages).
    pub sections: Vec<Section>,
    /// Parent and child themes of a theme.
    pub subthemes: Vec<Link>,
    /// A question's supply confirmed by the editors (`matched`).
    pub matched: Vec<Card>,
    /// A question's computed suggestions, apart from the confirmed ones.
    pub suggestions: Vec<Card>,
    /// Supply: the questions it is among the top suggestions for.
    pub fits_questions: Vec<Card>,
    /// The page's structured data (JSON-LD), already serialised and escaped for `<script>`.
    pub jsonld: String,
}

/// The ids of an item page's sections: each its plain name (`meer-weten`) unless a heading
/// of the body has that id (`## Meer weten`); then the section takes a suffix
/// (`meer-weten-1`), as the body's ids are the ones editors link to.
#[derive(Debug, Clone, Serialize)]
pub struct ItemIds {
    pub gegevens: Cow<'static, str>,
    pub bijeenkomsten: Cow<'static, str>,
    pub subthemas: Cow<'static, str>,
    pub gekoppeld: Cow<'static, str>,
    pub mogelijk_passend: Cow<'static, str>,
    pub sluit_aan: Cow<'static, str>,
    pub meer_info: Cow<'static, str>,
    pub meer_weten: Cow<'static, str>,
    pub genoemd_in: Cow<'static, str>,
    pub zie_ook: Cow<'static, str>,
}

/// A section of cards with a heading, a link to the full filtered list, and an
/// invitation to contribute when it is empty.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    /// The section's anchor on a theme page, `sectie-<id>` (see `ItemIds`).
    pub anchor: String,
    pub title: String,
    pub cards: Vec<Card>,
    pub more: Option<Link>,
    pub empty: String,
    pub contribute: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub themes: Vec<Card>,
    pub sessions: Vec<CalendarSession>,
    pub sections: Vec<Section>,
    pub actions: Vec<Link>,
    pub counts: Vec<Link>,
}

/// One learning-circle session in the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarSession {
    pub date: Option<DateView>,
    pub time: Option<String>,
    pub title: String,
    pub number: u32,
    pub circle: Link,
    pub status: String,
    pub status_label: String,
    pub place: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthGroup {
    pub id: String,
    pub month: String,
    pub sessions: Vec<CalendarSession>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalendarView {
    pub upcoming: Vec<MonthGroup>,
    pub past: Vec<MonthGroup>,
    pub unplanned: Vec<CalendarSession>,
}

/// The HTML sitemap: every page, grouped by type.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapView {
    pub groups: Vec<SitemapGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SitemapGroup {
    pub title: String,
    pub href: Option<String>,
    pub links: Vec<Link>,
}
