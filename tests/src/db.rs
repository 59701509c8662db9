//! A database per test: a SQLite file in the test's folder, or a PostgreSQL database created on
//! the server named by `COMUNE_TEST_DATABASE_URL` and dropped afterwards.

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestDb {
    pub url: String,
    postgres: Option<(String, String)>,
}

/// The PostgreSQL server for tests, or a clear failure.
pub fn postgres_admin_url() -> String {
    std::env::var("COMUNE_TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "COMUNE_TEST_DATABASE_URL is not set: PostgreSQL tests need it \
             (e.g. postgres://postgres@127.0.0.1:5432/postgres). \
             The README's test command leaves these tests out when it is unset."
        )
    })
}

impl TestDb {
    pub fn create(backend: Backend, dir: &Path) -> Self {
        match backend {
            Backend::Sqlite => Self {
                url: format!("sqlite://{}", dir.join("comune.db").display()),
                postgres: None,
            },
            Backend::Postgres => {
                let admin = postgres_admin_url();
                let name = format!("comune_test_{}", uuid::Uuid::now_v7().simple());
                let mut conn = PgConnection::establish(&admin)
                    .unwrap_or_else(|e| panic!("cannot reach PostgreSQL for tests: {e}"));
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create the test database");
                let mut url = url::Url::parse(&admin).expect("COMUNE_TEST_DATABASE_URL is a URL");
                url.set_path(&name);
                Self {
                    url: url.to_string(),
                    postgres: Some((admin, name)),
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.postgres {
            if let Ok(mut conn) = PgConnection::establish(admin) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}
