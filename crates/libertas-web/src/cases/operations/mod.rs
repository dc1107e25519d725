//! Operations (rescues, raids) of a case: the JSON API and the pages.

pub(crate) mod api;
pub(crate) mod pages;
