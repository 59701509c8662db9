//! Posts, comments and likes: who may write, who may read, and that members-only content never
//! reaches anyone else. Also: rendered Markdown is inert, and a feed page costs a bounded number
//! of queries.

use comune_tests::{both_backends, Backend, Reply, TestServer};
use serde_json::{json, Value};

both_backends!(
    members_post_comment_and_like,
    members_only_posts_never_reach_outsiders,
    announcements_come_from_those_who_may_announce,
    feeds_paginate_in_both_orders,
    anonymous_readers_see_every_write_at_once,
    members_only_posts_stay_out_of_the_federated_collections,
    new_accounts_write_within_an_hourly_budget,
);

struct World {
    server: TestServer,
    admin: String,
    member: String,
    outsider: String,
    public_channel: String,
    members_channel: String,
}

async fn world(backend: Backend) -> World {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    let created = server
        .post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Ospizio" }),
            Some(&admin),
        )
        .await;
    assert_eq!(created.status, 201);
    let member = server.token("marta").await;
    let outsider = server.token("olga").await;
    server
        .post(
            "/api/v1/communities/ospizio/members",
            json!({}),
            Some(&member),
        )
        .await;
    let mut ids = Vec::new();
    for (slug, visibility) in [("piazza", "public"), ("soci", "members")] {
        let c = server
            .post(
                "/api/v1/communities/ospizio/channels",
                json!({ "slug": slug, "name": slug, "kind": "dialogue", "visibility": visibility }),
                Some(&admin),
            )
            .await;
        assert_eq!(c.status, 201, "{}", c.body);
        ids.push(c.json["id"].as_str().unwrap().to_owned());
    }
    World {
        server,
        admin,
        member,
        outsider,
        members_channel: ids.pop().unwrap(),
        public_channel: ids.pop().unwrap(),
    }
}

