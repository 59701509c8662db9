//! Co-design: phases move forward one step at a time by moderators, proposals come in during
//! `ideas` and `proposals`, support counts once per person and only during `proposals`, and the
//! decision names chosen proposals of that process.

use comune_tests::{both_backends, Backend, TestServer};
use serde_json::{json, Value};

both_backends!(a_process_from_needs_to_implementation);

async fn a_process_from_needs_to_implementation(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    server
        .post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Ospizio" }),
            Some(&admin),
        )
        .await;
    let channel = server
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "parco", "name": "Il nuovo parco", "kind": "codesign" }),
            Some(&admin),
        )
        .await;
    let channel_path = format!(
        "/api/v1/channels/{}/posts",
        channel.json["id"].as_str().unwrap()
    );
    let (anna, bruno) = (server.token("anna").await, server.token("bruno").await);
    for t in [&anna, &bruno] {
        server
            .post("/api/v1/communities/ospizio/members", json!({}), Some(t))
            .await;
    }

    // Residents do not open processes; moderators and facilitators do.
    server
        .post(&channel_path, json!({ "title": "Il parco" }), Some(&anna))
        .await
        .assert_problem(403, "forbidden");
    let process = server
        .post(&channel_path, json!({ "title": "Come vogliamo il parco di via Adua?", "body": "Raccogliamo bisogni e idee." }), Some(&admin))
        .await;
    assert_eq!(process.status, 201, "{}", process.body);
    assert_eq!(process.json["process"]["phase"], "needs");
    let id = process.json["id"].as_str().unwrap().to_owned();
    let proposals = format!("/api/v1/posts/{id}/proposals");
    let phase = format!("/api/v1/posts/{id}/phase");
    let to = |p: &str| json!({ "to": p });

    let early = server
        .post(&proposals, json!({ "title": "Più panchine" }), Some(&anna))
        .await;
    assert_eq!(
        early.assert_problem(422, "validation_failed")["errors"]["phase"][0]["code"],
        "closed_for_proposals"
    );
    server
        .post(&phase, to("ideas"), Some(&anna))
        .await
        .assert_problem(403, "forbidden");
    let skip = server.post(&phase, to("decision"), Some(&admin)).await;
    assert_eq!(
        skip.assert_problem(422, "validation_failed")["errors"]["to"][0]["code"],
        "not_next"
    );
    assert_eq!(
        server.post(&phase, to("ideas"), Some(&admin)).await.json["process"]["phase"],
        "ideas"
    );

    let benches = server
        .post(
            &proposals,
            json!({ "title": "Più panchine all'ombra" }),
            Some(&anna),
        )
        .await;
    assert_eq!(benches.status, 201, "{}", benches.body);
    assert_eq!(benches.json["parent_id"], id.as_str());
    let benches_id = benches.json["id"].as_str().unwrap().to_owned();
    let games = server
        .post(
            &proposals,
            json!({ "title": "Giochi inclusivi" }),
            Some(&bruno),
        )
        .await;
    let games_id = games.json["id"].as_str().unwrap().to_owned();

    // Support only in the proposals phase.
    let support = |pid: &str| format!("/api/v1/posts/{pid}/reactions");
    let too_soon = server
        .post(&support(&benches_id), json!({}), Some(&bruno))
        .await;
    assert_eq!(
        too_soon.assert_problem(422, "validation_failed")["errors"]["phase"][0]["code"],
        "not_proposals"
    );
    assert_eq!(
        server
            .post(&phase, to("proposals"), Some(&admin))
            .await
            .status,
        200
    );
    for t in [&anna, &bruno, &bruno] {
        assert_eq!(
            server
                .post(&support(&benches_id), json!({}), Some(t))
                .await
                .status,
            204
        );
    }
    assert_eq!(
        server
            .post(&support(&games_id), json!({}), Some(&bruno))
            .await
            .status,
        204
    );
    let listed = server.get(&proposals, Some(&bruno)).await;
    let likes: Vec<Value> = listed
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["like_count"].clone())
        .collect();
    assert_eq!(likes, [json!(2), json!(1)], "each person supports once");
    assert_eq!(
        server.get(&format!("/api/v1/posts/{id}"), None).await.json["process"]["proposal_count"],
        2
    );
    // The process's own feed shows the process, not its proposals.
    let feed = server.get(&channel_path, None).await;
    assert_eq!(feed.json["items"].as_array().unwrap().len(), 1);

    // Decision: only chosen proposals of this process; then support closes.
    let early_outcome = server
        .post(
            &format!("/api/v1/posts/{id}/outcome"),
            json!({ "outcome": "x" }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        early_outcome.assert_problem(422, "validation_failed")["errors"]["phase"][0]["code"],
        "not_decision"
    );
    assert_eq!(
        server
            .post(&phase, to("decision"), Some(&admin))
            .await
            .status,
        200
    );
    server
        .post(&support(&games_id), json!({}), Some(&anna))
        .await
        .assert_problem(422, "validation_failed");
    let no_outcome = server
        .post(&phase, to("implementation"), Some(&admin))
        .await;
    assert_eq!(
        no_outcome.assert_problem(422, "validation_failed")["errors"]["to"][0]["code"],
        "no_outcome"
    );
    let foreign = server
        .post(
            &format!("/api/v1/posts/{id}/outcome"),
            json!({ "outcome": "Panchine", "chosen": [uuid::Uuid::now_v7()] }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        foreign.assert_problem(422, "validation_failed")["errors"]["chosen"][0]["code"],
        "unknown"
    );
    server
        .post(
            &format!("/api/v1/posts/{id}/outcome"),
            json!({ "outcome": "x", "chosen": [] }),
            Some(&anna),
        )
        .await
        .assert_problem(403, "forbidden");
    let decided = server
        .post(&format!("/api/v1/posts/{id}/outcome"),
              json!({ "outcome": "Si installano 10 panchine all'ombra entro giugno.", "chosen": [benches_id] }), Some(&admin))
        .await;
    assert_eq!(decided.status, 200, "{}", decided.body);
    assert_eq!(decided.json["process"]["chosen"], json!([benches_id]));
    assert!(decided.json["process"]["decided_at"].is_string());
    assert_eq!(
        server
            .post(&phase, to("implementation"), Some(&admin))
            .await
            .json["process"]["phase"],
        "implementation"
    );
    assert_eq!(
        server.post(&phase, to("closed"), Some(&admin)).await.json["process"]["phase"],
        "closed"
    );
    server
        .post(&phase, to("needs"), Some(&admin))
        .await
        .assert_problem(422, "validation_failed");
}
