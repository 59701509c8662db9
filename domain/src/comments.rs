//! Comments on posts: writing, editing and deleting them, for people of this instance and of
//! others alike (one function per action, taking the [`Author`]). Listing a post's comments is
//! in `posts`, beside the posts they belong to.

use diesel::prelude::*;

use crate::author::{Author, Text};
use crate::channels::Channel;
use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::federation_feed::{self as fed, Op as FedOp, Subject};
use crate::instance::Instance;
use crate::membership::Standing;
use crate::mentions;
use crate::notifications::{self, Kind, Notice};
use crate::posts::{self, Comment, CommentView, Place, COMMENT_MAX};
use crate::schema::{accounts, comments, media};
use crate::search_feed::{self, Entity, Op};
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
    let (comment, _, _) = get_visible(conn, id, viewer)?;
    view_of(conn, comment)
}

/// A comment the caller has read (and may show), with its author's names and picture.
pub fn view_of(conn: &mut DbConnection, mut comment: Comment) -> Result<CommentView> {
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

/// A comment's text, checked and rendered: `(body, body_html, local people mentioned)`.
fn render(
    conn: &mut DbConnection,
    instance: &Instance,
    text: Text,
) -> Result<(String, String, Vec<String>)> {
    let (body, html, mentioned) = match text {
        Text::Markdown(markdown) => {
            let body = markdown.trim_end().to_owned();
            let (html, mentioned) = mentions::render(conn, instance, &body)?;
            (body, html, mentioned)
        }
        Text::Html { html, mentions } => (
            crate::markdown::html_to_text(html),
            crate::markdown::sanitize_html(html),
            mentions::local_by_ap_id(conn, mentions)?,
        ),
    };
    let mut errors = FieldErrors::default();
    posts::check_text("body", &body, COMMENT_MAX, true, &mut errors);
    errors.into_result()?;
    Ok((body, html, mentioned))
}

/// Comments on a post: `author`, who must be able to read it and take part in its community
/// ([`Standing::takes_part`]); not on locked posts. Loads the post and the author's standing and
/// calls [`create_loaded`].
pub fn create(
    conn: &mut DbConnection,
    instance: &Instance,
    post_id: &str,
    author: Author,
    parent_id: Option<&str>,
    text: Text,
) -> Result<Comment> {
    crate::db::transaction(conn, |conn| {
        let loaded = Place::load(conn, post_id, author.account_id())?;
        create_loaded(conn, instance, &loaded.place(), author, parent_id, text)?
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("a new comment's id was taken")))
    })
}

