//! Fan-out: the time from the API's answer to a new post until the last of the receiving
//! instances has it.
//!
//! `hosts` fake instances (`h1.bench` ... `h100.bench`), each with `per_host` people and one
//! shared inbox, follow a fresh local community by real signed `Follow`s, which the server
//! accepts (the followers are made as a peer makes them, not written into the database). Then,
//! `runs` times, the admin posts in the community's public channel through the API; the server
//! announces the post to the followers, which its shared-inbox deduplication makes one delivery
//! per host. The clock starts when the API answers and stops when the last host has it; every
//! host must get it exactly once, at its shared inbox.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use serde_json::{json, Value};

use crate::api::{self, Server};
use crate::peer::{person_id, Delivery, Peer};
use crate::send::deliver_all;
use crate::sign::Signer;

pub fn host(i: usize) -> String {
    format!("h{i}.bench")
}

pub struct Options {
    pub hosts: usize,
    pub per_host: usize,
    pub runs: usize,
    /// How long one post may take to reach every host before the run fails.
    pub timeout: Duration,
}

pub struct Run {
    /// The API's answer to the post.
    pub api: Duration,
    /// From the API's answer to the first, the middle and the last host's delivery.
    pub first: Duration,
    pub median: Duration,
    pub last: Duration,
}

pub struct Report {
    pub followers: usize,
    pub hosts: usize,
    /// How long the follows took to be accepted (all follows sent, counted, Accepts back).
    pub follow_setup: Duration,
    pub runs: Vec<Run>,
}

/// Whether `d` is the community's `Announce` of the post's `Create`: the post sits below the
/// Create in its chain. (Each new post also gets a boost, an `Announce` of the post's bare id for
/// microblogs, which this leaves out: it is not what the target measures.)
fn carries(d: &Delivery, object_id: &str) -> bool {
    d.object_ids.iter().skip(1).any(|id| id == object_id)
}

pub async fn run(
    server_addr: SocketAddr,
    peer: Arc<Peer>,
    signer: Arc<Signer>,
    admin: (&str, &str),
    opts: Options,
) -> anyhow::Result<Report> {
    let server = Server::sign_in(server_addr, admin.0, admin.1).await?;
    let client = api::client(server_addr, 16)?;
    let run = format!("{:08x}", rand::random::<u32>());
    let slug = format!("fanout-{run}");
    let channel = server.neighbourhood(&slug).await?;
    let community = api::url(&format!("/c/{slug}"));
    let followers = opts.hosts * opts.per_host;

    // The followers, by real Follows from every person of every fake instance.
    let follows: Vec<Value> = (1..=opts.hosts)
        .flat_map(|h| (1..=opts.per_host).map(move |u| (host(h), format!("u{u}"))))
        .map(|(host, name)| {
            json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "type": "Follow",
                "id": format!("http://{host}/follows/{run}/{name}"),
                "actor": person_id(&host, &name),
                "object": community,
            })
        })
        .collect();
    eprintln!(
        "fan-out: community {slug}; {followers} people on {} hosts follow it",
        opts.hosts
    );
    let mark = peer.mark();
    let started = Instant::now();
    deliver_all(&client, &signer, follows, 16, "follows").await?;
    server
        .wait_followers(&slug, followers as i64, Duration::from_secs(300))
        .await?;
    if !peer
        .wait_for(mark, Duration::from_secs(300), |d| {
            d.iter().filter(|d| d.kind == "Accept").count() >= followers
        })
        .await
    {
        bail!("the server's Accepts of the follows did not all arrive");
    }
    let follow_setup = started.elapsed();
    eprintln!(
        "  {followers} followers accepted in {:.1} s ({} actor fetches)",
        follow_setup.as_secs_f64(),
        peer.actor_fetches()
    );

    let mut runs = Vec::new();
    for i in 1..=opts.runs {
        // Let the worker go idle, so each run starts from the same state; the random part keeps
        // the post from falling at the same point of the worker's polling cycle every run.
        let pause = 1000 + rand::random::<u64>() % 1000;
        tokio::time::sleep(Duration::from_millis(pause)).await;
        let mark = peer.mark();
        let asked = Instant::now();
        let post = server.post(&channel, &format!("Avviso {i}")).await?;
        let answered = Instant::now();
        let hosts = opts.hosts;
        let complete = peer
            .wait_for(mark, opts.timeout, |d| {
                let mut seen = std::collections::HashSet::new();
                for d in d.iter().filter(|d| carries(d, &post.object_id)) {
                    seen.insert(d.host.as_str());
                }
                seen.len() >= hosts
            })
            .await;
        // Anything arriving twice would come soon after: wait a little before counting.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let arrived: Vec<Delivery> = peer
            .since(mark)
            .into_iter()
            .filter(|d| carries(d, &post.object_id))
            .collect();
        let mut per_host: BTreeMap<&str, Vec<&Delivery>> = BTreeMap::new();
        for d in &arrived {
            per_host.entry(d.host.as_str()).or_default().push(d);
        }
        if !complete {
            bail!(
                "run {i}: the post reached {} of {} hosts within {:?}",
                per_host.len(),
                opts.hosts,
                opts.timeout
            );
        }
        let twice: Vec<_> = per_host.iter().filter(|(_, d)| d.len() != 1).collect();
        if !twice.is_empty() || arrived.len() != opts.hosts {
            bail!(
                "run {i}: {} deliveries for {} hosts; more than one to {:?}",
                arrived.len(),
                opts.hosts,
                twice.iter().map(|(h, _)| *h).collect::<Vec<_>>()
            );
        }
        if let Some(d) = arrived.iter().find(|d| d.path != "/inbox" || !d.signed) {
            bail!(
                "run {i}: a delivery to {}{} (signed: {}), not to the shared inbox, signed",
                d.host,
                d.path,
                d.signed
            );
        }
        let mut times: Vec<Duration> = arrived
            .iter()
            .map(|d| d.at.saturating_duration_since(answered))
            .collect();
        times.sort();
        let r = Run {
            api: answered - asked,
            first: times[0],
            median: times[times.len() / 2],
            last: times[times.len() - 1],
        };
        eprintln!(
            "  run {i}: API answered in {:.0} ms; first host after {:.0} ms, half after {:.0} ms, all {} after {:.0} ms",
            r.api.as_secs_f64() * 1000.0,
            r.first.as_secs_f64() * 1000.0,
            r.median.as_secs_f64() * 1000.0,
            opts.hosts,
            r.last.as_secs_f64() * 1000.0
        );
        runs.push(r);
    }
    Ok(Report {
        followers,
        hosts: opts.hosts,
        follow_setup,
        runs,
    })
}

impl Report {
    /// One row of the Markdown table `run.sh` prints.
    pub fn row(&self, label: &str) -> String {
        let mut last: Vec<f64> = self.runs.iter().map(|r| r.last.as_secs_f64()).collect();
        last.sort_by(f64::total_cmp);
        let median = last[last.len() / 2];
        let max = last[last.len() - 1];
        let each = self
            .runs
            .iter()
            .map(|r| format!("{:.2}", r.last.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ");
        let first: Vec<String> = self
            .runs
            .iter()
            .map(|r| format!("{:.2}", r.first.as_secs_f64()))
            .collect();
        format!(
            "| {label} | {} on {} hosts | {} | **{median:.2} s** | {max:.2} s | {each} | {} | {:.1} s |",
            self.followers,
            self.hosts,
            self.runs.len(),
            first.join(", "),
            self.follow_setup.as_secs_f64()
        )
    }
}
