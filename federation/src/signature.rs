//! Checking an inbound request's HTTP Signature and body digest, as Mastodon, Lemmy and the rest
//! of the fediverse send them (draft-cavage signatures over `(request-target)`, `host`, `date`
//! and `digest`, RSA with SHA-256).
//!
//! `activitypub_federation`'s inbox checks the same with the pure-Rust `rsa` crate, whose
//! big-number arithmetic took a fifth of a core at 800 activities per second (docs/benchmarks.md).
//! Here the signing string is built and checked by `http-signature-normalization` (the crate the
//! library uses, with the library's settings) and the RSA verification is done by AWS-LC, which
//! the HTTP client already links; keys are parsed once and kept.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::FedError;

/// How old a signature may be by its own `Date` or `(created)`; the inbox's stricter window on
/// the `Date` header comes first (`signed_date`). As in `activitypub_federation`.
const EXPIRES_AFTER: Duration = Duration::from_secs(60 * 60);

/// Parsed public keys by their PEM text: a key that changes is a new entry.
pub type KeyCache = moka::sync::Cache<String, Arc<ParsedPublicKey>>;

pub fn key_cache() -> KeyCache {
    moka::sync::Cache::builder().max_capacity(10_000).build()
}

/// Checks the `Digest` header (`SHA-256=<base64>`, possibly among other algorithms) against the
/// body. A header without a SHA-256 part, or any SHA-256 part that differs, is refused.
pub fn check_digest(header: Option<&str>, body: &[u8]) -> Result<(), FedError> {
    let header = header.ok_or_else(|| FedError::Signature("the request has no digest".into()))?;
    let mut parts = header
        .split(',')
        .filter_map(|part| part.trim().split_once('='))
        .filter(|(algorithm, _)| algorithm.trim().eq_ignore_ascii_case("sha-256"))
        .peekable();
    if parts.peek().is_none() {
        return Err(FedError::Signature("the digest is not SHA-256".into()));
    }
    let ours = BASE64.encode(Sha256::digest(body));
    for (_, theirs) in parts {
        if theirs.trim() != ours {
            return Err(FedError::Signature(
                "the digest does not match the body".into(),
            ));
        }
    }
    Ok(())
}

/// What of an HTTP request its signature covers.
pub struct SignedRequest<'a> {
    pub method: &'a str,
    /// The path with its query string, as received.
    pub path_and_query: &'a str,
    /// Header names in lower case. A request without `host` (HTTP/2, some proxies) is checked
    /// as if addressed to `domain`.
    pub headers: BTreeMap<String, String>,
    pub domain: &'a str,
}

/// Verifies that `request` is signed by the key in `public_key_pem` and that the signature covers
/// the digest and has not expired.
pub fn verify(
    mut request: SignedRequest<'_>,
    public_key_pem: &str,
    keys: &KeyCache,
) -> Result<(), FedError> {
    static CONFIG: std::sync::LazyLock<http_signature_normalization::Config> =
        std::sync::LazyLock::new(|| {
            http_signature_normalization::Config::new()
                .set_expiration(EXPIRES_AFTER)
                .require_digest()
        });
    if !request.headers.contains_key("host") {
        request
            .headers
            .insert("host".into(), request.domain.to_owned());
    }
    let unverified = CONFIG
        .begin_verify(request.method, request.path_and_query, request.headers)
        .map_err(|e| FedError::Signature(e.to_string()))?;
    let key = parsed_key(public_key_pem, keys)?;
    let valid = unverified.verify(|signature, signing_string| {
        BASE64.decode(signature).is_ok_and(|signature| {
            key.verify_sig(signing_string.as_bytes(), &signature)
                .is_ok()
        })
    });
    if valid {
        Ok(())
    } else {
        Err(FedError::Signature(
            "the signature does not match the actor's key".into(),
        ))
    }
}

fn parsed_key(pem: &str, keys: &KeyCache) -> Result<Arc<ParsedPublicKey>, FedError> {
    if let Some(key) = keys.get(pem) {
        return Ok(key);
    }
    let (_label, der) = pem_rfc7468::decode_vec(pem.trim().as_bytes())
        .map_err(|e| FedError::Signature(format!("the actor's public key is not PEM: {e}")))?;
    // Both SubjectPublicKeyInfo ("PUBLIC KEY") and PKCS#1 ("RSA PUBLIC KEY") are accepted.
    let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
        .map_err(|e| FedError::Signature(format!("the actor's public key is unusable: {e}")))?;
    let key = Arc::new(key);
    keys.insert(pem.to_owned(), key.clone());
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_must_be_sha256_and_match() {
        let body = br#"{"type":"Like"}"#;
        let good = format!("SHA-256={}", BASE64.encode(Sha256::digest(body)));
        assert!(check_digest(Some(&good), body).is_ok());
        assert!(check_digest(Some(&format!("sha-512=abc, {good}")), body).is_ok());
        assert!(check_digest(Some(&good), b"{}").is_err());
        assert!(check_digest(Some("SHA-512=abc"), body).is_err());
        assert!(check_digest(Some(&format!("{good},SHA-256=AAAA")), body).is_err());
        assert!(check_digest(None, body).is_err());
    }
}
