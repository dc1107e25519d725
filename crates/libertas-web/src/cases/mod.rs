//! Cases, their members and notes: JSON API and pages.

pub(crate) mod api;
pub(crate) mod decision_pages;
pub(crate) mod decisions;
pub(crate) mod notification_pages;
pub(crate) mod notifications_api;
pub(crate) mod operation_pages;
pub(crate) mod operations_api;
pub(crate) mod pages;
pub(crate) mod partner_pages;
pub(crate) mod partners_api;
pub(crate) mod referral_pages;
pub(crate) mod referrals_api;
pub(crate) mod task_pages;
pub(crate) mod tasks;
pub(crate) mod views;
pub(crate) mod workflow;
pub(crate) mod workflow_pages;

use crate::http::ApiError;
use crate::http::{get, post, Routes};
use libertas_domain::ids::CaseId;

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
        .route("/", get(pages::home))
        .route("/cases", post(pages::create))
        .route("/cases/{id}", get(pages::show))
        .route("/cases/{id}/notes", post(pages::add_note))
        .route("/cases/{id}/members", post(pages::add_member))
        .route(
            "/api/v1/cases/{id}/decisions",
            get(decisions::list).post(decisions::record),
        )
        .route("/api/v1/cases/{id}/deadlines", get(decisions::deadlines))
        .route(
            "/api/v1/cases/{id}/tasks",
            get(tasks::list).post(tasks::create),
        )
        .route("/api/v1/tasks", get(tasks::mine))
        .route("/api/v1/tasks/{id}/done", post(tasks::done))
        .route(
            "/cases/{id}/decisions",
            get(decision_pages::decisions_page).post(decision_pages::record_decision),
        )
        .route(
            "/cases/{id}/tasks",
            get(task_pages::tasks_page).post(task_pages::add_task),
        )
        .route("/tasks/{id}/done", post(task_pages::task_done))
        .route("/api/v1/cases/{id}/status", post(workflow::set_status))
        .route("/api/v1/cases/{id}/owner", post(workflow::set_owner))
        .route("/api/v1/cases/{id}/workflow", get(workflow::get_workflow))
        .route(
            "/api/v1/cases/{id}/members/{username}/role",
            post(workflow::set_role),
        )
        .route(
            "/api/v1/cases/{id}/members/{username}/remove",
            post(workflow::remove),
        )
        .route("/cases/{id}/workflow", get(workflow_pages::workflow_page))
        .route("/cases/{id}/status", post(workflow_pages::status_form))
        .route("/cases/{id}/owner", post(workflow_pages::owner_form))
        .route(
            "/cases/{id}/members/{username}/role",
            post(workflow_pages::role_form),
        )
        .route(
            "/cases/{id}/members/{username}/remove",
            post(workflow_pages::remove_form),
        )
        .merge(protect_router())
}

/// Partners, referrals, duty-to-notify records and operations (issue 4, items 3 and 4).
fn protect_router() -> Routes {
    Routes::new()
        .route(
            "/api/v1/partners",
            get(partners_api::list).post(partners_api::create),
        )
        .route(
            "/api/v1/partners/{id}",
            get(partners_api::get_one).put(partners_api::update),
        )
        .route(
            "/api/v1/partners/{id}/deactivate",
            post(partners_api::deactivate),
        )
        .route(
            "/api/v1/partners/{id}/activate",
            post(partners_api::activate),
        )
        .route("/partners", get(partner_pages::browse))
        .route(
            "/api/v1/cases/{id}/referrals",
            get(referrals_api::list).post(referrals_api::create),
        )
        .route("/api/v1/referrals/incoming", get(referrals_api::incoming))
        .route("/api/v1/referrals/{id}", get(referrals_api::get_one))
        .route(
            "/api/v1/referrals/{id}/status",
            post(referrals_api::set_status),
        )
        .route(
            "/api/v1/cases/{id}/notifications",
            get(notifications_api::list).post(notifications_api::create),
        )
        .route(
            "/cases/{id}/referrals",
            get(referral_pages::page).post(referral_pages::create),
        )
        .route(
            "/cases/{id}/notifications",
            post(notification_pages::notify),
        )
        .route("/referrals/incoming", get(referral_pages::incoming))
        .route("/referrals/{id}/status", post(referral_pages::status))
        .route(
            "/api/v1/cases/{id}/operations",
            get(operations_api::list).post(operations_api::create),
        )
        .route("/api/v1/operations/{id}", get(operations_api::get_one))
        .route(
            "/api/v1/operations/{id}/status",
            post(operations_api::set_status),
        )
        .route(
            "/cases/{id}/operations",
            get(operation_pages::page).post(operation_pages::create),
        )
        .route("/operations/{id}/status", post(operation_pages::status))
}

/// Parses a case id from the path; a malformed id is a 400 naming `id`.
pub fn case_id(raw: &str) -> Result<CaseId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be a case id (a UUID)"))
}

/// The partner, referral, notification and operation routes, documented here and merged into
/// the main document by `openapi.rs`.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        partners_api::list,
        partners_api::get_one,
        partners_api::create,
        partners_api::update,
        partners_api::deactivate,
        partners_api::activate,
        referrals_api::create,
        referrals_api::list,
        referrals_api::incoming,
        referrals_api::get_one,
        referrals_api::set_status,
        notifications_api::create,
        notifications_api::list,
        operations_api::create,
        operations_api::list,
        operations_api::get_one,
        operations_api::set_status,
    ),
    components(schemas(
        partners_api::PartnerJson,
        partners_api::PartnerListJson,
        partners_api::PartnerInput,
        referrals_api::NewReferralJson,
        referrals_api::ReferralJson,
        referrals_api::ReferralListJson,
        referrals_api::ReferralStatusJson,
        notifications_api::NewNotificationJson,
        notifications_api::NotificationJson,
        notifications_api::NotificationListJson,
        operations_api::NewOperationJson,
        operations_api::OperationJson,
        operations_api::OperationListJson,
        operations_api::OperationStatusJson,
    ))
)]
struct Doc;

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    let mut doc = Doc::openapi();
    doc.merge(crate::admin::AdminDoc::openapi());
    doc
}
