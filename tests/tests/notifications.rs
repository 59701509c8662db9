//! Notifications: who is told of what, in the app and by mail (at once, in a daily digest, or
//! not at all, with a one-click unsubscribe), and that nobody hears of what they may not read.

use std::time::{Duration, Instant};

use comune_tests::mail::{mails_in, Mail};
use comune_tests::{both_backends, Backend, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    replies_and_mentions_reach_the_right_people,
    members_only_content_is_never_told_to_outsiders,
    events_codesign_and_moderation_tell_those_concerned,
    mail_at_once_in_a_digest_or_not_at_all,
);

/// A neighbourhood with a public and a members-only dialogue channel; answers the admin's
/// token and the two channels' post paths.
async fn neighbourhood(server: &TestServer) -> (String, String, String) {
    let admin = server.admin_token("sindaca").await;
    let made = server
        .post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Ospizio" }),
            Some(&admin),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let mut paths = Vec::new();
    for (slug, visibility) in [("piazza", "public"), ("soci", "members")] {
        let channel = server
            .post(
                "/api/v1/communities/ospizio/channels",
                json!({ "slug": slug, "name": slug, "kind": "dialogue", "visibility": visibility }),
                Some(&admin),
            )
            .await;
        assert_eq!(channel.status, 201, "{}", channel.body);
        paths.push(format!(
            "/api/v1/channels/{}/posts",
            channel.json["id"].as_str().unwrap()
        ));
    }
    (admin, paths.remove(0), paths.remove(0))
}

async fn member(server: &TestServer, username: &str) -> String {
    let token = server.token(username).await;
    let joined = server
        .post(
            "/api/v1/communities/ospizio/members",
            json!({}),
            Some(&token),
        )
        .await;
    assert!(joined.status < 300, "{}", joined.body);
    token
}

