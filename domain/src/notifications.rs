//! What each person is told: replies, mentions, changes to events they answered, co-design phases
//! of processes they took part in, and moderation of their own content. Notices are written in
//! the same transaction as the change that causes them; mail goes out later (see `server`'s
//! notifier), at once or as a daily digest, per the person's setting.
//!
//! Nobody is told about a post they may not read: recipients are filtered when a notice is
//! written, and again whenever notices are listed or mailed, because people leave neighbourhoods
//! and posts get removed in between.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};

use crate::db::{DbConnection, MultiBackend};
use crate::error::{Error, FieldErrors, Result};
use crate::schema::{
    accounts, channels, communities, community_members, notification_settings, notifications, posts,
};
use crate::time::now;
use crate::tokens;
use crate::vocabulary::{RsvpStatus, Visibility};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Someone commented on your post or answered your comment.
    Reply,
    /// Someone wrote `@you`.
    Mention,
    /// A place freed up and you moved from the waiting list to the attendees.
    RsvpPromoted,
    /// An event you answered changed its title, description, time or place.
    EventChanged,
    EventCancelled,
    /// An event you attend starts within a day.
    EventReminder,
    /// A co-design process you took part in moved to another phase or recorded its decision.
    PhaseChanged,
    /// A moderator acted on your content or on you.
    Moderation,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Reply,
        Kind::Mention,
        Kind::RsvpPromoted,
        Kind::EventChanged,
        Kind::EventCancelled,
        Kind::EventReminder,
        Kind::PhaseChanged,
        Kind::Moderation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reply => "reply",
            Kind::Mention => "mention",
            Kind::RsvpPromoted => "rsvp_promoted",
            Kind::EventChanged => "event_changed",
            Kind::EventCancelled => "event_cancelled",
            Kind::EventReminder => "event_reminder",
            Kind::PhaseChanged => "phase_changed",
            Kind::Moderation => "moderation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a notice is about. `detail` carries a short machine-readable word (the new phase, the
/// moderation action) or the reason a person gave (a cancellation, a removal).
#[derive(Debug, Clone, Copy)]
pub struct Notice<'a> {
    pub kind: Kind,
    pub actor_id: Option<&'a str>,
    pub community_id: Option<&'a str>,
    pub post_id: Option<&'a str>,
    pub comment_id: Option<&'a str>,
    pub detail: &'a str,
}

impl<'a> Notice<'a> {
    pub fn about_post(kind: Kind, actor_id: Option<&'a str>, post: &'a crate::posts::Post) -> Self {
        Self {
            kind,
            actor_id,
            community_id: Some(&post.community_id),
            post_id: Some(&post.id),
            comment_id: None,
            detail: "",
        }
    }

    pub fn with_detail(self, detail: &'a str) -> Self {
        Self { detail, ..self }
    }

    pub fn with_comment(self, comment_id: &'a str) -> Self {
        Self {
            comment_id: Some(comment_id),
            ..self
        }
    }
}

/// Tells `recipients` about something, inside the caller's transaction. The actor is not told
/// of their own doing, remote people are not told here (federation carries it to them), and
/// nobody is told about a post they may not read.
pub fn notify(
    conn: &mut DbConnection,
    recipients: impl IntoIterator<Item = String>,
    notice: &Notice,
) -> Result<usize> {
    record(conn, recipients, notice, None, None)
}

/// [`notify`] about a post in `channel`, which the caller has read: who may read it is decided
/// without reading the post and its channel again (a federated comment's hot path).
pub fn notify_in(
    conn: &mut DbConnection,
    channel: &crate::channels::Channel,
    recipients: impl IntoIterator<Item = String>,
    notice: &Notice,
) -> Result<usize> {
    record(conn, recipients, notice, None, Some(channel))
}

fn record(
    conn: &mut DbConnection,
    recipients: impl IntoIterator<Item = String>,
    notice: &Notice,
    dedupe_key: Option<&str>,
    channel: Option<&crate::channels::Channel>,
) -> Result<usize> {
    let mut seen = HashSet::new();
    let wanted: Vec<String> = recipients
        .into_iter()
        .filter(|r| Some(r.as_str()) != notice.actor_id && seen.insert(r.clone()))
        .collect();
    if wanted.is_empty() {
        return Ok(0);
    }
    // Who may read the post: its community and whether its channel is public.
    let scope = match (notice.post_id, channel) {
        (Some(_), Some(channel)) => Some((channel.community_id.clone(), channel.visibility)),
        (Some(post_id), None) => {
            let found: Option<(String, Visibility)> = posts::table
                .inner_join(channels::table)
                .filter(posts::id.eq(post_id))
                .select((posts::community_id, channels::visibility))
                .first(conn)
                .optional()?;
            match found {
                Some(scope) => Some(scope),
                None => return Ok(0),
            }
        }
        (None, _) => None,
    };
    let at = now();
    let mut written = 0;
    for recipient in &wanted {
        written += insert_if_reader(conn, recipient, notice, dedupe_key, scope.as_ref(), at)?;
    }
    Ok(written)
}

