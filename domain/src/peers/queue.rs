//! The outgoing delivery queue: each activity is stored once and delivered to each target inbox
//! (shared inboxes deduplicated) by the server's delivery worker, with exponential backoff over
//! days. Several server processes share it on PostgreSQL through leases.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{on_backend, DbConnection};
use crate::error::Result;
use crate::schema::{deliveries, instances, outgoing_activities};
use crate::time::now;
use crate::tokens;

use super::{host_of, policy};

/// An activity to send, signed by a local actor.
#[derive(Debug, Clone)]
pub struct NewActivity<'a> {
    pub ap_id: &'a str,
    pub kind: &'a str,
    pub signer_ap_id: &'a str,
    pub body: &'a str,
}

/// When to retry, and when to give up.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    /// The first retry's delay; each later one is three times the previous, up to a day.
    pub base: Duration,
    /// Deliveries older than this are given up on.
    pub give_up_after: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            base: Duration::seconds(30),
            give_up_after: Duration::days(7),
        }
    }
}

impl Backoff {
    /// The delay after the `attempts`-th failed attempt (1-based).
    pub fn delay(&self, attempts: i32) -> Duration {
        let cap = Duration::days(1);
        let mut delay = self.base;
        for _ in 1..attempts.max(1) {
            delay = delay * 3;
            if delay >= cap {
                return cap;
            }
        }
        delay.min(cap)
    }
}

/// Consecutive failures after which a host is marked unreachable (it is still retried).
pub const UNREACHABLE_AFTER: i32 = 3;

/// Stores `activity` and one delivery per distinct inbox on a host the policy permits. Returns
/// how many deliveries were queued.
pub fn enqueue(
    conn: &mut DbConnection,
    activity: &NewActivity<'_>,
    inboxes: impl IntoIterator<Item = String>,
) -> Result<usize> {
    crate::db::transaction(conn, |conn| enqueue_within(conn, activity, inboxes))
}

/// [`enqueue`] inside the caller's transaction, so that what is sent commits with what caused
/// it (and in the same commit).
pub fn enqueue_within(
    conn: &mut DbConnection,
    activity: &NewActivity<'_>,
    inboxes: impl IntoIterator<Item = String>,
) -> Result<usize> {
    let mode = policy::mode(conn)?;
    let targets = admitted(conn, inboxes, |conn, host| {
        policy::permits_under(conn, mode, host)
    })?;
    let hosts: BTreeSet<&str> = targets.iter().map(|(_, host)| host.as_str()).collect();
    policy::remember_all(conn, hosts)?;
    enqueue_admitted(conn, activity, &targets)
}

/// The distinct inboxes among `inboxes` whose host `permits` admits, each with its host; those
/// without a host are left out.
pub fn admitted(
    conn: &mut DbConnection,
    inboxes: impl IntoIterator<Item = String>,
    mut permits: impl FnMut(&mut DbConnection, &str) -> Result<bool>,
) -> Result<Vec<(String, String)>> {
    let inboxes: BTreeSet<String> = inboxes.into_iter().collect();
    let mut targets = Vec::with_capacity(inboxes.len());
    for inbox in inboxes {
        let Some(host) = host_of(&inbox) else {
            continue;
        };
        if permits(conn, &host)? {
            targets.push((inbox, host));
        }
    }
    Ok(targets)
}

