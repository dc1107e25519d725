//! `GET /exports` and `POST /exports`: the list exports for people who do not use the API
//! (`docs/exports.md`, "The export page").
//!
//! The GET draws a form (list, format, whether to include personal data) and, for a role that
//! may include personal data, a fresh random passphrase, shown on the page and carried in a
//! hidden field. The POST sends it back and starts the export as a background job of this
//! server (`jobs.rs`), answering 303 to the job's page, which shows its progress and then the
//! download; a file with personal data is encrypted under exactly that passphrase, so the user
//! has seen it before the file exists, without JavaScript and without the server keeping it
//! (it lives in the page, the request and the job until the file is encrypted).
//! Input that cannot be read comes back to the form, the field marked (400); a list the role
//! may not export is refused (403), as the store would refuse it; a user or server already
//! holding as many export jobs as allowed gets the form back with the reason (429).

use super::jobs;
use crate::http::jobs::Refusal;
use crate::http::list::{Choice, FieldErrors, FilterError, FilterErrors};
use crate::http::{render, with_retry_after, Chrome, CsrfForm, Fields, PageError};
use crate::http::{PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect};
use libertas_domain::admin::{Policy, Principal};
use libertas_domain::exports::{ExportFormat, ExportList};
use libertas_store::exports::{new_passphrase, ExportPassphrase, ExportRequest};

#[derive(Template)]
#[template(path = "exports/page.html")]
pub struct ExportPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub lists: Vec<Choice>,
    pub formats: Vec<Choice>,
    /// The role may include personal data: the checkbox and the passphrase are shown.
    pub personal_allowed: bool,
    pub personal: bool,
    /// The passphrase a personal file will be encrypted under (shown, and sent back).
    pub passphrase: String,
    pub errors: FieldErrors,
    /// Why the export was not started although the form was right (too many jobs held).
    pub refused: Option<String>,
}

/// `?list=people` preselects a list (links from the home page and the list pages).
#[derive(serde::Deserialize)]
pub struct ExportQuery {
    pub list: Option<String>,
}

/// What the form asked for, read as far as it could be.
struct Choices {
    list: Option<ExportList>,
    format: ExportFormat,
    personal: bool,
    passphrase: Option<ExportPassphrase>,
}

/// The form page, with `errors` marked (and the status that goes with them).
fn page(t: Tr, chrome: Chrome, p: &Principal, c: &Choices, errors: &[FilterError]) -> ExportPage {
    let lists = ExportList::ALL
        .iter()
        .filter(|l| l.allowed(p.role))
        .map(|l| {
            let label = t.get(&format!("exports-list-{}", l.as_str()));
            Choice::new(l.as_str(), label, c.list == Some(*l))
        })
        .collect();
    let formats = ExportFormat::ALL
        .iter()
        .map(|f| {
            let label = t.get(&format!("exports-format-{}", f.as_str()));
            Choice::new(f.as_str(), label, c.format == *f)
        })
        .collect();
    // A passphrase the form sent back (valid) is kept, so one already written down still
    // opens the file; otherwise a new one.
    let passphrase = c.passphrase.as_ref().map_or_else(
        || new_passphrase().expose().to_owned(),
        |s| s.expose().to_owned(),
    );
    ExportPage {
        errors: FieldErrors::new(&t, errors),
        chrome,
        lists,
        formats,
        personal_allowed: Policy::reads_personal_data(p.role),
        personal: c.personal,
        passphrase,
        refused: None,
        t,
    }
}

fn no_store(mut res: axum::response::Response) -> axum::response::Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `GET /exports[?list=…]`: the form. A preselected list the role may not export is refused
/// (403); one that is not a list is marked (400).
#[tracing::instrument(skip_all)]
pub async fn show(
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(q): PageQuery<ExportQuery>,
) -> PageResult {
    let p = user.principal();
    // A role that may export no list at all (the supporter roles) has no form to see.
    if !ExportList::ALL.iter().any(|l| l.allowed(p.role)) {
        return Err(PageError::forbidden(t));
    }
    let mut errors = vec![];
    let list = match q.list.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => match ExportList::parse(raw) {
            Ok(l) if !l.allowed(p.role) => return Err(PageError::forbidden(t)),
            Ok(l) => Some(l),
            Err(_) => {
                errors.push(FilterError {
                    field: "list",
                    message: "exports-error-list",
                });
                None
            }
        },
    };
    let c = Choices {
        list,
        format: ExportFormat::Csv,
        personal: false,
        passphrase: None,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(no_store(render(status, &page(t, chrome, p, &c, &errors))))
}

/// `POST /exports`: starts the export as a background job and answers 303 to its page (so
/// Back, Forward and reload never run it twice); or the form again, with the field in error
/// (400) or the reason no job was started (429).
#[tracing::instrument(skip_all)]
pub async fn export(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let p = user.principal();
    let mut errors = FilterErrors::default();
    let list = match ExportList::parse(f.last("list").unwrap_or_default().trim()) {
        Ok(l) => Some(l),
        Err(_) => {
            errors.fail("list", "exports-error-list");
            None
        }
    };
    let format = match ExportFormat::parse(f.last("format").unwrap_or("csv").trim()) {
        Ok(x) => x,
        Err(_) => {
            errors.fail("format", "exports-error-format");
            ExportFormat::Csv
        }
    };
    let personal = match f.last("personal") {
        None => false,
        Some("true") => true,
        Some(_) => {
            errors.fail("personal", "exports-error-personal");
            false
        }
    };
    let passphrase = match f.last("passphrase").map(str::trim) {
        Some(raw) if !raw.is_empty() => match ExportPassphrase::parse(raw) {
            Ok(s) => Some(s),
            Err(_) => {
                errors.fail("passphrase", "exports-error-passphrase");
                None
            }
        },
        _ => None,
    };
    // The role's rule before anything else is said about the input: a list (or personal
    // data) it may not export is refused whatever else the form holds.
    if list.is_some_and(|l| !l.allowed(p.role))
        || (personal && !Policy::reads_personal_data(p.role))
    {
        return Err(PageError::forbidden(t));
    }
    let holds_personal = personal && list.is_some_and(ExportList::has_personal_columns);
    if holds_personal && passphrase.is_none() && errors.0.is_empty() {
        errors.fail("passphrase", "exports-error-passphrase");
    }
    let c = Choices {
        list,
        format,
        personal,
        passphrase,
    };
    let Some(list) = c.list.filter(|_| errors.0.is_empty()) else {
        return Ok(no_store(render(
            StatusCode::BAD_REQUEST,
            &page(t, chrome, p, &c, &errors.0),
        )));
    };
    let r = ExportRequest {
        list,
        format: c.format,
        personal: c.personal,
    };
    // A second copy for the job (zeroed when dropped), so the form can still show this one
    // if the job is refused.
    let given = c
        .passphrase
        .as_ref()
        .filter(|_| holds_personal)
        .and_then(|s| ExportPassphrase::parse(s.expose()).ok());
    match jobs::start(&state, p, r, given) {
        Ok(id) => Ok(Redirect::to(&format!("/exports/jobs/{id}")).into_response()),
        Err(refusal) => {
            let why = match refusal {
                Refusal::UserBusy => "exports-error-busy-user",
                Refusal::ServerBusy => "exports-error-busy-server",
            };
            let mut form = page(t, chrome, p, &c, &[]);
            form.refused = Some(t.get(why));
            let res = render(StatusCode::TOO_MANY_REQUESTS, &form);
            Ok(no_store(with_retry_after(res, jobs::RETRY_AFTER_SECONDS)))
        }
    }
}
