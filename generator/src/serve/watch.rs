//! The watcher and the builder thread: `notify` reports changes under `content/` and
//! `layouts/`; the builder collects them until the tree has been quiet for `QUIET` (an
//! editor's save is a delete and a create, a checkout touches many files), rebuilds once,
//! and publishes the new generation whole. Editor temp files never trigger a rebuild.

use super::incremental::{Changes, Engine, Generation};
use super::{Config, Event, Log};
use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the tree must be quiet before a rebuild: long enough to join the events of one
/// save or one checkout, short enough to stay within the latency budget.
const QUIET: Duration = Duration::from_millis(8);

/// The longest an edit storm can hold a rebuild back.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// A change as the builder sees it.
enum Seen {
    Content(PathBuf),
    Layouts,
    Rescan,
    Error(String),
}

/// Which folder an event path lies in: as watched (canonical) and as the engine reads it.
struct Root {
    canonical: PathBuf,
    given: PathBuf,
}

/// Starts watching and the builder thread. The watcher lives as long as the returned value.
pub fn spawn(
    config: &Config,
    mut engine: Engine,
    publish: tokio::sync::watch::Sender<Arc<Generation>>,
    log: Log,
) -> Result<notify::RecommendedWatcher> {
    let content = Root {
        canonical: config
            .content_dir
            .canonicalize()
            .with_context(|| format!("cannot watch `{}`", config.content_dir.display()))?,
        given: config.content_dir.clone(),
    };
    let layouts = match &config.layouts_dir {
        Some(dir) => Some(Root {
            canonical: dir.canonicalize().with_context(|| format!("cannot watch `{}`", dir.display()))?,
            given: dir.clone(),
        }),
        None => None,
    };
    let (tx, rx) = mpsc::channel::<Seen>();
    let (content_root, layouts_root) = (content.canonical.clone(), layouts.as_ref().map(|l| l.canonical.clone()));
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        for seen in classify(res, &content, layouts.as_ref()) {
            // The builder is gone only when the server stops.
            let _ = tx.send(seen);
        }
    })
    .context("cannot start the file watcher")?;
    watcher
        .watch(&content_root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch `{}`", config.content_dir.display()))?;
    if let Some(root) = &layouts_root {
        watcher.watch(root, RecursiveMode::Recursive).with_context(|| format!("cannot watch `{}`", root.display()))?;
    }
    std::thread::Builder::new()
        .name("leernet-builder".into())
        .spawn(move || {
            while let Some(changes) = next_batch(&rx, &log) {
                let start = Instant::now();
                let generation = engine.rebuild(&changes);
                log(Event::Rebuilt {
                    generation: &generation,
                    took: start.elapsed(),
                    changed: changes.content.len() + usize::from(changes.layouts),
                });
                if publish.is_closed() {
                    return;
                }
                let old = publish.send_replace(Arc::new(generation));
                // Freeing a large site takes a while: not on the builder's time.
                let _ = std::thread::Builder::new().name("leernet-free".into()).spawn(move || drop(old));
            }
        })
        .context("cannot start the builder thread")?;
    Ok(watcher)
}

/// Waits for a change, then collects changes until `QUIET` passes without one (or
/// `MAX_WAIT` is reached). `None` when the watcher is gone.
fn next_batch(rx: &mpsc::Receiver<Seen>, log: &Log) -> Option<Changes> {
    let mut changes = Changes::default();
    let mut first: Option<Instant> = None;
    loop {
        let seen = match first {
            None => rx.recv().ok()?,
            Some(t) if t.elapsed() >= MAX_WAIT => return Some(dedup(changes)),
            Some(_) => match rx.recv_timeout(QUIET) {
                Ok(seen) => seen,
                Err(RecvTimeoutError::Timeout) => return Some(dedup(changes)),
                Err(RecvTimeoutError::Disconnected) => return None,
            },
        };
        match seen {
            Seen::Content(p) => changes.content.push(p),
            Seen::Layouts => changes.layouts = true,
            Seen::Rescan => changes.rescan = true,
            Seen::Error(e) => {
                log(Event::WatchError(e));
                continue;
            }
        }
        first.get_or_insert_with(Instant::now);
    }
}

