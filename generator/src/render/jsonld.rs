//! Structured data (schema.org JSON-LD) per item: Course with CourseInstance for offers,
//! EducationEvent per session, Report/Article/Book for publications, Article with a Place
//! for practice examples, Organization, Person (public persons only), and a
//! BreadcrumbList. Serialised deterministically and escaped for a `<script>` element.

use super::views::PageView;
use super::Ctx;
use crate::dates;
use crate::model::{self, Author, DeliveryMode, Kind, Raw};
use std::borrow::Cow;

/// A JSON value of the structured data. It is built as serde_json's `Value` with an
/// order-preserving `Map` would be (a key set again keeps its place), and written as
/// `serde_json::to_string` writes that, byte for byte, but without a hash map per object
/// and with text borrowed from the site: every item page has one, and building it as a
/// `serde_json::Value` was 4% of a build's instructions.
#[derive(Debug, Clone, PartialEq)]
enum J<'a> {
    Null,
    Str(Cow<'a, str>),
    Num(f64),
    Int(usize),
    Arr(Vec<J<'a>>),
    Obj(Obj<'a>),
}

/// A JSON object: its keys in the order they were first set.
#[derive(Debug, Clone, PartialEq, Default)]
struct Obj<'a>(Vec<(&'static str, J<'a>)>);

impl<'a> Obj<'a> {
    /// An object with `@type` first.
    fn typed(t: &'static str) -> Self {
        Obj(vec![("@type", J::Str(t.into()))])
    }

    /// Sets `key`, in its place if it is already set.
    fn insert(&mut self, key: &'static str, v: impl Into<J<'a>>) {
        let v = v.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = v,
            None => self.0.push((key, v)),
        }
    }

    /// `insert`, for building an object in one expression.
    fn with(mut self, key: &'static str, v: impl Into<J<'a>>) -> Self {
        self.insert(key, v);
        self
    }
}

impl<'a> From<&'a str> for J<'a> {
    fn from(s: &'a str) -> Self {
        J::Str(Cow::Borrowed(s))
    }
}

impl From<String> for J<'_> {
    fn from(s: String) -> Self {
        J::Str(Cow::Owned(s))
    }
}

impl<'a> From<&'a String> for J<'a> {
    fn from(s: &'a String) -> Self {
        J::Str(Cow::Borrowed(s))
    }
}

impl<'a, T: Into<J<'a>>> From<Option<T>> for J<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(J::Null, Into::into)
    }
}

impl From<f64> for J<'_> {
    fn from(n: f64) -> Self {
        J::Num(n)
    }
}

impl From<usize> for J<'_> {
    fn from(n: usize) -> Self {
        J::Int(n)
    }
}

impl<'a> From<Vec<J<'a>>> for J<'a> {
    fn from(v: Vec<J<'a>>) -> Self {
        J::Arr(v)
    }
}

impl<'a> From<Obj<'a>> for J<'a> {
    fn from(o: Obj<'a>) -> Self {
        J::Obj(o)
    }
}

impl J<'_> {
    /// Compact JSON, as `serde_json::to_string` writes the same value: its strings are
    /// escaped and its numbers formatted by serde_json itself.
    fn write(&self, out: &mut Vec<u8>) {
        // Writing into a `Vec` cannot fail, and strings and numbers always serialise.
        match self {
            J::Null => out.extend_from_slice(b"null"),
            J::Str(s) => drop(serde_json::to_writer(&mut *out, s.as_ref())),
            J::Num(n) => drop(serde_json::to_writer(&mut *out, n)),
            J::Int(n) => drop(serde_json::to_writer(&mut *out, n)),
            J::Arr(items) => {
                out.push(b'[');
                for (k, v) in items.iter().enumerate() {
                    if k > 0 {
                        out.push(b',');
                    }
                    v.write(out);
                }
                out.push(b']');
            }
            J::Obj(Obj(fields)) => {
                out.push(b'{');
                for (k, (key, v)) in fields.iter().enumerate() {
                    if k > 0 {
                        out.push(b',');
                    }
                    drop(serde_json::to_writer(&mut *out, key));
                    out.push(b':');
                    v.write(out);
                }
                out.push(b'}');
            }
        }
    }
}

