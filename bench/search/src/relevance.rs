//! The relevance set on both engines. Metrics as in `search/tests/relevance.rs`: MRR@10 over the
//! first grade-2 document, nDCG@10 with gain 2^grade - 1.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use comune_search::{Change, Document, Kind, Query, SearchIndex, Visibility};
use serde::Deserialize;

use crate::ScratchDb;

#[derive(Deserialize)]
struct RawDoc {
    id: String,
    kind: Kind,
    community: String,
    title: String,
    body: String,
    created_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct Judged {
    id: String,
    category: String,
    text: String,
    relevant: BTreeMap<String, u8>,
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../search/tests/relevance")
}

fn load() -> Result<(Vec<RawDoc>, Vec<Judged>), Box<dyn Error>> {
    let dir = data_dir();
    let docs = std::fs::read_to_string(dir.join("documents.jsonl"))?
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<Vec<RawDoc>, _>>()?;
    let queries = serde_json::from_str(&std::fs::read_to_string(dir.join("queries.json"))?)?;
    Ok((docs, queries))
}

pub fn reciprocal_rank(ranked: &[String], judged: &BTreeMap<String, u8>) -> f64 {
    ranked
        .iter()
        .take(10)
        .position(|id| judged.get(id) == Some(&2))
        .map_or(0.0, |i| 1.0 / (i as f64 + 1.0))
}

pub fn ndcg_at_10(ranked: &[String], judged: &BTreeMap<String, u8>) -> f64 {
    let gain = |g: u8| f64::from((1u32 << g) - 1);
    let discount = |i: usize| (i as f64 + 2.0).log2();
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, id)| gain(judged.get(id).copied().unwrap_or(0)) / discount(i))
        .fold(0.0, |sum, g| sum + g);
    let mut ideal: Vec<u8> = judged.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, &g)| gain(g) / discount(i))
        .fold(0.0, |sum, g| sum + g);
    if idcg == 0.0 {
        0.0
    } else {
        dcg / idcg
    }
}

#[derive(Default, Clone, Copy)]
struct Sums {
    n: usize,
    rr: f64,
    ndcg: f64,
}

impl Sums {
    fn add(&mut self, rr: f64, ndcg: f64) {
        self.n += 1;
        self.rr += rr;
        self.ndcg += ndcg;
    }
    fn mrr(&self) -> f64 {
        self.rr / self.n as f64
    }
    fn ndcg(&self) -> f64 {
        self.ndcg / self.n as f64
    }
}

pub fn main() -> Result<(), Box<dyn Error>> {
    let (docs, queries) = load()?;

    let index = SearchIndex::in_memory()?;
    let changes: Vec<Change> = docs
        .iter()
        .map(|d| {
            Change::Upsert(Document {
                id: d.id.clone(),
                kind: d.kind,
                community: Some(d.community.clone()),
                channel_kind: None,
                visibility: Visibility::Public,
                author: None,
                created_at: d.created_at,
                title: d.title.clone(),
                body: d.body.clone(),
                url: format!("/relevance/{}", d.id),
            })
        })
        .collect();
    index.apply(&changes)?;

    let (_scratch, mut pg) = ScratchDb::create("comune_relevance")?;
    pg.batch_execute(
        "CREATE TABLE docs (
             id text PRIMARY KEY,
             title text NOT NULL,
             body text NOT NULL,
             created_at timestamptz NOT NULL,
             tsv tsvector GENERATED ALWAYS AS (
                 -- to_tsvector('italian', title || ' ' || body), the title's words weighted A
                 setweight(to_tsvector('italian', title), 'A')
                 || setweight(to_tsvector('italian', body), 'D')
             ) STORED
         );
         CREATE INDEX docs_tsv ON docs USING gin (tsv);",
    )?;
    let insert = pg.prepare(
        "INSERT INTO docs (id, title, body, created_at) VALUES ($1, $2, $3, $4::text::timestamptz)",
    )?;
    for d in &docs {
        pg.execute(
            &insert,
            &[&d.id, &d.title, &d.body, &d.created_at.to_rfc3339()],
        )?;
    }
    pg.batch_execute("ANALYZE docs")?;
    let select = pg.prepare(
        "SELECT id FROM docs, websearch_to_tsquery('italian', $1) AS q
         WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, created_at DESC LIMIT 10",
    )?;

    let mut ours = Sums::default();
    let mut theirs = Sums::default();
    let mut ours_by: BTreeMap<String, Sums> = BTreeMap::new();
    let mut theirs_by: BTreeMap<String, Sums> = BTreeMap::new();
    println!(
        "| query | category | text | ours RR | ours nDCG@10 | PostgreSQL RR | PostgreSQL nDCG@10 |"
    );
    println!("| --- | --- | --- | ---: | ---: | ---: | ---: |");
    for q in &queries {
        let ranked_ours: Vec<String> = index
            .search(&Query {
                limit: 10,
                ..Query::text(q.text.clone())
            })?
            .items
            .into_iter()
            .map(|hit| hit.id)
            .collect();
        let ranked_pg: Vec<String> = pg
            .query(&select, &[&q.text])?
            .iter()
            .map(|row| row.get(0))
            .collect();
        let (rr_o, n_o) = (
            reciprocal_rank(&ranked_ours, &q.relevant),
            ndcg_at_10(&ranked_ours, &q.relevant),
        );
        let (rr_p, n_p) = (
            reciprocal_rank(&ranked_pg, &q.relevant),
            ndcg_at_10(&ranked_pg, &q.relevant),
        );
        ours.add(rr_o, n_o);
        theirs.add(rr_p, n_p);
        ours_by
            .entry(q.category.clone())
            .or_default()
            .add(rr_o, n_o);
        theirs_by
            .entry(q.category.clone())
            .or_default()
            .add(rr_p, n_p);
        println!(
            "| {} | {} | `{}` | {rr_o:.2} | {n_o:.3} | {rr_p:.2} | {n_p:.3} |",
            q.id, q.category, q.text
        );
    }
    println!();
    println!(
        "Relevance set: {} documents, {} queries.",
        docs.len(),
        queries.len()
    );
    println!();
    println!("| category | queries | ours MRR@10 | ours nDCG@10 | PostgreSQL MRR@10 | PostgreSQL nDCG@10 |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (category, o) in &ours_by {
        let t = theirs_by[category];
        println!(
            "| {category} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
            o.n,
            o.mrr(),
            o.ndcg(),
            t.mrr(),
            t.ndcg()
        );
    }
    println!(
        "| **all** | {} | **{:.3}** | **{:.3}** | **{:.3}** | **{:.3}** |",
        ours.n,
        ours.mrr(),
        ours.ndcg(),
        theirs.mrr(),
        theirs.ndcg()
    );
    drop(pg);
    Ok(())
}
