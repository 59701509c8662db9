//! Opaque pagination cursors.
//!
//! A cursor holds the position of the last hit of a page in the ranking order (final score,
//! created time, id key), the instant the first page was ranked at (so the recency boost, and
//! hence every score, is the same on every page) and a fingerprint of the query (so a cursor
//! is refused by another query). It is URL-safe base64 of a fixed 37-byte layout.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::error::SearchError;
use crate::model::Query;
use crate::rank::Position;
use crate::schema::fnv1a;

const VERSION: u8 = 1;
const LEN: usize = 1 + 8 + 8 + 4 + 8 + 8;

/// Decoded cursor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cursor {
    /// Microseconds since the epoch the first page was ranked at.
    pub now: i64,
    pub fingerprint: u64,
    /// Last hit returned.
    pub after: Position,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let mut bytes = Vec::with_capacity(LEN);
        bytes.push(VERSION);
        bytes.extend_from_slice(&self.now.to_be_bytes());
        bytes.extend_from_slice(&self.fingerprint.to_be_bytes());
        bytes.extend_from_slice(&self.after.score.to_bits().to_be_bytes());
        bytes.extend_from_slice(&self.after.created.to_be_bytes());
        bytes.extend_from_slice(&self.after.id_key.to_be_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Decodes a cursor and checks it belongs to the query with `fingerprint`.
    pub fn decode(text: &str, fingerprint: u64) -> Result<Cursor, SearchError> {
        if text.len() > 2 * LEN {
            return Err(SearchError::BadCursor);
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| SearchError::BadCursor)?;
        let bytes: [u8; LEN] = bytes.try_into().map_err(|_| SearchError::BadCursor)?;
        if bytes[0] != VERSION {
            return Err(SearchError::BadCursor);
        }
        let now = i64::from_be_bytes(slice(&bytes, 1));
        let stored = u64::from_be_bytes(slice(&bytes, 9));
        let score = f32::from_bits(u32::from_be_bytes(slice(&bytes, 17)));
        let created = i64::from_be_bytes(slice(&bytes, 21));
        let id_key = u64::from_be_bytes(slice(&bytes, 29));
        if stored != fingerprint || !score.is_finite() {
            return Err(SearchError::BadCursor);
        }
        Ok(Cursor {
            now,
            fingerprint,
            after: Position {
                score,
                created,
                id_key,
            },
        })
    }
}

/// `N` bytes of the cursor from `at` (offsets are constants within `LEN`).
fn slice<const N: usize>(bytes: &[u8; LEN], at: usize) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&bytes[at..at + N]);
    out
}

/// What identifies a query for pagination: everything but the viewer, limit and cursor (a
/// viewer who joins a community between pages keeps paging).
pub(crate) fn fingerprint(query: &Query) -> u64 {
    let mut kinds: Vec<&str> = query.kinds.iter().map(|k| k.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let canonical = format!(
        "{}\u{0}{:?}\u{0}{:?}\u{0}{}\u{0}{:?}\u{0}{:?}",
        query.text.trim(),
        query.community,
        query.channel_kind,
        kinds.join(","),
        query.from.map(|t| t.timestamp_micros()),
        query.to.map(|t| t.timestamp_micros()),
    );
    fnv1a(canonical.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn sample() -> Cursor {
        Cursor {
            now: 1_700_000_000_000_000,
            fingerprint: 42,
            after: Position {
                score: 3.25,
                created: -5,
                id_key: u64::MAX,
            },
        }
    }

    #[test]
    fn round_trips() {
        let c = sample();
        assert_eq!(Cursor::decode(&c.encode(), 42).unwrap(), c);
    }

    #[test]
    fn refuses_another_query() {
        let c = sample();
        assert!(matches!(
            Cursor::decode(&c.encode(), 43),
            Err(SearchError::BadCursor)
        ));
    }

    #[test]
    fn refuses_garbage() {
        let good = sample().encode();
        let truncated = &good[..good.len() - 2];
        let too_long = format!("{good}AAAA");
        let huge = "A".repeat(10_000);
        for bad in [
            "",
            "!!!",
            "not a cursor",
            truncated,
            too_long.as_str(),
            huge.as_str(),
            "é",
        ] {
            assert!(
                matches!(Cursor::decode(bad, 42), Err(SearchError::BadCursor)),
                "{bad:?}"
            );
        }
        let mut wrong_version = URL_SAFE_NO_PAD.decode(&good).unwrap();
        wrong_version[0] = 9;
        assert!(Cursor::decode(&URL_SAFE_NO_PAD.encode(wrong_version), 42).is_err());
    }

    #[test]
    fn fingerprint_ignores_viewer_limit_and_kind_order() {
        let mut a = Query::text("orto");
        a.kinds = vec![Kind::Event, Kind::Thread];
        let mut b = a.clone();
        b.kinds = vec![Kind::Thread, Kind::Event];
        b.limit = 7;
        b.viewer.is_admin = true;
        assert_eq!(fingerprint(&a), fingerprint(&b));
        b.community = Some("x".into());
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }
}
