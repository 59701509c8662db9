//! `@name` mentions: rendered as links to the person when they exist here, and told to them.

use std::collections::HashSet;

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::Result;
use crate::instance::Instance;
use crate::markdown;
use crate::schema::accounts;

/// More names than this in one text are not looked up: a mention storm is not a conversation.
const MAX_MENTIONS: usize = 20;

/// Renders Markdown to sanitised HTML with mentions of local people linked, and answers the
/// ids of the people mentioned.
pub fn render(
    conn: &mut DbConnection,
    instance: &Instance,
    markdown_text: &str,
) -> Result<(String, Vec<String>)> {
    let mut names = markdown::mentions(markdown_text);
    names.truncate(MAX_MENTIONS);
    if names.is_empty() {
        return Ok((markdown::to_html(markdown_text), Vec::new()));
    }
    let found: Vec<(String, String)> = accounts::table
        .filter(accounts::local.eq(true))
        .filter(accounts::username.eq_any(&names))
        .select((accounts::id, accounts::username))
        .load(conn)?;
    let known: HashSet<String> = found.iter().map(|(_, u)| u.clone()).collect();
    let html = markdown::to_html_with_mentions(markdown_text, &known, |name| {
        instance.url(&format!("/u/{name}"))
    });
    Ok((html, found.into_iter().map(|(id, _)| id).collect()))
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
