//! `POST /api/v1/public/reports` and `POST /api/v1/public/followup`: no account, no metadata.

use super::{client_addr, receiving_org};
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::limits::Limit;
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::reports::ReportInput;
use serde::Deserialize;
use std::net::SocketAddr;
use utoipa::ToSchema;

/// A public report. Only `narrative` is required.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PublicReportJson {
    /// What happened (up to 20,000 characters).
    pub narrative: String,
    /// Where.
    pub location: Option<String>,
    /// When.
    pub when: Option<String>,
    /// The people involved, as the reporter describes them.
    pub people: Option<String>,
    /// Someone is in danger now: call the emergency number first.
    pub in_danger_now: Option<bool>,
    /// Phone numbers, e-mail addresses, websites or social accounts, vehicle plates,
    /// addresses, as plain strings; their type is inferred.
    pub identifiers: Option<Vec<String>>,
    /// How to reach the reporter, if they want to be reached.
    pub contact: Option<String>,
    /// Whether contacting the reporter is safe.
    pub safe_to_contact: Option<bool>,
    /// The safe channel and times.
    pub contact_safety: Option<String>,
    /// The language of the report, e.g. `en` or `ro`.
    pub language: Option<String>,
    /// A proof-of-work stamp (optional: it raises the client's limit).
    pub pow_challenge: Option<String>,
    pub pow_nonce: Option<String>,
}

impl PublicReportJson {
    pub fn input(&self) -> Result<ReportInput, libertas_domain::FieldError> {
        ReportInput::parse(
            &self.narrative,
            self.location.as_deref(),
            self.when.as_deref(),
            self.people.as_deref(),
            self.in_danger_now.unwrap_or(false),
            self.identifiers.as_deref().unwrap_or_default(),
            self.contact.as_deref(),
            self.safe_to_contact,
            self.contact_safety.as_deref(),
            self.language.as_deref(),
        )
    }
}

/// Accepts a report and returns its receipt (shown once: keep it to read questions and answer).
#[utoipa::path(post, path = "/api/v1/public/reports", tag = "public", request_body = PublicReportJson,
    responses((status = 201, description = "`{\"receipt\": \"…\", \"in_danger_now\": bool, \"emergency_number\": \"…\"}`"),
              (status = 400), (status = 413), (status = 415),
              (status = 429, description = "more than 20 reports at once or 15 a minute from this client (an IPv4 address or an IPv6 /64); `Retry-After` says when to try again")))]
#[tracing::instrument(skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PublicReportJson>,
) -> Result<Response, ApiError> {
    let addr = client_addr(&state, peer, &headers);
    let stamped = match (&body.pow_challenge, &body.pow_nonce) {
        (Some(c), Some(n)) => state.limiter.verify_stamp(c, n),
        _ => false,
    };
    let _ = stamped; // The JSON API's limit already allows ten reports a minute without a stamp.
    state.limiter.check(Limit::Report, addr).map_err(too_many)?;
    let input = body.input()?;
    let org = receiving_org(&state).await?;
    let _permit = state
        .public_writes
        .acquire()
        .await
        .map_err(|_| ApiError::Internal("shutting down".into()))?;
    let done = state
        .store
        .submit_public_report(org, &input, state.config.default_region)
        .await?;
    if done.urgent {
        crate::alerts::urgent_report(&state, done.id, org);
    }
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({
            "receipt": done.receipt,
            "in_danger_now": input.in_danger_now,
            "emergency_number": state.config.emergency_number,
        })),
    )
        .into_response())
}

pub fn too_many(retry_after: u64) -> ApiError {
    ApiError::TooManyRequests(retry_after)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpJson {
    /// The receipt given when the report was made.
    pub receipt: String,
    /// An answer to the organisation's questions (optional).
    pub answer: Option<String>,
}

/// The report's public status and the thread of questions and answers. A right receipt always
/// works, whatever the client's address did before; wrong receipts count against the client's
/// budget (20 within about ten minutes, an IPv6 /64 being one client), answers against the
/// receipt's (10 an hour).
#[utoipa::path(post, path = "/api/v1/public/followup", tag = "public", request_body = FollowUpJson,
    responses((status = 200, description = "`{\"status\", \"messages\": [{\"from\", \"text\", \"at\"}]}`"),
              (status = 400, description = "a malformed body, or an empty or over-long answer (`field`: `answer`)"),
              (status = 404, description = "no report matches this receipt"),
              (status = 413), (status = 415),
              (status = 429, description = "too many wrong receipts from this client, or more than 10 answers within an hour with this receipt; `Retry-After` says when to try again")))]
#[tracing::instrument(skip_all)]
pub async fn follow_up(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<FollowUpJson>,
) -> Result<Response, ApiError> {
    let addr = client_addr(&state, peer, &headers);
    match state
        .store
        .follow_up(&body.receipt, body.answer.as_deref())
        .await?
    {
        Some(f) => Ok(Json(f).into_response()),
        None => {
            state
                .limiter
                .check(Limit::WrongReceipt, addr)
                .map_err(too_many)?;
            Err(ApiError::NotFound)
        }
    }
}