fn dedup(mut changes: Changes) -> Changes {
    changes.content.sort();
    changes.content.dedup();
    changes
}

/// The changes an event stands for; nothing for reads and for editor temp files.
fn classify(res: notify::Result<notify::Event>, content: &Root, layouts: Option<&Root>) -> Vec<Seen> {
    let event = match res {
        Ok(e) => e,
        Err(e) => return vec![Seen::Error(e.to_string()), Seen::Rescan],
    };
    if event.need_rescan() {
        return vec![Seen::Rescan];
    }
    if matches!(event.kind, EventKind::Access(_)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for path in &event.paths {
        if let Some(rel) = inside(path, &content.canonical) {
            if !is_temp(rel) {
                out.push(Seen::Content(content.given.join(rel)));
            }
        } else if let Some(rel) = layouts.and_then(|l| inside(path, &l.canonical)) {
            if !is_temp(rel) {
                out.push(Seen::Layouts);
            }
        }
    }
    out
}

fn inside<'a>(path: &'a Path, root: &Path) -> Option<&'a Path> {
    path.strip_prefix(root).ok()
}

/// Editor temp files and hidden files (`.#x.md`, `x.md~`, `.x.md.swp`, `.DS_Store`), at
/// any depth: the build ignores them, so a change to them changes nothing.
pub fn is_temp(rel: &Path) -> bool {
    rel.components().any(|c| crate::load::is_ignored_name(&c.as_os_str().to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [".#x.md", "x.md~", ".x.md.swp", ".DS_Store", "#x.md#", ".git/index", "themas/.x.md.swo"] {
            assert!(is_temp(Path::new(name)), "{name}");
        }
        for name in ["themas/x.md", "site.yaml", "vocab.yaml", "media/wijk.svg"] {
            assert!(!is_temp(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn events_map_to_the_folder_the_engine_reads() {
        let content = Root { canonical: PathBuf::from("/abs/content"), given: PathBuf::from("content") };
        let layouts = Root { canonical: PathBuf::from("/abs/layouts"), given: PathBuf::from("layouts") };
        let ev = |kind, p: &str| Ok(notify::Event::new(kind).add_path(PathBuf::from(p)));
        let create = EventKind::Create(notify::event::CreateKind::File);
        let seen = classify(ev(create, "/abs/content/themas/x.md"), &content, Some(&layouts));
        assert!(matches!(&seen[..], [Seen::Content(p)] if p == Path::new("content/themas/x.md")));
        assert!(classify(ev(create, "/abs/content/themas/.x.md.swp"), &content, Some(&layouts)).is_empty());
        assert!(matches!(
            &classify(ev(create, "/abs/layouts/base.html"), &content, Some(&layouts))[..],
            [Seen::Layouts]
        ));
        let read = EventKind::Access(notify::event::AccessKind::Read);
        assert!(classify(ev(read, "/abs/content/themas/x.md"), &content, Some(&layouts)).is_empty());
        assert!(classify(ev(create, "/elsewhere/x.md"), &content, Some(&layouts)).is_empty());
    }

    #[test]
    fn a_storm_becomes_one_batch() {
        let (tx, rx) = mpsc::channel();
        for i in 0..100 {
            // A save: delete, create, write.
            for _ in 0..3 {
                tx.send(Seen::Content(PathBuf::from(format!("content/themas/{i}.md")))).unwrap();
            }
        }
        tx.send(Seen::Layouts).unwrap();
        let log: Log = Arc::new(|_| {});
        let batch = next_batch(&rx, &log).unwrap();
        assert_eq!(batch.content.len(), 100);
        assert!(batch.layouts);
        drop(tx);
        assert!(next_batch(&rx, &log).is_none());
    }
}
