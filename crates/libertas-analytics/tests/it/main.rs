//! The analytics crate's integration tests, one binary (one link) for all of them: each
//! module holds the tests of one subject; `common` the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// Tests may read the wall clock directly to build dates relative to today.
#![allow(clippy::disallowed_methods)]

mod bic_bma_reference;
mod common;
mod febrl;
mod properties;
mod stepwise_reference;
