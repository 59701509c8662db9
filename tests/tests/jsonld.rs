//! Every kind of ActivityPub document we emit expands with a real JSON-LD processor, and every
//! term in it is defined: actors, objects, tombstones, collections and each kind of activity,
//! taken from two real `comune` processes federating. The documents are checked by
//! `tests/jsonld/check.py` (pyld, with local copies of the contexts and no network).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use comune_domain::schema::outgoing_activities;
use comune_tests::fleet::{eventually, Fleet, Node};
use comune_tests::{both_backends, mail, Backend};
use diesel::prelude::*;
use serde_json::{json, Value};

/// The checker script, beside its local copies of the contexts.
fn checker() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("jsonld/check.py")
}

/// Runs the checker on `documents`; answers whether all passed, and what it printed.
fn check(context: &Path, documents: &[PathBuf]) -> (bool, String) {
    let output = Command::new(mail::python())
        .arg(checker())
        .arg("--extension")
        .arg(context)
        .args(documents)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", mail::python()));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if printed.contains("ModuleNotFoundError") {
        panic!(
            "pyld is missing from {} (install it with the README's test command):\n{printed}",
            mail::python()
        );
    }
    (output.status.success(), printed)
}

/// The chain of types of an activity and what it carries: `Announce(Create(Page))`.
fn shape(doc: &Value) -> String {
    let kind = doc["type"].as_str().unwrap_or("?");
    match &doc["object"] {
        Value::Object(_) => format!("{kind}({})", shape(&doc["object"])),
        _ => kind.to_owned(),
    }
}

/// The activities `node` has sent: `(id, body)`, oldest first.
fn sent(node: &Node) -> Vec<(String, Value)> {
    outgoing_activities::table
        .order((outgoing_activities::created_at, outgoing_activities::id))
        .select((outgoing_activities::ap_id, outgoing_activities::body))
        .load::<(String, String)>(&mut node.db())
        .expect("the outgoing activities")
        .into_iter()
        .map(|(id, body)| {
            (
                id,
                serde_json::from_str(&body).expect("an activity is JSON"),
            )
        })
        .collect()
}

/// Waits until `node` has sent an activity shaped like `wanted`.
async fn sent_one(node: &Node, wanted: &str) {
    eventually(60, &format!("{} sending {wanted}", node.host), || async {
        sent(node)
            .iter()
            .any(|(_, body)| shape(body) == wanted)
            .then_some(())
    })
    .await;
}

/// Writes a document under `dir` and returns its path.
fn save(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    path
}

/// An ActivityPub document as a peer fetches it, with the status it must have.
async fn fetch(node: &Node, path: &str, status: u16) -> Value {
    let reply = node.get_ap(path).await;
    assert_eq!(reply.status, status, "{path}: {}", reply.body);
    assert!(reply.json.is_object(), "{path}: {}", reply.body);
    reply.json
}