/// Stores `activity` and a delivery to each of `targets` (inbox and its host, distinct), which
/// the caller has already checked against the policy and remembered (see
/// [`policy::remember_all`]): the federation crate does both from what it keeps in memory.
/// Inside the caller's transaction.
pub fn enqueue_admitted(
    conn: &mut DbConnection,
    activity: &NewActivity<'_>,
    targets: &[(String, String)],
) -> Result<usize> {
    if targets.is_empty() {
        return Ok(0);
    }
    let at = now();
    // The common case is a new activity: insert first, look the id up only when it exists.
    let id = tokens::new_id();
    let insert = || {
        diesel::insert_into(outgoing_activities::table)
            .values((
                outgoing_activities::id.eq(&id),
                outgoing_activities::ap_id.eq(activity.ap_id),
                outgoing_activities::kind.eq(activity.kind),
                outgoing_activities::signer_ap_id.eq(activity.signer_ap_id),
                outgoing_activities::body.eq(activity.body),
                outgoing_activities::created_at.eq(at),
            ))
            .on_conflict_do_nothing()
    };
    let inserted = crate::db::execute_on_backend!(conn, insert())?;
    let activity_id = if inserted > 0 {
        id
    } else {
        outgoing_activities::table
            .filter(outgoing_activities::ap_id.eq(activity.ap_id))
            .select(outgoing_activities::id)
            .first(conn)?
    };
    // One statement per chunk, not per inbox: a post to a big community's followers queues
    // a delivery for each of their instances.
    let mut queued = 0;
    for chunk in targets.chunks(INSERT_CHUNK) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(inbox, host)| {
                (
                    deliveries::id.eq(tokens::new_id()),
                    deliveries::activity_id.eq(&activity_id),
                    deliveries::inbox.eq(inbox),
                    deliveries::host.eq(host),
                    deliveries::next_attempt_at.eq(at),
                    deliveries::created_at.eq(at),
                )
            })
            .collect();
        // One row (the usual single inbox) keeps diesel's cached statement; a multi-row insert is
        // planned every time.
        queued += match rows.as_slice() {
            [row] => {
                let insert = || {
                    diesel::insert_into(deliveries::table)
                        .values(row.clone())
                        .on_conflict_do_nothing()
                };
                crate::db::execute_on_backend!(conn, insert())?
            }
            rows => {
                let insert = || {
                    diesel::insert_into(deliveries::table)
                        .values(rows)
                        .on_conflict_do_nothing()
                };
                crate::db::execute_on_backend!(conn, insert())?
            }
        };
    }
    Ok(queued)
}

/// Rows per multi-row insert: well under both backends' limits on bound parameters.
const INSERT_CHUNK: usize = 500;

/// A delivery taken by a worker.
#[derive(Debug, Clone)]
pub struct Due {
    pub id: String,
    pub inbox: String,
    pub host: String,
    pub attempts: i32,
    pub created_at: NaiveDateTime,
    pub activity_ap_id: String,
    pub signer_ap_id: String,
    pub body: String,
}

/// A claimed delivery with its activity, as loaded.
type DueRow = (
    String,
    String,
    String,
    i32,
    NaiveDateTime,
    String,
    String,
    String,
);

fn due_from_row(row: DueRow) -> Due {
    let (id, inbox, host, attempts, created_at, activity_ap_id, signer_ap_id, body) = row;
    Due {
        id,
        inbox,
        host,
        attempts,
        created_at,
        activity_ap_id,
        signer_ap_id,
        body,
    }
}

