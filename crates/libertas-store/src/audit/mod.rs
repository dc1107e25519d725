//! The audit trail: an append-only, MAC-chained log of every write, every read of personal or
//! narrative data, every login and every administrative action.
//!
//! Each event's MAC covers its own fields and the previous event's MAC, under a key derived
//! from the master key, so editing, deleting or reordering rows breaks the chain at that
//! point. Cutting off the newest events leaves a valid but shorter chain; the checkpoint file
//! (outside the database, written by the server every few seconds) catches that.

pub mod alerts;
pub(crate) mod browse;
mod chain;
pub(crate) mod checkpoint;
pub(crate) mod export;
pub(crate) mod reason;
pub(crate) mod verify;

pub use alerts::{Alert, ALERT_QUIET};
pub use browse::{AuditBrowse, AuditPage, AUDIT_PAGE_SIZE};
pub(crate) use chain::{append, Head};
pub use chain::{Actor, AuditEvent, AuditRecord};
pub use checkpoint::CHECKPOINT_FILE;
pub use export::AuditQuery;
pub use reason::{REASON_ERASED, REASON_UNREADABLE};
pub use verify::VerifyOutcome;
