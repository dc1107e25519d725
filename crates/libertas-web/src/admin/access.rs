//! `/admin/access`: the organisation's API tokens and browser sessions, and taking them away.
//!
//! Revoking a token or ending a session cuts someone off at once, so each asks for a second
//! step (`http::confirm`): the first submit shows what will happen, naming the token's
//! label and owner or the session's user; only the confirming submit (`confirm=yes`) changes
//! anything. The store decides who may see and change them, on both steps.

use super::users::field;
use crate::http::{error_page, render, Chrome, ConfirmPage, CsrfForm, Fields};
use crate::http::{ApiError, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use libertas_store::admin::{SessionSummary, TokenInfo};
use libertas_store::StoreError;

#[derive(Template)]
#[template(path = "admin/access.html")]
pub struct AccessPage {
    t: Tr,
    chrome: Chrome,
    tokens: Vec<TokenInfo>,
    sessions: Vec<SessionSummary>,
}

/// The page for a store refusal.
fn refused(t: Tr, e: StoreError) -> Response {
    match e {
        StoreError::Forbidden => error_page(t.lang, StatusCode::FORBIDDEN),
        StoreError::NotFound => error_page(t.lang, StatusCode::NOT_FOUND),
        e => ApiError::from(e).into_response(),
    }
}

/// `GET /admin/access` (administrators).
pub async fn access(State(state): State<AppState>, t: Tr, user: PageUser) -> Response {
    let p = user.principal();
    let (tokens, sessions) = match (
        state.store.org_tokens(p).await,
        state.store.org_sessions(p).await,
    ) {
        (Ok(t), Ok(s)) => (t, s),
        (Err(e), _) | (_, Err(e)) => return refused(t, e),
    };
    let chrome = Chrome::for_page_user(state.config.demo, &user);
    render(
        StatusCode::OK,
        &AccessPage {
            t,
            chrome,
            tokens,
            sessions,
        },
    )
}

/// `POST /admin/access`: `action=revoke-token&id=…` or `action=end-session&handle=…`; without
/// `confirm=yes` it only asks.
pub async fn access_post(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<Fields>,
) -> Response {
    if field(&f, "confirm") != crate::http::confirm::CONFIRMED {
        return match confirm_page(&state, t, &user, &f).await {
            Ok(page) => page.respond(),
            Err(e) => refused(t, e),
        };
    }
    let p = user.principal();
    let result = match field(&f, "action") {
        "revoke-token" => match field(&f, "id").parse() {
            Ok(id) => {
                state
                    .store
                    .revoke_org_token(p, id, "administrator revoked a token")
                    .await
            }
            Err(_) => Err(StoreError::NotFound),
        },
        "end-session" => state.store.end_org_session(p, field(&f, "handle")).await,
        _ => Err(StoreError::NotFound),
    };
    match result {
        Ok(()) => Redirect::to("/admin/access").into_response(),
        Err(e) => refused(t, e),
    }
}

/// The question for the first submit, naming the token or session it would take away; a
/// token or session the caller may not see (or that is already gone) is the 404 page.
async fn confirm_page(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    f: &Fields,
) -> Result<ConfirmPage, StoreError> {
    let p = user.principal();
    let action = field(f, "action");
    let (question, button, fields) = match action {
        "revoke-token" => {
            let id = field(f, "id");
            let tokens = state.store.org_tokens(p).await?;
            let k = tokens
                .iter()
                .find(|k| k.id.to_string() == id && k.revoked_at.is_none())
                .ok_or(StoreError::NotFound)?;
            let question = libertas_domain::i18n::t_args(
                t.lang,
                "admin-revoke-confirm",
                &[("label", k.label.as_str()), ("user", k.username.as_str())],
            );
            (question, t.get("admin-revoke"), vec![("id", id)])
        }
        "end-session" => {
            let handle = field(f, "handle");
            let sessions = state.store.org_sessions(p).await?;
            let s = sessions
                .iter()
                .find(|s| s.handle == handle)
                .ok_or(StoreError::NotFound)?;
            let question = t.arg("admin-end-session-confirm", "user", &s.username);
            (
                question,
                t.get("admin-end-session"),
                vec![("handle", handle)],
            )
        }
        _ => return Err(StoreError::NotFound),
    };
    let mut fields: Vec<(String, String)> = fields
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    fields.insert(0, ("action".to_owned(), action.to_owned()));
    Ok(ConfirmPage {
        t,
        chrome: Chrome::for_page_user(state.config.demo, user),
        question,
        button,
        action: "/admin/access".to_owned(),
        fields,
        back: "/admin/access".to_owned(),
    })
}
