//! The search change feed: one row per change, written in the writer's own transaction, so the
//! index catches up from the database after any crash.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::Result;
use crate::schema::search_outbox;
use crate::time::now;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Post,
    Comment,
    Community,
    Account,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Post => "post",
            Entity::Comment => "comment",
            Entity::Community => "community",
            Entity::Account => "account",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Upsert,
    Delete,
}

/// Records that `entity_id` changed. Call inside the transaction that changes it.
pub fn record(conn: &mut DbConnection, entity: Entity, entity_id: &str, op: Op) -> Result<()> {
    let at = now();
    let op = match op {
        Op::Upsert => "upsert",
        Op::Delete => "delete",
    };
    crate::db::on_backend!(conn, c => diesel::insert_into(search_outbox::table)
        .values((
            search_outbox::entity.eq(entity.as_str()),
            search_outbox::entity_id.eq(entity_id),
            search_outbox::op.eq(op),
            search_outbox::created_at.eq(at),
        ))
        .execute(c))?;
    Ok(())
}

/// Changes after `after_seq`, oldest first: `(seq, entity, entity_id, op)`.
pub fn after(
    conn: &mut DbConnection,
    after_seq: i64,
    limit: i64,
) -> Result<Vec<(i64, String, String, String)>> {
    Ok(search_outbox::table
        .filter(search_outbox::seq.gt(after_seq))
        .order(search_outbox::seq.asc())
        .limit(limit)
        .select((
            search_outbox::seq,
            search_outbox::entity,
            search_outbox::entity_id,
            search_outbox::op,
        ))
        .load(conn)?)
}
