//! People in cases: JSON API and pages.

pub(crate) mod api;
mod pages;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub use api::{NewPersonJson, PersonJson};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/cases/{id}/people", get(api::list).post(api::add))
        .route("/api/v1/people/{id}", get(api::get_one))
        .route("/cases/{id}/people", post(pages::add))
        .route("/people/{id}", get(pages::show))
}

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    utoipa::openapi::OpenApiBuilder::new().build()
}
