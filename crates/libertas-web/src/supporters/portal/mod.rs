//! The donor portal (`/portal`): a supporter signs in with a link e-mailed to their address
//! and sees and changes their own details and e-mail preferences. The rules (single-use
//! links bound to the asking browser, sessions, access to one's own row only, audit) are in
//! the store (`libertas_store::supporters` portal); this module is the pages.
//!
//! **Cookies.** Two, both `HttpOnly`, `Secure` when the site is served over HTTPS, and
//! neither shared with staff: the *browser binding* cookie (random, `SameSite=Lax`, set by
//! the sign-in form's POST, so the link works only in the browser that asked), and the
//! *portal session* cookie (random, `SameSite=Strict`, set when a link is used). A staff
//! session cookie is another name and another table: it never opens `/portal`, and a portal
//! session never opens a staff or case page (those read only the staff cookie).
//!
//! **CSRF.** Every portal form carries the session's own token (a keyed hash of the portal
//! session cookie, `PortalSession::csrf`) and must come from our own site
//! ([`PortalForm`]). The sign-in form and the link's button have no session yet: the first
//! is guarded like the public sign-up (proof-of-work and rate limits), the second by the
//! link's token and the browser binding (a cross-site POST carries no `Lax` cookie).

mod gift_aid;
mod giving;
mod home;
mod second_factor;
mod signin;
mod statements;

pub(crate) use statements::pdf_response;

use crate::http::{cookie, error_page, get, post, Fields, PublicForm, Routes};
use crate::security;
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_store::supporters::PortalSession;

pub fn routes(r: Routes) -> Routes {
    r.route("/portal/sign-in", get(signin::form).post(signin::submit))
        .route("/portal/sign-in/sent", get(signin::sent))
        .route(
            "/portal/link/{token}",
            get(signin::link_page).post(signin::use_link),
        )
        .route("/portal/sign-out", post(signin::sign_out))
        .route("/portal", get(home::show))
        .route("/portal/details", post(home::details))
        .route("/portal/interests", post(home::interests))
        .route(
            "/portal/sign-in/code",
            get(second_factor::code_form).post(second_factor::code_submit),
        )
        .route("/portal/security", get(second_factor::show))
        .route("/portal/security/begin", post(second_factor::begin))
        .route("/portal/security/confirm", post(second_factor::confirm))
        .route("/portal/security/remove", post(second_factor::remove))
        .route("/portal/giving", get(giving::show))
        .route(
            "/portal/giving/regular/{id}/cancel",
            get(giving::confirm).post(giving::cancel),
        )
        .route(
            "/portal/gift-aid",
            get(gift_aid::show).post(gift_aid::declare),
        )
        .route("/portal/gift-aid/{id}/cancel", post(gift_aid::cancel))
        .route("/portal/statements", get(statements::list))
        .route("/portal/statements/{year}", get(statements::pdf))
        .route("/portal/statements/{year}/email", post(statements::email))
}

/// Whether portal cookies get `Secure` (and the `__Host-` prefix with it).
fn secure(state: &AppState) -> bool {
    state.config.secure_cookies || state.config.public_url.starts_with("https://")
}

/// The browser binding cookie's name.
pub(super) fn browser_cookie_name(state: &AppState) -> &'static str {
    if secure(state) {
        "__Host-libertas_portal_browser"
    } else {
        "libertas_portal_browser"
    }
}

/// The portal session cookie's name.
pub(super) fn session_cookie_name(state: &AppState) -> &'static str {
    if secure(state) {
        "__Host-libertas_portal"
    } else {
        "libertas_portal"
    }
}

/// How long the browser keeps the binding cookie (a link lives 15 minutes; a day lets a
/// supporter ask again without a new cookie).
const BROWSER_COOKIE_SECONDS: i64 = 24 * 3600;
/// How long the browser keeps the session cookie (the store ends idle sessions sooner).
const SESSION_COOKIE_SECONDS: i64 = 12 * 3600;

/// A `Set-Cookie` value for a portal cookie; `max_age: None` deletes it.
fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    same_site: &str,
    max_age: Option<i64>,
) -> HeaderValue {
    let secure = if secure(state) { "; Secure" } else { "" };
    let age = max_age.unwrap_or(0);
    let v =
        format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}; Max-Age={age}{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

fn add_cookie(res: &mut Response, v: HeaderValue) {
    res.headers_mut().append(header::SET_COOKIE, v);
}

/// A new random cookie value: 256 bits, URL-safe base64 (43 characters).
fn random_value() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether a cookie value looks like one of ours.
fn plausible(v: &str) -> bool {
    v.len() == 43
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A signed-in supporter (a live portal session). Without one: a redirect to the sign-in.
#[derive(Clone)]
pub struct PortalUser {
    pub cookie: String,
    pub session: PortalSession,
}

impl FromRequestParts<AppState> for PortalUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<PortalUser>() {
            return Ok(user.clone());
        }
        let lang = crate::i18n::lang_of(parts);
        let to_sign_in =
            || Redirect::to(&format!("/portal/sign-in?lang={}", lang.code())).into_response();
        let value = cookie(&parts.headers, session_cookie_name(state)).ok_or_else(to_sign_in)?;
        match state.store.portal_session(&value).await {
            Ok(Some(session)) => {
                let user = PortalUser {
                    cookie: value,
                    session,
                };
                parts.extensions.insert(user.clone());
                Ok(user)
            }
            Ok(None) => Err(to_sign_in()),
            Err(e) => Err(crate::http::ApiError::from(e).into_response()),
        }
    }
}

/// A portal form whose origin and CSRF token (the portal session's) have been checked.
pub struct PortalForm(pub PortalUser, pub Fields);

impl FromRequest<AppState> for PortalForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let user = PortalUser::from_request_parts(&mut parts, state).await?;
        let headers: HeaderMap = parts.headers.clone();
        let method = parts.method.clone();
        let PublicForm(fields) =
            PublicForm::from_request(Request::from_parts(parts, body), state).await?;
        let tokens = fields.all("csrf");
        let good = !tokens.is_empty()
            && tokens
                .iter()
                .all(|t| security::token_matches(t, user.session.csrf()));
        if !good || security::cross_site(&method, &headers) {
            return Err(error_page(
                crate::i18n::lang_from_headers(&headers),
                StatusCode::FORBIDDEN,
            ));
        }
        Ok(PortalForm(user, fields))
    }
}
