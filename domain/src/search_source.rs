//! What the search index is fed: each searchable row, read with what decides who may find it.
//! The server turns these into index documents; this crate knows nothing of the index.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::Result;
use crate::markdown;
use crate::schema::{
    accord_versions, accords, accounts, business_listings, channels, comments, communities, posts,
};
use crate::search_feed::Entity;
use crate::vocabulary::{ChannelKind, Visibility};

/// A searchable thing, or the news that it is gone.
#[derive(Debug, Clone)]
pub enum Source {
    Present(Searchable),
    Gone { id: String },
}

#[derive(Debug, Clone)]
pub struct Searchable {
    pub id: String,
    /// `thread`, `announcement`, `listing`, `comment`, `community` or `user`.
    pub kind: &'static str,
    /// The community's slug.
    pub community: Option<String>,
    pub channel_kind: Option<String>,
    /// Set when only members of this community (slug) may find it.
    pub members_of: Option<String>,
    pub author: Option<String>,
    pub created_at: NaiveDateTime,
    pub title: String,
    /// Plain text, markup removed.
    pub body: String,
    /// Path on this instance.
    pub url: String,
}

type PostRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    ChannelKind,
    Visibility,
    String,
    Option<String>,
    Option<String>,
    // The community's and the author's hosts (remote ones).
    Option<String>,
    Option<String>,
);

/// A remote community's or person's handle: `name@host`.
fn handle(name: &str, host: &Option<String>) -> String {
    crate::accounts::handle(name, host.as_deref())
}

fn post_rows(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<PostRow>> {
    Ok(posts::table
        .inner_join(channels::table)
        .inner_join(communities::table.on(communities::id.eq(posts::community_id)))
        .inner_join(accounts::table.on(accounts::id.eq(posts::author_id)))
        .left_join(business_listings::table)
        .filter(posts::id.eq_any(ids))
        .select((
            posts::id,
            posts::title,
            posts::body,
            accounts::username,
            posts::parent_id,
            posts::created_at,
            posts::deleted_at,
            posts::removed_at,
            channels::kind,
            channels::visibility,
            communities::slug,
            business_listings::category.nullable(),
            business_listings::address.nullable(),
            communities::host,
            accounts::host,
        ))
        .load(conn)?)
}

fn post_source(row: PostRow) -> Source {
    let (
        id,
        title,
        body,
        author,
        _parent,
        created_at,
        deleted,
        removed,
        kind,
        visibility,
        slug,
        category,
        address,
        community_host,
        author_host,
    ) = row;
    let slug = handle(&slug, &community_host);
    let author = handle(&author, &author_host);
    if deleted.is_some() || removed.is_some() {
        return Source::Gone { id };
    }
    let mut text = markdown::to_plain_text(&body);
    // A listing is also found by its category (in both languages) and its street.
    if let Some(category) = &category {
        for language in ["it", "en"] {
            if let Some(label) = crate::listings::category_label(category, language) {
                text.push('\n');
                text.push_str(label);
            }
        }
    }
    if let Some(address) = address.as_deref().filter(|a| !a.is_empty()) {
        text.push('\n');
        text.push_str(address);
    }
    Source::Present(Searchable {
        kind: match kind {
            ChannelKind::Announcements => "announcement",
            _ if category.is_some() => "listing",
            _ => "thread",
        },
        members_of: (visibility == Visibility::Members).then(|| slug.clone()),
        community: Some(slug),
        channel_kind: Some(kind.as_str().to_owned()),
        author: Some(author),
        created_at,
        title,
        body: text,
        url: format!("/posts/{id}"),
        id,
    })
}

/// The current state of each change named in the search outbox, in their order (gone when the
/// entity no longer exists or is not searchable), with one query per kind of entity.
pub fn load_many(conn: &mut DbConnection, changes: &[(Entity, String)]) -> Result<Vec<Source>> {
    let ids_of = |kind: Entity| -> Vec<String> {
        let set: std::collections::BTreeSet<&String> = changes
            .iter()
            .filter(|(entity, _)| *entity == kind)
            .map(|(_, id)| id)
            .collect();
        set.into_iter().cloned().collect()
    };
    let mut found: std::collections::HashMap<(Entity, String), Source> = Default::default();
    for entity in [
        Entity::Post,
        Entity::Comment,
        Entity::Community,
        Entity::Accord,
    ] {
        let ids = ids_of(entity);
        if !ids.is_empty() {
            for source in sources(conn, entity, &ids)? {
                found.insert((entity, source_id(&source).to_owned()), source);
            }
        }
    }
    Ok(changes
        .iter()
        .map(|(entity, id)| {
            found
                .get(&(*entity, id.clone()))
                .cloned()
                .unwrap_or_else(|| Source::Gone { id: id.clone() })
        })
        .collect())
}

type CommentRow = (
    String,
    String,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    String,
    Option<String>,
);

fn comment_sources(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<Source>> {
    let rows: Vec<CommentRow> = comments::table
        .inner_join(accounts::table)
        .filter(comments::id.eq_any(ids))
        .select((
            comments::id,
            comments::post_id,
            comments::body,
            comments::created_at,
            comments::deleted_at,
            comments::removed_at,
            accounts::username,
            accounts::host,
        ))
        .load(conn)?;
    let post_ids: Vec<String> = rows.iter().map(|r| r.1.clone()).collect();
    let parents = post_rows(conn, &post_ids)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, post_id, body, created_at, deleted, removed, author, author_host)| {
                let parent = parents.iter().find(|p| p.0 == post_id);
                match parent {
                    Some(p)
                        if deleted.is_none()
                            && removed.is_none()
                            && p.6.is_none()
                            && p.7.is_none() =>
                    {
                        let community = handle(&p.10, &p.13);
                        Source::Present(Searchable {
                            kind: "comment",
                            community: Some(community.clone()),
                            channel_kind: Some(p.8.as_str().to_owned()),
                            members_of: (p.9 == Visibility::Members).then_some(community),
                            author: Some(handle(&author, &author_host)),
                            created_at,
                            title: p.1.clone(),
                            body: markdown::to_plain_text(&body),
                            url: format!("/posts/{post_id}#comment-{id}"),
                            id,
                        })
                    }
                    _ => Source::Gone { id },
                }
            },
        )
        .collect())
}

