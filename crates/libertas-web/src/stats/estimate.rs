//! `POST /api/v1/estimates`, `GET /api/v1/estimates/{id}` and
//! `GET /api/v1/estimates/{id}/histories.csv`: the hidden-victim estimate from the
//! organisation's own lists (`docs/statistics.md`, "The hidden-victim estimate"). The store
//! decides who may run and read (admins and analysts, their own organisation), links the
//! people in memory and keeps only aggregates; these handlers only read the request and shape
//! the answer. A run is answered in the request (no job to poll); `benches/estimate.rs`
//! measures how long it takes (the target is 5 s at 10,000 people).

use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::stats::estimate::{
    EstimateId, EstimateMethod, EstimateRequest, ListSource, MIN_SOURCES,
};
use libertas_domain::stats::Period;
use libertas_store::stats::estimate::EstimateView;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;

/// What every estimate rests on, as codes (the pages print them in words).
pub const ASSUMPTIONS: [&str; 3] = [
    "closed_population",
    "linkage_correct",
    "dependence_modelled",
];

/// A request for an estimate over your organisation's lists.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEstimateJson {
    /// At least three different lists: `reports`, `identification`, `police`, `referrals`,
    /// `aftercare`.
    #[schema(schema_with = sources_schema)]
    pub sources: Vec<String>,
    /// First day, `YYYY-MM-DD` (default: a year before `to`).
    #[schema(schema_with = schema::blank_or_date)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, not before `from` (default: today).
    #[schema(schema_with = schema::blank_or_date)]
    pub to: Option<String>,
    /// `stepwise` (default), `bic` or `bma`.
    #[schema(schema_with = method_schema)]
    pub method: Option<String>,
    /// Seed of the linkage samples and the bootstrap (default 1); the same seed on the same
    /// data gives the same result. At most 2^53 − 1, so every JSON reader keeps it exact.
    #[schema(minimum = 0, maximum = 9007199254740991_i64)]
    pub seed: Option<i64>,
}

/// The largest seed: 2^53 − 1, the largest whole number every JSON reader keeps exact.
const MAX_SEED: u64 = (1 << 53) - 1;

fn sources_schema() -> RefOr<Schema> {
    let codes = ListSource::ALL.map(ListSource::as_str);
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(codes)),
        )
        .min_items(Some(MIN_SOURCES))
        .max_items(Some(codes.len()))
        .unique_items(true)
        .into()
}

fn method_schema() -> RefOr<Schema> {
    schema::blank_or(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["stepwise", "bic", "bma"])),
    )
}

impl NewEstimateJson {
    pub(super) fn parse(&self) -> Result<EstimateRequest, ApiError> {
        let today = crate::http::clock::now().date();
        let period = Period::parse(self.from.as_deref(), self.to.as_deref(), today)?;
        let method = EstimateMethod::parse(self.method.as_deref())?;
        let seed = match self.seed {
            None => 1,
            Some(s) => u64::try_from(s)
                .ok()
                .filter(|s| *s <= MAX_SEED)
                .ok_or_else(|| {
                    ApiError::invalid("seed", "must be a whole number from 0 to 9007199254740991")
                })?,
        };
        Ok(EstimateRequest::parse(&self.sources, period, method, seed)?)
    }
}

/// One row of the capture-history table.
#[derive(Serialize, ToSchema)]
pub struct HistoryJson {
    /// One character per list in `sources` order: `1` on the list, `0` not.
    pub pattern: String,
    /// People with exactly this history, or null where hidden.
    pub count: Option<u64>,
}

