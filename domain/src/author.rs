//! Who makes a write. Every write function that people of other instances can also make takes an
//! [`Author`], so a person signed in here and a person whose activity arrived from another
//! instance go through the same function and the same rules (see `docs/permissions.md`).

use chrono::NaiveDateTime;

/// The author of a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author<'a> {
    /// A person signed in here (or acting through a command, the demo seed, ...): their account id.
    Local(&'a str),
    /// A person of another instance, by their account row here, with the ActivityPub id of what
    /// they wrote and the time their instance says they wrote it.
    Remote {
        account_id: &'a str,
        object_ap_id: &'a str,
        published: NaiveDateTime,
    },
}

impl<'a> Author<'a> {
    pub fn account_id(&self) -> &'a str {
        match *self {
            Author::Local(id) => id,
            Author::Remote { account_id, .. } => account_id,
        }
    }

    pub fn is_local(&self) -> bool {
        matches!(self, Author::Local(_))
    }

    /// When the write happened: now for local people; for remote ones the time their instance
    /// gives, never in the future (a peer's clock must not pin its writes on top).
    pub fn written_at(&self, now: NaiveDateTime) -> NaiveDateTime {
        match *self {
            Author::Local(_) => now,
            Author::Remote { published, .. } => published.min(now),
        }
    }
}

/// The text of a comment or post as its author sent it.
#[derive(Debug, Clone, Copy)]
pub enum Text<'a> {
    /// Markdown written here; `@name` mentions of local people are linked and told.
    Markdown(&'a str),
    /// HTML from another instance (sanitised before it is stored), with the ActivityPub ids of
    /// the people its `Mention` tags name (local ones among them are told).
    Html {
        html: &'a str,
        mentions: &'a [String],
    },
}
