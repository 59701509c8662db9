//! The HTTP error contract: `application/problem+json` (RFC 9457) with a stable `code`.
//! Handlers return [`ApiError`]; domain errors convert into it. Internal causes are logged,
//! never sent.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use comune_domain::error::{FieldErrors, Taken};
use serde::Serialize;
use utoipa::ToSchema;

/// Every machine-readable error code the API answers with. Clients switch on these; never
/// rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    ValidationFailed,
    MalformedRequest,
    UnsupportedMediaType,
    PayloadTooLarge,
    NotFound,
    MethodNotAllowed,
    Unauthorized,
    TokenExpired,
    InvalidCredentials,
    EmailNotVerified,
    AccountSuspended,
    InvalidToken,
    InvalidRefreshToken,
    RefreshTokenReused,
    Forbidden,
    UsernameTaken,
    EmailTaken,
    SlugTaken,
    /// The thing is not in a state that allows this (an accord's lifecycle).
    WrongState,
    /// A signature's proof does not verify, or names a key or signatory it may not.
    InvalidProof,
    AlreadySigned,
    KeyRegistered,
    RateLimited,
    UnsupportedImage,
    ImageTooLarge,
    InvalidImage,
    ServiceUnavailable,
    InternalError,
}

impl Code {
    pub fn status(self) -> StatusCode {
        use Code::*;
        match self {
            ValidationFailed | ImageTooLarge | InvalidImage => StatusCode::UNPROCESSABLE_ENTITY,
            MalformedRequest | InvalidToken => StatusCode::BAD_REQUEST,
            UnsupportedMediaType | UnsupportedImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            NotFound => StatusCode::NOT_FOUND,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Unauthorized | TokenExpired | InvalidCredentials | InvalidRefreshToken
            | RefreshTokenReused => StatusCode::UNAUTHORIZED,
            EmailNotVerified | AccountSuspended | Forbidden => StatusCode::FORBIDDEN,
            UsernameTaken | EmailTaken | SlugTaken | WrongState | AlreadySigned | KeyRegistered => {
                StatusCode::CONFLICT
            }
            InvalidProof => StatusCode::UNPROCESSABLE_ENTITY,
            RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short English title; the web client shows its own translated text per code.
    pub fn title(self) -> &'static str {
        use Code::*;
        match self {
            ValidationFailed => "Some fields are not valid",
            MalformedRequest => "The request could not be read",
            UnsupportedMediaType => "Unsupported content type",
            PayloadTooLarge => "The request body is too large",
            NotFound => "Not found",
            MethodNotAllowed => "Method not allowed",
            Unauthorized => "Sign-in required",
            TokenExpired => "The access token has expired",
            InvalidCredentials => "Wrong username, email or password",
            EmailNotVerified => "Email address not verified",
            AccountSuspended => "Account suspended",
            InvalidToken => "Invalid or expired link",
            InvalidRefreshToken => "Invalid or expired session",
            RefreshTokenReused => "Session ended for safety",
            Forbidden => "Not allowed",
            UsernameTaken => "Username already taken",
            EmailTaken => "Email address already registered",
            SlugTaken => "Name already in use",
            WrongState => "Not possible in this state",
            InvalidProof => "The signature was refused",
            AlreadySigned => "Already signed",
            KeyRegistered => "Key already registered",
            RateLimited => "Too many attempts",
            UnsupportedImage => "Not an accepted image",
            ImageTooLarge => "The image has too many pixels",
            InvalidImage => "The image could not be read",
            ServiceUnavailable => "Service temporarily unavailable",
            InternalError => "Something went wrong on our side",
        }
    }
}

/// The problem document, as sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: `code` identifies the problem.
    #[serde(rename = "type")]
    pub type_: &'static str,
    pub status: u16,
    pub title: &'static str,
    pub detail: String,
    pub code: Code,
    /// Field name to the reasons it was refused (only with `validation_failed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<std::collections::HashMap<String, Vec<FieldErrorDoc>>>)]
    pub errors: Option<FieldErrors>,
}

/// One reason a field was refused.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the shape of `comune_domain::error::FieldError`
pub struct FieldErrorDoc {
    /// Stable reason, e.g. `too_short`, `too_common`, `invalid`.
    code: String,
    message: String,
}

#[derive(Debug)]
pub struct ApiError {
    pub code: Code,
    pub detail: String,
    pub errors: Option<FieldErrors>,
    pub retry_after: Option<u64>,
    /// For the log only.
    pub source: Option<anyhow::Error>,
}

