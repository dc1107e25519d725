//! The care page's forms: record consent, withdraw consent, record an assessment. Each
//! checks CSRF and origin first, builds the same request type as the API, and redirects back
//! to the care page (naming the wrong field, never a value, when input is refused).

use super::api::{person_id, ConsentJson, NewAssessmentJson, WithdrawJson};
use crate::http::{CsrfForm, Fields, PageError, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use libertas_domain::care::{Purpose, DOMAINS};
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use libertas_store::StoreError;

/// The result of a form post: back to the care page, naming the wrong field if any.
pub(crate) fn back(id: PersonId, result: Result<(), StoreError>, t: Tr) -> PageResult {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/people/{id}/care")).into_response()),
        Err(e) => match e.field() {
            Some(f) => Err(invalid(id, f)),
            None => Err(PageError::store(t, e)),
        },
    }
}

pub(crate) fn invalid(id: PersonId, e: &FieldError) -> PageError {
    PageError::redirect(format!("/people/{id}/care?error={}", e.field))
}

/// A field's value as the form was read before (the last one sent), if sent.
pub(crate) fn get<'a>(f: &'a Fields, key: &str) -> Option<&'a str> {
    f.last(key)
}

fn checked(f: &Fields, key: &str) -> bool {
    get(f, key).is_some_and(|v| !v.is_empty())
}

/// Common start of every form post, once [`CsrfForm`] has checked CSRF and origin: the person
/// id (read after that check, as it always was), or the 404 page.
pub(crate) fn start(t: Tr, id: &str) -> Result<PersonId, PageError> {
    person_id(id).map_err(|_| PageError::not_found(t))
}

#[tracing::instrument(skip_all)]
pub async fn consent(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let body = ConsentJson {
        interview: checked(&f, "interview"),
        purpose_explained: checked(&f, "purpose_explained"),
        data_use: checked(&f, "data_use"),
        data_sharing: checked(&f, "data_sharing"),
        research_use: checked(&f, "research_use"),
        storytelling: checked(&f, "storytelling"),
        right_to_see_explained: checked(&f, "right_to_see_explained"),
        withdrawal_explained: checked(&f, "withdrawal_explained"),
        retention_months: get(&f, "retention_months")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0),
    };
    let answers = body.parse().map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .record_consent(user.principal(), person, &answers, "page: record consent")
        .await
        .map(|_| ());
    back(person, r, t)
}

#[tracing::instrument(skip_all)]
pub async fn withdraw(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let body = WithdrawJson {
        purposes: Some(
            Purpose::ALL
                .iter()
                .filter(|p| checked(&f, p.as_str()))
                .map(|p| p.as_str().to_owned())
                .collect(),
        ),
    };
    let purposes = body.parse().map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .withdraw_consent(
            user.principal(),
            person,
            &purposes,
            "page: withdraw consent",
        )
        .await
        .map(|_| ());
    back(person, r, t)
}

#[tracing::instrument(skip_all)]
pub async fn assessment(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let mut domains = serde_json::Map::new();
    for d in DOMAINS {
        let scores: Vec<i64> = (0..d.subdomains.len())
            .map(|i| {
                get(&f, &format!("{}.{i}", d.key))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0)
            })
            .collect();
        domains.insert(d.key.to_owned(), serde_json::json!({ "scores": scores }));
    }
    let raw = serde_json::json!({
        "assessed_on": get(&f, "assessed_on").unwrap_or_default(),
        "domains": domains,
    });
    let parsed = serde_json::from_value::<NewAssessmentJson>(raw)
        .map_err(|_| FieldError::new("domains", "is malformed"))
        .and_then(|b| b.parse(crate::http::clock::now().date()));
    let (on, scores) = parsed.map_err(|e| invalid(person, &e))?;
    let r = state
        .store
        .add_assessment(
            user.principal(),
            person,
            on,
            &scores,
            "page: record an assessment",
        )
        .await
        .map(|_| ());
    back(person, r, t)
}
