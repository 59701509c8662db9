//! Citizenship accords over real HTTP, on both backends: the lifecycle with each role in each
//! state (a wrong role 403, a wrong state 409, and nothing changed either way), signatures
//! checked before they are kept, and bundles that `comune accord verify` checks offline.

use comune_integrity::SigningKey;
use comune_tests::accords::{content, signature, signature_with, town};
use comune_tests::{both_backends, fleet::comune_bin, Backend, Reply};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    the_lifecycle_by_role_and_state,
    proofs_that_do_not_hold_are_refused,
    a_bundle_checks_offline_and_names_what_broke,
    accords_are_found_by_search_once_out_of_draft,
);

async fn the_lifecycle_by_role_and_state(backend: Backend) {
    let t = town(backend).await;
    let s = &t.server;
    let create = "/api/v1/communities/rosta/accords";
    let text = "# Patto\n\nCi prendiamo cura del parco.\n";

    // Residents do not draft accords; facilitators do.
    s.post(
        create,
        content("Patto", text, t.parties()),
        Some(&t.rita.token),
    )
    .await
    .assert_problem(403, "forbidden");
    s.post(create, content("Patto", text, t.parties()), None)
        .await
        .assert_problem(401, "unauthorized");
    let made = s
        .post(
            create,
            content("Patto per il parco", text, t.parties()),
            Some(&t.fabio.token),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.json["state"], "draft");
    assert_eq!(made.json["latest_version"], 1);
    assert_eq!(made.json["next_states"], json!(["co_design", "withdrawn"]));
    let id = made.json["id"].as_str().unwrap().to_owned();
    let accord_path = format!("/api/v1/accords/{id}");
    let versions_path = format!("{accord_path}/versions");

    // A draft is seen only by those who write it.
    s.get(&accord_path, None)
        .await
        .assert_problem(404, "not_found");
    s.get(&accord_path, Some(&t.rita.token))
        .await
        .assert_problem(404, "not_found");
    let listed = s
        .get("/api/v1/communities/rosta/accords", Some(&t.rita.token))
        .await;
    assert_eq!(listed.json, json!([]));
    let listed = s
        .get("/api/v1/communities/rosta/accords", Some(&t.marta.token))
        .await;
    assert_eq!(listed.json.as_array().unwrap().len(), 1);

    // Versions while drafting: numbered, chained by hash.
    let v2 = s
        .post(
            &versions_path,
            content(
                "Patto per il parco",
                &format!("{text}\nAnche d'estate.\n"),
                t.parties(),
            ),
            Some(&t.marta.token),
        )
        .await;
    assert_eq!(v2.status, 201, "{}", v2.body);
    let v1 = t.version(&id, 1).await;
    assert_eq!(v2.json["number"], 2);
    assert_eq!(v2.json["previous_hash"], v1["hash"]);
    assert_eq!(v2.json["document"]["previousHash"], v1["hash"]);
    assert!(v1["previous_hash"].is_null());
    assert_eq!(v2.json["content"]["projects"][1]["budget_cents"], 9_000_000);

    // Co-design opens the discussion, where residents comment.
    t.move_to(&id, "approved", &t.fabio.token)
        .await
        .assert_problem(409, "wrong_state");
    let co = t.move_to(&id, "co_design", &t.fabio.token).await;
    assert_eq!(co.status, 200, "{}", co.body);
    let discussion = co.json["discussion_post_id"]
        .as_str()
        .expect("a discussion")
        .to_owned();
    let said = s
        .post(
            &format!("/api/v1/posts/{discussion}/comments"),
            json!({ "body": "Servono più panchine" }),
            Some(&t.rita.token),
        )
        .await;
    assert_eq!(said.status, 201, "{}", said.body);
    assert_eq!(s.get(&accord_path, None).await.status, 200);

    // Residents neither write versions nor move the accord.
    let before = t.accord(&id, &t.admin).await;
    let v = s
        .post(
            &versions_path,
            content("Patto", text, t.parties()),
            Some(&t.rita.token),
        )
        .await;
    t.refused(v, 403, "forbidden", &before).await;
    t.refuses_move(&id, "approved", &t.rita.token, 403, "forbidden")
        .await;
    // Facilitators do not approve: the city does.
    t.refuses_move(&id, "approved", &t.fabio.token, 403, "forbidden")
        .await;
    let v3 = s
        .post(
            &versions_path,
            content("Patto per il parco di via Adua", text, t.parties()),
            Some(&t.fabio.token),
        )
        .await;
    assert_eq!(v3.status, 201, "{}", v3.body);
    let approved = t.move_to(&id, "approved", &t.marta.token).await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    assert_eq!(approved.json["title"], "Patto per il parco di via Adua");

    // An approved text never changes, and no step is skipped.
    let before = t.accord(&id, &t.admin).await;
    let v = s
        .post(
            &versions_path,
            content("Altro", text, t.parties()),
            Some(&t.marta.token),
        )
        .await;
    t.refused(v, 409, "wrong_state", &before).await;
    t.refuses_move(&id, "active", &t.marta.token, 409, "wrong_state")
        .await;
    t.refuses_move(&id, "open_for_signature", &t.rita.token, 403, "forbidden")
        .await;
    assert_eq!(t.accord(&id, &t.admin).await["latest_version"], 3);
    let open = t.move_to(&id, "open_for_signature", &t.fabio.token).await;
    assert_eq!(open.status, 200, "{}", open.body);

    // Signatures: each party, in the capacity it may sign in.
    let version = t.version(&id, 3).await;
    let sign_path = format!("{versions_path}/3/signatures");
    let rita_for_auser = signature(&t.rita, &version, Some(&t.auser_org), "delegate");
    s.post(&sign_path, rita_for_auser, Some(&t.rita.token))
        .await
        .assert_problem(403, "forbidden");
    let marta_as_rep = signature(
        &t.marta,
        &version,
        Some(&t.city_org),
        "legal_representative",
    );
    s.post(&sign_path, marta_as_rep, Some(&t.marta.token))
        .await
        .assert_problem(403, "forbidden");
    let old = t.version(&id, 2).await;
    s.post(
        &format!("{versions_path}/2/signatures"),
        signature(&t.olga, &old, Some(&t.auser_org), "legal_representative"),
        Some(&t.olga.token),
    )
    .await
    .assert_problem(409, "wrong_state");
    for (who, org, role) in [
        (&t.olga, Some(t.auser_org.as_str()), "legal_representative"),
        (&t.marta, Some(t.city_org.as_str()), "delegate"),
    ] {
        let signed = s
            .post(
                &sign_path,
                signature(who, &version, org, role),
                Some(&who.token),
            )
            .await;
        assert_eq!(signed.status, 201, "{}", signed.body);
        assert_eq!(t.accord(&id, &t.admin).await["state"], "open_for_signature");
    }
    let again = s
        .post(
            &sign_path,
            signature(
                &t.olga,
                &version,
                Some(&t.auser_org),
                "legal_representative",
            ),
            Some(&t.olga.token),
        )
        .await;
    again.assert_problem(409, "already_signed");
    // The last party's signature makes it active.
    let signed = s
        .post(
            &sign_path,
            signature(&t.vito, &version, None, "self"),
            Some(&t.vito.token),
        )
        .await;
    assert_eq!(signed.status, 201, "{}", signed.body);
    assert_eq!(t.accord(&id, &t.admin).await["state"], "active");
    let listed = s.get(&format!("{accord_path}/signatures"), None).await;
    assert_eq!(listed.json.as_array().unwrap().len(), 3);
    let before = t.accord(&id, &t.admin).await;
    let late = s
        .post(
            &sign_path,
            signature(&t.fabio, &version, None, "self"),
            Some(&t.fabio.token),
        )
        .await;
    t.refused(late, 409, "wrong_state", &before).await;

    // Monitoring, then the city concludes it; nothing follows the end.
    t.refuses_move(&id, "monitoring", &t.rita.token, 403, "forbidden")
        .await;
    assert_eq!(
        t.move_to(&id, "monitoring", &t.fabio.token).await.status,
        200
    );
    t.refuses_move(&id, "concluded", &t.fabio.token, 403, "forbidden")
        .await;
    assert_eq!(
        t.move_to(&id, "concluded", &t.marta.token).await.status,
        200
    );
    t.refuses_move(&id, "withdrawn", &t.admin, 409, "wrong_state")
        .await;
    assert_eq!(t.accord(&id, &t.admin).await["state"], "concluded");

    // The diff of two versions names the changed line and title.
    let diff = s.get(&format!("{versions_path}/1/diff/3"), None).await;
    assert_eq!(diff.status, 200, "{}", diff.body);
    assert_eq!(diff.json["fields"][0]["field"], "title");
    let v2_to_3 = s.get(&format!("{versions_path}/2/diff/3"), None).await;
    let deleted: Vec<&Value> = v2_to_3.json["text"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["op"] == "delete")
        .collect();
    assert_eq!(deleted.len(), 2, "{}", v2_to_3.body);

    // Withdrawing: facilitators may while co-designing, only the city once approved.
    let second = t.open_for_signature().await;
    t.refuses_move(&second, "withdrawn", &t.fabio.token, 403, "forbidden")
        .await;
    assert_eq!(
        t.move_to(&second, "withdrawn", &t.marta.token).await.status,
        200
    );
}

