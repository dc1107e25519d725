//! Training and mentoring of justice professionals (Strengthen).
//!
//! The records belong to an organisation, never to a case: every member of staff of the
//! organisation may read them (training data names nobody), only roles with
//! `Capability::Train` (admin, trainer) may write them, and another organisation's records
//! answer `NotFound`. Topics and places are sealed under the master-derived `programme` key
//! (they are typed freely and may name a case or a person); reading them needs no audit, as
//! they are organisational data. Mentoring notes are sealed under a data key of their own
//! session and are opened only for the roles that write them.

mod events;
mod mentoring;

pub use events::TrainingView;
pub use mentoring::MentoringView;

use crate::crypto::{open_text, Keyring};
use crate::StoreError;
use libertas_domain::admin::{Capability, Principal};

/// Opens a topic or place sealed under the `programme` key (a `None` column is a value from
/// before 0014 not yet sealed, which cannot happen once the store is open).
pub(crate) fn open_programme_text(
    ring: &Keyring,
    table: &str,
    column: &str,
    id: &str,
    sealed: Option<Vec<u8>>,
) -> Result<String, StoreError> {
    let sealed = sealed.ok_or(StoreError::Crypto("training value not sealed"))?;
    open_text(&ring.programme, table, column, id, &sealed)
        .ok_or(StoreError::Crypto("training value"))
}

/// The function-level check for writes.
/// Refuses the supporter roles: the training records are the case side's programme, read by
/// every case role but not by the supporter side (`docs/supporters.md`).
pub(crate) fn require_case_side(p: &Principal) -> Result<(), StoreError> {
    if p.role.is_supporter_side() {
        Err(StoreError::Forbidden)
    } else {
        Ok(())
    }
}

pub(crate) fn require_train(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::Train) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}
