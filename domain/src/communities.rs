//! Neighbourhoods: ActivityPub Group actors that hold channels, members and accords.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::{is_unique_violation, Error, FieldErrors, Result, Taken};
use crate::instance::Instance;
use crate::schema::communities;
use crate::time::now;
use crate::tokens;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = communities)]
pub struct Community {
    pub id: String,
    pub slug: String,
    pub host: Option<String>,
    pub local: bool,
    pub name: String,
    pub description: String,
    pub ap_id: String,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub public_key_pem: Option<String>,
    pub private_key_pem: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_fetched_at: Option<NaiveDateTime>,
    /// The banner image (a `media` row of purpose `banner`).
    pub banner_id: Option<String>,
    /// Changes whenever the inboxes of the community's followers may have (kept by triggers;
    /// see `remote::follower_inboxes`' cache in the federation crate).
    pub followers_version: i64,
}

/// What an admin submits to create a neighbourhood.
#[derive(Debug, Clone)]
pub struct NewCommunity {
    pub slug: String,
    pub name: String,
    pub description: String,
}

pub const SLUG_MAX: usize = 40;
pub const NAME_MAX: usize = 80;
pub const DESCRIPTION_MAX: usize = 5_000;

/// Whether `slug` has the form of a local community's slug.
pub fn is_valid_slug(slug: &str) -> bool {
    (2..=SLUG_MAX).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// The slug, name and description rules that channels and organisations share with
/// communities' limits (same codes and messages for both).
pub(crate) fn check_slug_name_description(
    slug: &str,
    name: &str,
    description: &str,
    errors: &mut FieldErrors,
) {
    if !is_valid_slug(slug) {
        errors.add(
            "slug",
            "invalid",
            "must be 2 to 40 characters: a-z, digits and inner hyphens",
        );
    }
    let name_len = name.chars().count();
    if name_len == 0 || name_len > NAME_MAX || name.chars().any(char::is_control) {
        errors.add(
            "name",
            "length",
            "must be 1 to 80 characters, without control characters",
        );
    }
    if description.chars().count() > DESCRIPTION_MAX
        || description
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        errors.add(
            "description",
            "invalid",
            "too long or has control characters",
        );
    }
}

fn check(new: &NewCommunity) -> Result<()> {
    let mut errors = FieldErrors::default();
    if !is_valid_slug(&new.slug) {
        errors.add(
            "slug",
            "invalid",
            format!("must be 2 to {SLUG_MAX} characters: a-z, digits and inner hyphens"),
        );
    }
    let name_len = new.name.trim().chars().count();
    if name_len == 0 || name_len > NAME_MAX {
        errors.add(
            "name",
            "length",
            format!("must be 1 to {NAME_MAX} characters long"),
        );
    }
    if new.name.chars().any(char::is_control) {
        errors.add("name", "characters", "must not contain control characters");
    }
    if new
        .description
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        errors.add(
            "description",
            "characters",
            "must not contain control characters other than line breaks and tabs",
        );
    }
    if new.description.chars().count() > DESCRIPTION_MAX {
        errors.add(
            "description",
            "length",
            format!("must be at most {DESCRIPTION_MAX} characters long"),
        );
    }
    errors.into_result()
}

/// Creates a local community. Only instance admins may.
pub fn create(
    conn: &mut DbConnection,
    instance: &Instance,
    actor_id: &str,
    new: &NewCommunity,
) -> Result<Community> {
    if !crate::accounts::get(conn, actor_id)?.is_admin {
        return Err(Error::Forbidden);
    }
    let new = NewCommunity {
        slug: new.slug.trim().to_lowercase(),
        name: new.name.trim().to_owned(),
        description: new.description.trim().to_owned(),
    };
    check(&new)?;
    crate::db::transaction(conn, |conn| {
        if find_local(conn, &new.slug)?.is_some() {
            return Err(Error::Conflict(Taken::Slug));
        }
        let at = now();
        let id = tokens::new_id();
        let ap_id = instance.community_id(&new.slug);
        let inserted = diesel::insert_into(communities::table)
            .values((
                communities::id.eq(&id),
                communities::slug.eq(&new.slug),
                communities::local.eq(true),
                communities::name.eq(&new.name),
                communities::description.eq(&new.description),
                communities::inbox_url.eq(format!("{ap_id}/inbox")),
                communities::shared_inbox_url.eq(Some(instance.shared_inbox())),
                communities::ap_id.eq(&ap_id),
                communities::created_at.eq(at),
                communities::updated_at.eq(at),
            ))
            .execute(conn);
        match inserted {
            Err(e) if is_unique_violation(&e) => return Err(Error::Conflict(Taken::Slug)),
            other => other?,
        };
        crate::search_feed::record(
            conn,
            crate::search_feed::Entity::Community,
            &id,
            crate::search_feed::Op::Upsert,
        )?;
        Ok(communities::table
            .find(&id)
            .select(Community::as_select())
            .first(conn)?)
    })
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<Community> {
    Ok(communities::table
        .find(id)
        .select(Community::as_select())
        .first(conn)?)
}

pub fn find_local(conn: &mut DbConnection, slug: &str) -> Result<Option<Community>> {
    if !is_valid_slug(slug) {
        return Ok(None);
    }
    Ok(communities::table
        .filter(communities::local.eq(true))
        .filter(communities::slug.eq(slug))
        .select(Community::as_select())
        .first(conn)
        .optional()?)
}

/// A community by its handle: a local slug, or `name@host` for a cached remote one.
pub fn find_by_handle(conn: &mut DbConnection, handle: &str) -> Result<Option<Community>> {
    match handle.split_once('@') {
        None => find_local(conn, handle),
        Some((name, host)) => Ok(communities::table
            .filter(communities::local.eq(false))
            .filter(communities::slug.eq(name))
            .filter(communities::host.eq(host.to_ascii_lowercase()))
            .select(Community::as_select())
            .first(conn)
            .optional()?),
    }
}

/// Local communities in slug order, `limit` at a time after the slug `after`.
pub fn list_local(
    conn: &mut DbConnection,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Community>> {
    let mut query = communities::table
        .filter(communities::local.eq(true))
        .select(Community::as_select())
        .order(communities::slug.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(communities::slug.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}

pub fn count_local(conn: &mut DbConnection) -> Result<i64> {
    Ok(communities::table
        .filter(communities::local.eq(true))
        .count()
        .get_result(conn)?)
}
