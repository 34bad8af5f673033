//! Checks every internal link of the output before the site is swapped in: each
//! `href`/`src` in every HTML file must name an output file, and each `#anchor` an `id` on
//! the target page. Files are noted as they are made; the check runs once all are known.
//! Links in Markdown bodies are checked earlier, at their source line (`site`), so a broken
//! link found here comes from a layout: a failure naming page and link. The `#anchor`s of
//! body links are not checked here: at the source a missing one is only a warning
//! (RELIABILITY C21), which must not fail the build.

use crate::output::OutputFile;
use crate::FastMap;
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

/// Decodes the entities the site's escaping writes into attribute values.
fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
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
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static START: LazyLock<Finder> = LazyLock::new(|| Finder::new("<div class=\"body\">"));
    static OPEN: LazyLock<Finder> = LazyLock::new(|| Finder::new("<div"));
    static CLOSE: LazyLock<Finder> = LazyLock::new(|| Finder::new("</div>"));
    let bytes = html.as_bytes();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(i) = START.find(&bytes[from..]) {
        let start = from + i + START.needle().len();
        let (mut depth, mut at) = (1usize, start);
        // The next `<div` (followed by a space or `>`) at or after `at`.
        let next_open = |at: usize| {
            let mut k = at;
            while let Some(j) = OPEN.find(&bytes[k..]) {
                if matches!(bytes.get(k + j + 4), Some(b' ' | b'>')) {
                    return Some(k + j);
                }
                k += j + 4;
            }
            None
        };
        let mut open = next_open(at);
        while depth > 0 {
            let Some(close) = CLOSE.find(&bytes[at..]).map(|c| at + c) else {
                at = html.len();
                break;
            };
            match open {
                Some(o) if o < close => {
                    depth += 1;
                    at = o + 4;
                    open = next_open(at);
                }
                _ => {
                    depth -= 1;
                    at = close + 6;
                }
            }
        }
        ranges.push(start..at);
        from = at;
    }
    ranges
}

/// Resolves `href` relative to the file at `from` (`a/b/index.html`, `depth` folders
/// deep: `site::depth(from)`) into `out`, as the target path with `#fragment` when there is
/// one; `false` for external links (with a scheme, or protocol-relative).
fn resolve_into(from: &str, depth: usize, href: &str, out: &mut String) -> bool {
    // Byte searches: every page has dozens of links, and `str`'s char searches cost more.
    let bytes = href.as_bytes();
    let scheme = memchr::memchr(b':', bytes).is_some_and(|colon| !bytes[..colon].contains(&b'/'));
    if href.is_empty() || href.starts_with("//") || scheme {
        return false;
    }
    let (path, frag) = match memchr::memchr(b'#', bytes) {
        Some(i) => (&href[..i], &href[i + 1..]),
        None => (href, ""),
    };
    let path = memchr::memchr(b'?', path.as_bytes()).map_or(path, |i| &path[..i]);
    out.clear();
    if path.is_empty() {
        out.push_str(from);
    } else if let Some(rest) = from_root(depth, path) {
        // Most links of the site's pages: up to the root, then a plain path.
        out.push_str(rest);
        if path.ends_with('/') {
            out.push_str("index.html");
        }
    } else {
        walk(from, path, out);
    }
    if !frag.is_empty() {
        out.push('#');
        out.push_str(frag);
    }
    true
}