async fn every_document_we_emit_expands_with_every_term_defined(backend: Backend) {
    let fleet = Fleet::start(backend, &["a.test", "b.test"]).await;
    let (a, b) = (&fleet.nodes[0], &fleet.nodes[1]);

    // a: a neighbourhood with a public channel; b: a resident who follows it (Follow, Accept).
    let admin = a.admin_token("sindaca").await;
    let made = a
        .post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Quartiere Ospizio", "description": "Il **quartiere**" }),
            Some(&admin),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let channel = a
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue", "visibility": "public" }),
            Some(&admin),
        )
        .await;
    assert_eq!(channel.status, 201, "{}", channel.body);
    let channel = channel.json["id"].as_str().unwrap().to_owned();
    let bruno = b.token("bruno").await;
    let resolved = b
        .get("/api/v1/resolve?q=ospizio@a.test", Some(&bruno))
        .await;
    assert_eq!(resolved.status, 200, "{}", resolved.body);
    let joined = b
        .post(
            "/api/v1/communities/ospizio@a.test/members",
            json!({}),
            Some(&bruno),
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    eventually(60, "the follow accepted", || async {
        let f = a.get_ap("/c/ospizio/followers").await;
        (f.json["totalItems"] == 1).then_some(())
    })
    .await;

    // a: two posts (Announce of Create), one edited (Update), a comment and a like by the
    // author (Announce of Create of a Note, of Like).
    let mut posts = Vec::new();
    for title in ["Festa in piazza", "Annullata"] {
        let posted = a
            .post(
                &format!("/api/v1/channels/{channel}/posts"),
                json!({ "title": title, "body": "Sabato alle **16**." }),
                Some(&admin),
            )
            .await;
        assert_eq!(posted.status, 201, "{}", posted.body);
        posts.push(posted.json["id"].as_str().unwrap().to_owned());
    }
    sent_one(a, "Announce(Create(Page))").await;
    let edited = a
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/posts/{}", posts[0]),
            Some(json!({ "body": "Sabato alle **17**." })),
            Some(&admin),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    let comment = a
        .post(
            &format!("/api/v1/posts/{}/comments", posts[0]),
            json!({ "body": "Portate le sedie." }),
            Some(&admin),
        )
        .await;
    assert_eq!(comment.status, 201, "{}", comment.body);
    let comment = comment.json["id"].as_str().unwrap().to_owned();
    let liked = a
        .post(
            &format!("/api/v1/posts/{}/reactions", posts[0]),
            json!({}),
            Some(&admin),
        )
        .await;
    assert!(liked.status < 300, "{}", liked.body);

    // b: Bruno comments (Create of a Note, which a announces), edits it (Update), likes the
    // post and takes the like back (Like, Undo), then deletes the comment (Delete).
    let on_b = eventually(60, "the post on b", || async {
        let community = b
            .get("/api/v1/communities/ospizio@a.test", Some(&bruno))
            .await;
        let channel = community.json["channels"][0]["id"].as_str()?.to_owned();
        let feed = b
            .get(&format!("/api/v1/channels/{channel}/posts"), Some(&bruno))
            .await;
        feed.json["items"]
            .as_array()?
            .iter()
            .find(|p| p["title"] == "Festa in piazza")
            .and_then(|p| p["id"].as_str().map(str::to_owned))
    })
    .await;
    let reply = b
        .post(
            &format!("/api/v1/posts/{on_b}/comments"),
            json!({ "body": "Porto la torta!" }),
            Some(&bruno),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let reply = reply.json["id"].as_str().unwrap().to_owned();
    let edited = b
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/comments/{reply}"),
            Some(json!({ "body": "Porto due torte!" })),
            Some(&bruno),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    let liked = b
        .post(
            &format!("/api/v1/posts/{on_b}/reactions"),
            json!({}),
            Some(&bruno),
        )
        .await;
    assert!(liked.status < 300, "{}", liked.body);
    sent_one(b, "Like").await;
    let unliked = b
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/posts/{on_b}/reactions"),
            None,
            Some(&bruno),
        )
        .await;
    assert!(unliked.status < 300, "{}", unliked.body);
    // Each change is turned into its activity when the worker gets to it, from the row as it
    // is then: let the Update go out before the comment is gone.
    sent_one(b, "Update(Note)").await;
    let deleted = b
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/comments/{reply}"),
            None,
            Some(&bruno),
        )
        .await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);

    // a: the second post is deleted (Announce of Delete); its URL then serves a Tombstone.
    let deleted = a
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/posts/{}", posts[1]),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);

    sent_one(a, "Announce(Delete)").await;
    sent_one(b, "Delete").await;

    // a: an event (Announce of Create of an Event); Bruno answers and withdraws (Join, Leave,
    // which a announces).
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
            &format!(
                "/api/v1/channels/{}/posts",
                events.json["id"].as_str().unwrap()
            ),
            json!({ "title": "Cena", "starts_at": "2030-06-01T19:00", "ends_at": "2030-06-01T23:00",
                    "location": { "name": "Casa di quartiere", "address": "Via Ospizio 1",
                                  "latitude": 44.7, "longitude": 10.6 }, "capacity": 30 }),
            Some(&admin),
        )
        .await;
    assert_eq!(event.status, 201, "{}", event.body);
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
        feed.json["items"][0]["id"].as_str().map(str::to_owned)
    })
    .await;
    for method in [reqwest::Method::POST, reqwest::Method::DELETE] {
        let r = b
            .send(
                method,
                &format!("/api/v1/posts/{event_on_b}/rsvp"),
                None,
                Some(&bruno),
            )
            .await;
        assert!(r.status < 300, "{}", r.body);
    }
    sent_one(a, "Announce(Leave)").await;

    // b: Bruno reports the first post (Flag to the community).
    let reported = b
        .post(
            "/api/v1/reports",
            json!({ "target": { "kind": "post", "id": on_b }, "reason": "Da verificare" }),
            Some(&bruno),
        )
        .await;
    assert_eq!(reported.status, 201, "{}", reported.body);

    // a: a moderator removes the admin's comment and restores it (Delete and Undo of Delete
    // by the community), then bans Bruno (Block); his Follow, asked again, is refused (Reject).
    let comment_on_a = a
        .get(&format!("/api/v1/posts/{}/comments", posts[0]), None)
        .await
        .json["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for action in ["remove", "restore"] {
        let r = a
            .post(
                "/api/v1/moderation/actions",
                json!({ "action": action, "target": { "kind": "comment", "id": comment_on_a }, "reason": "Verifica" }),
                Some(&admin),
            )
            .await;
        assert!(r.status < 300, "{}", r.body);
    }
    let banned = a
        .post(
            "/api/v1/moderation/actions",
            json!({ "action": "ban", "target": { "kind": "account", "id": "bruno@b.test", "community": "ospizio" }, "reason": "Spam" }),
            Some(&admin),
        )
        .await;
    assert!(banned.status < 300, "{}", banned.body);
    sent_one(a, "Announce(Block)").await;
    // Once b has the ban, Bruno leaves and asks again: a refuses (Reject).
    eventually(60, "the ban on b", || async {
        let r = b
            .post(
                &format!("/api/v1/posts/{on_b}/comments"),
                json!({ "body": "Ancora io" }),
                Some(&bruno),
            )
            .await;
        (r.status == 403).then_some(())
    })
    .await;
    let left = b
        .send(
            reqwest::Method::DELETE,
            "/api/v1/communities/ospizio@a.test/members",
            None,
            Some(&bruno),
        )
        .await;
    assert_eq!(left.status, 204, "{}", left.body);
    sent_one(b, "Undo(Follow)").await;
    let again = b
        .post(
            "/api/v1/communities/ospizio@a.test/members",
            json!({}),
            Some(&bruno),
        )
        .await;
    assert_eq!(again.status, 200, "{}", again.body);

    // Every kind of activity, as the two instances sent them.
    let wanted: &[&str] = &[
        "Follow",
        "Accept(Follow)",
        "Reject(Follow)",
        "Undo(Follow)",
        "Like",
        "Undo(Like)",
        "Create(Note)",
        "Update(Note)",
        "Delete",
        "Announce(Create(Page))",
        "Announce(Update(Page))",
        "Announce(Create(Note))",
        "Announce(Like)",
        "Announce(Delete)",
        "Announce(Create(Event))",
        // The boost of a new post by its id, for microblogs.
        "Announce",
        "Join",
        "Leave",
        "Announce(Join)",
        "Announce(Leave)",
        "Flag",
        // A moderator's ban, removal and restoration, passed on by the community.
        "Announce(Block)",
        "Announce(Undo(Delete))",
    ];
    let activities = eventually(60, "every kind of activity sent", || async {
        let all: Vec<(String, Value)> = sent(a).into_iter().chain(sent(b)).collect();
        let shapes: BTreeSet<String> = all.iter().map(|(_, body)| shape(body)).collect();
        let missing: Vec<&&str> = wanted.iter().filter(|w| !shapes.contains(**w)).collect();
        if !missing.is_empty() {
            eprintln!("jsonld: still missing {missing:?}");
        }
        missing.is_empty().then_some(all)
    })
    .await;

    let dir = tempfile::tempdir().unwrap();
    let mut documents = Vec::new();
    for (i, (id, body)) in activities.iter().enumerate() {
        // Every activity id dereferences to the same document (a Like and a Join keep the id
        // their row was given, under /likes/ and /rsvps/).
        let node = if id.starts_with("http://a.test/") {
            a
        } else {
            b
        };
        assert_eq!(&fetch(node, id, 200).await, body, "{id}");
        let name = format!("activity-{i:02}-{}", shape(body).replace(['(', ')'], "-"));
        documents.push(save(dir.path(), &name, body));
    }

    // The outbox shows the community's public posts as it announced them, newest first; the
    // deleted one is left out. Featured shows what moderators pinned.
    let pinned = a
        .post(
            "/api/v1/moderation/actions",
            json!({ "action": "pin", "target": { "kind": "post", "id": posts[0] }, "reason": "In evidenza" }),
            Some(&admin),
        )
        .await;
    assert_eq!(pinned.status, 201, "{}", pinned.body);
    let outbox = fetch(a, "/c/ospizio/outbox", 200).await;
    let items = outbox["orderedItems"].as_array().expect("outbox items");
    assert_eq!(outbox["totalItems"], items.len());
    let shown: Vec<String> = items
        .iter()
        .map(|item| {
            let wanted = ["Announce(Create(Page))", "Announce(Create(Event))"];
            assert!(wanted.contains(&shape(item).as_str()), "{item}");
            assert_eq!(item["actor"], a.url("/c/ospizio"), "{item}");
            item["object"]["object"]["id"].as_str().unwrap().to_owned()
        })
        .collect();
    let (kept, deleted) = (
        a.url(&format!("/posts/{}", posts[0])),
        a.url(&format!("/posts/{}", posts[1])),
    );
    assert!(
        shown.contains(&kept) && !shown.contains(&deleted),
        "{shown:?}"
    );
    let published: Vec<&str> = items
        .iter()
        .map(|i| i["object"]["object"]["published"].as_str().unwrap())
        .collect();
    assert!(
        published.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {published:?}"
    );
    assert_eq!(
        fetch(a, "/c/ospizio/outbox", 200).await["orderedItems"][0]["id"],
        items[0]["id"],
        "an outbox item keeps its id"
    );
    // The moderators Lemmy checks a removal's actor against: the admin who acted above.
    let group = fetch(a, "/c/ospizio", 200).await;
    assert_eq!(group["attributedTo"], a.url("/c/ospizio/moderators"));
    let moderators = fetch(a, "/c/ospizio/moderators", 200).await;
    assert_eq!(moderators["type"], "OrderedCollection", "{moderators}");
    assert!(
        moderators["orderedItems"]
            .as_array()
            .unwrap()
            .contains(&json!(a.url("/u/sindaca"))),
        "{moderators}"
    );
    let featured = fetch(a, "/c/ospizio/featured", 200).await;
    assert_eq!(featured["totalItems"], 1, "{featured}");
    assert_eq!(featured["orderedItems"][0]["id"], kept.as_str());
    assert_eq!(featured["orderedItems"][0]["type"], "Page");

    // The author's outbox shows their public posts as they created them, newest first: not the
    // deleted one, nor what they wrote in a members-only channel.
    let members_only = a
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "riservato", "name": "Riservato", "kind": "dialogue", "visibility": "members" }),
            Some(&admin),
        )
        .await;
    assert_eq!(members_only.status, 201, "{}", members_only.body);
    let secret = a
        .post(
            &format!(
                "/api/v1/channels/{}/posts",
                members_only.json["id"].as_str().unwrap()
            ),
            json!({ "title": "Solo per i soci", "body": "Riunione riservata." }),
            Some(&admin),
        )
        .await;
    assert_eq!(secret.status, 201, "{}", secret.body);
    let secret = a.url(&format!("/posts/{}", secret.json["id"].as_str().unwrap()));
    let outbox = fetch(a, "/u/sindaca/outbox", 200).await;
    assert_eq!(outbox["id"], a.url("/u/sindaca/outbox"));
    let items = outbox["orderedItems"]
        .as_array()
        .expect("person outbox items");
    assert_eq!(outbox["totalItems"], items.len());
    let written: Vec<&str> = items
        .iter()
        .map(|item| {
            assert!(
                ["Create(Page)", "Create(Event)"].contains(&shape(item).as_str()),
                "{item}"
            );
            assert_eq!(item["actor"], a.url("/u/sindaca"), "{item}");
            item["object"]["id"].as_str().unwrap()
        })
        .collect();
    assert!(written.contains(&kept.as_str()), "{written:?}");
    assert!(!written.contains(&deleted.as_str()), "{written:?}");
    assert!(!written.contains(&secret.as_str()), "{written:?}");
    let published: Vec<&str> = items
        .iter()
        .map(|i| i["object"]["published"].as_str().unwrap())
        .collect();
    assert!(published.windows(2).all(|w| w[0] >= w[1]), "{published:?}");
    assert_eq!(
        fetch(a, "/u/sindaca/outbox", 200).await["orderedItems"][0]["id"],
        items[0]["id"],
        "an outbox item keeps its id"
    );
    fetch(a, "/u/nessuno/outbox", 404).await;

    // Actors, objects, tombstones and collections, fetched as a peer fetches them.
    let (page, note, tombstone) = (
        format!("/posts/{}", posts[0]),
        format!("/comments/{comment}"),
        format!("/posts/{}", posts[1]),
    );
    // A person with signing keys, one of them revoked (FEP-521a `assertionMethod`), and an
    // accord's version document with a signatory block, as signatories sign it.
    let mut key_ids = Vec::new();
    for seed in [1u8, 2] {
        let key = comune_integrity::SigningKey::from_seed(&[seed; 32]);
        let made = a
            .post(
                "/api/v1/me/keys",
                json!({ "public_key_multibase": key.public_key().to_multibase() }),
                Some(&admin),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        key_ids.push(made.json["id"].as_str().unwrap().to_owned());
    }
    let revoked = a
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/me/keys/{}", key_ids[0]),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let accord = a
        .post(
            "/api/v1/communities/ospizio/accords",
            json!({
                "title": "Patto per il parco", "summary": "", "text": "Ci prendiamo cura del parco.",
                "start_date": "2027-01-01", "end_date": "2027-12-31",
                "parties": [{ "key": "comune", "kind": "municipality", "name": "Comune",
                              "organization": a.url("/o/comune") }],
                "projects": [{ "key": "parco", "kind": "community_care", "title": "Parco",
                               "budget_cents": 100000, "owners": ["comune"] }],
                "indicators": [{ "key": "volontari", "name": "Volontari", "unit": "persone",
                                 "baseline": 1, "target": 10, "project": "parco" }]
            }),
            Some(&admin),
        )
        .await;
    assert_eq!(accord.status, 201, "{}", accord.body);
    let version = a
        .get(
            &format!(
                "/api/v1/accords/{}/versions/1",
                accord.json["id"].as_str().unwrap()
            ),
            Some(&admin),
        )
        .await;
    let mut signing = version.json["document"].clone();
    signing["signatory"] = json!({
        "id": a.url("/u/sindaca"), "organization": a.url("/o/comune"), "role": "delegate"
    });
    documents.push(save(dir.path(), "accord-version-signed", &signing));

    let served = [
        ("actor-application", "/actor", 200),
        ("actor-person", "/u/sindaca", 200),
        ("actor-group", "/c/ospizio", 200),
        ("page", page.as_str(), 200),
        ("note", note.as_str(), 200),
        ("tombstone-page", tombstone.as_str(), 410),
        ("collection-group-followers", "/c/ospizio/followers", 200),
        ("collection-group-outbox", "/c/ospizio/outbox", 200),
        ("collection-group-featured", "/c/ospizio/featured", 200),
        ("collection-group-moderators", "/c/ospizio/moderators", 200),
        ("collection-person-outbox", "/u/sindaca/outbox", 200),
        ("collection-person-followers", "/u/sindaca/followers", 200),
    ];
    for (name, path, status) in served {
        documents.push(save(dir.path(), name, &fetch(a, path, status).await));
    }
    documents.push(save(
        dir.path(),
        "actor-person-b",
        &fetch(b, "/u/bruno", 200).await,
    ));
    documents.push(save(
        dir.path(),
        "tombstone-note",
        &fetch(b, &format!("/comments/{reply}"), 410).await,
    ));
    let kinds: BTreeSet<String> = documents
        .iter()
        .map(|p| {
            let doc: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
            let kind = doc["type"].as_str().unwrap_or("?").to_owned();
            match doc["formerType"].as_str() {
                Some(former) => format!("{kind}({former})"),
                None => kind,
            }
        })
        .collect();
    let person = fetch(a, "/u/sindaca", 200).await;
    let methods = person["assertionMethod"]
        .as_array()
        .expect("the person's keys");
    assert_eq!(methods.len(), 2, "{person}");
    assert_eq!(
        methods.iter().filter(|m| m["revoked"].is_string()).count(),
        1
    );
    for kind in [
        "Application",
        "Document",
        "Person",
        "Group",
        "Page",
        "Note",
        "Tombstone(Page)",
        "Tombstone(Note)",
        "OrderedCollection",
    ] {
        assert!(kinds.contains(kind), "no {kind} among {kinds:?}");
    }

    // The extension context as an instance serves it; the checker maps every
    // `.../ns/comune.jsonld` to it.
    let context = a.get("/ns/comune.jsonld", None).await;
    assert_eq!(context.status, 200, "{}", context.body);
    assert_eq!(context.header("content-type"), Some("application/ld+json"));
    let context_file = dir.path().join("comune.jsonld");
    std::fs::write(&context_file, &context.body).unwrap();

    // The checker itself catches an undefined term, an undefined type and a relative IRI.
    let canary_dir = tempfile::tempdir().unwrap();
    let canary = save(
        canary_dir.path(),
        "canary",
        &json!({
            "@context": [
                "https://www.w3.org/ns/activitystreams",
                "https://w3id.org/security/v1",
                "http://a.test/ns/comune.jsonld",
            ],
            "type": "Widget",
            "id": "http://a.test/canary",
            "notATerm": true,
            "object": { "type": "Tombstone", "id": "relative/object" },
        }),
    );
    let (passed, printed) = check(&context_file, &[canary]);
    assert!(!passed, "the checker passed a bad document:\n{printed}");
    for expected in ["'notATerm'", "'_:Widget'", "relative IRI 'relative/object'"] {
        assert!(printed.contains(expected), "{expected} not in:\n{printed}");
    }

    let (passed, printed) = check(&context_file, &documents);
    assert!(
        passed,
        "documents we emit do not expand with every term defined:\n{printed}"
    );
    assert_eq!(
        printed.lines().filter(|l| l.starts_with("ok ")).count(),
        documents.len(),
        "{printed}"
    );
    // Shown with `--nocapture`.
    println!("{printed}");
}

both_backends!(every_document_we_emit_expands_with_every_term_defined);
