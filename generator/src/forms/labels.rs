//! The Dutch words of the contribution forms, in one place: a label and a hint per model
//! field (keyed by field path, `kind.path` for a type-specific wording), the titles of the
//! groups, the texts of each form, and the error messages. Labels are data: the forms'
//! markup is derived from the schema and never names a field.

use crate::model::Kind;

/// A field's label and its hint (shown under the label, linked with `aria-describedby`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldText {
    pub label: &'static str,
    pub hint: Option<&'static str>,
}

const PARTIAL_DATE_HINT: &str = "Een jaar (2024), een maand (2024-05) of een datum (2024-05-13).";
const URL_HINT: &str = "Een webadres dat begint met https://.";

/// `(path, label, hint)`. A path is the field name, with `.` into records and lists of
/// records (`organisations.role`); `kind.path` overrides the wording for one type.
const FIELDS: &[(&str, &str, Option<&str>)] = &[
    ("title", "Titel", Some("Kort en duidelijk, hooguit 200 tekens.")),
    (
        "learning_question.title",
        "Uw vraag",
        Some("Schrijf uw leervraag als een vraag, met een vraagteken aan het eind. Noem geen namen van mensen."),
    ),
    (
        "summary",
        "Korte samenvatting",
        Some("Eén of twee zinnen, hooguit 160 tekens. Deze tekst staat in overzichten en zoekresultaten."),
    ),
    (
        "learning_question.summary",
        "Korte toelichting",
        Some("Eén of twee zinnen: waarom stelt u deze vraag? Hooguit 160 tekens."),
    ),
    (
        "body",
        "Beschrijving",
        Some("Vertel meer over uw bijdrage. U mag Markdown gebruiken, zoals **vet** of een lijst met streepjes."),
    ),
    (
        "learning_question.body",
        "Meer uitleg",
        Some("Wat wilt u leren, en waarom? Noem geen namen of andere persoonsgegevens."),
    ),
    ("themes", "Thema's", Some("Kies een of meer thema's.")),
    ("audiences", "Voor wie is het bedoeld?", None),
    ("tags", "Trefwoorden", Some("Eén trefwoord per regel. Dan vinden mensen uw bijdrage makkelijker.")),
    ("more_info", "Meer informatie op andere websites", None),
    ("more_info.label", "Tekst van de link", None),
    ("more_info.url", "Webadres", Some(URL_HINT)),
    ("source_url", "Webpagina met meer informatie", Some(URL_HINT)),
    ("offer_type", "Soort aanbod", None),
    ("providers", "Aanbieders", Some("De organisaties die het aanbod geven.")),
    ("partners", "Partners", Some("Organisaties die meewerken.")),
    ("delivery_mode", "Vorm", None),
    ("cross_domain", "Voor meer dan één sector of beroep", Some("Bijvoorbeeld voor zorg, welzijn en onderwijs samen.")),
    ("start", "Startdatum", None),
    ("end", "Einddatum", None),
    ("status", "Status", None),
    ("practice_example.status", "Stand van zaken", None),
    ("location", "Locatie", None),
    ("location.venue", "Gebouw of adres", None),
    ("location.city", "Plaats", None),
    ("focus_areas", "Focusgebieden", Some("Alleen invullen als het aanbod voor bepaalde focusgebieden is.")),
    ("cost", "Kosten", None),
    ("cost.free", "Gratis", None),
    ("cost.amount", "Bedrag in euro", Some("Bijvoorbeeld 75 of 49,50.")),
    ("cost.note", "Toelichting op de kosten", None),
    ("registration", "Aanmelden", None),
    ("registration.url", "Webadres om aan te melden", Some(URL_HINT)),
    ("registration.deadline", "Aanmelden kan tot en met", None),
    ("registration.by_invitation", "Alleen op uitnodiging", None),
    ("registration.note", "Toelichting op het aanmelden", None),
    ("learning_goals", "Leerdoelen", Some("Eén leerdoel per regel.")),
    ("publication_type", "Soort publicatie", None),
    ("authors", "Auteurs", None),
    ("authors.name", "Naam", None),
    ("authors.organisations", "Organisatie", None),
    ("publishers", "Uitgevers", Some("De organisaties die de publicatie uitgeven.")),
    ("funded_by", "Betaald door", Some("Organisaties die de publicatie mogelijk maakten.")),
    ("publication_date", "Datum van verschijnen", Some(PARTIAL_DATE_HINT)),
    ("components", "Onderdelen", Some("Eén onderdeel per regel, bijvoorbeeld een werkblad of een checklist.")),
    ("files", "Bestanden om te downloaden", None),
    ("files.url", "Webadres van het bestand", Some(URL_HINT)),
    ("files.label", "Naam van het bestand", None),
    ("files.format", "Soort bestand", Some("Bijvoorbeeld PDF.")),
    ("files.size_bytes", "Grootte in bytes", None),
    ("isbn", "ISBN", None),
    ("country", "Land", Some("Twee hoofdletters, bijvoorbeeld NL of BE. Leeg laten betekent Nederland.")),
    ("municipality", "Gemeente", None),
    ("neighbourhoods", "Wijken of buurten", Some("Eén wijk of buurt per regel.")),
    ("focus_area", "Focusgebied", None),
    ("organisations", "Betrokken organisaties", Some("Vul ten minste één organisatie in, met haar rol.")),
    ("organisations.organisation", "Organisatie", None),
    ("organisations.role", "Rol", None),
    ("period", "Looptijd", None),
    ("period.start", "Begin", Some(PARTIAL_DATE_HINT)),
    ("period.end", "Einde", Some(PARTIAL_DATE_HINT)),
    ("interventions", "Gebruikte interventies", None),
    ("lessons", "Lessen", Some("Wat hebben jullie geleerd? Eén les per regel.")),
    ("source_publication", "Publicatie waar dit voorbeeld uit komt", None),
    ("asked_by", "Wie stelt deze vraag?", Some("Kies uw rol. Wij vragen niet naar uw naam.")),
    (
        "consent",
        "Ik geef toestemming om mijn vraag op de site te zetten.",
        Some(
            "Op de site staan alleen uw vraag en uw rol, nooit uw naam. Zonder toestemming nemen wij \
             uw vraag wel mee, maar zetten wij hem niet op de site.",
        ),
    ),
];

