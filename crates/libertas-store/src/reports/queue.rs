//! The helpline's queue: one page of the organisation's reports, filtered and sorted, with the
//! count of all that match. Summaries only (no free text), so scanning the queue reads no one's
//! story and is not audited; opening a report is.
//!
//! Only the filters in use are written (see [`Where`]), their values bound; the order comes
//! from a short list of fixed clauses. Pages are by offset, found in two steps: the page's ids
//! first, read from an index that holds the filter, the order and the id (migration 0022), so
//! skipping to page 1,000 of every report ever received walks index entries only; then the 50
//! summaries, whose message counts are subqueries worth running for those 50 alone. A page in
//! the second half is read from the other end (the count comes first), so the last page costs
//! what the first does and the middle one the most. History
//! views (any status but the open one) list the newest first unless asked otherwise: the
//! working order, urgent first, belongs to the reports still waiting (see
//! `benches/report_queue.rs` for both).

use super::require_report_work;
use super::staff::{summary_from, SummaryRow, SUMMARY};
use crate::filter::Where;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::reports::{Channel, ReportStatus};

/// Reports on one page of the queue.
pub const QUEUE_PAGE: u32 = 50;

/// Which statuses the queue shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Waiting for the helpline: `new` or `screened`.
    #[default]
    Open,
    /// Every status.
    All,
    /// Exactly this one.
    Is(ReportStatus),
}

/// Whose reports the queue shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    /// Held by the caller.
    Me,
    /// Held by nobody.
    Nobody,
}

/// The queue's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueueSort {
    /// Urgent first, then the longest waiting (the helpline's working order).
    #[default]
    Urgent,
    /// The longest waiting first.
    Oldest,
    /// The latest first.
    Newest,
}

impl QueueSort {
    /// The order a view has when none is asked for: the working order (urgent first) for the
    /// reports still waiting, the newest first for any other status (a history).
    pub fn default_for(status: StatusFilter) -> QueueSort {
        match status {
            StatusFilter::Open => QueueSort::Urgent,
            StatusFilter::All | StatusFilter::Is(_) => QueueSort::Newest,
        }
    }

    /// The order's code in a URL: `urgent`, `oldest` or `newest`.
    pub fn as_str(self) -> &'static str {
        match self {
            QueueSort::Urgent => "urgent",
            QueueSort::Oldest => "oldest",
            QueueSort::Newest => "newest",
        }
    }
}

/// What the queue is asked for; `Default` is the first page of open reports, urgent first.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub status: StatusFilter,
    /// A screening verdict code (`trafficking`, `no_indication`…), or `unscreened`.
    pub verdict: Option<String>,
    pub urgent_only: bool,
    /// Only reports whose newest message is from the reporter (the home's "unanswered").
    pub unanswered: bool,
    pub assignee: AssigneeFilter,
    pub channel: Option<Channel>,
    pub sort: QueueSort,
    /// 1-based.
    pub page: u32,
}

/// One page of the queue and how many reports match in all.
#[derive(Clone, Debug)]
pub struct QueuePage {
    pub reports: Vec<super::ReportSummary>,
    pub total: i64,
}

impl QueueFilter {
    /// The `where` clause of the queue for `p`, with only the filters in use written, so the
    /// database can use the index of each (the open reports, a verdict, a channel…).
    fn clauses(&self, p: &Principal) -> Where {
        let mut w = Where::default();
        w.bind("r.org_id = ?", p.org_id.to_string());
        match self.status {
            StatusFilter::Open => w.add("r.status in ('new', 'screened')"),
            StatusFilter::All => &mut w,
            StatusFilter::Is(s) => w.bind("r.status = ?", s.as_str()),
        };
        match self.verdict.as_deref() {
            None | Some("") => {}
            Some("unscreened") => {
                w.add("r.verdict is null");
            }
            Some(v) => {
                w.bind("r.verdict = ?", v);
            }
        }
        if self.urgent_only {
            w.add("r.urgent = 1");
        }
        match self.assignee {
            AssigneeFilter::Anyone => {}
            AssigneeFilter::Me => {
                w.bind("r.assigned_to = ?", p.user_id.to_string());
            }
            AssigneeFilter::Nobody => {
                w.add("r.assigned_to is null");
            }
        }
        if let Some(c) = self.channel {
            w.bind("r.channel = ?", c.as_str());
        }
        if self.unanswered {
            w.add(
                "(select x.direction from report_messages x where x.report_id = r.id
                  order by x.created_at desc, x.id desc limit 1) = 'from_reporter'",
            );
        }
        w
    }
}

impl Store {
    /// One page of the caller's organisation's queue.
    pub async fn report_queue(
        &self,
        p: &Principal,
        f: &QueueFilter,
    ) -> Result<QueuePage, StoreError> {
        require_report_work(p)?;
        // Each order and its reverse: a page in the second half is read from the other end,
        // so the last page costs what the first does.
        let (order, reverse) = match f.sort {
            QueueSort::Urgent => (
                "r.urgent desc, r.created_at asc, r.id asc",
                "r.urgent asc, r.created_at desc, r.id desc",
            ),
            QueueSort::Oldest => ("r.created_at asc, r.id asc", "r.created_at desc, r.id desc"),
            QueueSort::Newest => ("r.created_at desc, r.id desc", "r.created_at asc, r.id asc"),
        };
        let w = f.clauses(p);
        let count_sql = format!("select count(*) from reports r where {}", w.sql());
        let total: i64 = w.scalar(&count_sql).fetch_one(self.pool()).await?;
        let per_page = i64::from(QUEUE_PAGE);
        let offset = i64::from(f.page.max(1) - 1) * per_page;
        let rows = if offset >= total {
            vec![]
        } else {
            let on_page = per_page.min(total - offset);
            let from_end = total - offset - on_page;
            let (by, skip, flip) = if from_end < offset {
                (reverse, from_end, true)
            } else {
                (order, offset, false)
            };
            // The page's ids from the index alone, then the summaries of those (at most 50).
            let sql = format!(
                "select {SUMMARY} from reports r where r.id in (
                   select r.id from reports r where {} order by {by}
                   limit {on_page} offset {skip})
                 order by {by}",
                w.sql()
            );
            let mut rows = w
                .query_as::<SummaryRow>(&sql)
                .fetch_all(self.pool())
                .await?;
            if flip {
                rows.reverse();
            }
            rows
        };
        Ok(QueuePage {
            reports: rows
                .into_iter()
                .map(summary_from)
                .collect::<Result<_, _>>()?,
            total,
        })
    }
}
