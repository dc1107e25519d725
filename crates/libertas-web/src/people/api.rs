//! `/api/v1/cases/{id}/people` and `/api/v1/people/{id}`.

use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::http::NewPersonJson;
use crate::json::ApiJson;
use crate::people::search::api::duplicates_json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::ids::CaseId;
use libertas_domain::ids::PersonId;
use libertas_store::people::search::DuplicateProbe;
use libertas_store::people::PersonView;
use serde::Serialize;
use utoipa::ToSchema;

/// A person, decrypted for a member of one of their cases.
#[derive(Serialize, ToSchema)]
pub struct PersonJson {
    #[schema(format = "uuid")]
    id: String,
    given_name: Option<String>,
    family_name: Option<String>,
    birth_date: Option<String>,
    gender: Option<String>,
    citizenship: Vec<String>,
    languages: Vec<String>,
    phone: Option<String>,
    email: Option<String>,
    identity_numbers: Vec<String>,
    /// True once the person was erased: every personal field is then null.
    erased: bool,
    created_at: String,
    /// The person's part in the cases the caller may see.
    #[schema(value_type = Vec<Object>)]
    cases: Vec<serde_json::Value>,
}

impl From<PersonView> for PersonJson {
    fn from(v: PersonView) -> Self {
        Self {
            id: v.id.to_string(),
            given_name: v.given_name,
            family_name: v.family_name,
            birth_date: v.birth_date,
            gender: v.gender,
            citizenship: v.citizenship,
            languages: v.languages,
            phone: v.phone,
            email: v.email,
            identity_numbers: v.identity_numbers,
            erased: v.erased,
            created_at: v.created_at,
            cases: v
                .cases
                .into_iter()
                .map(|c| {
                    serde_json::json!({
                        "case_person_id": c.id, "case_id": c.case_id, "role": c.role,
                        "trafficking_status": c.trafficking_status
                    })
                })
                .collect(),
        }
    }
}

/// Adds a new person to a case. 400 naming `birth_date` for a date after today, or
/// `trafficking_status` when it is given for anyone but a victim.
#[utoipa::path(post, path = "/api/v1/cases/{id}/people", tag = "people", request_body = NewPersonJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 201, description = "`{\"id\", \"case_person_id\", \"case_id\", \"role\", \"possible_duplicates\": [{\"person_id\", \"case_ids\", \"reasons\"}], \"possible_duplicates_elsewhere\": count}`: likely existing records of the same person in cases the caller is a member of, and a count of the people in other cases of the organisation with the same name (every token, at least two) or identifier, whatever the birth date. Both `null` when the check was not made: it failed, or the user's look-ups outside their cases are spent (30 within 10 minutes, shared with searches and identifier look-ups), in which case `Retry-After` says when the check works again. The person is added either way."),
        (status = 400), (status = 401), (status = 403), (status = 404), (status = 413), (status = 415),
        ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewPersonJson>,
) -> Result<Response, ApiError> {
    let person = body.parse(crate::http::clock::now().date())?;
    // The person is added whatever the look-up budget: a large intake (a raid) must not be
    // stopped by it. With the budget spent the check is not made and its answer is left out
    // (`null`), so adding people cannot be used to probe beyond the budget either.
    let (pid, link) = state
        .store
        .add_person(&p, case, &person, "api: add a person to a case")
        .await?;
    let mut body = serde_json::json!({ "id": pid, "case_person_id": link, "case_id": case, "role": person.role.as_str() });
    // The person is stored: a failed duplicate check must not turn the 201 into an error (a
    // retry would add the person twice), so it shows as `null` instead.
    let birth = person.birth_date.map(|b| b.to_iso());
    let probe = DuplicateProbe {
        given_name: person.given_name.as_str(),
        family_name: person.family_name.as_str(),
        birth_date: birth.as_deref(),
        phone: person.phone.as_ref().map(|x| x.normalised()),
        identity_numbers: &person.identity_numbers,
    };
    match state
        .store
        .possible_duplicates(
            &p,
            pid,
            &probe,
            "api: duplicate check after adding a person",
        )
        .await
    {
        Ok(d) => {
            let (visible, others) = duplicates_json(&d);
            body["possible_duplicates"] = serde_json::json!(visible);
            body["possible_duplicates_elsewhere"] = serde_json::json!(others);
        }
        Err(e) => {
            body["possible_duplicates"] = serde_json::Value::Null;
            body["possible_duplicates_elsewhere"] = serde_json::Value::Null;
            if let libertas_store::StoreError::TooManyRequests(wait) = e {
                let res = (StatusCode::CREATED, Json(body)).into_response();
                return Ok(crate::http::with_retry_after(res, wait));
            }
            tracing::warn!(error = %e, "duplicate check failed");
        }
    }
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// The people of a case, names decrypted.
#[utoipa::path(get, path = "/api/v1/cases/{id}/people", tag = "people", params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"people\": [Person]}`"), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let people: Vec<PersonJson> = state
        .store
        .case_people(&p, case, "api: list the people of a case")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "people": people })).into_response())
}

/// One person (members of one of the person's cases only; anyone else gets 404).
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people", params(("id" = String, Path, description = "person id")),
    responses((status = 200, body = PersonJson), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<PersonId>,
) -> Result<Json<PersonJson>, ApiError> {
    Ok(Json(
        state
            .store
            .get_person(&p, id, "api: read a person")
            .await?
            .into(),
    ))
}
