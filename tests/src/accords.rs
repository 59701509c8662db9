//! A town for the accords tests (tests/tests/accords*.rs): a community with a public dialogue
//! channel, the city's office, a facilitator, a resident, an association and a volunteer, each
//! with a registered key, and helpers to sign versions as they would.

use comune_integrity::SigningKey;
use reqwest::Method;
use serde_json::{json, Value};

use crate::{Backend, Reply, TestServer};

pub async fn put(server: &TestServer, path: &str, body: Value, token: &str) -> Reply {
    server
        .send(Method::PUT, path, Some(body), Some(token))
        .await
}

/// A person with a registered key.
pub struct Signer {
    pub token: String,
    pub key: SigningKey,
    pub key_id: String,
    pub ap_id: String,
}

pub async fn signer(server: &TestServer, token: String) -> Signer {
    let key = SigningKey::generate().unwrap();
    let registered = server
        .post(
            "/api/v1/me/keys",
            json!({ "public_key_multibase": key.public_key().to_multibase(), "label": "telefono" }),
            Some(&token),
        )
        .await;
    assert_eq!(registered.status, 201, "{}", registered.body);
    let key_id = registered.json["key_id"].as_str().unwrap().to_owned();
    let ap_id = key_id.split('#').next().unwrap().to_owned();
    Signer {
        token,
        key,
        key_id,
        ap_id,
    }
}

/// `{signatory, proof}` over the signing document of `version` (a VersionOut).
pub fn signature(s: &Signer, version: &Value, organization: Option<&str>, role: &str) -> Value {
    signature_with(&s.key, &s.key_id, &s.ap_id, version, organization, role)
}

pub fn signature_with(
    key: &SigningKey,
    key_id: &str,
    ap_id: &str,
    version: &Value,
    organization: Option<&str>,
    role: &str,
) -> Value {
    let mut signatory = json!({ "id": ap_id, "role": role });
    if let Some(org) = organization {
        signatory["organization"] = json!(org);
    }
    let mut document = version["document"].clone();
    document["signatory"] = signatory.clone();
    let proof = comune_integrity::create_proof(&document, key, key_id, chrono::Utc::now()).unwrap();
    json!({ "signatory": signatory, "proof": proof })
}

pub fn content(title: &str, text: &str, parties: Value) -> Value {
    json!({
        "title": title,
        "summary": "Prendersi cura insieme del parco di via Adua",
        "text": text,
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "parties": parties,
        "projects": [
            { "key": "parco", "kind": "community_care", "title": "Parco curato",
              "budget_cents": 1_250_000, "owners": [] },
            { "key": "illuminazione", "kind": "city_care", "title": "Nuove luci",
              "budget_cents": 9_000_000, "owners": [] }
        ],
        "indicators": [
            { "key": "volontari", "name": "Volontari attivi", "unit": "persone",
              "baseline": 4, "target": 20, "project": "parco" }
        ]
    })
}

/// A community with a public dialogue channel, the city's office (Marta is in it), a
/// facilitator (Fabio), a resident (Rita), an association (Olga owns it) and a volunteer (Vito).
pub struct Town {
    pub server: TestServer,
    pub admin: String,
    pub marta: Signer,
    pub fabio: Signer,
    pub rita: Signer,
    pub olga: Signer,
    pub vito: Signer,
    pub city_org: String,
    pub auser_org: String,
}

