//! Posts in channels, their threaded comments and their likes, with the rules of who may write,
//! read and change them. Every change also records a search outbox row in its transaction.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::author::Author;
use crate::channels::{self, Channel};
use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::federation_feed::{self as fed, Op as FedOp, Subject};
use crate::instance::Instance;
use crate::membership::Standing;
use crate::mentions;
use crate::notifications::{self, Kind, Notice};
use crate::schema::{
    accounts, comments, media, organization_members, organizations, posts, reactions, rsvps,
};
use crate::search_feed::{self, Entity, Op};
use crate::time::now;
use crate::tokens;
use crate::vocabulary::{ChannelKind, RsvpStatus, Visibility};

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 50_000;
pub const COMMENT_MAX: usize = 10_000;
/// At most this many pinned posts lead a feed.
pub const MAX_PINNED: i64 = 10;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = posts)]
pub struct Post {
    pub id: String,
    pub channel_id: String,
    pub community_id: String,
    pub author_id: String,
    pub parent_id: Option<String>,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub locked: bool,
    pub pinned: bool,
    pub deleted_at: Option<NaiveDateTime>,
    pub removed_at: Option<NaiveDateTime>,
    pub ap_id: String,
    pub local: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_activity_at: NaiveDateTime,
}

impl Post {
    pub fn is_gone(&self) -> bool {
        self.deleted_at.is_some() || self.removed_at.is_some()
    }
}

/// A post as shown: with its author and counts.
#[derive(Debug, Clone)]
pub struct PostView {
    pub post: Post,
    pub channel_kind: ChannelKind,
    pub author_username: String,
    pub author_display_name: String,
    /// The author's profile picture, as a URL path.
    pub author_avatar: Option<String>,
    pub comment_count: i64,
    pub like_count: i64,
    pub liked_by_me: bool,
    /// For posts in events channels: times, place and attendance.
    pub event: Option<crate::events::Attendance>,
    /// For co-design processes: phase, outcome and proposals.
    pub process: Option<crate::codesign::ProcessInfo>,
    /// For business listings: owner, hours, open now and today's offers.
    pub listing: Option<crate::listings::ListingInfo>,
    /// Images shown with the post, in order.
    pub images: Vec<crate::media::PostImage>,
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest first.
    New,
    /// Latest activity (post or comment) first.
    Active,
}

/// Where a feed page starts: the sort time and id of the last item of the previous page.
pub type Cursor = (NaiveDateTime, String);

/// Narrows a feed to business listings: of one category, or open now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedFilter {
    /// A listing category code.
    pub category: Option<String>,
    pub open_now: bool,
}

impl FeedFilter {
    fn is_empty(&self) -> bool {
        self.category.is_none() && !self.open_now
    }
}

pub(crate) fn check_text(
    field: &str,
    text: &str,
    max: usize,
    required: bool,
    errors: &mut FieldErrors,
) {
    let len = text.chars().count();
    if required && text.trim().is_empty() {
        errors.add(field, "required", "must not be empty");
    } else if len > max {
        errors.add(
            field,
            "length",
            format!("must be at most {max} characters long"),
        );
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        errors.add(field, "characters", "must not contain control characters");
    }
}

fn check_draft(draft: &Draft) -> Result<()> {
    let mut errors = FieldErrors::default();
    check_text("title", &draft.title, TITLE_MAX, true, &mut errors);
    if draft.title.contains('\n') {
        errors.add("title", "characters", "must be one line");
    }
    check_text("body", &draft.body, BODY_MAX, false, &mut errors);
    errors.into_result()
}

