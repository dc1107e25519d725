//! The queue's filters as typed in a URL, read into the store's [`QueueFilter`]. The page and
//! the JSON API read the same parameters the same way; each value that cannot be read is
//! named, so the page can mark its field and the API can name it in its 400.

use crate::http::input::given;
pub use crate::http::list::FilterError;
use crate::http::list::{self, FilterErrors};
use crate::http::schema;
use libertas_domain::reports::{Channel, ReportStatus};
use libertas_store::reports::{AssigneeFilter, QueueFilter, QueueSort, StatusFilter};
use serde::Deserialize;

/// The verdict codes a screening gives, and `unscreened`.
pub const VERDICTS: [&str; 6] = [
    "unscreened",
    "trafficking",
    "possible_trafficking",
    "forced_labour",
    "smuggling",
    "no_indication",
];

/// The status filter's codes: `open` (new or screened, the default), `all`, or one status.
pub const STATUSES: [&str; 7] = [
    "open",
    "all",
    "new",
    "screened",
    "referred",
    "case_opened",
    "closed",
];

/// The assignee filter's codes.
pub const ASSIGNEES: [&str; 3] = ["anyone", "me", "nobody"];

/// The orders: urgent first then the longest waiting (the default of the open reports), oldest
/// or newest first (the default of every other status: a history).
pub const SORTS: [&str; 3] = ["urgent", "oldest", "newest"];

/// The queue's parameters as typed; blank counts as not given. Parameters it does not know
/// are ignored by the page (a shared link with extra parameters still opens).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct QueueView {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub verdict: Option<String>,
    #[serde(default)]
    pub urgent: Option<String>,
    #[serde(default)]
    pub unanswered: Option<String>,
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

impl QueueView {
    /// The store's filter, or every value in error, in the order of the form's fields (the
    /// first is focused).
    pub fn filter(&self) -> Result<QueueFilter, Vec<FilterError>> {
        let mut errors = FilterErrors::default();
        let mut fail = |field, message| errors.fail(field, message);
        let value = |v: &Option<String>| given(v).map(|s| s.trim().to_owned());
        let status = match value(&self.status).as_deref() {
            None | Some("open") => StatusFilter::Open,
            Some("all") => StatusFilter::All,
            Some(s) => match ReportStatus::parse(s) {
                Ok(s) => StatusFilter::Is(s),
                Err(_) => {
                    fail("status", "reports-filter-invalid");
                    StatusFilter::Open
                }
            },
        };
        let verdict = value(&self.verdict);
        if verdict.as_deref().is_some_and(|v| !VERDICTS.contains(&v)) {
            fail("verdict", "reports-filter-invalid");
        }
        let assignee = match value(&self.assignee).as_deref() {
            None | Some("anyone") => AssigneeFilter::Anyone,
            Some("me") => AssigneeFilter::Me,
            Some("nobody") => AssigneeFilter::Nobody,
            Some(_) => {
                fail("assignee", "reports-filter-invalid");
                AssigneeFilter::Anyone
            }
        };
        let channel = match value(&self.channel) {
            None => None,
            Some(c) => match Channel::parse_stored(&c) {
                Some(c) => Some(c),
                None => {
                    fail("channel", "reports-filter-invalid");
                    None
                }
            },
        };
        let sort = match value(&self.sort).as_deref() {
            None => QueueSort::default_for(status),
            Some("urgent") => QueueSort::Urgent,
            Some("oldest") => QueueSort::Oldest,
            Some("newest") => QueueSort::Newest,
            Some(_) => {
                fail("sort", "reports-filter-invalid");
                QueueSort::Urgent
            }
        };
        let urgent_only = match value(&self.urgent).as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => {
                fail("urgent", "reports-filter-invalid");
                false
            }
        };
        let unanswered = match value(&self.unanswered).as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => {
                fail("unanswered", "reports-filter-invalid");
                false
            }
        };
        let page = list::read_page(&self.page)
            .and_then(|index| u32::try_from(index + 1).ok())
            .unwrap_or_else(|| {
                fail("page", "reports-filter-page");
                1
            });
        if !errors.0.is_empty() {
            return Err(errors.0);
        }
        Ok(QueueFilter {
            status,
            verdict,
            urgent_only,
            unanswered,
            assignee,
            channel,
            sort,
            page,
        })
    }

    /// This view's link on `page` (the first page without a `page` parameter).
    pub fn href(&self, page: i64) -> String {
        let filters = [
            ("status", &self.status),
            ("verdict", &self.verdict),
            ("urgent", &self.urgent),
            ("unanswered", &self.unanswered),
            ("assignee", &self.assignee),
            ("channel", &self.channel),
            ("sort", &self.sort),
        ];
        list::page_href("/reports", &filters, page)
    }
}

/// A code of `codes`, blank or absent, for the OpenAPI document.
pub fn blank_or(codes: &[&str]) -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    schema::blank_or(
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(codes.iter().copied())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(q: &str) -> QueueView {
        crate::http::query::parse_page(q).unwrap()
    }

    #[test]
    fn reads_every_filter_and_names_each_bad_one() {
        let f = view("status=closed&verdict=smuggling&urgent=true&assignee=me&channel=sms&sort=newest&page=3")
            .filter()
            .unwrap();
        assert_eq!(f.status, StatusFilter::Is(ReportStatus::Closed));
        assert_eq!(f.verdict.as_deref(), Some("smuggling"));
        assert!(f.urgent_only);
        assert_eq!(f.assignee, AssigneeFilter::Me);
        assert_eq!(f.channel, Some(Channel::Sms));
        assert_eq!(f.sort, QueueSort::Newest);
        assert_eq!(f.page, 3);
        let d = view("status=&page=").filter().unwrap();
        assert_eq!((d.status, d.page), (StatusFilter::Open, 1));
        let errors = view("status=x&verdict=y&urgent=1&assignee=z&channel=fax&sort=up&page=0")
            .filter()
            .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["status", "verdict", "assignee", "channel", "sort", "urgent", "page"]
        );
    }

    #[test]
    fn links_keep_the_filters() {
        let v = view("status=all&channel=sms&page=2&lang=ro&other=1");
        assert_eq!(v.href(3), "/reports?status=all&channel=sms&page=3");
        assert_eq!(QueueView::default().href(1), "/reports");
    }
}
