//! Comune's full-text search: a tantivy index behind a small typed interface. It knows nothing
//! of the database; the server feeds it [`Change`]s from the `search_outbox` and asks it
//! [`Query`]s.
//!
//! # Design
//!
//! - **One document per searchable thing** ([`Document`]): id, [`Kind`], community, channel
//!   kind, visibility scope, author and creation time as exact-match fields (creation time, id
//!   hash, kind and community also as fast fields), title and body stored once and indexed
//!   twice each: as Italian and English stems in one field, and plain (folded, unstemmed, with
//!   positions); the analyzers are described in the `analysis` module.
//! - **Queries are built, never parsed**: user text is tokenized with the same analyzers and
//!   turned into term, fuzzy, prefix and phrase queries (module `query`), so no input is syntax.
//!   Words are ANDed (stop words are optional), a word of five letters or more tolerates one
//!   edit, the last word also matches as a prefix while it is being typed, "quoted phrases"
//!   match adjacent words. Empty text lists the newest documents.
//! - **Visibility is part of the query**: unless the viewer is an administrator, an excluding
//!   clause removes every members-only document of a community the viewer is not a member of,
//!   so hits, `total` and facet counts alike never include them. Other filters are required
//!   clauses, all with a constant score of zero.
//! - **Ranking** is BM25 (title fields boosted x2 over body fields; typo and prefix matches
//!   a small constant) times a recency boost:
//!
//!   ```text
//!   final = bm25 * (1 + 0.5 / (1 + age_days / 30))
//!   ```
//!
//!   x1.5 today, x1.25 at a month, ~x1.04 at a year. Ties fall to the newer document, then to a
//!   hash of the id: a total order.
//! - **Cursors** carry the last hit's (score, time, id hash), the instant the first page was
//!   ranked at, and a fingerprint of the query; the next page is the top of what ranks below
//!   that position. Pages neither repeat nor skip while the index is unchanged.
//! - **Snippets** are cut around the densest cluster of matched words, marked with `<mark>`
//!   and HTML-escaped everywhere else; the title stands in when the body does not match.
//! - **Writes** go through one `IndexWriter` (50 MB budget) behind a mutex; each
//!   [`SearchIndex::apply`] is one commit, made visible to searches before it returns. Searches
//!   never wait for writes.
//! - **On disk**, `dir/index/` holds tantivy's files and `dir/schema-version` the
//!   [`SCHEMA_VERSION`] they were written with. A missing, unreadable or other-version index is
//!   wiped and recreated, and [`Opened::needs_rebuild`] tells the caller to reindex. A directory
//!   belongs to one process at a time (tantivy's writer lock enforces it).

mod analysis;
mod cursor;
mod error;
mod expansion;
mod facets;
mod merging;
mod model;
mod query;
mod rank;
mod schema;
mod snippet;

use std::fs;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use tantivy::collector::TopDocs;
use tantivy::schema::Value as _;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::analysis::Analyzers;
use crate::cursor::Cursor;
use crate::facets::FacetCounter;
use crate::rank::{RankKey, Ranker};
use crate::schema::Fields;
use crate::snippet::Highlighter;

pub use crate::error::SearchError;
pub use crate::model::{
    Change, Document, Facets, Hit, Kind, Query, Results, UnknownKind, Viewer, Visibility,
};
pub use crate::query::{MAX_QUERY_CHARS, MAX_WORDS};
pub use crate::rank::{RECENCY_SCALE_DAYS, RECENCY_WEIGHT};
pub use crate::schema::SCHEMA_VERSION;