/// Whether someone belongs to an organisation of this kind (`municipality` staff may post
/// announcements; `business` members may list).
fn in_organization_of_kind(conn: &mut DbConnection, account_id: &str, kind: &str) -> Result<bool> {
    let n: i64 = organization_members::table
        .inner_join(organizations::table)
        .filter(organization_members::account_id.eq(account_id))
        .filter(organizations::kind.eq(kind))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether someone may start something in a channel: a thread (dialogue), an announcement
/// (facilitators, admins and municipality staff), an event (members), a co-design process
/// (the channel's moderators) or a listing (members of a business organisation, facilitators and
/// admins; which organisation is checked when the listing is made). Never anyone banned,
/// suspended or outside the community.
pub fn may_post(conn: &mut DbConnection, channel: &Channel, account_id: &str) -> Result<bool> {
    let standing = Standing::of(conn, &channel.community_id, Some(account_id))?;
    may_start(conn, channel, &standing, true, &Author::Local(account_id))
}

/// Whether `author`, standing so in the channel's community, may start a post in `channel`
/// ([`may_post`] for people of this instance). People of other instances start threads, events
/// and proposals in public channels, unless barred; in a community whose `home` is this instance
/// only once they follow it (elsewhere the community's own instance has decided).
pub fn may_start(
    conn: &mut DbConnection,
    channel: &Channel,
    standing: &Standing,
    home: bool,
    author: &Author,
) -> Result<bool> {
    let account_id = match author {
        Author::Local(id) => *id,
        Author::Remote { .. } => {
            return Ok(channel.is_public()
                && channel.kind.open_to_remote_posts()
                && !standing.is_barred()
                && (!home || standing.writes()))
        }
    };
    if !standing.writes() {
        return Ok(false);
    }
    Ok(match channel.kind {
        ChannelKind::Announcements => {
            standing.runs_community() || in_organization_of_kind(conn, account_id, "municipality")?
        }
        ChannelKind::Codesign => channels::can_moderate(conn, channel, account_id)?,
        ChannelKind::Businesses => {
            standing.runs_community() || in_organization_of_kind(conn, account_id, "business")?
        }
        _ => true,
    })
}

/// Creates a post in a channel. Members of the community (not banned) write in dialogue
/// channels; announcements come from facilitators, admins and municipality staff only.
pub fn create(
    conn: &mut DbConnection,
    instance: &Instance,
    channel_id: &str,
    actor_id: &str,
    draft: &Draft,
) -> Result<Post> {
    let draft = Draft {
        title: draft.title.trim().to_owned(),
        body: draft.body.trim_end().to_owned(),
    };
    crate::db::transaction(conn, |conn| {
        let channel = channels::get_visible(conn, channel_id, Some(actor_id))?;
        if !may_post(conn, &channel, actor_id)? {
            return Err(Error::Forbidden);
        }
        match channel.kind {
            ChannelKind::Dialogue | ChannelKind::Announcements => {}
            ChannelKind::Events => {
                // An event without its times would be no event: see `events::create`.
                let mut errors = FieldErrors::default();
                errors.add("starts_at", "required", "an event needs a start");
                errors.add("ends_at", "required", "an event needs an end");
                return Err(Error::Validation(errors));
            }
            ChannelKind::Codesign => {
                return crate::codesign::open(conn, instance, &channel, actor_id, &draft);
            }
            other => {
                // A listing needs its own fields: see `listings::create`.
                let mut errors = FieldErrors::default();
                errors.add(
                    "channel",
                    "unsupported_kind",
                    format!("posts in `{other}` channels are created with their own fields"),
                );
                return Err(Error::Validation(errors));
            }
        }
        insert(conn, instance, &channel, actor_id, &draft)
    })
}

/// Inserts a checked post into a channel the caller has already authorised.
pub(crate) fn insert(
    conn: &mut DbConnection,
    instance: &Instance,
    channel: &Channel,
    actor_id: &str,
    draft: &Draft,
) -> Result<Post> {
    let draft = Draft {
        title: draft.title.trim().to_owned(),
        body: draft.body.trim_end().to_owned(),
    };
    check_draft(&draft)?;
    let (body_html, mentioned) = mentions::render(conn, instance, &draft.body)?;
    let at = now();
    let id = tokens::new_id();
    diesel::insert_into(posts::table)
        .values((
            posts::id.eq(&id),
            posts::channel_id.eq(&channel.id),
            posts::community_id.eq(&channel.community_id),
            posts::author_id.eq(actor_id),
            posts::title.eq(&draft.title),
            posts::body.eq(&draft.body),
            posts::body_html.eq(&body_html),
            posts::ap_id.eq(instance.url(&format!("/posts/{id}"))),
            posts::local.eq(true),
            posts::created_at.eq(at),
            posts::updated_at.eq(at),
            posts::last_activity_at.eq(at),
        ))
        .execute(conn)?;
    search_feed::record(conn, Entity::Post, &id, Op::Upsert)?;
    fed::record_for(conn, channel, Subject::Post, &id, FedOp::Create, None)?;
    let post = get_row(conn, &id)?;
    notifications::notify(
        conn,
        mentioned,
        &Notice::about_post(Kind::Mention, Some(actor_id), &post),
    )?;
    Ok(post)
}

/// A post's row whatever its state and visibility (callers check both).
pub fn get_row(conn: &mut DbConnection, id: &str) -> Result<Post> {
    Ok(posts::table
        .find(id)
        .select(Post::as_select())
        .first(conn)?)
}

/// Whose public posts [`public_posts`] lists.
#[derive(Debug, Clone, Copy)]
pub enum PublicPostsOf<'a> {
    /// A community's, or only its pinned ones.
    Community { id: &'a str, pinned_only: bool },
    /// A person's, in every community.
    Author(&'a str),
}

/// The newest top-level posts in public channels (what federates), deleted and removed ones left
/// out: what a community's outbox and featured collections, and a person's outbox, show.
pub fn public_posts(
    conn: &mut DbConnection,
    of: PublicPostsOf<'_>,
    limit: i64,
) -> Result<Vec<Post>> {
    let mut query = posts::table
        .inner_join(crate::schema::channels::table)
        .filter(crate::schema::channels::visibility.eq(Visibility::Public))
        .filter(posts::parent_id.is_null())
        .filter(posts::deleted_at.is_null())
        .filter(posts::removed_at.is_null())
        .order((posts::created_at.desc(), posts::id.desc()))
        .limit(limit)
        .select(Post::as_select())
        .into_boxed();
    query = match of {
        PublicPostsOf::Community { id, pinned_only } => {
            let query = query.filter(posts::community_id.eq(id));
            if pinned_only {
                query.filter(posts::pinned.eq(true))
            } else {
                query
            }
        }
        PublicPostsOf::Author(id) => query.filter(posts::author_id.eq(id)),
    };
    Ok(query.load(conn)?)
}

/// A post and its channel, if the viewer may read it; otherwise "not found", so members-only
/// posts cannot be told from missing ones.
pub fn get_visible(
    conn: &mut DbConnection,
    id: &str,
    viewer: Option<&str>,
) -> Result<(Post, Channel)> {
    if !tokens::is_id(id) {
        return Err(Error::NotFound);
    }
    let post = posts::table
        .find(id)
        .select(Post::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)?;
    if post.is_gone() {
        return Err(Error::NotFound);
    }
    let channel = channels::get_visible(conn, &post.channel_id, viewer)?;
    Ok((post, channel))
}

/// One post with author and counts.
pub fn view(conn: &mut DbConnection, id: &str, viewer: Option<&str>) -> Result<PostView> {
    let (post, channel) = get_visible(conn, id, viewer)?;
    let mut views = decorate(conn, vec![post], &channel, viewer)?;
    views.pop().ok_or(Error::NotFound)
}

/// A page of a channel's feed, in a bounded number of queries whatever the page size.
pub fn feed(
    conn: &mut DbConnection,
    channel_id: &str,
    viewer: Option<&str>,
    order: Order,
    after: Option<Cursor>,
    limit: i64,
) -> Result<(Vec<PostView>, Option<Cursor>)> {
    feed_filtered(
        conn,
        channel_id,
        viewer,
        order,
        after,
        limit,
        &FeedFilter::default(),
    )
}

/// A page of a channel's feed narrowed by `filter` (listings of a category, or open now).
pub fn feed_filtered(
    conn: &mut DbConnection,
    channel_id: &str,
    viewer: Option<&str>,
    order: Order,
    after: Option<Cursor>,
    limit: i64,
    filter: &FeedFilter,
) -> Result<(Vec<PostView>, Option<Cursor>)> {
    let channel = channels::get_visible(conn, channel_id, viewer)?;
    let only: Option<Vec<String>> = if filter.is_empty() {
        None
    } else {
        Some(crate::listings::matching(
            conn,
            &channel.id,
            filter.category.as_deref(),
            filter.open_now.then(chrono::Utc::now),
        )?)
    };
    // Pinned posts lead the first page (besides `limit`) and are left out of the paged rest, so
    // no page repeats them.
    let pinned: Vec<Post> = if after.is_none() {
        let mut query = posts::table
            .filter(posts::channel_id.eq(&channel.id))
            .filter(posts::parent_id.is_null())
            .filter(posts::deleted_at.is_null())
            .filter(posts::removed_at.is_null())
            .filter(posts::pinned.eq(true))
            .order((posts::created_at.desc(), posts::id.desc()))
            .limit(MAX_PINNED)
            .select(Post::as_select())
            .into_boxed();
        if let Some(only) = &only {
            query = query.filter(posts::id.eq_any(only.clone()));
        }
        query.load(conn)?
    } else {
        Vec::new()
    };
    let mut query = posts::table
        .filter(posts::channel_id.eq(&channel.id))
        .filter(posts::parent_id.is_null())
        .filter(posts::deleted_at.is_null())
        .filter(posts::removed_at.is_null())
        .filter(posts::pinned.eq(false))
        .select(Post::as_select())
        .limit(limit + 1)
        .into_boxed();
    if let Some(only) = only {
        query = query.filter(posts::id.eq_any(only));
    }
    query = match order {
        Order::New => {
            if let Some((t, id)) = &after {
                query = query.filter(
                    posts::created_at
                        .lt(*t)
                        .or(posts::created_at.eq(*t).and(posts::id.lt(id.clone()))),
                );
            }
            query.order((posts::created_at.desc(), posts::id.desc()))
        }
        Order::Active => {
            if let Some((t, id)) = &after {
                query = query.filter(
                    posts::last_activity_at
                        .lt(*t)
                        .or(posts::last_activity_at.eq(*t).and(posts::id.lt(id.clone()))),
                );
            }
            query.order((posts::last_activity_at.desc(), posts::id.desc()))
        }
    };
    let mut rows: Vec<Post> = query.load(conn)?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|p| {
            let t = match order {
                Order::New => p.created_at,
                Order::Active => p.last_activity_at,
            };
            (t, p.id.clone())
        })
    } else {
        None
    };
    let rows = pinned.into_iter().chain(rows).collect();
    Ok((decorate(conn, rows, &channel, viewer)?, next))
}

