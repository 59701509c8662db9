//! Citizenship accords: drafting and versions, the lifecycle, signatures and the bundle that
//! lets anyone check them (`comune_domain::accords` holds every rule).

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::utc;
use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use comune_domain::accords::bundle::{self, Bundle};
use comune_domain::accords::diff::{self, Diff};
use comune_domain::accords::signatures::{self, Signatory, Signature};
use comune_domain::accords::versions::{self, Version};
use comune_domain::accords::{self, Accord, Authority, Content, State};
use comune_domain::communities;

#[derive(Debug, Serialize, ToSchema)]
pub struct AccordOut {
    pub id: uuid::Uuid,
    /// The accord's ActivityPub id.
    pub ap_id: String,
    pub community_id: uuid::Uuid,
    pub state: State,
    pub title: String,
    pub summary: String,
    pub latest_version: i32,
    /// The post whose comments are the accord's discussion (from co-design on).
    pub discussion_post_id: Option<uuid::Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Whether the caller may write versions while it is drafted or co-designed.
    pub can_edit: bool,
    /// The states the caller may move it to now.
    pub next_states: Vec<State>,
}

fn accord_out(accord: Accord, who: Authority) -> AccordOut {
    let next_states = accord
        .state
        .steps()
        .iter()
        .filter(|(_, may)| may(who))
        .map(|(to, _)| *to)
        .collect();
    AccordOut {
        id: accord.id.parse().unwrap_or_default(),
        ap_id: accord.ap_id,
        community_id: accord.community_id.parse().unwrap_or_default(),
        state: accord.state,
        title: accord.title,
        summary: accord.summary,
        latest_version: accord.latest_version,
        discussion_post_id: accord.discussion_post_id.and_then(|p| p.parse().ok()),
        created_at: utc(accord.created_at),
        updated_at: utc(accord.updated_at),
        can_edit: who.edits() && accord.state.takes_versions(),
        next_states,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionOut {
    pub number: i32,
    pub content: Content,
    /// The version document (an ActivityStreams `Document`): what signatories sign, with
    /// their `signatory` block added.
    #[schema(value_type = Object)]
    pub document: Value,
    /// The document in its canonical form (RFC 8785), as stored and hashed.
    pub canonical: String,
    /// SHA-256 of `canonical`, hexadecimal.
    pub hash: String,
    pub previous_hash: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn version_out(version: Version) -> Result<VersionOut, ApiError> {
    Ok(VersionOut {
        number: version.number,
        content: version.content()?,
        document: version.document()?,
        hash: version.hash,
        previous_hash: version.previous_hash,
        created_at: utc(version.created_at),
        canonical: version.canonical,
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionSummary {
    pub number: i32,
    pub title: String,
    pub hash: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Transition {
    pub to: State,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSignature {
    /// The block added to the version document before signing: who signs, for which
    /// organisation, in which role.
    pub signatory: Signatory,
    /// The Data Integrity proof (`eddsa-jcs-2022`) over the version document with `signatory`.
    #[schema(value_type = Object)]
    pub proof: Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignatureOut {
    pub id: uuid::Uuid,
    pub version: i32,
    pub signatory: Signatory,
    #[schema(value_type = Object)]
    pub proof: Value,
    /// When the signatory signed (the proof's `created`).
    pub created_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
}

fn signature_out(s: Signature) -> Result<SignatureOut, ApiError> {
    Ok(SignatureOut {
        id: s.id.parse().unwrap_or_default(),
        version: s.version,
        signatory: s.signatory()?,
        proof: s.proof()?,
        created_at: utc(s.created_at),
        received_at: utc(s.received_at),
    })
}

const PROBLEM: &str = "application/problem+json";

/// The accords of a community (drafts only for those who write them).
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_list",
    params(("slug" = String, Path, description = "The community")),
    responses(
        (status = 200, body = Vec<AccordOut>),
        (status = 404, body = Problem, content_type = PROBLEM),
    )
)]
#[get("/communities/{slug}/accords")]
pub async fn list(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    slug: web::Path<String>,
) -> Result<web::Json<Vec<AccordOut>>, ApiError> {
    let viewer = who.account_id();
    let (items, who) = state
        .db(move |conn| {
            let community =
                communities::find_local(conn, &slug)?.ok_or(comune_domain::Error::NotFound)?;
            accords::list(conn, &community, viewer.as_deref())
        })
        .await?;
    Ok(web::Json(
        items.into_iter().map(|a| accord_out(a, who)).collect(),
    ))
}

/// Draft an accord with its first version (facilitators, the municipality's people, admins).
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_create",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community")),
    request_body = Content,
    responses(
        (status = 201, body = AccordOut),
        (status = 401, body = Problem, content_type = PROBLEM),
        (status = 403, body = Problem, content_type = PROBLEM),
        (status = 404, body = Problem, content_type = PROBLEM),
        (status = 422, body = Problem, content_type = PROBLEM),
    )
)]
#[post("/communities/{slug}/accords")]
pub async fn create(
    state: web::Data<AppState>,
    who: SignedIn,
    slug: web::Path<String>,
    body: web::Json<Content>,
) -> Result<HttpResponse, ApiError> {
    let instance = state.instance.clone();
    let out = state
        .db(move |conn| {
            let accord =
                accords::create(conn, &instance, &slug, &who.account_id, body.into_inner())?;
            let authority = accords::authority(conn, &accord.community_id, Some(&who.account_id))?;
            Ok(accord_out(accord, authority))
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// An accord: its state, newest version number, and what the caller may do with it.
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_get",
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = AccordOut),
        (status = 404, body = Problem, content_type = PROBLEM),
    )
)]
#[get("/accords/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<AccordOut>, ApiError> {
    let viewer = who.account_id();
    let id = id.to_string();
    let (accord, authority) = state
        .db(move |conn| accords::get_visible(conn, &id, viewer.as_deref()))
        .await?;
    Ok(web::Json(accord_out(accord, authority)))
}

/// A new version, superseding the newest (only while drafted or co-designed).
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_add_version",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    request_body = Content,
    responses(
        (status = 201, body = VersionOut),
        (status = 401, body = Problem, content_type = PROBLEM),
        (status = 403, body = Problem, content_type = PROBLEM),
        (status = 404, body = Problem, content_type = PROBLEM),
        (status = 409, description = "`wrong_state`: the text is approved", body = Problem, content_type = PROBLEM),
        (status = 422, body = Problem, content_type = PROBLEM),
    )
)]
#[post("/accords/{id}/versions")]
pub async fn add_version(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<Content>,
) -> Result<HttpResponse, ApiError> {
    let id = id.to_string();
    let instance = state.instance.clone();
    let version = state
        .db(move |conn| versions::add(conn, &instance, &id, &who.account_id, body.into_inner()))
        .await?;
    Ok(HttpResponse::Created().json(version_out(version)?))
}

