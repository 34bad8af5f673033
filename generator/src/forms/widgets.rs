//! What each derived field becomes on the page: its widget, the way the browser writes it
//! into the file, its choices from the site (published items, vocabulary codes, closed
//! lists), its Dutch words and every error message it can show.

use super::derive::{Class, FieldSpec, Scalar, Shape};
use super::labels::{self, message};
use super::policy::{self, CrossRule};
use super::view::{FieldView, OptionView, RowView};
use crate::model::{label_of_code, DateRule, Kind};
use crate::site::Site;
use std::collections::BTreeMap;

pub(super) struct Builder<'a> {
    pub site: &'a Site,
    pub kind: Kind,
    pub form: &'static str,
}

/// Where a field sits: in a record (`Kosten`) or in a row of a list of records
/// (`Organisatie 2`); its messages name the place.
struct Place<'p> {
    label: &'p str,
    /// The row's index, in a list of records.
    row: Option<usize>,
    /// The record must be filled in (a required record, or the first row of a required list).
    must: bool,
}

impl Builder<'_> {
    pub fn id(&self, name: &str) -> String {
        let mut id = format!("{}-", self.form);
        for c in name.chars() {
            match c {
                'a'..='z' | '0'..='9' => id.push(c),
                'A'..='Z' => id.push(c.to_ascii_lowercase()),
                _ => {
                    if !id.ends_with('-') {
                        id.push('-');
                    }
                }
            }
        }
        id.trim_end_matches('-').to_string()
    }

    fn words(&self, path: &str, key: &str) -> (String, Option<String>) {
        match labels::field(self.kind, path) {
            Some(t) => (t.label.to_string(), t.hint.map(String::from)),
            // A field without Dutch words still shows (a unit test asks for words).
            None => (label_of_code(&key.replace('_', "-")), None),
        }
    }

    /// The view of a top-level field, or `None` for an optional choice without options.
    pub fn top(&self, f: &FieldSpec) -> Option<FieldView> {
        self.field(f, &f.path, None)
    }

    fn field(&self, f: &FieldSpec, name: &str, place: Option<&Place>) -> Option<FieldView> {
        let name = name.to_string();
        let (label, hint) = self.words(&f.path, &f.key);
        let full = match place {
            Some(p) => format!("{} – {}", p.label, label),
            None => label.clone(),
        };
        let in_row = place.is_some_and(|p| p.row.is_some());
        let must = place.map(|p| p.must).unwrap_or(true);
        let mut v = FieldView {
            id: self.id(&name),
            name: name.clone(),
            key: f.key.clone(),
            label: label.clone(),
            hint,
            required: f.required,
            native_required: f.required && must,
            widget: "text",
            yaml: "str",
            format: None,
            options: Vec::new(),
            maxlength: policy::max_length(&f.path),
            pattern: policy::pattern_of(&f.path),
            ends_with: None,
            not_before: None,
            past_field: None,
            past_code: None,
            writes_false: false,
            unchecked_note: None,
            messages: BTreeMap::new(),
            empty_note: None,
            fields: Vec::new(),
            rows: Vec::new(),
        };
        if v.maxlength.is_some() {
            v.messages.insert("too-long", message::too_long(&full));
        }
        if v.pattern.is_some() {
            v.messages.insert("pattern", message::pattern(&full, &f.path));
        }
        match &f.shape {
            Shape::One(s) => self.one(&mut v, s, &full, in_row)?,
            Shape::Many(s) => self.many(&mut v, s, &full, in_row)?,
            Shape::Record(sub) => {
                v.widget = "record";
                v.yaml = "record";
                let inner = Place { label: &full, row: None, must: f.required && must };
                v.fields =
                    sub.iter().filter_map(|s| self.field(s, &format!("{name}.{}", s.key), Some(&inner))).collect();
                v.native_required = false;
            }
            Shape::Records(sub) => {
                v.widget = "records";
                v.yaml = "records";
                v.native_required = false;
                if f.required {
                    v.messages.insert("required", message::rows(&full));
                }
                let noun = labels::row_noun(&f.path).map(String::from).unwrap_or_else(|| label.clone());
                v.rows = (0..policy::ROWS)
                    .map(|i| {
                        let legend = format!("{noun} {}", i + 1);
                        let inner = Place { label: &legend, row: Some(i), must: f.required && must && i == 0 };
                        RowView {
                            id: self.id(&format!("{name}-{i}")),
                            legend: legend.clone(),
                            fields: sub
                                .iter()
                                .filter_map(|s| self.field(s, &format!("{name}[{i}].{}", s.key), Some(&inner)))
                                .collect(),
                        }
                    })
                    .collect();
            }
        }
        Some(v)
    }

    fn one(&self, v: &mut FieldView, s: &Scalar, full: &str, in_row: bool) -> Option<()> {
        match s {
            Scalar::Bool => {
                v.widget = "checkbox";
                v.yaml = "bool";
                v.native_required = false;
                // A required yes/no is written either way; an optional one only when ticked,
                // unless the policy wants its absence recorded (consent).
                v.writes_false = policy::writes_false(&v.key) || v.required;
                v.unchecked_note = labels::unchecked_note(&v.key);
            }
            Scalar::Number { integer } => {
                v.widget = "number";
                v.yaml = "num";
                v.format = Some(if *integer { "integer" } else { "number" });
                let msg = if *integer { message::integer(full) } else { message::number(full) };
                v.messages.insert("format", msg);
                v.messages.insert("required", message::required(full));
            }
            Scalar::Code(codes) => {
                v.widget = if v.required && !in_row { "radios" } else { "select" };
                v.options = codes.iter().map(|c| self.option(v, c, label_of_code(c))).collect();
                v.messages.insert("required", message::choose(full));
            }
            Scalar::Text(class) => match class {
                Some(Class::Ref(_)) | Some(Class::Vocab(_)) => {
                    v.widget = "select";
                    v.options = self.choices(v, class)?;
                    v.messages.insert("required", message::choose(full));
                }
                Some(Class::Date(rule)) => {
                    let (widget, format, msg) = match rule {
                        DateRule::Date => ("date", "date", message::date(full)),
                        DateRule::Partial => ("text", "partial-date", message::partial_date(full)),
                        DateRule::Time => ("time", "time", message::time(full)),
                    };
                    v.widget = widget;
                    v.format = Some(format);
                    v.messages.insert("format", msg);
                    v.messages.insert("required", message::required(full));
                }
                Some(Class::Url) | Some(Class::Download) => {
                    v.widget = "url";
                    v.format = Some("url");
                    v.messages.insert("format", message::url(full));
                    v.messages.insert("required", message::required(full));
                }
                None => {
                    v.widget = if policy::is_long_text(&v.key) { "textarea" } else { "text" };
                    v.messages.insert("required", message::required(full));
                }
            },
        }
        Some(())
    }

    fn many(&self, v: &mut FieldView, s: &Scalar, full: &str, in_row: bool) -> Option<()> {
        v.yaml = "list";
        v.native_required = v.native_required && in_row;
        match s {
            Scalar::Code(codes) => {
                v.options = codes.iter().map(|c| self.option(v, c, label_of_code(c))).collect();
            }
            Scalar::Text(class @ (Some(Class::Ref(_)) | Some(Class::Vocab(_)))) => {
                v.options = self.choices(v, class)?;
            }
            _ => {
                v.widget = "lines";
                v.messages.insert("required", message::required(full));
                return Some(());
            }
        }
        // In a row, a list of choices is one choice: a checkbox list per row would be
        // too long to read.
        v.widget = if in_row { "select" } else { "checkboxes" };
        let msg = if in_row { message::choose(full) } else { message::choose_some(full) };
        v.messages.insert("required", msg);
        Some(())
    }

    fn option(&self, v: &FieldView, value: &str, label: String) -> OptionView {
        OptionView { id: format!("{}-{}", v.id, crate::slug::slugify(value)), value: value.to_string(), label }
    }

    /// The published items of a reference, or the codes of a vocabulary, by label.
    fn choices(&self, v: &mut FieldView, class: &Option<Class>) -> Option<Vec<OptionView>> {
        let site = self.site;
        let mut pairs: Vec<(String, String)> = match class {
            Some(Class::Ref(k)) => site
                .visible_of(*k)
                .map(|j| (site.docs[j].slug.clone(), site.docs[j].raw.common().title.to_string()))
                .collect(),
            Some(Class::Vocab(name)) => site
                .vocab
                .get(name)
                .map(|m| m.iter().map(|(code, e)| (code.clone(), e.label().to_string())).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        pairs.sort_by_cached_key(|(code, label)| (label.to_lowercase(), code.clone()));
        if pairs.is_empty() {
            if !v.required {
                return None;
            }
            let what = match class {
                Some(Class::Ref(k)) => k.plural().to_lowercase(),
                _ => "keuzes".into(),
            };
            v.empty_note = Some(format!("Er zijn nog geen {what} op de site. Noem ze in de beschrijving."));
        }
        Some(pairs.into_iter().map(|(code, label)| self.option(v, &code, label)).collect())
    }

    pub fn body(&self) -> FieldView {
        let (label, hint) = self.words("body", "body");
        let required = self.kind.body_required();
        let mut messages = BTreeMap::new();
        messages.insert("required", message::required(&label));
        FieldView {
            id: self.id("body"),
            name: "body".into(),
            key: "body".into(),
            label,
            hint,
            required,
            native_required: required,
            widget: "body",
            yaml: "body",
            format: None,
            options: Vec::new(),
            maxlength: None,
            pattern: None,
            ends_with: None,
            not_before: None,
            past_field: None,
            past_code: None,
            writes_false: false,
            unchecked_note: None,
            messages,
            empty_note: None,
            fields: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn apply_rule(&self, v: &mut FieldView, rule: CrossRule) {
        let other_label = |path: &str| self.words(path, path).0;
        match rule {
            CrossRule::EndsWith(end) => {
                v.ends_with = Some(end);
                v.messages.insert("ends-with", message::ends_with(&v.label, end));
            }
            CrossRule::NotBefore(other) => {
                v.not_before = Some(self.id(other));
                v.messages.insert("not-before", message::not_before(&v.label, &other_label(other)));
            }
            CrossRule::PastForbids(other, code) => {
                v.past_field = Some(self.id(other));
                v.past_code = Some(code);
                v.messages.insert("past", message::past_forbids(&v.label, &other_label(other), code));
            }
        }
    }
}
