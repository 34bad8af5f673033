//! The whole build as a list of steps, each timed: load, check (parse, validate, resolve,
//! render Markdown), render pages, write. `check` stops after checking.

use crate::diagnostics::Diagnostic;
use crate::model::Kind;
use crate::output::OutputFile;
use crate::render::Layouts;
use crate::site::{self, Checked, Options};
use anyhow::Result;
use std::path::Path;
use std::time::{Duration, Instant};

/// Time spent per step, for `--timings` style reporting.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub steps: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn step<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
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

/// Checks, then renders every output file in memory. `Err` only for failures; content
/// errors come back as diagnostics with no files.
pub fn render(
    content_dir: &Path,
    layouts_dir: Option<&Path>,
    options: Options,
    timings: &mut Timings,
) -> Result<Built> {
    let layouts = match layouts_dir {
        Some(dir) => Layouts::defaults().with_overrides(crate::load::load_layouts(dir)?),
        None => Layouts::defaults(),
    };
    let Checked { site, diagnostics, notes } = check(content_dir, options, timings)?;
    let Some(site) = site else {
        return Ok(Built { files: None, diagnostics, site: None, notes });
    };
    let files = outputs(&site, &layouts, timings)?;
    Ok(Built { files: Some(files), diagnostics, site: Some(site), notes })
}

/// Every output file of a checked site: pages, search index, feeds, open data, checksums.
/// Shared by `render` and the dev server (`serve::incremental`).
pub fn outputs(site: &site::Site, layouts: &Layouts, timings: &mut Timings) -> Result<Vec<OutputFile>> {
    let mut files = timings.step("render", || crate::render::render_site(site, layouts))?;
    files.extend(timings.step("search", || crate::search::index_files(site))?);
    timings.step("feeds", || {
        let extra = crate::feeds::files(site, &files);
        files.extend(extra);
        files.extend(crate::data::files(site));
        files.extend(crate::agenda::export::files(site));
    });
    finish(&mut files, timings)?;
    Ok(files)
}

/// The last steps over the whole output: check every internal link, add the checksums,
/// and sort so the output is the same whatever order the steps produced it in.
fn finish(files: &mut Vec<OutputFile>, timings: &mut Timings) -> Result<()> {
    let broken = timings.step("links", || crate::linkcheck::broken_links(files));
    if !broken.is_empty() {
        anyhow::bail!(
            "{} broken internal link(s) in the output (a layout bug):\n  {}",
            broken.len(),
            broken.join("\n  ")
        );
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let sums = crate::checksums::manifest(files);
    files.push(sums);
    Ok(())
}
