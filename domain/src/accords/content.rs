//! What a version of an accord says, and the document it is stored, hashed and signed as.
//!
//! A version is written once as a JSON document (an ActivityStreams `Document` with our terms,
//! self-describing through an inline JSON-LD context), canonicalised with RFC 8785 (JCS) and
//! hashed with SHA-256. The document names its accord and number and carries the previous
//! version's hash, so a version cannot be moved, renumbered or taken out of the chain unseen.
//! Everything shown about a version is read back from that stored canonical text.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::error::{Error, FieldErrors, Result};

crate::vocabulary::vocabulary! {
    /// Who a party of an accord is.
    pub enum PartyKind {
        Municipality = "municipality",
        Association = "association",
        Volunteer = "volunteer",
        Business = "business",
        School = "school",
        Consulta = "consulta",
    }
}

crate::vocabulary::vocabulary! {
    /// Reggio Emilia's two kinds of project: care of the community (activities, paid from the
    /// community-care fund) and care of the city (public works residents help steer).
    pub enum ProjectKind {
        CommunityCare = "community_care",
        CityCare = "city_care",
    }
}

pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 2_000;
pub const TEXT_MAX: usize = 100_000;
pub const NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5_000;
pub const KEY_MAX: usize = 40;
/// Parties, projects and indicators each, per version.
pub const ITEMS_MAX: usize = 500;

/// What a version says: its text and its structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Content {
    pub title: String,
    /// A sentence or two, shown in lists.
    pub summary: String,
    /// The accord's text, in Markdown.
    pub text: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub parties: Vec<Party>,
    pub projects: Vec<Project>,
    pub indicators: Vec<Indicator>,
}

/// A party to the accord: an organisation (by its ActivityPub id) or a person signing for
/// themself (a volunteer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Party {
    /// Unique within the version; projects name their owners by it.
    pub key: String,
    pub kind: PartyKind,
    pub name: String,
    /// The organisation's ActivityPub id, when the party is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The person's ActivityPub id, when the party is a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Project {
    /// Unique within the accord's versions: a project keeps its key from version to version.
    pub key: String,
    pub kind: ProjectKind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// In euro cents. (`budgetCents` in the version document.)
    #[serde(alias = "budgetCents")]
    pub budget_cents: i64,
    /// Keys of the parties that carry it out.
    #[serde(default)]
    pub owners: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Indicator {
    pub key: String,
    pub name: String,
    /// What it is counted in ("participants", "%", "m²").
    pub unit: String,
    pub baseline: f64,
    /// (`targetValue` in the version document.)
    #[serde(alias = "targetValue")]
    pub target: f64,
    /// The key of the project it measures, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

fn too_long(errors: &mut FieldErrors, field: &str, value: &str, max: usize, required: bool) {
    let n = value.trim().chars().count();
    if required && n == 0 {
        errors.add(field, "required", "cannot be empty");
    } else if value.chars().count() > max {
        errors.add(field, "too_long", format!("at most {max} characters"));
    }
}

fn check_key(errors: &mut FieldErrors, field: &str, key: &str, seen: &mut HashSet<String>) {
    let ok = !key.is_empty()
        && key.len() <= KEY_MAX
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !ok {
        errors.add(
            field,
            "invalid_key",
            format!("1 to {KEY_MAX} lower-case letters, digits, '-' or '_'"),
        );
    } else if !seen.insert(key.to_owned()) {
        errors.add(field, "duplicate_key", "is used twice in this version");
    }
}

fn is_url(value: &str) -> bool {
    url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "https" | "http"))
}

