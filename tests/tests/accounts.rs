//! Registration, verification, sign-in, sessions and password reset over real HTTP, with every
//! step's failure modes.

use comune_tests::mail::{self, SmtpSink};
use comune_tests::{both_backends, Backend, TestServer, STRONG_PASSWORD};
use serde_json::json;

both_backends!(
    full_flow_through_the_mail_folder,
    verification_mail_over_real_smtp,
    duplicates_are_conflicts,
    weak_and_invalid_input_gets_field_errors,
    wrong_password_and_unknown_user_answer_alike,
    sign_in_waits_for_a_verified_address,
    expired_and_tampered_access_tokens_are_refused,
    reusing_a_refresh_token_ends_the_session,
    password_reset_by_mail,
    logins_are_throttled_per_account_and_per_client,
    data_survive_a_restart,
);

async fn full_flow_through_the_mail_folder(backend: Backend) {
    let server = TestServer::start(backend);
    let (reply, _) = server.register("maria_rossi").await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.json["username"], "maria_rossi");
    assert_eq!(reply.json["actor_id"], "http://comune.test/u/maria_rossi");
    assert!(reply.json.get("password_hash").is_none() && !reply.body.contains("argon2"));

    let mails = mail::mails_in(&server.mail_dir());
    assert_eq!(mails.len(), 1, "one verification mail");
    assert_eq!(mails[0].to, ["maria_rossi@example.org"]);
    assert_eq!(
        mails[0].subject, "Conferma il tuo indirizzo email",
        "Italian by default"
    );
    let token = mails[0]
        .link_token("verify-email")
        .expect("a link with a token");

    let verified = server
        .post("/api/v1/auth/verify-email", json!({ "token": token }), None)
        .await;
    assert_eq!(verified.status, 204, "{}", verified.body);
    // A verification link works once.
    server
        .post("/api/v1/auth/verify-email", json!({ "token": token }), None)
        .await
        .assert_problem(400, "invalid_token");

    // Sign in by username, in any case, and by email.
    let login = server.login("Maria_Rossi", STRONG_PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.body);
    assert_eq!(login.json["token_type"], "Bearer");
    assert_eq!(login.json["expires_in"], 900);
    let by_email = server
        .login("MARIA_ROSSI@example.org", STRONG_PASSWORD)
        .await;
    assert_eq!(by_email.status, 200, "{}", by_email.body);

    let access = login.json["access_token"].as_str().unwrap();
    let me = server.get("/api/v1/me", Some(access)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json["username"], "maria_rossi");
    assert_eq!(me.json["display_name"], "maria_rossi tester");
    assert_eq!(me.json["email"], "maria_rossi@example.org");
    assert_eq!(me.json["email_verified"], true);
    assert_eq!(me.json["roles"], json!([]));
    assert!(!me.body.contains("argon2") && !me.body.contains("hash"));

    // Refresh: a new pair, and the new access token works.
    let refresh = login.json["refresh_token"].as_str().unwrap();
    let refreshed = server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": refresh }),
            None,
        )
        .await;
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    let new_refresh = refreshed.json["refresh_token"].as_str().unwrap();
    assert_ne!(new_refresh, refresh);
    let new_access = refreshed.json["access_token"].as_str().unwrap();
    assert_eq!(server.get("/api/v1/me", Some(new_access)).await.status, 200);

    // Logout ends the session: its refresh token and its access tokens stop working.
    let logout = server
        .post(
            "/api/v1/auth/logout",
            json!({ "refresh_token": new_refresh }),
            None,
        )
        .await;
    assert_eq!(logout.status, 204, "{}", logout.body);
    server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": new_refresh }),
            None,
        )
        .await
        .assert_problem(401, "invalid_refresh_token");
    server
        .get("/api/v1/me", Some(new_access))
        .await
        .assert_problem(401, "unauthorized");
    // The other session (signed in by email) is untouched.
    let other = by_email.json["access_token"].as_str().unwrap();
    assert_eq!(server.get("/api/v1/me", Some(other)).await.status, 200);
    // Logging out with a token that never existed is refused.
    server
        .post(
            "/api/v1/auth/logout",
            json!({ "refresh_token": "nope" }),
            None,
        )
        .await
        .assert_problem(401, "invalid_refresh_token");
}

