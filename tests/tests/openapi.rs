//! The OpenAPI document: valid OpenAPI 3.1 (checked by an independent validator), and every
//! `/api/v1` operation documented with its request, response and error schemas.

use std::process::Command;

use comune_tests::{mail, Backend, TestServer};
use serde_json::Value;

const EXPECTED: &[(&str, &str)] = &[
    ("post", "/api/v1/accounts"),
    ("get", "/api/v1/me"),
    ("post", "/api/v1/auth/login"),
    ("get", "/api/v1/resolve"),
    ("get", "/api/v1/admin/federation"),
    ("put", "/api/v1/admin/federation/policy"),
    ("get", "/api/v1/admin/federation/instances"),
    ("put", "/api/v1/admin/federation/instances/{host}"),
    ("post", "/api/v1/auth/refresh"),
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/auth/verify-email"),
    ("post", "/api/v1/auth/verify-email/resend"),
    ("post", "/api/v1/auth/password-reset"),
    ("post", "/api/v1/auth/password-reset/confirm"),
    ("get", "/api/v1/communities"),
    ("post", "/api/v1/communities"),
    ("get", "/api/v1/communities/{slug}"),
    ("post", "/api/v1/communities/{slug}/members"),
    ("delete", "/api/v1/communities/{slug}/members"),
    ("put", "/api/v1/communities/{slug}/facilitators/{username}"),
    ("get", "/api/v1/communities/{slug}/channels"),
    ("post", "/api/v1/communities/{slug}/channels"),
    ("get", "/api/v1/channels/{id}"),
    ("put", "/api/v1/channels/{id}/moderators/{target}"),
    ("delete", "/api/v1/channels/{id}/moderators/{target}"),
    ("get", "/api/v1/organizations"),
    ("post", "/api/v1/organizations"),
    ("get", "/api/v1/organizations/{slug}"),
    ("put", "/api/v1/organizations/{slug}/members/{username}"),
    ("delete", "/api/v1/organizations/{slug}/members/{username}"),
    ("get", "/api/v1/channels/{id}/posts"),
    ("post", "/api/v1/channels/{id}/posts"),
    ("get", "/api/v1/posts/{id}"),
    ("patch", "/api/v1/posts/{id}"),
    ("delete", "/api/v1/posts/{id}"),
    ("get", "/api/v1/posts/{id}/comments"),
    ("post", "/api/v1/posts/{id}/comments"),
    ("get", "/api/v1/comments/{id}"),
    ("patch", "/api/v1/comments/{id}"),
    ("delete", "/api/v1/comments/{id}"),
    ("post", "/api/v1/posts/{id}/reactions"),
    ("delete", "/api/v1/posts/{id}/reactions"),
    ("post", "/api/v1/posts/{id}/rsvp"),
    ("delete", "/api/v1/posts/{id}/rsvp"),
    ("post", "/api/v1/posts/{id}/cancellation"),
    ("get", "/api/v1/posts/{id}/proposals"),
    ("post", "/api/v1/posts/{id}/proposals"),
    ("post", "/api/v1/posts/{id}/phase"),
    ("post", "/api/v1/posts/{id}/outcome"),
    ("get", "/api/v1/instance"),
    ("get", "/api/v1/listing-categories"),
    ("get", "/api/v1/posts/{id}/offers"),
    ("post", "/api/v1/posts/{id}/offers"),
    ("delete", "/api/v1/posts/{id}/offers/{offer_id}"),
    ("get", "/api/v1/communities/{slug}/events.ics"),
    ("get", "/api/v1/posts/{id}/event.ics"),
    ("post", "/api/v1/reports"),
    ("get", "/api/v1/communities/{slug}/reports"),
    ("post", "/api/v1/moderation/actions"),
    ("get", "/api/v1/communities/{slug}/modlog"),
    ("get", "/api/v1/search"),
    ("get", "/api/v1/notifications"),
    ("post", "/api/v1/notifications/read"),
    ("get", "/api/v1/me/notification-settings"),
    ("put", "/api/v1/me/notification-settings"),
    ("get", "/api/v1/unsubscribe"),
    ("post", "/api/v1/unsubscribe"),
    ("post", "/api/v1/media"),
    ("patch", "/api/v1/media/{id}"),
    ("delete", "/api/v1/media/{id}"),
    ("put", "/api/v1/me/avatar"),
    ("delete", "/api/v1/me/avatar"),
    ("put", "/api/v1/communities/{slug}/banner"),
    ("delete", "/api/v1/communities/{slug}/banner"),
    ("post", "/api/v1/me/keys"),
    ("get", "/api/v1/me/keys"),
    ("delete", "/api/v1/me/keys/{id}"),
    ("get", "/api/v1/communities/{slug}/accords"),
    ("post", "/api/v1/communities/{slug}/accords"),
    ("get", "/api/v1/accords/{id}"),
    ("post", "/api/v1/accords/{id}/versions"),
    ("get", "/api/v1/accords/{id}/versions"),
    ("get", "/api/v1/accords/{id}/versions/{n}"),
    ("get", "/api/v1/accords/{id}/versions/{a}/diff/{b}"),
    ("post", "/api/v1/accords/{id}/transitions"),
    ("post", "/api/v1/accords/{id}/versions/{n}/signatures"),
    ("get", "/api/v1/accords/{id}/signatures"),
    ("get", "/api/v1/accords/{id}/bundle"),
];

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn openapi_document_is_valid_and_complete() {
        super::check(super::Backend::Sqlite).await
    }
}

