//! One content file to one `Document`: front matter split, YAML located and typed, and
//! every rule that can be checked inside a single file (required fields, lengths, dates,
//! vocabularies, slugs, URLs, per-type rules). Rules across files live in `site`.

use crate::dates::{self, Moment};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::frontmatter;
use crate::load::SourceFile;
use crate::model::{self, DateRule, Kind, Raw, Vocab};
use crate::yaml::{self, Locations};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A content item that passed its own checks.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    pub slug: String,
    pub file: SourceFile,
    pub raw: Raw,
    /// Where each front-matter value sits, made from the text the first time a diagnostic
    /// needs it (most files never do). Empty once the text is gone (`Document::forget_text`).
    locs: OnceLock<Locations>,
    /// Byte range of the YAML in `file.text`, and the file line it starts on.
    yaml: (std::ops::Range<usize>, u32),
    /// Byte offset of the body in `file.text`, and its first line.
    pub body_offset: usize,
    pub body_line: u32,
    pub published: Option<Moment>,
    pub updated: Option<Moment>,
}

impl Document {
    /// The Markdown body. Checking a site takes the text out of its documents once their
    /// bodies are rendered (`site::links::render_bodies`); after that it is empty.
    pub fn body(&self) -> &str {
        self.file.text.get(self.body_offset..).unwrap_or_default()
    }

    /// A diagnostic at the value of `field` in this file.
    pub fn diag(&self, error: bool, field: &str, message: impl Into<String>) -> Diagnostic {
        diag_at(&self.file, self.locs(), error, field, message)
    }

    /// Where each front-matter value sits. Located on first use: the file passed its typed
    /// reading, so its YAML is known to read; empty once the text is gone.
    pub fn locs(&self) -> &Locations {
        self.locs.get_or_init(|| {
            let (range, line) = &self.yaml;
            self.file.text.get(range.clone()).and_then(|y| yaml::locate(y, *line).ok()).unwrap_or_default()
        })
    }

    /// Forgets where values sit (every diagnostic pointing into the front matter is made).
    pub fn forget_locations(&mut self) {
        self.locs = OnceLock::from(Locations::default());
    }
}

fn diag_at(file: &SourceFile, locs: &Locations, error: bool, field: &str, message: impl Into<String>) -> Diagnostic {
    let (line, col) = locs.of(field);
    let d = if error { Diagnostic::error(&file.display, message) } else { Diagnostic::warning(&file.display, message) };
    d.at(&file.text, line, col).field(field)
}

/// The allowed top-level fields of each type, read from its JSON Schema.
pub struct FieldNames(BTreeMap<Kind, Vec<String>>);

impl FieldNames {
    pub fn new() -> Self {
        let mut m = BTreeMap::new();
        for k in Kind::ALL {
            let schema = crate::schema::schema_of(k);
            let names = schema
                .get("properties")
                .and_then(|p| p.as_object())
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            m.insert(k, names);
        }
        FieldNames(m)
    }
}

impl Default for FieldNames {
    fn default() -> Self {
        Self::new()
    }
}

/// Everything a single file is checked against.
pub struct FileContext<'a> {
    pub vocab: &'a Vocab,
    pub fields: &'a FieldNames,
    pub now: Date,
    /// Last-commit date by content-relative path: `updated` falls back to it.
    pub commit_dates: &'a std::collections::HashMap<String, Date>,
}

