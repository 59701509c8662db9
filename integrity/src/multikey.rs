//! Ed25519 keys written as Multikeys (FEP-521a; W3C Controlled Identifiers, "Multikey").
//!
//! A public key travels as `publicKeyMultibase`: the letter `z` (the multibase prefix of
//! base58btc), then base58btc of the multicodec `ed25519-pub` (0xed, as a varint `0xed 0x01`)
//! followed by the 32 key bytes. The prefix is why every such string starts with `z6Mk`.
//!
//! Secret keys use the same shape with the multicodec `ed25519-priv` (0x1300, varint
//! `0x80 0x26`) and the 32-byte seed, giving strings that start with `z3u2`. This is how the
//! W3C vc-di-eddsa and FEP-8b32 test vectors hand out their keys, so the CLI imports and exports
//! secret keys in that form too.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::{Signature, Signer, VerifyingKey};
use rand::TryRngCore;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Value};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Multicodec `ed25519-pub` as an unsigned varint.
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec `ed25519-priv` as an unsigned varint.
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];
/// The multibase prefix of base58btc, the only base these specifications allow.
const BASE58BTC: char = 'z';

const PUBLIC: &str = "public key";
const SECRET: &str = "secret key";

/// Why a multibase string could not be read; each caller words it for its own value.
#[derive(Debug)]
pub(crate) enum MultibaseError {
    NotBase58btc,
    InvalidBase58,
}

/// Decodes a multibase base58btc string (`z...`) into bytes.
pub(crate) fn decode_base58btc(encoded: &str) -> Result<Vec<u8>, MultibaseError> {
    let body = encoded
        .strip_prefix(BASE58BTC)
        .ok_or(MultibaseError::NotBase58btc)?;
    bs58::decode(body)
        .into_vec()
        .map_err(|_| MultibaseError::InvalidBase58)
}

/// Encodes bytes as multibase base58btc (`z...`).
pub(crate) fn encode_base58btc(bytes: &[u8]) -> String {
    let mut encoded = String::from(BASE58BTC);
    encoded.push_str(&bs58::encode(bytes).into_string());
    encoded
}

/// Decodes a multibase key, checks its multicodec prefix and returns its 32 key bytes. The
/// buffer is wiped on drop because the same path reads secret keys.
fn decode_key(
    encoded: &str,
    prefix: [u8; 2],
    what: &'static str,
    expected: &'static str,
) -> Result<Zeroizing<[u8; 32]>> {
    let bytes = Zeroizing::new(decode_base58btc(encoded).map_err(|e| match e {
        MultibaseError::NotBase58btc => Error::NotBase58btc(what),
        MultibaseError::InvalidBase58 => Error::InvalidBase58(what),
    })?);
    let key = bytes.strip_prefix(&prefix).ok_or_else(|| {
        if what == PUBLIC && bytes.starts_with(&ED25519_PRIV) {
            Error::SecretKeyGivenAsPublic
        } else {
            Error::WrongMulticodec { what, expected }
        }
    })?;
    let mut out = Zeroizing::new([0u8; 32]);
    if key.len() != out.len() {
        return Err(Error::WrongKeyLength {
            what,
            found: key.len(),
        });
    }
    out.copy_from_slice(key);
    Ok(out)
}

/// Encodes 32 key bytes behind a multicodec prefix as multibase base58btc.
fn encode_key(prefix: [u8; 2], key: &[u8; 32]) -> String {
    let mut bytes = Zeroizing::new([0u8; 34]);
    bytes[..2].copy_from_slice(&prefix);
    bytes[2..].copy_from_slice(key);
    encode_base58btc(bytes.as_slice())
}

/// An Ed25519 public key, read from or written as `publicKeyMultibase` (`z6Mk...`).
///
/// It displays and (de)serializes as that string, so it can sit directly in protocol structs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Multikey(VerifyingKey);

impl Multikey {
    /// Reads a `publicKeyMultibase` value. Refuses other bases, other key types (with a
    /// distinct error for an Ed25519 secret key), wrong lengths and bytes off the curve.
    pub fn from_multibase(encoded: &str) -> Result<Self> {
        let key = decode_key(
            encoded,
            ED25519_PUB,
            PUBLIC,
            "an Ed25519 public key (0xed01)",
        )?;
        Self::from_bytes(&key)
    }

    /// The `publicKeyMultibase` form: `z6Mk...`.
    pub fn to_multibase(&self) -> String {
        encode_key(ED25519_PUB, self.0.as_bytes())
    }

