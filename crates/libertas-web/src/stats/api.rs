//! `GET /api/v1/indicators?from=YYYY-MM-DD&to=YYYY-MM-DD&scope=organisation|network`.

use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::http::{schema, ApiQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::stats::{Period, Scope};
use serde::Deserialize;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::IntoParams;

/// The period and scope asked for; blank counts as not given.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct IndicatorQuery {
    /// First day, `YYYY-MM-DD` (default: a year before `to`). Ignored for protected readers,
    /// who get the calendar quarter holding `to`.
    #[param(schema_with = schema::blank_or_date)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, not before `from` (default: today). Protected readers get the
    /// published calendar quarter holding it, or the latest published before it.
    #[param(schema_with = schema::blank_or_date)]
    pub to: Option<String>,
    /// `organisation` (default) or `network` (every organisation; always protected).
    #[param(schema_with = scope_schema)]
    pub scope: Option<String>,
}

fn scope_schema() -> RefOr<Schema> {
    schema::blank_or(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["organisation", "network"])),
    )
}

impl IndicatorQuery {
    pub fn parse(&self) -> Result<(Period, Scope), ApiError> {
        let today = crate::http::clock::now().date();
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
    responses(
        (status = 200, description = "The indicators. Case workers looking at their own organisation get exact figures for the days asked. Everyone else (analysts, trainers, and everyone looking at the network) gets `protected: true` and the figures of one published calendar quarter (`quarter`, `published_at`; `from`/`to` are its first and last day), protected as one table: a count is a number, or null where it is hidden (counts from 1 to 4, and any figure that would let one — or another hidden figure — be worked out from what is printed, by this reader or any other); rates are null unless their part and whole are printed; `median` is null and `band` (the band holding the median) is set only when every band is printed. A published quarter never changes."),
        (status = 400, description = "A malformed date (`from`, `to`), `to` before `from`, an unknown `scope` or an unknown parameter; `field` names it."),
        (status = 401, description = "No valid session or token."),
        (status = 403)
    ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn indicators(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<IndicatorQuery>,
) -> Result<Response, ApiError> {
    let (period, scope) = q.parse()?;
    let today = crate::http::clock::now().date();
    let figures = state
        .store
        .indicators(&p, period, scope, today, "api: read the indicators")
        .await?;
    Ok(Json(figures).into_response())
}
