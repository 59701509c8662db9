//! Images: avatars, community banners and pictures in posts. An upload is decoded, checked and
//! re-encoded by [`process`] (metadata stripped), stored as a file by [`files`], and recorded in
//! the `media` table with its owner, purpose and alt text. Posts refer to their owner's content
//! images in order (`post_media`); accounts and communities to an avatar and a banner.

pub mod files;
pub mod process;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::membership::Standing;
use crate::schema::{accounts, communities, media, post_media, posts};
use crate::time::now;
use crate::tokens;

pub use files::MediaFiles;
pub use process::{Processed, Refusal};

/// Longest alt text, in characters (as Mastodon allows).
pub const ALT_MAX: usize = 1500;
/// Most images one post may show.
pub const MAX_POST_IMAGES: usize = 10;

/// What an image is for; it decides its size and whether alt text is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A profile picture: cropped to a square.
    Avatar,
    /// A community's banner.
    Banner,
    /// A picture in a post (events, listings, threads): alt text required.
    Content,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Avatar => "avatar",
            Purpose::Banner => "banner",
            Purpose::Content => "content",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "avatar" => Some(Purpose::Avatar),
            "banner" => Some(Purpose::Banner),
            "content" => Some(Purpose::Content),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = media)]
pub struct Media {
    pub id: String,
    pub owner_id: String,
    pub purpose: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub bytes: i32,
    pub alt_text: String,
    pub storage_key: String,
    pub created_at: NaiveDateTime,
}

impl Media {
    /// Where the file is served, as a path on this instance.
    pub fn url(&self) -> String {
        url_for(&self.storage_key)
    }
}

/// The path a stored file is served at.
pub fn url_for(storage_key: &str) -> String {
    format!("/media/{storage_key}")
}

/// An image shown with a post.
#[derive(Debug, Clone)]
pub struct PostImage {
    pub post_id: String,
    pub media: Media,
}

/// Checks an upload's purpose and alt text before its bytes are decoded. Content images need
/// alt text (people who cannot see them are told what they show); avatars and banners may have
/// it.
pub fn check_upload(purpose: Option<&str>, alt: &str) -> Result<(Purpose, String)> {
    let mut errors = FieldErrors::default();
    let purpose = match purpose.map(str::trim) {
        None | Some("") => Some(Purpose::Content),
        Some(p) => Purpose::parse(p),
    };
    if purpose.is_none() {
        errors.add(
            "purpose",
            "invalid",
            "must be `avatar`, `banner` or `content`",
        );
    }
    let alt = alt.trim().to_owned();
    check_alt(purpose.unwrap_or(Purpose::Content), &alt, &mut errors);
    errors.into_result()?;
    Ok((purpose.unwrap_or(Purpose::Content), alt))
}

fn check_alt(purpose: Purpose, alt: &str, errors: &mut FieldErrors) {
    if purpose == Purpose::Content && alt.is_empty() {
        errors.add(
            "alt",
            "required",
            "describe the image for people who cannot see it",
        );
    }
    if alt.chars().count() > ALT_MAX {
        errors.add(
            "alt",
            "length",
            format!("must be at most {ALT_MAX} characters long"),
        );
    }
    if alt
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        errors.add("alt", "characters", "must not contain control characters");
    }
}

/// Records a processed, stored image for its owner. Suspended accounts upload nothing.
pub fn insert(
    conn: &mut DbConnection,
    owner_id: &str,
    purpose: Purpose,
    alt: &str,
    image: &Processed,
    storage_key: &str,
) -> Result<Media> {
    let owner = crate::accounts::get(conn, owner_id)?;
    if owner.suspended_at.is_some() {
        return Err(Error::Forbidden);
    }
    let id = tokens::new_id();
    diesel::insert_into(media::table)
        .values((
            media::id.eq(&id),
            media::owner_id.eq(owner_id),
            media::purpose.eq(purpose.as_str()),
            media::content_type.eq(image.format.content_type()),
            media::width.eq(i32::try_from(image.width).unwrap_or(i32::MAX)),
            media::height.eq(i32::try_from(image.height).unwrap_or(i32::MAX)),
            media::bytes.eq(i32::try_from(image.bytes.len()).unwrap_or(i32::MAX)),
            media::alt_text.eq(alt),
            media::storage_key.eq(storage_key),
            media::created_at.eq(now()),
        ))
        .execute(conn)?;
    get(conn, &id)
}

