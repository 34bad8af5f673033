//! Writing the site: the only module that writes the output folder. Files are written as
//! they are rendered into a temporary sibling folder, which is renamed into place once the
//! whole site is there, so a failed or killed build leaves the previous output
//! byte-identical; it refuses folders it did not create.

use anyhow::{bail, Context, Result};
use std::path::{Component, Path, PathBuf};

/// The marker file that says "leernet made this folder and may replace it".
pub const MARKER: &str = ".leernet-output";

/// One file of the site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators: `themas/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// True when `path` is relative, has no `..`, no backslash and no empty or drive parts,
/// so joining it to the output folder can only land inside it.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains(':')
        && path.split('/').all(|p| !p.is_empty() && p != "." && p != "..")
        && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
}

/// Checks that `out` may be (re)placed: not the content folder or a parent of it, not a
/// folder with `.git`, and either absent, empty, or made by leernet.
pub fn check_target(out: &Path, content_dir: &Path) -> Result<()> {
    let abs_out = absolute(out)?;
    let abs_content = absolute(content_dir)?;
    if abs_content.starts_with(&abs_out) {
        bail!("refusing to write the site to `{}`: it holds the content folder", out.display());
    }
    if abs_out.starts_with(&abs_content) {
        bail!("refusing to write the site to `{}`: it is inside the content folder", out.display());
    }
    if abs_out.join(".git").exists() {
        bail!("refusing to write the site to `{}`: it holds a git repository", out.display());
    }
    if out.exists() {
        if !out.is_dir() {
            bail!("refusing to write the site to `{}`: it is a file, not a folder", out.display());
        }
        let empty =
            std::fs::read_dir(out).with_context(|| format!("failed to read `{}`", out.display()))?.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            bail!(
                "refusing to replace `{}`: leernet did not create it (no {MARKER} file); remove it or choose another --out",
                out.display()
            );
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().context("cannot read the current folder")?.join(p)
    };
    // Normalise `.` and `..` lexically; the folder may not exist yet.
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    Ok(out)
}

fn sibling(out: &Path, suffix: &str) -> Result<PathBuf> {
    let abs = absolute(out)?;
    let name = abs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let parent = abs.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    Ok(parent.join(format!(".{name}.{suffix}")))
}

/// Where output files go as they are made: a folder being staged (`leernet build`) or
/// memory (the dev server, `bundle`, tests). Rendering calls `put` from many threads.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()>;
}

/// Output files kept in memory.
#[derive(Debug, Default)]
pub struct Memory(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file);
        Ok(())
    }
}

impl Memory {
    /// The files, sorted by path.
    pub fn into_sorted(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// A new site being written beside `out`, in a temporary sibling folder: files are written
/// as they are rendered, and `commit` swaps the folder into place. Dropped without
/// `commit` (a failed build), it removes itself; a killed build leaves it for the next
/// build to remove. Either way `out` is untouched until `commit`.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    previous: PathBuf,
    committed: bool,
    /// The folders made so far, by the hash of their path inside the output, in shards by
    /// that hash: most pages are the only file of a new folder, which is made before the
    /// file instead of after a failed attempt to create the file (a wasted lookup in a
    /// folder of thousands of entries, per page).
    folders: Box<[std::sync::Mutex<crate::FastMap<u64, ()>>]>,
}

/// How many shards `Staging::folders` has: enough that two threads rarely wait.
const FOLDER_SHARDS: usize = 16;

impl Staging {
    /// Checks that `out` may be replaced, clears what killed builds left, and creates the
    /// temporary folder with its marker.
    pub fn begin(out: &Path, content_dir: &Path) -> Result<Staging> {
        let previous = sibling(out, "previous")?;
        // A build killed between the two renames of `commit` left the old site here: put it back.
        if !out.exists() && previous.is_dir() {
            std::fs::rename(&previous, out).with_context(|| format!("failed to restore `{}`", out.display()))?;
        }
        check_target(out, content_dir)?;
        remove_stale(out)?;
        let tmp = sibling(out, &format!("tmp-{}", std::process::id()))?;
        std::fs::create_dir_all(&tmp).with_context(|| format!("failed to create `{}`", tmp.display()))?;
        let staging = Staging {
            out: out.to_path_buf(),
            tmp,
            previous,
            committed: false,
            folders: (0..FOLDER_SHARDS).map(|_| std::sync::Mutex::default()).collect(),
        };
        let marker = staging.tmp.join(MARKER);
        std::fs::write(&marker, b"Made by leernet; replaced on every build.\n")
            .with_context(|| format!("failed to write `{}`", marker.display()))?;
        Ok(staging)
    }

