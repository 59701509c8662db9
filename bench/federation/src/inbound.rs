//! Inbound: how many signed activities per second the server verifies and stores.
//!
//! People on one fake instance (`peer.bench`) send activities about a public post of a local
//! community to the server's shared inbox. Two kinds:
//!
//! - `like`: each person first follows the community (signed `Follow`, which the server
//!   accepts, so they are members who may like), then the timed phase sends `Like`s, one per
//!   (person, post) pair over enough posts. Each like is stored, and, as the community's
//!   instance does for what happens in it (FEP-1b12), announced to the community's followers:
//!   one `Announce` per like back to `peer.bench`'s shared inbox, signed and sent by the
//!   server's worker in the background.
//! - `note`: `Create(Note)` comments replying to posts (50 unless told), by people who do
//!   not follow (no membership is needed to comment), so nothing is announced: the inbound
//!   path alone. Each person sends one untimed comment first, so the server fetches their
//!   documents before the clock starts.
//!
//! Every answer must be 202; afterwards the API must show every like or comment.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use serde_json::{json, Value};

use crate::api::{self, Server};
use crate::cpu;
use crate::peer::{person_id, Peer};
use crate::send::{deliver_all, ms, percentile, presign, send_all};
use crate::sign::Signer;

/// The fake instance the inbound people live on.
pub const HOST: &str = "peer.bench";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Like,
    Note,
}

pub struct Options {
    pub kind: Kind,
    pub activities: usize,
    pub people: usize,
    /// Notes only: how many posts the comments are spread over (likes need one post per
    /// `people` likes, and get as many as that takes).
    pub posts: usize,
    pub concurrency: usize,
    /// How long to wait for the server's announces of the likes to arrive.
    pub drain_timeout: Duration,
    /// The server's process, to read the CPU time it used.
    pub server_pid: Option<u32>,
}

pub struct Report {
    pub kind: Kind,
    pub activities: usize,
    pub concurrency: usize,
    pub posts: usize,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p90: Duration,
    pub p99: Duration,
    pub max: Duration,
    /// Likes only: from the first like sent to the last of their announces received.
    pub drained: Option<Duration>,
    /// CPU time the server and the bench used during the timed phase.
    pub server_cpu: Option<Duration>,
    pub bench_cpu: Option<Duration>,
}

impl Report {
    pub fn per_second(&self) -> f64 {
        self.activities as f64 / self.elapsed.as_secs_f64()
    }
}

fn follow(run: &str, person: &str, community: &str) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Follow",
        "id": format!("http://{HOST}/follows/{run}/{}", person.rsplit('/').next().unwrap_or("")),
        "actor": person,
        "object": community,
    })
}

fn like(run: &str, n: usize, person: &str, post: &str, community: &str) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Like",
        "id": format!("http://{HOST}/likes/{run}/{n}"),
        "actor": person,
        "object": post,
        "to": [community],
        "audience": community,
    })
}

fn note(run: &str, n: usize, person: &str, post: &str, community: &str) -> Value {
    let id = format!("http://{HOST}/notes/{run}/{n}");
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Create",
        "id": format!("{id}/create"),
        "actor": person,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "cc": [community],
        "audience": community,
        "object": {
            "type": "Note",
            "id": id,
            "attributedTo": person,
            "inReplyTo": post,
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "cc": [community],
            "audience": community,
            "content": format!("<p>Commento numero {n}: ci sarò, e porto anche le <em>sedie</em>.</p>"),
            "mediaType": "text/html",
            "published": chrono::Utc::now().to_rfc3339(),
        },
    })
}

