//! The published test vectors, reproduced byte for byte: FEP-8b32's "Signing document" and
//! "Verifying a signature" scenarios, and the W3C vc-di-eddsa eddsa-jcs-2022 example. Where
//! each came from is written in its fixture's `_source`.

use chrono::{DateTime, Utc};
use comune_integrity::{create_proof, sign, verify_proof, verify_proof_with, Multikey, SigningKey};
use serde_json::Value;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

fn fep() -> Value {
    fixture(include_str!("fixtures/fep-8b32.json"))
}

fn w3c() -> Value {
    fixture(include_str!("fixtures/vc-di-eddsa-jcs-2022.json"))
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("fixture has a string at {pointer}"))
}

fn date(value: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(value).unwrap().to_utc()
}

#[test]
fn fep_8b32_signing_document() {
    let vector = fep();
    let key = SigningKey::from_secret_multibase(text(&vector, "/secretKeyMultibase")).unwrap();
    let signed = sign(
        &vector["document"],
        &key,
        text(&vector, "/verificationMethod"),
        date(text(&vector, "/created")),
    )
    .unwrap();

    assert_eq!(
        text(&signed, "/proof/proofValue"),
        text(&vector, "/signedDocument/proof/proofValue")
    );
    // The whole signed document, proof options included, is the expected one.
    assert_eq!(signed, vector["signedDocument"]);
}

#[test]
fn fep_8b32_verifying_a_signature_with_the_actors_key() {
    let vector = fep();
    // Resolve the verification method the way federation will: find it among the actor's
    // FEP-521a `assertionMethod` entries and read its `publicKeyMultibase`.
    let actor = &vector["actor"];
    let resolve = |id: &str| {
        actor["assertionMethod"]
            .as_array()?
            .iter()
            .find(|method| method["id"] == id && method["type"] == "Multikey")
            .and_then(|method| method["publicKeyMultibase"].as_str())
            .and_then(|encoded| Multikey::from_multibase(encoded).ok())
    };
    let verified = verify_proof_with(&vector["signedDocument"], resolve).unwrap();

    assert_eq!(
        verified.verification_method,
        "https://server.example/users/alice#ed25519-key"
    );
    assert_eq!(verified.created, Some(date("2023-02-24T23:36:38Z")));
    assert_eq!(verified.expires, None);
    assert_eq!(verified.document, vector["document"]);
}

#[test]
fn fep_8b32_public_key_is_the_secret_keys() {
    let vector = fep();
    let key = SigningKey::from_secret_multibase(text(&vector, "/secretKeyMultibase")).unwrap();
    assert_eq!(
        key.public_key().to_multibase(),
        text(&vector, "/actor/assertionMethod/0/publicKeyMultibase")
    );
}

#[test]
fn w3c_eddsa_jcs_2022_example_is_reproduced() {
    let vector = w3c();
    let key =
        SigningKey::from_secret_multibase(text(&vector, "/keyPair/privateKeyMultibase")).unwrap();
    assert_eq!(
        key.public_key().to_multibase(),
        text(&vector, "/keyPair/publicKeyMultibase")
    );

    let signed = &vector["signedDocument"];
    let mut document = signed.clone();
    document.as_object_mut().unwrap().remove("proof");
    let proof = create_proof(
        &document,
        &key,
        text(signed, "/proof/verificationMethod"),
        date(text(signed, "/proof/created")),
    )
    .unwrap();

    assert_eq!(
        text(&proof, "/proofValue"),
        text(signed, "/proof/proofValue")
    );
    assert_eq!(proof, signed["proof"]);
}

#[test]
fn w3c_eddsa_jcs_2022_example_verifies() {
    let vector = w3c();
    let public = Multikey::from_multibase(text(&vector, "/keyPair/publicKeyMultibase")).unwrap();
    let verified = verify_proof(&vector["signedDocument"], &public).unwrap();
    assert_eq!(
        verified.verification_method,
        text(&vector, "/signedDocument/proof/verificationMethod")
    );
}

#[test]
fn w3c_earlier_draft_proof_without_context_verifies() {
    // Proofs from before the spec copied `@context` into them are hashed as they stand, without
    // one, so they keep verifying; adding the context must break them.
    let vector = w3c();
    let public = Multikey::from_multibase(text(&vector, "/keyPair/publicKeyMultibase")).unwrap();
    let signed = &vector["signedDocumentWithoutProofContext"];
    assert!(signed["proof"].get("@context").is_none());
    assert!(verify_proof(signed, &public).is_ok());

    let mut with_context = signed.clone();
    with_context["proof"]["@context"] = signed["@context"].clone();
    assert_eq!(
        verify_proof(&with_context, &public).map(|_| ()),
        Err(comune_integrity::Error::SignatureMismatch)
    );
}
