//! The web crate's HTTP tests, one binary (one link) for all of them. Each module holds the
//! tests of one feature against the real server on a free port over a fresh database (SQLite,
//! and PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set); `common` and the `*_common`
//! modules are the helpers they share; `access` is the access matrix over every route.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// Tests may read the wall clock directly to build dates relative to today.
#![allow(clippy::disallowed_methods)]

mod access;
mod account;
mod admin;
mod admin_orgs;
mod api;
mod audit_viewer;
mod care;
mod care_common;
mod care_plans;
mod case_navigation;
mod common;
mod confirm_steps;
mod contract;
mod contract_http;
mod ctdc_export;
mod enrol_qr;
mod estimate_pages;
mod evidence;
mod evidence_active;
mod evidence_common;
mod export_lists;
mod export_page;
mod forms;
mod gift_aid_pages;
mod gift_pages;
mod home;
mod impact;
mod indicators;
mod indicators_attack;
mod indicators_common;
mod indicators_pillars;
mod justice_lists;
mod languages;
mod list_export;
mod local_formats;
mod local_formats_common;
mod login;
mod login_work;
mod lookups;
mod mail_events;
mod menu;
mod openapi;
mod operations;
mod pages;
mod path_ids;
mod payment_events;
mod portal;
mod portal_giving;
mod portal_totp;
mod proceedings;
mod proceedings_common;
mod proceedings_timeline;
mod protect;
mod protect_common;
mod public_limits;
mod public_pages;
mod public_trace;
mod referrals;
mod referrals_common;
mod report_contact;
mod reports;
mod reports_public_forms;
mod reports_queue;
mod sealed_common;
mod sealed_legacy;
mod sealed_text;
mod search;
mod server_limits;
mod smtp_sink;
mod snapshots;
mod statements;
mod stories_pages;
mod supporter_updates;
mod supporters;
mod training;
mod workflow;
mod workflow_pages;
