//! Creating and verifying `eddsa-jcs-2022` Data Integrity proofs (W3C vc-di-eddsa §3.3).

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::Signature;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::multikey::{decode_base58btc, encode_base58btc, MultibaseError, Multikey, SigningKey};
use crate::{canonical_object, sha256};

/// The proof `type` this crate writes and accepts.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The one cryptosuite this crate implements.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The proof purpose FEP-8b32 requires.
pub const PROOF_PURPOSE: &str = "assertionMethod";

/// Creates the proof object for `document` (vc-di-eddsa §3.3.1 "Create Proof").
///
/// The proof options are `type`, `cryptosuite`, `verificationMethod`, `proofPurpose` and
/// `created` (written to the second, in UTC with `Z`); when the document has an `@context`
/// the proof gets the same one, as the spec requires. Any `proof` already on `document` is
/// left out of what is signed. The result has `proofValue` and belongs under the document's
/// `proof` key; [`sign`] does that step too.
pub fn create_proof(
    document: &Value,
    key: &SigningKey,
    verification_method: &str,
    created: DateTime<Utc>,
) -> Result<Value> {
    let document = document.as_object().ok_or(Error::NotAnObject)?;
    let mut proof = Map::new();
    if let Some(context) = document.get("@context") {
        proof.insert("@context".into(), context.clone());
    }
    proof.insert("type".into(), PROOF_TYPE.into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    proof.insert("verificationMethod".into(), verification_method.into());
    proof.insert("proofPurpose".into(), PROOF_PURPOSE.into());
    proof.insert(
        "created".into(),
        created.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
    );

    let mut unsecured = document.clone();
    unsecured.remove("proof");
    let hash = hash_data(&proof, &unsecured)?;
    let signature = key.sign(&hash);
    proof.insert(
        "proofValue".into(),
        encode_base58btc(&signature.to_bytes()).into(),
    );
    Ok(Value::Object(proof))
}

/// Returns `document` with a new proof under `proof` (see [`create_proof`]).
///
/// Refuses a document that already has a proof: FEP-8b32 asks for one proof per object, and
/// [`verify_proof`] does not verify proof sets.
pub fn sign(
    document: &Value,
    key: &SigningKey,
    verification_method: &str,
    created: DateTime<Utc>,
) -> Result<Value> {
    let object = document.as_object().ok_or(Error::NotAnObject)?;
    if object.contains_key("proof") {
        return Err(Error::AlreadySigned);
    }
    let proof = create_proof(document, key, verification_method, created)?;
    let mut secured = object.clone();
    secured.insert("proof".into(), proof);
    Ok(Value::Object(secured))
}

/// A proof that passed verification, and what it vouches for.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedProof {
    /// Whose key signed: the proof's `verificationMethod`. The caller still has to check that
    /// this method belongs to the actor the document claims as its author (FEP-8b32).
    pub verification_method: String,
    /// When the signer says it signed; Data Integrity makes `created` optional.
    pub created: Option<DateTime<Utc>>,
    /// When the proof stops being valid, if the signer said so.
    pub expires: Option<DateTime<Utc>>,
    /// The document exactly as the signature covers it: without `proof`, and with the proof's
    /// `@context` when the proof has one. Read the verified data from here.
    pub document: Value,
}

/// A secured document whose proof is well formed, waiting for the key of its verification
/// method.
///
/// Split from verification so that federation can look the key up asynchronously (fetching the
/// actor) between [`parse_proof`] and [`ParsedProof::verify`].
#[derive(Debug, Clone)]
pub struct ParsedProof {
    verification_method: String,
    created: Option<DateTime<Utc>>,
    expires: Option<DateTime<Utc>>,
    signature: Signature,
    /// The proof without `proofValue`: vc-di-eddsa's `proofOptions`, hashed as it stands.
    options: Map<String, Value>,
    /// The document without `proof`, its `@context` replaced by the proof's if that has one.
    unsecured: Map<String, Value>,
}

