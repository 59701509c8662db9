//! The inbox: signed activities from peers, once `receive` has checked the request (signature,
//! digest, date, policy, origin). Here we refuse replays, check that an actor only acts for what
//! is theirs, and hand the effect to the domain.

pub use crate::activity_kind::ActivityKind;
use activitypub_federation::config::Data;
use activitypub_federation::fetch::fetch_object_http;
use activitypub_federation::fetch::object_id::ObjectId;
use comune_domain::author::{Author, Text};
use comune_domain::membership::Standing;
use comune_domain::peers::target::{self, PostContext, Target};
use comune_domain::peers::{host_of, inbound, remote};
use comune_domain::posts::{self, Place};
use comune_domain::{comments, events};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use url::Url;

use crate::actors::{ActorKind, ApActor};
use crate::objects::{id_of, IncomingObject};
use crate::worker::{enqueue, enqueue_within};
use crate::{activities, FedData, FedError};
use comune_domain::vocabulary::ChannelKind;

/// Any activity: its envelope typed, the rest read per type.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Incoming {
    pub id: Url,
    #[serde(deserialize_with = "actor_id")]
    pub actor: Url,
    #[serde(rename = "type")]
    pub kind: ActivityKind,
    #[serde(default)]
    pub object: Value,
    /// Everything else (`to`, `cc`, `audience`, `content`, `endTime`, ...), kept so that what we
    /// pass on is what was sent.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

/// `actor` is usually an id, sometimes an embedded actor.
fn actor_id<'de, D: Deserializer<'de>>(d: D) -> Result<Url, D::Error> {
    let value = Value::deserialize(d)?;
    id_of(&value).ok_or_else(|| serde::de::Error::custom("actor is not an id"))
}

fn same_host(a: &Url, b: &Url) -> bool {
    host_of(a.as_str()) == host_of(b.as_str())
}

impl Incoming {
    /// Acts on a verified activity from `actor` (see `receive`).
    pub(crate) async fn receive_from(
        self,
        actor: ApActor,
        data: &Data<FedData>,
    ) -> Result<(), FedError> {
        // Likes, comments and posts, the bulk of what peers send, record their id as handled
        // where they are stored (a like or a comment in the same transaction: one commit for
        // both); everything else records it first.
        let deferred = matches!(
            self.kind,
            ActivityKind::Like | ActivityKind::Create | ActivityKind::Update
        );
        if !deferred {
            let id = self.id.to_string();
            let first = data.db(move |conn| inbound::first_time(conn, &id)).await?;
            if !first {
                // A replay or a retry: already handled.
                return Ok(());
            }
        }
        let record = deferred.then(|| self.id.to_string());
        let result = handle(&self, &actor, data, 0, record).await;
        if let Err(e) = &result {
            if matches!(e, FedError::Internal(_) | FedError::Remote(_)) {
                // Let the sender's retry get another chance.
                let id = self.id.to_string();
                let _ = data.db(move |conn| inbound::forget(conn, &id)).await;
            }
        }
        result
    }
}

/// Refuses activities from instances the policy excludes, before anything is fetched.
pub async fn check_policy(data: &FedData, actor: &Url) -> Result<(), FedError> {
    let host = host_of(actor.as_str())
        .ok_or_else(|| FedError::Malformed("actor without a host".into()))?;
    if data.permits(&host).await? {
        Ok(())
    } else {
        Err(FedError::Blocked(host))
    }
}

/// `record`: the activity's id, when it is still to be recorded as handled (see `receive`).
async fn handle(
    activity: &Incoming,
    actor: &ApActor,
    data: &Data<FedData>,
    depth: u8,
    record: Option<String>,
) -> Result<(), FedError> {
    use ActivityKind as K;
    match activity.kind {
        K::Follow => follow(activity, actor, data).await,
        K::Undo => undo(activity, actor, data).await,
        K::Accept => accept(activity, actor, data).await,
        K::Create | K::Update => receive_object(activity, actor, None, data, record).await,
        K::Delete => delete(activity, actor, data).await,
        K::Like => like(activity, actor, data, true, record).await,
        K::Block => block(activity, actor, data, true).await,
        K::Join => join(activity, actor, data, true).await,
        K::Leave => join(activity, actor, data, false).await,
        K::Flag => flag(activity, actor, data).await,
        K::Announce if depth == 0 => announce(activity, actor, data).await,
        // Kinds we do not act on yet are accepted and ignored, as peers expect.
        K::Announce | K::Other(_) => Ok(()),
    }
}

