//! Reports: what people tell the organisation, and the first assessment made of it.
//!
//! A report arrives from the public (anonymously, through the web form or the JSON API) or
//! from a helpline operator who heard it on the phone, by e-mail, SMS, in person or on the
//! web. It is screened against the legal definition, triaged, and then referred, turned into
//! a case, or closed with a reason.

pub mod identifiers;
mod input;
pub mod screening;
mod workflow;

pub use input::{RawReport, ReportInput, TEXT_LIMITS};
pub use workflow::{Channel, PublicStatus, ReportStatus};