/// Writes `recipient`'s notice, in one statement, if they are a person of this instance who may
/// read what it is about (`scope`: the post's community and its channel's visibility; anyone
/// for public channels, members in good standing and admins for members-only ones). Answers
/// how many rows it wrote (0 or 1).
fn insert_if_reader(
    conn: &mut DbConnection,
    recipient: &str,
    notice: &Notice,
    dedupe_key: Option<&str>,
    scope: Option<&(String, Visibility)>,
    at: NaiveDateTime,
) -> Result<usize> {
    use diesel::dsl::exists;
    use diesel::sql_types::Nullable;
    let (community_id, open_to_all) = match scope {
        Some((community_id, visibility)) => {
            (community_id.as_str(), *visibility == Visibility::Public)
        }
        None => ("", true),
    };
    let member = community_members::table
        .filter(community_members::community_id.eq(community_id))
        .filter(community_members::account_id.eq(accounts::id))
        .filter(
            community_members::banned_until
                .is_null()
                .or(community_members::banned_until.le(at)),
        );
    let row = accounts::table
        .filter(accounts::id.eq(recipient))
        .filter(accounts::local.eq(true))
        .filter(
            open_to_all
                .into_sql::<Bool>()
                .or(accounts::is_admin)
                .or(exists(member)),
        )
        .select((
            tokens::new_id().into_sql::<Text>(),
            accounts::id,
            notice.kind.as_str().into_sql::<Text>(),
            notice.actor_id.into_sql::<Nullable<Text>>(),
            notice.community_id.into_sql::<Nullable<Text>>(),
            notice.post_id.into_sql::<Nullable<Text>>(),
            notice.comment_id.into_sql::<Nullable<Text>>(),
            notice.detail.into_sql::<Text>(),
            dedupe_key.into_sql::<Nullable<Text>>(),
            at.into_sql::<Timestamp>(),
        ));
    Ok(diesel::insert_into(notifications::table)
        .values(row)
        .into_columns((
            notifications::id,
            notifications::recipient_id,
            notifications::kind,
            notifications::actor_id,
            notifications::community_id,
            notifications::post_id,
            notifications::comment_id,
            notifications::detail,
            notifications::dedupe_key,
            notifications::created_at,
        ))
        .execute(conn)?)
}

/// The SQL condition that a notice's recipient may still read what it is about: the post is
/// there (or the notice is about its removal) in a channel they may read, and so is the comment.
/// Admins read everything and skip it.
fn still_readable(
    at: NaiveDateTime,
) -> Box<dyn BoxableExpression<notifications::table, MultiBackend, SqlType = Bool>> {
    // The words are bound, not written into the SQL: they are the vocabularies' own.
    let moderation = Kind::Moderation.as_str();
    let condition = sql::<Bool>(
        "((notifications.post_id IS NULL OR EXISTS (
            SELECT 1 FROM posts p JOIN channels c ON c.id = p.channel_id
            WHERE p.id = notifications.post_id
              AND (notifications.kind = ",
    )
    .bind::<Text, _>(moderation)
    .sql(
        " OR (p.deleted_at IS NULL AND p.removed_at IS NULL))
              AND (c.visibility = ",
    )
    .bind::<Text, _>(Visibility::Public.as_str())
    .sql(
        " OR EXISTS (SELECT 1 FROM accounts a
                              WHERE a.id = notifications.recipient_id AND a.is_admin)
                   OR EXISTS (SELECT 1 FROM community_members m
                              WHERE m.community_id = p.community_id
                                AND m.account_id = notifications.recipient_id
                                AND (m.banned_until IS NULL OR m.banned_until <= ",
    )
    .bind::<Timestamp, _>(at)
    .sql("))))) AND (notifications.comment_id IS NULL OR notifications.kind = ")
    .bind::<Text, _>(moderation)
    .sql(
        " OR EXISTS (SELECT 1 FROM comments cm WHERE cm.id = notifications.comment_id
                          AND cm.deleted_at IS NULL AND cm.removed_at IS NULL)))",
    );
    Box::new(condition)
}

