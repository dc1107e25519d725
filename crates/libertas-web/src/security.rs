//! Security headers on every response (and the staff language cookie), and cross-site request
//! checks for cookie sessions.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'";

/// Adds the headers of SECURITY.md. Everything is `no-store`: every staff page may show
/// personal data, and the public pages must leave no trace in the browser either.
///
/// A language chosen with `?lang=` is remembered in a cookie only for signed-in staff (a
/// request carrying a session cookie). Anyone else, in particular a visitor of the public
/// pages on a shared phone, gets no cookie at all: a cookie that outlives the visit is a
/// trace of it. Public pages carry the language in their links and forms instead.
pub async fn headers(req: Request, next: Next) -> Response {
    let staff = ["__Host-libertas_session", "libertas_session"]
        .iter()
        .any(|name| crate::http::cookie(req.headers(), name).is_some());
    let chosen_lang = req.uri().query().filter(|_| staff).and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| libertas_domain::i18n::Lang::from_code(v))
    });
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Some(lang) = chosen_lang {
        // Remember a language a signed-in staff member chose (it is not personal data).
        let cookie = format!(
            "lang={}; Path=/; SameSite=Lax; Max-Age=31536000",
            lang.code()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            h.append(header::SET_COOKIE, v);
        }
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    res
}

/// Whether a state-changing request could have been sent by another site. Browsers send
/// `Sec-Fetch-Site` and `Origin`; either one naming another site is refused. The per-session
/// token check comes on top of this.
pub fn cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    // Browsers that send Fetch Metadata say directly whether the request is same-origin. They
    // may also send `Origin: null` for same-origin forms under `Referrer-Policy: no-referrer`,
    // so the `Origin` check below is only for clients without Fetch Metadata.
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let (Some(origin), Some(host)) = (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        let origin_host = origin.split("://").nth(1).unwrap_or("");
        if origin == "null" || origin_host != host {
            return true;
        }
    }
    false
}

/// Constant-time comparison of a submitted token with the session's.
pub fn token_matches(given: &str, expected: &str) -> bool {
    use sha2::{Digest, Sha256};
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
        && !expected.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_cross_site_posts() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(!cross_site(&Method::POST, &h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(!cross_site(&Method::POST, &h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(cross_site(&Method::POST, &h));
        assert!(!cross_site(&Method::GET, &h));
        let mut h2 = HeaderMap::new();
        h2.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(cross_site(&Method::POST, &h2));
        // Chromium's same-origin form POST under `Referrer-Policy: no-referrer`.
        let mut h3 = HeaderMap::new();
        h3.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        h3.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!cross_site(&Method::POST, &h3));
    }

    #[test]
    fn tokens() {
        assert!(token_matches("abc", "abc"));
        assert!(!token_matches("abd", "abc"));
        assert!(!token_matches("", ""));
    }
}
