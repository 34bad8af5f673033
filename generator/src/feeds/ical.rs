//! iCalendar (RFC 5545) files of learning-circle sessions: `leerkringen/bijeenkomsten.ics`
//! with every session and `leerkringen/<slug>/bijeenkomsten.ics` per circle. Times are in
//! Europe/Amsterdam (with its VTIMEZONE), UIDs are stable (`<circle>-<number>@<host>`),
//! cancelled sessions are STATUS:CANCELLED, moved ones TENTATIVE. Unplanned sessions have
//! no date and no event yet.

use crate::dates;
use crate::model::{self, Kind, Raw};
use crate::output::OutputFile;
use crate::site::{url_of, Site};
use rayon::prelude::*;

const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
fn text(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n").replace('\r', "")
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn line(out: &mut String, l: &str) {
    let mut width = 0;
    for c in l.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The UID host: the site's domain, or its title as a slug.
fn host(site: &Site) -> String {
    site.config
        .base_url
        .as_deref()
        .and_then(|b| b.split("://").nth(1))
        .map(|h| h.split('/').next().unwrap_or(h).to_string())
        .unwrap_or_else(|| crate::slug::slugify(&site.config.title))
}

pub fn calendars(site: &Site) -> Vec<OutputFile> {
    let circles: Vec<usize> = site.visible_of(Kind::LearningCircle).collect();
    if circles.is_empty() {
        return Vec::new();
    }
    let (all, mut out): (OutputFile, Vec<OutputFile>) = rayon::join(
        || OutputFile {
            path: "leerkringen/bijeenkomsten.ics".into(),
            bytes: calendar(site, &format!("{}: leerkringen", site.config.title), &circles).into_bytes(),
        },
        || {
            circles
                .par_iter()
                .map(|&c| OutputFile {
                    path: format!("{}bijeenkomsten.ics", url_of(&site.docs[c])),
                    bytes: calendar(site, site.docs[c].raw.common().title, &[c]).into_bytes(),
                })
                .collect()
        },
    );
    out.insert(0, all);
    out
}

fn calendar(site: &Site, name: &str, circles: &[usize]) -> String {
    let mut s = String::new();
    for l in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//leernet//leerkringen//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    {
        line(&mut s, l);
    }
    line(&mut s, &format!("X-WR-CALNAME:{}", text(name)));
    line(&mut s, "X-WR-TIMEZONE:Europe/Amsterdam");
    s.push_str(VTIMEZONE);
    let host = host(site);
    // DTSTAMP is required; the build's "now" keeps the file deterministic.
    let stamp = format!("{}T000000Z", site.options.now.strftime("%Y%m%d"));
    for &c in circles {
        let doc = &site.docs[c];
        let Raw::LearningCircle(circle) = &doc.raw else { continue };
        for session in &circle.sessions {
            event(&mut s, site, (c, doc), circle, session, &host, &stamp);
        }
    }
    line(&mut s, "END:VCALENDAR");
    s
}

fn event(
    s: &mut String,
    site: &Site,
    (c, doc): (usize, &crate::document::Document),
    circle: &model::LearningCircle,
    session: &model::Session,
    host: &str,
    stamp: &str,
) {
    let Some(date) = session.date.as_deref().and_then(|d| dates::parse_date(d).ok()).map(|m| m.date) else { return };
    let time = |t: &Option<String>| t.as_deref().and_then(|t| dates::parse_time(t).ok());
    line(s, "BEGIN:VEVENT");
    line(s, &format!("UID:{}-{}@{}", doc.slug, session.number, host));
    line(s, &format!("DTSTAMP:{stamp}"));
    match (time(&session.start_time), time(&session.end_time)) {
        (Some(start), end) => {
            let fmt = |t: jiff::civil::Time| format!("{}T{}", date.strftime("%Y%m%d"), t.strftime("%H%M%S"));
            line(s, &format!("DTSTART;TZID=Europe/Amsterdam:{}", fmt(start)));
            let end = end.unwrap_or_else(|| start.saturating_add(jiff::Span::new().hours(2)));
            line(s, &format!("DTEND;TZID=Europe/Amsterdam:{}", fmt(end)));
        }
        (None, _) => {
            line(s, &format!("DTSTART;VALUE=DATE:{}", date.strftime("%Y%m%d")));
            let next = date.tomorrow().unwrap_or(date);
            line(s, &format!("DTEND;VALUE=DATE:{}", next.strftime("%Y%m%d")));
        }
    }
    line(
        s,
        &format!("SUMMARY:{}", text(&format!("{}: bijeenkomst {}, {}", circle.title, session.number, session.title))),
    );
    if let Some(l) = &session.location {
        let place: Vec<&str> = [l.venue.as_deref(), l.city.as_deref()].into_iter().flatten().collect();
        if !place.is_empty() {
            line(s, &format!("LOCATION:{}", text(&place.join(", "))));
        }
    }
    let status = match session.status {
        Some(model::SessionStatus::Geannuleerd) => "CANCELLED",
        Some(model::SessionStatus::Verplaatst) => "TENTATIVE",
        _ => "CONFIRMED",
    };
    line(s, &format!("STATUS:{status}"));
    if let Some(summary) = &circle.summary {
        line(s, &format!("DESCRIPTION:{}", text(summary)));
    }
    if let Some(base) = &site.config.base_url {
        line(s, &format!("URL:{base}{}#{}", url_of(doc), site.session_anchor(c, session.number)));
    }
    line(s, "END:VEVENT");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_and_text_is_escaped() {
        let mut s = String::new();
        line(&mut s, &format!("SUMMARY:{}", "é".repeat(60)));
        for l in s.split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
