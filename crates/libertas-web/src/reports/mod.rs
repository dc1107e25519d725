//! Reports: the anonymous public side (form, JSON API, follow-up with the receipt), the
//! screening computation, and the helpline's queue, intake and triage.

pub(crate) mod public_api;
mod public_pages;
mod receipt_page;
mod report_page;
pub(crate) mod screening;
pub(crate) mod staff_api;
mod staff_pages;
mod triage_pages;

use crate::http::ApiError;
use crate::http::{get, post, Routes};
use crate::state::AppState;
use axum::http::HeaderMap;
use libertas_domain::ids::{OrgId, ReportId};
use std::net::{IpAddr, SocketAddr};

pub fn router() -> Routes {
    Routes::new()
        .route("/api/v1/public/reports", post(public_api::submit))
        .route("/api/v1/public/followup", post(public_api::follow_up))
        .route("/api/v1/screenings", post(screening::compute))
        .route(
            "/api/v1/reports",
            get(staff_api::queue).post(staff_api::intake),
        )
        .route("/api/v1/reports/lookup", post(staff_api::lookup))
        .route("/api/v1/reports/{id}", get(staff_api::get_one))
        .route(
            "/api/v1/reports/{id}/screening",
            post(staff_api::save_screening),
        )
        .route("/api/v1/reports/{id}/messages", post(staff_api::ask))
        .route("/api/v1/reports/{id}/status", post(staff_api::set_status))
        .route("/api/v1/reports/{id}/case", post(staff_api::open_case))
        .route(
            "/report",
            get(public_pages::form).post(public_pages::submit),
        )
        .route(receipt_page::RECEIPT_PATH, get(receipt_page::show))
        .route(
            "/report/followup",
            get(public_pages::followup_form).post(public_pages::followup),
        )
        .route("/static/pow.js", get(public_pages::pow_js))
        .route("/reports", get(staff_pages::queue))
        .route(
            "/reports/new",
            get(staff_pages::intake_form).post(staff_pages::intake),
        )
        .route("/reports/lookup", post(staff_pages::lookup))
        .route("/reports/{id}", get(report_page::show))
        .route("/reports/{id}/screening", post(triage_pages::screen))
        .route("/reports/{id}/messages", post(triage_pages::ask))
        .route("/reports/{id}/status", post(triage_pages::set_status))
        .route("/reports/{id}/case", post(triage_pages::open_case))
}

pub fn report_id(raw: &str) -> Result<ReportId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be a report id (a UUID)"))
}

/// The client's address, for rate limiting only (never stored or logged): the peer, or the
/// last address a trusted proxy forwarded for.
pub fn client_addr(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let peer = peer.ip();
    if !state.config.trusted_proxies.contains(&peer) {
        return peer;
    }
    headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',')
                .rev()
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .find(|a| !state.config.trusted_proxies.contains(a))
        })
        .unwrap_or(peer)
}

/// The organisation that receives public reports.
pub async fn receiving_org(state: &AppState) -> Result<OrgId, ApiError> {
    state
        .store
        .public_reports_org(state.config.public_reports_org.as_deref())
        .await?
        .ok_or_else(|| ApiError::Internal("no organisation receives public reports yet".into()))
}
