//! The search page's view (`zoeken/index.html`, layout `search.html`): where the index and
//! the scripts are, and the static lists a reader without JavaScript is sent to.

use super::index::DIR;
use crate::model::Kind;
use crate::render::views::Link;
use crate::render::Ctx;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SearchPageView {
    /// The index folder, relative to the page (`index/`).
    pub index: String,
    /// Every list of the site, with its number of items: the way in without JavaScript.
    pub lists: Vec<BrowseLink>,
    /// Theme pages, for browsing by subject.
    pub themes: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BrowseLink {
    pub text: String,
    pub href: String,
    pub count: usize,
}

pub fn view(ctx: &Ctx) -> SearchPageView {
    let site = ctx.site;
    let lists = Kind::ALL
        .into_iter()
        .filter(|&k| k != Kind::Page)
        .map(|k| BrowseLink {
            text: k.plural().to_string(),
            href: ctx.href(&format!("{}/", k.folder())),
            count: site.visible_of(k).count(),
        })
        .filter(|l| l.count > 0)
        .collect();
    let themes = site
        .agg
        .sorted(Kind::Theme)
        .iter()
        .map(|&t| Link { text: site.docs[t].raw.common().title.to_string(), href: ctx.href_to(t), current: false })
        .collect();
    SearchPageView { index: DIR.strip_prefix("zoeken/").unwrap_or(DIR).to_string(), lists, themes }
}
