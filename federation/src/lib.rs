//! ActivityPub for Comune: the documents we serve (actors, objects, collections, discovery), the
//! inbox, and the worker that turns local changes into activities and delivers them from the
//! database queue. Built on `activitypub_federation`, which fetches and verifies; storage and
//! rules stay in `comune-domain`.

pub mod activities;
pub mod activity_kind;
pub mod actors;
pub mod client;
pub mod context;
pub mod discovery;
pub mod error;
pub mod inbox;
pub mod objects;
pub mod receive;
pub mod signature;
pub mod signed_date;
pub mod worker;

use std::net::SocketAddr;
use std::sync::Arc;

use activitypub_federation::config::{Data, FederationConfig};
use comune_domain::peers::queue::Backoff;
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
    /// Remote actors read lately: every inbound activity needs its actor, and a busy peer's
    /// people send many.
    actors: moka::sync::Cache<String, actors::ApActor>,
    /// Whether the policy admits a host, read lately; every inbound activity asks. Each answer
    /// carries the policy generation it was read under.
    permits: moka::sync::Cache<String, (u64, bool)>,
    /// Bumped by every change of the policy, so an answer read across a change is never used.
    policy_generation: std::sync::atomic::AtomicU64,
    /// Hosts whose `instances` row exists (see [`FedData::remember_hosts`]).
    known_hosts: moka::sync::Cache<String, ()>,
    /// Local communities' follower inboxes, each with the community's `followers_version` it
    /// was read under: every like or comment a community passes on needs them, and a big
    /// community's followers are many rows.
    followers: moka::sync::Cache<String, (i64, Arc<Vec<String>>)>,
    /// Actors' public keys, parsed for verifying signatures.
    pub(crate) keys: signature::KeyCache,
    /// Our actors' private keys, parsed for signing deliveries.
    pub(crate) signing_keys: signature::SigningKeys,
    /// For fetches and deliveries (see `client`).
    pub client: reqwest::Client,
}

/// How long a remote actor read from the database is reused. Ours change when the peer sends an
/// update (which replaces the entry here); this only bounds what another process sharing the
/// database may have stored meanwhile.
const ACTOR_TTL: std::time::Duration = std::time::Duration::from_secs(10);
/// How long a policy answer is reused. An administrator's change takes effect in this process at
/// once (even for an answer being read meanwhile); other processes sharing the database follow
/// within this time.
const PERMITS_TTL: std::time::Duration = std::time::Duration::from_secs(5);

impl std::ops::Deref for FedData {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl FedData {
    pub fn new(pool: Pool, instance: Instance, settings: FedSettings) -> anyhow::Result<Self> {
        let client = client::build(&settings)?;
        Ok(Self(Arc::new(Inner {
            pool,
            instance,
            settings,
            actors: moka::sync::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(ACTOR_TTL)
                .build(),
            permits: moka::sync::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(PERMITS_TTL)
                .build(),
            policy_generation: std::sync::atomic::AtomicU64::new(0),
            followers: moka::sync::Cache::builder().max_capacity(1_000).build(),
            known_hosts: moka::sync::Cache::builder().max_capacity(100_000).build(),
            keys: signature::key_cache(),
            signing_keys: signature::signing_keys(),
            client,
        })))
    }

    /// Whether this instance federates with `host` under the current policy.
    pub async fn permits(&self, host: &str) -> Result<bool, FedError> {
        if let Some(answer) = self.kept_permit(host) {
            return Ok(answer);
        }
        let fed = self.clone();
        let h = host.to_owned();
        self.db(move |conn| fed.permits_in(conn, &h)).await
    }

    /// [`FedData::permits`] on a connection the caller holds (inside its transaction).
    pub fn permits_in(&self, conn: &mut DbConnection, host: &str) -> comune_domain::Result<bool> {
        use std::sync::atomic::Ordering;
        // Read before the database: a change made meanwhile bumps it, so this answer is dropped.
        let generation = self.policy_generation.load(Ordering::Acquire);
        if let Some(answer) = self.kept_permit(host) {
            return Ok(answer);
        }
        let answer = comune_domain::peers::policy::permits(conn, host)?;
        self.permits.insert(host.to_owned(), (generation, answer));
        Ok(answer)
    }

    fn kept_permit(&self, host: &str) -> Option<bool> {
        let generation = self
            .policy_generation
            .load(std::sync::atomic::Ordering::Acquire);
        self.permits
            .get(host)
            .and_then(|(at, answer)| (at == generation).then_some(answer))
    }

    /// Makes sure each of `hosts` has its `instances` row (see `policy::remember_all`), without
    /// a statement for hosts seen there before. Rows are never deleted, so a host is taken as
    /// known once an insert found all of its batch already there: found, not inserted, because
    /// an insert is only certain once the caller's transaction commits.
    pub fn remember_hosts<'a>(
        &self,
        conn: &mut DbConnection,
        hosts: impl IntoIterator<Item = &'a str>,
    ) -> comune_domain::Result<()> {
        let unknown: std::collections::BTreeSet<&str> = hosts
            .into_iter()
            .filter(|host| !self.known_hosts.contains_key(*host))
            .collect();
        if unknown.is_empty() {
            return Ok(());
        }
        let new = comune_domain::peers::policy::remember_all(conn, unknown.iter().copied())?;
        if new == 0 {
            for host in unknown {
                self.known_hosts.insert(host.to_owned(), ());
            }
        }
        Ok(())
    }

