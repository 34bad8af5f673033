//! Writing the site: the only module that writes the output folder. It builds into a
//! temporary sibling folder and renames it into place, so a failed or killed build leaves
//! the previous output byte-identical; it refuses folders it did not create.

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

/// Writes `files` as the new content of `out`, atomically.
pub fn write_site(out: &Path, content_dir: &Path, files: &[OutputFile]) -> Result<()> {
    let previous = sibling(out, "previous")?;
    // A build killed between the two renames below left the old site here: put it back.
    if !out.exists() && previous.is_dir() {
        std::fs::rename(&previous, out).with_context(|| format!("failed to restore `{}`", out.display()))?;
    }
    check_target(out, content_dir)?;
    let tmp = sibling(out, &format!("tmp-{}", std::process::id()))?;
    remove_stale(out)?;
    let result = write_tree(&tmp, files);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    // From here on a failure removes the new site again: nothing half-written stays.
    let undo = |e: std::io::Error, what: String| {
        let _ = std::fs::remove_dir_all(&tmp);
        anyhow::Error::new(e).context(what)
    };
    if out.exists() {
        if previous.exists() {
            std::fs::remove_dir_all(&previous)
                .map_err(|e| undo(e, format!("failed to remove `{}`", previous.display())))?;
        }
        std::fs::rename(out, &previous).map_err(|e| undo(e, format!("failed to move `{}` aside", out.display())))?;
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        let _ = std::fs::rename(&previous, out);
        return Err(undo(e, format!("failed to move the new site into `{}`", out.display())));
    }
    if previous.exists() {
        if let Err(e) = std::fs::remove_dir_all(&previous) {
            // The old site cannot be removed (a read-only folder): put it back, so a failed
            // build leaves the output as it was (RELIABILITY G42). `remove_dir_all` stops at
            // the first entry it may not delete, so a read-only site comes back whole.
            let _ = std::fs::rename(out, &tmp);
            let _ = std::fs::rename(&previous, out);
            let what = format!(
                "failed to remove the previous site `{}`; `{}` left as it was",
                previous.display(),
                out.display()
            );
            return Err(undo(e, what));
        }
    }
    Ok(())
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
            std::fs::remove_dir_all(e.path())
                .with_context(|| format!("failed to remove stale `{}`", e.path().display()))?;
        }
    }
    Ok(())
}

fn write_tree(root: &Path, files: &[OutputFile]) -> Result<()> {
    use rayon::prelude::*;
    std::fs::create_dir_all(root).with_context(|| format!("failed to create `{}`", root.display()))?;
    std::fs::write(root.join(MARKER), b"Made by leernet; replaced on every build.\n")
        .with_context(|| format!("failed to write `{}`", root.join(MARKER).display()))?;
    if let Some(bad) = files.iter().find(|f| !is_safe_relative(&f.path)) {
        bail!("refusing to write `{}`: the path leaves the output folder", bad.path);
    }
    // Folders first (sorted, so parents come before children), then the files in parallel:
    // creating files is mostly system time, which two cores halve.
    let dirs: std::collections::BTreeSet<&str> =
        files.iter().filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d)).collect();
    for d in &dirs {
        let dir = root.join(d);
        std::fs::create_dir_all(&dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = root.join(&f.path);
        std::fs::write(&path, &f.bytes).with_context(|| format!("failed to write `{}`", path.display()))
    })
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
