//! The federation worker: turns recorded local changes into activities and queued deliveries,
//! and delivers due ones, signed by their actor, concurrently with a per-host limit. State is
//! in the database only, so a restart resumes where it stopped.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use activitypub_federation::config::FederationConfig;
use activitypub_federation::traits::Actor;
use comune_domain::federation_feed::{self, Change, Op, Subject};
use comune_domain::moderation::TargetKind;
use comune_domain::peers::queue::{self, Due, NewActivity};
use comune_domain::peers::remote;
use comune_domain::DbConnection;
use serde_json::Value;
use tokio::sync::Semaphore;
use url::Url;

use crate::actors::ApActor;
use crate::objects::{comment_context, comment_json, post_context, post_json, PostContext};
use crate::{activities, signature, FedData, FedError};

/// How long a worker holds what it took before another process may take it over: longer than
/// a delivery's request timeout, short enough that a crashed process's share resumes soon.
pub const LEASE_SECONDS: i64 = 30;

/// Deliveries in flight at once, over all hosts.
pub const CONCURRENCY: usize = 64;
/// Deliveries in flight at once to one host, so one instance is not flooded.
pub const PER_HOST: usize = 4;
/// Deliveries of one actor to one inbox taken at once and sent one after the other.
pub const RUN: usize = 32;

/// Queues `activity`, signed by `signer`, for each inbox.
pub async fn enqueue(
    data: &FedData,
    signer: &str,
    activity: &Value,
    inboxes: Vec<String>,
) -> Result<usize, FedError> {
    if inboxes.is_empty() {
        return Ok(0);
    }
    let activity = activity.clone();
    let signer = signer.to_owned();
    let fed = data.clone();
    data.db(move |conn| {
        comune_domain::db::transaction(conn, |conn| {
            enqueue_within(conn, &fed, &signer, &activity, inboxes)
        })
    })
    .await
}

