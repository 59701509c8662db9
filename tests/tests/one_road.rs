//! One road per write: a comment from another instance goes through the same domain function as
//! a local one (`comments::create_loaded`), with the same rules and the same notices. Over real
//! HTTP between two `comune` processes, and against the domain function directly.

use comune_domain::accounts::{self, Origin, Registration};
use comune_domain::author::{Author, Text};
use comune_domain::channels::{self, Channel, NewChannel};
use comune_domain::communities::{self, NewCommunity};
use comune_domain::db::{self, DatabaseUrl, DbConnection};
use comune_domain::peers::remote::{self, RemoteActor};
use comune_domain::posts::{self, Draft};
use comune_domain::{comments, membership, moderation, Error, Instance};
use comune_tests::fleet::{eventually, Fleet, Node};
use comune_tests::mail::mails_in;
use comune_tests::{both_backends, Backend, TestDb};
use serde_json::{json, Value};

async fn notices(node: &Node, token: &str) -> Vec<Value> {
    let page = node.get("/api/v1/notifications", Some(token)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.json["items"].as_array().cloned().unwrap_or_default()
}

fn mail_subjects(node: &Node, to: &str) -> Vec<String> {
    mails_in(&node.mail_dir())
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == to))
        .map(|m| m.subject)
        .collect()
}

