//! `communities.followers_version` moves with every change of who follows a community and of
//! where they receive, whichever code or cascade makes it: the federation crate keeps each
//! community's follower inboxes under that number (`FedData::follower_inboxes`), so a change it
//! missed would leave a new follower without announces, or keep sending to one who left. Kept
//! by triggers (migrations/*/2026-12-01-000012_followers_version), checked on both backends.

use comune_domain::communities::Community;
use comune_domain::db::{self, DatabaseUrl, DbConnection};
use comune_domain::peers::remote::{self, RemoteActor};
use comune_domain::schema::{accounts, communities, community_members};
use comune_tests::{Backend, TestDb};
use diesel::prelude::*;

fn actor(name: &str, host: &str, shared: Option<&str>) -> RemoteActor {
    RemoteActor {
        ap_id: format!("https://{host}/u/{name}"),
        name: name.into(),
        host: host.into(),
        display_name: name.into(),
        summary: String::new(),
        inbox: format!("https://{host}/u/{name}/inbox"),
        shared_inbox: shared.map(str::to_owned),
        public_key_pem: "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n".into(),
    }
}

fn version(conn: &mut DbConnection, community: &Community) -> i64 {
    communities::table
        .find(&community.id)
        .select(communities::followers_version)
        .first(conn)
        .unwrap()
}

/// Runs `change` and answers by how much each community's version moved.
fn moved(
    conn: &mut DbConnection,
    of: [&Community; 2],
    change: impl FnOnce(&mut DbConnection),
) -> [i64; 2] {
    let before = of.map(|c| version(conn, c));
    change(conn);
    let after = of.map(|c| version(conn, c));
    [after[0] - before[0], after[1] - before[1]]
}

fn versions_follow_followers(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let test_db = TestDb::create(backend, dir.path());
    let mut conn = DatabaseUrl::parse(&test_db.url).unwrap().connect().unwrap();
    db::migrate(&mut conn).unwrap();
    let conn = &mut conn;
    let a = remote::upsert_group(conn, &actor("a", "groups.test", None), &[]).unwrap();
    let b = remote::upsert_group(conn, &actor("b", "groups.test", None), &[]).unwrap();
    assert_eq!(a.followers_version, version(conn, &a));
    let ann = remote::upsert_person(conn, &actor("ann", "one.test", None)).unwrap();
    let bob = remote::upsert_person(
        conn,
        &actor("bob", "two.test", Some("https://two.test/inbox")),
    )
    .unwrap();
    let both = [&a, &b];

    // A follower arrives: only that community moves.
    assert!(
        moved(conn, both, |c| remote::add_follower(c, &a.id, &ann.id)
            .unwrap())[0]
            > 0
    );
    assert_eq!(
        moved(conn, both, |c| remote::add_follower(c, &b.id, &bob.id)
            .unwrap()),
        [0, 1]
    );
    assert_eq!(
        remote::follower_inboxes(conn, &a.id).unwrap(),
        ["https://one.test/u/ann/inbox"]
    );
    // Following again, or a change that keeps who receives (a role, a ban's date), moves nothing.
    assert_eq!(
        moved(conn, both, |c| remote::add_follower(c, &a.id, &ann.id)
            .unwrap()),
        [0, 0]
    );
    assert_eq!(
        moved(conn, both, |c| {
            diesel::update(
                community_members::table.filter(community_members::account_id.eq(&ann.id)),
            )
            .set(community_members::role.eq("facilitator"))
            .execute(c)
            .unwrap();
        }),
        [0, 0]
    );
    // A pending follow is not a follower yet; its acceptance is.
    assert_eq!(
        moved(conn, both, |c| {
            diesel::insert_into(community_members::table)
                .values((
                    community_members::community_id.eq(&a.id),
                    community_members::account_id.eq(&bob.id),
                    community_members::role.eq("member"),
                    community_members::follow_state.eq("pending"),
                    community_members::created_at.eq(chrono::Utc::now().naive_utc()),
                ))
                .execute(c)
                .unwrap();
        }),
        [0, 0]
    );
    assert_eq!(
        moved(conn, both, |c| assert!(remote::follow_accepted(
            c, &a.id, &bob.id
        )
        .unwrap())),
        [1, 0]
    );
    // A follower's inboxes change (their instance now has a shared inbox): every community they
    // follow moves; a change of their name does not.
    let moved_by_inbox = moved(conn, both, |c| {
        remote::upsert_person(
            c,
            &actor("bob", "two.test", Some("https://two.test/shared")),
        )
        .unwrap();
    });
    assert!(moved_by_inbox.iter().all(|&m| m > 0), "{moved_by_inbox:?}");
    assert_eq!(
        moved(conn, both, |c| {
            diesel::update(accounts::table.find(&bob.id))
                .set(accounts::display_name.eq("Bob B."))
                .execute(c)
                .unwrap();
        }),
        [0, 0]
    );
    assert_eq!(
        remote::follower_inboxes(conn, &b.id).unwrap(),
        ["https://two.test/shared"]
    );
    // A follower leaves; a whole account goes (its memberships cascade).
    assert_eq!(
        moved(conn, both, |c| remote::remove_follower(c, &a.id, &ann.id)
            .unwrap()),
        [1, 0]
    );
    let gone = moved(conn, both, |c| {
        diesel::delete(accounts::table.find(&bob.id))
            .execute(c)
            .unwrap();
    });
    assert!(gone.iter().all(|&m| m > 0), "{gone:?}");
    assert!(remote::follower_inboxes(conn, &a.id).unwrap().is_empty());
    assert!(remote::follower_inboxes(conn, &b.id).unwrap().is_empty());
}

mod sqlite {
    #[test]
    fn followers_version_follows_followers() {
        super::versions_follow_followers(comune_tests::Backend::Sqlite);
    }
}

mod postgres {
    #[test]
    fn followers_version_follows_followers() {
        super::versions_follow_followers(comune_tests::Backend::Postgres);
    }
}
