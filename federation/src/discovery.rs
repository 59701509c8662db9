//! Discovery documents: WebFinger answers for people and communities (one namespace), and
//! NodeInfo 2.1.

use serde_json::{json, Value};

use crate::FedData;

/// The actor id `acct:name@host` names on this instance, if any.
pub async fn webfinger_target(data: &FedData, resource: &str) -> Option<(String, &'static str)> {
    let acct = resource.strip_prefix("acct:").unwrap_or(resource);
    let (name, host) = acct.rsplit_once('@')?;
    if !host.eq_ignore_ascii_case(&data.instance.domain()) {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let (community_id, person_id) = (
        data.instance.community_id(&name),
        data.instance.person_id(&name),
    );
    let found = data
        .db(move |conn| {
            use comune_domain::peers::remote::{find_actor, ActorRow};
            Ok(match find_actor(conn, &community_id)? {
                Some(ActorRow::Community(c)) if c.local => Some((c.ap_id, "Group")),
                _ => match find_actor(conn, &person_id)? {
                    Some(ActorRow::Account(a)) if a.local && a.suspended_at.is_none() => {
                        Some((a.ap_id, "Person"))
                    }
                    _ => None,
                },
            })
        })
        .await
        .ok()
        .flatten();
    found
}

pub fn webfinger_json(subject: &str, actor_id: &str, kind: &str) -> Value {
    json!({
        "subject": subject,
        "aliases": [actor_id],
        "links": [
            {
                "rel": "http://webfinger.net/rel/profile-page",
                "type": "text/html",
                "href": actor_id,
                // Empty, but present: Lemmy 0.17 refuses a response where a link lacks it
                // (found against a real Lemmy 0.17.4).
                "properties": {},
            },
            {
                "rel": "self",
                "type": crate::ACTIVITY_JSON,
                "href": actor_id,
                "properties": { "https://www.w3.org/ns/activitystreams#type": kind },
            }
        ]
    })
}

pub fn nodeinfo_links(data: &FedData) -> Value {
    json!({
        "links": [{
            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
            "href": data.instance.url("/nodeinfo/2.1"),
        }]
    })
}

pub fn nodeinfo(
    usage: &comune_domain::peers::remote::Usage,
    open_registrations: bool,
    policy: &str,
    name: &str,
) -> Value {
    json!({
        "version": "2.1",
        "software": {
            "name": "comune",
            "version": env!("CARGO_PKG_VERSION"),
            "repository": "https://example.invalid/comune",
            "homepage": "https://example.invalid/comune",
        },
        "protocols": ["activitypub"],
        "services": { "inbound": [], "outbound": [] },
        "openRegistrations": open_registrations,
        "usage": {
            "users": {
                "total": usage.users,
                "activeMonth": usage.active_month,
                "activeHalfyear": usage.active_halfyear,
            },
            "localPosts": usage.local_posts,
            "localComments": usage.local_comments,
        },
        "metadata": {
            "nodeName": name,
            "communities": usage.communities,
            "federation": { "policy": policy },
        }
    })
}
