//! Pure computation behind Libertas's published numbers.
//!
//! Nothing here reads files, prints, sleeps or reads the clock: every input (including random
//! numbers) arrives as an argument, so results are reproducible and the code is testable.
//! `linkage` finds records that describe the same person; `mse` estimates how many victims no
//! list saw; `disclosure` makes counts safe to publish.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod disclosure;
pub mod linkage;
pub mod mse;
