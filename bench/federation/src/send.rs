//! Delivering signed activities to the server's shared inbox: signing them ahead of time (on
//! every core), then posting them with a fixed number of requests in flight, timing each.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::Value;

use crate::api::{self, SERVER_HOST};
use crate::sign::{http_date_now, Signer};

/// The inbox every activity goes to (all of the server's inboxes are the same handler).
pub const INBOX: &str = "/inbox";

/// A signed request, ready to send.
pub struct Prepared {
    body: Bytes,
    headers: Vec<(&'static str, String)>,
}

/// Signs `activities` (each with its actor's id), on all cores. Every signature is dated now.
pub fn presign(signer: &Signer, activities: Vec<Value>) -> anyhow::Result<Vec<Prepared>> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = activities.len().div_ceil(threads).max(1);
    let mut out: Vec<anyhow::Result<Vec<Prepared>>> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = activities
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|activity| {
                            let actor = activity["actor"].as_str().unwrap_or_default();
                            let body = serde_json::to_vec(activity)?;
                            let headers = signer.headers(
                                &format!("{actor}#main-key"),
                                SERVER_HOST,
                                INBOX,
                                &body,
                                &http_date_now(),
                            )?;
                            Ok(Prepared {
                                body: Bytes::from(body),
                                headers,
                            })
                        })
                        .collect::<anyhow::Result<Vec<_>>>()
                })
            })
            .collect();
        for h in handles {
            out.push(h.join().expect("a signing thread"));
        }
    });
    let mut all = Vec::with_capacity(activities.len());
    for part in out {
        all.extend(part?);
    }
    Ok(all)
}

/// What sending a batch showed.
pub struct Outcome {
    /// From the first request out to the last answer in.
    pub elapsed: Duration,
    /// Of every request answered 202.
    pub latencies: Vec<Duration>,
    /// Status and body of the others (status 0: no answer).
    pub failures: Vec<(u16, String)>,
}

/// Posts every prepared request to the inbox, `concurrency` at a time.
pub async fn send_all(
    client: &reqwest::Client,
    prepared: Vec<Prepared>,
    concurrency: usize,
) -> Outcome {
    let prepared = Arc::new(prepared);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (client, prepared, next) = (client.clone(), prepared.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(p) = prepared.get(i) else {
                    break;
                };
                let mut request = client.post(api::url(INBOX)).body(p.body.clone());
                for (name, value) in &p.headers {
                    request = request.header(*name, value);
                }
                let sent = Instant::now();
                match request.send().await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let body = response.text().await.unwrap_or_default();
                        if status == 202 {
                            latencies.push(sent.elapsed());
                        } else {
                            failures.push((status, body));
                        }
                    }
                    Err(e) => failures.push((0, e.to_string())),
                }
            }
            (latencies, failures)
        }));
    }
    let mut outcome = Outcome {
        elapsed: Duration::ZERO,
        latencies: Vec::with_capacity(prepared.len()),
        failures: Vec::new(),
    };
    for w in workers {
        let (l, f) = w.await.expect("a sending task");
        outcome.latencies.extend(l);
        outcome.failures.extend(f);
    }
    outcome.elapsed = started.elapsed();
    outcome
}

/// Signs and sends `activities`, failing unless every one was accepted.
pub async fn deliver_all(
    client: &reqwest::Client,
    signer: &Signer,
    activities: Vec<Value>,
    concurrency: usize,
    what: &str,
) -> anyhow::Result<Outcome> {
    let prepared = presign(signer, activities)?;
    let outcome = send_all(client, prepared, concurrency).await;
    if let Some((status, body)) = outcome.failures.first() {
        anyhow::bail!(
            "{what}: {} of {} not accepted; the first: {status} {body}",
            outcome.failures.len(),
            outcome.failures.len() + outcome.latencies.len()
        );
    }
    Ok(outcome)
}

/// The `p`-th percentile (0-100) of `values`, nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
