//! Actors: local people (`Person`), communities (`Group`) and the instance (`Application`), and
//! cached remote ones. Local key pairs are made the first time federation needs them.

use activitypub_federation::config::Data;
use activitypub_federation::http_signatures::generate_actor_keypair;
use activitypub_federation::protocol::public_key::PublicKey;
use activitypub_federation::protocol::verification::verify_domains_match;
use activitypub_federation::traits::{Actor, Object};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use comune_domain::peers::remote::{self, ActorRow, RemoteActor, RemoteChannel};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{FedData, FedError};
use comune_domain::vocabulary::ChannelKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Person,
    Group,
    Application,
}

/// An actor as the library sees it: who it is, where it receives, and its keys.
#[derive(Debug, Clone)]
pub struct ApActor {
    pub ap_id: Url,
    pub kind: ActorKind,
    /// The `accounts` or `communities` row; `None` for the instance actor.
    pub row_id: Option<String>,
    pub local: bool,
    pub name: String,
    pub display_name: String,
    pub summary: String,
    pub inbox: Url,
    pub shared_inbox: Option<Url>,
    pub public_key_pem: String,
    pub private_key_pem: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub last_refreshed_at: Option<DateTime<Utc>>,
    /// Channels a community advertises: `(id, slug, name, kind)`.
    pub channels: Vec<(Url, String, String, ChannelKind)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_inbox: Option<Url>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelJson {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Url,
    pub name: String,
    #[serde(default)]
    pub preferred_username: Option<String>,
    #[serde(default)]
    pub channel_kind: Option<String>,
}

/// An actor document, ours or a peer's. Peers' documents vary: what we do not need is optional.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActorJson {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Value>,
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Url,
    pub preferred_username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub inbox: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured: Option<Url>,
    /// A group's moderators collection (Lemmy's convention; Lemmy accepts a moderator's
    /// removal or ban only from someone listed there). Kept as sent: peers vary in its shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Endpoints>,
    pub public_key: PublicKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manually_approves_followers: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discoverable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posting_restricted_to_mods: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<ChannelJson>>,
    /// A person's signing keys, as Multikeys (FEP-521a): what their accord signatures are
    /// checked against. Revoked keys stay, with `revoked`, so older signatures still check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assertion_method: Option<Vec<serde_json::Value>>,
}

fn parse(url: &str) -> Result<Url, FedError> {
    Url::parse(url).map_err(|e| FedError::Internal(anyhow::anyhow!("stored URL {url:?}: {e}")))
}

fn utc(t: chrono::NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}

impl ApActor {
    fn from_row(row: ActorRow, data: &FedData) -> Result<Self, FedError> {
        match row {
            ActorRow::Account(a) => Ok(ApActor {
                ap_id: parse(&a.ap_id)?,
                kind: ActorKind::Person,
                row_id: Some(a.id.clone()),
                local: a.local,
                name: a.username.clone(),
                display_name: a.display_name.clone(),
                summary: String::new(),
                inbox: parse(&a.inbox_url)?,
                shared_inbox: a.shared_inbox_url.as_deref().map(parse).transpose()?,
                public_key_pem: a.public_key_pem.clone().unwrap_or_default(),
                private_key_pem: a.private_key_pem.clone(),
                published: Some(utc(a.created_at)),
                last_refreshed_at: a.last_fetched_at.map(utc),
                channels: Vec::new(),
            }),
            ActorRow::Community(c) => {
                let channels = if c.local {
                    local_channels(data, &c)?
                } else {
                    Vec::new()
                };
                Ok(ApActor {
                    ap_id: parse(&c.ap_id)?,
                    kind: ActorKind::Group,
                    row_id: Some(c.id.clone()),
                    local: c.local,
                    name: c.slug.clone(),
                    display_name: c.name.clone(),
                    summary: c.description.clone(),
                    inbox: parse(&c.inbox_url)?,
                    shared_inbox: c.shared_inbox_url.as_deref().map(parse).transpose()?,
                    public_key_pem: c.public_key_pem.clone().unwrap_or_default(),
                    private_key_pem: c.private_key_pem.clone(),
                    published: Some(utc(c.created_at)),
                    last_refreshed_at: c.last_fetched_at.map(utc),
                    channels,
                })
            }
        }
    }

    /// Loads a local or cached actor by id, making a local one's keys if it has none yet.
    pub async fn load(data: &FedData, ap_id: &str) -> Result<Option<Self>, FedError> {
        if let Some(actor) = data.cached_actor(ap_id) {
            return Ok(Some(actor));
        }
        let id = ap_id.to_owned();
        let row = data.db(move |conn| remote::find_actor(conn, &id)).await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let actor = Self::from_row(row, data)?;
        if actor.local && actor.private_key_pem.is_none() {
            return Ok(Some(ensure_keys(data, actor).await?));
        }
        data.remember_actor(&actor);
        Ok(Some(actor))
    }

