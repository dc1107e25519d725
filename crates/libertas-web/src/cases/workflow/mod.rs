//! Case workflow: status, owner and the team's roles; JSON API and pages.

pub(crate) mod api;
pub(crate) mod pages;
