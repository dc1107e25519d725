//! The care page's forms: record consent, withdraw consent, record an assessment. Each
//! checks CSRF and origin first, builds the same request type as the API, and redirects back
//! to the care page (naming the wrong field, never a value, when input is refused).

use super::api::{person_id, ConsentJson, NewAssessmentJson, WithdrawJson};
use crate::http::error_page;
use crate::http::page_error;
use crate::http::PageUser;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::care::{Purpose, DOMAINS};
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use libertas_store::StoreError;
use std::collections::HashMap;

/// The result of a form post: back to the care page, naming the wrong field if any.
pub(crate) fn back(id: PersonId, result: Result<(), StoreError>, t: Tr) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("/people/{id}/care")).into_response(),
        Err(e) => match e.field() {
            Some(f) => invalid(id, f),
            None => page_error(t, e),
        },
    }
}

pub(crate) fn invalid(id: PersonId, e: &FieldError) -> Response {
    Redirect::to(&format!("/people/{id}/care?error={}", e.field)).into_response()
}

pub(crate) type FormFields = HashMap<String, String>;

fn checked(f: &FormFields, key: &str) -> bool {
    f.get(key).is_some_and(|v| !v.is_empty())
}

/// Common start of every form post: CSRF and origin, then the person id. The error is the
/// page to answer with (as in `check_form`).
#[allow(clippy::result_large_err)]
pub(crate) fn start(
    user: &PageUser,
    t: Tr,
    method: &Method,
    headers: &HeaderMap,
    id: &str,
    f: &FormFields,
) -> Result<PersonId, Response> {
    let csrf = f.get("csrf").map(String::as_str).unwrap_or_default();
    user.0.check_form(method, headers, csrf)?;
    person_id(id).map_err(|_| error_page(t.lang, StatusCode::NOT_FOUND))
}

#[tracing::instrument(skip_all)]
pub async fn consent(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let body = ConsentJson {
        interview: checked(&f, "interview"),
        purpose_explained: checked(&f, "purpose_explained"),
        data_use: checked(&f, "data_use"),
        data_sharing: checked(&f, "data_sharing"),
        research_use: checked(&f, "research_use"),
        right_to_see_explained: checked(&f, "right_to_see_explained"),
        withdrawal_explained: checked(&f, "withdrawal_explained"),
        retention_months: f
            .get("retention_months")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0),
    };
    let answers = match body.parse() {
        Ok(a) => a,
        Err(e) => return invalid(person, &e),
    };
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let body = WithdrawJson {
        purposes: Some(
            Purpose::ALL
                .iter()
                .filter(|p| checked(&f, p.as_str()))
                .map(|p| p.as_str().to_owned())
                .collect(),
        ),
    };
    let purposes = match body.parse() {
        Ok(p) => p,
        Err(e) => return invalid(person, &e),
    };
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<FormFields>,
) -> Response {
    let person = match start(&user, t, &method, &headers, &id, &f) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let mut domains = serde_json::Map::new();
    for d in DOMAINS {
        let scores: Vec<i64> = (0..d.subdomains.len())
            .map(|i| {
                f.get(&format!("{}.{i}", d.key))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0)
            })
            .collect();
        domains.insert(d.key.to_owned(), serde_json::json!({ "scores": scores }));
    }
    let raw = serde_json::json!({
        "assessed_on": f.get("assessed_on").cloned().unwrap_or_default(),
        "domains": domains,
    });
    let parsed = serde_json::from_value::<NewAssessmentJson>(raw)
        .map_err(|_| FieldError::new("domains", "is malformed"))
        .and_then(|b| b.parse(crate::http::clock::now().date()));
    let (on, scores) = match parsed {
        Ok(x) => x,
        Err(e) => return invalid(person, &e),
    };
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
