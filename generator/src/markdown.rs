//! Markdown body rendering: turns a page body into safe HTML, plain text, a heading
//! outline and the list of internal links, and reports body problems (missing link
//! targets, disallowed URL schemes, remote images) with their byte offset in the body.
//!
//! Safety model: pulldown-cmark escapes text and attribute values itself, and every
//! link and image destination passes the scheme filter below, so a body without raw
//! HTML is safe without a sanitiser. Only a body that contains raw HTML is run through
//! ammonia (once, on the whole rendered body), because that is the expensive part and
//! most pages have none.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::slug::slugify;

/// The result of rendering one body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Safe HTML of the body.
    pub html: String,
    /// Plain text of the body (for search and reading time), whitespace collapsed.
    pub text: String,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Number of whitespace-separated words of `text`.
    pub word_count: usize,
    /// Every link to another content file, for anchor checks once all pages are known.
    pub internal_links: Vec<InternalLink>,
    /// Problems found, each with the byte offset in the body.
    pub issues: Vec<BodyIssue>,
}

/// A heading as rendered: level after demotion, the id it carries, its plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The id for a part of the page beside the body (a layout's section, the skip link's
/// target): `base`, or, when a heading of the body has it, the first of `base-1`,
/// `base-2`, ... that none has. The body keeps the ids editors link to (`## Meer weten`
/// is `#meer-weten`); the layout's own part moves aside, so no id is on a page twice.
pub fn id_beside<'a>(headings: &[Heading], base: impl Into<Cow<'a, str>>) -> Cow<'a, str> {
    let base = base.into();
    let taken = |id: &str| headings.iter().any(|h| h.id == id);
    if !taken(&base) {
        return base;
    }
    (1..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).map_or(base, Cow::Owned)
}

/// A link to another content file as written in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Byte offset of the link in the body.
    pub offset: usize,
    /// The path as written, without the `#anchor`.
    pub target: String,
    pub anchor: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueSeverity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyIssue {
    /// Byte offset in the body of the construct the issue is about.
    pub offset: usize,
    pub severity: IssueSeverity,
    pub message: String,
}

/// What the site stage says about a link target written in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The URL to write; for pages it already includes the anchor.
    Url(String),
    /// The target does not exist; the message says why, e.g. `no file "publicaties/x.md"`.
    Missing(String),
}

/// The site stage's view of which files exist and where they end up.
pub trait LinkResolver {
    /// `target` is the path as written, without the `#anchor`: `../publicaties/x.md` or `@/publicaties/x.md`.
    fn resolve_page(&self, target: &str, anchor: Option<&str>) -> Resolution;
    /// A non-remote image or file source as written, e.g. `../media/wijk.svg` or `media/wijk.svg`.
    fn resolve_asset(&self, src: &str) -> Resolution;
    /// A fingerprint of everything the answers depend on, when the resolver knows one: the
    /// same fingerprint gives the same answers (the dev server then reuses a body as it is).
    fn answers_key(&self) -> Option<u64> {
        None
    }
}

const DISALLOWED_SCHEME: &str = "link with disallowed scheme removed";
const NO_THIRD_PARTY: &str = "the site makes no third-party requests";

/// Renders a page body. Never panics; every problem becomes an entry in `issues`.
pub fn render(body: &str, resolver: &dyn LinkResolver) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut renderer = Renderer::new(resolver, body.len());
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        renderer.event(event, range.start);
    }
    renderer.finish()
}

/// A heading whose start tag is held back until its text (and so its id) is known.
struct OpenHeading {
    /// Index in `Renderer::out` of the placeholder that becomes the start tag.
    index: usize,
    level: HeadingLevel,
    explicit_id: Option<String>,
    text: String,
}

/// A fenced or indented code block being collected; it is rendered as one HTML event.
struct OpenCode {
    lang: String,
    content: String,
}

/// The state of one render: a single forward pass over the events, no recursion, so
/// deeply nested input cannot overflow the stack.
struct Renderer<'a, 'r> {
    resolver: &'r dyn LinkResolver,
    out: Vec<Event<'a>>,
    text: String,
    headings: Vec<Heading>,
    internal_links: Vec<InternalLink>,
    issues: Vec<BodyIssue>,
    ids: IdAllocator,
    heading: Option<OpenHeading>,
    code: Option<OpenCode>,
    /// One entry per open link/image: whether its start tag was emitted, so the end
    /// tag of a removed one is dropped too.
    links: Vec<bool>,
    images: Vec<bool>,
    /// Indices in `out` of the raw HTML events of the body, with the first one's offset.
    raw_html: Vec<usize>,
    first_raw_offset: usize,
    /// Nesting estimate for the sanitiser's sake (see `MAX_SANITISE_DEPTH`): open
    /// Markdown containers, open raw HTML elements per tag name, and the maximum of both.
    depth: usize,
    raw_open: HashMap<String, usize>,
    raw_depth: usize,
    max_depth: usize,
    /// Bytes of code this body may still have highlighted (see `HIGHLIGHT_BUDGET`).
    highlight_budget: usize,
    /// Indices in `out` of footnote references and definitions: their ids are given out
    /// after the headings', so a footnote never takes a heading's id (RELIABILITY B19).
    footnotes: Vec<usize>,
    /// Same-page `#anchor` links with their offsets, checked against the body's ids.
    fragments: Vec<(usize, String)>,
}

impl<'a, 'r> Renderer<'a, 'r> {
    /// `len`, the Markdown's length, sizes the event list and the text up front: a body of
    /// a few kilobytes would otherwise grow (and copy) them a dozen times.
    fn new(resolver: &'r dyn LinkResolver, len: usize) -> Self {
        Renderer {
            resolver,
            out: Vec::with_capacity(len / 32 + 8),
            text: String::with_capacity(len),
            headings: Vec::new(),
            internal_links: Vec::new(),
            issues: Vec::new(),
            ids: IdAllocator::default(),
            heading: None,
            code: None,
            links: Vec::new(),
            images: Vec::new(),
            raw_html: Vec::new(),
            first_raw_offset: 0,
            depth: 0,
            raw_open: HashMap::new(),
            raw_depth: 0,
            max_depth: 0,
            highlight_budget: HIGHLIGHT_BUDGET,
            footnotes: Vec::new(),
            fragments: Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'a>, offset: usize) {
        match &event {
            Event::Start(_) => self.deeper(1, 0),
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(code) = &mut self.code {
                    code.content.push_str(&t);
                    return;
                }
                self.push_text(&t);
                self.out.push(Event::Text(t));
            }
            Event::Code(t) => {
                self.push_text(&t);
                self.out.push(Event::Code(t));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if self.raw_html.is_empty() {
                    self.first_raw_offset = offset;
                }
                self.raw_html.push(self.out.len());
                self.scan_raw_html(&h, offset);
                self.out.push(Event::Html(h));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.push_text(" ");
                self.out.push(event);
            }
            Event::FootnoteReference(_) => {
                self.footnotes.push(self.out.len());
                self.out.push(event);
            }
            other => self.out.push(other),
        }
    }