/// Every version of an accord, oldest first.
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_versions",
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = Vec<VersionSummary>),
        (status = 404, body = Problem, content_type = PROBLEM),
    )
)]
#[get("/accords/{id}/versions")]
pub async fn list_versions(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<Vec<VersionSummary>>, ApiError> {
    let viewer = who.account_id();
    let id = id.to_string();
    let all = state
        .db(move |conn| {
            let (accord, _) = accords::get_visible(conn, &id, viewer.as_deref())?;
            versions::all(conn, &accord.id)
        })
        .await?;
    let mut out = Vec::with_capacity(all.len());
    for v in all {
        out.push(VersionSummary {
            number: v.number,
            title: v.content()?.title,
            hash: v.hash,
            created_at: utc(v.created_at),
        });
    }
    Ok(web::Json(out))
}

/// One version: what it says, its document, canonical form and hashes.
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_version",
    params(("id" = uuid::Uuid, Path), ("n" = i32, Path, description = "The version number")),
    responses(
        (status = 200, body = VersionOut),
        (status = 404, body = Problem, content_type = PROBLEM),
    )
)]
#[get("/accords/{id}/versions/{n}")]
pub async fn get_version(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    path: web::Path<(uuid::Uuid, i32)>,
) -> Result<web::Json<VersionOut>, ApiError> {
    let viewer = who.account_id();
    let (id, n) = path.into_inner();
    let (_, version) = state
        .db(move |conn| versions::get_visible_version(conn, &id.to_string(), n, viewer.as_deref()))
        .await?;
    Ok(web::Json(version_out(version)?))
}

