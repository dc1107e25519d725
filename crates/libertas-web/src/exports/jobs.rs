//! The export page's background jobs (`docs/exports.md`, "The export page"): `POST /exports`
//! starts one ([`start`]); `GET /exports/jobs/{id}` shows what it exports and how far it got,
//! refreshing itself while it runs, then the download; `GET /exports/jobs/{id}/file` is the
//! file, with the headers the export always had.
//!
//! The job runs the same store method as before, with the caller's principal, so access and
//! audit are the store's as ever (one `export.list` per file); the finished file is kept in
//! this process's memory (`http::jobs`, [`JobLimits::EXPORTS`]) and each download is audited
//! too (`export.download`). A job is served only to the user who started it: for anyone else
//! both pages are the 404 of a job that does not exist.

use super::api::file_response;
use crate::http::jobs::{Job, JobFile, JobState, Refusal};
use crate::http::{clock, render, Chrome, OrPage, PageError, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect};
use libertas_domain::admin::Principal;
use libertas_domain::i18n::t_args;
use libertas_store::exports::{ExportPassphrase, ExportRequest, ListExport};
use libertas_store::StoreError;
use std::sync::Arc;

#[cfg(doc)]
use crate::http::jobs::JobLimits;

/// `Retry-After` on a refused export: a hint, the time a running export usually needs.
pub(super) const RETRY_AFTER_SECONDS: u64 = 60;

/// Seconds between two refreshes of a running job's page.
const REFRESH_SECONDS: &str = "5";

/// Starts exporting `r` for `p` (encrypted under `passphrase` when it holds personal data);
/// the job's id, or why it was not started.
pub(super) fn start(
    state: &AppState,
    p: &Principal,
    r: ExportRequest,
    passphrase: Option<ExportPassphrase>,
) -> Result<String, Refusal> {
    let store = state.store.clone();
    let principal = p.clone();
    let today = clock::now().date();
    state
        .export_jobs
        .start(p.user_id, r, clock::now(), move |job| async move {
            let progress = move |done, total| job.progress(done, total);
            store
                .export_list_under(
                    &principal,
                    r,
                    passphrase,
                    today,
                    &progress,
                    "page: export list",
                )
                .await
                .map(kept)
                .map_err(failure)
        })
}

/// The finished export as the job keeps it: the bytes, without the passphrase (dropped, and
/// zeroed, here: the page showed it before the job started).
fn kept(export: ListExport) -> JobFile {
    JobFile {
        encrypted: export.passphrase.is_some(),
        bytes: export.bytes.into(),
        file_name: export.file_name,
        content_type: export.content_type,
        rows: export.rows,
    }
}

/// The failure code the job page puts in words; the cause is logged (no personal data).
fn failure(e: StoreError) -> &'static str {
    match e {
        StoreError::Forbidden | StoreError::NotFound => "forbidden",
        e => {
            tracing::warn!(error = %e, "an export job failed");
            "internal"
        }
    }
}

#[derive(Template)]
#[template(path = "exports/job.html")]
pub struct JobPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    /// "People, CSV, with personal data (encrypted ZIP)".
    pub what: String,
    /// Waiting or running: the page refreshes itself unless `?refresh=off`.
    pub running: bool,
    pub refreshing: bool,
    /// `(done, total)` once the total is known.
    pub counts: Option<(u64, u64)>,
    /// "12,000 of 100,000 records", or where the job stands.
    pub status: String,
    /// When done: the file's name, what to know about it, and until when it is kept.
    pub file: Option<(String, String, String)>,
    /// When failed: what went wrong, in words.
    pub failed: Option<String>,
}

/// `?refresh=off` stops the page refreshing itself (WCAG 2.2.1: a refresh the reader can
/// turn off).
#[derive(serde::Deserialize)]
pub struct JobQuery {
    pub refresh: Option<String>,
}

/// The job `id` of the caller, or the 404 of a job that does not exist.
fn find(
    state: &AppState,
    t: Tr,
    p: &Principal,
    id: &str,
) -> Result<Arc<Job<ExportRequest, JobFile>>, PageError> {
    state
        .export_jobs
        .get(p.user_id, id, clock::now())
        .ok_or_else(|| PageError::not_found(t))
}

