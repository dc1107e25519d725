//! The login pages: password, then the second factor; and logout.

use super::views::{LoginPage, TotpPage};
use crate::http::{add_session_cookie, cookie, session_cookie_name, set_cookie, AnySession};
use crate::http::{client_addr, ApiError};
use crate::http::{render, Chrome};
use crate::i18n::Tr;
use crate::limits::Limit;
use crate::security;
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_store::admin::{LoginClient, LoginOutcome};
use libertas_store::StoreError;
use serde::Deserialize;
use std::net::SocketAddr;

fn pre_cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies {
        "__Host-libertas_pre"
    } else {
        "libertas_pre"
    }
}

/// The login form. A pre-login token (cookie and hidden field) guards against login CSRF.
pub async fn form(State(state): State<AppState>, t: Tr) -> Response {
    show_form(&state, t, None)
}

/// The form again with a refusal: 401, or 429 with `Retry-After` when a limit was hit.
fn refuse(state: &AppState, t: Tr, retry_after: Option<u64>) -> Response {
    let Some(secs) = retry_after else {
        return show_form(state, t, Some(t.get("login-failed")));
    };
    let mut res = show_form(state, t, Some(t.get("login-too-many")));
    *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    if let Ok(v) = HeaderValue::from_str(&secs.max(1).to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

fn show_form(state: &AppState, t: Tr, error: Option<String>) -> Response {
    let token = libertas_store::crypto::sha256_hex(uuid::Uuid::now_v7().as_bytes())
        + &hex::encode(rand::random::<[u8; 16]>());
    let page = LoginPage {
        t,
        chrome: Chrome::anonymous(state.config.demo),
        csrf: token.clone(),
        error,
    };
    let status = if page.error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    let mut res = render(status, &page);
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(state, pre_cookie_name(state), &token, Some(600)),
    );
    res
}

#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    username: String,
    password: String,
}

/// `POST /login`. Limits are checked before any hashing: per client, then per username
/// (429 with `Retry-After`); the store then reserves the attempt for this (account, client)
/// and verifies through the bounded hasher.
#[tracing::instrument(skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(f): Form<LoginForm>,
) -> Result<Response, ApiError> {
    let pre = cookie(&headers, pre_cookie_name(&state)).unwrap_or_default();
    if security::cross_site(&method, &headers) || !security::token_matches(&f.csrf, &pre) {
        return Ok(show_form(&state, t, Some(t.get("login-expired"))));
    }
    let addr = client_addr(&state, peer, &headers);
    let username = f.username.trim().to_lowercase();
    if let Err(secs) = state.limiter.check(Limit::Login, addr) {
        return Ok(refuse(&state, t, Some(secs)));
    }
    if let Err(secs) = state.limiter.check_user(Limit::LoginUsername, &username) {
        return Ok(refuse(&state, t, Some(secs)));
    }
    let checked = state
        .store
        .login_password(
            &username,
            &f.password,
            LoginClient::new(addr),
            state.config.logins,
        )
        .await;
    let outcome = match checked {
        Err(StoreError::Busy { retry_after }) => return Ok(refuse(&state, t, Some(retry_after))),
        other => other?,
    };
    let LoginOutcome::Ok { principal, .. } = outcome else {
        return Ok(refuse(&state, t, None));
    };
    let session = state
        .store
        .create_session(&principal, state.config.demo)
        .await?;
    let mut res = Redirect::to("/").into_response();
    add_session_cookie(&mut res, &state, &session);
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, pre_cookie_name(&state), "", None),
    );
    Ok(res)
}

pub async fn totp_form(State(state): State<AppState>, t: Tr, s: AnySession) -> Response {
    if s.next_step() != Some("/login/totp") {
        return Redirect::to(s.next_step().unwrap_or("/")).into_response();
    }
    render(
        StatusCode::OK,
        &TotpPage {
            t,
            chrome: Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token),
            error: None,
        },
    )
}

#[derive(Deserialize)]
pub struct CodeForm {
    csrf: String,
    code: String,
}

/// `POST /login/totp`: each code is an attempt counted like a password.
#[tracing::instrument(skip_all)]
pub async fn totp_submit(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    s: AnySession,
    Form(f): Form<CodeForm>,
) -> Result<Response, ApiError> {
    if let Err(r) = s.check_form(&method, &headers, &f.csrf) {
        return Ok(r);
    }
    if s.next_step() != Some("/login/totp") {
        return Ok(Redirect::to(s.next_step().unwrap_or("/")).into_response());
    }
    let addr = client_addr(&state, peer, &headers);
    let wrong = |status: StatusCode, message: &str| {
        let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
        render(
            status,
            &TotpPage {
                t,
                chrome,
                error: Some(t.get(message)),
            },
        )
    };
    if let Err(secs) = state.limiter.check(Limit::Login, addr) {
        let mut res = wrong(StatusCode::TOO_MANY_REQUESTS, "login-too-many");
        if let Ok(v) = HeaderValue::from_str(&secs.max(1).to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(res);
    }
    let ok = state
        .store
        .check_second_factor(
            &s.info.principal,
            &f.code,
            LoginClient::new(addr),
            state.config.logins,
        )
        .await?;
    if !ok {
        return Ok(wrong(StatusCode::UNAUTHORIZED, "totp-wrong"));
    }
    let (new_cookie, _) = state
        .store
        .rotate_session(&s.cookie, &s.info.principal, true)
        .await?;
    let mut res = Redirect::to("/").into_response();
    add_session_cookie(&mut res, &state, &new_cookie);
    Ok(res)
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// Ends the session and clears the cookie.
pub async fn logout(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    s: AnySession,
    Form(f): Form<CsrfForm>,
) -> Result<Response, ApiError> {
    if let Err(r) = s.check_form(&method, &headers, &f.csrf) {
        return Ok(r);
    }
    state
        .store
        .end_session(&s.cookie, &s.info.principal)
        .await?;
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, session_cookie_name(&state), "", None),
    );
    res.headers_mut().append(
        "clear-site-data",
        axum::http::HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(res)
}
