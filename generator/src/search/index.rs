//! The inverted index, from the fields of every published item to shard files.
//!
//! Items get ids in the order (type, offer or publication type, current before past, newest
//! year first, slug), so type, offer type, publication type, status and year are runs of
//! ids: a few hundred bytes in `meta.js` answer those facets for any result set. The terms
//! (scored in `terms`) are sorted; the sorted list is cut into lexicon shards
//! (term, document frequency, postings chunk) and postings chunks (ids with a 5-bit score
//! level each); the words as written go into word lists for typo tolerance. Theme,
//! audience, focus area and organisation have a file each, loaded when a reader opens or
//! uses that facet; each result's title, link, date and snippet text is a fragment, four
//! items to a file, and the common terms' first pages are in champion files (`champions`).
//! Everything is sorted: two builds give identical bytes.

use super::champions;
use super::corpus::Corpus;
use super::encode::{self, id_list, numbers};
use super::fields::{ListFacet, SearchDoc};
use super::terms::{self, Inverted};
use crate::model::Kind;
use crate::output::{OutputFile, Sink};
use crate::site::Site;
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where the index lives, relative to the site root; the search page is `zoeken/`.
pub const DIR: &str = "zoeken/index/";
/// A postings chunk is closed once its encoded postings pass this many characters.
pub const CHUNK_CHARS: usize = 2500;
/// A lexicon shard is closed once its terms pass this many characters.
pub const LEXICON_CHARS: usize = 1500;
/// A lexicon whose terms take at most this many characters is one shard, inside `meta.js`:
/// no query then waits for a lexicon shard before its postings (about 11 KB gzipped for the
/// real content's 27,000 characters, against 0.8 KB per shard).
pub const LEXICON_INLINE_CHARS: usize = 40_000;
/// Items per fragment file `d/<id / 4>.js`.
pub const FRAGMENTS_PER_FILE: usize = 4;

/// A lexicon shard: first chunk, terms (space-separated), document frequencies, chunk steps.
type LexiconShard = (u32, String, String, String);

/// Number of index files and bytes, for reports and tests.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub docs: usize,
    pub terms: usize,
    pub lexicon_shards: usize,
    pub chunks: usize,
}

/// Every index file, handed to `sink`; returns what they hold.
pub fn build(site: &Site, mut corpus: Corpus, sink: &dyn Sink) -> Result<Stats> {
    // The result fragments first, as JSON: written four items to a file now (a quarter of
    // the files to create), and again in the champion files once the postings say which
    // items those hold.
    let fragments: Vec<String> = corpus
        .docs
        .par_iter_mut()
        .map(|d| {
            let fr = std::mem::take(&mut d.fragment);
            encode::json(&(&fr.title, &fr.href, &fr.date_iso, &fr.badge, &fr.summary, &fr.body))
        })
        .collect::<Result<_>>()?;
    fragments.par_chunks(FRAGMENTS_PER_FILE).enumerate().try_for_each(|(k, items)| {
        let json = format!("[{}]", items.join(","));
        sink.put(OutputFile { path: format!("{DIR}d/{k}.js"), bytes: encode::wrap(&format!("d{k}"), &json) })
    })?;
    let corpus = corpus;
    let docs = &corpus.docs;
    let inverted = terms::invert(&corpus, site);
    let past: Vec<bool> = docs.iter().map(|d| d.past).collect();
    // Champion and fragment files together: at most one per item.
    let champion_df = champions::min_df(&inverted.postings, docs.len() - docs.len().div_ceil(FRAGMENTS_PER_FILE));
    champions::write(&inverted.postings, champion_df, &past, &fragments, sink)?;
    drop(fragments);
    let mut files = Vec::new();
    let Shards { lexicon, chunks, inline: inline_lexicon } = shards(&inverted, &mut files)?;
    let surface = word_lists(&inverted.vocabulary, &mut files)?;
    let stats = Stats { docs: docs.len(), terms: inverted.terms.len(), lexicon_shards: lexicon.len(), chunks };
    let mut meta = meta(site, docs, &lexicon, &surface, chunks, champion_df);
    meta.lexicon_shard = inline_lexicon;
    files.push(file("meta.js", "meta", &meta)?);
    for f in ListFacet::ALL {
        files.push(file(&format!("f-{}.js", f.param()), &format!("f-{}", f.param()), &facet_values(docs, f))?);
    }
    files.into_par_iter().try_for_each(|f| sink.put(f))?;
    Ok(stats)
}

