//! Search: the browser's analysis equals the generator's over the whole vocabulary of the
//! real content (node runs `layouts/assets/search-analysis.js`), held-back items are absent
//! from the index (E31), the index holds plain text (E30) and is byte-identical across builds.

use crate::harness::*;
use leernet::model::Kind;
use leernet::search::{analysis, fields};
use leernet::site::{Options, Site};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::Command;

fn real_site() -> Site {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let tree = leernet::load::load(&dir, &Kind::folders()).unwrap();
    let now = "2026-11-28".parse().unwrap();
    leernet::site::build(tree, Options { now, ..Default::default() }).site.expect("the real content checks clean")
}

/// Strings that try every branch of folding and splitting.
const TRICKY: &[&str] = &[
    "Coördinatie",
    "coordinatie",
    "één",
    "Thema's",
    "zo’n",
    "ĳsselmonde",
    "IJsselmonde",
    "straße",
    "Æsop",
    "Œuvre",
    "Øresund",
    "Łódź",
    "İstanbul",
    "ﬁnanciën",
    "x²",
    "e-learning",
    "NPRZ-gebied",
    "Jeugd & Gezin",
    "<script>alert(1)</script>",
    "\"quotes\"",
    "2024-2025",
    "naïef",
    "geïnteresseerd",
    "café-restaurant",
    "Ελλάδα",
    "Москва",
    "東京",
    "emoji🙂woord",
    "a\u{0301}b",
    "yoghurt",
    "baby's",
    "kinderen",
    "lichamelijkheden",
];

#[test]
fn browser_analysis_equals_the_generators_over_the_real_vocabulary() {
    let site = real_site();
    let docs = fields::collect(&site);
    let mut tokens: BTreeSet<String> = TRICKY.iter().map(|s| s.to_string()).collect();
    for d in &docs {
        for (field, text) in &d.texts {
            tokens.extend(text.split_whitespace().map(String::from));
            if *field == fields::Field::Title {
                tokens.insert(text.clone());
            }
        }
    }
    // The bodies as written (the site keeps their words numbered, not their text).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    for f in leernet::load::load(&dir, &Kind::folders()).unwrap().files {
        tokens.extend(f.text.split_whitespace().map(String::from));
    }
    let tokens: Vec<String> = tokens.into_iter().collect();
    let known: BTreeSet<String> =
        tokens.iter().flat_map(|t| analysis::words(t)).filter(|w| analysis::is_indexed(w)).collect();
    let known: Vec<String> = known.into_iter().collect();
    assert!(known.len() > 2500, "the real vocabulary is smaller than expected: {}", known.len());
    let known_set: HashSet<&str> = known.iter().map(String::as_str).collect();
    let is_known = |w: &str| known_set.contains(w);

    let dir = Tree::empty("parity");
    let input = dir.root.join("input.json");
    std::fs::write(&input, serde_json::json!({ "tokens": tokens, "known": known }).to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/search/parity.js");
    let out = match Command::new("node").arg(&script).arg(&input).output() {
        Ok(o) => o,
        Err(e) => panic!("the parity test needs node (Node.js 20 or later) on PATH: {e}"),
    };
    assert!(out.status.success(), "parity.js failed: {}", String::from_utf8_lossy(&out.stderr));
    let js: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    let mut diffs = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let words = serde_json::json!(analysis::words(t));
        let terms = serde_json::json!(analysis::terms(t));
        if js["words"][i] != words {
            diffs.push(format!("words({t:?}): rust {words}, js {}", js["words"][i]));
        }
        if js["terms"][i] != terms {
            diffs.push(format!("terms({t:?}): rust {terms}, js {}", js["terms"][i]));
        }
    }
    let mut compounds = 0;
    for (i, w) in known.iter().enumerate() {
        let parts = analysis::compound_parts(w, &is_known);
        compounds += usize::from(!parts.is_empty());
        let parts = serde_json::json!(parts);
        if js["parts"][i] != parts {
            diffs.push(format!("compound_parts({w:?}): rust {parts}, js {}", js["parts"][i]));
        }
    }
    assert!(diffs.is_empty(), "{} difference(s) between Rust and JS:\n{}", diffs.len(), diffs.join("\n"));
    assert!(compounds > 100, "compound splitting found only {compounds} compounds");
    eprintln!(
        "parity: {} tokens, {} indexed words, {} compounds: Rust and JS agree on all",
        tokens.len(),
        known.len(),
        compounds
    );
}

