//! Structured data (schema.org JSON-LD) per item: Course with CourseInstance for offers,
//! EducationEvent per session, Report/Article/Book for publications, Article with a Place
//! for practice examples, Organization, Person (public persons only), and a
//! BreadcrumbList. Serialised deterministically and escaped for a `<script>` element.

use super::views::PageView;
use super::Ctx;
use crate::dates;
use crate::model::{self, Author, DeliveryMode, Kind, Raw};
use serde_json::{json, Map, Value};

/// The JSON-LD of item `i`, ready to place inside `<script type="application/ld+json">`.
pub fn item(ctx: &Ctx, i: usize, page: &PageView) -> String {
    let site = ctx.site;
    let doc = &site.docs[i];
    let c = doc.raw.common();
    let url = absolute(ctx, &ctx.from);
    let mut graph = vec![main_entity(ctx, i, &url)];
    if let Raw::LearningCircle(circle) = &doc.raw {
        graph.extend(
            circle
                .sessions
                .iter()
                .filter_map(|s| session_event(ctx, circle, s, &format!("{url}#{}", site.session_anchor(i, s.number)))),
        );
    }
    let crumbs: Vec<Value> = page
        .breadcrumbs
        .iter()
        .map(|l| (l.text.clone(), l.href.clone()))
        .chain(std::iter::once((c.title.to_string(), url.clone())))
        .enumerate()
        .map(|(n, (name, href))| json!({"@type": "ListItem", "position": n + 1, "name": name, "item": resolve(ctx, &href)}))
        .collect();
    graph.push(json!({"@type": "BreadcrumbList", "itemListElement": crumbs}));
    script_safe(&json!({"@context": "https://schema.org", "@graph": graph}))
}

/// `</script>` and HTML comments cannot appear in the output: `<`, `>` and `&` are
/// written as JSON unicode escapes, which JSON parsers read back unchanged.
pub fn script_safe(v: &Value) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    if memchr::memchr3(b'<', b'>', b'&', json.as_bytes()).is_none() {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// A root-relative folder as an absolute URL when the site has a base URL, else as the
/// relative link from this page.
fn absolute(ctx: &Ctx, root_relative: &str) -> String {
    match &ctx.site.config.base_url {
        Some(b) => format!("{b}{root_relative}"),
        None => ctx.href(root_relative),
    }
}

/// A relative href of this page resolved against the base URL when there is one.
fn resolve(ctx: &Ctx, href: &str) -> String {
    let Some(base) = &ctx.site.config.base_url else { return href.to_string() };
    if href.starts_with("http") {
        return href.to_string();
    }
    let mut parts: Vec<&str> = ctx.from.split('/').filter(|p| !p.is_empty()).collect();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "index.html" | "." | "" => {}
            s => parts.push(s),
        }
    }
    let path = parts.join("/");
    if path.is_empty() {
        base.clone()
    } else {
        format!("{base}{path}/")
    }
}

fn org(ctx: &Ctx, slug: &str) -> Value {
    let site = ctx.site;
    match site.lookup(Kind::Organisation, slug) {
        Some(j) => {
            let mut m = Map::new();
            m.insert("@type".into(), json!("Organization"));
            m.insert("name".into(), json!(site.docs[j].raw.common().title));
            if let Raw::Organisation(o) = &site.docs[j].raw {
                m.insert("url".into(), json!(o.website));
            }
            Value::Object(m)
        }
        None => json!({"@type": "Organization", "name": slug}),
    }
}

fn person(ctx: &Ctx, slug: &str) -> Option<Value> {
    let j = ctx.site.lookup(Kind::Person, slug).filter(|&j| ctx.site.is_visible(j))?;
    Some(json!({"@type": "Person", "name": ctx.site.docs[j].raw.common().title}))
}

fn date(s: &Option<String>) -> Option<String> {
    s.as_deref().and_then(|d| dates::parse_date(d).ok()).map(|m| m.date.to_string())
}

