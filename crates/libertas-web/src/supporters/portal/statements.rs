//! A signed-in supporter's giving statements (`docs/supporters.md`, "Statements"):
//!
//! - `GET /portal/statements`: the years with gifts, each with its PDF and an e-mail button;
//! - `GET /portal/statements/{year}.pdf`: the statement (an attachment, `no-store`);
//! - `POST /portal/statements/{year}/email`: queue it to the supporter's own address
//!   (portal CSRF; at most one per supporter per ten minutes, decided in the store).
//!
//! The store reaches only the session's own supporter; a year without gifts is the 404 page.

use super::{PortalForm, PortalUser};
use crate::http::PublicFrame as Frame;
use crate::http::{error_page, render};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::statement::Statement;
use libertas_store::supporters::{StatementMail, StatementYear, STATEMENT_MAIL_QUIET};
use libertas_store::StoreError;

#[derive(Template)]
#[template(path = "supporters/portal_statements.html")]
pub struct StatementsPage {
    t: Tr,
    p: Frame,
    csrf: String,
    years: Vec<StatementYear>,
    notice: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct StatementsQuery {
    #[serde(default)]
    sent: Option<i32>,
    #[serde(default)]
    wait: Option<i32>,
}

/// `GET /portal/statements`.
pub async fn list(
    State(state): State<AppState>,
    t: Tr,
    user: PortalUser,
    Query(q): Query<StatementsQuery>,
) -> Response {
    let years = match state.store.portal_statement_years(&user.session).await {
        Ok(y) => y,
        Err(e) => return failed(t, e),
    };
    let notice = match (q.sent, q.wait) {
        (Some(y), _) => Some(t.arg("statement-portal-sent", "year", &y.to_string())),
        (_, Some(_)) => Some(t.arg(
            "statement-portal-throttled",
            "minutes",
            &STATEMENT_MAIL_QUIET.whole_minutes().to_string(),
        )),
        _ => None,
    };
    let page = StatementsPage {
        t,
        p: Frame::new(t, &state.config, "/portal/statements"),
        csrf: user.session.csrf().to_owned(),
        years,
        notice,
    };
    render(StatusCode::OK, &page)
}

/// The year of `2025.pdf` (or of `2025` for the e-mail's path).
fn year_of(raw: &str, suffix: &str) -> Option<i32> {
    let digits = raw.strip_suffix(suffix)?;
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A store refusal as a page: 404 for a year without gifts, the API's answer otherwise.
fn failed(t: Tr, e: StoreError) -> Response {
    match e {
        StoreError::NotFound => error_page(t.lang, StatusCode::NOT_FOUND),
        e => crate::http::ApiError::from(e).into_response(),
    }
}

/// A PDF statement as a download nobody keeps on the way: `attachment`, `no-store`.
pub(crate) fn pdf_response(year: i32, pdf: Vec<u8>) -> Response {
    let mut res = pdf.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        Statement::file_name(year)
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `GET /portal/statements/{year}.pdf`.
pub async fn pdf(
    State(state): State<AppState>,
    t: Tr,
    user: PortalUser,
    Path(file): Path<String>,
) -> Response {
    let Some(year) = year_of(&file, ".pdf") else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    match state.store.portal_statement(&user.session, year).await {
        Ok(pdf) => pdf_response(year, pdf),
        Err(e) => failed(t, e),
    }
}

/// `POST /portal/statements/{year}/email`.
#[tracing::instrument(skip_all)]
pub async fn email(
    State(state): State<AppState>,
    t: Tr,
    Path(raw): Path<String>,
    PortalForm(user, _): PortalForm,
) -> Response {
    let Some(year) = year_of(&raw, "") else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let base = state.config.public_url.trim_end_matches('/').to_owned();
    let unsubscribe = move |token: &str, lang: Lang| {
        format!("{base}/updates/unsubscribe/{token}?lang={}", lang.code())
    };
    match state
        .store
        .portal_email_statement(&user.session, year, &unsubscribe)
        .await
    {
        Ok(StatementMail::Queued) => {
            Redirect::to(&format!("/portal/statements?lang={}&sent={year}", t.code()))
                .into_response()
        }
        Ok(StatementMail::Throttled) => {
            Redirect::to(&format!("/portal/statements?lang={}&wait={year}", t.code()))
                .into_response()
        }
        Err(e) => failed(t, e),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_four_digit_years_are_read() {
        assert_eq!(super::year_of("2025.pdf", ".pdf"), Some(2025));
        assert_eq!(super::year_of("2025", ""), Some(2025));
        for bad in ["25.pdf", "2025", "+202.pdf", "2025.pdf.pdf", "abcd.pdf", ""] {
            assert_eq!(super::year_of(bad, ".pdf"), None, "{bad}");
        }
    }
}