fn community_sources(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<Source>> {
    let rows: Vec<(String, String, String, String, NaiveDateTime)> = communities::table
        .filter(communities::id.eq_any(ids))
        .filter(communities::local.eq(true))
        .select((
            communities::id,
            communities::slug,
            communities::name,
            communities::description,
            communities::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, name, description, created_at)| {
            Source::Present(Searchable {
                kind: "community",
                community: Some(slug.clone()),
                channel_kind: None,
                members_of: None,
                author: None,
                created_at,
                title: name,
                body: description,
                url: format!("/c/{slug}"),
                id,
            })
        })
        .collect())
}

/// Accords past their draft, found by their newest version: title, summary, text, and the names
/// of their parties and projects. A draft is seen only by those who write it, so it is not
/// searchable at all.
fn accord_sources(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<Source>> {
    let rows: Vec<(
        String,
        crate::accords::State,
        String,
        NaiveDateTime,
        String,
        Option<String>,
    )> = accords::table
        .inner_join(communities::table)
        .inner_join(
            accord_versions::table.on(accord_versions::accord_id
                .eq(accords::id)
                .and(accord_versions::number.eq(accords::latest_version))),
        )
        .filter(accords::id.eq_any(ids))
        .select((
            accords::id,
            accords::state,
            communities::slug,
            accords::created_at,
            accord_versions::canonical,
            communities::host,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, state, slug, created_at, canonical, host)| {
            let content = serde_json::from_str(&canonical)
                .ok()
                .and_then(|document| crate::accords::content::read(&document).ok());
            match content {
                Some(content) if !state.is_private() => {
                    let mut body = vec![content.summary, markdown::to_plain_text(&content.text)];
                    body.extend(content.parties.into_iter().map(|p| p.name));
                    body.extend(content.projects.into_iter().map(|p| p.title));
                    Source::Present(Searchable {
                        kind: "accord",
                        community: Some(handle(&slug, &host)),
                        channel_kind: None,
                        members_of: None,
                        author: None,
                        created_at,
                        title: content.title,
                        body: body.join("\n"),
                        url: format!("/accords/{id}"),
                        id,
                    })
                }
                _ => Source::Gone { id },
            }
        })
        .collect())
}

/// Everything searchable of one entity, a batch at a time in id order after `after` (for a full
/// rebuild). Continue after the last batch's last id; an empty batch means done.
pub fn batch(
    conn: &mut DbConnection,
    entity: Entity,
    after: &str,
    limit: i64,
) -> Result<Vec<Source>> {
    let ids: Vec<String> = match entity {
        Entity::Post => posts::table
            .filter(posts::id.gt(after))
            .order(posts::id.asc())
            .limit(limit)
            .select(posts::id)
            .load(conn)?,
        Entity::Comment => comments::table
            .filter(comments::id.gt(after))
            .order(comments::id.asc())
            .limit(limit)
            .select(comments::id)
            .load(conn)?,
        Entity::Community => communities::table
            .filter(communities::id.gt(after))
            .order(communities::id.asc())
            .limit(limit)
            .select(communities::id)
            .load(conn)?,
        Entity::Accord => accords::table
            .filter(accords::id.gt(after))
            .order(accords::id.asc())
            .limit(limit)
            .select(accords::id)
            .load(conn)?,
        // People are not searched (yet): their changes are recorded for when they are.
        Entity::Account => Vec::new(),
    };
    let mut sources = sources(conn, entity, &ids)?;
    // Keep id order so the caller's "after" is the last id of the batch.
    sources.sort_by(|a, b| source_id(a).cmp(source_id(b)));
    Ok(sources)
}

/// The current state of these entities (those that exist; the caller takes the others as gone).
fn sources(conn: &mut DbConnection, entity: Entity, ids: &[String]) -> Result<Vec<Source>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(match entity {
        Entity::Post => post_rows(conn, ids)?.into_iter().map(post_source).collect(),
        Entity::Comment => comment_sources(conn, ids)?,
        Entity::Community => community_sources(conn, ids)?,
        Entity::Accord => accord_sources(conn, ids)?,
        Entity::Account => Vec::new(),
    })
}

pub fn source_id(source: &Source) -> &str {
    match source {
        Source::Present(s) => &s.id,
        Source::Gone { id } => id,
    }
}

/// How many rows a full rebuild reads, for progress.
pub fn count_all(conn: &mut DbConnection) -> Result<i64> {
    let posts: i64 = posts::table.count().get_result(conn)?;
    let comments: i64 = comments::table.count().get_result(conn)?;
    let communities: i64 = communities::table.count().get_result(conn)?;
    let accords: i64 = accords::table.count().get_result(conn)?;
    Ok(posts + comments + communities + accords)
}