/// Reads and checks the proof of `secured` (vc-di-eddsa §3.3.2 "Verify Proof", steps 1-4,
/// with the checks of §3.3.3 and §3.3.5): one proof object, of type `DataIntegrityProof`,
/// cryptosuite `eddsa-jcs-2022`, purpose `assertionMethod`, a `verificationMethod`, `created`
/// and `expires` (when present) as RFC 3339 date-times, a 64-byte base58btc `proofValue`, and
/// the document's `@context` beginning with the proof's `@context` (when present).
pub fn parse_proof(secured: &Value) -> Result<ParsedProof> {
    let secured = secured.as_object().ok_or(Error::NotAnObject)?;
    let proof = match secured.get("proof") {
        None => return Err(Error::MissingProof),
        Some(Value::Array(_)) => return Err(Error::ProofSet),
        Some(Value::Object(proof)) => proof,
        Some(_) => return Err(Error::MalformedProof),
    };

    let proof_type = string_field(proof, "type")?;
    if proof_type != PROOF_TYPE {
        return Err(Error::UnknownProofType(proof_type.to_owned()));
    }
    let cryptosuite = string_field(proof, "cryptosuite")?;
    if cryptosuite != CRYPTOSUITE {
        return Err(Error::UnknownCryptosuite(cryptosuite.to_owned()));
    }
    let purpose = string_field(proof, "proofPurpose")?;
    if purpose != PROOF_PURPOSE {
        return Err(Error::WrongProofPurpose(purpose.to_owned()));
    }
    let verification_method = string_field(proof, "verificationMethod")?.to_owned();
    let created = date_field(proof, "created")?;
    let expires = date_field(proof, "expires")?;
    let signature = decode_signature(string_field(proof, "proofValue")?)?;

    let mut options = proof.clone();
    options.remove("proofValue");
    let mut unsecured = secured.clone();
    unsecured.remove("proof");
    if let Some(proof_context) = options.get("@context") {
        // The spec asks only that the document's contexts begin with the proof's, so contexts
        // appended after signing are tolerated; what is hashed, and returned as verified, is
        // the document with the proof's context.
        let document_context = unsecured.get("@context").ok_or(Error::ContextMismatch)?;
        if !context_starts_with(document_context, proof_context) {
            return Err(Error::ContextMismatch);
        }
        unsecured.insert("@context".into(), proof_context.clone());
    }

    Ok(ParsedProof {
        verification_method,
        created,
        expires,
        signature,
        options,
        unsecured,
    })
}

impl ParsedProof {
    /// The proof's `verificationMethod`: the id of the key to verify with.
    pub fn verification_method(&self) -> &str {
        &self.verification_method
    }

    /// The proof's `created`, if it has one.
    pub fn created(&self) -> Option<DateTime<Utc>> {
        self.created
    }

    /// Checks the signature with `key` (vc-di-eddsa §3.3.2 steps 5-9), then that the proof has
    /// not expired.
    pub fn verify(&self, key: &Multikey) -> Result<VerifiedProof> {
        let hash = hash_data(&self.options, &self.unsecured)?;
        if !key.verify(&hash, &self.signature) {
            return Err(Error::SignatureMismatch);
        }
        // FEP-8b32: verifiers should ignore expired proofs.
        if let Some(expires) = self.expires {
            if expires <= Utc::now() {
                return Err(Error::Expired(expires));
            }
        }
        Ok(VerifiedProof {
            verification_method: self.verification_method.clone(),
            created: self.created,
            expires: self.expires,
            document: Value::Object(self.unsecured.clone()),
        })
    }
}

/// Verifies the proof of `secured` with `key` (see [`parse_proof`] and [`ParsedProof::verify`]).
pub fn verify_proof(secured: &Value, key: &Multikey) -> Result<VerifiedProof> {
    parse_proof(secured)?.verify(key)
}

/// Verifies the proof of `secured` with the key that `resolve` gives for the proof's
/// `verificationMethod`; `None` means the method is unknown. Use [`parse_proof`] directly when
/// the lookup is asynchronous or needs its own errors.
pub fn verify_proof_with<F>(secured: &Value, resolve: F) -> Result<VerifiedProof>
where
    F: FnOnce(&str) -> Option<Multikey>,
{
    let parsed = parse_proof(secured)?;
    let key = resolve(parsed.verification_method())
        .ok_or_else(|| Error::UnknownVerificationMethod(parsed.verification_method.clone()))?;
    parsed.verify(&key)
}

/// vc-di-eddsa §3.3.4 "Hashing": SHA-256 of the canonical proof configuration followed by
/// SHA-256 of the canonical document, 64 bytes, signed as they are.
fn hash_data(options: &Map<String, Value>, document: &Map<String, Value>) -> Result<[u8; 64]> {
    let options = canonical_object(options)?;
    let document = canonical_object(document)?;
    let mut hash = [0u8; 64];
    hash[..32].copy_from_slice(&sha256(options.as_bytes()));
    hash[32..].copy_from_slice(&sha256(document.as_bytes()));
    Ok(hash)
}

/// A required string property of the proof.
fn string_field<'a>(proof: &'a Map<String, Value>, name: &'static str) -> Result<&'a str> {
    proof
        .get(name)
        .and_then(Value::as_str)
        .ok_or(Error::MissingProofField(name))
}

