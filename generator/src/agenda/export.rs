//! The agenda as data for the coordination point: CSV per theme, per theme and audience,
//! and per focus area, and one JSON file with all three, under `data/`.

use super::{by_focus_area, by_theme_and_audience, rows, MEASURES};
use crate::output::OutputFile;
use crate::site::Site;
use serde_json::{json, Map, Value};

/// A CSV field, quoted when it holds a comma, quote or newline (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = header.join(",");
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn title(site: &Site, i: usize) -> String {
    site.docs[i].raw.common().title.to_string()
}

pub fn files(site: &Site) -> Vec<OutputFile> {
    let agenda = rows(site);
    let measure_keys: Vec<String> = MEASURES.iter().map(|(k, _)| k.replace('-', "_")).collect();
    let mut theme_header = vec!["thema", "slug"];
    theme_header.extend(measure_keys.iter().map(String::as_str));
    theme_header.push("mogelijke_lacune");
    let theme_rows: Vec<Vec<String>> = agenda
        .iter()
        .map(|r| {
            let mut row = vec![title(site, r.theme), site.docs[r.theme].slug.clone()];
            row.extend(r.items.iter().map(|v| v.len().to_string()));
            row.push(r.signal.clone().unwrap_or_default());
            row
        })
        .collect();
    let audience: Vec<Vec<String>> = by_theme_and_audience(site)
        .into_iter()
        .map(|(t, code, q, o)| vec![title(site, t), site.docs[t].slug.clone(), code, q.to_string(), o.to_string()])
        .collect();
    let focus: Vec<Vec<String>> = by_focus_area(site)
        .into_iter()
        .map(|(f, offers, current, examples, sessions)| {
            let municipality = match &site.docs[f].raw {
                crate::model::Raw::FocusArea(a) => a.municipality.clone(),
                _ => String::new(),
            };
            vec![
                title(site, f),
                site.docs[f].slug.clone(),
                municipality,
                offers.to_string(),
                current.to_string(),
                examples.to_string(),
                sessions.to_string(),
            ]
        })
        .collect();
    let audience_header = ["thema", "slug", "doelgroep", "leervragen", "lopend_aanbod"];
    let focus_header =
        ["focusgebied", "slug", "gemeente", "aanbod", "lopend_aanbod", "praktijkvoorbeelden", "bijeenkomsten"];
    let to_json = |header: &[&str], rows: &[Vec<String>]| -> Value {
        Value::Array(
            rows.iter()
                .map(|r| {
                    let mut m = Map::new();
                    for (h, v) in header.iter().zip(r) {
                        // Counts are numbers, names and slugs text.
                        let value = v.parse::<u64>().map(Value::from).unwrap_or_else(|_| Value::from(v.as_str()));
                        m.insert(h.to_string(), if v.is_empty() { Value::Null } else { value });
                    }
                    Value::Object(m)
                })
                .collect(),
        )
    };
    let all = json!({
        "datum": site.options.now.to_string(),
        "per_thema": to_json(&theme_header, &theme_rows),
        "per_thema_en_doelgroep": to_json(&audience_header, &audience),
        "per_focusgebied": to_json(&focus_header, &focus),
    });
    let mut json_bytes = serde_json::to_vec_pretty(&all).unwrap_or_default();
    json_bytes.push(b'\n');
    vec![
        OutputFile { path: "data/leeragenda-per-thema.csv".into(), bytes: csv(&theme_header, &theme_rows) },
        OutputFile {
            path: "data/leeragenda-per-thema-en-doelgroep.csv".into(),
            bytes: csv(&audience_header, &audience),
        },
        OutputFile { path: "data/leeragenda-per-focusgebied.csv".into(), bytes: csv(&focus_header, &focus) },
        OutputFile { path: "data/leeragenda.json".into(), bytes: json_bytes },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(field("Armoede en schulden"), "Armoede en schulden");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("zeg \"hoi\""), "\"zeg \"\"hoi\"\"\"");
    }
}
