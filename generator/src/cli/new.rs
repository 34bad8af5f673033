//! `leernet new <type> "<Titel>"`: a valid skeleton with every required field, its slug
//! from the title by the slug rule, values taken from the existing content where a field
//! refers to it. Never overwrites.

use leernet::model::Kind;
use leernet::schema;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The type: theme, offer, publication, practice_example, learning_question, gap,
    /// learning_circle, intervention, organisation, person, focus_area, page (or its folder name).
    r#type: String,
    /// The title; the file name is derived from it.
    title: String,
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
}

/// Which kind a required reference field points at.
fn reference_kind(kind: Kind, field: &str) -> Option<Kind> {
    Some(match (kind, field) {
        (_, "themes" | "theme" | "expertise") => Kind::Theme,
        (_, "providers" | "publishers" | "owners" | "organisers") => Kind::Organisation,
        (Kind::Person, "organisations") => Kind::Organisation,
        (Kind::Gap, "identified_in") => Kind::Publication,
        _ => return None,
    })
}

fn vocab_of(field: &str) -> Option<&'static str> {
    match field {
        "offer_type" => Some("offer_type"),
        "publication_type" => Some("publication_type"),
        "org_type" => Some("org_type"),
        "asked_by" | "audiences" => Some("audience"),
        _ => None,
    }
}

impl NewArgs {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let Some(kind) = Kind::from_name(&self.r#type) else {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            anyhow::bail!("unknown type `{}`; choose one of: {}", self.r#type, names.join(", "));
        };
        let slug = leernet::slug::proposed_file_slug(&self.title);
        let dir = self.content.join(kind.folder());
        let path = dir.join(format!("{slug}.md"));
        if path.exists() {
            anyhow::bail!("`{}` already exists; leernet new never overwrites", path.display());
        }
        let existing = Existing::read(&self.content);
        let text = skeleton(kind, &self.title, &existing)?;
        std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("failed to create `{}`: {e}", dir.display()))?;
        // `create_new` so a file appearing meanwhile is still never overwritten.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| anyhow::anyhow!("failed to create `{}`: {e}", path.display()))?;
        std::io::Write::write_all(&mut f, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("failed to write `{}`: {e}", path.display()))?;
        println!("{}", path.display());
        eprintln!("wrote {}: fill in the fields marked with a comment, then run `leernet check`", path.display());
        Ok(ExitCode::SUCCESS)
    }
}

/// Slugs and vocabulary codes already in the content folder, to fill references validly.
struct Existing {
    slugs: std::collections::BTreeMap<Kind, Vec<String>>,
    vocab: leernet::model::Vocab,
}

impl Existing {
    fn read(content: &std::path::Path) -> Self {
        let mut slugs = std::collections::BTreeMap::new();
        for k in Kind::ALL {
            let mut v: Vec<String> = std::fs::read_dir(content.join(k.folder()))
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".md").map(String::from))
                .filter(|s| leernet::slug::is_valid(s))
                .collect();
            v.sort();
            slugs.insert(k, v);
        }
        let vocab = std::fs::read_to_string(content.join("vocab.yaml"))
            .ok()
            .and_then(|t| leernet::yaml::parse_file::<leernet::model::Vocab>(&t).ok())
            .map(|(v, _)| v)
            .unwrap_or_default();
        Existing { slugs, vocab }
    }

    fn first(&self, kind: Kind) -> (String, String) {
        let list = &self.slugs[&kind];
        let hint = if list.is_empty() {
            format!("no {} exists yet: create it first", kind.folder())
        } else {
            format!("slugs from {}/: {}", kind.folder(), list.iter().take(6).cloned().collect::<Vec<_>>().join(", "))
        };
        (list.first().cloned().unwrap_or_else(|| format!("nieuw-{}", kind.name().replace('_', "-"))), hint)
    }

    fn code(&self, vocab: &str) -> (String, String) {
        let codes: Vec<&String> = self.vocab.get(vocab).map(|m| m.keys().collect()).unwrap_or_default();
        let hint = format!(
            "codes from vocab.yaml {vocab}: {}",
            codes.iter().take(8).map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        );
        (codes.first().map(|s| s.to_string()).unwrap_or_else(|| "code".into()), hint)
    }
}