async fn federated_replies_and_mentions_notify_residents(backend: Backend) {
    let fleet = Fleet::start(backend, &["a.test", "b.test"]).await;
    let (a, b) = (&fleet.nodes[0], &fleet.nodes[1]);

    // On a: a neighbourhood with a public channel, and two residents who belong to it.
    let admin = a.admin_token("sindaca").await;
    let made = a
        .post(
            "/api/v1/communities",
            json!({ "slug": "rosta", "name": "Rosta Nuova", "description": "Un quartiere" }),
            Some(&admin),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let channel = a
        .post(
            "/api/v1/communities/rosta/channels",
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue", "visibility": "public" }),
            Some(&admin),
        )
        .await;
    assert_eq!(channel.status, 201, "{}", channel.body);
    let channel = channel.json["id"].as_str().unwrap().to_owned();
    let anna = a.token("anna").await;
    let carla = a.token("carla").await;
    for token in [&anna, &carla] {
        let joined = a
            .post("/api/v1/communities/rosta/members", json!({}), Some(token))
            .await;
        assert_eq!(joined.status, 200, "{}", joined.body);
    }
    // On b: Bruno follows the neighbourhood and knows Carla's handle.
    let bruno = b.token("bruno").await;
    let joined = b.get("/api/v1/resolve?q=rosta@a.test", Some(&bruno)).await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let joined = b
        .post(
            "/api/v1/communities/rosta@a.test/members",
            json!({}),
            Some(&bruno),
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let carla_there = b.get("/api/v1/resolve?q=carla@a.test", Some(&bruno)).await;
    assert_eq!(carla_there.status, 200, "{}", carla_there.body);
    assert_eq!(carla_there.json["kind"], "person");
    eventually(60, "b following", || async {
        let f = a.get_ap("/c/rosta/followers").await;
        (f.json["totalItems"] == 1).then_some(())
    })
    .await;
    let posted = a
        .post(
            &format!("/api/v1/channels/{channel}/posts"),
            json!({ "title": "Orto condiviso", "body": "Chi ci aiuta a zappare?" }),
            Some(&anna),
        )
        .await;
    assert_eq!(posted.status, 201, "{}", posted.body);

    let community = eventually(60, "the neighbourhood on b", || async {
        let c = b
            .get("/api/v1/communities/rosta@a.test", Some(&bruno))
            .await;
        (c.status == 200 && c.json["channels"][0]["id"].is_string()).then_some(c.json)
    })
    .await;
    let remote_channel = community["channels"][0]["id"].as_str().unwrap().to_owned();
    let post = eventually(60, "anna's post on b", || async {
        let feed = b
            .get(
                &format!("/api/v1/channels/{remote_channel}/posts"),
                Some(&bruno),
            )
            .await;
        feed.json["items"]
            .as_array()?
            .iter()
            .find(|p| p["title"] == "Orto condiviso")
            .cloned()
    })
    .await;

    // Bruno answers from b, naming Carla.
    let mails_before = (
        mail_subjects(a, "anna@example.org").len(),
        mail_subjects(a, "carla@example.org").len(),
    );
    let reply = b
        .post(
            &format!("/api/v1/posts/{}/comments", post["id"].as_str().unwrap()),
            json!({ "body": "Io ci sono! Vieni anche tu @carla@a.test?" }),
            Some(&bruno),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert!(
        reply.json["body_html"]
            .as_str()
            .unwrap()
            .contains(r#"href="http://a.test/u/carla""#),
        "the mention links to Carla's profile: {}",
        reply.body
    );

    // On a, Anna is told of the reply and Carla of the mention, in the app...
    let told = eventually(60, "anna told of the reply", || async {
        notices(a, &anna)
            .await
            .into_iter()
            .find(|n| n["kind"] == "reply")
    })
    .await;
    assert_eq!(told["post"]["title"], "Orto condiviso", "{told}");
    let named = eventually(60, "carla told of the mention", || async {
        notices(a, &carla)
            .await
            .into_iter()
            .find(|n| n["kind"] == "mention")
    })
    .await;
    assert_eq!(named["post"]["title"], "Orto condiviso", "{named}");
    // ... and by mail.
    for (to, before, kind) in [
        ("anna@example.org", mails_before.0, "risposto"),
        ("carla@example.org", mails_before.1, "menzionato"),
    ] {
        let subjects = eventually(60, "the mail", || async {
            let subjects = mail_subjects(a, to);
            (subjects.len() > before).then_some(subjects)
        })
        .await;
        assert!(
            subjects[before..]
                .iter()
                .any(|s| s.contains(kind) && s.contains("Orto condiviso")),
            "{to}: {subjects:?}"
        );
    }
    // The comment is under Anna's post on a, as Bruno wrote it.
    let on_a = a
        .get(
            &format!(
                "/api/v1/posts/{}/comments",
                posted.json["id"].as_str().unwrap()
            ),
            Some(&anna),
        )
        .await;
    let items = on_a.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", on_a.body);
    assert_eq!(items[0]["author"]["username"], "bruno@b.test");
}

fn person(name: &str, host: &str) -> RemoteActor {
    RemoteActor {
        ap_id: format!("https://{host}/u/{name}"),
        name: name.into(),
        host: host.into(),
        display_name: name.into(),
        summary: String::new(),
        inbox: format!("https://{host}/u/{name}/inbox"),
        shared_inbox: None,
        public_key_pem: "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n".into(),
    }
}

fn remote_author<'a>(account_id: &'a str, ap_id: &'a str) -> Author<'a> {
    Author::Remote {
        account_id,
        object_ap_id: ap_id,
        published: chrono::Utc::now().naive_utc(),
    }
}

/// `comments::create_loaded` as the inbox calls it: the post and channel with the author's
/// standing.
fn remote_comment(
    conn: &mut DbConnection,
    instance: &Instance,
    post_id: &str,
    author: Author,
) -> comune_domain::Result<Option<comune_domain::posts::Comment>> {
    let post = posts::get_row(conn, post_id)?;
    let channel = channels::get_row(conn, &post.channel_id)?;
    let standing = comune_domain::membership::Standing::of(
        conn,
        &channel.community_id,
        Some(author.account_id()),
    )?;
    let place = posts::Place {
        post: &post,
        channel: &channel,
        standing: &standing,
    };
    comments::create_loaded(
        conn,
        instance,
        &place,
        author,
        None,
        Text::Html {
            html: "<p>Una risposta</p>",
            mentions: &[],
        },
    )
}

fn resident(conn: &mut DbConnection, instance: &Instance, name: &str, origin: Origin) -> String {
    let (account, _) = accounts::create_local(
        conn,
        instance,
        &Registration {
            username: name.into(),
            email: format!("{name}@example.org"),
            password: "tegola-viola-ponte-42".into(),
            display_name: None,
            locale: None,
        },
        "it",
        origin,
    )
    .unwrap();
    account.id
}

fn channel(conn: &mut DbConnection, admin: &str, slug: &str, visibility: &str) -> Channel {
    channels::create(
        conn,
        "coviolo",
        admin,
        &NewChannel {
            slug: slug.into(),
            name: slug.into(),
            kind: "dialogue".into(),
            visibility: visibility.into(),
            description: String::new(),
        },
    )
    .unwrap()
}

fn notices_of(conn: &mut DbConnection, account_id: &str, kind: &str) -> i64 {
    use comune_domain::schema::notifications;
    use diesel::prelude::*;
    notifications::table
        .filter(notifications::recipient_id.eq(account_id))
        .filter(notifications::kind.eq(kind))
        .count()
        .get_result(conn)
        .unwrap()
}

async fn banned_and_unseeing_authors_are_refused_alike(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let test_db = TestDb::create(backend, dir.path());
    let mut conn = DatabaseUrl::parse(&test_db.url).unwrap().connect().unwrap();
    db::migrate(&mut conn).unwrap();
    let conn = &mut conn;
    let instance = Instance::new("https://comune.test".parse().unwrap());
    let admin = resident(conn, &instance, "sindaca", Origin::Admin);
    let community = communities::create(
        conn,
        &instance,
        &admin,
        &NewCommunity {
            slug: "coviolo".into(),
            name: "Coviolo".into(),
            description: String::new(),
        },
    )
    .unwrap();
    let public = channel(conn, &admin, "piazza", "public");
    let members_only = channel(conn, &admin, "soci", "members");
    let anna = resident(conn, &instance, "anna", Origin::SelfService);
    let dario = resident(conn, &instance, "dario", Origin::SelfService);
    let outsider = resident(conn, &instance, "ottavio", Origin::SelfService);
    for member in [&anna, &dario] {
        membership::join(conn, "coviolo", member).unwrap();
    }
    let post = |conn: &mut DbConnection, channel: &Channel, title: &str| {
        posts::create(
            conn,
            &instance,
            &channel.id,
            &anna,
            &Draft {
                title: title.into(),
                body: "Testo".into(),
            },
        )
        .unwrap()
    };
    let open = post(conn, &public, "Aperto");
    let closed = post(conn, &members_only, "Riservato");
    let remi = remote::upsert_person(conn, &person("remi", "altro.test")).unwrap();
    let zoe = remote::upsert_person(conn, &person("zoe", "altro.test")).unwrap();

    // A reply in a public channel from another instance is taken, and tells the post's author.
    let taken = remote_comment(
        conn,
        &instance,
        &open.id,
        remote_author(&remi.id, "https://altro.test/comments/1"),
    )
    .unwrap()
    .expect("a new comment");
    assert!(!taken.local);
    assert_eq!(notices_of(conn, &anna, "reply"), 1);
    // The same comment delivered again is not stored twice.
    assert!(remote_comment(
        conn,
        &instance,
        &open.id,
        remote_author(&remi.id, "https://altro.test/comments/1"),
    )
    .unwrap()
    .is_none());

    // Members-only: the remote person may not read it, nor may a resident who is not a member;
    // nor one who follows the neighbourhood from another instance, since members-only content
    // never leaves the instance (what they wrote there would be passed on to every follower).
    remote::add_follower(conn, &community.id, &remi.id).unwrap();
    let follower = remote_comment(
        conn,
        &instance,
        &closed.id,
        remote_author(&remi.id, "https://altro.test/comments/4"),
    );
    assert!(matches!(follower, Err(Error::NotFound)), "{follower:?}");
    for refused in [
        remote_comment(
            conn,
            &instance,
            &closed.id,
            remote_author(&zoe.id, "https://altro.test/comments/2"),
        )
        .map(drop),
        comments::create(
            conn,
            &instance,
            &closed.id,
            Author::Local(&outsider),
            None,
            Text::Markdown("Posso?"),
        )
        .map(drop),
    ] {
        assert!(matches!(refused, Err(Error::NotFound)), "{refused:?}");
    }

    // Banned: the remote person and the member alike.
    // As a moderator bans: the remote person by handle, the member by name.
    for name in ["zoe@altro.test", "dario"] {
        moderation::act(
            conn,
            &admin,
            moderation::Action::Ban,
            &moderation::Target {
                kind: moderation::TargetKind::Account,
                id: name.into(),
                community: Some("coviolo".into()),
            },
            "Insulti ripetuti",
            None,
        )
        .unwrap();
    }
    for refused in [
        remote_comment(
            conn,
            &instance,
            &open.id,
            remote_author(&zoe.id, "https://altro.test/comments/3"),
        )
        .map(drop),
        comments::create(
            conn,
            &instance,
            &open.id,
            Author::Local(&dario),
            None,
            Text::Markdown("Ci sono ancora"),
        )
        .map(drop),
    ] {
        assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
    }
    // A thread from another instance that names Anna tells her, as a local one would.
    let anna_ap_id = accounts::get(conn, &anna).unwrap().ap_id;
    let (thread, created) = remote::upsert_post(
        conn,
        &public,
        &remote::RemotePost {
            ap_id: "https://altro.test/posts/9".into(),
            author_id: remi.id.clone(),
            title: "Dal quartiere vicino".into(),
            source: String::new(),
            html: "<p>Ciao @anna, ci vediamo?</p>".into(),
            published: chrono::Utc::now().naive_utc(),
            mentions: vec![anna_ap_id, "https://altro.test/u/zoe".into()],
        },
    )
    .unwrap();
    assert!(created && !thread.local);
    assert_eq!(notices_of(conn, &anna, "mention"), 1);

    // Nothing of the refused ones was stored, and nobody was told of them.
    let (all, _) = posts::comments_of(conn, &open.id, Some(&anna), None, 100).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(notices_of(conn, &anna, "reply"), 1);
}

both_backends!(
    federated_replies_and_mentions_notify_residents,
    banned_and_unseeing_authors_are_refused_alike
);
