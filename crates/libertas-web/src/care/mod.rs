//! The `care` feature's routes: consent records and outcome assessments of a person, as JSON
//! (`/api/v1/people/{id}/consents`, `…/assessments`) and as the person's care page with the
//! scores drawn as an SVG chart (see the domain and store modules of the same name).

pub(crate) mod api;
mod chart;
pub(crate) mod closure;
mod forms;
mod pages;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub use api::{
    AssessmentJson, AssessmentListJson, ConsentJson, ConsentListJson, ConsentRecordJson,
    DomainInput, DomainScoreJson, DomainsInput, NewAssessmentJson, WithdrawJson,
};
pub use closure::{ClosureJson, NewClosureJson};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/people/{id}/consents",
            get(api::consents).post(api::record_consent),
        )
        .route("/api/v1/people/{id}/consents/withdraw", post(api::withdraw))
        .route(
            "/api/v1/people/{id}/assessments",
            get(api::assessments).post(api::add_assessment),
        )
        .route(
            "/api/v1/people/{id}/care-closures",
            get(closure::list).post(closure::close),
        )
        .route("/people/{id}/care", get(pages::show))
        .route("/people/{id}/care/consents", post(forms::consent))
        .route("/people/{id}/care/consents/withdraw", post(forms::withdraw))
        .route("/people/{id}/care/assessments", post(forms::assessment))
}

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    utoipa::openapi::OpenApiBuilder::new().build()
}
