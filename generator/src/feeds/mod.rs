//! Machine-readable outputs beside the pages: Atom feeds (site-wide, per type, per theme,
//! per organisation), iCalendar files of learning-circle sessions, and `sitemap.xml` with
//! `robots.txt`. Feeds and the sitemap need absolute URLs, so they are written only when
//! the site has a `base_url`; calendars are written always.

mod atom;
mod ical;
mod sitemap;

use crate::output::OutputFile;
use crate::site::Site;

/// Every feed, calendar and sitemap file of the site.
pub fn files(site: &Site, pages: &[OutputFile]) -> Vec<OutputFile> {
    let mut out = ical::calendars(site);
    if let Some(base) = site.config.base_url.as_deref() {
        out.extend(atom::feeds(site, base));
        out.extend(sitemap::files(site, base, pages));
    }
    out
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The feed of a page's folder, root-relative, for `<link rel="alternate">`.
pub fn feed_of(site: &Site, folder: &str) -> Option<String> {
    site.config.base_url.as_ref()?;
    site.feed_folders.get_or_init(|| atom::folders(site)).contains(folder).then(|| format!("{folder}feed.xml"))
}
