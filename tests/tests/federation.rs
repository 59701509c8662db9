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
    eventually(20, "two remote followers", || async {
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
        let post = eventually(20, "the post on another instance", || async {
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
    }

    // Bruno comments from b: the comment goes to a, which announces it to c.
    let on_b = remote_feed(b, "ospizio@a.test", &bruno).await;
    let post_on_b = on_b[0]["id"].as_str().unwrap().to_owned();
    let commented = b
        .post(
            &format!("/api/v1/posts/{post_on_b}/comments"),
            json!({ "body": "Porto la torta!" }),
            Some(&bruno),
        )
        .await;
    assert_eq!(commented.status, 201, "{}", commented.body);
    let post_on_a = posted.json["id"].as_str().unwrap().to_owned();
    eventually(20, "the comment on the community's instance", || async {
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
    let post_on_c = on_c[0]["id"].as_str().unwrap().to_owned();
    eventually(20, "the comment announced to a third instance", || async {
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

    // Carla likes it from c: the like counts on a.
    let liked = c
        .post(
            &format!("/api/v1/posts/{post_on_c}/reactions"),
            json!({}),
            Some(&carla),
        )
        .await;
    assert!(liked.status < 300, "{}", liked.body);
    eventually(20, "the like on the community's instance", || async {
        let post = a.get(&format!("/api/v1/posts/{post_on_a}"), None).await;
        (post.json["like_count"] == 1).then_some(())
    })
    .await;

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
    for (node, token) in [(b, &bruno), (c, &carla)] {
        eventually(20, "the deletion on another instance", || async {
            remote_feed(node, "ospizio@a.test", token)
                .await
                .iter()
                .all(|p| p["title"] != "Festa in piazza")
                .then_some(())
        })
        .await;
    }
}

both_backends!(follow_post_comment_and_like_across_three_instances);
