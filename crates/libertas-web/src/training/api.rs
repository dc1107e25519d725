//! `/api/v1/trainings` and `/api/v1/mentoring`: training events and mentoring sessions of the
//! caller's organisation. Any staff member reads; admins and trainers write.

use crate::http::input::given;
use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::training::{
    gain, parse_duration, totals, Audience, MeanScore, MentoringNotes, NewMentoring, NewTraining,
    Participants, Place, Topic, TrainingTotals,
};
use libertas_domain::FieldError;
use libertas_store::training::{MentoringView, TrainingView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Participants counted per professional type; absent types count 0.
#[derive(Deserialize, Serialize, ToSchema, Default, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ParticipantsJson {
    #[serde(default, deserialize_with = "crate::http::input::whole")]
    #[schema(minimum = 0, maximum = 100_000)]
    pub police: i64,
    #[serde(default, deserialize_with = "crate::http::input::whole")]
    #[schema(minimum = 0, maximum = 100_000)]
    pub prosecutor: i64,
    #[serde(default, deserialize_with = "crate::http::input::whole")]
    #[schema(minimum = 0, maximum = 100_000)]
    pub judge: i64,
    #[serde(default, deserialize_with = "crate::http::input::whole")]
    #[schema(minimum = 0, maximum = 100_000)]
    pub social_worker: i64,
    #[serde(default, deserialize_with = "crate::http::input::whole")]
    #[schema(minimum = 0, maximum = 100_000)]
    pub other: i64,
}

impl ParticipantsJson {
    fn parse(&self) -> Result<Participants, FieldError> {
        Participants::parse([
            self.police,
            self.prosecutor,
            self.judge,
            self.social_worker,
            self.other,
        ])
    }

    fn from(p: &Participants) -> Self {
        let n = |a| i64::from(p.get(a));
        Self {
            police: n(Audience::Police),
            prosecutor: n(Audience::Prosecutor),
            judge: n(Audience::Judge),
            social_worker: n(Audience::SocialWorker),
            other: n(Audience::Other),
        }
    }
}

/// A training event as written (POST and PUT).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTrainingJson {
    /// 1 to 200 characters.
    #[schema(schema_with = schema::text::<Topic>)]
    pub topic: String,
    /// `YYYY-MM-DD`.
    #[schema(schema_with = schema::date)]
    pub held_on: String,
    /// A venue or town, 1 to 200 characters.
    #[schema(schema_with = schema::text::<Place>)]
    pub place: String,
    /// 1 to 50 of police, prosecutor, judge, social_worker, other (one given twice counts
    /// once).
    #[schema(schema_with = schema::code_items::<Audience, 1, MAX_AUDIENCES>)]
    pub audiences: Vec<String>,
    /// Participants per type; a type counted here must be one of `audiences` (else 400 naming
    /// `participants.<type>`).
    pub participants: ParticipantsJson,
    /// Mean score of the test before the training, 0 to 100.
    #[schema(minimum = 0, maximum = 100)]
    pub pre_score: Option<f64>,
    /// Mean score of the test after the training, 0 to 100.
    #[schema(minimum = 0, maximum = 100)]
    pub post_score: Option<f64>,
}

/// The most audience entries a training lists (there are five audiences; repeats count once).
const MAX_AUDIENCES: usize = 50;

impl NewTrainingJson {
    pub fn parse(&self) -> Result<NewTraining, FieldError> {
        if self.audiences.len() > MAX_AUDIENCES {
            return Err(FieldError::new(
                "audiences",
                format!("must hold at most {MAX_AUDIENCES} values"),
            ));
        }
        let mut audiences = vec![];
        for (i, a) in self.audiences.iter().enumerate() {
            let a = Audience::parse(a, &format!("audiences[{i}]"))?;
            if !audiences.contains(&a) {
                audiences.push(a);
            }
        }
        let e = NewTraining {
            topic: Topic::parse(&self.topic)?,
            held_on: parse_date("held_on", &self.held_on)?,
            place: Place::parse(&self.place)?,
            audiences,
            participants: self.participants.parse()?,
            pre_score: self
                .pre_score
                .map(|v| MeanScore::parse(v, "pre_score"))
                .transpose()?,
            post_score: self
                .post_score
                .map(|v| MeanScore::parse(v, "post_score"))
                .transpose()?,
        };
        e.check()?;
        Ok(e)
    }
}

