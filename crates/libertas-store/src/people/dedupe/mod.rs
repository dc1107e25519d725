//! Duplicates and merges over stored people.
//!
//! Three steps, each decided here in the store for every caller (page, API, CLI):
//!
//! 1. **Job** ([`job`]): the linkage engine (`libertas_analytics::linkage`) runs over one
//!    organisation's people. Their sealed fields are opened in memory only, inside this
//!    process; what is written is the job's progress and, per proposed pair, two person ids, a
//!    score and the *names* of the agreeing fields.
//! 2. **Review queue** ([`queue`]): a caseworker who is a member of a case of both records
//!    sees the pair in full; anyone else doing case work sees that a candidate exists, the one
//!    record they may see (if any) and whom to ask, never the other record.
//! 3. **Merge, undo, dismiss** ([`merge`]): one write transaction each, audited. A merge keeps
//!    both `persons` rows and every link to them (cases, decisions, care), so history stays
//!    traceable to the original record. The kept record (the older one) receives the values it
//!    lacked, re-sealed under its own key; the merge row keeps its previous sealed bytes, so
//!    undo restores exactly the two separately keyed records of before. Erasing a kept record
//!    erases every record merged into it (`erase.rs`).

pub mod job;
pub mod merge;
pub mod queue;

pub use job::{DedupeJob, DedupeOptions, JobProgress, MAX_PAIRS, STALE_JOB_MINUTES};
pub use merge::MergeView;
pub use queue::{CandidatePair, QueueEntry, ReviewQueue};

use crate::StoreError;

/// Parses an id read from the database.
fn parse_id<T: std::str::FromStr>(s: &str) -> Result<T, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Internal("bad id in duplicates".into()))
}

/// The sealed person columns the linkage reads, with the linkage field each feeds.
const LINKED: [(&str, libertas_analytics::linkage::Field); 6] = {
    use libertas_analytics::linkage::Field;
    [
        ("given_name", Field::FirstName),
        ("family_name", Field::Surname),
        ("birth_date", Field::Dob),
        ("phone", Field::Phone),
        ("email", Field::Email),
        ("identity_numbers", Field::NationalId),
    ]
};
