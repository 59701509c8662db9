//! Events: a post in an events channel with times in a time zone, a place or a link, and a
//! capacity with a waiting list that moves up when someone cancels.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use crate::author::Author;
use crate::channels::{self, Channel};
use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::federation_feed::Op as FedOp;
use crate::instance::Instance;
use crate::membership::Standing;
use crate::notifications::{self, Kind, Notice};
use crate::posts::{self, Draft, Place, Post};
use crate::schema::{events, rsvps};
use crate::time::now;
use crate::tokens;
use crate::vocabulary::{ChannelKind, RsvpStatus, Visibility};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = events)]
pub struct Event {
    pub post_id: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub all_day: bool,
    pub location_name: String,
    pub location_address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub cancel_reason: Option<String>,
}

/// A time as given: an instant (with its offset), or a wall-clock time in the event's zone.
#[derive(Debug, Clone, Copy)]
pub enum TimeInput {
    Instant(DateTime<Utc>),
    Local(NaiveDateTime),
}

#[derive(Debug, Clone)]
pub struct EventDraft {
    pub title: String,
    pub body: String,
    pub starts: TimeInput,
    pub ends: TimeInput,
    /// IANA zone; the instance's when absent.
    pub time_zone: Option<String>,
    pub all_day: bool,
    pub location_name: String,
    pub location_address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
}

/// An event with its attendance.
#[derive(Debug, Clone)]
pub struct Attendance {
    pub event: Event,
    pub going: i64,
    pub waitlist: i64,
    /// `going` or `waitlist` for the viewer, if they answered.
    pub mine: Option<RsvpStatus>,
}

/// Resolves a wall-clock time in `tz`. Times that do not exist (clocks jump forward) or happen
/// twice (clocks go back) are refused rather than guessed.
fn resolve(
    field: &str,
    input: TimeInput,
    tz: Tz,
    errors: &mut FieldErrors,
) -> Option<NaiveDateTime> {
    match input {
        TimeInput::Instant(t) => Some(t.naive_utc()),
        TimeInput::Local(local) => match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => Some(t.naive_utc()),
            LocalResult::Ambiguous(..) => {
                errors.add(
                    field,
                    "ambiguous_time",
                    "this time happens twice when clocks go back: give the offset",
                );
                None
            }
            LocalResult::None => {
                errors.add(
                    field,
                    "nonexistent_time",
                    "this time does not exist when clocks go forward",
                );
                None
            }
        },
    }
}

fn check_url(url: &str) -> bool {
    url::Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// An event's times resolved to UTC and its zone, once every field has been checked.
struct Checked {
    starts: NaiveDateTime,
    ends: NaiveDateTime,
    time_zone: String,
}

/// Checks an event's details (times, zone, place, link, capacity), adding to `errors` what is
/// already wrong elsewhere so that every problem is reported at once.
fn check(draft: &EventDraft, default_time_zone: &str, mut errors: FieldErrors) -> Result<Checked> {
    let zone_name = draft
        .time_zone
        .clone()
        .unwrap_or_else(|| default_time_zone.to_owned());
    let tz: Option<Tz> = zone_name.parse().ok();
    if tz.is_none() {
        errors.add(
            "time_zone",
            "unknown",
            "is not an IANA time zone such as Europe/Rome",
        );
    }
    let (starts, ends) = match tz {
        Some(tz) => (
            resolve("starts_at", draft.starts, tz, &mut errors),
            resolve("ends_at", draft.ends, tz, &mut errors),
        ),
        None => (None, None),
    };
    if let (Some(s), Some(e)) = (starts, ends) {
        if e <= s {
            errors.add("ends_at", "before_start", "must be after the start");
        }
        if e - s > chrono::Duration::days(366) {
            errors.add("ends_at", "too_long", "an event lasts at most a year");
        }
    }
    if draft.capacity.is_some_and(|c| c < 1) {
        errors.add(
            "capacity",
            "range",
            "must be at least 1 (or absent for no limit)",
        );
    }
    if draft.latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
        errors.add("location.latitude", "range", "must be between -90 and 90");
    }
    if draft
        .longitude
        .is_some_and(|l| !(-180.0..=180.0).contains(&l))
    {
        errors.add(
            "location.longitude",
            "range",
            "must be between -180 and 180",
        );
    }
    if draft.online_url.as_deref().is_some_and(|u| !check_url(u)) {
        errors.add("online_url", "invalid", "must be an http(s) address");
    }
    for (field, text) in [
        ("location.name", &draft.location_name),
        ("location.address", &draft.location_address),
    ] {
        if text.chars().count() > 300 || text.chars().any(char::is_control) {
            errors.add(
                field,
                "invalid",
                "at most 300 characters, without control characters",
            );
        }
    }
    errors.into_result()?;
    Ok(Checked {
        starts: starts.unwrap_or_default(),
        ends: ends.unwrap_or_default(),
        time_zone: zone_name,
    })
}

