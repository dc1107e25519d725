//! Training and mentoring of justice professionals (Strengthen).
//!
//! The records belong to an organisation, never to a case: every member of staff of the
//! organisation may read them (training data names nobody), only roles with
//! `Capability::Train` (admin, trainer) may write them, and another organisation's records
//! answer `NotFound`. Mentoring notes are sealed under a data key of their own session and are
//! opened only for the roles that write them.

mod events;
mod mentoring;

pub use events::TrainingView;
pub use mentoring::MentoringView;

use crate::StoreError;
use libertas_domain::admin::{Capability, Principal};

/// The function-level check for writes.
pub(crate) fn require_train(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::Train) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}
