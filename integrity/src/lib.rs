//! Object integrity proofs for Comune: W3C Data Integrity proofs with the `eddsa-jcs-2022`
//! cryptosuite, over Ed25519 keys written as Multikeys.
//!
//! The server verifies with it the signatures on citizenship accord versions, the CLI
//! (`comune accord keygen/sign/verify`) creates them, and federation checks the proofs that
//! FEP-8b32 puts on activities and objects.
//!
//! # The algorithm (vc-di-eddsa §3.3, `eddsa-jcs-2022`)
//!
//! To sign a JSON object `document` with an Ed25519 key:
//!
//! 1. The proof options are `{type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022",
//!    verificationMethod, proofPurpose: "assertionMethod", created}`; if the document has an
//!    `@context`, the options get the same `@context`.
//! 2. The options and the document without its `proof` are each canonicalized with JCS
//!    (RFC 8785: sorted keys, no whitespace, ECMAScript number formatting) and hashed with
//!    SHA-256.
//! 3. `hashData` is the options' hash followed by the document's hash, 64 bytes.
//! 4. The signature is Ed25519 (RFC 8032) over `hashData`; `proofValue` is its 64 bytes in
//!    multibase base58btc (`z...`), and the options plus `proofValue` become the document's
//!    `proof`.
//!
//! Verification takes the proof apart again: the options are the proof without `proofValue`,
//! exactly as received; the document's `@context` must begin with the proof's `@context`, which
//! then replaces it; the same hash is rebuilt and the signature checked with the key of the
//! `verificationMethod`. The proof's type, cryptosuite, purpose and dates are checked first, and
//! every failure is an [`Error`] saying what broke.
//!
//! Public keys are `publicKeyMultibase` strings (`z6Mk...`, multicodec `ed25519-pub`), as
//! FEP-521a publishes them under an actor's `assertionMethod`; secret keys use the matching
//! `z3u2...` form (multicodec `ed25519-priv`) of the specifications' test vectors.
//!
//! # Example
//!
//! ```
//! use chrono::Utc;
//! use comune_integrity::{sign, verify_proof, SigningKey};
//! use serde_json::json;
//!
//! let key = SigningKey::generate()?;
//! let accord = json!({"type": "Accord", "version": 1, "text": "…"});
//! let signed = sign(&accord, &key, "https://comune.example/accord#key", Utc::now())?;
//!
//! let verified = verify_proof(&signed, &key.public_key())?;
//! assert_eq!(verified.document, accord);
//! # Ok::<(), comune_integrity::Error>(())
//! ```
//!
//! # References
//!
//! - W3C, Data Integrity EdDSA Cryptosuites v1.0, §3.3 "eddsa-jcs-2022":
//!   <https://www.w3.org/TR/vc-di-eddsa/#eddsa-jcs-2022>
//! - W3C, Verifiable Credential Data Integrity 1.0: <https://www.w3.org/TR/vc-data-integrity/>
//! - FEP-8b32, Object Integrity Proofs:
//!   <https://codeberg.org/fediverse/fep/src/branch/main/fep/8b32/fep-8b32.md>
//! - FEP-521a, Representing actor's public keys:
//!   <https://codeberg.org/fediverse/fep/src/branch/main/fep/521a/fep-521a.md>
//! - RFC 8785, JSON Canonicalization Scheme: <https://www.rfc-editor.org/rfc/rfc8785>
//!
//! # Limits
//!
//! One proof per document: proof sets and chains (`proof` as an array, `previousProof`) are
//! refused, as FEP-8b32 asks objects to carry a single proof. JCS reads numbers as IEEE 754
//! doubles, so an integer that a double cannot hold exactly is refused rather than signed or
//! verified as a different number. FEP-8b32 asks verifiers to drop a legacy Linked Data
//! `signature` property before checking the proof; that is the caller's step, because this crate
//! treats every other property as signed content.
#![deny(missing_docs)]

mod error;
mod multikey;
mod proof;

