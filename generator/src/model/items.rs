//! The twelve content types as they are written in front matter, and the walk over each
//! type's references, dates, vocabulary codes and URLs that validation relies on. Each walk
//! destructures its struct completely, so a new field does not compile until handled.

use super::common::*;
use super::kind::Kind;
use schemars::JsonSchema;
use serde::Deserialize;

// ---- closed lists (part of the model; their labels are the codes with spaces) ----

macro_rules! closed_list {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize, JsonSchema)]
        pub enum $name { $(#[serde(rename = $code)] $variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),* } }
            /// The Dutch label: the code with hyphens as spaces, capitalised.
            pub fn label(self) -> String { crate::model::label_of_code(self.code()) }
        }
    };
}

/// `op-locatie` -> `Op locatie`.
pub fn label_of_code(code: &str) -> String {
    let s = code.replace('-', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

closed_list!(ThemeKind { Leefgebied = "leefgebied", Werkwijze = "werkwijze", Programmathema = "programmathema" });
closed_list!(DeliveryMode { OpLocatie = "op-locatie", Online = "online", Hybride = "hybride", Zelfstudie = "zelfstudie" });
closed_list!(OfferStatus { Doorlopend = "doorlopend", Gepland = "gepland", Vol = "vol", Geannuleerd = "geannuleerd" });
closed_list!(OrgRole { Trekker = "trekker", Partner = "partner", Financier = "financier", Onderzoek = "onderzoek" });
closed_list!(ExampleStatus { Lopend = "lopend", Afgerond = "afgerond", Gestopt = "gestopt" });
closed_list!(QuestionSource { Leeragenda2021 = "leeragenda-2021", Coordinatiepunt = "coordinatiepunt", Leerkring = "leerkring", Bijeenkomst = "bijeenkomst", Advies = "advies" });
closed_list!(QuestionStatus { Open = "open", Gekoppeld = "gekoppeld", DeelsGekoppeld = "deels-gekoppeld", Lacune = "lacune", InOntwikkeling = "in-ontwikkeling", Gesloten = "gesloten" });
closed_list!(GapReason { BeperktAanbod = "beperkt-aanbod", AlleenSectoraal = "alleen-sectoraal", OrganisatieVanLeren = "organisatie-van-leren" });
closed_list!(GapStatus { Gesignaleerd = "gesignaleerd", AanbodInOntwikkeling = "aanbod-in-ontwikkeling", AanbodBeschikbaar = "aanbod-beschikbaar" });
closed_list!(PartOfDay { Ochtend = "ochtend", Middag = "middag", Avond = "avond", HeleDag = "hele-dag" });
closed_list!(SessionFormat { Workshop = "workshop", Locatiebezoek = "locatiebezoek", Presentatie = "presentatie", Intervisie = "intervisie", Werksessie = "werksessie" });
closed_list!(AttendanceMode { OpLocatie = "op-locatie", Online = "online", Hybride = "hybride" });
closed_list!(SessionStatus { TePlannen = "te-plannen", Gepland = "gepland", Verplaatst = "verplaatst", Geannuleerd = "geannuleerd" });
closed_list!(RecognitionLevel {
    NietBeoordeeld = "niet-beoordeeld",
    GoedBeschreven = "goed-beschreven",
    GoedOnderbouwd = "goed-onderbouwd",
    EffectiefEersteAanwijzingen = "effectief-eerste-aanwijzingen",
    EffectiefGoedeAanwijzingen = "effectief-goede-aanwijzingen",
    EffectiefSterkeAanwijzingen = "effectief-sterke-aanwijzingen",
});

// ---- nested records ----

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    #[serde(default)]
    pub free: Option<bool>,
    #[serde(default)]
    pub amount: Option<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub deadline: Option<DateText>,
    #[serde(default)]
    pub by_invitation: Option<bool>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A download: links show format and size.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileLink {
    pub url: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub size_bytes: Option<u64>,
}

/// A publication author: a person slug, or a name with organisations.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Author {
    Person(String),
    Named(NamedAuthor),
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedAuthor {
    pub name: String,
    #[serde(default)]
    pub organisations: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRole {
    pub organisation: String,
    pub role: OrgRole,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionPlace {
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub focus_area: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Unique in the circle, 1..n.
    pub number: u32,
    pub title: String,
    /// Absent while the status is te-plannen.
    #[serde(default)]
    pub date: Option<DateText>,
    /// "HH:MM"
    #[serde(default)]
    pub start_time: Option<String>,
    /// "HH:MM"
    #[serde(default)]
    pub end_time: Option<String>,
    #[serde(default)]
    pub part_of_day: Option<PartOfDay>,
    #[serde(default)]
    pub formats: Vec<SessionFormat>,
    #[serde(default)]
    pub attendance_mode: Option<AttendanceMode>,
    #[serde(default)]
    pub location: Option<SessionPlace>,
    #[serde(default)]
    pub status: Option<SessionStatus>,
    /// Person slugs or names.
    #[serde(default)]
    pub speakers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Population {
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub date: Option<PartialDateText>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodDescription {
    pub url: String,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub size_bytes: Option<u64>,
}

// ---- the types ----

content_type!(
    /// A theme (`themas/`).
    Theme {
        /// leefgebied | werkwijze | programmathema
        kind: ThemeKind,
        /// Parent theme slug.
        #[serde(default)] parent: Option<String>,
        /// Other words readers search with.
        #[serde(default)] synonyms: Vec<String>,
        #[serde(default)] order: Option<i64>,
        /// Person slugs.
        #[serde(default)] experts: Vec<String>,
        /// The theme that replaces this one.
        #[serde(default)] replaced_by: Option<String>,
        /// Former names, searched.
        #[serde(default)] formerly: Vec<String>,
    }
);

content_type!(
    /// A learning offer (`leeraanbod/`).
    Offer {
        /// Code from vocab.yaml `offer_type`.
        offer_type: String,
        /// Organisation slugs.
        providers: Vec<String>,
        #[serde(default)] partners: Vec<String>,
        delivery_mode: DeliveryMode,
        /// Aimed at more than one sector or profession.
        #[serde(default)] cross_domain: bool,
        #[serde(default)] start: Option<DateText>,
        /// An end in the past makes the offer "afgelopen".
        #[serde(default)] end: Option<DateText>,
        #[serde(default)] status: Option<OfferStatus>,
        #[serde(default)] location: Option<Place>,
        #[serde(default)] focus_areas: Vec<String>,
        #[serde(default)] cost: Option<Cost>,
        #[serde(default)] registration: Option<Registration>,
        #[serde(default)] learning_goals: Vec<String>,
        /// Gap slugs this offer answers.
        #[serde(default)] addresses_gap: Vec<String>,
        #[serde(default)] learning_circle: Option<String>,
    }
);

content_type!(
    /// A publication (`publicaties/`).
    Publication {
        /// Code from vocab.yaml `publication_type`.
        publication_type: String,
        #[serde(default)] authors: Vec<Author>,
        publishers: Vec<String>,
        #[serde(default)] funded_by: Vec<String>,
        #[serde(default)] publication_date: Option<PartialDateText>,
        #[serde(default)] components: Vec<String>,
        #[serde(default)] files: Vec<FileLink>,
        #[serde(default)] isbn: Option<String>,
        /// ISO 3166-1 alpha-2, default NL.
        #[serde(default)] country: Option<String>,
    }
);

content_type!(
    /// A practice example (`praktijkvoorbeelden/`).
    PracticeExample {
        municipality: String,
        #[serde(default)] neighbourhoods: Vec<String>,
        #[serde(default)] focus_area: Option<String>,
        organisations: Vec<OrganisationRole>,
        #[serde(default)] period: Option<Period>,
        #[serde(default)] status: Option<ExampleStatus>,
        #[serde(default)] interventions: Vec<String>,
        #[serde(default)] lessons: Vec<String>,
        #[serde(default)] source_publication: Option<String>,
    }
);

content_type!(
    /// A learning question (`leervragen/`): the demand side.
    LearningQuestion {
        /// Audience codes: roles only, never personal data.
        asked_by: Vec<String>,
        source: QuestionSource,
        #[serde(default)] priority: bool,
        status: QuestionStatus,
        /// Offers, publications, interventions and circles as `folder/slug`.
        #[serde(default)] matched: Vec<String>,
        /// Required when the status is lacune.
        #[serde(default)] gap: Option<String>,
        /// A question from the coordination point is published only with consent.
        #[serde(default)] consent: Option<bool>,
    }
);

content_type!(
    /// A gap (`lacunes/`) where demand meets no supply.
    Gap {
        reason: Vec<GapReason>,
        /// Publication slug.
        identified_in: String,
        #[serde(default)] identified: Option<DateText>,
        status: GapStatus,
    }
);

content_type!(
    /// A learning circle (`leerkringen/`) with its sessions.
    LearningCircle {
        /// Exactly one theme slug.
        theme: String,
        #[serde(default)] programme: Option<String>,
        organisers: Vec<String>,
        #[serde(default)] lead: Option<String>,
        #[serde(default)] sessions_planned: Option<u32>,
        #[serde(default)] period: Option<Period>,
        #[serde(default)] sessions: Vec<Session>,
    }
);

content_type!(
    /// An intervention (`interventies/`): what works.
    Intervention {
        owners: Vec<String>,
        #[serde(default)] database: Option<String>,
        recognition_level: RecognitionLevel,
        #[serde(default)] recognition_date: Option<DateText>,
        #[serde(default)] target_group: Option<String>,
        #[serde(default)] goal: Option<String>,
        #[serde(default)] method_description: Option<MethodDescription>,
    }
);

content_type!(
    /// An organisation (`organisaties/`).
    Organisation {
        #[serde(default)] short_name: Option<String>,
        /// Code from vocab.yaml `org_type`.
        org_type: String,
        website: String,
        #[serde(default)] city: Option<String>,
        /// Partner of the platform.
        #[serde(default)] partner: bool,
    }
);

content_type!(
    /// A person (`personen/`); only `public: true` persons are published.
    Person {
        #[serde(default)] job_title: Option<String>,
        organisations: Vec<String>,
        /// Theme slugs.
        #[serde(default)] expertise: Vec<String>,
        #[serde(default)] email: Option<String>,
        /// E.164, e.g. +31201234567.
        #[serde(default)] phone: Option<String>,
        public: bool,
        /// "Alkemade, Joost van": sorts lists by surname.
        #[serde(default)] sort_name: Option<String>,
    }
);

content_type!(
    /// A focus area (`focusgebieden/`) of the national programme.
    FocusArea {
        municipality: String,
        #[serde(default)] aliases: Vec<String>,
        #[serde(default)] population: Option<Population>,
        #[serde(default)] programme_office_url: Option<String>,
    }
);

content_type!(
    /// A content page (`paginas/`), published at /<slug>/.
    Page {
        /// Position in the menu.
        #[serde(default)] menu: Option<i64>,
    }
);

/// Any item, as read.
#[derive(Debug, Clone)]
pub enum Raw {
    Theme(Theme),
    Offer(Offer),
    Publication(Publication),
    PracticeExample(PracticeExample),
    LearningQuestion(LearningQuestion),
    Gap(Gap),
    LearningCircle(LearningCircle),
    Intervention(Intervention),
    Organisation(Organisation),
    Person(Person),
    FocusArea(FocusArea),
    Page(Page),
}

/// What a reference field may point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    One(Kind),
    /// `folder/slug`, any of these kinds (empty: any kind).
    Typed(&'static [Kind]),
}

/// One reference written in a file.
#[derive(Debug, Clone)]
pub struct RefField<'a> {
    pub path: String,
    pub target: Target,
    pub value: &'a str,
}

/// A date-like value and how it must be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    Date,
    Partial,
    Time,
}

/// The walks validation needs over one item.
#[derive(Debug, Default)]
pub struct Fields<'a> {
    pub refs: Vec<RefField<'a>>,
    pub dates: Vec<(String, &'a str, DateRule)>,
    pub vocab: Vec<(String, &'static str, &'a str)>,
    pub urls: Vec<(String, &'a str)>,
    /// Download links: a web address or a file under `media/`.
    pub downloads: Vec<(String, &'a str)>,
}

impl<'a> Fields<'a> {
    fn one(&mut self, path: impl Into<String>, kind: Kind, v: &'a Option<String>) {
        if let Some(v) = v {
            self.refs.push(RefField { path: path.into(), target: Target::One(kind), value: v });
        }
    }
    fn many(&mut self, path: &str, kind: Kind, vs: &'a [String]) {
        for (i, v) in vs.iter().enumerate() {
            self.refs.push(RefField { path: format!("{path}[{i}]"), target: Target::One(kind), value: v });
        }
    }
    fn typed(&mut self, path: &str, kinds: &'static [Kind], vs: &'a [String]) {
        for (i, v) in vs.iter().enumerate() {
            self.refs.push(RefField { path: format!("{path}[{i}]"), target: Target::Typed(kinds), value: v });
        }
    }
    fn date(&mut self, path: impl Into<String>, v: &'a Option<String>, rule: DateRule) {
        if let Some(v) = v {
            self.dates.push((path.into(), v, rule));
        }
    }
    fn url(&mut self, path: impl Into<String>, v: &'a Option<String>) {
        if let Some(v) = v {
            self.urls.push((path.into(), v));
        }
    }
    fn period(&mut self, path: &str, p: &'a Option<Period>) {
        if let Some(Period { start, end }) = p {
            self.date(format!("{path}.start"), start, DateRule::Partial);
            self.date(format!("{path}.end"), end, DateRule::Partial);
        }
    }
}

impl Raw {
    pub fn kind(&self) -> Kind {
        match self {
            Raw::Theme(_) => Kind::Theme,
            Raw::Offer(_) => Kind::Offer,
            Raw::Publication(_) => Kind::Publication,
            Raw::PracticeExample(_) => Kind::PracticeExample,
            Raw::LearningQuestion(_) => Kind::LearningQuestion,
            Raw::Gap(_) => Kind::Gap,
            Raw::LearningCircle(_) => Kind::LearningCircle,
            Raw::Intervention(_) => Kind::Intervention,
            Raw::Organisation(_) => Kind::Organisation,
            Raw::Person(_) => Kind::Person,
            Raw::FocusArea(_) => Kind::FocusArea,
            Raw::Page(_) => Kind::Page,
        }
    }

    pub fn common(&self) -> CommonRef<'_> {
        match self {
            Raw::Theme(x) => x.common(),
            Raw::Offer(x) => x.common(),
            Raw::Publication(x) => x.common(),
            Raw::PracticeExample(x) => x.common(),
            Raw::LearningQuestion(x) => x.common(),
            Raw::Gap(x) => x.common(),
            Raw::LearningCircle(x) => x.common(),
            Raw::Intervention(x) => x.common(),
            Raw::Organisation(x) => x.common(),
            Raw::Person(x) => x.common(),
            Raw::FocusArea(x) => x.common(),
            Raw::Page(x) => x.common(),
        }
    }

    /// Every reference, date, vocabulary code and URL of the item, with its field path.
    pub fn fields(&self) -> Fields<'_> {
        let mut f = Fields::default();
        common_fields(self.common(), &mut f);
        specific_fields(self, &mut f);
        f
    }
}

fn common_fields<'a>(c: CommonRef<'a>, f: &mut Fields<'a>) {
    if let Some(themes) = c.themes {
        f.many("themes", Kind::Theme, themes);
    }
    for (i, a) in c.audiences.iter().enumerate() {
        f.vocab.push((format!("audiences[{i}]"), "audience", a));
    }
    if let Some(p) = c.published {
        f.dates.push(("published".into(), p, DateRule::Date));
    }
    if let Some(u) = c.updated {
        f.dates.push(("updated".into(), u, DateRule::Date));
    }
    for (i, contact) in c.contacts.iter().enumerate() {
        let (path, v) = match contact {
            ContactRef::Person(p) => (format!("contacts[{i}]"), p),
            ContactRef::WithTopic(ContactWithTopic { person, topic: _ }) => (format!("contacts[{i}].person"), person),
        };
        f.refs.push(RefField { path, target: Target::One(Kind::Person), value: v });
    }
    for (i, l) in c.more_info.iter().enumerate() {
        f.urls.push((format!("more_info[{i}].url"), &l.url));
    }
    f.typed("related", &[], c.related);
    if let Some(u) = c.source_url {
        f.urls.push(("source_url".into(), u));
    }
}

fn specific_fields<'a>(raw: &'a Raw, f: &mut Fields<'a>) {
    const MATCHABLE: &[Kind] = &[Kind::Offer, Kind::Publication, Kind::Intervention, Kind::LearningCircle];
    match raw {
        Raw::Theme(Theme { kind: _, parent, synonyms: _, order: _, experts, replaced_by, formerly: _, .. }) => {
            f.one("parent", Kind::Theme, parent);
            f.many("experts", Kind::Person, experts);
            f.one("replaced_by", Kind::Theme, replaced_by);
        }
        Raw::Offer(Offer {
            offer_type,
            providers,
            partners,
            delivery_mode: _,
            cross_domain: _,
            start,
            end,
            status: _,
            location: _,
            focus_areas,
            cost: _,
            registration,
            learning_goals: _,
            addresses_gap,
            learning_circle,
            ..
        }) => {
            f.vocab.push(("offer_type".into(), "offer_type", offer_type));
            f.many("providers", Kind::Organisation, providers);
            f.many("partners", Kind::Organisation, partners);
            f.date("start", start, DateRule::Date);
            f.date("end", end, DateRule::Date);
            f.many("focus_areas", Kind::FocusArea, focus_areas);
            if let Some(Registration { url, deadline, by_invitation: _, note: _ }) = registration {
                f.url("registration.url", url);
                f.date("registration.deadline", deadline, DateRule::Date);
            }
            f.many("addresses_gap", Kind::Gap, addresses_gap);
            f.one("learning_circle", Kind::LearningCircle, learning_circle);
        }
        Raw::Publication(Publication {
            publication_type,
            authors,
            publishers,
            funded_by,
            publication_date,
            components: _,
            files,
            isbn: _,
            country: _,
            ..
        }) => {
            f.vocab.push(("publication_type".into(), "publication_type", publication_type));
            for (i, a) in authors.iter().enumerate() {
                match a {
                    Author::Person(p) => f.refs.push(RefField {
                        path: format!("authors[{i}]"),
                        target: Target::One(Kind::Person),
                        value: p,
                    }),
                    Author::Named(NamedAuthor { name: _, organisations }) => {
                        f.many(&format!("authors[{i}].organisations"), Kind::Organisation, organisations)
                    }
                }
            }
            f.many("publishers", Kind::Organisation, publishers);
            f.many("funded_by", Kind::Organisation, funded_by);
            f.date("publication_date", publication_date, DateRule::Partial);
            for (i, file) in files.iter().enumerate() {
                f.downloads.push((format!("files[{i}].url"), &file.url));
            }
        }
        Raw::PracticeExample(PracticeExample {
            municipality: _,
            neighbourhoods: _,
            focus_area,
            organisations,
            period,
            status: _,
            interventions,
            lessons: _,
            source_publication,
            ..
        }) => {
            f.one("focus_area", Kind::FocusArea, focus_area);
            for (i, o) in organisations.iter().enumerate() {
                f.refs.push(RefField {
                    path: format!("organisations[{i}].organisation"),
                    target: Target::One(Kind::Organisation),
                    value: &o.organisation,
                });
            }
            f.period("period", period);
            f.many("interventions", Kind::Intervention, interventions);
            f.one("source_publication", Kind::Publication, source_publication);
        }
        Raw::LearningQuestion(LearningQuestion {
            asked_by,
            source: _,
            priority: _,
            status: _,
            matched,
            gap,
            consent: _,
            ..
        }) => {
            for (i, a) in asked_by.iter().enumerate() {
                f.vocab.push((format!("asked_by[{i}]"), "audience", a));
            }
            f.typed("matched", MATCHABLE, matched);
            f.one("gap", Kind::Gap, gap);
        }
        Raw::Gap(Gap { reason: _, identified_in, identified, status: _, .. }) => {
            f.refs.push(RefField {
                path: "identified_in".into(),
                target: Target::One(Kind::Publication),
                value: identified_in,
            });
            f.date("identified", identified, DateRule::Date);
        }
        Raw::LearningCircle(LearningCircle {
            theme,
            programme: _,
            organisers,
            lead,
            sessions_planned: _,
            period,
            sessions,
            ..
        }) => {
            f.refs.push(RefField { path: "theme".into(), target: Target::One(Kind::Theme), value: theme });
            f.many("organisers", Kind::Organisation, organisers);
            f.one("lead", Kind::Person, lead);
            f.period("period", period);
            for (i, s) in sessions.iter().enumerate() {
                let Session {
                    number: _,
                    title: _,
                    date,
                    start_time,
                    end_time,
                    part_of_day: _,
                    formats: _,
                    attendance_mode: _,
                    location,
                    status: _,
                    speakers: _,
                } = s;
                f.date(format!("sessions[{i}].date"), date, DateRule::Date);
                f.date(format!("sessions[{i}].start_time"), start_time, DateRule::Time);
                f.date(format!("sessions[{i}].end_time"), end_time, DateRule::Time);
                if let Some(SessionPlace { venue: _, city: _, focus_area }) = location {
                    f.one(format!("sessions[{i}].location.focus_area"), Kind::FocusArea, focus_area);
                }
            }
        }
        Raw::Intervention(Intervention {
            owners,
            database: _,
            recognition_level: _,
            recognition_date,
            target_group: _,
            goal: _,
            method_description,
            ..
        }) => {
            f.many("owners", Kind::Organisation, owners);
            f.date("recognition_date", recognition_date, DateRule::Date);
            if let Some(m) = method_description {
                f.downloads.push(("method_description.url".into(), &m.url));
            }
        }
        Raw::Organisation(Organisation { short_name: _, org_type, website, city: _, partner: _, .. }) => {
            f.vocab.push(("org_type".into(), "org_type", org_type));
            f.urls.push(("website".into(), website));
        }
        Raw::Person(Person {
            job_title: _,
            organisations,
            expertise,
            email: _,
            phone: _,
            public: _,
            sort_name: _,
            ..
        }) => {
            f.many("organisations", Kind::Organisation, organisations);
            f.many("expertise", Kind::Theme, expertise);
        }
        Raw::FocusArea(FocusArea { municipality: _, aliases: _, population, programme_office_url, .. }) => {
            if let Some(Population { count: _, date, source: _ }) = population {
                f.date("population.date", date, DateRule::Partial);
            }
            f.url("programme_office_url", programme_office_url);
        }
        Raw::Page(Page { menu: _, .. }) => {}
    }
}
