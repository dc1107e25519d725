//! The binary's tests, one test binary (one link) for all but the browser journeys: each
//! module runs the built `libertas` as an operator would; `ops` is the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// Tests may read the wall clock directly to build dates relative to today.
#![allow(clippy::disallowed_methods)]

mod audit_verify;
mod cli;
mod demo_mode;
mod durability;
mod erasure_on_disk;
mod estimate;
mod export_ctdc;
mod export_list;
mod file_modes;
mod gift_aid_schedule;
mod link;
mod ops;
mod restore_supporters;
mod restore_withdrawals;
mod screen;