fn file(name: &str, shard: &str, data: &impl Serialize) -> Result<OutputFile> {
    Ok(OutputFile { path: format!("{DIR}{name}"), bytes: encode::shard(shard, data)? })
}

/// Where the lexicon shards and postings chunks start.
struct Shards {
    /// First term and first term number of each lexicon shard.
    lexicon: Vec<(String, usize)>,
    chunks: usize,
    /// The lexicon itself when it is small enough to be part of `meta.js` (then no `l<n>.js`
    /// is written).
    inline: Option<LexiconShard>,
}

/// Lexicon shards and postings chunks.
fn shards(inverted: &Inverted, files: &mut Vec<OutputFile>) -> Result<Shards> {
    // Postings chunks: consecutive terms until the chunk is big enough.
    let mut chunk_of: Vec<u32> = Vec::with_capacity(inverted.terms.len());
    let mut chunk: Vec<String> = Vec::new();
    let mut chunk_first = 0usize;
    let mut chunk_chars = 0usize;
    let mut chunks = 0usize;
    let encoded: Vec<String> =
        (0..inverted.postings.terms()).into_par_iter().map(|n| id_list(inverted.postings.of(n), true)).collect();
    for (n, encoded) in encoded.into_iter().enumerate() {
        if !chunk.is_empty() && chunk_chars + encoded.len() > CHUNK_CHARS {
            files.push(file(&format!("p{chunks}.js"), &format!("p{chunks}"), &(chunk_first, &chunk))?);
            chunks += 1;
            chunk.clear();
            chunk_chars = 0;
            chunk_first = n;
        }
        chunk_chars += encoded.len();
        chunk.push(encoded);
        chunk_of.push(chunks as u32);
    }
    if !chunk.is_empty() {
        files.push(file(&format!("p{chunks}.js"), &format!("p{chunks}"), &(chunk_first, &chunk))?);
        chunks += 1;
    }
    // Lexicon shards: terms, document frequencies, chunk numbers.
    let terms: Vec<(&String, usize)> =
        inverted.terms.iter().enumerate().map(|(n, t)| (t, inverted.postings.len_of(n))).collect();
    let total: usize = terms.iter().map(|(t, _)| t.len() + 1).sum();
    let inline = total <= LEXICON_INLINE_CHARS;
    let limit = if inline { usize::MAX } else { LEXICON_CHARS };
    let mut lexicon = Vec::new();
    let mut inlined = None;
    let mut start = 0;
    while start < terms.len() {
        let mut end = start;
        let mut chars = 0;
        while end < terms.len() && (end == start || chars + terms[end].0.len() < limit) {
            chars += terms[end].0.len() + 1;
            end += 1;
        }
        let k = lexicon.len();
        let words: Vec<&str> = terms[start..end].iter().map(|(t, _)| t.as_str()).collect();
        let dfs = numbers(terms[start..end].iter().map(|(_, df)| *df as u64));
        let first_chunk = chunk_of[start];
        let chunk_steps = numbers(
            (start..end).map(|i| u64::from(chunk_of[i] - if i == start { first_chunk } else { chunk_of[i - 1] })),
        );
        let shard: LexiconShard = (first_chunk, words.join(" "), dfs, chunk_steps);
        if inline {
            inlined = Some(shard);
        } else {
            files.push(file(&format!("l{k}.js"), &format!("l{k}"), &shard)?);
        }
        lexicon.push((terms[start].0.clone(), start));
        start = end;
    }
    Ok(Shards { lexicon, chunks, inline: inlined })
}

/// The indexed words as written (folded), for typo tolerance: a typo is made in a word, not
/// in its stem (`gezondhied` is one edit from `gezondheid`, four from its stem `gezond`).
/// The browser stems the words it finds close enough. Cut like the lexicon; returns each
/// list's first word.
fn word_lists(words: &[String], files: &mut Vec<OutputFile>) -> Result<Vec<String>> {
    let mut firsts = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let mut end = start;
        let mut chars = 0;
        while end < words.len() && (end == start || chars + words[end].len() < LEXICON_CHARS) {
            chars += words[end].len() + 1;
            end += 1;
        }
        let k = firsts.len();
        files.push(file(&format!("w{k}.js"), &format!("w{k}"), &words[start..end].join(" "))?);
        firsts.push(words[start].clone());
        start = end;
    }
    Ok(firsts)
}

