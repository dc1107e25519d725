//! Reports: the anonymous public side (form, JSON API, follow-up with the receipt), the
//! screening computation, and the helpline's queue, intake and triage.

pub(crate) mod public;
pub(crate) mod screening;
pub(crate) mod staff;

use crate::http::ApiError;
use crate::http::{get, post, Routes};
use crate::state::AppState;
use libertas_domain::ids::{OrgId, ReportId};

pub fn router() -> Routes {
    Routes::new()
        .route("/api/v1/public/reports", post(public::api::submit))
        .route("/api/v1/public/followup", post(public::api::follow_up))
        .route("/api/v1/screenings", post(screening::compute))
        .route(
            "/api/v1/reports",
            get(staff::queue_api::queue).post(staff::api::intake),
        )
        .route("/api/v1/reports/lookup", post(staff::api::lookup))
        .route("/api/v1/reports/{id}", get(staff::api::get_one))
        .route(
            "/api/v1/reports/{id}/screening",
            post(staff::api::save_screening),
        )
        .route("/api/v1/reports/{id}/messages", post(staff::api::ask))
        .route("/api/v1/reports/{id}/status", post(staff::api::set_status))
        .route("/api/v1/reports/{id}/case", post(staff::api::open_case))
        .route("/api/v1/reports/{id}/assignee", post(staff::assignee::api))
        .route(
            "/report",
            get(public::pages::form).post(public::pages::submit),
        )
        .route(public::receipt::RECEIPT_PATH, get(public::receipt::show))
        .route(
            "/report/followup",
            get(public::followup::followup_form).post(public::followup::followup),
        )
        .route("/static/pow.js", get(public::pages::pow_js))
        .route("/reports", get(staff::queue::queue))
        .route("/reports/find", get(staff::queue::find))
        .route(
            "/reports/new",
            get(staff::pages::intake_form).post(staff::pages::intake),
        )
        .route("/reports/lookup", post(staff::pages::lookup))
        .route("/reports/{id}", get(staff::report::show))
        .route("/reports/{id}/screening", post(staff::triage::screen))
        .route("/reports/{id}/messages", post(staff::triage::ask))
        .route("/reports/{id}/status", post(staff::triage::set_status))
        .route("/reports/{id}/case", post(staff::triage::open_case))
        .route("/reports/{id}/assignee", post(staff::assignee::set))
}

pub fn report_id(raw: &str) -> Result<ReportId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be a report id (a UUID)"))
}

/// The organisation that receives public reports.
pub async fn receiving_org(state: &AppState) -> Result<OrgId, ApiError> {
    state
        .store
        .public_reports_org(state.config.public_reports_org.as_deref())
        .await?
        .ok_or_else(|| ApiError::Internal("no organisation receives public reports yet".into()))
}