fn quote(s: &str) -> String {
    // JSON strings are valid YAML double-quoted scalars.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn skeleton(kind: Kind, title: &str, existing: &Existing) -> anyhow::Result<String> {
    let schema = schema::schema_of(kind);
    let today = jiff::Zoned::now().date().to_string();
    let mut title = title.trim().to_string();
    if kind == Kind::LearningQuestion && !title.ends_with('?') {
        title.push('?');
    }
    let mut y = String::from("---\n");
    let _ = writeln!(y, "title: {}", quote(&title));
    for field in schema::required_fields(kind) {
        if field == "title" {
            continue;
        }
        let prop = schema.get("properties").and_then(|p| p.get(&field)).cloned().unwrap_or(Value::Null);
        let prop = resolve(&schema, &prop);
        let (value, hint) = value_for(kind, &field, &prop, &schema, existing, &today);
        let _ = writeln!(y, "{field}: {value}  # {hint}");
    }
    y.push_str("---\n");
    let body = match kind {
        Kind::Theme => "Schrijf hier de inleiding op dit thema: waar gaat het over, en voor wie?\n",
        Kind::Page => "Schrijf hier de tekst van de pagina.\n",
        _ => "Schrijf hier de tekst.\n",
    };
    y.push('\n');
    y.push_str(body);
    Ok(y)
}

fn resolve(root: &Value, v: &Value) -> Value {
    // Draft-07 allows no siblings beside `$ref`, so schemars wraps it: `allOf: [{$ref}]`.
    if let Some([single]) = v.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
        return resolve(root, single);
    }
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        if let Some(d) = root.get("definitions").or_else(|| root.get("$defs")).and_then(|d| d.get(name)) {
            return d.clone();
        }
    }
    v.clone()
}

fn value_for(
    kind: Kind,
    field: &str,
    prop: &Value,
    root: &Value,
    existing: &Existing,
    today: &str,
) -> (String, String) {
    let desc = prop.get("description").and_then(Value::as_str).unwrap_or("required").to_string();
    if let Some(k) = reference_kind(kind, field) {
        let (slug, hint) = existing.first(k);
        let is_list = prop.get("type").and_then(Value::as_str) == Some("array");
        return (if is_list { format!("[{slug}]") } else { slug }, hint);
    }
    if let Some(v) = vocab_of(field) {
        let (code, hint) = existing.code(v);
        let is_list = prop.get("type").and_then(Value::as_str) == Some("array");
        return (if is_list { format!("[{code}]") } else { code }, hint);
    }
    match field {
        "summary" => return (quote("Een korte samenvatting in één of twee zinnen."), "at most 160 characters".into()),
        "published" => {
            return (today.to_string(), "publication date, YYYY-MM-DD; a future date schedules the item".into())
        }
        "website" => return ("https://www.example.nl/".into(), "the organisation's website".into()),
        "municipality" => return (quote("Naam van de gemeente"), desc),
        "public" => return ("false".into(), "true publishes a page for this person; false keeps them private".into()),
        "organisations" if kind == Kind::PracticeExample => {
            let (org, hint) = existing.first(Kind::Organisation);
            return (
                format!("[{{organisation: {org}, role: trekker}}]"),
                format!("role: trekker | partner | financier | onderzoek; {hint}"),
            );
        }
        _ => {}
    }
    let item = prop.get("items").map(|i| resolve(root, i));
    let enum_of = |v: &Value| -> Option<Vec<String>> {
        v.get("enum").and_then(Value::as_array).map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
    };
    if let Some(values) = enum_of(prop) {
        return (values[0].clone(), format!("one of: {}", values.join(" | ")));
    }
    if let Some(values) = item.as_ref().and_then(enum_of) {
        return (format!("[{}]", values[0]), format!("one or more of: {}", values.join(" | ")));
    }
    match prop.get("type").and_then(Value::as_str) {
        Some("boolean") => ("false".into(), desc),
        Some("integer") | Some("number") => ("0".into(), desc),
        Some("array") => ("[]".into(), desc),
        _ => (quote("Vul in"), desc),
    }
}