/// [`enqueue`] inside the caller's transaction. The policy's answers and the hosts already
/// remembered come from what `data` keeps, so a like passed on to one inbox costs two inserts.
pub fn enqueue_within(
    conn: &mut DbConnection,
    data: &FedData,
    signer: &str,
    activity: &Value,
    inboxes: impl IntoIterator<Item = String>,
) -> comune_domain::Result<usize> {
    let targets = queue::admitted(conn, inboxes, |conn, host| data.permits_in(conn, host))?;
    if targets.is_empty() {
        return Ok(0);
    }
    data.remember_hosts(conn, targets.iter().map(|(_, host)| host.as_str()))?;
    let text = |key: &str| {
        activity
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    queue::enqueue_admitted(
        conn,
        &NewActivity {
            ap_id: text("id"),
            kind: text("type"),
            signer_ap_id: signer,
            body: &activity.to_string(),
        },
        &targets,
    )
}

/// Sends what an author did in a community where it must go: a local community announces it
/// to its followers; a remote one gets it in its inbox and announces it itself.
async fn publish(
    data: &FedData,
    actor: &str,
    activity: Value,
    ctx: &PostContext,
) -> Result<usize, FedError> {
    if ctx.community_local {
        let id = ctx.community_id.clone();
        let inboxes = data
            .db(move |conn| remote::follower_inboxes(conn, &id))
            .await?;
        let announce = activities::announce(data, &ctx.community_ap_id, activity);
        enqueue(data, &ctx.community_ap_id, &announce, inboxes).await
    } else {
        enqueue(data, actor, &activity, vec![ctx.community_inbox.clone()]).await
    }
}

/// A local community boosts a new post to its followers, for those on microblogs (see
/// [`activities::announce_object`]).
async fn boost(data: &FedData, ctx: &PostContext) -> Result<usize, FedError> {
    let id = ctx.community_id.clone();
    let inboxes = data
        .db(move |conn| remote::follower_inboxes(conn, &id))
        .await?;
    let announce = activities::announce_object(data, &ctx.community_ap_id, &ctx.post.ap_id);
    enqueue(data, &ctx.community_ap_id, &announce, inboxes).await
}

/// A public post's context; `None` when it is members-only or gone without a trace (nothing
/// federates then).
async fn public_post(data: &FedData, id: &str) -> Result<Option<PostContext>, FedError> {
    match post_context(data, id).await {
        Ok(ctx) => Ok(Some(ctx)),
        Err(FedError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The local account that acted, if it is local (others' acts are not ours to send).
async fn local_actor(
    data: &FedData,
    id: Option<String>,
) -> Result<Option<comune_domain::accounts::Account>, FedError> {
    let Some(id) = id else {
        return Ok(None);
    };
    let account = data
        .db(move |conn| comune_domain::accounts::get(conn, &id))
        .await?;
    Ok(account.local.then_some(account))
}

/// Turns one recorded change into activities and deliveries.
async fn federate(data: &FedData, change: &Change) -> Result<usize, FedError> {
    let (Some(subject), Some(op)) = (Subject::parse(&change.subject), Op::parse(&change.op)) else {
        return Ok(0);
    };
    let detail: Value = serde_json::from_str(&change.detail).unwrap_or(Value::Null);
    match subject {
        Subject::Post => {
            let Some(ctx) = public_post(data, &change.subject_id).await? else {
                return Ok(0);
            };
            if !ctx.post.local {
                return Ok(0);
            }
            if matches!(op, Op::Create | Op::Update) && ctx.post.is_gone() {
                // Gone before it went out: its Delete follows; a Create of a Tombstone would
                // only confuse peers.
                return Ok(0);
            }
            let activity = match op {
                Op::Create | Op::Update => activities::create_or_update(
                    data,
                    if op == Op::Create { "Create" } else { "Update" },
                    &ctx.author_ap_id,
                    post_json(&ctx),
                    &ctx.community_ap_id,
                ),
                Op::Delete | Op::Undo => activities::delete(
                    data,
                    &ctx.author_ap_id,
                    &ctx.post.ap_id,
                    &ctx.community_ap_id,
                ),
            };
            let mut sent = publish(data, &ctx.author_ap_id, activity, &ctx).await?;
            if op == Op::Create && ctx.community_local {
                sent += boost(data, &ctx).await?;
            }
            Ok(sent)
        }
        Subject::Comment => {
            let ctx = match comment_context(data, &change.subject_id).await {
                Ok(ctx) => ctx,
                Err(FedError::NotFound) => return Ok(0),
                Err(e) => return Err(e),
            };
            if !ctx.comment.local {
                return Ok(0);
            }
            if matches!(op, Op::Create | Op::Update) && ctx.comment.is_gone() {
                return Ok(0);
            }
            let community = ctx.post.community_ap_id.clone();
            let activity = match op {
                Op::Create | Op::Update => activities::create_or_update(
                    data,
                    if op == Op::Create { "Create" } else { "Update" },
                    &ctx.author_ap_id,
                    comment_json(&ctx),
                    &community,
                ),
                Op::Delete | Op::Undo => {
                    activities::delete(data, &ctx.author_ap_id, &ctx.comment.ap_id, &community)
                }
            };
            publish(data, &ctx.author_ap_id, activity, &ctx.post).await
        }
        Subject::Reaction => {
            let Some(actor) = local_actor(data, change.actor_id.clone()).await? else {
                return Ok(0);
            };
            let Some(ctx) = public_post(data, &change.subject_id).await? else {
                return Ok(0);
            };
            let mut like =
                activities::like(data, &actor.ap_id, &ctx.post.ap_id, &ctx.community_ap_id);
            if let Some(id) = detail.get("like_id").and_then(Value::as_str) {
                like["id"] = Value::String(id.to_owned());
            }
            let activity = match op {
                Op::Undo | Op::Delete => {
                    activities::undo(data, &actor.ap_id, like, &ctx.community_ap_id)
                }
                _ => like,
            };
            publish(data, &actor.ap_id, activity, &ctx).await
        }
        Subject::Follow => {
            // A local person joined or left a remote community.
            let community_id = change.subject_id.clone();
            let Some(actor_id) = change.actor_id.clone() else {
                return Ok(0);
            };
            let (community, actor) = data
                .db(move |conn| {
                    Ok((
                        comune_domain::communities::get(conn, &community_id)?,
                        comune_domain::accounts::get(conn, &actor_id)?,
                    ))
                })
                .await?;
            if community.local || !actor.local {
                return Ok(0);
            }
            let mut follow = activities::follow(data, &actor.ap_id, &community.ap_id);
            if let Some(id) = detail.get("follow_id").and_then(Value::as_str) {
                follow["id"] = Value::String(id.to_owned());
            }
            let activity = if op == Op::Undo {
                activities::undo(data, &actor.ap_id, follow, &community.ap_id)
            } else {
                follow
            };
            let inbox = community.shared_inbox_url.unwrap_or(community.inbox_url);
            enqueue(data, &actor.ap_id, &activity, vec![inbox]).await
        }
        Subject::Moderation => moderation(data, change, op, &detail).await,
        Subject::Report => report(data, change).await,
        Subject::Rsvp => {
            let Some(actor) = local_actor(data, change.actor_id.clone()).await? else {
                return Ok(0);
            };
            let Some(ctx) = public_post(data, &change.subject_id).await? else {
                return Ok(0);
            };
            let kind = if op == Op::Undo { "Leave" } else { "Join" };
            let mut activity = serde_json::json!({
                "type": kind,
                "id": activities::new_id(data, kind),
                "actor": actor.ap_id,
                "to": [ctx.community_ap_id],
                "audience": ctx.community_ap_id,
                "object": ctx.post.ap_id,
            });
            if op != Op::Undo {
                if let Some(id) = detail.get("join_id").and_then(Value::as_str) {
                    activity["id"] = Value::String(id.to_owned());
                }
            }
            let activity = activities::with_context(data, activity);
            publish(data, &actor.ap_id, activity, &ctx).await
        }
    }
}

/// A moderator's removal, restoration or ban in a local community: the community itself tells
/// its followers (and a banned person's instance).
async fn moderation(
    data: &FedData,
    change: &Change,
    op: Op,
    detail: &Value,
) -> Result<usize, FedError> {
    let kind = detail["kind"].as_str().unwrap_or_default().to_owned();
    let community_id = detail["community_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let reason = detail["reason"].as_str().unwrap_or_default().to_owned();
    let subject_id = change.subject_id.clone();
    let moderator_id = change.actor_id.clone();
    let (community, object_ap_id, person_inbox, moderator) = data
        .db(move |conn| {
            let community = comune_domain::communities::get(conn, &community_id)?;
            let moderator = moderator_id
                .map(|id| comune_domain::accounts::get(conn, &id).map(|a| a.ap_id))
                .transpose()?;
            let (object, inbox) = match kind.as_str() {
                "post" => (
                    comune_domain::posts::get_row(conn, &subject_id)?.ap_id,
                    None,
                ),
                "comment" => (
                    comune_domain::comments::get_row(conn, &subject_id)?.ap_id,
                    None,
                ),
                _ => {
                    let a = comune_domain::accounts::get(conn, &subject_id)?;
                    let inbox = (!a.local).then(|| a.shared_inbox_url.unwrap_or(a.inbox_url));
                    (a.ap_id, inbox)
                }
            };
            Ok((community, object, inbox, moderator))
        })
        .await?;
    if !community.local {
        return Ok(0);
    }
    // The moderator acts and the community passes it on, as Lemmy sends and expects it (it
    // checks the moderator against the community's `attributedTo`); peers take a `Delete` with
    // a `summary` as a moderator's removal, not as the author's deletion.
    let moderator = moderator.unwrap_or_else(|| community.ap_id.clone());
    let is_ban = detail["kind"].as_str().and_then(TargetKind::parse) == Some(TargetKind::Account);
    let mut activity = serde_json::json!({
        "type": if is_ban { "Block" } else { "Delete" },
        "id": activities::new_id(data, if is_ban { "Block" } else { "Delete" }),
        "actor": moderator,
        "to": [crate::objects::PUBLIC],
        "cc": [format!("{}/followers", community.ap_id)],
        "audience": community.ap_id,
        "object": object_ap_id,
        "summary": reason,
    });
    if is_ban {
        activity["target"] = Value::String(community.ap_id.clone());
        if let Some(until) = detail["expires_at"].as_str() {
            activity["endTime"] = Value::String(until.to_owned());
        }
    }
    let activity = activities::with_context(data, activity);
    let activity = if op == Op::Undo {
        let mut undo = activities::undo(data, &moderator, activity, crate::objects::PUBLIC);
        undo["cc"] = serde_json::json!([community.ap_id]);
        undo
    } else {
        activity
    };
    let activity = activities::announce(data, &community.ap_id, activity);
    let id = community.id.clone();
    let mut inboxes = data
        .db(move |conn| remote::follower_inboxes(conn, &id))
        .await?;
    inboxes.extend(person_inbox);
    enqueue(data, &community.ap_id, &activity, inboxes).await
}

/// A local person reports content of a remote community: the community's moderators get a Flag.
async fn report(data: &FedData, change: &Change) -> Result<usize, FedError> {
    let id = change.subject_id.clone();
    let (reporter, community, object, reason) = data
        .db(move |conn| {
            let report = comune_domain::moderation::get_report(conn, &id)?;
            let reporter = comune_domain::accounts::get(conn, &report.reporter_id)?;
            let community = comune_domain::communities::get(conn, &report.community_id)?;
            let object = match report.target_kind.as_str() {
                "post" => comune_domain::posts::get_row(conn, &report.target_id)?.ap_id,
                "comment" => comune_domain::comments::get_row(conn, &report.target_id)?.ap_id,
                _ => comune_domain::accounts::get(conn, &report.target_id)?.ap_id,
            };
            Ok((reporter, community, object, report.reason))
        })
        .await?;
    if community.local || !reporter.local {
        return Ok(0);
    }
    let flag = serde_json::json!({
        "type": "Flag",
        "id": activities::new_id(data, "Flag"),
        "actor": reporter.ap_id,
        "to": [community.ap_id],
        "audience": community.ap_id,
        "object": [object],
        "content": reason,
        "summary": reason,
    });
    let flag = activities::with_context(data, flag);
    let inbox = community.shared_inbox_url.unwrap_or(community.inbox_url);
    enqueue(data, &reporter.ap_id, &flag, vec![inbox]).await
}

/// Processes recorded changes until none is left. Answers how many were handled.
pub async fn drain_outbox(data: &FedData) -> Result<usize, FedError> {
    let mut handled = 0;
    loop {
        let changes = data
            .db(|conn| federation_feed::claim(conn, 50, chrono::Duration::seconds(LEASE_SECONDS)))
            .await?;
        if changes.is_empty() {
            return Ok(handled);
        }
        for change in changes {
            let id = change.id.clone();
            match federate(data, &change).await {
                Ok(_) => {
                    data.db(move |conn| federation_feed::done(conn, &id))
                        .await?
                }
                Err(e) => {
                    // It stays, counted, and is tried again after a pause; the others go on.
                    tracing::warn!(
                        change = %change.id,
                        attempts = change.attempts + 1,
                        error = %e,
                        "could not federate a change; it will be tried again"
                    );
                    let error = format!("{e:#}");
                    data.db(move |conn| federation_feed::failed(conn, &id, &error))
                        .await?;
                }
            }
            handled += 1;
        }
    }
}

/// Signs and sends one delivery; answers an error text when it should be retried.
async fn send(fed: &FedData, signer: &ApActor, due: &Due) -> Result<(), String> {
    let inbox = Url::parse(&due.inbox).map_err(|e| e.to_string())?;
    if let Err(why) =
        crate::receive::remote_host(&inbox, &fed.instance.domain(), fed.settings.allow_private)
    {
        // Not a valid remote target: nothing to send, and nothing to retry.
        tracing::info!(inbox = %inbox, why, "delivery skipped");
        return Ok(());
    }
    let pem = signer
        .private_key_pem
        .as_deref()
        .ok_or("the signing actor has no private key")?;
    let key = signature::signing_key(pem, &fed.signing_keys).map_err(|e| e.to_string())?;
    let key_id = signer.public_key().id;
    let body = due.body.clone().into_bytes();
    let url = inbox.clone();
    let (headers, body) = tokio::task::spawn_blocking(move || {
        signature::sign_post(&url, &body, &key_id, &key).map(|headers| (headers, body))
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())?;
    let mut request = fed.client.post(inbox).body(body);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.map_err(|e| e.to_string())?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    // Refused for good (a 4xx other than a timeout or a rate limit): retrying would not help,
    // as Mastodon's and activitypub_federation's senders also decide.
    let permanent = status.is_client_error()
        && status != reqwest::StatusCode::REQUEST_TIMEOUT
        && status != reqwest::StatusCode::TOO_MANY_REQUESTS;
    let text = limited_text(response).await;
    if permanent {
        tracing::info!(inbox = %due.inbox, %status, %text, "delivery refused by the receiver");
        Ok(())
    } else {
        Err(format!("{status}: {text}"))
    }
}

/// The start of a response's body, for the log: at most 1 KiB is read.
async fn limited_text(mut response: reqwest::Response) -> String {
    let mut text = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        text.extend_from_slice(&chunk);
        if text.len() >= 1024 {
            text.truncate(1024);
            break;
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

/// Delivers what is due, until nothing is. Answers how many deliveries were attempted.
pub async fn deliver_due(config: &FederationConfig<FedData>) -> Result<usize, FedError> {
    let fed = FedData::clone(config);
    let global = Arc::new(Semaphore::new(CONCURRENCY));
    let mut per_host: HashMap<String, Arc<Semaphore>> = HashMap::new();
    let mut signers: HashMap<String, Arc<ApActor>> = HashMap::new();
    let mut attempted = 0;
    loop {
        let batch = fed
            .db(|conn| {
                queue::claim_due(
                    conn,
                    CONCURRENCY as i64 * 2,
                    RUN,
                    chrono::Duration::seconds(LEASE_SECONDS),
                )
            })
            .await?;
        if batch.is_empty() {
            return Ok(attempted);
        }
        let mut running = Vec::new();
        for run in queue::runs(batch) {
            let signer_id = run[0].signer_ap_id.clone();
            let signer = match signers.get(&signer_id) {
                Some(s) => s.clone(),
                None => {
                    let loaded = if signer_id == fed.instance.url("/actor") {
                        Some(crate::actors::instance_actor(&fed).await?)
                    } else {
                        ApActor::load(&fed, &signer_id).await?
                    };
                    let Some(loaded) = loaded else {
                        let fed = fed.clone();
                        fed.clone()
                            .db(move |conn| {
                                for due in &run {
                                    queue::failed(
                                        conn,
                                        due,
                                        "the signing actor is gone",
                                        true,
                                        &fed.settings.backoff,
                                    )?;
                                }
                                Ok(())
                            })
                            .await?;
                        continue;
                    };
                    let loaded = Arc::new(loaded);
                    signers.insert(signer_id, loaded.clone());
                    loaded
                }
            };
            let host_limit = per_host
                .entry(run[0].host.clone())
                .or_insert_with(|| Arc::new(Semaphore::new(PER_HOST)))
                .clone();
            attempted += run.len();
            running.push(tokio::spawn(deliver_run(
                fed.clone(),
                signer,
                run,
                global.clone(),
                host_limit,
            )));
        }
        for task in running {
            let _ = task.await;
        }
    }
}

/// Sends a run of one actor's deliveries to one inbox, in order, one at a time. A failure ends
/// the run: the rest is let go, to wait behind the failed one. So does a slow run nearing its
/// lease, so that another process never takes what this one is still sending. The first success
/// is recorded at once (the host answers again); the later ones together at the end.
async fn deliver_run(
    fed: FedData,
    signer: Arc<ApActor>,
    run: Vec<queue::Due>,
    global: Arc<Semaphore>,
    host_limit: Arc<Semaphore>,
) {
    let started = std::time::Instant::now();
    let mut succeeded: Option<Vec<String>> = None;
    let mut run = run.into_iter();
    for due in run.by_ref() {
        let outcome = {
            let _g = global.acquire().await;
            let _h = host_limit.acquire().await;
            send(&fed, &signer, &due).await
        };
        let failed = outcome.is_err();
        let result = match (outcome, succeeded.as_mut()) {
            (Ok(()), Some(done)) => {
                done.push(due.id);
                Ok(())
            }
            (Ok(()), None) => {
                succeeded = Some(Vec::new());
                fed.db(move |conn| queue::delivered(conn, &due)).await
            }
            (Err(error), _) => {
                tracing::info!(inbox = %due.inbox, %error, "delivery failed; will retry");
                let backoff = fed.settings.backoff;
                fed.db(move |conn| queue::failed(conn, &due, &error, false, &backoff))
                    .await
            }
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not record a delivery's outcome");
        }
        if failed || started.elapsed() > Duration::from_secs(LEASE_SECONDS as u64 / 3) {
            break;
        }
    }
    let done = succeeded.unwrap_or_default();
    let rest: Vec<String> = run.map(|due| due.id).collect();
    if done.is_empty() && rest.is_empty() {
        return;
    }
    let result = fed
        .db(move |conn| {
            queue::done_all(conn, &done)?;
            queue::release(conn, &rest)
        })
        .await;
    if let Err(e) = result {
        tracing::warn!(error = %e, "could not record the end of a run");
    }
}

/// Runs both loops until the process ends: changes are turned into deliveries as they come,
/// and due deliveries are sent.
pub fn spawn(config: FederationConfig<FedData>, wake: Arc<tokio::sync::Notify>) {
    tokio::spawn(async move {
        let fed = FedData::clone(&config);
        if let Err(e) = fed.db(queue::release_leases_at_start).await {
            tracing::warn!(error = %e, "releasing federation leases");
        }
        let mut prune = tokio::time::interval(Duration::from_secs(3600));
        loop {
            if let Err(e) = drain_outbox(&fed).await {
                tracing::warn!(error = %e, "federation outbox");
            }
            if let Err(e) = deliver_due(&config).await {
                tracing::warn!(error = %e, "federation delivery");
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                _ = prune.tick() => {
                    if let Err(e) = fed.db(comune_domain::peers::inbound::prune).await {
                        tracing::warn!(error = %e, "pruning received activity ids");
                    }
                }
            }
        }
    });
}
