//! Incremental rebuilding for the dev server. A rebuild after an edit reuses what cannot
//! have changed, and renders pages only when they are asked for:
//!
//! - `FileCache` (a `load::Source`): file bytes, re-read only for paths the watcher named,
//!   and the git commit dates, read once per engine (or on a rescan).
//! - The last `load::Walk` of `content/` and what was read of it: while the watcher names
//!   only files the walk listed, nothing is walked and only those files are read again.
//! - `Memo` (a `site::PerFile`): `document::read` of a file whose text (and the vocabulary,
//!   "now" and the commit dates) did not change; the resolved references of an unchanged
//!   document while every other document's kind, slug and visibility are the same; a
//!   rendered body whose text did not change and whose every link resolves to the same
//!   answer as when it was rendered (the links are replayed).
//! - `agenda::matching::CountCache`: matching's term counts of every item whose short texts
//!   and rendered body did not change, so an item page that needs matching ranks from them.
//! - `Generation`: one immutable checked site; `get(path)` renders that one page through
//!   `render::render_files(.., Which::One)`, or the search index, or (for anything else)
//!   the whole output through `pipeline::outputs`, each at most once per generation.
//!
//! Everything else (lifecycle, collisions, the site's aggregates, anchors) runs in full on
//! every rebuild, through the same functions as `leernet build`.
//! `tests` proves the result equal, byte for byte, to a fresh full build after random
//! sequences of edits, renames and deletions.

use crate::diagnostics::Diagnostic;
use crate::document::{Document, FileContext};
use crate::load::{self, SourceFile};
use crate::markdown::{LinkResolver, Resolution};
use crate::model::Kind;
use crate::output::OutputFile;
use crate::pipeline::Timings;
use crate::render::{Layouts, Which};
use crate::search::words::Words;
use crate::site::body::Body;
use crate::site::references::Resolved;
use crate::site::{self, Options, PerFile, Site};
use crate::FastMap;
use anyhow::Result;
use jiff::civil::Date;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};
use std::time::Instant;

/// What changed since the last rebuild, as the watcher saw it.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Paths under the content folder (files or folders) that were created, written,
    /// renamed or removed.
    pub content: Vec<PathBuf>,
    /// Something under the layouts folder changed.
    pub layouts: bool,
    /// The watcher may have missed events: forget every cached file.
    pub rescan: bool,
}

/// Bytes of output files, shared between the cache and the responses.
pub type Bytes = Arc<Vec<u8>>;

/// The dev server's builder: the caches, and the folders and options it builds with.
pub struct Engine {
    content_dir: PathBuf,
    layouts_dir: Option<PathBuf>,
    options: Options,
    files: FileCache,
    /// The last walk of the content folder and what was read of it, kept while the
    /// watcher names only files the walk listed (`load::Walk::holds_after`).
    walked: Option<(load::Walk, load::Read)>,
    memo: Arc<Memo>,
    layouts: Option<Arc<Layouts>>,
    next_id: u64,
}

impl Engine {
    pub fn new(content_dir: &Path, layouts_dir: Option<&Path>, options: Options) -> Self {
        Engine {
            content_dir: content_dir.to_path_buf(),
            layouts_dir: layouts_dir.map(Path::to_path_buf),
            options,
            files: FileCache::default(),
            walked: None,
            memo: Arc::new(Memo::default()),
            layouts: None,
            next_id: 1,
        }
    }

    /// Checks the content again after `changes`. Content errors give a `Broken`
    /// generation; failures (I/O, a layout that does not parse) a `Failed` one.
    pub fn rebuild(&mut self, changes: &Changes) -> Generation {
        let id = self.next_id;
        self.next_id += 1;
        let mut timings = Timings::default();
        let outcome = match self.check(changes, &mut timings) {
            Ok(outcome) => outcome,
            Err(e) => Outcome::Failed(format!("{e:#}")),
        };
        Generation { id, outcome, timings }
    }

