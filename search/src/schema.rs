//! The tantivy schema, its version, and typed handles to its fields.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::TantivyDocument;

use crate::analysis::{PLAIN, STEMS};
use crate::model::{Document, Visibility};

/// Bump whenever the schema, an analyzer or the meaning of a field changes: an index recorded
/// with another version is wiped and rebuilt from the database.
pub const SCHEMA_VERSION: u32 = 2;

/// Fast fields are read by name; these are the names (the only strings used to find fields).
pub(crate) const CREATED: &str = "created";
pub(crate) const ID_KEY: &str = "id_key";
pub(crate) const KIND: &str = "kind";
pub(crate) const COMMUNITY: &str = "community";

/// Scope term of public documents; members-only documents get `members:<community>`.
const PUBLIC_SCOPE: &str = "public";

/// Typed handles to every field, made once with the schema.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// Raw, indexed (for deletes) and stored.
    pub id: Field,
    /// FNV-1a hash of the id: the last, stable tie-breaker of the ranking (fast).
    pub id_key: Field,
    /// Raw, indexed, stored, fast (facets).
    pub kind: Field,
    /// Raw, indexed, stored, fast (facets).
    pub community: Field,
    pub channel_kind: Field,
    /// `public` or `members:<community>`: the visibility filter.
    pub scope: Field,
    pub author: Field,
    /// Microseconds since the epoch (fast): time filter, recency boost, ordering.
    pub created: Field,
    pub url: Field,
    /// Italian and English stems (one field for both languages; see `analysis`).
    pub title_stems: Field,
    pub body_stems: Field,
    /// Plain fields keep positions, for phrases, and store the original text (hits and
    /// snippets): storing it here rather than in fields of its own copies it once less.
    pub title_plain: Field,
    pub body_plain: Field,
}

fn analysed(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

impl Fields {
    /// Builds the schema and the handles to its fields together.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let stemmed = IndexRecordOption::WithFreqs;
        let positions = IndexRecordOption::WithFreqsAndPositions;
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            id_key: b.add_u64_field(ID_KEY, FAST),
            kind: b.add_text_field(KIND, STRING | STORED | FAST),
            community: b.add_text_field(COMMUNITY, STRING | STORED | FAST),
            channel_kind: b.add_text_field("channel_kind", STRING),
            scope: b.add_text_field("scope", STRING),
            author: b.add_text_field("author", STRING),
            created: b.add_i64_field(CREATED, FAST),
            url: b.add_text_field("url", STORED),
            title_stems: b.add_text_field("title_stems", analysed(STEMS, stemmed)),
            body_stems: b.add_text_field("body_stems", analysed(STEMS, stemmed)),
            title_plain: b.add_text_field("title_plain", analysed(PLAIN, positions) | STORED),
            body_plain: b.add_text_field("body_plain", analysed(PLAIN, positions) | STORED),
        };
        (b.build(), fields)
    }

    /// The tantivy document for one of ours.
    pub fn to_tantivy(&self, doc: &Document) -> TantivyDocument {
        let mut t = TantivyDocument::default();
        t.add_text(self.id, &doc.id);
        t.add_u64(self.id_key, id_key(&doc.id));
        t.add_text(self.kind, doc.kind.as_str());
        if let Some(community) = &doc.community {
            t.add_text(self.community, community);
        }
        if let Some(channel_kind) = &doc.channel_kind {
            t.add_text(self.channel_kind, channel_kind);
        }
        t.add_text(self.scope, scope_term(&doc.visibility));
        if let Some(author) = &doc.author {
            t.add_text(self.author, author);
        }
        t.add_i64(self.created, doc.created_at.timestamp_micros());
        t.add_text(self.url, &doc.url);
        for field in [self.title_stems, self.title_plain] {
            t.add_text(field, &doc.title);
        }
        for field in [self.body_stems, self.body_plain] {
            t.add_text(field, &doc.body);
        }
        t
    }
}

/// The scope term a document is indexed under.
pub(crate) fn scope_term(visibility: &Visibility) -> String {
    match visibility {
        Visibility::Public => PUBLIC_SCOPE.to_owned(),
        Visibility::Members { community } => members_scope(community),
    }
}

/// The scope term of a community's members-only documents.
pub(crate) fn members_scope(community: &str) -> String {
    format!("members:{community}")
}

/// The scope term of public documents.
pub(crate) fn public_scope() -> &'static str {
    PUBLIC_SCOPE
}

/// 64-bit FNV-1a: stable across builds and platforms (unlike `DefaultHasher`).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The tie-breaking key of a document id.
pub(crate) fn id_key(id: &str) -> u64 {
    fnv1a(id.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_deterministic() {
        assert_eq!(Fields::build().0, Fields::build().0);
    }

    #[test]
    fn fnv1a_matches_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(id_key("a"), id_key("b"));
    }

    #[test]
    fn scopes_differ_by_community() {
        assert_eq!(scope_term(&Visibility::Public), "public");
        assert_eq!(
            scope_term(&Visibility::Members {
                community: "san-salvario".into()
            }),
            "members:san-salvario"
        );
    }
}