/// The JSON-LD of item `i`, ready to place inside `<script type="application/ld+json">`.
pub fn item(ctx: &Ctx, i: usize, page: &PageView) -> String {
    let site = ctx.site;
    let doc = &site.docs[i];
    let c = doc.raw.common();
    let url = absolute(ctx, &ctx.from);
    let mut graph = vec![J::Obj(main_entity(ctx, i, &url))];
    if let Raw::LearningCircle(circle) = &doc.raw {
        graph.extend(
            circle
                .sessions
                .iter()
                .filter_map(|s| session_event(ctx, circle, s, format!("{url}#{}", site.session_anchor(i, s.number)))),
        );
    }
    let crumbs: Vec<J> = page
        .breadcrumbs
        .iter()
        .map(|l| (l.text.clone(), l.href.clone()))
        .chain(std::iter::once((c.title.to_string(), url.clone())))
        .enumerate()
        .map(|(n, (name, href))| {
            let item = resolve(ctx, &href);
            Obj::typed("ListItem").with("position", n + 1).with("name", name).with("item", item).into()
        })
        .collect();
    graph.push(Obj::typed("BreadcrumbList").with("itemListElement", crumbs).into());
    script_safe(&Obj::default().with("@context", "https://schema.org").with("@graph", graph).into())
}

/// `</script>` and HTML comments cannot appear in the output: `<`, `>` and `&` are
/// written as JSON unicode escapes, which JSON parsers read back unchanged.
fn script_safe(v: &J) -> String {
    let mut bytes = Vec::with_capacity(2048);
    v.write(&mut bytes);
    // serde_json writes UTF-8, and the rest is ASCII.
    let json = String::from_utf8(bytes).unwrap_or_default();
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

fn org<'a>(ctx: &Ctx<'a>, slug: &'a str) -> J<'a> {
    let site = ctx.site;
    match site.lookup(Kind::Organisation, slug) {
        Some(j) => {
            let mut m = Obj::typed("Organization").with("name", site.docs[j].raw.common().title);
            if let Raw::Organisation(o) = &site.docs[j].raw {
                m.insert("url", &o.website);
            }
            m.into()
        }
        None => Obj::typed("Organization").with("name", slug).into(),
    }
}

fn orgs<'a>(ctx: &Ctx<'a>, slugs: &'a [String]) -> J<'a> {
    J::Arr(slugs.iter().map(|s| org(ctx, s)).collect())
}

fn person<'a>(ctx: &Ctx<'a>, slug: &str) -> Option<J<'a>> {
    let j = ctx.site.lookup(Kind::Person, slug).filter(|&j| ctx.site.is_visible(j))?;
    Some(Obj::typed("Person").with("name", ctx.site.docs[j].raw.common().title).into())
}

fn date(s: &Option<String>) -> Option<String> {
    s.as_deref().and_then(|d| dates::parse_date(d).ok()).map(|m| m.date.to_string())
}

fn main_entity<'a>(ctx: &Ctx<'a>, i: usize, url: &str) -> Obj<'a> {
    let site = ctx.site;
    let doc = &site.docs[i];
    let c = doc.raw.common();
    let mut m = Obj::default();
    // Absent values and empty lists are left out.
    let mut put = |k: &'static str, v: J<'a>| {
        if !(v == J::Null || v == J::Arr(Vec::new())) {
            m.insert(k, v);
        }
    };
    put("name", c.title.into());
    put("description", c.summary.into());
    put("url", url.to_string().into());
    put("inLanguage", c.language.unwrap_or("nl").into());
    let about: Vec<J> = c
        .themes
        .unwrap_or_default()
        .iter()
        .filter_map(|t| site.lookup(Kind::Theme, t))
        .map(|t| Obj::typed("Thing").with("name", site.docs[t].raw.common().title).into())
        .collect();
    put("about", about.into());
    put("datePublished", doc.published.map(|p| p.date.to_string()).into());
    put("dateModified", doc.updated.map(|p| p.date.to_string()).into());
    put("keywords", Some(c.tags.join(", ")).filter(|s| !s.is_empty()).into());
    let kind: &str = match &doc.raw {
        Raw::Offer(o) => {
            put("provider", orgs(ctx, &o.providers));
            let mode = match o.delivery_mode {
                DeliveryMode::OpLocatie => "onsite",
                DeliveryMode::Online | DeliveryMode::Zelfstudie => "online",
                DeliveryMode::Hybride => "blended",
            };
            let mut inst = Obj::typed("CourseInstance").with("courseMode", mode);
            if let Some(d) = date(&o.start) {
                inst.insert("startDate", d);
            }
            if let Some(d) = date(&o.end) {
                inst.insert("endDate", d);
            }
            if let Some(l) = &o.location {
                inst.insert("location", place(l.venue.as_deref(), l.city.as_deref()));
            }
            put("hasCourseInstance", inst.into());
            if let Some(cost) = &o.cost {
                let price = if cost.free == Some(true) { Some(0.0) } else { cost.amount };
                if let Some(p) = price {
                    let offer = Obj::typed("Offer")
                        .with("price", p)
                        .with("priceCurrency", "EUR")
                        .with("category", if p == 0.0 { "Free" } else { "Paid" });
                    put("offers", offer.into());
                }
            }
            put("teaches", J::Arr(o.learning_goals.iter().map(J::from).collect()));
            "Course"
        }
        Raw::Publication(p) => {
            let authors: Vec<J> = p
                .authors
                .iter()
                .filter_map(|a| match a {
                    Author::Person(s) => person(ctx, s),
                    Author::Named(n) => Some(Obj::typed("Person").with("name", &n.name).into()),
                })
                .collect();
            put("author", authors.into());
            put("publisher", orgs(ctx, &p.publishers));
            put("funder", orgs(ctx, &p.funded_by));
            if let Some(d) = p.publication_date.as_deref().and_then(|d| dates::parse_partial(d).ok()) {
                put("datePublished", d.iso().into());
            }
            put("isbn", p.isbn.as_ref().into());
            put("headline", c.title.into());
            if p.isbn.is_some() {
                "Book"
            } else if matches!(p.publication_type.as_str(), "artikel" | "blog" | "interview") {
                "Article"
            } else {
                "Report"
            }
        }
        Raw::PracticeExample(p) => {
            put("headline", c.title.into());
            put("contentLocation", place(p.neighbourhoods.first().map(String::as_str), Some(&p.municipality)));
            "Article"
        }
        Raw::Organisation(o) => {
            put("alternateName", o.short_name.as_ref().into());
            put("url", (&o.website).into());
            if let Some(city) = &o.city {
                put("address", address(city));
            }
            "Organization"
        }
        Raw::Person(p) => {
            put("jobTitle", p.job_title.as_ref().into());
            put("worksFor", orgs(ctx, &p.organisations));
            put("email", p.email.as_ref().into());
            put("telephone", p.phone.as_ref().into());
            "Person"
        }
        Raw::LearningCircle(circle) => {
            put("provider", orgs(ctx, &circle.organisers));
            "Course"
        }
        Raw::FocusArea(f) => {
            put("containedInPlace", Obj::typed("City").with("name", &f.municipality).into());
            "Place"
        }
        Raw::Theme(_) => "CollectionPage",
        _ => "WebPage",
    };
    m.insert("@type", kind);
    m
}