/// What changed from version `a` to version `b`: the text by line, the structure by item.
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_diff",
    params(("id" = uuid::Uuid, Path), ("a" = i32, Path), ("b" = i32, Path)),
    responses(
        (status = 200, body = Diff),
        (status = 404, body = Problem, content_type = PROBLEM),
    )
)]
#[get("/accords/{id}/versions/{a}/diff/{b}")]
pub async fn get_diff(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    path: web::Path<(uuid::Uuid, i32, i32)>,
) -> Result<web::Json<Diff>, ApiError> {
    let viewer = who.account_id();
    let (id, a, b) = path.into_inner();
    let (before, after) = state
        .db(move |conn| {
            let id = id.to_string();
            versions::pair_visible(conn, &id, (a, b), viewer.as_deref())
        })
        .await?;
    Ok(web::Json(diff::between(
        &before.content()?,
        &after.content()?,
    )))
}

/// Move an accord through its lifecycle; who may take each step is in `docs/accords.md`.
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_transition",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    request_body = Transition,
    responses(
        (status = 200, body = AccordOut),
        (status = 401, body = Problem, content_type = PROBLEM),
        (status = 403, body = Problem, content_type = PROBLEM),
        (status = 404, body = Problem, content_type = PROBLEM),
        (status = 409, description = "`wrong_state`: no such step from the accord's state", body = Problem, content_type = PROBLEM),
    )
)]
#[post("/accords/{id}/transitions")]
pub async fn transition(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<Transition>,
) -> Result<web::Json<AccordOut>, ApiError> {
    let instance = state.instance.clone();
    let id = id.to_string();
    let out = state
        .db(move |conn| {
            let accord = accords::transition(conn, &instance, &id, &who.account_id, body.to)?;
            let authority = accords::authority(conn, &accord.community_id, Some(&who.account_id))?;
            Ok(accord_out(accord, authority))
        })
        .await?;
    Ok(web::Json(out))
}

/// Sign a version open for signature: a proof made on the signer's device with one of their
/// registered keys, checked before it is kept.
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_sign",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path), ("n" = i32, Path, description = "The version number")),
    request_body = NewSignature,
    responses(
        (status = 201, body = SignatureOut),
        (status = 401, body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not a member of the organisation signed for", body = Problem, content_type = PROBLEM),
        (status = 404, body = Problem, content_type = PROBLEM),
        (status = 409, description = "`wrong_state` or `already_signed`", body = Problem, content_type = PROBLEM),
        (status = 422, description = "`invalid_proof`: the detail says what is wrong", body = Problem, content_type = PROBLEM),
    )
)]
#[post("/accords/{id}/versions/{n}/signatures")]
pub async fn sign(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(uuid::Uuid, i32)>,
    body: web::Json<NewSignature>,
) -> Result<HttpResponse, ApiError> {
    let instance = state.instance.clone();
    let (id, n) = path.into_inner();
    let body = body.into_inner();
    let signature = state
        .db(move |conn| {
            signatures::sign(
                conn,
                &instance,
                &id.to_string(),
                n,
                &who.account_id,
                &body.signatory,
                &body.proof,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(signature_out(signature)?))
}

/// The signatures of an accord, oldest first.
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_signatures",
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = Vec<SignatureOut>),
        (status = 404, body = Problem, content_type = PROBLEM),
    )
)]
#[get("/accords/{id}/signatures")]
pub async fn list_signatures(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<Vec<SignatureOut>>, ApiError> {
    let viewer = who.account_id();
    let id = id.to_string();
    let all = state
        .db(move |conn| {
            let (accord, _) = accords::get_visible(conn, &id, viewer.as_deref())?;
            signatures::of(conn, &accord.id)
        })
        .await?;
    Ok(web::Json(
        all.into_iter()
            .map(signature_out)
            .collect::<Result<_, _>>()?,
    ))
}

/// Everything needed to check the accord offline: `comune accord verify FILE` or the web
/// client's own check.
#[utoipa::path(
    tag = "accords",
    operation_id = "accords_bundle",
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = Bundle),
        (status = 404, body = Problem, content_type = PROBLEM),
    )
)]
#[get("/accords/{id}/bundle")]
pub async fn export_bundle(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<Bundle>, ApiError> {
    let viewer = who.account_id();
    let id = id.to_string();
    let bundle = state
        .db(move |conn| bundle::export(conn, &id, viewer.as_deref()))
        .await?;
    Ok(web::Json(bundle))
}
