//! Posts and comments as ActivityPub objects: threads and announcements as `Page`
//! (Lemmy-compatible), comments as `Note` with `inReplyTo`. Reading a peer's object takes only
//! what we store, and its HTML is sanitised before it is kept.

use chrono::{DateTime, NaiveDateTime, Utc};
use comune_domain::peers::remote::RemotePost;
use comune_domain::posts::{Comment, Post, PublicPostsOf};
use serde_json::{json, Value};
use url::Url;

use crate::{FedData, FedError};

pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

fn utc(t: NaiveDateTime) -> String {
    DateTime::<Utc>::from_naive_utc_and_offset(t, Utc).to_rfc3339()
}

/// Everything a post's document needs, loaded in one blocking call.
#[derive(Debug, Clone)]
pub struct PostContext {
    pub post: Post,
    pub author_ap_id: String,
    pub community_ap_id: String,
    pub community_local: bool,
    pub community_inbox: String,
    pub community_id: String,
    pub channel_ap_id: String,
    /// Set when the post is an event.
    pub event: Option<comune_domain::events::Event>,
}

/// A public post and its context; members-only posts are "not found" to federation.
pub async fn post_context(data: &FedData, post_id: &str) -> Result<PostContext, FedError> {
    let id = post_id.to_owned();
    data.db(move |conn| {
        // Deleted posts are served as tombstones; members-only ones not at all.
        let post = comune_domain::posts::get_row(conn, &id)?;
        post_context_of(conn, post)
    })
    .await
}

/// A local community's newest public posts (only its pinned ones when `featured`), with their
/// contexts: what its outbox and featured collections show.
pub async fn community_posts(
    data: &FedData,
    slug: &str,
    featured: bool,
) -> Result<Vec<PostContext>, FedError> {
    let slug = slug.to_owned();
    data.db(move |conn| {
        let community = comune_domain::communities::find_local(conn, &slug)?
            .ok_or(comune_domain::Error::NotFound)?;
        let of = PublicPostsOf::Community {
            id: &community.id,
            pinned_only: featured,
        };
        comune_domain::posts::public_posts(conn, of, COLLECTION_SIZE)?
            .into_iter()
            .map(|post| post_context_of(conn, post))
            .collect()
    })
    .await
}

/// A local person's newest public posts, with their contexts: what their outbox shows.
pub async fn person_posts(data: &FedData, name: &str) -> Result<Vec<PostContext>, FedError> {
    let ap_id = data.instance.person_id(&name.to_ascii_lowercase());
    data.db(move |conn| {
        use comune_domain::peers::remote::{find_actor, ActorRow};
        let Some(ActorRow::Account(person)) = find_actor(conn, &ap_id)? else {
            return Err(comune_domain::Error::NotFound);
        };
        if !person.local {
            return Err(comune_domain::Error::NotFound);
        }
        let of = PublicPostsOf::Author(&person.id);
        comune_domain::posts::public_posts(conn, of, COLLECTION_SIZE)?
            .into_iter()
            .map(|post| post_context_of(conn, post))
            .collect()
    })
    .await
}

/// How many posts a community's outbox and featured collections, and a person's outbox, show.
/// Lemmy reads this many on its first follow.
const COLLECTION_SIZE: i64 = 20;

fn post_context_of(
    conn: &mut comune_domain::DbConnection,
    post: Post,
) -> comune_domain::Result<PostContext> {
    let channel = comune_domain::channels::get_row(conn, &post.channel_id)?;
    if !channel.is_public() {
        return Err(comune_domain::Error::NotFound);
    }
    let community = comune_domain::communities::get(conn, &channel.community_id)?;
    let author = comune_domain::accounts::get(conn, &post.author_id)?;
    let event = comune_domain::events::find(conn, &post.id)?;
    let channel_ap_id = channel
        .ap_id
        .clone()
        .unwrap_or_else(|| format!("{}/channels/{}", community.ap_id, channel.slug));
    Ok(PostContext {
        post,
        author_ap_id: author.ap_id,
        community_ap_id: community.ap_id,
        community_local: community.local,
        community_inbox: community.shared_inbox_url.unwrap_or(community.inbox_url),
        community_id: community.id,
        channel_ap_id,
        event,
    })
}

