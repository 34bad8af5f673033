//! What the contribution forms ask, as data: which forms exist, which model fields are left
//! to the coordination point, which values every contributed file gets without asking, and
//! the limits that make a file pass `leernet check --strict`. Everything else about a field
//! (its type, whether it is required, its choices) comes from the model's schema.

use crate::model::Kind;

/// One contribution form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormDef {
    /// The key under `forms:` in site.yaml, and the last part of the form's URL.
    pub name: &'static str,
    pub kind: Kind,
    /// Root-relative folder of the form's page.
    pub from: &'static str,
}

/// The forms, in the order the overview page lists them. The question form has a page of
/// its own (`/vraag-stellen/`); the others live under `/bijdragen/`.
pub const FORMS: &[FormDef] = &[
    FormDef { name: "leeraanbod", kind: Kind::Offer, from: "bijdragen/leeraanbod/" },
    FormDef { name: "praktijkvoorbeeld", kind: Kind::PracticeExample, from: "bijdragen/praktijkvoorbeeld/" },
    FormDef { name: "publicatie", kind: Kind::Publication, from: "bijdragen/publicatie/" },
    FormDef { name: "leervraag", kind: Kind::LearningQuestion, from: "vraag-stellen/" },
];

/// The overview page of the contribution forms.
pub const INDEX_FROM: &str = "bijdragen/";

/// Fields the coordination point fills in when it reviews a contribution, never asked in a
/// form: publication state (`draft`, `updated`), links between items that need an editor's
/// judgement (`related`, `matched`, `gap`, `addresses_gap`, `learning_circle`, `priority`),
/// persons (`contacts`: private unless they agreed), and media, which a form cannot upload.
/// `kind.field` entries apply to one type only.
const EDITORIAL: &[&str] = &[
    "updated",
    "draft",
    "language",
    "contacts",
    "related",
    "image",
    "image_alt",
    "addresses_gap",
    "learning_circle",
    "priority",
    "matched",
    "gap",
    // A question has `asked_by`; a second audience list would only confuse.
    "learning_question.audiences",
];

/// True when a form leaves `field` of `kind` to the coordination point.
pub fn is_editorial(kind: Kind, field: &str) -> bool {
    EDITORIAL.iter().any(|e| match e.split_once('.') {
        Some((k, f)) => k == kind.name() && f == field,
        None => *e == field,
    })
}

/// A value every file from a form gets without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixed {
    /// The contributor's date when the file is made (`published`: reviewed files are
    /// published as they are; the coordination point may move the date).
    Today,
    /// A code of a closed list.
    Code(&'static str),
}

/// The fixed value of `field` for `kind`, if it has one.
pub fn fixed(kind: Kind, field: &str) -> Option<Fixed> {
    match (kind, field) {
        (_, "published") => Some(Fixed::Today),
        // A question asked through the form comes from the coordination point's own channel
        // and is open until the coordination point links it to supply.
        (Kind::LearningQuestion, "source") => Some(Fixed::Code("coordinatiepunt")),
        (Kind::LearningQuestion, "status") => Some(Fixed::Code("open")),
        _ => None,
    }
}

/// Booleans written as `false` when the box is not ticked: the absence of consent is
/// recorded, not left to a default.
pub fn writes_false(field: &str) -> bool {
    field == "consent"
}

/// Text limits. `summary` allows 300 characters, but more than 160 is a warning and the
/// forms must produce files that pass `--strict`.
pub fn max_length(field: &str) -> Option<usize> {
    match field {
        "title" => Some(200),
        "summary" => Some(160),
        _ => None,
    }
}

/// Fields typed as longer text (a text area rather than one line).
pub fn is_long_text(field: &str) -> bool {
    matches!(field, "summary" | "note" | "goal" | "target_group")
}

/// How many rows a list of records (`organisations`, `more_info`, `files`, `authors`) offers.
pub const ROWS: usize = 3;

/// The groups of a form page, in order; a field not named in `SECTION_OF` goes to
/// `praktisch`.
pub const SECTIONS: &[&str] =
    &["beschrijving", "onderwerp", "plaats", "organisaties", "praktisch", "links", "publicatie"];

/// Which group a top-level field belongs to (the Markdown body is `body`).
pub fn section_of(field: &str) -> &'static str {
    match field {
        "title" | "summary" | "body" | "offer_type" | "publication_type" | "learning_goals" | "lessons"
        | "components" => "beschrijving",
        "themes" | "audiences" | "asked_by" | "tags" | "cross_domain" => "onderwerp",
        "municipality" | "neighbourhoods" | "focus_area" | "focus_areas" | "location" => "plaats",
        "providers" | "partners" | "publishers" | "funded_by" | "authors" | "organisations" => "organisaties",
        "source_url" | "more_info" | "files" => "links",
        "consent" => "publicatie",
        _ => "praktisch",
    }
}

/// Fields shown at the end of their group, after the model's other fields: free extras.
pub fn goes_last(field: &str) -> bool {
    field == "tags"
}

/// Where the body goes among the fields of its section: after this field.
pub const BODY_AFTER: &[&str] = &["offer_type", "publication_type", "summary"];

/// Checks that hold across fields, mirrored from `document`'s rules so the browser reports
/// them before `leernet check` would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossRule {
    /// The text must end with this (a learning question ends in `?`).
    EndsWith(&'static str),
    /// This date may not be before the date in the named sibling field.
    NotBefore(&'static str),
    /// With this date in the past, the named sibling field may not have this code.
    PastForbids(&'static str, &'static str),
}

/// The cross-field rules of one field.
pub fn cross_rules(kind: Kind, path: &str) -> Vec<CrossRule> {
    match (kind, path) {
        (Kind::LearningQuestion, "title") => vec![CrossRule::EndsWith("?")],
        (Kind::Offer, "end") => vec![CrossRule::NotBefore("start"), CrossRule::PastForbids("status", "gepland")],
        _ => Vec::new(),
    }
}

/// A format rule of one field beyond its type: a pattern (JavaScript and HTML syntax).
pub fn pattern_of(path: &str) -> Option<&'static str> {
    match path {
        "country" => Some("[A-Z]{2}"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editorial_entries_apply_by_kind() {
        assert!(is_editorial(Kind::Offer, "draft"));
        assert!(is_editorial(Kind::LearningQuestion, "audiences"));
        assert!(!is_editorial(Kind::Offer, "audiences"));
        assert!(!is_editorial(Kind::Offer, "providers"));
    }

    #[test]
    fn form_names_are_unique_slugs() {
        for (i, f) in FORMS.iter().enumerate() {
            assert!(crate::slug::is_valid(f.name), "{}", f.name);
            assert!(FORMS[..i].iter().all(|g| g.name != f.name && g.from != f.from));
        }
    }
}
