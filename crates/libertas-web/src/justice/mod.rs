//! The `justice` feature's routes (see the domain and store modules of the same name):
//! evidence files with their chain of custody; suspects and their roles; proceedings
//! (charges, hearings, verdicts, sentences); the case timeline.

pub(crate) mod charges_api;
pub(crate) mod custody_api;
pub(crate) mod evidence_api;
pub(crate) mod evidence_pages;
mod proceedings_forms;
mod proceedings_pages;
pub(crate) mod suspects_api;
pub(crate) mod timeline;
pub(crate) mod upload;
pub(crate) mod verdicts_api;

use crate::http::ApiError;
use crate::http::{get, post, put, Routes};
use libertas_domain::justice::evidence::EvidenceId;

/// The routes. The two upload routes lift the global body limit (`max_body_bytes`, far too
/// small for files): [`upload::receive`] enforces `max_evidence_bytes` on the file and small
/// caps on every other field and on the number of fields while it streams.
pub fn router() -> Routes {
    Routes::new()
        .route(
            "/api/v1/cases/{id}/evidence",
            get(evidence_api::list)
                .post(evidence_api::upload)
                .without_body_limit(),
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
                .without_body_limit(),
        )
        .route(
            "/cases/{id}/evidence/{eid}/custody",
            post(evidence_pages::add_custody),
        )
        .route(
            "/cases/{id}/evidence/{eid}/verify",
            post(evidence_pages::verify),
        )
        .merge(proceedings_router())
}

/// Suspects, proceedings and the timeline: JSON API and pages.
fn proceedings_router() -> Routes {
    Routes::new()
        .route("/api/v1/cases/{id}/suspects", get(suspects_api::list))
        .route(
            "/api/v1/cases/{id}/suspects/{person_id}/roles",
            put(suspects_api::set_roles),
        )
        .route(
            "/api/v1/cases/{id}/charges",
            get(charges_api::list_charges).post(charges_api::add_charge),
        )
        .route(
            "/api/v1/cases/{id}/hearings",
            get(charges_api::list_case_hearings).post(charges_api::add_case_hearing),
        )
        .route(
            "/api/v1/charges/{id}/hearings",
            get(charges_api::list_charge_hearings).post(charges_api::add_charge_hearing),
        )
        .route(
            "/api/v1/charges/{id}/verdicts",
            get(verdicts_api::list_verdicts).post(verdicts_api::add_verdict),
        )
        .route(
            "/api/v1/verdicts/{id}/sentences",
            get(verdicts_api::list_sentences).post(verdicts_api::add_sentence),
        )
        .route("/api/v1/cases/{id}/timeline", get(timeline::api))
        .route("/cases/{id}/proceedings", get(proceedings_pages::page))
        .route(
            "/cases/{id}/suspects/{person_id}/roles",
            post(proceedings_forms::roles),
        )
        .route("/cases/{id}/charges", post(proceedings_forms::charge))
        .route(
            "/cases/{id}/hearings",
            post(proceedings_forms::case_hearing),
        )
        .route(
            "/cases/{id}/charges/{charge}/hearings",
            post(proceedings_forms::hearing),
        )
        .route(
            "/cases/{id}/charges/{charge}/verdict",
            post(proceedings_forms::verdict),
        )
        .route(
            "/cases/{id}/verdicts/{verdict}/sentence",
            post(proceedings_forms::sentence),
        )
        .route("/cases/{id}/timeline", get(timeline::page))
}

/// Parses an evidence id from the path; a malformed id is a 400 naming `evidence_id`.
pub fn evidence_id(raw: &str) -> Result<EvidenceId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("evidence_id", "must be an evidence id (a UUID)"))
}

/// The proceedings routes' OpenAPI description (merged into the document by `openapi.rs`).
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        suspects_api::list,
        suspects_api::set_roles,
        charges_api::add_charge,
        charges_api::list_charges,
        charges_api::add_case_hearing,
        charges_api::list_case_hearings,
        charges_api::add_charge_hearing,
        charges_api::list_charge_hearings,
        verdicts_api::add_verdict,
        verdicts_api::list_verdicts,
        verdicts_api::add_sentence,
        verdicts_api::list_sentences,
        timeline::api,
    ),
    components(schemas(
        suspects_api::SuspectJson,
        suspects_api::RolesJson,
        charges_api::ChargeJson,
        charges_api::NewChargeJson,
        charges_api::HearingJson,
        charges_api::NewHearingJson,
        verdicts_api::VerdictJson,
        verdicts_api::NewVerdictJson,
        verdicts_api::SentenceJson,
        verdicts_api::NewSentenceJson,
        verdicts_api::RestitutionJson,
        verdicts_api::NewRestitutionJson,
        timeline::TimelineEntryJson,
    ))
)]
struct Doc;

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    <Doc as utoipa::OpenApi>::openapi()
}
