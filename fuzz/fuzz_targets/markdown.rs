//! A Markdown body through `markdown::render`, the whole body pipeline of a page: pulldown-cmark,
//! the scheme filter on every link and image, heading and footnote ids, syntax highlighting,
//! and the ammonia sanitiser whenever the body holds raw HTML (RELIABILITY A12, B19, C23-C24,
//! D25, D27).
//!
//! Invariants on the HTML that comes out, read by a small tag scanner of its own:
//! every `<` starts an allowed element (no `<script`, `<iframe`, `<svg`, comments, ...);
//! every attribute is on an allow-list and none is an event handler (`on*`); every `href` is
//! relative or http(s), mailto or tel after entity decoding and removal of the characters
//! browsers ignore; every `src` stays on the site; `style` is only table alignment; and a
//! body without raw HTML has unique ids.
#![no_main]

use leernet::markdown::{render, LinkResolver, Resolution};
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

/// Knows one page (`ok.md`) and one media file (`media/ok.svg`); everything else is missing.
struct Resolver;

impl LinkResolver for Resolver {
    fn resolve_page(&self, target: &str, anchor: Option<&str>) -> Resolution {
        if target.ends_with("ok.md") {
            let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
            Resolution::Url(format!("../../themas/ok/index.html{anchor}"))
        } else {
            Resolution::Missing(format!("link to a missing file: {target}"))
        }
    }

    fn resolve_asset(&self, src: &str) -> Resolution {
        if src.ends_with("media/ok.svg") {
            Resolution::Url("../../media/ok.svg".to_string())
        } else {
            Resolution::Missing(format!("no file {src}"))
        }
    }
}

const TAGS: &[&str] = &[
    "p",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "del",
    "s",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "abbr",
    "sub",
    "sup",
    "br",
    "hr",
    "blockquote",
    "code",
    "pre",
    "kbd",
    "mark",
    "small",
    "span",
    "div",
    "details",
    "summary",
    "figure",
    "figcaption",
    "img",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dl",
    "dt",
    "dd",
];

const ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "alt",
    "title",
    "id",
    "class",
    "style",
    "colspan",
    "rowspan",
    "start",
    "data-lang",
    "open",
    "lang",
    "width",
    "height",
];

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                "colon" => Some(':'),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A URL as a browser reads its scheme: entities decoded, tabs, newlines and controls gone.
fn url_as_browser_reads_it(value: &str) -> String {
    decode_entities(value)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .map(|c| if c == '\\' { '/' } else { c.to_ascii_lowercase() })
        .collect()
}

fn scheme(url: &str) -> Option<&str> {
    let (s, _) = url.split_once(':')?;
    let mut b = s.bytes();
    (b.next().is_some_and(|c| c.is_ascii_alphabetic()) && b.all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c)))
        .then_some(s)
}

/// Checks every tag of `html`; returns the ids it carries.
fn check_html(html: &str, body: &str) -> Vec<String> {
    let bytes = html.as_bytes();
    let mut ids = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        assert!(
            TAGS.contains(&name.as_str()),
            "element <{}{name}> in the output of {body:?}:\n{html}",
            if closing { "/" } else { "" }
        );
        // Attributes until `>`, values quoted or bare.
        loop {
            while i < bytes.len() && (bytes[i] as char).is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                None => panic!("unterminated tag <{name} in the output of {body:?}:\n{html}"),
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let a = i;
            while i < bytes.len() && !b" \t\n\r\x0c/>=".contains(&bytes[i]) {
                i += 1;
            }
            let attr = html[a..i].to_ascii_lowercase();
            assert!(!closing, "an end tag with attributes in {html}");
            assert!(!attr.starts_with("on"), "event handler {attr} in the output of {body:?}:\n{html}");
            assert!(
                ATTRIBUTES.contains(&attr.as_str()),
                "attribute {attr} on <{name}> in the output of {body:?}:\n{html}"
            );
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v = i + 1;
                        let end = html[v..]
                            .find(q as char)
                            .map(|e| v + e)
                            .unwrap_or_else(|| panic!("unquoted end in {html}"));
                        value = html[v..end].to_string();
                        i = end + 1;
                    }
                    _ => {
                        let v = i;
                        while i < bytes.len() && !b" \t\n\r\x0c>".contains(&bytes[i]) {
                            i += 1;
                        }
                        value = html[v..i].to_string();
                    }
                }
            }
            match attr.as_str() {
                "href" => {
                    let url = url_as_browser_reads_it(&value);
                    if let Some(s) = scheme(&url) {
                        assert!(["http", "https", "mailto", "tel"].contains(&s), "href {value:?} from {body:?}");
                    }
                }
                "src" => {
                    let url = url_as_browser_reads_it(&value);
                    assert!(scheme(&url).is_none() && !url.starts_with("//"), "src {value:?} from {body:?}");
                }
                "style" => assert!(
                    ["text-align: left", "text-align: center", "text-align: right"].contains(&value.as_str()),
                    "style {value:?} from {body:?}"
                ),
                "id" => ids.push(decode_entities(&value)),
                _ => {}
            }
        }
    }
    ids
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let out = render(body, &Resolver);
    let ids = check_html(&out.html, body);
    for issue in &out.issues {
        assert!(issue.offset <= body.len(), "issue offset {} past the body", issue.offset);
    }
    let headings: HashSet<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(headings.len(), out.headings.len(), "duplicate heading ids from {body:?}");
    if !body.contains('<') {
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids {ids:?} from {body:?}:\n{}", out.html);
    }
    assert!(!out.text.contains('\n') && !out.text.contains("  "), "plain text not collapsed: {:?}", out.text);
});
