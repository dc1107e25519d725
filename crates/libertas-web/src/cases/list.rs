//! `GET /cases`: the cases I am a member of, 50 a page, filtered by status, owner and number,
//! sorted, with the count per status. The filter lives in the URL (a GET form), so a view can
//! be bookmarked; the home page's counts link here.
//!
//! A filter that cannot be read comes back in the form as typed, marked and explained, and no
//! cases are shown for it (status 400), never silently everything.

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

/// The furthest page anyone can ask for (50 × 100,000 cases is far beyond any caseload).
const MAX_PAGE: i64 = 100_000;

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

/// A filter the list could not read: its field and the message key explaining it.
pub struct FilterError {
    pub field: &'static str,
    pub message: &'static str,
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

/// One choice of a select: value, label, chosen.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub chosen: bool,
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
    pub errors: Vec<FilterError>,
    pub rows: Vec<ListRow>,
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub pages: i64,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
}

impl CaseListPage {
    /// The explanation of `field`'s error, translated, when it has one.
    pub fn error_for(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.t.get(e.message))
    }

    /// The first field in error, to move the focus there.
    pub fn first_error(&self) -> Option<&'static str> {
        self.errors.first().map(|e| e.field)
    }
}

impl CaseFilter {
    /// The store's query, or every filter in error.
    fn browse(&self) -> Result<CaseBrowse, Vec<FilterError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message| errors.push(FilterError { field, message });
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
        let page = match input::given(&self.page).map(|p| p.trim().parse::<i64>()) {
            None => 0,
            Some(Ok(n)) if (1..=MAX_PAGE).contains(&n) => n - 1,
            Some(_) => {
                fail("page", "cases-error-page");
                0
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CaseBrowse {
            status,
            owned,
            number,
            sort,
            page,
        })
    }

    /// This view's link on `page` (1-based).
    fn href(&self, page: i64) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("status", &self.status),
            ("owned", &self.owned),
            ("number", &self.number),
            ("sort", &self.sort),
        ] {
            if let Some(v) = input::given(v) {
                q.append_pair(k, v.trim());
            }
        }
        if page > 1 {
            q.append_pair("page", &page.to_string());
        }
        let q = q.finish();
        if q.is_empty() {
            "/cases".to_owned()
        } else {
            format!("/cases?{q}")
        }
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
        Err(errors) => (StatusCode::BAD_REQUEST, Vec::new(), 0, 0, errors),
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
    let pages = ((total + CASE_PAGE_SIZE - 1) / CASE_PAGE_SIZE).max(1);
    let shown = page + 1;
    let statuses = CaseStatus::ALL
        .into_iter()
        .map(|s| Choice {
            value: s.as_str(),
            label: t.get(&format!("workflow-status-{}", s.as_str())),
            chosen: chosen_status == Some(s),
        })
        .collect();
    let sorts = CaseSort::ALL
        .into_iter()
        .map(|s| Choice {
            value: s.as_str(),
            label: t.get(&format!("cases-sort-{}", s.as_str())),
            chosen: chosen_sort == s,
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
            page: shown,
            pages,
            prev_href: (errors.is_empty() && shown > 1).then(|| view.href(shown - 1)),
            next_href: (errors.is_empty() && shown < pages).then(|| view.href(shown + 1)),
            errors,
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
