//! Channels: the spaces of a neighbourhood, each of one kind and visibility, and who moderates
//! them (people, or organisations whose owners moderate).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::{self, validate::normalize_username};
use crate::communities::{self, Community};
use crate::db::DbConnection;
use crate::error::{is_unique_violation, Error, FieldErrors, Result, Taken};
use crate::membership::Standing;
use crate::organizations::{self, OrgRole};
use crate::schema::{
    accounts as accounts_table, channel_moderators, channels, organization_members,
    organizations as organizations_table,
};
use crate::time::now;
use crate::tokens;
use crate::vocabulary::{ChannelKind, Visibility};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = channels)]
pub struct Channel {
    pub id: String,
    pub community_id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub kind: ChannelKind,
    pub visibility: Visibility,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Set for channels of remote communities (their instance's id for it).
    pub ap_id: Option<String>,
}

impl Channel {
    pub fn is_public(&self) -> bool {
        self.visibility == Visibility::Public
    }
}

#[derive(Debug, Clone)]
pub struct NewChannel {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub visibility: String,
    pub description: String,
}

/// Who is appointed: a local person (by username) or a local organisation (by slug).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModeratorRef {
    Person(String),
    Organization(String),
}

fn check(new: &NewChannel) -> Result<(ChannelKind, Visibility)> {
    let mut errors = FieldErrors::default();
    communities::check_slug_name_description(&new.slug, &new.name, &new.description, &mut errors);
    let kind = ChannelKind::parse(&new.kind);
    if kind.is_none() {
        let words: Vec<&str> = ChannelKind::ALL.iter().map(|k| k.as_str()).collect();
        errors.add(
            "kind",
            "unsupported",
            format!("must be one of: {}", words.join(", ")),
        );
    }
    let visibility = Visibility::parse(&new.visibility);
    if visibility.is_none() {
        errors.add("visibility", "unsupported", "must be `public` or `members`");
    }
    match (kind, visibility) {
        (Some(kind), Some(visibility)) => errors.into_result().map(|()| (kind, visibility)),
        _ => Err(Error::Validation(errors)),
    }
}

fn community(conn: &mut DbConnection, slug: &str) -> Result<Community> {
    communities::find_local(conn, slug)?.ok_or(Error::NotFound)
}

/// Creates a channel in a neighbourhood. Its facilitators and admins only.
pub fn create(
    conn: &mut DbConnection,
    community_slug: &str,
    actor_id: &str,
    new: &NewChannel,
) -> Result<Channel> {
    let new = NewChannel {
        slug: new.slug.trim().to_lowercase(),
        name: new.name.trim().to_owned(),
        kind: new.kind.trim().to_owned(),
        visibility: new.visibility.trim().to_owned(),
        description: new.description.trim().to_owned(),
    };
    crate::db::transaction(conn, |conn| {
        let community = community(conn, community_slug)?;
        if !Standing::of(conn, &community.id, Some(actor_id))?.runs_community() {
            return Err(Error::Forbidden);
        }
        let (kind, visibility) = check(&new)?;
        let at = now();
        let id = tokens::new_id();
        let inserted = diesel::insert_into(channels::table)
            .values((
                channels::id.eq(&id),
                channels::community_id.eq(&community.id),
                channels::slug.eq(&new.slug),
                channels::name.eq(&new.name),
                channels::description.eq(&new.description),
                channels::kind.eq(kind),
                channels::visibility.eq(visibility),
                channels::created_at.eq(at),
                channels::updated_at.eq(at),
            ))
            .execute(conn);
        match inserted {
            Err(e) if is_unique_violation(&e) => return Err(Error::Conflict(Taken::Slug)),
            other => other?,
        };
        get_row(conn, &id)
    })
}

/// A channel's row whatever its visibility (callers check it).
pub fn get_row(conn: &mut DbConnection, id: &str) -> Result<Channel> {
    Ok(channels::table
        .find(id)
        .select(Channel::as_select())
        .first(conn)?)
}

/// The channels of a neighbourhood the viewer may see: members-only ones only for its members
/// (and admins), so not even their names reach others.
pub fn visible_in(
    conn: &mut DbConnection,
    community: &Community,
    viewer: Option<&str>,
) -> Result<Vec<Channel>> {
    let standing = Standing::of(conn, &community.id, viewer)?;
    let mut query = channels::table
        .filter(channels::community_id.eq(&community.id))
        .select(Channel::as_select())
        .order((channels::created_at.asc(), channels::id.asc()))
        .into_boxed();
    if !standing.reads_members_only() {
        query = query.filter(channels::visibility.eq(Visibility::Public));
    }
    Ok(query.load(conn)?)
}

