//! `/api/v1/reports…`: the helpline's intake and triage (the queue is in `queue_api`).

use crate::http::input::given;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::http::NewPersonJson;
use crate::http::{schema, ApiQuery};
use crate::json::ApiJson;
use crate::reports::screening::{
    lang_of, law_of, screening_json, ScreeningInputJson, ScreeningQuery,
};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::CaseTitle;
use libertas_domain::ids::ReportId;
use libertas_domain::reports::{Channel, RawReport, ReportInput, ReportStatus};
use libertas_domain::text::clean_text;
use libertas_store::reports::{MessageVia, OpenCase};
use serde::Deserialize;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;

/// A contact recorded by an operator. Blank optional text counts as not given.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct IntakeJson {
    /// How the contact came in.
    #[schema(schema_with = channel_schema)]
    pub channel: String,
    /// What happened (up to 20,000 characters).
    #[schema(schema_with = schema::lines::<1, 20_000>)]
    pub narrative: String,
    #[schema(schema_with = schema::blank_or_lines::<1, 500>)]
    pub location: Option<String>,
    #[schema(schema_with = schema::blank_or_lines::<1, 200>)]
    pub when: Option<String>,
    #[schema(schema_with = schema::blank_or_lines::<1, 5_000>)]
    pub people: Option<String>,
    pub in_danger_now: Option<bool>,
    /// Up to 50 phone numbers, e-mail addresses, websites, plates… (blank ones are skipped).
    #[schema(schema_with = schema::blank_or_line_items::<50, 300>)]
    pub identifiers: Option<Vec<String>>,
    #[schema(schema_with = schema::blank_or_lines::<1, 500>)]
    pub contact: Option<String>,
    pub safe_to_contact: Option<bool>,
    #[schema(schema_with = schema::blank_or_lines::<1, 500>)]
    pub contact_safety: Option<String>,
    /// A language code: two to eight letters or hyphens (`en`, `ro`, `pt-BR`).
    #[schema(schema_with = crate::reports::public::api::language_schema)]
    pub language: Option<String>,
}

fn channel_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Channel::OPERATOR.iter().map(|c| c.as_str())))
        .into()
}

impl IntakeJson {
    pub fn parse(&self) -> Result<(Channel, ReportInput), libertas_domain::FieldError> {
        let channel = Channel::parse_operator(&self.channel)?;
        let input = ReportInput::parse(&RawReport {
            narrative: &self.narrative,
            location: self.location.as_deref(),
            when: self.when.as_deref(),
            people: self.people.as_deref(),
            in_danger_now: self.in_danger_now.unwrap_or(false),
            identifiers: self.identifiers.as_deref().unwrap_or_default(),
            contact: self.contact.as_deref(),
            safe_to_contact: self.safe_to_contact,
            contact_safety: self.contact_safety.as_deref(),
            language: self.language.as_deref(),
        })?;
        Ok((channel, input))
    }
}

