//! The page chrome every staff page shares, rendering, and the page-side error.
//!
//! [`Chrome`] is an extractor: a handler that names it gets the layout for the signed-in user
//! (menu by role, CSRF token), built here and nowhere else. [`PageError`] is what a page handler
//! returns instead of a response when it stops early, so handlers use `?`: a missing or
//! forbidden record becomes the plain error page (404/403, indistinguishable from a missing
//! one), a refused field a redirect back to the form with the field named, anything else the
//! same answer the API gives.

use super::auth::PageUser;
use super::error::ApiError;
use super::error_chrome::ErrorPageMark;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use libertas_domain::i18n::Lang;
use libertas_store::StoreError;

/// What the layout around every page needs.
pub struct Chrome {
    pub demo: bool,
    pub user: Option<String>,
    pub csrf: String,
    pub is_admin: bool,
    /// The user works the report queue (hotline, admin).
    pub works_reports: bool,
    /// Urgent reports waiting, for the alert on helpline pages.
    pub urgent_reports: i64,
    /// The user works cases (search, partner directory).
    pub works_cases: bool,
    /// The user records training and mentoring (trainer, admin).
    pub trains: bool,
    /// The user may read the impact measures (admin, analyst).
    pub reads_impact: bool,
    /// The user may run hidden-victim estimates (admin, analyst).
    pub runs_estimates: bool,
    /// The user has no second factor yet (possible only where it is waived, as in the demo):
    /// the menu offers its enrolment.
    pub enrol_totp: bool,
    /// The case side's indicators (not the supporter roles).
    pub reads_indicators: bool,
    /// The supporter side (`/supporters`): the supporter roles only.
    pub cares_for_supporters: bool,
}

impl FromRequestParts<AppState> for Chrome {
    type Rejection = Response;

    /// The chrome for the signed-in user (the same session [`PageUser`] reads, looked up once
    /// per request).
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = PageUser::from_request_parts(parts, state).await?;
        Ok(Chrome::for_page_user(state.config.demo, &user))
    }
}

impl Chrome {
    pub fn anonymous(demo: bool) -> Self {
        Self {
            demo,
            user: None,
            csrf: String::new(),
            is_admin: false,
            works_reports: false,
            urgent_reports: 0,
            works_cases: false,
            trains: false,
            reads_impact: false,
            runs_estimates: false,
            enrol_totp: false,
            reads_indicators: false,
            cares_for_supporters: false,
        }
    }

    /// The chrome for a fully signed-in user, offering second-factor enrolment when missing.
    pub fn for_page_user(demo: bool, user: &PageUser) -> Self {
        let mut chrome = Chrome::for_user(demo, user.principal(), user.csrf());
        chrome.enrol_totp = !user.0.info.totp_enrolled;
        chrome
    }

    pub fn for_user(demo: bool, p: &libertas_domain::admin::Principal, csrf: &str) -> Self {
        Self {
            demo,
            user: Some(p.username.clone()),
            csrf: csrf.to_owned(),
            is_admin: p.role == libertas_domain::admin::Role::Admin,
            works_reports: matches!(
                p.role,
                libertas_domain::admin::Role::Admin | libertas_domain::admin::Role::Hotline
            ),
            urgent_reports: 0,
            works_cases: libertas_domain::admin::Policy::allows(
                p.role,
                libertas_domain::admin::Capability::WorkCases,
            ),
            trains: libertas_domain::admin::Policy::allows(
                p.role,
                libertas_domain::admin::Capability::Train,
            ),
            reads_impact: libertas_domain::admin::Policy::allows(
                p.role,
                libertas_domain::admin::Capability::ReadImpact,
            ),
            runs_estimates: libertas_domain::admin::Policy::allows(
                p.role,
                libertas_domain::admin::Capability::RunEstimate,
            ),
            enrol_totp: false,
            reads_indicators: libertas_domain::admin::Policy::allows(
                p.role,
                libertas_domain::admin::Capability::ReadIndicators,
            ),
            cares_for_supporters: libertas_domain::admin::Policy::allows(
                p.role,
                libertas_domain::admin::Capability::CareForSupporters,
            ),
        }
    }
}

