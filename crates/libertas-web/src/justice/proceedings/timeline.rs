//! The case timeline: `GET /api/v1/cases/{id}/timeline` and the page `/cases/{id}/timeline`.
//! The entries come from the store's list of sources (`libertas_store::justice::timeline`);
//! this module only shows them.

use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::{render, Chrome, OrPage, PageResult, PathId};
use crate::http::{ApiPrincipal, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::ids::CaseId;
use libertas_store::justice::TimelineEntry;
use serde::Serialize;
use utoipa::ToSchema;

/// One dated thing that happened in the case.
#[derive(Serialize, ToSchema)]
pub struct TimelineEntryJson {
    /// `YYYY-MM-DD` or a UTC time; entries are oldest first.
    pub date: String,
    /// `report`, `decision`, `evidence`, `custody`, `charge`, `hearing`, `verdict`,
    /// `sentence` (more kinds may be added).
    pub kind: String,
    /// A short line in the caller's language (names and narrative decrypted; each such
    /// entry's read is audited).
    pub summary: String,
    /// The summary's message id (`timeline-…`) and its values, for clients that render or
    /// translate themselves. An empty value is a name that was erased.
    pub message: String,
    pub values: std::collections::BTreeMap<String, String>,
    /// The page that shows the record.
    pub link: Option<String>,
}

impl TimelineEntryJson {
    fn of(t: &Tr, e: TimelineEntry) -> Self {
        Self {
            summary: summary(t, &e),
            message: e.message.to_owned(),
            values: e.args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            date: e.date,
            kind: e.kind.to_owned(),
            link: e.link,
        }
    }
}

/// The entry's one-line summary in the reader's language; an erased name reads "(erased)".
pub fn summary(t: &Tr, e: &TimelineEntry) -> String {
    let erased = t.get("proceedings-erased");
    let args: Vec<(&str, &str)> = e
        .args
        .iter()
        .map(|(k, v)| {
            (
                *k,
                if v.is_empty() {
                    erased.as_str()
                } else {
                    v.as_str()
                },
            )
        })
        .collect();
    libertas_domain::i18n::t_args(t.lang, e.message, &args)
}

/// The case's timeline, oldest first; summaries in the caller's language (`Accept-Language`
/// or `?lang=`).
#[utoipa::path(get, path = "/api/v1/cases/{id}/timeline", tag = "justice",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"entries\": [TimelineEntry]}`"), (status = 400),
        (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn api(
    State(state): State<AppState>,
    t: Tr,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let entries: Vec<TimelineEntryJson> = state
        .store
        .case_timeline(&p, id, "api: case timeline")
        .await?
        .into_iter()
        .map(|e| TimelineEntryJson::of(&t, e))
        .collect();
    Ok(Json(serde_json::json!({ "entries": entries })).into_response())
}

pub struct TimelineRow {
    /// As stored (a day or a UTC time): the page shows its day with `Tr::date`.
    pub date: String,
    pub kind: String,
    pub kind_code: &'static str,
    pub summary: String,
    pub link: Option<String>,
}

#[derive(Template)]
#[template(path = "justice/timeline.html")]
pub struct TimelinePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub entries: Vec<TimelineRow>,
}

/// `GET /cases/{id}/timeline` (members of the case).
pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<CaseId>,
) -> PageResult {
    let p = user.principal();
    let case = state
        .store
        .get_case(p, id, "page: timeline")
        .await
        .or_page(t)?;
    let entries = state
        .store
        .case_timeline(p, id, "page: timeline")
        .await
        .or_page(t)?;
    let entries = entries
        .into_iter()
        .map(|e| TimelineRow {
            kind: t.get(&format!("timeline-kind-{}", e.kind)),
            kind_code: e.kind,
            summary: t.amounts_in(&summary(&t, &e)),
            date: e.date,
            link: e.link,
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &TimelinePage {
            t,
            chrome,
            id: id.to_string(),
            title: case.title,
            entries,
        },
    ))
}