    /// Adds to the plain text of the body and of the open heading, if any.
    fn push_text(&mut self, t: &str) {
        self.text.push_str(t);
        if let Some(h) = &mut self.heading {
            h.text.push_str(t);
        }
    }

    fn start(&mut self, tag: Tag<'a>, offset: usize) {
        match tag {
            Tag::Heading { level, id, .. } => {
                self.heading = Some(OpenHeading {
                    index: self.out.len(),
                    // The page title is the page's only <h1>.
                    level: if level == HeadingLevel::H1 { HeadingLevel::H2 } else { level },
                    explicit_id: id.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
                    text: String::new(),
                });
                self.out.push(Event::Text(CowStr::Borrowed("")));
            }
            Tag::Link { link_type, dest_url, title, id } => self.start_link(link_type, dest_url, title, id, offset),
            Tag::Image { link_type, dest_url, title, id } => self.start_image(link_type, dest_url, title, id, offset),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => fence_language(&info).to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(OpenCode { lang, content: String::new() });
            }
            Tag::FootnoteDefinition(label) => {
                self.footnotes.push(self.out.len());
                self.out.push(Event::Start(Tag::FootnoteDefinition(label)));
            }
            other => self.out.push(Event::Start(other)),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.finish_heading(tag),
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.out.push(Event::End(tag));
                }
            }
            TagEnd::Image => {
                if self.images.pop() == Some(true) {
                    self.out.push(Event::End(tag));
                }
            }
            TagEnd::CodeBlock => self.finish_code(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {
                self.out.push(Event::End(tag))
            }
            _ => {
                // Block boundaries separate words in the plain text.
                self.text.push(' ');
                self.out.push(Event::End(tag));
            }
        }
    }

    fn finish_heading(&mut self, tag: TagEnd) {
        self.text.push(' ');
        let Some(open) = self.heading.take() else {
            self.out.push(Event::End(tag));
            return;
        };
        let text = collapse_whitespace(&open.text);
        let base = match open.explicit_id {
            Some(id) => id,
            None => match slugify(&text) {
                s if s.is_empty() => "kop".to_string(),
                s => s,
            },
        };
        let id = self.ids.allocate(base);
        // Classes and custom attributes from `{...}` are dropped: pulldown-cmark writes
        // attribute names unescaped (`{onclick=x}`), and the fast path has no sanitiser.
        let start = Event::Start(Tag::Heading {
            level: open.level,
            id: Some(CowStr::from(id.clone())),
            classes: Vec::new(),
            attrs: Vec::new(),
        });
        if let Some(slot) = self.out.get_mut(open.index) {
            *slot = start;
        }
        self.out.push(Event::End(TagEnd::Heading(open.level)));
        self.headings.push(Heading { level: open.level as u8, id, text });
    }

    fn finish_code(&mut self) {
        let Some(code) = self.code.take() else {
            return;
        };
        self.text.push(' ');
        self.text.push_str(&code.content);
        self.text.push(' ');
        let highlighted = if code.content.len() <= self.highlight_budget {
            self.highlight_budget -= code.content.len();
            highlight(&code.lang, &code.content)
        } else {
            None
        };
        self.out.push(Event::Html(CowStr::from(code_html(&code.lang, &code.content, highlighted))));
    }

    fn issue(&mut self, offset: usize, severity: IssueSeverity, message: String) {
        self.issues.push(BodyIssue { offset, severity, message });
    }

    fn start_link(&mut self, link_type: LinkType, dest: CowStr<'a>, title: CowStr<'a>, id: CowStr<'a>, offset: usize) {
        // `<a@b.nl>`: pulldown-cmark adds the `mailto:` itself.
        let kind = if link_type == LinkType::Email { Dest::Remote } else { classify(&dest) };
        let url = match kind {
            Dest::Disallowed => {
                self.issue(offset, IssueSeverity::Warning, DISALLOWED_SCHEME.to_string());
                None
            }
            Dest::Page { path, anchor } => {
                self.internal_links.push(InternalLink {
                    offset,
                    target: path.to_string(),
                    anchor: anchor.map(str::to_string),
                });
                self.resolved(self.resolver.resolve_page(path, anchor), offset)
            }
            Dest::Asset => self.resolved(self.resolver.resolve_asset(&dest), offset),
            Dest::Fragment => {
                if let Some(anchor) = dest.trim().strip_prefix('#').filter(|a| !a.is_empty()) {
                    self.fragments.push((offset, anchor.to_string()));
                }
                Some(dest.clone())
            }
            Dest::Remote | Dest::Contact => Some(dest.clone()),
        };
        self.links.push(url.is_some());
        if let Some(dest_url) = url {
            self.out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
        }
    }

    fn start_image(&mut self, link_type: LinkType, dest: CowStr<'a>, title: CowStr<'a>, id: CowStr<'a>, offset: usize) {
        let url = match classify(&dest) {
            // An image never needs mailto/tel; treat them like any other bad scheme.
            Dest::Disallowed | Dest::Contact => {
                self.issue(offset, IssueSeverity::Warning, DISALLOWED_SCHEME.to_string());
                None
            }
            Dest::Remote => {
                let message = format!("remote image \"{dest}\" removed: {NO_THIRD_PARTY}");
                self.issue(offset, IssueSeverity::Warning, message);
                None
            }
            Dest::Page { .. } | Dest::Asset | Dest::Fragment => {
                self.resolved(self.resolver.resolve_asset(&dest), offset)
            }
        };
        // A removed image leaves its alt text: the inner events render as inline text.
        self.images.push(url.is_some());
        if let Some(dest_url) = url {
            self.out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
        }
    }

    /// The URL to write for a resolved target, or `None` (and an Error) for a missing one.
    fn resolved(&mut self, resolution: Resolution, offset: usize) -> Option<CowStr<'a>> {
        match resolution {
            Resolution::Url(u) => Some(CowStr::from(u)),
            Resolution::Missing(message) => {
                self.issue(offset, IssueSeverity::Error, message);
                None
            }
        }
    }

    /// Warns about raw HTML that the sanitiser will remove, so authors learn why an
    /// embed vanished. Advisory only: ammonia does the actual enforcement.
    fn scan_raw_html(&mut self, html: &str, offset: usize) {
        let lower = html.to_ascii_lowercase();
        let mut rest = lower.as_str();
        while let Some(pos) = rest.find('<') {
            rest = &rest[pos + 1..];
            let closing = rest.starts_with('/');
            let tag = rest.split('>').next().unwrap_or_default();
            let tag = tag.strip_prefix('/').unwrap_or(tag);
            let name_len = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let name = &tag[..name_len];
            if closing {
                // Only an end tag of an element we saw open closes anything.
                if let Some(n) = self.raw_open.get_mut(name).filter(|n| **n > 0) {
                    *n -= 1;
                    self.raw_depth = self.raw_depth.saturating_sub(1);
                }
                continue;
            }
            if let Some(message) = removal_warning(name, tag) {
                self.issue(offset, IssueSeverity::Warning, message);
            }
            let at = rest.as_ptr() as usize - lower.as_ptr() as usize;
            if let Some(message) = self.raw_site_reference(name, tag, &html[at..at + tag.len()]) {
                self.issue(offset, IssueSeverity::Error, message);
            }
            if counts_for_depth(name) && !tag.trim_end().ends_with('/') {
                *self.raw_open.entry(name.to_string()).or_insert(0) += 1;
                self.deeper(0, 1);
            }
        }
    }

    /// A raw HTML `<img src>` or `<a href>` naming a file of this site: unlike Markdown's,
    /// its address is neither checked nor rewritten for the page, so it would be a broken
    /// link in the output. An error at its line, saying how to write it (RELIABILITY C21).
    fn raw_site_reference(&self, name: &str, lower_tag: &str, tag: &str) -> Option<String> {
        let (attr, markdown) = match name {
            "img" => ("src", "![alt]"),
            "a" => ("href", "[text]"),
            _ => return None,
        };
        let found = attr_value(lower_tag, attr)?;
        let at = found.as_ptr() as usize - lower_tag.as_ptr() as usize;
        let value = tag.get(at..at + found.len())?.trim();
        // Entities are decoded by the sanitiser before its scheme filter (`jav&#x09;ascript:`
        // is removed there); a file name of this site never needs one.
        if value.contains('&') {
            return None;
        }
        let why = match classify(value) {
            Dest::Page { path, anchor } => self.resolver.resolve_page(path, anchor),
            Dest::Asset => self.resolver.resolve_asset(value),
            _ => return None,
        };
        let what = if name == "img" { "image" } else { "link" };
        Some(match why {
            Resolution::Missing(m) => {
                format!("raw HTML {what} \"{value}\": {m}; write it in Markdown, {markdown}({value})")
            }
            Resolution::Url(_) => format!(
                "raw HTML {what} \"{value}\" is not rewritten for the page; write it in Markdown, {markdown}({value})"
            ),
        })
    }

    /// Opens Markdown containers or raw HTML elements and tracks the deepest nesting.
    fn deeper(&mut self, markdown: usize, raw: usize) {
        self.depth += markdown;
        self.raw_depth += raw;
        self.max_depth = self.max_depth.max(self.depth + self.raw_depth);
    }

    /// Safe HTML from the collected events: the fast path without raw HTML, ammonia
    /// with it, and raw HTML as text when it nests too deeply for the sanitiser.
    fn html(&mut self) -> String {
        let too_deep = !self.raw_html.is_empty() && self.max_depth > MAX_SANITISE_DEPTH;
        if too_deep {
            for &i in &self.raw_html {
                if let Some(slot) = self.out.get_mut(i) {
                    *slot = match std::mem::replace(slot, Event::Text(CowStr::Borrowed(""))) {
                        Event::Html(h) => Event::Text(h),
                        other => other,
                    };
                }
            }
            let message = format!("raw HTML nested more than {MAX_SANITISE_DEPTH} levels deep: shown as text");
            self.issue(self.first_raw_offset, IssueSeverity::Warning, message);
        }
        let mut html = String::with_capacity(self.text.len() * 3 / 2 + 64);
        pulldown_cmark::html::push_html(&mut html, std::mem::take(&mut self.out).into_iter());
        if self.raw_html.is_empty() || too_deep {
            html
        } else {
            sanitize(&html)
        }
    }

    /// Gives every footnote label an id unique on the page, after all heading ids are
    /// taken (`bron`, or `bron-1` when a heading is `bron`), and warns about same-page
    /// `#anchor` links that match neither a heading nor a footnote.
    fn finish_ids(&mut self) {
        let mut ids: HashMap<String, CowStr<'a>> = HashMap::new();
        let mut defined = HashSet::new();
        for &i in &self.footnotes {
            let Some(slot) = self.out.get_mut(i) else { continue };
            let (label, definition) = match slot {
                Event::FootnoteReference(l) => (l, false),
                Event::Start(Tag::FootnoteDefinition(l)) => (l, true),
                _ => continue,
            };
            let key = label.to_string();
            // A label defined twice renders twice; the second copy gets an id of its own.
            let id = if definition && !defined.insert(key.clone()) {
                CowStr::from(self.ids.allocate(key))
            } else {
                ids.entry(key).or_insert_with(|| CowStr::from(self.ids.allocate(label.to_string()))).clone()
            };
            *label = id;
        }
        for (offset, anchor) in std::mem::take(&mut self.fragments) {
            if !self.ids.used.contains(&anchor) {
                self.issue(offset, IssueSeverity::Warning, format!("no heading \"#{anchor}\" on this page"));
            }
        }
    }

    fn finish(mut self) -> Rendered {
        self.finish_ids();
        let html = self.html();
        let (text, word_count) = collapse_counting(&self.text);
        Rendered {
            html,
            text,
            headings: self.headings,
            word_count,
            internal_links: self.internal_links,
            issues: self.issues,
        }
    }
}

