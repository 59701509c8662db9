//! Business listings: who may create, edit and delete them (each role of the permission matrix),
//! opening hours with "open now" and the feed's filters, offers that disappear when expired, inert
//! text in every field, hostile input, and members-only channels that never show their listings.

use std::time::{Duration, Instant};

use chrono::{Datelike, Utc};
use comune_tests::{both_backends, Backend, Reply, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    each_role_creates_edits_and_deletes_as_the_matrix_says,
    feed_filters_by_category_and_open_now,
    offers_show_only_while_valid,
    listing_changes_replace_hours_and_refuse_bad_urls,
    text_fields_come_out_inert,
    hostile_input_never_gets_a_500,
    members_only_listings_never_reach_outsiders,
);

/// A neighbourhood with a public businesses channel, two business organisations and one
/// association, and a person for each role.
struct World {
    server: TestServer,
    /// The public businesses channel's posts path.
    feed: String,
    admin: String,
    facilitator: String,
    moderator: String,
    /// Joined the neighbourhood, in no organisation.
    member: String,
    /// Owner of `forno-rossi`, a member of the neighbourhood.
    baker: String,
    /// Member (not owner) of `forno-rossi`, a member of the neighbourhood.
    apprentice: String,
    /// Owner of `bar-centrale`, another business, a member of the neighbourhood.
    rival: String,
    /// Owner of `forno-rossi` too, but not a member of the neighbourhood.
    resident: String,
}

fn days_ago(n: i64) -> String {
    (Utc::now().date_naive() - chrono::Duration::days(n))
        .format("%Y-%m-%d")
        .to_string()
}

