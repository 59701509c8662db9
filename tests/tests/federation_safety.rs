//! The inbox against hostile peers: unsigned, badly signed, replayed, oversized, malformed and
//! cross-host-spoofed activities are refused with the right status and change nothing; fetches
//! towards private addresses are refused.

use chrono::{Duration, Utc};
use comune_domain::schema::{accounts, outgoing_activities, posts, reactions};
use comune_tests::fleet::{eventually, Fleet, Node};
use comune_tests::signing::{http_date, signed_headers, signed_headers_without_date};
use comune_tests::{both_backends, Backend, Reply, TestServer};
use diesel::prelude::*;
use serde_json::{json, Value};

const INBOX: &str = "http://a.test/inbox";

async fn deliver(node: &Node, headers: Vec<(String, String)>, body: Vec<u8>) -> Reply {
    let mut req = node.client.post(INBOX).body(body);
    for (k, v) in headers {
        req = req.header(k, v);
    }
    Reply::from(req.send().await.expect("request sent")).await
}

fn private_key(node: &Node, username: &str) -> String {
    accounts::table
        .filter(accounts::username.eq(username))
        .filter(accounts::local.eq(true))
        .select(accounts::private_key_pem)
        .first::<Option<String>>(&mut node.db())
        .expect("the account")
        .expect("its key")
}

fn remote_posts(node: &Node) -> i64 {
    posts::table
        .filter(posts::local.eq(false))
        .count()
        .get_result(&mut node.db())
        .expect("counted")
}

fn create_page(id: &str, actor: &str, attributed_to: &str) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Create",
        "id": id,
        "actor": actor,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "cc": ["http://a.test/c/ospizio"],
        "object": {
            "type": "Page",
            "id": format!("{id}/page"),
            "attributedTo": attributed_to,
            "audience": "http://a.test/c/ospizio",
            "to": ["https://www.w3.org/ns/activitystreams#Public", "http://a.test/c/ospizio"],
            "name": "Un titolo",
            "content": "<p>Ciao <script>alert(1)</script></p>",
            "published": "2026-11-30T10:00:00Z"
        }
    })
}