/// Resolves a non-empty `path` relative to the file at `from` into `out`, segment by segment.
fn walk(from: &str, path: &str, out: &mut String) {
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

/// The root-relative path `href` names when it climbs exactly from a page `depth` folders
/// deep to the root (`../../x/y/` from `a/b/index.html`) and the rest is a plain path: no
/// `.` or `..` segment, no `//`, no leading `/`. `None` for anything else, which `walk`
/// resolves.
fn from_root(depth: usize, href: &str) -> Option<&str> {
    let mut rest = href;
    for _ in 0..depth {
        rest = rest.strip_prefix("../")?;
    }
    // An empty segment only at the end (`x/`, or `` itself): not a leading `/`, not `//`.
    let bytes = rest.as_bytes();
    let mut start = 0;
    for end in memchr::memchr_iter(b'/', bytes).chain([bytes.len()]) {
        let seg = &bytes[start..end];
        if (seg.is_empty() && end < bytes.len()) || seg == b"." || seg == b".." {
            return None;
        }
        start = end + 1;
    }
    Some(rest)
}

/// An id's 64-bit hash: a false match among the ids of one page is as good as impossible.
fn id_hash(id: &str) -> u64 {
    crate::fast_hash(id)
}

/// The links and ids of every output file, gathered as the files are made (from many
/// threads), and checked once all are known. The links are kept in shards by their hash,
/// each behind its own lock, so threads adding pages rarely wait for each other.
#[derive(Debug)]
pub struct LinkIndex {
    files: Mutex<Files>,
    /// Every link target (`path` or `path#fragment`) by its hash: the target, the first page
    /// linking to it by path order, the link as written there, and how many pages link to it.
    links: Box<[Mutex<FastMap<u64, Target>>]>,
}

/// How many shards the links are kept in.
const SHARDS: usize = 64;

impl Default for LinkIndex {
    fn default() -> Self {
        LinkIndex { files: Mutex::default(), links: (0..SHARDS).map(|_| Mutex::default()).collect() }
    }
}

#[derive(Debug, Default)]
struct Files {
    paths: HashSet<String, foldhash::fast::FixedState>,
    /// Per HTML page with ids: their hashes, sorted (a large site has millions of ids).
    ids: FastMap<String, Box<[u64]>>,
}

#[derive(Debug)]
struct Target {
    target: String,
    page: String,
    /// The first 16 bytes of `page` (`sort_key`): most pages are ordered by them, without
    /// reading `page` itself (at 100,000 items a cache miss per link).
    page_key: u128,
    href: String,
    pages: usize,
}

/// The first 16 bytes of `path`, padded with zeros, as a number that orders as the bytes
/// do: when two keys differ, the paths are in the order of their keys.
fn sort_key(path: &str) -> u128 {
    let mut b = [0u8; 16];
    let n = path.len().min(16);
    b[..n].copy_from_slice(&path.as_bytes()[..n]);
    u128::from_be_bytes(b)
}

/// One page's links and ids, read without the lock: every target resolved into one string.
#[derive(Default)]
struct PageLinks {
    ids: Vec<u64>,
    /// (hash of the target, its range in `targets`, the link as written in the page)
    links: Vec<(u64, std::ops::Range<usize>, std::ops::Range<usize>)>,
    targets: String,
}

impl PageLinks {
    fn read(path: &str, text: &str) -> Self {
        let mut page = PageLinks::default();
        let bodies = body_ranges(text);
        let depth = crate::site::depth(path);
        let mut target = String::new();
        for (attr, raw) in attributes(text) {
            let at = raw.as_ptr() as usize - text.as_ptr() as usize;
            let value = unescape(raw);
            if attr == Attr::Id {
                page.ids.push(id_hash(&value));
                continue;
            }
            if !resolve_into(path, depth, &value, &mut target) {
                continue;
            }
            if bodies.iter().any(|r| r.contains(&at)) {
                // The file must exist; the anchor was checked at the source.
                target.truncate(memchr::memchr(b'#', target.as_bytes()).unwrap_or(target.len()));
            }
            let start = page.targets.len();
            page.targets.push_str(&target);
            page.links.push((crate::fast_hash(&target), start..page.targets.len(), at..at + raw.len()));
        }
        page.ids.sort_unstable();
        page.ids.dedup();
        // A link to this page itself is checked here, where its ids are all known: one entry
        // fewer per page in the site-wide index (every page has its skip link).
        let (targets, ids) = (&page.targets, &page.ids);
        page.links.retain(|(_, t, _)| match targets[t.clone()].strip_prefix(path) {
            Some("") => false,
            Some(rest) => rest.strip_prefix('#').is_none_or(|frag| ids.binary_search(&id_hash(frag)).is_err()),
            None => true,
        });
        // Each target once per page: the count is of pages.
        page.links.sort_by_key(|l| l.0);
        page.links.dedup_by_key(|l| l.0);
        page
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Id,
    Href,
    Src,
}

/// Every ` id="…"`, ` href="…"` and ` src="…"` value of `html`, in one pass (the site's own
/// templates always quote attributes).
fn attributes(html: &str) -> impl Iterator<Item = (Attr, &str)> {
    static QUOTED: std::sync::LazyLock<memchr::memmem::Finder> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("=\""));
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(i) = QUOTED.find(&bytes[at..]) {
            let eq = at + i;
            let start = eq + 2;
            at = start;
            let attr = if bytes[..eq].ends_with(b" id") {
                Attr::Id
            } else if bytes[..eq].ends_with(b" href") {
                Attr::Href
            } else if bytes[..eq].ends_with(b" src") {
                Attr::Src
            } else {
                continue;
            };
            let end = start + memchr::memchr(b'"', &bytes[start..])?;
            at = end;
            return Some((attr, &html[start..end]));
        }
        None
    })
}

impl LinkIndex {
    /// Notes the file's path and, for HTML, its ids and the internal links it makes.
    pub fn add(&self, file: &OutputFile) {
        let html = file.path.ends_with(".html").then(|| std::str::from_utf8(&file.bytes).ok()).flatten();
        let page = html.map(|text| PageLinks::read(&file.path, text)).unwrap_or_default();
        {
            let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
            files.paths.insert(file.path.clone());
            if !page.ids.is_empty() {
                files.ids.insert(file.path.clone(), page.ids.into_boxed_slice());
            }
        }
        let written = |range: &std::ops::Range<usize>| html.map(|t| unescape(&t[range.clone()]).into_owned());
        let key = sort_key(&file.path);
        // The links are sorted by hash: those of one shard come together, under one lock.
        let shard_of = |hash: u64| (hash >> 58) as usize % SHARDS;
        for same in page.links.chunk_by(|a, b| shard_of(a.0) == shard_of(b.0)) {
            let mut links = self.links[shard_of(same[0].0)].lock().unwrap_or_else(PoisonError::into_inner);
            for (hash, target, href) in same {
                match links.get_mut(hash) {
                    Some(first) => {
                        first.pages += 1;
                        if key < first.page_key || (key == first.page_key && file.path < first.page) {
                            first.page = file.path.clone();
                            first.page_key = key;
                            first.href = written(href).unwrap_or_default();
                        }
                    }
                    None => {
                        let t = Target {
                            target: page.targets[target.clone()].to_string(),
                            page: file.path.clone(),
                            page_key: key,
                            href: written(href).unwrap_or_default(),
                            pages: 1,
                        };
                        links.insert(*hash, t);
                    }
                }
            }
        }
    }