async fn check(backend: Backend) {
    let server = TestServer::start(backend);
    let reply = server.get("/api/openapi.json", None).await;
    assert_eq!(reply.status, 200);
    let doc = &reply.json;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["license"]["identifier"], "AGPL-3.0-or-later");

    // An independent validator of the OpenAPI 3.1 specification.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, &reply.body).unwrap();
    let output = Command::new(mail::python())
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", mail::python()));
    assert!(
        output.status.success(),
        "openapi-spec-validator refused the document (install it with the README's test \
         command):\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );

    let paths = doc["paths"].as_object().unwrap();
    let mut operations = Vec::new();
    for (path, item) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        for (method, op) in item.as_object().unwrap() {
            operations.push((method.clone(), path.clone()));
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path} documents no success"
            );
            let errors: Vec<_> = responses
                .iter()
                .filter(|(s, _)| s.starts_with('4'))
                .collect();
            // The instance's description comes from its settings and takes no input: nothing
            // to refuse.
            let cannot_fail = ["/api/v1/instance"];
            assert!(
                !errors.is_empty() || cannot_fail.contains(&path.as_str()),
                "{method} {path} documents no error"
            );
            for (status, response) in errors {
                let schema = &response["content"]["application/problem+json"]["schema"]["$ref"];
                assert_eq!(
                    schema, "#/components/schemas/Problem",
                    "{method} {path} {status} is not a problem document"
                );
            }
            let bodiless = ["/members", "/reactions", "/rsvp", "/unsubscribe"];
            if method == "post" && !bodiless.iter().any(|b| path.ends_with(b)) {
                // JSON, except uploads, which are multipart forms.
                let content = &op["requestBody"]["content"];
                let body = if path == "/api/v1/media" {
                    &content["multipart/form-data"]["schema"]
                } else {
                    &content["application/json"]["schema"]
                };
                assert!(!body.is_null(), "{method} {path} documents no request body");
            }
            if op.get("security").is_some() {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path}: signed-in but no 401"
                );
            }
        }
    }
    let mut expected: Vec<_> = EXPECTED
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    expected.sort();
    operations.sort();
    assert_eq!(operations, expected, "documented operations");
    let problem = &doc["components"]["schemas"]["Problem"];
    for field in ["type", "status", "title", "detail", "code"] {
        assert!(
            problem["required"]
                .as_array()
                .unwrap()
                .contains(&Value::String(field.into())),
            "Problem.{field} required"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}
