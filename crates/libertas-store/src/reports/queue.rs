//! The helpline's queue: one page of the organisation's reports, filtered and sorted, with the
//! count of all that match. Summaries only (no free text), so scanning the queue reads no one's
//! story and is not audited; opening a report is.
//!
//! Only the filters in use are written (see [`Where`]), their values bound; the order comes
//! from a short list of fixed clauses. Pages are by offset: a queue is the reports waiting
//! for an answer, hundreds at most, and the total is shown anyway; paging far back through
//! every report ever received is slower (see `benches/report_queue.rs`).

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
        let order = match f.sort {
            QueueSort::Urgent => "r.urgent desc, r.created_at asc, r.id asc",
            QueueSort::Oldest => "r.created_at asc, r.id asc",
            QueueSort::Newest => "r.created_at desc, r.id desc",
        };
        let offset = i64::from(f.page.max(1) - 1) * i64::from(QUEUE_PAGE);
        let w = f.clauses(p);
        let sql = format!(
            "select {SUMMARY} from reports r where {} order by {order} limit {QUEUE_PAGE} offset {offset}",
            w.sql()
        );
        let rows = w
            .query_as::<SummaryRow>(&sql)
            .fetch_all(self.pool())
            .await?;
        let count_sql = format!("select count(*) from reports r where {}", w.sql());
        let total: i64 = w.scalar(&count_sql).fetch_one(self.pool()).await?;
        Ok(QueuePage {
            reports: rows
                .into_iter()
                .map(summary_from)
                .collect::<Result<_, _>>()?,
            total,
        })
    }
}