/// Every file of the built search index, as text.
fn index_texts(t: &Tree) -> Vec<(String, String)> {
    t.snapshot_public()
        .into_iter()
        .filter(|(p, _)| p.starts_with("zoeken/"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn e31_held_back_items_are_absent_from_the_search_index() {
    let t = Tree::base();
    let offer = |slug: &str, extra: &str, word: &str| {
        t.write(
            &format!("leeraanbod/{slug}.md"),
            format!(
                "---\ntitle: Aanbod {word}\nsummary: Over {word}.\nthemes: [armoede-en-schulden]\n{extra}\noffer_type: training\nproviders: [movisie]\ndelivery_mode: online\n---\nTekst met {word}.\n"
            ),
        )
    };
    offer("zichtbaar", "published: 2024-01-01", "glimworteltaart");
    offer("concept", "published: 2024-01-01\ndraft: true", "draftwoordtaart");
    offer("later", "published: 2027-01-01", "toekomstwoordtaart");
    t.write(
        "personen/geheim.md",
        "---\ntitle: Geheimwoordtaart Persoon\njob_title: geheimwoordtaart\norganisations: [movisie]\npublic: false\n---\n",
    );
    t.write(
        "leervragen/zonder-toestemming.md",
        "---\ntitle: Hoe zit het met toestemwoordtaart?\nsummary: Een vraag over toestemwoordtaart.\nthemes: [armoede-en-schulden]\npublished: 2024-01-10\nasked_by: [wijkprofessionals]\nsource: coordinatiepunt\nstatus: open\n---\nToestemwoordtaart.\n",
    );
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts = index_texts(&t);
    assert!(texts.iter().any(|(p, _)| p == "zoeken/index.html"));
    assert!(texts.iter().any(|(p, _)| p == "zoeken/index/meta.js"));
    let all: String = texts.iter().map(|(_, s)| s.as_str()).collect();
    // The visible control word is there, as a term and in its fragment.
    assert!(all.contains(&analysis::stem("glimworteltaart")) && all.contains("Aanbod glimworteltaart"));
    for secret in ["draftwoordtaart", "toekomstwoordtaart", "geheimwoordtaart", "toestemwoordtaart", "Jan Jansen"] {
        let stem = analysis::stem(&secret.to_lowercase());
        for (path, text) in &texts {
            let lower = text.to_lowercase();
            assert!(!lower.contains(&secret.to_lowercase()), "{secret} leaked into {path}");
            assert!(!lower.contains(&stem), "the term {stem} of {secret} leaked into {path}");
        }
    }
}

#[test]
fn e30_the_index_holds_plain_text_and_is_deterministic() {
    let t = Tree::base();
    t.write(
        "publicaties/escapes.md",
        "---\ntitle: 'Jeugd & Gezin \"quotes\" <script>alert(1)</script>'\nsummary: 'Tom & Jerry <b>vet</b>'\nthemes: [armoede-en-schulden]\npublished: 2024-01-01\npublication_type: notitie\npublishers: [movisie]\n---\nTekst.\n",
    );
    assert_eq!(t.build(&[]).code, 0);
    let first = index_texts(&t);
    let fragment = first
        .iter()
        .find(|(p, s)| p.starts_with("zoeken/index/d/") && s.contains("Jeugd"))
        .map(|(_, s)| s.clone())
        .expect("a fragment for the publication");
    let json = fragment.trim().strip_prefix("leernetIndex(").and_then(|s| s.strip_suffix(");")).unwrap();
    let (_, items): (String, Vec<Vec<String>>) = serde_json::from_str(&format!("[{json}]")).unwrap();
    let data = items.iter().find(|d| d[0].starts_with("Jeugd")).expect("the publication's fragment");
    // Exactly the text written, not HTML-escaped: the browser puts it in text nodes.
    assert_eq!(data[0], "Jeugd & Gezin \"quotes\" <script>alert(1)</script>");
    assert_eq!(data[4], "Tom & Jerry <b>vet</b>");
    assert!(!fragment.contains("&amp;") && !fragment.contains("&lt;"));
    std::fs::remove_dir_all(t.public()).unwrap();
    assert_eq!(t.build(&[]).code, 0);
    assert!(first == index_texts(&t), "two builds gave different search files");
}

#[test]
fn the_build_times_the_search_step() {
    let t = Tree::base();
    let r = t.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains(", search "), "{}", r.stderr);
}
