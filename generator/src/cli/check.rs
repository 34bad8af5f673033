//! `leernet check`: every error and warning of every file, in one run.

use super::{report, ContentArgs, Format};
use leernet::pipeline::{self, Timings};
use leernet::site::Options;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    content: ContentArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Output format: text for people; json (one object per line), github (annotations) or
    /// gitlab (Code Quality report) for CI.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

impl CheckArgs {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let options = Options { now: self.content.now()?, ..Default::default() };
        let checked = pipeline::check(&self.content.content, options, &mut Timings::default())?;
        if self.format == Format::Text {
            for n in &checked.notes {
                eprintln!("note: {n}");
            }
        }
        let code = report(&checked.diagnostics, self.strict, self.format);
        if self.format == Format::Text && checked.diagnostics.is_empty() {
            if let Some(site) = &checked.site {
                eprintln!("{} files checked: no errors, no warnings", site.docs.len());
            }
        }
        Ok(code)
    }
}
