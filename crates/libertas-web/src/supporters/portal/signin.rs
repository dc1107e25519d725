//! `/portal/sign-in` (ask for a link), `/portal/link/{token}` (use it) and
//! `/portal/sign-out`.
//!
//! The sign-in answers with the same redirect whatever the address was (a supporter's,
//! unknown, erased, suppressed, throttled): the form tells no one who is a supporter. The
//! link's GET only shows a button, since mail scanners fetch links; the POST signs in.

use super::{
    add_cookie, browser_cookie_name, plausible, random_value, session_cookie_name, set_cookie,
    PortalForm, BROWSER_COOKIE_SECONDS, SESSION_COOKIE_SECONDS,
};
use crate::http::PublicFrame as Frame;
use crate::http::{client_addr, cookie, render, PublicForm};
use crate::i18n::Tr;
use crate::limits::Limit;
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::i18n::Lang;
use libertas_domain::people::Email;
use libertas_domain::supporters::message::portal_link;
use libertas_domain::supporters::PORTAL_LINK_LIFETIME;
use libertas_store::supporters::PortalLinkOutcome;
use std::net::SocketAddr;

#[derive(Template)]
#[template(path = "supporters/portal_signin.html")]
pub struct SignInPage {
    t: Tr,
    p: Frame,
    error: Option<String>,
    email_error: Option<String>,
    /// "You are signed out" after a sign-out.
    notice: Option<String>,
    challenge: String,
    pow_bits: u32,
    email: String,
}

