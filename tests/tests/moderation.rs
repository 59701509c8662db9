//! Reports, the queue, moderation actions and the public log: moderators act only within their
//! channels, facilitators across the community, and every action is logged with its reason.

use comune_tests::{both_backends, Backend, TestServer};
use serde_json::{json, Value};

both_backends!(
    reports_reach_the_right_moderators,
    moderators_act_only_where_they_moderate,
    bans_stop_writes_and_survive_leaving,
);

struct Scene {
    server: TestServer,
    admin: String,
    facilitator: String,
    moderator: String,
    member: String,
    channel_a: String,
    channel_b: String,
    post_a: String,
    post_b: String,
}

/// A community with two channels; `moderator` moderates only channel A; `member` posted in both.
async fn scene(backend: Backend) -> Scene {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    server
        .post(
            "/api/v1/communities",
            json!({ "slug": "pieve", "name": "Pieve" }),
            Some(&admin),
        )
        .await;
    let facilitator = server.token("architetta").await;
    server
        .send(
            reqwest::Method::PUT,
            "/api/v1/communities/pieve/facilitators/architetta",
            None,
            Some(&admin),
        )
        .await;
    let moderator = server.token("moderatore").await;
    let member = server.token("membro").await;
    for t in [&moderator, &member] {
        server
            .post("/api/v1/communities/pieve/members", json!({}), Some(t))
            .await;
    }
    let mut channels = Vec::new();
    for slug in ["canale-a", "canale-b"] {
        let c = server
            .post(
                "/api/v1/communities/pieve/channels",
                json!({ "slug": slug, "name": slug, "kind": "dialogue" }),
                Some(&facilitator),
            )
            .await;
        channels.push(c.json["id"].as_str().unwrap().to_owned());
    }
    let appointed = server
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/channels/{}/moderators/moderatore", channels[0]),
            None,
            Some(&facilitator),
        )
        .await;
    assert_eq!(appointed.status, 204);
    let mut posts = Vec::new();
    for c in &channels {
        let p = server
            .post(
                &format!("/api/v1/channels/{c}/posts"),
                json!({ "title": "Offerta imperdibile", "body": "spam" }),
                Some(&member),
            )
            .await;
        assert_eq!(p.status, 201, "{}", p.body);
        posts.push(p.json["id"].as_str().unwrap().to_owned());
    }
    Scene {
        server,
        admin,
        facilitator,
        moderator,
        member,
        channel_b: channels.pop().unwrap(),
        channel_a: channels.pop().unwrap(),
        post_b: posts.pop().unwrap(),
        post_a: posts.pop().unwrap(),
    }
}

