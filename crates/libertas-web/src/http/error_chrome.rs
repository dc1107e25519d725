//! Error pages keep the signed-in user's menu.
//!
//! An error page is built deep inside an extractor or a handler ([`super::error_page`]), where
//! the session is often not at hand (a malformed id, an unknown path, a store refusal). Rather
//! than thread the chrome through every error, the page is rendered plain and marked
//! ([`ErrorPageMark`]); this middleware, which sees the whole request, renders a marked page
//! again with the caller's chrome (menu, language switch, sign-out) when the caller is fully
//! signed in.
//!
//! No extra store read on ordinary requests: [`super::PageUser`] leaves the user it looked up
//! in a slot this middleware hands down ([`SeenUser`]). Only an error page answered before any
//! extractor looked at the session (an unknown path, a malformed id read first) costs one
//! session look-up, and a session that has not finished signing in never gets the menu.

use super::auth::{AnySession, PageUser};
use super::cookies::{cookie, session_cookie_name};
use super::page::{render, Chrome, ErrorPage};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use libertas_domain::i18n::Lang;
use std::sync::{Arc, OnceLock};

/// Put on a response by [`super::error_page`]: the plain page may be rendered again with the
/// caller's chrome.
#[derive(Clone, Copy, Debug)]
pub struct ErrorPageMark {
    pub lang: Lang,
    pub status: StatusCode,
}

/// The signed-in user, once an extractor has looked the session up for this request.
#[derive(Clone, Default)]
pub struct SeenUser(Arc<OnceLock<PageUser>>);

impl SeenUser {
    /// Keeps `user` for the middleware (a request has one user; a second call changes nothing).
    pub fn keep(parts: &Parts, user: &PageUser) {
        if let Some(slot) = parts.extensions.get::<SeenUser>() {
            let _ = slot.0.set(user.clone());
        }
    }
}

/// Middleware: renders a marked error page again with the caller's chrome.
pub async fn error_pages_keep_menu(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let seen = SeenUser::default();
    req.extensions_mut().insert(seen.clone());
    let session_cookie = cookie(req.headers(), session_cookie_name(&state));
    let res = next.run(req).await;
    let Some(mark) = res.extensions().get::<ErrorPageMark>().copied() else {
        return res;
    };
    let user = match seen.0.get() {
        Some(u) => Some(u.clone()),
        None => match session_cookie {
            Some(c) => signed_in(c, &state).await,
            None => None,
        },
    };
    let Some(user) = user else {
        return res;
    };
    let t = Tr { lang: mark.lang };
    let chrome = Chrome::for_page_user(state.config.demo, &user);
    let again = render(mark.status, &ErrorPage::new(t, chrome, mark.status));
    let (mut res_parts, _) = res.into_parts();
    res_parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(res_parts, again.into_body())
}

/// The owner of session `cookie`, if fully signed in (password, second factor, no pending
/// password change). A failed look-up leaves the page plain.
async fn signed_in(cookie: String, state: &AppState) -> Option<PageUser> {
    let info = state
        .store
        .session(&cookie, state.config.sessions)
        .await
        .ok()
        .flatten()?;
    let session = AnySession { cookie, info };
    session.next_step().is_none().then_some(PageUser(session))
}