async fn local_community(
    data: &FedData,
    id: &Url,
) -> Result<Option<comune_domain::communities::Community>, FedError> {
    let id = id.to_string();
    let row = data.db(move |conn| remote::find_actor(conn, &id)).await?;
    Ok(match row {
        Some(remote::ActorRow::Community(c)) if c.local => Some(*c),
        _ => None,
    })
}

async fn follow(
    activity: &Incoming,
    actor: &ApActor,
    data: &Data<FedData>,
) -> Result<(), FedError> {
    let target = id_of(&activity.object)
        .ok_or_else(|| FedError::Malformed("Follow without an object".into()))?;
    let Some(community) = local_community(data, &target).await? else {
        return Err(FedError::NotFound);
    };
    if actor.kind != ActorKind::Person {
        return Err(FedError::Forbidden(
            "only people follow communities here".into(),
        ));
    }
    let account_id = actor.row_id.clone().unwrap_or_default();
    let community_id = community.id.clone();
    let added = data
        .db(move |conn| remote::add_follower(conn, &community_id, &account_id))
        .await;
    let follow_json = serde_json::to_value(activity)?;
    let reply = match added {
        Ok(()) => activities::accept(data, &community.ap_id, follow_json),
        Err(FedError::Forbidden(_)) => activities::reject(data, &community.ap_id, follow_json),
        Err(e) => return Err(e),
    };
    enqueue(
        data,
        &community.ap_id,
        &reply,
        vec![actor.shared_inbox_or_inbox_string()],
    )
    .await?;
    Ok(())
}

impl ApActor {
    pub fn shared_inbox_or_inbox_string(&self) -> String {
        self.shared_inbox
            .as_ref()
            .unwrap_or(&self.inbox)
            .to_string()
    }
}

async fn undo(activity: &Incoming, actor: &ApActor, data: &Data<FedData>) -> Result<(), FedError> {
    let inner = &activity.object;
    let inner_actor = inner.get("actor").and_then(id_of);
    if inner_actor.as_ref() != Some(&activity.actor) {
        return Err(FedError::Forbidden(
            "an actor may only undo its own activities".into(),
        ));
    }
    match ActivityKind::of(inner) {
        Some(ActivityKind::Follow) => {
            let target = inner
                .get("object")
                .and_then(id_of)
                .ok_or_else(|| FedError::Malformed("Follow without an object".into()))?;
            let Some(community) = local_community(data, &target).await? else {
                return Ok(());
            };
            let account_id = actor.row_id.clone().unwrap_or_default();
            data.db(move |conn| remote::remove_follower(conn, &community.id, &account_id))
                .await
        }
        Some(ActivityKind::Like) => {
            let inner: Incoming = serde_json::from_value(inner.clone())?;
            like(&inner, actor, data, false, None).await
        }
        Some(ActivityKind::Delete) if actor.kind == ActorKind::Group => {
            let inner: Incoming = serde_json::from_value(inner.clone())?;
            moderate(&inner, actor, data, false).await
        }
        Some(ActivityKind::Block) => {
            let inner: Incoming = serde_json::from_value(inner.clone())?;
            block(&inner, actor, data, false).await
        }
        _ => Ok(()),
    }
}

async fn accept(
    activity: &Incoming,
    actor: &ApActor,
    data: &Data<FedData>,
) -> Result<(), FedError> {
    if actor.kind != ActorKind::Group {
        return Ok(());
    }
    // The Follow is embedded, or named by the id we gave it.
    let follow: Value = match &activity.object {
        Value::String(id) => {
            let id = id.clone();
            let body = data
                .db(move |conn| comune_domain::peers::queue::outgoing_body(conn, &id))
                .await?;
            match body {
                Some(body) => serde_json::from_str(&body)?,
                None => return Ok(()),
            }
        }
        other => other.clone(),
    };
    if follow.get("object").and_then(id_of).as_ref() != Some(&actor.ap_id) {
        return Err(FedError::Forbidden(
            "a community may only accept follows of itself".into(),
        ));
    }
    let Some(follower) = follow.get("actor").and_then(id_of) else {
        return Err(FedError::Malformed("Follow without an actor".into()));
    };
    let follower = follower.to_string();
    let community_id = actor.row_id.clone().unwrap_or_default();
    data.db(move |conn| {
        let Some(remote::ActorRow::Account(account)) = remote::find_actor(conn, &follower)? else {
            return Ok(false);
        };
        if !account.local {
            return Ok(false);
        }
        remote::follow_accepted(conn, &community_id, &account.id)
    })
    .await?;
    Ok(())
}

