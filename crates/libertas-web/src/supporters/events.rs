//! `POST /api/v1/public/mail-events`: the mail provider reports hard bounces and complaints,
//! which suppress the address (`libertas-store/src/supporters/suppress.rs`, docs/supporters.md).
//!
//! No account: the request is authorised by its signature. The provider (or the small relay
//! that turns its own webhook format into this one) signs each request with the secret shared
//! in `libertas.toml` (`[mail] webhook_secret`): header
//! `Libertas-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." followed by the body>`.
//! A signature more than five minutes away from the server's clock is refused, so a captured
//! request cannot be replayed later; within those minutes a replay changes nothing, because
//! every event is applied once by its id. Without a configured secret a signed request answers
//! 404 (an unsigned one 401, as always).

use crate::http::ApiError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use libertas_domain::people::Email;
use libertas_store::supporters::suppress::{SuppressReason, Suppression};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A report of bounces and complaints.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailEventsJson {
    /// 1 to 1,000 events.
    #[schema(min_items = 1, max_items = 1000)]
    pub events: Vec<MailEventJson>,
}

/// One bounce or complaint.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailEventJson {
    /// The provider's id of the event (1 to 200 visible ASCII characters): an event already
    /// applied changes nothing.
    #[schema(pattern = "^[!-~]{1,200}$")]
    pub id: String,
    /// `hard_bounce` (the mailbox does not exist) or `complaint` (marked as spam). Soft
    /// bounces are not reported here: the outbox retries them.
    #[serde(rename = "type")]
    pub kind: MailEventKind,
    /// The recipient's address (up to 254 characters).
    #[schema(schema_with = crate::http::schema::email)]
    pub email: String,
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum MailEventKind {
    HardBounce,
    Complaint,
}

/// What the report did.
#[derive(Serialize, ToSchema)]
pub struct MailEventsOutcome {
    /// Addresses newly suppressed.
    pub suppressed: u64,
    /// Events applied before, or addresses already suppressed.
    pub already: u64,
    /// Queued messages cancelled.
    pub cancelled: u64,
}

#[utoipa::path(post, path = "/api/v1/public/mail-events", tag = "public", request_body = MailEventsJson,
    params(("Libertas-Signature" = String, Header,
        description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.\" and the body>` under the secret of `[mail] webhook_secret`")),
    responses((status = 200, body = MailEventsOutcome),
              (status = 400, description = "a malformed body, or an address that is not one (`field`: `events[i].email`)"),
              (status = 401, description = "no signature, a signature that does not match, or one more than five minutes from the server's clock"),
              (status = 404, description = "no webhook secret is configured (a request without a signature is 401 all the same)"),
              (status = 413), (status = 415)))]
#[tracing::instrument(skip_all)]
pub async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<MailEventsOutcome>, ApiError> {
    crate::webhook_signature::check(
        "mail-events",
        state.config.mail_events_secret.as_ref(),
        &headers,
        &body,
    )?;
    if !crate::json::is_json(&headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let report: MailEventsJson = crate::json::parse(&body)?;
    if report.events.is_empty() || report.events.len() > 1000 {
        return Err(ApiError::invalid("events", "must hold 1 to 1,000 events"));
    }
    let mut rows = Vec::with_capacity(report.events.len());
    for (i, e) in report.events.into_iter().enumerate() {
        if e.id.is_empty() || e.id.len() > 200 || !e.id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ApiError::invalid(
                format!("events[{i}].id"),
                "must be 1 to 200 visible ASCII characters",
            ));
        }
        let email = Email::parse(&e.email)
            .map_err(|f| ApiError::invalid(format!("events[{i}].email"), f.message))?;
        rows.push(Suppression {
            event_id: Some(e.id),
            email,
            reason: match e.kind {
                MailEventKind::HardBounce => SuppressReason::HardBounce,
                MailEventKind::Complaint => SuppressReason::Complaint,
            },
        });
    }
    let out = state.store.supporter_suppress_reported(&rows).await?;
    Ok(Json(MailEventsOutcome {
        suppressed: out.suppressed,
        already: out.already,
        cancelled: out.cancelled,
    }))
}
