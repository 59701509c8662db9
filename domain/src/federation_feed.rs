//! Local changes that may federate. A domain write records one row here in its own transaction;
//! the federation worker claims rows, turns them into activities and deliveries and then deletes
//! them, so a crash in between loses nothing. Rows are claimed, not read past a cursor, so one
//! whose transaction commits late is still taken. A row whose processing fails stays, with its
//! attempt count and last error, and is tried again after a growing pause: none is dropped.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::Result;
use crate::schema::federation_outbox;
use crate::time::now;
use crate::tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Post,
    Comment,
    Reaction,
    Rsvp,
    /// A local person's membership of a remote community (Follow and its Undo).
    Follow,
    /// A moderator's removal, restoration or ban.
    Moderation,
    /// A local person's report about content of a remote community.
    Report,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Post => "post",
            Subject::Comment => "comment",
            Subject::Reaction => "reaction",
            Subject::Rsvp => "rsvp",
            Subject::Follow => "follow",
            Subject::Moderation => "moderation",
            Subject::Report => "report",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "post" => Subject::Post,
            "comment" => Subject::Comment,
            "reaction" => Subject::Reaction,
            "rsvp" => Subject::Rsvp,
            "follow" => Subject::Follow,
            "moderation" => Subject::Moderation,
            "report" => Subject::Report,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Create,
    Update,
    Delete,
    Undo,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
            Op::Undo => "undo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "create" => Op::Create,
            "update" => Op::Update,
            "delete" => Op::Delete,
            "undo" => Op::Undo,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = federation_outbox)]
pub struct Change {
    pub id: String,
    pub subject: String,
    pub subject_id: String,
    pub op: String,
    pub actor_id: Option<String>,
    pub detail: String,
    pub created_at: NaiveDateTime,
    /// How many times its processing failed.
    pub attempts: i32,
    pub last_error: Option<String>,
}

/// Records a change to federate. Call inside the transaction that makes it.
pub fn record(
    conn: &mut DbConnection,
    subject: Subject,
    subject_id: &str,
    op: Op,
    actor_id: Option<&str>,
    detail: serde_json::Value,
) -> Result<()> {
    diesel::insert_into(federation_outbox::table)
        .values((
            federation_outbox::id.eq(tokens::new_id()),
            federation_outbox::subject.eq(subject.as_str()),
            federation_outbox::subject_id.eq(subject_id),
            federation_outbox::op.eq(op.as_str()),
            federation_outbox::actor_id.eq(actor_id),
            federation_outbox::detail.eq(detail.to_string()),
            federation_outbox::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a change to a post or comment in `channel`, when that channel federates (public
/// channels only: members-only content never leaves the instance).
pub fn record_for(
    conn: &mut DbConnection,
    channel: &crate::channels::Channel,
    subject: Subject,
    subject_id: &str,
    op: Op,
    actor_id: Option<&str>,
) -> Result<()> {
    if !channel.is_public() {
        return Ok(());
    }
    record(
        conn,
        subject,
        subject_id,
        op,
        actor_id,
        serde_json::json!({}),
    )
}

/// Records a like (or its undoing) of a post in `channel` by a local person.
pub fn record_reaction(
    conn: &mut DbConnection,
    channel: &crate::channels::Channel,
    post_id: &str,
    actor_id: &str,
    like_id: &str,
    op: Op,
) -> Result<()> {
    if !channel.is_public() {
        return Ok(());
    }
    record(
        conn,
        Subject::Reaction,
        post_id,
        op,
        Some(actor_id),
        serde_json::json!({ "like_id": like_id }),
    )
}

/// Takes up to `limit` changes, oldest first, for `lease`; another process skips them until the
/// lease ends (so a crashed worker's changes are picked up again).
pub fn claim(conn: &mut DbConnection, limit: i64, lease: Duration) -> Result<Vec<Change>> {
    let token = tokens::new_id();
    let at = now();
    let free = federation_outbox::locked_until
        .is_null()
        .or(federation_outbox::locked_until.lt(at));
    let ids: Vec<String> = federation_outbox::table
        .filter(free)
        .order(federation_outbox::id.asc())
        .limit(limit)
        .select(federation_outbox::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The lease is re-checked in the UPDATE itself: of two processes that chose the same rows,
    // PostgreSQL lets one win each row and the other sees it taken.
    diesel::update(
        federation_outbox::table
            .filter(federation_outbox::id.eq_any(&ids))
            .filter(free),
    )
    .set((
        federation_outbox::lock_token.eq(&token),
        federation_outbox::locked_until.eq(at + lease),
    ))
    .execute(conn)?;
    Ok(federation_outbox::table
        .filter(federation_outbox::lock_token.eq(&token))
        .order(federation_outbox::id.asc())
        .select(Change::as_select())
        .load(conn)?)
}

/// Processing the change failed: it stays, with one more attempt counted and the error, and is
/// not claimed again before a pause that doubles with each failure (2 s up to an hour).
pub fn failed(conn: &mut DbConnection, id: &str, error: &str) -> Result<()> {
    let attempts: i32 = federation_outbox::table
        .find(id)
        .select(federation_outbox::attempts)
        .first(conn)?;
    let pause = Duration::seconds(
        2i64.saturating_pow(attempts.clamp(0, 30) as u32 + 1)
            .min(3600),
    );
    let error: String = error.chars().take(2_000).collect();
    diesel::update(federation_outbox::table.find(id))
        .set((
            federation_outbox::attempts.eq(attempts + 1),
            federation_outbox::last_error.eq(error),
            federation_outbox::lock_token.eq(None::<String>),
            federation_outbox::locked_until.eq(now() + pause),
        ))
        .execute(conn)?;
    Ok(())
}

/// Changes whose processing failed at least once, most tried first: for the admins' view of
/// the federation.
pub fn failing(conn: &mut DbConnection, limit: i64) -> Result<Vec<Change>> {
    Ok(federation_outbox::table
        .filter(federation_outbox::attempts.gt(0))
        .order((
            federation_outbox::attempts.desc(),
            federation_outbox::id.asc(),
        ))
        .limit(limit)
        .select(Change::as_select())
        .load(conn)?)
}

/// How many changes failed at least once and wait to be tried again.
pub fn failing_count(conn: &mut DbConnection) -> Result<i64> {
    Ok(federation_outbox::table
        .filter(federation_outbox::attempts.gt(0))
        .count()
        .get_result(conn)?)
}

/// The change has been turned into deliveries (or needs none).
pub fn done(conn: &mut DbConnection, id: &str) -> Result<()> {
    diesel::delete(federation_outbox::table.find(id)).execute(conn)?;
    Ok(())
}

/// How many changes wait to be federated.
pub fn pending(conn: &mut DbConnection) -> Result<i64> {
    Ok(federation_outbox::table.count().get_result(conn)?)
}
