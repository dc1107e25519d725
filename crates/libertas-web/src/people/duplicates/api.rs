//! `/api/v1/duplicates…` and `/api/v1/merges/{id}/undo`.

use crate::http::{ApiError, ApiPathId, ApiPrincipal};
use crate::people::PersonJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::ids::{DedupeCandidateId, PersonMergeId};
use libertas_store::people::dedupe::{DedupeJob, MergeView, QueueEntry, ReviewQueue};
use serde::Serialize;
use utoipa::ToSchema;

/// Both records of a candidate, for a caseworker on a case of each.
#[derive(Serialize, ToSchema)]
pub struct CandidatePairJson {
    #[schema(format = "uuid")]
    id: String,
    /// The older record, kept by a merge.
    a: PersonJson,
    /// The newer record, merged into `a`.
    b: PersonJson,
    /// Match probability from 0 to 1.
    score: f64,
    /// Names of the fields on which the two records agree (never values).
    fields: Vec<String>,
}

/// One open candidate as the caller may see it: the pair in full, or only that it exists,
/// the one record the caller may see (if any) and whom to ask.
#[derive(Serialize, ToSchema)]
pub struct QueueEntryJson {
    #[schema(format = "uuid")]
    id: String,
    /// Both records, when the caller is a member of a case of each; otherwise null.
    pair: Option<CandidatePairJson>,
    /// Otherwise the id of the one record the caller may see, if any.
    #[schema(format = "uuid")]
    yours: Option<String>,
    /// Otherwise the usernames of the members of the other record's cases, to ask.
    ask: Vec<String>,
}

/// A merge (ids and times only).
#[derive(Serialize, ToSchema)]
pub struct MergeJson {
    #[schema(format = "uuid")]
    id: String,
    #[schema(format = "uuid")]
    candidate_id: String,
    #[schema(format = "uuid")]
    kept_id: String,
    #[schema(format = "uuid")]
    absorbed_id: String,
    /// Names of the fields the kept record received from the absorbed one.
    filled: Vec<String>,
    merged_at: String,
    /// Set once the merge was undone.
    undone_at: Option<String>,
}

/// The review queue: open candidates and the merges the caller may undo.
#[derive(Serialize, ToSchema)]
pub struct DuplicateQueueJson {
    candidates: Vec<QueueEntryJson>,
    merges: Vec<MergeJson>,
}

/// A run of the duplicates job and its progress.
#[derive(Serialize, ToSchema)]
pub struct DedupeJobJson {
    #[schema(format = "uuid")]
    id: String,
    /// `running`, `done` or `failed`.
    status: String,
    /// `reading`, `training`, `scoring`, `clustering`, `storing`, `done` or `failed`.
    stage: String,
    /// Units of the current stage done, and expected (0: unknown).
    done: i64,
    total: i64,
    /// People linked, and candidate pairs stored (once done).
    people: i64,
    candidates: i64,
    started_at: String,
    finished_at: Option<String>,
}

pub(crate) fn job_json(j: DedupeJob) -> DedupeJobJson {
    DedupeJobJson {
        id: j.id,
        status: j.status,
        stage: j.stage,
        done: j.done,
        total: j.total,
        people: j.people,
        candidates: j.candidates,
        started_at: j.started_at,
        finished_at: j.finished_at,
    }
}

fn merge_json(m: MergeView) -> MergeJson {
    MergeJson {
        id: m.id.to_string(),
        candidate_id: m.candidate_id.to_string(),
        kept_id: m.kept_id.to_string(),
        absorbed_id: m.absorbed_id.to_string(),
        filled: m.filled,
        merged_at: m.merged_at,
        undone_at: m.undone_at,
    }
}

fn pair_json(p: libertas_store::people::dedupe::CandidatePair) -> CandidatePairJson {
    CandidatePairJson {
        id: p.id.to_string(),
        a: p.a.into(),
        b: p.b.into(),
        score: p.score,
        fields: p.fields,
    }
}

