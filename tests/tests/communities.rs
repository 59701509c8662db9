//! Neighbourhoods, membership, channels, moderators and organisations: what each role may do,
//! and that members-only channels stay hidden from everyone else.

use comune_tests::{both_backends, Backend, Reply, TestServer};
use serde_json::{json, Value};

both_backends!(
    residents_join_and_leave,
    only_admins_appoint_facilitators_and_facilitators_run_channels,
    members_only_channels_are_invisible_to_others,
    moderators_are_people_or_organisation_owners,
    organisations_have_owners_and_members,
);

async fn delete(server: &TestServer, path: &str, token: Option<&str>) -> Reply {
    let mut req = server.client.delete(server.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    Reply::from(req.send().await.unwrap()).await
}

async fn put(server: &TestServer, path: &str, body: Value, token: Option<&str>) -> Reply {
    let mut req = server.client.put(server.url(path)).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    Reply::from(req.send().await.unwrap()).await
}

async fn community(server: &TestServer, admin: &str, slug: &str) {
    let reply = server
        .post(
            "/api/v1/communities",
            json!({ "slug": slug, "name": format!("Quartiere {slug}") }),
            Some(admin),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
}

async fn residents_join_and_leave(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    community(&server, &admin, "ospizio").await;
    let anna = server.token("anna").await;

    server
        .post("/api/v1/communities/ospizio/members", json!({}), None)
        .await
        .assert_problem(401, "unauthorized");
    let joined = server
        .post(
            "/api/v1/communities/ospizio/members",
            json!({}),
            Some(&anna),
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    assert_eq!(joined.json["role"], "member");
    let again = server
        .post(
            "/api/v1/communities/ospizio/members",
            json!({}),
            Some(&anna),
        )
        .await;
    assert_eq!((again.status, &again.json["role"]), (200, &json!("member")));

    let detail = server.get("/api/v1/communities/ospizio", Some(&anna)).await;
    assert_eq!(detail.json["member_count"], 1);
    assert_eq!(detail.json["my_role"], "member");
    let anonymous = server.get("/api/v1/communities/ospizio", None).await;
    assert_eq!(anonymous.json["my_role"], Value::Null);
    let me = server.get("/api/v1/me", Some(&anna)).await;
    assert_eq!(
        me.json["communities"],
        json!([{ "slug": "ospizio", "name": "Quartiere ospizio", "role": "member" }])
    );

    assert_eq!(
        delete(&server, "/api/v1/communities/ospizio/members", Some(&anna))
            .await
            .status,
        204
    );
    delete(&server, "/api/v1/communities/ospizio/members", Some(&anna))
        .await
        .assert_problem(404, "not_found");
    server
        .post(
            "/api/v1/communities/nowhere/members",
            json!({}),
            Some(&anna),
        )
        .await
        .assert_problem(404, "not_found");
    let detail = server.get("/api/v1/communities/ospizio", None).await;
    assert_eq!(detail.json["member_count"], 0);
}

async fn only_admins_appoint_facilitators_and_facilitators_run_channels(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    community(&server, &admin, "santa-croce").await;
    community(&server, &admin, "ospizio").await;
    let arch = server.token("architetta").await;
    let resident = server.token("rocco").await;
    server
        .post(
            "/api/v1/communities/santa-croce/members",
            json!({}),
            Some(&resident),
        )
        .await;

    let path = "/api/v1/communities/santa-croce/facilitators/architetta";
    put(&server, path, json!({}), Some(&resident))
        .await
        .assert_problem(403, "forbidden");
    put(&server, path, json!({}), None)
        .await
        .assert_problem(401, "unauthorized");
    let appointed = put(&server, path, json!({}), Some(&admin)).await;
    assert_eq!(appointed.status, 200, "{}", appointed.body);
    assert_eq!(appointed.json["role"], "facilitator");
    put(
        &server,
        "/api/v1/communities/santa-croce/facilitators/ghost",
        json!({}),
        Some(&admin),
    )
    .await
    .assert_problem(404, "not_found");

    let channel = json!({ "slug": "dialogo", "name": "Dialogo", "kind": "dialogue" });
    let path = "/api/v1/communities/santa-croce/channels";
    server
        .post(path, channel.clone(), Some(&resident))
        .await
        .assert_problem(403, "forbidden");
    // A facilitator of one neighbourhood is nobody special in another.
    server
        .post(
            "/api/v1/communities/ospizio/channels",
            channel.clone(),
            Some(&arch),
        )
        .await
        .assert_problem(403, "forbidden");
    let created = server.post(path, channel.clone(), Some(&arch)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json["visibility"], "public");
    assert_eq!(created.json["community"], "santa-croce");
    server
        .post(path, channel.clone(), Some(&admin))
        .await
        .assert_problem(409, "slug_taken");
    // The same slug in another neighbourhood is fine.
    let other = server
        .post(
            "/api/v1/communities/ospizio/channels",
            channel,
            Some(&admin),
        )
        .await;
    assert_eq!(other.status, 201);
    let bad = server
        .post(
            path,
            json!({ "slug": "x y", "name": "", "kind": "chat", "visibility": "secret" }),
            Some(&arch),
        )
        .await;
    let errors = &bad.assert_problem(422, "validation_failed")["errors"];
    for field in ["slug", "name", "kind", "visibility"] {
        assert!(errors.get(field).is_some(), "{field}: {errors}");
    }
    let listed = server.get(path, None).await;
    assert_eq!(listed.json.as_array().unwrap().len(), 1);
    let me = server.get("/api/v1/me", Some(&arch)).await;
    assert_eq!(
        me.json["communities"],
        json!([{ "slug": "santa-croce", "name": "Quartiere santa-croce", "role": "facilitator" }])
    );
}

async fn members_only_channels_are_invisible_to_others(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    community(&server, &admin, "coviolo").await;
    let member = server.token("mario").await;
    let outsider = server.token("ugo").await;
    server
        .post(
            "/api/v1/communities/coviolo/members",
            json!({}),
            Some(&member),
        )
        .await;
    let path = "/api/v1/communities/coviolo/channels";
    let public = server
        .post(
            path,
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue" }),
            Some(&admin),
        )
        .await;
    let private = server
        .post(
            path,
            json!({ "slug": "soci", "name": "Solo soci", "kind": "dialogue", "visibility": "members" }),
            Some(&admin),
        )
        .await;
    assert_eq!(private.status, 201);
    let private_id = private.json["id"].as_str().unwrap();
    let public_id = public.json["id"].as_str().unwrap();

    let slugs = |reply: &Reply| -> Vec<String> {
        reply
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        slugs(&server.get(path, Some(&member)).await),
        ["piazza", "soci"]
    );
    assert_eq!(
        slugs(&server.get(path, Some(&admin)).await),
        ["piazza", "soci"]
    );
    assert_eq!(slugs(&server.get(path, Some(&outsider)).await), ["piazza"]);
    assert_eq!(slugs(&server.get(path, None).await), ["piazza"]);
    for token in [Some(outsider.as_str()), None] {
        let detail = server.get("/api/v1/communities/coviolo", token).await;
        let names: Vec<_> = detail.json["channels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].clone())
            .collect();
        assert_eq!(names, [json!("piazza")]);
        assert!(!detail.body.contains("Solo soci"));
        server
            .get(&format!("/api/v1/channels/{private_id}"), token)
            .await
            .assert_problem(404, "not_found");
        assert_eq!(
            server
                .get(&format!("/api/v1/channels/{public_id}"), token)
                .await
                .status,
            200
        );
    }
    let seen = server
        .get(&format!("/api/v1/channels/{private_id}"), Some(&member))
        .await;
    assert_eq!(seen.json["name"], "Solo soci");
    server
        .get("/api/v1/channels/not-a-uuid", None)
        .await
        .assert_problem(404, "not_found");
    // An invalid token is refused rather than silently treated as anonymous.
    server
        .get("/api/v1/communities/coviolo", Some("bad-token"))
        .await
        .assert_problem(401, "unauthorized");
}

async fn moderators_are_people_or_organisation_owners(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    community(&server, &admin, "mancasale").await;
    let arch = server.token("architetto").await;
    put(
        &server,
        "/api/v1/communities/mancasale/facilitators/architetto",
        json!({}),
        Some(&admin),
    )
    .await;
    let resident = server.token("lino").await;
    let owner = server.token("presidente").await;
    let org = server
        .post(
            "/api/v1/organizations",
            json!({ "slug": "circolo", "name": "Circolo Arci", "kind": "association" }),
            Some(&owner),
        )
        .await;
    assert_eq!(org.status, 201, "{}", org.body);
    let channel = server
        .post(
            "/api/v1/communities/mancasale/channels",
            json!({ "slug": "sport", "name": "Sport", "kind": "events" }),
            Some(&arch),
        )
        .await;
    let id = channel.json["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/channels/{id}/moderators");

    put(&server, &format!("{base}/lino"), json!({}), Some(&resident))
        .await
        .assert_problem(403, "forbidden");
    put(
        &server,
        &format!("{base}/org:circolo"),
        json!({}),
        Some(&owner),
    )
    .await
    .assert_problem(403, "forbidden");
    assert_eq!(
        put(&server, &format!("{base}/lino"), json!({}), Some(&arch))
            .await
            .status,
        204
    );
    assert_eq!(
        put(
            &server,
            &format!("{base}/user:lino"),
            json!({}),
            Some(&arch)
        )
        .await
        .status,
        204
    );
    assert_eq!(
        put(
            &server,
            &format!("{base}/org:circolo"),
            json!({}),
            Some(&admin)
        )
        .await
        .status,
        204
    );
    put(
        &server,
        &format!("{base}/org:nessuno"),
        json!({}),
        Some(&admin),
    )
    .await
    .assert_problem(404, "not_found");
    put(&server, &format!("{base}/ghost"), json!({}), Some(&admin))
        .await
        .assert_problem(404, "not_found");

    let detail = server.get(&format!("/api/v1/channels/{id}"), None).await;
    assert_eq!(
        detail.json["moderators"],
        json!([{ "kind": "person", "name": "lino" }, { "kind": "organization", "name": "circolo" }])
    );
    assert_eq!(
        delete(&server, &format!("{base}/lino"), Some(&arch))
            .await
            .status,
        204
    );
    delete(&server, &format!("{base}/lino"), Some(&arch))
        .await
        .assert_problem(404, "not_found");
    delete(&server, &format!("{base}/org:circolo"), Some(&resident))
        .await
        .assert_problem(403, "forbidden");
    let detail = server.get(&format!("/api/v1/channels/{id}"), None).await;
    assert_eq!(
        detail.json["moderators"],
        json!([{ "kind": "organization", "name": "circolo" }])
    );
}

async fn organisations_have_owners_and_members(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    community(&server, &admin, "ospizio").await;
    let founder = server.token("fondatrice").await;
    let helper = server.token("volontario").await;

    let create = |slug: &str, kind: &str, community: Option<&str>| json!({ "slug": slug, "name": format!("Org {slug}"), "kind": kind, "community": community });
    let created = server
        .post(
            "/api/v1/organizations",
            create("orti", "association", Some("ospizio")),
            Some(&founder),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json["actor_id"], "http://comune.test/o/orti");
    server
        .post(
            "/api/v1/organizations",
            create("orti", "business", None),
            Some(&helper),
        )
        .await
        .assert_problem(409, "slug_taken");
    // Institutional kinds need an admin; a Consulta needs its neighbourhood.
    server
        .post(
            "/api/v1/organizations",
            create("comune-re", "municipality", None),
            Some(&founder),
        )
        .await
        .assert_problem(403, "forbidden");
    let no_home = server
        .post(
            "/api/v1/organizations",
            create("consulta-x", "consulta", None),
            Some(&admin),
        )
        .await;
    assert_eq!(
        no_home.assert_problem(422, "validation_failed")["errors"]["community"][0]["code"],
        "required"
    );
    let unknown_home = server
        .post(
            "/api/v1/organizations",
            create("consulta-y", "consulta", Some("atlantide")),
            Some(&admin),
        )
        .await;
    assert_eq!(
        unknown_home.assert_problem(422, "validation_failed")["errors"]["community"][0]["code"],
        "unknown"
    );
    let consulta = server
        .post(
            "/api/v1/organizations",
            create("consulta-ospizio", "consulta", Some("ospizio")),
            Some(&admin),
        )
        .await;
    assert_eq!(consulta.status, 201);
    server
        .post(
            "/api/v1/organizations",
            create("strana", "club", None),
            Some(&founder),
        )
        .await
        .assert_problem(422, "validation_failed");

    let member_path = "/api/v1/organizations/orti/members/volontario";
    put(
        &server,
        member_path,
        json!({ "role": "member" }),
        Some(&helper),
    )
    .await
    .assert_problem(403, "forbidden");
    assert_eq!(
        put(
            &server,
            member_path,
            json!({ "role": "member" }),
            Some(&founder)
        )
        .await
        .status,
        204
    );
    // A plain member cannot promote themselves.
    put(
        &server,
        member_path,
        json!({ "role": "owner" }),
        Some(&helper),
    )
    .await
    .assert_problem(403, "forbidden");
    put(
        &server,
        member_path,
        json!({ "role": "boss" }),
        Some(&founder),
    )
    .await
    .assert_problem(422, "validation_failed");
    let detail = server.get("/api/v1/organizations/orti", None).await;
    assert_eq!(
        detail.json["members"],
        json!([
            { "username": "fondatrice", "display_name": "fondatrice tester", "role": "owner" },
            { "username": "volontario", "display_name": "volontario tester", "role": "member" }
        ])
    );
    // The last owner can neither leave nor be demoted.
    delete(
        &server,
        "/api/v1/organizations/orti/members/fondatrice",
        Some(&founder),
    )
    .await
    .assert_problem(422, "validation_failed");
    put(
        &server,
        "/api/v1/organizations/orti/members/fondatrice",
        json!({ "role": "member" }),
        Some(&founder),
    )
    .await
    .assert_problem(422, "validation_failed");
    // Anyone may leave.
    assert_eq!(
        delete(&server, member_path, Some(&helper)).await.status,
        204
    );
    let me = server.get("/api/v1/me", Some(&founder)).await;
    assert_eq!(
        me.json["organizations"],
        json!([{ "slug": "orti", "name": "Org orti", "kind": "association", "role": "owner" }])
    );

    let list = server.get("/api/v1/organizations?limit=1", None).await;
    assert_eq!(list.json["items"][0]["slug"], "consulta-ospizio");
    assert!(list.json["next_cursor"].is_string());
    server
        .get("/api/v1/organizations/nessuna", None)
        .await
        .assert_problem(404, "not_found");
}
