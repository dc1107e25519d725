//! Choosing the language of a page: `?lang=` (remembered in a cookie for signed-in staff
//! only; public pages carry it in their links and forms), the `lang` cookie, then the
//! browser's `Accept-Language`.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use libertas_domain::i18n::{self, Lang};
use std::sync::Arc;

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

    /// The name of `code` in the code list `list` (`staff-role`, `workflow-status`, `gender`…):
    /// the message `{list}-{code}`. Every code shown to a person goes through here or its
    /// own message, never raw.
    pub fn label(&self, list: &str, code: &str) -> String {
        self.get(&format!("{list}-{code}"))
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The language switch: every language, each linking to this very page and query with
    /// only `lang` changed, so switching keeps a list's filters and a form's context.
    pub fn languages(&self) -> Vec<LangLink> {
        let query = QUERY.try_with(Arc::clone).unwrap_or_default();
        Lang::ALL
            .into_iter()
            .map(|lang| LangLink {
                code: lang.code(),
                name: lang.native_name(),
                href: with_lang(&query, lang),
                current: lang == self.lang,
            })
            .collect()
    }
}

/// One entry of the language switch.
pub struct LangLink {
    pub code: &'static str,
    /// The language's name in itself (`Română`).
    pub name: &'static str,
    /// `?…&lang=ro`: the current query with `lang` replaced.
    pub href: String,
    pub current: bool,
}

tokio::task_local! {
    /// The query string of the request being answered, for [`Tr::languages`].
    static QUERY: Arc<str>;
}

/// Middleware: keeps the request's query string at hand while the page is built, so the
/// language switch can link to the same page with the same filters.
pub async fn keep_query(req: Request, next: Next) -> Response {
    let query: Arc<str> = Arc::from(req.uri().query().unwrap_or(""));
    QUERY.scope(query, next.run(req)).await
}

/// `query` with every `lang` parameter dropped and `lang` set to `lang`, as `?…`.
fn with_lang(query: &str, lang: Lang) -> String {
    let mut out = form_urlencoded::Serializer::for_suffix(String::from("?"), 1);
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k != "lang" {
            out.append_pair(&k, &v);
        }
    }
    out.append_pair("lang", lang.code());
    out.finish()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_keeps_the_query_and_replaces_only_lang() {
        assert_eq!(with_lang("", Lang::Ro), "?lang=ro");
        assert_eq!(
            with_lang("status=open&lang=en&page=2&lang=uk", Lang::Ru),
            "?status=open&page=2&lang=ru"
        );
        assert_eq!(
            with_lang("q=a%20b%26c&to=2026-01-01", Lang::Uk),
            "?q=a+b%26c&to=2026-01-01&lang=uk"
        );
    }
}