fn describe(t: &Tr, r: ExportRequest) -> String {
    let mut what = format!(
        "{}, {}",
        t.get(&format!("exports-list-{}", r.list.as_str())),
        t.get(&format!("exports-format-{}", r.format.as_str()))
    );
    if r.personal && r.list.has_personal_columns() {
        what = t_args(t.lang, "exports-job-what-personal", &[("what", &what)]);
    }
    what
}

/// "12,000 of 100,000 records" in the reader's language.
fn counted(t: &Tr, done: u64, total: u64) -> String {
    let number = |n: u64| t.number(i64::try_from(n).unwrap_or(i64::MAX));
    t_args(
        t.lang,
        "exports-job-progress",
        &[
            ("done", &number(done)),
            ("total", &total.to_string()),
            ("total_text", &number(total)),
        ],
    )
}

/// `GET /exports/jobs/{id}`: the job's progress, then its download or what went wrong.
#[tracing::instrument(skip_all)]
pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path(id): Path<String>,
    PageQuery(q): PageQuery<JobQuery>,
) -> PageResult {
    let job = find(&state, t, user.principal(), &id)?;
    let (done, total) = job.counts();
    let mut counts = (total > 0).then_some((done, total));
    let (mut file, mut failed) = (None, None);
    let (running, status) = match job.state() {
        JobState::Waiting => (true, t.get("exports-job-waiting")),
        JobState::Running if total == 0 => (true, t.get("exports-job-reading")),
        JobState::Running if done < total => (true, counted(&t, done, total)),
        JobState::Running => (true, t.get("exports-job-writing")),
        JobState::Done(f) => {
            let note = if f.encrypted {
                "exports-job-file-encrypted"
            } else {
                "exports-job-file-plain"
            };
            let until = job.finished_at().map_or_else(String::new, |at| {
                t.datetime(&libertas_store::clock::to_text(
                    at + state.export_jobs.keep(),
                ))
            });
            file = Some((
                f.file_name.clone(),
                t.get(note),
                t.arg("exports-job-kept", "until", &until),
            ));
            let rows = f.rows as u64;
            // A full bar, also for an empty file (`max` must be above 0).
            counts = Some((rows.max(1), rows.max(1)));
            (false, counted(&t, rows, rows))
        }
        JobState::Failed(code) => {
            failed = Some(t.get(&format!("exports-job-failed-{code}")));
            (false, t.get("exports-job-stopped"))
        }
    };
    let refreshing = running && q.refresh.as_deref() != Some("off");
    let mut res = render(
        StatusCode::OK,
        &JobPage {
            what: describe(&t, job.spec),
            id,
            running,
            refreshing,
            counts,
            status,
            file,
            failed,
            t,
            chrome,
        },
    );
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if refreshing {
        // The HTML standard's refresh, as the header: the page reloads itself while the job
        // runs, and says so, with a link that turns it off (`?refresh=off`).
        h.insert(
            HeaderName::from_static("refresh"),
            HeaderValue::from_static(REFRESH_SECONDS),
        );
    }
    Ok(res)
}

/// `GET /exports/jobs/{id}/file`: the finished file, as the export always answered it
/// (attachment, content type, `no-store`, row count); back to the job's page while it is not
/// ready. Each download is audited (`export.download`), after the store checked that the
/// caller's role may still have it.
#[tracing::instrument(skip_all)]
pub async fn file(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
) -> PageResult {
    let p = user.principal();
    let job = find(&state, t, p, &id)?;
    let JobState::Done(f) = job.state() else {
        return Ok(Redirect::to(&format!("/exports/jobs/{id}")).into_response());
    };
    state
        .store
        .record_export_download(p, job.spec, f.rows, "page: download an export")
        .await
        .or_page(t)?;
    Ok(file_response(
        f.bytes.clone(),
        &f.file_name,
        f.content_type,
        f.rows,
        None,
    ))
}

#[cfg(test)]
mod tests {
    use libertas_domain::i18n::{has_message, Lang};

    #[test]
    fn every_failure_code_is_put_in_words_in_every_language() {
        for code in ["forbidden", "internal"] {
            for lang in Lang::ALL {
                let id = format!("exports-job-failed-{code}");
                assert!(has_message(lang, &id), "{lang:?} {id}");
            }
        }
    }
}
