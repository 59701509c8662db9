//! Building the activities we send. Every activity has a dereferenceable id under
//! `/activities/{kind}/{uuid}` and carries our JSON-LD context.

use serde_json::{json, Value};

use crate::objects::PUBLIC;
use crate::FedData;

pub fn new_id(data: &FedData, kind: &str) -> String {
    data.instance.url(&format!(
        "/activities/{}/{}",
        kind.to_ascii_lowercase(),
        comune_domain::tokens::new_id()
    ))
}

/// Puts our `@context` on a document.
pub fn with_context(data: &FedData, mut activity: Value) -> Value {
    activity["@context"] = crate::context::of_documents(&data.instance);
    activity
}

/// `Create` or `Update` of an object by its author, addressed to the public and the community.
pub fn create_or_update(
    data: &FedData,
    kind: &str,
    actor: &str,
    object: Value,
    community: &str,
) -> Value {
    with_context(
        data,
        json!({
            "type": kind,
            "id": new_id(data, kind),
            "actor": actor,
            "to": [PUBLIC],
            "cc": [community],
            "audience": community,
            "object": object,
        }),
    )
}

/// A community passes on what was done in it to its followers (FEP-1b12). The inner activity
/// (or object id) loses its own `@context`: the outer one covers it.
pub fn announce(data: &FedData, community: &str, mut inner: Value) -> Value {
    if let Some(map) = inner.as_object_mut() {
        map.remove("@context");
    }
    with_context(
        data,
        json!({
            "type": "Announce",
            "id": new_id(data, "Announce"),
            "actor": community,
            "to": [PUBLIC],
            "cc": [format!("{community}/followers")],
            "audience": community,
            "object": inner,
        }),
    )
}

/// A community boosts a post by its id. Microblogs (Mastodon, GoToSocial, Pleroma) act on an
/// `Announce` of an object, not of a `Create`; Lemmy sends both too, and peers that know the
/// post already ignore this one.
pub fn announce_object(data: &FedData, community: &str, object_id: &str) -> Value {
    announce(data, community, Value::String(object_id.to_owned()))
}

pub fn follow(data: &FedData, actor: &str, community: &str) -> Value {
    with_context(
        data,
        json!({
            "type": "Follow",
            "id": new_id(data, "Follow"),
            "actor": actor,
            "to": [community],
            "object": community,
        }),
    )
}

pub fn accept(data: &FedData, community: &str, mut follow: Value) -> Value {
    let to = follow.get("actor").cloned().unwrap_or(Value::Null);
    if let Some(map) = follow.as_object_mut() {
        map.remove("@context");
    }
    with_context(
        data,
        json!({
            "type": "Accept",
            "id": new_id(data, "Accept"),
            "actor": community,
            "to": [to],
            "object": follow,
        }),
    )
}

pub fn reject(data: &FedData, community: &str, mut follow: Value) -> Value {
    let mut accept = accept(data, community, follow.take());
    accept["type"] = json!("Reject");
    accept["id"] = json!(new_id(data, "Reject"));
    accept
}

/// Takes back an earlier activity of the same actor.
pub fn undo(data: &FedData, actor: &str, mut inner: Value, to: &str) -> Value {
    if let Some(map) = inner.as_object_mut() {
        map.remove("@context");
    }
    with_context(
        data,
        json!({
            "type": "Undo",
            "id": new_id(data, "Undo"),
            "actor": actor,
            "to": [to],
            "object": inner,
        }),
    )
}

pub fn like(data: &FedData, actor: &str, object: &str, community: &str) -> Value {
    with_context(
        data,
        json!({
            "type": "Like",
            "id": new_id(data, "Like"),
            "actor": actor,
            "to": [PUBLIC],
            "cc": [community],
            "audience": community,
            "object": object,
        }),
    )
}

pub fn delete(data: &FedData, actor: &str, object: &str, community: &str) -> Value {
    with_context(
        data,
        json!({
            "type": "Delete",
            "id": new_id(data, "Delete"),
            "actor": actor,
            "to": [PUBLIC],
            "cc": [community],
            "audience": community,
            "object": object,
        }),
    )
}
