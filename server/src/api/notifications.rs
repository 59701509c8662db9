//! Notifications in the app, how each person wants them by mail, and the one-click unsubscribe
//! link of those mails.

use actix_web::{get, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::notifications::{self, EmailMode, NotificationView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{cursor, utc, PageParams};
use crate::auth::SignedIn;
use crate::error::{ApiError, Code, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ActorRef {
    pub username: String,
    pub display_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PostRef {
    pub id: uuid::Uuid,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationOut {
    pub id: uuid::Uuid,
    /// `reply`, `mention`, `rsvp_promoted`, `event_changed`, `event_cancelled`,
    /// `event_reminder`, `phase_changed` or `moderation`.
    pub kind: String,
    /// For `phase_changed`: the new phase, or `outcome` when the decision was recorded; for
    /// `moderation`: the action (`remove`, `restore`, `lock`, `ban`, ...); for
    /// `event_cancelled`: the reason given.
    pub detail: String,
    pub read: bool,
    /// Who did it (none for reminders and waiting-list moves).
    pub actor: Option<ActorRef>,
    pub community: Option<CommunityRef>,
    pub post: Option<PostRef>,
    pub comment_id: Option<uuid::Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<NotificationView> for NotificationOut {
    fn from(n: NotificationView) -> Self {
        Self {
            id: n.id.parse().unwrap_or_default(),
            kind: n.kind,
            detail: n.detail,
            read: n.read_at.is_some(),
            actor: n.actor.map(|(username, display_name)| ActorRef {
                username,
                display_name,
            }),
            community: n.community.map(|(slug, name)| CommunityRef { slug, name }),
            post: n.post.map(|(id, title)| PostRef {
                id: id.parse().unwrap_or_default(),
                title,
            }),
            comment_id: n.comment_id.and_then(|c| c.parse().ok()),
            created_at: utc(n.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<NotificationOut>,
    pub next_cursor: Option<String>,
    /// Unread notices in all (not only on this page).
    pub unread_count: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    /// Only unread notices.
    #[serde(default)]
    pub unread: bool,
}

/// The signed-in person's notifications, newest first.
#[utoipa::path(
    tag = "notifications",
    operation_id = "notifications_list",
    security(("bearer" = [])),
    params(ListParams, PageParams),
    responses(
        (status = 200, body = NotificationPage),
        (status = 400, description = "A bad cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications")]
pub async fn list(
    state: web::Data<AppState>,
    who: SignedIn,
    filter: web::Query<ListParams>,
    page: web::Query<PageParams>,
) -> Result<web::Json<NotificationPage>, ApiError> {
    let before = match &page.cursor {
        Some(raw) => {
            let id = cursor::decode(raw)?;
            if !comune_domain::tokens::is_id(&id) {
                return Err(ApiError::new(
                    Code::MalformedRequest,
                    "The cursor is not valid.",
                ));
            }
            Some(id)
        }
        None => None,
    };
    let (limit, unread) = (page.limit(), filter.unread);
    let (items, next, unread_count) = state
        .db(move |conn| {
            let (items, next) =
                notifications::list(conn, &who.account_id, unread, before.as_deref(), limit)?;
            let count = notifications::unread_count(conn, &who.account_id)?;
            Ok((items, next, count))
        })
        .await?;
    Ok(web::Json(NotificationPage {
        items: items.into_iter().map(NotificationOut::from).collect(),
        next_cursor: next.as_deref().map(cursor::encode),
        unread_count,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MarkRead {
    /// The notices to mark read.
    pub ids: Option<Vec<String>>,
    /// Mark every notice read instead.
    #[serde(default)]
    pub all: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedRead {
    /// How many notices changed from unread to read.
    pub marked: usize,
    pub unread_count: i64,
}

/// Marks notices read: the listed ones, or all.
#[utoipa::path(
    tag = "notifications",
    operation_id = "notifications_mark_read",
    security(("bearer" = [])),
    request_body = MarkRead,
    responses(
        (status = 200, body = MarkedRead),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Neither `ids` nor `all`, or ids that are no notice ids", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/read")]
pub async fn mark_read(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<MarkRead>,
) -> Result<web::Json<MarkedRead>, ApiError> {
    let MarkRead { ids, all } = body.into_inner();
    if ids.is_none() && !all {
        let mut errors = comune_domain::error::FieldErrors::default();
        errors.add("ids", "required", "name the notices, or set `all`");
        return Err(comune_domain::Error::Validation(errors).into());
    }
    let (marked, unread_count) = state
        .db(move |conn| {
            let ids = if all { None } else { ids };
            let marked = notifications::mark_read(conn, &who.account_id, ids.as_deref())?;
            Ok((marked, notifications::unread_count(conn, &who.account_id)?))
        })
        .await?;
    Ok(web::Json(MarkedRead {
        marked,
        unread_count,
    }))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NotificationSettings {
    /// Mail for notices: `immediate` (default), `daily` (one digest a day), or `off`.
    pub email: String,
}

fn parse_mode(raw: &str) -> Result<EmailMode, ApiError> {
    EmailMode::parse(raw).ok_or_else(|| {
        let mut errors = comune_domain::error::FieldErrors::default();
        errors.add("email", "unknown", "must be `immediate`, `daily` or `off`");
        comune_domain::Error::Validation(errors).into()
    })
}

/// How the signed-in person is told by mail.
#[utoipa::path(
    tag = "notifications",
    operation_id = "notification_settings_get",
    security(("bearer" = [])),
    responses(
        (status = 200, body = NotificationSettings),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/notification-settings")]
pub async fn settings(
    state: web::Data<AppState>,
    who: SignedIn,
) -> Result<web::Json<NotificationSettings>, ApiError> {
    let mode = state
        .db(move |conn| notifications::email_mode(conn, &who.account_id))
        .await?;
    Ok(web::Json(NotificationSettings {
        email: mode.as_str().to_owned(),
    }))
}

/// Changes how the signed-in person is told by mail.
#[utoipa::path(
    tag = "notifications",
    operation_id = "notification_settings_put",
    security(("bearer" = [])),
    request_body = NotificationSettings,
    responses(
        (status = 200, body = NotificationSettings),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/notification-settings")]
pub async fn set_settings(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<NotificationSettings>,
) -> Result<web::Json<NotificationSettings>, ApiError> {
    let mode = parse_mode(&body.email)?;
    state
        .db(move |conn| notifications::set_email_mode(conn, &who.account_id, mode))
        .await?;
    Ok(web::Json(NotificationSettings {
        email: mode.as_str().to_owned(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UnsubscribeParams {
    /// The token of the link in a notification mail.
    pub token: String,
}

/// The page a notification mail's unsubscribe link opens: it asks to confirm with one button,
/// because mail scanners follow links and must not unsubscribe anyone.
#[utoipa::path(
    tag = "notifications",
    operation_id = "unsubscribe_page",
    params(UnsubscribeParams),
    responses(
        (status = 200, description = "A small page in Italian and English with the confirm button", content_type = "text/html"),
        (status = 400, description = "`invalid_token`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/unsubscribe")]
pub async fn unsubscribe_page(
    state: web::Data<AppState>,
    params: web::Query<UnsubscribeParams>,
) -> Result<HttpResponse, ApiError> {
    state.jwt.verify_unsubscribe(&params.token)?;
    // The token is base64url and dots only (checked above), so it is safe in an attribute.
    let action = format!("/api/v1/unsubscribe?token={}", params.token);
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(format!(
            r#"<!doctype html>
<html lang="it">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Email di notifica / Notification mail</title>
<style>body{{font:1.25rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
button{{font:inherit;padding:.75rem 1.5rem;background:#0047a3;color:#fff;border:0;border-radius:4px}}
button:focus{{outline:3px solid #e07000;outline-offset:3px}}</style></head>
<body><main>
<h1>Non ricevere più email di notifica</h1>
<p>Le notifiche resteranno visibili nell'app. Puoi riattivare le email dalle preferenze.</p>
<form method="post" action="{action}"><button type="submit">Conferma</button></form>
<h2 lang="en">Stop notification mail</h2>
<p lang="en">Notifications stay in the app. You can turn mail back on in your settings.</p>
<form method="post" action="{action}" lang="en"><button type="submit">Confirm</button></form>
</main></body></html>"#
        )))
}

/// Turns notification mail off (RFC 8058 one-click: mail clients POST here with
/// `List-Unsubscribe=One-Click`; the body is not needed).
#[utoipa::path(
    tag = "notifications",
    operation_id = "unsubscribe",
    params(UnsubscribeParams),
    responses(
        (status = 200, body = NotificationSettings),
        (status = 400, description = "`invalid_token`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/unsubscribe")]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    params: web::Query<UnsubscribeParams>,
) -> Result<web::Json<NotificationSettings>, ApiError> {
    let account_id = state.jwt.verify_unsubscribe(&params.token)?;
    state
        .db(move |conn| notifications::set_email_mode(conn, &account_id, EmailMode::Off))
        .await?;
    Ok(web::Json(NotificationSettings {
        email: EmailMode::Off.as_str().to_owned(),
    }))
}
