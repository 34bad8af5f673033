//! The site: every document with its URL, visibility, references resolved in both
//! directions and its rendered body. Everything here is computed from values; rules that
//! span files (collisions, references, links to unpublished pages) are checked here.

mod aggregates;
pub mod body;
mod lifecycle;
mod links;
pub mod references;
pub mod subset;

pub use aggregates::Aggregates;
pub use lifecycle::{session_status_code, Hidden, OfferPhase};
pub use links::{depth, relative_url, url_of};

use crate::diagnostics::Diagnostic;
use crate::document::{self, Document, FieldNames, FileContext};
use crate::load::{ContentTree, MediaFile};
use crate::model::{Kind, SiteConfig, Vocab};
use crate::search::words::Words;
use body::Body;
use jiff::civil::Date;
use rayon::prelude::*;
use std::sync::Arc;

/// How to build: the explicit "now", whether drafts are wanted (preview), a base URL
/// overriding site.yaml's, and the criteria of a subset build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub now: Date,
    pub drafts: bool,
    pub base_url: Option<String>,
    pub only: Vec<subset::Criterion>,
}

/// A reference from one item to another, for backlinks (one per referring item, whatever
/// the fields it refers in).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backlink {
    pub from: usize,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub vocab: Vocab,
    pub options: Options,
    /// Sorted by kind, then slug. Shared, so the dev server reuses unchanged ones.
    pub docs: Vec<Arc<Document>>,
    /// Per kind (`Kind::ALL` order), where its documents are in `docs`.
    pub kinds: Vec<std::ops::Range<usize>>,
    /// The first document of each (kind, slug), by `slug_key`: references are looked up
    /// hundreds of thousands of times on a large site.
    by_slug: crate::FastMap<u64, usize>,
    /// Why a document is left out of every output, if it is.
    pub hidden: Vec<Option<Hidden>>,
    /// Per target document, the visible documents that reference it.
    pub backlinks: Vec<Vec<Backlink>>,
    /// Forward references of each document: (field, target).
    pub references: Vec<Arc<[(String, usize)]>>,
    /// Rendered bodies of visible documents (shared, so the dev server reuses unchanged ones).
    pub bodies: Vec<Option<Arc<Body>>>,
    /// The numbers of the words in the bodies (and, once search reads them, other texts).
    pub words: Arc<Words>,
    /// A fingerprint of what body links resolve against (`links::render_bodies`).
    pub links_key: u64,
    pub media: Vec<MediaFile>,
    /// Published items outside a subset build: not rendered, linked on the canonical site.
    pub external: Vec<bool>,
    /// Question-to-supply matching, computed once on first use by `agenda::matching`.
    pub matches: std::sync::OnceLock<crate::agenda::matching::Matches>,
    /// The vectors matching ranks with, kept once a single page asked (the dev server).
    pub matching: std::sync::OnceLock<crate::agenda::matching::Prepared>,
    /// The dev server's term counts from its last rebuild (`None` in a build).
    pub count_cache: Option<Arc<crate::agenda::matching::CountCache>>,
    /// The Atom feeds and the folders that have one, made once on first use (`feeds`).
    pub feed_plan: std::sync::OnceLock<crate::feeds::Plan>,
    /// What every item's card shows on any page, made once for all pages (`render`).
    pub card_texts: std::sync::OnceLock<Vec<crate::render::CardText>>,
    /// The menu and footer links per page depth, as template values (`render::Menus`).
    pub menus: std::sync::OnceLock<crate::render::Menus>,
    /// Themes, the theme tree, reading orders and per-theme roll-ups, computed once
    /// visibility is final.
    pub agg: Aggregates,
}

