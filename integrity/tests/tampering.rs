//! Verification must fail, with the error that names what broke, whenever a signed document,
//! its proof or the key is not the one that was signed. The FEP-8b32 test vector is the
//! starting point, so each test changes one thing in a document known to verify.

use chrono::{TimeZone, Utc};
use comune_integrity::{
    parse_proof, sign, verify_proof, verify_proof_with, Error, Multikey, SigningKey,
};
use serde_json::{json, Value};

fn vector() -> Value {
    serde_json::from_str(include_str!("fixtures/fep-8b32.json")).unwrap()
}

fn signed() -> Value {
    vector()["signedDocument"].clone()
}

fn alice() -> Multikey {
    let vector = vector();
    let encoded = vector["actor"]["assertionMethod"][0]["publicKeyMultibase"]
        .as_str()
        .unwrap();
    Multikey::from_multibase(encoded).unwrap()
}

fn verify(document: &Value) -> Result<(), Error> {
    verify_proof(document, &alice()).map(|_| ())
}

#[test]
fn the_untouched_vector_verifies() {
    // Every test below starts from this document; it must verify for their failures to mean
    // anything.
    assert_eq!(verify(&signed()), Ok(()));
}

#[test]
fn one_changed_byte_of_the_document_breaks_the_signature() {
    let mut document = signed();
    document["object"]["content"] = json!("Hello World");
    assert_eq!(verify(&document), Err(Error::SignatureMismatch));

    let mut document = signed();
    document["object"]["location"]["latitude"] = json!(25.273963);
    assert_eq!(verify(&document), Err(Error::SignatureMismatch));

    let mut document = signed();
    document["cc"] = json!(["https://server.example/users/bob"]);
    assert_eq!(verify(&document), Err(Error::SignatureMismatch));
}

#[test]
fn a_changed_created_breaks_the_signature() {
    let mut document = signed();
    document["proof"]["created"] = json!("2023-02-24T23:36:39Z");
    assert_eq!(verify(&document), Err(Error::SignatureMismatch));
}

#[test]
fn a_changed_verification_method_breaks_the_signature() {
    let mut document = signed();
    document["proof"]["verificationMethod"] = json!("https://server.example/users/mallory#key");
    assert_eq!(verify(&document), Err(Error::SignatureMismatch));
}

#[test]
fn another_key_does_not_verify() {
    let other = SigningKey::generate().unwrap().public_key();
    assert_eq!(
        verify_proof(&signed(), &other).map(|_| ()),
        Err(Error::SignatureMismatch)
    );
}

#[test]
fn a_garbled_proof_value_is_refused() {
    let garble = |proof_value: &str| {
        let mut document = signed();
        document["proof"]["proofValue"] = json!(proof_value);
        verify(&document)
    };
    let original = signed()["proof"]["proofValue"].as_str().unwrap().to_owned();

    // Still 64 base58btc bytes, but not the signature.
    let mut swapped: Vec<char> = original.chars().collect();
    swapped.swap(10, 11);
    let swapped: String = swapped.into_iter().collect();
    assert_ne!(swapped, original);
    assert_eq!(garble(&swapped), Err(Error::SignatureMismatch));

    assert!(matches!(
        garble(&original[1..]),
        Err(Error::MalformedProofValue(_))
    ));
    assert!(matches!(
        garble(&format!("{}0", &original[..20])),
        Err(Error::MalformedProofValue(_))
    ));
    assert!(matches!(
        garble(&original[..40]),
        Err(Error::MalformedProofValue(_))
    ));
    assert!(matches!(garble(""), Err(Error::MalformedProofValue(_))));
}

#[test]
fn another_cryptosuite_type_or_purpose_is_refused() {
    let mut document = signed();
    document["proof"]["cryptosuite"] = json!("eddsa-rdfc-2022");
    assert_eq!(
        verify(&document),
        Err(Error::UnknownCryptosuite("eddsa-rdfc-2022".into()))
    );

    let mut document = signed();
    document["proof"]["type"] = json!("Ed25519Signature2020");
    assert_eq!(
        verify(&document),
        Err(Error::UnknownProofType("Ed25519Signature2020".into()))
    );

    let mut document = signed();
    document["proof"]["proofPurpose"] = json!("authentication");
    assert_eq!(
        verify(&document),
        Err(Error::WrongProofPurpose("authentication".into()))
    );
}

#[test]
fn a_proof_moved_onto_another_document_is_refused() {
    let proof = signed()["proof"].clone();

    // Same context, different content.
    let mut other = vector()["document"].clone();
    other["id"] = json!("https://server.example/activities/2");
    other["proof"] = proof.clone();
    assert_eq!(verify(&other), Err(Error::SignatureMismatch));

    // A document with another context, or none.
    let mut other = json!({"type": "Note", "content": "Hello world"});
    other["proof"] = proof.clone();
    assert_eq!(verify(&other), Err(Error::ContextMismatch));
    other["@context"] = json!("https://www.w3.org/ns/activitystreams");
    assert_eq!(verify(&other), Err(Error::ContextMismatch));
}

