//! The JSON-LD context of our documents: ActivityStreams, the security vocabulary (public keys),
//! and our extension terms, defined at a stable URL on every instance so each term expands.

use serde_json::{json, Value};

/// Our vocabulary's namespace. Terms expand under it whatever instance served them.
pub const NAMESPACE: &str = "https://w3id.org/comune/ns#";
/// Where each instance serves [`extension`].
pub const PATH: &str = comune_domain::instance::EXTENSION_CONTEXT_PATH;

/// The extension terms (also the document served at [`PATH`]). Every term our documents use
/// beyond ActivityStreams and the security vocabulary is defined here, under the IRI its
/// originator gives it (Mastodon's `toot:`, Lemmy's `lemmy:`, schema.org), ours under
/// [`NAMESPACE`]; `tests/tests/jsonld.rs` expands every kind of document we emit with a real
/// JSON-LD processor and fails on any term that is not.
pub fn extension() -> Value {
    let mut context = json!({
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
            "maximumAttendeeCapacity": "schema:maximumAttendeeCapacity",
            // A Tombstone's `formerType` names a type (`"Page"`), but the ActivityStreams
            // context long defined it with base-relative values (`"@type": "@id"`), so it
            // expanded to a relative IRI instead of `as:Page` (w3c/activitystreams#642). Defined
            // again here, vocabulary-relative, it expands right with either version.
            "formerType": { "@id": "as:formerType", "@type": "@vocab" }
        }
    });
    // Citizenship accords (docs/accords.md): the version document, its signatory, and the
    // signatories' keys.
    let accords = json!({
        "accord": { "@id": "comune:accord", "@type": "@id" },
        "version": "comune:version",
        "previousHash": "comune:previousHash",
        "startDate": { "@id": "schema:startDate", "@type": "schema:Date" },
        "endDate": { "@id": "schema:endDate", "@type": "schema:Date" },
        "parties": { "@id": "comune:parties", "@container": "@list" },
        "projects": { "@id": "comune:projects", "@container": "@list" },
        "indicators": { "@id": "comune:indicators", "@container": "@list" },
        "key": "comune:key",
        "kind": "comune:kind",
        "organization": { "@id": "comune:organization", "@type": "@id" },
        "person": { "@id": "comune:person", "@type": "@id" },
        "title": "schema:name",
        "description": "schema:description",
        "budgetCents": "comune:budgetCents",
        "owners": { "@id": "comune:owners", "@container": "@list" },
        "unit": "comune:unit",
        "baseline": "comune:baseline",
        "targetValue": "comune:targetValue",
        "project": "comune:project",
        "signatory": "comune:signatory",
        "role": "comune:role",
        // People's signing keys on their actor (FEP-521a), in the security vocabulary.
        "assertionMethod": { "@id": "sec:assertionMethod", "@type": "@id", "@container": "@set" },
        "Multikey": "sec:Multikey",
        "controller": { "@id": "sec:controller", "@type": "@id" },
        "publicKeyMultibase": { "@id": "sec:publicKeyMultibase", "@type": "sec:multibase" },
        "revoked": { "@id": "sec:revoked", "@type": "xsd:dateTime" }
    });
    if let (Some(Value::Object(terms)), Value::Object(more)) =
        (context.get_mut("@context"), accords)
    {
        terms.extend(more);
    }
    context
}

/// The `@context` of every document we emit.
pub fn of_documents(instance: &comune_domain::Instance) -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        instance.url(PATH),
    ])
}
