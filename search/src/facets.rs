//! Total and facet counts over every matching document, from the kind and community fast
//! fields. Counting runs on the same (visibility-filtered) query as the hits, so nothing the
//! viewer may not see is counted.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::model::Facets;
use crate::schema::{COMMUNITY, KIND};

/// Counts matches, by kind and by community.
pub(crate) struct FacetCounter;

/// Total and facets.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub total: u64,
    pub facets: Facets,
}

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let fast = reader.fast_fields();
        Ok(SegmentCounter {
            total: 0,
            kind: OrdinalCounts::new(fast.str(KIND)?),
            community: OrdinalCounts::new(fast.str(COMMUNITY)?),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounter>) -> tantivy::Result<Counts> {
        let mut merged = Counts::default();
        for segment in segments {
            merged.total += segment.total;
            add_into(&mut merged.facets.kind, segment.kind.into_map()?);
            add_into(&mut merged.facets.community, segment.community.into_map()?);
        }
        Ok(merged)
    }
}

fn add_into(into: &mut BTreeMap<String, u64>, from: BTreeMap<String, u64>) {
    for (key, count) in from {
        *into.entry(key).or_default() += count;
    }
}

/// Counts per term ordinal of one segment's string column; a segment where no document has
/// the field has no column.
struct OrdinalCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl OrdinalCounts {
    fn new(column: Option<StrColumn>) -> Self {
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        OrdinalCounts {
            column,
            counts: vec![0; terms],
        }
    }

    fn add(&mut self, doc: DocId) {
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                if let Some(count) = usize::try_from(ord)
                    .ok()
                    .and_then(|ord| self.counts.get_mut(ord))
                {
                    *count += 1;
                }
            }
        }
    }

    /// Names the counted ordinals in one sorted pass over the dictionary: looking each ordinal
    /// up on its own re-reads a dictionary block per term, which dominated browse queries.
    fn into_map(self) -> tantivy::Result<BTreeMap<String, u64>> {
        let mut map = BTreeMap::new();
        let Some(column) = self.column else {
            return Ok(map);
        };
        let (ords, counts): (Vec<u64>, Vec<u64>) = self
            .counts
            .into_iter()
            .enumerate()
            .filter(|(_, count)| *count > 0)
            .map(|(ord, count)| (ord as u64, count))
            .unzip();
        let mut counts = counts.into_iter();
        column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
            if let Some(count) = counts.next() {
                map.insert(String::from_utf8_lossy(term).into_owned(), count);
            }
        })?;
        Ok(map)
    }
}

pub(crate) struct SegmentCounter {
    total: u64,
    kind: OrdinalCounts,
    community: OrdinalCounts,
}

impl SegmentCollector for SegmentCounter {
    type Fruit = SegmentCounter;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.total += 1;
        self.kind.add(doc);
        self.community.add(doc);
    }

    /// Term names are resolved in `merge_fruits`, which may fail.
    fn harvest(self) -> SegmentCounter {
        self
    }
}