/// Adds authors, counts and images to posts: grouped queries for any number of posts.
fn decorate(
    conn: &mut DbConnection,
    rows: Vec<Post>,
    channel: &Channel,
    viewer: Option<&str>,
) -> Result<Vec<PostView>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = rows.iter().map(|p| p.id.clone()).collect();
    let author_ids: Vec<String> = rows.iter().map(|p| p.author_id.clone()).collect();
    let authors: Vec<(String, String, String, Option<String>)> = accounts::table
        .left_join(media::table.on(media::id.nullable().eq(accounts::avatar_id)))
        .filter(accounts::id.eq_any(&author_ids))
        .select((
            accounts::id,
            accounts::username,
            accounts::host,
            accounts::display_name,
            media::storage_key.nullable(),
        ))
        .load::<(String, String, Option<String>, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(id, username, host, display, avatar)| {
            (
                id,
                crate::accounts::handle(&username, host.as_deref()),
                display,
                avatar,
            )
        })
        .collect();
    let comment_counts: Vec<(String, i64)> = comments::table
        .filter(comments::post_id.eq_any(&ids))
        .filter(comments::deleted_at.is_null())
        .filter(comments::removed_at.is_null())
        .group_by(comments::post_id)
        .select((comments::post_id, count_star()))
        .load(conn)?;
    let like_counts: Vec<(String, i64)> = reactions::table
        .filter(reactions::post_id.eq_any(&ids))
        .group_by(reactions::post_id)
        .select((reactions::post_id, count_star()))
        .load(conn)?;
    let mut events = if channel.kind == ChannelKind::Events {
        crate::events::attendance(conn, &ids)?
    } else {
        Vec::new()
    };
    let mut processes = if channel.kind == ChannelKind::Codesign {
        crate::codesign::info(conn, &ids)?
    } else {
        Vec::new()
    };
    let mut listings = if channel.kind == ChannelKind::Businesses {
        crate::listings::info(conn, &ids, chrono::Utc::now())?
    } else {
        Vec::new()
    };
    let images = crate::media::for_posts(conn, &ids)?;
    let marks = match viewer {
        Some(viewer) => viewer_marks(conn, &ids, viewer, channel.kind == ChannelKind::Events)?,
        None => ViewerMarks::default(),
    };
    let count = |counts: &[(String, i64)], id: &str| {
        counts.iter().find(|(p, _)| p == id).map_or(0, |(_, n)| *n)
    };
    let mut views = rows
        .into_iter()
        .map(|post| {
            let (username, display_name, avatar) = authors
                .iter()
                .find(|(id, _, _, _)| *id == post.author_id)
                .map(|(_, u, d, a)| {
                    (
                        u.clone(),
                        d.clone(),
                        a.as_deref().map(crate::media::url_for),
                    )
                })
                .unwrap_or_default();
            let event = events
                .iter()
                .position(|e| e.event.post_id == post.id)
                .map(|i| events.swap_remove(i));
            let process = processes
                .iter()
                .position(|p| p.process.post_id == post.id)
                .map(|i| processes.swap_remove(i));
            let listing = listings
                .iter()
                .position(|l| l.listing.post_id == post.id)
                .map(|i| listings.swap_remove(i));
            PostView {
                images: images
                    .iter()
                    .filter(|i| i.post_id == post.id)
                    .cloned()
                    .collect(),
                event,
                process,
                listing,
                comment_count: count(&comment_counts, &post.id),
                like_count: count(&like_counts, &post.id),
                liked_by_me: false,
                channel_kind: channel.kind,
                author_username: username,
                author_display_name: display_name,
                author_avatar: avatar,
                post,
            }
        })
        .collect::<Vec<_>>();
    marks.apply(&mut views);
    Ok(views)
}

