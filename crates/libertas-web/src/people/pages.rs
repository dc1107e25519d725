//! The person page and the add-person form on the case page.

use super::api::NewPersonJson;
use crate::auth::PageUser;
use crate::cases::case_id;
use crate::cases::pages::page_error;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{error_page, render, Chrome, PersonPage};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_store::StoreError;
use serde::Deserialize;
use time::OffsetDateTime;

#[derive(Deserialize)]
pub struct PersonForm {
    csrf: String,
    role: String,
    given_name: String,
    family_name: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
}

pub async fn add(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<PersonForm>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &f.csrf) {
        return r;
    }
    let Ok(case) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let body = NewPersonJson {
        role: f.role,
        given_name: f.given_name,
        family_name: f.family_name,
        birth_date: Some(f.birth_date),
        phone: Some(f.phone),
        email: Some(f.email),
        ..Default::default()
    };
    let person = match body.parse(OffsetDateTime::now_utc().date()) {
        Ok(p) => p,
        Err(e) => {
            return Redirect::to(&format!(
                "/cases/{case}?error=person-{}",
                e.field.replace('_', "-")
            ))
            .into_response()
        }
    };
    match state
        .store
        .add_person(
            user.principal(),
            case,
            &person,
            "page: add a person to a case",
        )
        .await
    {
        Ok((pid, _)) => Redirect::to(&format!("/people/{pid}")).into_response(),
        Err(StoreError::Invalid(e)) => Redirect::to(&format!(
            "/cases/{case}?error=person-{}",
            e.field.replace('_', "-")
        ))
        .into_response(),
        Err(e) => page_error(t, e),
    }
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse() else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let p = user.principal();
    let v = match state
        .store
        .get_person(p, id, "page: open the person page")
        .await
    {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
    let name = match (&v.given_name, &v.family_name) {
        (Some(g), Some(f)) => format!("{g} {f}"),
        _ => t.get("person-erased-short"),
    };
    let mut facts = vec![];
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            facts.push((t.get(label), v));
        }
    };
    fact("person-birth-date", v.birth_date.clone());
    fact(
        "person-gender",
        v.gender.clone().map(|g| t.get(&format!("gender-{g}"))),
    );
    fact("person-citizenship", Some(v.citizenship.join(", ")));
    fact("person-languages", Some(v.languages.join(", ")));
    fact("person-phone", v.phone.clone());
    fact("person-email", v.email.clone());
    fact(
        "person-identity-numbers",
        Some(v.identity_numbers.join(", ")),
    );
    let cases = v
        .cases
        .iter()
        .map(|c| {
            let role = t.get(&format!("role-{}", c.role));
            (c.case_id.to_string(), role)
        })
        .collect();
    render(
        StatusCode::OK,
        &PersonPage {
            t,
            chrome: Chrome::for_user(state.config.demo, p, user.csrf()),
            id: v.id.to_string(),
            name,
            erased: v.erased,
            facts,
            cases,
        },
    )
}
