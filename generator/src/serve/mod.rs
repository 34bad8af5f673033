//! `leernet serve`: the live preview. It checks the content in memory (never writing
//! `public/`), serves the site from memory on 127.0.0.1, and reloads every open page when
//! something in `content/` or `layouts/` changes. Broken content shows an overlay with every
//! diagnostic instead of a stale page; the server stays up and recovers with the fix.
//!
//! Threads: `notify`'s watcher thread feeds raw events to the builder thread (`watch`),
//! which debounces them, rebuilds through `incremental::Engine` and publishes each
//! immutable `Generation` on a `tokio::sync::watch` channel. The HTTP side (`http`, axum on
//! a current-thread tokio runtime) answers every request from the newest generation,
//! rendering pages on a blocking thread when first asked for; the reload client long-polls
//! `/__leernet/poll` and reloads when the generation changes. The library never prints:
//! what happens is reported through `Event`s.

mod http;
pub mod incremental;
mod overlay;
mod watch;

/// The request-path resolution and the Host/Origin guards, for the fuzz targets (`fuzz/`)
/// and the raw-TCP tests.
pub use http::{allowed_host, output_path, same_origin};

use anyhow::{Context, Result};
use incremental::{Changes, Engine, Generation};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct Config {
    pub content_dir: PathBuf,
    pub layouts_dir: Option<PathBuf>,
    pub options: crate::site::Options,
    pub addr: SocketAddr,
}

/// What the server tells its user (the CLI prints these).
pub enum Event<'a> {
    /// The first build is done and the server listens at `url`.
    Listening { url: String },
    /// A rebuild finished.
    Rebuilt { generation: &'a Generation, took: Duration, changed: usize },
    /// The watcher reported an error; watching goes on.
    WatchError(String),
}

/// Receives the server's events, from any thread.
pub type Log = Arc<dyn Fn(Event) + Send + Sync>;

/// Builds, then serves until the process is stopped. Returns only on a failure to start
/// (the address is taken, the content folder cannot be watched).
pub fn run(config: Config, log: Log) -> Result<()> {
    let mut engine = Engine::new(&config.content_dir, config.layouts_dir.as_deref(), config.options.clone());
    let start = Instant::now();
    let first = engine.rebuild(&Changes::default());
    log(Event::Rebuilt { generation: &first, took: start.elapsed(), changed: 0 });
    let (tx, rx) = tokio::sync::watch::channel(Arc::new(first));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        let addr = listener.local_addr().context("cannot read the listening address")?;
        // The watcher starts before the URL is announced, so no edit made after that is missed.
        let _watcher = watch::spawn(&config, engine, tx, log.clone())?;
        log(Event::Listening { url: format!("http://{}/", http::display_addr(addr)) });
        http::serve(listener, addr.port(), rx).await
    })
}
