//! A comment's author edits and deletes it; nobody else does, and members-only comments stay
//! with members.

use comune_tests::{both_backends, Backend, TestServer};
use reqwest::Method;
use serde_json::json;

both_backends!(
    authors_edit_and_delete_their_comments,
    the_150th_comment_answers_with_itself
);

async fn authors_edit_and_delete_their_comments(backend: Backend) {
    let s = TestServer::start(backend);
    let admin = s.admin_token("sindaca").await;
    s.post(
        "/api/v1/communities",
        json!({ "slug": "ospizio", "name": "Ospizio" }),
        Some(&admin),
    )
    .await;
    let mut feeds = Vec::new();
    for (slug, visibility) in [("piazza", "public"), ("soci", "members")] {
        let c = s
            .post(
                "/api/v1/communities/ospizio/channels",
                json!({ "slug": slug, "name": slug, "kind": "dialogue", "visibility": visibility }),
                Some(&admin),
            )
            .await;
        feeds.push(format!(
            "/api/v1/channels/{}/posts",
            c.json["id"].as_str().unwrap()
        ));
    }
    let (marta, nino, olga) = (
        s.token("marta").await,
        s.token("nino").await,
        s.token("olga").await,
    );
    for t in [&marta, &nino] {
        s.post("/api/v1/communities/ospizio/members", json!({}), Some(t))
            .await;
    }
    let post = s
        .post(
            &feeds[0],
            json!({ "title": "Panchine rotte" }),
            Some(&marta),
        )
        .await;
    let post_id = post.json["id"].as_str().unwrap().to_owned();
    let comments = format!("/api/v1/posts/{post_id}/comments");
    let comment = s
        .post(
            &comments,
            json!({ "body": "Quella del parco" }),
            Some(&nino),
        )
        .await;
    assert_eq!(comment.status, 201, "{}", comment.body);
    let path = format!("/api/v1/comments/{}", comment.json["id"].as_str().unwrap());

    // Only its author edits it; an edit naming someone new tells them.
    for (token, status, code) in [(&marta, 403, "forbidden"), (&admin, 403, "forbidden")] {
        s.send(
            Method::PATCH,
            &path,
            Some(json!({ "body": "manomesso" })),
            Some(token),
        )
        .await
        .assert_problem(status, code);
    }
    s.send(Method::PATCH, &path, Some(json!({ "body": "x" })), None)
        .await
        .assert_problem(401, "unauthorized");
    let edited = s
        .send(
            Method::PATCH,
            &path,
            Some(json!({ "body": "Quella del parco, vero @olga?" })),
            Some(&nino),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert!(edited.json["body_html"]
        .as_str()
        .unwrap()
        .contains("/u/olga"));
    let told = s.get("/api/v1/notifications", Some(&olga)).await;
    assert_eq!(told.json["items"][0]["kind"], "mention", "{}", told.body);
    s.send(
        Method::PATCH,
        &path,
        Some(json!({ "body": "   " })),
        Some(&nino),
    )
    .await
    .assert_problem(422, "validation_failed");
    assert_eq!(
        s.get(&path, None).await.json["body"],
        "Quella del parco, vero @olga?"
    );

    // On a locked post the text is frozen.
    let lock = s
        .post(
            "/api/v1/moderation/actions",
            json!({ "action": "lock", "target": { "kind": "post", "id": post_id }, "reason": "Chiuso" }),
            Some(&admin),
        )
        .await;
    assert!(lock.status < 300, "{}", lock.body);
    s.send(
        Method::PATCH,
        &path,
        Some(json!({ "body": "dopo" })),
        Some(&nino),
    )
    .await
    .assert_problem(403, "forbidden");

    // Deleting erases the text everywhere; the place in the thread stays.
    s.send(Method::DELETE, &path, None, Some(&marta))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        s.send(Method::DELETE, &path, None, Some(&nino))
            .await
            .status,
        204
    );
    let gone = s.get(&path, None).await;
    assert_eq!(gone.json["deleted"], true);
    assert_eq!(gone.json["body"], "");
    let listed = s.get(&comments, None).await;
    assert_eq!(listed.json["items"][0]["body"], "");
    assert!(!listed.body.contains("parco"), "{}", listed.body);
    s.send(Method::DELETE, &path, None, Some(&nino))
        .await
        .assert_problem(404, "not_found");

    // A members-only comment is not found by outsiders, signed in or not.
    let private = s
        .post(&feeds[1], json!({ "title": "Riservato" }), Some(&marta))
        .await;
    let private_comment = s
        .post(
            &format!(
                "/api/v1/posts/{}/comments",
                private.json["id"].as_str().unwrap()
            ),
            json!({ "body": "Solo per soci" }),
            Some(&nino),
        )
        .await;
    let private_path = format!(
        "/api/v1/comments/{}",
        private_comment.json["id"].as_str().unwrap()
    );
    for token in [Some(olga.as_str()), None] {
        let reply = s.get(&private_path, token).await;
        reply.assert_problem(404, "not_found");
        assert!(!reply.body.contains("Solo per soci"));
    }
    assert_eq!(s.get(&private_path, Some(&marta)).await.status, 200);
    s.get("/api/v1/comments/not-a-uuid", None)
        .await
        .assert_problem(404, "not_found");
}

/// The answer to a new comment is the comment, however many the post already has (it was read
/// back from the post's first 100 comments, so the 101st answered 404 after it was saved).
async fn the_150th_comment_answers_with_itself(backend: Backend) {
    let s = TestServer::start(backend);
    let admin = s.admin_token("sindaca").await;
    s.post(
        "/api/v1/communities",
        json!({ "slug": "rosta", "name": "Rosta" }),
        Some(&admin),
    )
    .await;
    let channel = s
        .post(
            "/api/v1/communities/rosta/channels",
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue", "visibility": "public" }),
            Some(&admin),
        )
        .await;
    let feed = format!(
        "/api/v1/channels/{}/posts",
        channel.json["id"].as_str().unwrap()
    );
    let post = s
        .post(&feed, json!({ "title": "Parcheggi" }), Some(&admin))
        .await;
    let comments = format!(
        "/api/v1/posts/{}/comments",
        post.json["id"].as_str().unwrap()
    );
    for n in 1..=150 {
        let body = format!("Commento numero {n}");
        let made = s
            .post(&comments, json!({ "body": body }), Some(&admin))
            .await;
        assert_eq!(made.status, 201, "comment {n}: {}", made.body);
        assert_eq!(made.json["body"], body.as_str(), "comment {n}");
        assert_eq!(made.json["author"]["username"], "sindaca");
    }
}