#[test]
fn contexts_appended_after_signing_are_tolerated_but_not_verified() {
    // vc-di-eddsa §3.3.2 asks only that the document's contexts begin with the proof's; the
    // verified document is the one with the proof's context, which is what was signed.
    let mut document = signed();
    document["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!({"Hashtag": "as:Hashtag"}));
    let verified = verify_proof(&document, &alice()).unwrap();
    assert_eq!(verified.document, vector()["document"]);

    // Removing or reordering the signed contexts is not tolerated.
    let mut document = signed();
    document["@context"].as_array_mut().unwrap().reverse();
    assert_eq!(verify(&document), Err(Error::ContextMismatch));
}

#[test]
fn malformed_shapes_are_errors() {
    let no_proof = vector()["document"].clone();
    assert_eq!(verify(&no_proof), Err(Error::MissingProof));
    assert_eq!(verify(&json!([signed()])), Err(Error::NotAnObject));
    assert_eq!(verify(&json!(null)), Err(Error::NotAnObject));

    let mut set = signed();
    set["proof"] = json!([signed()["proof"]]);
    assert_eq!(verify(&set), Err(Error::ProofSet));

    let mut document = signed();
    document["proof"] = json!("z42ff");
    assert_eq!(verify(&document), Err(Error::MalformedProof));

    for field in [
        "type",
        "cryptosuite",
        "proofPurpose",
        "verificationMethod",
        "proofValue",
    ] {
        let mut document = signed();
        document["proof"].as_object_mut().unwrap().remove(field);
        assert_eq!(
            verify(&document),
            Err(Error::MissingProofField(field)),
            "{field}"
        );
    }

    for created in [
        json!("yesterday"),
        json!("2023-02-24T23:36:38"),
        json!(1677281798),
    ] {
        let mut document = signed();
        document["proof"]["created"] = created.clone();
        assert!(
            matches!(
                verify(&document),
                Err(Error::MalformedDate {
                    field: "created",
                    ..
                })
            ),
            "{created}"
        );
    }
}

#[test]
fn any_single_field_replaced_by_junk_fails_without_panicking() {
    let junk = [
        json!(null),
        json!(0),
        json!(-1.5),
        json!(true),
        json!(""),
        json!("z"),
        json!([]),
        json!({}),
    ];
    let original = signed();
    let proof_fields: Vec<String> = original["proof"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let document_fields: Vec<String> = original.as_object().unwrap().keys().cloned().collect();
    for value in &junk {
        for field in &proof_fields {
            let mut document = original.clone();
            document["proof"][field.as_str()] = value.clone();
            assert!(verify(&document).is_err(), "proof.{field} = {value}");
        }
        for field in &document_fields {
            let mut document = original.clone();
            document[field.as_str()] = value.clone();
            assert!(verify(&document).is_err(), "{field} = {value}");
        }
    }
}

#[test]
fn an_unknown_verification_method_is_reported() {
    assert_eq!(
        verify_proof_with(&signed(), |_| None).map(|_| ()),
        Err(Error::UnknownVerificationMethod(
            "https://server.example/users/alice#ed25519-key".into()
        ))
    );
    // The two-step form hands out the method to look up before any key is needed.
    let parsed = parse_proof(&signed()).unwrap();
    assert_eq!(
        parsed.verification_method(),
        "https://server.example/users/alice#ed25519-key"
    );
    assert!(parsed.verify(&alice()).is_ok());
}

#[test]
fn a_fresh_key_signs_and_verifies_a_document_without_context() {
    let key = SigningKey::generate().unwrap();
    let created = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let accord = json!({"type": "Accord", "version": 3, "text": "Articolo 1. …"});
    let signed = sign(&accord, &key, "https://comune.example/accord#key", created).unwrap();

    let proof = &signed["proof"];
    assert!(proof.get("@context").is_none());
    assert_eq!(proof["created"], "2026-11-23T10:00:00Z");
    let verified = verify_proof(&signed, &key.public_key()).unwrap();
    assert_eq!(verified.document, accord);
    assert_eq!(verified.created, Some(created));

    assert_eq!(
        sign(&signed, &key, "https://comune.example/accord#key", created),
        Err(Error::AlreadySigned)
    );
    assert_eq!(
        sign(
            &json!("text"),
            &key,
            "https://comune.example/accord#key",
            created
        ),
        Err(Error::NotAnObject)
    );
}