    /// Takes the 32 raw bytes of an Ed25519 public key.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self> {
        VerifyingKey::from_bytes(bytes)
            .map(Self)
            .map_err(|_| Error::InvalidPublicKey)
    }

    /// The 32 raw bytes of the key.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The key as a FEP-521a verification method, the object an actor lists under
    /// `assertionMethod`: `{id, type: "Multikey", controller, publicKeyMultibase}`.
    pub fn verification_method(&self, id: &str, controller: &str) -> Value {
        json!({
            "id": id,
            "type": "Multikey",
            "controller": controller,
            "publicKeyMultibase": self.to_multibase(),
        })
    }

    /// Checks an Ed25519 signature over `message`. `verify_strict` also refuses weak keys and
    /// malleable signatures, which honest signers never produce.
    pub(crate) fn verify(&self, message: &[u8], signature: &Signature) -> bool {
        self.0.verify_strict(message, signature).is_ok()
    }
}

impl fmt::Display for Multikey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_multibase())
    }
}

impl fmt::Debug for Multikey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Multikey({self})")
    }
}

impl FromStr for Multikey {
    type Err = Error;

    fn from_str(encoded: &str) -> Result<Self> {
        Self::from_multibase(encoded)
    }
}

impl Serialize for Multikey {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_multibase())
    }
}

impl<'de> Deserialize<'de> for Multikey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let encoded = String::deserialize(deserializer)?;
        Self::from_multibase(&encoded).map_err(serde::de::Error::custom)
    }
}

