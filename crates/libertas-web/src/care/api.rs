//! `/api/v1/people/{id}/consents` and `/api/v1/people/{id}/assessments`.

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
use libertas_domain::care::{
    next_due, AssessmentScores, ConsentAnswers, Purpose, RetentionMonths, DOMAINS,
};
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use libertas_store::care::{AssessmentView, ConsentView};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

pub(crate) fn person_id(raw: &str) -> Result<PersonId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be a person id (a UUID)"))
}

/// The answers to the HTCDS consent questions.
#[derive(Deserialize, Serialize, ToSchema, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ConsentJson {
    /// Agrees to be interviewed.
    pub interview: bool,
    /// The purpose of collecting their data was explained.
    pub purpose_explained: bool,
    /// Agrees to the organisation managing their personal data.
    pub data_use: bool,
    /// Agrees to their data being shared with partner organisations for referral.
    pub data_sharing: bool,
    /// Agrees to research use of non-identifying data.
    pub research_use: bool,
    /// Agrees to their story being told, under a pseudonym, in updates to supporters
    /// (absent: no).
    #[serde(default)]
    pub storytelling: bool,
    /// Their right to see their own data was explained.
    pub right_to_see_explained: bool,
    /// How to withdraw consent was explained.
    pub withdrawal_explained: bool,
    /// How long their data may be kept, 1 to 1200 months.
    #[schema(minimum = 1, maximum = 1200)]
    #[serde(deserialize_with = "crate::http::input::whole")]
    pub retention_months: i64,
}

impl ConsentJson {
    pub fn parse(&self) -> Result<ConsentAnswers, FieldError> {
        Ok(ConsentAnswers {
            interview: self.interview,
            purpose_explained: self.purpose_explained,
            data_use: self.data_use,
            data_sharing: self.data_sharing,
            research_use: self.research_use,
            storytelling: self.storytelling,
            right_to_see_explained: self.right_to_see_explained,
            withdrawal_explained: self.withdrawal_explained,
            retention: RetentionMonths::parse(self.retention_months)?,
        })
    }

    fn from_answers(a: &ConsentAnswers) -> Self {
        Self {
            interview: a.interview,
            purpose_explained: a.purpose_explained,
            data_use: a.data_use,
            data_sharing: a.data_sharing,
            research_use: a.research_use,
            storytelling: a.storytelling,
            right_to_see_explained: a.right_to_see_explained,
            withdrawal_explained: a.withdrawal_explained,
            retention_months: i64::from(a.retention.get()),
        }
    }
}

/// One consent record: `kind` is `given` or `withdrawal`.
#[derive(Serialize, ToSchema)]
pub struct ConsentRecordJson {
    id: String,
    kind: String,
    answers: ConsentJson,
    recorded_by: String,
    recorded_at: String,
}

impl From<&ConsentView> for ConsentRecordJson {
    fn from(v: &ConsentView) -> Self {
        Self {
            id: v.id.clone(),
            kind: v.kind.clone(),
            answers: ConsentJson::from_answers(&v.answers),
            recorded_by: v.recorded_by.clone(),
            recorded_at: v.recorded_at.clone(),
        }
    }
}

/// The current consent (newest record), what it allows, and the whole history newest first.
#[derive(Serialize, ToSchema)]
pub struct ConsentListJson {
    current: Option<ConsentRecordJson>,
    /// Purpose (`interview`, `data_use`, `data_sharing`, `research_use`, `storytelling`) →
    /// allowed now.
    #[schema(value_type = Object)]
    allows: serde_json::Map<String, serde_json::Value>,
    history: Vec<ConsentRecordJson>,
}

impl ConsentListJson {
    pub(crate) fn new(records: &[ConsentView]) -> Self {
        let current = records.first();
        let allows = Purpose::ALL
            .iter()
            .map(|p| {
                let yes = current.is_some_and(|c| c.answers.allows(*p));
                (p.as_str().to_owned(), serde_json::Value::Bool(yes))
            })
            .collect();
        Self {
            current: current.map(Into::into),
            allows,
            history: records.iter().map(Into::into).collect(),
        }
    }
}