pub async fn town(backend: Backend) -> Town {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    let made = server
        .post(
            "/api/v1/communities",
            json!({ "slug": "rosta", "name": "Rosta Nuova" }),
            Some(&admin),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let channel = server
        .post(
            "/api/v1/communities/rosta/channels",
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue" }),
            Some(&admin),
        )
        .await;
    assert_eq!(channel.status, 201, "{}", channel.body);
    let mut people = Vec::new();
    for name in ["marta", "fabio", "rita", "olga", "vito"] {
        let token = server.token(name).await;
        let joined = server
            .post("/api/v1/communities/rosta/members", json!({}), Some(&token))
            .await;
        assert!(joined.status < 300, "{}", joined.body);
        people.push(signer(&server, token).await);
    }
    let appointed = put(
        &server,
        "/api/v1/communities/rosta/facilitators/fabio",
        json!({}),
        &admin,
    )
    .await;
    assert_eq!(appointed.status, 200, "{}", appointed.body);
    let city = server
        .post(
            "/api/v1/organizations",
            json!({ "slug": "comune-re", "name": "Comune di Reggio Emilia", "kind": "municipality" }),
            Some(&admin),
        )
        .await;
    assert_eq!(city.status, 201, "{}", city.body);
    let member = put(
        &server,
        "/api/v1/organizations/comune-re/members/marta",
        json!({ "role": "member" }),
        &admin,
    )
    .await;
    assert_eq!(member.status, 204, "{}", member.body);
    let vito = people.pop().unwrap();
    let olga = people.pop().unwrap();
    let auser = server
        .post(
            "/api/v1/organizations",
            json!({ "slug": "auser", "name": "Auser Rosta", "kind": "association" }),
            Some(&olga.token),
        )
        .await;
    assert_eq!(auser.status, 201, "{}", auser.body);
    let rita = people.pop().unwrap();
    let fabio = people.pop().unwrap();
    let marta = people.pop().unwrap();
    Town {
        city_org: city.json["actor_id"].as_str().unwrap().to_owned(),
        auser_org: auser.json["actor_id"].as_str().unwrap().to_owned(),
        server,
        admin,
        marta,
        fabio,
        rita,
        olga,
        vito,
    }
}

impl Town {
    pub fn parties(&self) -> Value {
        json!([
            { "key": "comune", "kind": "municipality", "name": "Comune di Reggio Emilia", "organization": self.city_org },
            { "key": "auser", "kind": "association", "name": "Auser Rosta", "organization": self.auser_org },
            { "key": "vito", "kind": "volunteer", "name": "Vito", "person": self.vito.ap_id }
        ])
    }

    pub async fn accord(&self, id: &str, token: &str) -> Value {
        let got = self
            .server
            .get(&format!("/api/v1/accords/{id}"), Some(token))
            .await;
        assert_eq!(got.status, 200, "{}", got.body);
        got.json
    }

    pub async fn version(&self, id: &str, n: i64) -> Value {
        let got = self
            .server
            .get(
                &format!("/api/v1/accords/{id}/versions/{n}"),
                Some(&self.admin),
            )
            .await;
        assert_eq!(got.status, 200, "{}", got.body);
        got.json
    }

    pub async fn move_to(&self, id: &str, to: &str, token: &str) -> Reply {
        self.server
            .post(
                &format!("/api/v1/accords/{id}/transitions"),
                json!({ "to": to }),
                Some(token),
            )
            .await
    }

    /// Asserts a refusal that changed nothing: the accord as it was before the request.
    pub async fn refused(&self, reply: Reply, status: u16, code: &str, before: &Value) {
        reply.assert_problem(status, code);
        let id = before["id"].as_str().unwrap();
        let now = self.accord(id, &self.admin).await;
        for field in ["state", "latest_version", "updated_at", "title"] {
            assert_eq!(now[field], before[field], "{field} changed");
        }
    }

    /// Asserts that moving accord `id` to `to` as `token` is refused with `status` and `code`,
    /// and changes nothing.
    pub async fn refuses_move(&self, id: &str, to: &str, token: &str, status: u16, code: &str) {
        let before = self.accord(id, &self.admin).await;
        let moved = self.move_to(id, to, token).await;
        self.refused(moved, status, code, &before).await;
    }

    /// Drafts, co-designs, approves and opens an accord for signature; answers its id.
    pub async fn open_for_signature(&self) -> String {
        let made = self
            .server
            .post(
                "/api/v1/communities/rosta/accords",
                content(
                    "Patto per il parco",
                    "Ci prendiamo cura del parco.",
                    self.parties(),
                ),
                Some(&self.fabio.token),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let id = made.json["id"].as_str().unwrap().to_owned();
        for (to, who) in [
            ("co_design", &self.fabio.token),
            ("approved", &self.marta.token),
            ("open_for_signature", &self.fabio.token),
        ] {
            let moved = self.move_to(&id, to, who).await;
            assert_eq!(moved.status, 200, "{to}: {}", moved.body);
        }
        id
    }
}
