//! Images: uploads (multipart, checked by content, re-encoded without metadata), their alt text,
//! deletion, avatars and community banners, and the files themselves at `/media/{key}`.

use actix_multipart::{Multipart, MultipartError};
use actix_web::http::header::{self, HeaderValue};
use actix_web::{delete, patch, post, put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::media::process::{self, UPLOAD_MAX_BYTES};
use comune_domain::media::{self, files, Media, MediaFiles, Refusal};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use utoipa::ToSchema;

use super::utc;
use crate::auth::SignedIn;
use crate::error::{ApiError, Code, Problem};
use crate::state::AppState;

/// An upload's whole request body may exceed its file by this much (the other fields and the
/// multipart framing).
const FORM_OVERHEAD: usize = 64 * 1024;
/// Largest request body of an upload: 10 MiB of file and the form around it.
pub const UPLOAD_BODY_LIMIT: usize = UPLOAD_MAX_BYTES + FORM_OVERHEAD;
/// Images decoded at once by this process; a decoded photo can take a few hundred MiB.
static DECODING: Semaphore = Semaphore::const_new(2);

/// An uploaded image.
#[derive(Debug, Serialize, ToSchema)]
pub struct MediaOut {
    pub id: uuid::Uuid,
    /// Where the file is served (a path on this instance). Its last part is random: the address
    /// cannot be guessed, which is what keeps images of members-only posts private.
    #[schema(example = "/media/3f/3f9c0a77d1e24b6a8c55f0e2b1d4a9e1.jpg")]
    pub url: String,
    /// `avatar`, `banner` or `content`.
    pub purpose: String,
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    /// Size of the stored file.
    pub bytes: i32,
    /// Alt text: what the image shows, for people who cannot see it.
    pub alt: String,
    pub created_at: DateTime<Utc>,
}

impl From<Media> for MediaOut {
    fn from(m: Media) -> Self {
        Self {
            id: m.id.parse().unwrap_or_default(),
            url: m.url(),
            purpose: m.purpose,
            content_type: m.content_type,
            width: m.width,
            height: m.height,
            bytes: m.bytes,
            alt: m.alt_text,
            created_at: utc(m.created_at),
        }
    }
}

/// The form of an upload (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)] // documents the form read field by field in `upload`
pub struct UploadForm {
    /// The image: JPEG, PNG, WebP or GIF, at most 10 MiB. Its format is read from its content;
    /// its name and declared type are ignored.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// `content` (default: a picture for posts), `avatar` or `banner`.
    purpose: Option<String>,
    /// What the image shows; required for `content`, at most 1500 characters.
    alt: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AltChange {
    /// The new alt text (not empty for content images).
    pub alt: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MediaChoice {
    /// One of the caller's own uploads with the right purpose (`avatar` or `banner`).
    pub media_id: uuid::Uuid,
}

/// The fields of an upload form.
#[derive(Default)]
struct Form {
    file: Option<Vec<u8>>,
    purpose: Option<String>,
    alt: Option<String>,
}

fn too_large() -> ApiError {
    ApiError::new(
        Code::PayloadTooLarge,
        format!(
            "The image is larger than {} MiB. Choose a smaller photo, or send it at a lower \
             resolution.",
            UPLOAD_MAX_BYTES / (1024 * 1024)
        ),
    )
}

fn multipart_error(e: MultipartError) -> ApiError {
    match e {
        MultipartError::ContentTypeMissing
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible
        | MultipartError::BoundaryMissing => ApiError::new(
            Code::UnsupportedMediaType,
            "Send the image as `multipart/form-data` with a `file` field.",
        ),
        MultipartError::Payload(actix_web::error::PayloadError::Overflow) => too_large(),
        other => ApiError::new(
            Code::MalformedRequest,
            format!("The upload form could not be read: {other}"),
        ),
    }
}

/// Reads the upload form, refusing more than [`UPLOAD_BODY_LIMIT`] bytes as they arrive (with or
/// without a Content-Length).
async fn read_form(req: &HttpRequest, payload: web::Payload) -> Result<Form, ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > UPLOAD_BODY_LIMIT as u64) {
        return Err(too_large());
    }
    let mut multipart = Multipart::new(req.headers(), payload);
    let mut form = Form::default();
    let mut total = 0usize;
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(multipart_error)?;
        let name = field.name().unwrap_or_default().to_owned();
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(multipart_error)?;
            total += chunk.len();
            let limit = if name == "file" {
                UPLOAD_MAX_BYTES
            } else {
                FORM_OVERHEAD
            };
            if total > UPLOAD_BODY_LIMIT || data.len() + chunk.len() > limit {
                return Err(too_large());
            }
            data.extend_from_slice(&chunk);
        }
        let text = |data: Vec<u8>| {
            String::from_utf8(data).map_err(|_| {
                ApiError::new(
                    Code::MalformedRequest,
                    format!("The `{name}` field is not UTF-8 text."),
                )
            })
        };
        match name.as_str() {
            "file" if form.file.is_some() => {
                return Err(ApiError::new(
                    Code::MalformedRequest,
                    "Send one `file` per upload.",
                ))
            }
            "file" => form.file = Some(data),
            "purpose" => form.purpose = Some(text(data)?),
            "alt" => form.alt = Some(text(data)?),
            // Unknown fields are read (and counted) but ignored.
            _ => {}
        }
    }
    Ok(form)
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::NotAnImage => ApiError::new(
                Code::UnsupportedImage,
                "This file is not a JPEG, PNG, WebP or GIF image. Other kinds of file (documents, \
                 SVG drawings, HEIC photos) are not accepted: send the photo as JPEG.",
            ),
            Refusal::TooLarge => ApiError::new(
                Code::ImageTooLarge,
                format!(
                    "The image has too many pixels: at most {} megapixels and {} pixels a side \
                     are accepted.",
                    process::MAX_PIXELS / 1_000_000,
                    process::MAX_SIDE
                ),
            ),
            Refusal::Corrupt(why) => ApiError::new(
                Code::InvalidImage,
                format!("The image is damaged or incomplete and could not be read ({why})."),
            ),
            Refusal::FileTooLarge => too_large(),
        }
    }
}