/// What one row of a list of records is called: `Organisatie 1`, `Organisatie 2`.
const ROW_NOUNS: &[(&str, &str)] =
    &[("organisations", "Organisatie"), ("more_info", "Link"), ("files", "Bestand"), ("authors", "Auteur")];

/// The label and hint of a field, or `None` when the table has no Dutch words for it (a
/// unit test makes sure every field a form shows has them).
pub fn field(kind: Kind, path: &str) -> Option<FieldText> {
    let specific = format!("{}.{path}", kind.name());
    FIELDS
        .iter()
        .find(|(p, _, _)| *p == specific)
        .or_else(|| FIELDS.iter().find(|(p, _, _)| *p == path))
        .map(|&(_, label, hint)| FieldText { label, hint })
}

/// The noun of one row of a list of records.
pub fn row_noun(path: &str) -> Option<&'static str> {
    ROW_NOUNS.iter().find(|(p, _)| *p == path).map(|&(_, n)| n)
}

/// Extra words for a box that is not ticked, shown with the finished file.
pub fn unchecked_note(path: &str) -> Option<&'static str> {
    match path {
        "consent" => Some(
            "U gaf geen toestemming om uw vraag op de site te zetten. Het coördinatiepunt neemt uw vraag \
             wel mee, maar zet hem niet op de site.",
        ),
        _ => None,
    }
}

/// The heading of a group of fields.
pub fn section_title(section: &str) -> &'static str {
    match section {
        "beschrijving" => "Beschrijving",
        "onderwerp" => "Onderwerp en doelgroep",
        "plaats" => "Waar",
        "organisaties" => "Organisaties",
        "links" => "Links en bestanden",
        "publicatie" => "Op de site zetten",
        _ => "Praktische gegevens",
    }
}

/// The texts of one form page.
#[derive(Debug, Clone, Copy)]
pub struct FormText {
    /// The page's heading and title.
    pub heading: &'static str,
    /// One line for the overview page and the meta description.
    pub teaser: &'static str,
    pub intro: &'static str,
    /// The subject of the e-mail to the coordination point.
    pub subject: &'static str,
}

pub fn form_text(name: &str) -> FormText {
    match name {
        "leeraanbod" => FormText {
            heading: "Leeraanbod aanmelden",
            teaser: "Meld een training, cursus, werkatelier of ander leeraanbod aan.",
            intro: "Geeft uw organisatie een training, werkatelier of ander leeraanbod voor mensen die in de \
                    wijk werken? Meld het hier aan. Het coördinatiepunt bekijkt uw aanmelding en zet het \
                    aanbod daarna op de site.",
            subject: "Nieuw leeraanbod",
        },
        "praktijkvoorbeeld" => FormText {
            heading: "Praktijkvoorbeeld delen",
            teaser: "Deel wat u in uw wijk heeft gedaan, zodat anderen ervan leren.",
            intro: "Heeft u in uw wijk iets uitgeprobeerd waar anderen van kunnen leren? Deel het hier. Het \
                    coördinatiepunt bekijkt uw voorbeeld en zet het daarna op de site.",
            subject: "Nieuw praktijkvoorbeeld",
        },
        "publicatie" => FormText {
            heading: "Publicatie aanmelden",
            teaser: "Meld een handreiking, onderzoek, toolkit of ander document aan.",
            intro: "Heeft u een handreiking, onderzoek of toolkit gemaakt die anderen helpt? Meld die hier aan. \
                    Het coördinatiepunt bekijkt uw aanmelding en zet de publicatie daarna op de site.",
            subject: "Nieuwe publicatie",
        },
        _ => FormText {
            heading: "Leervraag stellen",
            teaser: "Zoekt u kennis of leeraanbod dat er nog niet is? Stel uw leervraag.",
            intro: "Zoekt u kennis of leeraanbod dat er nog niet is? Stel hier uw leervraag. Het coördinatiepunt \
                    zoekt een antwoord en koppelt uw vraag aan aanbod. Zo zien we ook waar nog aanbod ontbreekt.",
            subject: "Nieuwe leervraag",
        },
    }
}