async fn verification_mail_over_real_smtp(backend: Backend) {
    let sink = SmtpSink::start();
    let server = TestServer::start_with(backend, |s| s.smtp_url = Some(sink.url()));
    let reply = server
        .post(
            "/api/v1/accounts",
            json!({
                "username": "john_smith",
                "email": "john@example.org",
                "password": STRONG_PASSWORD,
                "locale": "en",
            }),
            None,
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    // The server awaits the SMTP exchange before answering, so the mail is there now.
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "one mail through SMTP");
    assert_eq!(mails[0].to, ["john@example.org"]);
    assert_eq!(mails[0].subject, "Confirm your email address");
    assert!(
        mails[0].raw.contains("From: Comune <noreply@comune.test>"),
        "{}",
        mails[0].raw
    );
    assert!(
        mail::mails_in(&server.mail_dir()).is_empty(),
        "nothing written to the folder when SMTP is set"
    );
    let token = mails[0].link_token("verify-email").unwrap();
    let verified = server
        .post("/api/v1/auth/verify-email", json!({ "token": token }), None)
        .await;
    assert_eq!(verified.status, 204, "{}", verified.body);
    assert_eq!(
        server.login("john_smith", STRONG_PASSWORD).await.status,
        200
    );
}

async fn duplicates_are_conflicts(backend: Backend) {
    let server = TestServer::start(backend);
    assert_eq!(server.register("anna").await.0.status, 201);
    let same_name = server
        .post(
            "/api/v1/accounts",
            json!({ "username": "ANNA", "email": "other@example.org", "password": STRONG_PASSWORD }),
            None,
        )
        .await;
    same_name.assert_problem(409, "username_taken");
    let same_email = server
        .post(
            "/api/v1/accounts",
            json!({ "username": "anna2", "email": "Anna@Example.org", "password": STRONG_PASSWORD }),
            None,
        )
        .await;
    same_email.assert_problem(409, "email_taken");
    // Nothing was created by the refused attempts: only anna's mail exists.
    assert_eq!(mail::mails_in(&server.mail_dir()).len(), 1);
    server
        .login("anna2", STRONG_PASSWORD)
        .await
        .assert_problem(401, "invalid_credentials");
}

async fn weak_and_invalid_input_gets_field_errors(backend: Backend) {
    let server = TestServer::start(backend);
    let reply = server
        .post(
            "/api/v1/accounts",
            json!({ "username": "piero", "email": "piero@example.org", "password": "password123" }),
            None,
        )
        .await;
    let problem = reply.assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"]["password"][0]["code"], "too_common");
    assert!(problem["errors"].get("username").is_none());

    let reply = server
        .post(
            "/api/v1/accounts",
            json!({
                "username": "x", "email": "not-an-address", "password": "short",
                "locale": "fr", "display_name": "bad\u{0007}name"
            }),
            None,
        )
        .await;
    let errors = &reply.assert_problem(422, "validation_failed")["errors"];
    assert_eq!(errors["username"][0]["code"], "length");
    assert_eq!(errors["email"][0]["code"], "invalid");
    assert_eq!(errors["password"][0]["code"], "too_short");
    assert_eq!(errors["locale"][0]["code"], "unsupported");
    assert_eq!(errors["display_name"][0]["code"], "characters");
    // A password made of the person's own name is refused too.
    let reply = server
        .post(
            "/api/v1/accounts",
            json!({ "username": "giuseppe_verdi", "email": "gv@example.org", "password": "giuseppe_verdi1" }),
            None,
        )
        .await;
    assert_eq!(
        reply.assert_problem(422, "validation_failed")["errors"]["password"][0]["code"],
        "too_common"
    );
    assert!(
        mail::mails_in(&server.mail_dir()).is_empty(),
        "no account, no mail"
    );
}

async fn wrong_password_and_unknown_user_answer_alike(backend: Backend) {
    let server = TestServer::start(backend);
    server.signed_in("lucia").await;
    let wrong = server.login("lucia", "tegola-viola-ponte-43").await;
    let unknown = server.login("nobody_here", STRONG_PASSWORD).await;
    let unknown_email = server.login("nobody@example.org", STRONG_PASSWORD).await;
    for reply in [&wrong, &unknown, &unknown_email] {
        reply.assert_problem(401, "invalid_credentials");
    }
    assert_eq!(
        wrong.body, unknown.body,
        "no hint whether the account exists"
    );
    assert_eq!(wrong.body, unknown_email.body);
}

