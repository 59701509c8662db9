//! Sign-in, sessions, email verification and password reset.

use actix_web::{post, web, HttpRequest, HttpResponse};
use comune_domain::accounts::{self, sessions, Account};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::throttle;

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// Username or email address.
    pub login: String,
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// The code from the mailed link.
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailRequest {
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetConfirm {
    pub token: String,
    /// The new password (same rules as at registration).
    pub password: String,
}

/// A session's tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct Tokens {
    /// Send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Opaque; exchange it at `/auth/refresh` before the access token expires. Single use.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds the access token stays valid.
    pub expires_in: u64,
}

fn tokens(
    state: &AppState,
    account: &Account,
    issued: sessions::Issued,
) -> Result<Tokens, ApiError> {
    Ok(Tokens {
        access_token: state.jwt.issue(&account.id, &issued.family_id)?,
        refresh_token: issued.token,
        token_type: "Bearer",
        expires_in: state.jwt.ttl_seconds,
    })
}

/// Sign in with username or email and password.
#[utoipa::path(
    tag = "auth",
    operation_id = "auth_login",
    request_body = LoginRequest,
    responses(
        (status = 200, body = Tokens),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_credentials`: unknown login or wrong password (one answer for both)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`email_not_verified` or `account_suspended`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts for this account or client; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<Tokens>, ApiError> {
    let body = body.into_inner();
    throttle::check(
        &state.throttles.login_client,
        &state.throttles.client_key(&req),
    )?;
    let account_key = body.login.trim().to_lowercase();
    throttle::check(&state.throttles.login_account, &account_key)?;
    let (account, issued) = state
        .db(move |conn| {
            let account = accounts::authenticate(conn, &body.login, &body.password)?;
            let issued = sessions::start(conn, &account.id)?;
            Ok((account, issued))
        })
        .await?;
    Ok(web::Json(tokens(&state, &account, issued)?))
}

/// Exchange a refresh token for a new pair. Presenting a token that was already exchanged ends
/// the whole session.
#[utoipa::path(
    tag = "auth",
    operation_id = "auth_refresh",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = Tokens),
        (status = 401, description = "`invalid_refresh_token`, or `refresh_token_reused` (the session is now ended)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`account_suspended`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> Result<web::Json<Tokens>, ApiError> {
    let token = body.into_inner().refresh_token;
    let result = state.db(move |conn| sessions::rotate(conn, &token)).await;
    if result.is_err() {
        // Only failures count, so a busy client refreshing often is never throttled.
        throttle::check(
            &state.throttles.login_client,
            &state.throttles.client_key(&req),
        )?;
    }
    let (account, issued) = result?;
    Ok(web::Json(tokens(&state, &account, issued)?))
}

/// Sign out: ends the session the refresh token belongs to, and its access tokens.
#[utoipa::path(
    tag = "auth",
    operation_id = "auth_logout",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "`invalid_refresh_token`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    state.db(move |conn| sessions::end(conn, &token)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Confirm an email address with the code from the verification mail.
#[utoipa::path(
    tag = "auth",
    operation_id = "auth_verify_email",
    request_body = TokenRequest,
    responses(
        (status = 204, description = "Verified"),
        (status = 400, description = "`invalid_token`: unknown, used or expired", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/verify-email")]
pub async fn verify_email(
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().token;
    state
        .db(move |conn| accounts::verify_email(conn, &token))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send the verification mail again. Answers 202 whether or not the address is registered.
#[utoipa::path(
    tag = "auth",
    operation_id = "auth_resend_verification",
    request_body = EmailRequest,
    responses(
        (status = 202, description = "A mail is on its way if the address has an unverified account"),
        (status = 429, description = "Too many mail requests from this client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/verify-email/resend")]
pub async fn resend_verification(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<EmailRequest>,
) -> Result<HttpResponse, ApiError> {
    throttle::check(
        &state.throttles.mail_client,
        &state.throttles.client_key(&req),
    )?;
    let email = body.into_inner().email;
    if let Some((account, token)) = state
        .db(move |conn| accounts::resend_verification(conn, &email))
        .await?
    {
        state.mailer.verification(&account, &token).await;
    }
    Ok(HttpResponse::Accepted().finish())
}

/// Mail a password reset link. Answers 202 whether or not the address is registered.
#[utoipa::path(
    tag = "auth",
    operation_id = "auth_password_reset",
    request_body = EmailRequest,
    responses(
        (status = 202, description = "A mail is on its way if the address has an account"),
        (status = 429, description = "Too many mail requests from this client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset")]
pub async fn password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<EmailRequest>,
) -> Result<HttpResponse, ApiError> {
    throttle::check(
        &state.throttles.mail_client,
        &state.throttles.client_key(&req),
    )?;
    let email = body.into_inner().email;
    if let Some((account, token)) = state
        .db(move |conn| accounts::request_password_reset(conn, &email))
        .await?
    {
        state.mailer.password_reset(&account, &token).await;
    }
    Ok(HttpResponse::Accepted().finish())
}

/// Set a new password with the code from the reset mail. Every session of the account ends.
#[utoipa::path(
    tag = "auth",
    operation_id = "auth_password_reset_confirm",
    request_body = PasswordResetConfirm,
    responses(
        (status = 204, description = "Password changed; sign in with it"),
        (status = 400, description = "`invalid_token`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the new password is refused", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset/confirm")]
pub async fn password_reset_confirm(
    state: web::Data<AppState>,
    body: web::Json<PasswordResetConfirm>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    state
        .db(move |conn| accounts::confirm_password_reset(conn, &body.token, &body.password))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
