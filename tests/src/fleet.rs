//! Several real `comune` server processes federating over real HTTP on loopback: each listens on
//! its own 127.0.0.x address and calls itself by a plain host name (`a.test`, ...), which every
//! process and the test client resolve to those addresses (the test-only
//! `COMUNE_FEDERATION_RESOLVE` setting, like curl's `--resolve`). Signatures are real and
//! verified; nothing is switched off but the private-address guard, which loopback needs.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::process::{Child, Command};

use crate::{Backend, Reply, TestDb, JWT_SECRET, STRONG_PASSWORD};

/// The `comune` binary the processes run: `COMUNE_TEST_BIN`, or the one built beside the
/// test binaries (`cargo build --bin comune`, which the test command runs first).
pub fn comune_bin() -> PathBuf {
    if let Ok(bin) = std::env::var("COMUNE_TEST_BIN") {
        return PathBuf::from(bin);
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/debug/deps/federation-xxxx -> target/debug/comune
    let bin = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|dir| dir.join("comune"))
        .expect("a target folder");
    assert!(
        bin.exists(),
        "{} is missing: build it with `cargo build --bin comune` (scripts/test does)",
        bin.display()
    );
    bin
}

/// One instance: a `comune serve` process with its own data folder and database.
pub struct Node {
    pub host: String,
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    env: Vec<(String, String)>,
    child: Option<Child>,
    data_dir: tempfile::TempDir,
    _db: TestDb,
}

pub struct Fleet {
    pub nodes: Vec<Node>,
}

fn free_port(ip: &str) -> SocketAddr {
    let listener = TcpListener::bind((ip, 0)).expect("a free port on loopback");
    listener.local_addr().expect("its address")
}

impl Fleet {
    /// Starts one instance per host name (`a.test`, `b.test`, ...), on 127.0.0.2, .3, ...
    pub async fn start(backend: Backend, hosts: &[&str]) -> Self {
        let addrs: Vec<SocketAddr> = (0..hosts.len())
            .map(|i| free_port(&format!("127.0.0.{}", i + 2)))
            .collect();
        let resolve = hosts
            .iter()
            .zip(&addrs)
            .map(|(h, a)| format!("{h}={a}"))
            .collect::<Vec<_>>()
            .join(",");
        let mut client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30));
        for (host, addr) in hosts.iter().zip(&addrs) {
            client = client.resolve(host, *addr);
        }
        let client = client.build().expect("HTTP client");
        let mut nodes = Vec::new();
        for (host, addr) in hosts.iter().zip(&addrs) {
            let data_dir = tempfile::tempdir().expect("temporary folder");
            let db = TestDb::create(backend, data_dir.path());
            let env = vec![
                (
                    "COMUNE_DATA_DIR".into(),
                    data_dir.path().display().to_string(),
                ),
                ("COMUNE_DATABASE_URL".into(), db.url.clone()),
                ("COMUNE_BIND".into(), addr.to_string()),
                ("COMUNE_PUBLIC_URL".into(), format!("http://{host}")),
                ("COMUNE_JWT_SECRET".into(), JWT_SECRET.into()),
                ("COMUNE_DEMO".into(), "false".into()),
                ("COMUNE_FEDERATION_ALLOW_PRIVATE".into(), "true".into()),
                ("COMUNE_FEDERATION_RESOLVE".into(), resolve.clone()),
                ("COMUNE_FEDERATION_RETRY_BASE_MS".into(), "300".into()),
                ("COMUNE_DATABASE_POOL_SIZE".into(), "4".into()),
                (
                    "COMUNE_LOG".into(),
                    std::env::var("COMUNE_TEST_FLEET_LOG").unwrap_or_else(|_| "warn".into()),
                ),
                ("COMUNE_THROTTLE_REGISTER_PER_CLIENT".into(), "1000".into()),
                ("COMUNE_THROTTLE_LOGIN_PER_CLIENT".into(), "1000".into()),
                ("COMUNE_THROTTLE_LOGIN_PER_ACCOUNT".into(), "1000".into()),
                ("COMUNE_THROTTLE_MAIL_PER_CLIENT".into(), "1000".into()),
                (
                    "COMUNE_THROTTLE_NEW_ACCOUNT_WRITES_PER_HOUR".into(),
                    "1000".into(),
                ),
            ];
            let mut node = Node {
                host: host.to_string(),
                addr: *addr,
                client: client.clone(),
                env,
                child: None,
                data_dir,
                _db: db,
            };
            node.spawn().await;
            nodes.push(node);
        }
        Self { nodes }
    }
}

