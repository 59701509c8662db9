//! Neighbourhoods: the list, one, and creation by an admin.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::communities::{self, Community, NewCommunity};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{cursor, utc, Page, PageParams};
use crate::auth::SignedIn;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityView {
    pub id: uuid::Uuid,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// The ActivityPub id of the community's Group actor.
    pub actor_id: String,
    pub created_at: DateTime<Utc>,
}

impl From<&Community> for CommunityView {
    fn from(c: &Community) -> Self {
        Self {
            id: c.id.parse().unwrap_or_default(),
            slug: c.slug.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            actor_id: c.ap_id.clone(),
            created_at: utc(c.created_at),
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
    let mut rows = state
        .db(move |conn| communities::list_local(conn, after.as_deref(), limit + 1))
        .await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|c| cursor::encode(&c.slug))
    } else {
        None
    };
    Ok(web::Json(Page {
        items: rows.iter().map(CommunityView::from).collect(),
        next_cursor,
    }))
}

/// One neighbourhood.
#[utoipa::path(
    tag = "communities",
    params(("slug" = String, Path, description = "The community's slug")),
    responses(
        (status = 200, body = CommunityView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/communities/{slug}")]
pub async fn get(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<web::Json<CommunityView>, ApiError> {
    let slug = slug.into_inner();
    let community = state
        .db(move |conn| communities::find_local(conn, &slug))
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(web::Json(CommunityView::from(&community)))
}

/// Create a neighbourhood (instance admins only).
#[utoipa::path(
    tag = "communities",
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
