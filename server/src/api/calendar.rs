//! Calendar feeds (iCalendar) of public events, for calendar programs to subscribe to.

use actix_web::{get, web, HttpResponse};
use comune_domain::events;

use crate::auth::MaybeSignedIn;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

const ICS: &str = "text/calendar; charset=utf-8";

/// The public events of a community (from 30 days ago on), as an iCalendar feed.
#[utoipa::path(
    tag = "posts",
    operation_id = "calendar_community",
    params(("slug" = String, Path, description = "The community's slug")),
    responses(
        (status = 200, description = "RFC 5545 calendar", body = String, content_type = "text/calendar"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/communities/{slug}/events.ics")]
pub async fn community(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    let since = (chrono::Utc::now() - chrono::Duration::days(30)).naive_utc();
    let lookup = slug.clone();
    let (name, rows) = state
        .db(move |conn| {
            let rows = events::public_in_community(conn, &lookup, since, 1_000)?;
            let name = comune_domain::communities::find_local(conn, &lookup)?
                .map(|c| c.name)
                .unwrap_or_default();
            Ok((name, rows))
        })
        .await?;
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    let body = crate::ical::calendar(&name, &base, &state.instance.domain(), &rows);
    Ok(HttpResponse::Ok()
        .content_type(ICS)
        .insert_header((
            "Content-Disposition",
            format!("inline; filename=\"{slug}.ics\""),
        ))
        .body(body))
}

/// One event as an iCalendar file (to add it to a calendar).
#[utoipa::path(
    tag = "posts",
    operation_id = "calendar_event",
    params(("id" = uuid::Uuid, Path, description = "The event's post id")),
    responses(
        (status = 200, description = "RFC 5545 calendar with one event", body = String, content_type = "text/calendar"),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/posts/{id}/event.ics")]
pub async fn event(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    let viewer = who.account_id();
    let row = state
        .db(move |conn| events::one(conn, &id, viewer.as_deref()))
        .await?;
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    let name = row.0.title.clone();
    let body = crate::ical::calendar(&name, &base, &state.instance.domain(), &[row]);
    Ok(HttpResponse::Ok()
        .content_type(ICS)
        .insert_header(("Content-Disposition", "attachment; filename=\"evento.ics\""))
        .body(body))
}