/// Records a contact taken on the phone, by e-mail, SMS, in person or on the web.
#[utoipa::path(post, path = "/api/v1/reports", tag = "reports", request_body = IntakeJson,
    responses((status = 201, description = "`{\"id\"}`"), (status = 400), (status = 401), (status = 403), (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn intake(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<IntakeJson>,
) -> Result<Response, ApiError> {
    let (channel, input) = body.parse()?;
    let id = state
        .store
        .operator_intake(&p, channel, &input, state.config.default_region)
        .await?;
    if input.in_danger_now {
        crate::alerts::urgent_report(&state, id, p.org_id);
    }
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}

/// One report, decrypted, with its thread and the reports sharing an identifier. Says first
/// whether the reporter may be contacted: `safe_to_contact` (what they said: true, false or
/// null), `contact_safety` (the safe way and times, in their words) and `contact_allowed`
/// (true only after a yes, with contact details).
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports", params(("id" = String, Path, description = "report id")),
    responses((status = 200, description = "the report: `id`, `number` (`R-2026-00042`), `status`, …, `assignee`, `contact`, `safe_to_contact`, `contact_safety`, `contact_allowed`, `narrative`, …, `thread` [{`direction`, `via`, `text`, `at`, `author`}], `related`"),
        (status = 400), (status = 401), (status = 403), (status = 404)), security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<ReportId>,
) -> Result<Response, ApiError> {
    Ok(Json(state.store.get_report(&p, id, "api: read a report").await?).into_response())
}

/// Screens the report (or screens it again) with the given answers and saves the result.
#[utoipa::path(post, path = "/api/v1/reports/{id}/screening", tag = "reports", params(("id" = String, Path, description = "report id"), ScreeningQuery),
    request_body(content = ScreeningInputJson, description = "the same input as `POST /api/v1/screenings`"),
    responses((status = 200, description = "the screening result"), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the report's workflow has ended (referred, closed or a case opened)"), (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn save_screening(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<ReportId>,
    ApiQuery(q): ApiQuery<ScreeningQuery>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let lang = lang_of(q.lang.as_deref(), Default::default())?;
    let result = screening_json(
        &body,
        law_of(q.law.as_deref(), state.config.screening_law)?,
        lang,
    )?;
    let input: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    save(&state, &p, id, input, &result).await?;
    Ok(Json(result).into_response())
}

pub async fn save(
    state: &AppState,
    p: &libertas_domain::admin::Principal,
    id: libertas_domain::ids::ReportId,
    input: serde_json::Value,
    result: &serde_json::Value,
) -> Result<(), ApiError> {
    let verdict = result["verdict"]
        .as_str()
        .unwrap_or("no_indication")
        .to_owned();
    let urgent = result["urgent"].as_bool().unwrap_or(false);
    let saved = serde_json::json!({ "input": input, "result": result });
    state
        .store
        .save_screening(p, id, saved, &verdict, urgent)
        .await?;
    if urgent {
        crate::alerts::urgent_report(state, id, p.org_id);
    }
    Ok(())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageJson {
    /// The question for the reporter (up to 10,000 characters).
    #[schema(schema_with = schema::lines::<1, 10_000>)]
    pub text: String,
    /// `receipt` (it waits in the thread until the reporter comes back with their receipt;
    /// the default when the report has one) or `contact` (staff reach the reporter through
    /// the contact details they gave; the default for an operator's intake). `contact` is
    /// refused unless the reporter said contact is safe.
    #[schema(schema_with = via_schema)]
    pub via: Option<String>,
}

fn via_schema() -> RefOr<Schema> {
    let mut codes: Vec<serde_json::Value> = [MessageVia::Receipt, MessageVia::Contact]
        .iter()
        .map(|v| v.as_str().into())
        .collect();
    codes.push(serde_json::Value::Null);
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(codes))
        .into()
}

/// Sends the reporter a question, through the receipt thread or the contact details.
#[utoipa::path(post, path = "/api/v1/reports/{id}/messages", tag = "reports", request_body = MessageJson,
    params(("id" = String, Path, description = "report id")),
    responses((status = 201, description = "`{\"via\": \"receipt\" | \"contact\"}`"), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "refused, naming the field: `safe_to_contact` (the reporter said contact is not safe, or did not say it is safe), `contact` (no contact details), `via` (`receipt` for a report without one)"),
        (status = 413), (status = 415)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn ask(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<ReportId>,
    ApiJson(body): ApiJson<MessageJson>,
) -> Result<Response, ApiError> {
    let text = clean_text("text", &body.text, 1, 10_000, true)?;
    let via = match body.via.as_deref() {
        None => None,
        Some(v @ ("receipt" | "contact")) => Some(MessageVia::parse(v)?),
        Some(_) => return Err(ApiError::invalid("via", "must be receipt or contact")),
    };
    let via = state.store.ask_reporter(&p, id, &text, via).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "via": via.as_str() })),
    )
        .into_response())
}

/// Refers (`referred`, with an optional reason: where to) or closes (`closed`, with a
/// reason) a report. Blank counts as no reason.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusJson {
    pub status: String,
    pub reason: Option<String>,
}

/// The most characters of a report's referral or closing reason.
const REASON_MAX: usize = 2_000;

impl utoipa::PartialSchema for StatusJson {
    fn schema() -> RefOr<Schema> {
        let status = |code: &'static str| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some([code]))
        };
        let refer = ObjectBuilder::new()
            .property("status", status("referred"))
            .property("reason", schema::blank_or_lines::<1, REASON_MAX>())
            .required("status");
        let close = ObjectBuilder::new()
            .property("status", status("closed"))
            .property("reason", schema::lines::<1, REASON_MAX>())
            .required("status")
            .required("reason");
        OneOfBuilder::new()
            .description(Some(
                "`referred` (with where to, optionally) or `closed` with a reason; a case is \
                 opened through `POST /api/v1/reports/{id}/case`.",
            ))
            .item(refer)
            .item(close)
            .into()
    }
}

