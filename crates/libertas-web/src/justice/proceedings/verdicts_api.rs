//! `/api/v1/charges/{id}/verdicts` (one final verdict per charge) and
//! `/api/v1/verdicts/{id}/sentences` (one sentence per conviction).

use crate::http::input::uuid;
use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::justice::proceedings::charges_api::{given, today};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::justice::proceedings::ChargeId;
use libertas_domain::justice::proceedings::{
    amount_text, parse_amount, past_date, Currency, SentenceTerms, VerdictId, VerdictOutcome,
};
use libertas_domain::FieldError;
use libertas_store::justice::{SentenceView, VerdictView};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

/// The final verdict of a charge.
#[derive(Serialize, ToSchema)]
pub struct VerdictJson {
    #[schema(format = "uuid")]
    pub id: String,
    #[schema(format = "uuid")]
    pub case_id: String,
    #[schema(format = "uuid")]
    pub charge_id: String,
    /// `convicted`, `acquitted`, `dismissed` or `withdrawn`.
    pub outcome: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub created_by: String,
    pub created_at: String,
}

impl From<VerdictView> for VerdictJson {
    fn from(v: VerdictView) -> Self {
        Self {
            id: v.id.to_string(),
            case_id: v.case_id.to_string(),
            charge_id: v.charge_id.to_string(),
            outcome: v.outcome.as_str().to_owned(),
            date: date_text(v.date),
            created_by: v.created_by,
            created_at: v.created_at,
        }
    }
}

/// A verdict to record.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVerdictJson {
    /// `convicted`, `acquitted`, `dismissed` or `withdrawn`.
    #[schema(schema_with = schema::code::<VerdictOutcome>)]
    pub outcome: String,
    /// `YYYY-MM-DD` from 1900: not in the future, not before the charge was filed (else 400
    /// naming `date`).
    #[schema(schema_with = schema::date_1900)]
    pub date: String,
}

impl NewVerdictJson {
    pub fn parse(&self, today: Date) -> Result<(VerdictOutcome, Date), FieldError> {
        Ok((
            VerdictOutcome::parse(self.outcome.trim())?,
            past_date("date", &self.date, today)?,
        ))
    }
}

/// Restitution owed to one survivor.
#[derive(Serialize, ToSchema)]
pub struct RestitutionJson {
    #[schema(format = "uuid")]
    pub person_id: String,
    /// Encrypted at rest; `null` once the person was erased.
    pub name: Option<String>,
    /// Decimal, in the sentence's currency, e.g. `"2500.00"`.
    pub amount: String,
}

/// The sentence of a conviction.
#[derive(Serialize, ToSchema)]
pub struct SentenceJson {
    #[schema(format = "uuid")]
    pub id: String,
    #[schema(format = "uuid")]
    pub case_id: String,
    #[schema(format = "uuid")]
    pub verdict_id: String,
    #[schema(format = "uuid")]
    pub charge_id: String,
    pub prison_months: u32,
    pub suspended: bool,
    /// Decimal, e.g. `"1500.00"`.
    pub fine_amount: Option<String>,
    /// ISO 4217.
    pub currency: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub restitution: Vec<RestitutionJson>,
    pub created_by: String,
    pub created_at: String,
}

impl From<SentenceView> for SentenceJson {
    fn from(s: SentenceView) -> Self {
        Self {
            id: s.id.to_string(),
            case_id: s.case_id.to_string(),
            verdict_id: s.verdict_id.to_string(),
            charge_id: s.charge_id.to_string(),
            prison_months: s.prison_months,
            suspended: s.suspended,
            fine_amount: s.fine_minor.map(amount_text),
            currency: s.currency,
            date: date_text(s.date),
            restitution: s
                .restitution
                .into_iter()
                .map(|r| RestitutionJson {
                    person_id: r.person_id.to_string(),
                    name: r.name,
                    amount: amount_text(r.amount_minor),
                })
                .collect(),
            created_by: s.created_by,
            created_at: s.created_at,
        }
    }
}

/// Restitution to order: a victim of the case and an amount.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRestitutionJson {
    /// Person id of a victim of this case (else 400 naming `restitution`).
    #[schema(schema_with = schema::uuid)]
    pub person_id: String,
    /// Positive, whole cents, below a trillion, in `currency`.
    #[schema(schema_with = schema::amount)]
    pub amount: f64,
}

/// The most survivors one sentence orders restitution to.
const MAX_RESTITUTION: usize = 100;

/// A sentence to record on a conviction.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSentenceJson {
    /// 0–1200; default 0.
    #[schema(minimum = 0, maximum = 1200)]
    #[serde(default, deserialize_with = "crate::http::input::whole_opt")]
    pub prison_months: Option<i64>,
    /// Only with a prison term; default false.
    pub suspended: Option<bool>,
    /// Positive, whole cents, below a trillion, in `currency`.
    #[schema(schema_with = schema::amount_opt)]
    pub fine_amount: Option<f64>,
    /// ISO 4217 (e.g. `GBP`, `RON`, `EUR`); required with a fine or restitution.
    #[schema(schema_with = schema::blank_or_currency)]
    pub currency: Option<String>,
    /// Restitution to victims of the case, at most 100, each survivor once.
    #[schema(max_items = 100)]
    pub restitution: Option<Vec<NewRestitutionJson>>,
    /// `YYYY-MM-DD` from 1900, not before the verdict, not in the future; default: the
    /// verdict's date.
    #[schema(schema_with = schema::blank_or_date_1900)]
    pub date: Option<String>,
}

