//! iCalendar (RFC 5545) for events: a community's public calendar and one file per event.
//! Times are written as wall-clock times with the event's TZID, and each zone used gets a
//! VTIMEZONE listing its real transitions over the span of the events, so calendar programs show
//! the planned local time on both sides of a daylight-saving change.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};
use comune_domain::events::Event;
use comune_domain::posts::Post;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets, never inside a UTF-8 character (§3.1).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

fn offset_at(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The zone's offset changes between `from` and `to`, each found to the second.
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut found = Vec::new();
    let mut t = from;
    while t < to {
        let next = t + Duration::days(1);
        if offset_at(tz, t) != offset_at(tz, next) {
            // Bisect on whole seconds: the first second with the new offset.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            let before = offset_at(tz, t);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let at = DateTime::from_timestamp(mid, 0).unwrap_or(t);
                if offset_at(tz, at) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            found.push(DateTime::from_timestamp(hi, 0).unwrap_or(next));
        }
        t = next;
    }
    found
}

fn vtimezone(out: &mut String, tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) {
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{}", tz.name()));
    let observance = |out: &mut String, at: DateTime<Utc>, before: i32, after: i32| {
        let kind = if after > before {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let local = (at.naive_utc() + Duration::seconds(i64::from(before))).format("%Y%m%dT%H%M%S");
        line(out, &format!("BEGIN:{kind}"));
        line(out, &format!("DTSTART:{local}"));
        line(out, &format!("TZOFFSETFROM:{}", offset_text(before)));
        line(out, &format!("TZOFFSETTO:{}", offset_text(after)));
        if let Some(name) = tz.offset_from_utc_datetime(&at.naive_utc()).abbreviation() {
            line(out, &format!("TZNAME:{}", text(name)));
        }
        line(out, &format!("END:{kind}"));
    };
    let initial = offset_at(tz, from);
    observance(out, from, initial, initial);
    for at in transitions(tz, from, to) {
        observance(
            out,
            at,
            offset_at(tz, at - Duration::seconds(1)),
            offset_at(tz, at),
        );
    }
    line(out, "END:VTIMEZONE");
}

fn zone_of(event: &Event) -> Tz {
    event.time_zone.parse().unwrap_or(chrono_tz::Europe::Rome)
}

fn local(event: &Event, at: NaiveDateTime) -> NaiveDateTime {
    zone_of(event).from_utc_datetime(&at).naive_local()
}

/// A calendar with these events. `base` is the instance's public origin, `domain` its host.
pub fn calendar(name: &str, base: &str, domain: &str, events: &[(Post, Event)]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Comune//Comune//IT");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));

    // One VTIMEZONE per zone used, covering its events with a year's margin either side.
    let mut spans: BTreeMap<String, (DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
    for (_, e) in events.iter().filter(|(_, e)| !e.all_day) {
        let (s, t) = (e.starts_at.and_utc(), e.ends_at.and_utc());
        let span = spans.entry(e.time_zone.clone()).or_insert((s, t));
        span.0 = span.0.min(s);
        span.1 = span.1.max(t);
    }
    for (zone, (from, to)) in &spans {
        if let Ok(tz) = zone.parse::<Tz>() {
            vtimezone(
                &mut out,
                tz,
                *from - Duration::days(366),
                *to + Duration::days(366),
            );
        }
    }

    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    for (post, e) in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@{}", post.id, domain));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        if e.all_day {
            let start = local(e, e.starts_at).date();
            let mut end = local(e, e.ends_at).date();
            if end <= start {
                end = start + Duration::days(1);
            }
            line(
                &mut out,
                &format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")),
            );
            line(
                &mut out,
                &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
            );
        } else {
            let zone = zone_of(e);
            for (field, at) in [("DTSTART", e.starts_at), ("DTEND", e.ends_at)] {
                line(
                    &mut out,
                    &format!(
                        "{field};TZID={}:{}",
                        zone.name(),
                        local(e, at).format("%Y%m%dT%H%M%S")
                    ),
                );
            }
        }
        line(&mut out, &format!("SUMMARY:{}", text(&post.title)));
        let description = comune_domain::markdown::to_plain_text(&post.body);
        if !description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", text(&description)));
        }
        let place: Vec<&str> = [e.location_name.as_str(), e.location_address.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !place.is_empty() {
            line(&mut out, &format!("LOCATION:{}", text(&place.join(", "))));
        }
        if let (Some(lat), Some(lon)) = (e.latitude, e.longitude) {
            line(&mut out, &format!("GEO:{lat:.6};{lon:.6}"));
        }
        line(&mut out, &format!("URL:{base}/posts/{}", post.id));
        if e.cancelled_at.is_some() {
            line(&mut out, "STATUS:CANCELLED");
        } else {
            line(&mut out, "STATUS:CONFIRMED");
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "è".repeat(60)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert!(out.contains("\r\n "));
    }

    #[test]
    fn finds_rome_transitions() {
        let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2027, 12, 31, 0, 0, 0).unwrap();
        let found = transitions(chrono_tz::Europe::Rome, from, to);
        assert_eq!(
            found,
            [
                Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap()
            ]
        );
    }
}
