//! `GET /evidence` and `GET /hearings`: the prosecution work across all my cases, 50 a page,
//! each row naming its case by number and title. The home's "evidence not verified" and
//! "hearings this month" link here with the filter that counts them.
//!
//! The filter lives in the URL; one it cannot read comes back marked, with status 400 and
//! nothing listed. Who may see what is the store's decision (`evidence_page`,
//! `hearings_page`): the pages only turn away first the roles the store refuses anyway
//! (evidence: roles that do not prosecute; hearings: roles that never work cases), so these
//! cannot learn which filters are valid.

use crate::http::clock;
use crate::http::list::{self, Choice, FieldErrors, FilterErrors, Pager};
use crate::http::{input, render, Chrome, OrPage, PageError, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::Capability;
use libertas_store::justice::{HearingWhen, Verified, JUSTICE_PAGE_SIZE};
use serde::Deserialize;

/// `?verified=no|yes|any&page=`; blank counts as not given, unknown parameters are ignored.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EvidenceFilter {
    #[serde(default)]
    pub verified: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

/// `?when=month|week|upcoming|past&page=`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct HearingFilter {
    #[serde(default)]
    pub when: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

/// One evidence item.
pub struct EvidenceRow {
    pub case_id: String,
    pub case_label: String,
    pub label: String,
    pub collected: String,
    pub collected_at: String,
    pub holder: String,
    pub verified: bool,
}

/// One hearing.
pub struct HearingRow {
    pub case_id: String,
    pub case_label: String,
    pub date: String,
    pub date_shown: String,
    pub court: String,
    pub kind: String,
}

#[derive(Template)]
#[template(path = "justice/evidence_list.html")]
pub struct EvidenceListPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub choices: Vec<Choice>,
    pub errors: FieldErrors,
    pub rows: Vec<EvidenceRow>,
    pub total: i64,
    pub pager: Pager,
}

#[derive(Template)]
#[template(path = "justice/hearing_list.html")]
pub struct HearingListPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub choices: Vec<Choice>,
    pub errors: FieldErrors,
    pub rows: Vec<HearingRow>,
    pub total: i64,
    pub pager: Pager,
}

