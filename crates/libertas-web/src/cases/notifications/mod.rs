//! Duty-to-notify records of a case: the JSON API and the page form.

pub(crate) mod api;
pub(crate) mod pages;