/// Creates an event in an events channel: members of the community who may write there.
pub fn create(
    conn: &mut DbConnection,
    instance: &Instance,
    channel_id: &str,
    actor_id: &str,
    draft: &EventDraft,
    default_time_zone: &str,
) -> Result<Post> {
    crate::db::transaction(conn, |conn| {
        let channel = channels::get_visible(conn, channel_id, Some(actor_id))?;
        if !Standing::of(conn, &channel.community_id, Some(actor_id))?.writes() {
            return Err(Error::Forbidden);
        }
        let mut errors = FieldErrors::default();
        if channel.kind != ChannelKind::Events {
            errors.add(
                "channel",
                "unsupported_kind",
                "events go in events channels",
            );
        }
        let checked = check(draft, default_time_zone, errors)?;
        let post = posts::insert(
            conn,
            instance,
            &channel,
            actor_id,
            &Draft {
                title: draft.title.clone(),
                body: draft.body.clone(),
            },
        )?;
        diesel::insert_into(events::table)
            .values((
                events::post_id.eq(&post.id),
                events::starts_at.eq(checked.starts),
                events::ends_at.eq(checked.ends),
                events::time_zone.eq(&checked.time_zone),
                events::all_day.eq(draft.all_day),
                events::location_name.eq(draft.location_name.trim()),
                events::location_address.eq(draft.location_address.trim()),
                events::latitude.eq(draft.latitude),
                events::longitude.eq(draft.longitude),
                events::online_url.eq(&draft.online_url),
                events::capacity.eq(draft.capacity),
            ))
            .execute(conn)?;
        Ok(post)
    })
}

/// Changes to an event's details; `None` leaves a detail as it is. For the optional details
/// (`online_url`, `capacity`, the coordinates) `Some(None)` clears them.
#[derive(Debug, Clone, Default)]
pub struct EventChanges {
    pub starts: Option<TimeInput>,
    pub ends: Option<TimeInput>,
    pub time_zone: Option<String>,
    pub all_day: Option<bool>,
    pub location_name: Option<String>,
    pub location_address: Option<String>,
    pub latitude: Option<Option<f64>>,
    pub longitude: Option<Option<f64>>,
    pub online_url: Option<Option<String>>,
    pub capacity: Option<Option<i32>>,
}

