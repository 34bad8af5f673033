//! A form's fields derived from the model: their shape and whether they are required come
//! from the type's JSON Schema (`schema::schema_of`); what a text field holds (a reference
//! to an item, a vocabulary code, a date, a web address) comes from the same field walk
//! that validation uses (`Raw::fields`), run over a probe item that has every field filled.
//! Nothing here is written per field: a field added to the model shows up in its form.

use super::policy;
use crate::model::{DateRule, Kind, Raw, Target};
use anyhow::{Context, Result};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// What a text value holds, as validation sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// The slug of an item of this kind.
    Ref(Kind),
    /// A code from this vocabulary in vocab.yaml.
    Vocab(&'static str),
    Date(DateRule),
    /// A web address.
    Url,
    /// A web address or a file under media/ (a form can only give a web address).
    Download,
}

/// The value type of a single value.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Text(Option<Class>),
    Bool,
    Number {
        integer: bool,
    },
    /// A code of a closed list, in the model's order.
    Code(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    One(Scalar),
    /// A list of values.
    Many(Scalar),
    /// A record: its fields.
    Record(Vec<FieldSpec>),
    /// A list of records: the fields of one record.
    Records(Vec<FieldSpec>),
}

/// One field of a form, as the model declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// Dotted path from the top (`registration.url`, `organisations.role`), the key of the
    /// label table.
    pub path: String,
    /// The YAML key.
    pub key: String,
    /// Required by the schema (inside a record: required when the record is given).
    pub required: bool,
    pub shape: Shape,
}

/// The fields of `kind`'s form from `schema` (normally `schema::schema_of(kind)`), without
/// the fields left to the coordination point and the fixed ones, in schema order.
pub fn form_fields(kind: Kind, schema: &Value) -> Result<Vec<FieldSpec>> {
    let classes = probe(kind)?;
    let required = required_of(schema);
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        anyhow::bail!("the schema of {} has no properties", kind.name());
    };
    Ok(props
        .iter()
        .filter(|(name, _)| !policy::is_editorial(kind, name) && policy::fixed(kind, name).is_none())
        .map(|(name, prop)| spec(schema, name, name, name, prop, required.contains(name), &classes, 0))
        .collect())
}

fn required_of(schema: &Value) -> Vec<String> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

/// Deepest nesting followed; the model nests two levels, this only guards against cycles.
const MAX_DEPTH: usize = 8;

