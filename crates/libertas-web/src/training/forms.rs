//! The `/trainings` forms: record an event, edit one, record a mentoring session. Each checks
//! CSRF and origin, builds the API's request type and redirects back, naming the wrong field
//! (never a value) when input is refused.

use super::api::{training_id, NewMentoringJson, NewTrainingJson, ParticipantsJson};
use crate::http::error_page;
use crate::http::page_error;
use crate::http::PageUser;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::training::Audience;
use libertas_domain::FieldError;
use libertas_store::StoreError;
use std::collections::HashMap;

type FormFields = HashMap<String, String>;

/// Parses an event form into the API's request body and validates it; the error names the
/// wrong field (`participants.judge`, `pre_score`, …).
fn parse_event(f: &FormFields) -> Result<libertas_domain::training::NewTraining, FieldError> {
    let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let count = |a: Audience| -> Result<i64, FieldError> {
        let raw = get(&format!("n_{}", a.as_str()));
        if raw.is_empty() {
            return Ok(0);
        }
        raw.parse().map_err(|_| {
            FieldError::new(
                format!("participants.{}", a.as_str()),
                "must be a whole number",
            )
        })
    };
    let score = |k: &str| -> Result<Option<f64>, FieldError> {
        let raw = get(k);
        if raw.is_empty() {
            return Ok(None);
        }
        raw.replace(',', ".")
            .parse()
            .map(Some)
            .map_err(|_| FieldError::new(k, "must be a number from 0 to 100"))
    };
    let body = NewTrainingJson {
        topic: get("topic"),
        held_on: get("held_on"),
        place: get("place"),
        audiences: Audience::ALL
            .iter()
            .filter(|a| !get(&format!("aud_{}", a.as_str())).is_empty())
            .map(|a| a.as_str().to_owned())
            .collect(),
        participants: ParticipantsJson {
            police: count(Audience::Police)?,
            prosecutor: count(Audience::Prosecutor)?,
            judge: count(Audience::Judge)?,
            social_worker: count(Audience::SocialWorker)?,
            other: count(Audience::Other)?,
        },
        pre_score: score("pre_score")?,
        post_score: score("post_score")?,
    };
    body.parse()
}

fn back(to: &str, r: Result<(), StoreError>, t: Tr) -> Response {
    match r {
        Ok(()) => Redirect::to(to).into_response(),
        Err(StoreError::Invalid(e)) => refused(to, &e),
        Err(e) => page_error(t, e),
    }
}

fn refused(to: &str, e: &FieldError) -> Response {
    Redirect::to(&format!("{to}?error={}", e.field)).into_response()
}

#[allow(clippy::result_large_err)]
fn csrf_ok(
    user: &PageUser,
    method: &Method,
    headers: &HeaderMap,
    f: &FormFields,
) -> Result<(), Response> {
    let csrf = f.get("csrf").map(String::as_str).unwrap_or_default();
    user.0.check_form(method, headers, csrf)
}

#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Form(f): Form<FormFields>,
) -> Response {
    if let Err(r) = csrf_ok(&user, &method, &headers, &f) {
        return r;
    }
    let e = match parse_event(&f) {
        Ok(e) => e,
        Err(e) => return refused("/trainings", &e),
    };
    let r = state
        .store
        .create_training(user.principal(), &e, "page: record a training")
        .await
        .map(|_| ());
    back("/trainings", r, t)
}

#[tracing::instrument(skip_all)]
pub async fn update(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<FormFields>,
) -> Response {
    if let Err(r) = csrf_ok(&user, &method, &headers, &f) {
        return r;
    }
    let Ok(id) = training_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let to = format!("/trainings/{id}");
    let e = match parse_event(&f) {
        Ok(e) => e,
        Err(e) => return refused(&to, &e),
    };
    let r = state
        .store
        .update_training(user.principal(), id, &e, "page: update a training")
        .await
        .map(|_| ());
    back(&to, r, t)
}

#[tracing::instrument(skip_all)]
pub async fn add_mentoring(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Form(f): Form<FormFields>,
) -> Response {
    if let Err(r) = csrf_ok(&user, &method, &headers, &f) {
        return r;
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let minutes = match get("duration_minutes").trim().parse::<i64>() {
        Ok(m) => m,
        Err(_) => {
            return refused(
                "/trainings",
                &FieldError::new("duration_minutes", "is not a number"),
            )
        }
    };
    let body = NewMentoringJson {
        held_on: get("held_on"),
        mentee_type: get("mentee_type"),
        topic: get("topic"),
        duration_minutes: minutes,
        notes: f.get("notes").filter(|n| !n.trim().is_empty()).cloned(),
    };
    let m = match body.parse() {
        Ok(m) => m,
        Err(e) => return refused("/trainings", &e),
    };
    let r = state
        .store
        .add_mentoring(user.principal(), &m, "page: record a mentoring session")
        .await
        .map(|_| ());
    back("/trainings", r, t)
}
