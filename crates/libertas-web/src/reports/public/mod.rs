//! The anonymous public side of reporting: the JSON API, the report form and follow-up page,
//! and the receipt page.

pub(crate) mod api;
pub(crate) mod followup;
pub(crate) mod pages;
pub(crate) mod receipt;