#[derive(serde::Deserialize, Default)]
pub struct SignInQuery {
    #[serde(default)]
    out: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn page(
    state: &AppState,
    t: Tr,
    status: StatusCode,
    error: Option<String>,
    email_error: Option<String>,
    notice: Option<String>,
    email: String,
) -> Response {
    let page = SignInPage {
        t,
        p: Frame::new(t, &state.config, "/portal/sign-in"),
        error,
        email_error,
        notice,
        challenge: state.limiter.challenge(),
        pow_bits: state.config.pow_bits,
        email,
    };
    render(status, &page)
}

pub async fn form(State(state): State<AppState>, t: Tr, Query(q): Query<SignInQuery>) -> Response {
    let notice = q.out.map(|_| t.get("portal-signed-out"));
    page(&state, t, StatusCode::OK, None, None, notice, String::new())
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    t: Tr,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PublicForm(f): PublicForm,
) -> Response {
    let addr = client_addr(&state, peer, &headers);
    let limit = if state.limiter.form_stamped(&f) {
        Limit::Signup
    } else {
        Limit::SignupWithoutWork
    };
    let typed = f.text("email");
    if let Err(wait) = state.limiter.check(limit, addr) {
        let msg = t.arg(
            "portal-signin-too-many",
            "minutes",
            &wait.div_ceil(60).to_string(),
        );
        let res = page(
            &state,
            t,
            StatusCode::TOO_MANY_REQUESTS,
            Some(msg),
            None,
            None,
            typed,
        );
        return crate::http::with_retry_after(res, wait);
    }
    let email = match Email::parse(&typed) {
        Ok(e) => e,
        Err(_) => {
            return page(
                &state,
                t,
                StatusCode::BAD_REQUEST,
                Some(t.get("portal-error-summary")),
                Some(t.get("portal-signin-error-email")),
                None,
                typed,
            )
        }
    };
    let org = match state
        .store
        .public_reports_org(state.config.public_reports_org.as_deref())
        .await
    {
        Ok(Some(org)) => org,
        Ok(None) => {
            return crate::http::ApiError::Internal("no organisation yet".into()).into_response()
        }
        Err(e) => return crate::http::ApiError::from(e).into_response(),
    };
    // The browser binding: the cookie this browser already has, or a new one.
    let browser = cookie(&headers, browser_cookie_name(&state))
        .filter(|v| plausible(v))
        .unwrap_or_else(random_value);
    let base = state.config.public_url.trim_end_matches('/').to_owned();
    let compose = |token: &str, to: &str, lang: &str, unsubscribe: &str| {
        let l = Lang::from_code(lang).unwrap_or_default();
        portal_link(
            l,
            to,
            &format!("{base}/portal/link/{token}?lang={lang}"),
            &format!("{base}/updates/unsubscribe/{unsubscribe}?lang={lang}"),
        )
    };
    let result = async {
        let _permit = state.public_writes.acquire().await.ok();
        state
            .store
            .portal_request_link(org, &email, &browser, compose)
            .await
    }
    .await;
    if let Err(e) = result {
        return crate::http::ApiError::from(e).into_response();
    }
    let mut res = Redirect::to(&format!("/portal/sign-in/sent?lang={}", t.code())).into_response();
    add_cookie(
        &mut res,
        set_cookie(
            &state,
            browser_cookie_name(&state),
            &browser,
            "Lax",
            Some(BROWSER_COOKIE_SECONDS),
        ),
    );
    res
}

#[derive(Template)]
#[template(path = "supporters/portal_sent.html")]
pub struct SentPage {
    t: Tr,
    p: Frame,
    minutes: String,
}

pub async fn sent(State(state): State<AppState>, t: Tr) -> Response {
    let page = SentPage {
        t,
        p: Frame::new(t, &state.config, "/portal/sign-in"),
        minutes: PORTAL_LINK_LIFETIME.whole_minutes().to_string(),
    };
    render(StatusCode::OK, &page)
}

/// The link's page: one button that POSTs back to it.
#[derive(Template)]
#[template(path = "supporters/portal_link.html")]
pub struct LinkPage {
    t: Tr,
    p: Frame,
    action: String,
}

pub async fn link_page(
    State(state): State<AppState>,
    t: Tr,
    Path(token): Path<String>,
) -> Response {
    let page = LinkPage {
        t,
        p: Frame::new(t, &state.config, ""),
        // The token goes back only into the page's own form; the page is `no-store`.
        action: format!("/portal/link/{token}?lang={}", t.code()),
    };
    render(StatusCode::OK, &page)
}

/// Why a link did not sign anyone in.
#[derive(Template)]
#[template(path = "supporters/portal_refused.html")]
pub struct RefusedPage {
    pub(super) t: Tr,
    pub(super) p: Frame,
    pub(super) message: String,
}

#[tracing::instrument(skip_all)]
pub async fn use_link(
    State(state): State<AppState>,
    t: Tr,
    Path(token): Path<String>,
    headers: HeaderMap,
    PublicForm(_): PublicForm,
) -> Response {
    let browser = cookie(&headers, browser_cookie_name(&state));
    let outcome = match state
        .store
        .portal_use_link(&token, browser.as_deref())
        .await
    {
        Ok(o) => o,
        Err(e) => return crate::http::ApiError::from(e).into_response(),
    };
    let (status, message) = match &outcome {
        PortalLinkOutcome::SignedIn(session) | PortalLinkOutcome::CodeNeeded(session) => {
            let next = if matches!(outcome, PortalLinkOutcome::CodeNeeded(_)) {
                "/portal/sign-in/code"
            } else {
                "/portal"
            };
            let mut res = Redirect::to(&format!("{next}?lang={}", t.code())).into_response();
            add_cookie(
                &mut res,
                set_cookie(
                    &state,
                    session_cookie_name(&state),
                    session,
                    "Strict",
                    Some(SESSION_COOKIE_SECONDS),
                ),
            );
            return res;
        }
        PortalLinkOutcome::Unknown => (StatusCode::NOT_FOUND, "portal-link-unknown"),
        PortalLinkOutcome::Used => (StatusCode::CONFLICT, "portal-link-used"),
        PortalLinkOutcome::Expired => (StatusCode::GONE, "portal-link-expired"),
        PortalLinkOutcome::OtherBrowser => (StatusCode::FORBIDDEN, "portal-link-other-browser"),
    };
    let page = RefusedPage {
        t,
        p: Frame::new(t, &state.config, ""),
        message: t.get(message),
    };
    render(status, &page)
}

#[tracing::instrument(skip_all)]
pub async fn sign_out(
    State(state): State<AppState>,
    t: Tr,
    PortalForm(user, _): PortalForm,
) -> Response {
    if let Err(e) = state.store.portal_sign_out(&user.cookie).await {
        return crate::http::ApiError::from(e).into_response();
    }
    let mut res = Redirect::to(&format!("/portal/sign-in?lang={}&out=1", t.code())).into_response();
    add_cookie(
        &mut res,
        set_cookie(&state, session_cookie_name(&state), "", "Strict", None),
    );
    res
}
