//! Cases, their members and notes: JSON API (`api`) and pages (`pages`, `views`), and one
//! folder per sub-feature, each with its `api` and `pages`: `partners`, `referrals`,
//! `notifications`, `operations`, `decisions`, `tasks`, `workflow`.

pub(crate) mod api;
pub(crate) mod decisions;
pub(crate) mod list;
pub(crate) mod notifications;
pub(crate) mod operations;
pub(crate) mod pages;
pub(crate) mod partners;
pub(crate) mod referrals;
pub(crate) mod tasks;
pub(crate) mod views;
pub(crate) mod workflow;

use crate::http::{get, post, Routes};

pub use api::{CaseJson, CreateCase, MemberJson, NewMember, NewNote, NoteJson};

pub fn router() -> Routes {
    Routes::new()
        .route("/api/v1/cases", get(api::list).post(api::create))
        .route("/api/v1/cases/{id}", get(api::get_one))
        .route(
            "/api/v1/cases/{id}/members",
            get(api::members).post(api::add_member),
        )
        .route(
            "/api/v1/cases/{id}/notes",
            get(api::notes).post(api::add_note),
        )
        .route("/cases", get(list::list).post(pages::create))
        .route("/cases/find", get(pages::find))
        .route("/cases/{id}", get(pages::show))
        .route("/cases/{id}/notes", post(pages::add_note))
        .route("/cases/{id}/members", post(pages::add_member))
        .route(
            "/api/v1/cases/{id}/decisions",
            get(decisions::api::list).post(decisions::api::record),
        )
        .route(
            "/api/v1/cases/{id}/deadlines",
            get(decisions::api::deadlines),
        )
        .route(
            "/api/v1/cases/{id}/tasks",
            get(tasks::api::list).post(tasks::api::create),
        )
        .route("/api/v1/tasks", get(tasks::api::mine))
        .route("/api/v1/tasks/{id}/done", post(tasks::api::done))
        .route(
            "/cases/{id}/decisions",
            get(decisions::pages::decisions_page).post(decisions::pages::record_decision),
        )
        .route(
            "/cases/{id}/tasks",
            get(tasks::pages::tasks_page).post(tasks::pages::add_task),
        )
        .route("/tasks", get(tasks::list::list))
        .route("/tasks/{id}/done", post(tasks::pages::task_done))
        .route("/api/v1/cases/{id}/status", post(workflow::api::set_status))
        .route("/api/v1/cases/{id}/owner", post(workflow::api::set_owner))
        .route(
            "/api/v1/cases/{id}/workflow",
            get(workflow::api::get_workflow),
        )
        .route(
            "/api/v1/cases/{id}/members/{username}/role",
            post(workflow::api::set_role),
        )
        .route(
            "/api/v1/cases/{id}/members/{username}/remove",
            post(workflow::api::remove),
        )
        .route("/cases/{id}/workflow", get(workflow::pages::workflow_page))
        .route("/cases/{id}/status", post(workflow::pages::status_form))
        .route("/cases/{id}/owner", post(workflow::pages::owner_form))
        .route(
            "/cases/{id}/members/{username}/role",
            post(workflow::pages::role_form),
        )
        .route(
            "/cases/{id}/members/{username}/remove",
            post(workflow::pages::remove_form),
        )
        .merge(protect_router())
}

/// Partners, referrals, duty-to-notify records and operations (issue 4, items 3 and 4).
fn protect_router() -> Routes {
    Routes::new()
        .route(
            "/api/v1/partners",
            get(partners::api::list).post(partners::api::create),
        )
        .route(
            "/api/v1/partners/{id}",
            get(partners::api::get_one).put(partners::api::update),
        )
        .route(
            "/api/v1/partners/{id}/deactivate",
            post(partners::api::deactivate),
        )
        .route(
            "/api/v1/partners/{id}/activate",
            post(partners::api::activate),
        )
        .route("/partners", get(partners::pages::browse))
        .route(
            "/admin/partners",
            get(partners::admin_pages::list).post(partners::admin_pages::create),
        )
        .route(
            "/admin/partners/{id}",
            get(partners::admin_pages::edit).post(partners::admin_pages::update),
        )
        .route(
            "/admin/partners/{id}/active",
            post(partners::admin_pages::set_active),
        )
        .route(
            "/api/v1/cases/{id}/referrals",
            get(referrals::api::list).post(referrals::api::create),
        )
        .route("/api/v1/referrals/incoming", get(referrals::api::incoming))
        .route("/api/v1/referrals/{id}", get(referrals::api::get_one))
        .route(
            "/api/v1/referrals/{id}/status",
            post(referrals::api::set_status),
        )
        .route(
            "/api/v1/cases/{id}/notifications",
            get(notifications::api::list).post(notifications::api::create),
        )
        .route(
            "/cases/{id}/referrals",
            get(referrals::pages::page).post(referrals::pages::create),
        )
        .route(
            "/cases/{id}/notifications",
            post(notifications::pages::notify),
        )
        .route("/referrals/incoming", get(referrals::lists::incoming))
        .route("/referrals/outgoing", get(referrals::lists::outgoing))
        .route("/referrals/{id}/status", post(referrals::pages::status))
        .route(
            "/api/v1/cases/{id}/operations",
            get(operations::api::list).post(operations::api::create),
        )
        .route("/api/v1/operations/{id}", get(operations::api::get_one))
        .route(
            "/api/v1/operations/{id}/status",
            post(operations::api::set_status),
        )
        .route(
            "/cases/{id}/operations",
            get(operations::pages::page).post(operations::pages::create),
        )
        .route("/operations/{id}/status", post(operations::pages::status))
}

/// The partner, referral, notification and operation routes, documented here and merged into
/// the main document by `openapi/mod.rs`.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        partners::api::list,
        partners::api::get_one,
        partners::api::create,
        partners::api::update,
        partners::api::deactivate,
        partners::api::activate,
        referrals::api::create,
        referrals::api::list,
        referrals::api::incoming,
        referrals::api::get_one,
        referrals::api::set_status,
        notifications::api::create,
        notifications::api::list,
        operations::api::create,
        operations::api::list,
        operations::api::get_one,
        operations::api::set_status,
    ),
    components(schemas(
        partners::api::PartnerJson,
        partners::api::PartnerListJson,
        partners::api::PartnerInput,
        referrals::api::NewReferralJson,
        referrals::api::ReferralJson,
        referrals::api::ReferralListJson,
        referrals::api::ReferralStatusJson,
        notifications::api::NewNotificationJson,
        notifications::api::NotificationJson,
        notifications::api::NotificationListJson,
        operations::api::NewOperationJson,
        operations::api::OperationJson,
        operations::api::OperationListJson,
        operations::api::OperationStatusJson,
    ))
)]
struct Doc;

/// Routes documented apart from the main list in `openapi/mod.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    Doc::openapi()
}
