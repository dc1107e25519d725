//! `GET /report/receipt`: the one page that shows a receipt from the public form.
//!
//! The form answers with a redirect here (Post/Redirect/Get), so Back or a reload never sends
//! the story again and no page in the browser's history holds it. The receipt cannot travel in
//! the address (an address is a trace), so the form's answer gives the browser a one-time
//! handle in a cookie that is `HttpOnly`, `SameSite=Strict`, sent only to this path, with no
//! `Max-Age` (gone when the browser closes); this page trades it for the receipt, which the
//! store deletes as it hands it over, and deletes the cookie. Any later visit (Back, Forward,
//! a reload, a replayed cookie) finds nothing and says so with 410.

use crate::http::render;
use crate::http::PublicFrame as Frame;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

/// Where the form's answer sends the browser, and the only path its cookie is sent to.
pub const RECEIPT_PATH: &str = "/report/receipt";

#[derive(Template)]
#[template(path = "public/receipt.html")]
pub struct ReceiptPage {
    t: Tr,
    p: Frame,
    /// `None` once the receipt has been shown.
    receipt: Option<String>,
    in_danger_now: bool,
}

/// The cookie's name: `__Secure-` (it needs `Secure`, and cannot be `__Host-`, which would
/// force `Path=/`), plain for plain-HTTP development.
fn cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies {
        "__Secure-libertas_receipt"
    } else {
        "libertas_receipt"
    }
}

/// The `Set-Cookie` value that hands `handle` to the receipt page: a session cookie.
pub fn handle_cookie(state: &AppState, handle: &str) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={handle}; Path={RECEIPT_PATH}; HttpOnly; SameSite=Strict{secure}",
        cookie_name(state)
    ))
    .ok()
}

/// The `Set-Cookie` value that deletes the handle from the browser.
fn delete_cookie(state: &AppState) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}=; Path={RECEIPT_PATH}; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
        cookie_name(state)
    ))
    .ok()
}

/// Shows the receipt once; 410 afterwards.
#[tracing::instrument(skip_all)]
pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    headers: HeaderMap,
) -> Result<Response, crate::http::ApiError> {
    let handle = crate::http::cookie(&headers, cookie_name(&state));
    let handed = match &handle {
        Some(h) => state.store.take_receipt(h).await?,
        None => None,
    };
    let status = if handed.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    let page = ReceiptPage {
        t,
        p: Frame::new(t, &state.config, "/report"),
        in_danger_now: handed.as_ref().is_some_and(|h| h.in_danger_now),
        receipt: handed.map(|h| h.receipt),
    };
    let mut res = render(status, &page);
    if handle.is_some() {
        if let Some(v) = delete_cookie(&state) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    // The form page the reporter typed into may sit in the browser's back/forward cache with
    // the story still in its fields (Chromium keeps even no-store pages there now); this asks
    // the browser to drop cached pages of this site, so Back loads the form afresh and empty.
    res.headers_mut().insert(
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\""),
    );
    Ok(res)
}
