//! Versions: written once, numbered from 1, each the canonical JSON of its document with its
//! SHA-256 and the previous version's ([`content`](super::content)).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;

use super::content::{self, Content, Placement};
use super::{get_visible, Accord};
use crate::communities::{self, Community};
use crate::db::DbConnection;
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::schema::{accord_versions, accords};
use crate::time::now;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accord_versions)]
pub struct Version {
    pub accord_id: String,
    pub number: i32,
    pub canonical: String,
    pub hash: String,
    pub previous_hash: Option<String>,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
}

impl Version {
    /// The version document, parsed from what was stored.
    pub fn document(&self) -> Result<Value> {
        serde_json::from_str(&self.canonical)
            .map_err(|e| Error::Internal(anyhow::anyhow!("a stored accord version: {e}")))
    }

    pub fn content(&self) -> Result<Content> {
        content::read(&self.document()?)
    }
}

fn canonical_and_hash(document: &Value) -> Result<(String, String)> {
    let canonical = comune_integrity::canonical(document)
        .map_err(|e| Error::Internal(anyhow::anyhow!("canonicalising a version: {e}")))?;
    let hash = comune_integrity::sha256_hex(canonical.as_bytes());
    Ok((canonical, hash))
}

/// Writes the next version of `accord` (the caller checked who may, and in which state).
pub(crate) fn append(
    conn: &mut DbConnection,
    instance: &Instance,
    accord: &Accord,
    community: &Community,
    author_id: &str,
    content: &Content,
) -> Result<Version> {
    let previous: Option<String> = accord_versions::table
        .filter(accord_versions::accord_id.eq(&accord.id))
        .filter(accord_versions::number.eq(accord.latest_version))
        .select(accord_versions::hash)
        .first(conn)
        .optional()?;
    let number = accord.latest_version + 1;
    let at = now();
    let document = content::document(
        content,
        &Placement {
            accord_ap_id: &accord.ap_id,
            number,
            community_ap_id: &community.ap_id,
            previous_hash: previous.as_deref(),
            published: at,
            extension_context: &instance.url(crate::instance::EXTENSION_CONTEXT_PATH),
        },
    );
    let (canonical, hash) = canonical_and_hash(&document)?;
    diesel::insert_into(accord_versions::table)
        .values((
            accord_versions::accord_id.eq(&accord.id),
            accord_versions::number.eq(number),
            accord_versions::canonical.eq(&canonical),
            accord_versions::hash.eq(&hash),
            accord_versions::previous_hash.eq(&previous),
            accord_versions::author_id.eq(author_id),
            accord_versions::created_at.eq(at),
        ))
        .execute(conn)?;
    // Only from the number it was read at: two versions written at once cannot both be next.
    let moved = diesel::update(
        accords::table
            .find(&accord.id)
            .filter(accords::latest_version.eq(accord.latest_version)),
    )
    .set((
        accords::latest_version.eq(number),
        accords::title.eq(&content.title),
        accords::summary.eq(&content.summary),
        accords::updated_at.eq(at),
    ))
    .execute(conn)?;
    if moved == 0 {
        return Err(Error::WrongState(
            "another version was written meanwhile".into(),
        ));
    }
    crate::search_feed::record(
        conn,
        crate::search_feed::Entity::Accord,
        &accord.id,
        crate::search_feed::Op::Upsert,
    )?;
    get(conn, &accord.id, number)
}

/// Supersedes the newest version of an accord being drafted or co-designed (those who edit
/// it); an approved text never changes.
pub fn add(
    conn: &mut DbConnection,
    instance: &Instance,
    accord_id: &str,
    actor_id: &str,
    content: Content,
) -> Result<Version> {
    let content = content.checked()?;
    crate::db::transaction(conn, |conn| {
        let (accord, who) = get_visible(conn, accord_id, Some(actor_id))?;
        if !accord.local || !who.edits() {
            return Err(Error::Forbidden);
        }
        if !accord.state.takes_versions() {
            return Err(Error::WrongState(format!(
                "an accord in `{}` takes no new versions",
                accord.state
            )));
        }
        let community = communities::get(conn, &accord.community_id)?;
        append(conn, instance, &accord, &community, actor_id, &content)
    })
}

/// A version of an accord the caller has already found visible.
pub(crate) fn get(conn: &mut DbConnection, accord_id: &str, number: i32) -> Result<Version> {
    accord_versions::table
        .find((accord_id, number))
        .select(Version::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

/// One version of an accord `viewer` may see.
pub fn get_visible_version(
    conn: &mut DbConnection,
    accord_id: &str,
    number: i32,
    viewer: Option<&str>,
) -> Result<(Accord, Version)> {
    let (accord, _) = get_visible(conn, accord_id, viewer)?;
    let version = get(conn, &accord.id, number)?;
    Ok((accord, version))
}

/// Two versions of an accord `viewer` may see (to diff them), with one visibility check.
pub fn pair_visible(
    conn: &mut DbConnection,
    accord_id: &str,
    (a, b): (i32, i32),
    viewer: Option<&str>,
) -> Result<(Version, Version)> {
    let (accord, _) = get_visible(conn, accord_id, viewer)?;
    Ok((get(conn, &accord.id, a)?, get(conn, &accord.id, b)?))
}

/// Every version of an accord, oldest first (for the bundle and the history).
pub fn all(conn: &mut DbConnection, accord_id: &str) -> Result<Vec<Version>> {
    Ok(accord_versions::table
        .filter(accord_versions::accord_id.eq(accord_id))
        .order(accord_versions::number.asc())
        .select(Version::as_select())
        .load(conn)?)
}