/// The code of `all` written in `raw` (the default when not given), else an error on `field`.
fn code<T: Copy + Default>(
    errors: &mut FilterErrors,
    field: &'static str,
    message: &'static str,
    raw: &Option<String>,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> T {
    match input::given(raw).map(str::trim) {
        None => T::default(),
        Some(raw) => all
            .iter()
            .copied()
            .find(|v| as_str(*v) == raw)
            .unwrap_or_else(|| {
                errors.fail(field, message);
                T::default()
            }),
    }
}

/// The page (from 0), or an error on `page`.
fn page(errors: &mut FilterErrors, raw: &Option<String>) -> i64 {
    list::read_page(raw).unwrap_or_else(|| {
        errors.fail("page", "cases-error-page");
        0
    })
}

/// "C-2026-00012 · Title" (the title may be gone with an erased case key).
fn case_label(t: &Tr, number: &str, title: Option<String>) -> String {
    let title = title.unwrap_or_else(|| t.get("home-person-erased"));
    format!("{number} · {title}")
}

/// `GET /evidence`.
pub async fn evidence(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(view): PageQuery<EvidenceFilter>,
) -> PageResult {
    if !user.principal().can(Capability::Prosecute) {
        return Err(PageError::Page(t.lang, StatusCode::FORBIDDEN));
    }
    let mut errors = FilterErrors::default();
    let verified = code(
        &mut errors,
        "verified",
        "justice-list-error-verified",
        &view.verified,
        &Verified::ALL,
        Verified::as_str,
    );
    let index = page(&mut errors, &view.page);
    let read = errors.or(|| (verified, index));
    let href = |n| list::page_href("/evidence", &[("verified", &view.verified)], n);
    let (status, rows, total, pager, errors) = match read {
        Err(e) => (
            StatusCode::BAD_REQUEST,
            Vec::new(),
            0,
            Pager::none(&t, "justice-list-pages"),
            e.0,
        ),
        Ok((verified, index)) => {
            let found = state
                .store
                .evidence_page(user.principal(), verified, index, "page: evidence list")
                .await
                .or_page(t)?;
            let rows = found
                .items
                .into_iter()
                .map(|i| EvidenceRow {
                    case_id: i.case_id.to_string(),
                    case_label: case_label(&t, &i.case_number, i.case_title),
                    label: i.label.unwrap_or_else(|| t.get("home-person-erased")),
                    collected: t.datetime(&i.collected_at),
                    collected_at: i.collected_at,
                    holder: i.holder.unwrap_or_default(),
                    verified: i.verified,
                })
                .collect();
            let pager = Pager::numbered(
                &t,
                "justice-list-pages",
                found.total,
                index,
                JUSTICE_PAGE_SIZE,
                href,
            );
            (StatusCode::OK, rows, found.total, pager, Vec::new())
        }
    };
    let chosen = Verified::ALL
        .into_iter()
        .find(|v| Some(v.as_str()) == input::given(&view.verified).map(str::trim));
    let choices = Verified::ALL
        .into_iter()
        .map(|v| {
            Choice::new(
                v.as_str(),
                t.get(&format!("justice-list-verified-{}", v.as_str())),
                chosen.unwrap_or_default() == v,
            )
        })
        .collect();
    Ok(render(
        status,
        &EvidenceListPage {
            errors: FieldErrors::new(&t, &errors),
            t,
            chrome,
            choices,
            rows,
            total,
            pager,
        },
    ))
}

/// `GET /hearings`.
pub async fn hearings(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(view): PageQuery<HearingFilter>,
) -> PageResult {
    if !user.principal().can(Capability::WorkCases) {
        return Err(PageError::Page(t.lang, StatusCode::FORBIDDEN));
    }
    let mut errors = FilterErrors::default();
    let when = code(
        &mut errors,
        "when",
        "justice-list-error-when",
        &view.when,
        &HearingWhen::ALL,
        HearingWhen::as_str,
    );
    let index = page(&mut errors, &view.page);
    let read = errors.or(|| (when, index));
    let href = |n| list::page_href("/hearings", &[("when", &view.when)], n);
    let (status, rows, total, pager, errors) = match read {
        Err(e) => (
            StatusCode::BAD_REQUEST,
            Vec::new(),
            0,
            Pager::none(&t, "justice-list-hearing-pages"),
            e.0,
        ),
        Ok((when, index)) => {
            let found = state
                .store
                .hearings_page(
                    user.principal(),
                    when,
                    clock::now().date(),
                    index,
                    "page: hearings list",
                )
                .await
                .or_page(t)?;
            let rows = found
                .items
                .into_iter()
                .map(|h| {
                    let date = h.date.to_string();
                    HearingRow {
                        case_id: h.case_id.to_string(),
                        case_label: case_label(&t, &h.case_number, h.case_title),
                        date_shown: t.date(&date),
                        date,
                        court: h.court.unwrap_or_else(|| t.get("home-person-erased")),
                        kind: t.get(&format!("proceedings-kind-{}", h.kind.as_str())),
                    }
                })
                .collect();
            let pager = Pager::numbered(
                &t,
                "justice-list-hearing-pages",
                found.total,
                index,
                JUSTICE_PAGE_SIZE,
                href,
            );
            (StatusCode::OK, rows, found.total, pager, Vec::new())
        }
    };
    let chosen = HearingWhen::ALL
        .into_iter()
        .find(|w| Some(w.as_str()) == input::given(&view.when).map(str::trim));
    let choices = HearingWhen::ALL
        .into_iter()
        .map(|w| {
            Choice::new(
                w.as_str(),
                t.get(&format!("justice-list-when-{}", w.as_str())),
                chosen.unwrap_or_default() == w,
            )
        })
        .collect();
    Ok(render(
        status,
        &HearingListPage {
            errors: FieldErrors::new(&t, &errors),
            t,
            chrome,
            choices,
            rows,
            total,
            pager,
        },
    ))
}
