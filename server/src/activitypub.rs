//! ActivityPub over HTTP: discovery, actor and object documents by content negotiation, the
//! inboxes, and starting the federation worker. The shapes and rules are in `comune-federation`.

use std::sync::Arc;

use activitypub_federation::config::FederationConfig;
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use comune_federation::actors::ApActor;
use comune_federation::objects::{
    comment_context, comment_json, community_posts, person_posts, post_context, post_json,
    PostContext,
};
use comune_federation::{discovery, FedData, FedError, FedSettings, ACTIVITY_JSON};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::settings::Settings;

pub type Federation = FederationConfig<FedData>;

/// Reads the test-only resolve list: `host=ip:port` pairs separated by commas.
pub fn parse_resolve(spec: &str) -> anyhow::Result<Vec<(String, std::net::SocketAddr)>> {
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (host, addr) = pair
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("{pair:?} is not host=ip:port"))?;
            Ok((host.trim().to_ascii_lowercase(), addr.trim().parse()?))
        })
        .collect()
}

pub async fn build(
    settings: &Settings,
    pool: comune_domain::Pool,
    instance: comune_domain::Instance,
) -> anyhow::Result<Federation> {
    let fed_settings = FedSettings {
        allow_private: settings.federation_allow_private,
        resolve: parse_resolve(settings.federation_resolve.as_deref().unwrap_or(""))?,
        backoff: comune_domain::peers::queue::Backoff {
            base: chrono::Duration::milliseconds(settings.federation_retry_base_ms as i64),
            ..Default::default()
        },
    };
    comune_federation::config(FedData::new(pool, instance, fed_settings)?).await
}

/// Starts the worker that federates local changes and delivers the queue.
pub fn spawn_worker(config: Federation) -> Arc<tokio::sync::Notify> {
    let wake = Arc::new(tokio::sync::Notify::new());
    comune_federation::worker::spawn(config, wake.clone());
    wake
}

/// Matches requests that ask for ActivityPub JSON, so the same URLs serve people the web client.
pub struct WantsActivityJson;

impl Guard for WantsActivityJson {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        ctx.head()
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(wants_activity_json)
    }
}

pub fn wants_activity_json(accept: &str) -> bool {
    accept.split(',').any(|part| {
        let part = part.trim().to_ascii_lowercase();
        part.starts_with("application/activity+json")
            || (part.starts_with("application/ld+json")
                && part.contains("https://www.w3.org/ns/activitystreams"))
    })
}

fn activity_json(body: &Value) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ACTIVITY_JSON)
        .insert_header((header::VARY, "Accept"))
        .body(body.to_string())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    let ap = || WantsActivityJson;
    cfg.route("/.well-known/webfinger", web::get().to(webfinger))
        .route("/.well-known/nodeinfo", web::get().to(nodeinfo_links))
        .route("/nodeinfo/2.1", web::get().to(nodeinfo))
        .route(comune_federation::context::PATH, web::get().to(context))
        .service(
            web::resource("/actor")
                .guard(ap())
                .route(web::get().to(instance_actor)),
        )
        .service(
            web::resource("/u/{name}")
                .guard(ap())
                .route(web::get().to(person)),
        )
        .service(
            web::resource("/c/{slug}")
                .guard(ap())
                .route(web::get().to(group)),
        )
        .route("/c/{slug}/followers", web::get().to(followers))
        .route("/c/{slug}/outbox", web::get().to(community_outbox))
        .route("/c/{slug}/featured", web::get().to(community_featured))
        .route("/c/{slug}/moderators", web::get().to(community_moderators))
        .route("/u/{name}/outbox", web::get().to(person_outbox))
        .route("/u/{name}/followers", web::get().to(empty_collection))
        .service(
            web::resource("/posts/{id}")
                .guard(ap())
                .route(web::get().to(post)),
        )
        .service(
            web::resource("/comments/{id}")
                .guard(ap())
                .route(web::get().to(comment)),
        )
        .route("/activities/{kind}/{id}", web::get().to(activity))
        // Likes and event answers keep the id their row was given when they were made.
        .route("/likes/{id}", web::get().to(activity))
        .route("/rsvps/{id}", web::get().to(activity))
        .route("/inbox", web::post().to(inbox))
        .route("/actor/inbox", web::post().to(inbox))
        .route("/u/{name}/inbox", web::post().to(inbox))
        .route("/c/{slug}/inbox", web::post().to(inbox));
}

