//! Independent implementations agree with ours (issue 17, acceptance 4): a proof made by Fedify
//! (`createProof`, npm `@fedify/fedify` 2.3.6, tests/interop/fedify-proofs.mjs) is accepted by
//! the server; our proofs verify with Fedify's `verifyProof`, which finds the key on the
//! signer's actor document as we serve it; and a short Python script using `cryptography`,
//! `rfc8785` and `apsig` (tests/interop/verify_bundle.py), none of our code, checks a bundle.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use comune_tests::accords::{signature, town};
use comune_tests::{both_backends, Backend, TestServer};
use serde_json::{json, Value};

both_backends!(fedify_and_python_agree_with_us);

fn interop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("interop")
}

/// Runs the Fedify script with one JSON request and answers its JSON reply.
fn fedify(command: &str, request: &Value) -> Value {
    let dir = interop_dir();
    assert!(
        dir.join("node_modules/@fedify/fedify").is_dir(),
        "Fedify is not installed: run `npm ci` in tests/interop (./scripts/test does)"
    );
    let mut child = Command::new("node")
        .arg(dir.join("fedify-proofs.mjs"))
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "fedify-proofs.mjs {command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON answer")
}

/// Runs the Python check on a bundle: (passed, what it printed).
fn python_check(bundle: &Value) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundle.json");
    std::fs::write(&path, bundle.to_string()).unwrap();
    let python = std::env::var("COMUNE_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python)
        .arg(interop_dir().join("verify_bundle.py"))
        .arg(&path)
        .output()
        .expect("python runs");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// What Fedify's document loader may serve: the signer's actor as a peer fetches it, and our
/// extension context.
async fn documents_for(server: &TestServer, username: &str) -> Value {
    let actor = server
        .client
        .get(server.url(&format!("/u/{username}")))
        .header("accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    // The actor names our extension context by its URL, the third of its @context.
    let context_url = actor["@context"][2].as_str().unwrap().to_owned();
    let context = server.get("/ns/comune.jsonld", None).await.json;
    json!({ actor["id"].as_str().unwrap(): actor, context_url: context })
}

async fn fedify_and_python_agree_with_us(backend: Backend) {
    let t = town(backend).await;
    let s = &t.server;
    let id = t.open_for_signature().await;
    let version = t.version(&id, 1).await;
    let sign_path = format!("/api/v1/accords/{id}/versions/1/signatures");

    // Fedify makes Vito's key and signs with it; the server checks and keeps the proof.
    let made = fedify("keygen", &json!({}));
    let registered = s
        .post(
            "/api/v1/me/keys",
            json!({ "public_key_multibase": made["public_key_multibase"], "label": "Fedify" }),
            Some(&t.vito.token),
        )
        .await;
    assert_eq!(registered.status, 201, "{}", registered.body);
    let signatory = json!({ "id": t.vito.ap_id, "role": "self" });
    let mut document = version["document"].clone();
    document["signatory"] = signatory.clone();
    let signed = fedify(
        "sign",
        &json!({
            "document": document,
            "key_id": registered.json["key_id"],
            "private_jwk": made["private_jwk"],
        }),
    );
    let accepted = s
        .post(
            &sign_path,
            json!({ "signatory": signatory, "proof": signed["proof"] }),
            Some(&t.vito.token),
        )
        .await;
    assert_eq!(accepted.status, 201, "Fedify's proof: {}", accepted.body);

    // Fedify verifies ours, with the key it reads from Olga's actor document.
    let ours = signature(
        &t.olga,
        &version,
        Some(&t.auser_org),
        "legal_representative",
    );
    let kept = s.post(&sign_path, ours.clone(), Some(&t.olga.token)).await;
    assert_eq!(kept.status, 201, "{}", kept.body);
    let mut secured = version["document"].clone();
    secured["signatory"] = ours["signatory"].clone();
    secured["proof"] = ours["proof"].clone();
    let documents = documents_for(s, "olga").await;
    let checked = fedify(
        "verify",
        &json!({ "secured": secured, "documents": documents }),
    );
    assert_eq!(checked["verified"], true, "{checked}");
    assert_eq!(checked["key_id"], t.olga.key_id.as_str());
    let mut altered = secured.clone();
    altered["signatory"]["role"] = json!("delegate");
    let checked = fedify(
        "verify",
        &json!({ "secured": altered, "documents": documents }),
    );
    assert_eq!(
        checked["verified"], false,
        "an altered document verified: {checked}"
    );

    // Python, with none of our code, checks the exported bundle, and catches a changed byte.
    let bundle = s
        .get(&format!("/api/v1/accords/{id}/bundle"), None)
        .await
        .json;
    assert_eq!(bundle["signatures"].as_array().unwrap().len(), 2);
    let (passed, printed) = python_check(&bundle);
    assert!(passed, "{printed}");
    assert_eq!(
        printed.matches("apsig ProofVerifier").count(),
        2,
        "{printed}"
    );
    assert!(!printed.contains("FAILED"), "{printed}");
    let mut broken = bundle.clone();
    let value = broken["signatures"][0]["proof"]["proofValue"]
        .as_str()
        .unwrap()
        .to_owned();
    let flipped = if value.ends_with('a') { 'b' } else { 'a' };
    broken["signatures"][0]["proof"]["proofValue"] =
        json!(format!("{}{flipped}", &value[..value.len() - 1]));
    let (passed, printed) = python_check(&broken);
    assert!(!passed, "a changed proof passed:\n{printed}");
    assert!(printed.contains("FAILED  signature 1"), "{printed}");
}