async fn proofs_that_do_not_hold_are_refused(backend: Backend) {
    let t = town(backend).await;
    let s = &t.server;
    let id = t.open_for_signature().await;
    let other = t.open_for_signature().await;
    let version = t.version(&id, 1).await;
    let other_version = t.version(&other, 1).await;
    let sign_path = format!("/api/v1/accords/{id}/versions/1/signatures");
    let refused = |reply: Reply, needle: &str| {
        let problem = reply.assert_problem(422, "invalid_proof");
        let detail = problem["detail"].as_str().unwrap().to_owned();
        assert!(detail.contains(needle), "{detail}");
    };

    // A key that is not registered, under a registered key's id.
    let stranger = SigningKey::generate().unwrap();
    let forged = signature_with(
        &stranger,
        &t.vito.key_id,
        &t.vito.ap_id,
        &version,
        None,
        "self",
    );
    refused(
        s.post(&sign_path, forged, Some(&t.vito.token)).await,
        "does not verify",
    );
    // Another person's key.
    let borrowed = signature_with(
        &t.olga.key,
        &t.olga.key_id,
        &t.vito.ap_id,
        &version,
        None,
        "self",
    );
    refused(
        s.post(&sign_path, borrowed, Some(&t.vito.token)).await,
        "not one of the signer's keys",
    );
    // A proof over another accord's version, copied onto this one.
    let copied = signature(&t.vito, &other_version, None, "self");
    refused(
        s.post(&sign_path, copied, Some(&t.vito.token)).await,
        "does not verify",
    );
    // The organisation changed after signing.
    let mut changed = signature(
        &t.olga,
        &version,
        Some(&t.auser_org),
        "legal_representative",
    );
    changed["signatory"]["role"] = json!("delegate");
    refused(
        s.post(&sign_path, changed, Some(&t.olga.token)).await,
        "does not verify",
    );
    // A proof over another version of the same accord: an earlier text.
    let mut earlier = version.clone();
    earlier["document"]["content"] = json!("Un altro testo");
    refused(
        s.post(
            &sign_path,
            signature(&t.vito, &earlier, None, "self"),
            Some(&t.vito.token),
        )
        .await,
        "does not verify",
    );
    // A revoked key.
    let keys = s.get("/api/v1/me/keys", Some(&t.vito.token)).await;
    let key = keys.json[0]["id"].as_str().unwrap();
    let revoked = s
        .send(
            Method::DELETE,
            &format!("/api/v1/me/keys/{key}"),
            None,
            Some(&t.vito.token),
        )
        .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert!(revoked.json["revoked_at"].is_string());
    refused(
        s.post(
            &sign_path,
            signature(&t.vito, &version, None, "self"),
            Some(&t.vito.token),
        )
        .await,
        "revoked",
    );
    assert_eq!(
        s.get(&format!("/api/v1/accords/{id}/signatures"), None)
            .await
            .json,
        json!([])
    );
    // A good one still goes through.
    let ok = s
        .post(
            &sign_path,
            signature(
                &t.olga,
                &version,
                Some(&t.auser_org),
                "legal_representative",
            ),
            Some(&t.olga.token),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    // Registering the same key twice, or a malformed one.
    s.post(
        "/api/v1/me/keys",
        json!({ "public_key_multibase": t.olga.key.public_key().to_multibase() }),
        Some(&t.olga.token),
    )
    .await
    .assert_problem(409, "key_registered");
    s.post(
        "/api/v1/me/keys",
        json!({ "public_key_multibase": "z6MkNOTAKEY" }),
        Some(&t.olga.token),
    )
    .await
    .assert_problem(422, "validation_failed");
}

fn verify(bundle: &Value) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundle.json");
    std::fs::write(&path, serde_json::to_vec_pretty(bundle).unwrap()).unwrap();
    let out = std::process::Command::new(comune_bin())
        .args(["accord", "verify"])
        .arg(&path)
        .output()
        .expect("comune runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Changes one character of a string field in place.
fn flip(value: &mut Value, at: usize) {
    let text = value.as_str().unwrap().to_owned();
    let mut chars: Vec<char> = text.chars().collect();
    chars[at] = if chars[at] == 'a' { 'b' } else { 'a' };
    *value = json!(chars.into_iter().collect::<String>());
}

async fn a_bundle_checks_offline_and_names_what_broke(backend: Backend) {
    let t = town(backend).await;
    let s = &t.server;
    let id = t.open_for_signature().await;
    let version = t.version(&id, 1).await;
    let sign_path = format!("/api/v1/accords/{id}/versions/1/signatures");
    for (who, org, role) in [
        (&t.olga, Some(t.auser_org.as_str()), "legal_representative"),
        (&t.marta, Some(t.city_org.as_str()), "delegate"),
        (&t.vito, None, "self"),
    ] {
        let signed = s
            .post(
                &sign_path,
                signature(who, &version, org, role),
                Some(&who.token),
            )
            .await;
        assert_eq!(signed.status, 201, "{}", signed.body);
    }
    let bundle = s.get(&format!("/api/v1/accords/{id}/bundle"), None).await;
    assert_eq!(bundle.status, 200, "{}", bundle.body);
    let bundle = bundle.json;
    assert_eq!(bundle["keys"].as_array().unwrap().len(), 3);
    let (ok, report) = verify(&bundle);
    assert!(ok, "{report}");
    assert!(report.contains("Every check passed"), "{report}");
    assert_eq!(report.matches("valid, with key").count(), 3, "{report}");

    // One character of the stored version.
    let mut broken = bundle.clone();
    let at = broken["versions"][0]["canonical"]
        .as_str()
        .unwrap()
        .find("parco")
        .unwrap();
    flip(&mut broken["versions"][0]["canonical"], at);
    let (ok, report) = verify(&broken);
    assert!(!ok);
    assert!(
        report.contains("FAILED  version 1: its SHA-256 does not match"),
        "{report}"
    );

    // One character of a proof.
    let mut broken = bundle.clone();
    flip(&mut broken["signatures"][1]["proof"]["proofValue"], 10);
    let (ok, report) = verify(&broken);
    assert!(!ok);
    assert!(report.contains("FAILED  signature 2:"), "{report}");
    assert!(report.contains("the proof does not verify"), "{report}");
    assert_eq!(
        report.matches("FAILED").count(),
        2,
        "only that signature: {report}"
    );

    // One character of a public key.
    let mut broken = bundle.clone();
    flip(&mut broken["keys"][0]["public_key_multibase"], 12);
    let key_id = broken["keys"][0]["id"].as_str().unwrap().to_owned();
    let (ok, report) = verify(&broken);
    assert!(!ok);
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("FAILED") && l.contains(&key_id)),
        "{report}"
    );

    // A file that is not a bundle.
    let (ok, report) = verify(&json!({ "hello": "world" }));
    assert!(!ok);
    assert!(report.contains("not an accord bundle"), "{report}");
}

