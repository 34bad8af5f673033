//! The twelve content types: their folders, URL prefixes, Dutch names and which of the
//! common fields each requires.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Theme,
    Offer,
    Publication,
    PracticeExample,
    LearningQuestion,
    Gap,
    LearningCircle,
    Intervention,
    Organisation,
    Person,
    FocusArea,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Theme,
        Kind::Offer,
        Kind::Publication,
        Kind::PracticeExample,
        Kind::LearningQuestion,
        Kind::Gap,
        Kind::LearningCircle,
        Kind::Intervention,
        Kind::Organisation,
        Kind::Person,
        Kind::FocusArea,
        Kind::Page,
    ];

    /// The folder under `content/`, which is also the URL prefix (pages have none) and
    /// the type part of a `type/slug` reference.
    pub const fn folder(self) -> &'static str {
        match self {
            Kind::Theme => "themas",
            Kind::Offer => "leeraanbod",
            Kind::Publication => "publicaties",
            Kind::PracticeExample => "praktijkvoorbeelden",
            Kind::LearningQuestion => "leervragen",
            Kind::Gap => "lacunes",
            Kind::LearningCircle => "leerkringen",
            Kind::Intervention => "interventies",
            Kind::Organisation => "organisaties",
            Kind::Person => "personen",
            Kind::FocusArea => "focusgebieden",
            Kind::Page => "paginas",
        }
    }

    /// The English name of the model (`leernet new offer`, schema file names).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Theme => "theme",
            Kind::Offer => "offer",
            Kind::Publication => "publication",
            Kind::PracticeExample => "practice_example",
            Kind::LearningQuestion => "learning_question",
            Kind::Gap => "gap",
            Kind::LearningCircle => "learning_circle",
            Kind::Intervention => "intervention",
            Kind::Organisation => "organisation",
            Kind::Person => "person",
            Kind::FocusArea => "focus_area",
            Kind::Page => "page",
        }
    }

    /// Dutch singular, for badges and messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Theme => "Thema",
            Kind::Offer => "Leeraanbod",
            Kind::Publication => "Publicatie",
            Kind::PracticeExample => "Praktijkvoorbeeld",
            Kind::LearningQuestion => "Leervraag",
            Kind::Gap => "Lacune",
            Kind::LearningCircle => "Leerkring",
            Kind::Intervention => "Interventie",
            Kind::Organisation => "Organisatie",
            Kind::Person => "Persoon",
            Kind::FocusArea => "Focusgebied",
            Kind::Page => "Pagina",
        }
    }

    /// Dutch plural, for list titles.
    pub const fn plural(self) -> &'static str {
        match self {
            Kind::Theme => "Thema's",
            Kind::Offer => "Leeraanbod",
            Kind::Publication => "Publicaties",
            Kind::PracticeExample => "Praktijkvoorbeelden",
            Kind::LearningQuestion => "Leervragen",
            Kind::Gap => "Lacunes",
            Kind::LearningCircle => "Leerkringen",
            Kind::Intervention => "Interventies",
            Kind::Organisation => "Organisaties",
            Kind::Person => "Personen",
            Kind::FocusArea => "Focusgebieden",
            Kind::Page => "Pagina's",
        }
    }

    /// Position in `Kind::ALL`.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name || k.folder() == name)
    }

    pub fn folders() -> Vec<&'static str> {
        Kind::ALL.iter().map(|k| k.folder()).collect()
    }

    pub fn summary_required(self) -> bool {
        !matches!(self, Kind::Person | Kind::Organisation | Kind::FocusArea | Kind::Page)
    }

    pub fn themes_required(self) -> bool {
        matches!(
            self,
            Kind::Offer
                | Kind::Publication
                | Kind::PracticeExample
                | Kind::LearningQuestion
                | Kind::Gap
                | Kind::Intervention
        )
    }

    pub fn published_required(self) -> bool {
        matches!(self, Kind::Offer | Kind::Publication | Kind::PracticeExample | Kind::LearningQuestion)
    }

    pub fn body_required(self) -> bool {
        matches!(self, Kind::Theme | Kind::Page)
    }
}
