//! Searching people and identifier look-ups: the JSON API and the search page.

pub(crate) mod api;
pub(crate) mod pages;
