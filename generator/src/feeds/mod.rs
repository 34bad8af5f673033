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
/// `pages` are the paths of the site's HTML pages, sorted.
pub fn files(site: &Site, pages: &[String]) -> Vec<OutputFile> {
    let base = site.config.base_url.as_deref();
    let (mut out, (feeds, sitemap)) = rayon::join(
        || ical::calendars(site),
        || {
            rayon::join(
                || base.map(|b| atom::feeds(site, b)).unwrap_or_default(),
                || base.map(|b| sitemap::files(site, b, pages)).unwrap_or_default(),
            )
        },
    );
    out.extend(feeds);
    out.extend(sitemap);
    out
}

/// Escapes text for XML content and attribute values.
pub use crate::escape::xml as xml_escape;

pub use atom::Plan;

/// The feed of a page's folder, root-relative, for `<link rel="alternate">`.
pub fn feed_of(site: &Site, folder: &str) -> Option<String> {
    site.config.base_url.as_ref()?;
    atom::plan_of(site).folders.contains(folder).then(|| format!("{folder}feed.xml"))
}

/// Makes the feed plan now, when the site has feeds. Rendering calls this before its pages:
/// made by the first page that asks, the plan would run inside a render thread's `OnceLock`
/// while the other render threads wait for it.
pub fn prepare(site: &Site) {
    if site.config.base_url.is_some() {
        atom::plan_of(site);
    }
}