/// What is one person's own on a page of posts: their likes and, on events, their answers.
/// Apart from these, a page of a public channel is the same for everyone, which lets the server
/// keep one copy for all readers and add these per reader.
#[derive(Debug, Default)]
pub struct ViewerMarks {
    /// The posts they like.
    pub liked: Vec<String>,
    /// (post, answer) for the events they answered.
    pub rsvps: Vec<(String, RsvpStatus)>,
}

impl ViewerMarks {
    /// Sets `liked_by_me` and each event's `mine` from these marks.
    pub fn apply(&self, views: &mut [PostView]) {
        for view in views {
            view.liked_by_me = self.liked.contains(&view.post.id);
            if let Some(event) = &mut view.event {
                event.mine = self
                    .rsvps
                    .iter()
                    .find(|(post, _)| *post == view.post.id)
                    .map(|(_, status)| *status);
            }
        }
    }
}

/// A viewer's marks on these posts: one query for likes, one more for RSVPs when `events`.
pub fn viewer_marks(
    conn: &mut DbConnection,
    post_ids: &[String],
    viewer: &str,
    events: bool,
) -> Result<ViewerMarks> {
    if post_ids.is_empty() {
        return Ok(ViewerMarks::default());
    }
    let liked = reactions::table
        .filter(reactions::post_id.eq_any(post_ids))
        .filter(reactions::account_id.eq(viewer))
        .select(reactions::post_id)
        .load(conn)?;
    let rsvps = if events {
        rsvps::table
            .filter(rsvps::post_id.eq_any(post_ids))
            .filter(rsvps::account_id.eq(viewer))
            .select((rsvps::post_id, rsvps::status))
            .load(conn)?
    } else {
        Vec::new()
    };
    Ok(ViewerMarks { liked, rsvps })
}

