//! Federation between real `comune` processes over real HTTP, with real signatures.

use comune_tests::fleet::{eventually, Fleet, Node};
use comune_tests::{both_backends, Backend};
use serde_json::{json, Value};

/// Creates a neighbourhood with a public dialogue channel on `node`; returns the channel id.
async fn neighbourhood(node: &Node, admin: &str, slug: &str) -> String {
    let made = node
        .post(
            "/api/v1/communities",
            json!({ "slug": slug, "name": format!("Quartiere {slug}"), "description": "Un quartiere" }),
            Some(admin),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let channel = node
        .post(
            &format!("/api/v1/communities/{slug}/channels"),
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue", "visibility": "public" }),
            Some(admin),
        )
        .await;
    assert_eq!(channel.status, 201, "{}", channel.body);
    channel.json["id"].as_str().unwrap().to_owned()
}

/// The posts of the first channel of a (possibly remote) community, as `node` shows them.
async fn remote_feed(node: &Node, handle: &str, token: &str) -> Vec<Value> {
    let community = node
        .get(&format!("/api/v1/communities/{handle}"), Some(token))
        .await;
    if community.status != 200 {
        return Vec::new();
    }
    let Some(channel) = community.json["channels"][0]["id"].as_str() else {
        return Vec::new();
    };
    let feed = node
        .get(&format!("/api/v1/channels/{channel}/posts"), Some(token))
        .await;
    feed.json["items"].as_array().cloned().unwrap_or_default()
}

async fn follow_post_comment_and_like_across_three_instances(backend: Backend) {
    let fleet = Fleet::start(backend, &["a.test", "b.test", "c.test"]).await;
    let (a, b, c) = (&fleet.nodes[0], &fleet.nodes[1], &fleet.nodes[2]);

    // Discovery: WebFinger and the Group actor, under the plain host name.
    let admin = a.admin_token("sindaca").await;
    let channel = neighbourhood(a, &admin, "ospizio").await;
    let finger = a
        .get("/.well-known/webfinger?resource=acct:ospizio@a.test", None)
        .await;
    assert_eq!(finger.status, 200, "{}", finger.body);
    // Every link carries `properties`, even empty: Lemmy 0.17 cannot read the response otherwise.
    let links = finger.json["links"].as_array().unwrap();
    assert!(links.len() >= 2, "{}", finger.body);
    assert!(
        links.iter().all(|link| link["properties"].is_object()),
        "{}",
        finger.body
    );
    let group = a.get_ap("/c/ospizio").await;
    assert_eq!(group.status, 200, "{}", group.body);
    assert_eq!(group.json["type"], "Group");
    assert_eq!(group.json["id"], "http://a.test/c/ospizio");
    assert_eq!(group.json["preferredUsername"], "ospizio");
    assert!(group.json["publicKey"]["publicKeyPem"]
        .as_str()
        .unwrap()
        .contains("PUBLIC KEY"));
    // A browser asking for the same URL gets the web client, not JSON.
    let page = a.get("/c/ospizio", None).await;
    assert_ne!(
        page.header("content-type"),
        Some("application/activity+json")
    );

    // People on b and c follow the community of a.
    let bruno = b.token("bruno").await;
    let carla = c.token("carla").await;
    for (node, token) in [(b, &bruno), (c, &carla)] {
        let resolved = node
            .get("/api/v1/resolve?q=ospizio@a.test", Some(token))
            .await;
        assert_eq!(resolved.status, 200, "{}", resolved.body);
        assert_eq!(resolved.json["kind"], "community");
        assert_eq!(resolved.json["handle"], "ospizio@a.test");
        let joined = node
            .post(
                "/api/v1/communities/ospizio@a.test/members",
                json!({}),
                Some(token),
            )
            .await;
        assert_eq!(joined.status, 200, "{}", joined.body);
    }
    // The Follows reach a, which accepts them: its followers collection counts two.
    eventually(60, "two remote followers", || async {
        let f = a.get_ap("/c/ospizio/followers").await;
        (f.json["totalItems"] == 2).then_some(())
    })
    .await;

    // A post on a is announced to b and c.
    let posted = a
        .post(
            &format!("/api/v1/channels/{channel}/posts"),
            json!({ "title": "Festa in piazza", "body": "Sabato alle **16**, portate le sedie." }),
            Some(&admin),
        )
        .await;
    assert_eq!(posted.status, 201, "{}", posted.body);
    for (node, token) in [(b, &bruno), (c, &carla)] {
        let post = eventually(60, "the post on another instance", || async {
            remote_feed(node, "ospizio@a.test", token)
                .await
                .into_iter()
                .find(|p| p["title"] == "Festa in piazza")
        })
        .await;
        assert!(post["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>16</strong>"));
        // Shown with its origin, and found by search like local content.
        assert_eq!(post["author"]["username"], "sindaca@a.test");
        assert_eq!(post["object_id"], posted.json["object_id"]);
        eventually(60, "the remote post in search", || async {
            let found = node
                .get("/api/v1/search?q=festa%20piazza", Some(token))
                .await;
            found.json["items"]
                .as_array()?
                .iter()
                .any(|i| i["title"] == "Festa in piazza")
                .then_some(())
        })
        .await;
    }

    // Bruno opens a thread from b in a's community: a stores it and passes it on to c.
    let community_on_b = b
        .get("/api/v1/communities/ospizio@a.test", Some(&bruno))
        .await;
    let piazza_on_b = community_on_b.json["channels"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let thread = b
        .post(
            &format!("/api/v1/channels/{piazza_on_b}/posts"),
            json!({ "title": "Lampioni spenti", "body": "In via Ospizio da una settimana." }),
            Some(&bruno),
        )
        .await;
    assert_eq!(thread.status, 201, "{}", thread.body);
    eventually(60, "bruno's thread on a", || async {
        let feed = a
            .get(&format!("/api/v1/channels/{channel}/posts"), None)
            .await;
        feed.json["items"]
            .as_array()?
            .iter()
            .find(|p| p["title"] == "Lampioni spenti")
            .map(|p| assert_eq!(p["author"]["username"], "bruno@b.test"))
    })
    .await;
    eventually(60, "bruno's thread passed on to c", || async {
        titles(c, "ospizio@a.test", &carla)
            .await
            .contains(&"Lampioni spenti".to_owned())
            .then_some(())
    })
    .await;

    // A members-only channel of a never leaves a: not in the community's document, not served.
    let private = a
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "consulta", "name": "Consulta", "kind": "dialogue", "visibility": "members" }),
            Some(&admin),
        )
        .await;
    assert_eq!(private.status, 201, "{}", private.body);
    let secret = post(
        a,
        &admin,
        private.json["id"].as_str().unwrap(),
        "Verbale riservato",
    )
    .await;
    let group = a.get_ap("/c/ospizio").await;
    assert!(!group.body.contains("consulta"), "{}", group.body);
    assert_eq!(a.get_ap(&format!("/posts/{secret}")).await.status, 404);

    // Bruno comments from b: the comment goes to a, which announces it to c.
    let on_b = remote_feed(b, "ospizio@a.test", &bruno).await;
    let post_on_b = on_b
        .iter()
        .find(|p| p["title"] == "Festa in piazza")
        .expect("the post on b")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let commented = b
        .post(
            &format!("/api/v1/posts/{post_on_b}/comments"),
            json!({ "body": "Porto la torta!" }),
            Some(&bruno),
        )
        .await;
    assert_eq!(commented.status, 201, "{}", commented.body);
    let post_on_a = posted.json["id"].as_str().unwrap().to_owned();
    eventually(60, "the comment on the community's instance", || async {
        let comments = a
            .get(&format!("/api/v1/posts/{post_on_a}/comments"), None)
            .await;
        comments.json["items"]
            .as_array()?
            .iter()
            .any(|c| {
                c["body_html"]
                    .as_str()
                    .is_some_and(|h| h.contains("Porto la torta"))
            })
            .then_some(())
    })
    .await;
    let on_c = remote_feed(c, "ospizio@a.test", &carla).await;
    let post_on_c = on_c
        .iter()
        .find(|p| p["title"] == "Festa in piazza")
        .expect("the post on c")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    eventually(60, "the comment announced to a third instance", || async {
        let comments = c
            .get(&format!("/api/v1/posts/{post_on_c}/comments"), Some(&carla))
            .await;
        comments.json["items"]
            .as_array()?
            .iter()
            .any(|c| {
                c["body_html"]
                    .as_str()
                    .is_some_and(|h| h.contains("Porto la torta"))
            })
            .then_some(())
    })
    .await;

    // Carla answers Bruno's comment from c: the reply reaches a under the same comment.
    let brunos_on_c = c
        .get(&format!("/api/v1/posts/{post_on_c}/comments"), Some(&carla))
        .await
        .json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["body_html"]
                .as_str()
                .is_some_and(|h| h.contains("Porto la torta"))
        })
        .expect("Bruno's comment on c")["id"]
        .clone();
    let answered = c
        .post(
            &format!("/api/v1/posts/{post_on_c}/comments"),
            json!({ "body": "Io porto il caffè.", "parent_id": brunos_on_c }),
            Some(&carla),
        )
        .await;
    assert_eq!(answered.status, 201, "{}", answered.body);
    eventually(60, "the answer under Bruno's comment on a", || async {
        let items = a
            .get(&format!("/api/v1/posts/{post_on_a}/comments"), None)
            .await
            .json["items"]
            .as_array()?
            .clone();
        let brunos = items.iter().find(|c| {
            c["body_html"]
                .as_str()
                .is_some_and(|h| h.contains("Porto la torta"))
        })?;
        items
            .iter()
            .any(|c| {
                c["body_html"]
                    .as_str()
                    .is_some_and(|h| h.contains("porto il caffè"))
                    && c["parent_id"] == brunos["id"]
            })
            .then_some(())
    })
    .await;

    // Carla likes it from c: the like counts on a.
    let liked = c
        .post(
            &format!("/api/v1/posts/{post_on_c}/reactions"),
            json!({}),
            Some(&carla),
        )
        .await;
    assert!(liked.status < 300, "{}", liked.body);
    eventually(60, "the like on the community's instance", || async {
        let post = a.get(&format!("/api/v1/posts/{post_on_a}"), None).await;
        (post.json["like_count"] == 1).then_some(())
    })
    .await;

    // An event on a: Bruno answers from b, a counts him, and he withdraws.
    let events = a
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "eventi", "name": "Eventi", "kind": "events", "visibility": "public" }),
            Some(&admin),
        )
        .await;
    assert_eq!(events.status, 201, "{}", events.body);
    let event = a
        .post(
            &format!("/api/v1/channels/{}/posts", events.json["id"].as_str().unwrap()),
            json!({ "title": "Cena di quartiere", "starts_at": "2030-06-01T19:00", "ends_at": "2030-06-01T23:00",
                    "location": { "name": "Casa di quartiere", "address": "Via Ospizio 1" }, "capacity": 30 }),
            Some(&admin),
        )
        .await;
    assert_eq!(event.status, 201, "{}", event.body);
    let event_on_a = event.json["id"].as_str().unwrap().to_owned();
    let event_on_b = eventually(60, "the event on b", || async {
        let community = b
            .get("/api/v1/communities/ospizio@a.test", Some(&bruno))
            .await;
        let channel = community.json["channels"]
            .as_array()?
            .iter()
            .find(|c| c["kind"] == "events")?["id"]
            .as_str()?
            .to_owned();
        let feed = b
            .get(&format!("/api/v1/channels/{channel}/posts"), Some(&bruno))
            .await;
        feed.json["items"]
            .as_array()?
            .iter()
            .find(|p| p["title"] == "Cena di quartiere")
            .cloned()
    })
    .await;
    assert_eq!(event_on_b["event"]["starts_at"], "2030-06-01T17:00:00Z");
    assert_eq!(event_on_b["event"]["location"]["address"], "Via Ospizio 1");
    assert_eq!(event_on_b["event"]["capacity"], 30);
    let event_on_b = event_on_b["id"].as_str().unwrap().to_owned();
    let going = b
        .post(
            &format!("/api/v1/posts/{event_on_b}/rsvp"),
            json!({}),
            Some(&bruno),
        )
        .await;
    assert!(going.status < 300, "{}", going.body);
    eventually(60, "the answer on a", || async {
        let e = a.get(&format!("/api/v1/posts/{event_on_a}"), None).await;
        (e.json["event"]["going"] == 1).then_some(())
    })
    .await;
    let withdrawn = b
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/posts/{event_on_b}/rsvp"),
            None,
            Some(&bruno),
        )
        .await;
    assert!(withdrawn.status < 300, "{}", withdrawn.body);
    eventually(60, "the withdrawal on a", || async {
        let e = a.get(&format!("/api/v1/posts/{event_on_a}"), None).await;
        (e.json["event"]["going"] == 0).then_some(())
    })
    .await;

    // The author edits the post on a: the new title shows on b.
    let edited = a
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/posts/{post_on_a}"),
            Some(json!({ "title": "Festa in piazza (spostata)", "body": "Domenica alle 16." })),
            Some(&admin),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    eventually(60, "the edit on another instance", || async {
        remote_feed(b, "ospizio@a.test", &bruno)
            .await
            .iter()
            .any(|p| p["title"] == "Festa in piazza (spostata)")
            .then_some(())
    })
    .await;

    // Carla reports the post from c: it lands in the community's queue on a.
    let reported = c
        .post(
            "/api/v1/reports",
            json!({ "target": { "kind": "post", "id": post_on_c }, "reason": "Data sbagliata" }),
            Some(&carla),
        )
        .await;
    assert_eq!(reported.status, 201, "{}", reported.body);
    eventually(60, "the report in a's queue", || async {
        let queue = a
            .get("/api/v1/communities/ospizio/reports", Some(&admin))
            .await;
        queue.json["items"]
            .as_array()?
            .iter()
            .any(|r| r["reason"] == "Data sbagliata" && r["target_id"] == post_on_a.as_str())
            .then_some(())
    })
    .await;

    // A moderator on a removes Bruno's comment: it goes from c too.
    let comment_on_a = a
        .get(&format!("/api/v1/posts/{post_on_a}/comments"), None)
        .await
        .json["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let removed = a
        .post(
            "/api/v1/moderation/actions",
            json!({ "action": "remove", "target": { "kind": "comment", "id": comment_on_a }, "reason": "Fuori tema" }),
            Some(&admin),
        )
        .await;
    assert!(removed.status < 300, "{}", removed.body);
    eventually(60, "the removal on a third instance", || async {
        let comments = c
            .get(&format!("/api/v1/posts/{post_on_c}/comments"), Some(&carla))
            .await;
        comments.json["items"]
            .as_array()?
            .iter()
            .all(|c| {
                !c["body_html"]
                    .as_str()
                    .unwrap_or("")
                    .contains("Porto la torta")
            })
            .then_some(())
    })
    .await;

    // ... and bans Bruno from the community: b refuses his writes there from then on.
    let banned = a
        .post(
            "/api/v1/moderation/actions",
            json!({ "action": "ban", "target": { "kind": "account", "id": "bruno@b.test", "community": "ospizio" }, "reason": "Spam" }),
            Some(&admin),
        )
        .await;
    assert!(banned.status < 300, "{}", banned.body);
    eventually(60, "the ban on b", || async {
        let r = b
            .post(
                &format!("/api/v1/posts/{post_on_b}/comments"),
                json!({ "body": "Ancora io" }),
                Some(&bruno),
            )
            .await;
        (r.status == 403).then_some(())
    })
    .await;

    // Carla unfollows: a counts one follower (Bruno, banned, stays listed with his ban).
    let left = c
        .send(
            reqwest::Method::DELETE,
            "/api/v1/communities/ospizio@a.test/members",
            None,
            Some(&carla),
        )
        .await;
    assert_eq!(left.status, 204, "{}", left.body);
    eventually(60, "the unfollow on a", || async {
        (a.get_ap("/c/ospizio/followers").await.json["totalItems"] == 1).then_some(())
    })
    .await;

    // By now everything posted after the secret has arrived on c; the secret has not.
    for (node, token) in [(b, &bruno), (c, &carla)] {
        let community = node
            .get("/api/v1/communities/ospizio@a.test", Some(token))
            .await;
        assert!(!community.body.contains("Consulta"), "{}", community.body);
        let search = node.get("/api/v1/search?q=verbale", Some(token)).await;
        assert_eq!(search.json["total"], 0, "{}", search.body);
    }

    // The author deletes the post on a: it goes from b and c.
    let deleted = a
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/posts/{post_on_a}"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    for (node, token) in [(b, &bruno)] {
        eventually(60, "the deletion on another instance", || async {
            remote_feed(node, "ospizio@a.test", token)
                .await
                .iter()
                .all(|p| p["title"] != "Festa in piazza")
                .then_some(())
        })
        .await;
    }
}

