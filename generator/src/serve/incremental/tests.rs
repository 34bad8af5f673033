//! The incremental engine equals a fresh full build: after every step of a random sequence
//! of edits (titles, bodies, links, broken front matter, vocabulary, media), renames,
//! deletions, copies and restores, what the server would serve (page by page, through
//! `Ready::get`, before anything renders the whole site) and the whole output are byte for
//! byte the files of `pipeline::render` on the same folder, and the diagnostics are the same.
//!
//! `LEERNET_EQUIV_STEPS` and `LEERNET_EQUIV_SEED` run longer or other sequences.

use super::*;
use crate::pipeline;
use std::collections::BTreeSet;
use std::fs;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("leernet-incremental-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Markdown files under `dir`, content-relative.
fn markdown_files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// One random change to the tree; returns the paths touched (as the watcher would).
fn mutate(rng: &mut Rng, dir: &Path, original: &BTreeMap<String, Vec<u8>>, step: usize) -> (String, Vec<PathBuf>) {
    let files = markdown_files(dir);
    if files.is_empty() {
        copy_back(dir, original);
        return ("restore all (empty)".into(), vec![dir.to_path_buf()]);
    }
    let rel = rng.pick(&files).clone();
    let path = dir.join(&rel);
    let text = fs::read_to_string(&path).unwrap_or_default();
    let roll = rng.below(100);
    let what = match roll {
        0..=21 => {
            let para = format!("\n\nStap {step}: een nieuwe alinea met *nadruk* en `code`.\n\n## Kop {step}\n");
            fs::write(&path, format!("{text}{para}")).unwrap();
            format!("body of {rel}")
        }
        22..=35 => {
            let edited = text.replacen("title: ", &format!("title: Stap {step} "), 1);
            fs::write(&path, edited).unwrap();
            format!("title of {rel}")
        }
        36..=45 => {
            let target = rng.pick(&files).clone();
            let anchor = if rng.below(3) == 0 { "#aanpak" } else { "" };
            fs::write(&path, format!("{text}\n\nZie [ook](@/{target}{anchor}).\n")).unwrap();
            format!("link {rel} -> {target}{anchor}")
        }
        46..=50 => {
            fs::write(&path, text.replacen("---\n", "---\ntitel: fout\n", 1)).unwrap();
            format!("break {rel}")
        }
        51..=58 => {
            let to = rel.replace(".md", &format!("-r{step}.md"));
            fs::rename(&path, dir.join(&to)).unwrap();
            return (format!("rename {rel} -> {to}"), vec![path, dir.join(to)]);
        }
        59..=65 => {
            fs::remove_file(&path).unwrap();
            format!("delete {rel}")
        }
        66..=74 => {
            let to = rel.replace(".md", &format!("-c{step}.md"));
            fs::write(dir.join(&to), &text).unwrap();
            return (format!("copy {rel} -> {to}"), vec![dir.join(to)]);
        }
        75..=78 => {
            let media = dir.join("media");
            fs::create_dir_all(&media).unwrap();
            let name = format!("media/plaatje-{}.svg", rng.below(3));
            fs::write(dir.join(&name), format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- {step} --></svg>"))
                .unwrap();
            return (format!("media {name}"), vec![dir.join(name)]);
        }
        79..=80 => {
            let vocab = dir.join("vocab.yaml");
            let v = fs::read_to_string(&vocab).unwrap_or_default();
            let edited =
                if v.contains("# stap") { v.replacen("# stap", "#", 1) } else { format!("{v}\n# stap {step}\n") };
            fs::write(&vocab, edited).unwrap();
            return ("vocab.yaml".into(), vec![vocab]);
        }
        81..=82 => {
            let site = dir.join("site.yaml");
            let s = fs::read_to_string(&site).unwrap_or_default();
            fs::write(&site, s.replacen("title: ", &format!("title: S{step} "), 1)).unwrap();
            return ("site.yaml".into(), vec![site]);
        }
        83..=85 => {
            // Holding an item back (or publishing it again) changes what every other item's
            // references and links resolve to, though their files are unchanged.
            let edited = if text.contains("\ndraft: true\n") {
                text.replacen("\ndraft: true\n", "\n", 1)
            } else {
                text.replacen("---\n", "---\ndraft: true\n", 1)
            };
            fs::write(&path, edited).unwrap();
            format!("draft toggled in {rel}")
        }
        86..=95 => {
            let (orig, bytes) = original.iter().nth(rng.below(original.len())).unwrap();
            let p = dir.join(orig);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, bytes).unwrap();
            return (format!("restore {orig}"), vec![p]);
        }
        _ => {
            copy_back(dir, original);
            return ("restore all".into(), vec![dir.to_path_buf()]);
        }
    };
    (what, vec![path])
}

/// The tree as it was at the start, and nothing else.
fn copy_back(dir: &Path, original: &BTreeMap<String, Vec<u8>>) {
    fs::remove_dir_all(dir).unwrap();
    for (rel, bytes) in original {
        let p = dir.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), fs::read(e.path()).unwrap())
        })
        .collect()
}

