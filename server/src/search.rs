//! Keeping this process's search index current: documents made from the domain's search sources,
//! a full rebuild, and a worker that follows the database's change feed (`search_outbox`).
//!
//! The last applied feed position is kept beside the index, written only after the index commit,
//! so a crash between a database commit and indexing loses nothing: at restart the worker applies
//! what the feed holds after that position (applying a change twice is harmless). The feed never
//! answers a change before every transaction that could precede it has ended
//! ([`search_feed::Position`]), so none is passed over.

use std::path::{Path, PathBuf};
use std::sync::Weak;
use std::time::{Duration, Instant};

use anyhow::Context;
use comune_domain::search_feed::{self, Entity};
use comune_domain::search_source::{self, Searchable, Source};
use comune_domain::{DbConnection, Pool};
use comune_search::{Change, Document, Kind, SearchError, SearchIndex, Visibility};

/// Where a data folder keeps its search index.
pub fn index_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("search")
}

/// Holds the feed position (named from when it held a bare sequence number).
const SEQ_FILE: &str = "outbox-seq";
const BATCH: i64 = 500;
const POLL: Duration = Duration::from_millis(250);

/// Opens the index, waiting a little if a previous server in this process still holds it.
/// Returns whether it must be rebuilt from the database.
pub fn open(data_dir: &Path) -> anyhow::Result<(SearchIndex, bool)> {
    let dir = index_dir(data_dir);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match SearchIndex::open(&dir) {
            Ok(opened) => {
                let needs_rebuild = opened.needs_rebuild || read_position(&dir).is_none();
                return Ok((opened.index, needs_rebuild));
            }
            Err(SearchError::Locked(_)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(SearchError::Locked(what)) => anyhow::bail!(
                "the search index in {} is in use by another process ({what}); \
                 each server process needs its own data folder's index",
                dir.display()
            ),
            Err(e) => return Err(e).context("opening the search index"),
        }
    }
}

fn read_position(dir: &Path) -> Option<search_feed::Position> {
    std::fs::read_to_string(dir.join(SEQ_FILE))
        .ok()?
        .parse()
        .ok()
}

fn write_position(dir: &Path, position: search_feed::Position) -> anyhow::Result<()> {
    let tmp = dir.join(format!("{SEQ_FILE}.tmp"));
    std::fs::write(&tmp, position.to_string())?;
    std::fs::rename(&tmp, dir.join(SEQ_FILE))?;
    Ok(())
}

fn document(s: Searchable) -> Option<Document> {
    let kind: Kind = s.kind.parse().ok()?;
    Some(Document {
        id: s.id,
        kind,
        community: s.community,
        channel_kind: s.channel_kind,
        visibility: match s.members_of {
            Some(community) => Visibility::Members { community },
            None => Visibility::Public,
        },
        author: s.author,
        created_at: s.created_at.and_utc(),
        title: s.title,
        body: s.body,
        url: s.url,
    })
}

fn change(source: Source) -> Change {
    match source {
        Source::Present(s) => {
            let id = s.id.clone();
            document(s).map_or(Change::Delete { id }, Change::Upsert)
        }
        Source::Gone { id } => Change::Delete { id },
    }
}

/// Rebuilds the index from the database. `progress` is told (done, total) along the way.
/// Returns how many documents were indexed.
pub fn rebuild(
    conn: &mut DbConnection,
    index: &SearchIndex,
    data_dir: &Path,
    mut progress: impl FnMut(u64, u64),
) -> anyhow::Result<u64> {
    let dir = index_dir(data_dir);
    // Taken before reading: changes made during the rebuild are applied again afterwards.
    let position = search_feed::rebuild_position(conn)?;
    let total = search_source::count_all(conn)? as u64;
    // One commit at the end: searches keep answering from the old index meanwhile, and a
    // failure leaves it as it was.
    let mut rebuild = index.rebuild()?;
    let mut done = 0;
    for entity in [
        Entity::Community,
        Entity::Post,
        Entity::Comment,
        Entity::Accord,
    ] {
        let mut after = String::new();
        loop {
            let batch = search_source::batch(conn, entity, &after, BATCH)?;
            let Some(last) = batch.last() else { break };
            after = search_source::source_id(last).to_owned();
            done += batch.len() as u64;
            let docs: Vec<Document> = batch
                .into_iter()
                .filter_map(|source| match change(source) {
                    Change::Upsert(doc) => Some(doc),
                    Change::Delete { .. } => None,
                })
                .collect();
            rebuild.add(&docs)?;
            progress(done, total);
        }
    }
    let indexed = rebuild.finish()?;
    write_position(&dir, position)?;
    Ok(indexed)
}

/// Applies the change feed after the recorded sequence number. Returns how many changes.
pub fn catch_up(
    conn: &mut DbConnection,
    index: &SearchIndex,
    data_dir: &Path,
) -> anyhow::Result<usize> {
    let dir = index_dir(data_dir);
    let mut last = read_position(&dir).unwrap_or_default();
    let mut applied = 0;
    loop {
        let rows = search_feed::after(conn, last, BATCH)?;
        let Some(end) = rows.last().map(search_feed::Row::position) else {
            break;
        };
        let named: Vec<(Entity, String)> = rows
            .iter()
            .map(|row| (row.entity, row.entity_id.clone()))
            .collect();
        let changes: Vec<Change> = search_source::load_many(conn, &named)?
            .into_iter()
            .map(change)
            .collect();
        index.apply(&changes)?;
        write_position(&dir, end)?;
        applied += rows.len();
        last = end;
        if (rows.len() as i64) < BATCH {
            break;
        }
    }
    Ok(applied)
}

/// Follows the change feed until `alive` can no longer be upgraded (the server has stopped).
/// Rebuilds first when the index was missing, corrupt or of an older schema.
pub fn spawn_worker<T: Send + Sync + 'static>(
    pool: Pool,
    index: SearchIndex,
    data_dir: PathBuf,
    needs_rebuild: bool,
    alive: Weak<T>,
) {
    std::thread::Builder::new()
        .name("search-indexer".into())
        .spawn(move || {
            let mut rebuild_pending = needs_rebuild;
            while alive.upgrade().is_some() {
                let result = pool
                    .get()
                    .map_err(anyhow::Error::from)
                    .and_then(|mut conn| {
                        if rebuild_pending {
                            let started = Instant::now();
                            let n = rebuild(&mut conn, &index, &data_dir, |_, _| {})?;
                            tracing::info!(
                                documents = n,
                                seconds = started.elapsed().as_secs_f64(),
                                "search index rebuilt"
                            );
                            rebuild_pending = false;
                        }
                        catch_up(&mut conn, &index, &data_dir)
                    });
                if let Err(e) = result {
                    tracing::error!(error = %format!("{e:#}"), "search indexing failed; retrying");
                    std::thread::sleep(Duration::from_secs(2));
                }
                std::thread::sleep(POLL);
            }
            drop(index);
        })
        .expect("spawning the search indexer thread");
}
