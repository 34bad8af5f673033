//! URLs and links: where each item is published, relative links between pages (so the
//! output works from `file://` and under any sub-path), output-path collisions, and the
//! Markdown bodies rendered with their internal links resolved and checked.

use super::{Hidden, Site};
use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::markdown::{IssueSeverity, LinkResolver, Resolution};
use crate::model::Kind;
use rayon::prelude::*;

/// Root-level names the generator itself uses; a page may not take them.
pub const RESERVED_ROOT: &[&str] = &[
    "zoeken",
    "assets",
    "media",
    "404",
    "index",
    "sitemap",
    "sitemap.xml",
    "feeds",
    "feed.xml",
    "atom.xml",
    "robots.txt",
    "data",
    "schemas",
    "bijdragen",
    "vraag-stellen",
    "leeragenda",
    "kalender",
    "sha256sums",
];

/// The folder an item is published in, relative to the site root, ending in `/`.
pub fn url_of(doc: &Document) -> String {
    path_of(doc.kind, &doc.slug)
}

fn path_of(kind: Kind, slug: &str) -> String {
    match kind {
        Kind::Page => format!("{slug}/"),
        k => format!("{}/{slug}/", k.folder()),
    }
}

/// How many folders deep the output file or folder `from` is: the `../` a relative link
/// from it climbs to reach the root (`leeraanbod/x/index.html` and `leeraanbod/x/`: 2).
pub fn depth(from: &str) -> usize {
    from.bytes().filter(|&b| b == b'/').count()
}

/// A link from the page in folder `from` (root-relative, `` for the home page) to the
/// root-relative `to`; folders get an explicit `index.html` so `file://` works.
pub fn relative_url(from: &str, to: &str) -> String {
    let mut s = "../".repeat(depth(from));
    s.push_str(to);
    if to.is_empty() || to.ends_with('/') {
        s.push_str("index.html");
    }
    s
}

/// Two files with one output path (also case-only and NFC/NFD twins), and pages that
/// take a name the generator uses.
pub fn check_collisions(docs: &[std::sync::Arc<Document>], diags: &mut Vec<Diagnostic>) {
    // (kind, folded slug): one output path each, since a page's slug holds no `/`.
    let mut by_path: Vec<(Kind, std::borrow::Cow<str>, &Document)> = Vec::with_capacity(docs.len());
    for d in docs {
        // A valid slug is its own slug: only other names need the (costly) folding.
        let folded = if crate::slug::is_valid(&d.slug) {
            std::borrow::Cow::Borrowed(d.slug.as_str())
        } else {
            std::borrow::Cow::Owned(crate::slug::slugify(&d.slug))
        };
        by_path.push((d.kind, folded, d));
        if d.kind != Kind::Page && crate::render::lists::SUBROUTES.contains(&d.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &d.file.display,
                    format!("the name \"{}\" is taken by the list pages (/{}/{}/)", d.slug, d.kind.folder(), d.slug),
                )
                .help("choose another file name"),
            );
        }
        if d.kind == Kind::Page && (RESERVED_ROOT.contains(&d.slug.as_str()) || Kind::from_folder(&d.slug).is_some()) {
            diags.push(
                Diagnostic::error(
                    &d.file.display,
                    format!("the page name \"{}\" is taken by the site itself (/{}/)", d.slug, d.slug),
                )
                .help("choose another file name for this page"),
            );
        }
    }
    by_path.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    for same in by_path.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
        if same.len() < 2 {
            continue;
        }
        let (kind, folded, _) = &same[0];
        let path = match kind {
            Kind::Page => folded.to_string(),
            k => format!("{}/{folded}", k.folder()),
        };
        let group: Vec<&Document> = same.iter().map(|(_, _, d)| *d).collect();
        for (n, d) in group.iter().enumerate() {
            let others: Vec<&str> =
                group.iter().enumerate().filter(|(m, _)| *m != n).map(|(_, o)| o.file.display.as_str()).collect();
            diags.push(
                Diagnostic::error(
                    &d.file.display,
                    format!("two files would be published at /{path}/: also {}", others.join(", ")),
                )
                .help("rename or remove one of them"),
            );
        }
    }
}

struct Resolver<'a> {
    site: &'a Site,
    from: usize,
}

impl Resolver<'_> {
    /// `../publicaties/x.md`, `x.md` or `@/publicaties/x.md` to a content-relative path.
    fn content_path(&self, target: &str) -> Option<String> {
        let folder = &self.site.docs[self.from].file.folder;
        let joined = match target.strip_prefix("@/") {
            Some(rest) => rest.to_string(),
            None if target.starts_with('/') => return None,
            None => format!("{folder}/{target}"),
        };
        let mut parts: Vec<&str> = Vec::new();
        for p in joined.split('/') {
            match p {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(p),
            }
        }
        Some(parts.join("/"))
    }
}