pub fn post_json(ctx: &PostContext) -> Value {
    let p = &ctx.post;
    if p.deleted_at.is_some() || p.removed_at.is_some() {
        return json!({
            "type": "Tombstone",
            "id": p.ap_id,
            "formerType": "Page",
        });
    }
    let mut doc = json!({
        "type": "Page",
        "id": p.ap_id,
        "attributedTo": ctx.author_ap_id,
        "to": [PUBLIC, ctx.community_ap_id],
        "cc": [],
        "audience": ctx.community_ap_id,
        "name": p.title,
        "content": p.body_html,
        "mediaType": "text/html",
        "url": p.ap_id,
        "published": utc(p.created_at),
        "channel": ctx.channel_ap_id,
        "sensitive": false,
    });
    if !p.body.is_empty() {
        doc["source"] = json!({ "content": p.body, "mediaType": "text/markdown" });
    }
    if p.updated_at > p.created_at {
        doc["updated"] = json!(utc(p.updated_at));
    }
    if let Some(e) = &ctx.event {
        // Mobilizon-compatible: an Event with its times and place.
        doc["type"] = json!("Event");
        doc["startTime"] = json!(utc(e.starts_at));
        doc["endTime"] = json!(utc(e.ends_at));
        doc["timezone"] = json!(e.time_zone);
        let mut place = json!({ "type": "Place", "name": e.location_name });
        if !e.location_address.is_empty() {
            place["address"] = json!(e.location_address);
        }
        if let (Some(lat), Some(lon)) = (e.latitude, e.longitude) {
            place["latitude"] = json!(lat);
            place["longitude"] = json!(lon);
        }
        if !e.location_name.is_empty() || !e.location_address.is_empty() {
            doc["location"] = place;
        }
        if let Some(capacity) = e.capacity {
            doc["maximumAttendeeCapacity"] = json!(capacity);
        }
        if e.cancelled_at.is_some() {
            doc["ical:status"] = json!("CANCELLED");
        }
    }
    doc
}

/// Everything a comment's document needs.
#[derive(Debug, Clone)]
pub struct CommentContext {
    pub comment: Comment,
    pub author_ap_id: String,
    pub in_reply_to: String,
    pub post: PostContext,
    /// The people it names: `(ActivityPub id, "@name" or "@name@host")`.
    pub mentions: Vec<(String, String)>,
}

pub async fn comment_context(data: &FedData, comment_id: &str) -> Result<CommentContext, FedError> {
    let id = comment_id.to_owned();
    let instance = data.instance.clone();
    let (comment, author_ap_id, parent_ap_id, mentions) = data
        .db(move |conn| {
            let comment = comune_domain::comments::get_row(conn, &id)?;
            let author = comune_domain::accounts::get(conn, &comment.author_id)?;
            let parent = match &comment.parent_id {
                Some(parent) => Some(comune_domain::comments::get_row(conn, parent)?.ap_id),
                None => None,
            };
            let mut mentions: Vec<(String, String)> = Vec::new();
            if comment.local {
                for m in comune_domain::mentions::named(conn, &instance, &comment.body)? {
                    if !mentions.iter().any(|(ap_id, _)| *ap_id == m.ap_id) {
                        mentions.push((m.ap_id, format!("@{}", m.name)));
                    }
                }
            }
            Ok((comment, author.ap_id, parent, mentions))
        })
        .await?;
    let post = post_context(data, &comment.post_id).await?;
    Ok(CommentContext {
        in_reply_to: parent_ap_id.unwrap_or_else(|| post.post.ap_id.clone()),
        comment,
        author_ap_id,
        post,
        mentions,
    })
}

