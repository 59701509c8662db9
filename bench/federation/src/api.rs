//! The server under test, over HTTP: its JSON API for the setup (as an admin would: a
//! neighbourhood, a public channel, posts) and for checking what was stored, and its inbox
//! and followers collection for federation.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};

/// The host name the server calls itself (`COMUNE_PUBLIC_URL=http://comune.bench`).
pub const SERVER_HOST: &str = "comune.bench";

pub struct Server {
    pub client: reqwest::Client,
    token: String,
}

/// What the bench needs of the post it creates.
#[derive(Debug, Clone)]
pub struct Post {
    pub id: String,
    /// Its ActivityPub id.
    pub object_id: String,
}

pub fn url(path: &str) -> String {
    format!("http://{SERVER_HOST}{path}")
}

/// A client that reaches the server under its public host name, like a peer.
pub fn client(server: SocketAddr, connections: usize) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .resolve(SERVER_HOST, server)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(connections.max(8))
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()?)
}

async fn json_of(response: reqwest::Response, what: &str, expected: u16) -> anyhow::Result<Value> {
    let status = response.status().as_u16();
    let text = response.text().await?;
    if status != expected {
        bail!("{what}: expected {expected}, got {status}: {text}");
    }
    if text.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&text).with_context(|| format!("{what}: not JSON: {text}"))
}

impl Server {
    /// Signs in as the admin `comune admin create` made.
    pub async fn sign_in(server: SocketAddr, login: &str, password: &str) -> anyhow::Result<Self> {
        let client = client(server, 8)?;
        let reply = client
            .post(url("/api/v1/auth/login"))
            .json(&json!({ "login": login, "password": password }))
            .send()
            .await?;
        let body = json_of(reply, "signing in", 200).await?;
        let token = body["access_token"]
            .as_str()
            .context("no access token")?
            .to_owned();
        Ok(Self { client, token })
    }

    async fn post_json(&self, path: &str, body: Value, what: &str) -> anyhow::Result<Value> {
        let reply = self
            .client
            .post(url(path))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await?;
        json_of(reply, what, 201).await
    }

    pub async fn get_json(&self, path: &str) -> anyhow::Result<Value> {
        let reply = self
            .client
            .get(url(path))
            .bearer_auth(&self.token)
            .send()
            .await?;
        json_of(reply, path, 200).await
    }

    /// Creates a neighbourhood with one public discussion channel; answers the channel's id.
    pub async fn neighbourhood(&self, slug: &str) -> anyhow::Result<String> {
        self.post_json(
            "/api/v1/communities",
            json!({ "slug": slug, "name": format!("Quartiere {slug}"), "description": "Benchmark" }),
            "creating the community",
        )
        .await?;
        let channel = self
            .post_json(
                &format!("/api/v1/communities/{slug}/channels"),
                json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue", "visibility": "public" }),
                "creating the channel",
            )
            .await?;
        Ok(channel["id"].as_str().context("a channel id")?.to_owned())
    }

    pub async fn post(&self, channel: &str, title: &str) -> anyhow::Result<Post> {
        let body = self
            .post_json(
                &format!("/api/v1/channels/{channel}/posts"),
                json!({ "title": title, "body": "Sabato in piazza alle **16**: portate le sedie." }),
                "posting",
            )
            .await?;
        Ok(Post {
            id: body["id"].as_str().context("a post id")?.to_owned(),
            object_id: body["object_id"]
                .as_str()
                .context("a post object id")?
                .to_owned(),
        })
    }

    /// A post's like and comment counts, as the API shows them.
    pub async fn counts(&self, post_id: &str) -> anyhow::Result<(i64, i64)> {
        let post = self.get_json(&format!("/api/v1/posts/{post_id}")).await?;
        Ok((
            post["like_count"].as_i64().context("like_count")?,
            post["comment_count"].as_i64().context("comment_count")?,
        ))
    }

    /// The number of remote followers in a community's followers collection.
    pub async fn followers(&self, slug: &str) -> anyhow::Result<i64> {
        let reply = self
            .client
            .get(url(&format!("/c/{slug}/followers")))
            .header("accept", "application/activity+json")
            .send()
            .await?;
        let body = json_of(reply, "the followers collection", 200).await?;
        body["totalItems"].as_i64().context("totalItems")
    }

    /// Waits until the community counts `expected` remote followers.
    pub async fn wait_followers(
        &self,
        slug: &str,
        expected: i64,
        timeout: Duration,
    ) -> anyhow::Result<()> {
        let started = Instant::now();
        loop {
            let count = self.followers(slug).await?;
            if count == expected {
                return Ok(());
            }
            if started.elapsed() > timeout {
                bail!("{count} followers of {slug} after {timeout:?}, expected {expected}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
