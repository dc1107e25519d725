//! The referral lists outside a case: `/referrals/incoming`, what partners of other
//! organisations sent to mine (where it accepts or rejects), and `/referrals/outgoing`, what
//! my cases sent (the home's "waiting for the partner" links to its `requested` view).
//! Filtered by status in the URL, 50 a page, newest first; a filter it cannot read comes back
//! marked (400, nothing listed).

use super::pages::{error_text, row, ErrorQuery, ReferralRow};
use crate::http::list::{self, Choice, FieldErrors, FilterErrors, Pager};
use crate::http::{render, Chrome, OrPage, PageError, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::Capability;
use libertas_domain::cases::referrals::ReferralStatus;
use libertas_store::cases::INCOMING_PAGE_SIZE;

#[derive(Template)]
#[template(path = "cases/incoming.html")]
pub struct IncomingPage {
    pub t: Tr,
    pub chrome: Chrome,
    /// A refused answer (`?error=FIELD`).
    pub error: Option<String>,
    pub referrals: Vec<ReferralRow>,
    pub statuses: Vec<Choice>,
    /// The filter could not be read (status 400, nothing listed).
    pub errors: FieldErrors,
    pub total: i64,
    pub pager: Pager,
}

/// `GET /referrals/outgoing`: the referrals my cases sent.
#[derive(Template)]
#[template(path = "cases/outgoing.html")]
pub struct OutgoingPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub referrals: Vec<ReferralRow>,
    pub statuses: Vec<Choice>,
    pub errors: FieldErrors,
    pub total: i64,
    pub pager: Pager,
}

/// `?status=requested&page=2` (and `?error=FIELD` after a refused answer); blank values
/// count as not given, unknown parameters are ignored.
#[derive(serde::Deserialize)]
pub struct ReferralQuery {
    pub error: Option<String>,
    pub status: Option<String>,
    pub page: Option<String>,
}

impl ReferralQuery {
    /// The status and page (from 0). The status select is the form's only field, so a page
    /// that cannot be read is marked there too.
    fn read(&self) -> Result<(Option<ReferralStatus>, i64), FilterErrors> {
        let mut errors = FilterErrors::default();
        let status = crate::http::input::given(&self.status).and_then(|raw| {
            ReferralStatus::parse(raw.trim())
                .map_err(|_| errors.fail("status", "referrals-error-filter"))
                .ok()
        });
        let page = list::read_page(&self.page).unwrap_or_else(|| {
            if errors.0.is_empty() {
                errors.fail("status", "referrals-error-filter");
            }
            0
        });
        errors.or(|| (status, page))
    }

    /// The list at `path` with this filter, on `page` (1-based).
    fn href(&self, path: &str, page: i64) -> String {
        list::page_href(path, &[("status", &self.status)], page)
    }

    /// The status filter's options.
    fn statuses(&self, t: &Tr, chosen: Option<ReferralStatus>) -> Vec<Choice> {
        ReferralStatus::ALL
            .iter()
            .map(|s| {
                Choice::new(
                    s.as_str(),
                    t.get(&format!("referrals-status-{}", s.as_str())),
                    chosen == Some(*s),
                )
            })
            .collect()
    }
}

/// `GET /referrals/incoming`: referrals sent to the caller's organisation.
pub async fn incoming(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(q): PageQuery<ReferralQuery>,
) -> PageResult {
    // As on the outgoing list: a role that never works cases is turned away before its
    // filter is read (the store refuses it too).
    if !user.principal().can(Capability::WorkCases) {
        return Err(PageError::forbidden(t));
    }
    let read = q.read();
    let chosen = read.as_ref().ok().and_then(|r| r.0);
    let (status, list, total, pager, errors) = match read {
        Err(errors) => (
            StatusCode::BAD_REQUEST,
            Vec::new(),
            0,
            Pager::none(&t, "referrals-pages"),
            errors.0,
        ),
        Ok((status, page)) => {
            let (list, total) = state
                .store
                .incoming_referrals_page(user.principal(), status, page, "page: incoming referrals")
                .await
                .or_page(t)?;
            let pager = Pager::numbered(
                &t,
                "referrals-pages",
                total,
                page,
                INCOMING_PAGE_SIZE,
                |n| q.href("/referrals/incoming", n),
            )
            .with_position();
            (StatusCode::OK, list, total, pager, Vec::new())
        }
    };
    let page = IncomingPage {
        chrome,
        error: error_text(
            &t,
            &ErrorQuery {
                error: q.error.clone(),
            },
        ),
        referrals: list.iter().map(|v| row(&t, v)).collect(),
        statuses: q.statuses(&t, chosen),
        errors: FieldErrors::new(&t, &errors),
        total,
        pager,
        t,
    };
    Ok(render(status, &page))
}

/// `GET /referrals/outgoing`: referrals sent from the cases the caller is a member of.
pub async fn outgoing(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(q): PageQuery<ReferralQuery>,
) -> PageResult {
    // A role that never works cases is turned away before its filter is read (the store
    // refuses it too), so it cannot learn which filters are valid.
    if !user.principal().can(Capability::WorkCases) {
        return Err(PageError::forbidden(t));
    }
    let read = q.read();
    let chosen = read.as_ref().ok().and_then(|r| r.0);
    let (status, list, total, pager, errors) = match read {
        Err(errors) => (
            StatusCode::BAD_REQUEST,
            Vec::new(),
            0,
            Pager::none(&t, "referrals-pages"),
            errors.0,
        ),
        Ok((status, page)) => {
            let (list, total) = state
                .store
                .outgoing_referrals_page(user.principal(), status, page, "page: outgoing referrals")
                .await
                .or_page(t)?;
            let pager = Pager::numbered(
                &t,
                "referrals-pages",
                total,
                page,
                INCOMING_PAGE_SIZE,
                |n| q.href("/referrals/outgoing", n),
            )
            .with_position();
            (StatusCode::OK, list, total, pager, Vec::new())
        }
    };
    let page = OutgoingPage {
        chrome,
        referrals: list.iter().map(|v| row(&t, v)).collect(),
        statuses: q.statuses(&t, chosen),
        errors: FieldErrors::new(&t, &errors),
        total,
        pager,
        t,
    };
    Ok(render(status, &page))
}