async fn sign_in_waits_for_a_verified_address(backend: Backend) {
    let server = TestServer::start(backend);
    server.register("paolo").await;
    server
        .login("paolo", STRONG_PASSWORD)
        .await
        .assert_problem(403, "email_not_verified");
    // Asking again sends a fresh link; the first one is then void.
    let first = mail::token_in_folder(&server.mail_dir(), "paolo@example.org", "verify-email");
    let resend = server
        .post(
            "/api/v1/auth/verify-email/resend",
            json!({ "email": "paolo@example.org" }),
            None,
        )
        .await;
    assert_eq!(resend.status, 202);
    let unknown = server
        .post(
            "/api/v1/auth/verify-email/resend",
            json!({ "email": "ghost@example.org" }),
            None,
        )
        .await;
    assert_eq!(unknown.status, 202, "same answer for unknown addresses");
    let mails = mail::mails_in(&server.mail_dir());
    assert_eq!(mails.len(), 2);
    let second = mails[1].link_token("verify-email").unwrap();
    assert_ne!(first, second);
    server
        .post("/api/v1/auth/verify-email", json!({ "token": first }), None)
        .await
        .assert_problem(400, "invalid_token");
    let ok = server
        .post(
            "/api/v1/auth/verify-email",
            json!({ "token": second }),
            None,
        )
        .await;
    assert_eq!(ok.status, 204);
    assert_eq!(server.login("paolo", STRONG_PASSWORD).await.status, 200);
}

async fn expired_and_tampered_access_tokens_are_refused(backend: Backend) {
    let server = TestServer::start(backend);
    let tokens = server.signed_in("elena").await;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(server.get("/api/v1/me", Some(access)).await.status, 200);

    // Same claims, expired an hour ago, signed with the server's key.
    let claims: serde_json::Value = jsonwebtoken::dangerous::insecure_decode(access)
        .unwrap()
        .claims;
    let mut expired = claims.clone();
    expired["exp"] = json!(chrono::Utc::now().timestamp() - 3600);
    let expired = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &expired,
        &jsonwebtoken::EncodingKey::from_secret(comune_tests::JWT_SECRET.as_bytes()),
    )
    .unwrap();
    server
        .get("/api/v1/me", Some(&expired))
        .await
        .assert_problem(401, "token_expired");

    // Another account's id in the payload, original signature: refused.
    let mut parts: Vec<String> = access.split('.').map(str::to_owned).collect();
    use base64::Engine;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut forged = claims.clone();
    forged["sub"] = json!(uuid::Uuid::now_v7().to_string());
    parts[1] = engine.encode(serde_json::to_vec(&forged).unwrap());
    let tampered = parts.join(".");
    server
        .get("/api/v1/me", Some(&tampered))
        .await
        .assert_problem(401, "unauthorized");
    // Signed with another key; the `none` algorithm; garbage; no scheme.
    let other_key = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(b"another-secret-another-secret-000"),
    )
    .unwrap();
    let none_alg = format!(
        "{}.{}.",
        engine.encode(br#"{"alg":"none","typ":"JWT"}"#),
        parts[1]
    );
    for bad in [other_key.as_str(), none_alg.as_str(), "garbage", ""] {
        let reply = server.get("/api/v1/me", Some(bad)).await;
        reply.assert_problem(401, "unauthorized");
        assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    }
    let raw = server
        .client
        .get(server.url("/api/v1/me"))
        .header("authorization", access)
        .send()
        .await
        .unwrap();
    assert_eq!(
        raw.status(),
        401,
        "a token without the Bearer scheme is refused"
    );
    server
        .get("/api/v1/me", None)
        .await
        .assert_problem(401, "unauthorized");
}

async fn reusing_a_refresh_token_ends_the_session(backend: Backend) {
    let server = TestServer::start(backend);
    let tokens = server.signed_in("giorgio").await;
    let first = tokens["refresh_token"].as_str().unwrap();
    let rotated = server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": first }),
            None,
        )
        .await;
    assert_eq!(rotated.status, 200);
    let second = rotated.json["refresh_token"].as_str().unwrap();
    let second_access = rotated.json["access_token"].as_str().unwrap();

    // An attacker replays the first token: refused, and the whole family is revoked.
    server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": first }),
            None,
        )
        .await
        .assert_problem(401, "refresh_token_reused");
    server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": second }),
            None,
        )
        .await
        .assert_problem(401, "invalid_refresh_token");
    server
        .get("/api/v1/me", Some(second_access))
        .await
        .assert_problem(401, "unauthorized");
    // Signing in again starts a fresh session.
    let again = server.login("giorgio", STRONG_PASSWORD).await;
    assert_eq!(again.status, 200);
    let access = again.json["access_token"].as_str().unwrap();
    assert_eq!(server.get("/api/v1/me", Some(access)).await.status, 200);
}