/// An Ed25519 signing key. Its secret bytes are wiped from memory when it is dropped, and its
/// `Debug` output shows only the public key.
#[derive(Clone)]
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// A new key from the operating system's random number generator.
    pub fn generate() -> Result<Self> {
        let mut seed = Zeroizing::new([0u8; 32]);
        // The OS generator directly, not a user-space one: keys are long-lived and rare.
        rand::rngs::OsRng
            .try_fill_bytes(seed.as_mut())
            .map_err(|e| Error::Randomness(e.to_string()))?;
        Ok(Self::from_seed(&seed))
    }

    /// The key whose 32-byte secret seed (RFC 8032's "private key") is `seed`.
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        Self(ed25519_dalek::SigningKey::from_bytes(seed))
    }

    /// Reads a secret key in multibase form (`z3u2...`, multicodec `ed25519-priv` 0x1300).
    pub fn from_secret_multibase(encoded: &str) -> Result<Self> {
        let seed = decode_key(
            encoded,
            ED25519_PRIV,
            SECRET,
            "an Ed25519 secret key (0x8026)",
        )?;
        Ok(Self::from_seed(&seed))
    }

    /// The secret key in multibase form (`z3u2...`), for the CLI to save. Whoever holds this
    /// string can sign as the key's owner.
    pub fn to_secret_multibase(&self) -> String {
        encode_key(ED25519_PRIV, &self.0.to_bytes())
    }

    /// The matching public key.
    pub fn public_key(&self) -> Multikey {
        Multikey(self.0.verifying_key())
    }

    /// Signs `message` (pure Ed25519, RFC 8032).
    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.0.sign(message)
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey(public: {})", self.public_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The key pair of the W3C vc-di-eddsa test vectors (TestVectors/keyPair.json), which the
    // FEP-8b32 test vectors reuse.
    const VECTOR_SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
    const VECTOR_PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

    #[test]
    fn the_vector_secret_key_gives_the_vector_public_key() {
        let key = SigningKey::from_secret_multibase(VECTOR_SECRET).unwrap();
        assert_eq!(key.public_key().to_multibase(), VECTOR_PUBLIC);
        assert_eq!(key.to_secret_multibase(), VECTOR_SECRET);
        let public = Multikey::from_multibase(VECTOR_PUBLIC).unwrap();
        assert_eq!(public, key.public_key());
        assert_eq!(public.to_multibase(), VECTOR_PUBLIC);
    }

    #[test]
    fn generated_keys_round_trip_and_differ() {
        let a = SigningKey::generate().unwrap();
        let b = SigningKey::generate().unwrap();
        assert_ne!(a.public_key(), b.public_key());

        let public = a.public_key().to_multibase();
        assert!(public.starts_with("z6Mk"), "{public}");
        assert_eq!(Multikey::from_multibase(&public).unwrap(), a.public_key());
        let public_from_bytes = Multikey::from_bytes(&a.public_key().to_bytes()).unwrap();
        assert_eq!(public_from_bytes, a.public_key());

        let secret = a.to_secret_multibase();
        assert!(secret.starts_with("z3u2"), "{secret}");
        let again = SigningKey::from_secret_multibase(&secret).unwrap();
        assert_eq!(again.public_key(), a.public_key());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let key = SigningKey::from_secret_multibase(VECTOR_SECRET).unwrap();
        let shown = format!("{key:?}");
        assert!(!shown.contains(VECTOR_SECRET), "{shown}");
        assert!(shown.contains(VECTOR_PUBLIC), "{shown}");
    }

    #[test]
    fn multikey_serializes_as_its_string() {
        let key = Multikey::from_multibase(VECTOR_PUBLIC).unwrap();
        assert_eq!(serde_json::to_value(key).unwrap(), json!(VECTOR_PUBLIC));
        let back: Multikey = serde_json::from_value(json!(VECTOR_PUBLIC)).unwrap();
        assert_eq!(back, key);
        assert!(serde_json::from_value::<Multikey>(json!("z6Mk")).is_err());
        assert_eq!(VECTOR_PUBLIC.parse::<Multikey>().unwrap(), key);
        assert_eq!(key.to_string(), VECTOR_PUBLIC);
    }

    #[test]
    fn verification_method_has_the_fep_521a_shape() {
        let key = Multikey::from_multibase(VECTOR_PUBLIC).unwrap();
        let method = key.verification_method("https://a.example/u/x#main", "https://a.example/u/x");
        assert_eq!(
            method,
            json!({
                "id": "https://a.example/u/x#main",
                "type": "Multikey",
                "controller": "https://a.example/u/x",
                "publicKeyMultibase": VECTOR_PUBLIC,
            })
        );
    }

    #[test]
    fn malformed_public_keys_say_what_is_wrong() {
        // base64url ('u') and base16 ('f') multibase are not allowed.
        assert_eq!(
            Multikey::from_multibase("u7QGp"),
            Err(Error::NotBase58btc(PUBLIC))
        );
        assert_eq!(
            Multikey::from_multibase(""),
            Err(Error::NotBase58btc(PUBLIC))
        );
        // 0, O, I and l are outside the base58 alphabet.
        assert_eq!(
            Multikey::from_multibase("z6Mk0OIl"),
            Err(Error::InvalidBase58(PUBLIC))
        );
        // A secp256k1 public key (multicodec 0xe7) from the W3C Controlled Identifiers examples.
        assert!(matches!(
            Multikey::from_multibase("zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"),
            Err(Error::WrongMulticodec { what: PUBLIC, .. })
        ));
        assert_eq!(
            Multikey::from_multibase(VECTOR_SECRET),
            Err(Error::SecretKeyGivenAsPublic)
        );
        let short = encode_base58btc(&[0xed, 0x01, 1, 2, 3]);
        assert_eq!(
            Multikey::from_multibase(&short),
            Err(Error::WrongKeyLength {
                what: PUBLIC,
                found: 3
            })
        );
        let public = Multikey::from_multibase(VECTOR_PUBLIC).unwrap().to_bytes();
        let mut long = vec![0xed, 0x01];
        long.extend_from_slice(&public);
        long.push(0);
        assert_eq!(
            Multikey::from_multibase(&encode_base58btc(&long)),
            Err(Error::WrongKeyLength {
                what: PUBLIC,
                found: 33
            })
        );
    }

    #[test]
    fn bytes_off_the_curve_are_refused() {
        // y = 2 has no x on edwards25519 (x² = (y²-1)/(dy²+1) is not a square mod 2^255-19).
        let mut bytes = [0u8; 32];
        bytes[0] = 2;
        assert_eq!(Multikey::from_bytes(&bytes), Err(Error::InvalidPublicKey));
        assert_eq!(
            Multikey::from_multibase(&encode_key(ED25519_PUB, &bytes)),
            Err(Error::InvalidPublicKey)
        );
    }

    #[test]
    fn malformed_secret_keys_say_what_is_wrong() {
        assert_eq!(
            SigningKey::from_secret_multibase("f8026").map(|_| ()),
            Err(Error::NotBase58btc(SECRET))
        );
        assert_eq!(
            SigningKey::from_secret_multibase("z3u2l").map(|_| ()),
            Err(Error::InvalidBase58(SECRET))
        );
        assert!(matches!(
            SigningKey::from_secret_multibase(VECTOR_PUBLIC),
            Err(Error::WrongMulticodec { what: SECRET, .. })
        ));
        assert_eq!(
            SigningKey::from_secret_multibase(&encode_base58btc(&[0x80, 0x26, 9])).map(|_| ()),
            Err(Error::WrongKeyLength {
                what: SECRET,
                found: 1
            })
        );
    }
}
