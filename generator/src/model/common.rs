//! Field types shared by several content types, and the macro that gives every type the
//! common fields of the model (title, summary, themes, dates, contacts, ...).

use schemars::JsonSchema;
use serde::Deserialize;

/// An ISO 8601 date (`2024-04-23`) or a date-time (`2024-04-23T14:30`, Europe/Amsterdam
/// unless it has an offset). Checked in `document`.
pub type DateText = String;

/// A year, year-month or date: `2015`, `2015-12`, `2015-12-03`.
pub type PartialDateText = String;

/// A contact: a person slug, or a person with the topic they can answer questions on.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ContactRef {
    Person(String),
    WithTopic(ContactWithTopic),
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactWithTopic {
    pub person: String,
    #[serde(default)]
    pub topic: Option<String>,
}

/// An external link with its Dutch label.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelledLink {
    pub label: String,
    pub url: String,
}

/// Where something takes place.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
}

/// A period of years or dates.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(default)]
    pub start: Option<PartialDateText>,
    #[serde(default)]
    pub end: Option<PartialDateText>,
}

/// Declares a raw content type with the fields every type has, then its own fields.
macro_rules! content_type {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Title, 1-200 characters.
            pub title: String,
            /// One or two sentences for cards and the meta description (at most 300 characters; 160 shows in full).
            #[serde(default)]
            pub summary: Option<String>,
            /// Theme slugs.
            #[serde(default)]
            pub themes: Option<Vec<String>>,
            /// Audience codes from vocab.yaml.
            #[serde(default)]
            pub audiences: Vec<String>,
            /// Publication date; a future date schedules the item.
            #[serde(default)]
            pub published: Option<$crate::model::DateText>,
            /// Last change; defaults to the last git commit of the file.
            #[serde(default)]
            pub updated: Option<$crate::model::DateText>,
            /// `true`: never published (shown in preview only).
            #[serde(default)]
            pub draft: bool,
            /// BCP 47 language tag, default `nl`.
            #[serde(default)]
            pub language: Option<String>,
            /// Free keywords, for search.
            #[serde(default)]
            pub tags: Vec<String>,
            /// The "Meer weten?" block: person slugs, optionally with a topic.
            #[serde(default)]
            pub contacts: Vec<$crate::model::ContactRef>,
            /// External links.
            #[serde(default)]
            pub more_info: Vec<$crate::model::LabelledLink>,
            /// Hand-picked related items as `folder/slug`.
            #[serde(default)]
            pub related: Vec<String>,
            /// The canonical page elsewhere.
            #[serde(default)]
            pub source_url: Option<String>,
            /// An image under media/.
            #[serde(default)]
            pub image: Option<String>,
            /// Text alternative of the image; required with `image`.
            #[serde(default)]
            pub image_alt: Option<String>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl $crate::model::HasCommon for $name {
            fn common(&self) -> $crate::model::CommonRef<'_> {
                $crate::model::CommonRef {
                    title: &self.title,
                    summary: self.summary.as_deref(),
                    themes: self.themes.as_deref(),
                    audiences: &self.audiences,
                    published: self.published.as_deref(),
                    updated: self.updated.as_deref(),
                    draft: self.draft,
                    language: self.language.as_deref(),
                    tags: &self.tags,
                    contacts: &self.contacts,
                    more_info: &self.more_info,
                    related: &self.related,
                    source_url: self.source_url.as_deref(),
                    image: self.image.as_deref(),
                    image_alt: self.image_alt.as_deref(),
                }
            }
        }
    };
}
pub(crate) use content_type;

/// The common fields of any type, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct CommonRef<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub themes: Option<&'a [String]>,
    pub audiences: &'a [String],
    pub published: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub draft: bool,
    pub language: Option<&'a str>,
    pub tags: &'a [String],
    pub contacts: &'a [ContactRef],
    pub more_info: &'a [LabelledLink],
    pub related: &'a [String],
    pub source_url: Option<&'a str>,
    pub image: Option<&'a str>,
    pub image_alt: Option<&'a str>,
}

pub trait HasCommon {
    fn common(&self) -> CommonRef<'_>;
}