    /// Moves the new site into place: the old one aside, the new one in, the old one removed.
    pub fn commit(mut self) -> Result<()> {
        let (out, tmp, previous) = (&self.out, &self.tmp, &self.previous);
        if out.exists() {
            if previous.exists() {
                remove_tree(previous).with_context(|| format!("failed to remove `{}`", previous.display()))?;
            }
            std::fs::rename(out, previous).with_context(|| format!("failed to move `{}` aside", out.display()))?;
        }
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(previous, out);
            return Err(e).with_context(|| format!("failed to move the new site into `{}`", out.display()));
        }
        if previous.exists() {
            if let Err(e) = remove_tree(previous) {
                // The old site cannot be removed (a read-only folder): put it back, so a failed
                // build leaves the output as it was (RELIABILITY G42); dropping `self` then
                // removes the new one. `remove_tree` stops at the first entry it may not
                // delete, so a read-only site comes back whole.
                let _ = std::fs::rename(out, tmp);
                let _ = std::fs::rename(previous, out);
                return Err(e).with_context(|| {
                    format!(
                        "failed to remove the previous site `{}`; `{}` left as it was",
                        previous.display(),
                        out.display()
                    )
                });
            }
        }
        self.committed = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<()> {
        if !is_safe_relative(&file.path) {
            bail!("refusing to write `{}`: the path leaves the output folder", file.path);
        }
        let path = self.tmp.join(&file.path);
        // A file's folder is made before its first file, once: no stat calls, and no
        // failed open per new folder.
        if let Some((folder, _)) = file.path.rsplit_once('/') {
            let key = crate::fast_hash(folder);
            let shard = &self.folders[(key >> 60) as usize % FOLDER_SHARDS];
            let made = shard.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains_key(&key);
            if !made {
                let dir = self.tmp.join(folder);
                std::fs::create_dir_all(&dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
                shard.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key, ());
            }
        }
        match std::fs::write(&path, &file.bytes) {
            // Another folder with the same hash was made, not this one (as good as never).
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
                }
                std::fs::write(&path, &file.bytes)
            }
            r => r,
        }
        .with_context(|| format!("failed to write `{}`", path.display()))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.tmp);
        }
    }
}

/// Writes `files` as the new content of `out`, atomically.
pub fn write_site(out: &Path, content_dir: &Path, files: &[OutputFile]) -> Result<()> {
    use rayon::prelude::*;
    let staging = Staging::begin(out, content_dir)?;
    files.par_iter().try_for_each(|f| staging.put(f.clone()))?;
    staging.commit()
}

/// How many threads remove a site. Removing waits on the file system more than it computes
/// (on a disk mounted with `discard`, every freed block is trimmed before `unlink` returns),
/// so more threads than cores help: a 10,000-item site (15,000 folders) took 5.8-6.0 s to
/// remove with one thread and 2.2 s with eight, on two cores (README, performance).
const REMOVERS: usize = 8;

