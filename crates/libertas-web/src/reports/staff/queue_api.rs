//! `GET /api/v1/reports`: one page of the queue, read with the same filters as the page
//! (`filter`), and the shape of its JSON in the OpenAPI document. The store's `ReportSummary`
//! is what is sent; the types below only describe it (the store crate knows nothing of
//! OpenAPI), and the `openapi` test suite checks that answers match them.

use crate::http::{ApiError, ApiPrincipal, ApiQuery};
use crate::reports::staff::filter;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::reports::Channel;
use serde::Deserialize;
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// Include referred, closed and case-opened reports (the same as `status=all`).
    all: Option<bool>,
    /// `open` (new or screened, the default), `all`, or one status.
    #[param(schema_with = status_param)]
    status: Option<String>,
    /// A screening verdict, or `unscreened`.
    #[param(schema_with = verdict_param)]
    verdict: Option<String>,
    /// `true`: only urgent reports.
    #[param(schema_with = urgent_param)]
    urgent: Option<String>,
    /// `true`: only reports whose newest message is from the reporter (waiting for an answer).
    #[param(schema_with = urgent_param)]
    unanswered: Option<String>,
    /// `me` (held by the caller), `nobody`, or `anyone` (the default).
    #[param(schema_with = assignee_param)]
    assignee: Option<String>,
    /// Where the reports came from.
    #[param(schema_with = channel_param)]
    channel: Option<String>,
    /// `urgent` (urgent first, then the longest waiting: the default of the open reports),
    /// `oldest`, or `newest` (the default of any other status).
    #[param(schema_with = sort_param)]
    sort: Option<String>,
    /// The page, 50 reports each (default 1).
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u32>,
}

fn status_param() -> RefOr<Schema> {
    filter::blank_or(&filter::STATUSES)
}
fn verdict_param() -> RefOr<Schema> {
    filter::blank_or(&filter::VERDICTS)
}
fn urgent_param() -> RefOr<Schema> {
    filter::blank_or(&["true", "false"])
}
fn assignee_param() -> RefOr<Schema> {
    filter::blank_or(&filter::ASSIGNEES)
}
fn sort_param() -> RefOr<Schema> {
    filter::blank_or(&filter::SORTS)
}
fn channel_param() -> RefOr<Schema> {
    let codes: Vec<&str> = std::iter::once(Channel::Public)
        .chain(Channel::OPERATOR)
        .map(Channel::as_str)
        .collect();
    filter::blank_or(&codes)
}

/// One page of the queue: reports of the caller's organisation, open ones by default, urgent
/// first then the longest waiting, 50 a page, with the count of all that match. No free text.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", params(QueueQuery),
    responses((status = 200, body = QueueJson, description = "one page of the queue"), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn queue(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> Result<Response, ApiError> {
    let view = filter::QueueView {
        status: q
            .status
            .or_else(|| (q.all == Some(true)).then(|| "all".to_owned())),
        verdict: q.verdict,
        urgent: q.urgent,
        unanswered: q.unanswered,
        assignee: q.assignee,
        channel: q.channel,
        sort: q.sort,
        page: q.page.map(|p| p.to_string()),
    };
    let f = view.filter().map_err(|errors| {
        let field = errors.first().map(|e| e.field).unwrap_or("query");
        ApiError::invalid(field, "not one of the listed values")
    })?;
    let found = state.store.report_queue(&p, &f).await?;
    let urgent = state.store.urgent_waiting(&p).await?;
    Ok(Json(serde_json::json!({
        "reports": found.reports,
        "total": found.total,
        "page": f.page,
        "per_page": libertas_store::reports::QUEUE_PAGE,
        "urgent_waiting": urgent,
    }))
    .into_response())
}

/// A report in the queue: no free text.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ReportSummaryJson {
    /// The report's id (a UUID): the API's and every link's.
    pub id: uuid::Uuid,
    /// The short report number people read aloud: `R-`, the year it came in, the count.
    #[schema(pattern = r"^R-[0-9]{4}-[0-9]{5,12}$")]
    pub number: String,
    /// `public`, `phone`, `email`, `sms`, `walk_in` or `web`.
    pub channel: String,
    /// `new`, `screened`, `referred`, `case_opened` or `closed`.
    pub status: String,
    /// Urgent: the reporter's "in danger now" until a person screens it, then the screening's.
    pub urgent: bool,
    /// What the reporter said; stays recorded whatever the screening found.
    pub in_danger_now: bool,
    pub verdict: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub unanswered_reporter_messages: i64,
    /// The username of the operator holding the report, or null.
    pub assignee: Option<String>,
    pub assigned_at: Option<String>,
}

/// One page of the queue.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct QueueJson {
    pub reports: Vec<ReportSummaryJson>,
    /// How many reports match the filters, on every page.
    pub total: i64,
    pub page: u32,
    /// Always 50.
    pub per_page: u32,
    /// Urgent open reports of the organisation, whatever the filters.
    pub urgent_waiting: i64,
}
