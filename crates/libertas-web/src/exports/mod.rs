//! The `exports` feature: the lists a user may see as CSV or XLSX files (`GET
//! /api/v1/exports/list`, and the `/exports` page for people who do not use the API, which
//! runs them as background jobs with a progress page: `jobs.rs`) and their cases in the HTCDS
//! v2 fields (`GET /api/v1/exports/htcds`), encrypted when they hold personal data (`docs/exports.md`). The
//! store decides rows, columns and encryption and audits every export. The de-identified CTDC
//! export lives with the statistics (`stats/ctdc.rs`).

pub(crate) mod api;
mod jobs;
mod pages;

use crate::http::{get, Routes};

pub fn router() -> Routes {
    Routes::new()
        .route("/exports", get(pages::show).post(pages::export))
        .route("/exports/jobs/{id}", get(jobs::show))
        .route("/exports/jobs/{id}/file", get(jobs::file))
        .route("/api/v1/exports/list", get(api::export_list))
        .route("/api/v1/exports/htcds", get(api::export_htcds))
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(api::export_list, api::export_htcds),
    components(schemas(api::ListParam, api::FormatParam, api::ExportFile))
)]
struct Doc;

/// This feature's part of the OpenAPI document.
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    Doc::openapi()
}
