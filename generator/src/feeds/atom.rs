//! Atom feeds: `feed.xml` (everything), `<type>/feed.xml`, `themas/<slug>/feed.xml` (with
//! child themes) and `organisaties/<slug>/feed.xml` (what refers to the organisation).
//! Newest first, at most 50 entries; only items with a `published` or `updated` date.

use super::xml_escape;
use crate::dates::ZONE;
use crate::model::Kind;
use crate::output::OutputFile;
use crate::site::{url_of, Site};
use jiff::civil::Date;
use rayon::prelude::*;
use std::fmt::Write as _;

const MAX_ENTRIES: usize = 50;

fn stamp(d: Date) -> String {
    // Midnight in Amsterdam, with its offset: 2024-04-23T00:00:00+02:00.
    match d.in_tz(ZONE) {
        Ok(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        Err(_) => format!("{d}T00:00:00Z"),
    }
}

fn dated(site: &Site, i: usize) -> Option<Date> {
    let d = &site.docs[i];
    d.updated.or(d.published).map(|m| m.date)
}

/// The feeds of the site, and the folders that have one. Made once per site (`plan_of`):
/// the pages ask for the folders (`feed_of`), the feeds step for the items.
#[derive(Debug, Default)]
pub struct Plan {
    /// (root-relative folder, title, items newest first).
    feeds: Vec<(String, String, Vec<usize>)>,
    pub folders: std::collections::BTreeSet<String>,
}

/// The site's feed plan, made on first use.
pub fn plan_of(site: &Site) -> &Plan {
    site.feed_plan.get_or_init(|| {
        let feeds = plan(site);
        let folders = feeds.iter().map(|(f, _, _)| f.clone()).collect();
        Plan { feeds, folders }
    })
}

/// The feeds of the site: (root-relative folder, title, items).
fn plan(site: &Site) -> Vec<(String, String, Vec<usize>)> {
    let in_feed = |i: usize| site.is_visible(i) && dated(site, i).is_some();
    let newest = |mut v: Vec<usize>| {
        crate::keep_first(&mut v, MAX_ENTRIES, |a, b| dated(site, *b).cmp(&dated(site, *a)).then(a.cmp(b)));
        v
    };
    let mut out = Vec::new();
    for kind in Kind::ALL.into_iter().filter(|&k| k != Kind::Page) {
        let items: Vec<usize> = site.visible_of(kind).filter(|&i| in_feed(i)).collect();
        if !items.is_empty() {
            out.push((format!("{}/", kind.folder()), kind.plural().to_string(), newest(items)));
        }
    }
    // A theme's feed reads its whole branch: in parallel, in the themes' order.
    let themes: Vec<_> = site
        .agg
        .sorted(Kind::Theme)
        .par_iter()
        .filter_map(|&t| {
            let items: Vec<usize> =
                Kind::ALL.iter().flat_map(|&k| site.agg.on_theme(t, k)).copied().filter(|&i| in_feed(i)).collect();
            (!items.is_empty())
                .then(|| (url_of(&site.docs[t]), format!("Thema {}", site.docs[t].raw.common().title), newest(items)))
        })
        .collect();
    out.extend(themes);
    let organisations: Vec<_> = site
        .agg
        .sorted(Kind::Organisation)
        .par_iter()
        .filter_map(|&o| {
            let mut items: Vec<usize> = site.backlinks[o].iter().map(|b| b.from).filter(|&i| in_feed(i)).collect();
            items.dedup();
            (!items.is_empty())
                .then(|| (url_of(&site.docs[o]), site.docs[o].raw.common().title.to_string(), newest(items)))
        })
        .collect();
    out.extend(organisations);
    let all: Vec<usize> = (0..site.docs.len()).filter(|&i| in_feed(i)).collect();
    out.push((String::new(), "Alles".to_string(), newest(all)));
    out
}

pub fn feeds(site: &Site, base: &str) -> Vec<OutputFile> {
    plan_of(site)
        .feeds
        .par_iter()
        .map(|(folder, title, items)| OutputFile {
            path: format!("{folder}feed.xml"),
            bytes: feed(site, base, folder, title, items).into_bytes(),
        })
        .collect()
}

fn feed(site: &Site, base: &str, folder: &str, title: &str, items: &[usize]) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let lang = site.config.language.as_deref().unwrap_or("nl");
    let _ = writeln!(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", xml_escape(lang));
    let _ = writeln!(x, "  <title>{}: {}</title>", xml_escape(&site.config.title), xml_escape(title));
    let _ = writeln!(x, "  <id>{}</id>", xml_escape(&format!("{base}{folder}")));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&format!("{base}{folder}feed.xml"))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&format!("{base}{folder}"))
    );
    let updated = items.iter().filter_map(|&i| dated(site, i)).max().unwrap_or(site.options.now);
    let _ = writeln!(x, "  <updated>{}</updated>", stamp(updated));
    let _ = writeln!(x, "  <author><name>{}</name></author>", xml_escape(&site.config.title));
    for &i in items {
        let d = &site.docs[i];
        let c = d.raw.common();
        let url = format!("{base}{}", url_of(d));
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", xml_escape(c.title));
        let _ = writeln!(x, "    <id>{}</id>", xml_escape(&url));
        let _ = writeln!(x, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml_escape(&url));
        if let Some(p) = d.published {
            let _ = writeln!(x, "    <published>{}</published>", stamp(p.date));
        }
        let _ = writeln!(x, "    <updated>{}</updated>", stamp(dated(site, i).unwrap_or(site.options.now)));
        if let Some(s) = c.summary {
            let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(s));
        }
        let _ = writeln!(x, "    <category term=\"{}\" label=\"{}\"/>", d.kind.name(), xml_escape(d.kind.label()));
        for &t in site.agg.themes_of(i) {
            let td = &site.docs[t];
            let _ = writeln!(
                x,
                "    <category term=\"{}\" label=\"{}\"/>",
                xml_escape(&td.slug),
                xml_escape(td.raw.common().title)
            );
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}
