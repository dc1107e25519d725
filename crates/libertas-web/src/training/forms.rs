//! The `/trainings` forms: record an event, edit one, record a mentoring session. Each checks
//! CSRF and origin, builds the API's request type and redirects back, naming the wrong field
//! (never a value) when input is refused.

use super::api::{training_id, NewMentoringJson, NewTrainingJson, ParticipantsJson};
use crate::http::{CsrfForm, Fields, PageError, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use libertas_domain::training::Audience;
use libertas_domain::FieldError;
use libertas_store::StoreError;

/// The value of a field as the form was read before (the last one sent), trimmed; empty
/// when absent.
fn get(f: &Fields, k: &str) -> String {
    f.last(k).map(|v| v.trim().to_owned()).unwrap_or_default()
}

/// Parses an event form into the API's request body and validates it; the error names the
/// wrong field (`participants.judge`, `pre_score`, …).
fn parse_event(f: &Fields) -> Result<libertas_domain::training::NewTraining, FieldError> {
    let get = |k: &str| get(f, k);
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

fn back(to: &str, r: Result<(), StoreError>, t: Tr) -> PageResult {
    match r {
        Ok(()) => Ok(Redirect::to(to).into_response()),
        Err(StoreError::Invalid(e)) => Err(refused(to, &e)),
        Err(e) => Err(PageError::store(t, e)),
    }
}

fn refused(to: &str, e: &FieldError) -> PageError {
    PageError::redirect(format!("{to}?error={}", e.field))
}

#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let e = parse_event(&f).map_err(|e| refused("/trainings", &e))?;
    let r = state
        .store
        .create_training(user.principal(), &e, "page: record a training")
        .await
        .map(|_| ());
    back("/trainings", r, t)
}

/// The id is read after the form's CSRF check, as it always was: a forged form with a bad id
/// is a 403, not a 404.
#[tracing::instrument(skip_all)]
pub async fn update(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = training_id(&id).map_err(|_| PageError::not_found(t))?;
    let to = format!("/trainings/{id}");
    let e = parse_event(&f).map_err(|e| refused(&to, &e))?;
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
    user: PageUser,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let raw = |k: &str| f.last(k).map(str::to_owned).unwrap_or_default();
    let minutes = raw("duration_minutes").trim().parse::<i64>().map_err(|_| {
        refused(
            "/trainings",
            &FieldError::new("duration_minutes", "is not a number"),
        )
    })?;
    let body = NewMentoringJson {
        held_on: raw("held_on"),
        mentee_type: raw("mentee_type"),
        topic: raw("topic"),
        duration_minutes: minutes,
        notes: f
            .last("notes")
            .filter(|n| !n.trim().is_empty())
            .map(str::to_owned),
    };
    let m = body.parse().map_err(|e| refused("/trainings", &e))?;
    let r = state
        .store
        .add_mentoring(user.principal(), &m, "page: record a mentoring session")
        .await
        .map(|_| ());
    back("/trainings", r, t)
}