/// Upload an image. The file's format is read from its content (JPEG, PNG, WebP or GIF; not
/// SVG), its EXIF orientation applied, and it is re-encoded (JPEG, or PNG when transparent)
/// without any metadata: location, camera and dates are gone. Content images are resized to at
/// most 2048 pixels a side and need alt text; avatars are cropped to a 512-pixel square; banners
/// are at most 1600 pixels wide.
#[utoipa::path(
    tag = "media",
    operation_id = "media_upload",
    security(("bearer" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = MediaOut),
        (status = 400, description = "The form could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account is suspended", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`: the body is over 10 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported_image`: not an accepted image by its content; `unsupported_media_type`: not a multipart form", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed` (`file`, `purpose`, `alt`), `image_too_large` (too many pixels, such as an image bomb) or `invalid_image` (damaged)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "A new account's hourly writing budget is spent", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/media")]
pub async fn upload(
    state: web::Data<AppState>,
    who: SignedIn,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    crate::throttle::check_new_account_write(&state, &who)?;
    let form = read_form(&req, payload).await?;
    let checked = media::check_upload(
        form.purpose.as_deref(),
        form.alt.as_deref().unwrap_or_default(),
    );
    let data = form.file.filter(|f| !f.is_empty());
    // Every field's problem at once: a missing file joins those of `purpose` and `alt`.
    let (purpose, alt, data) = match (checked, data) {
        (Ok((purpose, alt)), Some(data)) => (purpose, alt, data),
        (checked, data) => {
            let mut errors = match checked {
                Err(comune_domain::Error::Validation(errors)) => errors,
                Err(other) => return Err(other.into()),
                Ok(_) => comune_domain::error::FieldErrors::default(),
            };
            if data.is_none() {
                errors.add("file", "required", "choose an image to upload");
            }
            return Err(comune_domain::Error::Validation(errors).into());
        }
    };
    let stored = {
        let _permit = DECODING
            .acquire()
            .await
            .map_err(|e| ApiError::internal(anyhow::anyhow!("decoding semaphore: {e}")))?;
        let files = MediaFiles::in_data_dir(&state.settings.data_dir);
        web::block(move || -> Result<_, ApiError> {
            let image = process::process(&data, purpose)?;
            let key = files::new_key(image.format.extension());
            files.write(&key, &image.bytes).map_err(|e| {
                ApiError::internal(anyhow::Error::new(e).context("writing an image"))
            })?;
            Ok((image, key))
        })
        .await??
    };
    let (image, key) = stored;
    let owner = who.account_id.clone();
    let saved_key = key.clone();
    let inserted = state
        .db(move |conn| media::insert(conn, &owner, purpose, &alt, &image, &saved_key))
        .await;
    match inserted {
        Ok(m) => Ok(HttpResponse::Created().json(MediaOut::from(m))),
        Err(e) => {
            remove_file(&state, key).await;
            Err(e)
        }
    }
}

/// Removes a stored file after its row is gone (or was never written). A failure leaves an
/// orphan file, which is logged and harmless.
async fn remove_file(state: &AppState, key: String) {
    let files = MediaFiles::in_data_dir(&state.settings.data_dir);
    let result = web::block(move || files.remove(&key)).await;
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "could not remove an image file"),
        Err(e) => tracing::warn!(error = %e, "could not remove an image file"),
    }
}

