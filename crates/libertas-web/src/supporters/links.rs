//! The links in the messages: `/updates/confirm/{token}` and `/updates/unsubscribe/{token}`.
//!
//! A GET only shows a page with a button: mail scanners and link previews fetch links, and
//! a fetch must neither confirm nor unsubscribe anyone. The POST does it. It carries no CSRF
//! token and needs no session: the 256-bit token in the URL is the authority, and only the
//! recipient of the message has it. For unsubscribing this is what RFC 8058 asks: the mail
//! client POSTs `List-Unsubscribe=One-Click` to the `List-Unsubscribe` URL, from its own
//! servers, with no cookie. A forged cross-site POST would have to know the token already,
//! and the worst it can do is what the token's holder may do anyway.

use crate::http::PublicFrame as Frame;
use crate::http::{render, PublicForm};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use libertas_store::supporters::ConfirmOutcome;

/// A page with one button that POSTs back to the link.
#[derive(Template)]
#[template(path = "supporters/link.html")]
pub struct LinkPage {
    t: Tr,
    p: Frame,
    title: String,
    intro: String,
    action: String,
    submit: String,
}

/// What a link did, in words.
#[derive(Template)]
#[template(path = "supporters/outcome.html")]
pub struct OutcomePage {
    t: Tr,
    p: Frame,
    title: String,
    message: String,
    /// Offer to sign up again (an expired or unknown confirmation link).
    again: bool,
}

fn action(kind: &str, token: &str, t: Tr) -> String {
    // The token goes back only into the page's own form; the page is `no-store`.
    format!("/updates/{kind}/{token}?lang={}", t.code())
}

fn outcome(
    state: &AppState,
    t: Tr,
    status: StatusCode,
    title: &str,
    message: &str,
    again: bool,
) -> Response {
    let page = OutcomePage {
        t,
        p: Frame::new(t, &state.config, ""),
        title: t.get(title),
        message: t.get(message),
        again,
    };
    render(status, &page)
}

#[tracing::instrument(skip_all)]
pub async fn confirm_page(
    State(state): State<AppState>,
    t: Tr,
    Path(token): Path<String>,
) -> Response {
    let page = LinkPage {
        t,
        p: Frame::new(t, &state.config, ""),
        title: t.get("updates-confirm-title"),
        intro: t.get("updates-confirm-intro"),
        action: action("confirm", &token, t),
        submit: t.get("updates-confirm-submit"),
    };
    render(StatusCode::OK, &page)
}

#[tracing::instrument(skip_all)]
pub async fn confirm(
    State(state): State<AppState>,
    t: Tr,
    Path(token): Path<String>,
    PublicForm(_): PublicForm,
) -> Response {
    match state.store.supporter_confirm(&token).await {
        Ok(ConfirmOutcome::Confirmed) => outcome(
            &state,
            t,
            StatusCode::OK,
            "updates-confirmed-title",
            "updates-confirmed",
            false,
        ),
        Ok(ConfirmOutcome::AlreadyUsed) => outcome(
            &state,
            t,
            StatusCode::CONFLICT,
            "updates-confirm-title",
            "updates-confirm-used",
            false,
        ),
        Ok(ConfirmOutcome::Expired) => outcome(
            &state,
            t,
            StatusCode::GONE,
            "updates-confirm-title",
            "updates-confirm-expired",
            true,
        ),
        Ok(ConfirmOutcome::Unknown) => outcome(
            &state,
            t,
            StatusCode::NOT_FOUND,
            "updates-confirm-title",
            "updates-confirm-unknown",
            true,
        ),
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}

/// The unsubscribe "token" of a test send: a test goes to a member of staff, who is no
/// supporter, so its link shows what the link is and unsubscribes nobody.
pub const TEST_UNSUBSCRIBE: &str = "test-message";

fn test_link(state: &AppState, t: Tr) -> Response {
    outcome(
        state,
        t,
        StatusCode::OK,
        "updates-unsubscribe-title",
        "updates-unsubscribe-test",
        false,
    )
}

#[tracing::instrument(skip_all)]
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    t: Tr,
    Path(token): Path<String>,
) -> Response {
    if token == TEST_UNSUBSCRIBE {
        return test_link(&state, t);
    }
    let page = LinkPage {
        t,
        p: Frame::new(t, &state.config, ""),
        title: t.get("updates-unsubscribe-title"),
        intro: t.get("updates-unsubscribe-intro"),
        action: action("unsubscribe", &token, t),
        submit: t.get("updates-unsubscribe-submit"),
    };
    render(StatusCode::OK, &page)
}

/// The one-click POST (RFC 8058) and the page's button alike.
#[tracing::instrument(skip_all)]
pub async fn unsubscribe(
    State(state): State<AppState>,
    t: Tr,
    Path(token): Path<String>,
    PublicForm(_): PublicForm,
) -> Response {
    if token == TEST_UNSUBSCRIBE {
        return test_link(&state, t);
    }
    match state.store.supporter_unsubscribe(&token).await {
        Ok(true) => outcome(
            &state,
            t,
            StatusCode::OK,
            "updates-unsubscribed-title",
            "updates-unsubscribed",
            false,
        ),
        Ok(false) => outcome(
            &state,
            t,
            StatusCode::NOT_FOUND,
            "updates-unsubscribe-title",
            "updates-unsubscribe-unknown",
            false,
        ),
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}
