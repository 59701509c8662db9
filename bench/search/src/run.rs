//! `run`: index the synthetic corpus on disk, then time a fixed query mix on our index,
//! PostgreSQL full-text search (GIN) and SQLite FTS5.

use std::error::Error;
use std::path::Path;
use std::time::{Duration, Instant};

use clap::Args as ClapArgs;
use comune_search::{Change, Document, Kind, Query, SearchIndex, Visibility};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::corpus::{self, Generator, Vocabulary};
use crate::ScratchDb;

#[derive(ClapArgs)]
pub struct Args {
    /// Documents in the corpus.
    #[arg(long, default_value_t = 1_000_000)]
    docs: usize,
    /// Documents per `SearchIndex::apply` (one commit each) and per database transaction.
    #[arg(long, default_value_t = 50_000)]
    batch: usize,
    /// Timed runs of each query type (cycling over its query instances).
    #[arg(long, default_value_t = 200)]
    runs: usize,
    /// Corpus seed.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    #[arg(long)]
    skip_postgres: bool,
    #[arg(long)]
    skip_sqlite: bool,
    /// Keep our index in this directory instead of a temporary one; when it already holds
    /// `--docs` documents (from an earlier run with the same corpus), indexing is skipped and
    /// only the queries are timed. For iterating on query speed.
    #[arg(long)]
    index_dir: Option<std::path::PathBuf>,
}

/// Query instances per type.
const INSTANCES: usize = 20;
/// Page size for every engine.
const PAGE: usize = 20;
/// Documents added through the live path (`apply`) after the bulk load.
const LIVE_DOCS: usize = 20_000;
/// The server's indexer batch (`server/src/search.rs`).
const LIVE_BATCH: usize = 500;

#[derive(Clone, Copy, PartialEq, Eq)]
enum QueryType {
    Single,
    Two,
    Phrase,
    Misspelled,
    Filtered,
    Browse,
}

impl QueryType {
    const ALL: [QueryType; 6] = [
        QueryType::Single,
        QueryType::Two,
        QueryType::Phrase,
        QueryType::Misspelled,
        QueryType::Filtered,
        QueryType::Browse,
    ];

    fn label(self) -> &'static str {
        match self {
            QueryType::Single => "single word",
            QueryType::Two => "two words",
            QueryType::Phrase => "phrase",
            QueryType::Misspelled => "misspelling",
            QueryType::Filtered => "community + kind filter, one word",
            QueryType::Browse => "browse: community, no text, facets",
        }
    }
}

/// One query of the mix, in a form every engine can take.
#[derive(Clone)]
struct MixQuery {
    kind: QueryType,
    /// Words (for `Phrase`, adjacent words of one document).
    words: Vec<String>,
    community: Option<String>,
    content_kind: Option<Kind>,
}

impl MixQuery {
    fn text(&self) -> String {
        match self.kind {
            QueryType::Phrase => format!("\"{}\"", self.words.join(" ")),
            QueryType::Browse => String::new(),
            _ => self.words.join(" "),
        }
    }

