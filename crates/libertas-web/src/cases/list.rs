//! `GET /cases`: the cases I am a member of, 50 a page, filtered by status, owner and number,
//! sorted, with the count per status. The filter lives in the URL (a GET form), so a view can
//! be bookmarked; the home page's counts link here.
//!
//! A filter that cannot be read comes back in the form as typed, marked and explained, and no
//! cases are shown for it (status 400), never silently everything.

use crate::http::list::{self, Choice, FieldErrors, FilterErrors, Pager};
use crate::http::{input, render, Chrome, OrPage, PageError, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::Capability;
use libertas_domain::cases::CaseStatus;
use libertas_store::cases::{CaseBrowse, CaseSort, CASE_PAGE_SIZE};
use serde::Deserialize;

/// The list's filters as typed; blank counts as not given. Parameters it does not know are
/// ignored (a shared link with extra parameters still opens).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CaseFilter {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub owned: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

/// One row of the list.
pub struct ListRow {
    pub id: String,
    pub number: String,
    pub title: String,
    pub status: String,
    pub owner: String,
    pub updated: String,
    pub updated_at: String,
}

#[derive(Template)]
#[template(path = "cases/list.html")]
pub struct CaseListPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub statuses: Vec<Choice>,
    pub sorts: Vec<Choice>,
    pub owned: bool,
    pub number: String,
    pub errors: FieldErrors,
    pub rows: Vec<ListRow>,
    pub total: i64,
    pub pager: Pager,
}

impl CaseFilter {
    /// The store's query, or every filter in error.
    fn browse(&self) -> Result<CaseBrowse, FilterErrors> {
        let mut errors = FilterErrors::default();
        let mut fail = |field, message| errors.fail(field, message);
        let status =
            input::given(&self.status).and_then(|raw| match CaseStatus::parse(raw.trim()) {
                Ok(s) => Some(s),
                Err(_) => {
                    fail("status", "cases-error-status");
                    None
                }
            });
        let owned = match input::given(&self.owned).map(str::trim) {
            None => false,
            Some("1" | "on" | "true") => true,
            Some(_) => {
                fail("owned", "cases-error-owned");
                false
            }
        };
        let number = input::given(&self.number).and_then(|raw| {
            let n = raw.trim().to_ascii_uppercase();
            if number_prefix_ok(&n) {
                Some(n)
            } else {
                fail("number", "cases-error-number");
                None
            }
        });
        let sort = match input::given(&self.sort).map(str::trim) {
            None => CaseSort::default(),
            Some(raw) => match CaseSort::ALL.into_iter().find(|s| s.as_str() == raw) {
                Some(s) => s,
                None => {
                    fail("sort", "cases-error-sort");
                    CaseSort::default()
                }
            },
        };
        let page = list::read_page(&self.page).unwrap_or_else(|| {
            fail("page", "cases-error-page");
            0
        });
        errors.or(|| CaseBrowse {
            status,
            owned,
            number,
            sort,
            page,
        })
    }

    /// This view's link on `page` (1-based).
    fn href(&self, page: i64) -> String {
        let filters = [
            ("status", &self.status),
            ("owned", &self.owned),
            ("number", &self.number),
            ("sort", &self.sort),
        ];
        list::page_href("/cases", &filters, page)
    }
}

/// Whether `n` (upper-cased) is a case number or the start of one: `C`, `C-2`, `C-2026-0`, …
/// (`C`, dash, four year digits, dash, up to twelve digits).
fn number_prefix_ok(n: &str) -> bool {
    let b = n.as_bytes();
    !b.is_empty()
        && b.len() <= 19
        && b.iter().enumerate().all(|(i, c)| match i {
            0 => *c == b'C',
            1 | 6 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// `GET /cases`.
pub async fn list(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(view): PageQuery<CaseFilter>,
) -> PageResult {
    // A role that never works cases is turned away before its filter is read (the store
    // refuses it too), so it cannot learn which filters are valid.
    if !user.principal().can(Capability::WorkCases) {
        return Err(PageError::Page(t.lang, StatusCode::FORBIDDEN));
    }
    let query = view.browse();
    let chosen_status = query.as_ref().ok().and_then(|q| q.status);
    let chosen_sort = query.as_ref().map(|q| q.sort).unwrap_or_default();
    let (status, rows, total, page, errors) = match query {
        Err(errors) => (StatusCode::BAD_REQUEST, Vec::new(), 0, 0, errors.0),
        Ok(q) => {
            let found = state
                .store
                .browse_cases(user.principal(), &q, "page: case list")
                .await
                .or_page(t)?;
            let rows = found
                .cases
                .into_iter()
                .map(|c| ListRow {
                    id: c.id.to_string(),
                    number: c.number,
                    title: c.title,
                    status: t.get(&format!("workflow-status-{}", c.status.as_str())),
                    owner: c.owner,
                    updated: t.datetime(&c.updated_at),
                    updated_at: c.updated_at,
                })
                .collect();
            (StatusCode::OK, rows, found.total, q.page, Vec::new())
        }
    };
    let pager = if errors.is_empty() {
        Pager::numbered(&t, "cases-pages", total, page, CASE_PAGE_SIZE, |n| {
            view.href(n)
        })
    } else {
        Pager::none(&t, "cases-pages")
    };
    let statuses = CaseStatus::ALL
        .into_iter()
        .map(|s| {
            Choice::new(
                s.as_str(),
                t.get(&format!("workflow-status-{}", s.as_str())),
                chosen_status == Some(s),
            )
        })
        .collect();
    let sorts = CaseSort::ALL
        .into_iter()
        .map(|s| {
            Choice::new(
                s.as_str(),
                t.get(&format!("cases-sort-{}", s.as_str())),
                chosen_sort == s,
            )
        })
        .collect();
    Ok(render(
        status,
        &CaseListPage {
            t,
            chrome,
            statuses,
            sorts,
            owned: input::given(&view.owned).is_some(),
            number: view.number.clone().unwrap_or_default(),
            rows,
            total,
            pager,
            errors: FieldErrors::new(&t, &errors),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::number_prefix_ok;

    #[test]
    fn number_prefixes() {
        for ok in [
            "C",
            "C-",
            "C-2",
            "C-2026",
            "C-2026-",
            "C-2026-0",
            "C-2026-00123",
            "C-2026-000000000123",
        ] {
            assert!(number_prefix_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "X",
            "C-20x6",
            "C2026",
            "C-2026-00123-",
            "C-2026-0000000001234",
            "C-2026-%",
            "'; drop",
        ] {
            assert!(!number_prefix_ok(bad), "{bad}");
        }
    }
}
