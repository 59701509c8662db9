//! The notifier: mails notices at once or in a daily digest, per each person's setting, and
//! writes event reminders. It runs beside the server and stops with it. Several server
//! processes on one PostgreSQL database may each run one: every notice is claimed by one
//! process before its mail goes out.

pub mod texts;

use std::sync::Weak;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use comune_domain::accounts;
use comune_domain::notifications::{self, EmailMode};

use crate::error::ApiError;
use crate::state::AppState;

/// How often the notifier looks for mail to send.
const POLL: Duration = Duration::from_secs(1);
/// How often it looks for events starting within a day.
const REMINDER_SCAN: Duration = Duration::from_secs(60);
/// How long before an event its attendees are reminded.
const REMINDER_AHEAD: chrono::Duration = chrono::Duration::hours(24);
/// People handled per round.
const BATCH: i64 = 200;

pub fn spawn(state: Weak<AppState>) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(POLL);
        let mut last_scan: Option<Instant> = None;
        loop {
            tick.tick().await;
            let Some(state) = state.upgrade() else {
                break;
            };
            if last_scan.is_none_or(|t| t.elapsed() >= REMINDER_SCAN) {
                last_scan = Some(Instant::now());
                let result = state
                    .db(|conn| {
                        let from = comune_domain::time::now();
                        notifications::queue_reminders(conn, from, from + REMINDER_AHEAD)
                    })
                    .await;
                match result {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(reminders = n, "event reminders written"),
                    Err(e) => tracing::error!(error = ?e, "writing event reminders failed"),
                }
            }
            if let Err(e) = deliver(&state).await {
                tracing::error!(error = ?e, "sending notification mail failed");
            }
        }
    });
}

/// One round: mails everyone whose notices are due.
async fn deliver(state: &AppState) -> Result<(), ApiError> {
    let due = state
        .db(|conn| notifications::awaiting_mail(conn, BATCH))
        .await?;
    if due.is_empty() {
        return Ok(());
    }
    let zone: Tz = state
        .settings
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::Europe::Rome);
    let digest_due_since = last_digest_time(Utc::now(), zone, state.settings.digest_hour);
    for person in due {
        let digest = match person.mode {
            EmailMode::Immediate => false,
            EmailMode::Daily if person.last_digest_at.is_some_and(|t| t >= digest_due_since) => {
                continue
            }
            EmailMode::Daily => true,
            EmailMode::Off => continue,
        };
        let id = person.account_id;
        let (account, notices) = state
            .db(move |conn| {
                let notices = notifications::claim_for_mail(conn, &id, digest)?;
                Ok((accounts::get(conn, &id)?, notices))
            })
            .await?;
        if notices.is_empty() {
            continue;
        }
        let base = state.mailer.public_url();
        let token = state.jwt.unsubscribe_token(&account.id)?;
        let unsubscribe = format!("{base}/api/v1/unsubscribe?token={token}");
        let (subject, body) = texts::mail(
            &account.locale,
            &account.display_name,
            base,
            &notices,
            digest,
            &unsubscribe,
        );
        if let Err(e) = state
            .mailer
            .notification(&account, &subject, body, &unsubscribe)
            .await
        {
            tracing::error!(account = %account.id, error = %format!("{e:#}"), "notification mail not sent");
        }
    }
    Ok(())
}

/// The latest digest time at or before `now`: `hour` o'clock in `zone`, today or yesterday (in
/// UTC). On a spring-forward day when that hour does not exist, the digest goes an hour later.
pub fn last_digest_time(now: DateTime<Utc>, zone: Tz, hour: u8) -> NaiveDateTime {
    let local_today = now.with_timezone(&zone).date_naive();
    let at = |day: chrono::NaiveDate| {
        (0..3).find_map(|extra| {
            let time = day.and_hms_opt(u32::from(hour) + extra, 0, 0)?;
            zone.from_local_datetime(&time).earliest()
        })
    };
    for day in [Some(local_today), local_today.pred_opt()]
        .into_iter()
        .flatten()
    {
        if let Some(t) = at(day).filter(|t| *t <= now) {
            return t.naive_utc();
        }
    }
    (now - chrono::Duration::days(1)).naive_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn digest_time_is_the_last_local_hour_passed() {
        let rome = chrono_tz::Europe::Rome;
        // Winter: 07:00 in Rome is 06:00 UTC.
        assert_eq!(
            last_digest_time(utc("2026-01-15T09:30:00Z"), rome, 7).to_string(),
            "2026-01-15 06:00:00"
        );
        assert_eq!(
            last_digest_time(utc("2026-01-15T05:59:00Z"), rome, 7).to_string(),
            "2026-01-14 06:00:00"
        );
        // Summer: 07:00 in Rome is 05:00 UTC.
        assert_eq!(
            last_digest_time(utc("2026-07-01T05:00:00Z"), rome, 7).to_string(),
            "2026-07-01 05:00:00"
        );
        // 29 March 2026: clocks jump from 02:00 to 03:00; a 02:00 digest goes at 03:00 CEST.
        assert_eq!(
            last_digest_time(utc("2026-03-29T08:00:00Z"), rome, 2).to_string(),
            "2026-03-29 01:00:00"
        );
    }
}
