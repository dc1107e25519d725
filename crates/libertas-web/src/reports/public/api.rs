//! `POST /api/v1/public/reports` and `POST /api/v1/public/followup`: no account, no metadata.

use crate::http::client_addr;
use crate::http::input::given;
use crate::http::schema;
use crate::http::ApiError;
use crate::json::ApiJson;
use crate::limits::Limit;
use crate::reports::receiving_org;
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::reports::{RawReport, ReportInput};
use libertas_domain::text::clean_text;
use serde::Deserialize;
use std::net::SocketAddr;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;

/// A public report. Only `narrative` is required; blank optional text counts as not given.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PublicReportJson {
    /// What happened (up to 20,000 characters).
    #[schema(schema_with = schema::lines::<1, 20_000>)]
    pub narrative: String,
    /// Where (up to 500 characters).
    #[schema(schema_with = schema::blank_or_lines::<1, 500>)]
    pub location: Option<String>,
    /// When (up to 200 characters).
    #[schema(schema_with = schema::blank_or_lines::<1, 200>)]
    pub when: Option<String>,
    /// The people involved, as the reporter describes them (up to 5,000 characters).
    #[schema(schema_with = schema::blank_or_lines::<1, 5_000>)]
    pub people: Option<String>,
    /// Someone is in danger now: call the emergency number first.
    pub in_danger_now: Option<bool>,
    /// Up to 50 phone numbers, e-mail addresses, websites or social accounts, vehicle plates,
    /// addresses, as plain strings of up to 300 characters; their type is inferred (blank ones
    /// are skipped).
    #[schema(schema_with = schema::blank_or_line_items::<50, 300>)]
    pub identifiers: Option<Vec<String>>,
    /// How to reach the reporter, if they want to be reached (up to 500 characters).
    #[schema(schema_with = schema::blank_or_lines::<1, 500>)]
    pub contact: Option<String>,
    /// Whether contacting the reporter is safe.
    pub safe_to_contact: Option<bool>,
    /// The safe channel and times (up to 500 characters).
    #[schema(schema_with = schema::blank_or_lines::<1, 500>)]
    pub contact_safety: Option<String>,
    /// The language of the report: two to eight letters or hyphens (`en`, `ro`, `pt-BR`).
    #[schema(schema_with = language_schema)]
    pub language: Option<String>,
    /// A proof-of-work challenge from the report page (optional: the JSON API's own limit
    /// needs none).
    #[schema(schema_with = challenge_schema)]
    pub pow_challenge: Option<String>,
    /// The nonce that solves `pow_challenge`: 1 to 32 visible ASCII characters.
    #[schema(schema_with = nonce_schema)]
    pub pow_nonce: Option<String>,
}

/// A language code as `ReportInput::parse` takes it, or blank or `null`.
pub(crate) fn language_schema() -> RefOr<Schema> {
    schema::blank_or(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^[A-Za-z-]{2,8}$")),
    )
}

/// The shape of a challenge the limiter issues (nonce, expiry, tag) and of a nonce; checked by
/// [`check_stamp_fields`].
const CHALLENGE: &str = "^[0-9A-Fa-f]{32}\\.[0-9]{1,19}\\.[0-9A-Fa-f]{32}$";
const NONCE: &str = "^[!-~]{1,32}$";

fn challenge_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(CHALLENGE))
        .into()
}

fn nonce_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(NONCE))
        .into()
}

/// A stamp field of the wrong shape is refused naming it (one of the right shape that does
/// not verify is only not counted).
fn check_stamp_fields(body: &PublicReportJson) -> Result<(), ApiError> {
    let hex32 = |s: &str| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let challenge_ok = |c: &str| {
        let parts: Vec<&str> = c.split('.').collect();
        matches!(parts.as_slice(), [n, exp, tag]
            if hex32(n) && hex32(tag) && (1..=19).contains(&exp.len())
                && exp.bytes().all(|b| b.is_ascii_digit()))
    };
    let nonce_ok = |n: &str| (1..=32).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_graphic());
    if body
        .pow_challenge
        .as_deref()
        .is_some_and(|c| !challenge_ok(c))
    {
        return Err(ApiError::invalid(
            "pow_challenge",
            "must be a challenge issued by the report page",
        ));
    }
    if body.pow_nonce.as_deref().is_some_and(|n| !nonce_ok(n)) {
        return Err(ApiError::invalid(
            "pow_nonce",
            "must be 1 to 32 visible ASCII characters",
        ));
    }
    Ok(())
}

impl PublicReportJson {
    pub fn input(&self) -> Result<ReportInput, libertas_domain::FieldError> {
        ReportInput::parse(&RawReport {
            narrative: &self.narrative,
            location: self.location.as_deref(),
            when: self.when.as_deref(),
            people: self.people.as_deref(),
            in_danger_now: self.in_danger_now.unwrap_or(false),
            identifiers: self.identifiers.as_deref().unwrap_or_default(),
            contact: self.contact.as_deref(),
            safe_to_contact: self.safe_to_contact,
            contact_safety: self.contact_safety.as_deref(),
            language: self.language.as_deref(),
        })
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
    check_stamp_fields(&body)?;
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
    /// The receipt given when the report was made (letters and digits; spaces, hyphens and
    /// other separators are ignored; at most 100 characters).
    #[schema(schema_with = schema::line::<1, 100>)]
    pub receipt: String,
    /// An answer to the organisation's questions (optional; up to 10,000 characters).
    #[schema(schema_with = schema::blank_or_lines::<1, 10_000>)]
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
    let receipt = clean_text("receipt", &body.receipt, 1, 100, false)?;
    let answer = given(&body.answer)
        .map(|a| clean_text("answer", a, 1, 10_000, true))
        .transpose()?;
    let addr = client_addr(&state, peer, &headers);
    match state.store.follow_up(&receipt, answer.as_deref()).await? {
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