fn address(city: &str) -> J<'_> {
    Obj::typed("PostalAddress").with("addressLocality", city).with("addressCountry", "NL").into()
}

fn place<'a>(venue: Option<&'a str>, city: Option<&'a str>) -> J<'a> {
    let mut m = Obj::typed("Place").with("name", venue.or(city).unwrap_or("Nederland"));
    if let Some(c) = city {
        m.insert("address", address(c));
    }
    m.into()
}

/// A dated session as an EducationEvent; unplanned sessions have no event yet.
/// `url`: the session's own address on the circle's page.
fn session_event<'a>(
    ctx: &Ctx<'a>,
    circle: &'a model::LearningCircle,
    s: &'a model::Session,
    url: String,
) -> Option<J<'a>> {
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
    let mut m = Obj::typed("EducationEvent")
        .with("name", format!("{}: {}", circle.title, s.title))
        .with("startDate", at(&s.start_time).unwrap_or_else(|| d.to_string()));
    if let Some(e) = at(&s.end_time) {
        m.insert("endDate", e);
    }
    m.insert("eventStatus", status);
    m.insert("eventAttendanceMode", mode);
    if let Some(l) = &s.location {
        m.insert("location", place(l.venue.as_deref(), l.city.as_deref()));
    }
    m.insert("organizer", orgs(ctx, &circle.organisers));
    m.insert("url", url);
    Some(m.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn written(j: &J) -> String {
        let mut out = Vec::new();
        j.write(&mut out);
        String::from_utf8(out).unwrap()
    }

    /// `J` is written byte for byte as serde_json writes the same value, and a key set
    /// again keeps its first place, as in serde_json's order-preserving map.
    #[test]
    fn written_as_serde_json_writes_the_same_value() {
        let text = "a\"b\\c\n\t\u{1}\u{7f} é 😀 </script> &amp;";
        let mut o = Obj::typed("Course")
            .with("name", text)
            .with("url", "https://x.nl/a/")
            .with("free", 0.0)
            .with("price", 12.5)
            .with("big", 1e21)
            .with("nan", f64::NAN)
            .with("position", 3usize)
            .with("none", J::Null)
            .with("list", J::Arr(vec![J::from("x"), Obj::default().into(), J::Arr(vec![])]));
        o.insert("url", "https://y.nl/");
        let j = J::Obj(o);
        let v = json!({
            "@type": "Course",
            "name": text,
            "url": "https://y.nl/",
            "free": 0.0,
            "price": 12.5,
            "big": 1e21,
            "nan": f64::NAN,
            "position": 3,
            "none": null,
            "list": ["x", {}, []],
        });
        assert_eq!(written(&j), serde_json::to_string(&v).unwrap());
        // Escaped for a script element, and still the same JSON.
        let safe = script_safe(&j);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }
}