impl Content {
    /// Trims what people type and refuses what no accord can say.
    pub fn checked(mut self) -> Result<Self> {
        self.title = self.title.trim().to_owned();
        self.summary = self.summary.trim().to_owned();
        self.text = self.text.trim_end().to_owned();
        let mut errors = FieldErrors::default();
        too_long(&mut errors, "title", &self.title, TITLE_MAX, true);
        too_long(&mut errors, "summary", &self.summary, SUMMARY_MAX, false);
        too_long(&mut errors, "text", &self.text, TEXT_MAX, true);
        if self.end_date < self.start_date {
            errors.add(
                "end_date",
                "before_start",
                "cannot be before the start date",
            );
        }
        for (what, n) in [
            ("parties", self.parties.len()),
            ("projects", self.projects.len()),
            ("indicators", self.indicators.len()),
        ] {
            if n > ITEMS_MAX {
                errors.add(what, "too_many", format!("at most {ITEMS_MAX}"));
            }
        }
        let mut parties = HashSet::new();
        for (i, party) in self.parties.iter_mut().enumerate() {
            party.name = party.name.trim().to_owned();
            check_key(
                &mut errors,
                &format!("parties[{i}].key"),
                &party.key,
                &mut parties,
            );
            too_long(
                &mut errors,
                &format!("parties[{i}].name"),
                &party.name,
                NAME_MAX,
                true,
            );
            for (field, value) in [
                ("organization", &party.organization),
                ("person", &party.person),
            ] {
                if value.as_deref().is_some_and(|v| !is_url(v)) {
                    errors.add(
                        &format!("parties[{i}].{field}"),
                        "invalid_url",
                        "is not an http(s) URL",
                    );
                }
            }
            if party.organization.is_some() && party.person.is_some() {
                errors.add(
                    &format!("parties[{i}]"),
                    "both",
                    "is an organisation or a person, not both",
                );
            }
        }
        let mut projects = HashSet::new();
        for (i, project) in self.projects.iter_mut().enumerate() {
            project.title = project.title.trim().to_owned();
            check_key(
                &mut errors,
                &format!("projects[{i}].key"),
                &project.key,
                &mut projects,
            );
            too_long(
                &mut errors,
                &format!("projects[{i}].title"),
                &project.title,
                NAME_MAX,
                true,
            );
            too_long(
                &mut errors,
                &format!("projects[{i}].description"),
                &project.description,
                DESCRIPTION_MAX,
                false,
            );
            if project.budget_cents < 0 {
                errors.add(
                    &format!("projects[{i}].budget_cents"),
                    "negative",
                    "cannot be negative",
                );
            }
            for owner in &project.owners {
                if !parties.contains(owner) {
                    errors.add(
                        &format!("projects[{i}].owners"),
                        "unknown_party",
                        format!("`{owner}` is not a party of this version"),
                    );
                }
            }
        }
        let mut indicators = HashSet::new();
        for (i, indicator) in self.indicators.iter_mut().enumerate() {
            indicator.name = indicator.name.trim().to_owned();
            check_key(
                &mut errors,
                &format!("indicators[{i}].key"),
                &indicator.key,
                &mut indicators,
            );
            too_long(
                &mut errors,
                &format!("indicators[{i}].name"),
                &indicator.name,
                NAME_MAX,
                true,
            );
            too_long(
                &mut errors,
                &format!("indicators[{i}].unit"),
                &indicator.unit,
                KEY_MAX,
                true,
            );
            if !indicator.baseline.is_finite() || !indicator.target.is_finite() {
                errors.add(
                    &format!("indicators[{i}]"),
                    "not_a_number",
                    "baseline and target must be numbers",
                );
            }
            if let Some(project) = &indicator.project {
                if !projects.contains(project) {
                    errors.add(
                        &format!("indicators[{i}].project"),
                        "unknown_project",
                        format!("`{project}` is not a project of this version"),
                    );
                }
            }
        }
        errors.into_result()?;
        Ok(self)
    }
}

/// Where a version document sits: its accord, number, community and the previous hash.
#[derive(Debug, Clone)]
pub struct Placement<'a> {
    pub accord_ap_id: &'a str,
    pub number: i32,
    pub community_ap_id: &'a str,
    pub previous_hash: Option<&'a str>,
    pub published: NaiveDateTime,
    /// The URL of the instance's extension context.
    pub extension_context: &'a str,
}

/// The JSON-LD context of accord documents: ActivityStreams, Data Integrity, and the instance's
/// extension context, which defines our terms (`federation/src/context.rs`). URLs only: JCS and
/// the proofs need no JSON-LD processing, and verifiers such as apsig expect a list of URLs.
pub fn context(extension_context: &str) -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/data-integrity/v2",
        extension_context,
    ])
}

