//! `leernet build`: check, render in memory, then replace the output folder atomically.

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
        let pipeline::Built { files, diagnostics: diags, site, notes } =
            pipeline::render(&self.content.content, layouts.as_deref(), options, &mut timings)?;
        for n in &notes {
            eprintln!("note: {n}");
        }
        let code = report(&diags, self.strict, Format::Text);
        let (Some(files), Some(site), true) = (files, site, code == ExitCode::SUCCESS) else {
            eprintln!("build stopped: {} left as it was", self.out.display());
            return Ok(ExitCode::from(1));
        };
        let t = std::time::Instant::now();
        leernet::output::write_site(&self.out, &self.content.content, &files)?;
        timings.steps.push(("write", t.elapsed()));
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
        eprintln!("built {} files into {} ({})", files.len(), self.out.display(), timings.summary());
        Ok(ExitCode::SUCCESS)
    }
}
