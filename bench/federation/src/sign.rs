//! Signing deliveries as a peer does: draft-cavage HTTP Signatures, RSA-SHA256 over
//! `(request-target) host date digest`, with a SHA-256 body digest (what Mastodon and Lemmy
//! send, and what the integration tests' signer makes).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};

/// The key every fake person signs with. One key serves them all: the server fetches each
/// person's document and verifies each request against the key it found there, so sharing a
/// key changes nothing in the work it does, and saves generating thousands of RSA keys.
pub struct Signer {
    key: RsaPrivateKey,
    pub public_pem: String,
}

impl Signer {
    pub fn generate() -> anyhow::Result<Self> {
        let key = RsaPrivateKey::new(&mut rand::thread_rng(), 2048)?;
        let public_pem = key.to_public_key().to_public_key_pem(LineEnding::LF)?;
        Ok(Self { key, public_pem })
    }

    /// The headers of a signed POST of `body` to `path` on `host`, by `key_id`, dated `date`
    /// (an HTTP date).
    pub fn headers(
        &self,
        key_id: &str,
        host: &str,
        path: &str,
        body: &[u8],
        date: &str,
    ) -> anyhow::Result<Vec<(&'static str, String)>> {
        let digest = format!("SHA-256={}", BASE64.encode(Sha256::digest(body)));
        let signing_string =
            format!("(request-target): post {path}\nhost: {host}\ndate: {date}\ndigest: {digest}");
        let signature = self.key.sign(
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(signing_string.as_bytes()),
        )?;
        Ok(vec![
            ("date", date.to_owned()),
            ("digest", digest),
            (
                "signature",
                format!(
                    "keyId=\"{key_id}\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\"{}\"",
                    BASE64.encode(signature)
                ),
            ),
            ("content-type", "application/activity+json".into()),
        ])
    }
}

/// Now, as an HTTP date.
pub fn http_date_now() -> String {
    chrono::Utc::now()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}