/// Which consents to withdraw; all of them when `purposes` is absent or empty.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct WithdrawJson {
    /// Up to five of `interview`, `data_use`, `data_sharing`, `research_use`, `storytelling`.
    #[schema(schema_with = schema::code_items_opt::<Purpose, 5>)]
    pub purposes: Option<Vec<String>>,
}

impl WithdrawJson {
    pub fn parse(&self) -> Result<Vec<Purpose>, FieldError> {
        if self
            .purposes
            .as_ref()
            .is_some_and(|p| p.len() > Purpose::ALL.len())
        {
            return Err(FieldError::new("purposes", "must hold at most 5 purposes"));
        }
        self.purposes
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, p)| Purpose::parse(p.trim()).map_err(|e| e.at(format!("purposes[{i}]"))))
            .collect()
    }
}

/// The scores of one domain, one per sub-domain in the documented order, each 1 to 4.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainInput {
    #[serde(deserialize_with = "crate::http::input::whole_vec")]
    pub scores: Vec<i64>,
}

/// Scores per ASO domain. Sub-domains, in order: safety (revictimisation, violence, housing);
/// legal_protection (documents, justice, rights); mental_wellbeing (emotional, self_efficacy,
/// coping); economic_empowerment (education, employment, income, money_management);
/// social_support (relationships, support_network); physical_wellbeing (health, healthcare,
/// basic_needs).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainsInput {
    #[schema(schema_with = schema::aso_scores::<3>, required = true)]
    pub safety: Option<DomainInput>,
    #[schema(schema_with = schema::aso_scores::<3>, required = true)]
    pub legal_protection: Option<DomainInput>,
    #[schema(schema_with = schema::aso_scores::<3>, required = true)]
    pub mental_wellbeing: Option<DomainInput>,
    #[schema(schema_with = schema::aso_scores::<4>, required = true)]
    pub economic_empowerment: Option<DomainInput>,
    #[schema(schema_with = schema::aso_scores::<2>, required = true)]
    pub social_support: Option<DomainInput>,
    #[schema(schema_with = schema::aso_scores::<3>, required = true)]
    pub physical_wellbeing: Option<DomainInput>,
}

/// A new outcome assessment.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessmentJson {
    /// `YYYY-MM-DD`, not in the future (else 400 naming `assessed_on`).
    #[schema(schema_with = schema::date)]
    pub assessed_on: String,
    pub domains: DomainsInput,
}

impl NewAssessmentJson {
    pub fn parse(self, today: Date) -> Result<(Date, AssessmentScores), FieldError> {
        let on = parse_date("assessed_on", &self.assessed_on)?;
        if on > today {
            return Err(FieldError::new("assessed_on", "must not be in the future"));
        }
        let d = self.domains;
        let raw: Vec<Option<Vec<i64>>> = [
            d.safety,
            d.legal_protection,
            d.mental_wellbeing,
            d.economic_empowerment,
            d.social_support,
            d.physical_wellbeing,
        ]
        .into_iter()
        .map(|x| x.map(|x| x.scores))
        .collect();
        Ok((on, AssessmentScores::parse(&raw)?))
    }
}

/// One domain's scores and its mean.
#[derive(Serialize, ToSchema)]
pub struct DomainScoreJson {
    domain: String,
    scores: Vec<u8>,
    score: f64,
}

/// One assessment with its domain scores and overall score (mean of the domains).
#[derive(Serialize, ToSchema)]
pub struct AssessmentJson {
    id: String,
    assessed_on: String,
    domains: Vec<DomainScoreJson>,
    overall: f64,
    recorded_by: String,
    recorded_at: String,
}

impl From<&AssessmentView> for AssessmentJson {
    fn from(v: &AssessmentView) -> Self {
        let means = v.scores.domain_scores();
        Self {
            id: v.id.clone(),
            assessed_on: date_text(v.assessed_on),
            domains: DOMAINS
                .iter()
                .zip(v.scores.to_raw())
                .zip(means)
                .map(|((d, scores), score)| DomainScoreJson {
                    domain: d.key.to_owned(),
                    scores,
                    score,
                })
                .collect(),
            overall: v.scores.overall(),
            recorded_by: v.recorded_by.clone(),
            recorded_at: v.recorded_at.clone(),
        }
    }
}

