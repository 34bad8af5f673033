//! What the site keeps of a rendered Markdown body: the HTML, the outline and links, and
//! instead of the plain text, its words numbered (`search::words`), its length and the
//! opening for search results. A body is analysed once, when it is rendered; search and
//! matching read the numbers.

use crate::markdown::{BodyIssue, Heading, InternalLink, LinkResolver};
use crate::search::fields::{clip, FRAGMENT_BODY_CHARS};
use crate::search::words::{WordCounts, Words};
use std::sync::{Mutex, PoisonError};

/// A body's HTML, which a one-shot build frees once the item pages are written, since nothing
/// after them reads it (at 100,000 items it is 450 MB). The dev server never frees it.
#[derive(Debug, Default)]
pub struct PageHtml(Mutex<Option<String>>);

impl PageHtml {
    /// The HTML (empty once released).
    pub fn get(&self) -> String {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clone().unwrap_or_default()
    }

    pub fn release(&self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

#[derive(Debug, Default)]
pub struct Body {
    /// Safe HTML of the body, until its page is written (see `PageHtml::release`).
    pub html: PageHtml,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Number of whitespace-separated words of the plain text (for reading time).
    pub word_count: usize,
    /// The indexed words of the plain text, numbered, with their counts.
    pub words: WordCounts,
    /// The start of the plain text, cut at a word, for search results.
    pub snippet: String,
    /// Every link to another content file, for anchor checks once all pages are known.
    pub internal_links: Vec<InternalLink>,
    /// Problems found, each with the byte offset in the body.
    pub issues: Vec<BodyIssue>,
}

/// Renders `markdown` and analyses its text.
pub fn render(markdown: &str, resolver: &dyn LinkResolver, words: &Words) -> Body {
    let mut r = crate::markdown::render(markdown, resolver);
    // Kept until the page is written: without the slack the HTML grew with.
    r.html.shrink_to_fit();
    Body {
        words: words.count(&r.text),
        snippet: clip(&r.text, FRAGMENT_BODY_CHARS),
        html: PageHtml(Mutex::new(Some(r.html))),
        headings: r.headings,
        word_count: r.word_count,
        internal_links: r.internal_links,
        issues: r.issues,
    }
}
