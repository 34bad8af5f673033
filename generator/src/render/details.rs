//! The details box (`dl`) of each type: which facts a reader sees, in Dutch, with links to
//! the items they name. One function per type; each destructures its struct so a new
//! field is a compile error until a decision about showing it is made here.

use super::views::{DateView, DetailRow, SessionView, Value};
use super::Ctx;
use crate::dates;
use crate::model::{self, Author, Kind, Raw};

impl Ctx<'_> {
    pub fn text(&self, t: impl Into<String>) -> Value {
        Value { text: t.into(), href: None, date: None, external: false }
    }

    /// A value linking to the item `kind/slug`, or plain text when it has no page.
    pub fn item(&self, kind: Kind, slug: &str) -> Value {
        match self.site.lookup(kind, slug) {
            Some(j) if self.site.is_visible(j) || self.site.is_external(j) => Value {
                text: self.site.docs[j].raw.common().title.to_string(),
                href: Some(self.href_to(j)),
                date: None,
                external: self.site.is_external(j),
            },
            Some(j) => self.text(self.site.docs[j].raw.common().title),
            None => self.text(slug),
        }
    }

    pub fn items(&self, kind: Kind, slugs: &[String]) -> Vec<Value> {
        slugs.iter().map(|s| self.item(kind, s)).collect()
    }

    pub fn date(&self, s: &str) -> Value {
        match dates::parse_date(s) {
            Ok(m) => {
                Value { text: dates::dutch_date(m.date), href: None, date: Some(m.date.to_string()), external: false }
            }
            Err(_) => self.text(s),
        }
    }

    pub fn partial(&self, s: &str) -> Value {
        match dates::parse_partial(s) {
            Ok(p) => Value { text: p.dutch(), href: None, date: Some(p.iso()), external: false },
            Err(_) => self.text(s),
        }
    }

    pub fn vocab(&self, name: &str, code: &str) -> Value {
        self.text(self.site.vocab.label(name, code))
    }

    pub fn url(&self, label: &str, url: &str) -> Value {
        Value { text: label.to_string(), href: Some(url.to_string()), date: None, external: false }
    }

    /// A download: a web address as it is, a `media/` file relative to this page.
    pub fn download(&self, label: &str, url: &str) -> Value {
        let href = if url.starts_with("media/") { self.href(url) } else { url.to_string() };
        Value { text: label.to_string(), href: Some(href), date: None, external: false }
    }
}

pub fn date_view(s: &str) -> Option<DateView> {
    dates::parse_date(s).ok().map(|m| DateView { iso: m.date.to_string(), text: dates::dutch_date(m.date) })
}

struct Rows(Vec<DetailRow>);

impl Rows {
    fn add(&mut self, label: &str, values: Vec<Value>) {
        if !values.is_empty() {
            self.0.push(DetailRow { label: label.to_string(), values, joiner: ", ".into() });
        }
    }
    /// A period: `6 september 2027 tot en met 30 juni 2028`.
    fn period(&mut self, label: &str, from: Value, to: Value) {
        self.0.push(DetailRow { label: label.to_string(), values: vec![from, to], joiner: " tot en met ".into() });
    }
    fn opt(&mut self, label: &str, value: Option<Value>) {
        self.add(label, value.into_iter().collect());
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Ja"
    } else {
        "Nee"
    }
}

/// `1234567` bytes -> `1,2 MB` (decimal comma).
pub fn file_size(bytes: u64) -> String {
    let (v, unit) = if bytes >= 1_000_000 {
        (bytes as f64 / 1_000_000.0, "MB")
    } else if bytes >= 1_000 {
        (bytes as f64 / 1_000.0, "kB")
    } else {
        return format!("{bytes} bytes");
    };
    format!("{v:.1} {unit}").replace('.', ",")
}

/// `12.5` -> `€ 12,50`.
pub fn euro(amount: f64) -> String {
    format!("€ {amount:.2}").replace('.', ",")
}

