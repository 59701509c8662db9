//! Short-lived caches of what many requests read alike, kept so that the database is asked once.
//!
//! Two are in use: pages of public channels' feeds (the same for every reader but for their own
//! likes and RSVPs, which are added per reader), and whether a sign-in session is still live, with
//! its account's creation time (asked by every signed-in request).
//!
//! Staleness is bounded twice:
//! - every request that may write (any method but GET, HEAD and OPTIONS) empties every cache once
//!   it has been answered, so this process never serves what it has itself changed (a sign-out
//!   or a password change ends a session at once, a new post shows at once);
//! - an entry lives at most [`TTL`], for what changes without a request to this process: another
//!   process sharing the database, the clock (a business's "open now", an event becoming past),
//!   remote content fetched while resolving a handle, a write whose client hung up before the
//!   answer.
//!
//! Only what depends on nothing but the key may be cached: never what is one reader's own.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix_web::web::Bytes;
use prometheus::IntCounter;

/// How long an entry may be served without a write of this process emptying the cache.
pub const TTL: Duration = Duration::from_secs(1);

/// The bytes the cache may hold in all, so a crawler walking every page of every channel cannot
/// grow the process without bound.
const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Answers of type `V` (bytes, or what they were made from) by key.
#[derive(Clone)]
pub struct ReadCache<V> {
    entries: moka::sync::Cache<String, (u64, V)>,
    /// Bumped by every write. An entry stores the generation read *before* its answer was
    /// computed, so an answer computed while a write landed is never served after it.
    generation: Arc<AtomicU64>,
    hits: IntCounter,
    misses: IntCounter,
}

/// What an answer costs in memory, roughly, in bytes.
pub trait Weigh {
    fn weight(&self) -> usize;
}

impl Weigh for Bytes {
    fn weight(&self) -> usize {
        self.len()
    }
}

impl Weigh for bool {
    fn weight(&self) -> usize {
        1
    }
}

/// A live session's account creation time (see `auth`).
impl Weigh for Option<chrono::NaiveDateTime> {
    fn weight(&self) -> usize {
        std::mem::size_of::<Self>()
    }
}

impl<T: Weigh> Weigh for Arc<T> {
    fn weight(&self) -> usize {
        T::weight(self)
    }
}

impl<V: Weigh + Clone + Send + Sync + 'static> ReadCache<V> {
    /// Counts its hits and misses in the server's metrics, as cache `name`.
    pub fn new(name: &str, metrics: &crate::metrics::Metrics) -> Self {
        Self::with_ttl(
            TTL,
            metrics.read_cache.with_label_values(&[name, "hit"]),
            metrics.read_cache.with_label_values(&[name, "miss"]),
        )
    }

    fn with_ttl(ttl: Duration, hits: IntCounter, misses: IntCounter) -> Self {
        Self {
            entries: moka::sync::Cache::builder()
                .max_capacity(MAX_BYTES)
                .weigher(|key: &String, (_, value): &(u64, V)| {
                    u32::try_from(key.len() + value.weight()).unwrap_or(u32::MAX)
                })
                .time_to_live(ttl)
                .build(),
            generation: Arc::new(AtomicU64::new(0)),
            hits,
            misses,
        }
    }

    /// The cached answer for `key`, or the one `compute` makes (kept for the next visitors when it
    /// succeeds).
    pub async fn get_or_compute<E, F>(&self, key: String, compute: F) -> Result<V, E>
    where
        F: std::future::Future<Output = Result<V, E>>,
    {
        let generation = self.generation.load(Ordering::Acquire);
        if let Some((at, value)) = self.entries.get(&key) {
            if at == generation {
                self.hits.inc();
                return Ok(value);
            }
        }
        self.misses.inc();
        let value = compute.await?;
        // A write may have landed meanwhile: keep the answer only under the generation it was
        // computed in, which is then already out of date and never served.
        self.entries.insert(key, (generation, value.clone()));
        Ok(value)
    }

    /// Forgets every answer: something may have changed.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.entries.invalidate_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(ttl: Duration) -> ReadCache<Bytes> {
        let metrics = crate::metrics::Metrics::new();
        ReadCache::with_ttl(
            ttl,
            metrics.read_cache.with_label_values(&["test", "hit"]),
            metrics.read_cache.with_label_values(&["test", "miss"]),
        )
    }

    async fn answer(
        cache: &ReadCache<Bytes>,
        key: &str,
        value: &'static str,
    ) -> Result<Bytes, std::convert::Infallible> {
        cache
            .get_or_compute(key.to_owned(), async {
                Ok(Bytes::from_static(value.as_bytes()))
            })
            .await
    }

    #[actix_web::test]
    async fn serves_the_first_answer_until_a_write() {
        let cache = cache(Duration::from_secs(60));
        assert_eq!(answer(&cache, "k", "one").await.unwrap(), "one");
        assert_eq!(answer(&cache, "k", "two").await.unwrap(), "one");
        assert_eq!(answer(&cache, "other", "three").await.unwrap(), "three");
        cache.invalidate();
        assert_eq!(answer(&cache, "k", "two").await.unwrap(), "two");
        assert_eq!((cache.hits.get(), cache.misses.get()), (1, 3));
    }

    #[actix_web::test]
    async fn an_answer_computed_across_a_write_is_not_kept() {
        let cache = cache(Duration::from_secs(60));
        let stale = cache
            .get_or_compute("k".to_owned(), async {
                // The write lands while the answer is being read from the database.
                cache.invalidate();
                Ok::<_, std::convert::Infallible>(Bytes::from_static(b"before"))
            })
            .await
            .unwrap();
        assert_eq!(stale, "before");
        assert_eq!(answer(&cache, "k", "after").await.unwrap(), "after");
    }

    #[actix_web::test]
    async fn failures_are_not_kept() {
        let cache = cache(Duration::from_secs(60));
        let failed: Result<Bytes, &str> = cache
            .get_or_compute("k".to_owned(), async { Err("database busy") })
            .await;
        assert!(failed.is_err());
        assert_eq!(answer(&cache, "k", "fine").await.unwrap(), "fine");
    }

    #[actix_web::test]
    async fn entries_expire() {
        let cache = cache(Duration::from_millis(50));
        assert_eq!(answer(&cache, "k", "one").await.unwrap(), "one");
        actix_web::rt::time::sleep(Duration::from_millis(120)).await;
        assert_eq!(answer(&cache, "k", "two").await.unwrap(), "two");
    }
}
