//! JSON Schemas of the content model, derived from the Rust types by schemars, with the
//! per-type requirements of the common fields added, for yaml-language-server and for the
//! field lists that validation and `leernet new` use.

use crate::model::{self, Kind};
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Value};

/// Draft-07, the draft yaml-language-server supports fully.
fn schema_for<T: JsonSchema>() -> Value {
    SchemaSettings::draft07().into_generator().into_root_schema_for::<T>().to_value()
}

/// The JSON Schema of one type's front matter.
pub fn schema_of(kind: Kind) -> Value {
    let schema = match kind {
        Kind::Theme => schema_for::<model::Theme>(),
        Kind::Offer => schema_for::<model::Offer>(),
        Kind::Publication => schema_for::<model::Publication>(),
        Kind::PracticeExample => schema_for::<model::PracticeExample>(),
        Kind::LearningQuestion => schema_for::<model::LearningQuestion>(),
        Kind::Gap => schema_for::<model::Gap>(),
        Kind::LearningCircle => schema_for::<model::LearningCircle>(),
        Kind::Intervention => schema_for::<model::Intervention>(),
        Kind::Organisation => schema_for::<model::Organisation>(),
        Kind::Person => schema_for::<model::Person>(),
        Kind::FocusArea => schema_for::<model::FocusArea>(),
        Kind::Page => schema_for::<model::Page>(),
    };
    let mut v = schema;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("title".into(), json!(format!("leernet {} ({}/)", kind.name(), kind.folder())));
        let required = obj.entry("required").or_insert_with(|| json!([]));
        if let Some(list) = required.as_array_mut() {
            let mut add = |f: &str| {
                if !list.iter().any(|x| x == f) {
                    list.push(json!(f));
                }
            };
            if kind.summary_required() {
                add("summary");
            }
            if kind.themes_required() {
                add("themes");
            }
            if kind.published_required() {
                add("published");
            }
        }
        if kind.themes_required() {
            if let Some(t) = obj.get_mut("properties").and_then(|p| p.get_mut("themes")) {
                *t =
                    json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "description": "Theme slugs."});
            }
        }
    }
    v
}

/// Schemas of site.yaml and vocab.yaml.
pub fn settings_schemas() -> Vec<(&'static str, Value)> {
    vec![("site", schema_for::<model::SiteConfig>()), ("vocab", schema_for::<model::Vocab>())]
}

/// The required top-level fields of a type, in declaration order.
pub fn required_fields(kind: Kind) -> Vec<String> {
    let s = schema_of(kind);
    let req: Vec<String> = s
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default();
    let order: Vec<String> =
        s.get("properties").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default();
    let mut out: Vec<String> = order.into_iter().filter(|k| req.contains(k)).collect();
    for r in req {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_carry_the_model() {
        let offer = schema_of(Kind::Offer);
        let req = required_fields(Kind::Offer);
        for f in ["title", "summary", "themes", "published", "offer_type", "providers", "delivery_mode"] {
            assert!(req.iter().any(|r| r == f), "{f} missing from {req:?}");
        }
        assert_eq!(offer["additionalProperties"], json!(false));
        assert!(!required_fields(Kind::Person).iter().any(|r| r == "summary"));
    }
}
