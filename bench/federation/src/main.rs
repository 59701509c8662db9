//! Federation benchmark for Comune (issue 5, acceptance 5), against a running `comune serve`
//! on loopback. The bench plays the other instances: it serves their people's documents,
//! signs what they send, and receives what the server delivers to them.
//!
//! ```text
//! fedbench resolve --peer 127.0.0.1:18473       # the COMUNE_FEDERATION_RESOLVE the server needs
//! fedbench inbound --server 127.0.0.1:18471 --peer 127.0.0.1:18473 --kind like
//! fedbench fanout  --server 127.0.0.1:18471 --peer 127.0.0.1:18473
//! ```
//!
//! The server must run with `COMUNE_PUBLIC_URL=http://comune.bench`,
//! `COMUNE_FEDERATION_ALLOW_PRIVATE=true` and the resolve list above; `run.sh` does all of
//! it. Progress goes to stderr; the result, one Markdown table row, to stdout.

mod api;
mod cpu;
mod fanout;
mod inbound;
mod peer;
mod send;
mod sign;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Federation benchmark for Comune")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Prints the `COMUNE_FEDERATION_RESOLVE` value that sends every bench host to `--peer`.
    Resolve {
        #[arg(long)]
        peer: SocketAddr,
        /// Receiving instances for the fan-out (`h1.bench` ...).
        #[arg(long, default_value_t = 100)]
        hosts: usize,
    },
    /// Signed activities posted to the inbox: accepted per second and latency.
    Inbound {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value_t = inbound::Kind::Like)]
        kind: inbound::Kind,
        /// Activities in the timed phase.
        #[arg(long, default_value_t = 5000)]
        activities: usize,
        /// People sending them (all on `peer.bench`).
        #[arg(long, default_value_t = 100)]
        people: usize,
        /// Notes only: the posts the comments are spread over.
        #[arg(long, default_value_t = 50)]
        posts: usize,
        /// Requests in flight at once.
        #[arg(long, default_value_t = 32)]
        concurrency: usize,
        /// Seconds to wait for the server's announces of the likes.
        #[arg(long, default_value_t = 600)]
        drain_timeout: u64,
    },
    /// One post to the followers on many instances: the time until the last has it.
    Fanout {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value_t = 100)]
        hosts: usize,
        #[arg(long, default_value_t = 10)]
        per_host: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Seconds one post may take to reach every host before the run fails.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
    },
}

#[derive(Args)]
struct Common {
    /// Where the server listens (`COMUNE_BIND`).
    #[arg(long)]
    server: SocketAddr,
    /// Where the fake instances listen (what the resolve list names).
    #[arg(long)]
    peer: SocketAddr,
    /// The instance admin to sign in as (made with `comune admin create`).
    #[arg(long, default_value = "bench")]
    admin: String,
    /// Its password.
    #[arg(long, env = "FEDBENCH_PASSWORD", hide_env_values = true)]
    password: String,
    /// The server's process id, to report the CPU time it used during the measure.
    #[arg(long)]
    server_pid: Option<u32>,
    /// First column of the result row (e.g. the backend).
    #[arg(long, default_value = "")]
    label: String,
}

async fn start_peer(addr: SocketAddr) -> anyhow::Result<(Arc<peer::Peer>, Arc<sign::Signer>)> {
    let signer = tokio::task::spawn_blocking(sign::Signer::generate).await??;
    let peer = peer::Peer::start(addr, signer.public_pem.clone()).await?;
    Ok((peer, Arc::new(signer)))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Resolve { peer, hosts } => {
            let mut names = vec![inbound::HOST.to_owned()];
            names.extend((1..=hosts).map(fanout::host));
            let pairs: Vec<String> = names.iter().map(|h| format!("{h}={peer}")).collect();
            println!("{}", pairs.join(","));
        }
        Command::Inbound {
            common,
            kind,
            activities,
            people,
            posts,
            concurrency,
            drain_timeout,
        } => {
            let (peer, signer) = start_peer(common.peer).await?;
            let report = inbound::run(
                common.server,
                peer,
                signer,
                (&common.admin, &common.password),
                inbound::Options {
                    kind,
                    activities,
                    people,
                    posts,
                    concurrency,
                    drain_timeout: Duration::from_secs(drain_timeout),
                    server_pid: common.server_pid,
                },
            )
            .await?;
            println!("{}", report.row(&common.label));
        }
        Command::Fanout {
            common,
            hosts,
            per_host,
            runs,
            timeout,
        } => {
            let (peer, signer) = start_peer(common.peer).await?;
            let report = fanout::run(
                common.server,
                peer,
                signer,
                (&common.admin, &common.password),
                fanout::Options {
                    hosts,
                    per_host,
                    runs,
                    timeout: Duration::from_secs(timeout),
                },
            )
            .await?;
            println!("{}", report.row(&common.label));
        }
    }
    Ok(())
}
