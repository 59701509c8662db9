//! Channels of a neighbourhood and their moderators.

use actix_web::{delete, get, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::channels::{self, Channel, ModeratorRef, NewChannel};
use comune_domain::communities;
use comune_domain::Error as DomainError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::utc;
use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelView {
    pub id: uuid::Uuid,
    /// The community's slug.
    pub community: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// `dialogue`, `events`, `codesign`, `businesses` or `announcements`.
    pub kind: String,
    /// `public` or `members`.
    pub visibility: String,
    pub created_at: DateTime<Utc>,
}

impl ChannelView {
    pub fn new(c: &Channel, community: &str) -> Self {
        Self {
            id: c.id.parse().unwrap_or_default(),
            community: community.to_owned(),
            slug: c.slug.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            kind: c.kind.to_string(),
            visibility: c.visibility.to_string(),
            created_at: utc(c.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelDetail {
    #[serde(flatten)]
    pub channel: ChannelView,
    /// Appointed moderators besides the community's facilitators: `{kind, name}` with kind
    /// `person` (a username) or `organization` (a slug).
    pub moderators: Vec<ModeratorView>,
    /// Whether the caller may start something here (a thread, an announcement, an event, a
    /// co-design process, a listing: by the channel's kind). False when not signed in.
    pub can_post: bool,
    /// Whether the caller moderates this channel. False when not signed in.
    pub can_moderate: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratorView {
    pub kind: &'static str,
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateChannel {
    #[schema(example = "eventi")]
    pub slug: String,
    #[schema(example = "Eventi del quartiere")]
    pub name: String,
    /// `dialogue`, `events`, `codesign`, `businesses` or `announcements`.
    pub kind: String,
    /// `public` (default) or `members`.
    #[serde(default = "public")]
    pub visibility: String,
    #[serde(default)]
    pub description: String,
}

fn public() -> String {
    "public".into()
}

/// The channels of a neighbourhood the caller may see (members-only ones for members).
#[utoipa::path(
    tag = "channels",
    operation_id = "channels_list",
    params(("slug" = String, Path, description = "The community's slug")),
    responses(
        (status = 200, body = Vec<ChannelView>),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/communities/{slug}/channels")]
pub async fn list(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    slug: web::Path<String>,
) -> Result<web::Json<Vec<ChannelView>>, ApiError> {
    let slug = slug.into_inner();
    let viewer = who.account_id();
    let (community, rows) = state
        .db(move |conn| {
            let community =
                communities::find_by_handle(conn, &slug)?.ok_or(DomainError::NotFound)?;
            let rows = channels::visible_in(conn, &community, viewer.as_deref())?;
            Ok((community, rows))
        })
        .await?;
    Ok(web::Json(
        rows.iter()
            .map(|c| ChannelView::new(c, &community.slug))
            .collect(),
    ))
}

/// Create a channel (the community's facilitators and admins).
#[utoipa::path(
    tag = "channels",
    operation_id = "channels_create",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's slug")),
    request_body = CreateChannel,
    responses(
        (status = 201, body = ChannelView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a facilitator of this community nor an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`slug_taken` in this community", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/communities/{slug}/channels")]
pub async fn create(
    state: web::Data<AppState>,
    who: SignedIn,
    slug: web::Path<String>,
    body: web::Json<CreateChannel>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    let body = body.into_inner();
    let new = NewChannel {
        slug: body.slug,
        name: body.name,
        kind: body.kind,
        visibility: body.visibility,
        description: body.description,
    };
    let community = slug.clone();
    let channel = state
        .db(move |conn| channels::create(conn, &slug, &who.account_id, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/channels/{}", channel.id)))
        .json(ChannelView::new(&channel, &community)))
}

/// One channel with its moderators. A members-only channel is not found for non-members.
#[utoipa::path(
    tag = "channels",
    operation_id = "channels_get",
    params(("id" = uuid::Uuid, Path, description = "The channel's id")),
    responses(
        (status = 200, body = ChannelDetail),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/channels/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<ChannelDetail>, ApiError> {
    let id = id.into_inner().to_string();
    let viewer = who.account_id();
    let (channel, community, moderators, (can_post, can_moderate)) = state
        .db(move |conn| {
            let channel = channels::get_visible(conn, &id, viewer.as_deref())?;
            let community = communities::get(conn, &channel.community_id)?.slug;
            let moderators = channels::moderators(conn, &channel.id)?;
            let rights = match viewer.as_deref() {
                Some(v) => (
                    comune_domain::posts::may_post(conn, &channel, v)?,
                    channels::can_moderate(conn, &channel, v)?,
                ),
                None => (false, false),
            };
            Ok((channel, community, moderators, rights))
        })
        .await?;
    Ok(web::Json(ChannelDetail {
        channel: ChannelView::new(&channel, &community),
        moderators: moderators
            .into_iter()
            .map(|m| match m {
                ModeratorRef::Person(name) => ModeratorView {
                    kind: "person",
                    name,
                },
                ModeratorRef::Organization(name) => ModeratorView {
                    kind: "organization",
                    name,
                },
            })
            .collect(),
        can_post,
        can_moderate,
    }))
}

/// `maria` or `user:maria` names a person; `org:slug` an organisation.
fn moderator_ref(target: &str) -> ModeratorRef {
    match target.split_once(':') {
        Some(("org", slug)) => ModeratorRef::Organization(slug.to_owned()),
        Some(("user", name)) => ModeratorRef::Person(name.to_owned()),
        _ => ModeratorRef::Person(target.to_owned()),
    }
}

/// Appoint a moderator: a person (`maria` or `user:maria`) or an organisation (`org:slug`),
/// whose owners then moderate. The community's facilitators and admins only.
#[utoipa::path(
    tag = "channels",
    operation_id = "channels_appoint_moderator",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The channel's id"),
        ("target" = String, Path, description = "`username`, `user:username` or `org:slug`"),
    ),
    responses(
        (status = 204, description = "Appointed (or already was)"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such channel, person or organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/channels/{id}/moderators/{target}")]
pub async fn appoint_moderator(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(uuid::Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, target) = path.into_inner();
    let target = moderator_ref(&target);
    state
        .db(move |conn| {
            channels::appoint_moderator(conn, &id.to_string(), &who.account_id, &target)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Remove a moderator. The community's facilitators and admins only.
#[utoipa::path(
    tag = "channels",
    operation_id = "channels_remove_moderator",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The channel's id"),
        ("target" = String, Path, description = "`username`, `user:username` or `org:slug`"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/channels/{id}/moderators/{target}")]
pub async fn remove_moderator(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(uuid::Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, target) = path.into_inner();
    let target = moderator_ref(&target);
    state
        .db(move |conn| channels::remove_moderator(conn, &id.to_string(), &who.account_id, &target))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
