//! Organisations and their members.

use actix_web::{delete, get, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::organizations::{self, NewOrganization, OrgRole, Organization};
use comune_domain::Error as DomainError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{cursor, utc, Page, PageParams};
use crate::auth::SignedIn;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationView {
    pub id: uuid::Uuid,
    pub slug: String,
    pub name: String,
    /// `association`, `consulta`, `business`, `municipality`, `school` or `other`.
    pub kind: String,
    pub description: String,
    pub actor_id: String,
    pub created_at: DateTime<Utc>,
}

impl From<&Organization> for OrganizationView {
    fn from(o: &Organization) -> Self {
        Self {
            id: o.id.parse().unwrap_or_default(),
            slug: o.slug.clone(),
            name: o.name.clone(),
            kind: o.kind.clone(),
            description: o.description.clone(),
            actor_id: o.ap_id.clone(),
            created_at: utc(o.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    pub username: String,
    pub display_name: String,
    /// `owner` or `member`.
    pub role: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationDetail {
    #[serde(flatten)]
    pub organization: OrganizationView,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateOrganization {
    #[schema(example = "orti-ospizio")]
    pub slug: String,
    #[schema(example = "Orti di Ospizio APS")]
    pub name: String,
    /// `association`, `business`, `school` or `other` for anyone; `consulta` and `municipality`
    /// for admins.
    pub kind: String,
    #[serde(default)]
    pub description: String,
    /// The home neighbourhood's slug (required for a Consulta).
    pub community: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SetMember {
    /// `owner` or `member`.
    pub role: String,
}

/// Organisations, in slug order.
#[utoipa::path(
    tag = "organizations",
    operation_id = "organizations_list",
    params(PageParams),
    responses(
        (status = 200, body = Page<OrganizationView>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations")]
pub async fn list(
    state: web::Data<AppState>,
    page: web::Query<PageParams>,
) -> Result<web::Json<Page<OrganizationView>>, ApiError> {
    let limit = page.limit();
    let after = page.cursor.as_deref().map(cursor::decode).transpose()?;
    let mut rows = state
        .db(move |conn| organizations::list_local(conn, after.as_deref(), limit + 1))
        .await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|o| cursor::encode(&o.slug))
    } else {
        None
    };
    Ok(web::Json(Page {
        items: rows.iter().map(OrganizationView::from).collect(),
        next_cursor,
    }))
}

/// Create an organisation; the caller becomes its owner.
#[utoipa::path(
    tag = "organizations",
    operation_id = "organizations_create",
    security(("bearer" = [])),
    request_body = CreateOrganization,
    responses(
        (status = 201, body = OrganizationView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Consulte and municipal offices are created by admins", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`slug_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organizations")]
pub async fn create(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<CreateOrganization>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let new = NewOrganization {
        slug: body.slug,
        name: body.name,
        kind: body.kind,
        description: body.description,
        community: body.community,
    };
    let instance = state.instance.clone();
    let org = state
        .db(move |conn| organizations::create(conn, &instance, &who.account_id, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/organizations/{}", org.slug)))
        .json(OrganizationView::from(&org)))
}

/// One organisation with its members.
#[utoipa::path(
    tag = "organizations",
    operation_id = "organizations_get",
    params(("slug" = String, Path, description = "The organisation's slug")),
    responses(
        (status = 200, body = OrganizationDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{slug}")]
pub async fn get(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<web::Json<OrganizationDetail>, ApiError> {
    let slug = slug.into_inner();
    let (org, members) = state
        .db(move |conn| {
            let org = organizations::find_local(conn, &slug)?.ok_or(DomainError::NotFound)?;
            let members = organizations::members(conn, &org.id)?;
            Ok((org, members))
        })
        .await?;
    Ok(web::Json(OrganizationDetail {
        organization: OrganizationView::from(&org),
        members: members
            .into_iter()
            .map(|(username, display_name, role)| MemberView {
                username,
                display_name,
                role: role.as_str(),
            })
            .collect(),
    }))
}

/// Add a person to the organisation or change their role (owners and admins).
#[utoipa::path(
    tag = "organizations",
    operation_id = "organizations_set_member",
    security(("bearer" = [])),
    params(
        ("slug" = String, Path, description = "The organisation's slug"),
        ("username" = String, Path, description = "The person's username"),
    ),
    request_body = SetMember,
    responses(
        (status = 204, description = "Done"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an owner of the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown role, or the last owner would be lost", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/organizations/{slug}/members/{username}")]
pub async fn set_member(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Json<SetMember>,
) -> Result<HttpResponse, ApiError> {
    let (slug, username) = path.into_inner();
    let role = OrgRole::parse(&body.role).ok_or_else(|| {
        let mut errors = comune_domain::error::FieldErrors::default();
        errors.add("role", "unsupported", "must be `owner` or `member`");
        ApiError::from(DomainError::Validation(errors))
    })?;
    state
        .db(move |conn| organizations::set_member(conn, &slug, &who.account_id, &username, role))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Remove a person from the organisation (owners and admins; anyone may remove themselves).
#[utoipa::path(
    tag = "organizations",
    operation_id = "organizations_remove_member",
    security(("bearer" = [])),
    params(
        ("slug" = String, Path, description = "The organisation's slug"),
        ("username" = String, Path, description = "The person's username"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The last owner cannot leave", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/organizations/{slug}/members/{username}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, username) = path.into_inner();
    state
        .db(move |conn| organizations::remove_member(conn, &slug, &who.account_id, &username))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