/// One image by id.
pub fn get(conn: &mut DbConnection, id: &str) -> Result<Media> {
    if !tokens::is_id(id) {
        return Err(Error::NotFound);
    }
    Ok(media::table
        .find(id)
        .select(Media::as_select())
        .first(conn)?)
}

/// One of the actor's own images; someone else's is forbidden.
fn own(conn: &mut DbConnection, id: &str, actor_id: &str) -> Result<Media> {
    let m = get(conn, id)?;
    if m.owner_id != actor_id {
        return Err(Error::Forbidden);
    }
    Ok(m)
}

/// Changes an image's alt text (its owner).
pub fn set_alt(conn: &mut DbConnection, id: &str, actor_id: &str, alt: &str) -> Result<Media> {
    crate::db::transaction(conn, |conn| {
        let m = own(conn, id, actor_id)?;
        let alt = alt.trim();
        let mut errors = FieldErrors::default();
        check_alt(
            Purpose::parse(&m.purpose).unwrap_or(Purpose::Content),
            alt,
            &mut errors,
        );
        errors.into_result()?;
        diesel::update(media::table.find(&m.id))
            .set(media::alt_text.eq(alt))
            .execute(conn)?;
        get(conn, &m.id)
    })
}

/// Deletes an image record (its owner, or an instance admin): it leaves the posts that showed
/// it, and an avatar or banner it was goes blank. Returns the row so the caller removes the file
/// after the commit.
pub fn delete(conn: &mut DbConnection, id: &str, actor_id: &str) -> Result<Media> {
    crate::db::transaction(conn, |conn| {
        let m = get(conn, id)?;
        if m.owner_id != actor_id && !crate::accounts::get(conn, actor_id)?.is_admin {
            return Err(Error::Forbidden);
        }
        // The foreign keys would do this too; done here so it does not depend on them.
        diesel::update(accounts::table.filter(accounts::avatar_id.eq(&m.id)))
            .set(accounts::avatar_id.eq(None::<String>))
            .execute(conn)?;
        diesel::update(communities::table.filter(communities::banner_id.eq(&m.id)))
            .set(communities::banner_id.eq(None::<String>))
            .execute(conn)?;
        diesel::delete(post_media::table.filter(post_media::media_id.eq(&m.id))).execute(conn)?;
        diesel::delete(media::table.find(&m.id)).execute(conn)?;
        Ok(m)
    })
}

/// Finds one of the actor's images of `purpose` for use as `field`, or a field error.
fn usable(
    conn: &mut DbConnection,
    field: &str,
    id: &str,
    actor_id: &str,
    purpose: Purpose,
    errors: &mut FieldErrors,
) -> Result<Option<Media>> {
    let found = if tokens::is_id(id) {
        media::table
            .find(id)
            .filter(media::owner_id.eq(actor_id))
            .select(Media::as_select())
            .first(conn)
            .optional()?
    } else {
        None
    };
    match found {
        None => {
            errors.add(field, "unknown", "is not one of your uploaded images");
            Ok(None)
        }
        Some(m) if m.purpose != purpose.as_str() => {
            errors.add(
                field,
                "wrong_purpose",
                format!("upload it with purpose `{}`", purpose.as_str()),
            );
            Ok(None)
        }
        Some(m) => Ok(Some(m)),
    }
}