impl NewSentenceJson {
    pub fn parse(&self, today: Date) -> Result<(SentenceTerms, Option<Date>), FieldError> {
        let mut restitution = vec![];
        if self
            .restitution
            .as_ref()
            .is_some_and(|r| r.len() > MAX_RESTITUTION)
        {
            return Err(FieldError::new(
                "restitution",
                format!("must hold at most {MAX_RESTITUTION} orders"),
            ));
        }
        for r in self.restitution.iter().flatten() {
            let id = uuid("restitution", &r.person_id, "a victim's person id")?;
            restitution.push((id, parse_amount("restitution", r.amount)?));
        }
        let terms = SentenceTerms {
            prison_months: 0,
            suspended: self.suspended.unwrap_or(false),
            fine: self
                .fine_amount
                .map(|f| parse_amount("fine_amount", f))
                .transpose()?,
            currency: given(&self.currency).map(Currency::parse).transpose()?,
            restitution,
        };
        let terms = SentenceTerms::check(self.prison_months.unwrap_or(0), terms)?;
        let date = given(&self.date)
            .map(|d| past_date("date", d, today))
            .transpose()?;
        Ok((terms, date))
    }
}

/// Parses a verdict id from the path; a malformed one is a 400 naming `verdict_id`.
pub fn verdict_id(raw: &str) -> Result<VerdictId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("verdict_id", "must be a verdict id (a UUID)"))
}

/// Records the final verdict of a charge (409 if it has one).
#[utoipa::path(post, path = "/api/v1/charges/{id}/verdicts", tag = "justice",
    params(("id" = String, Path, description = "charge id")),
    request_body = NewVerdictJson,
    responses((status = 201, body = VerdictJson), (status = 400), (status = 401), (status = 403),
        (status = 404), (status = 409, description = "the charge already has its verdict")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_verdict(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(charge): ApiPathId<ChargeId>,
    ApiJson(body): ApiJson<NewVerdictJson>,
) -> Result<Response, ApiError> {
    let (outcome, date) = body.parse(today())?;
    let case = state.store.charge_case(&p, charge).await?;
    let v = state
        .store
        .add_verdict(&p, case, charge, outcome, date, "api: record a verdict")
        .await?;
    Ok((StatusCode::CREATED, Json(VerdictJson::from(v))).into_response())
}

/// The verdict of a charge (a list of at most one).
#[utoipa::path(get, path = "/api/v1/charges/{id}/verdicts", tag = "justice",
    params(("id" = String, Path, description = "charge id")),
    responses((status = 200, description = "`{\"verdicts\": [Verdict]}`"), (status = 400),
        (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list_verdicts(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(charge): ApiPathId<ChargeId>,
) -> Result<Response, ApiError> {
    let case = state.store.charge_case(&p, charge).await?;
    let list: Vec<VerdictJson> = state
        .store
        .verdicts(&p, case, Some(charge), "api: list verdicts")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "verdicts": list })).into_response())
}

/// Records the sentence of a conviction (409 naming `verdict` for any other verdict). 400
/// naming the field when the terms do not hang together (a suspended term without a prison
/// term, money without `currency`, nothing ordered at all, a survivor named twice), when a
/// restitution names no victim of this case, or for a date before the verdict or after today.
#[utoipa::path(post, path = "/api/v1/verdicts/{id}/sentences", tag = "justice",
    params(("id" = String, Path, description = "verdict id")),
    request_body = NewSentenceJson,
    responses((status = 201, body = SentenceJson), (status = 400), (status = 401), (status = 403),
        (status = 404), (status = 409, description = "the verdict already has its sentence, or is no conviction")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_sentence(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(verdict): ApiPathId<VerdictId>,
    ApiJson(body): ApiJson<NewSentenceJson>,
) -> Result<Response, ApiError> {
    let (terms, date) = body.parse(today())?;
    let case = state.store.verdict_case(&p, verdict).await?;
    let s = state
        .store
        .add_sentence(&p, case, verdict, &terms, date, "api: record a sentence")
        .await?;
    Ok((StatusCode::CREATED, Json(SentenceJson::from(s))).into_response())
}

/// The sentence of a verdict (a list of at most one), survivors' names decrypted.
#[utoipa::path(get, path = "/api/v1/verdicts/{id}/sentences", tag = "justice",
    params(("id" = String, Path, description = "verdict id")),
    responses((status = 200, description = "`{\"sentences\": [Sentence]}`"), (status = 400),
        (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list_sentences(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(verdict): ApiPathId<VerdictId>,
) -> Result<Response, ApiError> {
    let case = state.store.verdict_case(&p, verdict).await?;
    let list: Vec<SentenceJson> = state
        .store
        .sentences(&p, case, Some(verdict), "api: list sentences")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "sentences": list })).into_response())
}