/// Subdirectory of the index directory holding tantivy's files.
pub const INDEX_SUBDIR: &str = "index";
/// File beside [`INDEX_SUBDIR`] recording the [`SCHEMA_VERSION`] of the index.
pub const SCHEMA_VERSION_FILE: &str = "schema-version";
/// Memory the writer may buffer before flushing a segment.
///
/// Not more: tantivy sizes each new segment's term table from it, and the live path starts new
/// segments at every commit (one per batch of the change feed). At 256 MB the table doubled,
/// and federated comments on PostgreSQL were accepted 15-20 % slower (607-671/s against 752 at
/// 50 MB, `docs/benchmarks.md`); a rebuild gained from fewer, bigger segments, but less.
pub const WRITER_MEMORY_BYTES: usize = 50_000_000;

/// The search index. Cheap to clone; clones share one index.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    fields: Fields,
    analyzers: Analyzers,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
}

/// A replacement of the whole index in progress (see [`SearchIndex::rebuild`]).
pub struct Rebuild<'a> {
    index: &'a SearchIndex,
    writer: MutexGuard<'a, IndexWriter>,
    added: u64,
    committed: bool,
}

impl Rebuild<'_> {
    /// Adds documents to the new index. Ids must not repeat within a rebuild.
    pub fn add(&mut self, docs: &[Document]) -> Result<(), SearchError> {
        let fields = &self.index.inner.fields;
        for doc in docs {
            self.writer.add_document(fields.to_tantivy(doc))?;
        }
        self.added += docs.len() as u64;
        Ok(())
    }

    /// Commits the new index and makes it visible to searches. Returns how many documents it
    /// holds.
    pub fn finish(mut self) -> Result<u64, SearchError> {
        self.writer.commit()?;
        self.committed = true;
        self.index.inner.reader.reload()?;
        Ok(self.added)
    }
}

impl Drop for Rebuild<'_> {
    fn drop(&mut self) {
        if !self.committed {
            if let Err(error) = self.writer.rollback() {
                tracing::error!(%error, "rolling back an unfinished rebuild failed");
            }
        }
    }
}

/// What [`SearchIndex::open`] found.
#[derive(Debug)]
pub struct Opened {
    pub index: SearchIndex,
    /// The index was created empty (missing, unreadable or of another schema version): the
    /// caller should reindex everything from the database.
    pub needs_rebuild: bool,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("num_docs", &self.num_docs())
            .finish()
    }
}