impl ToSchema for StatusJson {
    fn name() -> std::borrow::Cow<'static, str> {
        "ReportStatusJson".into()
    }
}

impl StatusJson {
    /// The move and its reason, or a 400 naming the field.
    fn parse(&self) -> Result<(ReportStatus, Option<String>), ApiError> {
        let to = match self.status.as_str() {
            "referred" => ReportStatus::Referred,
            "closed" => ReportStatus::Closed,
            _ => return Err(ApiError::invalid("status", "must be referred or closed")),
        };
        let reason = given(&self.reason)
            .map(|r| clean_text("reason", r, 1, REASON_MAX, true))
            .transpose()?;
        if to == ReportStatus::Closed && reason.is_none() {
            return Err(ApiError::invalid(
                "reason",
                "closing a report needs a reason",
            ));
        }
        Ok((to, reason))
    }
}

/// Refers or closes a report.
#[utoipa::path(post, path = "/api/v1/reports/{id}/status", tag = "reports", request_body = StatusJson,
    params(("id" = String, Path, description = "report id")),
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the report's workflow has ended (referred, closed or a case opened)"),
        (status = 413), (status = 415)), security(("bearer" = [])))]
pub async fn set_status(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<ReportId>,
    ApiJson(body): ApiJson<StatusJson>,
) -> Result<Response, ApiError> {
    let (to, reason) = body.parse()?;
    state
        .store
        .finish_report(&p, id, to, reason.as_deref())
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenCaseJson {
    /// 1–200 characters. Encrypted at rest.
    #[schema(schema_with = schema::text::<CaseTitle>)]
    pub title: String,
    /// Up to 50 people to add to the new case (the report's story becomes its first note).
    #[schema(max_items = 50)]
    pub people: Option<Vec<NewPersonJson>>,
}

/// The most people a case opened from a report starts with.
const MAX_PEOPLE: usize = 50;

/// Opens a case from a screened report.
#[utoipa::path(post, path = "/api/v1/reports/{id}/case", tag = "reports", request_body = OpenCaseJson,
    params(("id" = String, Path, description = "report id")),
    responses((status = 201, description = "`{\"case_id\"}`"),
        (status = 400, description = "a field is malformed, naming it (`people[i].birth_date` after today, too)"),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the report is not screened yet, or its workflow has ended"),
        (status = 413), (status = 415)), security(("bearer" = [])))]
pub async fn open_case(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<ReportId>,
    ApiJson(body): ApiJson<OpenCaseJson>,
) -> Result<Response, ApiError> {
    let today = crate::http::clock::now().date();
    if body.people.as_ref().is_some_and(|p| p.len() > MAX_PEOPLE) {
        return Err(ApiError::invalid(
            "people",
            format!("at most {MAX_PEOPLE} people"),
        ));
    }
    let mut people = vec![];
    for (i, person) in body.people.iter().flatten().enumerate() {
        people.push(person.parse(today).map_err(|e| {
            let field = format!("people[{i}].{}", e.field);
            e.at(field)
        })?);
    }
    let open = OpenCase {
        title: CaseTitle::parse(&body.title)?,
        people,
    };
    let case = state.store.open_case_from_report(&p, id, &open).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "case_id": case })),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupJson {
    /// A caller's number, an e-mail address, a plate… (up to 300 characters; one that is no
    /// identifier of a known kind matches nothing).
    #[schema(schema_with = schema::line::<1, 300>)]
    pub identifier: String,
}

/// How many earlier reports of the organisation mention this identifier (counts only). Spends
/// one of the caller's look-ups (shared with searches and duplicate warnings).
#[utoipa::path(post, path = "/api/v1/reports/lookup", tag = "reports", request_body = LookupJson,
    responses((status = 200, description = "`{\"reports\": n}`"), (status = 400), (status = 401), (status = 403),
        (status = 413), (status = 415),
        (status = 429, description = "the user's look-ups are spent (30 within 10 minutes, shared with searches and duplicate warnings); `Retry-After` says when to try again")),
    security(("bearer" = [])))]
pub async fn lookup(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<LookupJson>,
) -> Result<Response, ApiError> {
    let identifier = clean_text("identifier", &body.identifier, 1, 300, false)?;
    let n = state
        .store
        .reports_with_identifier(&p, &identifier, state.config.default_region)
        .await?;
    Ok(Json(serde_json::json!({ "reports": n })).into_response())
}
