//! `GET /people`: the people of my cases, 50 a page, most recently added first, filtered by
//! their role in a case (the filter in the URL). Finding one person by name, date or number
//! is `/search`; this is the list to browse. A filter it cannot read comes back marked, with
//! status 400 and nobody listed.

use crate::http::list::{self, Choice, FieldErrors, FilterErrors, Pager};
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
    pub roles: Vec<Choice>,
    pub errors: FieldErrors,
    pub rows: Vec<Row>,
    pub total: i64,
    pub pager: Pager,
}

impl PeopleFilter {
    /// The role and page (from 0), or what could not be read.
    fn read(&self) -> Result<(Option<PersonRole>, i64), FilterErrors> {
        let mut errors = FilterErrors::default();
        let role = input::given(&self.role).and_then(|raw| {
            PersonRole::parse(raw.trim())
                .map_err(|_| errors.fail("role", "people-error-role"))
                .ok()
        });
        let page = list::read_page(&self.page).unwrap_or_else(|| {
            errors.fail("page", "cases-error-page");
            0
        });
        errors.or(|| (role, page))
    }

    /// This view's link on `page` (1-based).
    fn href(&self, page: i64) -> String {
        list::page_href("/people", &[("role", &self.role)], page)
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
    let (status, rows, total, page, errors) = match read {
        Err(errors) => (StatusCode::BAD_REQUEST, Vec::new(), 0, 0, errors.0),
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
            (StatusCode::OK, rows, found.total, page, Vec::new())
        }
    };
    let pager = if errors.is_empty() {
        Pager::numbered(&t, "people-pages", total, page, PEOPLE_PAGE_SIZE, |n| {
            view.href(n)
        })
    } else {
        Pager::none(&t, "people-pages")
    };
    Ok(render(
        status,
        &PeopleListPage {
            roles: PersonRole::ALL
                .iter()
                .map(|r| {
                    Choice::new(
                        r.as_str(),
                        t.get(&format!("role-{}", r.as_str())),
                        chosen == Some(*r),
                    )
                })
                .collect(),
            errors: FieldErrors::new(&t, &errors),
            t,
            chrome,
            rows,
            total,
            pager,
        },
    ))
}
