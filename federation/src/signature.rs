//! HTTP Signatures with a body digest, as Mastodon, Lemmy and the rest of the fediverse send and
//! check them (draft-cavage signatures over `(request-target)`, `host`, `date` and `digest`, RSA
//! with SHA-256): checking an inbound request's, and signing a delivery.
//!
//! `activitypub_federation` does both with the pure-Rust `rsa` crate, whose big-number arithmetic
//! took a fifth of a core at 800 inbound activities per second, and 2 ms per delivery
//! (docs/benchmarks.md). Here the signing string is built and checked by
//! `http-signature-normalization` (the crate the library uses, with the library's settings) and
//! the RSA work is done by AWS-LC, which the HTTP client already links; keys are parsed once and
//! kept.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    ParsedPublicKey, RsaKeyPair, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256,
};
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

/// Our actors' parsed private keys, by their PEM text (a few: the instance and the actors that
/// have sent lately).
pub type SigningKeys = moka::sync::Cache<String, Arc<RsaKeyPair>>;

pub fn signing_keys() -> SigningKeys {
    moka::sync::Cache::builder().max_capacity(1_000).build()
}

/// The parsed form of a PKCS#8 private key in PEM.
pub fn signing_key(pem: &str, keys: &SigningKeys) -> Result<Arc<RsaKeyPair>, FedError> {
    if let Some(key) = keys.get(pem) {
        return Ok(key);
    }
    let (_label, der) = pem_rfc7468::decode_vec(pem.trim().as_bytes())
        .map_err(|e| FedError::Internal(anyhow::anyhow!("a private key is not PEM: {e}")))?;
    let key = RsaKeyPair::from_pkcs8(&der)
        .map_err(|e| FedError::Internal(anyhow::anyhow!("a private key is unusable: {e}")))?;
    let key = Arc::new(key);
    keys.insert(pem.to_owned(), key.clone());
    Ok(key)
}

/// The headers of a POST of `body` to `url`, signed by `key` as `key_id`: `content-type`,
/// `host`, `date`, `digest` and `signature`, the first four covered by the signature together
/// with `(request-target)`, `(created)` and `(expires)`, as `activitypub_federation` signs.
/// CPU-bound (about a millisecond): call it off the async executor.
pub fn sign_post(
    url: &url::Url,
    body: &[u8],
    key_id: &str,
    key: &RsaKeyPair,
) -> Result<Vec<(&'static str, String)>, FedError> {
    static CONFIG: std::sync::LazyLock<http_signature_normalization::Config> =
        std::sync::LazyLock::new(|| {
            http_signature_normalization::Config::new().set_expiration(EXPIRES_AFTER)
        });
    let host = url
        .host_str()
        .ok_or_else(|| FedError::Malformed(format!("{url} has no host")))?;
    let host = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    let mut headers = BTreeMap::from([
        ("content-type".to_owned(), crate::ACTIVITY_JSON.to_owned()),
        ("host".to_owned(), host),
        (
            "date".to_owned(),
            chrono::Utc::now()
                .format("%a, %d %b %Y %H:%M:%S GMT")
                .to_string(),
        ),
        (
            "digest".to_owned(),
            format!("SHA-256={}", BASE64.encode(Sha256::digest(body))),
        ),
    ]);
    let path_and_query = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let unsigned = CONFIG
        .begin_sign("POST", &path_and_query, headers.clone())
        .map_err(|e| FedError::Internal(anyhow::anyhow!("signing: {e}")))?;
    let signed = unsigned.sign(key_id.to_owned(), |signing_string| {
        let mut signature = vec![0; key.public_modulus_len()];
        key.sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            signing_string.as_bytes(),
            &mut signature,
        )
        .map(|()| BASE64.encode(signature))
        .map_err(|e| FedError::Internal(anyhow::anyhow!("signing: {e}")))
    })?;
    headers.insert("signature".to_owned(), signed.signature_header());
    Ok(["content-type", "host", "date", "digest", "signature"]
        .into_iter()
        .filter_map(|name| Some((name, headers.remove(name)?)))
        .collect())
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
    use activitypub_federation::http_signatures::generate_actor_keypair;
    use rsa::pkcs8::DecodePublicKey;

    /// The parameters of a `Signature` header.
    fn params(header: &str) -> BTreeMap<String, String> {
        header
            .split(',')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().trim_matches('"').to_owned()))
            .collect()
    }

    /// A signed delivery checks out with an independent verifier (the signing string built here
    /// by hand, RSA by the `rsa` crate), covers what peers require, and passes our own check.
    #[test]
    fn a_signed_post_verifies_independently_and_with_ours() {
        let keys = generate_actor_keypair().unwrap();
        let key = signing_key(&keys.private_key, &signing_keys()).unwrap();
        let url = url::Url::parse("https://peer.example:8443/inbox?via=x").unwrap();
        let body = br#"{"type":"Announce"}"#;
        let headers: BTreeMap<String, String> =
            sign_post(&url, body, "https://comune.test/c/centro#main-key", &key)
                .unwrap()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
        assert_eq!(headers["host"], "peer.example:8443");
        assert_eq!(headers["content-type"], "application/activity+json");
        check_digest(Some(&headers["digest"]), body).unwrap();

        let p = params(&headers["signature"]);
        assert_eq!(p["keyId"], "https://comune.test/c/centro#main-key");
        let covered: Vec<&str> = p["headers"].split(' ').collect();
        for required in ["(request-target)", "host", "date", "digest"] {
            assert!(covered.contains(&required), "{required} is not signed");
        }
        let signing_string = covered
            .iter()
            .map(|name| match *name {
                "(request-target)" => "(request-target): post /inbox?via=x".to_owned(),
                "(created)" => format!("(created): {}", p["created"]),
                "(expires)" => format!("(expires): {}", p["expires"]),
                header => format!("{header}: {}", headers[header]),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let public = rsa::RsaPublicKey::from_public_key_pem(&keys.public_key).unwrap();
        public
            .verify(
                rsa::Pkcs1v15Sign::new::<Sha256>(),
                &Sha256::digest(signing_string.as_bytes()),
                &BASE64.decode(&p["signature"]).unwrap(),
            )
            .expect("the rsa crate verifies the signature");

        let request = |headers: &BTreeMap<String, String>, path: &'static str| SignedRequest {
            method: "POST",
            path_and_query: path,
            headers: headers.clone(),
            domain: "peer.example:8443",
        };
        let cache = key_cache();
        verify(request(&headers, "/inbox?via=x"), &keys.public_key, &cache).unwrap();
        // Another path, another key, or a changed digest do not verify.
        assert!(verify(request(&headers, "/inbox"), &keys.public_key, &cache).is_err());
        let other = generate_actor_keypair().unwrap();
        assert!(verify(request(&headers, "/inbox?via=x"), &other.public_key, &cache).is_err());
        let mut changed = headers.clone();
        changed.insert("digest".into(), "SHA-256=AAAA".into());
        assert!(verify(request(&changed, "/inbox?via=x"), &keys.public_key, &cache).is_err());
    }

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
