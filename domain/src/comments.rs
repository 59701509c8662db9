//! Changing one's own comments: editing them and deleting them. (Writing them, and listing a
//! post's comments, is in `posts`, beside the posts they belong to.)

use diesel::prelude::*;

use crate::channels::Channel;
use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::federation::outbox::{self as fed, Op as FedOp, Subject};
use crate::instance::Instance;
use crate::membership::Standing;
use crate::mentions;
use crate::notifications::{self, Kind, Notice};
use crate::outbox::{self, Entity, Op};
use crate::posts::{self, Comment, CommentView, COMMENT_MAX};
use crate::schema::{accounts, comments, media};
use crate::time::now;
use crate::tokens;

/// A comment the viewer may read (its post is visible to them), deleted or not, with its post
/// and channel.
fn get_visible(
    conn: &mut DbConnection,
    id: &str,
    viewer: Option<&str>,
) -> Result<(Comment, posts::Post, Channel)> {
    if !tokens::is_id(id) {
        return Err(Error::NotFound);
    }
    let comment = comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)?;
    let (post, channel) = posts::get_visible(conn, &comment.post_id, viewer)?;
    Ok((comment, post, channel))
}

/// One comment as shown.
pub fn view(conn: &mut DbConnection, id: &str, viewer: Option<&str>) -> Result<CommentView> {
    let (mut comment, _, _) = get_visible(conn, id, viewer)?;
    comment.blank_if_gone();
    let (username, host, display_name, avatar): (String, Option<String>, String, Option<String>) =
        accounts::table
            .left_join(media::table.on(media::id.nullable().eq(accounts::avatar_id)))
            .filter(accounts::id.eq(&comment.author_id))
            .select((
                accounts::username,
                accounts::host,
                accounts::display_name,
                media::storage_key.nullable(),
            ))
            .first(conn)?;
    Ok(CommentView {
        comment,
        author_username: crate::accounts::handle(&username, host.as_deref()),
        author_display_name: display_name,
        author_avatar: avatar.as_deref().map(crate::media::url_for),
    })
}

/// The author's own comment, while they may still write where it is and it is neither
/// deleted nor removed, nor its post locked.
fn own_live(
    conn: &mut DbConnection,
    id: &str,
    actor_id: &str,
) -> Result<(Comment, posts::Post, Channel)> {
    let (comment, post, channel) = get_visible(conn, id, Some(actor_id))?;
    if comment.is_gone() {
        return Err(Error::NotFound);
    }
    if comment.author_id != actor_id
        || !Standing::of(conn, &channel.community_id, Some(actor_id))?.writes()
    {
        return Err(Error::Forbidden);
    }
    Ok((comment, post, channel))
}

/// Edits a comment (its author; not on a locked post). People named for the first time are
/// told.
pub fn edit(
    conn: &mut DbConnection,
    instance: &Instance,
    id: &str,
    actor_id: &str,
    body: &str,
) -> Result<Comment> {
    let body = body.trim_end().to_owned();
    crate::db::transaction(conn, |conn| {
        let (comment, post, channel) = own_live(conn, id, actor_id)?;
        if post.locked {
            return Err(Error::Forbidden);
        }
        let mut errors = FieldErrors::default();
        posts::check_text("body", &body, COMMENT_MAX, true, &mut errors);
        errors.into_result()?;
        let (body_html, mentioned) = mentions::render(conn, instance, &body)?;
        diesel::update(comments::table.find(&comment.id))
            .set((
                comments::body.eq(&body),
                comments::body_html.eq(&body_html),
                comments::updated_at.eq(now()),
            ))
            .execute(conn)?;
        outbox::record(conn, Entity::Comment, &comment.id, Op::Upsert)?;
        fed::record_for(
            conn,
            &channel,
            Subject::Comment,
            &comment.id,
            FedOp::Update,
            None,
        )?;
        let newly = mentions::newly_named(conn, &mentioned, &comment.body)?;
        notifications::notify(
            conn,
            newly,
            &Notice::about_post(Kind::Mention, Some(actor_id), &post).with_comment(&comment.id),
        )?;
        Ok(comments::table
            .find(&comment.id)
            .select(Comment::as_select())
            .first(conn)?)
    })
}

/// Deletes a comment (its author). Its text is erased; the row stays so that replies keep
/// their place in the thread. (A moderator's removal keeps the text, to restore it.)
pub fn delete(conn: &mut DbConnection, id: &str, actor_id: &str) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let (comment, _, channel) = own_live(conn, id, actor_id)?;
        let at = now();
        diesel::update(comments::table.find(&comment.id))
            .set((
                comments::deleted_at.eq(Some(at)),
                comments::body.eq(""),
                comments::body_html.eq(""),
                comments::updated_at.eq(at),
            ))
            .execute(conn)?;
        fed::record_for(
            conn,
            &channel,
            Subject::Comment,
            &comment.id,
            FedOp::Delete,
            None,
        )?;
        outbox::record(conn, Entity::Comment, &comment.id, Op::Delete)
    })
}

/// A comment's row whatever its visibility (for federation, which checks the post's).
pub fn get_row(conn: &mut DbConnection, id: &str) -> Result<Comment> {
    Ok(comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)?)
}