fn entry_json(e: QueueEntry) -> QueueEntryJson {
    QueueEntryJson {
        id: e.id.to_string(),
        pair: e.pair.map(pair_json),
        yours: e.yours.map(|y| y.to_string()),
        ask: e.ask,
    }
}

fn queue_json(q: ReviewQueue) -> DuplicateQueueJson {
    DuplicateQueueJson {
        candidates: q.entries.into_iter().map(entry_json).collect(),
        merges: q.merges.into_iter().map(merge_json).collect(),
    }
}

/// The review queue of the caller's organisation (case work only).
#[utoipa::path(get, path = "/api/v1/duplicates", tag = "people",
    responses((status = 200, body = DuplicateQueueJson), (status = 401), (status = 403)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn queue(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Json<DuplicateQueueJson>, ApiError> {
    let q = state
        .store
        .review_queue(&p, "api: read the duplicates review queue")
        .await?;
    Ok(Json(queue_json(q)))
}

/// The organisation's latest runs of the duplicates job, newest first, with their progress.
#[utoipa::path(get, path = "/api/v1/duplicates/jobs", tag = "people",
    responses((status = 200, description = "`{\"jobs\": [DedupeJob]}`"), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn jobs(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Response, ApiError> {
    let jobs: Vec<DedupeJobJson> = state
        .store
        .dedupe_jobs((&p).into(), p.org_id)
        .await?
        .into_iter()
        .map(job_json)
        .collect();
    Ok(Json(serde_json::json!({ "jobs": jobs })).into_response())
}

/// Starts the duplicates job over your organisation now, in the background (administrators).
/// Answers at once with the job, `running`; its progress is in `GET /api/v1/duplicates/jobs`.
#[utoipa::path(post, path = "/api/v1/duplicates/jobs", tag = "people",
    responses(
        (status = 202, body = DedupeJobJson),
        (status = 401),
        (status = 403, description = "Only administrators start the job."),
        (status = 409, description = "A job is already running for your organisation (`field`: `job`).")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn start_job(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Response, ApiError> {
    let job = state.store.start_dedupe_job(&p).await?;
    Ok((StatusCode::ACCEPTED, Json(job_json(job))).into_response())
}

/// One open candidate in full (404 unless the caller is on a case of each record).
#[utoipa::path(get, path = "/api/v1/duplicates/{id}", tag = "people",
    params(("id" = String, Path, description = "candidate id")),
    responses((status = 200, body = CandidatePairJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<DedupeCandidateId>,
) -> Result<Json<CandidatePairJson>, ApiError> {
    let pair = state
        .store
        .dedupe_candidate(&p, id, "api: review a duplicate candidate")
        .await?;
    Ok(Json(pair_json(pair)))
}

/// Merges the newer record of an open candidate into the older one (undoable).
#[utoipa::path(post, path = "/api/v1/duplicates/{id}/merge", tag = "people",
    params(("id" = String, Path, description = "candidate id")),
    responses((status = 201, body = MergeJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn merge(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<DedupeCandidateId>,
) -> Result<Response, ApiError> {
    let m = state
        .store
        .merge_candidate(&p, id, "api: merge duplicate records")
        .await?;
    Ok((StatusCode::CREATED, Json(merge_json(m))).into_response())
}

/// "Not the same person": the pair is closed and never proposed again.
#[utoipa::path(post, path = "/api/v1/duplicates/{id}/dismiss", tag = "people",
    params(("id" = String, Path, description = "candidate id")),
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn dismiss(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<DedupeCandidateId>,
) -> Result<Response, ApiError> {
    state
        .store
        .dismiss_candidate(&p, id, "api: not the same person")
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Undoes an active merge: both records as they were before it, the pair open again.
#[utoipa::path(post, path = "/api/v1/merges/{id}/undo", tag = "people",
    params(("id" = String, Path, description = "merge id")),
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn undo(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<PersonMergeId>,
) -> Result<Response, ApiError> {
    state
        .store
        .undo_merge(&p, id, "api: undo a merge of person records")
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
