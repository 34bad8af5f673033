//! E. Search: the client builds results from text nodes only and loads its index as classic
//! scripts, from `file://` as over http. Typing, facets and payloads in Chromium are in
//! `tests/browser/search.test.js` and `tests/browser/escaping.test.js`; the index itself in
//! `search.rs` (E30, E31).

use super::*;
use std::path::Path;

fn asset(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../layouts/assets").join(name);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Comments may name what the code avoids.
    let mut code = String::new();
    let mut rest = src.as_str();
    while let Some(i) = rest.find("/*") {
        code.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |e| &rest[i + e + 2..]);
    }
    code.push_str(rest);
    code.lines()
        .map(|l| l.split(" // ").next().unwrap_or(l))
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn e29_no_script_of_the_site_turns_text_into_html() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../layouts/assets");
    let mut scripts = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".js") {
            continue;
        }
        scripts += 1;
        let code = asset(&name);
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            "setTimeout(\"",
            "setTimeout('",
            "createContextualFragment",
            "DOMParser",
            "srcdoc",
        ] {
            assert!(!code.contains(sink), "{name} uses {sink}");
        }
    }
    assert!(scripts >= 4, "{scripts} scripts");
    let search = asset("search.js");
    assert!(search.contains("createTextNode") || search.contains("textContent"), "search.js builds text nodes");
}

#[test]
fn e32_the_index_loads_as_classic_scripts_so_search_works_from_file() {
    let search = asset("search.js");
    for network in ["fetch(", "XMLHttpRequest", "import(", "new Worker", "WebSocket", "EventSource", "sendBeacon"] {
        assert!(!search.contains(network), "search.js uses {network}, which file:// does not allow");
    }
    assert!(
        search.contains("createElement('script')") || search.contains("createElement(\"script\")"),
        "the index is loaded with <script> elements"
    );
    let t = Tree::base();
    assert_eq!(t.build(&[]).code, 0);
    let page = read(&t, "zoeken/index.html");
    assert!(page.contains("<script src=\"../assets/search.js\" defer></script>"), "{page}");
    let index: Vec<(String, Vec<u8>)> =
        t.snapshot_public().into_iter().filter(|(p, _)| p.starts_with("zoeken/index/")).collect();
    assert!(index.len() > 5);
    for (path, bytes) in index {
        assert!(path.ends_with(".js"), "{path}: not a script");
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.starts_with("leernetIndex(") && text.trim_end().ends_with(");"),
            "{path}: {}",
            &text[..text.len().min(80)]
        );
    }
}
