//! Everything that can go wrong while reading keys, creating proofs and verifying them.

use chrono::{DateTime, Utc};
use thiserror::Error;

/// Shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a key, a document or a proof was refused.
///
/// The messages are stable English sentences saying what broke, so the server can log them and
/// the CLI can print them as they are; code should match on the variants, not on the text.
/// Nothing in this crate panics on foreign input: every malformed shape ends up here.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    /// The key string does not start with `z`, the multibase prefix of base58btc.
    #[error("the {0} is not multibase base58btc (it must start with 'z')")]
    NotBase58btc(&'static str),
    /// The key string has characters outside the base58btc alphabet.
    #[error("the {0} is not valid base58btc")]
    InvalidBase58(&'static str),
    /// The decoded bytes start with another multicodec than the one expected, for example a
    /// secp256k1 key where an Ed25519 one belongs.
    #[error("the {what} is not {expected} (wrong multicodec prefix)")]
    WrongMulticodec {
        /// Which value: "public key" or "secret key".
        what: &'static str,
        /// What was expected, with its multicodec prefix.
        expected: &'static str,
    },
    /// A secret key was given where a public key belongs. Told apart because the mistake is easy
    /// to make with the CLI and publishing the secret key would be the consequence.
    #[error("this is an Ed25519 secret key, not a public key: keep it private")]
    SecretKeyGivenAsPublic,
    /// The decoded key has the right prefix but not 32 key bytes after it.
    #[error("the {what} has {found} key bytes after its multicodec prefix, expected 32")]
    WrongKeyLength {
        /// Which value: "public key" or "secret key".
        what: &'static str,
        /// How many bytes followed the prefix.
        found: usize,
    },
    /// The 32 bytes do not encode a point of the Ed25519 curve.
    #[error("the public key is not a valid Ed25519 point")]
    InvalidPublicKey,
    /// The operating system could not provide randomness for a new key.
    #[error("the operating system's random number generator failed: {0}")]
    Randomness(String),

    /// The document (or the value given to [`crate::canonical`]) cannot be canonicalized.
    #[error("the document cannot be canonicalized (JCS): {0}")]
    Canonicalization(String),
    /// Data Integrity secures JSON objects only.
    #[error("the document is not a JSON object")]
    NotAnObject,
    /// [`crate::sign`] was given a document that already has a `proof`.
    #[error("the document already carries a proof")]
    AlreadySigned,
    /// The secured document has no `proof` property.
    #[error("the document has no proof")]
    MissingProof,
    /// `proof` is an array (a proof set or chain), which this crate does not verify.
    #[error("the document carries a set of proofs; only a single proof is supported")]
    ProofSet,
    /// `proof` is neither an object nor an array.
    #[error("the proof is not a JSON object")]
    MalformedProof,
    /// A required property of the proof is missing or is not a string.
    #[error("the proof has no `{0}` string")]
    MissingProofField(&'static str),
    /// The proof's `type` is not `DataIntegrityProof`.
    #[error("unknown proof type `{0}` (expected DataIntegrityProof)")]
    UnknownProofType(String),
    /// The proof's `cryptosuite` is not `eddsa-jcs-2022`.
    #[error("unknown cryptosuite `{0}` (expected eddsa-jcs-2022)")]
    UnknownCryptosuite(String),
    /// The proof's `proofPurpose` is not `assertionMethod`, the only purpose FEP-8b32 allows.
    #[error("the proof purpose is `{0}`, expected assertionMethod")]
    WrongProofPurpose(String),
    /// `created` or `expires` is not an RFC 3339 date-time with a time zone.
    #[error("the proof's `{field}` is not an RFC 3339 date-time: {value}")]
    MalformedDate {
        /// `created` or `expires`.
        field: &'static str,
        /// The value as found, in JSON.
        value: String,
    },
    /// The proof's `expires` has passed.
    #[error("the proof expired at {0}")]
    Expired(DateTime<Utc>),
    /// The document's `@context` does not begin with the proof's `@context`.
    #[error("the proof's @context does not match the document's")]
    ContextMismatch,
    /// `proofValue` is not a multibase base58btc Ed25519 signature.
    #[error("malformed proofValue: {0}")]
    MalformedProofValue(&'static str),
    /// The resolver given to [`crate::verify_proof_with`] knows no key for this method.
    #[error("the verification method `{0}` could not be resolved to a key")]
    UnknownVerificationMethod(String),
    /// The signature was not made by this key over this document and these proof options.
    #[error("the signature does not match")]
    SignatureMismatch,
}