/// A notice as shown, with the names of who and what it is about.
#[derive(Debug, Clone)]
pub struct NotificationView {
    pub id: String,
    pub kind: String,
    pub detail: String,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
    /// Username and display name.
    pub actor: Option<(String, String)>,
    /// Slug and name.
    pub community: Option<(String, String)>,
    /// Id and title.
    pub post: Option<(String, String)>,
    pub comment_id: Option<String>,
}

type Row = (
    String,
    String,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn row_columns() -> (
    notifications::id,
    notifications::kind,
    notifications::detail,
    notifications::created_at,
    notifications::read_at,
    notifications::actor_id,
    notifications::community_id,
    notifications::post_id,
    notifications::comment_id,
) {
    (
        notifications::id,
        notifications::kind,
        notifications::detail,
        notifications::created_at,
        notifications::read_at,
        notifications::actor_id,
        notifications::community_id,
        notifications::post_id,
        notifications::comment_id,
    )
}

/// Names the actors, communities and posts of notices: three grouped queries for any number.
fn decorate(conn: &mut DbConnection, rows: Vec<Row>) -> Result<Vec<NotificationView>> {
    let ids = |pick: fn(&Row) -> &Option<String>| -> Vec<String> {
        let set: HashSet<&String> = rows.iter().filter_map(|r| pick(r).as_ref()).collect();
        set.into_iter().cloned().collect()
    };
    let (actor_ids, community_ids, post_ids) = (ids(|r| &r.5), ids(|r| &r.6), ids(|r| &r.7));
    let actors: HashMap<String, (String, String)> = if actor_ids.is_empty() {
        HashMap::new()
    } else {
        accounts::table
            .filter(accounts::id.eq_any(&actor_ids))
            .select((accounts::id, accounts::username, accounts::display_name))
            .load::<(String, String, String)>(conn)?
            .into_iter()
            .map(|(id, u, d)| (id, (u, d)))
            .collect()
    };
    let communities: HashMap<String, (String, String)> = if community_ids.is_empty() {
        HashMap::new()
    } else {
        communities::table
            .filter(communities::id.eq_any(&community_ids))
            .select((communities::id, communities::slug, communities::name))
            .load::<(String, String, String)>(conn)?
            .into_iter()
            .map(|(id, s, n)| (id, (s, n)))
            .collect()
    };
    let titles: HashMap<String, String> = if post_ids.is_empty() {
        HashMap::new()
    } else {
        posts::table
            .filter(posts::id.eq_any(&post_ids))
            .select((posts::id, posts::title))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(
            |(id, kind, detail, created_at, read_at, actor, community, post, comment_id)| {
                NotificationView {
                    id,
                    kind,
                    detail,
                    created_at,
                    read_at,
                    actor: actor.and_then(|a| actors.get(&a).cloned()),
                    community: community.and_then(|c| communities.get(&c).cloned()),
                    post: post.and_then(|p| titles.get(&p).map(|t| (p, t.clone()))),
                    comment_id,
                }
            },
        )
        .collect())
}

/// A page of someone's notices, newest first; `before` is the id of the last one of the
/// previous page (ids grow with time).
pub fn list(
    conn: &mut DbConnection,
    recipient_id: &str,
    unread_only: bool,
    before: Option<&str>,
    limit: i64,
) -> Result<(Vec<NotificationView>, Option<String>)> {
    let mut query = notifications::table
        .filter(notifications::recipient_id.eq(recipient_id))
        .filter(still_readable(now()))
        .order(notifications::id.desc())
        .select(row_columns())
        .limit(limit + 1)
        .into_boxed();
    if unread_only {
        query = query.filter(notifications::read_at.is_null());
    }
    if let Some(before) = before {
        query = query.filter(notifications::id.lt(before.to_owned()));
    }
    let mut rows: Vec<Row> = query.load(conn)?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| r.0.clone())
    } else {
        None
    };
    Ok((decorate(conn, rows)?, next))
}

/// How many unread notices someone has (only those they may still read).
pub fn unread_count(conn: &mut DbConnection, recipient_id: &str) -> Result<i64> {
    Ok(notifications::table
        .filter(notifications::recipient_id.eq(recipient_id))
        .filter(notifications::read_at.is_null())
        .filter(still_readable(now()))
        .count()
        .get_result(conn)?)
}