/// Reads and checks one file. Returns the document when it could be read at all, and
/// the diagnostics of the file (errors and warnings) in any case.
pub fn read(file: &SourceFile, ctx: &FileContext) -> (Option<Document>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let Some(kind) = Kind::from_folder(&file.folder) else {
        return (None, out);
    };
    let parts = match frontmatter::split(&file.text) {
        Ok(p) => p,
        Err(e) => {
            out.push(Diagnostic::error(&file.display, e.message).at(&file.text, e.line, 1).help(e.help));
            return (None, out);
        }
    };
    let yaml_err = |e: yaml::YamlError| {
        let help = quoting_help(&file.text, e.line).or(e.help.clone());
        let help = if e.message.contains("second `: `") { help } else { e.help };
        Diagnostic::error(&file.display, e.message).at(&file.text, e.line, e.col).field(e.field).help_opt(help)
    };
    // Most files read as their type at once; only a file that does not (or that holds a
    // `!`, which may start a tag the typed reading would resolve silently) is located
    // first, which names every unknown field, duplicate key and tag.
    let fast = if parts.yaml.contains('!') { None } else { typed(kind, parts.yaml, parts.yaml_line, None).ok() };
    let (raw, locs) = match fast {
        Some(raw) => (raw, OnceLock::new()),
        None => match located(file, kind, &parts, ctx) {
            Ok(read) => read,
            Err(errs) => {
                out.extend(errs.into_iter().map(|e| match e {
                    Located::Yaml(e) => yaml_err(e),
                    Located::Diagnostic(d) => d,
                }));
                return (None, out);
            }
        },
    };
    let body_offset = file.text.len() - parts.body.len();
    // `parts.yaml` is a slice of `file.text`.
    let yaml_start = parts.yaml.as_ptr() as usize - file.text.as_ptr() as usize;
    let mut doc = Document {
        kind,
        slug: file.stem.clone(),
        file: file.clone(),
        raw,
        locs,
        yaml: (yaml_start..yaml_start + parts.yaml.len(), parts.yaml_line),
        body_offset,
        body_line: parts.body_line,
        published: None,
        updated: None,
    };
    check(&mut doc, ctx, &mut out);
    // `updated` falls back to the file's last commit, when that is after `published`.
    if doc.updated.is_none() {
        if let Some(&date) = ctx.commit_dates.get(&file.rel) {
            if doc.published.is_none_or(|p| date > p.date) {
                doc.updated = Some(crate::dates::Moment { date, time: None });
            }
        }
    }
    (Some(doc), out)
}

/// What stops a file in its located reading: a YAML problem, or an unknown field.
enum Located {
    Yaml(yaml::YamlError),
    Diagnostic(Diagnostic),
}

/// The careful reading: the located tree (syntax, duplicate keys, tags, budgets), every
/// unknown top-level field at once, then the typed struct with its error located.
fn located(
    file: &SourceFile,
    kind: Kind,
    parts: &frontmatter::Parts,
    ctx: &FileContext,
) -> Result<(Raw, OnceLock<Locations>), Vec<Located>> {
    let locs = yaml::locate(parts.yaml, parts.yaml_line)
        .map_err(|errs| errs.into_iter().map(Located::Yaml).collect::<Vec<_>>())?;
    let allowed = &ctx.fields.0[&kind];
    let mut unknown = Vec::new();
    for (key, line, col) in &locs.top_keys {
        if !allowed.iter().any(|a| a == key) {
            let help = did_you_mean(key, allowed.iter().map(String::as_str))
                .unwrap_or_else(|| format!("allowed fields for {}: {}", kind.name(), allowed.join(", ")));
            unknown.push(Located::Diagnostic(
                Diagnostic::error(&file.display, format!("unknown field \"{key}\""))
                    .at(&file.text, *line, *col)
                    .field(key.clone())
                    .help(help),
            ));
        }
    }
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let raw = typed(kind, parts.yaml, parts.yaml_line, Some(&locs)).map_err(|e| vec![Located::Yaml(e)])?;
    Ok((raw, OnceLock::from(locs)))
}

/// For `summary: Aanpak: zo` the exact line to write instead: `summary: "Aanpak: zo"`.
fn quoting_help(text: &str, line: u32) -> Option<String> {
    let src = text.split('\n').nth(line.checked_sub(1)? as usize)?;
    let (key, value) = src.split_once(": ")?;
    let value = value.trim();
    if value.starts_with('"') {
        return None;
    }
    let quoted = serde_json::to_string(value).ok()?;
    Some(format!("put the text in quotes: {key}: {quoted}"))
}

fn typed(kind: Kind, text: &str, line: u32, locs: Option<&Locations>) -> Result<Raw, yaml::YamlError> {
    Ok(match kind {
        Kind::Theme => Raw::Theme(yaml::typed(text, line, locs)?),
        Kind::Offer => Raw::Offer(yaml::typed(text, line, locs)?),
        Kind::Publication => Raw::Publication(yaml::typed(text, line, locs)?),
        Kind::PracticeExample => Raw::PracticeExample(yaml::typed(text, line, locs)?),
        Kind::LearningQuestion => Raw::LearningQuestion(yaml::typed(text, line, locs)?),
        Kind::Gap => Raw::Gap(yaml::typed(text, line, locs)?),
        Kind::LearningCircle => Raw::LearningCircle(yaml::typed(text, line, locs)?),
        Kind::Intervention => Raw::Intervention(yaml::typed(text, line, locs)?),
        Kind::Organisation => Raw::Organisation(yaml::typed(text, line, locs)?),
        Kind::Person => Raw::Person(yaml::typed(text, line, locs)?),
        Kind::FocusArea => Raw::FocusArea(yaml::typed(text, line, locs)?),
        Kind::Page => Raw::Page(yaml::typed(text, line, locs)?),
    })
}