/// What the server serves equals a fresh full build of the same folder.
fn assert_equal(generation: &Generation, dir: &Path, options: &Options, what: &str) -> bool {
    let fresh = match pipeline::render(dir, None, options.clone(), &mut Timings::default()) {
        Ok(built) => built,
        // The build can fail after the check (the output link check); the whole output
        // must then fail the same way.
        Err(e) => {
            let Outcome::Ready(ready) = &generation.outcome else {
                panic!("after {what}: a build failure ({e:#}) not seen")
            };
            assert_eq!(ready.all().err(), Some(format!("{e:#}")), "after {what}");
            return false;
        }
    };
    match (&generation.outcome, fresh.files) {
        (Outcome::Ready(ready), Some(files)) => {
            assert_eq!(ready.diagnostics, fresh.diagnostics, "after {what}: warnings differ");
            // Page by page first, as the server renders them on request.
            let mut order: Vec<&OutputFile> = files.iter().collect();
            order.sort_by_key(|f| (family(&f.path) != Family::Page, f.path.clone()));
            for f in order {
                let got = ready.get(&f.path).unwrap_or_else(|e| panic!("after {what}: {}: {e}", f.path));
                assert!(got.as_deref() == Some(&f.bytes), "after {what}: {} differs from a fresh build", f.path);
            }
            let all = ready.all().unwrap();
            let served: BTreeSet<&String> = all.keys().collect();
            let built: BTreeSet<&String> = files.iter().map(|f| &f.path).collect();
            let only_served: Vec<_> = served.difference(&built).collect();
            let only_built: Vec<_> = built.difference(&served).collect();
            assert!(
                only_served.is_empty() && only_built.is_empty(),
                "after {what}: only served {only_served:?}, only built {only_built:?}"
            );
            for missing in
                ["gibt-es-nicht/index.html", "themas/gibt-es-nicht/index.html", "x.json", "zoeken/index/x.js"]
            {
                assert_eq!(ready.get(missing).unwrap(), None, "after {what}: {missing}");
            }
            true
        }
        (Outcome::Broken(diags), None) => {
            assert_eq!(diags, &fresh.diagnostics, "after {what}: diagnostics differ");
            false
        }
        (Outcome::Ready(_), None) => panic!("after {what}: served a site where a fresh build has errors"),
        (Outcome::Broken(d), Some(_)) => panic!("after {what}: errors where a fresh build has none: {d:?}"),
        (Outcome::Failed(m), _) => panic!("after {what}: failed: {m}"),
    }
}