/// Whether someone may edit or delete a post: a listing's owning organisation (and admins),
/// otherwise its author while they may still write there.
pub(crate) fn may_change(
    conn: &mut DbConnection,
    post: &Post,
    channel: &Channel,
    actor_id: &str,
) -> Result<bool> {
    if let Some(allowed) = crate::listings::may_manage_post(conn, post, channel, actor_id)? {
        return Ok(allowed);
    }
    Ok(post.author_id == actor_id
        && Standing::of(conn, &channel.community_id, Some(actor_id))?.writes())
}

/// Edits a post's title and body. Only its author, while they may still write there (for a
/// listing: its organisation's members and admins).
/// People mentioned for the first time are told, and so are an event's attendees.
pub fn edit(
    conn: &mut DbConnection,
    instance: &Instance,
    id: &str,
    actor_id: &str,
    draft: &Draft,
) -> Result<Post> {
    edit_with(conn, instance, id, actor_id, draft, false)
}

/// [`edit`], for callers that changed more of the post than its text: `more_changed` tells an
/// event's attendees even when the title and body stayed the same.
pub(crate) fn edit_with(
    conn: &mut DbConnection,
    instance: &Instance,
    id: &str,
    actor_id: &str,
    draft: &Draft,
    more_changed: bool,
) -> Result<Post> {
    let draft = Draft {
        title: draft.title.trim().to_owned(),
        body: draft.body.trim_end().to_owned(),
    };
    crate::db::transaction(conn, |conn| {
        let (post, channel) = get_visible(conn, id, Some(actor_id))?;
        if !may_change(conn, &post, &channel, actor_id)? {
            return Err(Error::Forbidden);
        }
        check_draft(&draft)?;
        let (body_html, mentioned) = mentions::render(conn, instance, &draft.body)?;
        diesel::update(posts::table.find(&post.id))
            .set((
                posts::title.eq(&draft.title),
                posts::body.eq(&draft.body),
                posts::body_html.eq(&body_html),
                posts::updated_at.eq(now()),
            ))
            .execute(conn)?;
        search_feed::record(conn, Entity::Post, &post.id, Op::Upsert)?;
        fed::record_for(conn, &channel, Subject::Post, &post.id, FedOp::Update, None)?;
        let newly = mentions::newly_named(conn, &mentioned, &post.body)?;
        let edited = get_row(conn, &post.id)?;
        notifications::notify(
            conn,
            newly,
            &Notice::about_post(Kind::Mention, Some(actor_id), &edited),
        )?;
        if channel.kind == ChannelKind::Events
            && (more_changed || post.title != edited.title || post.body != edited.body)
        {
            let attendees = crate::events::attendees(conn, &post.id)?;
            notifications::notify(
                conn,
                attendees,
                &Notice::about_post(Kind::EventChanged, Some(actor_id), &edited),
            )?;
        }
        Ok(edited)
    })
}

