//! The `comune` command as operators run it: the real binary as a child process, each test in its
//! own temporary working folder (so the embedded defaults — `./data`, SQLite at
//! `./data/comune.db`, mails under `./data/mail` — land there), spoken to over real HTTP on a
//! free loopback port and stopped with SIGTERM.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_comune");
/// How long a server may take to answer its health check after it is started.
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a one-shot command (migrate, check, ...) may run.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a server may take to exit after SIGTERM. Well under its 30 s shutdown timeout, so a
/// shutdown that waits on idle connections until the timeout fails the test.
const EXIT_TIMEOUT: Duration = Duration::from_secs(20);
/// How long to wait for a line in the child's output.
const LINE_TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(50);

const DEMO_ADMIN: &str = "amministratore";
const DEMO_SLUGS: [&str; 7] = [
    "centro-storico",
    "ospizio",
    "santa-croce",
    "rosta-nuova",
    "pieve-modolena",
    "coviolo",
    "mancasale",
];

// ---------------------------------------------------------------------------------------------
// Child processes

/// Settings variables a developer's shell may carry; no test inherits them.
const CLEARED: &[&str] = &[
    "COMUNE_DATABASE_URL",
    "COMUNE_CONFIG",
    "COMUNE_SMTP_URL",
    "COMUNE_DEMO",
    "COMUNE_DATA_DIR",
];

/// `comune` in `dir`, with no `COMUNE_*` variable inherited from the test's environment.
fn comune(dir: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir);
    for name in CLEARED {
        cmd.env_remove(name);
    }
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("COMUNE_") {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// The lines a child wrote to one stream, collected by a thread as they come.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<String>>>);

impl Lines {
    fn capture(stream: impl Read + Send + 'static) -> (Self, JoinHandle<()>) {
        let lines = Lines::default();
        let sink = lines.clone();
        let reader = std::thread::spawn(move || {
            let mut stream = BufReader::new(stream);
            let mut line = Vec::new();
            loop {
                line.clear();
                match stream.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        let text = String::from_utf8_lossy(&line);
                        let text = text.trim_end_matches(['\r', '\n']).to_owned();
                        sink.0.lock().unwrap().push(text);
                    }
                }
            }
        });
        (lines, reader)
    }

    fn text(&self) -> String {
        self.0.lock().unwrap().join("\n")
    }

    fn find(&self, pred: &impl Fn(&str) -> bool) -> Option<String> {
        self.0.lock().unwrap().iter().find(|l| pred(l)).cloned()
    }
}

#[derive(Clone, Copy, Debug)]
enum Stream {
    Stdout,
    Stderr,
}

/// A running `comune`; killed when dropped, so a failing test leaves no process behind.
struct Proc {
    child: Child,
    stdout: Lines,
    stderr: Lines,
    readers: Vec<JoinHandle<()>>,
}

