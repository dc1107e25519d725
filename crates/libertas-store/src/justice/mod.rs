//! Prosecute: suspects and their roles, evidence with a chain of custody, proceedings
//! (charges, hearings, verdicts, sentences) and the case timeline.

mod charges;
mod custody;
mod download;
mod evidence;
pub(crate) mod files;
mod stream;
mod suspects;
pub mod timeline;
mod verdicts;

pub use charges::{ChargeView, HearingView};
pub use custody::CustodyView;
pub use evidence::{EvidenceView, VerifyReport};
pub use files::EvidenceUpload;
pub use stream::EvidenceReader;
pub use suspects::SuspectView;
pub use timeline::TimelineEntry;
pub use verdicts::{RestitutionView, SentenceView, VerdictView};
