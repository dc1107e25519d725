//! Cases, their members and notes: JSON API and pages.

pub(crate) mod api;
pub(crate) mod decision_pages;
pub(crate) mod decisions;
pub(crate) mod pages;
pub(crate) mod task_pages;
pub(crate) mod tasks;
pub(crate) mod workflow;
pub(crate) mod workflow_pages;

use crate::error::ApiError;
use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;
use libertas_domain::ids::CaseId;

pub use api::{CaseJson, CreateCase, MemberJson, NewMember, NewNote, NoteJson};

pub fn router() -> Router<AppState> {
    Router::new()
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
}

/// Parses a case id from the path; a malformed id is a 400 naming `id`.
pub fn case_id(raw: &str) -> Result<CaseId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be a case id (a UUID)"))
}

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    utoipa::openapi::OpenApiBuilder::new().build()
}