impl Site {
    /// The id the item layout gives its own part `base` (`meer-weten`, `bijeenkomst-2`) on
    /// item `i`'s page: moved aside when a heading of the body has it (`markdown::id_beside`).
    pub fn layout_id<'a>(&self, i: usize, base: impl Into<std::borrow::Cow<'a, str>>) -> std::borrow::Cow<'a, str> {
        match self.bodies.get(i).and_then(|b| b.as_deref()) {
            Some(b) => crate::markdown::id_beside(&b.headings, base),
            None => base.into(),
        }
    }

    /// The anchor of session `number` on circle `i`'s page: `bijeenkomst-N` (see `layout_id`).
    pub fn session_anchor(&self, i: usize, number: u32) -> String {
        self.layout_id(i, format!("bijeenkomst-{number}")).into_owned()
    }

    /// Published and part of this build: has a page, is in lists, search and feeds.
    pub fn is_visible(&self, i: usize) -> bool {
        self.hidden[i].is_none() && !self.is_external(i)
    }

    /// Published, but outside this subset build: links go to the canonical site.
    pub fn is_external(&self, i: usize) -> bool {
        self.external.get(i).copied().unwrap_or(false)
    }

    /// Question-to-supply matches, computed on first use.
    pub fn matches(&self) -> &crate::agenda::matching::Matches {
        use crate::agenda::matching::{compute, prepare};
        // A build drops the vectors once every question is ranked.
        self.matches.get_or_init(|| match self.matching.get() {
            Some(p) => compute(self, p),
            None => compute(self, &prepare(self)),
        })
    }

    /// Question `q`'s ranked suggestions: from `matches` once computed, else `q` ranked
    /// alone (one page of the dev server).
    pub fn suggestions_for(&self, q: usize) -> Vec<crate::agenda::matching::Suggestion> {
        match self.matches.get() {
            Some(m) => m.for_question.get(&q).cloned().unwrap_or_default(),
            None if self.docs[q].kind == Kind::LearningQuestion && self.is_visible(q) => {
                self.matching.get_or_init(|| crate::agenda::matching::prepare(self)).rank_one(self, q)
            }
            None => Vec::new(),
        }
    }

    /// The questions that have item `c` among their best suggestions ("Sluit aan op"):
    /// from `matches` once computed, else only for `c`.
    pub fn questions_for(&self, c: usize) -> Vec<usize> {
        match self.matches.get() {
            Some(m) => m.for_supply.get(&c).cloned().unwrap_or_default(),
            None if crate::agenda::matching::is_candidate(self, c) && self.is_visible(c) => {
                self.matching.get_or_init(|| crate::agenda::matching::prepare(self)).questions_for(self, c)
            }
            None => Vec::new(),
        }
    }

    /// Where item `j` is published, as seen from the page in folder `from`: a relative
    /// link, or the canonical site's address for an item outside a subset build.
    pub fn href(&self, from: &str, j: usize) -> String {
        let doc = &self.docs[j];
        if let (Some(base), true) = (&self.config.base_url, self.is_external(j)) {
            return format!("{base}{}", url_of(doc));
        }
        // `relative_url(from, url_of(doc))`, written into one string: cards call this for
        // every item they show.
        let depth = depth(from);
        let folder = if doc.kind == Kind::Page { "" } else { doc.kind.folder() };
        let mut s = String::with_capacity(3 * depth + folder.len() + doc.slug.len() + 12);
        for _ in 0..depth {
            s.push_str("../");
        }
        if !folder.is_empty() {
            s.push_str(folder);
            s.push('/');
        }
        s.push_str(&doc.slug);
        s.push_str("/index.html");
        s
    }

    /// The document of `kind` with `slug` (the first, if two collide).
    pub fn lookup(&self, kind: Kind, slug: &str) -> Option<usize> {
        if let Some(&i) = self.by_slug.get(&slug_key(kind, slug)) {
            if self.docs[i].kind == kind && self.docs[i].slug == slug {
                return Some(i);
            }
        }
        // Not there, or a different (kind, slug) with the same key: search the sorted list.
        let range = self.kinds.get(kind.index())?.clone();
        let of_kind = &self.docs[range.clone()];
        let at = of_kind.partition_point(|d| d.slug.as_str() < slug);
        (of_kind.get(at)?.slug == slug).then_some(range.start + at)
    }

    /// The document published in root-relative folder `url` (`leeraanbod/x/`, or `x/` for
    /// a page): the one `j` with `url_of(docs[j]) == url`, found without building every URL.
    pub fn at_url(&self, url: &str) -> Option<usize> {
        let path = url.strip_suffix('/')?;
        let (kind, slug) = match path.split_once('/') {
            Some((folder, slug)) => (Kind::from_folder(folder)?, slug),
            None => (Kind::Page, path),
        };
        self.lookup(kind, slug).filter(|&j| links::url_of(&self.docs[j]) == url)
    }

    /// Feeds `h` with what a document's links and references can resolve to: every
    /// document's kind, slug and whether (and why) it is held back or outside the subset,
    /// in order, and the media files. The dev server's caches are keyed by it.
    pub fn hash_addresses(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        for (i, d) in self.docs.iter().enumerate() {
            (d.kind.index(), &d.slug, self.is_external(i)).hash(h);
            match &self.hidden[i] {
                None => 0u8.hash(h),
                Some(why) => why.describe().hash(h),
            }
        }
        for m in &self.media {
            m.rel.hash(h);
        }
    }

    /// Visible documents of one kind, in slug order.
    pub fn visible_of(&self, kind: Kind) -> impl Iterator<Item = usize> + '_ {
        self.kinds.get(kind.index()).cloned().unwrap_or_default().filter(move |&i| self.is_visible(i))
    }
}

