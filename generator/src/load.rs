//! Reading `content/`: the only module that touches the content folder. It walks the tree
//! in a stable order, ignores editor temp files, refuses symlinks, oversized files and
//! anything that is not UTF-8, normalises BOM and line endings, and hands on `SourceFile`s.

use crate::diagnostics::Diagnostic;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Files above this size are refused before parsing (RELIABILITY A11).
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// One Markdown content file, decoded and normalised.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path inside the content folder with `/` separators: `leeraanbod/x.md`.
    pub rel: String,
    /// Path as shown to the editor: `content/leeraanbod/x.md`.
    pub display: String,
    /// The type folder: `leeraanbod`.
    pub folder: String,
    /// File name without `.md`.
    pub stem: String,
    /// UTF-8 text, BOM stripped, every line ending turned into `\n`.
    pub text: std::sync::Arc<str>,
}

/// A file under `media/`, copied to the output as it is.
#[derive(Debug, Clone)]
pub struct MediaFile {
    /// Path inside the content folder: `media/wijk.svg`.
    pub rel: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// Everything read from the content folder.
#[derive(Debug, Default)]
pub struct ContentTree {
    pub site_yaml: Option<SourceFile>,
    pub vocab_yaml: Option<SourceFile>,
    /// Shared, so the dev server hands on a file it read before without copying it.
    pub files: Vec<std::sync::Arc<SourceFile>>,
    pub media: Vec<MediaFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Last-commit date of each file (content-relative path), when git knows them.
    pub commit_dates: CommitDates,
    /// Things to tell the editor once, e.g. why `updated` falls back to `published`.
    pub notes: Vec<String>,
}

enum Entry {
    Content(PathBuf, String),
    Media(PathBuf, String),
}

impl Entry {
    fn rel(&self) -> &str {
        match self {
            Entry::Content(_, r) | Entry::Media(_, r) => r,
        }
    }
}

/// Last-commit date by content-relative path.
pub type CommitDates = std::sync::Arc<std::collections::HashMap<String, jiff::civil::Date>>;

/// Where `load` gets bytes and commit dates: the disk and git for a build; the dev server
/// passes a cache that re-reads only the files its watcher saw change (`serve::incremental`).
pub trait Source: Sync {
    fn len(&self, path: &Path) -> std::io::Result<u64>;
    fn read(&self, path: &Path) -> std::io::Result<std::sync::Arc<Vec<u8>>>;
    fn commit_dates(&self, content_dir: &Path) -> Result<CommitDates, String>;
    /// The text of the file at `path` whose bytes are `bytes` (see `decode`).
    fn text(&self, _path: &Path, bytes: &std::sync::Arc<Vec<u8>>) -> Result<std::sync::Arc<str>, String> {
        decode(bytes).map(Into::into)
    }
    /// The text of the file at `path` when it was read, passed the size limit and decoded
    /// before and has not changed since (a cache's answer in one lookup).
    fn decoded(&self, _path: &Path) -> Option<std::sync::Arc<str>> {
        None
    }
}

/// The disk and git, read anew on every call.
pub struct Disk;

impl Source for Disk {
    fn len(&self, path: &Path) -> std::io::Result<u64> {
        Ok(std::fs::metadata(path)?.len())
    }
    fn read(&self, path: &Path) -> std::io::Result<std::sync::Arc<Vec<u8>>> {
        std::fs::read(path).map(std::sync::Arc::new)
    }
    fn commit_dates(&self, content_dir: &Path) -> Result<CommitDates, String> {
        crate::history::last_commit_dates(content_dir).map(std::sync::Arc::new)
    }
}

/// Reads the content folder. I/O failures are errors; editors' mistakes are diagnostics.
pub fn load(content_dir: &Path, type_folders: &[&str]) -> Result<ContentTree> {
    load_from(content_dir, type_folders, &Disk)
}

/// `load`, with the bytes and commit dates taken from `source`.
pub fn load_from(content_dir: &Path, type_folders: &[&str], source: &dyn Source) -> Result<ContentTree> {
    let walk = walk(content_dir, type_folders)?;
    let read = read(&walk, source, None)?;
    Ok(assemble(&walk, &read, source))
}

/// What walking the content folder found: the files to read, in a stable order, and the
/// diagnostics about everything else (symbolic links, unknown folders, stray files).
pub struct Walk {
    root: PathBuf,
    display_root: String,
    entries: Vec<Entry>,
    /// Entry number by content-relative path.
    by_rel: crate::FastMap<String, usize>,
    diagnostics: Vec<Diagnostic>,
}

/// Walks the content folder.
pub fn walk(content_dir: &Path, type_folders: &[&str]) -> Result<Walk> {
    let meta = std::fs::metadata(content_dir)
        .with_context(|| format!("cannot read content folder `{}`", content_dir.display()))?;
    if !meta.is_dir() {
        anyhow::bail!("content folder `{}` is not a folder", content_dir.display());
    }
    let display_root = display_root(content_dir);
    let mut diagnostics = Vec::new();
    let mut entries = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        // Siblings share their parent's path, so comparing whole paths orders them by name,
        // without `sort_by_file_name` parsing each path for its last component.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.with_context(|| format!("cannot walk `{}`", content_dir.display()))?;
        if entry.depth() == 0 {
            continue;
        }
        let rel = rel_path(content_dir, entry.path());
        // Only messages show it.
        let shown = || format!("{display_root}{rel}");
        if entry.path_is_symlink() {
            diagnostics.push(
                Diagnostic::error(&shown(), "symbolic links are not allowed under content/")
                    .help("replace the link with the file itself; links are never followed"),
            );
            continue;
        }
        let top = rel.split('/').next().unwrap_or_default().to_string();
        let is_dir = entry.file_type().is_dir();
        match (entry.depth(), is_dir) {
            (1, true) if top != "media" && !type_folders.contains(&top.as_str()) => {
                let mut names: Vec<&str> = type_folders.to_vec();
                names.push("media");
                diagnostics.push(
                    Diagnostic::error(&shown(), format!("unknown folder \"{top}\""))
                        .help_opt(crate::diagnostics::did_you_mean(&top, names))
                        .help_or(format!("content folders are: {}, media", type_folders.join(", "))),
                );
            }
            (1, true) => {}
            (1, false) => match rel.as_str() {
                "site.yaml" | "vocab.yaml" => entries.push(Entry::Content(entry.into_path(), rel)),
                r if r.eq_ignore_ascii_case("readme.md") => {}
                _ => diagnostics.push(Diagnostic::error(&shown(), "unexpected file at the top of content/").help(
                    "only site.yaml, vocab.yaml and README.md live here; items go into a type folder such as themas/",
                )),
            },
            (_, true) if top == "media" => {}
            (_, true) if type_folders.contains(&top.as_str()) => {
                diagnostics.push(
                    Diagnostic::error(&shown(), "subfolders are not supported in a type folder")
                        .help(format!("move its files directly into {top}/")),
                );
            }
            (_, false) if top == "media" => entries.push(Entry::Media(entry.into_path(), rel)),
            (2, false) if type_folders.contains(&top.as_str()) => {
                if rel.ends_with(".md") {
                    entries.push(Entry::Content(entry.into_path(), rel));
                } else {
                    let what = if rel.ends_with(".html") || rel.ends_with(".htm") {
                        "HTML files are not content: write Markdown (`.md`)"
                    } else {
                        "not a Markdown file: content items are `.md` files"
                    };
                    diagnostics
                        .push(Diagnostic::error(&shown(), what).help("images and downloads belong in content/media/"));
                }
            }
            _ => {}
        }
    }
    let by_rel = entries.iter().enumerate().map(|(n, e)| (e.rel().to_string(), n)).collect();
    Ok(Walk { root: content_dir.to_path_buf(), display_root, entries, by_rel, diagnostics })
}

