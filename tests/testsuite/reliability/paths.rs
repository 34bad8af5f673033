//! B. Slugs and output paths: generated routes, reserved names, the property tests for
//! the slug rule and for every output path staying inside the output folder, heading ids,
//! and symlinks in `layouts/`.

use super::*;
use leernet::output::{is_safe_relative, write_site, OutputFile};
use proptest::prelude::*;
use std::path::{Component, Path, PathBuf};

#[test]
fn b15_pages_and_items_cannot_take_a_generated_route() {
    let t = Tree::base();
    t.with_previous_public();
    for name in ["assets", "404", "feeds", "media", "data", "leeragenda", "sitemap", "bijdragen"] {
        t.write(&format!("paginas/{name}.md"), format!("---\ntitle: {name}\n---\nTekst.\n"));
    }
    t.write("leeraanbod/pagina.md", "---\ntitle: P\nsummary: x\nthemes: [armoede-en-schulden]\npublished: 2024-01-01\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\n---\n");
    let r = assert_build_refused(
        &t,
        &[],
        "content/leeraanbod/pagina.md: error: the name \"pagina\" is taken by the list pages (/leeraanbod/pagina/)",
    );
    let heads = headlines(&r.stderr);
    for name in ["404", "assets", "bijdragen", "data", "feeds", "leeragenda", "media", "sitemap"] {
        let want = format!(
            "content/paginas/{name}.md: error: the page name \"{name}\" is taken by the site itself (/{name}/)"
        );
        assert!(heads.iter().any(|h| h.starts_with(&want)), "{want}\n{heads:?}");
    }
    assert_eq!(heads.len(), 9, "{}", r.stderr);
}

#[test]
fn b15_two_files_with_one_url_name_each_other() {
    let t = Tree::base();
    t.with_previous_public();
    t.write("paginas/Over.md", "---\ntitle: Over ons\n---\nTekst.\n");
    let r = assert_build_refused(&t, &[], "content/paginas/Over.md: error: file name \"Over.md\" breaks the slug rule");
    let heads = headlines(&r.stderr);
    assert!(
        heads.contains(
            &"content/paginas/Over.md: error: two files would be published at /over/: also content/paginas/over.md"
        ),
        "{heads:?}"
    );
    assert!(
        heads.contains(
            &"content/paginas/over.md: error: two files would be published at /over/: also content/paginas/Over.md"
        ),
        "{heads:?}"
    );
}