/// Edits an event: its text and its details, checked as at creation, by whoever may edit the
/// post (its author while they may write there). Attendees are told when anything changed.
/// More places move the waiting list up (those promoted are told); fewer places never take a
/// place from someone who has one: the event is then full until enough of them withdraw.
pub fn edit(
    conn: &mut DbConnection,
    instance: &Instance,
    post_id: &str,
    actor_id: &str,
    draft: &Draft,
    changes: &EventChanges,
    default_time_zone: &str,
) -> Result<Post> {
    crate::db::transaction(conn, |conn| {
        let (post, channel) = posts::get_visible(conn, post_id, Some(actor_id))?;
        if channel.kind != ChannelKind::Events {
            return Err(refuse("event", "not_an_event", "this post is not an event"));
        }
        if !posts::may_change(conn, &post, &channel, actor_id)? {
            return Err(Error::Forbidden);
        }
        let current = lock(conn, &post.id)?;
        if current.cancelled_at.is_some() {
            return Err(refuse("event", "cancelled", "the event is cancelled"));
        }
        let instant = |t: NaiveDateTime| TimeInput::Instant(Utc.from_utc_datetime(&t));
        let wanted = EventDraft {
            title: draft.title.clone(),
            body: draft.body.clone(),
            starts: changes.starts.unwrap_or(instant(current.starts_at)),
            ends: changes.ends.unwrap_or(instant(current.ends_at)),
            time_zone: Some(
                changes
                    .time_zone
                    .clone()
                    .unwrap_or_else(|| current.time_zone.clone()),
            ),
            all_day: changes.all_day.unwrap_or(current.all_day),
            location_name: changes
                .location_name
                .clone()
                .unwrap_or_else(|| current.location_name.clone()),
            location_address: changes
                .location_address
                .clone()
                .unwrap_or_else(|| current.location_address.clone()),
            latitude: changes.latitude.unwrap_or(current.latitude),
            longitude: changes.longitude.unwrap_or(current.longitude),
            online_url: changes
                .online_url
                .clone()
                .unwrap_or_else(|| current.online_url.clone()),
            capacity: changes.capacity.unwrap_or(current.capacity),
        };
        let checked = check(&wanted, default_time_zone, FieldErrors::default())?;
        let location_name = wanted.location_name.trim();
        let location_address = wanted.location_address.trim();
        let details_changed = checked.starts != current.starts_at
            || checked.ends != current.ends_at
            || checked.time_zone != current.time_zone
            || wanted.all_day != current.all_day
            || location_name != current.location_name
            || location_address != current.location_address
            || wanted.latitude != current.latitude
            || wanted.longitude != current.longitude
            || wanted.online_url != current.online_url
            || wanted.capacity != current.capacity;
        diesel::update(events::table.find(&post.id))
            .set((
                events::starts_at.eq(checked.starts),
                events::ends_at.eq(checked.ends),
                events::time_zone.eq(&checked.time_zone),
                events::all_day.eq(wanted.all_day),
                events::location_name.eq(location_name),
                events::location_address.eq(location_address),
                events::latitude.eq(wanted.latitude),
                events::longitude.eq(wanted.longitude),
                events::online_url.eq(&wanted.online_url),
                events::capacity.eq(wanted.capacity),
            ))
            .execute(conn)?;
        let edited = posts::edit_with(conn, instance, &post.id, actor_id, draft, details_changed)?;
        fill_free_places(conn, &edited, wanted.capacity)?;
        Ok(edited)
    })
}

/// Moves the waiting list up into places that are free under `capacity` (all of it when there
/// is no limit), first come first served, and tells those promoted; returns them.
fn fill_free_places(
    conn: &mut DbConnection,
    post: &Post,
    capacity: Option<i32>,
) -> Result<Vec<String>> {
    let going: i64 = rsvps::table
        .filter(rsvps::post_id.eq(&post.id))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .count()
        .get_result(conn)?;
    let free = match capacity {
        Some(c) => (i64::from(c) - going).max(0),
        None => i64::MAX,
    };
    if free == 0 {
        return Ok(Vec::new());
    }
    let promoted: Vec<String> = rsvps::table
        .filter(rsvps::post_id.eq(&post.id))
        .filter(rsvps::status.eq(RsvpStatus::Waitlist))
        .order((rsvps::created_at.asc(), rsvps::account_id.asc()))
        .select(rsvps::account_id)
        .limit(free)
        .load(conn)?;
    if promoted.is_empty() {
        return Ok(promoted);
    }
    diesel::update(
        rsvps::table
            .filter(rsvps::post_id.eq(&post.id))
            .filter(rsvps::account_id.eq_any(&promoted)),
    )
    .set(rsvps::status.eq(RsvpStatus::Going))
    .execute(conn)?;
    notifications::notify(
        conn,
        promoted.clone(),
        &Notice::about_post(Kind::RsvpPromoted, None, post),
    )?;
    Ok(promoted)
}

/// Events with attendance for these posts (two queries whatever their number). `mine` is left
/// empty: a reader's own answers are added by `posts::viewer_marks`.
pub fn attendance(conn: &mut DbConnection, post_ids: &[String]) -> Result<Vec<Attendance>> {
    if post_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Event> = events::table
        .filter(events::post_id.eq_any(post_ids))
        .select(Event::as_select())
        .load(conn)?;
    let counts: Vec<(String, RsvpStatus, i64)> = rsvps::table
        .filter(rsvps::post_id.eq_any(post_ids))
        .group_by((rsvps::post_id, rsvps::status))
        .select((rsvps::post_id, rsvps::status, diesel::dsl::count_star()))
        .load(conn)?;
    let count = |id: &str, status: RsvpStatus| {
        counts
            .iter()
            .find(|(p, s, _)| p == id && *s == status)
            .map_or(0, |(_, _, n)| *n)
    };
    Ok(rows
        .into_iter()
        .map(|event| Attendance {
            going: count(&event.post_id, RsvpStatus::Going),
            waitlist: count(&event.post_id, RsvpStatus::Waitlist),
            mine: None,
            event,
        })
        .collect())
}

