//! Account pages reachable before full sign-in: the first-login password change and TOTP
//! enrolment.

use crate::auth::{session_cookie_name, set_cookie, AnySession};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{render, Chrome, EnrolPage, PasswordPage, RecoveryPage};
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::admin::Password;
use libertas_store::StoreError;
use serde::Deserialize;

pub async fn password_form(State(state): State<AppState>, t: Tr, s: AnySession) -> Response {
    let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
    render(
        StatusCode::OK,
        &PasswordPage {
            t,
            chrome,
            error: None,
        },
    )
}

#[derive(Deserialize)]
pub struct PasswordForm {
    csrf: String,
    current: String,
    new: String,
    repeat: String,
}

#[tracing::instrument(skip_all)]
pub async fn password_submit(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    s: AnySession,
    Form(f): Form<PasswordForm>,
) -> Response {
    if let Err(r) = s.check_form(&method, &headers, &f.csrf) {
        return r;
    }
    let fail = |msg: String| {
        let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
        render(
            StatusCode::BAD_REQUEST,
            &PasswordPage {
                t,
                chrome,
                error: Some(msg),
            },
        )
    };
    if f.new != f.repeat {
        return fail(t.get("password-mismatch"));
    }
    let new = match Password::parse(&f.new) {
        Ok(p) => p,
        Err(_) => return fail(t.get("password-too-short")),
    };
    match state
        .store
        .change_password(&s.info.principal, &f.current, &new)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Invalid(e)) if e.field == "current_password" => {
            return fail(t.get("password-wrong-current"))
        }
        Err(StoreError::Invalid(_)) => return fail(t.get("password-same")),
        Err(e) => return ApiError::from(e).into_response(),
    }
    match state
        .store
        .rotate_session(&s.cookie, &s.info.principal, s.info.mfa_done)
        .await
    {
        Ok((c, _)) => {
            let mut res = Redirect::to("/").into_response();
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&state, session_cookie_name(&state), &c, Some(12 * 3600)),
            );
            res
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn enrol_form(State(state): State<AppState>, t: Tr, s: AnySession) -> Response {
    if s.info.must_change_password {
        return Redirect::to("/account/password").into_response();
    }
    if s.info.totp_enrolled {
        return Redirect::to("/").into_response();
    }
    let enrolment = match state
        .store
        .pending_totp_enrolment(&s.cookie, &s.info.principal)
        .await
    {
        Ok(Some(e)) => e,
        Ok(None) => match state
            .store
            .begin_totp_enrolment(&s.cookie, &s.info.principal)
            .await
        {
            Ok(e) => e,
            Err(e) => return ApiError::from(e).into_response(),
        },
        Err(e) => return ApiError::from(e).into_response(),
    };
    let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
    render(
        StatusCode::OK,
        &EnrolPage {
            t,
            chrome,
            secret: enrolment.secret_base32,
            otpauth_url: enrolment.otpauth_url,
            error: None,
        },
    )
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
) -> Response {
    if let Err(r) = s.check_form(&method, &headers, &f.csrf) {
        return r;
    }
    if s.info.totp_enrolled || s.info.must_change_password {
        return Redirect::to("/").into_response();
    }
    let codes = match state
        .store
        .confirm_totp_enrolment(&s.cookie, &s.info.principal, &f.code)
        .await
    {
        Ok(Some(codes)) => codes,
        Ok(None) => {
            let pending = state
                .store
                .pending_totp_enrolment(&s.cookie, &s.info.principal)
                .await
                .ok()
                .flatten();
            let Some(e) = pending else {
                return Redirect::to("/account/totp").into_response();
            };
            let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &s.info.csrf_token);
            return render(
                StatusCode::BAD_REQUEST,
                &EnrolPage {
                    t,
                    chrome,
                    secret: e.secret_base32,
                    otpauth_url: e.otpauth_url,
                    error: Some(t.get("totp-wrong")),
                },
            );
        }
        Err(e) => return ApiError::from(e).into_response(),
    };
    let (new_cookie, new_csrf) = match state
        .store
        .rotate_session(&s.cookie, &s.info.principal, true)
        .await
    {
        Ok(c) => c,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let chrome = Chrome::for_user(state.config.demo, &s.info.principal, &new_csrf);
    let mut res = render(StatusCode::OK, &RecoveryPage { t, chrome, codes });
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            &state,
            session_cookie_name(&state),
            &new_cookie,
            Some(12 * 3600),
        ),
    );
    res
}