pub fn comment_json(ctx: &CommentContext) -> Value {
    let c = &ctx.comment;
    if c.is_gone() {
        return json!({ "type": "Tombstone", "id": c.ap_id, "formerType": "Note" });
    }
    let mut doc = json!({
        "type": "Note",
        "id": c.ap_id,
        "attributedTo": ctx.author_ap_id,
        "to": [PUBLIC],
        "cc": [ctx.post.community_ap_id],
        "audience": ctx.post.community_ap_id,
        "inReplyTo": ctx.in_reply_to,
        "content": c.body_html,
        "mediaType": "text/html",
        "url": c.ap_id,
        "published": utc(c.created_at),
    });
    if !c.body.is_empty() {
        doc["source"] = json!({ "content": c.body, "mediaType": "text/markdown" });
    }
    if !ctx.mentions.is_empty() {
        // As Mastodon and Lemmy write them: the named people's servers tell them.
        doc["tag"] = ctx
            .mentions
            .iter()
            .map(|(href, name)| json!({ "type": "Mention", "href": href, "name": name }))
            .collect();
        if let Some(cc) = doc["cc"].as_array_mut() {
            cc.extend(ctx.mentions.iter().map(|(href, _)| json!(href)));
        }
    }
    if c.updated_at > c.created_at {
        doc["updated"] = json!(utc(c.updated_at));
    }
    doc
}

/// The id a property holds, whether a peer wrote a string, an object with `id`, or a list
/// of either (the first).
pub fn id_of(value: &Value) -> Option<Url> {
    match value {
        Value::String(s) => Url::parse(s).ok(),
        Value::Object(o) => o.get("id").and_then(id_of),
        Value::Array(items) => items.iter().find_map(id_of),
        _ => None,
    }
}

/// Every id a property holds (`to`, `cc`, `audience` may be one or many).
pub fn ids_of(value: Option<&Value>) -> Vec<Url> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(id_of).collect(),
        Some(other) => id_of(other).into_iter().collect(),
        None => Vec::new(),
    }
}

fn text_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        // `contentMap` / `nameMap`: take any language.
        Value::Object(map) => map.values().find_map(|v| v.as_str().map(str::to_owned)),
        _ => None,
    }
}

fn time_of(value: Option<&Value>) -> Option<NaiveDateTime> {
    let s = value?.as_str()?;
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc).naive_utc())
}

/// The parts of a peer's `Page`, `Article`, `Note`, `Event` or `Question` we use.
#[derive(Debug, Clone)]
pub struct IncomingObject {
    pub kind: String,
    pub id: Url,
    pub attributed_to: Url,
    pub name: Option<String>,
    pub html: String,
    pub markdown: Option<String>,
    pub in_reply_to: Option<Url>,
    pub audience: Vec<Url>,
    pub channel: Option<Url>,
    pub published: NaiveDateTime,
    /// The people its `Mention` tags name (their ActivityPub ids).
    pub mentions: Vec<String>,
    /// Set for `Event` objects with a start.
    pub event: Option<comune_domain::peers::remote::RemoteEvent>,
}

/// Largest text we keep from a peer (characters of HTML).
pub const MAX_CONTENT: usize = 100_000;

