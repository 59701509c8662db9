//! Federation through the API: resolving remote people and communities by handle or URL, and
//! the admins' view of peers, policy and the delivery queue.

use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::fetch::webfinger::webfinger_resolve_actor;
use actix_web::{get, put, web};
use chrono::{DateTime, Utc};
use comune_domain::federation_feed;
use comune_domain::peers::policy::{self, Mode, Peer};
use comune_domain::peers::queue;
use comune_federation::actors::{ActorKind, ApActor};
use comune_federation::FedError;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::utc;
use crate::auth::SignedIn;
use crate::error::{ApiError, Code, Problem};
use crate::state::AppState;

impl From<FedError> for ApiError {
    fn from(e: FedError) -> Self {
        match e {
            FedError::NotFound => ApiError::not_found(),
            FedError::Blocked(host) => ApiError::new(
                Code::Forbidden,
                format!("This instance does not federate with {host}."),
            ),
            FedError::Forbidden(why) => ApiError::new(Code::Forbidden, why),
            FedError::Malformed(why) | FedError::Signature(why) => ApiError::new(
                Code::ServiceUnavailable,
                format!("The other server answered with something unusable: {why}"),
            ),
            FedError::Remote(why) => ApiError::new(
                Code::ServiceUnavailable,
                format!("The other server could not be reached: {why}"),
            ),
            FedError::Internal(e) => {
                let mut err = ApiError::new(Code::InternalError, "Something went wrong.");
                err.source = Some(e);
                err
            }
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ResolveQuery {
    /// A handle (`name@host`, with or without a leading `@`) or an ActivityPub URL.
    pub q: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Resolved {
    /// `person` or `community`.
    pub kind: String,
    /// The local id of the cached copy.
    pub id: uuid::Uuid,
    /// How to address it here (`name@host`, or the bare name when it is local).
    pub handle: String,
    pub name: String,
    /// Its ActivityPub id.
    pub actor_id: String,
    pub local: bool,
}

/// Find a person or community of another instance (fetching it when it is not known yet).
#[utoipa::path(
    tag = "federation",
    operation_id = "federation_resolve",
    security(("bearer" = [])),
    params(ResolveQuery),
    responses(
        (status = 200, body = Resolved),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The instance is not federated with, or the address is private", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The other server could not be reached", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/resolve")]
pub async fn resolve(
    state: web::Data<AppState>,
    _who: SignedIn,
    query: web::Query<ResolveQuery>,
) -> Result<web::Json<Resolved>, ApiError> {
    let q = query.q.trim().trim_start_matches('@');
    let data = state.federation.to_request_data();
    let actor: ApActor = if q.starts_with("http://") || q.starts_with("https://") {
        let url = url::Url::parse(q)
            .map_err(|_| ApiError::new(Code::ValidationFailed, "Not a valid address."))?;
        ObjectId::<ApActor>::from(url).dereference(&data).await?
    } else if q.contains('@') && q.len() <= 300 {
        webfinger_resolve_actor::<_, ApActor>(q, &data).await?
    } else {
        return Err(ApiError::new(
            Code::ValidationFailed,
            "Give a handle like name@host or an address starting with https://.",
        ));
    };
    let host = comune_domain::peers::host_of(actor.ap_id.as_str()).unwrap_or_default();
    Ok(web::Json(Resolved {
        kind: match actor.kind {
            ActorKind::Group => "community",
            _ => "person",
        }
        .into(),
        id: actor
            .row_id
            .as_deref()
            .and_then(|id| id.parse().ok())
            .unwrap_or_default(),
        handle: if actor.local {
            actor.name.clone()
        } else {
            format!("{}@{host}", actor.name)
        },
        name: actor.display_name.clone(),
        actor_id: actor.ap_id.to_string(),
        local: actor.local,
    }))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PolicyBody {
    /// `open` (every instance), `blocklist` (all but blocked ones) or `allowlist` (only allowed
    /// ones).
    #[schema(value_type = String, example = "allowlist")]
    pub mode: Mode,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FederationStatus {
    #[schema(value_type = String)]
    pub mode: Mode,
    pub queue: QueueStats,
    /// Local changes whose turning into activities failed, most tried first (at most 20): each
    /// is tried again after a pause that doubles up to an hour, never dropped.
    pub failing_changes: Vec<FailingChange>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FailingChange {
    pub id: String,
    /// What changed: `post`, `comment`, `reaction`, `rsvp`, `follow`, `moderation`, `report`.
    pub subject: String,
    pub subject_id: String,
    /// `create`, `update`, `delete` or `undo`.
    pub op: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueueStats {
    pub pending: i64,
    pub due: i64,
    pub in_flight: i64,
    pub retrying: i64,
    pub gave_up: i64,
    pub unreachable_hosts: i64,
    pub changes_waiting: i64,
    pub changes_failing: i64,
}

fn require_admin(conn: &mut comune_domain::DbConnection, id: &str) -> comune_domain::Result<()> {
    if comune_domain::accounts::get(conn, id)?.is_admin {
        Ok(())
    } else {
        Err(comune_domain::Error::Forbidden)
    }
}

/// The federation policy and the delivery queue (admins).
#[utoipa::path(
    tag = "federation",
    operation_id = "federation_status",
    security(("bearer" = [])),
    responses(
        (status = 200, body = FederationStatus),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/federation")]
pub async fn status(
    state: web::Data<AppState>,
    who: SignedIn,
) -> Result<web::Json<FederationStatus>, ApiError> {
    let (mode, stats, failing) = state
        .db(move |conn| {
            require_admin(conn, &who.account_id)?;
            Ok((
                policy::mode(conn)?,
                queue::stats(conn)?,
                federation_feed::failing(conn, 20)?,
            ))
        })
        .await?;
    Ok(web::Json(FederationStatus {
        mode,
        queue: QueueStats {
            pending: stats.pending,
            due: stats.due,
            in_flight: stats.in_flight,
            retrying: stats.retrying,
            gave_up: stats.gave_up,
            unreachable_hosts: stats.unreachable_hosts,
            changes_waiting: stats.changes_waiting,
            changes_failing: stats.changes_failing,
        },
        failing_changes: failing
            .into_iter()
            .map(|c| FailingChange {
                id: c.id,
                subject: c.subject,
                subject_id: c.subject_id,
                op: c.op,
                attempts: c.attempts,
                last_error: c.last_error,
                created_at: c.created_at.and_utc(),
            })
            .collect(),
    }))
}

/// Set the federation policy (admins). Deliveries still waiting for hosts the new mode excludes
/// are given up (shown as such in the queue's figures, with the reason).
#[utoipa::path(
    tag = "federation",
    operation_id = "federation_set_policy",
    security(("bearer" = [])),
    request_body = PolicyBody,
    responses(
        (status = 200, body = PolicyBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/federation/policy")]
pub async fn set_policy(
    state: web::Data<AppState>,
    who: SignedIn,
    body: web::Json<PolicyBody>,
) -> Result<web::Json<PolicyBody>, ApiError> {
    let mode = body.mode;
    state
        .db(move |conn| policy::set_mode(conn, &who.account_id, mode))
        .await?;
    state.federation.policy_changed();
    Ok(web::Json(PolicyBody { mode }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeerView {
    pub host: String,
    pub blocked: bool,
    pub allowed: bool,
    pub software: Option<String>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_failure_at: Option<DateTime<Utc>>,
    /// Consecutive failed deliveries.
    pub failures: i32,
    /// Set while deliveries keep failing (they are still retried).
    pub unreachable_since: Option<DateTime<Utc>>,
}

impl From<Peer> for PeerView {
    fn from(p: Peer) -> Self {
        Self {
            host: p.host,
            blocked: p.blocked,
            allowed: p.allowed,
            software: p.software,
            last_success_at: p.last_success_at.map(utc),
            last_failure_at: p.last_failure_at.map(utc),
            failures: p.failures,
            unreachable_since: p.unreachable_since.map(utc),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeerPage {
    pub items: Vec<PeerView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PeerParams {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Known instances with their list membership and reachability (admins).
#[utoipa::path(
    tag = "federation",
    operation_id = "federation_instances",
    security(("bearer" = [])),
    params(PeerParams),
    responses(
        (status = 200, body = PeerPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/federation/instances")]
pub async fn instances(
    state: web::Data<AppState>,
    who: SignedIn,
    params: web::Query<PeerParams>,
) -> Result<web::Json<PeerPage>, ApiError> {
    let limit = params.limit.unwrap_or(20).clamp(1, 100);
    let cursor = params.cursor.clone();
    let peers = state
        .db(move |conn| {
            require_admin(conn, &who.account_id)?;
            policy::list(conn, cursor.as_deref(), limit + 1)
        })
        .await?;
    let mut items: Vec<PeerView> = peers.into_iter().map(PeerView::from).collect();
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|p| p.host.clone())
    } else {
        None
    };
    Ok(web::Json(PeerPage { items, next_cursor }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PeerLists {
    pub blocked: Option<bool>,
    pub allowed: Option<bool>,
}

/// Put an instance on, or take it off, the block and allow lists (admins). When the current
/// mode then excludes it, the deliveries still waiting for it are given up.
#[utoipa::path(
    tag = "federation",
    operation_id = "federation_set_instance",
    security(("bearer" = [])),
    params(("host" = String, Path, description = "The instance's host name")),
    request_body = PeerLists,
    responses(
        (status = 200, body = PeerView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/federation/instances/{host}")]
pub async fn set_instance(
    state: web::Data<AppState>,
    who: SignedIn,
    host: web::Path<String>,
    body: web::Json<PeerLists>,
) -> Result<web::Json<PeerView>, ApiError> {
    let host = host.into_inner();
    let (blocked, allowed) = (body.blocked, body.allowed);
    let peer = state
        .db(move |conn| policy::set_lists(conn, &who.account_id, &host, blocked, allowed))
        .await?;
    state.federation.policy_changed();
    Ok(web::Json(peer.into()))
}