async fn members_post_comment_and_like(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let feed = format!("/api/v1/channels/{}/posts", w.public_channel);
    let draft = json!({
        "title": "Festa di via",
        "body": "Sabato **alle 18** in piazza.\n\n<script>alert(1)</script> [x](javascript:alert(1))",
    });
    s.post(&feed, draft.clone(), Some(&w.outsider))
        .await
        .assert_problem(403, "forbidden");
    s.post(&feed, draft.clone(), None)
        .await
        .assert_problem(401, "unauthorized");
    let created = s.post(&feed, draft, Some(&w.member)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let post = created.json.clone();
    let id = post["id"].as_str().unwrap();
    assert_eq!(post["author"]["username"], "marta");
    assert_eq!(post["kind"], "dialogue");
    let html = post["body_html"].as_str().unwrap();
    assert!(html.contains("<strong>alle 18</strong>"), "{html}");
    // The script is gone; what is left of that line is text, never a link.
    assert!(
        !html.contains("<script") && !html.contains("href=\"javascript"),
        "{html}"
    );
    assert_eq!(post["object_id"], format!("http://comune.test/posts/{id}"));

    let bad = s
        .post(
            &feed,
            json!({ "title": "  ", "body": "x".repeat(50_001) }),
            Some(&w.member),
        )
        .await;
    let errors = &bad.assert_problem(422, "validation_failed")["errors"];
    assert_eq!(errors["title"][0]["code"], "required");
    assert_eq!(errors["body"][0]["code"], "length");

    // Anyone reads a public channel.
    let page = s.get(&feed, None).await;
    assert_eq!(page.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(page.json["next_cursor"], Value::Null);

    // Threaded comments; the outsider may read but not write.
    let comments = format!("/api/v1/posts/{id}/comments");
    s.post(&comments, json!({ "body": "Ci sarò" }), Some(&w.outsider))
        .await
        .assert_problem(403, "forbidden");
    let first = s
        .post(&comments, json!({ "body": "Ci sarò" }), Some(&w.member))
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let first_id = first.json["id"].as_str().unwrap().to_owned();
    let reply = s
        .post(
            &comments,
            json!({ "body": "Anch'io", "parent_id": first_id }),
            Some(&w.admin),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.json["parent_id"], first_id.as_str());
    let stranger = s
        .post(
            &comments,
            json!({ "body": "x", "parent_id": uuid::Uuid::now_v7() }),
            Some(&w.member),
        )
        .await;
    assert_eq!(
        stranger.assert_problem(422, "validation_failed")["errors"]["parent_id"][0]["code"],
        "unknown"
    );
    let listed = s.get(&comments, None).await;
    let bodies: Vec<_> = listed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].clone())
        .collect();
    assert_eq!(bodies, [json!("Ci sarò"), json!("Anch'io")]);

    // Likes count once per person.
    let likes = format!("/api/v1/posts/{id}/reactions");
    for _ in 0..2 {
        assert_eq!(s.post(&likes, json!({}), Some(&w.member)).await.status, 204);
    }
    assert_eq!(s.post(&likes, json!({}), Some(&w.admin)).await.status, 204);
    s.post(&likes, json!({}), Some(&w.outsider))
        .await
        .assert_problem(403, "forbidden");
    let one = s.get(&format!("/api/v1/posts/{id}"), Some(&w.member)).await;
    assert_eq!(
        (
            one.json["like_count"].clone(),
            one.json["liked_by_me"].clone()
        ),
        (json!(2), json!(true))
    );
    assert_eq!(one.json["comment_count"], 2);
    assert_eq!(
        s.send(reqwest::Method::DELETE, &likes, None, Some(&w.member))
            .await
            .status,
        204
    );
    let one = s.get(&format!("/api/v1/posts/{id}"), Some(&w.member)).await;
    assert_eq!(
        (
            one.json["like_count"].clone(),
            one.json["liked_by_me"].clone()
        ),
        (json!(1), json!(false))
    );

    // Only the author edits and deletes.
    let path = format!("/api/v1/posts/{id}");
    s.send(
        reqwest::Method::PATCH,
        &path,
        Some(json!({ "title": "Mio" })),
        Some(&w.admin),
    )
    .await
    .assert_problem(403, "forbidden");
    let edited = s
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(json!({ "body": "Rinviata a _domenica_" })),
            Some(&w.member),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(edited.json["title"], "Festa di via");
    assert!(edited.json["body_html"]
        .as_str()
        .unwrap()
        .contains("<em>domenica</em>"));
    s.send(reqwest::Method::DELETE, &path, None, Some(&w.outsider))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        s.send(reqwest::Method::DELETE, &path, None, Some(&w.member))
            .await
            .status,
        204
    );
    s.get(&path, None).await.assert_problem(404, "not_found");
    assert_eq!(s.get(&feed, None).await.json["items"], json!([]));
}

async fn members_only_posts_never_reach_outsiders(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let feed = format!("/api/v1/channels/{}/posts", w.members_channel);
    let created = s
        .post(
            &feed,
            json!({ "title": "Riunione riservata", "body": "Ordine del giorno segreto" }),
            Some(&w.member),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let comment = s
        .post(
            &format!("/api/v1/posts/{id}/comments"),
            json!({ "body": "Commento riservato" }),
            Some(&w.member),
        )
        .await;
    assert_eq!(comment.status, 201);

    for token in [Some(w.outsider.as_str()), None] {
        for path in [
            feed.clone(),
            format!("/api/v1/posts/{id}"),
            format!("/api/v1/posts/{id}/comments"),
        ] {
            let reply = s.get(&path, token).await;
            reply.assert_problem(404, "not_found");
            assert!(!reply.body.contains("riservat"), "{}", reply.body);
        }
    }
    for (path, body) in [
        (
            format!("/api/v1/posts/{id}/comments"),
            json!({ "body": "ciao" }),
        ),
        (format!("/api/v1/posts/{id}/reactions"), json!({})),
        (feed.clone(), json!({ "title": "t" })),
    ] {
        s.post(&path, body, Some(&w.outsider))
            .await
            .assert_problem(404, "not_found");
    }
    s.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/posts/{id}"),
        Some(json!({ "title": "x" })),
        Some(&w.outsider),
    )
    .await
    .assert_problem(404, "not_found");
    // Members and admins read it.
    assert_eq!(
        s.get(&format!("/api/v1/posts/{id}"), Some(&w.member))
            .await
            .status,
        200
    );
    let page = s.get(&feed, Some(&w.admin)).await;
    assert_eq!(page.json["items"][0]["title"], "Riunione riservata");
    // Once the member leaves, the channel is closed to them too.
    assert_eq!(
        s.send(
            reqwest::Method::DELETE,
            "/api/v1/communities/ospizio/members",
            None,
            Some(&w.member)
        )
        .await
        .status,
        204
    );
    s.get(&format!("/api/v1/posts/{id}"), Some(&w.member))
        .await
        .assert_problem(404, "not_found");
}