/// One channel, if the viewer may see it; a members-only channel is "not found" to others.
pub fn get_visible(conn: &mut DbConnection, id: &str, viewer: Option<&str>) -> Result<Channel> {
    if !tokens::is_id(id) {
        return Err(Error::NotFound);
    }
    let channel = channels::table
        .find(id)
        .select(Channel::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)?;
    if !channel.is_public()
        && !Standing::of(conn, &channel.community_id, viewer)?.reads_members_only()
    {
        return Err(Error::NotFound);
    }
    Ok(channel)
}

/// Whether a person moderates a channel: admins, the community's facilitators, appointed people,
/// and owners of appointed organisations.
pub fn can_moderate(conn: &mut DbConnection, channel: &Channel, account_id: &str) -> Result<bool> {
    if Standing::of(conn, &channel.community_id, Some(account_id))?.runs_community() {
        return Ok(true);
    }
    let direct: i64 = channel_moderators::table
        .filter(channel_moderators::channel_id.eq(&channel.id))
        .filter(channel_moderators::account_id.eq(account_id))
        .count()
        .get_result(conn)?;
    if direct > 0 {
        return Ok(true);
    }
    let through_org: i64 = channel_moderators::table
        .inner_join(
            organization_members::table.on(organization_members::organization_id
                .nullable()
                .eq(channel_moderators::organization_id)),
        )
        .filter(channel_moderators::channel_id.eq(&channel.id))
        .filter(organization_members::account_id.eq(account_id))
        .filter(organization_members::role.eq(OrgRole::Owner.as_str()))
        .count()
        .get_result(conn)?;
    Ok(through_org > 0)
}

/// Appoints a moderator. The community's facilitators and admins only.
pub fn appoint_moderator(
    conn: &mut DbConnection,
    channel_id: &str,
    actor_id: &str,
    who: &ModeratorRef,
) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let channel = get_row(conn, channel_id).map_err(|_| Error::NotFound)?;
        if !Standing::of(conn, &channel.community_id, Some(actor_id))?.runs_community() {
            return Err(Error::Forbidden);
        }
        let (account_id, organization_id) = resolve(conn, who)?;
        let exists: i64 = channel_moderators::table
            .filter(channel_moderators::channel_id.eq(&channel.id))
            .filter(
                channel_moderators::account_id
                    .eq(&account_id)
                    .or(channel_moderators::organization_id.eq(&organization_id)),
            )
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Ok(());
        }
        diesel::insert_into(channel_moderators::table)
            .values((
                channel_moderators::id.eq(tokens::new_id()),
                channel_moderators::channel_id.eq(&channel.id),
                channel_moderators::account_id.eq(&account_id),
                channel_moderators::organization_id.eq(&organization_id),
                channel_moderators::created_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Removes a moderator. The community's facilitators and admins only.
pub fn remove_moderator(
    conn: &mut DbConnection,
    channel_id: &str,
    actor_id: &str,
    who: &ModeratorRef,
) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let channel = get_row(conn, channel_id).map_err(|_| Error::NotFound)?;
        if !Standing::of(conn, &channel.community_id, Some(actor_id))?.runs_community() {
            return Err(Error::Forbidden);
        }
        let (account_id, organization_id) = resolve(conn, who)?;
        let removed = diesel::delete(
            channel_moderators::table
                .filter(channel_moderators::channel_id.eq(&channel.id))
                .filter(
                    channel_moderators::account_id
                        .eq(&account_id)
                        .or(channel_moderators::organization_id.eq(&organization_id)),
                ),
        )
        .execute(conn)?;
        if removed == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    })
}

fn resolve(
    conn: &mut DbConnection,
    who: &ModeratorRef,
) -> Result<(Option<String>, Option<String>)> {
    match who {
        ModeratorRef::Person(username) => {
            let account = accounts::find_local_by_username(conn, &normalize_username(username))?
                .ok_or(Error::NotFound)?;
            Ok((Some(account.id), None))
        }
        ModeratorRef::Organization(slug) => {
            let org = organizations::find_local(conn, slug)?.ok_or(Error::NotFound)?;
            Ok((None, Some(org.id)))
        }
    }
}

/// A channel's moderators: people by username, organisations by slug.
pub fn moderators(conn: &mut DbConnection, channel_id: &str) -> Result<Vec<ModeratorRef>> {
    let people: Vec<String> = channel_moderators::table
        .inner_join(accounts_table::table)
        .filter(channel_moderators::channel_id.eq(channel_id))
        .select(accounts_table::username)
        .order(accounts_table::username.asc())
        .load(conn)?;
    let orgs: Vec<String> = channel_moderators::table
        .inner_join(organizations_table::table)
        .filter(channel_moderators::channel_id.eq(channel_id))
        .select(organizations_table::slug)
        .order(organizations_table::slug.asc())
        .load(conn)?;
    Ok(people
        .into_iter()
        .map(ModeratorRef::Person)
        .chain(orgs.into_iter().map(ModeratorRef::Organization))
        .collect())
}
