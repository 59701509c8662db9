//! Reports, moderators' actions and the public moderation log. Channel moderators act within
//! their channels; facilitators and admins across the community, and only they ban.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::{self, validate::normalize_username};
use crate::channels::{self, Channel};
use crate::communities::{self, Community};
use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::membership::{self, Standing};
use crate::notifications::{self, Kind, Notice};
use crate::posts::{self, Comment, Post};
use crate::schema::{
    accounts as accounts_table, comments, community_members, moderation_actions,
    posts as posts_table, reports,
};
use crate::search_feed::{self, Entity, Op};
use crate::time::now;
use crate::tokens;

pub const REASON_MAX: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Post,
    Comment,
    Account,
}

impl TargetKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "post" => Some(Self::Post),
            "comment" => Some(Self::Comment),
            "account" => Some(Self::Account),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Post => "post",
            Self::Comment => "comment",
            Self::Account => "account",
        }
    }
}

/// What a report or action is about. An account is named by username and needs the community.
#[derive(Debug, Clone)]
pub struct Target {
    pub kind: TargetKind,
    pub id: String,
    pub community: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Remove,
    Restore,
    Lock,
    Unlock,
    Pin,
    Unpin,
    Ban,
    Unban,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::Remove,
        Action::Restore,
        Action::Lock,
        Action::Unlock,
        Action::Pin,
        Action::Unpin,
        Action::Ban,
        Action::Unban,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Remove => "remove",
            Action::Restore => "restore",
            Action::Lock => "lock",
            Action::Unlock => "unlock",
            Action::Pin => "pin",
            Action::Unpin => "unpin",
            Action::Ban => "ban",
            Action::Unban => "unban",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    fn applies_to(self, kind: TargetKind) -> bool {
        match kind {
            TargetKind::Post => !matches!(self, Action::Ban | Action::Unban),
            TargetKind::Comment => matches!(self, Action::Remove | Action::Restore),
            TargetKind::Account => matches!(self, Action::Ban | Action::Unban),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct Report {
    pub id: String,
    pub reporter_id: String,
    pub community_id: String,
    pub channel_id: Option<String>,
    pub target_kind: String,
    pub target_id: String,
    pub reason: String,
    pub status: String,
    pub resolved_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = moderation_actions)]
pub struct LogEntry {
    pub id: String,
    pub community_id: String,
    pub channel_id: Option<String>,
    pub moderator_id: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub reason: String,
    pub expires_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

fn check_reason(reason: &str) -> Result<()> {
    let mut errors = FieldErrors::default();
    let len = reason.trim().chars().count();
    if len == 0 || len > REASON_MAX {
        errors.add(
            "reason",
            "length",
            format!("must be 1 to {REASON_MAX} characters long"),
        );
    }
    if reason.chars().any(|c| c.is_control() && c != '\n') {
        errors.add(
            "reason",
            "characters",
            "must not contain control characters",
        );
    }
    errors.into_result()
}

/// What a target resolves to: its community, channel (for content) and rows.
enum Resolved {
    Post(Post, Channel),
    Comment(Comment, Channel),
    // Boxed: an account row is much larger than the other variants.
    Account(Box<accounts::Account>, Community),
}

impl Resolved {
    fn community_id(&self) -> &str {
        match self {
            Resolved::Post(_, c) | Resolved::Comment(_, c) => &c.community_id,
            Resolved::Account(_, c) => &c.id,
        }
    }

    fn channel(&self) -> Option<&Channel> {
        match self {
            Resolved::Post(_, c) | Resolved::Comment(_, c) => Some(c),
            Resolved::Account(..) => None,
        }
    }

    fn id(&self) -> &str {
        match self {
            Resolved::Post(p, _) => &p.id,
            Resolved::Comment(c, _) => &c.id,
            Resolved::Account(a, _) => &a.id,
        }
    }
}

/// Finds a target as `viewer` may see it (reporters) or regardless (moderators, who must also
/// reach removed content to restore it; their right is checked afterwards).
fn resolve(
    conn: &mut DbConnection,
    target: &Target,
    viewer: &str,
    as_moderator: bool,
) -> Result<Resolved> {
    let channel_of = |conn: &mut DbConnection, channel_id: &str| -> Result<Channel> {
        channels::get_visible(conn, channel_id, Some(viewer))
    };
    if target.kind != TargetKind::Account && !tokens::is_id(&target.id) {
        return Err(Error::NotFound);
    }
    match target.kind {
        TargetKind::Post => {
            let post: Post = if as_moderator {
                posts_table::table
                    .find(&target.id)
                    .select(Post::as_select())
                    .first(conn)
                    .optional()?
                    .ok_or(Error::NotFound)?
            } else {
                posts::get_visible(conn, &target.id, Some(viewer))?.0
            };
            let channel = channel_of(conn, &post.channel_id)?;
            Ok(Resolved::Post(post, channel))
        }
        TargetKind::Comment => {
            let comment: Comment = comments::table
                .find(&target.id)
                .select(Comment::as_select())
                .first(conn)
                .optional()?
                .ok_or(Error::NotFound)?;
            let post: Post = posts_table::table
                .find(&comment.post_id)
                .select(Post::as_select())
                .first(conn)?;
            if !as_moderator
                && (comment.deleted_at.is_some() || comment.removed_at.is_some() || post.is_gone())
            {
                return Err(Error::NotFound);
            }
            let channel = channel_of(conn, &post.channel_id)?;
            Ok(Resolved::Comment(comment, channel))
        }
        TargetKind::Account => {
            let slug = target.community.as_deref().ok_or_else(|| {
                let mut e = FieldErrors::default();
                e.add(
                    "target.community",
                    "required",
                    "name the community for an account",
                );
                Error::Validation(e)
            })?;
            let community = communities::find_by_handle(conn, slug)?.ok_or(Error::NotFound)?;
            let account = accounts::find_by_handle(conn, &normalize_username(&target.id))?
                .ok_or(Error::NotFound)?;
            Ok(Resolved::Account(Box::new(account), community))
        }
    }
}

/// Removals, restorations and bans in a local community's public places federate: the
/// community tells its followers (and a banned person's instance).
fn federate_action(
    conn: &mut DbConnection,
    resolved: &Resolved,
    action: Action,
    actor_id: &str,
    reason: &str,
    expires_at: Option<NaiveDateTime>,
) -> Result<()> {
    use crate::federation_feed::{record, Op as FedOp, Subject};
    let community = communities::get(conn, resolved.community_id())?;
    if !community.local || resolved.channel().is_some_and(|c| !c.is_public()) {
        return Ok(());
    }
    let op = match action {
        Action::Remove | Action::Ban => FedOp::Create,
        Action::Restore | Action::Unban => FedOp::Undo,
        _ => return Ok(()),
    };
    let kind = match resolved {
        Resolved::Post(..) => "post",
        Resolved::Comment(..) => "comment",
        Resolved::Account(..) => "account",
    };
    record(
        conn,
        Subject::Moderation,
        resolved.id(),
        op,
        Some(actor_id),
        serde_json::json!({
            "kind": kind,
            "community_id": community.id,
            "reason": reason.trim(),
            "expires_at": expires_at.map(|t| t.and_utc().to_rfc3339()),
        }),
    )
}

/// One report, for federation (a local person's report about remote content).
pub fn get_report(conn: &mut DbConnection, id: &str) -> Result<Report> {
    Ok(reports::table
        .find(id)
        .select(Report::as_select())
        .first(conn)?)
}

/// Files a report. Reporting the same thing twice while it is open changes nothing.
pub fn report(
    conn: &mut DbConnection,
    reporter_id: &str,
    target: &Target,
    reason: &str,
) -> Result<Report> {
    check_reason(reason)?;
    crate::db::transaction(conn, |conn| {
        let resolved = resolve(conn, target, reporter_id, false)?;
        let existing = reports::table
            .filter(reports::reporter_id.eq(reporter_id))
            .filter(reports::target_id.eq(resolved.id()))
            .filter(reports::status.eq("open"))
            .select(Report::as_select())
            .first(conn)
            .optional()?;
        if let Some(existing) = existing {
            return Ok(existing);
        }
        let id = tokens::new_id();
        diesel::insert_into(reports::table)
            .values((
                reports::id.eq(&id),
                reports::reporter_id.eq(reporter_id),
                reports::community_id.eq(resolved.community_id()),
                reports::channel_id.eq(resolved.channel().map(|c| c.id.clone())),
                reports::target_kind.eq(target.kind.as_str()),
                reports::target_id.eq(resolved.id()),
                reports::reason.eq(reason.trim()),
                reports::created_at.eq(now()),
            ))
            .execute(conn)?;
        // Content of another instance's community is reported to that community too.
        if !communities::get(conn, resolved.community_id())?.local {
            crate::federation_feed::record(
                conn,
                crate::federation_feed::Subject::Report,
                &id,
                crate::federation_feed::Op::Create,
                Some(reporter_id),
                serde_json::json!({}),
            )?;
        }
        Ok(reports::table
            .find(&id)
            .select(Report::as_select())
            .first(conn)?)
    })
}

/// Open reports of a community that `actor` may handle, oldest first: all of them for
/// facilitators and admins, those in their channels for channel moderators.
pub fn queue(
    conn: &mut DbConnection,
    slug: &str,
    actor_id: &str,
    after: Option<crate::posts::Cursor>,
    limit: i64,
) -> Result<(Vec<Report>, Option<crate::posts::Cursor>)> {
    let community = communities::find_local(conn, slug)?.ok_or(Error::NotFound)?;
    let mine: Option<Vec<String>> =
        if Standing::of(conn, &community.id, Some(actor_id))?.runs_community() {
            None
        } else {
            let mut mine = Vec::new();
            for channel in &channels::visible_in(conn, &community, Some(actor_id))? {
                if channels::can_moderate(conn, channel, actor_id)? {
                    mine.push(channel.id.clone());
                }
            }
            if mine.is_empty() {
                return Err(Error::Forbidden);
            }
            Some(mine)
        };
    let mut query = reports::table
        .filter(reports::community_id.eq(&community.id))
        .filter(reports::status.eq("open"))
        .order((reports::created_at.asc(), reports::id.asc()))
        .select(Report::as_select())
        .limit(limit + 1)
        .into_boxed();
    if let Some(channels) = mine {
        query = query.filter(reports::channel_id.eq_any(channels));
    }
    if let Some((t, id)) = after {
        query = query.filter(
            reports::created_at
                .gt(t)
                .or(reports::created_at.eq(t).and(reports::id.gt(id))),
        );
    }
    let mut rows: Vec<Report> = query.load(conn)?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| (r.created_at, r.id.clone()))
    } else {
        None
    };
    Ok((rows, next))
}

/// "Permanent" bans last until this date.
fn forever() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

/// Takes a moderation action, logs it publicly, and resolves open reports about the target.
pub fn act(
    conn: &mut DbConnection,
    actor_id: &str,
    action: Action,
    target: &Target,
    reason: &str,
    expires_at: Option<NaiveDateTime>,
) -> Result<LogEntry> {
    check_reason(reason)?;
    if !action.applies_to(target.kind) {
        let mut e = FieldErrors::default();
        e.add(
            "action",
            "not_applicable",
            format!(
                "`{}` does not apply to a {}",
                action.as_str(),
                target.kind.as_str()
            ),
        );
        return Err(Error::Validation(e));
    }
    if expires_at.is_some_and(|t| t <= now()) {
        let mut e = FieldErrors::default();
        e.add("expires_at", "past", "must be in the future");
        return Err(Error::Validation(e));
    }
    crate::db::transaction(conn, |conn| {
        let resolved = resolve(conn, target, actor_id, true)?;
        let standing = Standing::of(conn, resolved.community_id(), Some(actor_id))?;
        let allowed = match resolved.channel() {
            Some(channel) => channels::can_moderate(conn, channel, actor_id)?,
            None => standing.runs_community(),
        };
        if !allowed {
            return Err(Error::Forbidden);
        }
        let at = now();
        match (&resolved, action) {
            (Resolved::Post(p, _), Action::Remove | Action::Restore) => {
                let removed = (action == Action::Remove).then_some(at);
                diesel::update(posts_table::table.find(&p.id))
                    .set(posts_table::removed_at.eq(removed))
                    .execute(conn)?;
                let op = if removed.is_some() {
                    Op::Delete
                } else {
                    Op::Upsert
                };
                search_feed::record(conn, Entity::Post, &p.id, op)?;
            }
            (Resolved::Post(p, _), Action::Lock | Action::Unlock) => {
                diesel::update(posts_table::table.find(&p.id))
                    .set(posts_table::locked.eq(action == Action::Lock))
                    .execute(conn)?;
            }
            (Resolved::Post(p, _), Action::Pin | Action::Unpin) => {
                diesel::update(posts_table::table.find(&p.id))
                    .set(posts_table::pinned.eq(action == Action::Pin))
                    .execute(conn)?;
            }
            (Resolved::Comment(c, _), Action::Remove | Action::Restore) => {
                let removed = (action == Action::Remove).then_some(at);
                diesel::update(comments::table.find(&c.id))
                    .set(comments::removed_at.eq(removed))
                    .execute(conn)?;
                let op = if removed.is_some() {
                    Op::Delete
                } else {
                    Op::Upsert
                };
                search_feed::record(conn, Entity::Comment, &c.id, op)?;
            }
            (Resolved::Account(account, community), Action::Ban | Action::Unban) => {
                if account.id == actor_id || account.is_admin {
                    return Err(Error::Forbidden);
                }
                let until = (action == Action::Ban).then(|| expires_at.unwrap_or_else(forever));
                ban(conn, &community.id, &account.id, until)?;
            }
            _ => return Err(Error::Forbidden),
        }
        federate_action(conn, &resolved, action, actor_id, reason, expires_at)?;
        if matches!(action, Action::Remove | Action::Lock | Action::Ban) {
            diesel::update(
                reports::table
                    .filter(reports::target_id.eq(resolved.id()))
                    .filter(reports::status.eq("open")),
            )
            .set((
                reports::status.eq("resolved"),
                reports::resolved_by.eq(Some(actor_id)),
                reports::resolved_at.eq(Some(at)),
            ))
            .execute(conn)?;
        }
        tell_author(conn, &resolved, actor_id, action)?;
        let id = tokens::new_id();
        let logged_target = match &resolved {
            Resolved::Account(a, _) => a.username.clone(),
            other => other.id().to_owned(),
        };
        diesel::insert_into(moderation_actions::table)
            .values((
                moderation_actions::id.eq(&id),
                moderation_actions::community_id.eq(resolved.community_id()),
                moderation_actions::channel_id.eq(resolved.channel().map(|c| c.id.clone())),
                moderation_actions::moderator_id.eq(actor_id),
                moderation_actions::action.eq(action.as_str()),
                moderation_actions::target_kind.eq(target.kind.as_str()),
                moderation_actions::target_id.eq(&logged_target),
                moderation_actions::reason.eq(reason.trim()),
                moderation_actions::expires_at.eq(expires_at),
                moderation_actions::created_at.eq(at),
            ))
            .execute(conn)?;
        Ok(moderation_actions::table
            .find(&id)
            .select(LogEntry::as_select())
            .first(conn)?)
    })
}

/// Tells the person whose content (or who) was acted on.
fn tell_author(
    conn: &mut DbConnection,
    resolved: &Resolved,
    actor_id: &str,
    action: Action,
) -> Result<()> {
    let (recipient, notice) = match resolved {
        Resolved::Post(p, _) => (
            p.author_id.clone(),
            Notice::about_post(Kind::Moderation, Some(actor_id), p),
        ),
        Resolved::Comment(c, _) => {
            let community_id: String = posts_table::table
                .find(&c.post_id)
                .select(posts_table::community_id)
                .first(conn)?;
            let notice = Notice {
                kind: Kind::Moderation,
                actor_id: Some(actor_id),
                community_id: Some(&community_id),
                post_id: Some(&c.post_id),
                comment_id: Some(&c.id),
                detail: action.as_str(),
            };
            notifications::notify(conn, [c.author_id.clone()], &notice)?;
            return Ok(());
        }
        Resolved::Account(a, community) => {
            let notice = Notice {
                kind: Kind::Moderation,
                actor_id: Some(actor_id),
                community_id: Some(&community.id),
                post_id: None,
                comment_id: None,
                detail: action.as_str(),
            };
            notifications::notify(conn, [a.id.clone()], &notice)?;
            return Ok(());
        }
    };
    notifications::notify(conn, [recipient], &notice.with_detail(action.as_str()))?;
    Ok(())
}

/// Sets or lifts a ban. A banned person who is not a member gets a row, so the ban holds if
/// they join later.
pub(crate) fn ban(
    conn: &mut DbConnection,
    community_id: &str,
    account_id: &str,
    until: Option<NaiveDateTime>,
) -> Result<()> {
    let updated = diesel::update(
        community_members::table
            .filter(community_members::community_id.eq(community_id))
            .filter(community_members::account_id.eq(account_id)),
    )
    .set(community_members::banned_until.eq(until))
    .execute(conn)?;
    if updated == 0 && until.is_some() {
        diesel::insert_into(community_members::table)
            .values((
                community_members::community_id.eq(community_id),
                community_members::account_id.eq(account_id),
                community_members::role.eq(membership::Role::Member.as_str()),
                community_members::banned_until.eq(until),
                community_members::created_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A log entry with its moderator's username.
pub type LoggedAction = (LogEntry, String);

/// The public log of a community, newest first, with moderators' usernames.
pub fn log(
    conn: &mut DbConnection,
    slug: &str,
    before: Option<crate::posts::Cursor>,
    limit: i64,
) -> Result<(Vec<LoggedAction>, Option<crate::posts::Cursor>)> {
    let community = communities::find_local(conn, slug)?.ok_or(Error::NotFound)?;
    let mut query = moderation_actions::table
        .inner_join(accounts_table::table)
        .filter(moderation_actions::community_id.eq(&community.id))
        .order((
            moderation_actions::created_at.desc(),
            moderation_actions::id.desc(),
        ))
        .limit(limit + 1)
        .select((LogEntry::as_select(), accounts_table::username))
        .into_boxed();
    if let Some((t, id)) = before {
        query = query.filter(
            moderation_actions::created_at
                .lt(t)
                .or(moderation_actions::created_at
                    .eq(t)
                    .and(moderation_actions::id.lt(id))),
        );
    }
    let mut rows: Vec<LoggedAction> = query.load(conn)?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|(e, _)| (e.created_at, e.id.clone()))
    } else {
        None
    };
    Ok((rows, next))
}
