//! Ranking: BM25 times a recency boost, with a total order for stable cursor pagination.
//!
//! ```text
//! final = bm25 * (1 + RECENCY_WEIGHT / (1 + age_days / RECENCY_SCALE_DAYS))
//! ```
//!
//! With weight 0.5 and scale 30 days, a document from today gets x1.5, one from a month ago
//! x1.25, one from a year ago about x1.04: among equally relevant documents the newer wins, but
//! a document needs to be at most 1.5 times less relevant for freshness to make up for it.
//! Documents in the future count as new. Without query text every score is 0 and the order
//! is by creation time. Ties are broken by creation time, then by a hash of the id, so the
//! order is total and a cursor can say exactly where a page ended.

use std::cmp::Ordering;

use tantivy::collector::sort_key::NaturalComparator;
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

use crate::schema::{CREATED, ID_KEY};

/// How much a brand-new document is boosted (x1.5).
pub const RECENCY_WEIGHT: f64 = 0.5;
/// Age at which the boost has halved.
pub const RECENCY_SCALE_DAYS: f64 = 30.0;

const MICROS_PER_DAY: f64 = 86_400_000_000.0;

/// The final score of a document with BM25 `bm25`, created at `created`, ranked at `now`
/// (both in microseconds since the epoch).
pub(crate) fn boosted(bm25: Score, created: i64, now: i64) -> Score {
    let age_days = now.saturating_sub(created).max(0) as f64 / MICROS_PER_DAY;
    let boost = 1.0 + RECENCY_WEIGHT / (1.0 + age_days / RECENCY_SCALE_DAYS);
    (f64::from(bm25) * boost) as Score
}

/// Where a document sits in the ranking; greater ranks first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Position {
    pub score: Score,
    pub created: i64,
    pub id_key: u64,
}

impl Position {
    fn order(&self, other: &Position) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(self.created.cmp(&other.created))
            .then(self.id_key.cmp(&other.id_key))
    }
}

/// Sort key of the top-docs collector: documents at or before the cursor rank below all others
/// and are dropped from the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RankKey {
    pub after_cursor: bool,
    pub position: Position,
}

impl PartialOrd for RankKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(
            self.after_cursor
                .cmp(&other.after_cursor)
                .then(self.position.order(&other.position)),
        )
    }
}

/// Computes [`RankKey`]s for one search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ranker {
    /// Microseconds since the epoch the recency boost is computed at.
    pub now: i64,
    /// The last hit of the previous page.
    pub after: Option<Position>,
    /// False when browsing without query text.
    pub scoring: bool,
}

impl SortKeyComputer for Ranker {
    type SortKey = RankKey;
    type Child = SegmentRanker;
    type Comparator = NaturalComparator;

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn segment_sort_key_computer(&self, reader: &SegmentReader) -> tantivy::Result<SegmentRanker> {
        Ok(SegmentRanker {
            ranker: *self,
            created: reader.fast_fields().i64(CREATED)?,
            id_key: reader.fast_fields().u64(ID_KEY)?,
        })
    }
}

/// [`Ranker`] with one segment's fast fields.
pub(crate) struct SegmentRanker {
    ranker: Ranker,
    created: Column<i64>,
    id_key: Column<u64>,
}

impl SegmentSortKeyComputer for SegmentRanker {
    type SortKey = RankKey;
    type SegmentSortKey = RankKey;
    type SegmentComparator = NaturalComparator;

    fn segment_sort_key(&mut self, doc: DocId, score: Score) -> RankKey {
        let created = self.created.first(doc).unwrap_or(0);
        let score = if self.ranker.scoring {
            boosted(score, created, self.ranker.now)
        } else {
            0.0
        };
        let position = Position {
            score,
            created,
            id_key: self.id_key.first(doc).unwrap_or(0),
        };
        let after_cursor = self
            .ranker
            .after
            .is_none_or(|last| position.order(&last) == Ordering::Less);
        RankKey {
            after_cursor,
            position,
        }
    }

    fn convert_segment_sort_key(&self, key: RankKey) -> RankKey {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000_000;

    #[test]
    fn recency_boost_follows_the_formula() {
        let now = 1000 * DAY;
        assert!((boosted(2.0, now, now) - 3.0).abs() < 1e-6);
        assert!((boosted(2.0, now - 30 * DAY, now) - 2.5).abs() < 1e-6);
        assert!(boosted(2.0, now - 3650 * DAY, now) < 2.01);
        assert_eq!(boosted(2.0, now + DAY, now), boosted(2.0, now, now));
        assert!(boosted(1.0, i64::MIN, i64::MAX).is_finite());
    }

    #[test]
    fn keys_order_by_cursor_then_score_time_and_id() {
        let key = |after_cursor, score, created, id_key| RankKey {
            after_cursor,
            position: Position {
                score,
                created,
                id_key,
            },
        };
        assert!(key(true, 0.1, 0, 0) > key(false, 9.0, 9, 9));
        assert!(key(true, 2.0, 0, 0) > key(true, 1.0, 9, 9));
        assert!(key(true, 1.0, 5, 0) > key(true, 1.0, 4, 9));
        assert!(key(true, 1.0, 5, 2) > key(true, 1.0, 5, 1));
    }
}
