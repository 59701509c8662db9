//! The tantivy schema, its version, and typed handles to its fields.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::TantivyDocument;

use crate::analysis::{PLAIN, STEMS};
use crate::model::{Document, Visibility};

/// Bump whenever the schema, an analyzer or the meaning of a field changes: an index recorded
/// with another version is wiped and rebuilt from the database.
pub const SCHEMA_VERSION: u32 = 3;

/// Fast fields are read by name; these are the names (the only strings used to find fields).
pub(crate) const CREATED: &str = "created";
pub(crate) const ID_KEY: &str = "id_key";
pub(crate) const KIND: &str = "kind";
pub(crate) const COMMUNITY: &str = "community";

/// Scope term of every members-only document, beside its `members:<community>`. Public
/// documents have no scope term: visibility excludes the members-only documents the viewer may
/// not see, a few, rather than requiring the public ones, nearly all (which made every search
/// read the whole "public" posting list).
const RESTRICTED_SCOPE: &str = "members";

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
    /// Nothing for public documents; `members` and `members:<community>` for members-only
    /// ones: the visibility filter.
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
        if let Visibility::Members { community } = &doc.visibility {
            t.add_text(self.scope, RESTRICTED_SCOPE);
            t.add_text(self.scope, members_scope(community));
        }
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

/// The scope term of a community's members-only documents.
pub(crate) fn members_scope(community: &str) -> String {
    format!("members:{community}")
}

/// The scope term every members-only document has.
pub(crate) fn restricted_scope() -> &'static str {
    RESTRICTED_SCOPE
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
    fn only_members_only_documents_have_scope_terms() {
        use tantivy::schema::Value as _;
        let (_, fields) = Fields::build();
        let scopes = |visibility: Visibility| -> Vec<String> {
            let doc = Document {
                id: "d".into(),
                kind: crate::Kind::Thread,
                community: Some("san-salvario".into()),
                channel_kind: None,
                visibility,
                author: None,
                created_at: chrono::Utc::now(),
                title: "t".into(),
                body: "b".into(),
                url: "/d".into(),
            };
            fields
                .to_tantivy(&doc)
                .get_all(fields.scope)
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        assert!(scopes(Visibility::Public).is_empty());
        assert_eq!(
            scopes(Visibility::Members {
                community: "san-salvario".into()
            }),
            ["members", "members:san-salvario"]
        );
    }
}
