//! Routes outside `/api/v1`: health, metrics, the OpenAPI document, and everything else
//! (the web client, or a problem for unknown API paths).

use actix_web::http::header::{self, ContentType};
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::connection::SimpleConnection;
use serde_json::json;

use crate::error::{ApiError, Code};
use crate::state::AppState;

/// 200 when the database answers.
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db(|conn| {
            conn.batch_execute("SELECT 1")
                .map_err(|e| comune_domain::Error::Internal(e.into()))
        })
        .await
        .map_err(|e| ApiError {
            code: Code::ServiceUnavailable,
            detail: "The database does not answer.".into(),
            ..e
        })?;
    Ok(HttpResponse::Ok().json(json!({ "status": "ok" })))
}

pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    // The queue's figures come from the database, so every process reports the shared queue;
    // when the database does not answer, the gauges keep their last values.
    if let Ok(stats) = state.db(comune_domain::peers::queue::stats).await {
        state.metrics.set_federation(&stats);
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render(&state.pool))
}

/// The OpenAPI document, rendered once at start.
pub struct OpenApiJson(pub String);

pub async fn openapi_json(doc: web::Data<OpenApiJson>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(doc.0.clone())
}

/// Anything no route matched.
pub async fn fallback(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    // An API path, or a web client file that does not exist (an old bundle name, say): a problem,
    // never the index page, which a script tag would try to run.
    if path == "/api" || path.starts_with("/api/") || path.starts_with("/assets/") {
        return Err(ApiError::not_found());
    }
    if req.method() != actix_web::http::Method::GET && req.method() != actix_web::http::Method::HEAD
    {
        return Err(ApiError::new(
            Code::MethodNotAllowed,
            "This address only answers GET.",
        ));
    }
    // The web client routes in the browser (history API): every other page gets its index.html,
    // never cached, so a new build is picked up at the next visit.
    if let Some(dir) = state.settings.web_dir() {
        let index = dir.join("index.html");
        if let Ok(html) = tokio::fs::read(&index).await {
            return Ok(HttpResponse::Ok()
                .insert_header((header::CACHE_CONTROL, "no-cache"))
                .content_type(ContentType::html())
                .body(html));
        }
    }
    let status = if path == "/" {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::NOT_FOUND
    };
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(LANDING))
}

/// Shown when the web client has not been built.
const LANDING: &str = r#"<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Comune</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6;font-size:1.15rem;color:#1a1a1a}a{color:#0047b3}</style>
</head><body>
<h1>Comune</h1>
<p>Il server è attivo. L'interfaccia web non è ancora stata compilata: esegui <code>npm install &amp;&amp; npm run build</code> nella cartella <code>web-client</code>.</p>
<p lang="en">The server is running. The web client has not been built yet: run <code>npm install &amp;&amp; npm run build</code> in <code>web-client</code>.</p>
<p><a href="/api/openapi.json">API (OpenAPI)</a> · <a href="/healthz">/healthz</a></p>
</body></html>
"#;
