//! Search over real HTTP: writes become searchable through the change feed, members-only content
//! never shows to others (hits, totals, facets), edits and deletions follow, snippets are
//! escaped, and the index survives a crash before indexing and a corrupted index folder.

use std::time::{Duration, Instant};

use comune_tests::{both_backends, Backend, Reply, TestServer};
use serde_json::{json, Value};

both_backends!(
    writes_become_searchable_and_visibility_holds,
    a_write_committed_before_a_crash_is_indexed_at_restart,
    a_corrupt_index_is_rebuilt_at_start,
);

/// Polls a search until `done` holds (the indexer runs every quarter second); fails after 10 s.
async fn search_until(
    server: &TestServer,
    query: &str,
    token: Option<&str>,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = server.get(&format!("/api/v1/search?{query}"), token).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        if done(&reply.json) {
            return reply.json;
        }
        assert!(
            Instant::now() < deadline,
            "search `{query}` never reached the expected state: {}",
            reply.body
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn ids(results: &Value) -> Vec<String> {
    results["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn writes_become_searchable_and_visibility_holds(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    server
        .post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Ospizio", "description": "Quartiere con orti" }),
            Some(&admin),
        )
        .await;
    let member = server.token("marta").await;
    let outsider = server.token("olga").await;
    server
        .post(
            "/api/v1/communities/ospizio/members",
            json!({}),
            Some(&member),
        )
        .await;
    let mut channels = Vec::new();
    for (slug, visibility) in [("piazza", "public"), ("soci", "members")] {
        let c = server
            .post(
                "/api/v1/communities/ospizio/channels",
                json!({ "slug": slug, "name": slug, "kind": "dialogue", "visibility": visibility }),
                Some(&admin),
            )
            .await;
        channels.push(c.json["id"].as_str().unwrap().to_owned());
    }
    let public = server
        .post(&format!("/api/v1/channels/{}/posts", channels[0]),
              json!({ "title": "Perché la biblioteca chiude presto?", "body": "Servono **orari** più lunghi. <script>alert(1)</script>" }),
              Some(&member))
        .await;
    let public_id = public.json["id"].as_str().unwrap().to_owned();
    let private = server
        .post(
            &format!("/api/v1/channels/{}/posts", channels[1]),
            json!({ "title": "Biblioteca: bilancio riservato", "body": "Cifre solo per i soci" }),
            Some(&member),
        )
        .await;
    let private_id = private.json["id"].as_str().unwrap().to_owned();

    // The member finds both; accents folded ("perche"), typos forgiven ("bibliotca").
    let for_member = search_until(&server, "q=bibliotca", Some(&member), |r| r["total"] == 2).await;
    assert_eq!(for_member["facets"]["kind"]["thread"], 2);
    assert_eq!(for_member["facets"]["community"]["ospizio"], 2);
    let found = search_until(&server, "q=perche", Some(&member), |r| r["total"] == 1).await;
    assert_eq!(ids(&found), [public_id.as_str()]);
    assert_eq!(found["items"][0]["url"], format!("/posts/{public_id}"));

    // Outsiders and anonymous people never see the members-only post: not in hits, totals or facets.
    for token in [Some(outsider.as_str()), None] {
        let r = server.get("/api/v1/search?q=biblioteca", token).await;
        assert_eq!(ids(&r.json), [public_id.as_str()]);
        assert_eq!(r.json["total"], 1);
        assert_eq!(r.json["facets"]["kind"]["thread"], 1);
        assert!(!r.body.contains("riservato") && !r.body.contains(&private_id));
        let r = server.get("/api/v1/search?q=riservato", token).await;
        assert_eq!(
            (r.json["total"].clone(), r.json["items"].clone()),
            (json!(0), json!([]))
        );
    }
    // Admins see everything.
    let r = server
        .get("/api/v1/search?q=biblioteca", Some(&admin))
        .await;
    assert_eq!(r.json["total"], 2);

    // Snippets mark matches and escape content.
    let r = server.get("/api/v1/search?q=orari", None).await;
    let snippet = r.json["items"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>orari</mark>"), "{snippet}");
    assert!(!snippet.contains("<script"), "{snippet}");

    // Filters and the community itself.
    let r = search_until(&server, "q=orti&kind=community", None, |r| r["total"] == 1).await;
    assert_eq!(r["items"][0]["url"], "/c/ospizio");
    let r = server
        .get(
            "/api/v1/search?q=biblioteca&community=altrove",
            Some(&admin),
        )
        .await;
    assert_eq!(r.json["total"], 0);
    server
        .get("/api/v1/search?q=x&kind=planet", None)
        .await
        .assert_problem(400, "malformed_request");
    server
        .get("/api/v1/search?q=x&cursor=zzz", None)
        .await
        .assert_problem(400, "malformed_request");

    // A comment is found too, with its post's visibility.
    server
        .post(
            &format!("/api/v1/posts/{private_id}/comments"),
            json!({ "body": "Propongo una raccolta fondi" }),
            Some(&member),
        )
        .await;
    search_until(&server, "q=raccolta", Some(&member), |r| r["total"] == 1).await;
    assert_eq!(
        server.get("/api/v1/search?q=raccolta", None).await.json["total"],
        0
    );

    // Edits and deletions follow.
    let edit = server
        .client
        .patch(server.url(&format!("/api/v1/posts/{public_id}")))
        .bearer_auth(&member)
        .json(&json!({ "title": "Orari della ludoteca" }))
        .send()
        .await
        .unwrap();
    assert_eq!(edit.status(), 200);
    search_until(&server, "q=ludoteca", None, |r| r["total"] == 1).await;
    let gone = Reply::from(
        server
            .client
            .delete(server.url(&format!("/api/v1/posts/{public_id}")))
            .bearer_auth(&member)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(gone.status, 204);
    search_until(&server, "q=ludoteca", None, |r| r["total"] == 0).await;
}

async fn a_write_committed_before_a_crash_is_indexed_at_restart(backend: Backend) {
    use comune_domain::posts::{self, Draft};
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    server
        .post(
            "/api/v1/communities",
            json!({ "slug": "rosta", "name": "Rosta Nuova" }),
            Some(&admin),
        )
        .await;
    let channel = server
        .post(
            "/api/v1/communities/rosta/channels",
            json!({ "slug": "dialogo", "name": "Dialogo", "kind": "dialogue" }),
            Some(&admin),
        )
        .await;
    let channel_id = channel.json["id"].as_str().unwrap().to_owned();
    search_until(&server, "q=rosta&kind=community", None, |r| r["total"] == 1).await;
    let (data_dir, db, settings) = server.stop().await;

    // The write commits (with its change-feed row) while no server runs: as if the process died
    // right after the commit, before its indexer saw it.
    let mut conn = comune_domain::db::DatabaseUrl::parse(&settings.database_url())
        .unwrap()
        .connect()
        .unwrap();
    let admin_id = comune_domain::accounts::find_local_by_username(&mut conn, "sindaca")
        .unwrap()
        .unwrap()
        .id;
    let instance = comune_domain::Instance::new(settings.public_url());
    posts::create(
        &mut conn,
        &instance,
        &channel_id,
        &admin_id,
        &Draft {
            title: "Mercatino del riuso".into(),
            body: "Sabato in piazza".into(),
        },
    )
    .unwrap();
    drop(conn);

    let server = TestServer::start_settings(settings);
    let r = search_until(&server, "q=mercatino", None, |r| r["total"] == 1).await;
    assert_eq!(r["items"][0]["title"], "Mercatino del riuso");
    drop(server);
    drop((db, data_dir));
}

async fn a_corrupt_index_is_rebuilt_at_start(backend: Backend) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    server
        .post(
            "/api/v1/communities",
            json!({ "slug": "coviolo", "name": "Coviolo", "description": "Colline e vigne" }),
            Some(&admin),
        )
        .await;
    search_until(&server, "q=vigne", None, |r| r["total"] == 1).await;
    let (data_dir, db, settings) = server.stop().await;

    let index = settings.data_dir.join("search").join("index");
    std::fs::write(index.join("meta.json"), b"{ this is not an index").unwrap();
    let server = TestServer::start_settings(settings.clone());
    search_until(&server, "q=vigne", None, |r| r["total"] == 1).await;
    let (data_dir2, db2, settings) = server.stop().await;

    // And with the whole folder gone.
    std::fs::remove_dir_all(settings.data_dir.join("search")).unwrap();
    let server = TestServer::start_settings(settings);
    search_until(&server, "q=colline", None, |r| r["total"] == 1).await;
    drop(server);
    drop((db, data_dir, db2, data_dir2));
}
