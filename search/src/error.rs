//! The crate's one error type.

/// Everything that can go wrong in the search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The cursor was not produced by [`crate::SearchIndex::search`], or belongs to another query.
    #[error("malformed or foreign search cursor")]
    BadCursor,
    /// The index on disk is held by another writer (another process or another open handle).
    #[error("the search index is locked by another writer: {0}")]
    Locked(String),
    /// A stored document lacks a field the schema promises (should not happen).
    #[error("stored search document is missing field `{0}`")]
    MissingField(&'static str),
    /// tantivy failed.
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The file system failed.
    #[error("search index I/O error: {0}")]
    Io(#[from] std::io::Error),
}
