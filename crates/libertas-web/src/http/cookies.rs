//! Cookies: reading one from the request, the session cookie's name, and `Set-Cookie` values
//! (always `HttpOnly; SameSite=Strict`, `Secure` unless turned off for plain-HTTP development).

use crate::state::AppState;
use axum::http::{header, HeaderMap, HeaderValue};

/// The value of cookie `name`, if sent.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The session cookie's name: `__Host-` prefixed (Secure, host-only, path /) unless secure
/// cookies were turned off for plain-HTTP development.
pub fn session_cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies {
        "__Host-libertas_session"
    } else {
        "libertas_session"
    }
}

/// A `Set-Cookie` value. `max_age: None` deletes the cookie.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let age = max_age.unwrap_or(0);
    let v = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={age}{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// How long the browser keeps a session cookie (the server ends idle sessions sooner).
const SESSION_COOKIE_SECONDS: i64 = 12 * 3600;

/// Adds the `Set-Cookie` of a (new or rotated) session to `res`.
pub fn add_session_cookie(res: &mut axum::response::Response, state: &AppState, session: &str) {
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            state,
            session_cookie_name(state),
            session,
            Some(SESSION_COOKIE_SECONDS),
        ),
    );
}
