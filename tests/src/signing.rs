//! Signing requests as a peer does (draft-cavage HTTP Signatures, RSA-SHA256, with a body
//! digest, as Mastodon and Lemmy send them), so tests can play a remote server, an honest or a
//! forging one.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};

/// The headers of a signed POST of `body` to `url`, by the key `key_id` (`{actor}#main-key`),
/// dated `date` (an HTTP date).
pub fn signed_headers(
    private_key_pem: &str,
    key_id: &str,
    url: &str,
    body: &[u8],
    date: &str,
) -> Vec<(String, String)> {
    sign(private_key_pem, key_id, url, body, date, true)
}

/// Like [`signed_headers`], but the signature leaves the `Date` header out of what it covers,
/// so the date could be rewritten without breaking it.
pub fn signed_headers_without_date(
    private_key_pem: &str,
    key_id: &str,
    url: &str,
    body: &[u8],
    date: &str,
) -> Vec<(String, String)> {
    sign(private_key_pem, key_id, url, body, date, false)
}

fn sign(
    private_key_pem: &str,
    key_id: &str,
    url: &str,
    body: &[u8],
    date: &str,
    cover_date: bool,
) -> Vec<(String, String)> {
    let url = url::Url::parse(url).expect("a URL");
    let name = url.host_str().expect("a URL with a host");
    let host = match url.port() {
        Some(port) => format!("{name}:{port}"),
        None => name.to_owned(),
    };
    let mut target = url.path().to_owned();
    if let Some(q) = url.query() {
        target.push('?');
        target.push_str(q);
    }
    let digest = format!("SHA-256={}", BASE64.encode(Sha256::digest(body)));
    let (signing_string, covered) = if cover_date {
        (
            format!(
                "(request-target): post {target}\nhost: {host}\ndate: {date}\ndigest: {digest}"
            ),
            "(request-target) host date digest",
        )
    } else {
        (
            format!("(request-target): post {target}\nhost: {host}\ndigest: {digest}"),
            "(request-target) host digest",
        )
    };
    let key = RsaPrivateKey::from_pkcs8_pem(private_key_pem).expect("a PKCS#8 private key");
    let signature = key
        .sign(
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(signing_string.as_bytes()),
        )
        .expect("signed");
    vec![
        ("date".into(), date.to_owned()),
        ("digest".into(), digest),
        (
            "signature".into(),
            format!(
                "keyId=\"{key_id}\",algorithm=\"rsa-sha256\",headers=\"{covered}\",signature=\"{}\"",
                BASE64.encode(signature)
            ),
        ),
        ("content-type".into(), "application/activity+json".into()),
    ]
}

/// Now, as an HTTP date.
pub fn http_date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}
