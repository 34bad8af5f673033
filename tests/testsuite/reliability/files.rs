//! A. Files and front matter: the cases the fixture folders and `programmatic.rs` leave
//! open, each asserting exit code, the exact `path:line:col: error:` headline and, for ERR,
//! that a previous `public/` stays byte-identical.

use super::*;

#[test]
fn a01_broken_front_matter_never_panics_and_keeps_public() {
    for (text, headline) in [
        ("", "content/themas/x.md: error: the file is empty"),
        ("\n\n  \n", "content/themas/x.md: error: the file is empty"),
        ("---", "content/themas/x.md:1:1: error: the front matter opened here is never closed"),
        ("---\n", "content/themas/x.md:1:1: error: the front matter opened here is never closed"),
        ("---\ntitle: x\n--", "content/themas/x.md:1:1: error: the front matter opened here is never closed"),
        ("title: x\n---\n", "content/themas/x.md:1:1: error: the file does not start with front matter"),
        ("\u{feff}", "content/themas/x.md: error: the file is empty"),
        (" ---\ntitle: x\n---\n", "content/themas/x.md:1:1: error: the file does not start with front matter"),
    ] {
        let t = Tree::base();
        t.with_previous_public();
        t.write("themas/x.md", text);
        let r = assert_build_refused(&t, &[], headline);
        assert!(!r.stderr.contains("panicked"), "{text:?}: {}", r.stderr);
    }
    // `---` twice is front matter with no fields: every missing field is named at line 1.
    let t = Tree::base();
    t.write("themas/x.md", "---\n---\n");
    let r = t.check(&[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
}

#[test]
fn a02_yaml_error_deep_in_the_file_has_the_file_relative_line_and_a_code_frame() {
    let t = Tree::base();
    t.with_previous_public();
    t.write(
        "themas/diep.md",
        "---\ntitle: Diep\nkind: leefgebied\nsynonyms: [a, b]\norder: 3\ntags: [x]\nformerly: [a]\nsummary: Aanpak: zo doe je dat\n---\nTekst.\n",
    );
    let r = assert_build_refused(&t, &[], "content/themas/diep.md:8:16: error: YAML syntax error");
    // The code frame quotes line 8 itself and points at the second `: `.
    assert!(r.stderr.contains("8 | summary: Aanpak: zo doe je dat\n"), "{}", r.stderr);
    assert!(
        r.stderr.contains("= help: put the text in quotes: summary: \"Aanpak: zo doe je dat\""),
        "the help shows the fix:\n{}",
        r.stderr
    );
    // A file with CRLF endings and a BOM points at the same line and column.
    let t = Tree::base();
    let text = "\u{feff}---\r\ntitle: Diep\r\nkind: leefgebied\r\nsynonyms: [a, b]\r\norder: 3\r\ntags: [x]\r\nformerly: [a]\r\nsummary: Aanpak: zo doe je dat\r\n---\r\nTekst.\r\n";
    t.write("themas/diep.md", text);
    let heads = headlines(&t.check(&[]).stderr).iter().map(|h| h.to_string()).collect::<Vec<_>>();
    assert!(heads[0].starts_with("content/themas/diep.md:8:16: error: YAML syntax error"), "{heads:?}");
}

#[test]
fn a03_unknown_key_without_a_near_miss_lists_the_allowed_keys() {
    let t = Tree::base();
    t.with_previous_public();
    t.write("themas/x.md", "---\ntitle: X\nsummary: x\nkind: leefgebied\nkleurcode: rood\n---\nTekst.\n");
    let r = assert_build_refused(&t, &[], "content/themas/x.md:5:1: error: kleurcode: unknown field \"kleurcode\"");
    assert!(r.stderr.contains("allowed fields for theme: "), "{}", r.stderr);
    for field in ["title", "summary", "kind", "parent", "synonyms", "experts"] {
        assert!(r.stderr.contains(field), "{field} missing from the list:\n{}", r.stderr);
    }
    // A near miss gets the suggestion instead, in the headline.
    t.write("themas/x.md", "---\ntitle: X\nsumary: x\nkind: leefgebied\n---\nTekst.\n");
    let r = t.check(&[]);
    assert!(
        r.stderr
            .contains("content/themas/x.md:3:1: error: sumary: unknown field \"sumary\" (did you mean \"summary\"?)"),
        "{}",
        r.stderr
    );
}

#[test]
fn a04_duplicate_key_names_both_lines_and_never_takes_the_last_value() {
    let t = Tree::base();
    t.with_previous_public();
    t.write("themas/x.md", "---\ntitle: Eerste\nsummary: x\nkind: leefgebied\ntitle: Tweede\n---\nTekst.\n");
    let r = assert_build_refused(
        &t,
        &[],
        "content/themas/x.md:5:1: error: title: duplicate key \"title\": also set on line 2",
    );
    assert!(!r.stderr.contains("Tweede\" wins"));
    // Nested keys too.
    t.write(
        "leeraanbod/werkatelier-vrijwillige-inzet.md",
        std::fs::read_to_string(t.content().join("leeraanbod/werkatelier-vrijwillige-inzet.md"))
            .unwrap()
            .replace("cost: { free: true }", "cost:\n  free: true\n  free: false"),
    );
    let r = t.check(&[]);
    let heads = headlines(&r.stderr);
    assert!(heads.iter().any(|h| h.contains(":15:3: error: ") && h.contains("also set on line 14")), "{heads:?}");
}

#[test]
fn a05_wrong_types_name_expected_and_found() {
    for (field, value, line_col, message) in [
        ("order", "twee", "5:8", "order: expected a whole number, found \"twee\""),
        ("synonyms", "geldzorgen", "5:11", "synonyms: expected a list, found \"geldzorgen\""),
        ("title", "[a, b]", "2:8", "title: expected text, found \"[a, b]\""),
    ] {
        let t = Tree::base();
        t.with_previous_public();
        let text = if field == "title" {
            format!("---\ntitle: {value}\nsummary: x\nkind: leefgebied\n---\nTekst.\n")
        } else {
            format!("---\ntitle: X\nsummary: x\nkind: leefgebied\n{field}: {value}\n---\nTekst.\n")
        };
        t.write("themas/x.md", text);
        assert_build_refused(&t, &[], &format!("content/themas/x.md:{line_col}: error: {message}"));
        // The JSON form, which has no code frame, names both too.
        let r = t.check(&["--format", "json"]);
        assert!(r.stdout.contains(&message.split_once(": ").unwrap().1.replace('"', "\\\"")), "{}", r.stdout);
    }
}

#[test]
fn a07_alias_bombs_and_deep_nesting_fail_fast_in_bounded_memory() {
    // A billion laughs: nine levels of nine aliases, 387 million strings if expanded.
    let mut bomb = String::from("---\ntitle: Bom\nsummary: x\nkind: leefgebied\nsynonyms:\n  - &a0 lol\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("  - &a{i} [{refs}]\n"));
    }
    bomb.push_str("---\nTekst.\n");
    let nested_lists =
        format!("---\ntitle: {}x{}\nsummary: x\nkind: leefgebied\n---\n", "[".repeat(50_000), "]".repeat(50_000));
    let nested_maps = format!(
        "---\ntitle: X\nsummary: x\nkind: leefgebied\nsynonyms: {}x{}\n---\n",
        "{a: ".repeat(20_000),
        "}".repeat(20_000)
    );
    for (name, text, headline) in [
        ("bom", bomb, "content/themas/bom.md:"),
        ("lijsten", nested_lists, "content/themas/lijsten.md:2:"),
        ("mappen", nested_maps, "content/themas/mappen.md:5:"),
    ] {
        let t = Tree::base();
        t.write(&format!("themas/{name}.md"), text);
        // Under a 1 GiB address-space limit: an expanding parser would abort, not exit 1.
        let start = std::time::Instant::now();
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -v 1048576; exec '{}' check --now {NOW}", env!("CARGO_BIN_EXE_leernet")))
            .current_dir(&t.root)
            .output()
            .unwrap();
        let elapsed = start.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        let heads = headlines(&stderr);
        assert_eq!(heads.len(), 1, "{name}: {stderr}");
        assert!(heads[0].starts_with(headline), "{name}: {}", heads[0]);
        assert!(heads[0].contains("too deeply nested") || heads[0].contains("aliases"), "{name}: {}", heads[0]);
        // Milliseconds in a release build; the debug binary on a loaded CI machine gets slack.
        assert!(elapsed.as_secs_f64() < 5.0, "{name} took {elapsed:?}");
    }
}

#[test]
fn a08_custom_tags_are_refused_each_at_its_line() {
    for (value, col) in [
        ("!include geheim.yaml", 8),
        ("!!python/object:os.system x", 8),
        ("!<tag:yaml.org,2002:str> x", 8),
        ("!!binary aGFsbG8=", 8),
    ] {
        let t = Tree::base();
        t.with_previous_public();
        t.write("themas/tag.md", format!("---\ntitle: {value}\nsummary: x\nkind: leefgebied\n---\nTekst.\n"));
        assert_build_refused(&t, &[], &format!("content/themas/tag.md:2:{col}: error: YAML tags are not supported"));
    }
    // A tag on a nested value is found too.
    let t = Tree::base();
    t.write(
        "themas/tag.md",
        "---\ntitle: X\nsummary: x\nkind: leefgebied\nsynonyms:\n  - a\n  - !!binary aGFsbG8=\n---\nTekst.\n",
    );
    let heads: Vec<String> = headlines(&t.check(&[]).stderr).iter().map(|s| s.to_string()).collect();
    assert!(heads[0].starts_with("content/themas/tag.md:7:5: error: YAML tags are not supported"), "{heads:?}");
}

#[test]
fn a09_mixed_line_endings_in_one_file_give_byte_identical_output() {
    let clean = Tree::base();
    clean.write("themas/regels.md", theme("Regels", "Een.\n\nTwee.\n\n## Kop\n\nDrie.\n"));
    assert_eq!(clean.build(&[]).code, 0);
    let messy = Tree::base();
    messy.write(
        "themas/regels.md",
        "\u{feff}---\r\ntitle: Regels\nsummary: x\rkind: leefgebied\r\n---\nEen.\r\n\rTwee.\n\r\n## Kop\r\rDrie.\r\n",
    );
    let r = messy.build(&["--strict"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(clean.snapshot_public() == messy.snapshot_public(), "mixed endings changed the output");
}

#[test]
fn a10_invalid_encodings_are_refused_and_keep_public() {
    for (bytes, headline) in [
        (b"---\ntitle: Co\xF6rdinatie\n---\n".to_vec(), "content/themas/x.md: error: invalid UTF-8 at byte offset 13"),
        (
            b"\xEF\xBB\xBF---\ntitle: \xC3\n---\n".to_vec(),
            "content/themas/x.md: error: invalid UTF-8 at byte offset 14",
        ),
        (vec![0xFE, 0xFF, 0, b'-'], "content/themas/x.md: error: file is UTF-16, not UTF-8"),
    ] {
        let t = Tree::base();
        t.with_previous_public();
        t.write("themas/x.md", &bytes);
        let r = assert_build_refused(&t, &[], headline);
        assert!(r.stderr.contains("save the file as UTF-8"), "{}", r.stderr);
        assert!(!r.stderr.contains('\u{fffd}'), "no lossy replacement character: {}", r.stderr);
    }
}

#[test]
fn a11_oversized_file_keeps_public_and_is_never_parsed() {
    let t = Tree::base();
    t.with_previous_public();
    // Broken YAML after 5 MB: refused for its size, so the syntax error is never reported.
    let mut text = String::from("---\ntitle: Groot: kapot\n---\n");
    text.push_str(&"x".repeat(5 * 1024 * 1024));
    t.write("themas/groot.md", &text);
    let r = assert_build_refused(
        &t,
        &[],
        "content/themas/groot.md: error: file is 5242908 bytes; the limit is 5242880 bytes",
    );
    assert_eq!(headlines(&r.stderr).len(), 1, "{}", r.stderr);
}

#[test]
fn a13_editor_temp_files_change_nothing_in_the_output() {
    let clean = Tree::base();
    assert_eq!(clean.build(&[]).code, 0);
    let t = Tree::base();
    for name in [
        "themas/.#armoede.md",
        "themas/armoede.md~",
        "themas/.armoede.md.swp",
        ".DS_Store",
        "media/.DS_Store",
        "themas/#x.md#",
    ] {
        t.write(name, "rommel: [");
    }
    let r = t.build(&["--strict"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(clean.snapshot_public() == t.snapshot_public(), "temp files reached the output");
}

#[test]
fn a14_html_files_are_refused_in_every_type_folder() {
    let t = Tree::base();
    t.with_previous_public();
    t.write("paginas/over.html", "<h1>Over</h1>");
    t.write("themas/x.htm", "<p>x</p>");
    let r = assert_build_refused(
        &t,
        &[],
        "content/paginas/over.html: error: HTML files are not content: write Markdown (`.md`)",
    );
    let heads = headlines(&r.stderr);
    assert_eq!(heads.len(), 2, "{}", r.stderr);
    assert!(heads[1].starts_with("content/themas/x.htm: error: HTML files are not content"), "{heads:?}");
}