impl LinkResolver for Resolver<'_> {
    fn resolve_page(&self, target: &str, anchor: Option<&str>) -> Resolution {
        let Some(path) = self.content_path(target) else {
            return Resolution::Missing(format!("link \"{target}\" leaves content/"));
        };
        let found = path
            .strip_suffix(".md")
            .and_then(|p| p.split_once('/'))
            .and_then(|(folder, slug)| Kind::from_folder(folder).and_then(|k| self.site.lookup(k, slug)));
        let Some(j) = found else {
            return Resolution::Missing(format!("link to a missing file: content/{path}"));
        };
        if let Some(why) = &self.site.hidden[j] {
            if self.site.is_visible(self.from) {
                let what = match why {
                    Hidden::PrivatePerson => "a person without a public page".to_string(),
                    other => format!("an unpublished item ({})", other.describe()),
                };
                return Resolution::Missing(format!("link to {what}: content/{path}"));
            }
        }
        let from = url_of(&self.site.docs[self.from]);
        let mut url = self.site.href(&from, j);
        if let Some(a) = anchor {
            url.push('#');
            url.push_str(a);
        }
        Resolution::Url(url)
    }

    fn answers_key(&self) -> Option<u64> {
        Some(self.site.links_key)
    }

    fn resolve_asset(&self, src: &str) -> Resolution {
        let Some(path) = self.content_path(src) else {
            return Resolution::Missing(format!("\"{src}\" leaves content/"));
        };
        if self.site.media.iter().any(|m| m.rel == path) {
            Resolution::Url(relative_url(&url_of(&self.site.docs[self.from]), &path))
        } else {
            Resolution::Missing(format!("no file content/{path}"))
        }
    }
}

/// Renders the body of every visible document in parallel, turning body issues into
/// diagnostics at file positions, then checks `#anchor`s against the target headings.
///
/// This is the last step that reads the sources: each document's text is taken out as its
/// body is rendered and dropped once its diagnostics are made, so a large site never holds
/// its sources and its rendered bodies at once.
pub fn render_bodies(site: &mut Site, diags: &mut Vec<Diagnostic>, per_file: &dyn super::PerFile) {
    site.links_key = links_key(site);
    // A document shared with the dev server's cache keeps its text (the cache needs it);
    // one that is the build's own gives it up.
    let empty: std::sync::Arc<str> = std::sync::Arc::from("");
    let texts: Vec<std::sync::Arc<str>> = site
        .docs
        .iter_mut()
        .map(|d| match std::sync::Arc::get_mut(d) {
            Some(own) => std::mem::replace(&mut own.file.text, empty.clone()),
            None => d.file.text.clone(),
        })
        .collect();
    let site_ref: &Site = site;
    let rendered: Vec<Rendered> = texts
        .into_par_iter()
        .enumerate()
        .map(|(i, text)| {
            if !site_ref.is_visible(i) {
                return (None, Vec::new(), Vec::new());
            }
            let doc = &site_ref.docs[i];
            let resolver = Resolver { site: site_ref, from: i };
            let markdown = text.get(doc.body_offset..).unwrap_or_default();
            let body = per_file.render_body(doc, markdown, &resolver);
            let position = |offset: usize| body_position(&text, doc.body_offset, offset);
            let issues = body
                .issues
                .iter()
                .map(|issue| {
                    let (line, col, source) = position(issue.offset);
                    let d = match issue.severity {
                        IssueSeverity::Error => Diagnostic::error(&doc.file.display, issue.message.clone()),
                        IssueSeverity::Warning => Diagnostic::warning(&doc.file.display, issue.message.clone()),
                    };
                    d.at_line(line, col, source)
                })
                .collect();
            // Anchors: a link to `x.md#aanpak` needs a heading `aanpak` on x, known once
            // every body is rendered; the message is made now, while the source is here.
            let anchors = body
                .internal_links
                .iter()
                .filter_map(|link| {
                    let anchor = link.anchor.as_ref()?;
                    let target = resolver
                        .content_path(&link.target)
                        .and_then(|p| p.strip_suffix(".md").map(String::from))
                        .and_then(|p| {
                            p.split_once('/')
                                .and_then(|(f, s)| Kind::from_folder(f).and_then(|k| site_ref.lookup(k, s)))
                        })?;
                    // A document that keeps its text (the dev server's) gives its position
                    // when a heading is missing; any other gives it now.
                    let warning = if std::sync::Arc::ptr_eq(&text, &doc.file.text) {
                        Warning::Later { from: i, offset: link.offset, target: link.target.clone() }
                    } else {
                        Warning::Made(anchor_warning(&text, doc, link.offset, &link.target, anchor))
                    };
                    Some(PendingAnchor { target, anchor: anchor.clone(), warning })
                })
                .collect();
            (Some(body), issues, anchors)
        })
        .collect();
    let mut pending = Vec::new();
    let mut bodies = Vec::with_capacity(rendered.len());
    for (body, issues, anchors) in rendered {
        diags.extend(issues);
        pending.extend(anchors);
        bodies.push(body);
    }
    for PendingAnchor { target, anchor, warning } in pending {
        if let Some(t) = &bodies[target] {
            if !t.headings.iter().any(|h| h.id == anchor) {
                let ids: Vec<&str> = t.headings.iter().map(|h| h.id.as_str()).collect();
                let warning = match warning {
                    Warning::Made(w) => w,
                    Warning::Later { from, offset, target } => {
                        let doc = &site.docs[from];
                        anchor_warning(&doc.file.text, doc, offset, &target, &anchor)
                    }
                };
                diags.push(warning.help_opt(crate::diagnostics::did_you_mean(&anchor, ids)));
            }
        }
    }
    site.bodies = bodies;
}

