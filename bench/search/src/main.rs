//! Measurements for `comune-search` (issue 4):
//!
//! - `relevance`: the relevance set of `search/tests/relevance/` on our index and on PostgreSQL
//!   full-text search (`to_tsvector('italian', ...)`, `ts_rank`), MRR@10 and nDCG@10 side by side.
//! - `run --docs N`: a deterministic synthetic corpus, indexed on disk (throughput, size, resident
//!   memory), then the same query mix timed on our index, PostgreSQL (GIN) and SQLite FTS5.
//!
//! PostgreSQL comes from `COMUNE_TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); a database of our own is created and dropped.

mod corpus;
mod relevance;
mod run;

use clap::{Parser, Subcommand};

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[derive(Parser)]
#[command(about = "comune-search relevance comparison and benchmark")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// MRR@10 and nDCG@10 of the relevance set, ours vs PostgreSQL full-text search.
    Relevance,
    /// Synthetic corpus: indexing throughput, size, memory, query latency vs PostgreSQL and FTS5.
    Run(run::Args),
}

fn database_url() -> String {
    std::env::var("COMUNE_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned())
}

/// A PostgreSQL database created for this run and dropped when this value is.
pub struct ScratchDb {
    admin: postgres::Config,
    pub name: String,
}

impl ScratchDb {
    pub fn create(
        prefix: &str,
    ) -> Result<(ScratchDb, postgres::Client), Box<dyn std::error::Error>> {
        let admin: postgres::Config = database_url().parse()?;
        let name = format!("{prefix}_{}", std::process::id());
        let mut client = admin.connect(postgres::NoTls)?;
        // Two statements: CREATE DATABASE cannot run in the implicit transaction of a batch.
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))?;
        client.batch_execute(&format!("CREATE DATABASE {name}"))?;
        let mut config = admin.clone();
        config.dbname(&name);
        let db = config.connect(postgres::NoTls)?;
        Ok((ScratchDb { admin, name }, db))
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        let dropped = self.admin.connect(postgres::NoTls).and_then(|mut client| {
            client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
        });
        if let Err(error) = dropped {
            eprintln!("could not drop database {}: {error}", self.name);
        }
    }
}

fn main() {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Relevance => relevance::main(),
        Command::Run(args) => run::main(&args),
    };
    if let Err(error) = outcome {
        eprintln!("error: {error:?}");
        std::process::exit(1);
    }
}
