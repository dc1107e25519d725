//! The supporter staff's Gift Aid pages (`docs/supporters.md`, "Gift Aid"):
//!
//! - `GET /supporters/gift-aid`: find a donor's declarations by address; (fundraising
//!   manager) prepare the claim schedule of two dates (`?from=&to=`): its totals, the gifts
//!   left out and why, a download per part of 1,000 rows, and the form that marks it
//!   submitted;
//! - `POST /supporters/gift-aid/find`: the donor with that address → their declarations;
//! - `GET /supporters/gift-aid/schedule.csv?from=&to=&part=`: one part of the schedule;
//! - `POST /supporters/gift-aid/submit`: mark the schedule (named by its digest) submitted;
//! - the donor's page and its forms: `donor.rs`.
//!
//! The store decides access: supporter care reads declarations, the fundraising manager
//! also records, cancels and claims; every case role is refused (403).

mod donor;

pub use donor::{cancel, confirm, declarations, record};

use crate::http::{render, Chrome, CsrfForm, OrPage, PageError, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use libertas_domain::people::Email;
use libertas_domain::supporters::gift_aid::schedule::pounds;
use libertas_domain::supporters::gifts::parse_date;
use libertas_store::supporters::gift_aid::GiftAidSchedule;
use libertas_store::StoreError;
use serde::Deserialize;

/// A schedule as the page shows it (no names: counts, totals, reasons).
pub struct Prepared {
    from: String,
    to: String,
    gifts: usize,
    total: String,
    gift_aid: String,
    digest: String,
    parts: Vec<usize>,
    left_out: Vec<(String, u64)>,
}

#[derive(Template)]
#[template(path = "supporters/gift_aid.html")]
pub struct GiftAidPage {
    t: Tr,
    chrome: Chrome,
    can_record: bool,
    find: Option<String>,
    from: String,
    to: String,
    reference: String,
    submitted_on: String,
    /// The field in error and its message key.
    invalid: Option<String>,
    prepared: Option<Prepared>,
    submitted: Option<String>,
}

impl GiftAidPage {
    pub fn error_for(&self, field: &str) -> bool {
        self.invalid.as_deref() == Some(field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiftAidQuery {
    #[serde(default)]
    find: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    submitted: Option<String>,
}

fn prepared(s: &GiftAidSchedule) -> Prepared {
    Prepared {
        from: s.from.to_string(),
        to: s.to.to_string(),
        gifts: s.gifts.len(),
        total: pounds(s.total_minor),
        gift_aid: pounds(s.gift_aid_minor),
        digest: s.digest.clone(),
        parts: (1..=s.parts().len()).collect(),
        left_out: s.left_out.iter().map(|(k, v)| (k.clone(), *v)).collect(),
    }
}

/// The two dates, or the field at fault (`from`, `to`).
fn range(from: &str, to: &str) -> Result<(time::Date, time::Date), String> {
    let from = parse_date("from", from).map_err(|e| e.field)?;
    let to = parse_date("to", to).map_err(|e| e.field)?;
    if to < from {
        return Err("to".into());
    }
    Ok((from, to))
}

pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(q): PageQuery<GiftAidQuery>,
) -> PageResult {
    let p = user.principal();
    let can_record = state.store.gift_aid_access(p).or_page(t)?;
    let mut page = GiftAidPage {
        t,
        chrome,
        can_record,
        find: q.find.filter(|f| f == "invalid" || f == "none"),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        reference: String::new(),
        submitted_on: String::new(),
        invalid: None,
        prepared: None,
        submitted: q
            .submitted
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit())),
    };
    let (Some(from), Some(to)) = (q.from, q.to) else {
        return Ok(render(StatusCode::OK, &page));
    };
    if !can_record {
        return Err(StoreError::Forbidden).or_page(t);
    }
    match range(&from, &to) {
        Ok((from, to)) => {
            let s = state
                .store
                .gift_aid_schedule(p, from, to)
                .await
                .or_page(t)?;
            page.prepared = Some(prepared(&s));
            Ok(render(StatusCode::OK, &page))
        }
        Err(field) => {
            page.invalid = Some(field);
            Ok(render(StatusCode::BAD_REQUEST, &page))
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct FindForm {
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    email: String,
}

/// `POST /supporters/gift-aid/find`.
#[tracing::instrument(skip_all)]
pub async fn find(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<FindForm>,
) -> PageResult {
    let p = user.principal();
    state.store.gift_aid_access(p).or_page(t)?;
    let Ok(email) = Email::parse(&f.email) else {
        return Err(PageError::redirect(
            "/supporters/gift-aid?find=invalid#find-email",
        ));
    };
    match state.store.donor_by_address(p, &email).await {
        Ok(id) => Err(PageError::redirect(format!(
            "/supporters/gift-aid/donors/{id}"
        ))),
        Err(StoreError::NotFound) => Err(PageError::redirect(
            "/supporters/gift-aid?find=none#find-email",
        )),
        Err(e) => Err(e).or_page(t),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DownloadQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    part: Option<usize>,
}

/// `GET /supporters/gift-aid/schedule.csv?from=&to=&part=`: one part of the schedule, as
/// an attachment (an audited export of donors' names and addresses).
#[tracing::instrument(skip_all)]
pub async fn download(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(q): PageQuery<DownloadQuery>,
) -> PageResult {
    let p = user.principal();
    if !state.store.gift_aid_access(p).or_page(t)? {
        return Err(StoreError::Forbidden).or_page(t);
    }
    let (from, to) = match range(&q.from, &q.to) {
        Ok(r) => r,
        Err(field) => {
            let page = GiftAidPage {
                t,
                chrome,
                can_record: true,
                find: None,
                from: q.from,
                to: q.to,
                reference: String::new(),
                submitted_on: String::new(),
                invalid: Some(field),
                prepared: None,
                submitted: None,
            };
            return Ok(render(StatusCode::BAD_REQUEST, &page));
        }
    };
    let s = state
        .store
        .gift_aid_schedule(p, from, to)
        .await
        .or_page(t)?;
    let parts = s.parts();
    let n = q.part.unwrap_or(1);
    let Some(body) = n.checked_sub(1).and_then(|i| parts.get(i)) else {
        return Err(StoreError::NotFound).or_page(t);
    };
    let name = format!("attachment; filename=\"gift-aid-{from}-{to}-part-{n}.csv\"");
    let mut res = (StatusCode::OK, body.clone()).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

#[derive(Debug, Deserialize)]
pub struct SubmitForm {
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    digest: String,
    #[serde(default)]
    reference: String,
    #[serde(default)]
    submitted_on: String,
}

/// `POST /supporters/gift-aid/submit`: mark the schedule submitted; a field in error (or a
/// schedule that changed since) comes back to the page.
#[tracing::instrument(skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    CsrfForm(f): CsrfForm<SubmitForm>,
) -> PageResult {
    let p = user.principal();
    if !state.store.gift_aid_access(p).or_page(t)? {
        return Err(StoreError::Forbidden).or_page(t);
    }
    let parsed = range(&f.from, &f.to).and_then(|(from, to)| {
        parse_date("submitted_on", &f.submitted_on)
            .map(|on| (from, to, on))
            .map_err(|e| e.field)
    });
    let outcome = match parsed {
        Ok((from, to, on)) => state
            .store
            .gift_aid_mark_submitted(p, from, to, &f.digest, &f.reference, on)
            .await
            .map_err(|e| match e {
                StoreError::Invalid(fe) => (StatusCode::BAD_REQUEST, Ok(fe.field)),
                StoreError::Conflicting(fe) => (StatusCode::CONFLICT, Ok(fe.field)),
                other => (StatusCode::INTERNAL_SERVER_ERROR, Err(other)),
            }),
        Err(field) => Err((StatusCode::BAD_REQUEST, Ok(field))),
    };
    match outcome {
        Ok((_, n)) => Err(PageError::redirect(format!(
            "/supporters/gift-aid?submitted={n}"
        ))),
        Err((_, Err(e))) => Err(e).or_page(t),
        Err((status, Ok(field))) => {
            // The schedule of the range again, so the form and its figures are at hand.
            let prepared = match range(&f.from, &f.to) {
                Ok((from, to)) => Some(prepared(
                    &state
                        .store
                        .gift_aid_schedule(p, from, to)
                        .await
                        .or_page(t)?,
                )),
                Err(_) => None,
            };
            let page = GiftAidPage {
                t,
                chrome,
                can_record: true,
                find: None,
                from: f.from,
                to: f.to,
                reference: f.reference,
                submitted_on: f.submitted_on,
                invalid: Some(field),
                prepared,
                submitted: None,
            };
            Ok(render(status, &page))
        }
    }
}
