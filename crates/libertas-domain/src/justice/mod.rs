//! Prosecute: suspects and their roles, evidence with a chain of custody, proceedings
//! (charges, hearings, verdicts, sentences).

pub mod active;
pub mod evidence;
pub mod proceedings;
pub mod suspects;
