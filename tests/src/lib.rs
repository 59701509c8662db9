//! Test support: real Comune servers on ephemeral ports, each with its own database (a SQLite
//! file, or a fresh PostgreSQL database when `COMUNE_TEST_DATABASE_URL` is set), a mail folder
//! or a real SMTP server process, and an HTTP client.
//!
//! Tests run per backend through [`both_backends!`]; the PostgreSQL variants fail loudly when
//! no PostgreSQL is configured, and the test command leaves them out in that case.

pub mod accords;
pub mod db;
pub mod fleet;
pub mod mail;
pub mod signing;

use std::net::SocketAddr;
use std::path::PathBuf;

use actix_web::dev::ServerHandle;
use comune_server::Settings;
use serde_json::Value;

pub use db::{Backend, TestDb};

/// The signing key test servers use, so tests can forge expired tokens on purpose.
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";
/// The public origin test servers claim.
pub const PUBLIC_URL: &str = "http://comune.test";

pub struct TestServer {
    pub addr: SocketAddr,
    pub settings: Settings,
    pub client: reqwest::Client,
    handle: ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
    data_dir: Option<tempfile::TempDir>,
    db: Option<TestDb>,
}

/// Settings for a test server: ephemeral port, no demo, generous throttles unless a test
/// tightens them.
pub fn test_settings(data_dir: PathBuf, database_url: String) -> Settings {
    Settings {
        data_dir,
        database_url: Some(database_url),
        bind: "127.0.0.1:0".into(),
        public_url: PUBLIC_URL.into(),
        jwt_secret: Some(JWT_SECRET.into()),
        demo: Some(false),
        database_pool_size: Some(4),
        throttle_login_per_account: 1000,
        throttle_login_per_client: 1000,
        throttle_register_per_client: 1000,
        throttle_mail_per_client: 1000,
        throttle_new_account_writes_per_hour: 1000,
        log: "warn".into(),
        ..Settings::default()
    }
}

impl TestServer {
    pub fn start(backend: Backend) -> Self {
        Self::start_with(backend, |_| {})
    }

    /// Starts a server on a fresh database after letting `configure` adjust its settings.
    pub fn start_with(backend: Backend, configure: impl FnOnce(&mut Settings)) -> Self {
        let data_dir = tempfile::tempdir().expect("temporary folder");
        let db = TestDb::create(backend, data_dir.path());
        let mut settings = test_settings(data_dir.path().to_path_buf(), db.url.clone());
        configure(&mut settings);
        let mut server = Self::start_settings(settings);
        server.data_dir = Some(data_dir);
        server.db = Some(db);
        server
    }

