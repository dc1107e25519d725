//! The access matrix: every route of the router (API and pages, every GET and every form) as
//! every kind of caller, with the exact status each must get. Runs on SQLite, and on
//! PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.
//!
//! Each module holds the rows of one feature. [`every_route_as_every_kind_of_caller`] runs
//! them all, then checks from what was actually sent and answered (`common::seen`) that
//! every route the router serves ([`libertas_web::route_table`]) was
//! - tried by an anonymous caller and turned away (401 on the API, a redirect to `/login`
//!   on pages), unless it is public;
//! - refused (403 or 404) to a signed-in caller who may not use it, unless every signed-in
//!   user may;
//! - served to a caller who may use it (a 2xx, or a redirect onwards: not to a step of the
//!   sign-in, not back to a form with `?error=`).
//!
//! So a new route without rows fails this test, naming the route.
//!
//! Rows written with [`matrix`] (`PageRow`, `ApiRow`) do not stop at a wrong status: every
//! one is collected and the test fails at the end, after the coverage check, listing them
//! all.

mod account;
mod admin_api;
mod admin_pages;
mod api;
mod care;
mod care_forms;
mod care_plans;
mod case_pages;
mod coverage;
mod duplicates;
mod estimates;
mod evidence;
mod evidence_pages;
mod exports;
mod gift_aid;
mod gifts;
mod justice_lists;
mod mail_events;
mod matrix;
mod payment_events;
pub(crate) mod portal;
mod proceedings;
mod protect;
mod public;
mod referrals;
mod report_pages;
mod search;
mod stories;
mod strengthen;
mod supporters;
mod training;
mod workflow;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_as_every_kind_of_caller() {
    crate::common::seen::recording(async {
        api::every_api_route_as_every_kind_of_caller().await;
        api::every_report_route_as_every_kind_of_caller().await;
        protect::every_protect_route_as_every_kind_of_caller().await;
        referrals::every_referral_route_as_every_kind_of_caller().await;
        referrals::every_referral_page_as_every_kind_of_caller().await;
        proceedings::proceedings_routes_as_every_kind_of_caller().await;
        proceedings::proceedings_pages_as_every_kind_of_caller().await;
        evidence::evidence_routes_as_every_kind_of_caller().await;
        care::care_routes_as_every_kind_of_caller().await;
        care::care_page_as_every_kind_of_caller().await;
        care_plans::care_plan_routes_as_every_kind_of_caller().await;
        care_plans::care_plan_forms_as_every_kind_of_caller().await;
        training::training_routes_as_every_kind_of_caller().await;
        training::training_pages_as_every_kind_of_caller().await;
        search::search_api_as_every_kind_of_caller().await;
        search::search_page_as_every_kind_of_caller().await;
        duplicates::duplicates_api_as_every_kind_of_caller().await;
        duplicates::duplicates_pages_as_every_kind_of_caller().await;
        duplicates::duplicates_job_start_as_every_kind_of_caller().await;
        account::account_pages_as_every_kind_of_caller().await;
        admin_api::admin_api_as_every_kind_of_caller().await;
        admin_pages::admin_pages_as_every_kind_of_caller().await;
        case_pages::case_pages_as_every_kind_of_caller().await;
        workflow::workflow_as_every_kind_of_caller().await;
        evidence_pages::evidence_pages_as_every_kind_of_caller().await;
        justice_lists::justice_lists_as_every_kind_of_caller().await;
        care_forms::care_forms_as_every_kind_of_caller().await;
        stories::story_routes_as_every_kind_of_caller().await;
        report_pages::report_pages_as_every_kind_of_caller().await;
        strengthen::strengthen_as_every_kind_of_caller().await;
        exports::export_routes_as_every_kind_of_caller().await;
        exports::export_page_as_every_kind_of_caller().await;
        exports::export_jobs_as_every_kind_of_caller().await;
        estimates::estimate_routes_as_every_kind_of_caller().await;
        public::public_routes_served_to_anyone().await;
        mail_events::mail_events_as_every_kind_of_caller().await;
        payment_events::payment_events_as_every_kind_of_caller().await;
        supporters::supporter_routes_as_every_kind_of_caller().await;
        gifts::gift_pages_as_every_kind_of_caller().await;
        gift_aid::gift_aid_pages_as_every_kind_of_caller().await;
        supporters::every_other_route_refuses_the_supporter_roles().await;
        portal::portal_routes_as_every_kind_of_caller().await;
    })
    .await;
    let failures = matrix::failures();
    coverage::every_route_was_tried_refused_and_served();
    assert!(
        failures.is_empty(),
        "{} rows of the access matrix answered wrongly:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
