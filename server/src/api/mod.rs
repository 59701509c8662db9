//! The `/api/v1` route table and the shapes shared by its handlers.

pub mod accords;
pub mod accounts;
pub mod auth;
pub mod calendar;
pub mod channels;
pub mod codesign;
pub mod comments;
pub mod communities;
pub mod events;
pub mod federation;
pub mod instance;
pub mod keys;
pub mod listings;
pub mod media;
pub mod moderation;
pub mod notifications;
pub mod organizations;
pub mod posts;
pub mod search;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

/// Every `/api/v1` operation. utoipa-actix-web collects their OpenAPI entries from here, so the
/// document cannot miss a route.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(instance::get)
        .service(accounts::register)
        .service(accounts::me)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::verify_email)
        .service(auth::resend_verification)
        .service(auth::password_reset)
        .service(auth::password_reset_confirm)
        .service(communities::list)
        .service(communities::create)
        .service(communities::get)
        .service(communities::join)
        .service(communities::leave)
        .service(communities::appoint_facilitator)
        .service(channels::list)
        .service(channels::create)
        .service(channels::get)
        .service(channels::appoint_moderator)
        .service(channels::remove_moderator)
        .service(organizations::list)
        .service(organizations::create)
        .service(organizations::get)
        .service(organizations::set_member)
        .service(organizations::remove_member)
        .service(posts::feed)
        .service(posts::create)
        .service(posts::get)
        .service(posts::edit)
        .service(posts::remove)
        .service(posts::comments)
        .service(posts::comment)
        .service(comments::get)
        .service(federation::resolve)
        .service(federation::status)
        .service(federation::set_policy)
        .service(federation::instances)
        .service(federation::set_instance)
        .service(comments::edit)
        .service(comments::remove)
        .service(posts::like)
        .service(posts::unlike)
        .service(events::rsvp)
        .service(events::cancel_rsvp)
        .service(events::cancel_event)
        .service(codesign::proposals)
        .service(codesign::propose)
        .service(codesign::phase)
        .service(codesign::outcome)
        .service(listings::categories)
        .service(listings::offers)
        .service(listings::add_offer)
        .service(listings::delete_offer)
        .service(calendar::community)
        .service(calendar::event)
        .service(moderation::report)
        .service(moderation::queue)
        .service(moderation::act)
        .service(moderation::log)
        .service(search::search)
        .service(notifications::list)
        .service(notifications::mark_read)
        .service(notifications::settings)
        .service(notifications::set_settings)
        .service(notifications::unsubscribe_page)
        .service(notifications::unsubscribe)
        .service(media::upload)
        .service(media::edit)
        .service(media::remove)
        .service(media::set_avatar)
        .service(media::clear_avatar)
        .service(media::set_banner)
        .service(media::clear_banner)
        .service(keys::register)
        .service(keys::list)
        .service(keys::revoke)
        .service(accords::list)
        .service(accords::create)
        .service(accords::get)
        .service(accords::add_version)
        .service(accords::list_versions)
        .service(accords::get_version)
        .service(accords::get_diff)
        .service(accords::transition)
        .service(accords::sign)
        .service(accords::list_signatures)
        .service(accords::export_bundle);
}

pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// `?limit=&cursor=` of every list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PageParams {
    /// How many items (1 to 100, default 20).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageParams {
    pub fn limit(&self) -> i64 {
        i64::from(self.limit.unwrap_or(20).clamp(1, 100))
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Opaque cursors: the client must not build them, so they are encoded.
pub mod cursor {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use chrono::NaiveDateTime;

    use crate::error::{ApiError, Code};

    pub fn encode(key: &str) -> String {
        URL_SAFE_NO_PAD.encode(key)
    }

    /// A cursor for lists ordered by time, then id.
    pub fn encode_at((t, id): (NaiveDateTime, String)) -> String {
        encode(&format!("{}|{id}", t.and_utc().timestamp_micros()))
    }

    pub fn decode_at(raw: &str) -> Result<(NaiveDateTime, String), ApiError> {
        let bad = || ApiError::new(Code::MalformedRequest, "The cursor is not valid.");
        let text = decode(raw)?;
        let (micros, id) = text.split_once('|').ok_or_else(bad)?;
        let micros: i64 = micros.parse().map_err(|_| bad())?;
        let t = chrono::DateTime::from_timestamp_micros(micros)
            .ok_or_else(bad)?
            .naive_utc();
        uuid::Uuid::parse_str(id).map_err(|_| bad())?;
        Ok((t, id.to_owned()))
    }

    pub fn decode(cursor: &str) -> Result<String, ApiError> {
        URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            // No cursor we make holds control characters; PostgreSQL would refuse a NUL.
            .filter(|s| !s.chars().any(char::is_control))
            .ok_or_else(|| ApiError::new(Code::MalformedRequest, "The cursor is not valid."))
    }
}