pub fn details(ctx: &Ctx, raw: &Raw) -> Vec<DetailRow> {
    let mut r = Rows(Vec::new());
    let c = raw.common();
    if let Some(themes) = c.themes {
        r.add("Thema's", ctx.items(Kind::Theme, themes));
    }
    r.add("Doelgroep", c.audiences.iter().map(|a| ctx.vocab("audience", a)).collect());
    match raw {
        Raw::Theme(model::Theme { kind, parent, synonyms, order: _, experts: _, replaced_by, formerly, .. }) => {
            r.add("Soort thema", vec![ctx.text(kind.label())]);
            r.opt("Onderdeel van", parent.as_deref().map(|p| ctx.item(Kind::Theme, p)));
            r.add("Ook bekend als", synonyms.iter().map(|s| ctx.text(s)).collect());
            r.add("Vroeger", formerly.iter().map(|s| ctx.text(s)).collect());
            r.opt("Vervangen door", replaced_by.as_deref().map(|p| ctx.item(Kind::Theme, p)));
        }
        Raw::Offer(o) => offer_rows(ctx, o, &mut r),
        Raw::Publication(model::Publication {
            publication_type,
            authors,
            publishers,
            funded_by,
            publication_date,
            components,
            files,
            isbn,
            country,
            ..
        }) => {
            r.add("Soort", vec![ctx.vocab("publication_type", publication_type)]);
            r.add(
                "Auteurs",
                authors
                    .iter()
                    .map(|a| match a {
                        Author::Person(p) => ctx.item(Kind::Person, p),
                        Author::Named(n) => {
                            let orgs: Vec<String> =
                                n.organisations.iter().map(|o| ctx.item(Kind::Organisation, o).text).collect();
                            ctx.text(if orgs.is_empty() {
                                n.name.clone()
                            } else {
                                format!("{} ({})", n.name, orgs.join(", "))
                            })
                        }
                    })
                    .collect(),
            );
            r.add("Uitgever", ctx.items(Kind::Organisation, publishers));
            r.add("Gefinancierd door", ctx.items(Kind::Organisation, funded_by));
            r.opt("Verschenen", publication_date.as_deref().map(|d| ctx.partial(d)));
            r.add("Onderdelen", components.iter().map(|s| ctx.text(s)).collect());
            r.add(
                "Downloads",
                files
                    .iter()
                    .map(|f| {
                        let mut label = f.label.clone().unwrap_or_else(|| "Download".into());
                        let meta: Vec<String> =
                            [f.format.clone(), f.size_bytes.map(file_size)].into_iter().flatten().collect();
                        if !meta.is_empty() {
                            label = format!("{label} ({})", meta.join(", "));
                        }
                        ctx.download(&label, &f.url)
                    })
                    .collect(),
            );
            r.opt("ISBN", isbn.as_deref().map(|s| ctx.text(s)));
            r.add("Taal", vec![ctx.text(language_name(c.language.unwrap_or("nl")))]);
            r.add("Land", vec![ctx.text(country.as_deref().unwrap_or("NL"))]);
        }
        Raw::PracticeExample(model::PracticeExample {
            municipality,
            neighbourhoods,
            focus_area,
            organisations,
            period,
            status,
            interventions,
            lessons: _,
            source_publication,
            ..
        }) => {
            r.add("Gemeente", vec![ctx.text(municipality)]);
            r.add("Wijken", neighbourhoods.iter().map(|s| ctx.text(s)).collect());
            r.opt("Focusgebied", focus_area.as_deref().map(|f| ctx.item(Kind::FocusArea, f)));
            r.add(
                "Organisaties",
                organisations
                    .iter()
                    .map(|o| {
                        let mut v = ctx.item(Kind::Organisation, &o.organisation);
                        v.text = format!("{} ({})", v.text, o.role.code());
                        v
                    })
                    .collect(),
            );
            r.opt("Periode", period.as_ref().map(|p| ctx.text(period_text(p))));
            r.opt("Status", status.map(|s| ctx.text(s.label())));
            r.add("Interventies", ctx.items(Kind::Intervention, interventions));
            r.opt("Bron", source_publication.as_deref().map(|p| ctx.item(Kind::Publication, p)));
        }
        Raw::LearningQuestion(model::LearningQuestion {
            asked_by,
            source,
            priority,
            status,
            matched: _,
            gap,
            consent: _,
            ..
        }) => {
            r.add("Gesteld door", asked_by.iter().map(|a| ctx.vocab("audience", a)).collect());
            r.add("Bron", vec![ctx.text(source.label())]);
            r.add("Status", vec![ctx.text(status.label())]);
            if *priority {
                r.add("Prioriteit", vec![ctx.text("Ja")]);
            }
            r.opt("Lacune", gap.as_deref().map(|g| ctx.item(Kind::Gap, g)));
        }
        Raw::Gap(model::Gap { reason, identified_in, identified, status, .. }) => {
            r.add("Reden", reason.iter().map(|x| ctx.text(x.label())).collect());
            r.add("Gesignaleerd in", vec![ctx.item(Kind::Publication, identified_in)]);
            r.opt("Gesignaleerd op", identified.as_deref().map(|d| ctx.date(d)));
            r.add("Status", vec![ctx.text(status.label())]);
        }
        Raw::LearningCircle(model::LearningCircle {
            theme,
            programme,
            organisers,
            lead,
            sessions_planned,
            period,
            sessions: _,
            ..
        }) => {
            r.add("Thema", vec![ctx.item(Kind::Theme, theme)]);
            r.opt("Programma", programme.as_deref().map(|p| ctx.text(p)));
            r.add("Organisatie", ctx.items(Kind::Organisation, organisers));
            r.opt("Trekker", lead.as_deref().map(|p| ctx.item(Kind::Person, p)));
            r.opt("Aantal bijeenkomsten", sessions_planned.map(|n| ctx.text(n.to_string())));
            r.opt("Periode", period.as_ref().map(|p| ctx.text(period_text(p))));
        }
        Raw::Intervention(model::Intervention {
            owners,
            database,
            recognition_level,
            recognition_date,
            target_group,
            goal,
            method_description,
            ..
        }) => {
            r.add("Eigenaar", ctx.items(Kind::Organisation, owners));
            r.opt("Databank", database.as_deref().map(|d| ctx.text(d)));
            r.add("Erkenning", vec![ctx.text(recognition_level.label())]);
            r.opt("Erkend op", recognition_date.as_deref().map(|d| ctx.date(d)));
            r.opt("Doelgroep", target_group.as_deref().map(|d| ctx.text(d)));
            r.opt("Doel", goal.as_deref().map(|d| ctx.text(d)));
            r.opt(
                "Methodebeschrijving",
                method_description.as_ref().map(|m| {
                    let meta: Vec<String> =
                        [m.format.clone(), m.size_bytes.map(file_size)].into_iter().flatten().collect();
                    ctx.download(
                        &format!(
                            "Methodebeschrijving{}",
                            if meta.is_empty() { String::new() } else { format!(" ({})", meta.join(", ")) }
                        ),
                        &m.url,
                    )
                }),
            );
        }
        Raw::Organisation(model::Organisation { short_name, org_type, website, city, partner, .. }) => {
            r.opt("Afkorting", short_name.as_deref().map(|d| ctx.text(d)));
            r.add("Soort organisatie", vec![ctx.vocab("org_type", org_type)]);
            r.add("Website", vec![ctx.url(website, website)]);
            r.opt("Plaats", city.as_deref().map(|d| ctx.text(d)));
            if *partner {
                r.add("Partner van het platform", vec![ctx.text(yes_no(true))]);
            }
        }
        Raw::Person(model::Person {
            job_title,
            organisations,
            expertise,
            email: _,
            phone: _,
            public: _,
            sort_name: _,
            ..
        }) => {
            r.opt("Functie", job_title.as_deref().map(|d| ctx.text(d)));
            r.add("Organisatie", ctx.items(Kind::Organisation, organisations));
            r.add("Expertise", ctx.items(Kind::Theme, expertise));
        }
        Raw::FocusArea(model::FocusArea { municipality, aliases, population, programme_office_url, .. }) => {
            r.add("Gemeente", vec![ctx.text(municipality)]);
            r.add("Ook bekend als", aliases.iter().map(|s| ctx.text(s)).collect());
            if let Some(p) = population {
                if let Some(n) = p.count {
                    let mut t = group_thousands(n);
                    if let Some(d) = &p.date {
                        t = format!("{t} ({})", ctx.partial(d).text);
                    }
                    if let Some(s) = &p.source {
                        t = format!("{t}, bron: {s}");
                    }
                    r.add("Inwoners", vec![ctx.text(t)]);
                }
            }
            r.opt("Programmabureau", programme_office_url.as_deref().map(|u| ctx.url(u, u)));
        }
        Raw::Page(_) => {}
    }
    r.add("Trefwoorden", c.tags.iter().map(|t| ctx.text(t)).collect());
    r.0
}