/// Marks notices read: those of `ids`, or all of them. Others' notices are left alone.
pub fn mark_read(
    conn: &mut DbConnection,
    recipient_id: &str,
    ids: Option<&[String]>,
) -> Result<usize> {
    let mut errors = FieldErrors::default();
    if let Some(ids) = ids {
        if ids.len() > 500 {
            errors.add("ids", "length", "at most 500 at a time");
        }
        if ids.iter().any(|id| !tokens::is_id(id)) {
            errors.add("ids", "invalid", "must be notification ids");
        }
    }
    errors.into_result()?;
    let target = notifications::table
        .filter(notifications::recipient_id.eq(recipient_id))
        .filter(notifications::read_at.is_null());
    let at = Some(now());
    Ok(match ids {
        Some(ids) => diesel::update(target.filter(notifications::id.eq_any(ids)))
            .set(notifications::read_at.eq(at))
            .execute(conn)?,
        None => diesel::update(target)
            .set(notifications::read_at.eq(at))
            .execute(conn)?,
    })
}

/// How someone wants to hear by mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailMode {
    Immediate,
    Daily,
    Off,
}

impl EmailMode {
    pub fn as_str(self) -> &'static str {
        match self {
            EmailMode::Immediate => "immediate",
            EmailMode::Daily => "daily",
            EmailMode::Off => "off",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [EmailMode::Immediate, EmailMode::Daily, EmailMode::Off]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// Someone's mail setting; people who never chose hear at once.
pub fn email_mode(conn: &mut DbConnection, account_id: &str) -> Result<EmailMode> {
    let mode: Option<String> = notification_settings::table
        .find(account_id)
        .select(notification_settings::email)
        .first(conn)
        .optional()?;
    Ok(mode
        .as_deref()
        .and_then(EmailMode::parse)
        .unwrap_or(EmailMode::Immediate))
}

/// Changes someone's mail setting. Choosing the digest starts its clock now, so the first
/// digest comes at the next digest hour rather than at once.
pub fn set_email_mode(conn: &mut DbConnection, account_id: &str, mode: EmailMode) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let at = now();
        let updated = diesel::update(notification_settings::table.find(account_id))
            .set((
                notification_settings::email.eq(mode.as_str()),
                notification_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(notification_settings::table)
                .values((
                    notification_settings::account_id.eq(account_id),
                    notification_settings::email.eq(mode.as_str()),
                    notification_settings::last_digest_at.eq(Some(at)),
                    notification_settings::updated_at.eq(at),
                ))
                .execute(conn)?;
        } else if mode == EmailMode::Daily {
            diesel::update(notification_settings::table.find(account_id))
                .filter(notification_settings::last_digest_at.is_null())
                .set(notification_settings::last_digest_at.eq(Some(at)))
                .execute(conn)?;
        }
        if mode == EmailMode::Off {
            // What was waiting for a mail will not get one.
            diesel::update(
                notifications::table
                    .filter(notifications::recipient_id.eq(account_id))
                    .filter(notifications::mailed_at.is_null()),
            )
            .set(notifications::mailed_at.eq(Some(at)))
            .execute(conn)?;
        }
        Ok(())
    })
}

/// Someone waiting for mail: who, how, and when their last digest went.
#[derive(Debug, Clone)]
pub struct MailDue {
    pub account_id: String,
    pub mode: EmailMode,
    pub last_digest_at: Option<NaiveDateTime>,
}

