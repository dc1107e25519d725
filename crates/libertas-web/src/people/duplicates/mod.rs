//! Duplicates and merges: the review queue, the job's progress, a pair's review, merge, undo
//! and "not the same person" (JSON API and pages).
//!
//! Every decision is the store's (`libertas_store::people::dedupe`): a pair is shown in full
//! only to a caseworker on a case of each record; others see that a candidate exists and whom
//! to ask. The job itself is started by the operator (`libertas person dedupe --org NAME`,
//! nightly from cron or on demand); the queue page shows its progress and reloads itself
//! while it runs.

pub(crate) mod api;
pub(crate) mod pages;
mod views;