/// html5ever's tree building is quadratic in nesting depth (100,000 nested `<div>`s take
/// seconds), so a body with raw HTML nested deeper than this is not sanitised: its raw
/// HTML is shown as escaped text instead. Real pages nest a few dozen levels at most.
const MAX_SANITISE_DEPTH: usize = 1000;

/// Whether a raw HTML tag name can hold the sanitiser's open-element stack deeper:
/// void elements never do, and the optional-end-tag ones close each other implicitly
/// (`<li><li>` are siblings), so counting them would only inflate the estimate.
fn counts_for_depth(name: &str) -> bool {
    const FLAT: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p",
        "li", "dt", "dd", "tr", "td", "th", "option",
    ];
    !name.is_empty() && !FLAT.contains(&name)
}

/// The warning for a raw HTML tag the sanitiser will remove, if it is worth one.
fn removal_warning(name: &str, tag: &str) -> Option<String> {
    let src = attr_value(tag, "src").map(str::trim);
    let remote_src = src.filter(|s| matches!(classify(s), Dest::Remote));
    match (name, remote_src) {
        ("img", Some(src)) => Some(format!("remote image \"{src}\" removed: {NO_THIRD_PARTY}")),
        ("iframe", Some(src)) => Some(format!("remote iframe \"{src}\" removed: {NO_THIRD_PARTY}")),
        (
            "script" | "style" | "iframe" | "object" | "embed" | "form" | "base" | "meta" | "link" | "svg" | "math",
            _,
        ) => Some(format!("raw HTML <{name}> removed")),
        _ => None,
    }
}

/// Hands out heading ids unique within one page: `aanpak`, `aanpak-1`, `aanpak-2`.
#[derive(Default)]
struct IdAllocator {
    used: HashSet<String>,
    /// Next suffix to try per base, so many equal headings stay linear, not quadratic.
    next_suffix: HashMap<String, usize>,
}

