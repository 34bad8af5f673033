//! The content's git history: the date of each file's last commit, read in one `git log`
//! pass, so `updated` can fall back to it. Outside git or in a shallow clone the dates
//! are unknown and the caller falls back to `published` (and says so once).

use jiff::civil::Date;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// Last-commit dates by content-relative path (`leeraanbod/x.md`), or why there are none.
pub fn last_commit_dates(content_dir: &Path) -> Result<HashMap<String, Date>, String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(content_dir)
            .args(args)
            .output()
            .map_err(|e| format!("git is not available ({e})"))?;
        if !out.status.success() {
            return Err("the content folder is not in a git repository".into());
        }
        String::from_utf8(out.stdout).map_err(|_| "git printed something that is not UTF-8".into())
    };
    if git(&["rev-parse", "--is-shallow-repository"])?.trim() == "true" {
        return Err("the repository is a shallow clone".into());
    }
    let prefix = git(&["rev-parse", "--show-prefix"])?.trim().to_string();
    // One pass, newest commit first: the first date seen for a path is its last commit.
    let log = git(&["-c", "core.quotepath=off", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."])?;
    let zone = jiff::tz::TimeZone::get(crate::dates::ZONE).unwrap_or(jiff::tz::TimeZone::UTC);
    let mut dates = HashMap::new();
    let mut current: Option<Date> = None;
    for line in log.lines() {
        if let Some(stamp) = line.strip_prefix('\0') {
            current = stamp.parse::<jiff::Timestamp>().ok().map(|t| t.to_zoned(zone.clone()).date());
        } else if let (Some(d), Some(rel)) = (current, line.strip_prefix(prefix.as_str())) {
            if !rel.is_empty() {
                dates.entry(rel.to_string()).or_insert(d);
            }
        }
    }
    Ok(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_real_contents_history() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        match last_commit_dates(&dir) {
            // In a full clone every committed content file has a date.
            Ok(d) => {
                assert!(d.contains_key("themas/armoede-en-schulden.md"), "{:?}", d.keys().take(3).collect::<Vec<_>>())
            }
            // A shallow clone or an export without git is reported, not guessed.
            Err(why) => assert!(why.contains("shallow") || why.contains("git"), "{why}"),
        }
    }
}
