//! Prosecute: suspects, evidence with a chain of custody, proceedings.

pub mod evidence;