/// A training event with its total and gain (post minus pre, when both were measured).
#[derive(Serialize, ToSchema)]
pub struct TrainingJson {
    id: String,
    topic: String,
    held_on: String,
    place: String,
    audiences: Vec<String>,
    participants: ParticipantsJson,
    total_participants: u64,
    pre_score: Option<f64>,
    post_score: Option<f64>,
    gain: Option<f64>,
    created_by: String,
    created_at: String,
    updated_at: String,
}

impl From<&TrainingView> for TrainingJson {
    fn from(v: &TrainingView) -> Self {
        let e = &v.event;
        Self {
            id: v.id.clone(),
            topic: e.topic.as_str().to_owned(),
            held_on: date_text(e.held_on),
            place: e.place.as_str().to_owned(),
            audiences: e.audiences.iter().map(|a| a.as_str().to_owned()).collect(),
            participants: ParticipantsJson::from(&e.participants),
            total_participants: e.participants.total(),
            pre_score: e.pre_score.map(MeanScore::value),
            post_score: e.post_score.map(MeanScore::value),
            gain: gain(e.pre_score, e.post_score),
            created_by: v.created_by.clone(),
            created_at: v.created_at.clone(),
            updated_at: v.updated_at.clone(),
        }
    }
}

/// Participants per professional type summed over many events: unbounded, unlike one
/// event's counts ([`ParticipantsJson`]).
#[derive(Serialize, ToSchema)]
pub struct ParticipantTotalsJson {
    police: u64,
    prosecutor: u64,
    judge: u64,
    social_worker: u64,
    other: u64,
}

/// Totals over the listed events.
#[derive(Serialize, ToSchema)]
pub struct TotalsJson {
    events: usize,
    participants: ParticipantTotalsJson,
    total_participants: u64,
    mean_pre_score: Option<f64>,
    mean_post_score: Option<f64>,
    /// The mean of post minus pre over the events that measured both.
    mean_gain: Option<f64>,
}