    /// FTS5 MATCH expression: quoted words ANDed, or one quoted phrase.
    fn fts5(&self) -> String {
        match self.kind {
            QueryType::Phrase => format!("\"{}\"", self.words.join(" ")),
            _ => self
                .words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

fn mix(vocab: &Vocabulary, phrases: &[(String, String)], seed: u64) -> Vec<MixQuery> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5175_6572);
    // Content words from frequent to fairly rare (Zipf ranks ~60 to ~2,000).
    let content = &vocab.words[vocab.content_start..vocab.tail_start];
    let word = |rng: &mut StdRng| content[rng.gen_range(0..content.len())].clone();
    let mut out = Vec::new();
    for kind in QueryType::ALL {
        for i in 0..INSTANCES {
            let q = match kind {
                QueryType::Single => MixQuery {
                    kind,
                    words: vec![word(&mut rng)],
                    community: None,
                    content_kind: None,
                },
                QueryType::Two => MixQuery {
                    kind,
                    words: vec![word(&mut rng), word(&mut rng)],
                    community: None,
                    content_kind: None,
                },
                QueryType::Phrase => {
                    let (a, b) = phrases[i * phrases.len() / INSTANCES].clone();
                    MixQuery {
                        kind,
                        words: vec![a, b],
                        community: None,
                        content_kind: None,
                    }
                }
                QueryType::Misspelled => {
                    let w = loop {
                        let w = word(&mut rng);
                        if w.chars().count() >= 6 && w.is_ascii() {
                            break w;
                        }
                    };
                    let cut = rng.gen_range(1..w.len() - 1);
                    let typo = format!("{}{}", &w[..cut], &w[cut + 1..]);
                    MixQuery {
                        kind,
                        words: vec![typo],
                        community: None,
                        content_kind: None,
                    }
                }
                QueryType::Filtered => MixQuery {
                    kind,
                    words: vec![word(&mut rng)],
                    community: Some(corpus::community(rng.gen_range(0..40))),
                    content_kind: Some([Kind::Thread, Kind::Comment, Kind::Event][i % 3]),
                },
                QueryType::Browse => MixQuery {
                    kind,
                    words: Vec::new(),
                    community: Some(corpus::community(rng.gen_range(0..corpus::COMMUNITIES))),
                    content_kind: None,
                },
            };
            out.push(q);
        }
    }
    out
}

/// Latencies of one engine for one query type.
struct Timings {
    samples: Vec<Duration>,
    hits: u64,
}

impl Timings {
    fn percentile(&self, p: f64) -> Duration {
        let mut s = self.samples.clone();
        s.sort_unstable();
        let rank = ((p * s.len() as f64).ceil() as usize).clamp(1, s.len());
        s[rank - 1]
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Runs every query type `runs` times (after one untimed pass) through `run`, which returns the
/// number of hits it saw.
fn time_mix(
    queries: &[MixQuery],
    runs: usize,
    mut run: impl FnMut(&MixQuery) -> Result<u64, Box<dyn Error>>,
) -> Result<Vec<Timings>, Box<dyn Error>> {
    for q in queries {
        run(q)?;
    }
    let mut out = Vec::new();
    for kind in QueryType::ALL {
        let of_kind: Vec<&MixQuery> = queries.iter().filter(|q| q.kind == kind).collect();
        let mut timings = Timings {
            samples: Vec::with_capacity(runs),
            hits: 0,
        };
        for r in 0..runs {
            let q = of_kind[r % of_kind.len()];
            let start = Instant::now();
            let hits = run(q)?;
            timings.samples.push(start.elapsed());
            if r < of_kind.len() {
                timings.hits += hits;
            }
        }
        out.push(timings);
    }
    Ok(out)
}

/// Waits until the segment count has not changed for three seconds (background merges done);
/// gives up after ten minutes. Returns the count.
fn settle(index: &SearchIndex) -> Result<usize, Box<dyn Error>> {
    let started = Instant::now();
    let mut last = index.segment_count()?;
    let mut stable_since = Instant::now();
    while stable_since.elapsed() < Duration::from_secs(3)
        && started.elapsed() < Duration::from_secs(600)
    {
        std::thread::sleep(Duration::from_millis(250));
        let now = index.segment_count()?;
        if now != last {
            last = now;
            stable_since = Instant::now();
        }
    }
    Ok(last)
}

fn status_kb(field: &str) -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn reset_peak_rss() {
    // "5" resets VmHWM to the current RSS (Linux >= 4.0).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / 1024.0 / 1024.0)
}

fn rate(n: usize, d: Duration) -> String {
    format!("{:.0}", n as f64 / d.as_secs_f64())
}

pub fn main(args: &Args) -> Result<(), Box<dyn Error>> {
    let started = Instant::now();
    let vocab = Vocabulary::new();
    println!(
        "corpus: {} documents, seed {}, vocabulary {} words",
        args.docs,
        args.seed,
        vocab.words.len()
    );
    let mut report = Vec::new();

    // ---- ours: index on disk ----
    let tmp = tempfile::Builder::new().prefix("comune-bench-").tempdir()?;
    let dir = match &args.index_dir {
        Some(kept) => kept.clone(),
        None => tmp.path().join("search"),
    };
    let index = SearchIndex::open(&dir)?.index;
    let reuse = args.index_dir.is_some() && index.num_docs() == args.docs as u64;
    let mut phrases = Vec::new();
    let mut apply_time = Duration::ZERO;
    let wall = Instant::now();
    let mut batch = Vec::with_capacity(args.batch);
    let mut chars = 0usize;
    // The bulk path of `comune search reindex`: one rebuild, committed once at the end.
    let mut rebuild = if reuse { None } else { Some(index.rebuild()?) };
    for doc in Generator::new(&vocab, args.seed, args.docs) {
        chars += doc.title.len() + doc.body.len();
        if phrases.len() < 200 && doc.visibility == Visibility::Public {
            collect_phrase(&vocab, &doc, &mut phrases);
        }
        let Some(rebuild) = rebuild.as_mut() else {
            if phrases.len() >= 200 {
                break;
            }
            continue;
        };
        batch.push(doc);
        if batch.len() == args.batch {
            let t = Instant::now();
            rebuild.add(&batch)?;
            apply_time += t.elapsed();
            batch.clear();
            eprint!(".");
        }
    }
    if let Some(mut rebuild) = rebuild.take() {
        let t = Instant::now();
        rebuild.add(&batch)?;
        rebuild.finish()?;
        apply_time += t.elapsed();
    }
    drop(rebuild);
    drop(batch);
    eprintln!();
    let wall_index = wall.elapsed();
    let indexed = index.num_docs();
    // The commit starts the merges the merge policy wants, in the background; a server lets them
    // finish, so the queries are timed on the index they leave (closing would abandon them).
    let t = Instant::now();
    let segments_before = index.segment_count()?;
    let segments = settle(&index)?;
    let settled = t.elapsed();
    let hwm_index = status_kb("VmHWM:").unwrap_or(0);
    let size_after_index = dir_size(&dir);
    // Close (waits for the writer) and reopen, as the server would after a restart.
    let t = Instant::now();
    drop(index);
    let close = t.elapsed();
    let t = Instant::now();
    let opened = SearchIndex::open(&dir)?;
    let reopen = t.elapsed();
    assert!(!opened.needs_rebuild, "the benchmark index should reopen");
    let index = opened.index;
    let size = dir_size(&dir);
    if reuse {
        println!(
            "ours: reusing the index in {} (indexing figures below are not measured)",
            dir.display()
        );
    }
    println!(
        "ours: {indexed} documents ({} of title+body text) indexed in {:.1} s of rebuild \
         ({} docs/s; {:.1} s wall with generation, {} docs/s); close {:.1} s, reopen {:.2} s",
        mib(chars as u64),
        apply_time.as_secs_f64(),
        rate(args.docs, apply_time),
        wall_index.as_secs_f64(),
        rate(args.docs, wall_index),
        close.as_secs_f64(),
        reopen.as_secs_f64()
    );
    println!(
        "ours: {segments_before} segments after the rebuild's commit, {segments} after the \
         background merges, which took {:.1} s more",
        settled.as_secs_f64()
    );
    println!(
        "ours: index size {} right after indexing, {} after close/reopen; peak RSS while \
         indexing {} MiB",
        mib(size_after_index),
        mib(size),
        hwm_index / 1024
    );

    phrases.sort();
    phrases.dedup();
    let queries = mix(&vocab, &phrases, args.seed);
    reset_peak_rss();
    let ours = time_mix(&queries, args.runs, |q| {
        let results = index.search(&Query {
            text: q.text(),
            community: q.community.clone(),
            kinds: q.content_kind.into_iter().collect(),
            limit: PAGE,
            ..Query::default()
        })?;
        Ok(results.total)
    })?;
    let rss_query = status_kb("VmRSS:").unwrap_or(0);
    let hwm_query = status_kb("VmHWM:").unwrap_or(0);
    println!(
        "ours: RSS after the query mix {} MiB (peak during queries {} MiB)",
        rss_query / 1024,
        hwm_query / 1024
    );
    // The live path: the server's indexer applies the change feed in batches of 500, each one
    // commit, every upsert also deleting any older version of its id. Measured on the full
    // index, then undone so a kept index stays as the corpus made it.
    let live: Vec<Change> = Generator::new(&vocab, args.seed ^ 0x11fe, LIVE_DOCS)
        .map(|mut doc| {
            doc.id = format!("live-{}", doc.id);
            Change::Upsert(doc)
        })
        .collect();
    let t = Instant::now();
    for chunk in live.chunks(LIVE_BATCH) {
        index.apply(chunk)?;
    }
    let live_time = t.elapsed();
    let undo: Vec<Change> = live
        .iter()
        .map(|c| match c {
            Change::Upsert(doc) => Change::Delete { id: doc.id.clone() },
            Change::Delete { id } => Change::Delete { id: id.clone() },
        })
        .collect();
    index.apply(&undo)?;
    println!(
        "ours: live path: {LIVE_DOCS} more documents through apply() in batches of {LIVE_BATCH} \
         (one commit each) in {:.1} s, {} docs/s",
        live_time.as_secs_f64(),
        rate(LIVE_DOCS, live_time)
    );
    report.push(format!(
        "| comune-search (tantivy) | {} docs/s (rebuild); {} docs/s live (apply, batches of {LIVE_BATCH}) | {} | peak {} MiB indexing, {} MiB querying |",
        rate(args.docs, apply_time),
        rate(LIVE_DOCS, live_time),
        mib(size),
        hwm_index / 1024,
        hwm_query / 1024
    ));
    drop(index);
    drop(tmp);

    // ---- PostgreSQL ----
    let pg = if args.skip_postgres {
        None
    } else {
        let (scratch, mut db) = ScratchDb::create("comune_bench")?;
        let (load, build) = load_postgres(&mut db, &vocab, args)?;
        let size: i64 = db
            .query_one("SELECT pg_total_relation_size('docs')", &[])?
            .get(0);
        println!(
            "postgres: loaded in {:.1} s ({} docs/s, tsvector computed on insert), GIN index \
             built in {:.1} s, table+indexes {}",
            load.as_secs_f64(),
            rate(args.docs, load),
            build.as_secs_f64(),
            mib(size as u64)
        );
        report.push(format!(
            "| PostgreSQL FTS (GIN) | {} docs/s load + {:.0} s GIN build | {} | server process, not measured |",
            rate(args.docs, load),
            build.as_secs_f64(),
            mib(size as u64)
        ));
        let timings = time_postgres(&mut db, &queries, args.runs)?;
        drop(db);
        drop(scratch);
        Some(timings)
    };

    // ---- SQLite FTS5 ----
    let lite = if args.skip_sqlite {
        None
    } else {
        let tmp = tempfile::Builder::new()
            .prefix("comune-bench-sqlite-")
            .tempdir()?;
        let path = tmp.path().join("fts.db");
        let mut db = rusqlite::Connection::open(&path)?;
        let load = load_sqlite(&mut db, &vocab, args)?;
        let size = std::fs::metadata(&path)?.len();
        println!(
            "sqlite: loaded in {:.1} s ({} docs/s), file {}",
            load.as_secs_f64(),
            rate(args.docs, load),
            mib(size)
        );
        report.push(format!(
            "| SQLite FTS5 | {} docs/s load | {} | in-process, not separated |",
            rate(args.docs, load),
            mib(size)
        ));
        let timings = time_sqlite(&db, &queries, args.runs)?;
        drop(db);
        drop(tmp);
        Some(timings)
    };

    println!();
    println!("| engine | indexing | size on disk | resident memory |");
    println!("| --- | ---: | ---: | --- |");
    for line in &report {
        println!("{line}");
    }
    println!();
    println!(
        "Query latency in ms over {} runs per type ({} instances each), page of {PAGE}:",
        args.runs, INSTANCES
    );
    println!();
    println!("| query type | ours p50 | ours p99 | PostgreSQL p50 | PostgreSQL p99 | SQLite FTS5 p50 | SQLite FTS5 p99 | PostgreSQL p50 / ours p50 |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let cell = |t: Option<&Timings>, p: f64| t.map_or("-".to_owned(), |t| ms(t.percentile(p)));
    for (i, kind) in QueryType::ALL.iter().enumerate() {
        let o = &ours[i];
        let p = pg.as_ref().map(|v| &v[i]);
        let s = lite.as_ref().map(|v| &v[i]);
        let ratio = p.map_or("-".to_owned(), |p| {
            format!(
                "{:.1}x",
                p.percentile(0.5).as_secs_f64() / o.percentile(0.5).as_secs_f64()
            )
        });
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {ratio} |",
            kind.label(),
            ms(o.percentile(0.5)),
            ms(o.percentile(0.99)),
            cell(p, 0.5),
            cell(p, 0.99),
            cell(s, 0.5),
            cell(s, 0.99),
        );
    }
    let all = |v: &[Timings]| Timings {
        samples: v.iter().flat_map(|t| t.samples.iter().copied()).collect(),
        hits: 0,
    };
    let o = all(&ours);
    let p = pg.as_deref().map(all);
    let s = lite.as_deref().map(all);
    let ratio = p.as_ref().map_or("-".to_owned(), |p| {
        format!(
            "{:.1}x",
            p.percentile(0.5).as_secs_f64() / o.percentile(0.5).as_secs_f64()
        )
    });
    println!(
        "| **whole mix** | **{}** | **{}** | {} | {} | {} | {} | {ratio} |",
        ms(o.percentile(0.5)),
        ms(o.percentile(0.99)),
        cell(p.as_ref(), 0.5),
        cell(p.as_ref(), 0.99),
        cell(s.as_ref(), 0.5),
        cell(s.as_ref(), 0.99),
    );
    println!();
    println!("Mean matches per query instance (ours: total visible matches; others: rows returned, at most {PAGE}):");
    println!();
    println!("| query type | ours | PostgreSQL | SQLite FTS5 |");
    println!("| --- | ---: | ---: | ---: |");
    for (i, kind) in QueryType::ALL.iter().enumerate() {
        let mean = |t: Option<&Timings>| {
            t.map_or("-".to_owned(), |t| {
                format!("{:.0}", t.hits as f64 / INSTANCES as f64)
            })
        };
        println!(
            "| {} | {} | {} | {} |",
            kind.label(),
            mean(Some(&ours[i])),
            mean(pg.as_ref().map(|v| &v[i])),
            mean(lite.as_ref().map(|v| &v[i]))
        );
    }
    println!();
    println!("total wall time {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Two adjacent content words of the body, for the phrase queries.
fn collect_phrase(vocab: &Vocabulary, doc: &Document, out: &mut Vec<(String, String)>) {
    let is_content = |w: &str| {
        vocab.words[vocab.content_start..vocab.tail_start]
            .iter()
            .any(|c| c == w)
    };
    let words: Vec<&str> = doc.body.split([' ', '.']).collect();
    for pair in words.windows(2) {
        if !pair[0].is_empty() && is_content(pair[0]) && is_content(pair[1]) {
            out.push((pair[0].to_owned(), pair[1].to_owned()));
            return;
        }
    }
}

fn is_public(doc: &Document) -> bool {
    doc.visibility == Visibility::Public
}

const PG_ROWS_PER_INSERT: usize = 500;

fn load_postgres(
    db: &mut postgres::Client,
    vocab: &Vocabulary,
    args: &Args,
) -> Result<(Duration, Duration), Box<dyn Error>> {
    db.batch_execute(
        "CREATE TABLE docs (
             id text PRIMARY KEY,
             kind text NOT NULL,
             community text NOT NULL,
             public boolean NOT NULL,
             created_at timestamptz NOT NULL,
             title text NOT NULL,
             body text NOT NULL,
             tsv tsvector GENERATED ALWAYS AS (
                 setweight(to_tsvector('italian', title), 'A')
                 || setweight(to_tsvector('italian', body), 'D')
             ) STORED
         )",
    )?;
    let values: Vec<String> = (0..PG_ROWS_PER_INSERT)
        .map(|r| {
            let b = r * 7;
            format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7
            )
        })
        .collect();
    let insert = db.prepare(&format!(
        "INSERT INTO docs (id, kind, community, public, created_at, title, body) VALUES {}",
        values.join(", ")
    ))?;
    let mut rows: Vec<(
        String,
        String,
        String,
        bool,
        std::time::SystemTime,
        String,
        String,
    )> = Vec::with_capacity(PG_ROWS_PER_INSERT);
    let mut load = Duration::ZERO;
    let mut tx_rows = 0;
    let mut tx = db.transaction()?;
    let flush = |tx: &mut postgres::Transaction<'_>,
                 rows: &mut Vec<(
        String,
        String,
        String,
        bool,
        std::time::SystemTime,
        String,
        String,
    )>|
     -> Result<Duration, Box<dyn Error>> {
        let t = Instant::now();
        if rows.len() == PG_ROWS_PER_INSERT {
            let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> = Vec::new();
            for r in rows.iter() {
                params.extend([
                    &r.0 as &(dyn postgres::types::ToSql + Sync),
                    &r.1,
                    &r.2,
                    &r.3,
                    &r.4,
                    &r.5,
                    &r.6,
                ]);
            }
            tx.execute(&insert, &params)?;
        } else {
            let single = tx.prepare(
                "INSERT INTO docs (id, kind, community, public, created_at, title, body) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )?;
            for r in rows.iter() {
                tx.execute(&single, &[&r.0, &r.1, &r.2, &r.3, &r.4, &r.5, &r.6])?;
            }
        }
        rows.clear();
        Ok(t.elapsed())
    };
    for doc in Generator::new(vocab, args.seed, args.docs) {
        rows.push((
            doc.id.clone(),
            doc.kind.as_str().to_owned(),
            doc.community.clone().unwrap_or_default(),
            is_public(&doc),
            std::time::SystemTime::from(doc.created_at),
            doc.title,
            doc.body,
        ));
        if rows.len() == PG_ROWS_PER_INSERT {
            load += flush(&mut tx, &mut rows)?;
            tx_rows += PG_ROWS_PER_INSERT;
            if tx_rows >= args.batch {
                let t = Instant::now();
                tx.commit()?;
                load += t.elapsed();
                tx = db.transaction()?;
                tx_rows = 0;
            }
        }
    }
    load += flush(&mut tx, &mut rows)?;
    let t = Instant::now();
    tx.commit()?;
    load += t.elapsed();

    let t = Instant::now();
    db.batch_execute(
        "SET maintenance_work_mem = '512MB';
         CREATE INDEX docs_tsv ON docs USING gin (tsv);
         CREATE INDEX docs_community ON docs (community, created_at);
         ANALYZE docs;",
    )?;
    Ok((load, t.elapsed()))
}

fn time_postgres(
    db: &mut postgres::Client,
    queries: &[MixQuery],
    runs: usize,
) -> Result<Vec<Timings>, Box<dyn Error>> {
    let text = db.prepare(
        "SELECT id FROM docs, websearch_to_tsquery('italian', $1) AS q
         WHERE tsv @@ q AND public ORDER BY ts_rank(tsv, q) DESC, created_at DESC LIMIT 20",
    )?;
    let filtered = db.prepare(
        "SELECT id FROM docs, websearch_to_tsquery('italian', $1) AS q
         WHERE tsv @@ q AND public AND community = $2 AND kind = $3
         ORDER BY ts_rank(tsv, q) DESC, created_at DESC LIMIT 20",
    )?;
    let browse = db.prepare(
        "SELECT id FROM docs WHERE community = $1 AND public ORDER BY created_at DESC LIMIT 20",
    )?;
    let facets = db
        .prepare("SELECT kind, count(*) FROM docs WHERE community = $1 AND public GROUP BY kind")?;
    time_mix(queries, runs, |q| {
        let rows = match q.kind {
            QueryType::Filtered => {
                let kind = q.content_kind.map(Kind::as_str).unwrap_or_default();
                db.query(&filtered, &[&q.text(), &q.community, &kind])?
                    .len()
            }
            QueryType::Browse => {
                let n = db.query(&browse, &[&q.community])?.len();
                db.query(&facets, &[&q.community])?;
                n
            }
            _ => db.query(&text, &[&q.text()])?.len(),
        };
        Ok(rows as u64)
    })
}

fn load_sqlite(
    db: &mut rusqlite::Connection,
    vocab: &Vocabulary,
    args: &Args,
) -> Result<Duration, Box<dyn Error>> {
    db.execute_batch(
        "PRAGMA journal_mode = OFF;
         PRAGMA synchronous = OFF;
         CREATE TABLE docs (
             rowid INTEGER PRIMARY KEY,
             id TEXT NOT NULL,
             kind TEXT NOT NULL,
             community TEXT NOT NULL,
             public INTEGER NOT NULL,
             created_at INTEGER NOT NULL
         );
         CREATE VIRTUAL TABLE docs_fts USING fts5(
             title, body, tokenize = 'unicode61 remove_diacritics 2'
         );",
    )?;
    let mut load = Duration::ZERO;
    let mut batch = Vec::with_capacity(args.batch);
    let mut rowid: i64 = 0;
    let mut generator = Generator::new(vocab, args.seed, args.docs).peekable();
    while generator.peek().is_some() {
        batch.clear();
        batch.extend(generator.by_ref().take(args.batch));
        let t = Instant::now();
        let tx = db.transaction()?;
        {
            let mut meta = tx.prepare_cached(
                "INSERT INTO docs (rowid, id, kind, community, public, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut fts =
                tx.prepare_cached("INSERT INTO docs_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?;
            for doc in &batch {
                rowid += 1;
                meta.execute(rusqlite::params![
                    rowid,
                    doc.id,
                    doc.kind.as_str(),
                    doc.community.as_deref().unwrap_or_default(),
                    is_public(doc),
                    doc.created_at.timestamp(),
                ])?;
                fts.execute(rusqlite::params![rowid, doc.title, doc.body])?;
            }
        }
        tx.commit()?;
        load += t.elapsed();
    }
    let t = Instant::now();
    db.execute_batch(
        "CREATE INDEX docs_community ON docs (community, created_at);
         INSERT INTO docs_fts (docs_fts) VALUES ('optimize');
         ANALYZE;",
    )?;
    Ok(load + t.elapsed())
}

fn time_sqlite(
    db: &rusqlite::Connection,
    queries: &[MixQuery],
    runs: usize,
) -> Result<Vec<Timings>, Box<dyn Error>> {
    let mut text = db.prepare(
        "SELECT docs.id FROM docs_fts JOIN docs ON docs.rowid = docs_fts.rowid
         WHERE docs_fts MATCH ?1 AND docs.public = 1
         ORDER BY bm25(docs_fts, 2.0, 1.0) LIMIT 20",
    )?;
    let mut filtered = db.prepare(
        "SELECT docs.id FROM docs_fts JOIN docs ON docs.rowid = docs_fts.rowid
         WHERE docs_fts MATCH ?1 AND docs.public = 1 AND docs.community = ?2 AND docs.kind = ?3
         ORDER BY bm25(docs_fts, 2.0, 1.0) LIMIT 20",
    )?;
    let mut browse = db.prepare(
        "SELECT id FROM docs WHERE community = ?1 AND public = 1
         ORDER BY created_at DESC LIMIT 20",
    )?;
    let mut facets = db.prepare(
        "SELECT kind, count(*) FROM docs WHERE community = ?1 AND public = 1 GROUP BY kind",
    )?;
    time_mix(queries, runs, |q| {
        let count = |rows: rusqlite::Rows<'_>| -> Result<u64, rusqlite::Error> {
            let mut rows = rows;
            let mut n = 0;
            while rows.next()?.is_some() {
                n += 1;
            }
            Ok(n)
        };
        Ok(match q.kind {
            QueryType::Filtered => count(filtered.query(rusqlite::params![
                q.fts5(),
                q.community,
                q.content_kind.map(Kind::as_str)
            ])?)?,
            QueryType::Browse => {
                let n = count(browse.query([&q.community])?)?;
                count(facets.query([&q.community])?)?;
                n
            }
            _ => count(text.query([q.fts5()])?)?,
        })
    })
}