#[derive(Serialize)]
struct Meta {
    /// Number of items.
    n: usize,
    /// Per type, in the order of the model: name, folder (the URL value), label, plural.
    kinds: Vec<(&'static str, &'static str, &'static str, &'static str)>,
    /// Offer and publication types: code, label, type; 0 is "none".
    subtypes: Vec<(String, String, usize)>,
    /// Runs of ids: count, type, subtype, past (0/1), year (0 for none).
    groups: Vec<(usize, usize, usize, u8, i16)>,
    /// The facets with a file of their own: URL parameter, label.
    facets: Vec<(&'static str, &'static str)>,
    /// First term and first term number of each lexicon shard.
    lexicon: Vec<(String, usize)>,
    /// The lexicon itself, as shard 0, when it is small (`LEXICON_INLINE_CHARS`).
    lexicon_shard: Option<LexiconShard>,
    /// First word of each word list.
    words: Vec<String>,
    chunks: usize,
    /// Terms of at least this many items have a champion file of this many items.
    champions: (usize, usize),
    /// Items per fragment file.
    fragments: usize,
}

fn meta(
    site: &Site,
    docs: &[SearchDoc],
    lexicon: &[(String, usize)],
    words: &[String],
    chunks: usize,
    champion_df: usize,
) -> Meta {
    let mut subtypes: Vec<(String, String, usize)> = vec![(String::new(), String::new(), 0)];
    let mut groups: Vec<(usize, usize, usize, u8, i16)> = Vec::new();
    for d in docs {
        let kind = Kind::ALL.iter().position(|&k| k == d.kind).unwrap_or(0);
        let sub = if d.subtype.is_empty() {
            0
        } else {
            match subtypes.iter().position(|(c, _, k)| *c == d.subtype && *k == kind) {
                Some(p) => p,
                None => {
                    let vocab = if d.kind == Kind::Offer { "offer_type" } else { "publication_type" };
                    subtypes.push((d.subtype.clone(), site.vocab.label(vocab, &d.subtype).to_string(), kind));
                    subtypes.len() - 1
                }
            }
        };
        let key = (kind, sub, u8::from(d.past), d.year.unwrap_or(0));
        match groups.last_mut() {
            Some(g) if (g.1, g.2, g.3, g.4) == key => g.0 += 1,
            _ => groups.push((1, key.0, key.1, key.2, key.3)),
        }
    }
    Meta {
        n: docs.len(),
        kinds: Kind::ALL.iter().map(|k| (k.name(), k.folder(), k.label(), k.plural())).collect(),
        subtypes,
        groups,
        facets: ListFacet::ALL.iter().map(|f| (f.param(), f.label())).collect(),
        lexicon: lexicon.to_vec(),
        lexicon_shard: None,
        words: words.to_vec(),
        chunks,
        champions: (champion_df, champions::DEPTH),
        fragments: FRAGMENTS_PER_FILE,
    }
}

/// One facet's values, sorted by label: code, label, ids.
fn facet_values(docs: &[SearchDoc], facet: ListFacet) -> Vec<(String, String, String)> {
    // code -> (label, ids)
    let mut values: BTreeMap<&str, (&str, Vec<u32>)> = BTreeMap::new();
    for (id, d) in docs.iter().enumerate() {
        for (f, code, label) in &d.facets {
            if *f == facet {
                values.entry(code.as_str()).or_insert((label.as_str(), Vec::new())).1.push(id as u32);
            }
        }
    }
    let mut out: Vec<(String, String, String)> = values
        .into_iter()
        .map(|(code, (label, ids))| {
            (code.to_string(), label.to_string(), id_list(ids.into_iter().map(|i| (i, 0)), false))
        })
        .collect();
    out.sort_by(|a, b| (a.1.to_lowercase(), &a.0).cmp(&(b.1.to_lowercase(), &b.0)));
    out
}