impl Node {
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(comune_bin());
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .current_dir(self.data_dir.path())
            .kill_on_drop(true);
        cmd
    }

    /// Starts the process and waits until it answers `/healthz`.
    pub async fn spawn(&mut self) {
        let child = self
            .command(&["serve"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("comune serve starts");
        self.child = Some(child);
        let started = Instant::now();
        loop {
            if let Ok(r) = self.client.get(self.url("/healthz")).send().await {
                if r.status().is_success() {
                    return;
                }
            }
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("{} exited at start: {status}", self.host);
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{} did not become ready",
                self.host
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts a second server process of this instance, on the same database but with its own
    /// address and data folder (each process keeps its own search index). Nobody calls it: it
    /// is there to share the work queues, as a second process behind a load balancer would. It
    /// stops when the returned child and folder are dropped.
    pub async fn spawn_twin(&self) -> (Child, tempfile::TempDir) {
        let ip = self.addr.ip().to_string();
        let addr = free_port(&ip);
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut cmd = self.command(&["serve"]);
        cmd.env("COMUNE_BIND", addr.to_string())
            .env("COMUNE_DATA_DIR", dir.path())
            .stdout(std::process::Stdio::null());
        let mut child = cmd.spawn().expect("a second comune serve starts");
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(r) = client.get(format!("http://{addr}/healthz")).send().await {
                if r.status().is_success() {
                    return (child, dir);
                }
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "the second process of {} exited at start: {status}",
                    self.host
                );
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the twin did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops the process (as a crash would: no goodbye to anyone).
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.host)
    }

    /// A connection to this instance's own database, for checks the API cannot make.
    pub fn db(&self) -> comune_domain::DbConnection {
        comune_domain::db::DatabaseUrl::parse(&self._db.url)
            .and_then(|u| u.connect())
            .expect("the instance's database opens")
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.path().join("mail")
    }

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

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(reqwest::Method::GET, path, None, token).await
    }

    pub async fn post(&self, path: &str, body: Value, token: Option<&str>) -> Reply {
        self.send(reqwest::Method::POST, path, Some(body), token)
            .await
    }

    /// An ActivityPub document, asked for as a peer would.
    pub async fn get_ap(&self, path_or_url: &str) -> Reply {
        let url = if path_or_url.starts_with("http") {
            path_or_url.to_owned()
        } else {
            self.url(path_or_url)
        };
        let req = self
            .client
            .get(url)
            .header("accept", "application/activity+json");
        Reply::from(req.send().await.expect("request sent")).await
    }

    /// Signs in an existing account (after a restart, say).
    pub async fn login_token(&self, username: &str) -> String {
        self.login(username).await
    }

    async fn login(&self, username: &str) -> String {
        let login = self
            .post(
                "/api/v1/auth/login",
                serde_json::json!({ "login": username, "password": STRONG_PASSWORD }),
                None,
            )
            .await;
        assert_eq!(login.status, 200, "{}", login.body);
        login.json["access_token"]
            .as_str()
            .expect("a token")
            .to_owned()
    }

    /// Creates an instance admin with `comune admin create`, as an operator would, and signs in.
    pub async fn admin_token(&self, username: &str) -> String {
        let email = format!("{username}@example.org");
        let mut child = self
            .command(&["admin", "create", "--username", username, "--email", &email])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("comune admin create starts");
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(format!("{STRONG_PASSWORD}\n").as_bytes())
            .await
            .expect("password written");
        drop(stdin);
        let status = child.wait().await.expect("comune admin create ends");
        assert!(status.success(), "comune admin create failed");
        self.login(username).await
    }

    /// Registers, verifies through the mail folder and signs in a resident.
    pub async fn token(&self, username: &str) -> String {
        let email = format!("{username}@example.org");
        let reply = self
            .post(
                "/api/v1/accounts",
                serde_json::json!({
                    "username": username,
                    "email": email,
                    "password": STRONG_PASSWORD,
                }),
                None,
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        let token = crate::mail::token_in_folder(&self.mail_dir(), &email, "verify-email");
        let verified = self
            .post(
                "/api/v1/auth/verify-email",
                serde_json::json!({ "token": token }),
                None,
            )
            .await;
        assert_eq!(verified.status, 204, "{}", verified.body);
        self.login(username).await
    }
}

/// Polls `check` until it answers `Some`, for up to `secs` seconds (federation is asynchronous).
pub async fn eventually<T, F, Fut>(secs: u64, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            started.elapsed() < Duration::from_secs(secs),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A delivery as printed after a failure: kind, inbox, attempts, last error, given up.
type QueueRow = (
    String,
    String,
    i32,
    Option<String>,
    Option<chrono::NaiveDateTime>,
);

impl Drop for Node {
    /// When a test fails, each instance's outgoing queue is printed: what is stuck, and why.
    fn drop(&mut self) {
        if !std::thread::panicking() {
            return;
        }
        use comune_domain::schema::{deliveries, federation_outbox, outgoing_activities};
        use diesel::prelude::*;
        let Ok(url) = comune_domain::db::DatabaseUrl::parse(&self._db.url) else {
            return;
        };
        let Ok(mut conn) = url.connect() else {
            return;
        };
        let waiting: i64 = federation_outbox::table
            .count()
            .get_result(&mut conn)
            .unwrap_or(-1);
        eprintln!("--- {}: {waiting} changes waiting; deliveries:", self.host);
        let rows: Vec<QueueRow> = deliveries::table
            .inner_join(outgoing_activities::table)
            .select((
                outgoing_activities::kind,
                deliveries::inbox,
                deliveries::attempts,
                deliveries::last_error,
                deliveries::gave_up_at,
            ))
            .load(&mut conn)
            .unwrap_or_default();
        for row in rows {
            eprintln!("    {row:?}");
        }
    }
}
