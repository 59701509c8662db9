//! Registration and the signed-in account.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::accounts::{self, Account, Origin, Registration};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::utc;
use crate::auth::SignedIn;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::throttle;

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterRequest {
    /// 3 to 30 characters: letters a-z, digits, underscores; starts with a letter. Case is folded.
    #[schema(example = "maria_rossi")]
    pub username: String,
    #[schema(example = "maria@example.org")]
    pub email: String,
    /// 10 to 128 characters, not easy to guess.
    pub password: String,
    /// Shown name; defaults to the username.
    pub display_name: Option<String>,
    /// `it` or `en`; defaults to the instance's language.
    pub locale: Option<String>,
}

/// An account as anyone may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountView {
    pub id: uuid::Uuid,
    pub username: String,
    pub display_name: String,
    pub locale: String,
    pub is_admin: bool,
    /// The profile picture (a path on this instance), if any.
    pub avatar_url: Option<String>,
    /// The ActivityPub id.
    pub actor_id: String,
    pub created_at: DateTime<Utc>,
}

/// Without its avatar's URL, which takes a lookup: see [`AccountView::with_avatar`].
impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        Self {
            id: a.id.parse().unwrap_or_default(),
            username: a.username.clone(),
            display_name: a.display_name.clone(),
            locale: a.locale.clone(),
            is_admin: a.is_admin,
            avatar_url: None,
            actor_id: a.ap_id.clone(),
            created_at: utc(a.created_at),
        }
    }
}

impl AccountView {
    pub fn with_avatar(mut self, avatar_url: Option<String>) -> Self {
        self.avatar_url = avatar_url;
        self
    }
}

/// The signed-in account, with what only its owner sees.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    #[serde(flatten)]
    pub account: AccountView,
    pub email: String,
    pub email_verified: bool,
    /// Instance-wide roles: `admin`.
    pub roles: Vec<String>,
    /// Neighbourhoods the account belongs to, with its role there.
    pub communities: Vec<RoleIn>,
    /// Organisations the account belongs to, with their kind and its role there.
    pub organizations: Vec<OrgRoleIn>,
}

/// A role in an organisation (`owner`, `member`).
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgRoleIn {
    pub slug: String,
    pub name: String,
    /// One of the organisation kinds (`association`, `consulta`, `business`, ...); a `business` may own listings.
    pub kind: String,
    pub role: &'static str,
}

/// A role in a community (`member`, `facilitator`).
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleIn {
    /// The slug; `slug@host` for a community of another instance.
    pub slug: String,
    /// The community's or organisation's name, as shown.
    pub name: String,
    pub role: &'static str,
}

/// Register a new account. A verification mail is sent; sign-in works once the address is
/// confirmed.
#[utoipa::path(
    tag = "accounts",
    operation_id = "accounts_register",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Created; a verification mail was sent", body = AccountView),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`username_taken` or `email_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 1 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, with field errors", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many registrations from this client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/accounts")]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    throttle::check(
        &state.throttles.register_client,
        &state.throttles.client_key(&req),
    )?;
    let body = body.into_inner();
    let registration = Registration {
        username: body.username,
        email: body.email,
        password: body.password,
        display_name: body.display_name,
        locale: body.locale,
    };
    let instance = state.instance.clone();
    let default_locale = state.settings.default_locale.clone();
    let (account, token) = state
        .db(move |conn| {
            accounts::create_local(
                conn,
                &instance,
                &registration,
                &default_locale,
                Origin::SelfService,
            )
        })
        .await?;
    if let Some(token) = token {
        state.mailer.verification(&account, &token).await;
    }
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/u/{}", account.username)))
        .json(AccountView::from(&account)))
}

/// The signed-in account.
#[utoipa::path(
    tag = "accounts",
    operation_id = "accounts_me",
    security(("bearer" = [])),
    responses(
        (status = 200, body = MeView),
        (status = 401, description = "`unauthorized` or `token_expired`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, who: SignedIn) -> Result<web::Json<MeView>, ApiError> {
    let (account, avatar, communities, organizations) = state
        .db(move |conn| {
            let account = accounts::get(conn, &who.account_id)?;
            let avatar = comune_domain::media::url_of(conn, account.avatar_id.as_deref())?;
            Ok((
                account,
                avatar,
                comune_domain::membership::communities_of(conn, &who.account_id)?,
                comune_domain::organizations::organizations_of(conn, &who.account_id)?,
            ))
        })
        .await?;
    let roles = if account.is_admin {
        vec!["admin".into()]
    } else {
        vec![]
    };
    Ok(web::Json(MeView {
        account: AccountView::from(&account).with_avatar(avatar),
        email: account.email.clone().unwrap_or_default(),
        email_verified: account.email_verified_at.is_some(),
        roles,
        communities: communities
            .into_iter()
            .map(|b| RoleIn {
                slug: b.handle,
                name: b.name,
                role: b.role.as_str(),
            })
            .collect(),
        organizations: organizations
            .into_iter()
            .map(|b| OrgRoleIn {
                slug: b.slug,
                name: b.name,
                kind: b.kind,
                role: b.role.as_str(),
            })
            .collect(),
    }))
}
