//! Signatures: a Data Integrity proof (`eddsa-jcs-2022`, FEP-8b32) by one signatory over the
//! signing document of one version: the version document with a `signatory` block naming the
//! person, the organisation they sign for (if any) and their role, so that neither can be
//! changed after signing. The server checks every proof before it keeps it, and cannot make
//! one: it never holds a private key.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::content::Party;
use super::keys::{self, SigningKey};
use super::versions::{self, Version};
use super::{get_visible, move_to, Accord, State};
use crate::db::DbConnection;
use crate::error::{is_unique_violation, Error, Result};
use crate::instance::Instance;
use crate::organizations::OrgRole;
use crate::schema::{accord_signatures, accounts, organization_members, organizations};
use crate::time::now;
use crate::tokens;

crate::vocabulary::vocabulary! {
    /// In which capacity a person signs.
    pub enum SignatoryRole {
        /// For an organisation they own (its legal representative).
        LegalRepresentative = "legal_representative",
        /// For an organisation they are a member of, delegated by it.
        Delegate = "delegate",
        /// For themself (a volunteer).
        OwnBehalf = "self",
    }
}

/// Who signs, as written into the signed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Signatory {
    /// The signer's ActivityPub id.
    pub id: String,
    /// The ActivityPub id of the organisation signed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    pub role: SignatoryRole,
}

/// How far a proof's `created` may be from the server's clock when it arrives. A signature made
/// offline (`comune accord sign`) is uploaded within a day.
const CREATED_PAST: Duration = Duration::hours(24);
const CREATED_FUTURE: Duration = Duration::minutes(5);

/// The document a signatory signs: the version document and the `signatory` block.
pub fn signing_document(version_document: &Value, signatory: &Signatory) -> Value {
    let mut document = version_document.clone();
    if let Value::Object(o) = &mut document {
        o.insert(
            "signatory".into(),
            serde_json::to_value(signatory).unwrap_or(Value::Null),
        );
    }
    document
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accord_signatures)]
pub struct Signature {
    pub id: String,
    pub accord_id: String,
    pub version: i32,
    pub signer_id: String,
    pub key_id: String,
    pub organization_id: Option<String>,
    pub role: SignatoryRole,
    /// The signatory block as signed (JSON).
    pub signatory: String,
    /// The proof as received (JSON).
    pub proof: String,
    pub created_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
}

impl Signature {
    pub fn signatory(&self) -> Result<Signatory> {
        serde_json::from_str(&self.signatory)
            .map_err(|e| Error::Internal(anyhow::anyhow!("a stored signatory: {e}")))
    }