fn check(doc: &mut Document, ctx: &FileContext, out: &mut Vec<Diagnostic>) {
    let kind = doc.kind;
    let slug_ok = crate::slug::is_valid(&doc.slug);
    if !slug_ok {
        let proposed = crate::slug::proposed_file_slug(&doc.slug);
        out.push(
            Diagnostic::error(&doc.file.display, format!("file name \"{}.md\" breaks the slug rule", doc.file.stem))
                .help(format!(
                    "rename it to \"{proposed}.md\": lowercase letters a-z, digits and single hyphens{}",
                    if crate::slug::is_reserved(&doc.slug.to_lowercase()) {
                        "; this name is reserved on Windows"
                    } else {
                        ""
                    }
                )),
        );
    }
    let c = doc.raw.common();
    let title_len = c.title.chars().count();
    if c.title.trim().is_empty() || title_len > 200 {
        out.push(doc.diag(true, "title", format!("title must be 1-200 characters, found {title_len}")));
    }
    match c.summary {
        None if kind.summary_required() => {
            out.push(missing(doc, "summary", "one or two sentences for cards and search results"))
        }
        Some(s) => {
            let n = s.chars().count();
            if n > 300 {
                out.push(doc.diag(true, "summary", format!("summary is {n} characters; at most 300")));
            } else if n > 160 {
                out.push(doc.diag(
                    false,
                    "summary",
                    format!("summary is {n} characters; the meta description shows 160"),
                ));
            } else if s.trim().is_empty() && kind.summary_required() {
                out.push(missing(doc, "summary", "one or two sentences"));
            }
        }
        None => {}
    }
    if kind.themes_required() && c.themes.is_none_or(|t| t.is_empty()) {
        out.push(missing(doc, "themes", "at least one theme slug, e.g. [armoede-en-schulden]"));
    }
    if kind.published_required() && c.published.is_none() {
        out.push(missing(doc, "published", "the publication date, e.g. 2024-04-23"));
    }
    if c.image.is_some() && c.image_alt.is_none_or(|a| a.trim().is_empty()) {
        out.push(
            doc.diag(true, "image", "image without image_alt")
                .help("add image_alt: a short description of what the image shows"),
        );
    }
    if let Some(lang) = c.language {
        if !is_bcp47(lang) {
            out.push(
                doc.diag(true, "language", format!("\"{lang}\" is not a BCP 47 language tag"))
                    .help("write e.g. nl, en, fy or nl-BE"),
            );
        }
    }
    if kind.body_required() && doc.body().trim().is_empty() {
        let what = if kind == Kind::Theme { "an introduction" } else { "text" };
        out.push(
            Diagnostic::error(&doc.file.display, format!("the body is empty; a {} needs {what}", kind.name())).at(
                &doc.file.text,
                doc.body_line.saturating_sub(1),
                1,
            ),
        );
    }
    check_values(doc, ctx, out);
    check_specific(doc, ctx, out);
}

fn missing(doc: &Document, field: &str, hint: &str) -> Diagnostic {
    if let Some((line, col)) = doc.locs().key_of(field) {
        // Written but empty: point at it.
        return Diagnostic::error(&doc.file.display, format!("\"{field}\" is required and may not be empty"))
            .at(&doc.file.text, line, col)
            .field(field)
            .help(format!("write {hint}"));
    }
    Diagnostic::error(&doc.file.display, format!("missing required field \"{field}\""))
        .at(&doc.file.text, doc.locs().top_keys.first().map(|k| k.1).unwrap_or(1), 1)
        .field(field)
        .help(format!("add `{field}:` with {hint}"))
}

