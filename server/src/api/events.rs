//! Events: attending (RSVP with a waiting list) and cancelling. Events are created and
//! edited as posts of events channels (see `posts`).

use actix_web::{delete, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::utc;
use crate::auth::SignedIn;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The zone the event was planned in; show times in it.
    pub time_zone: String,
    /// Start and end as wall-clock times in `time_zone` (`YYYY-MM-DDTHH:MM:SS`).
    pub starts_local: String,
    pub ends_local: String,
    pub all_day: bool,
    pub location: LocationOut,
    pub online_url: Option<String>,
    /// Null: no limit.
    pub capacity: Option<i32>,
    pub going: i64,
    pub waitlist: i64,
    /// The caller's answer: `going`, `waitlist` or null.
    pub my_rsvp: Option<String>,
    pub cancelled: bool,
    pub cancel_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Default)]
pub struct LocationOut {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

impl From<comune_domain::events::Attendance> for EventOut {
    fn from(a: comune_domain::events::Attendance) -> Self {
        let e = a.event;
        let tz: chrono_tz::Tz = e.time_zone.parse().unwrap_or(chrono_tz::Europe::Rome);
        let local = |t: chrono::NaiveDateTime| {
            t.and_utc()
                .with_timezone(&tz)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string()
        };
        Self {
            starts_at: utc(e.starts_at),
            ends_at: utc(e.ends_at),
            starts_local: local(e.starts_at),
            ends_local: local(e.ends_at),
            time_zone: e.time_zone,
            all_day: e.all_day,
            location: LocationOut {
                name: e.location_name,
                address: e.location_address,
                latitude: e.latitude,
                longitude: e.longitude,
            },
            online_url: e.online_url,
            capacity: e.capacity,
            going: a.going,
            waitlist: a.waitlist,
            my_rsvp: a.mine.map(|s| s.to_string()),
            cancelled: e.cancelled_at.is_some(),
            cancel_reason: e.cancel_reason,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Cancellation {
    /// Told to everyone who answered.
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RsvpOut {
    /// `going`, or `waitlist` when the event is full.
    pub status: String,
}

pub(super) fn time_input(
    field: &str,
    raw: &str,
) -> Result<comune_domain::events::TimeInput, ApiError> {
    use comune_domain::events::TimeInput;
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Ok(TimeInput::Instant(t.with_timezone(&Utc)));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(raw, format) {
            return Ok(TimeInput::Local(t));
        }
    }
    let mut errors = comune_domain::error::FieldErrors::default();
    errors.add(field, "invalid", "use RFC 3339 or YYYY-MM-DDTHH:MM");
    Err(comune_domain::Error::Validation(errors).into())
}

/// Attend an event: `going` while places remain, the waiting list after. Idempotent.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_rsvp",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The event's post id")),
    responses(
        (status = 200, body = RsvpOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The event is cancelled or over", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/posts/{id}/rsvp")]
pub async fn rsvp(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<RsvpOut>, ApiError> {
    let instance = state.instance.clone();
    let id = id.into_inner().to_string();
    let status = state
        .db(move |conn| comune_domain::events::rsvp(conn, &instance, &id, &who.account_id))
        .await?;
    Ok(web::Json(RsvpOut {
        status: status.to_string(),
    }))
}

/// Withdraw from an event; the first on the waiting list takes the place. Idempotent.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_cancel_rsvp",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The event's post id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/posts/{id}/rsvp")]
pub async fn cancel_rsvp(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    state
        .db(move |conn| comune_domain::events::cancel_rsvp(conn, &id, &who.account_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Cancel an event (its author or a moderator of its channel).
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_cancel_event",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The event's post id")),
    request_body = Cancellation,
    responses(
        (status = 204, description = "Cancelled"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/posts/{id}/cancellation")]
pub async fn cancel_event(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<Cancellation>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    let reason = body.into_inner().reason;
    state
        .db(move |conn| comune_domain::events::cancel(conn, &id, &who.account_id, &reason))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
