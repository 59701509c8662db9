//! Assembling and starting the server: storage, state, middleware and routes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::dev::{Server, Service};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;
use actix_web::{web, App, HttpMessage, HttpServer};
use anyhow::Context;
use comune_domain::db::{self, DatabaseUrl};
use comune_domain::Instance;
use tracing_actix_web::{RequestId, TracingLogger};

use crate::auth::{load_or_create_secret, Jwt};
use crate::demo::{self, DemoCredentials};
use crate::error::extractors;
use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::read_cache::ReadCache;
use crate::service;
use crate::settings::Settings;
use crate::state::AppState;
use crate::throttle::Throttles;

/// Request bodies larger than this are refused with 413. Image uploads (`POST /api/v1/media`)
/// stream their body and enforce their own, larger limit
/// ([`crate::api::media::UPLOAD_BODY_LIMIT`]).
pub const BODY_LIMIT: usize = 1 << 20;

/// A started server.
pub struct Running {
    /// Where it listens (useful when bound to port 0).
    pub addr: SocketAddr,
    /// Resolves when the server has stopped. Must be awaited or spawned to serve.
    pub server: Server,
    /// The demo admin's sign-in, when the demo instance is on.
    pub demo: Option<DemoCredentials>,
}

/// Opens the database (applying migrations), seeds the demo if asked, and binds the listener.
pub async fn start(settings: Settings) -> anyhow::Result<Running> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating the data folder {}", settings.data_dir.display()))?;
    let url = DatabaseUrl::parse(&settings.database_url())?;
    let pool_size = settings.database_pool_size;
    let pool = web::block(move || -> anyhow::Result<_> {
        let pool = db::pool(&url, pool_size)?;
        let mut conn = pool.get().context("opening the database")?;
        let applied = db::migrate(&mut conn)?;
        if !applied.is_empty() {
            tracing::info!(count = applied.len(), "applied database migrations");
        }
        Ok(pool)
    })
    .await??;

    let instance = Instance::new(settings.public_url());
    let demo_on = settings
        .demo
        .unwrap_or_else(|| settings.is_embedded_default());
    let demo = if demo_on {
        let (pool, instance, dir) = (pool.clone(), instance.clone(), settings.data_dir.clone());
        web::block(move || -> anyhow::Result<_> {
            let mut conn = pool.get()?;
            demo::seed_if_empty(&mut conn, &instance, &dir)
        })
        .await??
    } else {
        None
    };

    let (search, needs_rebuild) = {
        let dir = settings.data_dir.clone();
        web::block(move || crate::search::open(&dir)).await??
    };

    let federation = crate::activitypub::build(&settings, pool.clone(), instance.clone())
        .await
        .context("setting up federation")?;
    let federation_wake = crate::activitypub::spawn_worker(federation.clone());
    let federation_data = web::Data::new(federation.clone());

    let secret = load_or_create_secret(&settings)?;
    let metrics = Arc::new(Metrics::new());
    let state = web::Data::new(AppState {
        jwt: Jwt::new(
            &secret,
            settings.public_url.trim_end_matches('/'),
            settings.access_token_ttl_seconds,
        ),
        mailer: Mailer::from_settings(&settings)?,
        throttles: Throttles::new(&settings),
        feed_cache: ReadCache::new("feed", &metrics),
        session_cache: ReadCache::new("session", &metrics),
        metrics,
        instance,
        pool: pool.clone(),
        search: search.clone(),
        settings: settings.clone(),
        federation,
        federation_wake,
    });
    // The worker stops once the server (and with it this state) is gone.
    crate::search::spawn_worker(
        pool,
        search,
        settings.data_dir.clone(),
        needs_rebuild,
        std::sync::Arc::downgrade(&state.clone().into_inner()),
    );
    crate::notifier::spawn(std::sync::Arc::downgrade(&state.clone().into_inner()));
    let openapi = web::Data::new(service::OpenApiJson(
        crate::openapi::document()
            .to_json()
            .context("rendering the OpenAPI document")?,
    ));

    let pruner = state.clone();
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            pruner.throttles.prune();
        }
    });

    let http = HttpServer::new(move || {
        let metrics = state.metrics.clone();
        let wake = state.federation_wake.clone();
        let caches = state.clone();
        let (app, _) = crate::openapi::mount(
            App::new()
                .app_data(state.clone())
                .app_data(openapi.clone())
                .app_data(federation_data.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(BODY_LIMIT)
                        .error_handler(extractors::json),
                )
                .app_data(web::PayloadConfig::new(BODY_LIMIT))
                .app_data(web::QueryConfig::default().error_handler(extractors::query))
                .app_data(web::PathConfig::default().error_handler(extractors::path)),
        );
        app.configure(crate::activitypub::routes)
            .route("/healthz", web::get().to(service::healthz))
            .route("/metrics", web::get().to(service::metrics))
            .route("/api/openapi.json", web::get().to(service::openapi_json))
            .service(
                web::resource("/media/{key:.*}")
                    .route(web::get().to(crate::api::media::serve))
                    .route(web::head().to(crate::api::media::serve))
                    .default_service(web::to(service::fallback)),
            )
            .service(static_files(&state.settings))
            .default_service(web::to(service::fallback))
            .wrap(actix_web::middleware::from_fn(
                crate::middleware::asset_cache_headers,
            ))
            // gzip, brotli or zstd as the client accepts; the web client's bundles shrink by ~70%.
            .wrap(actix_web::middleware::Compress::default())
            .wrap(
                DefaultHeaders::new()
                    .add(("X-Content-Type-Options", "nosniff"))
                    .add(("Referrer-Policy", "same-origin"))
                    .add(("X-Frame-Options", "DENY")),
            )
            // Echo the request id so a resident's problem report can be found in the logs.
            .wrap_fn(|req, srv| {
                let id = req.extensions().get::<RequestId>().map(|id| id.to_string());
                let fut = srv.call(req);
                async move {
                    let mut res = fut.await?;
                    if let Some(id) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
                        res.headers_mut()
                            .insert(HeaderName::from_static("x-request-id"), id);
                    }
                    Ok(res)
                }
            })
            .wrap(actix_web::middleware::from_fn(
                crate::middleware::catch_panics,
            ))
            .wrap(TracingLogger::default())
            .wrap_fn(move |req, srv| {
                let started = Instant::now();
                let metrics = metrics.clone();
                let wake = wake.clone();
                let caches = caches.clone();
                let may_write = !matches!(
                    *req.method(),
                    actix_web::http::Method::GET
                        | actix_web::http::Method::HEAD
                        | actix_web::http::Method::OPTIONS
                );
                let fut = srv.call(req);
                async move {
                    let res = fut.await;
                    // Whatever its outcome, once answered: what anonymous visitors were shown may
                    // now be out of date.
                    if may_write {
                        caches.forget_reads();
                    }
                    let res = res?;
                    // A successful write may have something to federate: wake the worker
                    // rather than let it find out at its next poll.
                    if may_write && res.status().is_success() {
                        wake.notify_one();
                    }
                    let route = res
                        .request()
                        .match_pattern()
                        .unwrap_or_else(|| "unmatched".into());
                    metrics.observe(
                        res.request().method().as_str(),
                        &route,
                        res.status().as_u16(),
                        started.elapsed().as_secs_f64(),
                    );
                    Ok(res)
                }
            })
    })
    .shutdown_timeout(30)
    .bind(&settings.bind)
    .with_context(|| format!("cannot listen on {}", settings.bind))?;
    let addr = *http
        .addrs()
        .first()
        .context("the server is bound to no address")?;
    Ok(Running {
        addr,
        server: http.run(),
        demo,
    })
}

/// The built web client's hashed assets, when there is one (cached for a year, see
/// `middleware::asset_cache_headers`); every other page falls through to the index.
fn static_files(settings: &Settings) -> actix_web::Scope {
    let scope = web::scope("/assets");
    match settings
        .web_dir()
        .map(|d| d.join("assets"))
        .filter(|d| d.is_dir())
    {
        Some(dir) => scope.service(actix_files::Files::new("", dir).prefer_utf8(true)),
        None => scope,
    }
}
