//! Lifecycle: which items are left out of every output (drafts, scheduled, private
//! persons, questions without consent) and the statuses computed from dates.

use super::Options;
use crate::dates;
use crate::document::Document;
use crate::model::{self, Raw, SessionStatus};
use jiff::civil::Date;
use serde::Serialize;

/// Why an item is in no output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hidden {
    Draft,
    Scheduled(Date),
    PrivatePerson,
    NoConsent,
}

impl Hidden {
    pub fn describe(&self) -> String {
        match self {
            Hidden::Draft => "draft".into(),
            Hidden::Scheduled(d) => format!("scheduled for {d}"),
            Hidden::PrivatePerson => "person with public: false".into(),
            Hidden::NoConsent => "question from the coordination point without consent".into(),
        }
    }
}

pub fn hidden(doc: &Document, options: &Options) -> Option<Hidden> {
    let c = doc.raw.common();
    if c.draft && !options.drafts {
        return Some(Hidden::Draft);
    }
    if let Some(p) = doc.published {
        if p.date > options.now {
            return Some(Hidden::Scheduled(p.date));
        }
    }
    match &doc.raw {
        Raw::Person(p) if !p.public => Some(Hidden::PrivatePerson),
        Raw::LearningQuestion(q) if q.source == model::QuestionSource::Coordinatiepunt && q.consent != Some(true) => {
            Some(Hidden::NoConsent)
        }
        _ => None,
    }
}

/// Where an offer stands on the build's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OfferPhase {
    /// Starts later.
    Gepland,
    /// Started, not ended (or has no dates).
    Lopend,
    /// Ended: kept, but out of every "current" list.
    Afgelopen,
}

impl OfferPhase {
    pub fn of(offer: &model::Offer, now: Date) -> OfferPhase {
        let date = |s: &Option<String>| s.as_deref().and_then(|v| dates::parse_date(v).ok()).map(|m| m.date);
        match (date(&offer.start), date(&offer.end)) {
            (_, Some(end)) if end < now => OfferPhase::Afgelopen,
            (Some(start), _) if start > now => OfferPhase::Gepland,
            _ => OfferPhase::Lopend,
        }
    }

    pub fn is_current(self) -> bool {
        self != OfferPhase::Afgelopen
    }

    pub fn label(self) -> &'static str {
        match self {
            OfferPhase::Gepland => "Gepland",
            OfferPhase::Lopend => "Lopend",
            OfferPhase::Afgelopen => "Afgelopen",
        }
    }
}

/// A session's shown status: as written, or "afgelopen" once its date has passed.
pub fn session_status_code(session: &model::Session, now: Date) -> &'static str {
    let past = session.date.as_deref().and_then(|d| dates::parse_date(d).ok()).is_some_and(|m| m.date < now);
    match session.status {
        Some(SessionStatus::Geannuleerd) => "geannuleerd",
        Some(SessionStatus::TePlannen) => "te-plannen",
        _ if past => "afgelopen",
        Some(SessionStatus::Verplaatst) => "verplaatst",
        _ => "gepland",
    }
}