/// `node`'s resident `token` follows `handle` and waits until `home` counts `followers`.
async fn follow(node: &Node, token: &str, home: &Node, slug: &str, followers: u64) {
    let handle = format!("{slug}@{}", home.host);
    let resolved = node
        .get(&format!("/api/v1/resolve?q={handle}"), Some(token))
        .await;
    assert_eq!(resolved.status, 200, "{}", resolved.body);
    let joined = node
        .post(
            &format!("/api/v1/communities/{handle}/members"),
            json!({}),
            Some(token),
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    eventually(60, "the follow accepted", || async {
        let f = home.get_ap(&format!("/c/{slug}/followers")).await;
        (f.json["totalItems"] == followers).then_some(())
    })
    .await;
    // ... and the Accept arrived: the follower's instance counts them a member (by handle).
    eventually(60, "the Accept on the follower's instance", || async {
        let me = node.get("/api/v1/me", Some(token)).await;
        me.json["communities"]
            .as_array()?
            .iter()
            .any(|c| c["slug"] == handle.as_str())
            .then_some(())
    })
    .await;
}

async fn post(node: &Node, token: &str, channel: &str, title: &str) -> String {
    let posted = node
        .post(
            &format!("/api/v1/channels/{channel}/posts"),
            json!({ "title": title, "body": "Testo" }),
            Some(token),
        )
        .await;
    assert_eq!(posted.status, 201, "{}", posted.body);
    posted.json["id"].as_str().unwrap().to_owned()
}

async fn titles(node: &Node, handle: &str, token: &str) -> Vec<String> {
    remote_feed(node, handle, token)
        .await
        .iter()
        .filter_map(|p| p["title"].as_str().map(str::to_owned))
        .collect()
}

async fn deliveries_survive_a_down_receiver_and_a_restarted_sender(backend: Backend) {
    let mut fleet = Fleet::start(backend, &["a.test", "b.test"]).await;
    let admin = fleet.nodes[0].admin_token("sindaca").await;
    let channel = neighbourhood(&fleet.nodes[0], &admin, "ospizio").await;
    let bruno = fleet.nodes[1].token("bruno").await;
    follow(&fleet.nodes[1], &bruno, &fleet.nodes[0], "ospizio", 1).await;

    // b goes down; a keeps posting and its deliveries fail.
    fleet.nodes[1].kill().await;
    let a = &fleet.nodes[0];
    for title in ["Primo", "Secondo", "Terzo"] {
        post(a, &admin, &channel, title).await;
    }
    // The admins see the queue and the failing peer.
    // Each post makes two deliveries (the Announce of its Create, and the boost of the post for
    // microblogs). Deliveries to one inbox go in order: the six wait behind the first, which is
    // retried. Wait until none is being attempted, so the crash below leaves no lease behind
    // (with PostgreSQL a crashed process's leases run out only after their lease time).
    eventually(60, "six deliveries waiting, none in flight", || async {
        let status = a.get("/api/v1/admin/federation", Some(&admin)).await;
        let q = &status.json["queue"];
        (q["pending"] == 6
            && q["retrying"].as_i64()? >= 1
            && q["in_flight"] == 0
            && q["changes_waiting"] == 0)
            .then_some(())
    })
    .await;
    let peers = a
        .get("/api/v1/admin/federation/instances", Some(&admin))
        .await;
    let b_peer = peers.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["host"] == "b.test")
        .cloned()
        .expect("b.test is a known peer");
    assert!(b_peer["failures"].as_i64().unwrap() >= 1, "{b_peer}");
    // ... and so do the metrics.
    let metrics = a.get("/metrics", None).await;
    let retrying = metrics
        .body
        .lines()
        .find(|l| l.starts_with("comune_federation_queue{state=\"retrying\"}"))
        .and_then(|l| l.rsplit(' ').next()?.parse::<i64>().ok())
        .expect("the federation gauges");
    assert!(retrying >= 1, "{}", metrics.body);
    // Residents of a are never told about b's state; only admins are.
    let resident = a.token("residente").await;
    assert_eq!(
        a.get("/api/v1/admin/federation", Some(&resident))
            .await
            .status,
        403
    );

    // a restarts while b is still down: the queue is in its database.
    fleet.nodes[0].kill().await;
    fleet.nodes[0].spawn().await;
    let admin = fleet.nodes[0].login_token("sindaca").await;
    post(&fleet.nodes[0], &admin, &channel, "Quarto").await;

    // b comes back and gets everything, each once.
    fleet.nodes[1].spawn().await;
    let b = &fleet.nodes[1];
    let got = eventually(90, "all four posts on b", || async {
        let titles = titles(b, "ospizio@a.test", &bruno).await;
        (titles.len() >= 4).then_some(titles)
    })
    .await;
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(sorted, ["Primo", "Quarto", "Secondo", "Terzo"], "{got:?}");
    let a = &fleet.nodes[0];
    eventually(60, "an empty queue", || async {
        let status = a.get("/api/v1/admin/federation", Some(&admin)).await;
        (status.json["queue"]["pending"] == 0).then_some(())
    })
    .await;
}

