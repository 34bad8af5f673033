//! `sitemap.xml` (every HTML page, with `lastmod` for items) and `robots.txt` pointing at it.

use super::xml_escape;
use crate::output::OutputFile;
use crate::site::{url_of, Site};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub fn files(site: &Site, base: &str, pages: &[String]) -> Vec<OutputFile> {
    let lastmod: BTreeMap<String, String> = (0..site.docs.len())
        .filter(|&i| site.is_visible(i))
        .filter_map(|i| {
            let d = &site.docs[i];
            d.updated.or(d.published).map(|m| (format!("{}index.html", url_of(d)), m.date.to_string()))
        })
        .collect();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in pages.iter().filter(|p| p.ends_with("index.html")) {
        let loc = format!("{base}{}", path.trim_end_matches("index.html"));
        let _ = write!(x, "  <url><loc>{}</loc>", xml_escape(&loc));
        if let Some(d) = lastmod.get(path) {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n");
    vec![
        OutputFile { path: "sitemap.xml".into(), bytes: x.into_bytes() },
        OutputFile { path: "robots.txt".into(), bytes: robots.into_bytes() },
    ]
}
