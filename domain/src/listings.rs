//! Business listings: a post in a businesses channel (title = the business's name, body = its
//! Markdown description) owned by a `business` organisation, with a category from a fixed list,
//! an address and contacts, weekly opening hours in the listing's time zone and offers that are
//! shown only while they are valid. Only the owning organisation's members and admins change a
//! listing; channel moderators remove it like any post.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use crate::channels::{self, Channel};
use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::instance::Instance;
use crate::membership::Standing;
use crate::organizations::{self, Organization};
use crate::posts::{self, Draft, Post};
use crate::schema::{
    business_listings, offers, opening_hours, organizations as organizations_table,
};
use crate::time::now;
use crate::tokens;
use crate::vocabulary::ChannelKind;

/// The fixed categories: a stable code, then Italian and English labels.
pub const CATEGORIES: [(&str, &str, &str); 11] = [
    ("food", "Alimentari", "Food shops"),
    ("restaurant", "Ristoranti e bar", "Restaurants and bars"),
    (
        "clothing",
        "Abbigliamento e calzature",
        "Clothing and shoes",
    ),
    ("health", "Farmacie e salute", "Pharmacies and health"),
    (
        "beauty",
        "Benessere e cura della persona",
        "Beauty and wellbeing",
    ),
    ("services", "Servizi", "Services"),
    ("crafts", "Artigiani", "Craftspeople"),
    (
        "culture",
        "Cultura, libri e tempo libero",
        "Culture, books and leisure",
    ),
    ("sport", "Sport", "Sport"),
    ("home", "Casa e ferramenta", "Home and hardware"),
    ("other", "Altro", "Other"),
];

/// Weekday names as the API spells them; Monday is 0, as stored.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// At most this many opening intervals per listing (six a day).
pub const HOURS_MAX: usize = 42;
/// At most this many offers not yet expired per listing.
pub const OFFERS_MAX: i64 = 20;
pub const TEXT_MAX: usize = 300;
pub const OFFER_TITLE_MAX: usize = 200;
pub const OFFER_DESCRIPTION_MAX: usize = 2_000;
/// The longest an offer may run, in days.
pub const OFFER_DAYS_MAX: i64 = 366;

const DAY_MINUTES: u32 = 24 * 60;
const WEEK_MINUTES: u32 = 7 * DAY_MINUTES;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = business_listings)]
pub struct Listing {
    pub post_id: String,
    pub organization_id: String,
    pub category: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub time_zone: String,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = offers)]
pub struct Offer {
    pub id: String,
    pub post_id: String,
    pub title: String,
    pub description: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub created_at: chrono::NaiveDateTime,
}

/// Where an offer stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferState {
    Upcoming,
    Current,
    Expired,
}

impl OfferState {
    pub fn of(offer: &Offer, today: NaiveDate) -> Self {
        if today < offer.valid_from {
            OfferState::Upcoming
        } else if today > offer.valid_until {
            OfferState::Expired
        } else {
            OfferState::Current
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OfferState::Upcoming => "upcoming",
            OfferState::Current => "current",
            OfferState::Expired => "expired",
        }
    }
}

/// One opening interval in wall-clock minutes. `closes` at or before `opens` means the interval
/// ends the next day; `closes` may be 24:00 (1440).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    /// Monday is 0.
    pub weekday: u8,
    pub opens: u16,
    pub closes: u16,
}

impl Interval {
    /// Start and end in minutes from Monday 00:00; the end may pass the end of the week.
    fn span(self) -> (u32, u32) {
        let start = u32::from(self.weekday) * DAY_MINUTES + u32::from(self.opens);
        let length = if self.closes > self.opens {
            u32::from(self.closes - self.opens)
        } else {
            DAY_MINUTES - u32::from(self.opens) + u32::from(self.closes)
        };
        (start, start + length)
    }

    fn contains(self, minute_of_week: u32) -> bool {
        let (start, end) = self.span();
        (start..end).contains(&minute_of_week)
            || (start..end).contains(&(minute_of_week + WEEK_MINUTES))
    }

    fn overlaps(self, other: Interval) -> bool {
        let (a0, a1) = self.span();
        let (b0, b1) = other.span();
        [0, WEEK_MINUTES, 2 * WEEK_MINUTES].iter().any(|shift| {
            (a0 + shift < b1 && b0 < a1 + shift) || (b0 + shift < a1 && a0 < b1 + shift)
        })
    }

    pub fn day(self) -> &'static str {
        DAYS[usize::from(self.weekday) % 7]
    }
}

/// `HH:MM` from minutes (1440 is `24:00`).
pub fn format_minutes(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Minutes from `HH:MM` (00:00 to 23:59, and 24:00 when `end` is set).
fn parse_minutes(text: &str, end: bool) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) if end => Some(24 * 60),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

