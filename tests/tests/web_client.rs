//! Serving the built web client: the index for every page the browser routes itself (history API),
//! never cached; hashed assets cached for a year and compressed; API paths, missing assets and
//! other methods stay problems.

use comune_tests::{both_backends, Backend, Reply, TestServer};

both_backends!(
    pages_get_the_index_and_assets_are_cached_and_compressed,
    api_and_missing_assets_stay_problems_with_a_built_client,
);

const INDEX: &str =
    "<!doctype html><title>Comune client</title><script src=\"/assets/index-Ab12Cd.js\"></script>";

/// A folder laid out like `web-client/dist`.
fn built_client() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX).unwrap();
    // Repetitive, like minified JavaScript: compresses well.
    let script = "export function saluta(nome){return `Ciao ${nome}`}\n".repeat(400);
    std::fs::write(dir.path().join("assets/index-Ab12Cd.js"), script).unwrap();
    dir
}

async fn get(server: &TestServer, path: &str, gzip: bool) -> reqwest::Response {
    let mut req = server.client.get(server.url(path));
    if gzip {
        req = req.header("accept-encoding", "gzip");
    }
    req.send().await.unwrap()
}

async fn pages_get_the_index_and_assets_are_cached_and_compressed(backend: Backend) {
    let web = built_client();
    let dir = web.path().to_path_buf();
    let server = TestServer::start_with(backend, move |s| s.web_dir = Some(dir));

    for path in [
        "/",
        "/c/ospizio",
        "/posts/01a208d1-dc3d-73fa-b42c-96535b905b87",
        "/verify-email?token=abc",
        "/sign-in?next=/c/ospizio",
        "/no/such/page",
    ] {
        let reply = Reply::from(get(&server, path, false).await).await;
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.body, INDEX, "{path}");
        assert!(
            reply
                .header("content-type")
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        // A new build must be picked up at the next visit.
        assert_eq!(reply.header("cache-control"), Some("no-cache"), "{path}");
    }

    let plain = get(&server, "/assets/index-Ab12Cd.js", false).await;
    assert_eq!(plain.status(), 200);
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(plain.headers().get("content-encoding").is_none());
    let full = plain.bytes().await.unwrap().len();

    let zipped = get(&server, "/assets/index-Ab12Cd.js", true).await;
    assert_eq!(zipped.status(), 200);
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    assert_eq!(
        zipped.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let small = zipped.bytes().await.unwrap().len();
    assert!(small * 10 < full, "gzip sent {small} bytes of {full}");

    // The index and the API are compressed too when the client asks.
    let index = get(&server, "/c/ospizio", true).await;
    assert_eq!(index.headers()["content-encoding"], "gzip");
    assert_eq!(index.headers()["cache-control"], "no-cache");
    let api = get(&server, "/api/openapi.json", true).await;
    assert_eq!(api.status(), 200);
    assert_eq!(api.headers()["content-encoding"], "gzip");
}

async fn api_and_missing_assets_stay_problems_with_a_built_client(backend: Backend) {
    let web = built_client();
    let dir = web.path().to_path_buf();
    let server = TestServer::start_with(backend, move |s| s.web_dir = Some(dir));

    for path in ["/api/v1/nope", "/api", "/api/v1/communities/a/b/c"] {
        server
            .get(path, None)
            .await
            .assert_problem(404, "not_found");
    }
    // An old bundle name: 404, never the index (a script tag would try to run HTML), and not
    // remembered by the browser.
    for path in [
        "/assets/index-Old999.js",
        "/assets/",
        "/assets/nested/x.css",
    ] {
        let reply = server.get(path, None).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_ne!(reply.body, INDEX, "{path}");
        assert!(
            reply
                .header("cache-control")
                .is_none_or(|c| !c.contains("immutable")),
            "{path}"
        );
    }
    // Pages answer only GET (and HEAD).
    server
        .post_raw("/c/ospizio", "application/json", b"{}".to_vec())
        .await
        .assert_problem(405, "method_not_allowed");
    let head = server
        .client
        .head(server.url("/c/ospizio"))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    // A real API call still answers JSON.
    let list = server.get("/api/v1/communities", None).await;
    assert_eq!(list.status, 200);
    assert!(list.header("content-type").unwrap().contains("json"));
}
