//! The inbox's front door: everything checked of a signed request before its activity is acted
//! on. In order, cheapest first:
//!
//! 1. it is signed, and the signature covers a date that is not in the future (`signed_date`);
//! 2. the body matches its SHA-256 digest;
//! 3. the body is an activity with an actor, from an instance the policy admits;
//! 4. the activity's id and actor share a host, which is not ours, over an allowed scheme;
//! 5. the actor is known or fetched (through the guarded client), and its key verifies the
//!    signature (`signature`).
//!
//! `activitypub_federation::actix_web::inbox::receive_activity` did 2, 4 and 5; this is the same
//! with a faster RSA (see `signature`), one JSON parse and one actor look-up per activity.

use std::collections::BTreeMap;

use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use comune_domain::peers::host_of;
use serde_json::Value;
use url::Url;

use crate::actors::ApActor;
use crate::inbox::{check_policy, Incoming};
use crate::objects::id_of;
use crate::{signature, signed_date, FedData, FedError};

/// The parts of an HTTP request the inbox reads.
pub struct InboundRequest<'a> {
    pub method: &'a str,
    /// The path with its query string, as received: signatures cover both.
    pub path_and_query: &'a str,
    /// Header names in lower case; a repeated header keeps one value.
    pub headers: BTreeMap<String, String>,
    pub body: &'a [u8],
}

/// Checks `request` and acts on its activity. Refusals are logged with what could be read of the
/// activity.
pub async fn receive(data: &Data<FedData>, request: InboundRequest<'_>) -> Result<(), FedError> {
    let mut seen = Seen::default();
    let result = checked(data, request, &mut seen).await;
    if let Err(e) = &result {
        tracing::info!(
            kind = seen.kind.as_deref().unwrap_or("?"),
            id = seen.id.as_deref().unwrap_or("?"),
            actor = seen.actor.as_deref().unwrap_or("?"),
            error = %e,
            "inbound activity refused"
        );
    }
    result
}

/// What the log says of a refused activity.
#[derive(Default)]
struct Seen {
    kind: Option<String>,
    id: Option<String>,
    actor: Option<String>,
}

async fn checked(
    data: &Data<FedData>,
    request: InboundRequest<'_>,
    seen: &mut Seen,
) -> Result<(), FedError> {
    let header = |name: &str| request.headers.get(name).map(String::as_str);
    let sig = header("signature")
        .ok_or_else(|| FedError::Signature("the request is not signed".into()))?;
    signed_date::check(sig, header("date"), chrono::Utc::now())?;
    signature::check_digest(header("digest"), request.body)?;

    let value: Value = serde_json::from_slice(request.body)?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    seen.kind = text("type");
    seen.id = text("id");
    let actor_id = value
        .get("actor")
        .and_then(id_of)
        .ok_or_else(|| FedError::Malformed("an activity needs an actor".into()))?;
    seen.actor = Some(actor_id.to_string());
    check_policy(data.app_data(), &actor_id).await?;
    let activity: Incoming = serde_json::from_value(value)?;
    check_origin(
        &data.instance.domain(),
        data.settings.allow_private,
        &activity.id,
        &activity.actor,
    )?;

    let actor: ApActor = ObjectId::<ApActor>::from(activity.actor.clone())
        .dereference(data)
        .await?;
    let domain = data.instance.domain();
    signature::verify(
        signature::SignedRequest {
            method: request.method,
            path_and_query: request.path_and_query,
            headers: request.headers,
            domain: &domain,
        },
        &actor.public_key_pem,
        &data.keys,
    )?;
    activity.receive_from(actor, data).await
}

/// An activity's id must be on its actor's host (so an actor cannot name another's activities),
/// and be a remote URL (see [`remote_host`]).
fn check_origin(ours: &str, allow_private: bool, id: &Url, actor: &Url) -> Result<(), FedError> {
    let host = remote_host(id, ours, allow_private)
        .map_err(|why| FedError::Forbidden(format!("the activity's id: {why}")))?;
    if host_of(actor.as_str()).as_deref() != Some(host.as_str()) {
        return Err(FedError::Forbidden(
            "the activity's id and actor are on different hosts".into(),
        ));
    }
    Ok(())
}

/// The host of `url` if it names another instance: https on a domain name (not an address)
/// that is not `ours`, without an explicit port. The test setting that allows private
/// addresses also allows plain http and ports.
pub(crate) fn remote_host(
    url: &Url,
    ours: &str,
    allow_private: bool,
) -> Result<String, &'static str> {
    match url.scheme() {
        "https" => {}
        "http" if allow_private => {}
        _ => return Err("not https"),
    }
    if url.port().is_some() && !allow_private {
        return Err("an explicit port");
    }
    let host = host_of(url.as_str()).ok_or("no host")?;
    if host == ours.to_ascii_lowercase() {
        return Err("this instance");
    }
    let name = host
        .rsplit_once(':')
        .map_or(host.as_str(), |(name, _)| name);
    if !matches!(url.host(), Some(url::Host::Domain(_)))
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    {
        return Err("not a domain name");
    }
    Ok(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(id: &str, actor: &str, allow_http: bool) -> Result<(), FedError> {
        let url = |s: &str| Url::parse(s).unwrap();
        check_origin("comune.test", allow_http, &url(id), &url(actor))
    }

    #[test]
    fn origin_rules() {
        let ada = "https://lemmy.example/u/ada";
        assert!(check("https://lemmy.example/activities/1", ada, false).is_ok());
        assert!(check("https://Lemmy.Example./activities/1", ada, false).is_ok());
        // Another host's activity, plain http, ours, an IP literal.
        assert!(check("https://other.example/activities/1", ada, false).is_err());
        assert!(check("http://lemmy.example/activities/1", ada, false).is_err());
        assert!(check("https://comune.test/a/1", "https://comune.test/u/x", false).is_err());
        assert!(check("https://[::1]/a/1", "https://[::1]/u/x", false).is_err());
        // The test setting admits plain http, with a port.
        assert!(check(
            "http://peer.test:8080/a/1",
            "http://peer.test:8080/u/x",
            true
        )
        .is_ok());
    }
}