fn fed(config: &Federation) -> FedData {
    // The configuration dereferences to its app data: no request data needed for that.
    FedData::clone(config)
}

#[derive(Deserialize)]
struct WebfingerQuery {
    resource: String,
}

async fn webfinger(
    config: web::Data<Federation>,
    query: web::Query<WebfingerQuery>,
) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let (actor_id, kind) = discovery::webfinger_target(&data, &query.resource)
        .await
        .ok_or(FedError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("application/jrd+json")
        .json(discovery::webfinger_json(&query.resource, &actor_id, kind)))
}

async fn nodeinfo_links(config: web::Data<Federation>) -> HttpResponse {
    HttpResponse::Ok().json(discovery::nodeinfo_links(&fed(&config)))
}

async fn nodeinfo(config: web::Data<Federation>) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let (usage, policy) = data
        .db(|conn| {
            let usage = comune_domain::peers::remote::usage(conn)?;
            let policy = comune_domain::peers::policy::mode(conn)?;
            Ok((usage, policy))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(
            "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"",
        )
        .json(discovery::nodeinfo(
            &usage,
            true,
            policy.as_str(),
            &data.instance.domain(),
        )))
}

async fn context() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/ld+json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .json(comune_federation::context::extension())
}

async fn instance_actor(config: web::Data<Federation>) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let actor = comune_federation::actors::instance_actor(&data).await?;
    Ok(activity_json(&serde_json::to_value(actor.to_json(&data))?))
}

async fn local_actor(config: &Federation, ap_id: String) -> Result<HttpResponse, FedError> {
    let data = fed(config);
    let actor = ApActor::load(&data, &ap_id)
        .await?
        .filter(|a| a.local)
        .ok_or(FedError::NotFound)?;
    Ok(activity_json(&serde_json::to_value(actor.to_json(&data))?))
}

async fn person(
    config: web::Data<Federation>,
    name: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    let ap_id = fed(&config).instance.person_id(&name.to_ascii_lowercase());
    local_actor(&config, ap_id).await
}

async fn group(
    config: web::Data<Federation>,
    slug: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    let ap_id = fed(&config).instance.community_id(&slug);
    local_actor(&config, ap_id).await
}

async fn followers(
    config: web::Data<Federation>,
    slug: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let slug = slug.into_inner();
    let id = data.instance.url(&format!("/c/{slug}/followers"));
    let count = data
        .db(move |conn| {
            let community = comune_domain::communities::find_local(conn, &slug)?
                .ok_or(comune_domain::Error::NotFound)?;
            comune_domain::peers::remote::follower_count(conn, &community.id)
        })
        .await?;
    Ok(activity_json(&json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "OrderedCollection",
        "id": id,
        "totalItems": count,
        "orderedItems": [],
    })))
}

/// A community's moderators (its `attributedTo`, as Lemmy names it): Lemmy accepts a removal
/// or a ban in a remote community only from someone listed here.
async fn community_moderators(
    config: web::Data<Federation>,
    slug: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let slug = slug.into_inner();
    let id = data.instance.url(&format!("/c/{slug}/moderators"));
    let moderators = data
        .db(move |conn| {
            let community = comune_domain::communities::find_local(conn, &slug)?
                .ok_or(comune_domain::Error::NotFound)?;
            comune_domain::peers::remote::moderator_ap_ids(conn, &community.id)
        })
        .await?;
    let items = moderators.into_iter().map(Value::String).collect();
    Ok(activity_json(&collection(&data, id, items)))
}

/// A community's newest public posts as the community announced them (FEP-1b12), so that a
/// server that just followed it (Lemmy reads this) can show more than what comes next. The
/// activities get ids under the outbox's own, the same at every read.
async fn community_outbox(
    config: web::Data<Federation>,
    slug: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    use comune_federation::activities;
    let data = fed(&config);
    let slug = slug.into_inner();
    let posts = community_posts(&data, &slug, false).await?;
    let id = data.instance.url(&format!("/c/{slug}/outbox"));
    let items: Vec<Value> = posts
        .iter()
        .map(|ctx| {
            let create = outbox_create(&data, &id, ctx);
            let mut announce = activities::announce(&data, &ctx.community_ap_id, create);
            announce["id"] = json!(format!("{id}#announce-{}", ctx.post.id));
            if let Some(map) = announce.as_object_mut() {
                map.remove("@context");
            }
            announce
        })
        .collect();
    Ok(activity_json(&collection(&data, id, items)))
}