/// Deletes a post (its author; a listing: its organisation's members and admins). The row
/// stays, marked, so threads and logs keep their shape.
pub fn delete(conn: &mut DbConnection, id: &str, actor_id: &str) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let (post, channel) = get_visible(conn, id, Some(actor_id))?;
        let allowed = match crate::listings::may_manage_post(conn, &post, &channel, actor_id)? {
            Some(allowed) => allowed,
            None => post.author_id == actor_id,
        };
        if !allowed {
            return Err(Error::Forbidden);
        }
        diesel::update(posts::table.find(&post.id))
            .set((
                posts::deleted_at.eq(Some(now())),
                posts::updated_at.eq(now()),
            ))
            .execute(conn)?;
        fed::record_for(conn, &channel, Subject::Post, &post.id, FedOp::Delete, None)?;
        search_feed::record(conn, Entity::Post, &post.id, Op::Delete)
    })
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: String,
    pub post_id: String,
    pub author_id: String,
    pub parent_id: Option<String>,
    pub body: String,
    pub body_html: String,
    pub deleted_at: Option<NaiveDateTime>,
    pub removed_at: Option<NaiveDateTime>,
    pub ap_id: String,
    pub local: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Comment {
    /// Deleted by its author or removed by a moderator.
    pub fn is_gone(&self) -> bool {
        self.deleted_at.is_some() || self.removed_at.is_some()
    }

    /// Shown without its text once gone, so replies keep their place but the words do not.
    pub(crate) fn blank_if_gone(&mut self) {
        if self.is_gone() {
            self.body.clear();
            self.body_html.clear();
        }
    }
}

/// A comment as shown. A deleted or removed comment keeps its place in the thread, emptied.
#[derive(Debug, Clone)]
pub struct CommentView {
    pub comment: Comment,
    pub author_username: String,
    pub author_display_name: String,
    /// The author's profile picture, as a URL path.
    pub author_avatar: Option<String>,
}

/// A comment with its author's username, host, display name and avatar key.
type CommentRow = (Comment, String, Option<String>, String, Option<String>);