/// Where an incoming object is meant to land: a local community named in its audience, or the
/// remote community that announced it.
async fn target_community(
    object: &IncomingObject,
    announcer: Option<&ApActor>,
    data: &FedData,
) -> Result<Option<comune_domain::communities::Community>, FedError> {
    if let Some(group) = announcer {
        let id = group.row_id.clone().unwrap_or_default();
        return Ok(Some(
            data.db(move |conn| comune_domain::communities::get(conn, &id))
                .await?,
        ));
    }
    for candidate in &object.audience {
        if let Some(c) = local_community(data, candidate).await? {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// Stores a post or comment that `actor` created or updated; `announcer` is the remote
/// community that passed it on, if any. Posts to a local community are announced to its
/// followers. `record`: the activity's id, to record as handled with what it stores.
async fn receive_object(
    activity: &Incoming,
    actor: &ApActor,
    announcer: Option<&ApActor>,
    data: &Data<FedData>,
    record: Option<String>,
) -> Result<(), FedError> {
    let object = IncomingObject::parse(&activity.object)?;
    if object.attributed_to != actor.ap_id || !same_host(&object.id, &actor.ap_id) {
        return Err(FedError::Forbidden(
            "an actor may only create its own objects".into(),
        ));
    }
    let author_id = actor.row_id.clone().unwrap_or_default();
    let community = if object.is_comment() {
        None
    } else {
        match target_community(&object, announcer, data).await? {
            Some(c) => Some(c),
            // A post for no community of ours (a Mastodon status to its followers): ignored.
            None => return Ok(()),
        }
    };
    let local_community = match &object.in_reply_to {
        Some(in_reply_to) => {
            let target = in_reply_to.to_string();
            let object = object.clone();
            let fed = FedData::clone(data);
            let activity = serde_json::to_value(activity)?;
            // One trip to the database: what the reply answers, the write (with the rules every
            // comment obeys, in `comments`) and, in a local community, the announce to its
            // followers.
            data.db(move |conn| {
                let (context, parent_id, standing) =
                    match target::find_for(conn, &target, &author_id)? {
                        Some((Target::Post(context), standing)) => (context, None, standing),
                        Some((Target::Comment(c, context), standing)) => {
                            (context, Some(c.id), standing)
                        }
                        // A reply to something we do not know: nothing to attach it to.
                        None => return Ok(()),
                    };
                let PostContext {
                    post,
                    channel,
                    community,
                } = context;
                let author = Author::Remote {
                    account_id: &author_id,
                    object_ap_id: object.id.as_str(),
                    published: object.published,
                };
                let text = Text::Html {
                    html: &object.html,
                    mentions: &object.mentions,
                };
                let place = Place {
                    post: &post,
                    channel: &channel,
                    standing: &standing,
                };
                comune_domain::db::transaction(conn, |conn| {
                    if !first_time_in(conn, record.as_deref())? {
                        return Ok(());
                    }
                    let created = comments::create_loaded(
                        conn,
                        &fed.instance,
                        &place,
                        author,
                        parent_id.as_deref(),
                        text,
                    )?;
                    if created.is_none() {
                        // Known already: an edit, or the same comment in a new activity.
                        let known = comments::by_ap_id(conn, object.id.as_str())?;
                        comments::edit_loaded(conn, &fed.instance, &known, &place, author, text)?;
                    }
                    if community.local {
                        announce_within(conn, &fed, &community, activity)?;
                    }
                    Ok(())
                })
            })
            .await?;
            // Announced already, if it was for a local community.
            None
        }
        None => {
            if let Some(id) = record {
                if !data.db(move |conn| inbound::first_time(conn, &id)).await? {
                    return Ok(());
                }
            }
            let community = community.expect("posts have a community");
            let channel_ap_id = object.channel.as_ref().map(Url::to_string);
            if let (Some(group), Some(channel)) = (announcer, channel_ap_id.clone()) {
                // A channel created after we cached the community: read its document again.
                let known = data
                    .db(move |conn| remote::channel_known(conn, &channel))
                    .await?;
                if !known {
                    ObjectId::<ApActor>::from(group.ap_id.clone())
                        .dereference_forced(data)
                        .await?;
                }
            }
            let post = object.as_post(&author_id);
            let event = object.event.clone();
            let instance = data.instance.clone();
            let is_local = community.local;
            let community_id = community.id.clone();
            let kind = ChannelKind::for_remote_post(event.is_some());
            data.db(move |conn| {
                let channel = if is_local {
                    match channel_ap_id.as_deref() {
                        Some(ap_id) => remote::local_channel_by_ap_id(conn, &instance, ap_id)?
                            .filter(|c| c.community_id == community_id),
                        None => None,
                    }
                    .map(Ok)
                    .unwrap_or_else(|| remote::channel_for_kind(conn, &community_id, None, kind))?
                } else {
                    remote::channel_for_kind(conn, &community_id, channel_ap_id.as_deref(), kind)?
                };
                let standing = Standing::of(conn, &community_id, Some(&post.author_id))?;
                let author = remote_author(&post.author_id, &post.ap_id);
                if !posts::may_start(conn, &channel, &standing, is_local, &author)? {
                    return Err(comune_domain::Error::Forbidden);
                }
                let (stored, _) = remote::upsert_post(conn, &channel, &post)?;
                if let Some(event) = &event {
                    remote::upsert_event(conn, &stored.id, event)?;
                }
                Ok(())
            })
            .await?;
            is_local.then_some(community)
        }
    };
    if let Some(community) = local_community {
        announce_to_followers(data, &community, activity).await?;
    }
    Ok(())
}

/// A local community passes on what a remote person did in it (FEP-1b12).
async fn announce_to_followers(
    data: &FedData,
    community: &comune_domain::communities::Community,
    activity: &Incoming,
) -> Result<(), FedError> {
    let fed = data.clone();
    let community = community.clone();
    let activity = serde_json::to_value(activity)?;
    data.db(move |conn| {
        comune_domain::db::transaction(conn, |conn| {
            announce_within(conn, &fed, &community, activity)
        })
    })
    .await
}

/// [`announce_to_followers`] inside the caller's transaction.
fn announce_within(
    conn: &mut comune_domain::DbConnection,
    data: &FedData,
    community: &comune_domain::communities::Community,
    activity: Value,
) -> comune_domain::Result<()> {
    let inboxes = data.follower_inboxes(conn, community)?;
    if inboxes.is_empty() {
        return Ok(());
    }
    let announce = activities::announce(data, &community.ap_id, activity);
    enqueue_within(
        conn,
        data,
        &community.ap_id,
        &announce,
        inboxes.iter().cloned(),
    )?;
    Ok(())
}

/// Whether an activity is a moderator's: a `Block`, a `Delete` with a `summary` (the reason;
/// Lemmy's mark of a removal, where the author's own deletion has none), or the `Undo` of one.
fn is_moderation(activity: &Incoming) -> bool {
    fn acts(kind: &ActivityKind, has_summary: bool) -> bool {
        *kind == ActivityKind::Block || (*kind == ActivityKind::Delete && has_summary)
    }
    match &activity.kind {
        ActivityKind::Undo => ActivityKind::of(&activity.object)
            .is_some_and(|kind| acts(&kind, activity.object.get("summary").is_some())),
        kind => acts(kind, activity.rest.contains_key("summary")),
    }
}

/// Records `id` as handled, if given, inside the caller's transaction; answers `false` for one
/// handled already (a replay or a retry), which then changes nothing.
fn first_time_in(
    conn: &mut comune_domain::DbConnection,
    id: Option<&str>,
) -> comune_domain::Result<bool> {
    match id {
        Some(id) => inbound::first_time(conn, id),
        None => Ok(true),
    }
}

/// A community removes or restores content posted in it (its moderators' decision).
async fn moderate(
    activity: &Incoming,
    group: &ApActor,
    data: &Data<FedData>,
    removed: bool,
) -> Result<(), FedError> {
    let target = id_of(&activity.object)
        .ok_or_else(|| FedError::Malformed("Delete without an object".into()))?;
    let community_id = group.row_id.clone().unwrap_or_default();
    let target = target.to_string();
    data.db(move |conn| remote::moderate_object(conn, &community_id, &target, removed))
        .await?;
    Ok(())
}

/// The far future, for bans without an end.
fn forever() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(9999, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

/// A community bans (or unbans) a person.
async fn block(
    activity: &Incoming,
    group: &ApActor,
    data: &Data<FedData>,
    on: bool,
) -> Result<(), FedError> {
    if group.kind != ActorKind::Group {
        // A person blocking another is their own business.
        return Ok(());
    }
    let person = id_of(&activity.object)
        .ok_or_else(|| FedError::Malformed("Block without an object".into()))?;
    let until = on.then(|| {
        activity_value(activity, "endTime")
            .and_then(|v| v.as_str().map(str::to_owned))
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.naive_utc())
            .unwrap_or_else(forever)
    });
    let community_id = group.row_id.clone().unwrap_or_default();
    let person = person.to_string();
    data.db(move |conn| {
        let Some(remote::ActorRow::Account(account)) = remote::find_actor(conn, &person)? else {
            return Ok(());
        };
        remote::ban_in(conn, &community_id, &account.id, until)
    })
    .await
}

fn activity_value(activity: &Incoming, key: &str) -> Option<Value> {
    activity.rest.get(key).cloned()
}

/// Applies `effect` to the public post an activity names (nothing when we do not know it), with the
/// sender as its remote author and whether the community lives here, then has a local community
/// pass the activity on to its followers, all in one database trip.
async fn act_on_public_post<F>(
    activity: &Incoming,
    actor: &ApActor,
    data: &Data<FedData>,
    what: &str,
    record: Option<String>,
    effect: F,
) -> Result<(), FedError>
where
    F: FnOnce(&mut comune_domain::DbConnection, &Place, Author, bool) -> comune_domain::Result<()>
        + Send
        + 'static,
{
    let actor_id = actor.row_id.clone().unwrap_or_default();
    let activity_id = activity.id.to_string();
    let target = id_of(&activity.object)
        .ok_or_else(|| FedError::Malformed(format!("{what} without an object")))?
        .to_string();
    let fed = FedData::clone(data);
    let activity = serde_json::to_value(activity)?;
    data.db(move |conn| {
        let Some((Target::Post(context), standing)) = target::find_for(conn, &target, &actor_id)?
        else {
            return Ok(());
        };
        // Members-only content never leaves the instance, not even as an undo passed on.
        if !context.channel.is_public() {
            return Err(comune_domain::Error::NotFound);
        }
        let place = Place {
            post: &context.post,
            channel: &context.channel,
            standing: &standing,
        };
        let author = remote_author(&actor_id, &activity_id);
        comune_domain::db::transaction(conn, |conn| {
            if !first_time_in(conn, record.as_deref())? {
                return Ok(());
            }
            effect(conn, &place, author, context.community.local)?;
            if context.community.local {
                announce_within(conn, &fed, &context.community, activity)?;
            }
            Ok(())
        })
    })
    .await
}

/// A remote person answers an event (Join) or withdraws (Leave), through the same functions as
/// a local answer; in a remote community the community's instance has placed them already.
async fn join(
    activity: &Incoming,
    actor: &ApActor,
    data: &Data<FedData>,
    going: bool,
) -> Result<(), FedError> {
    let instance = data.instance.clone();
    act_on_public_post(
        activity,
        actor,
        data,
        "Join",
        None,
        move |conn, place, author, home| {
            if going {
                events::rsvp_loaded(conn, &instance, place, home, author).map(drop)
            } else {
                events::cancel_rsvp_loaded(conn, place.post, place.channel, author).map(drop)
            }
        },
    )
    .await
}

/// A person of another instance as the author of `object_ap_id`, received now.
fn remote_author<'a>(account_id: &'a str, object_ap_id: &'a str) -> Author<'a> {
    Author::Remote {
        account_id,
        object_ap_id,
        published: chrono::Utc::now().naive_utc(),
    }
}

/// A remote person reports content of a local community: it joins the community's queue.
async fn flag(activity: &Incoming, actor: &ApActor, data: &Data<FedData>) -> Result<(), FedError> {
    let targets: Vec<Url> = crate::objects::ids_of(Some(&activity.object));
    let reason = activity_value(activity, "content")
        .or_else(|| activity_value(activity, "summary"))
        .and_then(|v| v.as_str().map(comune_domain::markdown::html_to_text))
        .unwrap_or_default();
    let reason: String = reason
        .chars()
        .take(comune_domain::moderation::REASON_MAX)
        .collect();
    let reporter = actor.row_id.clone().unwrap_or_default();
    for target in targets {
        let (target, reason, reporter) = (target.to_string(), reason.clone(), reporter.clone());
        data.db(move |conn| {
            use comune_domain::moderation::{report, Target, TargetKind};
            let (kind, id) = match remote::find_object(conn, &target)? {
                Some(remote::ObjectRow::Post(p)) if p.local => (TargetKind::Post, p.id),
                Some(remote::ObjectRow::Comment(c)) if c.local => (TargetKind::Comment, c.id),
                // Only content that lives here is reported here.
                _ => return Ok(()),
            };
            let reason = if reason.trim().is_empty() {
                "(no reason given)".to_owned()
            } else {
                reason
            };
            let target = Target {
                kind,
                id,
                community: None,
            };
            report(conn, &reporter, &target, &reason)?;
            Ok(())
        })
        .await?;
    }
    Ok(())
}

async fn delete(
    activity: &Incoming,
    actor: &ApActor,
    data: &Data<FedData>,
) -> Result<(), FedError> {
    if actor.kind == ActorKind::Group {
        return moderate(activity, actor, data, true).await;
    }
    let target = id_of(&activity.object)
        .ok_or_else(|| FedError::Malformed("Delete without an object".into()))?;
    if !same_host(&target, &actor.ap_id) {
        return Err(FedError::Forbidden(
            "an actor may only delete its own objects".into(),
        ));
    }
    let author_id = actor.row_id.clone().unwrap_or_default();
    let target_s = target.to_string();
    let community = data
        .db(move |conn| {
            let community = target::find(conn, &target_s)?.map(|t| t.context().community.clone());
            if !remote::delete_object(conn, &target_s, &author_id)? {
                return Ok(None);
            }
            Ok(community)
        })
        .await?;
    if let Some(community) = community.filter(|c| c.local) {
        announce_to_followers(data, &community, activity).await?;
    }
    Ok(())
}

async fn like(
    activity: &Incoming,
    actor: &ApActor,
    data: &Data<FedData>,
    on: bool,
    record: Option<String>,
) -> Result<(), FedError> {
    let instance = data.instance.clone();
    act_on_public_post(
        activity,
        actor,
        data,
        "Like",
        record,
        move |conn, place, author, _| {
            if on {
                posts::like_loaded(conn, &instance, place, author)
            } else {
                posts::unlike_loaded(conn, place.post, place.channel, author)
            }
        },
    )
    .await
}

async fn announce(
    activity: &Incoming,
    actor: &ApActor,
    data: &Data<FedData>,
) -> Result<(), FedError> {
    if actor.kind != ActorKind::Group {
        // A person's boost: nothing to do for a neighbourhood platform.
        return Ok(());
    }
    let inner: Incoming = match &activity.object {
        Value::Object(_) => serde_json::from_value(activity.object.clone())?,
        // An announced object by id (Mastodon-style boost of a Page): not handled yet.
        _ => return Ok(()),
    };
    if !same_host(&inner.actor, &inner.id) {
        return Err(FedError::Forbidden(
            "an announced activity's id and actor differ in host".into(),
        ));
    }
    if data.instance.public_url().host_str() == inner.id.host_str()
        && data.instance.public_url().port() == inner.id.port()
    {
        // Our own activity, passed back to us by the community: we have it already.
        return Ok(());
    }
    let id = inner.id.to_string();
    if !data.db(move |conn| inbound::first_time(conn, &id)).await? {
        return Ok(());
    }
    let inner_actor: ApActor = ObjectId::<ApActor>::from(inner.actor.clone())
        .dereference(data)
        .await?;
    // The group's instance vouches for activities of its own host. What it passes on from
    // elsewhere is checked at the origin: objects are fetched from there, and a deletion is
    // believed only if the origin no longer has the object.
    let vouched = same_host(&inner.id, &actor.ap_id);
    if vouched && inner_actor.kind != ActorKind::Group && is_moderation(&inner) {
        // A moderator's removal, restoration or ban, passed on by their community from its own
        // host: the community's own act (Lemmy sends them so, and so do we).
        return Box::pin(handle(&inner, actor, data, 1, None)).await;
    }
    match inner.kind {
        ActivityKind::Create | ActivityKind::Update if vouched => {
            receive_object(&inner, &inner_actor, Some(actor), data, None).await
        }
        ActivityKind::Create | ActivityKind::Update => {
            let object_id = id_of(&inner.object)
                .ok_or_else(|| FedError::Malformed("an activity without an object".into()))?;
            if !same_host(&object_id, &inner.actor) {
                return Err(FedError::Forbidden("an object from another host".into()));
            }
            let fetched = fetch_object_http::<FedData, Value>(&object_id, data).await?;
            let verified = Incoming {
                object: fetched.object,
                ..inner.clone()
            };
            receive_object(&verified, &inner_actor, Some(actor), data, None).await
        }
        ActivityKind::Delete if !vouched => {
            let object_id = id_of(&inner.object)
                .ok_or_else(|| FedError::Malformed("Delete without an object".into()))?;
            match fetch_object_http::<FedData, Value>(&object_id, data).await {
                Err(activitypub_federation::error::Error::NotFound)
                | Err(activitypub_federation::error::Error::ObjectDeleted(_)) => {
                    Box::pin(handle(&inner, &inner_actor, data, 1, None)).await
                }
                Ok(doc) if doc.object.get("type").and_then(Value::as_str) == Some("Tombstone") => {
                    Box::pin(handle(&inner, &inner_actor, data, 1, None)).await
                }
                _ => Ok(()),
            }
        }
        _ => Box::pin(handle(&inner, &inner_actor, data, 1, None)).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(doc: Value) -> Incoming {
        serde_json::from_value(doc).unwrap()
    }

    #[test]
    fn a_moderators_act_is_told_from_an_authors_deletion() {
        let delete = |summary: Option<&str>| {
            let mut d = serde_json::json!({
                "type": "Delete",
                "id": "http://a.test/activities/delete/1",
                "actor": "http://a.test/u/mod",
                "object": "http://b.test/comment/1",
            });
            if let Some(s) = summary {
                d["summary"] = Value::String(s.into());
            }
            d
        };
        // Lemmy marks a removal by its reason, even an empty one.
        assert!(is_moderation(&incoming(delete(Some("spam")))));
        assert!(is_moderation(&incoming(delete(Some("")))));
        assert!(!is_moderation(&incoming(delete(None))));
        let undo = |inner: Value| {
            incoming(serde_json::json!({
                "type": "Undo",
                "id": "http://a.test/activities/undo/1",
                "actor": "http://a.test/u/mod",
                "object": inner,
            }))
        };
        assert!(is_moderation(&undo(delete(Some("")))));
        assert!(!is_moderation(&undo(delete(None))));
        let block = serde_json::json!({
            "type": "Block",
            "id": "http://a.test/activities/block/1",
            "actor": "http://a.test/u/mod",
            "object": "http://b.test/u/eve",
            "target": "http://a.test/c/ospizio",
        });
        assert!(is_moderation(&incoming(block.clone())));
        assert!(is_moderation(&undo(block)));
        let like = serde_json::json!({
            "type": "Like",
            "id": "http://a.test/activities/like/1",
            "actor": "http://a.test/u/mod",
            "object": "http://b.test/post/1",
            "summary": "not a moderation",
        });
        assert!(!is_moderation(&incoming(like.clone())));
        assert!(!is_moderation(&undo(like)));
    }
}
