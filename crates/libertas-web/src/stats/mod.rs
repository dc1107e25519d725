//! The `stats` feature: the justice indicators as JSON (`GET /api/v1/indicators`) and as a
//! page with charts (`/indicators`), and the impact measures as JSON (`GET /api/v1/impact`)
//! and CSV (`GET /api/v1/impact.csv`), for admins and analysts. Period and scope are plain
//! query parameters (dates and a word, never personal data). The figures and their protection
//! come from the store. It also serves the de-identified CTDC export (`GET
//! /api/v1/exports/ctdc`, `ctdc.rs`).

pub(crate) mod api;
mod chart;
pub(crate) mod ctdc;
mod impact;
mod pages;

use crate::http::{get, Routes};

pub fn router() -> Routes {
    Routes::new()
        .route("/api/v1/indicators", get(api::indicators))
        .route("/api/v1/exports/ctdc", get(ctdc::export_ctdc))
        .route("/api/v1/impact", get(api::impact))
        .route("/api/v1/impact.csv", get(api::impact_csv))
        .route("/indicators", get(pages::show))
        .route("/impact", get(impact::show))
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(api::indicators, api::impact, api::impact_csv, ctdc::export_ctdc))]
struct Doc;

/// This feature's part of the OpenAPI document.
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    Doc::openapi()
}
