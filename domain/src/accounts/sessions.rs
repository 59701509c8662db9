//! Sign-in sessions as families of refresh tokens. Every refresh replaces the token; presenting
//! a replaced token means it was copied, so the whole family ends (RFC 9700, section 4.14).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::{get, Account};
use crate::db::DbConnection;
use crate::error::{Error, Result};
use crate::schema::refresh_tokens;
use crate::time::now;
use crate::tokens;

pub const REFRESH_TTL: Duration = Duration::days(30);

/// A refresh token as handed to the client, with the session family it belongs to.
#[derive(Debug, Clone)]
pub struct Issued {
    pub token: String,
    pub family_id: String,
}

fn insert(conn: &mut DbConnection, id: &str, account_id: &str, family_id: &str) -> Result<Issued> {
    let at = now();
    let token = tokens::generate();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(id),
            refresh_tokens::account_id.eq(account_id),
            refresh_tokens::family_id.eq(family_id),
            refresh_tokens::token_hash.eq(tokens::hash(&token)),
            refresh_tokens::created_at.eq(at),
            refresh_tokens::expires_at.eq(at + REFRESH_TTL),
        ))
        .execute(conn)?;
    Ok(Issued {
        token,
        family_id: family_id.to_owned(),
    })
}

/// Starts a session for a signed-in account.
pub fn start(conn: &mut DbConnection, account_id: &str) -> Result<Issued> {
    insert(conn, &tokens::new_id(), account_id, &tokens::new_id())
}

type Row = (
    String,
    String,
    String,
    chrono::NaiveDateTime,
    Option<chrono::NaiveDateTime>,
    Option<String>,
);

fn find(conn: &mut DbConnection, token: &str) -> Result<Option<Row>> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(tokens::hash(token)))
        .select((
            refresh_tokens::id,
            refresh_tokens::account_id,
            refresh_tokens::family_id,
            refresh_tokens::expires_at,
            refresh_tokens::revoked_at,
            refresh_tokens::replaced_by,
        ))
        .first(conn)
        .optional()?)
}

enum Outcome {
    Rotated(Box<Account>, Issued),
    /// The token had been exchanged already: someone holds a copy. Carries the family to end.
    Reused(String),
}

/// Exchanges a refresh token for a new one in the same family.
pub fn rotate(conn: &mut DbConnection, token: &str) -> Result<(Account, Issued)> {
    let outcome = crate::db::transaction(conn, |conn| {
        let Some((id, account_id, family_id, expires_at, revoked_at, replaced_by)) =
            find(conn, token)?
        else {
            return Err(Error::InvalidRefreshToken);
        };
        if replaced_by.is_some() {
            return Ok(Outcome::Reused(family_id));
        }
        if revoked_at.is_some() || expires_at <= now() {
            return Err(Error::InvalidRefreshToken);
        }
        let account = get(conn, &account_id)?;
        if account.suspended_at.is_some() {
            return Err(Error::Suspended);
        }
        let new_id = tokens::new_id();
        // Conditional: of two concurrent refreshes with one token, the second is a reuse.
        let claimed = diesel::update(
            refresh_tokens::table
                .filter(refresh_tokens::id.eq(&id))
                .filter(refresh_tokens::replaced_by.is_null())
                .filter(refresh_tokens::revoked_at.is_null()),
        )
        .set((
            refresh_tokens::replaced_by.eq(Some(&new_id)),
            refresh_tokens::revoked_at.eq(Some(now())),
        ))
        .execute(conn)?;
        if claimed != 1 {
            return Ok(Outcome::Reused(family_id));
        }
        let issued = insert(conn, &new_id, &account_id, &family_id)?;
        Ok(Outcome::Rotated(Box::new(account), issued))
    })?;
    match outcome {
        Outcome::Rotated(account, issued) => Ok((*account, issued)),
        Outcome::Reused(family_id) => {
            revoke_family(conn, &family_id)?;
            Err(Error::RefreshTokenReused)
        }
    }
}

/// Ends the session a refresh token belongs to (logout).
pub fn end(conn: &mut DbConnection, token: &str) -> Result<()> {
    let Some(row) = find(conn, token)? else {
        return Err(Error::InvalidRefreshToken);
    };
    revoke_family(conn, &row.2)
}

/// When the account of a live session family was created, or `None` once the family has ended
/// (access tokens are refused after logout). One statement for what every signed-in request
/// asks: whether the session lives, and how new the account is (new accounts' writes are
/// throttled).
pub fn live_session(conn: &mut DbConnection, family_id: &str) -> Result<Option<NaiveDateTime>> {
    Ok(refresh_tokens::table
        .inner_join(crate::schema::accounts::table)
        .filter(refresh_tokens::family_id.eq(family_id))
        .filter(refresh_tokens::revoked_at.is_null())
        .filter(refresh_tokens::expires_at.gt(now()))
        .select(crate::schema::accounts::created_at)
        .first(conn)
        .optional()?)
}

pub fn revoke_family(conn: &mut DbConnection, family_id: &str) -> Result<()> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}

pub fn revoke_all(conn: &mut DbConnection, account_id: &str) -> Result<()> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::account_id.eq(account_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}
