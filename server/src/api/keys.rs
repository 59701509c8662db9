//! The caller's signing keys: Ed25519 public keys as Multikeys, made on their own devices.

use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::utc;
use crate::auth::SignedIn;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use comune_domain::accords::keys::{self, SigningKey};

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewKey {
    /// The public key as a Multikey (`z6Mk…`).
    pub public_key_multibase: String,
    /// Which device or use it is for ("telefono", "ufficio").
    #[serde(default)]
    pub label: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KeyOut {
    pub id: uuid::Uuid,
    /// The `verificationMethod` of the proofs this key makes.
    pub key_id: String,
    pub public_key_multibase: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<SigningKey> for KeyOut {
    fn from(k: SigningKey) -> Self {
        Self {
            id: k.id.parse().unwrap_or_default(),
            key_id: k.key_id,
            public_key_multibase: k.public_key_multibase,
            label: k.label,
            created_at: utc(k.created_at),
            revoked_at: k.revoked_at.map(utc),
        }
    }
}

const PROBLEM: &str = "application/problem+json";

/// Register a public key for signing accords.
#[utoipa::path(
    tag = "accounts",
    operation_id = "keys_register",
    security(("bearer" = [])),
    request_body = NewKey,
    responses(
        (status = 201, body = KeyOut),
        (status = 401, body = Problem, content_type = PROBLEM),
        (status = 409, description = "`key_registered`", body = Problem, content_type = PROBLEM),
        (status = 422, body = Problem, content_type = PROBLEM),
    )
)]
#[post("/me/keys")]
pub async fn register(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<NewKey>,
) -> Result<HttpResponse, ApiError> {
    let key = state
        .db(move |conn| {
            keys::register(
                conn,
                &who.account_id,
                &body.public_key_multibase,
                &body.label,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(KeyOut::from(key)))
}

/// The caller's keys, newest first, revoked ones too.
#[utoipa::path(
    tag = "accounts",
    operation_id = "keys_list",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<KeyOut>),
        (status = 401, body = Problem, content_type = PROBLEM),
    )
)]
#[get("/me/keys")]
pub async fn list(
    state: web::Data<AppState>,
    who: SignedIn,
) -> Result<web::Json<Vec<KeyOut>>, ApiError> {
    let all = state
        .db(move |conn| keys::of(conn, &who.account_id))
        .await?;
    Ok(web::Json(all.into_iter().map(KeyOut::from).collect()))
}

/// Revoke a key: what it signed stays valid, it signs nothing more.
#[utoipa::path(
    tag = "accounts",
    operation_id = "keys_revoke",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = KeyOut),
        (status = 401, body = Problem, content_type = PROBLEM),
        (status = 404, body = Problem, content_type = PROBLEM),
    )
)]
#[delete("/me/keys/{id}")]
pub async fn revoke(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<KeyOut>, ApiError> {
    let id = id.to_string();
    let key = state
        .db(move |conn| keys::revoke(conn, &who.account_id, &id))
        .await?;
    Ok(web::Json(KeyOut::from(key)))
}