    /// The paths of the HTML pages, sorted.
    pub fn pages(&self) -> Vec<String> {
        let files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        let mut pages: Vec<String> = files.paths.iter().filter(|p| p.ends_with(".html")).cloned().collect();
        pages.sort();
        pages
    }

    /// Every broken internal link, as `page: link` lines sorted by page; empty when all
    /// resolve.
    pub fn broken(&self) -> Vec<String> {
        let g = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        let mut broken: Vec<String> = Vec::new();
        let shards: Vec<_> = self.links.iter().map(|s| s.lock().unwrap_or_else(PoisonError::into_inner)).collect();
        for Target { target: key, page, href, pages, .. } in shards.iter().flat_map(|s| s.values()) {
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
    fn the_first_page_is_found_by_path_order_past_the_sort_key() {
        // The same first 16 bytes: the rest of the path decides.
        let files: Vec<OutputFile> = [
            "leeraanbod/abcdefgh-2/index.html",
            "leeraanbod/abcdefgh-1/index.html",
            "leeraanbod/abcdefgh-3/index.html",
        ]
        .iter()
        .map(|p| f(p, r#"<a href="../../weg/">x</a>"#))
        .collect();
        assert_eq!(
            broken_links(&files),
            ["leeraanbod/abcdefgh-1/index.html: ../../weg/ (no file weg/index.html, and on 2 other pages)"]
        );
        // Keys order paths as the paths order, shorter ones and those past 16 bytes too.
        let mut paths = vec![
            "b",
            "a",
            "ab",
            "a/b/index.html",
            "a/index.html",
            "",
            "leeraanbod/abcdefgh-1/index.html",
            "leeraanbod/abcdefgh/index.html",
            "leeraanbod/abcdef",
            "leeraanbod/abcdefgh-10/index.html",
            "leeraanbod/abcde",
        ];
        paths.sort();
        let mut by_key = paths.clone();
        by_key.sort_by_key(|p| (sort_key(p), p.to_string()));
        assert_eq!(by_key, paths);
        for w in paths.windows(2) {
            assert!(sort_key(w[0]) <= sort_key(w[1]), "{w:?}");
        }
    }

    #[test]
    fn the_short_way_to_the_root_agrees_with_the_segment_walk() {
        let froms = ["index.html", "a/index.html", "a/b/index.html", "a/b/c/index.html"];
        let rests =
            ["", "x", "x/", "x/y/index.html", "x/y/", "x//y", "/x", "./x", "x/./y", "x/../y", "..", "x/..", "x/."];
        let (mut fast, mut slow) = (String::new(), String::new());
        let mut short = 0;
        for from in froms {
            for up in 0..5 {
                for rest in rests {
                    let path = format!("{}{rest}", "../".repeat(up));
                    if path.is_empty() {
                        continue;
                    }
                    slow.clear();
                    walk(from, &path, &mut slow);
                    if let Some(r) = from_root(crate::site::depth(from), &path) {
                        short += 1;
                        fast.clear();
                        fast.push_str(r);
                        if path.ends_with('/') {
                            fast.push_str("index.html");
                        }
                        assert_eq!(fast, slow, "{from} {path}");
                    }
                }
            }
        }
        // The five plain rests, climbing exactly to the root, from each page; from the root
        // page itself the empty one is no link.
        assert_eq!(short, 5 * froms.len() - 1);
    }

    #[test]
    fn links_to_the_page_itself_are_checked_on_the_page() {
        let page = r##"<a href="#er">a</a><a href="#weg">b</a><a href="index.html">c</a><a href="../a/#er">d</a><h2 id="er">x</h2>"##;
        let read = PageLinks::read("a/index.html", page);
        // Only the missing anchor is left for the site-wide check, which reports it.
        let left: Vec<&str> = read.links.iter().map(|(_, t, _)| &read.targets[t.clone()]).collect();
        assert_eq!(left, ["a/index.html#weg"]);
        assert_eq!(broken_links(&[f("a/index.html", page)]), ["a/index.html: #weg (no id \"weg\" on a/index.html)"]);
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
            assert!(resolve_into(from, crate::site::depth(from), href, &mut out), "{href}");
            assert_eq!(out, want, "{from} {href}");
        }
        for external in ["https://x.nl/", "mailto:a@b.nl", "//cdn.x/y", "", "javascript:x"] {
            assert!(!resolve_into("a/index.html", 1, external, &mut out), "{external}");
        }
    }
}