/// A stored estimate: aggregates only.
#[derive(Serialize, ToSchema)]
pub struct EstimateJson {
    #[schema(value_type = String, format = Uuid)]
    pub id: String,
    pub sources: Vec<String>,
    pub from: String,
    pub to: String,
    pub method: String,
    pub seed: u64,
    pub created_at: String,
    /// People on at least one list, records of one person counted once.
    pub observed: u64,
    /// Estimated total, seen and unseen.
    pub estimate: f64,
    /// Interval for the total (null when none could be computed).
    pub ci: Option<[f64; 2]>,
    pub ci_level: f64,
    /// The chosen model's terms, lists by code (`reports:police` is their interaction).
    pub model: Vec<String>,
    /// `few_people`, `sparse_overlaps`, `empty_list`, `not_identifiable`, `linkage_skipped`.
    pub warnings: Vec<String>,
    /// `closed_population`, `linkage_correct`, `dependence_modelled`.
    pub assumptions: Vec<String>,
    /// The capture histories, counts from 1 to 4 hidden (null), and one more when a single
    /// hidden cell could be worked out from `observed`.
    pub histories: Vec<HistoryJson>,
}

impl From<EstimateView> for EstimateJson {
    fn from(v: EstimateView) -> Self {
        EstimateJson {
            id: v.id.to_string(),
            sources: v.sources.iter().map(|s| s.as_str().to_owned()).collect(),
            from: date_text(v.period.from),
            to: date_text(v.period.to),
            method: v.method.as_str().to_owned(),
            seed: v.seed,
            created_at: v.created_at,
            observed: v.result.observed,
            estimate: v.result.estimate,
            ci: v.result.ci,
            ci_level: v.result.ci_level,
            model: v.result.model,
            warnings: v.result.warnings,
            assumptions: ASSUMPTIONS.iter().map(|s| (*s).to_owned()).collect(),
            histories: v
                .histories
                .into_iter()
                .map(|c| HistoryJson {
                    pattern: c.pattern,
                    count: c.count,
                })
                .collect(),
        }
    }
}

/// Runs an estimate over your organisation's lists and stores it (admins and analysts).
/// Audited (`estimate.run`, counts only).
#[utoipa::path(post, path = "/api/v1/estimates", tag = "stats", request_body = NewEstimateJson,
    responses(
        (status = 201, body = EstimateJson),
        (status = 400, description = "An unknown list, fewer than three different lists, a malformed date, `to` before `from`, an unknown method or a seed outside 0 to 9007199254740991; `field` names it."),
        (status = 401, description = "No valid session or token."),
        (status = 403, description = "Only admins and analysts may run estimates."),
        (status = 409, description = "The lists hold too few people in the period, or no model fits them (`field`: `sources`).")
    ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<NewEstimateJson>,
) -> Result<Response, ApiError> {
    if !p.can(libertas_domain::admin::Capability::RunEstimate) {
        return Err(ApiError::Forbidden);
    }
    let req = body.parse()?;
    let v = state
        .store
        .run_estimate(&p, &req, "api: run an estimate")
        .await?;
    Ok((StatusCode::CREATED, Json(EstimateJson::from(v))).into_response())
}

/// A stored estimate of your organisation (admins and analysts).
#[utoipa::path(get, path = "/api/v1/estimates/{id}", tag = "stats",
    params(("id" = String, Path, description = "estimate id")),
    responses((status = 200, body = EstimateJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<EstimateId>,
) -> Result<Json<EstimateJson>, ApiError> {
    let v = state
        .store
        .estimate(&p, id, "api: read an estimate")
        .await?;
    Ok(Json(v.into()))
}

/// The suppressed capture-history table of an estimate as CSV: one 0/1 column per list and
/// `count`, empty where hidden. The only table an estimate exports. Audited
/// (`export.estimate_histories`).
#[utoipa::path(get, path = "/api/v1/estimates/{id}/histories.csv", tag = "stats",
    params(("id" = String, Path, description = "estimate id")),
    responses(
        (status = 200, description = "The CSV as an attachment.", content_type = "text/csv", body = String),
        (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn histories_csv(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<EstimateId>,
) -> Result<Response, ApiError> {
    let csv = state
        .store
        .estimate_histories_csv(&p, id, "api: download capture histories")
        .await?;
    Ok(csv_response(csv))
}

/// A CSV body as a no-store attachment.
pub(crate) fn csv_response(csv: Vec<u8>) -> Response {
    let mut res = csv.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"capture-histories.csv\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
