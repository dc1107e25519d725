//! `GET /people`: the people of my cases, 50 a page, most recently added first, filtered by
//! their role in a case (the filter in the URL). Finding one person by name, date or number
//! is `/search`; this is the list to browse. A filter it cannot read comes back marked, with
//! status 400 and nobody listed.

use crate::http::{input, render, Chrome, OrPage, PageError, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::Capability;
use libertas_domain::people::PersonRole;
use libertas_store::people::PEOPLE_PAGE_SIZE;
use serde::Deserialize;

/// The filter as typed; blank counts as not given, unknown parameters are ignored.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PeopleFilter {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

/// One row.
pub struct Row {
    pub id: String,
    pub name: String,
    pub birth_date: String,
    pub added: String,
    /// The stored time, for `<time datetime>`.
    pub added_at: String,
}

#[derive(Template)]
#[template(path = "people/list.html")]
pub struct PeopleListPage {
    pub t: Tr,
    pub chrome: Chrome,
    /// code, label, chosen.
    pub roles: Vec<(&'static str, String, bool)>,
    /// The field in error and its explanation.
    pub error: Option<(&'static str, String)>,
    pub rows: Vec<Row>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
}

impl PeopleListPage {
    /// The explanation of `field`'s error, when it is the one in error.
    pub fn error_for(&self, field: &str) -> Option<String> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }
}

impl PeopleFilter {
    fn read(&self) -> Result<(Option<PersonRole>, i64), (&'static str, &'static str)> {
        let role = match input::given(&self.role).map(str::trim) {
            None => None,
            Some(raw) => Some(PersonRole::parse(raw).map_err(|_| ("role", "people-error-role"))?),
        };
        let page = match input::given(&self.page).map(|p| p.trim().parse::<i64>()) {
            None => 0,
            Some(Ok(n)) if (1..=100_000).contains(&n) => n - 1,
            Some(_) => return Err(("page", "cases-error-page")),
        };
        Ok((role, page))
    }

    fn href(&self, page: i64) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(r) = input::given(&self.role) {
            q.append_pair("role", r.trim());
        }
        if page > 1 {
            q.append_pair("page", &page.to_string());
        }
        let q = q.finish();
        if q.is_empty() {
            "/people".to_owned()
        } else {
            format!("/people?{q}")
        }
    }
}

/// `GET /people`.
pub async fn list(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(view): PageQuery<PeopleFilter>,
) -> PageResult {
    if !user.principal().can(Capability::WorkCases) {
        return Err(PageError::Page(t.lang, StatusCode::FORBIDDEN));
    }
    let read = view.read();
    let chosen = read.as_ref().ok().and_then(|r| r.0);
    let (status, rows, total, page, error) = match read {
        Err((field, key)) => (
            StatusCode::BAD_REQUEST,
            Vec::new(),
            0,
            0,
            Some((field, t.get(key))),
        ),
        Ok((role, page)) => {
            let found = state
                .store
                .browse_people(user.principal(), role, page, "page: people list")
                .await
                .or_page(t)?;
            let rows = found
                .people
                .into_iter()
                .map(|p| {
                    let name = [p.given_name.as_deref(), p.family_name.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ");
                    Row {
                        id: p.id.to_string(),
                        name: if p.erased || name.is_empty() {
                            t.get("home-person-erased")
                        } else {
                            name
                        },
                        birth_date: p.birth_date.unwrap_or_default(),
                        added: t.date(&p.created_at),
                        added_at: p.created_at,
                    }
                })
                .collect();
            (StatusCode::OK, rows, found.total, page, None)
        }
    };
    let pages = ((total + PEOPLE_PAGE_SIZE - 1) / PEOPLE_PAGE_SIZE).max(1);
    let shown = page + 1;
    let ok = error.is_none();
    Ok(render(
        status,
        &PeopleListPage {
            roles: PersonRole::ALL
                .iter()
                .map(|r| {
                    (
                        r.as_str(),
                        t.get(&format!("role-{}", r.as_str())),
                        chosen == Some(*r),
                    )
                })
                .collect(),
            t,
            chrome,
            error,
            rows,
            total,
            page: shown,
            pages,
            prev_href: (ok && shown > 1).then(|| view.href(shown - 1)),
            next_href: (ok && shown < pages).then(|| view.href(shown + 1)),
        },
    ))
}