#[allow(clippy::too_many_arguments)]
fn spec(
    root: &Value,
    path: &str,
    class_key: &str,
    key: &str,
    prop: &Value,
    required: bool,
    classes: &BTreeMap<String, Class>,
    depth: usize,
) -> FieldSpec {
    let node = effective(root, prop, 0);
    let record = |node: &Value, class_prefix: &str| -> Vec<FieldSpec> {
        let req = required_of(node);
        node.get("properties")
            .and_then(Value::as_object)
            .filter(|_| depth < MAX_DEPTH)
            .map(|props| {
                props
                    .iter()
                    .map(|(k, p)| {
                        let class_key = format!("{class_prefix}.{k}");
                        spec(root, &format!("{path}.{k}"), &class_key, k, p, req.contains(k), classes, depth + 1)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let shape = match type_of(node) {
        Some("array") => {
            let item = node.get("items").map(|i| effective(root, i, 0)).unwrap_or(&Value::Null);
            if type_of(item) == Some("object") {
                Shape::Records(record(item, &format!("{class_key}[]")))
            } else {
                Shape::Many(scalar(item, classes.get(&format!("{class_key}[]")).copied()))
            }
        }
        Some("object") => Shape::Record(record(node, class_key)),
        _ => Shape::One(scalar(node, classes.get(class_key).copied())),
    };
    FieldSpec { path: path.to_string(), key: key.to_string(), required, shape }
}

fn scalar(node: &Value, class: Option<Class>) -> Scalar {
    if let Some(codes) = enum_of(node) {
        return Scalar::Code(codes);
    }
    match type_of(node) {
        Some("boolean") => Scalar::Bool,
        Some("integer") => Scalar::Number { integer: true },
        Some("number") => Scalar::Number { integer: false },
        _ => Scalar::Text(class),
    }
}

/// The schema a value really has: `$ref` and single `allOf` followed, the `null` of an
/// optional value dropped, and of a value that may be a slug or a record, the record (a
/// form offers the record: a named author rather than a person's slug).
fn effective<'a>(root: &'a Value, v: &'a Value, depth: usize) -> &'a Value {
    if depth > MAX_DEPTH {
        return v;
    }
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        if let Some(d) = root.get("definitions").or_else(|| root.get("$defs")).and_then(|d| d.get(name)) {
            return effective(root, d, depth + 1);
        }
    }
    if let Some([single]) = v.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
        return effective(root, single, depth + 1);
    }
    if let Some(branches) = v.get("anyOf").or_else(|| v.get("oneOf")).and_then(Value::as_array) {
        let live: Vec<&Value> = branches
            .iter()
            .map(|b| effective(root, b, depth + 1))
            .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if let Some(b) = live.iter().find(|b| type_of(b) == Some("object")).or(live.first()) {
            return b;
        }
    }
    v
}

/// The type of a schema node, ignoring `null` (`["string", "null"]` is a string).
fn type_of(v: &Value) -> Option<&str> {
    match v.get("type") {
        Some(Value::String(s)) => Some(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

fn enum_of(v: &Value) -> Option<Vec<String>> {
    v.get("enum").and_then(Value::as_array).map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
}

/// A value for every field of a schema node, following the same branches as the form.
fn sample(root: &Value, v: &Value, depth: usize) -> Value {
    let node = effective(root, v, 0);
    if let Some(first) = enum_of(node).and_then(|c| c.into_iter().next()) {
        return Value::String(first);
    }
    match type_of(node) {
        Some("boolean") => json!(true),
        Some("integer") => json!(1),
        Some("number") => json!(1.5),
        Some("array") if depth < MAX_DEPTH => {
            json!([node.get("items").map(|i| sample(root, i, depth + 1)).unwrap_or(Value::Null)])
        }
        Some("object") if depth < MAX_DEPTH => {
            let mut m = Map::new();
            for (k, p) in node.get("properties").and_then(Value::as_object).into_iter().flatten() {
                m.insert(k.clone(), sample(root, p, depth + 1));
            }
            Value::Object(m)
        }
        _ => json!("x"),
    }
}

/// An item of `kind` with every field filled, read by the model's own types.
fn raw_of(kind: Kind, v: Value) -> Result<Raw, serde_json::Error> {
    use serde_json::from_value as read;
    Ok(match kind {
        Kind::Theme => Raw::Theme(read(v)?),
        Kind::Offer => Raw::Offer(read(v)?),
        Kind::Publication => Raw::Publication(read(v)?),
        Kind::PracticeExample => Raw::PracticeExample(read(v)?),
        Kind::LearningQuestion => Raw::LearningQuestion(read(v)?),
        Kind::Gap => Raw::Gap(read(v)?),
        Kind::LearningCircle => Raw::LearningCircle(read(v)?),
        Kind::Intervention => Raw::Intervention(read(v)?),
        Kind::Organisation => Raw::Organisation(read(v)?),
        Kind::Person => Raw::Person(read(v)?),
        Kind::FocusArea => Raw::FocusArea(read(v)?),
        Kind::Page => Raw::Page(read(v)?),
    })
}

/// What each text field of `kind` holds, by path with `[]` for list positions
/// (`organisations[].organisation`): the validation walk over a probe item.
pub fn probe(kind: Kind) -> Result<BTreeMap<String, Class>> {
    let schema = crate::schema::schema_of(kind);
    let item = sample(&schema, &schema, 0);
    let raw = raw_of(kind, item).with_context(|| format!("the probe item of {} does not fit its type", kind.name()))?;
    let fields = raw.fields();
    let mut out = BTreeMap::new();
    for r in &fields.refs {
        if let Target::One(k) = r.target {
            out.insert(unindexed(&r.path), Class::Ref(k));
        }
    }
    for (path, _, rule) in &fields.dates {
        out.insert(unindexed(path), Class::Date(*rule));
    }
    for (path, vocab, _) in &fields.vocab {
        out.insert(unindexed(path), Class::Vocab(vocab));
    }
    for (path, _) in &fields.urls {
        out.insert(unindexed(path), Class::Url);
    }
    for (path, _) in &fields.downloads {
        out.insert(unindexed(path), Class::Download);
    }
    Ok(out)
}

/// `organisations[0].organisation` -> `organisations[].organisation`.
fn unindexed(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}

/// Every path of a field tree, depth first (for tests and the label check).
pub fn paths(fields: &[FieldSpec]) -> Vec<&FieldSpec> {
    let mut out = Vec::new();
    for f in fields {
        out.push(f);
        if let Shape::Record(sub) | Shape::Records(sub) = &f.shape {
            out.extend(paths(sub));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::schema_of;

    fn field<'a>(fields: &'a [FieldSpec], path: &str) -> &'a FieldSpec {
        paths(fields).into_iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no field {path}"))
    }

    #[test]
    fn the_probe_finds_what_validation_checks() {
        let offer = probe(Kind::Offer).unwrap();
        assert_eq!(offer["providers[]"], Class::Ref(Kind::Organisation));
        assert_eq!(offer["themes[]"], Class::Ref(Kind::Theme));
        assert_eq!(offer["offer_type"], Class::Vocab("offer_type"));
        assert_eq!(offer["audiences[]"], Class::Vocab("audience"));
        assert_eq!(offer["registration.deadline"], Class::Date(DateRule::Date));
        assert_eq!(offer["registration.url"], Class::Url);
        let example = probe(Kind::PracticeExample).unwrap();
        assert_eq!(example["organisations[].organisation"], Class::Ref(Kind::Organisation));
        assert_eq!(example["period.start"], Class::Date(DateRule::Partial));
        let publication = probe(Kind::Publication).unwrap();
        assert_eq!(publication["authors[].organisations[]"], Class::Ref(Kind::Organisation));
        assert_eq!(publication["files[].url"], Class::Download);
        let question = probe(Kind::LearningQuestion).unwrap();
        assert_eq!(question["asked_by[]"], Class::Vocab("audience"));
    }

    #[test]
    fn shapes_follow_the_schema() {
        let offer = form_fields(Kind::Offer, &schema_of(Kind::Offer)).unwrap();
        assert_eq!(field(&offer, "providers").shape, Shape::Many(Scalar::Text(Some(Class::Ref(Kind::Organisation)))));
        assert!(field(&offer, "providers").required);
        assert!(!field(&offer, "partners").required);
        assert_eq!(
            field(&offer, "delivery_mode").shape,
            Shape::One(Scalar::Code(vec!["op-locatie".into(), "online".into(), "hybride".into(), "zelfstudie".into()]))
        );
        assert_eq!(field(&offer, "cost.amount").shape, Shape::One(Scalar::Number { integer: false }));
        assert!(matches!(field(&offer, "location").shape, Shape::Record(_)));
        assert_eq!(field(&offer, "learning_goals").shape, Shape::Many(Scalar::Text(None)));
        let example = form_fields(Kind::PracticeExample, &schema_of(Kind::PracticeExample)).unwrap();
        let orgs = field(&example, "organisations");
        assert!(orgs.required && matches!(orgs.shape, Shape::Records(_)));
        assert!(field(&example, "organisations.role").required);
        let publication = form_fields(Kind::Publication, &schema_of(Kind::Publication)).unwrap();
        // An author may be a person's slug or a record; the form offers the record.
        assert!(matches!(field(&publication, "authors").shape, Shape::Records(_)));
        assert_eq!(field(&publication, "files.size_bytes").shape, Shape::One(Scalar::Number { integer: true }));
        // Left to the coordination point, or fixed.
        for gone in ["draft", "related", "addresses_gap", "published"] {
            assert!(offer.iter().all(|f| f.path != gone), "{gone}");
        }
        let question = form_fields(Kind::LearningQuestion, &schema_of(Kind::LearningQuestion)).unwrap();
        for gone in ["source", "status", "matched", "priority", "audiences"] {
            assert!(question.iter().all(|f| f.path != gone), "{gone}");
        }
        assert_eq!(field(&question, "consent").shape, Shape::One(Scalar::Bool));
    }

    #[test]
    fn unindexed_drops_positions() {
        assert_eq!(unindexed("organisations[12].organisation"), "organisations[].organisation");
        assert_eq!(unindexed("themes[0]"), "themes[]");
        assert_eq!(unindexed("title"), "title");
    }
}
