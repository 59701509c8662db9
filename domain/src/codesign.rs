//! Co-design processes: a process moves through `needs -> ideas -> proposals -> decision ->
//! implementation -> closed`, moved by its channel's moderators and the community's
//! facilitators. Residents propose during `ideas` and `proposals`, support a proposal (a like) at
//! most once and only during `proposals`, and the decision names the chosen proposals.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::channels::{self, Channel};
use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::instance::Instance;
use crate::membership::Standing;
use crate::notifications::{self, Kind, Notice};
use crate::posts::{self, Draft, Post};
use crate::schema::{codesign_choices, codesign_processes, posts as posts_table};
use crate::time::now;

pub const PHASES: [&str; 6] = [
    "needs",
    "ideas",
    "proposals",
    "decision",
    "implementation",
    "closed",
];
pub const OUTCOME_MAX: usize = 5_000;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = codesign_processes)]
pub struct Process {
    pub post_id: String,
    pub phase: String,
    pub outcome: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

/// A process with its chosen proposals and how many proposals it has.
#[derive(Debug, Clone)]
pub struct ProcessInfo {
    pub process: Process,
    pub chosen: Vec<String>,
    pub proposal_count: i64,
}

fn refuse(field: &str, code: &'static str, message: impl Into<String>) -> Error {
    let mut e = FieldErrors::default();
    e.add(field, code, message);
    Error::Validation(e)
}

/// Opens a process in a co-design channel (its moderators, facilitators and admins).
pub(crate) fn open(
    conn: &mut DbConnection,
    instance: &Instance,
    channel: &Channel,
    actor_id: &str,
    draft: &Draft,
) -> Result<Post> {
    if !channels::can_moderate(conn, channel, actor_id)? {
        return Err(Error::Forbidden);
    }
    let post = posts::insert(conn, instance, channel, actor_id, draft)?;
    diesel::insert_into(codesign_processes::table)
        .values((
            codesign_processes::post_id.eq(&post.id),
            codesign_processes::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(post)
}

fn process(conn: &mut DbConnection, post_id: &str) -> Result<Process> {
    codesign_processes::table
        .find(post_id)
        .select(Process::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

/// Adds a proposal to a process during its `ideas` or `proposals` phase.
pub fn propose(
    conn: &mut DbConnection,
    instance: &Instance,
    process_id: &str,
    actor_id: &str,
    draft: &Draft,
) -> Result<Post> {
    crate::db::transaction(conn, |conn| {
        let (parent, channel) = posts::get_visible(conn, process_id, Some(actor_id))?;
        let process = process(conn, &parent.id)?;
        if !Standing::of(conn, &channel.community_id, Some(actor_id))?.writes() {
            return Err(Error::Forbidden);
        }
        if !matches!(process.phase.as_str(), "ideas" | "proposals") {
            return Err(refuse(
                "phase",
                "closed_for_proposals",
                format!("the process is in its `{}` phase", process.phase),
            ));
        }
        let post = posts::insert(conn, instance, &channel, actor_id, draft)?;
        diesel::update(posts_table::table.find(&post.id))
            .set(posts_table::parent_id.eq(Some(&parent.id)))
            .execute(conn)?;
        diesel::update(posts_table::table.find(&parent.id))
            .set(posts_table::last_activity_at.eq(now()))
            .execute(conn)?;
        Ok(post)
    })
}

/// Moves a process to its next phase (one step forward only).
pub fn advance(
    conn: &mut DbConnection,
    process_id: &str,
    actor_id: &str,
    to: &str,
) -> Result<Process> {
    crate::db::transaction(conn, |conn| {
        let (post, channel) = posts::get_visible(conn, process_id, Some(actor_id))?;
        let process = process(conn, &post.id)?;
        if !channels::can_moderate(conn, &channel, actor_id)? {
            return Err(Error::Forbidden);
        }
        let current = PHASES.iter().position(|p| *p == process.phase).unwrap_or(0);
        let Some(target) = PHASES.iter().position(|p| *p == to) else {
            return Err(refuse(
                "to",
                "unknown",
                format!("must be one of: {}", PHASES.join(", ")),
            ));
        };
        if target != current + 1 {
            return Err(refuse(
                "to",
                "not_next",
                format!(
                    "from `{}` the process moves only to `{}`",
                    process.phase,
                    PHASES.get(current + 1).unwrap_or(&"closed")
                ),
            ));
        }
        if PHASES[target] == "implementation" && process.decided_at.is_none() {
            return Err(refuse(
                "to",
                "no_outcome",
                "record the decision before implementation",
            ));
        }
        diesel::update(codesign_processes::table.find(&post.id))
            .set((
                codesign_processes::phase.eq(PHASES[target]),
                codesign_processes::updated_at.eq(now()),
            ))
            .execute(conn)?;
        let told = participants(conn, &post)?;
        notifications::notify(
            conn,
            told,
            &Notice::about_post(Kind::PhaseChanged, Some(actor_id), &post)
                .with_detail(PHASES[target]),
        )?;
        self::process(conn, &post.id)
    })
}

/// Records the decision (during the `decision` phase): a summary and the chosen proposals.
pub fn decide(
    conn: &mut DbConnection,
    process_id: &str,
    actor_id: &str,
    outcome: &str,
    chosen: &[String],
) -> Result<Process> {
    crate::db::transaction(conn, |conn| {
        let (post, channel) = posts::get_visible(conn, process_id, Some(actor_id))?;
        let process = process(conn, &post.id)?;
        if !channels::can_moderate(conn, &channel, actor_id)? {
            return Err(Error::Forbidden);
        }
        if process.phase != "decision" {
            return Err(refuse(
                "phase",
                "not_decision",
                "the decision is recorded in the `decision` phase",
            ));
        }
        let mut errors = FieldErrors::default();
        let len = outcome.trim().chars().count();
        if len == 0 || len > OUTCOME_MAX {
            errors.add(
                "outcome",
                "length",
                format!("must be 1 to {OUTCOME_MAX} characters long"),
            );
        }
        let proposals: Vec<String> = posts_table::table
            .filter(posts_table::parent_id.eq(&post.id))
            .filter(posts_table::deleted_at.is_null())
            .filter(posts_table::removed_at.is_null())
            .select(posts_table::id)
            .load(conn)?;
        if chosen.iter().any(|c| !proposals.contains(c)) {
            errors.add(
                "chosen",
                "unknown",
                "every chosen id must be a proposal of this process",
            );
        }
        errors.into_result()?;
        diesel::update(codesign_processes::table.find(&post.id))
            .set((
                codesign_processes::outcome.eq(Some(outcome.trim())),
                codesign_processes::decided_at.eq(Some(now())),
                codesign_processes::updated_at.eq(now()),
            ))
            .execute(conn)?;
        diesel::delete(codesign_choices::table.filter(codesign_choices::process_id.eq(&post.id)))
            .execute(conn)?;
        let mut unique = chosen.to_vec();
        unique.sort();
        unique.dedup();
        for proposal in unique {
            diesel::insert_into(codesign_choices::table)
                .values((
                    codesign_choices::process_id.eq(&post.id),
                    codesign_choices::proposal_id.eq(proposal),
                ))
                .execute(conn)?;
        }
        let told = participants(conn, &post)?;
        notifications::notify(
            conn,
            told,
            &Notice::about_post(Kind::PhaseChanged, Some(actor_id), &post).with_detail("outcome"),
        )?;
        self::process(conn, &post.id)
    })
}

/// Who took part in a process: its author, and whoever proposed, supported a proposal or
/// commented on the process or a proposal.
fn participants(conn: &mut DbConnection, process: &Post) -> Result<Vec<String>> {
    use crate::schema::{comments, reactions};
    let proposals: Vec<(String, String)> = posts_table::table
        .filter(posts_table::parent_id.eq(&process.id))
        .select((posts_table::id, posts_table::author_id))
        .load(conn)?;
    let mut ids: Vec<String> = proposals.iter().map(|(id, _)| id.clone()).collect();
    let mut people: Vec<String> = proposals.into_iter().map(|(_, author)| author).collect();
    people.push(process.author_id.clone());
    people.extend(
        reactions::table
            .filter(reactions::post_id.eq_any(&ids))
            .select(reactions::account_id)
            .load::<String>(conn)?,
    );
    ids.push(process.id.clone());
    people.extend(
        comments::table
            .filter(comments::post_id.eq_any(&ids))
            .filter(comments::deleted_at.is_null())
            .select(comments::author_id)
            .distinct()
            .load::<String>(conn)?,
    );
    Ok(people)
}

/// Support (likes) on a proposal counts only while its process is in the `proposals` phase.
/// Other posts are not concerned.
pub(crate) fn check_support_window(conn: &mut DbConnection, post: &Post) -> Result<()> {
    let Some(parent) = &post.parent_id else {
        return Ok(());
    };
    let phase: Option<String> = codesign_processes::table
        .find(parent)
        .select(codesign_processes::phase)
        .first(conn)
        .optional()?;
    match phase.as_deref() {
        Some("proposals") | None => Ok(()),
        Some(other) => Err(refuse(
            "phase",
            "not_proposals",
            format!("support is open in the `proposals` phase, not `{other}`"),
        )),
    }
}

/// Processes among these posts, with choices and proposal counts (three queries).
pub fn info(conn: &mut DbConnection, post_ids: &[String]) -> Result<Vec<ProcessInfo>> {
    let rows: Vec<Process> = codesign_processes::table
        .filter(codesign_processes::post_id.eq_any(post_ids))
        .select(Process::as_select())
        .load(conn)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let choices: Vec<(String, String)> = codesign_choices::table
        .filter(codesign_choices::process_id.eq_any(post_ids))
        .select((codesign_choices::process_id, codesign_choices::proposal_id))
        .load(conn)?;
    let counts: Vec<(Option<String>, i64)> = posts_table::table
        .filter(posts_table::parent_id.eq_any(post_ids))
        .filter(posts_table::deleted_at.is_null())
        .filter(posts_table::removed_at.is_null())
        .group_by(posts_table::parent_id)
        .select((posts_table::parent_id, count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|process| ProcessInfo {
            chosen: choices
                .iter()
                .filter(|(p, _)| *p == process.post_id)
                .map(|(_, c)| c.clone())
                .collect(),
            proposal_count: counts
                .iter()
                .find(|(p, _)| p.as_deref() == Some(process.post_id.as_str()))
                .map_or(0, |(_, n)| *n),
            process,
        })
        .collect())
}
