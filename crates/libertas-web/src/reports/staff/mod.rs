//! The helpline's side of reporting: the JSON API, the queue and intake pages, the report
//! page and its triage forms.

pub(crate) mod api;
pub(crate) mod assignee;
pub(crate) mod filter;
pub(crate) mod pages;
pub(crate) mod queue;
pub(crate) mod queue_api;
pub(crate) mod report;
pub(crate) mod triage;