/// A person's assessments oldest first, and when the next one is due (intake, six months,
/// then yearly from the first); `next_due` is null before the first assessment.
#[derive(Serialize, ToSchema)]
pub struct AssessmentListJson {
    assessments: Vec<AssessmentJson>,
    next_due: Option<String>,
}

impl AssessmentListJson {
    pub(crate) fn new(list: &[AssessmentView]) -> Self {
        let first = list.iter().map(|a| a.assessed_on).min();
        let latest = list.iter().map(|a| a.assessed_on).max();
        Self {
            assessments: list.iter().map(Into::into).collect(),
            next_due: first.zip(latest).map(|(f, l)| date_text(next_due(f, l))),
        }
    }
}

/// Records a person's consent answers (earlier records stay as history).
#[utoipa::path(post, path = "/api/v1/people/{id}/consents", tag = "care", request_body = ConsentJson,
    params(("id" = String, Path, description = "person id")),
    responses((status = 201, body = ConsentRecordJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn record_consent(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
    ApiJson(body): ApiJson<ConsentJson>,
) -> Result<Response, ApiError> {
    let answers = body.parse()?;
    let v = state
        .store
        .record_consent(&p, person, &answers, "api: record consent")
        .await?;
    Ok((StatusCode::CREATED, Json(ConsentRecordJson::from(&v))).into_response())
}

/// Withdraws consent; from then on the sharing it covered stops. 404 without a consent.
#[utoipa::path(post, path = "/api/v1/people/{id}/consents/withdraw", tag = "care", request_body = WithdrawJson,
    params(("id" = String, Path, description = "person id")),
    responses((status = 201, body = ConsentRecordJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
    ApiJson(body): ApiJson<WithdrawJson>,
) -> Result<Response, ApiError> {
    let purposes = body.parse()?;
    let v = state
        .store
        .withdraw_consent(&p, person, &purposes, "api: withdraw consent")
        .await?;
    Ok((StatusCode::CREATED, Json(ConsentRecordJson::from(&v))).into_response())
}

/// A person's consent: current record, what it allows, history.
#[utoipa::path(get, path = "/api/v1/people/{id}/consents", tag = "care",
    params(("id" = String, Path, description = "person id")),
    responses((status = 200, body = ConsentListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn consents(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
) -> Result<Json<ConsentListJson>, ApiError> {
    let list = state
        .store
        .consents(&p, person, "api: read consents")
        .await?;
    Ok(Json(ConsentListJson::new(&list)))
}

/// Records an outcome assessment; answers its scores and the next due date.
#[utoipa::path(post, path = "/api/v1/people/{id}/assessments", tag = "care", request_body = NewAssessmentJson,
    params(("id" = String, Path, description = "person id")),
    responses((status = 201, description = "`{\"assessment\": Assessment, \"next_due\"}`"), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_assessment(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
    ApiJson(body): ApiJson<NewAssessmentJson>,
) -> Result<Response, ApiError> {
    let (on, scores) = body.parse(crate::http::clock::now().date())?;
    let (v, first, latest) = state
        .store
        .add_assessment(&p, person, on, &scores, "api: record an assessment")
        .await?;
    let body = serde_json::json!({
        "assessment": AssessmentJson::from(&v),
        "next_due": date_text(next_due(first, latest)),
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// A person's outcome assessments, oldest first, with the next due date.
#[utoipa::path(get, path = "/api/v1/people/{id}/assessments", tag = "care",
    params(("id" = String, Path, description = "person id")),
    responses((status = 200, body = AssessmentListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn assessments(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(person): ApiPathId<PersonId>,
) -> Result<Json<AssessmentListJson>, ApiError> {
    let list = state
        .store
        .assessments(&p, person, "api: read assessments")
        .await?;
    Ok(Json(AssessmentListJson::new(&list)))
}
