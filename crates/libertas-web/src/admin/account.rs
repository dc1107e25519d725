//! Account pages reachable before full sign-in: the password change (forced at first login,
//! or voluntary, which needs the second factor again) and TOTP enrolment.

use super::qr::qr_svg;
use super::views::{EnrolPage, PasswordPage, RecoveryPage};
use crate::http::client_addr;
use crate::http::ApiError;
use crate::http::{add_session_cookie, AnySession};
use crate::http::{render, Chrome};
use crate::i18n::Tr;
use crate::limits::Limit;
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::admin::Password;
use libertas_store::admin::{LoginClient, PasswordChange};
use libertas_store::StoreError;
use serde::Deserialize;
use std::net::SocketAddr;

/// Whether this session's password change must also carry a second factor: a voluntary
/// change by an enrolled user (the first-login change has none yet).
fn asks_second_factor(s: &AnySession) -> bool {
    s.info.totp_enrolled && !s.info.must_change_password
}

pub async fn password_form(State(state): State<AppState>, t: Tr, s: AnySession) -> Response {
    let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
    render(
        StatusCode::OK,
        &PasswordPage {
            t,
            chrome,
            error: None,
            ask_code: asks_second_factor(&s),
        },
    )
}

#[derive(Deserialize)]
pub struct PasswordForm {
    csrf: String,
    current: String,
    new: String,
    repeat: String,
    /// TOTP or recovery code (voluntary change of an enrolled user).
    #[serde(default)]
    code: String,
}

/// `POST /account/password`: the current password, and for a voluntary change of an
/// enrolled user a second factor too. Every other session of the user ends; this one gets a
/// new id and CSRF token.
#[tracing::instrument(skip_all)]
pub async fn password_submit(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    s: AnySession,
    Form(f): Form<PasswordForm>,
) -> Result<Response, ApiError> {
    if let Err(r) = s.check_form(&method, &headers, &f.csrf) {
        return Ok(r);
    }
    let ask_code = asks_second_factor(&s);
    let fail = |status: StatusCode, msg: String| {
        let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
        render(
            status,
            &PasswordPage {
                t,
                chrome,
                error: Some(msg),
                ask_code,
            },
        )
    };
    if f.new != f.repeat {
        return Ok(fail(StatusCode::BAD_REQUEST, t.get("password-mismatch")));
    }
    let new = match Password::check(&f.new, Some(&s.info.principal.username)) {
        Ok(p) => p,
        Err(problem) => return Ok(fail(StatusCode::BAD_REQUEST, t.get(problem.message_id()))),
    };
    let addr = client_addr(&state, peer, &headers);
    if let Err(secs) = state.limiter.check(Limit::Login, addr) {
        return Ok(too_many(
            fail(StatusCode::TOO_MANY_REQUESTS, t.get("login-too-many")),
            secs,
        ));
    }
    let change = PasswordChange {
        current: &f.current,
        second_factor: Some(f.code.as_str()),
        new: &new,
    };
    let changed = state
        .store
        .change_password(
            &s.info.principal,
            &s.cookie,
            change,
            LoginClient::new(addr),
            state.config.logins,
        )
        .await;
    let (cookie, _) = match changed {
        Err(StoreError::Invalid(e)) => {
            let msg = match e.field.as_str() {
                "current_password" => "password-wrong-current",
                "second_factor" => "password-wrong-code",
                _ if e.message.contains("differ") => "password-same",
                _ => "admin-error-password",
            };
            return Ok(fail(StatusCode::BAD_REQUEST, t.get(msg)));
        }
        Err(StoreError::Busy { retry_after }) => {
            return Ok(too_many(
                fail(StatusCode::TOO_MANY_REQUESTS, t.get("login-too-many")),
                retry_after,
            ))
        }
        other => other?,
    };
    let mut res = Redirect::to("/").into_response();
    add_session_cookie(&mut res, &state, &cookie);
    Ok(res)
}

fn too_many(mut res: Response, secs: u64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&secs.max(1).to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

pub async fn enrol_form(
    State(state): State<AppState>,
    t: Tr,
    s: AnySession,
) -> Result<Response, ApiError> {
    if s.info.must_change_password {
        return Ok(Redirect::to("/account/password").into_response());
    }
    if s.info.totp_enrolled {
        return Ok(Redirect::to("/").into_response());
    }
    let pending = state
        .store
        .pending_totp_enrolment(&s.cookie, &s.info.principal)
        .await?;
    let enrolment = match pending {
        Some(e) => e,
        None => {
            state
                .store
                .begin_totp_enrolment(&s.cookie, &s.info.principal)
                .await?
        }
    };
    let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
    Ok(render(
        StatusCode::OK,
        &EnrolPage {
            t,
            chrome,
            qr: qr_svg(&enrolment.otpauth_url),
            secret: enrolment.secret_base32,
            otpauth_url: enrolment.otpauth_url,
            error: None,
        },
    ))
}

#[derive(Deserialize)]
pub struct CodeForm {
    csrf: String,
    code: String,
}

#[tracing::instrument(skip_all)]
pub async fn enrol_submit(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    s: AnySession,
    Form(f): Form<CodeForm>,
) -> Result<Response, ApiError> {
    if let Err(r) = s.check_form(&method, &headers, &f.csrf) {
        return Ok(r);
    }
    if s.info.totp_enrolled || s.info.must_change_password {
        return Ok(Redirect::to("/").into_response());
    }
    let confirmed = state
        .store
        .confirm_totp_enrolment(&s.cookie, &s.info.principal, &f.code)
        .await?;
    let codes = match confirmed {
        Some(codes) => codes,
        None => {
            let pending = state
                .store
                .pending_totp_enrolment(&s.cookie, &s.info.principal)
                .await
                .ok()
                .flatten();
            let Some(e) = pending else {
                return Ok(Redirect::to("/account/totp").into_response());
            };
            let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
            return Ok(render(
                StatusCode::BAD_REQUEST,
                &EnrolPage {
                    t,
                    chrome,
                    qr: qr_svg(&e.otpauth_url),
                    secret: e.secret_base32,
                    otpauth_url: e.otpauth_url,
                    error: Some(t.get("totp-wrong")),
                },
            ));
        }
    };
    let (new_cookie, new_csrf) = state
        .store
        .rotate_session(&s.cookie, &s.info.principal, true)
        .await?;
    let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &new_csrf);
    let mut res = render(StatusCode::OK, &RecoveryPage { t, chrome, codes });
    add_session_cookie(&mut res, &state, &new_cookie);
    Ok(res)
}
