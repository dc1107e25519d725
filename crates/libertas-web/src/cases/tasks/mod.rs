//! Tasks of a case and a user's own tasks: JSON API and pages.

pub(crate) mod api;
pub(crate) mod list;
pub(crate) mod pages;
