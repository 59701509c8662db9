//! ActivityPub for Comune: the documents we serve (actors, objects, collections, discovery), the
//! inbox, and the worker that turns local changes into activities and delivers them from the
//! database queue. Built on `activitypub_federation`, which fetches and verifies; storage and
//! rules stay in `comune-domain`.

pub mod activities;
pub mod actors;
pub mod client;
pub mod context;
pub mod discovery;
pub mod error;
pub mod inbox;
pub mod objects;
pub mod worker;

use std::net::SocketAddr;
use std::sync::Arc;

use activitypub_federation::config::{Data, FederationConfig};
use comune_domain::federation::queue::Backoff;
use comune_domain::{DbConnection, Instance, Pool};

pub use error::FedError;

/// The media type of ActivityPub documents.
pub const ACTIVITY_JSON: &str = "application/activity+json";

/// Federation settings taken from the server's.
#[derive(Debug, Clone, Default)]
pub struct FedSettings {
    /// Test setting: fetch from and deliver to private and loopback addresses, plain http and
    /// explicit ports. Never on in production.
    pub allow_private: bool,
    /// Test setting: host names resolved to these addresses instead of DNS (like curl's
    /// `--resolve`), so several instances can run on loopback under plain host names.
    pub resolve: Vec<(String, SocketAddr)>,
    pub backoff: Backoff,
}

/// What every federation handler and worker shares.
#[derive(Clone)]
pub struct FedData(Arc<Inner>);

pub struct Inner {
    pub pool: Pool,
    pub instance: Instance,
    pub settings: FedSettings,
}

impl std::ops::Deref for FedData {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl FedData {
    pub fn new(pool: Pool, instance: Instance, settings: FedSettings) -> Self {
        Self(Arc::new(Inner {
            pool,
            instance,
            settings,
        }))
    }

    /// Runs blocking database work off the async executor.
    pub async fn db<T, F>(&self, work: F) -> Result<T, FedError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> comune_domain::Result<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool
                .get()
                .map_err(|e| FedError::Internal(anyhow::anyhow!("database pool: {e}")))?;
            work(&mut conn).map_err(FedError::from)
        })
        .await
        .map_err(|e| FedError::Internal(anyhow::anyhow!("database task: {e}")))?
    }
}

/// The request-scoped handle `activitypub_federation` passes around.
pub type Ctx = Data<FedData>;

/// Builds the library's configuration: our domain, our HTTP client (with the private-address
/// guard), and the instance actor for signed fetches.
pub async fn config(data: FedData) -> anyhow::Result<FederationConfig<FedData>> {
    let domain = data.instance.domain();
    let allow_private = data.settings.allow_private;
    let client = client::build(&data.settings)?;
    let instance_actor = actors::instance_actor(&data).await?;
    let config = FederationConfig::builder()
        .domain(domain)
        .app_data(data)
        .client(client.into())
        .debug(allow_private)
        .allow_http_urls(allow_private)
        .http_fetch_limit(30)
        .signed_fetch_actor(&instance_actor)
        .build()
        .await?;
    Ok(config)
}
