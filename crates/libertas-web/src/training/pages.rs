//! `/trainings` (events with totals by audience and the average gain, mentoring sessions, and
//! the forms to record both) and `/trainings/{id}` (one event with its edit form); the forms
//! post to `forms.rs`.

use super::api::training_id;
use crate::http::PageUser;
use crate::http::{render, Chrome, OrPage, PageError, PageResult};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use libertas_domain::admin::Capability;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::training::{gain, totals, Audience, MeanScore};
use libertas_store::training::TrainingView;
use libertas_store::StoreError;
use std::collections::HashMap;

/// One event as a table row (numbers already formatted).
pub struct EventRow {
    pub id: String,
    pub held_on: String,
    pub topic: String,
    pub place: String,
    pub audiences: String,
    pub counts: Vec<String>,
    pub total: String,
    pub pre: String,
    pub post: String,
    pub gain: String,
}

pub struct MentoringRow {
    pub held_on: String,
    pub mentee: String,
    pub topic: String,
    pub minutes: i64,
    pub notes: String,
}

/// The values an event form starts with.
pub struct EventForm {
    pub topic: String,
    pub held_on: String,
    pub place: String,
    /// (code, label, ticked, count) per audience type.
    pub audiences: Vec<(&'static str, String, bool, u32)>,
    pub pre: String,
    pub post: String,
}

#[derive(Template)]
#[template(path = "training/list.html")]
pub struct ListPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub error: Option<String>,
    pub can_write: bool,
    pub audience_labels: Vec<String>,
    pub events: Vec<EventRow>,
    pub total_counts: Vec<String>,
    pub total: String,
    pub mean_pre: String,
    pub mean_post: String,
    pub mean_gain: String,
    pub form: EventForm,
    pub mentee_types: Vec<(&'static str, String)>,
    pub sessions: Vec<MentoringRow>,
}

#[derive(Template)]
#[template(path = "training/show.html")]
pub struct ShowPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub error: Option<String>,
    pub can_write: bool,
    pub audience_labels: Vec<String>,
    pub event: EventRow,
    pub form: EventForm,
}

fn label(t: &Tr, a: Audience) -> String {
    t.get(&format!(
        "training-audience-{}",
        a.as_str().replace('_', "-")
    ))
}

fn one(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_default()
}

/// A mean score as the reader writes it (`62,5`), for tables; forms keep [`one`].
fn shown(t: &Tr, v: Option<f64>) -> String {
    v.map(|v| t.decimal(v, 1)).unwrap_or_default()
}

/// A gain with its sign (`+12,5`), as the reader writes it.
fn signed(t: &Tr, v: Option<f64>) -> String {
    v.map(|v| {
        let sign = if v > -0.05 { "+" } else { "" };
        format!("{sign}{}", t.decimal(v, 1))
    })
    .unwrap_or_default()
}

/// A count with the reader's group separator.
fn count(t: &Tr, n: u64) -> String {
    t.number(i64::try_from(n).unwrap_or(i64::MAX))
}

fn row(t: &Tr, v: &TrainingView) -> EventRow {
    let e = &v.event;
    EventRow {
        id: v.id.clone(),
        held_on: date_text(e.held_on),
        topic: e.topic.as_str().to_owned(),
        place: e.place.as_str().to_owned(),
        audiences: e
            .audiences
            .iter()
            .map(|a| label(t, *a))
            .collect::<Vec<_>>()
            .join(", "),
        counts: Audience::ALL
            .iter()
            .map(|a| count(t, u64::from(e.participants.get(*a))))
            .collect(),
        total: count(t, e.participants.total()),
        pre: shown(t, e.pre_score.map(MeanScore::value)),
        post: shown(t, e.post_score.map(MeanScore::value)),
        gain: signed(t, gain(e.pre_score, e.post_score)),
    }
}

fn blank_form(t: &Tr) -> EventForm {
    EventForm {
        topic: String::new(),
        held_on: String::new(),
        place: String::new(),
        audiences: Audience::ALL
            .iter()
            .map(|a| (a.as_str(), label(t, *a), false, 0))
            .collect(),
        pre: String::new(),
        post: String::new(),
    }
}

fn filled_form(t: &Tr, v: &TrainingView) -> EventForm {
    let e = &v.event;
    EventForm {
        topic: e.topic.as_str().to_owned(),
        held_on: date_text(e.held_on),
        place: e.place.as_str().to_owned(),
        audiences: Audience::ALL
            .iter()
            .map(|a| {
                let ticked = e.audiences.contains(a);
                (a.as_str(), label(t, *a), ticked, e.participants.get(*a))
            })
            .collect(),
        pre: one(e.pre_score.map(MeanScore::value)),
        post: one(e.post_score.map(MeanScore::value)),
    }
}

fn error_of(t: &Tr, q: &HashMap<String, String>) -> Option<String> {
    q.get("error")
        .filter(|f| f.len() <= 64 && f.chars().all(|c| c.is_ascii_graphic()))
        .map(|f| t.arg("training-error", "field", f))
}

pub async fn list(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    crate::http::PageQuery(q): crate::http::PageQuery<HashMap<String, String>>,
) -> PageResult {
    let p = user.principal();
    let loaded = async {
        let events = state.store.trainings(p).await?;
        let sessions = state
            .store
            .mentoring_sessions(p, "page: trainings, read mentoring")
            .await?;
        Ok::<_, StoreError>((events, sessions))
    }
    .await;
    let (events, sessions) = loaded.or_page(t)?;
    let sum = totals(events.iter().map(|v| &v.event));
    let page = ListPage {
        chrome,
        error: error_of(&t, &q),
        can_write: p.can(Capability::Train),
        audience_labels: Audience::ALL.iter().map(|a| label(&t, *a)).collect(),
        events: events.iter().map(|v| row(&t, v)).collect(),
        total_counts: sum.participants.iter().map(|n| count(&t, *n)).collect(),
        total: count(&t, sum.total),
        mean_pre: shown(&t, sum.mean_pre),
        mean_post: shown(&t, sum.mean_post),
        mean_gain: signed(&t, sum.mean_gain),
        form: blank_form(&t),
        mentee_types: Audience::ALL
            .iter()
            .map(|a| (a.as_str(), label(&t, *a)))
            .collect(),
        sessions: sessions
            .iter()
            .map(|m| MentoringRow {
                held_on: date_text(m.held_on),
                mentee: label(&t, m.mentee_type),
                topic: m.topic.clone(),
                minutes: m.duration_minutes,
                notes: m.notes.clone().unwrap_or_default(),
            })
            .collect(),
        t,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path(id): Path<String>,
    crate::http::PageQuery(q): crate::http::PageQuery<HashMap<String, String>>,
) -> PageResult {
    // Training ids are read by `training_id`; a malformed one is the 404 page.
    let id = training_id(&id).map_err(|_| PageError::not_found(t))?;
    let p = user.principal();
    let v = state.store.training(p, id).await.or_page(t)?;
    let page = ShowPage {
        chrome,
        error: error_of(&t, &q),
        can_write: p.can(Capability::Train),
        audience_labels: Audience::ALL.iter().map(|a| label(&t, *a)).collect(),
        event: row(&t, &v),
        form: filled_form(&t, &v),
        t,
    };
    Ok(render(StatusCode::OK, &page))
}