fn main_entity(ctx: &Ctx, i: usize, url: &str) -> Value {
    let site = ctx.site;
    let doc = &site.docs[i];
    let c = doc.raw.common();
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        if !(v.is_null() || v.as_array().is_some_and(|a| a.is_empty())) {
            m.insert(k.to_string(), v);
        }
    };
    put("name", json!(c.title));
    put("description", json!(c.summary));
    put("url", json!(url));
    put("inLanguage", json!(c.language.unwrap_or("nl")));
    let about: Vec<Value> = c
        .themes
        .unwrap_or_default()
        .iter()
        .filter_map(|t| site.lookup(Kind::Theme, t))
        .map(|t| json!({"@type": "Thing", "name": site.docs[t].raw.common().title}))
        .collect();
    put("about", json!(about));
    put("datePublished", json!(doc.published.map(|p| p.date.to_string())));
    put("dateModified", json!(doc.updated.map(|p| p.date.to_string())));
    put(
        "keywords",
        json!(c.tags.join(", ")).as_str().filter(|s| !s.is_empty()).map(|s| json!(s)).unwrap_or(Value::Null),
    );
    let kind: &str = match &doc.raw {
        Raw::Offer(o) => {
            put("provider", json!(o.providers.iter().map(|p| org(ctx, p)).collect::<Vec<_>>()));
            let mode = match o.delivery_mode {
                DeliveryMode::OpLocatie => "onsite",
                DeliveryMode::Online | DeliveryMode::Zelfstudie => "online",
                DeliveryMode::Hybride => "blended",
            };
            let mut inst = Map::new();
            inst.insert("@type".into(), json!("CourseInstance"));
            inst.insert("courseMode".into(), json!(mode));
            if let Some(d) = date(&o.start) {
                inst.insert("startDate".into(), json!(d));
            }
            if let Some(d) = date(&o.end) {
                inst.insert("endDate".into(), json!(d));
            }
            if let Some(l) = &o.location {
                inst.insert("location".into(), place(l.venue.as_deref(), l.city.as_deref()));
            }
            put("hasCourseInstance", Value::Object(inst));
            if let Some(cost) = &o.cost {
                let price = if cost.free == Some(true) { Some(0.0) } else { cost.amount };
                if let Some(p) = price {
                    put(
                        "offers",
                        json!({"@type": "Offer", "price": p, "priceCurrency": "EUR", "category": if p == 0.0 { "Free" } else { "Paid" }}),
                    );
                }
            }
            put("teaches", json!(o.learning_goals));
            "Course"
        }
        Raw::Publication(p) => {
            let authors: Vec<Value> = p
                .authors
                .iter()
                .filter_map(|a| match a {
                    Author::Person(s) => person(ctx, s),
                    Author::Named(n) => Some(json!({"@type": "Person", "name": n.name})),
                })
                .collect();
            put("author", json!(authors));
            put("publisher", json!(p.publishers.iter().map(|s| org(ctx, s)).collect::<Vec<_>>()));
            put("funder", json!(p.funded_by.iter().map(|s| org(ctx, s)).collect::<Vec<_>>()));
            if let Some(d) = p.publication_date.as_deref().and_then(|d| dates::parse_partial(d).ok()) {
                put("datePublished", json!(d.iso()));
            }
            put("isbn", json!(p.isbn));
            put("headline", json!(c.title));
            if p.isbn.is_some() {
                "Book"
            } else if matches!(p.publication_type.as_str(), "artikel" | "blog" | "interview") {
                "Article"
            } else {
                "Report"
            }
        }
        Raw::PracticeExample(p) => {
            put("headline", json!(c.title));
            put("contentLocation", place(p.neighbourhoods.first().map(String::as_str), Some(&p.municipality)));
            "Article"
        }
        Raw::Organisation(o) => {
            put("alternateName", json!(o.short_name));
            put("url", json!(o.website));
            if let Some(city) = &o.city {
                put("address", json!({"@type": "PostalAddress", "addressLocality": city, "addressCountry": "NL"}));
            }
            "Organization"
        }
        Raw::Person(p) => {
            put("jobTitle", json!(p.job_title));
            put("worksFor", json!(p.organisations.iter().map(|s| org(ctx, s)).collect::<Vec<_>>()));
            put("email", json!(p.email));
            put("telephone", json!(p.phone));
            "Person"
        }
        Raw::LearningCircle(circle) => {
            put("provider", json!(circle.organisers.iter().map(|s| org(ctx, s)).collect::<Vec<_>>()));
            "Course"
        }
        Raw::FocusArea(f) => {
            put("containedInPlace", json!({"@type": "City", "name": f.municipality}));
            "Place"
        }
        Raw::Theme(_) => "CollectionPage",
        _ => "WebPage",
    };
    m.insert("@type".into(), json!(kind));
    Value::Object(m)
}

fn place(venue: Option<&str>, city: Option<&str>) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), json!("Place"));
    m.insert("name".into(), json!(venue.or(city).unwrap_or("Nederland")));
    if let Some(c) = city {
        m.insert("address".into(), json!({"@type": "PostalAddress", "addressLocality": c, "addressCountry": "NL"}));
    }
    Value::Object(m)
}

/// A dated session as an EducationEvent; unplanned sessions have no event yet.
/// `url`: the session's own address on the circle's page.
fn session_event(ctx: &Ctx, circle: &model::LearningCircle, s: &model::Session, url: &str) -> Option<Value> {
    let d = dates::parse_date(s.date.as_deref()?).ok()?.date;
    let at = |t: &Option<String>| {
        t.as_deref().and_then(|t| dates::parse_time(t).ok()).map(|t| format!("{d}T{}", t.strftime("%H:%M")))
    };
    let status = match s.status {
        Some(model::SessionStatus::Geannuleerd) => "https://schema.org/EventCancelled",
        Some(model::SessionStatus::Verplaatst) => "https://schema.org/EventRescheduled",
        _ => "https://schema.org/EventScheduled",
    };
    let mode = match s.attendance_mode {
        Some(model::AttendanceMode::Online) => "https://schema.org/OnlineEventAttendanceMode",
        Some(model::AttendanceMode::Hybride) => "https://schema.org/MixedEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let mut m = Map::new();
    m.insert("@type".into(), json!("EducationEvent"));
    m.insert("name".into(), json!(format!("{}: {}", circle.title, s.title)));
    m.insert("startDate".into(), json!(at(&s.start_time).unwrap_or_else(|| d.to_string())));
    if let Some(e) = at(&s.end_time) {
        m.insert("endDate".into(), json!(e));
    }
    m.insert("eventStatus".into(), json!(status));
    m.insert("eventAttendanceMode".into(), json!(mode));
    if let Some(l) = &s.location {
        m.insert("location".into(), place(l.venue.as_deref(), l.city.as_deref()));
    }
    m.insert("organizer".into(), json!(circle.organisers.iter().map(|o| org(ctx, o)).collect::<Vec<_>>()));
    m.insert("url".into(), json!(url));
    Some(Value::Object(m))
}
