//! `site.yaml` and `vocab.yaml`: the site's settings and the open vocabularies.

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Without it the site is fully relative (no canonical links, sitemap or feeds URLs).
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    /// The coordination point's mailbox.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// A site-wide notice, e.g. for demonstration content.
    #[serde(default)]
    pub banner: Option<String>,
    /// Per contribution form an endpoint that receives a POST.
    #[serde(default)]
    pub forms: BTreeMap<String, FormEndpoint>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormEndpoint {
    pub endpoint: String,
}

/// One vocabulary entry: a label, or a label with its plural.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(untagged)]
pub enum VocabEntry {
    Label(String),
    Full(VocabLabels),
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabLabels {
    pub label: String,
    #[serde(default)]
    pub plural: Option<String>,
}

impl VocabEntry {
    pub fn label(&self) -> &str {
        match self {
            VocabEntry::Label(l) => l,
            VocabEntry::Full(f) => &f.label,
        }
    }
    pub fn plural(&self) -> &str {
        match self {
            VocabEntry::Label(l) => l,
            VocabEntry::Full(f) => f.plural.as_deref().unwrap_or(&f.label),
        }
    }
}

/// `content/vocab.yaml`: code -> label for every open vocabulary.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocab {
    #[serde(default)]
    pub audience: BTreeMap<String, VocabEntry>,
    #[serde(default)]
    pub offer_type: BTreeMap<String, VocabEntry>,
    #[serde(default)]
    pub publication_type: BTreeMap<String, VocabEntry>,
    #[serde(default)]
    pub org_type: BTreeMap<String, VocabEntry>,
}

impl Vocab {
    pub fn get(&self, name: &str) -> Option<&BTreeMap<String, VocabEntry>> {
        match name {
            "audience" => Some(&self.audience),
            "offer_type" => Some(&self.offer_type),
            "publication_type" => Some(&self.publication_type),
            "org_type" => Some(&self.org_type),
            _ => None,
        }
    }

    pub fn all(&self) -> [(&'static str, &BTreeMap<String, VocabEntry>); 4] {
        [
            ("audience", &self.audience),
            ("offer_type", &self.offer_type),
            ("publication_type", &self.publication_type),
            ("org_type", &self.org_type),
        ]
    }

    pub fn label<'a>(&'a self, name: &str, code: &'a str) -> &'a str {
        self.get(name).and_then(|m| m.get(code)).map(VocabEntry::label).unwrap_or(code)
    }
}