    /// Starts a server with exactly these settings (the caller owns data folder and database).
    pub fn start_settings(settings: Settings) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        let for_thread = settings.clone();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                match comune_server::start(for_thread).await {
                    Ok(running) => {
                        let _ = tx.send(Ok((running.addr, running.server.handle())));
                        let _ = running.server.await;
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                    }
                }
            });
        });
        let (addr, handle) = rx
            .recv()
            .expect("the server thread answers")
            .unwrap_or_else(|e| panic!("the server did not start: {e:#}"));
        Self {
            addr,
            settings,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("HTTP client"),
            handle,
            thread: Some(thread),
            data_dir: None,
            db: None,
        }
    }

    /// Stops the server, waiting for in-flight requests, and hands back its data folder and
    /// database so another server can start on them.
    pub async fn stop(mut self) -> (Option<tempfile::TempDir>, Option<TestDb>, Settings) {
        self.handle.stop(true).await;
        if let Some(thread) = self.thread.take() {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
        (self.data_dir.take(), self.db.take(), self.settings.clone())
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.settings.mail_dir()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let mut req = self.client.get(self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        Reply::from(req.send().await.expect("request sent")).await
    }

    pub async fn post(&self, path: &str, body: Value, token: Option<&str>) -> Reply {
        let mut req = self.client.post(self.url(path)).json(&body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        Reply::from(req.send().await.expect("request sent")).await
    }

    /// Sends raw bytes with a content type, for malformed-input tests.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
        let req = self
            .client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body);
        Reply::from(req.send().await.expect("request sent")).await
    }

    /// Registers an account (with a password zxcvbn accepts) and returns the request body used.
    pub async fn register(&self, username: &str) -> (Reply, Value) {
        let body = serde_json::json!({
            "username": username,
            "email": format!("{username}@example.org"),
            "password": STRONG_PASSWORD,
            "display_name": format!("{username} tester"),
        });
        (
            self.post("/api/v1/accounts", body.clone(), None).await,
            body,
        )
    }

    /// Registers, verifies through the mailed token, and signs in. Returns the tokens.
    pub async fn signed_in(&self, username: &str) -> Value {
        let (reply, _) = self.register(username).await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        let email = format!("{username}@example.org");
        let token = mail::token_in_folder(&self.mail_dir(), &email, "verify-email");
        let verified = self
            .post(
                "/api/v1/auth/verify-email",
                serde_json::json!({ "token": token }),
                None,
            )
            .await;
        assert_eq!(verified.status, 204, "{}", verified.body);
        let login = self.login(username, STRONG_PASSWORD).await;
        assert_eq!(login.status, 200, "{}", login.body);
        login.json
    }

    /// Opens a connection to this server's own database, for checks the API cannot make.
    pub fn db(&self) -> comune_domain::DbConnection {
        comune_domain::db::DatabaseUrl::parse(&self.settings.database_url())
            .and_then(|u| u.connect())
            .expect("the test database opens")
    }

    /// Creates an instance admin the way `comune admin create` does, signs in, and returns the
    /// access token.
    pub async fn admin_token(&self, username: &str) -> String {
        let mut conn = self.db();
        let instance = comune_domain::Instance::new(self.settings.public_url());
        let registration = comune_domain::accounts::Registration {
            username: username.into(),
            email: format!("{username}@example.org"),
            password: STRONG_PASSWORD.into(),
            display_name: None,
            locale: None,
        };
        comune_domain::accounts::create_local(
            &mut conn,
            &instance,
            &registration,
            "it",
            comune_domain::accounts::Origin::Admin,
        )
        .expect("admin created");
        let login = self.login(username, STRONG_PASSWORD).await;
        assert_eq!(login.status, 200, "{}", login.body);
        login.json["access_token"].as_str().unwrap().to_owned()
    }

    /// Registers, verifies and signs in `username`, returning the access token.
    pub async fn token(&self, username: &str) -> String {
        self.signed_in(username).await["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }

    /// Any request: method, path, optional JSON body and optional bearer token.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        token: Option<&str>,
    ) -> Reply {
        let mut req = self.client.request(method, self.url(path));
        if let Some(body) = body {
            req = req.json(&body);
        }
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        Reply::from(req.send().await.expect("request sent")).await
    }

    pub async fn login(&self, login: &str, password: &str) -> Reply {
        self.post(
            "/api/v1/auth/login",
            serde_json::json!({ "login": login, "password": password }),
            None,
        )
        .await
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Stopping without waiting; the thread ends with the process. The database is dropped
        // after the server so PostgreSQL cleanup does not race live connections for long.
        let handle = self.handle.clone();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(handle.stop(false));
        });
    }
}

pub const STRONG_PASSWORD: &str = "tegola-viola-ponte-42";

/// A response read whole: status, headers and body (as text and, when it parses, JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
    pub json: Value,
}

impl Reply {
    pub async fn from(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.expect("body read");
        let json = serde_json::from_str(&body).unwrap_or(Value::Null);
        Self {
            status,
            headers,
            body,
            json,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts this is a problem document with `status` and `code`, and returns it.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) -> &Value {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "body: {}",
            self.body
        );
        assert_eq!(self.json["code"], code, "body: {}", self.body);
        assert_eq!(self.json["status"], status);
        assert!(self.json["title"].is_string() && self.json["detail"].is_string());
        &self.json
    }
}

/// Declares each listed `async fn name(backend: Backend)` as a test on SQLite and on PostgreSQL:
/// `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Backend::Postgres).await
                }
            )*
        }
    };
}
