//! Prosecute: suspects, evidence with a chain of custody, proceedings.

mod custody;
mod evidence;
mod files;

pub use custody::{CustodyView, NewCustody};
pub use evidence::{EvidenceView, VerifyReport};
pub use files::EvidenceUpload;