impl IncomingObject {
    pub fn parse(value: &Value) -> Result<Self, FedError> {
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| FedError::Malformed("object without a type".into()))?
            .to_owned();
        if !matches!(
            kind.as_str(),
            "Page" | "Article" | "Note" | "Event" | "Question" | "Video"
        ) {
            return Err(FedError::Malformed(format!(
                "objects of type {kind} are not accepted"
            )));
        }
        let id = value
            .get("id")
            .and_then(id_of)
            .ok_or_else(|| FedError::Malformed("object without an id".into()))?;
        let attributed_to = value
            .get("attributedTo")
            .and_then(id_of)
            .ok_or_else(|| FedError::Malformed("object without attributedTo".into()))?;
        let html = text_of(value.get("content").or(value.get("contentMap"))).unwrap_or_default();
        if html.chars().count() > MAX_CONTENT {
            return Err(FedError::Malformed("content too long".into()));
        }
        let markdown = value
            .get("source")
            .filter(|s| s.get("mediaType").and_then(Value::as_str) == Some("text/markdown"))
            .and_then(|s| s.get("content"))
            .and_then(Value::as_str)
            .map(|s| s.chars().take(MAX_CONTENT).collect());
        let mut audience = ids_of(value.get("audience"));
        audience.extend(ids_of(value.get("to")));
        audience.extend(ids_of(value.get("cc")));
        Ok(Self {
            kind,
            id,
            attributed_to,
            name: text_of(value.get("name").or(value.get("nameMap"))),
            html,
            markdown,
            in_reply_to: value.get("inReplyTo").and_then(id_of),
            audience,
            channel: value.get("channel").and_then(id_of),
            published: time_of(value.get("published")).unwrap_or_else(|| Utc::now().naive_utc()),
            mentions: mentions_of(value.get("tag")),
            event: event_of(value),
        })
    }

    /// A comment replies to something; a thread does not.
    pub fn is_comment(&self) -> bool {
        self.in_reply_to.is_some()
    }

    pub fn safe_html(&self) -> String {
        comune_domain::markdown::sanitize_html(&self.html)
    }

    pub fn as_post(&self, author_id: &str) -> RemotePost {
        let title = self.name.clone().unwrap_or_else(|| {
            // A Mastodon status has no title: use the start of its text.
            let text = comune_domain::markdown::html_to_text(&self.html);
            let mut t: String = text.chars().take(80).collect();
            if text.chars().count() > 80 {
                t.push('…');
            }
            t
        });
        RemotePost {
            ap_id: self.id.to_string(),
            author_id: author_id.to_owned(),
            title,
            // Without a Markdown source, the text itself (searchable, like ours).
            source: self
                .markdown
                .clone()
                .unwrap_or_else(|| comune_domain::markdown::html_to_text(&self.html)),
            html: self.safe_html(),
            published: self.published,
            mentions: self.mentions.clone(),
        }
    }
}

/// The people `Mention` tags name, as Mastodon, Lemmy and we write them (`tag` is one object or
/// a list); at most a few dozen are read.
fn mentions_of(tags: Option<&Value>) -> Vec<String> {
    let tags = match tags {
        Some(Value::Array(items)) => items.as_slice(),
        Some(one @ Value::Object(_)) => std::slice::from_ref(one),
        _ => return Vec::new(),
    };
    tags.iter()
        .filter(|t| t.get("type").and_then(Value::as_str) == Some("Mention"))
        .filter_map(|t| t.get("href").and_then(id_of))
        .map(String::from)
        .take(50)
        .collect()
}

/// The times and place of an `Event` (Mobilizon's and ours).
fn event_of(value: &Value) -> Option<comune_domain::peers::remote::RemoteEvent> {
    if value.get("type").and_then(Value::as_str) != Some("Event") {
        return None;
    }
    let starts_at = time_of(value.get("startTime"))?;
    let ends_at = time_of(value.get("endTime")).unwrap_or(starts_at);
    let place = value.get("location").filter(|l| l.is_object());
    let address = place.and_then(|p| p.get("address")).map(|a| match a {
        Value::String(s) => s.clone(),
        // schema.org PostalAddress, as Mobilizon sends it.
        Value::Object(o) => ["streetAddress", "postalCode", "addressLocality"]
            .iter()
            .filter_map(|k| o.get(*k).and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    });
    let number = |v: Option<&Value>| v.and_then(Value::as_f64).filter(|f| f.is_finite());
    Some(comune_domain::peers::remote::RemoteEvent {
        starts_at,
        ends_at,
        time_zone: value
            .get("timezone")
            .and_then(Value::as_str)
            .unwrap_or("UTC")
            .to_owned(),
        location_name: text_of(place.and_then(|p| p.get("name"))).unwrap_or_default(),
        location_address: address.unwrap_or_default(),
        latitude: number(place.and_then(|p| p.get("latitude"))).filter(|l| l.abs() <= 90.0),
        longitude: number(place.and_then(|p| p.get("longitude"))).filter(|l| l.abs() <= 180.0),
        capacity: value
            .get("maximumAttendeeCapacity")
            .and_then(Value::as_i64)
            .and_then(|c| i32::try_from(c).ok())
            .filter(|c| *c > 0),
    })
}
