//! Dates in the content model, through jiff: ISO dates, partial dates, clock times, the
//! build's explicit "now" (Europe/Amsterdam), and Dutch formatting ("23 april 2024").

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

pub const ZONE: &str = "Europe/Amsterdam";

fn amsterdam() -> TimeZone {
    // The bundled tz database always has Amsterdam; UTC is a safe fallback if not.
    TimeZone::get(ZONE).unwrap_or(TimeZone::UTC)
}

/// A date, with a clock time when one was written, in Amsterdam time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    pub date: Date,
    pub time: Option<Time>,
}

/// `2024-04-23`, `2024-04-23T14:30[:00]` (Amsterdam) or with an offset (`Z`, `+02:00`).
pub fn parse_date(s: &str) -> Result<Moment, String> {
    let s = s.trim();
    let fail = || format!("invalid date \"{s}\": write it as YYYY-MM-DD, e.g. 2024-04-23");
    if s.len() == 10 {
        let date: Date = s.parse().map_err(|_| fail())?;
        return Ok(Moment { date, time: None });
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return Ok(Moment { date: dt.date(), time: Some(dt.time()) });
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        let z = ts.to_zoned(amsterdam());
        return Ok(Moment { date: z.date(), time: Some(z.time()) });
    }
    Err(fail())
}

/// A year, year-month or full date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl PartialDate {
    /// The first day the value can mean, for sorting and comparisons.
    pub fn first_day(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(Date::MIN)
    }

    /// ISO form as written: `2015`, `2015-12`, `2015-12-03`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// Dutch: `2015`, `december 2015`, `3 december 2015`.
    pub fn dutch(&self) -> String {
        match (self.month, self.day) {
            (Some(_), Some(_)) => dutch_date(self.first_day()),
            (Some(m), None) => format!("{} {}", MONTHS[(m - 1) as usize], self.year),
            _ => self.year.to_string(),
        }
    }
}

pub fn parse_partial(s: &str) -> Result<PartialDate, String> {
    let s = s.trim();
    let fail = || format!("invalid date \"{s}\": write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-12");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| -> Result<i32, String> {
        if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().map_err(|_| fail())
        } else {
            Err(fail())
        }
    };
    match parts.as_slice() {
        [y] => Ok(PartialDate { year: num(y, 4)? as i16, month: None, day: None }),
        [y, m] => {
            let (year, month) = (num(y, 4)? as i16, num(m, 2)?);
            if !(1..=12).contains(&month) {
                return Err(fail());
            }
            Ok(PartialDate { year, month: Some(month as i8), day: None })
        }
        [_, _, _] => {
            let d = parse_date(s)?.date;
            Ok(PartialDate { year: d.year(), month: Some(d.month()), day: Some(d.day()) })
        }
        _ => Err(fail()),
    }
}

/// A clock time written `HH:MM`.
pub fn parse_time(s: &str) -> Result<Time, String> {
    let fail = || format!("invalid time \"{s}\": write it as HH:MM, e.g. 14:30");
    let (h, m) = s.trim().split_once(':').ok_or_else(fail)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(fail());
    }
    let h: i8 = h.parse().map_err(|_| fail())?;
    let m: i8 = m.parse().map_err(|_| fail())?;
    Time::new(h, m, 0, 0).map_err(|_| fail())
}

/// The build's "now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock; as an Amsterdam date.
pub fn build_now(flag: Option<&str>, source_date_epoch: Option<&str>) -> Result<Date, String> {
    if let Some(s) = flag {
        return parse_date(s).map(|m| m.date).map_err(|e| format!("--now: {e}"));
    }
    if let Some(epoch) = source_date_epoch.filter(|s| !s.trim().is_empty()) {
        let secs: i64 =
            epoch.trim().parse().map_err(|_| format!("SOURCE_DATE_EPOCH must be whole seconds, found \"{epoch}\""))?;
        let ts = jiff::Timestamp::from_second(secs).map_err(|e| format!("SOURCE_DATE_EPOCH: {e}"))?;
        return Ok(ts.to_zoned(amsterdam()).date());
    }
    Ok(jiff::Timestamp::now().to_zoned(amsterdam()).date())
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `23 april 2024`.
pub fn dutch_date(d: Date) -> String {
    format!("{} {} {}", d.day(), MONTHS[(d.month() - 1) as usize], d.year())
}

/// `14.30 uur`.
pub fn dutch_time(t: Time) -> String {
    format!("{}.{:02} uur", t.hour(), t.minute())
}

/// `april 2024`, for calendar headings.
pub fn dutch_month(d: Date) -> String {
    format!("{} {}", MONTHS[(d.month() - 1) as usize], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_editors_write() {
        assert_eq!(dutch_date(parse_date("2024-04-23").unwrap().date), "23 april 2024");
        let m = parse_date("2024-06-01T14:30").unwrap();
        assert_eq!(dutch_time(m.time.unwrap()), "14.30 uur");
        // 23:30 UTC on 1 June is already 2 June in Amsterdam (summer time).
        assert_eq!(parse_date("2024-06-01T23:30:00Z").unwrap().date.to_string(), "2024-06-02");
        for bad in ["2024-02-30", "31-12-2024", "morgen", "2024-4-3"] {
            assert!(parse_date(bad).unwrap_err().contains("YYYY-MM-DD"), "{bad}");
        }
    }

    #[test]
    fn partial_dates() {
        assert_eq!(parse_partial("2015").unwrap().dutch(), "2015");
        assert_eq!(parse_partial("2015-12").unwrap().dutch(), "december 2015");
        assert_eq!(parse_partial("2015-12-03").unwrap().dutch(), "3 december 2015");
        assert!(parse_partial("2015-13").is_err());
        assert!(parse_partial("15").is_err());
    }

    #[test]
    fn now_is_explicit() {
        assert_eq!(build_now(Some("2024-01-02"), Some("0")).unwrap().to_string(), "2024-01-02");
        // 1700000000 = 2023-11-14T22:13:20Z = 23:13 in Amsterdam, same day.
        assert_eq!(build_now(None, Some("1700000000")).unwrap().to_string(), "2023-11-14");
        assert!(build_now(None, Some("gisteren")).is_err());
        assert!(parse_time("14:30").is_ok() && parse_time("25:00").is_err() && parse_time("9:30").is_err());
    }
}