/// Takes up to `limit` deliveries that are due, oldest first, for `lease`. What one actor sends
/// to one inbox goes in order: a delivery is taken only when no older one of the same actor to
/// the same inbox is still waiting (so an Undo never overtakes its Follow, nor a Delete its
/// Create), or when that older one is taken with it. Such a run of up to `run` consecutive
/// deliveries, all due and free, is taken at once, to be sent one after the other by one worker
/// task: a busy community's announces to a big instance then go out at the pace of one request
/// each, not one claim each. Different actors and different inboxes go in parallel.
///
/// The answer holds each run in its order, runs one after the other (see [`runs`]).
pub fn claim_due(
    conn: &mut DbConnection,
    limit: i64,
    run: usize,
    lease: Duration,
) -> Result<Vec<Due>> {
    let token = tokens::new_id();
    let at = now();
    let free = deliveries::locked_until
        .is_null()
        .or(deliveries::locked_until.lt(at));
    let candidates: Vec<(String, String, String, NaiveDateTime)> = on_backend!(conn, c => deliveries::table
        .inner_join(outgoing_activities::table)
        .filter(deliveries::gave_up_at.is_null())
        .filter(deliveries::next_attempt_at.le(at))
        .filter(free)
        .order((deliveries::next_attempt_at.asc(), deliveries::id.asc()))
        .limit(limit * 4)
        .select((
            deliveries::id,
            deliveries::inbox,
            outgoing_activities::signer_ap_id,
            deliveries::created_at,
        ))
        .load(c))?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let inboxes: BTreeSet<&str> = candidates.iter().map(|c| c.1.as_str()).collect();
    // Every waiting delivery of each actor to each of those inboxes, oldest first. Only
    // deliveries made no later than the newest candidate can be older than a candidate, so the
    // rest of a long backlog (thousands to one busy inbox) is never read: without this bound
    // every claim re-read the whole backlog, and draining it took quadratic time.
    let newest = candidates.iter().map(|c| c.3).max().unwrap_or(at);
    let waiting: Vec<(String, String, String)> = on_backend!(conn, c => deliveries::table
        .inner_join(outgoing_activities::table)
        .filter(deliveries::gave_up_at.is_null())
        .filter(deliveries::inbox.eq_any(&inboxes))
        .filter(deliveries::created_at.le(newest))
        .order((deliveries::created_at.asc(), deliveries::id.asc()))
        .select((
            deliveries::inbox,
            outgoing_activities::signer_ap_id,
            deliveries::id,
        ))
        .load(c))?;
    let takeable: BTreeSet<&str> = candidates.iter().map(|c| c.0.as_str()).collect();
    let intended = plan_runs(&candidates, &waiting, &takeable, limit as usize, run);
    if intended.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = intended.iter().flatten().map(String::as_str).collect();
    // The lease is re-checked in the UPDATE itself: of two processes that chose the same rows,
    // PostgreSQL lets one win each row and the other sees it taken.
    diesel::update(
        deliveries::table
            .filter(deliveries::id.eq_any(&ids))
            .filter(free),
    )
    .set((
        deliveries::lock_token.eq(&token),
        deliveries::locked_until.eq(at + lease),
    ))
    .execute(conn)?;
    let rows: Vec<DueRow> = on_backend!(conn, c => deliveries::table
        .inner_join(outgoing_activities::table)
        .filter(deliveries::lock_token.eq(&token))
        .select((
            deliveries::id,
            deliveries::inbox,
            deliveries::host,
            deliveries::attempts,
            deliveries::created_at,
            outgoing_activities::ap_id,
            outgoing_activities::signer_ap_id,
            outgoing_activities::body,
        ))
        .load(c))?;
    let mut won: std::collections::HashMap<String, Due> = rows
        .into_iter()
        .map(|row| (row.0.clone(), due_from_row(row)))
        .collect();
    // A run is kept up to the first of its deliveries another process took meanwhile: what
    // follows that one must wait for it, so it is let go again.
    let mut taken = Vec::with_capacity(won.len());
    for run in intended {
        let mut broken = false;
        for id in run {
            match won.remove(&id) {
                Some(due) if !broken => taken.push(due),
                _ => broken = true,
            }
        }
    }
    let stray: Vec<String> = won.into_keys().collect();
    release(conn, &stray)?;
    Ok(taken)
}

/// Which deliveries to take: for each actor and inbox, in the order of their oldest due
/// delivery, the run of its oldest waiting deliveries that are all takeable (due and free), at
/// most `run` long, until `limit` deliveries are chosen. `waiting` is every waiting delivery of
/// those inboxes, oldest first: `(inbox, signer, id)`.
fn plan_runs(
    candidates: &[(String, String, String, NaiveDateTime)],
    waiting: &[(String, String, String)],
    takeable: &BTreeSet<&str>,
    limit: usize,
    run: usize,
) -> Vec<Vec<String>> {
    let mut queues: std::collections::HashMap<(&str, &str), Vec<&str>> = Default::default();
    for (inbox, signer, id) in waiting {
        queues
            .entry((inbox.as_str(), signer.as_str()))
            .or_default()
            .push(id.as_str());
    }
    let mut planned = Vec::new();
    let mut chosen = 0;
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (_, inbox, signer, _) in candidates {
        let key = (inbox.as_str(), signer.as_str());
        if chosen >= limit || !seen.insert(key) {
            continue;
        }
        let Some(queue) = queues.get(&key) else {
            continue;
        };
        let ids: Vec<String> = queue
            .iter()
            .take_while(|id| takeable.contains(**id))
            .take(run.min(limit - chosen))
            .map(|id| (*id).to_owned())
            .collect();
        if !ids.is_empty() {
            chosen += ids.len();
            planned.push(ids);
        }
    }
    planned
}

