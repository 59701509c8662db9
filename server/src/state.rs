//! What every request handler shares.

use std::sync::Arc;

use comune_domain::{DbConnection, Instance, Pool};

use crate::auth::Jwt;
use crate::error::{ApiError, Code};
use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::read_cache::ReadCache;
use crate::settings::Settings;
use crate::throttle::Throttles;

pub struct AppState {
    pub settings: Settings,
    pub pool: Pool,
    pub instance: Instance,
    pub jwt: Jwt,
    pub mailer: Mailer,
    pub throttles: Throttles,
    pub metrics: Arc<Metrics>,
    pub search: comune_search::SearchIndex,
    pub federation: crate::activitypub::Federation,
    /// Wakes the federation worker after a local change, so deliveries do not wait for its poll.
    pub federation_wake: std::sync::Arc<tokio::sync::Notify>,
    /// Pages of public channels' feeds (see `read_cache`).
    pub feed_cache: ReadCache<Arc<crate::api::posts::CachedFeed>>,
    /// Whether a sign-in session (a token family) is live: its account's creation time if so
    /// (see `read_cache`).
    pub session_cache: ReadCache<Option<chrono::NaiveDateTime>>,
}

impl AppState {
    /// Empties every read cache: something may have changed.
    pub fn forget_reads(&self) {
        self.feed_cache.invalidate();
        self.session_cache.invalidate();
    }

    /// Runs blocking database work on actix's blocking pool, off the async executor.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> comune_domain::Result<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(|e| {
                let mut err = ApiError::new(
                    Code::ServiceUnavailable,
                    "The database is busy or unreachable.",
                );
                err.source = Some(e.into());
                err
            })?;
            work(&mut conn).map_err(ApiError::from)
        })
        .await?
    }
}
