//! Federation errors, and the HTTP status each becomes at the inbox.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum FedError {
    /// Not JSON, or not an activity we understand the shape of.
    #[error("malformed: {0}")]
    Malformed(String),
    /// Missing or wrong signature, digest or date.
    #[error("signature: {0}")]
    Signature(String),
    /// The sender's instance is not federated with.
    #[error("the instance {0} is not federated with")]
    Blocked(String),
    /// An actor acting for what is not theirs, or a rule refusing it.
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    /// A remote server could not be reached or answered badly.
    #[error("remote: {0}")]
    Remote(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<comune_domain::Error> for FedError {
    fn from(e: comune_domain::Error) -> Self {
        use comune_domain::Error as E;
        match e {
            E::NotFound => FedError::NotFound,
            E::Forbidden => FedError::Forbidden("refused by the community's rules".into()),
            E::Validation(errors) => FedError::Malformed(format!("{errors:?}")),
            other => FedError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<activitypub_federation::error::Error> for FedError {
    fn from(e: activitypub_federation::error::Error) -> Self {
        use activitypub_federation::error::Error as E;
        match e {
            E::ActivitySignatureInvalid | E::ActivityBodyDigestInvalid => {
                FedError::Signature(e.to_string())
            }
            E::ParseReceivedActivity { .. } | E::UrlParse(_) => FedError::Malformed(e.to_string()),
            E::UrlVerificationError(_)
            | E::DomainResolveError(_)
            | E::ResolveInternalIpError(..) => FedError::Forbidden(e.to_string()),
            E::NotFound | E::ObjectDeleted(_) => FedError::NotFound,
            E::Other(ref s) if s.contains("signature") || s.contains("Signature") => {
                FedError::Signature(e.to_string())
            }
            other => FedError::Remote(other.to_string()),
        }
    }
}

impl From<serde_json::Error> for FedError {
    fn from(e: serde_json::Error) -> Self {
        FedError::Malformed(e.to_string())
    }
}

impl From<url::ParseError> for FedError {
    fn from(e: url::ParseError) -> Self {
        FedError::Malformed(e.to_string())
    }
}

impl FedError {
    /// The stable machine code in problem+json answers.
    pub fn code(&self) -> &'static str {
        match self {
            FedError::Malformed(_) => "malformed_activity",
            FedError::Signature(_) => "signature_invalid",
            FedError::Blocked(_) => "instance_blocked",
            FedError::Forbidden(_) => "forbidden",
            FedError::NotFound => "not_found",
            FedError::Remote(_) => "remote_unavailable",
            FedError::Internal(_) => "internal_error",
        }
    }
}

impl ResponseError for FedError {
    fn status_code(&self) -> StatusCode {
        match self {
            FedError::Malformed(_) => StatusCode::BAD_REQUEST,
            FedError::Signature(_) => StatusCode::UNAUTHORIZED,
            FedError::Blocked(_) | FedError::Forbidden(_) => StatusCode::FORBIDDEN,
            FedError::NotFound => StatusCode::NOT_FOUND,
            FedError::Remote(_) => StatusCode::BAD_GATEWAY,
            FedError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %self, "federation request failed");
        } else {
            tracing::info!(error = %self, "federation request refused");
        }
        // Internal details stay in the log.
        let detail = match self {
            FedError::Internal(_) => "The server could not handle this request.".to_owned(),
            other => other.to_string().chars().take(300).collect(),
        };
        HttpResponse::build(status)
            .content_type("application/problem+json")
            .json(serde_json::json!({
                "type": "about:blank",
                "status": status.as_u16(),
                "title": status.canonical_reason().unwrap_or("Error"),
                "detail": detail,
                "code": self.code(),
            }))
    }
}
