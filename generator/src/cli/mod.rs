//! Command-line interface: one `clap::Args` struct per subcommand, each with its own `run()`,
//! and the shared printing of diagnostics.

mod build;
mod bundle;
mod check;
mod new;
mod schema;
mod serve;

use clap::{Parser, Subcommand, ValueEnum};
use leernet::diagnostics::Diagnostic;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "leernet", version, about = "Static site generator for a Dutch neighbourhood-knowledge platform")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site from content/ into public/.
    Build(build::BuildArgs),
    /// Build the site into one zip file for offline use.
    Bundle(bundle::BundleArgs),
    /// Check content/ and report every error and warning.
    Check(check::CheckArgs),
    /// Write a new content file with every required field.
    New(new::NewArgs),
    /// Write JSON Schemas of the content model for editors.
    Schema(schema::SchemaArgs),
    /// Preview the site: build in memory, serve it on 127.0.0.1 and reload on every change.
    Serve(serve::ServeArgs),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(a) => a.run(),
        Command::Bundle(a) => a.run(),
        Command::Check(a) => a.run(),
        Command::New(a) => a.run(),
        Command::Schema(a) => a.run(),
        Command::Serve(a) => a.run(),
    }
}

/// Options shared by commands that read content.
#[derive(Debug, clap::Args)]
pub struct ContentArgs {
    /// The content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// The build's "now" (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else the clock.
    #[arg(long)]
    pub now: Option<String>,
}

impl ContentArgs {
    pub fn now(&self) -> anyhow::Result<jiff::civil::Date> {
        let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
        leernet::dates::build_now(self.now.as_deref(), epoch.as_deref()).map_err(anyhow::Error::msg)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: headline, code frame, help.
    Text,
    /// One JSON object per message (JSON lines).
    Json,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// A GitLab Code Quality report (one JSON array).
    Gitlab,
}

/// Prints diagnostics to stderr (text) or stdout (JSON lines) and the closing count;
/// returns the exit code they call for.
pub fn report(diags: &[Diagnostic], strict: bool, format: Format) -> ExitCode {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in diags {
                let _ = writeln!(out, "{}", d.render_json());
            }
        }
        Format::Github => {
            let mut out = std::io::stdout().lock();
            for d in diags {
                let _ = writeln!(out, "{}", d.render_github());
            }
        }
        Format::Gitlab => {
            let issues: Vec<serde_json::Value> = diags.iter().map(Diagnostic::gitlab_issue).collect();
            let _ = writeln!(std::io::stdout().lock(), "{}", serde_json::Value::Array(issues));
        }
        Format::Text => {
            let mut err = std::io::stderr().lock();
            for d in diags {
                let _ = writeln!(err, "{}", d.render_text());
            }
            if errors + warnings > 0 {
                let _ = writeln!(
                    err,
                    "{errors} {}, {warnings} {}",
                    plural(errors, "error", "errors"),
                    plural(warnings, "warning", "warnings")
                );
            }
        }
    }
    if errors > 0 || (strict && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
