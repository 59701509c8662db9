//! The typed interface: what goes into the index and what comes out of a search.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What kind of thing a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Thread,
    Comment,
    Event,
    Codesign,
    Proposal,
    Listing,
    Announcement,
    Accord,
    Community,
    User,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 10] = [
        Kind::Thread,
        Kind::Comment,
        Kind::Event,
        Kind::Codesign,
        Kind::Proposal,
        Kind::Listing,
        Kind::Announcement,
        Kind::Accord,
        Kind::Community,
        Kind::User,
    ];

    /// The snake_case name, as serialised and as stored in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Thread => "thread",
            Kind::Comment => "comment",
            Kind::Event => "event",
            Kind::Codesign => "codesign",
            Kind::Proposal => "proposal",
            Kind::Listing => "listing",
            Kind::Announcement => "announcement",
            Kind::Accord => "accord",
            Kind::Community => "community",
            Kind::User => "user",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name is not one of [`Kind::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind `{0}`")]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// Who may see a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum Visibility {
    /// Everyone, signed in or not.
    Public,
    /// Members of one community (by slug or handle), and administrators.
    Members { community: String },
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Unique across all kinds (uuid text); upserts and deletes go by it.
    pub id: String,
    pub kind: Kind,
    /// Slug (or handle) of the community it belongs to.
    pub community: Option<String>,
    /// dialogue, events, codesign, businesses, announcements.
    pub channel_kind: Option<String>,
    pub visibility: Visibility,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
    pub title: String,
    /// Plain text: the caller strips HTML.
    pub body: String,
    pub url: String,
}

/// One change to the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Adds the document, replacing any with the same id.
    Upsert(Document),
    /// Removes the document with this id, if any.
    Delete { id: String },
}

/// Who is searching. `Viewer::default()` is an anonymous visitor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// Slugs (or handles) of the communities the viewer belongs to.
    pub member_of: Vec<String>,
    /// Administrators see everything.
    pub is_admin: bool,
}

/// A search request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// User input: words, "quoted phrases"; the last word, when no space follows it, also
    /// matches as a prefix. Empty or blank: the newest visible documents.
    pub text: String,
    pub viewer: Viewer,
    pub community: Option<String>,
    /// Empty: every kind.
    pub kinds: Vec<Kind>,
    pub channel_kind: Option<String>,
    /// Inclusive lower bound on `created_at`.
    pub from: Option<DateTime<Utc>>,
    /// Exclusive upper bound on `created_at`.
    pub to: Option<DateTime<Utc>>,
    /// Page size, clamped to `1..=MAX_LIMIT`.
    pub limit: usize,
    /// Opaque, from [`Results::next_cursor`] of the same query.
    pub cursor: Option<String>,
}

impl Query {
    /// Largest page.
    pub const MAX_LIMIT: usize = 100;
    /// Page size of [`Query::default`].
    pub const DEFAULT_LIMIT: usize = 20;

    /// A first-page query for `text` by an anonymous viewer, with no filters.
    pub fn text(text: impl Into<String>) -> Self {
        Query {
            text: text.into(),
            ..Query::default()
        }
    }
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: String::new(),
            viewer: Viewer::default(),
            community: None,
            kinds: Vec::new(),
            channel_kind: None,
            from: None,
            to: None,
            limit: Query::DEFAULT_LIMIT,
            cursor: None,
        }
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub items: Vec<Hit>,
    /// Visible documents matching the query and filters (all pages).
    pub total: u64,
    pub facets: Facets,
    /// Pass back in [`Query::cursor`] for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    /// Plain text, as indexed (escape it when rendering).
    pub title: String,
    /// HTML: matched words in `<mark>`, everything else escaped.
    pub snippet: String,
    pub community: Option<String>,
    pub url: String,
    pub created_at: DateTime<Utc>,
    /// BM25 with the recency boost; 0 when browsing without text.
    pub score: f32,
}

/// Counts over every visible matching document, not only the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// By [`Kind::as_str`].
    pub kind: BTreeMap<String, u64>,
    /// By community slug; documents without a community are not counted.
    pub community: BTreeMap<String, u64>,
}

#[cfg(test)]
mod tests {
    use serde::de::value::{Error, StrDeserializer};
    use serde::de::IntoDeserializer;

    use super::*;

    #[test]
    fn kind_names_round_trip_through_from_str_and_serde() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
            let de: StrDeserializer<'_, Error> = kind.as_str().into_deserializer();
            assert_eq!(Kind::deserialize(de).expect("serde name"), kind);
        }
        assert!("Thread".parse::<Kind>().is_err());
        assert!("".parse::<Kind>().is_err());
    }
}