/// Sets (or, with `None`, clears) the actor's avatar: one of their own `avatar` uploads.
pub fn set_avatar(
    conn: &mut DbConnection,
    actor_id: &str,
    media_id: Option<&str>,
) -> Result<Option<Media>> {
    crate::db::transaction(conn, |conn| {
        let chosen = match media_id {
            Some(id) => {
                let mut errors = FieldErrors::default();
                let m = usable(conn, "media_id", id, actor_id, Purpose::Avatar, &mut errors)?;
                errors.into_result()?;
                m
            }
            None => None,
        };
        diesel::update(accounts::table.find(actor_id))
            .set((
                accounts::avatar_id.eq(chosen.as_ref().map(|m| m.id.clone())),
                accounts::updated_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(chosen)
    })
}

/// Sets (or clears) a local community's banner: facilitators and admins, with one of their own
/// `banner` uploads.
pub fn set_banner(
    conn: &mut DbConnection,
    slug: &str,
    actor_id: &str,
    media_id: Option<&str>,
) -> Result<Option<Media>> {
    crate::db::transaction(conn, |conn| {
        let community = crate::communities::find_local(conn, slug)?.ok_or(Error::NotFound)?;
        if !Standing::of(conn, &community.id, Some(actor_id))?.runs_community() {
            return Err(Error::Forbidden);
        }
        let chosen = match media_id {
            Some(id) => {
                let mut errors = FieldErrors::default();
                let m = usable(conn, "media_id", id, actor_id, Purpose::Banner, &mut errors)?;
                errors.into_result()?;
                m
            }
            None => None,
        };
        diesel::update(communities::table.find(&community.id))
            .set((
                communities::banner_id.eq(chosen.as_ref().map(|m| m.id.clone())),
                communities::updated_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(chosen)
    })
}

/// Replaces the images a post shows with `ids`, in that order: at most ten, each one of the
/// post author's own `content` uploads with alt text. Only the post's author.
pub fn set_post_images(
    conn: &mut DbConnection,
    post_id: &str,
    actor_id: &str,
    ids: &[String],
) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let author: String = posts::table
            .find(post_id)
            .select(posts::author_id)
            .first(conn)?;
        if author != actor_id {
            return Err(Error::Forbidden);
        }
        let mut errors = FieldErrors::default();
        if ids.len() > MAX_POST_IMAGES {
            errors.add(
                "images",
                "too_many",
                format!("a post shows at most {MAX_POST_IMAGES} images"),
            );
            return Err(Error::Validation(errors));
        }
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                errors.add("images", "duplicate", format!("{id} is listed twice"));
                continue;
            }
            let field = format!("images[{i}]");
            let found = usable(conn, &field, id, actor_id, Purpose::Content, &mut errors)?;
            if found.is_some_and(|m| m.alt_text.trim().is_empty()) {
                errors.add(
                    &field,
                    "alt_required",
                    "describe the image (its alt text) before showing it",
                );
            }
        }
        errors.into_result()?;
        diesel::delete(post_media::table.filter(post_media::post_id.eq(post_id))).execute(conn)?;
        for (position, id) in ids.iter().enumerate() {
            diesel::insert_into(post_media::table)
                .values((
                    post_media::post_id.eq(post_id),
                    post_media::media_id.eq(id),
                    post_media::position.eq(i32::try_from(position).unwrap_or(i32::MAX)),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// The images of these posts, in each post's order: one query whatever their number.
pub fn for_posts(conn: &mut DbConnection, post_ids: &[String]) -> Result<Vec<PostImage>> {
    if post_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, Media)> = post_media::table
        .inner_join(media::table)
        .filter(post_media::post_id.eq_any(post_ids))
        .order((post_media::post_id.asc(), post_media::position.asc()))
        .select((post_media::post_id, Media::as_select()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(post_id, media)| PostImage { post_id, media })
        .collect())
}

/// Storage keys of these images (for avatars and banners), by id: one query.
pub fn storage_keys(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<(String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(media::table
        .filter(media::id.eq_any(ids))
        .select((media::id, media::storage_key))
        .load(conn)?)
}

/// The URL of an optional image, for one avatar or banner.
pub fn url_of(conn: &mut DbConnection, id: Option<&str>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(storage_keys(conn, &[id.to_owned()])?
        .pop()
        .map(|(_, key)| url_for(&key)))
}
