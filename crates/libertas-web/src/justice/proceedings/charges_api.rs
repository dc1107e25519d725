//! `/api/v1/cases/{id}/charges` and `/api/v1/charges/{id}/hearings` (plus the case-wide
//! `/api/v1/cases/{id}/hearings`): charges against suspects, and court hearings.

use crate::http::input::uuid;
use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::proceedings::{
    hearing_date, parse_counts, past_date, ChargeId, ChargeNote, CourtName, HearingKind,
    HearingOutcome, LawName, LawSection,
};
use libertas_domain::justice::proceedings::{NewCharge, NewHearing};
use libertas_domain::FieldError;
use libertas_store::justice::{ChargeView, HearingView};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

/// A charge against a suspect of the case.
#[derive(Serialize, ToSchema)]
pub struct ChargeJson {
    #[schema(format = "uuid")]
    pub id: String,
    #[schema(format = "uuid")]
    pub case_id: String,
    /// The suspect's person id.
    #[schema(format = "uuid")]
    pub suspect_id: String,
    /// Encrypted at rest; `null` once the person was erased.
    pub suspect_name: Option<String>,
    pub law: String,
    pub section: String,
    pub counts: u32,
    /// `YYYY-MM-DD`.
    pub filed_on: String,
    /// Encrypted at rest.
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

impl From<ChargeView> for ChargeJson {
    fn from(c: ChargeView) -> Self {
        Self {
            id: c.id.to_string(),
            case_id: c.case_id.to_string(),
            suspect_id: c.suspect_id.to_string(),
            suspect_name: c.suspect_name,
            law: c.law,
            section: c.section,
            counts: c.counts,
            filed_on: date_text(c.filed_on),
            note: c.note,
            created_by: c.created_by,
            created_at: c.created_at,
        }
    }
}

/// A charge to file.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewChargeJson {
    /// Person id of a suspect of this case (else 400 naming `suspect_id`).
    #[schema(schema_with = schema::uuid)]
    pub suspect_id: String,
    /// The law, e.g. `Modern Slavery Act 2015`, 1–200 characters.
    #[schema(schema_with = schema::text::<LawName>)]
    pub law: String,
    /// Section or article, e.g. `s.2`, 1–100 characters.
    #[schema(schema_with = schema::text::<LawSection>)]
    pub section: String,
    /// 1 to 500.
    #[schema(minimum = 1, maximum = 500)]
    #[serde(deserialize_with = "crate::http::input::whole")]
    pub counts: i64,
    /// `YYYY-MM-DD`, from 1900, not in the future (else 400 naming `filed_on`).
    #[schema(schema_with = schema::date_1900)]
    pub filed_on: String,
    /// Up to 10,000 characters. Encrypted at rest.
    #[schema(schema_with = schema::blank_or_text::<ChargeNote>)]
    pub note: Option<String>,
}

impl NewChargeJson {
    pub fn parse(&self, today: Date) -> Result<NewCharge, FieldError> {
        Ok(NewCharge {
            suspect: uuid("suspect_id", &self.suspect_id, "a person id")?
                .hyphenated()
                .to_string(),
            law: LawName::parse(&self.law)?,
            section: LawSection::parse(&self.section)?,
            counts: parse_counts(self.counts)?,
            filed_on: past_date("filed_on", &self.filed_on, today)?,
            note: given(&self.note).map(ChargeNote::parse).transpose()?,
        })
    }
}

/// A hearing.
#[derive(Serialize, ToSchema)]
pub struct HearingJson {
    #[schema(format = "uuid")]
    pub id: String,
    #[schema(format = "uuid")]
    pub case_id: String,
    /// `null` for a hearing of the whole case.
    pub charge_id: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub court: String,
    /// `first_appearance`, `preliminary`, `bail`, `trial`, `sentencing`, `appeal`, `other`.
    pub kind: String,
    /// What happened (encrypted at rest).
    pub outcome: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

impl From<HearingView> for HearingJson {
    fn from(h: HearingView) -> Self {
        Self {
            id: h.id.to_string(),
            case_id: h.case_id.to_string(),
            charge_id: h.charge_id.map(|c| c.to_string()),
            date: date_text(h.date),
            court: h.court,
            kind: h.kind.as_str().to_owned(),
            outcome: h.outcome,
            created_by: h.created_by,
            created_at: h.created_at,
        }
    }
}

/// A hearing to record.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHearingJson {
    /// `YYYY-MM-DD` from 1900; may be ahead (scheduled), at most five years; not before the
    /// charge was filed (else 400 naming `date`).
    #[schema(schema_with = schema::date_1900)]
    pub date: String,
    /// 1–200 characters.
    #[schema(schema_with = schema::text::<CourtName>)]
    pub court: String,
    /// `first_appearance`, `preliminary`, `bail`, `trial`, `sentencing`, `appeal`, `other`.
    #[schema(schema_with = schema::code::<HearingKind>)]
    pub kind: String,
    /// What happened, up to 10,000 characters. Encrypted at rest.
    #[schema(schema_with = schema::blank_or_text::<HearingOutcome>)]
    pub outcome: Option<String>,
}