    /// The inboxes `community`'s activities go to (see `remote::follower_inboxes`), read again
    /// only when its `followers_version` moved on. The version comes with the community row the
    /// caller read, and triggers change it with every follower who comes, goes or moves inbox, in
    /// whichever process, so a list kept here is never older than that row. A list read after
    /// the row may be newer; kept under the row's version, it is still right for that version's
    /// readers, and the next version reads again.
    pub fn follower_inboxes(
        &self,
        conn: &mut DbConnection,
        community: &comune_domain::communities::Community,
    ) -> comune_domain::Result<Arc<Vec<String>>> {
        if let Some((version, inboxes)) = self.followers.get(&community.id) {
            if version == community.followers_version {
                return Ok(inboxes);
            }
        }
        let inboxes = Arc::new(comune_domain::peers::remote::follower_inboxes(
            conn,
            &community.id,
        )?);
        self.followers.insert(
            community.id.clone(),
            (community.followers_version, inboxes.clone()),
        );
        Ok(inboxes)
    }

    /// A remote actor read lately, if any.
    pub fn cached_actor(&self, ap_id: &str) -> Option<actors::ApActor> {
        self.actors.get(ap_id)
    }

    /// Keeps a remote actor just read or stored (ours change through the API and are not kept).
    pub fn remember_actor(&self, actor: &actors::ApActor) {
        if !actor.local {
            self.actors.insert(actor.ap_id.to_string(), actor.clone());
        }
    }

    /// The policy (mode or lists) changed: forget what it answered.
    pub fn policy_changed(&self) {
        self.policy_generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        self.permits.invalidate_all();
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
    let client = data.client.clone();
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

#[cfg(test)]
mod tests {
    use comune_domain::db::{self, DatabaseUrl};
    use comune_domain::peers::policy::{self, Mode};
    use comune_domain::schema::{federation_settings, instances};
    use diesel::prelude::*;

    use super::*;

    fn fed(dir: &std::path::Path) -> (FedData, DbConnection) {
        let url = DatabaseUrl::parse(&format!("sqlite://{}", dir.join("t.db").display())).unwrap();
        let mut conn = url.connect().unwrap();
        db::migrate(&mut conn).unwrap();
        let pool = db::pool(&url, Some(2)).unwrap();
        let instance = Instance::new("http://comune.test".parse().unwrap());
        (
            FedData::new(pool, instance, FedSettings::default()).unwrap(),
            conn,
        )
    }

    fn hosts(conn: &mut DbConnection) -> Vec<String> {
        instances::table
            .select(instances::host)
            .order(instances::host)
            .load(conn)
            .unwrap()
    }

    #[test]
    fn hosts_are_taken_as_known_only_once_found_in_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let (fed, mut conn) = fed(dir.path());
        // Inserted by a transaction that then fails: not known, so the next time inserts it.
        let failed: comune_domain::Result<()> = db::transaction(&mut conn, |conn| {
            fed.remember_hosts(conn, ["a.test"])?;
            Err(comune_domain::Error::NotFound)
        });
        assert!(failed.is_err());
        assert!(hosts(&mut conn).is_empty());
        fed.remember_hosts(&mut conn, ["a.test"]).unwrap();
        assert_eq!(hosts(&mut conn), ["a.test"]);
        // Found there the second time: known from then on, and no longer written (shown by
        // taking the row away behind the cache's back, which the application never does).
        fed.remember_hosts(&mut conn, ["a.test"]).unwrap();
        diesel::delete(instances::table).execute(&mut conn).unwrap();
        fed.remember_hosts(&mut conn, ["a.test"]).unwrap();
        assert!(hosts(&mut conn).is_empty());
        // Of a batch, only the hosts not known are written.
        fed.remember_hosts(&mut conn, ["a.test", "b.test"]).unwrap();
        assert_eq!(hosts(&mut conn), ["b.test"]);
    }

    #[test]
    fn policy_answers_are_kept_until_a_change_here_or_their_expiry() {
        let dir = tempfile::tempdir().unwrap();
        let (fed, mut conn) = fed(dir.path());
        assert!(fed.permits_in(&mut conn, "b.test").unwrap());
        // Changed through this process: the cached answer goes at once.
        diesel::update(federation_settings::table.find(1))
            .set(federation_settings::mode.eq("allowlist"))
            .execute(&mut conn)
            .unwrap();
        fed.policy_changed();
        assert!(!fed.permits_in(&mut conn, "b.test").unwrap());
        // Changed by another process sharing the database: the answer kept here holds until
        // its time to live (PERMITS_TTL) runs out, which the invalidation stands for.
        policy::remember(&mut conn, "b.test").unwrap();
        diesel::update(instances::table.find("b.test"))
            .set(instances::allowed.eq(true))
            .execute(&mut conn)
            .unwrap();
        assert_eq!(policy::mode(&mut conn).unwrap(), Mode::Allowlist);
        assert!(policy::permits(&mut conn, "b.test").unwrap());
        assert!(!fed.permits_in(&mut conn, "b.test").unwrap());
        fed.permits.invalidate_all();
        assert!(fed.permits_in(&mut conn, "b.test").unwrap());
    }
}
