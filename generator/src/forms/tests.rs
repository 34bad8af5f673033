//! Tests of the forms against the model: every required field is asked or fixed, a field
//! added to a type shows up in its form, every field has Dutch words, the pages render
//! with the right no-JavaScript route, and `assets/slug.js` carries deunicode's table.

use super::derive::{self, form_fields, FieldSpec, Scalar, Shape};
use super::policy::{self, Fixed, FORMS};
use super::*;
use crate::load::{ContentTree, SourceFile};
use crate::schema::{required_fields, schema_of};

#[test]
fn every_required_field_is_asked_or_fixed() {
    for def in FORMS {
        let schema = schema_of(def.kind);
        let fields = form_fields(def.kind, &schema).unwrap();
        for name in required_fields(def.kind) {
            let asked = fields.iter().find(|f| f.path == name);
            match (asked, policy::fixed(def.kind, &name)) {
                (Some(f), None) => {
                    assert!(f.required, "{}: {name} is required in the schema, not in the form", def.name)
                }
                (None, Some(_)) => {}
                (Some(_), Some(_)) => panic!("{}: {name} is both asked and fixed", def.name),
                (None, None) => panic!("{}: required field {name} is neither asked nor fixed", def.name),
            }
            assert!(!policy::is_editorial(def.kind, &name), "{}: required {name} is left to the editor", def.name);
        }
        // And the other way round: every optional field the model has is asked, unless
        // the policy leaves it to the coordination point.
        for (name, _) in schema["properties"].as_object().unwrap() {
            let asked = fields.iter().any(|f| &f.path == name);
            let skipped = policy::is_editorial(def.kind, name) || policy::fixed(def.kind, name).is_some();
            assert!(asked != skipped, "{}: {name} asked={asked} skipped={skipped}", def.name);
            if let Some(f) = fields.iter().find(|f| &f.path == name) {
                let req = required_fields(def.kind).contains(name);
                assert_eq!(f.required, req, "{}: {name}", def.name);
            }
        }
    }
}

#[test]
fn fixed_codes_are_codes_of_the_model() {
    for def in FORMS {
        let schema = schema_of(def.kind);
        for (name, prop) in schema["properties"].as_object().unwrap() {
            if let Some(Fixed::Code(code)) = policy::fixed(def.kind, name) {
                let node = match prop.get("$ref").and_then(|r| r.as_str()) {
                    Some(r) => &schema["definitions"][r.rsplit('/').next().unwrap()],
                    None => prop,
                };
                let codes: Vec<&str> = node["enum"].as_array().unwrap().iter().filter_map(|c| c.as_str()).collect();
                assert!(codes.contains(&code), "{}: {name} fixed to {code}, not one of {codes:?}", def.name);
            }
        }
    }
}

// A type as a developer would extend the model: the offer with two new fields.
crate::model::content_type!(
    /// The offer with a new required number and a new optional list.
    OfferPlus {
        offer_type: String,
        providers: Vec<String>,
        #[serde(default)] partners: Vec<String>,
        delivery_mode: crate::model::DeliveryMode,
        /// Seats available.
        capacity: u32,
        #[serde(default)] prerequisites: Vec<String>,
    }
);

#[test]
fn a_field_added_to_the_model_shows_up() {
    let schema =
        schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<OfferPlus>().to_value();
    let fields = form_fields(Kind::Offer, &schema).unwrap();
    let capacity = fields.iter().find(|f| f.path == "capacity").expect("capacity shows up");
    assert!(capacity.required);
    assert_eq!(capacity.shape, Shape::One(Scalar::Number { integer: true }));
    let pre = fields.iter().find(|f| f.path == "prerequisites").expect("prerequisites shows up");
    assert!(!pre.required);
    assert_eq!(pre.shape, Shape::Many(Scalar::Text(None)));
    // The fields the real offer shares keep what the model says of them.
    let providers = fields.iter().find(|f| f.path == "providers").unwrap();
    assert!(providers.required);
}