fn offer_rows(ctx: &Ctx, o: &model::Offer, r: &mut Rows) {
    let model::Offer {
        offer_type,
        providers,
        partners,
        delivery_mode,
        cross_domain,
        start,
        end,
        status,
        location,
        focus_areas,
        cost,
        registration,
        learning_goals: _,
        addresses_gap,
        learning_circle,
        ..
    } = o;
    r.add("Vorm", vec![ctx.vocab("offer_type", offer_type)]);
    r.add("Aanbieder", ctx.items(Kind::Organisation, providers));
    r.add("Partners", ctx.items(Kind::Organisation, partners));
    r.add("Werkwijze", vec![ctx.text(delivery_mode.label())]);
    if *cross_domain {
        r.add("Domeinoverstijgend", vec![ctx.text("Ja: voor meer dan één sector of beroep")]);
    }
    match (start, end) {
        (Some(s), Some(e)) => r.period("Periode", ctx.date(s), ctx.date(e)),
        (Some(s), None) => r.add("Start", vec![ctx.date(s)]),
        (None, Some(e)) => r.add("Tot en met", vec![ctx.date(e)]),
        (None, None) => {}
    }
    r.opt("Status", status.map(|s| ctx.text(s.label())));
    if let Some(l) = location {
        let parts: Vec<&str> = [l.venue.as_deref(), l.city.as_deref()].into_iter().flatten().collect();
        r.add("Locatie", vec![ctx.text(parts.join(", "))]);
    }
    r.add("Focusgebieden", ctx.items(Kind::FocusArea, focus_areas));
    if let Some(c) = cost {
        let mut t = match (c.free, c.amount) {
            (Some(true), _) => "Gratis".to_string(),
            (_, Some(a)) => euro(a),
            _ => String::new(),
        };
        if let Some(n) = &c.note {
            t = if t.is_empty() { n.clone() } else { format!("{t} ({n})") };
        }
        r.add("Kosten", vec![ctx.text(t)]);
    }
    if let Some(reg) = registration {
        let mut vals = Vec::new();
        if reg.by_invitation == Some(true) {
            vals.push(ctx.text("Op uitnodiging"));
        }
        if let Some(u) = &reg.url {
            vals.push(ctx.url("Aanmelden", u));
        }
        if let Some(d) = &reg.deadline {
            let mut v = ctx.date(d);
            v.text = format!("uiterlijk {}", v.text);
            vals.push(v);
        }
        if let Some(n) = &reg.note {
            vals.push(ctx.text(n));
        }
        r.add("Aanmelden", vals);
    }
    r.add("Speelt in op lacune", ctx.items(Kind::Gap, addresses_gap));
    r.opt("Leerkring", learning_circle.as_deref().map(|l| ctx.item(Kind::LearningCircle, l)));
}