impl NewHearingJson {
    pub fn parse(&self, today: Date) -> Result<NewHearing, FieldError> {
        Ok(NewHearing {
            date: hearing_date(&self.date, today)?,
            court: CourtName::parse(&self.court)?,
            kind: HearingKind::parse(self.kind.trim())?,
            outcome: given(&self.outcome)
                .map(HearingOutcome::parse)
                .transpose()?,
        })
    }
}

pub use crate::http::input::given;

/// Parses a charge id from the path; a malformed one is a 400 naming `charge_id`.
pub fn charge_id(raw: &str) -> Result<ChargeId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("charge_id", "must be a charge id (a UUID)"))
}

pub fn today() -> Date {
    crate::http::clock::now().date()
}

/// Files a charge (investigator, legal or admin members of the case). 400 naming `suspect_id`
/// when the person is not a suspect of this case, or `filed_on` for a date after today.
#[utoipa::path(post, path = "/api/v1/cases/{id}/charges", tag = "justice",
    params(("id" = String, Path, description = "case id")),
    request_body = NewChargeJson,
    responses((status = 201, body = ChargeJson), (status = 400), (status = 401), (status = 403),
        (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_charge(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewChargeJson>,
) -> Result<Response, ApiError> {
    let new = body.parse(today())?;
    let c = state
        .store
        .add_charge(&p, id, &new, "api: file a charge")
        .await?;
    Ok((StatusCode::CREATED, Json(ChargeJson::from(c))).into_response())
}

/// The charges of a case, oldest filing first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/charges", tag = "justice",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"charges\": [Charge]}`"), (status = 400),
        (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list_charges(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let list: Vec<ChargeJson> = state
        .store
        .charges(&p, id, "api: list charges")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "charges": list })).into_response())
}

/// Records a hearing of a charge.
#[utoipa::path(post, path = "/api/v1/charges/{id}/hearings", tag = "justice",
    params(("id" = String, Path, description = "charge id")),
    request_body = NewHearingJson,
    responses((status = 201, body = HearingJson), (status = 400), (status = 401), (status = 403),
        (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_charge_hearing(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(charge): ApiPathId<ChargeId>,
    ApiJson(body): ApiJson<NewHearingJson>,
) -> Result<Response, ApiError> {
    let new = body.parse(today())?;
    let case = state.store.charge_case(&p, charge).await?;
    let h = state
        .store
        .add_hearing(&p, case, Some(charge), &new, "api: record a hearing")
        .await?;
    Ok((StatusCode::CREATED, Json(HearingJson::from(h))).into_response())
}

/// The hearings of a charge, by date.
#[utoipa::path(get, path = "/api/v1/charges/{id}/hearings", tag = "justice",
    params(("id" = String, Path, description = "charge id")),
    responses((status = 200, description = "`{\"hearings\": [Hearing]}`"), (status = 400),
        (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list_charge_hearings(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(charge): ApiPathId<ChargeId>,
) -> Result<Response, ApiError> {
    let case = state.store.charge_case(&p, charge).await?;
    hearings_json(&state, &p, case, Some(charge)).await
}

/// Records a hearing of the whole case (not of one charge).
#[utoipa::path(post, path = "/api/v1/cases/{id}/hearings", tag = "justice",
    params(("id" = String, Path, description = "case id")),
    request_body = NewHearingJson,
    responses((status = 201, body = HearingJson), (status = 400), (status = 401), (status = 403),
        (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_case_hearing(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewHearingJson>,
) -> Result<Response, ApiError> {
    let new = body.parse(today())?;
    let h = state
        .store
        .add_hearing(&p, case, None, &new, "api: record a hearing")
        .await?;
    Ok((StatusCode::CREATED, Json(HearingJson::from(h))).into_response())
}

/// Every hearing of a case (of its charges and of the case as a whole), by date.
#[utoipa::path(get, path = "/api/v1/cases/{id}/hearings", tag = "justice",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"hearings\": [Hearing]}`"), (status = 400),
        (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list_case_hearings(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    hearings_json(&state, &p, case, None).await
}

async fn hearings_json(
    state: &AppState,
    p: &libertas_domain::admin::Principal,
    case: libertas_domain::ids::CaseId,
    charge: Option<ChargeId>,
) -> Result<Response, ApiError> {
    let list: Vec<HearingJson> = state
        .store
        .hearings(p, case, charge, "api: list hearings")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "hearings": list })).into_response())
}
