//! `leernet serve`: the live preview. Resolves the arguments, warns when the server would be
//! reachable from other machines, and prints what `leernet::serve` reports.

use super::ContentArgs;
use leernet::serve::incremental::Outcome;
use leernet::serve::{Config, Event};
use leernet::site::Options;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    content: ContentArgs,
    /// A layouts folder overriding the built-in templates and assets (default: layouts/ if present).
    #[arg(long)]
    layouts: Option<PathBuf>,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// The address to listen on. Anything but a loopback address exposes drafts and the
    /// preview to the network.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Show drafts, marked "Concept".
    #[arg(long)]
    drafts: bool,
}

impl ServeArgs {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let layouts = self.layouts.clone().or_else(|| {
            let d = PathBuf::from("layouts");
            d.is_dir().then_some(d)
        });
        if !self.bind.is_loopback() {
            eprintln!(
                "warning: serving on {}: anyone who can reach this machine can read the preview, drafts included",
                self.bind
            );
        }
        let options = Options { now: self.content.now()?, drafts: self.drafts, ..Default::default() };
        let config = Config {
            content_dir: self.content.content.clone(),
            layouts_dir: layouts,
            options,
            addr: SocketAddr::new(self.bind, self.port),
        };
        leernet::serve::run(config, Arc::new(print))?;
        Ok(ExitCode::SUCCESS)
    }
}

fn print(event: Event) {
    match event {
        Event::Listening { url } => eprintln!("serving on {url} (Ctrl-C stops)"),
        Event::WatchError(e) => eprintln!("watch: {e}"),
        Event::Rebuilt { generation, took, changed } => {
            let what = if changed == 0 { "built".to_string() } else { format!("rebuilt after {changed} change(s)") };
            let ms = format!("{} ms ({})", took.as_millis(), generation.timings.summary());
            match &generation.outcome {
                Outcome::Ready(ready) => {
                    for d in &ready.diagnostics {
                        eprint!("{}", d.render_text());
                    }
                    eprintln!("[{}] {what} in {ms}: {} files checked", generation.id, ready.site.docs.len());
                }
                Outcome::Broken(diags) => {
                    for d in diags {
                        eprint!("{}", d.render_text());
                    }
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    eprintln!("[{}] {what} in {ms}: {errors} error(s); the browser shows them", generation.id);
                }
                Outcome::Failed(message) => eprintln!("[{}] {what} in {ms}: build failed: {message}", generation.id),
            }
        }
    }
}
