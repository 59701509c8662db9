//! Inbound deduplication: an activity id is handled once, whatever peers resend.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::Result;
use crate::schema::received_activities;
use crate::time::now;

/// How long handled ids are remembered. Signatures expire after an hour and peers retry for a
/// few days, so a replay older than this is refused by its date before it gets here.
pub const REMEMBER_DAYS: i64 = 14;

/// Records `ap_id` as handled; answers `false` when it already was (a replay or a retry).
pub fn first_time(conn: &mut DbConnection, ap_id: &str) -> Result<bool> {
    // One statement: a replay inserts nothing. Inside a transaction a concurrent duplicate
    // waits for the first to commit, then inserts nothing.
    let insert = || {
        diesel::insert_into(received_activities::table)
            .values((
                received_activities::ap_id.eq(ap_id),
                received_activities::received_at.eq(now()),
            ))
            .on_conflict_do_nothing()
    };
    let inserted = crate::db::execute_on_backend!(conn, insert())?;
    Ok(inserted > 0)
}

/// Forgets `ap_id`, so that an activity whose handling failed can be retried by its sender.
pub fn forget(conn: &mut DbConnection, ap_id: &str) -> Result<()> {
    diesel::delete(received_activities::table.find(ap_id)).execute(conn)?;
    Ok(())
}

/// Drops ids older than [`REMEMBER_DAYS`]; returns how many.
pub fn prune(conn: &mut DbConnection) -> Result<usize> {
    let cutoff = now() - Duration::days(REMEMBER_DAYS);
    Ok(diesel::delete(
        received_activities::table.filter(received_activities::received_at.lt(cutoff)),
    )
    .execute(conn)?)
}
