//! The bundle: everything needed to check an accord without trusting the server that exports
//! it (every version as stored, every proof, every public key with its creation and revocation
//! times), and the check itself, which needs no database and no network (`comune accord
//! verify FILE`). The web client checks bundles with its own code.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use comune_integrity::Multikey;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::content::time_text;
use super::signatures::{self, signing_document};
use super::{get_visible, versions};
use crate::db::DbConnection;
use crate::error::Result;
use crate::schema::{accounts, signing_keys};

pub const FORMAT: &str = "comune-accord-bundle/1";

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Bundle {
    /// `comune-accord-bundle/1`.
    pub format: String,
    pub accord: BundleAccord,
    /// Oldest first.
    pub versions: Vec<BundleVersion>,
    pub signatures: Vec<BundleSignature>,
    /// The keys the signatures name.
    pub keys: Vec<BundleKey>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BundleAccord {
    /// The accord's ActivityPub id: every version document names it.
    pub id: String,
    pub title: String,
    pub state: String,
    pub exported_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BundleVersion {
    pub number: i32,
    /// The version document in its canonical form (RFC 8785), exactly as stored.
    pub canonical: String,
    /// SHA-256 of `canonical`, hexadecimal.
    pub hash: String,
    pub previous_hash: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BundleSignature {
    pub version: i32,
    /// The signatory block, as signed.
    #[schema(value_type = Object)]
    pub signatory: Value,
    /// The Data Integrity proof.
    #[schema(value_type = Object)]
    pub proof: Value,
    /// When the server received it (its word, not part of what was signed).
    pub received_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BundleKey {
    /// The `verificationMethod` id.
    pub id: String,
    /// The person's ActivityPub id.
    pub controller: String,
    pub public_key_multibase: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// The bundle of an accord `viewer` may see.
pub fn export(conn: &mut DbConnection, accord_id: &str, viewer: Option<&str>) -> Result<Bundle> {
    let (accord, _) = get_visible(conn, accord_id, viewer)?;
    let versions = versions::all(conn, &accord.id)?;
    let signatures = signatures::of(conn, &accord.id)?;
    let key_ids: Vec<&String> = signatures.iter().map(|s| &s.key_id).collect();
    let keys: Vec<(String, String, NaiveDateTime, Option<NaiveDateTime>, String)> =
        signing_keys::table
            .inner_join(accounts::table)
            .filter(signing_keys::id.eq_any(key_ids))
            .order(signing_keys::created_at.asc())
            .select((
                signing_keys::key_id,
                signing_keys::public_key_multibase,
                signing_keys::created_at,
                signing_keys::revoked_at,
                accounts::ap_id,
            ))
            .load(conn)?;
    let mut out_signatures = Vec::with_capacity(signatures.len());
    for s in &signatures {
        out_signatures.push(BundleSignature {
            version: s.version,
            signatory: serde_json::from_str(&s.signatory).unwrap_or(Value::Null),
            proof: s.proof()?,
            received_at: time_text(s.received_at),
        });
    }
    Ok(Bundle {
        format: FORMAT.into(),
        accord: BundleAccord {
            id: accord.ap_id,
            title: accord.title,
            state: accord.state.to_string(),
            exported_at: time_text(crate::time::now()),
        },
        versions: versions
            .into_iter()
            .map(|v| BundleVersion {
                number: v.number,
                canonical: v.canonical,
                hash: v.hash,
                previous_hash: v.previous_hash,
            })
            .collect(),
        signatures: out_signatures,
        keys: keys
            .into_iter()
            .map(|(id, multibase, created, revoked, controller)| BundleKey {
                id,
                controller,
                public_key_multibase: multibase,
                created_at: time_text(created),
                revoked_at: revoked.map(time_text),
            })
            .collect(),
    })
}

/// When a proof says it was made.
pub fn proof_created(proof: &Value) -> Option<DateTime<Utc>> {
    time_of(proof.get("created")?.as_str()?)
}

fn time_of(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// One line of a report: what was checked, and whether it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Check {
    pub ok: bool,
    pub what: String,
}

/// What [`verify`] found, line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub checks: Vec<Check>,
}

impl Report {
    pub fn ok(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.ok)
    }

    fn pass(&mut self, what: impl Into<String>) {
        self.checks.push(Check {
            ok: true,
            what: what.into(),
        });
    }

    fn fail(&mut self, what: impl Into<String>) {
        self.checks.push(Check {
            ok: false,
            what: what.into(),
        });
    }

    /// The report as a person reads it: one line per check, `ok` or `FAILED`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.checks {
            out.push_str(if c.ok { "ok      " } else { "FAILED  " });
            out.push_str(&c.what);
            out.push('\n');
        }
        let failed = self.checks.iter().filter(|c| !c.ok).count();
        if failed == 0 {
            out.push_str("\nEvery check passed.\n");
        } else {
            out.push_str(&format!("\n{failed} check(s) FAILED.\n"));
        }
        out
    }
}

/// Checks a bundle given as JSON text.
pub fn verify_text(text: &str) -> Report {
    match serde_json::from_str::<Bundle>(text) {
        Ok(bundle) => verify(&bundle),
        Err(e) => {
            let mut report = Report::default();
            report.fail(format!("the file is not an accord bundle: {e}"));
            report
        }
    }
}

/// Checks everything a bundle says: the chain of versions (each canonical, hashed right,
/// numbered in order, naming its accord and the hash before it), every key, and every
/// signature (made by a key of its signatory that was valid at the time, over the signing
/// document of an intact version).
pub fn verify(bundle: &Bundle) -> Report {
    let mut report = Report::default();
    if bundle.format != FORMAT {
        report.fail(format!(
            "unknown bundle format `{}` (expected `{FORMAT}`)",
            bundle.format
        ));
        return report;
    }
    let mut documents: HashMap<i32, Value> = HashMap::new();
    let mut previous: Option<&str> = None;
    for (i, version) in bundle.versions.iter().enumerate() {
        let expected_number = i32::try_from(i + 1).unwrap_or(i32::MAX);
        match check_version(bundle, version, expected_number, previous) {
            Ok(document) => {
                report.pass(format!(
                    "version {}: intact (SHA-256 {}), chained to {}",
                    version.number,
                    version.hash,
                    previous.map_or("nothing (the first)".to_owned(), |h| format!(
                        "version {} ({h})",
                        version.number - 1
                    ))
                ));
                documents.insert(version.number, document);
            }
            Err(problem) => report.fail(format!("version {}: {problem}", version.number)),
        }
        previous = Some(&version.hash);
    }
    if bundle.versions.is_empty() {
        report.fail("the bundle holds no version");
    }
    let mut keys: HashMap<&str, (&BundleKey, Multikey)> = HashMap::new();
    for key in &bundle.keys {
        match Multikey::from_multibase(&key.public_key_multibase) {
            Ok(multikey) => {
                keys.insert(&key.id, (key, multikey));
            }
            Err(e) => report.fail(format!("key {}: not a valid public key ({e})", key.id)),
        }
    }
    for (i, signature) in bundle.signatures.iter().enumerate() {
        let who = describe(signature);
        match check_signature(signature, &documents, &keys) {
            Ok(key_id) => report.pass(format!(
                "signature {}: {who} on version {}: valid, with key {key_id}",
                i + 1,
                signature.version
            )),
            Err(problem) => report.fail(format!(
                "signature {}: {who} on version {}: {problem}",
                i + 1,
                signature.version
            )),
        }
    }
    report
}

fn describe(signature: &BundleSignature) -> String {
    let field = |k: &str| signature.signatory.get(k).and_then(Value::as_str);
    let who = field("id").unwrap_or("(nobody named)");
    match (field("organization"), field("role")) {
        (Some(org), Some(role)) => format!("{who} for {org} as {role}"),
        (_, Some(role)) => format!("{who} as {role}"),
        _ => who.to_owned(),
    }
}

fn check_version(
    bundle: &Bundle,
    version: &BundleVersion,
    expected_number: i32,
    previous: Option<&str>,
) -> Result<Value, String> {
    if version.number != expected_number {
        return Err(format!(
            "numbered {}, expected {expected_number}",
            version.number
        ));
    }
    let computed = comune_integrity::sha256_hex(version.canonical.as_bytes());
    if computed != version.hash {
        return Err(format!(
            "its SHA-256 does not match its text (stored {}, computed {computed}): the version \
             was changed",
            version.hash
        ));
    }
    let document: Value = serde_json::from_str(&version.canonical)
        .map_err(|e| format!("its text is not JSON ({e})"))?;
    match comune_integrity::canonical(&document) {
        Ok(canonical) if canonical == version.canonical => {}
        _ => return Err("its text is not in canonical form (RFC 8785)".into()),
    }
    if document.get("version").and_then(Value::as_i64) != Some(i64::from(version.number)) {
        return Err("the document inside names another version number".into());
    }
    if document.get("accord").and_then(Value::as_str) != Some(bundle.accord.id.as_str()) {
        return Err("the document inside belongs to another accord".into());
    }
    let inner_previous = document.get("previousHash").and_then(Value::as_str);
    if inner_previous != previous || version.previous_hash.as_deref() != previous {
        return Err(format!(
            "the chain is broken: it names {} as the version before, which is {}",
            inner_previous.unwrap_or("nothing"),
            previous.unwrap_or("nothing")
        ));
    }
    Ok(document)
}

fn check_signature<'a>(
    signature: &BundleSignature,
    documents: &HashMap<i32, Value>,
    keys: &HashMap<&str, (&'a BundleKey, Multikey)>,
) -> Result<&'a str, String> {
    let document = documents
        .get(&signature.version)
        .ok_or("its version is missing or damaged")?;
    let method = signature
        .proof
        .get("verificationMethod")
        .and_then(Value::as_str)
        .ok_or("the proof names no key")?;
    let (key, multikey) = keys
        .get(method)
        .ok_or_else(|| format!("its key {method} is not in the bundle, or is damaged"))?;
    let signer = signature.signatory.get("id").and_then(Value::as_str);
    if signer != Some(key.controller.as_str()) {
        return Err(format!(
            "its key {} belongs to {}, not to the signatory",
            key.id, key.controller
        ));
    }
    let created =
        proof_created(&signature.proof).ok_or("the proof has no readable `created` time")?;
    let key_created = time_of(&key.created_at).ok_or("its key has no readable creation time")?;
    if created < key_created {
        return Err(format!(
            "signed at {created} with key {}, registered only at {}",
            key.id, key.created_at
        ));
    }
    if let Some(revoked) = &key.revoked_at {
        let revoked_at = time_of(revoked).ok_or("its key has no readable revocation time")?;
        if created >= revoked_at {
            return Err(format!(
                "signed at {created} with key {}, revoked at {revoked}",
                key.id
            ));
        }
    }
    let signatory: signatures::Signatory = serde_json::from_value(signature.signatory.clone())
        .map_err(|_| "the signatory block cannot be read".to_owned())?;
    let mut secured = signing_document(document, &signatory);
    if secured.get("signatory") != Some(&signature.signatory) {
        return Err("the signatory block holds unknown fields".into());
    }
    secured["proof"] = signature.proof.clone();
    comune_integrity::verify_proof(&secured, multikey)
        .map_err(|e| format!("the proof does not verify with key {}: {e}", key.id))?;
    Ok(&key.id)
}