/// A fingerprint of everything `Resolver` reads: every document's kind, slug and whether
/// (and why) it is held back or outside the subset, the media files and the base URL.
fn links_key(site: &Site) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = foldhash::fast::FixedState::default().build_hasher();
    site.hash_addresses(&mut h);
    site.config.base_url.hash(&mut h);
    h.finish()
}

/// One document's body, with the diagnostics of its body and its links to anchors.
type Rendered = (Option<std::sync::Arc<super::body::Body>>, Vec<Diagnostic>, Vec<PendingAnchor>);

/// A link to `x.md#anchor`, waiting for x's headings.
struct PendingAnchor {
    target: usize,
    anchor: String,
    warning: Warning,
}

/// The warning of a link to a missing heading, or where it is in a document's text.
enum Warning {
    Made(Diagnostic),
    Later { from: usize, offset: usize, target: String },
}

/// The warning of the link at body offset `offset` of `doc` (whose text is `text`) to
/// `target` (`x.md`) and its missing heading `anchor`.
fn anchor_warning(
    text: &str,
    doc: &crate::document::Document,
    offset: usize,
    target: &str,
    anchor: &str,
) -> Diagnostic {
    let (line, col, source) = body_position(text, doc.body_offset, offset);
    Diagnostic::warning(&doc.file.display, format!("no heading \"#{anchor}\" in {target}")).at_line(line, col, source)
}

/// File line and column of a byte offset in a body that starts at `body_offset` of `text`.
/// And the text of that line, for the message's code frame.
fn body_position(text: &str, body_offset: usize, offset: usize) -> (u32, u32, &str) {
    let abs = (body_offset + offset).min(text.len());
    let before = text.get(..abs).unwrap_or(text);
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() as u32 + 1;
    let start = before.rfind('\n').map_or(0, |n| n + 1);
    let col = before[start..].chars().count() as u32 + 1;
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    (line, col, &text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_work_from_file() {
        assert_eq!(relative_url("leeraanbod/x/", "publicaties/y/"), "../../publicaties/y/index.html");
        assert_eq!(relative_url("", "themas/"), "themas/index.html");
        assert_eq!(relative_url("over/", ""), "../index.html");
        assert_eq!(relative_url("themas/a/", "media/x.svg"), "../../media/x.svg");
    }

    #[test]
    fn body_positions_are_file_lines_and_columns_with_the_line() {
        let text = "---\ntitle: x\n---\nEén [a](b.md#c)\r\nnext";
        let body = text.find("Eén").unwrap();
        assert_eq!(body_position(text, body, 0), (4, 1, "Eén [a](b.md#c)\r"));
        assert_eq!(body_position(text, body, "Eén ".len()), (4, 5, "Eén [a](b.md#c)\r"));
        assert_eq!(body_position(text, body, text.len() - body), (5, 5, "next"));
        // The diagnostic trims the line ending, as `at` does.
        let d = Diagnostic::warning("f.md", "m").at_line(4, 5, "Eén [a](b.md#c)\r");
        assert_eq!(d, Diagnostic::warning("f.md", "m").at(text, 4, 5));
    }
}