async fn inbox(server: &TestServer, token: &str) -> Value {
    let page = server.get("/api/v1/notifications", Some(token)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.json
}

fn kinds(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn replies_and_mentions_reach_the_right_people(backend: Backend) {
    let server = TestServer::start(backend);
    let (_, public, _) = neighbourhood(&server).await;
    let anna = member(&server, "anna").await;
    let bruno = member(&server, "bruno").await;
    let carla = member(&server, "carla").await;
    // Dario is not a member: public posts can still name him.
    let dario = server.token("dario").await;

    let post = server
        .post(
            &public,
            json!({ "title": "Orto di via Adua", "body": "Chi annaffia ad agosto?" }),
            Some(&anna),
        )
        .await;
    let post_id = post.json["id"].as_str().unwrap().to_owned();
    let comments = format!("/api/v1/posts/{post_id}/comments");
    let first = server
        .post(
            &comments,
            json!({ "body": "Io posso il lunedì." }),
            Some(&bruno),
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let answer = server
        .post(
            &comments,
            json!({
                "body": "Grazie @bruno! Chiedo anche a @dario e ad @Anna, non a `@codice` né a nessuno@example.org",
                "parent_id": first.json["id"],
            }),
            Some(&carla),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let html = answer.json["body_html"].as_str().unwrap();
    assert!(
        html.contains(r#"<a href="http://comune.test/u/dario""#),
        "{html}"
    );
    assert!(html.contains("<code>@codice</code>"), "{html}");

    // Anna wrote the post: two replies (Bruno's, and Carla's that also names her, told once).
    let anna_inbox = inbox(&server, &anna).await;
    assert_eq!(kinds(&anna_inbox), ["reply", "reply"], "{anna_inbox}");
    assert_eq!(anna_inbox["unread_count"], 2);
    let newest = &anna_inbox["items"][0];
    assert_eq!(newest["actor"]["username"], "carla");
    assert_eq!(newest["post"]["id"], post_id.as_str());
    assert_eq!(newest["post"]["title"], "Orto di via Adua");
    assert_eq!(newest["community"]["slug"], "ospizio");
    assert_eq!(newest["comment_id"], answer.json["id"]);
    // Bruno's comment was answered; Dario was named; Carla hears nothing of her own doing.
    assert_eq!(kinds(&inbox(&server, &bruno).await), ["reply"]);
    assert_eq!(kinds(&inbox(&server, &dario).await), ["mention"]);
    assert!(kinds(&inbox(&server, &carla).await).is_empty());

    // A mention in an edited post tells only the newly named.
    let edited = server
        .send(
            Method::PATCH,
            &format!("/api/v1/posts/{post_id}"),
            Some(json!({ "body": "Chi annaffia ad agosto? @carla @dario" })),
            Some(&anna),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(kinds(&inbox(&server, &carla).await), ["mention"]);
    let again = server
        .send(
            Method::PATCH,
            &format!("/api/v1/posts/{post_id}"),
            Some(json!({ "body": "Chi annaffia a settembre? @carla @dario" })),
            Some(&anna),
        )
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(kinds(&inbox(&server, &carla).await), ["mention"]);
    assert_eq!(kinds(&inbox(&server, &dario).await), ["mention", "mention"]);

    // Reading: by ids, only one's own; then all; then the unread filter is empty.
    let first_id = anna_inbox["items"][1]["id"].as_str().unwrap().to_owned();
    let foreign = inbox(&server, &bruno).await["items"][0]["id"].clone();
    let marked = server
        .post(
            "/api/v1/notifications/read",
            json!({ "ids": [first_id, foreign] }),
            Some(&anna),
        )
        .await;
    assert_eq!(marked.status, 200, "{}", marked.body);
    assert_eq!(
        marked.json["marked"], 1,
        "Bruno's notice is not Anna's to mark"
    );
    assert_eq!(marked.json["unread_count"], 1);
    assert_eq!(inbox(&server, &bruno).await["unread_count"], 1);
    let unread = server
        .get("/api/v1/notifications?unread=true", Some(&anna))
        .await;
    assert_eq!(unread.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(unread.json["items"][0]["read"], false);
    let all = server
        .post(
            "/api/v1/notifications/read",
            json!({ "all": true }),
            Some(&anna),
        )
        .await;
    assert_eq!(all.json["marked"], 1);
    assert_eq!(all.json["unread_count"], 0);

    // Pages: one at a time, newest first, with no repeats.
    let mut seen = Vec::new();
    let mut path = "/api/v1/notifications?limit=1".to_owned();
    loop {
        let page = server.get(&path, Some(&dario)).await;
        assert_eq!(page.status, 200, "{}", page.body);
        seen.extend(page.json["items"].as_array().unwrap().iter().cloned());
        match page.json["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/notifications?limit=1&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 2);
    assert_ne!(seen[0]["id"], seen[1]["id"]);
    assert!(seen[0]["created_at"].as_str() >= seen[1]["created_at"].as_str());

    // Bad input gets clear errors.
    server
        .post("/api/v1/notifications/read", json!({}), Some(&anna))
        .await
        .assert_problem(422, "validation_failed");
    server
        .post(
            "/api/v1/notifications/read",
            json!({ "ids": ["x\u{0}y"] }),
            Some(&anna),
        )
        .await
        .assert_problem(422, "validation_failed");
    server
        .get("/api/v1/notifications?cursor=%00%01", Some(&anna))
        .await
        .assert_problem(400, "malformed_request");
    server
        .get("/api/v1/notifications?cursor=bm90LWFuLWlk", Some(&anna))
        .await
        .assert_problem(400, "malformed_request");
    server
        .get("/api/v1/notifications", None)
        .await
        .assert_problem(401, "unauthorized");
}

async fn members_only_content_is_never_told_to_outsiders(backend: Backend) {
    let server = TestServer::start(backend);
    let (_, _, members_only) = neighbourhood(&server).await;
    let anna = member(&server, "anna").await;
    let bruno = member(&server, "bruno").await;
    let outsider = server.token("ettore").await;
    // Bruno reads a daily digest, so what he is told waits for it (and for the check below).
    let daily = server
        .send(
            Method::PUT,
            "/api/v1/me/notification-settings",
            Some(json!({ "email": "daily" })),
            Some(&bruno),
        )
        .await;
    assert_eq!(daily.status, 200);

    let post = server
        .post(
            &members_only,
            json!({ "title": "Riunione riservata", "body": "Ne parliamo con @bruno e @ettore" }),
            Some(&anna),
        )
        .await;
    assert_eq!(post.status, 201, "{}", post.body);
    let post_id = post.json["id"].as_str().unwrap().to_owned();
    // Ettore is no member: he is not told, and his name is not even looked at as a reader.
    assert_eq!(kinds(&inbox(&server, &bruno).await), ["mention"]);
    let outsiders = inbox(&server, &outsider).await;
    assert!(kinds(&outsiders).is_empty(), "{outsiders}");
    assert_eq!(outsiders["unread_count"], 0);

    // Bruno comments; then he leaves the neighbourhood: what he was told there goes with him,
    // from the list, from the count and from mail.
    let comment = server
        .post(
            &format!("/api/v1/posts/{post_id}/comments"),
            json!({ "body": "Ci sarò." }),
            Some(&bruno),
        )
        .await;
    assert_eq!(comment.status, 201);
    server
        .post(
            &format!("/api/v1/posts/{post_id}/comments"),
            json!({ "body": "Bene, grazie.", "parent_id": comment.json["id"] }),
            Some(&anna),
        )
        .await;
    assert_eq!(inbox(&server, &bruno).await["unread_count"], 2);
    let left = server
        .send(
            Method::DELETE,
            "/api/v1/communities/ospizio/members",
            None,
            Some(&bruno),
        )
        .await;
    assert!(left.status < 300, "{}", left.body);
    let after = inbox(&server, &bruno).await;
    assert!(kinds(&after).is_empty(), "{after}");
    assert_eq!(after["unread_count"], 0);
    let unread = server
        .get("/api/v1/notifications?unread=true", Some(&bruno))
        .await;
    assert!(unread.json["items"].as_array().unwrap().is_empty());

    // Nor do mails carry it: when Bruno's digest comes due, what he may no longer read is
    // left out (here: everything, so no digest at all), and Ettore never hears of it.
    make_digests_due(&server);
    let mail_dir = server.mail_dir();
    wait_until_mailed(&server, &post_id).await;
    for m in mails_in(&mail_dir) {
        if m.to
            .iter()
            .any(|t| t == "bruno@example.org" || t == "ettore@example.org")
        {
            assert!(
                !m.raw.contains("Riunione") && !m.text.contains("Riunione"),
                "a mail told an outsider about a members-only post: {}",
                m.raw
            );
        }
    }
}

/// Moves everyone's last digest two days back, so the next notifier round sends the digests.
fn make_digests_due(server: &TestServer) {
    use comune_domain::schema::notification_settings;
    use diesel::prelude::*;
    let two_days_ago = comune_domain::time::now() - chrono::Duration::days(2);
    diesel::update(notification_settings::table)
        .set(notification_settings::last_digest_at.eq(Some(two_days_ago)))
        .execute(&mut server.db())
        .unwrap();
}

/// Waits until the notifier has looked at every notice about a post (mailed or skipped).
async fn wait_until_mailed(server: &TestServer, post_id: &str) {
    use comune_domain::schema::notifications;
    use diesel::prelude::*;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let waiting: i64 = notifications::table
            .filter(notifications::post_id.eq(post_id))
            .filter(notifications::mailed_at.is_null())
            .count()
            .get_result(&mut server.db())
            .unwrap();
        if waiting == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "the notifier never got to them");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn events_codesign_and_moderation_tell_those_concerned(backend: Backend) {
    let server = TestServer::start(backend);
    let (admin, public, _) = neighbourhood(&server).await;
    let anna = member(&server, "anna").await;
    let bruno = member(&server, "bruno").await;
    let events = server
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "agenda", "name": "Agenda", "kind": "events" }),
            Some(&admin),
        )
        .await;
    let starts = chrono::Utc::now() + chrono::Duration::hours(3);
    let event = server
        .post(
            &format!(
                "/api/v1/channels/{}/posts",
                events.json["id"].as_str().unwrap()
            ),
            json!({
                "title": "Laboratorio di compostaggio",
                "starts_at": starts.to_rfc3339(),
                "ends_at": (starts + chrono::Duration::hours(2)).to_rfc3339(),
                "capacity": 1,
            }),
            Some(&admin),
        )
        .await;
    assert_eq!(event.status, 201, "{}", event.body);
    let event_id = event.json["id"].as_str().unwrap().to_owned();
    let rsvp = format!("/api/v1/posts/{event_id}/rsvp");
    assert_eq!(
        server.post(&rsvp, json!({}), Some(&anna)).await.json["status"],
        "going"
    );
    assert_eq!(
        server.post(&rsvp, json!({}), Some(&bruno)).await.json["status"],
        "waitlist"
    );
    // Anna cancels: Bruno moves up and is told.
    let cancelled = server.send(Method::DELETE, &rsvp, None, Some(&anna)).await;
    assert!(cancelled.status < 300, "{}", cancelled.body);
    assert_eq!(kinds(&inbox(&server, &bruno).await), ["rsvp_promoted"]);
    assert!(kinds(&inbox(&server, &anna).await).is_empty());

    // The reminder for an event within a day is written once, however often the scan runs.
    {
        let mut conn = server.db();
        let now = comune_domain::time::now();
        let until = now + chrono::Duration::hours(24);
        comune_domain::notifications::queue_reminders(&mut conn, now, until).unwrap();
        comune_domain::notifications::queue_reminders(&mut conn, now, until).unwrap();
    }
    assert_eq!(
        kinds(&inbox(&server, &bruno).await),
        ["event_reminder", "rsvp_promoted"]
    );

    // Changing the event tells attendees; cancelling it tells them why.
    let changed = server
        .send(
            Method::PATCH,
            &format!("/api/v1/posts/{event_id}"),
            Some(json!({ "body": "Portate un barattolo." })),
            Some(&admin),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let cancel = server
        .post(
            &format!("/api/v1/posts/{event_id}/cancellation"),
            json!({ "reason": "Pioggia prevista" }),
            Some(&admin),
        )
        .await;
    assert!(cancel.status < 300, "{}", cancel.body);
    let told = inbox(&server, &bruno).await;
    assert_eq!(
        kinds(&told)[..2],
        ["event_cancelled".to_owned(), "event_changed".to_owned()]
    );
    assert_eq!(told["items"][0]["detail"], "Pioggia prevista");

    // Co-design: those who took part hear of each phase.
    let codesign = server
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "parco", "name": "Parco", "kind": "codesign" }),
            Some(&admin),
        )
        .await;
    let process = server
        .post(
            &format!(
                "/api/v1/channels/{}/posts",
                codesign.json["id"].as_str().unwrap()
            ),
            json!({ "title": "Il parco di via Adua" }),
            Some(&admin),
        )
        .await;
    let process_id = process.json["id"].as_str().unwrap().to_owned();
    let phase = format!("/api/v1/posts/{process_id}/phase");
    server
        .post(
            &format!("/api/v1/posts/{process_id}/comments"),
            json!({ "body": "Servono ombra e panchine." }),
            Some(&anna),
        )
        .await;
    let moved = server
        .post(&phase, json!({ "to": "ideas" }), Some(&admin))
        .await;
    assert!(moved.status < 300, "{}", moved.body);
    let anna_told = inbox(&server, &anna).await;
    assert_eq!(kinds(&anna_told), ["phase_changed"], "{anna_told}");
    assert_eq!(anna_told["items"][0]["detail"], "ideas");
    // Bruno took no part in this process.
    assert!(!kinds(&inbox(&server, &bruno).await).contains(&"phase_changed".to_owned()));

    // Moderation: the author hears of a removal and of a ban.
    let post = server
        .post(&public, json!({ "title": "Vendo bici" }), Some(&bruno))
        .await;
    let removed = server
        .post(
            "/api/v1/moderation/actions",
            json!({ "action": "remove", "target": { "kind": "post", "id": post.json["id"] }, "reason": "Fuori tema" }),
            Some(&admin),
        )
        .await;
    assert!(removed.status < 300, "{}", removed.body);
    let banned = server
        .post(
            "/api/v1/moderation/actions",
            json!({ "action": "ban", "target": { "kind": "account", "id": "bruno", "community": "ospizio" }, "reason": "Insulti ripetuti" }),
            Some(&admin),
        )
        .await;
    assert!(banned.status < 300, "{}", banned.body);
    let told = inbox(&server, &bruno).await;
    assert_eq!(told["items"][0]["kind"], "moderation");
    assert_eq!(told["items"][0]["detail"], "ban");
    assert_eq!(told["items"][0]["community"]["slug"], "ospizio");
    assert_eq!(told["items"][1]["kind"], "moderation");
    assert_eq!(told["items"][1]["detail"], "remove");
    assert_eq!(told["items"][1]["post"]["title"], "Vendo bici");
}

/// Mails to `to`, oldest first.
fn mails_to(server: &TestServer, to: &str) -> Vec<Mail> {
    mails_in(&server.mail_dir())
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == to))
        .collect()
}

async fn wait_for_mails(server: &TestServer, to: &str, count: usize) -> Vec<Mail> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mails = mails_to(server, to);
        if mails.len() >= count {
            return mails;
        }
        assert!(
            Instant::now() < deadline,
            "{to} got {} mails, not {count}",
            mails.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn mail_at_once_in_a_digest_or_not_at_all(backend: Backend) {
    let server = TestServer::start(backend);
    let (_, public, _) = neighbourhood(&server).await;
    let anna = member(&server, "anna").await;
    let bruno = member(&server, "bruno").await;
    let carla = member(&server, "carla").await;
    let verification_mails = mails_to(&server, "anna@example.org").len();

    let settings = server
        .get("/api/v1/me/notification-settings", Some(&anna))
        .await;
    assert_eq!(settings.json["email"], "immediate");
    let post = server
        .post(
            &public,
            json!({ "title": "Mercatino di Natale" }),
            Some(&anna),
        )
        .await;
    let post_id = post.json["id"].as_str().unwrap().to_owned();
    let comments = format!("/api/v1/posts/{post_id}/comments");
    server
        .post(&comments, json!({ "body": "Porto i dolci." }), Some(&bruno))
        .await;

    // At once: one mail naming who and where, with a link, and no text of the comment.
    let mails = wait_for_mails(&server, "anna@example.org", verification_mails + 1).await;
    let mail = mails.last().unwrap();
    assert!(
        mail.subject.contains("Mercatino di Natale"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains(&format!("/posts/{post_id}#comment-")));
    assert!(!mail.text.contains("Porto i dolci"), "{}", mail.text);
    assert!(mail
        .raw
        .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    let start = mail.text.find("/api/v1/unsubscribe?token=").unwrap();
    let link: String = mail.text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(mail
        .raw
        .contains("List-Unsubscribe: <http://comune.test/api/v1/unsubscribe?token="));

    // The link opens a page that asks to confirm (scanners follow links); the one-click POST
    // turns mail off.
    let page = server.get(&link, None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<form method=\"post\""), "{}", page.body);
    assert_eq!(
        server
            .get("/api/v1/me/notification-settings", Some(&anna))
            .await
            .json["email"],
        "immediate"
    );
    let one_click = server
        .client
        .post(server.url(&link))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(one_click.status(), 200);
    assert_eq!(
        server
            .get("/api/v1/me/notification-settings", Some(&anna))
            .await
            .json["email"],
        "off"
    );
    // Forged, tampered and access tokens are no unsubscribe links.
    let tampered = format!("{}x", &link);
    server
        .post(&tampered, json!({}), None)
        .await
        .assert_problem(400, "invalid_token");
    server
        .post(
            &format!("/api/v1/unsubscribe?token={anna}"),
            json!({}),
            None,
        )
        .await
        .assert_problem(400, "invalid_token");
    server
        .get("/api/v1/unsubscribe?token=%22%3E%3Cscript%3E", None)
        .await
        .assert_problem(400, "invalid_token");

    // Carla wants a daily digest: nothing at once.
    let daily = server
        .send(
            Method::PUT,
            "/api/v1/me/notification-settings",
            Some(json!({ "email": "daily" })),
            Some(&carla),
        )
        .await;
    assert_eq!(daily.status, 200, "{}", daily.body);
    let carla_before = mails_to(&server, "carla@example.org").len();
    let carla_post = server
        .post(
            &public,
            json!({ "title": "Cena di quartiere" }),
            Some(&carla),
        )
        .await;
    let carla_comments = format!(
        "/api/v1/posts/{}/comments",
        carla_post.json["id"].as_str().unwrap()
    );
    server
        .post(&carla_comments, json!({ "body": "Vengo!" }), Some(&bruno))
        .await;
    server
        .post(&carla_comments, json!({ "body": "Anch'io." }), Some(&anna))
        .await;
    // Anna (mail off) is told in the app only; Bruno (at once) gets his reply by mail, which
    // shows the notifier has done a round since.
    server
        .post(&comments, json!({ "body": "Grazie @bruno" }), Some(&anna))
        .await;
    let bruno_mails = mails_to(&server, "bruno@example.org").len();
    server
        .post(
            &format!("/api/v1/posts/{post_id}/comments"),
            json!({ "body": "Ciao @bruno" }),
            Some(&carla),
        )
        .await;
    wait_for_mails(&server, "bruno@example.org", bruno_mails + 1).await;
    wait_until_mailed(&server, &post_id).await;
    assert_eq!(
        mails_to(&server, "carla@example.org").len(),
        carla_before,
        "a daily digest went out at once"
    );
    assert_eq!(
        mails_to(&server, "anna@example.org").len(),
        verification_mails + 1,
        "mail was off"
    );
    assert_eq!(inbox(&server, &anna).await["unread_count"], 2);

    // When the digest hour has passed since the last digest, both notices go in one mail.
    make_digests_due(&server);
    let digests = wait_for_mails(&server, "carla@example.org", carla_before + 1).await;
    let digest = digests.last().unwrap();
    assert!(digest.subject.contains("riepilogo"), "{}", digest.subject);
    assert!(digest.subject.contains('2'), "{}", digest.subject);
    assert_eq!(digest.text.matches("Cena di quartiere").count(), 2);

    server
        .send(
            Method::PUT,
            "/api/v1/me/notification-settings",
            Some(json!({ "email": "sometimes" })),
            Some(&carla),
        )
        .await
        .assert_problem(422, "validation_failed");
}