async fn password_reset_by_mail(backend: Backend) {
    let server = TestServer::start(backend);
    let old_session = server.signed_in("franca").await;
    let asked = server
        .post(
            "/api/v1/auth/password-reset",
            json!({ "email": "franca@example.org" }),
            None,
        )
        .await;
    assert_eq!(asked.status, 202);
    let unknown = server
        .post(
            "/api/v1/auth/password-reset",
            json!({ "email": "ghost@example.org" }),
            None,
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.body.as_str()),
        (202, asked.body.as_str())
    );
    let token = mail::token_in_folder(&server.mail_dir(), "franca@example.org", "reset-password");

    // A weak new password is refused and the token stays usable.
    let weak = server
        .post(
            "/api/v1/auth/password-reset/confirm",
            json!({ "token": token, "password": "12345678901" }),
            None,
        )
        .await;
    weak.assert_problem(422, "validation_failed");
    let new_password = "lampione-giallo-fiume-77";
    let done = server
        .post(
            "/api/v1/auth/password-reset/confirm",
            json!({ "token": token, "password": new_password }),
            None,
        )
        .await;
    assert_eq!(done.status, 204, "{}", done.body);
    server
        .post(
            "/api/v1/auth/password-reset/confirm",
            json!({ "token": token, "password": "another-good-passphrase-9" }),
            None,
        )
        .await
        .assert_problem(400, "invalid_token");
    server
        .post(
            "/api/v1/auth/password-reset/confirm",
            json!({ "token": "made-up", "password": new_password }),
            None,
        )
        .await
        .assert_problem(400, "invalid_token");

    server
        .login("franca", STRONG_PASSWORD)
        .await
        .assert_problem(401, "invalid_credentials");
    assert_eq!(server.login("franca", new_password).await.status, 200);
    // Sessions from before the reset are over.
    let old_refresh = old_session["refresh_token"].as_str().unwrap();
    server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": old_refresh }),
            None,
        )
        .await
        .assert_problem(401, "invalid_refresh_token");
}

async fn logins_are_throttled_per_account_and_per_client(backend: Backend) {
    let server = TestServer::start_with(backend, |s| {
        s.throttle_login_per_account = 3;
        s.throttle_login_per_client = 6;
    });
    server.signed_in("sara").await; // one successful sign-in counts as an attempt
    for _ in 0..2 {
        server
            .login("sara", "wrong-password-000")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    let limited = server.login("sara", STRONG_PASSWORD).await;
    limited.assert_problem(429, "rate_limited");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
    // Case and spacing do not make a new account key.
    server
        .login("  SARA ", STRONG_PASSWORD)
        .await
        .assert_problem(429, "rate_limited");
    // Other accounts from this client still get through, until the client's own limit.
    server
        .login("someone_else", "whatever-password")
        .await
        .assert_problem(401, "invalid_credentials");
    let last = server.login("another_one", "whatever-password").await;
    last.assert_problem(429, "rate_limited");
    assert!(last.header("retry-after").is_some());

    // Registration is throttled per client too.
    let server = TestServer::start_with(backend, |s| s.throttle_register_per_client = 2);
    assert_eq!(server.register("uno").await.0.status, 201);
    assert_eq!(server.register("due").await.0.status, 201);
    server
        .register("tre")
        .await
        .0
        .assert_problem(429, "rate_limited");
}

async fn data_survive_a_restart(backend: Backend) {
    let server = TestServer::start(backend);
    let tokens = server.signed_in("teresa").await;
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    let (data_dir, db, settings) = server.stop().await;

    let server = TestServer::start_settings(settings);
    let login = server.login("teresa", STRONG_PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.body);
    let refreshed = server
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": refresh }),
            None,
        )
        .await;
    assert_eq!(
        refreshed.status, 200,
        "sessions survive a restart: {}",
        refreshed.body
    );
    drop(server);
    drop((db, data_dir));
}
