//! Checks every internal link of the output before the site is swapped in: each
//! `href`/`src` in every HTML file must name an output file, and each `#anchor` an `id` on
//! the target page. Files are noted as they are made; the check runs once all are known.
//! Links in Markdown bodies are checked earlier, at their source line (`site`), so a broken
//! link found here comes from a layout: a failure naming page and link. The `#anchor`s of
//! body links are not checked here: at the source a missing one is only a warning
//! (RELIABILITY C21), which must not fail the build. Links in Markdown bodies are checked earlier, at their source line (`site`), so a
//! broken link found here comes from a layout: a failure naming page and link.

use crate::output::OutputFile;
use crate::FastMap;
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

/// Values of `attr="..."` in `html` (the site's own templates always quote attributes).
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = finder.find(&html.as_bytes()[at..]) {
        let start = at + i + needle.len();
        match memchr::memchr(b'"', &html.as_bytes()[start..]) {
            Some(end) => {
                out.push(&html[start..start + end]);
                at = start + end;
            }
            None => break,
        }
    }
    out
}

/// Decodes the entities the site's escaping writes into attribute values.
fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .into()
}

/// The byte ranges of `html` holding a Markdown body: from `<div class="body">` to its
/// `</div>`. Bodies cannot write that start tag themselves (the sanitiser keeps only the
/// classes `markdown` writes), and their HTML is well formed, so counting `div`s finds the end.
fn body_ranges(html: &str) -> Vec<std::ops::Range<usize>> {
    const START: &str = "<div class=\"body\">";
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(START) {
        let start = from + i + START.len();
        let (mut depth, mut at) = (1usize, start);
        while depth > 0 {
            let rest = &html[at..];
            let open = rest.find("<div").filter(|&j| rest[j + 4..].starts_with([' ', '>']));
            let close = rest.find("</div>");
            match (open, close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    at += o + 4;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    at += c + 6;
                }
                (_, None) => {
                    at = html.len();
                    break;
                }
            }
        }
        ranges.push(start..at);
        from = at;
    }
    ranges
}

/// Resolves `href` relative to the file at `from` (`a/b/index.html`) into `out`, as the
/// target path with `#fragment` when there is one; `false` for external links (with a
/// scheme, or protocol-relative).
fn resolve_into(from: &str, href: &str, out: &mut String) -> bool {
    if href.is_empty() || href.starts_with("//") || href.split_once(':').is_some_and(|(s, _)| !s.contains('/')) {
        return false;
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, f),
        None => (href, ""),
    };
    let path = path.split('?').next().unwrap_or(path);
    out.clear();
    if path.is_empty() {
        out.push_str(from);
    } else {
        out.push_str(from.rsplit_once('/').map(|(dir, _)| dir).unwrap_or(""));
        for seg in path.split('/') {
            match seg {
                "" | "." => {}
                ".." => out.truncate(out.rfind('/').unwrap_or(0)),
                s => {
                    if !out.is_empty() {
                        out.push('/');
                    }
                    out.push_str(s);
                }
            }
        }
        if path.ends_with('/') {
            out.push_str(if out.is_empty() { "index.html" } else { "/index.html" });
        }
    }
    if !frag.is_empty() {
        out.push('#');
        out.push_str(frag);
    }
    true
}

/// An id's 64-bit hash: a false match among the ids of one page is as good as impossible.
fn id_hash(id: &str) -> u64 {
    crate::fast_hash(id)
}

/// The links and ids of every output file, gathered as the files are made (from many
/// threads), and checked once all are known.
#[derive(Debug, Default)]
pub struct LinkIndex(Mutex<Gathered>);

#[derive(Debug, Default)]
struct Gathered {
    paths: HashSet<String>,
    /// Per HTML page with ids: their hashes, sorted (a large site has millions of ids).
    ids: FastMap<String, Box<[u64]>>,
    /// Every link target (`path` or `path#fragment`): the first page linking to it, by
    /// path order, the link as written there, and how many pages link to it.
    links: FastMap<String, (String, String, usize)>,
}

impl LinkIndex {
    /// Notes the file's path and, for HTML, its ids and the internal links it makes.
    pub fn add(&self, file: &OutputFile) {
        let html = file.path.ends_with(".html").then(|| std::str::from_utf8(&file.bytes).ok()).flatten();
        let mut ids: Vec<u64> = Vec::new();
        let mut links: Vec<(String, std::borrow::Cow<str>)> = Vec::new();
        if let Some(text) = html {
            ids = attr_values(text, "id").into_iter().map(|v| id_hash(&unescape(v))).collect();
            ids.sort_unstable();
            ids.dedup();
            let bodies = body_ranges(text);
            let mut target = String::new();
            for raw in attr_values(text, "href").into_iter().chain(attr_values(text, "src")) {
                let href = unescape(raw);
                if resolve_into(&file.path, &href, &mut target) {
                    let at = raw.as_ptr() as usize - text.as_ptr() as usize;
                    if bodies.iter().any(|r| r.contains(&at)) {
                        // The file must exist; the anchor was checked at the source.
                        target.truncate(target.find('#').unwrap_or(target.len()));
                    }
                    links.push((std::mem::take(&mut target), href));
                }
            }
            // Each target once per page: the count is of pages.
            links.sort_by(|a, b| a.0.cmp(&b.0));
            links.dedup_by(|a, b| a.0 == b.0);
        }
        let mut g = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        g.paths.insert(file.path.clone());
        if !ids.is_empty() {
            g.ids.insert(file.path.clone(), ids.into_boxed_slice());
        }
        for (key, href) in links {
            match g.links.get_mut(key.as_str()) {
                Some(first) => {
                    first.2 += 1;
                    if file.path < first.0 {
                        (first.0, first.1) = (file.path.clone(), href.into_owned());
                    }
                }
                None => {
                    g.links.insert(key, (file.path.clone(), href.into_owned(), 1));
                }
            }
        }
    }

