//! Neighbourhoods: the list, one, and creation by an admin.

use actix_web::{delete, get, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::communities::{self, Community, NewCommunity};
use comune_domain::membership::{self, Membership};
use comune_domain::{channels, Error as DomainError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::channels::ChannelView;
use super::{cursor, utc, Page, PageParams};
use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityView {
    pub id: uuid::Uuid,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// The banner image (a path on this instance), if any.
    pub banner_url: Option<String>,
    /// The ActivityPub id of the community's Group actor.
    pub actor_id: String,
    pub created_at: DateTime<Utc>,
}

/// Without its banner's URL, which takes a lookup: see [`with_banners`].
impl From<&Community> for CommunityView {
    fn from(c: &Community) -> Self {
        Self {
            id: c.id.parse().unwrap_or_default(),
            slug: c.slug.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            banner_url: None,
            actor_id: c.ap_id.clone(),
            created_at: utc(c.created_at),
        }
    }
}

/// Views of communities with their banners' URLs (one query for all).
fn with_banners(
    conn: &mut comune_domain::DbConnection,
    rows: &[Community],
) -> comune_domain::Result<Vec<CommunityView>> {
    let ids: Vec<String> = rows.iter().filter_map(|c| c.banner_id.clone()).collect();
    let keys = comune_domain::media::storage_keys(conn, &ids)?;
    Ok(rows
        .iter()
        .map(|c| {
            let mut view = CommunityView::from(c);
            view.banner_url = c.banner_id.as_ref().and_then(|b| {
                keys.iter()
                    .find(|(id, _)| id == b)
                    .map(|(_, key)| comune_domain::media::url_for(key))
            });
            view
        })
        .collect())
}

/// A community with what the caller may see of it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityDetail {
    #[serde(flatten)]
    pub community: CommunityView,
    /// Channels visible to the caller (members-only ones for members).
    pub channels: Vec<ChannelView>,
    pub member_count: i64,
    /// The caller's role here (`member`, `facilitator`), or null.
    pub my_role: Option<&'static str>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipView {
    pub community: String,
    /// `member` or `facilitator`.
    pub role: &'static str,
    pub joined_at: DateTime<Utc>,
}

impl MembershipView {
    fn new(m: &Membership, community: &str) -> Self {
        Self {
            community: community.to_owned(),
            role: m.role.as_str(),
            joined_at: utc(m.created_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateCommunity {
    /// 2 to 40 characters: a-z, digits and inner hyphens; part of the community's address.
    #[schema(example = "santa-croce")]
    pub slug: String,
    #[schema(example = "Santa Croce")]
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// The instance's neighbourhoods, in slug order.
#[utoipa::path(
    tag = "communities",
    operation_id = "communities_list",
    params(PageParams),
    responses(
        (status = 200, body = Page<CommunityView>),
        (status = 400, description = "`malformed_request`: bad cursor or limit", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/communities")]
pub async fn list(
    state: web::Data<AppState>,
    page: web::Query<PageParams>,
) -> Result<web::Json<Page<CommunityView>>, ApiError> {
    let limit = page.limit();
    let after = page.cursor.as_deref().map(cursor::decode).transpose()?;
    let (items, next_cursor) = state
        .db(move |conn| {
            let mut rows = communities::list_local(conn, after.as_deref(), limit + 1)?;
            let next_cursor = if rows.len() as i64 > limit {
                rows.truncate(limit as usize);
                rows.last().map(|c| cursor::encode(&c.slug))
            } else {
                None
            };
            Ok((with_banners(conn, &rows)?, next_cursor))
        })
        .await?;
    Ok(web::Json(Page { items, next_cursor }))
}

/// One neighbourhood, with its channels and counts.
#[utoipa::path(
    tag = "communities",
    operation_id = "communities_get",
    params(("slug" = String, Path, description = "The community's slug")),
    responses(
        (status = 200, body = CommunityDetail),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/communities/{slug}")]
pub async fn get(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    slug: web::Path<String>,
) -> Result<web::Json<CommunityDetail>, ApiError> {
    let slug = slug.into_inner();
    let viewer = who.account_id();
    let (community, view, channels, count, mine) = state
        .db(move |conn| {
            let community =
                communities::find_by_handle(conn, &slug)?.ok_or(DomainError::NotFound)?;
            let view = with_banners(conn, std::slice::from_ref(&community))?
                .pop()
                .ok_or(DomainError::NotFound)?;
            let channels = channels::visible_in(conn, &community, viewer.as_deref())?;
            let count = membership::member_count(conn, &community.id)?;
            let mine = match &viewer {
                Some(id) => membership::find(conn, &community.id, id)?,
                None => None,
            };
            Ok((community, view, channels, count, mine))
        })
        .await?;
    Ok(web::Json(CommunityDetail {
        channels: channels
            .iter()
            .map(|c| ChannelView::new(c, &community.slug))
            .collect(),
        community: view,
        member_count: count,
        my_role: mine.map(|m| m.role.as_str()),
    }))
}

/// Join a neighbourhood. Joining again changes nothing.
#[utoipa::path(
    tag = "communities",
    operation_id = "communities_join",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's slug")),
    responses(
        (status = 200, body = MembershipView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/communities/{slug}/members")]
pub async fn join(
    state: web::Data<AppState>,
    who: SignedIn,
    slug: web::Path<String>,
) -> Result<web::Json<MembershipView>, ApiError> {
    let slug = slug.into_inner();
    let community = slug.clone();
    let m = state
        .db(move |conn| membership::join(conn, &slug, &who.account_id))
        .await?;
    Ok(web::Json(MembershipView::new(&m, &community)))
}

/// Leave a neighbourhood (refused while banned from it).
#[utoipa::path(
    tag = "communities",
    operation_id = "communities_leave",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's slug")),
    responses(
        (status = 204, description = "Left"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Banned members cannot leave to lift the ban", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or not a member", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/communities/{slug}/members")]
pub async fn leave(
    state: web::Data<AppState>,
    who: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    state
        .db(move |conn| membership::leave(conn, &slug, &who.account_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Appoint a facilitator (neighbourhood architect) of a community (admins only).
#[utoipa::path(
    tag = "communities",
    operation_id = "communities_appoint_facilitator",
    security(("bearer" = [])),
    params(
        ("slug" = String, Path, description = "The community's slug"),
        ("username" = String, Path, description = "The person's username"),
    ),
    responses(
        (status = 200, body = MembershipView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/communities/{slug}/facilitators/{username}")]
pub async fn appoint_facilitator(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<web::Json<MembershipView>, ApiError> {
    let (slug, username) = path.into_inner();
    let community = slug.clone();
    let m = state
        .db(move |conn| membership::appoint_facilitator(conn, &slug, &who.account_id, &username))
        .await?;
    Ok(web::Json(MembershipView::new(&m, &community)))
}

/// Create a neighbourhood (instance admins only).
#[utoipa::path(
    tag = "communities",
    operation_id = "communities_create",
    security(("bearer" = [])),
    request_body = CreateCommunity,
    responses(
        (status = 201, body = CommunityView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an instance admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`slug_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/communities")]
pub async fn create(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<CreateCommunity>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let instance = state.instance.clone();
    let new = NewCommunity {
        slug: body.slug,
        name: body.name,
        description: body.description,
    };
    let community = state
        .db(move |conn| communities::create(conn, &instance, &who.account_id, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/communities/{}", community.slug),
        ))
        .json(CommunityView::from(&community)))
}