async fn hostile_activities_are_refused_and_change_nothing(backend: Backend) {
    let fleet = Fleet::start(backend, &["a.test", "b.test"]).await;
    let (a, b) = (&fleet.nodes[0], &fleet.nodes[1]);
    let admin = a.admin_token("sindaca").await;
    assert_eq!(
        a.post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Ospizio", "description": "" }),
            Some(&admin)
        )
        .await
        .status,
        201
    );
    assert_eq!(
        a.post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue", "visibility": "public" }),
            Some(&admin)
        )
        .await
        .status,
        201
    );
    // Eve, on b, follows the community (so she may post there); Mallory is another b resident.
    let eve = b.token("eve").await;
    let _mallory = b.token("mallory").await;
    assert_eq!(
        b.get("/api/v1/resolve?q=ospizio@a.test", Some(&eve))
            .await
            .status,
        200
    );
    assert_eq!(
        b.post(
            "/api/v1/communities/ospizio@a.test/members",
            json!({}),
            Some(&eve)
        )
        .await
        .status,
        200
    );
    eventually(60, "eve's follow accepted", || async {
        (a.get_ap("/c/ospizio/followers").await.json["totalItems"] == 1).then_some(())
    })
    .await;
    assert_eq!(b.get_ap("/u/mallory").await.status, 200); // makes Mallory's keys
    let eve_key = private_key(b, "eve");
    let mallory_key = private_key(b, "mallory");
    let eve_id = "http://b.test/u/eve";
    let key_id = format!("{eve_id}#main-key");
    let now = http_date(Utc::now());

    // An honest activity is taken, once, with its HTML made inert.
    let honest = serde_json::to_vec(&create_page(
        "http://b.test/activities/create/1",
        eve_id,
        eve_id,
    ))
    .unwrap();
    let ok = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &honest, &now),
        honest.clone(),
    )
    .await;
    assert_eq!(ok.status, 202, "{}", ok.body);
    assert_eq!(remote_posts(a), 1);
    let html: String = posts::table
        .filter(posts::local.eq(false))
        .select(posts::body_html)
        .first(&mut a.db())
        .unwrap();
    assert!(html.contains("Ciao") && !html.contains("script"), "{html}");

    // Replayed (re-signed, same id): accepted as already handled, nothing new.
    let again = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &honest, &http_date(Utc::now())),
        honest.clone(),
    )
    .await;
    assert_eq!(again.status, 202, "{}", again.body);
    assert_eq!(remote_posts(a), 1);

    // A like of it, then the same like replayed: one reaction, and one announce of it to the
    // community's followers.
    let announces = || -> i64 {
        outgoing_activities::table
            .filter(outgoing_activities::kind.eq("Announce"))
            .filter(outgoing_activities::body.like("%activities/like/1%"))
            .count()
            .get_result(&mut a.db())
            .expect("counted")
    };
    let like = serde_json::to_vec(&json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Like",
        "id": "http://b.test/activities/like/1",
        "actor": eve_id,
        "object": "http://b.test/activities/create/1/page",
    }))
    .unwrap();
    for _ in 0..2 {
        let liked = deliver(
            a,
            signed_headers(&eve_key, &key_id, INBOX, &like, &http_date(Utc::now())),
            like.clone(),
        )
        .await;
        assert_eq!(liked.status, 202, "{}", liked.body);
        let reactions: i64 = reactions::table.count().get_result(&mut a.db()).unwrap();
        assert_eq!(reactions, 1);
        assert_eq!(announces(), 1);
    }

    let fresh = |n: u32| {
        serde_json::to_vec(&create_page(
            &format!("http://b.test/activities/create/x{n}"),
            eve_id,
            eve_id,
        ))
        .unwrap()
    };

    // Unsigned.
    let body = fresh(2);
    let unsigned = deliver(
        a,
        vec![("content-type".into(), "application/activity+json".into())],
        body,
    )
    .await;
    unsigned.assert_problem(401, "signature_invalid");

    // Signed with another person's key under Eve's key id.
    let body = fresh(3);
    let forged = deliver(
        a,
        signed_headers(&mallory_key, &key_id, INBOX, &body, &now),
        body,
    )
    .await;
    forged.assert_problem(401, "signature_invalid");

    // Body changed after signing.
    let body = fresh(4);
    let headers = signed_headers(&eve_key, &key_id, INBOX, &body, &now);
    let tampered = deliver(a, headers, fresh(5)).await;
    tampered.assert_problem(401, "signature_invalid");

    // A recorded request replayed hours later: its date is outside the window.
    let body = fresh(6);
    let old = http_date(Utc::now() - Duration::hours(3));
    let stale = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &body, &old),
        body,
    )
    .await;
    stale.assert_problem(401, "signature_invalid");

    // Dated hours ahead: it would stay replayable until then, so it is refused too.
    let body = fresh(8);
    let ahead = http_date(Utc::now() + Duration::hours(3));
    let future = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &body, &ahead),
        body,
    )
    .await;
    assert!(
        future.assert_problem(401, "signature_invalid")["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("future"),
        "{}",
        future.body
    );

    // A signature that does not cover the Date header: the date could be anything.
    let body = fresh(9);
    let undated = deliver(
        a,
        signed_headers_without_date(&eve_key, &key_id, INBOX, &body, &now),
        body,
    )
    .await;
    undated.assert_problem(401, "signature_invalid");

    // Cross-host: Eve claims a page of a person of a.
    let body = serde_json::to_vec(&create_page(
        "http://b.test/activities/create/x7",
        eve_id,
        "http://a.test/u/sindaca",
    ))
    .unwrap();
    let spoof = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &body, &now),
        body,
    )
    .await;
    spoof.assert_problem(403, "forbidden");
    // ... or an activity id on another host than its actor's.
    let body = serde_json::to_vec(&create_page(
        "http://c.test/activities/create/x8",
        eve_id,
        eve_id,
    ))
    .unwrap();
    let spoof = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &body, &now),
        body,
    )
    .await;
    spoof.assert_problem(403, "forbidden");

    // Malformed.
    let body = b"{ not json".to_vec();
    let bad = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &body, &now),
        body,
    )
    .await;
    bad.assert_problem(400, "malformed_activity");
    let body = serde_json::to_vec(&json!({ "type": "Create", "id": "http://b.test/x9" })).unwrap();
    let bad = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &body, &now),
        body,
    )
    .await;
    bad.assert_problem(400, "malformed_activity");

    // Oversized.
    let mut big = create_page("http://b.test/activities/create/x10", eve_id, eve_id);
    big["object"]["content"] = json!("x".repeat(1_100_000));
    let body = serde_json::to_vec(&big).unwrap();
    let too_big = deliver(
        a,
        signed_headers(&eve_key, &key_id, INBOX, &body, &now),
        body,
    )
    .await;
    assert_eq!(too_big.status, 413, "{}", too_big.body);

    assert_eq!(remote_posts(a), 1, "a refused activity changed something");
}

async fn fetches_towards_private_addresses_are_refused(backend: Backend) {
    // A server with the production setting (private addresses refused).
    let server = TestServer::start(backend);
    let token = server.admin_token("amministra").await;
    for target in [
        format!("http://{}/c/anything", server.addr),
        "http://localhost/c/anything".to_owned(),
        "http://10.1.2.3/u/someone".to_owned(),
        "http://[::1]/u/someone".to_owned(),
        "http://169.254.169.254/latest/meta-data".to_owned(),
    ] {
        let reply = server
            .get(
                &format!("/api/v1/resolve?q={}", urlencode(&target)),
                Some(&token),
            )
            .await;
        reply.assert_problem(403, "forbidden");
    }
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

both_backends!(
    hostile_activities_are_refused_and_change_nothing,
    fetches_towards_private_addresses_are_refused
);