async fn world(backend: Backend) -> World {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    let s = &server;
    s.post(
        "/api/v1/communities",
        json!({ "slug": "ospizio", "name": "Ospizio" }),
        Some(&admin),
    )
    .await;
    let mut tokens = Vec::new();
    for name in [
        "architetta",
        "moderatore",
        "marta",
        "fornaio",
        "apprendista",
        "barista",
        "residente",
    ] {
        let t = s.token(name).await;
        if name != "residente" {
            let joined = s
                .post("/api/v1/communities/ospizio/members", json!({}), Some(&t))
                .await;
            assert_eq!(joined.status, 200, "{}", joined.body);
        }
        tokens.push(t);
    }
    let appointed = s
        .send(
            Method::PUT,
            "/api/v1/communities/ospizio/facilitators/architetta",
            None,
            Some(&admin),
        )
        .await;
    assert!(appointed.status < 300, "{}", appointed.body);
    let channel = s
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "botteghe", "name": "Botteghe", "kind": "businesses" }),
            Some(&admin),
        )
        .await;
    assert_eq!(channel.status, 201, "{}", channel.body);
    let channel = channel.json["id"].as_str().unwrap().to_owned();
    let appointed = s
        .send(
            Method::PUT,
            &format!("/api/v1/channels/{channel}/moderators/moderatore"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(appointed.status, 204, "{}", appointed.body);
    for (slug, kind, owner) in [
        ("forno-rossi", "business", &tokens[3]),
        ("bar-centrale", "business", &tokens[5]),
        ("orti-in-comune", "association", &tokens[2]),
    ] {
        let org = s
            .post(
                "/api/v1/organizations",
                json!({ "slug": slug, "name": slug, "kind": kind }),
                Some(owner),
            )
            .await;
        assert_eq!(org.status, 201, "{}", org.body);
    }
    for (username, role) in [("apprendista", "member"), ("residente", "owner")] {
        let set = s
            .send(
                Method::PUT,
                &format!("/api/v1/organizations/forno-rossi/members/{username}"),
                Some(json!({ "role": role })),
                Some(&tokens[3]),
            )
            .await;
        assert!(set.status < 300, "{}", set.body);
    }
    let mut tokens = tokens.into_iter();
    let mut next = || tokens.next().unwrap();
    World {
        feed: format!("/api/v1/channels/{channel}/posts"),
        admin,
        facilitator: next(),
        moderator: next(),
        member: next(),
        baker: next(),
        apprentice: next(),
        rival: next(),
        resident: next(),
        server,
    }
}

fn listing(title: &str, organization: &str, category: &str) -> Value {
    json!({
        "title": title,
        "body": "Pane, *focacce* e dolci della tradizione.",
        "listing": {
            "organization": organization,
            "category": category,
            "address": "Via Emilia Ospizio 10, Reggio Emilia",
            "latitude": 44.70, "longitude": 10.65,
            "phone": "+39 0522 123456",
            "website": "https://forno.example.org",
            "opening_hours": [
                { "day": "mon", "opens": "07:00", "closes": "13:00" },
                { "day": "mon", "opens": "16:00", "closes": "19:30" },
                { "day": "sat", "opens": "18:00", "closes": "02:00" },
            ],
        },
    })
}

fn id(reply: &Reply) -> String {
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn each_role_creates_edits_and_deletes_as_the_matrix_says(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    // Creating: anonymous visitors sign in first; people outside the owning organisation, the
    // channel's moderator and an owner who has not joined the neighbourhood are refused.
    s.post(&w.feed, listing("Forno", "forno-rossi", "food"), None)
        .await
        .assert_problem(401, "unauthorized");
    for token in [&w.member, &w.rival, &w.moderator, &w.resident] {
        s.post(
            &w.feed,
            listing("Forno", "forno-rossi", "food"),
            Some(token),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    // The organisation's owner and members, facilitators and admins create.
    let mut ids = Vec::new();
    for token in [&w.baker, &w.apprentice, &w.facilitator, &w.admin] {
        let created = s
            .post(
                &w.feed,
                listing("Forno Rossi", "forno-rossi", "food"),
                Some(token),
            )
            .await;
        assert_eq!(created.status, 201, "{}", created.body);
        assert_eq!(
            created.header("location"),
            Some(format!("/api/v1/posts/{}", id(&created)).as_str())
        );
        ids.push(id(&created));
    }
    let created = s.get(&format!("/api/v1/posts/{}", ids[0]), None).await;
    let l = &created.json["listing"];
    assert_eq!(created.json["kind"], "businesses");
    assert_eq!(created.json["title"], "Forno Rossi");
    assert_eq!(
        l["organization"],
        json!({ "slug": "forno-rossi", "name": "forno-rossi" })
    );
    assert_eq!(l["category"], "food");
    assert_eq!(l["time_zone"], "Europe/Rome");
    assert_eq!(l["phone"], "+39 0522 123456");
    assert_eq!(l["latitude"], 44.70);
    assert_eq!(
        l["opening_hours"],
        json!([
            { "day": "mon", "opens": "07:00", "closes": "13:00" },
            { "day": "mon", "opens": "16:00", "closes": "19:30" },
            { "day": "sat", "opens": "18:00", "closes": "02:00" },
        ])
    );
    assert!(l["open_now"].is_boolean());
    assert_eq!(l["offers"], json!([]));
    // The owner is checked: an association, an unknown organisation, a listing elsewhere.
    let refused = s
        .post(
            &w.feed,
            listing("Orto", "orti-in-comune", "food"),
            Some(&w.admin),
        )
        .await;
    assert_eq!(
        refused.assert_problem(422, "validation_failed")["errors"]["listing.organization"][0]
            ["code"],
        "not_business"
    );
    let refused = s
        .post(&w.feed, listing("Orto", "nessuno", "food"), Some(&w.admin))
        .await;
    assert_eq!(
        refused.assert_problem(422, "validation_failed")["errors"]["listing.organization"][0]
            ["code"],
        "unknown"
    );
    let refused = s
        .post(
            &w.feed,
            listing("Forno", "forno-rossi", "gelati"),
            Some(&w.baker),
        )
        .await;
    assert_eq!(
        refused.assert_problem(422, "validation_failed")["errors"]["listing.category"][0]["code"],
        "unsupported"
    );
    // A bare post in a businesses channel is still refused; a listing in a dialogue channel too.
    let bare = s
        .post(&w.feed, json!({ "title": "Solo testo" }), Some(&w.admin))
        .await;
    assert_eq!(
        bare.assert_problem(422, "validation_failed")["errors"]["channel"][0]["code"],
        "unsupported_kind"
    );
    let dialogue = s
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "dialogo", "name": "Dialogo", "kind": "dialogue" }),
            Some(&w.admin),
        )
        .await;
    let misplaced = s
        .post(
            &format!("/api/v1/channels/{}/posts", id(&dialogue)),
            listing("Forno", "forno-rossi", "food"),
            Some(&w.baker),
        )
        .await;
    assert_eq!(
        misplaced.assert_problem(422, "validation_failed")["errors"]["channel"][0]["code"],
        "unsupported_kind"
    );

    // Editing the baker's listing: only the organisation's members (not only its author) and
    // admins. Facilitators and moderators do not; another business cannot, and nothing changes.
    let post = format!("/api/v1/posts/{}", ids[0]);
    let change = |title: &str| json!({ "title": title, "listing": { "category": "restaurant" } });
    s.send(Method::PATCH, &post, Some(change("Rubato")), None)
        .await
        .assert_problem(401, "unauthorized");
    for token in [&w.rival, &w.member, &w.moderator, &w.facilitator] {
        s.send(Method::PATCH, &post, Some(change("Rubato")), Some(token))
            .await
            .assert_problem(403, "forbidden");
        s.send(
            Method::PATCH,
            &post,
            Some(json!({ "title": "Rubato" })),
            Some(token),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    let unchanged = s.get(&post, None).await;
    assert_eq!(unchanged.json["title"], "Forno Rossi");
    assert_eq!(unchanged.json["listing"]["category"], "food");
    for (token, title) in [
        (&w.apprentice, "Forno Rossi dal 1950"),
        (&w.resident, "Forno Rossi & figli"),
        (&w.admin, "Forno Rossi"),
    ] {
        let edited = s
            .send(Method::PATCH, &post, Some(change(title)), Some(token))
            .await;
        assert_eq!(edited.status, 200, "{}", edited.body);
        assert_eq!(edited.json["title"], title);
        assert_eq!(edited.json["listing"]["category"], "restaurant");
        // Fields not sent stay.
        assert_eq!(edited.json["listing"]["phone"], "+39 0522 123456");
        assert_eq!(
            edited.json["listing"]["opening_hours"]
                .as_array()
                .unwrap()
                .len(),
            3
        );
    }
    // A listing the facilitator created for the bakery belongs to the bakery: the facilitator
    // cannot edit it later, the baker can.
    let by_facilitator = format!("/api/v1/posts/{}", ids[2]);
    s.send(
        Method::PATCH,
        &by_facilitator,
        Some(change("x")),
        Some(&w.facilitator),
    )
    .await
    .assert_problem(403, "forbidden");
    assert_eq!(
        s.send(
            Method::PATCH,
            &by_facilitator,
            Some(change("Forno Rossi 2")),
            Some(&w.baker)
        )
        .await
        .status,
        200
    );
    // A listing change on a post that is no listing is refused.
    let thread = s
        .post(
            &format!("/api/v1/channels/{}/posts", id(&dialogue)),
            json!({ "title": "Discussione" }),
            Some(&w.member),
        )
        .await;
    let not_listing = s
        .send(
            Method::PATCH,
            &format!("/api/v1/posts/{}", id(&thread)),
            Some(change("x")),
            Some(&w.member),
        )
        .await;
    assert_eq!(
        not_listing.assert_problem(422, "validation_failed")["errors"]["listing"][0]["code"],
        "not_a_listing"
    );

    // A banned member of the organisation loses the listing with every other write there.
    let ban = json!({ "action": "ban", "target": { "kind": "account", "id": "apprendista", "community": "ospizio" },
                      "reason": "Spam", "expires_at": "2999-01-01T00:00:00Z" });
    assert_eq!(
        s.post("/api/v1/moderation/actions", ban, Some(&w.admin))
            .await
            .status,
        201
    );
    s.send(Method::PATCH, &post, Some(change("x")), Some(&w.apprentice))
        .await
        .assert_problem(403, "forbidden");
    s.send(Method::DELETE, &post, None, Some(&w.apprentice))
        .await
        .assert_problem(403, "forbidden");

    // Deleting: the owning organisation and admins; moderators remove instead.
    for token in [&w.rival, &w.member, &w.moderator, &w.facilitator] {
        s.send(Method::DELETE, &post, None, Some(token))
            .await
            .assert_problem(403, "forbidden");
    }
    assert_eq!(s.get(&post, None).await.status, 200);
    assert_eq!(
        s.send(Method::DELETE, &post, None, Some(&w.resident))
            .await
            .status,
        204
    );
    s.get(&post, None).await.assert_problem(404, "not_found");
    assert_eq!(
        s.send(
            Method::DELETE,
            &format!("/api/v1/posts/{}", ids[3]),
            None,
            Some(&w.admin)
        )
        .await
        .status,
        204
    );
    let removed = s
        .post(
            "/api/v1/moderation/actions",
            json!({ "action": "remove", "target": { "kind": "post", "id": ids[1] }, "reason": "Doppione" }),
            Some(&w.moderator),
        )
        .await;
    assert_eq!(removed.status, 201, "{}", removed.body);
    let feed = s.get(&w.feed, None).await;
    let left: Vec<&str> = feed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(left, vec![ids[2].as_str()]);
}

/// An interval around the current time in UTC, or one that starts hours later.
fn hours_around_now(open: bool) -> Value {
    let now = Utc::now();
    let (start, end) = if open {
        (
            now - chrono::Duration::hours(2),
            now + chrono::Duration::hours(2),
        )
    } else {
        (
            now + chrono::Duration::hours(3),
            now + chrono::Duration::hours(5),
        )
    };
    let day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        [start.weekday().num_days_from_monday() as usize];
    json!([{ "day": day, "opens": start.format("%H:%M").to_string(), "closes": end.format("%H:%M").to_string() }])
}

async fn feed_filters_by_category_and_open_now(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let all_week: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| json!({ "day": d, "opens": "00:00", "closes": "24:00" }))
        .collect();
    let mut made = Vec::new();
    for (title, category, hours, zone) in [
        (
            "Farmacia di turno",
            "health",
            json!(all_week),
            "Europe/Rome",
        ),
        ("Forno aperto ora", "food", hours_around_now(true), "UTC"),
        ("Forno chiuso ora", "food", hours_around_now(false), "UTC"),
        ("Bar senza orari", "restaurant", json!([]), "Europe/Rome"),
    ] {
        let mut body = listing(title, "forno-rossi", category);
        body["listing"]["opening_hours"] = hours;
        body["listing"]["time_zone"] = json!(zone);
        let created = s.post(&w.feed, body, Some(&w.baker)).await;
        assert_eq!(created.status, 201, "{}", created.body);
        made.push((title, created.json["listing"]["open_now"].clone()));
    }
    assert_eq!(
        made.iter().map(|(_, o)| o.clone()).collect::<Vec<_>>(),
        vec![json!(true), json!(true), json!(false), json!(false)]
    );
    let titles = |reply: &Reply| -> Vec<String> {
        assert_eq!(reply.status, 200, "{}", reply.body);
        let mut t: Vec<String> = reply.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_owned())
            .collect();
        t.sort();
        t
    };
    assert_eq!(titles(&s.get(&w.feed, None).await).len(), 4);
    assert_eq!(
        titles(&s.get(&format!("{}?open_now=true", w.feed), None).await),
        ["Farmacia di turno", "Forno aperto ora"]
    );
    assert_eq!(
        titles(&s.get(&format!("{}?category=food", w.feed), None).await),
        ["Forno aperto ora", "Forno chiuso ora"]
    );
    assert_eq!(
        titles(
            &s.get(&format!("{}?category=food&open_now=true", w.feed), None)
                .await
        ),
        ["Forno aperto ora"]
    );
    assert_eq!(
        titles(&s.get(&format!("{}?open_now=false", w.feed), None).await).len(),
        4
    );
    assert!(titles(&s.get(&format!("{}?category=sport", w.feed), None).await).is_empty());
    // Filters page like the rest of the feed.
    let first = s
        .get(&format!("{}?category=food&limit=1", w.feed), None)
        .await;
    assert_eq!(first.json["items"].as_array().unwrap().len(), 1);
    let cursor = first.json["next_cursor"].as_str().unwrap();
    let second = s
        .get(
            &format!("{}?category=food&limit=1&cursor={cursor}", w.feed),
            None,
        )
        .await;
    assert_eq!(second.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(second.json["next_cursor"], Value::Null);
    assert_ne!(first.json["items"][0]["id"], second.json["items"][0]["id"]);
    // Unknown categories and bad booleans are refused.
    for query in ["category=gelati", "category=%00", "open_now=forse"] {
        s.get(&format!("{}?{query}", w.feed), None)
            .await
            .assert_problem(400, "malformed_request");
    }
    // The category list: stable codes with both labels, in the caller's language.
    let categories = s.get("/api/v1/listing-categories", None).await;
    assert_eq!(categories.status, 200);
    let list = categories.json.as_array().unwrap();
    assert!(list.len() >= 10, "{}", categories.body);
    let food = list.iter().find(|c| c["code"] == "food").unwrap();
    assert_eq!(food["labels"]["it"], "Alimentari");
    assert_eq!(food["label"], "Alimentari");
    assert!(list.iter().all(|c| c["labels"]["en"].is_string()));
    s.get("/api/v1/listing-categories", Some("not-a-token"))
        .await
        .assert_problem(401, "unauthorized");
}

async fn offers_show_only_while_valid(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let mut body = listing("Forno Rossi", "forno-rossi", "food");
    body["listing"]["time_zone"] = json!("UTC");
    let created = s.post(&w.feed, body, Some(&w.baker)).await;
    let post = id(&created);
    let offers = format!("/api/v1/posts/{post}/offers");
    let offer = |title: &str, from: i64, until: i64| json!({ "title": title, "description": "Solo in negozio", "valid_from": days_ago(from), "valid_until": days_ago(until) });
    let mut offer_ids = Vec::new();
    for (title, from, until, state) in [
        ("Pane a metà prezzo", 1, -1, "current"),
        ("Colomba scontata", 10, 1, "expired"),
        ("Panettone in prevendita", -2, -10, "upcoming"),
        ("Solo oggi", 0, 0, "current"),
    ] {
        let added = s
            .post(&offers, offer(title, from, until), Some(&w.apprentice))
            .await;
        assert_eq!(added.status, 201, "{}", added.body);
        assert_eq!(added.json["state"], state, "{}", added.body);
        offer_ids.push(id(&added));
    }
    // Only the current offers are listed, on the post and in the feed.
    let shown = s.get(&format!("/api/v1/posts/{post}"), None).await;
    let titles: Vec<&str> = shown.json["listing"]["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 2, "{}", shown.body);
    assert!(titles.contains(&"Pane a metà prezzo") && titles.contains(&"Solo oggi"));
    let feed = s.get(&w.feed, None).await;
    assert_eq!(
        feed.json["items"][0]["listing"]["offers"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(!feed.body.contains("Colomba") && !feed.body.contains("Panettone"));
    // The offers list: current ones for everyone, all with their state for the organisation.
    for token in [None, Some(w.member.as_str()), Some(w.rival.as_str())] {
        let list = s.get(&offers, token).await;
        assert_eq!(list.json.as_array().unwrap().len(), 2, "{}", list.body);
    }
    for token in [&w.baker, &w.admin] {
        let list = s.get(&offers, Some(token)).await;
        let mut states: Vec<&str> = list
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["state"].as_str().unwrap())
            .collect();
        states.sort();
        assert_eq!(states, ["current", "current", "expired", "upcoming"]);
    }
    // Dates are checked; the end may not come before the start.
    let backwards = s
        .post(&offers, offer("Al contrario", -3, 0), Some(&w.baker))
        .await;
    assert_eq!(
        backwards.assert_problem(422, "validation_failed")["errors"]["valid_until"][0]["code"],
        "before_start"
    );
    let bad = s
        .post(
            &offers,
            json!({ "title": "", "valid_from": "domani", "valid_until": "2026-02-30" }),
            Some(&w.baker),
        )
        .await;
    let errors = &bad.assert_problem(422, "validation_failed")["errors"];
    for field in ["title", "valid_from", "valid_until"] {
        assert!(errors.get(field).is_some(), "{field}: {errors}");
    }
    let long = s
        .post(&offers, offer("Per sempre", 0, -400), Some(&w.baker))
        .await;
    assert_eq!(
        long.assert_problem(422, "validation_failed")["errors"]["valid_until"][0]["code"],
        "too_long"
    );
    // Only the owning organisation and admins add or delete offers.
    s.post(&offers, offer("x", 0, 0), None)
        .await
        .assert_problem(401, "unauthorized");
    for token in [&w.rival, &w.member, &w.facilitator, &w.moderator] {
        s.post(&offers, offer("x", 0, 0), Some(token))
            .await
            .assert_problem(403, "forbidden");
        s.send(
            Method::DELETE,
            &format!("{offers}/{}", offer_ids[0]),
            None,
            Some(token),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    assert_eq!(
        s.get(&offers, Some(&w.baker))
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        s.send(
            Method::DELETE,
            &format!("{offers}/{}", offer_ids[0]),
            None,
            Some(&w.apprentice)
        )
        .await
        .status,
        204
    );
    s.send(
        Method::DELETE,
        &format!("{offers}/{}", offer_ids[0]),
        None,
        Some(&w.baker),
    )
    .await
    .assert_problem(404, "not_found");
    let after = s.get(&format!("/api/v1/posts/{post}"), None).await;
    assert_eq!(after.json["listing"]["offers"][0]["title"], "Solo oggi");
    assert_eq!(after.json["listing"]["offers"].as_array().unwrap().len(), 1);
    // Offers belong to listings: another post's offers path is not found, and so is an
    // offer of another listing.
    let thread_channel = s
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "dialogo", "name": "Dialogo", "kind": "dialogue" }),
            Some(&w.admin),
        )
        .await;
    let thread = s
        .post(
            &format!("/api/v1/channels/{}/posts", id(&thread_channel)),
            json!({ "title": "Discussione" }),
            Some(&w.admin),
        )
        .await;
    s.post(
        &format!("/api/v1/posts/{}/offers", id(&thread)),
        offer("x", 0, 0),
        Some(&w.admin),
    )
    .await
    .assert_problem(404, "not_found");
    s.get(&format!("/api/v1/posts/{}/offers", id(&thread)), None)
        .await
        .assert_problem(404, "not_found");
    let other = s
        .post(
            &w.feed,
            listing("Altro forno", "forno-rossi", "food"),
            Some(&w.baker),
        )
        .await;
    s.send(
        Method::DELETE,
        &format!("/api/v1/posts/{}/offers/{}", id(&other), offer_ids[1]),
        None,
        Some(&w.baker),
    )
    .await
    .assert_problem(404, "not_found");
}

async fn listing_changes_replace_hours_and_refuse_bad_urls(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let created = s
        .post(
            &w.feed,
            listing("Forno Rossi", "forno-rossi", "food"),
            Some(&w.baker),
        )
        .await;
    let post = format!("/api/v1/posts/{}", id(&created));
    let edited = s
        .send(
            Method::PATCH,
            &post,
            Some(json!({ "listing": {
                "opening_hours": [{ "day": "sun", "opens": "08:00", "closes": "12:30" }],
                "phone": null, "latitude": null, "longitude": null,
                "address": "Piazza del Popolo 1", "email": "forno@example.org",
            } })),
            Some(&w.baker),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    let l = &edited.json["listing"];
    assert_eq!(
        l["opening_hours"],
        json!([{ "day": "sun", "opens": "08:00", "closes": "12:30" }])
    );
    assert_eq!(l["phone"], Value::Null);
    assert_eq!(l["latitude"], Value::Null);
    assert_eq!(l["address"], "Piazza del Popolo 1");
    assert_eq!(l["email"], "forno@example.org");
    assert_eq!(l["website"], "https://forno.example.org");
    assert_eq!(edited.json["title"], "Forno Rossi");
    // Scripts and other schemes are refused as websites, on creation and on change, and
    // nothing changes.
    for url in [
        "javascript:alert(1)",
        " JavaScript:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "ftp://forno.example.org",
        "forno.example.org",
    ] {
        let refused = s
            .send(
                Method::PATCH,
                &post,
                Some(json!({ "title": "Cambiato", "listing": { "website": url } })),
                Some(&w.baker),
            )
            .await;
        assert_eq!(
            refused.assert_problem(422, "validation_failed")["errors"]["listing.website"][0]
                ["code"],
            "invalid",
            "{url}"
        );
        let mut body = listing("Forno", "forno-rossi", "food");
        body["listing"]["website"] = json!(url);
        s.post(&w.feed, body, Some(&w.baker))
            .await
            .assert_problem(422, "validation_failed");
    }
    let unchanged = s.get(&post, None).await;
    assert_eq!(unchanged.json["title"], "Forno Rossi");
    assert_eq!(
        unchanged.json["listing"]["website"],
        "https://forno.example.org"
    );
    // Bad hours, coordinates, phone, mail and zone, all reported at once.
    let refused = s
        .send(
            Method::PATCH,
            &post,
            Some(json!({ "listing": {
                "opening_hours": [
                    { "day": "mon", "opens": "09:00", "closes": "13:00" },
                    { "day": "mon", "opens": "12:00", "closes": "14:00" },
                    { "day": "lunedì", "opens": "25:00", "closes": "9" },
                ],
                "latitude": 91.0, "longitude": 10.0, "phone": "<chiamami>", "email": "non-una-mail",
                "time_zone": "Luna/Mare",
            } })),
            Some(&w.baker),
        )
        .await;
    let errors = &refused.assert_problem(422, "validation_failed")["errors"];
    for field in [
        "listing.opening_hours[1].opens",
        "listing.opening_hours[2].day",
        "listing.opening_hours[2].opens",
        "listing.opening_hours[2].closes",
        "listing.latitude",
        "listing.phone",
        "listing.email",
        "listing.time_zone",
    ] {
        assert!(errors.get(field).is_some(), "{field}: {errors}");
    }
    assert_eq!(
        s.get(&post, None).await.json["listing"]["opening_hours"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Only one of latitude and longitude is refused.
    let mut body = listing("Forno", "forno-rossi", "food");
    body["listing"]["longitude"] = Value::Null;
    let half = s.post(&w.feed, body, Some(&w.baker)).await;
    assert_eq!(
        half.assert_problem(422, "validation_failed")["errors"]["listing.longitude"][0]["code"],
        "incomplete"
    );
}

async fn text_fields_come_out_inert(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let script = "<script>alert(1)</script>";
    let body = json!({
        "title": format!("{script}Forno <img src=x onerror=alert(1)>"),
        "body": "Ciao <script>alert(1)</script> <img src=x onerror=alert(2)> [clic](javascript:alert(3)) \
                 <a href=\"javascript:alert(4)\">x</a> <svg onload=alert(5)>",
        "listing": {
            "organization": "forno-rossi", "category": "food",
            "address": "<b onmouseover=alert(1)>Via Roma 1</b>",
            "phone": "0522 1234",
            "website": "https://forno.example.org/?q=<script>",
        },
    });
    let created = s.post(&w.feed, body, Some(&w.baker)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let post = id(&created);
    let offer = s
        .post(
            &format!("/api/v1/posts/{post}/offers"),
            // A day either side of UTC's date: the listing's "today" is its own zone's (Rome),
            // which is already tomorrow in UTC's last hour.
            json!({ "title": format!("{script}Sconto"), "description": "<img src=x onerror=alert(1)>",
                    "valid_from": days_ago(1), "valid_until": days_ago(-1) }),
            Some(&w.baker),
        )
        .await;
    assert_eq!(offer.status, 201, "{}", offer.body);
    for reply in [
        s.get(&format!("/api/v1/posts/{post}"), None).await,
        s.get(&w.feed, None).await,
    ] {
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        let p = if reply.json["items"].is_array() {
            reply.json["items"][0].clone()
        } else {
            reply.json.clone()
        };
        // Markdown is rendered to sanitised HTML: nothing that runs survives.
        let html = p["body_html"].as_str().unwrap().to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onload",
            "javascript:",
            "<svg",
            "<img",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        // Plain-text fields are data: JSON strings with the text as written, never HTML.
        assert_eq!(
            p["title"],
            format!("{script}Forno <img src=x onerror=alert(1)>")
        );
        assert_eq!(
            p["listing"]["address"],
            "<b onmouseover=alert(1)>Via Roma 1</b>"
        );
        assert_eq!(
            p["listing"]["offers"][0]["title"],
            format!("{script}Sconto")
        );
        assert_eq!(
            p["listing"]["offers"][0]["description"],
            "<img src=x onerror=alert(1)>"
        );
        assert_eq!(
            p["listing"]["website"],
            "https://forno.example.org/?q=<script>"
        );
    }
}

async fn hostile_input_never_gets_a_500(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let created = s
        .post(
            &w.feed,
            listing("Forno Rossi", "forno-rossi", "food"),
            Some(&w.baker),
        )
        .await;
    let post = id(&created);
    let values = [
        json!("\u{0000}"),
        json!("'; DROP TABLE business_listings; --"),
        json!("<script>alert(1)</script>"),
        json!("é".repeat(5000)),
        json!(""),
        json!(" "),
        json!(-1),
        json!(1e308),
        json!(f64::MIN_POSITIVE),
        json!(null),
        json!(true),
        json!([["x"]]),
        json!({ "day": "\u{0000}" }),
    ];
    let mut sent = 0;
    for value in &values {
        let hours = json!([{ "day": value, "opens": value, "closes": value }, value]);
        let fields = json!({
            "organization": value, "category": value, "address": value, "latitude": value,
            "longitude": value, "phone": value, "website": value, "email": value,
            "time_zone": value, "opening_hours": value,
        });
        let mut with_hours = fields.clone();
        with_hours["opening_hours"] = hours.clone();
        // Titles are the listing's own, so a body that is valid as an edit (nulls clear
        // optional fields) changes nothing that is checked below.
        let mut good_but = listing("Forno Rossi", "forno-rossi", "food");
        good_but["listing"]["opening_hours"] = hours;
        for body in [
            json!({ "title": value, "body": value, "listing": fields.clone() }),
            json!({ "title": "Forno Rossi", "listing": with_hours.clone() }),
            good_but,
            json!({ "title": "Forno Rossi", "listing": value }),
        ] {
            for (method, path) in [
                (Method::POST, w.feed.clone()),
                (Method::PATCH, format!("/api/v1/posts/{post}")),
            ] {
                let reply = s
                    .send(method.clone(), &path, Some(body.clone()), Some(&w.baker))
                    .await;
                assert!(
                    reply.status < 500,
                    "{method} {path} with {value}: {} {}",
                    reply.status,
                    reply.body
                );
                if method == Method::POST {
                    assert!(
                        reply.status >= 400,
                        "{path} accepted {body}: {}",
                        reply.body
                    );
                }
                sent += 1;
            }
        }
        let offer = json!({ "title": value, "description": value, "valid_from": value, "valid_until": value });
        let reply = s
            .post(
                &format!("/api/v1/posts/{post}/offers"),
                offer,
                Some(&w.baker),
            )
            .await;
        assert!(
            (400..500).contains(&reply.status),
            "offer with {value}: {} {}",
            reply.status,
            reply.body
        );
        sent += 1;
    }
    // Far too many intervals.
    let mut many = listing("Forno", "forno-rossi", "food");
    many["listing"]["opening_hours"] = json!((0..1000)
        .map(|i| json!({ "day": "mon", "opens": format!("{:02}:00", i % 24), "closes": "23:59" }))
        .collect::<Vec<_>>());
    s.post(&w.feed, many, Some(&w.baker))
        .await
        .assert_problem(422, "validation_failed");
    // Hostile paths and queries.
    for path in [
        format!("/api/v1/posts/{post}/offers/%00"),
        format!("/api/v1/posts/{post}/offers/not-an-id"),
        "/api/v1/posts/%00/offers".to_owned(),
        format!("/api/v1/posts/{post}/offers/{}", uuid_like()),
    ] {
        let reply = s.send(Method::DELETE, &path, None, Some(&w.baker)).await;
        reply.assert_problem(404, "not_found");
        sent += 1;
    }
    for query in [
        "category=%00",
        "category='%20OR%201=1",
        "open_now=%00",
        "open_now=1e308",
        "category=food&category=health",
    ] {
        let reply = s.get(&format!("{}?{query}", w.feed), None).await;
        assert!(
            reply.status < 500,
            "{query}: {} {}",
            reply.status,
            reply.body
        );
        sent += 1;
    }
    assert!(sent > 100);
    // Nothing invalid got through.
    let after = s.get(&format!("/api/v1/posts/{post}"), None).await;
    assert_eq!(after.json["title"], "Forno Rossi");
    assert_eq!(after.json["listing"]["category"], "food");
    assert_eq!(
        after.json["listing"]["opening_hours"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        s.get(&w.feed, None).await.json["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        s.get("/healthz", None).await.json,
        json!({ "status": "ok" })
    );
}

fn uuid_like() -> &'static str {
    "01890000-0000-7000-8000-000000000000"
}

async fn members_only_listings_never_reach_outsiders(backend: Backend) {
    let w = world(backend).await;
    let s = &w.server;
    let channel = s
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "convenzioni", "name": "Convenzioni per i residenti", "kind": "businesses", "visibility": "members" }),
            Some(&w.admin),
        )
        .await;
    assert_eq!(channel.status, 201, "{}", channel.body);
    let feed = format!("/api/v1/channels/{}/posts", id(&channel));
    let created = s
        .post(
            &feed,
            listing("Ferramenta Zanichelli", "forno-rossi", "home"),
            Some(&w.baker),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let post = id(&created);
    let offer = s
        .post(
            &format!("/api/v1/posts/{post}/offers"),
            json!({ "title": "Sconto riservato", "valid_from": days_ago(0), "valid_until": days_ago(-5) }),
            Some(&w.baker),
        )
        .await;
    assert_eq!(offer.status, 201, "{}", offer.body);
    // The outsider (an owner of the organisation who has not joined) and anonymous visitors see
    // nothing: not the feed, the post, its offers, nor the channel on the community page.
    for token in [Some(w.resident.as_str()), None] {
        for path in [
            feed.clone(),
            format!("{feed}?open_now=true"),
            format!("{feed}?category=home"),
            format!("/api/v1/posts/{post}"),
            format!("/api/v1/posts/{post}/offers"),
        ] {
            let reply = s.get(&path, token).await;
            reply.assert_problem(404, "not_found");
            assert!(!reply.body.contains("Zanichelli"), "{}", reply.body);
        }
        let page = s.get("/api/v1/communities/ospizio", token).await;
        assert!(!page.body.contains("convenzioni"), "{}", page.body);
    }
    s.post(
        &format!("/api/v1/posts/{post}/offers"),
        json!({ "title": "x", "valid_from": days_ago(0), "valid_until": days_ago(0) }),
        Some(&w.resident),
    )
    .await
    .assert_problem(404, "not_found");
    s.send(
        Method::PATCH,
        &format!("/api/v1/posts/{post}"),
        Some(json!({ "title": "x" })),
        Some(&w.resident),
    )
    .await
    .assert_problem(404, "not_found");
    // Members read it; search finds it for them as a listing (by its category too), and never
    // for others, not even in counts.
    assert_eq!(
        s.get(&feed, Some(&w.member)).await.json["items"][0]["title"],
        "Ferramenta Zanichelli"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = s.get("/api/v1/search?q=Zanichelli", Some(&w.member)).await;
        if found.json["total"] == 1 {
            assert_eq!(found.json["items"][0]["kind"], "listing", "{}", found.body);
            break;
        }
        assert!(Instant::now() < deadline, "never indexed: {}", found.body);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let by_category = s
        .get("/api/v1/search?q=ferramenta%20casa", Some(&w.member))
        .await;
    assert_eq!(by_category.json["total"], 1, "{}", by_category.body);
    for token in [Some(w.resident.as_str()), None] {
        let hidden = s.get("/api/v1/search?q=Zanichelli", token).await;
        assert_eq!(hidden.json["total"], 0, "{}", hidden.body);
        assert!(!hidden.body.contains("listing"), "{}", hidden.body);
    }
}

mod sqlite_queries {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use comune_domain::accounts::{self, Origin, Registration};
    use comune_domain::channels::{self, NewChannel};
    use comune_domain::communities::{self, NewCommunity};
    use comune_domain::db::DatabaseUrl;
    use comune_domain::listings::{self, HoursInput, ListingDraft, ListingFields, OfferDraft};
    use comune_domain::organizations::{self, NewOrganization};
    use comune_domain::posts::{self, FeedFilter, Order};
    use comune_domain::{membership, Instance};
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

    /// A page of a businesses channel, with hours and offers on every listing, costs the same
    /// number of queries for 2 listings as for 20, filtered or not.
    #[test]
    fn a_businesses_feed_page_costs_a_bounded_number_of_queries() {
        let dir = tempfile::tempdir().unwrap();
        let url =
            DatabaseUrl::parse(&format!("sqlite://{}", dir.path().join("q.db").display())).unwrap();
        let mut conn = url.connect().unwrap();
        comune_domain::db::migrate(&mut conn).unwrap();
        let instance = Instance::new("http://comune.test".parse().unwrap());
        let (admin, _) = accounts::create_local(
            &mut conn,
            &instance,
            &Registration {
                username: "sindaca".into(),
                email: "sindaca@example.org".into(),
                password: "tegola-viola-ponte-42".into(),
                display_name: None,
                locale: None,
            },
            "it",
            Origin::Admin,
        )
        .unwrap();
        communities::create(
            &mut conn,
            &instance,
            &admin.id,
            &NewCommunity {
                slug: "rosta".into(),
                name: "Rosta".into(),
                description: String::new(),
            },
        )
        .unwrap();
        membership::join(&mut conn, "rosta", &admin.id).unwrap();
        let channel = channels::create(
            &mut conn,
            "rosta",
            &admin.id,
            &NewChannel {
                slug: "botteghe".into(),
                name: "Botteghe".into(),
                kind: "businesses".into(),
                visibility: "public".into(),
                description: String::new(),
            },
        )
        .unwrap();
        let today = chrono::Utc::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string();
        for i in 0..25 {
            let slug = format!("negozio-{i}");
            organizations::create(
                &mut conn,
                &instance,
                &admin.id,
                &NewOrganization {
                    slug: slug.clone(),
                    name: format!("Negozio {i}"),
                    kind: "business".into(),
                    description: String::new(),
                    community: None,
                },
            )
            .unwrap();
            let post = listings::create(
                &mut conn,
                &instance,
                &channel.id,
                &admin.id,
                &ListingDraft {
                    title: format!("Negozio {i}"),
                    body: "b".into(),
                    organization: slug,
                    fields: ListingFields {
                        category: "food".into(),
                        time_zone: Some("UTC".into()),
                        opening_hours: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                            .iter()
                            .map(|d| HoursInput {
                                day: (*d).into(),
                                opens: "00:00".into(),
                                closes: "24:00".into(),
                            })
                            .collect(),
                        ..ListingFields::default()
                    },
                },
                "Europe/Rome",
            )
            .unwrap();
            listings::add_offer(
                &mut conn,
                &post.id,
                &admin.id,
                &OfferDraft {
                    title: "Sconto".into(),
                    description: String::new(),
                    valid_from: today.clone(),
                    valid_until: today.clone(),
                },
            )
            .unwrap();
        }
        let count = Arc::new(AtomicUsize::new(0));
        conn.set_instrumentation(Counter(count.clone()));
        let mut queries_for = |limit: i64, filter: &FeedFilter| {
            count.store(0, Ordering::SeqCst);
            let (items, _) = posts::feed_filtered(
                &mut conn,
                &channel.id,
                Some(&admin.id),
                Order::New,
                None,
                limit,
                filter,
            )
            .unwrap();
            assert_eq!(items.len() as i64, limit);
            assert!(items.iter().all(|p| p
                .listing
                .as_ref()
                .is_some_and(|l| l.open_now && l.offers.len() == 1 && l.hours.len() == 7)));
            count.load(Ordering::SeqCst)
        };
        for filter in [
            FeedFilter::default(),
            FeedFilter {
                category: Some("food".into()),
                open_now: true,
            },
        ] {
            let small = queries_for(2, &filter);
            let large = queries_for(20, &filter);
            assert_eq!(small, large, "queries grow with the page size ({filter:?})");
            assert!(
                large <= 14,
                "{large} queries for one feed page ({filter:?})"
            );
            println!("a businesses feed page costs {large} queries ({filter:?})");
        }
    }
}
