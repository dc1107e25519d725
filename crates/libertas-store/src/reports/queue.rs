//! The helpline's queue: one page of the organisation's reports, filtered and sorted, with the
//! count of all that match. Summaries only (no free text), so scanning the queue reads no one's
//! story and is not audited; opening a report is.
//!
//! Filters are bound parameters of one fixed statement (a blank value switches a filter off);
//! only the order comes from a short list of fixed clauses. Pages are by offset: a queue is
//! the reports waiting for an answer, hundreds at most, and the total is shown anyway.

use super::require_report_work;
use super::staff::{summary_from, SummaryRow, SUMMARY};
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

const WHERE: &str = "r.org_id = $1
    and ($2 = 'all' or ($2 = 'open' and r.status in ('new', 'screened')) or r.status = $2)
    and ($3 = '' or ($3 = 'unscreened' and r.verdict is null) or r.verdict = $3)
    and ($4 = 0 or r.urgent = 1)
    and ($5 = 'anyone' or ($5 = 'nobody' and r.assigned_to is null) or ($5 = 'me' and r.assigned_to = $6))
    and ($7 = '' or r.channel = $7)
    and ($8 = 0 or (select x.direction from report_messages x where x.report_id = r.id
                    order by x.created_at desc, x.id desc limit 1) = 'from_reporter')";

impl Store {
    /// One page of the caller's organisation's queue.
    pub async fn report_queue(
        &self,
        p: &Principal,
        f: &QueueFilter,
    ) -> Result<QueuePage, StoreError> {
        require_report_work(p)?;
        let status = match f.status {
            StatusFilter::Open => "open",
            StatusFilter::All => "all",
            StatusFilter::Is(s) => s.as_str(),
        };
        let assignee = match f.assignee {
            AssigneeFilter::Anyone => "anyone",
            AssigneeFilter::Me => "me",
            AssigneeFilter::Nobody => "nobody",
        };
        let order = match f.sort {
            QueueSort::Urgent => "r.urgent desc, r.created_at asc, r.id asc",
            QueueSort::Oldest => "r.created_at asc, r.id asc",
            QueueSort::Newest => "r.created_at desc, r.id desc",
        };
        let verdict = f.verdict.clone().unwrap_or_default();
        let channel = f.channel.map(Channel::as_str).unwrap_or_default();
        let offset = i64::from(f.page.max(1) - 1) * i64::from(QUEUE_PAGE);
        let sql = format!(
            "select {SUMMARY} from reports r where {WHERE} order by {order} limit {QUEUE_PAGE} offset $9"
        );
        let rows = sqlx::query_as::<_, SummaryRow>(&sql)
            .bind(p.org_id.to_string())
            .bind(status)
            .bind(&verdict)
            .bind(i64::from(f.urgent_only))
            .bind(assignee)
            .bind(p.user_id.to_string())
            .bind(channel)
            .bind(i64::from(f.unanswered))
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        let total: i64 =
            sqlx::query_scalar(&format!("select count(*) from reports r where {WHERE}"))
                .bind(p.org_id.to_string())
                .bind(status)
                .bind(&verdict)
                .bind(i64::from(f.urgent_only))
                .bind(assignee)
                .bind(p.user_id.to_string())
                .bind(channel)
                .bind(i64::from(f.unanswered))
                .fetch_one(self.pool())
                .await?;
        Ok(QueuePage {
            reports: rows
                .into_iter()
                .map(summary_from)
                .collect::<Result<_, _>>()?,
            total,
        })
    }
}
