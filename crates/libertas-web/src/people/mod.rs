//! People in cases, and finding them: JSON API and pages.
//!
//! `search_api`/`search_pages` find people by name, birth date, phone or identity number over
//! the store's keyed search index (no plaintext in the database, no personal data in URLs);
//! adding a person answers with likely existing records of the same person. Every answer about
//! people outside the caller's cases spends from one per-user budget kept by the store; a
//! spent budget is a 429 with `Retry-After` on every path, API or page.

pub(crate) mod api;
pub(crate) mod duplicates;
pub(crate) mod list;
pub(crate) mod pages;
pub(crate) mod search;
mod views;

use crate::http::{get, post, Routes};

pub use api::PersonJson;

pub fn router() -> Routes {
    Routes::new()
        .route("/api/v1/cases/{id}/people", get(api::list).post(api::add))
        .route("/api/v1/people/{id}", get(api::get_one))
        .route("/api/v1/search", post(search::api::search))
        .route("/api/v1/duplicates", get(duplicates::api::queue))
        .route(
            "/api/v1/duplicates/jobs",
            get(duplicates::api::jobs).post(duplicates::api::start_job),
        )
        .route("/api/v1/duplicates/{id}", get(duplicates::api::one))
        .route(
            "/api/v1/duplicates/{id}/merge",
            post(duplicates::api::merge),
        )
        .route(
            "/api/v1/duplicates/{id}/dismiss",
            post(duplicates::api::dismiss),
        )
        .route("/api/v1/merges/{id}/undo", post(duplicates::api::undo))
        .route("/people/duplicates", get(duplicates::pages::queue))
        .route("/people/duplicates/{id}", get(duplicates::pages::review))
        .route(
            "/people/duplicates/jobs",
            post(duplicates::pages::start_job),
        )
        .route(
            "/people/duplicates/{id}/merge",
            post(duplicates::pages::merge),
        )
        .route(
            "/people/duplicates/{id}/dismiss",
            post(duplicates::pages::dismiss),
        )
        .route("/people/merges/{id}/undo", post(duplicates::pages::undo))
        .route("/cases/{id}/people", post(pages::add))
        .route("/people", get(list::list))
        .route("/people/{id}", get(pages::show))
        .route(
            "/search",
            get(search::pages::show).post(search::pages::submit),
        )
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        search::api::search,
        duplicates::api::queue,
        duplicates::api::jobs,
        duplicates::api::start_job,
        duplicates::api::one,
        duplicates::api::merge,
        duplicates::api::dismiss,
        duplicates::api::undo
    ),
    components(schemas(
        duplicates::api::DuplicateQueueJson,
        duplicates::api::QueueEntryJson,
        duplicates::api::CandidatePairJson,
        duplicates::api::MergeJson,
        duplicates::api::DedupeJobJson,
        search::api::SearchJson,
        search::api::SearchResultJson,
        search::api::SearchHitJson,
        search::api::SearchCaseJson,
        search::api::DuplicateJson
    ))
)]
struct Doc;

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    Doc::openapi()
}
