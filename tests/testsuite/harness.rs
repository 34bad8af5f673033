//! Test trees in temporary folders and a runner for the `leernet` binary.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The date every case is checked on, so lifecycle rules give the same result forever.
pub const NOW: &str = "2026-01-15";

pub fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/testsuite")
}

pub fn cases_dir() -> PathBuf {
    suite_dir().join("cases")
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A scratch folder holding `content/` (and later `public/`), removed on drop.
pub struct Tree {
    pub root: PathBuf,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Tree {
    pub fn empty(tag: &str) -> Tree {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "leernet-test-{}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst),
            tag
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        Tree { root }
    }

    /// A copy of the valid base site.
    pub fn base() -> Tree {
        let t = Tree::empty("base");
        copy_dir(&suite_dir().join("base/content"), &t.content());
        t
    }

    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.content().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.content().join(rel)).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_leernet"));
        cmd.args(args).current_dir(&self.root).env_remove("SOURCE_DATE_EPOCH");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec!["check", "--now", NOW];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build", "--now", NOW];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Every file under `public/` with its bytes, sorted, for byte-identity checks.
    pub fn snapshot_public(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        collect(&self.public(), &self.public(), &mut out);
        out.sort();
        out
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            collect(root, &e.path(), out);
        } else {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read(e.path()).unwrap()));
        }
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// The headlines (`path:line:col: error: ...`) of a run, in order.
pub fn headlines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect()
}

/// The base site built once per test process, so every case can start from a previous
/// `public/` without paying for a build.
fn base_public() -> &'static Vec<(String, Vec<u8>)> {
    static BUILT: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let t = Tree::base();
        let r = t.build(&[]);
        assert_eq!(r.code, 0, "the base site must build:\n{}", r.stderr);
        t.snapshot_public()
    })
}

impl Tree {
    /// Puts the base site's output into `public/`, as a previous build would have left it.
    pub fn with_previous_public(&self) -> Vec<(String, Vec<u8>)> {
        let files = base_public();
        for (rel, bytes) in files {
            let p = self.public().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        files.clone()
    }
}

/// Asserts the ERR contract of RELIABILITY.md on a tree that has a previous `public/`:
/// `build` exits 1, its first message starts with `headline` (`path:line:col: error: ...`),
/// says the output was left as it was, and `public/` is byte-identical.
pub fn assert_build_refused(t: &Tree, args: &[&str], headline: &str) -> Run {
    let before = t.snapshot_public();
    assert!(!before.is_empty(), "no previous public/ to compare with");
    let r = t.build(args);
    assert_eq!(r.code, 1, "build must exit 1:\n{}", r.stderr);
    let heads = headlines(&r.stderr);
    assert!(heads.first().is_some_and(|h| h.starts_with(headline)), "expected {headline}\n got {heads:?}");
    assert!(r.stderr.contains("build stopped: public left as it was"), "{}", r.stderr);
    assert!(before == t.snapshot_public(), "public/ changed after a refused build");
    r
}

/// Runs `cases/<name>`: overlay, `remove`, `expect` (`exit N`, `args ...`, then one
/// expected headline prefix per line, in output order). `check` must give exactly those
/// messages; `build` with the same arguments, over a previous `public/`, must give the
/// same messages and exit code, and when that code is 1 (ERR) leave `public/`
/// byte-identical. A case that only warns must fail under `--strict`.
pub fn run_case(name: &str) {
    let dir = cases_dir().join(name);
    let t = Tree::base();
    let before = t.with_previous_public();
    if dir.join("content").is_dir() {
        copy_dir(&dir.join("content"), &t.content());
    }
    if let Ok(list) = std::fs::read_to_string(dir.join("remove")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            t.remove(rel.trim());
        }
    }
    let expect = std::fs::read_to_string(dir.join("expect")).unwrap_or_else(|_| panic!("{name}: no expect file"));
    let mut code = None;
    let mut args: Vec<String> = Vec::new();
    let mut wanted = Vec::new();
    for line in expect.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        if let Some(c) = line.strip_prefix("exit ") {
            code = Some(c.trim().parse::<i32>().unwrap());
        } else if let Some(a) = line.strip_prefix("args ") {
            args.extend(a.split_whitespace().map(String::from));
        } else {
            wanted.push(line.to_string());
        }
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = t.check(&argv);
    let got = headlines(&r.stderr);
    assert_eq!(Some(r.code), code, "{name}: exit code\n{}", r.stderr);
    assert_eq!(got.len(), wanted.len(), "{name}: expected {} messages, got:\n{}", wanted.len(), got.join("\n"));
    for (g, w) in got.iter().zip(&wanted) {
        assert!(g.starts_with(w.as_str()), "{name}:\n  expected: {w}\n  got:      {g}");
    }
    // The same through `build`, over the previous output.
    let b = t.build(&argv);
    assert_eq!(Some(b.code), code, "{name}: build exit code\n{}", b.stderr);
    assert_eq!(headlines(&b.stderr), got, "{name}: build and check disagree");
    if b.code == 1 {
        assert!(b.stderr.contains("build stopped: public left as it was"), "{name}:\n{}", b.stderr);
        assert!(before == t.snapshot_public(), "{name}: public/ changed after a refused build");
    } else if !got.is_empty() {
        let strict = t.check(&["--strict"]);
        assert_eq!(strict.code, 1, "{name}: a warning must fail under --strict\n{}", strict.stderr);
    }
    insta::with_settings!({ snapshot_path => suite_dir().join("snapshots"), prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, r.stderr);
    });
}