impl IdAllocator {
    fn allocate(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// What a link or image destination points at.
#[derive(Debug, PartialEq, Eq)]
enum Dest<'d> {
    /// `#anchor` or empty: this page.
    Fragment,
    /// http, https, or protocol-relative `//host`.
    Remote,
    /// mailto or tel.
    Contact,
    /// Another content file: `@/…` or a relative path ending in `.md`.
    Page { path: &'d str, anchor: Option<&'d str> },
    /// Any other relative path: a media file.
    Asset,
    /// Any other scheme (`javascript:`, `data:`, `file:`, …).
    Disallowed,
}

fn classify(dest: &str) -> Dest<'_> {
    // Browsers ignore tabs/newlines inside URLs and read `\` as `/`; pulldown-cmark and
    // html5ever have already decoded entities, so `jav&#x09;ascript:` arrives here as
    // `jav\tascript:` and normalises to `javascript:`.
    let norm: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .map(|c| if c == '\\' { '/' } else { c.to_ascii_lowercase() })
        .collect();
    if let Some(scheme) = scheme_of(&norm) {
        return match scheme {
            "http" | "https" => Dest::Remote,
            "mailto" | "tel" => Dest::Contact,
            _ => Dest::Disallowed,
        };
    }
    if norm.starts_with("//") {
        return Dest::Remote;
    }
    if norm.is_empty() || norm.starts_with('#') {
        return Dest::Fragment;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a).filter(|a| !a.is_empty())),
        None => (dest, None),
    };
    let path = path.trim();
    if path.starts_with("@/") || path.to_ascii_lowercase().ends_with(".md") {
        Dest::Page { path, anchor }
    } else {
        Dest::Asset
    }
}

/// The scheme of a normalised URL, per the URL standard: an ASCII letter followed by
/// letters, digits, `+`, `-` or `.`, ending at the first `:`.
fn scheme_of(norm: &str) -> Option<&str> {
    let (scheme, _) = norm.split_once(':')?;
    let mut bytes = scheme.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    (first_ok && rest_ok).then_some(scheme)
}

/// The value of attribute `name` in the inside of a (lowercased) start tag, roughly:
/// good enough for warnings, never used for enforcement.
fn attr_value<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut search = 0;
    while let Some(found) = tag.get(search..)?.find(name) {
        let at = search + found;
        search = at + name.len();
        let before_ok = tag[..at].ends_with(|c: char| c.is_ascii_whitespace() || c == '/');
        let after = tag[search..].trim_start();
        let (true, Some(value)) = (before_ok, after.strip_prefix('=')) else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default(),
            _ => value.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or_default(),
        });
    }
    None
}

/// The language named by a fence info string: its first word (`rust,ignore` -> `rust`).
fn fence_language(info: &str) -> &str {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{').next().unwrap_or_default()
}

/// Syntect runs at roughly half a megabyte per second on Rust code, so one body gets at
/// most this many bytes highlighted (about 0.15 s); code past it, or with a line longer
/// than `MAX_HIGHLIGHT_LINE`, is shown unhighlighted rather than slowing the build.
const HIGHLIGHT_BUDGET: usize = 64 * 1024;
const MAX_HIGHLIGHT_LINE: usize = 4 * 1024;

/// The HTML of a code block: highlighted if `highlighted` is given, else plain and escaped.
fn code_html(lang: &str, code: &str, highlighted: Option<String>) -> String {
    match highlighted {
        Some(html) => {
            format!("<pre class=\"code\" data-lang=\"{}\"><code>{html}</code></pre>\n", crate::escape::html(lang))
        }
        None => format!("<pre><code>{}</code></pre>\n", crate::escape::html(code)),
    }
}

/// Class-based highlighting (`hl-` prefixed classes, no inline styles), or `None` when
/// the language is missing or unknown or a line is too long.
fn highlight(lang: &str, code: &str) -> Option<String> {
    // A plausible language token is checked first so that the syntax set is loaded only
    // when a fence names something that could be a language.
    let plausible = !lang.is_empty()
        && lang.len() <= 40
        && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-#._".contains(&b));
    if !plausible {
        return None;
    }
    let set = syntax_set();
    let syntax = set.find_syntax_by_token(lang)?;
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, style);
    // The newline syntaxes expect every line to end in a newline.
    let owned;
    let code = if code.ends_with('\n') || code.is_empty() {
        code
    } else {
        owned = format!("{code}\n");
        &owned
    };
    for line in LinesWithEndings::from(code) {
        if line.len() > MAX_HIGHLIGHT_LINE {
            return None;
        }
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

fn syntax_set() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn collapse_whitespace(s: &str) -> String {
    collapse_counting(s).0
}

/// `s` with every run of whitespace made one space, and the number of words: what
/// `s.split_whitespace()` joined by spaces gives. Bodies are mostly single-spaced, so the
/// text between two runs that are not already one space is copied in one piece. Eight
/// bytes of plain ASCII text whose only whitespace is single spaces are taken at once:
/// their words are counted from bit masks, and there is nothing to copy.
fn collapse_counting(s: &str) -> (String, usize) {
    use crate::swar;
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut words = 0;
    // `s[copied..]` is not yet in `out`; `copied` is always a char boundary.
    let mut copied = 0;
    // Inside a run of whitespace that started at `run`. The text starts as if after one at
    // 0: a run at 0 is the whitespace the text starts with, or none.
    let (mut in_run, mut run) = (true, 0);
    let mut i = 0;
    while i < bytes.len() {
        // A run that goes on into the chunk must be one space, and not the text's first.
        let open_run_is_a_space = !in_run || (run > 0 && run + 1 == i && bytes[run] == b' ');
        if let Some(w) = swar::load(bytes, i).filter(|_| open_run_is_a_space) {
            // In ASCII, whitespace is a space or one of 0x09-0x0d (tab, line feed, vertical
            // tab, form feed, carriage return).
            let spaces = swar::equal(w, b' ');
            let controls = swar::in_range(w, 0x09, 0x0d);
            // Spaces right after whitespace: a run of more than one space, or a mark that is
            // not right (`swar::equal`); such a chunk goes byte by byte.
            let before = (spaces << 8) | if in_run { 0x80 } else { 0 };
            if w & swar::HIGH == 0 && controls == 0 && spaces & before == 0 {
                words += (!spaces & swar::HIGH & before).count_ones() as usize;
                in_run = spaces >> 63 != 0;
                if in_run {
                    run = i + 7;
                }
                i += 8;
                continue;
            }
        }
        // One character at a time.
        match whitespace_at(s, i) {
            0 => {
                if in_run {
                    if run == 0 {
                        // Whitespace the text starts with is dropped.
                        copied = i;
                    } else if !(i == run + 1 && bytes[run] == b' ') {
                        out.push_str(&s[copied..run]);
                        out.push(' ');
                        copied = i;
                    }
                    in_run = false;
                    words += 1;
                }
                i += 1;
            }
            n => {
                if !in_run {
                    (in_run, run) = (true, i);
                }
                i += n;
            }
        }
    }
    if in_run {
        // Whitespace the text ends with is dropped (all of it, when that is all it holds).
        if run > 0 {
            out.push_str(&s[copied..run]);
        }
        copied = bytes.len();
    }
    out.push_str(&s[copied..]);
    (out, words)
}

/// The bytes that can start a whitespace character (`char::is_whitespace`): ASCII
/// whitespace, and the lead bytes of U+0085, U+00A0, U+1680, U+2000-U+205F and U+3000.
const MAY_BE_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    t
};

/// The length of the whitespace character starting at byte `i` of `s`, or 0 (also past
/// the end). `i` need not be a char boundary: a continuation byte is never whitespace.
fn whitespace_at(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        Some(&b) if MAY_BE_SPACE[usize::from(b)] => match b {
            0..0x80 => 1,
            _ => s[i..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
        },
        _ => 0,
    }
}

#[cfg(test)]
thread_local! {
    /// How often this thread ran ammonia: lets tests see that the fast path skips it.
    static SANITIZE_CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn sanitize(html: &str) -> String {
    #[cfg(test)]
    SANITIZE_CALLS.with(|c| c.set(c.get() + 1));
    sanitizer().clean(html).to_string()
}

/// The ammonia configuration, built once. Its assertions (disjoint tag sets etc.) are
/// exercised by the tests, so a bad configuration cannot reach a build.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let tags = [
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
        let attrs: [(&str, &[&str]); 18] = [
            ("a", &["href"]),
            ("img", &["src", "alt", "width", "height"]),
            ("h2", &["id"]),
            ("h3", &["id"]),
            ("h4", &["id"]),
            ("h5", &["id"]),
            ("h6", &["id"]),
            ("th", &["colspan", "rowspan", "style"]),
            ("td", &["colspan", "rowspan", "style"]),
            ("ol", &["start"]),
            ("span", &["class"]),
            ("code", &["class"]),
            ("pre", &["class", "data-lang"]),
            ("div", &["class", "id"]),
            ("sup", &["class"]),
            ("details", &["open"]),
            ("abbr", &["title"]),
            ("li", &["id"]),
        ];
        let clean_content = ["script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"];
        let mut b = ammonia::Builder::default();
        b.tags(tags.into_iter().collect())
            .tag_attributes(attrs.into_iter().map(|(t, a)| (t, a.iter().copied().collect())).collect())
            .generic_attributes(["lang", "title"].into_iter().collect())
            .clean_content_tags(clean_content.into_iter().collect())
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .attribute_filter(filter_attribute);
        b
    })
}