/// Dates, vocabulary codes and URLs, via the type's field walk.
fn check_values(doc: &mut Document, ctx: &FileContext, out: &mut Vec<Diagnostic>) {
    let fields = doc.raw.fields();
    let mut published = None;
    let mut updated = None;
    for (path, value, rule) in &fields.dates {
        let result = match rule {
            DateRule::Date => dates::parse_date(value).map(Some),
            DateRule::Partial => dates::parse_partial(value).map(|_| None),
            DateRule::Time => dates::parse_time(value).map(|_| None),
        };
        match result {
            Ok(m) if path == "published" => published = m,
            Ok(m) if path == "updated" => updated = m,
            Ok(_) => {}
            Err(msg) => out.push(doc.diag(true, path, msg)),
        }
    }
    for (path, vocab_name, code) in &fields.vocab {
        let Some(codes) = ctx.vocab.get(vocab_name) else {
            continue;
        };
        if !codes.contains_key(*code) {
            out.push(
                doc.diag(true, path, format!("unknown {vocab_name} \"{code}\""))
                    .help_opt(did_you_mean(code, codes.keys().map(String::as_str)))
                    .help_or(format!(
                        "codes in vocab.yaml {vocab_name}: {}",
                        codes.keys().cloned().collect::<Vec<_>>().join(", ")
                    )),
            );
        }
    }
    for (path, url) in &fields.urls {
        if !is_allowed_url(url) {
            out.push(
                doc.diag(true, path, format!("\"{url}\" is not a web address"))
                    .help("write a full address starting with https://"),
            );
        }
    }
    for (path, url) in &fields.downloads {
        // `media/...` files are checked to exist in `site`, where the media list is known.
        if !url.starts_with("media/") && !is_allowed_url(url) {
            out.push(
                doc.diag(true, path, format!("\"{url}\" is neither a web address nor a file under media/"))
                    .help("write a full address starting with https://, or media/<file> for a file in content/media/"),
            );
        }
    }
    if let (Some(p), Some(u)) = (published, updated) {
        if u.date < p.date {
            out.push(doc.diag(false, "updated", format!("updated ({}) is before published ({})", u.date, p.date)));
        }
    }
    doc.published = published;
    doc.updated = updated;
}