#[test]
fn b17_reserved_and_wrong_names_are_refused_with_the_right_name() {
    let t = Tree::base();
    t.with_previous_public();
    for stem in ["aux", "nul", "com1", "lpt9", "Jeugd & Gezin", "één_twee", "x--y", "-rand-"] {
        t.write(&format!("themas/{stem}.md"), theme("X", "Tekst.\n"));
    }
    let r =
        assert_build_refused(&t, &[], "content/themas/-rand-.md: error: file name \"-rand-.md\" breaks the slug rule");
    for (stem, proposal) in [
        ("aux", "aux-1"),
        ("nul", "nul-1"),
        ("com1", "com1-1"),
        ("lpt9", "lpt9-1"),
        ("Jeugd & Gezin", "jeugd-en-gezin"),
        ("één_twee", "een-twee"),
        ("x--y", "x-y"),
        ("-rand-", "rand"),
    ] {
        assert!(
            r.stderr
                .contains(&format!("content/themas/{stem}.md: error: file name \"{stem}.md\" breaks the slug rule")),
            "{stem}:\n{}",
            r.stderr
        );
        assert!(r.stderr.contains(&format!("rename it to \"{proposal}.md\"")), "{stem} -> {proposal}:\n{}", r.stderr);
    }
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`, written out independently of `slug::is_valid`.
fn follows_the_rule(s: &str) -> bool {
    s.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn b17_slugify_is_idempotent_and_follows_the_rule(text in "\\PC{0,40}", ascii in "[ -~]{0,40}", mix in "[a-zA-Z0-9 &'\"_.éëïöüçßøåæœĳ-]{0,30}") {
        for s in [&text, &ascii, &mix] {
            let once = leernet::slug::slugify(s);
            prop_assert_eq!(leernet::slug::slugify(&once), once.clone(), "not idempotent on {:?}", s);
            prop_assert!(once.is_empty() || follows_the_rule(&once), "{:?} -> {:?}", s, once);
            let proposed = leernet::slug::proposed_file_slug(s);
            prop_assert!(leernet::slug::is_valid(&proposed), "proposed {:?} for {:?}", proposed, s);
        }
    }

    #[test]
    fn b18_safe_relative_paths_canonicalise_inside_the_output_folder(path in "[a./\\\\:%~ é-]{0,24}") {
        if is_safe_relative(&path) {
            let root = Path::new("/srv/public");
            let joined = lexically_normal(&root.join(&path));
            prop_assert!(joined.starts_with(root) && joined != root, "{:?} -> {}", path, joined.display());
            prop_assert!(!path.split('/').any(|s| s == ".." || s == "." || s.is_empty()));
        }
    }
}

fn lexically_normal(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Every file under `dir`, relative.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The real path construction: whatever paths the renderer hands to `output`, nothing
    /// is ever written outside the output folder (or a bad path refuses the whole build).
    #[test]
    fn b18_write_site_never_writes_outside_the_output_folder(paths in proptest::collection::vec("[ab./\\\\:]{1,12}", 1..6)) {
        let t = Tree::empty("b18");
        let content = t.root.join("work/content");
        std::fs::create_dir_all(&content).unwrap();
        let out = t.root.join("work/site/public");
        let files: Vec<OutputFile> = paths.iter().map(|p| OutputFile { path: p.clone(), bytes: b"x".to_vec() }).collect();
        let result = write_site(&out, &content, &files);
        // Outside `public/` there is only the content folder: no stray file, no temporary folder.
        let outside: Vec<PathBuf> = files_under(&t.root)
            .into_iter()
            .filter(|p| !p.starts_with("work/site/public"))
            .collect();
        prop_assert!(outside.is_empty(), "{:?} wrote {:?}", paths, outside);
        if paths.iter().all(|p| is_safe_relative(p)) {
            // A path that names a file and also a folder (`a` and `a/b`) cannot be written.
            if let Ok(()) = result {
                for p in &paths {
                    let real = std::fs::canonicalize(out.join(p)).unwrap();
                    prop_assert!(real.starts_with(std::fs::canonicalize(&out).unwrap()), "{}", real.display());
                }
            }
        } else {
            prop_assert!(result.is_err(), "{:?} was written", paths);
            prop_assert!(!out.exists(), "a refused build left {}", out.display());
        }
    }
}

#[test]
fn b18_every_output_path_of_real_builds_is_inside_the_output_folder() {
    let t = Tree::base();
    // Names that push the URL construction: the longest slug, digits, a page.
    t.write("themas/a-1-b-2-c-3-d-4-e-5-f-6-g-7-h-8-i-9-j-10-k-11-l-12.md", theme("Lang", "Tekst.\n"));
    t.write("paginas/0.md", "---\ntitle: Nul\n---\nTekst.\n");
    for (dir, now) in [(t.content(), NOW), (Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"), "2026-11-28")] {
        let now = now.parse().unwrap();
        let options =
            leernet::site::Options { now, base_url: Some("https://kennis.example.nl/".into()), ..Default::default() };
        let built = leernet::pipeline::render(&dir, None, options, &mut Default::default()).unwrap();
        let files = built.files.unwrap_or_else(|| panic!("{} does not build", dir.display()));
        assert!(files.len() > 50);
        let root = Path::new("/srv/public");
        for f in &files {
            assert!(is_safe_relative(&f.path), "{}", f.path);
            let joined = lexically_normal(&root.join(&f.path));
            assert!(joined.starts_with(root) && joined != root, "{}", f.path);
        }
    }
}

#[test]
fn b19_duplicate_heading_and_footnote_ids_are_made_unique_deterministically() {
    let t = Tree::base();
    let body = "## Aanpak\n\nEen[^aanpak].\n\n## Aanpak\n\n## Aanpak {#aanpak-1}\n\nZie [de aanpak](#aanpak-1-1).\n\n[^aanpak]: Noot.\n\n## Bron\n\nTwee[^bron].\n\n[^bron]: Eerste.\n\n[^bron]: Tweede definitie.\n";
    t.write("themas/ids.md", theme("Ids", body));
    let r = t.build(&["--strict"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = read(&t, "themas/ids/index.html");
    let ids: Vec<&str> = html.split(" id=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids on the page: {ids:?}");
    for (tag, id) in [
        ("<h2 id=\"aanpak\">", "the first heading keeps its id"),
        ("<h2 id=\"aanpak-1\">", "the second heading, in document order"),
        ("<h2 id=\"aanpak-1-1\">", "the explicit aanpak-1, taken already"),
        ("<div class=\"footnote-definition\" id=\"aanpak-2\">", "the footnote gives way to the headings"),
        ("<a href=\"#aanpak-2\">1</a>", "and its reference follows"),
        ("<h2 id=\"bron\">", "the heading"),
        ("<div class=\"footnote-definition\" id=\"bron-1\">", "the footnote"),
        ("<div class=\"footnote-definition\" id=\"bron-2\">", "its second definition"),
    ] {
        assert!(html.contains(tag), "{id}: {tag}\n{html}");
    }
    let first = t.snapshot_public();
    assert_eq!(t.build(&[]).code, 0);
    assert!(first == t.snapshot_public(), "ids differ between two builds");
}

#[cfg(unix)]
#[test]
fn b20_symlinks_in_layouts_are_refused_never_followed() {
    let t = Tree::base();
    t.with_previous_public();
    std::fs::create_dir_all(t.root.join("layouts/assets")).unwrap();
    std::fs::write(t.root.join("geheim.txt"), "geheim").unwrap();
    std::os::unix::fs::symlink(t.root.join("geheim.txt"), t.root.join("layouts/assets/style.css")).unwrap();
    let before = t.snapshot_public();
    let r = t.build(&[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("refusing the symbolic link `layouts/assets/style.css` in the layouts folder"),
        "{}",
        r.stderr
    );
    assert!(before == t.snapshot_public());
    // A linked folder inside layouts/ is refused as well.
    std::fs::remove_file(t.root.join("layouts/assets/style.css")).unwrap();
    std::fs::create_dir_all(t.root.join("elders")).unwrap();
    std::fs::write(t.root.join("elders/item.html"), "{{ geheim }}").unwrap();
    std::os::unix::fs::symlink(t.root.join("elders"), t.root.join("layouts/partials")).unwrap();
    let r = t.build(&[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("refusing the symbolic link `layouts/partials` in the layouts folder"), "{}", r.stderr);
    assert!(before == t.snapshot_public());
}
