//! The fake instances: one HTTP listener that answers for every bench host name (the server
//! is told by `COMUNE_FEDERATION_RESOLVE` that they all live at its address). It serves each
//! person's actor document, answers 202 to any POST (an inbox), and records every delivery
//! with its arrival time, host and what it carries.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::Notify;

/// One POST that reached a fake instance.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub at: Instant,
    pub host: String,
    pub path: String,
    /// The activity's `type` (`Accept`, `Announce`, ...).
    pub kind: String,
    /// The ids along the `object` chain (for an Announce of a Create of a Page: the Create's id,
    /// then the Page's).
    pub object_ids: Vec<String>,
    pub signed: bool,
}

#[derive(Default)]
struct State {
    deliveries: Vec<Delivery>,
    actor_fetches: usize,
}

pub struct Peer {
    public_key_pem: String,
    state: Mutex<State>,
    arrived: Notify,
}

impl Peer {
    /// Listens on `addr` until the process ends.
    pub async fn start(addr: SocketAddr, public_key_pem: String) -> anyhow::Result<Arc<Self>> {
        let listener = TcpListener::bind(addr).await?;
        let peer = Arc::new(Self {
            public_key_pem,
            state: Mutex::new(State::default()),
            arrived: Notify::new(),
        });
        let serving = peer.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let peer = serving.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| {
                        let peer = peer.clone();
                        async move { Ok::<_, Infallible>(peer.answer(req).await) }
                    });
                    let _ = http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(peer)
    }

    async fn answer(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let host = req
            .headers()
            .get(hyper::header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let path = req.uri().path().to_owned();
        let method = req.method().clone();
        let signed = req.headers().contains_key("signature");
        if method == Method::GET {
            if let Some(name) = path.strip_prefix("/u/").filter(|n| is_name(n)) {
                self.state().actor_fetches += 1;
                let doc = person(&host, name, &self.public_key_pem);
                return reply(StatusCode::OK, doc.to_string(), "application/activity+json");
            }
            return reply(StatusCode::NOT_FOUND, String::new(), "text/plain");
        }
        if method != Method::POST {
            return reply(StatusCode::METHOD_NOT_ALLOWED, String::new(), "text/plain");
        }
        let body = match req.into_body().collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => return reply(StatusCode::BAD_REQUEST, String::new(), "text/plain"),
        };
        let at = Instant::now();
        let activity: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let delivery = Delivery {
            at,
            host,
            path,
            kind: activity
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            object_ids: object_chain(&activity),
            signed,
        };
        self.state().deliveries.push(delivery);
        self.arrived.notify_waiters();
        reply(StatusCode::ACCEPTED, String::new(), "text/plain")
    }

    /// The recorded state. A panic elsewhere while it was held leaves it usable (the figures
    /// are counters and a list, consistent after every single change).
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many deliveries were recorded so far (a mark to read from later).
    pub fn mark(&self) -> usize {
        self.state().deliveries.len()
    }

    /// The deliveries recorded since `mark`.
    pub fn since(&self, mark: usize) -> Vec<Delivery> {
        self.state().deliveries[mark..].to_vec()
    }

    pub fn actor_fetches(&self) -> usize {
        self.state().actor_fetches
    }

    /// Waits until `done` holds for the deliveries since `mark`, or `timeout` passes; answers
    /// whether it held.
    pub async fn wait_for(
        &self,
        mark: usize,
        timeout: std::time::Duration,
        mut done: impl FnMut(&[Delivery]) -> bool,
    ) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.arrived.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if done(&self.since(mark)) {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            // Also wake now and then, in case a notification raced the check.
            let _ = tokio::time::timeout(
                (deadline - now).min(std::time::Duration::from_millis(200)),
                notified,
            )
            .await;
        }
    }
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn reply(status: StatusCode, body: String, content_type: &str) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header(hyper::header::CONTENT_TYPE, content_type)
        .body(Full::new(Bytes::from(body)))
        .expect("a response")
}

/// A person's actor document on a fake instance: a personal inbox and the host's shared inbox.
pub fn person(host: &str, name: &str, public_key_pem: &str) -> Value {
    let id = person_id(host, name);
    json!({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "type": "Person",
        "id": id,
        "preferredUsername": name,
        "name": format!("Bench {name}"),
        "inbox": format!("{id}/inbox"),
        "outbox": format!("{id}/outbox"),
        "followers": format!("{id}/followers"),
        "endpoints": { "sharedInbox": shared_inbox(host) },
        "publicKey": {
            "id": format!("{id}#main-key"),
            "owner": id,
            "publicKeyPem": public_key_pem,
        },
    })
}

pub fn person_id(host: &str, name: &str) -> String {
    format!("http://{host}/u/{name}")
}

pub fn shared_inbox(host: &str) -> String {
    format!("http://{host}/inbox")
}

/// The ids along an activity's `object` chain, outermost first.
fn object_chain(activity: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    let mut current = activity.get("object");
    while let Some(object) = current {
        match object {
            Value::String(id) => {
                ids.push(id.clone());
                break;
            }
            Value::Object(map) => {
                if let Some(id) = map.get("id").and_then(Value::as_str) {
                    ids.push(id.to_owned());
                }
                current = map.get("object");
            }
            _ => break,
        }
        if ids.len() > 4 {
            break;
        }
    }
    ids
}
