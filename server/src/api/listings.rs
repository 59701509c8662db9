//! Business listings: their shapes inside posts, the category list and offers.

use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use comune_domain::listings::{self, HoursInput, ListingChanges, ListingFields, Offer, OfferState};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use super::utc;
use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::{ApiError, Code, Problem};
use crate::state::AppState;

/// One opening interval, as wall-clock times in the listing's zone.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HoursOut {
    /// `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun`.
    pub day: String,
    /// `HH:MM`.
    pub opens: String,
    /// `HH:MM`; at or before `opens` means the next day (`18:00` to `02:00`); `24:00` is the
    /// end of the day.
    pub closes: String,
}

impl From<HoursOut> for HoursInput {
    fn from(h: HoursOut) -> Self {
        Self {
            day: h.day,
            opens: h.opens,
            closes: h.closes,
        }
    }
}

/// A listing's fields when it is created.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ListingIn {
    /// The slug of the owning organisation (of kind `business`).
    pub organization: String,
    /// A code from `GET /api/v1/listing-categories`.
    pub category: String,
    #[serde(default)]
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub phone: Option<String>,
    /// An `http` or `https` address.
    pub website: Option<String>,
    pub email: Option<String>,
    /// IANA zone of the opening hours; the instance's by default.
    pub time_zone: Option<String>,
    #[serde(default)]
    pub opening_hours: Vec<HoursOut>,
}

impl ListingIn {
    pub fn fields(self) -> (String, ListingFields) {
        (
            self.organization,
            ListingFields {
                category: self.category,
                address: self.address,
                latitude: self.latitude,
                longitude: self.longitude,
                phone: self.phone,
                website: self.website,
                email: self.email,
                time_zone: self.time_zone,
                opening_hours: self.opening_hours.into_iter().map(Into::into).collect(),
            },
        )
    }
}

/// Present (even as `null`) is `Some`, absent is `None` (with `#[serde(default)]`).
pub(super) fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Changes to a listing: absent fields stay as they are; `null` clears an optional field;
/// `opening_hours` replaces all the hours. The owning organisation cannot change.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ListingChangesIn {
    pub category: Option<String>,
    pub address: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<f64>)]
    pub latitude: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<f64>)]
    pub longitude: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    pub time_zone: Option<String>,
    pub opening_hours: Option<Vec<HoursOut>>,
}