    /// The paths of the HTML pages, sorted.
    pub fn pages(&self) -> Vec<String> {
        let g = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut pages: Vec<String> = g.paths.iter().filter(|p| p.ends_with(".html")).cloned().collect();
        pages.sort();
        pages
    }

    /// Every broken internal link, as `page: link` lines sorted by page; empty when all
    /// resolve.
    pub fn broken(&self) -> Vec<String> {
        let g = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut broken: Vec<String> = Vec::new();
        for (key, (page, href, pages)) in &g.links {
            let (target, frag) = key.split_once('#').unwrap_or((key, ""));
            let why = if !g.paths.contains(target) {
                format!("no file {target}")
            } else if !frag.is_empty()
                && target.ends_with(".html")
                && g.ids.get(target).is_none_or(|ids| ids.binary_search(&id_hash(frag)).is_err())
            {
                format!("no id \"{frag}\" on {target}")
            } else {
                continue;
            };
            let also = match pages - 1 {
                0 => String::new(),
                1 => ", and on 1 other page".to_string(),
                n => format!(", and on {n} other pages"),
            };
            broken.push(format!("{page}: {href} ({why}{also})"));
        }
        broken.sort();
        broken
    }
}

/// Every broken internal link of `files`, as `page: link` lines; empty when all resolve.
pub fn broken_links(files: &[OutputFile]) -> Vec<String> {
    let index = LinkIndex::default();
    for f in files {
        index.add(f);
    }
    index.broken()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(path: &str, body: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: body.as_bytes().to_vec() }
    }

    #[test]
    fn finds_missing_files_and_anchors() {
        let files = vec![
            f(
                "index.html",
                r#"<a href="a/index.html#top">x</a> <a href="https://x.nl/">e</a> <a href="mailto:a@b.nl">m</a> <img src="media/x.svg">"#,
            ),
            f(
                "a/index.html",
                r##"<h1 id="top">A</h1><a href="../b/index.html">b</a><a href="../index.html#nergens">n</a><a href="#top">t</a>"##,
            ),
        ];
        let b = broken_links(&files);
        assert_eq!(
            b,
            [
                "a/index.html: ../b/index.html (no file b/index.html)",
                "a/index.html: ../index.html#nergens (no id \"nergens\" on index.html)",
                "index.html: media/x.svg (no file media/x.svg)",
            ]
        );
    }

    #[test]
    fn fragments_of_body_links_are_left_to_the_source_check() {
        let page = r##"<div class="body"><div class="footnote-definition"><a href="#weg">x</a></div><a href="#ook-weg">y</a></div><a href="#layout">z</a><div class="body"><a href="../nergens/index.html#x">w</a></div>"##;
        let b = broken_links(&[f("a/index.html", page)]);
        assert_eq!(
            b,
            [
                "a/index.html: #layout (no id \"layout\" on a/index.html)",
                "a/index.html: ../nergens/index.html#x (no file nergens/index.html)"
            ]
        );
    }

    #[test]
    fn a_link_broken_on_many_pages_is_named_once_with_the_first_page() {
        let files: Vec<OutputFile> = ["b/index.html", "a/index.html", "c/index.html"]
            .iter()
            .map(|p| f(p, r#"<a href="../weg/">x</a>"#))
            .collect();
        assert_eq!(broken_links(&files), ["a/index.html: ../weg/ (no file weg/index.html, and on 2 other pages)"]);
    }

    #[test]
    fn resolves_relative_links_like_a_browser() {
        let mut out = String::new();
        let cases = [
            ("a/b/index.html", "../../c/index.html", "c/index.html"),
            ("a/b/index.html", "../", "a/index.html"),
            ("a/b/index.html", "../../", "index.html"),
            ("index.html", "x/y/", "x/y/index.html"),
            ("a/index.html", "#top", "a/index.html#top"),
            ("a/index.html", "./d.css?v=1#x", "a/d.css#x"),
            ("a/index.html", "../../../x", "x"),
        ];
        for (from, href, want) in cases {
            assert!(resolve_into(from, href, &mut out), "{href}");
            assert_eq!(out, want, "{from} {href}");
        }
        for external in ["https://x.nl/", "mailto:a@b.nl", "//cdn.x/y", "", "javascript:x"] {
            assert!(!resolve_into("a/index.html", external, &mut out), "{external}");
        }
    }
}