impl Walk {
    /// Whether walking again would find the same entries, given that nothing but `changed`
    /// (paths under the root, as the dev server's watcher names them) changed since: every
    /// changed path is a file the walk listed, and it is still a regular file. A path it
    /// does not list (a new file, a folder, a stray file), or one that is gone or became a
    /// link or a folder, needs a new walk.
    pub fn holds_after(&self, changed: &[PathBuf]) -> bool {
        changed
            .iter()
            .all(|p| self.number(p).is_some() && std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file()))
    }

    /// The entry number of `path`, when the walk lists it.
    fn number(&self, path: &Path) -> Option<usize> {
        let rel = rel_text(path.strip_prefix(&self.root).ok()?)?;
        self.by_rel.get(&rel).copied()
    }
}

/// A relative path as `a/b`, when every component is plain UTF-8.
fn rel_text(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel
        .components()
        .map(|c| match c {
            std::path::Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    parts.map(|p| p.join("/"))
}

/// Every entry of a walk as read: the file, or the diagnostic that refused it.
pub struct Read(Vec<Result<Either, Diagnostic>>);

/// Reads the entries of `walk` from `source`. With `previous` (what was read from the same
/// walk, and the paths changed since), only the changed entries are read again.
pub fn read(walk: &Walk, source: &dyn Source, previous: Option<(Read, &[PathBuf])>) -> Result<Read> {
    let read_all = |numbers: &[usize]| -> Result<Vec<Result<Either, Diagnostic>>> {
        numbers.par_iter().map(|&n| read_entry(&walk.entries[n], &walk.display_root, source)).collect()
    };
    match previous {
        Some((Read(mut old), changed)) if old.len() == walk.entries.len() => {
            let mut numbers: Vec<usize> = changed.iter().filter_map(|p| walk.number(p)).collect();
            numbers.sort_unstable();
            numbers.dedup();
            for (n, r) in numbers.iter().zip(read_all(&numbers)?) {
                old[*n] = r;
            }
            Ok(Read(old))
        }
        _ => Ok(Read(read_all(&(0..walk.entries.len()).collect::<Vec<_>>())?)),
    }
}

/// The content tree of a walk and what was read of it.
pub fn assemble(walk: &Walk, read: &Read, source: &dyn Source) -> ContentTree {
    let mut tree = ContentTree { diagnostics: walk.diagnostics.clone(), ..Default::default() };
    match source.commit_dates(&walk.root) {
        Ok(d) => tree.commit_dates = d,
        Err(why) => tree.notes.push(format!("`updated` falls back to `published`: {why}")),
    }
    tree.files.reserve(read.0.len());
    for r in &read.0 {
        match r {
            Ok(Either::File(f)) => match f.rel.as_str() {
                "site.yaml" => tree.site_yaml = Some(f.as_ref().clone()),
                "vocab.yaml" => tree.vocab_yaml = Some(f.as_ref().clone()),
                _ => tree.files.push(f.clone()),
            },
            Ok(Either::Media(m)) => tree.media.push(m.clone()),
            Err(d) => tree.diagnostics.push(d.clone()),
        }
    }
    tree
}

#[derive(Clone)]
enum Either {
    File(std::sync::Arc<SourceFile>),
    Media(MediaFile),
}

fn read_entry(entry: &Entry, display_root: &str, source: &dyn Source) -> Result<Result<Either, Diagnostic>> {
    let (path, rel, is_media) = match entry {
        Entry::Content(p, r) => (p, r.clone(), false),
        Entry::Media(p, r) => (p, r.clone(), true),
    };
    let shown = format!("{display_root}{rel}");
    if !is_media {
        if let Some(text) = source.decoded(path) {
            return Ok(Ok(Either::File(std::sync::Arc::new(source_file(rel, shown, text)))));
        }
    }
    let size = source.len(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    let limit = if is_media { 50 * MAX_FILE_BYTES } else { MAX_FILE_BYTES };
    if size > limit {
        return Ok(Err(Diagnostic::error(&shown, format!("file is {} bytes; the limit is {} bytes", size, limit))
            .help("split the text, or put large downloads elsewhere and link to them")));
    }
    let bytes = source.read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    if is_media {
        return Ok(Ok(Either::Media(MediaFile { rel, bytes })));
    }
    let text = match source.text(path, &bytes) {
        Ok(t) => t,
        Err(msg) => return Ok(Err(Diagnostic::error(&shown, msg).help("save the file as UTF-8"))),
    };
    Ok(Ok(Either::File(std::sync::Arc::new(source_file(rel, shown, text)))))
}

impl SourceFile {
    /// A file held in memory, as `load` reads `content/<rel>`: for tests that build a site
    /// without a folder.
    #[cfg(test)]
    pub(crate) fn in_memory(rel: &str, text: &str) -> SourceFile {
        source_file(rel.to_string(), format!("content/{rel}"), text.into())
    }
}

fn source_file(rel: String, display: String, text: std::sync::Arc<str>) -> SourceFile {
    let folder = rel.split('/').next().unwrap_or_default().to_string();
    let name = rel.rsplit('/').next().unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(name).to_string();
    SourceFile { rel, display, folder, stem, text }
}

/// UTF-8 only; a UTF-8 BOM is stripped, UTF-16 is named as such, and CRLF or lone CR
/// become LF so every platform gives identical output.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("file is UTF-16, not UTF-8".to_string());
    }
    let (bom, bytes) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    // The offset is of the file as saved, BOM included, so an editor can find it.
    let text =
        std::str::from_utf8(bytes).map_err(|e| format!("invalid UTF-8 at byte offset {}", bom + e.valid_up_to()))?;
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text.to_string())
    }
}

