//! Full-text search over everything the caller may see.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use comune_search::{Kind, Query, SearchError, Viewer};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::MaybeSignedIn;
use crate::error::{ApiError, Code, Problem};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct SearchParams {
    /// Words, "quoted phrases"; the last word also matches as a prefix. Empty: newest first.
    #[serde(default)]
    pub q: String,
    /// Only this community (slug).
    pub community: Option<String>,
    /// Only these kinds, comma-separated: thread, comment, event, codesign, proposal, listing,
    /// announcement, accord, community, user.
    pub kind: Option<String>,
    /// Only content of channels of this kind.
    pub channel_kind: Option<String>,
    /// Created at or after (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Created before (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// 1 to 100, default 20.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    pub kind: String,
    pub id: String,
    /// Plain text: escape it when showing it.
    pub title: String,
    /// HTML: matches in `<mark>`, everything else escaped.
    pub snippet: String,
    pub community: Option<String>,
    /// Path of the page on this instance.
    pub url: String,
    pub score: f32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchFacets {
    pub kind: std::collections::BTreeMap<String, u64>,
    pub community: std::collections::BTreeMap<String, u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub items: Vec<SearchHit>,
    /// Counts over all matches the caller may see, not only this page.
    pub facets: SearchFacets,
    pub total: u64,
    pub next_cursor: Option<String>,
}

/// Search. Members-only content is found only by members of its community (and admins), and
/// never counted for anyone else.
#[utoipa::path(
    tag = "search",
    operation_id = "search",
    params(SearchParams),
    responses(
        (status = 200, body = SearchResults),
        (status = 400, description = "Bad kind, date or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "A token was sent but is not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/search")]
pub async fn search(
    state: web::Data<AppState>,
    who: MaybeSignedIn,
    params: web::Query<SearchParams>,
) -> Result<web::Json<SearchResults>, ApiError> {
    let params = params.into_inner();
    let kinds = match params.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(list) => list
            .split(',')
            .map(|k| k.trim().parse::<Kind>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| ApiError::new(Code::MalformedRequest, "Unknown `kind`."))?,
        None => Vec::new(),
    };
    let viewer = match who.account_id() {
        Some(id) => {
            state
                .db(move |conn| {
                    let account = comune_domain::accounts::get(conn, &id)?;
                    let member_of = comune_domain::membership::communities_of(conn, &id)?
                        .into_iter()
                        .map(|b| b.handle)
                        .collect();
                    Ok(Viewer {
                        member_of,
                        is_admin: account.is_admin,
                    })
                })
                .await?
        }
        None => Viewer::default(),
    };
    let query = Query {
        text: params.q,
        viewer,
        community: params.community,
        kinds,
        channel_kind: params.channel_kind,
        from: params.from,
        to: params.to,
        limit: params.limit.unwrap_or(20).clamp(1, 100) as usize,
        cursor: params.cursor,
    };
    let index = state.search.clone();
    let results = web::block(move || index.search(&query))
        .await?
        .map_err(|e| match e {
            SearchError::BadCursor => {
                ApiError::new(Code::MalformedRequest, "The cursor is not valid.")
            }
            other => ApiError::internal(other),
        })?;
    Ok(web::Json(SearchResults {
        items: results
            .items
            .into_iter()
            .map(|h| SearchHit {
                kind: h.kind.as_str().to_owned(),
                id: h.id,
                title: h.title,
                snippet: h.snippet,
                community: h.community,
                url: h.url,
                score: h.score,
                created_at: h.created_at,
            })
            .collect(),
        facets: SearchFacets {
            kind: results.facets.kind,
            community: results.facets.community,
        },
        total: results.total,
        next_cursor: results.next_cursor,
    }))
}