/// Rules of one type that need more than the field walk.
fn check_specific(doc: &Document, ctx: &FileContext, out: &mut Vec<Diagnostic>) {
    match &doc.raw {
        Raw::LearningQuestion(q) => {
            if !q.title.trim_end().ends_with('?') {
                out.push(
                    doc.diag(true, "title", "a learning question's title is a question")
                        .help("end the title with \"?\""),
                );
            }
            if q.status == model::QuestionStatus::Lacune && q.gap.is_none() {
                out.push(
                    doc.diag(true, "status", "status lacune needs the gap it belongs to")
                        .help("add `gap:` with the slug of the lacune"),
                );
            }
            if q.asked_by.is_empty() {
                out.push(doc.diag(true, "asked_by", "asked_by needs at least one audience"));
            }
        }
        Raw::LearningCircle(c) => {
            let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
            for (i, s) in c.sessions.iter().enumerate() {
                let path = format!("sessions[{i}]");
                if let Some(first) = seen.insert(s.number, i) {
                    out.push(doc.diag(
                        true,
                        &format!("{path}.number"),
                        format!("session number {} is used twice (also sessions[{first}])", s.number),
                    ));
                }
                if s.number == 0 || s.number as usize > c.sessions.len() {
                    out.push(doc.diag(
                        true,
                        &format!("{path}.number"),
                        format!("session numbers run from 1 to {}, found {}", c.sessions.len(), s.number),
                    ));
                }
                let status = s.status;
                match (&s.date, status) {
                    (None, Some(model::SessionStatus::TePlannen)) => {}
                    (None, _) => out.push(
                        doc.diag(true, &path, "a session without a date must have status te-plannen")
                            .help("add `date:` or `status: te-plannen`"),
                    ),
                    (Some(d), Some(model::SessionStatus::Gepland) | None) => {
                        if let Ok(m) = dates::parse_date(d) {
                            if m.date < ctx.now && status.is_some() {
                                out.push(doc.diag(false, &format!("{path}.status"), format!("session {} on {} is past but still marked gepland", s.number, m.date)).help("remove the status (it is computed as afgelopen) or set verplaatst or geannuleerd"));
                            }
                        }
                    }
                    _ => {}
                }
            }
            if let Some(planned) = c.sessions_planned {
                if planned as usize != c.sessions.len() {
                    out.push(doc.diag(
                        false,
                        "sessions_planned",
                        format!("{planned} sessions planned, {} in the list", c.sessions.len()),
                    ));
                }
            }
            if c.organisers.is_empty() {
                out.push(doc.diag(true, "organisers", "organisers needs at least one organisation"));
            }
        }
        Raw::Intervention(iv) => {
            if let Some(Ok(m)) = iv.recognition_date.as_deref().map(dates::parse_date) {
                let years = match iv.recognition_level {
                    model::RecognitionLevel::NietBeoordeeld => None,
                    model::RecognitionLevel::GoedBeschreven => Some(3),
                    _ => Some(5),
                };
                if let Some(y) = years {
                    let until = m.date.saturating_add(jiff::Span::new().years(y));
                    if until < ctx.now {
                        out.push(doc.diag(
                            false,
                            "recognition_date",
                            format!("the recognition expired on {until} ({y} years after {})", m.date),
                        ));
                    }
                }
            }
            if iv.owners.is_empty() {
                out.push(doc.diag(true, "owners", "owners needs at least one organisation"));
            }
        }
        Raw::Person(p) => {
            if let Some(phone) = &p.phone {
                if !is_e164_nl(phone) {
                    out.push(
                        doc.diag(true, "phone", format!("\"{phone}\" is not stored as E.164"))
                            .help("write it as +31 followed by the number without the leading 0, e.g. +31201234567"),
                    );
                }
            }
            if let Some(email) = &p.email {
                if !is_email(email) {
                    out.push(doc.diag(true, "email", format!("\"{email}\" is not an e-mail address")));
                }
            }
            if p.organisations.is_empty() {
                out.push(doc.diag(true, "organisations", "organisations needs at least one organisation"));
            }
        }
        Raw::Publication(p) => {
            if let Some(c) = &p.country {
                if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                    out.push(
                        doc.diag(true, "country", format!("\"{c}\" is not an ISO 3166-1 alpha-2 code"))
                            .help("write two capital letters, e.g. NL or BE"),
                    );
                }
            }
            if p.publishers.is_empty() {
                out.push(doc.diag(true, "publishers", "publishers needs at least one organisation"));
            }
        }
        Raw::Offer(o) => {
            if o.providers.is_empty() {
                out.push(doc.diag(true, "providers", "providers needs at least one organisation"));
            }
            if let (Some(model::OfferStatus::Gepland), Some(Ok(e))) =
                (o.status, o.end.as_deref().map(dates::parse_date))
            {
                if e.date < ctx.now {
                    out.push(
                        doc.diag(false, "status", format!("the offer ended on {} but is still marked gepland", e.date))
                            .help("remove the status (it is computed as afgelopen) or set geannuleerd"),
                    );
                }
            }
            if let (Some(Ok(s)), Some(Ok(e))) =
                (o.start.as_deref().map(dates::parse_date), o.end.as_deref().map(dates::parse_date))
            {
                if e.date < s.date {
                    out.push(doc.diag(true, "end", format!("end ({}) is before start ({})", e.date, s.date)));
                }
            }
        }
        Raw::PracticeExample(p) if p.organisations.is_empty() => {
            out.push(doc.diag(true, "organisations", "organisations needs at least one organisation with a role"));
        }
        Raw::Gap(g) if g.reason.is_empty() => {
            out.push(doc.diag(
                true,
                "reason",
                "reason needs at least one of beperkt-aanbod, alleen-sectoraal, organisatie-van-leren",
            ));
        }
        _ => {}
    }
}

fn is_bcp47(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_allowed_url(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > 8
        && !s.contains(char::is_whitespace)
        || lower.starts_with("mailto:") && is_email(&s[7..])
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
}

fn is_e164_nl(s: &str) -> bool {
    s.strip_prefix('+').is_some_and(|d| (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_validators() {
        assert!(is_bcp47("nl") && is_bcp47("nl-BE") && is_bcp47("en") && !is_bcp47("Nederlands"));
        assert!(
            is_allowed_url("https://www.movisie.nl/")
                && !is_allowed_url("javascript:alert(1)")
                && !is_allowed_url("www.x.nl")
        );
        assert!(is_e164_nl("+31201234567") && !is_e164_nl("020-1234567"));
        assert!(is_email("a@b.nl") && !is_email("a@b"));
    }
}