#[test]
fn every_field_a_form_shows_has_dutch_words() {
    let mut missing = Vec::new();
    for def in FORMS {
        let fields = form_fields(def.kind, &schema_of(def.kind)).unwrap();
        for f in derive::paths(&fields) {
            if labels::field(def.kind, &f.path).is_none() {
                missing.push(format!("{}: {}", def.name, f.path));
            }
            if matches!(f.shape, Shape::Records(_)) && labels::row_noun(&f.path).is_none() {
                missing.push(format!("{}: row noun of {}", def.name, f.path));
            }
        }
        assert!(labels::field(def.kind, "body").is_some());
    }
    assert!(missing.is_empty(), "add these to forms/labels.rs: {missing:#?}");
}

#[test]
fn sections_hold_every_field() {
    for def in FORMS {
        let fields: Vec<FieldSpec> = form_fields(def.kind, &schema_of(def.kind)).unwrap();
        for f in &fields {
            assert!(policy::SECTIONS.contains(&policy::section_of(&f.path)), "{}", f.path);
        }
    }
}

// ---- rendering, on a small site in memory ----

fn file(rel: &str, text: &str) -> SourceFile {
    SourceFile::in_memory(rel, text)
}

fn site(site_yaml: &str) -> crate::site::Site {
    let tree = ContentTree {
        site_yaml: Some(file("site.yaml", site_yaml)),
        vocab_yaml: Some(file(
            "vocab.yaml",
            "audience:\n  bewoners: Bewoners\n  wijkprofessionals: Wijkprofessionals\noffer_type:\n  training: Training\npublication_type:\n  toolkit: Toolkit\norg_type:\n  netwerk: Netwerk\n",
        )),
        files: [
            file("themas/armoede.md", "---\ntitle: Armoede & \"schulden\"\nsummary: Over armoede.\nkind: leefgebied\n---\nInleiding.\n"),
            file("organisaties/wijkwerk.md", "---\ntitle: Wijkwerk\norg_type: netwerk\nwebsite: https://wijkwerk.example.nl/\n---\n"),
            file("paginas/privacy.md", "---\ntitle: Privacy\n---\nWat we met gegevens doen.\n"),
        ]
        .map(std::sync::Arc::new)
        .into(),
        ..Default::default()
    };
    let checked = crate::site::build(tree, crate::site::Options::default());
    let errors: Vec<String> = checked.diagnostics.iter().map(|d| format!("{d:?}")).collect();
    checked.site.unwrap_or_else(|| panic!("fixture site has errors: {errors:#?}"))
}

fn rendered(site: &crate::site::Site) -> std::collections::BTreeMap<String, String> {
    crate::render::render_site(site, &crate::render::Layouts::defaults())
        .unwrap()
        .into_iter()
        .filter(|f| f.path.starts_with("bijdragen/") || f.path.starts_with("vraag-stellen/"))
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
        .collect()
}

