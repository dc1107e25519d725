//! `GET /api/v1/indicators?from=YYYY-MM-DD&to=YYYY-MM-DD&scope=organisation|network`.

use crate::auth::ApiPrincipal;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::stats::{Period, Scope};
use serde::Deserialize;
use time::OffsetDateTime;
use utoipa::IntoParams;

/// The period and scope asked for.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct IndicatorQuery {
    /// First day, `YYYY-MM-DD` (default: a year before `to`).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (default: today).
    pub to: Option<String>,
    /// `organisation` (default) or `network` (every organisation; small counts hidden).
    pub scope: Option<String>,
}

impl IndicatorQuery {
    pub fn parse(&self) -> Result<(Period, Scope), ApiError> {
        let today = OffsetDateTime::now_utc().date();
        let period = Period::parse(self.from.as_deref(), self.to.as_deref(), today)?;
        let scope = Scope::parse(self.scope.as_deref())?;
        Ok((period, scope))
    }
}

/// Justice indicators for a period: cases by stage, victims identified and brought to safety,
/// assistance rate, charges, verdicts and conviction rate, median durations, sentence
/// lengths, training reach.
#[utoipa::path(get, path = "/api/v1/indicators", tag = "stats",
    params(IndicatorQuery),
    responses((status = 200, description = "The indicators. Every count is a number, or the string \"<5\" where it is hidden from this reader (analysts and trainers, and everyone looking at the network); rates and medians are null where they would give a hidden count away."), (status = 400), (status = 401)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn indicators(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    q: Result<Query<IndicatorQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q.map_err(|e| ApiError::invalid("query", e.body_text()))?;
    let (period, scope) = q.parse()?;
    let figures = state
        .store
        .indicators(&p, period, scope, "api: read the indicators")
        .await?;
    Ok(Json(figures).into_response())
}