/// Removes the folder `root` and everything in it, as `std::fs::remove_dir_all` does, with
/// its top-level entries (`leeraanbod/`, `publicaties/`, ...) removed side by side on
/// `REMOVERS` threads, each by `remove_dir_all`. The entries are reached through the folder
/// opened once (`/proc/self/fd/N/...`), never through `root`'s path again, so a folder
/// swapped for a symbolic link meanwhile cannot send the removal elsewhere; without
/// `/proc`, or off Linux, the whole tree goes on one thread. Stops at the first entry it may
/// not remove (the other threads finish the entry they are at), so a site whose folders
/// are all read-only loses nothing.
fn remove_tree(root: &Path) -> std::io::Result<()> {
    let Some(opened) = OpenedDir::new(root) else {
        return std::fs::remove_dir_all(root);
    };
    // Each entry's type as the listing gives it (a link is not a folder), without a stat.
    let entries = std::fs::read_dir(&opened.path)?
        .map(|e| e.and_then(|e| Ok((e.path(), e.file_type()?.is_dir()))))
        .collect::<std::io::Result<Vec<_>>>()?;
    each_on_threads(
        &entries,
        |(entry, is_dir)| {
            if *is_dir {
                std::fs::remove_dir_all(entry)
            } else {
                std::fs::remove_file(entry)
            }
        },
    )?;
    drop(opened);
    std::fs::remove_dir(root)
}

/// A folder held open, and the path that reaches it through the open file rather than
/// through its name.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
struct OpenedDir {
    _file: std::fs::File,
    path: PathBuf,
}

impl OpenedDir {
    #[cfg(target_os = "linux")]
    fn new(dir: &Path) -> Option<OpenedDir> {
        use std::os::unix::fs::MetadataExt;
        use std::os::unix::io::AsRawFd;
        let file = std::fs::File::open(dir).ok()?;
        // What was opened is the folder `dir` names now, not a link followed on the way.
        let (opened, named) = (file.metadata().ok()?, std::fs::symlink_metadata(dir).ok()?);
        if !named.is_dir() || (opened.dev(), opened.ino()) != (named.dev(), named.ino()) {
            return None;
        }
        let path = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        let through = std::fs::metadata(&path).ok()?;
        ((through.dev(), through.ino()) == (opened.dev(), opened.ino())).then_some(OpenedDir { _file: file, path })
    }

    #[cfg(not(target_os = "linux"))]
    fn new(_: &Path) -> Option<OpenedDir> {
        None
    }
}

/// Runs `op` on every item, on up to `REMOVERS` threads (the calling one among them); the
/// first error stops the rest.
fn each_on_threads<T: Sync>(items: &[T], op: impl Fn(&T) -> std::io::Result<()> + Sync) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
    let (next, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
    let failed: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);
    let work = || {
        while !stop.load(Relaxed) {
            let Some(item) = items.get(next.fetch_add(1, Relaxed)) else { break };
            if let Err(e) = op(item) {
                stop.store(true, Relaxed);
                failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get_or_insert(e);
            }
        }
    };
    std::thread::scope(|s| {
        // A thread the system refuses is one remover fewer, never a panic: the calling
        // thread removes too.
        for _ in 1..REMOVERS.min(items.len()) {
            let _ = std::thread::Builder::new().spawn_scoped(s, work);
        }
        work();
    });
    match failed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Temporary folders of builds that were killed.