pub use error::{Error, Result};
pub use multikey::{Multikey, SigningKey};
pub use proof::{
    create_proof, parse_proof, sign, verify_proof, verify_proof_with, ParsedProof, VerifiedProof,
    CRYPTOSUITE, PROOF_PURPOSE, PROOF_TYPE,
};

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The JCS (RFC 8785) canonical form of `value`: the exact text that proofs hash, and what
/// accord versions store so their SHA-256 can be recomputed by anyone.
///
/// Fails on an integer that an IEEE 754 double cannot hold exactly (beyond ±2^53 and not a
/// multiple of the spacing there): JCS would write it as a different number, so two documents
/// would share one canonical form.
pub fn canonical(value: &Value) -> Result<String> {
    check_numbers(value)?;
    jcs(value)
}

/// [`canonical`] of an object held as a map, without cloning it into a [`Value`].
pub(crate) fn canonical_object(object: &Map<String, Value>) -> Result<String> {
    object.values().try_for_each(check_numbers)?;
    jcs(object)
}

fn jcs<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_jcs::to_string(value).map_err(|e| Error::Canonicalization(e.to_string()))
}

/// Refuses integers that would change when read as an IEEE 754 double.
fn check_numbers(value: &Value) -> Result<()> {
    // 2^63 and 2^64 as doubles: a cast back from anything at or past them saturates, so
    // they are compared before casting.
    const I64_END: f64 = 9_223_372_036_854_775_808.0;
    const U64_END: f64 = 18_446_744_073_709_551_616.0;
    match value {
        Value::Number(number) => {
            let exact = if let Some(n) = number.as_i64() {
                let double = n as f64;
                double < I64_END && double as i64 == n
            } else if let Some(n) = number.as_u64() {
                let double = n as f64;
                double < U64_END && double as u64 == n
            } else {
                true
            };
            if exact {
                Ok(())
            } else {
                Err(Error::Canonicalization(format!(
                    "the integer {number} cannot be represented exactly as a JSON number \
                     (IEEE 754 double); send it as a string"
                )))
            }
        }
        Value::Array(items) => items.iter().try_for_each(check_numbers),
        Value::Object(object) => object.values().try_for_each(check_numbers),
        Value::Null | Value::Bool(_) | Value::String(_) => Ok(()),
    }
}

/// SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// SHA-256 of `bytes` as 64 lowercase hexadecimal digits, the form accord versions store next
/// to their canonical JSON.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    sha256(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            // Writing to a String cannot fail.
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sha256_hex_matches_fips_180_examples() {
        // FIPS 180-2 appendix B.1 ("abc") and the empty message.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn canonical_matches_the_rfc_8785_example() {
        // RFC 8785 §3.2.2, the example input and its canonical form.
        let input: Value = serde_json::from_str(
            r#"{
                "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                "literals": [null, true, false]
            }"#,
        )
        .unwrap();
        assert_eq!(
            canonical(&input).unwrap(),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn canonical_sorts_keys_by_utf16_code_units() {
        // RFC 8785 §3.2.3: the emoji (surrogates D83D DE00) sorts before U+FB33, unlike in
        // code-point order.
        let input: Value = serde_json::from_str(
            r#"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#,
        )
        .unwrap();
        let expected = concat!(
            r#"{"\r":"Carriage Return","1":"One","#,
            "\"\u{80}\":\"Control\",",
            "\"\u{f6}\":\"Latin Small Letter O With Diaeresis\",",
            "\"\u{20ac}\":\"Euro Sign\",",
            "\"\u{1f600}\":\"Emoji: Grinning Face\",",
            "\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}",
        );
        assert_eq!(canonical(&input).unwrap(), expected);
    }

    #[test]
    fn integers_a_double_cannot_hold_are_refused() {
        // 2^53 + 1 would become 2^53.
        let inexact = json!({"n": [1, {"m": 9_007_199_254_740_993_u64}]});
        assert!(matches!(
            canonical(&inexact),
            Err(Error::Canonicalization(_))
        ));
        assert!(canonical(&json!(-9_007_199_254_740_993_i64)).is_err());
        assert!(canonical(&json!(i64::MAX)).is_err());
        assert!(canonical(&json!(u64::MAX)).is_err());
        // 2^53 + 2 and 2^63 are exact doubles, written in ECMAScript style.
        assert_eq!(
            canonical(&json!(9_007_199_254_740_994_u64)).unwrap(),
            "9007199254740994"
        );
        assert_eq!(
            canonical(&json!(9_223_372_036_854_775_808_u64)).unwrap(),
            "9223372036854776000"
        );
        assert_eq!(canonical(&json!(i64::MIN)).unwrap(), "-9223372036854776000");
    }
}