    pub fn proof(&self) -> Result<Value> {
        serde_json::from_str(&self.proof)
            .map_err(|e| Error::Internal(anyhow::anyhow!("a stored proof: {e}")))
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidProof(message.into())
}

/// Checks and keeps the signature of `signer_id` on version `number` of an accord: the version
/// open for signature, a signatory block naming the signer (and an organisation they may sign
/// for), and a proof made by one of the signer's keys, unrevoked, over exactly that document.
/// Once per signatory and organisation. When every party the version names has signed, the
/// accord becomes active.
pub fn sign(
    conn: &mut DbConnection,
    instance: &Instance,
    accord_id: &str,
    number: i32,
    signer_id: &str,
    signatory: &Signatory,
    proof: &Value,
) -> Result<Signature> {
    crate::db::transaction(conn, |conn| {
        let (accord, _) = get_visible(conn, accord_id, Some(signer_id))?;
        let version = versions::get(conn, &accord.id, number)?;
        if accord.state != State::OpenForSignature || number != accord.latest_version {
            return Err(Error::WrongState(format!(
                "only the newest version of an accord open for signature can be signed (this \
                 one is `{}`, at version {})",
                accord.state, accord.latest_version
            )));
        }
        let (signer_ap_id, local, suspended): (String, bool, Option<NaiveDateTime>) =
            accounts::table
                .find(signer_id)
                .select((accounts::ap_id, accounts::local, accounts::suspended_at))
                .first(conn)?;
        if !local || suspended.is_some() {
            return Err(Error::Forbidden);
        }
        if signatory.id != signer_ap_id {
            return Err(invalid("the signatory block must name the person signing"));
        }
        let organization_id = organization_of(conn, signer_id, signatory)?;
        let (key, created) = check_proof(conn, signer_id, &version, signatory, proof)?;
        let id = tokens::new_id();
        let inserted = diesel::insert_into(accord_signatures::table)
            .values((
                accord_signatures::id.eq(&id),
                accord_signatures::accord_id.eq(&accord.id),
                accord_signatures::version.eq(number),
                accord_signatures::signer_id.eq(signer_id),
                accord_signatures::key_id.eq(&key.id),
                accord_signatures::organization_id.eq(&organization_id),
                accord_signatures::role.eq(signatory.role),
                accord_signatures::signatory.eq(signatory_json(signatory)),
                accord_signatures::proof.eq(proof.to_string()),
                accord_signatures::created_at.eq(created.naive_utc()),
                accord_signatures::received_at.eq(now()),
            ))
            .execute(conn);
        match inserted {
            Err(e) if is_unique_violation(&e) => return Err(Error::AlreadySigned),
            other => other?,
        };
        if every_party_signed(conn, &accord, &version)? {
            move_to(conn, instance, &accord, signer_id, State::Active)?;
        }
        Ok(accord_signatures::table
            .find(&id)
            .select(Signature::as_select())
            .first(conn)?)
    })
}

fn signatory_json(signatory: &Signatory) -> String {
    serde_json::to_string(signatory).unwrap_or_default()
}

/// The organisation a signatory block signs for, if the signer may sign for it in that role:
/// owners as legal representatives or delegates, members as delegates.
fn organization_of(
    conn: &mut DbConnection,
    signer_id: &str,
    signatory: &Signatory,
) -> Result<Option<String>> {
    let Some(org_ap_id) = &signatory.organization else {
        if signatory.role != SignatoryRole::OwnBehalf {
            return Err(invalid(
                "signing as `legal_representative` or `delegate` needs an organisation",
            ));
        }
        return Ok(None);
    };
    if signatory.role == SignatoryRole::OwnBehalf {
        return Err(invalid(
            "signing for an organisation needs the role `legal_representative` or `delegate`",
        ));
    }
    let found: Option<(String, String)> = organizations::table
        .inner_join(organization_members::table)
        .filter(organizations::ap_id.eq(org_ap_id))
        .filter(organization_members::account_id.eq(signer_id))
        .select((organizations::id, organization_members::role))
        .first(conn)
        .optional()?;
    let Some((org_id, role)) = found else {
        return Err(Error::Forbidden);
    };
    let owner = OrgRole::parse(&role) == Some(OrgRole::Owner);
    if signatory.role == SignatoryRole::LegalRepresentative && !owner {
        return Err(Error::Forbidden);
    }
    Ok(Some(org_id))
}

/// The signer's key that made `proof` over this version's signing document, and when the proof
/// says it was made.
fn check_proof(
    conn: &mut DbConnection,
    signer_id: &str,
    version: &Version,
    signatory: &Signatory,
    proof: &Value,
) -> Result<(SigningKey, DateTime<Utc>)> {
    let method = proof
        .get("verificationMethod")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("the proof names no verificationMethod"))?;
    let key = keys::by_key_ids(conn, &[method.to_owned()])?
        .into_iter()
        .find(|k| k.account_id == signer_id)
        .ok_or_else(|| invalid("the proof's key is not one of the signer's keys"))?;
    if key.revoked_at.is_some() {
        return Err(invalid("the proof's key was revoked"));
    }
    let created = super::bundle::proof_created(proof)
        .ok_or_else(|| invalid("the proof has no readable `created` time"))?;
    let now = Utc::now();
    if created > now + CREATED_FUTURE || created < now - CREATED_PAST {
        return Err(invalid(
            "the proof's `created` time is too far from now (sign again)",
        ));
    }
    if !key.valid_at(created.naive_utc()) {
        return Err(invalid("the proof was made before its key was registered"));
    }
    let mut secured = signing_document(&version.document()?, signatory);
    secured["proof"] = proof.clone();
    comune_integrity::verify_proof(&secured, &key.multikey()?)
        .map_err(|e| invalid(format!("the proof does not verify: {e}")))?;
    Ok((key, created))
}

/// Whether every party named by the version has signed it: an organisation by someone for it,
/// a person by themself. A version naming a party neither way waits for someone to activate it.
fn every_party_signed(conn: &mut DbConnection, accord: &Accord, version: &Version) -> Result<bool> {
    let parties: Vec<Party> = version.content()?.parties;
    if parties.is_empty() {
        return Ok(false);
    }
    let signed: Vec<String> = accord_signatures::table
        .filter(accord_signatures::accord_id.eq(&accord.id))
        .filter(accord_signatures::version.eq(version.number))
        .select(accord_signatures::signatory)
        .load(conn)?;
    let signed: Vec<Signatory> = signed
        .iter()
        .filter_map(|s| serde_json::from_str(s).ok())
        .collect();
    Ok(parties.iter().all(|party| {
        signed
            .iter()
            .any(|s| match (&party.organization, &party.person) {
                (Some(org), _) => s.organization.as_ref() == Some(org),
                (None, Some(person)) => s.organization.is_none() && &s.id == person,
                (None, None) => false,
            })
    }))
}

/// The signatures of an accord, oldest first.
pub fn of(conn: &mut DbConnection, accord_id: &str) -> Result<Vec<Signature>> {
    Ok(accord_signatures::table
        .filter(accord_signatures::accord_id.eq(accord_id))
        .order((
            accord_signatures::received_at.asc(),
            accord_signatures::id.asc(),
        ))
        .select(Signature::as_select())
        .load(conn)?)
}