impl From<ListingChangesIn> for ListingChanges {
    fn from(c: ListingChangesIn) -> Self {
        Self {
            category: c.category,
            address: c.address,
            latitude: c.latitude,
            longitude: c.longitude,
            phone: c.phone,
            website: c.website,
            email: c.email,
            time_zone: c.time_zone,
            opening_hours: c
                .opening_hours
                .map(|h| h.into_iter().map(Into::into).collect()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationRef {
    pub slug: String,
    pub name: String,
}

/// A business listing: shown on posts of businesses channels.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListingOut {
    /// The owning organisation; its members edit the listing.
    pub organization: OrganizationRef,
    pub category: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub time_zone: String,
    /// Weekly hours, Monday first.
    pub opening_hours: Vec<HoursOut>,
    /// Whether it is open at the time of the request, on the wall clock of `time_zone`.
    pub open_now: bool,
    /// Offers valid today (in `time_zone`); expired and future ones are left out.
    pub offers: Vec<OfferOut>,
}

impl From<listings::ListingInfo> for ListingOut {
    fn from(i: listings::ListingInfo) -> Self {
        let l = i.listing;
        Self {
            organization: OrganizationRef {
                slug: i.organization_slug,
                name: i.organization_name,
            },
            category: l.category,
            address: l.address,
            latitude: l.latitude,
            longitude: l.longitude,
            phone: l.phone,
            website: l.website,
            email: l.email,
            time_zone: l.time_zone,
            opening_hours: i
                .hours
                .into_iter()
                .map(|h| HoursOut {
                    day: h.day().to_owned(),
                    opens: listings::format_minutes(h.opens),
                    closes: listings::format_minutes(h.closes),
                })
                .collect(),
            open_now: i.open_now,
            offers: i
                .offers
                .into_iter()
                .map(|o| OfferOut::new(o, OfferState::Current))
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfferOut {
    pub id: uuid::Uuid,
    /// Plain text.
    pub title: String,
    /// Plain text.
    pub description: String,
    /// First day, in the listing's zone.
    pub valid_from: NaiveDate,
    /// Last day (included).
    pub valid_until: NaiveDate,
    /// `current`, `upcoming` or `expired` today.
    pub state: String,
    pub created_at: DateTime<Utc>,
}

impl OfferOut {
    fn new(o: Offer, state: OfferState) -> Self {
        Self {
            id: o.id.parse().unwrap_or_default(),
            title: o.title,
            description: o.description,
            valid_from: o.valid_from,
            valid_until: o.valid_until,
            state: state.as_str().to_owned(),
            created_at: utc(o.created_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewOffer {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// `YYYY-MM-DD`, the first day (in the listing's zone).
    pub valid_from: String,
    /// `YYYY-MM-DD`, the last day; not before `valid_from`, at most a year later.
    pub valid_until: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryLabels {
    pub it: &'static str,
    pub en: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryOut {
    /// Stable code, used in listings and in the feed's `category` filter.
    pub code: &'static str,
    /// In the signed-in person's language (Italian otherwise).
    pub label: &'static str,
    pub labels: CategoryLabels,
}

/// The feed's `category=` filter: a known code, or a 400.
pub fn category_filter(raw: Option<&str>) -> Result<Option<String>, ApiError> {
    match raw {
        None => Ok(None),
        Some(code) if listings::CATEGORIES.iter().any(|(c, _, _)| *c == code) => {
            Ok(Some(code.to_owned()))
        }
        Some(_) => Err(ApiError::new(
            Code::MalformedRequest,
            "`category` is not a code from /api/v1/listing-categories.",
        )),
    }
}

/// The fixed list of business categories.
#[utoipa::path(
    tag = "listings",
    operation_id = "listings_categories",
    responses(
        (status = 200, body = Vec<CategoryOut>),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listing-categories")]
pub async fn categories(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
) -> Result<web::Json<Vec<CategoryOut>>, ApiError> {
    let language = match who.account_id() {
        Some(id) => {
            state
                .db(move |conn| Ok(comune_domain::accounts::get(conn, &id)?.locale))
                .await?
        }
        None => "it".to_owned(),
    };
    Ok(web::Json(
        listings::CATEGORIES
            .iter()
            .map(|(code, it, en)| CategoryOut {
                code,
                label: if language.starts_with("en") { en } else { it },
                labels: CategoryLabels { it, en },
            })
            .collect(),
    ))
}

/// A listing's offers: only the current ones, or every one with its state for the owning
/// organisation's members and admins.
#[utoipa::path(
    tag = "listings",
    operation_id = "listings_offers",
    params(("id" = uuid::Uuid, Path, description = "The listing's post id")),
    responses(
        (status = 200, body = Vec<OfferOut>),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such listing, or not visible", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/posts/{id}/offers")]
pub async fn offers(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    id: web::Path<uuid::Uuid>,
) -> Result<web::Json<Vec<OfferOut>>, ApiError> {
    let viewer = who.account_id();
    let id = id.into_inner().to_string();
    let items = state
        .db(move |conn| listings::offers_of(conn, &id, viewer.as_deref()))
        .await?;
    Ok(web::Json(
        items
            .into_iter()
            .map(|(o, state)| OfferOut::new(o, state))
            .collect(),
    ))
}

/// Add an offer to a listing (its organisation's members and admins).
#[utoipa::path(
    tag = "listings",
    operation_id = "listings_add_offer",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The listing's post id")),
    request_body = NewOffer,
    responses(
        (status = 201, body = OfferOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member of the owning organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such listing, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, `valid_until` before `valid_from`, or too many offers", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/posts/{id}/offers")]
pub async fn add_offer(
    state: web::Data<AppState>,
    who: SignedIn,
    id: web::Path<uuid::Uuid>,
    body: web::Json<NewOffer>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let draft = listings::OfferDraft {
        title: body.title,
        description: body.description,
        valid_from: body.valid_from,
        valid_until: body.valid_until,
    };
    let id = id.into_inner().to_string();
    let (offer, state) = state
        .db(move |conn| listings::add_offer(conn, &id, &who.account_id, &draft))
        .await?;
    Ok(HttpResponse::Created().json(OfferOut::new(offer, state)))
}

/// Delete an offer (its listing's organisation's members and admins).
#[utoipa::path(
    tag = "listings",
    operation_id = "listings_delete_offer",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The listing's post id"),
        ("offer_id" = uuid::Uuid, Path, description = "The offer's id"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/posts/{id}/offers/{offer_id}")]
pub async fn delete_offer(
    state: web::Data<AppState>,
    who: SignedIn,
    path: web::Path<(uuid::Uuid, uuid::Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, offer_id) = path.into_inner();
    let (id, offer_id) = (id.to_string(), offer_id.to_string());
    state
        .db(move |conn| listings::delete_offer(conn, &id, &offer_id, &who.account_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
