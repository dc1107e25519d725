//! The `stats` feature: the justice indicators as JSON (`GET /api/v1/indicators`) and as a
//! page with charts (`/indicators`). Period and scope are plain query parameters (dates and a
//! word, never personal data). The figures and their protection come from the store.
//! It also serves the de-identified CTDC export (`GET /api/v1/exports/ctdc`, `ctdc.rs`).

pub(crate) mod api;
mod chart;
pub(crate) mod ctdc;
mod pages;

use crate::http::{get, Routes};

pub fn router() -> Routes {
    Routes::new()
        .route("/api/v1/indicators", get(api::indicators))
        .route("/api/v1/exports/ctdc", get(ctdc::export_ctdc))
        .route("/indicators", get(pages::show))
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(api::indicators, ctdc::export_ctdc))]
struct Doc;

/// This feature's part of the OpenAPI document.
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    Doc::openapi()
}