async fn announcements_come_from_those_who_may_announce(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let channel = s
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "avvisi", "name": "Avvisi", "kind": "announcements" }),
            Some(&w.admin),
        )
        .await;
    let feed = format!(
        "/api/v1/channels/{}/posts",
        channel.json["id"].as_str().unwrap()
    );
    let notice = json!({ "title": "Lavori in via Roma", "body": "Dal 3 al 5 marzo." });
    s.post(&feed, notice.clone(), Some(&w.member))
        .await
        .assert_problem(403, "forbidden");
    // Staff of the municipality organisation may announce, even without facilitating.
    let staff = s.token("ufficio").await;
    s.post(
        "/api/v1/communities/ospizio/members",
        json!({}),
        Some(&staff),
    )
    .await;
    let org = s
        .post(
            "/api/v1/organizations",
            json!({ "slug": "comune-re", "name": "Comune", "kind": "municipality" }),
            Some(&w.admin),
        )
        .await;
    assert_eq!(org.status, 201);
    let added = s
        .send(
            reqwest::Method::PUT,
            "/api/v1/organizations/comune-re/members/ufficio",
            Some(json!({ "role": "member" })),
            Some(&w.admin),
        )
        .await;
    assert_eq!(added.status, 204);
    let by_staff = s.post(&feed, notice.clone(), Some(&staff)).await;
    assert_eq!(by_staff.status, 201, "{}", by_staff.body);
    assert_eq!(by_staff.json["kind"], "announcements");
    let arch = s.token("architetta").await;
    s.send(
        reqwest::Method::PUT,
        "/api/v1/communities/ospizio/facilitators/architetta",
        None,
        Some(&w.admin),
    )
    .await;
    assert_eq!(s.post(&feed, notice.clone(), Some(&arch)).await.status, 201);
    assert_eq!(s.post(&feed, notice, Some(&w.admin)).await.status, 201);
    // The channel tells each of them whether the form is for them.
    let about = format!("/api/v1/channels/{}", channel.json["id"].as_str().unwrap());
    for (who, may) in [
        (Some(&w.member), false),
        (None, false),
        (Some(&staff), true),
        (Some(&arch), true),
        (Some(&w.admin), true),
    ] {
        let view = s.get(&about, who.map(String::as_str)).await;
        assert_eq!(view.json["can_post"], may, "{}", view.body);
    }
    // Residents may comment on announcements.
    let id = by_staff.json["id"].as_str().unwrap();
    let comment = s
        .post(
            &format!("/api/v1/posts/{id}/comments"),
            json!({ "body": "Grazie dell'avviso" }),
            Some(&w.member),
        )
        .await;
    assert_eq!(comment.status, 201);
    // Event channels need the event's own fields, which a bare post lacks.
    let events = s
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "eventi", "name": "Eventi", "kind": "events" }),
            Some(&w.admin),
        )
        .await;
    let events_feed = format!(
        "/api/v1/channels/{}/posts",
        events.json["id"].as_str().unwrap()
    );
    let refused = s
        .post(&events_feed, json!({ "title": "Festa" }), Some(&w.member))
        .await;
    assert_eq!(
        refused.assert_problem(422, "validation_failed")["errors"]["starts_at"][0]["code"],
        "required"
    );
}

