//! The shape of the queue's JSON in the OpenAPI document. The store's `ReportSummary` is what
//! is sent; these types only describe it (the store crate knows nothing of OpenAPI), and the
//! `openapi` test suite checks that answers match them.

use utoipa::ToSchema;

/// A report in the queue: no free text.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ReportSummaryJson {
    /// The report's id (a UUID): the API's and every link's.
    pub id: uuid::Uuid,
    /// The short report number people read aloud: `R-`, the year it came in, the count.
    #[schema(pattern = r"^R-[0-9]{4}-[0-9]{5,12}$")]
    pub number: String,
    /// `public`, `phone`, `email`, `sms`, `walk_in` or `web`.
    pub channel: String,
    /// `new`, `screened`, `referred`, `case_opened` or `closed`.
    pub status: String,
    /// Urgent: the reporter's "in danger now" until a person screens it, then the screening's.
    pub urgent: bool,
    /// What the reporter said; stays recorded whatever the screening found.
    pub in_danger_now: bool,
    pub verdict: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub unanswered_reporter_messages: i64,
    /// The username of the operator holding the report, or null.
    pub assignee: Option<String>,
    pub assigned_at: Option<String>,
}

/// One page of the queue.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct QueueJson {
    pub reports: Vec<ReportSummaryJson>,
    /// How many reports match the filters, on every page.
    pub total: i64,
    pub page: u32,
    /// Always 50.
    pub per_page: u32,
    /// Urgent open reports of the organisation, whatever the filters.
    pub urgent_waiting: i64,
}
