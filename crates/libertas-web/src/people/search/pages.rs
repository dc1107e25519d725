//! The search page (`/search`): a form posted to itself, results with links to the person and
//! case pages. The criteria travel in the POST body only, never in the URL.

use crate::http::{render, Chrome, CsrfForm, OrPage, PageError, PageResult, PageUser};
use crate::i18n::Tr;
use crate::people::search::api::SearchJson;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::Capability;
use libertas_store::people::search::{Reason, SearchOutcome};
use libertas_store::StoreError;
use serde::Deserialize;

/// One person in the results.
pub struct HitRow {
    pub person_id: String,
    pub name: String,
    pub birth_date: String,
    pub reasons: String,
    /// `(case id, case title, role)`.
    pub cases: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "search/page.html")]
pub struct SearchPage {
    pub t: Tr,
    pub chrome: Chrome,
    /// The criteria as typed, to show them again.
    pub form: SearchForm,
    pub error: Option<String>,
    /// `None` before a search.
    pub results: Option<Vec<HitRow>>,
    pub others: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct SearchForm {
    /// Optional here: a form without it is refused by [`CsrfForm`] with 403, as it always was.
    #[serde(default)]
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub identity_number: String,
}

/// The reasons of a match, in the reader's language.
pub fn reasons_text(t: &Tr, reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| t.get(&format!("search-reason-{}", r.as_str().replace('_', "-"))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn page(t: Tr, chrome: Chrome, form: SearchForm) -> SearchPage {
    SearchPage {
        t,
        chrome,
        form,
        error: None,
        results: None,
        others: None,
    }
}

pub async fn show(t: Tr, user: PageUser, chrome: Chrome) -> PageResult {
    if !user.principal().can(Capability::WorkCases) {
        return Err(PageError::forbidden(t));
    }
    Ok(render(
        StatusCode::OK,
        &page(t, chrome, SearchForm::default()),
    ))
}

pub async fn submit(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    CsrfForm(f): CsrfForm<SearchForm>,
) -> PageResult {
    let p = user.principal();
    if !p.can(Capability::WorkCases) {
        return Err(PageError::forbidden(t));
    }
    let body = SearchJson {
        name: Some(f.name.clone()),
        birth_date: Some(f.birth_date.clone()),
        phone: Some(f.phone.clone()),
        identity_number: Some(f.identity_number.clone()),
    };
    let criteria = match body.parse(crate::http::clock::now().date()) {
        Ok(c) => c,
        Err(e) => {
            let mut pg = page(t, chrome, f);
            pg.error = Some(t.get(&format!("search-error-{}", e.field.replace('_', "-"))));
            return Ok(render(StatusCode::BAD_REQUEST, &pg));
        }
    };
    let found: SearchOutcome = match state
        .store
        .search_people(p, &criteria, "page: search people")
        .await
    {
        Err(StoreError::TooManyRequests(wait)) => {
            let mut pg = page(t, chrome, f);
            pg.error = Some(t.arg(
                "search-error-too-many",
                "minutes",
                &wait.div_ceil(60).to_string(),
            ));
            return Ok(crate::http::with_retry_after(
                render(StatusCode::TOO_MANY_REQUESTS, &pg),
                wait,
            ));
        }
        other => other.or_page(t)?,
    };
    let rows = found
        .hits
        .iter()
        .map(|h| HitRow {
            person_id: h.person_id.to_string(),
            name: match (&h.given_name, &h.family_name) {
                (Some(g), Some(f)) => format!("{g} {f}"),
                _ => t.get("person-erased-short"),
            },
            birth_date: h.birth_date.clone().unwrap_or_default(),
            reasons: reasons_text(&t, &h.reasons),
            cases: h
                .cases
                .iter()
                .map(|c| {
                    (
                        c.case_id.to_string(),
                        c.title.clone(),
                        t.get(&format!("role-{}", c.role)),
                    )
                })
                .collect(),
        })
        .collect();
    let mut pg = page(t, chrome, f);
    pg.results = Some(rows);
    pg.others =
        (found.others > 0).then(|| t.arg("search-others", "count", &found.others.to_string()));
    Ok(render(StatusCode::OK, &pg))
}