impl SearchIndex {
    /// Opens the index under `dir`, creating it if missing. An index that cannot be read or was
    /// written with another [`SCHEMA_VERSION`] is wiped and recreated, and
    /// [`Opened::needs_rebuild`] says so. Fails with [`SearchError::Locked`] when another open
    /// index (in this or another process) holds the directory.
    pub fn open(dir: &Path) -> Result<Opened, SearchError> {
        fs::create_dir_all(dir)?;
        let index_dir = dir.join(INDEX_SUBDIR);
        let version_file = dir.join(SCHEMA_VERSION_FILE);
        let recorded = fs::read_to_string(&version_file)
            .ok()
            .and_then(|v| v.trim().parse::<u32>().ok());
        if recorded == Some(SCHEMA_VERSION) && index_dir.join("meta.json").exists() {
            // tantivy may panic, not fail, on some damaged files: that is damage too.
            let attempt = std::panic::catch_unwind(|| Self::open_existing(&index_dir))
                .unwrap_or_else(|_| {
                    Err(TantivyError::InternalError("panicked opening the index".to_owned()).into())
                });
            match attempt {
                Ok(index) => {
                    return Ok(Opened {
                        index,
                        needs_rebuild: false,
                    })
                }
                Err(locked @ SearchError::Locked(_)) => return Err(locked),
                Err(error) => {
                    tracing::warn!(
                        %error,
                        dir = %index_dir.display(),
                        "search index unreadable; recreating it"
                    );
                }
            }
        } else if index_dir.exists() {
            tracing::info!(
                recorded = ?recorded,
                current = SCHEMA_VERSION,
                "search index of another schema version; recreating it"
            );
        }

        // Forget the version first: a crash from here on leaves an index that is rebuilt again.
        match fs::remove_file(&version_file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
        if index_dir.exists() {
            fs::remove_dir_all(&index_dir)?;
        }
        fs::create_dir_all(&index_dir)?;
        let (schema, fields) = Fields::build();
        let index = Self::from_index(Index::create_in_dir(&index_dir, schema)?, fields)?;
        let temporary = dir.join(format!("{SCHEMA_VERSION_FILE}.tmp"));
        fs::write(&temporary, format!("{SCHEMA_VERSION}\n"))?;
        fs::rename(&temporary, &version_file)?;
        Ok(Opened {
            index,
            needs_rebuild: true,
        })
    }

    fn open_existing(index_dir: &Path) -> Result<SearchIndex, SearchError> {
        let index = Index::open_in_dir(index_dir)?;
        let (schema, fields) = Fields::build();
        if index.schema() != schema {
            return Err(TantivyError::SchemaError(
                "the index schema differs from this build's".to_owned(),
            )
            .into());
        }
        Self::from_index(index, fields)
    }

    /// A fresh index in memory (tests, tools).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = Fields::build();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    fn from_index(mut index: Index, fields: Fields) -> Result<SearchIndex, SearchError> {
        // Segments are searched in parallel, one thread per core: a search's latency, not the
        // number of searches at once, is what a reader waits on.
        index.set_default_multithread_executor()?;
        let analyzers = Analyzers::new();
        analyzers.register(index.tokenizers());
        let writer = index
            .writer(WRITER_MEMORY_BYTES)
            .map_err(|error| match error {
                TantivyError::LockFailure(..) => SearchError::Locked(error.to_string()),
                other => other.into(),
            })?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        writer.set_merge_policy(Box::new(merging::SharedMerges::new(threads)));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                fields,
                analyzers,
                reader,
                writer: Mutex::new(writer),
            }),
        })
    }

    /// The writer, waiting for any other apply. A writer left poisoned by a panic drops the
    /// panicking batch's uncommitted changes and carries on.
    fn writer(&self) -> MutexGuard<'_, IndexWriter> {
        self.inner.writer.lock().unwrap_or_else(|poisoned| {
            self.inner.writer.clear_poison();
            let mut writer = poisoned.into_inner();
            if let Err(error) = writer.rollback() {
                tracing::error!(%error, "rolling back after a panicked apply failed");
            }
            writer
        })
    }

    /// Applies a batch of changes in one commit, then makes them visible to searches before
    /// returning. An upsert replaces any document with the same id; the last change to an id
    /// in a batch wins. On error nothing of the batch is applied.
    pub fn apply(&self, changes: &[Change]) -> Result<(), SearchError> {
        if changes.is_empty() {
            return Ok(());
        }
        let fields = &self.inner.fields;
        self.commit(|writer| {
            for change in changes {
                let id = match change {
                    Change::Upsert(doc) => &doc.id,
                    Change::Delete { id } => id,
                };
                writer.delete_term(Term::from_field_text(fields.id, id));
                if let Change::Upsert(doc) = change {
                    writer.add_document(fields.to_tantivy(doc))?;
                }
            }
            Ok(())
        })
    }

    /// Starts replacing the whole index: what [`Rebuild::add`] is given becomes the index when
    /// [`Rebuild::finish`] commits it, in one commit. Until then searches see the index as it
    /// was, and other writes wait. Dropping the rebuild unfinished leaves the index as it was.
    ///
    /// Faster than [`SearchIndex::apply`] for loading many documents: no document replaces
    /// another, so no delete is recorded for each id.
    pub fn rebuild(&self) -> Result<Rebuild<'_>, SearchError> {
        let writer = self.writer();
        writer.delete_all_documents()?;
        Ok(Rebuild {
            index: self,
            writer,
            added: 0,
            committed: false,
        })
    }

    /// Stages changes with the writer, commits them and reloads the reader; on error the
    /// staged changes are rolled back.
    fn commit(
        &self,
        stage: impl FnOnce(&mut IndexWriter) -> Result<(), SearchError>,
    ) -> Result<(), SearchError> {
        let mut writer = self.writer();
        let committed = stage(&mut writer).and_then(|()| Ok(writer.commit().map(drop)?));
        if let Err(error) = committed {
            if let Err(rollback) = writer.rollback() {
                tracing::error!(error = %rollback, "rolling back a failed search batch failed");
            }
            return Err(error);
        }
        self.inner.reader.reload()?;
        Ok(())
    }

    /// Segments the index is in now, background merges included (the reader is refreshed to
    /// see them).
    pub fn segment_count(&self) -> Result<usize, SearchError> {
        self.inner.reader.reload()?;
        Ok(self.inner.reader.searcher().segment_readers().len())
    }

    /// Documents in the index, as of the last apply.
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    /// One page of results for `q`, with the total and facet counts over all pages.
    pub fn search(&self, q: &Query) -> Result<Results, SearchError> {
        let fingerprint = cursor::fingerprint(q);
        let cursor = q
            .cursor
            .as_deref()
            .map(|c| Cursor::decode(c, fingerprint))
            .transpose()?;
        let now = cursor.map_or_else(|| Utc::now().timestamp_micros(), |c| c.now);
        let limit = q.limit.clamp(1, Query::MAX_LIMIT);
        let fields = &self.inner.fields;
        let mut analyzers = self.inner.analyzers.clone();

        let parsed = query::parse(&q.text, &mut analyzers);
        let text = query::text_query(&parsed, fields);
        let ranker = Ranker {
            now,
            after: cursor.map(|c| c.after),
            scoring: text.is_some(),
        };
        let tantivy_query = query::combine(
            text,
            query::narrowing_query(q, fields),
            query::hidden_query(q, fields),
        );
        let collectors = (
            TopDocs::with_limit(limit + 1).order_by(ranker),
            FacetCounter,
        );
        let searcher = self.inner.reader.searcher();
        let (top, counts) = searcher.search(tantivy_query.as_ref(), &collectors)?;

        let top: Vec<_> = top
            .into_iter()
            .filter(|(key, _)| key.after_cursor)
            .collect();
        let next_cursor = match top.get(limit - 1) {
            Some((last, _)) if top.len() > limit => Some(
                Cursor {
                    now,
                    fingerprint,
                    after: last.position,
                }
                .encode(),
            ),
            _ => None,
        };
        let highlighter = (!parsed.is_empty()).then(|| Highlighter::new(&parsed));
        let mut items = Vec::with_capacity(limit);
        for (key, address) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(address)?;
            items.push(self.hit(&doc, &key, highlighter.as_ref(), &mut analyzers)?);
        }
        Ok(Results {
            items,
            total: counts.total,
            facets: counts.facets,
            next_cursor,
        })
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        key: &RankKey,
        highlighter: Option<&Highlighter>,
        analyzers: &mut Analyzers,
    ) -> Result<Hit, SearchError> {
        let f = &self.inner.fields;
        let text = |field, name| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .ok_or(SearchError::MissingField(name))
        };
        let optional = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let title = text(f.title_plain, "title")?;
        let body = text(f.body_plain, "body")?;
        let snippet = match highlighter {
            Some(highlighter) => highlighter.snippet(title, body, analyzers),
            None => snippet::lead(if body.trim().is_empty() { title } else { body }),
        };
        Ok(Hit {
            kind: text(f.kind, "kind")?
                .parse()
                .map_err(|_| SearchError::MissingField("kind"))?,
            id: text(f.id, "id")?.to_owned(),
            title: title.to_owned(),
            snippet,
            community: optional(f.community),
            url: text(f.url, "url")?.to_owned(),
            created_at: DateTime::from_timestamp_micros(key.position.created).unwrap_or_default(),
            score: key.position.score,
        })
    }
}