impl From<&TrainingTotals> for TotalsJson {
    fn from(t: &TrainingTotals) -> Self {
        let c = |i: usize| t.participants[i];
        Self {
            events: t.events,
            participants: ParticipantTotalsJson {
                police: c(0),
                prosecutor: c(1),
                judge: c(2),
                social_worker: c(3),
                other: c(4),
            },
            total_participants: t.total,
            mean_pre_score: t.mean_pre,
            mean_post_score: t.mean_post,
            mean_gain: t.mean_gain,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TrainingListJson {
    trainings: Vec<TrainingJson>,
    totals: TotalsJson,
}

/// A mentoring session as written.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMentoringJson {
    /// `YYYY-MM-DD`.
    #[schema(schema_with = schema::date)]
    pub held_on: String,
    /// police, prosecutor, judge, social_worker or other.
    #[schema(schema_with = schema::code::<Audience>)]
    pub mentee_type: String,
    /// 1 to 200 characters.
    #[schema(schema_with = schema::text::<Topic>)]
    pub topic: String,
    /// 1 to 720.
    #[schema(minimum = 1, maximum = 720)]
    #[serde(deserialize_with = "crate::http::input::whole")]
    pub duration_minutes: i64,
    /// Sealed; shown to admins and trainers only.
    #[schema(schema_with = schema::blank_or_text::<MentoringNotes>)]
    pub notes: Option<String>,
}

impl NewMentoringJson {
    pub fn parse(&self) -> Result<NewMentoring, FieldError> {
        Ok(NewMentoring {
            held_on: parse_date("held_on", &self.held_on)?,
            mentee_type: Audience::parse(&self.mentee_type, "mentee_type")?,
            topic: Topic::parse(&self.topic)?,
            duration_minutes: parse_duration(self.duration_minutes)?,
            notes: given(&self.notes).map(MentoringNotes::parse).transpose()?,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct MentoringJson {
    id: String,
    held_on: String,
    mentee_type: String,
    topic: String,
    duration_minutes: i64,
    /// Null when there are none or the caller's role may not read them.
    notes: Option<String>,
    created_by: String,
    created_at: String,
}

impl From<&MentoringView> for MentoringJson {
    fn from(m: &MentoringView) -> Self {
        Self {
            id: m.id.clone(),
            held_on: date_text(m.held_on),
            mentee_type: m.mentee_type.as_str().to_owned(),
            topic: m.topic.clone(),
            duration_minutes: m.duration_minutes,
            notes: m.notes.clone(),
            created_by: m.created_by.clone(),
            created_at: m.created_at.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MentoringListJson {
    sessions: Vec<MentoringJson>,
}

pub(super) fn training_id(raw: &str) -> Result<Uuid, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be a training id (a UUID)"))
}

pub(super) fn list_json(list: &[TrainingView]) -> TrainingListJson {
    TrainingListJson {
        trainings: list.iter().map(Into::into).collect(),
        totals: TotalsJson::from(&totals(list.iter().map(|v| &v.event))),
    }
}

/// Records a training event. 400 naming `participants.<type>` when a type is counted that is
/// not one of the event's audiences.
#[utoipa::path(post, path = "/api/v1/trainings", tag = "training", request_body = NewTrainingJson,
    responses((status = 201, body = TrainingJson), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<NewTrainingJson>,
) -> Result<Response, ApiError> {
    let e = body.parse()?;
    let v = state
        .store
        .create_training(&p, &e, "api: record a training")
        .await?;
    Ok((StatusCode::CREATED, Json(TrainingJson::from(&v))).into_response())
}

/// The organisation's training events, newest first, with totals.
#[utoipa::path(get, path = "/api/v1/trainings", tag = "training",
    responses((status = 200, body = TrainingListJson), (status = 401)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Json<TrainingListJson>, ApiError> {
    let list = state.store.trainings(&p).await?;
    Ok(Json(list_json(&list)))
}

/// One training event.
#[utoipa::path(get, path = "/api/v1/trainings/{id}", tag = "training",
    params(("id" = String, Path, description = "training id")),
    responses((status = 200, body = TrainingJson), (status = 400), (status = 401), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(id): Path<String>,
) -> Result<Json<TrainingJson>, ApiError> {
    let v = state.store.training(&p, training_id(&id)?).await?;
    Ok(Json(TrainingJson::from(&v)))
}

/// Replaces a training event's fields (the same rules as recording one).
#[utoipa::path(put, path = "/api/v1/trainings/{id}", tag = "training", request_body = NewTrainingJson,
    params(("id" = String, Path, description = "training id")),
    responses((status = 200, body = TrainingJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn update(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewTrainingJson>,
) -> Result<Json<TrainingJson>, ApiError> {
    let id = training_id(&id)?;
    let e = body.parse()?;
    let v = state
        .store
        .update_training(&p, id, &e, "api: update a training")
        .await?;
    Ok(Json(TrainingJson::from(&v)))
}

/// Records a mentoring session.
#[utoipa::path(post, path = "/api/v1/mentoring", tag = "training", request_body = NewMentoringJson,
    responses((status = 201, body = MentoringJson), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn add_mentoring(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<NewMentoringJson>,
) -> Result<Response, ApiError> {
    let m = body.parse()?;
    let v = state
        .store
        .add_mentoring(&p, &m, "api: record a mentoring session")
        .await?;
    Ok((StatusCode::CREATED, Json(MentoringJson::from(&v))).into_response())
}

/// The organisation's mentoring sessions, newest first.
#[utoipa::path(get, path = "/api/v1/mentoring", tag = "training",
    responses((status = 200, body = MentoringListJson), (status = 401)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn mentoring(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Json<MentoringListJson>, ApiError> {
    let list = state
        .store
        .mentoring_sessions(&p, "api: read mentoring sessions")
        .await?;
    Ok(Json(MentoringListJson {
        sessions: list.iter().map(Into::into).collect(),
    }))
}
