//! The JSON-LD context of our documents: ActivityStreams, the security vocabulary (public keys),
//! and our extension terms, defined at a stable URL on every instance so each term expands.

use serde_json::{json, Value};

/// Our vocabulary's namespace. Terms expand under it whatever instance served them.
pub const NAMESPACE: &str = "https://w3id.org/comune/ns#";
/// Where each instance serves [`extension`].
pub const PATH: &str = "/ns/comune.jsonld";

/// The extension terms (also the document served at [`PATH`]).
pub fn extension() -> Value {
    json!({
        "@context": {
            "comune": NAMESPACE,
            "toot": "http://joinmastodon.org/ns#",
            "lemmy": "https://join-lemmy.org/ns#",
            "schema": "http://schema.org/",
            "featured": { "@id": "toot:featured", "@type": "@id" },
            "discoverable": "toot:discoverable",
            "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
            "sensitive": "as:sensitive",
            "postingRestrictedToMods": "lemmy:postingRestrictedToMods",
            "PropertyValue": "schema:PropertyValue",
            "value": "schema:value",
            "Channel": "comune:Channel",
            "channels": { "@id": "comune:channels", "@type": "@id", "@container": "@list" },
            "channel": { "@id": "comune:channel", "@type": "@id" },
            "channelKind": "comune:channelKind",
            "mz": "https://joinmobilizon.org/ns#",
            "ical": "http://www.w3.org/2002/12/cal/ical#",
            "timezone": { "@id": "mz:timezone", "@type": "schema:Text" },
            "address": "schema:address",
            "maximumAttendeeCapacity": "schema:maximumAttendeeCapacity"
        }
    })
}

/// The `@context` of every document we emit.
pub fn of_documents(instance: &comune_domain::Instance) -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        instance.url(PATH),
    ])
}
