//! The `stats` feature: the justice indicators as JSON (`GET /api/v1/indicators`) and as a
//! page with charts (`/indicators`), and the impact measures as JSON (`GET /api/v1/impact`)
//! and CSV (`GET /api/v1/impact.csv`), for admins and analysts. Period and scope are plain
//! query parameters (dates and a word, never personal data). The figures and their protection
//! come from the store. It also serves the de-identified CTDC export (`GET
//! /api/v1/exports/ctdc`, `ctdc.rs`), and runs the hidden-victim estimate
//! (`/api/v1/estimates`, `estimate.rs`; the pages `/estimates`, `estimate_pages.rs`).

pub(crate) mod api;
mod chart;
pub(crate) mod ctdc;
mod estimate;
mod estimate_pages;
mod impact;
mod pages;

use crate::http::{get, post, Routes};

pub fn router() -> Routes {
    Routes::new()
        .route("/api/v1/indicators", get(api::indicators))
        .route("/api/v1/exports/ctdc", get(ctdc::export_ctdc))
        .route("/api/v1/impact", get(api::impact))
        .route("/api/v1/impact.csv", get(api::impact_csv))
        .route("/api/v1/estimates", post(estimate::create))
        .route("/api/v1/estimates/{id}", get(estimate::get_one))
        .route(
            "/api/v1/estimates/{id}/histories.csv",
            get(estimate::histories_csv),
        )
        .route("/indicators", get(pages::show))
        .route("/impact", get(impact::show))
        .route(
            "/estimates",
            get(estimate_pages::show).post(estimate_pages::create),
        )
        .route("/estimates/{id}", get(estimate_pages::result))
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        api::indicators,
        api::impact,
        api::impact_csv,
        ctdc::export_ctdc,
        estimate::create,
        estimate::get_one,
        estimate::histories_csv
    ),
    components(schemas(
        estimate::NewEstimateJson,
        estimate::EstimateJson,
        estimate::HistoryJson
    ))
)]
struct Doc;

/// This feature's part of the OpenAPI document.
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    Doc::openapi()
}
