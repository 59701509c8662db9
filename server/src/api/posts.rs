//! Posts in channels, their comments and likes.
use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use comune_domain::author::{Author, Text};
use comune_domain::posts::{self, CommentView, Draft, Order, Post, PostView};
use comune_domain::DbConnection;
use comune_domain::{comments as comment_writes, media};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::codesign::ProcessOut;
use super::events::{time_input, EventOut, LocationOut};
use super::{cursor, utc, Page, PageParams};
use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::{ApiError, Code, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorView {
    /// The username; `name@host` for people of other instances.
    pub username: String,
    pub display_name: String,
    /// The author's profile picture (a path on this instance), if any.
    pub avatar_url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PostOut {
    pub id: uuid::Uuid,
    pub channel_id: uuid::Uuid,
    /// The channel's kind.
    pub kind: String,
    pub author: AuthorView,
    pub title: String,
    /// Markdown, as written.
    pub body: String,
    /// Sanitised HTML rendered from `body`.
    pub body_html: String,
    pub locked: bool,
    pub pinned: bool,
    pub comment_count: i64,
    pub like_count: i64,
    pub liked_by_me: bool,
    /// Present on posts of events channels.
    pub event: Option<EventOut>,
    /// Present on co-design processes.
    pub process: Option<ProcessOut>,
    /// Present on business listings.
    pub listing: Option<super::listings::ListingOut>,
    /// For a proposal: its co-design process.
    pub parent_id: Option<uuid::Uuid>,
    /// Images shown with the post, in order.
    pub images: Vec<super::media::ImageOut>,
    /// The ActivityPub id.
    pub object_id: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
}

impl From<PostView> for PostOut {
    fn from(v: PostView) -> Self {
        let p = v.post;
        Self {
            id: p.id.parse().unwrap_or_default(),
            channel_id: p.channel_id.parse().unwrap_or_default(),
            kind: v.channel_kind.to_string(),
            author: AuthorView {
                username: v.author_username,
                display_name: v.author_display_name,
                avatar_url: v.author_avatar,
            },
            title: p.title,
            body: p.body,
            body_html: p.body_html,
            locked: p.locked,
            pinned: p.pinned,
            comment_count: v.comment_count,
            like_count: v.like_count,
            liked_by_me: v.liked_by_me,
            event: v.event.map(EventOut::from),
            process: v.process.map(ProcessOut::from),
            listing: v.listing.map(super::listings::ListingOut::from),
            parent_id: p.parent_id.as_deref().and_then(|id| id.parse().ok()),
            images: v
                .images
                .into_iter()
                .map(super::media::ImageOut::from)
                .collect(),
            object_id: p.ap_id,
            created_at: utc(p.created_at),
            updated_at: utc(p.updated_at),
            last_activity_at: utc(p.last_activity_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentOut {
    pub id: uuid::Uuid,
    pub post_id: uuid::Uuid,
    pub parent_id: Option<uuid::Uuid>,
    pub author: AuthorView,
    /// Empty when `deleted`.
    pub body: String,
    pub body_html: String,
    /// Deleted by its author or removed by a moderator; kept so replies keep their place.
    pub deleted: bool,
    pub object_id: String,
    pub created_at: DateTime<Utc>,
}

impl From<CommentView> for CommentOut {
    fn from(v: CommentView) -> Self {
        let c = v.comment;
        let deleted = c.is_gone();
        Self {
            id: c.id.parse().unwrap_or_default(),
            post_id: c.post_id.parse().unwrap_or_default(),
            parent_id: c.parent_id.and_then(|p| p.parse().ok()),
            author: AuthorView {
                username: v.author_username,
                display_name: v.author_display_name,
                avatar_url: v.author_avatar,
            },
            deleted,
            body: c.body,
            body_html: c.body_html,
            object_id: c.ap_id,
            created_at: utc(c.created_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPost {
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub body: String,
    /// Events channels: the start, as RFC 3339 (`2026-03-29T10:00:00+02:00`) or as a local
    /// time in `time_zone` (`2026-03-29T10:00`).
    pub starts_at: Option<String>,
    /// Events channels: the end, in the same forms.
    pub ends_at: Option<String>,
    /// Events channels: IANA time zone; the instance's by default.
    pub time_zone: Option<String>,
    #[serde(default)]
    pub all_day: bool,
    pub location: Option<LocationOut>,
    pub online_url: Option<String>,
    /// Events channels: places available; none means no limit.
    pub capacity: Option<i32>,
    /// Businesses channels: the listing's own fields (`title` is the business's name).
    pub listing: Option<super::listings::ListingIn>,
    /// Images to show, in order: ids of the caller's own `content` uploads (at most 10).
    #[serde(default)]
    pub images: Vec<uuid::Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PostChanges {
    pub title: Option<String>,
    pub body: Option<String>,
    /// Business listings: changes to the listing's own fields.
    pub listing: Option<super::listings::ListingChangesIn>,
    /// Replaces the images shown (ids of the author's own `content` uploads, at most 10); `[]`
    /// removes them all; absent leaves them.
    pub images: Option<Vec<uuid::Uuid>>,
    /// Events: a new start, in the forms of `starts_at` at creation (a local time is read in the
    /// event's zone, or in `time_zone` when that changes too). Attendees are told of any change.
    pub starts_at: Option<String>,
    /// Events: a new end.
    pub ends_at: Option<String>,
    /// Events: a new IANA zone; the start and end keep their instants unless given too.
    pub time_zone: Option<String>,
    pub all_day: Option<bool>,
    /// Events: a new place; `null` clears it.
    #[serde(default, deserialize_with = "super::listings::present")]
    #[schema(value_type = Option<LocationOut>)]
    pub location: Option<Option<LocationOut>>,
    /// Events: a new link to join online; `null` clears it.
    #[serde(default, deserialize_with = "super::listings::present")]
    #[schema(value_type = Option<String>)]
    pub online_url: Option<Option<String>>,
    /// Events: places available; `null` removes the limit. More places move the waiting list
    /// up; fewer never take a place from someone who has one.
    #[serde(default, deserialize_with = "super::listings::present")]
    #[schema(value_type = Option<i32>)]
    pub capacity: Option<Option<i32>>,
}

impl PostChanges {
    /// The event details this edit changes, if it changes any.
    fn event_changes(&self) -> Result<Option<comune_domain::events::EventChanges>, ApiError> {
        if self.starts_at.is_none()
            && self.ends_at.is_none()
            && self.time_zone.is_none()
            && self.all_day.is_none()
            && self.location.is_none()
            && self.online_url.is_none()
            && self.capacity.is_none()
        {
            return Ok(None);
        }
        let time = |field: &str, raw: &Option<String>| {
            raw.as_deref().map(|r| time_input(field, r)).transpose()
        };
        let location = self.location.clone().map(Option::unwrap_or_default);
        Ok(Some(comune_domain::events::EventChanges {
            starts: time("starts_at", &self.starts_at)?,
            ends: time("ends_at", &self.ends_at)?,
            time_zone: self.time_zone.clone(),
            all_day: self.all_day,
            location_name: location.as_ref().map(|l| l.name.clone()),
            location_address: location.as_ref().map(|l| l.address.clone()),
            latitude: location.as_ref().map(|l| l.latitude),
            longitude: location.as_ref().map(|l| l.longitude),
            online_url: self.online_url.clone(),
            capacity: self.capacity,
        }))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewComment {
    /// Markdown.
    pub body: String,
    /// The comment this one answers, if any.
    pub parent_id: Option<uuid::Uuid>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct FeedParams {
    /// `new` (default): newest first; `active`: latest comment first.
    pub order: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Businesses channels: only listings of this category (a code from
    /// `/listing-categories`).
    pub category: Option<String>,
    /// Businesses channels: only listings open at this moment.
    pub open_now: Option<bool>,
}

/// A channel's posts. Members-only channels answer 404 to non-members.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_feed",
    params(("id" = uuid::Uuid, Path, description = "The channel's id"), FeedParams),
    responses(
        (status = 200, body = Page<PostOut>),
        (status = 400, description = "Bad cursor, order, category or open_now", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/channels/{id}/posts")]
pub async fn feed(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
    params: web::Query<FeedParams>,
) -> Result<HttpResponse, ApiError> {
    let order = match params.order.as_deref() {
        None | Some("new") => Order::New,
        Some("active") => Order::Active,
        Some(_) => {
            return Err(ApiError::new(
                Code::MalformedRequest,
                "`order` is `new` or `active`.",
            ))
        }
    };
    let limit = PageParams {
        limit: params.limit,
        cursor: None,
    }
    .limit();
    let after = params
        .cursor
        .as_deref()
        .map(cursor::decode_at)
        .transpose()?;
    let filter = posts::FeedFilter {
        category: super::listings::category_filter(params.category.as_deref())?,
        open_now: params.open_now.unwrap_or(false),
    };
    let viewer = who.account_id();
    let channel = id.into_inner().to_string();
    // A page of a public channel is the same for everyone but for the reader's own likes and
    // RSVPs: it is kept once (see `read_cache`), and those are added per reader.
    let key = format!(
        "feed {channel} {order:?} {limit} {} {:?} {}",
        params.cursor.as_deref().unwrap_or(""),
        filter.category,
        filter.open_now,
    );
    let shared = {
        let (db, channel, filter, after) = (
            state.clone(),
            channel.clone(),
            filter.clone(),
            after.clone(),
        );
        state.feed_cache.get_or_compute(key, async move {
            let (views, next) = db
                .db(move |conn| {
                    posts::feed_filtered(conn, &channel, None, order, after, limit, &filter)
                })
                .await?;
            CachedFeed::new(views, next).map(std::sync::Arc::new)
        })
    };
    let json = actix_web::http::header::ContentType::json();
    let Some(viewer) = viewer else {
        return Ok(HttpResponse::Ok()
            .content_type(json)
            .body(shared.await?.body.clone()));
    };
    match shared.await {
        Ok(page) => {
            let ids: Vec<String> = page.views.iter().map(|v| v.post.id.clone()).collect();
            let events = page.views.iter().any(|v| v.event.is_some());
            let marks = state
                .db(move |conn| posts::viewer_marks(conn, &ids, &viewer, events))
                .await?;
            let mut views = page.views.clone();
            marks.apply(&mut views);
            let body = page_json(views, page.next.clone())?;
            Ok(HttpResponse::Ok().content_type(json).body(body))
        }
        // Not a channel anyone may read: perhaps one the reader may, as a member.
        Err(e) if e.code == Code::NotFound => {
            let (views, next) = state
                .db(move |conn| {
                    posts::feed_filtered(
                        conn,
                        &channel,
                        Some(&viewer),
                        order,
                        after,
                        limit,
                        &filter,
                    )
                })
                .await?;
            let body = page_json(views, next)?;
            Ok(HttpResponse::Ok().content_type(json).body(body))
        }
        Err(e) => Err(e),
    }
}

/// A feed page as everyone sees it: the posts, and their JSON for anonymous readers.
pub struct CachedFeed {
    views: Vec<PostView>,
    next: Option<posts::Cursor>,
    body: web::Bytes,
}

impl CachedFeed {
    fn new(views: Vec<PostView>, next: Option<posts::Cursor>) -> Result<Self, ApiError> {
        Ok(Self {
            body: page_json(views.clone(), next.clone())?,
            views,
            next,
        })
    }
}

fn page_json(views: Vec<PostView>, next: Option<posts::Cursor>) -> Result<web::Bytes, ApiError> {
    let page = Page {
        items: views.into_iter().map(PostOut::from).collect(),
        next_cursor: next.map(cursor::encode_at),
    };
    serde_json::to_vec(&page)
        .map(web::Bytes::from)
        .map_err(ApiError::internal)
}

impl crate::read_cache::Weigh for CachedFeed {
    fn weight(&self) -> usize {
        // The posts in memory take about as much as their JSON.
        2 * self.body.len()
    }
}

/// Makes a post of one kind, in the caller's transaction.
type MakePost = Box<dyn FnOnce(&mut DbConnection) -> comune_domain::Result<Post> + Send>;

/// Post in a channel: members of its community; announcements by facilitators, admins and
/// municipality staff.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_create",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The channel's id")),
    request_body = NewPost,
    responses(
        (status = 201, body = PostOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member, banned, or not allowed to announce", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "A new account's hourly writing budget is spent", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/channels/{id}/posts")]
pub async fn create(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<NewPost>,
) -> Result<HttpResponse, ApiError> {
    crate::throttle::check_new_account_write(&state, &who)?;
    let body = body.into_inner();
    let images = super::media::ids(&body.images);
    let instance = state.instance.clone();
    let channel = id.into_inner().to_string();
    let zone = state.settings.time_zone.clone();
    // What kind of post it is decides how it is made; its images and its view are the same.
    let make: MakePost = if let Some(listing) = body.listing {
        let (organization, fields) = listing.fields();
        let draft = comune_domain::listings::ListingDraft {
            title: body.title,
            body: body.body,
            organization,
            fields,
        };
        let who = who.account_id.clone();
        Box::new(move |conn| {
            comune_domain::listings::create(conn, &instance, &channel, &who, &draft, &zone)
        })
    } else if let (Some(starts), Some(ends)) = (&body.starts_at, &body.ends_at) {
        let location = body.location.unwrap_or_default();
        let draft = comune_domain::events::EventDraft {
            starts: time_input("starts_at", starts)?,
            ends: time_input("ends_at", ends)?,
            title: body.title,
            body: body.body,
            time_zone: body.time_zone,
            all_day: body.all_day,
            location_name: location.name,
            location_address: location.address,
            latitude: location.latitude,
            longitude: location.longitude,
            online_url: body.online_url,
            capacity: body.capacity,
        };
        let who = who.account_id.clone();
        Box::new(move |conn| {
            comune_domain::events::create(conn, &instance, &channel, &who, &draft, &zone)
        })
    } else {
        let draft = Draft {
            title: body.title,
            body: body.body,
        };
        let who = who.account_id.clone();
        Box::new(move |conn| posts::create(conn, &instance, &channel, &who, &draft))
    };
    let view = state
        .db(move |conn| {
            comune_domain::db::transaction(conn, |conn| {
                let post = make(conn)?;
                media::set_post_images(conn, &post.id, &who.account_id, &images)?;
                posts::view(conn, &post.id, Some(&who.account_id))
            })
        })
        .await?;
    let out = PostOut::from(view);
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/posts/{}", out.id)))
        .json(out))
}

/// One post.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_get",
    params(("id" = uuid::Uuid, Path, description = "The post's id")),
    responses(
        (status = 200, body = PostOut),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/posts/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<PostOut>, ApiError> {
    let viewer = who.account_id();
    let id = id.into_inner().to_string();
    let view = state
        .db(move |conn| posts::view(conn, &id, viewer.as_deref()))
        .await?;
    Ok(web::Json(PostOut::from(view)))
}

/// Edit a post (its author; a listing: its organisation's members and admins).
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_edit",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The post's id")),
    request_body = PostChanges,
    responses(
        (status = 200, body = PostOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/posts/{id}")]
pub async fn edit(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<PostChanges>,
) -> Result<web::Json<PostOut>, ApiError> {
    let changes = body.into_inner();
    let event = changes.event_changes()?;
    let images = changes.images.as_deref().map(super::media::ids);
    let id = id.into_inner().to_string();
    let instance = state.instance.clone();
    let zone = state.settings.time_zone.clone();
    let view = state
        .db(move |conn| {
            comune_domain::db::transaction(conn, |conn| {
                let (current, _) = posts::get_visible(conn, &id, Some(&who.account_id))?;
                let draft = Draft {
                    title: changes.title.unwrap_or(current.title),
                    body: changes.body.unwrap_or(current.body),
                };
                match (event, changes.listing) {
                    // Event details on a post that is no event are refused there, listings too.
                    (Some(event), _) => comune_domain::events::edit(
                        conn,
                        &instance,
                        &id,
                        &who.account_id,
                        &draft,
                        &event,
                        &zone,
                    )?,
                    (None, Some(listing)) => comune_domain::listings::edit(
                        conn,
                        &instance,
                        &id,
                        &who.account_id,
                        &draft,
                        &listing.into(),
                        &zone,
                    )?,
                    (None, None) => posts::edit(conn, &instance, &id, &who.account_id, &draft)?,
                };
                if let Some(images) = &images {
                    media::set_post_images(conn, &id, &who.account_id, images)?;
                }
                posts::view(conn, &id, Some(&who.account_id))
            })
        })
        .await?;
    Ok(web::Json(PostOut::from(view)))
}

/// Delete a post (its author; a listing: its organisation's members and admins).
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_delete",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The post's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/posts/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    state
        .db(move |conn| posts::delete(conn, &id, &who.account_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A post's comments, oldest first; build the thread from `parent_id`.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_comments",
    params(("id" = uuid::Uuid, Path, description = "The post's id"), PageParams),
    responses(
        (status = 200, body = Page<CommentOut>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/posts/{id}/comments")]
pub async fn comments(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
    page: web::Query<PageParams>,
) -> Result<web::Json<Page<CommentOut>>, ApiError> {
    let limit = page.limit();
    let after = page.cursor.as_deref().map(cursor::decode_at).transpose()?;
    let viewer = who.account_id();
    let id = id.into_inner().to_string();
    let (items, next) = state
        .db(move |conn| posts::comments_of(conn, &id, viewer.as_deref(), after, limit))
        .await?;
    Ok(web::Json(Page {
        items: items.into_iter().map(CommentOut::from).collect(),
        next_cursor: next.map(cursor::encode_at),
    }))
}

/// Comment on a post (members of its community; not on locked posts).
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_comment",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The post's id")),
    request_body = NewComment,
    responses(
        (status = 201, body = CommentOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/posts/{id}/comments")]
pub async fn comment(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<NewComment>,
) -> Result<HttpResponse, ApiError> {
    crate::throttle::check_new_account_write(&state, &who)?;
    let body = body.into_inner();
    let instance = state.instance.clone();
    let id = id.into_inner().to_string();
    let view = state
        .db(move |conn| {
            let parent = body.parent_id.map(|p| p.to_string());
            let c = comment_writes::create(
                conn,
                &instance,
                &id,
                Author::Local(&who.account_id),
                parent.as_deref(),
                Text::Markdown(&body.body),
            )?;
            comment_writes::view_of(conn, c)
        })
        .await?;
    Ok(HttpResponse::Created().json(CommentOut::from(view)))
}

/// Like a post (support a proposal). Idempotent.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_like",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The post's id")),
    responses(
        (status = 204, description = "Liked"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/posts/{id}/reactions")]
pub async fn like(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let instance = state.instance.clone();
    let id = id.into_inner().to_string();
    state
        .db(move |conn| posts::like(conn, &instance, &id, &who.account_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Take a like back. Idempotent.
#[utoipa::path(
    tag = "posts",
    operation_id = "posts_unlike",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The post's id")),
    responses(
        (status = 204, description = "Not liked any more"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/posts/{id}/reactions")]
pub async fn unlike(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().to_string();
    state
        .db(move |conn| posts::unlike(conn, &id, &who.account_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
