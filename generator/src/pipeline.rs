//! The whole build as a list of steps, each timed: load, check (parse, validate, resolve,
//! render Markdown), matching, render pages, search index, feeds and data, link check.
//! Files go to a `Sink` as they are made: the build writes them at once (`output::Staging`),
//! the dev server and tests keep them in memory. `check` stops after checking.

use crate::checksums::Digests;
use crate::diagnostics::Diagnostic;
use crate::linkcheck::LinkIndex;
use crate::model::Kind;
use crate::output::{Memory, OutputFile, Sink};
use crate::render::Layouts;
use crate::site::{self, Checked, Options};
use anyhow::Result;
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Time spent per step, for `--timings` style reporting.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub steps: Vec<(&'static str, Duration)>,
}

impl Timings {
    pub fn step<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let v = f();
        self.steps.push((name, t.elapsed()));
        v
    }

    pub fn summary(&self) -> String {
        self.steps.iter().map(|(n, d)| format!("{n} {} ms", d.as_millis())).collect::<Vec<_>>().join(", ")
    }
}

/// Loads and checks the content folder.
pub fn check(content_dir: &Path, options: Options, timings: &mut Timings) -> Result<Checked> {
    let tree = timings.step("load", || crate::load::load(content_dir, &Kind::folders()))?;
    Ok(timings.step("check", || site::build(tree, options)))
}

/// What a build produced: the files and the site when content had no errors, and every
/// diagnostic in any case.
pub struct Built {
    pub files: Option<Vec<OutputFile>>,
    pub diagnostics: Vec<Diagnostic>,
    pub site: Option<site::Site>,
    /// Notes for the editor, printed once.
    pub notes: Vec<String>,
}

/// The layouts: the built-in ones, overridden by the files of `layouts_dir`.
pub fn layouts(layouts_dir: Option<&Path>) -> Result<Layouts> {
    Ok(match layouts_dir {
        Some(dir) => Layouts::defaults().with_overrides(crate::load::load_layouts(dir)?),
        None => Layouts::defaults(),
    })
}

/// Checks, then renders every output file in memory. `Err` only for failures; content
/// errors come back as diagnostics with no files.
pub fn render(
    content_dir: &Path,
    layouts_dir: Option<&Path>,
    options: Options,
    timings: &mut Timings,
) -> Result<Built> {
    let layouts = layouts(layouts_dir)?;
    let Checked { site, diagnostics, notes } = check(content_dir, options, timings)?;
    let Some(site) = site else {
        return Ok(Built { files: None, diagnostics, site: None, notes });
    };
    let files = outputs(&site, &layouts, timings)?;
    Ok(Built { files: Some(files), diagnostics, site: Some(site), notes })
}

/// Every output file of a checked site in memory, sorted by path. Shared by `render` and
/// the dev server (`serve::incremental`).
pub fn outputs(site: &site::Site, layouts: &Layouts, timings: &mut Timings) -> Result<Vec<OutputFile>> {
    let memory = Memory::default();
    emit(site, layouts, timings, &memory)?;
    Ok(memory.into_sorted())
}

/// Every output file of a checked site, handed to `sink` as it is made: pages, search
/// index, feeds, open data, then, once every internal link is known to resolve, the
/// checksums. Returns the number of files.
pub fn emit(site: &site::Site, layouts: &Layouts, timings: &mut Timings, sink: &dyn Sink) -> Result<usize> {
    steps(site, layouts, timings, sink, false)
}

/// `emit` for a build that renders the site once, in a process that ends after it: the
/// bodies' HTML is freed as soon as the pages are written, before the search index is made,
/// and the link index is not freed at all (the OS takes it back at exit).
pub fn emit_once(site: &site::Site, layouts: &Layouts, timings: &mut Timings, sink: &dyn Sink) -> Result<usize> {
    steps(site, layouts, timings, sink, true)
}

fn steps(site: &site::Site, layouts: &Layouts, timings: &mut Timings, sink: &dyn Sink, once: bool) -> Result<usize> {
    let tee = Tee { links: LinkIndex::default(), digests: Digests::default(), sink, count: AtomicUsize::new(0) };
    // Matching before rendering, in parallel: question and supply pages read it.
    timings.step("matching", || site.matches());
    timings.step("render", || crate::render::render_into(site, layouts, crate::render::Which::All, &tee))?;
    if once {
        site.bodies.iter().flatten().for_each(|b| b.html.release());
    }
    timings.step("search", || crate::search::index_into(site, &tee))?;
    timings.step("feeds", || -> Result<()> {
        let pages = tee.links.pages();
        let (feeds, (data, agenda)) = rayon::join(
            || crate::feeds::files(site, &pages),
            || rayon::join(|| crate::data::files(site), || crate::agenda::export::files(site)),
        );
        // Written in parallel: creating files is most of this step's time on a disk. The
        // largest first, one file per task: at 100,000 items the open-data files are tens
        // of megabytes each, and left together at the end they kept one core writing for
        // seconds while the other waited.
        let mut files: Vec<OutputFile> = feeds.into_iter().chain(data).chain(agenda).collect();
        files.sort_by_key(|f| std::cmp::Reverse(f.bytes.len()));
        files.into_par_iter().with_max_len(1).try_for_each(|f| tee.put(f))
    })?;
    let broken = timings.step("links", || tee.links.broken());
    if !broken.is_empty() {
        anyhow::bail!(
            "{} broken internal link(s) in the output (a layout bug):\n  {}",
            broken.len(),
            broken.join("\n  ")
        );
    }
    let Tee { digests, count, links, .. } = tee;
    if once {
        // A build's process ends soon after: the link index (a map entry per link target)
        // is left to the OS instead of being freed entry by entry on one thread.
        std::mem::forget(links);
    }
    sink.put(digests.manifest())?;
    Ok(count.into_inner() + 1)
}

/// Passes every file on to the sink, noting its links and its digest on the way.
struct Tee<'a> {
    links: LinkIndex,
    digests: Digests,
    sink: &'a dyn Sink,
    count: AtomicUsize,
}

impl Sink for Tee<'_> {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.links.add(&file);
        self.digests.add(&file);
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sink.put(file)
    }
}
