//! The domain's errors. Each variant is a rule that a caller can break; the server maps them to
//! stable problem codes. Anything else is `Internal`, logged with its cause and never shown.

use std::collections::BTreeMap;

use serde::Serialize;

/// One reason a field was refused: a stable `code` for clients and an English `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub code: &'static str,
    pub message: String,
}

/// Refusals per field name, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub BTreeMap<String, Vec<FieldError>>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, code: &'static str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_default()
            .push(FieldError {
                code,
                message: message.into(),
            });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was refused, otherwise the validation error.
    pub fn into_result(self) -> Result<(), Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self))
        }
    }
}

/// What is already taken, for 409 answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    Username,
    Email,
    Slug,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("{0:?} is already taken")]
    Conflict(Taken),
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("wrong login or password")]
    InvalidCredentials,
    #[error("the email address is not verified yet")]
    EmailNotVerified,
    #[error("the account is suspended")]
    Suspended,
    #[error("the link or code is invalid or has expired")]
    InvalidToken,
    #[error("the refresh token is invalid or has expired")]
    InvalidRefreshToken,
    #[error("a refresh token was used twice; the session was ended")]
    RefreshTokenReused,
    /// The thing is not in a state that allows this (an accord's lifecycle): 409.
    #[error("{0}")]
    WrongState(String),
    /// A signature's proof was refused, with what is wrong with it.
    #[error("{0}")]
    InvalidProof(String),
    /// This signatory already signed this version for this organisation.
    #[error("already signed")]
    AlreadySigned,
    /// The person registered this public key already.
    #[error("key already registered")]
    KeyRegistered,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Error::NotFound,
            other => Error::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<crate::db::DbError> for Error {
    fn from(e: crate::db::DbError) -> Self {
        Error::Internal(anyhow::Error::new(e))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Whether a database error is a unique-constraint violation, the sign of a concurrent insert
/// that slipped past the pre-check.
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}
