//! People's signing keys: Ed25519 public keys as Multikeys (FEP-521a). The private half never
//! reaches the server: it is made on the person's device (the browser, or `comune accord
//! keygen`). A key is named by its person's actor id and a fragment (`…/u/anna#key-…`), the
//! `verificationMethod` of the proofs it makes; revoked keys stay listed with the time, so old
//! signatures can still be checked against the time they were made.

use chrono::{NaiveDateTime, Timelike};
use comune_integrity::Multikey;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::{is_unique_violation, Error, FieldErrors, Result};
use crate::schema::{accounts, signing_keys};
use crate::time::now;
use crate::tokens;

pub const LABEL_MAX: usize = 100;
/// Keys per person, revoked ones included: one per device is the expected use.
pub const KEYS_MAX: i64 = 50;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = signing_keys)]
pub struct SigningKey {
    pub id: String,
    pub account_id: String,
    /// The `verificationMethod` id.
    pub key_id: String,
    pub public_key_multibase: String,
    pub label: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

impl SigningKey {
    pub fn multikey(&self) -> Result<Multikey> {
        Multikey::from_multibase(&self.public_key_multibase)
            .map_err(|e| Error::Internal(anyhow::anyhow!("a stored key: {e}")))
    }

    /// Whether it could sign at `at`: made before, not revoked by then.
    pub fn valid_at(&self, at: NaiveDateTime) -> bool {
        self.created_at <= at && self.revoked_at.is_none_or(|r| at < r)
    }
}

/// Key times are kept to the second, as proofs write `created` and bundles write every time:
/// a key registered at 10:00:00.7 signs at 10:00:00, and an offline check must agree.
fn whole_seconds(at: NaiveDateTime) -> NaiveDateTime {
    at.with_nanosecond(0).unwrap_or(at)
}

/// Registers a public key of the person `account_id`, of this instance.
pub fn register(
    conn: &mut DbConnection,
    account_id: &str,
    public_key_multibase: &str,
    label: &str,
) -> Result<SigningKey> {
    let label = label.trim();
    let mut errors = FieldErrors::default();
    if Multikey::from_multibase(public_key_multibase).is_err() {
        errors.add(
            "public_key_multibase",
            "invalid_key",
            "is not an Ed25519 public key as a Multikey (z6Mk…)",
        );
    }
    if label.chars().count() > LABEL_MAX {
        errors.add(
            "label",
            "too_long",
            format!("at most {LABEL_MAX} characters"),
        );
    }
    errors.into_result()?;
    crate::db::transaction(conn, |conn| {
        let (ap_id, local): (String, bool) = accounts::table
            .find(account_id)
            .select((accounts::ap_id, accounts::local))
            .first(conn)?;
        if !local {
            return Err(Error::Forbidden);
        }
        let count: i64 = signing_keys::table
            .filter(signing_keys::account_id.eq(account_id))
            .count()
            .get_result(conn)?;
        if count >= KEYS_MAX {
            let mut errors = FieldErrors::default();
            errors.add(
                "public_key_multibase",
                "too_many",
                format!("at most {KEYS_MAX} keys"),
            );
            return Err(Error::Validation(errors));
        }
        let id = tokens::new_id();
        let inserted = diesel::insert_into(signing_keys::table)
            .values((
                signing_keys::id.eq(&id),
                signing_keys::account_id.eq(account_id),
                signing_keys::key_id.eq(format!("{ap_id}#key-{id}")),
                signing_keys::public_key_multibase.eq(public_key_multibase),
                signing_keys::label.eq(label),
                signing_keys::created_at.eq(whole_seconds(now())),
            ))
            .execute(conn);
        match inserted {
            Err(e) if is_unique_violation(&e) => return Err(Error::KeyRegistered),
            other => other?,
        };
        get(conn, account_id, &id)
    })
}

/// One of a person's keys.
pub fn get(conn: &mut DbConnection, account_id: &str, id: &str) -> Result<SigningKey> {
    signing_keys::table
        .find(id)
        .filter(signing_keys::account_id.eq(account_id))
        .select(SigningKey::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

/// A person's keys, newest first, revoked ones too.
pub fn of(conn: &mut DbConnection, account_id: &str) -> Result<Vec<SigningKey>> {
    Ok(signing_keys::table
        .filter(signing_keys::account_id.eq(account_id))
        .order((signing_keys::created_at.desc(), signing_keys::id.desc()))
        .select(SigningKey::as_select())
        .load(conn)?)
}

/// The keys named by these `verificationMethod` ids.
pub fn by_key_ids(conn: &mut DbConnection, key_ids: &[String]) -> Result<Vec<SigningKey>> {
    Ok(signing_keys::table
        .filter(signing_keys::key_id.eq_any(key_ids))
        .select(SigningKey::as_select())
        .load(conn)?)
}

/// Revokes a key (idempotent: the first revocation time stays). Signatures it made before
/// stay valid; it signs nothing more.
pub fn revoke(conn: &mut DbConnection, account_id: &str, id: &str) -> Result<SigningKey> {
    crate::db::transaction(conn, |conn| {
        let key = get(conn, account_id, id)?;
        if key.revoked_at.is_none() {
            diesel::update(signing_keys::table.find(&key.id))
                .set(signing_keys::revoked_at.eq(Some(whole_seconds(now()))))
                .execute(conn)?;
        }
        get(conn, account_id, id)
    })
}
