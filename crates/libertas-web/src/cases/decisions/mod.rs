//! Decisions on a case (identification, reflection period) and their deadlines: JSON API and pages.

pub(crate) mod api;
pub(crate) mod pages;
