//! Who is asking: bearer tokens for API clients, server-side sessions for browsers.
//!
//! API calls authenticate with `Authorization: Bearer …` (a token issued by an administrator,
//! standing in for the second factor) or with a browser session that has passed the second
//! factor; a session-authenticated state change must also carry the session's CSRF token in
//! `X-CSRF-Token` and come from the same site. Pages use [`PageUser`], which redirects to
//! the step of the login a session still has to complete.

use super::cookies::{cookie, session_cookie_name};
use super::error::ApiError;
use crate::security;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::admin::Principal;
use libertas_store::admin::SessionInfo;

/// An authenticated API caller.
pub struct ApiPrincipal(pub Principal);

impl FromRequestParts<AppState> for ApiPrincipal {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|v| {
                    v.strip_prefix("Bearer ")
                        .or_else(|| v.strip_prefix("bearer "))
                })
                .ok_or(ApiError::Unauthenticated)?;
            return match state.store.principal_for_token(token.trim()).await? {
                Some(p) => Ok(ApiPrincipal(p)),
                None => Err(ApiError::Unauthenticated),
            };
        }
        let Some(value) = cookie(&parts.headers, session_cookie_name(state)) else {
            return Err(ApiError::Unauthenticated);
        };
        let Some(session) = state.store.session(&value, state.config.sessions).await? else {
            return Err(ApiError::Unauthenticated);
        };
        if !session.mfa_done || session.must_change_password {
            return Err(ApiError::Unauthenticated);
        }
        if security::cross_site(&parts.method, &parts.headers) {
            return Err(ApiError::Forbidden);
        }
        if !matches!(
            parts.method,
            axum::http::Method::GET | axum::http::Method::HEAD
        ) {
            let given = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !security::token_matches(given, &session.csrf_token) {
                return Err(ApiError::Forbidden);
            }
        }
        Ok(ApiPrincipal(session.principal))
    }
}

/// A browser session at any stage of login (for the login and account pages).
#[derive(Clone)]
pub struct AnySession {
    pub cookie: String,
    pub info: SessionInfo,
}

impl FromRequestParts<AppState> for AnySession {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let to_login = || Redirect::to("/login").into_response();
        let cookie_value =
            cookie(&parts.headers, session_cookie_name(state)).ok_or_else(to_login)?;
        match state
            .store
            .session(&cookie_value, state.config.sessions)
            .await
        {
            Ok(Some(info)) => Ok(AnySession {
                cookie: cookie_value,
                info,
            }),
            Ok(None) => Err(to_login()),
            Err(e) => Err(ApiError::from(e).into_response()),
        }
    }
}

impl AnySession {
    /// Where this session has to go next before it may see staff pages, if anywhere.
    pub fn next_step(&self) -> Option<&'static str> {
        if self.info.must_change_password {
            Some("/account/password")
        } else if self.info.mfa_done {
            None
        } else if self.info.totp_enrolled {
            Some("/login/totp")
        } else {
            Some("/account/totp")
        }
    }

    /// Checks a submitted form's CSRF token and the request's origin. The error is the page
    /// to answer with.
    #[allow(clippy::result_large_err)]
    pub fn check_form(
        &self,
        parts_method: &axum::http::Method,
        headers: &HeaderMap,
        token: &str,
    ) -> Result<(), Response> {
        if security::cross_site(parts_method, headers)
            || !security::token_matches(token, &self.info.csrf_token)
        {
            return Err(super::page::error_page(
                crate::i18n::lang_from_headers(headers),
                axum::http::StatusCode::FORBIDDEN,
            ));
        }
        Ok(())
    }
}

/// A fully signed-in staff member (password, second factor, no pending password change).
///
/// Looked up once per request: the first extraction keeps the user in the request's
/// extensions, so [`super::Chrome`] and [`super::CsrfForm`] read the same session again
/// without a second look-up.
#[derive(Clone)]
pub struct PageUser(pub AnySession);

impl FromRequestParts<AppState> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<PageUser>() {
            return Ok(user.clone());
        }
        let s = AnySession::from_request_parts(parts, state).await?;
        match s.next_step() {
            Some(step) => Err(Redirect::to(step).into_response()),
            None => {
                let user = PageUser(s);
                parts.extensions.insert(user.clone());
                super::error_chrome::SeenUser::keep(parts, &user);
                Ok(user)
            }
        }
    }
}

impl PageUser {
    pub fn principal(&self) -> &Principal {
        &self.0.info.principal
    }

    pub fn csrf(&self) -> &str {
        &self.0.info.csrf_token
    }
}
