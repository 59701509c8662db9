//! Co-design processes: proposals, phases and the decision. A process is opened as a post of
//! a co-design channel (see `posts`).

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::posts::{NewPost, PostOut};
use super::utc;
use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use comune_domain::media;
use comune_domain::posts::{self, Draft};

#[derive(Debug, Serialize, ToSchema)]
pub struct ProcessOut {
    /// `needs`, `ideas`, `proposals`, `decision`, `implementation` or `closed`.
    pub phase: String,
    pub outcome: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Ids of the chosen proposals.
    pub chosen: Vec<uuid::Uuid>,
    pub proposal_count: i64,
}

impl From<comune_domain::codesign::ProcessInfo> for ProcessOut {
    fn from(i: comune_domain::codesign::ProcessInfo) -> Self {
        Self {
            phase: i.process.phase,
            outcome: i.process.outcome,
            decided_at: i.process.decided_at.map(utc),
            chosen: i.chosen.iter().filter_map(|c| c.parse().ok()).collect(),
            proposal_count: i.proposal_count,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PhaseChange {
    /// The next phase.
    pub to: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Decision {
    /// What was decided, and why.
    pub outcome: String,
    /// Ids of the chosen proposals.
    #[serde(default)]
    pub chosen: Vec<uuid::Uuid>,
}

/// The proposals of a co-design process, with their support.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_proposals",
    params(("id" = uuid::Uuid, Path, description = "The process's post id")),
    responses(
        (status = 200, body = Vec<PostOut>),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/posts/{id}/proposals")]
pub async fn proposals(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<Vec<PostOut>>, ApiError> {
    let viewer = who.account_id();
    let id = id.into_inner().to_string();
    let items = state
        .db(move |conn| posts::children(conn, &id, viewer.as_deref()))
        .await?;
    Ok(web::Json(items.into_iter().map(PostOut::from).collect()))
}

/// Propose, during the `ideas` and `proposals` phases (members who may write).
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_propose",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The process's post id")),
    request_body = NewPost,
    responses(
        (status = 201, body = PostOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such process", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not accepting proposals in this phase, or invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/posts/{id}/proposals")]
pub async fn propose(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<NewPost>,
) -> Result<HttpResponse, ApiError> {
    crate::throttle::check_new_account_write(&state, &who)?;
    let body = body.into_inner();
    let images = super::media::ids(&body.images);
    let draft = Draft {
        title: body.title,
        body: body.body,
    };
    let instance = state.instance.clone();
    let id = id.into_inner().to_string();
    let view = state
        .db(move |conn| {
            comune_domain::db::transaction(conn, |conn| {
                let post = comune_domain::codesign::propose(
                    conn,
                    &instance,
                    &id,
                    &who.account_id,
                    &draft,
                )?;
                media::set_post_images(conn, &post.id, &who.account_id, &images)?;
                posts::view(conn, &post.id, Some(&who.account_id))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(PostOut::from(view)))
}

/// Move a co-design process to its next phase (its channel's moderators and facilitators).
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_phase",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The process's post id")),
    request_body = PhaseChange,
    responses(
        (status = 200, body = PostOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not the next phase", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/posts/{id}/phase")]
pub async fn phase(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<PhaseChange>,
) -> Result<web::Json<PostOut>, ApiError> {
    let to = body.into_inner().to;
    let id = id.into_inner().to_string();
    let view = state
        .db(move |conn| {
            comune_domain::codesign::advance(conn, &id, &who.account_id, &to)?;
            posts::view(conn, &id, Some(&who.account_id))
        })
        .await?;
    Ok(web::Json(PostOut::from(view)))
}

/// Record the decision of a co-design process, in its `decision` phase.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_outcome",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The process's post id")),
    request_body = Decision,
    responses(
        (status = 200, body = PostOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/posts/{id}/outcome")]
pub async fn outcome(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<Decision>,
) -> Result<web::Json<PostOut>, ApiError> {
    let body = body.into_inner();
    let chosen: Vec<String> = body.chosen.iter().map(|c| c.to_string()).collect();
    let id = id.into_inner().to_string();
    let view = state
        .db(move |conn| {
            comune_domain::codesign::decide(conn, &id, &who.account_id, &body.outcome, &chosen)?;
            posts::view(conn, &id, Some(&who.account_id))
        })
        .await?;
    Ok(web::Json(PostOut::from(view)))
}
