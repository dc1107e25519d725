//! The `justice` feature's routes (see the domain and store modules of the same name):
//! evidence files with their chain of custody.

pub(crate) mod custody_api;
pub(crate) mod evidence_api;
pub(crate) mod evidence_pages;
pub(crate) mod upload;

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use libertas_domain::justice::evidence::EvidenceId;

/// The routes. The two upload routes lift the global body limit (`max_body_bytes`, far too
/// small for files): [`upload::receive`] enforces `max_evidence_bytes` on the file and small
/// caps on every other field and on the number of fields while it streams.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/cases/{id}/evidence",
            get(evidence_api::list)
                .post(evidence_api::upload)
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/api/v1/cases/{id}/evidence/{eid}",
            get(evidence_api::get_one),
        )
        .route(
            "/api/v1/cases/{id}/evidence/{eid}/file",
            get(evidence_api::download),
        )
        .route(
            "/api/v1/cases/{id}/evidence/{eid}/verify",
            post(evidence_api::verify),
        )
        .route(
            "/api/v1/cases/{id}/evidence/{eid}/custody",
            get(custody_api::list).post(custody_api::add),
        )
        .route(
            "/cases/{id}/evidence",
            get(evidence_pages::page)
                .post(evidence_pages::upload)
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/cases/{id}/evidence/{eid}/custody",
            post(evidence_pages::add_custody),
        )
        .route(
            "/cases/{id}/evidence/{eid}/verify",
            post(evidence_pages::verify),
        )
}

/// Parses an evidence id from the path; a malformed id is a 400 naming `evidence_id`.
pub fn evidence_id(raw: &str) -> Result<EvidenceId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("evidence_id", "must be an evidence id (a UUID)"))
}

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    utoipa::openapi::OpenApiBuilder::new().build()
}