async fn allowlist_and_blocklist_decide_who_federates(backend: Backend) {
    let fleet = Fleet::start(backend, &["a.test", "b.test", "c.test"]).await;
    let (a, b, c) = (&fleet.nodes[0], &fleet.nodes[1], &fleet.nodes[2]);
    let admin = a.admin_token("sindaca").await;
    let channel = neighbourhood(a, &admin, "ospizio").await;

    // Only admins set the policy.
    let resident = a.token("residente").await;
    let refused = a
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/federation/policy",
            Some(json!({ "mode": "allowlist" })),
            Some(&resident),
        )
        .await;
    refused.assert_problem(403, "forbidden");
    let bad_host = a
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/federation/instances/not%20a%20host",
            Some(json!({ "allowed": true })),
            Some(&admin),
        )
        .await;
    bad_host.assert_problem(422, "validation_failed");

    // Allowlist: municipalities federating only with each other (here: b).
    let allowed = a
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/federation/instances/b.test",
            Some(json!({ "allowed": true })),
            Some(&admin),
        )
        .await;
    assert_eq!(allowed.status, 200, "{}", allowed.body);
    assert_eq!(allowed.json["allowed"], true);
    let set = a
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/federation/policy",
            Some(json!({ "mode": "allowlist" })),
            Some(&admin),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(
        a.get("/nodeinfo/2.1", None).await.json["metadata"]["federation"]["policy"],
        "allowlist"
    );

    let bruno = b.token("bruno").await;
    follow(b, &bruno, a, "ospizio", 1).await;
    // Carla on c can read a's public documents but her Follow is refused by a.
    let carla = c.token("carla").await;
    let joined = c
        .post(
            "/api/v1/communities/ospizio@a.test/members",
            json!({}),
            Some(&carla),
        )
        .await;
    assert_eq!(
        joined.status, 404,
        "c has not resolved the community yet: {}",
        joined.body
    );
    assert_eq!(
        c.get("/api/v1/resolve?q=ospizio@a.test", Some(&carla))
            .await
            .status,
        200
    );
    assert_eq!(
        c.post(
            "/api/v1/communities/ospizio@a.test/members",
            json!({}),
            Some(&carla)
        )
        .await
        .status,
        200
    );
    post(a, &admin, &channel, "Solo per b").await;
    eventually(60, "the post on b", || async {
        titles(b, "ospizio@a.test", &bruno)
            .await
            .contains(&"Solo per b".to_owned())
            .then_some(())
    })
    .await;
    // By now c's Follow has long been answered (refused): a counts one follower, c got nothing.
    assert_eq!(a.get_ap("/c/ospizio/followers").await.json["totalItems"], 1);
    assert!(titles(c, "ospizio@a.test", &carla).await.is_empty());

    // Blocklist: b blocked. b's comments are refused by a.
    for (path, body) in [
        (
            "/api/v1/admin/federation/instances/b.test",
            json!({ "blocked": true }),
        ),
        (
            "/api/v1/admin/federation/policy",
            json!({ "mode": "blocklist" }),
        ),
    ] {
        let r = a
            .send(reqwest::Method::PUT, path, Some(body), Some(&admin))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let on_b = remote_feed(b, "ospizio@a.test", &bruno).await;
    let post_on_b = on_b[0]["id"].as_str().unwrap().to_owned();
    let commented = b
        .post(
            &format!("/api/v1/posts/{post_on_b}/comments"),
            json!({ "body": "Da un'istanza bloccata" }),
            Some(&bruno),
        )
        .await;
    assert_eq!(commented.status, 201, "{}", commented.body);
    // A later post from a still reaches... nobody on b: a does not deliver to blocked hosts.
    post(a, &admin, &channel, "Dopo il blocco").await;
    // c is allowed again under a blocklist: its new Follow is accepted.
    assert_eq!(
        c.send(
            reqwest::Method::DELETE,
            "/api/v1/communities/ospizio@a.test/members",
            None,
            Some(&carla)
        )
        .await
        .status,
        204
    );
    follow(c, &carla, a, "ospizio", 2).await;
    let post_on_a = a
        .get(&format!("/api/v1/channels/{channel}/posts"), None)
        .await
        .json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Solo per b")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let comments = a
        .get(&format!("/api/v1/posts/{post_on_a}/comments"), None)
        .await;
    assert_eq!(
        comments.json["items"].as_array().unwrap().len(),
        0,
        "{}",
        comments.body
    );
    assert!(!titles(b, "ospizio@a.test", &bruno)
        .await
        .contains(&"Dopo il blocco".to_owned()));
}

