//! `@name` mentions: rendered as links to the person when they exist here, and told to them.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::Result;
use crate::instance::Instance;
use crate::markdown;
use crate::schema::accounts;

/// More names than this in one text are not looked up: a mention storm is not a conversation.
const MAX_MENTIONS: usize = 20;

/// Renders Markdown to sanitised HTML with mentions of known people linked (people of this
/// instance by `@name`, of others by `@name@host` once their account is known here), and answers
/// the ids of the people mentioned.
pub fn render(
    conn: &mut DbConnection,
    instance: &Instance,
    markdown_text: &str,
) -> Result<(String, Vec<String>)> {
    let found = named(conn, instance, markdown_text)?;
    if found.is_empty() {
        return Ok((markdown::to_html(markdown_text), Vec::new()));
    }
    let profiles: HashMap<String, String> = found
        .iter()
        .map(|m| (m.name.clone(), m.profile_url.clone()))
        .collect();
    let known: HashSet<String> = profiles.keys().cloned().collect();
    let html = markdown::to_html_with_mentions(markdown_text, &known, |name| {
        profiles.get(name).cloned().unwrap_or_default()
    });
    let mut ids: Vec<String> = Vec::with_capacity(found.len());
    for m in found {
        if !ids.contains(&m.account_id) {
            ids.push(m.account_id);
        }
    }
    Ok((html, ids))
}

/// A person a text names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentioned {
    /// As written, lower-case: `name` or `name@host`.
    pub name: String,
    pub account_id: String,
    pub ap_id: String,
    /// Where the mention links to.
    pub profile_url: String,
}

/// The known people a Markdown text names, in the order named: one entry per spelling, so a
/// person named two ways (`@anna`, `@anna@our-host`) comes twice.
pub fn named(
    conn: &mut DbConnection,
    instance: &Instance,
    markdown_text: &str,
) -> Result<Vec<Mentioned>> {
    let mut names = markdown::mentions(markdown_text);
    names.truncate(MAX_MENTIONS);
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let own_host = instance.domain();
    let (mut locals, mut remotes) = (Vec::new(), Vec::new());
    for name in &names {
        match name.split_once('@') {
            Some((user, host)) if host == own_host => locals.push(user.to_owned()),
            Some((user, host)) => remotes.push((user.to_owned(), host.to_owned())),
            None => locals.push(name.clone()),
        }
    }
    let mut found: Vec<(String, Option<String>, String, String)> = Vec::new();
    if !locals.is_empty() {
        found.extend(
            accounts::table
                .filter(accounts::local.eq(true))
                .filter(accounts::username.eq_any(&locals))
                .select((
                    accounts::username,
                    accounts::host,
                    accounts::id,
                    accounts::ap_id,
                ))
                .load::<(String, Option<String>, String, String)>(conn)?,
        );
    }
    for (user, host) in remotes {
        found.extend(
            accounts::table
                .filter(accounts::local.eq(false))
                .filter(accounts::username.eq(&user))
                .filter(accounts::host.eq(&host))
                .select((
                    accounts::username,
                    accounts::host,
                    accounts::id,
                    accounts::ap_id,
                ))
                .first::<(String, Option<String>, String, String)>(conn)
                .optional()?,
        );
    }
    let mentioned = |(username, host, id, ap_id): &(String, Option<String>, String, String)| {
        let name = match host {
            Some(host) => format!("{}@{host}", username.to_ascii_lowercase()),
            None => username.to_ascii_lowercase(),
        };
        Mentioned {
            profile_url: match host {
                Some(_) => ap_id.clone(),
                None => instance.url(&format!("/u/{username}")),
            },
            name,
            account_id: id.clone(),
            ap_id: ap_id.clone(),
        }
    };
    let mut all: Vec<Mentioned> = found.iter().map(mentioned).collect();
    // A local person written `@name@our-host` is linked under that spelling too.
    for name in &names {
        if let Some((user, _)) = name.split_once('@').filter(|(_, h)| *h == own_host) {
            if let Some(m) = all.iter().find(|m| m.name == user).cloned() {
                all.push(Mentioned {
                    name: name.clone(),
                    ..m
                });
            }
        }
    }
    all.sort_by_key(|m| names.iter().position(|n| *n == m.name));
    Ok(all)
}

/// Of the people an edited text mentions (`mentioned`, from [`render`]), those its previous
/// version did not name: only they are told of the edit.
pub fn newly_named(
    conn: &mut DbConnection,
    mentioned: &[String],
    previous_text: &str,
) -> Result<Vec<String>> {
    if mentioned.is_empty() {
        return Ok(Vec::new());
    }
    Ok(accounts::table
        .filter(accounts::id.eq_any(mentioned))
        .filter(accounts::username.ne_all(markdown::mentions(previous_text)))
        .select(accounts::id)
        .load(conn)?)
}

/// The local people among the ActivityPub ids a remote text's `Mention` tags name.
pub fn local_by_ap_id(conn: &mut DbConnection, ap_ids: &[String]) -> Result<Vec<String>> {
    if ap_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(accounts::table
        .filter(accounts::local.eq(true))
        .filter(accounts::ap_id.eq_any(ap_ids.iter().take(MAX_MENTIONS)))
        .select(accounts::id)
        .load(conn)?)
}