async fn reports_reach_the_right_moderators(backend: Backend) {
    let s = scene(backend).await;
    let srv = &s.server;
    let reporter = srv.token("vicina").await;
    for post in [&s.post_a, &s.post_b] {
        let r = srv
            .post(
                "/api/v1/reports",
                json!({ "target": { "kind": "post", "id": post }, "reason": "Pubblicità" }),
                Some(&reporter),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(r.json["status"], "open");
    }
    // Reporting twice files one report.
    let again = srv
        .post(
            "/api/v1/reports",
            json!({ "target": { "kind": "post", "id": s.post_a }, "reason": "Ancora" }),
            Some(&reporter),
        )
        .await;
    assert_eq!(again.status, 201);
    let user = srv
        .post("/api/v1/reports", json!({ "target": { "kind": "account", "id": "membro", "community": "pieve" }, "reason": "Molesto" }), Some(&reporter))
        .await;
    assert_eq!(user.status, 201, "{}", user.body);
    srv.post(
        "/api/v1/reports",
        json!({ "target": { "kind": "post", "id": s.post_a }, "reason": "" }),
        Some(&reporter),
    )
    .await
    .assert_problem(422, "validation_failed");
    srv.post(
        "/api/v1/reports",
        json!({ "target": { "kind": "planet", "id": "x" }, "reason": "x" }),
        Some(&reporter),
    )
    .await
    .assert_problem(422, "validation_failed");
    srv.post(
        "/api/v1/reports",
        json!({ "target": { "kind": "post", "id": uuid::Uuid::now_v7() }, "reason": "x" }),
        Some(&reporter),
    )
    .await
    .assert_problem(404, "not_found");
    srv.post(
        "/api/v1/reports",
        json!({ "target": { "kind": "post", "id": s.post_a }, "reason": "x" }),
        None,
    )
    .await
    .assert_problem(401, "unauthorized");

    let (status, all) = queue(srv, &s.facilitator).await;
    assert_eq!(status, 200);
    assert_eq!(all["items"].as_array().unwrap().len(), 3, "{all}");
    let (_, mine) = queue(srv, &s.moderator).await;
    let items = mine["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        1,
        "a channel moderator sees only their channel: {mine}"
    );
    assert_eq!(items[0]["target_id"], s.post_a.as_str());
    srv.get("/api/v1/communities/pieve/reports", Some(&s.member))
        .await
        .assert_problem(403, "forbidden");
    // Pages of the queue.
    let first = srv
        .get("/api/v1/communities/pieve/reports?limit=2", Some(&s.admin))
        .await;
    assert_eq!(first.json["items"].as_array().unwrap().len(), 2);
    let cursor = first.json["next_cursor"].as_str().unwrap();
    let second = srv
        .get(
            &format!("/api/v1/communities/pieve/reports?limit=2&cursor={cursor}"),
            Some(&s.admin),
        )
        .await;
    assert_eq!(second.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(second.json["next_cursor"], Value::Null);

    // Removing the post resolves its report.
    let removed = srv
        .post("/api/v1/moderation/actions", json!({ "action": "remove", "target": { "kind": "post", "id": s.post_a }, "reason": "Pubblicità" }), Some(&s.moderator))
        .await;
    assert_eq!(removed.status, 201, "{}", removed.body);
    let (_, mine) = queue(srv, &s.moderator).await;
    assert_eq!(mine["items"], json!([]));
}

async fn queue(server: &TestServer, token: &str) -> (u16, Value) {
    let r = server
        .get("/api/v1/communities/pieve/reports", Some(token))
        .await;
    (r.status, r.json)
}

async fn moderators_act_only_where_they_moderate(backend: Backend) {
    let s = scene(backend).await;
    let srv = &s.server;
    let act = |action: &str, kind: &str, id: &str| json!({ "action": action, "target": { "kind": kind, "id": id }, "reason": "Regole del canale" });
    // Not their channel; not a moderator at all.
    srv.post(
        "/api/v1/moderation/actions",
        act("remove", "post", &s.post_b),
        Some(&s.moderator),
    )
    .await
    .assert_problem(403, "forbidden");
    srv.post(
        "/api/v1/moderation/actions",
        act("remove", "post", &s.post_a),
        Some(&s.member),
    )
    .await
    .assert_problem(403, "forbidden");
    // Channel moderators cannot ban; facilitators can.
    srv.post("/api/v1/moderation/actions", json!({ "action": "ban", "target": { "kind": "account", "id": "membro", "community": "pieve" }, "reason": "x" }), Some(&s.moderator))
        .await
        .assert_problem(403, "forbidden");
    srv.post(
        "/api/v1/moderation/actions",
        act("ban", "post", &s.post_a),
        Some(&s.facilitator),
    )
    .await
    .assert_problem(422, "validation_failed");
    srv.post(
        "/api/v1/moderation/actions",
        act("explode", "post", &s.post_a),
        Some(&s.facilitator),
    )
    .await
    .assert_problem(422, "validation_failed");

    // Remove: gone from the feed and the post page; restore brings it back.
    let feed_a = format!("/api/v1/channels/{}/posts", s.channel_a);
    assert_eq!(
        srv.post(
            "/api/v1/moderation/actions",
            act("remove", "post", &s.post_a),
            Some(&s.moderator)
        )
        .await
        .status,
        201
    );
    assert_eq!(srv.get(&feed_a, None).await.json["items"], json!([]));
    srv.get(&format!("/api/v1/posts/{}", s.post_a), Some(&s.member))
        .await
        .assert_problem(404, "not_found");
    assert_eq!(
        srv.post(
            "/api/v1/moderation/actions",
            act("restore", "post", &s.post_a),
            Some(&s.moderator)
        )
        .await
        .status,
        201
    );
    assert_eq!(
        srv.get(&feed_a, None).await.json["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Lock: no more comments. Pin shows in the post.
    assert_eq!(
        srv.post(
            "/api/v1/moderation/actions",
            act("lock", "post", &s.post_a),
            Some(&s.moderator)
        )
        .await
        .status,
        201
    );
    srv.post(
        &format!("/api/v1/posts/{}/comments", s.post_a),
        json!({ "body": "ciao" }),
        Some(&s.member),
    )
    .await
    .assert_problem(403, "forbidden");
    assert_eq!(
        srv.post(
            "/api/v1/moderation/actions",
            act("pin", "post", &s.post_a),
            Some(&s.facilitator)
        )
        .await
        .status,
        201
    );
    // The pinned post leads the feed, ahead of a newer one, and appears once across pages.
    let newer = srv
        .post(&feed_a, json!({ "title": "Più recente" }), Some(&s.member))
        .await;
    assert_eq!(newer.status, 201);
    let first = srv.get(&format!("{feed_a}?limit=1"), None).await;
    let titles: Vec<_> = first.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    assert_eq!(titles, [json!(s.post_a), newer.json["id"].clone()]);
    let next = first.json["next_cursor"].clone();
    assert_eq!(next, Value::Null, "the pinned post is not paged again");
    let post = srv.get(&format!("/api/v1/posts/{}", s.post_a), None).await;
    assert_eq!(
        (post.json["locked"].clone(), post.json["pinned"].clone()),
        (json!(true), json!(true))
    );

    // Comments: removed ones keep their place, emptied.
    let c = srv
        .post(
            &format!("/api/v1/posts/{}/comments", s.post_b),
            json!({ "body": "insulto" }),
            Some(&s.member),
        )
        .await;
    let cid = c.json["id"].as_str().unwrap();
    srv.post(
        "/api/v1/moderation/actions",
        act("remove", "comment", cid),
        Some(&s.moderator),
    )
    .await
    .assert_problem(403, "forbidden");
    assert_eq!(
        srv.post(
            "/api/v1/moderation/actions",
            act("remove", "comment", cid),
            Some(&s.admin)
        )
        .await
        .status,
        201
    );
    let comments = srv
        .get(&format!("/api/v1/posts/{}/comments", s.post_b), None)
        .await;
    assert_eq!(comments.json["items"][0]["deleted"], true);
    assert_eq!(comments.json["items"][0]["body"], "");
    assert!(!comments.body.contains("insulto"));

    // Everything is in the public log, newest first, with reasons and moderators.
    let log = srv.get("/api/v1/communities/pieve/modlog", None).await;
    let actions: Vec<_> = log.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, ["remove", "pin", "lock", "restore", "remove"]);
    assert_eq!(log.json["items"][0]["moderator"], "sindaca");
    assert_eq!(log.json["items"][4]["moderator"], "moderatore");
    assert_eq!(log.json["items"][4]["reason"], "Regole del canale");
    let page = srv
        .get("/api/v1/communities/pieve/modlog?limit=3", None)
        .await;
    let next = page.json["next_cursor"].as_str().unwrap();
    let rest = srv
        .get(
            &format!("/api/v1/communities/pieve/modlog?limit=3&cursor={next}"),
            None,
        )
        .await;
    assert_eq!(rest.json["items"].as_array().unwrap().len(), 2);
}

async fn bans_stop_writes_and_survive_leaving(backend: Backend) {
    let s = scene(backend).await;
    let srv = &s.server;
    assert_eq!(
        srv.get("/api/v1/communities/pieve", None).await.json["member_count"],
        3
    );
    let ban = json!({ "action": "ban", "target": { "kind": "account", "id": "membro", "community": "pieve" },
                      "reason": "Spam ripetuto", "expires_at": "2999-01-01T00:00:00Z" });
    let banned = srv
        .post("/api/v1/moderation/actions", ban, Some(&s.facilitator))
        .await;
    assert_eq!(banned.status, 201, "{}", banned.body);
    assert_eq!(banned.json["target_id"], "membro");
    assert_eq!(banned.json["expires_at"], "2999-01-01T00:00:00Z");
    let feed_a = format!("/api/v1/channels/{}/posts", s.channel_a);
    srv.post(&feed_a, json!({ "title": "ancora" }), Some(&s.member))
        .await
        .assert_problem(403, "forbidden");
    srv.post(
        &format!("/api/v1/posts/{}/comments", s.post_b),
        json!({ "body": "x" }),
        Some(&s.member),
    )
    .await
    .assert_problem(403, "forbidden");
    srv.post(
        &format!("/api/v1/posts/{}/reactions", s.post_b),
        json!({}),
        Some(&s.member),
    )
    .await
    .assert_problem(403, "forbidden");
    // Public content stays readable.
    assert_eq!(srv.get(&feed_a, Some(&s.member)).await.status, 200);
    // Leaving and joining again does not lift the ban.
    srv.send(
        reqwest::Method::DELETE,
        "/api/v1/communities/pieve/members",
        None,
        Some(&s.member),
    )
    .await
    .assert_problem(403, "forbidden");
    srv.post(
        "/api/v1/communities/pieve/members",
        json!({}),
        Some(&s.member),
    )
    .await;
    srv.post(&feed_a, json!({ "title": "ancora" }), Some(&s.member))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        srv.get("/api/v1/communities/pieve", None).await.json["member_count"],
        2,
        "banned people are not counted"
    );
    // Nobody bans an admin or themselves; a ban in the past is refused.
    srv.post("/api/v1/moderation/actions", json!({ "action": "ban", "target": { "kind": "account", "id": "sindaca", "community": "pieve" }, "reason": "x" }), Some(&s.facilitator))
        .await
        .assert_problem(403, "forbidden");
    srv.post("/api/v1/moderation/actions", json!({ "action": "ban", "target": { "kind": "account", "id": "moderatore", "community": "pieve" }, "reason": "x", "expires_at": "2001-01-01T00:00:00Z" }), Some(&s.facilitator))
        .await
        .assert_problem(422, "validation_failed");
    // Lifting the ban restores writing.
    let unban = json!({ "action": "unban", "target": { "kind": "account", "id": "membro", "community": "pieve" }, "reason": "Chiarito" });
    assert_eq!(
        srv.post("/api/v1/moderation/actions", unban, Some(&s.admin))
            .await
            .status,
        201
    );
    assert_eq!(
        srv.post(&feed_a, json!({ "title": "scusate" }), Some(&s.member))
            .await
            .status,
        201
    );
    // A person banned before ever joining is banned once they join.
    let newcomer = srv.token("nuovo").await;
    let pre = json!({ "action": "ban", "target": { "kind": "account", "id": "nuovo", "community": "pieve" }, "reason": "Noto spammer" });
    assert_eq!(
        srv.post("/api/v1/moderation/actions", pre, Some(&s.facilitator))
            .await
            .status,
        201
    );
    srv.post(
        "/api/v1/communities/pieve/members",
        json!({}),
        Some(&newcomer),
    )
    .await;
    srv.post(
        &format!("/api/v1/channels/{}/posts", s.channel_b),
        json!({ "title": "ciao" }),
        Some(&newcomer),
    )
    .await
    .assert_problem(403, "forbidden");
}
