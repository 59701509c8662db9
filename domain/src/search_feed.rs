//! The search change feed: one row per change, written in the writer's own transaction, so the
//! index catches up from the database after any crash.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::Result;
use crate::schema::search_outbox;
use crate::time::now;

crate::vocabulary::vocabulary! {
    /// What a change of the search feed is about.
    pub enum Entity {
        Post = "post",
        Comment = "comment",
        Community = "community",
        Account = "account",
        Accord = "accord",
    }
}

crate::vocabulary::vocabulary! {
    /// What happened to it: the indexer reads its current state either way.
    pub enum Op {
        Upsert = "upsert",
        Delete = "delete",
    }
}

/// Records that `entity_id` changed. Call inside the transaction that changes it.
pub fn record(conn: &mut DbConnection, entity: Entity, entity_id: &str, op: Op) -> Result<()> {
    let at = now();
    crate::db::on_backend!(conn, c => diesel::insert_into(search_outbox::table)
        .values((
            search_outbox::entity.eq(entity),
            search_outbox::entity_id.eq(entity_id),
            search_outbox::op.eq(op),
            search_outbox::created_at.eq(at),
        ))
        .execute(c))?;
    Ok(())
}

/// Where a reader of the feed is: it has applied every change at or before this point.
///
/// On PostgreSQL changes are ordered by the id of the transaction that wrote them, then by
/// sequence number, and read only below the oldest transaction still running: every
/// transaction that could still commit a change comes after what has been read, so nothing is
/// skipped whatever order transactions commit in. On SQLite, whose writes are serialised, `txid`
/// stays 0 and the sequence number alone orders the feed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub txid: i64,
    pub seq: i64,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.txid, self.seq)
    }
}

impl std::str::FromStr for Position {
    type Err = std::num::ParseIntError;

    /// `"txid seq"`, or a bare sequence number as readers kept it before transaction order
    /// (those changes all have `txid` 0).
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.trim().split_once(' ') {
            Some((txid, seq)) => Ok(Self {
                txid: txid.parse()?,
                seq: seq.parse()?,
            }),
            None => Ok(Self {
                txid: 0,
                seq: s.trim().parse()?,
            }),
        }
    }
}

/// A change as read from the feed.
#[derive(Debug, Clone, Queryable)]
pub struct Row {
    pub txid: i64,
    pub seq: i64,
    pub entity: Entity,
    pub entity_id: String,
    pub op: Op,
}

impl Row {
    pub fn position(&self) -> Position {
        Position {
            txid: self.txid,
            seq: self.seq,
        }
    }
}

/// The oldest transaction id that may still commit: every change below it is final.
fn horizon(conn: &mut DbConnection) -> Result<i64> {
    match conn {
        DbConnection::Postgres(pg) => {
            #[derive(QueryableByName)]
            struct Xmin {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                xmin: i64,
            }
            let row: Xmin = diesel::sql_query(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin",
            )
            .get_result(pg)?;
            Ok(row.xmin)
        }
        DbConnection::Sqlite(_) => Ok(i64::MAX),
    }
}

/// Changes after `after`, in feed order, that no running transaction can precede any more.
pub fn after(conn: &mut DbConnection, after: Position, limit: i64) -> Result<Vec<Row>> {
    let horizon = horizon(conn)?;
    Ok(search_outbox::table
        .filter(search_outbox::txid.lt(horizon))
        .filter(search_outbox::txid.ge(after.txid))
        .filter(
            search_outbox::txid
                .gt(after.txid)
                .or(search_outbox::seq.gt(after.seq)),
        )
        .order((search_outbox::txid.asc(), search_outbox::seq.asc()))
        .limit(limit)
        .select((
            search_outbox::txid,
            search_outbox::seq,
            search_outbox::entity,
            search_outbox::entity_id,
            search_outbox::op,
        ))
        .load(conn)?)
}

/// Where a reader that is about to read the whole database (a rebuild) starts following the
/// feed afterwards: every change that may not be in what it reads comes after this point.
pub fn rebuild_position(conn: &mut DbConnection) -> Result<Position> {
    Ok(match conn {
        DbConnection::Postgres(_) => Position {
            txid: horizon(conn)?,
            seq: 0,
        },
        DbConnection::Sqlite(_) => Position {
            txid: 0,
            seq: search_outbox::table
                .select(diesel::dsl::max(search_outbox::seq))
                .first::<Option<i64>>(conn)?
                .unwrap_or(0),
        },
    })
}