    /// The document other servers read.
    pub fn to_json(&self, data: &FedData) -> ActorJson {
        let instance = &data.instance;
        let base = self.ap_id.as_str().trim_end_matches('/');
        let url = |path: &str| Url::parse(&format!("{base}{path}")).ok();
        let shared = Url::parse(&instance.shared_inbox()).ok();
        let is_group = self.kind == ActorKind::Group;
        ActorJson {
            context: Some(crate::context::of_documents(instance)),
            kind: match self.kind {
                ActorKind::Person => "Person",
                ActorKind::Group => "Group",
                ActorKind::Application => "Application",
            }
            .into(),
            id: self.ap_id.clone(),
            preferred_username: self.name.clone(),
            name: Some(self.display_name.clone()).filter(|n| !n.is_empty()),
            summary: Some(comune_domain::markdown::to_html(&self.summary))
                .filter(|s| !s.is_empty()),
            inbox: self.inbox.clone(),
            outbox: url("/outbox"),
            followers: if self.kind == ActorKind::Application {
                None
            } else {
                url("/followers")
            },
            featured: if is_group { url("/featured") } else { None },
            attributed_to: if is_group {
                url("/moderators").map(|u| serde_json::Value::String(u.into()))
            } else {
                None
            },
            endpoints: Some(Endpoints {
                shared_inbox: shared,
            }),
            public_key: self.public_key(),
            url: Some(self.ap_id.clone()),
            published: self.published,
            manually_approves_followers: Some(false),
            discoverable: Some(true),
            posting_restricted_to_mods: is_group.then_some(false),
            channels: is_group.then(|| {
                self.channels
                    .iter()
                    .map(|(id, slug, name, kind)| ChannelJson {
                        kind: "Channel".into(),
                        id: id.clone(),
                        name: name.clone(),
                        preferred_username: Some(slug.clone()),
                        channel_kind: Some(kind.as_str().to_owned()),
                    })
                    .collect()
            }),
            assertion_method: match (&self.kind, self.local, &self.row_id) {
                (ActorKind::Person, true, Some(account_id)) => signing_keys(data, account_id),
                _ => None,
            },
        }
    }
}

/// A local person's signing keys as Multikey verification methods; `None` when they have none
/// (or they cannot be read now: the document is still served, without them).
fn signing_keys(data: &FedData, account_id: &str) -> Option<Vec<serde_json::Value>> {
    let keys = data
        .pool
        .get()
        .map_err(|e| anyhow::anyhow!("database pool: {e}"))
        .and_then(|mut conn| {
            comune_domain::accords::keys::of(&mut conn, account_id).map_err(anyhow::Error::from)
        });
    let keys = match keys {
        Ok(keys) => keys,
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), "reading a person's signing keys");
            return None;
        }
    };
    let methods: Vec<serde_json::Value> = keys
        .into_iter()
        .map(|k| {
            let controller = k.key_id.split('#').next().unwrap_or_default().to_owned();
            let mut method = serde_json::json!({
                "id": k.key_id,
                "type": "Multikey",
                "controller": controller,
                "publicKeyMultibase": k.public_key_multibase,
            });
            if let Some(revoked) = k.revoked_at {
                method["revoked"] = serde_json::json!(
                    utc(revoked).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                );
            }
            method
        })
        .collect();
    (!methods.is_empty()).then_some(methods)
}

/// A local community's public channels, as its Group document lists them.
fn local_channels(
    data: &FedData,
    community: &comune_domain::communities::Community,
) -> Result<Vec<(Url, String, String, ChannelKind)>, FedError> {
    let mut conn = data
        .pool
        .get()
        .map_err(|e| FedError::Internal(anyhow::anyhow!("database pool: {e}")))?;
    // Anonymous visibility: public channels only.
    let channels = comune_domain::channels::visible_in(&mut conn, community, None)?;
    channels
        .into_iter()
        .filter(|c| c.is_public())
        .map(|c| {
            Ok((
                parse(&format!("{}/channels/{}", community.ap_id, c.slug))?,
                c.slug,
                c.name,
                c.kind,
            ))
        })
        .collect()
}

async fn ensure_keys(data: &FedData, mut actor: ApActor) -> Result<ApActor, FedError> {
    let keys = tokio::task::spawn_blocking(generate_actor_keypair)
        .await
        .map_err(|e| FedError::Internal(anyhow::anyhow!("key generation: {e}")))?
        .map_err(|e| FedError::Internal(anyhow::anyhow!("key generation: {e}")))?;
    let id = actor.ap_id.to_string();
    let (public, private) = data
        .db(move |conn| remote::store_keys(conn, &id, &keys.public_key, &keys.private_key))
        .await?;
    actor.public_key_pem = public;
    actor.private_key_pem = Some(private);
    Ok(actor)
}

