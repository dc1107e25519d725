//! The helpline's side of reporting: the JSON API, the queue and intake pages, the report
//! page and its triage forms.

pub(crate) mod api;
pub(crate) mod pages;
pub(crate) mod report;
pub(crate) mod triage;