/// Comments on a post, oldest first, `limit` after `after`; the client builds the tree from
/// `parent_id`.
pub fn comments_of(
    conn: &mut DbConnection,
    post_id: &str,
    viewer: Option<&str>,
    after: Option<Cursor>,
    limit: i64,
) -> Result<(Vec<CommentView>, Option<Cursor>)> {
    let (post, _) = get_visible(conn, post_id, viewer)?;
    let mut query = comments::table
        .inner_join(accounts::table)
        .left_join(media::table.on(media::id.nullable().eq(accounts::avatar_id)))
        .filter(comments::post_id.eq(&post.id))
        .select((
            Comment::as_select(),
            accounts::username,
            accounts::host,
            accounts::display_name,
            media::storage_key.nullable(),
        ))
        .order((comments::created_at.asc(), comments::id.asc()))
        .limit(limit + 1)
        .into_boxed();
    if let Some((t, id)) = &after {
        query = query.filter(
            comments::created_at
                .gt(*t)
                .or(comments::created_at.eq(*t).and(comments::id.gt(id.clone()))),
        );
    }
    let mut rows: Vec<CommentRow> = query.load(conn)?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|(c, ..)| (c.created_at, c.id.clone()))
    } else {
        None
    };
    Ok((
        rows.into_iter()
            .map(|(mut comment, username, host, display_name, avatar)| {
                comment.blank_if_gone();
                CommentView {
                    comment,
                    author_username: crate::accounts::handle(&username, host.as_deref()),
                    author_display_name: display_name,
                    author_avatar: avatar.as_deref().map(crate::media::url_for),
                }
            })
            .collect(),
        next,
    ))
}

/// A post as someone about to act on it finds it: the post, its channel and the actor's standing
/// in its community, read by the caller (by [`Place::load`], or by the inbox in one statement).
/// The write functions that take one start with [`Place::open_to`].
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub post: &'a Post,
    pub channel: &'a Channel,
    pub standing: &'a Standing,
}

impl Place<'_> {
    /// "Not found" for a post that is gone or in a channel the actor may not read (so members-only
    /// posts cannot be told from missing ones); "forbidden" for an author who may not take part
    /// in its community ([`Standing::takes_part`]). People of other instances read no
    /// members-only channel, even as followers: that content never leaves the instance, and what
    /// they wrote there would be passed on to every follower.
    pub fn open_to(&self, author: &Author) -> Result<()> {
        let reads = if self.channel.is_public() {
            true
        } else {
            author.is_local() && self.standing.reads_members_only()
        };
        if self.post.is_gone() || !reads {
            return Err(Error::NotFound);
        }
        if !self.standing.takes_part(author) {
            return Err(Error::Forbidden);
        }
        Ok(())
    }

    /// The post, its channel and `actor_id`'s standing, for a write by someone of this instance.
    pub fn load(conn: &mut DbConnection, post_id: &str, actor_id: &str) -> Result<LoadedPlace> {
        let (post, channel) = get_visible(conn, post_id, Some(actor_id))?;
        let standing = Standing::of(conn, &channel.community_id, Some(actor_id))?;
        Ok(LoadedPlace {
            post,
            channel,
            standing,
        })
    }
}

/// What [`Place::load`] read, owned; [`LoadedPlace::place`] lends it to the write functions.
#[derive(Debug)]
pub struct LoadedPlace {
    pub post: Post,
    pub channel: Channel,
    pub standing: Standing,
}

impl LoadedPlace {
    pub fn place(&self) -> Place<'_> {
        Place {
            post: &self.post,
            channel: &self.channel,
            standing: &self.standing,
        }
    }
}

/// Likes a post (supports a proposal), as a person of this instance. Idempotent.
pub fn like(
    conn: &mut DbConnection,
    instance: &Instance,
    post_id: &str,
    actor_id: &str,
) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let loaded = Place::load(conn, post_id, actor_id)?;
        like_loaded(conn, instance, &loaded.place(), Author::Local(actor_id))
    })
}