/// The instance's own actor (`/actor`), which signs fetches; its keys are made at first start.
pub async fn instance_actor(data: &FedData) -> Result<ApActor, FedError> {
    let stored = data.db(comune_domain::peers::policy::instance_keys).await?;
    let (public, private) = match stored {
        Some(keys) => keys,
        None => {
            let keys = tokio::task::spawn_blocking(generate_actor_keypair)
                .await
                .map_err(|e| FedError::Internal(anyhow::anyhow!("key generation: {e}")))?
                .map_err(|e| FedError::Internal(anyhow::anyhow!("key generation: {e}")))?;
            data.db(move |conn| {
                comune_domain::peers::policy::store_instance_keys(
                    conn,
                    &keys.public_key,
                    &keys.private_key,
                )
            })
            .await?
        }
    };
    let instance = &data.instance;
    Ok(ApActor {
        ap_id: parse(&instance.url("/actor"))?,
        kind: ActorKind::Application,
        row_id: None,
        local: true,
        name: instance.domain(),
        display_name: format!("Comune {}", instance.domain()),
        summary: String::new(),
        inbox: parse(&instance.url("/actor/inbox"))?,
        shared_inbox: Some(parse(&instance.shared_inbox())?),
        public_key_pem: public,
        private_key_pem: Some(private),
        published: None,
        last_refreshed_at: None,
        channels: Vec::new(),
    })
}

fn remote_actor(json: &ActorJson) -> Result<RemoteActor, FedError> {
    let host = comune_domain::peers::host_of(json.id.as_str())
        .ok_or_else(|| FedError::Malformed("actor id without a host".into()))?;
    Ok(RemoteActor {
        ap_id: json.id.to_string(),
        name: json.preferred_username.clone(),
        host,
        display_name: json.name.clone().unwrap_or_default(),
        summary: json
            .summary
            .as_deref()
            .map(comune_domain::markdown::html_to_text)
            .unwrap_or_default(),
        inbox: json.inbox.to_string(),
        shared_inbox: json
            .endpoints
            .as_ref()
            .and_then(|e| e.shared_inbox.as_ref())
            .map(Url::to_string),
        public_key_pem: json.public_key.public_key_pem.clone(),
    })
}

#[async_trait]
impl Object for ApActor {
    type DataType = FedData;
    type Kind = ActorJson;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    fn last_refreshed_at(&self) -> Option<DateTime<Utc>> {
        // Local actors never need refetching.
        if self.local {
            Some(Utc::now())
        } else {
            self.last_refreshed_at
        }
    }

    async fn read_from_id(object_id: Url, data: &Data<FedData>) -> Result<Option<Self>, FedError> {
        if object_id.as_str() == data.instance.url("/actor") {
            return Ok(Some(instance_actor(data.app_data()).await?));
        }
        ApActor::load(data.app_data(), object_id.as_str()).await
    }

    async fn into_json(self, data: &Data<FedData>) -> Result<ActorJson, FedError> {
        Ok(self.to_json(data.app_data()))
    }

    async fn verify(
        json: &ActorJson,
        expected_domain: &Url,
        _data: &Data<FedData>,
    ) -> Result<(), FedError> {
        verify_domains_match(&json.id, expected_domain)?;
        verify_domains_match(&json.inbox, expected_domain)?;
        if json.public_key.owner != json.id {
            return Err(FedError::Malformed(
                "the key belongs to another actor".into(),
            ));
        }
        if json.preferred_username.is_empty() || json.preferred_username.len() > 255 {
            return Err(FedError::Malformed(
                "preferredUsername is missing or too long".into(),
            ));
        }
        Ok(())
    }

    async fn from_json(json: ActorJson, data: &Data<FedData>) -> Result<Self, FedError> {
        let host = comune_domain::peers::host_of(json.id.as_str()).unwrap_or_default();
        if !data.permits(&host).await? {
            return Err(FedError::Blocked(host));
        }
        let remote = remote_actor(&json)?;
        let row = if json.kind == "Group" {
            let channels: Vec<RemoteChannel> = json
                .channels
                .iter()
                .flatten()
                .filter(|c| c.id.domain() == json.id.domain())
                .map(|c| RemoteChannel {
                    ap_id: c.id.to_string(),
                    slug: c
                        .preferred_username
                        .clone()
                        .unwrap_or_else(|| c.name.clone()),
                    name: c.name.clone(),
                    kind: c
                        .channel_kind
                        .as_deref()
                        .and_then(ChannelKind::parse)
                        .unwrap_or(ChannelKind::Dialogue),
                })
                .collect();
            data.db(move |conn| {
                comune_domain::peers::policy::remember(conn, &remote.host)?;
                remote::upsert_group(conn, &remote, &channels)
                    .map(|c| ActorRow::Community(Box::new(c)))
            })
            .await?
        } else {
            data.db(move |conn| {
                comune_domain::peers::policy::remember(conn, &remote.host)?;
                remote::upsert_person(conn, &remote).map(|a| ActorRow::Account(Box::new(a)))
            })
            .await?
        };
        let actor = ApActor::from_row(row, data.app_data())?;
        data.remember_actor(&actor);
        Ok(actor)
    }
}

impl Actor for ApActor {
    fn public_key_pem(&self) -> &str {
        &self.public_key_pem
    }

    fn private_key_pem(&self) -> Option<String> {
        self.private_key_pem.clone()
    }

    fn inbox(&self) -> Url {
        self.inbox.clone()
    }

    fn shared_inbox(&self) -> Option<Url> {
        self.shared_inbox.clone()
    }
}
