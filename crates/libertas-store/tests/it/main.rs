//! The store's integration tests, one binary (one link) for all of them: each module holds
//! the tests of one subject, run on SQLite and, when `LIBERTAS_TEST_DATABASE_URL` is set, on
//! PostgreSQL; `withdrawals_fixture` is shared data.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// Tests may read the wall clock directly to build dates relative to today.
#![allow(clippy::disallowed_methods)]

mod admin_access;
mod alerts;
mod case_list_order;
mod ctdc;
mod dedupe;
mod erasure_disk;
mod estimate;
mod exports;
mod exports_lists;
mod hashing;
mod home;
mod home_lists;
mod impact;
mod impact_attack;
mod impact_facts;
mod impact_months;
mod indicator_facts;
mod inventory;
mod lookups;
mod numbers;
mod proceedings;
mod protect;
mod referrals;
mod reports;
mod schema_parity;
mod search;
mod store;
mod stories;
mod supporter_backup;
mod supporter_erasure;
mod supporter_gift_aid;
mod supporter_gifts;
mod supporter_portal;
mod supporter_portal_giving;
mod supporter_portal_totp;
mod supporter_statements;
mod supporter_updates;
mod supporters;
mod withdrawals;
mod withdrawals_fixture;