pub fn time_text(at: NaiveDateTime) -> String {
    at.and_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The version document. Keys in camelCase, as ActivityStreams documents have them.
pub fn document(content: &Content, at: &Placement) -> Value {
    let party = |p: &Party| {
        let mut o = Map::new();
        o.insert("key".into(), json!(p.key));
        o.insert("kind".into(), json!(p.kind));
        o.insert("name".into(), json!(p.name));
        if let Some(org) = &p.organization {
            o.insert("organization".into(), json!(org));
        }
        if let Some(person) = &p.person {
            o.insert("person".into(), json!(person));
        }
        Value::Object(o)
    };
    let project = |p: &Project| {
        json!({
            "key": p.key, "kind": p.kind, "title": p.title, "description": p.description,
            "budgetCents": p.budget_cents, "owners": p.owners,
        })
    };
    let indicator = |i: &Indicator| {
        let mut o = json!({
            "key": i.key, "name": i.name, "unit": i.unit,
            "baseline": i.baseline,
            // `target` is ActivityStreams' (an object's target); ours is a number.
            "targetValue": i.target,
        });
        if let Some(p) = &i.project {
            o["project"] = json!(p);
        }
        o
    };
    let mut document = json!({
        "@context": context(at.extension_context),
        "type": "Document",
        "id": format!("{}/versions/{}", at.accord_ap_id, at.number),
        "accord": at.accord_ap_id,
        "version": at.number,
        "attributedTo": at.community_ap_id,
        "published": time_text(at.published),
        "name": content.title,
        "summary": content.summary,
        "mediaType": "text/markdown",
        "content": content.text,
        "startDate": content.start_date.to_string(),
        "endDate": content.end_date.to_string(),
        "parties": content.parties.iter().map(party).collect::<Vec<_>>(),
        "projects": content.projects.iter().map(project).collect::<Vec<_>>(),
        "indicators": content.indicators.iter().map(indicator).collect::<Vec<_>>(),
    });
    // The first version has none (a JSON-LD null would say nothing anyway).
    if let Some(previous) = at.previous_hash {
        document["previousHash"] = json!(previous);
    }
    document
}

/// What a version document says, read back from it (stored or received).
pub fn read(document: &Value) -> Result<Content> {
    let bad = |what: &str| Error::Internal(anyhow::anyhow!("an accord document without {what}"));
    let text = |key: &str| -> Result<String> {
        document
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| bad(key))
    };
    let date = |key: &str| -> Result<NaiveDate> { text(key)?.parse().map_err(|_| bad(key)) };
    let list = |key: &str| -> Result<Value> {
        document
            .get(key)
            .filter(|v| v.is_array())
            .cloned()
            .ok_or_else(|| bad(key))
    };
    Ok(Content {
        title: text("name")?,
        summary: text("summary")?,
        text: text("content")?,
        start_date: date("startDate")?,
        end_date: date("endDate")?,
        parties: serde_json::from_value(list("parties")?).map_err(|_| bad("readable parties"))?,
        projects: serde_json::from_value(list("projects")?)
            .map_err(|_| bad("readable projects"))?,
        indicators: serde_json::from_value(list("indicators")?)
            .map_err(|_| bad("readable indicators"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sample() -> Content {
        Content {
            title: "Accordo di Cittadinanza Rosta Nuova".into(),
            summary: "Cura del parco".into(),
            text: "# Patto\n\nCi prendiamo cura del parco.".into(),
            start_date: "2027-01-01".parse().unwrap(),
            end_date: "2027-12-31".parse().unwrap(),
            parties: vec![Party {
                key: "comune".into(),
                kind: PartyKind::Municipality,
                name: "Comune di Reggio Emilia".into(),
                organization: Some("https://comune.example/o/comune".into()),
                person: None,
            }],
            projects: vec![Project {
                key: "parco".into(),
                kind: ProjectKind::CommunityCare,
                title: "Parco pulito".into(),
                description: String::new(),
                budget_cents: 250_000,
                owners: vec!["comune".into()],
            }],
            indicators: vec![Indicator {
                key: "volontari".into(),
                name: "Volontari attivi".into(),
                unit: "persone".into(),
                baseline: 3.0,
                target: 12.5,
                project: Some("parco".into()),
            }],
        }
    }

    #[test]
    fn a_document_reads_back_as_what_was_written() {
        let content = sample().checked().unwrap();
        let at = Placement {
            accord_ap_id: "https://comune.example/accords/a1",
            number: 2,
            community_ap_id: "https://comune.example/c/rosta",
            previous_hash: Some("ab"),
            published: "2026-12-07T10:00:00".parse().unwrap(),
            extension_context: "https://comune.example/ns/comune.jsonld",
        };
        let doc = document(&content, &at);
        assert_eq!(doc["id"], "https://comune.example/accords/a1/versions/2");
        assert_eq!(doc["published"], "2026-12-07T10:00:00Z");
        assert_eq!(doc["projects"][0]["budgetCents"], 250_000);
        assert_eq!(read(&doc).unwrap(), content);
    }

    #[test]
    fn owners_and_projects_must_exist_and_keys_be_unique() {
        let mut c = sample();
        c.projects[0].owners.push("nessuno".into());
        c.indicators[0].project = Some("altro".into());
        c.parties.push(c.parties[0].clone());
        let Err(Error::Validation(errors)) = c.checked() else {
            panic!("accepted");
        };
        let fields: Vec<&str> = errors.0.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "indicators[0].project",
                "parties[1].key",
                "projects[0].owners"
            ]
        );
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let mut c = sample();
        c.end_date = "2026-01-01".parse().unwrap();
        assert!(matches!(c.checked(), Err(Error::Validation(e)) if e.0.contains_key("end_date")));
    }
}