/// Classes this module (or pulldown-cmark) writes besides syntect's `hl-` ones.
const OWN_CLASSES: &[&str] = &["code", "footnote-reference", "footnote-definition", "footnote-definition-label"];

/// Value-level rules ammonia's name-level allow-list cannot express.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<std::borrow::Cow<'u, str>> {
    match (element, attribute) {
        (_, "class") => {
            let kept: Vec<&str> =
                value.split_ascii_whitespace().filter(|c| c.starts_with("hl-") || OWN_CLASSES.contains(c)).collect();
            (!kept.is_empty()).then(|| kept.join(" ").into())
        }
        // Table alignment as pulldown-cmark writes it, nothing else.
        (_, "style") => {
            matches!(value, "text-align: left" | "text-align: center" | "text-align: right").then_some(value.into())
        }
        // Images only from this site: no third-party requests.
        ("img", "src") => matches!(classify(value), Dest::Asset | Dest::Page { .. }).then_some(value.into()),
        (_, "href") => (classify(value) != Dest::Disallowed).then_some(value.into()),
        _ => Some(value.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every whitespace character of Unicode starts with a byte the table marks.
    #[test]
    fn the_table_knows_every_whitespace_lead_byte() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert!(MAY_BE_SPACE[usize::from(s.as_bytes()[0])], "{c:?}");
            assert_eq!(whitespace_at(s, 0), s.len(), "{c:?}");
        }
    }

    proptest! {
        /// The collapsed text and the word count are what `split_whitespace` gives, for text
        /// mixing words, every kind of whitespace, and other multi-byte characters (whose lead
        /// bytes are those of the non-ASCII whitespace, or not).
        #[test]
        fn collapsing_agrees_with_split_whitespace(
            s in proptest::collection::vec(prop_oneof![
                Just("a"), Just("wijk"), Just("é"), Just("—"), Just("\u{3042}"), Just("\u{00A0}"), Just("\u{2003}"),
                Just("\u{3000}"), Just("\u{1680}"), Just("\u{0085}"), Just("\u{00A9}"), Just("\u{200B}"), Just(" "),
                Just("  "), Just("\n"), Just("\t"), Just("\r\n"), Just("\u{000B}"), Just("\u{000C}"),
                Just(" bewonersparticipatie "), Just("de wijk en de buurt"), Just("\u{0008}"), Just("\u{000E}"),
                Just("\u{001F}"), Just("!"), Just("\u{007F}"),
            ], 0..48).prop_map(|parts| parts.concat())
        ) {
            let words: Vec<&str> = s.split_whitespace().collect();
            prop_assert_eq!(collapse_counting(&s), (words.join(" "), words.len()));
        }
    }

    /// Knows one page (`publicaties/x.md`) and two media files.
    struct Fake;

    impl LinkResolver for Fake {
        fn resolve_page(&self, target: &str, anchor: Option<&str>) -> Resolution {
            let path = target.trim_start_matches("@/").trim_start_matches("../");
            if path == "publicaties/x.md" {
                let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                Resolution::Url(format!("/publicaties/x/{anchor}"))
            } else {
                Resolution::Missing(format!("no file \"{path}\""))
            }
        }

        fn resolve_asset(&self, src: &str) -> Resolution {
            let file = src.rsplit('/').next().unwrap_or_default();
            if file == "wijk.svg" || file == "x.pdf" {
                Resolution::Url(format!("/media/{file}"))
            } else {
                Resolution::Missing(format!("no media file \"{src}\""))
            }
        }
    }

    fn r(body: &str) -> Rendered {
        render(body, &Fake)
    }

    fn warnings(out: &Rendered) -> Vec<&str> {
        out.issues.iter().filter(|i| i.severity == IssueSeverity::Warning).map(|i| i.message.as_str()).collect()
    }

    fn sanitize_calls() -> usize {
        SANITIZE_CALLS.with(|c| c.get())
    }

    #[test]
    fn level_one_headings_are_demoted_and_ids_unique() {
        let out = r("# Inleiding\n\n## Aanpak\n\ntekst\n\n## Aanpak\n\n### Diep\n");
        assert!(!out.html.contains("<h1"), "{}", out.html);
        assert!(out.html.contains("<h2 id=\"inleiding\">Inleiding</h2>"), "{}", out.html);
        assert!(out.html.contains("<h2 id=\"aanpak\">Aanpak</h2>"));
        assert!(out.html.contains("<h2 id=\"aanpak-1\">Aanpak</h2>"));
        assert!(out.html.contains("<h3 id=\"diep\">Diep</h3>"));
        let got: Vec<(u8, &str, &str)> =
            out.headings.iter().map(|h| (h.level, h.id.as_str(), h.text.as_str())).collect();
        assert_eq!(
            got,
            [(2, "inleiding", "Inleiding"), (2, "aanpak", "Aanpak"), (2, "aanpak-1", "Aanpak"), (3, "diep", "Diep")]
        );
        // Deterministic: the same body gives the same ids.
        assert_eq!(r("## Aanpak\n## Aanpak\n## Aanpak\n").headings, r("## Aanpak\n## Aanpak\n## Aanpak\n").headings);
        let ids: Vec<String> = r("## Aanpak\n## Aanpak\n## Aanpak\n").headings.into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["aanpak", "aanpak-1", "aanpak-2"]);
    }

    #[test]
    fn parts_beside_the_body_move_aside_for_its_headings() {
        let out = r("## Inhoud\n\n## Meer weten\n\n## Meer weten\n");
        assert_eq!(id_beside(&out.headings, "inhoud"), "inhoud-1");
        // `meer-weten-1` is the second heading's: the layout's part takes the next.
        assert_eq!(id_beside(&out.headings, "meer-weten"), "meer-weten-2");
        assert_eq!(id_beside(&out.headings, "zie-ook"), "zie-ook");
        assert_eq!(id_beside(&[], "inhoud"), "inhoud");
    }

    #[test]
    fn heading_text_is_plain_and_slugified() {
        let out = r("## Coördinatie & *één* `wijk`\n\n## !!!\n\n##  \n");
        assert_eq!(out.headings[0].text, "Coördinatie & één wijk");
        assert_eq!(out.headings[0].id, "coordinatie-en-een-wijk");
        assert_eq!(out.headings[1].id, "kop");
        assert_eq!(out.headings[2].id, "kop-1");
    }

    #[test]
    fn explicit_ids_win_and_heading_attributes_are_dropped() {
        let out = r("## Aanpak {#onze-aanpak}\n\n## Anders {#onze-aanpak}\n\n## X {.rood onclick=alert(1)}\n");
        assert_eq!(out.headings[0].id, "onze-aanpak");
        assert_eq!(out.headings[0].text, "Aanpak");
        assert_eq!(out.headings[1].id, "onze-aanpak-1");
        assert!(out.html.contains("<h2 id=\"onze-aanpak\">Aanpak</h2>"), "{}", out.html);
        assert!(!out.html.contains("onclick"), "{}", out.html);
        assert!(!out.html.contains("rood"), "{}", out.html);
    }

    #[test]
    fn internal_links_are_rewritten_in_both_forms_with_anchor() {
        let out = r("Zie [dit](../publicaties/x.md#aanpak) en [dat](@/publicaties/x.md).");
        assert!(out.issues.is_empty(), "{:?}", out.issues);
        assert!(out.html.contains("<a href=\"/publicaties/x/#aanpak\">dit</a>"), "{}", out.html);
        assert!(out.html.contains("<a href=\"/publicaties/x/\">dat</a>"), "{}", out.html);
        assert_eq!(
            out.internal_links,
            [
                InternalLink { offset: 4, target: "../publicaties/x.md".into(), anchor: Some("aanpak".into()) },
                InternalLink { offset: 41, target: "@/publicaties/x.md".into(), anchor: None },
            ]
        );
    }

    #[test]
    fn missing_page_is_an_error_at_the_link() {
        let body = "# Kop\n\nEerst tekst, dan [weg](@/publicaties/weg.md#a) en meer.\n";
        let out = r(body);
        assert_eq!(out.issues.len(), 1, "{:?}", out.issues);
        let issue = &out.issues[0];
        assert_eq!(issue.severity, IssueSeverity::Error);
        assert_eq!(issue.message, "no file \"publicaties/weg.md\"");
        assert!(body[issue.offset..].starts_with("[weg](@/publicaties/weg.md"));
        // Rendered as text without a link, and still recorded for anchor checks.
        assert!(out.html.contains("dan weg en meer"), "{}", out.html);
        assert!(!out.html.contains("<a"));
        assert_eq!(out.internal_links[0].target, "@/publicaties/weg.md");
        assert_eq!(out.internal_links[0].offset, issue.offset);
    }

    #[test]
    fn reference_links_to_pages_are_resolved_too() {
        let body = "Zie [hier][p].\n\n[p]: ../publicaties/x.md#b\n";
        let out = r(body);
        assert!(out.html.contains("<a href=\"/publicaties/x/#b\">hier</a>"), "{}", out.html);
        assert_eq!(out.internal_links[0].offset, body.find("[hier]").unwrap_or(usize::MAX));
    }

    #[test]
    fn assets_go_through_the_resolver() {
        let body = "[pdf](../media/x.pdf) ![kaart](media/wijk.svg) [oud](media/oud.pdf)";
        let out = r(body);
        assert!(out.html.contains("<a href=\"/media/x.pdf\">pdf</a>"), "{}", out.html);
        assert!(out.html.contains("<img src=\"/media/wijk.svg\" alt=\"kaart\""), "{}", out.html);
        assert_eq!(out.issues.len(), 1, "{:?}", out.issues);
        assert_eq!(out.issues[0].severity, IssueSeverity::Error);
        assert_eq!(out.issues[0].offset, body.find("[oud]").unwrap_or(usize::MAX));
        assert!(out.html.contains(" oud</p>"), "{}", out.html);
        let missing_image = r("Voor ![alt tekst](media/weg.png) na");
        assert_eq!(missing_image.issues[0].severity, IssueSeverity::Error);
        assert_eq!(missing_image.issues[0].offset, 5);
        assert!(missing_image.html.contains("Voor alt tekst na"), "{}", missing_image.html);
        assert!(!missing_image.html.contains("<img"));
    }

    #[test]
    fn every_dangerous_scheme_is_removed() {
        let dests = [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "jav&#9;ascript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;&#x61;vascript:alert(1)",
            "javascript&colon;alert(1)",
            "java&#10;script:alert(1)",
            "java&#13;script:alert(1)",
            "&#1;javascript:alert(1)",
            "<java\tscript:alert(1)>",
            "vbscript:msgbox(1)",
            "VBScript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "DATA:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "jar:http://x!/y",
        ];
        for dest in dests {
            for body in
                [format!("[klik]({dest})"), format!("![plaatje]({dest})"), format!("[klik][r]\n\n[r]: {dest}\n")]
            {
                let out = r(&body);
                let lower = out.html.to_lowercase();
                for bad in ["javascript:", "vbscript:", "data:", "file:", "jar:", "href", "src"] {
                    assert!(!lower.contains(bad), "{body:?} -> {}", out.html);
                }
                assert_eq!(warnings(&out), [DISALLOWED_SCHEME], "{body:?}");
                assert_eq!(out.issues[0].offset, 0, "{body:?}");
            }
        }
        // An autolink's text is its URL; the text may stay, the link may not.
        let out = r("<javascript:alert(1)>");
        assert!(!out.html.contains("<a"), "{}", out.html);
        assert_eq!(warnings(&out), [DISALLOWED_SCHEME]);
    }

    #[test]
    fn allowed_schemes_and_fragments_are_kept() {
        let out = r("## Aanpak\n\n[a](https://x.nl/p) [b](http://x.nl) [c](mailto:a@b.nl) [d](tel:+31201234567) [e](#aanpak) <a@b.nl> <https://x.nl>");
        assert!(out.issues.is_empty(), "{:?}", out.issues);
        for href in ["https://x.nl/p", "http://x.nl", "mailto:a@b.nl", "tel:+31201234567", "#aanpak", "mailto:a@b.nl"] {
            assert!(out.html.contains(&format!("href=\"{href}\"")), "{href}: {}", out.html);
        }
        assert!(out.internal_links.is_empty());
    }

    #[test]
    fn classify_normalises_before_checking_the_scheme() {
        assert_eq!(classify(" Java\u{0}Script:x"), Dest::Disallowed);
        assert_eq!(classify("\u{1}\u{7f}javascript:x"), Dest::Disallowed);
        assert_eq!(classify("HTTPS://x"), Dest::Remote);
        assert_eq!(classify("//cdn.example/x.png"), Dest::Remote);
        assert_eq!(classify("\\\\cdn.example/x.png"), Dest::Remote);
        assert_eq!(classify("/\\cdn.example/x.png"), Dest::Remote);
        assert_eq!(classify(""), Dest::Fragment);
        assert_eq!(classify("x.MD#a"), Dest::Page { path: "x.MD", anchor: Some("a") });
        assert_eq!(classify("media/a:b.pdf"), Dest::Asset);
        assert_eq!(classify("@/a/b.md#"), Dest::Page { path: "@/a/b.md", anchor: None });
    }

    #[test]
    fn raw_html_dangers_are_removed() {
        let cases = [
            ("<script>alert(1)</script>", "alert"),
            ("<img src=\"x.png\" onerror=\"alert(1)\">", "onerror"),
            ("<p onclick=\"alert(1)\">x</p>", "onclick"),
            ("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", "srcdoc"),
            ("<base href=\"https://evil.example/\">", "<base"),
            ("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", "http-equiv"),
            ("<form action=\"https://evil.example\"><input name=a></form>", "<form"),
            ("<object data=\"x.swf\"></object>", "<object"),
            ("<embed src=\"x.swf\">", "<embed"),
            ("<style>body{display:none}</style>", "display"),
            ("<svg><script>alert(1)</script></svg>", "alert"),
            ("<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", "javascript"),
            ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "onerror"),
            ("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "javascript"),
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", "javascript"),
            ("<img src=\"https://tracker.example/p.gif\">", "tracker"),
            ("<img src=\"//tracker.example/p.gif\">", "tracker"),
            ("<h1>Tweede titel</h1>", "<h1"),
            ("<span style=\"color:red\">x</span>", "style"),
            ("<!-- geheim -->", "geheim"),
        ];
        for (html, bad) in cases {
            for body in [html.to_string(), format!("Tekst {html} tekst"), format!("> {html}")] {
                let out = r(&body);
                assert!(!out.html.to_lowercase().contains(bad), "{body:?} -> {}", out.html);
                assert!(!out.html.contains("<script"), "{body:?} -> {}", out.html);
            }
        }
    }

    #[test]
    fn raw_html_keeps_formatting_and_our_own_markup() {
        let body = "<details><summary>Meer</summary>\n\n<abbr title=\"Wet maatschappelijke ondersteuning\">Wmo</abbr> H<sub>2</sub>O <img src=\"../media/wijk.svg\" alt=\"kaart\"> <a href=\"https://x.nl\">x</a>\n\n</details>\n\n## Aanpak\n\nNoot[^1].\n\n[^1]: Uitleg.\n\n```rust\nfn main() {}\n```\n";
        let before = sanitize_calls();
        let out = r(body);
        assert_eq!(sanitize_calls(), before + 1, "raw HTML must be sanitised once");
        for keep in [
            "<details>",
            "<summary>Meer</summary>",
            "<abbr title=\"Wet maatschappelijke ondersteuning\">Wmo</abbr>",
            "<sub>2</sub>",
            "src=\"../media/wijk.svg\"",
            "href=\"https://x.nl\"",
            "<h2 id=\"aanpak\">",
            "class=\"footnote-reference\"",
            "href=\"#1\"",
            "id=\"1\"",
            "class=\"footnote-definition\"",
            "<pre class=\"code\" data-lang=\"rust\">",
            "class=\"hl-source hl-rust\"",
        ] {
            assert!(out.html.contains(keep), "{keep}: {}", out.html);
        }
        assert!(!out.html.contains("rel="), "{}", out.html);
    }

    #[test]
    fn raw_html_warnings_name_what_was_removed() {
        let out = r("<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\nTekst <img src=\"http://x.nl/a.png\"> <script>x</script>");
        let w = warnings(&out);
        assert!(
            w.iter()
                .any(|m| m.starts_with("remote iframe \"https://www.youtube.com/embed/x\"")
                    && m.ends_with(NO_THIRD_PARTY)),
            "{w:?}"
        );
        assert!(w.iter().any(|m| m.starts_with("remote image \"http://x.nl/a.png\"")), "{w:?}");
        assert!(w.contains(&"raw HTML <script> removed"), "{w:?}");
        assert!(!out.html.contains("youtube") && !out.html.contains("x.nl"), "{}", out.html);
    }

    #[test]
    fn attr_value_reads_quoted_and_bare_values() {
        assert_eq!(attr_value("img alt=x src=\"a b\"", "src"), Some("a b"));
        assert_eq!(attr_value("img data-src=x src='y'", "src"), Some("y"));
        assert_eq!(attr_value("img src = z/", "src"), Some("z/"));
        assert_eq!(attr_value("img srcset=x", "src"), None);
    }

    #[test]
    fn link_titles_and_info_strings_cannot_break_out() {
        let out =
            r("[x](https://x.nl \"\\\"><script>alert(1)</script>\")\n\n![y](media/wijk.svg 'a\"onerror=\"alert(1)')\n");
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert!(out.html.contains("title=\"&quot;&gt;&lt;script&gt;"), "{}", out.html);
        assert!(out.html.contains("title=\"a&quot;onerror=&quot;alert(1)\""), "{}", out.html);
        let fence = r("```rust\"><script>alert(1)</script>\nlet x = 1;\n```\n\n```\"><img src=x onerror=alert(1)> rust\n<b>\n```\n");
        assert!(!fence.html.contains("<script") && !fence.html.contains("<img"), "{}", fence.html);
        assert!(fence.html.contains("<pre><code>let x = 1;\n</code></pre>"), "{}", fence.html);
        assert!(fence.html.contains("<pre><code>&lt;b&gt;\n</code></pre>"), "{}", fence.html);
        assert_eq!(crate::escape::html("\"<'&>"), "&quot;&lt;&#39;&amp;&gt;");
    }

    #[test]
    fn remote_images_are_warned_about_and_left_out() {
        let body = "Kijk: ![de wijk](https://cdn.example/wijk.png \"t\") en ![b](//cdn.example/b.png).";
        let out = r(body);
        assert!(!out.html.contains("<img"), "{}", out.html);
        assert!(!out.html.contains("cdn.example"), "{}", out.html);
        assert!(out.html.contains("Kijk: de wijk en b."), "{}", out.html);
        assert_eq!(out.issues.len(), 2);
        assert_eq!(out.issues[0].severity, IssueSeverity::Warning);
        assert_eq!(out.issues[0].offset, body.find("![de wijk]").unwrap_or(usize::MAX));
        assert_eq!(
            out.issues[0].message,
            "remote image \"https://cdn.example/wijk.png\" removed: the site makes no third-party requests"
        );
        // A remote image inside a link: the link stays, the image becomes its alt text.
        let linked = r("[![logo](https://x.nl/l.png)](https://x.nl)");
        assert!(linked.html.contains("<a href=\"https://x.nl\">logo</a>"), "{}", linked.html);
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let out = r("| Wijk | Inwoners |\n|:-----|---------:|\n| Noord | 12 |\n\nTekst[^bron] ~~oud~~.\n\n[^bron]: CBS, 2024.\n");
        for part in [
            "<table>",
            "<thead>",
            "<th style=\"text-align: left\">Wijk</th>",
            "<td style=\"text-align: right\">12</td>",
            "<del>oud</del>",
        ] {
            assert!(out.html.contains(part), "{part}: {}", out.html);
        }
        assert!(out.html.contains("<sup class=\"footnote-reference\"><a href=\"#bron\">1</a></sup>"), "{}", out.html);
        assert!(out.html.contains("<div class=\"footnote-definition\" id=\"bron\">"), "{}", out.html);
        // The same survives the sanitiser when the body also has raw HTML.
        let sanitised = r("| a | b |\n|:-|-:|\n| 1 | 2 |\n\nx[^n] <br>\n\n[^n]: y\n");
        assert!(sanitised.html.contains("<td style=\"text-align: left\">1</td>"), "{}", sanitised.html);
        assert!(sanitised.html.contains("<div class=\"footnote-definition\" id=\"n\">"), "{}", sanitised.html);
    }

    #[test]
    fn code_is_highlighted_with_classes_only() {
        let out = r("```rust\nfn main() { let s = \"<b>\"; }\n```\n");
        assert!(out.html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"), "{}", out.html);
        assert!(out.html.contains("<span class=\"hl-"), "{}", out.html);
        assert!(out.html.contains("&lt;b&gt;"), "{}", out.html);
        assert!(!out.html.contains("style="), "{}", out.html);
        assert!(!out.html.contains("<b>"), "{}", out.html);
        let plain = r("```onbekendetaal\n<x> & y\n```\n\n    ingesprongen <z>\n\n```\nkaal\n```\n");
        assert!(plain.html.contains("<pre><code>&lt;x&gt; &amp; y\n</code></pre>"), "{}", plain.html);
        assert!(plain.html.contains("<pre><code>ingesprongen &lt;z&gt;\n</code></pre>"), "{}", plain.html);
        assert!(plain.html.contains("<pre><code>kaal\n</code></pre>"), "{}", plain.html);
        assert_eq!(fence_language("rust,ignore extra"), "rust");
        // Unterminated fence at end of input still highlights (newline added).
        assert!(r("```python\nx = 1").html.contains("hl-python"));
    }

    #[test]
    fn plain_text_and_word_count() {
        let out = r("# Titel\n\nEen *twee*\ndrie  vier  \nvijf\\\nzes.\n\n- item\n- `code`\n\n```\nfn x()\n```\n| a | b |\n|---|---|\n| c | d |\n");
        assert_eq!(out.text, "Titel Een twee drie vier vijf zes. item code fn x() a b c d");
        assert_eq!(out.word_count, 15);
        let empty = r("");
        assert_eq!((empty.html.as_str(), empty.text.as_str(), empty.word_count), ("", "", 0));
    }

    #[test]
    fn bodies_without_raw_html_skip_the_sanitiser() {
        let before = sanitize_calls();
        let out = r("## Kop\n\nGewone *tekst* met [link](https://x.nl) en `<code>`.\n\n```rust\nfn x() {}\n```\n");
        assert_eq!(sanitize_calls(), before, "no raw HTML, so no ammonia");
        assert!(out.html.contains("<code>&lt;code&gt;</code>"), "{}", out.html);
        r("Met <em>html</em>.");
        assert_eq!(sanitize_calls(), before + 1);
    }

    #[test]
    fn raw_html_nested_too_deeply_is_shown_as_text() {
        let before = sanitize_calls();
        let deep = r(&format!("{}x <b>y</b> <script>z</script>", "> ".repeat(5_000)));
        assert_eq!(sanitize_calls(), before, "too deep for ammonia");
        assert!(deep.html.contains("&lt;b&gt;y&lt;/b&gt;"), "{}", &deep.html[deep.html.len() - 200..]);
        assert!(!deep.html.contains("<script"));
        assert!(warnings(&deep).iter().any(|w| w.starts_with("raw HTML nested more than")));
        let divs = r(&format!("{}{}", "<div>".repeat(1_500), "</div>".repeat(1_500)));
        assert!(!divs.html.contains("<div>"), "escaped, not sanitised");
        // Closing an element that was never opened does not hide real nesting.
        let sneaky = r(&"<div></span>".repeat(1_500));
        assert!(sneaky.html.starts_with("&lt;div&gt;"), "{}", &sneaky.html[..50]);
        // Ordinary nesting, or many siblings, is sanitised as usual.
        let siblings = r(&format!("<ul>{}</ul>", "<li><div>x</div>".repeat(3_000)));
        assert!(siblings.html.starts_with("<ul><li><div>x</div></li>"), "{}", &siblings.html[..50]);
        assert_eq!(sanitize_calls(), before + 1);
    }

    #[test]
    fn pathological_input_completes() {
        let cases = [
            "[".repeat(10_000),
            "*".repeat(10_000),
            "*a".repeat(10_000),
            "_a **b".repeat(5_000),
            format!("{}x", ">".repeat(5_000)),
            format!("{}x\n<b>y</b>", "> ".repeat(5_000)),
            format!("{}x", "- ".repeat(5_000)),
            "a".repeat(1 << 20),
            format!("```rust\n{}\n```\n", "let x = 1; ".repeat(100_000)),
            format!("[x]({})", "(".repeat(10_000)),
            "<".repeat(100_000),
            format!("{}{}", "<div>".repeat(5_000), "</div>".repeat(5_000)),
            "## a\n".repeat(10_000),
        ];
        for body in &cases {
            let out = r(body);
            assert!(out.html.len() + out.text.len() < body.len() * 40 + 1_000_000);
        }
        assert_eq!(r(&"## a\n".repeat(10_000)).headings[9_999].id, "a-9999");
    }
}
