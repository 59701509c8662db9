//! The permission matrix of ARCHITECTURE.md, role by role: anonymous, resident (signed in, not a
//! member), member, moderator of another channel, channel moderator through an organisation,
//! facilitator and admin. Each allowed action succeeds; each other one is refused (401 for
//! anonymous, 403 for the signed-in, 404 where even the existence is hidden) and changes
//! nothing.

use comune_tests::{both_backends, Backend, Reply, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(each_role_may_do_what_the_matrix_says_and_nothing_more);

struct Roles {
    anonymous: Option<String>,
    resident: Option<String>,
    member: Option<String>,
    other_moderator: Option<String>,
    org_moderator: Option<String>,
    facilitator: Option<String>,
    admin: Option<String>,
}

impl Roles {
    fn all(&self) -> [(&'static str, Option<&str>); 7] {
        [
            ("anonymous", self.anonymous.as_deref()),
            ("resident", self.resident.as_deref()),
            ("member", self.member.as_deref()),
            (
                "moderator of another channel",
                self.other_moderator.as_deref(),
            ),
            (
                "moderator through an organisation",
                self.org_moderator.as_deref(),
            ),
            ("facilitator", self.facilitator.as_deref()),
            ("admin", self.admin.as_deref()),
        ]
    }
}

/// What each role should get, in the order of [`Roles::all`]: `true` allowed, `false` refused.
type Expect = [bool; 7];

async fn check(
    s: &TestServer,
    roles: &Roles,
    what: &str,
    expect: Expect,
    mut act: impl FnMut(Option<String>) -> (Method, String, Option<Value>),
    refused_status: u16,
) -> Vec<Reply> {
    let mut allowed = Vec::new();
    for ((role, token), ok) in roles.all().into_iter().zip(expect) {
        let (method, path, body) = act(token.map(str::to_owned));
        let reply = s.send(method, &path, body, token).await;
        if ok {
            assert!(
                reply.status < 300,
                "{what}: {role} should be allowed, got {} {}",
                reply.status,
                reply.body
            );
            allowed.push(reply);
        } else {
            // Hidden things stay hidden from anonymous readers too.
            let expected = if token.is_none() && refused_status != 404 {
                401
            } else {
                refused_status
            };
            assert_eq!(
                reply.status, expected,
                "{what}: {role} should be refused: {}",
                reply.body
            );
        }
    }
    allowed
}

/// The channel's own account of what each role may do there (`can_post`, `can_moderate`), which
/// clients use to show or hide forms: it must match what the server then allows.
async fn rights_match(s: &TestServer, roles: &Roles, channel: &str, field: &str, expect: Expect) {
    for ((role, token), ok) in roles.all().into_iter().zip(expect) {
        let reply = s.get(&format!("/api/v1/channels/{channel}"), token).await;
        assert_eq!(reply.status, 200, "{role}: {}", reply.body);
        assert_eq!(reply.json[field], ok, "{field} for {role}: {}", reply.body);
    }
}

async fn each_role_may_do_what_the_matrix_says_and_nothing_more(backend: Backend) {
    let s = TestServer::start(backend);
    let admin = s.admin_token("sindaca").await;
    s.post(
        "/api/v1/communities",
        json!({ "slug": "coviolo", "name": "Coviolo" }),
        Some(&admin),
    )
    .await;
    let facilitator = s.token("architetta").await;
    s.send(
        Method::PUT,
        "/api/v1/communities/coviolo/facilitators/architetta",
        None,
        Some(&admin),
    )
    .await;
    let resident = s.token("residente").await;
    let member = s.token("socia").await;
    let other_moderator = s.token("moderatore").await;
    let org_moderator = s.token("presidente").await;
    for t in [&member, &other_moderator, &org_moderator] {
        s.post("/api/v1/communities/coviolo/members", json!({}), Some(t))
            .await;
    }
    let org = s
        .post(
            "/api/v1/organizations",
            json!({ "slug": "circolo", "name": "Circolo", "kind": "association" }),
            Some(&org_moderator),
        )
        .await;
    assert_eq!(org.status, 201, "{}", org.body);
    let mut channel_ids = Vec::new();
    for (slug, kind, visibility) in [
        ("piazza", "dialogue", "public"),
        ("altro", "dialogue", "public"),
        ("soci", "dialogue", "members"),
        ("percorso", "codesign", "public"),
    ] {
        let c = s
            .post(
                "/api/v1/communities/coviolo/channels",
                json!({ "slug": slug, "name": slug, "kind": kind, "visibility": visibility }),
                Some(&facilitator),
            )
            .await;
        assert_eq!(c.status, 201, "{}", c.body);
        channel_ids.push(c.json["id"].as_str().unwrap().to_owned());
    }
    let (piazza, altro, soci, percorso) = (
        channel_ids[0].clone(),
        channel_ids[1].clone(),
        channel_ids[2].clone(),
        channel_ids[3].clone(),
    );
    for (channel, target) in [
        (&altro, "moderatore"),
        (&piazza, "org:circolo"),
        (&percorso, "org:circolo"),
    ] {
        let appointed = s
            .send(
                Method::PUT,
                &format!("/api/v1/channels/{channel}/moderators/{target}"),
                None,
                Some(&facilitator),
            )
            .await;
        assert_eq!(appointed.status, 204, "{}", appointed.body);
    }
    let roles = Roles {
        anonymous: None,
        resident: Some(resident.clone()),
        member: Some(member.clone()),
        other_moderator: Some(other_moderator.clone()),
        org_moderator: Some(org_moderator.clone()),
        facilitator: Some(facilitator.clone()),
        admin: Some(admin.clone()),
    };
    let post = s
        .post(
            &format!("/api/v1/channels/{piazza}/posts"),
            json!({ "title": "Il campo da bocce" }),
            Some(&member),
        )
        .await;
    let post_id = post.json["id"].as_str().unwrap().to_owned();

    // Reading public channels: everyone.
    check(
        &s,
        &roles,
        "read a public feed",
        [true; 7],
        |_| {
            (
                Method::GET,
                format!("/api/v1/channels/{piazza}/posts"),
                None,
            )
        },
        403,
    )
    .await;
    // Members-only channels: members and up; others do not even learn they exist.
    check(
        &s,
        &roles,
        "read a members-only feed",
        [false, false, true, true, true, true, true],
        |_| (Method::GET, format!("/api/v1/channels/{soci}/posts"), None),
        404,
    )
    .await;
    // Posting and commenting: members (moderators and facilitators here are members too).
    let written = check(
        &s,
        &roles,
        "post in a public channel",
        [false, false, true, true, true, true, true],
        |_| {
            (
                Method::POST,
                format!("/api/v1/channels/{piazza}/posts"),
                Some(json!({ "title": "Una proposta" })),
            )
        },
        403,
    )
    .await;
    assert_eq!(written.len(), 5);
    let may_post = [false, false, true, true, true, true, true];
    rights_match(&s, &roles, &piazza, "can_post", may_post).await;
    check(
        &s,
        &roles,
        "comment",
        [false, false, true, true, true, true, true],
        |_| {
            (
                Method::POST,
                format!("/api/v1/posts/{post_id}/comments"),
                Some(json!({ "body": "D'accordo" })),
            )
        },
        403,
    )
    .await;
    // Editing a post: its author only.
    check(
        &s,
        &roles,
        "edit someone's post",
        [false, false, true, false, false, false, false],
        |_| {
            (
                Method::PATCH,
                format!("/api/v1/posts/{post_id}"),
                Some(json!({ "title": "Il campo da bocce nuovo" })),
            )
        },
        403,
    )
    .await;
    let title = s.get(&format!("/api/v1/posts/{post_id}"), None).await.json["title"].clone();
    assert_eq!(
        title, "Il campo da bocce nuovo",
        "only the author's edit took"
    );

    // Moderating the channel: its moderators (here through the organisation), facilitators and
    // admins; the moderator of another channel is refused, and nothing changes.
    let moderates = [false, false, false, false, true, true, true];
    rights_match(&s, &roles, &piazza, "can_moderate", moderates).await;
    // Opening a co-design process is for the channel's moderators, so is posting there.
    rights_match(&s, &roles, &percorso, "can_post", moderates).await;
    let lock = |action: &str| json!({ "action": action, "target": { "kind": "post", "id": post_id }, "reason": "Verifica" });
    for action in ["lock", "pin"] {
        let undo = if action == "lock" { "unlock" } else { "unpin" };
        for ((role, token), ok) in roles
            .all()
            .into_iter()
            .zip([false, false, false, false, true, true, true])
        {
            let reply = s
                .post("/api/v1/moderation/actions", lock(action), token)
                .await;
            if ok {
                assert!(reply.status < 300, "{action}: {role}: {}", reply.body);
                let undone = s
                    .post("/api/v1/moderation/actions", lock(undo), token)
                    .await;
                assert!(undone.status < 300, "{undo}: {role}: {}", undone.body);
            } else {
                let expected = if token.is_none() { 401 } else { 403 };
                assert_eq!(reply.status, expected, "{action}: {role}: {}", reply.body);
                let view = s.get(&format!("/api/v1/posts/{post_id}"), None).await;
                assert_eq!(view.json["locked"], false, "{role} changed it");
                assert_eq!(view.json["pinned"], false, "{role} changed it");
            }
        }
    }
    check(
        &s,
        &roles,
        "read the moderation queue",
        [false, false, false, true, true, true, true],
        |_| {
            (
                Method::GET,
                "/api/v1/communities/coviolo/reports".into(),
                None,
            )
        },
        403,
    )
    .await;
    // Banning from the community: facilitators and admins (channel moderators moderate content).
    let ban = |action: &str| json!({ "action": action, "target": { "kind": "account", "id": "socia", "community": "coviolo" }, "reason": "Prova" });
    for ((role, token), ok) in roles
        .all()
        .into_iter()
        .zip([false, false, false, false, false, true, true])
    {
        if role == "member" {
            continue; // The member is the one banned.
        }
        let reply = s
            .post("/api/v1/moderation/actions", ban("ban"), token)
            .await;
        if ok {
            assert!(reply.status < 300, "ban: {role}: {}", reply.body);
            let lifted = s
                .post("/api/v1/moderation/actions", ban("unban"), token)
                .await;
            assert!(lifted.status < 300, "unban: {role}: {}", lifted.body);
        } else {
            let expected = if token.is_none() { 401 } else { 403 };
            assert_eq!(reply.status, expected, "ban: {role}: {}", reply.body);
        }
        let still = s
            .post(
                &format!("/api/v1/posts/{post_id}/comments"),
                json!({ "body": "Ci sono ancora" }),
                Some(&member),
            )
            .await;
        assert_eq!(
            still.status, 201,
            "after {role}'s try the member still writes"
        );
    }

    // Co-design phases: the channel's moderators (through the organisation), facilitators,
    // admins.
    let process = s
        .post(
            &format!("/api/v1/channels/{percorso}/posts"),
            json!({ "title": "La piazza che vogliamo" }),
            Some(&facilitator),
        )
        .await;
    let process_id = process.json["id"].as_str().unwrap().to_owned();
    let phases = ["ideas", "proposals", "decision"];
    let mut next = phases.iter();
    for ((role, token), ok) in roles
        .all()
        .into_iter()
        .zip([false, false, false, false, true, true, true])
    {
        let to = if ok { *next.next().unwrap() } else { "ideas" };
        let reply = s
            .post(
                &format!("/api/v1/posts/{process_id}/phase"),
                json!({ "to": to }),
                token,
            )
            .await;
        if ok {
            assert!(reply.status < 300, "phase: {role}: {}", reply.body);
        } else {
            let expected = if token.is_none() { 401 } else { 403 };
            assert_eq!(reply.status, expected, "phase: {role}: {}", reply.body);
            let view = s.get(&format!("/api/v1/posts/{process_id}"), None).await;
            assert_eq!(view.json["process"]["phase"], "needs", "{role} moved it");
        }
    }

    // Channels and moderators: facilitators and admins.
    let mut n = 0;
    check(
        &s,
        &roles,
        "create a channel",
        [false, false, false, false, false, true, true],
        |_| {
            n += 1;
            (
                Method::POST,
                "/api/v1/communities/coviolo/channels".into(),
                Some(json!({ "slug": format!("nuovo-{n}"), "name": "Nuovo", "kind": "dialogue" })),
            )
        },
        403,
    )
    .await;
    check(
        &s,
        &roles,
        "appoint a moderator",
        [false, false, false, false, false, true, true],
        |_| {
            (
                Method::PUT,
                format!("/api/v1/channels/{piazza}/moderators/residente"),
                None,
            )
        },
        403,
    )
    .await;
    // Communities and facilitators: admins only.
    let mut n = 0;
    check(
        &s,
        &roles,
        "create a community",
        [false, false, false, false, false, false, true],
        |_| {
            n += 1;
            (
                Method::POST,
                "/api/v1/communities".into(),
                Some(json!({ "slug": format!("quartiere-{n}"), "name": "Quartiere" })),
            )
        },
        403,
    )
    .await;
    check(
        &s,
        &roles,
        "appoint a facilitator",
        [false, false, false, false, false, false, true],
        |_| {
            (
                Method::PUT,
                "/api/v1/communities/coviolo/facilitators/residente".into(),
                None,
            )
        },
        403,
    )
    .await;
    let communities = s.get("/api/v1/communities", None).await;
    assert_eq!(
        communities.json["items"].as_array().unwrap().len(),
        2,
        "only the admin's community was created"
    );
}