/// A person's newest public posts as they created them, so that a server showing their profile
/// (Mastodon, GoToSocial) can show what they wrote. Members-only posts never appear.
async fn person_outbox(
    config: web::Data<Federation>,
    name: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let name = name.into_inner().to_ascii_lowercase();
    let posts = person_posts(&data, &name).await?;
    let id = format!("{}/outbox", data.instance.person_id(&name));
    let items: Vec<Value> = posts
        .iter()
        .map(|ctx| {
            let mut create = outbox_create(&data, &id, ctx);
            if let Some(map) = create.as_object_mut() {
                map.remove("@context");
            }
            create
        })
        .collect();
    Ok(activity_json(&collection(&data, id, items)))
}

/// The `Create` of a post as an outbox shows it, with an id under the outbox's own.
fn outbox_create(data: &FedData, outbox: &str, ctx: &PostContext) -> Value {
    let mut create = comune_federation::activities::create_or_update(
        data,
        "Create",
        &ctx.author_ap_id,
        post_json(ctx),
        &ctx.community_ap_id,
    );
    create["id"] = json!(format!("{outbox}#create-{}", ctx.post.id));
    create
}

/// A community's pinned public posts, as Lemmy shows a community's featured posts.
async fn community_featured(
    config: web::Data<Federation>,
    slug: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let slug = slug.into_inner();
    let posts = community_posts(&data, &slug, true).await?;
    let id = data.instance.url(&format!("/c/{slug}/featured"));
    let items = posts.iter().map(post_json).collect();
    Ok(activity_json(&collection(&data, id, items)))
}

/// An ordered collection of everything in `items`, with our context (the items use its terms).
fn collection(data: &FedData, id: String, items: Vec<Value>) -> Value {
    comune_federation::activities::with_context(
        data,
        json!({
            "type": "OrderedCollection",
            "id": id,
            "totalItems": items.len(),
            "orderedItems": items,
        }),
    )
}

async fn empty_collection(config: web::Data<Federation>, req: HttpRequest) -> HttpResponse {
    let data = fed(&config);
    activity_json(&json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "OrderedCollection",
        "id": data.instance.url(req.path()),
        "totalItems": 0,
        "orderedItems": [],
    }))
}

async fn post(
    config: web::Data<Federation>,
    id: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let ctx = post_context(&data, &id).await?;
    if !ctx.post.local {
        return Ok(HttpResponse::Found()
            .insert_header((header::LOCATION, ctx.post.ap_id.clone()))
            .finish());
    }
    let doc = comune_federation::activities::with_context(&data, post_json(&ctx));
    if ctx.post.is_gone() {
        return Ok(HttpResponse::Gone()
            .content_type(ACTIVITY_JSON)
            .body(doc.to_string()));
    }
    Ok(activity_json(&doc))
}

async fn comment(
    config: web::Data<Federation>,
    id: web::Path<String>,
) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let ctx = comment_context(&data, &id).await?;
    if !ctx.comment.local {
        return Ok(HttpResponse::Found()
            .insert_header((header::LOCATION, ctx.comment.ap_id.clone()))
            .finish());
    }
    let doc = comune_federation::activities::with_context(&data, comment_json(&ctx));
    if ctx.comment.is_gone() {
        return Ok(HttpResponse::Gone()
            .content_type(ACTIVITY_JSON)
            .body(doc.to_string()));
    }
    Ok(activity_json(&doc))
}

async fn activity(
    config: web::Data<Federation>,
    req: HttpRequest,
) -> Result<HttpResponse, FedError> {
    let data = fed(&config);
    let ap_id = data.instance.url(req.path());
    let body = data
        .db(move |conn| comune_domain::peers::queue::outgoing_body(conn, &ap_id))
        .await?
        .ok_or(FedError::NotFound)?;
    Ok(HttpResponse::Ok().content_type(ACTIVITY_JSON).body(body))
}

/// Every inbox is the same: activities are routed by what they are about, not where they
/// arrive.
async fn inbox(
    config: web::Data<Federation>,
    req: HttpRequest,
    body: Bytes,
) -> Result<HttpResponse, FedError> {
    let headers = req
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    let path_and_query = req
        .uri()
        .path_and_query()
        .map_or(req.path(), |p| p.as_str());
    let data = config.to_request_data();
    comune_federation::receive::receive(
        &data,
        comune_federation::receive::InboundRequest {
            method: req.method().as_str(),
            path_and_query,
            headers,
            body: &body,
        },
    )
    .await?;
    Ok(HttpResponse::Accepted().finish())
}
