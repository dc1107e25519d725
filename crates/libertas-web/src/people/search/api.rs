//! `POST /api/v1/search`: find people (and their cases) by name, birth date, phone or identity
//! number. A POST with a JSON body, never a query string, so no personal value ends up in a URL,
//! a proxy log or the browser history.

use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use libertas_domain::people::search::SearchCriteria;
use libertas_domain::text::clean_text;
use libertas_domain::FieldError;
use libertas_store::people::search::{Duplicates, SearchOutcome};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What to look for: at least one field.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct SearchJson {
    /// Given and/or family name, at most 200 characters, holding a word of two letters or
    /// more; diacritics, case and small misspellings do not matter.
    #[schema(schema_with = schema::line_opt::<0, 200>)]
    pub name: Option<String>,
    /// `YYYY-MM-DD`, or `YYYY` when only the year is known; from 1900, not in the future.
    #[schema(schema_with = schema::blank_or_birth_date_or_year)]
    pub birth_date: Option<String>,
    #[schema(schema_with = schema::blank_or_phone)]
    pub phone: Option<String>,
    /// 2 to 64 letters and digits (spaces and punctuation ignored), at most 64 characters.
    #[schema(schema_with = schema::blank_or_identity_number)]
    pub identity_number: Option<String>,
}

impl SearchJson {
    pub fn parse(&self, today: time::Date) -> Result<SearchCriteria, FieldError> {
        // What the document states that the criteria's own parser reads more loosely: control
        // characters and length as sent.
        if let Some(n) = &self.name {
            clean_text("name", n, 0, 200, false)?;
        }
        if self
            .identity_number
            .as_ref()
            .is_some_and(|n| n.chars().count() > 64)
        {
            return Err(FieldError::new(
                "identity_number",
                "must be at most 64 characters",
            ));
        }
        SearchCriteria::parse(
            self.name.as_deref(),
            self.birth_date.as_deref(),
            self.phone.as_deref(),
            self.identity_number.as_deref(),
            today,
        )
    }
}

/// A case of a person found, which the caller is a member of.
#[derive(Serialize, ToSchema)]
pub struct SearchCaseJson {
    #[schema(format = "uuid")]
    case_id: String,
    title: String,
    /// The person's role in the case.
    role: String,
}

/// A person found.
#[derive(Serialize, ToSchema)]
pub struct SearchHitJson {
    #[schema(format = "uuid")]
    person_id: String,
    given_name: Option<String>,
    family_name: Option<String>,
    birth_date: Option<String>,
    /// Criteria that matched: `identity_number`, `phone`, `birth_date`, `birth_year`, `name`
    /// (a token matched exactly), `name_phonetic` (a token matched by sound only).
    reasons: Vec<String>,
    /// Higher is closer; results come best first.
    score: u32,
    cases: Vec<SearchCaseJson>,
}

/// Search results: people in cases the caller is a member of, and how many people in the
/// organisation's other cases match an identifier or every name token (no detail, and never
/// depending on the birth date: ask the case owners).
#[derive(Serialize, ToSchema)]
pub struct SearchResultJson {
    people: Vec<SearchHitJson>,
    others: i64,
}

impl From<SearchOutcome> for SearchResultJson {
    fn from(o: SearchOutcome) -> Self {
        Self {
            people: o
                .hits
                .into_iter()
                .map(|h| SearchHitJson {
                    person_id: h.person_id.to_string(),
                    given_name: h.given_name,
                    family_name: h.family_name,
                    birth_date: h.birth_date,
                    reasons: h.reasons.iter().map(|r| r.as_str().to_owned()).collect(),
                    score: h.score,
                    cases: h
                        .cases
                        .into_iter()
                        .map(|c| SearchCaseJson {
                            case_id: c.case_id.to_string(),
                            title: c.title,
                            role: c.role,
                        })
                        .collect(),
                })
                .collect(),
            others: o.others,
        }
    }
}

/// A likely existing record of a newly added person.
#[derive(Serialize, ToSchema)]
pub struct DuplicateJson {
    #[schema(format = "uuid")]
    person_id: String,
    /// The record's cases that the caller is a member of.
    case_ids: Vec<String>,
    reasons: Vec<String>,
}

/// The duplicate fields added to the add-person response.
pub fn duplicates_json(d: &Duplicates) -> (Vec<DuplicateJson>, i64) {
    (
        d.visible
            .iter()
            .map(|x| DuplicateJson {
                person_id: x.person_id.to_string(),
                case_ids: x.case_ids.iter().map(ToString::to_string).collect(),
                reasons: x.reasons.iter().map(|r| r.as_str().to_owned()).collect(),
            })
            .collect(),
        d.others,
    )
}

/// Searches the caller's organisation (roles that work cases). Returns only people in cases the
/// caller is a member of; `others` counts matches elsewhere (an identifier, or every name
/// token), without detail and whatever birth date is asked. 400 (naming `name`) when no
/// criterion is given, or when the name holds no word of two letters or more; 400 naming
/// `birth_date` for a date or year after today.
#[utoipa::path(post, path = "/api/v1/search", tag = "people", request_body = SearchJson,
    responses((status = 200, body = SearchResultJson), (status = 400), (status = 401), (status = 403),
        (status = 413), (status = 415),
        (status = 429, description = "the user's look-ups outside their cases are spent: 30 within 10 minutes, shared with duplicate warnings and identifier look-ups; `Retry-After` says when to try again")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn search(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<SearchJson>,
) -> Result<Json<SearchResultJson>, ApiError> {
    let criteria = body.parse(crate::http::clock::now().date())?;
    let found = state
        .store
        .search_people(&p, &criteria, "api: search people")
        .await?;
    Ok(Json(found.into()))
}
