//! The HTTP contract around the handlers: problem documents for bad input, body limits, unknown
//! routes, no 500s and no leaked secrets, health, metrics, request ids and the OpenAPI document.

use comune_tests::{both_backends, mail, Backend, Reply, TestServer, STRONG_PASSWORD};
use diesel::prelude::*;
use serde_json::{json, Value};

both_backends!(
    bad_bodies_get_clear_problems,
    unknown_routes_are_problems,
    hostile_input_never_gets_a_500,
    responses_never_carry_hashes_or_traces,
    hostile_input_to_content_endpoints_never_gets_a_500,
    suspended_accounts_cannot_sign_in_or_refresh,
    health_metrics_and_request_ids,
    communities_list_paginate_and_only_admins_create,
    the_instance_tells_its_name_and_colour,
);

async fn bad_bodies_get_clear_problems(backend: Backend) {
    let server = TestServer::start(backend);
    let path = "/api/v1/accounts";

    // Over 1 MiB, with a Content-Length: refused before reading.
    let big = json!({ "username": "x".repeat(1 << 20), "email": "a@b.it", "password": "p" });
    let reply = server.post(path, big, None).await;
    reply.assert_problem(413, "payload_too_large");

    // Over 1 MiB streamed in chunks, without a Content-Length.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..20).map(|_| Ok(vec![b' '; 64 * 1024])).collect();
    let stream = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let response = server
        .client
        .post(server.url(path))
        .header("content-type", "application/json")
        .body(stream)
        .send()
        .await
        .unwrap();
    Reply::from(response)
        .await
        .assert_problem(413, "payload_too_large");

    for body in [
        &b"{not json"[..],
        b"",
        b"[]",
        b"\xff\xfe\x00",
        b"{\"username\": 5}",
    ] {
        let reply = server
            .post_raw(path, "application/json", body.to_vec())
            .await;
        reply.assert_problem(400, "malformed_request");
    }
    let missing = server
        .post(path, json!({ "username": "mario" }), None)
        .await;
    let problem = missing.assert_problem(400, "malformed_request");
    assert!(
        problem["detail"].as_str().unwrap().contains("email"),
        "{problem}"
    );

    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    server
        .post_raw(path, "application/json", deep.into_bytes())
        .await
        .assert_problem(400, "malformed_request");

    server
        .post_raw(path, "text/plain", b"username=mario".to_vec())
        .await
        .assert_problem(415, "unsupported_media_type");
    server
        .post_raw(
            path,
            "application/x-www-form-urlencoded",
            b"username=mario".to_vec(),
        )
        .await
        .assert_problem(415, "unsupported_media_type");
    assert!(
        mail::mails_in(&server.mail_dir()).is_empty(),
        "nothing was registered"
    );
}