/// With PostgreSQL, two server processes of one instance share its outbox and delivery queue:
/// every activity reaches the follower's instance exactly once.
async fn two_processes_share_the_queue_without_sending_twice(backend: Backend) {
    let fleet = Fleet::start(backend, &["a.test", "b.test"]).await;
    let (a, b) = (&fleet.nodes[0], &fleet.nodes[1]);
    let admin = a.admin_token("sindaca").await;
    let channel = neighbourhood(a, &admin, "ospizio").await;
    let _twin = a.spawn_twin().await;
    let bruno = b.token("bruno").await;
    follow(b, &bruno, a, "ospizio", 1).await;
    const POSTS: usize = 30;
    for i in 0..POSTS {
        post(a, &admin, &channel, &format!("Avviso {i:02}")).await;
    }
    eventually(90, "every post on b", || async {
        (titles(b, "ospizio@a.test", &bruno).await.len() >= 20).then_some(())
    })
    .await;
    eventually(90, "a's queue empty", || async {
        let status = a.get("/api/v1/admin/federation", Some(&admin)).await;
        (status.json["queue"]["pending"] == 0 && status.json["queue"]["changes_waiting"] == 0)
            .then_some(())
    })
    .await;
    // Each activity a sent was one delivery to b (its only follower) ...
    let sent: i64 = {
        use comune_domain::schema::outgoing_activities;
        use diesel::prelude::*;
        outgoing_activities::table
            .count()
            .get_result(&mut a.db())
            .unwrap()
    };
    assert_eq!(
        sent as usize,
        2 * POSTS + 1,
        "the Accept, and per post the Announce of its Create and the boost of the post itself"
    );
    // ... and b's inbox was called exactly that many times: nothing was delivered twice.
    let metrics = b.get("/metrics", None).await;
    let received: i64 = metrics
        .body
        .lines()
        .filter(|l| {
            l.starts_with("comune_http_requests_total{")
                && l.contains("method=\"POST\"")
                && l.contains("route=\"/inbox\"")
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<i64>().ok())
        .sum();
    assert_eq!(received, sent, "{}", metrics.body);
    let mut all = titles(b, "ospizio@a.test", &bruno).await;
    all.sort();
    all.dedup();
    assert!(all.len() >= 20, "{all:?}");
}

both_backends!(
    follow_post_comment_and_like_across_three_instances,
    deliveries_survive_a_down_receiver_and_a_restarted_sender,
    allowlist_and_blocklist_decide_who_federates,
    two_processes_share_the_queue_without_sending_twice
);
