//! Prosecute: suspects and their roles, evidence with a chain of custody, proceedings
//! (charges, hearings, verdicts, sentences), the case timeline, and the evidence and hearings
//! lists across my cases.

mod charges;
mod custody;
mod download;
mod evidence;
pub(crate) mod files;
mod lists;
mod stream;
mod suspects;
pub mod timeline;
mod verdicts;

pub use charges::{ChargeView, HearingView};
pub use custody::CustodyView;
pub use evidence::{EvidenceView, VerifyReport};
pub use files::EvidenceUpload;
pub use lists::{
    EvidenceItem, EvidenceList, HearingItem, HearingList, HearingWhen, Verified, JUSTICE_PAGE_SIZE,
};
pub use stream::EvidenceReader;
pub use suspects::SuspectView;
pub use timeline::TimelineEntry;
pub use verdicts::{RestitutionView, SentenceView, VerdictView};
