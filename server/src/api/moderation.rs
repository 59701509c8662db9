//! Reports, the moderators' queue, moderation actions and the public log.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::error::FieldErrors;
use comune_domain::moderation::{self, Action, LogEntry, Report, Target, TargetKind};
use comune_domain::Error as DomainError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{cursor, utc, Page, PageParams};
use crate::auth::SignedIn;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// What is reported or acted on.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TargetIn {
    /// `post`, `comment` or `account`.
    pub kind: String,
    /// The post's or comment's id, or the account's username.
    pub id: String,
    /// For an account: the community (slug) the report or ban concerns.
    pub community: Option<String>,
}

impl TargetIn {
    fn parse(self) -> Result<Target, ApiError> {
        let kind = TargetKind::parse(&self.kind).ok_or_else(|| {
            let mut e = FieldErrors::default();
            e.add(
                "target.kind",
                "unsupported",
                "must be `post`, `comment` or `account`",
            );
            ApiError::from(DomainError::Validation(e))
        })?;
        Ok(Target {
            kind,
            id: self.id,
            community: self.community,
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewReport {
    pub target: TargetIn,
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewAction {
    /// `remove`, `restore`, `lock`, `unlock`, `pin`, `unpin` (posts; comments: remove and
    /// restore), `ban`, `unban` (accounts).
    pub action: String,
    pub target: TargetIn,
    pub reason: String,
    /// When a ban ends; none means until lifted.
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportView {
    pub id: uuid::Uuid,
    pub target_kind: String,
    pub target_id: String,
    pub channel_id: Option<uuid::Uuid>,
    pub reason: String,
    /// `open`, `resolved` or `dismissed`.
    pub status: String,
    pub created_at: DateTime<Utc>,
}

impl From<Report> for ReportView {
    fn from(r: Report) -> Self {
        Self {
            id: r.id.parse().unwrap_or_default(),
            target_kind: r.target_kind,
            target_id: r.target_id,
            channel_id: r.channel_id.and_then(|c| c.parse().ok()),
            reason: r.reason,
            status: r.status,
            created_at: utc(r.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LogEntryView {
    pub id: uuid::Uuid,
    pub action: String,
    pub target_kind: String,
    /// A post's or comment's id, or an account's username.
    pub target_id: String,
    pub channel_id: Option<uuid::Uuid>,
    pub reason: String,
    /// The moderator's username.
    pub moderator: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl LogEntryView {
    fn new(e: LogEntry, moderator: String) -> Self {
        Self {
            id: e.id.parse().unwrap_or_default(),
            action: e.action,
            target_kind: e.target_kind,
            target_id: e.target_id,
            channel_id: e.channel_id.and_then(|c| c.parse().ok()),
            reason: e.reason,
            moderator,
            expires_at: e.expires_at.map(utc),
            created_at: utc(e.created_at),
        }
    }
}

/// Report a post, comment or person to the community's moderators.
#[utoipa::path(
    tag = "moderation",
    operation_id = "moderation_report",
    security(("bearer" = [])),
    request_body = NewReport,
    responses(
        (status = 201, body = ReportView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such target, or not visible to the reporter", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/reports")]
pub async fn report(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<NewReport>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let target = body.target.parse()?;
    let reason = body.reason;
    let report = state
        .db(move |conn| moderation::report(conn, &who.account_id, &target, &reason))
        .await?;
    Ok(HttpResponse::Created().json(ReportView::from(report)))
}

/// Open reports the caller may handle: all of a community's for its facilitators and admins,
/// those in their channels for channel moderators. Oldest first.
#[utoipa::path(
    tag = "moderation",
    operation_id = "moderation_queue",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's slug"), PageParams),
    responses(
        (status = 200, body = Page<ReportView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a moderator here", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/communities/{slug}/reports")]
pub async fn queue(
    state: web::Data<AppState>,
    who: SignedIn,
    slug: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<web::Json<Page<ReportView>>, ApiError> {
    let slug = slug.into_inner();
    let limit = page.limit();
    let after = page.cursor.as_deref().map(cursor::decode_at).transpose()?;
    let (items, next) = state
        .db(move |conn| moderation::queue(conn, &slug, &who.account_id, after, limit))
        .await?;
    Ok(web::Json(Page {
        items: items.into_iter().map(ReportView::from).collect(),
        next_cursor: next.map(cursor::encode_at),
    }))
}

/// Take a moderation action. It is logged publicly with its reason.
#[utoipa::path(
    tag = "moderation",
    operation_id = "moderation_act",
    security(("bearer" = [])),
    request_body = NewAction,
    responses(
        (status = 201, body = LogEntryView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a moderator of the target's channel (bans: not a facilitator or admin)", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/moderation/actions")]
pub async fn act(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<NewAction>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let action = Action::parse(&body.action).ok_or_else(|| {
        let mut e = FieldErrors::default();
        e.add(
            "action",
            "unsupported",
            "must be one of: remove, restore, lock, unlock, pin, unpin, ban, unban",
        );
        ApiError::from(DomainError::Validation(e))
    })?;
    let target = body.target.parse()?;
    let reason = body.reason;
    let expires = body.expires_at.map(|t| t.naive_utc());
    let (entry, moderator) = state
        .db(move |conn| {
            let entry = moderation::act(conn, &who.account_id, action, &target, &reason, expires)?;
            let moderator = comune_domain::accounts::get(conn, &who.account_id)?.username;
            Ok((entry, moderator))
        })
        .await?;
    Ok(HttpResponse::Created().json(LogEntryView::new(entry, moderator)))
}

/// The community's public moderation log, newest first.
#[utoipa::path(
    tag = "moderation",
    operation_id = "moderation_log",
    params(("slug" = String, Path, description = "The community's slug"), PageParams),
    responses(
        (status = 200, body = Page<LogEntryView>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/communities/{slug}/modlog")]
pub async fn log(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    page: web::Query<PageParams>,
) -> Result<web::Json<Page<LogEntryView>>, ApiError> {
    let slug = slug.into_inner();
    let limit = page.limit();
    let before = page.cursor.as_deref().map(cursor::decode_at).transpose()?;
    let (rows, next) = state
        .db(move |conn| moderation::log(conn, &slug, before, limit))
        .await?;
    Ok(web::Json(Page {
        items: rows
            .into_iter()
            .map(|(e, m)| LogEntryView::new(e, m))
            .collect(),
        next_cursor: next.map(cursor::encode_at),
    }))
}
