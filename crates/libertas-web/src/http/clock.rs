//! The web layer's one clock. Web code asks [`now`] for the time instead of calling
//! `OffsetDateTime::now_utc()` itself, so there is one place to read (and, in tests, reason
//! about) the time a handler sees.

use time::OffsetDateTime;

/// The current time in UTC.
#[allow(clippy::disallowed_methods)]
pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}