impl Proc {
    /// Starts `cmd` with its output captured; `stdin` is written to a pipe that is then closed
    /// (no `stdin`: the null device).
    fn spawn(mut cmd: Command, stdin: Option<&str>) -> Self {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("piped stdin");
            // The child may exit without reading (e.g. on bad arguments): ignore a broken pipe.
            let _ = pipe.write_all(input.as_bytes());
        }
        let (stdout, out_reader) = Lines::capture(child.stdout.take().expect("piped stdout"));
        let (stderr, err_reader) = Lines::capture(child.stderr.take().expect("piped stderr"));
        Proc {
            child,
            stdout,
            stderr,
            readers: vec![out_reader, err_reader],
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn lines(&self, stream: Stream) -> &Lines {
        match stream {
            Stream::Stdout => &self.stdout,
            Stream::Stderr => &self.stderr,
        }
    }

    /// Everything the child wrote so far, for failure messages.
    fn transcript(&self) -> String {
        format!(
            "--- stdout ---\n{}\n--- stderr ---\n{}",
            self.stdout.text(),
            self.stderr.text()
        )
    }

    /// The exit status if the child has exited; then its output is complete.
    fn exited(&mut self) -> Option<ExitStatus> {
        let status = self.child.try_wait().expect("waiting on the child")?;
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        Some(status)
    }

    /// Waits (bounded) for the child to exit; its output is then complete.
    fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.exited() {
                return status;
            }
            if Instant::now() > deadline {
                panic!(
                    "`comune` (pid {}) did not exit within {timeout:?}\n{}",
                    self.pid(),
                    self.transcript()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits (bounded) for a line matching `pred`; fails if the child exits without writing one.
    fn wait_for_line(&mut self, stream: Stream, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + LINE_TIMEOUT;
        loop {
            if let Some(line) = self.lines(stream).find(&pred) {
                return line;
            }
            if let Some(status) = self.exited() {
                if let Some(line) = self.lines(stream).find(&pred) {
                    return line;
                }
                panic!(
                    "`comune` exited ({status}) without writing {what} on {stream:?}\n{}",
                    self.transcript()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "no {what} on {stream:?} within {LINE_TIMEOUT:?}\n{}",
                    self.transcript()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn send_sigterm(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("running kill");
        assert!(status.success(), "kill -TERM {} failed", self.pid());
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What a one-shot command did.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Run {
    fn describe(&self) -> String {
        format!(
            "exit: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.status, self.stdout, self.stderr
        )
    }

    fn assert_success(&self) -> &Self {
        assert!(
            self.status.success(),
            "expected success\n{}",
            self.describe()
        );
        self
    }

    fn assert_failure(&self) -> &Self {
        assert!(
            !self.status.success(),
            "expected a failure\n{}",
            self.describe()
        );
        assert!(
            self.status.code().is_some(),
            "expected an exit code, not death by a signal\n{}",
            self.describe()
        );
        self
    }
}

/// Runs `comune ARGS` in `dir` to completion (bounded), with `env` set and `stdin` piped in.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
    let mut cmd = comune(dir);
    cmd.args(args).envs(env.iter().copied());
    let mut proc = Proc::spawn(cmd, stdin);
    let status = proc.wait_exit(COMMAND_TIMEOUT);
    Run {
        status,
        stdout: proc.stdout.text(),
        stderr: proc.stderr.text(),
    }
}

// ---------------------------------------------------------------------------------------------
// Servers

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding a free port");
    listener.local_addr().expect("local address").port()
}

/// `comune serve` (or whatever `args` say) on a free loopback port, healthy and announced.
struct Server {
    proc: Proc,
    port: u16,
    client: reqwest::Client,
}

impl Server {
    /// Starts the server in `dir` with only COMUNE_BIND and COMUNE_PUBLIC_URL set (plus `env`),
    /// and waits until /healthz answers 200 and the start banner is printed.
    async fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let port = free_port();
        let mut cmd = comune(dir);
        cmd.args(args)
            .env("COMUNE_BIND", format!("127.0.0.1:{port}"))
            .env("COMUNE_PUBLIC_URL", format!("http://localhost:{port}"))
            .envs(env.iter().copied());
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("HTTP client");
        let mut server = Server {
            proc: Proc::spawn(cmd, None),
            port,
            client,
        };
        server.wait_healthy().await;
        server
            .proc
            .wait_for_line(Stream::Stdout, "the start banner", |l| {
                l.contains("Stop with Ctrl+C.")
            });
        server
    }

    async fn wait_healthy(&mut self) {
        let started = Instant::now();
        let url = self.url("/healthz");
        loop {
            if let Some(status) = self.proc.exited() {
                panic!(
                    "`comune` exited ({status}) before answering /healthz\n{}",
                    self.proc.transcript()
                );
            }
            let answer = self
                .client
                .get(&url)
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if let Ok(res) = answer {
                if res.status() == StatusCode::OK {
                    return;
                }
            }
            if started.elapsed() > READY_TIMEOUT {
                panic!(
                    "/healthz did not answer 200 within {READY_TIMEOUT:?}\n{}",
                    self.proc.transcript()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn stdout(&self) -> String {
        self.proc.stdout.text()
    }

    async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.client.get(self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        answer(req.send().await.expect("GET")).await
    }

    async fn post(&self, path: &str, body: Value, token: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.client.post(self.url(path)).json(&body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        answer(req.send().await.expect("POST")).await
    }

    /// Signs in and returns the access token.
    async fn login(&self, login: &str, password: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/auth/login",
                json!({"login": login, "password": password}),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "signing in as {login}: {body}");
        body["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no access_token in {body}"))
            .to_owned()
    }

    async fn community_slugs(&self) -> Vec<String> {
        let (status, body) = self.get("/api/v1/communities?limit=100", None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["next_cursor"], Value::Null, "{body}");
        body["items"]
            .as_array()
            .unwrap_or_else(|| panic!("no items in {body}"))
            .iter()
            .map(|c| c["slug"].as_str().expect("a slug").to_owned())
            .collect()
    }

    /// SIGTERM, then the exit status (bounded by [`EXIT_TIMEOUT`]).
    fn terminate(mut self) -> ExitStatus {
        self.proc.send_sigterm();
        self.proc.wait_exit(EXIT_TIMEOUT)
    }
}

async fn answer(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let text = res.text().await.expect("reading the body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    (status, body)
}

/// The password in a line like "... sign in as `amministratore` with password `XXXX` ...".
fn demo_password(output: &str) -> String {
    let line = output
        .lines()
        .find(|l| l.contains("with password `"))
        .unwrap_or_else(|| panic!("no demo admin password in the output:\n{output}"));
    let parts: Vec<&str> = line.split('`').collect();
    assert!(
        parts.len() >= 4 && parts[1] == DEMO_ADMIN && parts[2].contains("password"),
        "unexpected demo admin line: {line}"
    );
    let password = parts[3];
    assert!(password.len() >= 10, "a short demo password: {line}");
    password.to_owned()
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_with_extension(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found
}

fn sorted(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items
}

fn demo_slugs_and(extra: &[&str]) -> Vec<String> {
    sorted(
        DEMO_SLUGS
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------------
// Tests

#[tokio::test]
async fn embedded_defaults_serve_demo_and_survive_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // First start, explicitly `serve`, with nothing configured but the address.
    let server = Server::start(dir.path(), &["serve"], &[]).await;
    let stdout = server.stdout();
    let open = format!("http://localhost:{}/", server.port);
    assert!(
        stdout
            .lines()
            .any(|l| l.trim_start().starts_with("Open") && l.trim_end().ends_with(&open)),
        "no `Open {open}` line:\n{stdout}"
    );
    let demo_line = stdout
        .lines()
        .find(|l| l.contains("Demo admin:"))
        .unwrap_or_else(|| panic!("no demo admin line:\n{stdout}"));
    assert!(
        demo_line.contains(&format!("`{DEMO_ADMIN}`")) && demo_line.contains("demo-admin.txt"),
        "{demo_line}"
    );
    let password = demo_password(&stdout);

    let (status, health) = server.get("/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health, json!({"status": "ok"}));

    let slugs = server.community_slugs().await;
    assert!(slugs.iter().any(|s| s == "santa-croce"), "{slugs:?}");
    assert_eq!(sorted(slugs), demo_slugs_and(&[]));

    let token = server.login(DEMO_ADMIN, &password).await;
    let (status, me) = server.get("/api/v1/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["username"], DEMO_ADMIN, "{me}");
    assert_eq!(me["roles"], json!(["admin"]), "{me}");

    let rosa = json!({
        "username": "rosa_bianchi",
        "email": "rosa@example.org",
        "password": "tegola-viola-ponte-42",
    });
    let (status, account) = server.post("/api/v1/accounts", rosa.clone(), None).await;
    assert_eq!(status, StatusCode::CREATED, "{account}");
    assert_eq!(account["username"], "rosa_bianchi", "{account}");
    let mails = files_with_extension(&data.join("mail"), "eml");
    assert!(
        mails.iter().any(|m| std::fs::read_to_string(m)
            .unwrap_or_default()
            .contains("rosa@example.org")),
        "no mail to rosa@example.org under {}: {mails:?}",
        data.join("mail").display()
    );

    let (status, community) = server
        .post(
            "/api/v1/communities",
            json!({"slug": "gavassa", "name": "Gavassa"}),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{community}");
    assert_eq!(community["slug"], "gavassa", "{community}");

    let status = server.terminate();
    assert!(
        status.success(),
        "SIGTERM should end the server cleanly: {status}"
    );
    assert!(data.join("comune.db").is_file(), "no ./data/comune.db");

    // Second start in the same folder, with no subcommand (serve is the default).
    let server = Server::start(dir.path(), &[], &[]).await;
    assert_eq!(
        demo_password(&server.stdout()),
        password,
        "the demo admin's password changed on restart"
    );
    assert_eq!(
        sorted(server.community_slugs().await),
        demo_slugs_and(&["gavassa"]),
        "the demo was seeded again, or a community was lost"
    );
    let token = server.login(DEMO_ADMIN, &password).await;
    let (status, me) = server.get("/api/v1/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["roles"], json!(["admin"]), "{me}");
    let (status, problem) = server.post("/api/v1/accounts", rosa, None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["code"], "username_taken", "{problem}");

    let status = server.terminate();
    assert!(
        status.success(),
        "SIGTERM should end the server cleanly: {status}"
    );
    assert!(data.join("comune.db").is_file(), "no ./data/comune.db");
}

/// Reads from `stream` until the end of a response head; returns the head.
fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(0) => panic!(
                "connection closed after {:?}",
                String::from_utf8_lossy(&head)
            ),
            Ok(_) => head.push(byte[0]),
            Err(e) => panic!(
                "reading a response head: {e} after {:?}",
                String::from_utf8_lossy(&head)
            ),
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// A connection attempt made while the server shuts down: the listener was closed, or the
/// connection was taken but closed without an answer. Fails if it is answered or left hanging.
#[derive(Debug, PartialEq)]
enum Probe {
    Refused,
    ClosedUnanswered,
}

fn probe_new_connection(addr: SocketAddr) -> Probe {
    let mut stream = match TcpStream::connect_timeout(&addr, Duration::from_secs(5)) {
        Err(_) => return Probe::Refused,
        Ok(stream) => stream,
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // The server may already have closed it: a failed write is "not answered" too.
    let _ = stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer) {
        Ok(_) => assert!(
            answer.is_empty(),
            "a connection made during the shutdown was served: {}",
            String::from_utf8_lossy(&answer)
        ),
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            panic!(
                "a connection made during the shutdown was left hanging, neither served nor closed"
            )
        }
        Err(_) => {} // reset
    }
    Probe::ClosedUnanswered
}

#[tokio::test]
async fn graceful_shutdown_lets_in_flight_requests_finish() {
    let dir = tempfile::tempdir().unwrap();
    // The test follows actix-server's own log lines (info level, text format).
    let env = [
        ("COMUNE_DEMO", "false"),
        ("COMUNE_LOG", "info"),
        ("COMUNE_LOG_FORMAT", "text"),
    ];
    let mut server = Server::start(dir.path(), &["serve"], &env).await;
    let addr: SocketAddr = ([127, 0, 0, 1], server.port).into();

    let body = json!({"login": "nessuno_qui", "password": "non-importa-quale-31"}).to_string();
    let (first_half, second_half) = body.split_at(body.len() / 2);
    let mut stream = TcpStream::connect(addr).expect("connecting");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    // `Expect: 100-continue` makes the server say when it has parsed the head and started the
    // request: only then is the request in flight. A request still in the connection's buffer
    // (or a connection still queued for a worker) when the shutdown starts is dropped by design.
    write!(
        stream,
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    )
    .unwrap();
    let interim = read_head(&mut stream);
    assert_eq!(interim, "HTTP/1.1 100 Continue\r\n\r\n");
    stream.write_all(first_half.as_bytes()).unwrap();
    stream.flush().unwrap();

    server.proc.send_sigterm();
    server
        .proc
        .wait_for_line(Stream::Stderr, "the graceful shutdown notice", |l| {
            l.contains("SIGTERM")
        });
    // actix-server logs "SIGTERM received" just *before* it starts the shutdown (it then tells
    // connections to drain, the accept thread to stop and the workers to finish), so a connection
    // made right after that line may still be served. A worker's "graceful worker shutdown"
    // line comes after the drain notice: from then on no new connection is answered, and the
    // listener closes shortly after, while the request in flight keeps its worker alive.
    server
        .proc
        .wait_for_line(Stream::Stderr, "the worker's graceful shutdown", |l| {
            l.contains("graceful worker shutdown")
        });
    let deadline = Instant::now() + LINE_TIMEOUT;
    while probe_new_connection(addr) != Probe::Refused {
        assert!(
            Instant::now() < deadline,
            "the listener stayed open during the shutdown\n{}",
            server.proc.transcript()
        );
        std::thread::sleep(POLL);
    }
    assert!(
        server.proc.exited().is_none(),
        "the server exited with a request in flight\n{}",
        server.proc.transcript()
    );

    stream.write_all(second_half.as_bytes()).unwrap();
    stream.flush().unwrap();
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .expect("reading the response (the server should close the connection after it)");
    let response = String::from_utf8_lossy(&response).into_owned();
    assert!(
        response.starts_with("HTTP/1.1 401"),
        "not a complete 401 answer: {response}"
    );
    let (head, problem) = response
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of head: {response}"));
    assert!(
        head.to_ascii_lowercase().contains("\r\nconnection: close"),
        "a draining server should close the connection after the answer: {head}"
    );
    let problem: Value = serde_json::from_str(problem)
        .unwrap_or_else(|e| panic!("not a complete JSON body ({e}): {response}"));
    assert_eq!(problem["code"], "invalid_credentials", "{problem}");

    let status = server.proc.wait_exit(EXIT_TIMEOUT);
    assert!(
        status.success(),
        "SIGTERM should end the server cleanly: {status}\n{}",
        server.proc.transcript()
    );
}

#[tokio::test]
async fn admin_create_reads_the_password_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let no_demo = [("COMUNE_DEMO", "false")];
    let create = |username: &str, email: &str, stdin: &str| {
        run(
            dir.path(),
            &["admin", "create", "--username", username, "--email", email],
            &no_demo,
            Some(stdin),
        )
    };

    let created = create(
        "sindaca",
        "sindaca@example.org",
        "lampione-giallo-fiume-77\n",
    );
    created.assert_success();
    assert!(created.stdout.contains("sindaca"), "{}", created.describe());

    let weak = create("assessore", "assessore@example.org", "password123\n");
    weak.assert_failure();
    assert!(weak.stderr.contains("password"), "{}", weak.describe());

    let empty = create("assessora", "assessora@example.org", "");
    empty.assert_failure();
    assert!(empty.stderr.contains("password"), "{}", empty.describe());

    let duplicate = create("sindaca", "altra@example.org", "tramonto-rosso-argine-58\n");
    duplicate.assert_failure();
    assert!(
        duplicate.stderr.to_lowercase().contains("username") && duplicate.stderr.contains("taken"),
        "{}",
        duplicate.describe()
    );

    let server = Server::start(dir.path(), &["serve"], &no_demo).await;
    assert!(
        !server.stdout().contains("Demo admin"),
        "COMUNE_DEMO=false but the demo was announced:\n{}",
        server.stdout()
    );
    let token = server.login("sindaca", "lampione-giallo-fiume-77").await;
    let (status, me) = server.get("/api/v1/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["username"], "sindaca", "{me}");
    assert_eq!(me["email"], "sindaca@example.org", "{me}");
    assert_eq!(me["roles"], json!(["admin"]), "{me}");
    assert_eq!(me["email_verified"], json!(true), "{me}");
    // The refused attempts created nobody.
    for login in ["assessore", "assessora"] {
        let (status, problem) = server
            .post(
                "/api/v1/auth/login",
                json!({"login": login, "password": "password123"}),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{login}: {problem}");
    }
    assert!(server.community_slugs().await.is_empty(), "demo seeded");
    let status = server.terminate();
    assert!(status.success(), "{status}");
}

#[tokio::test]
async fn seed_demo_and_migrate_commands() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    let first = run(dir.path(), &["migrate"], &[], None);
    first.assert_success();
    assert!(data.join("comune.db").is_file(), "{}", first.describe());
    assert!(
        !first.stdout.contains("up to date"),
        "a fresh database has migrations to apply\n{}",
        first.describe()
    );
    let again = run(dir.path(), &["migrate"], &[], None);
    again.assert_success();
    assert!(
        again.stdout.contains("The database is up to date."),
        "{}",
        again.describe()
    );

    let seeded = run(dir.path(), &["seed-demo"], &[], None);
    seeded.assert_success();
    let password = demo_password(&seeded.stdout);
    let kept = std::fs::read_to_string(data.join("demo-admin.txt")).expect("demo-admin.txt");
    assert_eq!(kept, format!("{DEMO_ADMIN}\n{password}\n"));

    let reseeded = run(dir.path(), &["seed-demo"], &[], None);
    reseeded.assert_success();
    assert_eq!(
        std::fs::read_to_string(data.join("demo-admin.txt")).unwrap(),
        kept,
        "seeding again replaced the demo admin's password"
    );

    let server = Server::start(dir.path(), &[], &[]).await;
    assert_eq!(demo_password(&server.stdout()), password);
    assert_eq!(
        sorted(server.community_slugs().await),
        demo_slugs_and(&[]),
        "seeding twice duplicated or lost neighbourhoods"
    );
    server.login(DEMO_ADMIN, &password).await;
    let status = server.terminate();
    assert!(status.success(), "{status}");
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();

    let version = run(dir.path(), &["--version"], &[], None);
    version.assert_success();
    assert_eq!(
        version.stdout.trim(),
        format!("comune {}", env!("CARGO_PKG_VERSION"))
    );

    let help = run(dir.path(), &["--help"], &[], None);
    help.assert_success();
    for command in ["serve", "migrate", "admin", "seed-demo", "check"] {
        assert!(
            help.stdout.lines().any(|l| {
                let l = l.trim_start();
                l.strip_prefix(command)
                    .is_some_and(|rest| rest.starts_with(' ') || rest.is_empty())
            }),
            "`{command}` is not listed\n{}",
            help.describe()
        );
    }

    let create_help = run(dir.path(), &["admin", "create", "--help"], &[], None);
    create_help.assert_success();
    for flag in ["--username", "--email"] {
        assert!(
            create_help.stdout.contains(flag),
            "{flag}\n{}",
            create_help.describe()
        );
    }

    let unknown = run(dir.path(), &["frobnicate"], &[], None);
    unknown.assert_failure();
    assert!(
        unknown.stderr.contains("frobnicate"),
        "{}",
        unknown.describe()
    );
    assert!(
        !dir.path().join("data").exists(),
        "help, version and a usage error should touch nothing"
    );
}

#[test]
fn check_reports_problems_clearly() {
    let dir = tempfile::tempdir().unwrap();

    let fine = run(dir.path(), &["check"], &[], None);
    fine.assert_success();
    assert!(
        fine.stdout.contains("All checks passed."),
        "{}",
        fine.describe()
    );

    let mysql = run(
        dir.path(),
        &["check"],
        &[("COMUNE_DATABASE_URL", "mysql://x")],
        None,
    );
    mysql.assert_failure();
    assert!(
        mysql.stderr.contains("database URL"),
        "{}",
        mysql.describe()
    );

    let bad_url = run(
        dir.path(),
        &["check"],
        &[("COMUNE_PUBLIC_URL", "not-a-url")],
        None,
    );
    bad_url.assert_failure();
    assert!(
        bad_url.stderr.contains("public_url"),
        "{}",
        bad_url.describe()
    );

    let config = dir.path().join("settings-with-a-typo.toml");
    std::fs::write(
        &config,
        "bind = \"127.0.0.1:9999\"\npublic_ulr = \"https://x.org\"\n",
    )
    .unwrap();
    let typo = run(
        dir.path(),
        &["check"],
        &[("COMUNE_CONFIG", config.to_str().unwrap())],
        None,
    );
    typo.assert_failure();
    assert!(typo.stderr.contains("public_ulr"), "{}", typo.describe());
    assert!(
        !typo.stdout.contains("All checks passed."),
        "{}",
        typo.describe()
    );
}

#[test]
fn search_reindex_rebuilds_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("data").join("search");
    run(dir.path(), &["seed-demo"], &[], None).assert_success();
    // Seeding again adds nothing: the count below would grow.
    run(dir.path(), &["seed-demo"], &[], None).assert_success();

    // The demo (server/src/demo/data.rs): 7 neighbourhoods, each with 4 threads with a comment,
    // an announcement, a members-only note, 2 events and a co-design process (7 + 7 * 13 = 98);
    // 5 proposals (3 in Santa Croce, 2 in Ospizio), 8 shops, and the 2 accords (Rosta Nuova,
    // Ospizio) with their discussion threads: 115 searchable documents.
    let indexed = |run: &Run| -> u64 {
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with("Search index rebuilt:"))
            .unwrap_or_else(|| panic!("no summary line\n{}", run.describe()));
        line.split_whitespace()
            .nth(3)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count in {line:?}"))
    };
    let first = run(dir.path(), &["search", "reindex"], &[], None);
    first.assert_success();
    assert_eq!(indexed(&first), 115, "{}", first.describe());
    assert!(
        index.join("outbox-seq").is_file(),
        "the feed position is recorded"
    );

    // It also repairs a damaged index.
    std::fs::write(index.join("index").join("meta.json"), b"garbage").unwrap();
    let again = run(dir.path(), &["search", "reindex"], &[], None);
    again.assert_success();
    assert_eq!(indexed(&again), 115, "{}", again.describe());
    let help = run(dir.path(), &["search", "--help"], &[], None);
    assert!(help.stdout.contains("reindex"), "{}", help.describe());
}
