//! Choosing the language of a page: `?lang=` (remembered in a cookie for signed-in staff
//! only; public pages carry it in their links and forms), the `lang` cookie, then the
//! browser's `Accept-Language`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use libertas_domain::i18n::{self, Lang};

/// The language of this request, and the translator templates use.
#[derive(Clone, Copy, Debug)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    /// The message `id`.
    pub fn get(&self, id: &str) -> String {
        i18n::t(self.lang, id)
    }

    /// The message `id` with one argument.
    pub fn arg(&self, id: &str, name: &str, value: &str) -> String {
        i18n::t_args(self.lang, id, &[(name, value)])
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr {
            lang: lang_of(parts),
        })
    }
}

pub fn lang_of(parts: &Parts) -> Lang {
    let from_query = parts.uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| Lang::from_code(v))
    });
    if let Some(l) = from_query {
        return l;
    }
    let from_cookie = crate::http::cookie(&parts.headers, "lang").and_then(|v| Lang::from_code(&v));
    if let Some(l) = from_cookie {
        return l;
    }
    parts
        .headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::negotiate)
        .unwrap_or_default()
}

/// The language for responses built without the request parts at hand.
pub fn lang_from_headers(headers: &axum::http::HeaderMap) -> Lang {
    if let Some(l) = crate::http::cookie(headers, "lang").and_then(|v| Lang::from_code(&v)) {
        return l;
    }
    headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::negotiate)
        .unwrap_or_default()
}