pub async fn run(
    server_addr: SocketAddr,
    peer: Arc<Peer>,
    signer: Arc<Signer>,
    admin: (&str, &str),
    opts: Options,
) -> anyhow::Result<Report> {
    let server = Server::sign_in(server_addr, admin.0, admin.1).await?;
    let client = api::client(server_addr, opts.concurrency)?;
    let run = format!("{:08x}", rand::random::<u32>());
    let slug = format!("inbound-{run}");
    let channel = server.neighbourhood(&slug).await?;
    let community = api::url(&format!("/c/{slug}"));
    let people: Vec<String> = (1..=opts.people)
        .map(|i| person_id(HOST, &format!("p{i}")))
        .collect();
    // Likes: one per (person, post), so as many posts as it takes.
    let posts_needed = match opts.kind {
        Kind::Like => opts.activities.div_ceil(opts.people),
        Kind::Note => opts.posts.max(1),
    };
    let mut posts = Vec::new();
    for i in 0..posts_needed {
        posts.push(
            server
                .post(&channel, &format!("Festa in piazza {i}"))
                .await?,
        );
    }
    eprintln!(
        "inbound {:?}: community {slug}, {} post(s), {} people on {HOST}",
        opts.kind,
        posts.len(),
        people.len()
    );

    // Untimed: the server learns every person (fetches their documents once).
    let mark = peer.mark();
    let warmup: Vec<Value> = match opts.kind {
        Kind::Like => people.iter().map(|p| follow(&run, p, &community)).collect(),
        Kind::Note => people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let post = &posts[i % posts.len()].object_id;
                note(&run, opts.activities + i, p, post, &community)
            })
            .collect(),
    };
    deliver_all(&client, &signer, warmup, 8, "warm-up").await?;
    if opts.kind == Kind::Like {
        server
            .wait_followers(&slug, people.len() as i64, Duration::from_secs(120))
            .await?;
        let expected = people.len();
        if !peer
            .wait_for(mark, Duration::from_secs(120), |d| {
                d.iter().filter(|d| d.kind == "Accept").count() >= expected
            })
            .await
        {
            bail!("the server's Accepts of the follows did not all arrive");
        }
    }
    eprintln!(
        "  warm-up done ({} actor fetches so far); signing {} activities",
        peer.actor_fetches(),
        opts.activities
    );

    let activities: Vec<Value> = (0..opts.activities)
        .map(|n| {
            let person = &people[n % people.len()];
            match opts.kind {
                Kind::Like => like(
                    &run,
                    n,
                    person,
                    &posts[n / people.len()].object_id,
                    &community,
                ),
                Kind::Note => note(
                    &run,
                    n,
                    person,
                    &posts[n % posts.len()].object_id,
                    &community,
                ),
            }
        })
        .collect();
    let prepared = presign(&signer, activities)?;
    let mark = peer.mark();
    let fetches_before = peer.actor_fetches();
    let cpu_before = (cpu::used(opts.server_pid), cpu::used(None));
    let started = Instant::now();
    let outcome = send_all(&client, prepared, opts.concurrency).await;
    let server_cpu = opts
        .server_pid
        .and_then(|pid| Some(cpu::used(Some(pid))? - cpu_before.0?));
    let bench_cpu = cpu::used(None).zip(cpu_before.1).map(|(a, b)| a - b);
    if let Some((status, body)) = outcome.failures.first() {
        bail!(
            "{} of {} activities were not accepted; the first: {status} {body}",
            outcome.failures.len(),
            opts.activities
        );
    }
    let mut latencies = outcome.latencies;
    latencies.sort();
    eprintln!(
        "  {} accepted in {:.2} s ({:.0}/s); {} actor fetches during the run",
        latencies.len(),
        outcome.elapsed.as_secs_f64(),
        latencies.len() as f64 / outcome.elapsed.as_secs_f64(),
        peer.actor_fetches() - fetches_before
    );

    // Every activity stored, as the API shows it.
    match opts.kind {
        Kind::Like => {
            let mut likes = 0;
            for post in &posts {
                likes += server.counts(&post.id).await?.0;
            }
            if likes != opts.activities as i64 {
                bail!("{likes} likes stored, expected {}", opts.activities);
            }
        }
        Kind::Note => {
            let mut comments = 0;
            for post in &posts {
                comments += server.counts(&post.id).await?.1;
            }
            let expected = (opts.activities + people.len()) as i64;
            if comments != expected {
                bail!("{comments} comments stored, expected {expected} (with the warm-up's)");
            }
        }
    }
    eprintln!("  checked: every activity is stored");

    let drained = if opts.kind == Kind::Like {
        let expected = opts.activities;
        let likes_prefix = format!("http://{HOST}/likes/{run}/");
        let complete = peer
            .wait_for(mark, opts.drain_timeout, |d| {
                d.iter()
                    .filter(|d| {
                        d.kind == "Announce"
                            && d.object_ids.iter().any(|id| id.starts_with(&likes_prefix))
                    })
                    .count()
                    >= expected
            })
            .await;
        let arrived: Vec<_> = peer
            .since(mark)
            .into_iter()
            .filter(|d| {
                d.kind == "Announce" && d.object_ids.iter().any(|id| id.starts_with(&likes_prefix))
            })
            .collect();
        if !complete {
            bail!(
                "only {} of {expected} announces of the likes arrived within {:?}",
                arrived.len(),
                opts.drain_timeout
            );
        }
        let last = arrived.iter().map(|d| d.at).max().unwrap_or(started);
        let drained = last - started;
        eprintln!(
            "  the server's {} announces of the likes all arrived {:.2} s after the first like was sent",
            arrived.len(),
            drained.as_secs_f64()
        );
        Some(drained)
    } else {
        None
    };

    Ok(Report {
        kind: opts.kind,
        activities: opts.activities,
        concurrency: opts.concurrency,
        posts: posts.len(),
        elapsed: outcome.elapsed,
        p50: percentile(&latencies, 50.0),
        p90: percentile(&latencies, 90.0),
        p99: percentile(&latencies, 99.0),
        max: latencies.last().copied().unwrap_or_default(),
        drained,
        server_cpu,
        bench_cpu,
    })
}

impl Report {
    /// The server's CPU use during the timed phase: cores busy on average and milliseconds
    /// per activity; and the bench's own cores.
    fn cpu(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        match (self.server_cpu, self.bench_cpu) {
            (Some(server), Some(bench)) => format!(
                "{:.2} cores, {:.2} ms/activity (bench {:.2} cores)",
                server.as_secs_f64() / secs,
                server.as_secs_f64() * 1000.0 / self.activities as f64,
                bench.as_secs_f64() / secs
            ),
            _ => "not measured".into(),
        }
    }

    /// One row of the Markdown table `run.sh` prints.
    pub fn row(&self, label: &str) -> String {
        format!(
            "| {label} | {} | {} | {} | {} | **{:.0}** | {:.1} | {:.1} | {:.1} | {:.1} | {} | {} |",
            match self.kind {
                Kind::Like => "Like",
                Kind::Note => "Create(Note)",
            },
            self.activities,
            self.posts,
            self.concurrency,
            self.per_second(),
            ms(self.p50),
            ms(self.p90),
            ms(self.p99),
            ms(self.max),
            self.cpu(),
            match self.drained {
                Some(d) => format!(
                    "{:.1} s ({:.0}/s)",
                    d.as_secs_f64(),
                    self.activities as f64 / d.as_secs_f64()
                ),
                None => "none sent".into(),
            }
        )
    }
}