async fn unknown_routes_are_problems(backend: Backend) {
    let server = TestServer::start(backend);
    for path in [
        "/api/v1/nope",
        "/api",
        "/api/v2/accounts",
        "/api/v1/communities/a/b/c",
    ] {
        server
            .get(path, None)
            .await
            .assert_problem(404, "not_found");
    }
    // An existing path with another method is not found either (under /api) ...
    let reply = Reply::from(
        server
            .client
            .delete(server.url("/api/v1/me"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    reply.assert_problem(404, "not_found");
    // ... and outside /api, pages answer only GET.
    server
        .post_raw("/some/page", "application/json", b"{}".to_vec())
        .await
        .assert_problem(405, "method_not_allowed");
    // A page outside /api without a built web client: the landing page, 404 for unknown ones.
    let home = server.get("/", None).await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<title>Comune</title>"));
    assert_eq!(server.get("/no/such/page", None).await.status, 404);
    // Malformed query strings are problems too.
    server
        .get("/api/v1/communities?limit=abc", None)
        .await
        .assert_problem(400, "malformed_request");
    // Not base64, and base64 of a NUL byte.
    for cursor in ["%%%", "AA", "AAAA"] {
        server
            .get(&format!("/api/v1/communities?cursor={cursor}"), None)
            .await
            .assert_problem(400, "malformed_request");
    }
}

async fn hostile_input_never_gets_a_500(backend: Backend) {
    let server = TestServer::start(backend);
    let tokens = server.signed_in("bruno").await;
    let access = tokens["access_token"].as_str().unwrap();
    let strings = [
        "\u{0000}",
        "'; DROP TABLE accounts; --",
        "\" OR 1=1 --",
        "<script>alert(1)</script>",
        "../../../../etc/passwd",
        "%00%2e%2e%2f",
        "ℌ𝔢𝔩𝔩𝔬 👋🏽 \u{202e}gnp.exe",
        &"é".repeat(10_000),
        "",
        " ",
    ];
    let endpoints = [
        "/api/v1/accounts",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/verify-email",
        "/api/v1/auth/verify-email/resend",
        "/api/v1/auth/password-reset",
        "/api/v1/auth/password-reset/confirm",
        "/api/v1/communities",
    ];
    let mut seen = 0;
    for s in strings {
        let body = json!({
            "username": s, "email": s, "password": s, "display_name": s, "locale": s,
            "login": s, "refresh_token": s, "token": s, "slug": s, "name": s, "description": s,
        });
        for endpoint in endpoints {
            for token in [None, Some(access)] {
                let reply = server.post(endpoint, body.clone(), token).await;
                assert!(
                    reply.status < 500,
                    "{endpoint} with {s:?}: {} {}",
                    reply.status,
                    reply.body
                );
                seen += 1;
            }
        }
        let encoded: String = url_encode(s);
        for path in [
            format!("/api/v1/communities/{encoded}"),
            format!("/api/v1/communities?cursor={encoded}&limit=-5"),
            format!("/api/v1/communities?limit=99999999999999999999&cursor={encoded}"),
            format!("/{encoded}"),
        ] {
            let reply = server.get(&path, Some(access)).await;
            assert!(
                reply.status < 500,
                "{path}: {} {}",
                reply.status,
                reply.body
            );
            seen += 1;
        }
    }
    // Wrong JSON types in every field.
    for value in [
        json!(null),
        json!(1),
        json!(true),
        json!([1, 2]),
        json!({ "a": 1 }),
    ] {
        for endpoint in endpoints {
            let body = json!({ "username": value, "email": value, "password": value, "login": value,
                                "token": value, "refresh_token": value, "slug": value, "name": value });
            let reply = server.post(endpoint, body, Some(access)).await;
            assert!(
                reply.status < 500,
                "{endpoint}: {} {}",
                reply.status,
                reply.body
            );
            seen += 1;
        }
    }
    // Odd headers.
    let long = "a".repeat(7000);
    for auth in [
        format!("Bearer {long}"),
        "Bearer".into(),
        "Basic dXNlcjpwYXNz".into(),
        "Bearer a.b.c".into(),
    ] {
        let reply = Reply::from(
            server
                .client
                .get(server.url("/api/v1/me"))
                .header("authorization", auth)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(reply.status, 401, "{}", reply.body);
    }
    let non_ascii = reqwest::header::HeaderValue::from_bytes(b"Bearer \xe9\xe8").unwrap();
    let reply = Reply::from(
        server
            .client
            .get(server.url("/api/v1/me"))
            .header("authorization", non_ascii)
            .send()
            .await
            .unwrap(),
    )
    .await;
    reply.assert_problem(401, "unauthorized");
    assert!(seen > 200);
    // The server is still well, and bruno's session still works.
    assert_eq!(
        server.get("/healthz", None).await.json,
        json!({ "status": "ok" })
    );
    assert_eq!(server.get("/api/v1/me", Some(access)).await.status, 200);
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn responses_never_carry_hashes_or_traces(backend: Backend) {
    use comune_domain::schema::{account_tokens, accounts, refresh_tokens};
    let server = TestServer::start(backend);
    let mut bodies: Vec<String> = Vec::new();
    let (reply, _) = server.register("carla").await;
    bodies.push(reply.body);
    let token = mail::token_in_folder(&server.mail_dir(), "carla@example.org", "verify-email");
    bodies.push(
        server
            .post("/api/v1/auth/verify-email", json!({ "token": token }), None)
            .await
            .body,
    );
    let login = server.login("carla", STRONG_PASSWORD).await;
    bodies.push(login.body.clone());
    let access = login.json["access_token"].as_str().unwrap().to_owned();
    let refresh = login.json["refresh_token"].as_str().unwrap().to_owned();
    bodies.push(server.get("/api/v1/me", Some(&access)).await.body);
    let refreshed = server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": refresh }),
            None,
        )
        .await;
    bodies.push(refreshed.body.clone());
    bodies.push(
        server
            .post(
                "/api/v1/auth/refresh",
                json!({ "refresh_token": refresh }),
                None,
            )
            .await
            .body,
    );
    bodies.push(server.login("carla", "not-the-password").await.body);
    bodies.push(server.register("carla").await.0.body);
    bodies.push(server.get("/api/v1/communities", None).await.body);

    let mut conn = server.db();
    let password_hash: Option<String> = accounts::table
        .select(accounts::password_hash)
        .filter(accounts::username.eq("carla"))
        .first(&mut conn)
        .unwrap();
    let mut secrets: Vec<String> = refresh_tokens::table
        .select(refresh_tokens::token_hash)
        .load(&mut conn)
        .unwrap();
    secrets.extend(
        account_tokens::table
            .select(account_tokens::token_hash)
            .load::<String>(&mut conn)
            .unwrap(),
    );
    secrets.push(password_hash.unwrap());
    assert!(secrets.len() >= 4);
    for body in &bodies {
        for secret in &secrets {
            assert!(
                !body.contains(secret.as_str()),
                "a stored hash leaked: {body}"
            );
        }
        for marker in ["$argon2", "panicked", "backtrace", ".rs:", "diesel", "r2d2"] {
            assert!(!body.contains(marker), "{marker:?} in {body}");
        }
    }
}

async fn suspended_accounts_cannot_sign_in_or_refresh(backend: Backend) {
    use comune_domain::schema::accounts;
    let server = TestServer::start(backend);
    let tokens = server.signed_in("dario").await;
    let mut conn = server.db();
    diesel::update(accounts::table.filter(accounts::username.eq("dario")))
        .set(accounts::suspended_at.eq(Some(chrono::Utc::now().naive_utc())))
        .execute(&mut conn)
        .unwrap();
    server
        .login("dario", STRONG_PASSWORD)
        .await
        .assert_problem(403, "account_suspended");
    server
        .login("dario", "wrong-password-123")
        .await
        .assert_problem(401, "invalid_credentials");
    let refresh = tokens["refresh_token"].as_str().unwrap();
    server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": refresh }),
            None,
        )
        .await
        .assert_problem(403, "account_suspended");
    let reset = server
        .post(
            "/api/v1/auth/password-reset",
            json!({ "email": "dario@example.org" }),
            None,
        )
        .await;
    assert_eq!(reset.status, 202);
    let resets = mail::mails_in(&server.mail_dir())
        .into_iter()
        .filter(|m| m.link_token("reset-password").is_some())
        .count();
    assert_eq!(resets, 0, "no reset mail for a suspended account");
}

async fn the_instance_tells_its_name_and_colour(backend: Backend) {
    let plain = TestServer::start(backend);
    let out = plain.get("/api/v1/instance", None).await;
    assert_eq!(out.status, 200, "{}", out.body);
    assert_eq!(
        out.json,
        json!({ "name": "Comune", "theme_color": null, "default_locale": "it", "time_zone": "Europe/Rome" })
    );
    let themed = TestServer::start_with(backend, |s| {
        s.instance_name = "Comune di Reggio Emilia".into();
        s.theme_color = Some("#0b5e3b".into());
        s.default_locale = "en".into();
    });
    let out = themed.get("/api/v1/instance", None).await;
    assert_eq!(out.json["name"], "Comune di Reggio Emilia");
    assert_eq!(out.json["theme_color"], "#0b5e3b");
    assert_eq!(out.json["default_locale"], "en");
}

async fn health_metrics_and_request_ids(backend: Backend) {
    let server = TestServer::start(backend);
    let health = server.get("/healthz", None).await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (200, r#"{"status":"ok"}"#)
    );
    let a = server.get("/api/v1/communities", None).await;
    let b = server.get("/api/v1/communities", None).await;
    let (ida, idb) = (
        a.header("x-request-id").unwrap(),
        b.header("x-request-id").unwrap(),
    );
    assert_ne!(ida, idb);
    assert!(uuid::Uuid::parse_str(ida).is_ok());
    assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
    server.get("/api/v1/nope", None).await;

    let metrics = server.get("/metrics", None).await;
    assert_eq!(metrics.status, 200);
    assert!(metrics
        .header("content-type")
        .unwrap()
        .starts_with("text/plain"));
    let line = metrics
        .body
        .lines()
        .find(|l| {
            l.starts_with("comune_http_requests_total{")
                && l.contains(r#"route="/api/v1/communities""#)
                && l.contains(r#"status="200""#)
        })
        .unwrap_or_else(|| panic!("no request counter for the list:\n{}", metrics.body));
    assert!(line.ends_with(" 2"), "{line}");
    assert!(
        metrics.body.contains(r#"route="unmatched""#),
        "unknown paths share one label"
    );
    assert!(metrics
        .body
        .contains("comune_http_request_duration_seconds_bucket"));
    assert!(metrics
        .body
        .contains("comune_db_pool_connections{state=\"idle\"}"));
}

async fn communities_list_paginate_and_only_admins_create(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    let me = server.get("/api/v1/me", Some(&admin)).await;
    assert_eq!(me.json["roles"], json!(["admin"]));
    let resident = server.signed_in("rocco").await;
    let resident = resident["access_token"].as_str().unwrap();

    let body = json!({ "slug": "rosta-nuova", "name": "Rosta Nuova", "description": "Ovest" });
    server
        .post("/api/v1/communities", body.clone(), None)
        .await
        .assert_problem(401, "unauthorized");
    server
        .post("/api/v1/communities", body.clone(), Some(resident))
        .await
        .assert_problem(403, "forbidden");
    let created = server
        .post("/api/v1/communities", body.clone(), Some(&admin))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json["actor_id"], "http://comune.test/c/rosta-nuova");
    assert_eq!(
        created.header("location"),
        Some("/api/v1/communities/rosta-nuova")
    );
    server
        .post("/api/v1/communities", body, Some(&admin))
        .await
        .assert_problem(409, "slug_taken");
    let bad = server
        .post(
            "/api/v1/communities",
            json!({ "slug": "Not OK!", "name": "" }),
            Some(&admin),
        )
        .await;
    let errors = &bad.assert_problem(422, "validation_failed")["errors"];
    assert_eq!(errors["slug"][0]["code"], "invalid");
    assert_eq!(errors["name"][0]["code"], "length");

    for slug in ["coviolo", "mancasale", "ospizio", "santa-croce"] {
        let reply = server
            .post(
                "/api/v1/communities",
                json!({ "slug": slug, "name": slug }),
                Some(&admin),
            )
            .await;
        assert_eq!(reply.status, 201);
    }
    let one = server.get("/api/v1/communities/ospizio", None).await;
    assert_eq!(one.json["slug"], "ospizio");
    server
        .get("/api/v1/communities/nowhere", None)
        .await
        .assert_problem(404, "not_found");

    let mut slugs = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/communities?limit=2&cursor={c}"),
            None => "/api/v1/communities?limit=2".into(),
        };
        let page = server.get(&path, None).await;
        assert_eq!(page.status, 200);
        let items = page.json["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        slugs.extend(items.iter().map(|c| c["slug"].as_str().unwrap().to_owned()));
        pages += 1;
        match &page.json["next_cursor"] {
            Value::String(c) => cursor = Some(c.clone()),
            Value::Null => break,
            other => panic!("next_cursor {other}"),
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(
        slugs,
        [
            "coviolo",
            "mancasale",
            "ospizio",
            "rosta-nuova",
            "santa-croce"
        ]
    );
    let all = server.get("/api/v1/communities?limit=500", None).await;
    assert_eq!(
        all.json["items"].as_array().unwrap().len(),
        5,
        "limit is capped, not refused"
    );
}

async fn hostile_input_to_content_endpoints_never_gets_a_500(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    server
        .post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Ospizio" }),
            Some(&admin),
        )
        .await;
    let mut channels = Vec::new();
    for kind in [
        "dialogue",
        "events",
        "codesign",
        "announcements",
        "businesses",
    ] {
        let c = server
            .post(
                "/api/v1/communities/ospizio/channels",
                json!({ "slug": kind, "name": kind, "kind": kind }),
                Some(&admin),
            )
            .await;
        channels.push(c.json["id"].as_str().unwrap().to_owned());
    }
    let post = server
        .post(
            &format!("/api/v1/channels/{}/posts", channels[0]),
            json!({ "title": "ok" }),
            Some(&admin),
        )
        .await;
    let post_id = post.json["id"].as_str().unwrap().to_owned();
    let process = server
        .post(
            &format!("/api/v1/channels/{}/posts", channels[2]),
            json!({ "title": "processo" }),
            Some(&admin),
        )
        .await;
    let process_id = process.json["id"].as_str().unwrap().to_owned();
    let values = [
        json!("\u{0000}"),
        json!("'; DROP TABLE posts; --"),
        json!("<script>alert(1)</script>"),
        json!("é".repeat(3000)),
        json!(""),
        json!(-1),
        json!(1e308),
        json!(null),
        json!([["x"]]),
        json!({ "kind": "\u{0000}", "id": "\u{0000}", "community": "\u{0000}" }),
    ];
    let endpoints: Vec<String> = channels
        .iter()
        .map(|c| format!("/api/v1/channels/{c}/posts"))
        .chain([
            format!("/api/v1/posts/{post_id}/comments"),
            format!("/api/v1/posts/{post_id}/reactions"),
            format!("/api/v1/posts/{post_id}/rsvp"),
            format!("/api/v1/posts/{post_id}/cancellation"),
            format!("/api/v1/posts/{process_id}/proposals"),
            format!("/api/v1/posts/{process_id}/phase"),
            format!("/api/v1/posts/{process_id}/outcome"),
            "/api/v1/reports".to_owned(),
            "/api/v1/moderation/actions".to_owned(),
            "/api/v1/organizations".to_owned(),
            "/api/v1/communities/ospizio/channels".to_owned(),
        ])
        .collect();
    let mut sent = 0;
    for value in &values {
        let body = json!({
            "title": value, "body": value, "starts_at": value, "ends_at": value, "time_zone": value,
            "all_day": value, "capacity": value, "online_url": value, "reason": value, "to": value,
            "outcome": value, "chosen": value, "parent_id": value, "slug": value, "name": value,
            "kind": value, "visibility": value, "community": value, "action": value,
            "expires_at": value, "location": { "name": value, "address": value, "latitude": value },
            "target": { "kind": "post", "id": value, "community": value },
        });
        for endpoint in &endpoints {
            let reply = server.post(endpoint, body.clone(), Some(&admin)).await;
            assert!(
                reply.status < 500,
                "{endpoint} with {value}: {} {}",
                reply.status,
                reply.body
            );
            sent += 1;
        }
        for kind in ["post", "comment", "account"] {
            let body = json!({ "action": "remove", "reason": "x", "target": { "kind": kind, "id": value, "community": value } });
            for endpoint in ["/api/v1/reports", "/api/v1/moderation/actions"] {
                let reply = server.post(endpoint, body.clone(), Some(&admin)).await;
                assert!(
                    reply.status < 500,
                    "{endpoint} {kind} with {value}: {} {}",
                    reply.status,
                    reply.body
                );
                sent += 1;
            }
        }
    }
    for query in [
        "q=%00",
        "q=%22%22%22",
        "q=a&from=nope",
        "q=a&kind=%00",
        "community=%00",
        "q=*:*&limit=0",
        "channel_kind=%00&q=x",
    ] {
        let reply = server
            .get(&format!("/api/v1/search?{query}"), Some(&admin))
            .await;
        assert!(
            reply.status < 500,
            "search {query}: {} {}",
            reply.status,
            reply.body
        );
        sent += 1;
    }
    for path in [
        "/api/v1/communities/%00/events.ics",
        "/api/v1/communities/%00/modlog",
        "/api/v1/communities/%00/reports",
        "/api/v1/organizations/%00",
        "/api/v1/posts/%00/event.ics",
    ] {
        let reply = server.get(path, Some(&admin)).await;
        assert!(
            reply.status < 500,
            "{path}: {} {}",
            reply.status,
            reply.body
        );
        sent += 1;
    }
    assert!(sent > 200);
    assert_eq!(
        server.get("/healthz", None).await.json,
        json!({ "status": "ok" })
    );
}