/// Whether a listing with these hours is open at `at`, read on the wall clock of `tz`. Hours
/// are wall-clock times, so on the days clocks change an interval simply follows the clock.
pub fn is_open_at(hours: &[Interval], tz: Tz, at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&tz);
    let minute =
        local.weekday().num_days_from_monday() * DAY_MINUTES + local.hour() * 60 + local.minute();
    hours.iter().any(|i| i.contains(minute))
}

/// The date in `tz` at `at`: what "today" means for a listing's offers.
pub fn today_in(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// Opening hours as sent: `{day: "mon", opens: "09:00", closes: "13:00"}`.
#[derive(Debug, Clone)]
pub struct HoursInput {
    pub day: String,
    pub opens: String,
    pub closes: String,
}

/// A listing's own fields, complete.
#[derive(Debug, Clone, Default)]
pub struct ListingFields {
    pub category: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    /// IANA zone; the instance's when absent.
    pub time_zone: Option<String>,
    pub opening_hours: Vec<HoursInput>,
}

#[derive(Debug, Clone)]
pub struct ListingDraft {
    pub title: String,
    pub body: String,
    /// The owning organisation's slug.
    pub organization: String,
    pub fields: ListingFields,
}

/// Changes to a listing: absent fields stay; `Some(None)` clears an optional one; opening hours,
/// when given, replace the old ones wholesale.
#[derive(Debug, Clone, Default)]
pub struct ListingChanges {
    pub category: Option<String>,
    pub address: Option<String>,
    pub latitude: Option<Option<f64>>,
    pub longitude: Option<Option<f64>>,
    pub phone: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub time_zone: Option<String>,
    pub opening_hours: Option<Vec<HoursInput>>,
}

/// A listing as shown: its owner, hours, whether it is open now and today's offers.
#[derive(Debug, Clone)]
pub struct ListingInfo {
    pub listing: Listing,
    pub organization_slug: String,
    pub organization_name: String,
    pub hours: Vec<Interval>,
    /// Only the offers valid today in the listing's zone.
    pub offers: Vec<Offer>,
    pub open_now: bool,
}

/// Fields that passed their checks, ready to store.
struct Checked {
    category: String,
    address: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    phone: Option<String>,
    website: Option<String>,
    email: Option<String>,
    time_zone: String,
    hours: Vec<Interval>,
}

fn refuse(field: &str, code: &'static str, message: impl Into<String>) -> Error {
    let mut e = FieldErrors::default();
    e.add(field, code, message);
    Error::Validation(e)
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// An http(s) address with a host: nothing a browser would run.
fn is_web_url(url: &str) -> bool {
    url::Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

fn is_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (3..=20).contains(&digits)
        && phone.chars().count() <= 30
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
}

/// Empty optional text counts as absent.
fn optional(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

fn check_hours(input: &[HoursInput], errors: &mut FieldErrors) -> Vec<Interval> {
    if input.len() > HOURS_MAX {
        errors.add(
            "listing.opening_hours",
            "too_many",
            format!("at most {HOURS_MAX} intervals"),
        );
        return Vec::new();
    }
    let mut hours = Vec::new();
    for (n, h) in input.iter().enumerate() {
        let field = |name: &str| format!("listing.opening_hours[{n}].{name}");
        let day = DAYS.iter().position(|d| *d == h.day.trim().to_lowercase());
        if day.is_none() {
            errors.add(
                &field("day"),
                "invalid",
                format!("must be one of: {}", DAYS.join(", ")),
            );
        }
        let opens = parse_minutes(h.opens.trim(), false);
        if opens.is_none() {
            errors.add(
                &field("opens"),
                "invalid",
                "must be a time HH:MM, 00:00 to 23:59",
            );
        }
        let closes = parse_minutes(h.closes.trim(), true);
        if closes.is_none() {
            errors.add(
                &field("closes"),
                "invalid",
                "must be a time HH:MM, 00:00 to 24:00",
            );
        }
        if let (Some(day), Some(opens), Some(closes)) = (day, opens, closes) {
            if opens == closes {
                errors.add(
                    &field("closes"),
                    "empty_interval",
                    "must differ from `opens` (for a whole day use 00:00 to 24:00)",
                );
                continue;
            }
            let interval = Interval {
                weekday: day as u8,
                opens,
                closes,
            };
            if hours
                .iter()
                .any(|other: &Interval| other.overlaps(interval))
            {
                errors.add(
                    &field("opens"),
                    "overlap",
                    "overlaps another interval of the same listing",
                );
                continue;
            }
            hours.push(interval);
        }
    }
    hours.sort();
    hours
}

fn check(fields: &ListingFields, default_time_zone: &str, errors: &mut FieldErrors) -> Checked {
    let category = fields.category.trim().to_owned();
    if !CATEGORIES.iter().any(|(code, _, _)| *code == category) {
        errors.add(
            "listing.category",
            "unsupported",
            format!(
                "must be one of: {}",
                CATEGORIES.map(|(code, _, _)| code).join(", ")
            ),
        );
    }
    let address = fields.address.trim().to_owned();
    if address.chars().count() > TEXT_MAX || has_control(&address) {
        errors.add(
            "listing.address",
            "invalid",
            format!("at most {TEXT_MAX} characters, on one line"),
        );
    }
    if fields
        .latitude
        .is_some_and(|l| !(-90.0..=90.0).contains(&l))
    {
        errors.add("listing.latitude", "range", "must be between -90 and 90");
    }
    if fields
        .longitude
        .is_some_and(|l| !(-180.0..=180.0).contains(&l))
    {
        errors.add("listing.longitude", "range", "must be between -180 and 180");
    }
    if fields.latitude.is_some() != fields.longitude.is_some() {
        errors.add(
            "listing.longitude",
            "incomplete",
            "give both latitude and longitude, or neither",
        );
    }
    let phone = optional(&fields.phone);
    if phone.as_deref().is_some_and(|p| !is_phone(p)) {
        errors.add(
            "listing.phone",
            "invalid",
            "digits, spaces and + - ( ) . /, with 3 to 20 digits",
        );
    }
    let website = optional(&fields.website);
    if website
        .as_deref()
        .is_some_and(|w| w.chars().count() > 500 || has_control(w) || !is_web_url(w))
    {
        errors.add(
            "listing.website",
            "invalid",
            "must be an http or https address",
        );
    }
    let email = optional(&fields.email);
    if let Some(email) = &email {
        let mut mail_errors = FieldErrors::default();
        crate::accounts::validate::check_email(email, &mut mail_errors);
        if !mail_errors.is_empty() {
            errors.add("listing.email", "invalid", "is not a valid email address");
        }
    }
    let time_zone = fields
        .time_zone
        .as_deref()
        .map(str::trim)
        .unwrap_or(default_time_zone)
        .to_owned();
    if time_zone.parse::<Tz>().is_err() {
        errors.add(
            "listing.time_zone",
            "unknown",
            "is not an IANA time zone such as Europe/Rome",
        );
    }
    let hours = check_hours(&fields.opening_hours, errors);
    Checked {
        category,
        address,
        latitude: fields.latitude,
        longitude: fields.longitude,
        phone,
        website,
        email,
        time_zone,
        hours,
    }
}

fn zone(listing: &Listing) -> Tz {
    listing.time_zone.parse().unwrap_or(chrono_tz::Europe::Rome)
}

fn write_hours(conn: &mut DbConnection, post_id: &str, hours: &[Interval]) -> Result<()> {
    diesel::delete(opening_hours::table.filter(opening_hours::post_id.eq(post_id)))
        .execute(conn)?;
    for h in hours {
        diesel::insert_into(opening_hours::table)
            .values((
                opening_hours::id.eq(tokens::new_id()),
                opening_hours::post_id.eq(post_id),
                opening_hours::weekday.eq(i32::from(h.weekday)),
                opening_hours::opens.eq(format_minutes(h.opens)),
                opening_hours::closes.eq(format_minutes(h.closes)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn find(conn: &mut DbConnection, post_id: &str) -> Result<Option<Listing>> {
    Ok(business_listings::table
        .find(post_id)
        .select(Listing::as_select())
        .first(conn)
        .optional()?)
}

/// Whether someone may change a listing owned by `organization_id` in `channel`: admins, and
/// members (any role) of the owning organisation who are neither suspended nor banned from the
/// channel's community.
fn may_manage(
    conn: &mut DbConnection,
    organization_id: &str,
    channel: &Channel,
    actor_id: &str,
) -> Result<bool> {
    let standing = Standing::of(conn, &channel.community_id, Some(actor_id))?;
    if standing
        .account
        .as_ref()
        .is_some_and(|a| a.suspended_at.is_some())
    {
        return Ok(false);
    }
    if standing.is_admin() {
        return Ok(true);
    }
    if standing.membership.as_ref().is_some_and(|m| m.is_banned()) {
        return Ok(false);
    }
    Ok(organizations::role_of(conn, organization_id, actor_id)?.is_some())
}

/// For posts: whether `actor_id` may edit or delete `post` because it is a listing their
/// organisation owns. `None` when the post is no listing (the author rule applies).
pub(crate) fn may_manage_post(
    conn: &mut DbConnection,
    post: &Post,
    channel: &Channel,
    actor_id: &str,
) -> Result<Option<bool>> {
    match find(conn, &post.id)? {
        Some(listing) => Ok(Some(may_manage(
            conn,
            &listing.organization_id,
            channel,
            actor_id,
        )?)),
        None => Ok(None),
    }
}

/// Creates a listing in a businesses channel. Who: members (owners or members) of the
/// `business` organisation that will own it, who may write in the community; and facilitators
/// and admins on behalf of any business organisation.
pub fn create(
    conn: &mut DbConnection,
    instance: &Instance,
    channel_id: &str,
    actor_id: &str,
    draft: &ListingDraft,
    default_time_zone: &str,
) -> Result<Post> {
    crate::db::transaction(conn, |conn| {
        let channel = channels::get_visible(conn, channel_id, Some(actor_id))?;
        let standing = Standing::of(conn, &channel.community_id, Some(actor_id))?;
        if !standing.writes() {
            return Err(Error::Forbidden);
        }
        let mut errors = FieldErrors::default();
        if channel.kind != ChannelKind::Businesses {
            errors.add(
                "channel",
                "unsupported_kind",
                "listings go in businesses channels",
            );
        }
        let slug = draft.organization.trim().to_lowercase();
        let organization: Option<Organization> = organizations::find_local(conn, &slug)?;
        match &organization {
            None => errors.add("listing.organization", "unknown", "no such organisation"),
            Some(org) if org.kind != "business" => errors.add(
                "listing.organization",
                "not_business",
                "listings belong to organisations of kind `business`",
            ),
            Some(org) => {
                if !standing.runs_community()
                    && organizations::role_of(conn, &org.id, actor_id)?.is_none()
                {
                    return Err(Error::Forbidden);
                }
            }
        }
        let checked = check(&draft.fields, default_time_zone, &mut errors);
        errors.into_result()?;
        let organization = organization.ok_or(Error::NotFound)?;
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
        diesel::insert_into(business_listings::table)
            .values((
                business_listings::post_id.eq(&post.id),
                business_listings::organization_id.eq(&organization.id),
                business_listings::category.eq(&checked.category),
                business_listings::address.eq(&checked.address),
                business_listings::latitude.eq(checked.latitude),
                business_listings::longitude.eq(checked.longitude),
                business_listings::phone.eq(&checked.phone),
                business_listings::website.eq(&checked.website),
                business_listings::email.eq(&checked.email),
                business_listings::time_zone.eq(&checked.time_zone),
                business_listings::updated_at.eq(now()),
            ))
            .execute(conn)?;
        write_hours(conn, &post.id, &checked.hours)?;
        Ok(post)
    })
}

/// Changes a listing: its name and description (as a post) and its own fields. The owning
/// organisation's members and admins only.
pub fn edit(
    conn: &mut DbConnection,
    instance: &Instance,
    post_id: &str,
    actor_id: &str,
    draft: &Draft,
    changes: &ListingChanges,
    default_time_zone: &str,
) -> Result<Post> {
    crate::db::transaction(conn, |conn| {
        let (post, channel) = posts::get_visible(conn, post_id, Some(actor_id))?;
        let Some(current) = find(conn, &post.id)? else {
            return Err(refuse(
                "listing",
                "not_a_listing",
                "this post is not a business listing",
            ));
        };
        if !may_manage(conn, &current.organization_id, &channel, actor_id)? {
            return Err(Error::Forbidden);
        }
        let hours = match &changes.opening_hours {
            Some(hours) => hours.clone(),
            None => hours_of(conn, &post.id)?
                .into_iter()
                .map(|h| HoursInput {
                    day: h.day().to_owned(),
                    opens: format_minutes(h.opens),
                    closes: format_minutes(h.closes),
                })
                .collect(),
        };
        let fields = ListingFields {
            category: changes
                .category
                .clone()
                .unwrap_or_else(|| current.category.clone()),
            address: changes
                .address
                .clone()
                .unwrap_or_else(|| current.address.clone()),
            latitude: changes.latitude.unwrap_or(current.latitude),
            longitude: changes.longitude.unwrap_or(current.longitude),
            phone: changes.phone.clone().unwrap_or(current.phone.clone()),
            website: changes.website.clone().unwrap_or(current.website.clone()),
            email: changes.email.clone().unwrap_or(current.email.clone()),
            time_zone: Some(
                changes
                    .time_zone
                    .clone()
                    .unwrap_or(current.time_zone.clone()),
            ),
            opening_hours: hours,
        };
        let mut errors = FieldErrors::default();
        let checked = check(&fields, default_time_zone, &mut errors);
        errors.into_result()?;
        let post = posts::edit(conn, instance, &post.id, actor_id, draft)?;
        diesel::update(business_listings::table.find(&post.id))
            .set((
                business_listings::category.eq(&checked.category),
                business_listings::address.eq(&checked.address),
                business_listings::latitude.eq(checked.latitude),
                business_listings::longitude.eq(checked.longitude),
                business_listings::phone.eq(&checked.phone),
                business_listings::website.eq(&checked.website),
                business_listings::email.eq(&checked.email),
                business_listings::time_zone.eq(&checked.time_zone),
                business_listings::updated_at.eq(now()),
            ))
            .execute(conn)?;
        if changes.opening_hours.is_some() {
            write_hours(conn, &post.id, &checked.hours)?;
        }
        Ok(post)
    })
}

fn to_intervals(rows: Vec<(String, i32, String, String)>) -> Vec<(String, Interval)> {
    rows.into_iter()
        .filter_map(|(post_id, weekday, opens, closes)| {
            Some((
                post_id,
                Interval {
                    weekday: u8::try_from(weekday).ok().filter(|d| *d < 7)?,
                    opens: parse_minutes(&opens, false)?,
                    closes: parse_minutes(&closes, true)?,
                },
            ))
        })
        .collect()
}

fn hours_of(conn: &mut DbConnection, post_id: &str) -> Result<Vec<Interval>> {
    let rows = opening_hours::table
        .filter(opening_hours::post_id.eq(post_id))
        .select((
            opening_hours::post_id,
            opening_hours::weekday,
            opening_hours::opens,
            opening_hours::closes,
        ))
        .load(conn)?;
    let mut hours: Vec<Interval> = to_intervals(rows).into_iter().map(|(_, h)| h).collect();
    hours.sort();
    Ok(hours)
}

/// Listings among these posts with owner, hours, open-now and the offers valid at `at` (three
/// queries whatever their number).
pub fn info(
    conn: &mut DbConnection,
    post_ids: &[String],
    at: DateTime<Utc>,
) -> Result<Vec<ListingInfo>> {
    if post_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Listing, String, String)> = business_listings::table
        .inner_join(organizations_table::table)
        .filter(business_listings::post_id.eq_any(post_ids))
        .select((
            Listing::as_select(),
            organizations_table::slug,
            organizations_table::name,
        ))
        .load(conn)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let hours = to_intervals(
        opening_hours::table
            .filter(opening_hours::post_id.eq_any(post_ids))
            .select((
                opening_hours::post_id,
                opening_hours::weekday,
                opening_hours::opens,
                opening_hours::closes,
            ))
            .load(conn)?,
    );
    // A day either side covers every zone; each listing's own "today" is applied below.
    let utc_today = at.date_naive();
    let window = (
        utc_today - chrono::Duration::days(1),
        utc_today + chrono::Duration::days(1),
    );
    let candidates: Vec<Offer> = offers::table
        .filter(offers::post_id.eq_any(post_ids))
        .filter(offers::valid_until.ge(window.0))
        .filter(offers::valid_from.le(window.1))
        .order((offers::valid_until.asc(), offers::id.asc()))
        .select(Offer::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(listing, slug, name)| {
            let tz = zone(&listing);
            let today = today_in(tz, at);
            let mut own: Vec<Interval> = hours
                .iter()
                .filter(|(p, _)| *p == listing.post_id)
                .map(|(_, h)| *h)
                .collect();
            own.sort();
            let offers = candidates
                .iter()
                .filter(|o| {
                    o.post_id == listing.post_id && OfferState::of(o, today) == OfferState::Current
                })
                .cloned()
                .collect();
            ListingInfo {
                open_now: is_open_at(&own, tz, at),
                hours: own,
                offers,
                organization_slug: slug,
                organization_name: name,
                listing,
            }
        })
        .collect())
}

/// The listings of a channel matching a feed filter: of `category` when given, and open at
/// `open_at` when given. Hours are evaluated here, listing by listing in its own zone (two
/// queries over the channel's listings).
pub fn matching(
    conn: &mut DbConnection,
    channel_id: &str,
    category: Option<&str>,
    open_at: Option<DateTime<Utc>>,
) -> Result<Vec<String>> {
    use crate::schema::posts as posts_table;
    let mut query = business_listings::table
        .inner_join(posts_table::table)
        .filter(posts_table::channel_id.eq(channel_id))
        .filter(posts_table::deleted_at.is_null())
        .filter(posts_table::removed_at.is_null())
        .select((business_listings::post_id, business_listings::time_zone))
        .into_boxed();
    if let Some(category) = category {
        query = query.filter(business_listings::category.eq(category.to_owned()));
    }
    let listings: Vec<(String, String)> = query.load(conn)?;
    let Some(at) = open_at else {
        return Ok(listings.into_iter().map(|(id, _)| id).collect());
    };
    let hours = to_intervals(
        opening_hours::table
            .inner_join(business_listings::table.inner_join(posts_table::table))
            .filter(posts_table::channel_id.eq(channel_id))
            .select((
                opening_hours::post_id,
                opening_hours::weekday,
                opening_hours::opens,
                opening_hours::closes,
            ))
            .load(conn)?,
    );
    Ok(listings
        .into_iter()
        .filter(|(id, time_zone)| {
            let own: Vec<Interval> = hours
                .iter()
                .filter(|(p, _)| p == id)
                .map(|(_, h)| *h)
                .collect();
            is_open_at(
                &own,
                time_zone.parse().unwrap_or(chrono_tz::Europe::Rome),
                at,
            )
        })
        .map(|(id, _)| id)
        .collect())
}

/// An offer as sent.
#[derive(Debug, Clone)]
pub struct OfferDraft {
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD`, in the listing's zone.
    pub valid_from: String,
    pub valid_until: String,
}

fn listing_to_manage(conn: &mut DbConnection, post_id: &str, actor_id: &str) -> Result<Listing> {
    let (post, channel) = posts::get_visible(conn, post_id, Some(actor_id))?;
    let listing = find(conn, &post.id)?.ok_or(Error::NotFound)?;
    if !may_manage(conn, &listing.organization_id, &channel, actor_id)? {
        return Err(Error::Forbidden);
    }
    Ok(listing)
}

/// Adds an offer to a listing (its organisation's members and admins). Dates are days in the
/// listing's zone, both included; an offer may run at most a year.
pub fn add_offer(
    conn: &mut DbConnection,
    post_id: &str,
    actor_id: &str,
    draft: &OfferDraft,
) -> Result<(Offer, OfferState)> {
    crate::db::transaction(conn, |conn| {
        let listing = listing_to_manage(conn, post_id, actor_id)?;
        let mut errors = FieldErrors::default();
        let title = draft.title.trim();
        if title.is_empty() {
            errors.add("title", "required", "must not be empty");
        } else if title.chars().count() > OFFER_TITLE_MAX || has_control(title) {
            errors.add(
                "title",
                "invalid",
                format!("at most {OFFER_TITLE_MAX} characters, on one line"),
            );
        }
        let description = draft.description.trim();
        if description.chars().count() > OFFER_DESCRIPTION_MAX
            || description
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            errors.add(
                "description",
                "invalid",
                format!("at most {OFFER_DESCRIPTION_MAX} characters, without control characters"),
            );
        }
        let date = |field: &str, raw: &str, errors: &mut FieldErrors| {
            let parsed = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .ok()
                .filter(|d| (2000..=2200).contains(&d.year()));
            if parsed.is_none() {
                errors.add(field, "invalid", "must be a date YYYY-MM-DD");
            }
            parsed
        };
        let from = date("valid_from", &draft.valid_from, &mut errors);
        let until = date("valid_until", &draft.valid_until, &mut errors);
        if let (Some(from), Some(until)) = (from, until) {
            if until < from {
                errors.add(
                    "valid_until",
                    "before_start",
                    "must not be before `valid_from`",
                );
            } else if (until - from).num_days() > OFFER_DAYS_MAX {
                errors.add(
                    "valid_until",
                    "too_long",
                    format!("an offer runs at most {OFFER_DAYS_MAX} days"),
                );
            }
        }
        let (from, until) = match (from, until) {
            (Some(from), Some(until)) if errors.is_empty() => (from, until),
            _ => return Err(Error::Validation(errors)),
        };
        let today = today_in(zone(&listing), Utc::now());
        let pending: i64 = offers::table
            .filter(offers::post_id.eq(&listing.post_id))
            .filter(offers::valid_until.ge(today))
            .count()
            .get_result(conn)?;
        if pending >= OFFERS_MAX {
            return Err(refuse(
                "offers",
                "too_many",
                format!("a listing has at most {OFFERS_MAX} offers not yet expired"),
            ));
        }
        let id = tokens::new_id();
        diesel::insert_into(offers::table)
            .values((
                offers::id.eq(&id),
                offers::post_id.eq(&listing.post_id),
                offers::title.eq(title),
                offers::description.eq(description),
                offers::valid_from.eq(from),
                offers::valid_until.eq(until),
                offers::created_at.eq(now()),
            ))
            .execute(conn)?;
        let offer: Offer = offers::table
            .find(&id)
            .select(Offer::as_select())
            .first(conn)?;
        let state = OfferState::of(&offer, today);
        Ok((offer, state))
    })
}

/// Deletes an offer of a listing (its organisation's members and admins).
pub fn delete_offer(
    conn: &mut DbConnection,
    post_id: &str,
    offer_id: &str,
    actor_id: &str,
) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let listing = listing_to_manage(conn, post_id, actor_id)?;
        if !tokens::is_id(offer_id) {
            return Err(Error::NotFound);
        }
        let deleted = diesel::delete(
            offers::table
                .filter(offers::id.eq(offer_id))
                .filter(offers::post_id.eq(&listing.post_id)),
        )
        .execute(conn)?;
        if deleted == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    })
}

/// A listing's offers with their state today: every one (upcoming and expired too) for those
/// who manage the listing, only the current ones for everyone else who may read it.
pub fn offers_of(
    conn: &mut DbConnection,
    post_id: &str,
    viewer: Option<&str>,
) -> Result<Vec<(Offer, OfferState)>> {
    let (post, channel) = posts::get_visible(conn, post_id, viewer)?;
    let listing = find(conn, &post.id)?.ok_or(Error::NotFound)?;
    let manages = match viewer {
        Some(v) => may_manage(conn, &listing.organization_id, &channel, v)?,
        None => false,
    };
    let today = today_in(zone(&listing), Utc::now());
    let rows: Vec<Offer> = offers::table
        .filter(offers::post_id.eq(&listing.post_id))
        .order((offers::valid_from.asc(), offers::id.asc()))
        .limit(500)
        .select(Offer::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|o| {
            let state = OfferState::of(&o, today);
            (o, state)
        })
        .filter(|(_, state)| manages || *state == OfferState::Current)
        .collect())
}

/// The label of a category code in a language (`it` or `en`; Italian otherwise).
pub fn category_label(code: &str, language: &str) -> Option<&'static str> {
    CATEGORIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, it, en)| if language == "en" { *en } else { *it })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn interval(day: &str, opens: &str, closes: &str) -> Interval {
        let mut errors = FieldErrors::default();
        let mut v = check_hours(
            &[HoursInput {
                day: day.into(),
                opens: opens.into(),
                closes: closes.into(),
            }],
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        v.remove(0)
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn rome() -> Tz {
        chrono_tz::Europe::Rome
    }

    #[test]
    fn several_intervals_a_day() {
        // Wednesday 2026-12-02, in winter (UTC+1).
        let hours = [
            interval("wed", "09:00", "13:00"),
            interval("wed", "15:30", "19:30"),
        ];
        assert!(!is_open_at(&hours, rome(), utc(2026, 12, 2, 7, 59))); // 08:59
        assert!(is_open_at(&hours, rome(), utc(2026, 12, 2, 8, 0))); // 09:00
        assert!(is_open_at(&hours, rome(), utc(2026, 12, 2, 11, 59))); // 12:59
        assert!(!is_open_at(&hours, rome(), utc(2026, 12, 2, 12, 0))); // 13:00 closes
        assert!(!is_open_at(&hours, rome(), utc(2026, 12, 2, 14, 0))); // 15:00 lunch
        assert!(is_open_at(&hours, rome(), utc(2026, 12, 2, 14, 30))); // 15:30
        assert!(!is_open_at(&hours, rome(), utc(2026, 12, 2, 18, 30))); // 19:30
                                                                        // The same hours on Thursday do not open on Wednesday's schedule.
        assert!(!is_open_at(&hours, rome(), utc(2026, 12, 3, 9, 0)));
    }

    #[test]
    fn intervals_cross_midnight_and_the_week_end() {
        // Saturday 18:00 - 02:00: open on Sunday at 01:00 (Sunday 2026-12-06).
        let saturday = [interval("sat", "18:00", "02:00")];
        assert!(is_open_at(&saturday, rome(), utc(2026, 12, 6, 0, 0))); // Sun 01:00
        assert!(!is_open_at(&saturday, rome(), utc(2026, 12, 6, 1, 0))); // Sun 02:00
        assert!(is_open_at(&saturday, rome(), utc(2026, 12, 5, 17, 0))); // Sat 18:00
        assert!(!is_open_at(&saturday, rome(), utc(2026, 12, 5, 0, 30))); // Sat 01:30
                                                                          // Sunday 20:00 - 01:00 wraps into Monday.
        let sunday = [interval("sun", "20:00", "01:00")];
        assert!(is_open_at(&sunday, rome(), utc(2026, 12, 6, 23, 30))); // Mon 00:30
        assert!(!is_open_at(&sunday, rome(), utc(2026, 12, 7, 0, 0))); // Mon 01:00
                                                                       // A whole day.
        let all_day = [interval("tue", "00:00", "24:00")];
        assert!(is_open_at(&all_day, rome(), utc(2026, 12, 7, 23, 0))); // Tue 00:00
        assert!(is_open_at(&all_day, rome(), utc(2026, 12, 8, 22, 59))); // Tue 23:59
        assert!(!is_open_at(&all_day, rome(), utc(2026, 12, 8, 23, 0))); // Wed 00:00
        assert!(!is_open_at(&[], rome(), utc(2026, 12, 8, 12, 0)));
    }

    #[test]
    fn hours_follow_the_wall_clock_when_clocks_change() {
        // Clocks go forward on Sunday 28 March 2027 at 02:00 (to 03:00). A bar open Saturday
        // 22:00 - 03:00 closes at 03:00 summer time, 4 hours after it opened.
        let bar = [interval("sat", "22:00", "03:00")];
        assert!(is_open_at(&bar, rome(), utc(2027, 3, 27, 21, 0))); // Sat 22:00 CET
        assert!(is_open_at(&bar, rome(), utc(2027, 3, 28, 0, 59))); // Sun 01:59 CET
        assert!(!is_open_at(&bar, rome(), utc(2027, 3, 28, 1, 0))); // Sun 03:00 CEST
                                                                    // A bakery open Sunday 07:00 - 12:00 opens at 07:00 summer time (05:00 UTC).
        let bakery = [interval("sun", "07:00", "12:00")];
        assert!(!is_open_at(&bakery, rome(), utc(2027, 3, 28, 4, 59)));
        assert!(is_open_at(&bakery, rome(), utc(2027, 3, 28, 5, 0)));
        // The Saturday before, 07:00 was 06:00 UTC.
        let saturday_bakery = [interval("sat", "07:00", "12:00")];
        assert!(!is_open_at(
            &saturday_bakery,
            rome(),
            utc(2027, 3, 27, 5, 0)
        ));
        assert!(is_open_at(&saturday_bakery, rome(), utc(2027, 3, 27, 6, 0)));
        // Clocks go back on Sunday 31 October 2027 at 03:00 (to 02:00): 02:15 happens twice,
        // and a bar open until 02:30 is open both times.
        let late = [interval("sat", "21:00", "02:30")];
        assert!(is_open_at(&late, rome(), utc(2027, 10, 31, 0, 15))); // 02:15 CEST
        assert!(!is_open_at(&late, rome(), utc(2027, 10, 31, 0, 45))); // 02:45 CEST
        assert!(is_open_at(&late, rome(), utc(2027, 10, 31, 1, 15))); // 02:15 CET
        assert!(!is_open_at(&late, rome(), utc(2027, 10, 31, 1, 30))); // 02:30 CET
    }

    #[test]
    fn other_zones_use_their_own_clock() {
        let hours = [interval("mon", "09:00", "17:00")];
        let london: Tz = "Europe/London".parse().unwrap();
        // Monday 2026-12-07 08:30 UTC: 08:30 in London (closed), 09:30 in Rome (open).
        assert!(!is_open_at(&hours, london, utc(2026, 12, 7, 8, 30)));
        assert!(is_open_at(&hours, rome(), utc(2026, 12, 7, 8, 30)));
    }

    #[test]
    fn bad_hours_are_refused() {
        let mut errors = FieldErrors::default();
        let input = |day: &str, opens: &str, closes: &str| HoursInput {
            day: day.into(),
            opens: opens.into(),
            closes: closes.into(),
        };
        check_hours(
            &[
                input("mon", "09:00", "13:00"),
                input("mon", "12:00", "14:00"),
                input("sun", "22:00", "03:00"),
                input("mon", "01:00", "02:00"),
                input("funday", "9", "25:00"),
                input("tue", "10:00", "10:00"),
                input("wed", "24:00", "10:00"),
                input("thu", "\u{0}", "1:00"),
            ],
            &mut errors,
        );
        let codes: Vec<(&str, &str)> = errors
            .0
            .iter()
            .flat_map(|(f, v)| v.iter().map(move |e| (f.as_str(), e.code)))
            .collect();
        for expected in [
            ("listing.opening_hours[1].opens", "overlap"),
            ("listing.opening_hours[3].opens", "overlap"),
            ("listing.opening_hours[4].day", "invalid"),
            ("listing.opening_hours[4].opens", "invalid"),
            ("listing.opening_hours[4].closes", "invalid"),
            ("listing.opening_hours[5].closes", "empty_interval"),
            ("listing.opening_hours[6].opens", "invalid"),
            ("listing.opening_hours[7].opens", "invalid"),
            ("listing.opening_hours[7].closes", "invalid"),
        ] {
            assert!(codes.contains(&expected), "{expected:?} in {codes:?}");
        }
        assert_eq!(codes.len(), 9, "{codes:?}");
        let mut errors = FieldErrors::default();
        let many: Vec<HoursInput> = (0..=HOURS_MAX)
            .map(|_| input("mon", "09:00", "10:00"))
            .collect();
        check_hours(&many, &mut errors);
        assert!(errors.0.contains_key("listing.opening_hours"));
    }

    #[test]
    fn offers_are_current_between_their_dates_included() {
        let offer = Offer {
            id: String::new(),
            post_id: String::new(),
            title: String::new(),
            description: String::new(),
            valid_from: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            valid_until: NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
            created_at: now(),
        };
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(OfferState::of(&offer, day(1)), OfferState::Current);
        assert_eq!(OfferState::of(&offer, day(24)), OfferState::Current);
        assert_eq!(OfferState::of(&offer, day(25)), OfferState::Expired);
        assert_eq!(
            OfferState::of(&offer, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            OfferState::Upcoming
        );
        // "Today" is the listing's: 23:30 UTC on 24 December is already the 25th in Rome.
        assert_eq!(today_in(rome(), utc(2026, 12, 24, 23, 30)), day(25));
    }

    #[test]
    fn websites_are_http_only_and_phones_plain() {
        for ok in [
            "https://forno.example.org",
            "http://forno.example.org/orari?x=1",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//forno.example.org",
            "forno.example.org",
            "https://",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
        assert!(is_phone("+39 0522 123456"));
        assert!(is_phone("(0522) 45.67.89"));
        assert!(!is_phone("<script>"));
        assert!(!is_phone("12"));
    }
}
