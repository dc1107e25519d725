//! A donor's optional second factor (TOTP) for the portal:
//!
//! - `GET /portal/security`: whether one is set, with the forms to set one up or remove it;
//! - `POST /portal/security/begin`: draws a secret (shown with its QR code until confirmed);
//! - `POST /portal/security/confirm`: a first code confirms it;
//! - `POST /portal/security/remove`: a current code removes it;
//! - `GET`/`POST /portal/sign-in/code`: after a link, the code a supporter with a factor must
//!   give before the portal opens (five wrong codes end the sign-in).
//!
//! The rules are the store's (`libertas_store::supporters` portal `totp.rs`).

use super::signin::RefusedPage;
use super::{add_cookie, session_cookie_name, set_cookie, PortalForm, PortalUser};
use crate::admin::qr::{qr_svg, QrSvg};
use crate::http::PublicFrame as Frame;
use crate::http::{cookie, render, PublicForm};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_store::supporters::{PortalTotpEnrolment, SecondFactorOutcome};

#[derive(Template)]
#[template(path = "supporters/portal_security.html")]
pub struct SecurityPage {
    t: Tr,
    p: Frame,
    csrf: String,
    enabled: bool,
    /// A drawn secret waiting for its first code.
    pending: Option<(PortalTotpEnrolment, Option<QrSvg>)>,
    notice: Option<String>,
    /// The code field's error.
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "supporters/portal_code.html")]
pub struct CodePage {
    t: Tr,
    p: Frame,
    error: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct SecurityQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn page(
    state: &AppState,
    t: Tr,
    user: &PortalUser,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let store = &state.store;
    let enabled = match store.portal_totp_enabled(&user.session).await {
        Ok(e) => e,
        Err(e) => return crate::http::ApiError::from(e).into_response(),
    };
    let pending = match store.portal_totp_pending(&user.session, &user.cookie).await {
        Ok(p) => p.map(|e| {
            let qr = qr_svg(&e.otpauth_url);
            (e, qr)
        }),
        Err(e) => return crate::http::ApiError::from(e).into_response(),
    };
    let page = SecurityPage {
        t,
        p: Frame::new(t, &state.config, "/portal/security"),
        csrf: user.session.csrf().to_owned(),
        enabled,
        pending: pending.filter(|_| !enabled),
        notice,
        error,
    };
    render(status, &page)
}

fn done(t: Tr, what: &str) -> Response {
    Redirect::to(&format!("/portal/security?lang={}&done={what}", t.code())).into_response()
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PortalUser,
    Query(q): Query<SecurityQuery>,
) -> Response {
    let notice = match q.done.as_deref() {
        Some("enrolled") => Some(t.get("portal-totp-enrolled")),
        Some("removed") => Some(t.get("portal-totp-removed")),
        _ => None,
    };
    page(&state, t, &user, StatusCode::OK, notice, None).await
}

#[tracing::instrument(skip_all)]
pub async fn begin(
    State(state): State<AppState>,
    t: Tr,
    PortalForm(user, _): PortalForm,
) -> Response {
    match state
        .store
        .portal_totp_begin(&user.session, &user.cookie)
        .await
    {
        Ok(_) => Redirect::to(&format!("/portal/security?lang={}#code", t.code())).into_response(),
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}

#[tracing::instrument(skip_all)]
pub async fn confirm(
    State(state): State<AppState>,
    t: Tr,
    PortalForm(user, f): PortalForm,
) -> Response {
    match state
        .store
        .portal_totp_confirm(&user.session, &user.cookie, &f.text("code"))
        .await
    {
        Ok(true) => done(t, "enrolled"),
        Ok(false) => {
            let error = Some(t.get("portal-totp-wrong"));
            page(&state, t, &user, StatusCode::BAD_REQUEST, None, error).await
        }
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}

#[tracing::instrument(skip_all)]
pub async fn remove(
    State(state): State<AppState>,
    t: Tr,
    PortalForm(user, f): PortalForm,
) -> Response {
    match state
        .store
        .portal_totp_remove(&user.session, &f.text("code"))
        .await
    {
        Ok(true) => done(t, "removed"),
        Ok(false) => {
            let error = Some(t.get("portal-totp-wrong"));
            page(&state, t, &user, StatusCode::BAD_REQUEST, None, error).await
        }
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}

fn ended(state: &AppState, t: Tr) -> Response {
    let page = RefusedPage {
        t,
        p: Frame::new(t, &state.config, ""),
        message: t.get("portal-code-ended"),
    };
    let mut res = render(StatusCode::FORBIDDEN, &page);
    add_cookie(
        &mut res,
        set_cookie(state, session_cookie_name(state), "", "Strict", None),
    );
    res
}

fn code_page(state: &AppState, t: Tr, status: StatusCode, error: Option<String>) -> Response {
    let page = CodePage {
        t,
        p: Frame::new(t, &state.config, "/portal/sign-in/code"),
        error,
    };
    render(status, &page)
}

/// `GET /portal/sign-in/code`: the code form, for a sign-in waiting for it.
pub async fn code_form(State(state): State<AppState>, t: Tr, headers: HeaderMap) -> Response {
    let waiting = match cookie(&headers, session_cookie_name(&state)) {
        Some(c) => match state.store.portal_second_factor_due(&c).await {
            Ok(due) => due,
            Err(e) => return crate::http::ApiError::from(e).into_response(),
        },
        None => false,
    };
    if !waiting {
        return Redirect::to(&format!("/portal/sign-in?lang={}", t.code())).into_response();
    }
    code_page(&state, t, StatusCode::OK, None)
}

/// `POST /portal/sign-in/code`. Guarded by the session cookie (`SameSite=Strict`, so a
/// cross-site form sends none) and the same-origin check of every public form.
#[tracing::instrument(skip_all)]
pub async fn code_submit(
    State(state): State<AppState>,
    t: Tr,
    headers: HeaderMap,
    PublicForm(f): PublicForm,
) -> Response {
    let Some(c) = cookie(&headers, session_cookie_name(&state)) else {
        return ended(&state, t);
    };
    match state.store.portal_second_factor(&c, &f.text("code")).await {
        Ok(SecondFactorOutcome::Passed) => {
            Redirect::to(&format!("/portal?lang={}", t.code())).into_response()
        }
        Ok(SecondFactorOutcome::Wrong) => code_page(
            &state,
            t,
            StatusCode::BAD_REQUEST,
            Some(t.get("portal-totp-wrong")),
        ),
        Ok(SecondFactorOutcome::Ended) => ended(&state, t),
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}
