//! One comment: read it, and its author edits or deletes it. (Comments are written and listed
//! under their post, in `posts`.)

use actix_web::{delete, get, patch, web, HttpResponse};
use comune_domain::comments;
use serde::Deserialize;
use utoipa::ToSchema;

use super::posts::CommentOut;
use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentChanges {
    /// Markdown.
    pub body: String,
}

/// One comment (empty text when deleted or removed).
#[utoipa::path(
    tag = "posts",
    operation_id = "comments_get",
    params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    responses(
        (status = 200, body = CommentOut),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/comments/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<CommentOut>, ApiError> {
    let viewer = who.account_id();
    let id = id.into_inner().to_string();
    let view = state
        .db(move |conn| comments::view(conn, &id, viewer.as_deref()))
        .await?;
    Ok(web::Json(CommentOut::from(view)))
}

/// Edit a comment (its author, while the post is open to comments).
#[utoipa::path(
    tag = "posts",
    operation_id = "comments_edit",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    request_body = CommentChanges,
    responses(
        (status = 200, body = CommentOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the author, banned, or the post is locked", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/comments/{id}")]
pub async fn edit(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<CommentChanges>,
) -> Result<web::Json<CommentOut>, ApiError> {
    let id = id.into_inner().to_string();
    let instance = state.instance.clone();
    let view = state
        .db(move |conn| {
            comments::edit(conn, &instance, &id, &who.account_id, &body.body)?;
            comments::view(conn, &id, Some(&who.account_id))
        })
        .await?;
    Ok(web::Json(CommentOut::from(view)))
}

/// Delete a comment (its author). Its text is erased; replies keep their place.
#[utoipa::path(
    tag = "posts",
    operation_id = "comments_delete",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/comments/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    state
        .db(move |conn| comments::delete(conn, &id, &who.account_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