    fn check(&mut self, changes: &Changes, timings: &mut Timings) -> Result<Outcome> {
        let t = Instant::now();
        if changes.rescan {
            self.files.clear();
        }
        for p in &changes.content {
            self.files.forget(p);
        }
        if changes.layouts || changes.rescan {
            self.layouts = None;
        }
        let layouts = match &self.layouts {
            Some(l) => l.clone(),
            None => {
                let l = Arc::new(match &self.layouts_dir {
                    Some(dir) => Layouts::defaults().with_overrides(load::load_layouts(dir)?),
                    None => Layouts::defaults(),
                });
                self.layouts = Some(l.clone());
                l
            }
        };
        // Walking 10,000 files takes longer than the rest of loading: an edit to files the
        // last walk found walks nothing, and reads only them.
        let kept = self.walked.take().filter(|(w, _)| !changes.rescan && w.holds_after(&changes.content));
        let walked_anew = kept.is_none();
        let (walk, previous) = match kept {
            Some((walk, read)) => (walk, Some((read, changes.content.as_slice()))),
            None => (load::walk(&self.content_dir, &Kind::folders())?, None),
        };
        let read = load::read(&walk, &self.files, previous)?;
        let tree = load::assemble(&walk, &read, &self.files);
        self.walked = Some((walk, read));
        timings.steps.push(("load", t.elapsed()));
        let t = Instant::now();
        self.memo.begin(tree.vocab_yaml.as_ref().map(|f| &*f.text), self.options.now, &tree.commit_dates);
        // Files can only have gone when the folder was walked again.
        let live: Option<HashSet<String>> = walked_anew.then(|| tree.files.iter().map(|f| f.rel.clone()).collect());
        let checked = site::build_with(tree, self.options.clone(), self.memo.as_ref());
        timings.steps.push(("check", t.elapsed()));
        let t = Instant::now();
        if let Some(live) = live {
            self.memo.retain(&live);
        }
        timings.steps.push(("forget", t.elapsed()));
        Ok(match checked.site {
            Some(site) => Outcome::Ready(Box::new(Ready::new(site, layouts, checked.diagnostics))),
            None => Outcome::Broken(checked.diagnostics),
        })
    }
}

/// One rebuild's result, immutable once made: every response the server gives comes
/// from exactly one generation.
pub struct Generation {
    /// Increases with every rebuild; the reload channel announces it.
    pub id: u64,
    pub outcome: Outcome,
    /// How long the steps of the rebuild took.
    pub timings: Timings,
}

pub enum Outcome {
    /// The site checked (warnings may remain), ready to render.
    Ready(Box<Ready>),
    /// The content has errors: every diagnostic, sorted.
    Broken(Vec<Diagnostic>),
    /// The build failed for another reason (I/O, layouts), with the error chain.
    Failed(String),
}

/// A checked site whose files are rendered when asked for.
pub struct Ready {
    pub site: Site,
    /// Warnings of the check (errors make the generation `Broken`).
    pub diagnostics: Vec<Diagnostic>,
    layouts: Arc<Layouts>,
    pages: Mutex<HashMap<String, Option<Bytes>>>,
    search: OnceLock<Result<HashMap<String, Bytes>, String>>,
    whole: OnceLock<Result<BTreeMap<String, Bytes>, String>>,
}

/// Where an output path comes from, so that a request renders as little as possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// HTML pages, assets and media: `render::render_files` renders one at a time.
    Page,
    /// `zoeken/index/`: the search index, built as a whole.
    Search,
    /// Everything else (feeds, calendars, open data, SHA256SUMS): the whole output.
    Whole,
}

fn family(path: &str) -> Family {
    if path.starts_with("zoeken/index/") {
        Family::Search
    } else if path.ends_with(".html") || path.starts_with("assets/") || path.starts_with("media/") {
        Family::Page
    } else {
        Family::Whole
    }
}

impl Ready {
    fn new(site: Site, layouts: Arc<Layouts>, diagnostics: Vec<Diagnostic>) -> Self {
        Ready { site, diagnostics, layouts, pages: Mutex::default(), search: OnceLock::new(), whole: OnceLock::new() }
    }

    /// The bytes of output file `path` (`themas/x/index.html`), as `leernet build` would
    /// write them, or `None` when the build writes no such file. `Err` is a failure of
    /// rendering (a layout bug), with its message.
    ///
    /// A page or search path that its family does not render is not looked up in the whole
    /// output, so a 404 stays cheap on a large site; the tests prove that every file of a
    /// build is found through its family.
    pub fn get(&self, path: &str) -> Result<Option<Bytes>, String> {
        match family(path) {
            Family::Page => self.page(path),
            Family::Search => Ok(self.search()?.get(path).cloned()),
            Family::Whole => Ok(self.whole()?.get(path).cloned()),
        }
    }

    /// Every output file, as `leernet build` writes them (for tests and `SHA256SUMS`).
    pub fn all(&self) -> Result<&BTreeMap<String, Bytes>, String> {
        self.whole()
    }

