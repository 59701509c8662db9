//! Prometheus metrics: requests by route pattern and status, latency, and the database pool.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

pub struct Metrics {
    registry: Registry,
    pub requests: IntCounterVec,
    pub duration: HistogramVec,
    pub pool: IntGaugeVec,
    pub federation: IntGaugeVec,
    /// Reads answered from the read caches (`hit`) or from the database (`miss`), by cache.
    pub read_cache: IntCounterVec,
}

impl Metrics {
    pub fn new() -> Self {
        let registry =
            Registry::new_custom(Some("comune".into()), None).expect("a constant, valid prefix");
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered"),
            &["method", "route", "status"],
        )
        .expect("valid metric");
        let duration = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time to answer HTTP requests",
            )
            .buckets(vec![
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["method", "route"],
        )
        .expect("valid metric");
        let pool = IntGaugeVec::new(
            Opts::new("db_pool_connections", "Database pool connections by state"),
            &["state"],
        )
        .expect("valid metric");
        let federation = IntGaugeVec::new(
            Opts::new(
                "federation_queue",
                "Outgoing federation: deliveries by state, unreachable hosts, changes waiting",
            ),
            &["state"],
        )
        .expect("valid metric");
        let read_cache = IntCounterVec::new(
            Opts::new(
                "read_cache_total",
                "Reads answered from memory (hit) or from the database (miss), by cache",
            ),
            &["cache", "outcome"],
        )
        .expect("valid metric");
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(duration.clone()),
            Box::new(pool.clone()),
            Box::new(federation.clone()),
            Box::new(read_cache.clone()),
        ] {
            registry.register(collector).expect("registered once");
        }
        Self {
            registry,
            requests,
            duration,
            pool,
            federation,
            read_cache,
        }
    }

    /// Sets the federation gauges (read from the database at scrape time).
    pub fn set_federation(&self, stats: &comune_domain::peers::queue::Stats) {
        for (state, value) in [
            ("pending", stats.pending),
            ("due", stats.due),
            ("in_flight", stats.in_flight),
            ("retrying", stats.retrying),
            ("gave_up", stats.gave_up),
            ("unreachable_hosts", stats.unreachable_hosts),
            ("changes_waiting", stats.changes_waiting),
        ] {
            self.federation.with_label_values(&[state]).set(value);
        }
    }

    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.requests
            .with_label_values(&[method, route, &status.to_string()])
            .inc();
        self.duration
            .with_label_values(&[method, route])
            .observe(seconds);
    }

    pub fn render(&self, pool: &comune_domain::Pool) -> String {
        let state = pool.state();
        self.pool
            .with_label_values(&["idle"])
            .set(i64::from(state.idle_connections));
        self.pool
            .with_label_values(&["in_use"])
            .set(i64::from(state.connections - state.idle_connections));
        let mut buffer = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buffer);
        String::from_utf8(buffer).unwrap_or_default()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}