impl ApiError {
    pub fn new(code: Code, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
            errors: None,
            retry_after: None,
            source: None,
        }
    }

    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        Self {
            source: Some(source.into()),
            ..Self::new(
                Code::InternalError,
                "The server could not complete the request.",
            )
        }
    }

    pub fn rate_limited(retry_after: u64) -> Self {
        Self {
            retry_after: Some(retry_after.max(1)),
            ..Self::new(
                Code::RateLimited,
                format!(
                    "Too many attempts. Try again in {} seconds.",
                    retry_after.max(1)
                ),
            )
        }
    }

    pub fn not_found() -> Self {
        Self::new(Code::NotFound, "There is nothing at this address.")
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(Code::Unauthorized, detail)
    }

    pub fn problem(&self) -> Problem {
        Problem {
            type_: "about:blank",
            status: self.code.status().as_u16(),
            title: self.code.title(),
            detail: self.detail.clone(),
            code: self.code,
            errors: self.errors.clone(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.detail)?;
        if let Some(source) = &self.source {
            write!(f, " ({source:#})")?;
        }
        Ok(())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        if self.code == Code::InternalError || self.code == Code::ServiceUnavailable {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = HttpResponse::build(self.code.status());
        response.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        if let Some(seconds) = self.retry_after {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        if self.code.status() == StatusCode::UNAUTHORIZED {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

impl From<comune_domain::Error> for ApiError {
    fn from(e: comune_domain::Error) -> Self {
        use comune_domain::Error as E;
        match e {
            E::Validation(errors) => Self {
                errors: Some(errors),
                ..Self::new(
                    Code::ValidationFailed,
                    "Correct the fields listed in `errors`.",
                )
            },
            E::Conflict(Taken::Username) => {
                Self::new(Code::UsernameTaken, "Somebody already uses this username.")
            }
            E::Conflict(Taken::Email) => Self::new(
                Code::EmailTaken,
                "An account with this email address exists already. Sign in or reset the password.",
            ),
            E::Conflict(Taken::Slug) => Self::new(Code::SlugTaken, "This name is already in use."),
            E::NotFound => Self::not_found(),
            E::Forbidden => Self::new(Code::Forbidden, "You may not do this."),
            E::InvalidCredentials => Self::new(
                Code::InvalidCredentials,
                "The username, email or password is wrong.",
            ),
            E::EmailNotVerified => Self::new(
                Code::EmailNotVerified,
                "Confirm your email address with the link we sent you, then sign in.",
            ),
            E::Suspended => Self::new(Code::AccountSuspended, "This account is suspended."),
            E::InvalidToken => Self::new(
                Code::InvalidToken,
                "The link is invalid, was used already, or has expired.",
            ),
            E::InvalidRefreshToken => Self::new(
                Code::InvalidRefreshToken,
                "The session is invalid or has expired. Sign in again.",
            ),
            E::RefreshTokenReused => Self::new(
                Code::RefreshTokenReused,
                "This session token was used twice, so the session was ended. Sign in again.",
            ),
            E::WrongState(detail) => Self::new(Code::WrongState, detail),
            E::InvalidProof(detail) => Self::new(Code::InvalidProof, detail),
            E::AlreadySigned => Self::new(
                Code::AlreadySigned,
                "You signed this version for this organisation already.",
            ),
            E::KeyRegistered => Self::new(Code::KeyRegistered, "You registered this key already."),
            E::Internal(source) => Self::internal(source),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

/// Shapes the body extractors' errors (JSON, query, path) as problems.
pub mod extractors {
    use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
    use actix_web::{Error, HttpRequest};

    use super::{ApiError, Code};

    pub fn json(err: JsonPayloadError, _req: &HttpRequest) -> Error {
        let api = match &err {
            JsonPayloadError::OverflowKnownLength { limit, .. }
            | JsonPayloadError::Overflow { limit } => ApiError::new(
                Code::PayloadTooLarge,
                format!("The request body is larger than {limit} bytes."),
            ),
            JsonPayloadError::ContentType => ApiError::new(
                Code::UnsupportedMediaType,
                "Send the body as JSON with `Content-Type: application/json`.",
            ),
            JsonPayloadError::Deserialize(e) => ApiError::new(
                Code::MalformedRequest,
                format!("The JSON body could not be read: {e}"),
            ),
            _ => ApiError::new(
                Code::MalformedRequest,
                "The request body could not be read.",
            ),
        };
        api.into()
    }

    pub fn query(err: QueryPayloadError, _req: &HttpRequest) -> Error {
        ApiError::new(
            Code::MalformedRequest,
            format!("Invalid query string: {err}"),
        )
        .into()
    }

    pub fn path(_err: PathError, _req: &HttpRequest) -> Error {
        ApiError::not_found().into()
    }
}
