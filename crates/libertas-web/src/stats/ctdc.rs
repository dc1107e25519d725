//! `GET /api/v1/exports/ctdc?k=N`: the organisation's identified victims in the CTDC layout,
//! k-anonymised, as a CSV attachment (`docs/statistics.md`, "The CTDC export"). The store
//! decides who may ask (admins and analysts, their own organisation), builds the file and
//! audits it; this handler only reads `k` and sets the headers.

use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::http::ApiQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use libertas_domain::stats::ctdc::{ExportK, MAX_K, MIN_K};
use serde::Deserialize;

/// The export's one parameter.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CtdcQuery {
    /// Every combination of year, gender, age band, citizenship and country of exploitation
    /// in the file appears at least `k` times: 2 to 1000 (default 10, for data that may
    /// include children).
    #[param(minimum = 2, maximum = 1000)]
    k: Option<i64>,
}

impl CtdcQuery {
    fn k(&self) -> Result<ExportK, ApiError> {
        let k = match self.k {
            None => None,
            Some(n) => Some(u32::try_from(n).map_err(|_| invalid_k())?),
        };
        ExportK::parse(k).map_err(|_| invalid_k())
    }
}

fn invalid_k() -> ApiError {
    ApiError::invalid(
        "k",
        format!("must be a whole number from {MIN_K} to {MAX_K}"),
    )
}

/// The organisation's identified victims in the CTDC global victim layout, de-identified:
/// no names, contacts or dates (ages in CTDC bands at registration, the year of
/// registration), k-anonymous over year, gender, age band, citizenship and country of
/// exploitation. Audited (`export.ctdc`).
#[utoipa::path(get, path = "/api/v1/exports/ctdc", tag = "stats",
    params(CtdcQuery),
    responses(
        (status = 200, description = "The CSV as an attachment (`Content-Disposition: attachment; filename=\"ctdc.csv\"`, `Cache-Control: no-store`): a header row of CTDC column names, then one row per victim kept. Quasi-identifiers are generalised (age bands to `0--17`/`18--29`/`30--47`/`48+` or `0--17`/`18+`, citizenship to its continent) and then blanked to `-99` or the row left out, until every combination appears at least `k` times; `-99` also means not recorded.", content_type = "text/csv", body = String),
        (status = 400, description = "`k` is not a whole number from 2 to 1000, or an unknown parameter; `field` names it."),
        (status = 401, description = "No valid session or token."),
        (status = 403, description = "The caller is neither an administrator nor an analyst.")
    ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn export_ctdc(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<CtdcQuery>,
) -> Result<Response, ApiError> {
    let k = q.k()?;
    let export = state
        .store
        .export_ctdc((&p).into(), p.org_id, k, &|_, _| {}, "api: export ctdc")
        .await?;
    let mut res = export.csv.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"ctdc.csv\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
