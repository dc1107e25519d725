//! `/api/v1/cases/{id}/decisions` and `/api/v1/cases/{id}/deadlines`: identification decisions
//! per victim under a national referral mechanism rule set, and the deadlines they start.

use crate::http::input::{given, uuid};
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
use libertas_domain::cases::deadlines::{Calendar, RuleSet};
use libertas_domain::cases::decisions::{
    date_text, parse_date, DecisionNote, NewDecision, OrgType, Outcome,
};
use libertas_domain::ids::CaseId;
use libertas_domain::people::TraffickingStatus;
use libertas_domain::FieldError;
use libertas_store::cases::{DecisionView, VictimRef};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

/// The rule set new decisions are recorded under (the UK NRM is the first and only one).
pub const RULES: RuleSet = RuleSet::UK_NRM;

/// A decision about one victim. Dates are `YYYY-MM-DD`; give `case_person_id` or `person_id`.
/// Values left out keep the victim's current ones, so a follow-up names only what changed.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewDecisionJson {
    /// The victim's place in this case (from `GET /api/v1/cases/{id}/people`).
    #[schema(schema_with = schema::blank_or_uuid)]
    pub case_person_id: Option<String>,
    /// Or the person's id; they must be a victim of this case.
    #[schema(schema_with = schema::blank_or_uuid)]
    pub person_id: Option<String>,
    /// HTCDS `vic_TraffickingStatus`: `PossibleVictimOfTrafficking`, `ActualVictimOfTrafficking`,
    /// `NotAVictimOfTrafficking`.
    #[schema(schema_with = schema::blank_or_code::<TraffickingStatus>)]
    pub trafficking_status: Option<String>,
    /// HTCDS `org_Type` of the deciding organisation: `NGO`, `LawEnforcement`,
    /// `HealthServiceOrganisation`, `CentralGovernmentOrganisation`, `LocalGovernmentOrganisation`,
    /// `ImmigrationService`, `LegalService`, `CorporateBusiness`.
    #[schema(schema_with = schema::blank_or_code::<OrgType>)]
    pub deciding_org_type: Option<String>,
    #[schema(schema_with = schema::blank_or_date)]
    pub referral_date: Option<String>,
    /// Reasonable-grounds decision: `positive` or `negative` (with `rg_date`).
    #[schema(schema_with = schema::blank_or_code::<Outcome>)]
    pub rg_decision: Option<String>,
    #[schema(schema_with = schema::blank_or_date)]
    pub rg_date: Option<String>,
    /// Conclusive-grounds decision: `positive` or `negative` (with `cg_date`).
    #[schema(schema_with = schema::blank_or_code::<Outcome>)]
    pub cg_decision: Option<String>,
    #[schema(schema_with = schema::blank_or_date)]
    pub cg_date: Option<String>,
    /// Free text, encrypted at rest under the case key.
    #[schema(schema_with = schema::blank_or_text::<DecisionNote>)]
    pub note: Option<String>,
}

/// An optional victim id: blank is absent; anything else must be an id.
fn victim_id<'a>(field: &str, v: &'a Option<String>) -> Result<Option<&'a str>, FieldError> {
    given(v)
        .map(|raw| uuid(field, raw, "an id").map(|_| raw))
        .transpose()
}

fn date_of(field: &str, v: &Option<String>) -> Result<Option<Date>, FieldError> {
    given(v).map(|s| parse_date(field, s)).transpose()
}

fn outcome_of(field: &str, v: &Option<String>) -> Result<Option<Outcome>, FieldError> {
    given(v)
        .map(|s| Outcome::parse(s).map_err(|e| e.at(field)))
        .transpose()
}

impl NewDecisionJson {
    /// The victim reference and the decision's values. The ordering rules are checked by the
    /// store, over the victim's current decision (a follow-up names only what changed).
    pub fn parse(&self) -> Result<(VictimRef<'_>, NewDecision), FieldError> {
        let case_person = victim_id("case_person_id", &self.case_person_id)?;
        let person = victim_id("person_id", &self.person_id)?;
        let victim = match (case_person, person) {
            (Some(v), _) => VictimRef::CasePerson(v),
            (None, Some(v)) => VictimRef::Person(v),
            (None, None) => {
                return Err(FieldError::new(
                    "case_person_id",
                    "give case_person_id or person_id",
                ))
            }
        };
        let d = NewDecision {
            trafficking_status: given(&self.trafficking_status)
                .map(TraffickingStatus::parse)
                .transpose()?,
            deciding_org_type: given(&self.deciding_org_type)
                .map(OrgType::parse)
                .transpose()?,
            referral_date: date_of("referral_date", &self.referral_date)?,
            rg_decision: outcome_of("rg_decision", &self.rg_decision)?,
            rg_date: date_of("rg_date", &self.rg_date)?,
            cg_decision: outcome_of("cg_decision", &self.cg_decision)?,
            cg_date: date_of("cg_date", &self.cg_date)?,
            note: given(&self.note).map(DecisionNote::parse).transpose()?,
        };
        Ok((victim, d))
    }
}