/// The overview page of the contribution forms.
pub const INDEX_TITLE: &str = "Bijdragen";
pub const INDEX_TEASER: &str =
    "Deel leeraanbod, een praktijkvoorbeeld of een publicatie met het coördinatiepunt, of stel een leervraag.";

/// The error messages, complete per field: the browser only fills in `{n}` and `{count}`.
pub mod message {
    /// `Titel: vul dit in.`; after a label that is a question: `Wie stelt deze vraag? Kies ...`.
    fn say(label: &str, rest: &str) -> String {
        if label.ends_with(['?', '.', '!']) {
            let mut c = rest.chars();
            let first: String = c.next().map(|f| f.to_uppercase().collect()).unwrap_or_default();
            format!("{label} {first}{}", c.as_str())
        } else {
            format!("{label}: {rest}")
        }
    }
    pub fn required(label: &str) -> String {
        say(label, "vul dit in.")
    }
    pub fn choose(label: &str) -> String {
        say(label, "kies een antwoord.")
    }
    pub fn choose_some(label: &str) -> String {
        say(label, "kies er ten minste één.")
    }
    pub fn rows(label: &str) -> String {
        say(label, "vul er ten minste één in.")
    }
    pub fn url(label: &str) -> String {
        say(label, "vul een webadres in dat begint met https://.")
    }
    pub fn date(label: &str) -> String {
        say(label, "vul een datum in zoals 2027-03-15.")
    }
    pub fn partial_date(label: &str) -> String {
        say(label, "vul een jaar, een maand of een datum in, zoals 2024, 2024-05 of 2024-05-13.")
    }
    pub fn time(label: &str) -> String {
        say(label, "vul een tijd in zoals 09:30.")
    }
    pub fn number(label: &str) -> String {
        say(label, "vul een getal in, zoals 75 of 49,50.")
    }
    pub fn integer(label: &str) -> String {
        say(label, "vul een heel getal in, zoals 1200.")
    }
    pub fn too_long(label: &str) -> String {
        say(label, "gebruik hooguit {n} tekens. Nu zijn het er {count}.")
    }
    pub fn pattern(label: &str, path: &str) -> String {
        match path {
            "country" => say(label, "vul twee hoofdletters in, zoals NL of BE."),
            _ => say(label, "dit is niet goed geschreven."),
        }
    }
    pub fn ends_with(label: &str, end: &str) -> String {
        if end == "?" {
            say(label, "eindig met een vraagteken.")
        } else {
            say(label, &format!("eindig met ‘{end}’."))
        }
    }
    pub fn not_before(label: &str, other: &str) -> String {
        say(label, &format!("deze datum ligt vóór de {}.", other.to_lowercase()))
    }
    pub fn past_forbids(label: &str, other: &str, code: &str) -> String {
        let code = crate::model::label_of_code(code).to_lowercase();
        say(
            label,
            &format!("deze datum is voorbij, maar bij ‘{other}’ staat ‘{code}’. Kies iets anders bij ‘{other}’."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_specific_words_win() {
        assert_eq!(field(Kind::LearningQuestion, "title").map(|t| t.label), Some("Uw vraag"));
        assert_eq!(field(Kind::Offer, "title").map(|t| t.label), Some("Titel"));
        assert_eq!(field(Kind::Offer, "no_such_field"), None);
    }

    #[test]
    fn messages_read_after_a_label_or_a_question() {
        assert_eq!(message::required("Titel"), "Titel: vul dit in.");
        assert_eq!(message::choose_some("Wie stelt deze vraag?"), "Wie stelt deze vraag? Kies er ten minste één.");
        assert_eq!(message::too_long("Titel"), "Titel: gebruik hooguit {n} tekens. Nu zijn het er {count}.");
    }

    #[test]
    fn paths_are_unique() {
        for (i, (p, _, _)) in FIELDS.iter().enumerate() {
            assert!(FIELDS[..i].iter().all(|(q, _, _)| q != p), "{p} twice");
        }
    }
}
