//! What the site keeps of a rendered Markdown body: the HTML, the outline and links, and
//! instead of the plain text, its words numbered (`search::words`), its length and the
//! opening for search results. A body is analysed once, when it is rendered; search and
//! matching read the numbers.

use crate::markdown::{BodyIssue, Heading, InternalLink, LinkResolver};
use crate::search::fields::{clip, FRAGMENT_BODY_CHARS};
use crate::search::words::{WordCounts, Words};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Safe HTML of the body.
    pub html: String,
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
    let r = crate::markdown::render(markdown, resolver);
    Body {
        words: words.count(&r.text),
        snippet: clip(&r.text, FRAGMENT_BODY_CHARS),
        html: r.html,
        headings: r.headings,
        word_count: r.word_count,
        internal_links: r.internal_links,
        issues: r.issues,
    }
}