async fn feeds_paginate_in_both_orders(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let feed = format!("/api/v1/channels/{}/posts", w.public_channel);
    let mut ids = Vec::new();
    for i in 0..5 {
        let p = s
            .post(
                &feed,
                json!({ "title": format!("Post {i}") }),
                Some(&w.member),
            )
            .await;
        ids.push(p.json["id"].as_str().unwrap().to_owned());
    }
    let titles = |reply: &Reply| -> Vec<String> {
        reply.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut seen = Vec::new();
    let mut path = format!("{feed}?limit=2");
    loop {
        let page = s.get(&path, None).await;
        assert_eq!(page.status, 200, "{}", page.body);
        seen.extend(titles(&page));
        match page.json["next_cursor"].as_str() {
            Some(c) => path = format!("{feed}?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, ["Post 4", "Post 3", "Post 2", "Post 1", "Post 0"]);
    // A comment on the oldest post brings it to the top of the active order only.
    s.post(
        &format!("/api/v1/posts/{}/comments", ids[0]),
        json!({ "body": "su!" }),
        Some(&w.member),
    )
    .await;
    let active = s.get(&format!("{feed}?order=active&limit=3"), None).await;
    assert_eq!(titles(&active), ["Post 0", "Post 4", "Post 3"]);
    let next = active.json["next_cursor"].as_str().unwrap();
    let rest = s
        .get(&format!("{feed}?order=active&limit=3&cursor={next}"), None)
        .await;
    assert_eq!(titles(&rest), ["Post 2", "Post 1"]);
    assert_eq!(titles(&s.get(&feed, None).await)[0], "Post 4");
    s.get(&format!("{feed}?order=best"), None)
        .await
        .assert_problem(400, "malformed_request");
    s.get(&format!("{feed}?cursor=bm9wZQ"), None)
        .await
        .assert_problem(400, "malformed_request");
}

/// Pages of public feeds are kept in memory (see the server's `public_cache`), with each signed-in
/// reader's own likes added per request: every kind of write must still show at once, and nothing
/// of one reader may reach another.
async fn anonymous_readers_see_every_write_at_once(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let feed = format!("/api/v1/channels/{}/posts", w.public_channel);
    let anonymous = || async { s.get(&feed, None).await.json["items"].clone() };
    let hits = || async {
        let text = s.get("/metrics", None).await.body;
        text.lines()
            .find(|l| l.starts_with("comune_read_cache_total{cache=\"feed\",outcome=\"hit\"}"))
            .and_then(|l| l.rsplit(' ').next())
            .map_or(0, |n| n.parse::<u64>().unwrap())
    };

    assert_eq!(anonymous().await, json!([]));
    let before = hits().await;
    assert_eq!(anonymous().await, json!([]));
    assert_eq!(hits().await, before + 1, "the second read came from memory");

    let post = s
        .post(&feed, json!({ "title": "Mercatino" }), Some(&w.member))
        .await;
    assert_eq!(post.status, 201, "{}", post.body);
    let id = post.json["id"].as_str().unwrap().to_owned();
    assert_eq!(anonymous().await[0]["title"], "Mercatino");

    s.post(
        &format!("/api/v1/posts/{id}/reactions"),
        json!({}),
        Some(&w.member),
    )
    .await;
    let mine = s.get(&feed, Some(&w.member)).await;
    assert_eq!(mine.json["items"][0]["liked_by_me"], true);
    // The same shared page, marked for another reader.
    let theirs = s.get(&feed, Some(&w.outsider)).await;
    assert_eq!(theirs.json["items"][0]["like_count"], 1);
    assert_eq!(theirs.json["items"][0]["liked_by_me"], false);
    let seen = anonymous().await;
    assert_eq!(seen[0]["like_count"], 1);
    assert_eq!(
        seen[0]["liked_by_me"], false,
        "a resident's view never reaches the cache"
    );

    s.post(
        &format!("/api/v1/posts/{id}/comments"),
        json!({ "body": "Ci sarò" }),
        Some(&w.member),
    )
    .await;
    assert_eq!(anonymous().await[0]["comment_count"], 1);

    let edited = s
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/posts/{id}"),
            Some(json!({ "title": "Mercatino di Natale" })),
            Some(&w.member),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(anonymous().await[0]["title"], "Mercatino di Natale");

    // A members' channel stays closed to anonymous readers after members read it.
    let members_feed = format!("/api/v1/channels/{}/posts", w.members_channel);
    s.post(
        &members_feed,
        json!({ "title": "Riunione soci" }),
        Some(&w.member),
    )
    .await;
    let members_read = s.get(&members_feed, Some(&w.member)).await;
    assert_eq!(members_read.json["items"][0]["title"], "Riunione soci");
    s.get(&members_feed, Some(&w.outsider))
        .await
        .assert_problem(404, "not_found");
    s.get(&members_feed, None)
        .await
        .assert_problem(404, "not_found");

    let deleted = s
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/posts/{id}"),
            None,
            Some(&w.member),
        )
        .await;
    assert!(
        deleted.status == 204 || deleted.status == 200,
        "{}",
        deleted.body
    );
    assert_eq!(anonymous().await, json!([]));
}

/// What a community shows other servers (its outbox and featured posts) never includes a
/// members-only channel's posts.
async fn members_only_posts_stay_out_of_the_federated_collections(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let mut ids = Vec::new();
    for (channel, title) in [
        (&w.public_channel, "Aperto"),
        (&w.members_channel, "Riservato"),
    ] {
        let p = s
            .post(
                &format!("/api/v1/channels/{channel}/posts"),
                json!({ "title": title }),
                Some(&w.member),
            )
            .await;
        assert_eq!(p.status, 201, "{}", p.body);
        let id = p.json["id"].as_str().unwrap().to_owned();
        let pinned = s
            .post(
                "/api/v1/moderation/actions",
                json!({ "action": "pin", "target": { "kind": "post", "id": id }, "reason": "x" }),
                Some(&w.admin),
            )
            .await;
        assert_eq!(pinned.status, 201, "{}", pinned.body);
        ids.push(id);
    }
    for path in ["/c/ospizio/outbox", "/c/ospizio/featured"] {
        let doc = s.get(path, None).await;
        assert_eq!(doc.status, 200, "{path}: {}", doc.body);
        assert_eq!(doc.json["totalItems"], 1, "{path}: {}", doc.body);
        assert!(doc.body.contains(&ids[0]), "{path}: {}", doc.body);
        assert!(
            !doc.body.contains(&ids[1]) && !doc.body.contains("Riservato"),
            "{path}"
        );
    }
    s.get("/c/nowhere/outbox", None)
        .await
        .assert_problem(404, "not_found");
}

mod sqlite_queries {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use comune_domain::accounts::{self, Origin, Registration};
    use comune_domain::author::{Author, Text};
    use comune_domain::channels::{self, NewChannel};
    use comune_domain::communities::{self, NewCommunity};
    use comune_domain::db::DatabaseUrl;
    use comune_domain::posts::{self, Draft, Order};
    use comune_domain::{comments, membership, Instance};
    use diesel::connection::{Instrumentation, InstrumentationEvent};
    use diesel::Connection;

    struct Counter(Arc<AtomicUsize>);

    impl Instrumentation for Counter {
        fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
            if let InstrumentationEvent::StartQuery { .. } = event {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    /// Acceptance: a feed page of 20 posts costs the same number of queries as a page of 2.
    #[test]
    fn a_feed_page_costs_a_bounded_number_of_queries() {
        let dir = tempfile::tempdir().unwrap();
        let url =
            DatabaseUrl::parse(&format!("sqlite://{}", dir.path().join("q.db").display())).unwrap();
        let mut conn = url.connect().unwrap();
        comune_domain::db::migrate(&mut conn).unwrap();
        let instance = Instance::new("http://comune.test".parse().unwrap());
        let mut people = Vec::new();
        for name in ["sindaca", "anna", "bruno", "carla"] {
            let (a, _) = accounts::create_local(
                &mut conn,
                &instance,
                &Registration {
                    username: name.into(),
                    email: format!("{name}@example.org"),
                    password: "tegola-viola-ponte-42".into(),
                    display_name: None,
                    locale: None,
                },
                "it",
                Origin::Admin,
            )
            .unwrap();
            people.push(a.id);
        }
        let admin = people[0].clone();
        communities::create(
            &mut conn,
            &instance,
            &admin,
            &NewCommunity {
                slug: "rosta".into(),
                name: "Rosta".into(),
                description: String::new(),
            },
        )
        .unwrap();
        let channel = channels::create(
            &mut conn,
            "rosta",
            &admin,
            &NewChannel {
                slug: "dialogo".into(),
                name: "Dialogo".into(),
                kind: "dialogue".into(),
                visibility: "public".into(),
                description: String::new(),
            },
        )
        .unwrap();
        for (i, author) in people.iter().cycle().take(25).enumerate() {
            membership::join(&mut conn, "rosta", author).unwrap();
            let p = posts::create(
                &mut conn,
                &instance,
                &channel.id,
                author,
                &Draft {
                    title: format!("p{i}"),
                    body: "b".into(),
                },
            )
            .unwrap();
            comments::create(
                &mut conn,
                &instance,
                &p.id,
                Author::Local(author),
                None,
                Text::Markdown("c"),
            )
            .unwrap();
            posts::like(&mut conn, &instance, &p.id, &people[(i + 1) % 4]).unwrap();
        }
        let count = Arc::new(AtomicUsize::new(0));
        conn.set_instrumentation(Counter(count.clone()));
        let mut queries_for = |limit: i64| {
            count.store(0, Ordering::SeqCst);
            let (items, _) = posts::feed(
                &mut conn,
                &channel.id,
                Some(&people[1]),
                Order::New,
                None,
                limit,
            )
            .unwrap();
            assert_eq!(items.len() as i64, limit);
            assert!(items
                .iter()
                .all(|p| p.comment_count == 1 && p.like_count == 1));
            count.load(Ordering::SeqCst)
        };
        let small = queries_for(2);
        let large = queries_for(20);
        assert_eq!(small, large, "queries grow with the page size");
        assert!(large <= 10, "{large} queries for one feed page");
        println!("a feed page costs {large} queries");
    }
}

async fn new_accounts_write_within_an_hourly_budget(backend: Backend) {
    use comune_domain::schema::accounts;
    use diesel::prelude::*;
    let server = TestServer::start_with(backend, |s| s.throttle_new_account_writes_per_hour = 2);
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
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue" }),
            Some(&admin),
        )
        .await;
    let feed = format!(
        "/api/v1/channels/{}/posts",
        channel.json["id"].as_str().unwrap()
    );
    let fresh = server.token("nuovissimo").await;
    server
        .post(
            "/api/v1/communities/ospizio/members",
            json!({}),
            Some(&fresh),
        )
        .await;
    let first = server
        .post(&feed, json!({ "title": "Primo" }), Some(&fresh))
        .await;
    assert_eq!(first.status, 201);
    let id = first.json["id"].as_str().unwrap();
    assert_eq!(
        server
            .post(
                &format!("/api/v1/posts/{id}/comments"),
                json!({ "body": "e uno" }),
                Some(&fresh)
            )
            .await
            .status,
        201
    );
    let third = server
        .post(&feed, json!({ "title": "Terzo" }), Some(&fresh))
        .await;
    third.assert_problem(429, "rate_limited");
    assert!(third.header("retry-after").is_some());
    // An account older than a day writes freely (the admin here is made a week old).
    let mut conn = server.db();
    diesel::update(accounts::table.filter(accounts::username.eq("sindaca")))
        .set(accounts::created_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::days(7)))
        .execute(&mut conn)
        .unwrap();
    for i in 0..4 {
        let r = server
            .post(
                &feed,
                json!({ "title": format!("Avviso {i}") }),
                Some(&admin),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
}
