//! Time as stored: UTC text with microseconds, so that text order is time order on both
//! backends.

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

const FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// The current time. The store's one reading of the wall clock, so that a test clock (or a
/// lint banning `now_utc` elsewhere) has a single place to act on.
#[allow(clippy::disallowed_methods)]
pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The current time in storage form.
pub fn now_text() -> String {
    to_text(now())
}

/// A time in storage form.
pub fn to_text(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC)
        .format(FORMAT)
        .unwrap_or_else(|_| String::from("1970-01-01T00:00:00.000000Z"))
}

/// Parses a stored time; `None` for anything not written by [`to_text`].
pub fn from_text(s: &str) -> Option<OffsetDateTime> {
    PrimitiveDateTime::parse(s, FORMAT)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_sorts() {
        let a = OffsetDateTime::from_unix_timestamp_nanos(1_700_000_000_123_456_000).unwrap();
        let b = a + time::Duration::microseconds(1);
        assert_eq!(from_text(&to_text(a)).unwrap(), a);
        assert!(to_text(a) < to_text(b));
        assert!(from_text("yesterday").is_none());
    }
}