pub fn sessions(ctx: &Ctx, circle: &model::LearningCircle) -> Vec<SessionView> {
    let mut out: Vec<SessionView> = circle
        .sessions
        .iter()
        .map(|s| {
            let status = crate::site::session_status_code(s, ctx.site.options.now);
            let mut r = Rows(Vec::new());
            r.opt("Dagdeel", s.part_of_day.map(|p| ctx.text(p.label())));
            r.add("Werkvorm", s.formats.iter().map(|f| ctx.text(f.label())).collect());
            r.opt("Deelname", s.attendance_mode.map(|m| ctx.text(m.label())));
            if let Some(l) = &s.location {
                let parts: Vec<&str> = [l.venue.as_deref(), l.city.as_deref()].into_iter().flatten().collect();
                if !parts.is_empty() {
                    r.add("Locatie", vec![ctx.text(parts.join(", "))]);
                }
                r.opt("Focusgebied", l.focus_area.as_deref().map(|f| ctx.item(Kind::FocusArea, f)));
            }
            r.add(
                "Sprekers",
                s.speakers
                    .iter()
                    .map(|p| match ctx.site.lookup(Kind::Person, p) {
                        Some(_) => ctx.item(Kind::Person, p),
                        None => ctx.text(p),
                    })
                    .collect(),
            );
            let time = match (
                s.start_time.as_deref().and_then(|t| dates::parse_time(t).ok()),
                s.end_time.as_deref().and_then(|t| dates::parse_time(t).ok()),
            ) {
                (Some(a), Some(b)) => {
                    Some(format!("{} tot {}", dates::dutch_time(a).trim_end_matches(" uur"), dates::dutch_time(b)))
                }
                (Some(a), None) => Some(dates::dutch_time(a)),
                _ => None,
            };
            SessionView {
                number: s.number,
                id: format!("bijeenkomst-{}", s.number),
                title: s.title.clone(),
                date: s.date.as_deref().and_then(date_view),
                time,
                status: status.to_string(),
                status_label: model::label_of_code(status),
                details: r.0,
            }
        })
        .collect();
    out.sort_by_key(|s| s.number);
    out
}

