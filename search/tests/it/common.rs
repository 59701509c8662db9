//! Builders shared by the tests.

use chrono::{DateTime, Duration, Utc};
use comune_search::{Change, Document, Kind, Query, Results, SearchIndex, Viewer, Visibility};

/// A public thread in `san-salvario`, created a day ago.
pub fn doc(id: &str, title: &str, body: &str) -> Document {
    Document {
        id: id.to_owned(),
        kind: Kind::Thread,
        community: Some("san-salvario".to_owned()),
        channel_kind: Some("dialogue".to_owned()),
        visibility: Visibility::Public,
        author: Some("anna".to_owned()),
        created_at: days_ago(1),
        title: title.to_owned(),
        body: body.to_owned(),
        url: format!("/t/{id}"),
    }
}

pub fn days_ago(days: i64) -> DateTime<Utc> {
    Utc::now() - Duration::days(days)
}

pub fn upserts(docs: impl IntoIterator<Item = Document>) -> Vec<Change> {
    docs.into_iter().map(Change::Upsert).collect()
}

pub fn index_with(docs: impl IntoIterator<Item = Document>) -> SearchIndex {
    let index = SearchIndex::in_memory().expect("in-memory index");
    index.apply(&upserts(docs)).expect("apply");
    index
}

/// Searches as an administrator (sees everything), first page of 100.
pub fn search(index: &SearchIndex, text: &str) -> Results {
    index.search(&admin_query(text)).expect("search")
}

pub fn admin_query(text: &str) -> Query {
    Query {
        text: text.to_owned(),
        viewer: Viewer {
            member_of: Vec::new(),
            is_admin: true,
        },
        limit: 100,
        ..Query::default()
    }
}

/// The ids of the hits, in order.
pub fn ids(results: &Results) -> Vec<&str> {
    results.items.iter().map(|h| h.id.as_str()).collect()
}

/// The ids of the hits, sorted.
pub fn id_set(results: &Results) -> Vec<&str> {
    let mut ids = ids(results);
    ids.sort_unstable();
    ids
}