#[test]
fn without_endpoint_the_forms_fall_back_to_mailto() {
    let pages = rendered(&site("title: Test\ncontact_email: coordinatiepunt@example.nl\n"));
    let names: Vec<&String> = pages.keys().collect();
    assert_eq!(
        names,
        [
            "bijdragen/index.html",
            "bijdragen/leeraanbod/index.html",
            "bijdragen/praktijkvoorbeeld/index.html",
            "bijdragen/publicatie/index.html",
            "vraag-stellen/index.html"
        ]
    );
    let offer = &pages["bijdragen/leeraanbod/index.html"];
    assert!(
        offer.contains(r#"action="mailto:coordinatiepunt@example.nl?subject=Nieuw%20leeraanbod" method="post" enctype="text/plain""#),
        "{offer}"
    );
    assert!(offer.contains(r#"href="mailto:coordinatiepunt@example.nl?subject=Nieuw%20leeraanbod&amp;body="#));
    // Choices come from the site: the theme, with its title escaped, and the vocabulary.
    assert!(offer.contains(r#"value="armoede""#) && offer.contains("Armoede &amp; &quot;schulden&quot;"));
    assert!(offer.contains(r#"value="training""#));
    assert!(offer.contains("(niet verplicht)"));
    assert!(offer.contains(r#"href="../../privacy/index.html""#));
    let question = &pages["vraag-stellen/index.html"];
    assert!(question.contains(r#"name="consent""#));
    assert!(question.contains(r#"data-key="source" data-yaml="str" value="coordinatiepunt""#), "{question}");
    for (path, html) in &pages {
        assert!(!html.contains("<script>"), "{path}: inline script");
        assert!(!has_event_handler(html), "{path}: event-handler attribute");
    }
}

/// ` onclick="`, ` oninput="`, ...: an attribute name `on` + letters, then `="`.
fn has_event_handler(html: &str) -> bool {
    html.match_indices(" on").any(|(i, _)| {
        let rest = &html[i + 3..];
        let letters = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        letters > 0 && rest[letters..].starts_with("=\"")
    })
}

#[test]
fn with_an_endpoint_the_form_posts_there() {
    let pages = rendered(&site(
        "title: Test\ncontact_email: coordinatiepunt@example.nl\nforms:\n  leeraanbod: {endpoint: https://forms.example.nl/leeraanbod}\n  leervraag: {endpoint: \"javascript:alert(1)\"}\n",
    ));
    let offer = &pages["bijdragen/leeraanbod/index.html"];
    assert!(offer.contains(r#"action="https://forms.example.nl/leeraanbod" method="post""#), "{offer}");
    assert!(offer.contains("forms.example.nl"));
    // Not a web address: ignored, the mailto fallback is used.
    assert!(pages["vraag-stellen/index.html"].contains(r#"action="mailto:coordinatiepunt@example.nl"#));
    assert!(!pages["vraag-stellen/index.html"].contains("javascript:"));
}

#[test]
fn without_any_address_the_form_still_makes_a_file() {
    let pages = rendered(&site("title: Test\n"));
    let offer = &pages["bijdragen/leeraanbod/index.html"];
    assert!(!offer.contains("action="));
    assert!(offer.contains(r#"data-mode="none""#));
}

// ---- the slug rule in the browser ----

/// Blocks of code points whose transliteration `assets/slug.js` carries; outside them the
/// browser treats a character as a word break (documented in the README).
const SLUG_TABLE_RANGES: &[(u32, u32)] = &[
    (0x00A0, 0x024F),
    (0x0300, 0x036F),
    (0x0370, 0x03FF),
    (0x0400, 0x04FF),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x218F),
];

const TABLE_START: &str = "// BEGIN TRANSLITERATION TABLE";
const TABLE_END: &str = "// END TRANSLITERATION TABLE";

fn slug_table() -> String {
    let mut out = String::from("  const TABLE = {\n");
    for &(lo, hi) in SLUG_TABLE_RANGES {
        for cp in lo..=hi {
            let Some(c) = char::from_u32(cp) else { continue };
            // What `slug::slugify` pushes for a non-ASCII character.
            let t = deunicode::deunicode_char(c).unwrap_or("-");
            if t == "-" {
                continue; // the browser's default
            }
            let value = serde_json::to_string(t).unwrap();
            out.push_str(&format!("    '\\u{{{cp:04x}}}': {value},\n"));
        }
    }
    out.push_str("  };\n");
    out
}

#[test]
fn slug_js_carries_the_transliteration_table() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../layouts/assets/slug.js");
    let js = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = js.split_once(TABLE_START).expect("table start marker");
    let (_, tail) = rest.split_once(TABLE_END).expect("table end marker");
    let want =
        format!("{head}{TABLE_START} (generated by forms::tests; do not edit)\n{}  {TABLE_END}{tail}", slug_table());
    if js != want {
        if std::env::var_os("LEERNET_UPDATE_SLUG_TABLE").is_some() {
            std::fs::write(&path, want).unwrap();
        } else {
            panic!(
                "layouts/assets/slug.js is out of date: run LEERNET_UPDATE_SLUG_TABLE=1 cargo test -p leernet slug_js"
            );
        }
    }
}