/// [`create`] for a post the caller has read ([`Place`]), inside the caller's transaction. The one place a comment is written, whoever its
/// author: the rules, the search feed, the federation feed (for local authors: others' comments
/// are passed on by the inbox) and the notices of replies and mentions. Answers `None` when a
/// remote comment with that id is stored already (a replay or an edit: see [`edit_loaded`]).
pub fn create_loaded(
    conn: &mut DbConnection,
    instance: &Instance,
    place: &Place,
    author: Author,
    parent_id: Option<&str>,
    text: Text,
) -> Result<Option<Comment>> {
    place.open_to(&author)?;
    let Place { post, channel, .. } = *place;
    if post.locked {
        return Err(Error::Forbidden);
    }
    let parent_author = match parent_id {
        Some(parent) => {
            let found: Option<String> = comments::table
                .filter(comments::id.eq(parent))
                .filter(comments::post_id.eq(&post.id))
                .select(comments::author_id)
                .first(conn)
                .optional()?;
            let Some(found) = found else {
                let mut errors = FieldErrors::default();
                errors.add("parent_id", "unknown", "is not a comment of this post");
                return Err(Error::Validation(errors));
            };
            Some(found)
        }
        None => None,
    };
    let (body, body_html, mentioned) = render(conn, instance, text)?;
    let at = now();
    let id = tokens::new_id();
    let ap_id = match author {
        Author::Local(_) => instance.url(&format!("/comments/{id}")),
        Author::Remote { object_ap_id, .. } => object_ap_id.to_owned(),
    };
    // A remote comment may be delivered twice at once: the second insert does nothing.
    let insert = || {
        diesel::insert_into(comments::table)
            .values((
                comments::id.eq(&id),
                comments::post_id.eq(&post.id),
                comments::author_id.eq(author.account_id()),
                comments::parent_id.eq(parent_id),
                comments::body.eq(&body),
                comments::body_html.eq(&body_html),
                comments::ap_id.eq(&ap_id),
                comments::local.eq(author.is_local()),
                comments::created_at.eq(author.written_at(at)),
                comments::updated_at.eq(at),
            ))
            .on_conflict_do_nothing()
    };
    let inserted: Option<Comment> = crate::db::on_backend!(conn, c => insert()
        .returning(Comment::as_returning())
        .get_result(c)
        .optional())?;
    let Some(comment) = inserted else {
        return Ok(None);
    };
    search_feed::record(conn, Entity::Comment, &id, Op::Upsert)?;
    if author.is_local() {
        fed::record_for(conn, channel, Subject::Comment, &id, FedOp::Create, None)?;
    }
    // The post's author and the author of the comment answered hear of a reply; anyone else
    // named hears of a mention.
    let mut replied = vec![post.author_id.clone()];
    replied.extend(parent_author);
    let about = Notice::about_post(Kind::Reply, Some(author.account_id()), post).with_comment(&id);
    notifications::notify_in(conn, channel, replied.clone(), &about)?;
    let others = mentioned.into_iter().filter(|m| !replied.contains(m));
    notifications::notify_in(
        conn,
        channel,
        others,
        &Notice {
            kind: Kind::Mention,
            ..about
        },
    )?;
    // Last: the post's row stays locked until the commit, and others comment on it too.
    posts::touch(conn, &post.id, at)?;
    Ok(Some(comment))
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
    crate::db::transaction(conn, |conn| {
        let (comment, post, channel) = get_visible(conn, id, Some(actor_id))?;
        let standing = Standing::of(conn, &channel.community_id, Some(actor_id))?;
        let place = Place {
            post: &post,
            channel: &channel,
            standing: &standing,
        };
        edit_loaded(
            conn,
            instance,
            &comment,
            &place,
            Author::Local(actor_id),
            Text::Markdown(body),
        )
    })
}

/// [`edit`] for a comment and its post the caller has read ([`Place`]), inside the caller's
/// transaction: the one place a comment is changed, whoever its author.
pub fn edit_loaded(
    conn: &mut DbConnection,
    instance: &Instance,
    comment: &Comment,
    place: &Place,
    author: Author,
    text: Text,
) -> Result<Comment> {
    if comment.is_gone() {
        return Err(Error::NotFound);
    }
    place.open_to(&author)?;
    let Place { post, channel, .. } = *place;
    if comment.author_id != author.account_id() || post.locked {
        return Err(Error::Forbidden);
    }
    let (body, body_html, mentioned) = render(conn, instance, text)?;
    let changed: Comment = diesel::update(comments::table.find(&comment.id))
        .set((
            comments::body.eq(&body),
            comments::body_html.eq(&body_html),
            comments::updated_at.eq(now()),
        ))
        .returning(comments::all_columns)
        .get_result::<Comment>(conn)?;
    search_feed::record(conn, Entity::Comment, &comment.id, Op::Upsert)?;
    if author.is_local() {
        fed::record_for(
            conn,
            channel,
            Subject::Comment,
            &comment.id,
            FedOp::Update,
            None,
        )?;
    }
    let newly = mentions::newly_named(conn, &mentioned, &comment.body)?;
    notifications::notify_in(
        conn,
        channel,
        newly,
        &Notice::about_post(Kind::Mention, Some(author.account_id()), post)
            .with_comment(&comment.id),
    )?;
    Ok(changed)
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
        search_feed::record(conn, Entity::Comment, &comment.id, Op::Delete)
    })
}

/// A comment's row whatever its visibility (for federation, which checks the post's).
pub fn get_row(conn: &mut DbConnection, id: &str) -> Result<Comment> {
    Ok(comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)?)
}

/// The comment with this ActivityPub id.
pub fn by_ap_id(conn: &mut DbConnection, ap_id: &str) -> Result<Comment> {
    Ok(comments::table
        .filter(comments::ap_id.eq(ap_id))
        .select(Comment::as_select())
        .first(conn)?)
}