/// The people with notices not yet mailed. Notices of people who cannot or do not want to get
/// mail (no verified address, mail off) are marked done first, so they are not looked at again.
pub fn awaiting_mail(conn: &mut DbConnection, limit: i64) -> Result<Vec<MailDue>> {
    // The notifier asks every second; when nothing waits, answer from one read, without
    // taking the write lock the marking below needs.
    let waiting: bool = diesel::select(diesel::dsl::exists(
        notifications::table.filter(notifications::mailed_at.is_null()),
    ))
    .get_result(conn)?;
    if !waiting {
        return Ok(Vec::new());
    }
    let at = Some(now());
    let unmailable = accounts::table
        .filter(
            accounts::local
                .eq(false)
                .or(accounts::email_verified_at.is_null())
                .or(accounts::suspended_at.is_not_null()),
        )
        .select(accounts::id);
    diesel::update(
        notifications::table
            .filter(notifications::mailed_at.is_null())
            .filter(notifications::recipient_id.eq_any(unmailable)),
    )
    .set(notifications::mailed_at.eq(at))
    .execute(conn)?;
    let off = notification_settings::table
        .filter(notification_settings::email.eq(EmailMode::Off.as_str()))
        .select(notification_settings::account_id);
    diesel::update(
        notifications::table
            .filter(notifications::mailed_at.is_null())
            .filter(notifications::recipient_id.eq_any(off)),
    )
    .set(notifications::mailed_at.eq(at))
    .execute(conn)?;
    let recipients: Vec<String> = notifications::table
        .filter(notifications::mailed_at.is_null())
        .select(notifications::recipient_id)
        .distinct()
        .limit(limit)
        .load(conn)?;
    if recipients.is_empty() {
        return Ok(Vec::new());
    }
    let settings: HashMap<String, (String, Option<NaiveDateTime>)> = notification_settings::table
        .filter(notification_settings::account_id.eq_any(&recipients))
        .select((
            notification_settings::account_id,
            notification_settings::email,
            notification_settings::last_digest_at,
        ))
        .load::<(String, String, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .map(|(id, mode, last)| (id, (mode, last)))
        .collect();
    Ok(recipients
        .into_iter()
        .map(|account_id| {
            let (mode, last_digest_at) = match settings.get(&account_id) {
                Some((mode, last)) => (
                    EmailMode::parse(mode).unwrap_or(EmailMode::Immediate),
                    *last,
                ),
                None => (EmailMode::Immediate, None),
            };
            MailDue {
                account_id,
                mode,
                last_digest_at,
            }
        })
        .collect())
}

/// Takes someone's unmailed notices for one mail: marks them all mailed and answers those they
/// may still read, oldest first. The mark comes first, so when several server processes share
/// the database each notice is claimed by one of them only (a crash before sending loses that
/// mail; the notice stays in the app).
pub fn claim_for_mail(
    conn: &mut DbConnection,
    recipient_id: &str,
    digest: bool,
) -> Result<Vec<NotificationView>> {
    crate::db::transaction(conn, |conn| {
        let at = now();
        let claimed = diesel::update(
            notifications::table
                .filter(notifications::recipient_id.eq(recipient_id))
                .filter(notifications::mailed_at.is_null()),
        )
        .set(notifications::mailed_at.eq(Some(at)))
        .execute(conn)?;
        if digest {
            diesel::update(notification_settings::table.find(recipient_id))
                .set(notification_settings::last_digest_at.eq(Some(at)))
                .execute(conn)?;
        }
        if claimed == 0 {
            return Ok(Vec::new());
        }
        let rows: Vec<Row> = notifications::table
            .filter(notifications::recipient_id.eq(recipient_id))
            .filter(notifications::mailed_at.eq(Some(at)))
            .filter(still_readable(at))
            .order(notifications::id.asc())
            .select(row_columns())
            .limit(200)
            .load(conn)?;
        decorate(conn, rows)
    })
}

/// Writes a reminder for each attendee of an event starting between `from` and `until` who has
/// not had one yet. Answers how many were written.
pub fn queue_reminders(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<usize> {
    use crate::schema::{events, rsvps};
    let due: Vec<(String, String)> = events::table
        .inner_join(rsvps::table.on(rsvps::post_id.eq(events::post_id)))
        .inner_join(posts::table)
        .filter(events::starts_at.gt(from))
        .filter(events::starts_at.le(until))
        .filter(events::cancelled_at.is_null())
        .filter(posts::deleted_at.is_null())
        .filter(posts::removed_at.is_null())
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .select((events::post_id, rsvps::account_id))
        .limit(5_000)
        .load(conn)?;
    if due.is_empty() {
        return Ok(0);
    }
    let key = |post: &str, account: &str| format!("reminder:{post}:{account}");
    let keys: Vec<String> = due.iter().map(|(p, a)| key(p, a)).collect();
    let mut sent: HashSet<String> = HashSet::new();
    for chunk in keys.chunks(500) {
        sent.extend(
            notifications::table
                .filter(notifications::dedupe_key.eq_any(chunk))
                .select(notifications::dedupe_key)
                .load::<Option<String>>(conn)?
                .into_iter()
                .flatten(),
        );
    }
    let mut written = 0;
    for (post_id, account_id) in due {
        let k = key(&post_id, &account_id);
        if sent.contains(&k) {
            continue;
        }
        let community_id: String = posts::table
            .find(&post_id)
            .select(posts::community_id)
            .first(conn)?;
        let notice = Notice {
            kind: Kind::EventReminder,
            actor_id: None,
            community_id: Some(&community_id),
            post_id: Some(&post_id),
            comment_id: None,
            detail: "",
        };
        // Another process may have written the same reminder meanwhile: the unique key
        // refuses the second, which is what we want.
        let result = crate::db::transaction(conn, |conn| {
            record(conn, [account_id], &notice, Some(&k), None)
        });
        match result {
            Ok(n) => written += n,
            Err(Error::Internal(e))
                if e.downcast_ref::<diesel::result::Error>()
                    .is_some_and(crate::error::is_unique_violation) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}
