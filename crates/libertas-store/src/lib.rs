//! Persistence for Libertas: SQLite and PostgreSQL behind one repository API, field
//! encryption, blind indexes, the key store and the audit chain.
//!
//! The rest of the program sees decrypted domain values only through methods that take the
//! acting user and perform the organisation and membership checks first, and every such read
//! or write is recorded in the audit chain in the same call.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod admin;
pub mod audit;
pub mod backup;
pub mod care;
pub mod cases;
pub mod clock;
pub mod crypto;
mod db;
mod error;
pub mod exports;
mod filter;
pub mod home;
pub mod justice;
pub mod keystore;
pub mod legacy;
mod migrations;
pub mod numbers;
pub mod people;
pub mod private_fs;
pub mod reports;
pub mod residue;
pub mod stats;
mod store;
pub mod supporters;
#[cfg(feature = "testing")]
pub mod testing;
pub mod training;
mod tx;
mod withdrawals;

pub use db::Backend;
pub use error::StoreError;
pub use store::{Store, StoreConfig, DATABASE_FILE, KEYSTORE_FILE, SUPPORTERS_FILE};
pub use tx::WriteTx;

/// The short result type of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