/// Serialises concurrent RSVPs on one event: a no-op update takes the row's write lock on
/// PostgreSQL (and the database's on SQLite) until the transaction ends, so capacity holds.
fn lock(conn: &mut DbConnection, post_id: &str) -> Result<Event> {
    diesel::update(events::table.find(post_id))
        .set(events::capacity.eq(events::capacity))
        .execute(conn)?;
    events::table
        .find(post_id)
        .select(Event::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

fn refuse(field: &str, code: &'static str, message: &str) -> Error {
    let mut e = FieldErrors::default();
    e.add(field, code, message);
    Error::Validation(e)
}

/// Answers "I'm going", as a person of this instance: `going` while places remain, the waiting
/// list after. Idempotent.
pub fn rsvp(
    conn: &mut DbConnection,
    instance: &Instance,
    post_id: &str,
    actor_id: &str,
) -> Result<RsvpStatus> {
    crate::db::transaction(conn, |conn| {
        let loaded = Place::load(conn, post_id, actor_id)?;
        rsvp_loaded(
            conn,
            instance,
            &loaded.place(),
            true,
            Author::Local(actor_id),
        )
    })
}

/// [`rsvp`] for an event post the caller has read ([`Place`]): the one place an answer is
/// stored, whoever gives it. `decides_places`: whether this instance
/// decides who gets a place, as it does for its own people's answers and in its own
/// communities; an answer another community's instance passes on was placed there, and is
/// taken as `going`.
pub fn rsvp_loaded(
    conn: &mut DbConnection,
    instance: &Instance,
    place: &Place,
    decides_places: bool,
    author: Author,
) -> Result<RsvpStatus> {
    place.open_to(&author)?;
    let Place { post, channel, .. } = *place;
    let actor_id = author.account_id();
    let event = lock(conn, &post.id)?;
    if event.cancelled_at.is_some() {
        return Err(refuse("event", "cancelled", "the event is cancelled"));
    }
    if event.ends_at <= now() {
        return Err(refuse("event", "past", "the event is over"));
    }
    let existing: Option<RsvpStatus> = rsvps::table
        .find((&post.id, actor_id))
        .select(rsvps::status)
        .first(conn)
        .optional()?;
    if let Some(status) = existing {
        return Ok(status);
    }
    let going: i64 = rsvps::table
        .filter(rsvps::post_id.eq(&post.id))
        .filter(rsvps::status.eq(RsvpStatus::Going))
        .count()
        .get_result(conn)?;
    let status = match event.capacity {
        Some(capacity) if decides_places && going >= i64::from(capacity) => RsvpStatus::Waitlist,
        _ => RsvpStatus::Going,
    };
    let ap_id = match author {
        Author::Local(_) => instance.url(&format!("/rsvps/{}", tokens::new_id())),
        Author::Remote { object_ap_id, .. } => object_ap_id.to_owned(),
    };
    diesel::insert_into(rsvps::table)
        .values((
            rsvps::post_id.eq(&post.id),
            rsvps::account_id.eq(actor_id),
            rsvps::status.eq(status),
            rsvps::ap_id.eq(&ap_id),
            rsvps::created_at.eq(now()),
        ))
        .execute(conn)?;
    if author.is_local() {
        record_rsvp(conn, channel, &post.id, actor_id, &ap_id, FedOp::Create)?;
    }
    Ok(status)
}

/// An answer in a public channel federates (Join, or Leave when withdrawn).
fn record_rsvp(
    conn: &mut DbConnection,
    channel: &crate::channels::Channel,
    post_id: &str,
    actor_id: &str,
    join_id: &str,
    op: FedOp,
) -> Result<()> {
    if !channel.is_public() {
        return Ok(());
    }
    crate::federation_feed::record(
        conn,
        crate::federation_feed::Subject::Rsvp,
        post_id,
        op,
        Some(actor_id),
        serde_json::json!({ "join_id": join_id }),
    )
}

/// Withdraws an RSVP, as a person of this instance. When a place frees up, the first on the
/// waiting list takes it (and is told); their account id is returned.
pub fn cancel_rsvp(
    conn: &mut DbConnection,
    post_id: &str,
    actor_id: &str,
) -> Result<Option<String>> {
    crate::db::transaction(conn, |conn| {
        let (post, channel) = posts::get_visible(conn, post_id, Some(actor_id))?;
        cancel_rsvp_loaded(conn, &post, &channel, Author::Local(actor_id))
    })
}

/// [`cancel_rsvp`] for an event post and channel the caller has read: the one place an answer
/// is withdrawn, whoever withdraws it.
pub fn cancel_rsvp_loaded(
    conn: &mut DbConnection,
    post: &Post,
    channel: &Channel,
    author: Author,
) -> Result<Option<String>> {
    let actor_id = author.account_id();
    let event = lock(conn, &post.id)?;
    let answer: Option<(RsvpStatus, String)> = rsvps::table
        .find((&post.id, actor_id))
        .select((rsvps::status, rsvps::ap_id))
        .first(conn)
        .optional()?;
    let Some((status, join_id)) = answer else {
        return Ok(None);
    };
    diesel::delete(rsvps::table.find((&post.id, actor_id))).execute(conn)?;
    if author.is_local() {
        record_rsvp(conn, channel, &post.id, actor_id, &join_id, FedOp::Undo)?;
    }
    if status != RsvpStatus::Going || event.cancelled_at.is_some() {
        return Ok(None);
    }
    Ok(fill_free_places(conn, post, event.capacity)?
        .into_iter()
        .next())
}

/// Cancels an event (its author or a moderator of its channel), with a reason for attendees.
/// Returns the accounts that had answered, to tell them.
pub fn cancel(
    conn: &mut DbConnection,
    post_id: &str,
    actor_id: &str,
    reason: &str,
) -> Result<Vec<String>> {
    crate::db::transaction(conn, |conn| {
        let (post, channel) = posts::get_visible(conn, post_id, Some(actor_id))?;
        if post.author_id != actor_id && !channels::can_moderate(conn, &channel, actor_id)? {
            return Err(Error::Forbidden);
        }
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 1_000 {
            return Err(refuse(
                "reason",
                "length",
                "must be 1 to 1000 characters long",
            ));
        }
        let event = lock(conn, &post.id)?;
        if event.cancelled_at.is_some() {
            return Err(refuse(
                "event",
                "cancelled",
                "the event is cancelled already",
            ));
        }
        diesel::update(events::table.find(&post.id))
            .set((
                events::cancelled_at.eq(Some(now())),
                events::cancel_reason.eq(Some(reason)),
            ))
            .execute(conn)?;
        let told = attendees(conn, &post.id)?;
        notifications::notify(
            conn,
            told.clone(),
            &Notice::about_post(Kind::EventCancelled, Some(actor_id), &post).with_detail(reason),
        )?;
        Ok(told)
    })
}

/// Everyone who answered an event, attending or waiting.
pub fn attendees(conn: &mut DbConnection, post_id: &str) -> Result<Vec<String>> {
    Ok(rsvps::table
        .filter(rsvps::post_id.eq(post_id))
        .select(rsvps::account_id)
        .load(conn)?)
}

/// The events of a community's public channels that end after `since`, soonest first (for its
/// public calendar feed). Members-only channels never appear here.
pub fn public_in_community(
    conn: &mut DbConnection,
    slug: &str,
    since: NaiveDateTime,
    limit: i64,
) -> Result<Vec<(Post, Event)>> {
    use crate::schema::{channels as channels_table, posts as posts_table};
    let community = crate::communities::find_local(conn, slug)?.ok_or(Error::NotFound)?;
    Ok(events::table
        .inner_join(posts_table::table)
        .inner_join(channels_table::table.on(channels_table::id.eq(posts_table::channel_id)))
        .filter(posts_table::community_id.eq(&community.id))
        .filter(channels_table::visibility.eq(Visibility::Public))
        .filter(channels_table::kind.eq(ChannelKind::Events))
        .filter(posts_table::deleted_at.is_null())
        .filter(posts_table::removed_at.is_null())
        .filter(events::ends_at.gt(since))
        .order((events::starts_at.asc(), events::post_id.asc()))
        .limit(limit)
        .select((Post::as_select(), Event::as_select()))
        .load(conn)?)
}

/// One event, if the viewer may see its post.
pub fn one(conn: &mut DbConnection, post_id: &str, viewer: Option<&str>) -> Result<(Post, Event)> {
    let (post, _) = posts::get_visible(conn, post_id, viewer)?;
    let event = events::table
        .find(&post.id)
        .select(Event::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)?;
    Ok((post, event))
}

/// The event of a post, if it is one (whatever its visibility: callers check).
pub fn find(conn: &mut DbConnection, post_id: &str) -> Result<Option<Event>> {
    Ok(events::table
        .find(post_id)
        .select(Event::as_select())
        .first(conn)
        .optional()?)
}