/// Searches until `done` holds (the indexer runs every quarter second); fails after 20 s.
async fn search_until(
    t: &comune_tests::accords::Town,
    q: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let reply = t
            .server
            .get(&format!("/api/v1/search?q={q}&kind=accord"), Some(&t.admin))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        if done(&reply.json) {
            return reply.json;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "search {q}: {}",
            reply.body
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn accords_are_found_by_search_once_out_of_draft(backend: Backend) {
    let t = town(backend).await;
    let create = "/api/v1/communities/rosta/accords";
    let draft = t
        .server
        .post(
            create,
            content("Patto dei girasoli", "Semineremo girasoli.", t.parties()),
            Some(&t.fabio.token),
        )
        .await;
    assert_eq!(draft.status, 201, "{}", draft.body);
    let draft_id = draft.json["id"].as_str().unwrap().to_owned();
    let open = t.open_for_signature().await;
    // The accord opened after the draft is found, by a word of its project's title: the draft
    // was indexed before it, and is not found even by an admin.
    let found = search_until(&t, "luci", |r| r["total"] == 1).await;
    assert_eq!(found["items"][0]["id"], open.as_str());
    assert_eq!(found["items"][0]["kind"], "accord");
    assert_eq!(found["items"][0]["url"], format!("/accords/{open}"));
    let none = search_until(&t, "girasoli", |_| true).await;
    assert_eq!(none["total"], 0, "a draft was found: {none}");
    // Out of its draft, it is.
    assert_eq!(
        t.move_to(&draft_id, "co_design", &t.fabio.token)
            .await
            .status,
        200
    );
    let found = search_until(&t, "girasoli", |r| r["total"] == 1).await;
    assert_eq!(found["items"][0]["id"], draft_id.as_str());
}
