//! `leernet build`: check, then render and write into a staging folder that replaces the
//! output folder atomically.

use super::{report, ContentArgs, Format};
use leernet::pipeline::{self, Timings};
use leernet::site::{Hidden, Options};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    content: ContentArgs,
    /// A layouts folder overriding the built-in templates and assets (default: layouts/ if present).
    #[arg(long)]
    layouts: Option<PathBuf>,
    /// The output folder.
    #[arg(long, default_value = "public")]
    out: PathBuf,
    /// The site's public address, e.g. https://kennis.example.nl/ (canonical links).
    #[arg(long)]
    base_url: Option<String>,
    /// Include drafts (for previews only).
    #[arg(long)]
    drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Build a subset: `theme=...,focus_area=...,organisation=...` (needs a base URL).
    #[arg(long)]
    only: Option<String>,
}

impl BuildArgs {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        if let Some(url) = &self.base_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) || !url.ends_with('/') {
                anyhow::bail!("--base-url must be an http(s) address ending in /, found `{url}`");
            }
        }
        let layouts = self.layouts.clone().or_else(|| {
            let d = PathBuf::from("layouts");
            d.is_dir().then_some(d)
        });
        let only = match &self.only {
            Some(spec) => leernet::site::subset::parse(spec).map_err(|e| anyhow::anyhow!("--only: {e}"))?,
            None => Vec::new(),
        };
        let options = Options { now: self.content.now()?, drafts: self.drafts, base_url: self.base_url.clone(), only };
        let mut timings = Timings::default();
        let layouts = pipeline::layouts(layouts.as_deref())?;
        let checked = pipeline::check(&self.content.content, options, &mut timings)?;
        for n in &checked.notes {
            eprintln!("note: {n}");
        }
        let code = report(&checked.diagnostics, self.strict, Format::Text);
        let (Some(site), true) = (checked.site, code == ExitCode::SUCCESS) else {
            eprintln!("build stopped: {} left as it was", self.out.display());
            return Ok(ExitCode::from(1));
        };
        // Pages are written as they are rendered, into a folder beside the output that
        // replaces it only once the whole site is there.
        let staging = leernet::output::Staging::begin(&self.out, &self.content.content)?;
        let files = pipeline::emit_once(&site, &layouts, &mut timings, &staging)?;
        timings.step("swap", || staging.commit())?;
        let mut held: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (i, h) in site.hidden.iter().enumerate() {
            if let Some(h) = h {
                let key = match h {
                    Hidden::Scheduled(_) => "scheduled".to_string(),
                    other => other.describe(),
                };
                let what = match h {
                    Hidden::Scheduled(d) => format!("{} ({d})", site.docs[i].file.display),
                    _ => site.docs[i].file.display.clone(),
                };
                held.entry(key).or_default().push(what);
            }
        }
        for (why, items) in &held {
            eprintln!("held back ({why}): {}", items.join(", "));
        }
        eprintln!("built {files} files into {} ({})", self.out.display(), timings.summary());
        // The process ends here: freeing every document one by one would be serial work
        // after the build is done (about 40 ms at 10,000 items); the OS takes it back at once.
        std::mem::forget(site);
        Ok(ExitCode::SUCCESS)
    }
}
