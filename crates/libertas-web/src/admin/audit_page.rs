//! The audit viewer page: the organisation's trail newest first, 50 events a page, filtered by
//! actor, action, record and date range. The filters live in the URL (a GET form), so a view
//! can be bookmarked or sent to a colleague; "Older" pages by key, never by offset.
//!
//! A filter that cannot be read comes back in the form as typed, marked and explained, and no
//! events are shown for it (status 400): a mistyped filter never silently shows everything.

use super::views::AuditPage;
use crate::http::list::{self, FieldErrors, FilterErrors, Pager};
use crate::http::{input, render, Chrome, OrPage, PageQuery, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::Username;
use libertas_store::audit::{AuditBrowse, AuditRecord};
use serde::Deserialize;
use time::macros::format_description;
use time::Date;

/// The viewer's filters as typed; blank counts as not given. Parameters it does not know are
/// ignored (a shared link with extra parameters still opens).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AuditView {
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub object_id: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub before: Option<String>,
}

/// One row of the table.
pub struct EventRow {
    pub seq: i64,
    pub record: AuditRecord,
}

impl AuditView {
    fn value(v: &Option<String>) -> String {
        v.clone().unwrap_or_default()
    }

    /// The store's query, or every filter in error.
    fn browse(&self) -> Result<AuditBrowse, FilterErrors> {
        let mut errors = FilterErrors::default();
        let mut fail = |field, message| errors.fail(field, message);
        let actor = input::given(&self.actor).and_then(|raw| match Username::parse(raw.trim()) {
            Ok(u) => Some(u.as_str().to_owned()),
            Err(_) => {
                fail("actor", "audit-error-actor");
                None
            }
        });
        let action = input::given(&self.action).and_then(|raw| {
            let raw = raw.trim();
            let ok = raw.len() <= 64
                && raw
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_');
            if ok {
                Some(raw.to_owned())
            } else {
                fail("action", "audit-error-action");
                None
            }
        });
        let object_id = input::given(&self.object_id).and_then(|raw| {
            match input::uuid("object_id", raw.trim(), "an id") {
                Ok(id) => Some(id.to_string()),
                Err(_) => {
                    fail("object_id", "audit-error-object");
                    None
                }
            }
        });
        let mut day = |field, v: &Option<String>| {
            input::given(v).and_then(|raw| {
                match Date::parse(raw.trim(), format_description!("[year]-[month]-[day]")) {
                    Ok(d) => Some(d),
                    Err(_) => {
                        fail(field, "audit-error-date");
                        None
                    }
                }
            })
        };
        let from = day("from", &self.from);
        let to = day("to", &self.to);
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                fail("to", "audit-error-range");
            }
        }
        let before = input::given(&self.before).and_then(|raw| match raw.trim().parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                fail("before", "audit-error-page");
                None
            }
        });
        errors.or(|| AuditBrowse {
            org_id: None,
            actor,
            action,
            object_id,
            from,
            to,
            before,
        })
    }

    /// This view's link with `before` set (or dropped for the newest page).
    fn href(&self, before: Option<i64>) -> String {
        let filters = [
            ("actor", &self.actor),
            ("action", &self.action),
            ("object_id", &self.object_id),
            ("from", &self.from),
            ("to", &self.to),
        ];
        let before = before.map(|b| b.to_string());
        list::href(
            "/admin/audit",
            &filters,
            before.as_deref().map(|b| ("before", b)),
        )
    }
}

/// `GET /admin/audit`.
pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(view): PageQuery<AuditView>,
) -> PageResult {
    let (status, rows, older, errors) = match view.browse() {
        Err(errors) => (StatusCode::BAD_REQUEST, Vec::new(), None, errors.0),
        Ok(q) => {
            let found = state
                .store
                .audit_page(user.principal(), &q)
                .await
                .or_page(t)?;
            let rows = found
                .events
                .into_iter()
                .map(|record| EventRow {
                    seq: record.seq,
                    record,
                })
                .collect();
            (StatusCode::OK, rows, found.older, Vec::new())
        }
    };
    let paged = view.before.as_deref().is_some_and(|b| !b.trim().is_empty());
    // Pages go by key ("older than event N"), not by number: back to the newest, or older.
    let pager = Pager {
        prev: (errors.is_empty() && paged).then(|| (view.href(None), t.get("audit-newest"))),
        prev_rel: false,
        next: older.map(|b| (view.href(Some(b)), t.get("audit-older"))),
        ..Pager::none(&t, "audit-pages")
    };
    Ok(render(
        status,
        &AuditPage {
            t,
            chrome,
            actor: AuditView::value(&view.actor),
            action: AuditView::value(&view.action),
            object_id: AuditView::value(&view.object_id),
            from: AuditView::value(&view.from),
            to: AuditView::value(&view.to),
            pager,
            errors: FieldErrors::new(&t, &errors),
            events: rows,
        },
    ))
}
