//! leernet's integration tests: the real binary run over fixture trees. Every case in
//! `cases/<name>/` overlays `base/content` (a small valid site with every type), runs
//! `leernet check` and asserts the exit code and the exact `file:line:col` headlines
//! listed in its `expect` file; the full text is an insta snapshot. Cases that need a tree
//! git cannot hold (symlinks, invalid UTF-8 names, huge files) are built in code.

mod build;
mod content;
mod harness;
mod programmatic;
mod reliability;
mod search;
mod serve;

use harness::*;

/// Every folder under `cases/` is one case.
#[test]
fn fixture_cases() {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 30, "expected the full set of cases, found {}", names.len());
    let mut failures = Vec::new();
    for name in &names {
        if let Err(e) = std::panic::catch_unwind(|| run_case(name)) {
            let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
            failures.push(format!("{name}: {}", msg.unwrap_or_default()));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn base_fixture_is_clean_under_strict() {
    let t = Tree::base();
    let r = t.check(&["--strict"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("no errors, no warnings"), "{}", r.stderr);
}
