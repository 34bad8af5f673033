//! The learning-circle calendar: every session of every published circle, grouped by
//! month; past months are collapsed in the template, unplanned sessions listed apart.

use super::details::date_view;
use super::views::{CalendarSession, CalendarView, Link, MonthGroup};
use super::Ctx;
use crate::dates;
use crate::model::{self, Kind, Raw};
use crate::site::session_status_code;
use jiff::civil::Date;

/// Sessions with their date, for sorting; unplanned ones have none.
pub fn all_sessions(ctx: &Ctx) -> Vec<(Option<Date>, CalendarSession)> {
    let site = ctx.site;
    let mut out = Vec::new();
    for i in site.visible_of(Kind::LearningCircle) {
        let Raw::LearningCircle(c) = &site.docs[i].raw else { continue };
        for s in &c.sessions {
            let date = s.date.as_deref().and_then(|d| dates::parse_date(d).ok()).map(|m| m.date);
            out.push((date, session(ctx, i, c, s)));
        }
    }
    out.sort_by(|a, b| (a.0, &a.1.circle.text, a.1.number).cmp(&(b.0, &b.1.circle.text, b.1.number)));
    out
}

fn session(ctx: &Ctx, circle_idx: usize, circle: &model::LearningCircle, s: &model::Session) -> CalendarSession {
    let status = session_status_code(s, ctx.site.options.now);
    let time = s.start_time.as_deref().and_then(|t| dates::parse_time(t).ok()).map(|t| {
        match s.end_time.as_deref().and_then(|e| dates::parse_time(e).ok()) {
            Some(e) => format!("{} tot {}", dates::dutch_time(t).trim_end_matches(" uur"), dates::dutch_time(e)),
            None => dates::dutch_time(t),
        }
    });
    let place = s
        .location
        .as_ref()
        .map(|l| [l.venue.as_deref(), l.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", "))
        .filter(|p| !p.is_empty());
    CalendarSession {
        date: s.date.as_deref().and_then(date_view),
        time,
        title: s.title.clone(),
        number: s.number,
        circle: Link { text: circle.title.clone(), href: ctx.href_to(circle_idx), current: false },
        status: status.to_string(),
        status_label: model::label_of_code(status),
        place,
    }
}

pub fn calendar(ctx: &Ctx) -> CalendarView {
    let now = ctx.site.options.now;
    let mut view = CalendarView { upcoming: Vec::new(), past: Vec::new(), unplanned: Vec::new() };
    for (date, s) in all_sessions(ctx) {
        let Some(d) = date else {
            view.unplanned.push(s);
            continue;
        };
        let groups = if d < now { &mut view.past } else { &mut view.upcoming };
        let id = format!("maand-{}-{:02}", d.year(), d.month());
        match groups.last_mut() {
            Some(g) if g.id == id => g.sessions.push(s),
            _ => groups.push(MonthGroup { id, month: dates::dutch_month(d), sessions: vec![s] }),
        }
    }
    // Most recent past month first: readers look back from today.
    view.past.reverse();
    view
}

/// The next `n` sessions from the build's date on.
pub fn upcoming(ctx: &Ctx, n: usize) -> Vec<CalendarSession> {
    let now = ctx.site.options.now;
    all_sessions(ctx)
        .into_iter()
        .filter(|(d, s)| d.is_some_and(|d| d >= now) && s.status != "geannuleerd")
        .take(n)
        .map(|(_, s)| s)
        .collect()
}
