//! The contribution forms: `/bijdragen/` (an overview) with one page per form under it
//! (`leeraanbod`, `praktijkvoorbeeld`, `publicatie`), and `/vraag-stellen/` for a learning
//! question. Their fields are derived from the content model (`derive`), worded from one
//! table (`labels`), and limited by one policy (`policy`); `widgets` turns them into field
//! views with choices from the site, `route` says where a form goes without JavaScript, and
//! `view` is the template contract. The browser side is `layouts/forms.html` with
//! `assets/forms.js` (checks, the finished Markdown file) and `assets/slug.js` (the slug
//! rule, ported).

pub mod derive;
pub mod labels;
pub mod policy;
pub mod route;
pub mod view;
mod widgets;

use crate::model::Kind;
use crate::render::views::Link;
use crate::site::{relative_url, Site};
use anyhow::Result;
use serde::Serialize;

/// What a form page shows: one form, or the overview of all forms.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PageContent {
    Form(Box<view::FormView>),
    Index(view::IndexView),
}

/// One page to render: where, with which layout, and its view (the template's `view`).
#[derive(Debug, Clone)]
pub struct FormPage {
    /// Root-relative folder: `bijdragen/leeraanbod/`.
    pub from: String,
    pub title: String,
    pub description: String,
    pub crumbs: Vec<Link>,
    pub layout: &'static str,
    pub view: PageContent,
}

/// The form pages of the site whose root-relative folder `wanted` accepts (the dev server
/// renders one page at a time).
pub fn pages(site: &Site, wanted: impl Fn(&str) -> bool) -> Result<Vec<FormPage>> {
    let privacy = site.lookup(Kind::Page, "privacy").filter(|&p| site.is_visible(p));
    let home = |from: &str| Link { text: "Home".into(), href: relative_url(from, ""), current: false };
    let mut out = Vec::new();
    if wanted(policy::INDEX_FROM) {
        out.push(FormPage {
            from: policy::INDEX_FROM.into(),
            title: labels::INDEX_TITLE.into(),
            description: labels::INDEX_TEASER.into(),
            crumbs: vec![home(policy::INDEX_FROM)],
            layout: "forms-index.html",
            view: PageContent::Index(view::index_view(policy::INDEX_FROM)),
        });
    }
    for def in policy::FORMS.iter().filter(|d| wanted(d.from)) {
        let fields = derive::form_fields(def.kind, &crate::schema::schema_of(def.kind))?;
        let privacy_href = privacy.map(|p| site.href(def.from, p));
        let form = view::form_view(site, def, &fields, privacy_href);
        let mut crumbs = vec![home(def.from)];
        if def.from.starts_with(policy::INDEX_FROM) {
            crumbs.push(Link {
                text: labels::INDEX_TITLE.into(),
                href: relative_url(def.from, policy::INDEX_FROM),
                current: false,
            });
        }
        let text = labels::form_text(def.name);
        out.push(FormPage {
            from: def.from.into(),
            title: text.heading.into(),
            description: text.teaser.into(),
            crumbs,
            layout: "forms.html",
            view: PageContent::Form(Box::new(form)),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
