//! Referrals of a case to a partner: the JSON API and the pages (case referrals, incoming).

pub(crate) mod api;
pub(crate) mod pages;
