//! Cases whose trees git cannot hold or should not: symlinks, invalid encodings, files
//! over the size limit, editor temp files, NFC/NFD twin names, pathological Markdown.

use crate::harness::*;

fn assert_single(r: &Run, code: i32, headline: &str) {
    let heads = headlines(&r.stderr);
    assert_eq!(r.code, code, "{}", r.stderr);
    assert_eq!(heads.len(), 1, "{}", r.stderr);
    assert!(heads[0].starts_with(headline), "expected {headline}\n got {}", heads[0]);
}

#[test]
fn a09_bom_and_line_endings_are_normalised() {
    let t = Tree::base();
    t.write("themas/bom.md", b"\xEF\xBB\xBF---\r\ntitle: Bom\r\nsummary: x\rkind: leefgebied\n---\r\nTekst.\r\n");
    assert_eq!(t.check(&["--strict"]).code, 0);
}

#[test]
fn a10_invalid_utf8_names_the_byte_offset() {
    let t = Tree::base();
    t.write("themas/latin1.md", b"---\ntitle: Co\xF6rdinatie\n---\n");
    let r = t.check(&[]);
    assert_single(&r, 1, "content/themas/latin1.md: error: invalid UTF-8 at byte offset 13");
    assert!(r.stderr.contains("save the file as UTF-8"));
}

#[test]
fn a10_utf16_is_refused() {
    let t = Tree::base();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "---\ntitle: x\n---\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    t.write("themas/utf16.md", bytes);
    assert_single(&t.check(&[]), 1, "content/themas/utf16.md: error: file is UTF-16, not UTF-8");
}

#[test]
fn a11_oversized_file_is_refused_before_parsing() {
    let t = Tree::base();
    let mut text = String::from("---\ntitle: Groot\nsummary: x\nkind: leefgebied\n---\n");
    text.push_str(&"woord ".repeat(1_000_000));
    t.write("themas/groot.md", text);
    let start = std::time::Instant::now();
    let r = t.check(&[]);
    assert_single(&r, 1, "content/themas/groot.md: error: file is 6000049 bytes; the limit is 5242880 bytes");
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn a12_pathological_markdown_finishes() {
    let t = Tree::base();
    let body = format!("{}\n\n{}\n\n{}\n", "[".repeat(20_000), "*".repeat(20_000), "> ".repeat(5_000));
    t.write("themas/pathologisch.md", format!("---\ntitle: P\nsummary: x\nkind: leefgebied\n---\n{body}"));
    let start = std::time::Instant::now();
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn a13_editor_temp_files_are_ignored() {
    let t = Tree::base();
    for name in [
        "themas/.#armoede.md",
        "themas/armoede.md~",
        "themas/.armoede.md.swp",
        ".DS_Store",
        "themas/.DS_Store",
        "themas/#x.md#",
    ] {
        t.write(name, "rommel: [");
    }
    let r = t.check(&["--strict"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn b16_nfc_and_nfd_twins_collide() {
    let t = Tree::base();
    let body = "---\ntitle: Café\nsummary: x\nkind: leefgebied\n---\nTekst.\n";
    t.write("themas/caf\u{e9}.md", body);
    t.write("themas/cafe\u{301}.md", body);
    let r = t.check(&[]);
    assert_eq!(r.code, 1);
    let heads = headlines(&r.stderr);
    assert_eq!(heads.iter().filter(|h| h.contains("breaks the slug rule")).count(), 2, "{}", r.stderr);
    assert_eq!(
        heads.iter().filter(|h| h.contains("two files would be published at /themas/cafe/")).count(),
        2,
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("rename it to \"cafe.md\""), "{}", r.stderr);
}

#[test]
fn b17_reserved_and_wrong_names_get_a_proposal() {
    let t = Tree::base();
    t.write("themas/Coördinatie & één.md", "---\ntitle: X\nsummary: x\nkind: leefgebied\n---\nTekst.\n");
    let r = t.check(&[]);
    assert!(r.stderr.contains("rename it to \"coordinatie-en-een.md\""), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn b20_symlinks_are_refused_never_followed() {
    let t = Tree::base();
    std::fs::write(t.root.join("geheim.md"), "---\ntitle: Geheim\n---\n").unwrap();
    std::os::unix::fs::symlink(t.root.join("geheim.md"), t.content().join("themas/link.md")).unwrap();
    std::os::unix::fs::symlink(t.root.join("elders"), t.content().join("leeraanbod/map")).unwrap();
    let r = t.check(&[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let heads = headlines(&r.stderr);
    assert_eq!(heads.len(), 2, "{}", r.stderr);
    assert!(heads[0].starts_with("content/leeraanbod/map: error: symbolic links are not allowed"));
    assert!(heads[1].starts_with("content/themas/link.md: error: symbolic links are not allowed"));
}

#[test]
fn unknown_folder_gets_a_suggestion() {
    let t = Tree::base();
    t.write("thema/x.md", "---\ntitle: X\n---\n");
    let r = t.check(&[]);
    assert_single(&r, 1, "content/thema: error: unknown folder \"thema\" (did you mean \"themas\"?)");
}

#[test]
fn missing_settings_files_are_errors() {
    let t = Tree::base();
    t.remove("site.yaml");
    t.write("vocab.yaml", "audience:\n  Wijk Professionals: x\n");
    let r = t.check(&[]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("site.yaml is missing"), "{}", r.stderr);
    assert!(r.stderr.contains("content/vocab.yaml:2:3: error: audience.Wijk Professionals: code \"Wijk Professionals\" breaks the slug rule"), "{}", r.stderr);
}