fn remove_stale(out: &Path) -> Result<()> {
    let probe = sibling(out, "tmp-")?;
    let (Some(parent), Some(prefix)) = (probe.parent(), probe.file_name().map(|n| n.to_string_lossy().into_owned()))
    else {
        return Ok(());
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix) {
            remove_tree(&e.path()).with_context(|| format!("failed to remove stale `{}`", e.path().display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inside_paths_are_safe() {
        assert!(is_safe_relative("themas/x/index.html"));
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "a\\..\\b", "C:/x", "./a"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }

    /// A site-like tree goes whole, with more top-level entries than threads; links in it
    /// are removed, not followed, so what they point at stays.
    #[cfg(unix)]
    #[test]
    fn remove_tree_removes_everything_and_follows_no_link() {
        let dir = std::env::temp_dir().join(format!("leernet-remove-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (site, outside) = (dir.join("site"), dir.join("outside"));
        std::fs::create_dir_all(outside.join("folder")).unwrap();
        std::fs::write(outside.join("folder/keep.txt"), "mine").unwrap();
        std::fs::write(outside.join("keep.txt"), "mine").unwrap();
        for n in 0..3 * REMOVERS {
            let page = site.join(format!("soort-{n}/item-{n}"));
            std::fs::create_dir_all(page.join("leeg")).unwrap();
            std::fs::write(page.join("index.html"), "x").unwrap();
            std::fs::write(site.join(format!("bestand-{n}.js")), "x").unwrap();
        }
        std::os::unix::fs::symlink(outside.join("folder"), site.join("soort-0/naar-map")).unwrap();
        std::os::unix::fs::symlink(outside.join("keep.txt"), site.join("naar-bestand")).unwrap();
        std::os::unix::fs::symlink(outside.join("folder"), site.join("naar-map")).unwrap();
        remove_tree(&site).unwrap();
        assert!(!site.exists() && std::fs::symlink_metadata(&site).is_err());
        assert_eq!(std::fs::read_to_string(outside.join("folder/keep.txt")).unwrap(), "mine");
        assert_eq!(std::fs::read_to_string(outside.join("keep.txt")).unwrap(), "mine");
        // A link given as the tree is removed itself, as `remove_dir_all` does.
        let link = dir.join("link");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        remove_tree(&link).unwrap();
        assert!(std::fs::symlink_metadata(&link).is_err());
        assert_eq!(std::fs::read_to_string(outside.join("folder/keep.txt")).unwrap(), "mine");
        // A tree that is not there is an error, as it is for `remove_dir_all`.
        assert_eq!(remove_tree(&site).unwrap_err().kind(), std::io::ErrorKind::NotFound);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The first error comes back, and stops the threads.
    #[test]
    fn each_on_threads_returns_the_first_error() {
        // Each item but the first takes a millisecond: ten seconds of work on one thread,
        // which the threads must not finish once the first item has failed.
        let items: Vec<usize> = (0..10_000).collect();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let r = each_on_threads(&items, |&i| {
            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i == 0 {
                return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "nee"));
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
            Ok(())
        });
        assert_eq!(r.unwrap_err().kind(), std::io::ErrorKind::PermissionDenied);
        assert!(done.into_inner() < items.len(), "the threads went on after the error");
        assert!(each_on_threads(&items, |_| Ok(())).is_ok());
        assert!(each_on_threads(&[] as &[usize], |_| Ok(())).is_ok());
    }

    #[test]
    fn replaces_atomically_and_refuses_foreign_folders() {
        let dir = std::env::temp_dir().join(format!("leernet-out-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let content = dir.join("content");
        std::fs::create_dir_all(&content).unwrap();
        let out = dir.join("public");
        let f = |p: &str, b: &str| OutputFile { path: p.into(), bytes: b.as_bytes().to_vec() };
        write_site(&out, &content, &[f("index.html", "een"), f("a/index.html", "a")]).unwrap();
        write_site(&out, &content, &[f("index.html", "twee")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "twee");
        assert!(!out.join("a").exists(), "stale files must go");
        // A failing write leaves the previous site as it was.
        assert!(write_site(&out, &content, &[f("ok.html", "x"), f("../escape", "x")]).is_err());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "twee");
        // Foreign folders, the content folder and its parents are refused.
        let foreign = dir.join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(write_site(&foreign, &content, &[f("index.html", "x")]).is_err());
        assert_eq!(std::fs::read_to_string(foreign.join("keep.txt")).unwrap(), "mine");
        assert!(write_site(&content, &content, &[]).is_err());
        assert!(write_site(&dir, &content, &[]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
