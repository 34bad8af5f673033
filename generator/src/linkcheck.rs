//! Checks every internal link of the output before it is written: each `href`/`src` in
//! every HTML file must name an output file, and each `#anchor` an `id` on the target
//! page. Links in Markdown bodies are checked earlier, at their source line (`site`), so a
//! broken link found here comes from a layout: a failure naming page and link. The
//! `#anchor`s of body links are not checked here: at the source a missing one is only a
//! warning (RELIABILITY C21), which must not fail the build.

use crate::output::OutputFile;
use std::collections::{HashMap, HashSet};

/// Values of `attr="..."` in `html` (the site's own templates always quote attributes).
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// Decodes the entities the site's escaping writes into attribute values.
fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Resolves `href` relative to the file at `from` (`a/b/index.html`), or `None` for
/// external links (with a scheme or protocol-relative).
fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    let lower = href.to_ascii_lowercase();
    if href.is_empty() || lower.starts_with("//") || lower.split_once(':').is_some_and(|(s, _)| !s.contains('/')) {
        return None;
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty() {
        return Some((from.to_string(), frag));
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut p = parts.join("/");
    if path.ends_with('/') {
        p.push_str(if p.is_empty() { "index.html" } else { "/index.html" });
    }
    Some((p, frag))
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

/// Every broken internal link, as `page: link` lines; empty when all resolve.
pub fn broken_links(files: &[OutputFile]) -> Vec<String> {
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let html: Vec<(&str, &str)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| std::str::from_utf8(&f.bytes).ok().map(|t| (f.path.as_str(), t)))
        .collect();
    let ids: HashMap<&str, HashSet<String>> =
        html.iter().map(|(p, t)| (*p, attr_values(t, "id").into_iter().map(unescape).collect())).collect();
    let mut broken = Vec::new();
    for (page, text) in &html {
        let bodies = body_ranges(text);
        for raw in attr_values(text, "href").into_iter().chain(attr_values(text, "src")) {
            let href = unescape(raw);
            let Some((target, frag)) = resolve(page, &href) else { continue };
            let at = raw.as_ptr() as usize - text.as_ptr() as usize;
            let in_body = bodies.iter().any(|r| r.contains(&at));
            if !paths.contains(target.as_str()) {
                broken.push(format!("{page}: {href} (no file {target})"));
            } else if let Some(f) = frag.filter(|f| !f.is_empty() && !in_body) {
                if ids.get(target.as_str()).is_some_and(|set| !set.contains(&f)) {
                    broken.push(format!("{page}: {href} (no id \"{f}\" on {target})"));
                }
            }
        }
    }
    broken
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
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(b[0].contains("media/x.svg"));
        assert!(b[1].contains("no file b/index.html"));
        assert!(b[2].contains("no id \"nergens\""));
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
}
