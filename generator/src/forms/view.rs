//! The template contract of the form pages: serialisable views of a form (its groups of
//! fields, the values every file gets, the names already taken, where it goes without
//! JavaScript) and of the overview page. The fields themselves are made in `widgets`.

use super::derive::FieldSpec;
use super::labels;
use super::policy::{self, FormDef};
use super::route::{host_of, is_plain_email, is_web_address, mail_template, percent};
use super::widgets::Builder;
use crate::model::Kind;
use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    pub id: String,
    pub value: String,
    pub label: String,
}

/// One row of a list of records.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub id: String,
    pub legend: String,
    pub fields: Vec<FieldView>,
}

/// One field. `widget` says how it is shown, `yaml` how the browser writes it, `format`
/// which text rule it checks; `messages` holds every error text it can show.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub id: String,
    /// The form field name posted without JavaScript: `location.venue`, `organisations[0].role`.
    pub name: String,
    /// The YAML key.
    pub key: String,
    pub label: String,
    pub hint: Option<String>,
    /// Required by the model (inside a record: when the record is filled in at all).
    pub required: bool,
    /// Carries the HTML `required` attribute: must be filled in whatever else is.
    pub native_required: bool,
    /// text | textarea | lines | date | time | url | number | checkbox | radios | select |
    /// checkboxes | record | records | body
    pub widget: &'static str,
    /// str | num | bool | list | record | records | body
    pub yaml: &'static str,
    /// url | date | partial-date | time | number | integer, when the text has a format.
    pub format: Option<&'static str>,
    pub options: Vec<OptionView>,
    pub maxlength: Option<usize>,
    pub pattern: Option<&'static str>,
    pub ends_with: Option<&'static str>,
    /// Id of the date field this one may not precede.
    pub not_before: Option<String>,
    /// Id of the field, and its code, that this date may not have while in the past.
    pub past_field: Option<String>,
    pub past_code: Option<&'static str>,
    pub writes_false: bool,
    pub unchecked_note: Option<&'static str>,
    /// Error texts by rule: required, format, too-long, pattern, ends-with, not-before, past.
    pub messages: BTreeMap<&'static str, String>,
    /// Shown instead of choices when the site has none yet.
    pub empty_note: Option<String>,
    pub fields: Vec<FieldView>,
    pub rows: Vec<RowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub id: String,
    pub title: &'static str,
    pub fields: Vec<FieldView>,
}