fn period_text(p: &model::Period) -> String {
    let f = |s: &Option<String>| s.as_deref().and_then(|v| dates::parse_partial(v).ok()).map(|d| d.dutch());
    match (f(&p.start), f(&p.end)) {
        (Some(a), Some(b)) => format!("{a} tot en met {b}"),
        (Some(a), None) => format!("vanaf {a}"),
        (None, Some(b)) => format!("tot en met {b}"),
        (None, None) => String::new(),
    }
}

/// `123456` -> `123.456` (Dutch thousands separator).
pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

pub fn language_name(tag: &str) -> String {
    match tag.split('-').next().unwrap_or(tag) {
        "nl" => "Nederlands".into(),
        "en" => "Engels".into(),
        "fy" => "Fries".into(),
        "de" => "Duits".into(),
        "fr" => "Frans".into(),
        "ar" => "Arabisch".into(),
        "tr" => "Turks".into(),
        other => other.to_string(),
    }
}

/// `+31201234567` -> `020 123 4567`; mobile `+31612345678` -> `06 1234 5678`.
pub fn dutch_phone(e164: &str) -> String {
    let Some(rest) = e164.strip_prefix("+31") else {
        return e164.to_string();
    };
    let national = format!("0{rest}");
    if national.starts_with("06") && national.len() == 10 {
        return format!("06 {} {}", &national[2..6], &national[6..]);
    }
    // Three-digit area codes (020, 010, 030, 070) take 3+3+4; the others 4+3+3.
    if national.len() == 10 {
        if [
            "010", "013", "015", "020", "023", "024", "026", "030", "033", "035", "036", "038", "040", "043", "045",
            "046", "050", "053", "055", "058", "070", "071", "072", "073", "074", "075", "076", "077", "078", "079",
        ]
        .contains(&&national[..3])
        {
            return format!("{} {} {}", &national[..3], &national[3..6], &national[6..]);
        }
        return format!("{} {} {}", &national[..4], &national[4..7], &national[7..]);
    }
    national
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_conventions() {
        assert_eq!(dutch_phone("+31201234567"), "020 123 4567");
        assert_eq!(dutch_phone("+31612345678"), "06 1234 5678");
        assert_eq!(dutch_phone("+31513123456"), "0513 123 456");
        assert_eq!(file_size(2_400_000), "2,4 MB");
        assert_eq!(euro(12.5), "€ 12,50");
        assert_eq!(group_thousands(1234567), "1.234.567");
    }
}