/// Renders a template into a response with `status`.
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub heading: String,
    pub message: String,
}

impl ErrorPage {
    /// The page for `status` (404, 403, 400; anything else is the internal-error page).
    pub fn new(t: Tr, chrome: Chrome, status: StatusCode) -> Self {
        let (h, m) = match status {
            StatusCode::NOT_FOUND => ("error-not-found", "error-not-found-help"),
            StatusCode::FORBIDDEN => ("error-forbidden", "error-forbidden-help"),
            StatusCode::BAD_REQUEST => ("error-bad-request", "error-bad-request-help"),
            _ => ("error-internal", "error-internal-help"),
        };
        ErrorPage {
            t,
            chrome,
            heading: t.get(h),
            message: t.get(m),
        }
    }
}

/// A plain error page for `status`, marked so that the `error_pages_keep_menu` middleware
/// renders it again with the menu of a signed-in caller.
pub fn error_page(lang: Lang, status: StatusCode) -> Response {
    let t = Tr { lang };
    let mut res = render(status, &ErrorPage::new(t, Chrome::anonymous(false), status));
    res.extensions_mut().insert(ErrorPageMark { lang, status });
    res
}

/// Why a page handler stopped early; answered by [`IntoResponse`].
#[derive(Debug)]
pub enum PageError {
    /// The error page with this status (404, 403, 400) in `lang` (with the caller's menu when
    /// signed in, see `http::error_chrome`).
    Page(Lang, StatusCode),
    /// Back to a page, usually the form with the field in error named in its query.
    Redirect(String),
    /// Anything else, answered as the API answers it (internal causes logged, never shown).
    Api(ApiError),
}

impl PageError {
    /// The 404 page in `t`'s language.
    pub fn not_found(t: Tr) -> Self {
        PageError::Page(t.lang, StatusCode::NOT_FOUND)
    }

    /// The 403 page in `t`'s language.
    pub fn forbidden(t: Tr) -> Self {
        PageError::Page(t.lang, StatusCode::FORBIDDEN)
    }

    /// The 400 page in `t`'s language.
    pub fn bad_request(t: Tr) -> Self {
        PageError::Page(t.lang, StatusCode::BAD_REQUEST)
    }

    /// A redirect (303 See Other, as `Redirect::to`) to `to`.
    pub fn redirect(to: impl Into<String>) -> Self {
        PageError::Redirect(to.into())
    }

    /// The page a person should see for a store error: a missing record is the 404 page, a
    /// forbidden one the 403 page, anything else the API's answer.
    pub fn store(t: Tr, e: StoreError) -> Self {
        match e {
            StoreError::NotFound => PageError::not_found(t),
            StoreError::Forbidden => PageError::forbidden(t),
            other => PageError::Api(ApiError::from(other)),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::Page(lang, status) => error_page(lang, status),
            PageError::Redirect(to) => Redirect::to(&to).into_response(),
            PageError::Api(e) => e.into_response(),
        }
    }
}

/// `?` for store results in page handlers: `store.x(..).await.or_page(t)?`.
pub trait OrPage<T> {
    /// The value, or the page for the store error (see [`PageError::store`]).
    fn or_page(self, t: Tr) -> Result<T, PageError>;
}

impl<T> OrPage<T> for Result<T, StoreError> {
    fn or_page(self, t: Tr) -> Result<T, PageError> {
        self.map_err(|e| PageError::store(t, e))
    }
}

/// The page for a store error as a response, for handlers not yet returning [`PageResult`].
pub fn page_error(t: Tr, e: StoreError) -> Response {
    PageError::store(t, e).into_response()
}

/// Adds `Retry-After` to a page answering 429 because the look-up budget is spent.
pub fn with_retry_after(mut res: Response, seconds: u64) -> Response {
    if let Ok(v) = axum::http::HeaderValue::from_str(&seconds.to_string()) {
        res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
    }
    res
}

/// What a page handler answers.
pub type PageResult = Result<Response, PageError>;
