//! `/people/duplicates` (queue, job progress, merge history), `/people/duplicates/{id}` (a
//! pair's review with merge and "not the same person"), and `/people/merges/{id}/undo`.

use super::views::{EntryRow, JobLine, MergeRow, PairPage, QueuePage, Side};
use crate::http::{
    render, Chrome, CsrfForm, CsrfOnly, Fields, OrPage, PageResult, PageUser, PathId,
};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::ids::{DedupeCandidateId, PersonMergeId};
use libertas_store::people::PersonView;

fn side(t: &Tr, v: &PersonView) -> Side {
    let name = match (&v.given_name, &v.family_name) {
        (Some(g), Some(f)) => format!("{g} {f}"),
        _ => t.get("person-erased-short"),
    };
    Side {
        id: v.id.to_string(),
        name,
        birth_date: v
            .birth_date
            .as_deref()
            .map(|d| t.date(d))
            .unwrap_or_default(),
        phone: v.phone.clone().unwrap_or_default(),
        email: v.email.clone().unwrap_or_default(),
    }
}

fn percent(score: f64) -> String {
    format!("{:.0}%", score * 100.0)
}

fn field_names(t: &Tr, fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| t.get(&format!("dupes-field-{}", f.replace('_', "-"))))
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn queue(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
) -> PageResult {
    let p = user.principal();
    let q = state
        .store
        .review_queue(p, "page: the duplicates review queue")
        .await
        .or_page(t)?;
    let job = state
        .store
        .dedupe_jobs(p.into(), p.org_id)
        .await
        .or_page(t)?
        .into_iter()
        .next()
        .map(|j| {
            let stage = t.get(&format!("dupes-stage-{}", j.stage));
            let text = if j.status == "running" {
                t.arg(
                    "dupes-job-running",
                    "stage",
                    &format!("{stage} {}/{}", j.done, j.total),
                )
            } else if j.status == "failed" {
                t.get("dupes-job-failed")
            } else {
                t.arg("dupes-job-done", "n", &j.candidates.to_string())
                    + " "
                    + &t.arg("dupes-job-people", "n", &j.people.to_string())
            };
            JobLine {
                text,
                running: j.status == "running",
            }
        });
    let entries = q
        .entries
        .iter()
        .map(|e| EntryRow {
            id: e.id.to_string(),
            pair: e
                .pair
                .as_ref()
                .map(|p| (side(&t, &p.a), side(&t, &p.b), percent(p.score))),
            yours: e.yours.map(|y| y.to_string()),
            ask: e.ask.join(", "),
        })
        .collect();
    let merges = q
        .merges
        .iter()
        .map(|m| MergeRow {
            id: m.id.to_string(),
            kept_id: m.kept_id.to_string(),
            absorbed_id: m.absorbed_id.to_string(),
            merged_at: t.date(&m.merged_at),
            active: m.undone_at.is_none(),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &QueuePage {
            t,
            chrome,
            job,
            entries,
            merges,
        },
    ))
}

pub async fn review(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<DedupeCandidateId>,
) -> PageResult {
    let pair = state
        .store
        .dedupe_candidate(user.principal(), id, "page: review a duplicate candidate")
        .await
        .or_page(t)?;
    Ok(render(
        StatusCode::OK,
        &PairPage {
            a: side(&t, &pair.a),
            b: side(&t, &pair.b),
            score: percent(pair.score),
            fields: field_names(&t, &pair.fields),
            id: pair.id.to_string(),
            t,
            chrome,
        },
    ))
}

pub async fn merge(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<DedupeCandidateId>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> PageResult {
    let m = state
        .store
        .merge_candidate(user.principal(), id, "page: merge duplicate records")
        .await
        .or_page(t)?;
    Ok(Redirect::to(&format!("/people/{}", m.kept_id)).into_response())
}

pub async fn dismiss(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<DedupeCandidateId>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> PageResult {
    state
        .store
        .dismiss_candidate(user.principal(), id, "page: not the same person")
        .await
        .or_page(t)?;
    Ok(Redirect::to("/people/duplicates").into_response())
}

/// Undoes a merge; back to the queue, or to the kept record's page when the form was sent
/// from a person's page (`back=person`).
pub async fn undo(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<PersonMergeId>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let kept = state
        .store
        .undo_merge(user.principal(), id, "page: undo a merge of person records")
        .await
        .or_page(t)?;
    if f.last("back") == Some("person") {
        return Ok(Redirect::to(&format!("/people/{kept}")).into_response());
    }
    Ok(Redirect::to("/people/duplicates").into_response())
}

/// Starts the duplicates job now (administrators); back to the queue, which shows its
/// progress. A job already running is not started twice: the queue shows that one.
pub async fn start_job(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> PageResult {
    match state.store.start_dedupe_job(user.principal()).await {
        Ok(_) | Err(libertas_store::StoreError::Refused { .. }) => {
            Ok(Redirect::to("/people/duplicates").into_response())
        }
        Err(e) => Err(crate::http::PageError::store(t, e)),
    }
}
