//! The `justice` feature's routes (see the domain and store modules of the same name):
//! evidence files with their chain of custody; suspects and their roles; proceedings
//! (charges, hearings, verdicts, sentences); the case timeline; the evidence and hearings
//! lists across my cases.

pub(crate) mod evidence;
pub(crate) mod lists;
pub(crate) mod proceedings;

use crate::http::ApiError;
use crate::http::{get, post, put, Routes};
use libertas_domain::justice::evidence::EvidenceId;

/// The routes. The two upload routes lift the global body limit (`max_body_bytes`, far too
/// small for files): [`evidence::upload::receive`] enforces `max_evidence_bytes` on the file and small
/// caps on every other field and on the number of fields while it streams.
pub fn router() -> Routes {
    Routes::new()
        .route(
            "/api/v1/cases/{id}/evidence",
            get(evidence::api::list)
                .post(evidence::api::upload)
                .without_body_limit(),
        )
        .route(
            "/api/v1/cases/{id}/evidence/{eid}",
            get(evidence::api::get_one),
        )
        .route(
            "/api/v1/cases/{id}/evidence/{eid}/file",
            get(evidence::api::download),
        )
        .route(
            "/api/v1/cases/{id}/evidence/{eid}/verify",
            post(evidence::api::verify),
        )
        .route(
            "/api/v1/cases/{id}/evidence/{eid}/custody",
            get(evidence::custody_api::list).post(evidence::custody_api::add),
        )
        .route(
            "/cases/{id}/evidence",
            get(evidence::pages::page)
                .post(evidence::pages::upload)
                .without_body_limit(),
        )
        .route(
            "/cases/{id}/evidence/{eid}/custody",
            post(evidence::pages::add_custody),
        )
        .route(
            "/cases/{id}/evidence/{eid}/verify",
            post(evidence::pages::verify),
        )
        .route("/evidence", get(lists::evidence))
        .route("/hearings", get(lists::hearings))
        .merge(proceedings_router())
}

/// Suspects, proceedings and the timeline: JSON API and pages.
fn proceedings_router() -> Routes {
    Routes::new()
        .route(
            "/api/v1/cases/{id}/suspects",
            get(proceedings::suspects_api::list),
        )
        .route(
            "/api/v1/cases/{id}/suspects/{person_id}/roles",
            put(proceedings::suspects_api::set_roles),
        )
        .route(
            "/api/v1/cases/{id}/charges",
            get(proceedings::charges_api::list_charges).post(proceedings::charges_api::add_charge),
        )
        .route(
            "/api/v1/cases/{id}/hearings",
            get(proceedings::charges_api::list_case_hearings)
                .post(proceedings::charges_api::add_case_hearing),
        )
        .route(
            "/api/v1/charges/{id}/hearings",
            get(proceedings::charges_api::list_charge_hearings)
                .post(proceedings::charges_api::add_charge_hearing),
        )
        .route(
            "/api/v1/charges/{id}/verdicts",
            get(proceedings::verdicts_api::list_verdicts)
                .post(proceedings::verdicts_api::add_verdict),
        )
        .route(
            "/api/v1/verdicts/{id}/sentences",
            get(proceedings::verdicts_api::list_sentences)
                .post(proceedings::verdicts_api::add_sentence),
        )
        .route(
            "/api/v1/cases/{id}/timeline",
            get(proceedings::timeline::api),
        )
        .route("/cases/{id}/proceedings", get(proceedings::pages::page))
        .route(
            "/cases/{id}/suspects/{person_id}/roles",
            post(proceedings::forms::roles),
        )
        .route("/cases/{id}/charges", post(proceedings::forms::charge))
        .route(
            "/cases/{id}/hearings",
            post(proceedings::forms::case_hearing),
        )
        .route(
            "/cases/{id}/charges/{charge}/hearings",
            post(proceedings::forms::hearing),
        )
        .route(
            "/cases/{id}/charges/{charge}/verdict",
            post(proceedings::forms::verdict),
        )
        .route(
            "/cases/{id}/verdicts/{verdict}/sentence",
            post(proceedings::forms::sentence),
        )
        .route("/cases/{id}/timeline", get(proceedings::timeline::page))
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
        proceedings::suspects_api::list,
        proceedings::suspects_api::set_roles,
        proceedings::charges_api::add_charge,
        proceedings::charges_api::list_charges,
        proceedings::charges_api::add_case_hearing,
        proceedings::charges_api::list_case_hearings,
        proceedings::charges_api::add_charge_hearing,
        proceedings::charges_api::list_charge_hearings,
        proceedings::verdicts_api::add_verdict,
        proceedings::verdicts_api::list_verdicts,
        proceedings::verdicts_api::add_sentence,
        proceedings::verdicts_api::list_sentences,
        proceedings::timeline::api,
    ),
    components(schemas(
        proceedings::suspects_api::SuspectJson,
        proceedings::suspects_api::RolesJson,
        proceedings::charges_api::ChargeJson,
        proceedings::charges_api::NewChargeJson,
        proceedings::charges_api::HearingJson,
        proceedings::charges_api::NewHearingJson,
        proceedings::verdicts_api::VerdictJson,
        proceedings::verdicts_api::NewVerdictJson,
        proceedings::verdicts_api::SentenceJson,
        proceedings::verdicts_api::NewSentenceJson,
        proceedings::verdicts_api::RestitutionJson,
        proceedings::verdicts_api::NewRestitutionJson,
        proceedings::timeline::TimelineEntryJson,
    ))
)]
struct Doc;

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    <Doc as utoipa::OpenApi>::openapi()
}