/// The deadlines of one victim's path, computed (working days skip weekends and holidays).
#[derive(Serialize, ToSchema)]
pub struct DeadlinesJson {
    #[schema(format = "uuid")]
    pub case_person_id: String,
    #[schema(format = "uuid")]
    pub person_id: String,
    pub rule_set: String,
    pub referral_date: Option<String>,
    /// Referral + the rule set's working days.
    pub reasonable_grounds_due: Option<String>,
    pub rg_decision: Option<String>,
    pub rg_date: Option<String>,
    /// From a positive reasonable-grounds decision…
    pub recovery_start: Option<String>,
    /// …for at least the rule set's minimum…
    pub recovery_min_end: Option<String>,
    /// …and until the conclusive-grounds decision.
    pub recovery_end: Option<String>,
    pub conclusive_grounds_earliest: Option<String>,
    pub cg_decision: Option<String>,
    pub cg_date: Option<String>,
}

/// A recorded decision.
#[derive(Serialize, ToSchema)]
pub struct DecisionJson {
    #[schema(format = "uuid")]
    pub id: String,
    #[schema(format = "uuid")]
    pub case_id: String,
    pub trafficking_status: Option<String>,
    pub deciding_org_type: Option<String>,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: String,
    #[serde(flatten)]
    pub path: DeadlinesJson,
}

fn text(d: Option<Date>) -> Option<String> {
    d.map(date_text)
}

impl From<&DecisionView> for DeadlinesJson {
    fn from(d: &DecisionView) -> Self {
        Self {
            case_person_id: d.case_person_id.clone(),
            person_id: d.person_id.clone(),
            rule_set: d.rule_set.clone(),
            referral_date: text(d.referral_date),
            reasonable_grounds_due: text(d.deadlines.reasonable_grounds_due),
            rg_decision: d.rg_decision.map(|o| o.as_str().to_owned()),
            rg_date: text(d.rg_date),
            recovery_start: text(d.deadlines.recovery_start),
            recovery_min_end: text(d.deadlines.recovery_min_end),
            recovery_end: text(d.deadlines.recovery_end),
            conclusive_grounds_earliest: text(d.deadlines.conclusive_grounds_earliest),
            cg_decision: d.cg_decision.map(|o| o.as_str().to_owned()),
            cg_date: text(d.cg_date),
        }
    }
}

impl From<DecisionView> for DecisionJson {
    fn from(d: DecisionView) -> Self {
        Self {
            id: d.id.to_string(),
            case_id: d.case_id.to_string(),
            trafficking_status: d.trafficking_status.map(|s| s.as_str().to_owned()),
            deciding_org_type: d.deciding_org_type.map(|o| o.as_str().to_owned()),
            path: DeadlinesJson::from(&d),
            note: d.note,
            created_by: d.created_by,
            created_at: d.created_at,
        }
    }
}

/// Records an identification decision about a victim of the case. A referral creates the task
/// "reasonable-grounds decision due"; a positive reasonable-grounds decision the task
/// "conclusive-grounds decision: earliest date". 400 (naming the field) when neither victim id
/// is given, when the id names no victim of this case, or when the decision, merged over the
/// victim's current one, breaks the mechanism's order (a status or a referral date; each
/// decision with its date; the reasonable-grounds decision not before the referral; the
/// conclusive-grounds decision only after a positive reasonable-grounds one and the minimum
/// recovery period).
#[utoipa::path(post, path = "/api/v1/cases/{id}/decisions", tag = "cases", request_body = NewDecisionJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 201, body = DecisionJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn record(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewDecisionJson>,
) -> Result<Response, ApiError> {
    let (victim, decision) = body.parse()?;
    let view = state
        .store
        .record_decision(
            &p,
            id,
            victim,
            &decision,
            Calendar {
                rules: &RULES,
                holidays: &state.config.holidays,
            },
            "api: record a decision",
        )
        .await?;
    Ok((StatusCode::CREATED, Json(DecisionJson::from(view))).into_response())
}

/// Every decision of the case, oldest first (the newest per victim is the current state).
#[utoipa::path(get, path = "/api/v1/cases/{id}/decisions", tag = "cases", params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"decisions\": [Decision]}`"), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let decisions: Vec<DecisionJson> = state
        .store
        .decisions(&p, id, &state.config.holidays, "api: read decisions")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "decisions": decisions })).into_response())
}

/// The computed deadlines of each victim's current decision.
#[utoipa::path(get, path = "/api/v1/cases/{id}/deadlines", tag = "cases", params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"rule_set\", \"deadlines\": [Deadlines]}`"), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn deadlines(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let current = state
        .store
        .current_decisions(&p, id, &state.config.holidays, "api: read deadlines")
        .await?;
    let deadlines: Vec<DeadlinesJson> = current.iter().map(Into::into).collect();
    Ok(Json(serde_json::json!({ "rule_set": RULES.name, "deadlines": deadlines })).into_response())
}
