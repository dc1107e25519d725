//! Typed page templates (askama, autoescaped) and the page chrome they share.

use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use libertas_domain::i18n::Lang;
use libertas_store::audit::AuditRecord;

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
        }
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

/// A plain error page for `status`.
pub fn error_page(lang: Lang, status: StatusCode) -> Response {
    let t = Tr { lang };
    let (h, m) = match status {
        StatusCode::NOT_FOUND => ("error-not-found", "error-not-found-help"),
        StatusCode::FORBIDDEN => ("error-forbidden", "error-forbidden-help"),
        StatusCode::BAD_REQUEST => ("error-bad-request", "error-bad-request-help"),
        _ => ("error-internal", "error-internal-help"),
    };
    render(
        status,
        &ErrorPage {
            t,
            chrome: Chrome::anonymous(false),
            heading: t.get(h),
            message: t.get(m),
        },
    )
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub csrf: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "totp.html")]
pub struct TotpPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "enrol.html")]
pub struct EnrolPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub secret: String,
    pub otpauth_url: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "recovery.html")]
pub struct RecoveryPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub codes: Vec<String>,
}

#[derive(Template)]
#[template(path = "password.html")]
pub struct PasswordPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub error: Option<String>,
    /// Ask for a TOTP or recovery code too (a voluntary change by an enrolled user).
    pub ask_code: bool,
}

pub struct CaseRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub can_work_cases: bool,
    pub cases: Vec<CaseRow>,
    /// Open tasks past their due date in the user's cases.
    pub overdue: Vec<crate::cases::task_pages::TaskRow>,
}

pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub role: String,
    pub status: String,
}

pub struct NoteRow {
    pub author: String,
    pub created: String,
    pub text: String,
}

pub struct MemberRow {
    pub username: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "case.html")]
pub struct CasePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub status: String,
    pub owner: String,
    pub people: Vec<PersonRow>,
    pub notes: Vec<NoteRow>,
    pub members: Vec<MemberRow>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "person.html")]
pub struct PersonPage {
    pub t: Tr,
    pub chrome: Chrome,
    /// The person's id, for links to the person's sub-pages (care).
    pub id: String,
    pub name: String,
    pub erased: bool,
    pub facts: Vec<(String, String)>,
    pub cases: Vec<(String, String)>,
    /// Possible existing records, shown once right after the person was added.
    pub duplicates: Option<crate::people::pages::DuplicateNotice>,
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub object_id: String,
    pub events: Vec<AuditRecord>,
}

/// `2026-11-21T10:04:05.123456Z` → `2026-11-21 10:04 UTC`, for people.
pub fn short_time(stored: &str) -> String {
    match (stored.get(0..10), stored.get(11..16)) {
        (Some(d), Some(t)) => format!("{d} {t} UTC"),
        _ => stored.to_owned(),
    }
}