/// [`like`] for a post the caller has read: the one place a like is stored, whoever gives it
/// ([`Place::open_to`]; a proposal only while support is open). A remote author's like carries
/// its activity's id; a local one's federation record is written in the caller's transaction.
pub fn like_loaded(
    conn: &mut DbConnection,
    instance: &Instance,
    place: &Place,
    author: Author,
) -> Result<()> {
    place.open_to(&author)?;
    let Place { post, channel, .. } = *place;
    crate::codesign::check_support_window(conn, post)?;
    let ap_id = match author {
        Author::Local(_) => instance.url(&format!("/likes/{}", tokens::new_id())),
        Author::Remote { object_ap_id, .. } => object_ap_id.to_owned(),
    };
    // A second like by the same person inserts nothing, in one statement.
    let insert = || {
        diesel::insert_into(reactions::table)
            .values((
                reactions::post_id.eq(&post.id),
                reactions::account_id.eq(author.account_id()),
                reactions::kind.eq("like"),
                reactions::ap_id.eq(&ap_id),
                reactions::created_at.eq(now()),
            ))
            .on_conflict_do_nothing()
    };
    let inserted = crate::db::execute_on_backend!(conn, insert())?;
    // Others' likes are passed on by the inbox, not sent from here.
    if inserted > 0 && author.is_local() {
        fed::record_reaction(
            conn,
            channel,
            &post.id,
            author.account_id(),
            &ap_id,
            FedOp::Create,
        )?;
    }
    Ok(())
}

/// Takes a like back, as a person of this instance. Idempotent.
pub fn unlike(conn: &mut DbConnection, post_id: &str, actor_id: &str) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let (post, channel) = get_visible(conn, post_id, Some(actor_id))?;
        unlike_loaded(conn, &post, &channel, Author::Local(actor_id))
    })
}

/// [`unlike`] for a post and channel the caller has read: the one place a like is taken back.
pub fn unlike_loaded(
    conn: &mut DbConnection,
    post: &Post,
    channel: &Channel,
    author: Author,
) -> Result<()> {
    crate::codesign::check_support_window(conn, post)?;
    let mine = reactions::table
        .filter(reactions::post_id.eq(&post.id))
        .filter(reactions::account_id.eq(author.account_id()));
    let like_id: Option<String> = diesel::delete(mine)
        .returning(reactions::ap_id)
        .get_result(conn)
        .optional()?;
    if let (Some(like_id), true) = (like_id, author.is_local()) {
        fed::record_reaction(
            conn,
            channel,
            &post.id,
            author.account_id(),
            &like_id,
            FedOp::Undo,
        )?;
    }
    Ok(())
}

/// The proposals of a co-design process (posts whose parent it is), oldest first.
pub fn children(
    conn: &mut DbConnection,
    parent_id: &str,
    viewer: Option<&str>,
) -> Result<Vec<PostView>> {
    let (parent, channel) = get_visible(conn, parent_id, viewer)?;
    let rows: Vec<Post> = posts::table
        .filter(posts::parent_id.eq(&parent.id))
        .filter(posts::deleted_at.is_null())
        .filter(posts::removed_at.is_null())
        .order((posts::created_at.asc(), posts::id.asc()))
        .limit(500)
        .select(Post::as_select())
        .load(conn)?;
    decorate(conn, rows, &channel, viewer)
}

/// Marks a post as active at `at` (a new comment): `UPDATE posts SET last_activity_at = ? WHERE
/// id = ?`, written out in SQL so that it stays prepared. Diesel prepares every `diesel::update`
/// anew (a changeset with optional fields may give different SQL each time); on PostgreSQL that
/// cost about twice a prepared statement, once per comment (docs/benchmarks.md).
pub(crate) fn touch(conn: &mut DbConnection, post_id: &str, at: NaiveDateTime) -> Result<()> {
    let statement = Touch { post_id, at };
    crate::db::execute_on_backend!(conn, statement)?;
    Ok(())
}

struct Touch<'a> {
    post_id: &'a str,
    at: NaiveDateTime,
}

impl<DB> diesel::query_builder::QueryFragment<DB> for Touch<'_>
where
    DB: diesel::backend::Backend
        + diesel::sql_types::HasSqlType<diesel::sql_types::Timestamp>
        + diesel::sql_types::HasSqlType<diesel::sql_types::Text>,
    NaiveDateTime: diesel::serialize::ToSql<diesel::sql_types::Timestamp, DB>,
    str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        out.push_sql("UPDATE posts SET last_activity_at = ");
        out.push_bind_param::<diesel::sql_types::Timestamp, _>(&self.at)?;
        out.push_sql(" WHERE id = ");
        out.push_bind_param::<diesel::sql_types::Text, _>(self.post_id)?;
        Ok(())
    }
}

impl diesel::query_builder::QueryId for Touch<'_> {
    type QueryId = Touch<'static>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<Conn> diesel::RunQueryDsl<Conn> for Touch<'_> {}
