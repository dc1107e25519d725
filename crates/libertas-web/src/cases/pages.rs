//! The home page (my cases) and the case page.

use super::views::{CasePage, MemberRow, NoteRow, PersonRow};
use crate::http::{render, Chrome, CsrfForm, OrPage, PageError, PageResult, PageUser, PathId};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::cases::{CaseTitle, NoteText};
use libertas_domain::ids::CaseId;
use libertas_store::StoreError;
use serde::Deserialize;

/// The form fields; `csrf` is required here (a form without it is refused with 422, as
/// before) though [`CsrfForm`] checks it.
#[derive(Deserialize)]
pub struct TitleForm {
    #[allow(dead_code)]
    csrf: String,
    title: String,
}

pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<TitleForm>,
) -> PageResult {
    let title = CaseTitle::parse(&f.title).map_err(|_| PageError::bad_request(t))?;
    let c = state
        .store
        .create_case(user.principal(), &title, "page: open a case")
        .await
        .or_page(t)?;
    Ok(Redirect::to(&format!("/cases/{}", c.id)).into_response())
}

#[derive(Deserialize)]
pub struct FindQuery {
    #[serde(default)]
    number: String,
}

/// `GET /cases/find?number=C-2026-00123`: to the case with this short number, if the reader is
/// one of its members; the 404 page otherwise (a number of someone else's case says nothing).
pub async fn find(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    crate::http::PageQuery(q): crate::http::PageQuery<FindQuery>,
) -> PageResult {
    let id = state
        .store
        .case_by_number(user.principal(), &q.number)
        .await
        .or_page(t)?;
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct ShowQuery {
    error: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    crate::http::PageQuery(q): crate::http::PageQuery<ShowQuery>,
    PathId(id): PathId<CaseId>,
) -> PageResult {
    let p = user.principal();
    let case = state
        .store
        .get_case(p, id, "page: open the case page")
        .await
        .or_page(t)?;
    let people = state
        .store
        .case_people(p, id, "page: case page, list people")
        .await
        .or_page(t)?;
    let notes = state
        .store
        .notes(p, id, None, "page: case page, read notes")
        .await
        .or_page(t)?;
    let members = state.store.members(p, id).await.or_page(t)?;
    let erased = t.get("person-erased-short");
    let people = people
        .into_iter()
        .map(|v| {
            let link = v.cases.first();
            PersonRow {
                id: v.id.to_string(),
                name: match (&v.given_name, &v.family_name) {
                    (Some(g), Some(f)) => format!("{g} {f}"),
                    _ => erased.clone(),
                },
                role: link
                    .map(|l| t.get(&format!("role-{}", l.role)))
                    .unwrap_or_default(),
                status: link
                    .and_then(|l| l.trafficking_status.clone())
                    .map(|s| t.get(&format!("status-{s}")))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let error = q.error.as_deref().map(|code| {
        t.get(&format!(
            "case-error-{}",
            code.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        ))
    });
    Ok(render(
        StatusCode::OK,
        &CasePage {
            t,
            chrome,
            id: id.to_string(),
            number: case.number,
            title: case.title,
            status: t.label("workflow-status", case.status.as_str()),
            owner: case.owner,
            people,
            notes: notes
                .into_iter()
                .map(|n| NoteRow {
                    author: n.author,
                    created: n.created_at,
                    text: n.text,
                })
                .collect(),
            members: members
                .into_iter()
                .map(|m| MemberRow {
                    username: m.username,
                    role: t.label("staff-role", m.role.as_str()),
                })
                .collect(),
            error,
        },
    ))
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[allow(dead_code)]
    csrf: String,
    text: String,
}

pub async fn add_note(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<CaseId>,
    CsrfForm(f): CsrfForm<NoteForm>,
) -> PageResult {
    let text = NoteText::parse(&f.text)
        .map_err(|_| PageError::redirect(format!("/cases/{id}?error=note")))?;
    state
        .store
        .add_note(user.principal(), id, &text, "page: add a case note")
        .await
        .or_page(t)?;
    Ok(Redirect::to(&format!("/cases/{id}#notes")).into_response())
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[allow(dead_code)]
    csrf: String,
    username: String,
}

pub async fn add_member(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<CaseId>,
    CsrfForm(f): CsrfForm<MemberForm>,
) -> PageResult {
    match state
        .store
        .add_member(
            user.principal(),
            id,
            f.username.trim(),
            "page: add a case member",
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{id}#members")).into_response()),
        Err(StoreError::Invalid(_)) => {
            Err(PageError::redirect(format!("/cases/{id}?error=member")))
        }
        Err(e) => Err(PageError::store(t, e)),
    }
}
