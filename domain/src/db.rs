//! One connection type over SQLite and PostgreSQL, a pool, and the embedded migrations.

use std::path::PathBuf;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// A database connection to either backend. Queries written against [`MultiBackend`] run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs `f` in a transaction. On SQLite the transaction takes the write lock first, as `BEGIN
/// IMMEDIATE` would: a transaction that read first and wrote later would fail at once with
/// "database is locked" whenever another connection (a request, the notifier) wrote in
/// between, instead of waiting its turn. Nested calls become savepoints.
pub fn transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::RunQueryDsl;
    conn.transaction(|conn| {
        if let DbConnection::Sqlite(sqlite) = conn {
            // A write that changes nothing, to take the lock (waiting up to busy_timeout).
            TakeWriteLock.execute(sqlite)?;
        }
        f(conn)
    })
}

/// SQLite's no-op write that starts a write transaction (see [`transaction`]), written out in
/// SQL so that it stays prepared: diesel prepares every `diesel::update` anew, since a changeset
/// with optional fields may give different SQL each time.
struct TakeWriteLock;

impl diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite> for TakeWriteLock {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::sqlite::Sqlite>,
    ) -> diesel::QueryResult<()> {
        out.push_sql("UPDATE search_outbox SET seq = seq WHERE seq < 0");
        Ok(())
    }
}

impl diesel::query_builder::QueryId for TakeWriteLock {
    type QueryId = TakeWriteLock;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl diesel::RunQueryDsl<SqliteConnection> for TakeWriteLock {}

/// Runs `$body` with `$c` bound to the backend's own connection rather than [`DbConnection`]:
/// the multi-backend connection turns every query into SQL text again on each run, even one it
/// keeps prepared, which took a tenth of the server's CPU on the inbox's hot path (a wide join's
/// column list rebuilt for every activity; docs/benchmarks.md). For hot queries. `$body` is
/// compiled once per backend, so a query written in it (with `as_select()`) types for each.
macro_rules! on_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Postgres($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    };
}
pub(crate) use on_backend;

/// Runs `$query` on whichever backend `$conn` is, for statements only each backend's own
/// connection can build: the multi-backend connection has no `ON CONFLICT DO NOTHING`, which
/// spares a look-up or a savepoint on hot paths. Returns the rows touched.
macro_rules! execute_on_backend {
    ($conn:expr, $query:expr) => {
        match $conn {
            $crate::db::DbConnection::Postgres(c) => diesel::RunQueryDsl::execute($query, c),
            $crate::db::DbConnection::Sqlite(c) => diesel::RunQueryDsl::execute($query, c),
        }
    };
}
pub(crate) use execute_on_backend;

/// Runs an insert that may collide with a concurrent one on a unique key. A collision is not an
/// error, and inside a transaction it does not spoil it (the insert runs in a savepoint, which
/// PostgreSQL needs). Answers whether a row was inserted.
pub fn insert_unless_taken<F>(conn: &mut DbConnection, insert: F) -> diesel::QueryResult<bool>
where
    F: FnOnce(&mut DbConnection) -> diesel::QueryResult<usize>,
{
    match conn.transaction(insert) {
        Ok(n) => Ok(n > 0),
        Err(e) if crate::error::is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConnection = r2d2::PooledConnection<Manager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Which backend a database URL names, with what the driver needs to open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path (created if missing) or `:memory:`.
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Accepts `sqlite://path`, `sqlite:path`, `postgres://...` and `postgresql://...`.
    pub fn parse(url: &str) -> Result<Self, DbError> {
        if let Some(rest) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if rest.is_empty() {
                return Err(DbError::Url("the SQLite URL names no file".into()));
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(rest)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_owned()));
        }
        Err(DbError::Url(format!(
            "unsupported database URL {:?}: use sqlite://PATH or postgres://...",
            redact(url)
        )))
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }

    /// Opens one connection, configured for our use, reporting the driver's own error.
    pub fn connect(&self) -> Result<DbConnection, DbError> {
        match self {
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        DbError::Connect(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(|e| DbError::Connect(e.to_string()))?;
                // The busy timeout comes first: it makes this connection wait for the lock
                // (switching to WAL takes one while the pool opens connections in parallel)
                // instead of failing at once. WAL lets readers run beside the single writer.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(|e| DbError::Connect(e.to_string()))?;
                Ok(DbConnection::Sqlite(conn))
            }
            DatabaseUrl::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Postgres)
                .map_err(|e| DbError::Connect(e.to_string())),
        }
    }
}

