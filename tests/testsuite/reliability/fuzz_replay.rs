//! The fuzz targets' invariants (`fuzz/checks.rs`) on stable Rust, in every `cargo test`:
//! every committed seed (`fuzz/corpus/<target>/`) and every input a target ever failed on
//! (`fuzz/regressions/<target>/`) is replayed, so a fixed crash stays fixed.

#[path = "../../../fuzz/checks.rs"]
pub mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut n = 0;
    for folder in ["corpus", "regressions"] {
        let dir = root.join(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
        files.sort();
        for file in files {
            if file.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                continue;
            }
            let data = std::fs::read(&file).unwrap();
            if let Err(e) = std::panic::catch_unwind(|| check(&data)) {
                let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
                panic!("{} fails the {target} invariants: {msg}", file.display());
            }
            n += 1;
        }
    }
    assert!(n >= 5, "{target}: only {n} inputs to replay");
}

#[test]
fn a01_a10_fuzz_frontmatter_seeds_and_regressions_replay_clean() {
    replay("frontmatter", checks::frontmatter::check);
}

#[test]
fn d25_fuzz_markdown_seeds_and_regressions_replay_clean() {
    replay("markdown", checks::markdown::check);
}

#[test]
fn b17_fuzz_slug_seeds_and_regressions_replay_clean() {
    replay("slug", checks::slug::check);
}

#[test]
fn h44_fuzz_serve_path_seeds_and_regressions_replay_clean() {
    replay("serve_path", checks::serve_path::check);
}
