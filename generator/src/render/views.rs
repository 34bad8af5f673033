//! The template contract: serialisable view structs. Layouts see only these, never the
//! internal types, so a layout change cannot reach into the pipeline.

use serde::Serialize;

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
    pub nav: Vec<Link>,
    pub footer: Vec<Link>,
    pub breadcrumbs: Vec<Link>,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct Value {
    pub text: String,
    pub href: Option<String>,
    pub date: Option<String>,
}

/// An item as a card in lists.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: String,
    pub href: String,
    pub kind_label: String,
    pub summary: Option<String>,
    pub badge: Option<String>,
    pub date: Option<DateView>,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub heading: String,
    pub intro: Option<String>,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub sections: Vec<HomeSection>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeSection {
    pub title: String,
    pub href: String,
    pub count: usize,
    pub cards: Vec<Card>,
}
