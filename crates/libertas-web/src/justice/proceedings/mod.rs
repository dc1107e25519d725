//! Criminal proceedings of a case: charges, hearings, verdicts, sentences and suspects over
//! JSON (`*_api`), the proceedings page and its forms, and the timeline.

pub(crate) mod charges_api;
pub(crate) mod forms;
pub(crate) mod pages;
pub(crate) mod suspects_api;
pub(crate) mod timeline;
pub(crate) mod verdicts_api;