    fn page(&self, path: &str) -> Result<Option<Bytes>, String> {
        if let Some(hit) = self.pages.lock().unwrap_or_else(PoisonError::into_inner).get(path) {
            return Ok(hit.clone());
        }
        if let Some(whole) = self.whole.get() {
            return Ok(whole.as_ref().map_err(Clone::clone)?.get(path).cloned());
        }
        let files =
            crate::render::render_files(&self.site, &self.layouts, Which::One(path)).map_err(|e| format!("{e:#}"))?;
        let found = files.into_iter().find(|f| f.path == path).map(|f| Arc::new(f.bytes));
        self.pages.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_string(), found.clone());
        Ok(found)
    }

    fn search(&self) -> Result<&HashMap<String, Bytes>, String> {
        self.search
            .get_or_init(|| {
                let files = crate::search::index_files(&self.site).map_err(|e| format!("{e:#}"))?;
                Ok(files.into_iter().map(|f| (f.path, Arc::new(f.bytes))).collect())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn whole(&self) -> Result<&BTreeMap<String, Bytes>, String> {
        self.whole
            .get_or_init(|| {
                let files = crate::pipeline::outputs(&self.site, &self.layouts, &mut Timings::default())
                    .map_err(|e| format!("{e:#}"))?;
                Ok(files.into_iter().map(|f: OutputFile| (f.path, Arc::new(f.bytes))).collect())
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// Bytes as read, and their text.
type Decoded = (Arc<Vec<u8>>, Arc<str>);

/// File bytes kept between rebuilds; a path is read again once the watcher names it.
#[derive(Default)]
struct FileCache {
    /// By path as bytes (`OsString`): hashing a `PathBuf` parses its components.
    bytes: RwLock<HashMap<OsString, Arc<Vec<u8>>>>,
    /// The decoded text of cached bytes, kept while the bytes are the same allocation.
    texts: RwLock<HashMap<OsString, Decoded>>,
    dates: Mutex<Option<Result<load::CommitDates, String>>>,
}

impl FileCache {
    fn clear(&self) {
        self.bytes.write().unwrap_or_else(PoisonError::into_inner).clear();
        self.texts.write().unwrap_or_else(PoisonError::into_inner).clear();
        *self.dates.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Forgets `path` and, when it is a folder (renamed or removed), everything below it.
    fn forget(&self, path: &Path) {
        // A byte prefix first: most paths differ in it, and it is cheaper than components.
        let prefix = path.as_os_str().as_encoded_bytes();
        let below = |p: &OsString| p.as_encoded_bytes().starts_with(prefix) && Path::new(p).starts_with(path);
        let mut map = self.bytes.write().unwrap_or_else(PoisonError::into_inner);
        map.remove(path.as_os_str());
        map.retain(|p, _| !below(p));
        let mut texts = self.texts.write().unwrap_or_else(PoisonError::into_inner);
        texts.remove(path.as_os_str());
        texts.retain(|p, _| !below(p));
    }
}

impl load::Source for FileCache {
    fn len(&self, path: &Path) -> std::io::Result<u64> {
        match self.bytes.read().unwrap_or_else(PoisonError::into_inner).get(path.as_os_str()) {
            Some(b) => Ok(b.len() as u64),
            None => Ok(std::fs::metadata(path)?.len()),
        }
    }

    fn read(&self, path: &Path) -> std::io::Result<Arc<Vec<u8>>> {
        if let Some(b) = self.bytes.read().unwrap_or_else(PoisonError::into_inner).get(path.as_os_str()) {
            return Ok(b.clone());
        }
        let bytes = Arc::new(std::fs::read(path)?);
        self.bytes.write().unwrap_or_else(PoisonError::into_inner).insert(path.as_os_str().to_owned(), bytes.clone());
        Ok(bytes)
    }

    fn text(&self, path: &Path, bytes: &Arc<Vec<u8>>) -> Result<Arc<str>, String> {
        if let Some((b, t)) = self.texts.read().unwrap_or_else(PoisonError::into_inner).get(path.as_os_str()) {
            if Arc::ptr_eq(b, bytes) {
                return Ok(t.clone());
            }
        }
        let text: Arc<str> = load::decode(bytes)?.into();
        self.texts
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.as_os_str().to_owned(), (bytes.clone(), text.clone()));
        Ok(text)
    }

    fn decoded(&self, path: &Path) -> Option<Arc<str>> {
        // `texts` holds only what `text` decoded from the bytes `read` keeps, and `forget`
        // drops both together: an entry is the file as it is now.
        self.texts.read().unwrap_or_else(PoisonError::into_inner).get(path.as_os_str()).map(|(_, t)| t.clone())
    }

    fn commit_dates(&self, content_dir: &Path) -> Result<load::CommitDates, String> {
        self.dates
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert_with(|| crate::history::last_commit_dates(content_dir).map(Arc::new))
            .clone()
    }
}

/// One question a body asked the link resolver while it was rendered, with the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Asked {
    Page(String, Option<String>, Resolution),
    Asset(String, Resolution),
}

/// A resolver that records every question and answer, so a later build can check that
/// the body would render the same.
struct Recorder<'a> {
    inner: &'a dyn LinkResolver,
    asked: RefCell<Vec<Asked>>,
}

impl LinkResolver for Recorder<'_> {
    fn resolve_page(&self, target: &str, anchor: Option<&str>) -> Resolution {
        let r = self.inner.resolve_page(target, anchor);
        self.asked.borrow_mut().push(Asked::Page(target.to_string(), anchor.map(String::from), r.clone()));
        r
    }

    fn answers_key(&self) -> Option<u64> {
        self.inner.answers_key()
    }

    fn resolve_asset(&self, src: &str) -> Resolution {
        let r = self.inner.resolve_asset(src);
        self.asked.borrow_mut().push(Asked::Asset(src.to_string(), r.clone()));
        r
    }
}

fn same_answers(asked: &[Asked], resolver: &dyn LinkResolver) -> bool {
    asked.iter().all(|a| match a {
        Asked::Page(t, anchor, r) => resolver.resolve_page(t, anchor.as_deref()) == *r,
        Asked::Asset(s, r) => resolver.resolve_asset(s) == *r,
    })
}

struct ReadEntry {
    file: Arc<SourceFile>,
    result: (Option<Arc<Document>>, Vec<Diagnostic>),
}

/// A document's resolved references, valid for that document (the same allocation, which
/// the entry keeps alive) and the same fingerprint of the rest of the site.
struct RefsEntry {
    doc: Arc<Document>,
    key: u64,
    result: Resolved,
}

struct BodyEntry {
    /// The Markdown rendered: `source[range]`.
    source: Arc<str>,
    range: std::ops::Range<usize>,
    /// The resolver's fingerprint when the body was rendered or last confirmed.
    key: Option<u64>,
    asked: Vec<Asked>,
    rendered: Arc<Body>,
}

/// Results of `document::read` and `markdown::render` by content-relative path, reused
/// only when everything they depend on is unchanged.
#[derive(Default)]
struct Memo {
    /// What `document::read` depends on besides the file: the vocabulary, "now" and the
    /// commit dates (read once, so one allocation while they are the same).
    context: Mutex<Option<(Option<String>, Date, usize)>>,
    reads: RwLock<FastMap<String, ReadEntry>>,
    references: RwLock<FastMap<String, RefsEntry>>,
    bodies: RwLock<FastMap<String, BodyEntry>>,
    /// One numbering of words for every rebuild, so cached bodies keep their numbers.
    words: Arc<Words>,
    /// Matching's term counts, valid with `words`.
    counts: Arc<crate::agenda::matching::CountCache>,
}

/// Where `part` lies in `whole`, when it is a slice of it.
fn slice_range(whole: &str, part: &str) -> Option<std::ops::Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (start + part.len() <= whole.len()).then(|| start..start + part.len())
}

impl BodyEntry {
    /// Whether `markdown`, the body of `doc`, is the Markdown this entry rendered: the same
    /// slice of the same text (which the entry keeps alive, so its address is not reused),
    /// or else the same bytes.
    fn same_body(&self, doc: &Document, markdown: &str) -> bool {
        let body = &self.source[self.range.clone()];
        (Arc::ptr_eq(&self.source, &doc.file.text)
            && body.as_ptr() == markdown.as_ptr()
            && body.len() == markdown.len())
            || body == markdown
    }
}

fn same_file(a: &Arc<SourceFile>, b: &Arc<SourceFile>) -> bool {
    Arc::ptr_eq(a, b)
        || a.rel == b.rel
            && a.display == b.display
            && a.folder == b.folder
            && a.stem == b.stem
            && (Arc::ptr_eq(&a.text, &b.text) || a.text == b.text)
}

impl Memo {
    /// Starts a build: forgets every read when the vocabulary, "now" or the commit dates
    /// changed.
    fn begin(&self, vocab: Option<&str>, now: Date, dates: &load::CommitDates) {
        // The dates are read once per engine (or rescan): while they are, one allocation.
        // No dates (outside git) are always the same, whatever allocation holds them.
        let dates = if dates.is_empty() { 0 } else { Arc::as_ptr(dates) as usize };
        let key = (vocab.map(String::from), now, dates);
        let mut context = self.context.lock().unwrap_or_else(PoisonError::into_inner);
        if context.as_ref() != Some(&key) {
            self.reads.write().unwrap_or_else(PoisonError::into_inner).clear();
            *context = Some(key);
        }
    }

    /// Forgets files that are gone (only then is there more to remember than files).
    fn retain(&self, live: &HashSet<String>) {
        fn keep<V>(map: &RwLock<FastMap<String, V>>, live: &HashSet<String>) {
            let mut map = map.write().unwrap_or_else(PoisonError::into_inner);
            if map.len() > live.len() {
                map.retain(|rel, _| live.contains(rel));
            }
        }
        keep(&self.reads, live);
        keep(&self.references, live);
        keep(&self.bodies, live);
    }
}

impl PerFile for Memo {
    fn read(&self, file: &Arc<SourceFile>, ctx: &FileContext) -> (Option<Arc<Document>>, Vec<Diagnostic>) {
        if let Some(e) = self.reads.read().unwrap_or_else(PoisonError::into_inner).get(&file.rel) {
            if same_file(&e.file, file) {
                return e.result.clone();
            }
        }
        let (doc, diags) = crate::document::read(file, ctx);
        let result = (doc.map(Arc::new), diags);
        let entry = ReadEntry { file: file.clone(), result: result.clone() };
        self.reads.write().unwrap_or_else(PoisonError::into_inner).insert(file.rel.clone(), entry);
        result
    }

    fn words(&self) -> Arc<Words> {
        self.words.clone()
    }

    fn count_cache(&self) -> Option<Arc<crate::agenda::matching::CountCache>> {
        Some(self.counts.clone())
    }

    fn references(&self, doc: &Arc<Document>, key: u64, resolve: &dyn Fn() -> Resolved) -> Resolved {
        if let Some(e) = self.references.read().unwrap_or_else(PoisonError::into_inner).get(&doc.file.rel) {
            if e.key == key && Arc::ptr_eq(&e.doc, doc) {
                return e.result.clone();
            }
        }
        let result = resolve();
        let entry = RefsEntry { doc: doc.clone(), key, result: result.clone() };
        self.references.write().unwrap_or_else(PoisonError::into_inner).insert(doc.file.rel.clone(), entry);
        result
    }

    fn render_body(&self, doc: &Document, markdown: &str, resolver: &dyn LinkResolver) -> Arc<Body> {
        // Reused when the text is the same and the links would resolve the same: known at
        // once when nothing they resolve against changed (the key), else by asking again.
        let key = resolver.answers_key();
        let reused = self.bodies.read().unwrap_or_else(PoisonError::into_inner).get(&doc.file.rel).and_then(|e| {
            let same =
                e.same_body(doc, markdown) && ((key.is_some() && e.key == key) || same_answers(&e.asked, resolver));
            same.then(|| (e.rendered.clone(), e.key != key))
        });
        if let Some((rendered, rekey)) = reused {
            if rekey {
                if let Some(e) = self.bodies.write().unwrap_or_else(PoisonError::into_inner).get_mut(&doc.file.rel) {
                    e.key = key;
                }
            }
            return rendered;
        }
        let recorder = Recorder { inner: resolver, asked: RefCell::new(Vec::new()) };
        let rendered = Arc::new(crate::site::body::render(markdown, &recorder, &self.words));
        // The body is kept as the slice of the document's text it is (most often), so an
        // unchanged file is recognised by its text's address instead of by its bytes.
        let (source, range) = match slice_range(&doc.file.text, markdown) {
            Some(range) => (doc.file.text.clone(), range),
            None => (Arc::from(markdown), 0..markdown.len()),
        };
        let entry = BodyEntry { source, range, key, asked: recorder.asked.into_inner(), rendered: rendered.clone() };
        self.bodies.write().unwrap_or_else(PoisonError::into_inner).insert(doc.file.rel.clone(), entry);
        rendered
    }
}

#[cfg(test)]
mod tests;
