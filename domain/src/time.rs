//! Times are UTC and set from Rust (SQLite's CURRENT_TIMESTAMP has second precision).

use chrono::{NaiveDateTime, Utc};

/// Now, in UTC, at microsecond precision (what both backends store).
pub fn now() -> NaiveDateTime {
    let now = Utc::now().naive_utc();
    now.with_nanosecond_truncated()
}

trait Truncate {
    fn with_nanosecond_truncated(self) -> Self;
}

impl Truncate for NaiveDateTime {
    fn with_nanosecond_truncated(self) -> Self {
        use chrono::Timelike;
        let micros = self.nanosecond() / 1_000 * 1_000;
        self.with_nanosecond(micros).unwrap_or(self)
    }
}
