//! How long checking an accord bundle takes at the scale of Reggio Emilia's first 25 accords
//! together: 20 versions and 1,000 signatures by 200 keys (issue 17, acceptance 7; figures in
//! docs/benchmarks.md).
//!
//!   cargo bench -p comune-domain --bench bundle            # in-process, median of 15 runs
//!   BUNDLE_OUT=/tmp/bundle.json cargo bench -p comune-domain --bench bundle
//!       # also writes the bundle, to time `comune accord verify /tmp/bundle.json` itself

use std::time::Instant;

use chrono::{Duration, NaiveDateTime, Utc};
use comune_domain::accords::bundle::{
    self, Bundle, BundleAccord, BundleKey, BundleSignature, BundleVersion,
};
use comune_domain::accords::content::{
    self, Content, Indicator, Party, PartyKind, Placement, Project, ProjectKind,
};
use comune_domain::accords::signatures::{signing_document, Signatory, SignatoryRole};
use comune_integrity::SigningKey;

const VERSIONS: usize = 20;
const SIGNATURES: usize = 1_000;
const KEYS: usize = 200;
const RUNS: usize = 15;

fn content(n: usize) -> Content {
    Content {
        title: format!("Accordo di Cittadinanza, versione {n}"),
        summary: "Prendersi cura del quartiere".into(),
        text: (0..200)
            .map(|i| format!("Riga {i} del testo, rivista nella versione {n}.\n"))
            .collect(),
        start_date: "2027-01-01".parse().unwrap(),
        end_date: "2027-12-31".parse().unwrap(),
        parties: (0..30)
            .map(|i| Party {
                key: format!("parte-{i}"),
                kind: PartyKind::Association,
                name: format!("Associazione {i}"),
                organization: Some(format!("https://comune.example/o/associazione-{i}")),
                person: None,
            })
            .collect(),
        projects: (0..6)
            .map(|i| Project {
                key: format!("progetto-{i}"),
                kind: if i % 5 == 0 {
                    ProjectKind::CityCare
                } else {
                    ProjectKind::CommunityCare
                },
                title: format!("Progetto {i}"),
                description: "Descrizione del progetto.".into(),
                budget_cents: 1_000_000 + i as i64 * 100 + n as i64,
                owners: vec![format!("parte-{i}")],
            })
            .collect(),
        indicators: (0..6)
            .map(|i| Indicator {
                key: format!("indicatore-{i}"),
                name: format!("Indicatore {i}"),
                unit: "persone".into(),
                baseline: 3.0,
                target: 12.5,
                project: Some(format!("progetto-{i}")),
            })
            .collect(),
    }
}

fn text(at: NaiveDateTime) -> String {
    content::time_text(at)
}

fn build() -> Bundle {
    let accord = "https://comune.example/accords/01";
    let start = Utc::now().naive_utc() - Duration::days(30);
    let mut versions = Vec::new();
    let mut previous: Option<String> = None;
    let mut last_document = None;
    for n in 1..=VERSIONS {
        let document = content::document(
            &content(n),
            &Placement {
                accord_ap_id: accord,
                number: n as i32,
                community_ap_id: "https://comune.example/c/rosta",
                previous_hash: previous.as_deref(),
                published: start + Duration::hours(n as i64),
                extension_context: "https://comune.example/ns/comune.jsonld",
            },
        );
        let canonical = comune_integrity::canonical(&document).unwrap();
        let hash = comune_integrity::sha256_hex(canonical.as_bytes());
        versions.push(BundleVersion {
            number: n as i32,
            canonical,
            hash: hash.clone(),
            previous_hash: previous.replace(hash),
        });
        last_document = Some(document);
    }
    let document = last_document.unwrap();
    let keys: Vec<(SigningKey, String, String)> = (0..KEYS)
        .map(|i| {
            let seed = [(i % 251) as u8 + 1; 32];
            let person = format!("https://comune.example/u/persona-{i}");
            (
                SigningKey::from_seed(&seed),
                format!("{person}#key-{i}"),
                person,
            )
        })
        .collect();
    let signed_at = start + Duration::days(1);
    let signatures = (0..SIGNATURES)
        .map(|i| {
            let (key, key_id, person) = &keys[i % KEYS];
            let signatory = Signatory {
                id: person.clone(),
                organization: Some(format!("https://comune.example/o/associazione-{i}")),
                role: SignatoryRole::Delegate,
            };
            let proof = comune_integrity::create_proof(
                &signing_document(&document, &signatory),
                key,
                key_id,
                signed_at.and_utc(),
            )
            .unwrap();
            BundleSignature {
                version: VERSIONS as i32,
                signatory: serde_json::to_value(&signatory).unwrap(),
                proof,
                received_at: text(signed_at),
            }
        })
        .collect();
    Bundle {
        format: bundle::FORMAT.into(),
        accord: BundleAccord {
            id: accord.into(),
            title: "Accordo".into(),
            state: "active".into(),
            exported_at: text(Utc::now().naive_utc()),
        },
        versions,
        signatures,
        keys: keys
            .iter()
            .map(|(key, key_id, person)| BundleKey {
                id: key_id.clone(),
                controller: person.clone(),
                public_key_multibase: key.public_key().to_multibase(),
                created_at: text(start),
                revoked_at: None,
            })
            .collect(),
    }
}

fn main() {
    let json = serde_json::to_string(&build()).unwrap();
    if let Ok(path) = std::env::var("BUNDLE_OUT") {
        std::fs::write(&path, &json).unwrap();
        println!("wrote {path} ({} bytes)", json.len());
    }
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let report = bundle::verify_text(&json);
        times.push(started.elapsed());
        assert!(report.ok(), "{}", report.text());
        assert_eq!(report.checks.len(), VERSIONS + SIGNATURES);
    }
    times.sort();
    println!(
        "bundle of {VERSIONS} versions and {SIGNATURES} signatures ({} KB): parse and check, median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms ({RUNS} runs)",
        json.len() / 1024,
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
    );
}