/// An optional date-time property of the proof; present but unreadable is an error.
fn date_field(proof: &Map<String, Value>, name: &'static str) -> Result<Option<DateTime<Utc>>> {
    let Some(value) = proof.get(name) else {
        return Ok(None);
    };
    value
        .as_str()
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
        .map(|date| Some(date.with_timezone(&Utc)))
        .ok_or_else(|| Error::MalformedDate {
            field: name,
            value: value.to_string(),
        })
}

fn decode_signature(proof_value: &str) -> Result<Signature> {
    let bytes = decode_base58btc(proof_value).map_err(|e| {
        Error::MalformedProofValue(match e {
            MultibaseError::NotBase58btc => "it must start with 'z' (multibase base58btc)",
            MultibaseError::InvalidBase58 => "it is not valid base58btc",
        })
    })?;
    let bytes: [u8; 64] = bytes
        .try_into()
        .map_err(|_| Error::MalformedProofValue("an Ed25519 signature has 64 bytes"))?;
    Ok(Signature::from_bytes(&bytes))
}

/// Whether the document's `@context` begins with every entry of the proof's, in order. A
/// context that is not an array counts as a list of one, as in JSON-LD.
fn context_starts_with(document: &Value, proof: &Value) -> bool {
    fn entries(context: &Value) -> &[Value] {
        match context {
            Value::Array(entries) => entries,
            single => std::slice::from_ref(single),
        }
    }
    entries(document).starts_with(entries(proof))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn key() -> SigningKey {
        SigningKey::from_seed(&[7; 32])
    }

    /// Signs `document` with extra proof options that [`create_proof`] never writes, the way
    /// another implementation might.
    fn sign_with_extra(document: &Value, extra: Value) -> Value {
        let created = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
        let mut proof = create_proof(document, &key(), "https://a.example/k", created).unwrap();
        let proof_map = proof.as_object_mut().unwrap();
        proof_map.remove("proofValue");
        proof_map.extend(extra.as_object().unwrap().clone());
        let hash = hash_data(proof_map, document.as_object().unwrap()).unwrap();
        let signature = key().sign(&hash).to_bytes();
        proof_map.insert("proofValue".into(), encode_base58btc(&signature).into());
        let mut secured = document.clone();
        secured
            .as_object_mut()
            .unwrap()
            .insert("proof".into(), proof);
        secured
    }

    #[test]
    fn an_expired_proof_is_refused_and_a_future_expiry_accepted() {
        let document = json!({"type": "Note", "content": "ciao"});
        let past = sign_with_extra(&document, json!({"expires": "2020-01-01T00:00:00Z"}));
        let expired_at = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            verify_proof(&past, &key().public_key()),
            Err(Error::Expired(expired_at))
        );

        let future = sign_with_extra(&document, json!({"expires": "2999-01-01T00:00:00Z"}));
        let verified = verify_proof(&future, &key().public_key()).unwrap();
        assert_eq!(
            verified.expires,
            Some(Utc.with_ymd_and_hms(2999, 1, 1, 0, 0, 0).unwrap())
        );
    }

    #[test]
    fn proof_options_this_crate_never_writes_are_still_covered() {
        // Data Integrity hashes the whole proof but `proofValue`, e.g. a `nonce`.
        let document = json!({"type": "Note"});
        let mut secured = sign_with_extra(&document, json!({"nonce": "abc"}));
        assert!(verify_proof(&secured, &key().public_key()).is_ok());
        secured["proof"]["nonce"] = json!("abd");
        assert_eq!(
            verify_proof(&secured, &key().public_key()),
            Err(Error::SignatureMismatch)
        );
    }

    #[test]
    fn a_proof_without_created_is_accepted() {
        // `created` is optional in Data Integrity; strip it and sign again.
        let document = json!({"type": "Note"});
        let mut secured = sign_with_extra(&document, json!({}));
        let proof = secured["proof"].as_object_mut().unwrap();
        proof.remove("created");
        proof.remove("proofValue");
        let hash = hash_data(proof, document.as_object().unwrap()).unwrap();
        let signature = encode_base58btc(&key().sign(&hash).to_bytes());
        proof.insert("proofValue".into(), signature.into());
        let verified = verify_proof(&secured, &key().public_key()).unwrap();
        assert_eq!(verified.created, None);
    }

    #[test]
    fn context_prefixes() {
        let a = json!("https://a.example");
        let ab = json!(["https://a.example", "https://b.example"]);
        assert!(context_starts_with(&ab, &a));
        assert!(context_starts_with(&ab, &ab));
        assert!(context_starts_with(&a, &json!(["https://a.example"])));
        assert!(!context_starts_with(&a, &ab));
        assert!(!context_starts_with(&ab, &json!(["https://b.example"])));
        assert!(!context_starts_with(&ab, &Value::Null));
    }
}