/// A value written into every file from this form without asking.
#[derive(Debug, Clone, Serialize)]
pub struct FixedView {
    pub key: String,
    /// The value, or none for the contributor's date (`today`).
    pub value: Option<String>,
    pub today: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormView {
    pub name: &'static str,
    pub id: String,
    pub heading: &'static str,
    pub intro: &'static str,
    pub kind_label: &'static str,
    /// The content folder the file belongs in.
    pub folder: &'static str,
    /// endpoint | mailto | none: where the form goes without JavaScript.
    pub mode: &'static str,
    pub action: Option<String>,
    pub endpoint_host: Option<String>,
    pub contact_email: Option<String>,
    /// `mailto:` with the subject and an empty list of the questions, for writing by hand.
    pub mailto_template: Option<String>,
    pub mail_subject: &'static str,
    pub sections: Vec<SectionView>,
    pub fixed: Vec<FixedView>,
    /// JSON list of the file names already taken in the folder (published items and the
    /// list pages' routes), so the browser proposes a free one.
    pub taken: String,
    pub privacy_href: Option<String>,
    /// A learning question: shows the consent wording.
    pub question: bool,
}

/// The overview of the forms.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    pub intro: &'static str,
    pub forms: Vec<FormLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormLink {
    pub title: &'static str,
    pub href: String,
    pub text: &'static str,
}

/// Builds the view of one form. `fields` come from `derive::form_fields`.
pub fn form_view(site: &Site, def: &FormDef, fields: &[FieldSpec], privacy_href: Option<String>) -> FormView {
    let kind = def.kind;
    let text = labels::form_text(def.name);
    let b = Builder { site, kind, form: def.name };
    let mut by_section: BTreeMap<&str, Vec<FieldView>> = BTreeMap::new();
    let mut views: Vec<(String, FieldView)> =
        fields.iter().filter_map(|f| b.top(f).map(|v| (f.path.clone(), v))).collect();
    // The Markdown body goes after the first of BODY_AFTER the form has.
    let at = policy::BODY_AFTER
        .iter()
        .find_map(|after| views.iter().position(|(p, _)| p == after))
        .map(|i| i + 1)
        .unwrap_or(views.len());
    views.insert(at, ("body".into(), b.body()));
    // Ids of siblings named by cross-field rules are known only now.
    for (path, v) in &mut views {
        for rule in policy::cross_rules(kind, path) {
            b.apply_rule(v, rule);
        }
    }
    // Within a group, the model's order, with the optional extras (tags) last.
    views.sort_by_key(|(path, _)| policy::goes_last(path));
    for (path, v) in views {
        by_section.entry(policy::section_of(&path)).or_default().push(v);
    }
    let sections: Vec<SectionView> = policy::SECTIONS
        .iter()
        .filter_map(|s| {
            by_section.remove(s).map(|fields| SectionView {
                id: format!("{}-deel-{s}", def.name),
                title: labels::section_title(s),
                fields,
            })
        })
        .collect();
    let fixed = fixed_values(kind);
    let endpoint = site.config.forms.get(def.name).map(|f| f.endpoint.trim()).filter(|e| is_web_address(e));
    let email = site.config.contact_email.as_deref().map(str::trim).filter(|m| is_plain_email(m));
    let (mode, action) = match (endpoint, email) {
        (Some(e), _) => ("endpoint", Some(e.to_string())),
        (None, Some(m)) => ("mailto", Some(format!("mailto:{m}?subject={}", percent(text.subject)))),
        (None, None) => ("none", None),
    };
    let mut taken: Vec<String> = site
        .visible_of(kind)
        .map(|j| site.docs[j].slug.clone())
        .chain(crate::render::lists::SUBROUTES.iter().map(|s| s.to_string()))
        .collect();
    taken.sort();
    taken.dedup();
    let mailto_template = email.map(|m| mail_template(m, text.subject, text.heading, &sections));
    FormView {
        name: def.name,
        id: format!("formulier-{}", def.name),
        heading: text.heading,
        intro: text.intro,
        kind_label: kind.label(),
        folder: kind.folder(),
        mode,
        action,
        endpoint_host: endpoint.map(host_of),
        contact_email: email.map(String::from),
        mailto_template,
        mail_subject: text.subject,
        sections,
        fixed,
        taken: serde_json::to_string(&taken).unwrap_or_else(|_| "[]".into()),
        privacy_href,
        question: kind == Kind::LearningQuestion,
    }
}

fn fixed_values(kind: Kind) -> Vec<FixedView> {
    let schema = crate::schema::schema_of(kind);
    let props = schema.get("properties").and_then(|p| p.as_object()).map(|p| p.keys().cloned().collect::<Vec<_>>());
    props
        .unwrap_or_default()
        .into_iter()
        .filter(|k| !policy::is_editorial(kind, k))
        .filter_map(|k| {
            policy::fixed(kind, &k).map(|f| match f {
                policy::Fixed::Today => FixedView { key: k, value: None, today: true },
                policy::Fixed::Code(c) => FixedView { key: k, value: Some(c.to_string()), today: false },
            })
        })
        .collect()
}

/// Links to every form, for the overview page at `from`.
pub fn index_view(from: &str) -> IndexView {
    IndexView {
        intro: labels::INDEX_TEASER,
        forms: policy::FORMS
            .iter()
            .map(|f| {
                let t = labels::form_text(f.name);
                FormLink { title: t.heading, href: crate::site::relative_url(from, f.from), text: t.teaser }
            })
            .collect(),
    }
}
