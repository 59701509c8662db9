//! Citizenship accords ("Accordi di Cittadinanza"): agreements of a community between the
//! municipality, associations, volunteers and businesses, written in immutable numbered
//! versions that form a hash chain ([`content`], [`versions`]), moved through their life by the
//! people the table in [`lifecycle`] names, and signed by each party with a key of their own
//! ([`keys`], [`signatures`]); [`bundle`] exports and checks everything offline.
//!
//! Every write to these tables is here, whoever makes it.

pub mod bundle;
pub mod content;
pub mod diff;
pub mod keys;
pub mod lifecycle;
pub mod signatures;
pub mod versions;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::communities::{self, Community};
use crate::db::DbConnection;
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::membership::Standing;
use crate::schema::{accords, channels, organization_members, organizations};
use crate::search_feed::{self, Entity, Op};
use crate::time::now;
use crate::tokens;
use crate::vocabulary::{ChannelKind, Visibility};

pub use content::Content;
pub use lifecycle::{Authority, State};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accords)]
pub struct Accord {
    pub id: String,
    pub community_id: String,
    pub ap_id: String,
    pub local: bool,
    pub state: State,
    pub title: String,
    pub summary: String,
    pub latest_version: i32,
    pub created_by: Option<String>,
    pub discussion_post_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// `actor_id`'s [`Authority`] over the accords of `community_id`.
pub fn authority(
    conn: &mut DbConnection,
    community_id: &str,
    actor_id: Option<&str>,
) -> Result<Authority> {
    let Some(actor_id) = actor_id else {
        return Ok(Authority::default());
    };
    let standing = Standing::of(conn, community_id, Some(actor_id))?;
    if standing.is_barred() {
        return Ok(Authority::default());
    }
    let municipality: i64 = organization_members::table
        .inner_join(organizations::table)
        .filter(organization_members::account_id.eq(actor_id))
        .filter(organizations::kind.eq("municipality"))
        .filter(organizations::local.eq(true))
        .count()
        .get_result(conn)?;
    Ok(Authority {
        admin: standing.is_admin(),
        facilitator: standing.is_facilitator(),
        municipality: municipality > 0,
    })
}

/// An accord as `viewer` may see it: drafts only for those who edit them (others are told it
/// does not exist, so a draft's existence does not leak).
pub fn get_visible(
    conn: &mut DbConnection,
    id: &str,
    viewer: Option<&str>,
) -> Result<(Accord, Authority)> {
    if !tokens::is_id(id) {
        return Err(Error::NotFound);
    }
    let accord: Accord = accords::table
        .find(id)
        .select(Accord::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)?;
    let who = authority(conn, &accord.community_id, viewer)?;
    if accord.state.is_private() && !who.edits() {
        return Err(Error::NotFound);
    }
    Ok((accord, who))
}

/// A community's accords that `viewer` may see, newest first, with the viewer's authority there.
pub fn list(
    conn: &mut DbConnection,
    community: &Community,
    viewer: Option<&str>,
) -> Result<(Vec<Accord>, Authority)> {
    let who = authority(conn, &community.id, viewer)?;
    let mut query = accords::table
        .filter(accords::community_id.eq(&community.id))
        .select(Accord::as_select())
        .order((accords::created_at.desc(), accords::id.desc()))
        .limit(500)
        .into_boxed();
    if !who.edits() {
        query = query.filter(accords::state.ne(State::Draft));
    }
    Ok((query.load(conn)?, who))
}

/// Drafts a new accord in a local community, with its first version.
pub fn create(
    conn: &mut DbConnection,
    instance: &Instance,
    community_slug: &str,
    actor_id: &str,
    content: Content,
) -> Result<Accord> {
    let content = content.checked()?;
    crate::db::transaction(conn, |conn| {
        let community = communities::find_local(conn, community_slug)?.ok_or(Error::NotFound)?;
        if !authority(conn, &community.id, Some(actor_id))?.edits() {
            return Err(Error::Forbidden);
        }
        let id = tokens::new_id();
        let at = now();
        diesel::insert_into(accords::table)
            .values((
                accords::id.eq(&id),
                accords::community_id.eq(&community.id),
                accords::ap_id.eq(instance.url(&format!("/accords/{id}"))),
                accords::local.eq(true),
                accords::state.eq(State::Draft),
                accords::title.eq(&content.title),
                accords::summary.eq(&content.summary),
                accords::latest_version.eq(0),
                accords::created_by.eq(actor_id),
                accords::created_at.eq(at),
                accords::updated_at.eq(at),
            ))
            .execute(conn)?;
        let accord = accords::table
            .find(&id)
            .select(Accord::as_select())
            .first(conn)?;
        versions::append(conn, instance, &accord, &community, actor_id, &content)?;
        search_feed::record(conn, Entity::Accord, &id, Op::Upsert)?;
        Ok(accords::table
            .find(&id)
            .select(Accord::as_select())
            .first(conn)?)
    })
}

/// Moves an accord to `to`: 409 `wrong_state` when there is no such step from where it is, 403
/// when there is but not for the actor (see [`State::steps`]). Starting co-design opens the
/// discussion: a thread in the community's first public dialogue channel, whose comments are
/// the residents' say.
pub fn transition(
    conn: &mut DbConnection,
    instance: &Instance,
    id: &str,
    actor_id: &str,
    to: State,
) -> Result<Accord> {
    crate::db::transaction(conn, |conn| {
        let (accord, who) = get_visible(conn, id, Some(actor_id))?;
        if !accord.local {
            return Err(Error::Forbidden);
        }
        match accord.state.may_move(to, who) {
            None => {
                return Err(Error::WrongState(format!(
                    "an accord in `{}` cannot move to `{to}`",
                    accord.state
                )))
            }
            Some(false) => return Err(Error::Forbidden),
            Some(true) => {}
        }
        move_to(conn, instance, &accord, actor_id, to)
    })
}

/// Writes the move (the caller decided it may happen).
pub(crate) fn move_to(
    conn: &mut DbConnection,
    instance: &Instance,
    accord: &Accord,
    actor_id: &str,
    to: State,
) -> Result<Accord> {
    let mut discussion = accord.discussion_post_id.clone();
    if to == State::CoDesign && discussion.is_none() {
        discussion = Some(open_discussion(conn, instance, accord, actor_id)?);
    }
    // The state it was read in: a concurrent move of the same accord changes nothing.
    let changed = diesel::update(
        accords::table
            .find(&accord.id)
            .filter(accords::state.eq(accord.state)),
    )
    .set((
        accords::state.eq(to),
        accords::discussion_post_id.eq(&discussion),
        accords::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(Error::WrongState("the accord was moved meanwhile".into()));
    }
    // Out of its draft it is found by search (withdrawn too: what was proposed stays on record).
    search_feed::record(conn, Entity::Accord, &accord.id, Op::Upsert)?;
    Ok(accords::table
        .find(&accord.id)
        .select(Accord::as_select())
        .first(conn)?)
}

fn open_discussion(
    conn: &mut DbConnection,
    instance: &Instance,
    accord: &Accord,
    actor_id: &str,
) -> Result<String> {
    let channel: Option<String> = channels::table
        .filter(channels::community_id.eq(&accord.community_id))
        .filter(channels::kind.eq(ChannelKind::Dialogue))
        .filter(channels::visibility.eq(Visibility::Public))
        .order((channels::created_at.asc(), channels::id.asc()))
        .select(channels::id)
        .first(conn)
        .optional()?;
    let Some(channel) = channel else {
        return Err(Error::WrongState(
            "co-design needs a public dialogue channel in the community for the discussion".into(),
        ));
    };
    let draft = crate::posts::Draft {
        title: accord.title.clone(),
        body: format!(
            "{}\n\n[{}]({})",
            accord.summary,
            accord.title,
            instance.url(&format!("/accords/{}", accord.id))
        ),
    };
    Ok(crate::posts::create(conn, instance, &channel, actor_id, &draft)?.id)
}