fn run_sequence(name: &str, source: &Path, options: Options, default_steps: usize) {
    let steps = std::env::var("LEERNET_EQUIV_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(default_steps);
    let seed = std::env::var("LEERNET_EQUIV_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_1EE2);
    let dir = temp_dir(name);
    copy_tree(source, &dir);
    let original = snapshot(&dir);
    let mut engine = Engine::new(&dir, None, options.clone());
    let mut rng = Rng(seed);
    let first = engine.rebuild(&Changes::default());
    let mut ready = usize::from(assert_equal(&first, &dir, &options, "the first build"));
    let mut log = Vec::new();
    for step in 0..steps {
        let (what, touched) = mutate(&mut rng, &dir, &original, step);
        log.push(what.clone());
        let generation = engine.rebuild(&Changes { content: touched, ..Default::default() });
        let ctx = format!("step {step} ({what}); seed {seed}; steps so far:\n  {}", log.join("\n  "));
        ready += usize::from(assert_equal(&generation, &dir, &options, &ctx));
    }
    let _ = fs::remove_dir_all(&dir);
    // The sequence must reach both states several times, or it proves little.
    let floor = (steps / 10).clamp(1, 5);
    assert!(ready >= floor, "only {ready} of {steps} steps built a site");
    assert!(steps + 1 - ready >= floor, "{ready} of {steps} steps built a site: too few errors exercised");
}

#[test]
fn random_edits_renames_and_deletions_equal_a_fresh_build() {
    let now = jiff::civil::date(2026, 11, 28);
    let base = repo().join("tests/testsuite/base/content");
    run_sequence("base", &base, Options { now, ..Default::default() }, 60);
}

#[test]
fn random_edits_with_drafts_on_the_real_content_equal_a_fresh_build() {
    let now = jiff::civil::date(2026, 11, 28);
    run_sequence("real", &repo().join("content"), Options { now, drafts: true, ..Default::default() }, 8);
}

#[test]
fn every_output_path_has_a_family_that_renders_it() {
    // A new kind of output that the families do not know still gets served (through the
    // whole output), but slowly: this keeps them honest for the real content.
    let now = jiff::civil::date(2026, 11, 28);
    let mut engine = Engine::new(&repo().join("content"), None, Options { now, ..Default::default() });
    let Outcome::Ready(ready) = engine.rebuild(&Changes::default()).outcome else {
        panic!("the real content is broken")
    };
    let layouts = Layouts::defaults();
    let all = crate::pipeline::outputs(&ready.site, &layouts, &mut Timings::default()).unwrap();
    let search: HashSet<String> =
        crate::search::index_files(&ready.site).unwrap().into_iter().map(|f| f.path).collect();
    for f in all.iter().filter(|f| family(&f.path) != Family::Whole) {
        let found = match family(&f.path) {
            Family::Page => ready.page(&f.path).unwrap().is_some(),
            _ => search.contains(&f.path),
        };
        assert!(found, "{} is not rendered by its family {:?}", f.path, family(&f.path));
    }
    assert!(ready.whole.get().is_none(), "rendering single pages must not render the whole site");
}

#[test]
fn an_unchanged_body_is_reused_only_with_the_same_link_answers() {
    struct Fixed(&'static str);
    impl LinkResolver for Fixed {
        fn resolve_page(&self, _: &str, _: Option<&str>) -> Resolution {
            Resolution::Url(self.0.to_string())
        }
        fn resolve_asset(&self, _: &str) -> Resolution {
            Resolution::Missing("no".into())
        }
    }
    let rec = Recorder { inner: &Fixed("../a/index.html"), asked: RefCell::new(Vec::new()) };
    let r = crate::markdown::render("[x](a.md) ![i](media/i.svg)", &rec);
    assert!(r.html.contains("../a/index.html"));
    let asked = rec.asked.into_inner();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(same_answers(&asked, &Fixed("../a/index.html")));
    assert!(!same_answers(&asked, &Fixed("../b/index.html")));
}

#[test]
fn a_question_page_keeps_the_matching_counts_for_the_next_rebuild() {
    let now = jiff::civil::date(2026, 11, 28);
    let mut engine = Engine::new(&repo().join("content"), None, Options { now, ..Default::default() });
    let page = |engine: &mut Engine| {
        let Outcome::Ready(ready) = engine.rebuild(&Changes::default()).outcome else {
            panic!("the real content is broken")
        };
        let q = ready.site.visible_of(Kind::LearningQuestion).next().expect("a question");
        let path = format!("leervragen/{}/index.html", ready.site.docs[q].slug);
        let html = ready.get(&path).unwrap().expect("the question's page");
        let items = ready.site.visible_of(Kind::LearningQuestion).count()
            + (0..ready.site.docs.len())
                .filter(|&i| ready.site.is_visible(i) && crate::agenda::matching::is_candidate(&ready.site, i))
                .count();
        (html, items)
    };
    assert!(engine.memo.counts.is_empty());
    let (first, items) = page(&mut engine);
    assert_eq!(engine.memo.counts.len(), items, "every question and candidate is kept");
    // The next rebuild ranks from the kept counts, and renders the same page.
    let (second, _) = page(&mut engine);
    assert_eq!(first, second);
    assert_eq!(engine.memo.counts.len(), items);
}

#[test]
fn an_unchanged_item_that_refers_to_a_target_held_back_gets_the_error() {
    let now = jiff::civil::date(2026, 11, 28);
    let dir = temp_dir("held-back");
    copy_tree(&repo().join("tests/testsuite/base/content"), &dir);
    let options = Options { now, ..Default::default() };
    let mut engine = Engine::new(&dir, None, options.clone());
    assert!(assert_equal(&engine.rebuild(&Changes::default()), &dir, &options, "the first build"));
    // The practice example names the organisation; only the organisation's file changes.
    let org = dir.join("organisaties/movisie.md");
    let text = fs::read_to_string(&org).unwrap();
    fs::write(&org, text.replacen("---\n", "---\ndraft: true\n", 1)).unwrap();
    let held = engine.rebuild(&Changes { content: vec![org.clone()], ..Default::default() });
    let Outcome::Broken(diags) = &held.outcome else { panic!("a reference to a draft is an error") };
    assert!(
        diags.iter().any(|d| d.path.ends_with("praktijkvoorbeelden/overvecht-samen.md")
            && d.message.contains("organisaties/movisie which is not published")),
        "{diags:#?}"
    );
    assert_equal(&held, &dir, &options, "after holding the organisation back");
    fs::write(&org, text).unwrap();
    let again = engine.rebuild(&Changes { content: vec![org], ..Default::default() });
    assert!(assert_equal(&again, &dir, &options, "after publishing it again"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_rebuild_reuses_every_unchanged_document_outside_git_too() {
    let now = jiff::civil::date(2026, 11, 28);
    let dir = temp_dir("reuse");
    copy_tree(&repo().join("tests/testsuite/base/content"), &dir);
    let mut engine = Engine::new(&dir, None, Options { now, ..Default::default() });
    let docs = |g: Generation| match g.outcome {
        Outcome::Ready(r) => r.site.docs.clone(),
        _ => panic!("the base content is broken"),
    };
    let first = docs(engine.rebuild(&Changes::default()));
    let edited = dir.join("themas/armoede-en-schulden.md");
    fs::write(&edited, fs::read_to_string(&edited).unwrap() + "\nMeer tekst.\n").unwrap();
    let second = docs(engine.rebuild(&Changes { content: vec![edited], ..Default::default() }));
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        let edited = a.file.rel == "themas/armoede-en-schulden.md";
        assert_eq!(Arc::ptr_eq(a, b), !edited, "{}: read again only when edited", a.file.rel);
    }
    let _ = fs::remove_dir_all(&dir);
}