/// Splits what [`claim_due`] answered into its runs: consecutive deliveries of one actor to one
/// inbox, each run in order.
pub fn runs(claimed: Vec<Due>) -> Vec<Vec<Due>> {
    let mut runs: Vec<Vec<Due>> = Vec::new();
    for due in claimed {
        match runs.last_mut() {
            Some(run) if run[0].inbox == due.inbox && run[0].signer_ap_id == due.signer_ap_id => {
                run.push(due)
            }
            _ => runs.push(vec![due]),
        }
    }
    runs
}

/// Lets go of taken deliveries without attempting them (the rest of a run cut short), so that
/// they can be taken again at once.
pub fn release(conn: &mut DbConnection, ids: &[String]) -> Result<()> {
    for chunk in ids.chunks(INSERT_CHUNK) {
        diesel::update(deliveries::table.filter(deliveries::id.eq_any(chunk)))
            .set((
                deliveries::lock_token.eq(None::<String>),
                deliveries::locked_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Deliveries of a run accepted after an earlier one of the same run, whose success
/// [`delivered`] recorded for the host: they are done. One statement (and one commit) for the
/// run, not one per delivery; should the process stop before it, they are sent again once their
/// lease runs out, which receivers take as the replays they ignore.
pub fn done_all(conn: &mut DbConnection, ids: &[String]) -> Result<()> {
    for chunk in ids.chunks(INSERT_CHUNK) {
        diesel::delete(deliveries::table.filter(deliveries::id.eq_any(chunk))).execute(conn)?;
    }
    Ok(())
}

/// The inbox accepted the delivery: it is done, and the host is reachable again. A host that
/// answers again gets its waiting deliveries at once rather than at their backed-off times.
pub fn delivered(conn: &mut DbConnection, due: &Due) -> Result<()> {
    let at = now();
    on_backend!(conn, c => diesel::delete(deliveries::table.find(&due.id)).execute(c))?;
    // Most deliveries go to a healthy host that had a success moments ago: then the host's row
    // is left alone (its `last_success_at` is kept to the minute) instead of rewritten each time.
    let state: Option<(i32, Option<NaiveDateTime>, Option<NaiveDateTime>)> =
        on_backend!(conn, c => instances::table
        .find(&due.host)
        .select((
            instances::failures,
            instances::unreachable_since,
            instances::last_success_at,
        ))
        .first(c))
        .optional()?;
    let Some((failures, unreachable_since, last_success)) = state else {
        return Ok(());
    };
    let healthy = failures == 0 && unreachable_since.is_none();
    if healthy && last_success.is_some_and(|t| at - t < SUCCESS_RECORDED_EVERY) {
        return Ok(());
    }
    crate::db::transaction(conn, |conn| {
        diesel::update(instances::table.find(&due.host))
            .set((
                instances::last_success_at.eq(at),
                instances::failures.eq(0),
                instances::unreachable_since.eq(None::<NaiveDateTime>),
                instances::updated_at.eq(at),
            ))
            .execute(conn)?;
        if failures > 0 {
            diesel::update(
                deliveries::table
                    .filter(deliveries::host.eq(&due.host))
                    .filter(deliveries::gave_up_at.is_null())
                    .filter(deliveries::next_attempt_at.gt(at)),
            )
            .set(deliveries::next_attempt_at.eq(at))
            .execute(conn)?;
        }
        Ok(())
    })
}

/// How stale a healthy host's `last_success_at` may get before a success rewrites it.
const SUCCESS_RECORDED_EVERY: Duration = Duration::seconds(60);

/// Gives up the waiting deliveries to hosts the policy now excludes, so that an instance an
/// admin blocks (or leaves off the allow list) gets nothing more, retries included. They stay
/// in the queue's figures as given up, with the reason. A run already taken may still send
/// what it holds. Answers how many were given up.
pub fn withdraw_excluded(conn: &mut DbConnection) -> Result<usize> {
    let live = deliveries::table.filter(deliveries::gave_up_at.is_null());
    let given_up = (
        deliveries::gave_up_at.eq(now()),
        deliveries::last_error.eq(EXCLUDED),
    );
    Ok(match policy::mode(conn)? {
        policy::Mode::Open => 0,
        policy::Mode::Blocklist => diesel::update(
            live.filter(
                deliveries::host.eq_any(
                    instances::table
                        .filter(instances::blocked.eq(true))
                        .select(instances::host),
                ),
            ),
        )
        .set(given_up)
        .execute(conn)?,
        policy::Mode::Allowlist => diesel::update(
            live.filter(
                deliveries::host.ne_all(
                    instances::table
                        .filter(instances::allowed.eq(true))
                        .select(instances::host),
                ),
            ),
        )
        .set(given_up)
        .execute(conn)?,
    })
}

/// Why [`withdraw_excluded`] gave a delivery up, as admins see it.
pub const EXCLUDED: &str = "the federation policy excludes this host";

/// The delivery failed (`error` says how): retry later, or give up when it is too old or
/// `permanent` (the inbox refused it for good).
pub fn failed(
    conn: &mut DbConnection,
    due: &Due,
    error: &str,
    permanent: bool,
    backoff: &Backoff,
) -> Result<()> {
    let error: String = error.chars().take(500).collect();
    crate::db::transaction(conn, |conn| {
        let at = now();
        let attempts = due.attempts + 1;
        let give_up = permanent || at - due.created_at >= backoff.give_up_after;
        // One given up meanwhile (the policy came to exclude its host) stays given up.
        diesel::update(
            deliveries::table
                .find(&due.id)
                .filter(deliveries::gave_up_at.is_null()),
        )
        .set((
            deliveries::attempts.eq(attempts),
            deliveries::last_error.eq(&error),
            deliveries::next_attempt_at.eq(at + backoff.delay(attempts)),
            deliveries::lock_token.eq(None::<String>),
            deliveries::locked_until.eq(None::<NaiveDateTime>),
            deliveries::gave_up_at.eq(give_up.then_some(at)),
        ))
        .execute(conn)?;
        if permanent {
            // The host answered: it is reachable, it just did not want this one.
            return Ok(());
        }
        diesel::update(instances::table.find(&due.host))
            .set((
                instances::failures.eq(instances::failures + 1),
                instances::last_failure_at.eq(at),
                instances::updated_at.eq(at),
            ))
            .execute(conn)?;
        diesel::update(
            instances::table
                .find(&due.host)
                .filter(instances::failures.ge(UNREACHABLE_AFTER))
                .filter(instances::unreachable_since.is_null()),
        )
        .set(instances::unreachable_since.eq(at))
        .execute(conn)?;
        Ok(())
    })
}

/// At start: with SQLite one process owns the database, so leases left by a crash are dropped
/// at once. With PostgreSQL other live processes may hold leases; those of a crashed process run
/// out after their lease time.
pub fn release_leases_at_start(conn: &mut DbConnection) -> Result<()> {
    if !matches!(conn, DbConnection::Sqlite(_)) {
        return Ok(());
    }
    diesel::update(deliveries::table.filter(deliveries::lock_token.is_not_null()))
        .set((
            deliveries::lock_token.eq(None::<String>),
            deliveries::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    diesel::update(
        crate::schema::federation_outbox::table
            .filter(crate::schema::federation_outbox::lock_token.is_not_null()),
    )
    .set((
        crate::schema::federation_outbox::lock_token.eq(None::<String>),
        crate::schema::federation_outbox::locked_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}

/// The queue as admins and metrics see it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    /// Deliveries still to make (due now or later).
    pub pending: i64,
    /// Of those, the ones already due (some may wait behind an older one to the same inbox).
    pub due: i64,
    /// Of those, the ones being attempted right now.
    pub in_flight: i64,
    /// Of those, the ones that failed at least once.
    pub retrying: i64,
    /// Deliveries given up on.
    pub gave_up: i64,
    /// Hosts currently marked unreachable.
    pub unreachable_hosts: i64,
    /// Local changes not yet turned into activities.
    pub changes_waiting: i64,
    /// Of the changes waiting, the ones whose processing failed at least once (tried again).
    pub changes_failing: i64,
}

pub fn stats(conn: &mut DbConnection) -> Result<Stats> {
    let at = now();
    let live = deliveries::table.filter(deliveries::gave_up_at.is_null());
    Ok(Stats {
        pending: live.count().get_result(conn)?,
        due: live
            .filter(deliveries::next_attempt_at.le(at))
            .count()
            .get_result(conn)?,
        in_flight: live
            .filter(deliveries::locked_until.gt(at))
            .count()
            .get_result(conn)?,
        retrying: live
            .filter(deliveries::attempts.gt(0))
            .count()
            .get_result(conn)?,
        gave_up: deliveries::table
            .filter(deliveries::gave_up_at.is_not_null())
            .count()
            .get_result(conn)?,
        unreachable_hosts: instances::table
            .filter(instances::unreachable_since.is_not_null())
            .count()
            .get_result(conn)?,
        changes_waiting: crate::federation_feed::pending(conn)?,
        changes_failing: crate::federation_feed::failing_count(conn)?,
    })
}

/// An activity we sent, by its ActivityPub id (so our activity ids dereference).
pub fn outgoing_body(conn: &mut DbConnection, ap_id: &str) -> Result<Option<String>> {
    Ok(outgoing_activities::table
        .filter(outgoing_activities::ap_id.eq(ap_id))
        .select(outgoing_activities::body)
        .first(conn)
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory_db() -> DbConnection {
        let mut conn = crate::db::DatabaseUrl::Sqlite(":memory:".into())
            .connect()
            .unwrap();
        crate::db::migrate(&mut conn).unwrap();
        conn
    }

    fn send(conn: &mut DbConnection, ap_id: &str, signer: &str) {
        let activity = NewActivity {
            ap_id,
            kind: "Announce",
            signer_ap_id: signer,
            body: "{}",
        };
        let queued = enqueue(conn, &activity, ["http://b.test/inbox".to_owned()]).unwrap();
        assert_eq!(queued, 1);
    }

    fn claimed(conn: &mut DbConnection, limit: i64) -> Vec<Due> {
        claim_due(conn, limit, 1, Duration::seconds(60)).unwrap()
    }

    fn ids(due: &[Due]) -> Vec<&str> {
        let mut v: Vec<&str> = due.iter().map(|d| d.activity_ap_id.as_str()).collect();
        v.sort();
        v
    }

    #[test]
    fn one_actor_to_one_inbox_goes_in_order_however_long_the_backlog() {
        let mut conn = memory_db();
        let (s1, s2) = ("http://a.test/c/ospizio", "http://a.test/c/rosta");
        for n in 1..=30 {
            send(&mut conn, &format!("s1-{n:02}"), s1);
        }
        send(&mut conn, "s2-01", s2);
        // One at a time for each actor and inbox, the oldest first; other actors in parallel.
        let first = claimed(&mut conn, 10);
        assert_eq!(ids(&first), ["s1-01", "s2-01"]);
        assert!(claimed(&mut conn, 10).is_empty(), "the heads are leased");
        let head = first.iter().find(|d| d.activity_ap_id == "s1-01").unwrap();
        delivered(&mut conn, head).unwrap();
        assert_eq!(ids(&claimed(&mut conn, 1)), ["s1-02"]);
        // A failed head waits for its retry, and nothing newer of that actor overtakes it.
        let next = claimed(&mut conn, 10);
        assert!(next.is_empty(), "s1-02 is leased: {:?}", ids(&next));
        let due = due_by_ap_id(&mut conn, "s1-02");
        failed(&mut conn, &due, "503", false, &Backoff::default()).unwrap();
        assert!(
            claimed(&mut conn, 10).is_empty(),
            "s1-03 and later wait behind the failed s1-02"
        );
    }

    fn due_by_ap_id(conn: &mut DbConnection, ap_id: &str) -> Due {
        deliveries::table
            .inner_join(outgoing_activities::table)
            .filter(outgoing_activities::ap_id.eq(ap_id))
            .select((
                deliveries::id,
                deliveries::inbox,
                deliveries::host,
                deliveries::attempts,
                deliveries::created_at,
                outgoing_activities::ap_id,
                outgoing_activities::signer_ap_id,
                outgoing_activities::body,
            ))
            .first::<DueRow>(conn)
            .map(due_from_row)
            .unwrap()
    }

    fn in_order(due: &[Due]) -> Vec<&str> {
        due.iter().map(|d| d.activity_ap_id.as_str()).collect()
    }

    #[test]
    fn runs_are_taken_in_order_and_only_from_the_head() {
        let mut conn = memory_db();
        let (s1, s2) = ("http://a.test/c/ospizio", "http://a.test/c/rosta");
        for n in 1..=12 {
            send(&mut conn, &format!("s1-{n:02}"), s1);
        }
        send(&mut conn, "s2-01", s2);
        let take = |conn: &mut DbConnection, limit, run| {
            claim_due(conn, limit, run, Duration::seconds(60)).unwrap()
        };
        // Each actor's oldest deliveries, up to the run's length, each run in order.
        let first = take(&mut conn, 10, 5);
        assert_eq!(
            in_order(&first),
            ["s1-01", "s1-02", "s1-03", "s1-04", "s1-05", "s2-01"]
        );
        let split = runs(first.clone());
        assert_eq!(split.len(), 2);
        assert_eq!(split[0].len(), 5);
        // Nothing newer is taken while the head of its run is out.
        assert!(take(&mut conn, 10, 5).is_empty());
        // Three sent, the rest let go: the next run starts where the last one stopped.
        for due in &first[..3] {
            delivered(&mut conn, due).unwrap();
        }
        let rest: Vec<String> = first[3..5].iter().map(|d| d.id.clone()).collect();
        release(&mut conn, &rest).unwrap();
        let next = take(&mut conn, 3, 5);
        assert_eq!(
            in_order(&next),
            ["s1-04", "s1-05", "s1-06"],
            "the limit cuts a run"
        );
        release(
            &mut conn,
            &next.iter().map(|d| d.id.clone()).collect::<Vec<_>>(),
        )
        .unwrap();
        // A delivery in the middle that another worker holds ends the run before it.
        let held = due_by_ap_id(&mut conn, "s1-06");
        diesel::update(deliveries::table.find(&held.id))
            .set((
                deliveries::lock_token.eq("another"),
                deliveries::locked_until.eq(now() + Duration::seconds(60)),
            ))
            .execute(&mut conn)
            .unwrap();
        assert_eq!(in_order(&take(&mut conn, 10, 5)), ["s1-04", "s1-05"]);
    }

    /// Each delivery's host, whether it was given up, and why.
    fn queue_state(conn: &mut DbConnection) -> Vec<(String, bool, Option<String>)> {
        deliveries::table
            .order((deliveries::host, deliveries::created_at))
            .select((
                deliveries::host,
                deliveries::gave_up_at.is_not_null(),
                deliveries::last_error,
            ))
            .load(conn)
            .unwrap()
    }

    #[test]
    fn hosts_the_policy_comes_to_exclude_get_nothing_more() {
        use crate::accounts::{create_local, Origin, Registration};
        let mut conn = memory_db();
        let instance = crate::Instance::new("http://a.test".parse().unwrap());
        let registration = Registration {
            username: "rosa".into(),
            email: "rosa@a.test".into(),
            password: "a long and unguessable Passw0rd".into(),
            display_name: None,
            locale: None,
        };
        let (admin, _) =
            create_local(&mut conn, &instance, &registration, "it", Origin::Admin).unwrap();
        let activity = |ap_id| NewActivity {
            ap_id,
            kind: "Announce",
            signer_ap_id: "http://a.test/c/x",
            body: "{}",
        };
        let inboxes = |hosts: &[&str]| -> Vec<String> {
            hosts.iter().map(|h| format!("http://{h}/inbox")).collect()
        };
        enqueue(&mut conn, &activity("a1"), inboxes(&["b.test", "c.test"])).unwrap();
        // A worker holds both when the admin acts.
        let taken = claimed(&mut conn, 10);
        assert_eq!(taken.len(), 2);
        // Block-list mode with nothing blocked, then b.test blocked: only b.test's goes.
        policy::set_mode(&mut conn, &admin.id, policy::Mode::Blocklist).unwrap();
        assert!(queue_state(&mut conn).iter().all(|(_, gone, _)| !gone));
        policy::set_lists(&mut conn, &admin.id, "b.test", Some(true), None).unwrap();
        let excluded = Some(EXCLUDED.to_owned());
        assert_eq!(
            queue_state(&mut conn),
            [
                ("b.test".into(), true, excluded.clone()),
                ("c.test".into(), false, None)
            ]
        );
        // The worker's attempt then fails: a retry would send it after all, so none is planned.
        for due in &taken {
            failed(&mut conn, due, "timed out", false, &Backoff::default()).unwrap();
        }
        let state = queue_state(&mut conn);
        assert_eq!(state[0], ("b.test".into(), true, excluded.clone()));
        assert_eq!(state[1], ("c.test".into(), false, Some("timed out".into())));
        // Allow-list mode: every host not allowed goes, c.test too unless allowed.
        enqueue(&mut conn, &activity("a2"), inboxes(&["c.test", "d.test"])).unwrap();
        policy::set_lists(&mut conn, &admin.id, "d.test", None, Some(true)).unwrap();
        policy::set_mode(&mut conn, &admin.id, policy::Mode::Allowlist).unwrap();
        let live: Vec<String> = queue_state(&mut conn)
            .into_iter()
            .filter(|(_, gone, _)| !gone)
            .map(|(host, _, _)| host)
            .collect();
        assert_eq!(live, ["d.test"]);
        assert_eq!(stats(&mut conn).unwrap().gave_up, 3);
    }

    #[test]
    fn enqueue_queues_each_permitted_inbox_once_and_remembers_hosts() {
        use crate::schema::federation_settings;
        let mut conn = memory_db();
        diesel::update(federation_settings::table)
            .set(federation_settings::mode.eq("blocklist"))
            .execute(&mut conn)
            .unwrap();
        policy::remember(&mut conn, "blocked.test").unwrap();
        diesel::update(instances::table.find("blocked.test"))
            .set(instances::blocked.eq(true))
            .execute(&mut conn)
            .unwrap();
        // 1,200 inboxes on 600 hosts: more than one multi-row insert's worth.
        let mut inboxes: Vec<String> = (0..600)
            .flat_map(|h| {
                [
                    format!("http://h{h}.test/inbox"),
                    format!("http://h{h}.test/u/someone/inbox"),
                ]
            })
            .collect();
        inboxes.push("http://blocked.test/inbox".to_owned());
        inboxes.push("http://h1.test/inbox".to_owned());
        inboxes.push("not a url".to_owned());
        let activity = NewActivity {
            ap_id: "http://a.test/activities/1",
            kind: "Announce",
            signer_ap_id: "http://a.test/c/x",
            body: "{}",
        };
        assert_eq!(
            enqueue(&mut conn, &activity, inboxes.clone()).unwrap(),
            1200
        );
        // The same activity again queues nothing new.
        assert_eq!(enqueue(&mut conn, &activity, inboxes).unwrap(), 0);
        let queued: Vec<String> = deliveries::table
            .select(deliveries::host)
            .load(&mut conn)
            .unwrap();
        assert_eq!(queued.len(), 1200);
        assert!(!queued.iter().any(|h| h == "blocked.test"));
        let hosts: i64 = instances::table.count().get_result(&mut conn).unwrap();
        assert_eq!(hosts, 601, "600 new hosts and the blocked one");
    }

    #[test]
    fn backoff_grows_to_a_day() {
        let b = Backoff::default();
        assert_eq!(b.delay(1), Duration::seconds(30));
        assert_eq!(b.delay(2), Duration::seconds(90));
        assert_eq!(b.delay(3), Duration::seconds(270));
        assert_eq!(b.delay(30), Duration::days(1));
        assert!(b.delay(8) < Duration::days(1));
    }
}
