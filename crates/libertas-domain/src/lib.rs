//! Pure types and rules of Libertas.
//!
//! Nothing in this crate performs I/O, reads the clock or draws random numbers: time and
//! randomness are arguments, so every rule can be tested deterministically. Request payloads
//! become the validated types defined here at the edge of the program ("parse, don't
//! validate") and travel no further as raw strings.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod admin;
pub mod care;
pub mod cases;
pub mod codes;
pub mod error;
pub mod exports;
pub mod i18n;
pub mod ids;
pub mod justice;
pub mod people;
pub mod reports;
pub mod stats;
pub mod supporters;
pub mod text;
pub mod training;

pub use error::FieldError;