/// The URL with any password replaced, fit for logs and errors.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("invalid database URL: {0}")]
    Url(String),
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error("query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("connection pool: {0}")]
    Pool(#[from] r2d2::Error),
}

/// Pool manager that opens connections with [`DatabaseUrl::connect`], so pooled connections get
/// the same pragmas and the same readable errors as single ones.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = DbError;

    fn connect(&self) -> Result<DbConnection, DbError> {
        self.url.connect()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), DbError> {
        conn.batch_execute("SELECT 1").map_err(DbError::Query)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// Builds a pool. SQLite gets a small pool: it has one writer, and more connections only queue.
pub fn pool(url: &DatabaseUrl, max_size: Option<u32>) -> Result<Pool, DbError> {
    if let DatabaseUrl::Sqlite(_) = url {
        // Switching a new file to WAL needs an exclusive lock that parallel openers would fight
        // over; one connection first makes the mode stick (it is persistent) for the rest.
        drop(url.connect()?);
    }
    let default_size = match url.backend() {
        Backend::Sqlite => 8,
        Backend::Postgres => 16,
    };
    r2d2::Pool::builder()
        .max_size(max_size.unwrap_or(default_size))
        .connection_timeout(Duration::from_secs(10))
        .test_on_check_out(false)
        .build(Manager { url: url.clone() })
        .map_err(DbError::Pool)
}

/// Applies pending migrations and returns their names. On PostgreSQL an advisory lock keeps
/// several server processes starting together from racing each other.
pub fn migrate(conn: &mut DbConnection) -> Result<Vec<String>, DbError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map(|v| v.iter().map(|m| m.to_string()).collect()),
        DbConnection::Postgres(c) => {
            const LOCK_KEY: i64 = 0x636f_6d75_6e65; // "comune"
            c.batch_execute(&format!("SELECT pg_advisory_lock({LOCK_KEY})"))?;
            let result = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.iter().map(|m| m.to_string()).collect());
            c.batch_execute(&format!("SELECT pg_advisory_unlock({LOCK_KEY})"))?;
            result
        }
    };
    applied.map_err(|e| DbError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_database_urls() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://./data/comune.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("./data/comune.db"))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:/tmp/x.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://u@h/db").unwrap().backend(),
            Backend::Postgres
        );
        let err = DatabaseUrl::parse("mysql://root:hunter2@h/db").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(DatabaseUrl::parse("sqlite://").is_err());
    }

    /// The statements written out to stay prepared are prepared once ("cache query" events),
    /// where diesel's own UPDATE is prepared every time.
    #[test]
    fn written_out_statements_stay_prepared() {
        use crate::schema::search_outbox;
        use diesel::connection::{Instrumentation, InstrumentationEvent};
        use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
        use std::sync::{Arc, Mutex};

        #[derive(Clone, Default)]
        struct Cached(Arc<Mutex<Vec<String>>>);
        impl Instrumentation for Cached {
            fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
                if let InstrumentationEvent::CacheQuery { sql, .. } = event {
                    self.0.lock().unwrap().push(sql.to_owned());
                }
            }
        }
        let cached = Cached::default();
        let updates = || -> Vec<String> {
            let list = cached.0.lock().unwrap();
            list.iter()
                .filter(|s| s.starts_with("UPDATE"))
                .cloned()
                .collect()
        };
        let mut conn = DatabaseUrl::Sqlite(":memory:".into()).connect().unwrap();
        migrate(&mut conn).unwrap();
        conn.set_instrumentation(cached.clone());
        for _ in 0..3 {
            diesel::update(search_outbox::table.filter(search_outbox::seq.lt(0)))
                .set(search_outbox::seq.eq(search_outbox::seq))
                .execute(&mut conn)
                .unwrap();
        }
        assert!(updates().is_empty(), "diesel keeps UPDATEs prepared now");
        for _ in 0..3 {
            transaction(&mut conn, |_| diesel::QueryResult::Ok(())).unwrap();
            crate::posts::touch(&mut conn, "no-such-post", crate::time::now()).unwrap();
        }
        assert_eq!(
            updates(),
            [
                "UPDATE search_outbox SET seq = seq WHERE seq < 0",
                "UPDATE posts SET last_activity_at = ? WHERE id = ?"
            ]
        );
    }

    #[test]
    fn sqlite_connections_enforce_foreign_keys_and_use_wal() {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("nested/t.db"));
        let mut conn = url.connect().unwrap();
        migrate(&mut conn).unwrap();
        let DbConnection::Sqlite(c) = &mut conn else {
            unreachable!()
        };
        let err = c
            .batch_execute(
                "INSERT INTO refresh_tokens (id, account_id, family_id, token_hash, created_at, \
                 expires_at) VALUES ('a', 'no-such-account', 'f', 'h', '2026-01-01 00:00:00', \
                 '2026-01-02 00:00:00')",
            )
            .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
        assert!(dir.path().join("nested/t.db-wal").exists());
    }
}
