//! Open data: `/data/<type>.json` with every published item of a type (its front matter as
//! written, plus `slug` and `url`), and `/data/<type>.schema.json` beside it, derived from
//! the same Rust types that validate the content, so other sites can reuse it safely.

use crate::model::{Kind, Raw};
use crate::output::OutputFile;
use crate::site::{url_of, Site};
use serde_json::{json, Map, Value};

fn raw_json(raw: &Raw) -> Value {
    let v = match raw {
        Raw::Theme(x) => serde_json::to_value(x),
        Raw::Offer(x) => serde_json::to_value(x),
        Raw::Publication(x) => serde_json::to_value(x),
        Raw::PracticeExample(x) => serde_json::to_value(x),
        Raw::LearningQuestion(x) => serde_json::to_value(x),
        Raw::Gap(x) => serde_json::to_value(x),
        Raw::LearningCircle(x) => serde_json::to_value(x),
        Raw::Intervention(x) => serde_json::to_value(x),
        Raw::Organisation(x) => serde_json::to_value(x),
        Raw::Person(x) => serde_json::to_value(x),
        Raw::FocusArea(x) => serde_json::to_value(x),
        Raw::Page(x) => serde_json::to_value(x),
    };
    // Plain structs of strings, numbers and lists always serialise.
    prune(v.unwrap_or(Value::Null))
}

/// Drops nulls and empty lists: absent optional fields stay absent, as in the files.
fn prune(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null() && !v.as_array().is_some_and(|a| a.is_empty()))
                .map(|(k, v)| (k, prune(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(prune).collect()),
        v => v,
    }
}

pub fn files(site: &Site) -> Vec<OutputFile> {
    use rayon::prelude::*;
    Kind::ALL.par_iter().flat_map_iter(|&kind| kind_files(site, kind)).collect()
}

/// `data/<type>.json` and its schema.
fn kind_files(site: &Site, kind: Kind) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let mut items: Vec<usize> = site.visible_of(kind).collect();
    items.sort_by(|&a, &b| site.docs[a].slug.cmp(&site.docs[b].slug));
    // Each item is turned into JSON on its own, in parallel: at 100,000 items one type has
    // tens of thousands, and made in one loop they kept one core busy while the other waited.
    let list: Vec<Vec<u8>> = items
        .par_iter()
        .map(|&i| {
            let d = &site.docs[i];
            let url = match &site.config.base_url {
                Some(b) => format!("{b}{}", url_of(d)),
                None => url_of(d),
            };
            let mut m = Map::new();
            m.insert("slug".into(), json!(d.slug));
            m.insert("url".into(), json!(url));
            if let Value::Object(fields) = raw_json(&d.raw) {
                m.extend(fields);
            }
            serde_json::to_vec_pretty(&Value::Object(m)).unwrap_or_default()
        })
        .collect();
    let name = kind.folder();
    vec![
        OutputFile { path: format!("data/{name}.json"), bytes: pretty_array(&list) },
        OutputFile { path: format!("data/{name}.schema.json"), bytes: pretty(&schema(kind)) },
    ]
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(v).unwrap_or_default();
    b.push(b'\n');
    b
}

/// `pretty` of an array, from the pretty form of each of its elements: each line of an
/// element moves in one level (two spaces). A JSON string holds no raw line break, so
/// every line break of an element is one of the layout's.
fn pretty_array(elements: &[Vec<u8>]) -> Vec<u8> {
    if elements.is_empty() {
        return b"[]\n".to_vec();
    }
    let lines: usize = elements.iter().map(|e| memchr::memchr_iter(b'\n', e).count() + 1).sum();
    let mut out = Vec::with_capacity(elements.iter().map(Vec::len).sum::<usize>() + 3 * lines + 8);
    out.extend_from_slice(b"[\n");
    for (k, e) in elements.iter().enumerate() {
        if k > 0 {
            out.extend_from_slice(b",\n");
        }
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', e).chain([e.len()]) {
            out.extend_from_slice(b"  ");
            out.extend_from_slice(&e[start..end]);
            if end < e.len() {
                out.push(b'\n');
            }
            start = end + 1;
        }
    }
    out.extend_from_slice(b"\n]\n");
    out
}

/// The schema of `data/<type>.json`: an array of the type's items with `slug` and `url`.
pub fn schema(kind: Kind) -> Value {
    let mut item = crate::schema::schema_of(kind);
    let defs = item.as_object_mut().and_then(|o| o.remove("definitions"));
    if let Some(o) = item.as_object_mut() {
        o.remove("$schema");
        o.remove("title");
        if let Some(Value::Object(props)) = o.get_mut("properties") {
            let mut with = Map::new();
            with.insert("slug".into(), json!({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}));
            with.insert("url".into(), json!({"type": "string"}));
            with.extend(std::mem::take(props));
            *props = with;
        }
        if let Some(Value::Array(req)) = o.get_mut("required") {
            req.insert(0, json!("url"));
            req.insert(0, json!("slug"));
        }
    }
    let mut root = Map::new();
    root.insert("$schema".into(), json!("http://json-schema.org/draft-07/schema#"));
    root.insert("title".into(), json!(format!("leernet open data: {}", kind.folder())));
    root.insert("type".into(), json!("array"));
    root.insert("items".into(), item);
    if let Some(d) = defs {
        root.insert("definitions".into(), d);
    }
    Value::Object(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The array made from its elements' pretty forms is byte for byte serde_json's own.
    #[test]
    fn pretty_array_is_the_pretty_form_of_the_whole_array() {
        let cases = [
            vec![],
            vec![json!({})],
            vec![json!([])],
            vec![json!("een\nregel"), json!(1), json!(null)],
            vec![
                json!({"slug": "a", "url": "https://x.nl/a/", "themes": ["b", "c"], "cost": {"free": true, "notes": []}}),
                json!({"slug": "b", "nested": [{"x": [1, 2, {"y": "z\\n"}]}, {}], "text": "regel 1\r\nregel 2"}),
            ],
        ];
        for values in cases {
            let elements: Vec<Vec<u8>> = values.iter().map(|v| serde_json::to_vec_pretty(v).unwrap()).collect();
            assert_eq!(
                String::from_utf8(pretty_array(&elements)).unwrap(),
                String::from_utf8(pretty(&Value::Array(values.clone()))).unwrap(),
                "{values:?}"
            );
        }
    }
}
