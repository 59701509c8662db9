//! The time half of replay protection for inbound requests.
//!
//! `activitypub_federation` refuses a signature whose `Date` (or `created`) is more than an hour
//! old, but it never looks the other way: a request dated in the future passes, and stays
//! replayable until an hour after that date. It also accepts signatures that do not cover the
//! date at all, so the `Date` header could be rewritten at will. Mastodon refuses both; so do we,
//! before the signature itself is checked.

use chrono::{DateTime, Duration, Utc};

use crate::FedError;

/// How far ahead of our clock a peer's clock may run. Mastodon allows the same margin.
pub const CLOCK_SKEW: Duration = Duration::hours(1);

/// Checks that the `Signature` header covers `date` or `(created)`, and that the time it
/// covers is not in the future beyond [`CLOCK_SKEW`]. Staleness is the signature library's job.
pub fn check(signature: &str, date: Option<&str>, now: DateTime<Utc>) -> Result<(), FedError> {
    let params = parameters(signature);
    // Without a `headers` parameter the signed header list is `date` alone (the draft's default).
    let covered: Vec<String> = params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("headers"))
        .map(|(_, v)| v.split_whitespace().map(str::to_ascii_lowercase).collect())
        .unwrap_or_else(|| vec!["date".into()]);
    let mut checked = false;
    if covered.iter().any(|h| h == "date") {
        let date = date.ok_or_else(|| refuse("the signed Date header is missing"))?;
        let at = DateTime::parse_from_rfc2822(date.trim())
            .map_err(|_| refuse("the Date header is not an HTTP date"))?;
        not_ahead(at.with_timezone(&Utc), now)?;
        checked = true;
    }
    if covered.iter().any(|h| h == "(created)") {
        let created = params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("created"))
            .and_then(|(_, v)| v.parse::<i64>().ok())
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .ok_or_else(|| refuse("the signed (created) parameter is missing or invalid"))?;
        not_ahead(created, now)?;
        checked = true;
    }
    if checked {
        Ok(())
    } else {
        Err(refuse("the signature does not cover the request's date"))
    }
}

fn not_ahead(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), FedError> {
    if at > now + CLOCK_SKEW {
        Err(refuse("the request is dated in the future"))
    } else {
        Ok(())
    }
}

fn refuse(why: &str) -> FedError {
    FedError::Signature(why.into())
}

/// `key="value"` and `key=value` pairs of a Signature header, in order.
fn parameters(header: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = header.trim();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once('=') else {
            break;
        };
        let key = key.trim().trim_start_matches(',').trim();
        let (value, tail) = if let Some(quoted) = after.strip_prefix('"') {
            match quoted.split_once('"') {
                Some((v, t)) => (v, t),
                None => (quoted, ""),
            }
        } else {
            after.split_once(',').unwrap_or((after, ""))
        };
        out.push((key, value));
        rest = tail.trim_start_matches(',').trim();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    const SIGNED_DATE: &str = r#"keyId="https://a.example/u/eve#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="abc=""#;

    #[test]
    fn a_current_or_past_date_passes() {
        for date in [
            "Tue, 01 Dec 2026 12:00:00 GMT",
            "Tue, 01 Dec 2026 12:59:00 GMT",
            "Tue, 01 Dec 2026 09:00:00 GMT",
        ] {
            assert!(check(SIGNED_DATE, Some(date), now()).is_ok(), "{date}");
        }
    }

    #[test]
    fn a_date_beyond_the_skew_is_refused() {
        let err = check(SIGNED_DATE, Some("Tue, 01 Dec 2026 13:01:00 GMT"), now()).unwrap_err();
        assert!(err.to_string().contains("future"), "{err}");
        assert!(check(SIGNED_DATE, Some("Wed, 02 Dec 2026 12:00:00 GMT"), now()).is_err());
    }

    #[test]
    fn a_missing_or_bad_date_is_refused() {
        assert!(check(SIGNED_DATE, None, now()).is_err());
        assert!(check(SIGNED_DATE, Some("yesterday"), now()).is_err());
    }

    #[test]
    fn the_date_must_be_signed() {
        let unsigned_date = r#"keyId="k",headers="(request-target) host digest",signature="x""#;
        let err = check(unsigned_date, Some("Tue, 01 Dec 2026 12:00:00 GMT"), now()).unwrap_err();
        assert!(err.to_string().contains("cover"), "{err}");
        // No headers parameter means `date` alone is signed.
        assert!(check(
            r#"keyId="k",signature="x""#,
            Some("Tue, 01 Dec 2026 12:00:00 GMT"),
            now()
        )
        .is_ok());
        assert!(check(r#"keyId="k",signature="x""#, None, now()).is_err());
    }

    #[test]
    fn created_is_checked_like_the_date() {
        let at = |secs: i64| {
            format!(
                r#"keyId="k",algorithm="hs2019",created={},headers="(request-target) (created) digest",signature="x""#,
                now().timestamp() + secs
            )
        };
        assert!(check(&at(-60), None, now()).is_ok());
        assert!(check(&at(2 * 3600), None, now()).is_err());
        let missing = r#"keyId="k",headers="(request-target) (created)",signature="x""#;
        assert!(check(missing, None, now()).is_err());
    }
}