/// The key of (kind, slug) in `Site::by_slug`.
fn slug_key(kind: Kind, slug: &str) -> u64 {
    crate::fast_hash(slug) ^ (kind.index() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The outcome of checking content: the site (when there are no errors) and every
/// diagnostic, sorted.
pub struct Checked {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
    /// Notes for the editor, printed once (not warnings).
    pub notes: Vec<String>,
}

/// The two per-file steps of `build`: reading one document and rendering one body. A build
/// does both anew (`Fresh`); the dev server passes a cache that reuses the results of
/// unchanged files (`serve::incremental`), proven equal to `Fresh` by its tests.
pub trait PerFile: Sync {
    fn read(&self, file: &Arc<crate::load::SourceFile>, ctx: &FileContext) -> (Option<Arc<Document>>, Vec<Diagnostic>);
    /// Renders `markdown`, the body of `doc`.
    fn render_body(&self, doc: &Document, markdown: &str, resolver: &dyn crate::markdown::LinkResolver) -> Arc<Body>;
    /// The word numbers the bodies are analysed with.
    fn words(&self) -> Arc<Words>;
    /// The references of `doc`, as `resolve` finds them with everything else it reads
    /// fingerprinted by `key` (the dev server keeps them while both are the same).
    fn references(
        &self,
        _doc: &Arc<Document>,
        _key: u64,
        resolve: &dyn Fn() -> references::Resolved,
    ) -> references::Resolved {
        resolve()
    }
    /// Where matching keeps its term counts between builds (the dev server).
    fn count_cache(&self) -> Option<Arc<crate::agenda::matching::CountCache>> {
        None
    }
}

/// Every file read and every body rendered anew.
#[derive(Default)]
pub struct Fresh {
    words: Arc<Words>,
}

impl PerFile for Fresh {
    fn read(&self, file: &Arc<crate::load::SourceFile>, ctx: &FileContext) -> (Option<Arc<Document>>, Vec<Diagnostic>) {
        let (doc, diags) = document::read(file, ctx);
        (doc.map(Arc::new), diags)
    }
    fn render_body(&self, _doc: &Document, markdown: &str, resolver: &dyn crate::markdown::LinkResolver) -> Arc<Body> {
        Arc::new(body::render(markdown, resolver, &self.words))
    }
    fn words(&self) -> Arc<Words> {
        self.words.clone()
    }
}

/// Builds the site from what `load` read. Never fails on content: content mistakes are
/// diagnostics; `site` is `None` when any of them is an error.
pub fn build(tree: ContentTree, options: Options) -> Checked {
    build_with(tree, options, &Fresh::default())
}

/// The site of `tree` built on date `now` (`YYYY-MM-DD`), for unit tests: panics naming its
/// errors when it has any.
#[cfg(test)]
pub fn fixture(tree: ContentTree, now: &str) -> Site {
    let checked = build(tree, Options { now: now.parse().unwrap(), ..Default::default() });
    let errors: Vec<String> = checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.headline()).collect();
    checked.site.unwrap_or_else(|| panic!("fixture site has errors: {errors:#?}"))
}

/// `build`, with the per-file steps done by `per_file`.
pub fn build_with(tree: ContentTree, options: Options, per_file: &dyn PerFile) -> Checked {
    let mut diags = tree.diagnostics;
    let (config, vocab) = settings(&tree.site_yaml, &tree.vocab_yaml, &mut diags);
    let fields = FieldNames::new();
    let ctx = FileContext { vocab: &vocab, fields: &fields, now: options.now, commit_dates: &tree.commit_dates };
    // Each file is handed over: a document keeps its text only while the site is checked.
    let results: Vec<_> = tree
        .files
        .into_par_iter()
        .map(|f| {
            let (doc, ds) = per_file.read(&f, &ctx);
            let name = doc.is_none().then(|| Kind::from_folder(&f.folder).map(|k| (k, f.stem.clone()))).flatten();
            (doc, ds, name)
        })
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    // Files that exist but could not be read: references to them are not reported as
    // unknown, since fixing the file fixes them.
    let mut unreadable = std::collections::HashSet::new();
    for (doc, ds, name) in results {
        diags.extend(ds);
        docs.extend(doc);
        unreadable.extend(name);
    }
    docs.sort_by(|a, b| (a.kind, &a.slug, &a.file.rel).cmp(&(b.kind, &b.slug, &b.file.rel)));
    links::check_collisions(&docs, &mut diags);
    let kinds = Kind::ALL
        .iter()
        .map(|&k| {
            let start = docs.partition_point(|d| d.kind < k);
            start..start + docs[start..].partition_point(|d| d.kind == k)
        })
        .collect();
    let mut by_slug = crate::FastMap::default();
    by_slug.reserve(docs.len());
    for (i, d) in docs.iter().enumerate() {
        by_slug.entry(slug_key(d.kind, &d.slug)).or_insert(i);
    }
    let hidden: Vec<Option<Hidden>> = docs.par_iter().map(|d| lifecycle::hidden(d, &options)).collect();
    let mut site = Site {
        config: config.unwrap_or_else(|| SiteConfig {
            title: "leernet".into(),
            description: None,
            base_url: None,
            language: None,
            contact_email: None,
            banner: None,
            forms: Default::default(),
        }),
        vocab,
        options,
        backlinks: vec![Vec::new(); docs.len()],
        references: vec![Arc::from([]); docs.len()],
        bodies: vec![None; docs.len()],
        words: per_file.words(),
        links_key: 0,
        docs,
        kinds,
        by_slug,
        hidden,
        media: tree.media,
        external: Vec::new(),
        matches: Default::default(),
        matching: Default::default(),
        count_cache: per_file.count_cache(),
        feed_plan: Default::default(),
        card_texts: Default::default(),
        menus: Default::default(),
        agg: Aggregates::default(),
    };
    references::resolve(&mut site, &unreadable, &mut diags, per_file);
    // Every diagnostic that points into the front matter is made: where each value sat is
    // not needed again (a document shared with the dev server's cache keeps it).
    for d in &mut site.docs {
        if let Some(own) = Arc::get_mut(d) {
            own.forget_locations();
        }
    }
    if let Some(url) = site.options.base_url.clone() {
        site.config.base_url = Some(url);
    }
    site.agg = Aggregates::new(&site);
    if !site.options.only.is_empty() {
        let only = site.options.only.clone();
        if let Err(msg) = subset::apply(&mut site, &only) {
            diags.push(Diagnostic::error("--only", msg));
        }
        site.agg = Aggregates::new(&site);
    }
    links::render_bodies(&mut site, &mut diags, per_file);
    crate::diagnostics::sort(&mut diags);
    let ok = !diags.iter().any(Diagnostic::is_error);
    Checked { site: ok.then_some(site), diagnostics: diags, notes: tree.notes }
}

fn settings(
    site: &Option<crate::load::SourceFile>,
    vocab: &Option<crate::load::SourceFile>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<SiteConfig>, Vocab) {
    let config = match site {
        None => {
            diags.push(
                Diagnostic::error("content/site.yaml", "site.yaml is missing")
                    .help("create it with at least `title: ...`"),
            );
            None
        }
        Some(f) => match crate::yaml::parse_file::<SiteConfig>(&f.text) {
            Ok((c, locs)) => {
                if let Some(url) = &c.base_url {
                    if !(url.starts_with("https://") || url.starts_with("http://")) || !url.ends_with('/') {
                        let (l, col) = locs.of("base_url");
                        diags.push(
                            Diagnostic::error(
                                &f.display,
                                format!("base_url \"{url}\" must be an http(s) address ending in /"),
                            )
                            .at(&f.text, l, col)
                            .field("base_url"),
                        );
                    }
                }
                Some(c)
            }
            Err(errs) => {
                diags.extend(errs.into_iter().map(|e| yaml_diag(f, e)));
                None
            }
        },
    };
    let vocab = match vocab {
        None => {
            diags.push(
                Diagnostic::error("content/vocab.yaml", "vocab.yaml is missing")
                    .help("create it with the audience, offer_type, publication_type and org_type lists"),
            );
            Vocab::default()
        }
        Some(f) => match crate::yaml::parse_file::<Vocab>(&f.text) {
            Ok((v, locs)) => {
                for (name, map) in v.all() {
                    for code in map.keys() {
                        if !crate::slug::is_valid(code) {
                            let (l, col) = locs.of(&format!("{name}.{code}"));
                            diags.push(
                                Diagnostic::error(&f.display, format!("code \"{code}\" breaks the slug rule"))
                                    .at(&f.text, l, col.saturating_sub(code.len() as u32 + 2).max(1))
                                    .field(format!("{name}.{code}"))
                                    .help(format!("write it as \"{}\"", crate::slug::proposed_file_slug(code))),
                            );
                        }
                    }
                }
                v
            }
            Err(errs) => {
                diags.extend(errs.into_iter().map(|e| yaml_diag(f, e)));
                Vocab::default()
            }
        },
    };
    (config, vocab)
}

fn yaml_diag(f: &crate::load::SourceFile, e: crate::yaml::YamlError) -> Diagnostic {
    Diagnostic::error(&f.display, e.message).at(&f.text, e.line, e.col).field(e.field).help_opt(e.help)
}