/// Change an image's alt text (its owner).
#[utoipa::path(
    tag = "media",
    operation_id = "media_edit",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The image's id")),
    request_body = AltChange,
    responses(
        (status = 200, body = MediaOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the image's owner", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/media/{id}")]
pub async fn edit(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<AltChange>,
) -> Result<web::Json<MediaOut>, ApiError> {
    let id = id.into_inner().to_string();
    let alt = body.into_inner().alt;
    let m = state
        .db(move |conn| media::set_alt(conn, &id, &who.account_id, &alt))
        .await?;
    Ok(web::Json(MediaOut::from(m)))
}

/// Delete an image (its owner, or an instance admin): its file is removed, posts stop showing
/// it, and an avatar or banner it was goes blank.
#[utoipa::path(
    tag = "media",
    operation_id = "media_delete",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The image's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the image's owner", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/media/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    let m = state
        .db(move |conn| media::delete(conn, &id, &who.account_id))
        .await?;
    remove_file(&state, m.storage_key).await;
    Ok(HttpResponse::NoContent().finish())
}

/// Set the signed-in person's profile picture: one of their own `avatar` uploads.
#[utoipa::path(
    tag = "media",
    operation_id = "media_set_avatar",
    security(("bearer" = [])),
    request_body = MediaChoice,
    responses(
        (status = 200, description = "The avatar now shown", body = MediaOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`media_id` is not the caller's `avatar` upload", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/avatar")]
pub async fn set_avatar(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<MediaChoice>,
) -> Result<web::Json<MediaOut>, ApiError> {
    let id = body.into_inner().media_id.to_string();
    let m = state
        .db(move |conn| media::set_avatar(conn, &who.account_id, Some(&id)))
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(web::Json(MediaOut::from(m)))
}

/// Remove the signed-in person's profile picture (the upload itself stays).
#[utoipa::path(
    tag = "media",
    operation_id = "media_clear_avatar",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "No profile picture"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/avatar")]
pub async fn clear_avatar(
    state: web::Data<AppState>,
    who: SignedIn,
) -> Result<HttpResponse, ApiError> {
    state
        .db(move |conn| media::set_avatar(conn, &who.account_id, None))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Set a community's banner (its facilitators and admins): one of the caller's own `banner`
/// uploads.
#[utoipa::path(
    tag = "media",
    operation_id = "media_set_banner",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's slug")),
    request_body = MediaChoice,
    responses(
        (status = 200, description = "The banner now shown", body = MediaOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a facilitator of the community or an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`media_id` is not the caller's `banner` upload", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/communities/{slug}/banner")]
pub async fn set_banner(
    state: web::Data<AppState>,
    who: SignedIn,
    slug: web::Path<String>,
    body: web::Json<MediaChoice>,
) -> Result<web::Json<MediaOut>, ApiError> {
    let slug = slug.into_inner();
    let id = body.into_inner().media_id.to_string();
    let m = state
        .db(move |conn| media::set_banner(conn, &slug, &who.account_id, Some(&id)))
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(web::Json(MediaOut::from(m)))
}

/// Remove a community's banner (its facilitators and admins).
#[utoipa::path(
    tag = "media",
    operation_id = "media_clear_banner",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's slug")),
    responses(
        (status = 204, description = "No banner"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/communities/{slug}/banner")]
pub async fn clear_banner(
    state: web::Data<AppState>,
    who: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    state
        .db(move |conn| media::set_banner(conn, &slug, &who.account_id, None))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /media/{key}`: a stored image file. Only well-formed keys name a file, so nothing outside
/// the uploads folder can be reached and there is no listing. The files never change (a new image
/// gets a new key), so they are cached for a year; `nosniff` and a sandboxing
/// Content-Security-Policy keep a browser from treating one as anything but an image.
pub async fn serve(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let files = MediaFiles::in_data_dir(&state.settings.data_dir);
    let path = files.path(&key).ok_or_else(ApiError::not_found)?;
    let file = actix_files::NamedFile::open_async(&path)
        .await
        .map_err(|_| ApiError::not_found())?
        .use_etag(true)
        .use_last_modified(true)
        .disable_content_disposition();
    let mut res = file.into_response(&req);
    let headers = res.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(res)
}

/// An image as shown with a post.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImageOut {
    pub id: uuid::Uuid,
    /// The file (a path on this instance, unguessable).
    pub url: String,
    /// What the image shows: use it as the `alt` attribute.
    pub alt: String,
    pub width: i32,
    pub height: i32,
}

impl From<media::PostImage> for ImageOut {
    fn from(i: media::PostImage) -> Self {
        let m = i.media;
        Self {
            id: m.id.parse().unwrap_or_default(),
            url: m.url(),
            alt: m.alt_text,
            width: m.width,
            height: m.height,
        }
    }
}

/// Image ids as the domain takes them.
pub fn ids(images: &[uuid::Uuid]) -> Vec<String> {
    images.iter().map(uuid::Uuid::to_string).collect()
}
