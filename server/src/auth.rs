//! Access tokens (short-lived JWTs, HS256) and the extractor that turns one into the signed-in
//! person. A token names its session family, so ending the session (logout, a reused refresh
//! token) also ends the access tokens issued in it.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header::AUTHORIZATION;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use jsonwebtoken::{errors::ErrorKind, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Code};
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// Account id.
    pub sub: String,
    /// Session (refresh token family) id.
    pub sid: String,
    pub iss: String,
    pub iat: i64,
    pub exp: i64,
}

pub struct Jwt {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    pub ttl_seconds: u64,
}

impl Jwt {
    pub fn new(secret: &[u8], issuer: &str, ttl_seconds: u64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[issuer]);
        validation.set_required_spec_claims(&["exp", "sub", "iss"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issuer: issuer.to_owned(),
            ttl_seconds,
        }
    }

    pub fn issue(&self, account_id: &str, family_id: &str) -> Result<String, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: account_id.to_owned(),
            sid: family_id.to_owned(),
            iss: self.issuer.clone(),
            iat: now,
            exp: now + self.ttl_seconds as i64,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => ApiError::new(
                    Code::TokenExpired,
                    "The access token has expired: refresh it or sign in again.",
                ),
                _ => ApiError::unauthorized("The access token is not valid."),
            })
    }

    /// A link token that turns someone's notification mail off. It does not expire (old mails
    /// must keep working) and does nothing else: it is no access token, and access tokens are
    /// not unsubscribe tokens.
    pub fn unsubscribe_token(&self, account_id: &str) -> Result<String, ApiError> {
        let claims = UnsubscribeClaims {
            sub: account_id.to_owned(),
            iss: self.issuer.clone(),
            purpose: UNSUBSCRIBE.to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    /// The account an unsubscribe token stands for.
    pub fn verify_unsubscribe(&self, token: &str) -> Result<String, ApiError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&self.issuer]);
        validation.set_required_spec_claims(&["sub", "iss"]);
        validation.validate_exp = false;
        let plain = token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        plain
            .then(|| jsonwebtoken::decode::<UnsubscribeClaims>(token, &self.decoding, &validation))
            .and_then(Result::ok)
            .map(|data| data.claims)
            .filter(|c| c.purpose == UNSUBSCRIBE && comune_domain::tokens::is_id(&c.sub))
            .map(|c| c.sub)
            .ok_or_else(|| ApiError::new(Code::InvalidToken, "The unsubscribe link is not valid."))
    }
}

const UNSUBSCRIBE: &str = "unsubscribe";

#[derive(Debug, Serialize, Deserialize)]
struct UnsubscribeClaims {
    sub: String,
    iss: String,
    purpose: String,
}

/// The signed-in person, from `Authorization: Bearer <access token>`.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub account_id: String,
    pub family_id: String,
    /// When the account was created (new accounts' writes are throttled).
    pub account_created_at: chrono::NaiveDateTime,
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req
            .headers()
            .get(AUTHORIZATION)
            .map(|v| v.to_str().map(str::to_owned));
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("no state")))?;
            let token = match header {
                None => return Err(ApiError::unauthorized("Sign in to do this.")),
                Some(Err(_)) => {
                    return Err(ApiError::unauthorized("Malformed Authorization header."))
                }
                Some(Ok(value)) => value
                    .strip_prefix("Bearer ")
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(|| {
                        ApiError::unauthorized("Use `Authorization: Bearer <token>`.")
                    })?,
            };
            let claims = state.jwt.verify(&token)?;
            let family = claims.sid.clone();
            let live = state
                .session_cache
                .get_or_compute(claims.sid.clone(), async {
                    state
                        .db(move |conn| {
                            comune_domain::accounts::sessions::live_session(conn, &family)
                        })
                        .await
                })
                .await?;
            let Some(account_created_at) = live else {
                return Err(ApiError::unauthorized(
                    "The session has ended. Sign in again.",
                ));
            };
            Ok(SignedIn {
                account_id: claims.sub,
                family_id: claims.sid,
                account_created_at,
            })
        })
    }
}

/// The signed-in person if the request carries a token, or nobody. A token that is present but
/// invalid is still refused (401), so a client learns that its session ended.
#[derive(Debug, Clone)]
pub struct MaybeSignedIn(pub Option<SignedIn>);

impl MaybeSignedIn {
    pub fn account_id(&self) -> Option<String> {
        self.0.as_ref().map(|s| s.account_id.clone())
    }
}

impl FromRequest for MaybeSignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if !req.headers().contains_key(AUTHORIZATION) {
            return Box::pin(async { Ok(MaybeSignedIn(None)) });
        }
        let signed_in = SignedIn::from_request(req, payload);
        Box::pin(async move { signed_in.await.map(|s| MaybeSignedIn(Some(s))) })
    }
}

/// The signing key in force: the configured one, or one generated at first start and kept in the
/// data directory (readable by the owner only).
pub fn load_or_create_secret(settings: &crate::settings::Settings) -> anyhow::Result<Vec<u8>> {
    use anyhow::Context;
    if let Some(secret) = &settings.jwt_secret {
        return Ok(secret.as_bytes().to_vec());
    }
    let path = settings.data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= 32 {
            return Ok(existing.as_bytes().to_vec());
        }
    }
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating {}", settings.data_dir.display()))?;
    let secret = comune_domain::tokens::generate();
    write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    Ok(secret.into_bytes())
}

/// Writes a file only its owner can read.
pub fn write_private(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_tampering() {
        let jwt = Jwt::new(&[7u8; 32], "http://localhost:8080", 60);
        let token = jwt.issue("acc", "fam").unwrap();
        let claims = jwt.verify(&token).unwrap();
        assert_eq!((claims.sub.as_str(), claims.sid.as_str()), ("acc", "fam"));
        let other = Jwt::new(&[8u8; 32], "http://localhost:8080", 60);
        assert_eq!(other.verify(&token).unwrap_err().code, Code::Unauthorized);
        let wrong_issuer = Jwt::new(&[7u8; 32], "http://elsewhere", 60);
        assert_eq!(
            wrong_issuer.verify(&token).unwrap_err().code,
            Code::Unauthorized
        );
        let expired = Jwt::new(&[7u8; 32], "http://localhost:8080", 60);
        let mut claims = claims;
        claims.exp = chrono::Utc::now().timestamp() - 3600;
        let old = jsonwebtoken::encode(&Header::default(), &claims, &expired.encoding).unwrap();
        assert_eq!(expired.verify(&old).unwrap_err().code, Code::TokenExpired);
    }
}
