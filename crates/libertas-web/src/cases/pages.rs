//! The home page (my cases) and the case page.

use super::case_id;
use crate::auth::PageUser;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{
    error_page, render, short_time, CasePage, CaseRow, Chrome, HomePage, MemberRow, NoteRow,
    PersonRow,
};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::admin::Capability;
use libertas_domain::cases::{CaseTitle, NoteText};
use libertas_store::StoreError;
use serde::Deserialize;

/// Turns a store error into the page a person should see.
pub fn page_error(t: Tr, e: StoreError) -> Response {
    match e {
        StoreError::NotFound => error_page(t.lang, StatusCode::NOT_FOUND),
        StoreError::Forbidden => error_page(t.lang, StatusCode::FORBIDDEN),
        other => ApiError::from(other).into_response(),
    }
}

pub async fn home(State(state): State<AppState>, t: Tr, user: PageUser) -> Response {
    let p = user.principal();
    let can = p.can(Capability::WorkCases);
    let cases = if can {
        match state.store.my_cases(p, "page: home, list my cases").await {
            Ok(c) => c,
            Err(e) => return page_error(t, e),
        }
    } else {
        vec![]
    };
    let overdue = if can {
        let filter = libertas_store::cases::TaskFilter { overdue: true };
        match state
            .store
            .my_tasks(
                p,
                filter,
                super::tasks::today(),
                "page: home, overdue tasks",
            )
            .await
        {
            Ok(v) => v
                .iter()
                .map(|x| super::task_pages::task_row(&t, x))
                .collect(),
            Err(e) => return page_error(t, e),
        }
    } else {
        vec![]
    };
    let rows = cases
        .into_iter()
        .map(|c| CaseRow {
            id: c.id.to_string(),
            title: c.title,
            status: c.status.as_str().to_owned(),
            updated: short_time(&c.updated_at),
        })
        .collect();
    render(
        StatusCode::OK,
        &HomePage {
            t,
            chrome: Chrome::for_user(state.config.demo, p, user.csrf()),
            can_work_cases: can,
            cases: rows,
            overdue,
        },
    )
}

#[derive(Deserialize)]
pub struct TitleForm {
    csrf: String,
    title: String,
}

pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Form(f): Form<TitleForm>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &f.csrf) {
        return r;
    }
    let Ok(title) = CaseTitle::parse(&f.title) else {
        return error_page(t.lang, StatusCode::BAD_REQUEST);
    };
    match state
        .store
        .create_case(user.principal(), &title, "page: open a case")
        .await
    {
        Ok(c) => Redirect::to(&format!("/cases/{}", c.id)).into_response(),
        Err(e) => page_error(t, e),
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    error: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Response {
    let Ok(id) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let p = user.principal();
    let case = match state
        .store
        .get_case(p, id, "page: open the case page")
        .await
    {
        Ok(c) => c,
        Err(e) => return page_error(t, e),
    };
    let people = match state
        .store
        .case_people(p, id, "page: case page, list people")
        .await
    {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
    let notes = match state
        .store
        .notes(p, id, None, "page: case page, read notes")
        .await
    {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
    let members = match state.store.members(p, id).await {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
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
    render(
        StatusCode::OK,
        &CasePage {
            t,
            chrome: Chrome::for_user(state.config.demo, p, user.csrf()),
            id: id.to_string(),
            title: case.title,
            status: case.status.as_str().to_owned(),
            owner: case.owner,
            people,
            notes: notes
                .into_iter()
                .map(|n| NoteRow {
                    author: n.author,
                    created: short_time(&n.created_at),
                    text: n.text,
                })
                .collect(),
            members: members
                .into_iter()
                .map(|m| MemberRow {
                    username: m.username,
                    role: m.role.as_str().to_owned(),
                })
                .collect(),
            error,
        },
    )
}

#[derive(Deserialize)]
pub struct NoteForm {
    csrf: String,
    text: String,
}

pub async fn add_note(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<NoteForm>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &f.csrf) {
        return r;
    }
    let Ok(id) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let Ok(text) = NoteText::parse(&f.text) else {
        return Redirect::to(&format!("/cases/{id}?error=note")).into_response();
    };
    match state
        .store
        .add_note(user.principal(), id, &text, "page: add a case note")
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{id}#notes")).into_response(),
        Err(e) => page_error(t, e),
    }
}

#[derive(Deserialize)]
pub struct MemberForm {
    csrf: String,
    username: String,
}

pub async fn add_member(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<MemberForm>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &f.csrf) {
        return r;
    }
    let Ok(id) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
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
        Ok(_) => Redirect::to(&format!("/cases/{id}#members")).into_response(),
        Err(StoreError::Invalid(_)) => {
            Redirect::to(&format!("/cases/{id}?error=member")).into_response()
        }
        Err(e) => page_error(t, e),
    }
}