/// Editor temp and system files that are never content (RELIABILITY A13).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
}

fn rel_path(root: &Path, path: &Path) -> String {
    // Walked paths are the root joined with names, so their text starts with the root's:
    // the rest is the answer when it is plain `a/b` (no parsing into components).
    if std::path::MAIN_SEPARATOR == '/' {
        if let (Some(r), Some(p)) = (root.to_str(), path.to_str()) {
            if let Some(rest) = p.strip_prefix(r).map(|x| x.trim_start_matches('/')) {
                if !rest.is_empty() && rest.split('/').all(|c| !c.is_empty() && c != "." && c != "..") {
                    return rest.to_string();
                }
            }
        }
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// `content/` as the editor typed it, with a trailing slash, for messages.
fn display_root(content_dir: &Path) -> String {
    let s = content_dir.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s);
    if s.is_empty() || s == "." {
        String::new()
    } else if s.ends_with('/') {
        s.to_string()
    } else {
        format!("{s}/")
    }
}

/// Reads a layouts folder: templates and assets that override the built-in defaults.
/// Symlinks are refused here too (RELIABILITY B20).
pub fn load_layouts(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot walk `{}`", dir.display()))?;
        let name = entry.file_name().to_string_lossy();
        if entry.depth() == 0 || is_ignored_name(&name) {
            continue;
        }
        if entry.path_is_symlink() {
            anyhow::bail!("refusing the symbolic link `{}` in the layouts folder", entry.path().display());
        }
        if entry.file_type().is_file() {
            let bytes =
                std::fs::read(entry.path()).with_context(|| format!("failed to read `{}`", entry.path().display()))?;
            files.push((rel_path(dir, entry.path()), bytes));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_normalises_and_refuses() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc\n").unwrap(), "a\nb\nc\n");
        assert!(decode(b"\xFF\xFEa\0").unwrap_err().contains("UTF-16"));
        assert_eq!(decode(b"ab\xC3(").unwrap_err(), "invalid UTF-8 at byte offset 2");
        assert_eq!(decode(b"\xEF\xBB\xBFab\xC3(").unwrap_err(), "invalid UTF-8 at byte offset 5");
    }

    /// The dev server walks the folder again unless every changed path is a file the last
    /// walk listed that is still a regular file.
    #[test]
    fn a_walk_holds_only_after_edits_to_files_it_listed() {
        let dir = std::env::temp_dir().join(format!("leernet-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("themas")).unwrap();
        std::fs::create_dir_all(dir.join("media")).unwrap();
        for (rel, text) in
            [("site.yaml", "title: x\n"), ("themas/a.md", "---\ntitle: A\n---\n"), ("media/m.svg", "<svg/>")]
        {
            std::fs::write(dir.join(rel), text).unwrap();
        }
        let walk = walk(&dir, &["themas"]).unwrap();
        let holds = |paths: &[&str]| walk.holds_after(&paths.iter().map(|p| dir.join(p)).collect::<Vec<_>>());
        std::fs::write(dir.join("themas/a.md"), "---\ntitle: A2\n---\n").unwrap();
        assert!(holds(&["themas/a.md", "site.yaml", "media/m.svg"]), "edited files it listed");
        assert!(holds(&[]), "nothing changed");
        std::fs::write(dir.join("themas/b.md"), "---\ntitle: B\n---\n").unwrap();
        assert!(!holds(&["themas/b.md"]), "a new file");
        assert!(!holds(&["themas"]), "a folder");
        assert!(!holds(&["themas/x.html"]), "a file it does not list");
        std::fs::remove_file(dir.join("media/m.svg")).unwrap();
        assert!(!holds(&["media/m.svg"]), "a deleted file");
        std::fs::remove_file(dir.join("themas/a.md")).unwrap();
        std::fs::create_dir(dir.join("themas/a.md")).unwrap();
        assert!(!holds(&["themas/a.md"]), "a file that became a folder");
        #[cfg(unix)]
        {
            std::fs::remove_file(dir.join("site.yaml")).unwrap();
            std::os::unix::fs::symlink(dir.join("themas/b.md"), dir.join("site.yaml")).unwrap();
            assert!(!holds(&["site.yaml"]), "a file that became a link");
        }
        assert!(!walk.holds_after(&[PathBuf::from("/elders/site.yaml")]), "a path outside the folder");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Reading a walk again reads only the changed entries and keeps the others as they
    /// were read, so the tree equals a fresh load.
    #[test]
    fn reading_again_rereads_only_the_changed_files() {
        let dir = std::env::temp_dir().join(format!("leernet-reread-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("themas")).unwrap();
        std::fs::write(dir.join("themas/a.md"), "a1").unwrap();
        std::fs::write(dir.join("themas/b.md"), "b1").unwrap();
        let walk = walk(&dir, &["themas"]).unwrap();
        let first = read(&walk, &Disk, None).unwrap();
        std::fs::write(dir.join("themas/a.md"), "a2").unwrap();
        std::fs::write(dir.join("themas/b.md"), "b2").unwrap();
        // Only a.md is named as changed: b.md keeps what was read before.
        let again = read(&walk, &Disk, Some((first, &[dir.join("themas/a.md")]))).unwrap();
        let texts: Vec<String> = assemble(&walk, &again, &Disk).files.iter().map(|f| f.text.to_string()).collect();
        assert_eq!(texts, ["a2", "b1"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn temp_files_are_ignored() {
        for n in [".#x.md", "x.md~", ".x.md.swp", ".DS_Store", "#x.md#"] {
            assert!(is_ignored_name(n), "{n}");
        }
        assert!(!is_ignored_name("x.md"));
    }
}
