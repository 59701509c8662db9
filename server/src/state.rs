//! What every request handler shares.

use std::sync::Arc;

use comune_domain::{DbConnection, Instance, Pool};

use crate::auth::Jwt;
use crate::error::{ApiError, Code};
use crate::mail::Mailer;
use crate::metrics::Metrics;
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
    pub federation: crate::federation::Federation,
    /// Wakes the federation worker after a local change, so deliveries do not wait for its poll.
    pub federation_wake: std::sync::Arc<tokio::sync::Notify>,
    /// Pages of public channels' feeds, emptied after every write.
    pub feed_cache: crate::public_cache::PublicCache<std::sync::Arc<crate::api::posts::CachedFeed>>,
}

impl AppState {
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
