//! The change feeds never skip nor drop a committed change: the search feed whatever order
//! concurrent transactions commit in, the federation feed whatever fails on the way.

use std::time::Duration;

use comune_domain::db::{self, DbConnection};
use comune_domain::posts::{self, Draft};
use comune_domain::Instance;
use comune_tests::fleet::{eventually, Fleet, Node};
use comune_tests::{both_backends, Backend};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rand::Rng;
use serde_json::json;

/// A neighbourhood with a public dialogue channel on `a`, followed by a resident of `b`.
/// Answers the channel's id and a's admin token.
async fn followed_neighbourhood(a: &Node, b: &Node) -> (String, String) {
    let admin = a.admin_token("sindaca").await;
    let made = a
        .post(
            "/api/v1/communities",
            json!({ "slug": "centro", "name": "Centro Storico", "description": "" }),
            Some(&admin),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let channel = a
        .post(
            "/api/v1/communities/centro/channels",
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue", "visibility": "public" }),
            Some(&admin),
        )
        .await;
    assert_eq!(channel.status, 201, "{}", channel.body);
    let bruno = b.token("bruno").await;
    let resolved = b.get("/api/v1/resolve?q=centro@a.test", Some(&bruno)).await;
    assert_eq!(resolved.status, 200, "{}", resolved.body);
    let joined = b
        .post(
            "/api/v1/communities/centro@a.test/members",
            json!({}),
            Some(&bruno),
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    eventually(60, "b following", || async {
        let f = a.get_ap("/c/centro/followers").await;
        (f.json["totalItems"] == 1).then_some(())
    })
    .await;
    (channel.json["id"].as_str().unwrap().to_owned(), admin)
}

/// Posts of `a` that `b` holds.
fn arrived(b: &Node) -> i64 {
    use comune_domain::schema::posts;
    posts::table
        .filter(posts::ap_id.like("http://a.test/posts/%"))
        .count()
        .get_result(&mut b.db())
        .unwrap()
}

/// Acceptance of issue 16, point 4: on PostgreSQL sixteen writers make 5,000 posts, holding
/// their transactions open for random short times, so their changes commit in another order than
/// their sequence numbers; every post still reaches the search index and the peer. SQLite runs
/// one write transaction at a time, so there a few writers only queue for the lock.
async fn concurrent_writers_lose_nothing(backend: Backend) {
    let (writers, posts, hold_ms) = match backend {
        Backend::Postgres => (16, 5_000, 12),
        Backend::Sqlite => (4, 1_000, 4),
    };
    let fleet = Fleet::start(backend, &["a.test", "b.test"]).await;
    let (a, b) = (&fleet.nodes[0], &fleet.nodes[1]);
    let (channel, admin) = followed_neighbourhood(a, b).await;
    let admin_id = {
        let me = a.get("/api/v1/me", Some(&admin)).await;
        me.json["id"].as_str().unwrap().to_owned()
    };
    let instance = Instance::new("http://a.test".parse().unwrap());
    let writers: Vec<_> = (0..writers)
        .map(|w| {
            let mut conn = a.db();
            let (instance, channel, admin_id) =
                (instance.clone(), channel.clone(), admin_id.clone());
            std::thread::spawn(move || {
                let mut rng = rand::rng();
                for n in (w..posts).step_by(writers) {
                    let hold = Duration::from_millis(rng.random_range(0..hold_ms));
                    db::transaction(&mut conn, |conn: &mut DbConnection| {
                        posts::create(
                            conn,
                            &instance,
                            &channel,
                            &admin_id,
                            &Draft {
                                title: format!("Lampione spento numero {n}"),
                                body: "Segnalato dal quartiere".into(),
                            },
                        )?;
                        std::thread::sleep(hold);
                        Ok::<_, comune_domain::Error>(())
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }

    let found = eventually(600, "every post in a's search", || async {
        let found = a
            .get(
                "/api/v1/search?q=lampione&kind=thread&limit=1",
                Some(&admin),
            )
            .await;
        assert_eq!(found.status, 200, "{}", found.body);
        let total = found.json["total"].as_u64()?;
        (total >= posts as u64).then_some(total)
    })
    .await;
    assert_eq!(found, posts as u64);
    // Generous: on a loaded 2-core machine (a CI run beside builds and browser tests) two debug
    // servers took over 300 s to pass on 5,000 posts; what is asserted is that none is lost.
    let delivered = eventually(900, "every post on b", || async {
        let n = arrived(b);
        (n >= posts as i64).then_some(n)
    })
    .await;
    assert_eq!(delivered, posts as i64);
    let status = a.get("/api/v1/admin/federation", Some(&admin)).await;
    assert_eq!(
        status.json["queue"]["changes_failing"], 0,
        "{}",
        status.body
    );
}

/// A change the worker cannot turn into deliveries (here the database refuses to store the
/// activity) stays, counted and shown with its error, is tried again, and goes out once the
/// cause is gone.
async fn a_failing_change_is_retried_not_dropped(backend: Backend) {
    let fleet = Fleet::start(backend, &["a.test", "b.test"]).await;
    let (a, b) = (&fleet.nodes[0], &fleet.nodes[1]);
    let (channel, admin) = followed_neighbourhood(a, b).await;
    let refuse = match backend {
        Backend::Postgres => {
            "CREATE FUNCTION refuse_activity() RETURNS trigger AS $$
               BEGIN RAISE EXCEPTION 'no room for activities (test)'; END $$ LANGUAGE plpgsql;
             CREATE TRIGGER refuse_activity BEFORE INSERT ON outgoing_activities
               FOR EACH ROW EXECUTE FUNCTION refuse_activity();"
        }
        Backend::Sqlite => {
            "CREATE TRIGGER refuse_activity BEFORE INSERT ON outgoing_activities
               BEGIN SELECT RAISE(ABORT, 'no room for activities (test)'); END;"
        }
    };
    a.db().batch_execute(refuse).unwrap();
    let posted = a
        .post(
            &format!("/api/v1/channels/{channel}/posts"),
            json!({ "title": "Mercato contadino", "body": "Sabato in piazza" }),
            Some(&admin),
        )
        .await;
    assert_eq!(posted.status, 201, "{}", posted.body);

    let failing = eventually(60, "the change tried twice", || async {
        let status = a.get("/api/v1/admin/federation", Some(&admin)).await;
        assert_eq!(status.status, 200, "{}", status.body);
        let change = status.json["failing_changes"].get(0)?.clone();
        (change["attempts"].as_i64()? >= 2).then_some((status.json, change))
    })
    .await;
    let (status, change) = failing;
    assert_eq!(change["subject"], "post", "{change}");
    assert_eq!(
        change["subject_id"],
        posted.json["id"].as_str().unwrap(),
        "{change}"
    );
    assert!(
        change["last_error"]
            .as_str()
            .unwrap()
            .contains("no room for activities (test)"),
        "{change}"
    );
    assert_eq!(status["queue"]["changes_failing"], 1, "{status}");
    assert_eq!(arrived(b), 0);

    let drop = match backend {
        Backend::Postgres => "DROP TRIGGER refuse_activity ON outgoing_activities;",
        Backend::Sqlite => "DROP TRIGGER refuse_activity;",
    };
    a.db().batch_execute(drop).unwrap();
    // The pause after the second failure is at most 8 s.
    eventually(60, "the post on b", || async {
        (arrived(b) == 1).then_some(())
    })
    .await;
    let status = a.get("/api/v1/admin/federation", Some(&admin)).await;
    assert_eq!(
        status.json["queue"]["changes_failing"], 0,
        "{}",
        status.body
    );
    assert_eq!(
        status.json["queue"]["changes_waiting"], 0,
        "{}",
        status.body
    );
    assert_eq!(status.json["failing_changes"], json!([]), "{}", status.body);
}

both_backends!(
    concurrent_writers_lose_nothing,
    a_failing_change_is_retried_not_dropped
);
